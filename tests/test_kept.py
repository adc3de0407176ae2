from hypothesis import given
from hypothesis import strategies as st

from caveat.kept import Kept


def test_a_full_map_lets_go_of_what_it_took_in_longest_ago() -> None:
    kept: Kept[str, int] = Kept(4)
    for i, key in enumerate("abcd"):
        kept.put(key, i)
    kept.put("e", 4)
    assert "a" not in kept
    assert [kept.get(k) for k in "bcde"] == [1, 2, 3, 4]
    assert kept.get("a") is None


def test_sizes_add_up_to_the_budget() -> None:
    kept: Kept[str, list[int]] = Kept(100, len, budget=10)
    kept.put("a", [0] * 6)
    kept.put("b", [0] * 6)  # over budget now: the next put lets "a" go
    kept.put("c", [0] * 2)
    assert "a" not in kept and "b" in kept and "c" in kept
    kept.put("b", [0])  # replacing a value counts its new size only
    kept.put("d", [0] * 6)
    assert len(kept) == 3


@given(st.lists(st.tuples(st.integers(0, 30), st.booleans()), max_size=300))
def test_never_more_than_the_limit_and_the_last_kept_stays(steps: list[tuple[int, bool]]) -> None:
    kept: Kept[int, int] = Kept(8)
    model: dict[int, int] = {}
    for key, read in steps:
        if read:
            found = kept.get(key)
            assert found is None or found == model[key]
        else:
            kept.put(key, key * 2)
            model[key] = key * 2
        assert len(kept) <= 8
        if not read:
            assert kept.get(key) == model[key]
