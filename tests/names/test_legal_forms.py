from caveat.names import analyze_name
from caveat.names.legal_forms import (
    generic_org_words,
    leading_legal_form_table,
    legal_form_classes,
    legal_form_table,
    strip_legal_forms,
)
from caveat.names.render import phrase_tokens


def _class(form):
    return legal_form_table().phrases[phrase_tokens(form)]


def test_llc_across_languages():
    for form in ("OOO", "ООО", "LLC", "ТОВ", "GmbH", "SARL", "SRL", "Sp. z o.o.", "Ltd"):
        assert _class(form) == "llc", form
    assert _class("limited liability company") == "llc"
    assert _class("obshchestvo s ogranichennoy otvetstvennostyu") == "llc"
    assert _class("общество с ограниченной ответственностью") == "llc"


def test_jsc_across_languages():
    for form in ("AO", "АО", "JSC", "OAO", "OJSC", "PAO", "PJSC", "ZAO", "CJSC", "AG", "PLC"):
        assert _class(form) == "jsc", form
    assert _class("joint stock company") == "jsc"
    assert _class("aktsionernoe obshchestvo") == "jsc"
    assert _class("A.S.") == _class("A.Ş.") == _class("Anonim Şirketi") == "jsc"
    assert _class("S.A.") == _class("SA") == "jsc"


def test_other_classes():
    assert _class("Inc.") == _class("Corporation") == "corp"
    assert _class("LLP") == "llp"
    assert _class("KG") == "limited_partnership"
    assert {"llc", "jsc", "corp"} <= legal_form_classes()


def test_generic_words_are_not_legal_forms():
    assert "company" in generic_org_words()
    assert "group" in generic_org_words()
    assert phrase_tokens("Company") not in legal_form_table().phrases
    assert phrase_tokens("Trust") not in legal_form_table().phrases


def test_strip_legal_forms():
    assert strip_legal_forms(("rosoboroneksport", "oao")) == (
        ("rosoboroneksport",),
        frozenset({"jsc"}),
    )
    tokens = ("joint", "stock", "company", "concern", "almaz", "antey")
    assert strip_legal_forms(tokens) == (("concern", "almaz", "antey"), frozenset({"jsc"}))
    assert strip_legal_forms(("llc",)) == ((), frozenset({"llc"}))
    assert strip_legal_forms(("acme",)) == (("acme",), frozenset())


def test_leading_forms_only_at_the_start():
    assert strip_legal_forms(("ooo", "romashka")) == (("romashka",), frozenset({"llc"}))
    assert strip_legal_forms(("pt", "pertamina")) == (("pertamina",), frozenset({"llc"}))
    # "A.S." is written after the name: "A.S.P. Builders" keeps its initials.
    assert strip_legal_forms(("a", "s", "p", "builders")) == (
        ("a", "s", "p", "builders"),
        frozenset(),
    )
    assert strip_legal_forms(("step", "a", "s")) == (("step",), frozenset({"jsc"}))


def test_leading_forms_have_a_class():
    assert len(leading_legal_form_table().phrases) > 50
    for tokens, name in leading_legal_form_table().phrases.items():
        assert legal_form_table().phrases[tokens] == name


