"""Opening the database: SQLite under ``CAVEAT_HOME`` by default, PostgreSQL through
``CAVEAT_DATABASE_URL``. Driver failures become `StoreError` here, at the edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from caveat.exc import StoreError
from caveat.store.tables import metadata

__all__ = ["lock_for_writing", "open_engine", "upsert_insert"]

# The key of the PostgreSQL advisory lock held while the tables are created, so that two
# processes opening a fresh database at once do not both create them.
_SCHEMA_LOCK = 0x43415645  # "CAVE"


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
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            metadata.create_all(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database at {parsed!r}: {exc}") from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def lock_for_writing(conn: Connection, key: str) -> None:
    """Serialise the writers of ``key`` (a list id) until the transaction ends. Must be
    the transaction's first statement: SQLite takes the database's write lock before any
    read (``BEGIN IMMEDIATE``, waiting up to the busy timeout), PostgreSQL a transaction
    advisory lock on the key. Reads after it see every write committed before it."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


def upsert_insert(conn: Connection, table: Table) -> Any:
    """The dialect's own ``INSERT`` for `table`, which has ``on_conflict_do_nothing`` and
    ``on_conflict_do_update`` on both SQLite and PostgreSQL."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table)
    raise StoreError(f"the {conn.dialect.name} database is not supported")
