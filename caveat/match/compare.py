"""Comparing two bare names, outside any list: for benchmarks, tests and the API's
pairwise checks. Without list statistics every part weighs the same."""

from __future__ import annotations

from caveat.match.evidence import CandidateFacts, QueryFacts
from caveat.match.ofac import ofac_name_score
from caveat.match.scoring import ListedName, QueryName, score_entity
from caveat.match.tokens import GENERIC_WEIGHT, PartJudge
from caveat.names import analyze_name, generic_org_words
from caveat.names.variants import NameVariants

__all__ = ["compare_names"]

GENERIC = generic_org_words()


def _weigh(token: str) -> float:
    """Without list statistics, generic organisation words are the known common parts."""
    return GENERIC_WEIGHT if token in GENERIC else 1.0


def compare_names(
    name1: str,
    name2: str,
    schema: str = "LegalEntity",
    *,
    variants: NameVariants | None = None,
    algorithm: str = "default",
) -> float:
    """Similarity of two names in [0, 1], on the same scale as screening scores.

    Args:
        name1: the query name.
        name2: the listed name.
        schema: the FollowTheMoney schema both names belong to.
        variants: name-variant knowledge; none by default.
        algorithm: ``default`` or ``ofac``.
    """
    if algorithm == "ofac":
        return ofac_name_score(name1, name2)[0]
    is_org = schema != "Person"
    query = QueryName(name1, analyze_name(name1, is_org=is_org)).weighed(_weigh)
    listed = ListedName(name2, "name", analyze_name(name2, is_org=is_org)).weighed(_weigh)
    judge = PartJudge(variants)
    scored = score_entity(
        [query], QueryFacts(), [listed], CandidateFacts(), judge, person=not is_org
    )
    return 0.0 if scored is None else scored.score
