"""Shared pieces of speed.py, recall.py and scale.py: the bench home and store, query
mixes, percentiles, memory readings and child processes.

Caveat is imported inside the functions, after ``CAVEAT_HOME`` has been pointed at the
benchmark's own directory (never the user's).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from _report import note
from _speed_names import COUNTRIES, birth_date, company_name, person_name
from _speed_perturb import PERTURBATIONS

DEFAULT_HOME = Path("/tmp/caveat-bench-home")
DEFAULT_LISTS = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def lists_parser(doc: str | None, home: Path = DEFAULT_HOME) -> argparse.ArgumentParser:
    """The options of every benchmark that loads the list files into a bench home."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--home", type=Path, default=home, help="bench CAVEAT_HOME")
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="list files")
    return parser


BATCH_COLUMNS = ("id", "name", "schema", "birth_date", "country", "id_number")

# How listed names are disguised in the latency mix (weights).
MIX_PERTURBATIONS = {
    "exact": 25, "noise": 15, "typo": 30, "swap": 15, "drop_token": 5, "initials": 5,
    "cyrillic": 5,
}  # fmt: skip


def code_digest() -> str:
    """A short digest of Caveat's source, so a figure can be tied to the code measured."""
    root = Path(__file__).resolve().parent.parent / "caveat"
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")) + sorted(root.rglob("*.yml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def use_home(home: Path) -> None:
    """Point Caveat at the benchmark's own data directory (before importing it)."""
    home.mkdir(parents=True, exist_ok=True)
    os.environ["CAVEAT_HOME"] = str(home)
    os.environ.pop("CAVEAT_DATABASE_URL", None)


def open_store(home: Path, lists: Path) -> tuple[Any, float]:
    """The bench store, loading every list under ``lists`` when it is still empty.

    Returns the store and the seconds spent loading (0 when it was loaded before).
    """
    use_home(home)
    from caveat.batch.local import worker_count
    from caveat.loading import load_path
    from caveat.store import Store

    store = Store(f"sqlite:///{home / 'caveat.db'}")
    if store.lists():
        return store, 0.0
    note(f"loading every list under {lists} into {home} ...")
    start = time.perf_counter()
    # As `caveat update --from` loads: the sets parsed on every core.
    report = load_path(store, lists, workers=worker_count(0))
    for failed in report.failed:
        note(f"  failed: {failed.files.label}: {failed.error}")
    return store, time.perf_counter() - start


def open_index(store: Any, home: Path) -> Any:
    """``load_index`` for the bench home; a pickle an older engine wrote (whose state no
    longer loads) is deleted and the index rebuilt."""
    from caveat.indexing import load_index

    try:
        return load_index(store, home=home)
    except (KeyError, TypeError, ValueError) as exc:
        note(f"stale index pickle in {home / 'index'} ({exc!r}): rebuilding")
        for stale in (home / "index").glob("*.pickle"):
            stale.unlink()
        return load_index(store, home=home)


def fresh_index(store: Any) -> Any:
    """A ScreeningIndex built now from the store's active entities, so that the code
    measured is the code on disk (a pickle from before an edit would load unchanged)."""
    from caveat.index import ScreeningIndex
    from caveat.knowledge import load_variants

    return ScreeningIndex(list(store.active_entities()), load_variants())


@dataclass
class QueryRow:
    """One screening query as a customer record, and where it came from."""

    id: str
    name: str
    schema: str
    birth_date: str = ""
    country: str = ""
    id_number: str = ""
    origin: str = "synthetic"
    truth: int = -1  # index position of the listed entity it was made from, else -1

    def query(self) -> Any:
        from caveat.screen import Query

        return Query(
            names=[self.name],
            schema=self.schema or "Thing",
            birth_dates=[self.birth_date] if self.birth_date else [],
            countries=[self.country] if self.country else [],
            identifiers=[self.id_number] if self.id_number else [],
        )


def synthetic_row(key: str, rng: random.Random) -> QueryRow:
    """A customer who (very probably) is on no list."""
    if rng.random() < 0.65:
        return QueryRow(
            key,
            person_name(rng),
            "Person",
            birth_date(rng) if rng.random() < 0.6 else "",
            rng.choice(COUNTRIES) if rng.random() < 0.5 else "",
        )
    return QueryRow(
        key,
        company_name(rng),
        "Company",
        country=rng.choice(COUNTRIES) if rng.random() < 0.6 else "",
        id_number=str(rng.randrange(10**7, 10**9)) if rng.random() < 0.05 else "",
    )


