"""The facts beside the names of an index's entities, kept compact.

Birth dates, countries, identifiers and given and family names decide scores but are
read only for the entities being scored: each entity's facts are one string, decoded on
first use, so that a saved index loads without building a million small sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from caveat.kept import Kept
from caveat.match.evidence import CandidateFacts

__all__ = ["FactTable"]

_FIELDS = "\x1f"
_VALUES = "\x1e"
CACHE = 65_536


def _encode(facts: CandidateFacts) -> str:
    fields = (
        facts.birth_dates,
        sorted(facts.countries),
        sorted(facts.identifiers),
        sorted(facts.given_names),
        sorted(facts.family_names),
    )
    if not any(fields):
        return ""
    return _FIELDS.join(_VALUES.join(values) for values in fields)


def _decode(text: str) -> CandidateFacts:
    if text == "":
        return CandidateFacts()
    dates, countries, identifiers, given, family = (
        tuple(field.split(_VALUES)) if field else () for field in text.split(_FIELDS)
    )
    return CandidateFacts(
        dates, frozenset(countries), frozenset(identifiers), frozenset(given), frozenset(family)
    )


class FactTable:
    """Each entity's `CandidateFacts`, by position."""

    def __init__(self, facts: Iterable[CandidateFacts]) -> None:
        self._encoded = [_encode(f) for f in facts]
        self._cache: Kept[int, CandidateFacts] = Kept(CACHE)

    def __len__(self) -> int:
        return len(self._encoded)

    def __getitem__(self, position: int) -> CandidateFacts:
        found = self._cache.get(position)
        if found is None:
            found = _decode(self._encoded[position])
            self._cache.put(position, found)
        return found

    def __iter__(self) -> Iterator[CandidateFacts]:
        return (_decode(text) for text in self._encoded)

    def identifiers(self) -> Iterator[tuple[int, str]]:
        """Every (position, identifier) pair."""
        for position, text in enumerate(self._encoded):
            if text:
                field = text.split(_FIELDS)[2]
                if field:
                    for identifier in field.split(_VALUES):
                        yield position, identifier

    def __getstate__(self) -> dict[str, Any]:
        return {"encoded": self._encoded}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._encoded = state["encoded"]
        self._cache = Kept(CACHE)
