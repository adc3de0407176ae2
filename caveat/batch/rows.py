"""Turning file records into queries, and hits into result rows.

The local engine and the Spark engine both screen through `screen_records`, so the same
file gives the same rows whichever runs it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from caveat.batch.tables import Record
from caveat.exc import CaveatError, FormatError
from caveat.screen import SCHEMAS, Query, Screener

__all__ = [
    "FIELDS",
    "OUTPUT_COLUMNS",
    "Outcome",
    "Settings",
    "record_query",
    "resolve_columns",
    "screen_records",
]

FIELDS = ("id", "name", "schema", "birth_date", "country", "id_number")
REQUIRED = ("id", "name")
OUTPUT_COLUMNS = (
    "query_id", "query_name", "list", "source_id", "entity_id", "caption", "schema",
    "matched_name", "score", "explanation",
)  # fmt: skip
# Schema names as users type them ("person", "COMPANY").
_SCHEMA_NAMES = {s.lower(): s for s in SCHEMAS}

# (position in the file, result rows, the problem that kept the record from being screened)
Outcome = tuple[int, list[list[str]], str | None]


@dataclass(frozen=True)
class Settings:
    """What decides a batch's result rows, besides the records and the index.

    ``columns`` maps each query field to the (lower-cased) file column it is read from.
    """

    columns: Mapping[str, str]
    threshold: float
    limit: int


def resolve_columns(
    name: str, present: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, str]:
    """Which file column feeds each query field.

    A field reads the column of its own name unless ``mapping`` names another; names are
    compared without regard to case. Optional fields with no column stay empty.

    Args:
        name: The file, for messages.
        present: The file's column names, lower-cased.
        mapping: ``--column`` choices, field to column.

    Raises:
        FormatError: an unknown field in ``mapping``, a required or mapped column that is
            absent, or a column used that the header names twice.
    """
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise FormatError(
            name,
            f"unknown field(s) {', '.join(repr(u) for u in unknown)} in --column (fields: "
            f"{', '.join(FIELDS)})",
        )
    columns = {f: mapping.get(f, f).strip().lower() for f in FIELDS}
    available = set(present)
    needed = [*REQUIRED, *(f for f in FIELDS if f in mapping and f not in REQUIRED)]
    missing = [f"{f} (column {columns[f]!r})" for f in needed if columns[f] not in available]
    if missing:
        shown = ", ".join(repr(c) for c in present if c) or "no columns"
        raise FormatError(
            name,
            f"missing {', '.join(missing)}: the file has {shown}; map columns with "
            f"--column FIELD=COLUMN (fields: {', '.join(FIELDS)}; only id and name are "
            "required)",
            line=1,
        )
    chosen = {f: c for f, c in columns.items() if c in available}
    twice = sorted({c for c in chosen.values() if list(present).count(c) > 1})
    if twice:
        raise FormatError(
            name, f"the header names column(s) {', '.join(map(repr, twice))} more than once"
        )
    return chosen


def record_query(cells: Mapping[str, str], columns: Mapping[str, str]) -> tuple[str, Query]:
    """The query id and the `Query` a record's cells describe.

    Args:
        cells: The record's cells by column.
        columns: Field to column, from `resolve_columns`.
    """

    def cell(field: str) -> str:
        column = columns.get(field)
        return cells.get(column, "") if column is not None else ""

    schema = cell("schema")
    birth_date, country, id_number = cell("birth_date"), cell("country"), cell("id_number")
    query = Query(
        names=[cell("name")],
        schema=_SCHEMA_NAMES.get(schema.lower(), schema) if schema != "" else "Thing",
        birth_dates=[birth_date] if birth_date != "" else [],
        countries=[country] if country != "" else [],
        identifiers=[id_number] if id_number != "" else [],
    )
    return cell("id"), query


def screen_records(
    screener: Screener, records: Sequence[Record], settings: Settings
) -> list[Outcome]:
    """Check and screen each record; one that cannot be screened gives its problem.

    Args:
        screener: Over the index to screen against.
        records: Records as the readers yield them.
        settings: Columns, threshold and limit.
    """
    outcomes: list[Outcome] = []
    for record in records:
        if record.cells is None:
            outcomes.append((record.position, [], record.error or "unreadable"))
            continue
        query_id, query = record_query(record.cells, settings.columns)
        if query_id == "":
            outcomes.append((record.position, [], "the id is empty"))
            continue
        try:
            names, facts = screener.checked(query)
        except CaveatError as exc:
            outcomes.append((record.position, [], exc.message))
            continue
        hits = screener.screen_checked(
            names, facts, query.schema, threshold=settings.threshold, limit=settings.limit
        )
        rows = [
            [
                query_id,
                query.names[0],
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
        ]
        outcomes.append((record.position, rows, None))
    return outcomes
