"""API keys: 401 in the one error shape when missing, wrong or revoked; both headers."""

from __future__ import annotations

import time

import httpx

from caveat.api.auth import KEY_TTL
from caveat.store.access import create_key, hash_key, revoke_key
from caveat.store.tables import api_keys
from tests.api.conftest import Served

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Bashar Assad"]}}}}


def assert_401(reply: httpx.Response) -> None:
    assert reply.status_code == 401
    assert reply.headers["content-type"].startswith("application/json")
    data = reply.json()
    assert data["error"] == "Unauthorized" and "key" in data["message"]


def test_missing_and_wrong_key(served: Served) -> None:
    with served.client() as anonymous:
        assert_401(anonymous.post("/match/default", json=BODY))
        assert_401(anonymous.get("/lists"))
        assert_401(anonymous.post("/match/default", json=BODY, headers={"X-API-Key": "cvt_nope"}))
        assert_401(anonymous.get("/lists", headers={"Authorization": f"Basic {served.key}"}))
        assert_401(anonymous.get("/lists", headers={"Authorization": "ApiKey"}))
        assert_401(anonymous.get("/no/such/route"))  # no key, no clue what exists
        assert anonymous.get("/healthz").status_code == 200


def test_every_header_style(served: Served) -> None:
    with served.client() as http:
        for headers in (
            {"Authorization": f"ApiKey {served.key}"},
            {"Authorization": f"Bearer {served.key}"},
            {"X-API-Key": served.key},
        ):
            assert http.get("/lists", headers=headers).status_code == 200


def test_revoked_key(served: Served) -> None:
    """A key once seen is remembered for KEY_TTL seconds; after that it is refused."""
    secret = create_key(served.store, "short-lived")
    with served.client(secret) as http:
        assert http.get("/lists").status_code == 200
        revoke_key(served.store, "short-lived")
        deadline = time.monotonic() + KEY_TTL + 10
        while http.get("/lists").status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert_401(http.get("/lists"))


def test_only_the_hash_is_stored(served: Served) -> None:
    secret = create_key(served.store, "hashed")
    with served.store.engine.connect() as conn:
        rows = conn.execute(api_keys.select()).all()
    stored = [str(value) for row in rows for value in row]
    assert not any(secret in value for value in stored)
    assert hash_key(secret) in stored
