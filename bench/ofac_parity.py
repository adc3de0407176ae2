"""OFAC parity: how closely Caveat's ``ofac`` algorithm and nomenklatura's ``ofac``
matcher reproduce the scores of OFAC's own Sanctions List Search, same run.

Corpus: ../shared/data/name_matching/opensanctions_ofac2021_fixtures.csv, 170 rows of
(query_name, result_name, ofac_score) recorded from sanctionssearch.ofac.treas.gov for 41
queries. 164 rows carry OFAC's score (0..100); 6 carry -1, which the fixture's authors
use for "not returned with the minimum-score slider at 80", i.e. OFAC scored them below
80 (exact value unknown).

- Caveat: ``round(compare_names(query, result, "LegalEntity", variants=...,
  algorithm="ofac") * 100)``.
- nomenklatura 4.17.4 ``ofac`` (bench/.venv-peers): ``round(OFACMatcher.compare(q, r,
  default_config()).score * 100)`` on two LegalEntity entities with one name each (no
  dates or countries, so its qualifiers never fire). Note: nomenklatura's constants were
  fitted to these same 164 rows (see the docstring of nomenklatura's ofac module), so
  its figures are in-sample. Other matchers with ``--peers``.

Reported, on the 164 scored rows: the share within ±5 points of OFAC (the headline, as
nomenklatura measures it), within ±1 point, exactly equal, mean signed and mean absolute
difference; on the 6 "below 80" rows: how many the algorithm also scores below 80.
Scores are rounded to whole points, as OFAC displays them. One pass, no timing, nothing
tuned.

Command (from the repository root):
    .venv/bin/python bench/ofac_parity.py
    .venv/bin/python bench/ofac_parity.py --json
    .venv/bin/python bench/ofac_parity.py --peers-only
    .venv/bin/python bench/ofac_parity.py --rows     # every row with every score
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _caveat import load_caveat
from _peers import name_pair, peer_versions, run_peers
from _report import base_parser, emit, fmt, machine, machine_line, note, peer_list, table

FIXTURES = "opensanctions_ofac2021_fixtures.csv"
SCHEMA = "LegalEntity"
SLIDER = 80  # OFAC's minimum-score setting when the -1 rows were recorded


@dataclass
class Row:
    """One recorded OFAC search result."""

    query: str
    result: str
    ofac: int  # -1: below SLIDER


def load_rows(data_dir: Path) -> list[Row]:
    """Read the fixture rows in file order."""
    with (data_dir / FIXTURES).open(encoding="utf-8", newline="") as fh:
        return [
            Row(r["query_name"], r["result_name"], int(r["ofac_score"])) for r in csv.DictReader(fh)
        ]


def parity(rows: list[Row], points: list[int]) -> dict[str, Any]:
    """Agreement with OFAC's recorded scores, as described in the module docstring."""
    deltas = [p - r.ofac for r, p in zip(rows, points, strict=True) if r.ofac >= 0]
    below = [p for r, p in zip(rows, points, strict=True) if r.ofac < 0]
    n = len(deltas)
    return {
        "scored_rows": n,
        "within_5": sum(1 for d in deltas if abs(d) <= 5),
        "within_5_share": round(sum(1 for d in deltas if abs(d) <= 5) / n, 4),
        "within_1_share": round(sum(1 for d in deltas if abs(d) <= 1) / n, 4),
        "exact_share": round(sum(1 for d in deltas if d == 0) / n, 4),
        "over_5": sum(1 for d in deltas if d > 5),
        "under_5": sum(1 for d in deltas if d < -5),
        "mean_delta": round(statistics.fmean(deltas), 2),
        "mean_abs_delta": round(statistics.fmean(abs(d) for d in deltas), 2),
        "below_slider_rows": len(below),
        "below_slider_agree": sum(1 for p in below if p < SLIDER),
    }


