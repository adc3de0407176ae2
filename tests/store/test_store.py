"""The versioned store: immutable versions, activation, diffs and link resolution."""

from __future__ import annotations

import pytest

from caveat.entity import Entity, EntityBuilder
from caveat.exc import NotFound, StoreError
from caveat.sources.common import ParsedList
from caveat.store import Store


def person(source_id: str, name: str, **props: str) -> Entity:
    builder = EntityBuilder("test_list", source_id, "Person")
    builder.add_name(name)
    for prop, value in props.items():
        builder.add(prop, value)
    return builder.build()


def add(store: Store, entities: list[Entity], digest: str, date: str) -> int:
    parsed = ParsedList("test_list", entities, publish_date=date)
    result = store.add_version(
        parsed, content_hash=digest, format="internal_csv", parser_version="1"
    )
    return result.version.id


def test_first_load_becomes_active(store: Store) -> None:
    version_id = add(store, [person("1", "DEMIR, Ismail")], "a" * 64, "2024-05-03")
    (active,) = store.lists()
    assert active.id == version_id
    assert active.entity_count == 1
    assert active.publish_date == "2024-05-03"
    assert [e.caption for e in store.entities(version_id)] == ["DEMIR, Ismail"]


def test_same_content_creates_nothing(store: Store) -> None:
    add(store, [person("1", "DEMIR, Ismail")], "a" * 64, "2024-05-03")
    result = store.add_version(
        ParsedList("test_list", [person("1", "DEMIR, Ismail")], publish_date="2024-05-03"),
        content_hash="a" * 64,
        format="internal_csv",
        parser_version="1",
    )
    assert result.created is False
    assert store.count_versions() == 1
    assert store.events(1)[0].action == "unchanged"


def test_older_snapshot_is_kept_but_not_activated(store: Store) -> None:
    new_id = add(store, [person("1", "A")], "a" * 64, "2024-05-03")
    old_id = add(store, [person("1", "B")], "b" * 64, "2021-07-07")
    assert store.version("test_list").id == new_id
    assert [v.id for v in store.versions("test_list")] == [old_id, new_id]


def test_failed_load_leaves_previous_version_active(store: Store) -> None:
    first = add(store, [person("1", "A")], "a" * 64, "2024-01-01")
    twins = [person("1", "A"), person("1", "B")]  # same id twice: the insert fails
    with pytest.raises(StoreError, match="rolled back"):
        add(store, twins, "b" * 64, "2025-01-01")
    assert store.count_versions() == 1
    assert store.version("test_list").id == first
    assert [e.caption for e in store.entities(first)] == ["A"]


def test_unchanged_entities_share_one_body(store: Store) -> None:
    keep = person("1", "Kept")
    add(store, [keep, person("2", "Gone")], "a" * 64, "2024-01-01")
    add(store, [keep, person("3", "New")], "b" * 64, "2025-01-01")
    with store.engine.connect() as conn:
        from sqlalchemy import func, select

        from caveat.store.tables import entity_bodies

        bodies = conn.execute(select(func.count()).select_from(entity_bodies)).scalar_one()
    assert bodies == 3


def test_diff_reports_added_removed_and_changed_fields(store: Store) -> None:
    add(store, [person("1", "A", birthDate="1960"), person("2", "B")], "a" * 64, "2021-07-07")
    add(store, [person("1", "A", birthDate="1960-04-01"), person("3", "C")], "b" * 64, "2024-05-03")
    result = store.diff("test_list")
    assert [e.source_id for e in result.added] == ["3"]
    assert [e.source_id for e in result.removed] == ["2"]
    (change,) = result.changed
    assert change.fields == {"birthDate": (["1960"], ["1960-04-01"])}
    assert result.unchanged == 0
    explicit = store.diff("test_list", "2021", "2024")
    assert explicit.to_dict()["added"] == [{"id": "test_list-3", "caption": "C"}]


def test_versions_are_found_by_id_date_and_hash(store: Store) -> None:
    old_id = add(store, [person("1", "A")], "ab" * 32, "2021-07-07")
    new_id = add(store, [person("1", "B")], "cd" * 32, "2024-05-03")
    assert store.version("test_list", "2021-07").id == old_id
    assert store.version("test_list", "cdcdcd").id == new_id
    assert store.version("test_list", str(old_id)).id == old_id
    assert store.version("test_list", "latest").id == new_id
    with pytest.raises(NotFound, match="no version '1999'"):
        store.version("test_list", "1999")
    with pytest.raises(NotFound, match="no versions of list 'nope'"):
        store.version("nope")


def test_activate_rolls_back(store: Store) -> None:
    old_id = add(store, [person("1", "A")], "a" * 64, "2021-07-07")
    add(store, [person("1", "B")], "b" * 64, "2024-05-03")
    store.activate("test_list", "2021-07-07")
    assert store.version("test_list").id == old_id
    assert store.find_entities("1")[0].caption == "A"


def test_links_resolve_by_name_and_by_reference(store: Store) -> None:
    chairman = EntityBuilder("test_list", "27018", "Person")
    chairman.add_name("DEMIR, Ismail")
    chairman.add_link("linked_to", target_name="Presidency of Defense Industries")
    chairman.add_link("same_as", target_source_id="27016")
    agency = EntityBuilder("test_list", "27016", "LegalEntity")
    agency.add_name("PRESIDENCY OF DEFENSE INDUSTRIES")
    add(store, [chairman.build(), agency.build()], "a" * 64, "2024-01-01")
    (entity,) = store.find_entities("27018")
    by_name, by_ref = store.resolve_links(entity)
    assert [t.id for t in by_name.targets] == ["test_list-27016"]
    assert [t.id for t in by_ref.targets] == ["test_list-27016"]
