"""Screening chunks of records on every core of this machine.

Workers are forked after the index is loaded, so they share its memory with the parent
instead of each loading or unpickling a copy; the garbage collector's view of that
memory is frozen first, so that collections in the workers do not copy it page by page.

Each record goes to the worker its name picks, so a name that comes back later in the
file finds its retrieval and alignments in that worker's caches, instead of being worked
out again by whichever worker happens to get it. Chunks are split by worker, go out a
few per worker at a time, and come back in input order.
"""

from __future__ import annotations

import gc
import os
import zlib
from collections import deque
from collections.abc import Iterator

from caveat.batch.rows import Outcome, Settings, screen_records
from caveat.batch.tables import Record
from caveat.batch.workers import Crew
from caveat.screen import Screener

__all__ = ["local_outcomes", "worker_count", "worker_of"]

# Enough chunks queued that a worker drawn more of the costly names for a while does
# not leave the other one waiting.
IN_FLIGHT_PER_WORKER = 16


def worker_count(workers: int) -> int:
    """``workers``, or every core this process may use when it is 0 or less."""
    if workers > 0:
        return workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_of(record: Record, name_column: str, workers: int) -> int:
    """The worker that screens ``record``: the same for every spelling of a name that
    differs only in case and spacing, and the same from run to run."""
    name = record.cells.get(name_column, "") if record.cells is not None else ""
    return zlib.crc32(" ".join(name.casefold().split()).encode()) % workers


def local_outcomes(
    screener: Screener, settings: Settings, chunks: Iterator[list[Record]], workers: int
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes, in input order, screened by ``workers`` processes.

    Args:
        screener: Over the loaded index.
        settings: Columns, threshold and limit.
        chunks: The records, a chunk at a time.
        workers: Processes; 1 screens in this process.

    Raises:
        WorkerError: a worker failed or was killed; chunks already yielded stand.
    """
    if workers <= 1:
        for chunk in chunks:
            yield screen_records(screener, chunk, settings)
        return
    name_column = settings.columns["name"]

    def screen(part: list[Record]) -> list[Outcome]:
        return screen_records(screener, part, settings)

    gc.freeze()
    try:
        with Crew(screen, workers) as crew:
            pending: deque[list[int]] = deque()
            for chunk in chunks:
                owners = [worker_of(record, name_column, workers) for record in chunk]
                parts: list[list[Record]] = [[] for _ in range(workers)]
                for record, owner in zip(chunk, owners, strict=True):
                    parts[owner].append(record)
                for worker, part in enumerate(parts):
                    if part:
                        crew.send(worker, part)
                pending.append(owners)
                if len(pending) >= IN_FLIGHT_PER_WORKER:
                    yield _in_order(crew, pending.popleft())
            while pending:
                yield _in_order(crew, pending.popleft())
    finally:
        gc.unfreeze()


def _in_order(crew: Crew[list[Record], list[Outcome]], owners: list[int]) -> list[Outcome]:
    """A chunk's outcomes, put back in the order of its records."""
    parts = {worker: iter(crew.receive(worker)) for worker in sorted(set(owners))}
    return [next(parts[owner]) for owner in owners]
