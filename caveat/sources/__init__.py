"""List formats: each module turns one official file format into entities.

Parsers do no I/O; `caveat.sources.discover` finds files and `caveat.store` keeps what
the parsers return. `caveat.sources.registry` gathers the formats.
"""

from caveat.sources.common import FileMatch, ListParser, ParsedList
from caveat.sources.reading import SourceData, read_source

__all__ = ["FileMatch", "ListParser", "ParsedList", "SourceData", "read_source"]
