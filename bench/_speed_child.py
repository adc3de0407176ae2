"""The parts of bench/speed.py that must run in a fresh interpreter, one per call.

Each mode prints one JSON line. Run by speed.py, never by hand:
    python bench/_speed_child.py build|coldstart|batch|compare --home DIR [...]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import statistics
import time
from pathlib import Path
from typing import Any

from _speed_util import load_rows, max_rss_mb, percentiles, rss_mb, use_home
from _warmup import WARM_UP

COLD_QUERY = ("Ismail Demir", "Person")


def _store(home: Path) -> Any:
    from caveat.store import Store

    return Store(f"sqlite:///{home / 'caveat.db'}")


def build(home: Path) -> dict[str, Any]:
    """Build the index from the store as `caveat.indexing.load_index` does, phase by
    phase, and save it where ``load_index`` looks for it."""
    start = time.perf_counter()
    from caveat.batch.local import worker_count
    from caveat.collection import collection_paused
    from caveat.indexing import build_index, index_fingerprint
    from caveat.knowledge import load_variants

    imported = time.perf_counter()
    store = _store(home)
    variants = load_variants()
    fingerprint = index_fingerprint(store.lists(), variants)
    with collection_paused():  # as load_index builds, on every core as the CLI does
        entities = list(store.active_entities())
        read = time.perf_counter()
        rss_read = rss_mb()
        index = build_index(entities, variants, fingerprint, workers=worker_count(0))
        built = time.perf_counter()
    peak_build = max_rss_mb()
    data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    pickled = time.perf_counter()
    folder = home / "index"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{fingerprint}.pickle"
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return {
        "entities": len(entities),
        "names": len(index.names),
        "parts": len(index.postings),
        "import_s": round(imported - start, 3),
        "read_store_s": round(read - imported, 3),
        "build_s": round(built - read, 3),
        "pickle_s": round(pickled - built, 3),
        "rss_after_read_mb": rss_read,
        "peak_rss_build_mb": peak_build,
        "peak_rss_mb": max_rss_mb(),
        "pickle_bytes": len(data),
        "path": str(path),
    }


def coldstart(home: Path, started_at: float) -> dict[str, Any]:
    """Import Caveat, load the pickled index, answer one query."""
    start = time.perf_counter()
    from caveat.indexing import load_index
    from caveat.screen import Query, Screener

    imported = time.perf_counter()
    index = load_index(_store(home), home=home)
    loaded = time.perf_counter()
    screener = Screener(index)
    hits = screener.screen(Query(names=[COLD_QUERY[0]], schema=COLD_QUERY[1]))
    answered = time.perf_counter()
    # The first query that names a country reads the country table (caveat.countries).
    screener.screen(Query(names=[COLD_QUERY[0]], schema=COLD_QUERY[1], countries=["Turkey"]))
    with_country = time.perf_counter() - answered
    path = home / "index" / f"{index.fingerprint}.pickle"
    return {
        "import_s": round(imported - start, 3),
        "load_index_s": round(loaded - imported, 3),
        "first_query_s": round(answered - loaded, 3),
        "total_s": round(answered - start, 3),
        "country_query_s": round(with_country, 3),
        "from_pickle": path.exists() and path.stat().st_mtime < started_at,
        "hits": len(hits),
        "peak_rss_mb": max_rss_mb(),
    }


def batch(home: Path, source: Path, workers: int) -> dict[str, Any]:
    """`caveat.batch.run_batch` over the CSV, after loading the index."""
    from caveat.batch import run_batch
    from caveat.indexing import load_index
    from caveat.match.calibration import DEFAULT_THRESHOLD
    from caveat.screen import Screener

    start = time.perf_counter()
    screener = Screener(load_index(_store(home), home=home))
    loaded = time.perf_counter() - start
    output = source.with_name(f"{source.stem}.out-{workers}.csv")
    report = run_batch(source, output, screener, threshold=DEFAULT_THRESHOLD, workers=workers)
    return {
        "workers": workers,
        "load_index_s": round(loaded, 3),
        "rows": report.rows,
        "hits": report.hits,
        "problems": len(report.problems),
        "seconds": round(report.seconds, 3),
        "rate": round(report.rate, 1),
        "peak_rss_mb": max_rss_mb(),
        "peak_rss_worker_mb": max_rss_mb(children=True),
    }


def _schema_for(query: str, listed: str) -> str:
    """The more specific of two compatible schemata (it holds both sides' properties)."""
    from followthemoney import model

    q, c = model.get(query), model.get(listed)
    if q is None or c is None:
        return listed
    return query if q.is_a(c) else listed


def compare(home: Path, rows_path: Path, peers_python: Path, passes: int) -> dict[str, Any]:
    """Time Caveat's scoring and logic-v2's on the same query x candidate pairs."""
    from _peers import Comparison, run_peer

    import caveat.screen
    from caveat.indexing import load_index
    from caveat.match.calibration import DEFAULT_THRESHOLD
    from caveat.match.scoring import score_entity
    from caveat.screen import Query, Screener

    index = load_index(_store(home), home=home)
    screener = Screener(index)
    for schema, left, _ in WARM_UP:
        screener.screen(Query(names=[left], schema=schema))
    rows = load_rows(rows_path)
    work = []
    for row in rows:
        query = row.query()
        names, facts = query.checked()
        found = index.candidates(
            (f for n in names for f in n.all_forms()),
            facts.identifiers,
            schema=query.schema,
            limit=40,
        )
        weighed = [n.weighed(index.weight) for n in names]
        work.append((row, query, weighed, facts, found))

    def score_all() -> tuple[list[float], list[list[float]]]:
        times, scores = [], []
        clock = time.perf_counter_ns
        gc.collect()
        for _row, query, names, facts, found in work:
            start = clock()
            out = []
            for position, _ in found:
                scored = score_entity(
                    names,
                    facts,
                    index.names_of(position),
                    index.facts[position],
                    index.judge,
                    person=index.schemas[position] == "Person" or query.schema == "Person",
                )
                out.append(0.0 if scored is None else scored.score)
            times.append((clock() - start) / 1e6)
            scores.append(out)
        return times, scores

    caveat_passes = [score_all() for _ in range(passes)]
    comparisons: list[Comparison] = []
    owner: list[int] = []
    for q, (_, query, _, _, found) in enumerate(work):
        props: dict[str, list[str]] = {"name": list(query.names)}
        for key, values in (
            ("birthDate", query.birth_dates),
            ("country", query.countries),
            ("idNumber", query.identifiers),
        ):
            if values:
                props[key] = list(values)
        for position, _ in found:
            entity = index.entity(position)
            schema = _schema_for(query.schema, entity.schema)
            comparisons.append(Comparison(len(comparisons), schema, props, entity.properties))
            owner.append(q)
    peer = run_peer("logic-v2", comparisons, passes, peers_python)
    if not peer.ok:
        raise SystemExit(f"logic-v2 failed: {peer.error}")
    peer_ms: list[list[float]] = [[0.0] * len(work), [0.0] * len(work)]
    peer_scores: list[list[float]] = [[] for _ in work]
    for i, q in enumerate(owner):
        peer_ms[0][q] += peer.us_cold[i] / 1000.0
        peer_ms[1][q] += (peer.us_hot[i] or 0.0) / 1000.0
        peer_scores[q].append(peer.scores[i])
    # How many candidates screen() itself scores after its pruning: count its calls.
    scored_calls = 0
    real_score = caveat.screen.score_entity  # type: ignore[attr-defined]

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal scored_calls
        scored_calls += 1
        return real_score(*args, **kwargs)

    caveat.screen.score_entity = counting  # type: ignore[attr-defined]
    for _, query, _, _, _ in work:
        screener.screen(query)
    caveat.screen.score_entity = real_score  # type: ignore[attr-defined]
    raw = {
        "queries": len(work),
        "pairs": len(comparisons),
        "pairs_after_pruning": scored_calls,
        "caveat_ms": [t for t, _ in caveat_passes],
        "logic_v2_ms": peer_ms,
        "caveat_scores": caveat_passes[0][1],
        "logic_v2_scores": peer_scores,
        "origins": [w[0].origin for w in work],
    }
    return summarise_compare(raw, DEFAULT_THRESHOLD)


def summarise_compare(raw: dict[str, Any], threshold: float) -> dict[str, Any]:
    """Per-query scoring time of each side, their ratio, and how far they agree."""
    out: dict[str, Any] = {k: raw[k] for k in ("queries", "pairs", "pairs_after_pruning")}
    for side in ("caveat", "logic_v2"):
        runs = raw[f"{side}_ms"]
        out[side] = {"cold": percentiles(runs[0]), "hot": percentiles(runs[-1])}
        out[side]["us_per_pair_hot"] = round(1000 * sum(runs[-1]) / max(raw["pairs"], 1), 1)
    ratios = [
        p / c
        for c, p in zip(raw["caveat_ms"][-1], raw["logic_v2_ms"][-1], strict=True)
        if c > 0 and p > 0
    ]
    out["ratio_median_per_query"] = round(statistics.median(ratios), 2) if ratios else None
    out["ratio_of_totals"] = round(sum(raw["logic_v2_ms"][-1]) / sum(raw["caveat_ms"][-1]), 2)
    mine, theirs = raw["caveat_scores"], raw["logic_v2_scores"]
    out["pairs_at_threshold"] = {
        "caveat": sum(s >= threshold for q in mine for s in q),
        "logic_v2": sum(s >= 0.7 for q in theirs for s in q),
    }
    both = [
        (m, t)
        for m, t in zip(mine, theirs, strict=True)
        if m and max(m) >= threshold and max(t) >= 0.7
    ]
    out["same_best_candidate"] = {
        "queries_with_hits_both": len(both),
        "same": sum(m.index(max(m)) == t.index(max(t)) for m, t in both),
    }
    return out


def main() -> None:
    started_at = time.time()
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("build", "coldstart", "batch", "compare"))
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rows", type=Path)
    parser.add_argument("--peers-python", type=Path)
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()
    use_home(args.home)
    if args.mode == "build":
        out = build(args.home)
    elif args.mode == "coldstart":
        out = coldstart(args.home, started_at)
    elif args.mode == "batch":
        out = batch(args.home, args.csv, args.workers)
    else:
        out = compare(args.home, args.rows, args.peers_python, args.passes)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
