"""Building the screening index for the active list versions, and keeping it on disk.

The index is pickled under ``CAVEAT_HOME/index/`` with a name derived from the active
versions, the parser versions, the engine version and the name-variant artefact, so a
new process loads it in well under a second and any change to those rebuilds it. Files
are written to a temporary name, synced and renamed, so a crash never leaves half an
index under the real name; the temporary files of killed writers are removed by the
next save.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import logging
import multiprocessing
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

from caveat import settings
from caveat.collection import collection_paused
from caveat.entity import Entity
from caveat.exc import NotFound
from caveat.index import ScreeningIndex
from caveat.knowledge import load_variants
from caveat.names.variants import NameVariants
from caveat.screen import Screener
from caveat.shipped import schema_lineage
from caveat.store import ListVersion, Store

__all__ = [
    "ENGINE_VERSION",
    "build_index",
    "index_fingerprint",
    "load_index",
    "open_screener",
    "settle",
]

log = logging.getLogger(__name__)

ENGINE_VERSION = "4"
# The code an index's content depends on: any change to it builds the index afresh.
ENGINE_SOURCES = ("names", "index", "match", "entity.py")
KEEP_INDEXES = 3
TEMP_SUFFIX = ".tmp"
ABANDONED_AFTER = 3600.0  # seconds without a write
# Young collections between two full ones (Python's default is 10); see `settle`.
FULL_COLLECTION_EVERY = 1_000


def index_fingerprint(versions: list[ListVersion], variants: NameVariants) -> str:
    digest = hashlib.sha256(f"engine {ENGINE_VERSION} {engine_digest()}\n".encode())
    for v in sorted(versions, key=lambda v: v.list_id):
        digest.update(f"{v.list_id} {v.id} {v.content_hash} {v.parser_version}\n".encode())
    digest.update(variants.digest().encode())
    return digest.hexdigest()[:24]


@lru_cache(maxsize=1)
def engine_digest() -> str:
    """A digest of the screening engine's own source and name knowledge files."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ENGINE_SOURCES:
        path = root / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for item in files:
            if item.is_file() and item.suffix in (".py", ".yml"):
                digest.update(item.relative_to(root).as_posix().encode() + b"\0")
                digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def load_index(
    store: Store,
    *,
    home: Path | None = None,
    variants: NameVariants | None = None,
    versions: list[ListVersion] | None = None,
    workers: int = 1,
) -> ScreeningIndex:
    """The index for the store's active versions (or for ``versions``, so that a caller
    who read them first gets an index of exactly those, even if a list changes
    meanwhile): loaded if built before, else built (by ``workers`` processes, as for
    `build_index`) and saved."""
    if versions is None:
        versions = store.lists()
    if not versions:
        raise NotFound("no lists are loaded: run `caveat update` (or `caveat update --from PATH`)")
    knowledge = variants if variants is not None else load_variants()
    fingerprint = index_fingerprint(versions, knowledge)
    folder = (home if home is not None else settings.caveat_home()) / "index"
    path = folder / f"{fingerprint}.pickle"
    if path.exists():
        try:
            with path.open("rb") as handle:
                index = pickle.load(handle)
            if isinstance(index, ScreeningIndex) and index.fingerprint == fingerprint:
                index.use_variants(knowledge)
                return settle(index)
        except Exception:  # any stale or damaged file is rebuilt below
            pass
    with collection_paused():
        entities = [e for v in versions for e in store.entities(v.id)]
        index = build_index(entities, knowledge, fingerprint, workers=workers)
        del entities
    _save(index, folder, path)
    return settle(index)


def build_index(
    entities: Sequence[Entity], variants: NameVariants, fingerprint: str, *, workers: int = 1
) -> ScreeningIndex:
    """The index of ``entities``, its names analysed by ``workers`` processes (forked:
    keep 1 in a process that runs threads). Should the workers fail to start or die
    (out of memory), the index is built in this process instead."""
    lineage = schema_lineage()
    with collection_paused():
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            # Forked, so that the workers start with the tables name analysis has loaded.
            context = multiprocessing.get_context("fork")
            try:
                with ProcessPoolExecutor(workers, mp_context=context) as executor:
                    return ScreeningIndex(entities, variants, fingerprint, lineage, executor)
            except (OSError, BrokenProcessPool) as exc:
                log.warning("building the index in one process: its workers failed (%s)", exc)
        return ScreeningIndex(entities, variants, fingerprint, lineage)


def settle(index: ScreeningIndex) -> ScreeningIndex:
    """Take a loaded index out of the garbage collector's sight, and make full
    collections rare in the process that screens with it.

    An index of a million entities holds tens of millions of objects that live as long
    as the process; walking them in every full collection stalls a query for a second
    or more. Freezing moves everything allocated so far into a permanent generation.
    The caches screening fills as it runs (names analysed, parts judged, entities
    prepared) are walked by every full collection too, a quarter of a second once they
    are full, while every query waits; the little cyclic garbage screening makes dies
    young, where the frequent young collections find it.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    _small_pages_for_arrays()
    return index


def _small_pages_for_arrays() -> None:
    """Stop NumPy asking the kernel for huge pages for arrays of 4 MB or more.

    A query's arrays live for a moment: two common parts meet hundreds of thousands of
    names, and each fresh huge page is faulted in and zeroed whole. On a million
    entities that made merging two such lists three times slower (8.7 ms against 24 ms
    for `Kara Hui`). The index's own arrays were made before, and keep their pages.
    The switch is NumPy's own (``NUMPY_MADVISE_HUGEPAGE=0`` at import does the same);
    where a NumPy lacks it, nothing changes."""
    try:
        multiarray = importlib.import_module("numpy._core.multiarray")
    except ImportError:
        return
    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    if switch is not None:
        switch(False)


def _save(index: ScreeningIndex, folder: Path, path: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(folder)
    # The writer's pid is in the name, so that a file left by a killed writer can be
    # told from one another process (a second server worker) is still writing.
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f"{path.stem}.{os.getpid()}.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _keep_newest(folder)


def _keep_newest(folder: Path) -> None:
    """Delete all but the `KEEP_INDEXES` newest indexes; another worker may be
    deleting them too, so a file that vanishes meanwhile is no error."""
    dated = []
    for saved in folder.glob("*.pickle"):
        try:
            dated.append((saved.stat().st_mtime, saved))
        except FileNotFoundError:
            continue
    for _, stale in sorted(dated, reverse=True)[KEEP_INDEXES:]:
        stale.unlink(missing_ok=True)


def _remove_abandoned(folder: Path) -> None:
    """Delete the temporary files of writers that died (kill -9) before renaming them:
    their process is gone, or they have not been written to for `ABANDONED_AFTER`."""
    stale_before = time.time() - ABANDONED_AFTER
    for temporary in folder.glob(f"*{TEMP_SUFFIX}"):
        parts = temporary.name.split(".")
        writer = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
        try:
            if writer is None or not _alive(writer) or temporary.stat().st_mtime < stale_before:
                temporary.unlink(missing_ok=True)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def open_screener(store: Store | None = None) -> Screener:
    """A `Screener` over the active lists of ``store`` (default: the configured one)."""
    return Screener(load_index(store if store is not None else Store()))
