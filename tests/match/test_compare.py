"""Pairwise comparison of bare names, as the API's pairwise checks and the benchmarks use it."""

from __future__ import annotations

from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.compare import compare_names


def test_a_percent_sign_meets_the_word() -> None:
    assert compare_names("3%ers", "Three Percenters", "Organization") >= DEFAULT_THRESHOLD
    assert compare_names("3% Club", "Three Percenters", "Organization") < DEFAULT_THRESHOLD


def test_burmese_names_meet_their_latin_spelling() -> None:
    assert compare_names("မင်းအောင်လှိုင်", "Min Aung Hlaing", "Person") >= DEFAULT_THRESHOLD
    assert compare_names("သိန်းစိန်", "Thein Sein", "Person") >= DEFAULT_THRESHOLD
    assert compare_names("သိန်းစိန်", "Than Shwe", "Person") < DEFAULT_THRESHOLD


def test_generic_words_of_other_languages_cannot_carry_a_match() -> None:
    # "Sociedad" is "company": sharing it and a legal form says nothing.
    assert compare_names("SOCIEDAD LTDA.", "SOCIEDAD SUPERDEPORTES LTDA.") < DEFAULT_THRESHOLD
    # An extra one costs what the English word costs.
    assert compare_names("GRUPO SUPERDEPORTES", "SUPERDEPORTES") == compare_names(
        "SUPERDEPORTES GROUP", "SUPERDEPORTES"
    )


def test_chinese_names_in_wade_giles_or_written_by_ear() -> None:
    assert compare_names("Mao Tse-tung", "Mao Zedong", "Person") >= DEFAULT_THRESHOLD
    assert compare_names("Teng Hsiao-p'ing", "Deng Xiaoping", "Person") >= DEFAULT_THRESHOLD
    assert compare_names("Shi Jinping", "Xi Jinping", "Person") >= DEFAULT_THRESHOLD
    # The same by-ear spelling in another name is no match.
    assert compare_names("Shi Lei", "Xi Jinping", "Person") < DEFAULT_THRESHOLD
    assert compare_names("Lee Kuan Hsien", "Lee Kuan Yew", "Person") < DEFAULT_THRESHOLD


def test_korean_names_in_either_romanisation() -> None:
    assert compare_names("Kim Jeong-eun", "Kim Jong Un", "Person") >= DEFAULT_THRESHOLD
    assert compare_names("Kim Yeo-jeong", "Kim Yo Jong", "Person") >= DEFAULT_THRESHOLD
