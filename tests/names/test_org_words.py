"""Abbreviations and connectors in organisation names."""

from caveat.names import analyze_name
from caveat.names.org_words import drop_connectors, spell_out_org_words


def _tokens(text: str) -> tuple[str, ...]:
    return analyze_name(text, is_org=True)[0].tokens


def test_abbreviations_are_written_out() -> None:
    assert spell_out_org_words(("abc", "co")) == ("abc", "company")
    assert _tokens("First Bank Int’l") == ("1", "bank", "international")
    assert _tokens("ABC Co.") == _tokens("A.B.C. Company") == ("abc", "company")
    # Retyped in Cyrillic or Greek, "Co." is "Ко." or "Κο.".
    assert spell_out_org_words(("abc", "ko"), retyped="Cyrillic") == ("abc", "company")
    assert spell_out_org_words(("abc", "ko")) == ("abc", "ko")
    # Retyped letter for letter: "Ιντντ", read "idd", is not "Int.".
    assert spell_out_org_words(("ep", "idd"), retyped="Greek") == ("ep", "idd")
    assert _tokens("Табчем Чемикал Ко.") == ("tabchem", "chemikal", "company")


def test_connectors_are_dropped() -> None:
    assert _tokens("H&M Hennes & Mauritz AB") == _tokens("H and M Hennes and Mauritz AB")
    assert _tokens("The Boeing Company") == ("boeing", "company")
    assert drop_connectors(("the",)) == ("the",)  # never to nothing
