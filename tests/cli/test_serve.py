"""`caveat keys`: the key is printed once and works with the store; revoke and list.
`caveat serve` as a real process: killed during a list update, and with several
workers on one PostgreSQL."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from caveat.cli import cli
from caveat.store import Store
from caveat.store.access import list_keys, read_requests, verify_key
from tests.api.conftest import blocklist
from tests.api.processes import Server, caveat, environment, serving, tagged, wait_for, writing
from tests.conftest import postgres_schema, postgres_url, real_file


def test_keys_create_list_revoke(caveat_home: Path) -> None:
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "--name", "crm"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.splitlines()[0]
    with Store() as store:
        assert verify_key(store, secret) == "crm"
    again = runner.invoke(cli, ["keys", "create", "--name", "crm"])
    assert again.exit_code == 1 and "already named" in again.output
    listed = runner.invoke(cli, ["keys", "list"])
    assert "crm" in listed.output and secret not in listed.output
    assert runner.invoke(cli, ["keys", "revoke", "crm"]).exit_code == 0
    with Store() as store:
        assert verify_key(store, secret) is None
        assert list_keys(store)[0].revoked_at is not None
    missing = runner.invoke(cli, ["keys", "revoke", "crm"])
    assert missing.exit_code == 1 and "no active key" in missing.output


# -- killed during a list update (issue 4) ------------------------------------------
# `caveat serve` runs as a real process over SQLite or PostgreSQL with the blocklist
# active, and is SIGKILLed while it loads the 2024 SDN list (inside the load's one
# transaction, once it has written part of it) or while it writes the new index file.
# After a restart: what was active before (or, once the load had committed, the new
# version) is served, nothing half-written is visible, and the update runs again.

SDN = "us_ofac/sdn_csv_2024-05-03/sdn.csv.gz"
SDN_DIR = "sdn_csv_2024-05-03"
PUTIN = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}
DEMIR = {"queries": {"q": {"schema": "Person", "properties": {"name": ["İsmail Demir"]}}}}
DEMIR_ID = "us_ofac_sdn-27018"
BLOCKLIST = "internal_customers_blocklist"


@dataclass
class Setup:
    env: dict[str, str]
    key: str
    home: Path
    database_url: str


def make_setup(database_url: str, folder: Path, shared_data: Path) -> Setup:
    """A home whose store has the blocklist active (loaded by `caveat update` in another
    process), a key, and the SDN file in the server's lists directory."""
    lists = folder / "lists" / SDN_DIR
    lists.mkdir(parents=True)
    shutil.copy(real_file(shared_data, SDN), lists / "sdn.csv.gz")
    home = folder / "home"
    url = tagged(database_url, f"caveat-test-{uuid.uuid4().hex[:12]}")
    env = environment(home, url)
    caveat(env, "update", "--from", str(blocklist()))
    key = caveat(env, "keys", "create", "--name", "tests").strip()
    return Setup(env, key, home, url)


@pytest.fixture
def setup(database_url: str, tmp_path: Path, shared_data: Path) -> Setup:
    return make_setup(database_url, tmp_path, shared_data)


@pytest.fixture
def sqlite_setup(tmp_path: Path, shared_data: Path) -> Setup:
    """The index file does not depend on the database backend: SQLite will do."""
    return make_setup(f"sqlite:///{tmp_path / 'caveat.db'}", tmp_path, shared_data)


def top_hit(http: httpx.Client, body: dict[str, Any]) -> str | None:
    reply = http.post("/match/default", json=body)
    assert reply.status_code == 200, reply.text
    results = reply.json()["responses"]["q"]["results"]
    return None if not results else str(results[0]["id"])


def stored_counts(setup: Setup) -> dict[str, int]:
    with Store(setup.database_url) as store, store.engine.connect() as conn:
        return {
            table: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in ("list_versions", "active_versions", "version_entities", "entity_bodies")
        }


def update_again(server: Server) -> None:
    """The update runs to the end, and the SDN list is screened afterwards."""
    with server.client() as http:
        reply = http.post("/lists/update", json={"path": SDN_DIR})
        assert reply.status_code == 200, reply.text
        assert reply.json()["failed"] == []
        wait_for(lambda: "us_ofac_sdn" in (server.ready() or {}).get("lists", {}), "the SDN")
        assert top_hit(http, DEMIR) == DEMIR_ID
        assert http.get(f"/entities/{DEMIR_ID}").status_code == 200
        assert top_hit(http, PUTIN) == "internal_customers_blocklist-BL-0001"


def test_killed_while_loading(setup: Setup) -> None:
    before = stored_counts(setup)
    with serving(setup.env, setup.key, "--lists-dir", str(setup.home.parent / "lists")) as server:
        wait_for(server.ready, "the first index")
        with server.client() as http:
            lists_before = http.get("/lists").json()["lists"]
            assert top_hit(http, PUTIN) == "internal_customers_blocklist-BL-0001"
        thread = threading.Thread(target=lambda: _post_quietly(server), daemon=True)
        thread.start()
        start = wait_for(lambda: writing(setup.database_url) is not None, "the load to start")
        assert start is True
        first = writing(setup.database_url) or 0
        wait_for(lambda: (writing(setup.database_url) or 0) > first + 256 * 1024, "rows")
        assert writing(setup.database_url) is not None  # still inside the transaction
        server.kill()
        thread.join(30)
    assert stored_counts(setup) == before
    with serving(setup.env, setup.key, "--lists-dir", str(setup.home.parent / "lists")) as again:
        wait_for(again.ready, "the index after the restart")
        with again.client() as http:
            assert http.get("/lists").json()["lists"] == lists_before
            assert top_hit(http, PUTIN) == "internal_customers_blocklist-BL-0001"
            assert http.get(f"/entities/{DEMIR_ID}").status_code == 404
            assert top_hit(http, DEMIR) is None
        update_again(again)


