"""The UK Sanctions List XML parser, on a hand-written fixture in the FCDO file's shape."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.sources.common import ParsedList
from caveat.sources.reading import SourceData
from caveat.sources.uk_xml import UkXmlParser, uk_date

HEAD = b'<?xml version="1.0" encoding="utf-8"?>\n'


def parse(data: bytes, name: str = "uk.xml") -> ParsedList:
    return UkXmlParser().parse({"main": SourceData(name, data)}, "gb_hmt")


def designation(inner: str, kind: str = "Individual", uid: str = "TST0001") -> bytes:
    body = (
        f"<Designations>\n<DateGenerated>02/09/2026</DateGenerated>\n<Designation>"
        f"<UniqueID>{uid}</UniqueID><IndividualEntityShip>{kind}</IndividualEntityShip>"
        f"{inner}</Designation>\n</Designations>\n"
    )
    return HEAD + body.encode("utf-8")


def named(name: str) -> str:
    name_type = "<NameType>Primary Name</NameType>"
    return f"<Names><Name><Name6>{escape(name)}</Name6>{name_type}</Name></Names>"


@pytest.fixture
def parsed(fixtures: Path) -> ParsedList:
    path = fixtures / "uk" / "uk_sanctions_list_sample.xml"
    return parse(path.read_bytes(), path.name)


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    return next(e for e in parsed.entities if e.source_id == source_id)


def test_sniff(fixtures: Path) -> None:
    head = (fixtures / "uk" / "uk_sanctions_list_sample.xml").read_bytes()[:65536]
    match = UkXmlParser.sniff("uk_sanctions_list.xml", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("uk_xml", "main", "gb_hmt")
    assert (
        UkXmlParser.sniff("eu.xml", b'<export xmlns="http://eu.europa.ec/fpi/fsd/export">') is None
    )


def test_every_designation_becomes_one_entity(parsed: ParsedList) -> None:
    assert [(e.source_id, e.schema) for e in parsed.entities] == [
        ("RUS0251", "Person"),
        ("RUS0102", "Organization"),
        ("DPR0081", "Vessel"),
        ("AFG0006", "Person"),
        ("RUS0272", "Person"),
        ("AFG0001", "Organization"),
    ]
    assert parsed.publish_date == "2025-03-14"
    assert parsed.warnings == []


def test_individual_names_parts_and_details(parsed: ParsedList) -> None:
    putin = by_id(parsed, "RUS0251")
    assert putin.id == "gb_hmt-RUS0251"
    assert putin.get("name") == ["Vladimir Vladimirovich PUTIN"]
    assert putin.get("alias") == ["Vladimir POUTINE", "Владимир Владимирович ПУТИН"]
    assert putin.get("firstName") == ["Vladimir"]
    assert putin.get("middleName") == ["Vladimirovich"]
    assert putin.get("lastName") == ["PUTIN", "POUTINE"]
    assert putin.get("birthDate") == ["1952-10-07"]
    assert putin.get("birthPlace") == ["Leningrad (now St Petersburg), Russia"]
    assert putin.get("nationality") == ["ru"]
    assert putin.get("gender") == ["male"]
    assert putin.get("position") == ["President of the Russian Federation"]
    assert putin.get("address") == ["The Kremlin, Moscow, Russia"]
    assert putin.programs == ("The Russia (Sanctions) (EU Exit) Regulations 2019",)
    assert putin.legal_basis == ("The Russia (Sanctions) (EU Exit) Regulations 2019",)
    assert putin.listed_on == "2022-02-25"
    assert putin.get("modifiedAt") == ["2024-03-13"]
    notes = putin.get("notes")
    assert "Sanctions imposed: Asset freeze; Director disqualification sanction" in notes
    assert "OFSI group ID: 14200" in notes
    assert any(n.startswith("UK statement of reasons: President") for n in notes)


def test_entity_registration_numbers_contacts_and_parent(parsed: ParsedList) -> None:
    roe = by_id(parsed, "RUS0102")
    assert roe.get("name") == ["JOINT STOCK COMPANY ROSOBORONEXPORT"]
    assert roe.get("alias") == [
        "JSC ROSOBORONEXPORT",
        "ROSOBORONEKSPORT OAO",
        "АО «Рособоронэкспорт»",
    ]
    assert roe.get("weakAlias") == ["ROE"]
    raw = "INN: 7718852163 OGRN: 1117746521452"
    assert roe.identifiers == (
        Identifier("INN", "7718852163", None, raw),
        Identifier("OGRN", "1117746521452", None, raw),
    )
    assert roe.get("innCode") == ["7718852163"]
    assert roe.get("ogrnCode") == ["1117746521452"]
    assert roe.get("address") == ["27 Stromynka Street, Moscow, 107076, Russia"]
    assert roe.get("phone") == ["+74955346183"]
    assert roe.get("email") == ["roe@roe.ru"]
    assert roe.links == (Link("parent company", "State Corporation Rostec"),)
    assert "Type of entity: Joint Stock Company" in roe.get("notes")


def test_ship_with_imo_flag_and_owner(parsed: ParsedList) -> None:
    ship = by_id(parsed, "DPR0081")
    assert ship.get("imoNumber") == ["8660313"]
    assert ship.identifiers == (Identifier("IMO Number", "8660313"),)
    assert ship.get("flag") == ["kp"]
    assert ship.get("pastFlags") == ["tv"]
    assert ship.get("type") == ["Oil Tanker"]
    assert ship.get("tonnage") == ["2961"]
    assert ship.get("buildDate") == ["2008"]
    assert "Vessel owner/operator: Korea Achim Shipping Co" in ship.get("notes")
    assert "Length of ship: 95" in ship.get("notes")
    assert ship.links == (Link("owner/operator", "Korea Achim Shipping Co"),)
    assert ship.listed_on == "2018-03-30"


def test_un_designation_arabic_name_weak_alias_and_partial_dates(parsed: ParsedList) -> None:
    akhund = by_id(parsed, "AFG0006")
    assert akhund.get("name") == ["MOHAMMAD HASSAN AKHUND"]
    assert akhund.get("alias") == ["محمد حسن آخوند"]
    assert akhund.get("weakAlias") == ["Haji Mohammad Hassan"]
    assert akhund.get("birthDate") == ["1955", "1958"]
    assert akhund.get("title") == ["Mullah"]
    assert akhund.links == (Link("same_as", None, "TAi.002", "un_sc"),)
    assert akhund.listed_on == "2001-01-25"
    entity = by_id(parsed, "AFG0001")
    assert entity.get("alias") == ["Haji Alim Hawala", "حاجی خيرالله و حاجی ستار صرافی"]
    assert entity.get("country") == ["af", "ae"]
    assert len(entity.get("address")) == 2


def test_passport_and_national_id_with_issuing_country(parsed: ParsedList) -> None:
    peskov = by_id(parsed, "RUS0272")
    assert peskov.identifiers == (
        Identifier("Passport", "753614385", "ru", "Russia, diplomatic passport"),
        Identifier(
            "National Identification Number", "4509 235857", "ru", "Russian internal passport"
        ),
    )
    assert peskov.get("passportNumber") == ["753614385"]
    assert peskov.get("alias") == ["Dmitrii Sergeevich PESKOV", "Дмитрий Сергеевич ПЕСКОВ"]


def test_unknown_elements_are_kept_in_notes() -> None:
    data = designation(named("X") + "<FutureField>new value</FutureField>")
    assert "FutureField: new value" in parse(data).entities[0].get("notes")


def test_unknown_type_is_a_legal_entity_with_a_warning() -> None:
    result = parse(designation(named("Something"), kind="Aircraft"))
    assert result.entities[0].schema == "LegalEntity"
    assert "unknown IndividualEntityShip" in result.warnings[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/10/1952", "1952-10-07"),
        ("dd/mm/1945", "1945"),
        ("dd/03/1958", "1958-03"),
        ("00/00/1975", "1975"),
        ("1958-03-01", "1958-03-01"),
        ("31/02/1958", None),
        ("unknown", None),
    ],
)
def test_uk_dates(text: str, expected: str | None) -> None:
    assert uk_date(text) == expected


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_uk_dates_round_trip(value: date) -> None:
    assert uk_date(value.strftime("%d/%m/") + f"{value.year:04d}") == value.isoformat()


def test_truncated_file_names_the_line(fixtures: Path) -> None:
    data = (fixtures / "uk" / "uk_sanctions_list_sample.xml").read_bytes()
    with pytest.raises(FormatError) as info:
        parse(data[:5000], "uk_cut.xml")
    assert info.value.file == "uk_cut.xml"
    assert info.value.line is not None and info.value.line > 100


def test_doctype_is_refused() -> None:
    data = HEAD + b'<!DOCTYPE x [<!ENTITY e SYSTEM "http://example.com/">]><Designations/>'
    with pytest.raises(UnsafeXMLError):
        parse(data)


def test_wrong_root_is_a_format_error() -> None:
    data = b'<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity/></export>'
    with pytest.raises(FormatError, match="unexpected root element <export>"):
        parse(data)


def test_designation_without_unique_id_names_its_line() -> None:
    data = HEAD + b"<Designations>\n<Designation>\n<Names/></Designation></Designations>"
    with pytest.raises(FormatError, match="no UniqueID") as info:
        parse(data)
    assert info.value.line == 3


def test_non_utf8_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError):
        parse(designation(named("X")).replace(b"X", b"Caf\xe9"))


NAMES = st.lists(
    st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_generated_names_round_trip(name: str) -> None:
    entity = parse(designation(named(name), kind="Entity")).entities[0]
    assert entity.get("name") == [unicodedata.normalize("NFC", " ".join(name.split()))]


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=300) | st.binary(max_size=200).map(lambda b: HEAD + b"<Designations>" + b)
)
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)
