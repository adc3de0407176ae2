"""Honorifics and titles (Mr, Dr, Sheikh, General, H.E., Президент) in person names.

Titles are not part of the name: "Gen. Qasem Soleimani" and "Qasem Soleimani" are one
name. They are removed from the start of a name, and the few postpositive ones
(Hungarian "elnök", Turkish "Bey") from its end; see `data/honorifics.yml`.
"""

from __future__ import annotations

from functools import lru_cache

from caveat.names.phrases import PhraseTable, build_table
from caveat.names.resources import load_data

__all__ = ["honorific_tables", "strip_honorifics"]


@lru_cache(maxsize=1)
def honorific_tables() -> tuple[PhraseTable, PhraseTable]:
    """The titles of `data/honorifics.yml`, rendered to tokens.

    Returns:
        The table of titles that precede a name and the table of those that follow it.
    """
    data = load_data("honorifics.yml")
    prefix = build_table((str(title), "prefix") for title in data["prefix"])
    postfix = build_table((str(title), "postfix") for title in data["postfix"])
    return prefix, postfix


def strip_honorifics(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Remove titles from a person's name.

    Args:
        tokens: The name's tokens, e.g. ``("dr", "ismail", "demir")``.

    Returns:
        The tokens without titles (``("ismail", "demir")``); the tokens unchanged if
        nothing but titles would be left ("Major" stays a surname).
    """
    prefix, postfix = honorific_tables()
    stripped, _ = prefix.strip_start(tokens)
    stripped, _ = postfix.strip_end(stripped)
    return stripped if stripped else tokens
