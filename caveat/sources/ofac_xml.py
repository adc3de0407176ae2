"""OFAC's ``sdnList`` XML: SDN.XML and the consolidated (non-SDN) ``consolidated.xml``.

One ``<sdnEntry>`` becomes one entity. OFAC packs many unlike facts into ``<idList>``
(websites, gender, secondary-sanctions notices, directive dates, real identifiers);
`add_ofac_detail` routes each to its FollowTheMoney property or to the legal basis, and
the Enhanced XML parser reuses it for its ``<feature>`` elements, which carry the same
type names.

The namespace changed over the years (``http://tempuri.org/sdnList.xsd``, later
``https://sanctionslistservice.ofac.treas.gov/.../exports/XML``), so elements are matched
by local name only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from caveat.entity import Entity, EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date, parse_dates
from caveat.sources.reading import SourceData, parse_xml, source_line
from caveat.types import ListId

__all__ = [
    "Fields",
    "OfacXmlParser",
    "add_ofac_detail",
    "ofac_list_id",
]

SDN_TYPES = {
    "individual": "Person",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
ALIAS_KINDS = {"a.k.a.": "alias", "f.k.a.": "previousName", "n.k.a.": "alias"}
LINKED_TO = re.compile(r"Linked To:\s*([^;]+)", re.IGNORECASE)
IMO = re.compile(r"\bIMO\s*\d{7}\b", re.IGNORECASE)

# OFAC "id" / feature types that are facts about the entry, by lowercased type with
# trailing " :-" removed; anything not listed (and not matched below) is an identifier.
DETAIL_PROPERTIES: dict[str, str] = {
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "gender": "gender",
    "nationality of registration": "jurisdiction",
    "nationality country": "nationality",
    "citizenship country": "citizenship",
    "place of birth": "birthPlace",
    "title": "position",
    "location": "address",
    "target type": "classification",
    "organization type": "sector",
    "vessel call sign": "callSign",
    "other vessel call sign": "callSign",
    "vessel flag": "flag",
    "other vessel flag": "flag",
    "former vessel flag": "pastFlags",
    "vessel type": "type",
    "other vessel type": "type",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "grossRegisteredTonnage",
    "aircraft model": "model",
}
DETAIL_DATES: dict[str, str] = {
    "birthdate": "birthDate",
    "organization established date": "incorporationDate",
    "aircraft manufacture date": "buildDate",
}
# Types whose text only makes sense read as a sentence: kept in notes as "Type: value".
DETAIL_NOTES = ("vessel owner", "aircraft operator", "issuer name", "effective date", "purchase/")
# Types that state why or how the entry is sanctioned: legal basis.
LEGAL_PREFIXES = (
    "additional sanctions information",
    "secondary sanctions risk",
    "executive order",
    "caatsa section",
    "ifca determination",
    "peesa information",
    "transactions prohibited for persons owned or controlled",
)


_LOCAL_NAMES: dict[str, str] = {}  # "{namespace}tag" -> "tag"; a file has few distinct tags


class Fields:
    """An element's children by local name, indexed in one pass.

    Looking children up one by one dominated parse time on large files; an entry's
    handful of children is read once instead.
    """

    __slots__ = ("_by_name", "element")

    def __init__(self, element: etree._Element | None) -> None:
        self.element = element
        self._by_name: dict[str, list[etree._Element]] = {}
        if element is None:
            return
        for item in element:
            tag = item.tag
            if not isinstance(tag, str):
                continue  # an entity reference or processing instruction
            name = _LOCAL_NAMES.get(tag)
            if name is None:
                name = tag[tag.rfind("}") + 1 :]
                if len(_LOCAL_NAMES) < 4096:  # bounded: hostile files may invent tags
                    _LOCAL_NAMES[tag] = name
            found = self._by_name.get(name)
            if found is None:
                self._by_name[name] = [item]
            else:
                found.append(item)

    def all(self, name: str) -> list[etree._Element]:
        return self._by_name.get(name, [])

    def one(self, name: str) -> etree._Element | None:
        found = self._by_name.get(name)
        return found[0] if found else None

    def text(self, name: str) -> str | None:
        """The whitespace-squashed text of the first such child, None when blank."""
        found = self._by_name.get(name)
        if not found or found[0].text is None:
            return None
        return " ".join(found[0].text.split()) or None

    def items(self, container: str, name: str) -> list[etree._Element]:
        """The ``name`` children of the ``container`` child, e.g. idList/id."""
        return Fields(self.one(container)).all(name)


def ofac_list_id(filename: str) -> ListId:
    """OFAC publishes the same formats for SDN and the consolidated non-SDN list."""
    return "us_ofac_cons" if "cons" in filename else "us_ofac_sdn"


def add_ofac_detail(
    builder: EntityBuilder,
    kind: str,
    value: str | None,
    *,
    country: str | None = None,
    note: str | None = None,
) -> None:
    """Put one OFAC typed value (``<id>`` or ``<feature>``) where it belongs.

    Args:
        builder: the entity being built.
        kind: OFAC's type text, e.g. "Website", "Tax ID No.", "Secondary sanctions risk:".
        value: the value as written.
        country: issuing country, for identifiers.
        note: issue/expiry dates or comments, kept with identifiers and notes.
    """
    text = " ".join((value or "").split())
    kind = " ".join(kind.split())
    if text == "":
        return
    key = kind.lower().rstrip(" :-")
    sentence = f"{kind} {text}" if kind.endswith((":", "-")) else f"{kind}: {text}"
    commented = sentence + (f" ({note})" if note else "")
    if key.startswith("listing date"):
        builder.set_listed_on(parse_date(text))
        builder.add("notes", commented)
    elif key.startswith(DETAIL_NOTES):
        builder.add("notes", commented)
    elif key in DETAIL_PROPERTIES or key in DETAIL_DATES or key.startswith(LEGAL_PREFIXES):
        if key in DETAIL_DATES:
            _add_dates(builder, DETAIL_DATES[key], text)
        elif key.startswith(LEGAL_PREFIXES):
            builder.add_legal_basis(sentence)
        elif DETAIL_PROPERTIES[key] == "position" and builder.schema != "Person":
            builder.add("notes", sentence)
        else:
            builder.add(DETAIL_PROPERTIES[key], text)
        if note:  # a comment on the value, e.g. what a second website is
            builder.add("notes", commented)
    else:
        builder.add_identifier(kind, text, country, note)
        if key.startswith("vessel registration") and IMO.search(text):
            builder.add("imoNumber", text)
        elif key.startswith("aircraft manufacturer's serial number"):
            builder.add("serialNumber", text)


def _add_dates(builder: EntityBuilder, prop: str, text: str) -> None:
    """ISO dates where the text reads as dates; otherwise the raw text (kept unparsed)."""
    dates = parse_dates(text)
    for iso in dates:
        builder.add(prop, iso)
    if not dates:
        builder.add(prop, text)


def _full_name(first: str | None, last: str | None) -> str | None:
    parts = [p for p in (first, last) if p]
    return " ".join(parts) if parts else None


class OfacXmlParser(ListParser):
    """OFAC ``sdnList`` XML (SDN.XML, consolidated.xml)."""

    format = "ofac_xml"
    version = "1"
    title = "OFAC sdnList XML"
    roles = ("main",)

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if b"<sdnList" not in head:
            return None
        return FileMatch(cls.format, "main", ofac_list_id(filename))

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        root = parse_xml(source, "sdnList", self.title)
        warnings: list[str] = []
        top = Fields(root)
        info = Fields(top.one("publshInformation"))
        raw_date = info.text("Publish_Date")
        publish_date = parse_date(raw_date)
        if raw_date is not None and publish_date is None:
            warnings.append(f"{source.name}: unreadable Publish_Date {raw_date!r}")
        entities = [self._entry(source.name, el, list_id, warnings) for el in top.all("sdnEntry")]
        _check_count(source.name, info.text("Record_Count"), len(entities), warnings)
        return ParsedList(
            list_id=list_id,
            entities=unique_entities(source.name, entities),
            publish_date=publish_date,
            warnings=warnings,
        )

    def _entry(self, name: str, el: etree._Element, list_id: ListId, warnings: list[str]) -> Entity:
        f = Fields(el)
        uid = f.text("uid")
        if uid is None:
            raise FormatError(
                name, "an entry has no <uid>", line=source_line(el), element="sdnEntry"
            )
        sdn_type = f.text("sdnType") or ""
        schema = SDN_TYPES.get(sdn_type.lower())
        if schema is None:
            warnings.append(f"{name}: entry {uid} has sdnType {sdn_type!r}; read as LegalEntity")
            schema = "LegalEntity"
        builder = EntityBuilder(list_id, uid, schema)
        first, last = f.text("firstName"), f.text("lastName")
        full = _full_name(first, last)
        if full is None:
            raise FormatError(
                name, f"entry {uid} has no <lastName>", line=source_line(el), element="sdnEntry"
            )
        builder.add_name(full)
        person = schema == "Person"
        if person:
            builder.add("firstName", first)
            builder.add("lastName", last)
        add_ofac_detail(builder, "Title", f.text("title"))
        for program in f.items("programList", "program"):
            builder.add_program(program.text)
        _add_remarks(builder, f.text("remarks"))
        for item in f.items("idList", "id"):
            _add_id(builder, Fields(item))
        for aka in f.items("akaList", "aka"):
            _add_aka(builder, Fields(aka))
        for address in f.items("addressList", "address"):
            _add_address(builder, Fields(address))
        for item in f.items("nationalityList", "nationality"):
            builder.add("nationality" if person else "country", Fields(item).text("country"))
        for item in f.items("citizenshipList", "citizenship"):
            builder.add("citizenship" if person else "country", Fields(item).text("country"))
        for item in f.items("dateOfBirthList", "dateOfBirthItem"):
            add_ofac_detail(builder, "Birthdate", Fields(item).text("dateOfBirth"))
        for item in f.items("placeOfBirthList", "placeOfBirthItem"):
            add_ofac_detail(builder, "Place of Birth", Fields(item).text("placeOfBirth"))
        _add_vessel(builder, Fields(f.one("vesselInfo")))
        return builder.build()


def _check_count(name: str, declared: str | None, found: int, warnings: list[str]) -> None:
    """OFAC states how many entries it published; a mismatch hints at a cut file."""
    if declared is None:
        return
    if not declared.isdigit():
        warnings.append(f"{name}: unreadable Record_Count {declared!r}")
    elif int(declared) != found:
        warnings.append(f"{name}: Record_Count says {declared} entries but the file holds {found}")


def _add_remarks(builder: EntityBuilder, remarks: str | None) -> None:
    """Remarks go to notes; each "Linked To: X" there also becomes a link to X."""
    if remarks is None:
        return
    builder.add("notes", remarks)
    for match in LINKED_TO.finditer(remarks):
        target = match[1].strip()
        if target.endswith(")") and target.count(")") > target.count("("):
            target = target[:-1]  # the closing bracket of "(Linked To: X)"
        builder.add_link("Linked To", target_name=target.strip())


def _add_id(builder: EntityBuilder, item: Fields) -> None:
    issued, expires = item.text("issueDate"), item.text("expirationDate")
    dates = [f"issued {issued}" if issued else "", f"expires {expires}" if expires else ""]
    add_ofac_detail(
        builder,
        item.text("idType") or "",
        item.text("idNumber"),
        country=item.text("idCountry"),
        note="; ".join(d for d in dates if d) or None,
    )


def _add_aka(builder: EntityBuilder, aka: Fields) -> None:
    """a.k.a. is an alias, f.k.a. a former name; OFAC's "weak" ones are weak aliases."""
    value = _full_name(aka.text("firstName"), aka.text("lastName"))
    if (aka.text("category") or "").lower() == "weak":
        kind = "weakAlias"
    else:
        kind = ALIAS_KINDS.get((aka.text("type") or "").lower(), "alias")
    builder.add_name(value, kind=kind)


def _add_address(builder: EntityBuilder, address: Fields) -> None:
    """One readable line per address; the country also on its own."""
    fields = ("address1", "address2", "address3", "city", "stateOrProvince", "postalCode")
    parts = [p for p in (address.text(f) for f in fields) if p]
    country = address.text("country")
    if parts:
        builder.add("address", ", ".join([*parts, country] if country else parts))
    builder.add("country", country)


def _add_vessel(builder: EntityBuilder, info: Fields) -> None:
    add_ofac_detail(builder, "Vessel Call Sign", info.text("callSign"))
    add_ofac_detail(builder, "Vessel Type", info.text("vesselType"))
    add_ofac_detail(builder, "Vessel Flag", info.text("vesselFlag"))
    add_ofac_detail(builder, "Vessel Owner", info.text("vesselOwner"))
    add_ofac_detail(builder, "Vessel Tonnage", info.text("tonnage"))
    add_ofac_detail(builder, "Vessel Gross Registered Tonnage", info.text("grossRegisteredTonnage"))
