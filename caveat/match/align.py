"""Aligning the parts of two names and scoring the alignment by part rarity.

Each query part meets at most one listed part. Parts that fuse or split across
spellings ("Jong Un" / "Jongun", "Al Assad" / "Alassad") are tried as one. The score is
the weighted share of the query's parts that found a partner, where a part's weight is
its rarity on the lists: sharing "Mohammed" or "Trading" proves little, sharing
"Rosoboroneksport" proves much. That share is then tempered by the share of the listed
name matched, which counts for less, since lists often add middle names, patronymics and
descriptions ("Aerospace Defense Concern Almaz-Antey").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from caveat.match.explain import PartMatch
from caveat.match.tokens import PartJudge, fuzzy_similarity
from caveat.names import is_patronymic, name_particles

__all__ = ["Alignment", "align_parts"]

Weigh = Callable[[str], float]
JOINED_MIN = 0.88
MAX_JOINED = 4
CONFLICT_PENALTY = 1.0
PARTICLE_WEIGHT = 0.3
INITIAL_WEIGHT = 0.5
PATRONYMIC_WEIGHT = 0.5
PARTICLES = name_particles()
KINSHIP = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould"})
ACRONYM = 0.85
# Numbers name members of a series ("Fund III", "Trust 2004-1"). Two different numbers
# in the same place are siblings, worth a look; a number on one side only names another
# entity than the bare name ("Victory 3" is not "Victory").
SERIES_SIMILARITY = 0.6
SERIES_DIFFER = 0.92
SERIES_ALONE = 0.8
ROMAN_NUMERALS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    parts: tuple[PartMatch, ...]
    matched: int


def _joined_matches(
    short: Sequence[str], long: Sequence[str]
) -> list[tuple[int, tuple[int, ...], float]]:
    """Parts of ``short`` that equal two to four adjacent parts of ``long`` written as
    one ("Platonovich" / "Plat Ono Vich", "Vanderbilt" / "van der Bilt")."""
    found = []
    for i, token in enumerate(short):
        if len(token) < 4:
            continue
        for j in range(len(long) - 1):
            if long[j][0] != token[0]:
                continue
            joined = long[j]
            for k in range(j + 1, min(j + MAX_JOINED, len(long))):
                joined += long[k]
                if len(joined) > len(token) + 2:
                    break
                if len(joined) < len(token) - 2:
                    continue
                similarity = fuzzy_similarity(token, joined)
                if similarity >= JOINED_MIN:
                    found.append((i, tuple(range(j, k + 1)), similarity))
    return found


def _acronyms(
    short: Sequence[str], long: Sequence[str], *, runs: bool
) -> list[tuple[int, tuple[int, ...]]]:
    """A part spelling the initials of every part of the other name ("PLA" for
    "People's Liberation Army"), or with ``runs`` of adjacent parts ("US" for "United
    States" in "United States Department of State")."""
    if len(long) < 2:
        return []
    found = []
    for i, token in enumerate(short):
        if not 2 <= len(token) <= 6 or not token.isalpha():
            continue
        starts = range(len(long) - len(token) + 1) if runs else [0] * (len(token) == len(long))
        for j in starts:
            if all(long[j + k][0] == letter for k, letter in enumerate(token)):
                found.append((i, tuple(range(j, j + len(token)))))
    return found


def _segments(tokens: Sequence[str]) -> list[bool]:
    """Which parts name the person (True) rather than a forebear or the family (False):
    in "Salman bin Muhammad", Muhammad is the father. Chains of different length meet
    past their first link: "Osama bin Laden" is "Usama bin Muhammad ibn Awad ibn Ladin",
    and "Mohammed bin Salman" is "Mohammed bin Salman bin Abdulaziz"."""
    own, out = True, []
    for token in tokens:
        if token in KINSHIP:
            own = False
        out.append(own)
    return out


Option = tuple[float, bool, float, tuple[int, ...], tuple[int, ...], str]


def _respect_kinship(
    query: Sequence[str], candidate: Sequence[str], options: list[Option]
) -> list[Option]:
    """When both names are chains of "X bin Y", a part may only meet its own link:
    "Salman bin Muhammad" is not "Muhammad bin Salman"."""
    if not (KINSHIP.intersection(query) and KINSHIP.intersection(candidate)):
        return options
    q_seg, c_seg = _segments(query), _segments(candidate)
    out = []
    for option in options:
        similarity, single, weight, q_ids, c_ids, method = option
        if {q_seg[i] for i in q_ids} != {c_seg[j] for j in c_ids}:
            similarity *= 0.5
        out.append((similarity, single, weight, q_ids, c_ids, method))
    return out


def _is_number(token: str) -> bool:
    return token in ROMAN_NUMERALS or any(c.isdigit() for c in token)


def _part_weight(token: str, weigh: Weigh) -> float:
    weight = weigh(token)
    if token in PARTICLES:
        return weight * PARTICLE_WEIGHT
    if is_patronymic(token):
        return weight * PATRONYMIC_WEIGHT
    return weight * INITIAL_WEIGHT if len(token) == 1 else weight


def _left_over(tokens: Sequence[str], weights: Sequence[float], used: set[int]) -> float:
    """The weight share of parts without a partner, particles aside."""
    left = sum(
        w
        for i, (t, w) in enumerate(zip(tokens, weights, strict=True))
        if i not in used and t not in PARTICLES
    )
    return left / sum(weights)


def align_parts(
    query: Sequence[str],
    candidate: Sequence[str],
    weigh: Weigh,
    judge: PartJudge,
    *,
    abjad: bool = False,
    person: bool = False,
    listed_floor: float = 0.6,
) -> Alignment:
    """Align two token sequences and score the alignment in [0, 1].

    Args:
        query: the query name's parts.
        candidate: the listed name's parts.
        weigh: a part's rarity weight.
        judge: compares two parts.
        abjad: one side came from a script without vowels.
        person: allow initials to stand for given names.
        listed_floor: the score when the query is fully matched but none of the listed
            name's weight is (lists add middle names, patronymics and descriptions).
    """
    if not query or not candidate:
        return Alignment(0.0, (), 0)
    q_weights = [_part_weight(t, weigh) for t in query]
    c_weights = [_part_weight(t, weigh) for t in candidate]
    # Every possible pairing: (similarity, single, weight, query parts, listed parts, method).
    options: list[Option] = []
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            similarity, method = judge.similarity(a, b, abjad=abjad, initials=person)
            if similarity > 0.0:
                options.append((similarity, True, q_weights[i] + c_weights[j], (i,), (j,), method))
    # Fused parts: "jongun" against "jong" + "un", either way round.
    for i, j_run, similarity in _joined_matches(query, candidate):
        weight = q_weights[i] + sum(c_weights[j] for j in j_run)
        options.append((similarity, False, weight, (i,), j_run, "joined"))
    for j, i_run, similarity in _joined_matches(candidate, query):
        weight = c_weights[j] + sum(q_weights[i] for i in i_run)
        options.append((similarity, False, weight, i_run, (j,), "joined"))
    for i, a in enumerate(query):
        if _is_number(a):
            for j, b in enumerate(candidate):
                if a != b and _is_number(b):
                    weight = q_weights[i] + c_weights[j]
                    options.append((SERIES_SIMILARITY, True, weight, (i,), (j,), "series"))
    for i, j_run in _acronyms(query, candidate, runs=not person):
        options.append((ACRONYM, False, q_weights[i], (i,), j_run, "acronym"))
    for j, i_run in _acronyms(candidate, query, runs=not person):
        options.append((ACRONYM, False, c_weights[j], i_run, (j,), "acronym"))
    options = _respect_kinship(query, candidate, options)
    options.sort(key=lambda o: (o[0], o[1], o[2]), reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    parts: list[PartMatch] = []
    matched_q = 0.0
    matched_c = 0.0
    for similarity, _, weight, q_ids, c_ids, method in options:
        if used_q.intersection(q_ids) or used_c.intersection(c_ids):
            continue
        used_q.update(q_ids)
        used_c.update(c_ids)
        matched_q += similarity * sum(q_weights[i] for i in q_ids)
        matched_c += similarity * sum(c_weights[j] for j in c_ids)
        parts.append(
            PartMatch(
                " ".join(query[i] for i in q_ids),
                " ".join(candidate[j] for j in c_ids),
                similarity,
                method,
                weight / (len(q_ids) + len(c_ids)),
            )
        )
    if parts and all(p.method == "series" for p in parts):
        # Numbers alone are no shared name: "11420" is not a sibling of "11421".
        return Alignment(0.0, (), 0)
    for i, token in enumerate(query):
        if i not in used_q:
            parts.append(PartMatch(token, None, 0.0, "unmatched", q_weights[i]))
    for j, token in enumerate(candidate):
        if j not in used_c:
            parts.append(PartMatch(None, token, 0.0, "unmatched", c_weights[j]))
    # How much of each name found a partner (by weight), and how alike the partners are.
    q_total, c_total = sum(q_weights), sum(c_weights)
    q_alike, c_alike = matched_q / q_total, matched_c / c_total
    q_cover = sum(q_weights[i] for i in used_q) / q_total
    c_cover = sum(c_weights[j] for j in used_c) / c_total
    score = q_alike * (listed_floor + (1.0 - listed_floor) * c_cover)
    if (
        c_cover > q_cover
        and sum(t not in PARTICLES for t in candidate) >= 2
        and not any(p.method == "acronym" for p in parts)
    ):
        # The listed name sits whole inside a longer query ("Fazl Rabi Abdul Hamid" for
        # "Fazl Rabi"): as telling as the reverse, provided it has two parts or more
        # besides particles ("Abu Ismail" is one name part after "abu").
        score = max(score, c_alike * (listed_floor + (1.0 - listed_floor) * q_cover))
    # Parts left over on both sides are not omissions but disagreements: "Ahmed" where
    # the list says "Mohamed" speaks against the match.
    left_q = _left_over(query, q_weights, used_q)
    left_c = _left_over(candidate, c_weights, used_c)
    score *= 1.0 - CONFLICT_PENALTY * min(left_q, left_c)
    # A number on one side only names another member of a series ("Fund I", "Victory 3").
    if any(p.method == "series" for p in parts):
        score *= SERIES_DIFFER
    unpaired = [t for i, t in enumerate(query) if i not in used_q and _is_number(t)]
    unpaired += [t for j, t in enumerate(candidate) if j not in used_c and _is_number(t)]
    if unpaired:
        score *= SERIES_ALONE
    # Rounded, so that a name meets itself at exactly 1.0 whatever the order of the sums.
    return Alignment(min(round(score, 9), 1.0), tuple(parts), len(used_q))
