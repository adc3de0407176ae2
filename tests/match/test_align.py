"""Part alignment: rarity weights, fused parts, unmatched parts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caveat.match.align import align_parts
from caveat.match.tokens import PartJudge

JUDGE = PartJudge()


def even(_: str) -> float:
    return 1.0


def test_order_does_not_matter() -> None:
    result = align_parts(("ismail", "demir"), ("demir", "ismail"), even, JUDGE, person=True)
    assert result.score == 1.0
    assert result.matched == 2


def test_extra_listed_middle_names_cost_little() -> None:
    result = align_parts(
        ("vladimir", "putin"), ("vladimir", "vladimirovich", "putin"), even, JUDGE, listed_floor=0.7
    )
    assert 0.8 < result.score < 1.0


def test_fused_parts_align_as_one() -> None:
    result = align_parts(("kim", "jongun"), ("kim", "jong", "un"), even, JUDGE, person=True)
    assert result.score > 0.9
    assert any(p.method == "joined" for p in result.parts)


def test_common_parts_weigh_little() -> None:
    def weigh(token: str) -> float:
        return 0.15 if token == "mohammed" else 1.0

    result = align_parts(("mohammed", "smith"), ("mohammed", "alzahrani"), weigh, JUDGE)
    assert result.score < 0.2


def test_numbers_never_match_loosely() -> None:
    result = align_parts(("11420",), ("11421",), even, JUDGE)
    assert result.matched == 0 and result.score == 0.0


tokens = st.lists(st.text("abcdefghij", min_size=1, max_size=8), min_size=1, max_size=4)


@given(tokens, tokens)
def test_score_is_bounded(query: list[str], candidate: list[str]) -> None:
    result = align_parts(query, candidate, even, JUDGE)
    assert 0.0 <= result.score <= 1.0


@given(tokens)
def test_a_name_matches_itself_fully(query: list[str]) -> None:
    assert align_parts(query, query, even, JUDGE).score == 1.0


def test_siblings_in_a_series_are_close() -> None:
    # "Fund III" and "Fund IV" (read as 3 and 4) name two members of one series.
    sibling = align_parts(("kkr", "fund", "3"), ("kkr", "fund", "4"), even, JUDGE)
    assert any(p.method == "series" for p in sibling.parts)
    assert 0.7 < sibling.score < 1.0
    alone = align_parts(("victory",), ("victory", "3"), even, JUDGE)
    assert alone.score < sibling.score


def test_parts_written_as_one_across_several() -> None:
    result = align_parts(
        ("nikolai", "plat", "ono", "vich", "patrushev"),
        ("nikolai", "platonovich", "patrushev"),
        even,
        JUDGE,
        person=True,
    )
    assert result.score > 0.9
    assert any(p.method == "joined" and p.query == "plat ono vich" for p in result.parts)


def test_acronym_of_some_parts_for_organisations() -> None:
    query = ("us", "department", "of", "state")
    listed = ("united", "states", "department", "of", "state")
    result = align_parts(query, listed, even, JUDGE)
    assert any(p.method == "acronym" and p.candidate == "united states" for p in result.parts)
    assert result.score > 0.8
    # People's names do not shrink to the initials of some of their parts.
    person = align_parts(("jd", "smith"), ("john", "david", "smith"), even, JUDGE, person=True)
    assert not any(p.method == "acronym" for p in person.parts)
    # Nor to the initials of all of them: "Shi" is no name of Sergei Hassan Ivan.
    whole = align_parts(("shi",), ("sergei", "hassan", "ivan"), even, JUDGE, person=True)
    assert whole.matched == 0


def test_patronymics_weigh_half() -> None:
    # Sharing "Viktorovich" says less than sharing a given name or a surname.
    result = align_parts(
        ("sergey", "viktorovich", "navros"), ("sergey", "viktorovich", "lavrov"), even, JUDGE
    )
    weights = {p.query: p.weight for p in result.parts}
    assert weights["viktorovich"] == 0.5 * weights["sergey"]


def test_a_listed_name_of_one_part_and_a_particle_is_not_contained() -> None:
    # "Abu Ismail" is one name part beside "abu": inside "Ismail Demir" it proves little.
    result = align_parts(("ismail", "demir"), ("abu", "ismail"), even, JUDGE, person=True)
    assert result.score < 0.7


def test_bin_chains_meet_past_their_first_link() -> None:
    osama = align_parts(
        ("osama", "bin", "laden"),
        ("usama", "bin", "muhammad", "ibn", "awad", "ibn", "ladin"),
        even,
        JUDGE,
        person=True,
    )
    swapped = align_parts(
        ("salman", "bin", "muhammad"), ("muhammad", "bin", "salman"), even, JUDGE, person=True
    )
    assert osama.score > swapped.score
    assert swapped.score < 0.7
