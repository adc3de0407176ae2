"""Every command has help with an example, and the generated reference is current."""

from __future__ import annotations

import click
import pytest

from caveat.cli import cli
from caveat.cli.reference import render
from tests.conftest import REPO

COMMANDS = sorted(cli.list_commands(click.Context(cli)))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_an_example(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help is not None
    assert "Example:" in command.help


def test_cli_reference_is_current() -> None:
    current = (REPO / "docs" / "cli-reference.md").read_text("utf-8")
    assert current == render(), "run: python -m caveat.cli.reference > docs/cli-reference.md"
