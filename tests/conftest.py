"""Shared fixtures: the real list snapshots in ``../shared/data`` (or
``CAVEAT_TEST_DATA``), and an isolated Caveat home per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture
def caveat_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("CAVEAT_HOME", str(home))
    monkeypatch.delenv("CAVEAT_DATABASE_URL", raising=False)
    monkeypatch.delenv("CAVEAT_CATALOGUE", raising=False)
    yield home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in a temporary directory."""
    from caveat.store import Store

    db = Store(f"sqlite:///{tmp_path / 'caveat.db'}")
    yield db
    db.close()
