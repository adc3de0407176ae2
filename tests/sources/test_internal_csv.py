"""The internal list CSV parser: the documented format, its errors, and round trips."""

from __future__ import annotations

import contextlib
import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier
from caveat.exc import EncodingError, FormatError, SourceError
from caveat.sources.common import ParsedList
from caveat.sources.internal_csv import InternalCsvParser, column_key
from caveat.sources.reading import SourceData

LIST_ID = "internal_customers_blocklist"


def parse(data: bytes, name: str = "customers_blocklist.csv") -> ParsedList:
    return InternalCsvParser().parse({"main": SourceData(name, data)}, LIST_ID)


@pytest.fixture
def parsed(fixtures: Path) -> ParsedList:
    path = fixtures / "internal" / "customers_blocklist.csv"
    return parse(path.read_bytes(), path.name)


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    return next(e for e in parsed.entities if e.source_id == source_id)


def test_sniff(fixtures: Path) -> None:
    head = (fixtures / "internal" / "customers_blocklist.csv").read_bytes()[:65536]
    match = InternalCsvParser.sniff("customers_blocklist.csv", head)
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("internal_csv", "main", LIST_ID)
    assert InternalCsvParser.sniff("Kunden Sperrliste.csv", b"\xef\xbb\xbfID;x\n") is None
    bom = InternalCsvParser.sniff("Kunden-Sperrliste.csv", b"\xef\xbb\xbf ID , Name \n1,A\n")
    assert bom is not None and bom.list_id == "internal_kunden_sperrliste"
    csl = b"_id,id,entity_number,type,programs,name,title,addresses,source\n"
    assert InternalCsvParser.sniff("consolidated.csv", csl) is None
    assert InternalCsvParser.sniff("list.txt", b"id,name\n") is None
    assert InternalCsvParser.sniff("sdn.csv", b'27018,"DEMIR, Ismail","individual"\r\n') is None


def test_every_row_becomes_one_entity(parsed: ParsedList) -> None:
    assert [(e.source_id, e.schema) for e in parsed.entities] == [
        ("BL-0001", "Person"),
        ("BL-0002", "Company"),
        ("BL-0003", "Person"),
        ("BL-0004", "Vessel"),
        ("BL-0005", "LegalEntity"),
        ("BL-0006", "Person"),
    ]
    assert parsed.entities[0].id == f"{LIST_ID}-BL-0001"
    assert parsed.warnings == []


def test_person_row(parsed: ParsedList) -> None:
    putin = by_id(parsed, "BL-0001")
    assert putin.get("name") == ["Vladimir Vladimirovich Putin"]
    assert putin.get("alias") == ["Владимир Владимирович Путин", "Vladimir Poutine"]
    assert putin.get("birthDate") == ["1952-10-07"]
    assert putin.get("country") == ["ru"]
    assert putin.get("nationality") == ["ru"]
    assert putin.get("address") == ["The Kremlin, Moscow, Russia"]
    assert putin.programs == ("RU-SANCTIONS",)
    assert putin.listed_on == "2022-02-28"
    assert putin.get("notes") == ["Matches EU and UK designations.", "Case Owner: compliance-team"]


def test_company_identifiers_with_type_and_country(parsed: ParsedList) -> None:
    roe = by_id(parsed, "BL-0002")
    assert roe.identifiers == (
        Identifier("Registration Number", "7718852163", "ru"),
        Identifier("Registration Number", "1117746521452", "ru"),
    )
    assert roe.get("alias") == [
        "JSC Rosoboronexport",
        'АО "Рособоронэкспорт"',
        "ROSOBORONEKSPORT OAO",
    ]
    assert roe.programs == ("RU-SANCTIONS", "EXPORT-CONTROL")


def test_passport_arabic_alias_and_written_date(parsed: ParsedList) -> None:
    assad = by_id(parsed, "BL-0003")
    assert assad.schema == "Person"
    assert assad.get("alias") == ["بشار الأسد", "Bachar el-Assad"]
    assert assad.get("birthDate") == ["1965-09-11"]
    assert assad.identifiers == (Identifier("Passport", "D1903", "sy"),)
    assert assad.get("passportNumber") == ["D1903"]


