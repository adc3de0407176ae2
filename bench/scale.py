"""Index build and query latency at OpenSanctions size, on a synthetic list.

Corpus: ``--entities`` synthetic entities (default 1,000,000; about 3 names each, so
about 3,000,000 names) from bench/_speed_synth.py: people and companies from general
name parts plus a Zipf-weighted long tail of coined parts, with transliterated and
misspelt aliases, birth dates and countries. Nothing comes from the real lists. No store
is involved: ``ScreeningIndex(entities, load_variants())`` is built directly in this
process (entity generation is timed apart and not counted in the build), then settled
out of the garbage collector's sight as ``caveat.indexing.load_index`` does.

Reported: generation and build seconds; peak RSS of the process (``ru_maxrss``, so it
includes the generated entities, as a real build holds the entities it reads) and the
resident size once the entities are freed; pickle size, dump seconds and a load in a
fresh process (skip with ``--no-pickle``); single-query latency of
``Screener.screen(query)`` (default threshold, limit 10) over ``--queries`` queries
(default 1,000: 20% disguised synthetic-list names, 80% synthetic customers, as in
bench/speed.py), each timed alone; pass 1 cold (only bench/_warmup.py ran before), pass
2 hot. A watchdog stops the run when the resident size passes ``--max-rss-gb``
(default 12).

Targets at 1,000,000 entities: build ≤ 10 minutes, peak RSS ≤ 6 GB, p99 ≤ 20 ms.

Command (from the repository root):
    .venv/bin/python bench/scale.py --entities 50000      # quick check
    .venv/bin/python bench/scale.py                       # full size, several minutes
    .venv/bin/python bench/scale.py --json --no-pickle
    .venv/bin/python bench/scale.py --no-pickle --profile   # cProfile a hot pass
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pickle
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _report import emit, fmt, machine, machine_line, note, table
from _speed_synth import synthetic_entities
from _speed_util import (
    DEFAULT_HOME,
    code_digest,
    max_rss_mb,
    percentiles,
    query_mix,
    rss_mb,
    use_home,
)
from _warmup import WARM_UP

TARGETS = {"build_s": 600.0, "peak_rss_mb": 6144.0, "p99_ms": 20.0}
LOAD_CODE = """
import pickle, resource, sys, time
start = time.perf_counter()
import caveat.index
imported = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    index = pickle.load(f)
print(round(imported - start, 3), round(time.perf_counter() - imported, 3),
      round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def watchdog(limit_mb: float, started: float) -> None:
    """Report the resident size every 30 s; end the process beyond ``limit_mb``."""
    last = 0.0
    while True:
        current = rss_mb()
        if current > limit_mb:
            note(f"RSS {current:,.0f} MB passed the {limit_mb:,.0f} MB limit: stopping")
            os._exit(3)
        elapsed = time.perf_counter() - started
        if elapsed - last >= 30:
            note(f"  [{elapsed:6.0f} s] RSS {current:,.0f} MB")
            last = elapsed
        time.sleep(0.5)


def pickle_figures(index: Any, folder: Path) -> dict[str, Any]:
    """Dump the index, then load it in a fresh interpreter."""
    path = folder / "scale-index.pickle"
    start = time.perf_counter()
    with path.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    dumped = time.perf_counter() - start
    proc = subprocess.run(
        [sys.executable, "-c", LOAD_CODE, str(path)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:]
        return {"bytes": path.stat().st_size, "dump_s": round(dumped, 2), "error": tail}
    imp, load, rss = proc.stdout.split()
    out = {
        "bytes": path.stat().st_size,
        "dump_s": round(dumped, 2),
        "import_s": float(imp),
        "load_s": float(load),
        "load_peak_rss_mb": float(rss),
    }
    path.unlink()
    return out


def profile_pass(screener: Any, rows: list[Any]) -> None:
    """cProfile one more (hot) pass; the top functions go to stderr."""
    queries = [r.query() for r in rows]
    profiler = cProfile.Profile()
    profiler.enable()
    for query in queries:
        screener.screen(query)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(25)
        note(f"cProfile, hot pass, by {order}:\n{text.getvalue()}")


def latency(screener: Any, rows: list[Any]) -> list[dict[str, Any]]:
    from caveat.screen import Query

    for schema, left, _ in WARM_UP:
        screener.screen(Query(names=[left], schema=schema))
    queries = [r.query() for r in rows]
    clock = time.perf_counter_ns
    passes = []
    for _ in range(2):
        gc.collect()
        ms = []
        for query in queries:
            start = clock()
            screener.screen(query)
            ms.append((clock() - start) / 1e6)
        groups = {"all": ms}
        for origin in ("synthetic", "listed"):
            groups[origin] = [
                t for t, r in zip(ms, rows, strict=True) if r.origin.startswith(origin)
            ]
        passes.append({k: percentiles(v) for k, v in groups.items()})
    return passes


def markdown(report: dict[str, Any]) -> list[str]:
    b = report["build"]
    head = (
        f"# Scale: {report['entities']:,} synthetic entities, {b['names']:,} names, "
        f"{b['parts']:,} distinct parts\n\n{machine_line(report['machine'])} "
        f"Caveat source {report['code']}. Targets at 1M "
        "entities: build ≤ 600 s, peak RSS ≤ 6,144 MB, p99 ≤ 20 ms."
    )
    rows = [
        ["generate entities (not counted)", f"{b['generate_s']:.1f} s", ""],
        ["build ScreeningIndex", f"{b['build_s']:.1f} s", "≤ 600 s"],
        ["RSS after generating the entities", f"{b['rss_entities_mb']:,.0f} MB", ""],
        ["peak RSS (entities + index)", f"{b['peak_rss_mb']:,.0f} MB", "≤ 6,144 MB"],
        ["resident after freeing the entities", f"{b['rss_index_mb']:,.0f} MB", ""],
    ]
    p = report.get("pickle")
    if p is not None and "error" in p:
        rows += [
            ["pickle size", f"{p['bytes'] / 2**20:,.0f} MB", ""],
            ["pickle dump", f"{p['dump_s']:.1f} s", ""],
            ["load in a fresh process", f"FAILED: {p['error']}", ""],
        ]
    elif p is not None:
        rows += [
            ["pickle size", f"{p['bytes'] / 2**20:,.0f} MB", ""],
            ["pickle dump", f"{p['dump_s']:.1f} s", ""],
            [
                "load in a fresh process (import + unpickle)",
                f"{p['import_s']:.2f} + {p['load_s']:.2f} s, peak {p['load_peak_rss_mb']:,.0f} MB",
                "",
            ],
        ]
    lat = []
    for number, passed in enumerate(report["latency"]):
        label = "cold (pass 1)" if number == 0 else "hot (pass 2)"
        for group, s in passed.items():
            lat.append(
                [label, group, str(s["n"])]
                + [fmt(s[k], 2) for k in ("mean", "p50", "p95", "p99", "max")]
            )
    return [
        head,
        table(["build", "measured", "target"], rows, align="lrr"),
        "## Single query (ms)\n\n"
        + table(["pass", "queries", "n", "mean", "p50", "p95", "p99", "max"], lat),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="bench CAVEAT_HOME")
    parser.add_argument("--max-rss-gb", type=float, default=12.0)
    parser.add_argument("--no-pickle", action="store_true", help="skip pickle size and load")
    parser.add_argument("--profile", action="store_true", help="cProfile a hot pass")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()
    host = machine()
    use_home(args.home.resolve())
    started = time.perf_counter()
    threading.Thread(target=watchdog, args=(args.max_rss_gb * 1024, started), daemon=True).start()
    from caveat.collection import collection_paused
    from caveat.index import ScreeningIndex
    from caveat.indexing import settle
    from caveat.knowledge import load_variants
    from caveat.screen import Screener

    variants = load_variants()
    note(f"generating {args.entities:,} entities ...")
    start = time.perf_counter()
    entities = list(synthetic_entities(args.entities, args.seed))
    generated = time.perf_counter() - start
    build: dict[str, Any] = {"generate_s": round(generated, 1), "rss_entities_mb": rss_mb()}
    note(f"  {generated:.0f} s; building the index ...")
    start = time.perf_counter()
    with collection_paused():  # as caveat.indexing.load_index builds
        index = ScreeningIndex(entities, variants, "scale")
    build["build_s"] = round(time.perf_counter() - start, 1)
    build["peak_rss_mb"] = max_rss_mb()
    build["names"] = len(index.names)
    build["parts"] = len(index.postings)
    del entities
    settle(index)  # as caveat.indexing.load_index does: out of the collector's sight
    build["rss_index_mb"] = rss_mb()
    note(f"  built in {build['build_s']:.0f} s, peak RSS {build['peak_rss_mb']:,.0f} MB")
    report: dict[str, Any] = {
        "benchmark": "scale",
        "machine": host,
        "code": code_digest(),
        "entities": args.entities,
        "build": build,
    }
    rows = query_mix(index, args.queries, 0.2, seed=args.seed + 1, prefix="s")
    note(f"latency over {len(rows):,} queries ...")
    screener = Screener(index)
    report["latency"] = latency(screener, rows)
    if args.profile:
        profile_pass(screener, rows)
    if not args.no_pickle:
        note("pickling and loading in a fresh process ...")
        with tempfile.TemporaryDirectory(dir=args.home) as folder:
            report["pickle"] = pickle_figures(index, Path(folder))
    report["peak_rss_mb"] = max_rss_mb()
    report["targets"] = TARGETS
    emit(args, report, markdown(report))


if __name__ == "__main__":
    main()
