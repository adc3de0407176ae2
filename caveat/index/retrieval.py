"""Candidate retrieval: from a query's parts to the listed names worth aligning.

Each query part (and each run of two or three adjacent parts, which the lists may write
as one: "van der Bilt" / "Vanderbilt") is expanded to the listed parts near it (the
part itself, single slips, phonetic keys, abjad skeletons, name variants). Every listed
name holding one of those gains the query part's weight times the similarity, and the
listed part's own weight. From these two sums follows an upper bound of the score the
name can reach when aligned (`caveat.match.align`): names whose bound cannot reach the
threshold are never aligned.

The bound assumes that a query part which found nothing near it in a listed name is not
matched there; a part that meets a listed part less alike than the expansions look for
(``caveat.index.vocabulary.FUZZY_MIN``) is not counted.

Parts so common that no name holding only them could reach the threshold are not walked:
they only add to the names the rarer parts found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from caveat.index.postings import EMPTY, IdArray, Postings
from caveat.match.prepared import PreparedName

__all__ = ["NameBounds", "Unit", "query_units", "retrieve"]

FloatArray = npt.NDArray[np.float32]

MAX_RUN = 3
# Parts written as one are matched this alike at least (`caveat.match.align`).
JOINED_MIN = 0.88
SHORT_PART = 3
# The listed-name share the score keeps when none of the listed name is matched, for
# people and for organisations (`caveat.match.names`).
PERSON_FLOOR = 0.7
ORG_FLOOR = 0.6
# Matched parts are at least this alike (`caveat.match.tokens.MIN_SIMILARITY`).
MIN_SIMILARITY = 0.5

Expand = Callable[[str], Sequence[tuple[str, float]]]
Weigh = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Unit:
    """A query part, or a run of adjacent parts tried as one, with its weight and the
    listed parts near it: (listed part, similarity, the listed part's weight)."""

    text: str
    weight: float
    near: tuple[tuple[str, float, float], ...]


@dataclass(frozen=True, slots=True)
class NameBounds:
    """Listed names found, with the upper bound of each one's name score."""

    ids: IdArray
    bounds: FloatArray


def query_units(
    query: PreparedName, expand: Expand, weigh: Weigh, known: Callable[[str], bool]
) -> tuple[list[Unit], float]:
    """The units of one query rendering and the weight its initials may add.

    Args:
        query: The rendering, prepared with the list's weights.
        expand: Listed parts near a part, with their similarity.
        weigh: A listed part's weight (as `caveat.match.prepared.part_weight`).
        known: Whether a part is on the lists at all.

    Returns:
        The units, and the weight of one-letter parts, which are not looked up (a name
        found by the other parts is assumed to spell them out).
    """
    weights: dict[str, float] = {}
    counts: dict[str, int] = {}
    initials = 0.0
    for token, weight in zip(query.tokens, query.weights, strict=True):
        if len(token) == 1:
            initials += weight
        else:
            weights[token] = weights.get(token, 0.0) + weight
            counts[token] = counts.get(token, 0) + 1
    near_parts: dict[str, Sequence[tuple[str, float]]] = {t: expand(t) for t in weights}
    units = _owned(
        [(token, weight, near_parts[token], counts[token]) for token, weight in weights.items()],
        weigh,
    )
    tokens = query.tokens
    for size in range(2, MAX_RUN + 1):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            joined = "".join(run)
            if known(joined):
                near: Sequence[tuple[str, float]] = ((joined, 1.0),)
            elif any(len(t) <= SHORT_PART for t in run):
                near = expand(joined)
            else:
                continue
            # A listed part that one of the run's parts finds on its own is no part
            # written as one ("obshchestvo s" finds "obshchestvo"): counting it twice
            # would overstate the bound.
            members = {t for part in run for t, _ in near_parts.get(part, ())}
            near = [(t, s) for t, s in near if t not in members and s >= JOINED_MIN]
            if near:
                weight = sum(query.weights[start : start + size])
                units.append(Unit(joined, weight, tuple((t, s, weigh(t)) for t, s in near)))
    return units, initials


def _owned(
    parts: list[tuple[str, float, Sequence[tuple[str, float]], int]], weigh: Weigh
) -> list[Unit]:
    """Units whose listed parts carry their weight in one unit only: a listed part can
    meet one query part, so the listed name's matched weight must not count it twice
    ("ubaidi" and "abd" both near "abed"). The unit that gains most from it keeps it,
    once for each time the query holds the unit's part ("Ivan Ivan")."""
    owner: dict[str, tuple[float, int]] = {}
    for k, (_, weight, near, _) in enumerate(parts):
        for listed, similarity in near:
            gain = weight * similarity
            if listed not in owner or owner[listed][0] < gain:
                owner[listed] = (gain, k)
    return [
        Unit(
            token,
            weight,
            tuple((t, s, weigh(t) * count if owner[t][1] == k else 0.0) for t, s in near),
        )
        for k, (token, weight, near, count) in enumerate(parts)
    ]


def _bound(
    q_value: FloatArray,
    c_value: FloatArray,
    q_total: float,
    name_total: FloatArray,
    floors: FloatArray,
    contained: npt.NDArray[np.bool_],
) -> FloatArray:
    """The alignment score's upper bound from the query weight matched (similarity
    weighted) and the listed weight matched (not weighted): see `_score` in
    `caveat.match.align`."""
    q_alike = np.minimum(q_value / np.float32(q_total), 1.0)
    c_cover = np.minimum(c_value / name_total, 1.0)
    straight = q_alike * (floors + (1.0 - floors) * c_cover)
    q_cover = np.minimum(q_alike / np.float32(MIN_SIMILARITY), 1.0)
    inside = np.where(contained, c_cover * (floors + (1.0 - floors) * q_cover), 0.0)
    bound: FloatArray = np.maximum(straight, inside).astype(np.float32)
    return bound


def _opening(units: list[Unit], q_total: float, initials: float, needed: float) -> int:
    """How many of the units (heaviest first) must be walked in full: the rest could
    not lift a name they alone found to ``needed``, even wholly inside the query."""
    remaining = sum(u.weight for u in units) + initials
    for k, unit in enumerate(units):
        share = min(remaining / q_total, 1.0)
        # Wholly inside a longer query: the listed name may be all covered, the query
        # covered up to twice its similarity-weighted share.
        inside = PERSON_FLOOR + (1.0 - PERSON_FLOOR) * min(share / MIN_SIMILARITY, 1.0)
        best = max(share, inside if len(units) - k >= 2 else 0.0)
        if best < needed:
            return k
        remaining -= unit.weight
    return len(units)


def retrieve(
    query: PreparedName,
    units: list[Unit],
    initials: float,
    postings: Postings,
    name_total: FloatArray,
    name_floor: FloatArray,
    name_contained: npt.NDArray[np.bool_],
    needed: float,
) -> NameBounds:
    """The listed names one query rendering may reach ``needed`` with.

    Args:
        query: The rendering.
        units: Its units (`query_units`).
        initials: The weight of its one-letter parts.
        postings: Listed names by part.
        name_total: Each listed name's total part weight (its lightest rendering).
        name_floor: Each listed name's floor (people 0.7, organisations 0.6).
        name_contained: Whether a listed name may sit wholly inside a longer query (two
            parts or more besides particles).
        needed: The bound a name must reach to be kept.
    """
    q_total = query.total
    if q_total <= 0.0 or not units:
        return NameBounds(EMPTY, np.zeros(0, dtype=np.float32))
    units = sorted(units, key=lambda u: -u.weight)
    opening = _opening(units, q_total, initials, needed)
    found_ids: IdArray = EMPTY
    q_sum: FloatArray = np.zeros(0, dtype=np.float32)
    c_sum: FloatArray = np.zeros(0, dtype=np.float32)
    for k, unit in enumerate(units):
        ids_parts: list[IdArray] = []
        q_parts: list[FloatArray] = []
        c_parts: list[FloatArray] = []
        for listed, similarity, listed_weight in unit.near:
            ids = postings.get(listed)
            if k >= opening:
                ids = _present(found_ids, ids)
            if len(ids) == 0:
                continue
            ids_parts.append(ids)
            q_parts.append(np.full(len(ids), unit.weight * similarity, dtype=np.float32))
            c_parts.append(np.full(len(ids), listed_weight, dtype=np.float32))
        if not ids_parts:
            continue
        ids, q_gain, c_gain = _best_per_name(ids_parts, q_parts, c_parts)
        found_ids, q_sum, c_sum = _merge(found_ids, q_sum, c_sum, ids, q_gain, c_gain)
    if len(found_ids) == 0:
        return NameBounds(EMPTY, np.zeros(0, dtype=np.float32))
    bounds = _bound(
        q_sum + np.float32(initials),
        c_sum,
        q_total,
        name_total[found_ids],
        name_floor[found_ids],
        name_contained[found_ids],
    )
    keep = bounds >= needed
    return NameBounds(found_ids[keep], bounds[keep])


def _present(found: IdArray, ids: IdArray) -> IdArray:
    """The ids of ``found`` (sorted) that are also in ``ids`` (sorted)."""
    if len(found) == 0 or len(ids) == 0:
        return EMPTY
    at = np.searchsorted(ids, found)
    at[at >= len(ids)] = len(ids) - 1
    present: IdArray = found[ids[at] == found]
    return present


def _best_per_name(
    ids_parts: list[IdArray], q_parts: list[FloatArray], c_parts: list[FloatArray]
) -> tuple[IdArray, FloatArray, FloatArray]:
    """One unit's gain per name: the best over the listed parts near it."""
    if len(ids_parts) == 1:
        return ids_parts[0], q_parts[0], c_parts[0]
    ids = np.concatenate(ids_parts)
    q_gain = np.concatenate(q_parts)
    c_gain = np.concatenate(c_parts)
    order = np.argsort(ids, kind="stable")
    ids, q_gain, c_gain = ids[order], q_gain[order], c_gain[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    return ids[starts], np.maximum.reduceat(q_gain, starts), np.maximum.reduceat(c_gain, starts)


def _merge(
    ids_a: IdArray,
    q_a: FloatArray,
    c_a: FloatArray,
    ids_b: IdArray,
    q_b: FloatArray,
    c_b: FloatArray,
) -> tuple[IdArray, FloatArray, FloatArray]:
    """Add a unit's gains to the sums so far (both sorted by name id)."""
    if len(ids_a) == 0:
        return ids_b, q_b, c_b
    ids = np.concatenate([ids_a, ids_b])
    q = np.concatenate([q_a, q_b])
    c = np.concatenate([c_a, c_b])
    order = np.argsort(ids, kind="stable")
    ids, q, c = ids[order], q[order], c[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    return ids[starts], np.add.reduceat(q, starts), np.add.reduceat(c, starts)
