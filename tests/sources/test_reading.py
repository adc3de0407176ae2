"""Safe reading: gzip, strict decoding, hardened XML."""

from __future__ import annotations

import contextlib
import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.exc import EmptyFileError, EncodingError, FormatError, SourceError, UnsafeXMLError
from caveat.sources.reading import SourceData, decode_text, decompress, parse_xml


def test_gzip_is_looked_through() -> None:
    assert decompress("x.gz", gzip.compress(b"<a/>")) == b"<a/>"


def test_truncated_gzip_is_reported() -> None:
    with pytest.raises(FormatError, match="gzip stream is damaged or truncated"):
        decompress("list.xml.gz", gzip.compress(b"<a>" * 1000)[:40])


def test_empty_and_blank_files_are_refused() -> None:
    with pytest.raises(EmptyFileError, match=r"sdn\.csv: the file is empty"):
        decompress("sdn.csv", b"")
    with pytest.raises(EmptyFileError):
        decompress("sdn.csv", b"\r\n\x1a")


def test_bad_utf8_names_line_and_offset() -> None:
    with pytest.raises(EncodingError) as info:
        decode_text("add.csv", b"ok\nstill ok\nbad \xe9 here\n")
    assert info.value.line == 3
    assert "add.csv, line 3" in str(info.value)


def test_bom_is_dropped() -> None:
    assert decode_text("a.csv", b"\xef\xbb\xbfid,name") == "id,name"


def test_doctype_is_refused_before_parsing() -> None:
    xml = (
        b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<a>&e;</a>'
    )
    with pytest.raises(UnsafeXMLError) as info:
        parse_xml(SourceData("evil.xml", xml))
    assert info.value.line == 2


def test_truncated_xml_gives_line() -> None:
    with pytest.raises(FormatError) as info:
        parse_xml(SourceData("cut.xml", b"<a>\n<b>\n<c>text"))
    assert info.value.line == 3


@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_source_errors(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        parse_xml(SourceData("fuzz.xml", data))
