from caveat.names.han import (
    chinese_name_tokens,
    han_syllable,
    japanese_given_reading,
    pinyin_syllables,
    split_japanese_surname,
)


def test_pinyin():
    assert han_syllable("习") == "xi"
    assert pinyin_syllables("习近平") == ("xi", "jin", "ping")


def test_chinese_names_join_the_given_name():
    assert chinese_name_tokens("习近平") == ("xi", "jinping")
    assert chinese_name_tokens("王伟") == ("wang", "wei")
    assert chinese_name_tokens("李明") == ("li", "ming")


def test_chinese_compound_surnames_and_surname_readings():
    assert chinese_name_tokens("欧阳修") == ("ouyang", "xiu")
    assert chinese_name_tokens("单田芳") == ("shan", "tianfang")  # not "dan"
    assert chinese_name_tokens("曾国藩") == ("zeng", "guofan")  # not "ceng"


def test_chinese_name_length():
    assert chinese_name_tokens("习") is None
    assert chinese_name_tokens("弗拉基米尔") is None


def test_japanese_names():
    assert split_japanese_surname("山田太郎") == ("yamada", "太郎")
    assert japanese_given_reading("太郎") == "taro"
    assert split_japanese_surname("田中花子") == ("tanaka", "花子")
    assert split_japanese_surname("习近平") is None
    assert split_japanese_surname("山田") is None
