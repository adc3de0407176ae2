"""`caveat keys`: the key is printed once and works with the store; revoke and list."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from caveat.cli import cli
from caveat.store import Store
from caveat.store.access import list_keys, verify_key


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
