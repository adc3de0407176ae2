"""The entity a list entry becomes: a FollowTheMoney schema and properties, plus what
a sanctions list adds (list, source reference, programs, legal basis, identifiers with
their type and issuing country, and links to other entries).

Property values go through FollowTheMoney's cleaning, so dates are ISO and countries are
codes. A value that cleaning rejects is not dropped: it is kept in ``unparsed`` so that
nothing the file said is lost.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from caveat.countries import country_code
from caveat.types import EntityId, ListId, PropertyName, SchemaName, SourceId

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

__all__ = [
    "IDENTIFIER_PROPERTIES",
    "Entity",
    "EntityBuilder",
    "Identifier",
    "Link",
    "clean_value",
    "make_entity_id",
]

# Identifier kinds and the FollowTheMoney property that carries their number, so that
# matchers and yente clients see them; checked in order, first substring wins.
IDENTIFIER_PROPERTIES: tuple[tuple[str, PropertyName], ...] = (
    ("passport", "passportNumber"),
    ("imo", "imoNumber"),
    ("mmsi", "mmsi"),
    ("swift", "swiftBic"),
    ("bic", "swiftBic"),
    ("tax", "taxNumber"),
    ("vat", "vatCode"),
    ("inn", "innCode"),
    ("ogrn", "ogrnCode"),
    ("lei", "leiCode"),
    ("legal entity number", "leiCode"),
    ("social credit code", "uscCode"),
    ("serial", "serialNumber"),
    ("registration", "registrationNumber"),
    ("registry", "registrationNumber"),
    ("company number", "registrationNumber"),
    ("gazette", "registrationNumber"),
    ("d-u-n-s", "dunsCode"),
    ("duns", "dunsCode"),
    ("social security", "socialSecurityNumber"),
)

VESSEL_ONLY = {"imoNumber", "mmsi"}


def make_entity_id(list_id: ListId, source_id: SourceId) -> EntityId:
    """Caveat's entity id: stable across versions of a list, unique across lists."""
    return f"{list_id}-{source_id}"


@dataclass(frozen=True)
class Identifier:
    """An identifier exactly as the list gives it."""

    type: str
    number: str
    country: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"type": self.type, "number": self.number}
        if self.country is not None:
            data["country"] = self.country
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Link:
    """A relationship to another entry, e.g. OFAC's "Linked To:".

    The list names the target by name and sometimes by its own reference; it is resolved
    to an entity when read, since the target may sit on another list.
    """

    relation: str
    target_name: str | None = None
    target_source_id: SourceId | None = None
    target_list: ListId | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"relation": self.relation}
        if self.target_name is not None:
            data["target_name"] = self.target_name
        if self.target_source_id is not None:
            data["target_source_id"] = self.target_source_id
        if self.target_list is not None:
            data["target_list"] = self.target_list
        return data


