"""The program to hand to ``spark-submit``: ``caveat batch ... --engine spark``.

``spark-submit [--master URL] [resources] caveat/batch/submit.py QUERIES -o OUTPUT
[options]`` screens on the cluster spark-submit names; the options are those of
``caveat batch``. See docs/batch.md.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from caveat.cli import cli

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``caveat batch`` on the Spark engine with these arguments.

    Args:
        argv: The arguments after the program (default: the command line's).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    cli(["batch", *args, "--engine", "spark"], prog_name="caveat")


if __name__ == "__main__":
    main()
