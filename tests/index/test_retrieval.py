"""Retrieval bounds: never below what alignment scores (for parts retrieval finds)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.index import ScreeningIndex
from caveat.index.index import PERSON_FLOOR
from caveat.match.align import align_prepared
from caveat.match.prepared import prepare
from caveat.names.variants import NameVariants
from tests.index.test_index import entity

# Parts alike only to themselves (and "petrov" / "petrova", one slip apart): retrieval
# finds every part alignment can pair.
PARTS = ["ivan", "petrov", "petrova", "sergei", "al", "bin", "hassan", "kim", "zhou"]


def _index(names: list[list[str]]) -> ScreeningIndex:
    people = [entity("t", str(i), "Person", " ".join(n)) for i, n in enumerate(names)]
    return ScreeningIndex(people, NameVariants.empty())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(PARTS), min_size=1, max_size=4, unique=True),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.sampled_from(PARTS), min_size=1, max_size=4),
)
def test_the_bound_is_never_below_the_score(listed: list[list[str]], query: list[str]) -> None:
    index = _index(listed)
    form = prepare(query, index.weight)
    bounds = {c.entity: c.bound for c in index.find([form], schema="Person", needed=0.0)}
    for position in range(len(index)):
        for name in index.names_of(position):
            for candidate in name.forms:
                score = align_prepared(
                    form, candidate, index.judge, person=True, listed_floor=PERSON_FLOOR
                ).score
                if score > 0.0:
                    assert bounds.get(position, 0.0) >= score - 1e-6, (query, candidate.tokens)


def test_names_that_cannot_reach_the_threshold_are_not_returned() -> None:
    index = _index([["ivan", "petrov"], ["ivan", "sergei", "hassan", "kim"]])
    form = prepare(["ivan", "petrov"], index.weight)
    found = index.find([form], schema="Person", needed=0.73)
    assert [index.ids[c.entity] for c in found] == ["t-0"]
    assert np.isclose(found[0].bound, 1.0)
