"""Facts kept as one string per entity."""

import pickle

from hypothesis import given
from hypothesis import strategies as st

from caveat.index.facts import FactTable
from caveat.match.evidence import CandidateFacts

codes = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@given(
    st.lists(
        st.builds(
            CandidateFacts,
            st.lists(codes, max_size=3).map(tuple),
            st.frozensets(codes, max_size=3),
            st.frozensets(codes, max_size=3),
            st.frozensets(codes, max_size=3),
            st.frozensets(codes, max_size=3),
        ),
        max_size=20,
    )
)
def test_round_trip(facts: list[CandidateFacts]) -> None:
    table = pickle.loads(pickle.dumps(FactTable(facts)))
    assert [table[i] for i in range(len(facts))] == facts
    assert list(table) == facts
    assert sorted(table.identifiers()) == sorted(
        (i, x) for i, f in enumerate(facts) for x in f.identifiers
    )
