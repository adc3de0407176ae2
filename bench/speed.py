"""Screening speed end to end: index build, cold start, per-query latency, batch
throughput, and scoring time against nomenklatura's logic-v2 on the same candidates.

Corpus: every list file under ../shared/data (see its SOURCES.md), loaded with
``caveat.loading.load_path`` into a store in a benchmark home (default
/tmp/caveat-bench-home, set as CAVEAT_HOME; never the user's). The active versions are
about 30,600 entities with 58,000 names. Queries are a customer-book mix (see
bench/_speed_util.py): 20% listed names disguised (exact 25%, case/punctuation 15%,
one typo 30%, word order 15%, a dropped word 5%, initials 5%, naive Cyrillic 5%, by
weight) and 80% synthetic people and companies built from general name parts
(bench/_speed_names.py, none taken from the lists); 60% of synthetic people carry a
birth date, about half a country. Seeds are fixed, so every run sees the same queries.

Measured:
- Raw files: when the bench home is empty (a new ``--home``), this process parses every
  list file into the store first, as ``caveat update --from`` does (sets parsed on every
  core); seconds and its peak RSS then (otherwise not shown). The peak RSS is this
  process's; each parsing process is a fork of it.
- Build: a fresh process reads the active entities from the store, builds
  ``ScreeningIndex`` and pickles it where ``caveat.indexing.load_index`` finds it;
  seconds per phase and peak RSS (``resource.getrusage``), pickle size.
- Cold start: a fresh process (``--cold-runs`` times, default 3) imports Caveat, loads
  the pickled index with ``load_index`` and answers one query, then times a first query
  that names a country (it reads `caveat.countries`' table); the OS file cache is warm.
  Then as many runs of the command ``caveat screen "Ismail Demir" --schema Person``,
  each a fresh interpreter, timed whole (process wall: imports, store, index, query,
  the printed table).
- Latency: ``Screener.screen(query)`` (default threshold, limit 10) in this process,
  each query timed alone (time.perf_counter_ns), ``--queries`` queries (default 2,000).
  Pass 1 is cold (this process has loaded the index but seen none of these names; only
  the warm-up of bench/_warmup.py ran); pass 2 is hot (per-string caches filled).
- Batch: ``caveat.batch.run_batch`` over a CSV of ``--rows`` new rows (default 20,000;
  another seed of the same mix) with workers=2 and workers=1, each in a fresh process
  (index load not counted); rows/s as run_batch reports it (read + screen + write).
- logic-v2: ``--compare`` queries (default 300) of the mix; for each, the candidates
  ``ScreeningIndex.candidates`` returns (top 40, as ``screen`` asks for limit 10),
  all of them, before the score-based pruning ``screen`` applies. Caveat scores each
  pair with ``caveat.match.scoring.score_entity`` (query analysis done once beforehand,
  as for retrieval); nomenklatura 4.17.4 logic-v2 scores the same query entity
  (name, birthDate, country, idNumber) against the listed entity's full properties, in
  bench/peers_worker.py (entities built before timing). Per-query time is the sum over
  the query's pairs; pass 1 cold, pass 2 hot, for both.

Command (from the repository root):
    .venv/bin/python bench/speed.py                      # markdown tables
    .venv/bin/python bench/speed.py --json               # machine-readable
    .venv/bin/python bench/speed.py --rows 5000 --no-peers --profile   # quicker, cProfile
"""

from __future__ import annotations

import cProfile
import gc
import io
import pstats
import random
import time
from pathlib import Path
from typing import Any

from _peers import DEFAULT_PEERS_PYTHON
from _report import emit, fmt, machine, machine_line, note, table
from _speed_util import (
    code_digest,
    command_start,
    lists_parser,
    max_rss_mb,
    open_index,
    open_store,
    percentiles,
    query_mix,
    run_child,
    save_rows,
    write_batch_csv,
)
from _warmup import WARM_UP

CHILD = Path(__file__).resolve().parent / "_speed_child.py"
TARGETS = {"p50_ms": 1.0, "p99_ms": 5.0, "rows_per_s": 5000.0, "cold_start_s": 1.0}


