"""OFAC parity: the score OFAC's own Sanctions List Search (SLS) would show for a name.

Some users must show that they screen at least as strictly as the tool OFAC publishes.
OFAC describes it (FAQ 249): a first-letter and 50% edit-distance prefilter, then the
higher of two techniques, Jaro-Winkler over the entire name string and a composite
over the name parts built from Jaro-Winkler and Soundex, on a 0-100 scale. Within that
description, each choice below was checked against scores recorded from SLS itself
(170 rows, 41 queries; see ``tests/match/test_ofac.py``).

1. Preparation. Both names are folded to upper-case ASCII letters and digits. Accents
   go, apostrophes and periods are deleted (``O'BRIEN`` is ``OBRIEN``, ``J.P.`` is
   ``JP``), and every other character separates parts, hyphens and commas included.
   Letters of other scripts are not read at all: SLS searches Latin text only, so
   "Владимир Путин" finds nothing.
2. Potential matches. A query part and a listed part are a potential match when they
   start with the same letter and are at least 50% alike by edit distance, or share
   their Soundex code (no recorded score turns on the Soundex rule). Query parts of
   one or two characters (``UN``, ``AL``, ``XI``) are not search terms unless nothing
   longer is left. A listed name with no potential match for any search term is not
   a result: ``ALQAEDA`` does not find ``AL QAEDA``.
3. Whole name. Jaro-Winkler of the two names written as one string of letters, spaces
   removed. Winkler's prefix bonus is applied whatever the Jaro score (no 0.7 boost
   threshold, as in the classic SimMetrics code), so long listed names that share the
   query's start score as SLS shows them.
4. Name parts. Each search term takes the Jaro-Winkler score of its best potential
   match among the listed parts, or 0; the composite is their mean. Listed parts that
   nothing matched do not count: "PUTIN" scores 100 against "PUTIN, Vladimir".
5. The score is the higher of 3 and 4, in whole points as SLS shows it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Jaro, Levenshtein
from rigour.text.phonetics import soundex
from rigour.text.scripts import codepoint_script
from rigour.text.translit import ascii_text

from caveat.match.explain import Explanation, PartMatch
from caveat.match.scoring import Scored, WeighedName

__all__ = ["clear_ofac_caches", "ofac_name_score", "ofac_score"]

NOTE = "OFAC Sanctions List Search parity score"
EDIT_FLOOR = 0.5
"""FAQ 249: potential matches are "at least 50% or more similar based on edit distance"."""
MIN_TERM = 3
"""Query parts shorter than this are not search terms (when longer ones exist)."""
PREFIX_MAX = 4
PREFIX_WEIGHT = 0.1
"""Winkler's constants: up to four shared leading characters, 0.1 each."""
MAX_CHARS = 1000
"""Longer input is cut here; the longest name on the SDN list has 165 characters."""

_DELETE = re.compile(r"['`.]")
_SPLIT = re.compile(r"[^A-Z0-9]+")

Prepared = tuple[tuple[str, ...], str]


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One non-ASCII character as SLS would read it: Latin letters lose their accents,
    typographic apostrophes become plain ones, anything else separates parts."""
    if unicodedata.combining(char):
        return ""
    if char in "\u2018\u2019\u02bc\u00b4":
        return "'"
    if codepoint_script(ord(char)) == "Latin":
        return str(ascii_text(char))
    return " "


@lru_cache(maxsize=20_000)
def _prepare(text: str) -> Prepared:
    """The name's parts, and the parts written together as one string."""
    text = unicodedata.normalize("NFC", text[:MAX_CHARS])
    folded = "".join(c if c.isascii() else _fold_char(c) for c in text).upper()
    parts = tuple(p for p in _SPLIT.split(_DELETE.sub("", folded)) if p)
    return parts, "".join(parts)


@lru_cache(maxsize=50_000)
def _soundex(part: str) -> str:
    return str(soundex(part))


