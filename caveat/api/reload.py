"""The screener the API answers from, and its reload when the active lists change.

Requests must not wait for an index build (minutes on the full lists), and must never
see half an index. So the holder keeps the current `Screener` with the list versions
it was built from, and a watcher thread (`IndexHolder.watch`) compares those version
ids with ``store.lists()`` every `CHECK_INTERVAL`; when they differ it starts a build
in a background thread. Requests never touch the database here: they go on using the
old screener until the new one is swapped in, under a lock, together with its
versions. A request always gets a matching (screener, versions) pair, which is what
the request log records: the index is built from exactly those versions.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from caveat.api.errors import NotReady
from caveat.exc import CaveatError
from caveat.indexing import load_index
from caveat.screen import Screener
from caveat.store import ListVersion, Store

__all__ = ["CHECK_INTERVAL", "IndexHolder", "Loaded"]

log = logging.getLogger(__name__)

CHECK_INTERVAL = 1.0


@dataclass(frozen=True)
class Loaded:
    """A screener and the active versions its index was built from."""

    screener: Screener
    versions: list[ListVersion]


def _key(versions: list[ListVersion]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((v.list_id, v.id) for v in versions))


class IndexHolder:
    """Holds the current `Loaded` pair and rebuilds it in the background.

    Args:
        store: where the active list versions are read.
        home: the folder whose ``index/`` caches built indexes (default CAVEAT_HOME).
    """

    def __init__(self, store: Store, home: Path | None = None) -> None:
        self.store = store
        self.home = home
        self._lock = threading.Lock()
        self._loaded: Loaded | None = None
        self._building: tuple[tuple[str, int], ...] | None = None
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None

    @property
    def loaded(self) -> Loaded | None:
        return self._loaded

    @property
    def building(self) -> bool:
        return self._building is not None

    def current(self) -> Loaded:
        """The pair to answer this request from.

        Raises:
            NotReady: no index has been loaded yet.
        """
        loaded = self._loaded
        if loaded is None:
            detail = self.last_error if self.last_error is not None else "index is being built"
            raise NotReady(f"the screening index is not loaded yet: {detail}")
        return loaded

    def check(self) -> None:
        """Start a rebuild when the active versions changed (one small query)."""
        versions = self.store.lists()
        wanted = _key(versions)
        with self._lock:
            have = None if self._loaded is None else _key(self._loaded.versions)
            if wanted == have or wanted == self._building:
                return
            if self._building is not None:
                return  # the next check after this build picks the newer versions up
            if not versions:
                self.last_error = "no lists are loaded"
                return
            self._building = wanted
            self._thread = threading.Thread(
                target=self._build, args=(versions,), name="caveat-index", daemon=True
            )
            self._thread.start()

    def _build(self, versions: list[ListVersion]) -> None:
        try:
            index = load_index(self.store, home=self.home, versions=versions)
            loaded = Loaded(Screener(index), versions)
            with self._lock:
                self._loaded = loaded
                self.last_error = None
            log.info("screening index %s loaded", index.fingerprint)
        except CaveatError as exc:
            self.last_error = exc.message
            log.error("building the screening index failed: %s", exc.message)
        finally:
            with self._lock:
                self._building = None

    def watch(self, stop: threading.Event, interval: float = CHECK_INTERVAL) -> threading.Thread:
        """Check for new list versions every ``interval`` seconds until ``stop`` is set."""

        def run() -> None:
            while not stop.wait(interval):
                try:
                    self.check()
                except CaveatError as exc:  # the database is away: try again later
                    log.warning("checking for new list versions failed: %s", exc.message)

        thread = threading.Thread(target=run, name="caveat-index-watch", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until no build is running (for tests and start-up); True if loaded."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._loaded is not None
