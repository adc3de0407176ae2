"""The list formats Caveat reads, gathered in one place."""

from __future__ import annotations

from caveat.exc import ConfigError
from caveat.sources.common import FileMatch, ListParser
from caveat.sources.csl_csv import CslCsvParser
from caveat.sources.eu_fsf_xml import EuFsfXmlParser
from caveat.sources.ftm_json import FtmJsonParser
from caveat.sources.internal_csv import InternalCsvParser
from caveat.sources.ofac_csv import OfacCsvParser
from caveat.sources.ofac_enhanced_xml import OfacEnhancedXmlParser
from caveat.sources.ofac_xml import OfacXmlParser
from caveat.sources.uk_xml import UkXmlParser
from caveat.sources.un_xml import UnXmlParser

__all__ = ["PARSERS", "get_parser", "sniff"]

# Order matters for sniffing: specific formats before the generic internal CSV.
PARSERS: tuple[type[ListParser], ...] = (
    OfacCsvParser,
    OfacXmlParser,
    OfacEnhancedXmlParser,
    UnXmlParser,
    EuFsfXmlParser,
    UkXmlParser,
    CslCsvParser,
    FtmJsonParser,
    InternalCsvParser,
)


def get_parser(format: str) -> type[ListParser]:
    for parser in PARSERS:
        if parser.format == format:
            return parser
    known = ", ".join(p.format for p in PARSERS)
    raise ConfigError(f"unknown list format {format!r} (known: {known})", format=format)


def sniff(filename: str, head: bytes) -> FileMatch | None:
    """The first format that recognises a file, by name and content."""
    name = filename.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    is_xml = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    for parser in PARSERS:
        # An XML format never claims a file that does not start like XML (such as a
        # README that mentions the format's namespace).
        if parser.format.endswith("_xml") and not is_xml:
            continue
        match = parser.sniff(name, head)
        if match is not None:
            return match
    return None
