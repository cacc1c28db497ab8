use std::time::Duration;

use runlift_model::Position;

use super::*;

const HEADER: &str = "Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File";

fn runkeeper(rows: &str) -> Parsed {
    read_as(CsvDialect::Runkeeper, &format!("{HEADER}\n{rows}"), &berlin())
}

#[test]
fn durations_on_a_clock_with_and_without_hours() {
    let parsed = runkeeper(
        "a,2026-01-20 07:00:00,Running,,10.5,1:02:03,5:55,10.15,700,80,150,\"\",\"\",2026-01-20-070000.gpx\n\
         b,2026-01-21 07:00:00,Running,,3.24,26:11,8:06,7.41,245.0,59,106,\"\",\"\",\n",
    );
    let times: Vec<_> = parsed.activities.iter().map(|a| a.elapsed).collect();
    assert_eq!(times, [Duration::from_secs(3723), Duration::from_secs(1571)]);
    assert_eq!(parsed.activities[0].distance_m, Some(10500.0));
    assert_eq!(parsed.activities[0].elevation_gain_m, Some(80.0));
    // 07:00 in Berlin in winter.
    assert_eq!(parsed.activities[1].start.to_string(), "2026-01-21T06:00:00Z");
}

#[test]
fn a_row_with_a_bad_duration_is_left_out_naming_column_and_value() {
    let parsed = runkeeper(
        "a,2026-01-20 07:00:00,Running,,10.5,an hour,5:55,10.15,700,80,150,\"\",\"\",\n\
         b,2026-01-21 07:00:00,Swimming,,1.0,1:02:30,62:30,0.96,400.0,,,\"\",\"\",\n",
    );
    let (position, column, value) = only_warning(&parsed);
    assert_eq!(position, Position::Record { record: 1, line: 2 });
    assert_eq!((column.as_str(), value.as_str()), ("Duration", "an hour"));
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].sport, runlift_model::Sport::Swimming);
}

#[test]
fn a_header_without_a_distance_or_without_any_of_runkeepers_own_columns_is_not_runkeeper() {
    assert_eq!(detect(b"Activity Id,Date,Type,Duration\n"), None);
    assert_eq!(detect(b"Date,Type,Duration,Distance (km)\n"), None);
}

#[test]
fn a_file_without_the_activity_id_column_is_read() {
    let csv = "Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Notes,GPX File\n\
               2015-06-01 18:30:00,Running,,3.10,27:54,9:00,6.67,400,52,,,2015-06-01-1830.gpx\n";
    let parsed = read_as(CsvDialect::Runkeeper, csv, &berlin());
    let run = &parsed.activities[0];
    assert_eq!(run.elapsed, Duration::from_secs(1674));
    assert_eq!(run.distance_m, Some(3.10 * 1609.344));
    assert_eq!(run.source_file_hint.as_deref(), Some("2015-06-01-1830.gpx"));
}
