"""API key checking: ``Authorization: ApiKey <key>`` (or ``Bearer <key>``) or
``X-API-Key: <key>``.

yente has no authentication, so its clients add a header rather than change a body;
both header styles in use are accepted. Keys are checked against the stored SHA-256
hashes (`caveat.store.access.verify_key`); the key's name is kept on the request for
the request log.
"""

from __future__ import annotations

from fastapi import Request, Security
from fastapi.security import APIKeyHeader

from caveat.api.errors import Unauthorized
from caveat.store import Store
from caveat.store.access import verify_key

__all__ = ["SCHEMES", "presented_key", "require_key"]

SCHEMES = ("apikey", "bearer")

# For the OpenAPI document only (either header will do); `presented_key` reads them.
X_API_KEY = APIKeyHeader(
    name="X-API-Key", scheme_name="X-API-Key", auto_error=False, description="The key alone."
)
AUTHORIZATION = APIKeyHeader(
    name="Authorization",
    scheme_name="Authorization",
    auto_error=False,
    description="'ApiKey <key>' or 'Bearer <key>'.",
)


def presented_key(request: Request) -> str | None:
    """The key the client sent, from either header; None when it sent none."""
    header = request.headers.get("x-api-key")
    if header is not None and header.strip() != "":
        return header.strip()
    authorization = request.headers.get("authorization")
    if authorization is None:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() not in SCHEMES or value.strip() == "":
        return None
    return value.strip()


def require_key(
    request: Request,
    _x_api_key: str | None = Security(X_API_KEY),
    _authorization: str | None = Security(AUTHORIZATION),
) -> None:
    """FastAPI dependency: 401 unless the request carries an active key.

    Raises:
        Unauthorized: no key, or an unknown or revoked one.
    """
    if not request.app.state.require_keys:
        return
    secret = presented_key(request)
    if secret is None:
        raise Unauthorized(
            "an API key is required: send 'Authorization: ApiKey <key>' or 'X-API-Key: <key>'"
        )
    store: Store = request.app.state.store
    name = verify_key(store, secret)
    if name is None:
        raise Unauthorized("the API key is unknown or has been revoked")
    request.state.key_name = name
