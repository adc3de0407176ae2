"""The UK Sanctions List (FCDO) XML: ``UK-Sanctions-List.xml``.

The root ``<Designations>`` holds ``<DateGenerated>`` (``dd/mm/yyyy``) and one
``<Designation>`` per person, entity or ship:

- ``UniqueID`` (e.g. ``RUS0251``, our ``source_id``), ``OFSIGroupID``,
  ``UNReferenceNumber``, ``DateDesignated``, ``LastUpdated``, ``RegimeName``,
  ``IndividualEntityShip`` (``Individual``/``Entity``/``Ship``), ``DesignationSource``,
  ``SanctionsImposed`` (``|``-separated), ``OtherInformation``, ``UKStatementofReasons``.
- ``Names/Name``: ``Name1`` … ``Name6`` (``Name6`` is the family or whole name),
  ``NameType`` (``Primary Name``, ``Primary Name Variation``, ``Alias``) and
  ``AliasStrength`` (``Good quality a.k.a`` / ``Low quality a.k.a``);
  ``NonLatinNames/NonLatinName``: ``NameNonLatinScript``, ``NonLatinScriptLanguage``.
- ``Titles/Title``, ``Addresses/Address`` (``AddressLine1``-``6``,
  ``AddressPostalCode``, ``AddressCountry``), ``PhoneNumbers``, ``EmailAddresses``,
  ``Websites``.
- ``IndividualDetails/Individual``: ``DOBs/DOB`` (``dd/mm/yyyy``, with ``dd``/``mm``
  for unknown parts), ``Nationalities``, ``PassportDetails/Passport`` (``PassportNumber``,
  ``PassportAdditionalInformation``), ``NationalIdentifierDetails/NationalIdentifier``
  (``NationalIdentifierNumber``, ``…AdditionalInformation``), ``Positions``, ``Genders``,
  ``BirthDetails/Location`` (``TownOfBirth``, ``CountryOfBirth``).
- ``EntityDetails/Entity``: ``TypeOfEntities``, ``BusinessRegistrationNumbers``,
  ``ParentCompanies``, ``Subsidiaries``.
- ``ShipDetails/Ship``: ``IMONumbers``, ``CurrentOwnerOperators``,
  ``CurrentBelievedFlagOfShips``, ``PreviousFlags``, ``TypeOfShipDetails/TypeOfShip``,
  ``TonnageOfShipDetails/TonnageOfShip``, ``YearsBuilt/YearBuilt``.

Assumptions where the published guidance is incomplete: ``PreviousOwnerOperator``,
``LengthOfShip`` and ``HullIdentificationNumber`` are read by those element names (they
mirror the CSV columns); any other element with text that this parser does not know is
kept in ``notes`` as ``"Element: value"``, so a new field is never lost silently.
Passports carry no country element: the issuing country is taken from a country name in
``PassportAdditionalInformation`` when there is one (the text is kept as the note).
Entities become ``Organization``, ships ``Vessel``. ``UNReferenceNumber`` becomes a
``same_as`` link to the UN list (``un_sc``); ``OFSIGroupID`` is kept in ``notes``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from lxml import etree

from caveat.countries import country_code
from caveat.entity import Entity, EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date
from caveat.sources.reading import SourceData, local_name, parse_xml, source_line
from caveat.types import ListId

__all__ = ["UkXmlParser"]

UN_LIST: ListId = "un_sc"
SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
UK_DATE = re.compile(r"^(\d{1,2}|dd)/(\d{1,2}|mm)/(\d{4})$", re.IGNORECASE)
ADDRESS_PARTS = (*(f"AddressLine{i}" for i in range(1, 7)), "AddressPostalCode", "AddressCountry")
REGISTRATION_LABELS = re.compile(
    r"\b(INN|OGRN|KPP|OKPO|TIN|BIN|SWIFT(?:/BIC)?|Tax (?:Identification )?(?:Number|No\.?)"
    r"|(?:Company |Business )?Registration (?:Number|No\.?))\s*[:\-–]?\s*([A-Z0-9][\w/-]*\d\w*)",
    re.IGNORECASE,
)
REGISTRATION_TYPES = {"tin": "Tax Identification Number (TIN)", "bin": "BIN"}
# Leaf elements this parser reads; any other leaf with text is kept in notes.
KNOWN = {
    "DateGenerated", "LastUpdated", "DateDesignated", "UniqueID", "OFSIGroupID",
    "UNReferenceNumber", "NameType", "AliasStrength", "NameNonLatinScript",
    "NonLatinScriptType", "NonLatinScriptLanguage", "Title", "RegimeName",
    "IndividualEntityShip", "DesignationSource", "SanctionsImposed", "OtherInformation",
    "UKStatementofReasons", "PhoneNumber", "EmailAddress", "Website", "DOB", "Nationality",
    "PassportNumber", "PassportAdditionalInformation", "NationalIdentifierNumber",
    "NationalIdentifierAdditionalInformation", "Position", "Gender", "TownOfBirth",
    "CountryOfBirth", "TypeOfEntity", "BusinessRegistrationNumber", "ParentCompany",
    "Subsidiary", "IMONumber", "CurrentOwnerOperator", "PreviousOwnerOperator",
    "CurrentBelievedFlagOfShip", "PreviousFlag", "TypeOfShip", "TonnageOfShip",
    "LengthOfShip", "YearBuilt", "HullIdentificationNumber",
    *(f"Name{i}" for i in range(1, 7)), *ADDRESS_PARTS,
}  # fmt: skip

Index = dict[str, list[etree._Element]]


class UkXmlParser(ListParser):
    """The FCDO's UK Sanctions List in its XML form."""

    format = "uk_xml"
    version = "1"
    title = "UK Sanctions List XML"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if b"<Designations" in head:
            return FileMatch(cls.format, "main", "gb_hmt")
        return None

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        root = parse_xml(source, "Designations", self.title)
        publish = None
        warnings: list[str] = []
        entities: list[Entity] = []
        for element in root:
            tag = local_name(element)
            if tag == "DateGenerated":
                publish = uk_date(_text(element))
            elif tag == "Designation":
                entities.append(_designation(source.name, element, list_id, warnings))
        if not entities:
            raise FormatError(source.name, "the list holds no <Designation> entries")
        return ParsedList(list_id, unique_entities(source.name, entities), publish, warnings)


