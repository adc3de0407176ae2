"""`caveat batch` from the command line, and killed with SIGKILL mid-run (issue #4)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from contextlib import suppress
from pathlib import Path

from click.testing import CliRunner, Result

from caveat.cli import cli
from caveat.screen import Screener
from tests.batch.conftest import CAVEAT, caveat, cli_env, query_rows, read_csv, write_csv


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["batch", *args], env={"CAVEAT_HOME": str(home)})


def test_batch_maps_columns_and_reports_bad_rows(
    batch_home: Path, screener: Screener, tmp_path: Path
) -> None:
    rows = query_rows(screener, 300, seed=5)
    rows[10][1] = ""
    source = write_csv(tmp_path / "in.csv", rows, ("Kunde", "Name", "Typ", "a", "b", "c"))
    output = tmp_path / "hits.parquet"
    problems = tmp_path / "problems.csv"
    result = run(
        batch_home, str(source), "-o", str(output), "--column", "id=KUNDE", "--column",
        "schema=Typ", "--problems", str(problems),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "line 12: a query needs a name" in result.stderr
    assert "299 rows screened" in result.stdout and "1 rows skipped" in result.stdout
    assert read_csv(problems) == [
        {"line": "12", "problem": result.stderr.split(": ", 1)[1].strip()}
    ]
    assert output.exists()


def test_batch_refuses_bad_input_clearly(batch_home: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["c1", "Anna Lindqvist"]], ("id", "full_name"))
    output = str(tmp_path / "hits.csv")
    unknown = run(batch_home, str(source), "-o", output, "--column", "nmae=full_name")
    assert unknown.exit_code == 2 and "unknown field 'nmae'" in unknown.output
    missing = run(batch_home, str(source), "-o", output)
    assert missing.exit_code == 1
    assert "missing name (column 'name'): the file has 'id', 'full_name'" in missing.output
    broken = tmp_path / "book.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    damaged = run(batch_home, str(broken), "-o", output)
    assert damaged.exit_code == 1 and "not a readable XLSX workbook" in damaged.output
    assert not Path(output).exists()


def checkpointed_records(output: Path) -> int:
    try:
        return int(json.loads(output.with_name(output.name + ".checkpoint").read_text())["records"])
    except (OSError, ValueError, KeyError):
        return 0


def test_kill_9_then_the_same_command_goes_on_without_duplicates_or_gaps(
    batch_home: Path, screener: Screener, tmp_path: Path
) -> None:
    rows = query_rows(screener, 6_000, seed=11)
    source = write_csv(tmp_path / "customers.csv", rows)
    output = tmp_path / "hits.csv"
    args = [str(source), "-o", str(output), "--workers", "2", "--checkpoint-every", "0"]
    first = subprocess.Popen(
        [*CAVEAT, "batch", *args],
        env=cli_env(batch_home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while checkpointed_records(output) < 1_000 and first.poll() is None:
            assert time.monotonic() < deadline, "no checkpoint within two minutes"
            time.sleep(0.01)
        assert first.poll() is None, "the run ended before it could be killed"
        os.kill(first.pid, signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        with suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)  # the orphaned workers, if any remain
        if first.stderr is not None:
            first.stderr.close()
    done = checkpointed_records(output)
    assert 1_000 <= done < len(rows)
    assert not output.exists()

    second = caveat(batch_home, "batch", *args)
    assert second.returncode == 0, second.stderr
    assert f"Went on from a checkpoint: {done:,} records" in second.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.csv", "hits.csv"]

    reference = tmp_path / "reference.csv"
    whole = caveat(batch_home, "batch", str(source), "-o", str(reference), "--workers", "2")
    assert whole.returncode == 0, whole.stderr
    resumed, uninterrupted = read_csv(output), read_csv(reference)
    assert len(resumed) > 1_000
    assert resumed == uninterrupted
    assert output.read_bytes() == reference.read_bytes()
