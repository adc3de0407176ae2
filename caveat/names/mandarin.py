"""Chinese names in Latin letters: Wade-Giles read as pinyin, and pinyin written by ear.

A Chinese name is spelt in pinyin (Xi Jinping), in Wade-Giles (Hsi Chin-p'ing, Mao
Tse-tung) or by someone who writes pinyin as it sounds (Shi Jinping). `wade_giles_tokens`
reads a name written in Wade-Giles as pinyin, one token a word as pinyin joins a given
name's syllables; `heard_alike` tells whether two parts are one pinyin spelling written
by ear (x as "s" or "sh", q as "ch"). The syllables and rules are in `data/mandarin.yml`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from caveat.names.resources import load_data

__all__ = [
    "clear_mandarin_caches",
    "heard_alike",
    "heard_readings",
    "pinyin_split",
    "wade_giles_tokens",
]

# Words per name and syllables per word worth reading: a longer text is no Chinese name.
MAX_WORDS = 4
MAX_SYLLABLES = 3
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʻʼ`´"})
# The letters Wade-Giles spells with (v standing for ü): no b, d, q or x.
_WORD = re.compile(r"[acefghijklmnoprstuvwyz'-]+")
# Letters no Wade-Giles spelling has, as written: a name with one is read no further.
_NOT_WADE_GILES = re.compile("[bdqxBDQX0-9]")
# What a by-ear spelling writes for pinyin's x ("sh", "s") and q ("ch").
_HEARD_INITIAL = re.compile("sh|s|ch")
# The syllables and initials of pinyin, longest initials first.
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
             "j", "q", "x", "r", "z", "c", "s")  # fmt: skip


@dataclass(frozen=True)
class _Tables:
    syllables: frozenset[str]
    heard: Mapping[str, tuple[str, ...]]
    wg_initials: Mapping[str, tuple[str, str]]
    wg_finals: Mapping[str, str]
    wg_only_initials: frozenset[str]
    wg_only_finals: frozenset[str]
    finals: frozenset[str]
    # Runs of syllables as one pattern each, to turn away in one C call the parts that
    # are no pinyin (or could not be heard as pinyin) before splitting them in Python.
    pinyin_run: re.Pattern[str]
    heard_run: re.Pattern[str]


def _trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, as a tree of their shared beginnings: a
    regular expression of hundreds of plain alternatives tries each in turn."""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[:1], []).append(word[1:])
    options = []
    ends = False
    for head, tails in sorted(branches.items()):
        if head == "":
            ends = True
            continue
        inner = _trie_pattern(tails)
        options.append(re.escape(head) + (f"(?:{inner})" if "|" in inner else inner))
    pattern = "|".join(options)
    if ends:
        return f"(?:{pattern})?" if pattern else ""
    return pattern


def _run_of(syllables: Iterable[str], most: int) -> re.Pattern[str]:
    return re.compile(f"(?:{_trie_pattern(syllables)}){{1,{most}}}")


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_data("mandarin.yml")
    syllables = frozenset(
        final if initial == "-" else initial + final
        for initial, finals in data["pinyin"].items()
        for final in finals
    )
    heard: dict[str, tuple[str, ...]] = {}
    for group in data["heard_alike"]:
        for initial in group:
            heard[initial] = tuple(g for g in group if g != initial)
    pinyin_finals = {f for i, fs in data["pinyin"].items() if i != "-" for f in fs}
    finals = frozenset(pinyin_finals | set(data["wade_giles_finals"]))
    by_ear = {
        alike + syllable[1:]
        for syllable in syllables
        if syllable[:1] in ("x", "q")
        for alike in heard[syllable[:1]]
    }
    return _Tables(
        pinyin_run=_run_of(syllables, MAX_SYLLABLES + 1),
        heard_run=_run_of(syllables | by_ear, MAX_SYLLABLES + 1),
        syllables=syllables,
        heard=heard,
        wg_initials={k: (v[0], v[1]) for k, v in data["wade_giles_initials"].items()},
        wg_finals=dict(data["wade_giles_finals"]),
        wg_only_initials=frozenset(data["wade_giles_only_initials"]),
        wg_only_finals=frozenset(data["wade_giles_only_finals"]),
        finals=finals,
    )


