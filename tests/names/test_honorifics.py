from caveat.names.honorifics import strip_honorifics
from caveat.names.normalize import tokens_of


def _strip(text):
    return strip_honorifics(tokens_of(text))


def test_titles_removed_from_the_start():
    assert _strip("Dr. Ismail Demir") == ("ismail", "demir")
    assert _strip("Sheikh Mohammed") == ("mohammed",)
    assert _strip("Shaykh Mohammed") == ("mohammed",)
    assert _strip("Gen. Col. Qasem Soleimani") == ("qasem", "soleimani")
    assert _strip("H.E. Mr. John Smith") == ("john", "smith")
    assert _strip("Mullah Mohammad Omar") == ("mohammad", "omar")
    assert _strip("Presidente Putin") == ("putin",)


def test_postfix_titles():
    assert _strip("Putyin elnök") == ("putyin",)


def test_surnames_that_are_titles_kept():
    assert _strip("John Major") == ("john", "major")
    assert _strip("Major") == ("major",)
