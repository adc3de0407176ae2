"""The parts that occur on the lists, and ways to find listed parts near a query part:
single deletions (one typo either side), shared trigrams (long parts a few letters
apart), phonetic keys, consonant skeletons, retyping keys, the same letters in another
order, and name-variant groups."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from caveat.index.postings import Postings
from caveat.kept import Kept
from caveat.match.tokens import (
    ANAGRAM_LENGTH,
    GENERIC_WEIGHT,
    KNOWN_KEYS,
    RETYPED_MIN,
    PartJudge,
    fuzzy_similarities,
    fuzzy_similarity,
)
from caveat.names import (
    generic_org_words,
    heard_readings,
    phonetic_key,
    retyped_key,
    skeleton,
)
from caveat.names.korean import romanised_readings
from caveat.names.variants import NameVariants

__all__ = ["Neighbours", "Vocabulary", "part_counts", "rarity_weight"]

FUZZY_MIN = 0.7
# Edit similarity without the first-letter penalty is never below `fuzzy_similarity`'s:
# parts under this cannot be kept by spelling.
SPELT_MIN = FUZZY_MIN - 1e-9
PRIOR_NAMES = 10_000
EXPANSION_CACHE = 200_000
PHONETIC_MIN = 3
# Parts this long are also looked up by their trigrams: two slips of different kinds
# ("zhakipovih" / "zhakypovich") escape single deletions.
GRAM_MIN = 7
# Each slip changes at most three trigrams.
GRAMS_PER_SLIP = 3
GRAM_SLIPS = 2
# Parts held by at least this many names have their expansions worked out as the index
# is built, the commonest first, this many at most: queries meet the common parts most,
# and theirs are the largest neighbourhoods (expanding them took about a third of the
# first queries on a million entities).
KEPT_EXPANSION_MIN = 100
KEPT_EXPANSIONS = 20_000
SPELLING_MAPS = ("by_deletion", "by_phonetic", "by_skeleton", "by_retyped", "by_letters")
MAPS = (*SPELLING_MAPS, "by_group")
GENERIC = generic_org_words()


def _trigrams(token: str) -> set[str]:
    return {token[i : i + 3] for i in range(len(token) - 2)}


def _sound(token: str) -> str:
    """The phonetic key of a part of four letters or more, else "": the part judge
    compares no shorter ones by sound (`caveat.match.tokens`)."""
    return phonetic_key(token) if len(token) > PHONETIC_MIN else ""


def _deletions(token: str) -> set[str]:
    if len(token) < 4:
        return set()
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def _best_first(found: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """The parts found, most alike first; equals in the order of a set, which changes
    from process to process."""
    return tuple(sorted(found.items(), key=lambda kv: -kv[1]))


class _SplitMap(dict[Any, Any]):
    """A loaded lookup map: space-joined strings, split when read (loads much faster
    than a dict of lists)."""

    def get(self, key: Any, default: Any = None) -> Any:
        value = dict.get(self, key)
        return default if value is None else value.split(" ")


def rarity_weight(token: str, counts: Mapping[str, int], total_names: int) -> float:
    """A part's rarity weight in [0.1, 1], from how many of ``total_names`` names hold
    each part: a part on one name weighs ~1, one on a tenth of all names ~0.2; a part
    not on the lists weighs 1. ``PRIOR_NAMES`` imaginary names holding none of the
    parts keep a small list from calling everything common; and generic organisation
    words ("company", "trading") weigh little however few names of a small list hold
    them."""
    count = counts.get(token, 0)
    cap = GENERIC_WEIGHT if token in GENERIC else 1.0
    if count == 0:
        return cap
    total = max(total_names, 1) + PRIOR_NAMES
    return max(0.1, min(cap, math.log(total / (count + 1)) / math.log(total) + 0.05))


def part_counts(tokens: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many names hold each part."""
    counts: dict[str, int] = defaultdict(int)
    for name_tokens in tokens:
        for token in set(name_tokens):
            counts[token] += 1
    return dict(counts)


