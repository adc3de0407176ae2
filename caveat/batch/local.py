"""Screening chunks of records on every core of this machine.

Workers are forked after the index is loaded, so they share its memory with the parent
instead of each loading or unpickling a copy; the garbage collector's view of that
memory is frozen first, so that collections in the workers do not copy it page by page.
Chunks go out a few per worker at a time and come back in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult

from caveat.batch.rows import Outcome, Settings, screen_records
from caveat.batch.tables import Record
from caveat.screen import Screener

__all__ = ["local_outcomes", "worker_count"]

IN_FLIGHT_PER_WORKER = 4

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
    _worker = (screener, settings)
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            pending: deque[AsyncResult[list[Outcome]]] = deque()
            for chunk in chunks:
                pending.append(pool.apply_async(_screen_chunk, (chunk,)))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        gc.unfreeze()
        _worker = None
