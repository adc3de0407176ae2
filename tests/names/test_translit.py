from hypothesis import given
from hypothesis import strategies as st

from caveat.names.scripts import word_script
from caveat.names.translit import render_word


def _render(word, scheme="default"):
    return render_word(word, word_script(word), scheme)


def test_arabic_article_is_a_token():
    assert _render("الأسد") == ("al", "asd")
    assert _render("بشار") == ("bshar",)


def test_arabic_ayn_is_dropped():
    assert _render("علي") == ("ly",)


def test_urdu_letters():
    assert _render("پوٹن") == ("pwtn",)


def test_greek_foreign_reading():
    assert _render("Βλαντίμιρ") == ("vlantimir",)
    assert _render("Βλαντίμιρ", "greek") == ("vladimir",)
    assert _render("Πούτιν", "greek") == ("putin",)
    assert _render("Χασσαν", "greek") == ("hassan",)
    assert _render("Τζοσε", "greek") == ("jose",)


def test_kana_hepburn_without_long_vowels():
    assert _render("ウラジーミル") == ("urajimiru",)
    assert _render("プーチン") == ("puchin",)
    assert _render("たろう") == ("taro",)


def test_inherent_vowel_dropped():
    assert _render("पुतिन") == ("putin",)
    assert _render("ভ্লাদিমির") == ("bhladimir",)


def test_khmer_spelled_from_character_names():
    assert _render("ពូទីន") == ("puutiin",)


def test_han_words():
    assert _render("普京") == ("pujing",)
    assert _render("中国人民银行")[:2] == ("zhong", "guo")


def test_hangul_words():
    assert _render("블라디미르") == ("beulladimireu",)
    assert _render("블라디미르", "mr") == ("pulladimiru",)


def test_homoglyphs():
    assert _render("Рutin") == ("putin",)
    assert _render("Газпрoм") == ("gazprom",)  # Latin "o" inside Cyrillic


@given(st.text(min_size=1))
def test_render_word_tokens_are_ascii(word):
    for token in render_word(word, word_script(word)):
        assert token.isascii()
        assert token == token.lower()
        assert " " not in token and token != ""
