"""Chinese names in Wade-Giles and in pinyin written by ear."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caveat.names import analyze_name
from caveat.names.mandarin import heard_alike, heard_readings, pinyin_split, wade_giles_tokens


def test_wade_giles_names_read_as_pinyin() -> None:
    assert wade_giles_tokens("Mao Tse-tung") == ("mao", "zedong")
    assert wade_giles_tokens("Teng Hsiao-p'ing") == ("deng", "xiaoping")
    assert wade_giles_tokens("Teng Hsiao-p’ing") == ("deng", "xiaoping")
    assert wade_giles_tokens("Chiang Ching-kuo") == ("jiang", "jingguo")
    assert wade_giles_tokens("Lü Hsiu-lien") == ("lu", "xiulian")
    assert wade_giles_tokens("Tz'u-hsi") == ("cixi",)
    # ü, as Wade-Giles writes it and pinyin does not (üeh, üan, ün).
    assert wade_giles_tokens("Hsüeh Liang") == ("xue", "liang")
    assert wade_giles_tokens("Yün Chi") == ("yun", "ji")
    # Without its apostrophe an initial reads as the plain one.
    assert wade_giles_tokens("Hsi Chin-ping") == ("xi", "jinbing")


def test_names_that_are_not_wade_giles_are_left_alone() -> None:
    assert wade_giles_tokens("Xi Jinping") is None  # pinyin already
    assert wade_giles_tokens("Chou En-lai") is None  # reads as pinyin as written
    assert wade_giles_tokens("Ismail Demir") is None
    assert wade_giles_tokens("Kim Jong Un") is None
    assert wade_giles_tokens("Sun Yat-sen") is None  # Cantonese
    # Syllables pinyin lacks are as likely another language's ("ko" in Nikolai).
    assert wade_giles_tokens("Chao Nikolai Sun") is None
    assert wade_giles_tokens("") is None
    assert wade_giles_tokens("Hsi Chin ping Hsi Chin ping") is None  # too many words


def test_analysis_adds_the_pinyin_reading() -> None:
    forms = [f.tokens for f in analyze_name("Mao Tse-tung")]
    assert forms == [("mao", "tse", "tung"), ("mao", "zedong")]
    assert [f.tokens for f in analyze_name("Mao Tse-tung", is_org=True)] == [("mao", "tse", "tung")]


def test_pinyin_parts_split_into_syllables() -> None:
    assert pinyin_split("jinping") == ("jin", "ping")
    assert pinyin_split("xiaoping") == ("xiao", "ping")
    assert pinyin_split("smith") is None


def test_pinyin_written_by_ear() -> None:
    assert heard_alike("shi", "xi")
    assert heard_alike("xi", "si")
    assert heard_alike("ching", "qing")
    assert heard_alike("shiaoping", "xiaoping")
    # Spellings pinyin itself keeps apart are not by-ear slips.
    assert not heard_alike("san", "shan")
    assert not heard_alike("xi", "xi")
    assert heard_readings("shi") == frozenset({"xi"})
    assert "shi" in heard_readings("xi")


@given(st.text(alphabet="abcdeghijklmnopqrstuwxyz", max_size=14))
def test_by_ear_readings_are_symmetric(token: str) -> None:
    for other in heard_readings(token):
        assert heard_alike(token, other)
        assert token in heard_readings(other)


@given(st.text(max_size=40))
def test_any_text_is_read_or_left(text: str) -> None:
    found = wade_giles_tokens(text)
    assert found is None or all(t.isascii() and t.isalpha() for t in found)
