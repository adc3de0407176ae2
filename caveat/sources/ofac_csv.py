"""OFAC's legacy CSV format: the SDN list (sdn.csv, alt.csv, add.csv, sdn_comments.csv)
and the Consolidated non-SDN list (cons_prim.csv, cons_alt.csv, cons_add.csv,
cons_comments.csv).

The files have no header row; they are ASCII with CRLF line ends and a DOS end-of-file
byte (0x1A); ``-0-`` (often followed by a space) means "no value". The primary file holds
one entry per line; the others hang aliases, addresses and Remarks overflow on its
``ent_num``. Most facts (birth dates, identifiers, weak aliases, links, legal basis) sit
in the free-text Remarks, which `caveat.sources.ofac_remarks` reads.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from caveat.entity import Entity, EntityBuilder
from caveat.exc import EmptyFileError, FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.ofac_remarks import apply_remarks, parse_remarks
from caveat.sources.reading import SourceData
from caveat.types import ListId, SchemaName

__all__ = ["COLUMNS", "OfacCsvParser", "split_programs"]

SDN: ListId = "us_ofac_sdn"
CONS: ListId = "us_ofac_cons"
FILES: dict[str, tuple[str, ListId]] = {
    "sdn.csv": ("primary", SDN),
    "alt.csv": ("aliases", SDN),
    "add.csv": ("addresses", SDN),
    "sdn_comments.csv": ("comments", SDN),
    "cons_prim.csv": ("primary", CONS),
    "cons_alt.csv": ("aliases", CONS),
    "cons_add.csv": ("addresses", CONS),
    "cons_comments.csv": ("comments", CONS),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "primary": (
        "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
        "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks",
    ),
    "aliases": ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    "addresses": (
        "ent_num", "Add_num", "Address", "City/State/Province/Postal Code", "Country",
        "Add_remarks",
    ),
    "comments": ("ent_num", "remarks_extended"),
}  # fmt: skip
SCHEMAS: dict[str | None, SchemaName] = {
    None: "LegalEntity",
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
ALIAS_KINDS = {"aka": "alias", "fka": "previousName", "nka": "alias"}
# Primary columns 5-10: (column, FtM property, label for a note when the schema lacks it).
VESSEL_COLUMNS = (
    (5, "callSign", "Call sign"),
    (6, "type", "Vessel type"),
    (7, "tonnage", "Tonnage"),
    (8, "grossRegisteredTonnage", "Gross registered tonnage"),
    (9, "flag", "Vessel flag"),
    (10, None, "Vessel owner"),  # Vessel.owner links to an entity; the CSV has a name.
)
NULL = "-0-"
DOS_EOF = "\x1a"
HEAD = re.compile(rb"^(?:\xef\xbb\xbf)?\d+,")
PROGRAM_SPLIT = re.compile(r"\]\s*\[")


@dataclass(frozen=True)
class Row:
    """One CSV record: its line number and its raw cells."""

    line: int
    cells: list[str]

    def get(self, index: int) -> str | None:
        """The cell stripped, or None for blank and OFAC's ``-0-``."""
        value = self.cells[index].strip()
        return None if value in ("", NULL) else value

    @property
    def ent_num(self) -> str:
        return self.cells[0].strip()


def split_programs(value: str | None) -> list[str]:
    """``"SYRIA] [UKRAINE-EO13662"`` -> ``["SYRIA", "UKRAINE-EO13662"]``."""
    if value is None:
        return []
    parts = (p.strip(" []") for p in PROGRAM_SPLIT.split(value))
    return [p for p in parts if p and p != NULL]


def read_rows(source: SourceData, role: str) -> list[Row]:
    """Decode and split one file, checking every row's width and ``ent_num``.

    Raises:
        EncodingError: bytes that are not UTF-8 (ASCII is a subset).
        FormatError: a row with the wrong number of columns, a non-numeric ent_num
            (e.g. a header row), or broken quoting.
    """
    columns = COLUMNS[role]
    text = source.text().rstrip(" \t\r\n" + DOS_EOF)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        for cells in reader:
            if not cells or (len(cells) == 1 and cells[0].strip() in ("", DOS_EOF)):
                continue
            row = Row(reader.line_num, cells)
            _check_row(source.name, row, columns)
            rows.append(row)
    except csv.Error as exc:
        raise FormatError(
            source.name, f"is not valid CSV (truncated or damaged?): {exc}", line=reader.line_num
        ) from exc
    return rows


def _check_row(name: str, row: Row, columns: tuple[str, ...]) -> None:
    found = len(row.cells)
    if found < len(columns):
        raise FormatError(
            name,
            f"missing column {columns[found]!r} (found {found} of {len(columns)} columns; "
            "truncated line?)",
            line=row.line,
        )
    if found > len(columns):
        raise FormatError(
            name,
            f"has {found} columns where {len(columns)} are expected "
            f"({', '.join(columns)}); is this the right file?",
            line=row.line,
        )
    if not row.ent_num.isdigit():
        hint = "; OFAC legacy CSV files have no header row" if row.line == 1 else ""
        raise FormatError(
            name,
            f"column 'ent_num' holds {row.cells[0][:40]!r}, not an entry number{hint}",
            line=row.line,
        )


