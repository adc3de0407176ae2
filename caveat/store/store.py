"""`Store`: the one object the CLI, the API and batch jobs use to keep lists."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from caveat import settings
from caveat.entity import Entity, Link, make_entity_id
from caveat.exc import NotFound, StoreError
from caveat.sources.common import ParsedList
from caveat.store.db import lock_for_writing, open_engine, upsert_insert
from caveat.store.diff import EntityChange, VersionDiff, compare_entities
from caveat.store.tables import (
    active_versions,
    downloads,
    entity_bodies,
    events,
    list_versions,
    version_entities,
)
from caveat.store.versions import (
    ListVersion,
    LoadResult,
    active_version,
    as_utc,
    find_by_hash,
    insert_version,
    iter_entities,
    now,
    pick_version,
    read_versions,
    write_active,
)
from caveat.types import EntityId, ListId

__all__ = ["DownloadState", "Event", "ResolvedLink", "Store"]


@contextmanager
def _translated(what: str, list_id: ListId | None = None) -> Iterator[None]:
    """Re-raise a database failure as `StoreError`, saying what was being done."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{what} failed: {exc}", list_id=list_id) from exc


@dataclass(frozen=True)
class ResolvedLink:
    """A link with the entities it points to among the active versions."""

    link: Link
    targets: tuple[Entity, ...]


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    action: str
    list_id: ListId | None
    version_id: int | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class DownloadState:
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None


