"""Candidate retrieval: the true entry must be among the candidates."""

from __future__ import annotations

import pickle
from concurrent.futures import Executor, ThreadPoolExecutor

from caveat.entity import Entity, EntityBuilder
from caveat.index import ScreeningIndex, schemas_compatible
from caveat.names import analyze_name
from caveat.names.variants import NameVariants


def entity(list_id: str, ref: str, schema: str, *names: str, **props: str) -> Entity:
    builder = EntityBuilder(list_id, ref, schema)
    builder.add_name(names[0])
    for alias in names[1:]:
        builder.add_name(alias, kind="alias")
    for prop, value in props.items():
        builder.add(prop, value)
    return builder.build()


def sample(executor: Executor | None = None) -> ScreeningIndex:
    demir_b = EntityBuilder("us_ofac_sdn", "27018", "Person")
    demir_b.add_name("DEMIR, Ismail")
    demir_b.add_identifier("Turkish Identification Number", "37435275130", "Turkey")
    copy = EntityBuilder("us_trade_csl", "abc", "Person")
    copy.add_name("DEMIR, Ismail")
    copy.add_link("same_as", "DEMIR, Ismail", "27018", "us_ofac_sdn")
    return ScreeningIndex(
        [
            demir_b.build(),
            entity("us_ofac_sdn", "18782", "LegalEntity", "ROSOBORONEKSPORT OAO"),
            entity("us_ofac_sdn", "9999", "Vessel", "ISMAIL DEMIR STAR"),
            copy.build(),
            *[entity("x", str(i), "Person", f"Mohammed Person{i}") for i in range(50)],
        ],
        NameVariants.empty(),
        executor=executor,
    )


def found(index: ScreeningIndex, name: str, schema: str = "Thing") -> list[str]:
    forms = analyze_name(name)
    return [index.ids[p] for p, _ in index.candidates(forms, schema=schema)]


def test_typos_and_scripts_still_find_the_entry() -> None:
    index = sample()
    assert "us_ofac_sdn-27018" in found(index, "Ismial Demirr")
    assert "us_ofac_sdn-18782" in found(index, "Рособоронэкспорт")
    assert "us_ofac_sdn-18782" in found(index, "Rosoboronexport")


def test_schema_filters_candidates() -> None:
    index = sample()
    assert "us_ofac_sdn-9999" not in found(index, "Ismail Demir", schema="Person")
    assert "us_ofac_sdn-9999" in found(index, "Ismail Demir", schema="Vessel")
    assert schemas_compatible("Person", "LegalEntity")
    assert not schemas_compatible("Person", "Organization")


def test_identifiers_find_entries_without_a_name() -> None:
    index = sample()
    hits = index.candidates([], identifiers=["374-352-75130"])
    assert [(index.ids[p], share) for p, share in hits] == [("us_ofac_sdn-27018", 1.0)]


def test_common_parts_weigh_less_than_rare_ones() -> None:
    index = sample()
    assert index.weight("mohammed") < index.weight("rosoboroneksport") <= 1.0
    assert index.weight("never-seen") == 1.0


def test_copies_fold_into_the_listed_original() -> None:
    index = sample()
    copy = index.ids.index("us_trade_csl-abc")
    assert index.ids[index.canonical[copy]] == "us_ofac_sdn-27018"


def test_pickled_index_answers_alike() -> None:
    index = sample()
    again = pickle.loads(pickle.dumps(index))
    assert again.ids == index.ids
    assert found(again, "Ismial Demirr") == found(index, "Ismial Demirr")
    assert again.entity(0) == index.entity(0)
    # The brief records of the first bound are worked out again, alike.
    assert again.measures.brief.tobytes() == index.measures.brief.tobytes()
    assert len(again.measures.brief) == len(index.measures.records)


def test_an_executor_builds_the_index_built_alone() -> None:
    """Names analysed and spelling lookups built by an executor's workers (threads here,
    processes in `caveat.indexing.build_index`) give the same index."""
    with ThreadPoolExecutor(2) as executor:
        shared = sample(executor)
    assert pickle.dumps(shared) == pickle.dumps(sample())


def test_a_loaded_index_pickles_again_unchanged() -> None:
    """Batch workers receive a copy of the index the parent loaded."""
    index = sample()
    again = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(index))))
    for query in ("Ismial Demirr", "Rosoboronexport", "Mohammed"):
        assert found(again, query) == found(index, query)
    for map_name in ("by_deletion", "by_skeleton"):
        built, copied = getattr(index.vocabulary, map_name), getattr(again.vocabulary, map_name)
        assert {k: copied.get(k) for k in built} == {k: list(v) for k, v in built.items()}


def test_organisations_are_found_by_their_initials() -> None:
    army = entity("test", "1", "Organization", "People's Liberation Army")
    index = ScreeningIndex([army], NameVariants.empty())
    [(position, share)] = index.candidates(analyze_name("PLA", is_org=True))
    assert index.ids[position] == army.id and share > 0.5


def test_names_joined_by_a_slash_are_each_a_name() -> None:
    index = ScreeningIndex(
        [entity("test", "2", "Organization", "Al-Qa'ida/Islamic Army")], NameVariants.empty()
    )
    assert {n.text for n in index.names_of(0)} == {
        "Al-Qa'ida/Islamic Army",
        "Al-Qa'ida",
        "Islamic Army",
    }


def test_a_part_written_as_two_takes_the_same_spelling_in_every_process() -> None:
    # "Zorvux" is one slip from each listed spelling: of equals, the first in
    # alphabetical order is taken, whatever order the process's string hashes give.
    spellings = ("Zorvox", "Zorvex", "Zorvix", "Zorvax")
    index = ScreeningIndex(
        [entity("test", s, "Company", f"{s} Holdings") for s in spellings],
        NameVariants.empty(),
    )
    [form] = analyze_name("ZorvuxHoldings", is_org=True)
    [(position, bound), *others] = index.candidates([form])
    assert index.ids[position] == "test-Zorvax"
    assert all(other < bound for _, other in others)
