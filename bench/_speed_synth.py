"""A synthetic sanctions list of any size, for bench/scale.py.

People (70%) and companies (30%) built from the general name parts of
bench/_speed_names.py plus a long tail of coined surnames, given names and brand words
(Zipf-weighted, so a few parts are on very many names and most on few, as on real
lists). Each entity has a primary name and 0-5 aliases (about 3 names per entity): "SURNAME, Given"
order, a naive Cyrillic or Greek rendering, an alternative spelling (one letter
changed), a shortened form, or for companies another legal form or a former name.
70% of people have a birth date; 80% of entities a country.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from _speed_names import (
    ACTIVITIES,
    COUNTRIES,
    CULTURES,
    LEGAL_FORMS,
    PLACES,
    SURNAME_SUFFIXES,
    birth_date,
    coined_word,
)
from _speed_perturb import to_cyrillic, to_greek, typo

if TYPE_CHECKING:
    from caveat.entity import Entity

ALIAS_COUNTS = (0, 1, 2, 3, 4, 5)
ALIAS_WEIGHTS = (5, 15, 25, 25, 15, 15)


class Pool:
    """Words drawn with Zipf weights (rank r has weight 1 / r)."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(dict.fromkeys(words))
        self.cum = list(itertools.accumulate(1.0 / r for r in range(1, len(self.words) + 1)))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.words, cum_weights=self.cum)[0]


def make_pools(rng: random.Random, scale: int) -> dict[str, Pool]:
    """Given-name, surname and brand pools; the coined tails grow with ``scale``."""
    given = [g for cult in CULTURES.values() for g in cult[0]]
    surnames = [s for cult in CULTURES.values() for s in cult[1]]
    rng.shuffle(given)
    rng.shuffle(surnames)
    coined_given = {coined_word(rng, 2) for _ in range(max(scale // 50, 500))}
    coined_surnames = {
        coined_word(rng, rng.choice((1, 2, 2)), SURNAME_SUFFIXES)
        for _ in range(max(scale // 6, 2000))
    }
    brands = {
        coined_word(rng, rng.choice((2, 3)), ("", "ex", "tek", "ia", "on", "prom", "trans"))
        for _ in range(max(scale // 8, 1000))
    }
    return {
        "given": Pool(given + sorted(coined_given)),
        "surname": Pool(surnames + sorted(coined_surnames)),
        "brand": Pool(sorted(brands) + list(PLACES)),
    }


def person_names(pools: dict[str, Pool], rng: random.Random) -> list[str]:
    given = [pools["given"].pick(rng)]
    if rng.random() < 0.4:
        given.append(pools["given"].pick(rng))
    surname = [pools["surname"].pick(rng)]
    if rng.random() < 0.15:
        surname.append(pools["surname"].pick(rng))
    given, surname = list(dict.fromkeys(given)), list(dict.fromkeys(surname))
    primary = " ".join(given + surname)
    names = [primary]
    alias: str | None
    for _ in range(rng.choices(ALIAS_COUNTS, weights=ALIAS_WEIGHTS)[0]):
        roll = rng.random()
        if roll < 0.3:
            alias = " ".join(surname).upper() + ", " + " ".join(given)
        elif roll < 0.55:
            alias = to_cyrillic(primary, rng)
        elif roll < 0.62:
            alias = to_greek(primary, rng)
        elif roll < 0.85:
            alias = typo(primary, rng)
        else:
            alias = " ".join(given[:1] + surname[-1:]) if len(given) + len(surname) > 2 else None
        if alias and alias not in names:
            names.append(alias)
    return names


def company_names(pools: dict[str, Pool], rng: random.Random) -> list[str]:
    roll = rng.random()
    head = pools["brand"].pick(rng) if roll < 0.7 else pools["surname"].pick(rng)
    core = [head, rng.choice(ACTIVITIES)]
    if rng.random() < 0.25:
        core.append(pools["brand"].pick(rng))
    core_text = " ".join(dict.fromkeys(core))
    names = [f"{core_text} {rng.choice(LEGAL_FORMS)}"]
    alias: str | None
    for _ in range(rng.choices(ALIAS_COUNTS, weights=ALIAS_WEIGHTS)[0]):
        roll = rng.random()
        if roll < 0.35:
            alias = f"{core_text} {rng.choice(LEGAL_FORMS)}"
        elif roll < 0.6:
            alias = to_cyrillic(core_text, rng)
        elif roll < 0.8:
            alias = typo(core_text, rng)
        else:
            alias = f"{pools['brand'].pick(rng)} {rng.choice(ACTIVITIES)} {rng.choice(LEGAL_FORMS)}"
        if alias and alias not in names:
            names.append(alias)
    return names


def synthetic_entities(n: int, seed: int) -> Iterator[Entity]:
    """``n`` synthetic listed entities (``caveat.entity.Entity``), values already clean.

    They are made with the ``Entity`` constructor, not ``EntityBuilder``: the values are
    generated in their cleaned form, and FtM cleaning of 3M names would dwarf the build.
    """
    from caveat.entity import Entity

    rng = random.Random(seed)
    pools = make_pools(rng, n)
    for i in range(n):
        person = rng.random() < 0.7
        names = person_names(pools, rng) if person else company_names(pools, rng)
        props: dict[str, list[str]] = {"name": names[:1]}
        if len(names) > 1:
            props["alias"] = names[1:]
        if person and rng.random() < 0.7:
            props["birthDate"] = [birth_date(rng)]
        if rng.random() < 0.8:
            props["country"] = [rng.choice(COUNTRIES).lower()]
        yield Entity(
            id=f"synthetic-{i}",
            list_id="synthetic",
            source_id=str(i),
            schema="Person" if person else "Company",
            properties=props,
        )
