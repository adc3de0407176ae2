"""Shared pieces of the bench scripts: options, metrics, the baseline, and output.

Kept free of Caveat imports so that ``--peers-only`` runs without Caveat.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _peers import DEFAULT_PEERS_PYTHON

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "name_matching"

# nomenklatura's matchers are compared at 0.7: yente's default match threshold, and the
# threshold at which the design brief quotes their F1.
PEER_THRESHOLD = 0.7
# The rapidfuzz baseline has no threshold of its own; it is held to the peers' 0.7.
BASELINE_THRESHOLD = 0.7


def base_parser(doc: str, default_peers: str) -> argparse.ArgumentParser:
    """The options every bench script takes.

    Args:
        doc: the script's docstring (shown by ``--help``).
        default_peers: comma-separated nomenklatura algorithms run by default.
    """
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--peers-only", action="store_true", help="do not import Caveat")
    parser.add_argument("--no-peers", action="store_true", help="skip nomenklatura")
    parser.add_argument(
        "--peers", default=default_peers, help=f"nomenklatura algorithms (default {default_peers})"
    )
    parser.add_argument("--peers-python", type=Path, default=DEFAULT_PEERS_PYTHON)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="name_matching dir")
    parser.add_argument(
        "--variants",
        choices=("shipped", "build", "none"),
        default="shipped",
        help="Caveat name variants: the shipped artefact (default), built afresh, or none",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    return parser


def peer_list(args: argparse.Namespace) -> list[str]:
    """The nomenklatura algorithms selected on the command line."""
    if args.no_peers:
        return []
    return [p.strip() for p in str(args.peers).split(",") if p.strip() != ""]


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def machine_line(m: dict[str, Any]) -> str:
    """One sentence naming the machine, for report headers.

    Args:
        m: the dictionary `machine` returns.
    """
    load = ", ".join(str(x) for x in m["load_average"])
    return (
        f"Machine: {m['cpus']} CPUs, {m['cpu_model']}, Python {m['python']}, "
        f"load average at start {load} (1, 5, 15 min)."
    )


def fold(text: str) -> str:
    """Casefold, strip diacritics and punctuation; no transliteration (a naive floor)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        kept.append(char if char.isalnum() else " ")
    return " ".join("".join(kept).split())


def rapidfuzz_scorers() -> dict[str, Callable[[str, str, str], float]]:
    """The baseline: rapidfuzz scorers on folded names, scaled to 0..1.

    Each takes (query, candidate, schema) like Caveat's compare; the schema is ignored.
    """
    from rapidfuzz import fuzz

    def token_sort(a: str, b: str, _schema: str) -> float:
        return float(fuzz.token_sort_ratio(fold(a), fold(b))) / 100.0

    def wratio(a: str, b: str, _schema: str) -> float:
        return float(fuzz.WRatio(fold(a), fold(b))) / 100.0

    return {"rapidfuzz token_sort_ratio": token_sort, "rapidfuzz WRatio": wratio}


@dataclass
class Confusion:
    """Binary outcome counts at one threshold (a score >= threshold is a match)."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total > 0 else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy": round(self.accuracy, 4),
        }


def confusion(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> Confusion:
    """Count outcomes; a pair is predicted a match when its score >= threshold.

    Args:
        scores: one score per pair.
        labels: one true/false label per pair.
        threshold: the decision threshold.
    """
    tp = fp = fn = tn = 0
    for score, label in zip(scores, labels, strict=True):
        predicted = score >= threshold
        if predicted and label:
            tp += 1
        elif predicted:
            fp += 1
        elif label:
            fn += 1
        else:
            tn += 1
    return Confusion(tp, fp, fn, tn)


def best_threshold(
    scores: Sequence[float], labels: Sequence[bool], metric: str = "f1"
) -> tuple[float, float]:
    """The threshold with the best ``metric`` on these very items (an oracle, not a setting).

    Args:
        scores: one score per item.
        labels: one true/false label per item.
        metric: a `Confusion` property, ``f1`` or ``accuracy``.
    """
    best = (0.0, 0.0)
    for threshold in sorted(set(scores)):
        value = float(getattr(confusion(scores, labels, threshold), metric))
        if value > best[1]:
            best = (threshold, value)
    return best


def by_group(
    scores: Sequence[float], labels: Sequence[bool], groups: Sequence[str], threshold: float
) -> dict[str, dict[str, Any]]:
    """Outcome counts and rates per group value, in sorted order.

    Args:
        scores: one score per item.
        labels: one true/false label per item.
        groups: one group value per item (e.g. its schema).
        threshold: the decision threshold.
    """
    out: dict[str, dict[str, Any]] = {}
    for value in sorted(set(groups)):
        idx = [i for i, g in enumerate(groups) if g == value]
        conf = confusion([scores[i] for i in idx], [labels[i] for i in idx], threshold)
        out[value] = {"n": len(idx), **conf.to_dict()}
    return out


def timing(us: Sequence[float | None]) -> dict[str, float | None]:
    """Mean, p50 and p95 of per-comparison microseconds."""
    values = sorted(v for v in us if v is not None)
    if len(values) == 0:
        return {"mean": None, "p50": None, "p95": None}
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return {
        "mean": round(statistics.fmean(values), 1),
        "p50": round(statistics.median(values), 1),
        "p95": round(p95, 1),
    }


def fmt(value: float | int | str | None, digits: int = 3) -> str:
    """A table cell."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A markdown table.

    Args:
        headers: column titles.
        rows: cells, already formatted.
        align: one ``l`` or ``r`` per column; by default the first column is left-aligned
            and the others right-aligned.
    """
    if align == "":
        align = "l" + "r" * (len(headers) - 1)
    cells = [list(headers), *[list(r) for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    rule = [
        "-" * w if a == "l" else "-" * (w - 1) + ":" for a, w in zip(align, widths, strict=True)
    ]
    out.append("| " + " | ".join(rule) + " |")
    for row in rows:
        padded = [
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        ]
        out.append("| " + " | ".join(padded) + " |")
    return "\n".join(out)


def emit(args: argparse.Namespace, report: dict[str, Any], markdown: list[str]) -> None:
    """Print the JSON report or the markdown sections."""
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(markdown) + "\n")


def note(message: str) -> None:
    """Progress for the human, on stderr so that stdout stays clean."""
    print(message, file=sys.stderr, flush=True)
