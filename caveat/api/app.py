"""The FastAPI application: routers, key checking, the body limit, the request log.

`create_app` builds everything from a `Store`, so tests and ``caveat serve`` run the
same app. Only the health probes and the OpenAPI documents are open; every other route
needs an API key unless ``require_keys`` is False (``caveat serve --no-auth``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from caveat.api import data, matching
from caveat.api.auth import KeyCache, KeyCheck, document_security
from caveat.api.errors import error_responses, install_error_handler
from caveat.api.limits import MAX_BODY_BYTES, BodyLimit
from caveat.api.reload import IndexHolder
from caveat.api.request_log import OPEN_PATHS, LogWriter, RequestLog
from caveat.store import Store

__all__ = ["OPEN_PATHS", "create_app"]


def create_app(
    store: Store | None = None,
    *,
    require_keys: bool = True,
    home: Path | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    lists_dir: Path | None = None,
) -> FastAPI:
    """Build the API over ``store`` (default: the configured one).

    Args:
        store: the list store; also holds the API keys and the request log.
        require_keys: False lets every request through without a key.
        home: where built indexes are cached (default ``CAVEAT_HOME``).
        max_body_bytes: larger request bodies get 413.
        lists_dir: the folder POST /lists/update may load from; None refuses the route.
    """
    the_store = store if store is not None else Store()
    holder = IndexHolder(the_store, home)

    writer = LogWriter(the_store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Start building (or loading) the index at once; /readyz says when it is there.
        await run_in_threadpool(holder.check)
        stop = threading.Event()
        holder.watch(stop)
        writer.start()
        try:
            yield
        finally:
            stop.set()
            await run_in_threadpool(writer.close)

    app = FastAPI(
        title="Caveat",
        summary="Sanctions screening with explained hits; yente-compatible /match.",
        version="1",
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.store = the_store
    app.state.holder = holder
    app.state.require_keys = require_keys
    app.state.lists_dir = lists_dir
    app.state.keys = KeyCache()
    app.state.request_log = writer
    install_error_handler(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if require_keys:
        app.add_middleware(KeyCheck, store=the_store, cache=app.state.keys, open_paths=OPEN_PATHS)
    app.add_middleware(RequestLog, writer=writer)  # outermost: logs 401s and 413s too

    refusals = error_responses(401, 413) if require_keys else error_responses(413)
    app.include_router(matching.router, responses=refusals)
    app.include_router(data.router, responses=refusals)

    @app.get("/healthz", tags=["System"])
    def healthz() -> dict[str, str]:
        """Always 200 while the process runs (liveness)."""
        return {"status": "ok"}

    @app.get("/readyz", responses=error_responses(503), tags=["System"])
    def readyz() -> dict[str, Any]:
        """200 once an index is loaded, 503 before (readiness); a rebuild keeps it 200.
        ``worker`` is the answering process, for telling the workers of one server apart."""
        loaded = holder.current()
        return {
            "status": "ok",
            "worker": os.getpid(),
            "index": loaded.screener.index.fingerprint,
            "lists": {v.list_id: v.id for v in loaded.versions},
            "building": holder.building,
        }

    if require_keys:

        def openapi() -> dict[str, Any]:
            if app.openapi_schema is None:
                app.openapi_schema = document_security(FastAPI.openapi(app), OPEN_PATHS)
            return app.openapi_schema

        app.openapi = openapi  # type: ignore[method-assign]
    return app
