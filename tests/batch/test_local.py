"""The local engine: forked workers give what one process gives, in order (issue #4)."""

from __future__ import annotations

import os

from caveat.batch.local import local_outcomes, worker_count
from caveat.batch.rows import Settings
from caveat.batch.tables import Record
from caveat.screen import Screener
from tests.batch.conftest import HEADER, query_rows


def test_worker_count_defaults_to_every_usable_core() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) == len(os.sched_getaffinity(0))


def test_two_workers_give_what_one_gives(screener: Screener) -> None:
    rows = query_rows(screener, 1_500, seed=7)
    records = [Record(i + 2, dict(zip(HEADER, row, strict=True))) for i, row in enumerate(rows)]
    chunks = [records[i : i + 100] for i in range(0, len(records), 100)]
    settings = Settings({f: f for f in HEADER}, 0.7, 5)
    one = list(local_outcomes(screener, settings, iter(chunks), 1))
    two = list(local_outcomes(screener, settings, iter(chunks), 2))
    assert one == two
    assert [o[0] for chunk in two for o in chunk] == [r.position for r in records]
    assert sum(len(o[1]) for chunk in one for o in chunk) > 100  # the listed third hit
