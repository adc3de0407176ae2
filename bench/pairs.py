"""Name-pair accuracy and speed: Caveat against nomenklatura and rapidfuzz, same run.

Corpus: the 826 hand-labelled name pairs of OpenSanctions' name_bench
(../shared/data/name_matching/opensanctions_name_bench_cases.csv; 425 matches, 401
non-matches; columns case_group, schema, name1, name2, is_match, quality, ...). Every
algorithm scores the same (name1, name2, schema) triples; name1 is the query side.

- Caveat: ``caveat.match.compare.compare_names(name1, name2, schema, variants=...)`` with
  the name-variant artefact Caveat ships (see ``--variants``), judged at
  ``caveat.match.calibration.DEFAULT_THRESHOLD``.
- nomenklatura 4.17.4 (bench/.venv-peers): ``Algorithm.compare(query, candidate,
  default_config())`` on two followthemoney entities of that schema, each with the one
  name, one worker process per algorithm; judged at 0.7.
- rapidfuzz ``token_sort_ratio`` and ``WRatio`` on casefolded, diacritic-free names
  (no transliteration), divided by 100; judged at 0.7.

A pair counts as a predicted match when score >= threshold. "best F1" is the threshold
that maximises F1 on these same pairs: an oracle that shows the ranking quality, not an
operating point anyone could pick in advance. Nothing in this script tunes anything.
Note that nomenklatura's logic-v2 was developed against this corpus (its nk_checks and
nk_unit_tests groups come from nomenklatura's own tests), so its figures are in-sample.

Timing: wall time of each single comparison (time.perf_counter_ns), in µs. Before timing,
each algorithm runs the warm-up pairs of bench/_warmup.py (none of them in the corpus)
so that one-time loading is excluded. Pass 1 is "cold" (per-string caches empty: a fresh
process for each peer; for Caveat, this process, which has not yet seen these names) and
passes 2..N are "hot" (every per-string cache filled). Default 3 passes. Single thread;
the peers run one after another, never in parallel with anything else.

Command (from the repository root):
    .venv/bin/python bench/pairs.py                  # markdown tables
    .venv/bin/python bench/pairs.py --json           # machine-readable
    .venv/bin/python bench/pairs.py --peers-only     # without Caveat
    .venv/bin/python bench/pairs.py --errors 25 --no-peers   # Caveat's worst errors
"""

from __future__ import annotations

import csv
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _caveat import load_caveat
from _peers import PeerRun, name_pair, peer_versions, run_peers
from _report import (
    BASELINE_THRESHOLD,
    PEER_THRESHOLD,
    base_parser,
    best_threshold,
    by_group,
    confusion,
    emit,
    fmt,
    machine,
    machine_line,
    note,
    peer_list,
    rapidfuzz_scorers,
    table,
    timing,
)

CASES = "opensanctions_name_bench_cases.csv"
GROUP_KEYS = ("case_group", "schema", "quality")


@dataclass
class Case:
    """One labelled pair of the corpus."""

    case_group: str
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str
    notes: str


def load_cases(data_dir: Path) -> list[Case]:
    """Read the labelled pairs; a blank quality means MEDIUM, as the corpus defines."""
    with (data_dir / CASES).open(encoding="utf-8", newline="") as fh:
        return [
            Case(
                row["case_group"],
                row["schema"],
                row["name1"],
                row["name2"],
                row["is_match"].strip().lower() == "true",
                row["quality"].strip() or "MEDIUM",
                row["category"],
                row["notes"],
            )
            for row in csv.DictReader(fh)
        ]


def run_in_process(
    name: str, score: Callable[[str, str, str], float], cases: list[Case], passes: int
) -> PeerRun:
    """Score and time an in-process algorithm the same way the peers' worker does."""
    run = PeerRun(name)
    clock = time.perf_counter_ns
    gc.collect()
    for case in cases:
        start = clock()
        value = score(case.name1, case.name2, case.schema)
        run.us_cold.append((clock() - start) / 1000.0)
        run.scores.append(value)
    hot = [0.0] * len(cases)
    for _ in range(passes - 1):
        gc.collect()
        for i, case in enumerate(cases):
            start = clock()
            score(case.name1, case.name2, case.schema)
            hot[i] += (clock() - start) / 1000.0
    run.us_hot = [h / (passes - 1) if passes > 1 else None for h in hot]
    return run


def summarise(run: PeerRun, threshold: float, cases: list[Case]) -> dict[str, Any]:
    """Accuracy at the threshold, overall and per group, plus the oracle and timings."""
    labels = [c.is_match for c in cases]
    oracle_threshold, oracle_f1 = best_threshold(run.scores, labels, "f1")
    out: dict[str, Any] = {
        "threshold": threshold,
        "at_threshold": confusion(run.scores, labels, threshold).to_dict(),
        "best_f1": {"threshold": round(oracle_threshold, 4), "f1": round(oracle_f1, 4)},
        "us_cold": timing(run.us_cold),
        "us_hot": timing(run.us_hot),
    }
    for key in GROUP_KEYS:
        values = [str(getattr(c, key)) for c in cases]
        out[f"by_{key}"] = by_group(run.scores, labels, values, threshold)
    return out


