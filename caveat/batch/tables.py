"""What every query file reader shares: records, the table base, format names, cell text.

A reader yields `Record`s: the record's position in the file (a line for text formats, a
row for spreadsheets and Parquet) and its cells keyed by lower-cased column name. A
record the reader cannot make sense of carries an error instead of cells, so that the
caller reports it and goes on.
"""

from __future__ import annotations

import datetime
import decimal
import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from caveat.exc import FormatError

__all__ = ["FORMATS", "Record", "Table", "cell_text", "detect_format", "header_names"]

FORMATS = ("csv", "xlsx", "jsonl", "parquet")
SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


@dataclass(frozen=True, slots=True)
class Record:
    """One input record: where it is, and its cells or why it could not be read."""

    position: int
    cells: dict[str, str] | None
    error: str | None = None

    def __reduce__(self) -> tuple[type[Record], tuple[int, dict[str, str] | None, str | None]]:
        # A third of the default's cost: records cross to the batch workers in pickles.
        return (Record, (self.position, self.cells, self.error))


class Table:
    """An open query file: its column names (lower-cased) and, on demand, its records.

    Subclasses read one format each; `caveat.batch.readers.open_table` picks one.
    """

    format: ClassVar[str] = ""
    unit: ClassVar[str] = "line"  # what a record's position counts

    def __init__(self, name: str, columns: Sequence[str], total: int | None) -> None:
        self.name = name
        self.columns = list(columns)
        self.total = total  # the number of records, when it is cheap to know

    def records(self, wanted: Collection[str]) -> Iterator[Record]:
        """The records in file order, with cells for the ``wanted`` columns only (once:
        a workbook is closed when its records are done).

        Args:
            wanted: Lower-cased column names, as in `columns`.
        """
        raise NotImplementedError


def detect_format(path: Path, explicit: str | None = None) -> str:
    """The format named, or the one the file name implies (``.gz`` is looked past).

    Args:
        path: The file.
        explicit: A format the user named (``--format``), which wins.

    Raises:
        FormatError: for an unknown format, or a name that implies none.
    """
    if explicit is not None:
        if explicit not in FORMATS:
            raise FormatError(str(path), f"unknown format {explicit!r} (use {', '.join(FORMATS)})")
        return explicit
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    found = SUFFIXES.get(suffixes[-1]) if suffixes else None
    if found is None:
        raise FormatError(
            str(path),
            "cannot tell the format from the file name: use a .csv, .xlsx, .jsonl or .parquet "
            "name, or name the format (--format, --output-format)",
        )
    return found


def cell_text(value: Any) -> str:
    """A spreadsheet, JSON or Parquet value as the text a CSV cell would have held.

    Whole numbers lose their ``.0`` (spreadsheets store customer numbers as floats) and
    midnight timestamps become dates.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip()
    return str(value).strip()


def header_names(name: str, values: Sequence[Any]) -> list[str]:
    """Column names from a header row, lower-cased.

    Raises:
        FormatError: when the row names no column at all.
    """
    columns = [cell_text(v).lower() for v in values]
    if not any(columns):
        raise FormatError(name, "the first row holds no column names", line=1)
    return columns
