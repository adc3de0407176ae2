"""From words in any script to one or more Latin token sequences for a whole name.

Most names are rendered word by word (`caveat.names.translit.render_word`). Personal
names written entirely in Han or Hangul are rendered as names instead, because their
Latin spellings follow naming conventions rather than the characters alone:

- Han: Mandarin (习近平 -> "xi jinping"); when the name is also a Korean name in Hanja,
  its Korean reading in both Korean schemes (金正恩 -> "kim jong un", "kim jeong eun");
  when it is a common Japanese name, its Japanese reading (山田太郎 -> "yamada taro").
- Hangul: surname plus given-name syllables, in Revised Romanization and in the
  McCune-Reischauer-like scheme (see `caveat.names.korean`).
"""

from __future__ import annotations

from caveat.names.han import (
    chinese_name_tokens,
    japanese_given_reading,
    pinyin_syllables,
    split_japanese_surname,
)
from caveat.names.korean import SCHEMES as KOREAN_SCHEMES
from caveat.names.korean import hanja_to_hangul, korean_name_tokens
from caveat.names.normalize import split_words
from caveat.names.scripts import KANA_SCRIPTS, VOWEL_UNCERTAIN_SCRIPTS, word_script
from caveat.names.translit import FOREIGN_MARKERS, UKRAINIAN_MARKERS, render_word

__all__ = ["Rendering", "phrase_tokens", "render_name"]

#: One Latin rendering of a name: its tokens, and whether its vowels are unknown.
Rendering = tuple[tuple[str, ...], bool]

_CJK = frozenset({"Han", "Hangul"}) | KANA_SCRIPTS


def phrase_tokens(text: str) -> tuple[str, ...]:
    """Render a phrase (a legal form, a title) to tokens the way names are rendered.

    Args:
        text: The phrase in any script, e.g. ``"Sp. z o.o."`` or ``"ООО"``.

    Returns:
        Its tokens, e.g. ``("sp", "z", "o", "o")``.
    """
    tokens: list[str] = []
    for word in split_words(text):
        tokens.extend(render_word(word, word_script(word)))
    return tuple(tokens)


def _han_person(han: list[str]) -> list[tuple[str, ...]]:
    joined = "".join(han)
    forms: list[tuple[str, ...]] = []
    chinese = chinese_name_tokens(joined)
    if chinese is not None:
        forms.append(chinese)
    else:
        forms.append(tuple(t for word in han for t in ["".join(pinyin_syllables(word))] if t))
    for scheme in reversed(KOREAN_SCHEMES):
        hangul = hanja_to_hangul(joined, scheme)
        korean = None if hangul is None else korean_name_tokens(hangul, scheme)
        if korean is not None:
            forms.append(korean)
    japanese = _japanese_person(joined)
    if japanese is not None:
        forms.append(japanese)
    return forms


def _japanese_person(joined: str) -> tuple[str, ...] | None:
    split = split_japanese_surname(joined)
    if split is None:
        return None
    surname, given = split
    reading = japanese_given_reading(given)
    if reading is None and all(word_script(c) in KANA_SCRIPTS for c in given):
        kana = render_word(given, word_script(given))
        reading = "".join(kana) if kana != () else None
    return None if reading is None else (surname, reading)


def _person_forms(words: list[str], scripts: list[str]) -> list[tuple[str, ...]]:
    letters = {s for s in scripts if s != "Common"}
    if letters == {"Han"}:
        han = [w for w, s in zip(words, scripts, strict=True) if s == "Han"]
        if 2 <= len("".join(han)) <= 4 or len(han) == 1:
            return _han_person(han)
        return [tuple(t for w in han for t in ["".join(pinyin_syllables(w))] if t)]
    if letters == {"Hangul"}:
        joined = "".join(words)
        forms = [korean_name_tokens(joined, scheme) for scheme in KOREAN_SCHEMES]
        return [f for f in forms if f is not None]
    if letters and letters <= _CJK and "Han" in letters:
        japanese = _japanese_person("".join(words))
        return [] if japanese is None else [japanese]
    return []


def render_name(words: list[str], *, is_org: bool = False) -> list[Rendering]:
    """Render the words of one name as one or more Latin token sequences.

    Args:
        words: The words of the name, as cut by `caveat.names.normalize.split_words`.
        is_org: Whether the name is an organisation's (then Han and Hangul are never read
            as personal names).

    Returns:
        Renderings, the most common spelling first; possibly with duplicates. A personal
        name in Han or Hangul gives its name readings, plus the plain word-by-word
        reading when it has only two characters.
    """
    if all(w.isascii() for w in words):
        # Latin letters and digits only (`split_words` leaves nothing else): the fast path.
        return [(tuple(w.lower() for w in words), False)]
    scripts = [word_script(w) for w in words]
    renderings: list[Rendering] = []
    if not is_org:
        renderings = [(form, False) for form in _person_forms(words, scripts) if form]
        # Three or more characters read as a name are surely one; two may also be a
        # word or a foreign name (이반 "Ivan", 安娜 "Anna"), so keep the plain reading too.
        if renderings and sum(len(w) for w in words) > 2:
            return renderings
    abjad = any(s in VOWEL_UNCERTAIN_SCRIPTS for s in scripts)
    schemes = ["default"]
    if "Cyrillic" in scripts and any(not UKRAINIAN_MARKERS.isdisjoint(w) for w in words):
        schemes = ["uk"]
    if "Myanmar" in scripts or (
        "Cyrillic" in scripts and any(m in w for w in words for m in FOREIGN_MARKERS)
    ):
        schemes.append("foreign")
    if "Greek" in scripts:
        schemes.append("greek")
    if "Hangul" in scripts:
        schemes.append("mr")
    for scheme in schemes:
        pairs = zip(words, scripts, strict=True)
        tokens = tuple(t for w, s in pairs for t in render_word(w, s, scheme))
        renderings.append((tokens, abjad))
    return renderings
