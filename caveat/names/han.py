"""Names written in Han characters: Mandarin pinyin and Japanese readings.

Mandarin comes from rigour's transliteration (ICU's Han-Latin), one syllable per
character, with the surname readings of polyphonic characters fixed from
`data/han.yml` (单 -> "shan").

Convention for Chinese personal names (2 to 4 characters): the surname is one token and
the given name is one token of joined syllables, as the Latin spelling writes them:
习近平 -> ("xi", "jinping"), matching "Xi Jinping". Other Han text gives one token per
syllable.

Japanese names written in kanji cannot be read from the characters alone; a small table
of common surnames and given names (`data/han.yml`) gives 山田太郎 -> ("yamada", "taro").
Korean readings of Hanja names are in `caveat.names.korean`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from rigour.text.translit import ascii_text

from caveat.names.normalize import fold
from caveat.names.resources import load_data

__all__ = [
    "chinese_name_tokens",
    "han_syllable",
    "japanese_given_reading",
    "pinyin_syllables",
    "split_japanese_surname",
]


@lru_cache(maxsize=30_000)
def han_syllable(char: str) -> str:
    """The Mandarin syllable of one Han character, in ASCII without tone.

    Args:
        char: One character.

    Returns:
        The pinyin, e.g. ``"xi"`` for 习; ``""`` if the character has no reading.
    """
    return fold(ascii_text(char)).replace(" ", "")


def pinyin_syllables(text: str) -> tuple[str, ...]:
    """The Mandarin syllables of a run of Han characters, one per character.

    Args:
        text: Han characters.

    Returns:
        The non-empty syllables, in order.
    """
    return tuple(s for s in (han_syllable(c) for c in text) if s != "")


@lru_cache(maxsize=1)
def _chinese_tables() -> tuple[frozenset[str], Mapping[str, str]]:
    data = load_data("han.yml")
    compounds = frozenset(str(s) for s in data["chinese_compound_surnames"])
    readings = {str(k): str(v) for k, v in data["chinese_surname_readings"].items()}
    return compounds, MappingProxyType(readings)


@lru_cache(maxsize=20_000)
def chinese_name_tokens(name: str) -> tuple[str, ...] | None:
    """Render a Chinese personal name as surname plus joined given name.

    Args:
        name: 2 to 4 Han characters, e.g. ``"习近平"``.

    Returns:
        Tokens such as ``("xi", "jinping")``, or ``None`` when the text is not 2 to 4
        characters long or a character has no reading.
    """
    if not 2 <= len(name) <= 4:
        return None
    compounds, readings = _chinese_tables()
    size = 2 if len(name) >= 3 and name[:2] in compounds else 1
    surname, given = name[:size], name[size:]
    if surname in readings:
        surname_latin = readings[surname]
    elif surname[0] in readings:
        surname_latin = readings[surname[0]] + "".join(pinyin_syllables(surname[1:]))
    else:
        surname_latin = "".join(pinyin_syllables(surname))
    given_syllables = pinyin_syllables(given)
    if surname_latin == "" or len(given_syllables) != len(given):
        return None
    return (surname_latin, "".join(given_syllables))


@lru_cache(maxsize=1)
def _japanese_tables() -> tuple[Mapping[str, str], Mapping[str, str]]:
    data = load_data("han.yml")
    surnames = {str(k): str(v) for k, v in data["japanese_surnames"].items()}
    given = {str(k): str(v) for k, v in data["japanese_given_names"].items()}
    return MappingProxyType(surnames), MappingProxyType(given)


@lru_cache(maxsize=20_000)
def split_japanese_surname(name: str) -> tuple[str, str] | None:
    """Split a known Japanese surname off a name written without spaces.

    Args:
        name: The name, e.g. ``"山田太郎"``.

    Returns:
        The surname's reading and the rest of the text (``("yamada", "太郎")``), or
        ``None`` when the name does not start with a known surname followed by more text.
    """
    surnames, _ = _japanese_tables()
    for size in (3, 2, 1):
        if len(name) > size and name[:size] in surnames:
            return surnames[name[:size]], name[size:]
    return None


def japanese_given_reading(given: str) -> str | None:
    """The reading of a common Japanese given name written in kanji.

    Args:
        given: The given name, e.g. ``"太郎"``.

    Returns:
        The reading (``"taro"``), or ``None`` if the name is not in the table.
    """
    return _japanese_tables()[1].get(given)
