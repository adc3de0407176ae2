"""Korean names in Latin letters: Hangul romanisation and Sino-Korean readings of Hanja.

Two schemes, because Korean names reach sanctions lists in both:

- ``"rr"``: Revised Romanization (the South's system since 2000), with the surname in
  its conventional South Korean spelling: 이민호 -> "lee min ho", 박지성 -> "park ji seong".
- ``"mr"``: a McCune-Reischauer-like spelling as the DPRK writes its officials' names:
  김정은 -> "kim jong un", 최룡해 -> "choe ryong hae".

Convention: a Korean personal name becomes the surname plus one token per given-name
syllable ("kim", "jong", "un"), since Latin spellings hyphenate or space the syllables
("Kim Jong-un", "Kim Jong Un") and `split_words` cuts at hyphens too. Other Hangul words
(company names, foreign names) become one token per word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from caveat.names.resources import load_data

__all__ = [
    "SCHEMES",
    "clear_romanised_caches",
    "hanja_to_hangul",
    "korean_name_tokens",
    "romanised_alike",
    "romanised_readings",
    "romanize_word",
]

#: The romanisation schemes, in the order their forms are produced.
SCHEMES = ("rr", "mr")

_BASE = 0xAC00
_LAST = 0xD7A3
_RR_INITIALS = (
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
)
_MR_INITIALS = (
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "kh",
    "th",
    "ph",
    "h",
)
_RR_VOWELS = (
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
)
_MR_VOWELS = (
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
)
_FINALS = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
)
# A final consonant carried over to a following vowel (liaison) sounds like an initial.
_LIAISON = {1: "g", 2: "kk", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 20: "ss"}
_LIAISON.update({22: "j", 23: "ch", 24: "k", 25: "t", 26: "p", 27: ""})
_SONORANT_FINALS = frozenset({4, 8, 16, 21})
_NO_INITIAL = 11
_RIEUL = 5
# The South's initial-sound rule: ㄹ -> ㅇ before i/y vowels, ㄹ -> ㄴ otherwise;
# ㄴ -> ㅇ before i/y vowels.
_Y_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})


def _is_syllable(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def _jamo(char: str) -> tuple[int, int, int]:
    index = ord(char) - _BASE
    return index // 588, (index % 588) // 28, index % 28


def _romanize_syllables(text: str, scheme: str, *, liaison: bool) -> str:
    initials = _RR_INITIALS if scheme == "rr" else _MR_INITIALS
    vowels = _RR_VOWELS if scheme == "rr" else _MR_VOWELS
    parts: list[str] = []
    previous_final = -1  # -1: start of word or after a non-syllable
    for index, char in enumerate(text):
        if not _is_syllable(char):
            parts.append(char)
            previous_final = -1
            continue
        initial, vowel, final = _jamo(char)
        onset = initials[initial]
        if liaison and previous_final > 0:
            if initial == _RIEUL:
                onset = "l" if previous_final == 8 else ("n" if scheme == "rr" else "r")
            elif scheme == "mr" and previous_final in _SONORANT_FINALS and initial in (0, 3, 7):
                onset = {0: "g", 3: "d", 7: "b"}[initial]
        elif liaison and previous_final == 0 and scheme == "mr" and initial in (0, 3, 7):
            onset = {0: "g", 3: "d", 7: "b"}[initial]
        coda = _FINALS[final]
        following = text[index + 1 : index + 2]
        if (
            liaison
            and final in _LIAISON
            and following != ""
            and _is_syllable(following)
            and _jamo(following)[0] == _NO_INITIAL
        ):
            coda = _LIAISON[final]
        parts.append(onset + vowels[vowel] + coda)
        previous_final = final
    return "".join(parts)


@lru_cache(maxsize=20_000)
def romanize_word(word: str, scheme: str) -> str:
    """Romanise one Hangul word as a single token, with the sound changes across syllables.

    Args:
        word: Hangul text (other characters pass through unchanged).
        scheme: ``"rr"`` or ``"mr"``.

    Returns:
        The lowercase romanisation, e.g. ``"beulladimireu"`` for 블라디미르 in ``"rr"``.
    """
    return _romanize_syllables(word, scheme, liaison=True)


@lru_cache(maxsize=1)
def _surnames() -> Mapping[str, Mapping[str, str]]:
    data = load_data("korean.yml")["surnames"]
    return MappingProxyType({str(k): MappingProxyType(dict(v)) for k, v in data.items()})


@lru_cache(maxsize=1)
def _hanja_tables() -> tuple[Mapping[str, str], Mapping[str, str]]:
    data = load_data("korean.yml")
    surnames = {str(k): str(v) for k, v in data["surname_hanja"].items()}
    given: dict[str, str] = {}
    for reading, chars in data["given_hanja"].items():
        for char in str(chars):
            given.setdefault(char, str(reading))
    return MappingProxyType(surnames), MappingProxyType(given)


def _split_surname(name: str, table: Mapping[str, object]) -> tuple[str, str] | None:
    for size in (2, 1):
        if len(name) > size and name[:size] in table:
            return name[:size], name[size:]
    return None


@lru_cache(maxsize=20_000)
def korean_name_tokens(name: str, scheme: str) -> tuple[str, ...] | None:
    """Render a Korean personal name as surname plus given-name syllables.

    Args:
        name: The name in Hangul without spaces, e.g. ``"김정은"``.
        scheme: ``"rr"`` or ``"mr"``.

    Returns:
        Tokens such as ``("kim", "jong", "un")``, or ``None`` when the text does not look
        like a Korean personal name (2 to 4 syllables starting with a known surname).
    """
    if not 2 <= len(name) <= 4 or not all(_is_syllable(c) for c in name):
        return None
    table = _surnames()
    split = _split_surname(name, table)
    if split is None:
        return None
    surname, given = split
    tokens = [table[surname][scheme]]
    tokens.extend(_romanize_syllables(char, scheme, liaison=False) for char in given)
    return tuple(tokens)


def _initial_sound_rule(char: str) -> str:
    initial, vowel, final = _jamo(char)
    if initial == _RIEUL:
        initial = _NO_INITIAL if vowel in _Y_VOWELS else 2
    elif initial == 2 and vowel in _Y_VOWELS:
        initial = _NO_INITIAL
    return chr(_BASE + initial * 588 + vowel * 28 + final)


@lru_cache(maxsize=20_000)
def hanja_to_hangul(name: str, scheme: str) -> str | None:
    """Read a personal name written in Hanja the Korean way (金正恩 -> 김정은).

    Args:
        name: Han characters without spaces, e.g. ``"金正恩"``.
        scheme: ``"rr"`` applies the South's initial-sound rule to the given name
            (李龍大 -> 이용대); ``"mr"`` keeps it as the North writes it (리룡대).

    Returns:
        The Hangul reading, or ``None`` unless the name has 2 to 4 characters, starts
        with a known Korean surname and every other character has a known reading.
    """
    if not 2 <= len(name) <= 4:
        return None
    surnames, given_table = _hanja_tables()
    split = _split_surname(name, surnames)
    if split is None:
        return None
    surname, given = split
    readings = [given_table.get(char) for char in given]
    if any(reading is None for reading in readings):
        return None
    syllables = [r for r in readings if r is not None]
    if scheme == "rr":
        syllables[0] = _initial_sound_rule(syllables[0])
        hangul_surname = surnames[surname]
    else:
        hangul_surname = {"이": "리", "임": "림", "유": "류", "노": "로", "나": "라"}.get(
            surnames[surname], surnames[surname]
        )
    return hangul_surname + "".join(syllables)


# One syllable of a Korean name as either scheme spells it: initial, vowel, final.
_LATIN_SYLLABLE = re.compile(
    r"(kk|tt|pp|ss|jj|ch|[gndrmbsjktphl]?)"
    r"(yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|a|e|o|u|i)"
    r"(ng|[kntlmpg]?)"
)
# Revised Romanization writes ŏ and ŭ as "eo" and "eu", where McCune-Reischauer (its
# breves dropped, as lists drop them) writes "o" and "u"; and plain initials g, d, b, j,
# where McCune-Reischauer writes k, t, p, ch.
_BREVE_VOWELS = {"eo": "o", "yeo": "yo", "eu": "u"}
_PLAIN_INITIALS = {"g": "k", "d": "t", "b": "p", "j": "ch"}


@lru_cache(maxsize=50_000)
def _mr_spelling(token: str) -> tuple[str, bool] | None:
    """A syllable's McCune-Reischauer spelling, and whether it was spelt by the Revised
    Romanization's vowels; None when the token is no one Korean syllable."""
    found = _LATIN_SYLLABLE.fullmatch(token)
    if found is None:
        return None
    initial, vowel, final = found.groups()
    revised = vowel in _BREVE_VOWELS
    return _PLAIN_INITIALS.get(initial, initial) + _BREVE_VOWELS.get(vowel, vowel) + final, revised