class Neighbours:
    """The lookups of listed parts by spelling alone, which need no name knowledge: a
    pure function of the parts, so that another process can build them."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self.by_deletion: dict[str, list[str]] = defaultdict(list)
        self.by_phonetic: dict[str, list[str]] = defaultdict(list)
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        self.by_retyped: dict[str, list[str]] = defaultdict(list)
        self.by_letters: dict[str, list[str]] = defaultdict(list)
        self.long_parts: list[str] = []
        for token in tokens:
            if token.isdigit():
                continue
            for deleted in _deletions(token):
                self.by_deletion[deleted].append(token)
            key = _sound(token)
            if key != "":
                self.by_phonetic[key].append(token)
            skel = skeleton(token)
            if skel != "":
                self.by_skeleton[skel].append(token)
            if len(token) >= RETYPED_MIN:
                # By the Greek key, the coarser: it holds the Cyrillic matches too, but
                # for doubled letters beside a Greek pair (`caveat.names.retyped_key`).
                self.by_retyped[retyped_key(token, "Greek")].append(token)
            if len(token) >= ANAGRAM_LENGTH:
                self.by_letters["".join(sorted(token))].append(token)
            if len(token) >= GRAM_MIN:
                self.long_parts.append(token)
        self.grams = Postings.build(enumerate(_trigrams(t) for t in self.long_parts))

    def sharing(self, parts: Iterable[str]) -> Neighbours:
        """These lookups with each lone part the very string of ``parts``, as when built
        in this process: a saved index stores it once, not twice."""
        own = {part: part for part in parts}
        for name in SPELLING_MAPS:
            lookup = getattr(self, name)
            for key, value in dict.items(lookup):
                if isinstance(value, str):
                    dict.__setitem__(lookup, key, own.get(value, value))
        return self

    def __getstate__(self) -> dict[str, object]:
        return _joined_maps(self.__dict__, SPELLING_MAPS)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(_split_maps(state, SPELLING_MAPS))


def _joined_maps(attributes: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The attributes, with the long parts and each lookup map's lists joined into
    strings (a loaded map already holds them): `_split_maps` splits them again."""
    state = dict(attributes)
    state["long_parts"] = "\n".join(attributes["long_parts"])
    for name in names:
        state[name] = {
            k: v if isinstance(v, str) else " ".join(v) for k, v in dict.items(attributes[name])
        }
    return state


