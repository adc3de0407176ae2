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

from caveat.match.explain import PartMatch
from caveat.match.prepared import PreparedName, prepare
from caveat.match.tokens import PartJudge, fuzzy_similarity

__all__ = ["Alignment", "align_parts", "align_prepared"]

Weigh = Callable[[str], float]
JOINED_MIN = 0.88
MAX_JOINED = 4
CONFLICT_PENALTY = 1.0
ACRONYM = 0.85
KINSHIP_MISMATCH = 0.5
# Numbers name members of a series ("Fund III", "Trust 2004-1"). Two different numbers
# in the same place are siblings, worth a look; a number on one side only names another
# entity than the bare name ("Victory 3" is not "Victory").
SERIES_SIMILARITY = 0.6
SERIES_DIFFER = 0.92
SERIES_ALONE = 0.8

# One pairing: (similarity, single part each side, weight, query parts, listed parts,
# method).
Option = tuple[float, bool, float, tuple[int, ...], tuple[int, ...], str]
# One pairing kept: (query parts, listed parts, similarity, method).
Pair = tuple[tuple[int, ...], tuple[int, ...], float, str]


class Alignment:
    """How two names' parts paired up, and the score. The pairs are turned into
    `PartMatch`es only when asked for (for the one alignment an explanation shows)."""

    __slots__ = ("_candidate", "_pairs", "_query", "matched", "score")

    def __init__(
        self,
        score: float,
        pairs: tuple[Pair, ...] = (),
        query: PreparedName | None = None,
        candidate: PreparedName | None = None,
        matched: int = 0,
    ) -> None:
        self.score = score
        self.matched = matched
        self._pairs = pairs
        self._query = query
        self._candidate = candidate

    @property
    def parts(self) -> tuple[PartMatch, ...]:
        """The aligned parts, then the parts left without a partner on either side."""
        q, c = self._query, self._candidate
        if q is None or c is None:
            return ()
        out: list[PartMatch] = []
        used_q: set[int] = set()
        used_c: set[int] = set()
        for q_ids, c_ids, similarity, method in self._pairs:
            used_q.update(q_ids)
            used_c.update(c_ids)
            weight = sum(q.weights[i] for i in q_ids) + sum(c.weights[j] for j in c_ids)
            out.append(
                PartMatch(
                    " ".join(q.tokens[i] for i in q_ids),
                    " ".join(c.tokens[j] for j in c_ids),
                    similarity,
                    method,
                    weight / (len(q_ids) + len(c_ids)),
                )
            )
        for i, token in enumerate(q.tokens):
            if i not in used_q:
                out.append(PartMatch(token, None, 0.0, "unmatched", q.weights[i]))
        for j, token in enumerate(c.tokens):
            if j not in used_c:
                out.append(PartMatch(None, token, 0.0, "unmatched", c.weights[j]))
        return tuple(out)

    def __repr__(self) -> str:
        return f"Alignment(score={self.score!r}, matched={self.matched!r})"


NO_ALIGNMENT = Alignment(0.0)


def _joined(short: PreparedName, long: PreparedName) -> list[tuple[int, tuple[int, ...], float]]:
    """Parts of ``short`` that equal two to four adjacent parts of ``long`` written as
    one ("Platonovich" / "Plat Ono Vich", "Vanderbilt" / "van der Bilt")."""
    found = []
    parts = long.tokens
    for i in short.long:
        token = short.tokens[i]
        for j in range(len(parts) - 1):
            if parts[j][0] != token[0]:
                continue
            joined = parts[j]
            for k in range(j + 1, min(j + MAX_JOINED, len(parts))):
                joined += parts[k]
                if len(joined) > len(token) + 2:
                    break
                if len(joined) < len(token) - 2:
                    continue
                similarity = fuzzy_similarity(token, joined)
                if similarity >= JOINED_MIN:
                    found.append((i, tuple(range(j, k + 1)), similarity))
    return found


def _acronyms(short: PreparedName, long: PreparedName) -> list[tuple[int, tuple[int, ...]]]:
    """A part spelling the initials of adjacent parts of the other name ("PLA" for
    "People's Liberation Army", "US" for "United States" in "United States Department of
    State")."""
    if len(long.tokens) < 2:
        return []
    found = []
    initials = long.initials
    for i in short.short:
        token = short.tokens[i]
        start = initials.find(token)
        while start >= 0:
            found.append((i, tuple(range(start, start + len(token)))))
            start = initials.find(token, start + 1)
    return found


def _left_over(name: PreparedName, used: set[int]) -> float:
    """The weight share of parts without a partner, particles aside."""
    left = sum(w for i, w in enumerate(name.weights) if i not in used and i not in name.particles)
    return left / name.total


