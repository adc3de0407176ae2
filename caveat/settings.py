"""Settings read from ``CAVEAT_*`` environment variables, each with a typed default."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

__all__ = ["catalogue_path", "caveat_home", "database_url", "http_retries", "http_timeout"]


def caveat_home() -> Path:
    """The data directory: ``CAVEAT_HOME``, else the platform's user data directory."""
    value = os.environ.get("CAVEAT_HOME")
    if value is not None and value.strip() != "":
        return Path(value).expanduser()
    return Path(user_data_dir("caveat", appauthor=False))


def database_url() -> str:
    """``CAVEAT_DATABASE_URL``, else a SQLite file under `caveat_home`."""
    value = os.environ.get("CAVEAT_DATABASE_URL")
    if value is not None and value.strip() != "":
        return value
    return f"sqlite:///{caveat_home() / 'caveat.db'}"


def catalogue_path() -> Path | None:
    """``CAVEAT_CATALOGUE``: a YAML file that replaces the built-in list catalogue."""
    value = os.environ.get("CAVEAT_CATALOGUE")
    if value is None or value.strip() == "":
        return None
    return Path(value).expanduser()


def http_timeout() -> float:
    """Seconds to wait on a download's connect and on each read (``CAVEAT_HTTP_TIMEOUT``)."""
    return float(os.environ.get("CAVEAT_HTTP_TIMEOUT", "60"))


def http_retries() -> int:
    """How many times a failed download is tried again (``CAVEAT_HTTP_RETRIES``)."""
    return int(os.environ.get("CAVEAT_HTTP_RETRIES", "3"))


def name_data_path() -> Path | None:
    """``CAVEAT_NAME_DATA``: the folder of raw name knowledge (Wikidata groups,
    nicknames) that `python -m caveat.knowledge build` compiles."""
    value = os.environ.get("CAVEAT_NAME_DATA")
    if value is None or value.strip() == "":
        return None
    return Path(value).expanduser()