class OfacCsvParser(ListParser):
    """OFAC SDN and Consolidated lists in the legacy four-file CSV format."""

    format: ClassVar[str] = "ofac_csv"
    version: ClassVar[str] = "1"
    title: ClassVar[str] = "OFAC legacy CSV"
    roles: ClassVar[tuple[str, ...]] = ("primary", "aliases", "addresses", "comments")
    required: ClassVar[frozenset[str]] = frozenset({"primary"})

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        """Recognise the eight OFAC file names when the content starts with an ent_num.

        The column count is left to `parse`, so that a damaged file is reported with
        its line rather than silently ignored."""
        name = filename.lower().rsplit("/", 1)[-1]
        name = name[:-3] if name.endswith(".gz") else name
        known = FILES.get(name)
        if known is None or HEAD.match(head) is None:
            return None
        role, list_id = known
        return FileMatch(cls.format, role, list_id)

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        primary = files["primary"]
        rows = read_rows(primary, "primary")
        if not rows:
            raise EmptyFileError(primary.name, "holds no entries")
        first_line: dict[str, int] = {}
        for row in rows:
            if row.ent_num in first_line:
                raise FormatError(
                    primary.name,
                    f"ent_num {row.ent_num} appears twice (first on line "
                    f"{first_line[row.ent_num]})",
                    line=row.line,
                )
            first_line[row.ent_num] = row.line
        warnings: list[str] = []
        side = {
            role: self._group(files[role], role, first_line, primary.name, warnings)
            for role in ("aliases", "addresses", "comments")
            if role in files
        }
        entities = [self._entity(primary.name, row, list_id, side, warnings) for row in rows]
        return ParsedList(list_id, unique_entities(primary.name, entities), None, warnings)

    @staticmethod
    def _group(
        source: SourceData,
        role: str,
        known: Mapping[str, int],
        primary_name: str,
        warnings: list[str],
    ) -> dict[str, list[Row]]:
        """Rows of a side file by ent_num; orphans (no primary entry) are skipped."""
        grouped: dict[str, list[Row]] = {}
        orphans: set[str] = set()
        skipped = 0
        for row in read_rows(source, role):
            if row.ent_num not in known:
                skipped += 1
                orphans.add(row.ent_num)
                continue
            grouped.setdefault(row.ent_num, []).append(row)
        if skipped:
            warnings.append(
                f"{source.name}: skipped {skipped} {role} rows for {len(orphans)} ent_nums "
                f"that have no entry in {primary_name}"
            )
        return grouped

    def _entity(
        self,
        source_name: str,
        row: Row,
        list_id: ListId,
        side: Mapping[str, Mapping[str, list[Row]]],
        warnings: list[str],
    ) -> Entity:
        sdn_type = row.get(2)
        schema = SCHEMAS.get(sdn_type.lower() if sdn_type else None)
        builder = EntityBuilder(list_id, row.ent_num, schema or "LegalEntity")
        if schema is None:
            warnings.append(f"ent_num {row.ent_num}: unknown SDN_Type {sdn_type!r}")
            builder.add("notes", f"SDN type: {sdn_type}")
        name = row.get(1)
        if name is None:
            raise FormatError(source_name, "column 'SDN_Name' is empty", line=row.line)
        builder.add_name(name)
        if builder.schema == "Person" and name.count(",") == 1:
            last, first = name.split(",")
            builder.add("lastName", last)
            builder.add("firstName", first)
        for program in split_programs(row.get(3)):
            builder.add_program(program)
        title = row.get(4)
        if builder.schema == "Person":
            builder.add("position", title)
        elif title is not None:
            builder.add("notes", f"Title: {title}")
        self._vessel(builder, row)
        for alias in side.get("aliases", {}).get(row.ent_num, []):
            self._alias(builder, alias)
        countries: set[str] = set()
        for address in side.get("addresses", {}).get(row.ent_num, []):
            self._address(builder, address, countries)
        remarks = "" if row.get(11) is None else row.cells[11]
        for extra in side.get("comments", {}).get(row.ent_num, []):
            remarks += extra.cells[1] if extra.get(1) is not None else ""
        facts = parse_remarks(remarks)
        # OFAC repeats the Title column as a bare Remarks clause; it is already the title.
        facts.notes = [note for note in facts.notes if note != title]
        apply_remarks(builder, facts)
        return builder.build()

    @staticmethod
    def _vessel(builder: EntityBuilder, row: Row) -> None:
        for index, prop, label in VESSEL_COLUMNS:
            value = row.get(index)
            if value is None:
                continue
            if prop is not None and builder.schema == "Vessel":
                builder.add(prop, value)
            else:
                builder.add("notes", f"{label}: {value}")

    @staticmethod
    def _alias(builder: EntityBuilder, row: Row) -> None:
        name = row.get(3)
        if name is None:
            return
        alt_type = (row.get(2) or "aka").lower()
        builder.add_name(name, kind=ALIAS_KINDS.get(alt_type, "alias"))
        remark = row.get(4)
        if remark is not None:
            builder.add("notes", f"{name}: {remark}")

    @staticmethod
    def _address(builder: EntityBuilder, row: Row, countries: set[str]) -> None:
        parts = [row.get(2), row.get(3), row.get(4)]
        text = ", ".join(p for p in parts if p is not None)
        remark = row.get(5)
        if remark is not None:
            text = f"{text} ({remark})" if text else remark
        builder.add("address", text or None)
        country = row.get(4)
        if country is not None and country not in countries:
            # Once per entity: EntityBuilder.add mistakes a repeated value for a rejected one.
            countries.add(country)
            builder.add("country", country)
