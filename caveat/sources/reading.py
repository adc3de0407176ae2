"""Reading list files safely: gzip, strict text decoding and hardened XML.

Every failure becomes a `SourceError` subclass naming the file and, where it helps,
the line or element.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError, UnsafeXMLError

__all__ = [
    "SourceData",
    "decode_text",
    "local_name",
    "parse_xml",
    "read_source",
    "source_line",
]

GZIP_MAGIC = b"\x1f\x8b"
DOS_EOF = b"\x1a"
# Official list files hold no DTD; any DOCTYPE is refused before the parser sees it,
# which blocks external entities (XXE) and entity-expansion bombs alike.
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
UTF8_BOM = b"\xef\xbb\xbf"
XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.-]+)")


@dataclass(frozen=True)
class SourceData:
    """The decompressed bytes of one file, with the name used in messages."""

    name: str
    data: bytes

    def text(self, encoding: str = "utf-8") -> str:
        return decode_text(self.name, self.data, encoding)


def read_source(path: Path, name: str | None = None) -> SourceData:
    """Read a file, un-gzipping it when it is gzip, and refuse empty files."""
    label = name if name is not None else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(label, f"cannot be read: {exc.strerror or exc}") from exc
    return SourceData(label, decompress(label, raw))


def decompress(name: str, raw: bytes) -> bytes:
    """Un-gzip when the bytes start with the gzip magic; refuse empty and truncated files."""
    if raw[:2] == GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as exc:
            raise FormatError(name, f"the gzip stream is damaged or truncated ({exc})") from exc
    if raw.strip(b" \t\r\n" + DOS_EOF) == b"":
        raise EmptyFileError(name, "the file is empty")
    return raw


def decode_text(name: str, data: bytes, encoding: str = "utf-8") -> str:
    """Decode strictly, reporting the line and byte of the first bad sequence."""
    if data.startswith(b"\xef\xbb\xbf") and encoding.replace("-", "").lower() == "utf8":
        data = data[3:]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4]
        raise EncodingError(
            name,
            f"is not valid {encoding.upper()}: byte {bad[:1]!r} at offset {exc.start} "
            f"({exc.reason}); re-save the file as {encoding.upper()}",
            line=line,
        ) from exc


def parse_xml(source: SourceData, root_tag: str | None = None, title: str = "") -> etree._Element:
    """Parse XML with entity resolution, DTD loading and network access all off.

    Args:
        source: the file's bytes and name.
        root_tag: the root element (local name) the format defines; another root is a
            `FormatError` naming the element found.
        title: the format's name, for that message.
    """
    match = DOCTYPE.search(source.data)
    if match is not None:
        line = source.data.count(b"\n", 0, match.start()) + 1
        raise UnsafeXMLError(
            source.name,
            "refused: the XML declares a DOCTYPE or entities, which official list files "
            "never do (external entities and entity expansion are not resolved)",
            line=line,
        )
    if source.data.startswith(UTF8_BOM):
        source = SourceData(source.name, source.data[len(UTF8_BOM) :])
    if not source.data.lstrip().startswith(b"<"):
        raise FormatError(source.name, "is not XML: it does not start with '<'", line=1)
    declared = XML_ENCODING.search(source.data[:200])
    if declared is None or declared[1].lower().replace(b"-", b"") == b"utf8":
        decode_text(source.name, source.data)  # names the line of a bad byte
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(source.data, parser=parser)
    except etree.XMLSyntaxError as exc:
        error_line: int | None = exc.lineno if exc.lineno else None
        message = exc.msg if exc.msg else str(exc)
        raise FormatError(
            source.name,
            f"is not well-formed XML (truncated or damaged?): {message}",
            line=error_line,
        ) from exc
    if root is None:
        raise FormatError(source.name, "holds no XML document")
    docinfo = root.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or docinfo.internalDTD is not None:
        raise UnsafeXMLError(source.name, "refused: the XML declares a DOCTYPE")
    if root_tag is not None and local_name(root) != root_tag:
        found = local_name(root)
        raise FormatError(
            source.name,
            f"unexpected root element <{found}>: {title or 'this format'} has <{root_tag}>",
            line=source_line(root),
            element=found,
        )
    return root


def source_line(element: etree._Element) -> int | None:
    """The line an element starts on, when lxml knows it."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
