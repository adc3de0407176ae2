"""Whole batch jobs on real lists: formats, column maps, bad records, resuming (issue #4)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook, load_workbook

from caveat.batch import local as local_module
from caveat.batch import run as run_module
from caveat.batch.rows import OUTPUT_COLUMNS, Settings, screen_records
from caveat.batch.run import BatchReport, run_batch
from caveat.batch.tables import Record
from caveat.exc import QueryError, SourceError, WorkerError
from caveat.screen import Screener
from tests.batch.conftest import HEADER, query_rows, read_csv, write_csv


@pytest.fixture(scope="module")
def rows(screener: Screener) -> list[list[str]]:
    return query_rows(screener, 1_200, seed=3)


@pytest.fixture(scope="module")
def expected(
    screener: Screener, rows: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The output of an uninterrupted run over ``rows``, as CSV text."""
    folder = tmp_path_factory.mktemp("expected")
    output = folder / "hits.csv"
    run_batch(write_csv(folder / "in.csv", rows), output, screener, workers=1)
    return output.read_text(encoding="utf-8")


def interrupt_after(records: int) -> object:
    def progress(done: int, total: int | None) -> None:
        if done >= records:
            raise KeyboardInterrupt

    return progress


def interrupted(source: Path, output: Path, screener: Screener, **options: object) -> None:
    """Run until 500 records are done, then stop as Ctrl-C would; the output is absent
    and a checkpoint present."""
    output.unlink(missing_ok=True)
    with pytest.raises(KeyboardInterrupt):
        run_batch(
            source,
            output,
            screener,
            checkpoint_seconds=0,
            progress=interrupt_after(500),  # type: ignore[arg-type]
            **options,  # type: ignore[arg-type]
        )
    assert not output.exists()
    assert output.with_name(output.name + ".checkpoint").exists()


def test_hits_come_one_row_each_in_input_order(expected: str, rows: list[list[str]]) -> None:
    lines = expected.splitlines()
    assert lines[0] == ",".join(OUTPUT_COLUMNS)
    hits = read_csv_text(expected)
    order = {row[0]: i for i, row in enumerate(rows)}
    positions = [order[h["query_id"]] for h in hits]
    assert positions == sorted(positions) and len(hits) > 300
    assert all(float(h["score"]) >= 0.7 and h["explanation"] != "" for h in hits)


def read_csv_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_input_format_gives_the_same_output(
    screener: Screener, rows: list[list[str]], expected: str, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "in.xlsx")
    records = [dict(zip(HEADER, row, strict=True)) for row in rows]
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    for fmt in ("xlsx", "jsonl", "parquet"):
        output = tmp_path / f"from-{fmt}.csv"
        report = run_batch(tmp_path / f"in.{fmt}", output, screener, workers=1)
        assert report.rows == len(rows), fmt
        assert output.read_text(encoding="utf-8") == expected, fmt


