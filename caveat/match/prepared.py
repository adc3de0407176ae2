"""A name's parts with everything alignment needs to know about each, worked out once.

A query name is prepared once per query and a listed name once while its entity stays
in use, so that aligning the two (`caveat.match.align`) only compares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from caveat.names import NameForm, is_patronymic, name_particles

__all__ = [
    "INITIAL_WEIGHT",
    "KINSHIP",
    "PARTICLES",
    "PARTICLE_WEIGHT",
    "PATRONYMIC_WEIGHT",
    "PreparedName",
    "is_number",
    "part_weight",
    "prepare",
    "prepare_form",
]

Weigh = Callable[[str], float]

PARTICLE_WEIGHT = 0.3
INITIAL_WEIGHT = 0.5
PATRONYMIC_WEIGHT = 0.5
PARTICLES = name_particles()
KINSHIP = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould"})
# Lineage words of Arabic names only ("ben" also starts English names).
ARABIC_KINSHIP = KINSHIP - {"ben"}
ROMAN_NUMERALS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})
MIN_JOINED = 4
ACRONYM_LENGTHS = range(2, 7)


def is_number(token: str) -> bool:
    """A part that numbers a member of a series: digits, or a Roman numeral."""
    if token.isalpha():
        return token in ROMAN_NUMERALS
    return any(c.isdigit() for c in token)


def part_weight(token: str, weigh: Weigh) -> float:
    """A part's weight: its rarity, less for particles, patronymics and initials."""
    weight = weigh(token)
    if token in PARTICLES:
        return weight * PARTICLE_WEIGHT
    if is_patronymic(token):
        return weight * PATRONYMIC_WEIGHT
    return weight * INITIAL_WEIGHT if len(token) == 1 else weight


def _own_parts(tokens: Sequence[str]) -> tuple[bool, ...]:
    """Which parts name the person rather than a forebear or the family: in "Salman bin
    Muhammad", Muhammad is the father."""
    own, out = True, []
    for token in tokens:
        if token in KINSHIP:
            own = False
        out.append(own)
    return tuple(out)


def _lineage_weighed(parts: tuple[str, ...], weights: tuple[float, ...]) -> tuple[float, ...]:
    """Forebears inside a chain ("Muhammad" and "Awad" in "Usama bin Muhammad ibn Awad
    ibn Ladin") weigh as patronymics: a short form of the name leaves them out. The last
    link often serves as the family name ("bin Laden") and keeps its weight."""
    last = max(i for i, t in enumerate(parts) if t in KINSHIP)
    out, inside = list(weights), False
    for i, token in enumerate(parts):
        if token in KINSHIP:
            inside = True
        elif inside and i < last:
            out[i] = weights[i] * PATRONYMIC_WEIGHT
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One rendering of a name, ready to align.

    Attributes:
        tokens: The parts.
        weights: Each part's weight (`part_weight`).
        total: The sum of the weights.
        numbers: Positions of parts that are numbers.
        particles: Positions of particles ("al", "bin", "van").
        strong: How many parts are not particles.
        own: For a name with a kinship word ("bin"), which parts name the person.
        short: Positions of parts that may be an acronym (2 to 6 letters).
        long: Positions of parts long enough to be two parts written as one.
        initials: The first letters of the parts.
        form: The rendering the parts come from, when there is one.
        vowels_guessed: The name was written in a script without vowels, or in Latin
            with Arabic lineage words ("bin", "ibn"): romanised from Arabic, whose short
            vowels each romanisation guesses ("Laden" / "Ladin").
    """

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    total: float
    numbers: frozenset[int]
    particles: frozenset[int]
    strong: int
    own: tuple[bool, ...] | None
    short: tuple[int, ...]
    long: tuple[int, ...]
    initials: str
    form: NameForm | None = None
    vowels_guessed: bool = False


def prepare_form(form: NameForm, weigh: Weigh, part_weigh: Weigh | None = None) -> PreparedName:
    """`prepare` a rendering of a name (`caveat.names.analyze_name`).

    Args:
        form: The rendering.
        weigh: A part's rarity weight.
        part_weigh: As for `prepare`.
    """
    return prepare(form.tokens, weigh, form, part_weigh=part_weigh)


def prepare(
    tokens: Sequence[str],
    weigh: Weigh,
    form: NameForm | None = None,
    *,
    part_weigh: Weigh | None = None,
) -> PreparedName:
    """Work out what alignment needs about each part of a name.

    Args:
        tokens: The name's parts.
        weigh: A part's rarity weight.
        form: The rendering the parts come from, if any.
        part_weigh: `part_weight` with ``weigh`` already applied, when the caller keeps
            one (an index remembers each part's weight).
    """
    parts = tuple(tokens)
    one = part_weigh if part_weigh is not None else lambda t: part_weight(t, weigh)
    weights = tuple(map(one, parts))
    kinship = KINSHIP.intersection(parts)
    if kinship:
        weights = _lineage_weighed(parts, weights)
    numbers: list[int] = []
    particles: list[int] = []
    short: list[int] = []
    long: list[int] = []
    for i, token in enumerate(parts):
        # One pass over the parts: this runs for every name a query meets.
        size = len(token)
        if token.isalpha():
            if token in ROMAN_NUMERALS:
                numbers.append(i)
            if token in PARTICLES:
                particles.append(i)
            if size in ACRONYM_LENGTHS:
                short.append(i)
        elif is_number(token):
            numbers.append(i)
        if size >= MIN_JOINED:
            long.append(i)
    return PreparedName(
        tokens=parts,
        weights=weights,
        total=sum(weights),
        numbers=frozenset(numbers),
        particles=frozenset(particles),
        strong=len(parts) - len(particles),
        own=_own_parts(parts) if kinship else None,
        short=tuple(short),
        long=tuple(long),
        initials="".join(t[0] for t in parts),
        form=form,
        vowels_guessed=(form is not None and form.abjad) or not ARABIC_KINSHIP.isdisjoint(kinship),
    )
