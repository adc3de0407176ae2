"""The screening endpoints: yente's /match and /search, and Caveat's own /screen.

All three screen through `caveat.screen.Screener.screen`, from the (screener, versions)
pair the `IndexHolder` hands out, and note on the request how many queries they ran
and which list versions answered, for the request log.

``changed_since`` keeps the hits whose list version was *loaded* after that time
(``ListVersion.loaded_at``), not ``Entity.listed_on``: the load time is known for
every list and is what the store can prove, while many lists give no designation
date. It is coarse: a newly loaded version counts as changed in every entry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from caveat.api.body import StrictJSONRoute, json_response
from caveat.api.errors import error_responses
from caveat.api.limits import MATCH_LIMIT, MAX_MATCH_LIMIT, MAX_QUERIES, MAX_SEARCH_LIMIT
from caveat.api.reload import IndexHolder, Loaded
from caveat.api.yente import (
    MATCHER,
    QUERY_SCHEMAS,
    YENTE_ALGORITHMS,
    EntityExample,
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    SearchResponse,
    TotalSpec,
    enum,
    example_properties,
    example_query,
    scored_result,
)
from caveat.exc import NotFound, QueryError
from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.screen import ALGORITHMS, MAX_NAME_LENGTH, Hit
from caveat.screen import Query as ScreenQuery
from caveat.store import ListVersion

__all__ = ["MatchParams", "ScreenRequest", "router"]

router = APIRouter(route_class=StrictJSONRoute)
SEARCH_THRESHOLD = 0.5
MAX_SCREENED = 100
# The statuses a screening route can answer with besides 200 (401 and 413 are the app's).
SCREENING_ERRORS = error_responses(400, 404, 422, 503)


class MatchParams(BaseModel):
    """The /match query parameters, yente's. Read by `match_params` in one validation:
    FastAPI's per-parameter pass costs more than the screening of a typical query."""

    limit: int = Field(MATCH_LIMIT, ge=1, le=MAX_MATCH_LIMIT)
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)
    cutoff: float | None = Field(None, ge=0.0, le=1.0, json_schema_extra={"deprecated": True})
    algorithm: str = Field("default", json_schema_extra=enum((*ALGORITHMS, *YENTE_ALGORITHMS)))
    changed_since: str | None = Field(
        None, json_schema_extra={"format": "date-time"}, examples=["2025-01-01"]
    )
    exclude_entity_ids: list[str] | None = Field(None, max_length=50)


def match_params(request: Request) -> MatchParams:
    """The query parameters of ``request`` as `MatchParams`.

    Raises:
        RequestValidationError: a parameter is not of the documented type or range.
    """
    raw: dict[str, Any] = {}
    query = request.query_params
    for name in MatchParams.model_fields:
        if name in query:
            raw[name] = query.getlist(name) if name == "exclude_entity_ids" else query[name]
    try:
        return MatchParams.model_validate(raw)
    except ValidationError as exc:
        errors = [dict(e, loc=("query", *e["loc"])) for e in exc.errors()]
        raise RequestValidationError(errors) from exc


def _documented_params() -> list[dict[str, Any]]:
    """`MatchParams` as OpenAPI query parameters (FastAPI does not see them)."""
    out = []
    for name, schema in MatchParams.model_json_schema()["properties"].items():
        parameter = {"name": name, "in": "query", "required": False, "schema": schema}
        if schema.get("deprecated"):
            parameter["deprecated"] = True
        out.append(parameter)
    return out


