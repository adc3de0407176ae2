"""The index is built once per set of list versions, kept on disk, and rebuilt when
the lists change or the file is damaged."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from caveat import indexing
from caveat.entity import EntityBuilder
from caveat.exc import NotFound
from caveat.index import ScreeningIndex
from caveat.indexing import FULL_COLLECTION_EVERY, build_index, load_index
from caveat.loading import parse_set
from caveat.names.variants import NameVariants
from caveat.sources.common import ParsedList
from caveat.sources.discover import discover
from caveat.store import Store
from tests.conftest import real_file


def add(store: Store, name: str, digest: str) -> None:
    builder = EntityBuilder("internal_watch", "1", "Person")
    builder.add_name(name)
    store.add_version(
        ParsedList("internal_watch", [builder.build()], publish_date=digest[:4] + "-01-01"),
        content_hash=digest * 16,
        format="internal_csv",
        parser_version="1",
    )


def test_index_is_saved_reused_and_rebuilt(store: Store, tmp_path: Path) -> None:
    empty = NameVariants.empty()
    with pytest.raises(NotFound, match="no lists are loaded"):
        load_index(store, home=tmp_path, variants=empty)
    add(store, "Ismail Demir", "2024")
    first = load_index(store, home=tmp_path, variants=empty)
    (saved,) = (tmp_path / "index").glob("*.pickle")
    assert saved.stem == first.fingerprint
    again = load_index(store, home=tmp_path, variants=empty)
    assert again is not first and again.fingerprint == first.fingerprint
    add(store, "Ismail Demir Jr", "2025")
    changed = load_index(store, home=tmp_path, variants=empty)
    assert changed.fingerprint != first.fingerprint
    assert changed.entity(0).caption == "Ismail Demir Jr"


def test_index_built_on_two_cores_is_the_one_built_on_one(shared_data: Path) -> None:
    """The real SDN list of 2024-05-03: about 15,000 entries, 40,000 texts to analyse."""
    (fileset,) = discover(real_file(shared_data, "us_ofac/sdn_csv_2024-05-03")).sets
    entities = list(parse_set(fileset)[0].entities)
    variants = NameVariants.empty()
    one, two = (build_index(entities, variants, "f", workers=n) for n in (1, 2))
    assert len(one) > 14_000
    assert pickled_parts(one) == pickled_parts(two)


def test_workers_that_fail_leave_the_build_to_this_process(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class NoProcesses(ProcessPoolExecutor):
        def submit(self, *args: Any, **kwargs: Any) -> Any:
            raise OSError("no processes here")

    monkeypatch.setattr(indexing, "ProcessPoolExecutor", NoProcesses)
    builder = EntityBuilder("internal_watch", "1", "Person")
    builder.add_name("Ismail Demir")
    entities, variants = [builder.build()], NameVariants.empty()
    built = build_index(entities, variants, "f", workers=2)
    assert pickled_parts(built) == pickled_parts(build_index(entities, variants, "f"))
    assert "its workers failed (no processes here)" in caplog.text


def pickled_parts(index: ScreeningIndex) -> dict[str, bytes]:
    """Each part of the saved index, pickled on its own (strings shared between two
    parts may be stored once or twice)."""
    state = index.__getstate__()
    parts = {f"vocabulary.{k}": v for k, v in state.pop("vocabulary").__getstate__().items()}
    return {k: pickle.dumps(v, pickle.HIGHEST_PROTOCOL) for k, v in {**state, **parts}.items()}


@pytest.fixture
def collector() -> Iterator[None]:
    """Put the collector back as it was: `load_index` changes it for the whole process."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("collector")
def test_a_loaded_index_is_out_of_the_collectors_sight(store: Store, tmp_path: Path) -> None:
    add(store, "Ismail Demir", "2024")
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    index = load_index(store, home=tmp_path, variants=NameVariants.empty())
    # Frozen: the index's objects are in the permanent generation, walked by no pass.
    assert gc.get_freeze_count() > 0
    assert not any(o is index for o in gc.get_objects())
    # The caches screening fills are walked only by full collections, now rare.
    assert gc.get_threshold() == (700, 10, FULL_COLLECTION_EVERY)


def test_a_screening_process_asks_for_no_huge_pages_for_its_arrays(
    store: Store, tmp_path: Path
) -> None:
    multiarray = pytest.importorskip("numpy._core.multiarray")
    add(store, "Ismail Demir", "2024")
    multiarray._set_madvise_hugepage(True)
    try:
        load_index(store, home=tmp_path, variants=NameVariants.empty())
        assert multiarray._get_madvise_hugepage() is False
    finally:
        multiarray._set_madvise_hugepage(True)


def test_damaged_index_file_is_rebuilt(store: Store, tmp_path: Path) -> None:
    empty = NameVariants.empty()
    add(store, "Ismail Demir", "2024")
    first = load_index(store, home=tmp_path, variants=empty)
    path = tmp_path / "index" / f"{first.fingerprint}.pickle"
    path.write_bytes(path.read_bytes()[:100])
    rebuilt = load_index(store, home=tmp_path, variants=empty)
    assert rebuilt.ids == first.ids
    assert path.stat().st_size > 100


def test_the_fingerprint_follows_the_engine_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # An index built by other matching code must not be loaded: the fingerprint covers
    # the engine's source, not just a version number someone must remember to bump.
    import caveat.indexing as indexing
    from caveat.names.variants import NameVariants

    before = indexing.index_fingerprint([], NameVariants.empty())
    monkeypatch.setattr(indexing, "engine_digest", lambda: "other code")
    assert indexing.index_fingerprint([], NameVariants.empty()) != before