def latency(screener: Any, rows: list[Any], passes: int, profile: bool) -> dict[str, Any]:
    """Time every query alone, pass after pass; per-pass percentiles, by origin."""
    from caveat.screen import Query

    for schema, left, _ in WARM_UP:
        screener.screen(Query(names=[left], schema=schema))
    queries = [r.query() for r in rows]
    clock = time.perf_counter_ns
    out: dict[str, Any] = {"passes": []}
    found = flagged = 0
    for number in range(passes):
        gc.collect()
        ms: list[float] = []
        for query, row in zip(queries, rows, strict=True):
            start = clock()
            hits = screener.screen(query)
            ms.append((clock() - start) / 1e6)
            if number == 0 and row.truth < 0:
                flagged += bool(hits)
            if number == 0 and row.truth >= 0:
                head = screener.index.canonical[row.truth]
                found += any(h.entity.id == screener.index.ids[head] for h in hits)
        groups = {"all": ms}
        for origin in ("synthetic", "listed"):
            groups[origin] = [
                t for t, r in zip(ms, rows, strict=True) if r.origin.startswith(origin)
            ]
        out["passes"].append({k: percentiles(v) for k, v in groups.items()})
    listed = sum(r.truth >= 0 for r in rows)
    out["listed_found"] = {"queries": listed, "true_entity_in_hits": found}
    out["synthetic_flagged"] = {"queries": len(rows) - listed, "with_hits": flagged}
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for query in queries:
            screener.screen(query)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(25)
            note(f"cProfile, hot pass, by {order}:\n{text.getvalue()}")
    return out


def _failed(part: dict[str, Any]) -> str | None:
    return f"NOT MEASURED: {part['error']}" if "error" in part else None


def build_section(report: dict[str, Any]) -> str:
    b = report["build"]
    if _failed(b):
        rows = [["build", str(_failed(b)), ""]]
    else:
        rows = []
        if report["store_load_s"]:
            rows.append(["parse the list files into an empty store (peak RSS)",
                         f"{report['store_load_s']:.1f} s ({report['store_load_rss_mb']:,.0f} MB)",
                         ""])  # fmt: skip
        rows += [
            ["read entities from store", f"{b['read_store_s']:.2f} s", ""],
            ["build ScreeningIndex", f"{b['build_s']:.2f} s", "a few seconds"],
            ["pickle", f"{b['pickle_s']:.2f} s", ""],
            ["peak RSS after build / with pickling",
             f"{b['peak_rss_build_mb']:,.0f} / {b['peak_rss_mb']:,.0f} MB", ""],
            ["pickle size", f"{b['pickle_bytes'] / 2**20:.1f} MB", ""],
        ]  # fmt: skip
    for i, c in enumerate(report["cold_start"], 1):
        label = f"cold start {i}: import + load_index + 1 query (process wall)"
        value = _failed(c) or (
            f"{c['import_s']:.2f} + {c['load_index_s']:.2f} + {c['first_query_s']:.3f} = "
            f"{c['total_s']:.2f} s ({c['process_wall_s']:.2f} s)"
            + ("" if c["from_pickle"] else " REBUILT")
        )
        rows.append([label, value, "< 1 s"])
        if "country_query_s" in c:
            rows.append([f"cold start {i}: then a first query naming a country",
                         f"{c['country_query_s']:.3f} s", ""])  # fmt: skip
    for i, c in enumerate(report.get("command_start", ()), 1):
        value = _failed(c) or f"{c['process_wall_s']:.2f} s"
        rows.append([f"command start {i}: `caveat screen` as a user runs it", value, ""])
    return table(["build and cold start", "measured", "target"], rows, align="lrr")


def latency_section(lat: dict[str, Any]) -> str:
    rows = []
    for number, p in enumerate(lat["passes"]):
        label = "cold (pass 1)" if number == 0 else f"hot (pass {number + 1})"
        for group, s in p.items():
            cells = [fmt(s[k], 3) for k in ("mean", "p50", "p95", "p99", "max")]
            rows.append([label, group, str(s["n"]), *cells])
    found = lat["listed_found"]
    return (
        "## Single query, in process (ms)\n\n"
        + table(["pass", "queries", "n", "mean", "p50", "p95", "p99", "max"], rows)
        + "\n\nDisguised listed names whose entity is among the hits: "
        f"{found['true_entity_in_hits']} of {found['queries']}. Synthetic customers with "
        f"at least one hit: {lat['synthetic_flagged']['with_hits']} of "
        f"{lat['synthetic_flagged']['queries']}."
    )


