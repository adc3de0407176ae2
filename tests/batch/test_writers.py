"""Writing result files in every format, read back by their own libraries (issue #4)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from caveat.batch import writers
from caveat.batch.rows import OUTPUT_COLUMNS
from caveat.batch.writers import write_table
from caveat.exc import FormatError

ROWS = [
    [
        "c1", "İsmail Demir", "us_ofac_sdn", "27018", "us_ofac_sdn-27018", "DEMIR, Ismail",
        "Person", "DEMIR, Ismail", "0.9512", "'İsmail Demir' ~ 'DEMIR, Ismail' (name)",
    ],
    [
        "c2", "=HYPERLINK(\"x\")", "un_sc", "KPe.001", "un_sc-KPe.001", "Рособоронэкспорт, \"OAO\"",
        "Organization", "Рособоронэкспорт", "0.7000", "line one\nline two",
    ],
]  # fmt: skip


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "hits.csv"
    write_table(ROWS, OUTPUT_COLUMNS, path, "csv")
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [list(OUTPUT_COLUMNS), *ROWS]


def test_jsonl_has_numeric_scores(tmp_path: Path) -> None:
    path = tmp_path / "hits.jsonl"
    write_table(ROWS, OUTPUT_COLUMNS, path, "jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["score"] for r in records] == [0.9512, 0.7]
    assert records[1]["caption"] == 'Рособоронэкспорт, "OAO"'


def test_parquet_has_numeric_scores(tmp_path: Path) -> None:
    path = tmp_path / "hits.parquet"
    write_table(ROWS, OUTPUT_COLUMNS, path, "parquet")
    table = pq.read_table(path)
    assert table.column_names == list(OUTPUT_COLUMNS)
    assert table.column("score").to_pylist() == [0.9512, 0.7]
    assert table.column("explanation").to_pylist()[1] == "line one\nline two"


def test_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hits.xlsx"
    write_table(ROWS, OUTPUT_COLUMNS, path, "xlsx")
    sheet = load_workbook(path).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == list(OUTPUT_COLUMNS)
    assert values[1][8] == 0.9512
    assert sheet.cell(3, 2).data_type == "s" and values[2][1] == '=HYPERLINK("x")'


def test_xlsx_goes_on_to_a_new_sheet_when_one_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 2)  # the header and one row
    path = tmp_path / "hits.xlsx"
    write_table(ROWS, OUTPUT_COLUMNS, path, "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["hits", "hits 2"]
    assert [book[name].cell(2, 1).value for name in book.sheetnames] == ["c1", "c2"]


def test_no_hits_still_gives_files_with_the_columns(tmp_path: Path) -> None:
    for fmt in ("csv", "jsonl", "parquet", "xlsx"):
        write_table([], OUTPUT_COLUMNS, tmp_path / f"hits.{fmt}", fmt)
    assert (tmp_path / "hits.csv").read_text().strip() == ",".join(OUTPUT_COLUMNS)
    assert (tmp_path / "hits.jsonl").read_text() == ""  # no record, no line
    assert pq.read_table(tmp_path / "hits.parquet").column_names == list(OUTPUT_COLUMNS)
    header = next(load_workbook(tmp_path / "hits.xlsx").worksheets[0].iter_rows(values_only=True))
    assert header == OUTPUT_COLUMNS


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="unknown format"):
        write_table(ROWS, OUTPUT_COLUMNS, tmp_path / "hits.xls", "xls")
