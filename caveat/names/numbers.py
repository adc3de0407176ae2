"""Numbers written as words, ordinals and Roman numerals, read as digits.

Organisation and vessel names write their numbers every way: "Brigade Forty-Four",
"Brigade 44", "1st International Bank", "First International Bank", "Fund IV", "Fund
4". Reading them all as digits lets the parts meet, and lets matching treat a number as
a number: never similar to another number by spelling ("Victory 3" is not "Victory 5").
The words are in `data/numbers.yml`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from caveat.names.resources import load_data

__all__ = ["NumberWords", "number_words", "read_numbers", "roman_value"]

_ORDINAL_SUFFIX = re.compile(r"^(\d+)(st|nd|rd|th)$")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# What may be added after a word of each role: a unit after tens, up to 99 after a scale.
_ADDS_TO = {"tens": 10, "scale": 100, "unit": 0}


class NumberWords(NamedTuple):
    """The number words, by role."""

    units: MappingProxyType[str, int]
    tens: MappingProxyType[str, int]
    scales: MappingProxyType[str, int]
    ordinals: MappingProxyType[str, int]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """The words of `data/numbers.yml`."""
    data = load_data("numbers.yml")
    return NumberWords(
        *(MappingProxyType({str(k): int(v) for k, v in data[part].items()}) for part in
          ("units", "tens", "scales", "ordinals"))
    )  # fmt: skip


def roman_value(token: str) -> int | None:
    """The value of a Roman numeral of two letters or more, up to 39 ("xiv" is 14).

    Single letters are left alone: "I", "V" and "X" are as often initials.

    Args:
        token: A lowercase ASCII token.

    Returns:
        The value, or None when the token is not such a numeral.
    """
    if len(token) < 2 or _ROMAN.match(token) is None:
        return None
    total = 0
    for position, letter in enumerate(token):
        value = _ROMAN_VALUES[letter]
        following = token[position + 1] if position + 1 < len(token) else ""
        if following != "" and _ROMAN_VALUES[following] > value:
            total -= value
        else:
            total += value
    return total


def _word_value(token: str, words: NumberWords) -> tuple[int, str] | None:
    """A token's value and role: "unit", "tens", "scale" or "ordinal"."""
    for role, table in (("unit", words.units), ("tens", words.tens), ("scale", words.scales)):
        value = table.get(token)
        if value is not None:
            return value, role
    value = words.ordinals.get(token)
    if value is not None:
        return value, "ordinal"
    suffixed = _ORDINAL_SUFFIX.match(token)
    if suffixed is not None:
        return int(suffixed.group(1)), "ordinal"
    if token.isdigit() and len(token) <= 2:
        # A digit may end a spelt number: "Forty 4".
        return int(token), "digit"
    return None


def read_numbers(tokens: tuple[str, ...], *, roman: bool = False) -> tuple[str, ...]:
    """Replace number words (and, with ``roman``, Roman numerals) by their digits.

    A run of number words makes one number: "forty four" is "44", "one hundred" is
    "100", "twenty first" is "21". A unit never follows a unit ("one two" stays two
    numbers).

    Args:
        tokens: Lowercase ASCII tokens, e.g. ``("brigade", "forty", "four")``.
        roman: Also read Roman numerals of two letters or more after the first token
            (organisations: "Fund IV"; people keep "II" as a generation).

    Returns:
        The tokens with numbers as digits, e.g. ``("brigade", "44")``.
    """
    words = number_words()
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        found = _word_value(token, words)
        if found is None or found[1] == "digit":
            value = roman_value(token) if roman and index > 0 else None
            out.append(token if value is None else str(value))
            index += 1
            continue
        total, role = found
        index += 1
        while index < len(tokens) and role in ("tens", "scale", "unit"):
            following = _word_value(tokens[index], words)
            if following is None:
                break
            value, kind = following
            if kind == "scale" and role in ("unit", "tens"):
                total *= value
            elif kind != "scale" and value < _ADDS_TO[role] and (role, kind) != ("tens", "tens"):
                total += value  # "forty four", "hundred twenty"
            else:
                break
            role = kind
            index += 1
        out.append(str(total))
    return tuple(out)
