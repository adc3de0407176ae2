"""Retrieval bounds: never below what alignment scores (for parts retrieval finds)."""

from unittest.mock import patch

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from caveat.index import ScreeningIndex, retrieval
from caveat.index import index as index_module
from caveat.index.retrieval import letter_bits, repeated_bits
from caveat.match.names import LEGAL_FORM_CONFLICT, compare_forms
from caveat.match.prepared import PARTICLES, PreparedName, prepare, prepare_form
from caveat.names import analyze_name
from caveat.names.variants import NameVariants
from tests.index.test_index import entity

# Parts alike only to themselves (and "petrov" / "petrova", one slip apart; "xi" and its
# by-ear spelling "shi"; Korean "eun" and "un"): retrieval finds every part alignment
# can pair.
PARTS = [
    "ivan", "petrov", "petrova", "sergei", "al", "bin", "hassan", "kim", "zhou", "i", "p",
    "xi", "shi", "eun", "un", "1", "2",
]  # fmt: skip


# Lists of people's names and query names.
LISTS = st.lists(
    st.lists(st.sampled_from(PARTS), min_size=1, max_size=4),
    min_size=1,
    max_size=12,
)
QUERIES = st.lists(st.sampled_from(PARTS), min_size=1, max_size=4)


def _index(names: list[list[str]], schema: str = "Person") -> ScreeningIndex:
    people = [entity("t", str(i), schema, " ".join(n)) for i, n in enumerate(names)]
    return ScreeningIndex(people, NameVariants.empty())


@settings(max_examples=100, deadline=None)
@given(LISTS, QUERIES)
# Two query initials of one letter meet two listed parts that begin with it.
@example([["ivan", "i", "petrov"], ["ivan", "sergei"]], ["i", "i", "petrov"])
# A query part spelling a person's initials meets nothing (retrieval never looks).
@example([["sergei", "hassan", "ivan"]], ["shi"])
# A run of parts held twice meets a part the listed name holds twice.
@example([["abu", "daoud", "kamal", "daoud"]], ["abu", "da", "oud", "kamal", "da", "oud"])
# Two query parts, one a slip of the other, meet a part the listed name holds twice.
@example([["petrov", "ivan", "petrov"]], ["petrov", "ivan", "petrova"])
# Two numbers of a series meet ("xi" is a Roman numeral).
@example([["ivan", "1"]], ["ivan", "xi"])
# An initial and another number of a series only: retrieval does not look.
@example([["ivan", "1"]], ["i", "xi"])
# A query part meets a listed initial ("KIM, P." and "petrov").
@example([["kim", "p"], ["hassan"]], ["kim", "petrov"])
def test_the_bound_is_never_below_the_score(listed: list[list[str]], query: list[str]) -> None:
    _check_person_bounds(listed, query, "Person")


@settings(max_examples=60, deadline=None)
@given(LISTS, QUERIES)
# "Li" against a listed "Jin Ping Li" of no known type: a person's floor either way.
@example([["xi", "ivan", "zhou"]], ["zhou"])
def test_a_person_query_is_bounded_as_a_person_against_any_listed_name(
    listed: list[list[str]], query: list[str]
) -> None:
    # The trade list gives no type: its people are legal entities, aligned as people
    # with a person's query.
    _check_person_bounds(listed, query, "LegalEntity")


def _check_person_bounds(listed: list[list[str]], query: list[str], schema: str) -> None:
    """A person's query against listed names of ``schema``."""
    index = _index(listed, schema)
    form = prepare(query, index.weight)
    # The looser first bound too (initials, numbers of a series), which only large lists
    # of names found reach.
    with patch.object(retrieval, "HOPEFUL_ABOVE", 0):
        found = index.find([form], schema="Person", needed=0.0)
        bounds = {c.entity: c.bound for c in found}
    for position in range(len(index)):
        for name in index.names_of(position):
            for candidate in name.forms:
                scored = compare_forms([form], [candidate], index.judge, person=True)
                if scored is None:
                    continue
                # Names met only through initials, or through another number of a
                # series, are not looked for.
                spelt = any(
                    p.method not in ("initial", "unmatched", "series")
                    and p.query is not None
                    and p.query not in PARTICLES
                    and len(p.query) > 1
                    for p in scored.alignment.parts
                )
                if spelt:
                    assert bounds.get(position, 0.0) >= scored.score - 1e-6, (query, name.text)


