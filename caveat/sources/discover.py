"""Finding list files in a directory tree and grouping them into loadable sets.

Rules, in this order:

1. Every regular file is sniffed by name and content (gzip is looked through); files no
   format recognises are ignored.
2. Files of one format and one list in the same directory form one set (OFAC's legacy
   CSV spreads a list over a primary, an alias, an address and a comments file).
3. A set without its required file (alias or address files with no primary) is skipped
   with a warning.
4. Each set gets a snapshot date: a date in its folder name (``YYYY-MM-DD`` or
   ``YYYY-MM``), else in a parent folder's name, else the newest modification time of
   its files. The publish date inside a file, once parsed, outranks it.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from caveat.exc import EmptyFileError, FormatError
from caveat.sources.common import FileMatch, ListParser
from caveat.sources.registry import PARSERS, get_parser, sniff
from caveat.types import ListId

__all__ = ["Discovery", "FileSet", "discover", "snapshot_date"]

HEAD_BYTES = 65536
FOLDER_DATE = re.compile(r"(?<!\d)(19|20)(\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?!\d)")


@dataclass(frozen=True)
class FileSet:
    """One loadable set: the files (by role) of one version of one list."""

    parser: type[ListParser]
    list_id: ListId
    files: dict[str, Path]
    snapshot_date: str | None

    @property
    def label(self) -> str:
        return ", ".join(str(p) for _, p in sorted(self.files.items()))

    def size(self) -> int:
        """Bytes on disk, to give the largest sets out first when parsing in parallel."""
        total = 0
        for path in self.files.values():
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        return total


@dataclass
class Discovery:
    sets: list[FileSet] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_head(path: Path) -> bytes:
    """The first decompressed bytes of a file, or b"" if it cannot be read."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(HEAD_BYTES)
            if raw[:2] != b"\x1f\x8b":
                return raw
        with gzip.open(path, "rb") as zipped:
            return zipped.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""


def snapshot_date(directory: Path, files: list[Path]) -> str | None:
    """A date from the folder names, else the newest modification time of the files."""
    for part in (directory, *directory.parents):
        match = FOLDER_DATE.search(part.name)
        if match is not None:
            year, month, day = match[1] + match[2], match[3], match[4]
            return f"{year}-{month}-{day}" if day is not None else f"{year}-{month}"
    times = [p.stat().st_mtime for p in files if p.exists()]
    if not times:
        return None
    return datetime.fromtimestamp(max(times), UTC).date().isoformat()


def _check_named_file(path: Path) -> None:
    """A file named on the command line must be a list file; say why it is not."""
    head = read_head(path)
    if head.strip(b" \t\r\n\x1a") == b"":
        raise EmptyFileError(str(path), "the file is empty")
    if sniff(path.name, head) is None:
        formats = ", ".join(p.title for p in PARSERS)
        raise FormatError(str(path), f"is not in a list format Caveat reads ({formats})")


def discover(root: Path) -> Discovery:
    """Find every recognised list file under ``root`` (a file or a directory)."""
    if root.is_file():
        _check_named_file(root)
        candidates = [root, *sorted(p for p in root.parent.iterdir() if p.is_file() and p != root)]
        only_with = root
    else:
        candidates = sorted(p for p in root.rglob("*") if p.is_file())
        only_with = None
    groups: dict[tuple[Path, str, ListId], dict[str, Path]] = {}
    for path in candidates:
        match: FileMatch | None = sniff(path.name, read_head(path))
        if match is None:
            continue
        key = (path.parent, match.format, match.list_id)
        groups.setdefault(key, {})
        if match.role in groups[key]:
            # Two files claim one role (e.g. sdn.csv and sdn.csv.gz): keep the first.
            continue
        groups[key][match.role] = path
    found = Discovery()
    for (directory, format, list_id), files in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if only_with is not None and only_with not in files.values():
            continue
        parser = get_parser(format)
        missing = sorted(parser.required - set(files))
        if missing:
            names = ", ".join(p.name for p in files.values())
            found.skipped.append(
                f"{directory}: skipped an incomplete {parser.title} set for {list_id} "
                f"({names}): its {', '.join(missing)} file is missing"
            )
            continue
        date = snapshot_date(directory, list(files.values()))
        found.sets.append(FileSet(parser, list_id, files, date))
    return found
