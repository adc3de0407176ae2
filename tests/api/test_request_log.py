"""Each request is logged with the key's name and the list versions that answered it."""

from __future__ import annotations

import httpx

from caveat.store.access import read_requests
from tests.api.conftest import Served


def test_log_rows_carry_list_versions(served: Served, client: httpx.Client) -> None:
    body = {
        "queries": {
            "a": {"schema": "Person", "properties": {"name": ["Putin"]}},
            "b": {"schema": "Company", "properties": {"name": ["Acme Shell Trading"]}},
        }
    }
    assert client.post("/match/default", json=body).status_code == 200
    client.get("/healthz")
    row = read_requests(served.store, limit=1)[0]
    assert row.route == "/match/{dataset}" and row.method == "POST"
    assert row.key_name == "tests" and row.status == 200 and row.query_count == 2
    version = served.store.lists()[0]
    assert row.list_versions == {version.list_id: [version.id, version.content_hash]}
    assert row.duration_ms >= 0


def test_refused_requests_are_logged_too(served: Served) -> None:
    with served.client() as anonymous:
        anonymous.get("/lists")
    row = read_requests(served.store, limit=1)[0]
    assert row.status == 401 and row.key_name is None and row.route == "/lists"
