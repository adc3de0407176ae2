"""Abbreviated and connecting words in organisation names, read one way.

"ABC Co." and "A.B.C. Company", "First Bank Int'l" and "First International Bank",
"H&M Hennes & Mauritz" and "H and M Hennes and Mauritz" name the same organisations:
abbreviations are written out and connectors dropped before names are compared. The
words are in `data/org_words.yml`.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from caveat.names.phonetic import retyped_spelling
from caveat.names.phrases import unambiguous
from caveat.names.resources import load_data

__all__ = ["drop_connectors", "org_abbreviations", "org_connectors", "spell_out_org_words"]


@lru_cache(maxsize=1)
def org_abbreviations() -> MappingProxyType[str, str]:
    """Abbreviations and the words they stand for, e.g. ``"intl" -> "international"``."""
    table = load_data("org_words.yml")["abbreviations"]
    return MappingProxyType({str(k): str(v) for k, v in table.items()})


@lru_cache(maxsize=1)
def org_connectors() -> frozenset[str]:
    """Words dropped from organisation names: "and", "the"."""
    return frozenset(str(w) for w in load_data("org_words.yml")["connectors"])


def drop_connectors(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Drop "and" and "the", unless nothing would be left.

    Args:
        tokens: An organisation name's tokens, e.g. ``("h", "and", "m")``.

    Returns:
        The other tokens, e.g. ``("h", "m")``.
    """
    connectors = org_connectors()
    out = tuple(t for t in tokens if t not in connectors)
    return out if out else tokens


@lru_cache(maxsize=4)
def _retyped_abbreviations(alphabet: str) -> MappingProxyType[tuple[str, int], str]:
    """Abbreviations by their `retyped_spelling` and length, where that stands for one
    word. An abbreviation is retyped letter for letter ("Ко." for "Co."): a token of
    another length is another word ("Ιντντ", read "idd", is not "Int.")."""
    found: dict[tuple[str, int], set[str]] = {}
    for short, full in org_abbreviations().items():
        found.setdefault((retyped_spelling(short, alphabet), len(short)), set()).add(full)
    return unambiguous(found)


def spell_out_org_words(tokens: tuple[str, ...], *, retyped: str = "") -> tuple[str, ...]:
    """Write out abbreviations.

    Args:
        tokens: An organisation name's tokens, e.g. ``("abc", "co")``.
        retyped: The alphabet the name was written in, if `caveat.names.retyped_key`
            knows it: an abbreviation is then also known by its retyped spelling ("Ко."
            is "Co.").

    Returns:
        The tokens read one way, e.g. ``("abc", "company")``.
    """
    abbreviations = org_abbreviations()
    if not retyped:
        return tuple(abbreviations.get(t, t) for t in tokens)
    keyed = _retyped_abbreviations(retyped)
    return tuple(
        abbreviations.get(t) or keyed.get((retyped_spelling(t, retyped), len(t)), t) for t in tokens
    )
