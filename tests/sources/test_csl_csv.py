"""trade.gov Consolidated Screening List CSV: the real 2022-05 file and hostile input."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.entity import Entity, Identifier, Link
from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError
from caveat.sources.common import ParsedList
from caveat.sources.csl_csv import (
    COLUMNS,
    CslCsvParser,
    linked_to,
    parse_id_item,
    source_code,
)
from caveat.sources.reading import SourceData, read_source
from tests.conftest import real_file

CSL_FILE = "us_trade_csl/consolidated_2022-05/consolidated.csv.gz"
SDN_SOURCE = "Specially Designated Nationals (SDN) - Treasury Department"
EL_SOURCE = "Entity List (EL) - Bureau of Industry and Security"


def parse(data: bytes, name: str = "consolidated.csv") -> ParsedList:
    return CslCsvParser().parse({"main": SourceData(name, data)}, "us_trade_csl")


def make_csv(*rows: dict[str, str], header: tuple[str, ...] = COLUMNS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode("utf-8")


def row(**values: str) -> dict[str, str]:
    base = {"_id": "1", "source": EL_SOURCE, "name": "ACME TRADING"}
    base.update(values)
    return base


@pytest.fixture(scope="module")
def csl(shared_data: Path) -> ParsedList:
    source = read_source(real_file(shared_data, CSL_FILE))
    return CslCsvParser().parse({"main": source}, "us_trade_csl")


@pytest.fixture(scope="module")
def by_id(csl: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in csl.entities}


# --- sniffing -------------------------------------------------------------------


def test_sniff_recognises_the_header() -> None:
    match = CslCsvParser.sniff("consolidated.csv", make_csv(row())[:300])
    assert match is not None
    assert (match.format, match.role, match.list_id) == ("csl_csv", "main", "us_trade_csl")


def test_sniff_refuses_other_files() -> None:
    assert CslCsvParser.sniff("sdn.csv", b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\r\n') is None
    assert CslCsvParser.sniff("x.csv", b"_id,name,source\nsource,entity_number\n") is None
    assert CslCsvParser.sniff("x.xml", b"<CONSOLIDATED_LIST>") is None


def test_sniff_on_the_real_head(shared_data: Path) -> None:
    head = read_source(real_file(shared_data, CSL_FILE)).data[:65536]
    assert CslCsvParser.sniff("consolidated.csv", head) is not None


# --- the real file: counts ------------------------------------------------------


def test_real_counts(csl: ParsedList) -> None:
    assert len(csl.entities) == 14160
    assert Counter(e.schema for e in csl.entities) == {
        "LegalEntity": 8158,  # 4,533 "Entity" + 3,625 rows with no type (BIS, State)
        "Person": 5286,
        "Vessel": 433,
        "Airplane": 283,
    }
    assert csl.publish_date is None


def test_real_counts_by_source(csl: ParsedList) -> None:
    publishers = Counter(p for e in csl.entities for p in e.get("publisher"))
    by_code = {source_code(p): n for p, n in publishers.items()}
    assert by_code == {
        "SDN": 10026, "EL": 2001, "DTC": 727, "DPL": 462, "SSI": 290, "UVL": 201,
        "ISN": 163, "PLC": 78, "MEU": 71, "CMIC": 68, "CAP": 53, "NS-MBS": 17, "FSE": 3,
    }  # fmt: skip
    assert all(len(e.get("publisher")) == 1 for e in csl.entities)


def test_real_links_to_ofac(csl: ParsedList) -> None:
    """Every row with an entity_number (all of Treasury's 10,535) points to OFAC."""
    same_as = Counter(
        lk.target_list for e in csl.entities for lk in e.links if lk.relation == "same_as"
    )
    assert same_as == {"us_ofac_sdn": 10026, "us_ofac_cons": 509}
    assert sum(1 for e in csl.entities for lk in e.links if lk.relation == "linked_to") == 4346


def test_real_name_totals(csl: ParsedList) -> None:
    """20,011 alt_names items; 85 repeat one of the same row; 3 start with "f.k.a." and
    5 more hold "X, f.k.a., Y" or "X (f.k.a., Y)" (alias X plus former name Y)."""
    assert sum(len(e.get("alias")) for e in csl.entities) == 19923
    assert sum(len(e.get("previousName")) for e in csl.entities) == 8


def test_real_duplicate_ids_become_distinct_entities(
    csl: ParsedList, by_id: dict[str, Entity]
) -> None:
    # BANCO VTB AFRICA SA is on SDN, SSI and CAPTA under the same _id 18725.
    rows = [by_id["18725"], by_id["18725-SSI"], by_id["18725-CAP"]]
    assert [source_code(e.get("publisher")[0]) for e in rows] == ["SDN", "SSI", "CAP"]
    assert {e.caption for e in rows} == {"BANCO VTB AFRICA SA"}
    # BANK OF KUNLUN has two CAPTA rows: the second is kept and reported.
    assert by_id["15268"].caption == by_id["15268-2"].caption == "BANK OF KUNLUN CO LTD"
    assert len(csl.warnings) == 1
    assert csl.warnings[0].endswith("line 1980: 15268 appears again on CAP; kept as 15268-2")


# --- the real file: entries -----------------------------------------------------


def test_presidency_of_defense_industries(by_id: dict[str, Entity]) -> None:
    e = by_id["27016"]
    assert e.schema == "LegalEntity"
    assert e.get("name") == ["PRESIDENCY OF DEFENSE INDUSTRIES"]
    assert e.get("alias") == [
        "DEFENSE INDUSTRIES PRESIDENCY",
        "UNDERSECRETARIAT FOR DEFENSE INDUSTRIES",
        "SSB",
        "SSM",
    ]
    assert e.get("publisher") == [
        "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"
    ]
    assert e.programs == ("MBS",)
    assert e.get("country") == ["tr"]
    assert e.get("address") == ["Ankara, TR"]
    assert e.get("sourceUrl") == ["https://bit.ly/2MbsybU"]
    assert "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)" in e.get("notes")
    assert e.identifiers == ()
    assert e.links == (
        Link("same_as", "PRESIDENCY OF DEFENSE INDUSTRIES", "27016", "us_ofac_cons"),
    )


def test_ismail_demir(by_id: dict[str, Entity]) -> None:
    e = by_id["27018"]
    assert e.schema == "Person"
    assert e.get("name") == ["DEMIR, Ismail"]
    assert e.get("position") == ["SSB Chairman"]
    assert e.get("birthDate") == ["1960-04-01"]
    assert e.get("birthPlace") == ["Elazig, Turkey"]
    assert e.programs == ("CAATSA - RUSSIA",)
    assert e.identifiers == (Identifier("Turkish Identification Number", "37435275130", "tr"),)
    assert e.get("idNumber") == ["37435275130"]
    assert e.links == (
        Link("linked_to", "PRESIDENCY OF DEFENSE INDUSTRIES"),
        Link("same_as", "DEMIR, Ismail", "27018", "us_ofac_sdn"),
    )
    assert e.unparsed == ()


def test_identifier_dates_country_and_gender(by_id: dict[str, Entity]) -> None:
    e = by_id["29243"]  # CHENG, Teresa
    assert e.identifiers == (
        Identifier("Passport", "KJ0221326", "hk", "expires 2022-01-28; issued 2012-01-28"),
        Identifier("National ID No.", "G579067A", "hk"),
    )
    assert e.get("passportNumber") == ["KJ0221326"]
    assert e.get("gender") == ["female"]
    assert e.get("nationality") == ["hk"]
    assert e.get("alias") == ["CHENG, Yeuk Wah", "CHENG, Teresa Yeuk-wah"]
    assert (
        "Secondary sanctions risk: pursuant to the Hong Kong Autonomy Act of 2020 - "
        "Public Law 116-149"
    ) in e.get("notes")


def test_vessel(by_id: dict[str, Entity]) -> None:
    e = by_id["15052"]
    assert e.schema == "Vessel"
    assert e.get("name") == ["AMBER"]
    assert e.get("alias") == ["HARAZ", "FREEDOM"]
    assert e.get("callSign") == ["5IM 597"]
    assert e.get("type") == ["Crude Oil Tanker"]
    assert e.get("tonnage") == ["317356"]
    assert e.get("grossRegisteredTonnage") == ["163660"]
    assert e.get("flag") == ["pa"]
    assert e.get("pastFlags") == ["cy", "tz"]
    assert e.get("imoNumber") == ["IMO9357406"]
    assert e.get("mmsi") == ["677049700"]
    assert Link("linked_to", "NATIONAL IRANIAN TANKER COMPANY") in e.links


def test_aircraft(by_id: dict[str, Entity]) -> None:
    e = by_id["24507"]
    assert e.schema == "Airplane"
    assert e.get("name") == ["EP-AJC"]
    assert e.get("model") == ["A320"]
    assert e.get("buildDate") == ["1995-02-28"]
    assert e.get("serialNumber") == ["530"]
    assert "Aircraft Operator: Meraj Air" in e.get("notes")


def test_entity_list_row(by_id: dict[str, Entity]) -> None:
    e = by_id["4398d33e9e93c7477af39f1e0bfffc13ddd47bcc"]
    assert e.schema == "LegalEntity"
    assert e.get("name") == ["140 Repair Plant JSC"]
    # "X; and Y": the joining "and" is not part of the name.
    assert e.get("alias") == ["Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant"]
    assert e.get("address") == ["19 Luysi Chalovskoy St., Borisov, 222512, BY"]
    assert e.get("country") == ["by"]
    assert e.legal_basis == ("87 FR 20299",)
    assert e.listed_on == "2022-04-07"
    assert "License policy: Policy of denial." in e.get("notes")
    assert e.links == ()


def test_former_names_inside_alt_names(by_id: dict[str, Entity]) -> None:
    e = by_id["bf9316d947e6d09d146a6dfa318da7abc217802d"]
    assert "JSC NIIP" in e.get("alias")
    assert e.get("previousName") == [
        "Otkrytoe Aktsionernoe Obshchestvo Nauchno Issledovatelski Institut Priborostroeniya "
        "Imeni V.V. Tikhomirova"
    ]


# --- helpers --------------------------------------------------------------------


def test_parse_id_item() -> None:
    assert parse_id_item("JO, 2014-08-30, 2009-08-31, K475336, Passport") == (
        "Passport", "K475336", "JO", ["2014-08-30", "2009-08-31"],
    )  # fmt: skip
    assert parse_id_item("Male, Gender") == ("Gender", "Male", None, [])
    assert parse_id_item("PA, 467323, Doc. 694710, Public Registration Number") == (
        "Public Registration Number", "467323, Doc. 694710", "PA", [],
    )  # fmt: skip
    assert parse_id_item("Korea, North, Nationality of Registration") == (
        "Nationality of Registration", "Korea, North", None, [],
    )  # fmt: skip


def test_linked_to() -> None:
    assert linked_to("(Linked To: A; Linked To: LIU, Emily)") == ["A", "LIU, Emily"]
    assert linked_to("x; (Linked To: AQAP (YEMEN) LTD)") == ["AQAP (YEMEN) LTD"]
    assert linked_to("no links here") == []


def test_source_code() -> None:
    assert source_code(SDN_SOURCE) == "SDN"
    assert source_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury") == "NS-MBS"
    assert source_code("Military End User (MEU) List - Bureau of Industry and Security") == "MEU"


# --- bad input ------------------------------------------------------------------


def test_minimal_file() -> None:
    [e] = parse(
        make_csv(row(alt_names="ACME; and ACME CO", addresses="1 Main St, Riga, LV"))
    ).entities
    assert (e.id, e.schema, e.get("name")) == ("us_trade_csl-1", "LegalEntity", ["ACME TRADING"])
    assert e.get("alias") == ["ACME", "ACME CO"]
    assert e.get("country") == ["lv"]


def test_embedded_newlines_and_bom() -> None:
    data = b"\xef\xbb\xbf" + make_csv(row(name="Gaobeidian Kaituo\nCo. Ltd "))
    [e] = parse(data).entities
    assert e.get("name") == ["Gaobeidian Kaituo Co. Ltd"]


def test_missing_columns_are_listed() -> None:
    header = tuple(c for c in COLUMNS if c not in ("name", "ids"))
    with pytest.raises(
        FormatError, match=re.escape("missing columns 'name', 'ids' (found 27 of 29")
    ) as info:
        parse(make_csv(row(), header=header))
    assert info.value.line == 1


def test_wrong_field_count_names_the_line() -> None:
    data = make_csv(row(), row(_id="2", remarks="two\nlines"), row(_id="3"))
    data += b"4,too,few\n"
    with pytest.raises(FormatError, match="3 fields where the header has 29") as info:
        parse(data, "bad.csv")
    assert (info.value.file, info.value.line) == ("bad.csv", 6)


def test_truncated_file() -> None:
    data = make_csv(row(), row(_id="2", name="SECOND"))
    with pytest.raises(FormatError) as info:
        parse(data[:-40])
    assert info.value.line == 3


def test_unterminated_quote() -> None:
    data = make_csv(row()) + b'2,"' + EL_SOURCE.encode() + b',,,,"never closed\n'
    with pytest.raises(FormatError, match="not valid CSV"):
        parse(data)


def test_non_utf8_is_an_encoding_error() -> None:
    data = make_csv(row(), row(_id="2", name="JOSE")).replace(b"JOSE", b"JOS\xc9")
    with pytest.raises(EncodingError) as info:
        parse(data)
    assert info.value.line == 3


def test_header_only_and_empty() -> None:
    with pytest.raises(EmptyFileError, match="header but no entries"):
        parse(make_csv())
    with pytest.raises(EmptyFileError):
        parse(b"\n")


def test_row_without_name_or_id() -> None:
    with pytest.raises(FormatError, match="has no name") as info:
        parse(make_csv(row(), row(_id="2", name=" ")))
    assert info.value.line == 3
    with pytest.raises(FormatError, match="no _id"):
        parse(make_csv(row(_id="")))


def test_unknown_type_is_a_warning() -> None:
    result = parse(make_csv(row(type="Spaceship")))
    assert result.entities[0].schema == "LegalEntity"
    assert result.warnings == [
        "consolidated.csv, line 2: unknown type 'Spaceship', read as LegalEntity"
    ]


# --- properties -----------------------------------------------------------------

NAME = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"),
        blacklist_characters=";\x85",
    ),
    min_size=1,
    max_size=25,
).filter(
    lambda s: s.strip() != "" and not s.strip().lower().startswith(("and ", "f.k.a.", "a.k.a."))
)


def _clean(text: str) -> str:
    """What FtM makes of a name: whitespace collapsed, NFC-normalised."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


@given(name=NAME, alt_names=st.lists(NAME, max_size=4))
@settings(max_examples=80, deadline=None)
def test_generated_rows_round_trip(name: str, alt_names: list[str]) -> None:
    alts = [a for a in alt_names if "f.k.a." not in a.lower()]
    data = make_csv(row(name=name, alt_names="; ".join(alts), type="Individual"))
    [e] = parse(data).entities
    assert e.schema == "Person"
    assert e.get("name") == [_clean(name)]
    assert e.get("alias") == list(dict.fromkeys(_clean(a) for a in alts))


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse(data)


@given(st.binary(max_size=40), st.integers(min_value=0))
@settings(max_examples=150, deadline=None)
def test_damaged_csv_raises_only_source_errors(junk: bytes, where: int) -> None:
    data = make_csv(row(), row(_id="2", type="Vessel", ids="JO, 2014-08-30, K1, Passport"))
    cut = where % len(data)
    with contextlib.suppress(SourceError):
        parse(data[:cut] + junk + data[cut:])