def uk_date(text: str | None) -> str | None:
    """Read ``dd/mm/yyyy`` where ``dd`` and ``mm`` may be literal placeholders."""
    if text is None:
        return None
    match = UK_DATE.match(text.strip())
    if match is None:
        return parse_date(text, us_order=False)
    day, month, year = match.groups()
    if not month.isdigit() or int(month) == 0:
        return parse_date(year)
    if not day.isdigit() or int(day) == 0:
        return parse_date(f"{year}-{int(month):02d}")
    return parse_date(f"{year}-{int(month):02d}-{int(day):02d}")


def _text(element: etree._Element) -> str | None:
    raw = element.text
    if raw is None:
        return None
    text = " ".join(raw.split())
    return text or None


def _index(element: etree._Element) -> Index:
    """Every descendant element by its local name, in document order."""
    index: Index = defaultdict(list)
    for child in element.iterdescendants():
        tag = child.tag
        if isinstance(tag, str):
            index[tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag].append(child)
    return index


def _values(index: Index, tag: str) -> list[str]:
    return [t for el in index.get(tag, []) if (t := _text(el)) is not None]


def _child(element: etree._Element, tag: str) -> str | None:
    for child in element.iterchildren("{*}" + tag):
        return _text(child)
    return None


def _country_in(text: str | None) -> str | None:
    """A country named in free text ("Russia, issued 2015"), longest name first."""
    if text is None:
        return None
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size]).strip(".")
            if len(candidate) >= 4 and not candidate.isupper():
                code = country_code(candidate)
                if code is not None:
                    return code
    return None


def _designation(
    name: str, element: etree._Element, list_id: ListId, warnings: list[str]
) -> Entity:
    index = _index(element)
    unique_id = next(iter(_values(index, "UniqueID")), None)
    if unique_id is None:
        raise FormatError(name, "a <Designation> has no UniqueID", line=source_line(element))
    kind = next(iter(_values(index, "IndividualEntityShip")), "")
    schema = SCHEMAS.get(kind.lower())
    if schema is None:
        schema = "LegalEntity"
        warnings.append(f"{unique_id}: unknown IndividualEntityShip {kind!r}, read as LegalEntity")
    builder = EntityBuilder(list_id, unique_id, schema)
    _names(builder, index)
    if not builder.has("name"):
        warnings.append(f"{unique_id} (line {element.sourceline}) has no name")
    for regime in _values(index, "RegimeName"):
        builder.add_program(regime)
        builder.add_legal_basis(regime)
    for designated in _values(index, "DateDesignated"):
        builder.set_listed_on(uk_date(designated))
    for reference in _values(index, "UNReferenceNumber"):
        builder.add_link("same_as", target_source_id=reference, target_list=UN_LIST)
    _contacts(builder, index)
    if schema == "Person":
        _individual(builder, index)
    else:
        for title in _values(index, "Title"):
            builder.add("notes", f"Title: {title}")
    _entity_details(builder, index)
    _ship(builder, index)
    _notes(builder, index)
    return builder.build()


def _names(builder: EntityBuilder, index: Index) -> None:
    person = builder.schema == "Person"
    for name in index.get("Name", []):
        parts = [_child(name, f"Name{i}") for i in range(1, 7)]
        full = " ".join(p for p in parts if p)
        name_type = " ".join((_child(name, "NameType") or "").lower().split())
        strength = (_child(name, "AliasStrength") or "").lower()
        primary = name_type in ("primary name", "")
        if primary and not builder.has("name"):
            kind = "name"
        elif "low quality" in strength:
            kind = "weakAlias"
        else:
            kind = "alias"
        builder.add_name(full, kind=kind)
        if person and name_type.startswith("primary"):
            builder.add("firstName", parts[0])
            for middle in parts[1:5]:
                builder.add("middleName", middle)
            builder.add("lastName", parts[5])
    for non_latin in _values(index, "NameNonLatinScript"):
        builder.add_name(non_latin, kind="alias" if builder.has("name") else "name")


