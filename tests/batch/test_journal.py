"""The journal: what a killed run leaves, and what the next run trusts (issue #4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caveat.batch.journal import Journal, Progress

ROW = [
    "c1",
    "İsmail Demir",
    "us_ofac_sdn",
    "27018",
    "x",
    "DEMIR, Ismail",
    "Person",
    "y",
    "0.95",
    "z",
]


def started(output: Path, key: str = "k1") -> Journal:
    journal = Journal(output, key)
    journal.open()
    return journal


def committed(
    output: Path, key: str = "k1", problems: list[tuple[int, str]] | None = None
) -> Journal:
    """A journal that covers 10 records, one hit and ``problems``, committed and closed
    (as a killed run leaves it)."""
    journal = started(output, key)
    journal.add(10, [ROW], problems or [])
    journal.commit()
    journal.close()
    return journal


def test_a_run_goes_on_from_its_last_commit_only(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    journal = started(output)
    journal.add(256, [ROW, ROW], [(7, "a query needs a name")])
    journal.commit()
    journal.add(256, [ROW], [(300, "unknown schema")])  # done, never committed: lost
    journal.close()  # as if killed here

    again = Journal(output, "k1")
    progress = again.open()
    assert again.resumed
    assert (progress.records, progress.rows, progress.hits) == (256, 255, 2)
    assert progress.problems == [(7, "a query needs a name")]
    assert list(again.rows()) == [ROW, ROW]
    again.add(1, [["c2", *ROW[1:]]], [])
    again.commit()
    assert [r[0] for r in again.rows()] == ["c1", "c1", "c2"]
    again.close()


def test_another_key_starts_over(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    committed(output, "input A, threshold 0.7")
    other = Journal(output, "input A, threshold 0.8")
    assert other.open().records == 0 and not other.resumed
    assert list(other.rows()) == []
    other.close()


def test_restart_starts_over(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    committed(output)
    again = Journal(output, "k1")
    assert again.open(restart=True).records == 0 and not again.resumed
    again.close()


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all {",
        '{"version": 1, "key": "k1", "records": "256"}',
        '{"version": 1, "key": "k1", "records": -1, "rows": 0, "hits": 0, '
        '"journal_bytes": 0, "problem_bytes": 0}',
        '{"version": 99, "key": "k1", "records": 1, "rows": 1, "hits": 1, '
        '"journal_bytes": 1, "problem_bytes": 0}',
        '{"version": 1, "key": "k1", "records": 1, "rows": 1, "hits": 1, '
        '"journal_bytes": 999999, "problem_bytes": 0}',  # more than the journal holds
        "\udcff",
    ],
)
def test_a_damaged_checkpoint_is_ignored(tmp_path: Path, damage: str) -> None:
    output = tmp_path / "hits.csv"
    journal = committed(output)
    journal.checkpoint_path.write_bytes(damage.encode("utf-8", "surrogateescape"))
    again = Journal(output, "k1")
    assert again.open().records == 0 and not again.resumed
    again.close()


def test_damaged_problem_lines_are_not_trusted(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    journal = committed(output, problems=[(3, "a query needs a name")])
    size = journal.problems_path.stat().st_size
    journal.problems_path.write_bytes(b"[3, garbage" + b" " * size)
    again = Journal(output, "k1")
    assert again.open().records == 0 and not again.resumed
    again.close()


def test_the_checkpoint_is_replaced_whole(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    journal = started(output)
    journal.add(3, [ROW], [])
    journal.commit()
    state = json.loads(journal.checkpoint_path.read_text())
    assert state["records"] == 3 and state["journal_bytes"] == journal.rows_path.stat().st_size
    assert not journal.checkpoint_path.with_name("hits.csv.checkpoint.tmp").exists()
    assert Progress.from_json(journal.checkpoint_path.read_text()) == journal.progress
    journal.close()


def test_discard_removes_the_journal(tmp_path: Path) -> None:
    output = tmp_path / "hits.csv"
    journal = started(output)
    journal.add(3, [ROW], [(1, "x")])
    journal.commit()
    journal.discard()
    assert list(tmp_path.iterdir()) == []
