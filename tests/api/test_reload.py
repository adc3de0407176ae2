"""/readyz is 503 until an index is loaded; /lists/update loads files from the lists
directory only, and the index is rebuilt in the background and swapped in."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest

from caveat.api import create_app
from caveat.store import Store
from tests.api.conftest import blocklist, running

PUTIN = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}


def test_ready_only_after_lists_are_loaded(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'caveat.db'}")
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(blocklist(), folder / blocklist().name)
    app = create_app(store, require_keys=False, home=tmp_path / "home", lists_dir=folder)
    with running(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/healthz").status_code == 200
        waiting = http.get("/readyz")
        assert waiting.status_code == 503
        assert waiting.json()["error"] == "NotReady"
        assert http.post("/match/default", json=PUTIN).status_code == 503
        loaded = http.post("/lists/update", json={}).json()
        assert loaded["loaded"][0]["list_id"] == "internal_customers_blocklist"
        assert loaded["failed"] == []
        deadline = time.monotonic() + 60
        while http.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert http.get("/readyz").json()["lists"] == {"internal_customers_blocklist": 1}
        assert http.post("/match/default", json=PUTIN).json()["responses"]["q"]["results"]
    store.close()


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("", 400, "QueryError"),
        ("..", 400, "QueryError"),
        ("../../etc/passwd", 400, "QueryError"),
        ("/etc", 400, "QueryError"),
        ("no_such_list.csv", 404, "NotFound"),
        ("a\0b", 400, "QueryError"),
    ],
)
def test_update_stays_inside_the_lists_dir(
    tmp_path: Path, path: str, status: int, error: str
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    with Store(f"sqlite:///{tmp_path / 'caveat.db'}") as store:
        app = create_app(store, require_keys=False, home=tmp_path / "home", lists_dir=folder)
        with running(app) as url, httpx.Client(base_url=url, timeout=30) as http:
            reply = http.post("/lists/update", json={"path": path})
            assert reply.status_code == status, reply.text
            assert reply.json()["error"] == error
            assert store.lists() == []
