"""yente's /match and /search shapes, so that a yente client only changes its base URL.

Field by field these follow ``yente/data/common.py`` (``EntityExample``,
``EntityMatchQuery``, ``EntityResponse``, ``ScoredEntityResponse``, ``EntityMatches``,
``EntityMatchResponse``, ``TotalSpec``, ``SearchResponse``). Caveat adds, without
removing anything a yente client reads:

- ``explanations`` on each result: Caveat's explanation of the score
  (`caveat.match.explain.Explanation.to_dict`);
- ``features`` holds Caveat's own evidence (name score, birth date, country,
  identifier effects) rather than nomenklatura's, and ``matcher`` documents them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from caveat.screen import Hit, Query
from caveat.store import ListVersion

__all__ = [
    "MATCHER",
    "YENTE_ALGORITHMS",
    "EntityExample",
    "EntityMatchQuery",
    "EntityMatchResponse",
    "EntityMatches",
    "EntityResponse",
    "FeatureDoc",
    "ScoredEntityResponse",
    "SearchResponse",
    "TotalSpec",
    "example_properties",
    "example_query",
    "hit_features",
    "scored_result",
]


class EntityExample(BaseModel):
    """One query of a /match batch: a FollowTheMoney entity as far as it is known."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    """The /match body. ``weights`` and ``config`` tune nomenklatura's scorers in yente;
    Caveat accepts and ignores them so that yente clients' bodies still validate."""

    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)
    queries: dict[str, EntityExample]


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str] = Field(default_factory=list)
    referents: list[str] = Field(default_factory=list)
    target: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


class ScoredEntityResponse(EntityResponse):
    score: float
    features: dict[str, float]
    match: bool = False
    explanations: dict[str, Any] = Field(default_factory=dict)


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str
    coefficient: float = 1.0
    url: str | None = None


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int


class SearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[ScoredEntityResponse]
    facets: dict[str, Any] = Field(default_factory=dict)


# yente's algorithm names, answered by Caveat's default scorer so that a client's
# ``?algorithm=`` keeps working; ``ofac`` and ``default`` are Caveat's own.
YENTE_ALGORITHMS = ("best", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1")

MATCHER: dict[str, FeatureDoc] = {
    "name_score": FeatureDoc(
        description="Best name-to-name similarity across scripts (see docs/screening.md)"
    ),
    "birth date": FeatureDoc(description="Effect of the birth date agreeing or conflicting"),
    "country": FeatureDoc(description="Effect of a shared country or nationality"),
    "identifier": FeatureDoc(description="Effect of a shared passport, tax or IMO number"),
    "name order": FeatureDoc(description="Penalty for swapped given and family names"),
}


def example_properties(example: EntityExample) -> dict[str, list[str]]:
    """Properties as lists of strings: yente accepts a bare string for one value, and
    nested entities (dicts) cannot be screened, so they are left out."""
    out: dict[str, list[str]] = {}
    for prop, raw in example.properties.items():
        values = [raw] if isinstance(raw, str) else raw
        texts = [str(v) for v in values if isinstance(v, str | int | float)]
        if texts:
            out[prop] = texts
    return out


def example_query(example: EntityExample) -> Query:
    return Query.from_properties(example.schema_, example_properties(example))


def hit_features(hit: Hit) -> dict[str, float]:
    """The explanation as yente-style named feature values."""
    features = {"name_score": round(hit.explanation.name_score, 3)}
    for item in hit.explanation.evidence:
        features[item.feature] = round(features.get(item.feature, 0.0) + item.effect, 3)
    return features


def scored_result(
    hit: Hit, threshold: float, versions: dict[str, ListVersion]
) -> ScoredEntityResponse:
    """A hit in yente's result shape; ``last_seen`` is when its list version was loaded."""
    entity = hit.entity
    version = versions.get(entity.list_id)
    return ScoredEntityResponse(
        id=entity.id,
        caption=entity.caption,
        schema=entity.schema,
        properties=entity.properties,
        datasets=[entity.list_id],
        referents=list(hit.also),
        target=True,
        last_seen=None if version is None else version.loaded_at,
        score=round(hit.score, 4),
        features=hit_features(hit),
        match=hit.score >= threshold,
        explanations=hit.explanation.to_dict(),
    )