def _split_maps(state: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    attributes = dict(state)
    if isinstance(state["long_parts"], str):
        attributes["long_parts"] = state["long_parts"].split("\n") if state["long_parts"] else []
    for name in names:
        attributes[name] = _SplitMap(state[name])
    return attributes


class Vocabulary:
    """Listed parts with their frequencies, and neighbour lookups over them."""

    def __init__(
        self,
        counts: dict[str, int],
        total_names: int,
        variants: NameVariants,
        neighbours: Neighbours | None = None,
    ) -> None:
        """``neighbours``: the lookups by spelling of the parts of ``counts``, when built
        elsewhere."""
        near = Neighbours(counts) if neighbours is None else neighbours.sharing(counts)
        self.counts = counts
        self.total_names = max(total_names, 1)
        self.by_deletion = near.by_deletion
        self.by_phonetic = near.by_phonetic
        self.by_skeleton = near.by_skeleton
        self.by_retyped = near.by_retyped
        self.by_group: dict[int, list[str]] = defaultdict(list)
        self.by_letters = near.by_letters
        self.judge = PartJudge(variants)
        for token in counts:
            if not token.isdigit():
                for group in variants.groups(token):
                    self.by_group[group].append(token)
        self.long_parts = near.long_parts
        self.grams = near.grams
        self._expansions: Kept[tuple[str, bool, str], tuple[tuple[str, float], ...]] = Kept(
            EXPANSION_CACHE
        )
        # Empty while the kept expansions are worked out: `expand` reads it.
        self._kept_near: dict[str, tuple[str, npt.NDArray[np.float64]]] = {}
        self._kept_near = self._common_expansions()

    def _common_expansions(self) -> dict[str, tuple[str, npt.NDArray[np.float64]]]:
        """The plain expansions (`expand` without ``abjad`` or ``retyped``) of the
        commonest parts, each kept compact: the parts joined by newlines, and their
        similarities. The judgements and expansions met on the way are let go."""
        counts = self.counts
        common = sorted(
            (t for t, n in counts.items() if n >= KEPT_EXPANSION_MIN and not t.isdigit()),
            key=lambda t: (-counts[t], t),
        )[:KEPT_EXPANSIONS]
        kept: dict[str, tuple[str, npt.NDArray[np.float64]]] = {}
        for token in common:
            found = self.expand(token)
            alike = np.fromiter((s for _, s in found), dtype=np.float64, count=len(found))
            kept[token] = ("\n".join(t for t, _ in found), alike)
        self._expansions = Kept(EXPANSION_CACHE)
        self.judge = PartJudge(self.judge.variants)
        return kept

    def weight(self, token: str) -> float:
        """`rarity_weight` on the indexed lists."""
        return rarity_weight(token, self.counts, self.total_names)

    def expand(
        self, token: str, abjad: bool = False, retyped: str = ""
    ) -> tuple[tuple[str, float], ...]:
        """Listed parts close to ``token``, with the similarity the part judge gives
        (``abjad``, ``retyped``: as for `caveat.match.tokens.PartJudge.similarity`)."""
        key = (token, abjad, retyped)
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        kept = self._kept_near.get(token) if not abjad and not retyped else None
        if kept is not None:
            parts, alike = kept
            cached = tuple(zip(parts.split("\n"), alike.tolist(), strict=True)) if parts else ()
            self._expansions.put(key, cached)
            return cached
        found: dict[str, float] = {}
        if token in self.counts:
            found[token] = 1.0
        near: set[str] = set()
        # The listed parts with the token's keys: the judge is told which candidates
        # have them, instead of working out every candidate's keys.
        sounds: frozenset[str] = frozenset()
        skeletons: frozenset[str] = frozenset()
        retypings: frozenset[str] = frozenset()
        if not token.isdigit():
            near.update(self.by_deletion.get(token, ()))
            for deleted in _deletions(token):
                if deleted in self.counts:
                    near.add(deleted)
                near.update(self.by_deletion.get(deleted, ()))
            sounds = self._keyed(self.by_phonetic, _sound(token))
            skeletons = self._keyed(self.by_skeleton, skeleton(token) if abjad else "")
            if retyped and len(token) >= RETYPED_MIN:
                retypings = self._keyed(self.by_retyped, retyped_key(token, "Greek"))
            near.update(sounds, skeletons, retypings)
            near.update(t for t in heard_readings(token) if t in self.counts)
            near.update(t for t in romanised_readings(token) if t in self.counts)
            for group in self.judge.variants.groups(token):
                near.update(self.by_group.get(group, ()))
            if len(token) >= GRAM_MIN:
                near.update(self._sharing_grams(token))
            if len(token) >= ANAGRAM_LENGTH:
                near.update(self.by_letters.get("".join(sorted(token)), ()))
        # The lookup by retyping key is by the Greek key, which merges a little more
        # than the Cyrillic one: only the Greek one is known.
        greek = retyped == "Greek" and len(token) >= RETYPED_MIN
        others = [other for other in near if other not in found]
        keys = [
            KNOWN_KEYS[
                other in sounds,
                other in skeletons if abjad else None,
                other in retypings if greek else None,
            ]
            for other in others
        ]
        spelt = fuzzy_similarities(token, others)
        judged = self.judge.similarities(
            token, others, spelt, abjad=abjad, retyped=retyped, keys=keys
        )
        for other, similarity, spelling in zip(others, judged, spelt, strict=True):
            # Kept when spelt alike enough; valued as alignment will value the pair.
            if similarity > 0.0 and max(similarity, spelling) >= FUZZY_MIN:
                found[other] = similarity
        result = _best_first(found)
        self._expansions.put(key, result)
        return result

    @staticmethod
    def _keyed(lookup: dict[str, list[str]], key: str) -> frozenset[str]:
        """The listed parts with this key ("": none)."""
        return frozenset(lookup.get(key, ())) if key != "" else frozenset()

    def spellings(self, token: str, least: float) -> tuple[tuple[str, float], ...]:
        """Listed parts one slip from ``token`` at most and at least ``least`` alike by
        spelling: a cheaper `expand`, for runs of query parts tried as one."""
        found: dict[str, float] = {token: 1.0} if token in self.counts else {}
        near = set(self.by_deletion.get(token, ()))
        for deleted in _deletions(token):
            if deleted in self.counts:
                near.add(deleted)
            near.update(self.by_deletion.get(deleted, ()))
        for other in near - found.keys():
            similarity = fuzzy_similarity(token, other)
            if similarity >= least:
                found[other] = similarity
        return _best_first(found)

    def _sharing_grams(self, token: str) -> list[str]:
        """Long listed parts that keep enough of the token's trigrams to be two slips
        away at most, and are spelt alike enough to be kept.

        On a large list a common ending ("zadeh") has thousands of such parts; the
        spelling check runs over all of them at once, where judging each would cost
        milliseconds. Every other kind of likeness the judge knows has a lookup of its
        own in `expand`."""
        grams = _trigrams(token)
        lists = [ids for ids in map(self.grams.get, grams) if len(ids)]
        least = max(len(grams) - GRAMS_PER_SLIP * GRAM_SLIPS, (len(grams) + 1) // 2, 1)
        if len(lists) < least:
            return []
        ids = np.concatenate(lists)
        # Each list is sorted already: a stable sort merges the runs, several times
        # faster than sorting from scratch.
        ids.sort(kind="stable")
        # A list holds each id once, so a part in ``least`` lists starts a run that long
        # in the sorted ids: one sort, no counting.
        ends = ids[least - 1 :]
        found = ends[ends == ids[: len(ends)]]
        parts = [self.long_parts[i] for i in dict.fromkeys(found.tolist())]
        alike = process.extract(
            token, parts, scorer=OSA.normalized_similarity, score_cutoff=SPELT_MIN, limit=None
        )
        return [part for part, _, _ in alike]

    def __getstate__(self) -> dict[str, object]:
        state = _joined_maps(self.__dict__, MAPS)
        state.pop("_expansions")
        state.pop("judge")
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(_split_maps(state, MAPS))
        self._expansions = Kept(EXPANSION_CACHE)
