"""Score entity pairs with one of nomenklatura's matchers, for Caveat's benchmarks.

Runs under bench/.venv-peers/bin/python (see bench/setup_peers.sh), never under
Caveat's own venv: nomenklatura pins its own followthemoney and rigour, and keeping it in
a separate process also keeps its caches away from Caveat's timings.

Protocol: the bench scripts start one worker per algorithm, so that every algorithm
starts with cold caches.

- stdin: JSON lines, one comparison each:
  ``{"id": ..., "schema": "Person", "query": {"name": [...]}, "candidate": {...}}``
  (FollowTheMoney property names to lists of values).
- stdout: one JSON line per input line, in the same order:
  ``{"id": ..., "score": 0.93, "us_cold": 118.2, "us_hot": 101.7}``.
  ``us_cold`` is the wall time of this comparison in pass 1, ``us_hot`` the mean over
  passes 2..N (``null`` when ``--passes 1``). The garbage collector runs before
  each pass and stays on during it.

All input is read and turned into entities before any timing starts. One-time loading
(the matcher module, regression-v1's pickled model, rigour's name data) is done by a
warm-up on the pairs in bench/_warmup.py, which are in no benchmark corpus.

Usage:
    bench/.venv-peers/bin/python bench/peers_worker.py --algorithm logic-v2 --passes 3 < in
    bench/.venv-peers/bin/python bench/peers_worker.py --versions
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from importlib import metadata
from typing import Any

from _warmup import WARM_UP


def versions() -> dict[str, str]:
    """Versions of the peer stack, so that results can be reproduced."""
    out = {"python": platform.python_version()}
    for dist in ("nomenklatura", "followthemoney", "rigour", "scikit-learn"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "absent"
    return out


def make_entity(schema: str, props: dict[str, list[str]], key: str) -> Any:
    """A followthemoney ValueEntity with the given properties (cleaned by FtM)."""
    from followthemoney import ValueEntity, model

    schema_obj = model.get(schema)
    if schema_obj is None:
        raise ValueError(f"unknown schema: {schema}")
    entity = ValueEntity(schema_obj, {"id": key})
    for prop, values in props.items():
        for value in values:
            entity.add(prop, value, quiet=True)
    return entity


def run(algorithm_name: str, passes: int) -> int:
    """Read comparisons from stdin, score them, write results to stdout."""
    from nomenklatura.matching import get_algorithm

    algorithm = get_algorithm(algorithm_name)
    if algorithm is None:
        print(f"no nomenklatura algorithm named {algorithm_name!r}", file=sys.stderr)
        return 2
    config = algorithm.default_config()
    items = [json.loads(line) for line in sys.stdin if line.strip() != ""]
    pairs = []
    for n, item in enumerate(items):
        query = make_entity(item["schema"], item["query"], f"q{n}")
        candidate = make_entity(item["schema"], item["candidate"], f"c{n}")
        pairs.append((query, candidate))
    for n, (schema, left, right) in enumerate(WARM_UP):
        warm_query = make_entity(schema, {"name": [left]}, f"wq{n}")
        warm_candidate = make_entity(schema, {"name": [right]}, f"wc{n}")
        algorithm.compare(warm_query, warm_candidate, config)

    scores: list[float] = []
    cold: list[float] = []
    clock = time.perf_counter_ns
    gc.collect()
    for query, candidate in pairs:
        start = clock()
        result = algorithm.compare(query, candidate, config)
        cold.append((clock() - start) / 1000.0)
        scores.append(float(result.score))
    hot = [0.0] * len(pairs)
    for _ in range(passes - 1):
        gc.collect()
        for i, (query, candidate) in enumerate(pairs):
            start = clock()
            algorithm.compare(query, candidate, config)
            hot[i] += (clock() - start) / 1000.0
    out = sys.stdout
    for i, item in enumerate(items):
        row = {
            "id": item.get("id", i),
            "score": scores[i],
            "us_cold": round(cold[i], 2),
            "us_hot": round(hot[i] / (passes - 1), 2) if passes > 1 else None,
        }
        out.write(json.dumps(row) + "\n")
    out.flush()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--algorithm", help="nomenklatura algorithm NAME, e.g. logic-v2")
    parser.add_argument("--passes", type=int, default=1, help="timed passes (>= 1)")
    parser.add_argument("--versions", action="store_true", help="print versions and exit")
    args = parser.parse_args()
    if args.versions:
        print(json.dumps(versions()))
        return 0
    if args.algorithm is None or args.passes < 1:
        parser.error("--algorithm is required and --passes must be >= 1")
    return run(args.algorithm, args.passes)


if __name__ == "__main__":
    sys.exit(main())
