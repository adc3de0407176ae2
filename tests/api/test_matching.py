"""yente's /match shape through a real server, field by field (yente/data/common.py:
EntityMatchResponse, EntityMatches, ScoredEntityResponse, TotalSpec, EntityExample)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import requests
from pydantic import BaseModel, ConfigDict, Field

from tests.api.conftest import Served

PUTIN = {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": "1952-10-07"}}
ROE = {"schema": "Company", "properties": {"name": ["Рособоронэкспорт"]}}


def test_match_has_yente_shape(client: httpx.Client) -> None:
    body = {"queries": {"p1": PUTIN, "c1": ROE}}
    reply = client.post("/match/default", json=body, params={"threshold": 0.7})
    assert reply.status_code == 200
    data = reply.json()
    assert set(data) == {"responses", "matcher", "limit"}
    assert data["limit"] == 5
    assert set(data["responses"]) == {"p1", "c1"}
    person = data["responses"]["p1"]
    assert set(person) == {"status", "results", "total", "query"}
    assert person["status"] == 200
    assert person["total"] == {"value": len(person["results"]), "relation": "eq"}
    assert person["query"] == {
        "id": None,
        "schema": "Person",
        "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952-10-07"]},
    }
    top = person["results"][0]
    for field in ("id", "caption", "schema", "properties", "datasets", "referents", "target"):
        assert field in top
    for field in ("first_seen", "last_seen", "last_change", "score", "features", "match"):
        assert field in top
    assert top["id"] == "internal_customers_blocklist-BL-0001"
    assert top["caption"] == "Vladimir Vladimirovich Putin"
    assert top["schema"] == "Person"
    assert top["datasets"] == ["internal_customers_blocklist"]
    assert top["properties"]["birthDate"] == ["1952-10-07"]
    assert 0.7 <= top["score"] <= 1.0 and top["match"] is True
    assert top["features"]["name_score"] > 0.9
    assert top["explanations"]["evidence"][0]["feature"] == "birth date"
    company = data["responses"]["c1"]["results"][0]
    assert company["id"] == "internal_customers_blocklist-BL-0002"


def test_match_by_list_id_and_unknown_list(client: httpx.Client) -> None:
    body = {"queries": {"q": PUTIN}}
    found = client.post("/match/internal_customers_blocklist", json=body).json()
    assert found["responses"]["q"]["results"]
    missing = client.post("/match/us_ofac_sdn", json=body)
    assert missing.status_code == 404
    assert missing.json()["error"] == "NotFound"


def test_match_excludes_ids_and_respects_changed_since(client: httpx.Client) -> None:
    body = {"queries": {"q": PUTIN}}
    excluded = client.post(
        "/match/default",
        json=body,
        params={"exclude_entity_ids": "internal_customers_blocklist-BL-0001"},
    ).json()
    assert excluded["responses"]["q"]["results"] == []
    later = client.post("/match/default", json=body, params={"changed_since": "2999-01-01"})
    assert later.json()["responses"]["q"]["results"] == []
    earlier = client.post("/match/default", json=body, params={"changed_since": "2000-01-01"})
    assert earlier.json()["responses"]["q"]["total"]["value"] == 1


def test_cutoff_lists_results_below_the_threshold_as_no_match(client: httpx.Client) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}
    reply = client.post("/match/default", json=body, params={"threshold": 0.99, "cutoff": 0.5})
    results = reply.json()["responses"]["q"]["results"]
    assert results and all(r["match"] is False for r in results)


def test_search_and_screen(client: httpx.Client) -> None:
    search = client.get("/search/default", params={"q": "Rosoboronexport"}).json()
    assert search["results"][0]["id"] == "internal_customers_blocklist-BL-0002"
    assert search["total"]["value"] >= 1 and search["offset"] == 0
    screen = client.post("/screen", json={"name": "Bashar al Assad", "schema": "Person"}).json()
    assert screen["hits"][0]["id"] == "internal_customers_blocklist-BL-0003"
    assert "explanation" in screen["hits"][0]
    assert set(screen["lists"]) == {"internal_customers_blocklist"}


def test_entity_lists_and_probes(served: Served, client: httpx.Client) -> None:
    entity = client.get("/entities/internal_customers_blocklist-BL-0004").json()
    assert entity["schema"] == "Vessel" and entity["datasets"] == ["internal_customers_blocklist"]
    assert entity["version"]["content_hash"] == served.store.lists()[0].content_hash
    lists = client.get("/lists").json()
    assert lists["lists"][0]["list_id"] == "internal_customers_blocklist"
    assert lists["index"]["ready"] is True
    with served.client() as anonymous:
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        ready = anonymous.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["lists"] == {"internal_customers_blocklist": 1}
        assert anonymous.get("/openapi.json").status_code == 200


# -- a yente client's view --------------------------------------------------------
# yente's response models as a yente client holds them (yente/data/common.py, 5.x),
# written out here rather than imported from caveat.api.yente, so that the check
# does not grade Caveat's models against themselves. Strict: a string where yente has
# a float, or a missing required field, fails.


class YenteModel(BaseModel):
    model_config = ConfigDict(strict=True, populate_by_name=True)


class YenteExample(YenteModel):
    id: str | None = None
    schema_: str = Field(..., alias="schema")
    properties: dict[str, str | list[Any]]


class YenteScored(YenteModel):
    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[str | dict[str, Any]]]
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    score: float = 0.99
    features: dict[str, float]
    match: bool = False


class YenteTotal(YenteModel):
    value: int
    relation: str = "eq"


class YenteMatches(YenteModel):
    status: int = 200
    results: list[YenteScored]
    total: YenteTotal
    query: YenteExample


class YenteFeatureDoc(YenteModel):
    description: str
    coefficient: float
    url: str | None = None


class YenteMatchResponse(YenteModel):
    responses: dict[str, YenteMatches]
    matcher: dict[str, YenteFeatureDoc]
    limit: int


def test_a_yente_client_call_works_unchanged(served: Served) -> None:
    """The request a yente client sends (requests, json=, ?algorithm=logic-v2, weights)
    gets an answer the client's models accept, field by field."""
    query = {
        "weights": {"name_literal": 0.8},
        "queries": {
            "q1": {
                "schema": "Person",
                "properties": {"name": "Vladimir Putin", "birthDate": ["1952-10-07"]},
            }
        },
    }
    reply = requests.post(
        f"{served.url}/match/default",
        params={"algorithm": "logic-v2", "threshold": 0.7, "limit": 3},
        json=query,
        headers={"Authorization": f"ApiKey {served.key}"},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    parsed = YenteMatchResponse.model_validate(reply.json())
    assert parsed.limit == 3
    matches = parsed.responses["q1"]
    assert matches.status == 200 and matches.total.relation == "eq"
    assert matches.query.schema_ == "Person"
    assert matches.query.properties["name"] == ["Vladimir Putin"]
    top = matches.results[0]
    assert top.id == "internal_customers_blocklist-BL-0001" and top.match is True
    assert top.caption == "Vladimir Vladimirovich Putin" and top.schema_ == "Person"
    assert top.datasets == ["internal_customers_blocklist"] and top.target is True
    assert "Владимир Владимирович Путин" in top.properties["alias"]
    assert top.last_seen is not None and datetime.fromisoformat(top.last_seen).tzinfo is not None
    assert 0.7 <= top.score <= 1.0 and "name_score" in top.features
    assert set(parsed.matcher) >= set(top.features)
