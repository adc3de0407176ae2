"""An organisation's own list (blocklist, watchlist) as a simple CSV file.

Format
------

- UTF-8 text (a byte-order mark is allowed), comma-separated, fields quoted with ``"``
  when they hold commas, quotes or line breaks (as Excel and LibreOffice write "CSV UTF-8").
- The first line is a header naming the columns. Column names are matched without regard
  to case, surrounding spaces, or spaces/hyphens versus underscores (``Birth Date`` is
  ``birth_date``). Columns may come in any order; a column may appear only once.
- One row per listed party. Blank lines are skipped. A row may have fewer fields than
  the header (missing ones are empty) but not more.
- Fields marked *multi* hold several values separated by ``;``.

==================  ========  ===========================================================
column              required  meaning
==================  ========  ===========================================================
``id``              yes       your reference for the entry; unique in the file
``name``            yes       the main name, written as it should be shown
``schema``          no        ``Person``, ``Organization``, ``Company``, ``LegalEntity``,
                              ``Vessel`` or ``Airplane`` (also ``individual``,
                              ``organisation``, ``entity``, ``ship``, ``aircraft``);
                              blank means ``LegalEntity``
``aliases``         no        other names (*multi*)
``birth_date``      no        dates of birth, ISO ``1960-04-01``, ``1960-04``, ``1960``
                              or ``01 Apr 1960`` (*multi*)
``country``         no        countries linked to the party, names or ISO codes (*multi*)
``nationality``     no        nationalities of a person (*multi*)
``id_number``       no        identification numbers (*multi*), of type ``id_type``
``id_type``         no        what ``id_number`` is, e.g. ``Tax ID``, ``Registration
                              Number``; blank means ``Identification Number``
``id_country``      no        the country that issued ``id_number``
``passport_number`` no        passport numbers (*multi*)
``passport_country`` no       the country that issued the passports
``imo_number``      no        IMO numbers of a vessel (*multi*)
``program``         no        your programme or reason code(s) (*multi*)
``listed_on``       no        the date the entry was added to your list
``address``         no        one address, as free text
``notes``           no        free text
==================  ========  ===========================================================

Any other column is kept: its non-empty values are added to the entry's notes as
``"column: value"``. A file without an ``id`` or ``name`` column, a row with an empty
``id`` or ``name``, an unknown ``schema`` or an ``id`` used twice is refused with the line
number. The list id is ``internal_`` plus the file name's stem as a slug
(``customers-blocklist.csv`` becomes ``internal_customers_blocklist``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping

from caveat.entity import EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date, parse_dates
from caveat.sources.ftm_json import slugify
from caveat.sources.reading import SourceData
from caveat.types import ListId

__all__ = ["COLUMNS", "InternalCsvParser"]

COLUMNS = (
    "id", "name", "schema", "aliases", "birth_date", "country", "nationality", "id_number",
    "id_type", "id_country", "passport_number", "passport_country", "imo_number", "program",
    "listed_on", "address", "notes",
)  # fmt: skip
REQUIRED = ("id", "name")
SCHEMAS = {
    "person": "Person", "individual": "Person",
    "organization": "Organization", "organisation": "Organization",
    "company": "Company",
    "legalentity": "LegalEntity", "entity": "LegalEntity", "": "LegalEntity",
    "vessel": "Vessel", "ship": "Vessel",
    "airplane": "Airplane", "aircraft": "Airplane",
}  # fmt: skip
# Headers of other CSV formats that also have id and name columns (the US CSL).
FOREIGN_COLUMNS = {"entity_number", "_id", "source"}


def column_key(header: str) -> str:
    """Normalise a header cell: ``" Birth-Date "`` becomes ``birth_date``."""
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def _multi(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


class InternalCsvParser(ListParser):
    """A user's own list in the documented CSV layout."""

    format = "internal_csv"
    version = "1"
    title = "Internal list CSV"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if not filename.endswith(".csv"):
            return None
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        first = text.split("\n", 1)[0].rstrip("\r")
        try:
            header = next(csv.reader([first]), [])
        except csv.Error:
            return None
        keys = {column_key(cell) for cell in header}
        if not set(REQUIRED) <= keys or keys & FOREIGN_COLUMNS:
            return None
        stem = slugify(filename[: -len(".csv")]) or "list"
        return FileMatch(cls.format, "main", f"internal_{stem}")

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        rows = _rows(source)
        header_line, header = next(rows, (1, []))
        columns = _columns(source.name, header_line, header)
        seen: dict[str, int] = {}
        entities = []
        for line, row in rows:
            if len(row) > len(header):
                raise FormatError(
                    source.name,
                    f"the row has {len(row)} fields but the header names {len(header)} columns",
                    line=line,
                )
            values = {key: row[i].strip() for i, key in enumerate(columns) if i < len(row)}
            source_id = values.get("id", "")
            if source_id in seen:
                raise FormatError(
                    source.name,
                    f"id {source_id!r} is used again (first on line {seen[source_id]})",
                    line=line,
                )
            builder = _entry(source.name, line, values, list_id)
            seen[source_id] = line
            for index, key in enumerate(columns):
                if key not in COLUMNS and index < len(row) and row[index].strip():
                    label = header[index].strip() or f"column {index + 1}"
                    builder.add("notes", f"{label}: {row[index].strip()}")
            entities.append(builder.build())
        warnings = [] if entities else ["the file holds a header but no entries"]
        return ParsedList(list_id, unique_entities(source.name, entities), None, warnings)


