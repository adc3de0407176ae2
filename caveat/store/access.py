"""API keys and the API request log.

A key's secret is returned once, by `create_key`, and only its SHA-256 hash is stored:
a copy of the database cannot be used to call the API. Keys are revoked, never
deleted, so the request log can still name the key behind an old request.

Every API request is logged with the list versions it was answered from, as
``{list_id: [version_id, content_hash]}``, which is what an auditor needs to say which
lists a past screening result came from.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from caveat.exc import NotFound, QueryError, StoreError
from caveat.store.store import Store
from caveat.store.tables import api_keys, request_log
from caveat.store.versions import ListVersion, now

__all__ = [
    "ApiKey",
    "LoggedRequest",
    "create_key",
    "hash_key",
    "list_keys",
    "log_requests",
    "read_requests",
    "request_row",
    "revoke_key",
    "verify_key",
    "versions_used",
]

KEY_PREFIX = "cvt_"


@dataclass(frozen=True)
class ApiKey:
    """A key as stored: its name and dates, never its secret."""

    name: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class LoggedRequest:
    at: datetime
    key_name: str | None
    method: str
    route: str
    query_count: int
    list_versions: dict[str, list[Any]]
    status: int
    duration_ms: float


def hash_key(secret: str) -> str:
    """The stored form of a key: hex SHA-256 of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(store: Store, name: str) -> str:
    """Create a key named ``name`` and return its secret (shown only this once).

    Raises:
        QueryError: the name is empty or an active key already has it.
    """
    name = name.strip()
    if name == "" or len(name) > 100:
        raise QueryError("a key name must have 1 to 100 characters")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    try:
        with store.engine.begin() as conn:
            taken = conn.execute(
                select(api_keys.c.id).where(
                    api_keys.c.name == name, api_keys.c.revoked_at.is_(None)
                )
            ).first()
            if taken is not None:
                raise QueryError(f"an active key is already named {name!r}", name=name)
            conn.execute(
                insert(api_keys).values(name=name, key_hash=hash_key(secret), created_at=now())
            )
    except SQLAlchemyError as exc:
        raise StoreError(f"storing the key {name!r} failed: {exc}") from exc
    return secret


def revoke_key(store: Store, name: str) -> None:
    """Revoke the active key named ``name``.

    Raises:
        NotFound: no active key has that name.
    """
    with store.engine.begin() as conn:
        done = conn.execute(
            update(api_keys)
            .where(api_keys.c.name == name, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )
    if done.rowcount == 0:
        raise NotFound(f"no active key named {name!r}", name=name)


def verify_key(store: Store, secret: str) -> str | None:
    """The name of the active key with this secret, else None (unknown or revoked)."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(api_keys.c.name).where(
                api_keys.c.key_hash == hash_key(secret), api_keys.c.revoked_at.is_(None)
            )
        ).first()
    return None if row is None else str(row.name)


def list_keys(store: Store) -> list[ApiKey]:
    """Every key, revoked ones included, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_keys).order_by(api_keys.c.id)).all()
    return [ApiKey(r.name, r.created_at, r.revoked_at) for r in rows]


def versions_used(versions: list[ListVersion]) -> dict[str, list[Any]]:
    """The log's record of list versions: ``{list_id: [version_id, content_hash]}``."""
    return {v.list_id: [v.id, v.content_hash] for v in sorted(versions, key=lambda v: v.list_id)}


def request_row(
    *,
    key_name: str | None,
    method: str,
    route: str,
    query_count: int,
    versions: list[ListVersion],
    status: int,
    duration_ms: float,
    at: datetime | None = None,
) -> dict[str, Any]:
    """One request-log row, for `log_requests`."""
    return {
        "at": now() if at is None else at,
        "key_name": key_name,
        "method": method,
        "route": route[:200],
        "query_count": query_count,
        "list_versions": json.dumps(versions_used(versions)),
        "status": status,
        "duration_ms": duration_ms,
    }


def log_requests(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    """Append rows made by `request_row` to the request log, in one transaction."""
    if rows:
        with store.engine.begin() as conn:
            conn.execute(insert(request_log), list(rows))


def read_requests(store: Store, limit: int = 100) -> list[LoggedRequest]:
    """The latest logged requests, newest first."""
    query = select(request_log).order_by(request_log.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        LoggedRequest(
            r.at,
            r.key_name,
            r.method,
            r.route,
            r.query_count,
            json.loads(r.list_versions),
            r.status,
            r.duration_ms,
        )
        for r in rows
    ]
