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

from caveat.names.compounds import split_compounds
from caveat.names.honorifics import strip_honorifics
from caveat.names.legal_forms import legal_form_table, strip_legal_forms
from caveat.names.mandarin import wade_giles_tokens
from caveat.names.normalize import MAX_NAME_CHARS, split_words
from caveat.names.numbers import read_numbers
from caveat.names.org_words import drop_connectors, spell_out_org_words
from caveat.names.phonetic import retyping_alphabet
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

    @property
    def retyped(self) -> str:
        """The alphabet of `caveat.names.retyped_key` the name was written in, which
        writes several Latin spellings alike ("c" and "k"; in Greek "b" and "mp"), or
        "" for none: Greek when the name mixes both."""
        return retyping_alphabet(self.scripts)


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
    if token.isalpha():
        return token
    letters = sum(c.isalpha() for c in token)
    if letters < 2 or letters == len(token):
        return token
    return token.translate(_LOOKALIKE_DIGITS)


def _with_repairs(
    renderings: Iterable[tuple[tuple[str, ...], bool]],
) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Each rendering, plus one with look-alike digits read as letters where that
    differs."""
    for rendered, abjad in renderings:
        tokens = tuple(rendered)
        yield tokens, abjad
        repaired = tuple(_unleet(t) for t in tokens)
        if repaired != tokens:
            yield repaired, abjad


def _org_tokens(
    rendered: tuple[str, ...], *, retyped: str
) -> tuple[tuple[str, ...], frozenset[str]]:
    """An organisation's parts without its legal forms, read one way."""
    tokens, legal = strip_legal_forms(rendered, retyped=retyped)
    # "A.B.C." is one name part; as three letters it would match "C.B.A." too.
    tokens = _join_initials(drop_connectors(tokens))
    if len(tokens) > 1 and tokens[-1] in _LONE_NUMERALS and len(tokens[-2]) > 1:
        tokens = (*tokens[:-1], _LONE_NUMERALS[tokens[-1]])  # "Fund I"
    tokens = spell_out_org_words(read_numbers(tokens, roman=True), retyped=retyped)
    return tokens, legal


_LONE_NUMERALS = {"i": "1", "v": "5", "x": "10"}
_LATIN_ONLY = frozenset({"Latin"})
_VOWELS = frozenset("aeiouy")
# Consonant pairs that are names, not initials (the Cantonese surname Ng).
_NOT_INITIALS = frozenset({"ng"})


def _spell_initials(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A person's initials written together are initials: "JC Juncker" is "J. C."."""
    out: list[str] = []
    for token in tokens:
        if (
            2 <= len(token) <= 3
            and token.isalpha()
            and _VOWELS.isdisjoint(token)
            and token not in _NOT_INITIALS
        ):
            out.extend(token)
        else:
            out.append(token)
    return tuple(out)


_FUSED_FORM = re.compile(r"^(.*[a-z])([A-Z][A-Za-z]{1,4})$")


def _split_fused_legal_form(word: str) -> list[str]:
    """ "SiemensAG" is "Siemens AG": a capitalised legal form glued to a name."""
    found = _FUSED_FORM.match(word) if word.isascii() else None
    if found is None or (found.group(2).lower(),) not in legal_form_table().phrases:
        return [word]
    return [found.group(1), found.group(2)]


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
    if is_org:
        words = [part for word in words for part in _split_fused_legal_form(word)]
    scripts = text_scripts(cleaned)
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for rendered, abjad in _with_repairs(render_name(words, is_org=is_org)):
        if not rendered:
            continue
        if is_org:
            tokens, legal = _org_tokens(rendered, retyped=retyping_alphabet(scripts))
        else:
            tokens, legal = split_compounds(strip_honorifics(rendered)), frozenset()
            if scripts == _LATIN_ONLY:
                tokens = _spell_initials(tokens)
        if not tokens or tokens in seen:
            continue
        seen.add(tokens)
        forms.append(NameForm(text, " ".join(rendered), tokens, legal, scripts, abjad))
    if not is_org and scripts == _LATIN_ONLY:
        # A Chinese name in Wade-Giles ("Mao Tse-tung") is also read as pinyin.
        pinyin = wade_giles_tokens(cleaned)
        if pinyin is not None and pinyin not in seen:
            forms.append(NameForm(text, " ".join(pinyin), pinyin, frozenset(), scripts, False))
    return tuple(forms)
