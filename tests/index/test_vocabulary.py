"""Looking up the listed parts near a query part."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.index import vocabulary as vocabulary_module
from caveat.index.vocabulary import FUZZY_MIN, GRAM_MIN, GRAM_SLIPS, GRAMS_PER_SLIP, Vocabulary
from caveat.match.tokens import PartJudge, fuzzy_similarity
from caveat.names.variants import NameVariants

LETTERS = "abdehiklmnorsz"
ENDING = "zadeh"


def _vocabulary(parts: list[str]) -> Vocabulary:
    return Vocabulary({p: 1 for p in parts}, len(parts), NameVariants.empty())


def _kept(vocabulary: Vocabulary, token: str, part: str) -> bool:
    """Whether `expand` keeps a part it meets: as the judge and the spelling rule say."""
    judged, _ = vocabulary.judge.similarity(token, part)
    return judged > 0.0 and max(judged, fuzzy_similarity(token, part)) >= FUZZY_MIN


def _trigrams(token: str) -> set[str]:
    return {token[i : i + 3] for i in range(len(token) - 2)}


def test_a_common_ending_finds_the_spelling_and_not_every_name_that_shares_it() -> None:
    others = [
        f"{head}{ENDING}" for head in ("mohammad", "hossein", "abbas", "mehdi", "karim", "jafar")
    ]
    vocabulary = _vocabulary(["alizadeh", *others])
    found = dict(vocabulary.expand("alizadehh"))
    assert "alizadeh" in found
    assert set(found) == {p for p in ["alizadeh", *others] if _kept(vocabulary, "alizadehh", p)}
    assert "mohammadzadeh" not in found


def _slipped(letters: str) -> st.SearchStrategy[list[tuple[int, str, str]]]:
    """Up to three slips of a part: where, which letter, and substituted, deleted or
    inserted."""
    return st.lists(
        st.tuples(st.integers(0, 20), st.sampled_from(letters), st.sampled_from("sdi")),
        min_size=1,
        max_size=3,
    )


def _slip(token: str, edits: list[tuple[int, str, str]]) -> str:
    for at, letter, kind in edits:
        at %= len(token)
        if kind == "s":
            token = token[:at] + letter + token[at + 1 :]
        elif kind == "d" and len(token) > 1:
            token = token[:at] + token[at + 1 :]
        else:
            token = token[:at] + letter + token[at:]
    return token


@settings(max_examples=150, deadline=None)
@given(
    stem=st.text(LETTERS, min_size=3, max_size=8),
    heads=st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=30),
    slips=st.lists(_slipped(LETTERS), min_size=1, max_size=6),
)
def test_every_long_part_sharing_the_trigrams_and_spelt_alike_is_found(
    stem: str, heads: list[str], slips: list[list[tuple[int, str, str]]]
) -> None:
    token = stem + ENDING
    parts = sorted({h + ENDING for h in heads} | {_slip(token, s) for s in slips})
    vocabulary = _vocabulary(parts)
    found = dict(vocabulary.expand(token))
    grams = _trigrams(token)
    least = max(len(grams) - GRAMS_PER_SLIP * GRAM_SLIPS, (len(grams) + 1) // 2, 1)
    for part in parts:
        reachable = len(part) >= GRAM_MIN and len(grams & _trigrams(part)) >= least
        if reachable and _kept(vocabulary, token, part):
            assert part in found, part


class _KeysUnknown(PartJudge):
    """A judge that works out every key and spelling itself, pair by pair, as
    alignment's judgements do."""

    def similarities(
        self, a: str, others: Sequence[str], spelt: Sequence[float], **options: Any
    ) -> list[float]:
        options.pop("keys")
        return [self.similarity(a, b, **options)[0] for b in others]


# Letters that phonetic keys, skeletons and retyping keys fold together.
SOUNDING = "abcdhikmnopstuvwxyz"


@settings(max_examples=300, deadline=None)
@given(
    token=st.text(SOUNDING, min_size=2, max_size=9),
    slips=st.lists(_slipped(SOUNDING), min_size=1, max_size=30),
    others=st.lists(st.text(SOUNDING, min_size=1, max_size=9), max_size=10),
    abjad=st.booleans(),
    retyped=st.sampled_from(["", "Greek", "Cyrillic"]),
)
def test_the_keys_the_lookups_know_change_no_expansion(
    token: str,
    slips: list[list[tuple[int, str, str]]],
    others: list[str],
    abjad: bool,
    retyped: str,
) -> None:
    parts = sorted({_slip(token, s) for s in slips} | set(others))
    told = _vocabulary(parts)
    working_out = _vocabulary(parts)
    working_out.judge = _KeysUnknown()
    expected = working_out.expand(token, abjad, retyped)
    assert told.expand(token, abjad, retyped) == expected


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(st.text(SOUNDING, min_size=1, max_size=8), min_size=1, max_size=30),
    common=st.integers(1, 4),
)
def test_expansions_kept_at_build_are_those_worked_out_at_query_time(
    parts: list[str], common: int
) -> None:
    # Counts from 1 to 4: the parts held by at least ``common`` names are kept.
    counts = {p: 1 + i % 4 for i, p in enumerate(dict.fromkeys(parts))}
    with patch.object(vocabulary_module, "KEPT_EXPANSION_MIN", common):
        built = Vocabulary(counts, len(counts), NameVariants.empty())
    assert set(built._kept_near) == {p for p, n in counts.items() if n >= common}
    loaded = pickle.loads(pickle.dumps(built))
    loaded.judge = PartJudge(NameVariants.empty())
    fresh = Vocabulary(counts, len(counts), NameVariants.empty())
    for token in [*counts, *(p + "a" for p in counts)]:
        expected = dict(fresh.expand(token))
        assert dict(built.expand(token)) == expected
        assert dict(loaded.expand(token)) == expected
        # Read as written or retyped alike, as before.
        assert built.expand(token, False, "Greek") == fresh.expand(token, False, "Greek")
