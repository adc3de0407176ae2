"""Result file writers: CSV, JSON lines, XLSX and Parquet, from rows of text.

Rows arrive as the journal holds them, all text; ``score`` becomes a number in the
formats that have types. Writers write where they are told: `caveat.batch.run` gives
them a temporary name and renames the file once it is complete.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from caveat.batch.tables import FORMATS
from caveat.exc import FormatError

__all__ = ["WRITERS", "write_table"]

XLSX_MAX_ROWS = 1_048_576  # a sheet's limit, header included
PARQUET_BATCH = 65_536

Rows = Iterable[Sequence[str]]


def write_table(rows: Rows, columns: Sequence[str], path: Path, fmt: str) -> None:
    """Write result rows with a header (or field names) in the given format.

    Args:
        rows: Text rows, in the order of ``columns``.
        columns: The column names.
        path: Where to write (replaced if it exists).
        fmt: One of `caveat.batch.tables.FORMATS`.

    Raises:
        FormatError: for an unknown format.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise FormatError(str(path), f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    writer(rows, columns, path)


def _typed(columns: Sequence[str], row: Sequence[str]) -> list[Any]:
    return [float(v) if c == "score" else v for c, v in zip(columns, row, strict=True)]


def write_csv(rows: Rows, columns: Sequence[str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def write_jsonl(rows: Rows, columns: Sequence[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = dict(zip(columns, _typed(columns, row), strict=True))
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_xlsx(rows: Rows, columns: Sequence[str], path: Path) -> None:
    """Sheets named ``hits``, ``hits 2``, ... of at most a million rows each. Text that
    starts with ``=`` stays text: a name in a customer file never becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet: Any = None
    used = XLSX_MAX_ROWS
    for row in rows:
        if used >= XLSX_MAX_ROWS:
            sheet = book.create_sheet(
                "hits" if sheet is None else f"hits {len(book.worksheets) + 1}"
            )
            sheet.append(list(columns))
            used = 1
        cells = []
        for value in _typed(columns, row):
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        used += 1
    if sheet is None:
        book.create_sheet("hits").append(list(columns))
    book.save(path)


def write_parquet(rows: Rows, columns: Sequence[str], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = [pa.float64() if c == "score" else pa.string() for c in columns]
    fields = [pa.field(c, t, nullable=False) for c, t in zip(columns, types, strict=True)]
    schema = pa.schema(fields)
    score = columns.index("score") if "score" in columns else -1

    def table(batch: list[Sequence[str]]) -> Any:
        data = [
            [float(r[i]) for r in batch] if i == score else [r[i] for r in batch]
            for i in range(len(columns))
        ]
        return pa.Table.from_arrays(
            [pa.array(values, type=f.type) for values, f in zip(data, schema, strict=True)],
            schema=schema,
        )

    with pq.ParquetWriter(path, schema) as writer:
        batch: list[Sequence[str]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(table(batch))
                batch = []
        writer.write_table(table(batch))


WRITERS: dict[str, Callable[[Rows, Sequence[str], Path], None]] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "xlsx": write_xlsx,
    "parquet": write_parquet,
}
