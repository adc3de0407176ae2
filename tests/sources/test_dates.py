"""Dates as lists write them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from caveat.sources.dates import parse_date, parse_dates

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_ofac_and_un_spellings() -> None:
    assert parse_date("01 Apr 1960") == "1960-04-01"  # OFAC, DEMIR Ismail
    assert parse_date("Apr 1960") == "1960-04"
    assert parse_date("circa 1960") == "1960"
    assert parse_date("03/28/2025") == "2025-03-28"  # OFAC Publish_Date
    assert parse_date("2026-02-27T00:00:09.554Z") == "2026-02-27"  # UN dateGenerated
    assert parse_date("12.03.1970") == "1970-03-12"
    assert parse_date("2015-04-07-04:00") == "2015-04-07"  # UN LISTED_ON as xs:date with zone


def test_impossible_dates_are_refused() -> None:
    assert parse_date("31 Feb 1960") is None
    assert parse_date("1960-13-01") is None
    assert parse_date("00/00/0000") is None
    assert parse_date("") is None
    assert parse_date("unknown") is None


def test_ranges_and_lists() -> None:
    assert parse_dates("circa 1960 to 1962") == ["1960", "1961", "1962"]
    assert parse_dates("12 Mar 1965; 15 Jun 1966") == ["1965-03-12", "1966-06-15"]
    assert parse_dates("1900 to 2000") == []  # too wide to be a birth-date range


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_every_real_date_round_trips_in_each_spelling(day: date) -> None:
    iso = day.isoformat()
    assert parse_date(iso) == iso
    assert parse_date(f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}") == iso
    assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == iso


@given(st.text(max_size=40))
def test_any_text_gives_none_or_an_iso_prefix(text: str) -> None:
    result = parse_date(text)
    assert result is None or date.fromisoformat((result + "-01-01")[:10]) is not None
    for value in parse_dates(text):
        assert len(value) in (4, 7, 10)
