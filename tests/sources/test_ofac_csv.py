"""OFAC legacy CSV: the real SDN files of 2024-05-03 and 2021-07-07 and the Consolidated
files of 2025-12-19, small hand-made files with OFAC's quirks, and broken input."""

from __future__ import annotations

import contextlib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError
from caveat.sources.common import FileMatch, ParsedList
from caveat.sources.ofac_csv import COLUMNS, OfacCsvParser, read_rows, split_programs
from caveat.sources.reading import SourceData, read_source
from tests.conftest import real_file

SDN_2024 = "us_ofac/sdn_csv_2024-05-03"
SDN_2021 = "us_ofac/sdn_csv_2021-07-07"
CONS_2025 = "us_ofac/cons_csv_2025-12-19"
NULL = "-0- "
DEMIR_ROW = (
    '27018,"DEMIR, Ismail","individual","CAATSA - RUSSIA","SSB Chairman",-0- ,-0- ,-0- ,-0- ,'
    '-0- ,-0- ,"DOB 01 Apr 1960; POB Elazig, Turkey; Turkish Identification Number '
    '37435275130 (Turkey); SSB Chairman; Linked To: PRESIDENCY OF DEFENSE INDUSTRIES."'
)


def load(shared_data: Path, folder: str, names: dict[str, str], list_id: str) -> ParsedList:
    files = {
        role: read_source(real_file(shared_data, f"{folder}/{name}"), name)
        for role, name in names.items()
    }
    return OfacCsvParser().parse(files, list_id)


def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in parsed.entities}


def clean_name(value: str | None) -> str:
    """A name as FollowTheMoney keeps it: single spaces, no enclosing quotes."""
    text = " ".join(str(value).split())
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == "'" else text


def csv_bytes(*lines: str, eof: bool = True) -> bytes:
    """Lines as OFAC writes them: CRLF line ends and a DOS end-of-file byte."""
    return ("\r\n".join(lines) + "\r\n").encode() + (b"\x1a" if eof else b"")


def parse(primary: bytes, **others: bytes) -> ParsedList:
    files = {"primary": SourceData("sdn.csv", primary)}
    names = {"aliases": "alt.csv", "addresses": "add.csv", "comments": "sdn_comments.csv"}
    files.update({role: SourceData(names[role], data) for role, data in others.items()})
    return OfacCsvParser().parse(files, "us_ofac_sdn")


def primary_row(ent: str = "1", name: str = "ACME", kind: str = NULL, program: str = "SDGT") -> str:
    kind_cell = kind if kind == NULL else f'"{kind}"'
    return f'{ent},"{name}",{kind_cell},"{program}"' + f",{NULL}" * 8


@pytest.fixture(scope="module")
def sdn_2024(shared_data: Path) -> ParsedList:
    return load(shared_data, SDN_2024, {"primary": "sdn.csv.gz"}, "us_ofac_sdn")


@pytest.fixture(scope="module")
def sdn_2021(shared_data: Path) -> ParsedList:
    names = {
        "primary": "sdn.csv.gz",
        "aliases": "alt.csv.gz",
        "addresses": "add.csv.gz",
        "comments": "sdn_comments.csv",
    }
    return load(shared_data, SDN_2021, names, "us_ofac_sdn")


@pytest.fixture(scope="module")
def cons(shared_data: Path) -> ParsedList:
    names = {
        "primary": "cons_prim.csv",
        "aliases": "cons_alt.csv",
        "addresses": "cons_add.csv",
        "comments": "cons_comments.csv",
    }
    return load(shared_data, CONS_2025, names, "us_ofac_cons")


# --- real files: counts -------------------------------------------------------------------


def test_sdn_2024_counts(sdn_2024: ParsedList) -> None:
    assert len(sdn_2024.entities) == 14_965
    assert Counter(e.schema for e in sdn_2024.entities) == {
        "LegalEntity": 6_884,
        "Person": 6_854,
        "Vessel": 851,
        "Airplane": 376,
    }
    assert len({p for e in sdn_2024.entities for p in e.programs}) == 75
    assert max(int(e.source_id) for e in sdn_2024.entities) == 48_907
    assert sdn_2024.publish_date is None
    assert sdn_2024.warnings == []
    assert all(e.id == f"us_ofac_sdn-{e.source_id}" for e in sdn_2024.entities)


def test_sdn_2021_counts(sdn_2021: ParsedList) -> None:
    assert len(sdn_2021.entities) == 8_976
    assert Counter(e.schema for e in sdn_2021.entities) == {
        "LegalEntity": 3_673,
        "Person": 4_620,
        "Vessel": 406,
        "Airplane": 277,
    }
    assert len({p for e in sdn_2021.entities for p in e.programs}) == 67
    assert sdn_2021.warnings == []