def batch_section(runs: list[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        if _failed(r):
            rows.append([str(_failed(r)), "", "", "", "", "", ""])
            continue
        rows.append([
            str(r["workers"]), f"{r['rows']:,}", fmt(r["seconds"], 1), f"{r['rate']:,.0f}",
            fmt(1e6 / r["rate"] / 60, 1) if r["rate"] else "–", f"{r['hits']:,}",
            f"{r['peak_rss_mb']:,.0f} / {r['peak_rss_worker_mb']:,.0f}",
        ])  # fmt: skip
    headers = ["workers", "rows", "s", "rows/s", "min per 1M rows", "hits",
               "peak RSS MB parent / worker"]  # fmt: skip
    return "## Batch (run_batch, fresh process each)\n\n" + table(headers, rows)


def peer_section(peer: dict[str, Any]) -> str:
    title = "## Scoring the same candidates: Caveat and logic-v2"
    if _failed(peer):
        return f"{title}\n\n{_failed(peer)}"
    rows = []
    for side, label in (("caveat", "Caveat score_entity"), ("logic_v2", "logic-v2")):
        s = peer[side]
        rows.append([label, fmt(s["cold"]["mean"], 2), fmt(s["hot"]["mean"], 2),
                     fmt(s["hot"]["p50"], 2), fmt(s["hot"]["p99"], 2),
                     fmt(s["us_per_pair_hot"], 1)])  # fmt: skip
    agree, at = peer["same_best_candidate"], peer["pairs_at_threshold"]
    headers = ["scorer", "ms/query cold mean", "hot mean", "hot p50", "hot p99", "µs/pair hot"]
    return (
        f"{title}\n\n{peer['queries']} queries, {peer['pairs']:,} query x candidate pairs "
        f"(screen itself scores {peer['pairs_after_pruning']:,} after its pruning).\n\n"
        + table(headers, rows)
        + f"\n\nlogic-v2 / Caveat, hot: median per-query ratio "
        f"{peer['ratio_median_per_query']}, ratio of totals {peer['ratio_of_totals']}. "
        f"Pairs at threshold: Caveat {at['caveat']}, logic-v2 {at['logic_v2']}; same best "
        f"candidate in {agree['same']} of {agree['queries_with_hits_both']} queries both flag."
    )


def markdown(report: dict[str, Any]) -> list[str]:
    """The report as markdown sections."""
    b = report["build"]
    size = "" if _failed(b) else f": {b['entities']:,} entities, {b['names']:,} names"
    head = (
        f"# Speed{size} ({report['lists']})\n\n{machine_line(report['machine'])} Caveat "
        f"source {report['code']}. Targets: p50 ≤ 1 ms, p99 ≤ 5 ms, batch ≥ 5,000 rows/s "
        "on 2 workers, cold start < 1 s."
    )
    sections = [head, build_section(report), latency_section(report["latency"]),
                batch_section(report["batch"])]  # fmt: skip
    if "logic_v2" in report:
        sections.append(peer_section(report["logic_v2"]))
    return sections


def main() -> None:
    parser = lists_parser(__doc__)
    parser.add_argument("--queries", type=int, default=2000, help="latency queries")
    parser.add_argument("--passes", type=int, default=2, help="latency passes (1 cold)")
    parser.add_argument("--rows", type=int, default=20_000, help="batch rows")
    parser.add_argument("--compare", type=int, default=300, help="queries for logic-v2")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="skip logic-v2")
    parser.add_argument("--peers-python", type=Path, default=DEFAULT_PEERS_PYTHON)
    parser.add_argument("--profile", action="store_true", help="cProfile a hot pass")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()
    host = machine()
    home = args.home.resolve()
    store, load_s = open_store(home, args.lists)
    report: dict[str, Any] = {
        "benchmark": "speed",
        "code": code_digest(),
        "machine": host,
        "lists": str(args.lists),
        "store_load_s": round(load_s, 1),
        "store_load_rss_mb": max_rss_mb(),
    }
    note("building the index in a fresh process ...")
    report["build"] = run_child(CHILD, ["build", "--home", str(home)], home)
    note("cold starts ...")
    report["cold_start"] = [
        run_child(CHILD, ["coldstart", "--home", str(home)], home) for _ in range(args.cold_runs)
    ]
    report["command_start"] = [
        command_start(home, "Ismail Demir", "Person") for _ in range(args.cold_runs)
    ]
    from caveat.screen import Screener

    screener = Screener(open_index(store, home))
    rows = query_mix(screener.index, args.queries, 0.2, seed=1, prefix="q")
    note(f"latency over {len(rows)} queries, {args.passes} passes ...")
    report["latency"] = latency(screener, rows, args.passes, args.profile)
    source = home / "bench-batch.csv"
    write_batch_csv(query_mix(screener.index, args.rows, 0.2, seed=2, prefix="b"), source)
    report["batch"] = []
    for workers in (2, 1):
        note(f"batch of {args.rows:,} rows, workers={workers} ...")
        report["batch"].append(
            run_child(
                CHILD,
                ["batch", "--home", str(home), "--csv", str(source), "--workers", str(workers)],
                home,
            )
        )
    if not args.no_peers and args.compare > 0:
        sample = random.Random(3).sample(rows, min(args.compare, len(rows)))
        rows_path = home / "bench-compare.jsonl"
        save_rows(sample, rows_path)
        note(f"Caveat vs logic-v2 on the candidates of {len(sample)} queries ...")
        raw = run_child(
            CHILD,
            [
                "compare",
                "--home",
                str(home),
                "--rows",
                str(rows_path),
                "--peers-python",
                str(args.peers_python),
            ],
            home,
        )
        report["logic_v2"] = raw
    report["targets"] = TARGETS
    emit(args, report, markdown(report))


if __name__ == "__main__":
    main()
