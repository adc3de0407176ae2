"""Reading query files: each format, and each way a file can be damaged (issue #4)."""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from caveat.batch.readers import open_table
from caveat.batch.tables import Record
from caveat.exc import EncodingError, FormatError, SourceError

WANTED = {"id", "name", "country"}


def read(path: Path, fmt: str, wanted: set[str] = WANTED) -> list[Record]:
    return list(open_table(path, fmt).records(wanted))


def test_csv_columns_are_matched_without_regard_to_case(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("\ufeffID,Name,Notes\nc1,İsmail Demir,x\n", encoding="utf-8")
    table = open_table(path, "csv")
    assert table.columns == ["id", "name", "notes"]
    assert read(path, "csv") == [Record(2, {"id": "c1", "name": "İsmail Demir"})]


def test_csv_with_semicolons_gzip_blank_lines_and_trailing_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "in.csv.gz"
    text = "id;name;country\nc1;Рособоронэкспорт;RU;;\n\n;;\nc2;Almaz Antey\n"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    assert read(path, "csv") == [
        Record(2, {"id": "c1", "name": "Рособоронэкспорт", "country": "RU"}),
        Record(5, {"id": "c2", "name": "Almaz Antey", "country": ""}),
    ]


def test_csv_problems_name_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'id,name\nc1,"DEMIR,\nIsmail"\nc2,Jane,Roe,extra\nc3,"bad"quote\nc4,Almaz\nc5,"open\n',
        encoding="utf-8",
    )
    records = read(path, "csv")
    assert records[0] == Record(2, {"id": "c1", "name": "DEMIR,\nIsmail"})
    assert (records[1].position, records[1].error) == (4, "4 fields, the header has 2")
    assert records[2].position == 5 and "not valid CSV" in str(records[2].error)
    assert records[3] == Record(6, {"id": "c4", "name": "Almaz"})
    # An unclosed quote is an error, not a field that swallows the rest of the file.
    assert records[4].position == 7 and "unexpected end of data" in str(records[4].error)


def test_csv_in_another_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("id,name\nc1,Ismail\nc2,İsmail Demir\n".encode("iso-8859-9"))
    with pytest.raises(EncodingError, match=r"line 3.*not valid UTF-8"):
        open_table(path, "csv")