def test_sdn_2021_every_alias_row_lands(shared_data: Path, sdn_2021: ParsedList) -> None:
    path = real_file(shared_data, f"{SDN_2021}/alt.csv.gz")
    rows = read_rows(read_source(path, "alt.csv"), "aliases")
    assert len(rows) == 11_910
    assert Counter(r.get(2) for r in rows) == {"aka": 11_523, "fka": 369, "nka": 18}
    entities = by_id(sdn_2021)
    assert len({r.ent_num for r in rows}) == 4_139
    for row in rows:
        kind = "previousName" if row.get(2) == "fka" else "alias"
        assert clean_name(row.get(3)) in entities[row.ent_num].get(kind)
    # Two rows repeat a name on the same entry; the rest are one value each.
    from_alt = {(r.ent_num, clean_name(r.get(3))) for r in rows}
    assert len(from_alt) == 11_908
    alias_values = sum(len(e.get("alias")) for e in sdn_2021.entities)
    assert alias_values == 11_523 + 18 - 2


def test_sdn_2021_addresses(sdn_2021: ParsedList) -> None:
    entity = by_id(sdn_2021)["306"]
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in entity.get("address")
    assert "ch" in entity.get("country")
    assert by_id(sdn_2021)["36"].get("address") == ["Havana, Cuba"]


def test_cons_counts(cons: ParsedList) -> None:
    assert len(cons.entities) == 442
    assert Counter(e.schema for e in cons.entities) == {"LegalEntity": 363, "Person": 79}
    assert len({p for e in cons.entities for p in e.programs}) == 11
    assert cons.warnings == []
    assert sum(len(e.get("alias")) + len(e.get("previousName")) for e in cons.entities) >= 1_073


# --- real files: specific entries ---------------------------------------------------------


@pytest.mark.parametrize("parsed_name", ["sdn_2024", "sdn_2021"])
def test_demir(parsed_name: str, request: pytest.FixtureRequest) -> None:
    entity = by_id(request.getfixturevalue(parsed_name))["27018"]
    assert entity.schema == "Person"
    assert entity.get("name") == ["DEMIR, Ismail"]
    assert entity.get("lastName") == ["DEMIR"] and entity.get("firstName") == ["Ismail"]
    assert entity.get("birthDate") == ["1960-04-01"]
    assert entity.get("birthPlace") == ["Elazig, Turkey"]
    assert entity.get("position") == ["SSB Chairman"]
    assert entity.programs == ("CAATSA - RUSSIA",)
    assert entity.identifiers == (Identifier("Turkish Identification Number", "37435275130", "tr"),)
    assert entity.links == (Link("linked_to", "PRESIDENCY OF DEFENSE INDUSTRIES"),)
    assert len(entity.legal_basis) == 5
    assert all(b.startswith("CAATSA Section 235 Information: ") for b in entity.legal_basis)
    assert "notes" not in entity.properties  # the title clause is the position already


def test_presidency_of_defense_industries(cons: ParsedList) -> None:
    entity = by_id(cons)["27016"]
    assert entity.schema == "LegalEntity"
    assert entity.get("name") == ["PRESIDENCY OF DEFENSE INDUSTRIES"]
    assert entity.get("weakAlias") == ["SSB", "SSM"]
    assert entity.get("alias") == ["DEFENSE INDUSTRIES PRESIDENCY"]
    assert entity.get("previousName") == ["UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"]
    assert entity.get("address") == ["Ankara, Turkey"]
    assert entity.get("country") == ["tr"]
    assert entity.programs == ("CAATSA - RUSSIA",)
    assert len(entity.legal_basis) == 5
    assert "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)" in entity.legal_basis


