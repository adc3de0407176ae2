"""The UN Security Council consolidated list, in its XML form (``consolidated.xml``).

The file has ``<INDIVIDUALS>`` and ``<ENTITIES>`` under ``<CONSOLIDATED_LIST
dateGenerated=...>``; each entry is keyed by its ``REFERENCE_NUMBER`` (``CDi.001``).
Names come in up to four parts plus ``NAME_ORIGINAL_SCRIPT`` (often Arabic or Cyrillic,
which matters for screening across scripts). Alias ``QUALITY`` is ``Good``/``Low`` for
individuals and ``a.k.a.``/``f.k.a.`` for entities. Aliases can carry their own date
and place of birth; those are kept on the entity, since the person used them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lxml import etree

from caveat.entity import EntityBuilder
from caveat.exc import EmptyFileError, FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date
from caveat.sources.reading import SourceData, local_name, parse_xml, source_line
from caveat.types import ListId

__all__ = ["UnXmlParser"]

ROOT = "CONSOLIDATED_LIST"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# Other entries are cited in COMMENTS1 by reference, e.g. "Jamil Mukulu (CDi.015)".
REFERENCE = re.compile(r"\b([A-Z]{2}[ie]\.\d{3})\b")
# Spans wider than this are not expanded year by year (the widest real one is 6 years).
MAX_YEAR_SPAN = 20
DEFAULT_LIST_TYPE = "UN List"
XML_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})$")
YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _text(element: etree._Element | None) -> str | None:
    """The element's whitespace-normalised text, or None when it is absent or blank."""
    if element is None or element.text is None:
        return None
    value = " ".join(element.text.split())
    return value or None


def _child(element: etree._Element, tag: str) -> str | None:
    return _text(element.find(tag))


def _values(element: etree._Element, tag: str) -> list[str]:
    """Texts of ``<TAG><VALUE>..</VALUE></TAG>`` groups, which may repeat."""
    out: list[str] = []
    for group in element.findall(tag):
        for value in group.findall("VALUE"):
            text = _text(value)
            if text is not None and text not in out:
                out.append(text)
    return out


def _join(parts: Iterable[str | None], note: str | None = None) -> str | None:
    """Join place parts, skipping blanks and immediate repeats; append a note in brackets."""
    kept: list[str] = []
    for part in parts:
        if part is not None and (not kept or kept[-1] != part):
            kept.append(part)
    if note is not None:
        kept_text = ", ".join(kept)
        return f"{kept_text} ({note})" if kept_text else note
    return ", ".join(kept) or None


