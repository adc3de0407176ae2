"""Scoring listed entities against a query, with explanations.

Pure: no I/O and no global state beyond bounded, clearable caches.
"""

from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.compare import compare_names
from caveat.match.explain import Evidence, Explanation, PartMatch
from caveat.match.ofac import clear_ofac_caches, ofac_name_score, ofac_score
from caveat.match.scoring import ListedName, QueryName, Scored, WeighedName, score_entity
from caveat.match.tokens import PartJudge, fuzzy_similarity

__all__ = [
    "DEFAULT_THRESHOLD",
    "Evidence",
    "Explanation",
    "ListedName",
    "PartJudge",
    "PartMatch",
    "QueryName",
    "Scored",
    "WeighedName",
    "clear_caches",
    "compare_names",
    "ofac_name_score",
    "ofac_score",
    "score_entity",
]


def clear_caches() -> None:
    """Empty the part-similarity caches (e.g. between benchmark passes)."""
    fuzzy_similarity.cache_clear()
    clear_ofac_caches()
