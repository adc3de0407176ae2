"""Query file readers: one `Table` class per format, gathered in `READERS`.

Text formats (CSV, JSON lines; gzip or not) must be UTF-8. A damaged record is yielded
as an error and the rest is read; a file that is not the format it claims, or is
truncated where that cannot be read past, raises a `FormatError` naming it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from caveat.batch.tables import Record, Table, cell_text, header_names
from caveat.exc import FormatError
from caveat.sources.reading import read_source

__all__ = ["READERS", "CsvTable", "JsonLinesTable", "ParquetTable", "XlsxTable", "open_table"]

DELIMITERS = ",;\t|"
JSON_SAMPLE_LINES = 1000
PARQUET_BATCH = 8192


class CsvTable(Table):
    """CSV with a header row. The delimiter (comma, semicolon, tab or bar) is the one
    the header uses most; a row with more fields than the header is refused."""

    format = "csv"

    def __init__(self, path: Path) -> None:
        text = read_source(path).text("utf-8")
        first = text.split("\n", 1)[0]
        self.delimiter = max(DELIMITERS, key=first.count)
        self._text = text
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter, strict=True)
        try:
            header = header_names(str(path), next(reader))
        except StopIteration:
            raise FormatError(str(path), "the file is empty") from None
        except csv.Error as exc:
            raise FormatError(str(path), f"unreadable header: {exc}", line=1) from None
        self._skip = reader.line_num
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        super().__init__(str(path), header, total=max(lines - self._skip, 0))

    def records(self, wanted: Collection[str]) -> Iterator[Record]:
        reader = csv.reader(
            io.StringIO(self._text, newline=""), delimiter=self.delimiter, strict=True
        )
        for _ in range(self._skip):
            next(reader)
        width = len(self.columns)
        picks = [(c, i) for i, c in enumerate(self.columns) if c in wanted]
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Record(start, None, f"not valid CSV: {exc}")
                continue
            if len(cells) > width:
                if not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]  # trailing empty cells, as spreadsheets export
                else:
                    yield Record(start, None, f"{len(cells)} fields, the header has {width}")
                    continue
            if not any(c.strip() for c in cells):
                continue
            count = len(cells)
            yield Record(start, {c: cells[i].strip() if i < count else "" for c, i in picks})


class JsonLinesTable(Table):
    """One JSON object per line. Its columns are the keys seen in the first lines; a
    key a line lacks reads as empty. A wanted field holding an object or a list is
    refused (one value per field)."""

    format = "jsonl"

    def __init__(self, path: Path) -> None:
        self._lines = read_source(path).text("utf-8").splitlines()
        keys: dict[str, None] = {}
        for line in self._lines[:JSON_SAMPLE_LINES]:
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                keys.update((str(k).strip().lower(), None) for k in value)
        total = sum(1 for line in self._lines if line.strip() != "")
        super().__init__(str(path), list(keys), total=total)

    def records(self, wanted: Collection[str]) -> Iterator[Record]:
        for number, line in enumerate(self._lines, start=1):
            if line.strip() == "":
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(number, None, f"not valid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(value, dict):
                yield Record(number, None, f"a JSON object is needed, not {_json_type(value)}")
                continue
            cells: dict[str, str] = {}
            nested = None
            for key, item in value.items():
                column = str(key).strip().lower()
                if column not in wanted:
                    continue
                if isinstance(item, dict | list):
                    nested = f"field {key!r} holds {_json_type(item)}: give one value per field"
                    break
                cells[column] = cell_text(item)
            if nested is not None:
                yield Record(number, None, nested)
            else:
                yield Record(number, cells)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "null")


class XlsxTable(Table):
    """The first sheet of a workbook; row 1 is the header. Cells are read as values
    (formulas give their last computed result)."""

    format = "xlsx"
    unit = "row"

    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook

        try:
            self._book = load_workbook(path, read_only=True, data_only=True)
            sheet = self._book.worksheets[0]
            self._rows = sheet.iter_rows(values_only=True)
            first = next(self._rows, None)
        except Exception as exc:  # openpyxl meets damage with many exception types
            raise _xlsx_error(path, exc) from exc
        if first is None:
            self._book.close()
            raise FormatError(str(path), "the first sheet is empty")
        total = sheet.max_row - 1 if isinstance(sheet.max_row, int) else None
        super().__init__(str(path), header_names(str(path), first), total=total)

    def records(self, wanted: Collection[str]) -> Iterator[Record]:
        picks = [(c, i) for i, c in enumerate(self.columns) if c in wanted]
        number = 1
        try:
            for number, values in enumerate(self._rows, start=2):
                count = len(values)
                cells = {c: cell_text(values[i]) if i < count else "" for c, i in picks}
                if any(cells.values()) or any(v is not None for v in values):
                    yield Record(number, cells)
        except Exception as exc:  # as above: damage deep in the sheet
            raise _xlsx_error(Path(self.name), exc, after=number) from exc
        finally:
            self._book.close()


def _xlsx_error(path: Path, exc: Exception, after: int | None = None) -> FormatError:
    where = "" if after is None else f" after row {after}"
    return FormatError(
        str(path), f"not a readable XLSX workbook{where}: {type(exc).__name__}: {exc}"
    )


class ParquetTable(Table):
    """A Parquet file, read a batch at a time and only in the wanted columns. Those
    columns must hold single values (strings, numbers, dates), not lists or structs."""

    format = "parquet"
    unit = "row"

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as exc:
            raise FormatError(str(path), f"not a readable Parquet file: {exc}") from exc
        schema = self._file.schema_arrow
        self._fields = {f.name.strip().lower(): f for f in schema}
        total = self._file.metadata.num_rows
        super().__init__(str(path), [f.name.strip().lower() for f in schema], total=total)

    def records(self, wanted: Collection[str]) -> Iterator[Record]:
        import pyarrow as pa

        fields = [self._fields[c] for c in self.columns if c in wanted]
        for field in fields:
            if pa.types.is_nested(field.type):
                raise FormatError(
                    self.name,
                    f"column {field.name!r} holds {field.type} values: give one value per field",
                )
        names = [f.name.strip().lower() for f in fields]
        number = 0
        try:
            for batch in self._file.iter_batches(
                batch_size=PARQUET_BATCH, columns=[f.name for f in fields]
            ):
                columns = [[cell_text(v) for v in column.to_pylist()] for column in batch.columns]
                for values in zip(*columns, strict=True):
                    number += 1
                    yield Record(number, dict(zip(names, values, strict=True)))
        except (pa.ArrowException, OSError) as exc:
            raise FormatError(self.name, f"damaged after row {number}: {exc}") from exc


READERS: dict[str, Callable[[Path], Table]] = {
    "csv": CsvTable,
    "jsonl": JsonLinesTable,
    "xlsx": XlsxTable,
    "parquet": ParquetTable,
}


def open_table(path: Path, fmt: str) -> Table:
    """Open a query file and read its column names.

    Args:
        path: The file.
        fmt: One of `caveat.batch.tables.FORMATS`.

    Raises:
        SourceError: the file cannot be read, is not valid UTF-8 (text formats), or is
            not the format it claims to be.
    """
    return READERS[fmt](path)
