"""Name knowledge at the edge: build the name-variant artefact from raw sources, load it.

The pure `caveat.names.variants.NameVariants` is built once, at setup, from two general
sources (never from the sanctions lists), and saved inside the package::

    python -m caveat.knowledge build [--from DIR] [--to PATH]

DIR defaults to ``CAVEAT_NAME_DATA``, else ``../shared/data/name_matching`` next to the
repository; PATH to ``caveat/names/_build/name_variants.bin``. The sources:

- ``opensanctions_wikidata_person_name_variants.txt.gz``: 164,820 Wikidata groups of
  given names and surnames, 565,789 spellings in many scripts.
- ``nicknames_names.csv``: 2,691 English ``name,has_nickname,nickname`` rows, folded in
  as one group per formal name (robert: bob, rob, bobby, ...).

Why the default `VariantPolicy` thresholds, measured on these files (2025-04 snapshot):

- Han spellings of one character are skipped (6,127 strings): their Mandarin reading is
  one syllable, shared by hundreds of names, and for Japanese kanji names not even
  theirs (浩 gives "hao" beside "hiroshi"). Longer Han spellings are kept. Most spell a
  foreign name for Chinese readers, and a Chinese text renders them the same way:
  弗拉基米尔 gives "fulajimier" beside "vladimir", 贝拉克 "beilake" beside "barack".
  Their tokens count toward neither a group's size nor the neighbour cap of the
  non-Han spellings beside them. "mary" has dozens of Chinese transcriptions and is
  still no homograph.
- Each spelling becomes one token, its words joined ("jean-pierre" gives "jeanpierre"),
  so that no group makes "jean" a variant of "pierre". Tokens are ASCII letters only,
  3 to 30 long; name particles ("bin", "van", "abu") and descriptor labels ("dunn
  surname", 522 strings) are never tokens.
- One group (Q624240, "Arabic name" in many languages, 57 tokens) is larger than 50
  tokens and is dropped; the next largest, Gorbachev, has 49 genuine spellings.
- A token that would be a variant of more than 50 others (tokens of up to 4 letters) or
  100 others (longer ones) is dropped from every group: 216 tokens, nearly all East
  Asian romanisation syllables ("chen", "jan", "bing", "cao") plus a few short Western
  names such as "sam" and "joe". At 40 the cap would also drop "anna", "mary" and
  "dave", whose 43 to 47 neighbours are genuine.
- Singleton, duplicate and subset groups add no variant pair and are dropped.

What remains: 131,504 groups, 329,870 tokens, 402,621 memberships; a 2.6 MB file that
loads in 0.20–0.25 s (as `bench/pairs.py` and `bench/cross_script.py` print).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from caveat import settings
from caveat.exc import ConfigError
from caveat.names import analyze_name
from caveat.names.variant_groups import GroupStats, Renderer, VariantPolicy
from caveat.names.variants import NameVariants, build_variants_with_stats

__all__ = [
    "NICKNAMES_FILE",
    "WIKIDATA_FILE",
    "BuildReport",
    "artefact_path",
    "build_artefact",
    "load_variants",
    "main",
    "name_data_dir",
    "read_nicknames",
    "read_wikidata_lines",
]

log = logging.getLogger(__name__)

WIKIDATA_FILE = "opensanctions_wikidata_person_name_variants.txt.gz"
NICKNAMES_FILE = "nicknames_names.csv"
_REPO = Path(__file__).resolve().parent.parent


def artefact_path() -> Path:
    """Where the built artefact lives: ``caveat/names/_build/name_variants.bin``."""
    return Path(__file__).resolve().parent / "names" / "_build" / "name_variants.bin"


def name_data_dir() -> Path | None:
    """The raw sources: ``CAVEAT_NAME_DATA``, else ``../shared/data/name_matching`` next to
    the repository when it exists, else `None`."""
    configured = settings.name_data_path()
    if configured is not None:
        return configured
    default = _REPO.parent / "shared" / "data" / "name_matching"
    return default if default.is_dir() else None


def read_wikidata_lines(path: Path) -> Iterator[str]:
    """The lines of the Wikidata group file, gzipped (by its ``.gz`` name) or not.

    Args:
        path: The file.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from handle