def _integral(value: Any) -> Any:
    """``5.0`` is an integer in JSON Schema's eyes; strict pydantic would refuse it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class ScreenRequest(BaseModel):
    """Caveat's own simple query shape, the fields of `caveat batch`'s CSV; strict, so
    that ``"threshold": false`` or ``"limit": "5"`` is refused rather than guessed at."""

    model_config = ConfigDict(strict=True)

    name: str = Field(..., min_length=1, max_length=MAX_NAME_LENGTH)
    schema_: str = Field("Thing", alias="schema", json_schema_extra=enum(QUERY_SCHEMAS))
    birth_date: str | None = None
    country: str | None = None
    id_number: str | None = None
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)
    limit: Annotated[int, BeforeValidator(_integral)] = Field(10, ge=1, le=MAX_SEARCH_LIMIT)
    algorithm: str = Field("default", json_schema_extra=enum(ALGORITHMS))


def _loaded(request: Request) -> Loaded:
    holder: IndexHolder = request.app.state.holder
    loaded = holder.current()
    request.state.versions = loaded.versions
    return loaded


def _check_dataset(dataset: str, versions: list[ListVersion]) -> None:
    if dataset != "default" and dataset not in {v.list_id for v in versions}:
        raise NotFound(f"no such dataset (list) {dataset!r}", dataset=dataset)


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"changed_since {value!r} is not an ISO date or time") from exc
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _keep(
    hit: Hit,
    dataset: str,
    excluded: set[str],
    since: datetime | None,
    versions: dict[str, ListVersion],
) -> bool:
    entity = hit.entity
    if dataset != "default" and entity.list_id != dataset:
        return False
    if excluded & {entity.id, entity.source_id, *hit.also}:
        return False
    if since is not None:
        version = versions.get(entity.list_id)
        return version is not None and version.loaded_at > since
    return True


@router.post(
    "/match/{dataset}",
    response_model=EntityMatchResponse,
    responses=SCREENING_ERRORS,
    tags=["Matching"],
    openapi_extra={"parameters": _documented_params()},
)
async def match(request: Request, body: EntityMatchQuery, dataset: str) -> Response:
    """Query by example, as yente's /match: one result list per query, keyed as sent.

    Results score at least ``min(cutoff, threshold)``; ``match`` is score >= threshold.
    Screening runs on the event loop: it is CPU work that a thread would only make
    wait for the GIL, plus a hand-over each way.
    """
    params = match_params(request)
    limit, threshold, cutoff = params.limit, params.threshold, params.cutoff
    algorithm, changed_since = params.algorithm, params.changed_since
    exclude_entity_ids = params.exclude_entity_ids
    if len(body.queries) > MAX_QUERIES:
        raise QueryError(
            f"too many queries in one batch: {len(body.queries)} (limit: {MAX_QUERIES})",
            limit=MAX_QUERIES,
        )
    if algorithm not in ALGORITHMS and algorithm not in YENTE_ALGORITHMS:
        raise QueryError(f"unknown algorithm {algorithm!r} (use {', '.join(ALGORITHMS)})")
    engine = algorithm if algorithm in ALGORITHMS else "default"
    request.state.query_count = len(body.queries)
    loaded = _loaded(request)
    _check_dataset(dataset, loaded.versions)
    versions = {v.list_id: v for v in loaded.versions}
    since = _since(changed_since)
    excluded = set(exclude_entity_ids or [])
    lowest = threshold if cutoff is None else min(cutoff, threshold)
    filtering = dataset != "default" or bool(excluded) or since is not None
    wanted = min(MAX_SCREENED, limit * 5 + len(excluded)) if filtering else limit
    responses: dict[str, EntityMatches] = {}
    for key, example in body.queries.items():
        try:
            hits = loaded.screener.screen(
                example_query(example), threshold=lowest, limit=wanted, algorithm=engine
            )
        except QueryError as exc:
            raise QueryError(exc.message, query=key, **exc.detail) from exc
        kept = [h for h in hits if _keep(h, dataset, excluded, since, versions)]
        echoed: dict[str, str | list[Any]] = dict(example_properties(example))
        echo = EntityExample.model_construct(
            id=example.id, schema=example.schema_, properties=echoed
        )
        responses[key] = EntityMatches.model_construct(
            status=200,
            results=[scored_result(h, threshold, versions) for h in kept[:limit]],
            total=TotalSpec(value=len(kept)),
            query=echo,
        )
    return json_response(
        EntityMatchResponse.model_construct(responses=responses, matcher=MATCHER, limit=limit)
    )


@router.get(
    "/search/{dataset}",
    response_model=SearchResponse,
    responses=SCREENING_ERRORS,
    tags=["Matching"],
)
async def search(
    request: Request,
    dataset: str,
    q: Annotated[str, Query(min_length=1, max_length=MAX_NAME_LENGTH)],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = 10,
) -> Response:
    """Screen free text as a name at a low threshold (0.5), for interactive lookup."""
    request.state.query_count = 1
    loaded = _loaded(request)
    _check_dataset(dataset, loaded.versions)
    versions = {v.list_id: v for v in loaded.versions}
    wanted = limit if dataset == "default" else min(MAX_SCREENED, limit * 5)
    hits = loaded.screener.screen(ScreenQuery(names=[q]), threshold=SEARCH_THRESHOLD, limit=wanted)
    kept = [h for h in hits if _keep(h, dataset, set(), None, versions)]
    return json_response(
        SearchResponse.model_construct(
            limit=limit,
            offset=0,
            total=TotalSpec(value=len(kept)),
            results=[scored_result(h, DEFAULT_THRESHOLD, versions) for h in kept[:limit]],
            facets={},
        )
    )


@router.post("/screen", responses=SCREENING_ERRORS, tags=["Caveat"])
async def screen(request: Request, body: ScreenRequest) -> Response:
    """Caveat's own shape: one name and its facts in, explained hits and lists out."""
    request.state.query_count = 1
    loaded = _loaded(request)
    query = ScreenQuery(
        names=[body.name],
        schema=body.schema_,
        birth_dates=[] if body.birth_date is None else [body.birth_date],
        countries=[] if body.country is None else [body.country],
        identifiers=[] if body.id_number is None else [body.id_number],
    )
    hits = loaded.screener.screen(
        query, threshold=body.threshold, limit=body.limit, algorithm=body.algorithm
    )
    return json_response(
        {
            "threshold": body.threshold,
            "algorithm": body.algorithm,
            "lists": {
                v.list_id: {"version": v.id, "hash": v.content_hash} for v in loaded.versions
            },
            "hits": [h.to_dict() for h in hits],
        }
    )
