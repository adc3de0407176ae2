"""The FastAPI application: routers, key checking, the body limit, the request log.

`create_app` builds everything from a `Store`, so tests and ``caveat serve`` run the
same app. Only the health probes and the OpenAPI documents are open; every other route
needs an API key unless ``require_keys`` is False (``caveat serve --no-auth``).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from caveat.api import data, matching
from caveat.api.auth import require_key
from caveat.api.errors import error_responses, install_error_handler
from caveat.api.limits import MAX_BODY_BYTES, BodyLimit
from caveat.api.reload import IndexHolder
from caveat.exc import CaveatError
from caveat.store import Store
from caveat.store.access import log_request

__all__ = ["OPEN_PATHS", "create_app"]

log = logging.getLogger(__name__)

# Probes and API documents: open, and not written to the request log.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect"})


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

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Start building (or loading) the index at once; /readyz says when it is there.
        await run_in_threadpool(holder.check, force=True)
        stop = threading.Event()
        holder.watch(stop)
        try:
            yield
        finally:
            stop.set()

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
    install_error_handler(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.middleware("http")(_log_requests)

    guarded = [Depends(require_key)]
    refusals = error_responses(401, 413)
    app.include_router(matching.router, dependencies=guarded, responses=refusals)
    app.include_router(data.router, dependencies=guarded, responses=refusals)

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

    return app


async def _log_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Write one request-log row per request, with the list versions it used."""
    started = time.perf_counter()
    response = await call_next(request)
    if request.url.path in OPEN_PATHS:
        return response
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    state = request.state
    store: Store = request.app.state.store
    try:
        await run_in_threadpool(
            log_request,
            store,
            key_name=getattr(state, "key_name", None),
            method=request.method,
            route=str(path),
            query_count=getattr(state, "query_count", 0),
            versions=getattr(state, "versions", None) or [],
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
        )
    except (CaveatError, SQLAlchemyError, OSError) as exc:
        log.error("could not write the request log: %s", exc)
    return response
