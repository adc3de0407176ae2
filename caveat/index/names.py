"""The listed names of an index, kept compact: a few strings and arrays per name.

A million entities hold about three million names; as Python objects (a tuple of forms,
each a tuple of token strings) they would cost several gigabytes. Here each name is its
text and one string encoding its renderings, plus its entity and kind in arrays; the
`NameForm`s are rebuilt only for the names of entities being scored.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from caveat.names import NameForm

__all__ = ["KINDS", "NameTable"]

KINDS = ("name", "alias", "previousName", "weakAlias")
_FORMS = "\x1e"
_FIELDS = "\x1f"
_LIST = ","


def _encode(forms: Sequence[NameForm]) -> str:
    return _FORMS.join(
        _FIELDS.join(
            (
                f.latin,
                " ".join(f.tokens),
                _LIST.join(sorted(f.legal_forms)),
                _LIST.join(sorted(f.scripts)),
                "1" if f.abjad else "",
            )
        )
        for f in forms
    )


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split(_LIST)) if text else frozenset()


def _decode(text: str, encoded: str) -> tuple[NameForm, ...]:
    forms = []
    for form in encoded.split(_FORMS):
        latin, tokens, legal, scripts, abjad = form.split(_FIELDS)
        parts = _tokens(tokens)
        forms.append(NameForm(text, latin, parts, _split(legal), _split(scripts), abjad == "1"))
    return tuple(forms)


def _tokens(field: str) -> tuple[str, ...]:
    return tuple(field.split(" ")) if field else ()


def _parts(form: str) -> tuple[str, ...]:
    """The parts of one encoded rendering."""
    return _tokens(form.split(_FIELDS)[1])


class NameTable:
    """Names in entity order: ids are positions, an entity's names are contiguous."""

    def __init__(self, entity_count: int) -> None:
        self._entities: list[int] = []
        self._kinds: list[int] = []
        self.texts: list[str] = []
        self._forms: list[str] = []
        self._entity_count = entity_count
        self.entity: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._kind: npt.NDArray[np.int8] = np.zeros(0, dtype=np.int8)
        # Each rendering ("form") by id: the name it renders and its place among them.
        self.form_name: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._form_index: npt.NDArray[np.int8] = np.zeros(0, dtype=np.int8)
        self._starts: npt.NDArray[np.int64] = np.zeros(entity_count + 1, dtype=np.int64)

    def add(self, entity: int, kind: str, text: str, forms: Sequence[NameForm]) -> None:
        """Add one name; entities must come in increasing order."""
        self._entities.append(entity)
        self._kinds.append(KINDS.index(kind))
        self.texts.append(text)
        self._forms.append(_encode(forms))

    def seal(self) -> None:
        """Build the arrays once every name is added."""
        self.entity = np.asarray(self._entities, dtype=np.int32)
        self._starts = np.searchsorted(self.entity, np.arange(self._entity_count + 1)).astype(
            np.int64
        )
        self._kind = np.asarray(self._kinds, dtype=np.int8)
        self._entities, self._kinds = [], []
        counts = np.fromiter(
            (f.count(_FORMS) + 1 for f in self._forms), dtype=np.int64, count=len(self._forms)
        )
        self.form_name = np.repeat(np.arange(len(self._forms), dtype=np.int32), counts)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        self._form_index = (np.arange(len(self.form_name)) - starts).astype(np.int8)

    def __len__(self) -> int:
        return len(self.texts)

    def of_entity(self, entity: int) -> range:
        """The ids of an entity's names."""
        return range(int(self._starts[entity]), int(self._starts[entity + 1]))

    def kind(self, name_id: int) -> str:
        return KINDS[int(self._kind[name_id])]

    def forms(self, name_id: int) -> tuple[NameForm, ...]:
        """The name's renderings."""
        return _decode(self.texts[name_id], self._forms[name_id])

    def tokens(self) -> Iterator[tuple[int, set[str]]]:
        """Each name's id and the parts of all its renderings."""
        for name_id in range(len(self._forms)):
            yield name_id, self.parts(name_id)

    def form_count(self) -> int:
        """How many renderings the names have in all."""
        return len(self.form_name)

    def form_tokens(self, form_id: int) -> tuple[str, ...]:
        """The parts of one rendering."""
        encoded = self._forms[int(self.form_name[form_id])]
        return _parts(encoded.split(_FORMS)[int(self._form_index[form_id])])

    def renderings(self) -> Iterator[tuple[tuple[str, ...], frozenset[str]]]:
        """Each rendering's parts and legal-form classes, in id order."""
        for encoded in self._forms:
            for form in encoded.split(_FORMS):
                fields = form.split(_FIELDS)
                yield _tokens(fields[1]), _split(fields[2])

    def parts(self, name_id: int) -> set[str]:
        """The parts of all of a name's renderings."""
        out: set[str] = set()
        for form in self._forms[name_id].split(_FORMS):
            out.update(_parts(form))
        return out

    def __getstate__(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "forms": self._forms,
            "entity": self.entity,
            "kind": self._kind,
            "starts": self._starts,
            "entity_count": self._entity_count,
            "form_name": self.form_name,
            "form_index": self._form_index,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.texts = state["texts"]
        self._forms = state["forms"]
        self.entity = state["entity"]
        self._kind = state["kind"]
        self._starts = state["starts"]
        self._entity_count = state["entity_count"]
        self.form_name = state["form_name"]
        self._form_index = state["form_index"]
        self._entities, self._kinds = [], []
