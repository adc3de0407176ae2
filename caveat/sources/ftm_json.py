"""FollowTheMoney entities as JSON lines, e.g. an OpenSanctions ``entities.ftm.json`` export.

Each non-blank line is one JSON object ``{"id": ..., "schema": ..., "properties":
{prop: [values]}}``; other keys (``caption``, ``datasets``, ``referents``, ``target``,
``first_seen`` …) are ignored. Only screening-relevant schemata become entities:
``Person``, ``Organization``, ``Company``, ``LegalEntity``, ``Vessel`` and ``Airplane``
(``PublicBody`` and other kinds of organisation are read as ``Organization``). The
``source_id`` is the FtM entity id. Related entities are folded into the entity they
describe:

- ``Sanction`` (via ``entity``): ``program`` (or ``programId``) becomes a program,
  ``provisions`` the legal basis, ``listingDate``/``startDate`` the listing date,
  ``reason``/``summary``/``authority`` notes, ``unscId`` a ``same_as`` link to ``un_sc``.
- ``Identification``/``Passport`` (via ``holder``): an identifier with its ``type``,
  ``number`` and ``country``.
- ``Address`` (via ``addressEntity`` on the entity): one readable ``address`` string.
- ``UnknownLink``, ``Associate``, ``Ownership``, ``Directorship``, ``Family``,
  ``Membership``, ``Employment``, ``Representation``, ``Succession``: a link on each side
  that is an entity here, with the other side's id as ``target_source_id``.

Entity-valued properties of the entities themselves (``parent``, ``owner`` …) become
links too. OpenSanctions' nested form (related entities embedded as objects in
properties) is read as far as the embedded objects carry their ids. Other schemata are
skipped and counted in the warnings.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from caveat.entity import Entity, EntityBuilder
from caveat.exc import FormatError
from caveat.sources.common import FileMatch, ListParser, ParsedList, unique_entities
from caveat.sources.dates import parse_date
from caveat.sources.reading import SourceData
from caveat.types import ListId

__all__ = ["FtmJsonParser", "slugify"]

SUFFIXES = (".ftm.json", ".jsonl", ".ndjson", ".json")
TARGET_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
UN_LIST: ListId = "un_sc"
# Relationship schemata: the two sides and the relation as seen from each side.
RELATIONS: dict[str, tuple[str, str, str, str]] = {
    "UnknownLink": ("subject", "object", "linked to", "linked to"),
    "Associate": ("person", "associate", "associate of", "associate of"),
    "Ownership": ("owner", "asset", "owner of", "owned by"),
    "Directorship": ("director", "organization", "director of", "has director"),
    "Family": ("person", "relative", "relative of", "relative of"),
    "Membership": ("member", "organization", "member of", "has member"),
    "Employment": ("employee", "employer", "employee of", "employer of"),
    "Representation": ("agent", "client", "agent of", "represented by"),
    "Succession": ("predecessor", "successor", "succeeded by", "successor of"),
}
# Back-references that nested (embedded) related entities may leave out.
BACK_REFERENCE = {"Sanction": "entity", "Identification": "holder", "Passport": "holder"}
ADDRESS_PARTS = ("street", "street2", "postOfficeBox", "postalCode", "city", "region", "state")
IGNORED_LINK_PROPS = {"addressEntity", "proof", "riskSource"}


def slugify(text: str) -> str:
    """An ASCII ``[a-z0-9_]`` slug, used to name a list after its file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _first_line(head: bytes) -> tuple[str, bool]:
    """The first non-blank line of ``head`` and whether it is complete."""
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n")
    for position, line in enumerate(lines):
        if line.strip():
            return line.strip(), position < len(lines) - 1
    return "", False


class FtmJsonParser(ListParser):
    """FollowTheMoney JSON lines, one entity per line."""

    format = "ftm_json"
    version = "1"
    title = "FollowTheMoney JSON lines"

    @classmethod
    def sniff(cls, filename: str, head: bytes) -> FileMatch | None:
        suffix = next((s for s in SUFFIXES if filename.endswith(s)), None)
        if suffix is None:
            return None
        line, complete = _first_line(head)
        try:
            record = json.loads(line)
            ok = isinstance(record, dict) and "schema" in record and "properties" in record
        except ValueError:
            # A first line longer than the head: judge by its opening.
            ok = (
                not complete
                and line.startswith("{")
                and '"schema"' in line
                and '"properties"' in line
            )
        if not ok:
            return None
        return FileMatch(cls.format, "main", slugify(filename[: -len(suffix)]) or "ftm")

    def parse(self, files: Mapping[str, SourceData], list_id: ListId) -> ParsedList:
        self.check_roles(files)
        source = files["main"]
        state = _State(source.name, list_id)
        for number, record in _records(source):
            for item in _flatten(source.name, number, record, None):
                state.take(number, item)
        entities = state.finish()
        return ParsedList(list_id, unique_entities(source.name, entities), None, state.warnings)


