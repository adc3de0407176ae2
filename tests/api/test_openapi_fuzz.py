"""Fuzz every route from the served OpenAPI document with schemathesis (issue 4).

The schemathesis CLI runs against a real server on loopback, on SQLite and PostgreSQL,
with a fixed seed and deterministic generation so that a failure replays. It runs all
its phases (boundary values, unsupported methods, positive and negative fuzzing) and
all its checks: no 5xx, every status documented, every body in the documented schema,
invalid input refused, and 401 when the key is left out. A request the schema allows
may still get 400 when it cannot be screened as asked (a query with no name, a birth
date that is no date): `caveat.api.errors` documents that status.

Then hypothesis drives the screening path itself with queries built from real names
and arbitrary text, which the schema-driven generator reaches only by luck, and each
answer is validated against the document the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from caveat.api.yente import QUERY_SCHEMAS
from tests.api.conftest import Served, blocklist, serving

ENTITY_IDS = ["internal_customers_blocklist-BL-0001", "internal_customers_blocklist-BL-0004"]
NAMES = ["Vladimir Putin", "Рособоронэкспорт", "Bashar al Assad", "İsmail Demir", "CHON MA SAN"]


def config(entity_ids: list[str], names: list[str]) -> str:
    """The run's settings: realistic values for path parameters and names some of the
    time (random ones mostly miss: 404 or 400), and 400 as a legitimate answer."""

    def strings(values: list[str]) -> str:
        return ", ".join(f'"{v}"' for v in values)

    return f"""
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404"]

[dictionaries.datasets]
values = ["default", "internal_customers_blocklist"]
[dictionaries.entities]
values = [{strings(entity_ids)}]
[dictionaries.names]
values = [{strings(names)}]
[dictionaries.paths]
values = [".", "customers_blocklist.csv"]

[parameters]
"path.dataset" = {{ dictionary = "datasets", probability = 0.8 }}
"path.entity_id" = {{ dictionary = "entities", probability = 0.5 }}
"query.q" = {{ dictionary = "names", probability = 0.5 }}
"body.name" = {{ dictionary = "names", probability = 0.5 }}
"body.path" = {{ dictionary = "paths", probability = 0.5 }}
"body.queries.[*].properties.name[*]" = {{ dictionary = "names", probability = 0.7 }}
"""


@pytest.fixture
def fuzzed(database_url: str, tmp_path: Path) -> Any:
    lists_dir = tmp_path / "lists"
    lists_dir.mkdir()
    shutil.copy(blocklist(), lists_dir / blocklist().name)
    with serving(database_url, tmp_path, lists_dir=lists_dir) as server:
        yield server


def still_answers(served: Served) -> None:
    """The server survived: probes answer and a real query finds its listed entity."""
    with served.client(served.key) as http:
        assert http.get("/healthz").status_code == 200
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Putin"]}}}}
        reply = http.post("/match/default", json=body)
        assert reply.status_code == 200, reply.text
        assert reply.json()["responses"]["q"]["results"][0]["id"] == ENTITY_IDS[0]


def test_schemathesis_finds_nothing(fuzzed: Served, tmp_path: Path) -> None:
    settings_file = tmp_path / "schemathesis.toml"
    settings_file.write_text(config(ENTITY_IDS, NAMES), "utf-8")
    command = [
        *(str(Path(sys.executable).with_name("st")), "--config-file", str(settings_file)),
        *("--no-color", "run", f"{fuzzed.url}/openapi.json"),
        *("--header", f"X-API-Key: {fuzzed.key}"),
        *("--max-examples", "60", "--seed", "4", "--generation-deterministic"),
        *("--workers", "1", "--continue-on-failure"),
    ]
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
    assert "No issues found" in done.stdout or "passed" in done.stdout, done.stdout[-3000:]
    still_answers(fuzzed)


# -- the screening path, with queries that get past validation ---------------------

TEXT = st.text(min_size=1, max_size=60)
NAME = st.one_of(st.sampled_from(NAMES), TEXT, st.builds(" ".join, st.lists(TEXT, max_size=4)))
PROPERTIES = st.fixed_dictionaries(
    {"name": st.lists(NAME, min_size=1, max_size=3)},
    optional={
        "alias": st.lists(NAME, max_size=2),
        "birthDate": st.lists(st.sampled_from(["1952-10-07", "1965", "2001-02-30", "x"])),
        "country": st.lists(st.sampled_from(["ru", "Syria", "XX", ""]), max_size=2),
        "idNumber": st.lists(st.sampled_from(["7718852163", "D1903", " "]), max_size=2),
    },
)
QUERY = st.fixed_dictionaries({"schema": st.sampled_from(QUERY_SCHEMAS), "properties": PROPERTIES})
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "algorithm": st.sampled_from(["default", "ofac", "logic-v2"]),
        "threshold": st.floats(0.0, 1.0),
        "limit": st.integers(1, 10),
    },
)


def test_screening_answers_stay_in_the_schema(served: Served) -> None:
    schema = schemathesis.openapi.from_url(
        f"{served.url}/openapi.json", config=SchemathesisConfig.from_str(config(ENTITY_IDS, NAMES))
    )
    match = schema["/match/{dataset}"]["POST"]
    headers = {"X-API-Key": served.key}
    statuses: set[int] = set()

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        queries=st.dictionaries(st.text(max_size=8), QUERY, min_size=1, max_size=3), params=PARAMS
    )
    def screen(queries: dict[str, Any], params: dict[str, Any]) -> None:
        case = match.Case(path_parameters={"dataset": "default"}, body={"queries": queries})
        case.query = params
        response = case.call(base_url=served.url, headers=headers)
        assert response.status_code in (200, 400), response.text
        case.validate_response(response, headers=headers)
        statuses.add(response.status_code)
        if response.status_code == 200:
            assert set(response.json()["responses"]) == set(queries)

    screen()
    assert 200 in statuses, "no generated query was screened"
    with httpx.Client(base_url=served.url, timeout=30) as http:
        assert http.get("/healthz").status_code == 200
