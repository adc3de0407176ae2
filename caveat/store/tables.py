"""The database tables. One immutable row set per list version; entity bodies are
content-addressed so that versions share the entries that did not change."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "active_versions",
    "api_keys",
    "downloads",
    "entity_bodies",
    "events",
    "list_versions",
    "metadata",
    "request_log",
    "version_entities",
]

metadata = MetaData()

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list_id", String(100), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("format", String(50), nullable=False),
    Column("parser_version", String(20), nullable=False),
    Column("publish_date", String(10), nullable=True),
    Column("snapshot_date", String(10), nullable=True),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("source_files", Text, nullable=False),
    UniqueConstraint("list_id", "content_hash", "parser_version", name="uq_list_versions_content"),
)

active_versions = Table(
    "active_versions",
    metadata,
    Column("list_id", String(100), primary_key=True),
    Column("version_id", Integer, ForeignKey("list_versions.id"), nullable=False),
    Column("activated_at", DateTime(timezone=True), nullable=False),
)

entity_bodies = Table(
    "entity_bodies",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("data", Text, nullable=False),
)

version_entities = Table(
    "version_entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("source_id", String(150), nullable=False),
    Column("schema", String(50), nullable=False),
    Column("caption", Text, nullable=False),
    Column("hash", String(64), ForeignKey("entity_bodies.hash"), nullable=False),
)
Index("ix_version_entities_source_id", version_entities.c.source_id)
Index("ix_version_entities_entity_id", version_entities.c.entity_id)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(30), nullable=False),
    Column("list_id", String(100), nullable=True),
    Column("version_id", Integer, nullable=True),
    Column("detail", Text, nullable=False),
)

downloads = Table(
    "downloads",
    metadata,
    Column("url", String(1000), primary_key=True),
    Column("etag", String(500), nullable=True),
    Column("last_modified", String(100), nullable=True),
    Column("content_hash", String(64), nullable=True),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)

# -- API access (caveat/store/access.py) ------------------------------------------
# Keys are stored as SHA-256 hashes only: the secret is shown once, at creation.

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)
Index("ix_api_keys_name", api_keys.c.name)

# One row per API request: who asked, what, and against which list versions, so an
# auditor can say which lists a past answer came from.
request_log = Table(
    "request_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("key_name", String(100), nullable=True),
    Column("method", String(10), nullable=False),
    Column("route", String(200), nullable=False),
    Column("query_count", Integer, nullable=False),
    Column("list_versions", Text, nullable=False),
    Column("status", Integer, nullable=False),
    Column("duration_ms", Float, nullable=False),
)
Index("ix_request_log_at", request_log.c.at)
