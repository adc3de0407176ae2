"""Pairwise comparison of bare names, as the API's pairwise checks and the benchmarks use it."""

from __future__ import annotations

from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.compare import compare_names


def test_a_percent_sign_meets_the_word() -> None:
    assert compare_names("3%ers", "Three Percenters", "Organization") >= DEFAULT_THRESHOLD
    assert compare_names("3% Club", "Three Percenters", "Organization") < DEFAULT_THRESHOLD
