from caveat.names.normalize import split_words
from caveat.names.render import phrase_tokens, render_name


def _forms(text, is_org=False):
    return [tokens for tokens, _ in render_name(split_words(text), is_org=is_org)]


def test_han_person_readings():
    forms = _forms("金正恩")
    assert forms[0] == ("jin", "zhengen")  # Mandarin first
    assert ("kim", "jong", "un") in forms
    assert ("kim", "jeong", "eun") in forms


def test_han_spaced_name():
    assert _forms("习 近平") == [("xi", "jinping")]


def test_han_japanese_name():
    assert ("yamada", "taro") in _forms("山田太郎")


def test_han_organisation_is_not_a_person():
    assert _forms("华为", is_org=True) == [("huawei",)]


def test_hangul_person_and_foreign_name():
    assert _forms("김정은") == [("kim", "jeong", "eun"), ("kim", "jong", "un")]
    assert _forms("블라디미르 푸틴")[0] == ("beulladimireu", "putin")


def test_ukrainian_name_read_as_ukrainian():
    assert _forms("Путін Володимир") == [("putin", "volodymyr")]


def test_greek_has_two_readings():
    assert _forms("Βλαντίμιρ Πούτιν") == [("vlantimir", "poutin"), ("vladimir", "putin")]


def test_abjad_flag():
    [(tokens, abjad)] = render_name(split_words("محمد علي"))
    assert tokens == ("mhmd", "ly")
    assert abjad


def test_phrase_tokens():
    assert phrase_tokens("Sp. z o.o.") == ("sp", "z", "o", "o")
    assert phrase_tokens("ООО") == ("ooo",)
    assert phrase_tokens("A.Ş.") == ("a", "s")


def test_two_character_names_keep_the_plain_reading():
    # 安娜 is "Anna", 이반 "Ivan": two characters may be a foreign name, not a Chinese or
    # Korean surname plus a one-syllable given name.
    assert ("anna",) in _forms("安娜")
    assert ("iban",) in _forms("이반")
    assert ("wang", "wei") in _forms("王伟")