def _records(source: SourceData) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each JSON object with its line number, one line at a time."""
    text = source.text()
    start, number = 0, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        line = text[start:end].strip()
        start = end + 1
        if line == "":
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            column = f" (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise FormatError(
                source.name, f"is not valid JSON: {detail}{column}", line=number
            ) from exc
        if not isinstance(record, dict):
            raise FormatError(
                source.name,
                f"holds a JSON {type(record).__name__}, not an entity object",
                line=number,
            )
        yield number, record


def _flatten(
    name: str, number: int, record: dict[str, Any], parent: str | None
) -> Iterator[dict[str, Any]]:
    """Check one record and yield it, then any entities embedded in its properties."""
    entity_id, schema, properties = record.get("id"), record.get("schema"), record.get("properties")
    if not isinstance(schema, str) or not schema:
        raise FormatError(name, 'an entity has no "schema"', line=number)
    if not isinstance(properties, dict):
        raise FormatError(name, f'entity {entity_id!r} has no "properties" object', line=number)
    if not isinstance(entity_id, (str, int)) or str(entity_id).strip() == "":
        raise FormatError(name, f'a {schema} entity has no "id"', line=number)
    flat: dict[str, list[str]] = {}
    nested: list[dict[str, Any]] = []
    known = model.get(schema)
    for prop, values in properties.items():
        spec = None if known is None else known.properties.get(prop)
        forward = spec is not None and not spec.stub
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict):
                # Embedded entity; a reverse reference is folded in from its side.
                nested.append(value)
                if forward and "id" in value:
                    flat.setdefault(prop, []).append(str(value["id"]))
            elif value is not None and not isinstance(value, list):
                flat.setdefault(prop, []).append(str(value))
    back = BACK_REFERENCE.get(schema)
    if parent is not None and back is not None and back not in flat:
        flat[back] = [parent]
    yield {"id": str(entity_id), "schema": schema, "properties": flat, "nested": parent is not None}
    for child in nested:
        yield from _flatten(name, number, child, str(entity_id))


@dataclass
class _State:
    """What has been read so far: entity builders and the related records to fold in."""

    name: str
    list_id: ListId
    builders: dict[str, EntityBuilder] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, str] = field(default_factory=dict)
    address_refs: list[tuple[str, str]] = field(default_factory=list)
    related: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def take(self, number: int, item: dict[str, Any]) -> None:
        schema: Schema | None = model.get(item["schema"])
        props: dict[str, list[str]] = item["properties"]
        entity_id: str = item["id"]
        if schema is None:
            self._skip(item["schema"])
            return
        names = props.get("name") or props.get("alias") or []
        if names:
            self.captions.setdefault(entity_id, names[0])
        if schema.name == "Address":
            self.addresses[entity_id] = _address_text(props)
        elif schema.name in RELATIONS or schema.name in BACK_REFERENCE:
            self.related.append((schema.name, props))
        elif (target := _target_schema(schema)) is not None:
            if entity_id in self.builders:
                if item["nested"] or self.lines[entity_id] < 0:
                    return  # the nested form repeats embedded entities: keep the first
                raise FormatError(
                    self.name,
                    f"entity id {entity_id!r} is used again "
                    f"(first on line {self.lines[entity_id]})",
                    line=number,
                )
            self.lines[entity_id] = -number if item["nested"] else number
            self.builders[entity_id] = self._build(entity_id, target, schema, props)
        else:
            self._skip(schema.name)

    def _skip(self, schema: str) -> None:
        self.skipped[schema] = self.skipped.get(schema, 0) + 1

    def _build(
        self, entity_id: str, target: str, schema: Schema, props: dict[str, list[str]]
    ) -> EntityBuilder:
        builder = EntityBuilder(self.list_id, entity_id, target)
        for prop in ("name", "alias", "weakAlias", "previousName"):
            for value in props.get(prop, []):
                builder.add_name(value, kind=prop)
        for prop, values in props.items():
            spec = schema.properties.get(prop)
            if prop in ("name", "alias", "weakAlias", "previousName"):
                continue
            if spec is not None and spec.stub:
                continue  # a reverse reference: folded in from the other entity's side
            if spec is not None and spec.type.name == "entity":
                for value in values:
                    if prop == "addressEntity":
                        self.address_refs.append((entity_id, value))
                    elif prop not in IGNORED_LINK_PROPS:
                        builder.add_link(prop, target_source_id=value)
                continue
            for value in values:
                builder.add(prop, value)
        return builder

    def finish(self) -> list[Entity]:
        for owner, ref in self.address_refs:
            text = self.addresses.get(ref)
            if text:
                self.builders[owner].add("address", text)
        for schema, props in self.related:
            if schema in RELATIONS:
                self._relation(schema, props)
            elif schema == "Sanction":
                for target in self._targets(props.get("entity", [])):
                    _sanction(target, props)
            else:
                for target in self._targets(props.get("holder", [])):
                    _identification(target, schema, props)
        for schema, count in sorted(self.skipped.items()):
            self.warnings.append(f"skipped {count} {schema} entit{'y' if count == 1 else 'ies'}")
        return [builder.build() for builder in self.builders.values()]

    def _targets(self, ids: list[str]) -> Iterator[EntityBuilder]:
        for entity_id in ids:
            builder = self.builders.get(entity_id)
            if builder is not None:
                yield builder

    def _relation(self, schema: str, props: dict[str, list[str]]) -> None:
        side_a, side_b, a_to_b, b_to_a = RELATIONS[schema]
        detail = _first(props, "relationship", "role")
        for here, there, relation in ((side_a, side_b, a_to_b), (side_b, side_a, b_to_a)):
            label = relation if detail is None else f"{relation} ({detail})"
            for source in self._targets(props.get(here, [])):
                for other in props.get(there, []):
                    source.add_link(label, self.captions.get(other), other)


def _first(props: dict[str, list[str]], *names: str) -> str | None:
    """The first value of the first of ``names`` that has one."""
    for name in names:
        if props.get(name):
            return props[name][0]
    return None


def _target_schema(schema: Schema) -> str | None:
    """The screening schema an FtM schema is read as, or None to skip it."""
    for name in ("Vessel", "Airplane", "Person", "Company", "Organization", "LegalEntity"):
        if schema.is_a(name):
            return name
    return None


def _address_text(props: dict[str, list[str]]) -> str:
    full = props.get("full")
    if full:
        return full[0]
    parts = [v for p in ADDRESS_PARTS for v in props.get(p, [])]
    parts.extend(v.upper() for v in props.get("country", []))
    return ", ".join(parts)


def _sanction(builder: EntityBuilder, props: dict[str, list[str]]) -> None:
    for program in props.get("program") or props.get("programId") or []:
        builder.add_program(program)
    for provision in props.get("provisions", []):
        builder.add_legal_basis(provision)
    for prop in ("listingDate", "startDate"):
        for value in props.get(prop, []):
            builder.set_listed_on(parse_date(value))
    for reason in props.get("reason", []) + props.get("summary", []):
        builder.add("notes", reason)
    for authority in props.get("authority", []):
        builder.add("notes", f"Sanctioning authority: {authority}")
    for un_id in props.get("unscId", []):
        builder.add_link("same_as", target_source_id=un_id, target_list=UN_LIST)


def _identification(builder: EntityBuilder, schema: str, props: dict[str, list[str]]) -> None:
    kind = (props.get("type") or ["Passport" if schema == "Passport" else "Identification"])[0]
    numbers = props.get("number", []) + props.get("passportNumber", [])
    country = _first(props, "country")
    notes = [f"issued by {a}" for a in props.get("authority", [])]
    notes += [f"valid from {d}" for d in props.get("startDate", [])]
    notes += [f"valid to {d}" for d in props.get("endDate", [])]
    notes += props.get("summary", []) + props.get("description", [])
    for number in dict.fromkeys(numbers):
        builder.add_identifier(kind, number, country, "; ".join(notes) or None)
