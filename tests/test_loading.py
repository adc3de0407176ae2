"""Loading files into the store, including every kind of bad input: the previously
active version stays active and nothing partial is stored."""

from __future__ import annotations

import gc
import gzip
import shutil
from pathlib import Path

import pytest

from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.loading import load_path
from caveat.store import Store
from tests.conftest import real_file

UN = "un_sc/consolidated_2026-02-27/consolidated.xml.gz"


@pytest.fixture
def un_loaded(shared_data: Path, store: Store, tmp_path: Path) -> Path:
    """The real UN list loaded once, from a copy in a temporary folder."""
    folder = tmp_path / "un_2026-02-27"
    folder.mkdir()
    shutil.copy(real_file(shared_data, UN), folder / "consolidated.xml.gz")
    report = load_path(store, folder)
    assert report.ok, [o.error for o in report.failed]
    return folder


def replace_un(folder: Path, data: bytes) -> Path:
    (folder / "consolidated.xml.gz").unlink()
    path = folder / "consolidated.xml"
    path.write_bytes(data)
    return path


def un_bytes(shared_data: Path) -> bytes:
    return gzip.decompress(real_file(shared_data, UN).read_bytes())


def assert_untouched(store: Store, before_versions: int, active_id: int) -> None:
    assert store.count_versions() == before_versions
    assert store.version("un_sc").id == active_id
    assert store.events(1)[0].action == "failed"


def load_bad(store: Store, path: Path, error: type[SourceError]) -> SourceError:
    before, active = store.count_versions(), store.version("un_sc").id
    report = load_path(store, path)
    (failure,) = report.failed
    assert isinstance(failure.error, error), failure.error
    assert str(path) in failure.error.message
    assert_untouched(store, before, active)
    return failure.error


def test_truncated_xml_names_file_and_line(
    shared_data: Path, store: Store, un_loaded: Path
) -> None:
    path = replace_un(un_loaded, un_bytes(shared_data)[:200_000])
    error = load_bad(store, path, FormatError)
    assert error.line is not None and error.line > 1000
    assert "truncated" in error.message


def test_external_entity_is_refused_not_resolved(
    store: Store, un_loaded: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>&leak;</FIRST_NAME><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    ).encode()
    error = load_bad(store, replace_un(un_loaded, xml), UnsafeXMLError)
    assert error.line == 2
    assert all("TOP SECRET" not in e.caption for e in store.active_entities())


def test_entity_expansion_bomb_is_refused(store: Store, un_loaded: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY l0 "lol">{lol}]>\n'
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&l9;</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    ).encode()
    load_bad(store, replace_un(un_loaded, xml), UnsafeXMLError)


def test_non_utf8_text_is_reported_with_its_line(
    shared_data: Path, store: Store, un_loaded: Path
) -> None:
    data = un_bytes(shared_data).replace(b"<FIRST_NAME>ERIC", b"<FIRST_NAME>\xc9RIC", 1)
    error = load_bad(store, replace_un(un_loaded, data), SourceError)
    assert isinstance(error, EncodingError | FormatError)
    assert error.line is not None and error.line > 1


def test_empty_file_is_refused(store: Store, un_loaded: Path) -> None:
    path = replace_un(un_loaded, b"")
    with pytest.raises(EmptyFileError, match="is empty"):
        load_path(store, path)
    assert store.count_versions() == 1


def test_file_not_in_the_format_it_claims(store: Store, un_loaded: Path) -> None:
    path = replace_un(un_loaded, b"id;name\n1;not xml at all\n")
    with pytest.raises(FormatError, match="not in a list format"):
        load_path(store, path)


def test_csv_with_missing_columns(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ofac"
    folder.mkdir()
    (folder / "sdn.csv").write_bytes(b'27018,"DEMIR, Ismail","individual"\r\n\x1a')
    report = load_path(store, folder)
    (failure,) = report.failed
    assert isinstance(failure.error, FormatError)
    assert "sdn.csv" in failure.error.message and "line 1" in failure.error.message
    assert store.count_versions() == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_one_bad_list_does_not_stop_the_others(
    shared_data: Path, store: Store, tmp_path: Path, workers: int
) -> None:
    good = tmp_path / "lists" / "un_2026-02-27"
    bad = tmp_path / "lists" / "ofac_2024-05-03"
    good.mkdir(parents=True)
    bad.mkdir(parents=True)
    shutil.copy(real_file(shared_data, UN), good / "consolidated.xml.gz")
    (bad / "sdn.csv").write_bytes(b'1,"X"\r\n')
    report = load_path(store, tmp_path / "lists", workers=workers)
    (failure,) = report.failed
    # Parsed in another process, the error comes back as itself.
    assert isinstance(failure.error, FormatError)
    assert "sdn.csv" in failure.error.message and "line 1" in failure.error.message
    assert failure.error.to_dict()["error"] == "FormatError"
    assert [v.list_id for v in store.lists()] == ["un_sc"]
    assert gc.isenabled()  # the collector runs again once loading is done


def test_sets_parsed_in_parallel_are_stored_as_in_one_process(
    shared_data: Path, tmp_path: Path
) -> None:
    ofac = real_file(shared_data, "us_ofac")
    stored = []
    for workers in (1, 2):
        store = Store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        report = load_path(store, ofac, workers=workers)
        assert report.ok, [o.error for o in report.failed]
        versions = [(v.list_id, v.content_hash, v.entity_count) for v in store.versions()]
        bodies = {e.id: e.content_hash for v in store.lists() for e in store.entities(v.id)}
        stored.append((versions, bodies))
    assert stored[0] == stored[1]
    assert len(stored[0][0]) == 5 and len(stored[0][1]) > 15_000
    # Each list's versions were stored in their own date order, the newest active.
    for listed in store.lists():
        versions = [v for v in store.versions() if v.list_id == listed.list_id]
        dates = [
            v.publish_date or v.snapshot_date or "" for v in sorted(versions, key=lambda v: v.id)
        ]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
        assert listed.id == max(v.id for v in versions)


def test_incomplete_ofac_set_is_skipped_with_a_warning(shared_data: Path, store: Store) -> None:
    aux = real_file(shared_data, "us_ofac/sdn_csv_aux_2026-06")
    report = load_path(store, aux)
    assert report.outcomes == []
    (warning,) = report.skipped
    assert "incomplete" in warning and "primary" in warning
