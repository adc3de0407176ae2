"""Pairwise comparison of bare names, as the API's pairwise checks and the benchmarks use it."""

from __future__ import annotations

from caveat.match.calibration import DEFAULT_THRESHOLD
from caveat.match.compare import compare_names
from caveat.names.variant_groups import TokenGroup
from caveat.names.variants import NameVariants


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


def test_another_legal_form_names_another_company() -> None:
    assert compare_names("Deutsche Bank AG", "Deutsche Bank GmbH", "Company") < DEFAULT_THRESHOLD
    # Forms of one class are one form: an open joint-stock company is a joint-stock one.
    assert compare_names("OAO Gazprom", "Gazprom JSC", "Company") >= DEFAULT_THRESHOLD
    assert compare_names("Deutsche Bank AG", "Deutsche Bank", "Company") >= DEFAULT_THRESHOLD


def test_a_short_arabic_name_leaves_out_the_forebears() -> None:
    full = "Usama bin Muhammad ibn Awad ibn Ladin"
    assert compare_names("Osama bin Laden", full, "Person") >= DEFAULT_THRESHOLD
    # The lineage word marks the query as romanised from Arabic; without it the
    # spellings are only alike.
    assert compare_names("Osama Laden", full, "Person") < DEFAULT_THRESHOLD
    assert compare_names("Salman bin Muhammad", "Muhammad bin Salman", "Person") < DEFAULT_THRESHOLD


def test_another_known_name_beside_a_shared_one_is_another_person() -> None:
    variants = NameVariants.from_groups(
        [
            TokenGroup("Q1", frozenset({"scholz", "scholtz"})),
            TokenGroup("Q2", frozenset({"schulze", "schultze"})),
        ]
    )
    assert compare_names("Olaf Schulze", "Olaf Scholz", "Person", variants=variants) < (
        DEFAULT_THRESHOLD
    )
    # A slip of a known name is still that name.
    assert compare_names("Olaf Scholze", "Olaf Scholz", "Person", variants=variants) >= (
        DEFAULT_THRESHOLD
    )
