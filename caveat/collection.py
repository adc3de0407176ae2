"""Pausing Python's cyclic garbage collector while lists are parsed or an index built.

Parsing the lists and building the index make millions of objects that all live on,
and the collector walks every one of them again each time enough new ones pile up:
about a fifth of the parse and of the build. Almost none of them form cycles, so
nothing waits to be collected meanwhile; what does is collected once the pause ends.

The pause is shared by the threads of a process (a server loading lists while another
thread screens): the collector runs again when the last pause ends, and only if it ran
before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collection_paused"]

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold the cyclic collector off for the block (forked workers inherit the pause)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
