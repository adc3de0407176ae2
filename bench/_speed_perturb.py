"""Perturbations of listed names, as screening queries meet them, with a hand-written
Latin-to-Cyrillic and Latin-to-Greek transliteration (deliberately naive: a clerk
retyping a Latin name in another alphabet, not a standard).

Each perturbation takes a name and a random generator and returns the new name, or
None when it does not apply (a one-word name has no order to swap).
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable

Perturb = Callable[[str, random.Random], "str | None"]

_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .,'-]*$")

# Longest first: digraphs before single letters.
CYRILLIC = {
    "shch": "щ", "sch": "ш", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "tz": "ц",
    "ya": "я", "yu": "ю", "yo": "ё", "ye": "е", "ck": "к", "ph": "ф", "th": "т", "oo": "у",
    "ee": "и", "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г",
    "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о",
    "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в",
    "x": "кс", "y": "и", "z": "з",
}  # fmt: skip
GREEK = {
    "th": "θ", "ch": "χ", "kh": "χ", "ps": "ψ", "ph": "φ", "ks": "ξ", "ou": "ου", "sh": "σ",
    "a": "α", "b": "μπ", "c": "κ", "d": "ντ", "e": "ε", "f": "φ", "g": "γκ", "h": "χ",
    "i": "ι", "j": "τζ", "k": "κ", "l": "λ", "m": "μ", "n": "ν", "o": "ο", "p": "π",
    "q": "κ", "r": "ρ", "s": "σ", "t": "τ", "u": "ου", "v": "β", "w": "ου", "x": "ξ",
    "y": "ι", "z": "ζ",
}  # fmt: skip
VOWELS = set("aeiou")


def _words(name: str) -> list[str]:
    return name.split()


def _translit_word(word: str, table: dict[str, str], cyrillic: bool) -> str:
    lower, out, i = word.lower(), [], 0
    while i < len(lower):
        for size in (4, 3, 2, 1):
            chunk = lower[i : i + size]
            if len(chunk) == size and chunk in table:
                value = table[chunk]
                if cyrillic and chunk == "y" and i > 0 and lower[i - 1] in VOWELS:
                    value = "й"
                out.append(value)
                i += size
                break
        else:
            out.append(lower[i])
            i += 1
    text = "".join(out)
    if not cyrillic and text.endswith("σ"):
        text = text[:-1] + "ς"
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def transliterate(name: str, table: dict[str, str], cyrillic: bool) -> str | None:
    """The name in another alphabet, word by word; None unless plain Latin letters."""
    if not _LATIN_NAME.match(name):
        return None
    parts = re.split(r"([ ,.'-]+)", name)
    return "".join(
        p if not p or not p[0].isalpha() else _translit_word(p, table, cyrillic) for p in parts
    )


def to_cyrillic(name: str, rng: random.Random) -> str | None:
    return transliterate(name, CYRILLIC, True)


def to_greek(name: str, rng: random.Random) -> str | None:
    return transliterate(name, GREEK, False)


def typo(name: str, rng: random.Random) -> str | None:
    """One keying error (substitute, delete, insert or transpose) in a word of 4+ letters."""
    words = _words(name)
    spots = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    if not spots:
        return None
    i = rng.choice(spots)
    word = words[i]
    letters = [k for k, c in enumerate(word) if c.isalpha()]
    k = rng.choice(letters)
    char = rng.choice(string.ascii_lowercase)
    char = char.upper() if word[k].isupper() else char
    kind = rng.randrange(4)
    if kind == 0:
        word = word[:k] + char + word[k + 1 :]
    elif kind == 1:
        word = word[:k] + word[k + 1 :]
    elif kind == 2:
        word = word[:k] + char + word[k:]
    elif k + 1 < len(word):
        word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    else:
        word = word[: k - 1] + word[k] + word[k - 1]
    if word == words[i]:
        return None
    words[i] = word
    return " ".join(words)


def swap(name: str, rng: random.Random) -> str | None:
    """Other word order: "SURNAME, Given" to "Given SURNAME", else last word first."""
    if "," in name:
        head, _, tail = name.partition(",")
        if head.strip() and tail.strip():
            return f"{tail.strip()} {head.strip()}"
    words = _words(name)
    if len(words) < 2:
        return None
    return " ".join([words[-1], *words[:-1]])


def drop_token(name: str, rng: random.Random) -> str | None:
    """A middle word left out, as a second given name or a middle company word is:
    "SURNAME, Given Second" loses a given name after the first (else a second surname
    word); "A B C" loses a word other than the first and the last."""
    if "," in name:
        head, _, tail = name.partition(",")
        surname, given = _words(head), _words(tail)
        if len(given) >= 2:
            del given[rng.randrange(1, len(given))]
        elif len(surname) >= 2 and given:
            del surname[rng.randrange(1, len(surname))]
        else:
            return None
        return " ".join(surname) + ", " + " ".join(given)
    words = [w for w in _words(name) if any(c.isalnum() for c in w)]
    if len(words) < 3:
        return None
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def initials(name: str, rng: random.Random) -> str | None:
    """Given names cut to initials: "DEMIR, Ismail" to "DEMIR, I.", "Ismail Demir" to
    "I. Demir"."""
    if "," in name:
        head, _, tail = name.partition(",")
        given = _words(tail)
        if not head.strip() or not given:
            return None
        return f"{head.strip()}, " + " ".join(f"{w[0]}." for w in given if w[0].isalpha())
    words = _words(name)
    if len(words) < 2 or not all(w[0].isalpha() for w in words[:-1]):
        return None
    return " ".join([*(f"{w[0]}." for w in words[:-1]), words[-1]])


def noise(name: str, rng: random.Random) -> str | None:
    """Other letter case and punctuation dropped, as a typed customer record has it."""
    text = re.sub(r"[.,'()]", " ", name)
    text = [str.lower, str.upper, str.title][rng.randrange(3)](" ".join(text.split()))
    return text if text else None


def exact(name: str, rng: random.Random) -> str | None:
    return name


PERTURBATIONS: dict[str, Perturb] = {
    "exact": exact,
    "noise": noise,
    "typo": typo,
    "swap": swap,
    "drop_token": drop_token,
    "initials": initials,
    "cyrillic": to_cyrillic,
    "greek": to_greek,
}
