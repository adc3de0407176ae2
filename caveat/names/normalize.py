"""Folding and tokenisation: the one way names become comparable ASCII text.

`fold` is for text already in (or near) the Latin script: it lowercases, strips
diacritics and turns punctuation into spaces, so "İsmail DEMİR" becomes "ismail demir".
Anything that is not Latin is transliterated by rigour on the way (the scripts with
special needs are handled word by word in `caveat.names.translit` before folding).

`split_words` cuts raw Unicode text into words on spaces, hyphens, commas, dots and every
other non-letter, before any transliteration, so that each word can be rendered by the
rules of its own script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rigour.text.translit import ascii_text

__all__ = ["MAX_NAME_CHARS", "fold", "split_words", "tokens_of"]

#: Longest name text analysed; the rest is ignored (real names are far shorter, and a
#: bounded input keeps the per-call cost bounded).
MAX_NAME_CHARS = 1000

# Latin letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL_FROM = "łŁøØđĐħĦıŧŦſƒĸðÐ"
_SPECIAL_TO = "lLoOdDhHitTsfkdD"
_SPECIAL_MULTI = {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ŋ": "ng"}

#: Apostrophe-like characters: inside a word they join or split it (see `split_words`).
APOSTROPHES = frozenset("'’ʼʻʿʾ`´′‘")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Combining marks and the blocks of scripts whose vowel signs are marks (Hebrew points,
# Arabic harakat, Indic, Thai, Myanmar, Khmer, Kana sound marks): word characters.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f"
)
_WORD_CHAR = f"(?:[^\\W_]|[{_MARKS}])"
_WORD = re.compile(f"{_WORD_CHAR}+(?:'{_WORD_CHAR}+)*")
# Invisible format characters: removed, so they neither split nor show up in words.
_INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_INVISIBLE += "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"


@lru_cache(maxsize=1)
def _prepare_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): "'" for c in APOSTROPHES}
    table.update({ord(c): None for c in _INVISIBLE})
    return table


@lru_cache(maxsize=1)
def _special_table() -> dict[int, str]:
    table: dict[int, str] = {ord(a): b for a, b in zip(_SPECIAL_FROM, _SPECIAL_TO, strict=True)}
    table.update({ord(a): b for a, b in _SPECIAL_MULTI.items()})
    return table


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Fold text to lowercase ASCII words separated by single spaces.

    NFKC, casefold, strip diacritics (İ -> i, ß -> ss, Ł -> l), transliterate whatever
    is left outside ASCII, and turn every run of punctuation or spacing into one space.
    Idempotent; the output only holds ``[a-z0-9 ]``.

    Args:
        text: Any string.

    Returns:
        The folded text, possibly empty.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold().translate(_special_table())
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
        if not text.isascii():
            text = ascii_text(text)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def tokens_of(text: str) -> tuple[str, ...]:
    """Split folded text into its tokens.

    Args:
        text: Any string; it is folded first.

    Returns:
        The folded tokens, in order.
    """
    return tuple(fold(text).split())


def split_words(text: str) -> list[str]:
    """Cut raw text into words, keeping each word in its original script.

    Words are runs of letters, marks and digits; everything else separates them.
    Invisible format characters (zero-width joiners, soft hyphens, direction marks) are
    dropped. An apostrophe inside a word splits it after a one-letter prefix
    ("O'Brien" -> "O", "Brien"; "d'Estaing") and is dropped otherwise ("Ma'mun" ->
    "Mamun"), because transliterations of Arabic write the ayn and hamza that way.

    Args:
        text: Any string.

    Returns:
        The words, in order.
    """
    text = text[:MAX_NAME_CHARS]
    if not text.isascii() or "`" in text:
        text = text.translate(_prepare_table())
    if "%" in text:
        text = text.replace("%", " percent ")
    if "'" not in text:
        return _WORD.findall(text)
    words: list[str] = []
    for match in _WORD.finditer(text):
        parts = match.group(0).split("'")
        head = parts[0]
        for part in parts[1:]:
            if len(head) == 1:
                words.append(head)
                head = part
            else:
                head += part
        words.append(head)
    return words
