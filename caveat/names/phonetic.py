"""Phonetic keys and consonant skeletons for name tokens.

Both work on one ASCII token (as produced by `caveat.names.analyze_name`) and are built
for names that reach Latin through different transliteration habits:

- `phonetic_key` merges spellings of one sound ("w"/"v", "x"/"ks", "tsch"/"ch", "c"/"k",
  "z"/"s"), keeps a marker for an initial vowel, drops the other vowels, a final "h"
  and the "h" of aspirated consonants ("bh", "rh"), and collapses doubled letters.
  "vladimir", "wladimir" and "vlagyimir" share "vldmr"; "putin", "poutine", "poetin"
  and "putyin" share "ptn"; "mohammed", "muhammad" and "mhmd" share "mhmd".
- `retyped_key` is for Latin names retyped in the Cyrillic or Greek alphabet, which
  write several Latin spellings alike. Both write "c" and "k" alike (к, κ), and
  likewise "i"/"y" (и, ι) and "u"/"v"/"w" (у/в, ου/β). Greek also writes "b" and "mp"
  alike (μπ), "d"/"nt" (ντ), "g"/"ng" (γκ), "h"/"ch" (χ) and "s"/"sh" (σ), which
  Cyrillic keeps apart (б/мп, д/нт, х/ч, с/ш). The key merges each set for its
  alphabet, so "Λιαμπιλιτι Κομπανι", read as "liampiliti kompani" or as "liabiliti
  kobani", meets "liability company", and "Ски" meets "Sky".
- `skeleton` is harsher, for names written in scripts that leave vowels out (Arabic,
  Hebrew, Persian, Thai): it drops all vowels and the letters abjads use as vowel
  carriers ("w", "y", and "v" after the first letter), and reads "p" as "b" and an
  initial "v" or "w" as "f", as Arabic writes them. "wladymyr pwtyn", "fladymyr bwtyn"
  and "vladimir putin" share "fldmr btn"; "bshar al asd" and "bashar al assad" share
  "bSr l sd" (upper-case "S" and "C" stand for "sh" and "ch").
"""

from __future__ import annotations

import re
from functools import lru_cache, reduce

__all__ = [
    "RETYPING_ALPHABETS",
    "coarser_alphabet",
    "phonetic_key",
    "retyped_key",
    "retyped_spelling",
    "retyping_alphabet",
    "skeleton",
]

_NON_LETTER = re.compile(r"[^a-z]+")
_VOWELS = frozenset("aeiouy")
# An "h" after these letters marks aspiration (Hindi "bh", Korean "Rhee"), not a sound.
_ASPIRATED = frozenset("bdgjkprt")

# In a skeleton, an initial "w" or "v" is the consonant (Arabic writes v as "f"), and
# "p" is written "b" by Arabic.
_SKELETON_INITIAL = {"w": "f", "v": "f", "p": "b"}

_Rules = tuple[tuple[re.Pattern[str], str], ...]


def _rules(*pairs: tuple[str, str]) -> _Rules:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


# Ordered spelling merges shared by both keys. Upper-case letters stand for one sound
# written with several letters: S = sh, C = ch.
_COMMON_RULES = _rules(
    (r"tsch|tch|tsj|cz", "C"),
    (r"sch|sz(?=[^aeiouy]|$)", "S"),
    (r"dzh|dj|zh", "j"),
    (r"ch", "C"),
    (r"sh", "S"),
    (r"kh", "h"),
    (r"gh", "g"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"dh", "d"),
    (r"ck", "k"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"tz|ts", "s"),
)
_PHONETIC_RULES = _rules(
    (r"w", "v"),
    (r"gy(?=[aeiou])", "d"),
    (r"(?<=[aeiouy])[jy]$", ""),
    (r"z", "s"),
)


# The Latin spellings that neither Cyrillic nor Greek letters tell apart, merged in this
# order; "ch" is held as "C", apart from "k" and "h" (Cyrillic has ч).
_RETYPED_RULES = _rules(
    (r"ch", "C"),
    (r"ck|c|q", "k"),
    (r"kh", "h"),
    (r"x", "ks"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"ou|w|v", "u"),
    (r"y", "i"),
)
# What Greek letters merge besides, applied after those.
_GREEK_RULES = _rules(
    (r"tz|dz", "j"),
    (r"mp", "b"),
    (r"nt", "d"),
    (r"n?gk|ng", "g"),
    # "shch" and its Greek retyping "σχ" both end up "s".
    (r"h?C", "h"),
    (r"sh", "s"),
    (r"zh", "z"),
)
#: The alphabets `retyped_key` knows.
RETYPING_ALPHABETS = frozenset({"Cyrillic", "Greek"})


