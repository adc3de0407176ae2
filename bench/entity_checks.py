"""Entity-level checks: Caveat's screener against nomenklatura's logic-v2, same run.

Corpus: the 228 checks of OpenSanctions' entity_bench
(../shared/data/name_matching/opensanctions_entity_bench_checks.yml; 127 match, 101
non-match). Each check gives a schema, a query and a candidate property set (names only
in this corpus: name, firstName, middleName, fatherName, lastName) and a true/false label.
As in nomenklatura's own entity benchmark, a side with no ``name`` gets one joined from
its name parts (first, second, middle, father, mother, last); the parts are kept too.
Every algorithm gets exactly these property sets.

- Caveat: the candidate becomes an Entity (``caveat.entity.EntityBuilder``), the query a
  ``caveat.screen.Query.from_properties(schema, props)``, and the score is that of the top
  hit of ``Screener.from_entities([candidate], variants=...).screen(query, threshold=0.0,
  limit=1)`` (0 when the screener returns no hit); judged at
  ``caveat.match.calibration.DEFAULT_THRESHOLD``.
- nomenklatura 4.17.4: ``LogicV2.compare(query, candidate, default_config())`` (the whole
  matcher, not only its name feature) on followthemoney entities; judged at 0.7 (the
  threshold nomenklatura's entity benchmark uses). Other matchers with ``--peers``.

A check is predicted a match when score >= threshold; accuracy is the share of checks
predicted as labelled. "best accuracy" is the threshold that maximises accuracy on these
same checks: an oracle, not an operating point. Nothing here is tuned. logic-v2 was
developed against these checks (they are nomenklatura's regression set), so its figures
are in-sample. No timing: one pass, scores only (bench/pairs.py measures speed).

For Caveat the report also lists the true matches for which ``screen`` returned no hit,
with ``compare_names`` on the bare names beside them: a high pairwise score there means
candidate retrieval lost the match, not the scorer.

Command (from the repository root):
    .venv/bin/python bench/entity_checks.py
    .venv/bin/python bench/entity_checks.py --json
    .venv/bin/python bench/entity_checks.py --peers-only --peers logic-v2,logic-v1,ofac
    .venv/bin/python bench/entity_checks.py --errors 30
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from _caveat import CaveatKit, load_caveat
from _peers import Comparison, peer_versions, run_peers, with_composed_name
from _report import (
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
    table,
)

CHECKS = "opensanctions_entity_bench_checks.yml"


@dataclass
class Check:
    """One labelled entity check."""

    schema: str
    is_match: bool
    label: str
    query: dict[str, list[str]]
    candidate: dict[str, list[str]]


def _props(raw: dict[str, Any]) -> dict[str, list[str]]:
    props = {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in raw.items()}
    return with_composed_name(props)


def load_checks(data_dir: Path) -> list[Check]:
    """Read the checks, composing a ``name`` from name parts where a side has none."""
    with (data_dir / CHECKS).open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)["checks"]
    return [
        Check(
            c["schema"],
            bool(c["match"]),
            c.get("label") or "(none)",
            _props(c.get("query", {})),
            _props(c.get("candidate", {})),
        )
        for c in raw
    ]


def caveat_scores(kit: CaveatKit, checks: list[Check]) -> tuple[list[float], list[int]]:
    """Screen each query against a screener holding only its own candidate.

    Returns the scores and the indexes of the checks for which ``screen`` returned no
    hit at all (the candidate was not retrieved, or no name could be compared).
    """
    scores: list[float] = []
    no_hit: list[int] = []
    for n, check in enumerate(checks):
        builder = kit.builder_cls("bench", str(n), check.schema)
        for prop, values in check.candidate.items():
            for value in values:
                builder.add(prop, value)
        screener = kit.screener_cls.from_entities([builder.build()], variants=kit.variants)
        query = kit.query_cls.from_properties(check.schema, check.query)
        hits = screener.screen(query, threshold=0.0, limit=1)
        if len(hits) == 0:
            no_hit.append(n)
        scores.append(float(hits[0].score) if len(hits) > 0 else 0.0)
    return scores, no_hit


def no_hit_report(kit: CaveatKit, checks: list[Check], no_hit: list[int]) -> dict[str, Any]:
    """For the true matches ``screen`` returned nothing for, the best pairwise
    ``compare_names`` score: high values point at retrieval, not scoring."""
    rows: list[dict[str, Any]] = []
    for i in no_hit:
        check = checks[i]
        if not check.is_match:
            continue
        best = max(
            (
                kit.compare(q, c, check.schema)
                for q in check.query.get("name", [])
                for c in check.candidate.get("name", [])
            ),
            default=0.0,
        )
        rows.append(
            {
                "index": i,
                "schema": check.schema,
                "query": _side(check.query),
                "candidate": _side(check.candidate),
                "compare_names": round(best, 4),
            }
        )
    return {
        "no_hit": len(no_hit),
        "no_hit_matches": len(rows),
        "no_hit_matches_compare_above_threshold": sum(
            1 for r in rows if r["compare_names"] >= kit.threshold
        ),
        "rows": rows,
    }


def summarise(scores: list[float], threshold: float, checks: list[Check]) -> dict[str, Any]:
    """Accuracy at the threshold, overall, by schema and by the checks' labels."""
    labels = [c.is_match for c in checks]
    oracle = best_threshold(scores, labels, "accuracy")
    out: dict[str, Any] = {
        "threshold": threshold,
        "at_threshold": confusion(scores, labels, threshold).to_dict(),
        "best_accuracy": {"threshold": round(oracle[0], 4), "accuracy": round(oracle[1], 4)},
    }
    for key in ("schema", "label"):
        values = [str(getattr(c, key)) for c in checks]
        out[f"by_{key}"] = by_group(scores, labels, values, threshold)
    return out


