"""Country codes from names and codes: FollowTheMoney's answers, from a kept table."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from followthemoney.types import registry
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rigour.territories.lookup import _load_territory_names

from caveat import countries
from caveat.countries import country_code, territory_names_path
from caveat.shipped import ship


@pytest.fixture
def fresh(caveat_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home without the table, no table built at install, and no answer remembered
    from before."""
    shipped = tmp_path / "package" / "_build" / "territory-names.json"
    monkeypatch.setattr(countries, "shipped_territory_names_path", lambda: shipped)
    countries._territory_names.cache_clear()
    country_code.cache_clear()
    yield caveat_home
    countries._territory_names.cache_clear()
    country_code.cache_clear()


def _rigour_names() -> list[str]:
    names: list[str] = []
    for territory, strong, weak, places in _load_territory_names():
        names += [*strong, *weak, *places, territory.code, territory.alpha3 or ""]
    return names


def test_every_territory_name_reads_as_followthemoney_reads_it(fresh: Path) -> None:
    names = _rigour_names()
    written = [f(n) for n in names for f in (str.upper, str.lower, lambda n: f" {n}. ")]
    differ = [v for v in names + written if country_code(v) != registry.country.clean(v)]
    assert len(names) > 20_000
    assert differ == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example("Kongo – Brazzavil")
@example("Россия")
@example("\x00 ")
def test_any_text_reads_as_followthemoney_reads_it(text: str) -> None:
    assert country_code(text) == registry.country.clean(text)


def test_the_table_is_kept_and_read_back(fresh: Path) -> None:
    assert country_code("Islamic Republic of Iran") == "ir"
    path = territory_names_path()
    table = json.loads(path.read_text(encoding="utf-8"))
    assert table["iran"] == "ir"
    # A fresh process answers from the kept file, not from a table of its own.
    table["atlantis"] = "gr"
    path.write_text(json.dumps(table), encoding="utf-8")
    code = (
        "from pathlib import Path; from caveat import countries; "
        f"countries.shipped_territory_names_path = lambda: Path({str(fresh / 'none')!r}); "
        "print(countries.country_code('Atlantis'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "gr"


@pytest.mark.parametrize("damage", ["truncated", "not a table"])
def test_a_damaged_table_is_built_again(fresh: Path, damage: str) -> None:
    path = territory_names_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"iran": "ir", "ira' if damage == "truncated" else "[1, 2]", "utf-8")
    assert country_code("Democratic People's Republic of Korea") == "kp"
    assert json.loads(path.read_text(encoding="utf-8"))["iran"] == "ir"
    assert list(path.parent.glob("*.partial")) == []


def test_an_unwritable_home_still_answers(fresh: Path) -> None:
    fresh.mkdir()
    (fresh / "cache").write_text("a file where the folder would go", "utf-8")
    assert country_code("Türkiye") == "tr"
    assert country_code("Narnia") is None
    assert sorted(p.name for p in fresh.iterdir()) == ["cache"]


def test_the_table_built_at_install_comes_first(fresh: Path) -> None:
    shipped = countries.shipped_territory_names_path()
    assert ship(shipped, countries.build_territory_names)
    assert json.loads(shipped.read_text(encoding="utf-8"))["iran"] == "ir"
    assert country_code("Islamic Republic of Iran") == "ir"
    # Read from the package: the home gets no copy of its own.
    assert not territory_names_path().exists()
    # Run again, it leaves the table as it is.
    before = shipped.stat().st_mtime_ns
    assert ship(shipped, countries.build_territory_names)
    assert shipped.stat().st_mtime_ns == before
