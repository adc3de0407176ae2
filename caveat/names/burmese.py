"""Burmese names in Latin letters, as Myanmar's own names are spelled abroad.

ICU reads the Myanmar script letter by letter ("မင်းအောင်လှိုင်" -> "mainnaaonglhaine"),
while the names on sanctions lists follow the conventional spelling of Burmese names:
one Latin syllable per written syllable, rimes spelled as they sound (Min Aung Hlaing,
Thein Sein, Than Shwe, Aung San Suu Kyi). The rules here follow that convention:

- a syllable is an initial consonant (or the vowel carrier အ), its medials (ျ and ြ
  "y", ွ "w", ှ a breath "h" spelled before the consonant), its vowel signs and an
  optional final consonant marked with the asat (်);
- the rime is spelled from the vowel and the kind of final, since Burmese finals are
  pronounced as a glottal stop or a nasal: ိုင် "aing", ောင် "aung", ိန် "ein", န် "an";
- tone marks (း, ့) are not written.

A second reading serves foreign names written in Burmese. They break Latin clusters with
the inherent vowel (ဗလာဒီမီယာ "ba-la-di-mi-ya" for Vladimir), write "r" with ရ, and
keep ဗ for "v" while ဘ writes "b" (Wikidata's spellings: အဘာဒီ Abadi, အယ်လ်ဗာ Alva).
So in it the inherent vowel before l or r is dropped, ရ reads "r" and ဗ "v".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

__all__ = ["romanize_burmese"]

_CONSONANTS = MappingProxyType(
    {
        "က": "k", "ခ": "kh", "ဂ": "g", "ဃ": "g", "င": "ng",
        "စ": "s", "ဆ": "s", "ဇ": "z", "ဈ": "z", "ဉ": "ny", "ည": "ny",
        "ဋ": "t", "ဌ": "ht", "ဍ": "d", "ဎ": "d", "ဏ": "n",
        "တ": "t", "ထ": "ht", "ဒ": "d", "ဓ": "d", "န": "n",
        "ပ": "p", "ဖ": "ph", "ဗ": "b", "ဘ": "b", "မ": "m",
        "ယ": "y", "ရ": "y", "လ": "l", "ဝ": "w", "သ": "th", "ဟ": "h", "ဠ": "l",
        "အ": "", "ဿ": "th",
    }
)  # fmt: skip
#: Independent vowels: a syllable of their own, with no consonant.
_INDEPENDENT = MappingProxyType(
    {"ဣ": "i", "ဤ": "i", "ဥ": "u", "ဦ": "u", "ဧ": "e", "ဩ": "aw", "ဪ": "aw"}
)
_VOWEL_SIGNS = frozenset("ါာိီုူေဲ")
_MEDIAL_Y = frozenset("ျြ")
_MEDIAL_W = "ွ"
_MEDIAL_H = "ှ"
_ANUSVARA = "ံ"
_ASAT = "်"
_VIRAMA = "္"
_TONES = frozenset("့း")
_LIQUIDS = frozenset("လရ")
_FOREIGN = MappingProxyType({"ရ": "r", "ဗ": "v"})

# Rimes by vowel and kind of final. Vowel classes: "a" (inherent or ါ/ာ), "i" (ိ/ီ),
# "u" (ု/ူ), "e" (ေ or ဲ), "aw" (ေ with ါ/ာ), "o" (ို).
_FINAL_KIND = MappingProxyType(
    {
        "က": "velar_stop", "င": "velar_nasal", "စ": "palatal_stop",
        "ည": "palatal_open", "ဉ": "palatal_nasal",
        "တ": "stop", "ပ": "stop", "ဋ": "stop",
        "န": "nasal", "မ": "nasal", "ဏ": "nasal", _ANUSVARA: "nasal",
        "ယ": "open_e",
    }
)  # fmt: skip
_RIMES = MappingProxyType(
    {
        "velar_nasal": {"a": "in", "i": "in", "u": "ung", "e": "in", "aw": "aung", "o": "aing"},
        "velar_stop": {"a": "et", "i": "eik", "u": "ok", "e": "et", "aw": "auk", "o": "aik"},
        "palatal_stop": {"a": "it", "i": "it", "u": "ut", "e": "it", "aw": "aut", "o": "ait"},
        "palatal_open": {"a": "i", "i": "i", "u": "ui", "e": "e", "aw": "ai", "o": "oi"},
        "palatal_nasal": {"a": "in", "i": "in", "u": "un", "e": "in", "aw": "aun", "o": "on"},
        "stop": {"a": "at", "i": "eik", "u": "ok", "e": "et", "aw": "aut", "o": "ok"},
        "nasal": {"a": "an", "i": "ein", "u": "on", "e": "en", "aw": "aun", "o": "on"},
        "open_e": {"a": "e", "i": "e", "u": "ue", "e": "e", "aw": "e", "o": "oe"},
    }
)  # fmt: skip


@dataclass
class _Syllable:
    initial: str
    medials: set[str] = field(default_factory=set)
    vowels: set[str] = field(default_factory=set)
    finals: list[str] = field(default_factory=list)
    vowel: str | None = None  # an independent vowel's sound

    def vowel_class(self) -> str:
        if self.vowel is not None:
            return self.vowel
        signs = self.vowels
        has_aa = not signs.isdisjoint("ါာ")
        if "ေ" in signs:
            return "aw" if has_aa else "e"
        if "ိ" in signs and "ု" in signs:
            return "o"
        if "ဲ" in signs:
            return "e"
        if not signs.isdisjoint("ိီ"):
            return "i"
        if not signs.isdisjoint("ုူ"):
            return "u"
        return "a"

    def bare(self) -> bool:
        """Whether the syllable is a consonant with only its inherent vowel."""
        return not (self.vowels or self.finals or self.medials) and self.vowel is None


def _parse(word: str) -> list[_Syllable] | None:
    """Cut a word into written syllables; None when it holds a sign out of place."""
    syllables: list[_Syllable] = []
    index = 0
    while index < len(word):
        char = word[index]
        ahead = index + 1
        while ahead < len(word) and word[ahead] in _TONES:
            ahead += 1
        closes = ahead < len(word) and word[ahead] in (_ASAT, _VIRAMA)
        if char in _CONSONANTS and closes and syllables:
            syllables[-1].finals.append(char)
            index = ahead + 1
            continue
        if char in _CONSONANTS:
            syllables.append(_Syllable(char))
        elif char in _INDEPENDENT:
            syllables.append(_Syllable("အ", vowel=_INDEPENDENT[char]))
        elif not syllables:
            return None
        elif char == _ANUSVARA:
            syllables[-1].finals.append(char)
        elif char in _VOWEL_SIGNS:
            syllables[-1].vowels.add(char)
        elif char in _MEDIAL_Y or char in (_MEDIAL_W, _MEDIAL_H):
            syllables[-1].medials.add(char)
        elif char not in _TONES and char not in (_ASAT, _VIRAMA):
            return None
        index += 1
    return syllables


def _onset(syllable: _Syllable, foreign: bool) -> str:
    initial = syllable.initial
    foreign_onset = _FOREIGN.get(initial) if foreign else None
    onset = _CONSONANTS[initial] if foreign_onset is None else foreign_onset
    medials = syllable.medials
    if not medials.isdisjoint(_MEDIAL_Y):
        onset = {"k": "ky", "kh": "ch", "g": "gy"}.get(onset, onset + "y")
    if _MEDIAL_W in medials:
        onset += "w"
    if _MEDIAL_H in medials:
        onset = "sh" + onset[1:] if initial in "ယရ" else "h" + onset
    return onset


def _rime(syllable: _Syllable, foreign: bool) -> str:
    vowel = syllable.vowel_class()
    if not syllable.finals:
        return vowel
    first, *rest = syllable.finals
    kind = _FINAL_KIND.get(first)
    rime = vowel if kind is None else _RIMES[kind][vowel]
    if not foreign:
        # Other finals are silent in Burmese words (ဗိုလ် "bo").
        return rime
    # Foreign names close syllables with any consonant, or several (ဂျရယ်လ် "gerald").
    spelled = rest if kind is not None else syllable.finals
    return rime + "".join(_FOREIGN.get(c) or _CONSONANTS.get(c, "") for c in spelled)


@lru_cache(maxsize=20_000)
def romanize_burmese(word: str, foreign: bool = False) -> str:
    """Spell one Burmese word in Latin letters, its syllables joined.

    Args:
        word: A word in the Myanmar script, as cut by
            `caveat.names.normalize.split_words`.
        foreign: Read it as a foreign name written in Burmese (see the module notes).

    Returns:
        Lowercase ASCII, e.g. ``"minaunghlaing"`` for မင်းအောင်လှိုင်; ``""`` when the
        word holds no syllable this reading knows (then the caller falls back to ICU).
    """
    syllables = _parse(word)
    if not syllables:
        return ""
    out: list[str] = []
    for position, syllable in enumerate(syllables):
        onset = _onset(syllable, foreign)
        following = syllables[position + 1] if position + 1 < len(syllables) else None
        if (
            foreign
            and syllable.bare()
            and onset != ""
            and following is not None
            and following.initial in _LIQUIDS
        ):
            out.append(onset)
            continue
        out.append(onset + _rime(syllable, foreign))
    return "".join(out)
