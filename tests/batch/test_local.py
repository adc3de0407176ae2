"""The local engine: forked workers give what one process gives, in order (issue #4)."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from caveat.batch.local import local_outcomes, worker_count, worker_of
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
    records[10:12] = [Record(12, None, "not valid CSV"), Record(13, None, "3 fields")]
    chunks = [records[i : i + 100] for i in range(0, len(records), 100)]
    settings = Settings({f: f for f in HEADER}, 0.7, 5)
    one = list(local_outcomes(screener, settings, iter(chunks), 1))
    two = list(local_outcomes(screener, settings, iter(chunks), 2))
    assert one == two
    assert [o[0] for chunk in two for o in chunk] == [r.position for r in records]
    assert sum(len(o[1]) for chunk in one for o in chunk) > 100  # the listed third hit


def test_a_chunk_of_one_name_comes_back_whole(screener: Screener) -> None:
    """Every record of the chunk goes to one worker; the other gets nothing to do."""
    listed = screener.index.names_of(0)[0].text
    records = [Record(i, {"id": str(i), "name": listed}) for i in range(40)]
    settings = Settings({"id": "id", "name": "name"}, 0.7, 5)
    (outcomes,) = local_outcomes(screener, settings, iter([records]), 2)
    assert [o[0] for o in outcomes] == list(range(40))
    assert all(o[1] and o[1][0][0] == str(o[0]) for o in outcomes)


@given(st.text(max_size=30), st.integers(1, 8))
def test_one_name_goes_to_one_worker_however_it_is_cased_or_spaced(name: str, workers: int) -> None:
    respaced = "  " + "\t".join(name.casefold().split()) + " "
    owner = worker_of(Record(1, {"name": name}), "name", workers)
    assert 0 <= owner < workers
    assert worker_of(Record(2, {"name": respaced}), "name", workers) == owner
    assert worker_of(Record(3, {"name": name, "id": "x"}), "name", workers) == owner
