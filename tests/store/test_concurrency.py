"""Loaders running at the same time, on each backend: the same list loaded twice at once
is stored once, and versions that share entries share their bodies without conflict."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import func, select

from caveat.entity import Entity, EntityBuilder
from caveat.sources.common import ParsedList
from caveat.store import Store
from caveat.store.tables import active_versions, entity_bodies, version_entities
from caveat.store.versions import LoadResult

T = TypeVar("T")
LOADERS = 4


def people(count: int, suffix: str = "") -> list[Entity]:
    out = []
    for number in range(count):
        builder = EntityBuilder("test_list", str(number), "Person")
        builder.add_name(f"DEMIR, Ismail {number}{suffix}")
        out.append(builder.build())
    return out


def at_once(jobs: list[Callable[[], T]]) -> list[T]:
    """Run the jobs in threads released together; re-raise the first failure."""
    barrier = threading.Barrier(len(jobs))
    results: list[T | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = jobs[index]()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return [r for r in results if r is not None]


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_same_list_loaded_at_once_is_stored_once(database_url: str) -> None:
    stores = [Store(database_url) for _ in range(LOADERS)]
    entities = people(1500)

    def load(store: Store) -> Callable[[], LoadResult]:
        return lambda: store.add_version(
            ParsedList("test_list", entities, publish_date="2024-05-03"),
            content_hash="a" * 64,
            format="internal_csv",
            parser_version="1",
        )

    try:
        results = at_once([load(s) for s in stores])
        store = stores[0]
        assert len(results) == LOADERS
        assert sorted(r.created for r in results) == [False] * (LOADERS - 1) + [True]
        assert len({r.version.id for r in results}) == 1
        (version,) = store.versions("test_list")
        assert version.active and version.entity_count == 1500
        assert count(store, entity_bodies) == 1500
        assert count(store, version_entities) == 1500
        assert count(store, active_versions) == 1
        actions = sorted(e.action for e in store.events())
        assert actions == ["activated", "loaded"] + ["unchanged"] * (LOADERS - 1)
    finally:
        for store in stores:
            store.close()


def test_versions_sharing_entries_load_at_once(database_url: str) -> None:
    stores = [Store(database_url) for _ in range(LOADERS)]
    shared = people(1000)
    dates = [f"202{i}-01-01" for i in range(LOADERS)]

    def load(store: Store, index: int) -> Callable[[], LoadResult]:
        own = people(10, suffix=f" v{index}")[:1]  # one entry of its own, the rest shared
        entities = [*shared[1:], *own]
        return lambda: store.add_version(
            ParsedList("test_list", entities, publish_date=dates[index]),
            content_hash=str(index) * 64,
            format="internal_csv",
            parser_version="1",
        )

    try:
        results = at_once([load(s, i) for i, s in enumerate(stores)])
        store = stores[0]
        assert all(r.created for r in results)
        assert [v.date for v in store.versions("test_list")] == dates
        assert store.version("test_list").date == dates[-1]  # the latest wins, in any order
        assert count(store, entity_bodies) == 999 + LOADERS
        assert count(store, active_versions) == 1
    finally:
        for store in stores:
            store.close()
