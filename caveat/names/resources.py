"""Reading the name knowledge that ships with the package (`caveat/names/data/*.yml`).

The YAML files are package data, read through `importlib.resources`, so the rest of
`caveat.names` stays free of file I/O. Each consumer turns the raw YAML into the
immutable table it needs, in its own cached function.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = ["load_data"]


@lru_cache(maxsize=16)
def load_data(name: str) -> Any:
    """Parse one YAML file of name knowledge.

    Args:
        name: File name inside `caveat/names/data`, e.g. ``"legal_forms.yml"``.

    Returns:
        The parsed YAML document. Callers must not mutate it (it is cached).
    """
    text = files("caveat.names").joinpath("data", name).read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: ten times faster, and start-up reads several
    # of these files.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
