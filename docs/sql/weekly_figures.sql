-- runlift's weekly figures per athlete, from the store's Parquet files, in the SQL that DuckDB
-- and Spark SQL both accept. One row per athlete and ISO week with any session; the columns
-- are those of the weeks of `runlift report --format json` (docs/report-json.md), computed
-- the way runlift computes them (crates/analysis/src/figures.rs). A test runs it with DuckDB
-- on a store written from the fixtures and compares every figure with runlift's JSON
-- (tests/integration/sql.rs); docs/scale.md records a run on Spark.
--
-- It reads three views, which the caller defines (docs/scale.md shows both engines):
--
--   activities  the sessions of every athlete, with the partition column `athlete`:
--               STORE/athlete=*/current/activities.parquet read with Hive partitioning
--   sets        their sets, likewise: STORE/athlete=*/current/sets.parquet
--   params      one row: time_zone (the IANA zone weeks are cut in, as `--tz`),
--               effort_running, effort_strength, effort_other (the profile's default session
--               efforts) and strength_seconds_per_set (`runlift config --show` prints them)
--
-- Both engines need their session time zone set to UTC, and DuckDB one macro for Spark's
-- from_utc_timestamp (docs/sql/duckdb_prelude.sql).
--
-- A session counts on its local day: by the UTC offset its source recorded, else in the
-- time zone of params. Weeks are Monday to Sunday.

