"""Word-level transliteration to Latin tokens, by the rules of each script.

Cyrillic, Greek, Armenian and Georgian go through fast tables
(`caveat.names.alphabets`); most other scripts through rigour's `ascii_text` (ICU, via
normality). This module fills the gaps:

- Arabic script: the article "ال" becomes its own token "al" ("الأسد" -> "al", "asd"),
  and Urdu letters ICU does not know are mapped to their Arabic base letters.
- Cyrillic: an alternative rendering reads "дж" and "х" as in foreign names (Маджид
  Тахери -> "majid taheri" rather than "madzhid takheri").
- Greek: an alternative rendering reads "ντ", "μπ", "γκ", "ου", "χ" and "τζ" as in
  foreign names (Βλαντίμιρ Πούτιν -> "vladimir putin" rather than "vlantimir poutin",
  Χασάν -> "hasan", Τζον -> "jon").
- Kana: Hepburn with long vowels unmarked ("ou" -> "o": タロウ -> "taro").
- Devanagari, Bengali, Gurmukhi, Gujarati: the unpronounced final inherent vowel is
  dropped (पुतिन -> "putin", not "putina").
- Han: Mandarin pinyin, joined per word (see `caveat.names.han`).
- Hangul: Revised Romanization or the McCune-Reischauer-like scheme
  (see `caveat.names.korean`).
- Myanmar: the conventional spelling of Burmese names, syllable by syllable, or a
  reading for foreign names in the "foreign" scheme (see `caveat.names.burmese`).
- Scripts ICU cannot transliterate (Khmer): letters are spelled from their Unicode
  character names (ពូទីន -> "puutiin").
- Words mixing Latin with Cyrillic or Greek look-alike letters ("Рutin" with a Cyrillic
  Р) are read in the script of the majority.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rigour.text.translit import ascii_text

from caveat.names.alphabets import ALPHABET_SCRIPTS, romanize_alphabet
from caveat.names.burmese import romanize_burmese
from caveat.names.han import pinyin_syllables
from caveat.names.korean import romanize_word
from caveat.names.normalize import fold
from caveat.names.scripts import INHERENT_VOWEL_SCRIPTS, KANA_SCRIPTS

__all__ = ["FOREIGN_MARKERS", "SCHEMES", "UKRAINIAN_MARKERS", "render_word"]

#: Rendering schemes: "default" for every script, "uk" to read every Cyrillic word of a
#: name the Ukrainian/Belarusian way, "foreign" to read Cyrillic or Burmese as foreign
#: names are written in it, "greek" for the alternative Greek reading, "rr" and "mr"
#: for the two Korean romanisations.
SCHEMES = ("default", "uk", "foreign", "greek", "rr", "mr")
#: Cyrillic letters that foreign names written in Cyrillic read otherwise.
FOREIGN_MARKERS = frozenset("хХ") | {"дж", "Дж", "ДЖ"}
#: Letters that mark a Cyrillic text as Ukrainian or Belarusian.
UKRAINIAN_MARKERS = frozenset("іїєґўІЇЄҐЎ")

_CYRILLIC_LOOKALIKES = "АВЕЅІЈКМНОРСТХУаеіјорсхуѕԁԛԝ"
_CYRILLIC_AS_LATIN = "ABESIJKMHOPCTXYaeijopcxysdqw"
_GREEK_LOOKALIKES = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοικνρτυχ"
_GREEK_AS_LATIN = "ABEZHIKMNOPTYXaoikvptux"
_LATIN_LOOKALIKES = "ABEKMHOPCTXYaeopcxy"
_LATIN_AS_CYRILLIC = "АВЕКМНОРСТХУаеорсху"
# Urdu letters mapped to the Arabic letters ICU knows; the ayn and the hamza are
# dropped, as most Latin spellings drop them ("Ali", "Saeed").
_URDU_FROM = "ٹڈڑںھےۓیکۃہ"
_URDU_TO = "تدرنهييي" + "كةه"
_ARABIC_SILENT = "عء"
_ARABIC_ARTICLE = "ال"

_GREEK_FOREIGN = (
    (re.compile(r"nt"), "d"),
    (re.compile(r"mp"), "b"),
    (re.compile(r"gk"), "g"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ch"), "h"),
    (re.compile(r"tz"), "j"),
)
# Foreign names in Cyrillic: Джон is "jon", Хасан "hasan", not "dzhon", "khasan".
_CYRILLIC_FOREIGN = ((re.compile(r"dzh"), "j"), (re.compile(r"kh"), "h"))
_KANA_LONG = (
    (re.compile(r"ou(?![aeiou])"), "o"),
    (re.compile(r"uu"), "u"),
    (re.compile(r"oo"), "o"),
)
_NAME_VOWELS = re.compile(r"(?<=.)[AEIOU]+$")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, int], dict[int, int], dict[int, int | None]]:
    to_latin = str.maketrans(
        _CYRILLIC_LOOKALIKES + _GREEK_LOOKALIKES, _CYRILLIC_AS_LATIN + _GREEK_AS_LATIN
    )
    to_cyrillic = str.maketrans(_LATIN_LOOKALIKES, _LATIN_AS_CYRILLIC)
    urdu = str.maketrans(_URDU_FROM, _URDU_TO, _ARABIC_SILENT)
    return to_latin, to_cyrillic, urdu


def _ascii_tokens(text: str) -> tuple[str, ...]:
    latin = ascii_text(text)
    if "?" in latin:
        # ICU marks what it cannot render with "?": a lone sign is dropped, a word it
        # cannot read at all is spelled from the Unicode character names.
        unknown = latin.count("?")
        latin = _spell_by_names(text) if unknown * 2 > len(latin) else latin.replace("?", "")
    return tuple(fold(latin).split())


def _spell_by_names(text: str) -> str:
    """Spell letters from their Unicode names: the fallback for scripts ICU lacks."""
    parts: list[str] = []
    for char in text:
        if char.isascii():
            parts.append(char)
            continue
        name = unicodedata.name(char, "")
        if "LETTER" not in name and "VOWEL" not in name:
            if unicodedata.category(char) == "Nd":
                parts.append(str(unicodedata.digit(char, 0)))
            continue
        sound = name.rsplit(" ", 1)[-1]
        if "LETTER" in name and "VOWEL" not in name:
            sound = _NAME_VOWELS.sub("", sound)
        parts.append(sound.lower())
    return "".join(parts)


def _arabic(word: str) -> tuple[str, ...]:
    word = word.translate(_tables()[2])
    if word.startswith(_ARABIC_ARTICLE) and len(word) > 3:
        return ("al", *_ascii_tokens(word[2:]))
    return _ascii_tokens(word)


def _kana(word: str) -> tuple[str, ...]:
    joined = "".join(_ascii_tokens(word))
    for pattern, replacement in _KANA_LONG:
        joined = pattern.sub(replacement, joined)
    return (joined,) if joined != "" else ()


def _inherent_vowel(word: str) -> tuple[str, ...]:
    tokens = _ascii_tokens(word)
    name = unicodedata.name(word[-1], "")
    if tokens != () and "LETTER" in name and "VOWEL" not in name:
        last = tokens[-1]
        if len(last) > 2 and last.endswith("a") and last[-2] not in "aeiou":
            tokens = (*tokens[:-1], last[:-1])
    return tokens


def _greek(word: str, scheme: str) -> tuple[str, ...]:
    tokens = tuple(fold(romanize_alphabet(word, "Greek")).split())
    if scheme != "greek":
        return tokens
    out: list[str] = []
    for token in tokens:
        for pattern, replacement in _GREEK_FOREIGN:
            token = pattern.sub(replacement, token)
        out.append(token)
    return tuple(out)


def _han(word: str) -> tuple[str, ...]:
    syllables = pinyin_syllables(word)
    if len(syllables) <= 4:
        joined = "".join(syllables)
        return (joined,) if joined != "" else ()
    return syllables


@lru_cache(maxsize=100_000)
def render_word(word: str, script: str, scheme: str = "default") -> tuple[str, ...]:
    """Render one word as Latin ASCII tokens.

    Args:
        word: One word as cut by `caveat.names.normalize.split_words`.
        script: Its script, from `caveat.names.scripts.word_script`.
        scheme: One of `SCHEMES`; a scheme that does not concern the word's script
            renders it the default way.

    Returns:
        Lowercase ASCII tokens; usually one, several for Han text of more than four
        characters or an Arabic word with its article.
    """
    to_latin, to_cyrillic, _ = _tables()
    if script == "Latin":
        return tuple(fold(word.translate(to_latin)).split())
    if script == "Greek":
        return _greek(word, scheme)
    if script == "Cyrillic":
        word = word.translate(to_cyrillic)
        latin = fold(romanize_alphabet(word, script, ukrainian=scheme == "uk"))
        if scheme == "foreign":
            for pattern, replacement in _CYRILLIC_FOREIGN:
                latin = pattern.sub(replacement, latin)
        return tuple(latin.split())
    if script in ALPHABET_SCRIPTS:
        return tuple(fold(romanize_alphabet(word, script)).split())
    if script == "Arabic":
        return _arabic(word)
    if script == "Han":
        return _han(word)
    if script == "Hangul":
        romanized = romanize_word(word, "mr" if scheme == "mr" else "rr")
        return tuple(fold(romanized).split())
    if script in KANA_SCRIPTS:
        return _kana(word)
    if script in INHERENT_VOWEL_SCRIPTS:
        return _inherent_vowel(word)
    if script == "Myanmar":
        latin = romanize_burmese(word, foreign=scheme == "foreign")
        if latin != "":
            return (latin,)
    return _ascii_tokens(word)
