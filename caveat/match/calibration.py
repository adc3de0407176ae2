"""The default threshold and what scores mean.

Scores are shaped so that one threshold serves people, organisations and vessels on
every list: at or above ``DEFAULT_THRESHOLD`` a hit deserves an analyst's look. A score
of 1.0 means an exact name (or an exact strong identifier); 0.8–0.95 a close spelling
or transliteration; below 0.5 a shared common part at most.
"""

from __future__ import annotations

__all__ = ["DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 0.7
