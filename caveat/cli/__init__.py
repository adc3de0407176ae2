"""The ``caveat`` command: a thin shell over `caveat.store` and the loaders."""

from caveat.cli import lists as _lists  # noqa: F401  (registers the list commands)
from caveat.cli import screening as _screening  # noqa: F401  (registers screen and batch)
from caveat.cli import serve as _serve  # noqa: F401  (registers serve and keys)
from caveat.cli.app import cli, main

__all__ = ["cli", "main"]
