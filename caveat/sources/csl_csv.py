"""The US Consolidated Screening List (trade.gov), version 1 CSV with a header row.

One row per entry per source list: Treasury (SDN and the non-SDN lists), Commerce/BIS
(Entity List, DPL, UVL, MEU) and State (ITAR debarred, ISN). Multi-valued columns are
joined with ``"; "``. The ``ids`` column holds more than identifiers: each item is
``[country, ][expiry, ][issue, ]value, type`` (keys in alphabetical order), and OFAC's
sanction details (directives, secondary sanctions risk, gender, website) come the same
way; each kind goes to its own FtM property or to ``notes``.

One OFAC entry listed on several Treasury lists (SDN and SSI, say) appears once per list
with the same ``_id``; such rows stay separate entities, the SDN row keeping the bare
``_id`` and the others taking ``{_id}-{list}`` (``18741-SSI``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from followthemoney import model

from caveat.entity import Entity, EntityBuilder, clean_value
from caveat.exc import EmptyFileError, FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date, parse_dates
from caveat.sources.reading import SourceData
from caveat.types import ListId

__all__ = ["COLUMNS", "CslCsvParser", "linked_to", "parse_id_item", "source_code"]

COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
)  # fmt: skip
SNIFF_COLUMNS = {"_id", "source", "entity_number"}
SCHEMAS = {
    "individual": "Person",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "": "LegalEntity",
}
SDN = "SDN"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
FORMERLY = re.compile(
    r"^(?P<current>.+?)(?:\s*\(f\.k\.a\.,?\s*(?P<former>.+)\)|,\s*f\.k\.a\.,?\s*(?P<former2>.+))$",
    re.IGNORECASE,
)
# "(Linked To: A; Linked To: B)" in OFAC remarks.
LINKED_TO = "(Linked To: "
# ``ids`` items that are facts about the entry rather than identifiers.
ID_PROPERTIES = {
    "Gender": "gender",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Organization Type:": "sector",
    "Organization Established Date": "incorporationDate",
    "Nationality of Registration": "jurisdiction",
    "Registration Country": "jurisdiction",
    "Aircraft Model": "model",
    "Aircraft Manufacture Date": "buildDate",
    "Former Vessel Flag": "pastFlags",
    "Other Vessel Flag": "flag",
    "Other Vessel Call Sign": "callSign",
    "Other Vessel Type": "type",
}
# Identifiers whose number also belongs on a FtM property of its own.
ID_ALSO = {"Aircraft Manufacturer's Serial Number (MSN)": "serialNumber"}
NOTE_TYPES = {"Target Type", "Issuer Name", "Aircraft Operator"}
DATE_PROPERTIES = {"incorporationDate", "buildDate"}
# Where a property is missing from the schema (an aircraft has no jurisdiction).
FALLBACK = {"jurisdiction": "country"}


@lru_cache(maxsize=65536)
def _clean(schema: str, prop: str, text: str) -> str | None:
    """FtM's cleaning of one value, cached: lists repeat the same countries and URLs."""
    schema_prop = model.schemata[schema].properties.get(prop)
    if schema_prop is None or text == "":
        return None
    return clean_value(schema_prop.type.name, text)


def _put(builder: EntityBuilder, prop: str, value: str | None) -> None:
    """Add a value cleaned first, so that a repeat spelled differently ("RU" after "ru")
    is recognised as a repeat rather than kept aside as unparsed. Phone numbers written
    without their "+" are retried with it."""
    if value is None:
        return
    text = " ".join(value.split())
    if text == "":
        return
    if prop not in model.schemata[builder.schema].properties:
        prop = FALLBACK.get(prop, prop)
    cleaned = _clean(builder.schema, prop, text)
    if cleaned is None and prop == "phone" and text.isdigit():
        cleaned = _clean(builder.schema, prop, f"+{text}")
    builder.add(prop, cleaned if cleaned is not None else text)


def _split(value: str) -> list[str]:
    """A multi-valued cell: items joined with ';', blanks dropped."""
    return [" ".join(item.split()) for item in value.split(";") if item.strip()]


def parse_id_item(item: str) -> tuple[str, str, str | None, list[str]]:
    """Read one ``ids`` item into (type, value, country code, ISO dates).

    Example:
        >>> parse_id_item("JO, 2014-08-30, 2009-08-31, K475336, Passport")
        ('Passport', 'K475336', 'JO', ['2014-08-30', '2009-08-31'])
    """
    bits = [bit.strip() for bit in item.split(", ")]
    type_ = bits[-1]
    rest = bits[:-1]
    country = None
    if len(rest) > 1 and COUNTRY_CODE.match(rest[0]):
        country = rest.pop(0)
    dates: list[str] = []
    while len(rest) > 1 and ISO_DATE.match(rest[0]):
        dates.append(rest.pop(0))
    return type_, ", ".join(rest), country, dates