def test_every_output_format_holds_the_same_rows(
    screener: Screener, rows: list[list[str]], expected: str, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", rows)
    want = [list(r.values()) for r in read_csv_text(expected)]
    for fmt in ("xlsx", "jsonl", "parquet"):
        run_batch(source, tmp_path / f"hits.{fmt}", screener, workers=1)
    sheet = load_workbook(tmp_path / "hits.xlsx").worksheets[0]
    from_xlsx = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    from_jsonl = [
        list(json.loads(line).values())
        for line in (tmp_path / "hits.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    from_parquet = [list(r.values()) for r in pq.read_table(tmp_path / "hits.parquet").to_pylist()]
    for got in (from_xlsx, from_jsonl, from_parquet):
        assert [[f"{v:.4f}" if isinstance(v, float) else v for v in r] for r in got] == want


def test_columns_of_other_names_are_mapped(
    screener: Screener, rows: list[list[str]], expected: str, tmp_path: Path
) -> None:
    header = ("CustomerNo", "Full Name", "Type", "DOB", "Land", "Passport")
    source = write_csv(tmp_path / "in.csv", rows, header)
    mapping = dict(zip(HEADER, header, strict=True))
    output = tmp_path / "hits.csv"
    run_batch(source, output, screener, columns=mapping, workers=1)
    assert output.read_text(encoding="utf-8") == expected


def test_bad_records_are_reported_by_line_and_the_rest_runs(
    screener: Screener, tmp_path: Path
) -> None:
    listed = screener.index.names_of(0)[0].text
    source = tmp_path / "in.csv"
    source.write_text(
        "ID,Name,Schema,Birth_Date,Country,Id_Number\n"
        f'c1,"{listed}",,,,\n'
        "c2,,Person,,,\n"
        "c3,Anna Lindqvist,Spaceship,,,\n"
        "c4,Anna Lindqvist,Person,1960-02-31,,\n"
        "c5,Anna Lindqvist,Person,,Atlantis,\n"
        "c6,Jonas Okafor,Person,,,,extra\n"
        f'c7,"{listed}",,,,\n',
        encoding="utf-8",
    )
    output = tmp_path / "hits.csv"
    report = run_batch(source, output, screener, workers=1)
    assert (report.rows, report.unit) == (2, "line")
    assert [(p.position, p.message.split(" ")[0]) for p in report.problems] == [
        (3, "a"),
        (4, "unknown"),
        (5, "birth"),
        (6, "country"),
        (7, "7"),
    ]
    assert {r["query_id"] for r in read_csv(output)} == {"c1", "c7"}


def test_a_killed_run_goes_on_from_its_checkpoint(
    screener: Screener, rows: list[list[str]], expected: str, tmp_path: Path
) -> None:
    source, output = interrupted_job(tmp_path, rows, screener, workers=2)
    report = run_batch(source, output, screener, workers=2)
    assert 500 <= report.resumed_at < len(rows)
    assert report.rows == len(rows)
    assert output.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hits.csv", "in.csv"]


@pytest.mark.usefixtures("deadline")
def test_a_worker_killed_mid_job_is_reported_and_the_job_goes_on_from_its_checkpoint(
    screener: Screener,
    rows: list[list[str]],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As when the system kills a worker for memory: no wait, and nothing done is lost."""
    source, output = write_csv(tmp_path / "in.csv", rows), tmp_path / "hits.csv"
    seen = {row[1] for row in rows[:600]}
    at, doomed = next((i, row[1]) for i, row in enumerate(rows) if i >= 600 and row[1] not in seen)

    def screen_or_die(screener: Screener, records: list[Record], settings: Settings) -> object:
        if any(r.cells is not None and r.cells["name"] == doomed for r in records):
            os.kill(os.getpid(), signal.SIGKILL)
        return screen_records(screener, records, settings)

    monkeypatch.setattr(local_module, "screen_records", screen_or_die)
    with pytest.raises(WorkerError, match="was killed by SIGKILL"):
        run_batch(source, output, screener, workers=2, checkpoint_seconds=0)
    assert not output.exists()
    monkeypatch.undo()
    report = run_batch(source, output, screener, workers=2)
    assert 0 < report.resumed_at <= at
    assert output.read_text(encoding="utf-8") == expected


def not_resumed(report: BatchReport) -> bool:
    return report.resumed_at == 0


def interrupted_job(
    tmp_path: Path, rows: list[list[str]], screener: Screener, workers: int = 1
) -> tuple[Path, Path]:
    """The input and output of a job `interrupted` once."""
    source = write_csv(tmp_path / "in.csv", rows)
    output = tmp_path / "hits.csv"
    interrupted(source, output, screener, workers=workers)
    return source, output


def test_a_checkpoint_for_other_settings_input_or_index_is_not_resumed(
    screener: Screener, rows: list[list[str]], tmp_path: Path
) -> None:
    source, output = interrupted_job(tmp_path, rows, screener)
    assert not_resumed(run_batch(source, output, screener, threshold=0.8, workers=1))

    interrupted(source, output, screener, workers=1)
    assert not_resumed(run_batch(source, output, screener, limit=2, workers=1))

    interrupted(source, output, screener, workers=1)
    write_csv(source, rows[:-1])
    assert not_resumed(run_batch(source, output, screener, workers=1))

    interrupted(source, output, screener, workers=1)
    entities = [screener.index.entity(i) for i in range(200)]
    assert not_resumed(run_batch(source, output, Screener.from_entities(entities), workers=1))


def test_a_corrupt_checkpoint_is_ignored(
    screener: Screener, rows: list[list[str]], expected: str, tmp_path: Path
) -> None:
    source, output = interrupted_job(tmp_path, rows, screener)
    output.with_name("hits.csv.checkpoint").write_text('{"version": 1, "key": ', "utf-8")
    report = run_batch(source, output, screener, workers=1)
    assert not_resumed(report)
    assert output.read_text(encoding="utf-8") == expected


def test_the_output_never_appears_half_written(
    screener: Screener,
    rows: list[list[str]],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = write_csv(tmp_path / "in.csv", rows)
    output = tmp_path / "hits.jsonl"

    def failing(rows: object, columns: object, path: Path, fmt: str) -> None:
        path.write_text('{"query_id": "c1"', encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(run_module, "write_table", failing)
    with pytest.raises(OSError, match="disk full"):
        run_batch(source, output, screener, workers=1)
    assert not output.exists() and not output.with_name("hits.jsonl.part").exists()
    monkeypatch.undo()
    report = run_batch(source, output, screener, workers=1)
    assert report.resumed_at == len(rows)  # every record was done: only the writing is redone
    assert len(output.read_text(encoding="utf-8").splitlines()) == len(expected.splitlines()) - 1


def test_settings_out_of_range_are_refused(screener: Screener, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["c1", "Anna Lindqvist", "", "", "", ""]])
    with pytest.raises(QueryError, match="threshold"):
        run_batch(source, tmp_path / "out.csv", screener, threshold=1.5)
    with pytest.raises(QueryError, match="limit"):
        run_batch(source, tmp_path / "out.csv", screener, limit=0)
    with pytest.raises(QueryError, match="unknown engine 'gpu'"):
        run_batch(source, tmp_path / "out.csv", screener, engine="gpu")
    with pytest.raises(SourceError, match="does not exist"):
        run_batch(source, tmp_path / "nowhere" / "out.csv", screener)
    with pytest.raises(SourceError, match="overwrite the input"):
        run_batch(source, source, screener)