def test_rosoboronexport_2024(sdn_2024: ParsedList) -> None:
    entity = by_id(sdn_2024)["18782"]
    assert entity.get("name") == ["ROSOBORONEKSPORT OAO"]
    assert entity.programs == ("SYRIA", "UKRAINE-EO13662", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024")
    assert entity.get("taxNumber") == ["7718852163"]
    assert "1117746521452" in entity.get("registrationNumber")
    assert entity.get("website") == ["http://www.roe.ru/"]
    assert Identifier("Tax ID No.", "7718852163", "ru") in entity.identifiers
    assert Identifier("Registration ID", "1117746521452", "ru") in entity.identifiers
    assert Identifier("Government Gazette Number", "56467052", "ru") in entity.identifiers
    assert entity.links == (Link("linked_to", "STATE CORPORATION ROSTEC"),)
    assert "Executive Order 13662 Directive Determination - Subject to Directive 3" in (
        entity.legal_basis
    )


def test_rosoboronexport_2021_aliases(sdn_2021: ParsedList) -> None:
    entity = by_id(sdn_2021)["18782"]
    assert entity.get("alias") == [
        "RUSSIAN DEFENSE EXPORT ROSOBORONEXPORT",
        "ROSOBORONEXPORT JSC",
        "ROSOBORONEKSPORT OJSC",
        "OJSC ROSOBORONEXPORT",
        "ROSOBORONEXPORT",
    ]
    assert entity.get("address") == ["27 Stromynka ul., Moscow 107076, Russia"]


def test_vessels(sdn_2024: ParsedList) -> None:
    ebano = by_id(sdn_2024)["4243"]
    assert ebano.schema == "Vessel"
    assert ebano.get("imoNumber") == ["IMO7406784"]
    assert ebano.get("type") == ["General Cargo"]
    assert ebano.get("tonnage") == ["2595"] and ebano.get("grossRegisteredTonnage") == ["1865"]
    assert ebano.get("flag") == ["pa"]
    assert ebano.get("previousName") == ["ANA I", "SAND SWAN"]
    artavil = by_id(sdn_2024)["15036"]
    assert artavil.get("callSign") == ["T2EU4"]
    assert artavil.get("mmsi") == ["572469210"]
    assert artavil.get("pastFlags") == ["mt", "tv", "tz"]
    assert Identifier("MMSI", "572469210") in artavil.identifiers
    vessels = [e for e in sdn_2024.entities if e.schema == "Vessel"]
    assert sum(1 for e in vessels if e.get("imoNumber")) > 700


def test_aircraft(sdn_2024: ParsedList) -> None:
    plane = by_id(sdn_2024)["15431"]
    assert plane.schema == "Airplane"
    assert plane.get("name") == ["EP-GOM"]
    assert plane.get("buildDate") == ["1992"]
    assert plane.get("model") == ["IL76-TD"]
    assert plane.get("serialNumber") == ["1023409321"]
    assert plane.get("notes") == ["Aircraft Operator YAS AIR"]
    assert plane.links == (Link("linked_to", "POUYA AIR"),)


def test_passports_with_dates(sdn_2024: ParsedList) -> None:
    entity = by_id(sdn_2024)["6944"]
    assert entity.get("passportNumber") == ["B 960789", "G 649385"]
    assert (
        Identifier("Passport", "G 649385", None, "issued 08 Sep 2006 expires 17 Jul 2011")
        in entity.identifiers
    )
    assert entity.get("birthDate") == ["1969", "1963", "1964-02-11"]


def test_comments_continue_the_remarks(sdn_2021: ParsedList, cons: ParsedList) -> None:
    # sdn.csv cuts the Remarks mid-word ("a.k.a. 'snowsjo"); sdn_comments.csv goes on.
    entity = by_id(sdn_2021)["28263"]
    assert "snowsjohn" in entity.get("weakAlias")
    assert Link("linked_to", "LAZARUS GROUP") in entity.links
    gazprombank = by_id(cons)["17016"]
    assert Identifier("Legal Entity Number", "253400WSS48YWMBUA688") in gazprombank.identifiers
    assert "1027700167110" in gazprombank.get("registrationNumber")
    assert gazprombank.get("leiCode") == ["253400WSS48YWMBUA688"]


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "head", "role", "list_id"),
    [
        ("sdn.csv", DEMIR_ROW.encode(), "primary", "us_ofac_sdn"),
        ("SDN.CSV.gz", DEMIR_ROW.encode() + b"\r\n", "primary", "us_ofac_sdn"),
        ("alt.csv", b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n', "aliases", "us_ofac_sdn"),
        ("add.csv", b'36,25,-0- ,"Havana","Cuba",-0- \r\n', "addresses", "us_ofac_sdn"),
        ("sdn_comments.csv", b'12300,"Z S.A.S."\r\n', "comments", "us_ofac_sdn"),
        ("cons_prim.csv", DEMIR_ROW.encode() + b"\r\n", "primary", "us_ofac_cons"),
        ("cons_alt.csv", b'9639,9150,"aka","HANIYA, Ismail",-0- \r\n', "aliases", "us_ofac_cons"),
        ("cons_add.csv", b"9639,12812,-0- ,-0- ,-0- ,-0- \r\n", "addresses", "us_ofac_cons"),
        ("cons_comments.csv", b'17014,"r 1027700342890."\r\n', "comments", "us_ofac_cons"),
    ],
)
def test_sniff_recognises(filename: str, head: bytes, role: str, list_id: str) -> None:
    assert OfacCsvParser.sniff(filename.lower().removesuffix(".gz"), head) == FileMatch(
        "ofac_csv", role, list_id
    )