def align_prepared(
    query: PreparedName,
    candidate: PreparedName,
    judge: PartJudge,
    *,
    abjad: bool = False,
    retyped: str = "",
    person: bool = False,
    listed_floor: float = 0.6,
) -> Alignment:
    """Align two prepared names and score the alignment in [0, 1].

    Args:
        query: the query name's parts.
        candidate: the listed name's parts.
        judge: compares two parts.
        abjad: one side came from a script without vowels.
        retyped: the alphabet one side was written in ("Greek", "Cyrillic"), if any.
        person: allow initials to stand for given names.
        listed_floor: the score when the query is fully matched but none of the listed
            name's weight is (lists add middle names, patronymics and descriptions).
    """
    q_tokens, c_tokens = query.tokens, candidate.tokens
    if not q_tokens or not c_tokens or query.total <= 0.0 or candidate.total <= 0.0:
        return NO_ALIGNMENT
    q_weights, c_weights = query.weights, candidate.weights
    similarity_of = judge.similarity
    options: list[Option] = []
    for i, a in enumerate(q_tokens):
        wa = q_weights[i]
        for j, b in enumerate(c_tokens):
            if a == b:
                options.append((1.0, True, wa + c_weights[j], (i,), (j,), "exact"))
                continue
            similarity, method = similarity_of(a, b, abjad=abjad, initials=person, retyped=retyped)
            if similarity > 0.0:
                options.append((similarity, True, wa + c_weights[j], (i,), (j,), method))
    # Fused parts: "jongun" against "jong" + "un", either way round.
    if len(c_tokens) > 1 and query.long:
        for i, j_run, similarity in _joined(query, candidate):
            weight = q_weights[i] + sum(c_weights[j] for j in j_run)
            options.append((similarity, False, weight, (i,), j_run, "joined"))
    if len(q_tokens) > 1 and candidate.long:
        for j, i_run, similarity in _joined(candidate, query):
            weight = c_weights[j] + sum(q_weights[i] for i in i_run)
            options.append((similarity, False, weight, i_run, (j,), "joined"))
    if query.numbers and candidate.numbers:
        for i in query.numbers:
            for j in candidate.numbers:
                if q_tokens[i] != c_tokens[j]:
                    weight = q_weights[i] + c_weights[j]
                    options.append((SERIES_SIMILARITY, True, weight, (i,), (j,), "series"))
    # Acronyms name organisations only; a person's initials are parts of their own.
    if query.short and not person:
        for i, j_run in _acronyms(query, candidate):
            options.append((ACRONYM, False, q_weights[i], (i,), j_run, "acronym"))
    if candidate.short and not person:
        for j, i_run in _acronyms(candidate, query):
            options.append((ACRONYM, False, c_weights[j], i_run, (j,), "acronym"))
    if query.own is not None and candidate.own is not None:
        options = _respect_kinship(query.own, candidate.own, options)
    options.sort(key=lambda o: (o[0], o[1], o[2]), reverse=True)
    return _score(query, candidate, options, listed_floor)


def _respect_kinship(
    q_own: tuple[bool, ...], c_own: tuple[bool, ...], options: list[Option]
) -> list[Option]:
    """When both names are chains of "X bin Y", the person's own name meets only the
    other's own name: "Salman bin Muhammad" is not "Muhammad bin Salman". Chains of
    different length meet past their first link: "Osama bin Laden" is "Usama bin
    Muhammad ibn Awad ibn Ladin"."""
    out = []
    for similarity, single, weight, q_ids, c_ids, method in options:
        if {q_own[i] for i in q_ids} != {c_own[j] for j in c_ids}:
            similarity *= KINSHIP_MISMATCH
        out.append((similarity, single, weight, q_ids, c_ids, method))
    return out


def _score(
    query: PreparedName, candidate: PreparedName, options: list[Option], listed_floor: float
) -> Alignment:
    q_weights, c_weights = query.weights, candidate.weights
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[Pair] = []
    matched_q = matched_c = 0.0
    series = acronym = False
    for similarity, _, _, q_ids, c_ids, method in options:
        if used_q.intersection(q_ids) or used_c.intersection(c_ids):
            continue
        used_q.update(q_ids)
        used_c.update(c_ids)
        matched_q += similarity * sum(q_weights[i] for i in q_ids)
        matched_c += similarity * sum(c_weights[j] for j in c_ids)
        pairs.append((q_ids, c_ids, similarity, method))
        series = series or method == "series"
        acronym = acronym or method == "acronym"
    if not pairs or all(p[3] == "series" for p in pairs):
        # Numbers alone are no shared name: "11420" is not a sibling of "11421".
        return NO_ALIGNMENT
    # How much of each name found a partner (by weight), and how alike the partners are.
    q_total, c_total = query.total, candidate.total
    q_alike, c_alike = matched_q / q_total, matched_c / c_total
    q_cover = sum(q_weights[i] for i in used_q) / q_total
    c_cover = sum(c_weights[j] for j in used_c) / c_total
    score = q_alike * (listed_floor + (1.0 - listed_floor) * c_cover)
    if c_cover > q_cover and candidate.strong >= 2 and not acronym:
        # The listed name sits whole inside a longer query ("Fazl Rabi Abdul Hamid" for
        # "Fazl Rabi"): as telling as the reverse, provided it has two parts or more
        # besides particles ("Abu Ismail" is one name part after "abu").
        score = max(score, c_alike * (listed_floor + (1.0 - listed_floor) * q_cover))
    # Parts left over on both sides are not omissions but disagreements: "Ahmed" where
    # the list says "Mohamed" speaks against the match.
    left = min(_left_over(query, used_q), _left_over(candidate, used_c))
    score *= 1.0 - CONFLICT_PENALTY * left
    if series:
        score *= SERIES_DIFFER
    # A number on one side only names another member of a series ("Fund I", "Victory 3").
    if not query.numbers <= used_q or not candidate.numbers <= used_c:
        score *= SERIES_ALONE
    # Rounded, so that a name meets itself at exactly 1.0 whatever the order of the sums.
    return Alignment(min(round(score, 9), 1.0), tuple(pairs), query, candidate, len(used_q))


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
    """Align two token sequences and score the alignment in [0, 1] (`align_prepared`
    on names prepared with ``weigh``).

    Args:
        query: the query name's parts.
        candidate: the listed name's parts.
        weigh: a part's rarity weight.
        judge: compares two parts.
        abjad: one side came from a script without vowels.
        person: allow initials to stand for given names.
        listed_floor: the score when the query is fully matched but none of the listed
            name's weight is.
    """
    return align_prepared(
        prepare(query, weigh),
        prepare(candidate, weigh),
        judge,
        abjad=abjad,
        person=person,
        listed_floor=listed_floor,
    )
