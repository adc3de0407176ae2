"""Format names and cell text shared by every reader (issue #4)."""

from __future__ import annotations

import datetime
import decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.batch.tables import cell_text, detect_format, header_names
from caveat.exc import FormatError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("book.csv", "csv"),
        ("book.CSV.gz", "csv"),
        ("book.tsv", "csv"),
        ("book.xlsx", "xlsx"),
        ("book.jsonl", "jsonl"),
        ("book.ndjson.gz", "jsonl"),
        ("book.parquet", "parquet"),
    ],
)
def test_format_follows_the_file_name(name: str, expected: str) -> None:
    assert detect_format(Path(name)) == expected


def test_a_named_format_wins_and_an_unknown_one_is_refused() -> None:
    assert detect_format(Path("export.dat"), "parquet") == "parquet"
    with pytest.raises(FormatError, match="cannot tell the format"):
        detect_format(Path("export.dat"))
    with pytest.raises(FormatError, match="unknown format 'xls'"):
        detect_format(Path("book.xls"), "xls")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12345.0, "12345"),  # a customer number a spreadsheet stored as a float
        (0.5, "0.5"),
        (float("nan"), ""),
        (True, "true"),
        (datetime.datetime(1960, 4, 1), "1960-04-01"),
        (datetime.datetime(1960, 4, 1, 12, 30), "1960-04-01T12:30:00"),
        (datetime.date(1952, 10, 7), "1952-10-07"),
        (decimal.Decimal("27018.00"), "27018"),
        (b"DEMIR, Ismail", "DEMIR, Ismail"),
        ("  İsmail Demir ", "İsmail Demir"),
    ],
)
def test_cell_text_reads_like_a_csv_cell(value: object, text: str) -> None:
    assert cell_text(value) == text


@given(st.text())
def test_cell_text_of_text_is_the_text_stripped(value: str) -> None:
    assert cell_text(value) == value.strip()


def test_header_names_are_lower_cased_and_an_empty_header_refused() -> None:
    assert header_names("f.csv", ["ID", " Full Name ", None]) == ["id", "full name", ""]
    with pytest.raises(FormatError, match="no column names"):
        header_names("f.csv", ["", None])
