"""Shared fixtures: the real list snapshots in ``../shared/data`` (or
``CAVEAT_TEST_DATA``), an isolated Caveat home per test, and a fresh store on each
database backend: SQLite, and PostgreSQL at ``CAVEAT_TEST_POSTGRES_URL`` (``bash
scripts/test`` starts one and sets it; the PostgreSQL cases skip when it is unset)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from caveat.store import Store

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_data_dir() -> Path:
    value = os.environ.get("CAVEAT_TEST_DATA")
    if value is not None and value.strip() != "":
        return Path(value)
    return REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The directory of real list snapshots; tests that need it skip when it is absent."""
    path = shared_data_dir()
    if not (path / "SOURCES.md").exists():
        pytest.skip(f"real list data not found at {path} (set CAVEAT_TEST_DATA)")
    return path


def real_file(shared_data: Path, relative: str) -> Path:
    path = shared_data / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in {shared_data}")
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True, scope="session")
def _default_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Whatever a test leaves in Caveat's home (caches, a store) goes to a temporary
    one, never the user's, unless the test names its own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("CAVEAT_HOME", str(tmp_path_factory.mktemp("default-home")))
    yield
    patch.undo()


@pytest.fixture
def caveat_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("CAVEAT_HOME", str(home))
    monkeypatch.delenv("CAVEAT_DATABASE_URL", raising=False)
    monkeypatch.delenv("CAVEAT_CATALOGUE", raising=False)
    yield home


BACKENDS = ["sqlite", "postgresql"]


def postgres_url() -> str | None:
    value = os.environ.get("CAVEAT_TEST_POSTGRES_URL")
    return value if value is not None and value.strip() != "" else None


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections see only a new, empty schema (through ``search_path``);
    the schema and everything in it are dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    if url.get_driver_name() in ("", None):
        url = url.set(drivername="postgresql+psycopg")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of its own for each test, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'caveat.db'}"
        return
    base = postgres_url()
    if base is None:
        pytest.skip("PostgreSQL not configured: set CAVEAT_TEST_POSTGRES_URL (scripts/test does)")
    with postgres_schema(base) as url:
        yield url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A fresh store on each backend."""
    from caveat.store import Store

    db = Store(database_url)
    yield db
    db.close()
