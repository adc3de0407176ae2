"""Opening the database: SQLite under ``CAVEAT_HOME`` by default, PostgreSQL through
``CAVEAT_DATABASE_URL``. Driver failures become `StoreError` here, at the edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from caveat.exc import StoreError
from caveat.store.tables import metadata

__all__ = ["open_engine"]


def open_engine(url: str) -> Engine:
    """Create the engine and the tables. SQLite gets WAL and foreign keys so that a
    reader never sees half a load and a crash leaves the previous version intact."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"the database URL {url!r} cannot be read: {exc}") from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database is not None and database not in ("", ":memory:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 60}
    elif parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", None):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, future=True, **kwargs)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        metadata.create_all(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database at {parsed!r}: {exc}") from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
