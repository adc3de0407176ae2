"""End to end: every list in ../shared/data loaded, then screened (issue #3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import caveat.match.names
import caveat.screen
from caveat.entity import EntityBuilder
from caveat.exc import QueryError
from caveat.indexing import load_index
from caveat.loading import load_path
from caveat.screen import MAX_NAME_LENGTH, Query, Screener
from caveat.store import Store


@pytest.fixture(scope="module")
def screener(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Screener:
    home = tmp_path_factory.mktemp("screen-home")
    store = Store(f"sqlite:///{home / 'caveat.db'}")
    assert load_path(store, shared_data).ok
    return Screener(load_index(store, home=home))


def top(screener: Screener, name: str) -> str:
    hits = screener.screen(Query(names=[name]))
    assert hits, f"no hit for {name!r}"
    best = [h for h in hits if h.score == hits[0].score]
    ofac = [h.entity for h in best if h.entity.list_id.startswith("us_ofac_")]
    assert ofac, f"no OFAC entry among the best hits for {name!r}: {best}"
    # OFAC numbers one entity alike on the SDN and the consolidated list.
    return ofac[0].source_id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ismail Demir", "27018"),
        ("İsmail Demir", "27018"),
        ("Presidency of Defense Industries", "27016"),
        ("SSB", "27016"),
        ("Rosoboronexport", "18782"),
        ("Рособоронэкспорт", "18782"),
        ("Almaz Antey", "16865"),
    ],
)
def test_caatsa_parties_are_found_first(screener: Screener, name: str, expected: str) -> None:
    assert top(screener, name) == expected


def test_another_legal_form_meets_the_entry_by_its_bare_name(screener: Screener) -> None:
    # The entry is listed as ROSOBORONEKSPORT OAO and also as plain Rosoboronexport.
    assert top(screener, "OOO Rosoboronexport") == "18782"


def test_rows_with_other_facts_share_one_retrieval(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[float] = []
    find = screener.index.find

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["needed"])
        return find(*args, **kwargs)

    monkeypatch.setattr(screener.index, "find", spy)
    plain = screener.screen(Query(names=["Ismail Demir"]))
    screener.screen(Query(names=["Ismail Demir"], birth_dates=["1960-04-01"]))
    screener.screen(Query(names=["Ismail Demir"], countries=["tr"]))
    assert len(asked) == 3 and len(set(asked)) == 1
    # The same walk; what a query without facts cannot reach is still left out.
    assert all(h.score >= 0.7 for h in plain)


def test_birth_date_raises_the_score(screener: Screener) -> None:
    plain = screener.screen(Query(names=["İsmail Demir"]))[0]
    dated = screener.screen(Query(names=["İsmail Demir"], birth_dates=["1960-04-01"]))[0]
    wrong = screener.screen(
        Query(names=["İsmail Demir"], birth_dates=["1985-07-12"]), threshold=0.0
    )[0]
    assert dated.entity.id == "us_ofac_sdn-27018"
    assert dated.score > plain.score > wrong.score
    assert [e.feature for e in dated.explanation.evidence] == ["birth date"]


def test_a_conflicting_birth_date_is_weighed_before_any_name_is_aligned(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = screener.index.ids.index("us_ofac_sdn-27018")
    scored: list[int] = []
    score = screener._score

    def spy(weighed: Any, facts: Any, schema: str, position: int, *rest: Any) -> Any:
        scored.append(position)
        return score(weighed, facts, schema, position, *rest)

    monkeypatch.setattr(screener, "_score", spy)
    wrong = Query(names=["İsmail Demir"], birth_dates=["1985-07-12"])
    assert all(h.entity.id != "us_ofac_sdn-27018" for h in screener.screen(wrong))
    # Even an exact name scores 0.9, and the conflict takes 0.25 off: never aligned.
    assert listed not in scored
    # Below the threshold there is nothing to rule out, and the entry is scored.
    assert screener.screen(wrong, threshold=0.5)[0].entity.id == "us_ofac_sdn-27018"
    assert listed in scored


def test_hits_explain_themselves(screener: Screener) -> None:
    hit = screener.screen(Query(names=["Рособоронэкспорт"]))[0]
    assert hit.explanation.query_name == "Рособоронэкспорт"
    assert "ROSOBORONEKSPORT" in hit.explanation.matched_name.upper()
    assert any(p.method != "unmatched" for p in hit.explanation.parts)
    assert "us_trade_csl" in " ".join(hit.also)


def test_common_words_do_not_alert(screener: Screener) -> None:
    hits = screener.screen(Query(names=["BELLETECH CORP"], schema="Organization"))
    assert all("11420" not in h.entity.caption for h in hits)


def test_sharing_only_a_common_given_name_does_not_alert(screener: Screener) -> None:
    assert screener.screen(Query(names=["Mohammed Wilkinson-Hargreaves"], schema="Person")) == []


def test_bad_queries_get_clear_errors(screener: Screener) -> None:
    with pytest.raises(QueryError, match="needs a name"):
        screener.screen(Query(names=[""]))
    with pytest.raises(QueryError, match=f"at most {MAX_NAME_LENGTH:,} characters"):
        screener.screen(Query(names=["a" * 10_000]))
    with pytest.raises(QueryError, match="unknown schema"):
        screener.screen(Query(names=["x"], schema="Spaceship"))
    with pytest.raises(QueryError, match="not a real date"):
        screener.screen(Query(names=["x"], birth_dates=["1960-02-31"]))


def test_odd_but_harmless_queries_give_clean_results(screener: Screener) -> None:
    assert screener.screen(Query(names=["!!! ... ???"])) == []
    assert isinstance(screener.screen(Query(names=["Put\x00in \x1b[31mVladimir"])), list)
    assert isinstance(screener.screen(Query(names=["Путин Vladimir 普京"])), list)


def test_a_query_of_no_kind_is_read_as_person_and_as_organisation(screener: Screener) -> None:
    # "Thing" (the default) meets organisations with its legal form taken off, and
    # people with their titles taken off.
    [org] = screener.screen(Query(names=["ROSOBORONEXPORT OAO"]), limit=1)
    assert org.entity.source_id == "18782"
    assert org.explanation.name_score == 1.0
    [person] = screener.screen(Query(names=["Mr Ismail Demir"]), limit=1)
    assert person.entity.source_id == "27018"
    assert person.explanation.name_score == 1.0


def test_the_ofac_algorithm_screens_the_lists(screener: Screener) -> None:
    # OFAC's scores come from whole-name spelling: parity screening finds the entry
    # and scores it on OFAC's scale.
    hits = screener.screen(Query(names=["ROSOBORONEXPORT"]), algorithm="ofac", threshold=0.8)
    assert hits and hits[0].entity.source_id == "18782"
    assert "OFAC" in " ".join(hits[0].explanation.notes)


def test_names_retyped_in_greek_or_cyrillic_find_their_entry(screener: Screener) -> None:
    # Greek writes "b" and "mp" alike (μπ), "d" and "nt" (ντ), "g" and "ng" (γκ); both
    # alphabets write "c" and "k" alike.
    for retyped, listed in (
        ("Σκι Ρισε Τεχνολογκι Λτντ.", "Sky Rise Technology Ltd."),
        ("Ски Рисе Течнологи Лтд.", "Sky Rise Technology Ltd."),
        ("Мокран Ллк", "MOKRAN LLC"),
        ("Имаксчип Течнологи Ко., Лимитед", "IMAXCHIP TECHNOLOGY CO., LIMITED"),
        ("Камбиос Палмилла С.А. Де К.В.", "CAMBIOS PALMILLA S.A. DE C.V."),
        ("Ακτσιονερνοε Ομπσχεστβο Κονσαλτ", "AKTSIONERNOE OBSHCHESTVO KONSALT"),
        (
            "Λιμιτεντ Λιαμπιλιτι Κομπανι Γκαρντα Τεχνολογκιες",
            "LIMITED LIABILITY COMPANY GARDA TECHNOLOGIES",
        ),
    ):
        hits = screener.screen(Query(names=[retyped], schema="Company"))
        assert hits and hits[0].entity.caption == listed, (retyped, hits[:1])


def test_chinese_names_in_wade_giles_or_by_ear_find_their_entry(screener: Screener) -> None:
    for written, listed in (
        ("Chang Hsiao-ming", "ZHANG, Xiaoming"),  # Wade-Giles
        ("Shia Baolong", "XIA, Baolong"),  # pinyin x written as it sounds
        ("Chen Chuanguo", "CHEN, Quanguo"),  # and q
    ):
        hits = screener.screen(Query(names=[written], schema="Person"))
        assert hits and hits[0].entity.caption == listed, (written, hits[:1])


def test_korean_names_in_the_revised_romanization_find_their_entry(screener: Screener) -> None:
    # DPRK names are listed as McCune-Reischauer spells them, without its breves.
    for written, listed in (("Kim Yeo-jeong", "KIM, Yo Jong"), ("Kim Jeong-eun", "KIM, Jong Un")):
        hits = screener.screen(Query(names=[written], schema="Person"))
        assert hits and hits[0].entity.caption == listed, (written, hits[:1])


def test_entities_of_one_name_are_aligned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # A company family: one name under several legal forms, each its own entity.
    forms = ("GmbH", "Ltd", "LLC", "S.A.", "B.V.")
    family = []
    for number, form in enumerate(forms):
        builder = EntityBuilder("x", str(number), "Company")
        builder.add_name(f"Zorvanex Shipping {form}")
        family.append(builder.build())
    screener = Screener.from_entities(family)
    aligned: list[tuple[str, ...]] = []
    align = caveat.match.names.align_prepared

    def counting(*args: Any, **kwargs: Any) -> Any:
        aligned.append(args[1].tokens)
        return align(*args, **kwargs)

    monkeypatch.setattr(caveat.match.names, "align_prepared", counting)
    query = Query(names=["Zorvanex Shipping"], schema="Company")
    hits = screener.screen(query)
    assert aligned == [("zorvanex", "shipping")]
    # Each hit still names and explains its own listed name.
    assert sorted(h.matched_name for h in hits) == sorted(f"Zorvanex Shipping {f}" for f in forms)
    assert all([p.candidate for p in h.explanation.parts] == ["zorvanex", "shipping"] for h in hits)
    # A later query of the name aligns nothing again, and scores alike.
    again = screener.screen(query)
    assert len(aligned) == 1
    assert [(h.entity.id, h.score) for h in again] == [(h.entity.id, h.score) for h in hits]


def test_a_name_screened_again_is_analysed_once(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[tuple[str, str]] = []
    analyse = caveat.screen.query_name

    def counting(text: str, schema: str) -> Any:
        read.append((text, schema))
        return analyse(text, schema)

    monkeypatch.setattr(caveat.screen, "query_name", counting)
    first = screener.screen(Query(names=["Zhanara Bekmukhambetova"], schema="Person"))
    again = screener.screen(
        Query(names=["Zhanara Bekmukhambetova"], schema="Person", birth_dates=["1971-02-03"])
    )
    assert read == [("Zhanara Bekmukhambetova", "Person")]
    # Another schema reads the name another way.
    screener.screen(Query(names=["Zhanara Bekmukhambetova"], schema="Company"))
    assert read[1:] == [("Zhanara Bekmukhambetova", "Company")]
    # A name analysed elsewhere screens as one the screener analysed.
    names, facts = Query(names=["Ismail Demir"]).checked()
    outside = screener.screen_checked(names, facts, "Thing")
    inside = screener.screen(Query(names=["Ismail Demir"]))
    assert [(h.entity.id, h.score) for h in outside] == [(h.entity.id, h.score) for h in inside]
    assert inside and [h.entity.id for h in first] == [h.entity.id for h in again]
