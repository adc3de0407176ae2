"""Tables derived from installed dependencies, built once instead of in every process.

FollowTheMoney and rigour build some of their tables on first use, at a cost of a second
or two each: rigour's territory names (`caveat.countries`) and FollowTheMoney's schema
model, loaded only to learn which schema is a kind of which (`schema_lineage`).
``python -m caveat.shipped`` (run by ``scripts/setup``) writes them into the package,
one file per version of the dependency; without them, each is built when first needed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

__all__ = ["read_table", "schema_lineage", "ship", "shipped_path", "table_file", "write_table"]


def table_file(name: str, dependency: str) -> str:
    """The file name of the table ``name`` for the installed ``dependency``."""
    return f"{name}-{version(dependency)}.json"


def shipped_path(name: str, dependency: str) -> Path:
    """Where the table ``name`` for the installed ``dependency`` lives in the package."""
    return Path(__file__).resolve().parent / "_build" / table_file(name, dependency)


def read_table(path: Path) -> dict[str, Any] | None:
    """The table in ``path``, or None when it is missing or not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_table(path: Path, table: dict[str, Any]) -> None:
    """Write the whole file or nothing; a read-only place only costs the next process
    the time to build the table again."""
    partial: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".partial", delete=False
        ) as handle:
            partial = handle.name
            json.dump(table, handle, ensure_ascii=False, separators=(",", ":"))
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except OSError:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


def lineage_path() -> Path:
    return shipped_path("schema-lineage", "followthemoney")


def _build_lineage() -> dict[str, list[str]]:
    from caveat.index.index import schema_lineage as model_lineage

    return {name: sorted(kinds) for name, kinds in model_lineage().items()}


@cache
def schema_lineage() -> dict[str, frozenset[str]]:
    """Each FollowTheMoney schema with the schemas it is a kind of (itself included)."""
    table = read_table(lineage_path())
    if table is None or not all(isinstance(v, list) for v in table.values()):
        table = _build_lineage()
    return {name: frozenset(kinds) for name, kinds in table.items()}


def ship(path: Path, build: Callable[[], dict[str, Any]]) -> bool:
    """Build a table into ``path`` unless it is there; whether it is there now."""
    if read_table(path) is not None:
        print(f"{path} is up to date")
        return True
    write_table(path, build())
    if read_table(path) is None:
        print(f"could not write {path}", file=sys.stderr)
        return False
    print(f"wrote {path}")
    return True


def main() -> int:
    """``python -m caveat.shipped``: build every table into the package."""
    from caveat.countries import build_territory_names, shipped_territory_names_path

    built = [
        ship(shipped_territory_names_path(), build_territory_names),
        ship(lineage_path(), _build_lineage),
    ]
    return 0 if all(built) else 1


if __name__ == "__main__":
    raise SystemExit(main())
