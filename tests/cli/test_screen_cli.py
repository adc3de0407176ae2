"""`caveat screen` and `caveat batch` on a small list loaded from the fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caveat.cli import cli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screen-cli")
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    result = run(folder, "update", "--from", str(fixtures / "internal" / "customers_blocklist.csv"))
    assert result.exit_code == 0, result.output
    return folder


def run(home: Path, *args: str) -> Result:
    env = {"CAVEAT_HOME": str(home), "COLUMNS": "200"}
    return CliRunner().invoke(cli, list(args), env=env)


def test_screen_prints_explained_hits(home: Path) -> None:
    result = run(home, "screen", "Владимир", "Путин", "--schema", "Person")
    assert result.exit_code == 0, result.output
    assert "BL-0001" in result.output
    assert "Vladimir Vladimirovich Putin" in result.output


def test_screen_json_carries_list_versions_and_explanations(home: Path) -> None:
    result = run(home, "screen", "Vladimir Putin", "--dob", "1952-10-07", "--json")
    data = json.loads(result.stdout)
    (hit, *_) = data["hits"]
    assert hit["source_id"] == "BL-0001"
    assert hit["explanation"]["evidence"][0]["feature"] == "birth date"
    assert list(data["lists"]) == ["internal_customers_blocklist"]


def test_screen_refuses_bad_queries_cleanly(home: Path) -> None:
    result = run(home, "screen", "x" * 10_000)
    assert result.exit_code == 1
    assert "at most 1,000 characters" in result.output
    assert run(home, "screen", "Putin", "--dob", "1952-13-40").exit_code == 1


def test_batch_writes_hits_and_reports_bad_lines(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "customers.csv"
    source.write_text("id,name\n1,Bashar al-Assad\n2,\n3,Nobody Atall\n", encoding="utf-8")
    output = tmp_path / "hits.csv"
    result = run(home, "batch", str(source), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "line 3" in result.output
    assert "BL-0003" in output.read_text(encoding="utf-8")


def test_starting_the_command_leaves_the_parsers_and_the_server_unimported() -> None:
    # Every `caveat screen` pays for what the command imports at start: FollowTheMoney's
    # model (behind the list parsers) and the web server are for `update` and `serve`.
    code = (
        "import sys, caveat.cli; "
        "print(sorted(m for m in ('followthemoney', 'uvicorn', 'fastapi') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
