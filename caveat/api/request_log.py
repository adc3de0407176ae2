"""The request log: one row per API request, with the list versions that answered it.

Writing the row inside the request would cost every answer a database commit (and, on
a busy SQLite, a wait for its write lock). So `RequestLog`, a plain ASGI middleware,
hands each row to a `LogWriter`, whose thread writes them in batches, one transaction
per batch, at most `FLUSH_INTERVAL` after the answer. Rows are not lost on the way:
a failed write is retried with the next batch, and shutting the server down (SIGTERM,
Ctrl-C) writes what is pending. Only a kill -9 loses the last fraction of a second of
rows, never a list version or a key.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from caveat.exc import CaveatError
from caveat.store import Store
from caveat.store.access import log_requests, request_row

__all__ = ["FLUSH_INTERVAL", "OPEN_PATHS", "LogWriter", "RequestLog"]

log = logging.getLogger(__name__)

# Probes and API documents: open, and not written to the request log.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect"})
FLUSH_INTERVAL = 0.2
BATCH = 500
MAX_PENDING = 200_000


class LogWriter:
    """A queue of request-log rows and the thread that writes them.

    Args:
        store: where the rows go.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: deque[dict[str, Any]] = deque()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one writer at a time: the thread, or close()
        self._thread: threading.Thread | None = None
        self.dropped = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="caveat-request-log", daemon=True)
        self._thread.start()

    def add(self, row: dict[str, Any]) -> None:
        if len(self._pending) >= MAX_PENDING:  # the database has been away for long
            self._pending.popleft()
            self.dropped += 1
        self._pending.append(row)
        if len(self._pending) >= BATCH:
            self._wake.set()

    def flush(self) -> bool:
        """Write everything pending; False when the database refused (rows are kept)."""
        with self._lock:
            while self._pending:
                batch = [self._pending.popleft() for _ in range(min(BATCH, len(self._pending)))]
                try:
                    log_requests(self.store, batch)
                except (CaveatError, SQLAlchemyError, OSError) as exc:
                    self._pending.extendleft(reversed(batch))
                    log.error("could not write the request log (will retry): %s", exc)
                    return False
            return True

    def close(self) -> None:
        """Stop the thread and write what is left."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(30)
        self.flush()
        if self.dropped:
            log.error("%d request-log rows were dropped while the database was away", self.dropped)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(FLUSH_INTERVAL)
            self._wake.clear()
            if not self.flush():
                self._stop.wait(1.0)  # back off while the database is away


class RequestLog:
    """ASGI middleware: a request-log row for every request but the open probes, with
    the key's name, the route, how many queries, the list versions, status and time."""

    def __init__(self, app: ASGIApp, writer: LogWriter) -> None:
        self.app = app
        self.writer = writer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def watching_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            state = scope.get("state") or {}
            route = getattr(scope.get("route"), "path", scope["path"])
            self.writer.add(
                request_row(
                    key_name=state.get("key_name"),
                    method=scope["method"],
                    route=str(route),
                    query_count=int(state.get("query_count", 0)),
                    versions=state.get("versions") or [],
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
            )
