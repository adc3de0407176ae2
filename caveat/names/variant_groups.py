"""Raw name-variant groups in, clean token groups out: the filtering behind `NameVariants`.

The Wikidata groups hold many spellings of one given name or surname in many scripts.
Read naively they do harm: Chinese readings split into syllables ("亚采克" gives "ya",
"cai", "ke"), Mandarin readings of Japanese kanji names tie "hao" to "hiroshi", short
East Asian syllables ("kou", "chen", "jan") end up equivalent to a hundred other tokens,
and a few groups are not names at all ("Arabic name" in 60 languages). Each step below
removes one of these; `GroupStats` counts what each step removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rigour.text.translit import ascii_text

__all__ = [
    "DEFAULT_PARTICLES",
    "GroupStats",
    "RawGroup",
    "Renderer",
    "TokenGroup",
    "VariantPolicy",
    "ascii_renderings",
    "clean_groups",
    "nickname_groups",
    "parse_wikidata_line",
]

Renderer = Callable[[str], Iterable[str]]
"""Renders one variant string to its Latin renderings, each a space-separated token string."""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Wikidata labels that describe rather than spell a name: "dunn surname", "hunter given name".
_DESCRIPTOR = re.compile(r"\b(?:name|names|surname|familyname|givenname|firstname|lastname)\b")
# CJK ideographs (with extensions and compatibility forms) and Bopomofo.
_HAN = re.compile(
    "[\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)

DEFAULT_PARTICLES = frozenset(
    {
        # Arabic, Hebrew and Berber kinship or article particles, as whole tokens, and
        # "abd" (servant of), which begins a name rather than being one.
        "abu", "ibn", "bin", "bint", "binti", "ould", "ait", "abd",
        # Dutch, German, Romance and Portuguese nobiliary or locative particles.
        "van", "von", "der", "den", "ter", "ten", "del", "dela", "della", "degli", "dos", "das",
    }
)  # fmt: skip
"""Name particles that must never become variants of a given name or surname."""


def ascii_renderings(text: str) -> tuple[str, ...]:
    """The fallback renderer: rigour's `ascii_text`, lowercased, non-alphanumerics to spaces.

    Args:
        text: One variant string in any script.
    """
    latin = _NON_ALNUM.sub(" ", ascii_text(text).lower()).strip()
    return (latin,) if latin != "" else ()


@dataclass(frozen=True, slots=True)
class VariantPolicy:
    """The filtering thresholds; the defaults are argued for in `caveat.knowledge`.

    Attributes:
        min_length: Shortest token kept ("al", "el" and initials are never variants).
        max_length: Longest token kept; longer joined renderings are never typed by anyone.
        max_group_size: Groups with more distinct tokens are dropped as not being one name.
        short_length: Tokens up to this length count as short.
        max_neighbours_short: A short token equivalent to more tokens than this is dropped.
        max_neighbours: The same cap for longer tokens.
        han_min_chars: Skip variant strings written with fewer Han characters than
            this (the Mandarin readings of short kanji and Chinese names are single
            syllables shared by hundreds of names); longer ones are transcriptions of
            foreign names ("弗拉基米尔", "fulajimier" for Vladimir).
        particles: Tokens never kept, e.g. "bin" or "van".
    """

    min_length: int = 3
    max_length: int = 30
    max_group_size: int = 50
    short_length: int = 4
    max_neighbours_short: int = 50
    max_neighbours: int = 100
    han_min_chars: int = 2
    particles: frozenset[str] = DEFAULT_PARTICLES


@dataclass(frozen=True, slots=True)
class RawGroup:
    """One group as read: its provenance label (e.g. "Q187837") and its variant strings."""

    label: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TokenGroup:
    """One clean group: its label and its distinct ASCII tokens (at least two)."""

    label: str
    tokens: frozenset[str]


@dataclass(slots=True)
class GroupStats:
    """How many groups, strings and tokens each filtering step saw or removed."""

    raw_groups: int = 0
    variant_strings: int = 0
    skipped_han: int = 0
    unrendered: int = 0
    rejected_tokens: int = 0
    descriptor_strings: int = 0
    particle_tokens: int = 0
    mega_groups: int = 0
    capped_tokens: list[str] = field(default_factory=list)
    singleton_groups: int = 0
    duplicate_groups: int = 0
    subset_groups: int = 0
    groups: int = 0
    tokens: int = 0
    memberships: int = 0


def parse_wikidata_line(line: str) -> RawGroup | None:
    """Parse ``variant, variant, … => Q<id>``; `None` for blank or malformed lines.

    Args:
        line: One line of the Wikidata name-variant file.
    """
    left, sep, label = line.strip().rpartition("=>")
    names = tuple(n.strip() for n in left.split(",") if n.strip() != "")
    if sep == "" or len(names) == 0:
        return None
    return RawGroup(label=label.strip(), names=names)


def nickname_groups(pairs: Iterable[tuple[str, str]]) -> list[RawGroup]:
    """One group per formal name with all its nicknames: {robert, bob, rob, bobby, ...}.

    Groups are star-shaped on purpose: "ron" shares a group with "aaron" and another with
    "ronald", which does not make "aaron" a variant of "ronald".

    Args:
        pairs: (name, nickname) pairs, e.g. ("robert", "bob").
    """
    by_name: dict[str, list[str]] = {}
    for name, nickname in pairs:
        by_name.setdefault(name.strip(), [name.strip()]).append(nickname.strip())
    return [RawGroup(f"nickname:{name}", tuple(names)) for name, names in by_name.items()]


def clean_groups(
    raw: Iterable[RawGroup],
    *,
    render: Renderer = ascii_renderings,
    policy: VariantPolicy | None = None,
) -> tuple[list[TokenGroup], GroupStats]:
    """Render, filter and deduplicate raw groups into token groups.

    Each rendering becomes one token (its words joined), so that "jean-pierre" can never
    make "jean" a variant of "pierre".

    Args:
        raw: The raw groups, Wikidata and nickname groups alike.
        render: Turns a variant string into Latin renderings.
        policy: Filtering thresholds; `VariantPolicy()` when `None`.
    """
    policy = VariantPolicy() if policy is None else policy
    stats = GroupStats()
    rendered: dict[str, frozenset[str]] = {}
    groups: list[TokenGroup] = []
    # Tokens that some spelling outside Han gives; the rest come from Han spellings only.
    non_han: set[str] = set()
    for group in raw:
        stats.raw_groups += 1
        tokens: set[str] = set()
        own_non_han: set[str] = set()
        for name in group.names:
            stats.variant_strings += 1
            han = len(_HAN.findall(name))
            if 0 < han < policy.han_min_chars:
                stats.skipped_han += 1
                continue
            found = rendered.get(name)
            if found is None:
                found = frozenset(_tokens(name, render, policy, stats))
                rendered[name] = found
            if len(found) == 0:
                stats.unrendered += 1
            tokens.update(found)
            if han == 0:
                own_non_han.update(found)
        non_han.update(own_non_han)
        if len(own_non_han) > policy.max_group_size:
            stats.mega_groups += 1
        elif len(tokens) > 1:
            groups.append(TokenGroup(group.label, frozenset(tokens)))
        else:
            stats.singleton_groups += 1
    groups = _cap_neighbours(groups, policy, stats, non_han)
    groups = _drop_redundant(groups, stats)
    stats.groups = len(groups)
    stats.memberships = sum(len(g.tokens) for g in groups)
    stats.tokens = len({t for g in groups for t in g.tokens})
    return groups, stats


def _tokens(name: str, render: Renderer, policy: VariantPolicy, stats: GroupStats) -> set[str]:
    """The acceptable tokens of one variant string, one per rendering."""
    out: set[str] = set()
    for rendering in render(name):
        token = "".join(rendering.split())
        if _DESCRIPTOR.search(rendering) is not None:
            stats.descriptor_strings += 1
        elif token in policy.particles:
            stats.particle_tokens += 1
        elif (
            policy.min_length <= len(token) <= policy.max_length
            and token.isascii()
            and token.isalpha()
            and token.islower()
        ):
            out.add(token)
        elif token != "":
            stats.rejected_tokens += 1
    return out


def _cap_neighbours(
    groups: list[TokenGroup], policy: VariantPolicy, stats: GroupStats, non_han: set[str]
) -> list[TokenGroup]:
    """Drop tokens that would be variants of too many others (homographs like "kou").
    A token that some spelling outside Han gives counts only the neighbours that such
    spellings give: the many Chinese transcriptions of "mary" do not make it a homograph,
    while a transcription itself counts all of its neighbours."""
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        for token in group.tokens:
            by_token[token].append(i)
    capped: set[str] = set()
    for token, ids in by_token.items():
        limit = (
            policy.max_neighbours_short
            if len(token) <= policy.short_length
            else policy.max_neighbours
        )
        neighbours: set[str] = set()
        for i in ids:
            neighbours.update(groups[i].tokens)
        if token in non_han:
            neighbours &= non_han
        if len(neighbours) - 1 > limit:
            capped.add(token)
    stats.capped_tokens = sorted(capped)
    out: list[TokenGroup] = []
    for group in groups:
        kept = group.tokens - capped
        if len(kept) > 1:
            out.append(TokenGroup(group.label, kept))
        else:
            stats.singleton_groups += 1
    return out


def _drop_redundant(groups: list[TokenGroup], stats: GroupStats) -> list[TokenGroup]:
    """Drop groups equal to, or contained in, another group: they add no variant pair."""
    unique: dict[frozenset[str], TokenGroup] = {}
    for group in groups:
        if group.tokens in unique:
            stats.duplicate_groups += 1
        else:
            unique[group.tokens] = group
    kept = list(unique.values())
    by_token: dict[str, set[int]] = defaultdict(set)
    for i, group in enumerate(kept):
        for token in group.tokens:
            by_token[token].add(i)
    out: list[TokenGroup] = []
    for i, group in enumerate(kept):
        # Smallest candidate set first: the groups sharing every token of this one.
        lists = sorted((by_token[t] for t in group.tokens), key=len)
        common = set(lists[0])
        for ids in lists[1:]:
            common &= ids
            if len(common) == 1:
                break
        if any(j != i and len(kept[j].tokens) > len(group.tokens) for j in common):
            stats.subset_groups += 1
        else:
            out.append(group)
    return out
