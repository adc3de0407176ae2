"""Arabic "abd" compounds and short given names."""

from caveat.names import analyze_name
from caveat.names.compounds import split_compounds


def _tokens(text: str) -> tuple[str, ...]:
    return analyze_name(text)[0].tokens


def test_abd_compounds_are_written_one_way() -> None:
    spellings = ["Abd al-Aziz", "Abdul Aziz", "Abdel Aziz", "Abdelaziz", "Abdulaziz"]
    assert {_tokens(s) for s in spellings} == {("abd", "al", "aziz")}


def test_sun_letters_and_allah() -> None:
    assert split_compounds(("abdurrahman",)) == ("abd", "al", "rahman")
    assert split_compounds(("abdussalam",)) == ("abd", "al", "salam")
    assert {split_compounds((t,)) for t in ("abdullah", "abdallah", "abdulla")} == {
        ("abd", "allah")
    }
    assert split_compounds(("abd", "allah")) == ("abd", "allah")


def test_other_abd_words_stay() -> None:
    assert split_compounds(("abdi", "abdo")) == ("abdi", "abdo")


def test_a_consonant_slipped_into_the_first_letters_is_left_out() -> None:
    assert split_compounds(("abzdullah",)) == ("abd", "allah")
    assert split_compounds(("abdzulaziz",)) == ("abd", "al", "aziz")
    # A vowel is not: other names begin that way.
    assert split_compounds(("abadelian",)) == ("abadelian",)
    assert split_compounds(("albuquerque",)) == ("albuquerque",)


def test_short_given_names() -> None:
    assert _tokens("Mohd Najib") == ("muhammad", "najib")
    assert _tokens("Md Abdul Karim") == ("muhammad", "abd", "al", "karim")


def test_initials_written_together() -> None:
    assert _tokens("JC Juncker") == ("j", "c", "juncker")
    assert _tokens("Ng Kim Hong") == ("ng", "kim", "hong")  # a surname, not initials
