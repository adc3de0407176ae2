"""What changed between two versions of a list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from caveat.entity import Entity
from caveat.store.versions import ListVersion

__all__ = ["EntityChange", "VersionDiff", "compare_entities"]


@dataclass(frozen=True)
class EntityChange:
    """One entry present in both versions whose content differs."""

    old: Entity
    new: Entity
    fields: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Per field: the values removed and the values added."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.new.id,
            "caption": self.new.caption,
            "fields": {k: {"removed": r, "added": a} for k, (r, a) in self.fields.items()},
        }


@dataclass(frozen=True)
class VersionDiff:
    old: ListVersion
    new: ListVersion
    added: list[Entity]
    removed: list[Entity]
    changed: list[EntityChange]

    @property
    def unchanged(self) -> int:
        return self.new.entity_count - len(self.added) - len(self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "list_id": self.new.list_id,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "added": [{"id": e.id, "caption": e.caption} for e in self.added],
            "removed": [{"id": e.id, "caption": e.caption} for e in self.removed],
            "changed": [c.to_dict() for c in self.changed],
            "unchanged": self.unchanged,
        }


def _flatten(entity: Entity) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {"schema": [entity.schema]}
    for prop, values in entity.properties.items():
        data[prop] = list(values)
    data["identifiers"] = [
        " ".join(filter(None, (i.type, i.number, i.country, i.note))) for i in entity.identifiers
    ]
    data["programs"] = list(entity.programs)
    data["legal_basis"] = list(entity.legal_basis)
    data["listed_on"] = [entity.listed_on] if entity.listed_on is not None else []
    data["links"] = [
        " ".join(filter(None, (lk.relation, lk.target_name, lk.target_source_id)))
        for lk in entity.links
    ]
    data["unparsed"] = [f"{p}: {v}" for p, v in entity.unparsed]
    return {k: v for k, v in data.items() if v}


def compare_entities(old: Entity, new: Entity) -> dict[str, tuple[list[str], list[str]]]:
    """Field by field: which values went and which came."""
    before, after = _flatten(old), _flatten(new)
    out: dict[str, tuple[list[str], list[str]]] = {}
    for key in sorted(set(before) | set(after)):
        old_values, new_values = before.get(key, []), after.get(key, [])
        removed = [v for v in old_values if v not in new_values]
        added = [v for v in new_values if v not in old_values]
        if removed or added:
            out[key] = (removed, added)
    return out
