"""Name particles ("al", "bin", "van", "de") and patronymics: parts that carry little
identity."""

from __future__ import annotations

from functools import lru_cache

from caveat.names.resources import load_data

__all__ = ["is_patronymic", "name_particles"]


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """The particles in ``data/particles.yml``, lowercase ASCII."""
    return frozenset(str(p).lower() for p in load_data("particles.yml")["particles"])


@lru_cache(maxsize=1)
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(str(e).lower() for e in load_data("particles.yml")["patronymic_endings"])


@lru_cache(maxsize=100_000)
def is_patronymic(token: str) -> bool:
    """Whether a token reads as an East Slavic patronymic ("viktorovich", "ivanovna").

    Args:
        token: A lowercase ASCII token.
    """
    return len(token) >= 7 and token.endswith(_patronymic_endings())
