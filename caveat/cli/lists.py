"""List commands: update, lists, diff, show, activate, log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from caveat import settings
from caveat.batch.local import worker_count
from caveat.cli.app import cli, console, err_console, handle_errors, open_store, print_json
from caveat.entity import Entity
from caveat.exc import NotFound
from caveat.store import ListVersion, Store

if TYPE_CHECKING:
    from caveat.loading import LoadReport

__all__ = ["activate", "diff", "lists", "log", "show", "update"]


def _report(report: LoadReport, active_ids: set[int], as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "loaded": [
                    {
                        "list_id": o.files.list_id,
                        "files": sorted(str(p) for p in o.files.files.values()),
                        "version": None if o.result is None else o.result.version.to_dict(),
                        "created": None if o.result is None else o.result.created,
                        "active": None if o.result is None else o.result.version.id in active_ids,
                        "error": None if o.error is None else o.error.to_dict(),
                        "warnings": list(o.warnings),
                        "note": o.note,
                    }
                    for o in report.outcomes
                ],
                "skipped": report.skipped,
            }
        )
    else:
        for message in report.skipped:
            err_console().print(f"[yellow]warning:[/] {message}")
        for outcome in report.outcomes:
            if outcome.error is not None:
                err_console().print(
                    f"[red]failed:[/] {outcome.files.list_id}: {outcome.error.message}"
                )
                continue
            for warning in outcome.warnings:
                err_console().print(f"[yellow]warning:[/] {outcome.files.list_id}: {warning}")
            if outcome.result is None:
                console().print(f"{outcome.files.list_id}: {outcome.note}")
                continue
            version = outcome.result.version
            if not outcome.result.created:
                state = "unchanged (already stored)"
            elif version.id in active_ids:
                state = "loaded, active"
            else:
                state = "loaded (a newer version is active)"
            console().print(
                f"{version.list_id}: version {version.id} dated {version.date or '?'}, "
                f"{version.entity_count:,} entities, {state}"
            )
    if not report.ok:
        failed = ", ".join(sorted({o.files.list_id for o in report.failed}))
        raise click.ClickException(f"{len(report.failed)} list load(s) failed: {failed}")


@cli.command()
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    help="Load a file, or every recognised list file under a directory, instead of downloading.",
)
@click.option("--list", "list_ids", multiple=True, help="Only these lists (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@handle_errors
def update(source: Path | None, list_ids: tuple[str, ...], as_json: bool) -> None:
    """Download the lists from their official addresses, or load them from files.

    Each load stores an immutable version; loading the same content again stores
    nothing. A failed list leaves its previous version active and the command exits 1.

    Example:

        caveat update --from ../shared/data
    """
    # The parsers (and FollowTheMoney's model behind them) are imported by the one
    # command that loads lists, not by every command's start.
    from caveat.fetch import update_lists
    from caveat.loading import load_path
    from caveat.sources.catalogue import load_catalogue

    store = open_store()
    if source is not None:
        with console().status("Loading lists...") as status:
            report = load_path(
                store, source, progress=lambda msg: status.update(msg), workers=worker_count(0)
            )
        if list_ids:
            report.outcomes = [o for o in report.outcomes if o.files.list_id in list_ids]
        _report(report, {v.id for v in store.lists()}, as_json)
        return
    catalogue = load_catalogue(settings.catalogue_path())
    unknown = [i for i in list_ids if i not in catalogue]
    if unknown:
        raise NotFound(f"no list {', '.join(unknown)} in the catalogue ({', '.join(catalogue)})")
    entries = [catalogue[i] for i in (list_ids or tuple(catalogue))]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    with Progress(*columns, console=err_console(), transient=True, disable=as_json) as bar:
        tasks: dict[str, TaskID] = {}

        def on_bytes(url: str, done: int, total: int | None) -> None:
            if url not in tasks:
                tasks[url] = bar.add_task(url.rsplit("/", 1)[-1][:40], total=total)
            bar.update(tasks[url], completed=done, total=total)

        report = update_lists(
            store, entries, settings.caveat_home() / "downloads", progress=on_bytes
        )
    _report(report, {v.id for v in store.lists()}, as_json)


def _versions_table(versions: list[ListVersion], title: str) -> Table:
    table = Table(title=title)
    for column in ("list", "version", "date", "entities", "format", "hash", "loaded"):
        table.add_column(column, justify="right" if column in ("version", "entities") else "left")
    for v in versions:
        marker = " *" if v.active else ""
        table.add_row(
            v.list_id,
            f"{v.id}{marker}",
            v.date or "",
            f"{v.entity_count:,}",
            v.format,
            v.content_hash[:12],
            v.loaded_at.strftime("%Y-%m-%d %H:%M"),
        )
    return table


@cli.command("lists")
@click.option("--all", "show_all", is_flag=True, help="Every stored version, not only active ones.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def lists(show_all: bool, as_json: bool) -> None:
    """Show each list's active version: date, entity count and content hash.

    Example:

        caveat lists --all
    """
    store = open_store()
    versions = store.versions() if show_all else store.lists()
    if as_json:
        print_json([v.to_dict() for v in versions])
        return
    if not versions:
        console().print("No lists loaded yet. Run `caveat update` or `caveat update --from PATH`.")
        return
    title = "All list versions (* = active)" if show_all else "Active list versions"
    console().print(_versions_table(versions, title))


@cli.command()
@click.argument("list_id")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--limit", default=50, show_default=True, help="Entries shown per section.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every entry, no limit).")
@handle_errors
def diff(list_id: str, old: str | None, new: str | None, limit: int, as_json: bool) -> None:
    """Show entities added, removed and changed between two versions of a list.

    OLD and NEW are a version number, a date, a content-hash prefix, `active` or
    `latest`. Without them, the active version is compared with the one before it.

    Example:

        caveat diff us_ofac_sdn 2021-07-07 2024-05-03
    """
    if old is not None and new is None:
        new = "active"
    result = open_store().diff(list_id, old, new)
    if as_json:
        print_json(result.to_dict())
        return
    console().print(
        f"[bold]{list_id}[/]: version {result.old.id} ({result.old.date}) -> "
        f"version {result.new.id} ({result.new.date})"
    )
    console().print(
        f"{len(result.added):,} added, {len(result.removed):,} removed, "
        f"{len(result.changed):,} changed, {result.unchanged:,} unchanged"
    )
    for label, entities in (("Added", result.added), ("Removed", result.removed)):
        if entities:
            table = Table(title=f"{label} ({len(entities):,})")
            table.add_column("entity")
            table.add_column("schema")
            table.add_column("name")
            for entity in entities[:limit]:
                table.add_row(entity.id, entity.schema, entity.caption)
            console().print(table)
    if result.changed:
        table = Table(title=f"Changed ({len(result.changed):,})")
        for column in ("entity", "name", "field", "removed", "added"):
            table.add_column(column)
        for change in result.changed[:limit]:
            for field, (gone, came) in change.fields.items():
                table.add_row(
                    change.new.id, change.new.caption, field, "; ".join(gone), "; ".join(came)
                )
        console().print(table)
    if max(len(result.added), len(result.removed), len(result.changed)) > limit:
        console().print(f"(first {limit} per section; --limit or --json for more)")


def _entity_table(store: Store, entity: Entity) -> Table:
    version = store.version(entity.list_id)
    table = Table(title=f"{entity.caption}", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    table.add_row("id", entity.id)
    table.add_row(
        "list",
        f"{entity.list_id} (version {version.id}, {version.date}, {version.content_hash[:12]})",
    )
    table.add_row("source id", entity.source_id)
    table.add_row("schema", entity.schema)
    for prop in sorted(entity.properties):
        table.add_row(prop, "\n".join(entity.properties[prop]))
    for ident in entity.identifiers:
        extra = ", ".join(x for x in (ident.country, ident.note) if x is not None)
        table.add_row(
            "identifier", f"{ident.type}: {ident.number}" + (f" ({extra})" if extra else "")
        )
    if entity.programs:
        table.add_row("programs", "\n".join(entity.programs))
    if entity.legal_basis:
        table.add_row("legal basis", "\n".join(entity.legal_basis))
    if entity.listed_on is not None:
        table.add_row("listed on", entity.listed_on)
    for resolved in store.resolve_links(entity):
        link = resolved.link
        target = link.target_name or link.target_source_id or ""
        found = (
            ", ".join(f"{t.id} ({t.caption})" for t in resolved.targets)
            or "not among the active lists"
        )
        table.add_row(f"link: {link.relation}", f"{target} -> {found}")
    for prop, raw in entity.unparsed:
        table.add_row(f"{prop} (as written)", raw)
    return table


@cli.command()
@click.argument("ref")
@click.option("--list", "list_id", help="Only look in this list.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def show(ref: str, list_id: str | None, as_json: bool) -> None:
    """Print an entity with all its properties, identifiers, programs and links.

    REF is a Caveat entity id (us_ofac_sdn-27018) or a list's own reference (27018,
    QDi.001); a reference found on several lists prints each entity.

    Example:

        caveat show 27018
    """
    store = open_store()
    found = store.find_entities(ref, list_id=list_id)
    if not found:
        raise NotFound(f"no entity {ref!r} in the active lists")
    if as_json:
        out = []
        for entity in found:
            data = entity.to_dict()
            data["links"] = [
                {**r.link.to_dict(), "resolved": [t.id for t in r.targets]}
                for r in store.resolve_links(entity)
            ]
            out.append(data)
        print_json(out)
        return
    for entity in found:
        console().print(_entity_table(store, entity))


@cli.command()
@click.argument("list_id")
@click.argument("version")
@handle_errors
def activate(list_id: str, version: str) -> None:
    """Make a stored version of a list the active one, e.g. to roll back.

    Example:

        caveat activate us_ofac_sdn 2021-07-07
    """
    chosen = open_store().activate(list_id, version)
    console().print(f"{list_id}: version {chosen.id} ({chosen.date}) is now active")


@cli.command()
@click.option("--limit", default=50, show_default=True, help="How many events.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def log(limit: int, as_json: bool) -> None:
    """Show the audit log of loads, activations and failures, newest first.

    Example:

        caveat log --limit 20
    """
    events = open_store().events(limit)
    if as_json:
        print_json([{**e.__dict__, "at": e.at.isoformat()} for e in events])
        return
    table = Table(title="Audit log")
    for column in ("when", "action", "list", "version", "detail"):
        table.add_column(column)
    for e in events:
        table.add_row(
            e.at.strftime("%Y-%m-%d %H:%M:%S"),
            e.action,
            e.list_id or "",
            "" if e.version_id is None else str(e.version_id),
            ", ".join(f"{k}={v}" for k, v in e.detail.items()),
        )
    console().print(table)
