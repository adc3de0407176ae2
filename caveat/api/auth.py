"""API key checking: ``Authorization: ApiKey <key>`` (or ``Bearer <key>``) or
``X-API-Key: <key>``.

yente has no authentication, so its clients add a header rather than change a body;
both header styles in use are accepted. Keys are checked against the stored SHA-256
hashes (`caveat.store.access.verify_key`); the key's name is kept on the request for
the request log. A key found active is remembered for `KEY_TTL` seconds, so that a
busy client costs no database read per request; a revoked key is refused within that
time by every worker. Unknown keys are not remembered: each is looked up.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from caveat.api.errors import Unauthorized, error_response
from caveat.store import Store
from caveat.store.access import hash_key, verify_key

__all__ = [
    "KEY_TTL",
    "SCHEMES",
    "SECURITY_SCHEMES",
    "KeyCache",
    "KeyCheck",
    "document_security",
    "presented_key",
]

SCHEMES = ("apikey", "bearer")
KEY_TTL = 2.0
MAX_CACHED_KEYS = 10_000


class KeyCache:
    """Active keys seen in the last `KEY_TTL` seconds: key hash -> (name, expiry); the
    hash, so that secrets are not kept in memory longer than a request."""

    def __init__(self, ttl: float = KEY_TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[str, float]] = {}

    def get(self, secret: str) -> str | None:
        found = self._keys.get(hash_key(secret))
        if found is None or found[1] < time.monotonic():
            return None
        return found[0]

    def put(self, secret: str, name: str) -> None:
        with self._lock:
            if len(self._keys) >= MAX_CACHED_KEYS:
                self._keys.clear()
            self._keys[hash_key(secret)] = (name, time.monotonic() + self.ttl)

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


# The two header styles, as OpenAPI security schemes (either one will do).
SECURITY_SCHEMES: dict[str, Any] = {
    "X-API-Key": {
        "type": "apiKey", "in": "header", "name": "X-API-Key", "description": "The key alone.",
    },
    "Authorization": {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": "'ApiKey <key>' or 'Bearer <key>'.",
    },
}  # fmt: skip


def presented_key(headers: Headers) -> str | None:
    """The key the client sent, from either header; None when it sent none."""
    header = headers.get("x-api-key")
    if header is not None and header.strip() != "":
        return header.strip()
    authorization = headers.get("authorization")
    if authorization is None:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() not in SCHEMES or value.strip() == "":
        return None
    return value.strip()


class KeyCheck:
    """ASGI middleware: 401 in the error shape unless the request carries an active key;
    the probes and API documents (`open_paths`) are open. Checked before routing, so
    that an unknown route is no way to learn anything without a key, and so that the
    check costs no FastAPI dependency per request.

    Args:
        app: the application behind it.
        store: where keys are looked up.
        cache: the keys recently found active.
        open_paths: paths served without a key.
    """

    def __init__(
        self, app: ASGIApp, store: Store, cache: KeyCache, open_paths: frozenset[str]
    ) -> None:
        self.app = app
        self.store = store
        self.cache = cache
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.open_paths:
            await self.app(scope, receive, send)
            return
        try:
            name = await self.key_name(Headers(scope=scope))
        except Unauthorized as refused:
            await error_response(refused)(scope, receive, send)
            return
        scope.setdefault("state", {})["key_name"] = name
        await self.app(scope, receive, send)

    async def key_name(self, headers: Headers) -> str:
        """The name of the key presented.

        Raises:
            Unauthorized: no key, or an unknown or revoked one.
        """
        secret = presented_key(headers)
        if secret is None:
            raise Unauthorized(
                "an API key is required: send 'Authorization: ApiKey <key>' or 'X-API-Key: <key>'"
            )
        name = self.cache.get(secret)
        if name is None:
            name = await run_in_threadpool(verify_key, self.store, secret)
            if name is None:
                raise Unauthorized("the API key is unknown or has been revoked")
            self.cache.put(secret, name)
        return name


def document_security(schema: dict[str, Any], open_paths: frozenset[str]) -> dict[str, Any]:
    """The OpenAPI document with the key schemes, required by every guarded route."""
    schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    either: list[dict[str, list[str]]] = [{name: []} for name in SECURITY_SCHEMES]
    for path, operations in schema.get("paths", {}).items():
        if path in open_paths:
            continue
        for operation in operations.values():
            operation["security"] = either
    return schema
