"""Tables derived from FollowTheMoney and rigour, built once into the package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from followthemoney import model

from caveat import shipped
from caveat.shipped import read_table, schema_lineage, ship


@pytest.fixture
def lineage_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "_build" / "schema-lineage.json"
    monkeypatch.setattr(shipped, "lineage_path", lambda: path)
    schema_lineage.cache_clear()
    yield path
    schema_lineage.cache_clear()


def _model_lineage() -> dict[str, frozenset[str]]:
    return {name: frozenset(s.names) for name, s in model.schemata.items()}


def test_the_lineage_table_is_followthemoneys(lineage_at: Path) -> None:
    assert ship(lineage_at, shipped._build_lineage)
    assert json.loads(lineage_at.read_text(encoding="utf-8"))["Person"] == sorted(
        model.get("Person").names
    )
    assert schema_lineage() == _model_lineage()
    assert "LegalEntity" in schema_lineage()["Company"]


@pytest.mark.parametrize("content", ['{"Person": ["Pers', '{"Person": "LegalEntity"}', "[1]"])
def test_a_damaged_table_is_not_used(lineage_at: Path, content: str) -> None:
    lineage_at.parent.mkdir(parents=True)
    lineage_at.write_text(content, encoding="utf-8")
    assert schema_lineage() == _model_lineage()


def test_a_table_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "tables" / "t.json"
    assert ship(path, lambda: {"a": "b"})
    assert read_table(path) == {"a": "b"}
    assert path.stat().st_mode & 0o777 == 0o644
    # There already, it is left as it is.
    assert ship(path, lambda: {"a": "c"})
    assert read_table(path) == {"a": "b"}
    assert list(path.parent.glob("*.partial")) == []
    # Where it cannot be written, the answer is that it is not there.
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert not ship(blocked / "t.json", lambda: {"a": "b"})
