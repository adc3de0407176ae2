"""Batch screening of a CSV file: every row, every core, bad rows reported by line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from caveat.batch import OUTPUT_COLUMNS, read_queries, run_batch
from caveat.entity import EntityBuilder
from caveat.exc import FormatError
from caveat.screen import Screener


@pytest.fixture(scope="module")
def screener() -> Screener:
    entries = []
    for ref, schema, name in [
        ("27018", "Person", "DEMIR, Ismail"),
        ("18782", "LegalEntity", "ROSOBORONEKSPORT OAO"),
        ("16865", "LegalEntity", "JOINT STOCK COMPANY CONCERN ALMAZ-ANTEY"),
    ]:
        builder = EntityBuilder("us_ofac_sdn", ref, schema)
        builder.add_name(name)
        if schema == "Person":
            builder.add("birthDate", "1960-04-01")
        entries.append(builder.build())
    return Screener.from_entities(entries)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_are_screened_and_bad_rows_reported(screener: Screener, tmp_path: Path) -> None:
    source = write(
        tmp_path / "in.csv",
        "ID,Name,Schema,Birth_Date,Country,Id_Number\n"
        "c1,İsmail Demir,Person,1960-04-01,Turkey,\n"
        "c2,,Person,,,\n"
        "c3,Рособоронэкспорт,,,,\n"
        "c4,Someone Else,Spaceship,,,\n"
        "c5,Jane Doe,Person,1960-02-31,,\n"
        "c6,Jane Roe,Person,,,,extra\n",
    )
    output = tmp_path / "out.csv"
    report = run_batch(source, output, screener, workers=1)
    assert report.rows == 2
    assert [(p.line, p.message[:22]) for p in report.problems] == [
        (3, "a query needs a name ("),
        (5, "unknown schema 'Spaces"),
        (6, "birth date '1960-02-31"),
        (7, "7 fields, the header h"),
    ]
    with output.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == OUTPUT_COLUMNS
    assert [(r["query_id"], r["list"], r["source_id"]) for r in rows] == [
        ("c1", "us_ofac_sdn", "27018"),
        ("c3", "us_ofac_sdn", "18782"),
    ]
    assert "birth date" in rows[0]["explanation"]


def test_every_core_gives_the_same_output(screener: Screener, tmp_path: Path) -> None:
    lines = ["id,name"] + [f"r{i},{n}" for i in range(300) for n in ["Ismail Demir", "Almaz Antey"]]
    source = write(tmp_path / "in.csv", "\n".join(lines) + "\n")
    run_batch(source, tmp_path / "one.csv", screener, workers=1)
    report = run_batch(source, tmp_path / "two.csv", screener, workers=2)
    assert report.rows == 600
    assert (tmp_path / "one.csv").read_text() == (tmp_path / "two.csv").read_text()


def test_missing_name_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="missing column"):
        read_queries(write(tmp_path / "in.csv", "id,full_name\n1,x\n"))
