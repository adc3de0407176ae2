from hypothesis import given
from hypothesis import strategies as st

from caveat.names.korean import (
    hanja_to_hangul,
    korean_name_tokens,
    romanised_alike,
    romanised_readings,
    romanize_word,
)


def test_korean_names_in_both_schemes():
    assert korean_name_tokens("김정은", "mr") == ("kim", "jong", "un")
    assert korean_name_tokens("김정은", "rr") == ("kim", "jeong", "eun")
    assert korean_name_tokens("박지성", "rr") == ("park", "ji", "seong")
    assert korean_name_tokens("이민호", "rr") == ("lee", "min", "ho")
    assert korean_name_tokens("이민호", "mr") == ("ri", "min", "ho")


def test_dprk_spellings():
    assert korean_name_tokens("최룡해", "mr") == ("choe", "ryong", "hae")
    assert korean_name_tokens("장성택", "mr") == ("jang", "song", "thaek")
    assert korean_name_tokens("김여정", "mr") == ("kim", "yo", "jong")


def test_compound_surname():
    assert korean_name_tokens("남궁민수", "rr") == ("namgung", "min", "su")


def test_not_a_korean_name():
    assert korean_name_tokens("블라디미르", "rr") is None  # too long, no surname
    assert korean_name_tokens("푸틴", "rr") is None  # 푸 is no surname
    assert korean_name_tokens("김", "rr") is None


def test_romanize_word_sound_changes():
    assert romanize_word("블라디미르", "rr") == "beulladimireu"
    assert romanize_word("한국어", "rr") == "hangugeo"
    assert romanize_word("푸틴", "rr") == "putin"


def test_hanja_names():
    assert hanja_to_hangul("金正恩", "mr") == "김정은"
    assert hanja_to_hangul("金日成", "mr") == "김일성"
    # The South's initial-sound rule applies to the given name; the North keeps r-.
    assert hanja_to_hangul("李龍大", "rr") == "이용대"
    assert hanja_to_hangul("李龍大", "mr") == "리룡대"


def test_hanja_unknown():
    assert hanja_to_hangul("習近平", "rr") is None  # 習 is no Korean surname here
    assert hanja_to_hangul("金", "rr") is None


def test_one_syllable_in_both_romanisations() -> None:
    assert romanised_alike("jeong", "chong")
    assert romanised_alike("eun", "un")
    assert romanised_alike("cheol", "chol")
    assert romanised_alike("yeo", "yo")
    # Only a vowel the Revised Romanization alone spells tells the schemes apart.
    assert not romanised_alike("ben", "pen")
    assert not romanised_alike("dong", "tong")
    assert not romanised_alike("jeong", "jeong")
    assert not romanised_alike("eugene", "ugene")  # no one syllable
    assert not romanised_alike("seong", "sung")


def test_the_other_romanisation_of_a_syllable_is_found() -> None:
    assert romanised_readings("yeo") == frozenset({"yo"})
    assert "jeong" in romanised_readings("jong")
    assert romanised_readings("kim") == frozenset()


@given(st.text(alphabet="abcdeghijklmnoprstuwy", max_size=7))
def test_readings_are_what_the_judge_calls_alike(token: str) -> None:
    for other in romanised_readings(token):
        assert romanised_alike(token, other) and romanised_alike(other, token)
