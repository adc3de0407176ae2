"""Name-variant knowledge: which name tokens are spellings of the same name.

`NameVariants` answers "is "yatsek" a variant of "jacek"?" in well under a microsecond,
from groups built once (see `caveat.knowledge`) out of Wikidata's multiscript given-name
and surname groups and an English nickname list. The object is immutable and is passed
to the matcher; it is stored as a compact, zlib-compressed byte string.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from sys import byteorder
from typing import overload

from caveat.names.variant_groups import (
    GroupStats,
    RawGroup,
    Renderer,
    TokenGroup,
    VariantPolicy,
    ascii_renderings,
    clean_groups,
    nickname_groups,
    parse_wikidata_line,
)

__all__ = ["NameVariants", "build_variants", "build_variants_with_stats"]

_MAGIC = b"CVNV"
_VERSION = 1
# magic, version, then counts: tokens, groups, multi-group tokens, their group ids.
_HEADER = struct.Struct("<4sHxxIIII")
_TUPLE_MAX = 3


class NameVariants:
    """Given-name / surname equivalence groups, e.g. {jacek, yatsek, jatsek}.

    Tokens are ASCII, lowercase and folded (as `caveat.names` renders them). Two tokens
    are variants when they share a group. A token is in a group only if another spelling
    of it is known, so an unknown token is a variant of nothing, not even of itself.
    Build one with `from_groups`, `from_bytes` or `empty`, not the constructor.
    """

    __slots__ = ("_codes", "_digest", "_label_ends", "_labels", "_multi", "_n")

    def __init__(
        self,
        codes: Mapping[str, int],
        multi: Sequence[Collection[int]],
        labels: str,
        label_ends: array[int],
        digest: str | None = None,
    ) -> None:
        # codes: token -> its one group id (< n), or n + k for the groups in multi[k].
        # Most tokens with several groups have two or three: a tuple costs a quarter of
        # a frozenset and is as fast to search; larger lists are frozensets.
        self._codes = codes
        self._multi = multi
        self._labels = labels
        self._label_ends = label_ends
        self._n = len(label_ends)
        self._digest = digest

    @classmethod
    def empty(cls) -> NameVariants:
        """No knowledge at all: every `are_variants` is False."""
        return cls({}, (), "", array("I"))

    @classmethod
    def from_groups(cls, groups: Iterable[TokenGroup]) -> NameVariants:
        """Index token groups; group ids follow the order given.

        Args:
            groups: The groups, e.g. from `clean_groups`.
        """
        members: dict[str, list[int]] = {}
        labels: list[str] = []
        for gid, group in enumerate(groups):
            labels.append(group.label)
            for token in group.tokens:
                members.setdefault(token, []).append(gid)
        codes: dict[str, int] = {}
        multi: list[Collection[int]] = []
        for token in sorted(members):
            ids = members[token]
            if len(ids) == 1:
                codes[token] = ids[0]
            else:
                codes[token] = len(labels) + len(multi)
                multi.append(_container(sorted(ids)))
        ends = array("I")
        total = 0
        for label in labels:
            total += len(label)
            ends.append(total)
        return cls(codes, tuple(multi), "".join(labels), ends)

    def __len__(self) -> int:
        """The number of known tokens."""
        return len(self._codes)

    def __contains__(self, token: object) -> bool:
        return token in self._codes

    def __iter__(self) -> Iterator[str]:
        """The known tokens, in no particular order."""
        return iter(self._codes)

    def __repr__(self) -> str:
        return f"<NameVariants tokens={len(self._codes)} groups={self.group_count}>"

    @property
    def group_count(self) -> int:
        """The number of groups."""
        return len(self._label_ends)

    def groups(self, token: str) -> frozenset[int]:
        """The ids of the groups a token belongs to; empty if it has no known variant.

        Args:
            token: An ASCII folded token, e.g. "yatsek".
        """
        code = self._codes.get(token)
        if code is None:
            return frozenset()
        if code < self._n:
            return frozenset((code,))
        return frozenset(self._multi[code - self._n])

    def are_variants(self, a: str, b: str) -> bool:
        """True if the two tokens share a group, e.g. "jacek" and "yatsek".

        Args:
            a: An ASCII folded token.
            b: Another one.
        """
        ca = self._codes.get(a)
        if ca is None:
            return False
        cb = self._codes.get(b)
        if cb is None:
            return False
        n = self._n
        if ca < n:
            return ca == cb if cb < n else ca in self._multi[cb - n]
        if cb < n:
            return cb in self._multi[ca - n]
        in_a, in_b = self._multi[ca - n], self._multi[cb - n]
        if len(in_a) > len(in_b):
            in_a, in_b = in_b, in_a
        for group in in_a:  # noqa: SIM110 (a plain loop is twice as fast as any())
            if group in in_b:
                return True
        return False

    def label(self, group_id: int) -> str:
        """Where a group comes from, e.g. "Q187837" (Wikidata) or "nickname:robert".

        Args:
            group_id: A group id from `groups`.
        """
        start = 0 if group_id == 0 else self._label_ends[group_id - 1]
        return self._labels[start : self._label_ends[group_id]]

    def digest(self) -> str:
        """A SHA-256 hex digest of the serialised form, e.g. to fingerprint an index.

        Free for an object read by `from_bytes`; otherwise it serialises (about 0.5 s
        for the full artefact).
        """
        if self._digest is not None:
            return self._digest
        return hashlib.sha256(self.to_bytes()).hexdigest()

    def to_bytes(self) -> bytes:
        """Serialise: a small header, then one zlib stream of the sorted tokens, their
        codes, the multi-group lists and the labels."""
        tokens = sorted(self._codes)
        codes = array("I", (self._codes[t] for t in tokens))
        offsets = array("I", [0])
        ids = array("I")
        for groups in self._multi:
            ids.extend(sorted(groups))
            offsets.append(len(ids))
        parts = [
            "\n".join(tokens).encode("ascii"),
            _le(codes),
            _le(offsets),
            _le(ids),
            _le(self._label_ends),
            self._labels.encode("utf-8"),
        ]
        sizes = struct.pack("<6Q", *(len(p) for p in parts))
        header = _HEADER.pack(
            _MAGIC, _VERSION, len(tokens), len(self._label_ends), len(self._multi), len(ids)
        )
        return header + zlib.compress(sizes + b"".join(parts), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> NameVariants:
        """Read what `to_bytes` wrote.

        Args:
            data: The serialised form.

        Raises:
            ValueError: If the data is not a name-variants artefact of this version.
        """
        if len(data) < _HEADER.size:
            raise ValueError("not a name-variants artefact: too short")
        magic, version, n_tokens, n_groups, n_multi, n_ids = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a name-variants artefact: bad magic")
        if version != _VERSION:
            raise ValueError(f"name-variants artefact version {version}, expected {_VERSION}")
        try:
            body = zlib.decompress(data[_HEADER.size :])
        except zlib.error as exc:
            raise ValueError(f"corrupt name-variants artefact: {exc}") from exc
        sizes = struct.unpack_from("<6Q", body)
        pos = struct.calcsize("<6Q")
        parts: list[bytes] = []
        for size in sizes:
            parts.append(body[pos : pos + size])
            pos += size
        tokens = parts[0].decode("ascii").split("\n") if sizes[0] > 0 else []
        codes, offsets, ids, ends = (
            _from_le("I", parts[1]),
            _from_le("I", parts[2]),
            _from_le("I", parts[3]),
            _from_le("I", parts[4]),
        )
        counts = (len(tokens), len(codes), len(offsets) - 1, len(ids), len(ends))
        if pos != len(body) or counts != (n_tokens, n_tokens, n_multi, n_ids, n_groups):
            raise ValueError("corrupt name-variants artefact: counts do not match")
        labels = parts[5].decode("utf-8")
        del body, parts
        # One shared int object per code instead of one per token saves ~4 MB.
        pool = list(range(n_groups + n_multi))
        index = dict(zip(tokens, map(pool.__getitem__, codes), strict=True))
        multi = _GroupLists(ids.tolist(), offsets.tolist())
        return cls(index, multi, labels, ends, hashlib.sha256(data).hexdigest())


def build_variants(
    lines: Iterable[str],
    nicknames: Iterable[tuple[str, str]] = (),
    *,
    render: Renderer = ascii_renderings,
    policy: VariantPolicy | None = None,
) -> NameVariants:
    """Build the variant knowledge from Wikidata group lines and nickname pairs.

    Args:
        lines: Lines like ``jacek, яцек, ヤチェク => Q187837``.
        nicknames: (name, nickname) pairs, e.g. ("robert", "bob").
        render: Renders a variant string to Latin renderings (the fallback renderer uses
            rigour's `ascii_text`).
        policy: Filtering thresholds; `VariantPolicy()` when `None`.
    """
    return build_variants_with_stats(lines, nicknames, render=render, policy=policy)[0]


def build_variants_with_stats(
    lines: Iterable[str],
    nicknames: Iterable[tuple[str, str]] = (),
    *,
    render: Renderer = ascii_renderings,
    policy: VariantPolicy | None = None,
) -> tuple[NameVariants, GroupStats]:
    """`build_variants`, also returning what each filtering step kept or removed.

    Args:
        lines: Lines like ``jacek, яцек, ヤチェク => Q187837``.
        nicknames: (name, nickname) pairs, e.g. ("robert", "bob").
        render: Renders a variant string to Latin renderings.
        policy: Filtering thresholds; `VariantPolicy()` when `None`.
    """
    raw: list[RawGroup] = [g for g in map(parse_wikidata_line, lines) if g is not None]
    raw.extend(nickname_groups(nicknames))
    groups, stats = clean_groups(raw, render=render, policy=policy)
    return NameVariants.from_groups(groups), stats


class _GroupLists(Sequence[Collection[int]]):
    """The group ids of each token in several groups, made into containers when first
    asked for: a query meets few of them, and making them all at load delayed every
    start."""

    __slots__ = ("_bounds", "_items", "_made")

    def __init__(self, items: list[int], bounds: list[int]) -> None:
        self._items = items
        self._bounds = bounds
        self._made: dict[int, Collection[int]] = {}

    def __len__(self) -> int:
        return len(self._bounds) - 1

    @overload
    def __getitem__(self, k: int) -> Collection[int]: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[Collection[int]]: ...

    def __getitem__(self, k: int | slice) -> Collection[int] | Sequence[Collection[int]]:
        if isinstance(k, slice):
            return [self[i] for i in range(len(self))[k]]
        made = self._made.get(k)
        if made is None:
            if not 0 <= k < len(self):
                raise IndexError(k)
            made = self._made[k] = _container(self._items[self._bounds[k] : self._bounds[k + 1]])
        return made


def _container(ids: list[int]) -> Collection[int]:
    """A tuple for a few group ids (compact), a frozenset for more (fast to search)."""
    return tuple(ids) if len(ids) <= _TUPLE_MAX else frozenset(ids)


def _le(values: array[int]) -> bytes:
    """The array's bytes in little-endian order, whatever the machine's order."""
    if byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_le(typecode: str, data: bytes) -> array[int]:
    values = array(typecode)
    if values.itemsize != 4:
        raise ValueError(f"array type {typecode!r} is not 4 bytes on this machine")
    values.frombytes(data)
    if byteorder == "big":
        values.byteswap()
    return values
