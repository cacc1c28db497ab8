#!/usr/bin/env python3
"""Runs weekly_figures.sql on a runlift store with DuckDB and prints one JSON object per row.

usage: run_duckdb.py STORE TIME_ZONE EFFORT_RUNNING EFFORT_STRENGTH EFFORT_OTHER SECONDS_PER_SET

The efforts and seconds per set are the profile's (`runlift config --show`: [effort] and
[estimates]). Needs `pip install duckdb`.
"""
import json
import pathlib
import sys
import time

import duckdb

here = pathlib.Path(__file__).resolve().parent
store, time_zone, effort_running, effort_strength, effort_other, per_set = sys.argv[1:7]


def quoted(text):
    """A SQL string literal (views take no prepared parameters)."""
    return "'" + text.replace("'", "''") + "'"


def number(text):
    return repr(float(text))


connection = duckdb.connect()
connection.execute((here / "duckdb_prelude.sql").read_text())
for table in ("activities", "sets"):
    # Every athlete's current generation; `athlete` comes from the partition folder's name.
    glob = f"{store}/athlete=*/current/{table}.parquet"
    connection.execute(
        f"CREATE VIEW {table} AS SELECT * FROM read_parquet({quoted(glob)}, hive_partitioning = true, "
        # A name is text even when it looks like a number (athlete `007`).
        "hive_types = {'athlete': VARCHAR})"
    )
connection.execute(
    f"CREATE VIEW params AS SELECT {quoted(time_zone)} AS time_zone, "
    f"{number(effort_running)} AS effort_running, {number(effort_strength)} AS effort_strength, "
    f"{number(effort_other)} AS effort_other, {number(per_set)} AS strength_seconds_per_set"
)
started = time.perf_counter()
result = connection.execute((here / "weekly_figures.sql").read_text())
columns = [d[0] for d in result.description]
rows = result.fetchall()
elapsed = time.perf_counter() - started
for row in rows:
    print(json.dumps({c: (v.isoformat() if hasattr(v, "isoformat") else v) for c, v in zip(columns, row)}, default=float))
print(f"{len(rows)} rows in {elapsed:.3f} s", file=sys.stderr)
