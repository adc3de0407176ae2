"""Posting lists in one flat array."""

import pickle

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from caveat.index.postings import Postings, bound_keys, key_parts, sorted_with_tags


def test_lists_are_sorted_views() -> None:
    postings = Postings.build([(0, ["kim", "jong"]), (1, ["kim"]), (2, ["jong", "un", "jong"])])
    assert postings.get("kim").tolist() == [0, 1]
    assert postings.get("jong").tolist() == [0, 2]  # a repeated token counts once
    assert postings.get("nobody").tolist() == []
    assert postings.count("un") == 1 and "un" in postings and len(postings) == 3
    assert postings.counts() == {"kim": 2, "jong": 2, "un": 1}


@given(st.lists(st.sets(st.sampled_from(["a", "b", "c", "dd", "eee"])), max_size=30))
def test_pickle_round_trip(names: list[set[str]]) -> None:
    postings = Postings.build(enumerate(names))
    loaded = pickle.loads(pickle.dumps(postings))
    for token in ("a", "b", "c", "dd", "eee", "zz"):
        expected = [i for i, tokens in enumerate(names) if token in tokens]
        assert loaded.get(token).tolist() == postings.get(token).tolist() == expected


def test_run_starts() -> None:
    import numpy as np

    from caveat.index.postings import run_starts

    assert run_starts(np.asarray([1, 1, 2, 5, 5, 5], dtype=np.int32)).tolist() == [0, 2, 3]
    assert run_starts(np.asarray([], dtype=np.int32)).tolist() == []


@given(st.lists(st.tuples(st.integers(0, 2**31 - 1), st.integers(0, 2**32 - 1)), max_size=40))
def test_ids_are_sorted_with_their_tags(pairs: list[tuple[int, int]]) -> None:
    import numpy as np

    from caveat.index.postings import sorted_with_tags

    ids = np.asarray([i for i, _ in pairs], dtype=np.int32)
    tags = np.asarray([t for _, t in pairs], dtype=np.int64)
    ordered, tagged = sorted_with_tags(ids, tags)
    assert ordered.dtype == np.int32
    # Equal ids in the order of their tags.
    assert list(zip(ordered.tolist(), tagged.tolist(), strict=True)) == sorted(pairs)


@given(st.lists(st.integers(0, 50), max_size=40))
def test_ids_sorted_without_tags_come_with_a_stable_order(ids: list[int]) -> None:
    array = np.asarray(ids, dtype=np.int32)
    ordered, order = sorted_with_tags(array)
    assert order.tolist() == array.argsort(kind="stable").tolist()
    assert ordered.tolist() == sorted(ids)


bounds = st.floats(0.0, 2.0, width=32)


@given(st.lists(st.tuples(st.integers(0, 2**31 - 1), bounds), max_size=40))
def test_keys_sort_by_value_then_by_bound_from_the_highest(pairs: list[tuple[int, float]]) -> None:
    values = np.asarray([v for v, _ in pairs], dtype=np.int32)
    found = np.asarray([b for _, b in pairs], dtype=np.float32)
    keys = bound_keys(values, found)
    keys.sort()
    ordered, best_first = key_parts(keys)
    assert ordered.dtype == np.int32 and best_first.dtype == np.float32
    got = list(zip(ordered.tolist(), best_first.tolist(), strict=True))
    assert got == sorted(pairs, key=lambda p: (p[0], -p[1]))


def test_a_negative_zero_bound_sorts_as_zero() -> None:
    keys = bound_keys(
        np.asarray([7, 7, 7], dtype=np.int32), np.asarray([-0.0, 0.5, 0.0], dtype=np.float32)
    )
    _, found = key_parts(np.sort(keys))
    assert found.tolist() == [0.5, 0.0, 0.0]


def test_bounds_of_another_width_are_read_as_float32() -> None:
    keys = bound_keys(np.asarray([1, 1], dtype=np.int32), np.asarray([0.25, 0.75]))
    assert key_parts(np.sort(keys))[1].tolist() == [0.75, 0.25]
