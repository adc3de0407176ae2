"""Evidence beside the name counts both ways."""

from __future__ import annotations

from caveat.match.evidence import (
    COUNTRY_CONFLICT,
    DOB_CONFLICT,
    NAME_SHARE,
    CandidateFacts,
    QueryFacts,
    compare_facts,
    most_taken,
    normalize_identifier,
)


def test_agreeing_birth_date_raises_and_conflict_lowers() -> None:
    listed = CandidateFacts(birth_dates=("1960-04-01",))
    up, evidence = compare_facts(QueryFacts(birth_dates=("1960-04-01",)), listed, 0.7)
    down, _ = compare_facts(QueryFacts(birth_dates=("1975-01-01",)), listed, 0.7)
    assert up > 0.7 > down
    assert evidence[0].feature == "birth date"


def test_year_only_dates_agree_partly() -> None:
    listed = CandidateFacts(birth_dates=("1960",))
    full, _ = compare_facts(QueryFacts(birth_dates=("1960-04-01",)), listed, 0.8)
    exact, _ = compare_facts(
        QueryFacts(birth_dates=("1960-04-01",)), CandidateFacts(birth_dates=("1960-04-01",)), 0.8
    )
    bare, _ = compare_facts(QueryFacts(), listed, 0.8)
    assert bare < full < exact


def test_country_conflict_lowers() -> None:
    score, evidence = compare_facts(
        QueryFacts(countries=frozenset({"de"})), CandidateFacts(countries=frozenset({"tr"})), 0.8
    )
    assert score < 0.8
    assert "de vs tr" in evidence[0].detail


def test_strong_identifier_decides_almost_alone() -> None:
    listed = CandidateFacts(identifiers=frozenset({"7718852163"}))
    score, _ = compare_facts(QueryFacts(identifiers=frozenset({"7718852163"})), listed, 0.4)
    assert score >= 0.95
    renamed, _ = compare_facts(QueryFacts(identifiers=frozenset({"7718852163"})), listed, 0.0)
    assert renamed >= 0.7


def test_missing_facts_change_nothing() -> None:
    bare = compare_facts(QueryFacts(), CandidateFacts(), 0.66)[0]
    assert compare_facts(QueryFacts(), CandidateFacts(birth_dates=("1960",)), 0.66)[0] == bare


def test_an_exact_name_alone_leaves_room_for_corroboration() -> None:
    alone, _ = compare_facts(QueryFacts(), CandidateFacts(), 1.0)
    dated, _ = compare_facts(
        QueryFacts(birth_dates=("1960-04-01",)), CandidateFacts(birth_dates=("1960-04-01",)), 1.0
    )
    assert alone < dated == 1.0


def test_identifier_normalisation() -> None:
    assert normalize_identifier("IMO 9123456") == "9123456"
    assert normalize_identifier("ab-12 34") == "AB1234"


def test_swapped_given_and_family_names_lower_the_score() -> None:
    query = QueryFacts(given_names=frozenset({"friedrich"}), family_names=frozenset({"hans"}))
    swapped = CandidateFacts(given_names=frozenset({"hans"}), family_names=frozenset({"friedrich"}))
    same = CandidateFacts(given_names=frozenset({"friedrich"}), family_names=frozenset({"hans"}))
    low, evidence = compare_facts(query, swapped, 1.0)
    high, _ = compare_facts(query, same, 1.0)
    assert low < high
    assert evidence[0].feature == "name order"


def test_most_taken_is_every_conflict_the_query_facts_could_meet() -> None:
    assert most_taken(QueryFacts()) == 0.0
    dated = QueryFacts(birth_dates=("1960-04-01",), countries=frozenset({"tr"}))
    assert most_taken(dated) == DOB_CONFLICT + COUNTRY_CONFLICT
    worst, _ = compare_facts(dated, CandidateFacts(("1985-07-12",), frozenset({"ru"})), 1.0)
    assert abs(worst - (NAME_SHARE + most_taken(dated))) < 1e-9
