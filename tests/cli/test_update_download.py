"""`caveat update` against a local HTTP server serving list fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from caveat.cli import cli


def write_catalogue(path: Path, url: str, fmt: str = "internal_csv") -> Path:
    path.write_text(
        "lists:\n"
        "  internal_watch:\n"
        "    title: Watch list\n"
        f"    format: {fmt}\n"
        "    files:\n"
        f"      main: {url}\n",
        "utf-8",
    )
    return path


def test_update_downloads_from_the_catalogue(
    httpserver: HTTPServer, fixtures: Path, tmp_path: Path
) -> None:
    body = (fixtures / "internal" / "customers_blocklist.csv").read_bytes()
    httpserver.expect_request("/list.csv").respond_with_data(body, headers={"ETag": '"1"'})
    catalogue = write_catalogue(tmp_path / "catalogue.yml", httpserver.url_for("/list.csv"))
    env = {"CAVEAT_HOME": str(tmp_path / "home"), "CAVEAT_CATALOGUE": str(catalogue)}
    result = CliRunner().invoke(cli, ["update", "--json"], env=env)
    assert result.exit_code == 0, result.output
    (loaded,) = json.loads(result.stdout)["loaded"]
    assert loaded["list_id"] == "internal_watch" and loaded["active"] is True
    listed = json.loads(CliRunner().invoke(cli, ["lists", "--json"], env=env).stdout)
    assert [v["list_id"] for v in listed] == ["internal_watch"]


def test_update_reports_a_failed_download_and_exits_non_zero(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/list.csv").respond_with_data("nope", status=403)
    catalogue = write_catalogue(tmp_path / "catalogue.yml", httpserver.url_for("/list.csv"))
    env = {"CAVEAT_HOME": str(tmp_path / "home"), "CAVEAT_CATALOGUE": str(catalogue)}
    result = CliRunner().invoke(cli, ["update"], env=env)
    assert result.exit_code == 1
    assert "answered 403" in result.output
    assert "internal_watch" in result.output


def test_unknown_list_in_update_is_an_error(tmp_path: Path) -> None:
    env = {"CAVEAT_HOME": str(tmp_path / "home")}
    result = CliRunner().invoke(cli, ["update", "--list", "nope"], env=env)
    assert result.exit_code == 1
    assert "no list nope in the catalogue" in result.output


def test_bad_catalogue_is_an_error(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.yml"
    catalogue.write_text("lists:\n  x:\n    format: nonsense\n    files: {main: http://x}\n")
    env = {"CAVEAT_HOME": str(tmp_path / "home"), "CAVEAT_CATALOGUE": str(catalogue)}
    result = CliRunner().invoke(cli, ["update"], env=env)
    assert result.exit_code == 1
    assert "unknown list format 'nonsense'" in result.output
