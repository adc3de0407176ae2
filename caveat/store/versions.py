"""List versions: add one atomically, activate it, and read versions back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, Row, insert, select

from caveat.entity import Entity
from caveat.exc import NotFound, StoreError
from caveat.store.db import upsert_insert
from caveat.store.tables import active_versions, entity_bodies, list_versions, version_entities
from caveat.types import ListId

__all__ = ["ListVersion", "LoadResult", "insert_version", "read_versions", "write_active"]

CHUNK = 500


class StoredEntity(Protocol):
    """What a version stores of each entity: an `caveat.entity.Entity`, or its record
    (`caveat.sources.common.EntityRecord`)."""

    @property
    def id(self) -> str: ...
    @property
    def source_id(self) -> str: ...
    @property
    def schema(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    def canonical_json(self) -> str: ...


@dataclass(frozen=True)
class ListVersion:
    """One immutable version of one list, as an auditor needs to cite it."""

    id: int
    list_id: ListId
    content_hash: str
    format: str
    parser_version: str
    publish_date: str | None
    snapshot_date: str | None
    loaded_at: datetime
    entity_count: int
    source_files: tuple[str, ...]
    active: bool = False

    @property
    def date(self) -> str | None:
        """The list's own date: the publish date inside the file, else the snapshot date."""
        return self.publish_date if self.publish_date is not None else self.snapshot_date

    @property
    def sort_key(self) -> tuple[str, datetime, int]:
        return (self.date or "", self.loaded_at, self.id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list_id": self.list_id,
            "content_hash": self.content_hash,
            "format": self.format,
            "parser_version": self.parser_version,
            "publish_date": self.publish_date,
            "snapshot_date": self.snapshot_date,
            "date": self.date,
            "loaded_at": self.loaded_at.isoformat(),
            "entity_count": self.entity_count,
            "source_files": list(self.source_files),
            "active": self.active,
        }


@dataclass(frozen=True)
class LoadResult:
    """What a load did: ``created`` is False when the same content was already stored."""

    version: ListVersion
    created: bool
    activated: bool


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A stored time in UTC: SQLite gives it back naive, PostgreSQL in the session's zone."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def row_to_version(row: Row[Any], active_ids: set[int]) -> ListVersion:
    loaded_at = as_utc(row.loaded_at)
    return ListVersion(
        id=row.id,
        list_id=row.list_id,
        content_hash=row.content_hash,
        format=row.format,
        parser_version=row.parser_version,
        publish_date=row.publish_date,
        snapshot_date=row.snapshot_date,
        loaded_at=loaded_at,
        entity_count=row.entity_count,
        source_files=tuple(json.loads(row.source_files)),
        active=row.id in active_ids,
    )


def read_versions(conn: Connection, list_id: ListId | None = None) -> list[ListVersion]:
    """Every version (of one list, or of all), oldest first by the list's own date."""
    active_ids = {r.version_id for r in conn.execute(select(active_versions.c.version_id))}
    query = select(list_versions)
    if list_id is not None:
        query = query.where(list_versions.c.list_id == list_id)
    versions = [row_to_version(row, active_ids) for row in conn.execute(query)]
    return sorted(versions, key=lambda v: (v.list_id, v.sort_key))


def find_by_hash(
    conn: Connection, list_id: ListId, content_hash: str, parser_version: str
) -> ListVersion | None:
    """The stored version with this content, read by this parser version, if any."""
    for version in read_versions(conn, list_id):
        if version.content_hash == content_hash and version.parser_version == parser_version:
            return version
    return None


def active_version(conn: Connection, list_id: ListId) -> ListVersion | None:
    for version in read_versions(conn, list_id):
        if version.active:
            return version
    return None