def coarser_alphabet(first: str, second: str) -> str:
    """Of two alphabets of `retyped_key` (or ""), the one whose key merges more: Greek."""
    return "Greek" if "Greek" in (first, second) else first or second


@lru_cache(maxsize=256)
def retyping_alphabet(scripts: frozenset[str]) -> str:
    """The alphabet of `retyped_key` among a text's scripts, or "" (the coarser when
    there are both)."""
    return reduce(coarser_alphabet, sorted(scripts & RETYPING_ALPHABETS), "")


def _apply(rules: _Rules, text: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def _collapse(chars: list[str]) -> str:
    out: list[str] = []
    for char in chars:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A phonetic key for one name token, equal for common spellings of one name.

    Args:
        token: One ASCII name token, e.g. ``"vladimir"``. Other characters are ignored.

    Returns:
        The key, e.g. ``"vldmr"``; ``""`` when the token has no letters.
    """
    text = _NON_LETTER.sub("", token.lower())
    if text == "":
        return ""
    text = _apply(_PHONETIC_RULES, _apply(_COMMON_RULES, text))
    if text == "":
        return ""
    out: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        if char in _VOWELS:
            if index == 0:
                out.append("y" if char == "y" else "a")
            continue
        if char == "h" and index > 0 and (index == last or text[index - 1] in _ASPIRATED):
            continue
        out.append(char)
    return _collapse(out)


@lru_cache(maxsize=200_000)
def retyped_key(token: str, alphabet: str = "Greek") -> str:
    """The token with the spellings merged that ``alphabet`` writes alike, for Latin
    names retyped in it. The Greek key merges more: tokens with equal Cyrillic keys
    have equal Greek keys, but for doubled letters beside a Greek pair ("nnt").

    Args:
        token: One ASCII name token, e.g. ``"limitent"`` or ``"limited"``.
        alphabet: ``"Greek"`` or ``"Cyrillic"`` (`RETYPING_ALPHABETS`).

    Returns:
        The key, e.g. ``"limited"`` for both in Greek; ``""`` when the token has no
        letters.
    """
    return _collapse(list(_retyped_letters(token, alphabet)))


# Spellings this short keep their doubled letters (see `retyped_spelling`).
_SHORT_SPELLING = 3


def _retyped_letters(token: str, alphabet: str) -> str:
    text = _apply(_RETYPED_RULES, _NON_LETTER.sub("", token.lower()))
    return _apply(_GREEK_RULES, text) if alphabet == "Greek" else text


@lru_cache(maxsize=50_000)
def retyped_spelling(token: str, alphabet: str = "Greek") -> str:
    """`retyped_key`, but a short word keeps its doubled letters: folding them would
    make "KK" of a lone "К", while in longer words a doubled letter is often a typing
    of one ("Στοκκ" for "Stock").

    Args:
        token: One ASCII token, e.g. ``"llk"``.
        alphabet: ``"Greek"`` or ``"Cyrillic"``.

    Returns:
        The spelling, e.g. ``"llk"`` for both ``"llk"`` and ``"llc"``.
    """
    text = _retyped_letters(token, alphabet)
    return text if len(text) <= _SHORT_SPELLING else _collapse(list(text))


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of one token, to compare abjad renderings with Latin names.

    Args:
        token: One ASCII name token, e.g. ``"mhmd"`` or ``"mohammed"``.

    Returns:
        The skeleton, e.g. ``"mhmd"`` for both; ``""`` when nothing consonantal is left.
    """
    text = _NON_LETTER.sub("", token.lower())
    if text == "":
        return ""
    text = _apply(_COMMON_RULES, text)
    if text.endswith("h") and len(text) > 1:
        text = text[:-1]
    out: list[str] = []
    for index, char in enumerate(text):
        if char in "aeiou":
            continue
        if index == 0:
            out.append(_SKELETON_INITIAL.get(char, char))
        elif char not in "wyv":
            out.append("b" if char == "p" else char)
    return _collapse(out)
