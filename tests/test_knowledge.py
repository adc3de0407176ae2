"""Tests for `caveat.knowledge`: building, saving and loading the name-variant artefact."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest

from caveat.exc import ConfigError
from caveat.knowledge import (
    NICKNAMES_FILE,
    WIKIDATA_FILE,
    BuildReport,
    artefact_path,
    build_artefact,
    load_variants,
    main,
    name_data_dir,
    read_nicknames,
)
from caveat.names.variants import NameVariants

SYNTHETIC_GROUPS = """\
jacek, jacenty, яцек, ヤチェク => Q187837
mohammed, muhammad, мухаммед, محمد => Q5837762
olga, ольга, ольха => Q2150395
"""
SYNTHETIC_NICKNAMES = """\
name1,relationship,name2
robert,has_nickname,bob
robert,has_nickname,bobby
william,has_nickname,bill
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "name_matching"
    folder.mkdir()
    with gzip.open(folder / WIKIDATA_FILE, "wt", encoding="utf-8") as handle:
        handle.write(SYNTHETIC_GROUPS)
    (folder / NICKNAMES_FILE).write_text(SYNTHETIC_NICKNAMES, encoding="utf-8")
    return folder


def test_build_and_load_synthetic(sources: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "name_variants.bin"
    report = build_artefact(sources, dest)
    assert report.dest == dest
    assert report.size == dest.stat().st_size
    assert [p.name for p in report.sources] == [WIKIDATA_FILE, NICKNAMES_FILE]
    assert report.stats.raw_groups == 5
    assert report.stats.groups == 5
    assert not (dest.parent / (dest.name + ".partial")).exists()
    variants = load_variants(dest)
    assert variants.are_variants("jacek", "yatsek")
    assert variants.are_variants("mohammed", "mukhammed")  # from мухаммед
    assert variants.are_variants("robert", "bob")
    assert variants.are_variants("bill", "william")
    assert not variants.are_variants("olga", "jacek")
    assert "kept 5 groups" in report.summary()


def test_build_without_nicknames(
    sources: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (sources / NICKNAMES_FILE).unlink()
    with caplog.at_level(logging.WARNING, logger="caveat.knowledge"):
        report = build_artefact(sources, tmp_path / "v.bin")
    assert "no nickname list" in caplog.text
    assert report.stats.groups == 3
    assert not load_variants(tmp_path / "v.bin").are_variants("robert", "bob")


def test_build_needs_the_wikidata_groups(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="name variant groups not found"):
        build_artefact(tmp_path, tmp_path / "v.bin")


def test_read_nicknames_skips_header_and_other_relations(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text(SYNTHETIC_NICKNAMES + "bob,is_nickname_of,robert\n", encoding="utf-8")
    assert list(read_nicknames(path)) == [
        ("robert", "bob"),
        ("robert", "bobby"),
        ("william", "bill"),
    ]


def test_missing_artefact_loads_empty_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="caveat.knowledge"):
        variants = load_variants(tmp_path / "absent.bin")
    assert len(variants) == 0
    assert "python -m caveat.knowledge build" in caplog.text


def test_corrupt_artefact_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(b"not an artefact at all, but long enough")
    with pytest.raises(ConfigError, match="rebuild"):
        load_variants(path)


def test_main_builds(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "cli.bin"
    assert main(["build", "--from", str(sources), "--to", str(dest)]) == 0
    assert dest.exists()
    assert "wrote" in capsys.readouterr().out


def test_main_reports_missing_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--from", str(tmp_path), "--to", str(tmp_path / "x.bin")]) == 1
    assert "error: name variant groups not found" in capsys.readouterr().err


def test_name_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAVEAT_NAME_DATA", str(tmp_path))
    assert name_data_dir() == tmp_path


def test_artefact_lives_in_the_package() -> None:
    assert artefact_path().parts[-4:] == ("caveat", "names", "_build", "name_variants.bin")


@pytest.fixture(scope="module")
def real_build(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """One build from the real sources (about 20 s)."""
    source = shared_data / "name_matching"
    if not (source / WIKIDATA_FILE).exists():
        pytest.skip(f"{WIKIDATA_FILE} is not in {source}")
    return build_artefact(source, tmp_path_factory.mktemp("knowledge") / "name_variants.bin")


@pytest.fixture(scope="module")
def real_variants(real_build: BuildReport) -> NameVariants:
    return load_variants(real_build.dest)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("jacek", "yatsek"),
        ("mohammed", "muhammad"),
        ("robert", "bob"),
        ("ismail", "ismayil"),
        ("aleksandr", "alexander"),
        ("evgeny", "yevgeniy"),
        ("zhang", "chang"),
        ("william", "bill"),
        ("vladimir", "fulajimier"),  # 弗拉基米尔
    ],
)
def test_real_variants(real_variants: NameVariants, a: str, b: str) -> None:
    assert real_variants.are_variants(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("vladimir", "olga"), ("jacek", "john"), ("hiroshi", "hao"), ("chen", "chan")],
)
def test_real_non_variants(real_variants: NameVariants, a: str, b: str) -> None:
    assert not real_variants.are_variants(a, b)


def test_real_build_filters(real_build: BuildReport, real_variants: NameVariants) -> None:
    stats = real_build.stats
    assert stats.raw_groups > 160_000
    assert 50_000 < stats.groups < stats.raw_groups
    assert stats.skipped_han > 5_000  # single characters; transcriptions are kept
    assert stats.mega_groups >= 1
    # Ambiguous East Asian syllables are dropped; common names of up to 50 neighbours kept.
    assert {"chen", "jan"} <= set(stats.capped_tokens)
    assert {"anna", "mary"}.isdisjoint(stats.capped_tokens)
    for particle in ("bin", "abu", "van"):
        assert particle not in real_variants
    assert all(len(token) >= 3 for token in real_variants)
    assert len(real_variants) == stats.tokens
    assert real_variants.group_count == stats.groups
