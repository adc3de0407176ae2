"""The collector pause: held while any block runs, and the collector's state restored."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from caveat.collection import collection_paused


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_pause_holds_the_collector_off_and_restores_it() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_pause_restores_the_collector_after_an_error() -> None:
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("stop")
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outer_one() -> None:
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_of_two_threads_end_with_the_last() -> None:
    """The first thread ends its pause while the second still builds: the collector stays
    off until the second ends, then runs again."""
    entered, second_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        with collection_paused():
            entered.set()
            second_may_end.wait(5)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=second)
    with collection_paused():
        thread.start()
        assert entered.wait(5)
    seen.append(gc.isenabled())
    second_may_end.set()
    thread.join(5)
    assert seen == [False, False]
    assert gc.isenabled()


def test_pause_works_as_a_decorator() -> None:
    @collection_paused()
    def state() -> bool:
        return gc.isenabled()

    assert state() is False
    assert gc.isenabled()
