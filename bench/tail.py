"""Where the tail of single-query latency comes from: garbage collection, and the
queries that score many entities.

Corpus: every list file under ../shared/data, in the bench store of bench/speed.py
(default /tmp/caveat-bench-home). Queries: ``--queries`` distinct queries of the
customer-book mix of bench/speed.py (default 30,000; another seed), each screened once
with ``Screener.screen`` (default threshold, limit 10) and timed alone, so that the
per-string caches fill as they do in a server that runs for hours.

Two runs on the same queries, each in a fresh process that loads the saved index with
``caveat.indexing.load_index``:
- ``python``: the collector's thresholds put back to Python's defaults (700, 10, 10)
  once the index is loaded, as before `caveat.indexing.settle` changed them;
- ``caveat``: as `settle` leaves them (full collections every
  ``FULL_COLLECTION_EVERY`` young ones).
Reported for each: latency percentiles (p50, p99, p99.9, max); collections by
generation (how many, their total and longest pause, from ``gc.callbacks``); objects
the collector tracks at the end (what a full collection walks). For the ``caveat`` run,
the ``--slowest`` slowest queries (default 10) with how many entities each scored
(``Screener._score`` calls).

Command (from the repository root):
    .venv/bin/python bench/tail.py
    .venv/bin/python bench/tail.py --queries 5000 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path
from typing import Any

from _report import emit, machine, machine_line, note, table
from _speed_util import (
    code_digest,
    lists_parser,
    open_index,
    open_store,
    percentiles,
    query_mix,
    run_child,
)
from _warmup import WARM_UP

SCRIPT = Path(__file__).resolve()
PYTHON_THRESHOLDS = (700, 10, 10)
LISTED_SHARE = 0.2
SEED = 23


def child(home: Path, lists: Path, mode: str, count: int, slowest: int) -> dict[str, Any]:
    """One run in this process: screen every query, timing it and the collector."""
    from caveat.screen import Query, Screener

    store, _ = open_store(home, lists)
    index = open_index(store, home)
    screener = Screener(index)
    rows = query_mix(index, count, LISTED_SHARE, SEED, "t")
    queries = [r.query() for r in rows]
    for schema, left, _ in WARM_UP:
        screener.screen(Query(names=[left], schema=schema))
    if mode == "python":
        gc.set_threshold(*PYTHON_THRESHOLDS)
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    started = [0.0]

    def timed(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses[info["generation"]].append((time.perf_counter() - started[0]) * 1000)

    scored = [0]
    score = screener._score

    def counted(*args: Any, **kwargs: Any) -> Any:
        scored[0] += 1
        return score(*args, **kwargs)

    screener._score = counted  # type: ignore[method-assign]
    ms: list[float] = []
    entities: list[int] = []
    gc.callbacks.append(timed)
    for query in queries:
        scored[0] = 0
        start = time.perf_counter_ns()
        screener.screen(query)
        ms.append((time.perf_counter_ns() - start) / 1e6)
        entities.append(scored[0])
    gc.callbacks.remove(timed)
    ordered = sorted(ms)
    worst = sorted(range(len(ms)), key=lambda i: -ms[i])[:slowest]
    return {
        "mode": mode,
        "thresholds": list(gc.get_threshold()),
        "latency": dict(percentiles(ms), p999=ordered[min(len(ms) - 1, int(0.999 * len(ms)))]),
        "collections": {
            str(g): {"count": len(p), "total_ms": sum(p), "max_ms": max(p, default=0.0)}
            for g, p in pauses.items()
        },
        "tracked_objects": len(gc.get_objects()),
        "entities_scored": {"mean": sum(entities) / len(entities), "max": max(entities)},
        "slowest": [
            {
                "name": rows[i].name,
                "schema": rows[i].schema,
                "origin": rows[i].origin,
                "ms": ms[i],
                "entities_scored": entities[i],
            }
            for i in worst
        ],
    }


def report_markdown(report: dict[str, Any]) -> list[str]:
    runs = report["runs"]
    rows = []
    for r in runs:
        if "error" in r:
            rows.append([r.get("mode", "?"), f"NOT MEASURED: {r['error']}", *[""] * 9])
            continue
        lat, full = r["latency"], r["collections"]["2"]
        young = [r["collections"][g] for g in ("0", "1")]
        rows.append([
            r["mode"], ", ".join(map(str, r["thresholds"])),
            f"{lat['p50']:.2f}", f"{lat['p99']:.2f}", f"{lat['p999']:.1f}", f"{lat['max']:.1f}",
            f"{full['count']}", f"{full['total_ms']:,.0f}", f"{full['max_ms']:.1f}",
            f"{max(y['max_ms'] for y in young):.1f}", f"{r['tracked_objects']:,}",
        ])  # fmt: skip
    out = [
        "## Latency tail and garbage collection (bench/tail.py)",
        machine_line(report["machine"]) + f" Caveat source {report['code']}.",
        f"{report['queries']:,} distinct queries ({LISTED_SHARE:.0%} disguised listed names), "
        "each screened once and timed alone, in a fresh process per run.",
        table(
            [
                "thresholds",
                "gc (0, 1, 2)",
                "p50 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms",
                "full collections",
                "their total ms",
                "longest ms",
                "longest young ms",
                "tracked objects at end",
            ],
            rows,
            align="llrrrrrrrrr",
        ),
    ]
    caveat = next((r for r in runs if r.get("mode") == "caveat" and "slowest" in r), None)
    if caveat is not None:
        scored = caveat["entities_scored"]
        out.append(
            f"Entities scored per query (caveat run): mean {scored['mean']:.1f}, "
            f"max {scored['max']:,}. The slowest queries:"
        )
        out.append(
            table(
                ["query", "schema", "origin", "ms", "entities scored"],
                [
                    [
                        s["name"],
                        s["schema"],
                        s["origin"],
                        f"{s['ms']:.1f}",
                        f"{s['entities_scored']:,}",
                    ]
                    for s in caveat["slowest"]
                ],
                align="lllrr",
            )
        )
    return out


def main() -> None:
    parser = lists_parser(__doc__)
    parser.add_argument("--queries", type=int, default=30_000, help="distinct queries")
    parser.add_argument("--slowest", type=int, default=10, help="slowest queries listed")
    parser.add_argument("--child", choices=("python", "caveat"), help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()
    home = args.home.resolve()
    if args.child:
        print(json.dumps(child(home, args.lists, args.child, args.queries, args.slowest)))
        return
    report: dict[str, Any] = {
        "benchmark": "tail",
        "code": code_digest(),
        "machine": machine(),
        "queries": args.queries,
    }
    open_store(home, args.lists)  # load the lists once, before the children
    runs = []
    for mode in ("python", "caveat"):
        note(f"{mode} thresholds: {args.queries:,} queries in a fresh process ...")
        options = ["--child", mode, "--queries", str(args.queries), "--slowest", str(args.slowest)]
        options += ["--home", str(home), "--lists", str(args.lists)]
        runs.append(run_child(SCRIPT, options, home))
    report["runs"] = runs
    emit(args, report, report_markdown(report))


if __name__ == "__main__":
    main()
