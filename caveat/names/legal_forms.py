"""Legal forms of organisations, normalised across languages into classes.

"OOO Ромашка", "Romashka LLC" and "Romashka GmbH" all carry the class ``"llc"``;
"ROSOBORONEKSPORT OAO" and "JSC Rosoboronexport" carry ``"jsc"``. The forms and their
classes are in `data/legal_forms.yml`, which also explains the choice of classes and
lists the generic words ("company", "group", "trust") that are deliberately not legal
forms.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from caveat.names.org_words import drop_connectors
from caveat.names.phonetic import phonetic_key, retyped_spelling
from caveat.names.phrases import PhraseTable, build_table, unambiguous
from caveat.names.render import phrase_tokens
from caveat.names.resources import load_data

__all__ = [
    "clear_legal_form_caches",
    "generic_org_words",
    "leading_legal_form_table",
    "legal_form_classes",
    "legal_form_table",
    "strip_legal_forms",
]


# A form of this many words or more is also known with one word left out ("Limited
# Liability VMK", "Public Stock Company Alrosa"), when at least two words this long
# remain: what is left of a form of abbreviations could be a name's initials. What is
# left of forms of several classes ("Limited Liability": a company or a partnership)
# carries them all, so that it conflicts with none.
CLASS_SEPARATOR = "|"
SHORTENED_FROM = 3
SHORTENED_WORD = 5


def _classes(labels: list[str]) -> frozenset[str]:
    return frozenset(c for label in labels for c in label.split(CLASS_SEPARATOR))


def _shortened(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The phrase with one of its words left out, where that still reads as a form."""
    if len(phrase) < SHORTENED_FROM:
        return []
    cuts = (phrase[:i] + phrase[i + 1 :] for i in range(len(phrase)))
    return [cut for cut in cuts if sum(len(w) >= SHORTENED_WORD for w in cut) >= 2]


@lru_cache(maxsize=1)
def legal_form_table() -> PhraseTable:
    """The legal forms of `data/legal_forms.yml`, rendered to tokens, and the forms of
    three words or more with one word left out (unless that is another form).

    Returns:
        A table from token sequences (``("sp", "z", "o", "o")``) to class names, or to
        several joined by `CLASS_SEPARATOR`.
    """
    classes = load_data("legal_forms.yml")["classes"]
    table = build_table((str(form), str(name)) for name, forms in classes.items() for form in forms)
    derived: dict[tuple[str, ...], set[str]] = {}
    for phrase, label in table.phrases.items():
        for cut in _shortened(phrase):
            if cut not in table.phrases:
                derived.setdefault(cut, set()).add(label)
    joined = {cut: CLASS_SEPARATOR.join(sorted(labels)) for cut, labels in derived.items()}
    return PhraseTable.of({**joined, **table.phrases})


@lru_cache(maxsize=1)
def leading_legal_form_table() -> PhraseTable:
    """The legal forms that may also stand before the name ("OOO Romashka"), and those
    of three words or more with one word left out.

    Returns:
        A table from token sequences to class names.
    """
    table = legal_form_table()
    leading = [phrase_tokens(str(form)) for form in load_data("legal_forms.yml")["leading"]]
    every = leading + [cut for tokens in leading for cut in _shortened(tokens)]
    return PhraseTable.of({t: table.phrases[t] for t in every if t in table.phrases})


@lru_cache(maxsize=1)
def legal_form_classes() -> frozenset[str]:
    """All legal-form class names, e.g. ``"llc"``, ``"jsc"``, ``"corp"``.

    Returns:
        The class names.
    """
    return frozenset(str(name) for name in load_data("legal_forms.yml")["classes"])


@lru_cache(maxsize=1)
def generic_org_words() -> frozenset[str]:
    """Frequent words of organisation names that are not legal forms.

    Returns:
        Tokens such as ``"company"``, ``"group"``, ``"trust"``: kept in names, but
        worth little as evidence of a match.
    """
    words = load_data("legal_forms.yml")["generic_words"]
    return frozenset(t for word in words for t in phrase_tokens(str(word)))


# Legal-form words this long are recognised with one slip ("Aktiengeselschaft"); inside
# a form of several words, shorter ones too ("Joynt Stock Company", "Opin Joint Stock
# Company"). A shorter form of one word is recognised with two consonants swapped
# ("JCSC").
FUZZY_LENGTH = 7
FUZZY_LENGTH_IN_PHRASE = 4
SWAPPED_LENGTH = 4
_VOWELS = frozenset("aeiouy")
# A name cut short may end in the first letters of a form's last word ("Joint Stock
# Compan"): this many letters at least.
TRUNCATED_LENGTH = 4
# Words of forms of several words this long are also known by their sound ("Kompani").
SOUNDED_LENGTH = 6
# Forms whose words are no longer than this are abbreviations, no names.
ABBREVIATION_LENGTH = 4


