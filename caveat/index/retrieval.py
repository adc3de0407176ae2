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
(``caveat.index.vocabulary.FUZZY_MIN``) is not counted. Numbers are the exception: one
may meet another number of a series ("Asia Bridge 1", "Asia Bridge 2"), which no
posting list shows, so the bound counts them as met, as alike as a series allows.

Parts so common that no name holding only them could reach the threshold are not walked:
they only add to the names the rarer parts found.

A company's bound counts its legal forms as the score does: one whose legal forms share
none with the query's keeps ``LEGAL_FORM_CONFLICT`` of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar, Generic, TypeVar, cast

import numpy as np
import numpy.typing as npt

from caveat.index.postings import EMPTY, IdArray, Postings, run_starts, sorted_with_tags
from caveat.match.align import SERIES_DIFFER, SERIES_SIMILARITY
from caveat.match.names import LEGAL_FORM_CONFLICT
from caveat.match.prepared import PreparedName, is_number
from caveat.names import legal_form_classes

__all__ = [
    "Initials",
    "ListedMeasures",
    "NameBounds",
    "Near",
    "Unit",
    "UnitGains",
    "legal_bits",
    "letter_bits",
    "query_units",
    "repeated_bits",
    "retrieve",
    "unit_gains",
]

FloatArray = npt.NDArray[np.float32]

MAX_RUN = 3
# Above this many names found, a looser bound in fewer array operations goes first.
HOPEFUL_ABOVE = 256
# Above this many names, a unit that cannot lift a name alone keeps only the names
# another unit also finds, by one pass over a mask of every listed name.
COMPANY_ABOVE = 16_384
# Of two sorted id arrays, the shorter is looked up in the longer when this many times
# shorter; else the two are merged.
MERGE_SHARE = 8
# Names inside a query that one part of theirs could carry (`ListedMeasures.lopsided`).
LOPSIDED = 0.8
# Parts written as one are matched this alike at least (`caveat.match.align`).
JOINED_MIN = 0.88
SHORT_PART = 3
# The listed-name share the score keeps when none of the listed name is matched, for
# people and for organisations (`caveat.match.names`).
PERSON_FLOOR = 0.7
ORG_FLOOR = 0.6
# The bits of `ListedMeasures.legal`; the last also stands for any class not known.
LEGAL_BITS = 16
OTHER_CLASS = 1 << (LEGAL_BITS - 1)
# Matched parts are at least this alike (`caveat.match.tokens.MIN_SIMILARITY`).
MIN_SIMILARITY = 0.5
# How alike an initial and a part it begins are (`caveat.match.tokens.INITIAL`).
INITIAL = 0.85
# The most a listed one-letter part weighs (`caveat.match.prepared.INITIAL_WEIGHT`).
LISTED_INITIAL = 0.5