WITH set_figures AS (
    SELECT
        athlete,
        activity_id,
        COUNT(*) AS all_sets,
        SUM(CASE WHEN kind <> 'warm_up' THEN 1 ELSE 0 END) AS working_sets,
        SUM(CASE WHEN kind <> 'warm_up' THEN COALESCE(reps, 0) ELSE 0 END) AS reps,
        SUM(CASE WHEN kind <> 'warm_up' AND weight_kg > 0
                 THEN weight_kg * COALESCE(reps, 0) ELSE 0 END) AS volume_kg,
        SUM(CASE WHEN kind <> 'warm_up' AND concat(',', muscle_groups, ',') LIKE '%,lower_body,%'
                 THEN 1 ELSE 0 END) AS lower_body_sets,
        SUM(CASE WHEN kind <> 'warm_up' AND concat(',', muscle_groups, ',') LIKE '%,core,%'
                 THEN 1 ELSE 0 END) AS core_sets,
        SUM(CASE WHEN kind <> 'warm_up' AND concat(',', muscle_groups, ',') LIKE '%,upper_body,%'
                 THEN 1 ELSE 0 END) AS upper_body_sets,
        SUM(CASE WHEN kind <> 'warm_up' AND COALESCE(muscle_groups, '') = ''
                 THEN 1 ELSE 0 END) AS unclassified_sets,
        -- The session's effort where it records none: the mean effort of its working sets.
        AVG(CASE WHEN kind <> 'warm_up' THEN rpe END) AS set_effort
    FROM sets
    GROUP BY athlete, activity_id
),
sessions AS (
    SELECT
        a.athlete,
        a.sport,
        CAST(CASE
            WHEN a.utc_offset_s IS NOT NULL
                THEN CAST(a.start AS TIMESTAMP) + INTERVAL '1' SECOND * a.utc_offset_s
            ELSE from_utc_timestamp(CAST(a.start AS TIMESTAMP), p.time_zone)
        END AS DATE) AS local_day,
        -- Training time: moving time where the source knows it, else elapsed time; a strength
        -- session without either is timed from its sets.
        CASE
            WHEN a.sport = 'strength_training' AND COALESCE(a.moving_s, a.elapsed_s) <= 0
                THEN COALESCE(s.all_sets, 0) * p.strength_seconds_per_set
            ELSE COALESCE(a.moving_s, a.elapsed_s)
        END AS time_s,
        CASE WHEN a.distance_m > 0 THEN a.distance_m ELSE 0 END AS distance_m,
        CASE WHEN a.elevation_gain_m > 0 THEN a.elevation_gain_m ELSE 0 END AS elevation_m,
        COALESCE(
            CASE WHEN a.perceived_effort IS NOT NULL
                 THEN least(greatest(a.perceived_effort, 0), 10) END,
            CASE WHEN s.set_effort IS NOT NULL
                 THEN least(greatest(s.set_effort, 0), 10) END,
            CASE a.sport
                WHEN 'running' THEN p.effort_running
                WHEN 'strength_training' THEN p.effort_strength
                ELSE p.effort_other
            END
        ) AS effort,
        COALESCE(s.working_sets, 0) AS working_sets,
        COALESCE(s.reps, 0) AS reps,
        COALESCE(s.volume_kg, 0) AS volume_kg,
        COALESCE(s.lower_body_sets, 0) AS lower_body_sets,
        COALESCE(s.core_sets, 0) AS core_sets,
        COALESCE(s.upper_body_sets, 0) AS upper_body_sets,
        COALESCE(s.unclassified_sets, 0) AS unclassified_sets
    FROM activities a
    CROSS JOIN params p
    LEFT JOIN set_figures s ON s.athlete = a.athlete AND s.activity_id = a.id
),
weekly AS (
    SELECT
        athlete,
        CAST(date_trunc('week', local_day) AS DATE) AS week_start,
        SUM(CASE WHEN sport = 'running' THEN 1 ELSE 0 END) AS runs,
        SUM(CASE WHEN sport = 'running' THEN distance_m ELSE 0 END) AS run_distance_m,
        SUM(CASE WHEN sport = 'running' THEN time_s ELSE 0 END) AS run_time_s,
        SUM(CASE WHEN sport = 'running' THEN elevation_m ELSE 0 END) AS run_elevation_gain_m,
        MAX(CASE WHEN sport = 'running' THEN distance_m ELSE 0 END) AS longest_run_m,
        MAX(CASE WHEN sport = 'running' THEN time_s ELSE 0 END) AS longest_run_s,
        SUM(CASE WHEN sport = 'strength_training' THEN 1 ELSE 0 END) AS strength_sessions,
        SUM(CASE WHEN sport = 'strength_training' THEN time_s ELSE 0 END) AS strength_time_s,
        SUM(working_sets) AS working_sets,
        SUM(reps) AS reps,
        SUM(volume_kg) AS volume_kg,
        SUM(lower_body_sets) AS lower_body_sets,
        SUM(core_sets) AS core_sets,
        SUM(upper_body_sets) AS upper_body_sets,
        SUM(unclassified_sets) AS unclassified_sets,
        SUM(CASE WHEN sport NOT IN ('running', 'strength_training') THEN 1 ELSE 0 END) AS other_sessions,
        SUM(CASE WHEN sport NOT IN ('running', 'strength_training') THEN time_s ELSE 0 END) AS other_time_s,
        SUM(time_s) AS training_time_s,
        SUM(time_s / 60 * effort) AS load,
        SUM(CASE WHEN sport = 'running' THEN time_s / 60 * effort ELSE 0 END) AS run_load,
        SUM(CASE WHEN sport = 'strength_training' THEN time_s / 60 * effort ELSE 0 END) AS strength_load
    FROM sessions
    GROUP BY athlete, CAST(date_trunc('week', local_day) AS DATE)
)
SELECT
    athlete,
    week_start,
    runs,
    run_distance_m,
    run_time_s,
    run_elevation_gain_m,
    longest_run_m,
    longest_run_s,
    strength_sessions,
    strength_time_s,
    working_sets,
    reps,
    volume_kg,
    lower_body_sets,
    core_sets,
    upper_body_sets,
    unclassified_sets,
    other_sessions,
    other_time_s,
    training_time_s,
    CASE WHEN training_time_s > 0 THEN strength_time_s / training_time_s END AS strength_share,
    load,
    run_load,
    strength_load
FROM weekly
ORDER BY athlete, week_start