@lru_cache(maxsize=1)
def _slipped_words() -> tuple[MappingProxyType[str, str], ...]:
    """Legal-form words by their single deletions and by their phonetic keys, the last
    words of forms of several words by their beginnings, and short forms of one word
    with two neighbouring letters swapped (each only where it points to one word)."""
    deletions: dict[str, set[str]] = {}
    sounds: dict[str, set[str]] = {}
    beginnings: dict[str, set[str]] = {}
    swaps: dict[str, set[str]] = {}
    for phrase in legal_form_table().phrases:
        shortest = FUZZY_LENGTH if len(phrase) == 1 else FUZZY_LENGTH_IN_PHRASE
        if len(phrase) == 1 and SWAPPED_LENGTH <= len(phrase[0]) < FUZZY_LENGTH:
            word = phrase[0]
            for i in range(len(word) - 1):
                # Two consonants only: with a vowel, the swap may spell a word ("part").
                if word[i] in _VOWELS or word[i + 1] in _VOWELS:
                    continue
                swaps.setdefault(word[:i] + word[i + 1] + word[i] + word[i + 2 :], set()).add(word)
        for word in phrase:
            if len(word) >= shortest:
                for cut in {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}:
                    deletions.setdefault(cut, set()).add(word)
            if len(phrase) > 1 and len(word) >= SOUNDED_LENGTH:
                sounds.setdefault(phonetic_key(word), set()).add(word)
        last = phrase[-1]
        if len(phrase) > 1 and len(last) > TRUNCATED_LENGTH:
            for size in range(TRUNCATED_LENGTH, len(last)):
                beginnings.setdefault(last[:size], set()).add(last)
    return tuple(unambiguous(table) for table in (deletions, sounds, beginnings, swaps))


@lru_cache(maxsize=50_000)
def _legal_word(token: str, *, last: bool) -> str:
    """The legal-form word a token is one slip from, or sounds like ("kompani"), or, at
    the end of a name, the word it begins; else the token itself."""
    deletions, sounds, beginnings, swaps = _slipped_words()
    if len(token) < FUZZY_LENGTH_IN_PHRASE - 1:
        return beginnings.get(token, token) if last else token
    found = deletions.get(token) or swaps.get(token)
    if found is None:
        for i in range(len(token)):
            found = deletions.get(token[:i] + token[i + 1 :])
            if found is not None:
                break
    if found is None and len(token) >= SOUNDED_LENGTH:
        found = sounds.get(phonetic_key(token))
    if found is None and last:
        found = beginnings.get(token)
    return token if found is None else found


def _strip_with_slips(
    tokens: tuple[str, ...], table: PhraseTable, *, at_end: bool
) -> tuple[tuple[str, ...], list[str]]:
    """Strip forms from one end of a name; read the words at that end as legal-form
    words with a slip too, and keep that when it strips more (a form as written may be
    the end of a longer one with a slip: "Joynt Stock Company")."""
    strip = table.strip_end if at_end else table.strip_start
    stripped, labels = strip(tokens)
    if len(stripped) == 0:
        return stripped, labels
    reach = min(table.longest, len(tokens))
    edge = range(len(tokens) - reach, len(tokens)) if at_end else range(reach)
    repaired = list(tokens)
    for i in edge:
        repaired[i] = _legal_word(tokens[i], last=at_end and i == len(tokens) - 1)
    fixed, found = strip(tuple(repaired))
    if not found or len(fixed) >= len(stripped):
        return stripped, labels
    # Only the words of the forms removed are read with a slip; a short word only inside
    # a form of several words.
    removed = len(tokens) - len(fixed)
    span = range(len(tokens) - removed, len(tokens)) if at_end else range(removed)
    slipped = [tokens[i] for i in span if tokens[i] != repaired[i]]
    *_, swapped = _slipped_words()
    if removed < 2 and any(len(t) < FUZZY_LENGTH - 1 and t not in swapped for t in slipped):
        return stripped, labels
    return (tokens[: len(fixed)] if at_end else tokens[removed:]), found