def read_nicknames(path: Path) -> Iterator[tuple[str, str]]:
    """(name, nickname) pairs from ``name1,relationship,name2`` rows of ``has_nickname``.

    Args:
        path: The CSV file.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) == 3 and row[1].strip() == "has_nickname":
                yield row[0], row[2]


@dataclass(frozen=True)
class BuildReport:
    """What a build read, kept and wrote."""

    sources: tuple[Path, ...]
    dest: Path
    stats: GroupStats
    size: int
    seconds: float

    def summary(self) -> str:
        """A few lines for a terminal."""
        s = self.stats
        sample = ", ".join(s.capped_tokens[:12])
        return "\n".join(
            [
                f"read {s.raw_groups:,} groups, {s.variant_strings:,} spellings from "
                + ", ".join(p.name for p in self.sources),
                f"skipped {s.skipped_han:,} Han spellings, {s.descriptor_strings:,} "
                f"descriptor labels, {s.particle_tokens:,} particles, "
                f"{s.rejected_tokens:,} tokens too short, too long or not ASCII letters",
                f"dropped {s.mega_groups:,} groups over the size cap, "
                f"{len(s.capped_tokens):,} tokens with too many variants ({sample}, ...), "
                f"{s.singleton_groups:,} singleton, {s.duplicate_groups:,} duplicate and "
                f"{s.subset_groups:,} subset groups",
                f"kept {s.groups:,} groups, {s.tokens:,} tokens, {s.memberships:,} memberships",
                f"wrote {self.dest} ({self.size:,} bytes) in {self.seconds:.1f} s",
            ]
        )


def analyzed_renderings(text: str) -> list[str]:
    """Render a spelling the way screening renders names, so the artefact's tokens are
    the tokens queries and lists produce."""
    return [" ".join(form.tokens) for form in analyze_name(text)]


def build_artefact(
    source_dir: Path | None = None,
    dest: Path | None = None,
    *,
    render: Renderer | None = None,
    policy: VariantPolicy | None = None,
) -> BuildReport:
    """Build the name-variant artefact from the raw sources and write it atomically.

    Args:
        source_dir: The directory holding `WIKIDATA_FILE` (required) and `NICKNAMES_FILE`
            (optional); `name_data_dir()` when `None`.
        dest: The artefact to write; `artefact_path()` when `None`.
        render: Renders each spelling to Latin renderings.
        policy: Filtering thresholds; `VariantPolicy()` when `None`.

    Raises:
        ConfigError: If the Wikidata group file cannot be found.
    """
    started = time.perf_counter()
    source_dir = name_data_dir() if source_dir is None else source_dir
    if source_dir is None:
        raise ConfigError("name data not found: set CAVEAT_NAME_DATA or pass --from DIR")
    dest = artefact_path() if dest is None else dest
    wikidata = source_dir / WIKIDATA_FILE
    if not wikidata.is_file():
        raise ConfigError(f"name variant groups not found: {wikidata}", file=str(wikidata))
    sources = [wikidata]
    nicknames = source_dir / NICKNAMES_FILE
    pairs: list[tuple[str, str]] = []
    if nicknames.is_file():
        sources.append(nicknames)
        pairs = list(read_nicknames(nicknames))
    else:
        log.warning("no nickname list at %s; building from Wikidata groups only", nicknames)
    variants, stats = build_variants_with_stats(
        read_wikidata_lines(wikidata),
        pairs,
        render=render if render is not None else analyzed_renderings,
        policy=policy,
    )
    data = variants.to_bytes()
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, dest)
    return BuildReport(tuple(sources), dest, stats, len(data), time.perf_counter() - started)


def load_variants(path: Path | None = None) -> NameVariants:
    """Load the artefact; `NameVariants.empty()` with a warning when it was never built.

    Args:
        path: The artefact; `artefact_path()` when `None`.

    Raises:
        ConfigError: If the file exists but is not a readable artefact of this version.
    """
    path = artefact_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.warning(
            "name variants not built (%s missing): matching runs without them; "
            "run `python -m caveat.knowledge build`",
            path,
        )
        return NameVariants.empty()
    try:
        return NameVariants.from_bytes(data)
    except ValueError as exc:
        raise ConfigError(
            f"{path}: {exc}; rebuild with `python -m caveat.knowledge build`", file=str(path)
        ) from exc


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m caveat.knowledge build [--from DIR] [--to PATH]``.

    Args:
        argv: The arguments after the program name; `sys.argv[1:]` when `None`.
    """
    parser = argparse.ArgumentParser(
        prog="python -m caveat.knowledge", description="Build Caveat's name knowledge."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="build the name-variant artefact",
        description="Example: python -m caveat.knowledge build --from ../shared/data/name_matching",
    )
    build.add_argument("--from", dest="source", type=Path, help="directory of raw sources")
    build.add_argument("--to", dest="dest", type=Path, help="artefact to write")
    args = parser.parse_args(argv)
    try:
        report = build_artefact(args.source, args.dest)
    except ConfigError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    sys.exit(main())
