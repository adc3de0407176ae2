"""The EU FSF XML parser, on a hand-written fixture in the official export's shape."""

from __future__ import annotations

import contextlib
import unicodedata
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.sources.common import ParsedList
from caveat.sources.eu_fsf_xml import EuFsfXmlParser
from caveat.sources.reading import SourceData

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
OPEN = (
    b'<export xmlns="http://eu.europa.ec/fpi/fsd/export"'
    b' generationDate="2024-12-11T21:24:35+01:00">\n'
)


def parse(data: bytes, name: str = "eu.xml") -> ParsedList:
    return EuFsfXmlParser().parse({"main": SourceData(name, data)}, "eu_fsf")


def one(name: str, attrs: str = 'strong="true"', subject: str = "person") -> bytes:
    body = (
        f'<sanctionEntity logicalId="1"><subjectType code="{subject}"/>'
        f"<nameAlias wholeName={quoteattr(name)} {attrs}/></sanctionEntity>\n"
    )
    return HEAD + OPEN + body.encode("utf-8") + b"</export>\n"


@pytest.fixture
def parsed(fixtures: Path) -> ParsedList:
    path = fixtures / "eu_fsf" / "eu_fsf_sample.xml"
    return parse(path.read_bytes(), path.name)


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    return next(e for e in parsed.entities if e.source_id == source_id)


