"""Screening commands: screen one name, or a whole file."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from caveat.batch import BatchReport, run_batch
from caveat.cli.app import cli, console, err_console, handle_errors, open_store, print_json
from caveat.indexing import load_index
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.screen import ALGORITHMS, SCHEMAS, Query, Screener

__all__ = ["batch", "screen"]


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
    screener = Screener(load_index(store))
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


@cli.command()
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True)
@click.option("--limit", type=int, default=5, show_default=True, help="Hits kept per row.")
@click.option("--workers", type=int, default=0, help="Processes (default: every core).")
@handle_errors
def batch(queries: Path, output: Path, threshold: float, limit: int, workers: int) -> None:
    """Screen every row of a CSV file; write one row per hit.

    The input header is id,name,schema,birth_date,country,id_number (only id and name are
    required; case does not matter). Malformed rows are reported with their line number
    and the rest still runs.

    Example:

        caveat batch customers.csv -o hits.csv --threshold 0.75
    """
    screener = Screener(load_index(open_store()))
    columns = (
        TextColumn("Screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console(), transient=True) as bar:
        task = bar.add_task("rows", total=None)
        report: BatchReport = run_batch(
            queries,
            output,
            screener,
            threshold=threshold,
            limit=limit,
            workers=workers,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    for problem in report.problems:
        err_console().print(f"[yellow]{queries}, line {problem.line}:[/] {problem.message}")
    console().print(
        f"{report.rows:,} rows screened, {report.hits:,} hits, {len(report.problems):,} rows "
        f"skipped, {report.rate:,.0f} rows/s -> {output}"
    )
