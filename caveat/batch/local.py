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
import multiprocessing
import os
import zlib
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from multiprocessing.pool import AsyncResult

from caveat.batch.rows import Outcome, Settings, screen_records
from caveat.batch.tables import Record
from caveat.screen import Screener

__all__ = ["local_outcomes", "worker_count", "worker_of"]

# Enough chunks queued that a worker drawn more of the costly names for a while does
# not leave the other one waiting.
IN_FLIGHT_PER_WORKER = 16

# The screener and settings each worker uses: set before the pool forks, so the
# workers inherit them rather than receive a copy.
_worker: tuple[Screener, Settings] | None = None


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


def _screen_chunk(chunk: list[Record]) -> list[Outcome]:
    assert _worker is not None
    return screen_records(_worker[0], chunk, _worker[1])


def local_outcomes(
    screener: Screener, settings: Settings, chunks: Iterator[list[Record]], workers: int
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes, in input order, screened by ``workers`` processes.

    Args:
        screener: Over the loaded index.
        settings: Columns, threshold and limit.
        chunks: The records, a chunk at a time.
        workers: Processes; 1 screens in this process.
    """
    global _worker
    if workers <= 1:
        for chunk in chunks:
            yield screen_records(screener, chunk, settings)
        return
    name_column = settings.columns["name"]
    _worker = (screener, settings)
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ExitStack() as stack:
            # One single-process pool per worker, so that each part goes to its worker.
            pools = [stack.enter_context(context.Pool(1)) for _ in range(workers)]
            pending: deque[tuple[list[int], list[AsyncResult[list[Outcome]]]]] = deque()
            for chunk in chunks:
                owners = [worker_of(record, name_column, workers) for record in chunk]
                parts: list[list[Record]] = [[] for _ in pools]
                for record, owner in zip(chunk, owners, strict=True):
                    parts[owner].append(record)
                sent = [
                    pool.apply_async(_screen_chunk, (part,))
                    for pool, part in zip(pools, parts, strict=True)
                ]
                pending.append((owners, sent))
                if len(pending) >= IN_FLIGHT_PER_WORKER:
                    yield _in_order(*pending.popleft())
            while pending:
                yield _in_order(*pending.popleft())
    finally:
        gc.unfreeze()
        _worker = None


def _in_order(owners: list[int], sent: list[AsyncResult[list[Outcome]]]) -> list[Outcome]:
    """A chunk's outcomes, put back in the order of its records."""
    parts = [iter(result.get()) for result in sent]
    return [next(parts[owner]) for owner in owners]