class UnXmlParser(ListParser):
    """Parses the UN Security Council consolidated XML into Person and Organization."""

    format = "un_xml"
    version = "1"
    title = "UN Security Council consolidated XML"
    list_id: ListId = "un_sc"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if b"<" + ROOT.encode() in head:
            return FileMatch(cls.format, "main", cls.list_id)
        return None

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        root = parse_xml(source, ROOT, self.title)
        warnings: list[str] = []
        publish_date = parse_date(root.get("dateGenerated"))
        if publish_date is None:
            warnings.append(f"{source.name}: no readable dateGenerated on <{ROOT}>")
        builders: list[EntityBuilder] = []
        mentions: list[list[str]] = []
        for element in root.iter("INDIVIDUAL", "ENTITY"):
            builder, refs = self._entry(source.name, element, list_id)
            builders.append(builder)
            mentions.append(refs)
        if not builders:
            raise EmptyFileError(source.name, f"the <{ROOT}> holds no INDIVIDUAL or ENTITY entries")
        captions = {b.source_id: b.build().caption for b in builders}
        for builder, refs in zip(builders, mentions, strict=True):
            for ref in refs:
                if ref != builder.source_id:
                    builder.add_link("mentions", captions.get(ref), ref, None)
        entities = [b.build() for b in builders]
        return ParsedList(list_id, unique_entities(source.name, entities), publish_date, warnings)

    def _entry(
        self, name: str, element: etree._Element, list_id: ListId
    ) -> tuple[EntityBuilder, list[str]]:
        """One INDIVIDUAL or ENTITY, and the references its comments cite."""
        tag = local_name(element)
        reference = _child(element, "REFERENCE_NUMBER")
        if reference is None:
            raise FormatError(
                name, f"an <{tag}> has no REFERENCE_NUMBER", line=source_line(element), element=tag
            )
        person = tag == "INDIVIDUAL"
        builder = EntityBuilder(list_id, reference, "Person" if person else "Organization")
        parts = [_child(element, part) for part in NAME_PARTS]
        full = " ".join(p for p in parts if p is not None)
        if full == "":
            raise FormatError(
                name, f"entry {reference} has no name", line=source_line(element), element=tag
            )
        builder.add_name(full)
        if person:
            _name_parts(builder, [p for p in parts if p is not None])
        builder.add_name(_child(element, "NAME_ORIGINAL_SCRIPT"), kind="alias")
        for alias in element.findall(f"{tag}_ALIAS"):
            _alias(builder, alias)
        builder.add_program(_child(element, "UN_LIST_TYPE"))
        listed = _child(element, "LISTED_ON")
        builder.set_listed_on(_xml_date(listed))
        if listed is not None and _xml_date(listed) is None:
            builder.add("notes", f"Listed on: {listed}")
        comments = _child(element, "COMMENTS1")
        builder.add("notes", comments)
        for value in _values(element, "TITLE"):
            builder.add("title", value)
        for value in _values(element, "DESIGNATION"):
            builder.add("position", value)
        for value in _values(element, "NATIONALITY"):
            builder.add("nationality", value)
        builder.add("gender", _child(element, "GENDER"))
        for list_type in _values(element, "LIST_TYPE"):
            if list_type != DEFAULT_LIST_TYPE:
                builder.add("notes", f"UN list type: {list_type}")
        for address in element.findall(f"{tag}_ADDRESS"):
            _address(builder, address)
        for dob in element.findall("INDIVIDUAL_DATE_OF_BIRTH"):
            _birth_date(builder, dob)
        for pob in element.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
            builder.add("birthPlace", _place(pob))
            builder.add("birthCountry", _child(pob, "COUNTRY"))
        for document in element.findall("INDIVIDUAL_DOCUMENT"):
            _document(builder, document)
        data_id = _child(element, "DATAID")
        if data_id is not None:
            builder.add("notes", f"UN data id {data_id}")
        updated = _values(element, "LAST_DAY_UPDATED")
        if updated:
            builder.add("notes", f"Last updated by the UN: {', '.join(updated)}")
        refs: list[str] = []
        for ref in REFERENCE.findall(comments or ""):
            if ref not in refs:
                refs.append(ref)
        return builder, refs


def _xml_date(value: str | None) -> str | None:
    """An xs:date, which may carry a time zone ("2015-04-07-04:00")."""
    if value is not None and XML_DATE.match(value):
        return parse_date(value[:10])
    return parse_date(value)


def _name_parts(builder: EntityBuilder, parts: list[str]) -> None:
    """FtM name parts: the first is the given name, the last the family name, and any
    between are second and middle names (UN names are often patronymic chains)."""
    builder.add("firstName", parts[0])
    if len(parts) > 1:
        builder.add("lastName", parts[-1])
    if len(parts) > 2:
        builder.add("secondName", parts[1])
    if len(parts) > 3:
        builder.add("middleName", parts[2])


def _alias(builder: EntityBuilder, alias: etree._Element) -> None:
    """Add one alias by its QUALITY; empty placeholder aliases are skipped."""
    name = _child(alias, "ALIAS_NAME")
    if name is None:
        return
    quality = (_child(alias, "QUALITY") or "").lower().replace(" ", "")
    if quality.startswith(("f.k.a", "fka", "formerly")):
        kind = "previousName"
    elif quality == "low":
        kind = "weakAlias"
    else:
        kind = "alias"
    builder.add_name(name, kind=kind)
    dob = _child(alias, "DATE_OF_BIRTH")
    city = _child(alias, "CITY_OF_BIRTH")
    country = _child(alias, "COUNTRY_OF_BIRTH")
    note = _child(alias, "NOTE")
    details: list[str] = []
    if dob is not None:
        builder.add("birthDate", _xml_date(dob) or dob)
        details.append(f"born {dob}")
    place = _join([city, country])
    if place is not None:
        builder.add("birthPlace", place)
        builder.add("birthCountry", country)
        details.append(f"in {place}")
    if note is not None:
        details.append(note)
    if details:
        builder.add("notes", f"Alias {name}: {'; '.join(details)}")


