"""Name particles ("al", "bin", "van", "de"): parts that carry little identity."""

from __future__ import annotations

from functools import lru_cache

from caveat.names.resources import load_data

__all__ = ["name_particles"]


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """The particles in ``data/particles.yml``, lowercase ASCII."""
    return frozenset(str(p).lower() for p in load_data("particles.yml")["particles"])
