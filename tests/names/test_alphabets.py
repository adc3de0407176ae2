from caveat.names.alphabets import romanize_alphabet


def test_russian():
    assert romanize_alphabet("Рособоронэкспорт", "Cyrillic") == "rosoboroneksport"
    assert romanize_alphabet("Влади́мир", "Cyrillic") == "vladimir"
    assert romanize_alphabet("Хрущёв", "Cyrillic") == "khrushchev"


def test_ukrainian_and_belarusian():
    assert romanize_alphabet("Путін", "Cyrillic") == "putin"
    assert romanize_alphabet("Володимир", "Cyrillic", ukrainian=True) == "volodymyr"
    assert romanize_alphabet("Володимир", "Cyrillic") == "volodimir"
    assert romanize_alphabet("Уладзімір", "Cyrillic") == "uladzimir"


def test_other_cyrillic_languages():
    assert romanize_alphabet("Ђоковић", "Cyrillic") == "djokovic"
    assert romanize_alphabet("Қазақстан", "Cyrillic") == "qazaqstan"


def test_greek():
    assert romanize_alphabet("Αλέξανδρος", "Greek") == "alexandros"
    assert romanize_alphabet("Τσίπρας", "Greek") == "tsipras"
    assert romanize_alphabet("Πούτιν", "Greek") == "poutin"


def test_armenian_and_georgian():
    assert romanize_alphabet("Վլադիմիր", "Armenian") == "vladimir"
    assert romanize_alphabet("Պուտին", "Armenian") == "putin"
    assert romanize_alphabet("Երևան", "Armenian") == "yerevan"
    assert romanize_alphabet("ვლადიმერ", "Georgian") == "vladimer"


def test_unknown_letters_fall_back():
    assert romanize_alphabet("Ӝ", "Cyrillic").isascii()
