-- What DuckDB needs before docs/sql/weekly_figures.sql: the session time zone of Spark's
-- setup (UTC), and Spark's from_utc_timestamp(timestamp, zone), which DuckDB spells
-- timezone(zone, timestamptz). Nothing else differs.
SET TimeZone = 'UTC';
CREATE OR REPLACE MACRO from_utc_timestamp(ts, zone) AS
    CAST(timezone(zone, CAST(ts AS TIMESTAMPTZ)) AS TIMESTAMP);