def test_sniff_recognises_the_export(fixtures: Path) -> None:
    head = (fixtures / "eu_fsf" / "eu_fsf_sample.xml").read_bytes()[:65536]
    match = EuFsfXmlParser.sniff("eu_fsf_sample.xml", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("eu_fsf_xml", "main", "eu_fsf")
    assert EuFsfXmlParser.sniff("x.xml", b"<export><sanctionEntity logicalId='1'/>") is not None
    assert EuFsfXmlParser.sniff("uk.xml", b"<?xml version='1.0'?><Designations>") is None
    assert EuFsfXmlParser.sniff("sdn.csv", b'27018,"DEMIR, Ismail","individual"') is None


def test_every_entry_becomes_one_entity(parsed: ParsedList) -> None:
    assert [e.source_id for e in parsed.entities] == ["139064", "139065", "146522", "12978", "2013"]
    assert [e.schema for e in parsed.entities] == [
        "Person",
        "Person",
        "Organization",
        "Person",
        "Person",
    ]
    assert parsed.publish_date == "2025-03-14"
    assert parsed.entities[0].id == "eu_fsf-139064"
    assert parsed.warnings == []


def test_person_names_parts_and_cyrillic_alias(parsed: ParsedList) -> None:
    putin = by_id(parsed, "139064")
    assert putin.get("name") == ["Vladimir Vladimirovich Putin"]
    assert putin.get("alias") == ["Владимир Владимирович Путин", "Vladimir Poutine"]
    assert putin.get("firstName") == ["Vladimir", "Владимир"]
    assert putin.get("middleName") == ["Vladimirovich", "Владимирович"]
    assert putin.get("lastName") == ["Putin", "Путин"]
    assert putin.get("position") == ["President of the Russian Federation"]
    assert putin.get("gender") == ["male"]
    assert putin.get("birthDate") == ["1952-10-07"]
    assert putin.get("birthPlace") == ["Leningrad (now St Petersburg), RUSSIAN FEDERATION"]
    assert putin.get("birthCountry") == ["ru"]
    assert putin.get("citizenship") == ["ru"]
    assert putin.programs == ("UKR",)
    assert putin.legal_basis == ("2022/336 (OJ L58)",)
    assert putin.listed_on == "2022-02-25"
    assert "President of the Russian Federation." in putin.get("notes")
    assert "EU reference number: EU.6590.50" in putin.get("notes")
    assert putin.get("sourceUrl") == [
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0336"
    ]


def test_passport_keeps_type_issuing_country_and_details(parsed: ParsedList) -> None:
    lavrov = by_id(parsed, "139065")
    assert lavrov.identifiers == (
        Identifier(
            "National passport",
            "100158721",
            "ru",
            "Diplomatic passport; issued by Ministry of Foreign Affairs; diplomatic",
        ),
    )
    assert lavrov.get("passportNumber") == ["100158721"]
    assert "Сергей Викторович Лавров" in lavrov.get("alias")


def test_enterprise_with_registration_numbers_and_contacts(parsed: ParsedList) -> None:
    roe = by_id(parsed, "146522")
    assert roe.caption == "Joint Stock Company Rosoboronexport"
    assert roe.get("alias") == ["JSC Rosoboronexport", "Акционерное общество «Рособоронэкспорт»"]
    assert roe.get("weakAlias") == ["ROE"]
    assert roe.get("registrationNumber") == ["1117746521452"]
    assert roe.get("taxNumber") == ["7718852163"]
    assert Identifier("Registration Number", "1117746521452", "ru", "OGRN") in roe.identifiers
    assert roe.get("address") == ["27 Stromynka Street, 107076, Moscow, RUSSIAN FEDERATION"]
    assert roe.get("country") == ["ru"]
    assert roe.get("phone") == ["+74955346183"]
    assert roe.get("email") == ["roe@roe.ru"]
    assert roe.get("website") == ["http://www.roe.ru/"]
    assert "Fax: +7 495 534 61 53" in roe.get("notes")
    assert "firstName" not in roe.properties
    assert roe.listed_on == "2022-06-03"


def test_arabic_alias_and_listing_date_from_earliest_regulation(parsed: ParsedList) -> None:
    assad = by_id(parsed, "12978")
    assert assad.get("alias") == ["بشار الأسد", "Bachar el-Assad"]
    assert assad.identifiers == (Identifier("National passport", "D1903", "sy"),)
    assert assad.legal_basis == ("36/2012 (OJ L16)", "504/2011 (OJ L136)")
    assert assad.programs == ("SYR",)
    assert assad.listed_on == "2011-05-24"


def test_un_link_year_range_weak_alias_and_unknown_country(parsed: ParsedList) -> None:
    akhund = by_id(parsed, "2013")
    assert akhund.links == (Link("same_as", None, "TAi.002", "un_sc"),)
    assert akhund.get("birthDate") == ["1955", "1956", "1957", "1958"]
    assert akhund.get("weakAlias") == ["Haji Mohammad Hassan"]
    assert akhund.get("alias") == ["محمد حسن آخوند"]
    assert akhund.get("title") == ["Mullah"]
    assert akhund.get("address") == ["Kandahar"]
    assert "country" not in akhund.properties
    assert akhund.get("birthPlace") == [
        "Pashmul village, Panjwai District, Kandahar Province, AFGHANISTAN"
    ]
    notes = akhund.get("notes")
    assert "Taliban leadership" in notes
    assert "Other information: Belongs to Kakar tribe." in notes
    assert "Address note: Believed to be in the Afghanistan/Pakistan border area." in notes


def test_weak_only_name_still_gives_a_caption() -> None:
    entity = parse(one("Abu Ali", 'strong="false"')).entities[0]
    assert entity.get("weakAlias") == ["Abu Ali"]
    assert entity.caption == "Abu Ali"


def test_unknown_subject_type_is_a_legal_entity_with_a_warning() -> None:
    result = parse(one("Some Group", subject="group"))
    assert result.entities[0].schema == "LegalEntity"
    assert "unknown subject type" in result.warnings[0]


def test_truncated_file_names_the_line(fixtures: Path) -> None:
    data = (fixtures / "eu_fsf" / "eu_fsf_sample.xml").read_bytes()
    with pytest.raises(FormatError) as info:
        parse(data[: len(data) // 2], "eu_cut.xml")
    assert info.value.file == "eu_cut.xml"
    assert info.value.line is not None and info.value.line > 10
    assert "not well-formed" in info.value.message


def test_doctype_with_external_entity_is_refused() -> None:
    data = (
        HEAD + b'<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<export><sanctionEntity logicalId="1"><remark>&xxe;</remark></sanctionEntity></export>'
    )
    with pytest.raises(UnsafeXMLError) as info:
        parse(data)
    assert info.value.line == 2


def test_wrong_root_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="unexpected root element <Designations>"):
        parse(HEAD + b"<Designations><Designation/></Designations>")


def test_entry_without_logical_id_names_its_line() -> None:
    data = HEAD + OPEN + b'<sanctionEntity>\n<nameAlias wholeName="X"/></sanctionEntity></export>'
    with pytest.raises(FormatError, match="no logicalId") as info:
        parse(data)
    assert info.value.line == 3


def test_empty_export_is_refused() -> None:
    with pytest.raises(FormatError, match="no <sanctionEntity>"):
        parse(HEAD + OPEN + b"</export>")


def test_duplicate_logical_id_is_refused() -> None:
    entry = b'<sanctionEntity logicalId="7"><nameAlias wholeName="A"/></sanctionEntity>'
    with pytest.raises(FormatError, match="share the reference '7'"):
        parse(HEAD + OPEN + entry + entry + b"</export>")


def test_non_utf8_bytes_are_an_encoding_error() -> None:
    with pytest.raises(EncodingError) as info:
        parse(one("Caf\xe9").replace("Café".encode(), b"Caf\xe9"))
    assert info.value.line == 3


def test_byte_order_mark_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbf" + one("Ivan Petrov")).entities[0].caption == "Ivan Petrov"


NAMES = st.lists(
    st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_generated_names_round_trip(name: str) -> None:
    entity = parse(one(name)).entities[0]
    assert entity.get("name") == [unicodedata.normalize("NFC", " ".join(name.split()))]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.binary(max_size=200).map(lambda b: HEAD + OPEN + b))
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)
