"""Script detection: which writing systems a name is written in.

The Unicode Script property comes from rigour (ICU4X data in its Rust core). These
helpers add what name rendering needs: the dominant script of one word, and the groups
of scripts that share rendering rules (Kana, abjads, Indic scripts with an inherent
vowel).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from types import MappingProxyType

from rigour.text.scripts import codepoint_script
from rigour.text.scripts import text_scripts as _rigour_text_scripts

__all__ = [
    "ABJAD_SCRIPTS",
    "INHERENT_VOWEL_SCRIPTS",
    "KANA_SCRIPTS",
    "VOWEL_UNCERTAIN_SCRIPTS",
    "text_scripts",
    "word_script",
]

#: Japanese syllabaries, rendered together by Hepburn rules.
KANA_SCRIPTS = frozenset({"Hiragana", "Katakana"})
#: Scripts that write consonants and leave most vowels out.
ABJAD_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})
#: Scripts whose Latin rendering leaves the vowels unknown: abjads, and Thai, Lao and
#: Khmer, whose transliterations drop the inherent vowels. Names from these are compared
#: by consonant skeleton (`caveat.names.phonetic.skeleton`).
VOWEL_UNCERTAIN_SCRIPTS = ABJAD_SCRIPTS | {"Thai", "Lao", "Khmer"}
#: Indic scripts whose transliteration writes an inherent "a" that Hindi, Bengali,
#: Punjabi and Gujarati do not pronounce at the end of a word.
INHERENT_VOWEL_SCRIPTS = frozenset({"Devanagari", "Bengali", "Gurmukhi", "Gujarati"})

_NEUTRAL = frozenset({"Common", "Inherited", "Unknown"})
_LATIN = frozenset({"Latin"})
_ASCII_LETTER = re.compile("[A-Za-z]")

# Letter ranges of the frequent scripts, checked before asking rigour (which is exact
# but slower per character): (first codepoint, last codepoint, script).
_RANGES = (
    (0x0041, 0x005A, "Latin"),
    (0x0061, 0x007A, "Latin"),
    (0x00C0, 0x00D6, "Latin"),
    (0x00D8, 0x00F6, "Latin"),
    (0x00F8, 0x024F, "Latin"),
    (0x0386, 0x0386, "Greek"),
    (0x0388, 0x038A, "Greek"),
    (0x038C, 0x038C, "Greek"),
    (0x038E, 0x03A1, "Greek"),
    (0x03A3, 0x03CE, "Greek"),
    (0x0400, 0x0481, "Cyrillic"),
    (0x048A, 0x052F, "Cyrillic"),
    (0x0531, 0x0556, "Armenian"),
    (0x0559, 0x0587, "Armenian"),
    (0x05D0, 0x05EA, "Hebrew"),
    (0x0620, 0x063F, "Arabic"),
    (0x0641, 0x064A, "Arabic"),
    (0x0671, 0x06D3, "Arabic"),
    (0x10D0, 0x10FA, "Georgian"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x3041, 0x3096, "Hiragana"),
    (0x30A1, 0x30FA, "Katakana"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7A3, "Hangul"),
)
_STARTS = tuple(r[0] for r in _RANGES)
# Whole words in one block (with combining marks): the common case, decided by one regex.
_SINGLE_SCRIPT = MappingProxyType(
    {
        "Cyrillic": re.compile("[\u0400-\u0481\u048a-\u052f\u0300-\u036f]+"),
        "Greek": re.compile("[\u0386-\u03ce\u0300-\u036f]+"),
        "Arabic": re.compile("[\u0620-\u063f\u0641-\u065f\u0670-\u06d3]+"),
        "Hebrew": re.compile("[\u05d0-\u05ea\u0591-\u05c7]+"),
        "Han": re.compile("[\u4e00-\u9fff]+"),
        "Hangul": re.compile("[\uac00-\ud7a3]+"),
    }
)


def _char_script(char: str) -> str | None:
    cp = ord(char)
    index = bisect_right(_STARTS, cp) - 1
    if index >= 0 and cp <= _RANGES[index][1]:
        return _RANGES[index][2]
    if char.isspace() or cp < 0x80:
        return None
    return codepoint_script(cp)


@lru_cache(maxsize=50_000)
def text_scripts(text: str) -> frozenset[str]:
    """The scripts of the letters and digits in a text.

    Args:
        text: Any string.

    Returns:
        Unicode script names, e.g. ``frozenset({"Cyrillic"})``; empty for text with no
        letters (punctuation, spaces).
    """
    if text.isascii():
        return _LATIN if _ASCII_LETTER.search(text) is not None else frozenset()
    return frozenset(_rigour_text_scripts(text))


@lru_cache(maxsize=100_000)
def word_script(word: str) -> str:
    """The script most letters of one word are written in.

    Han mixed with Kana counts as Kana (Japanese). Ties go to the script seen first.

    Args:
        word: One word, as cut by `caveat.names.normalize.split_words`.

    Returns:
        A Unicode script name such as ``"Cyrillic"``, or ``"Common"`` when the word has
        no letters (only digits, marks).
    """
    if word.isascii():
        return "Latin" if _ASCII_LETTER.search(word) is not None else "Common"
    block = _SINGLE_SCRIPT.get(_char_script(word[0]) or "")
    if block is not None and block.fullmatch(word) is not None:
        return _char_script(word[0]) or "Common"
    counts: dict[str, int] = {}
    for char in word:
        script = _char_script(char)
        if script is not None and script not in _NEUTRAL:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Common"
    if "Han" in counts and not KANA_SCRIPTS.isdisjoint(counts):
        return "Katakana" if counts.get("Katakana", 0) >= counts.get("Hiragana", 0) else "Hiragana"
    return max(counts, key=counts.__getitem__)
