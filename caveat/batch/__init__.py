"""Screening whole files: CSV, XLSX, JSON lines or Parquet in, one row per hit out.

The input names its columns ``id,name,schema,birth_date,country,id_number`` (only ``id``
and ``name`` are required; case does not matter), or maps its own names onto those
fields. A record that cannot be screened is reported with its line or row and skipped;
the rest still runs. The output keeps input order, whichever engine screens: `local`
(every core of this machine) or `spark`. A killed run goes on from its last checkpoint.

Modules: ``tables`` (records, formats), ``readers`` and ``writers`` (one per format),
``rows`` (records to queries, hits to rows), ``journal`` (checkpoints), ``local`` and
``spark`` (engines), ``run`` (the job).
"""

from caveat.batch.journal import Journal, Progress
from caveat.batch.readers import open_table
from caveat.batch.rows import FIELDS, OUTPUT_COLUMNS, Settings, resolve_columns, screen_records
from caveat.batch.run import ENGINES, BatchReport, RowProblem, run_batch
from caveat.batch.tables import FORMATS, Record, Table, detect_format
from caveat.batch.writers import write_table

__all__ = [
    "ENGINES",
    "FIELDS",
    "FORMATS",
    "OUTPUT_COLUMNS",
    "BatchReport",
    "Journal",
    "Progress",
    "Record",
    "RowProblem",
    "Settings",
    "Table",
    "detect_format",
    "open_table",
    "resolve_columns",
    "run_batch",
    "screen_records",
    "write_table",
]
