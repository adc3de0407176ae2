"""`analyze_name`: one name in any script to the Latin forms that matching compares.

A name gives one `NameForm` per plausible Latin rendering (Han: Mandarin, Korean and
Japanese readings; Hangul: two romanisations; Greek: two readings). Each form has its
tokens with legal forms (organisations) or titles (persons) removed.

Persons written "LAST, First" (as OFAC writes "DEMIR, Ismail") are turned around to
"First LAST"; the order of tokens does not matter for matching, but the natural order
makes `NameForm.latin` readable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from caveat.names.honorifics import strip_honorifics
from caveat.names.legal_forms import strip_legal_forms
from caveat.names.normalize import MAX_NAME_CHARS, split_words
from caveat.names.render import render_name
from caveat.names.scripts import text_scripts

__all__ = ["NameForm", "analyze_name"]

_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class NameForm:
    """One Latin rendering of a name, ready for comparison.

    Attributes:
        text: The name as given.
        latin: The whole rendering, lowercase ASCII, tokens joined by spaces, legal
            forms and titles included.
        tokens: Normalised ASCII tokens, legal forms and titles removed.
        legal_forms: Legal-form classes found, e.g. ``frozenset({"llc"})``.
        scripts: The scripts of the original text, e.g. ``frozenset({"Cyrillic"})``.
        abjad: True if rendered from a script whose vowels are unknown (Arabic, Hebrew,
            Persian; also Thai and Khmer): compare by `caveat.names.skeleton`.
    """

    text: str
    latin: str
    tokens: tuple[str, ...]
    legal_forms: frozenset[str]
    scripts: frozenset[str]
    abjad: bool


def _surname_first(text: str) -> str:
    """Turn "DEMIR, Ismail" into "Ismail DEMIR" when there is exactly one comma."""
    if text.count(",") != 1:
        return text
    last, first = text.split(",")
    if any(c.isalpha() for c in last) and any(c.isalpha() for c in first):
        return f"{first} {last}"
    return text


def _clean(text: str) -> str:
    text = text[:MAX_NAME_CHARS]
    if not text.isascii():
        text = _SURROGATES.sub("", text)
        text = unicodedata.normalize("NFKC", text)
    return text


@lru_cache(maxsize=50_000)
def analyze_name(text: str, *, is_org: bool = False) -> tuple[NameForm, ...]:
    """Render a name in any script to its Latin forms.

    Never raises; cost is bounded by analysing at most the first
    `caveat.names.normalize.MAX_NAME_CHARS` characters.

    Args:
        text: The name as written, e.g. ``"Рособоронэкспорт"``, ``"DEMIR, Ismail"``,
            ``"习近平"``.
        is_org: True for organisations (legal forms are removed from the tokens and
            recorded in `NameForm.legal_forms`); False for persons and unknown kinds
            (titles are removed instead).

    Returns:
        The forms, most common spelling first, without duplicate token sequences; an
        empty tuple when nothing is left (no letters or digits, or only legal forms).
    """
    if not isinstance(text, str):
        return ()
    cleaned = _clean(text)
    if not is_org:
        cleaned = _surname_first(cleaned)
    words = split_words(cleaned)
    if not words:
        return ()
    scripts = text_scripts(cleaned)
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for rendered, abjad in render_name(words, is_org=is_org):
        if not rendered:
            continue
        if is_org:
            tokens, legal = strip_legal_forms(rendered)
        else:
            tokens, legal = strip_honorifics(rendered), frozenset()
        if not tokens or tokens in seen:
            continue
        seen.add(tokens)
        forms.append(NameForm(text, " ".join(rendered), tokens, legal, scripts, abjad))
    return tuple(forms)
