"""OFAC Remarks clauses: each kind of clause the real files hold, read into facts and put
on entities, plus generated input that must never break the reader."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.entity import Entity, EntityBuilder, Identifier, Link
from caveat.sources.ofac_remarks import (
    Fact,
    RemarkFacts,
    RemarkIdentifier,
    apply_remarks,
    parse_identifier,
    parse_remarks,
    split_clauses,
)

DEMIR = (
    "DOB 01 Apr 1960; POB Elazig, Turkey; CAATSA Section 235 Information: SANCTIONS ON "
    "PRINCIPAL EXECUTIVE OFFICERS. Sec 235(a)(12); alt. CAATSA Section 235 Information: "
    "BLOCKING PROPERTY AND INTERESTS IN PROPERTY. Sec 235(a)(9); Turkish Identification "
    "Number 37435275130 (Turkey); SSB Chairman; Linked To: PRESIDENCY OF DEFENSE INDUSTRIES."
)


def build(schema: str, text: str) -> Entity:
    builder = EntityBuilder("us_ofac_sdn", "1", schema)
    builder.add_name("TEST")
    apply_remarks(builder, parse_remarks(text))
    return builder.build()


def values(text: str, prop: str) -> list[str]:
    return [f.value for f in parse_remarks(text).values if f.prop == prop]


def ident(text: str) -> RemarkIdentifier:
    facts = parse_remarks(text)
    assert facts.notes == [], facts.notes
    assert len(facts.identifiers) == 1, facts.identifiers
    return facts.identifiers[0]


# --- splitting ----------------------------------------------------------------------------


def test_split_keeps_semicolons_inside_parentheses() -> None:
    text = "DOB 1960; (data from a passport: DOB 1961; Passport 123); Gender Male."
    assert split_clauses(text) == [
        "DOB 1960",
        "(data from a passport: DOB 1961; Passport 123)",
        "Gender Male",
    ]


def test_split_with_unbalanced_parenthesis_splits_everywhere() -> None:
    assert split_clauses("Registration Number 14(RV; DOB 1960") == [
        "Registration Number 14(RV",
        "DOB 1960",
    ]


def test_split_drops_final_period_but_not_an_abbreviation() -> None:
    assert split_clauses("Linked To: LAZARUS GROUP.") == ["Linked To: LAZARUS GROUP"]
    assert split_clauses("Linked To: KPD S.A.") == ["Linked To: KPD S.A."]
    assert split_clauses("Linked To: ANGLO-CARIBBEAN CO.") == ["Linked To: ANGLO-CARIBBEAN CO."]
    # a period inside the text belongs to its clause
    assert split_clauses("Linked To: X S.A. DE C.V.; DOB 1960.") == [
        "Linked To: X S.A. DE C.V.",
        "DOB 1960",
    ]


def test_split_ignores_empty_clauses_and_collapses_whitespace() -> None:
    assert split_clauses("  a;; b  c ;") == ["a", "b c"]


# --- the clause kinds ---------------------------------------------------------------------


def test_demir_remarks() -> None:
    facts = parse_remarks(DEMIR)
    assert facts.values == [
        Fact("birthDate", "1960-04-01", "DOB 01 Apr 1960"),
        Fact("birthPlace", "Elazig, Turkey", "POB Elazig, Turkey"),
    ]
    assert facts.identifiers == [
        RemarkIdentifier("Turkish Identification Number", "37435275130", "Turkey")
    ]
    assert facts.links == ["PRESIDENCY OF DEFENSE INDUSTRIES"]
    assert len(facts.legal_basis) == 2
    assert facts.legal_basis[1].startswith("CAATSA Section 235 Information: BLOCKING")
    assert facts.notes == ["SSB Chairman"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB 01 Apr 1960", ["1960-04-01"]),
        ("DOB circa 1960", ["1960"]),
        ("DOB 1960 to 1962", ["1960", "1961", "1962"]),
        ("DOB circa 1951-1953", ["1951", "1952", "1953"]),
        ("DOB Apr 1960", ["1960-04"]),
        ("DOB 01 Jan 1960 to 31 Dec 1961", ["1960", "1961"]),
        ("DOB 01 Feb 1980 to 30 Apr 1980", ["1980-02", "1980-03", "1980-04"]),
        ("DOB 1960; alt. DOB 1962", ["1960", "1962"]),
        ("DOB 1960; alt. 1962", ["1960", "1962"]),
        ("DOB: 10 Dec 1948.", ["1948-12-10"]),
    ],
)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert values(text, "birthDate") == expected
    assert parse_remarks(text).notes == []


def test_unreadable_birth_date_is_a_note() -> None:
    facts = parse_remarks("DOB the spring of the flood")
    assert facts.values == []
    assert facts.notes == ["DOB the spring of the flood"]


@pytest.mark.parametrize(
    ("text", "prop", "value"),
    [
        ("POB Elazig, Turkey", "birthPlace", "Elazig, Turkey"),
        ("nationality Korea, North", "nationality", "Korea, North"),
        ("alt. nationality Russia", "nationality", "Russia"),
        ("citizen Mexico", "citizenship", "Mexico"),
        ("Gender Male", "gender", "Male"),
        ("Website www.roe.ru", "website", "www.roe.ru"),
        ("Email Address antey@almaz-antey.ru", "email", "antey@almaz-antey.ru"),
        ("Phone Number 982188526300", "phone", "982188526300"),
        ("Telephone: 0097282851500", "phone", "0097282851500"),
        ("Organization Established Date 19 Nov 1991", "incorporationDate", "1991-11-19"),
        ("Organization Type: Passenger air transport", "sector", "Passenger air transport"),
        ("Target Type State-Owned Enterprise", "classification", "State-Owned Enterprise"),
        ("Position: Director, General Intelligence", "position", "Director, General Intelligence"),
        ("Former Vessel Flag Tanzania", "pastFlags", "Tanzania"),
        ("Other Vessel Call Sign 5IM713", "callSign", "5IM713"),
        ("Vessel Year of Build 1999", "buildDate", "1999"),
        ("Aircraft Model IL76-TD", "model", "IL76-TD"),
        ("Aircraft Manufacture Date Sep 1984", "buildDate", "1984-09"),
        ("Nationality of Registration Russia", "country", "Russia"),
    ],
)
def test_single_value_clauses(text: str, prop: str, value: str) -> None:
    facts = parse_remarks(text)
    assert [(f.prop, f.value) for f in facts.values] == [(prop, value)]
    assert facts.notes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tax ID No. 7718852163 (Russia)", ("Tax ID No.", "7718852163", "Russia", None)),
        (
            "Registration ID 1117746521452 (Russia)",
            ("Registration ID", "1117746521452", "Russia", None),
        ),
        ("Registration Number 26740 (Iran)", ("Registration Number", "26740", "Iran", None)),
        (
            "Government Gazette Number 56467052 (Russia)",
            ("Government Gazette Number", "56467052", "Russia", None),
        ),
        ("National ID No. 216040 (Yemen)", ("National ID No.", "216040", "Yemen", None)),
        ("Cedula No. 6068015 (Colombia)", ("Cedula No.", "6068015", "Colombia", None)),
        (
            "C.U.R.P. ZANM821122MSLMBD07 (Mexico)",
            ("C.U.R.P.", "ZANM821122MSLMBD07", "Mexico", None),
        ),
        ("R.F.C. ZANM-821122-H87 (Mexico)", ("R.F.C.", "ZANM-821122-H87", "Mexico", None)),
        ("D.N.I. 78.865.882 (Spain)", ("D.N.I.", "78.865.882", "Spain", None)),
        ("RUC # 20108363101 (Peru)", ("RUC #", "20108363101", "Peru", None)),
        ("NIT # 800018928-0 (Colombia)", ("NIT #", "800018928-0", "Colombia", None)),
        (
            "Business Registration Document # F01000003035 (United States)",
            ("Business Registration Document #", "F01000003035", "United States", None),
        ),
        (
            "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)",
            ("Legal Entity Number", "253400V1H6ART1UQ0N98", "Russia", None),
        ),
        (
            "UK Company Number 01126618 (United Kingdom)",
            ("UK Company Number", "01126618", "United Kingdom", None),
        ),
        (
            "Company Number 01074897 (United Kingdom)",
            ("Company Number", "01074897", "United Kingdom", None),
        ),
        (
            "Identification Number 2.194.575 (Paraguay)",
            ("Identification Number", "2.194.575", "Paraguay", None),
        ),
        (
            "Unified Social Credit Code (USCC) 9113100033607322XK (China)",
            ("Unified Social Credit Code (USCC)", "9113100033607322XK", "China", None),
        ),
        ("Passport D366 871 (Jordan)", ("Passport", "D366 871", "Jordan", None)),
        (
            "alt. Passport G 649385 issued 08 Sep 2006 expires 17 Jul 2011",
            ("Passport", "G 649385", None, "issued 08 Sep 2006 expires 17 Jul 2011"),
        ),
        (
            "Diplomatic Passport 008827 (Iran) issued 1999",
            ("Diplomatic Passport", "008827", "Iran", "issued 1999"),
        ),
        (
            "Passport Booklet: A5199819 (Pakistan)",
            ("Passport Booklet", "A5199819", "Pakistan", None),
        ),
        (
            "Italian Fiscal Code: KMMMHD68D03Z352N",
            ("Italian Fiscal Code", "KMMMHD68D03Z352N", None, None),
        ),
        (
            "National ID No. CNIC: 35202-5400413-9 (Pakistan)",
            ("National ID No. CNIC", "35202-5400413-9", "Pakistan", None),
        ),
        (
            "Vessel Registration Identification IMO 7406784",
            ("Vessel Registration Identification", "IMO 7406784", None, None),
        ),
        ("MMSI 572469210", ("MMSI", "572469210", None, None)),
        ("SWIFT/BIC GAZPRUMM", ("SWIFT/BIC", "GAZPRUMM", None, None)),
        (
            "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
            ("Digital Currency Address - XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", None, None),
        ),
        ("Aircraft Tail Number EP-MMH", ("Aircraft Tail Number", "EP-MMH", None, None)),
        (
            "Cartilla de Servicio Militar Nacional B4111940 (Mexico)",
            ("Cartilla de Servicio Militar Nacional", "B4111940", "Mexico", None),
        ),
        ("National ID No.: 1372584, Kenya", ("National ID No.", "1372584", "Kenya", None)),
    ],
)
def test_identifier_clauses(text: str, expected: tuple[str, str, str | None, str | None]) -> None:
    assert ident(text) == RemarkIdentifier(*expected)


@pytest.mark.parametrize(
    "text",
    [
        "SSB Chairman",
        "President since 1979",
        "named in UNSCR 1483",
        "Passport No.: 0310857, Eritrea, Issue Date 21 August 2006, Expire Date 20 August 2008",
        "Member of al-Qa'ida, is wanted: File no. 2009/52/OS/CCC",
        "U.S.A. Passport issued 21 Jun 1992 in Amman, Jordan",
        "Fax: 0097282858208",
        "Issuer Name China Mobile Limited",
    ],
)
def test_other_clauses_are_notes(text: str) -> None:
    facts = parse_remarks(text)
    assert facts.notes == [text]
    assert facts.identifiers == [] and facts.values == []


def test_names_in_remarks_are_weak_or_previous() -> None:
    facts = parse_remarks(
        "a.k.a. 'SSB'; a.k.a. 'SSM'; f.k.a. 'ANA I'; a.k.a. ''ABDUL-GHANI'; a.k.a. 'SUE RC 'KMP''."
    )
    assert facts.names == [
        ("weakAlias", "SSB"),
        ("weakAlias", "SSM"),
        ("previousName", "ANA I"),
        ("weakAlias", "'ABDUL-GHANI"),
        ("weakAlias", "SUE RC 'KMP'"),
    ]


def test_legal_basis_clauses() -> None:
    text = (
        "Executive Order 13662 Directive Determination - Subject to Directive 3; "
        "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR "
        "589.201 and/or 589.209; Additional Sanctions Information - Subject to Secondary "
        "Sanctions; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
        "Institutions: North Korea Sanctions Regulations section 510.214; Executive Order "
        "13846 information: FOREIGN EXCHANGE. Sec. 5(a)(ii); Listing Date (EO 14024 "
        "Directive 2): 24 Feb 2022"
    )
    facts = parse_remarks(text)
    assert len(facts.legal_basis) == 6
    assert facts.legal_basis[0] == (
        "Executive Order 13662 Directive Determination - Subject to Directive 3"
    )
    assert facts.notes == [] and facts.identifiers == []


def test_linked_to_keeps_the_target_name() -> None:
    facts = parse_remarks(
        "Linked To: RED MUNDIAL INMOBILIARIA, S.A. DE C.V.; Linked To: HIZBALLAH."
    )
    assert facts.links == ["RED MUNDIAL INMOBILIARIA, S.A. DE C.V.", "HIZBALLAH"]


def test_null_and_empty_remarks() -> None:
    assert parse_remarks(None) == RemarkFacts()
    assert parse_remarks("-0- ") == RemarkFacts()
    assert parse_remarks("   ") == RemarkFacts()


def test_parse_identifier_refuses_text_without_a_number() -> None:
    assert parse_identifier("Registration Number unknown") is None
    assert parse_identifier("1234567") is None


# --- putting facts on entities -----------------------------------------------------------


def test_apply_to_person() -> None:
    entity = build("Person", DEMIR[:-1] + "; nationality Turkey; a.k.a. 'THE CHAIRMAN'.")
    assert entity.get("birthDate") == ["1960-04-01"]
    assert entity.get("birthPlace") == ["Elazig, Turkey"]
    assert entity.get("nationality") == ["tr"]
    assert entity.get("weakAlias") == ["THE CHAIRMAN"]
    assert entity.identifiers == (Identifier("Turkish Identification Number", "37435275130", "tr"),)
    assert entity.get("idNumber") == ["37435275130"]
    assert entity.links == (Link("linked_to", "PRESIDENCY OF DEFENSE INDUSTRIES"),)
    assert len(entity.legal_basis) == 2
    assert entity.get("notes") == ["SSB Chairman"]


def test_apply_falls_back_when_the_schema_lacks_the_property() -> None:
    entity = build("LegalEntity", "nationality Iran; DOB 1960; Gender Male")
    assert entity.get("country") == ["ir"]
    assert "birthDate" not in entity.properties
    assert entity.get("notes") == ["DOB 1960", "Gender Male"]
    assert entity.unparsed == ()


def test_apply_keeps_refused_values_as_notes() -> None:
    entity = build("Person", "nationality possibly Palestinian; Phone Number 982188526300")
    assert "nationality" not in entity.properties
    assert entity.get("notes") == [
        "nationality possibly Palestinian",
        "Phone Number 982188526300",
    ]


def test_apply_repeated_values_are_not_reported_unparsed() -> None:
    entity = build("Person", "nationality Russia; alt. nationality Russia")
    assert entity.get("nationality") == ["ru"]
    assert entity.unparsed == ()


def test_apply_vessel_identifiers() -> None:
    entity = build("Vessel", "Vessel Registration Identification IMO 7406784; MMSI 572469210")
    assert entity.get("imoNumber") == ["IMO7406784"]
    assert entity.get("mmsi") == ["572469210"]
    # on a company the same IMO-style number is only an identifier
    company = build("LegalEntity", "Company Number IMO 5055293")
    assert "imoNumber" not in company.properties
    assert company.identifiers[0].number == "IMO 5055293"


def test_apply_website_and_tax_number() -> None:
    entity = build("LegalEntity", "Website www.roe.ru; Tax ID No. 7718852163 (Russia)")
    assert entity.get("website") == ["http://www.roe.ru/"]
    assert entity.get("taxNumber") == ["7718852163"]
    assert entity.identifiers[0].country == "ru"


# --- generated input ----------------------------------------------------------------------


@given(st.text(max_size=400))
def test_parse_remarks_never_raises(text: str) -> None:
    facts = parse_remarks(text)
    # every clause ends up somewhere: nothing is silently dropped
    found = (
        len(facts.values)
        + len(facts.identifiers)
        + len(facts.names)
        + len(facts.links)
        + len(facts.legal_basis)
        + len(facts.notes)
    )
    assert found >= (1 if split_clauses(text) else 0)


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "P", "Zs"])))
def test_apply_never_raises(text: str) -> None:
    for schema in ("Person", "LegalEntity", "Vessel", "Airplane"):
        build(schema, text)


words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh-'", min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=4), st.lists(words, min_size=1, max_size=6))
def test_split_clauses_round_trips(left: list[str], right: list[str]) -> None:
    clauses = [" ".join(left), " ".join(right)]
    assert split_clauses("; ".join(clauses)) == clauses


@given(
    st.sampled_from(["Passport", "Tax ID No.", "Registration Number", "National ID No.", "NIT #"]),
    st.from_regex(r"[A-Z]{0,3}[0-9]{4,12}", fullmatch=True),
    st.sampled_from(["Russia", "Turkey", "Colombia", "United Arab Emirates"]),
)
def test_generated_identifier_round_trips(kind: str, number: str, country: str) -> None:
    assert ident(f"{kind} {number} ({country})") == RemarkIdentifier(kind, number, country)
    assert ident(f"alt. {kind} {number} ({country}) issued 2001") == RemarkIdentifier(
        kind, number, country, "issued 2001"
    )


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ,.-&", min_size=1, max_size=40))
def test_generated_weak_alias_round_trips(name: str) -> None:
    name = " ".join(name.split())
    if not name.strip(" .,"):
        return
    assert parse_remarks(f"a.k.a. '{name}'; Gender Male").names == [("weakAlias", name)]
