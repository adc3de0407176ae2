"""Posting lists: for each token, the sorted ids of the names that hold it.

All lists live in one flat ``int32`` array with a start offset per token, so a million
entities' postings cost a few tens of megabytes, pickle as raw bytes, and load in
milliseconds; a list is handed out as a view of that array, never copied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "EMPTY",
    "IdArray",
    "Postings",
    "bound_keys",
    "key_parts",
    "run_starts",
    "sorted_with_tags",
]

IdArray = npt.NDArray[np.int32]
EMPTY: IdArray = np.zeros(0, dtype=np.int32)


def run_starts(values: npt.NDArray[np.int32]) -> npt.NDArray[np.intp]:
    """Where each run of equal values begins in a sorted array."""
    change = np.empty(len(values), dtype=np.bool_)
    if len(values):
        change[0] = True
        np.not_equal(values[1:], values[:-1], out=change[1:])
    starts: npt.NDArray[np.intp] = change.nonzero()[0]
    return starts


def sorted_with_tags(
    ids: IdArray, tags: npt.NDArray[np.int64] | None = None
) -> tuple[IdArray, npt.NDArray[np.intp]]:
    """The ids sorted, each with its tag, equal ids in the order of their tags (by
    default each id's position: the order a stable argsort gives).

    Ids (never negative) and tags (under 2**32) are packed into one 64-bit key each: one
    sort of the keys costs about half an indirect sort of the ids and a gather. The
    ids here are sorted runs (posting lists, one after the other), which the stable
    sort merges."""
    keys = ids.astype(np.int64)
    keys <<= 32
    keys |= np.arange(len(ids), dtype=np.int64) if tags is None else tags
    keys.sort(kind="stable")
    tagged: npt.NDArray[np.intp] = np.bitwise_and(keys, 0xFFFFFFFF).astype(np.intp, copy=False)
    keys >>= 32
    return keys.astype(np.int32), tagged


def bound_keys(values: IdArray, bounds: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """One 64-bit key per value (never negative) and bound: the keys sort by value, then
    by bound from the highest; `key_parts` reads both back.

    A float32 of zero or more has bits that order as the numbers do, so they go under
    the value inverted. For tens of thousands of pairs, one sort of the keys takes less
    than half the time of `numpy.lexsort` on the two arrays."""
    keys = values.astype(np.int64)
    keys <<= 32
    # Adding zero turns -0.0, whose bits would sort last, into 0.0.
    keys |= np.invert((bounds.astype(np.float32, copy=False) + np.float32(0.0)).view(np.uint32))
    return keys


def key_parts(keys: npt.NDArray[np.int64]) -> tuple[IdArray, npt.NDArray[np.float32]]:
    """The values and bounds packed in `bound_keys`."""
    bounds = np.invert((keys & 0xFFFFFFFF).astype(np.uint32)).view(np.float32)
    return (keys >> 32).astype(np.int32), bounds


class Postings:
    """Token -> sorted name ids, read-only once built."""

    __slots__ = ("_ids", "_slots", "_starts")

    def __init__(self, slots: dict[str, int], starts: npt.NDArray[np.int64], ids: IdArray) -> None:
        self._slots = slots
        self._starts = starts
        self._ids = ids

    @classmethod
    def build(cls, entries: Iterable[tuple[int, Iterable[str]]]) -> Postings:
        """Index ``(name id, tokens)`` pairs, given in increasing name id order.

        Args:
            entries: Each name's id and its tokens (repeats are counted once).
        """
        lists: dict[str, list[int]] = defaultdict(list)
        for name_id, tokens in entries:
            for token in set(tokens):
                lists[token].append(name_id)
        slots: dict[str, int] = {}
        starts = np.zeros(len(lists) + 1, dtype=np.int64)
        chunks: list[IdArray] = []
        offset = 0
        for slot, (token, ids) in enumerate(lists.items()):
            slots[token] = slot
            chunk = np.asarray(ids, dtype=np.int32)
            chunk.sort()
            chunks.append(chunk)
            offset += len(chunk)
            starts[slot + 1] = offset
        flat = np.concatenate(chunks) if chunks else EMPTY
        return cls(slots, starts, flat)

    def get(self, token: str) -> IdArray:
        """The ids of the names holding ``token`` (empty if none)."""
        slot = self._slots.get(token)
        if slot is None:
            return EMPTY
        return self._ids[self._starts[slot] : self._starts[slot + 1]]

    def count(self, token: str) -> int:
        """How many names hold ``token``."""
        slot = self._slots.get(token)
        return 0 if slot is None else int(self._starts[slot + 1] - self._starts[slot])

    def counts(self) -> dict[str, int]:
        """Every token with its count."""
        sizes = np.diff(self._starts).tolist()
        return {token: sizes[slot] for token, slot in self._slots.items()}

    def __contains__(self, token: object) -> bool:
        return token in self._slots

    def __len__(self) -> int:
        return len(self._slots)

    def __getstate__(self) -> dict[str, Any]:
        # Tokens in slot order, joined: loads much faster than a dict of a million keys.
        tokens = sorted(self._slots, key=self._slots.__getitem__)
        return {"tokens": "\n".join(tokens), "starts": self._starts, "ids": self._ids}

    def __setstate__(self, state: dict[str, Any]) -> None:
        text: str = state["tokens"]
        tokens = text.split("\n") if text else []
        self._slots = dict(zip(tokens, range(len(tokens)), strict=True))
        self._starts = state["starts"]
        self._ids = state["ids"]
