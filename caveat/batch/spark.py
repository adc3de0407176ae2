"""Screening a file on Apache Spark.

The driver reads the file with the same readers as the local engine and hands the
records to the executors in waves of partitions, two waves at a time so that no core
waits for the driver or for a wave's slowest partition. The index and the name
knowledge travel to the executors once, as one broadcast; each Python worker unpickles
them on first use, keeps them for every later partition, and freezes them out of the
garbage collector's passes (PySpark collects after every task). Each partition is
screened by the same `screen_records` as the local engine, and the driver appends the
outcomes in input order to the same journal, so the output is identical and a killed
run goes on from its last checkpoint.

Under ``spark-submit`` the session takes the master and resources given there;
otherwise it runs in local mode on every core (or on ``master`` when given).
"""

from __future__ import annotations

import functools
import itertools
import os
import pickle
import sys
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from caveat.batch.rows import Outcome, Settings, screen_records
from caveat.batch.tables import Record
from caveat.exc import ConfigError
from caveat.index import ScreeningIndex
from caveat.indexing import settle
from caveat.names.variants import NameVariants
from caveat.screen import Screener
from caveat.settings import caveat_home

if TYPE_CHECKING:
    from pyspark import SparkContext

__all__ = ["index_payload", "spark_context", "spark_outcomes", "stop_spark"]

CHUNKS_PER_PARTITION = 8
PARTITIONS_PER_CORE = 2
WAVES_IN_FLIGHT = 2

# Each Python worker's screeners, by a token of the driver's: built once from the
# broadcast and reused by every task the worker runs.
_screeners: dict[str, Screener] = {}


def spark_context(master: str | None = None) -> SparkContext:
    """The running Spark context, or a new one.

    Args:
        master: A master URL (``local[4]``, ``spark://host:7077``, ``yarn``); by default
            the one spark-submit gives, else ``local[*]``.

    Raises:
        ConfigError: pyspark is not installed, or Spark does not start (no Java, or a
            master that cannot be reached).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "the Spark engine needs pyspark: pip install 'caveat[spark]' (and Java 17 or later)"
        ) from None
    # Local-mode workers run this interpreter, which has Caveat installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder: Any = SparkSession.builder.appName("caveat batch")
    if master is not None:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not started by spark-submit
        builder = builder.master("local[*]")
    builder = (
        builder.config("spark.python.worker.reuse", "true")
        .config("spark.ui.showConsoleProgress", "false")
        # Executors hash strings as the driver does (PySpark's default is 0).
        .config("spark.executorEnv.PYTHONHASHSEED", os.environ.get("PYTHONHASHSEED", "0"))
    )
    if master is None or master.startswith("local"):
        builder = builder.config("spark.ui.enabled", "false")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, or a bad master URL
        raise ConfigError(f"Spark did not start ({type(exc).__name__}: {exc})") from exc
    session.sparkContext.setLogLevel("ERROR")
    context: SparkContext = session.sparkContext
    return context


def stop_spark() -> None:
    """Stop the Spark session this process started, if any."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return
    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()


def index_payload(index: ScreeningIndex) -> tuple[bytes, bytes]:
    """The index and its name knowledge as bytes, to ship to the executors.

    An index `load_index` read from its file is shipped as that file's bytes: pickling
    it again would pickle the loaded form, which is not the form the file holds.
    """
    saved = caveat_home() / "index" / f"{index.fingerprint}.pickle"
    if index.fingerprint != "" and saved.is_file():
        data = saved.read_bytes()
    else:
        data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    return data, index.variants.to_bytes()


def _screen_partition(
    shipped: Any, token: str, settings: Settings, chunks: Iterable[list[Record]]
) -> Iterator[list[Outcome]]:
    # Module-level, so Spark pickles it by reference and `_screeners` is the worker's own.
    screener = _screeners.get(token)
    if screener is None:
        data, variants = shipped.value
        index = pickle.loads(data)
        index.use_variants(NameVariants.from_bytes(variants))
        # PySpark collects garbage after every task: keep the index out of those passes.
        screener = _screeners[token] = Screener(settle(index))
    for chunk in chunks:
        yield screen_records(screener, chunk, settings)


def spark_outcomes(
    screener: Screener,
    settings: Settings,
    chunks: Iterator[list[Record]],
    *,
    master: str | None = None,
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes, in input order, screened on Spark.

    Args:
        screener: Over the loaded index, which is broadcast to the executors.
        settings: Columns, threshold and limit.
        chunks: The records, a chunk at a time.
        master: See `spark_context`.
    """
    context = spark_context(master)
    shipped = context.broadcast(index_payload(screener.index))
    token = uuid.uuid4().hex
    partitions = max(context.defaultParallelism * PARTITIONS_PER_CORE, 1)
    task = functools.partial(_screen_partition, shipped, token, settings)

    def run(wave: list[list[Record]]) -> list[list[Outcome]]:
        rdd = context.parallelize(wave, min(partitions, len(wave)))
        result: list[list[Outcome]] = rdd.mapPartitions(task).collect()
        return result

    pending: deque[Future[list[list[Outcome]]]] = deque()
    with ThreadPoolExecutor(WAVES_IN_FLIGHT, thread_name_prefix="caveat-wave") as waves:
        try:
            while wave := list(itertools.islice(chunks, partitions * CHUNKS_PER_PARTITION)):
                pending.append(waves.submit(run, wave))
                if len(pending) >= WAVES_IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            context.cancelAllJobs()
            shipped.unpersist()