def markdown(report: dict[str, Any], rows: list[Row], show_rows: bool) -> list[str]:
    """The report as markdown sections."""
    m = report["machine"]
    head = (
        f"# OFAC parity: {len(rows)} recorded OFAC results ({FIXTURES})\n\n"
        f"{machine_line(m)} "
        "Scores rounded to whole points. One pass.\n\n"
        f"Versions: {report['versions']}"
    )
    for name, problem in report["failed"].items():
        head += f"\n\nNOT RUN: {name}: {problem}"
    table_rows = []
    for name, p in report["algorithms"].items():
        table_rows.append(
            [
                name,
                f"{p['within_5']}/{p['scored_rows']} ({p['within_5_share']:.1%})",
                f"{p['within_1_share']:.1%}",
                f"{p['exact_share']:.1%}",
                str(p["over_5"]),
                str(p["under_5"]),
                f"{p['mean_delta']:+.2f}",
                fmt(p["mean_abs_delta"], 2),
                f"{p['below_slider_agree']}/{p['below_slider_rows']}",
            ]
        )
    sections = [
        head,
        table(
            [
                "algorithm",
                "within ±5",
                "within ±1",
                "exact",
                "over +5",
                "under -5",
                "mean Δ",
                "mean abs Δ",
                "below 80 when OFAC is",
            ],
            table_rows,
        ),
    ]
    points: dict[str, list[int]] = report["points"]
    if show_rows:
        algos = list(points)
        detail = [
            [r.query, r.result, "<80" if r.ofac < 0 else str(r.ofac)]
            + [str(points[a][i]) for a in algos]
            for i, r in enumerate(rows)
        ]
        sections.append(
            "## rows\n\n"
            + table(["query", "result", "OFAC", *algos], detail, align="llr" + "r" * len(algos))
        )
    else:
        for algo, values in points.items():
            gaps = [(abs(v - r.ofac), i) for i, (r, v) in enumerate(zip(rows, values, strict=True))]
            worst = [i for _, i in sorted(gaps, key=lambda g: -g[0]) if rows[i].ofac >= 0][:10]
            detail = [
                [
                    rows[i].query,
                    rows[i].result,
                    str(rows[i].ofac),
                    str(values[i]),
                    f"{values[i] - rows[i].ofac:+d}",
                ]
                for i in worst
            ]
            sections.append(
                f"## {algo}: largest differences\n\n"
                + table(["query", "result", "OFAC", algo, "Δ"], detail, align="llrrr")
            )
    return sections


def main() -> None:
    parser = base_parser(__doc__ or "", "ofac")
    parser.add_argument("--rows", action="store_true", help="print every row's scores")
    args = parser.parse_args()
    host = machine()
    rows = load_rows(args.data)
    points: dict[str, list[int]] = {}
    versions: dict[str, Any] = {}
    failed: dict[str, str] = {}
    if not args.peers_only:
        kit = load_caveat(args.data, args.variants)
        note(
            f"caveat {kit.version} loaded in {kit.load_seconds:.1f}s; variants {kit.variants_note}"
        )
        points["caveat ofac"] = [
            round(kit.compare(r.query, r.result, SCHEMA, "ofac") * 100) for r in rows
        ]
        versions.update(caveat=kit.version, caveat_variants=kit.variants_note)
    peers = peer_list(args)
    if len(peers) > 0:
        versions.update(peer_versions(args.peers_python))
        comparisons = [name_pair(i, SCHEMA, r.query, r.result) for i, r in enumerate(rows)]
        for name, run in run_peers(peers, comparisons, 1, args.peers_python).items():
            if run.ok:
                points[f"nomenklatura {name}"] = [round(s * 100) for s in run.scores]
            else:
                failed[name] = str(run.error)
    report: dict[str, Any] = {
        "benchmark": "ofac_parity",
        "corpus": str(args.data / FIXTURES),
        "n": len(rows),
        "machine": host,
        "versions": versions,
        "failed": failed,
        "algorithms": {name: parity(rows, values) for name, values in points.items()},
        "points": points,
        "rows": [vars(r) for r in rows],
    }
    emit(args, report, markdown(report, rows, args.rows))


if __name__ == "__main__":
    main()