T = TypeVar("T")


def _fewest(text: str, read: Callable[[str], T | None], most: int) -> list[T] | None:
    """``text`` split into the fewest pieces ``read`` knows (at most ``most``, of up to
    seven letters each), each as ``read`` gives it; None when it does not split so."""
    best: dict[int, list[T]] = {0: []}
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - 7), end):
            head = best.get(start)
            if head is None or len(head) >= most:
                continue
            piece = read(text[start:end])
            if piece is not None and (end not in best or len(head) + 1 < len(best[end])):
                best[end] = [*head, piece]
    return best.get(len(text))


@lru_cache(maxsize=50_000)
def pinyin_split(token: str) -> tuple[str, ...] | None:
    """The pinyin syllables a part is made of, fewest first, or None when it is not
    pinyin (``"jinping"`` -> ``("jin", "ping")``).

    Args:
        token: A lowercase ASCII name part.
    """
    tables = _tables()
    if tables.pinyin_run.fullmatch(token) is None:
        return None
    syllables = tables.syllables
    found = _fewest(token, lambda s: s if s in syllables else None, MAX_SYLLABLES + 1)
    return None if found is None else tuple(found)


def _initial(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


@lru_cache(maxsize=50_000)
def _by_ear(token: str) -> frozenset[str]:
    """The spellings of a pinyin part written by ear: each x as "s" or "sh", q as "ch"."""
    syllables = pinyin_split(token)
    heard = _tables().heard
    if syllables is None or not any(_initial(s)[0] in ("x", "q") for s in syllables):
        return frozenset()
    choices = []
    for syllable in syllables:
        initial, final = _initial(syllable)
        if initial in ("x", "q"):
            choices.append([syllable, *(h + final for h in heard[initial])])
        else:
            choices.append([syllable])
    return frozenset("".join(p) for p in itertools.product(*choices)) - {token}


@lru_cache(maxsize=50_000)
def heard_readings(token: str) -> frozenset[str]:
    """The parts that ``token`` may be a by-ear spelling of, or that may be by-ear
    spellings of it (``"shi"`` -> ``{"xi"}``; ``"qing"`` -> ``{"ching"}``).

    Args:
        token: A lowercase ASCII name part.
    """
    if len(token) > 4 * MAX_SYLLABLES or _tables().heard_run.fullmatch(token) is None:
        return frozenset()
    found = set(_by_ear(token))
    # The other way: read "sh", "s" and "ch" as x and q where that gives pinyin.
    places = list(_HEARD_INITIAL.finditer(token))[:MAX_SYLLABLES]
    for chosen in itertools.product((False, True), repeat=len(places)):
        if not any(chosen):
            continue
        out, at = [], 0
        for place, swap in zip(places, chosen, strict=True):
            if swap:
                out += [token[at : place.start()], "q" if place.group() == "ch" else "x"]
                at = place.end()
        candidate = "".join(out) + token[at:]
        if token in _by_ear(candidate):
            found.add(candidate)
    return frozenset(found)


def heard_alike(a: str, b: str) -> bool:
    """Whether one part is the other's pinyin written by ear (``"si"`` and ``"xi"``).

    Args:
        a: A lowercase ASCII name part.
        b: Another.
    """
    if a == b or not ("x" in a or "q" in a or "x" in b or "q" in b):
        return False  # the cheap answer for nearly every pair the judge sees
    return b in _by_ear(a) or a in _by_ear(b)


def _fold_word(text: str) -> str:
    """Lowercase ASCII keeping what Wade-Giles writes with marks: ü as v, apostrophes."""
    if text.isascii():
        return text.lower().replace("`", "'")
    text = text.translate(_APOSTROPHES).casefold().replace("ü", "v")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _wade_giles_syllable(syllable: str) -> tuple[str, bool] | None:
    """A Wade-Giles syllable's pinyin, and whether only Wade-Giles writes it so."""
    tables = _tables()
    for size in (3, 2, 1, 0):
        initial, final = syllable[:size], syllable[size:]
        if size > 0 and initial not in tables.wg_initials:
            continue
        if final not in tables.finals:
            continue
        marked = initial in tables.wg_only_initials or final in tables.wg_only_finals
        converted = _convert(initial, final)
        if converted in tables.syllables:
            return converted, marked
    return None


@lru_cache(maxsize=1)
def _wade_giles_run() -> re.Pattern[str]:
    """Runs of the syllables Wade-Giles spells (those whose reading is pinyin)."""
    tables = _tables()
    spellings = {
        initial + final
        for initial in ("", *tables.wg_initials)
        for final in tables.finals
        if _convert(initial, final) in tables.syllables
    }
    return _run_of(spellings, MAX_SYLLABLES)


def _convert(initial: str, final: str) -> str:
    tables = _tables()
    palatal = final.startswith(("i", "v"))
    pinyin = tables.wg_initials[initial][0 if palatal else 1] if initial else ""
    if final == "u" and initial in ("tz", "tz'", "ss", "sz"):
        final = "i"  # tzu -> zi: the apical vowel
    elif final == "o" and pinyin in ("g", "k", "h"):
        final = "e"  # ko -> ge
    elif final == "o" and pinyin in ("d", "t", "n", "l", "z", "c", "s", "zh", "ch", "sh", "r"):
        final = "uo"  # to -> duo
    elif initial == "y" and final in ("en", "eh"):
        final = "an" if final == "en" else "e"  # yen -> yan, yeh -> ye
    else:
        final = tables.wg_finals.get(final, final)
    final = final.replace("v", "u")
    if not initial:
        return {"i": "yi", "erh": "er", "er": "er"}.get(final, final)
    return pinyin + final


def _wade_giles_piece(piece: str) -> tuple[str, bool] | None:
    """A hyphen-free run of syllables read as pinyin, and whether it had a Wade-Giles
    mark; None when it does not split into Wade-Giles syllables."""
    if _wade_giles_run().fullmatch(piece) is None:
        return None
    found = _fewest(piece, _wade_giles_syllable, MAX_SYLLABLES)
    if not found:
        return None
    return "".join(p for p, _ in found), any(marked for _, marked in found)


@lru_cache(maxsize=20_000)
def wade_giles_tokens(text: str) -> tuple[str, ...] | None:
    """A name written in Wade-Giles, read as pinyin: one token a word, the syllables of a
    hyphenated given name joined (``"Mao Tse-tung"`` -> ``("mao", "zedong")``).

    A name is read so only when every word splits into Wade-Giles syllables and one of
    them is spelt as only Wade-Giles spells (hs, ts, tz, ih, ung...; a "ch" syllable
    pinyin lacks, as in Chiang); an apostrophe marks an aspirated initial, and its
    absence reads the plain one.

    Args:
        text: A personal name in Latin letters.

    Returns:
        The pinyin tokens, or None when the name is not read as Wade-Giles.
    """
    if _NOT_WADE_GILES.search(text) is not None:
        return None
    words = _fold_word(text).replace(",", " ").split()
    if not 1 <= len(words) <= MAX_WORDS or not all(_WORD.fullmatch(w) for w in words):
        return None
    tokens: list[str] = []
    marked = False
    for word in words:
        pieces = [p.strip("'") for p in word.split("-")]
        read_word = ""
        for piece in pieces:
            if piece == "":
                return None
            read = _wade_giles_piece(piece)
            if read is None:
                return None
            read_word += read[0]
            # A syllable in "ch" that pinyin has not (Chiang, Ching) marks Wade-Giles too;
            # other syllables pinyin lacks are as likely another language's (Nikolai).
            unlike_pinyin = piece.startswith("ch") and pinyin_split(piece) is None
            marked = marked or read[1] or "'" in piece or unlike_pinyin
        tokens.append(read_word)
    return tuple(tokens) if marked else None


def clear_mandarin_caches() -> None:
    """Empty this module's caches and its loaded tables."""
    for cached in (
        _tables,
        _wade_giles_run,
        pinyin_split,
        _by_ear,
        heard_readings,
        wade_giles_tokens,
    ):
        cached.cache_clear()
