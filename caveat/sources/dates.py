"""Dates as lists write them, turned into ISO prefixes (YYYY, YYYY-MM or YYYY-MM-DD).

Lists write "01 Apr 1960", "Apr 1960", "1960", "circa 1960", "03/28/2025" or
"1960-04-01"; a date we cannot read returns None (the caller keeps the raw text).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date", "parse_dates"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+)?(?:Z|[+-]\d\d:\d\d)?$")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]+(\d{4})$")
MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ -,]+(\d{4})$")
MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
US_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
QUALIFIERS = re.compile(r"^(circa|ca\.?|c\.|approximately|approx\.?|about|around)\s+", re.I)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(text: str) -> int | None:
    return MONTHS.get(text.lower()[:4].rstrip(".")) or MONTHS.get(text.lower()[:3])


def parse_date(text: str | None, *, us_order: bool = True) -> str | None:
    """Read one date; ``us_order`` reads ``03/04/2025`` as March 4th (OFAC's habit)."""
    if text is None:
        return None
    value = QUALIFIERS.sub("", " ".join(text.split())).strip(" .,")
    if value == "":
        return None
    m = ISO.match(value)
    if m is not None:
        return _iso(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    m = DAY_MONTH_YEAR.match(value)
    if m is not None:
        month = _month(m[2])
        return None if month is None else _iso(int(m[3]), month, int(m[1]))
    m = MONTH_DAY_YEAR.match(value)
    if m is not None:
        month = _month(m[1])
        return None if month is None else _iso(int(m[3]), month, int(m[2]))
    m = MONTH_YEAR.match(value)
    if m is not None:
        month = _month(m[1])
        return None if month is None else _iso(int(m[2]), month)
    m = US_SLASH.match(value)
    if m is not None:
        a, b = int(m[1]), int(m[2])
        month, day = (a, b) if us_order else (b, a)
        return _iso(int(m[3]), month, day)
    m = DOTTED.match(value)
    if m is not None:
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    return None


def parse_dates(text: str | None) -> list[str]:
    """Read a field that may hold a date, a range ("1960 to 1962") or a list of dates.

    A range gives each year in it, as OFAC's "circa 1960 to 1962" means any of them.
    """
    if text is None:
        return []
    single = parse_date(text)
    if single is not None:
        return [single]
    value = " ".join(text.split())
    range_match = re.match(
        r"^(?:(?:circa|ca\.?|between)\s+)?(\d{4})\s*(?:to|-|–|and)\s*(\d{4})$", value, re.I
    )
    if range_match is not None:
        start, end = int(range_match[1]), int(range_match[2])
        if start <= end <= start + 20:
            return [str(y) for y in range(start, end + 1)]
    out: list[str] = []
    for part in re.split(r";|,(?=\s*\d{1,2}\s+[A-Za-z])|\balt\.", value):
        parsed = parse_date(part)
        if parsed is not None and parsed not in out:
            out.append(parsed)
    return out