def test_alias_file_named_as_primary_is_sniffed_then_refused_with_its_line() -> None:
    data = b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n'
    assert OfacCsvParser.sniff("sdn.csv", data) is not None
    with pytest.raises(FormatError, match=r"line 1.*found 5 of 12 columns"):
        OfacCsvParser().parse({"primary": SourceData("sdn.csv", data)}, "us_ofac_sdn")


@pytest.mark.parametrize(
    ("filename", "head"),
    [
        ("sdn.csv", b"ent_num,SDN_Name,SDN_Type\r\n1,ACME,-0-\r\n"),  # header row
        ("sdn.csv", b"<?xml version='1.0'?><sdnList/>"),
        ("consolidated.csv", DEMIR_ROW.encode()),
        ("sdn.xml", DEMIR_ROW.encode()),
        ("sdn.csv", b""),
    ],
)
def test_sniff_refuses(filename: str, head: bytes) -> None:
    assert OfacCsvParser.sniff(filename, head) is None


def test_sniff_real_heads(shared_data: Path) -> None:
    source = read_source(real_file(shared_data, f"{SDN_2024}/sdn.csv.gz"))
    assert OfacCsvParser.sniff("sdn.csv", source.data[:65536]) == FileMatch(
        "ofac_csv", "primary", "us_ofac_sdn"
    )


# --- small files --------------------------------------------------------------------------


def test_quirks_crlf_eof_null_marker_and_programs() -> None:
    parsed = parse(
        csv_bytes(DEMIR_ROW, primary_row("2", "ACME", program="SDGT] [IRGC] [IFSR")),
        aliases=csv_bytes('2,1,"fka","OLD ACME",-0- ', '2,2,"nka","NEW ACME",-0-'),
        addresses=csv_bytes('2,9,"1 Main St","Dubai","United Arab Emirates","Unit 4"'),
    )
    entities = by_id(parsed)
    assert entities["27018"].get("birthDate") == ["1960-04-01"]
    acme = entities["2"]
    assert acme.schema == "LegalEntity"
    assert acme.programs == ("SDGT", "IRGC", "IFSR")
    assert acme.get("previousName") == ["OLD ACME"]
    assert acme.get("alias") == ["NEW ACME"]
    assert acme.get("address") == ["1 Main St, Dubai, United Arab Emirates (Unit 4)"]
    assert acme.get("country") == ["ae"]
    assert "notes" not in acme.properties


def test_vessel_owner_and_non_vessel_columns_become_notes() -> None:
    row = '5,"SEA STAR","vessel","CUBA",-0- ,"CL2192","Tug","2595","212","Cuba","Samir S.A.",-0- '
    plane = '6,"EP-ABC","aircraft","IRAN",-0- ,"XYZ",-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    entities = by_id(parse(csv_bytes(row, plane)))
    vessel = entities["5"]
    assert vessel.get("callSign") == ["CL2192"]
    assert vessel.get("type") == ["Tug"]
    assert vessel.get("flag") == ["cu"]
    assert vessel.get("notes") == ["Vessel owner: Samir S.A."]
    assert entities["6"].schema == "Airplane"
    assert entities["6"].get("notes") == ["Call sign: XYZ"]


def test_orphan_rows_are_skipped_with_a_warning() -> None:
    parsed = parse(
        csv_bytes(primary_row("1")),
        aliases=csv_bytes(
            '1,1,"aka","ACME CO",-0- ', '7,2,"aka","GHOST",-0- ', '7,3,"aka","X",-0- '
        ),
        addresses=csv_bytes('8,1,-0- ,"Havana","Cuba",-0- '),
    )
    assert len(parsed.entities) == 1
    assert parsed.entities[0].get("alias") == ["ACME CO"]
    assert parsed.warnings == [
        "alt.csv: skipped 2 aliases rows for 1 ent_nums that have no entry in sdn.csv",
        "add.csv: skipped 1 addresses rows for 1 ent_nums that have no entry in sdn.csv",
    ]


def test_unknown_sdn_type_is_kept_with_a_warning() -> None:
    parsed = parse(csv_bytes(primary_row("3", kind="spaceship")))
    assert parsed.entities[0].schema == "LegalEntity"
    assert parsed.entities[0].get("notes") == ["SDN type: spaceship"]
    assert parsed.warnings == ["ent_num 3: unknown SDN_Type 'spaceship'"]


