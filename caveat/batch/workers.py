"""Forked worker processes, each given tasks over its own socket pair.

The parent writes tasks and reads answers on non-blocking sockets from its one thread,
so neither side can wait on the other however large a task or an answer, and no helper
threads take the processor from the workers. A worker that dies (killed for memory, say)
ends the run with an error that names it, instead of leaving the parent waiting.
"""

from __future__ import annotations

import multiprocessing
import pickle
import selectors
import signal
import socket
import struct
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Generic, TypeVar

from caveat.exc import WorkerError

__all__ = ["Crew"]

Task = TypeVar("Task")
Answer = TypeVar("Answer")

# Each message is its length, then the pickle.
_LENGTH = struct.Struct("!Q")
_READ_SIZE = 1 << 20
_STOP_SECONDS = 5.0


@dataclass(eq=False)
class _Worker(Generic[Answer]):
    """One worker process, its socket, and the bytes and answers on their way."""

    number: int
    process: BaseProcess
    sock: socket.socket
    outgoing: bytearray = field(default_factory=bytearray)
    incoming: bytearray = field(default_factory=bytearray)
    answers: deque[Answer | WorkerError] = field(default_factory=deque)
    gone: bool = False


class Crew(Generic[Task, Answer]):
    """``size`` forked processes that each apply ``work`` to the tasks sent to them, and
    answer in the order the tasks were sent.

    Forked, so ``work`` and what it holds (an index, say) are the parent's own memory,
    not a copy sent over.
    """

    def __init__(self, work: Callable[[Task], Answer], size: int) -> None:
        self._work = work
        self._size = size
        self._workers: list[_Worker[Answer]] = []
        self._selector = selectors.DefaultSelector()

    def __enter__(self) -> Crew[Task, Answer]:
        context = multiprocessing.get_context("fork")
        try:
            for number in range(self._size):
                ours, theirs = socket.socketpair()
                inherited = [*(w.sock for w in self._workers), ours]
                process = context.Process(
                    target=_serve, args=(theirs, self._work, inherited), daemon=True
                )
                process.start()
                theirs.close()
                ours.setblocking(False)
                worker = _Worker[Answer](number, process, ours)
                self._workers.append(worker)
                self._selector.register(ours, selectors.EVENT_READ, worker)
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop()

    def send(self, worker: int, task: Task) -> None:
        """Queue ``task`` for ``worker``; it goes out as the socket takes it. Answers
        that have come in meanwhile are read, so that no worker waits to give one."""
        to = self._workers[worker]
        if to.gone:
            return  # `receive` reports why
        message = pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)
        to.outgoing += _LENGTH.pack(len(message))
        to.outgoing += message
        self._write(to)
        self._exchange(0.0)

    def receive(self, worker: int) -> Answer:
        """The answer to the oldest task ``worker`` has not answered yet, waiting for it.

        Raises:
            WorkerError: the worker failed on that task, or ended before answering it;
                it answers nothing more.
        """
        answers = self._workers[worker].answers
        while not answers:
            self._exchange()
        if isinstance(answers[0], WorkerError):
            raise answers[0]
        return answers.popleft()  # type: ignore[return-value]

    def _exchange(self, timeout: float | None = None) -> None:
        """Wait (up to ``timeout`` seconds) until some socket can take or give bytes, then
        move them."""
        for key, events in self._selector.select(timeout):
            worker: _Worker[Answer] = key.data
            if events & selectors.EVENT_WRITE:
                self._write(worker)
            if events & selectors.EVENT_READ and not worker.gone:
                self._read(worker)

    def _write(self, worker: _Worker[Answer]) -> None:
        """Send what the socket takes now; watch it for room while more waits."""
        outgoing = worker.outgoing
        try:
            sent = worker.sock.send(outgoing)
        except BlockingIOError:
            sent = 0
        except OSError:
            self._end(worker)
            return
        del outgoing[:sent]
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if outgoing else 0)
        if self._selector.get_key(worker.sock).events != events:
            self._selector.modify(worker.sock, events, worker)

    def _read(self, worker: _Worker[Answer]) -> None:
        """Take what the socket holds; queue each whole answer, in order."""
        try:
            data = worker.sock.recv(_READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._end(worker)
            return
        incoming = worker.incoming
        incoming += data
        while len(incoming) >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(incoming)
            end = _LENGTH.size + length
            if len(incoming) < end:
                break
            failed, answer = pickle.loads(memoryview(incoming)[_LENGTH.size : end])
            del incoming[:end]
            if failed:
                answer = WorkerError(f"batch worker {worker.number + 1} failed:\n{answer}")
            worker.answers.append(answer)

    def _end(self, worker: _Worker[Answer]) -> None:
        """The worker has gone: after the answers it gave, only why it went remains."""
        worker.gone = True
        worker.outgoing.clear()
        self._selector.unregister(worker.sock)
        worker.process.join(_STOP_SECONDS)
        code = worker.process.exitcode
        if code is not None and code < 0:
            how = f"was killed by {signal.Signals(-code).name}"
            if -code == signal.SIGKILL:
                how += " (the system may have run out of memory; try fewer --workers)"
        else:
            how = f"ended with exit code {code}"
        worker.answers.append(WorkerError(f"batch worker {worker.number + 1} {how}"))

    def _stop(self) -> None:
        """Close the sockets, which tells each worker to end; end any that lingers."""
        self._selector.close()
        for worker in self._workers:
            worker.sock.close()
        for worker in self._workers:
            worker.process.join(_STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self._workers.clear()


def _serve(sock: socket.socket, work: Callable[[Any], Any], inherited: list[socket.socket]) -> None:
    """A worker's loop: read a task, answer it, until the parent closes its end.

    The parent's ends of this worker's socket and of earlier workers' are closed here,
    so that each worker sees its socket end when the parent closes its end or goes.
    Interrupts are the parent's to handle: it stops the workers by closing their sockets.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:
        other.close()
    with sock, sock.makefile("rb") as reader:
        while len(header := reader.read(_LENGTH.size)) == _LENGTH.size:
            (length,) = _LENGTH.unpack(header)
            body = reader.read(length)
            if len(body) < length:  # the parent went in the middle of a task
                return
            try:
                answer = work(pickle.loads(body))
                message = pickle.dumps((False, answer), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                message = pickle.dumps((True, traceback.format_exc()))
            try:
                sock.sendall(_LENGTH.pack(len(message)) + message)
            except OSError:  # the parent has gone
                return
