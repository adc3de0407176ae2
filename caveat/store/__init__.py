"""The versioned store: immutable list versions, their entities, and the audit log.

SQLAlchemy 2 Core on SQLite (default, under ``CAVEAT_HOME``) or PostgreSQL
(``CAVEAT_DATABASE_URL``).
"""

from caveat.store.diff import EntityChange, VersionDiff
from caveat.store.store import DownloadState, Event, ResolvedLink, Store
from caveat.store.versions import ListVersion, LoadResult

__all__ = [
    "DownloadState",
    "EntityChange",
    "Event",
    "ListVersion",
    "LoadResult",
    "ResolvedLink",
    "Store",
    "VersionDiff",
]
