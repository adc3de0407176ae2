from hypothesis import given
from hypothesis import strategies as st

from caveat.names.scripts import text_scripts, word_script


def test_text_scripts():
    assert text_scripts("Рособоронэкспорт") == frozenset({"Cyrillic"})
    assert text_scripts("İsmail Demir") == frozenset({"Latin"})
    assert text_scripts("习近平") == frozenset({"Han"})
    assert text_scripts("김정은") == frozenset({"Hangul"})
    assert text_scripts("OOO Ромашка") >= frozenset({"Cyrillic"})
    assert text_scripts("... 123") == frozenset()


def test_word_script_dominant():
    assert word_script("Путин") == "Cyrillic"
    assert word_script("ولادیمیر") == "Arabic"
    assert word_script("ולדימיר") == "Hebrew"
    assert word_script("Βλαντίμιρ") == "Greek"
    assert word_script("Վլադիմիր") == "Armenian"
    assert word_script("ვლადიმერ") == "Georgian"
    assert word_script("สมชาย") == "Thai"
    assert word_script("व्लादिमीर") == "Devanagari"
    assert word_script("123") == "Common"


def test_word_script_kana():
    assert word_script("ウラジーミル") == "Katakana"
    assert word_script("たろう") == "Hiragana"
    # Kanji with kana is Japanese, rendered by kana rules.
    assert word_script("山田たろう") == "Hiragana"


def test_word_script_homoglyphs():
    # A Cyrillic "Р" in a Latin word does not make it Cyrillic.
    assert word_script("Рutin") == "Latin"


@given(st.text())
def test_word_script_never_raises(text):
    assert isinstance(word_script(text), str)
