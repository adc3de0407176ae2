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

from caveat.names.phrases import PhraseTable, build_table
from caveat.names.render import phrase_tokens
from caveat.names.resources import load_data

__all__ = [
    "generic_org_words",
    "leading_legal_form_table",
    "legal_form_classes",
    "legal_form_table",
    "strip_legal_forms",
]


@lru_cache(maxsize=1)
def legal_form_table() -> PhraseTable:
    """The legal forms of `data/legal_forms.yml`, rendered to tokens.

    Returns:
        A table from token sequences (``("sp", "z", "o", "o")``) to class names.
    """
    classes = load_data("legal_forms.yml")["classes"]
    return build_table((str(form), str(name)) for name, forms in classes.items() for form in forms)


@lru_cache(maxsize=1)
def leading_legal_form_table() -> PhraseTable:
    """The legal forms that may also stand before the name ("OOO Romashka").

    Returns:
        A table from token sequences to class names.
    """
    table = legal_form_table()
    leading = (phrase_tokens(str(form)) for form in load_data("legal_forms.yml")["leading"])
    return PhraseTable.of({tokens: table.phrases[tokens] for tokens in leading})


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
# a form of several words, shorter ones too ("Joynt Stock Company").
FUZZY_LENGTH = 7
FUZZY_LENGTH_IN_PHRASE = 5
# A name cut short may end in the first letters of a form's last word ("Joint Stock
# Compan"): this many letters at least.
TRUNCATED_LENGTH = 4


@lru_cache(maxsize=1)
def _slipped_words() -> tuple[MappingProxyType[str, str], MappingProxyType[str, str]]:
    """Legal-form words by their single deletions, and the last words of forms of
    several words by their beginnings (where only one word begins so)."""
    deletions: dict[str, set[str]] = {}
    beginnings: dict[str, set[str]] = {}
    for phrase in legal_form_table().phrases:
        shortest = FUZZY_LENGTH if len(phrase) == 1 else FUZZY_LENGTH_IN_PHRASE
        for word in phrase:
            if len(word) >= shortest:
                for cut in {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}:
                    deletions.setdefault(cut, set()).add(word)
        last = phrase[-1]
        if len(phrase) > 1 and len(last) > TRUNCATED_LENGTH:
            for size in range(TRUNCATED_LENGTH, len(last)):
                beginnings.setdefault(last[:size], set()).add(last)
    return (
        MappingProxyType({k: next(iter(v)) for k, v in deletions.items() if len(v) == 1}),
        MappingProxyType({k: next(iter(v)) for k, v in beginnings.items() if len(v) == 1}),
    )


def _legal_word(token: str, *, last: bool) -> str:
    """The legal-form word a token is one slip from (or, at the end of a name, the word
    it begins), else the token itself."""
    if len(token) < FUZZY_LENGTH_IN_PHRASE - 1:
        return _slipped_words()[1].get(token, token) if last else token
    deletions, beginnings = _slipped_words()
    found = deletions.get(token)
    if found is None:
        for i in range(len(token)):
            found = deletions.get(token[:i] + token[i + 1 :])
            if found is not None:
                break
    if found is None and last:
        found = beginnings.get(token)
    return token if found is None else found


def _strip_end_with_slips(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    table = legal_form_table()
    stripped, labels = table.strip_end(tokens)
    if labels or not tokens:
        return stripped, labels
    tail = max(len(tokens) - table.longest, 0)
    last = len(tokens) - 1
    repaired = tokens[:tail] + tuple(
        _legal_word(t, last=i == last) for i, t in enumerate(tokens[tail:], start=tail)
    )
    if repaired == tokens:
        return stripped, labels
    fixed, found = table.strip_end(repaired)
    if not found:
        return stripped, labels
    # Only the words of the forms removed are read with a slip; a short word only inside
    # a form of several words.
    kept = len(fixed)
    slipped = [t for t, r in zip(tokens[kept:], repaired[kept:], strict=True) if t != r]
    if len(tokens) - kept < 2 and any(len(t) < FUZZY_LENGTH - 1 for t in slipped):
        return stripped, labels
    return tokens[:kept], found


def strip_legal_forms(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """Remove legal forms from the end (and leading forms from the start) of a name.

    A long legal-form word is recognised with one slip ("Aktiengeselschaft"), and the
    last word of a form of several words when the name is cut short ("Joint Stock
    Compan").

    Args:
        tokens: The name's tokens, e.g. ``("rosoboroneksport", "oao")``.

    Returns:
        The remaining tokens and the classes found: ``(("rosoboroneksport",),
        frozenset({"jsc"}))``. The remaining tokens may be empty (a name that is only a
        legal form).
    """
    tokens, start = leading_legal_form_table().strip_start(tokens)
    tokens, end = _strip_end_with_slips(tokens)
    return tokens, frozenset(start + end)
