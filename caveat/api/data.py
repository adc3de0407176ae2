"""The data endpoints: one entity, the active lists, and loading new list files.

/lists/update loads files already on the server (``caveat.loading.load_path``) and
asks the `IndexHolder` to look for the new versions at once; downloading stays the job
of ``caveat update``, so a request cannot make the server fetch arbitrary URLs. Nor can
it make the server read arbitrary files: only paths inside the lists directory the
server was started with (``caveat serve --lists-dir``) are loaded, and without one the
route is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from caveat.api.body import StrictJSONRoute
from caveat.api.errors import error_responses
from caveat.api.reload import IndexHolder
from caveat.exc import HTTPError, NotFound, QueryError
from caveat.loading import load_path
from caveat.store import Store

__all__ = ["UpdateRequest", "router"]

router = APIRouter(route_class=StrictJSONRoute)


class UpdateRequest(BaseModel):
    """Which files to load: a file or folder inside the lists directory (default: all)."""

    path: str = "."


def _inside(root: Path, relative: str) -> Path:
    """``relative`` resolved under ``root``; refuses a path that leaves it.

    Raises:
        QueryError: the path is empty or points outside ``root``.
    """
    if relative.strip() == "" or "\0" in relative:
        raise QueryError("give the 'path' of a file or folder inside the lists directory")
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise QueryError(
            f"the path {relative!r} is outside the server's lists directory", path=relative
        )
    if not target.exists():
        raise NotFound(f"no file or folder {relative!r} in the lists directory", path=relative)
    return target


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    request.state.versions = store.lists()
    return store


@router.get("/entities/{entity_id}", responses=error_responses(404, 422), tags=["Data access"])
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    """The entity as FollowTheMoney JSON (what yente returns), plus Caveat's fields."""
    store = _store(request)
    found = store.entity(entity_id)
    versions = {v.list_id: v for v in request.state.versions}
    version = versions.get(found.list_id)
    data = found.to_ftm()
    data.update(
        caption=found.caption,
        referents=[],
        target=True,
        list_id=found.list_id,
        source_id=found.source_id,
        identifiers=[i.to_dict() for i in found.identifiers],
        programs=list(found.programs),
        legal_basis=list(found.legal_basis),
        listed_on=found.listed_on,
        links=[link.to_dict() for link in found.links],
        version=None
        if version is None
        else {"id": version.id, "content_hash": version.content_hash},
    )
    return data


@router.get("/lists", tags=["Data access"])
def lists(request: Request) -> dict[str, Any]:
    """The active version of every list, with its content hash, and the index state."""
    _store(request)
    holder: IndexHolder = request.app.state.holder
    loaded = holder.loaded
    return {
        "lists": [v.to_dict() for v in request.state.versions],
        "index": {
            "ready": loaded is not None,
            "building": holder.building,
            "versions": {} if loaded is None else {v.list_id: v.id for v in loaded.versions},
        },
    }


@router.post("/lists/update", responses=error_responses(400, 403, 404, 422), tags=["Data access"])
def update(request: Request, body: UpdateRequest) -> dict[str, Any]:
    """Load list files from the server's lists directory, then reload the index.

    ``path`` is relative to the directory given to ``caveat serve --lists-dir``;
    downloading lists is the job of ``caveat update``.
    """
    root: Path | None = request.app.state.lists_dir
    if root is None:
        raise HTTPError(
            403, "this server loads no lists over HTTP: start it with `caveat serve --lists-dir`"
        )
    store: Store = request.app.state.store
    report = load_path(store, _inside(root, body.path))
    holder: IndexHolder = request.app.state.holder
    holder.check()
    request.state.versions = store.lists()
    return {
        "loaded": [
            o.result.version.to_dict() | {"created": o.result.created}
            for o in report.outcomes
            if o.result is not None
        ],
        "failed": [
            {"files": o.files.label} | o.error.to_dict()
            for o in report.outcomes
            if o.error is not None
        ],
        "skipped": report.skipped,
        "reloading": holder.building,
    }