def _rows(source: SourceData) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank CSV record with the line it starts on."""
    reader = csv.reader(io.StringIO(source.text(), newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(source.name, f"is not valid CSV: {exc}", line=start) from exc
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _columns(name: str, line: int, header: list[str]) -> list[str]:
    keys = [column_key(cell) for cell in header]
    for required in REQUIRED:
        if required not in keys:
            found = ", ".join(repr(cell.strip()) for cell in header if cell.strip()) or "none"
            raise FormatError(
                name,
                f"missing column {required!r} (found {len(header)} columns: {found}); "
                f"the header needs at least {', '.join(REQUIRED)}",
                line=line,
            )
    for index, key in enumerate(keys):
        if key and key in keys[:index]:
            raise FormatError(
                name, f"the column {header[index].strip()!r} appears twice", line=line
            )
    return keys


def _entry(name: str, line: int, values: dict[str, str], list_id: ListId) -> EntityBuilder:
    for required in REQUIRED:
        if not values.get(required):
            raise FormatError(name, f"the {required!r} field is empty", line=line)
    raw_schema = values.get("schema", "")
    schema = SCHEMAS.get(re.sub(r"[\s_\-]", "", raw_schema.lower()))
    if schema is None:
        known = "Person, Organization, Company, LegalEntity, Vessel, Airplane"
        raise FormatError(name, f"unknown schema {raw_schema!r} (use one of {known})", line=line)
    builder = EntityBuilder(list_id, values["id"], schema)
    builder.add_name(values["name"])
    for alias in _multi(values.get("aliases", "")):
        builder.add_name(alias, kind="alias")
    for text in _multi(values.get("birth_date", "")):
        for value in parse_dates(text) or [text]:
            builder.add("birthDate", value)
    for country in _multi(values.get("country", "")):
        builder.add("country", country)
    for nationality in _multi(values.get("nationality", "")):
        builder.add("nationality", nationality)
    id_type = values.get("id_type") or "Identification Number"
    for number in _multi(values.get("id_number", "")):
        builder.add_identifier(id_type, number, values.get("id_country") or None)
    for number in _multi(values.get("passport_number", "")):
        builder.add_identifier("Passport", number, values.get("passport_country") or None)
    for number in _multi(values.get("imo_number", "")):
        builder.add_identifier("IMO Number", number)
    for program in _multi(values.get("program", "")):
        builder.add_program(program)
    listed = values.get("listed_on", "")
    builder.set_listed_on(parse_date(listed))
    if listed and parse_date(listed) is None:
        builder.add("notes", f"listed_on: {listed}")
    builder.add("address", values.get("address"))
    builder.add("notes", values.get("notes"))
    return builder
