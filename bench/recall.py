"""Candidate recall: does the index find the true entity of a disguised listed name?

Corpus: every list file under ../shared/data, loaded into the benchmark store (default
/tmp/caveat-bench-home, set as CAVEAT_HOME; see bench/speed.py); the index is built
afresh from it on every run. ``--entities``
listed entities (default 1,500, fixed seed) are drawn at random; for each, its first
strong name (``name``, else an alias) is disguised in each way of
bench/_speed_perturb.py: exact (control), case and punctuation, one typo, word order
swapped, a middle word dropped (a second given name, a middle company word), given
names cut to initials (people only), and a naive hand-written Cyrillic or Greek
rendering of a plain-Latin name. A disguise that does not apply to a name is skipped,
so the n differ by row.

The query is the disguised name alone, with the schema a customer record would carry
(Person, Company, Vessel, Airplane), no dates or countries. The true entity counts as
found when any entity that is the same designation (Caveat's copy folding) or carries
exactly the same name text is
- among ``ScreeningIndex.candidates()`` (top 40, as ``Screener.screen`` asks for
  limit 10; before any pruning by coverage), or
- among the hits of ``Screener.screen(query)`` (default threshold, limit 10).
Single pass; no timing (see bench/speed.py).

False alerts, the other side: ``--customers`` synthetic customers (people and companies
from general name parts, bench/_speed_util.synthetic_row, very probably on no list),
each screened by name alone as written, retyped in Cyrillic and retyped in Greek (the
same hand-written transliterations). The share with at least one hit at the default
threshold is the false-alert rate of each script.

Command (from the repository root):
    .venv/bin/python bench/recall.py
    .venv/bin/python bench/recall.py --json
    .venv/bin/python bench/recall.py --misses 5        # examples of misses per disguise
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from _report import emit, fmt, machine, machine_line, note, table
from _speed_perturb import PERTURBATIONS, to_cyrillic, to_greek
from _speed_util import (
    code_digest,
    fresh_index,
    lists_parser,
    open_store,
    query_schema,
    synthetic_row,
)

CANDIDATE_LIMIT = 40


def schema_class(schema: str) -> str:
    if schema == "Person":
        return "Person"
    return "Vessel/Airplane" if schema in ("Vessel", "Airplane") else "organisation"


def truth_sets(index: Any) -> tuple[dict[str, set[int]], dict[int, set[int]]]:
    """Positions by exact name text, and the positions of each designation."""
    by_text: dict[str, set[int]] = defaultdict(set)
    by_head: dict[int, set[int]] = defaultdict(set)
    for position in range(len(index)):
        by_head[index.canonical[position]].add(position)
        for name in index.names_of(position):
            by_text[name.text].add(position)
    return by_text, by_head


def measure(index: Any, screener: Any, n: int, seed: int) -> list[dict[str, Any]]:
    """One record per (entity, disguise) that applies."""
    from caveat.screen import Query

    by_text, by_head = truth_sets(index)
    rng = random.Random(seed)
    positions = rng.sample(range(len(index)), min(n, len(index)))
    out: list[dict[str, Any]] = []
    for position in positions:
        names = [x for x in index.names_of(position) if x.kind != "weakAlias"]
        if not names:
            continue
        strong = [x for x in names if x.kind == "name"]
        original = (strong or names)[0].text
        schema = index.schemas[position]
        truth = set(by_head[index.canonical[position]]) | by_text[original]
        truth_ids = {index.ids[p] for p in truth}
        for kind, perturb in PERTURBATIONS.items():
            if kind == "initials" and schema != "Person":
                continue
            text = perturb(original, rng)
            if text is None or text.strip() == "":
                continue
            query = Query(names=[text], schema=query_schema(schema))
            names_q, facts = query.checked()
            found = index.candidates(
                (f for q in names_q for f in q.forms),
                facts.identifiers,
                schema=query.schema,
                limit=CANDIDATE_LIMIT,
            )
            ranks = [i for i, (p, _) in enumerate(found) if p in truth]
            hits = screener.screen(query)
            hit_ranks = [
                i
                for i, h in enumerate(hits)
                if h.entity.id in truth_ids or truth_ids.intersection(h.also)
            ]
            out.append(
                {
                    "kind": kind,
                    "schema": schema_class(schema),
                    "original": original,
                    "query": text,
                    "candidate_rank": ranks[0] + 1 if ranks else None,
                    "hit_rank": hit_ranks[0] + 1 if hit_ranks else None,
                    "hit_score": round(hits[hit_ranks[0]].score, 3) if hit_ranks else None,
                    "top_hit": hits[0].entity.caption if hits else None,
                }
            )
    return out


def false_alerts(screener: Any, n: int, seed: int) -> dict[str, dict[str, Any]]:
    """Synthetic customers with at least one hit, by the script they are written in."""
    from caveat.screen import Query

    rng = random.Random(seed)
    customers = [synthetic_row(f"c{i}", rng) for i in range(n)]
    writings: dict[str, Callable[[str, random.Random], str | None]] = {
        "latin": lambda text, _: text,
        "cyrillic": to_cyrillic,
        "greek": to_greek,
    }
    out: dict[str, dict[str, Any]] = {}
    for script, write in writings.items():
        written = [(write(c.name, rng), c.schema) for c in customers]
        queries = [(text, schema) for text, schema in written if text]
        flagged = [
            text for text, schema in queries if screener.screen(Query(names=[text], schema=schema))
        ]
        out[script] = {
            "n": len(queries),
            "with_hits": len(flagged),
            "share": round(len(flagged) / len(queries), 4) if queries else None,
            "examples": flagged[:5],
        }
    return out


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Shares found, per group of records."""
    n = len(records)
    if n == 0:
        return {"n": 0}
    cand = sum(r["candidate_rank"] is not None for r in records)
    hit = sum(r["hit_rank"] is not None for r in records)
    scores = [r["hit_score"] for r in records if r["hit_score"] is not None]
    return {
        "n": n,
        "in_candidates": round(cand / n, 4),
        "in_top10_candidates": round(
            sum(r["candidate_rank"] is not None and r["candidate_rank"] <= 10 for r in records) / n,
            4,
        ),
        "in_hits": round(hit / n, 4),
        "first_hit": round(sum(r["hit_rank"] == 1 for r in records) / n, 4),
        "lost_after_retrieval": round(
            (
                cand
                - sum(
                    r["candidate_rank"] is not None and r["hit_rank"] is not None for r in records
                )
            )
            / n,
            4,
        ),
        "mean_true_score": round(sum(scores) / len(scores), 3) if scores else None,
    }