COMPANY_PARTS = ["abaim", "shipping", "trading", "acme", "nord", "1"]
LEGAL = ["", "LLC", "Ltd", "GmbH", "AG", "OOO", "Pty Ltd", "LLP"]
COMPANIES = st.tuples(
    st.lists(st.sampled_from(COMPANY_PARTS), min_size=1, max_size=3), st.sampled_from(LEGAL)
)


@settings(max_examples=150, deadline=None)
@given(st.lists(COMPANIES, min_size=1, max_size=8), COMPANIES, st.sampled_from([0.0, 0.5, 0.7]))
# A part the query holds twice finds, alone, a name wholly inside the query.
@example([(["shipping", "shipping"], "")], (["abaim", "shipping", "shipping"], ""), 0.5)
def test_a_company_bound_counts_its_legal_form_and_stays_above_the_score(
    listed: list[tuple[list[str], str]], query: tuple[list[str], str], needed: float
) -> None:
    companies = [
        entity("t", str(i), "Company", " ".join([*parts, legal]))
        for i, (parts, legal) in enumerate(listed)
    ]
    index = ScreeningIndex(companies, NameVariants.empty())
    forms = [
        prepare_form(f, index.weight)
        for f in analyze_name(" ".join([*query[0], query[1]]), is_org=True)
    ]
    # The looser first bound too, which only large lists of names found reach.
    with patch.object(retrieval, "HOPEFUL_ABOVE", 0):
        found = index.find(forms, schema="Company", needed=needed)
        bounds = {c.entity: c.bound for c in found}
    for position in range(len(index)):
        for name in index.names_of(position):
            scored = compare_forms(forms, name.forms, index.judge, person=False)
            if scored is not None and scored.score > needed + 1e-6:
                assert bounds.get(position, 0.0) >= scored.score - 1e-6, name.text


def test_a_company_of_another_legal_form_is_bounded_below_one_of_the_same() -> None:
    index = ScreeningIndex(
        [
            entity("t", "oy", "Company", "Abaimgramex Shipping Oy"),
            entity("t", "ltd", "Company", "Abaimgramex Shipping Limited"),
        ],
        NameVariants.empty(),
    )
    forms = [
        prepare_form(f, index.weight)
        for f in analyze_name("Abaimgramex Shipping Pty Ltd", is_org=True)
    ]
    bounds = {index.ids[c.entity]: c.bound for c in index.find(forms, needed=0.0)}
    assert bounds["t-ltd"] == 1.0
    assert bounds["t-oy"] <= LEGAL_FORM_CONFLICT


def test_names_that_cannot_reach_the_threshold_are_not_returned() -> None:
    index = _index([["ivan", "petrov"], ["ivan", "sergei", "hassan", "kim"]])
    form = prepare(["ivan", "petrov"], index.weight)
    found = list(index.find([form], schema="Person", needed=0.73))
    assert [index.ids[c.entity] for c in found] == ["t-0"]
    assert np.isclose(found[0].bound, 1.0)


NEEDED = st.sampled_from([0.0, 0.5, 0.73, 0.9])


@settings(max_examples=100, deadline=None)
@given(LISTS, st.lists(st.tuples(QUERIES, NEEDED), min_size=1, max_size=4), NEEDED)
def test_kept_gains_and_names_change_nothing(
    listed: list[list[str]], queries: list[tuple[list[str], float]], again: float
) -> None:
    # The index keeps each unit's gains and each rendering's names for the next query,
    # which may ask for another bound: answers stay the same.
    fresh = _index(listed)
    warm = _index(listed)
    for query, needed in [*queries, *((q, again) for q, _ in queries), *queries]:
        form = prepare(query, fresh.weight)
        expected = [(c.entity, c.bound) for c in fresh.find([form], needed=needed)]
        fresh.clear_caches()
        form = prepare(query, warm.weight)
        found = [(c.entity, c.bound) for c in warm.find([form], needed=needed)]
        assert found == expected


