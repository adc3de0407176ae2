from hypothesis import given
from hypothesis import strategies as st

from caveat.names.normalize import MAX_NAME_CHARS, fold, split_words, tokens_of


def test_fold_strips_diacritics_and_case():
    assert fold("İsmail DEMİR") == "ismail demir"
    assert fold("Vladímír Pútín") == "vladimir putin"
    assert fold("Straße") == "strasse"
    assert fold("Łódź Ørsted Þór") == "lodz orsted thor"


def test_fold_turns_punctuation_into_single_spaces():
    assert fold("  ALMAZ-ANTEY,  J.S.C. ") == "almaz antey j s c"
    assert fold("...") == ""


def test_fold_transliterates_other_scripts():
    assert fold("Рособоронэкспорт").isascii()
    assert fold("Рособоронэкспорт") != ""


def test_tokens_of():
    assert tokens_of("DEMIR, Ismail") == ("demir", "ismail")


def test_split_words_on_separators():
    assert split_words("Kim Jong-un") == ["Kim", "Jong", "un"]
    assert split_words("S.A.") == ["S", "A"]
    assert split_words("ウラジーミル・プーチン") == ["ウラジーミル", "プーチン"]
    assert split_words("___ --- ") == []


def test_split_words_keeps_combining_marks():
    assert split_words("Влади́мир Путин") == ["Влади́мир", "Путин"]
    assert split_words("व्लादिमीर पुतिन") == ["व्लादिमीर", "पुतिन"]


def test_split_words_apostrophes():
    # One-letter prefixes split; Arabic ayn/hamza apostrophes join.
    assert split_words("O'Brien") == ["O", "Brien"]
    assert split_words("Ma'mun Saʿid") == ["Mamun", "Said"]
    assert split_words("ʿAli") == ["Ali"]


def test_split_words_drops_invisible_characters():
    assert split_words("محمد\u200cرضا") == ["محمدرضا"]
    assert split_words("Ro\u00adsoboron") == ["Rosoboron"]


def test_split_words_bounded():
    assert sum(len(w) for w in split_words("a" * 10_000)) == MAX_NAME_CHARS


@given(st.text())
def test_fold_is_ascii_and_idempotent(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded
    assert "  " not in folded
    assert folded == folded.strip()


@given(st.text())
def test_split_words_never_raises(text):
    for word in split_words(text):
        assert word != ""
        assert " " not in word


def test_split_words_reads_the_percent_sign():
    assert split_words("3%ers") == ["3", "percent", "ers"]
    assert split_words("100 % Halal") == ["100", "percent", "Halal"]
