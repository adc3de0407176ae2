"""Candidate retrieval over the active list versions.

Pure: built from entities and name knowledge handed in; persisting it is the caller's
job (`caveat.indexing`).
"""

from caveat.index.index import Analysed, ScreeningIndex, schemas_compatible, texts_to_analyse
from caveat.index.vocabulary import Vocabulary

__all__ = ["Analysed", "ScreeningIndex", "Vocabulary", "schemas_compatible", "texts_to_analyse"]
