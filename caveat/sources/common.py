"""The base every list format builds on: recognise a file, then parse a set of files
into entities. Parsers do no I/O of their own; they are handed decompressed bytes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from caveat.entity import Entity
from caveat.exc import FormatError
from caveat.sources.reading import SourceData
from caveat.types import ListId

__all__ = ["EntityRecord", "FileMatch", "ListParser", "ParsedList"]


@dataclass(frozen=True)
class FileMatch:
    """What `ListParser.sniff` recognised: the format, the file's role in its set, and
    the list the file belongs to."""

    format: str
    role: str
    list_id: ListId


@dataclass
class ParsedList:
    """The outcome of parsing one set of files: its entities as parsed, or as the
    records the store writes of them (`recorded`)."""

    list_id: ListId
    entities: Sequence[Entity | EntityRecord]
    publish_date: str | None = None
    warnings: list[str] = field(default_factory=list)

    def recorded(self) -> ParsedList:
        """The list as the store writes it: cheap to pass between processes, where a
        list of entities costs half as much to unpickle as to parse."""
        return ParsedList(
            self.list_id,
            [e if isinstance(e, EntityRecord) else EntityRecord.of(e) for e in self.entities],
            self.publish_date,
            list(self.warnings),
        )


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """What the store writes of one entity: its canonical JSON and the columns beside."""

    id: str
    source_id: str
    schema: str
    caption: str
    content_hash: str
    body: str

    @classmethod
    def of(cls, entity: Entity) -> EntityRecord:
        return cls(
            entity.id,
            entity.source_id,
            entity.schema,
            entity.caption,
            entity.content_hash,
            entity.canonical_json(),
        )

    def canonical_json(self) -> str:
        return self.body


class ListParser(ABC):
    """One list format. Subclasses set the class attributes and implement two methods.

    ``roles`` names the files a set may hold (OFAC's legacy CSV has four); ``required``
    the ones it cannot do without.
    """

    format: ClassVar[str]
    version: ClassVar[str]
    title: ClassVar[str]
    roles: ClassVar[tuple[str, ...]] = ("main",)
    required: ClassVar[frozenset[str]] = frozenset({"main"})

    @classmethod
    @abstractmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        """Recognise a file from its base name and first decompressed bytes.

        Args:
            filename: the base name, with any ``.gz`` suffix already removed, lowercased.
            head: up to the first 64 KiB of the decompressed content.
        """

    @abstractmethod
    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        """Parse a complete set of files (keyed by role) into entities.

        Raises:
            SourceError: naming the file and the line or element at fault.
        """

    def check_roles(self, files: Mapping[str, SourceData]) -> None:
        missing = sorted(self.required - set(files))
        if missing:
            raise FormatError(
                ", ".join(f.name for f in files.values()) or self.format,
                f"the {self.title} set lacks its {', '.join(missing)} file",
            )


def unique_entities(name: str, entities: Iterable[Entity]) -> list[Entity]:
    """Refuse a list whose entries share an id: a version must be unambiguous."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in seen:
            raise FormatError(name, f"two entries share the reference {entity.source_id!r}")
        seen[entity.id] = entity
    return list(seen.values())