@settings(max_examples=200, deadline=None)
@given(LISTS, QUERIES, st.sampled_from([0.3, 0.5, 0.6, 0.73, 0.8, 0.9]))
# A listed initial meets a query part no posting list shares ("KIM, P." and "petrov").
@example([["kim", "p"], ["kim", "zhou"], ["petrov", "ivan"]], ["kim", "petrov"], 0.73)
# A part held twice in the query may meet a name on its own ("hassan hassan").
@example([["hassan", "kim"], ["hassan", "sergei"]], ["ivan", "hassan", "hassan"], 0.6)
def test_cutting_common_parts_to_their_company_changes_nothing(
    listed: list[list[str]], query: list[str], needed: float
) -> None:
    # On a large index a unit that cannot lift a name alone keeps only the names
    # another unit finds too; forced on for every index here, it must find the same.
    index = _index(listed)
    form = prepare(query, index.weight)
    always = _found_with(index, form, needed, COMPANY_ABOVE=-1)
    assert always == _found_with(index, form, needed, COMPANY_ABOVE=10**9)


@settings(max_examples=100, deadline=None)
@given(LISTS, QUERIES, NEEDED)
def test_merging_or_searching_the_names_two_units_share_finds_the_same(
    listed: list[list[str]], query: list[str], needed: float
) -> None:
    index = _index(listed)
    form = prepare(query, index.weight)
    searched = _found_with(index, form, needed, MERGE_SHARE=0)
    assert searched == _found_with(index, form, needed, MERGE_SHARE=10**9)


@settings(max_examples=100, deadline=None)
@given(LISTS, st.lists(QUERIES, min_size=1, max_size=3), NEEDED)
def test_candidates_come_in_one_order_however_they_are_sorted(
    listed: list[list[str]], queries: list[list[str]], needed: float
) -> None:
    # Lexsorts for a few names, packed keys for many: the same entities, bounds and
    # names, in the same order.
    index = _index(listed)
    forms = [prepare(q, index.weight) for q in queries]

    def found(above: int) -> list[tuple[int, float, tuple[tuple[int, float], ...]]]:
        with patch.object(index_module, "PACKED_SORT_ABOVE", above):
            return [(c.entity, c.bound, c.names) for c in index.find(forms, needed=needed)]

    assert found(0) == found(10**9)


def _found_with(
    index: ScreeningIndex, form: PreparedName, needed: float, **constants: int
) -> list[tuple[int, float]]:
    """The entities and bounds the index finds, with some of retrieval's constants set."""
    with patch.multiple(retrieval, **constants):
        return [(c.entity, c.bound) for c in index.find([form], needed=needed)]


# Units' names (sorted ids, each once) and gains, as `unit_gains` gives them.
UNIT_GAINS = st.lists(
    st.dictionaries(st.integers(0, 40), st.floats(0.0, 1.0, width=32), max_size=25),
    min_size=1,
    max_size=4,
)


@given(UNIT_GAINS, UNIT_GAINS)
def test_each_name_gains_what_every_unit_that_found_it_gives(
    walked: list[dict[int, float]], probing: list[dict[int, float]]
) -> None:
    def arrays(gains: dict[int, float]) -> retrieval.UnitGains:
        ids = np.asarray(sorted(gains), dtype=np.int32)
        rows = [[gains[i], 2 * gains[i], 1.0, 0.5] for i in sorted(gains)]
        return ids, np.asarray(rows, dtype=np.float32).reshape(-1, 4)

    ids, gains = retrieval._combine([arrays(g) for g in walked], [arrays(g) for g in probing])
    opened = set().union(*walked)
    assert ids.tolist() == sorted(opened)
    for name_id, row in zip(ids.tolist(), gains.tolist(), strict=True):
        held = [g[name_id] for g in (*walked, *probing) if name_id in g]
        expected = [sum(held), 2 * sum(held), float(len(held)), 0.5 * len(held)]
        assert np.allclose(row, expected, atol=1e-5)


def test_letters_that_begin_two_parts() -> None:
    assert repeated_bits(["ivan", "igor", "petrov"]) == letter_bits(["i"])
    assert repeated_bits(["ivan", "i", "pavel", "petrov"]) == letter_bits(["i", "p"])
    assert repeated_bits(["ivan", "petrov"]) == 0
