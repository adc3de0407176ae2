"""The EU Financial Sanctions Files (FSF) XML export of the EU consolidated list.

The file (``xmlFullSanctionsList_1_1``, schema ``schema_1_1.xsd``) has the root
``<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate=...>`` and one
``<sanctionEntity>`` per listed person or organisation. Everything is held in attributes:

- ``sanctionEntity``: ``logicalId`` (the entry's reference, our ``source_id``),
  ``euReferenceNumber``, ``unitedNationId``, ``designationDate``, ``designationDetails``,
  ``delistingDate``; children ``remark`` and ``additionalInformation`` (key/value).
- ``regulation``: ``programme``, ``numberTitle``, ``publicationDate``, ``publicationUrl``.
- ``subjectType``: ``code`` ``person`` or ``enterprise``.
- ``nameAlias``: ``wholeName``, ``firstName``, ``middleName``, ``lastName``, ``function``,
  ``gender``, ``title``, ``nameLanguage``, ``strong``.
- ``citizenship``, ``birthdate`` (``birthdate``, ``dayOfMonth``, ``monthOfYear``,
  ``year``, ``yearRangeFrom``, ``yearRangeTo``, ``city``, ``place``, ``region``,
  country), ``address`` (``street``, ``poBox``, ``zipCode``, ``city``, ``place``,
  ``region``, country, ``contactInfo`` key/value children) and ``identification``
  (``identificationTypeCode``/``Description``, ``number``, ``latinNumber``, ``issuedBy``,
  ``issueDate``, ``validFrom``, ``validTo``, ``nameOnDocument``, status flags, country).

Countries come as ``countryIso2Code`` plus ``countryDescription``; ``00``/``UNKNOWN``
means none. How this parser reads what the documentation leaves open:

- The first strong ``nameAlias`` is the ``name``; other strong ones are ``alias`` and
  ``strong="false"`` ones ``weakAlias``. ``nameLanguage`` is not kept (Caveat's
  properties carry no language).
- ``listed_on`` is ``designationDate``; files without it fall back to the earliest
  regulation ``publicationDate``.
- ``unitedNationId`` becomes a ``same_as`` link to the UN list (``un_sc``), whose entries
  are keyed by their UN reference number.
- Enterprises become ``Organization``; their ``citizenship`` is their ``country``.
- ``regulationSummary`` children (per-value provenance) are not kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from caveat.entity import Entity, EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date
from caveat.sources.reading import SourceData, local_name, parse_xml, source_line
from caveat.types import ListId

__all__ = ["EuFsfXmlParser"]

UN_LIST: ListId = "un_sc"
UNKNOWN_COUNTRIES = {"", "00", "UNKNOWN"}
EXPORT_ROOT = re.compile(rb"<(?:[\w.-]+:)?export[\s>]")
ID_LABELS = {
    "passport": "Passport",
    "id": "National identification card",
    "regnumber": "Registration Number",
    "fiscalcode": "Fiscal code",
    "swiftbic": "SWIFT/BIC",
    "ssn": "Social Security Number",
    "other": "Other identification number",
}
ID_FLAGS = (
    ("diplomatic", "diplomatic"),
    ("knownExpired", "known expired"),
    ("knownFalse", "known false"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by issuer"),
)
CONTACT_PROPS = {"phone": "phone", "tel": "phone", "telephone": "phone", "email": "email"}
CONTACT_PROPS |= {"web": "website", "website": "website", "url": "website"}


class EuFsfXmlParser(ListParser):
    """The EU consolidated list as the FSF XML 1.1 export."""

    format = "eu_fsf_xml"
    version = "1"
    title = "EU Financial Sanctions Files XML"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if b"fpi/fsd/export" in head or (
            EXPORT_ROOT.search(head) is not None and b"sanctionEntity" in head
        ):
            return FileMatch(cls.format, "main", "eu_fsf")
        return None

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        root = parse_xml(source, "export", self.title)
        warnings: list[str] = []
        entities: list[Entity] = []
        for element in root:
            if local_name(element) == "sanctionEntity":
                entities.append(_entity(source.name, element, list_id, warnings))
        if not entities:
            raise FormatError(source.name, "the export holds no <sanctionEntity> entries")
        publish = parse_date(root.get("generationDate"))
        return ParsedList(list_id, unique_entities(source.name, entities), publish, warnings)


def _attr(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    """Direct children with this local name, in any namespace (matched inside lxml)."""
    return list(element.iterchildren("{*}" + name))


def _texts(element: etree._Element, name: str) -> list[str]:
    out = []
    for child in _children(element, name):
        text = " ".join((child.text or "").split())
        if text:
            out.append(text)
    return out


def _country(element: etree._Element) -> tuple[str | None, str | None]:
    """The ISO code and the description, each None when the file says 'unknown'."""
    code = _attr(element, "countryIso2Code")
    label = _attr(element, "countryDescription")
    code = None if code is None or code.upper() in UNKNOWN_COUNTRIES else code
    label = None if label is None or label.upper() in UNKNOWN_COUNTRIES else label
    return code, label


def _join(*parts: str | None) -> str | None:
    text = ", ".join(p for p in parts if p)
    return text or None


def _labelled(key: str | None, value: str | None) -> str | None:
    """``"Key: value"`` for key/value pairs the schema leaves open."""
    if value is None:
        return None
    return value if not key else f"{key[:1].upper()}{key[1:].lower()}: {value}"


def _entity(name: str, element: etree._Element, list_id: ListId, warnings: list[str]) -> Entity:
    logical_id = _attr(element, "logicalId")
    if logical_id is None:
        raise FormatError(name, "a <sanctionEntity> has no logicalId", line=source_line(element))
    codes = [_attr(s, "code") or "" for s in _children(element, "subjectType")]
    if "person" in codes:
        schema = "Person"
    elif "enterprise" in codes:
        schema = "Organization"
    else:
        schema = "LegalEntity"
        warnings.append(f"entry {logical_id}: unknown subject type {codes!r}, read as LegalEntity")
    builder = EntityBuilder(list_id, logical_id, schema)
    _names(builder, element)
    if not builder.has("name"):
        warnings.append(f"entry {logical_id} (line {element.sourceline}) has no name")
    _regulations(builder, element)
    for citizenship in _children(element, "citizenship"):
        code, label = _country(citizenship)
        builder.add("citizenship" if schema == "Person" else "country", code or label)
    for birth in _children(element, "birthdate"):
        _birth(builder, birth)
    for address in _children(element, "address"):
        _address(builder, address)
    for ident in _children(element, "identification"):
        _identification(builder, ident)
    builder.add("notes", _attr(element, "designationDetails"))
    for remark in _texts(element, "remark"):
        builder.add("notes", remark)
    for info in _children(element, "additionalInformation"):
        builder.add("notes", _labelled(_attr(info, "key"), _attr(info, "value")))
    reference = _attr(element, "euReferenceNumber")
    if reference is not None:
        builder.add("notes", f"EU reference number: {reference}")
    delisted = _attr(element, "delistingDate")
    if delisted is not None:
        builder.add("notes", f"Delisting date: {delisted}")
    un_id = _attr(element, "unitedNationId")
    if un_id is not None:
        builder.add_link("same_as", target_source_id=un_id, target_list=UN_LIST)
    return builder.build()


def _names(builder: EntityBuilder, element: etree._Element) -> None:
    person = builder.schema == "Person"
    for alias in _children(element, "nameAlias"):
        first = _attr(alias, "firstName")
        middle = _attr(alias, "middleName")
        last = _attr(alias, "lastName")
        whole = _attr(alias, "wholeName") or " ".join(p for p in (first, middle, last) if p)
        if alias.get("strong", "true").strip().lower() == "false":
            kind = "weakAlias"
        else:
            kind = "alias" if builder.has("name") else "name"
        builder.add_name(whole, kind=kind)
        if person:
            builder.add("firstName", first)
            builder.add("middleName", middle)
            builder.add("lastName", last)
            builder.add("position", _attr(alias, "function"))
            builder.add("title", _attr(alias, "title"))
            builder.add("gender", _attr(alias, "gender"))
        else:
            function = _attr(alias, "function")
            builder.add("notes", None if function is None else f"Function: {function}")
        for remark in _texts(alias, "remark"):
            builder.add("notes", remark)
    if not builder.has("name"):
        # Only weak names: the first one still has to serve as the caption.
        weak = [a for a in _children(element, "nameAlias") if _attr(a, "wholeName")]
        if weak:
            builder.add_name(_attr(weak[0], "wholeName"), kind="name")


def _regulations(builder: EntityBuilder, element: etree._Element) -> None:
    designated = parse_date(_attr(element, "designationDate"))
    builder.set_listed_on(designated)
    for regulation in _children(element, "regulation"):
        builder.add_program(_attr(regulation, "programme"))
        builder.add_legal_basis(_attr(regulation, "numberTitle"))
        url = _attr(regulation, "publicationUrl")
        for text in _texts(regulation, "publicationUrl"):
            url = url or text
        builder.add("sourceUrl", url)
        if designated is None:
            builder.set_listed_on(parse_date(_attr(regulation, "publicationDate")))


def _birth(builder: EntityBuilder, birth: etree._Element) -> None:
    for value in _birth_dates(birth):
        builder.add("birthDate", value)
    code, label = _country(birth)
    place = _join(
        _attr(birth, "place"),
        _attr(birth, "city"),
        _attr(birth, "zipCode"),
        _attr(birth, "region"),
        label,
    )
    builder.add("birthPlace", place)
    builder.add("birthCountry", code or label)
    if (_attr(birth, "circa") or "").lower() == "true":
        dates = ", ".join(_birth_dates(birth)) or "unknown"
        builder.add("notes", f"Birth date {dates} is approximate (circa)")
    for remark in _texts(birth, "remark"):
        builder.add("notes", remark)


def _birth_dates(birth: etree._Element) -> list[str]:
    full = parse_date(_attr(birth, "birthdate"))
    if full is not None:
        return [full]
    year = _attr(birth, "year")
    if year is not None and year.isdigit():
        month = _attr(birth, "monthOfYear")
        day = _attr(birth, "dayOfMonth")
        text = year
        if month is not None and month.isdigit():
            text += f"-{int(month):02d}"
            if day is not None and day.isdigit():
                text += f"-{int(day):02d}"
        parsed = parse_date(text) or parse_date(year)
        return [parsed] if parsed is not None else []
    start, end = _attr(birth, "yearRangeFrom"), _attr(birth, "yearRangeTo")
    if start is not None and end is not None and start.isdigit() and end.isdigit():
        low, high = int(start), int(end)
        if low <= high <= low + 20:
            return [str(y) for y in range(low, high + 1)]
    return [d for d in (parse_date(start), parse_date(end)) if d is not None]


def _address(builder: EntityBuilder, address: etree._Element) -> None:
    code, label = _country(address)
    po_box = _attr(address, "poBox")
    text = _join(
        _attr(address, "street"),
        None if po_box is None else f"P.O. Box {po_box}",
        _attr(address, "zipCode"),
        _attr(address, "city"),
        _attr(address, "place"),
        _attr(address, "region"),
        label,
    )
    builder.add("address", text)
    builder.add("country", code or label)
    for contact in _children(address, "contactInfo"):
        key, value = _attr(contact, "key") or "", _attr(contact, "value")
        prop = CONTACT_PROPS.get(key.lower())
        if prop is not None:
            builder.add(prop, value)
        else:
            builder.add("notes", _labelled(key, value))
    for remark in _texts(address, "remark"):
        builder.add("notes", f"Address note: {remark}")


def _identification(builder: EntityBuilder, ident: etree._Element) -> None:
    code = _attr(ident, "identificationTypeCode") or ""
    kind = _attr(ident, "identificationTypeDescription") or ID_LABELS.get(code.lower(), code)
    number = _attr(ident, "number") or _attr(ident, "latinNumber")
    country, label = _country(ident)
    notes = list(_texts(ident, "remark"))
    latin = _attr(ident, "latinNumber")
    if latin is not None and latin != number:
        notes.append(f"latin number {latin}")
    for attr, label_text in (
        ("issuedBy", "issued by"),
        ("issueDate", "issued on"),
        ("validFrom", "valid from"),
        ("validTo", "valid to"),
        ("nameOnDocument", "name on document"),
        ("region", "region"),
    ):
        value = _attr(ident, attr)
        if value is not None:
            notes.append(f"{label_text} {value}")
    notes.extend(text for attr, text in ID_FLAGS if (_attr(ident, attr) or "") == "true")
    builder.add_identifier(
        kind or "Identification", number, country or label, "; ".join(notes) or None
    )
