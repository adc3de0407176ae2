"""``caveat serve`` as the benchmark's server process: started over the bench home,
waited on until its index is loaded, stopped with SIGTERM so that its request log is
flushed, and its request-log durations read back.

Caveat is imported inside the functions, after ``CAVEAT_HOME`` points at the bench home.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from _report import note

CAVEAT = str(Path(sys.executable).with_name("caveat"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def new_key(store: Any, name: str) -> str:
    """A fresh API key for this run (the bench store keeps the older ones revoked)."""
    from caveat.store.access import create_key, list_keys, revoke_key

    if any(k.name == name and k.active for k in list_keys(store)):
        revoke_key(store, name)
    return str(create_key(store, name))


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> None:
        """SIGTERM to the server's process group: uvicorn shuts down cleanly, which
        flushes the request log."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def start(home: Path, workers: int, extra: list[str] | None = None) -> Served:
    """Start ``caveat serve`` and wait until every worker reports its index ready."""
    port = free_port()
    log = home / f"serve-{port}.log"
    env = dict(os.environ, CAVEAT_HOME=str(home))
    env.pop("CAVEAT_DATABASE_URL", None)
    command = [CAVEAT, "serve", "--port", str(port), "--workers", str(workers), *(extra or [])]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    served = Served(process, f"http://127.0.0.1:{port}", log)
    seen: set[int] = set()
    deadline = time.monotonic() + 300
    while len(seen) < workers and time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"caveat serve exited:\n{log.read_text()[-3000:]}")
        try:
            reply = httpx.get(f"{served.url}/readyz", timeout=5)
            if reply.status_code == 200:
                seen.add(int(reply.json()["worker"]))
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    if len(seen) < workers:
        served.stop()
        raise RuntimeError("caveat serve did not get ready")
    note(f"caveat serve ready at {served.url} ({workers} worker(s): {sorted(seen)})")
    return served


def logged_durations(store: Any, after_id: int) -> list[float]:
    """Server-side milliseconds of the /match requests logged after row ``after_id``."""
    from sqlalchemy import select

    from caveat.store.tables import request_log

    query = select(request_log.c.duration_ms).where(
        request_log.c.id > after_id, request_log.c.route == "/match/{dataset}"
    )
    with store.engine.connect() as conn:
        return [float(r.duration_ms) for r in conn.execute(query)]


def last_log_id(store: Any) -> int:
    from sqlalchemy import func, select

    from caveat.store.tables import request_log

    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(request_log.c.id), 0))).scalar())
