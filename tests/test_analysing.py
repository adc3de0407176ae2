"""Names analysed on several cores: the same forms, and the same index, as on one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from caveat.analysing import analyse_in_parallel
from caveat.entity import Entity
from caveat.index import texts_to_analyse
from caveat.indexing import build_index
from caveat.loading import parse_set
from caveat.names import analyze_name
from caveat.names.variants import NameVariants
from caveat.sources.discover import discover
from tests.conftest import real_file


@pytest.fixture(scope="module")
def sdn_entities(shared_data: Path) -> list[Entity]:
    """The real SDN list of 2024-05-03: about 15,000 entries, 40,000 texts to analyse."""
    (fileset,) = discover(real_file(shared_data, "us_ofac/sdn_csv_2024-05-03")).sets
    parsed, _ = parse_set(fileset)
    return list(parsed.entities)


def test_forms_analysed_in_workers_are_those_analysed_here(sdn_entities: list[Entity]) -> None:
    analysed = analyse_in_parallel(sdn_entities, workers=2)
    texts = {key for entity in sdn_entities for key in texts_to_analyse(entity)}
    assert set(analysed) == texts and len(texts) > 20_000
    assert all(forms == analyze_name(text, is_org=org) for (text, org), forms in analysed.items())


def test_one_worker_leaves_the_analysis_to_the_index(sdn_entities: list[Entity]) -> None:
    assert analyse_in_parallel(sdn_entities, workers=1) == {}


def test_index_built_on_two_cores_is_the_one_built_on_one(sdn_entities: list[Entity]) -> None:
    variants = NameVariants.empty()
    one, two = (build_index(sdn_entities, variants, "f", workers=n) for n in (1, 2))
    protocol = pickle.HIGHEST_PROTOCOL
    assert pickle.dumps(one, protocol) == pickle.dumps(two, protocol)