class Store:
    """List versions, entities and the load log, in SQLite or PostgreSQL.

    Args:
        url: a SQLAlchemy database URL; defaults to ``CAVEAT_DATABASE_URL`` or a SQLite
            file under ``CAVEAT_HOME``.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url if url is not None else settings.database_url()
        self.engine: Engine = open_engine(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------

    def add_version(
        self,
        parsed: ParsedList,
        *,
        content_hash: str,
        format: str,
        parser_version: str,
        snapshot_date: str | None = None,
        source_files: Iterable[str] = (),
    ) -> LoadResult:
        """Store a parsed list as a new immutable version, in one transaction.

        The same content (by hash) already stored creates nothing. A new version becomes
        active unless the active one is dated later, so that loading an old snapshot
        adds history without rolling the list back.

        Loads of the same list are serialised (see `lock_for_writing`), so two loaders of
        the same content at once store it once: the second finds the first's version.
        """
        files = list(source_files)
        try:
            with self.engine.begin() as conn:
                lock_for_writing(conn, parsed.list_id)
                existing = find_by_hash(conn, parsed.list_id, content_hash, parser_version)
                if existing is not None:
                    self._log(conn, "unchanged", parsed.list_id, existing.id, {"files": files})
                    return LoadResult(existing, created=False, activated=False)
                current = active_version(conn, parsed.list_id)
                version_id = insert_version(
                    conn,
                    list_id=parsed.list_id,
                    entities=parsed.entities,
                    content_hash=content_hash,
                    format=format,
                    parser_version=parser_version,
                    publish_date=parsed.publish_date,
                    snapshot_date=snapshot_date,
                    source_files=files,
                )
                new_date = parsed.publish_date or snapshot_date or ""
                activate = current is None or new_date >= (current.date or "")
                if activate:
                    write_active(conn, parsed.list_id, version_id)
                detail = {"files": files, "entities": len(parsed.entities), "hash": content_hash}
                if parsed.warnings:
                    detail["warnings"] = parsed.warnings
                self._log(conn, "loaded", parsed.list_id, version_id, detail)
                if activate:
                    self._log(conn, "activated", parsed.list_id, version_id, {})
                version = next(v for v in read_versions(conn, parsed.list_id) if v.id == version_id)
                return LoadResult(version, created=True, activated=activate)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"storing {parsed.list_id} failed and was rolled back: {exc}",
                list_id=parsed.list_id,
            ) from exc

    def activate(self, list_id: ListId, ref: str | int) -> ListVersion:
        """Make a stored version the active one (e.g. to roll a list back)."""
        with _translated(f"activating {list_id}", list_id), self.engine.begin() as conn:
            lock_for_writing(conn, list_id)
            version = pick_version(read_versions(conn, list_id), list_id, ref)
            write_active(conn, list_id, version.id)
            self._log(conn, "activated", list_id, version.id, {"by": "request"})
        return self.version(list_id, version.id)

    def log(self, action: str, list_id: ListId | None, detail: dict[str, Any]) -> None:
        """Record an event (e.g. a failed load) in the audit log."""
        with _translated("writing the audit log", list_id), self.engine.begin() as conn:
            self._log(conn, action, list_id, None, detail)

    @staticmethod
    def _log(
        conn: Any, action: str, list_id: ListId | None, version_id: int | None, detail: Any
    ) -> None:
        conn.execute(
            insert(events).values(
                at=now(),
                action=action,
                list_id=list_id,
                version_id=version_id,
                detail=json.dumps(detail, ensure_ascii=False, default=str),
            )
        )

    # -- reading -----------------------------------------------------------------

    def lists(self) -> list[ListVersion]:
        """The active version of every list."""
        with _translated("reading the lists"), self.engine.connect() as conn:
            return [v for v in read_versions(conn) if v.active]

    def versions(self, list_id: ListId | None = None) -> list[ListVersion]:
        with _translated("reading versions", list_id), self.engine.connect() as conn:
            return read_versions(conn, list_id)

    def version(self, list_id: ListId, ref: str | int | None = None) -> ListVersion:
        """A version by id, ``active`` (the default), ``latest``, date or hash prefix."""
        with _translated("reading versions", list_id), self.engine.connect() as conn:
            return pick_version(read_versions(conn, list_id), list_id, ref)

    def entities(self, version_id: int) -> Iterator[Entity]:
        with _translated(f"reading version {version_id}"), self.engine.connect() as conn:
            yield from iter_entities(conn, version_id)

    def active_entities(self) -> Iterator[Entity]:
        for version in self.lists():
            yield from self.entities(version.id)

    def find_entities(self, ref: str, *, list_id: ListId | None = None) -> list[Entity]:
        """Entities in active versions whose Caveat id or list reference is ``ref``."""
        if "\x00" in ref:  # PostgreSQL refuses NUL in text; no id or reference has one
            return []
        query = (
            select(entity_bodies.c.data)
            .join(version_entities, version_entities.c.hash == entity_bodies.c.hash)
            .join(active_versions, active_versions.c.version_id == version_entities.c.version_id)
            .where(or_(version_entities.c.entity_id == ref, version_entities.c.source_id == ref))
        )
        if list_id is not None:
            query = query.where(active_versions.c.list_id == list_id)
        with _translated(f"finding {ref!r}", list_id), self.engine.connect() as conn:
            found = [Entity.from_dict(json.loads(r.data)) for r in conn.execute(query)]
        return sorted(found, key=lambda e: (e.list_id, e.id))

    def entity(self, entity_id: EntityId) -> Entity:
        for entity in self.find_entities(entity_id):
            if entity.id == entity_id:
                return entity
        raise NotFound(f"no entity {entity_id!r} in the active lists", entity_id=entity_id)

    def resolve_links(self, entity: Entity) -> list[ResolvedLink]:
        """Find each link's target among the active versions: by reference when the
        list gives one, else by exact (case-insensitive) name."""
        out: list[ResolvedLink] = []
        for link in entity.links:
            targets: list[Entity] = []
            if link.target_source_id is not None:
                target_list = link.target_list if link.target_list is not None else entity.list_id
                targets = self.find_entities(
                    make_entity_id(target_list, link.target_source_id)
                ) or self.find_entities(link.target_source_id)
            elif link.target_name is not None:
                # Lists end a "Linked To:" sentence with a full stop that may or may not
                # belong to the name ("X LTD."): try both.
                name = link.target_name
                targets = self._by_caption(name) or self._by_caption(
                    name[:-1] if name.endswith(".") else name + "."
                )
            out.append(ResolvedLink(link, tuple(t for t in targets if t.id != entity.id)))
        return out

    def _by_caption(self, name: str) -> list[Entity]:
        if "\x00" in name:
            return []
        query = (
            select(entity_bodies.c.data)
            .join(version_entities, version_entities.c.hash == entity_bodies.c.hash)
            .join(active_versions, active_versions.c.version_id == version_entities.c.version_id)
            .where(func.lower(version_entities.c.caption) == name.strip().lower())
        )
        with _translated(f"finding {name!r}"), self.engine.connect() as conn:
            found = [Entity.from_dict(json.loads(r.data)) for r in conn.execute(query)]
        return sorted(found, key=lambda e: (e.list_id, e.id))

    def diff(
        self, list_id: ListId, old: str | int | None = None, new: str | int | None = None
    ) -> VersionDiff:
        """Entries added, removed and changed between two versions; by default between
        the active version and the one dated just before it."""
        versions = self.versions(list_id)
        new_version = pick_version(versions, list_id, new)
        if old is None:
            earlier = [v for v in versions if v.sort_key < new_version.sort_key]
            if not earlier:
                raise NotFound(f"list {list_id!r} has no version before {new_version.id}")
            old_version = earlier[-1]
        else:
            old_version = pick_version(versions, list_id, old)
        before = {e.id: e for e in self.entities(old_version.id)}
        after = {e.id: e for e in self.entities(new_version.id)}
        added = [after[k] for k in sorted(after.keys() - before.keys())]
        removed = [before[k] for k in sorted(before.keys() - after.keys())]
        changed = [
            EntityChange(before[k], after[k], compare_entities(before[k], after[k]))
            for k in sorted(before.keys() & after.keys())
            if before[k].content_hash != after[k].content_hash
        ]
        return VersionDiff(old_version, new_version, added, removed, changed)

    def events(self, limit: int = 100) -> list[Event]:
        query = select(events).order_by(events.c.id.desc()).limit(limit)
        with _translated("reading the audit log"), self.engine.connect() as conn:
            return [
                Event(r.id, as_utc(r.at), r.action, r.list_id, r.version_id, json.loads(r.detail))
                for r in conn.execute(query)
            ]

    def count_versions(self) -> int:
        with _translated("counting versions"), self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(list_versions)).scalar_one())

    # -- download state ------------------------------------------------------------

    def download_state(self, url: str) -> DownloadState | None:
        with _translated(f"reading the download state of {url}"), self.engine.connect() as conn:
            row = conn.execute(select(downloads).where(downloads.c.url == url)).first()
        if row is None:
            return None
        return DownloadState(row.url, row.etag, row.last_modified, row.content_hash)

    def save_download_state(self, state: DownloadState) -> None:
        with _translated(f"saving the download state of {state.url}"), self.engine.begin() as conn:
            stmt = upsert_insert(conn, downloads).values(
                url=state.url,
                etag=state.etag,
                last_modified=state.last_modified,
                content_hash=state.content_hash,
                fetched_at=now(),
            )
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[downloads.c.url],
                    set_={
                        c.name: stmt.excluded[c.name] for c in downloads.columns if c.name != "url"
                    },
                )
            )