def clear_romanised_caches() -> None:
    """Empty the caches of the two romanisations' comparison."""
    _mr_spelling.cache_clear()
    romanised_readings.cache_clear()


def romanised_alike(a: str, b: str) -> bool:
    """Whether two parts are one Korean syllable in the two romanisations: ``"jeong"``
    and ``"chong"``, ``"eun"`` and ``"un"``, ``"cheol"`` and ``"chol"``. One of them must
    carry a vowel only the Revised Romanization spells so ("eo", "eu"): without that,
    ``"ben"`` and ``"pen"`` would be one syllable too.

    Args:
        a: A lowercase ASCII name part.
        b: Another.
    """
    if a == b or ("eo" not in a and "eu" not in a and "eo" not in b and "eu" not in b):
        return False
    first, second = _mr_spelling(a), _mr_spelling(b)
    if first is None or second is None:
        return False
    return first[0] == second[0] and first[1] != second[1]


_REVISED_VOWELS = {"o": ("eo",), "yo": ("yeo",), "u": ("eu",)}
_ASPIRATED_INITIALS = {v: k for k, v in _PLAIN_INITIALS.items()}


@lru_cache(maxsize=50_000)
def romanised_readings(token: str) -> frozenset[str]:
    """The spellings of the same Korean syllable in the other romanisation, as
    `romanised_alike` judges them (``"yeo"`` -> ``{"yo"}``, ``"jong"`` -> ``{"jeong"}``).

    Args:
        token: A lowercase ASCII name part.
    """
    found = _LATIN_SYLLABLE.fullmatch(token)
    if found is None:
        return frozenset()
    initial, vowel, final = found.groups()
    initials = {
        initial,
        _PLAIN_INITIALS.get(initial, initial),
        _ASPIRATED_INITIALS.get(initial, initial),
    }
    vowels = (_BREVE_VOWELS[vowel],) if vowel in _BREVE_VOWELS else _REVISED_VOWELS.get(vowel, ())
    spellings = {i + v + final for i in initials for v in vowels}
    return frozenset(s for s in spellings if romanised_alike(token, s))