@dataclass(frozen=True)
class Entity:
    """One listed person, organisation, vessel or aircraft, as one list version has it."""

    id: EntityId
    list_id: ListId
    source_id: SourceId
    schema: SchemaName
    properties: dict[PropertyName, list[str]]
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    listed_on: str | None = None
    links: tuple[Link, ...] = ()
    unparsed: tuple[tuple[PropertyName, str], ...] = ()

    @property
    def caption(self) -> str:
        for prop in ("name", "alias", "previousName", "weakAlias"):
            values = self.properties.get(prop)
            if values:
                return values[0]
        return self.source_id

    def get(self, prop: PropertyName) -> list[str]:
        return self.properties.get(prop, [])

    @property
    def names(self) -> list[str]:
        """Every name the entry is known by, strong ones first."""
        out: list[str] = []
        for prop in ("name", "alias", "previousName", "weakAlias"):
            for value in self.get(prop):
                if value not in out:
                    out.append(value)
        return out

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "list_id": self.list_id,
            "source_id": self.source_id,
            "schema": self.schema,
            "properties": self.properties,
        }
        if self.identifiers:
            data["identifiers"] = [i.to_dict() for i in self.identifiers]
        if self.programs:
            data["programs"] = list(self.programs)
        if self.legal_basis:
            data["legal_basis"] = list(self.legal_basis)
        if self.listed_on is not None:
            data["listed_on"] = self.listed_on
        if self.links:
            data["links"] = [link.to_dict() for link in self.links]
        if self.unparsed:
            data["unparsed"] = [list(pair) for pair in self.unparsed]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls._of(data, {k: list(v) for k, v in data["properties"].items()})

    @classmethod
    def _of(cls, data: dict[str, Any], properties: dict[str, list[str]]) -> Entity:
        return cls(
            id=data["id"],
            list_id=data["list_id"],
            source_id=data["source_id"],
            schema=data["schema"],
            properties=properties,
            identifiers=tuple(Identifier(**i) for i in data.get("identifiers", [])),
            programs=tuple(data.get("programs", [])),
            legal_basis=tuple(data.get("legal_basis", [])),
            listed_on=data.get("listed_on"),
            links=tuple(Link(**link) for link in data.get("links", [])),
            unparsed=tuple((p, v) for p, v in data.get("unparsed", [])),
        )

    @classmethod
    def from_canonical_json(cls, text: str) -> Entity:
        """The entity of a body the store wrote: ``text`` is kept as its canonical JSON
        rather than written again."""
        data = json.loads(text)
        # The decoded lists are this entity's alone: no copy needed.
        entity = cls._of(data, data["properties"])
        entity.__dict__["_canonical"] = text
        return entity

    def canonical_json(self) -> str:
        return self._canonical

    @cached_property
    def _canonical(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal hashes mean an unchanged entry."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def to_ftm(self) -> dict[str, Any]:
        """The FollowTheMoney JSON shape that yente clients expect."""
        return {
            "id": self.id,
            "schema": self.schema,
            "properties": self.properties,
            "datasets": [self.list_id],
        }


def _model() -> Any:
    """FollowTheMoney's model, imported when a list is parsed rather than whenever
    entities are read (screening starts faster without it)."""
    from followthemoney import model

    return model


class EntityBuilder:
    """Collects what a parser finds about one entry, cleaning values on the way in.

    Example:
        >>> b = EntityBuilder("us_ofac_sdn", "27018", "Person")
        >>> b.add("birthDate", "1960-04-01")
        >>> b.build().get("birthDate")
        ['1960-04-01']
    """

    def __init__(self, list_id: ListId, source_id: SourceId, schema: SchemaName) -> None:
        self.list_id = list_id
        self.source_id = str(source_id).strip()
        self._proxy: EntityProxy = _model().make_entity(schema)
        self._proxy.id = make_entity_id(list_id, self.source_id)
        self._identifiers: list[Identifier] = []
        self._programs: list[str] = []
        self._legal_basis: list[str] = []
        self._links: list[Link] = []
        self._unparsed: list[tuple[PropertyName, str]] = []
        self.listed_on: str | None = None

    @property
    def schema(self) -> SchemaName:
        return str(self._proxy.schema.name)

    def set_schema(self, schema: SchemaName) -> None:
        """Change the schema, e.g. from LegalEntity to Vessel once a parser knows more."""
        old = self._proxy
        self._proxy = _model().make_entity(schema)
        self._proxy.id = old.id
        for prop, values in old.properties.items():
            for value in values:
                self.add(prop, value)

    def has(self, prop: PropertyName) -> bool:
        return prop in self._proxy.schema.properties and len(self._proxy.get(prop)) > 0

    def add(self, prop: PropertyName, value: str | None) -> None:
        """Add a value; blank values are ignored, values FtM rejects are kept aside."""
        if value is None:
            return
        text = " ".join(str(value).split())
        if text == "":
            return
        if prop not in self._proxy.schema.properties:
            self._keep_unparsed(prop, text)
            return
        spec = self._proxy.schema.properties[prop]
        cleaned = clean_value(spec.type.name, text, getattr(spec, "format", None))
        if cleaned is None:
            self._keep_unparsed(prop, text)
            return
        self._proxy.add(prop, cleaned, quiet=True, cleaned=True)

    def _keep_unparsed(self, prop: PropertyName, text: str) -> None:
        if (prop, text) not in self._unparsed:
            self._unparsed.append((prop, text))

    def add_name(self, value: str | None, *, kind: str = "name") -> None:
        """Add a name: ``kind`` is ``name``, ``alias``, ``weakAlias`` or ``previousName``."""
        self.add(kind, value)

    def add_identifier(
        self,
        type: str,
        number: str | None,
        country: str | None = None,
        note: str | None = None,
    ) -> None:
        """Record an identifier with its type and issuing country, and expose its
        number on the matching FtM property (idNumber when no better one fits)."""
        if number is None or number.strip() == "":
            return
        number = " ".join(number.split())
        type_ = " ".join(type.split()) or "Identification Number"
        code = _clean_country(country)
        ident = Identifier(
            type_, number, code if code is not None else _blank(country), _blank(note)
        )
        if ident not in self._identifiers:
            self._identifiers.append(ident)
        prop = identifier_property(type_)
        if prop in VESSEL_ONLY and prop not in self._proxy.schema.properties:
            prop = "idNumber"
        if prop not in self._proxy.schema.properties:
            prop = (
                "idNumber" if "idNumber" in self._proxy.schema.properties else "registrationNumber"
            )
        self._proxy.add(prop, number, quiet=True, cleaned=True)

    def add_program(self, program: str | None) -> None:
        value = _blank(program)
        if value is not None and value not in self._programs:
            self._programs.append(value)

    def add_legal_basis(self, basis: str | None) -> None:
        value = _blank(basis)
        if value is not None and value not in self._legal_basis:
            self._legal_basis.append(value)

    def add_link(
        self,
        relation: str,
        target_name: str | None = None,
        target_source_id: str | None = None,
        target_list: ListId | None = None,
    ) -> None:
        """Record a relationship; ``target_list`` when the target sits on another list."""
        link = Link(relation, _blank(target_name), _blank(target_source_id), target_list)
        if link.target_name is None and link.target_source_id is None:
            return
        if link not in self._links:
            self._links.append(link)

    def set_listed_on(self, iso_date: str | None) -> None:
        """Keep the earliest listing date a parser reports."""
        if iso_date is None:
            return
        if self.listed_on is None or iso_date < self.listed_on:
            self.listed_on = iso_date

    def build(self) -> Entity:
        props = {prop: list(values) for prop, values in self._proxy.properties.items()}
        return Entity(
            id=str(self._proxy.id),
            list_id=self.list_id,
            source_id=self.source_id,
            schema=self.schema,
            properties=props,
            identifiers=tuple(self._identifiers),
            programs=tuple(self._programs),
            legal_basis=tuple(self._legal_basis),
            listed_on=self.listed_on,
            links=tuple(self._links),
            unparsed=tuple(self._unparsed),
        )


def identifier_property(type_: str) -> PropertyName:
    """The FtM property for an identifier type such as "Passport" or "Tax ID No."."""
    lowered = type_.lower()
    for pattern, prop in _IDENTIFIER_PATTERNS:
        if pattern.search(lowered) is not None:
            return prop
    return "idNumber"


_IDENTIFIER_PATTERNS = tuple(
    (re.compile(rf"(?<![a-z]){re.escape(needle)}(?![a-z])"), prop)
    for needle, prop in IDENTIFIER_PROPERTIES
)


@lru_cache(maxsize=100_000)
def clean_value(type_name: str, text: str, format: str | None = None) -> str | None:
    """FtM's cleaning of one value of a type, or None when it rejects the value;
    remembered, as lists repeat countries, dates and programs thousands of times.
    Countries are read by `caveat.countries.country_code`, which gives FtM's answer
    without its start-up cost."""
    if type_name == "country":
        return country_code(text)
    from followthemoney.types import registry

    cleaned = registry.get(type_name).clean(text, format=format)
    return None if cleaned is None else str(cleaned)


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    return text if text != "" else None


def _clean_country(value: str | None) -> str | None:
    text = _blank(value)
    return None if text is None else clean_value("country", text)
