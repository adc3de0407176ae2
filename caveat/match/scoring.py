"""Scoring one listed entity against a query: the best name pair, then the evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from caveat.match.evidence import CandidateFacts, QueryFacts, compare_facts
from caveat.match.explain import Explanation
from caveat.match.names import Alignments, NameScore, compare_forms
from caveat.match.prepared import PreparedName, prepare_form
from caveat.match.tokens import PartJudge
from caveat.names import NameForm

__all__ = ["ListedName", "QueryName", "Scored", "WeighedName", "score_entity"]

Weigh = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class QueryName:
    """A query name in its Latin forms. A query of no definite kind ("Thing",
    "LegalEntity") is read both as a person's name and as an organisation's (legal forms
    removed): each reading meets the listed entities of its kind."""

    text: str
    forms: tuple[NameForm, ...]
    org_forms: tuple[NameForm, ...] | None = None

    def all_forms(self) -> tuple[NameForm, ...]:
        """Every reading, for candidate retrieval."""
        return self.forms if self.org_forms is None else self.forms + self.org_forms

    def weighed(self, weigh: Weigh, part_weigh: Weigh | None = None) -> WeighedName:
        """The readings prepared with one list's part weights (``part_weigh``: as for
        `caveat.match.prepared.prepare`)."""
        forms = _prepared(self.forms, weigh, part_weigh)
        org = None if self.org_forms is None else _prepared(self.org_forms, weigh, part_weigh)
        return WeighedName(self.text, "name", forms, org)


@dataclass(frozen=True, slots=True)
class ListedName:
    text: str
    kind: str
    forms: tuple[NameForm, ...]

    def weighed(self, weigh: Weigh, part_weigh: Weigh | None = None) -> WeighedName:
        """The renderings prepared with one list's part weights (``part_weigh``: as for
        `caveat.match.prepared.prepare`)."""
        return WeighedName(self.text, self.kind, _prepared(self.forms, weigh, part_weigh))


@dataclass(frozen=True, slots=True)
class WeighedName:
    """A name's renderings prepared for alignment with one list's part weights; for a
    query of either kind, also its reading as an organisation's name."""

    text: str
    kind: str
    forms: tuple[PreparedName, ...]
    org_forms: tuple[PreparedName, ...] | None = None

    def forms_for(self, person: bool) -> tuple[PreparedName, ...]:
        """The reading to compare with a person (``person``) or an organisation."""
        return self.forms if person or self.org_forms is None else self.org_forms


def _prepared(
    forms: Sequence[NameForm], weigh: Weigh, part_weigh: Weigh | None
) -> tuple[PreparedName, ...]:
    return tuple(prepare_form(f, weigh, part_weigh) for f in forms)


class Scored:
    """A score and its explanation; the explanation is put together only when read,
    since most entities scored for a query never become hits."""

    __slots__ = ("_explain", "_explanation", "score")

    def __init__(self, score: float, explanation: Explanation | Callable[[], Explanation]) -> None:
        self.score = score
        if isinstance(explanation, Explanation):
            self._explanation: Explanation | None = explanation
            self._explain: Callable[[], Explanation] | None = None
        else:
            self._explanation, self._explain = None, explanation

    @property
    def explanation(self) -> Explanation:
        if self._explanation is None:
            assert self._explain is not None
            self._explanation, self._explain = self._explain(), None
        return self._explanation

    def __repr__(self) -> str:
        return f"Scored(score={self.score!r})"


def score_entity(
    query_names: Sequence[WeighedName],
    query_facts: QueryFacts,
    listed_names: Sequence[WeighedName],
    listed_facts: CandidateFacts,
    judge: PartJudge,
    *,
    person: bool,
    alignments: Alignments | None = None,
) -> Scored | None:
    """The entity's score: its best-matching name, then birth dates, countries and
    identifiers; None when no name shares anything and no identifier agrees
    (``alignments``: kept alignments to reuse, `caveat.match.names.Alignments`)."""
    best: tuple[NameScore, WeighedName, WeighedName] | None = None
    for q in query_names:
        forms = q.forms_for(person)
        for c in listed_names:
            scored = compare_forms(
                forms, c.forms, judge, person=person, kind=c.kind, alignments=alignments
            )
            if scored is not None and (best is None or scored.score > best[0].score):
                best = (scored, q, c)
    if best is None:
        if not (query_facts.identifiers & listed_facts.identifiers) or not listed_names:
            return None
        score, evidence = compare_facts(query_facts, listed_facts, 0.0)
        name = listed_names[0]
        explanation = Explanation(
            query_names[0].text if query_names else "",
            name.text,
            name.kind,
            0.0,
            evidence=tuple(evidence),
            notes=("no name in common",),
        )
        return Scored(score, explanation)
    name_score, q, c = best
    score, evidence = compare_facts(query_facts, listed_facts, name_score.score)

    def explain() -> Explanation:
        return Explanation(
            q.text,
            c.text,
            c.kind,
            name_score.score,
            parts=name_score.alignment.parts,
            evidence=tuple(evidence),
            notes=name_score.notes,
        )

    return Scored(score, explain)
