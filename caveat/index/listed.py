"""Which texts of a listed entity the index analyses, and analysing them elsewhere.

An index build spends most of its time analysing names; given an executor, the build
hands the distinct texts to its workers a share at a time, and they send the forms
back as plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor

from caveat.entity import Entity
from caveat.index.names import KINDS
from caveat.names import NameForm, analyze_name

__all__ = [
    "Analyse",
    "analyse_share",
    "analysed_by",
    "analyser",
    "analyze_text",
    "is_org_schema",
    "listed_names",
    "texts_to_analyse",
]

MIN_ALTERNATIVE = 3


def is_org_schema(schema: str) -> bool:
    return schema != "Person"


def listed_names(entity: Entity) -> Iterator[tuple[str, str]]:
    """The entity's names to index, each once with its kind: every name, and each of
    the names one joins with a slash."""
    seen: set[str] = set()
    for kind in KINDS:
        for text in (t for value in entity.get(kind) for t in _alternatives(value)):
            if text not in seen:
                seen.add(text)
                yield kind, text


def texts_to_analyse(entity: Entity) -> Iterator[tuple[str, bool]]:
    """Every text the index analyses for ``entity``, with whether it is read as an
    organisation's name: its names, and its given and family names."""
    is_org = is_org_schema(entity.schema)
    for _, text in listed_names(entity):
        yield text, is_org
    for prop in ("firstName", "lastName"):
        for value in entity.get(prop):
            yield value, False


def _alternatives(text: str) -> list[str]:
    """A listed name and, when it joins names with a slash ("Al-Qa'ida/Islamic Army"),
    each of them."""
    if "/" not in text:
        return [text]
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2 or any(sum(c.isalpha() for c in p) < MIN_ALTERNATIVE for p in parts):
        return [text]
    return [text, *parts]


# The forms of names analysed beforehand, by text and whether read as an organisation's.
Analysed = Mapping[tuple[str, bool], tuple[NameForm, ...]]
Analyse = Callable[[str, bool], tuple[NameForm, ...]]
# A form as sent between processes: `NameForm`'s fields but its text.
FormParts = tuple[str, tuple[str, ...], frozenset[str], frozenset[str], bool]
# How many shares of the names an executor is given, so that its workers end together.
ANALYSIS_SHARES = 8


def analyze_text(text: str, is_org: bool = False) -> tuple[NameForm, ...]:
    """`analyze_name` as an `Analyse`."""
    return analyze_name(text, is_org=is_org)


def analyser(analysed: Analysed | None) -> Analyse:
    """How the index analyses a text: by its forms in ``analysed`` when there, else
    here."""
    if not analysed:
        return analyze_text

    def analyse(text: str, is_org: bool) -> tuple[NameForm, ...]:
        found = analysed.get((text, is_org))
        return found if found is not None else analyze_name(text, is_org=is_org)

    return analyse


def analysed_by(executor: Executor, entities: Sequence[Entity]) -> Analysed:
    """Every text the index analyses, analysed by ``executor`` a share at a time."""
    texts = list(dict.fromkeys(key for e in entities for key in texts_to_analyse(e)))
    size = max(1, -(-len(texts) // ANALYSIS_SHARES))
    shares = [texts[start : start + size] for start in range(0, len(texts), size)]
    analysed: dict[tuple[str, bool], tuple[NameForm, ...]] = {}
    for share, forms in zip(shares, executor.map(analyse_share, shares), strict=True):
        for key, parts in zip(share, forms, strict=True):
            analysed[key] = tuple(NameForm(key[0], *p) for p in parts)
    return analysed


def analyse_share(texts: list[tuple[str, bool]]) -> list[list[FormParts]]:
    """The forms of each text, as plain tuples: sent between processes, they unpickle
    several times faster than `NameForm` objects."""
    return [
        [
            (f.latin, f.tokens, f.legal_forms, f.scripts, f.abjad)
            for f in analyze_name(text, is_org=org)
        ]
        for text, org in texts
    ]
