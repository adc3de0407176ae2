"""OFAC Enhanced XML: the real CONS_ENHANCED.XML of 2025-01-10, a hand-written sample,
and broken or hostile input."""

from __future__ import annotations

import contextlib
import gzip
import re
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
from caveat.sources.ofac_enhanced_xml import OfacEnhancedXmlParser
from caveat.sources.reading import SourceData, read_source
from tests.conftest import real_file

CONS_ENHANCED = "us_ofac/cons_enhanced_xml_2025-01-10/CONS_ENHANCED.XML.gz"
CONS_XML = "us_ofac/cons_xml_2025-03-28/consolidated.xml.gz"
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"


def parse(data: bytes, name: str = "sdn_enhanced.xml") -> ParsedList:
    return OfacEnhancedXmlParser().parse({"main": SourceData(name, data)}, "us_ofac_sdn")


def translation(full: str, primary: bool = True, script: str = "Latin") -> str:
    return (
        f"<translation><isPrimary>{str(primary).lower()}</isPrimary><script>{script}</script>"
        f"<formattedFullName>{escape(full)}</formattedFullName></translation>"
    )


def document(*entities: str) -> bytes:
    """A minimal sanctionsData document around the given <entity> elements."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<sanctionsData xmlns="{NS}">\n'
        "<publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf></publicationInfo>\n"
        f"<entities>\n{''.join(entities)}\n</entities>\n</sanctionsData>\n"
    ).encode()


def entity(entity_id: str = "1", names: str | None = None) -> str:
    if names is None:
        names = (
            "<name><isPrimary>true</isPrimary>"
            f"<translations>{translation('ACME')}</translations></name>"
        )
    return (
        f'<entity id="{entity_id}"><generalInfo><entityType>Entity</entityType></generalInfo>'
        f"<names>{names}</names></entity>"
    )


@pytest.fixture(scope="module")
def enhanced(shared_data: Path) -> ParsedList:
    source = read_source(real_file(shared_data, CONS_ENHANCED))
    return OfacEnhancedXmlParser().parse({"main": source}, "us_ofac_cons")


@pytest.fixture(scope="module")
def by_id(enhanced: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in enhanced.entities}


@pytest.fixture
def sample(fixtures: Path) -> dict[str, Entity]:
    source = read_source(fixtures / "ofac" / "enhanced_sample.xml")
    parsed = OfacEnhancedXmlParser().parse({"main": source}, "us_ofac_sdn")
    assert parsed.publish_date == "2024-06-30"
    assert parsed.warnings == []
    return {e.source_id: e for e in parsed.entities}


# --- the real CONS_ENHANCED.XML -------------------------------------------------------


def test_real_file_counts(enhanced: ParsedList) -> None:
    assert enhanced.publish_date == "2025-01-10"
    assert enhanced.warnings == []
    assert len(enhanced.entities) == 443
    assert Counter(e.schema for e in enhanced.entities) == {"LegalEntity": 363, "Person": 80}
    # The file has 1,579 <name> elements (443 primary) with 1,624 name translations; the
    # 2,207 <translation> elements also count 583 address translations. Every name
    # translation is kept: 443 names, 968 aliases, 142 former names, 71 weak aliases.
    counts = {p: sum(len(e.get(p)) for e in enhanced.entities) for p in NAME_PROPS}
    assert counts == {"name": 443, "alias": 968, "previousName": 142, "weakAlias": 71}
    assert sum(counts.values()) == 1624
    assert sum(len(e.names) for e in enhanced.entities) == 1623  # one alias repeats a name
    non_latin = [n for e in enhanced.entities for n in e.names if re.search(r"[^\x00-\u024f]", n)]
    assert len(non_latin) == 45  # 39 Cyrillic + 6 Chinese translations of names
    assert all(e.listed_on is not None for e in enhanced.entities)
    assert sum(len(e.links) for e in enhanced.entities) == 283
    assert sum(len(e.identifiers) for e in enhanced.entities) == 963


def test_presidency_of_defense_industries(by_id: dict[str, Entity]) -> None:
    ssb = by_id["27016"]
    assert ssb.schema == "LegalEntity"
    assert ssb.listed_on == "2020-12-14"
    assert ssb.get("name") == ["PRESIDENCY OF DEFENSE INDUSTRIES"]
    assert ssb.get("alias") == ["DEFENSE INDUSTRIES PRESIDENCY"]
    assert ssb.get("previousName") == ["UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"]
    assert ssb.get("weakAlias") == ["SSB", "SSM"]
    assert ssb.legal_basis[0] == "CAATSA - Section 231"
    assert "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)" in ssb.legal_basis
    assert ssb.programs == ("CAATSA - RUSSIA",)
    notes = ssb.get("notes")
    assert "Sanctions list: Non-SDN Menu-Based Sanctions List (published 2020-12-14)" in notes
    assert "Sanctions type: CAATSA Section 231/235 Sanctions" in notes
    assert ssb.get("address") == ["Ankara, Turkey"]
    assert ssb.get("country") == ["tr"]


def test_vtb_translations_documents_and_earliest_listing(by_id: dict[str, Entity]) -> None:
    vtb = by_id["17013"]
    assert vtb.get("name") == ["VTB BANK PUBLIC JOINT STOCK COMPANY"]
    assert "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО" in vtb.get("alias")
    assert vtb.listed_on == "2014-07-29"  # SSI list, before Consolidated and SDN
    assert vtb.legal_basis[:2] == (
        "Executive Order 13662 (Ukraine)",
        "Executive Order 14024 (Russia)",
    )
    docs = {(i.type, i.number, i.country) for i in vtb.identifiers}
    assert ("Registration ID", "1027739609391", "ru") in docs
    assert ("Tax ID No.", "7702070139", "ru") in docs
    assert vtb.get("incorporationDate") == ["1990-10-17"]
    assert "Website: www.vtb.ru (Russian Language website for the bank)" in vtb.get("notes")
    assert "Город Москва" not in " ".join(vtb.get("address"))  # that is another entry's


def test_relationships_become_links(by_id: dict[str, Entity]) -> None:
    links = {(link.relation, link.target_name, link.target_source_id, link.target_list)
             for e in by_id.values() for link in e.links}  # fmt: skip
    assert ("Owned or Controlled By", "STATE CORPORATION ROSTEC", "17260", None) in links
    # HAMAS is the one target not in this file: it sits on the SDN list
    outside = [x for x in links if x[3] is not None]
    assert outside == [("Acting for or on behalf of", "HAMAS", "4695", "us_ofac_sdn")]
    zahhar = by_id["9647"]
    assert [(x.relation, x.target_name, x.target_source_id) for x in zahhar.links] == [
        ("Acting for or on behalf of", "HAMAS", "4695")
    ]
    inside = [x for e in by_id.values() for x in e.links if x.target_source_id in by_id]
    assert inside and all(x.target_list is None for x in inside)


def test_same_entries_as_sdnlist_file(shared_data: Path, by_id: dict[str, Entity]) -> None:
    """The March sdnList file and the January Enhanced file hold the same 443 entries."""
    from caveat.sources.ofac_xml import OfacXmlParser

    source = read_source(real_file(shared_data, CONS_XML))
    legacy = OfacXmlParser().parse({"main": source}, "us_ofac_cons")
    legacy_by_id = {e.source_id: e for e in legacy.entities}
    assert set(legacy_by_id) == set(by_id)
    assert legacy_by_id["27016"].get("weakAlias") == by_id["27016"].get("weakAlias")


def test_sniff(shared_data: Path) -> None:
    with gzip.open(real_file(shared_data, CONS_ENHANCED)) as handle:
        head = handle.read(65536)
    match = OfacEnhancedXmlParser.sniff("cons_enhanced.xml", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == (
        "ofac_enhanced_xml",
        "main",
        "us_ofac_cons",
    )
    sdn = OfacEnhancedXmlParser.sniff("sdn_enhanced.xml", head)
    assert sdn is not None and sdn.list_id == "us_ofac_sdn"
    with gzip.open(real_file(shared_data, CONS_XML)) as handle:
        assert OfacEnhancedXmlParser.sniff("consolidated.xml", handle.read(65536)) is None


# --- the hand-written sample ----------------------------------------------------------


def test_sample_person(sample: dict[str, Entity]) -> None:
    person = sample["80001"]
    assert person.schema == "Person"
    assert person.get("name") == ["EXAMPLEZADEH, Hassan Ali"]
    assert person.get("alias") == ["حسن علی نمونه زاده"]
    assert person.get("previousName") == ["Hasan NAMUNEH"]  # joined from name parts
    assert person.get("weakAlias") == ["Abu Example"]
    assert person.get("firstName") == ["Hassan Ali"]
    assert person.get("lastName") == ["EXAMPLEZADEH"]
    assert person.get("middleName") == ["Ali"]
    assert person.get("fatherName") == ["Rezaovich"]
    assert person.get("position") == ["Commander"]
    assert person.get("birthDate") == ["1958", "1959", "1960"]
    assert person.get("birthPlace") == ["Qom, Iran"]
    assert person.get("nationality") == ["ir"]
    assert person.get("gender") == ["male"]
    assert person.get("email") == []  # reliability "False"
    assert person.get("address") == ["Example Street 5, Tehran, Middle East, Iran", "تهران, Iran"]
    assert person.listed_on == "2019-05-02"
    assert person.legal_basis == ("Executive Order 13224 (Terrorism)",)  # resolved by refId
    [passport] = person.identifiers
    assert (passport.type, passport.number, passport.country) == ("Passport", "P1234567", "ir")
    assert passport.note == (
        "issued by Ministry of Foreign Affairs; issued 2010-03-01; expires 2020-02-28; not valid"
    )
    notes = person.get("notes")
    assert "Living status: Deceased" in notes
    assert "Reported false: Email Address old@example.com" in notes
    assert "Owned or Controlled By EXAMPLE NAVIGATION: since 2018" in notes
    assert [(x.relation, x.target_source_id, x.target_list) for x in person.links] == [
        ("Owned or Controlled By", "80002", None),
        ("Acting for or on behalf of", "4695", "us_ofac_cons"),
    ]


def test_sample_vessel(sample: dict[str, Entity]) -> None:
    vessel = sample["80002"]
    assert vessel.schema == "Vessel"
    assert vessel.get("callSign") == ["3EXA5"]
    # a feature naming only its featureTypeId is resolved through <featureTypes>: Website,
    # which a Vessel cannot hold, so it is kept aside rather than dropped
    assert vessel.unparsed == (("website", "www.example-navigation.test"),)
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("grossRegisteredTonnage") == ["81000"]
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("notes")[-1] == "Vessel Owner: EXAMPLE SHIPPING LTD"
    assert vessel.listed_on == "2020-01-15"


# --- bad input ------------------------------------------------------------------------


def test_truncated_file(fixtures: Path) -> None:
    data = (fixtures / "ofac" / "enhanced_sample.xml").read_bytes()
    with pytest.raises(FormatError) as caught:
        parse(data[: len(data) // 2])
    assert caught.value.file == "sdn_enhanced.xml"
    assert caught.value.line is not None and caught.value.line > 50


def test_doctype_with_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    doctype = f'<!DOCTYPE sanctionsData [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    data = document(entity()).replace(b"ACME", b"&xxe;")
    data = data.replace(b"<sanctionsData", doctype.encode() + b"<sanctionsData", 1)
    with pytest.raises(UnsafeXMLError) as caught:
        parse(data)
    assert caught.value.line == 2
    assert "SECRET-MARKER" not in str(caught.value)


def test_other_xml_names_its_root(fixtures: Path) -> None:
    with pytest.raises(FormatError) as caught:
        parse(b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", "consolidated.xml")
    assert caught.value.element == "CONSOLIDATED_LIST"
    assert "<CONSOLIDATED_LIST>" in caught.value.message
    with pytest.raises(FormatError, match="unexpected root element <sdnList>"):
        parse((fixtures / "ofac" / "sdn_sample.xml").read_bytes())
    with pytest.raises(FormatError, match="unexpected root element <catalog>"):
        parse(b"<?xml version='1.0'?><catalog><book id='1'/></catalog>")


def test_non_utf8_bytes() -> None:
    with pytest.raises(EncodingError) as caught:
        parse(document(entity()).replace(b"ACME", b"\xc3\x28ACME"))
    assert caught.value.line == 5


def test_structural_errors() -> None:
    with pytest.raises(FormatError, match="has no <entities>"):
        parse(document().replace(b"<entities>\n\n</entities>", b""))
    with pytest.raises(FormatError, match="an entity has no id") as caught:
        parse(document(entity().replace(' id="1"', "")))
    assert caught.value.element == "entity" and caught.value.line == 5
    with pytest.raises(FormatError, match="entity 3 has no name"):
        parse(document(entity("3", names="")))
    with pytest.raises(FormatError, match="share the reference '2'"):
        parse(document(entity("2"), entity("2")))


def test_alias_only_entity_warns() -> None:
    names = (
        f"<name><isPrimary>false</isPrimary><translations>{translation('X')}</translations></name>"
    )
    parsed = parse(document(entity("4", names=names)))
    assert parsed.entities[0].get("alias") == ["X"]
    assert parsed.warnings == ["sdn_enhanced.xml: entity 4 has no primary name"]


# --- property-based -------------------------------------------------------------------

LETTER = st.characters(categories=["L"])
INNER = st.one_of(st.characters(categories=["L", "N"]), st.sampled_from("&<>'\".-,"))
WORD = st.builds(lambda a, m, b: a + m + b, LETTER, st.text(INNER, max_size=8), LETTER)
NAME = (
    st.lists(WORD, min_size=1, max_size=4)
    .map(" ".join)
    .filter(lambda s: unicodedata.normalize("NFC", s) == s)
)


@given(primary=NAME, translated=NAME, weak=NAME)
@settings(max_examples=150, deadline=None)
def test_generated_names_round_trip(primary: str, translated: str, weak: str) -> None:
    names = (
        f"<name><isPrimary>true</isPrimary><translations>{translation(primary)}"
        f"{translation(translated, primary=False, script='Arabic')}</translations></name>"
        "<name><isPrimary>false</isPrimary><isLowQuality>true</isLowQuality>"
        f"<translations>{translation(weak)}</translations></name>"
    )
    [item] = parse(document(entity("1", names=names))).entities
    assert item.get("name") == [primary]
    assert item.get("alias") == [translated]  # a translation is an alias, even if equal
    assert weak in item.get("weakAlias")


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
    data = (fixtures / "ofac" / "enhanced_sample.xml").read_bytes()
    at = cut % len(data)
    with contextlib.suppress(SourceError):
        parse(data[:at] + junk + data[at + len(junk) :])
