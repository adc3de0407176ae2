"""The command group and the one place where Caveat errors become CLI errors."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console

from caveat.exc import CaveatError
from caveat.store import Store

__all__ = ["cli", "console", "err_console", "handle_errors", "main", "open_store", "print_json"]

P = ParamSpec("P")
R = TypeVar("R")


def console() -> Console:
    """Standard output, sized to the terminal (or ``COLUMNS``) of this invocation."""
    plain = Console(highlight=False)
    # Piped or captured output is not a terminal: give tables room instead of 80 columns.
    return plain if plain.is_terminal else Console(highlight=False, width=160)


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@click.group()
@click.version_option(package_name="caveat")
def cli() -> None:
    """Caveat: sanctions screening against the official lists, with evidence.

    Lists and data live under CAVEAT_HOME (or CAVEAT_DATABASE_URL for PostgreSQL).
    """


def main() -> None:
    cli(prog_name="caveat")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a `CaveatError` into a clean message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CaveatError as exc:
            raise click.ClickException(exc.message) from exc

    return wrapper


def open_store() -> Store:
    return Store()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
