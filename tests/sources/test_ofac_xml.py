"""OFAC sdnList XML: the real consolidated.xml of 2025-03-28, a hand-written sample with
vessels and aircraft, and broken or hostile input."""

from __future__ import annotations

import contextlib
import gzip
import unicodedata
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caveat.entity import Entity
from caveat.exc import EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.sources.common import ParsedList
from caveat.sources.ofac_xml import OfacXmlParser
from caveat.sources.reading import SourceData, read_source
from tests.conftest import real_file

CONS_XML = "us_ofac/cons_xml_2025-03-28/consolidated.xml.gz"
CONS_ENHANCED = "us_ofac/cons_enhanced_xml_2025-01-10/CONS_ENHANCED.XML.gz"
ALIAS_PROPS = ("alias", "previousName", "weakAlias")
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


def parse(data: bytes, name: str = "sdn.xml") -> ParsedList:
    return OfacXmlParser().parse({"main": SourceData(name, data)}, "us_ofac_sdn")


def document(*entries: str, count: int | None = None) -> bytes:
    """A minimal sdnList document around the given <sdnEntry> elements."""
    info = f"<Record_Count>{count}</Record_Count>" if count is not None else ""
    body = "".join(entries)
    return (
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="{NS}">\n'
        f"<publshInformation><Publish_Date>03/28/2025</Publish_Date>{info}</publshInformation>\n"
        f"{body}\n</sdnList>\n"
    ).encode()


def entry(
    uid: str = "1", last: str = "ACME", first: str | None = None, kind: str = "Entity"
) -> str:
    first_el = f"<firstName>{escape(first)}</firstName>" if first is not None else ""
    return (
        f"<sdnEntry><uid>{uid}</uid>{first_el}<lastName>{escape(last)}</lastName>"
        f"<sdnType>{kind}</sdnType></sdnEntry>"
    )


@pytest.fixture(scope="module")
def cons(shared_data: Path) -> ParsedList:
    source = read_source(real_file(shared_data, CONS_XML))
    return OfacXmlParser().parse({"main": source}, "us_ofac_cons")


@pytest.fixture(scope="module")
def cons_by_id(cons: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in cons.entities}


@pytest.fixture
def sample(fixtures: Path) -> dict[str, Entity]:
    source = read_source(fixtures / "ofac" / "sdn_sample.xml")
    parsed = OfacXmlParser().parse({"main": source}, "us_ofac_sdn")
    assert parsed.publish_date == "2020-12-14"
    assert parsed.warnings == []
    return {e.source_id: e for e in parsed.entities}


# --- the real consolidated.xml --------------------------------------------------------


def test_real_file_counts(cons: ParsedList) -> None:
    assert cons.list_id == "us_ofac_cons"
    assert cons.publish_date == "2025-03-28"
    assert cons.warnings == []  # Record_Count 443 matches
    assert len(cons.entities) == 443
    assert Counter(e.schema for e in cons.entities) == {"LegalEntity": 363, "Person": 80}
    assert all(len(e.get("name")) == 1 for e in cons.entities)
    # 1,136 <aka>: 925 strong a.k.a., 141 strong f.k.a., 70 weak (67 a.k.a. + 3 f.k.a.)
    assert sum(len(e.get("alias")) for e in cons.entities) == 925
    assert sum(len(e.get("previousName")) for e in cons.entities) == 141
    assert sum(len(e.get("weakAlias")) for e in cons.entities) == 70
    aliases = [v for e in cons.entities for p in ALIAS_PROPS for v in e.get(p)]
    assert len(aliases) == 1136
    # 18721 repeats its primary name as an a.k.a., so distinct names are one fewer
    assert sum(len(e.names) - 1 for e in cons.entities) == 1135
    assert sum(len(e.links) for e in cons.entities) == 283
    assert sum(len(e.get("birthDate")) for e in cons.entities) == 75
    assert sum(len(e.get("website")) for e in cons.entities) == 176
    assert len({e.id for e in cons.entities}) == 443
    assert all(e.id == f"us_ofac_cons-{e.source_id}" for e in cons.entities)


