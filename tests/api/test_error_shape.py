"""Every 4xx has one JSON shape, {"error", "message", ...detail}, like datasette's
tests/test_error_shape.py; and the server keeps answering after each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from caveat.api.limits import MAX_BODY_BYTES, MAX_QUERIES
from caveat.screen import MAX_NAME_LENGTH
from tests.api.conftest import Served, serving

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


JSON = {"content-type": "application/json"}
MATCH_BODY = b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["Putin"]}}}}'


@pytest.mark.parametrize(
    ("content", "headers", "says"),
    [
        (b"", JSON, "a JSON body is required"),
        (b"null", JSON, "must be a JSON object"),
        (b"[1, 2]", JSON, "must be a JSON object"),
        (b'"Putin"', JSON, "must be a JSON object"),
        (MATCH_BODY, {"content-type": "text/plain"}, "Content-Type: application/json"),
        (MATCH_BODY.replace(b"Putin", b"\\ud800"), JSON, "not valid JSON"),
        (MATCH_BODY.replace(b'"q"', b'"\\udfff"'), JSON, "not valid JSON"),
        (MATCH_BODY.replace(b"Putin", b"\xff"), JSON, "not valid JSON"),
        (b"[" * 5000 + b"]" * 5000, JSON, "not valid JSON"),
        (b'{"queries": {}, "weights": {"x": NaN}}', JSON, "not valid JSON"),
        (b'{"queries": {}, "weights": {"x": 1' + b"0" * 400 + b"}}", JSON, "not valid JSON"),
    ],
    ids=[
        "empty", "null", "array", "string", "text-plain", "lone-surrogate", "surrogate-key",
        "bad-utf8", "deep", "nan", "huge-number",
    ],
)  # fmt: skip
def test_bodies_that_are_not_a_json_object(
    client: httpx.Client, content: bytes, headers: dict[str, str], says: str
) -> None:
    data = assert_shape(
        client.post("/match/default", content=content, headers=headers), 422, "InvalidRequest"
    )
    assert says in data["message"]
    assert client.post("/match/default", content=MATCH_BODY, headers=JSON).status_code == 200


def test_text_no_database_can_hold(served_on: Served) -> None:
    """NUL in an id, a name or a search reaches the store on PostgreSQL too."""
    with served_on.client(served_on.key) as http:
        data = assert_shape(http.get("/entities/a%00b"), 404, "NotFound")
        assert data["entity_id"] == "a\x00b"
        assert http.get("/search/default", params={"q": "Pu\x00tin"}).status_code == 200
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Pu\x00tin"]}}}}
        assert http.post("/match/default", json=body).status_code == 200
        wrong = {"X-API-Key": "cvt_\u00e9\u00e8".encode()}
        assert_shape(http.get("/lists", headers=wrong), 401, "Unauthorized")
        assert http.get("/lists").status_code == 200


def test_server_still_answers(client: httpx.Client) -> None:
    test_too_many_queries(client)
    test_oversized_body_declared_and_streamed(client)
    assert client.get("/healthz").status_code == 200
    reply = client.post("/match/default", json={"queries": {"q": PERSON}})
    assert reply.status_code == 200


def test_a_database_failure_is_a_500_without_its_sql(tmp_path: Path) -> None:
    with serving(f"sqlite:///{tmp_path / 'caveat.db'}", tmp_path) as broken:
        with broken.store.engine.begin() as conn:
            conn.execute(text("DROP TABLE version_entities"))
        with broken.client(broken.key) as http:
            reply = http.get("/entities/internal_customers_blocklist-BL-0001")
            data = assert_shape(reply, 500, "StoreError")
            assert "SELECT" not in reply.text and "version_entities" not in reply.text
            assert set(data) == {"error", "message"}
            assert http.get("/healthz").status_code == 200
