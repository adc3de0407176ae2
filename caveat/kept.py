"""A bounded map for the caches of a long screening run.

Emptying a full cache at once throws away the common names with the rare ones, and a
batch of a million rows then works the common ones out again every few hundred thousand
rows. Here a full map lets go of the quarter it took in longest ago: a name still in use
comes back at its next query, once. Reading is a plain dict lookup, since the hottest
cache is read some twenty times a query.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Kept"]

Key = TypeVar("Key")
Value = TypeVar("Value")


class Kept(Generic[Key, Value]):
    """At most ``limit`` entries, and when ``size`` is given, entries whose sizes add up
    to about ``budget`` at most; the oldest go first."""

    __slots__ = ("_items", "_size", "_total", "budget", "get", "limit")

    def __init__(
        self, limit: int, size: Callable[[Value], int] | None = None, budget: int = 0
    ) -> None:
        self._items: dict[Key, Value] = {}
        self._size = size
        self._total = 0
        self.limit = limit
        self.budget = budget
        #: The value kept for a key, or None.
        self.get: Callable[[Key], Value | None] = self._items.get

    def put(self, key: Key, value: Value) -> None:
        """Keep ``value`` for ``key``, letting the oldest quarter go when full."""
        items = self._items
        if key in items:
            self._forget(key)
        if len(items) >= self.limit or (self._size is not None and self._total >= self.budget):
            for old in list(itertools.islice(items, max(len(items) // 4, 1))):
                self._forget(old)
        items[key] = value
        if self._size is not None:
            self._total += self._size(value)

    def _forget(self, key: Key) -> None:
        # Another thread may have let the same key go first.
        value = self._items.pop(key, None)
        if value is not None and self._size is not None:
            self._total -= self._size(value)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items
