"""From records to queries and from hits to rows, on real lists (issue #4)."""

from __future__ import annotations

import pytest

from caveat.batch.rows import (
    OUTPUT_COLUMNS,
    Settings,
    record_query,
    resolve_columns,
    screen_records,
)
from caveat.batch.tables import Record
from caveat.exc import FormatError
from caveat.screen import Screener


def test_columns_read_their_own_names_unless_mapped() -> None:
    present = ["customerno", "full name", "dob", "country"]
    mapping = {"id": "CustomerNo", "name": "Full Name", "birth_date": "DOB"}
    assert resolve_columns("f.csv", present, mapping) == {
        "id": "customerno",
        "name": "full name",
        "birth_date": "dob",
        "country": "country",
    }


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(FormatError, match=r"unknown field.*'nmae'.*fields: id, name"):
        resolve_columns("f.csv", ["id", "name"], {"nmae": "Full Name"})


def test_missing_id_or_name_columns_are_named_with_the_columns_present() -> None:
    message = (
        r"f.csv, line 1: missing name \(column 'name'\): the file has 'id', 'full_name'; "
        r"map columns with --column"
    )
    with pytest.raises(FormatError, match=message):
        resolve_columns("f.csv", ["id", "full_name"], {})
    with pytest.raises(FormatError, match=r"missing birth_date \(column 'geburtsdatum'\)"):
        resolve_columns("f.csv", ["id", "name"], {"birth_date": "Geburtsdatum"})


def test_a_column_named_twice_is_refused_when_used() -> None:
    assert resolve_columns("f.csv", ["id", "name", "x", "x"], {}) == {"id": "id", "name": "name"}
    with pytest.raises(FormatError, match="names column\\(s\\) 'name' more than once"):
        resolve_columns("f.csv", ["id", "name", "name"], {})


def test_record_query_takes_schema_names_in_any_case() -> None:
    columns = {f: f for f in ("id", "name", "schema", "birth_date", "country", "id_number")}
    key, query = record_query(
        {"id": "c1", "name": "İsmail Demir", "schema": "person", "birth_date": "1960-04-01"},
        columns,
    )
    assert key == "c1" and query.schema == "Person"
    assert query.birth_dates == ["1960-04-01"] and query.countries == []


def test_screen_records_gives_rows_or_the_problem(screener: Screener) -> None:
    columns = {f: f for f in ("id", "name", "schema", "birth_date")}
    settings = Settings(columns, 0.7, 5)
    listed = screener.index.names_of(0)[0].text
    records = [
        Record(2, {"id": "c1", "name": listed, "schema": ""}),
        Record(3, {"id": "c2", "name": "", "schema": ""}),
        Record(4, {"id": "c3", "name": "Anna Lindqvist", "schema": "Spaceship"}),
        Record(5, {"id": "c4", "name": "Anna Lindqvist", "birth_date": "1960-02-31"}),
        Record(6, {"id": "", "name": listed}),
        Record(7, None, "4 fields, the header has 2"),
    ]
    outcomes = screen_records(screener, records, settings)
    assert [o[0] for o in outcomes] == [2, 3, 4, 5, 6, 7]
    _, rows, problem = outcomes[0]
    assert problem is None and rows and len(rows[0]) == len(OUTPUT_COLUMNS)
    hit = dict(zip(OUTPUT_COLUMNS, rows[0], strict=True))
    assert hit["query_id"] == "c1" and hit["entity_id"] == screener.index.ids[0]
    assert float(hit["score"]) >= 0.7 and hit["explanation"] != ""
    problems = [o[2] for o in outcomes[1:]]
    assert problems[0] is not None and problems[0].startswith("a query needs a name")
    assert problems[1] is not None and problems[1].startswith("unknown schema 'Spaceship'")
    assert problems[2] is not None and "1960-02-31" in problems[2]
    assert problems[3:] == ["the id is empty", "4 fields, the header has 2"]
