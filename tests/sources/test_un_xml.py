"""UN Security Council consolidated XML: the real 2026-02-27 file and hostile input."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from followthemoney.types import registry
from hypothesis import example, given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.sources.common import ParsedList
from caveat.sources.reading import SourceData, read_source
from caveat.sources.un_xml import UnXmlParser
from tests.conftest import real_file

UN_FILE = "un_sc/consolidated_2026-02-27/consolidated.xml.gz"


def parse(data: bytes, name: str = "un.xml") -> ParsedList:
    return UnXmlParser().parse({"main": SourceData(name, data)}, "un_sc")


def wrap(*entries: str, date: str = "2026-02-27T00:00:09.554Z") -> bytes:
    body = "".join(entries)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="{date}">'
        f"<INDIVIDUALS>{body}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
    ).encode()


def individual(ref: str = "XXi.001", first: str = "JOHN", second: str = "DOE") -> str:
    return (
        f"<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>{first}</FIRST_NAME>"
        f"<SECOND_NAME>{second}</SECOND_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER><LISTED_ON>2012-12-31</LISTED_ON>"
        "</INDIVIDUAL>"
    )


@pytest.fixture(scope="module")
def un_list(shared_data: Path) -> ParsedList:
    source = read_source(real_file(shared_data, UN_FILE))
    return UnXmlParser().parse({"main": source}, "un_sc")


@pytest.fixture(scope="module")
def by_ref(un_list: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in un_list.entities}


# --- sniffing -------------------------------------------------------------------


def test_sniff_recognises_the_root_element() -> None:
    match = UnXmlParser.sniff("consolidated.xml", wrap(individual())[:200])
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("un_xml", "main", "un_sc")


def test_sniff_refuses_other_files() -> None:
    assert UnXmlParser.sniff("consolidated.xml", b'<?xml version="1.0"?><sdnList>') is None
    assert UnXmlParser.sniff("consolidated.csv", b"_id,source,entity_number\n") is None


def test_sniff_on_the_real_head(shared_data: Path) -> None:
    head = read_source(real_file(shared_data, UN_FILE)).data[:65536]
    assert UnXmlParser.sniff("consolidated.xml", head) is not None


# --- the real file: counts ------------------------------------------------------


def test_real_counts(un_list: ParsedList) -> None:
    assert len(un_list.entities) == 1003
    assert Counter(e.schema for e in un_list.entities) == {"Person": 730, "Organization": 273}
    assert un_list.publish_date == "2026-02-27"
    assert un_list.warnings == []
    assert all(e.id == f"un_sc-{e.source_id}" for e in un_list.entities)


def test_real_program_counts(un_list: ParsedList) -> None:
    programs = Counter(p for e in un_list.entities for p in e.programs)
    assert programs == {
        "Al-Qaida": 341, "DPRK": 155, "Taliban": 140, "Iran": 121, "Iraq": 75, "DRC": 53,
        "Libya": 30, "Somalia": 24, "CAR": 15, "Haiti": 11, "Yemen": 11, "GB": 10,
        "Sudan": 9, "SouthSudan": 8,
    }  # fmt: skip
    assert all(len(e.programs) == 1 and e.listed_on for e in un_list.entities)


def test_real_alias_totals(un_list: ParsedList) -> None:
    """The file has 3,043 alias elements, 291 of them empty placeholders (169 individual,
    122 entity), leaving 2,752: 1,524 Good + 594 a.k.a. + 615 Low + 19 f.k.a.. Ten Good
    aliases repeat one of the same entry, and all 378 NAME_ORIGINAL_SCRIPT become
    aliases too: 378 + 1,524 + 594 - 10 = 2,486."""
    totals = {k: sum(len(e.get(k)) for e in un_list.entities) for k in ("alias", "weakAlias")}
    assert totals == {"alias": 2486, "weakAlias": 615}
    assert sum(len(e.get("previousName")) for e in un_list.entities) == 19


def test_real_only_two_values_are_unreadable(un_list: ParsedList) -> None:
    unparsed = sorted((e.source_id, p, v) for e in un_list.entities for p, v in e.unparsed)
    assert unparsed == [
        ("LYi.022", "birthDate", "30-35 years old"),
        ("QDi.291", "birthDate", "24/06/1402 (Hijri Calendar)"),
    ]


# --- the real file: entries -----------------------------------------------------


def test_eric_badege(by_ref: dict[str, Entity]) -> None:
    e = by_ref["CDi.001"]
    assert e.schema == "Person"
    assert e.get("name") == ["ERIC BADEGE"]
    assert e.get("firstName") == ["ERIC"]
    assert e.get("lastName") == ["BADEGE"]
    assert e.get("birthDate") == ["1971"]
    assert e.get("nationality") == ["cd"]
    assert e.get("gender") == ["male"]
    assert e.get("country") == ["rw"]
    assert e.get("address") == ["Rwanda (as of early 2016)"]
    assert e.programs == ("DRC",)
    assert e.listed_on == "2012-12-31"
    assert "UN data id 6907993" in e.get("notes")
    assert any(n.startswith("He fled to Rwanda in March 2013") for n in e.get("notes"))
    assert e.get("alias") == []


def test_original_script_names_are_aliases(by_ref: dict[str, Entity]) -> None:
    assert "صدام حسين التكريتي" in by_ref["IQi.001"].get("alias")
    assert by_ref["IQi.001"].get("name") == ["SADDAM HUSSEIN AL-TIKRITI"]
    assert "Умаров Доку Хаматович" in by_ref["QDi.290"].get("alias")
    assert "الاتحاد الاسلامي" in by_ref["QDe.002"].get("alias")
    # A name broken over lines in the XML comes out on one line.
    assert all("\n" not in a for e in by_ref.values() for a in e.get("alias"))


def test_four_part_name(by_ref: dict[str, Entity]) -> None:
    e = by_ref["QDi.092"]
    assert e.get("name") == ["MEHREZ BEN MAHMOUD BEN SASSI AL-AMDOUNI"]
    assert e.get("firstName") == ["MEHREZ"]
    assert e.get("secondName") == ["BEN MAHMOUD"]
    assert e.get("middleName") == ["BEN SASSI"]
    assert e.get("lastName") == ["AL-AMDOUNI"]


def test_alias_birth_details_are_kept(by_ref: dict[str, Entity]) -> None:
    e = by_ref["QDi.092"]
    assert "Fabio Fusco" in e.get("alias")
    assert e.get("weakAlias") == ["Abu Thale"]
    assert set(e.get("birthDate")) == {"1968-05-25", "1968-12-18", "1969-07-14", "1969-12-18"}
    assert "Naples, Italy" in e.get("birthPlace")
    assert set(e.get("birthCountry")) == {"it", "tn", "dz"}
    assert "Alias Fabio Fusco: born 1968-05-25; in Naples, Italy" in e.get("notes")
    assert e.identifiers == (
        Identifier("Passport", "G737411", "tn", "issued 1990-10-24; expired on 20 Sep. 1997"),
    )
    assert e.get("passportNumber") == ["G737411"]


def test_year_range_expands(by_ref: dict[str, Entity]) -> None:
    e = by_ref["TAi.002"]
    assert {"1955", "1956", "1957", "1958"} <= set(e.get("birthDate"))
    assert "Date of birth (between): Approximately" in e.get("notes")


def test_date_notes(by_ref: dict[str, Entity]) -> None:
    assert "1977" in by_ref["QDi.306"].get("birthDate")
    assert "Date of birth (exact): Between Aug. and Sep. 1977" in by_ref["QDi.306"].get("notes")
    hijri = by_ref["QDi.291"]
    assert set(hijri.get("birthDate")) == {"1982-04-18", "1982-04-19"}
    assert ("birthDate", "24/06/1402 (Hijri Calendar)") in hijri.unparsed


def test_entity_with_former_names_and_mentions(by_ref: dict[str, Entity]) -> None:
    e = by_ref["CDe.001"]
    assert e.schema == "Organization"
    assert e.get("name") == ["ADF"]
    assert e.get("alias") == ["Allied Democratic Forces"]
    assert e.get("previousName") == [
        "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
        "ADF/NALU",
        "NALU",
    ]
    assert e.get("address") == ["North Kivu, Democratic Republic of the Congo"]
    assert e.links == (
        Link("mentions", "JAMIL MUKULU", "CDi.015"),
        Link("mentions", "SEKA BALUKU", "CDi.036"),
    )


def test_titles_positions_and_places(by_ref: dict[str, Entity]) -> None:
    e = by_ref["CDi.016"]
    assert e.get("title") == ["Dr."]
    assert e.get("position") == ["FDLR President"]
    assert e.get("birthPlace") == ["Butera, Rwanda", "Ngoma, Butare, Rwanda"]
    assert e.get("address") == ["Germany (in prison)"]
    assert e.unparsed == ()


def test_document_type_detail_and_numberless_documents(by_ref: dict[str, Entity]) -> None:
    e = by_ref["QDi.291"]
    assert (
        Identifier(
            "National Identification Number / civil identification number", "1028745097", "sa"
        )
        in e.identifiers
    )
    notes = by_ref["QDi.129"].get("notes")
    assert (
        "National Identification Number / Birth certificate (Algeria): issued for Djamel "
        "Mostefa, born on 25 Sep. 1973 in Mehdia, Tiaret province, Algeria"
    ) in notes


def test_real_identifier_and_link_totals(un_list: ParsedList) -> None:
    # 454 INDIVIDUAL_DOCUMENT elements have a NUMBER; 14 numberless ones become notes.
    assert sum(len(e.identifiers) for e in un_list.entities) == 454
    assert sum(len(e.links) for e in un_list.entities) == 513


# --- bad input ------------------------------------------------------------------


def test_minimal_file() -> None:
    result = parse(wrap(individual()))
    [e] = result.entities
    assert (e.id, e.get("name"), e.programs) == ("un_sc-XXi.001", ["JOHN DOE"], ("DRC",))
    assert result.publish_date == "2026-02-27"


def test_wrong_root_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"unexpected root element <sdnList>"):
        parse(b'<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>')


def test_truncated_file() -> None:
    data = wrap(individual(), individual("XXi.002"))
    with pytest.raises(FormatError, match="not well-formed") as info:
        parse(data[: len(data) // 2], "cut.xml")
    assert info.value.file == "cut.xml"
    assert info.value.line is not None


def test_doctype_is_refused() -> None:
    data = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<CONSOLIDATED_LIST/>'
    with pytest.raises(UnsafeXMLError):
        parse(data)


def test_not_utf8_is_refused() -> None:
    data = wrap(individual(first="JOSE")).replace(b"JOSE", b"JOS\xc9")
    with pytest.raises(EncodingError, match="is not valid UTF-8") as info:
        parse(data)
    assert info.value.line is not None


def test_missing_reference_names_the_line() -> None:
    entry = individual().replace("<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>", "")
    with pytest.raises(FormatError, match="no REFERENCE_NUMBER") as info:
        parse(wrap(entry))
    assert info.value.line == 2
    assert info.value.element == "INDIVIDUAL"


def test_missing_name() -> None:
    with pytest.raises(FormatError, match=re.escape("XXi.001 has no name")):
        parse(wrap(individual(first="", second=" ")))


def test_no_entries() -> None:
    with pytest.raises(EmptyFileError, match="holds no INDIVIDUAL or ENTITY entries"):
        parse(wrap())


def test_duplicate_reference() -> None:
    with pytest.raises(FormatError, match=re.escape("share the reference 'XXi.001'")):
        parse(wrap(individual(), individual(first="JANE")))


def test_unreadable_generation_date_is_a_warning() -> None:
    result = parse(wrap(individual(), date="yesterday"))
    assert result.publish_date is None
    assert result.warnings == ["un.xml: no readable dateGenerated on <CONSOLIDATED_LIST>"]


# --- properties -----------------------------------------------------------------

NAME_PART = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"),
        blacklist_characters="<&>\x85",
    ),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() != "")


@given(first=NAME_PART, second=NAME_PART, script=NAME_PART)
@example(first='"', second='"', script="0")
@settings(max_examples=60, deadline=None)
def test_generated_names_round_trip(first: str, second: str, script: str) -> None:
    entry = individual(first=first, second=second).replace(
        "</INDIVIDUAL>", f"<NAME_ORIGINAL_SCRIPT>{script}</NAME_ORIGINAL_SCRIPT></INDIVIDUAL>"
    )
    [e] = parse(wrap(entry)).entities
    expected = unicodedata.normalize("NFC", " ".join(f"{first} {second}".split()))
    if registry.name.clean(expected) is None:  # quotes around nothing, say: kept aside
        assert e.get("name") == [] and ("name", expected) in e.unparsed
    else:
        assert e.get("name") == [expected]
    assert unicodedata.normalize("NFC", " ".join(script.split())) in e.names


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)


@given(st.binary(max_size=60), st.integers(min_value=0))
@settings(max_examples=100, deadline=None)
def test_damaged_real_shape_raises_only_source_errors(junk: bytes, where: int) -> None:
    data = wrap(individual())
    cut = where % len(data)
    with contextlib.suppress(SourceError):
        parse(data[:cut] + junk + data[cut:])