def _post_quietly(server: Server) -> None:
    try:
        with server.client() as http:
            http.post("/lists/update", json={"path": SDN_DIR})
    except httpx.TransportError:
        pass  # the server was killed under it


def test_killed_while_writing_the_index(sqlite_setup: Setup) -> None:
    setup = sqlite_setup
    index_dir = setup.home / "index"
    with serving(setup.env, setup.key, "--lists-dir", str(setup.home.parent / "lists")) as server:
        first = wait_for(server.ready, "the first index")
        # The update comes from another process; the server notices the new version.
        caveat(setup.env, "update", "--from", str(setup.home.parent / "lists"))
        temporary = wait_for(lambda: list(index_dir.glob("*.tmp")), "the new index file")
        server.kill()
    assert temporary[0].exists()  # killed before the rename: what a crash leaves
    complete = sorted(p.name for p in index_dir.glob("*.pickle"))
    assert complete == [f"{first['index']}.pickle"]  # nothing half-written under a real name
    with serving(setup.env, setup.key, "--lists-dir", str(setup.home.parent / "lists")) as again:
        ready = wait_for(again.ready, "the index after the restart")
        assert set(ready["lists"]) == {"internal_customers_blocklist", "us_ofac_sdn"}
        assert not temporary[0].exists()  # the next save removed what the dead writer left
        with again.client() as http:
            assert top_hit(http, DEMIR) == DEMIR_ID
        update_again(again)


# -- several workers on one PostgreSQL (issue 4) ------------------------------------
# Each request below opens a new connection, so that both workers get some; `caveat
# serve` answers /readyz with the worker's pid, so the tests can tell when every
# worker has seen a change.

ROUNDS = 24


@pytest.fixture
def postgres_setup(tmp_path: Path, shared_data: Path) -> Iterator[Setup]:
    base = postgres_url()
    if base is None:
        pytest.skip("PostgreSQL not configured: set CAVEAT_TEST_POSTGRES_URL (scripts/test does)")
    with postgres_schema(base) as url:
        yield make_setup(url, tmp_path, shared_data)


def every_worker(server: Server, workers: int, check: Callable[[dict[str, Any]], bool]) -> None:
    """Wait until ``ROUNDS`` /readyz answers in a row pass ``check``, from ``workers``
    distinct processes."""
    streak: set[int] = set()
    count = 0

    def settled() -> bool:
        nonlocal count
        ready = server.ready()
        if ready is None or not check(ready):
            streak.clear()
            count = 0
            return False
        streak.add(int(ready["worker"]))
        count += 1
        return count >= ROUNDS and len(streak) >= workers

    wait_for(settled, f"{workers} workers to agree")


def answers(server: Server, key: str, body: dict[str, Any]) -> list[int]:
    """The statuses of ``ROUNDS`` /match requests, each on a new connection."""
    out = []
    for _ in range(ROUNDS):
        reply = httpx.post(
            f"{server.url}/match/default", json=body, headers={"X-API-Key": key}, timeout=60
        )
        out.append(reply.status_code)
    return out


def logged(setup: Setup, key_name: str) -> int:
    """How many request-log rows name the key (rows are written a moment later)."""
    with Store(setup.database_url) as store:
        return sum(r.key_name == key_name for r in read_requests(store, limit=100_000))


def test_two_workers_share_one_postgresql(postgres_setup: Setup) -> None:
    setup = postgres_setup
    lists = str(setup.home.parent / "lists")
    with serving(setup.env, setup.key, "--workers", "2", "--lists-dir", lists) as server:
        every_worker(server, 2, lambda ready: set(ready["lists"]) == {BLOCKLIST})
        # A key created while the server runs works on every worker ...
        second = caveat(setup.env, "keys", "create", "--name", "second").strip()
        assert answers(server, second, PUTIN) == [200] * ROUNDS
        # ... and every request, on whichever worker, is logged once.
        assert answers(server, setup.key, PUTIN) == [200] * ROUNDS
        wait_for(lambda: logged(setup, "tests") >= ROUNDS, "the request log")
        wait_for(lambda: logged(setup, "second") >= ROUNDS, "the request log")
        assert logged(setup, "tests") == ROUNDS and logged(setup, "second") == ROUNDS
        # A list loaded by another process reaches every worker.
        caveat(setup.env, "update", "--from", lists)
        every_worker(server, 2, lambda ready: set(ready["lists"]) == {BLOCKLIST, "us_ofac_sdn"})
        with server.client() as http:
            assert top_hit(http, DEMIR) == DEMIR_ID
        # A revoked key is refused by every worker.
        caveat(setup.env, "keys", "revoke", "second")
        wait_for(lambda: answers(server, second, PUTIN) == [401] * ROUNDS, "the revocation")
        assert answers(server, setup.key, PUTIN) == [200] * ROUNDS
        server.alive()
