"""Country names and codes to FollowTheMoney country codes, without the start-up stall.

FollowTheMoney reads a country through rigour's table of territory names, which
rigour builds by transliterating every name in every script the first time it is
asked: one to two seconds in each process, paid by the first list parsed and by the
first query that names a country. Caveat builds the same table once, at install
(`caveat.shipped`) or else on first use into ``CAVEAT_HOME/cache``, one file per rigour
version, and answers from it as rigour would: by code first, then by rigour's normal
form of the name.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from caveat import settings
from caveat.shipped import read_table, shipped_path, table_file, write_table

__all__ = [
    "build_territory_names",
    "country_code",
    "shipped_territory_names_path",
    "territory_names_path",
]


def territory_names_path() -> Path:
    """Where the table is kept for the installed rigour when it was not built at install."""
    return settings.caveat_home() / "cache" / table_file("territory-names", "rigour")


def shipped_territory_names_path() -> Path:
    """Where the table built at install lives, inside the package."""
    return shipped_path("territory-names", "rigour")


def _read(path: Path) -> dict[str, str] | None:
    table = read_table(path)
    if table is None or not all(isinstance(v, str) for v in table.values()):
        return None
    return table


@cache
def _territory_names() -> dict[str, str]:
    """Rigour's territory names (in its normal form) to territory codes."""
    names = _read(shipped_territory_names_path())
    if names is not None:
        return names
    path = territory_names_path()
    names = _read(path)
    if names is None:
        names = build_territory_names()
        write_table(path, names)
    return names


def build_territory_names() -> dict[str, str]:
    """Rigour's table, built as rigour builds it: one to two seconds."""
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