# Listed parts near a query part: (listed part, similarity, the listed part's weight).
Near = tuple[tuple[str, float, float], ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """A query part, or a run of adjacent parts tried as one, with its weight, how many
    times the query holds it, and the listed parts near it: (listed part, similarity,
    the listed part's weight)."""

    text: str
    weight: float
    near: Near
    count: int = 1


# One record per listed rendering: retrieval reads all of a name's measures at once, so
# gathering them for many names costs one memory read per name instead of six.
MEASURES = np.dtype(
    [
        ("total", np.float32),
        ("floor", np.float32),
        ("particles", np.float32),
        ("letters", np.uint32),
        ("initials", np.uint32),
        ("repeated", np.uint32),
        ("numbers", np.float32),
        ("legal", np.uint16),
        ("contained", np.bool_),
    ],
    align=True,
)


# What the first, looser bound (`_hopeful`) reads of each listed rendering, a quarter
# of a full record: it is gathered for every name found, hundreds of thousands for two
# common parts, and then reads a quarter of the memory. Flags: `INITIALLED`,
# `CONTAINED`.
BRIEF = np.dtype([("total", np.float32), ("legal", np.uint16), ("flags", np.uint8)], align=True)
INITIALLED = 1
CONTAINED = 2

Scalar = TypeVar("Scalar", bound=np.generic)


class _Column(Generic[Scalar]):
    """One field of the measure records, read as an array (a view, not a copy)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, measures: ListedMeasures, owner: type) -> npt.NDArray[Scalar]:
        column: npt.NDArray[Scalar] = measures.records[self.name]
        return column


@dataclass(frozen=True, slots=True)
class ListedMeasures:
    """What the bound needs of listed names, one record each (by name id in the index,
    or aligned with the ids retrieval found, after `take`).

    Fields of a record:
        total: The total part weight (of the lightest rendering).
        floor: The score share kept when none of the listed name is matched (people
            0.7, organisations 0.6).
        particles: The most of its weight that particles hold in any rendering (a
            particle left unmatched is no disagreement).
        letters: The first letters of its parts, one bit each (a = 1, b = 2, c = 4...),
            to tell whether a query's initial may stand for one of them.
        initials: The letters the name gives as one-letter parts ("KIM, J."), as bits:
            a query part beginning with one may meet it.
        repeated: The letters that begin two or more of its parts, as bits: a second
            query initial of one letter meets a second part only there.
        numbers: The weight of its parts that number a member of a series ("Fund 2",
            "Bridge III"): another number in the query may meet them.
        legal: Its legal forms as bits (`legal_bits`): a query of another legal form
            scores at most LEGAL_FORM_CONFLICT of the alignment.
        contained: Whether the name may sit wholly inside a longer query (two parts or
            more besides particles).

    ``brief`` holds a brief record (`BRIEF`) of each name, for the first bound.

    Two id lists (sorted) name the listed names a single query part may lift, which
    `_in_company` must keep: ``initialled``, those with a one-letter part, which a
    query part may meet without sharing a posting list with it; ``lopsided``, those that
    may sit inside a query with one part holding at least ``LOPSIDED`` of their weight.
    """

    records: npt.NDArray[np.void]
    initialled: IdArray = field(default_factory=lambda: EMPTY)
    lopsided: IdArray = field(default_factory=lambda: EMPTY)
    brief: npt.NDArray[np.void] = field(default_factory=lambda: np.zeros(0, dtype=BRIEF))

    @classmethod
    def empty(cls, count: int) -> ListedMeasures:
        return cls(np.zeros(count, dtype=MEASURES))

    def completed(self, lopsided: IdArray) -> ListedMeasures:
        """These records with their id lists and brief records (`BRIEF`)."""
        records = self.records
        initialled = np.flatnonzero(records["initials"] != 0).astype(np.int32)
        return ListedMeasures(records, initialled, lopsided, _brief(records))

    def __getstate__(self) -> dict[str, Any]:
        # The brief records follow from the full ones: worked out again on loading.
        return {"records": self.records, "initialled": self.initialled, "lopsided": self.lopsided}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "brief", _brief(self.records))

    def take(self, ids: IdArray) -> ListedMeasures:
        """The records of these names, in their order."""
        return ListedMeasures(self.records.take(ids))

    def where(self, keep: npt.NDArray[np.bool_]) -> ListedMeasures:
        return ListedMeasures(_kept(keep, self.records))

    total: ClassVar[_Column[np.float32]] = _Column()
    floor: ClassVar[_Column[np.float32]] = _Column()
    particles: ClassVar[_Column[np.float32]] = _Column()
    letters: ClassVar[_Column[np.uint32]] = _Column()
    initials: ClassVar[_Column[np.uint32]] = _Column()
    repeated: ClassVar[_Column[np.uint32]] = _Column()
    numbers: ClassVar[_Column[np.float32]] = _Column()
    legal: ClassVar[_Column[np.uint16]] = _Column()
    contained: ClassVar[_Column[np.bool_]] = _Column()


def _brief(records: npt.NDArray[np.void]) -> npt.NDArray[np.void]:
    """The brief record (`BRIEF`) of each full one."""
    brief = np.zeros(len(records), dtype=BRIEF)
    brief["total"] = records["total"]
    brief["legal"] = records["legal"]
    initialled = (records["initials"] != 0) * np.uint8(INITIALLED)
    brief["flags"] = initialled + records["contained"] * np.uint8(CONTAINED)
    return brief


def letter_bits(tokens: Sequence[str]) -> int:
    """The first letters of the parts as bits (`ListedMeasures.letters`)."""
    bits = 0
    for token in tokens:
        first = ord(token[0]) - 97 if token else -1
        if 0 <= first < 26:
            bits |= 1 << first
    return bits


def legal_bits(classes: Iterable[str]) -> int:
    """Legal-form classes as bits (`ListedMeasures.legal`): two renderings whose bits
    share none share no class."""
    table = _class_bits()
    bits = 0
    for name in classes:
        bits |= table.get(name, OTHER_CLASS)
    return bits


@lru_cache(maxsize=1)
def _class_bits() -> dict[str, int]:
    """Each known legal-form class its own bit while there are bits enough; classes that
    share one (or `OTHER_CLASS`) only make bounds looser."""
    return {name: 1 << (i % LEGAL_BITS) for i, name in enumerate(sorted(legal_form_classes()))}


def repeated_bits(tokens: Sequence[str]) -> int:
    """The letters that begin two or more of the parts, as bits
    (`ListedMeasures.repeated`)."""
    once = twice = 0
    for token in tokens:
        bit = letter_bits(token[:1])
        twice |= once & bit
        once |= bit
    return twice


# One-letter query parts: (the letter's bit, the part's weight).
Initials = tuple[tuple[int, float], ...]
# A unit's listed names (sorted ids) and its gains for each (four columns, see
# `unit_gains`).
UnitGains = tuple[IdArray, "FloatArray"]


@dataclass(frozen=True, slots=True)
class NameBounds:
    """Listed names found, with the upper bound of each one's name score."""

    ids: IdArray
    bounds: FloatArray


def _no_bounds() -> NameBounds:
    return NameBounds(EMPTY, np.zeros(0, dtype=np.float32))


def _no_gains() -> UnitGains:
    return EMPTY, np.zeros((0, 4), dtype=np.float32)


def _per_id(ids: IdArray, gains: FloatArray) -> UnitGains:
    """Each id once, sorted, with its rows of ``gains`` summed.

    The ids come as sorted runs, one per unit, and few names are in two: the runs are
    merged, and only the repeated rows added to their first, column by column (summing
    every run of rows with `np.add.reduceat` costs several times more)."""
    ids, order = sorted_with_tags(ids)
    gains = gains.take(order, axis=0)
    starts = run_starts(ids)
    if len(starts) == len(ids):
        return ids, gains
    again = np.flatnonzero(ids[1:] == ids[:-1]) + 1
    first = starts.take(starts.searchsorted(again, "right") - 1)
    for column in gains.T:
        np.add.at(column, first, column.take(again))
    return ids.take(starts), gains.take(starts, axis=0)


# Rows are picked with `np.take` and `np.compress`: indexing an array of rows or of
# records by ids or by a mask takes numpy's general path, about ten times slower.
Rows = TypeVar("Rows", bound=np.ndarray[Any, Any])


def _kept(keep: npt.NDArray[np.bool_], rows: Rows) -> Rows:
    """The rows (of an array of ids, gains, bounds or records) where ``keep`` holds."""
    return cast(Rows, np.compress(keep, rows, axis=0))


def query_units(
    query: PreparedName,
    near: Callable[[str], Near],
    known: Callable[[str], bool],
    spell: Callable[[str], Near] | None = None,
) -> tuple[list[Unit], Initials]:
    """The units of one query rendering and the weight its initials may add.

    Args:
        query: The rendering, prepared with the list's weights.
        near: Listed parts near a part: (listed part, similarity, its weight).
        known: Whether a part is on the lists at all.
        spell: Listed parts spelt like a run of parts written as one, likewise
            (``near`` when not given).

    Returns:
        The units, and the one-letter parts, which are not looked up: a name found by
        the other parts may spell them out if one of its parts begins with the letter.
    """
    weights: dict[str, float] = {}
    counts: dict[str, int] = {}
    initials: list[tuple[int, float]] = []
    for token, weight in zip(query.tokens, query.weights, strict=True):
        if len(token) == 1 and token.isalpha():
            initials.append((letter_bits(token), weight))
        else:
            weights[token] = weights.get(token, 0.0) + weight
            counts[token] = counts.get(token, 0) + 1
    near_parts = {t: near(t) for t in weights}
    units = [
        Unit(token, weight, near_parts[token], counts[token]) for token, weight in weights.items()
    ]
    tokens = query.tokens
    # A run the query holds twice is one unit, as a part held twice is ("Da Oud Kamal
    # Da Oud" for "Daoud Kamal Daoud").
    runs: dict[str, tuple[float, int, Near]] = {}
    for size in range(2, MAX_RUN + 1):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            joined = "".join(run)
            weight = sum(query.weights[start : start + size])
            if joined in runs:
                held, count, found = runs[joined]
                runs[joined] = (held + weight, count + 1, found)
                continue
            if not known(joined) and all(len(t) > SHORT_PART for t in run):
                continue
            # A listed part that one of the run's parts finds on its own is no part
            # written as one ("obshchestvo s" finds "obshchestvo"): counting it twice
            # would overstate the bound.
            members = {t for part in run for t, _, _ in near_parts.get(part, ())}
            spelt = (near if spell is None else spell)(joined)
            found = tuple(e for e in spelt if e[0] not in members and e[1] >= JOINED_MIN)
            if len(found) == len(spelt):
                found = spelt  # the lookup's own tuple, which caches know by identity
            if found:
                runs[joined] = (weight, 1, found)
    units.extend(
        Unit(joined, weight, found, count) for joined, (weight, count, found) in runs.items()
    )
    return units, tuple(initials)


def _bound(
    gains: FloatArray,
    q_total: float,
    q_particles: float,
    found: ListedMeasures,
    person: bool = False,
) -> FloatArray:
    """The alignment score's upper bound from what a name's parts may match: the query
    weight matched, similarity weighted; the listed weight matched; the query weight
    matched, not weighted; the listed weight matched, similarity weighted (the columns
    of ``gains``). See `_score` in
    `caveat.match.align`: the shares matched, then the penalty for parts left over on
    both sides, which is at least what the shares leave unmatched besides particles.
    ``found`` holds the names' measures, row by row with ``gains``; ``person``: the
    query is a person's, which alignment pairs as a person's name with any listed one."""
    records = found.records
    floors = records["floor"]
    if person:
        floors = np.maximum(floors, np.float32(PERSON_FLOOR))
    spread = 1.0 - floors
    # Shares of the query (columns 0 and 2) and of the listed name (1 and 3), at most 1.
    q_share = np.minimum(gains[:, 0::2] / np.float32(q_total), 1.0)
    c_share = np.minimum(gains[:, 1::2] / records["total"][:, None], 1.0)
    q_alike, q_cover = q_share[:, 0], q_share[:, 1]
    c_cover, c_alike = c_share[:, 0], c_share[:, 1]
    straight = q_alike * (floors + spread * c_cover)
    inside = c_alike * (floors + spread * q_cover) * records["contained"]
    q_left = np.maximum(np.float32(1.0 - q_particles / q_total) - q_cover, 0.0)
    c_left = np.maximum(1.0 - c_cover - records["particles"], 0.0)
    bound: FloatArray = np.maximum(straight, inside) * (1.0 - np.minimum(q_left, c_left))
    return bound


def _opening(units: list[Unit], q_total: float, initials: Initials, needed: float) -> int:
    """How many of the units (heaviest first) must be walked in full: the rest could
    not lift a name they alone found to ``needed``, even wholly inside the query (which
    takes two parts of it: two units, or one held twice)."""
    remaining = sum(u.weight for u in units) + sum(w for _, w in initials)
    held = sum(u.count for u in units)
    for k, unit in enumerate(units):
        share = min(remaining / q_total, 1.0)
        # Wholly inside a longer query: the listed name may be all covered, the query
        # covered up to twice its similarity-weighted share.
        inside = PERSON_FLOOR + (1.0 - PERSON_FLOOR) * min(share / MIN_SIMILARITY, 1.0)
        best = max(share, inside if held >= 2 else 0.0)
        if best < needed:
            return k
        remaining -= unit.weight
        held -= unit.count
    return len(units)


def retrieve(
    query: PreparedName,
    units: list[Unit],
    initials: Initials,
    postings: Postings,
    listed: ListedMeasures,
    needed: float,
    tokens_of: Callable[[int], Sequence[str]] | None = None,
    gains_of: Callable[[Unit, Postings], UnitGains] | None = None,
    person: bool = False,
) -> NameBounds:
    """The listed names one query rendering may reach ``needed`` with.

    Args:
        query: The rendering.
        units: Its units (`query_units`).
        initials: Its one-letter parts.
        postings: Listed names by part.
        listed: What the bound needs of each listed name.
        needed: The bound a name must reach to be kept.
        tokens_of: A listed rendering's parts, each as often as it holds it, to count
            each listed part once; without it the bound may count a part that two query
            parts are near twice.
        gains_of: `unit_gains`, or a cached version of it (a unit's gains depend on the
            unit alone).
        person: The query is a person's: screening aligns it as a person's name with
            every listed name, whatever the listed entity's schema, so every name keeps
            a person's floor (a listed legal entity is often a person the list did not
            type).
    """
    q_total = query.total
    if q_total <= 0.0 or not units:
        return _no_bounds()
    units = sorted(units, key=lambda u: -u.weight)
    opening = _opening(units, q_total, initials, needed)
    gains_of = unit_gains if gains_of is None else gains_of
    walked = [gains_of(u, postings) for u in units[:opening]]
    probing = [gains_of(u, postings) for u in units[opening:]]
    if not initials and len(units) > 1 and max(len(g[0]) for g in walked) > COMPANY_ABOVE:
        alone = [_lifts_alone(u, q_total, needed) for u in units[:opening]]
        if not all(alone):
            walked = _in_company(walked, probing, alone, listed)
    found_ids, gains = _combine(walked, probing)
    if len(found_ids) == 0:
        return _no_bounds()
    # Units that are query parts as written (not runs): they may meet a listed initial.
    spelt = [u for u in units if u.text in query.tokens]
    q_legal = legal_bits(query.form.legal_forms) if query.form is not None else 0
    if len(found_ids) > HOPEFUL_ABOVE:
        brief = listed.brief.take(found_ids)
        keep = _hopeful(gains, q_total, spelt, initials, brief, needed, q_legal)
        found_ids, gains = _kept(keep, found_ids), _kept(keep, gains)
    found = listed.take(found_ids)
    # Kept apart from the gains, which the cap below may lower: no posting list shows it.
    series = _series_gains(spelt, found)
    q_particles = sum(w for i, w in enumerate(query.weights) if i in query.particles)
    extra = _initial_gains(spelt, initials, found)

    def bounds_of() -> FloatArray:
        # Of the arrays as they are when called: filtered, then capped below.
        best = _bound(_with_initials(gains, extra, found), q_total, q_particles, found, person)
        if series is not None:
            # Two numbers of a series paired cost the whole score SERIES_DIFFER.
            with_series = _with_initials(gains + series, extra, found)
            paired = _bound(with_series, q_total, q_particles, found, person)
            best = np.maximum(best, paired * np.float32(SERIES_DIFFER))
        if q_legal:
            best = best * _legal_share(found.legal, q_legal)
        return best

    bounds = bounds_of()
    keep = bounds >= needed
    shared = _shared_parts(units)
    if tokens_of is None or not shared or not keep.any():
        return NameBounds(_kept(keep, found_ids), _kept(keep, bounds))
    # A listed part meets one query part: a part near two query parts ("abed" near
    # "ubaidi" and "abd") must not count twice. Only names holding one can.
    found_ids, gains, found = _kept(keep, found_ids), _kept(keep, gains), found.where(keep)
    extra = None if extra is None else _kept(keep, extra)
    series = None if series is None else _kept(keep, series)
    rows = np.unique(np.concatenate([_common(found_ids, postings.get(t))[0] for t in shared]))
    _count_listed_once(found_ids, gains, rows, units, tokens_of)
    bounds = bounds_of()
    keep = bounds >= needed
    return NameBounds(_kept(keep, found_ids), _kept(keep, bounds))


def _number_weight(spelt: list[Unit]) -> float:
    """The weight of the query's numbers, which may meet a listed number of a series."""
    return sum(u.weight for u in spelt if is_number(u.text))


def _series_gains(spelt: list[Unit], found: ListedMeasures) -> FloatArray | None:
    """What numbers of a series may add per name: a query number meets a listed number
    unlike it ("Asia Bridge 1" and "Asia Bridge 2"), SERIES_SIMILARITY alike, which no
    posting list shows. At most the query numbers' weight, and the listed numbers'
    weight (each column as in `unit_gains`). None when there is nothing to add."""
    weight = _number_weight(spelt)
    numbers = found.numbers
    if weight == 0.0 or not numbers.any():
        return None
    held = (numbers > 0.0).astype(np.float32)
    return np.stack(
        [
            held * np.float32(SERIES_SIMILARITY * weight),
            numbers,
            held * np.float32(weight),
            numbers * np.float32(SERIES_SIMILARITY),
        ],
        axis=1,
    )


def _initial_gains(
    spelt: list[Unit], initials: Initials, found: ListedMeasures
) -> FloatArray | None:
    """What initials may add per name: the query weight (similarity weighted and not),
    how many listed parts they may meet, the sum of their likeness and the best. A
    query initial meets a listed part beginning with its letter (the same letter alone
    exactly); a query part may meet a listed initial ("KIM, J."). None when they add
    nothing."""
    listed_initials = found.initials
    if not initials and not listed_initials.any():
        return None
    # Kept column by column: each initial adds to the rows it meets in each column.
    extra = np.zeros((5, len(found.records)), dtype=np.float32).T
    q_alike, q_weight, count, alike_sum, best = extra.T
    letters, repeated = found.letters, found.repeated
    # Alignment pairs each listed part once: of a letter's query initials, the heaviest
    # may meet any name with a part of that letter, the others only a name with two.
    seen = 0
    for bit, weight in sorted(initials, key=lambda i: -i[1]):
        hit = ((repeated if seen & bit else letters) & np.uint32(bit)) != 0
        seen |= bit
        rows = np.flatnonzero(hit)
        alike = np.where((listed_initials.take(rows) & np.uint32(bit)) != 0, 1.0, INITIAL)
        q_alike[rows] = q_alike.take(rows) + weight * alike
        q_weight[rows] = q_weight.take(rows) + weight
        count[rows] = count.take(rows) + 1.0
        alike_sum[rows] = alike_sum.take(rows) + alike
        best[rows] = np.maximum(best.take(rows), alike)
    initialled = np.flatnonzero(listed_initials) if spelt else EMPTY
    if len(initialled):
        # Each spelt-out part adds to the names with a one-letter part of its first
        # letter: one matrix product over the parts instead of a pass per part.
        bits = np.fromiter((letter_bits(u.text[0]) for u in spelt), np.uint32, len(spelt))
        adds = np.asarray(
            [[u.weight * INITIAL, u.weight, LISTED_INITIAL * u.count,
              LISTED_INITIAL * INITIAL * u.count] for u in spelt],
            dtype=np.float32,
        )  # fmt: skip
        meets = (listed_initials.take(initialled)[:, None] & bits) != 0
        extra[initialled, :4] += meets.astype(np.float32) @ adds
        had = best.take(initialled)
        best[initialled] = np.where(meets.any(axis=1), np.maximum(had, INITIAL), had)
    return extra


def _with_initials(
    gains: FloatArray, extra: FloatArray | None, found: ListedMeasures
) -> FloatArray:
    """The gains with what initials add. The listed parts they meet weigh at most a
    whole part each and together what the other matches leave of the listed name; they
    are alike at most as the best initial, so the listed weight matched, similarity
    weighted, is at most ``best * total + (1 - best) * other``, where ``other`` is what
    the other matches give (each part at most its own weight)."""
    if extra is None or not extra[:, 2].any():
        return gains
    total = found.total
    best = extra[:, 4]
    out = gains.copy()
    out[:, 0] += extra[:, 0]
    out[:, 1] = np.minimum(gains[:, 1] + extra[:, 2], total)
    out[:, 2] += extra[:, 1]
    out[:, 3] = np.minimum(gains[:, 3] + extra[:, 3], best * total + (1.0 - best) * gains[:, 3])
    return out


def _hopeful(
    gains: FloatArray,
    q_total: float,
    spelt: list[Unit],
    initials: Initials,
    brief: npt.NDArray[np.void],
    needed: float,
    q_legal: int,
) -> npt.NDArray[np.bool_]:
    """A first, looser bound in a few array operations over the names' brief records
    (`BRIEF`), so that the full one is worked out only for names that may reach
    ``needed``: the score is at most the share of the query matched, or for a name
    inside the query the share of the name matched, with everything initials and
    numbers of a series could add; times what the score keeps of the alignment for the
    legal forms (the query's as `legal_bits`, `_legal_share`)."""
    flags = brief["flags"]
    has_initial = (flags & np.uint8(INITIALLED)) != 0
    # A query number may meet a listed number of a series, which weighs at most the
    # whole listed name (`_series_gains`).
    series = SERIES_SIMILARITY * _number_weight(spelt)
    q_more = sum(w for _, w in initials) + series
    q_for_listed_initials = sum(u.weight for u in spelt)
    q_share = (gains[:, 0] + q_more + has_initial * q_for_listed_initials) / q_total
    kept = _legal_share(brief["legal"], q_legal) if q_legal else None
    if kept is not None:
        q_share = np.minimum(q_share, 1.0) * kept
    hopeful: npt.NDArray[np.bool_] = q_share >= needed
    contained = (flags & np.uint8(CONTAINED)) != 0
    if contained.any():
        listed_extra = len(initials) + has_initial * LISTED_INITIAL * sum(u.count for u in spelt)
        c_share = (gains[:, 3] + listed_extra) / brief["total"]
        if series:
            c_share += SERIES_SIMILARITY
        if kept is not None:
            c_share = np.minimum(c_share, 1.0) * kept
        hopeful |= contained & (c_share >= needed)
    return hopeful


def _legal_share(legal: npt.NDArray[np.uint16], q_legal: int) -> FloatArray:
    """What the score keeps of each name's alignment for its legal forms (the names'
    and the query's as `legal_bits`): LEGAL_FORM_CONFLICT where both name some and share
    none (`caveat.match.names`), else all."""
    conflict = (legal != 0) & ((legal & np.uint16(q_legal)) == 0)
    share: FloatArray = np.where(conflict, np.float32(LEGAL_FORM_CONFLICT), np.float32(1.0))
    return share


def _shared_parts(units: list[Unit]) -> list[str]:
    """Listed parts near more than one unit."""
    seen: dict[str, int] = {}
    for unit in units:
        for listed, _, _ in unit.near:
            seen[listed] = seen.get(listed, 0) + 1
    return [t for t, count in seen.items() if count > 1]


def _count_listed_once(
    ids: IdArray,
    gains: FloatArray,
    rows: npt.NDArray[np.intp],
    units: list[Unit],
    tokens_of: Callable[[int], Sequence[str]],
) -> None:
    """Cap each name's gains at what its own parts found near the query can give when
    each listed part meets one query part: per listed part, the best query weight
    (similarity weighted and not) and its own weight (likewise)."""
    best: dict[str, tuple[float, float, float, float]] = {}
    for unit in units:
        weight = unit.weight
        for listed, similarity, listed_weight in unit.near:
            had = best.get(listed, (0.0, 0.0, 0.0, 0.0))
            best[listed] = (
                max(had[0], weight * similarity),
                max(had[1], listed_weight),
                max(had[2], weight),
                max(had[3], listed_weight * similarity),
            )
    caps: list[tuple[float, float, float, float]] = []
    for name_id in ids.take(rows).tolist():
        q_alike = c_weight = q_weight = c_alike = 0.0
        for token in tokens_of(name_id):
            found = best.get(token)
            if found is not None:
                q_alike += found[0]
                c_weight += found[1]
                q_weight += found[2]
                c_alike += found[3]
        caps.append((q_alike, c_weight, q_weight, c_alike))
    if caps:
        gains[rows] = np.minimum(gains.take(rows, axis=0), np.asarray(caps, dtype=np.float32))


def unit_gains(unit: Unit, postings: Postings) -> UnitGains:
    """Every listed name near one unit, sorted, with the unit's best gains for it: the
    query weight matched (similarity weighted), the listed weight matched, the query
    weight matched (not weighted), the listed weight matched (similarity weighted)."""
    weight, count = unit.weight, unit.count
    lists: list[IdArray] = []
    values: list[tuple[float, float, float, float]] = []
    for listed, similarity, listed_weight in unit.near:
        ids = postings.get(listed)
        if len(ids):
            lists.append(ids)
            values.append(
                (
                    weight * similarity,
                    listed_weight * count,
                    weight,
                    listed_weight * similarity * count,
                )
            )
    if not lists:
        return _no_gains()
    table = np.asarray(values, dtype=np.float32)
    if len(lists) == 1:
        return lists[0], table.repeat(len(lists[0]), axis=0)
    # Each name with the listed part it holds, by name; a name seldom holds two parts
    # near one unit, and then takes the best of each column.
    sizes = np.fromiter((len(ids) for ids in lists), dtype=np.int64, count=len(lists))
    ids, part = sorted_with_tags(
        np.concatenate(lists), np.arange(len(lists), dtype=np.int64).repeat(sizes)
    )
    starts = run_starts(ids)
    gains = table.take(part.take(starts), axis=0)
    if len(starts) < len(ids):
        again = np.flatnonzero(ids[1:] == ids[:-1]) + 1
        owner = starts.searchsorted(again, "right") - 1
        np.maximum.at(gains, owner, table.take(part.take(again), axis=0))
    return ids.take(starts), gains


def _lifts_alone(unit: Unit, q_total: float, needed: float) -> bool:
    """Whether a name that only this unit finds may reach ``needed``, for a query
    without initials, unless it has a one-letter part or is ``lopsided``: the unit
    covers at most its share of the query, and a name inside the query one of its parts
    covers at most ``LOPSIDED``, scoring at most that times the floor and the rest
    of the query's share (see `_bound`)."""
    share = min(unit.weight / q_total, 1.0)
    inside = LOPSIDED * (PERSON_FLOOR + (1.0 - PERSON_FLOOR) * share)
    return unit.count > 1 or max(share, inside) >= needed


def _in_company(
    walked: list[UnitGains], probing: list[UnitGains], alone: list[bool], listed: ListedMeasures
) -> list[UnitGains]:
    """The walked units' names, each unit that cannot lift a name alone keeping only
    the names another unit finds too.

    For a query without initials, a name only one unit finds, held once in the query,
    falls short of the bound needed (``alone`` false, `_lifts_alone`) unless a
    one-letter part of it meets a query part or one part holds most of its weight: those
    names are kept (``initialled`` and ``lopsided``)."""
    counts = np.zeros(len(listed.records), dtype=np.uint16)
    for ids, _ in (*walked, *probing):
        counts[ids] += 1
    counts[listed.initialled] += 1
    counts[listed.lopsided] += 1
    out = []
    for (ids, gains), enough in zip(walked, alone, strict=True):
        if enough:
            out.append((ids, gains))
        else:
            keep = counts.take(ids) >= 2
            out.append((_kept(keep, ids), _kept(keep, gains)))
    return out


def _combine(opening: list[UnitGains], probing: list[UnitGains]) -> UnitGains:
    """Sum the units' gains per name; the probing units only add to names the opening
    units found."""
    opening = [g for g in opening if len(g[0])]
    if not opening:
        return _no_gains()
    probing = [g for g in probing if len(g[0])]
    if len(opening) == 1:
        # The unit's own arrays are kept for later queries: added to only in a copy.
        ids, gains = opening[0][0], opening[0][1].copy() if probing else opening[0][1]
    else:
        ids, gains = _per_id(
            np.concatenate([g[0] for g in opening]), np.concatenate([g[1] for g in opening])
        )
    for more_ids, more in probing:
        rows, at = _common(ids, more_ids)
        gains[rows] = gains.take(rows, axis=0) + more.take(at, axis=0)
    return ids, gains


def _common(ids: IdArray, others: IdArray) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Where the ids that two sorted arrays (each id once) share sit in each."""
    if len(others) > len(ids):
        at_others, at_ids = _common(others, ids)
        return at_ids, at_others
    if len(others) * MERGE_SHARE < len(ids):
        # Far fewer: each looked up among the more.
        at = ids.searchsorted(others)
        at[at >= len(ids)] = 0
        hit = ids.take(at) == others
        return _kept(hit, at), np.flatnonzero(hit)
    # Of like sizes: one merge of the two runs, cheaper than a search per id.
    both = np.concatenate([ids, others])
    merged, order = sorted_with_tags(both)
    # An id in both is two neighbours, the first from ``ids``.
    same = np.flatnonzero(merged[1:] == merged[:-1])
    return order.take(same), order.take(same + 1) - len(ids)