def insert_version(
    conn: Connection,
    *,
    list_id: ListId,
    entities: Sequence[StoredEntity],
    content_hash: str,
    format: str,
    parser_version: str,
    publish_date: str | None,
    snapshot_date: str | None,
    source_files: Iterable[str],
) -> int:
    """Insert the version row, the entity bodies it lacks and its membership rows.
    Runs inside the caller's transaction. A body another loader is inserting at the
    same moment is skipped, not a conflict: bodies are content-addressed."""
    inserted = conn.execute(
        insert(list_versions).values(
            list_id=list_id,
            content_hash=content_hash,
            format=format,
            parser_version=parser_version,
            publish_date=publish_date,
            snapshot_date=snapshot_date,
            loaded_at=now(),
            entity_count=len(entities),
            source_files=json.dumps(list(source_files)),
        )
    ).inserted_primary_key
    if inserted is None:
        raise StoreError(f"the database returned no id for the new {list_id} version")
    version_id = int(inserted[0])
    bodies = {e.content_hash: e.canonical_json() for e in entities}
    missing = _missing_hashes(conn, list(bodies))
    rows = [{"hash": h, "data": bodies[h]} for h in missing]
    add_bodies = upsert_insert(conn, entity_bodies).on_conflict_do_nothing(
        index_elements=[entity_bodies.c.hash]
    )
    for start in range(0, len(rows), CHUNK):
        conn.execute(add_bodies, rows[start : start + CHUNK])
    members = [
        {
            "version_id": version_id,
            "entity_id": e.id,
            "source_id": e.source_id,
            "schema": e.schema,
            "caption": e.caption,
            "hash": e.content_hash,
        }
        for e in entities
    ]
    for start in range(0, len(members), CHUNK):
        conn.execute(insert(version_entities), members[start : start + CHUNK])
    return version_id


def _missing_hashes(conn: Connection, hashes: list[str]) -> list[str]:
    present: set[str] = set()
    for start in range(0, len(hashes), CHUNK):
        chunk = hashes[start : start + CHUNK]
        query = select(entity_bodies.c.hash).where(entity_bodies.c.hash.in_(chunk))
        present.update(r.hash for r in conn.execute(query))
    return [h for h in hashes if h not in present]


def write_active(conn: Connection, list_id: ListId, version_id: int) -> None:
    stmt = upsert_insert(conn, active_versions).values(
        list_id=list_id, version_id=version_id, activated_at=now()
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[active_versions.c.list_id],
            set_={
                "version_id": stmt.excluded.version_id,
                "activated_at": stmt.excluded.activated_at,
            },
        )
    )


def iter_entities(conn: Connection, version_id: int) -> Iterator[Entity]:
    query = (
        select(entity_bodies.c.data)
        .join(version_entities, version_entities.c.hash == entity_bodies.c.hash)
        .where(version_entities.c.version_id == version_id)
        .order_by(_bytewise(conn, version_entities.c.entity_id))
    )
    for row in conn.execute(query):
        yield Entity.from_canonical_json(row.data)


def _bytewise(conn: Connection, column: ColumnElement[str]) -> ColumnElement[str]:
    """Order by code point, as SQLite does, whatever the PostgreSQL database's locale."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def pick_version(
    versions: list[ListVersion], list_id: ListId, ref: str | int | None
) -> ListVersion:
    """Find a version by id, ``active``, ``latest``, date prefix or content hash prefix."""
    if not versions:
        raise NotFound(f"no versions of list {list_id!r} are stored", list_id=list_id)
    if ref is None or ref == "active":
        for version in versions:
            if version.active:
                return version
        raise NotFound(f"list {list_id!r} has no active version", list_id=list_id)
    if ref == "latest":
        return versions[-1]
    text = str(ref)
    if text.isdigit():
        for version in versions:
            if version.id == int(text):
                return version
    by_date = [v for v in versions if v.date is not None and v.date.startswith(text)]
    if len(by_date) == 1:
        return by_date[0]
    by_hash = [v for v in versions if len(text) >= 6 and v.content_hash.startswith(text)]
    if len(by_hash) == 1:
        return by_hash[0]
    if len(by_date) > 1:
        raise NotFound(f"{text!r} matches {len(by_date)} versions of {list_id!r}; be more precise")
    raise NotFound(f"no version {text!r} of list {list_id!r}", list_id=list_id, version=text)