def linked_to(remarks: str) -> list[str]:
    """Names in OFAC's "(Linked To: A; Linked To: B)", allowing brackets inside names."""
    names: list[str] = []
    start = remarks.find(LINKED_TO)
    while start >= 0:
        depth, pos = 1, start + len(LINKED_TO)
        while pos < len(remarks) and depth > 0:
            depth += {"(": 1, ")": -1}.get(remarks[pos], 0)
            pos += 1
        inner = remarks[start + len(LINKED_TO) : pos - 1 if depth == 0 else pos]
        names.extend(n.strip() for n in inner.split("; Linked To: ") if n.strip())
        start = remarks.find(LINKED_TO, pos)
    return names


def source_code(source: str) -> str:
    """The list's short code from the ``source`` column: "... (NS-MBS List) - ..." ->
    "NS-MBS"."""
    match = re.search(r"\(([^)]+)\)", source)
    code = match[1] if match is not None else source
    return re.sub(r"\s+List$", "", code.strip()).replace(" ", "-")


class CslCsvParser(ListParser):
    """Parses trade.gov's consolidated.csv into Person, LegalEntity, Vessel, Airplane."""

    format = "csl_csv"
    version = "1"
    title = "US trade.gov Consolidated Screening List CSV"
    list_id: ListId = "us_trade_csl"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        names = {c.strip().strip('"') for c in first.decode("latin-1").split(",")}
        if names >= SNIFF_COLUMNS:
            return FileMatch(cls.format, "main", cls.list_id)
        return None

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        rows, warnings = _read_rows(source)
        lists: dict[str, set[str]] = defaultdict(set)
        for _, row in rows:
            lists[row["_id"]].add(source_code(row["source"]))
        taken: set[str] = set()
        entities: list[Entity] = []
        for line, row in rows:
            source_id = row["_id"]
            code = source_code(row["source"])
            if len(lists[source_id]) > 1 and code != SDN:
                source_id = f"{source_id}-{code}"
            if source_id in taken:
                base, n = source_id, 2
                while f"{base}-{n}" in taken:
                    n += 1
                source_id = f"{base}-{n}"
                warnings.append(
                    f"{source.name}, line {line}: {row['_id']} appears again on "
                    f"{code}; kept as {source_id}"
                )
            taken.add(source_id)
            entities.append(_entity(source.name, line, row, source_id, list_id, warnings))
        return ParsedList(list_id, unique_entities(source.name, entities), None, warnings)


