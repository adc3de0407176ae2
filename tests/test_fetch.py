"""Downloads from a real HTTP server on loopback: conditional requests, retries,
and a transfer that breaks off halfway."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from caveat.exc import DownloadError
from caveat.fetch import update_lists
from caveat.sources.catalogue import CatalogueEntry
from caveat.store import Store

LIST_CSV = (
    b"id,name,schema\n1,Ismail Demir,Person\n2,Presidency of Defense Industries,LegalEntity\n"
)
NEWER_CSV = LIST_CSV + b"3,Rosoboronexport,LegalEntity\n"


def entry(url: str) -> CatalogueEntry:
    return CatalogueEntry("internal_watch", "Watch list", "us", "internal_csv", {"main": url})


def test_conditional_requests_skip_unchanged_lists(
    httpserver: HTTPServer, store: Store, tmp_path: Path
) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            LIST_CSV, headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT"}
        )

    httpserver.expect_request("/watch.csv").respond_with_handler(handler)
    url = httpserver.url_for("/watch.csv")
    first = update_lists(store, [entry(url)], tmp_path, backoff=0)
    assert first.ok
    (outcome,) = first.outcomes
    assert outcome.result is not None and outcome.result.created
    assert outcome.result.version.snapshot_date == "2026-03-02"
    second = update_lists(store, [entry(url)], tmp_path, backoff=0)
    assert second.outcomes[0].note == "not modified since the last download"
    assert seen == [None, '"v1"']
    assert store.count_versions() == 1


def test_server_errors_are_retried(httpserver: HTTPServer, store: Store, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/watch.csv").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/watch.csv").respond_with_data(LIST_CSV)
    report = update_lists(store, [entry(httpserver.url_for("/watch.csv"))], tmp_path, backoff=0)
    assert report.ok
    assert store.lists()[0].entity_count == 2


def test_not_found_fails_without_touching_the_store(
    httpserver: HTTPServer, store: Store, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone.csv").respond_with_data("no", status=404)
    report = update_lists(store, [entry(httpserver.url_for("/gone.csv"))], tmp_path, backoff=0)
    (failure,) = report.failed
    assert isinstance(failure.error, DownloadError)
    assert "answered 404" in failure.error.message
    assert store.count_versions() == 0
    assert store.events(1)[0].action == "failed"


@pytest.fixture
def truncating_server() -> Iterator[str]:
    """A server that promises a long body, sends part of it, then hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                body = NEWER_CSV[:30]
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n"
                    + f"Content-Length: {len(NEWER_CSV)}\r\n\r\n".encode()
                    + body
                )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/watch.csv"
    stop.set()
    thread.join()
    listener.close()


def test_download_failing_halfway_keeps_previous_version(
    httpserver: HTTPServer, truncating_server: str, store: Store, tmp_path: Path
) -> None:
    httpserver.expect_request("/watch.csv").respond_with_data(LIST_CSV)
    assert update_lists(store, [entry(httpserver.url_for("/watch.csv"))], tmp_path, backoff=0).ok
    before = store.lists()[0]
    report = update_lists(store, [entry(truncating_server)], tmp_path, backoff=0)
    (failure,) = report.failed
    assert failure.error is not None
    assert "ended early" in failure.error.message
    assert truncating_server in failure.error.message
    assert store.lists() == [before]
    assert not list((tmp_path / "internal_watch").glob("*.part"))
