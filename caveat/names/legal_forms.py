"""Legal forms of organisations, normalised across languages into classes.

"OOO Ромашка", "Romashka LLC" and "Romashka GmbH" all carry the class ``"llc"``;
"ROSOBORONEKSPORT OAO" and "JSC Rosoboronexport" carry ``"jsc"``. The forms and their
classes are in `data/legal_forms.yml`, which also explains the choice of classes and
lists the generic words ("company", "group", "trust") that are deliberately not legal
forms.
"""

from __future__ import annotations

from functools import lru_cache

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


def strip_legal_forms(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """Remove legal forms from the end (and leading forms from the start) of a name.

    Args:
        tokens: The name's tokens, e.g. ``("rosoboroneksport", "oao")``.

    Returns:
        The remaining tokens and the classes found: ``(("rosoboroneksport",),
        frozenset({"jsc"}))``. The remaining tokens may be empty (a name that is only a
        legal form).
    """
    tokens, start = leading_legal_form_table().strip_start(tokens)
    tokens, end = legal_form_table().strip_end(tokens)
    return tokens, frozenset(start + end)
