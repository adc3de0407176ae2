"""Comparing two names, each seen in one or more Latin renderings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from caveat.match.align import Alignment, align_parts, align_prepared
from caveat.match.prepared import PreparedName
from caveat.match.tokens import PartJudge
from caveat.names import coarser_alphabet

__all__ = ["AlignmentKey", "Alignments", "NameScore", "compare_forms"]

# Listed names of lesser standing score lower when not exact.
KIND_FACTOR = {"name": 1.0, "alias": 1.0, "previousName": 0.97, "weakAlias": 0.85}
# A company of another legal form is another legal person: a name alike but for its
# form stays under the threshold. Listed entities mostly also go by their bare name,
# which meets any form in full.
LEGAL_FORM_CONFLICT = 0.75
# Scripts whose romanisation merges distinct names (정 and 종 both give "jong").
MERGING_SCRIPTS = frozenset({"Han", "Hangul", "Hiragana", "Katakana"})
WORD = re.compile(r"\w+")

# All an alignment depends on: both names' parts and weights (the rest of a prepared
# name follows from its parts), whether one side lacks vowels, the alphabet retyped,
# and whether initials may stand for given names.
AlignmentKey = tuple[
    tuple[str, ...], tuple[float, ...], tuple[str, ...], tuple[float, ...], bool, str, bool
]


class Alignments(Protocol):
    """Alignments kept by `AlignmentKey` (`caveat.kept.Kept` is one): the lists name
    many entities alike (one person on several lists, a company family with one name
    and many legal forms), and a customer file screens one name many times."""

    def get(self, key: AlignmentKey, /) -> Alignment | None: ...

    def put(self, key: AlignmentKey, value: Alignment, /) -> None: ...


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    query: PreparedName
    candidate: PreparedName
    alignment: Alignment
    notes: tuple[str, ...] = ()


def compare_forms(
    query: Sequence[PreparedName],
    candidate: Sequence[PreparedName],
    judge: PartJudge,
    *,
    person: bool,
    kind: str = "name",
    alignments: Alignments | None = None,
) -> NameScore | None:
    """The best-scoring pair of renderings, or None when no pair shares anything."""
    best: NameScore | None = None
    for q in query:
        for c in candidate:
            scored = _compare(q, c, judge, person=person, kind=kind, alignments=alignments)
            if scored is not None and (best is None or scored.score > best.score):
                best = scored
    return best


def _native_tokens(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _same_script_score(q: PreparedName, c: PreparedName, judge: PartJudge) -> float | None:
    if q.form is None or c.form is None:
        return None
    scripts = q.form.scripts
    if scripts != c.form.scripts or len(scripts) != 1 or not scripts <= MERGING_SCRIPTS:
        return None
    native_q, native_c = _native_tokens(q.form.text), _native_tokens(c.form.text)
    if not native_q or not native_c:
        return None
    return align_parts(native_q, native_c, _even, judge).score


def _even(_: str) -> float:
    return 1.0


def _compare(
    q: PreparedName,
    c: PreparedName,
    judge: PartJudge,
    *,
    person: bool,
    kind: str,
    alignments: Alignments | None = None,
) -> NameScore | None:
    if all(len(t) == 1 for t in q.tokens):
        # Initials alone ("N. N.") stand for too many names to say which.
        return None
    # The query's lineage words count, not the listed name's: retrieval expands the
    # query's parts, and could not find what a listed name's reading would allow.
    abjad = q.vowels_guessed or (c.form is not None and c.form.abjad)
    retyped = coarser_alphabet(
        "" if q.form is None else q.form.retyped, "" if c.form is None else c.form.retyped
    )
    key = (q.tokens, q.weights, c.tokens, c.weights, abjad, retyped, person)
    alignment = None if alignments is None else alignments.get(key)
    if alignment is None:
        alignment = align_prepared(
            q,
            c,
            judge,
            abjad=abjad,
            retyped=retyped,
            person=person,
            listed_floor=0.7 if person else 0.6,
        )
        if alignments is not None:
            alignments.put(key, alignment)
    if alignment.matched == 0:
        return None
    score = alignment.score
    notes: list[str] = []
    native = _same_script_score(q, c, judge)
    if native is not None and native < score:
        # Both written in one non-Latin script: romanisation may merge letters that the
        # script keeps apart (정 and 종 both give "jong"), so the originals have a say.
        score = native
        notes.append(f"compared in {', '.join(sorted(q.form.scripts))} script: {native:.2f}")  # type: ignore[union-attr]
    q_legal = q.form.legal_forms if q.form is not None else frozenset()
    c_legal = c.form.legal_forms if c.form is not None else frozenset()
    if q_legal and c_legal and not (q_legal & c_legal):
        score *= LEGAL_FORM_CONFLICT
        notes.append(
            f"legal forms differ ({', '.join(sorted(q_legal))} vs {', '.join(sorted(c_legal))})"
        )
    factor = KIND_FACTOR.get(kind, 1.0)
    if factor < 1.0 and score < 1.0:
        score *= factor
        notes.append(f"{kind} counts for less")
    return NameScore(score, q, c, alignment, tuple(notes))