def test_presidency_of_defense_industries(cons_by_id: dict[str, Entity]) -> None:
    ssb = cons_by_id["27016"]
    assert ssb.schema == "LegalEntity"
    assert ssb.get("name") == ["PRESIDENCY OF DEFENSE INDUSTRIES"]
    assert ssb.get("alias") == ["DEFENSE INDUSTRIES PRESIDENCY"]
    assert ssb.get("previousName") == ["UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"]
    assert ssb.get("weakAlias") == ["SSB", "SSM"]
    assert ssb.get("address") == ["Ankara, Turkey"]
    assert ssb.get("country") == ["tr"]
    assert ssb.programs == ("CAATSA - RUSSIA",)
    assert len(ssb.legal_basis) == 5
    assert "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)" in ssb.legal_basis
    assert ssb.identifiers == ()  # the CAATSA "ids" are sanctions, not identifiers
    assert ssb.listed_on is None  # sdnList carries no listing dates


def test_individual_with_gender_nationality_and_link(cons_by_id: dict[str, Entity]) -> None:
    zahhar = cons_by_id["9647"]
    assert zahhar.schema == "Person"
    assert zahhar.get("name") == ["Mahmoud Khaled ZAHHAR"]
    assert zahhar.get("firstName") == ["Mahmoud Khaled"]
    assert zahhar.get("lastName") == ["ZAHHAR"]
    assert zahhar.get("weakAlias") == ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    assert zahhar.get("gender") == ["male"]
    assert zahhar.get("nationality") == ["ps"]
    assert zahhar.get("birthDate") == ["1945"]
    assert zahhar.get("birthPlace") == ["Gaza Strip"]
    assert zahhar.programs == ("NS-PLC", "SDGT")
    assert [(link.relation, link.target_name) for link in zahhar.links] == [("Linked To", "HAMAS")]
    assert zahhar.get("notes") == ["(Linked To: HAMAS)"]


def test_bank_identifiers_and_details(cons_by_id: dict[str, Entity]) -> None:
    vtb = cons_by_id["17013"]
    assert vtb.get("name") == ["VTB BANK PUBLIC JOINT STOCK COMPANY"]
    assert vtb.get("swiftBic") == ["VTBRRUMM"]
    assert vtb.get("taxNumber") == ["7702070139"]
    assert vtb.get("incorporationDate") == ["1990-10-17"]
    assert vtb.get("classification") == ["Financial Institution"]
    assert vtb.get("website") == ["http://www.vtb.com/", "http://www.vtb.ru/"]
    assert ("Registration ID", "1027739609391", "ru") in [
        (i.type, i.number, i.country) for i in vtb.identifiers
    ]
    assert len(vtb.get("address")) == 12
    assert "1266 Nanjing Xilu Street, Jingan District, Shanghai, 200040, China" in vtb.get(
        "address"
    )
    assert (
        "Executive Order 13662 Directive Determination - Subject to Directive 1" in vtb.legal_basis
    )


def test_linked_to_name_with_ampersand_and_dots(cons: ParsedList) -> None:
    targets = {link.target_name for e in cons.entities for link in e.links}
    assert "HUAWEI INVESTMENT & HOLDING CO., LTD." in targets
    assert "PUBLIC JOINT STOCK COMPANY GAZPROM" in targets


def head_of(path: Path) -> bytes:
    with gzip.open(path) as handle:
        return handle.read(65536)


