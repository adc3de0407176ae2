"""The FollowTheMoney JSON lines parser, on an OpenSanctions-style export fixture."""

from __future__ import annotations

import contextlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EncodingError, FormatError, SourceError
from caveat.sources.common import ParsedList
from caveat.sources.ftm_json import FtmJsonParser, slugify
from caveat.sources.reading import SourceData


def parse(data: bytes, name: str = "entities.ftm.json", list_id: str = "os") -> ParsedList:
    return FtmJsonParser().parse({"main": SourceData(name, data)}, list_id)


def lines(*records: dict[str, Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


@pytest.fixture
def parsed(fixtures: Path) -> ParsedList:
    path = fixtures / "ftm" / "opensanctions_sample.ftm.json"
    return parse(path.read_bytes(), path.name)


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    return next(e for e in parsed.entities if e.source_id == source_id)


def test_sniff(fixtures: Path) -> None:
    head = (fixtures / "ftm" / "opensanctions_sample.ftm.json").read_bytes()[:65536]
    match = FtmJsonParser.sniff("opensanctions_sample.ftm.json", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == (
        "ftm_json",
        "main",
        "opensanctions_sample",
    )
    assert FtmJsonParser.sniff("Targets Nested.jsonl", b"\n" + head).list_id == "targets_nested"  # type: ignore[union-attr]
    assert FtmJsonParser.sniff("config.json", b'{"name": "x"}\n') is None
    assert FtmJsonParser.sniff("entities.csv", head) is None
    long_line = b'{"id": "x", "schema": "Person", "properties": {"name": ["' + b"a" * 70000
    assert FtmJsonParser.sniff("big.json", long_line[:65536]) is not None


def test_only_screening_schemata_become_entities(parsed: ParsedList) -> None:
    assert [(e.source_id, e.schema) for e in parsed.entities] == [
        ("Q7747", "Person"),
        ("Q80137", "Person"),
        ("Q2574767", "Person"),
        ("NK-roe", "Company"),
        ("NK-rostec", "Organization"),
        ("NK-chonmasan", "Vessel"),
        ("NK-akhund", "Person"),
        ("NK-taliban", "Organization"),
    ]
    assert parsed.entities[0].id == "os-Q7747"
    assert parsed.warnings == ["skipped 1 Position entity"]
    assert parsed.publish_date is None


def test_person_with_sanctions_and_address_folded_in(parsed: ParsedList) -> None:
    putin = by_id(parsed, "Q7747")
    assert putin.get("name") == ["Vladimir Vladimirovich Putin"]
    assert putin.get("alias") == [
        "Владимир Владимирович Путин",
        "Vladimir Poutine",
        "فلاديمير بوتين",
    ]
    assert putin.get("birthDate") == ["1952-10-07"]
    assert putin.get("nationality") == ["ru"]
    assert putin.get("fatherName") == ["Vladimirovich"]
    assert putin.get("address") == ["Kremlin, Moscow, 103132, Russia"]
    assert putin.programs == ("UKR", "The Russia (Sanctions) (EU Exit) Regulations 2019")
    assert putin.legal_basis == ("Asset freeze", "Director disqualification sanction")
    assert putin.listed_on == "2022-02-25"
    assert "President of the Russian Federation." in putin.get("notes")
    assert "Sanctioning authority: European Union" in putin.get("notes")
    assert "addressEntity" not in putin.properties
    assert putin.links == (
        Link("relative of (daughter)", "Maria Vladimirovna Vorontsova", "Q2574767"),
    )


def test_passport_becomes_an_identifier_of_its_holder(parsed: ParsedList) -> None:
    lavrov = by_id(parsed, "Q80137")
    assert lavrov.identifiers == (
        Identifier(
            "Diplomatic passport", "100158721", "ru", "issued by Ministry of Foreign Affairs"
        ),
    )
    assert lavrov.get("passportNumber") == ["100158721"]
    assert lavrov.programs == ("EU-UKR",)


def test_company_registration_numbers_address_and_ownership(parsed: ParsedList) -> None:
    roe = by_id(parsed, "NK-roe")
    assert roe.get("innCode") == ["7718852163"]
    assert roe.get("ogrnCode") == ["1117746521452"]
    assert roe.get("weakAlias") == ["ROE"]
    assert "АО «Рособоронэкспорт»" in roe.get("alias")
    assert roe.get("address") == ["27 Stromynka Street, 107076, Moscow, RU"]
    assert roe.programs == ("SYRIA", "UKRAINE-EO13662", "RUSSIA-EO14024")
    assert roe.listed_on == "2014-07-16"
    assert roe.links == (Link("owned by", "State Corporation Rostec", "NK-rostec"),)
    rostec = by_id(parsed, "NK-rostec")
    assert rostec.links == (Link("owner of", "Rosoboronexport", "NK-roe"),)


def test_vessel_and_un_reference(parsed: ParsedList) -> None:
    ship = by_id(parsed, "NK-chonmasan")
    assert ship.get("imoNumber") == ["IMO8660313"]
    assert ship.get("flag") == ["kp"]
    akhund = by_id(parsed, "NK-akhund")
    assert akhund.get("alias") == ["محمد حسن آخوند"]
    assert akhund.get("weakAlias") == ["Haji Mohammad Hassan"]
    assert Link("same_as", None, "TAi.002", "un_sc") in akhund.links
    assert Link("member of (First Deputy, Council of Ministers)", "Taliban", "NK-taliban") in (
        akhund.links
    )


def test_nested_entities_are_read() -> None:
    owner = {"id": "o1", "schema": "Company", "properties": {"name": ["Owner LLC"]}}

    def person(pid: str) -> dict[str, Any]:
        ownership = {"id": f"own-{pid}", "schema": "Ownership", "properties": {}}
        ownership["properties"] = {"owner": [owner], "asset": [pid]}
        return {
            "id": pid,
            "schema": "Person",
            "properties": {
                "name": [f"Ivan {pid}"],
                "sanctions": [
                    {"id": f"s-{pid}", "schema": "Sanction", "properties": {"program": ["X"]}}
                ],
                "addressEntity": [
                    {"id": "a1", "schema": "Address", "properties": {"full": ["1 Main St"]}}
                ],
                "ownershipAsset": [ownership],
            },
        }

    result = parse(lines(person("p1"), person("p2")))
    assert [e.source_id for e in result.entities] == ["p1", "o1", "p2"]
    first = result.entities[0]
    assert first.programs == ("X",)
    assert first.get("address") == ["1 Main St"]
    assert first.links == (Link("owned by", "Owner LLC", "o1"),)
    assert first.unparsed == ()
    assert result.entities[1].links == (
        Link("owner of", "Ivan p1", "p1"),
        Link("owner of", "Ivan p2", "p2"),
    )


def test_bad_json_names_the_line() -> None:
    good = {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}
    data = lines(good) + b"\n" + b'{"id": "b", "schema": "Person", "properties": {\n'
    with pytest.raises(FormatError, match="not valid JSON") as info:
        parse(data, "broken.json")
    assert info.value.line == 3
    assert info.value.file == "broken.json"


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ([1, 2], "JSON list"),
        ({"id": "a", "properties": {}}, 'no "schema"'),
        ({"id": "a", "schema": "Person"}, 'no "properties"'),
        ({"schema": "Person", "properties": {}}, 'no "id"'),
    ],
)
def test_malformed_records_name_the_line(record: Any, problem: str) -> None:
    with pytest.raises(FormatError, match=problem) as info:
        parse(b"\n" + json.dumps(record).encode())
    assert info.value.line == 2


def test_duplicate_ids_are_refused() -> None:
    record = {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}
    with pytest.raises(FormatError, match="first on line 1") as info:
        parse(lines(record, record))
    assert info.value.line == 2


def test_unknown_schema_is_skipped_with_a_warning() -> None:
    data = lines(
        {"id": "a", "schema": "Person", "properties": {"name": ["A"]}},
        {"id": "b", "schema": "FutureThing", "properties": {}},
    )
    result = parse(data)
    assert [e.source_id for e in result.entities] == ["a"]
    assert result.warnings == ["skipped 1 FutureThing entity"]


def test_non_utf8_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError) as info:
        parse(b'{"id": "a", "schema": "Person", "properties": {}}\n{"x": "\xff"}\n')
    assert info.value.line == 2


def test_slugify() -> None:
    assert slugify("Customers – Blocklist (2025)") == "customers_blocklist_2025"
    assert slugify("Überwachungsliste") == "uberwachungsliste"


NAMES = st.lists(
    st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(NAMES, st.lists(NAMES, max_size=3))
def test_generated_names_round_trip(name: str, aliases: list[str]) -> None:
    record = {"id": "x1", "schema": "Person", "properties": {"name": [name], "alias": aliases}}
    entity = parse(lines(record)).entities[0]

    def clean(text: str) -> str:
        return unicodedata.normalize("NFC", " ".join(text.split()))

    assert entity.get("name") == [clean(name)]
    assert entity.get("alias") == list(dict.fromkeys(clean(a) for a in aliases))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: ('{"schema":' + t).encode()))
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)
