"""Screening a whole file: read queries, screen them on every core, write the hits.

Input is CSV with the header ``id,name,schema,birth_date,country,id_number`` (only
``id`` and ``name`` are required; names are matched without regard to case). A row that
cannot be screened is reported with its line number and skipped; the rest still runs.
Output has one row per hit, in input order.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caveat.exc import CaveatError, FormatError
from caveat.match.evidence import QueryFacts
from caveat.match.scoring import QueryName
from caveat.screen import Query, Screener
from caveat.sources.reading import read_source

__all__ = ["OUTPUT_COLUMNS", "BatchReport", "RowProblem", "read_queries", "run_batch"]

OUTPUT_COLUMNS = (
    "query_id", "query_name", "list", "source_id", "entity_id", "caption", "schema",
    "matched_name", "score", "explanation",
)  # fmt: skip
INPUT_COLUMNS = ("id", "name", "schema", "birth_date", "country", "id_number")
CHUNK = 256

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


@dataclass
class BatchReport:
    rows: int = 0
    hits: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class QueryRow:
    """A row checked and analysed once, when the file is read."""

    line: int
    id: str
    query: Query
    names: list[QueryName]
    facts: QueryFacts


def read_queries(path: Path) -> tuple[list[QueryRow], list[RowProblem]]:
    """Read and check the input rows.

    Raises:
        FormatError: when the file lacks the ``id`` or ``name`` column.
    """
    text = read_source(path).text("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(str(path), "the file is empty") from None
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    missing = [c for c in ("id", "name") if c not in columns]
    if missing:
        raise FormatError(
            str(path),
            f"missing column(s) {', '.join(missing)}: the header must include "
            f"{', '.join(INPUT_COLUMNS)} (only id and name are required)",
            line=1,
        )
    rows: list[QueryRow] = []
    problems: list[RowProblem] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(RowProblem(line, f"{len(cells)} fields, the header has {len(header)}"))
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            position = columns.get(name)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        query = Query(
            names=[cell("name")],
            schema=cell("schema") or "Thing",
            birth_dates=[cell("birth_date")] if cell("birth_date") else [],
            countries=[cell("country")] if cell("country") else [],
            identifiers=[cell("id_number")] if cell("id_number") else [],
        )
        try:
            names, facts = query.checked()
        except CaveatError as exc:
            problems.append(RowProblem(line, exc.message))
            continue
        rows.append(QueryRow(line, cell("id"), query, names, facts))
    return rows, problems


# The screener each worker process uses; set before the pool forks.
_screener: Screener | None = None
_options: tuple[float, int] = (0.7, 5)


def _screen_chunk(chunk: list[QueryRow]) -> list[tuple[int, list[list[str]]]]:
    assert _screener is not None
    threshold, limit = _options
    out = []
    for row in chunk:
        hits = _screener.screen_checked(
            row.names, row.facts, row.query.schema, threshold=threshold, limit=limit
        )
        out.append(
            (
                row.line,
                [
                    [
                        row.id,
                        row.query.names[0],
                        h.entity.list_id,
                        h.entity.source_id,
                        h.entity.id,
                        h.entity.caption,
                        h.entity.schema,
                        h.matched_name,
                        f"{h.score:.4f}",
                        h.explanation.summary(),
                    ]
                    for h in hits
                ],
            )
        )
    return out


def _chunks(rows: list[QueryRow]) -> Iterator[list[QueryRow]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def run_batch(
    source: Path,
    output: Path,
    screener: Screener,
    *,
    threshold: float = 0.7,
    limit: int = 5,
    workers: int = 0,
    progress: Progress | None = None,
) -> BatchReport:
    """Screen every row of ``source`` into ``output`` (written whole, then renamed)."""
    global _screener, _options
    started = time.perf_counter()
    rows, problems = read_queries(source)
    report = BatchReport(problems=problems)
    processes = workers if workers > 0 else (os.cpu_count() or 1)
    _screener, _options = screener, (threshold, limit)
    partial = output.with_name(output.name + ".part")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_COLUMNS)
        if processes > 1 and len(rows) > CHUNK:
            context = multiprocessing.get_context("fork")
            with context.Pool(processes) as pool:
                results = pool.imap(_screen_chunk, _chunks(rows))
                _write(results, writer, report, len(rows), progress)
        else:
            _write(map(_screen_chunk, _chunks(rows)), writer, report, len(rows), progress)
    os.replace(partial, output)
    report.seconds = time.perf_counter() - started
    return report


def _write(
    results: Iterator[list[tuple[int, list[list[str]]]]],
    writer: Any,
    report: BatchReport,
    total: int,
    progress: Progress | None,
) -> None:
    for chunk in results:
        for _line, hit_rows in chunk:
            writer.writerows(hit_rows)
            report.rows += 1
            report.hits += len(hit_rows)
        if progress is not None:
            progress(report.rows, total)
