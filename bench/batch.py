"""Batch screening throughput: the local engine on 1 and 2 workers, and Spark in local
mode against the local engine on the same 1,000,000 rows.

Corpus: every list file in ../shared/data, loaded into the bench home (``--home``,
default /tmp/caveat-bench-home, shared with bench/speed.py). Query rows (``--rows``,
default 1,000,000) are made at run time from the loaded index by
``bench/_speed_util.query_mix``: 20% listed names disguised (typo, swapped or dropped
part, initials, noise, Cyrillic), 80% synthetic customers from bench/_speed_names.py,
written as a CSV in the bench home. Nothing from the lists enters the repository.

Runs: each configuration is one ``caveat batch`` process and one pass. Caches are hot
in the sense that the index is built beforehand and each process loads it from its
pickle, and the input is in the OS page cache; each process starts with empty
in-memory caches. Every process gets ``PYTHONHASHSEED=0`` (PySpark's executor default)
and runs a copy of the Caveat source taken when the script starts, so that all runs
measure the same code even while the working tree changes.

- Scaling: the first ``--scaling-rows`` rows (default 20,000) with ``--workers 1`` and
  ``--workers 2``; rows/s as the command reports it (reading, checking, screening,
  journal and writing; index load not counted).
- Engines: all ``--rows`` rows with the local engine on every core, then with
  ``--engine spark`` (``--spark-master``, default ``local[*]``, so on the same cores),
  then with the local engine again (``--no-spark``: the local engine twice), so that a
  change in the machine's load during the run shows as a difference between the two
  local runs. Wall seconds of each process
  (index load and, for Spark, JVM start included), the command's own rows/s, the CPU
  seconds of the whole process tree (driver, workers, JVM; sampled from /proc, so it
  does not depend on what else the machine runs), the ratio of Spark's wall time to the
  mean of the two local ones (goal: at most 1.5) and of the CPU times, the load average
  after each run, and whether the outputs are byte-identical (SHA-256).

Command (from the repository root):
    .venv/bin/python bench/batch.py                      # 1,000,000 rows: over an hour on 2 cores
    .venv/bin/python bench/batch.py --rows 50000         # quick check
    .venv/bin/python bench/batch.py --no-spark           # the local engine twice
    .venv/bin/python bench/batch.py --json
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _report import emit, fmt, machine, machine_line, note, table
from _speed_util import code_digest, lists_parser

ROOT = Path(__file__).resolve().parent.parent
RATIO_GOAL = 1.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SUMMARY = re.compile(
    r"([\d,]+) rows screened, ([\d,]+) hits, ([\d,]+) rows skipped, ([\d,]+) rows/s"
)
# Run with the copied source: load the lists and build the index once, make the rows.
PREPARE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from _speed_util import open_index, open_store, query_mix, write_batch_csv
home, lists, rows, path = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
store, _ = open_store(home, lists)
index = open_index(store, home)
if not path.exists():
    partial = path.with_suffix(".part")
    write_batch_csv(query_mix(index, rows, 0.2, seed=4, prefix="q"), partial)
    partial.replace(path)
"""


def frozen_source(folder: Path) -> Path:
    """A copy of the ``caveat`` package (with its built name-variant artefact)."""
    shutil.copytree(
        ROOT / "caveat", folder / "caveat", ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


def environment(home: Path, source: Path) -> dict[str, str]:
    env = dict(os.environ, CAVEAT_HOME=str(home), PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(source), env.get("PYTHONPATH")) if p)
    env.pop("CAVEAT_DATABASE_URL", None)
    return env


def prepare(env: dict[str, str], home: Path, lists: Path, rows: int) -> Path:
    """Load the lists and build the index with the copied source, and make the query CSV
    of ``rows`` rows once per size."""
    path = home / f"bench-batch-{rows}.csv"
    note(f"loading lists, building the index, making {path} (when missing) ...")
    command = [sys.executable, "-c", PREPARE, str(ROOT / "bench"), str(home), str(lists)]
    # Not from the repository root: ``python -c`` would import the working tree's caveat.
    subprocess.run([*command, str(rows), str(path)], env=env, check=True, cwd=home)
    return path


def head(source: Path, rows: int, target: Path) -> Path:
    with source.open(encoding="utf-8", newline="") as handle, target.open("w") as out:
        out.writelines(itertools.islice(handle, rows + 1))
    return target


def tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds (user + system) so far of a process and each of its descendants
    (workers, the JVM, PySpark's Python workers), by pid, from /proc."""
    children: dict[int, list[int]] = {}
    spent: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        spent[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    found: dict[int, float] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in spent:
            found[pid] = spent[pid]
            stack.extend(children.get(pid, ()))
    return found


def batch(env: dict[str, str], source: Path, output: Path, *options: str) -> dict[str, Any]:
    """One ``caveat batch`` process, from scratch (``--restart``), run in the output's
    folder so that it imports the copied source. The CPU time of its process tree is
    sampled every half second (a process that ends loses at most that much)."""
    command = [sys.executable, "-c", "from caveat.cli import main; main()", "batch"]
    args = [*command, str(source), "-o", str(output), "--restart", *options]
    note("  " + " ".join(["caveat batch", *args[len(command) :]]))
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=err, cwd=output.parent)
        while proc.poll() is None:
            for pid, seconds in tree_cpu(proc.pid).items():
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            time.sleep(0.5)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    found = SUMMARY.search(stdout)
    if proc.returncode != 0 or found is None:
        note(f"  failed ({proc.returncode}):\n{stderr[-3000:]}")
        return {"options": " ".join(options), "error": stderr.strip()[-300:]}
    rows, hits, skipped, rate = (int(g.replace(",", "")) for g in found.groups())
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    output.unlink()
    return {
        "options": " ".join(options),
        "rows": rows,
        "hits": hits,
        "skipped": skipped,
        "rows_per_s": rate,
        "wall_s": round(wall, 1),
        "cpu_s": round(sum(cpu.values()), 1),
        "sha256": digest,
        "load_average_after": round(os.getloadavg()[0], 2),
    }


def scaling_section(runs: list[dict[str, Any]], rows: int) -> str:
    body = [
        [
            r["options"],
            fmt(r.get("rows")),
            fmt(r.get("rows_per_s")),
            fmt(r.get("wall_s"), 1),
            fmt(r.get("cpu_s"), 1),
        ]
        for r in runs
    ]
    base = runs[0].get("rows_per_s")
    last = runs[-1].get("rows_per_s")
    speedup = f" Speed-up from 1 to 2 workers: {last / base:.2f}×." if base and last else ""
    return (
        f"## Local engine, {rows:,} rows\n\n"
        + table(["options", "rows", "rows/s (command)", "process wall s", "CPU s (tree)"], body)
        + f"\n\n{speedup.strip()}"
    )


def engines_section(runs: dict[str, dict[str, Any]], rows: int) -> str:
    body = [
        [
            name,
            fmt(r.get("rows")),
            fmt(r.get("hits")),
            fmt(r.get("rows_per_s")),
            fmt(r.get("wall_s"), 1),
            fmt(r.get("cpu_s"), 1),
            fmt(r.get("load_average_after"), 2),
        ]
        for name, r in runs.items()
    ]
    heading = "Spark local mode against the local engine" if len(runs) > 2 else "Local engine"
    text = f"## {heading}, {rows:,} rows\n\n" + table(
        ["run", "rows", "hits", "rows/s (command)", "wall s", "CPU s (tree)", "load after"],
        body,
    )
    if any("error" in r for r in runs.values()):
        return text + "\n\nA run failed: see stderr."
    local = [r for name, r in runs.items() if name.startswith("local")]
    if "spark local mode" not in runs:
        same = len({r["sha256"] for r in local}) == 1
        outputs = "byte-identical" if same else "DIFFER"
        return text + f"\n\nSpark not run (--no-spark). Outputs {outputs}."
    spark = runs["spark local mode"]
    ratio = spark["wall_s"] / (sum(r["wall_s"] for r in local) / len(local))
    cpu_ratio = spark["cpu_s"] / (sum(r["cpu_s"] for r in local) / len(local))
    same = len({r["sha256"] for r in runs.values()}) == 1
    verdict = "meets" if ratio <= RATIO_GOAL else "misses"
    return text + (
        f"\n\nSpark / local wall time (mean of the local runs): {ratio:.2f} ({verdict} the "
        f"goal of ≤ {RATIO_GOAL}); CPU time: {cpu_ratio:.2f}. Outputs "
        f"{'byte-identical' if same else 'DIFFER'} "
        f"(SHA-256 {', '.join(sorted({r['sha256'][:16] for r in runs.values()}))})."
    )


def main() -> None:
    parser = lists_parser(__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the engines")
    parser.add_argument("--scaling-rows", type=int, default=20_000, help="rows for 1 vs 2")
    parser.add_argument("--spark-master", default="local[*]")
    parser.add_argument("--no-spark", action="store_true", help="the local engine only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()

    report: dict[str, Any] = {"machine": machine(), "rows": args.rows}
    with tempfile.TemporaryDirectory(prefix="caveat-bench-batch-") as folder:
        work = Path(folder)
        source = frozen_source(work / "src")
        report["code"] = code_digest()
        env = environment(args.home, source)
        args.home.mkdir(parents=True, exist_ok=True)
        queries = prepare(env, args.home, args.lists, args.rows)
        small = head(queries, min(args.scaling_rows, args.rows), work / "scaling.csv")
        note(f"scaling on {args.scaling_rows:,} rows ...")
        report["scaling"] = [
            batch(env, small, work / f"scaling-{n}.csv", "--workers", str(n)) for n in (1, 2)
        ]
        note(f"engines on {args.rows:,} rows ...")
        spark = ("--engine", "spark", "--spark-master", args.spark_master)
        report["engines"] = {"local, every core": batch(env, queries, work / "local.csv")}
        if not args.no_spark:
            report["engines"]["spark local mode"] = batch(env, queries, work / "spark.csv", *spark)
        report["engines"]["local again"] = batch(env, queries, work / "local.csv")
    report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    title = (
        f"# Batch\n\n{machine_line(report['machine'])} Load average at the end "
        f"{', '.join(map(str, report['load_average_end']))}. Caveat source {report['code']}."
    )
    emit(
        args,
        report,
        [
            title,
            scaling_section(report["scaling"], min(args.scaling_rows, args.rows)),
            engines_section(report["engines"], args.rows),
        ],
    )


if __name__ == "__main__":
    main()
