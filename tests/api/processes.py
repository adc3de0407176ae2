"""``caveat serve`` and ``caveat update`` as real processes, for the tests that kill a
server or run several workers: their own Caveat home, a database URL, a free port."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.api.conftest import free_port

CAVEAT = str(Path(sys.executable).with_name("caveat"))


def environment(home: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ, CAVEAT_HOME=str(home), CAVEAT_DATABASE_URL=database_url)
    env.pop("CAVEAT_CATALOGUE", None)
    return env


def caveat(env: dict[str, str], *args: str) -> str:
    """Run a ``caveat`` command to the end; its standard output."""
    done = subprocess.run(
        [CAVEAT, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"caveat {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


def wait_for(check: Callable[[], Any], what: str, timeout: float = 120.0) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Server:
    """A running ``caveat serve`` and a client for it."""

    process: subprocess.Popen[bytes]
    url: str
    key: str
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"X-API-Key": self.key}, timeout=httpx.Timeout(120)
        )

    def ready(self) -> dict[str, Any] | None:
        """/readyz when the index is loaded, else None."""
        self.alive()
        try:
            reply = httpx.get(f"{self.url}/readyz", timeout=5)
        except httpx.TransportError:
            return None
        return reply.json() if reply.status_code == 200 else None  # type: ignore[no-any-return]

    def alive(self) -> None:
        code = self.process.poll()
        assert code is None, f"caveat serve exited with {code}:\n{self.log.read_text()[-5000:]}"

    def kill(self) -> None:
        """SIGKILL the server and every worker it started."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)


@contextmanager
def serving(env: dict[str, str], key: str, *args: str) -> Iterator[Server]:
    """``caveat serve`` on a free loopback port, in a session of its own so that a kill
    reaches its workers; yields once it answers /healthz."""
    port = free_port()
    log = Path(env["CAVEAT_HOME"]) / f"serve-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [CAVEAT, "serve", "--port", str(port), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", key, log)

    def healthy() -> bool:
        server.alive()
        try:
            return httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(healthy, "caveat serve to answer /healthz")
        yield server
    finally:
        if process.poll() is None:
            server.kill()


def tagged(database_url: str, name: str) -> str:
    """The URL with a PostgreSQL ``application_name``, so its connections can be found."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return database_url
    return url.update_query_dict({"application_name": name}).render_as_string(hide_password=False)


def writing(database_url: str) -> int | None:
    """How far a list load's open transaction has got, in bytes written, or None when no
    load is writing. SQLite: the write lock is held, and the size of the write-ahead log;
    PostgreSQL: the advisory lock of a load is held by a connection named as in
    `tagged` (other test runs may share the server), and the size of the entity table,
    which uncommitted rows grow too."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        connection = sqlite3.connect(path, timeout=0)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
            return None
        except sqlite3.OperationalError:
            wal = path.with_name(path.name + "-wal")
            return wal.stat().st_size if wal.exists() else 0
        finally:
            connection.close()
    engine = create_engine(url.set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            held = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)"
                    " WHERE locktype = 'advisory' AND granted AND application_name = :name"
                ),
                {"name": url.query.get("application_name")},
            ).scalar_one()
            if held == 0:
                return None
            size = conn.execute(text("SELECT pg_relation_size('entity_bodies')")).scalar_one()
            return int(size)
    finally:
        engine.dispose()