def _stripped(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    return strip_legal_forms(phrase_tokens(text))


def test_legal_form_with_a_slip() -> None:
    assert _stripped("Siemens Aktiengeselschaft") == (("siemens",), frozenset({"jsc"}))
    assert _stripped("Foo Corporaton") == (("foo",), frozenset({"corp"}))
    assert _stripped("Tactical Missiles Joynt Stock Company")[0] == ("tactical", "missiles")
    assert _stripped("Opin Joint Stock Company Izhmash") == (("izhmash",), frozenset({"jsc"}))
    # A short form of one word, with two letters swapped; not with another slip.
    assert _stripped("Sovmortrans JCSC") == (("sovmortrans",), frozenset({"jsc"}))
    assert _stripped("Sovmortrans CJSX")[0] == ("sovmortrans", "cjsx")
    # With a vowel, a swap may spell a word: "Part" is no "PrAT".
    assert _stripped("Yasa Part")[0] == ("yasa", "part")


def test_legal_form_with_a_word_left_out() -> None:
    assert _stripped("Joint Company Remdizel") == (("remdizel",), frozenset({"jsc"}))
    assert _stripped("Public Stock Company Alrosa") == (("alrosa",), frozenset({"jsc"}))
    assert _stripped("Barus Liability Company") == (("barus",), frozenset({"llc"}))
    # What is left of forms of two classes carries both, and conflicts with neither.
    assert _stripped("Limited Liability VMK") == (("vmk",), frozenset({"llc", "llp"}))
    # Not from a form of abbreviations ("S. de R.L."): what is left could be initials.
    assert _stripped("Foo S. de R.")[0] == ("foo", "s", "de", "r")


def test_legal_form_cut_short() -> None:
    assert _stripped("Tactical Missiles Joint Stock Compan")[0] == ("tactical", "missiles")


def test_no_slip_outside_a_legal_form() -> None:
    # "States" is one letter from "state" (of "state corporation"), but no form is there.
    assert _stripped("United States")[0] == ("united", "states")
    # A short word with a slip alone is not a form: "Berha" is not "Berhad".
    assert _stripped("Foo Berha")[0] == ("foo", "berha")


def test_fused_legal_form() -> None:
    from caveat.names import analyze_name

    [form] = analyze_name("SiemensAG", is_org=True)
    assert form.tokens == ("siemens",) and form.legal_forms == frozenset({"jsc"})
    [name] = analyze_name("McDonald", is_org=True)
    assert name.tokens == ("mcdonald",)


def test_polish_form_with_initials() -> None:
    assert _stripped("FABERLIC EUROPE Sp. z o.o.") == (("faberlic", "europe"), frozenset({"llc"}))


def test_forms_written_short_at_the_start() -> None:
    assert _stripped("S.A. Leverage") == (("leverage",), frozenset({"jsc"}))
    assert _stripped("AB Volvo") == (("volvo",), frozenset({"jsc"}))
    # Initials running on are a name: "A.S.P. Builders" is no Anonim Şirketi.
    assert _stripped("A.S.P. Builders")[1] == frozenset()
    # Words are names unless they are among the forms that lead.
    assert _stripped("Corporation Bank")[0] == ("corporation", "bank")


def test_form_words_by_their_sound() -> None:
    # "Компани" read back from Cyrillic is "kompani": "company" by its sound.
    from caveat.names import analyze_name

    [form] = analyze_name("Лимитед Лиабилити Компани Гарда", is_org=True)
    assert form.tokens == ("garda",) and form.legal_forms == frozenset({"llc"})


def test_form_words_read_from_greek_or_cyrillic() -> None:
    # Λιμιτεντ Λιαμπιλιτι Κομπανι: either reading of μπ and ντ is the legal form.
    for tokens in (("limitent", "liampiliti", "kompani"), ("limited", "liabiliti", "kobani")):
        assert strip_legal_forms((*tokens, "garda"), retyped="Greek") == (
            ("garda",),
            frozenset({"llc"}),
        )
    # Read as Latin, "kobani" is a word of the name.
    assert strip_legal_forms(("limited", "liabiliti", "kobani", "garda"))[0] != ("garda",)
    # Μοκραν Λλκ, Мокран Ллк: the name's own words stay as rendered.
    for alphabet in ("Greek", "Cyrillic"):
        assert strip_legal_forms(("mokran", "llk"), retyped=alphabet) == (
            ("mokran",),
            frozenset({"llc"}),
        )


def test_forms_of_letters_read_from_greek_or_cyrillic() -> None:
    # Консоркио Рирфус, С.А. Де К.В.: the key of the whole form finds it, though "k" on
    # its own is a form's word too.
    tokens = ("konsorkio", "rirfus", "s", "a", "de", "k", "v")
    assert strip_legal_forms(tokens, retyped="Cyrillic") == (
        ("konsorkio", "rirfus"),
        frozenset({"jsc"}),
    )
    # Βου Τεξτιλες: by its key "Βου" would read as "B.V."; a short form at the start
    # counts only as written.
    assert strip_legal_forms(("vou", "textiles"), retyped="Greek") == (
        ("vou", "textiles"),
        frozenset(),
    )
    # Doubled letters count: a lone "К" is not "K.K.", but "ООО" is "OOO".
    assert strip_legal_forms(("b", "r", "k", "s", "a"), retyped="Cyrillic") == (
        ("b", "r", "k"),
        frozenset({"jsc"}),
    )
    assert strip_legal_forms(("ooo", "romashka"), retyped="Cyrillic")[1] == {"llc"}


def test_a_leading_form_that_leaves_only_initials_is_the_names_own() -> None:
    # "AT" is a Ukrainian joint-stock company, but in "AT&T" it is two initials.
    for name in ("AT&T Inc.", "AT and T Inc.", "AT & T Inc."):
        assert analyze_name(name, is_org=True)[0].tokens == ("at", "t"), name
    assert analyze_name("AT Ukrnafta", is_org=True)[0].tokens == ("ukrnafta",)
    assert analyze_name("AO T-Platforms", is_org=True)[0].tokens == ("t", "platforms")
