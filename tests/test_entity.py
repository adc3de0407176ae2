"""The entity model: cleaning, identifiers, nothing lost, JSON round trips."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caveat.entity import Entity, EntityBuilder, identifier_property


def test_values_are_cleaned_and_rejects_are_kept() -> None:
    builder = EntityBuilder("us_ofac_sdn", "27018", "Person")
    builder.add_name("DEMIR, Ismail")
    builder.add("nationality", "Turkey")
    builder.add("birthDate", "1960-04-01")
    builder.add("birthDate", "sometime in spring")
    entity = builder.build()
    assert entity.id == "us_ofac_sdn-27018"
    assert entity.get("nationality") == ["tr"]
    assert entity.get("birthDate") == ["1960-04-01"]
    assert entity.unparsed == (("birthDate", "sometime in spring"),)


def test_identifiers_keep_type_and_country_and_feed_ftm_properties() -> None:
    builder = EntityBuilder("us_ofac_sdn", "18782", "LegalEntity")
    builder.add_identifier("Tax ID No.", "7718852163", "Russia")
    builder.add_identifier("Registration ID", "1117746521452", "Russia")
    builder.add_identifier("Turkish Identification Number", "37435275130", "Turkey")
    entity = builder.build()
    assert entity.get("taxNumber") == ["7718852163"]
    assert entity.get("registrationNumber") == ["1117746521452"]
    assert entity.get("idNumber") == ["37435275130"]
    assert entity.identifiers[0].country == "ru"


def test_identifier_kinds() -> None:
    assert identifier_property("Passport") == "passportNumber"
    assert identifier_property("Vessel Registration Identification IMO") == "imoNumber"
    assert identifier_property("SWIFT/BIC") == "swiftBic"
    assert identifier_property("Finnish personal code") == "idNumber"  # not "inn"


def test_vessel_only_identifiers_fall_back_on_people() -> None:
    builder = EntityBuilder("x", "1", "Person")
    builder.add_identifier("IMO", "9123456")
    assert builder.build().get("idNumber") == ["9123456"]


def test_schema_change_keeps_values() -> None:
    builder = EntityBuilder("x", "1", "LegalEntity")
    builder.add_name("ROSOBORONEKSPORT OAO")
    builder.set_schema("Company")
    assert builder.build().schema == "Company"
    assert builder.build().caption == "ROSOBORONEKSPORT OAO"


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@given(st.lists(names, min_size=1, max_size=5), st.sampled_from(["Person", "Vessel", "Company"]))
def test_json_round_trip(values: list[str], schema: str) -> None:
    builder = EntityBuilder("l", "1", schema)
    for value in values:
        builder.add_name(value, kind="alias")
    builder.add_program("SDGT")
    builder.add_link("linked_to", target_name=values[0])
    entity = builder.build()
    again = Entity.from_dict(entity.to_dict())
    assert again == entity
    assert again.content_hash == entity.content_hash
    # Read back from the stored body, it keeps that body as its canonical JSON.
    stored = Entity.from_canonical_json(entity.canonical_json())
    assert stored == entity
    assert stored.canonical_json() == entity.canonical_json()
    assert stored.content_hash == entity.content_hash