def errors(
    cases: list[Case], runs: dict[str, PeerRun], who: str, threshold: float, n: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``n`` highest-scoring non-matches above and lowest-scoring matches below."""
    scores = runs[who].scores
    rows = [
        {
            "score": round(scores[i], 4),
            "others": {k: round(r.scores[i], 4) for k, r in runs.items() if k != who},
            **vars(c),
        }
        for i, c in enumerate(cases)
    ]
    fps = sorted(
        (r for r in rows if not r["is_match"] and r["score"] >= threshold),
        key=lambda r: -r["score"],
    )[:n]
    fns = sorted(
        (r for r in rows if r["is_match"] and r["score"] < threshold), key=lambda r: r["score"]
    )[:n]
    return fps, fns


def markdown(report: dict[str, Any], cases: list[Case]) -> list[str]:
    """The report as markdown sections."""
    algos: dict[str, Any] = report["algorithms"]
    head = [
        f"# Name pairs: {len(cases)} labelled pairs ({CASES})",
        f"{machine_line(report['machine'])} Passes: {report['passes']} "
        "(cold = pass 1, hot = mean of passes 2..N). Match when score >= threshold.",
        f"Versions: {report['versions']}",
    ]
    for name, problem in report["failed"].items():
        head.append(f"NOT RUN: {name}: {problem}")
    rows = []
    for name, a in algos.items():
        c = a["at_threshold"]
        rows.append(
            [
                name,
                fmt(a["threshold"], 2),
                fmt(c["precision"]),
                fmt(c["recall"]),
                fmt(c["f1"]),
                str(c["fp"]),
                str(c["fn"]),
                f"{a['best_f1']['f1']:.3f} @ {a['best_f1']['threshold']:.2f}",
                fmt(a["us_cold"]["mean"], 1),
                fmt(a["us_hot"]["mean"], 1),
                fmt(a["us_hot"]["p50"], 1),
                fmt(a["us_hot"]["p95"], 1),
            ]
        )
    sections = [
        "\n\n".join(head),
        table(
            [
                "algorithm",
                "threshold",
                "precision",
                "recall",
                "F1",
                "FP",
                "FN",
                "best F1 @ thr (oracle)",
                "µs cold mean",
                "µs hot mean",
                "µs hot p50",
                "µs hot p95",
            ],
            rows,
        ),
    ]
    for key in GROUP_KEYS:
        values = list(next(iter(algos.values()))[f"by_{key}"].items()) if algos else []
        headers = ["F1 by " + key] + [f"{v} ({g['n']})" for v, g in values]
        group_rows = [
            [name] + [fmt(a[f"by_{key}"][v]["f1"]) for v, _ in values] for name, a in algos.items()
        ]
        sections.append(table(headers, group_rows))
    for title, items in (
        ("false positives", report.get("false_positives")),
        ("false negatives", report.get("false_negatives")),
    ):
        if items is None:
            continue
        err_rows = [
            [
                fmt(r["score"]),
                " ".join(f"{k}={v:.2f}" for k, v in r["others"].items()),
                r["case_group"],
                r["schema"],
                r["name1"],
                r["name2"],
                r["quality"],
                r["category"],
            ]
            for r in items
        ]
        sections.append(
            f"## {report['errors_for']}: worst {title}\n\n"
            + table(
                ["score", "others", "group", "schema", "name1", "name2", "quality", "category"],
                err_rows,
                align="rlllllll",
            )
        )
    return sections


def main() -> None:
    parser = base_parser(__doc__ or "", "logic-v2,logic-v1,ofac,regression-v1")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (default 3)")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="list the N worst false positives and negatives",
    )
    parser.add_argument(
        "--errors-for",
        default=None,
        help="algorithm whose errors to list (default: caveat, else logic-v2)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip rapidfuzz")
    args = parser.parse_args()
    host = machine()
    cases = load_cases(args.data)
    comparisons = [name_pair(i, c.schema, c.name1, c.name2) for i, c in enumerate(cases)]
    runs: dict[str, PeerRun] = {}
    thresholds: dict[str, float] = {}
    versions: dict[str, Any] = {}
    if not args.peers_only:
        kit = load_caveat(args.data, args.variants)
        note(
            f"caveat {kit.version} loaded in {kit.load_seconds:.1f}s; variants {kit.variants_note}"
        )
        kit.warm_up()
        runs["caveat"] = run_in_process("caveat", kit.compare, cases, args.passes)
        thresholds["caveat"] = kit.threshold
        versions["caveat"] = kit.version
        versions["caveat_variants"] = kit.variants_note
    peers = peer_list(args)
    if len(peers) > 0:
        versions.update(peer_versions(args.peers_python))
        note(f"running peers {peers} ...")
        for name, run in run_peers(peers, comparisons, args.passes, args.peers_python).items():
            runs[name] = run
            thresholds[name] = PEER_THRESHOLD
    if not args.no_baseline:
        for name, scorer in rapidfuzz_scorers().items():
            runs[name] = run_in_process(name, scorer, cases, args.passes)
            thresholds[name] = BASELINE_THRESHOLD
    failed = {name: str(run.error) for name, run in runs.items() if not run.ok}
    ok = {name: run for name, run in runs.items() if run.ok}
    report: dict[str, Any] = {
        "benchmark": "pairs",
        "corpus": str(args.data / CASES),
        "n": len(cases),
        "machine": host,
        "versions": versions,
        "passes": args.passes,
        "failed": failed,
        "algorithms": {name: summarise(run, thresholds[name], cases) for name, run in ok.items()},
    }
    if args.errors > 0:
        who = args.errors_for or ("caveat" if "caveat" in ok else next(iter(ok), ""))
        if who not in ok:
            parser.error(f"--errors-for {who!r}: not among the algorithms run ({', '.join(ok)})")
        fps, fns = errors(cases, ok, who, thresholds[who], args.errors)
        report.update(errors_for=who, false_positives=fps, false_negatives=fns)
    if args.json:
        report["cases"] = [
            {**vars(c), "scores": {k: round(r.scores[i], 4) for k, r in ok.items()}}
            for i, c in enumerate(cases)
        ]
    emit(args, report, markdown(report, cases))


if __name__ == "__main__":
    main()
