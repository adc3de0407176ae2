"""Forked workers: answers in order, large messages both ways, and a worker that fails
or dies ends the run with an error instead of a wait."""

from __future__ import annotations

import os
import signal

import pytest

from caveat.batch.workers import Crew
from caveat.exc import WorkerError

pytestmark = pytest.mark.usefixtures("deadline")


def test_each_worker_answers_its_tasks_in_order() -> None:
    with Crew(lambda n: (os.getpid(), n * n), 3) as crew:
        for n in range(30):
            crew.send(n % 3, n)
        answers = [crew.receive(n % 3) for n in range(30)]
    assert [square for _, square in answers] == [n * n for n in range(30)]
    pids = [{answers[n][0] for n in range(worker, 30, 3)} for worker in range(3)]
    assert [len(p) for p in pids] == [1, 1, 1]  # one process per worker...
    assert len(set.union(*pids)) == 3  # ...each its own...
    assert os.getpid() not in set.union(*pids)  # ...and not this one


def test_many_large_tasks_and_answers_go_through_before_any_is_read() -> None:
    """Far more than a socket holds, both ways, with nothing read until the end."""
    block = b"x" * 3_000_000
    with Crew(lambda data: data + data, 2) as crew:
        for n in range(8):
            crew.send(n % 2, block)
        answers = [crew.receive(n % 2) for n in range(8)]
    assert all(answer == block + block for answer in answers)


def test_a_failing_task_ends_the_run_with_the_workers_traceback() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise ValueError("three is not allowed")
        return n

    with Crew(work, 2) as crew:
        for n in range(6):
            crew.send(n % 2, n)
        assert crew.receive(0) == 0
        assert crew.receive(1) == 1
        assert crew.receive(0) == 2
        with pytest.raises(WorkerError, match="worker 2 failed") as failed:
            crew.receive(1)
    assert "ValueError: three is not allowed" in failed.value.message


def test_a_killed_worker_is_named_instead_of_waited_for() -> None:
    def work(n: int) -> int:
        if n == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with Crew(work, 2) as crew:
        for n in range(4):
            crew.send(n % 2, n)
        assert crew.receive(0) == 0  # answered before it died
        with pytest.raises(WorkerError, match=r"worker 1 was killed by SIGKILL .*memory"):
            crew.receive(0)
        assert [crew.receive(1), crew.receive(1)] == [1, 3]


def test_workers_end_when_the_crew_closes() -> None:
    with Crew(lambda n: os.getpid(), 2) as crew:
        crew.send(0, 0)
        crew.send(1, 0)
        pids = [crew.receive(0), crew.receive(1)]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
