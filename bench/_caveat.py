"""Load Caveat's matching API lazily, so the peer half of each benchmark runs without it.

Caveat is imported only when a script needs it (not with ``--peers-only``). Its name
variants are, by default, the artefact Caveat itself ships and screens with
(``caveat/names/_build/name_variants.bin``, made by ``python -m caveat.knowledge build``
from the Wikidata groups and nickname list in ../shared/data); ``--variants build``
builds them afresh from those files, ``--variants none`` runs without them.
"""

from __future__ import annotations

import csv
import gzip
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _warmup import WARM_UP

BENCH_DIR = Path(__file__).resolve().parent
VARIANT_GROUPS = "opensanctions_wikidata_person_name_variants.txt.gz"
NICKNAMES = "nicknames_names.csv"


@dataclass
class CaveatKit:
    """The parts of Caveat the benchmarks call, plus how long loading took."""

    version: str
    threshold: float
    compare_names: Any
    screener_cls: Any
    query_cls: Any
    builder_cls: Any
    variants: Any
    variants_note: str
    load_seconds: float

    def compare(self, name1: str, name2: str, schema: str, algorithm: str = "default") -> float:
        """Caveat's name score for one pair, with the benchmark's name variants.

        Args:
            name1: the query name.
            name2: the candidate name.
            schema: FollowTheMoney schema of both sides.
            algorithm: Caveat algorithm name (``default`` or ``ofac``).
        """
        score = self.compare_names(
            name1, name2, schema, variants=self.variants, algorithm=algorithm
        )
        return float(score)

    def warm_up(self, algorithm: str = "default") -> None:
        """Run the shared warm-up pairs (see bench/_warmup.py) before timing."""
        for schema, left, right in WARM_UP:
            self.compare(left, right, schema, algorithm)


def _read_groups(path: Path) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")


def _read_nicknames(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["name1"], row["name2"]


def build_variants(data_dir: Path) -> tuple[Any, str]:
    """Build ``NameVariants`` afresh from the shared Wikidata groups and nicknames.

    Args:
        data_dir: the directory holding the name-matching data files.
    """
    from caveat.names.variants import build_variants as build

    start = time.perf_counter()
    variants = build(_read_groups(data_dir / VARIANT_GROUPS), _read_nicknames(data_dir / NICKNAMES))
    seconds = time.perf_counter() - start
    return variants, f"built from {VARIANT_GROUPS} + {NICKNAMES} in {seconds:.1f}s"


def shipped_variants(data_dir: Path) -> tuple[Any, str]:
    """The variants artefact Caveat ships (``python -m caveat.knowledge build``).

    Falls back to a fresh build when this Caveat has no ``caveat.knowledge``; stops with
    the fix when the artefact was never built, rather than run without variants.

    Args:
        data_dir: the directory holding the name-matching data files (for the fallback).
    """
    try:
        from caveat.knowledge import artefact_path, load_variants
    except ImportError:
        return build_variants(data_dir)
    path = artefact_path()
    if not path.exists():
        raise SystemExit(
            f"{path} is missing: run `.venv/bin/python -m caveat.knowledge build`, "
            "or pass --variants build / --variants none"
        )
    start = time.perf_counter()
    variants = load_variants(path)
    seconds = time.perf_counter() - start
    return variants, f"shipped artefact {path.name} ({path.stat().st_size:,} bytes, {seconds:.2f}s)"


def load_caveat(data_dir: Path, variants: str = "shared") -> CaveatKit:
    """Import Caveat's matching API and its name variants.

    Args:
        data_dir: the directory holding the name-matching data files.
        variants: ``shipped`` (the artefact Caveat ships), ``build`` (built afresh from
            the shared Wikidata groups and nicknames) or ``none`` (no variant knowledge).
    """
    start = time.perf_counter()
    try:
        from caveat.entity import EntityBuilder
        from caveat.match.calibration import DEFAULT_THRESHOLD
        from caveat.match.compare import compare_names
        from caveat.screen import Query, Screener
    except ImportError as exc:
        raise SystemExit(
            f"Caveat's matching API is not importable ({exc}); use --peers-only"
        ) from exc
    from importlib import metadata

    if variants == "none":
        kit_variants, note = None, "none"
    elif variants == "build":
        kit_variants, note = build_variants(data_dir)
    else:
        kit_variants, note = shipped_variants(data_dir)
    return CaveatKit(
        version=metadata.version("caveat"),
        threshold=float(DEFAULT_THRESHOLD),
        compare_names=compare_names,
        screener_cls=Screener,
        query_cls=Query,
        builder_cls=EntityBuilder,
        variants=kit_variants,
        variants_note=note,
        load_seconds=time.perf_counter() - start,
    )
