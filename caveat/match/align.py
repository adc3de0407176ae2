"""Aligning the parts of two names and scoring the alignment by part rarity.

Each query part meets at most one listed part. Parts that fuse or split across
spellings ("Jong Un" / "Jongun", "Al Assad" / "Alassad") are tried as one. The score is
the weighted share of the query's parts that found a partner, where a part's weight is
its rarity on the lists: sharing "Mohammed" or "Trading" proves little, sharing
"Rosoboroneksport" proves much. That share is then tempered by the share of the listed
name matched, which counts for less, since lists often add middle names, patronymics and
descriptions ("Aerospace Defense Concern Almaz-Antey").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from caveat.match.explain import PartMatch
from caveat.match.tokens import PartJudge, fuzzy_similarity

__all__ = ["Alignment", "align_parts"]

Weigh = Callable[[str], float]
JOINED_MIN = 0.88


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    parts: tuple[PartMatch, ...]
    matched: int


def _joined_matches(
    short: Sequence[str], long: Sequence[str]
) -> list[tuple[int, tuple[int, int], float]]:
    """Parts of ``short`` that equal two adjacent parts of ``long`` written as one."""
    found = []
    for i, token in enumerate(short):
        if len(token) < 4:
            continue
        for j in range(len(long) - 1):
            joined = long[j] + long[j + 1]
            similarity = fuzzy_similarity(token, joined)
            if similarity >= JOINED_MIN:
                found.append((i, (j, j + 1), similarity))
    return found


def align_parts(
    query: Sequence[str],
    candidate: Sequence[str],
    weigh: Weigh,
    judge: PartJudge,
    *,
    abjad: bool = False,
    person: bool = False,
    listed_floor: float = 0.6,
) -> Alignment:
    """Align two token sequences and score the alignment in [0, 1].

    Args:
        query: the query name's parts.
        candidate: the listed name's parts.
        weigh: a part's rarity weight.
        judge: compares two parts.
        abjad: one side came from a script without vowels.
        person: allow initials to stand for given names.
        listed_floor: the score when the query is fully matched but none of the listed
            name's weight is (lists add middle names, patronymics and descriptions).
    """
    if not query or not candidate:
        return Alignment(0.0, (), 0)
    q_weights = [weigh(t) for t in query]
    c_weights = [weigh(t) for t in candidate]
    # Every possible pairing: (similarity, single, weight, query parts, listed parts, method).
    options: list[tuple[float, bool, float, tuple[int, ...], tuple[int, ...], str]] = []
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            similarity, method = judge.similarity(a, b, abjad=abjad, initials=person)
            if similarity > 0.0:
                options.append((similarity, True, q_weights[i] + c_weights[j], (i,), (j,), method))
    # Fused parts: "jongun" against "jong" + "un", either way round.
    for i, (j1, j2), similarity in _joined_matches(query, candidate):
        weight = q_weights[i] + c_weights[j1] + c_weights[j2]
        options.append((similarity, False, weight, (i,), (j1, j2), "joined"))
    for j, (i1, i2), similarity in _joined_matches(candidate, query):
        weight = c_weights[j] + q_weights[i1] + q_weights[i2]
        options.append((similarity, False, weight, (i1, i2), (j,), "joined"))
    options.sort(key=lambda o: (o[0], o[1], o[2]), reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    parts: list[PartMatch] = []
    matched_q = 0.0
    matched_c = 0.0
    for similarity, _, weight, q_ids, c_ids, method in options:
        if used_q.intersection(q_ids) or used_c.intersection(c_ids):
            continue
        used_q.update(q_ids)
        used_c.update(c_ids)
        matched_q += similarity * sum(q_weights[i] for i in q_ids)
        matched_c += similarity * sum(c_weights[j] for j in c_ids)
        parts.append(
            PartMatch(
                " ".join(query[i] for i in q_ids),
                " ".join(candidate[j] for j in c_ids),
                similarity,
                method,
                weight / (len(q_ids) + len(c_ids)),
            )
        )
    for i, token in enumerate(query):
        if i not in used_q:
            parts.append(PartMatch(token, None, 0.0, "unmatched", q_weights[i]))
    for j, token in enumerate(candidate):
        if j not in used_c:
            parts.append(PartMatch(None, token, 0.0, "unmatched", c_weights[j]))
    query_share = matched_q / sum(q_weights)
    listed_share = matched_c / sum(c_weights)
    score = query_share * (listed_floor + (1.0 - listed_floor) * listed_share)
    return Alignment(min(score, 1.0), tuple(parts), len(used_q))
