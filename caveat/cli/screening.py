"""Screening commands: screen one name, or a whole file."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from caveat.batch import ENGINES, FIELDS, FORMATS, BatchReport, run_batch
from caveat.batch.local import worker_count
from caveat.batch.run import CHECKPOINT_SECONDS
from caveat.cli.app import cli, console, err_console, handle_errors, open_store, print_json
from caveat.indexing import load_index
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.screen import ALGORITHMS, SCHEMAS, Query, Screener

__all__ = ["batch", "parse_columns", "screen"]

MAX_PROBLEMS_SHOWN = 50


@cli.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--schema", type=click.Choice(SCHEMAS), default="Thing", show_default=True)
@click.option("--dob", "dobs", multiple=True, help="Birth date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--country", "countries", multiple=True, help="Country or nationality.")
@click.option(
    "--id", "identifiers", multiple=True, help="Passport, tax, registration or IMO number."
)
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True)
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--algorithm", type=click.Choice(ALGORITHMS), default="default", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def screen(
    name: tuple[str, ...],
    schema: str,
    dobs: tuple[str, ...],
    countries: tuple[str, ...],
    identifiers: tuple[str, ...],
    threshold: float,
    limit: int,
    algorithm: str,
    as_json: bool,
) -> None:
    """Screen a name against the active lists and explain each hit.

    Example:

        caveat screen "Ismail Demir" --dob 1960-04-01 --country Turkey
    """
    query = Query(
        names=[" ".join(name)],
        schema=schema,
        birth_dates=list(dobs),
        countries=list(countries),
        identifiers=list(identifiers),
    )
    store = open_store()
    screener = Screener(load_index(store, workers=worker_count(0)))
    hits = screener.screen(query, threshold=threshold, limit=limit, algorithm=algorithm)
    versions = {v.list_id: v for v in store.lists()}
    if as_json:
        print_json(
            {
                "query": query.__dict__,
                "threshold": threshold,
                "algorithm": algorithm,
                "lists": {
                    k: {"version": v.id, "hash": v.content_hash} for k, v in versions.items()
                },
                "hits": [h.to_dict() for h in hits],
            }
        )
        return
    if not hits:
        console().print(f"No hits at or above {threshold:.2f} for {query.names[0]!r}.")
        return
    table = Table(title=f"Hits for {query.names[0]!r} (threshold {threshold:.2f})")
    for column in ("score", "list", "ref", "schema", "name", "why"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}",
            hit.entity.list_id,
            hit.entity.source_id,
            hit.entity.schema,
            hit.entity.caption,
            hit.explanation.summary(),
        )
    console().print(table)


def parse_columns(pairs: tuple[str, ...]) -> dict[str, str]:
    """``--column FIELD=COLUMN`` choices as a field-to-column mapping."""
    columns = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or field == "" or column.strip() == "":
            raise click.BadParameter(f"{pair!r} is not FIELD=COLUMN", param_hint="--column")
        if field not in FIELDS:
            raise click.BadParameter(
                f"unknown field {field!r} in {pair!r} (fields: {', '.join(FIELDS)})",
                param_hint="--column",
            )
        columns[field] = column.strip()
    return columns


@cli.command()
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True)
@click.option("--limit", type=int, default=5, show_default=True, help="Hits kept per row.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help=f"Read FIELD ({', '.join(FIELDS)}) from a column of another name.",
)
@click.option("--format", "input_format", type=click.Choice(FORMATS), help="Input format.")
@click.option("--output-format", type=click.Choice(FORMATS), help="Output format.")
@click.option("--workers", type=int, default=0, help="Local processes (default: every core).")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Screen on this machine's cores, or on Apache Spark.",
)
@click.option(
    "--spark-master",
    metavar="URL",
    help="Spark master (default: spark-submit's, else local[*]).",
)
@click.option("--restart", is_flag=True, help="Ignore a checkpoint left by an interrupted run.")
@click.option(
    "--checkpoint-every",
    type=click.FloatRange(min=0),
    default=CHECKPOINT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="How often progress is saved for a resumed run.",
)
@click.option(
    "--problems",
    "problems_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every skipped row (position, message) to this CSV file.",
)
@handle_errors
def batch(
    queries: Path,
    output: Path,
    threshold: float,
    limit: int,
    columns: tuple[str, ...],
    input_format: str | None,
    output_format: str | None,
    workers: int,
    engine: str,
    spark_master: str | None,
    restart: bool,
    checkpoint_every: float,
    problems_file: Path | None,
) -> None:
    """Screen every row of a file; write one row per hit.

    Files are CSV, XLSX, JSON lines or Parquet, told apart by their names (or --format
    and --output-format). The input columns are id, name, schema, birth_date, country
    and id_number (only id and name are required; case does not matter); --column maps
    other names. Rows that cannot be screened are reported with their line (or row)
    number and the rest still runs. The output has the columns query_id, query_name,
    list, source_id, entity_id, caption, schema, matched_name, score and explanation,
    in input order, and appears only when complete. An interrupted run, even one killed
    with kill -9, goes on from its last checkpoint when the same command is run again.
    --engine spark screens on Apache Spark with the same result (see docs/batch.md).

    Example:

    \b
        caveat batch customers.csv -o hits.csv --threshold 0.75
        caveat batch book.xlsx -o hits.parquet --column id=CustomerNo --column name="Full Name"
        caveat batch customers.parquet -o hits.parquet --engine spark
    """
    mapping = parse_columns(columns)
    # Built (when the lists changed) before the progress bar's thread starts: forking
    # is safe only while this process runs no other thread.
    screener = Screener(load_index(open_store(), workers=worker_count(workers)))
    try:
        with _progress_bar() as advance:
            report = run_batch(
                queries,
                output,
                screener,
                threshold=threshold,
                limit=limit,
                columns=mapping,
                input_format=input_format,
                output_format=output_format,
                workers=workers,
                engine=engine,
                spark_master=spark_master,
                restart=restart,
                checkpoint_seconds=checkpoint_every,
                progress=advance,
            )
    finally:
        if engine == "spark":
            from caveat.batch.spark import stop_spark

            stop_spark()
    if problems_file is not None:
        _write_problems(report, problems_file)
    _print_report(report, queries, output)


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar with the rate and time left of this run (not counting records an
    interrupted run had done)."""
    bar_columns = (
        TextColumn("Screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*bar_columns, console=err_console(), transient=True) as bar:
        task = bar.add_task("rows", total=None, rate="")
        start: list[tuple[float, int]] = []

        def advance(done: int, total: int | None) -> None:
            if not start:  # the first call, before any screening
                start.append((time.monotonic(), done))
                bar.reset(task, completed=done, total=total, rate="")
                return
            elapsed, first = time.monotonic() - start[0][0], start[0][1]
            rate = f"{(done - first) / elapsed:,.0f} rows/s" if elapsed > 0 else ""
            bar.update(task, completed=done, total=max(total or 0, done) or None, rate=rate)

        yield advance


def _write_problems(report: BatchReport, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([report.unit, "problem"])
        writer.writerows((p.position, p.message) for p in report.problems)


def _print_report(report: BatchReport, queries: Path, output: Path) -> None:
    errors = err_console()
    if report.resumed_at:
        errors.print(f"Went on from a checkpoint: {report.resumed_at:,} records were already done.")
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        where = escape(f"{queries}, {report.unit} {problem.position}:")
        errors.print(f"[yellow]{where}[/] {escape(problem.message)}")
    hidden = len(report.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        errors.print(f"... and {hidden:,} more (--problems FILE writes them all)")
    console().print(
        f"{report.rows:,} rows screened, {report.hits:,} hits, {len(report.problems):,} rows "
        f"skipped, {report.rate:,.0f} rows/s -> {escape(str(output))}"
    )
