"""The texts the index analyses for a listed entity, and their forms sent as tuples."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from caveat.entity import EntityBuilder
from caveat.index.listed import analysed_by, texts_to_analyse
from caveat.names import analyze_name


def test_an_entity_gives_its_names_each_once_and_its_name_parts() -> None:
    builder = EntityBuilder("x", "1", "Person")
    builder.add_name("Al-Qa'ida/Islamic Army")
    builder.add_name("Al-Qa'ida/Islamic Army", kind="alias")
    builder.add("firstName", "Ismail")
    builder.add("lastName", "Demir")
    assert list(texts_to_analyse(builder.build())) == [
        ("Al-Qa'ida/Islamic Army", False),
        ("Al-Qa'ida", False),
        ("Islamic Army", False),
        ("Ismail", False),
        ("Demir", False),
    ]


def test_organisations_names_are_read_as_organisations() -> None:
    builder = EntityBuilder("x", "2", "Company")
    builder.add_name("Rosoboronexport OAO")
    assert list(texts_to_analyse(builder.build())) == [("Rosoboronexport OAO", True)]


def test_forms_analysed_by_an_executor_are_those_analysed_here() -> None:
    entities = []
    for ref, (schema, name) in enumerate(
        [("Company", "ООО Рособоронэкспорт"), ("Person", "习近平"), ("Person", "DEMIR, Ismail")]
    ):
        builder = EntityBuilder("x", str(ref), schema)
        builder.add_name(name)
        entities.append(builder.build())
    with ThreadPoolExecutor(2) as executor:
        analysed = analysed_by(executor, entities)
    assert len(analysed) == 3
    assert all(forms == analyze_name(text, is_org=org) for (text, org), forms in analysed.items())
    (company,) = analysed[("ООО Рособоронэкспорт", True)]
    assert company.legal_forms and company.scripts == {"Cyrillic"}