def strip_legal_forms(
    tokens: tuple[str, ...], *, retyped: str = ""
) -> tuple[tuple[str, ...], frozenset[str]]:
    """Remove legal forms from the end (and leading forms from the start) of a name.

    A long legal-form word is recognised with one slip ("Aktiengeselschaft"), and the
    last word of a form of several words when the name is cut short ("Joint Stock
    Compan").

    Args:
        tokens: The name's tokens, e.g. ``("rosoboroneksport", "oao")``.
        retyped: The alphabet the name was written in, if one of
            `caveat.names.phonetic.RETYPING_ALPHABETS`: a legal-form word is then also
            recognised by its retyped spelling (`caveat.names.phonetic.retyped_spelling`:
            "Λτντ", "Κομπανι", "Ллк").

    Returns:
        The remaining tokens and the classes found: ``(("rosoboroneksport",),
        frozenset({"jsc"}))``. The remaining tokens may be empty (a name that is only a
        legal form).
    """
    if retyped:
        return _strip_retyped(tokens, retyped)
    rest, start = _strip_with_slips(tokens, leading_legal_form_table(), at_end=False)
    if not start:
        rest, start = _strip_abbreviated_start(rest)
    rest, end = _strip_with_slips(rest, legal_form_table(), at_end=True)
    if start and rest and all(len(t) == 1 for t in drop_connectors(rest)):
        # What the start's form leaves is initials: the form is the name's first
        # initials ("AT&T Inc.", "AT and T"; "AT" is a Ukrainian joint-stock company).
        rest, end = _strip_with_slips(tokens, legal_form_table(), at_end=True)
        return rest, _classes(end)
    return rest, _classes(start + end)


@lru_cache(maxsize=4)
def _retyped_tables(alphabet: str) -> tuple[PhraseTable, PhraseTable]:
    """The legal forms and the leading ones, keyed word by word by `retyped_spelling`
    (doubled letters kept: "KK" is no lone "К"); a keyed form two classes share is left
    out. Whole forms are keyed, not single words, since the key makes letters ambiguous
    ("К.В." is "C.V.", though "k" is a form's word too)."""

    def keyed(table: PhraseTable) -> PhraseTable:
        found: dict[tuple[str, ...], set[str]] = {}
        for phrase, label in table.phrases.items():
            spelled = tuple(retyped_spelling(w, alphabet) for w in phrase)
            found.setdefault(spelled, set()).add(label)
        return PhraseTable.of(unambiguous(found))

    return keyed(legal_form_table()), keyed(leading_legal_form_table())


def _strip_retyped(
    tokens: tuple[str, ...], alphabet: str
) -> tuple[tuple[str, ...], frozenset[str]]:
    """Strip the forms of a name read from Greek or Cyrillic, found by their retyping
    keys; the name's own words stay as rendered. Forms written with a slip are looked
    for as written."""
    table, leading = _retyped_tables(alphabet)
    keys = tuple(retyped_spelling(t, alphabet) for t in tokens)
    # Abbreviations at the start only as written: by its key, a short first word of the
    # name may read as one ("Βου" as "BV").
    rest, start = leading.strip_start(keys)
    after_start = len(rest)
    rest, end = table.strip_end(rest)
    if not (start or end):
        return strip_legal_forms(tokens)
    first = len(tokens) - after_start
    # What is left may still hold a form as written ("ООО", whose key is left out).
    kept, written = strip_legal_forms(tokens[first : first + len(rest)])
    return kept, _classes(start + end) | written


def _strip_abbreviated_start(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """A form written short at the start ("S.A. Leverage", "AB Volvo", "Oy Nokia"): an
    abbreviation is no name, unless its letters run on into more initials ("A.S.P.
    Builders" is not an Anonim Şirketi)."""
    table = legal_form_table()
    for size in range(min(table.longest, len(tokens) - 1), 0, -1):
        head = tokens[:size]
        label = table.phrases.get(head)
        if label is None or any(len(t) > ABBREVIATION_LENGTH for t in head):
            continue
        if len(head[-1]) == 1 and len(tokens[size]) == 1:
            return tokens, []
        return tokens[size:], [label]
    return tokens, []


def clear_legal_form_caches() -> None:
    """Empty the tables read from `data/legal_forms.yml` and everything derived."""
    for cached in (
        legal_form_table,
        leading_legal_form_table,
        legal_form_classes,
        generic_org_words,
        _slipped_words,
        _legal_word,
        _retyped_tables,
    ):
        cached.cache_clear()