def _side(props: dict[str, list[str]]) -> str:
    names = " / ".join(props.get("name", []))
    parts = "; ".join(f"{k}={'/'.join(v)}" for k, v in props.items() if k != "name")
    return f"{names} [{parts}]" if parts != "" else names


def markdown(report: dict[str, Any], checks: list[Check]) -> list[str]:
    """The report as markdown sections."""
    algos: dict[str, Any] = report["algorithms"]
    m = report["machine"]
    head = (
        f"# Entity checks: {len(checks)} labelled checks ({CHECKS})\n\n"
        f"{machine_line(m)} "
        f"One pass. Match when score >= threshold.\n\nVersions: {report['versions']}"
    )
    for name, problem in report["failed"].items():
        head += f"\n\nNOT RUN: {name}: {problem}"
    rows = []
    for name, a in algos.items():
        c = a["at_threshold"]
        rows.append(
            [
                name,
                fmt(a["threshold"], 2),
                fmt(c["accuracy"]),
                str(c["tp"] + c["tn"]),
                str(c["fp"]),
                str(c["fn"]),
                fmt(c["precision"]),
                fmt(c["recall"]),
                fmt(c["f1"]),
                f"{a['best_accuracy']['accuracy']:.3f} @ {a['best_accuracy']['threshold']:.2f}",
            ]
        )
    sections = [
        head,
        table(
            [
                "algorithm",
                "threshold",
                "accuracy",
                "correct",
                "FP",
                "FN",
                "precision",
                "recall",
                "F1",
                "best accuracy @ thr (oracle)",
            ],
            rows,
        ),
    ]
    for key in ("schema", "label"):
        values = list(next(iter(algos.values()))[f"by_{key}"].items()) if algos else []
        rows = [
            [f"{v} ({g['n']})"] + [fmt(a[f"by_{key}"][v]["accuracy"]) for a in algos.values()]
            for v, g in values
        ]
        sections.append(table([f"accuracy by {key}", *algos.keys()], rows))
    diag = report.get("caveat_no_hit")
    if diag is not None:
        text = (
            f"Caveat's screen() returned no hit for {diag['no_hit']} checks, "
            f"{diag['no_hit_matches']} of them true matches; for "
            f"{diag['no_hit_matches_compare_above_threshold']} of those, compare_names on "
            "the bare names reaches the threshold (a retrieval miss, not a scoring one)."
        )
        rows = [
            [str(r["index"]), r["schema"], r["query"], r["candidate"], fmt(r["compare_names"])]
            for r in diag["rows"]
        ]
        if len(rows) > 0:
            text += "\n\n" + table(
                ["check", "schema", "query", "candidate", "compare_names"], rows, align="llllr"
            )
        sections.append("## caveat: true matches with no hit\n\n" + text)
    if "errors" in report:
        rows = [
            [
                fmt(e["score"]),
                "match" if e["is_match"] else "no match",
                e["schema"],
                e["label"],
                e["query"],
                e["candidate"],
            ]
            for e in report["errors"]
        ]
        sections.append(
            f"## {report['errors_for']}: wrong verdicts, worst first\n\n"
            + table(
                ["score", "label", "schema", "category", "query", "candidate"], rows, align="rlllll"
            )
        )
    return sections


