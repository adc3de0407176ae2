"""The one screening entry point: a query in, explained hits out.

The CLI, the API and batch jobs all call `Screener.screen`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from caveat.countries import country_code
from caveat.entity import Entity
from caveat.exc import QueryError
from caveat.index.index import (
    Candidate,
    ScreeningIndex,
    is_org_schema,
    name_parts,
)
from caveat.kept import Kept
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.evidence import (
    COUNTRY_AGREE,
    DOB_EXACT,
    NAME_SHARE,
    CandidateFacts,
    QueryFacts,
    compare_facts,
    most_taken,
    normalize_identifier,
)
from caveat.match.explain import Explanation
from caveat.match.ofac import ofac_score
from caveat.match.prepared import PreparedName
from caveat.match.scoring import QueryName, Scored, WeighedName, score_entity
from caveat.names import analyze_name
from caveat.names.variants import NameVariants
from caveat.shipped import schema_lineage
from caveat.sources.dates import parse_date

__all__ = ["ALGORITHMS", "MAX_NAME_LENGTH", "Hit", "Query", "Screener"]

MAX_NAME_LENGTH = 1_000
SHARE_SLACK = 0.05
MAX_SCORED = 25
# Candidates scored at most once ``limit`` hits are found, however high their bounds.
MAX_MORE = 50
MAX_NAMES = 50
# Query names kept analysed and weighed: a customer file names many people more than
# once. About 2 KB each.
QUERY_NAME_CACHE = 65_536
ALGORITHMS = ("default", "ofac")
SCHEMAS = ("Thing", "LegalEntity", "Person", "Organization", "Company", "Vessel", "Airplane")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
ID_PROPS = (
    "idNumber", "passportNumber", "taxNumber", "registrationNumber", "imoNumber", "mmsi",
    "swiftBic", "innCode", "ogrnCode", "leiCode", "vatCode",
)  # fmt: skip
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


@dataclass
class Query:
    """What to screen: names and, where known, the facts that confirm or rule out a hit."""

    names: list[str]
    schema: str = "Thing"
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    given_names: list[str] = field(default_factory=list)
    family_names: list[str] = field(default_factory=list)

    @classmethod
    def from_properties(cls, schema: str, properties: Mapping[str, Sequence[str]]) -> Query:
        """Build a query from FollowTheMoney-style properties (as yente clients send)."""
        names = [
            v for p in ("name", "alias", "weakAlias", "previousName") for v in properties.get(p, [])
        ]
        if not names:
            parts = [
                v for p in ("firstName", "middleName", "lastName") for v in properties.get(p, [])
            ]
            if parts:
                names = [" ".join(parts)]
        return cls(
            names=names,
            schema=schema,
            birth_dates=list(properties.get("birthDate", [])),
            countries=[v for p in COUNTRY_PROPS for v in properties.get(p, [])],
            identifiers=[v for p in ID_PROPS for v in properties.get(p, [])],
            given_names=list(properties.get("firstName", [])),
            family_names=list(properties.get("lastName", [])),
        )

    def checked(
        self, analyse: Callable[[str, str], QueryName] | None = None
    ) -> tuple[list[QueryName], QueryFacts]:
        """Validate and analyse the query.

        Args:
            analyse: Reads a name for a schema (default: analyses it afresh).

        Raises:
            QueryError: no name, an over-long name, an unknown schema or an impossible date.
        """
        if self.schema not in SCHEMAS and self.schema not in schema_lineage():
            raise QueryError(
                f"unknown schema {self.schema!r} (use one of {', '.join(SCHEMAS)})",
                schema=self.schema,
            )
        names = [n for n in self.names if n is not None and n.strip() != ""]
        if not names and not self.identifiers:
            raise QueryError("a query needs a name (or an identifier)")
        if len(names) > MAX_NAMES:
            raise QueryError(f"a query takes at most {MAX_NAMES} names, not {len(names)}")
        for name in names:
            if len(name) > MAX_NAME_LENGTH:
                raise QueryError(
                    f"a name may be at most {MAX_NAME_LENGTH:,} characters; this one has "
                    f"{len(name):,}",
                    length=len(name),
                )
        dates = []
        for raw in self.birth_dates:
            parsed = parse_date(raw)
            if parsed is None:
                raise QueryError(f"birth date {raw!r} is not a real date (use YYYY-MM-DD)")
            dates.append(parsed)
        countries = set()
        for raw in self.countries:
            code = country_code(raw)
            if code is None:
                raise QueryError(f"country {raw!r} is not a country name or ISO code")
            countries.add(str(code))
        analysed = [(analyse or query_name)(n, self.schema) for n in names]
        facts = QueryFacts(
            birth_dates=tuple(dates),
            countries=frozenset(countries),
            identifiers=frozenset(
                i for i in (normalize_identifier(x) for x in self.identifiers) if len(i) >= 5
            ),
            given_names=name_parts(self.given_names),
            family_names=name_parts(self.family_names),
        )
        return [q for q in analysed if q.all_forms()], facts


# Schemas whose entities may be people or organisations: their names are read both ways.
EITHER_KIND = frozenset({"Thing", "LegalEntity"})


def _all_forms(name: WeighedName) -> tuple[PreparedName, ...]:
    return name.forms if name.org_forms is None else name.forms + name.org_forms


class _TopScores:
    """The best ``limit`` scores at or above the threshold, one per hit, as hits are
    scored (a hit's score only rises): enough to tell when no candidate left could
    enter them."""

    def __init__(self, limit: int, cut: float) -> None:
        self.limit, self.cut = limit, cut
        self._heap: list[tuple[float, int]] = []
        self._score: dict[int, float] = {}

    def offer(self, head: int, score: float) -> None:
        if score < self.cut or self._score.get(head, -1.0) >= score:
            return
        self._score[head] = score
        heapq.heappush(self._heap, (score, head))
        while len(self._score) > self.limit:
            low, who = heapq.heappop(self._heap)
            if self._score.get(who) == low:
                del self._score[who]

    def full(self) -> bool:
        """Whether ``limit`` hits are found."""
        return len(self._score) >= self.limit

    def settled(self, next_best: float) -> bool:
        """Whether ``limit`` hits score at least ``next_best``."""
        if len(self._score) < self.limit:
            return False
        while self._heap[0][0] != self._score.get(self._heap[0][1]):
            heapq.heappop(self._heap)  # a stale, lower score of a hit
        return self._heap[0][0] >= next_best


def _name_needed(cut: float, headroom: float) -> float:
    """The least name score bound that may reach ``cut`` once the query's facts add
    ``headroom`` at most."""
    return max((cut - headroom) / NAME_SHARE - SHARE_SLACK, 0.0)


def _may_reach(query: QueryFacts, listed: CandidateFacts, cut: float) -> bool:
    """Whether an entity with these facts could reach ``cut`` with an exact name: a birth
    date that conflicts takes off more than an exact name scores above the threshold,
    so most of the people a dated query's name meets are never aligned. Bounds play no
    part, since retrieval's may fall a little below a name's score."""
    return compare_facts(query, listed, 1.0)[0] >= cut


def query_name(text: str, schema: str) -> QueryName:
    """A query name read as a query of ``schema`` names it."""
    if schema in EITHER_KIND:
        person = analyze_name(text)
        org = analyze_name(text, is_org=True)
        return QueryName(text, person, org if org != person else None)
    return QueryName(text, analyze_name(text, is_org=is_org_schema(schema)))


@dataclass(frozen=True)
class Hit:
    """A listed entity that scored at or above the threshold, and why.

    ``also`` holds the ids of other loaded entries that copy this designation (the trade
    CSL's copy of an OFAC entry); the best score among them is the hit's score.
    """

    entity: Entity
    score: float
    explanation: Explanation
    also: tuple[str, ...] = ()

    @property
    def matched_name(self) -> str:
        return self.explanation.matched_name

    @property
    def query_name(self) -> str:
        return self.explanation.query_name

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entity.id,
            "list": self.entity.list_id,
            "source_id": self.entity.source_id,
            "schema": self.entity.schema,
            "caption": self.entity.caption,
            "score": round(self.score, 4),
            "matched_name": self.matched_name,
            "query_name": self.query_name,
            "explanation": self.explanation.to_dict(),
            "also": list(self.also),
        }


class Screener:
    """Screens queries against one index. Cheap to call many times; thread-safe for reads."""

    def __init__(self, index: ScreeningIndex) -> None:
        self.index = index
        # By text and schema: the name as analysed, and as weighed with this index.
        self._query_names: Kept[tuple[str, str], tuple[QueryName, WeighedName]] = Kept(
            QUERY_NAME_CACHE
        )

    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], variants: NameVariants | None = None
    ) -> Screener:
        index = ScreeningIndex(
            list(entities), variants or NameVariants.empty(), lineage=schema_lineage()
        )
        return cls(index)

    def screen(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str = "default",
    ) -> list[Hit]:
        """Hits at or above ``threshold`` (default `DEFAULT_THRESHOLD`), best first.

        Raises:
            QueryError: for a query that cannot be run (see `Query.checked`).
        """
        names, facts = self.checked(query)
        return self.screen_checked(
            names, facts, query.schema, threshold=threshold, limit=limit, algorithm=algorithm
        )

    def checked(self, query: Query) -> tuple[list[QueryName], QueryFacts]:
        """`Query.checked`, reusing the analysis of a name this screener has met."""
        return query.checked(self._query_name)

    def _query_name(self, text: str, schema: str) -> QueryName:
        kept = self._query_names.get((text, schema))
        if kept is None:
            name = query_name(text, schema)
            kept = (name, self._weigh(name))
            self._query_names.put((text, schema), kept)
        return kept[0]

    def _weighed(self, name: QueryName, schema: str) -> WeighedName:
        """``name`` weighed, as kept when this screener analysed it."""
        kept = self._query_names.get((name.text, schema))
        return kept[1] if kept is not None and kept[0] is name else self._weigh(name)

    def _weigh(self, name: QueryName) -> WeighedName:
        return name.weighed(self.index.weight, self.index.part_weight)

    def screen_checked(
        self,
        names: list[QueryName],
        facts: QueryFacts,
        schema: str,
        *,
        threshold: float | None = None,
        limit: int = 10,
        algorithm: str = "default",
    ) -> list[Hit]:
        """`screen` for a query already checked and analysed (batch jobs check every
        row up front, to report bad lines before screening)."""
        if algorithm not in ALGORITHMS:
            raise QueryError(f"unknown algorithm {algorithm!r} (use {', '.join(ALGORITHMS)})")
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        if not 0.0 <= cut <= 1.0:
            raise QueryError(f"threshold must be between 0 and 1, not {cut}")
        if limit < 1:
            raise QueryError(f"limit must be at least 1, not {limit}")
        if not names and not facts.identifiers:
            return []
        weighed = [self._weighed(n, schema) for n in names]
        # A name alone scores at most NAME_SHARE of its alignment, and the query's facts
        # can add only so much: names whose bound cannot reach the threshold are skipped.
        headroom = (DOB_EXACT if facts.birth_dates else 0.0) + (
            COUNTRY_AGREE if facts.countries else 0.0
        )
        needed = _name_needed(cut, headroom)
        if algorithm == "ofac":
            # OFAC's scores follow the spelling of whole names, not this bound: take
            # the best candidates by bound, whatever it is.
            needed = 0.0
        # Retrieval walks as far as a query with a birth date and a country would need,
        # whatever this one has, so that the rows of a customer file that repeat a name
        # with other facts share one retrieval; candidates below this query's own bound
        # are then left unread.
        walked = needed
        if algorithm == "default":
            walked = _name_needed(cut, DOB_EXACT + COUNTRY_AGREE)
        found = self.index.find(
            (f for n in weighed for f in _all_forms(n)), facts.identifiers, schema, needed=walked
        )
        canonical = self.index.canonical
        best: dict[int, tuple[float, Scored, int]] = {}
        top = _TopScores(limit, cut)
        positions: list[int] = []
        scored_positions: set[int] = set()
        more = 0  # candidates taken since the hits were first full
        # OFAC's scores follow the spelling alone: no name is left out for the facts.
        # Without a birth date or both kinds of name parts, only a conflicting country
        # could rule an entity out, which takes less off than an exact name scores above
        # the default threshold.
        ruling_out = algorithm == "default" and NAME_SHARE + most_taken(facts) < cut
        reach = (facts, cut) if ruling_out else None
        for candidate in found:
            if candidate.bound < needed:
                break
            if algorithm == "default" and top.settled(NAME_SHARE * candidate.bound + headroom):
                break
            if top.full():
                more += 1
                if more >= MAX_MORE:
                    # Enough hits, and many more candidates that might only reorder them:
                    # a common name with initials meets thousands of listed names.
                    break
            if algorithm == "ofac" and len(scored_positions) >= max(MAX_SCORED, limit):
                break
            for position, listed in self._to_score(candidate, scored_positions, reach):
                positions.append(position)
                if not listed:
                    continue  # its facts keep it below the threshold whatever its names
                scored = self._score(weighed, facts, schema, position, listed, algorithm)
                if scored is None:
                    continue
                head = canonical[position]
                if head not in best or scored.score > best[head][0]:
                    best[head] = (scored.score, scored, position)
                    top.offer(head, scored.score)
        copies: dict[int, list[str]] = {}
        for position in positions:
            if canonical[position] != position:
                copies.setdefault(canonical[position], []).append(self.index.ids[position])
        hits = []
        for head, (score, scored, via) in best.items():
            if score < cut:
                continue
            explanation = scored.explanation
            if via != head:
                note = f"matched on {self.index.ids[via]}"
                explanation = replace(explanation, notes=(*explanation.notes, note))
            entity = self.index.entity(head)
            hits.append(Hit(entity, score, explanation, tuple(copies.get(head, ()))))
        hits.sort(key=lambda h: (-h.score, h.entity.id))
        return hits[:limit]

    def _to_score(
        self,
        candidate: Candidate,
        done: set[int],
        reach: tuple[QueryFacts, float] | None = None,
    ) -> list[tuple[int, Sequence[WeighedName]]]:
        """The entity to score, with its names worth aligning, and the entry it copies
        (whose names may match better), each once per query. With ``reach`` (the query's
        facts and the threshold), an entity whose own facts keep it below the threshold
        whatever its names comes with none (`_may_reach`)."""
        out: list[tuple[int, Sequence[WeighedName]]] = []

        def worth(at: int, names: Sequence[tuple[int, float]]) -> list[WeighedName]:
            if reach is not None and not _may_reach(reach[0], self.index.facts[at], reach[1]):
                return []
            if names:
                return [self.index.name(name_id) for name_id, _ in names]
            return self.index.names_of(at)

        position = candidate.entity
        if position not in done:
            done.add(position)
            out.append((position, worth(position, candidate.names)))
        head = self.index.canonical[position]
        if head not in done:
            done.add(head)
            out.append((head, worth(head, ())))
        return out

    def _score(
        self,
        weighed: list[WeighedName],
        facts: QueryFacts,
        schema: str,
        position: int,
        names: Sequence[WeighedName],
        algorithm: str,
    ) -> Scored | None:
        if algorithm == "ofac":
            return ofac_score([n.text for n in weighed], names)
        return score_entity(
            weighed,
            facts,
            names,
            self.index.facts[position],
            self.index.judge,
            person=self.index.schemas[position] == "Person" or schema == "Person",
            alignments=self.index.alignments,
        )
