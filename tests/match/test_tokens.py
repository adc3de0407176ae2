"""Judging two name parts: variants, distinct known names, edit distance."""

from hypothesis import given
from hypothesis import strategies as st

from caveat.match.tokens import UNKNOWN_KEYS, PartJudge, fuzzy_similarities, fuzzy_similarity
from caveat.names.variant_groups import TokenGroup
from caveat.names.variants import NameVariants

VARIANTS = NameVariants.from_groups(
    [
        TokenGroup("Q1", frozenset({"olga", "olha", "olya"})),
        TokenGroup("Q2", frozenset({"oleg", "oleh", "aleg"})),
        TokenGroup("Q3", frozenset({"scholz", "scholtz"})),
        TokenGroup("Q4", frozenset({"schulze", "schultze"})),
    ]
)
JUDGE = PartJudge(VARIANTS)


def test_variants_of_one_name() -> None:
    assert JUDGE.similarity("olga", "olha") == (0.92, "variant")


def test_two_known_names_are_not_typos_of_each_other() -> None:
    # "Olga" and "Oleg" are both names, two letters apart: another person.
    distinct, method = JUDGE.similarity("olga", "oleg")
    plain, _ = PartJudge().similarity("olga", "oleg")
    assert method in ("distinct names", "unmatched") and distinct < plain
    schulze, _ = JUDGE.similarity("schulze", "scholz")
    assert schulze < PartJudge().similarity("schulze", "scholz")[0]


def test_a_typo_of_a_known_name_is_still_a_typo() -> None:
    # "Scholze" is no known name: one slip from "Scholz".
    similarity, method = JUDGE.similarity("scholze", "scholz")
    assert method == "fuzzy" and similarity > 0.75


def test_numbers_are_never_alike_by_spelling() -> None:
    assert JUDGE.similarity("11420", "11421") == (0.0, "unmatched")


def test_swapped_neighbours_are_one_slip() -> None:
    assert fuzzy_similarity("mokran", "morkan") == fuzzy_similarity("mokran", "mokrab")
    assert fuzzy_similarity("hamad", "ahmad") == 0.8  # no first-letter cost for a swap


def test_the_same_letters_in_another_order_are_a_disguise() -> None:
    assert JUDGE.similarity("nitpu", "putin") == (0.8, "anagram")
    assert JUDGE.similarity("rimaldiv", "vladimir")[1] == "anagram"
    assert JUDGE.similarity("ivan", "vian")[1] != "anagram"  # too short to tell


def test_parts_written_in_greek_or_cyrillic_meet_by_their_retyping_key() -> None:
    judge = PartJudge()
    assert judge.similarity("limitent", "limited", retyped="Greek") == (0.88, "retyped")
    assert judge.similarity("limitent", "limited")[1] != "retyped"
    assert judge.similarity("kobani", "company", retyped="Greek") == (0.88, "retyped")
    assert judge.similarity("kobani", "company") == (0.0, "unmatched")
    # Cyrillic writes "c" and "k" alike, but not "nt" and "d": Антон is no "Adon".
    assert judge.similarity("kar", "car", retyped="Cyrillic") == (0.88, "retyped")
    assert judge.similarity("anton", "adon", retyped="Cyrillic")[1] != "retyped"
    # Two-letter parts meet only parts as long: the key folds doubled letters.
    assert judge.similarity("iu", "yu", retyped="Greek") == (0.88, "retyped")  # Ιου
    assert judge.similarity("le", "lee", retyped="Cyrillic")[1] != "retyped"  # Ле


# Few letters, so that many pairs are a slip or two apart.
PARTS = st.text(alphabet="abk1", min_size=1, max_size=6) | st.sampled_from(["olga", "oleg"])


@given(PARTS, st.lists(PARTS, max_size=6))
def test_one_part_judged_against_many_is_judged_as_pair_by_pair(
    part: str, others: list[str]
) -> None:
    spelt = fuzzy_similarities(part, others)
    assert spelt == [fuzzy_similarity(part, other) for other in others]
    judged = PartJudge(VARIANTS).similarities(
        part, others, spelt, keys=[UNKNOWN_KEYS] * len(others)
    )
    assert judged == [PartJudge(VARIANTS).similarity(part, other)[0] for other in others]
