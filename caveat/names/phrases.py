"""Tables of multi-token phrases (legal forms, titles) and their removal from token lists.

Phrases are matched on rendered tokens, so one table entry covers "S.A.", "S. A." and
"SA " alike, and "ООО" as well as "OOO". Matching is greedy, longest phrase first, and
only at the edges of a name: the middle of a name is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from caveat.names.render import phrase_tokens

__all__ = ["PhraseTable", "build_table", "unambiguous"]

K = TypeVar("K")
V = TypeVar("V")


def unambiguous(found: Mapping[K, set[V]]) -> MappingProxyType[K, V]:
    """The keys that point to one value only, with that value: a spelling two words
    share says neither."""
    return MappingProxyType({k: next(iter(v)) for k, v in found.items() if len(v) == 1})


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """Token sequences mapped to a label (a legal-form class, or a title kind)."""

    phrases: Mapping[tuple[str, ...], str]
    longest: int

    @classmethod
    def of(cls, phrases: Mapping[tuple[str, ...], str]) -> PhraseTable:
        """Index token sequences already rendered.

        Args:
            phrases: Token sequences and their labels.

        Returns:
            The table.
        """
        longest = max((len(t) for t in phrases), default=0)
        return cls(MappingProxyType(dict(phrases)), longest)

    def strip_start(self, tokens: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
        """Remove phrases from the start of the tokens, repeatedly.

        Args:
            tokens: The tokens of a name.

        Returns:
            The remaining tokens and the labels of the phrases removed.
        """
        labels: list[str] = []
        while tokens:
            for size in range(min(self.longest, len(tokens)), 0, -1):
                label = self.phrases.get(tokens[:size])
                if label is not None:
                    labels.append(label)
                    tokens = tokens[size:]
                    break
            else:
                break
        return tokens, labels

    def strip_end(self, tokens: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
        """Remove phrases from the end of the tokens, repeatedly.

        Args:
            tokens: The tokens of a name.

        Returns:
            The remaining tokens and the labels of the phrases removed.
        """
        labels: list[str] = []
        while tokens:
            for size in range(min(self.longest, len(tokens)), 0, -1):
                label = self.phrases.get(tokens[-size:])
                if label is not None:
                    labels.append(label)
                    tokens = tokens[:-size]
                    break
            else:
                break
        return tokens, labels


def build_table(entries: Iterable[tuple[str, str]]) -> PhraseTable:
    """Render phrases to tokens and index them.

    Args:
        entries: ``(phrase, label)`` pairs; the phrase in any script and spelling.

    Returns:
        The table. A phrase that renders to no tokens is skipped; the first label given
        for a token sequence wins.
    """
    phrases: dict[tuple[str, ...], str] = {}
    for phrase, label in entries:
        tokens = phrase_tokens(phrase)
        if tokens:
            phrases.setdefault(tokens, label)
    return PhraseTable.of(phrases)
