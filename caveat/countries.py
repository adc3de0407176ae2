"""Country names and codes to FollowTheMoney country codes, without the start-up stall.

FollowTheMoney reads a country through rigour's table of territory names, which
rigour builds by transliterating every name in every script the first time it is
asked: one to two seconds in each process, paid by the first list parsed and by the
first query that names a country. Caveat builds the same table once, at install
(``python -m caveat.countries``, run by ``scripts/setup``, writes it into the package)
or else on first use into ``CAVEAT_HOME/cache``, one file per rigour version, and
answers from it as rigour would: by code first, then by rigour's normal form of the
name.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unicodedata
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

from caveat import settings

__all__ = ["country_code", "shipped_territory_names_path", "territory_names_path"]


def _file_name() -> str:
    return f"territory-names-{version('rigour')}.json"


def territory_names_path() -> Path:
    """Where the table is kept for the installed rigour when it was not built at install."""
    return settings.caveat_home() / "cache" / _file_name()


def shipped_territory_names_path() -> Path:
    """Where the table built at install lives, inside the package."""
    return Path(__file__).resolve().parent / "_build" / _file_name()


def _read(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return data


def _write(path: Path, names: dict[str, str]) -> None:
    """Write the whole file or nothing; a read-only home only costs the next process
    the time to build the table again."""
    partial: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".partial", delete=False
        ) as handle:
            partial = handle.name
            json.dump(names, handle, ensure_ascii=False, separators=(",", ":"))
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except OSError:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


@cache
def _territory_names() -> dict[str, str]:
    """Rigour's territory names (in its normal form) to territory codes."""
    names = _read(shipped_territory_names_path())
    if names is not None:
        return names
    path = territory_names_path()
    names = _read(path)
    if names is None:
        names = _build()
        _write(path, names)
    return names


def _build() -> dict[str, str]:
    from rigour.territories.lookup import _get_territory_names

    return {name: t.code for name, t in _get_territory_names().items()}


@lru_cache(maxsize=10_000)
def country_code(text: str) -> str | None:
    """The FollowTheMoney country code of a code or a name ("IR", "IRN", "Iran",
    "Islamic Republic of Iran"), or None when it names no country FollowTheMoney knows."""
    from normality.cleaning import remove_unsafe_chars
    from rigour.territories import get_territory
    from rigour.territories.lookup import lookup_by_identifier
    from rigour.territories.util import normalize_territory_name

    # FollowTheMoney's cleaning of any text value, without importing it.
    cleaned = remove_unsafe_chars(unicodedata.normalize("NFC", text)).strip()
    if cleaned == "":
        return None
    territory = lookup_by_identifier(cleaned)
    if territory is None:
        code = _territory_names().get(normalize_territory_name(cleaned))
        territory = None if code is None else get_territory(code)
    return None if territory is None else territory.ftm_country


def main() -> int:
    """``python -m caveat.countries``: build the table into the package, unless it is
    there for the installed rigour."""
    path = shipped_territory_names_path()
    if _read(path) is not None:
        print(f"{path} is up to date")
        return 0
    _write(path, _build())
    if _read(path) is None:
        print(f"could not write {path}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