def query_schema(listed: str) -> str:
    """The schema a customer record would carry for a listed entity of this schema."""
    return listed if listed in ("Person", "Vessel", "Airplane") else "Company"


def listed_row(
    key: str, index: Any, position: int, kind: str, rng: random.Random
) -> QueryRow | None:
    """A query made from one of the entity's names, disguised by perturbation ``kind``."""
    names = index.names_of(position)
    if not names:
        return None
    strong = [n for n in names if n.kind == "name"]
    chosen = rng.choice(strong if strong and rng.random() < 0.7 else names)
    schema = index.schemas[position]
    if kind == "initials" and schema != "Person":
        return None
    text = PERTURBATIONS[kind](chosen.text, rng)
    if text is None or text.strip() == "":
        return None
    facts = index.facts[position]
    row = QueryRow(key, text, query_schema(schema), origin=f"listed/{kind}", truth=position)
    if schema == "Person" and facts.birth_dates and rng.random() < 0.4:
        row.birth_date = rng.choice(facts.birth_dates)
    if facts.countries and rng.random() < 0.4:
        row.country = sorted(facts.countries)[0]
    return row


def query_mix(index: Any, n: int, listed_share: float, seed: int, prefix: str) -> list[QueryRow]:
    """``n`` queries: ``listed_share`` of them disguised listed names, the rest synthetic."""
    rng = random.Random(seed)
    kinds, weights = list(MIX_PERTURBATIONS), list(MIX_PERTURBATIONS.values())
    rows: list[QueryRow] = []
    while len(rows) < n:
        key = f"{prefix}{len(rows) + 1}"
        if rng.random() < listed_share:
            kind = rng.choices(kinds, weights=weights)[0]
            row = listed_row(key, index, rng.randrange(len(index)), kind, rng)
            if row is None:
                continue
            rows.append(row)
        else:
            rows.append(synthetic_row(key, rng))
    return rows


def write_batch_csv(rows: Sequence[QueryRow], path: Path) -> None:
    """The rows in Caveat's batch input format."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BATCH_COLUMNS)
        for r in rows:
            writer.writerow([r.id, r.name, r.schema, r.birth_date, r.country, r.id_number])


def save_rows(rows: Sequence[QueryRow], path: Path) -> None:
    path.write_text("\n".join(json.dumps(asdict(r), ensure_ascii=False) for r in rows))


def load_rows(path: Path) -> list[QueryRow]:
    return [QueryRow(**json.loads(line)) for line in path.read_text().splitlines() if line]


def percentiles(ms: Sequence[float]) -> dict[str, float]:
    """Mean, p50, p95, p99 and max of per-query milliseconds (nearest rank)."""
    values = sorted(ms)
    if not values:
        return {}

    def rank(q: float) -> float:
        return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]

    return {
        "n": len(values),
        "mean": round(statistics.fmean(values), 3),
        "p50": round(rank(0.50), 3),
        "p95": round(rank(0.95), 3),
        "p99": round(rank(0.99), 3),
        "max": round(values[-1], 3),
    }


def max_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or its waited-for children), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024.0, 1)


def rss_mb() -> float:
    """Current resident set size of this process, in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def _child_env(home: Path) -> dict[str, str]:
    """This process's environment for a child that uses the bench home, not the user's."""
    env = dict(os.environ, CAVEAT_HOME=str(home))
    env.pop("CAVEAT_DATABASE_URL", None)
    return env


def command_start(home: Path, name: str, schema: str) -> dict[str, Any]:
    """``caveat screen NAME`` as a user runs it, in a fresh interpreter: the wall time of
    the whole process (start, imports, store, index, the query, printing the table)."""
    env = dict(_child_env(home), COLUMNS="200")
    command = [sys.executable, "-c", "from caveat.cli import main; main()"]
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, "screen", name, "--schema", schema], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        note(f"caveat screen failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return {"process_wall_s": round(wall, 3)}


def run_child(script: Path, args: list[str], home: Path) -> dict[str, Any]:
    """Run ``script --child ...`` in a fresh interpreter; its last stdout line is JSON."""
    env = _child_env(home)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        note(f"child {args[0]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall_s"] = round(wall, 3)
    return out