def _contacts(builder: EntityBuilder, index: Index) -> None:
    for address in index.get("Address", []):
        parts = [_child(address, tag) for tag in ADDRESS_PARTS]
        builder.add("address", ", ".join(p for p in parts if p) or None)
        builder.add("country", parts[-1])
    for phone in _values(index, "PhoneNumber"):
        builder.add("phone", phone)
    for emails in _values(index, "EmailAddress"):
        for email in re.split(r"[;,\s]+", emails):
            builder.add("email", email)
    for website in _values(index, "Website"):
        builder.add("website", website)


def _individual(builder: EntityBuilder, index: Index) -> None:
    for title in _values(index, "Title"):
        builder.add("title", title)
    for dob in _values(index, "DOB"):
        builder.add("birthDate", uk_date(dob) or dob)
    for nationality in _values(index, "Nationality"):
        builder.add("nationality", nationality)
    for position in _values(index, "Position"):
        builder.add("position", position)
    for gender in _values(index, "Gender"):
        builder.add("gender", gender)
    for location in index.get("Location", []):
        town, country = _child(location, "TownOfBirth"), _child(location, "CountryOfBirth")
        builder.add("birthPlace", ", ".join(p for p in (town, country) if p) or None)
        builder.add("birthCountry", country)
    for passport in index.get("Passport", []):
        info = _child(passport, "PassportAdditionalInformation")
        number = _child(passport, "PassportNumber")
        builder.add_identifier("Passport", number, _country_in(info), info)
    for ident in index.get("NationalIdentifier", []):
        info = _child(ident, "NationalIdentifierAdditionalInformation")
        number = _child(ident, "NationalIdentifierNumber")
        builder.add_identifier("National Identification Number", number, _country_in(info), info)


def _entity_details(builder: EntityBuilder, index: Index) -> None:
    for kind in _values(index, "TypeOfEntity"):
        builder.add("notes", f"Type of entity: {kind}")
    for raw in _values(index, "BusinessRegistrationNumber"):
        found = list(REGISTRATION_LABELS.finditer(raw))
        for match in found:
            label = REGISTRATION_TYPES.get(match[1].lower(), match[1])
            builder.add_identifier(label, match[2], note=raw)
        if not found:
            builder.add_identifier("Business Registration Number", raw)
    for parent in _values(index, "ParentCompany"):
        builder.add_link("parent company", target_name=parent)
    for subsidiary in _values(index, "Subsidiary"):
        builder.add_link("subsidiary", target_name=subsidiary)


def _ship(builder: EntityBuilder, index: Index) -> None:
    for imo in _values(index, "IMONumber"):
        builder.add_identifier("IMO Number", imo)
    for hin in _values(index, "HullIdentificationNumber"):
        builder.add_identifier("Hull Identification Number (HIN)", hin)
    for owner in _values(index, "CurrentOwnerOperator"):
        builder.add("notes", f"Vessel owner/operator: {owner}")
        builder.add_link("owner/operator", target_name=owner)
    for owner in _values(index, "PreviousOwnerOperator"):
        builder.add("notes", f"Previous vessel owner/operator: {owner}")
    for flag in _values(index, "CurrentBelievedFlagOfShip"):
        builder.add("flag", flag)
    for flag in _values(index, "PreviousFlag"):
        builder.add("pastFlags", flag)
    for kind in _values(index, "TypeOfShip"):
        builder.add("type", kind)
    for tonnage in _values(index, "TonnageOfShip"):
        builder.add("tonnage", tonnage)
    for length in _values(index, "LengthOfShip"):
        builder.add("notes", f"Length of ship: {length}")
    for year in _values(index, "YearBuilt"):
        builder.add("buildDate", year)


def _notes(builder: EntityBuilder, index: Index) -> None:
    for info in _values(index, "OtherInformation"):
        builder.add("notes", info)
    for reasons in _values(index, "UKStatementofReasons"):
        builder.add("notes", f"UK statement of reasons: {reasons}")
    for source in _values(index, "DesignationSource"):
        builder.add("notes", f"Designation source: {source}")
    for imposed in _values(index, "SanctionsImposed"):
        measures = "; ".join(m.strip() for m in imposed.split("|") if m.strip())
        builder.add("notes", f"Sanctions imposed: {measures}")
    for group in _values(index, "OFSIGroupID"):
        builder.add("notes", f"OFSI group ID: {group}")
    for updated in _values(index, "LastUpdated"):
        builder.add("modifiedAt", uk_date(updated) or updated)
    for tag, elements in index.items():
        if tag in KNOWN:
            continue
        for element in elements:
            text = _text(element)
            if text is not None and len(element) == 0:
                builder.add("notes", f"{tag}: {text}")