def _address(builder: EntityBuilder, address: etree._Element) -> None:
    """One address as a readable line; its country also goes to ``country``."""
    country = _child(address, "COUNTRY")
    builder.add("country", country)
    local = [_child(address, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")]
    note = _child(address, "NOTE")
    if any(p is not None for p in local) or note is not None:
        builder.add("address", _join([*local, country], note))


def _place(element: etree._Element) -> str | None:
    parts = [_child(element, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
    return _join(parts, _child(element, "NOTE"))


def _birth_date(builder: EntityBuilder, dob: etree._Element) -> None:
    """EXACT/APPROXIMATELY give a DATE or a YEAR; BETWEEN gives FROM_YEAR..TO_YEAR,
    which becomes every year in the span. A NOTE is kept in ``notes``; when nothing
    else is given it is read as a date, else for the years it names ("Between Aug. and
    Sep. 1977"), else kept unparsed ("24/06/1402 (Hijri Calendar)")."""
    kind = _child(dob, "TYPE_OF_DATE")
    note = _child(dob, "NOTE")
    found = False
    for tag in ("DATE", "YEAR"):
        value = _child(dob, tag)
        if value is not None:
            builder.add("birthDate", _xml_date(value) or value)
            found = True
    start, end = _child(dob, "FROM_YEAR"), _child(dob, "TO_YEAR")
    if start is not None and end is not None and start.isdigit() and end.isdigit():
        first, last = int(start), int(end)
        if first <= last <= first + MAX_YEAR_SPAN:
            for year in range(first, last + 1):
                builder.add("birthDate", str(year))
        else:
            builder.add("birthDate", start)
            builder.add("birthDate", end)
        found = True
    else:
        for value in (start, end):
            if value is not None:
                builder.add("birthDate", value)
                found = True
    if note is None:
        return
    if not found:
        parsed = parse_date(note)
        years = [parsed] if parsed is not None else YEAR.findall(note)
        for value in years or [note]:
            builder.add("birthDate", value)
    label = f" ({kind.lower()})" if kind else ""
    builder.add("notes", f"Date of birth{label}: {note}")


def _document(builder: EntityBuilder, document: etree._Element) -> None:
    """An identity document: type (with the finer TYPE_OF_DOCUMENT2), number, issuing
    country, and issue date, city and note kept as the identifier's note. Documents
    without a number (the number is then often inside the note) go to ``notes``."""
    kind = _child(document, "TYPE_OF_DOCUMENT")
    detail = _child(document, "TYPE_OF_DOCUMENT2")
    if detail is not None:
        detail = detail.rstrip(" :")
        if detail.lower() in ("", "number") or (kind and detail.lower() == kind.lower()):
            detail = None
    type_ = " / ".join(t for t in (kind, detail) if t) or "Identification document"
    issuing = _child(document, "ISSUING_COUNTRY")
    country_of_issue = _child(document, "COUNTRY_OF_ISSUE")
    country = issuing or country_of_issue
    notes: list[str] = []
    if issuing is not None and country_of_issue is not None and issuing != country_of_issue:
        notes.append(f"country of issue {country_of_issue}")
    issued = _child(document, "DATE_OF_ISSUE")
    if issued is not None:
        notes.append(f"issued {issued}")
    city = _child(document, "CITY_OF_ISSUE")
    if city is not None:
        notes.append(f"in {city}")
    note = _child(document, "NOTE")
    if note is not None:
        notes.append(note)
    number = _child(document, "NUMBER")
    if number is not None:
        builder.add_identifier(type_, number, country, "; ".join(notes) or None)
    elif len(document) > 0:
        where = f" ({country})" if country else ""
        builder.add("notes", f"{type_}{where}: {'; '.join(notes) or 'no number given'}")
