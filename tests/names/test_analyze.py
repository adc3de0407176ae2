import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from caveat.names import analyze_name, phonetic_key, skeleton
from tests.conftest import real_file


def _token_sets(text, is_org=False):
    return [set(form.tokens) for form in analyze_name(text, is_org=is_org)]


def test_cyrillic_organisation():
    forms = analyze_name("Рособоронэкспорт")
    assert any(form.tokens == ("rosoboroneksport",) for form in forms)
    assert forms[0].scripts == frozenset({"Cyrillic"})


def test_legal_form_removed_and_recorded():
    [form] = analyze_name("ROSOBORONEKSPORT OAO", is_org=True)
    assert form.tokens == ("rosoboroneksport",)
    assert form.legal_forms == frozenset({"jsc"})
    assert form.latin == "rosoboroneksport oao"


def test_legal_forms_compare_across_languages():
    [cyrillic] = analyze_name("OOO Ромашка", is_org=True)
    [latin] = analyze_name("Romashka LLC", is_org=True)
    assert cyrillic.legal_forms == latin.legal_forms == frozenset({"llc"})
    assert cyrillic.tokens == latin.tokens == ("romashka",)


def test_legal_forms_kept_for_persons():
    [form] = analyze_name("ROSOBORONEKSPORT OAO")
    assert form.tokens == ("rosoboroneksport", "oao")
    assert form.legal_forms == frozenset()


def test_turkish_dotted_i():
    [form] = analyze_name("İsmail Demir")
    assert form.tokens == ("ismail", "demir")


def test_surname_first_with_comma():
    [form] = analyze_name("DEMIR, Ismail")
    assert set(form.tokens) == {"demir", "ismail"}
    assert form.latin == "ismail demir"
    # Organisations are not turned around.
    [org] = analyze_name("Acme, Inc.", is_org=True)
    assert org.tokens == ("acme",)


def test_han_name_matches_latin_convention():
    # Convention: Chinese surname + joined given name, as Latin spellings write it.
    assert ("xi", "jinping") in [f.tokens for f in analyze_name("习近平")]
    assert analyze_name("Xi Jinping")[0].tokens == ("xi", "jinping")


def test_korean_name_matches_latin_convention():
    # Convention: Korean surname + one token per given-name syllable.
    latin = {f.tokens for f in analyze_name("Kim Jong Un")}
    assert latin == {f.tokens for f in analyze_name("Kim Jong-un")} == {("kim", "jong", "un")}
    assert ("kim", "jong", "un") in [f.tokens for f in analyze_name("金正恩")]
    assert ("kim", "jong", "un") in [f.tokens for f in analyze_name("김정은")]


def test_honorifics_removed_for_persons():
    [form] = analyze_name("Президент Путин")
    assert form.tokens == ("putin",)
    assert form.latin == "prezident putin"


def test_abjad_forms():
    [form] = analyze_name("محمد علي")
    assert form.abjad
    assert form.scripts == frozenset({"Arabic"})
    assert not analyze_name("Mohamed Ali")[0].abjad


def test_nothing_left():
    assert analyze_name("") == ()
    assert analyze_name(" ... ,-- ") == ()
    assert analyze_name("LLC", is_org=True) == ()
    assert analyze_name("\x00\x01\x7f") == ()


def test_long_and_odd_input():
    assert analyze_name("Putin " * 2000)
    assert analyze_name("Путин Putin 习近平 김정은 محمد")
    assert analyze_name("a\x00b\u200bc\ud800d")


def _key_close(a, b):
    return a == b or (min(len(a), len(b)) >= 3 and Levenshtein.normalized_similarity(a, b) >= 0.75)


def _tokens_close(ta, tb, key):
    """Every token of the shorter name meets a distinct token of the other."""
    if len(ta) > len(tb):
        ta, tb = tb, ta
    remaining = list(tb)
    for token in ta:
        for index, other in enumerate(remaining):
            short, long_ = sorted((token, other), key=len)
            initial = len(short) == 1 and long_.startswith(short)
            if initial or _key_close(key(token), key(other)):
                del remaining[index]
                break
        else:
            return False
    return True


def close(a, b):
    """A simple closeness measure for these tests: some pair of forms whose tokens align
    by phonetic key (by skeleton when one side is abjad) within 75% edit similarity, or
    whose joined tokens do ("Abd Allah" ~ "Abdullah")."""
    for fa in analyze_name(a):
        for fb in analyze_name(b):
            key = skeleton if fa.abjad or fb.abjad else phonetic_key
            if _tokens_close(fa.tokens, fb.tokens, key):
                return True
            if _key_close(key("".join(fa.tokens)), key("".join(fb.tokens))):
                return True
    return False


def test_close_measure_can_fail():
    assert not close("Vladimir Putin", "Xi Jinping")
    assert not close("محمد علي", "Bashar al-Assad")


def test_putin_renderings(shared_data):
    path = real_file(shared_data, "name_matching/opensanctions_putin_names.txt")
    names = [n for n in path.read_text(encoding="utf-8").splitlines() if n.strip()]
    assert len(names) == 81
    assert all(analyze_name(name) for name in names)
    failing = [name for name in names if not close(name, "Vladimir Putin")]
    # 77/81 pass. Known misses: the Belarusian (Уладзімір Пуцін, x2), Japanese
    # (ウラジーミル・プーチン) and Chinese (弗拉基米尔·普京) transcriptions, which need
    # name-variant knowledge rather than transliteration.
    assert len(failing) <= 4, failing


def test_watchman_cross_script_pairs(shared_data):
    path = real_file(shared_data, "name_matching/watchman_cross_script_pairs.csv")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = list(csv.reader(ln for ln in lines if not ln.startswith("#")))
    assert len(rows) == 22
    failing = [(query, expected) for query, expected, *_ in rows if not close(query, expected)]
    assert failing == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Βλαντίμιρ Πούτιν", "Vladimir Putin"),
        ("بشار الأسد", "Bashar al-Assad"),
        ("ולדימיר פוטין", "Vladimir Putin"),
        ("박지성", "Park Ji-sung"),
        ("田中花子", "Tanaka Hanako"),
    ],
)
def test_cross_script_examples(query, expected):
    assert close(query, expected)


@given(st.text(max_size=300), st.booleans())
def test_analyze_name_never_raises(text, is_org):
    for form in analyze_name(text, is_org=is_org):
        assert form.tokens
        for token in form.tokens:
            assert token.isascii() and token == token.lower()
            assert token != "" and " " not in token
        assert form.latin.isascii()
