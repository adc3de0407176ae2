"""Arabic "servant of" names and short given names, written one way.

"Abd al-Aziz", "Abdul Aziz", "Abdel Aziz", "Abdelaziz" and "Abdulaziz" are one name,
"Abd" (servant) and the article joined to one of the names of God; "Abdurrahman" writes
the article as the sun letter assimilates it. They all become ``abd al aziz``, and the
forms of "Abdullah" become ``abd allah``. "Mohd" and "Md" become "muhammad".
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from caveat.names.resources import load_data

__all__ = ["given_name_abbreviations", "split_compounds"]

# "abd" + the article written with a vowel: abdul, abdel, abdal, abdol, abdoul, abdil.
_ARTICLE = re.compile(r"^abd(?:ou|[ueaoi])l(?P<rest>[a-z]{3,})$")
# "abd" + a vowel + a doubled sun letter: abdurrahman, abdussalam, abdunnasir.
_SUN = re.compile(r"^abd(?:ou|[ueao])(?P<sun>[rstdzn])(?P=sun)(?P<rest>[a-z]{2,})$")
_ALONE = frozenset({"abdul", "abdel", "abdal", "abdol", "abdoul", "abdil", "abdu", "abdou"})
_ALLAH = re.compile(r"^abd(?:ou|[ueao])?l?lah?$")


@lru_cache(maxsize=1)
def given_name_abbreviations() -> MappingProxyType[str, str]:
    """Short given names and the names they stand for, e.g. ``"mohd" -> "muhammad"``."""
    table = load_data("particles.yml")["given_name_abbreviations"]
    return MappingProxyType({str(k): str(v) for k, v in table.items()})


# A consonant slipped into the first letters of a long compound ("Abzdullah", "Abdzul
# Aziz") is left out; a vowel is not, since names of their own begin that way
# ("Abadelian").
_SLIP_LENGTH = 7
_SLIP_REACH = 5


def _split_slipped(token: str) -> tuple[str, ...]:
    """`_split`, trying once more with one letter left out of the first ones."""
    split = _split(token)
    if len(split) > 1 or len(token) < _SLIP_LENGTH or not token.startswith("a"):
        return split
    for i in range(1, _SLIP_REACH):
        if token[i] in "aeiouy":
            continue
        repaired = _split(token[:i] + token[i + 1 :])
        if len(repaired) > 1:
            return repaired
    return split


def _split(token: str) -> tuple[str, ...]:
    if not token.startswith("abd") or token == "abd":
        return (token,)
    if _ALLAH.match(token) is not None:
        return ("abd", "allah")
    if token in _ALONE:
        return ("abd", "al")
    found = _ARTICLE.match(token)
    if found is not None:
        return ("abd", "al", found.group("rest"))
    found = _SUN.match(token)
    if found is not None:
        return ("abd", "al", found.group("sun") + found.group("rest"))
    return (token,)


def split_compounds(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Write "abd" compounds and short given names one way.

    Args:
        tokens: Lowercase ASCII name parts, e.g. ``("abdulaziz", "al", "saud")``.

    Returns:
        The parts, e.g. ``("abd", "al", "aziz", "al", "saud")``.
    """
    short = given_name_abbreviations()
    out: list[str] = []
    for token in tokens:
        out.extend(_split_slipped(short.get(token, token)))
    return tuple(out)
