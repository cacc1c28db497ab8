use std::time::Duration;

use runlift_model::{Position, RunKind, Sport, Timestamp, Venue};

use super::*;

const HEADER: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion";

fn strava(rows: &str) -> Parsed {
    read_as(
        CsvDialect::StravaActivities,
        &format!("{HEADER}\n{rows}"),
        &berlin(),
    )
}

/// A row of 44 fields: the given ones first, the rest empty.
fn row(fields: &[&str]) -> String {
    let mut all: Vec<&str> = fields.to_vec();
    all.resize(44, "");
    all.join(",")
}

#[test]
fn the_raw_columns_of_the_duplicated_names_are_read() {
    let run = row(&[
        "4829010993",
        "\"Feb 22, 2021, 10:30:06 AM\"",
        "Lunch Run",
        "Run",
        "\"Easy, with strides\"",
        "975",
        "2.83",
        "171",
        "",
        "false",
        "",
        "",
        "activities/4829010993.gpx",
        "",
        "",
        "975.0",
        "901.0",
        "2831.800048828125",
        "13.3",
        "3.14",
        "7.638888835906982",
        "8.0",
        "9.2",
        "17.3",
        "5.0",
        "-0.01",
        "",
        "",
        "",
        "",
        "171.0",
        "148.5",
    ]);
    let parsed = strava(&run);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let activity = &parsed.activities[0];
    assert_eq!(activity.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(activity.name.as_deref(), Some("Lunch Run"));
    // Activity Date is UTC, and says nothing of the local offset.
    assert_eq!(
        activity.start,
        "2021-02-22T10:30:06Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(activity.utc_offset, None);
    assert_eq!(activity.elapsed, Duration::from_secs(975));
    assert_eq!(activity.moving, Some(Duration::from_secs(901)));
    assert_eq!(activity.distance_m, Some(2831.800048828125));
    assert_eq!(activity.elevation_gain_m, Some(7.638888835906982));
    assert_eq!(activity.avg_heart_rate, Some(148.5));
    assert_eq!(activity.perceived_effort, None);
    assert_eq!(
        activity.source_file_hint.as_deref(),
        Some("activities/4829010993.gpx")
    );
    assert!(activity.sets.is_empty());
}

#[test]
fn every_sport_is_kept_and_manual_entries_have_no_file() {
    let rows = [
        row(&[
            "1",
            "\"Apr 1, 2021, 12:00:00 PM\"",
            "Gym",
            "Weight Training",
            "",
            "3600",
            "0",
            "",
            "",
            "false",
            "",
            "",
            "",
            "",
            "",
            "3600.0",
            "3600.0",
            "0.0",
        ]),
        row(&[
            "2",
            "\"Apr 4, 2021, 12:00:00 PM\"",
            "Yoga",
            "Yoga",
            "",
            "2400",
            "0",
            "",
            "",
            "false",
            "",
            "",
            "",
            "",
            "",
            "2400.0",
            "2400.0",
            "0.0",
        ]),
        row(&[
            "3",
            "\"Apr 22, 2021, 3:30:00 PM\"",
            "Circuit",
            "Workout",
            "",
            "7200",
            "0",
            "",
            "",
            "false",
            "",
            "",
            "",
            "",
            "",
            "7200.0",
            "7200.0",
            "0.0",
        ]),
        row(&[
            "4",
            "\"Mar 6, 2021, 10:48:21 AM\"",
            "Ride",
            "Ride",
            "",
            "3106",
            "11.90",
            "",
            "",
            "false",
            "",
            "",
            "activities/4.gpx",
            "",
            "",
            "3106.0",
            "2959.0",
            "11906.7998046875",
        ]),
        row(&[
            "5",
            "\"Jul 26, 2022, 11:26:05 AM\"",
            "Walk",
            "Walk",
            "",
            "955",
            "0.85",
            "",
            "",
            "false",
            "",
            "",
            "activities/5.fit.gz",
            "",
            "",
            "955.0",
            "693.0",
            "849.4199829101562",
        ]),
        row(&[
            "6",
            "\"Sep 19, 2021, 9:17:21 AM\"",
            "Trail",
            "Trail Run",
            "",
            "7580",
            "22.37",
            "",
            "",
            "false",
            "",
            "",
            "activities/6.gpx",
            "",
            "",
            "7580.0",
            "7134.0",
            "22370.6",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "7",
        ]),
    ];
    let parsed = strava(&rows.join("\n"));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.elapsed.as_secs(),
                a.distance_m,
                a.source_file_hint.is_some(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Sport::StrengthTraining, 3600, None, false),
            (Sport::Yoga, 2400, None, false),
            (Sport::Other("workout".to_owned()), 7200, None, false),
            (
                Sport::Cycling(Venue::Unspecified),
                3106,
                Some(11906.7998046875),
                true
            ),
            (Sport::Walking, 955, Some(849.4199829101562), true),
            (Sport::Running(RunKind::Trail), 7580, Some(22370.6), true),
        ]
    );
    assert_eq!(parsed.activities[5].perceived_effort, Some(7.0));
}

#[test]
fn an_old_export_with_one_distance_column_is_in_the_display_unit() {
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Commute,Activity Gear,Filename\n\
               123,\"Aug 29, 2019, 6:03:00 PM\",Tempo,Run,,1377,5.00,false,,activities/123.gpx\n";
    let km = read_as(CsvDialect::StravaActivities, csv, &berlin());
    assert_eq!(km.activities[0].distance_m, Some(5000.0));
    let miles = CsvOptions {
        weight_unit: WeightUnit::Pounds,
        ..berlin()
    };
    let mi = read_as(CsvDialect::StravaActivities, csv, &miles);
    assert_eq!(mi.activities[0].distance_m, Some(5.0 * 1609.344));
    assert!(
        mi.notes[1].ends_with("it was read in miles (the weight-unit setting)"),
        "{:?}",
        mi.notes
    );
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    let good = row(&[
        "1",
        "\"Apr 1, 2021, 12:00:00 PM\"",
        "Run",
        "Run",
        "",
        "600",
        "2",
        "",
        "",
        "false",
        "",
        "",
        "",
        "",
        "",
        "600.0",
        "590.0",
        "2000.0",
    ]);
    let bad_date = row(&[
        "2",
        "\"Apr 31, 2021, 12:00:00 PM\"",
        "Run",
        "Run",
        "",
        "600",
        "2",
        "",
        "",
        "false",
        "",
        "",
        "",
        "",
        "",
        "600.0",
        "590.0",
        "2000.0",
    ]);
    let bad_moving = row(&[
        "3",
        "\"Apr 2, 2021, 12:00:00 PM\"",
        "Run",
        "Run",
        "",
        "600",
        "2",
        "",
        "",
        "false",
        "",
        "",
        "",
        "",
        "",
        "600.0",
        "ten",
        "2000.0",
    ]);
    let parsed = strava(&[good, bad_date, bad_moving].join("\n"));
    assert_eq!(parsed.activities.len(), 1);
    let found: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| (w.position().unwrap(), w.message()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Position::Record { record: 2, line: 3 },
                "record 2 (line 3): Activity Date is \"Apr 31, 2021, 12:00:00 PM\", expected a date \
                 such as Oct 7, 2020, 2:43:11 PM"
                    .to_owned()
            ),
            (
                Position::Record { record: 3, line: 4 },
                "record 3 (line 4): Moving Time is \"ten\", expected a number of 0 or more".to_owned()
            ),
        ]
    );
}
