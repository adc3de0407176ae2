"""What a score is made of, in a shape an analyst can read and an auditor can replay."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Evidence", "Explanation", "PartMatch"]


@dataclass(frozen=True, slots=True)
class PartMatch:
    """One aligned pair of name parts (or a part left without a partner)."""

    query: str | None
    candidate: str | None
    similarity: float
    method: str
    """How the parts were judged alike: exact, variant, phonetic, fuzzy, skeleton, joined,
    or ``unmatched``."""
    weight: float
    """The part's rarity weight on the lists: common parts count for little."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "candidate": self.candidate,
            "similarity": round(self.similarity, 3),
            "method": self.method,
            "weight": round(self.weight, 3),
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact beside the name that moved the score, up or down."""

    feature: str
    effect: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "effect": round(self.effect, 3), "detail": self.detail}


@dataclass(frozen=True)
class Explanation:
    """Why a candidate scored what it scored."""

    query_name: str
    matched_name: str
    name_kind: str
    name_score: float
    parts: tuple[PartMatch, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """One line for tables: the names, the aligned parts and each evidence effect."""
        aligned = ", ".join(
            f"{p.query}~{p.candidate}" if p.method != "exact" else f"{p.query}"
            for p in self.parts
            if p.query is not None and p.candidate is not None
        )
        text = f"{self.query_name!r} ~ {self.matched_name!r} ({self.name_kind})"
        text += f" name {self.name_score:.2f}"
        if aligned:
            text += f" [{aligned}]"
        for item in self.evidence:
            text += f"; {item.feature} {item.effect:+.2f} ({item.detail})"
        for note in self.notes:
            text += f"; {note}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_name": self.query_name,
            "matched_name": self.matched_name,
            "name_kind": self.name_kind,
            "name_score": round(self.name_score, 3),
            "parts": [p.to_dict() for p in self.parts],
            "evidence": [e.to_dict() for e in self.evidence],
            "notes": list(self.notes),
        }
