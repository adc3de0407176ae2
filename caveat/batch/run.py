"""Screening a whole file, resumable after the process is killed.

Records are read as a stream in chunks, screened by an engine (`caveat.batch.local` on
every core here, or `caveat.batch.spark`) and appended in input order to the journal,
which is checkpointed every few seconds. The output file appears only when every record
is done: it is written under a temporary name and renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from caveat.batch.journal import Journal, file_digest
from caveat.batch.local import local_outcomes, worker_count
from caveat.batch.readers import open_table
from caveat.batch.rows import OUTPUT_COLUMNS, Outcome, Settings, resolve_columns
from caveat.batch.tables import Record, Table, detect_format
from caveat.batch.writers import write_table
from caveat.exc import QueryError, SourceError
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.screen import Screener

__all__ = ["CHECKPOINT_SECONDS", "ENGINES", "BatchReport", "RowProblem", "run_batch"]

CHUNK = 256
CHECKPOINT_SECONDS = 5.0
ENGINES = ("local", "spark")

OnProgress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class RowProblem:
    """A record that was not screened: its line (or row) and why."""

    position: int
    message: str


@dataclass
class BatchReport:
    """What a batch did. Counts cover the whole job, including records an interrupted
    run had done (``resumed_at`` of them)."""

    rows: int = 0
    hits: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    seconds: float = 0.0
    resumed_at: int = 0
    unit: str = "line"

    @property
    def rate(self) -> float:
        """Records per second done by this run."""
        done = self.rows + len(self.problems) - self.resumed_at
        return done / self.seconds if self.seconds > 0 else 0.0


def run_batch(
    source: Path,
    output: Path,
    screener: Screener,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 5,
    columns: Mapping[str, str] | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    workers: int = 0,
    engine: str = "local",
    spark_master: str | None = None,
    restart: bool = False,
    checkpoint_seconds: float = CHECKPOINT_SECONDS,
    progress: OnProgress | None = None,
) -> BatchReport:
    """Screen every record of ``source`` into ``output``, one row per hit.

    A run interrupted in any way leaves a checkpoint beside ``output``; running the same
    job again (same input, settings and index) goes on from it.

    Args:
        source: The query file (CSV, XLSX, JSON lines or Parquet).
        output: The result file; it appears only once complete.
        screener: Over the index to screen against.
        threshold: The lowest score kept.
        limit: Hits kept per record.
        columns: Query field to file column, for files that name columns otherwise.
        input_format: The input's format, when its name does not tell.
        output_format: The output's format, when its name does not tell.
        workers: Local processes (0: every core).
        engine: ``local`` or ``spark``; both give the same output.
        spark_master: The Spark master URL (default: spark-submit's, else local mode).
        restart: Ignore any checkpoint and start over.
        checkpoint_seconds: How often the journal is made durable.
        progress: Called with records done and the total (None when unknown).

    Raises:
        SourceError: the input cannot be read, or its columns do not fit.
        QueryError: a threshold or limit out of range, or an unknown engine.
        ConfigError: the Spark engine without pyspark.
    """
    started = time.perf_counter()
    if not 0.0 <= threshold <= 1.0:
        raise QueryError(f"threshold must be between 0 and 1, not {threshold}")
    if limit < 1:
        raise QueryError(f"limit must be at least 1, not {limit}")
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r} (use {', '.join(ENGINES)})")
    _check_paths(source, output)
    table = open_table(source, detect_format(source, input_format))
    out_format = detect_format(output, output_format)
    settings = Settings(resolve_columns(table.name, table.columns, columns or {}), threshold, limit)
    journal = Journal(output, job_key(source, table, settings, screener))
    state = journal.open(restart=restart)
    report = BatchReport(resumed_at=state.records, unit=table.unit)
    records = itertools.islice(table.records(set(settings.columns.values())), state.records, None)
    chunks = _chunks(records)
    if progress is not None:
        progress(state.records, table.total)
    try:
        if engine == "spark":
            from caveat.batch.spark import spark_outcomes

            outcomes = spark_outcomes(screener, settings, chunks, master=spark_master)
        else:
            outcomes = local_outcomes(screener, settings, chunks, worker_count(workers))
        _record(outcomes, journal, checkpoint_seconds, progress, table.total)
        _write_output(journal, output, out_format)
    except BaseException:
        with contextlib.suppress(Exception):
            journal.commit()  # keep what is done (whole chunks only) for the next run
        raise
    finally:
        journal.close()
    journal.discard()
    done = journal.progress
    report.rows, report.hits = done.rows, done.hits
    report.problems = [RowProblem(p, m) for p, m in done.problems]
    report.seconds = time.perf_counter() - started
    return report


def job_key(source: Path, table: Table, settings: Settings, screener: Screener) -> str:
    """What a checkpoint must match to be gone on from: the input's bytes, how it is
    read and screened, and the index."""
    index = screener.index
    fingerprint = index.fingerprint
    if fingerprint == "":  # an index built in memory, not by `load_index`
        listed = hashlib.sha256("\n".join(index.ids).encode())
        fingerprint = f"{listed.hexdigest()}:{index.variants.digest()}"
    state = {
        "input": file_digest(source),
        "format": table.format,
        "columns": dict(sorted(settings.columns.items())),
        "threshold": settings.threshold,
        "limit": settings.limit,
        "index": fingerprint,
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def _check_paths(source: Path, output: Path) -> None:
    if not output.parent.is_dir():
        raise SourceError(str(output), f"the folder {str(output.parent)!r} does not exist")
    if output.exists() and source.exists() and output.samefile(source):
        raise SourceError(str(output), "the output would overwrite the input")


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def _record(
    outcomes: Iterator[list[Outcome]],
    journal: Journal,
    every: float,
    progress: OnProgress | None,
    total: int | None,
) -> None:
    """Append each chunk's outcomes to the journal, committing every ``every`` seconds."""
    last_commit = time.monotonic()
    for outcome in outcomes:
        journal.add(
            len(outcome),
            [row for _, rows, _ in outcome for row in rows],
            [(position, problem) for position, _, problem in outcome if problem is not None],
        )
        if time.monotonic() - last_commit >= every:
            journal.commit()
            last_commit = time.monotonic()
        if progress is not None:
            progress(journal.progress.records, total)
    journal.commit()
    if progress is not None:
        progress(journal.progress.records, journal.progress.records)


def _write_output(journal: Journal, output: Path, out_format: str) -> None:
    """Write the output under a temporary name, then rename it into place."""
    partial = output.with_name(output.name + ".part")
    try:
        if out_format == "csv":
            with partial.open("wb") as handle:
                handle.write((",".join(OUTPUT_COLUMNS) + "\r\n").encode())
                journal.copy_rows(handle)
        else:
            write_table(journal.rows(), OUTPUT_COLUMNS, partial, out_format)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