def test_sniff(shared_data: Path) -> None:
    head = head_of(real_file(shared_data, CONS_XML))
    match = OfacXmlParser.sniff("consolidated.xml", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("ofac_xml", "main", "us_ofac_cons")
    sdn = OfacXmlParser.sniff("sdn.xml", head)
    assert sdn is not None and sdn.list_id == "us_ofac_sdn"
    enhanced = head_of(real_file(shared_data, CONS_ENHANCED))
    assert OfacXmlParser.sniff("cons_enhanced.xml", enhanced) is None
    assert OfacXmlParser.sniff("consolidated.xml", b"<CONSOLIDATED_LIST>") is None


# --- the hand-written sample ----------------------------------------------------------


def test_sample_person(sample: dict[str, Entity]) -> None:
    person = sample["90001"]
    assert person.schema == "Person"
    assert person.get("name") == ["Ayse Nur EXAMPLE-KAYA"]
    assert person.get("position") == ["Procurement Director"]
    assert person.get("alias") == ["Ayse KAYA", "Nur KAYA-DEMO"]  # a.k.a. and n.k.a.
    assert person.get("previousName") == ["Ayse Nur DEMO"]
    assert person.get("weakAlias") == ["Umm Ali"]
    assert person.get("birthDate") == ["1960-04-01", "1961"]
    assert person.get("birthPlace") == ["Elazig, Turkey"]
    assert person.get("nationality") == ["tr"]
    assert person.get("citizenship") == ["de"]
    assert person.get("gender") == ["female"]
    assert person.get("email") == ["ayse@example.com"]
    assert person.get("phone") == ["+903125550100"]
    assert person.get("passportNumber") == ["U12345678"]
    assert person.get("address") == ["Ataturk Bulvari 1, Kat 3, Ankara, Cankaya, 06100, Turkey"]
    [passport] = person.identifiers
    assert (passport.type, passport.number, passport.country) == ("Passport", "U12345678", "tr")
    assert passport.note == "issued 01 Feb 2015; expires 31 Jan 2025"
    assert person.legal_basis == (
        "Additional Sanctions Information - Subject to Secondary Sanctions",
    )
    assert person.listed_on == "2021-06-03"  # Listing Date (CMIC)
    assert [link.target_name for link in person.links] == ["EXAMPLE DEFENCE & TRADE CO., LTD."]


def test_sample_entity_vessel_aircraft(sample: dict[str, Entity]) -> None:
    company = sample["90002"]
    assert company.get("name") == ["EXAMPLE DEFENCE & TRADE CO., LTD."]
    assert company.get("jurisdiction") == ["ru"]
    assert company.get("incorporationDate") == ["1990-10-17"]
    assert company.get("classification") == ["State-Owned Enterprise"]
    assert company.get("address") == []  # a bare country is no address
    assert company.get("country") == ["ru"]
    vessel = sample["90003"]
    assert vessel.schema == "Vessel"
    assert vessel.get("callSign") == ["9HA1234"]
    assert vessel.get("type") == ["Crude Oil Tanker"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("tonnage") == ["150000"]
    assert vessel.get("grossRegisteredTonnage") == ["81000"]
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("mmsi") == ["572469210"]
    assert vessel.get("notes") == ["Vessel Owner: EXAMPLE SHIPPING LTD"]
    plane = sample["90004"]
    assert plane.schema == "Airplane"
    assert plane.get("model") == ["Airbus A310"]
    assert plane.get("buildDate") == ["1990"]
    assert plane.get("serialNumber") == ["1234"]
    assert plane.get("notes") == ["Aircraft Operator: EXAMPLE AIR"]


def test_record_count_mismatch_warns() -> None:
    parsed = parse(document(entry("1"), entry("2"), count=3))
    assert len(parsed.entities) == 2
    assert parsed.warnings == ["sdn.xml: Record_Count says 3 entries but the file holds 2"]


def test_latin1_declared_file_is_read() -> None:
    data = document(entry("1", "M\u00fcller", "Hans")).decode()
    latin = data.replace('standalone="yes"', 'encoding="ISO-8859-1"').encode("latin-1")
    [person] = parse(latin).entities
    assert person.get("name") == ["Hans M\u00fcller"]


# --- bad input ------------------------------------------------------------------------


def test_truncated_file(fixtures: Path) -> None:
    data = (fixtures / "ofac" / "sdn_sample.xml").read_bytes()
    with pytest.raises(FormatError) as caught:
        parse(data[: len(data) * 2 // 3])
    assert caught.value.file == "sdn.xml"
    assert caught.value.line is not None and caught.value.line > 100
    assert "not well-formed" in caught.value.message


def test_doctype_with_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    doctype = f'<!DOCTYPE sdnList [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    data = document(entry("1", "&xxe;")).replace(b"\n<sdnList", f"\n{doctype}\n<sdnList".encode())
    data = data.replace(b"&amp;xxe;", b"&xxe;")
    with pytest.raises(UnsafeXMLError) as caught:
        parse(data)
    assert caught.value.line == 2
    assert "SECRET-MARKER" not in str(caught.value)


def test_doctype_hidden_behind_a_long_comment_is_refused() -> None:
    padding = b"<!--" + b"x" * 70_000 + b"-->\n"
    data = document(entry("1", "A &e; B")).replace(b"&amp;e;", b"&e;")
    data = data.replace(
        b"\n<sdnList", b"\n" + padding + b'<!DOCTYPE sdnList [<!ENTITY e "X">]>\n<sdnList'
    )
    with pytest.raises(UnsafeXMLError) as caught:
        parse(data)
    assert caught.value.line == 3


def test_un_xml_names_its_root() -> None:
    data = (
        b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2026-02-27">'
        b"<INDIVIDUALS/></CONSOLIDATED_LIST>"
    )
    with pytest.raises(FormatError) as caught:
        parse(data, "consolidated.xml")
    assert caught.value.element == "CONSOLIDATED_LIST"
    assert "<CONSOLIDATED_LIST>" in caught.value.message and "<sdnList>" in caught.value.message


def test_enhanced_xml_is_not_sdnlist(fixtures: Path) -> None:
    with pytest.raises(FormatError, match="unexpected root element <sanctionsData>"):
        parse((fixtures / "ofac" / "enhanced_sample.xml").read_bytes())


def test_non_utf8_bytes() -> None:
    data = document(entry("1", "ACME")).replace(b"ACME", b"M\xfcller")
    with pytest.raises(EncodingError) as caught:
        parse(data)
    assert caught.value.line == 4


def test_entry_without_uid_or_name() -> None:
    with pytest.raises(FormatError, match="has no <uid>") as caught:
        parse(document("<sdnEntry><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry>"))
    assert caught.value.element == "sdnEntry" and caught.value.line == 4
    with pytest.raises(FormatError, match="entry 7 has no <lastName>"):
        parse(document("<sdnEntry><uid>7</uid><sdnType>Entity</sdnType></sdnEntry>"))


def test_duplicate_uid_and_missing_role() -> None:
    with pytest.raises(FormatError, match="share the reference '5'"):
        parse(document(entry("5", "A"), entry("5", "B")))
    with pytest.raises(FormatError, match="lacks its main file"):
        OfacXmlParser().parse({}, "us_ofac_sdn")


def test_unknown_sdn_type_warns() -> None:
    parsed = parse(document(entry("9", "THING", kind="Spaceship")))
    assert parsed.entities[0].schema == "LegalEntity"
    assert parsed.warnings == ["sdn.xml: entry 9 has sdnType 'Spaceship'; read as LegalEntity"]


# --- property-based -------------------------------------------------------------------

# Words that start and end with a letter (FollowTheMoney strips quotes around a name),
# with XML's special characters and any script inside.
LETTER = st.characters(categories=["L"])
INNER = st.one_of(st.characters(categories=["L", "N"]), st.sampled_from("&<>'\".-,"))
WORD = st.builds(lambda a, m, b: a + m + b, LETTER, st.text(INNER, max_size=8), LETTER)
# FollowTheMoney stores text in Unicode NFC form, so names are generated in it.
NAME = (
    st.lists(WORD, min_size=1, max_size=4)
    .map(" ".join)
    .filter(lambda s: unicodedata.normalize("NFC", s) == s)
)


@given(first=NAME, last=NAME, alias=NAME)
@settings(max_examples=150, deadline=None)
def test_generated_names_round_trip(first: str, last: str, alias: str) -> None:
    aka = (
        "<akaList><aka><uid>2</uid><type>a.k.a.</type><category>strong</category>"
        f"<lastName>{escape(alias)}</lastName></aka></akaList>"
    )
    xml = entry("1", last, first, "Individual").replace("</sdnEntry>", aka + "</sdnEntry>")
    [person] = parse(document(xml)).entities
    assert person.get("name") == [f"{first} {last}"]
    assert person.get("firstName") == [first]
    assert person.get("lastName") == [last]
    assert person.names == [f"{first} {last}", alias] or alias == f"{first} {last}"


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)


@given(cut=st.integers(min_value=0), junk=st.binary(min_size=1, max_size=6))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_damaged_sample_raises_only_source_errors(fixtures: Path, cut: int, junk: bytes) -> None:
    data = (fixtures / "ofac" / "sdn_sample.xml").read_bytes()
    at = cut % len(data)
    with contextlib.suppress(SourceError):
        parse(data[:at] + junk + data[at + len(junk) :])
