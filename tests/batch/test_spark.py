"""The Spark engine in local mode gives exactly what the local engine gives (issue #4).

Skipped when pyspark or Java is missing (``bash scripts/setup`` installs pyspark, and
``bash scripts/java`` a JRE).
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from caveat.batch import spark as spark_module
from caveat.batch import submit as submit_module
from caveat.batch.rows import Settings
from caveat.batch.tables import Record
from caveat.screen import Screener
from tests.batch.conftest import CAVEAT, caveat, cli_env, query_rows, write_csv


def java_missing() -> str | None:
    java = shutil.which("java")
    if java is None:
        return "Java is not installed (bash scripts/java installs it)"
    probe = subprocess.run([java, "-version"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"java -version failed: {probe.stderr.strip()}"


@pytest.fixture(scope="module")
def spark() -> None:
    """Skip unless Spark can run here in local mode."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'caveat[spark]')")
    reason = java_missing()
    if reason is not None:
        pytest.skip(reason)


def test_spark_without_java_is_a_clear_error(
    batch_home: Path, screener: Screener, tmp_path: Path
) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'caveat[spark]')")
    source = write_csv(tmp_path / "in.csv", query_rows(screener, 10, seed=1))
    env = dict(cli_env(batch_home), JAVA_HOME=str(tmp_path / "no-java"))
    proc = subprocess.run(
        [*CAVEAT, "batch", str(source), "-o", str(tmp_path / "out.csv"), "--engine", "spark"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Error: Spark did not start" in proc.stderr
    assert "Traceback" not in proc.stderr


class Shipped:
    """A stand-in for a Spark broadcast, counting how often its value is read."""

    def __init__(self, value: Any) -> None:
        self._value = value
        self.reads = 0

    @property
    def value(self) -> Any:
        self.reads += 1
        return self._value


def test_a_worker_unpickles_the_index_once_for_every_partition(
    screener: Screener, batch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAVEAT_HOME", str(batch_home))
    shipped = Shipped(spark_module.index_payload(screener.index))
    settings = Settings({"id": "id", "name": "name"}, 0.7, 5)
    listed = screener.index.names_of(3)[0].text
    chunk = [Record(2, {"id": "c1", "name": listed})]
    first = list(spark_module._screen_partition(shipped, "token-1", settings, [chunk]))
    second = list(spark_module._screen_partition(shipped, "token-1", settings, [chunk, chunk]))
    assert shipped.reads == 1
    assert first[0] == second[0] == second[1]
    assert first[0][0][1][0][4] == screener.index.ids[3]


def test_the_shipped_index_is_the_loaded_one(screener: Screener, batch_home: Path) -> None:
    saved = batch_home / "index" / f"{screener.index.fingerprint}.pickle"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAVEAT_HOME", str(batch_home))
        data, variants = spark_module.index_payload(screener.index)
    assert data == saved.read_bytes()
    assert pickle.loads(data).ids == screener.index.ids
    assert variants == screener.index.variants.to_bytes()


def test_spark_gives_the_local_engines_output_on_10000_rows(
    spark: None, batch_home: Path, screener: Screener, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", query_rows(screener, 10_000, seed=10))
    local, on_spark = tmp_path / "local.csv", tmp_path / "spark.csv"
    by_cores = caveat(batch_home, "batch", str(source), "-o", str(local), "--workers", "2")
    assert by_cores.returncode == 0, by_cores.stderr
    by_spark = caveat(
        batch_home, "batch", str(source), "-o", str(on_spark), "--engine", "spark",
        "--spark-master", "local[2]",
    )  # fmt: skip
    assert by_spark.returncode == 0, by_spark.stderr
    # "10,000 rows screened, N hits, ..." alike, and the files byte for byte.
    assert by_spark.stdout.startswith("10,000 rows screened, ")
    assert by_spark.stdout.split(" hits")[0] == by_cores.stdout.split(" hits")[0]
    assert on_spark.read_bytes() == local.read_bytes()
    assert len(local.read_text(encoding="utf-8").splitlines()) > 2_000


def test_spark_submit_runs_the_batch_program(
    spark: None, batch_home: Path, screener: Screener, tmp_path: Path
) -> None:
    """What docs/batch.md tells a cluster user to run, here with a local master."""
    submit = Path(sys.executable).with_name("spark-submit")
    if not submit.exists():
        pytest.skip(f"{submit} is missing (pip install pyspark puts it there)")
    source = write_csv(tmp_path / "in.csv", query_rows(screener, 500, seed=13))
    local, submitted = tmp_path / "local.csv", tmp_path / "submitted.csv"
    assert caveat(batch_home, "batch", str(source), "-o", str(local)).returncode == 0
    env = dict(cli_env(batch_home), PYSPARK_PYTHON=sys.executable)
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    program = [str(submit), "--master", "local[2]", str(submit_module.__file__)]
    proc = subprocess.run(
        [*program, str(source), "-o", str(submitted)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert submitted.read_bytes() == local.read_bytes()
