"""Analysing the listed names on every core before the index is built from them.

Name analysis is the largest part of an index build. The distinct texts are dealt out
in turn to this process and to forked workers; each worker sends its forms back as
plain tuples, which unpickle several times faster than `NameForm` objects. Workers are
forked, so they read the texts from this process's memory rather than receive them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence

from caveat.entity import Entity
from caveat.index import Analysed, texts_to_analyse
from caveat.names import NameForm, analyze_name

__all__ = ["analyse_in_parallel"]

# Fewer texts than this are analysed faster than a worker starts.
MIN_PARALLEL = 5_000

# The texts, set before the workers fork so that they inherit them.
_texts: list[tuple[str, bool]] = []

FormParts = tuple[str, tuple[str, ...], frozenset[str], frozenset[str], bool]


def analyse_in_parallel(entities: Sequence[Entity], workers: int) -> Analysed:
    """The forms of every text the index analyses, ``workers`` processes at once; empty
    (the index analyses them itself) for one worker or few texts."""
    global _texts
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    texts = list(dict.fromkeys(key for e in entities for key in texts_to_analyse(e)))
    if len(texts) < MIN_PARALLEL:
        return {}
    _texts = texts
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = [pool.apply_async(_analyse_share, (s, workers)) for s in range(1, workers)]
            analysed = {key: analyze_name(key[0], is_org=key[1]) for key in texts[::workers]}
            for share, result in enumerate(pending, 1):
                for key, forms in zip(texts[share::workers], result.get(), strict=True):
                    analysed[key] = tuple(NameForm(key[0], *parts) for parts in forms)
    finally:
        _texts = []
    return analysed


def _analyse_share(share: int, workers: int) -> list[list[FormParts]]:
    """In a worker: the forms of every ``workers``-th text from ``share`` on."""
    return [
        [
            (f.latin, f.tokens, f.legal_forms, f.scripts, f.abjad)
            for f in analyze_name(text, is_org=org)
        ]
        for text, org in _texts[share::workers]
    ]
