"""OFAC's "Enhanced XML" (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``).

Unlike ``sdnList``, this format says when each entry joined each list
(``datePublished``), its legal authorities, every name in every script, and typed
relationships to other entries by id. Many values point into ``<referenceValues>`` by
``refId`` (countries with ISO codes, document types, programs); they are resolved so an
element without inline text still yields its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from caveat.entity import Entity, EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date
from caveat.sources.ofac_xml import (
    ALIAS_KINDS,
    SDN_TYPES,
    Fields,
    add_ofac_detail,
    ofac_list_id,
)
from caveat.sources.reading import SourceData, parse_xml, source_line
from caveat.types import ListId

__all__ = ["OfacEnhancedXmlParser"]

# Entity ids are shared between OFAC's SDN and consolidated lists, so a relationship to an
# id that is not in this file points at the other list.
OTHER_OFAC_LIST = {"us_ofac_cons": "us_ofac_sdn", "us_ofac_sdn": "us_ofac_cons"}
ADDRESS_ORDER = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE")
NAME_PARTS = {"middle name": "middleName", "patronymic": "fatherName", "matronymic": "motherName"}


@dataclass(frozen=True)
class Ref:
    """One ``<referenceValue>``: its type (COUNTRY, PROGRAM, ...), text and ISO code."""

    type: str
    value: str
    iso: str | None = None


class OfacEnhancedXmlParser(ListParser):
    """OFAC Enhanced XML (``sanctionsData``)."""

    format = "ofac_enhanced_xml"
    version = "1"
    title = "OFAC Enhanced XML"
    roles = ("main",)

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        if b"/exports/ENHANCED_XML" not in head and b"<sanctionsData" not in head:
            return None
        return FileMatch(cls.format, "main", ofac_list_id(filename))

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        root = parse_xml(source, "sanctionsData", self.title)
        warnings: list[str] = []
        top = Fields(root)
        raw_date = Fields(top.one("publicationInfo")).text("dataAsOf")
        publish_date = parse_date(raw_date)
        if raw_date is not None and publish_date is None:
            warnings.append(f"{source.name}: unreadable dataAsOf {raw_date!r}")
        container = top.one("entities")
        if container is None:
            raise FormatError(
                source.name,
                "has no <entities> element",
                line=source_line(root),
                element="sanctionsData",
            )
        elements = Fields(container).all("entity")
        reader = _Reader(source.name, list_id, _references(top), warnings)
        reader.feature_types = {
            (el.get("featureTypeId") or "").strip(): Fields(el).text("type") or ""
            for el in top.items("featureTypes", "featureType")
        }
        reader.known_ids = {el.get("id", "").strip() for el in elements}
        entities = [reader.entity(el) for el in elements]
        return ParsedList(
            list_id=list_id,
            entities=unique_entities(source.name, entities),
            publish_date=publish_date,
            warnings=warnings,
        )


def _references(top: Fields) -> dict[str, Ref]:
    refs: dict[str, Ref] = {}
    for el in top.items("referenceValues", "referenceValue"):
        ref_id = el.get("refId")
        if ref_id is not None:
            ref = Fields(el)
            refs[ref_id.strip()] = Ref(
                ref.text("type") or "", ref.text("value") or "", ref.text("isoCode")
            )
    return refs


def _period(el: etree._Element | None) -> str | None:
    """A ``DatePeriodType`` as a date, a year, or "start to end"."""
    period = Fields(el)
    begin = period.text("fromDateBegin")
    if begin is None:
        return None
    end = period.text("toDateEnd") or begin
    start, stop = begin[:10], end[:10]
    if start == stop:
        return start
    if start[4:] == "-01-01" and stop[4:] == "-12-31":
        return start[:4] if start[:4] == stop[:4] else f"{start[:4]} to {stop[:4]}"
    return f"{start} to {stop}"


def _true(fields: Fields, name: str) -> bool:
    return (fields.text(name) or "").lower() == "true"


class _Reader:
    """Turns ``<entity>`` elements into entities, resolving reference values."""

    def __init__(self, name: str, list_id: ListId, refs: dict[str, Ref], warnings: list[str]):
        self.name = name
        self.list_id = list_id
        self.refs = refs
        self.warnings = warnings
        self.known_ids: set[str] = set()
        self.feature_types: dict[str, str] = {}

    def ref_text(self, el: etree._Element | None) -> str | None:
        """An element's text, or the value its ``refId`` points at."""
        if el is None:
            return None
        text = " ".join((el.text or "").split())
        if text:
            return text
        ref = self.refs.get((el.get("refId") or "").strip())
        return ref.value if ref is not None and ref.value else None

    def country(self, el: etree._Element | None) -> str | None:
        """A country as its ISO code where the reference table has one."""
        if el is None:
            return None
        ref = self.refs.get((el.get("refId") or "").strip())
        if ref is not None and ref.iso:
            return ref.iso
        return self.ref_text(el)

    def entity(self, el: etree._Element) -> Entity:
        entity_id = (el.get("id") or "").strip()
        if entity_id == "":
            raise FormatError(
                self.name, "an entity has no id", line=source_line(el), element="entity"
            )
        f = Fields(el)
        info = Fields(f.one("generalInfo"))
        kind = self.ref_text(info.one("entityType")) or ""
        schema = SDN_TYPES.get(kind.lower())
        if schema is None:
            self.warnings.append(
                f"{self.name}: entity {entity_id} has type {kind!r}; read as LegalEntity"
            )
            schema = "LegalEntity"
        builder = EntityBuilder(self.list_id, entity_id, schema)
        builder.add("notes", info.text("remarks"))
        add_ofac_detail(builder, "Title", info.text("title"))
        living = self.ref_text(info.one("livingStatus"))
        if living is not None:
            builder.add("notes", f"Living status: {living}")
        for item in f.items("sanctionsLists", "sanctionsList"):
            self.add_listing(builder, item)
        for item in f.items("sanctionsPrograms", "sanctionsProgram"):
            builder.add_program(self.ref_text(item))
        for item in f.items("sanctionsTypes", "sanctionsType"):
            sanction = self.ref_text(item)
            if sanction is not None:
                builder.add("notes", f"Sanctions type: {sanction}")
        for item in f.items("legalAuthorities", "legalAuthority"):
            builder.add_legal_basis(self.ref_text(item))
        self.add_names(builder, f, el, entity_id)
        for item in f.items("addresses", "address"):
            self.add_address(builder, Fields(item))
        for item in f.items("features", "feature"):
            self.add_feature(builder, Fields(item))
        for item in f.items("identityDocuments", "identityDocument"):
            self.add_document(builder, Fields(item))
        for item in f.items("relationships", "relationship"):
            self.add_relationship(builder, Fields(item))
        return builder.build()

    def add_listing(self, builder: EntityBuilder, item: etree._Element) -> None:
        """Which OFAC list, since when: the earliest date becomes ``listed_on``."""
        published = parse_date(item.get("datePublished"))
        builder.set_listed_on(published)
        list_name = self.ref_text(item)
        if list_name is not None:
            since = f" (published {published})" if published else ""
            builder.add("notes", f"Sanctions list: {list_name}{since}")

    def add_names(
        self, builder: EntityBuilder, f: Fields, el: etree._Element, entity_id: str
    ) -> None:
        """Every translation of every name; the primary name's primary one is ``name``."""
        found = False
        for name_el in f.items("names", "name"):
            name = Fields(name_el)
            if _true(name, "isPrimary"):
                kind = "name"
            elif _true(name, "isLowQuality"):
                kind = "weakAlias"
            else:
                alias_type = (self.ref_text(name.one("aliasType")) or "").lower()
                kind = ALIAS_KINDS.get(alias_type, "alias")
            for translation_el in name.items("translations", "translation"):
                translation = Fields(translation_el)
                primary = _true(translation, "isPrimary")
                full = translation.text("formattedFullName") or self.joined_parts(translation)
                if full is None:
                    continue
                found = True
                builder.add_name(full, kind=kind if kind != "name" or primary else "alias")
                if kind == "name" and primary and builder.schema == "Person":
                    self.add_name_parts(builder, translation)
        if not found:
            raise FormatError(
                self.name, f"entity {entity_id} has no name", line=source_line(el), element="entity"
            )
        if not builder.has("name"):
            self.warnings.append(f"{self.name}: entity {entity_id} has no primary name")

    def joined_parts(self, translation: Fields) -> str | None:
        parts = [Fields(p).text("value") for p in translation.items("nameParts", "namePart")]
        return " ".join(p for p in parts if p) or None

    def add_name_parts(self, builder: EntityBuilder, translation: Fields) -> None:
        builder.add("firstName", translation.text("formattedFirstName"))
        builder.add("lastName", translation.text("formattedLastName"))
        for part_el in translation.items("nameParts", "namePart"):
            part = Fields(part_el)
            prop = NAME_PARTS.get((self.ref_text(part.one("type")) or "").lower())
            if prop is not None:
                builder.add(prop, part.text("value"))

    def add_address(self, builder: EntityBuilder, address: Fields) -> None:
        """One readable line per translation of the address, ending with the country."""
        country_el = address.one("country")
        country_name = self.ref_text(country_el)
        builder.add("country", self.country(country_el))
        for translation in address.items("translations", "translation"):
            parts: dict[str, list[str]] = {}
            for part_el in Fields(translation).items("addressParts", "addressPart"):
                part = Fields(part_el)
                part_type = (self.ref_text(part.one("type")) or "").upper()
                value = part.text("value")
                if value is not None:
                    parts.setdefault(part_type, []).append(value)
            ordered = [v for key in ADDRESS_ORDER for v in parts.pop(key, [])]
            ordered += [v for values in parts.values() for v in values]  # REGION and others
            if ordered:
                line = [*ordered, country_name] if country_name else ordered
                builder.add("address", ", ".join(line))

    def add_feature(self, builder: EntityBuilder, feature: Fields) -> None:
        type_el = feature.one("type")
        kind = self.ref_text(type_el) or ""
        if kind == "" and type_el is not None:  # only a featureTypeId: see <featureTypes>
            kind = self.feature_types.get((type_el.get("featureTypeId") or "").strip(), "")
        value = feature.text("value")
        ref = self.refs.get(feature.text("valueRefId") or "")
        if ref is not None and ref.type == "COUNTRY" and ref.iso:
            value = ref.iso
        elif value is None:
            value = ref.value if ref is not None else _period(feature.one("valueDate"))
        reliability = self.ref_text(feature.one("reliability"))
        if reliability is not None and reliability.lower() == "false":
            builder.add("notes", f"Reported false: {kind} {value}")
            return
        add_ofac_detail(builder, kind, value, note=feature.text("comments"))

    def add_document(self, builder: EntityBuilder, doc: Fields) -> None:
        """An identity document: its number, issuing country, and the rest as a note."""
        country_el = doc.one("issuingCountry")
        authority = doc.text("issuingAuthority")
        location = doc.text("issuingLocation")
        issued = _period(doc.one("issueDate"))
        expires = _period(doc.one("expirationDate"))
        notes = [
            f"issued by {authority}" if authority else None,
            f"issued in {location}" if location and location != self.ref_text(country_el) else None,
            f"issued {issued}" if issued else None,
            f"expires {expires}" if expires else None,
            "not valid" if doc.text("isValid") == "false" else None,
            doc.text("comments"),
        ]
        add_ofac_detail(
            builder,
            self.ref_text(doc.one("type")) or "",
            doc.text("documentNumber"),
            country=self.country(country_el),
            note="; ".join(n for n in notes if n) or None,
        )

    def add_relationship(self, builder: EntityBuilder, rel: Fields) -> None:
        """A typed link to another entry by its OFAC id (here or on the other OFAC list)."""
        target = rel.one("relatedEntity")
        if target is None:
            return
        target_id = (target.get("entityId") or "").strip() or None
        target_list = None
        if target_id is not None and target_id not in self.known_ids:
            target_list = OTHER_OFAC_LIST.get(self.list_id)
        relation = self.ref_text(rel.one("type")) or "Related to"
        builder.add_link(relation, self.ref_text(target), target_id, target_list)
        comments = rel.text("comments")
        if comments is not None:
            builder.add("notes", f"{relation} {self.ref_text(target) or target_id}: {comments}")
