"""A real uvicorn server over a small store (the internal blocklist fixture), shared by
the API tests of a module, and a fresh key for it; `serving` does the same on any
database backend for tests that need their own server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from caveat.api import create_app
from caveat.loading import load_path
from caveat.store import Store
from caveat.store.access import create_key
from tests.conftest import FIXTURES


@dataclass
class Served:
    app: FastAPI
    store: Store
    url: str
    key: str

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {} if key is None else {"Authorization": f"ApiKey {key}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free local port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def serving(database_url: str, folder: Path, lists_dir: Path | None = None) -> Iterator[Served]:
    """The blocklist loaded into the database at ``database_url``, a key, and a real
    server over it whose index is ready."""
    store = Store(database_url)
    try:
        load_path(store, blocklist())
        key = create_key(store, "tests")
        app = create_app(store, home=folder / "home", lists_dir=lists_dir)
        with running(app) as url:
            assert app.state.holder.wait(60), app.state.holder.last_error
            yield Served(app, store, url, key)
    finally:
        store.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("api")
    with serving(f"sqlite:///{folder / 'caveat.db'}", folder) as server:
        yield server


@pytest.fixture
def served_on(database_url: str, tmp_path: Path) -> Iterator[Served]:
    """A server of the test's own, on each database backend."""
    with serving(database_url, tmp_path) as server:
        yield server


@pytest.fixture
def client(served: Served) -> Iterator[httpx.Client]:
    with served.client(served.key) as http:
        yield http


def blocklist() -> Path:
    return FIXTURES / "internal" / "customers_blocklist.csv"
