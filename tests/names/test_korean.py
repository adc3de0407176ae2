from caveat.names.korean import hanja_to_hangul, korean_name_tokens, romanize_word


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
