"""Facts beside the name: birth dates, countries and identifiers, counted both ways.

An agreeing birth date or country raises the score, a conflicting one lowers it; an
exact strong identifier (passport, tax, registration, IMO, national ID) decides almost
alone. Missing facts on either side change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from caveat.match.explain import Evidence

__all__ = [
    "CandidateFacts",
    "QueryFacts",
    "compare_facts",
    "most_taken",
    "normalize_identifier",
]

# A name alone, however exact, scores at most NAME_SHARE: the rest of the scale is kept
# for corroboration, so an agreeing birth date or country visibly raises a hit.
NAME_SHARE = 0.9
DOB_EXACT = 0.1
DOB_YEAR = 0.05
DOB_CONFLICT = -0.25
DOB_NEAR = -0.06
COUNTRY_AGREE = 0.03
NAME_ORDER_CONFLICT = -0.25
COUNTRY_CONFLICT = -0.06
ID_MATCH_FLOOR = 0.97
ID_MIN_NAME = 0.3
ID_ONLY_FLOOR = 0.8
NON_ALNUM = re.compile(r"[^0-9A-Z]")


def normalize_identifier(value: str) -> str:
    """Identifiers compare on letters and digits only: "IMO 9123456" is "IMO9123456"."""
    text = NON_ALNUM.sub("", value.upper())
    for prefix in ("IMO", "MMSI"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            return text[len(prefix) :]
    return text


@dataclass(frozen=True, slots=True)
class QueryFacts:
    birth_dates: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    identifiers: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    family_names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    birth_dates: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    identifiers: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    family_names: frozenset[str] = frozenset()


def _order_evidence(query: QueryFacts, candidate: CandidateFacts) -> Evidence | None:
    """Both sides say which part is the given name: a swap names another person
    ("Friedrich Hans" is not "Hans Friedrich")."""
    if not (query.given_names and query.family_names):
        return None
    if not (candidate.given_names and candidate.family_names):
        return None
    straight = query.family_names & candidate.family_names
    swapped = query.family_names & candidate.given_names and (
        query.given_names & candidate.family_names
    )
    if swapped and not straight:
        return Evidence("name order", NAME_ORDER_CONFLICT, "given and family names swapped")
    return None


def _dob_evidence(query: Sequence[str], listed: Sequence[str]) -> Evidence | None:
    if not query or not listed:
        return None
    best: Evidence | None = None
    for q in query:
        for c in listed:
            if q == c and len(q) == 10:
                return Evidence("birth date", DOB_EXACT, f"{q} agrees")
            shared = min(len(q), len(c))
            if q[:shared] == c[:shared]:
                found = Evidence("birth date", DOB_YEAR, f"{q} agrees with {c}")
            elif abs(int(q[:4]) - int(c[:4])) <= 1:
                found = Evidence("birth date", DOB_NEAR, f"{q} is close to {c}")
            else:
                found = Evidence("birth date", DOB_CONFLICT, f"{q} conflicts with {c}")
            if best is None or found.effect > best.effect:
                best = found
    return best


def most_taken(query: QueryFacts) -> float:
    """The most the query's facts can take off a score (`compare_facts`, at or below
    zero): each conflict these facts could meet at its worst."""
    taken = DOB_CONFLICT if query.birth_dates else 0.0
    if query.countries:
        taken += COUNTRY_CONFLICT
    if query.given_names and query.family_names:
        taken += NAME_ORDER_CONFLICT
    return taken


def compare_facts(
    query: QueryFacts, candidate: CandidateFacts, name_score: float
) -> tuple[float, list[Evidence]]:
    """Weigh the name score and add the evidence; returns the score and what moved it."""
    evidence: list[Evidence] = []
    shared_ids = query.identifiers & candidate.identifiers
    for found in (
        _dob_evidence(query.birth_dates, candidate.birth_dates),
        _order_evidence(query, candidate),
    ):
        if found is not None:
            evidence.append(found)
    if query.countries and candidate.countries:
        common = query.countries & candidate.countries
        if common:
            evidence.append(
                Evidence("country", COUNTRY_AGREE, f"{', '.join(sorted(common))} agrees")
            )
        else:
            evidence.append(
                Evidence(
                    "country",
                    COUNTRY_CONFLICT,
                    f"{', '.join(sorted(query.countries))} vs "
                    f"{', '.join(sorted(candidate.countries))}",
                )
            )
    score = NAME_SHARE * name_score + sum(e.effect for e in evidence)
    if shared_ids:
        # A renamed vessel or company keeps its number: the identifier alone alerts.
        floor = ID_MATCH_FLOOR if name_score >= ID_MIN_NAME else ID_ONLY_FLOOR
        lifted = max(score, floor)
        evidence.append(
            Evidence("identifier", lifted - score, f"{', '.join(sorted(shared_ids))} is the same")
        )
        score = lifted
    return min(max(score, 0.0), 1.0), evidence