def main() -> None:
    parser = base_parser(__doc__ or "", "logic-v2")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="list the N worst wrong verdicts"
    )
    parser.add_argument(
        "--errors-for",
        default=None,
        help="algorithm whose errors to list (default: caveat, else logic-v2)",
    )
    args = parser.parse_args()
    host = machine()
    checks = load_checks(args.data)
    scores: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    versions: dict[str, Any] = {}
    failed: dict[str, str] = {}
    diagnostics: dict[str, Any] | None = None
    if not args.peers_only:
        kit = load_caveat(args.data, args.variants)
        note(
            f"caveat {kit.version} loaded in {kit.load_seconds:.1f}s; variants {kit.variants_note}"
        )
        scores["caveat"], no_hit = caveat_scores(kit, checks)
        diagnostics = no_hit_report(kit, checks, no_hit)
        thresholds["caveat"] = kit.threshold
        versions.update(caveat=kit.version, caveat_variants=kit.variants_note)
    peers = peer_list(args)
    if len(peers) > 0:
        versions.update(peer_versions(args.peers_python))
        comparisons = [Comparison(i, c.schema, c.query, c.candidate) for i, c in enumerate(checks)]
        for name, run in run_peers(peers, comparisons, 1, args.peers_python).items():
            if run.ok:
                scores[name], thresholds[name] = run.scores, PEER_THRESHOLD
            else:
                failed[name] = str(run.error)
    report: dict[str, Any] = {
        "benchmark": "entity_checks",
        "corpus": str(args.data / CHECKS),
        "n": len(checks),
        "machine": host,
        "versions": versions,
        "failed": failed,
        "algorithms": {k: summarise(v, thresholds[k], checks) for k, v in scores.items()},
    }
    if diagnostics is not None:
        report["caveat_no_hit"] = diagnostics
    if args.errors > 0 and len(scores) > 0:
        who = args.errors_for or ("caveat" if "caveat" in scores else next(iter(scores)))
        if who not in scores:
            parser.error(
                f"--errors-for {who!r}: not among the algorithms run ({', '.join(scores)})"
            )
        t = thresholds[who]
        wrong = [i for i, c in enumerate(checks) if (scores[who][i] >= t) != c.is_match]
        wrong.sort(key=lambda i: -abs(scores[who][i] - t))
        report["errors_for"] = who
        report["errors"] = [
            {
                "score": round(scores[who][i], 4),
                "is_match": checks[i].is_match,
                "schema": checks[i].schema,
                "label": checks[i].label,
                "query": _side(checks[i].query),
                "candidate": _side(checks[i].candidate),
                "others": {k: round(v[i], 4) for k, v in scores.items() if k != who},
            }
            for i in wrong[: args.errors]
        ]
    if args.json:
        report["checks"] = [
            {**vars(c), "scores": {k: round(v[i], 4) for k, v in scores.items()}}
            for i, c in enumerate(checks)
        ]
    emit(args, report, markdown(report, checks))


if __name__ == "__main__":
    main()
