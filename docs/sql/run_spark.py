#!/usr/bin/env python3
"""Runs weekly_figures.sql on a runlift store with Spark (local mode) and prints one JSON
object per row, then the row count and the query's time on stderr.

usage: run_spark.py STORE TIME_ZONE EFFORT_RUNNING EFFORT_STRENGTH EFFORT_OTHER SECONDS_PER_SET

Needs `pip install pyspark` and Java 17 or later.
"""
import json
import pathlib
import sys
import time

from pyspark.sql import SparkSession

here = pathlib.Path(__file__).resolve().parent
store, time_zone, effort_running, effort_strength, effort_other, per_set = sys.argv[1:7]
spark = (
    SparkSession.builder.master("local[2]")
    .appName("runlift-weekly-figures")
    # Dates are cut from UTC instants: the SQL converts to local time itself.
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    # A name is text even when it looks like a number (athlete `007`).
    .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
for table in ("activities", "sets"):
    # basePath makes Spark's partition discovery find `athlete=NAME` above `current/`.
    (
        spark.read.option("basePath", store)
        .parquet(f"{store}/athlete=*/current/{table}.parquet")
        .createOrReplaceTempView(table)
    )
spark.createDataFrame(
    [(time_zone, float(effort_running), float(effort_strength), float(effort_other), float(per_set))],
    "time_zone string, effort_running double, effort_strength double, effort_other double, "
    "strength_seconds_per_set double",
).createOrReplaceTempView("params")
started = time.perf_counter()
rows = spark.sql((here / "weekly_figures.sql").read_text()).collect()
elapsed = time.perf_counter() - started
for row in rows:
    record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.asDict().items()}
    print(json.dumps(record, default=float))
print(f"{len(rows)} rows in {elapsed:.3f} s (Spark {spark.version}, local[2])", file=sys.stderr)
spark.stop()
