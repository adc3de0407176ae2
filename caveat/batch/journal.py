"""The work a batch has done so far, kept beside the output so a killed run can go on.

Result rows are appended to ``OUTPUT.journal`` (CSV without a header) and problems to
``OUTPUT.problems`` (JSON lines). Every few seconds both are flushed to disk and then
``OUTPUT.checkpoint`` is replaced atomically with how many input records they cover and
how many bytes of each are durable. A run that finds a checkpoint with the same key
(input, settings and index) cuts the journals back to those byte counts and skips the
records already done, so that no row is lost or written twice. A checkpoint with another
key, or one that cannot be read, is ignored and the run starts over.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["FORMAT_VERSION", "Journal", "Progress", "file_digest"]

FORMAT_VERSION = 1
_COUNTS = ("records", "rows", "hits", "journal_bytes", "problem_bytes")


@dataclass
class Progress:
    """What the durable part of the journal covers.

    ``rows`` counts input records screened, ``hits`` the result rows they gave.
    """

    key: str
    records: int = 0
    rows: int = 0
    hits: int = 0
    journal_bytes: int = 0
    problem_bytes: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list, init=False, repr=False)

    def to_json(self) -> str:
        state: dict[str, Any] = {"version": FORMAT_VERSION, "key": self.key}
        state.update((name, getattr(self, name)) for name in _COUNTS)
        return json.dumps(state)

    @classmethod
    def from_json(cls, text: str) -> Progress | None:
        """The progress a checkpoint records, or None if it is not a sound checkpoint."""
        try:
            state = json.loads(text)
        except ValueError:
            return None
        if not isinstance(state, dict) or state.get("version") != FORMAT_VERSION:
            return None
        key = state.get("key")
        counts: dict[str, int] = {}
        for name in _COUNTS:
            value = state.get(name)
            if type(value) is not int or value < 0:
                return None
            counts[name] = value
        if not isinstance(key, str):
            return None
        return cls(key, **counts)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Journal:
    """The journal files of one output, and the checkpoint that says how much counts."""

    def __init__(self, output: Path, key: str) -> None:
        self.rows_path = output.with_name(output.name + ".journal")
        self.problems_path = output.with_name(output.name + ".problems")
        self.checkpoint_path = output.with_name(output.name + ".checkpoint")
        self.key = key
        self.progress = Progress(key)
        self.resumed = False
        self._rows: BinaryIO | None = None
        self._problems: BinaryIO | None = None

    def open(self, *, restart: bool = False) -> Progress:
        """Go on from a checkpoint with this journal's key, or start empty.

        Args:
            restart: Start empty even when a checkpoint matches.
        """
        self.resumed = False
        saved = None if restart else self.saved()
        if saved is not None and saved.key == self.key:
            problems = self._read_problems(saved.problem_bytes)
            if problems is not None:
                saved.problems = problems
                self.progress, self.resumed = saved, True
        if not self.resumed:
            self.progress = Progress(self.key)
        self._rows = _open_at(self.rows_path, self.progress.journal_bytes)
        self._problems = _open_at(self.problems_path, self.progress.problem_bytes)
        return self.progress

    def saved(self) -> Progress | None:
        """The checkpoint on disk, if it is sound and its journals hold what it counts."""
        try:
            saved = Progress.from_json(self.checkpoint_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        if saved is None:
            return None
        for path, size in (
            (self.rows_path, saved.journal_bytes),
            (self.problems_path, saved.problem_bytes),
        ):
            if not path.exists() or path.stat().st_size < size:
                return None
        return saved

    def add(self, records: int, rows: list[list[str]], problems: list[tuple[int, str]]) -> None:
        """Append the outcome of the next ``records`` input records.

        Args:
            records: How many input records this covers.
            rows: Their result rows.
            problems: Position and message of each record that was not screened.
        """
        assert self._rows is not None and self._problems is not None
        if rows:
            text = io.StringIO()
            csv.writer(text).writerows(rows)
            self._rows.write(text.getvalue().encode("utf-8"))
        for position, message in problems:
            line = json.dumps([position, message], ensure_ascii=False) + "\n"
            self._problems.write(line.encode("utf-8"))
        self.progress.records += records
        self.progress.rows += records - len(problems)
        self.progress.hits += len(rows)
        self.progress.problems.extend(problems)

    def commit(self) -> None:
        """Make everything added so far durable, then record that in the checkpoint."""
        assert self._rows is not None and self._problems is not None
        for handle in (self._rows, self._problems):
            handle.flush()
            os.fsync(handle.fileno())
        self.progress.journal_bytes = self._rows.tell()
        self.progress.problem_bytes = self._problems.tell()
        partial = self.checkpoint_path.with_name(self.checkpoint_path.name + ".tmp")
        with partial.open("w", encoding="utf-8") as out:
            out.write(self.progress.to_json())
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, self.checkpoint_path)

    def rows(self) -> Iterator[list[str]]:
        """The result rows committed so far."""
        with self.rows_path.open(encoding="utf-8", newline="") as handle:
            yield from csv.reader(handle)

    def copy_rows(self, target: BinaryIO) -> None:
        """Copy the committed result rows, as CSV, to ``target``."""
        with self.rows_path.open("rb") as handle:
            while block := handle.read(1 << 20):
                target.write(block)

    def _read_problems(self, size: int) -> list[tuple[int, str]] | None:
        """The committed problems, or None when that part of the file is damaged."""
        problems = []
        with self.problems_path.open("rb") as handle:
            data = handle.read(size)
        try:
            for line in data.decode("utf-8").splitlines():
                position, message = json.loads(line)
                problems.append((int(position), str(message)))
        except (ValueError, TypeError):
            return None
        return problems

    def close(self) -> None:
        for handle in (self._rows, self._problems):
            if handle is not None:
                handle.close()
        self._rows = self._problems = None

    def discard(self) -> None:
        """Remove the journal files once the output is complete."""
        self.close()
        for path in (self.checkpoint_path, self.rows_path, self.problems_path):
            path.unlink(missing_ok=True)


def _open_at(path: Path, size: int) -> BinaryIO:
    """Open for appending after the first ``size`` bytes, dropping anything past them."""
    handle = path.open("r+b" if path.exists() else "w+b")
    handle.truncate(size)
    handle.seek(size)
    return handle
