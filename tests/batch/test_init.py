"""Every name the batch modules export exists (issue #4)."""

from __future__ import annotations

import importlib

import pytest

MODULES = ["", ".journal", ".local", ".readers", ".rows", ".run", ".tables", ".writers", ".submit"]


@pytest.mark.parametrize("suffix", MODULES)
def test_all_is_complete(suffix: str) -> None:
    module = importlib.import_module("caveat.batch" + suffix)
    for name in module.__all__:
        assert hasattr(module, name), name
