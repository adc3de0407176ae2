"""The catalogue of lists: official address and format of each, kept as YAML data."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from caveat.exc import ConfigError
from caveat.sources.registry import get_parser
from caveat.types import ListId

__all__ = ["CatalogueEntry", "load_catalogue"]


@dataclass(frozen=True)
class CatalogueEntry:
    list_id: ListId
    title: str
    publisher: str
    format: str
    files: dict[str, str]


def load_catalogue(path: Path | None = None) -> dict[ListId, CatalogueEntry]:
    """Read the catalogue: ``path`` if given, else the one shipped with Caveat."""
    if path is None:
        text = resources.files("caveat.sources").joinpath("catalogue.yml").read_text("utf-8")
        label = "built-in catalogue"
    else:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the catalogue {path}: {exc}") from exc
        label = str(path)
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{label} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("lists"), dict):
        raise ConfigError(f"{label} must hold a mapping under 'lists'")
    out: dict[ListId, CatalogueEntry] = {}
    for list_id, entry in data["lists"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
            raise ConfigError(f"{label}: list {list_id!r} needs 'format' and 'files'")
        parser = get_parser(str(entry.get("format")))
        files = {str(role): str(url) for role, url in entry["files"].items()}
        unknown = set(files) - set(parser.roles)
        missing = parser.required - set(files)
        if unknown or missing:
            raise ConfigError(
                f"{label}: list {list_id!r} in format {parser.format} takes the files "
                f"{', '.join(parser.roles)} (required: {', '.join(sorted(parser.required))})"
            )
        out[str(list_id)] = CatalogueEntry(
            list_id=str(list_id),
            title=str(entry.get("title", list_id)),
            publisher=str(entry.get("publisher", "")),
            format=parser.format,
            files=files,
        )
    return out
