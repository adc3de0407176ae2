"""How alike two name parts are, and why.

Parts are ASCII tokens after transliteration. The judgement goes from strict to loose:
equal, known variants of one name (Wikidata groups, nicknames), equal consonant
skeletons for names written in Arabic or Hebrew script (whose vowels are unknown), equal
retyping keys for names written in Greek or Cyrillic (Greek writes "b" and "mp" alike),
equal phonetic keys, pinyin written by ear ("Shi" for "Xi"), one Korean syllable in
both romanisations ("Jeong" and "Chong"), then edit distance.
Numbers never match loosely: "11420" is not "11421".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from caveat.kept import Kept
from caveat.names import heard_alike, phonetic_key, retyped_key, skeleton
from caveat.names.korean import romanised_alike
from caveat.names.variants import NameVariants

__all__ = [
    "GENERIC_WEIGHT",
    "KNOWN_KEYS",
    "UNKNOWN_KEYS",
    "KnownKeys",
    "PartJudge",
    "fuzzy_similarities",
    "fuzzy_similarity",
]

VARIANT = 0.92
SKELETON = 0.88
RETYPED = 0.88
# One pinyin spelling written by ear ("Shi" or "Si" for "Xi").
HEARD = 0.85
# One Korean syllable in the two romanisations ("Jeong" and "Chong").
ROMANISED = 0.88
# Parts this long are compared by their retyping keys; parts of two letters only with
# parts as long, since the key folds doubled letters ("Ιου" is "Yu", "Ле" is no "Lee").
RETYPED_MIN = 2
RETYPED_FOLDED = 3
PHONETIC_FLOOR = 0.78
PHONETIC_SPELLING = 0.5
INITIAL = 0.85
ANAGRAM = 0.8
ANAGRAM_LENGTH = 5
MIN_SIMILARITY = 0.5
FUZZY_POWER = 1.3
# Two known names, not variants of each other: another person, even beside a shared
# part ("Olaf Schulze" is not "Olaf Scholz").
DISTINCT_NAMES = 0.7


JUDGEMENT_CACHE = 1_000_000
# The weight of a generic organisation word ("company", "trading"), however rare.
GENERIC_WEIGHT = 0.35


@lru_cache(maxsize=200_000)
def fuzzy_similarity(a: str, b: str) -> float:
    """Edit similarity that forgives one slip in a short part and a few in a long one;
    two neighbouring letters swapped count as one slip."""
    # Swapped neighbours ("Mokran" / "Morkan") are the commonest slip: one edit, not two.
    return _spelt_alike(a, b, 0 if a == b else OSA.distance(a, b))


def fuzzy_similarities(a: str, others: Sequence[str]) -> list[float]:
    """`fuzzy_similarity` of one part and each of many, the edit distances worked out in
    one call."""
    if not others:
        return []
    distances = process.cdist([a], others, scorer=OSA.distance, dtype=np.int32)
    return [
        _spelt_alike(a, b, distance)
        for b, distance in zip(others, distances[0].tolist(), strict=True)
    ]


def _spelt_alike(a: str, b: str, distance: int) -> float:
    if a == b:
        return 1.0
    longest = max(len(a), len(b))
    if longest <= 2:
        # "On" for "Un", "El" for "Al": one letter of two, a weak but real likeness.
        return 0.5 if len(a) == len(b) == 2 and (a[0] == b[0] or a[1] == b[1]) else 0.0
    similarity = 1.0 - distance / longest
    if a[0] != b[0] and a[:2] != b[1::-1]:
        similarity -= 0.05  # first letters carry more than the rest
    return max(similarity, 0.0)


def _has_digit(token: str) -> bool:
    # Letters are never digits: nearly every part is all letters, answered in C.
    return not token.isalpha() and any(c.isdigit() for c in token)


def _same_key(key: Callable[[str], str], a: str, b: str, known: bool | None) -> bool:
    """Whether the two parts have one key, not empty (``known`` when given)."""
    if known is not None:
        return known
    key_a = key(a)
    return key_a != "" and key_a == key(b)


def _retyped_comparable(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    return shorter >= RETYPED_FOLDED or (shorter == RETYPED_MIN and len(a) == len(b))


@dataclass(frozen=True, slots=True)
class KnownKeys:
    """Which keys of two parts a caller already knows to be equal or not, because its
    lookups by key found (or did not find) the second from the first: whether they have
    one phonetic key (of four letters or more), one consonant skeleton, one retyping key
    in the query's alphabet. `None`: not known, worked out by the judge.

    Working out a listed part's keys costs most of a judgement the first time the part is
    met; the vocabulary, which finds listed parts by these keys, knows the answers."""

    sound: bool | None = None
    skeleton: bool | None = None
    retyped: bool | None = None


UNKNOWN_KEYS = KnownKeys()
# Every combination made once: a vocabulary lookup tells the judge about each of the
# hundreds of listed parts near a query part.
KNOWN_KEYS: dict[tuple[bool | None, bool | None, bool | None], KnownKeys] = {
    (sound, skeletal, retyping): KnownKeys(sound, skeletal, retyping)
    for sound in (True, False, None)
    for skeletal in (True, False, None)
    for retyping in (True, False, None)
}


class PartJudge:
    """Compares name parts using the name-variant knowledge it is given."""

    def __init__(self, variants: NameVariants | None = None) -> None:
        self.variants = variants if variants is not None else NameVariants.empty()
        self._seen: Kept[tuple[str, str, bool, bool, str], tuple[float, str]] = Kept(
            JUDGEMENT_CACHE
        )

    def similarity(
        self,
        a: str,
        b: str,
        *,
        abjad: bool = False,
        initials: bool = False,
        retyped: str = "",
        keys: KnownKeys = UNKNOWN_KEYS,
        spelt: float | None = None,
    ) -> tuple[float, str]:
        """Similarity in [0, 1] and the method that found it.

        Args:
            a: a part of the query name.
            b: a part of the listed name.
            abjad: one side was written in a script without vowels.
            initials: a one-letter part may stand for a given name (people only).
            retyped: the alphabet one side was written in, when `caveat.names.retyped_key`
                knows it ("Greek", "Cyrillic").
            keys: The keys of the two parts already known to be equal or not; the
                judgement is the same as without them.
            spelt: Their `fuzzy_similarity`, when already worked out.
        """
        if a == b:
            return 1.0, "exact"
        # Initials only matter for a one-letter part: without one, alignment's
        # judgements share the cache with the vocabulary's.
        initials = initials and (len(a) == 1 or len(b) == 1)
        key = (a, b, abjad, initials, retyped)
        found = self._seen.get(key)
        if found is None:
            found = self._judge(a, b, abjad, initials, retyped, keys, spelt)
            self._seen.put(key, found)
        return found

    def similarities(
        self,
        a: str,
        others: Sequence[str],
        spelt: Sequence[float],
        *,
        abjad: bool = False,
        retyped: str = "",
        keys: Sequence[KnownKeys],
    ) -> list[float]:
        """The similarity of a query part and each of many listed parts, as `similarity`
        gives it, kept in the same cache (alignment meets these pairs again).

        Args:
            spelt: The `fuzzy_similarities` of the parts.
            keys: Their known keys, part by part.
        """
        return [
            self.similarity(a, b, abjad=abjad, retyped=retyped, keys=known, spelt=fuzzy)[0]
            for b, fuzzy, known in zip(others, spelt, keys, strict=True)
        ]

    def _judge(
        self,
        a: str,
        b: str,
        abjad: bool,
        initials: bool,
        retyped: str,
        keys: KnownKeys,
        spelt: float | None = None,
    ) -> tuple[float, str]:
        """``spelt``: `fuzzy_similarity` of the two, when known."""
        if _has_digit(a) or _has_digit(b):
            return 0.0, "unmatched"
        if initials and (len(a) == 1 or len(b) == 1):
            if a[0] == b[0]:
                return INITIAL, "initial"
            return 0.0, "unmatched"
        if self.variants.are_variants(a, b):
            return VARIANT, "variant"
        if spelt is None:
            spelt = fuzzy_similarity(a, b)
        best, method = spelt**FUZZY_POWER, "fuzzy"
        if abjad and best < SKELETON and _same_key(skeleton, a, b, keys.skeleton):
            best, method = SKELETON, "skeleton"
        if retyped and best < RETYPED and _retyped_comparable(a, b):
            key_r = retyped_key(a, retyped)
            if key_r != "" and (
                key_r == retyped_key(b, retyped) if keys.retyped is None else keys.retyped
            ):
                best, method = RETYPED, "retyped"
        if best < 0.95 and min(len(a), len(b)) > 3:
            key_a = phonetic_key(a)
            # A key of two consonants ("abd" for "ubaidi" and "abed") says little unless
            # the spellings are alike too.
            telling = len(key_a.lstrip("ay")) >= 3 or spelt >= PHONETIC_SPELLING
            if telling and _same_key(phonetic_key, a, b, keys.sound):
                score = max(PHONETIC_FLOOR, best)
                if score > best:
                    best, method = score, "phonetic"
        if best < HEARD and heard_alike(a, b):
            best, method = HEARD, "pinyin by ear"
        if best < ROMANISED and romanised_alike(a, b):
            best, method = ROMANISED, "korean romanisation"
        if best < ANAGRAM and len(a) == len(b) >= ANAGRAM_LENGTH and sorted(a) == sorted(b):
            # The same letters in another order ("nituP" for "Putin"): a disguise, not
            # another name.
            best, method = ANAGRAM, "anagram"
        if (
            method not in ("skeleton", "retyped", "anagram", "pinyin by ear", "korean romanisation")
            and a in self.variants
            and b in self.variants
            and OSA.distance(a, b) > 1
        ):
            # Both are known names, and not spellings of one name: "Olga" is not "Oleg".
            best, method = best * DISTINCT_NAMES, "distinct names"
        if best < MIN_SIMILARITY:
            return 0.0, "unmatched"
        return best, method
