"""Tests for `caveat.names.variants` and the filtering in `caveat.names.variant_groups`.

The group lines are written here in the format of the Wikidata file, not copied from it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.names.variant_groups import (
    RawGroup,
    TokenGroup,
    VariantPolicy,
    ascii_renderings,
    clean_groups,
    nickname_groups,
    parse_wikidata_line,
)
from caveat.names.variants import NameVariants, build_variants, build_variants_with_stats

LINES = [
    "jacek, γιάτσεκ, яцек, ヤチェク, 亚采克 => Q187837",
    "mohammed, muhammad, mohamed, мухаммед, محمد => Q5837762",
    "vladimir, владимир, włodzimierz, володимир => Q2253934",
    "olga, ольга, ольха, όλγα => Q2150395",
    "jean-pierre, жан-пьер => Q15729570",
    "ahmed, ahmad, ahmet, أحمد => Q207698",
]
NICKNAMES = [("robert", "bob"), ("robert", "rob"), ("robert", "bobby"), ("aaron", "ron")]
NICKNAMES += [("ronald", "ron"), ("ronald", "ronnie")]


@pytest.fixture(scope="module")
def variants() -> NameVariants:
    return build_variants(LINES, NICKNAMES)


def test_cross_script_spellings_are_variants(variants: NameVariants) -> None:
    # "яцек" is rendered to Latin first, so it joins "jacek".
    assert variants.are_variants("jacek", "yatsek")
    assert variants.are_variants("yatsek", "jacek")
    assert variants.are_variants("jacek", "giatsek")
    assert variants.are_variants("vladimir", "wlodzimierz")
    assert variants.are_variants("vladimir", "volodimir")


def test_transliterations_of_muhammad(variants: NameVariants) -> None:
    assert variants.are_variants("mohammed", "muhammad")
    assert variants.are_variants("mohamed", "muhammed")
    assert variants.are_variants("muhammad", "mhmd")  # the Arabic consonant skeleton


def test_nicknames(variants: NameVariants) -> None:
    assert variants.are_variants("robert", "bob")
    assert variants.are_variants("bobby", "rob")
    assert variants.label(min(variants.groups("bob"))) == "nickname:robert"


def test_nickname_groups_do_not_chain(variants: NameVariants) -> None:
    # "ron" is a nickname of both, which does not make aaron a variant of ronald.
    assert variants.are_variants("ron", "aaron")
    assert variants.are_variants("ron", "ronald")
    assert not variants.are_variants("aaron", "ronald")
    assert len(variants.groups("ron")) == 2


def test_different_names_are_not_variants(variants: NameVariants) -> None:
    assert "olga" in variants and "vladimir" in variants
    assert not variants.are_variants("vladimir", "olga")
    assert not variants.are_variants("jacek", "mohammed")
    assert not variants.are_variants("ahmed", "muhammad")


def test_unknown_tokens_are_not_variants(variants: NameVariants) -> None:
    assert not variants.are_variants("jacek", "smith")
    assert not variants.are_variants("smith", "smith")
    assert variants.groups("smith") == frozenset()
    assert "smith" not in variants
    assert "jacek" in variants


def test_han_transcriptions_are_kept_and_single_characters_skipped(
    variants: NameVariants,
) -> None:
    # 亚采克 spells Jacek for Chinese readers; its syllables alone are no names.
    assert variants.are_variants("yacaike", "jacek")
    assert "cai" not in variants
    assert "yacheku" in variants  # katakana is kept
    one_char = build_variants(["hiroshi, hirosi, 浩 => Q1"], [])
    assert "hao" not in one_char
    assert one_char.are_variants("hiroshi", "hirosi")


def test_han_transcriptions_do_not_make_a_latin_spelling_a_homograph() -> None:
    # "mary" has 3 Latin neighbours and 60 Han ones: it is no homograph; each Han
    # transcription is capped on all of its neighbours.
    han = [chr(0x4E00 + 2 * i) + chr(0x4E01 + 2 * i) for i in range(60)]
    lines = [f"mary, marie, maria, mariya, {', '.join(han)} => Q1"]
    variants, stats = build_variants_with_stats(lines, [])
    assert variants.are_variants("mary", "marie")
    assert "mary" not in stats.capped_tokens
    assert stats.capped_tokens != []


def test_multiword_spellings_become_one_token(variants: NameVariants) -> None:
    assert not variants.are_variants("jean", "pierre")
    assert variants.are_variants("jeanpierre", "zhanper")


def test_labels_give_provenance(variants: NameVariants) -> None:
    (group,) = variants.groups("yatsek")
    assert variants.label(group) == "Q187837"
    assert variants.group_count == 9


def test_empty() -> None:
    empty = NameVariants.empty()
    assert len(empty) == 0
    assert empty.group_count == 0
    assert not empty.are_variants("jacek", "yatsek")
    assert empty.groups("jacek") == frozenset()
    again = NameVariants.from_bytes(empty.to_bytes())
    assert len(again) == 0
    assert again.digest() == empty.digest()


def test_round_trip_of_real_groups(variants: NameVariants) -> None:
    data = variants.to_bytes()
    again = NameVariants.from_bytes(data)
    assert again.to_bytes() == data
    assert again.digest() == variants.digest()
    assert again.are_variants("jacek", "yatsek")
    assert again.groups("ron") == variants.groups("ron")


def test_from_bytes_rejects_other_data() -> None:
    data = NameVariants.empty().to_bytes()
    with pytest.raises(ValueError, match="too short"):
        NameVariants.from_bytes(b"CV")
    with pytest.raises(ValueError, match="bad magic"):
        NameVariants.from_bytes(b"XXXX" + data[4:])
    with pytest.raises(ValueError, match="version"):
        NameVariants.from_bytes(data[:4] + b"\x63\x00" + data[6:])
    with pytest.raises(ValueError, match="corrupt"):
        NameVariants.from_bytes(data[:-3])


def test_parse_wikidata_line() -> None:
    group = parse_wikidata_line("illes, illés, илеш => Q179033\n")
    assert group == RawGroup("Q179033", ("illes", "illés", "илеш"))
    assert parse_wikidata_line("") is None
    assert parse_wikidata_line("no arrow here") is None
    assert parse_wikidata_line(" => Q1") is None


def test_nickname_groups_are_stars() -> None:
    groups = nickname_groups([("robert", "bob"), ("robert", "rob"), ("ronald", "ron")])
    assert groups == [
        RawGroup("nickname:robert", ("robert", "bob", "rob")),
        RawGroup("nickname:ronald", ("ronald", "ron")),
    ]


def test_ascii_renderings() -> None:
    assert ascii_renderings("Яцек") == ("yatsek",)
    assert ascii_renderings("İsmail Demir") == ("ismail demir",)
    assert ascii_renderings("O'Brien") == ("o brien",)
    assert ascii_renderings("---") == ()


def test_short_tokens_particles_and_descriptors_are_dropped() -> None:
    lines = [
        "al, el, ali, aly => Q1",
        "bin, ben, bn => Q2",
        "dunn, dunn surname, данн => Q3",
    ]
    variants, stats = build_variants_with_stats(lines)
    assert "al" not in variants and "el" not in variants
    assert variants.are_variants("ali", "aly")
    assert "bin" not in variants
    assert "dunnsurname" not in variants
    assert variants.are_variants("dunn", "dann")
    assert stats.particle_tokens == 1
    assert stats.descriptor_strings == 1


def test_mega_groups_are_dropped() -> None:
    raw = [RawGroup("Q1", ("anna", "anne", "ana", "ann")), RawGroup("Q2", ("olga", "olha"))]
    groups, stats = clean_groups(raw, policy=VariantPolicy(max_group_size=3))
    assert [g.label for g in groups] == ["Q2"]
    assert stats.mega_groups == 1


def test_tokens_with_too_many_neighbours_are_dropped() -> None:
    # "kou" would be a variant of six tokens through three unrelated groups.
    raw = [
        RawGroup("Q1", ("kou", "hiroshi", "hirosi")),
        RawGroup("Q2", ("kou", "kouji", "koji")),
        RawGroup("Q3", ("kou", "kyou", "kyo")),
    ]
    policy = VariantPolicy(max_neighbours_short=5)
    groups, stats = clean_groups(raw, policy=policy)
    assert stats.capped_tokens == ["kou"]
    assert all("kou" not in g.tokens for g in groups)
    assert len(groups) == 3
    groups, stats = clean_groups(raw, policy=VariantPolicy(max_neighbours_short=6))
    assert stats.capped_tokens == []


def test_redundant_groups_are_dropped() -> None:
    raw = [
        RawGroup("Q1", ("hiroshi", "hirosi", "hiroschi")),
        RawGroup("Q2", ("hiroshi", "hirosi")),
        RawGroup("Q3", ("hirosi", "hiroshi")),
        RawGroup("Q4", ("tadashi",)),
    ]
    groups, stats = clean_groups(raw)
    assert [g.label for g in groups] == ["Q1"]
    assert (stats.duplicate_groups, stats.subset_groups, stats.singleton_groups) == (1, 1, 1)


def test_renderer_is_a_parameter() -> None:
    def two_readings(text: str) -> list[str]:
        return [text.lower(), text.lower() + "o"]

    variants = build_variants(["Ivan => Q1"], render=two_readings)
    assert variants.are_variants("ivan", "ivano")


TOKENS = st.text(alphabet="abcdefgh", min_size=3, max_size=6)
GROUPS = st.lists(st.frozensets(TOKENS, min_size=2, max_size=5), max_size=12)


@given(GROUPS)
@settings(max_examples=150)
def test_round_trip_preserves_every_group(token_sets: list[frozenset[str]]) -> None:
    groups = [TokenGroup(f"Q{i}", tokens) for i, tokens in enumerate(token_sets)]
    variants = NameVariants.from_groups(groups)
    again = NameVariants.from_bytes(variants.to_bytes())
    tokens = sorted({t for g in groups for t in g.tokens})
    assert len(again) == len(tokens)
    for token in tokens:
        expected = frozenset(i for i, g in enumerate(groups) if token in g.tokens)
        assert again.groups(token) == expected
    for a in tokens[:8]:
        for b in tokens[:8]:
            shared = any(a in g.tokens and b in g.tokens for g in groups)
            assert again.are_variants(a, b) is shared
            assert again.are_variants(b, a) is shared
    assert [again.label(i) for i in range(again.group_count)] == [g.label for g in groups]


NAMES = st.lists(st.text(min_size=1, max_size=15).filter(lambda s: "," not in s), max_size=6)


@given(st.lists(NAMES, max_size=8), st.lists(st.text(max_size=30), max_size=3))
@settings(max_examples=100)
def test_build_never_raises_and_keeps_only_ascii_letters(
    groups: list[list[str]], junk: list[str]
) -> None:
    lines = [", ".join(names) + f" => Q{i}" for i, names in enumerate(groups)] + junk
    variants = build_variants(lines)
    for token in variants:
        assert token.isascii() and token.isalpha() and token.islower() and len(token) >= 3
    again = NameVariants.from_bytes(variants.to_bytes())
    assert sorted(again) == sorted(variants)
