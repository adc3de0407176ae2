"""Loading list files into the store: parse each set, then store it as a version.

A list's sets are stored once all of them are parsed, in date order (publish date
inside the file, else the snapshot date of `caveat.sources.discover`), so version
numbers follow the lists' own chronology. One set failing does not stop the others;
its error is reported and logged.

Sets can be parsed in several processes; they send back each entity as the record the
store writes (`caveat.sources.common.EntityRecord`), since unpickling a list of
entities costs half of what parsing it saved. Only this process writes to the store,
while the workers parse the next sets.
The garbage collector is held off meanwhile (`caveat.collection`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caveat.collection import collection_paused
from caveat.exc import CaveatError, SourceError
from caveat.sources.common import ParsedList
from caveat.sources.discover import FileSet, discover
from caveat.sources.reading import SourceData, read_source
from caveat.store import LoadResult, Store

__all__ = ["LoadOutcome", "LoadReport", "content_hash", "load_path", "parse_set", "store_parsed"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LoadOutcome:
    """What happened to one set of files: a result, or the error that stopped it."""

    files: FileSet
    result: LoadResult | None = None
    error: CaveatError | None = None
    warnings: tuple[str, ...] = ()
    note: str | None = None


@dataclass
class LoadReport:
    outcomes: list[LoadOutcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[LoadOutcome]:
        return [o for o in self.outcomes if o.error is not None]

    @property
    def ok(self) -> bool:
        return not self.failed


def content_hash(format: str, files: dict[str, SourceData]) -> str:
    """SHA-256 over the format, each role and its decompressed bytes, so that the same
    content gzipped or not hashes alike."""
    digest = hashlib.sha256(format.encode())
    for role in sorted(files):
        digest.update(b"\0" + role.encode() + b"\0")
        digest.update(files[role].data)
    return digest.hexdigest()


@collection_paused()
def parse_set(fileset: FileSet) -> tuple[ParsedList, str]:
    """Read and parse one set; returns the parsed list and its content hash."""
    data = {role: read_source(path) for role, path in fileset.files.items()}
    parser = fileset.parser()
    parsed = parser.parse(data, fileset.list_id)
    if not parsed.entities:
        names = ", ".join(d.name for d in data.values())
        raise SourceError(names, f"holds no {parser.title} entries")
    return parsed, content_hash(parser.format, data)


@collection_paused()
def store_parsed(store: Store, fileset: FileSet, parsed: ParsedList, digest: str) -> LoadOutcome:
    try:
        result = store.add_version(
            parsed,
            content_hash=digest,
            format=fileset.parser.format,
            parser_version=fileset.parser.version,
            snapshot_date=fileset.snapshot_date,
            source_files=[str(p) for _, p in sorted(fileset.files.items())],
        )
    except CaveatError as exc:
        return LoadOutcome(fileset, error=exc)
    return LoadOutcome(fileset, result=result, warnings=tuple(parsed.warnings))


def _try_parse(fileset: FileSet) -> tuple[ParsedList | CaveatError, str]:
    """`parse_set`, or the error that stopped it (with no digest)."""
    try:
        return parse_set(fileset)
    except CaveatError as exc:
        return exc, ""


def _parse_recorded(fileset: FileSet) -> tuple[Any, ...]:
    """`parse_set` in a worker process: the recorded list, or the error's parts (an
    error of Caveat's does not always unpickle as itself)."""
    result, digest = _try_parse(fileset)
    if isinstance(result, CaveatError):
        return ("failed", type(result), result.message, result.detail)
    return ("parsed", result.recorded(), digest)


def _revive(kind: type[CaveatError], message: str, detail: dict[str, Any]) -> CaveatError:
    error = kind.__new__(kind)
    CaveatError.__init__(error, message, **detail)
    return error


def _parse_order(sets: list[FileSet]) -> list[FileSet]:
    """The sets of the list with the most to parse first, each list's largest first: a
    list of several sets is parsed on several workers at once, and stored while the
    rest are parsed, and no worker is left with a large set at the end."""
    sizes: dict[str, int] = {}
    for fileset in sets:
        sizes[fileset.list_id] = sizes.get(fileset.list_id, 0) + fileset.size()
    return sorted(sets, key=lambda f: (-sizes[f.list_id], f.list_id, -f.size()))


def _parsed_sets(
    order: list[FileSet], workers: int
) -> Iterator[tuple[FileSet, ParsedList | CaveatError, str]]:
    """Each set parsed, in this order: in this process, or in ``workers`` forked ones."""
    if workers <= 1 or len(order) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for fileset in order:
            yield (fileset, *_try_parse(fileset))
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(order))) as pool:
        for fileset, outcome in zip(order, pool.imap(_parse_recorded, order), strict=True):
            if outcome[0] == "failed":
                yield fileset, _revive(*outcome[1:]), ""
            else:
                yield fileset, outcome[1], outcome[2]


@collection_paused()
def load_path(
    store: Store, root: Path, progress: Progress | None = None, *, workers: int = 1
) -> LoadReport:
    """Load a file, or every recognised list file under a directory.

    Args:
        store: Where the versions go.
        root: A list file, or a directory searched for them.
        progress: Told what is being done.
        workers: Processes parsing sets at once (forked; 1 parses in this process).

    Raises:
        SourceError: when ``root`` does not exist or holds no recognised list file.
    """
    if not root.exists():
        raise SourceError(str(root), "no such file or directory")
    found = discover(root)
    report = LoadReport(skipped=list(found.skipped))
    if not found.sets:
        if found.skipped:
            return report
        raise SourceError(str(root), "holds no file in a list format Caveat recognises")
    if progress is not None:
        progress(f"parsing {len(found.sets)} sets of files")
    # A list's sets are stored, in date order, once all of them are parsed, while the
    # workers go on parsing the others.
    order = _parse_order(found.sets)
    lists = list(dict.fromkeys(fileset.list_id for fileset in order))
    unparsed = Counter(fileset.list_id for fileset in order)
    parsed: dict[str, list[tuple[FileSet, ParsedList, str]]] = defaultdict(list)
    for fileset, result, digest in _parsed_sets(order, workers):
        unparsed[fileset.list_id] -= 1
        if isinstance(result, CaveatError):
            store.log("failed", fileset.list_id, {"files": fileset.label, "error": result.message})
            report.outcomes.append(LoadOutcome(fileset, error=result))
        else:
            parsed[fileset.list_id].append((fileset, result, digest))
        while lists and unparsed[lists[0]] == 0:
            ready = parsed.pop(lists.pop(0), [])
            ready.sort(key=lambda t: t[1].publish_date or t[0].snapshot_date or "")
            for ready_set, ready_list, ready_digest in ready:
                if progress is not None:
                    progress(f"storing {ready_set.list_id} ({len(ready_list.entities)} entries)")
                report.outcomes.append(store_parsed(store, ready_set, ready_list, ready_digest))
    return report
