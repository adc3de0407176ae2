"""Burmese names in their conventional Latin spelling, and foreign names in Burmese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.names.burmese import romanize_burmese


@pytest.mark.parametrize(
    ("burmese", "latin"),
    [
        ("မင်းအောင်လှိုင်", "minaunghlaing"),  # Min Aung Hlaing
        ("သိန်းစိန်", "theinsein"),  # Thein Sein
        ("သန်းရွှေ", "thanshwe"),  # Than Shwe
        ("ထင်ကျော်", "htinkyaw"),  # Htin Kyaw
        ("နေဝင်း", "newin"),  # Ne Win
        ("အောင်ဆန်းစုကြည်", "aungsansukyi"),  # Aung San Suu Kyi
        ("ဗိုလ်", "bo"),  # the final la is silent in Burmese words
    ],
)
def test_burmese_names_read_as_they_are_spelled_abroad(burmese: str, latin: str) -> None:
    assert romanize_burmese(burmese) == latin


@pytest.mark.parametrize(
    ("burmese", "latin"),
    [
        ("ဗလာဒီမီယာ", "vladimiya"),  # Vladimir: the vowel breaking "vl" is dropped
        ("အာရာကာဝါ", "arakawa"),  # ra reads "r"
        ("အဘာဒီ", "abadi"),  # bha writes "b", ba "v"
        ("အယ်လ်ဗာ", "elva"),  # Alva
        ("ဂျရယ်လ်", "gyarel"),  # Gerald: a syllable closed by two consonants
    ],
)
def test_foreign_names_in_burmese(burmese: str, latin: str) -> None:
    assert romanize_burmese(burmese, foreign=True) == latin


def test_the_foreign_reading_keeps_burmese_rimes() -> None:
    assert romanize_burmese("ပူတင်", foreign=True) == "putin"
    assert romanize_burmese("ဗလာ") == "bala"


def test_a_sign_out_of_place_is_left_to_the_fallback() -> None:
    assert romanize_burmese("ိမ") == ""
    assert romanize_burmese("မx") == ""


@given(st.text(alphabet=st.characters(min_codepoint=0x1000, max_codepoint=0x104F)), st.booleans())
def test_any_burmese_text_gives_lowercase_ascii(text: str, foreign: bool) -> None:
    latin = romanize_burmese(text, foreign=foreign)
    assert latin == "" or (latin.isascii() and latin.isalpha() and latin.islower())
