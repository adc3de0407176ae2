"""Table-driven romanisation of Cyrillic, Greek, Armenian and Georgian words.

The tables (`data/alphabets.yml`) follow passport and gazetteer spellings (BGN/PCGN-like
Russian, the Ukrainian national system, ELOT 743 Greek). A table lookup costs about a
microsecond per word, against hundreds for a general transliterator, and these scripts
are frequent on the lists. Letters missing from a table go through rigour's
`ascii_text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rigour.text.translit import ascii_text

from caveat.names.resources import load_data

__all__ = ["ALPHABET_SCRIPTS", "romanize_alphabet"]

#: Scripts handled here, mapped to their section of `data/alphabets.yml`.
ALPHABET_SCRIPTS = MappingProxyType(
    {"Cyrillic": "cyrillic", "Greek": "greek", "Armenian": "armenian", "Georgian": "georgian"}
)
# Stress and tone marks that carry no letter (Влади́мир, Πούτιν).
_ACCENTS = dict.fromkeys(map(ord, "\u0300\u0301\u0341\u0342\u0308\u0344\u0345"), None)


@dataclass(frozen=True, slots=True)
class _Alphabet:
    letters: Mapping[int, str]
    digraphs: re.Pattern[str] | None
    digraph_map: Mapping[str, str]
    initial: Mapping[str, str]
    markers: frozenset[str]
    overrides: Mapping[int, str]


@lru_cache(maxsize=4)
def _alphabet(section: str) -> _Alphabet:
    data = load_data("alphabets.yml")[section]
    digraphs = {str(k): str(v) for k, v in (data.get("digraphs") or {}).items()}
    pattern = None
    if digraphs:
        ordered = sorted(digraphs, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(d) for d in ordered))
    return _Alphabet(
        letters=MappingProxyType({ord(str(k)): str(v) for k, v in data["letters"].items()}),
        digraphs=pattern,
        digraph_map=MappingProxyType(digraphs),
        initial=MappingProxyType({str(k): str(v) for k, v in (data.get("initial") or {}).items()}),
        markers=frozenset(str(data.get("markers") or "")),
        overrides=MappingProxyType(
            {ord(str(k)): str(v) for k, v in (data.get("overrides") or {}).items()}
        ),
    )


def romanize_alphabet(word: str, script: str, *, ukrainian: bool = False) -> str:
    """Romanise one word of a Cyrillic, Greek, Armenian or Georgian text.

    Args:
        word: The word, any case, with or without stress marks.
        script: Its script; must be a key of `ALPHABET_SCRIPTS`.
        ukrainian: Read Cyrillic the Ukrainian/Belarusian way (г -> h, и -> y) even if
            this word has no letter that only those languages use (Володимир).

    Returns:
        The lowercase romanisation (ASCII unless a letter is unknown to the table and
        to ICU), e.g. ``"rosoboroneksport"`` for Рособоронэкспорт.
    """
    table = _alphabet(ALPHABET_SCRIPTS[script])
    text = unicodedata.normalize("NFC", word.lower())
    if script == "Greek":
        text = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", text.translate(_ACCENTS))
    prefix = ""
    if text[:1] in table.initial:
        prefix, text = table.initial[text[:1]], text[1:]
    if table.digraphs is not None:
        text = table.digraphs.sub(lambda m: table.digraph_map[m.group(0)], text)
    letters = table.letters
    if table.markers and (ukrainian or not table.markers.isdisjoint(text)):
        letters = {**letters, **table.overrides}
    out = prefix + text.translate(letters)
    if not out.isascii():
        out = "".join(c if c.isascii() else ascii_text(c) for c in out)
    return out
