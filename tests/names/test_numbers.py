"""Number words, ordinals and Roman numerals read as digits."""

from hypothesis import given
from hypothesis import strategies as st

from caveat.names import analyze_name
from caveat.names.numbers import read_numbers, roman_value


def _read(text: str, roman: bool = True) -> tuple[str, ...]:
    return read_numbers(tuple(text.split()), roman=roman)


def test_spelt_numbers_become_digits() -> None:
    assert _read("brigade forty four") == ("brigade", "44")
    assert _read("brigade forty 4") == ("brigade", "44")
    assert _read("brigade fourty four") == ("brigade", "44")  # a common misspelling
    assert _read("three percenters") == ("3", "percenters")
    assert _read("one hundred") == ("100",)
    assert _read("two thousand twenty") == ("2020",)


def test_ordinals_are_their_numbers() -> None:
    assert _read("1st international bank") == ("1", "international", "bank")
    assert _read("first international bank") == ("1", "international", "bank")
    assert _read("twenty first century fund") == ("21", "century", "fund")
    assert _read("22nd battalion") == ("22", "battalion")


def test_units_in_a_row_stay_apart() -> None:
    assert _read("one two") == ("1", "2")


def test_roman_numerals_after_the_first_word() -> None:
    assert _read("kkr asian fund iii") == ("kkr", "asian", "fund", "3")
    assert _read("capital trust xv") == ("capital", "trust", "15")
    assert _read("iv capital") == ("iv", "capital")  # a first word is a name
    assert _read("fund iv", roman=False) == ("fund", "iv")


def test_roman_value() -> None:
    assert roman_value("xiv") == 14
    assert roman_value("ix") == 9
    assert roman_value("xxxix") == 39
    assert roman_value("i") is None  # a lone letter is as often an initial
    assert roman_value("iiii") is None
    assert roman_value("mix") is None


def test_organisation_names_read_their_numbers() -> None:
    [spelt] = analyze_name("Brigade Forty-Four", is_org=True)
    [digits] = analyze_name("Brigade 44", is_org=True)
    assert spelt.tokens == digits.tokens == ("brigade", "44")
    [fund] = analyze_name("Nantahala Capital Offshore Fund I, Ltd.", is_org=True)
    assert fund.tokens[-1] == "1"


def test_people_keep_their_words() -> None:
    [form] = analyze_name("John Second")
    assert form.tokens == ("john", "second")


@given(st.lists(st.sampled_from(["forty", "four", "first", "iv", "fund", "7", "x"]), max_size=8))
def test_reading_is_idempotent(words: list[str]) -> None:
    once = read_numbers(tuple(words), roman=True)
    assert read_numbers(once, roman=True) == once
