"""Every 4xx has one JSON shape, {"error", "message", ...detail}, like datasette's
tests/test_error_shape.py; and the server keeps answering after each."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from caveat.api.limits import MAX_BODY_BYTES, MAX_QUERIES
from caveat.screen import MAX_NAME_LENGTH

PERSON = {"schema": "Person", "properties": {"name": ["Ismail Demir"]}}


def assert_shape(reply: httpx.Response, status: int, error: str) -> dict[str, Any]:
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    data: dict[str, Any] = reply.json()
    assert data["error"] == error
    assert isinstance(data["message"], str) and data["message"] != ""
    return data


def test_malformed_json(client: httpx.Client) -> None:
    reply = client.post(
        "/match/default", content=b'{"queries": {', headers={"content-type": "application/json"}
    )
    assert_shape(reply, 422, "InvalidRequest")


def test_wrong_types(client: httpx.Client) -> None:
    data = assert_shape(
        client.post("/match/default", json={"queries": ["not", "a", "dict"]}),
        422,
        "InvalidRequest",
    )
    assert data["errors"][0]["location"] == "queries"
    assert_shape(client.post("/screen", json={"name": 5}), 422, "InvalidRequest")
    assert_shape(
        client.get("/search/default", params={"limit": "x", "q": "a"}), 422, "InvalidRequest"
    )


def test_unknown_schema(client: httpx.Client) -> None:
    body = {"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["X"]}}}}
    data = assert_shape(client.post("/match/default", json=body), 400, "QueryError")
    assert data["schema"] == "Spaceship" and data["query"] == "q"


def test_too_many_queries(client: httpx.Client) -> None:
    body = {"queries": {f"q{i}": PERSON for i in range(MAX_QUERIES + 1)}}
    data = assert_shape(client.post("/match/default", json=body), 400, "QueryError")
    assert data["limit"] == MAX_QUERIES


def test_oversized_body_declared_and_streamed(client: httpx.Client) -> None:
    big = b'{"queries": {}, "pad": "' + b"x" * MAX_BODY_BYTES + b'"}'
    headers = {"content-type": "application/json"}
    assert_shape(
        client.post("/match/default", content=big, headers=headers), 413, "PayloadTooLarge"
    )

    def chunks() -> Any:
        for start in range(0, len(big), 64 * 1024):
            yield big[start : start + 64 * 1024]

    streamed = client.post("/match/default", content=chunks(), headers=headers)
    assert_shape(streamed, 413, "PayloadTooLarge")


def test_over_long_name(client: httpx.Client) -> None:
    body = {
        "queries": {
            "q": {"schema": "Person", "properties": {"name": ["a" * (MAX_NAME_LENGTH + 1)]}}
        }
    }
    data = assert_shape(client.post("/match/default", json=body), 400, "QueryError")
    assert data["length"] == MAX_NAME_LENGTH + 1


def test_unknown_route_and_entity(client: httpx.Client) -> None:
    assert_shape(client.get("/no/such/route"), 404, "NotFound")
    data = assert_shape(client.get("/entities/nobody"), 404, "NotFound")
    assert data["entity_id"] == "nobody"


@pytest.mark.parametrize("body", [{}, {"path": "/etc"}])
def test_update_is_off_without_a_lists_dir(client: httpx.Client, body: dict[str, str]) -> None:
    data = assert_shape(client.post("/lists/update", json=body), 403, "HTTPError")
    assert "--lists-dir" in data["message"]


def test_server_still_answers(client: httpx.Client) -> None:
    test_too_many_queries(client)
    test_oversized_body_declared_and_streamed(client)
    assert client.get("/healthz").status_code == 200
    reply = client.post("/match/default", json={"queries": {"q": PERSON}})
    assert reply.status_code == 200
