"""OFAC parity: scores recorded from OFAC's Sanctions List Search, and invariants."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.match.ofac import ofac_name_score, ofac_score
from caveat.match.scoring import ListedName
from tests.conftest import real_file

FIXTURES = "name_matching/opensanctions_ofac2021_fixtures.csv"
SLIDER = 80  # the recordings mark names SLS did not return at this slider with -1


def load_rows(shared_data: Path) -> list[tuple[str, str, int]]:
    with real_file(shared_data, FIXTURES).open(newline="", encoding="utf-8") as handle:
        return [
            (row["query_name"], row["result_name"], int(row["ofac_score"]))
            for row in csv.DictReader(handle)
        ]


def points(query: str, candidate: str) -> int:
    return round(ofac_name_score(query, candidate)[0] * 100)


def agrees(query: str, candidate: str, recorded: int) -> bool:
    """Within 5 points of SLS, or under the slider when SLS did not return the name."""
    ours = points(query, candidate)
    return ours < SLIDER if recorded < 0 else abs(ours - recorded) <= 5


def test_parity_with_recorded_sls_scores(shared_data: Path) -> None:
    rows = load_rows(shared_data)
    assert len(rows) > 100
    share = sum(agrees(*row) for row in rows) / len(rows)
    assert share >= 0.95


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        ("VLADIMIR PUTIN", "VLADIMIR BILIY"),  # whole-name technique
        ("VLADIMR PUTIN", "PUTIN, Vladimir"),  # parts in any order, one typo
        ("PUTIN VLADIMIR", "TURIN, Vladimir"),  # whole name, no first-letter gate
        ("VLADIMIR PUTIN", "VLADIMIROVKA ADVANCED WEAPONS AND RESEARCH COMPLEX"),
        ("KIM JONG UN", "KIM, Jong Man"),  # UN is too short to be a search term
        ("GEORGE BUSH", "HASWANI, George"),  # BUSH matches nothing: half the parts
        ("GEORGE BUSH", "OBEID, Boutros Georges"),  # BUSH~BOUTROS under 50% alike
        ("OSAMA BIN LADEN", "USAMA BIN LADEN NETWORK"),  # OSAMA~USAMA: first letters
        ("BASHIR-UD-DIN", "MAHMOOD, Sultan Bashir-Ud-Din"),
        ("O'BRIEN", "O'BRIEN, Christopher"),
        ("ALQAEDA", "AL QAEDA"),  # not returned: no part is a potential match
        ("Владимир Путин", "PUTIN, Vladimir"),  # SLS reads Latin text only
    ],
)
def test_recorded_rows(shared_data: Path, query: str, candidate: str) -> None:
    recorded = {(q, c): score for q, c, score in load_rows(shared_data)}
    if (query, candidate) not in recorded:
        pytest.skip(f"{query!r} ~ {candidate!r} is not in {FIXTURES}")
    assert agrees(query, candidate, recorded[(query, candidate)])


def test_unmatched_listed_parts_do_not_count() -> None:
    assert ofac_name_score("PUTIN", "PUTIN, Vladimir Vladimirovich")[0] == 1.0


def test_order_does_not_matter() -> None:
    assert ofac_name_score("Ismail Demir", "DEMIR, Ismail")[0] == 1.0
    assert ofac_name_score("İsmail Demir", "DEMİR, İsmail")[0] == 1.0


def test_short_parts_are_not_search_terms() -> None:
    score, parts = ofac_name_score("KIM JONG UN", "KIM, Jong Sik")
    assert score == 1.0
    assert [(p.query, p.weight) for p in parts] == [("KIM", 1.0), ("JONG", 1.0), ("UN", 0.0)]


def test_a_lone_short_part_is_searched() -> None:
    assert ofac_name_score("Z", "DONCOALTRADE SP Z O O")[0] == 1.0


def test_unmatched_query_part_halves_the_composite() -> None:
    score, parts = ofac_name_score("GEORGE BUSH", "HASWANI, George")
    assert score == 0.5
    assert [(p.query, p.candidate, p.method) for p in parts] == [
        ("GEORGE", "GEORGE", "exact"),
        ("BUSH", None, "unmatched"),
    ]


def test_whole_name_explanation_is_joined() -> None:
    score, parts = ofac_name_score("VLADIMIR PUTIN", "VLADIMIR BILIY")
    assert 0.85 <= score < 0.95
    assert len(parts) == 1
    assert parts[0].method == "joined"
    assert parts[0].candidate == "VLADIMIR BILIY"


def test_names_without_a_potential_match_score_zero() -> None:
    assert ofac_name_score("ALQAEDA", "AL QAEDA") == (0.0, ())
    assert ofac_name_score("GEORGE BUSH", "PUTIN, Vladimir") == (0.0, ())


def test_other_scripts_and_empty_names_score_zero() -> None:
    assert ofac_name_score("Рособоронэкспорт", "ROSOBORONEKSPORT OAO")[0] == 0.0
    assert ofac_name_score("习近平", "XI, Jinping")[0] == 0.0
    assert ofac_name_score("", "PUTIN, Vladimir") == (0.0, ())
    assert ofac_name_score("PUTIN", " ,.-") == (0.0, ())


def test_accents_and_apostrophes_fold() -> None:
    assert ofac_name_score("Rosoboronéksport", "ROSOBORONEKSPORT OAO")[0] == 1.0
    assert ofac_name_score("O’Brien", "O'BRIEN, Christopher")[0] == 1.0


def test_ofac_score_takes_the_best_listed_name() -> None:
    listed = [
        ListedName("ROSOBORONEKSPORT OAO", "name", ()),
        ListedName("ROSOBORONEXPORT JSC", "alias", ()),
    ]
    scored = ofac_score(["Rosoboronexport", "Rosoboronexport OAO"], listed)
    assert scored is not None
    assert scored.score == 1.0
    assert scored.explanation.matched_name == "ROSOBORONEXPORT JSC"
    assert scored.explanation.name_kind == "alias"
    assert scored.explanation.query_name == "Rosoboronexport"
    assert scored.explanation.notes == ("OFAC Sanctions List Search parity score",)


def test_ofac_score_is_none_when_nothing_scores() -> None:
    listed = [ListedName("PUTIN, Vladimir", "name", ())]
    assert ofac_score(["Almaz-Antey"], listed) is None
    assert ofac_score([], listed) is None
    assert ofac_score(["PUTIN"], []) is None


@given(st.text(max_size=300), st.text(max_size=300))
def test_score_is_in_range_and_never_raises(query: str, candidate: str) -> None:
    score, parts = ofac_name_score(query, candidate)
    assert 0.0 <= score <= 1.0
    assert (score == 0.0) == (parts == ())


def test_very_long_names_do_not_raise() -> None:
    long_name = "ALMAZ ANTEY " * 900
    assert 0.0 <= ofac_name_score(long_name, long_name[::-1])[0] <= 1.0
    assert ofac_name_score(long_name, long_name)[0] == 1.0


NAME_TEXT = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.-'")


@given(NAME_TEXT.filter(lambda s: any(c.isalnum() for c in s)))
def test_identical_names_score_one(name: str) -> None:
    assert ofac_name_score(name, name)[0] == 1.0
