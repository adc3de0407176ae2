"""Run nomenklatura's matchers (the peers) in a separate venv, one process per matcher.

The bench scripts build a list of ``Comparison`` objects once and hand the very same list
to Caveat and to every peer, so that all algorithms see identical inputs.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
WORKER = BENCH_DIR / "peers_worker.py"
DEFAULT_PEERS_PYTHON = BENCH_DIR / ".venv-peers" / "bin" / "python"
PEER_ALGORITHMS = ("logic-v2", "logic-v1", "ofac", "regression-v1")

# Name parts in the order nomenklatura's own entity benchmark joins them when an entity
# has no ``name``; applied to every algorithm's input alike.
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "motherName", "lastName")


@dataclass
class Comparison:
    """One query/candidate pair, as FollowTheMoney-style property sets."""

    id: int
    schema: str
    query: dict[str, list[str]]
    candidate: dict[str, list[str]]

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "schema": self.schema,
                "query": self.query,
                "candidate": self.candidate,
            },
            ensure_ascii=False,
        )


def name_pair(id: int, schema: str, name1: str, name2: str) -> Comparison:
    """A comparison of two bare names (query ``name1``, candidate ``name2``)."""
    return Comparison(id, schema, {"name": [name1]}, {"name": [name2]})


def with_composed_name(props: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add a ``name`` joined from the name parts when the property set has none.

    Args:
        props: property name to values.
    """
    out = {k: list(v) for k, v in props.items()}
    if len(out.get("name", [])) > 0:
        return out
    parts = [out[p][0] for p in NAME_PARTS if len(out.get(p, [])) > 0]
    if len(parts) > 0:
        out["name"] = [" ".join(parts)]
    return out


@dataclass
class PeerRun:
    """Scores and timings of one peer algorithm over a list of comparisons."""

    algorithm: str
    scores: list[float] = field(default_factory=list)
    us_cold: list[float] = field(default_factory=list)
    us_hot: list[float | None] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class PeersUnavailable(RuntimeError):
    """The peers venv does not exist: run bench/setup_peers.sh."""


def check_python(python: Path) -> None:
    """Fail early, with the fix, when the peers venv is missing.

    Args:
        python: the peers venv's interpreter.
    """
    if not python.exists():
        raise PeersUnavailable(
            f"{python} not found: create the peers venv with bench/setup_peers.sh"
        )


def peer_versions(python: Path = DEFAULT_PEERS_PYTHON) -> dict[str, str]:
    """Versions of nomenklatura and its stack in the peers venv.

    Args:
        python: the peers venv's interpreter.
    """
    check_python(python)
    proc = subprocess.run(
        [str(python), str(WORKER), "--versions"], capture_output=True, text=True, check=True
    )
    data: dict[str, str] = json.loads(proc.stdout)
    return data


def run_peer(
    algorithm: str,
    comparisons: list[Comparison],
    passes: int = 1,
    python: Path = DEFAULT_PEERS_PYTHON,
) -> PeerRun:
    """Score ``comparisons`` with one nomenklatura matcher in a fresh process.

    A matcher that fails to load or run gives a ``PeerRun`` with ``error`` set rather
    than an exception, so that one broken peer does not stop a benchmark.

    Args:
        algorithm: nomenklatura algorithm name (``logic-v2``, ``logic-v1``, ``ofac``,
            ``regression-v1``).
        comparisons: the inputs, in order.
        passes: timed passes; pass 1 is cold, passes 2..N give the hot time.
        python: the peers venv's interpreter.
    """
    check_python(python)
    stdin = "".join(c.to_json() + "\n" for c in comparisons)
    proc = subprocess.run(
        [str(python), str(WORKER), "--algorithm", algorithm, "--passes", str(passes)],
        input=stdin,
        capture_output=True,
        text=True,
    )
    run = PeerRun(algorithm)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        run.error = f"exit {proc.returncode}: " + " | ".join(tail)
        return run
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip() != ""]
    if len(rows) != len(comparisons):
        run.error = f"worker returned {len(rows)} rows for {len(comparisons)} inputs"
        return run
    for comparison, row in zip(comparisons, rows, strict=True):
        if row["id"] != comparison.id:
            run.error = f"worker answered id {row['id']} for {comparison.id}"
            return run
        run.scores.append(float(row["score"]))
        run.us_cold.append(float(row["us_cold"]))
        run.us_hot.append(None if row["us_hot"] is None else float(row["us_hot"]))
    return run


def run_peers(
    algorithms: list[str],
    comparisons: list[Comparison],
    passes: int = 1,
    python: Path = DEFAULT_PEERS_PYTHON,
) -> dict[str, PeerRun]:
    """Run each algorithm in turn (not in parallel, so timings do not compete).

    Args:
        algorithms: nomenklatura algorithm names.
        comparisons: the inputs, in order.
        passes: timed passes; pass 1 is cold, passes 2..N give the hot time.
        python: the peers venv's interpreter.
    """
    return {a: run_peer(a, comparisons, passes, python) for a in algorithms}
