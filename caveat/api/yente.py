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

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from followthemoney import model
from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict, JsonValue

from caveat.api.limits import MAX_QUERIES
from caveat.screen import COUNTRY_PROPS, ID_PROPS, NAME_PROPS, Hit, Query
from caveat.store import ListVersion

__all__ = [
    "MATCHER",
    "QUERY_SCHEMAS",
    "SCREENED_PROPERTIES",
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
    "enum",
    "example_properties",
    "example_query",
    "hit_features",
    "scored_result",
]


# Every FollowTheMoney schema is accepted as a query's schema (`Query.checked`); any
# other name gets a 400 naming the schemas Caveat screens best.
QUERY_SCHEMAS = sorted(model.schemata)
# The properties a query is screened on (`Query.from_properties`); others are ignored.
SCREENED_PROPERTIES = (
    *NAME_PROPS, "middleName", "birthDate", *COUNTRY_PROPS, *ID_PROPS,
)  # fmt: skip
_VALUES: JsonDict = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def enum(values: Iterable[str]) -> JsonDict:
    """A ``json_schema_extra`` that documents the accepted values of a string field."""
    accepted: list[JsonValue] = list(values)
    return {"enum": accepted}


def _screened_properties() -> JsonDict:
    documented: JsonDict = {p: _VALUES for p in SCREENED_PROPERTIES}
    return {"properties": documented}


class EntityExample(BaseModel):
    """One query of a /match batch: a FollowTheMoney entity as far as it is known."""

    model_config = ConfigDict(populate_by_name=True, strict=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(
        ..., alias="schema", examples=["Person"], json_schema_extra=enum(QUERY_SCHEMAS)
    )
    properties: dict[str, str | list[Any]] = Field(
        ...,
        examples=[{"name": ["John Doe"]}],
        json_schema_extra=_screened_properties(),
    )


class EntityMatchQuery(BaseModel):
    """The /match body. ``weights`` and ``config`` tune nomenklatura's scorers in yente;
    Caveat accepts and ignores them so that yente clients' bodies still validate."""

    model_config = ConfigDict(strict=True)

    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)
    # More than MAX_QUERIES get a 400 naming the limit from the route, not a 422.
    queries: dict[str, EntityExample] = Field(
        ..., min_length=1, json_schema_extra={"maxProperties": MAX_QUERIES}
    )


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
    # Built from Caveat's own data: no validation needed (model_construct).
    return ScoredEntityResponse.model_construct(
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
