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
from collections.abc import Iterable, Iterator
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


_LOOKALIKE_DIGITS = str.maketrans("013457890", "oieastbgo")


def _join_initials(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Organisations' initials as one part: "a b c" (from "A.B.C.") is "abc"."""
    out: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return tuple(out)


def _unleet(token: str) -> str:
    """Digits standing for letters inside a word ("Sech1n", "Ig0r") read as letters."""
    letters = sum(c.isalpha() for c in token)
    if letters < 2 or letters == len(token):
        return token
    return token.translate(_LOOKALIKE_DIGITS)


def _with_repairs(
    renderings: Iterable[tuple[tuple[str, ...], bool]], is_org: bool
) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Each rendering (organisations' initials joined), plus one with look-alike digits
    read as letters where that differs."""
    for rendered, abjad in renderings:
        tokens = tuple(rendered)
        if is_org:
            # "A.B.C." is one name part; as three letters it would match "C.B.A." too.
            tokens = _join_initials(tokens)
        yield tokens, abjad
        repaired = tuple(_unleet(t) for t in tokens)
        if repaired != tokens:
            yield repaired, abjad


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
    for rendered, abjad in _with_repairs(render_name(words, is_org=is_org), is_org):
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
