"""The one screening entry point: a query in, explained hits out.

The CLI, the API and batch jobs all call `Screener.screen`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from caveat.entity import Entity
from caveat.exc import QueryError
from caveat.index.index import ScreeningIndex, is_org_schema, name_parts
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.evidence import (
    COUNTRY_AGREE,
    DOB_EXACT,
    NAME_SHARE,
    QueryFacts,
    normalize_identifier,
)
from caveat.match.explain import Explanation
from caveat.match.ofac import ofac_score
from caveat.match.scoring import QueryName, score_entity
from caveat.names import analyze_name
from caveat.names.variants import NameVariants
from caveat.sources.dates import parse_date

__all__ = ["ALGORITHMS", "MAX_NAME_LENGTH", "Hit", "Query", "Screener"]

MAX_NAME_LENGTH = 1_000
SHARE_SLACK = 0.05
MAX_SCORED = 25
MAX_NAMES = 50
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

    def checked(self) -> tuple[list[QueryName], QueryFacts]:
        """Validate and analyse the query.

        Raises:
            QueryError: no name, an over-long name, an unknown schema or an impossible date.
        """
        if self.schema not in SCHEMAS and model.get(self.schema) is None:
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
            code = registry.country.clean(raw)
            if code is None:
                raise QueryError(f"country {raw!r} is not a country name or ISO code")
            countries.add(str(code))
        analysed = [_query_name(n, self.schema) for n in names]
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


def _query_name(text: str, schema: str) -> QueryName:
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

    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], variants: NameVariants | None = None
    ) -> Screener:
        return cls(ScreeningIndex(list(entities), variants or NameVariants.empty()))

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
        names, facts = query.checked()
        return self.screen_checked(
            names, facts, query.schema, threshold=threshold, limit=limit, algorithm=algorithm
        )

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
        candidates = self.index.candidates(
            (f for n in names for f in n.all_forms()),
            facts.identifiers,
            schema=schema,
            limit=max(40, limit * 4),
        )
        canonical = self.index.canonical
        # A name alone scores at most NAME_SHARE of its coverage, and the query's facts
        # can add only so much: candidates that cannot reach the threshold are skipped.
        headroom = (DOB_EXACT if facts.birth_dates else 0.0) + (
            COUNTRY_AGREE if facts.countries else 0.0
        )
        needed = (cut - headroom) / NAME_SHARE - SHARE_SLACK
        hopeful = [p for p, share in candidates if share >= needed]
        hopeful = hopeful[: max(MAX_SCORED, limit)]
        positions = list(dict.fromkeys(p for c in hopeful for p in (c, canonical[c])))
        best: dict[int, tuple[float, Explanation, int]] = {}
        for position in positions:
            listed = self.index.names_of(position)
            if algorithm == "ofac":
                scored = ofac_score([n.text for n in names], listed)
            else:
                scored = score_entity(
                    names,
                    facts,
                    listed,
                    self.index.facts[position],
                    self.index.weight,
                    self.index.judge,
                    person=self.index.schemas[position] == "Person" or schema == "Person",
                )
            if scored is None:
                continue
            head = canonical[position]
            if head not in best or scored.score > best[head][0]:
                best[head] = (scored.score, scored.explanation, position)
        copies: dict[int, list[str]] = {}
        for position in positions:
            if canonical[position] != position:
                copies.setdefault(canonical[position], []).append(self.index.ids[position])
        hits = []
        for head, (score, explanation, via) in best.items():
            if score < cut:
                continue
            if via != head:
                note = f"matched on {self.index.ids[via]}"
                explanation = replace(explanation, notes=(*explanation.notes, note))
            entity = self.index.entity(head)
            hits.append(Hit(entity, score, explanation, tuple(copies.get(head, ()))))
        hits.sort(key=lambda h: (-h.score, h.entity.id))
        return hits[:limit]
