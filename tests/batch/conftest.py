"""A store and index from real list snapshots (the UN list and OFAC's consolidated
list), shared by the batch tests, and query files made from them at run time."""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

import pytest

from caveat.indexing import load_index
from caveat.loading import load_path
from caveat.screen import Screener
from caveat.store import Store
from tests.conftest import real_file

LISTS = ("un_sc", "us_ofac/cons_csv_2025-12-19")
HEADER = ("id", "name", "schema", "birth_date", "country", "id_number")
# Made-up customers: names on no list, so most rows give no hit.
GIVEN = ("Anna", "Jonas", "Marta", "Piotr", "Léa", "Tomás", "Ingrid", "Kenji", "Amara", "Dmitri")
FAMILY = ("Lindqvist", "Okafor", "Brennan", "Castellano", "Hoffmann", "Nakamura", "Duarte")
COMPANIES = ("Blue Harbour Logistics Ltd", "Nordlicht Textil GmbH", "Cedar Ridge Farms LLC")


DEADLINE_SECONDS = 120


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail a test that waits too long for its workers, rather than hang the suite."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {DEADLINE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(DEADLINE_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def batch_home(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Caveat home whose store holds the UN and OFAC consolidated lists, with the
    index already built and saved (so a ``caveat batch`` process loads it)."""
    home = tmp_path_factory.mktemp("batch-home")
    with Store(f"sqlite:///{home / 'caveat.db'}") as store:
        for relative in LISTS:
            assert load_path(store, real_file(shared_data, relative)).ok
        load_index(store, home=home)
    return home


@pytest.fixture(scope="session")
def screener(batch_home: Path) -> Screener:
    with Store(f"sqlite:///{batch_home / 'caveat.db'}") as store:
        return Screener(load_index(store, home=batch_home))


def query_rows(screener: Screener, count: int, seed: int = 1) -> list[list[str]]:
    """``count`` input rows: a third are listed names (as listed, upper-cased or with
    parts reversed), the rest made-up customers."""
    rng = random.Random(seed)
    index = screener.index
    rows: list[list[str]] = []
    while len(rows) < count:
        key = f"c{len(rows) + 1}"
        if rng.random() < 1 / 3:
            position = rng.randrange(len(index))
            names = index.names_of(position)
            if not names:
                continue
            name = rng.choice(names).text
            name = rng.choice((name, name.upper(), " ".join(reversed(name.split()))))
            schema = index.schemas[position]
            rows.append([key, name, schema if schema == "Person" else "", "", "", ""])
        elif rng.random() < 0.7:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            year = rng.randrange(1940, 2000)
            rows.append(
                [
                    key,
                    name,
                    "Person",
                    f"{year}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
                    "",
                    "",
                ]
            )
        else:
            rows.append([key, rng.choice(COMPANIES), "Company", "", "de", ""])
    return rows


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cli_env(home: Path) -> dict[str, str]:
    """The environment of a ``caveat`` process on ``home``, with a fixed string-hash
    seed, as a Spark executor has (PySpark's default): the same seed in every process
    gives the same candidate order among equally good candidates."""
    env = dict(os.environ, CAVEAT_HOME=str(home), PYTHONHASHSEED="0")
    env.pop("CAVEAT_DATABASE_URL", None)
    return env


CAVEAT = [sys.executable, "-c", "from caveat.cli import main; main()"]


def caveat(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real ``caveat`` command in a new process."""
    return subprocess.run(
        [*CAVEAT, *args], env=cli_env(home), capture_output=True, text=True, timeout=timeout
    )
