"""HTTP API latency under load: POST /match with one query per request, driven by wrk
from a second process, against ``caveat serve`` with every list file loaded.

Corpus: every list file under ../shared/data (see its SOURCES.md), loaded with
``caveat.loading.load_path`` into a SQLite store in the bench home (default
/tmp/caveat-bench-api, set as CAVEAT_HOME; never the user's, and not speed.py's, since
the server writes its request log there): about 30,600 entities, 58,000 names.
Queries: ``--requests`` distinct customer-book queries (default 100,000; the mix of
bench/speed.py: 80% synthetic people and companies from general name parts, 20% listed
names disguised; fixed seeds), each sent once, as a yente /match body with the name,
and the birth date, country and identifier when the row has them.

Server: ``caveat serve --workers N`` for each N of ``--workers`` (default 1,2), a new
process each time, API keys on (every request is checked and logged). Before timing,
``--warmup`` other queries (default 2,000) are sent, so the process is hot (index
loaded, code paths warm) but has not seen the measured queries: each is a cold query
for the per-string caches, as in production.

Load: Debian's wrk (installed with apt-get when missing), one thread, ``--connections``
(default 32) connections, closed loop: each connection sends its next request when the
previous answer is in (after ``--think-ms``, default 0 and 50: one run at once, the
saturating case, and one where each client waits 50 ms on average, drawn uniformly
from 0 to 100 ms, between answer and request, as 32 client systems with work of their
own do), until ``--requests`` answers. wrk and
the server share the machine's cores. One pass per worker count and think time.
Reported: wrk's latency percentiles (HdrHistogram, µs), throughput, errors (socket
errors, timeouts, non-200); by Little's law, with no think time, mean latency =
connections / throughput, so latency reflects throughput as much as per-request cost.

To show what the API adds on top of screening, the same measured queries (the first
``--screen-sample``, default 5,000) are also run in this process through
``Screener.screen`` (default threshold, limit 5, as /match asks), each timed alone
after the same warm-up, before any server starts; and the server's own time per
request is read from its request log (``duration_ms``: from the request reaching the
app to the answer, so including the wait for a free worker thread).

Command (from the repository root):
    .venv/bin/python bench/api_load.py                     # markdown tables
    .venv/bin/python bench/api_load.py --json
    .venv/bin/python bench/api_load.py --requests 20000 --workers 2   # quicker
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from _api_serve import last_log_id, logged_durations, new_key, start
from _api_wrk import run_wrk
from _report import emit, machine, machine_line, note, table
from _speed_util import (
    QueryRow,
    code_digest,
    lists_parser,
    open_index,
    open_store,
    percentiles,
)
from _speed_util import query_mix as make_queries
from _warmup import WARM_UP

DEFAULT_HOME = Path("/tmp/caveat-bench-api")
LISTED_SHARE = 0.2
TARGETS = {"p50_ms": 5.0, "p99_ms": 20.0, "errors": 0}


def match_body(row: QueryRow) -> str:
    """The yente /match body of one query."""
    properties: dict[str, list[str]] = {"name": [row.name]}
    if row.birth_date:
        properties["birthDate"] = [row.birth_date]
    if row.country:
        properties["country"] = [row.country]
    if row.id_number:
        properties["idNumber"] = [row.id_number]
    query = {"schema": row.schema or "Thing", "properties": properties}
    return json.dumps({"queries": {"q": query}}, ensure_ascii=False)


def in_process(index: Any, warm: list[QueryRow], rows: list[QueryRow]) -> dict[str, Any]:
    """``Screener.screen`` on the measured queries, each timed alone (ms)."""
    from caveat.screen import Query, Screener

    screener = Screener(index)
    for schema, left, _ in WARM_UP:
        screener.screen(Query(names=[left], schema=schema))
    for row in warm:
        screener.screen(row.query(), limit=5)
    gc.collect()
    clock = time.perf_counter_ns
    ms = []
    for row in rows:
        query = row.query()
        start = clock()
        screener.screen(query, limit=5)
        ms.append((clock() - start) / 1e6)
    return percentiles(ms)


def one_run(
    store: Any,
    home: Path,
    workers: int,
    think_ms: int,
    warm: list[str],
    bodies: list[str],
    args: Any,
) -> dict[str, Any]:
    key = new_key(store, "bench")
    served = start(home, workers)
    try:
        with tempfile.TemporaryDirectory() as folder:
            note(f"warm-up: {len(warm):,} requests")
            run_wrk(served.url, key, warm, len(warm), args.connections, Path(folder))
            mark = last_log_id(store)
            note(
                f"measuring: {args.requests:,} requests, {args.connections} connections, "
                f"{workers} worker(s), think time {think_ms} ms"
            )
            result = run_wrk(
                served.url, key, bodies, args.requests, args.connections, Path(folder), think_ms
            )
    finally:
        served.stop()
    server_ms = logged_durations(store, mark)
    seconds = result["duration_us"] / 1e6
    result.update(
        workers=workers,
        think_ms=think_ms,
        throughput_rps=round(result["requests"] / seconds, 1),
        errors=sum(result[k] for k in ("connect", "read", "write", "status", "timeout")),
        littles_law_mean_ms=round(args.connections / (result["requests"] / seconds) * 1000, 2),
        server_ms=percentiles(server_ms),
        logged=len(server_ms),
    )
    return result


def ms(us: float) -> str:
    return f"{us / 1000:.2f}"


def report_markdown(report: dict[str, Any]) -> list[str]:
    out = [
        "## HTTP API under load (bench/api_load.py)",
        machine_line(report["machine"]) + f" Code digest {report['code']}.",
        f"{report['entities']:,} entities loaded; {report['requests']:,} distinct queries "
        f"({LISTED_SHARE:.0%} disguised listed names), {report['connections']} connections, "
        "closed loop (wrk, 1 thread), one query per POST /match. Think time: what each "
        "connection waits on average (uniform from 0 to twice that) after an answer before "
        "its next request (0: at once, the saturating case).",
    ]
    rows = []
    for r in report["runs"]:
        rows.append([
            str(r["workers"]), str(r.get("think_ms", 0)), f"{r['requests']:,}", ms(r["p50_us"]),
            ms(r["p90_us"]), ms(r["p99_us"]), ms(r["max_us"]), ms(r["mean_us"]),
            f"{r['throughput_rps']:,.0f}", str(r["errors"]),
        ])  # fmt: skip
    headers = ["workers", "think ms", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms"]
    out.append(table([*headers, "req/s", "errors"], rows))
    screen = report["in_process"]
    parts = [
        ["Screener.screen in process (no HTTP)", f"{screen['p50']:.2f}", f"{screen['p95']:.2f}",
         f"{screen['p99']:.2f}", f"{screen['mean']:.2f}"],
    ]  # fmt: skip
    for r in report["runs"]:
        s = r["server_ms"]
        parts.append(
            [f"server's own time per request, {r['workers']} worker(s), think "
             f"{r.get('think_ms', 0)} ms (request log)",
             f"{s['p50']:.2f}", f"{s['p95']:.2f}", f"{s['p99']:.2f}", f"{s['mean']:.2f}"]
        )  # fmt: skip
    out.append(table(["where the time goes", "p50 ms", "p95 ms", "p99 ms", "mean ms"], parts))
    out.append(
        "Targets (issue 4): p50 ≤ 5 ms, p99 ≤ 20 ms, 0 errors at 32 connections. "
        "Little's law: mean latency ≈ connections / throughput "
        + ", ".join(
            f"{r['littles_law_mean_ms']:.1f} ms ({r['workers']}w)"
            for r in report["runs"]
            if not r.get("think_ms")
        )
        + "."
    )
    return out


def main() -> None:
    parser = lists_parser(__doc__, DEFAULT_HOME)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument(
        "--think-ms", default="0,50", help="think times per connection (ms), comma-separated"
    )
    parser.add_argument("--warmup", type=int, default=2_000)
    parser.add_argument("--screen-sample", type=int, default=5_000)
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()

    info = machine()
    note(machine_line(info))
    store, load_s = open_store(args.home, args.lists)
    index = open_index(store, args.home)  # also saves the index the server will load
    entities = len(index)
    rows = make_queries(index, args.requests, LISTED_SHARE, seed=4004, prefix="q")
    warm_rows = make_queries(index, args.warmup, LISTED_SHARE, seed=4005, prefix="w")
    note(f"in-process Screener.screen on {args.screen_sample:,} of the measured queries")
    screen = in_process(index, warm_rows, rows[: args.screen_sample])
    del index
    gc.collect()
    bodies = [match_body(r) for r in rows]
    warm = [match_body(r) for r in warm_rows]
    runs = []
    for think_ms in (int(t) for t in args.think_ms.split(",")):
        for workers in (int(w) for w in args.workers.split(",")):
            runs.append(one_run(store, args.home, workers, think_ms, warm, bodies, args))
    report = {
        "machine": info,
        "code": code_digest(),
        "entities": entities,
        "load_s": round(load_s, 1),
        "requests": args.requests,
        "connections": args.connections,
        "in_process": screen,
        "runs": runs,
        "targets": TARGETS,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    emit(args, report, report_markdown(report))


if __name__ == "__main__":
    main()