def _read_rows(source: SourceData) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """Rows as dicts with the line each starts on; refuse a damaged or foreign CSV."""
    text = source.text()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    warnings: list[str] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise EmptyFileError(source.name, "the file is empty", line=1)
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            found = len(COLUMNS) - len(missing)
            raise FormatError(
                source.name,
                f"missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(c) for c in missing)} (found {found} of {len(COLUMNS)} "
                "CSL columns): this is not a trade.gov consolidated.csv",
                line=1,
            )
        extra = [h for h in header if h not in COLUMNS]
        if extra:
            warnings.append(f"{source.name}: columns not read: {', '.join(extra)}")
        line = reader.line_num + 1
        for record in reader:
            if record:
                if len(record) != len(header):
                    raise FormatError(
                        source.name,
                        f"the row has {len(record)} fields where the header has "
                        f"{len(header)} (truncated file or stray quote?)",
                        line=line,
                    )
                rows.append((line, dict(zip(header, record, strict=True))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(
            source.name, f"is not valid CSV: {exc}", line=reader.line_num or 1
        ) from exc
    if not rows:
        raise EmptyFileError(source.name, "the file holds a header but no entries", line=1)
    return rows, warnings


def _entity(
    name: str,
    line: int,
    row: dict[str, str],
    source_id: str,
    list_id: ListId,
    warnings: list[str],
) -> Entity:
    """One row as an entity."""
    if not row["_id"].strip():
        raise FormatError(name, "the row has no _id", line=line)
    if not row["name"].strip():
        raise FormatError(name, f"row {row['_id']} has no name", line=line)
    kind = row["type"].strip().lower()
    schema = SCHEMAS.get(kind)
    if schema is None:
        warnings.append(f"{name}, line {line}: unknown type {row['type']!r}, read as LegalEntity")
        schema = "LegalEntity"
    builder = EntityBuilder(list_id, source_id, schema)
    builder.add_name(row["name"])
    for alt in _split(row["alt_names"]):
        _alt_name(builder, alt)
    builder.add("publisher", row["source"])
    for program in _split(row["programs"]):
        builder.add_program(program)
    builder.add("position", row["title"])
    for address in _split(row["addresses"]):
        _address(builder, address)
    for notice in _split(row["federal_register_notice"]):
        builder.add_legal_basis(notice)
    builder.set_listed_on(parse_date(row["start_date"]))
    _notes(builder, row)
    _vessel(builder, row)
    for value in _split(row["dates_of_birth"]):
        for date in parse_dates(value) or [value]:
            _put(builder, "birthDate", date)
    for value in _split(row["places_of_birth"]):
        builder.add("birthPlace", value)
    person = builder.schema == "Person"
    for value in _split(row["citizenships"]):
        _put(builder, "citizenship" if person else "country", value)
    for value in _split(row["nationalities"]):
        _put(builder, "nationality" if person else "country", value)
    for url in (row["source_list_url"], row["source_information_url"]):
        _put(builder, "sourceUrl", url)
    for item in _split(row["ids"]):
        _id_item(builder, item)
    for target in linked_to(row["remarks"]):
        builder.add_link("linked_to", target)
    number = row["entity_number"].strip()
    if number:
        target_list = "us_ofac_sdn" if source_code(row["source"]) == SDN else "us_ofac_cons"
        builder.add_link("same_as", row["name"], number, target_list)
    return builder.build()


def _alt_name(builder: EntityBuilder, alt: str) -> None:
    """BIS and State write "X; and Y", "f.k.a. Z", "X, f.k.a., Z" and "X (f.k.a., Z)":
    the joining word is dropped and the former name goes to previousName."""
    if alt.startswith("and "):
        alt = alt[4:]
    match = FORMERLY.match(alt)
    if match is not None:
        builder.add_name(match["current"], kind="alias")
        builder.add_name(match["former"] or match["former2"], kind="previousName")
    elif alt.lower().startswith("f.k.a. "):
        builder.add_name(alt[7:], kind="previousName")
    elif alt.lower().startswith("a.k.a. "):
        builder.add_name(alt[7:], kind="alias")
    else:
        builder.add_name(alt, kind="alias")


def _address(builder: EntityBuilder, address: str) -> None:
    """Read "street, city, postcode, CC": the code goes to ``country``; the address keeps
    the list's wording (empty parts dropped). A bare code is only a country. A final
    pair of letters that is no country (a US state such as "NM") stays in the address."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if parts and COUNTRY_CODE.match(parts[-1]) and _clean("Thing", "country", parts[-1]):
        _put(builder, "country", parts[-1])
        if len(parts) == 1:
            return
    builder.add("address", ", ".join(parts))


def _notes(builder: EntityBuilder, row: dict[str, str]) -> None:
    builder.add("notes", row["remarks"])
    labelled = (
        ("License requirement", "license_requirement"),
        ("License policy", "license_policy"),
        ("Standard order", "standard_order"),
        ("End date", "end_date"),
        ("Vessel owner", "vessel_owner"),
    )
    for label, column in labelled:
        value = row[column].strip()
        if value:
            builder.add("notes", f"{label}: {value}")


def _vessel(builder: EntityBuilder, row: dict[str, str]) -> None:
    _put(builder, "callSign", row["call_sign"])
    _put(builder, "type", row["vessel_type"])
    _put(builder, "tonnage", row["gross_tonnage"])
    _put(builder, "grossRegisteredTonnage", row["gross_registered_tonnage"])
    _put(builder, "flag", row["vessel_flag"])


def _id_item(builder: EntityBuilder, item: str) -> None:
    """Route one ``ids`` item: a property, a note, or an identifier with its country
    and dates (two dates are expiry then issue; one could be either)."""
    type_, value, country, dates = parse_id_item(item)
    if value == "":
        builder.add("notes", item)
        return
    prop = ID_PROPERTIES.get(type_)
    if prop is not None:
        _put(builder, prop, (parse_date(value) or value) if prop in DATE_PROPERTIES else value)
        return
    if (
        type_ in NOTE_TYPES
        or type_.endswith((":", "-"))
        or "Date" in type_
        or "information" in type_.lower()
    ):
        where = f" ({country})" if country else ""
        builder.add("notes", f"{type_.rstrip(' :-')}: {value}{where}")
        return
    if len(dates) == 2:
        note = f"expires {dates[0]}; issued {dates[1]}"
    elif dates:
        note = f"issued or expires {dates[0]}"
    else:
        note = None
    builder.add_identifier(type_, value, country, note)
    if type_ in ID_ALSO:
        _put(builder, ID_ALSO[type_], value)
    if value.upper().startswith("IMO") and builder.schema == "Vessel":
        _put(builder, "imoNumber", value)