def test_vessel_default_schema_multiline_and_year_dates(parsed: ParsedList) -> None:
    ship = by_id(parsed, "BL-0004")
    assert ship.get("imoNumber") == ["IMO8660313"]
    assert ship.identifiers == (Identifier("IMO Number", "IMO8660313"),)
    shell = by_id(parsed, "BL-0005")
    assert shell.schema == "LegalEntity"
    assert "Multi-line note: declined onboarding twice" in shell.get("notes")
    assert by_id(parsed, "BL-0006").get("birthDate") == ["1955", "1958"]


def test_missing_name_column_is_named() -> None:
    with pytest.raises(FormatError) as info:
        parse(b"id,full_name,country\n1,Ivan,RU\n", "mine.csv")
    assert info.value.file == "mine.csv"
    assert info.value.line == 1
    assert "missing column 'name' (found 3 columns: 'id', 'full_name', 'country')" in str(
        info.value
    )


def test_empty_name_names_the_line() -> None:
    with pytest.raises(FormatError, match="'name' field is empty") as info:
        parse(b"id,name\n1,Ivan\n\n2,  \n")
    assert info.value.line == 4


def test_empty_id_names_the_line() -> None:
    with pytest.raises(FormatError, match="'id' field is empty") as info:
        parse(b"id,name\n,Ivan\n")
    assert info.value.line == 2


def test_duplicate_id_names_both_lines() -> None:
    data = b'id,name,notes\n1,Ivan,"two\nlines"\n1,Petr,\n'
    with pytest.raises(FormatError, match=r"id '1' is used again \(first on line 2\)") as info:
        parse(data)
    assert info.value.line == 4


def test_too_many_fields_and_unknown_schema_are_refused() -> None:
    with pytest.raises(FormatError, match="3 fields") as info:
        parse(b"id,name\n1,Ivan,extra\n")
    assert info.value.line == 2
    with pytest.raises(FormatError, match="unknown schema 'Robot'"):
        parse(b"id,name,schema\n1,R2,Robot\n")


def test_short_rows_and_header_variants_are_accepted() -> None:
    result = parse(b"\xef\xbb\xbf ID , Name ,Birth-Date,Passport Number\r\n7,Ivan Petrov\r\n")
    assert result.entities[0].caption == "Ivan Petrov"
    assert result.entities[0].schema == "LegalEntity"


def test_unterminated_quote_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="not valid CSV") as info:
        parse(b'id,name\n1,Ivan\n2,"Petr\n')
    assert info.value.line == 3


def test_non_utf8_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError) as info:
        parse(b"id,name\n1,Ivan\n2,M\xfcller\n")
    assert info.value.line == 3


def test_header_only_file_warns() -> None:
    result = parse(b"id,name\n")
    assert result.entities == []
    assert result.warnings == ["the file holds a header but no entries"]


def test_column_key() -> None:
    assert column_key(" Birth-Date ") == "birth_date"
    assert column_key("passport number") == "passport_number"


WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=8)
NAME = st.lists(WORD, min_size=1, max_size=4).flatmap(
    lambda words: st.sampled_from([" ", ", ", " & ", '" ', "\n"]).map(lambda sep: sep.join(words))
)
ROWS = st.lists(
    st.tuples(NAME, st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), max_size=3)),
    min_size=1,
    max_size=8,
)


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@settings(max_examples=80, deadline=None)
@given(ROWS)
def test_generated_rows_round_trip(rows: list[tuple[str, list[str]]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "name", "aliases", "schema"])
    for number, (name, aliases) in enumerate(rows):
        writer.writerow([f"R{number}", name, ";".join(aliases), "Person"])
    result = parse(buffer.getvalue().encode("utf-8"))
    assert [e.source_id for e in result.entities] == [f"R{n}" for n in range(len(rows))]
    for entity, (name, aliases) in zip(result.entities, rows, strict=True):
        assert entity.get("name") == [clean(name)]
        assert entity.get("alias") == list(dict.fromkeys(clean(a) for a in aliases))
        assert entity.schema == "Person"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.binary(max_size=200).map(lambda b: b"id,name\n" + b))
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)