def _jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler with the prefix bonus applied at any Jaro score."""
    jaro = float(Jaro.similarity(a, b))
    prefix = 0
    for x, y in zip(a[:PREFIX_MAX], b[:PREFIX_MAX], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * PREFIX_WEIGHT * (1.0 - jaro)


@lru_cache(maxsize=200_000)
def _compare_parts(a: str, b: str) -> tuple[float, str]:
    """Jaro-Winkler of two parts if they are a potential match, and why they are one."""
    if a == b:
        return 1.0, "exact"
    if a[0] != b[0]:
        return 0.0, "unmatched"
    if Levenshtein.normalized_similarity(a, b) >= EDIT_FLOOR:
        method = "fuzzy"
    elif _soundex(a) != "" and _soundex(a) == _soundex(b):
        method = "phonetic"
    else:
        return 0.0, "unmatched"
    return _jaro_winkler(a, b), method


def _points(score: float) -> float:
    """Round to whole points of the 0-100 scale, halves up, as SLS displays scores."""
    return int(score * 100.0 + 0.5) / 100.0


def _best_partners(query: tuple[str, ...], listed: tuple[str, ...]) -> float:
    """The name-part composite: the mean over search terms of their best potential match."""
    terms = [p for p in query if len(p) >= MIN_TERM] or query
    total = 0.0
    for part in terms:
        best = 0.0
        for other in listed:
            if other[0] == part[0]:  # cheap first-letter test before the cached comparison
                best = max(best, _compare_parts(part, other)[0])
        total += best
    return total / len(terms)


def _score(query: str, candidate: str) -> tuple[float, float, float]:
    """The score in whole points, with the whole-name and name-part scores behind it."""
    query_parts, query_joined = _prepare(query)
    listed_parts, listed_joined = _prepare(candidate)
    if not query_parts or not listed_parts:
        return 0.0, 0.0, 0.0
    composite = _best_partners(query_parts, listed_parts)
    if composite <= 0.0:
        return 0.0, 0.0, 0.0
    whole = _jaro_winkler(query_joined, listed_joined)
    return _points(max(whole, composite)), whole, composite


def _explain(query: str, candidate: str, whole: float, composite: float) -> tuple[PartMatch, ...]:
    """The parts behind a score: the joined names if the whole-name technique won."""
    query_parts, _ = _prepare(query)
    listed_parts, _ = _prepare(candidate)
    if whole > composite:
        joined = " ".join(query_parts), " ".join(listed_parts)
        return (PartMatch(joined[0], joined[1], whole, "joined", 1.0),)
    terms = {p for p in query_parts if len(p) >= MIN_TERM} or set(query_parts)
    parts: list[PartMatch] = []
    for part in query_parts:
        if part not in terms:
            parts.append(PartMatch(part, None, 0.0, "unmatched", 0.0))
            continue
        similarity, method, partner = max(
            (*_compare_parts(part, other), other) for other in listed_parts
        )
        found = partner if similarity > 0.0 else None
        parts.append(PartMatch(part, found, similarity, method, 1.0))
    return tuple(parts)


def ofac_name_score(query: str, candidate: str) -> tuple[float, tuple[PartMatch, ...]]:
    """The SLS score of one listed name for one query name, in [0, 1] (SLS points / 100).

    Never raises: names with no Latin letters or digits score 0.

    Args:
        query: the name searched for, as typed.
        candidate: the listed name as published, e.g. ``"PUTIN, Vladimir"``.

    Returns:
        The score and the parts behind it: one ``joined`` pair when the whole-name
        technique won, else one entry per query part (parts too short to be search
        terms have weight 0).
    """
    score, whole, composite = _score(query, candidate)
    if score <= 0.0:
        return 0.0, ()
    return score, _explain(query, candidate, whole, composite)


def ofac_score(query_names: Sequence[str], listed: Sequence[WeighedName]) -> Scored | None:
    """The best SLS score over every query name and listed name of one entity.

    Args:
        query_names: the names searched for.
        listed: the entity's names; ``text`` is the raw listed name.

    Returns:
        The score with its explanation, or None when no name pair scores above 0.
    """
    best: tuple[float, float, float, str, WeighedName] | None = None
    for query in query_names:
        for name in listed:
            score, whole, composite = _score(query, name.text)
            if score > 0.0 and (best is None or score > best[0]):
                best = (score, whole, composite, query, name)
    if best is None:
        return None
    score, whole, composite, query, name = best
    parts = _explain(query, name.text, whole, composite)
    explanation = Explanation(query, name.text, name.kind, score, parts=parts, notes=(NOTE,))
    return Scored(score, explanation)


def clear_ofac_caches() -> None:
    """Empty this module's caches (the package's ``clear_caches`` should call this)."""
    _fold_char.cache_clear()
    _prepare.cache_clear()
    _soundex.cache_clear()
    _compare_parts.cache_clear()
