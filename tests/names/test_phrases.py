from caveat.names.phrases import build_table


def test_strip_longest_phrase_at_edges():
    table = build_table([("Ltd", "llc"), ("Co. Ltd", "llc"), ("JSC", "jsc")])
    tokens = ("jsc", "acme", "co", "trading", "co", "ltd")
    rest, start = table.strip_start(tokens)
    assert rest == ("acme", "co", "trading", "co", "ltd")
    assert start == ["jsc"]
    rest, end = table.strip_end(rest)
    assert rest == ("acme", "co", "trading")
    assert end == ["llc"]


def test_middle_is_left_alone():
    table = build_table([("Ltd", "llc")])
    assert table.strip_start(("acme", "ltd", "x")) == (("acme", "ltd", "x"), [])
    assert table.strip_end(("acme", "ltd", "x")) == (("acme", "ltd", "x"), [])


def test_empty_phrases_skipped():
    table = build_table([("...", "x")])
    assert table.longest == 0
    assert table.strip_start(("a",)) == (("a",), [])