def markdown(report: dict[str, Any]) -> list[str]:
    head = (
        f"# Candidate recall: {report['entities']:,} listed entities drawn, "
        f"{report['records']:,} disguised queries\n\n{machine_line(report['machine'])} "
        f"Caveat source {report['code']}. Candidates: top {CANDIDATE_LIMIT} of "
        "ScreeningIndex.candidates; hits: "
        f"Screener.screen at threshold {report['threshold']}, limit 10."
    )
    cols = [
        "n",
        "in_candidates",
        "in_top10_candidates",
        "in_hits",
        "first_hit",
        "lost_after_retrieval",
        "mean_true_score",
    ]
    headers = [
        "disguise",
        "n",
        "in candidates (top 40)",
        "in top 10 candidates",
        "in hits",
        "first hit",
        "retrieved, not hit",
        "mean score of true hit",
    ]

    def rows(groups: dict[str, dict[str, Any]]) -> list[list[str]]:
        return [
            [k] + [fmt(g.get(c)) if c != "n" else str(g["n"]) for c in cols]
            for k, g in groups.items()
        ]

    sections = [head, table(headers, rows(report["by_kind"]))]
    sections.append(
        table(["schema (all disguises but exact)", *headers[1:]], rows(report["by_schema"]))
    )
    alerts = report.get("false_alerts", {})
    if alerts:
        sections.append(
            "## False alerts: synthetic customers with at least one hit\n\n"
            + table(
                ["written in", "customers", "with a hit", "share", "first examples"],
                [
                    [k, str(a["n"]), str(a["with_hits"]), fmt(a["share"]), "; ".join(a["examples"])]
                    for k, a in alerts.items()
                ],
                align="lrrrl",
            )
        )
    for kind, items in report.get("misses", {}).items():
        sections.append(
            f"## Misses: {kind}\n\n"
            + table(
                ["original", "query", "candidate rank", "top hit"],
                [
                    [m["original"], m["query"], fmt(m["candidate_rank"]), m["top_hit"] or "–"]
                    for m in items
                ],
                align="llrl",
            )
        )
    return sections


def main() -> None:
    parser = lists_parser(__doc__)
    parser.add_argument("--entities", type=int, default=1500, help="listed entities drawn")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--misses", type=int, default=0, metavar="N", help="list N hit misses per disguise"
    )
    parser.add_argument(
        "--customers", type=int, default=1000, help="synthetic customers for false alerts"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    args = parser.parse_args()
    host = machine()
    home = args.home.resolve()
    store, _ = open_store(home, args.lists)
    from caveat.match.calibration import DEFAULT_THRESHOLD
    from caveat.screen import Screener

    index = fresh_index(store)
    note(f"index: {len(index):,} entities; disguising {args.entities:,} of them ...")
    screener = Screener(index)
    records = measure(index, screener, args.entities, args.seed)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_schema: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_kind[r["kind"]].append(r)
        if r["kind"] != "exact":
            by_schema[r["schema"]].append(r)
    report: dict[str, Any] = {
        "benchmark": "recall",
        "code": code_digest(),
        "machine": host,
        "entities": args.entities,
        "records": len(records),
        "threshold": DEFAULT_THRESHOLD,
        "by_kind": {k: summarise(by_kind[k]) for k in PERTURBATIONS if k in by_kind},
        "by_schema": {k: summarise(v) for k, v in sorted(by_schema.items())},
        "false_alerts": false_alerts(screener, args.customers, args.seed),
    }
    if args.misses > 0:
        report["misses"] = {
            k: [r for r in v if r["hit_rank"] is None][: args.misses] for k, v in by_kind.items()
        }
    if args.json:
        report["records_detail"] = records
    emit(args, report, markdown(report))


if __name__ == "__main__":
    main()
