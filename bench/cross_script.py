"""Cross-script names: Caveat against nomenklatura's logic-v2 on true matches, same run.

Corpus (every pair is a true match; schema Person; the non-Latin side is the query):
- the 81 renderings of one name in ../shared/data/name_matching/opensanctions_putin_names.txt
  (many scripts and languages, a few with titles), each against "Vladimir Putin";
- the 22 pairs of watchman_cross_script_pairs.csv (Query, Expected Match, Min Score,
  Description; lines starting with # skipped), query against expected match; the
  "watchman min" column is the score Watchman's embedding model is expected to reach;
- two spotlight pairs: 习近平 / Xi Jinping and 金正恩 / Kim Jong Un (also in the Watchman
  file; shown apart because the design brief calls them out).

- Caveat: ``caveat.match.compare.compare_names(query, candidate, "Person",
  variants=...)``, counted as found when >= ``DEFAULT_THRESHOLD``.
- nomenklatura 4.17.4 logic-v2 (others with ``--peers``): ``compare`` on two Person
  entities with one name each; counted as found when >= 0.7.

Reported: each pair's score, and per set the share of pairs at or above the algorithm's
threshold (recall; there are no negatives here, so this says nothing about false
positives) and the mean score. One pass, no timing. Nothing is tuned.

Command (from the repository root):
    .venv/bin/python bench/cross_script.py
    .venv/bin/python bench/cross_script.py --json
    .venv/bin/python bench/cross_script.py --peers-only
"""

from __future__ import annotations

import csv
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _caveat import load_caveat
from _peers import name_pair, peer_versions, run_peers
from _report import (
    PEER_THRESHOLD,
    base_parser,
    emit,
    fmt,
    machine,
    machine_line,
    note,
    peer_list,
    table,
)

PUTIN = "opensanctions_putin_names.txt"
WATCHMAN = "watchman_cross_script_pairs.csv"
SPOTLIGHT = (("习近平", "Xi Jinping"), ("金正恩", "Kim Jong Un"))


@dataclass
class Pair:
    """One true cross-script match."""

    set: str
    query: str
    candidate: str
    watchman_min: float | None = None
    description: str = ""


def script_of(text: str) -> str:
    """The Unicode script of the first letter that is not Latin (else Latin)."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "UNKNOWN").split(" ")[0]
            if name != "LATIN":
                return "Han" if name == "CJK" else name.title()
    return "Latin"


def load_pairs(data_dir: Path) -> list[Pair]:
    """The three sets, in file order."""
    pairs = [
        Pair("putin", line.strip(), "Vladimir Putin")
        for line in (data_dir / PUTIN).read_text(encoding="utf-8").splitlines()
        if line.strip() != ""
    ]
    with (data_dir / WATCHMAN).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() != "" and not line.lstrip().startswith("#")]
    for row in csv.reader(lines):
        pairs.append(Pair("watchman", row[0].strip(), row[1].strip(), float(row[2]), row[3]))
    pairs.extend(Pair("spotlight", q, c) for q, c in SPOTLIGHT)
    return pairs


def summary(
    pairs: list[Pair], scores: dict[str, list[float]], thresholds: dict[str, float]
) -> dict[str, Any]:
    """Per set and algorithm: pairs found at the threshold, and the mean score."""
    out: dict[str, Any] = {}
    for name in ("putin", "watchman", "spotlight"):
        idx = [i for i, p in enumerate(pairs) if p.set == name]
        out[name] = {"n": len(idx)}
        for algo, values in scores.items():
            found = sum(1 for i in idx if values[i] >= thresholds[algo])
            out[name][algo] = {
                "found": found,
                "recall": round(found / len(idx), 4),
                "mean": round(statistics.fmean(values[i] for i in idx), 4),
            }
    return out


def markdown(report: dict[str, Any], pairs: list[Pair]) -> list[str]:
    """The report as markdown sections."""
    algos = list(report["thresholds"])
    m = report["machine"]
    thr = ", ".join(f"{a} {t:.2f}" for a, t in report["thresholds"].items())
    head = (
        f"# Cross-script names: {len(pairs)} true pairs ({PUTIN}, {WATCHMAN}, spotlight)\n\n"
        f"{machine_line(m)} "
        f"Thresholds: {thr}. One pass.\n\nVersions: {report['versions']}"
    )
    for name, problem in report["failed"].items():
        head += f"\n\nNOT RUN: {name}: {problem}"
    rows = []
    for name, s in report["summary"].items():
        rows.append(
            [f"{name} ({s['n']})"]
            + [
                f"{s[a]['found']}/{s['n']} ({s[a]['recall']:.0%}), mean {s[a]['mean']:.2f}"
                for a in algos
            ]
        )
    sections = [head, table(["set: found at threshold", *algos], rows)]
    scores = report["scores"]
    for name, title in (
        ("putin", "vs Vladimir Putin"),
        ("watchman", "Watchman pairs"),
        ("spotlight", "spotlight"),
    ):
        idx = [i for i, p in enumerate(pairs) if p.set == name]
        if name == "watchman":
            headers = ["query", "expected", "script", "watchman min", *algos]
            rows = [
                [
                    pairs[i].query,
                    pairs[i].candidate,
                    script_of(pairs[i].query),
                    fmt(pairs[i].watchman_min, 2),
                ]
                + [fmt(scores[a][i], 2) for a in algos]
                for i in idx
            ]
            align = "lllr" + "r" * len(algos)
        else:
            headers = ["query", "candidate", "script", *algos]
            rows = [
                [pairs[i].query, pairs[i].candidate, script_of(pairs[i].query)]
                + [fmt(scores[a][i], 2) for a in algos]
                for i in idx
            ]
            align = "lll" + "r" * len(algos)
        sections.append(f"## {title}\n\n" + table(headers, rows, align=align))
    return sections


def main() -> None:
    parser = base_parser(__doc__ or "", "logic-v2")
    args = parser.parse_args()
    host = machine()
    pairs = load_pairs(args.data)
    scores: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    versions: dict[str, Any] = {}
    failed: dict[str, str] = {}
    if not args.peers_only:
        kit = load_caveat(args.data, args.variants)
        note(
            f"caveat {kit.version} loaded in {kit.load_seconds:.1f}s; variants {kit.variants_note}"
        )
        scores["caveat"] = [kit.compare(p.query, p.candidate, "Person") for p in pairs]
        thresholds["caveat"] = kit.threshold
        versions.update(caveat=kit.version, caveat_variants=kit.variants_note)
    peers = peer_list(args)
    if len(peers) > 0:
        versions.update(peer_versions(args.peers_python))
        comparisons = [name_pair(i, "Person", p.query, p.candidate) for i, p in enumerate(pairs)]
        for name, run in run_peers(peers, comparisons, 1, args.peers_python).items():
            if run.ok:
                scores[name], thresholds[name] = run.scores, PEER_THRESHOLD
            else:
                failed[name] = str(run.error)
    report: dict[str, Any] = {
        "benchmark": "cross_script",
        "corpus": [str(args.data / PUTIN), str(args.data / WATCHMAN), "spotlight"],
        "n": len(pairs),
        "machine": host,
        "versions": versions,
        "failed": failed,
        "thresholds": thresholds,
        "summary": summary(pairs, scores, thresholds),
        "scores": {a: [round(v, 4) for v in values] for a, values in scores.items()},
        "pairs": [vars(p) for p in pairs],
    }
    emit(args, report, markdown(report, pairs))


if __name__ == "__main__":
    main()
