"""Building the screening index for the active list versions, and keeping it on disk.

The index is pickled under ``CAVEAT_HOME/index/`` with a name derived from the active
versions, the parser versions, the engine version and the name-variant artefact, so a
new process loads it in well under a second and any change to those rebuilds it. Files
are written to a temporary name and renamed, so a crash never leaves half an index.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from caveat import settings
from caveat.exc import NotFound
from caveat.index import ScreeningIndex
from caveat.knowledge import load_variants
from caveat.names.variants import NameVariants
from caveat.screen import Screener
from caveat.store import ListVersion, Store

__all__ = ["ENGINE_VERSION", "index_fingerprint", "load_index", "open_screener"]

ENGINE_VERSION = "3"
KEEP_INDEXES = 3


def index_fingerprint(versions: list[ListVersion], variants: NameVariants) -> str:
    digest = hashlib.sha256(f"engine {ENGINE_VERSION}\n".encode())
    for v in sorted(versions, key=lambda v: v.list_id):
        digest.update(f"{v.list_id} {v.id} {v.content_hash} {v.parser_version}\n".encode())
    digest.update(variants.digest().encode())
    return digest.hexdigest()[:24]


def load_index(
    store: Store, *, home: Path | None = None, variants: NameVariants | None = None
) -> ScreeningIndex:
    """The index for the store's active versions: loaded if built before, else built
    and saved."""
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
                return index
        except Exception:  # any stale or damaged file is rebuilt below
            pass
    entities = list(store.active_entities())
    index = ScreeningIndex(entities, knowledge, fingerprint)
    _save(index, folder, path)
    return index


def _save(index: ScreeningIndex, folder: Path, path: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    old = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_INDEXES:]:
        stale.unlink(missing_ok=True)


def open_screener(store: Store | None = None) -> Screener:
    """A `Screener` over the active lists of ``store`` (default: the configured one)."""
    return Screener(load_index(store if store is not None else Store()))
