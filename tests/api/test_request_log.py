"""Each request is logged with the key's name and the list versions that answered it;
rows are written in batches off the request path, and none is lost on the way."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from caveat.api.request_log import LogWriter
from caveat.store import Store
from caveat.store.access import read_requests, request_row
from caveat.store.tables import metadata, request_log
from tests.api.conftest import Served


def flushed(served: Served) -> None:
    writer: LogWriter = served.app.state.request_log
    assert writer.flush()


def test_log_rows_carry_list_versions(served: Served, client: httpx.Client) -> None:
    body = {
        "queries": {
            "a": {"schema": "Person", "properties": {"name": ["Putin"]}},
            "b": {"schema": "Company", "properties": {"name": ["Acme Shell Trading"]}},
        }
    }
    assert client.post("/match/default", json=body).status_code == 200
    client.get("/healthz")
    flushed(served)
    row = read_requests(served.store, limit=1)[0]
    assert row.route == "/match/{dataset}" and row.method == "POST"
    assert row.key_name == "tests" and row.status == 200 and row.query_count == 2
    version = served.store.lists()[0]
    assert row.list_versions == {version.list_id: [version.id, version.content_hash]}
    assert row.duration_ms >= 0


def test_refused_requests_are_logged_too(served: Served) -> None:
    with served.client() as anonymous:
        anonymous.get("/lists")
    flushed(served)
    row = read_requests(served.store, limit=1)[0]
    assert row.status == 401 and row.key_name is None and row.route == "/lists"


def test_one_row_per_request_under_concurrency(served: Served, client: httpx.Client) -> None:
    flushed(served)
    before = len(read_requests(served.store, limit=100_000))
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Bashar Assad"]}}}}
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: client.post("/match/default", json=body), range(60)))
    assert {r.status_code for r in statuses} == {200}
    flushed(served)
    assert len(read_requests(served.store, limit=100_000)) == before + 60


def row(status: int) -> dict[str, object]:
    return request_row(
        key_name="k",
        method="GET",
        route="/lists",
        query_count=0,
        versions=[],
        status=status,
        duration_ms=1.0,
    )


def test_rows_wait_while_the_database_is_away(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'caveat.db'}") as store:
        writer = LogWriter(store)
        writer.add(row(200))
        request_log.drop(store.engine)
        writer.add(row(201))
        assert writer.flush() is False  # refused: the rows are kept, in order
        metadata.create_all(store.engine)
        writer.add(row(202))
        assert writer.flush() is True
        assert [r.status for r in read_requests(store)] == [202, 201, 200]


def test_closing_writes_what_is_pending(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'caveat.db'}") as store:
        writer = LogWriter(store)
        writer.start()
        for status in range(200, 205):
            writer.add(row(status))
        writer.close()
        assert sorted(r.status for r in read_requests(store)) == list(range(200, 205))