@pytest.mark.parametrize("text", ["\n\n", ",,\n"])
def test_an_empty_csv_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"empty|no column names"):
        open_table(path, "csv")


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cells, cells, cells), max_size=20))
def test_csv_round_trip(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Whatever csv writes (quotes, commas, newlines, any script), the reader gives back,
    stripped; rows with no text at all are skipped."""
    path = tmp_path / "round.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "country"])
        writer.writerows(rows)
    expected = [
        {"id": a.strip(), "name": b.strip(), "country": c.strip()}
        for a, b, c in rows
        if (a + b + c).strip() != ""
    ]
    assert [r.cells for r in read(path, "csv")] == expected


json_values = st.one_of(st.none(), st.booleans(), st.integers(), cells)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.dictionaries(st.sampled_from(["id", "name", "other"]), json_values), min_size=1
    )
)
def test_jsonl_round_trip(tmp_path: Path, rows: list[dict[str, object]]) -> None:
    path = tmp_path / "round.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(value).lower()
        return str(value).strip()

    expected = [{k: text(v) for k, v in r.items() if k in WANTED} for r in rows]
    assert [r.cells for r in read(path, "jsonl")] == expected


def test_jsonl_problems_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        {"ID": "c1", "Name": "İsmail Demir", "meta": {"source": "crm"}},  # unused: fine
        '{"id": "c2", "name": ',
        ["c3", "Almaz Antey"],
        {"id": "c4", "name": {"first": "Ismail", "last": "Demir"}},
        {"id": "c5", "name": ["SSB", "SSM"]},
        {"id": 6, "name": "Rosoboronexport", "country": None},
    ]
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    records = read(path, "jsonl")
    assert records[0] == Record(1, {"id": "c1", "name": "İsmail Demir"})
    assert records[1].position == 2 and "not valid JSON" in str(records[1].error)
    assert records[2].error == "a JSON object is needed, not a list"
    assert records[3].error == "field 'name' holds an object: give one value per field"
    assert records[4].error == "field 'name' holds a list: give one value per field"
    assert records[5] == Record(6, {"id": "6", "name": "Rosoboronexport", "country": ""})


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_values_read_as_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "in.xlsx",
        [
            ["Customer No", "Full Name", "DOB"],
            [10452.0, "DEMIR, Ismail", datetime.datetime(1960, 4, 1)],
            [None, None, None],
            [10453, "Рособоронэкспорт", None],
        ],
    )
    table = open_table(path, "xlsx")
    assert table.columns == ["customer no", "full name", "dob"]
    records = list(table.records({"customer no", "full name", "dob"}))
    assert records == [
        Record(2, {"customer no": "10452", "full name": "DEMIR, Ismail", "dob": "1960-04-01"}),
        Record(4, {"customer no": "10453", "full name": "Рособоронэкспорт", "dob": ""}),
    ]


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["id", "name"], ["c1", "Almaz Antey"]])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(FormatError, match="not a readable XLSX workbook"):
        open_table(cut, "xlsx")


def test_garbled_xlsx_is_refused(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["id", "name"], ["c1", "Almaz Antey"]])
    garbled = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(garbled, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2] + b"<<garbage"
            target.writestr(item, data)
    with pytest.raises(FormatError, match="not a readable XLSX workbook"):
        list(open_table(garbled, "xlsx").records({"id", "name"}))


def test_a_csv_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("id,name\nc1,x\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not a readable XLSX workbook"):
        open_table(path, "xlsx")


def write_parquet(path: Path, table: pa.Table) -> Path:
    pq.write_table(table, path)
    return path


def test_parquet_reads_only_the_wanted_columns(tmp_path: Path) -> None:
    table = pa.table(
        {
            "ID": pa.array([27018, 18782], pa.int64()),
            "Name": ["DEMIR, Ismail", None],
            "dob": pa.array([datetime.date(1960, 4, 1), None], pa.date32()),
            "tags": pa.array([["a"], []], pa.list_(pa.string())),  # nested, not wanted
        }
    )
    path = write_parquet(tmp_path / "in.parquet", table)
    opened = open_table(path, "parquet")
    assert opened.columns == ["id", "name", "dob", "tags"] and opened.total == 2
    assert list(opened.records({"id", "name", "dob"})) == [
        Record(1, {"id": "27018", "name": "DEMIR, Ismail", "dob": "1960-04-01"}),
        Record(2, {"id": "18782", "name": "", "dob": ""}),
    ]
    with pytest.raises(FormatError, match=r"column 'tags' holds list<.*one value per field"):
        list(opened.records({"tags"}))


def test_truncated_parquet_is_refused(tmp_path: Path) -> None:
    whole = write_parquet(tmp_path / "whole.parquet", pa.table({"id": ["c1"], "name": ["x"]}))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:-20])
    with pytest.raises(FormatError, match="not a readable Parquet file"):
        open_table(cut, "parquet")


def test_parquet_damaged_inside_is_refused_naming_the_row(tmp_path: Path) -> None:
    names = [f"customer {i:05d} {'x' * (i % 7)}" for i in range(20_000)]
    buffer = io.BytesIO()
    pq.write_table(
        pa.table({"id": [str(i) for i in range(20_000)], "name": names}),
        buffer,
        compression="snappy",
        row_group_size=5_000,
    )
    data = bytearray(buffer.getvalue())
    # Overwrite the middle of the data pages, leaving the footer (the schema) intact.
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096
    path = tmp_path / "damaged.parquet"
    path.write_bytes(bytes(data))
    with pytest.raises(FormatError, match="damaged after row"):
        list(open_table(path, "parquet").records({"id", "name"}))
