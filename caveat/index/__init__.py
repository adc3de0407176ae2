"""Candidate retrieval over the active list versions.

Pure: built from entities and name knowledge handed in; persisting it is the caller's
job (`caveat.indexing`).
"""

from caveat.index.index import ScreeningIndex, schemas_compatible
from caveat.index.vocabulary import Vocabulary

__all__ = ["ScreeningIndex", "Vocabulary", "schemas_compatible"]
