"""The list commands on the real snapshots in ../shared/data (issue #2)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caveat.cli import cli
from tests.conftest import real_file


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, list(args), env={"CAVEAT_HOME": str(home), "COLUMNS": "200"}, catch_exceptions=False
    )


@pytest.fixture(scope="module")
def loaded(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """Every list in ../shared/data, loaded once for this module."""
    home = tmp_path_factory.mktemp("home")
    return home, run(home, "update", "--from", str(shared_data), "--json")


def test_update_from_shared_data_loads_every_list(loaded: tuple[Path, Result]) -> None:
    home, result = loaded
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert all(o["error"] is None for o in report["loaded"])
    assert len(report["skipped"]) == 2  # the two OFAC alias/address sets with no primary
    active = {v["list_id"]: v for v in json.loads(run(home, "lists", "--json").stdout)}
    assert {k: v["entity_count"] for k, v in active.items()} == {
        "un_sc": 1003,
        "us_ofac_cons": 442,
        "us_ofac_sdn": 14965,
        "us_trade_csl": 14160,
    }
    assert active["us_ofac_sdn"]["snapshot_date"] == "2024-05-03"
    assert active["us_ofac_cons"]["format"] == "ofac_csv"  # the 2025-12-19 snapshot is newest
    assert active["un_sc"]["publish_date"] == "2026-02-27"
    versions = json.loads(run(home, "lists", "--all", "--json").stdout)
    cons = [v["date"] for v in versions if v["list_id"] == "us_ofac_cons"]
    assert cons == ["2025-01-10", "2025-03-28", "2025-12-19"]


def test_lists_prints_a_table(loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    output = run(home, "lists").stdout
    assert "us_ofac_sdn" in output and "14,965" in output


def test_loading_again_stores_nothing_new(shared_data: Path, loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    before = json.loads(run(home, "lists", "--all", "--json").stdout)
    again = run(home, "update", "--from", str(shared_data / "un_sc"), "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["loaded"][0]["created"] is False
    assert json.loads(run(home, "lists", "--all", "--json").stdout) == before


def test_show_demir(loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    result = run(home, "show", "27018", "--list", "us_ofac_sdn", "--json")
    (entity,) = json.loads(result.stdout)
    props = entity["properties"]
    assert props["birthDate"] == ["1960-04-01"]
    assert props["birthPlace"] == ["Elazig, Turkey"]
    assert {
        "type": "Turkish Identification Number",
        "number": "37435275130",
        "country": "tr",
    } in entity["identifiers"]
    assert entity["programs"] == ["CAATSA - RUSSIA"]
    (link,) = [lk for lk in entity["links"] if lk["relation"] == "linked_to"]
    assert link["target_name"] == "PRESIDENCY OF DEFENSE INDUSTRIES"
    assert "us_ofac_cons-27016" in link["resolved"]
    table = run(home, "show", "us_ofac_sdn-27018").stdout
    for text in (
        "1960-04-01",
        "Elazig, Turkey",
        "37435275130",
        "CAATSA - RUSSIA",
        "us_ofac_cons-27016",
    ):
        assert text in table


def test_show_presidency_weak_aliases(loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    (entity,) = json.loads(run(home, "show", "us_ofac_cons-27016", "--json").stdout)
    assert {"SSB", "SSM"} <= set(entity["properties"]["weakAlias"])
    assert "SSB" in run(home, "show", "27016", "--list", "us_ofac_cons").stdout


def test_show_unknown_entity_fails_cleanly(loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    result = run(home, "show", "no-such-entity")
    assert result.exit_code == 1
    assert "no entity 'no-such-entity'" in result.output


def ent_nums(path: Path) -> set[str]:
    text = gzip.decompress(path.read_bytes()).decode("utf-8").replace("\x1a", "")
    return {row[0] for row in csv.reader(io.StringIO(text)) if row}


def test_diff_between_the_2021_and_2024_sdn(shared_data: Path, loaded: tuple[Path, Result]) -> None:
    home, _ = loaded
    old = ent_nums(real_file(shared_data, "us_ofac/sdn_csv_2021-07-07/sdn.csv.gz"))
    new = ent_nums(real_file(shared_data, "us_ofac/sdn_csv_2024-05-03/sdn.csv.gz"))
    result = run(home, "diff", "us_ofac_sdn", "2021-07-07", "2024-05-03", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["added"]) == len(new - old)
    assert len(data["removed"]) == len(old - new)
    assert {"id": "us_ofac_sdn-27018", "caption": "DEMIR, Ismail"} not in data["added"]
    assert len(data["changed"]) + data["unchanged"] == len(old & new)
    table = run(home, "diff", "us_ofac_sdn", "--limit", "3").stdout
    assert f"{len(new - old):,} added" in table


def test_bad_file_exits_non_zero_and_keeps_active_version(
    loaded: tuple[Path, Result], tmp_path: Path
) -> None:
    home, _ = loaded
    before = run(home, "lists", "--json").stdout
    bad = tmp_path / "un_2027-01-01"
    bad.mkdir()
    (bad / "consolidated.xml").write_bytes(
        b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>'
    )
    result = run(home, "update", "--from", str(bad))
    assert result.exit_code == 1
    assert "consolidated.xml" in result.output and "line" in result.output
    assert run(home, "lists", "--json").stdout == before