def test_split_programs() -> None:
    assert split_programs("SYRIA] [UKRAINE-EO13662") == ["SYRIA", "UKRAINE-EO13662"]
    assert split_programs("CUBA") == ["CUBA"]
    assert split_programs(None) == []


# --- broken input -------------------------------------------------------------------------


def test_truncated_line_names_the_line() -> None:
    data = csv_bytes(primary_row("1"), primary_row("2"), '3,"ACME","-0- ","SDGT"')
    with pytest.raises(FormatError) as info:
        parse(data)
    assert info.value.line == 3
    assert info.value.file == "sdn.csv"
    assert "missing column 'Title' (found 4 of 12 columns" in info.value.message


def test_truncated_inside_a_quoted_field() -> None:
    data = (
        primary_row("1") + '\r\n2,"ACME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB'
    ).encode()
    with pytest.raises(FormatError) as info:
        parse(data)
    assert info.value.line == 2
    assert "truncated" in info.value.message


def test_non_utf8_byte_names_the_line() -> None:
    data = csv_bytes(primary_row("1"), primary_row("2", "CAF\u00c9")).replace("É".encode(), b"\xc9")
    with pytest.raises(EncodingError) as info:
        parse(data)
    assert info.value.line == 2
    assert "sdn.csv" in info.value.message


def test_header_row_is_refused() -> None:
    header = ",".join(COLUMNS["primary"])
    with pytest.raises(FormatError) as info:
        parse(csv_bytes(header, primary_row("1")))
    assert info.value.line == 1
    assert "no header row" in info.value.message


def test_other_csv_is_refused() -> None:
    with pytest.raises(FormatError) as info:
        parse(b"name,age\nBob,3\n")
    assert info.value.line == 1


def test_alias_file_given_as_primary_is_refused() -> None:
    with pytest.raises(FormatError) as info:
        parse(csv_bytes('36,12,"aka","AERO-CARIBBEAN",-0- '))
    assert "missing column 'Call_Sign' (found 5 of 12 columns" in info.value.message


def test_too_many_columns_is_refused() -> None:
    with pytest.raises(FormatError, match="13 columns where 12"):
        parse(csv_bytes(primary_row("1") + ",extra"))


def test_duplicate_ent_num_is_refused() -> None:
    with pytest.raises(FormatError) as info:
        parse(csv_bytes(primary_row("1"), primary_row("1", "OTHER")))
    assert info.value.line == 2
    assert "first on line 1" in info.value.message


def test_bad_side_file_names_itself() -> None:
    with pytest.raises(FormatError) as info:
        parse(csv_bytes(primary_row("1")), addresses=csv_bytes('1,1,"Havana"'))
    assert info.value.file == "add.csv"
    assert "missing column 'City/State/Province/Postal Code'" in info.value.message


def test_empty_and_missing_primary() -> None:
    with pytest.raises(EmptyFileError):
        parse(b"\r\n\x1a")
    with pytest.raises(FormatError, match="lacks its primary file"):
        OfacCsvParser().parse({"aliases": SourceData("alt.csv", b"1,1,aka,X,-0-")}, "us_ofac_sdn")


# --- generated input ----------------------------------------------------------------------

name_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"], include_characters=",.-'&"),
    min_size=1,
    max_size=60,
).filter(lambda s: " ".join(s.split()) not in ("", "-0-"))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=10**7),
    name_text,
    st.sampled_from([NULL, "individual", "vessel", "aircraft"]),
    st.lists(st.from_regex(r"[A-Z][A-Z0-9-]{1,12}", fullmatch=True), min_size=1, max_size=4),
)
def test_generated_row_round_trips(ent: int, name: str, kind: str, programs: list[str]) -> None:
    name = " ".join(name.split())
    quoted = name.replace('"', '""')
    row = primary_row(str(ent), quoted, kind, "] [".join(programs))
    parsed = parse(csv_bytes(row, eof=ent % 2 == 0))
    (entity,) = parsed.entities
    assert entity.source_id == str(ent)
    assert entity.get("name") == [unicodedata.normalize("NFC", clean_name(name))]
    assert entity.programs == tuple(dict.fromkeys(programs))
    expected = {NULL: "LegalEntity", "individual": "Person", "vessel": "Vessel"}
    assert entity.schema == expected.get(kind, "Airplane")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data, aliases=data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789,\"-aZ \r\n\x1a;'")), max_size=120))
def test_csv_like_noise_raises_only_source_errors(chars: list[str]) -> None:
    with contextlib.suppress(SourceError):
        parse("".join(chars).encode())
