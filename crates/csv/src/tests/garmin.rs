use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{Position, RunKind, Sport, Timestamp, Venue};

use super::*;

const HEADER: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Total Ascent,Steps,Total Reps,Total Sets,Moving Time,Elapsed Time";

fn garmin_with(rows: &str, options: &CsvOptions) -> Parsed {
    read_as(
        CsvDialect::GarminActivities,
        &format!("{HEADER}\n{rows}"),
        options,
    )
}

fn garmin(rows: &str) -> Parsed {
    garmin_with(rows, &berlin())
}

#[test]
fn runs_rides_and_swims_in_an_english_export() {
    let parsed = garmin(
        "Running,2026-02-09 18:02:11,false,\"Berlin Running\",\"10.02\",\"712\",\"00:52:40\",\"146\",\"171\",\"58\",\"8,870\",\"--\",\"--\",\"00:52:20\",\"00:53:55\"\n\
         Treadmill Running,2026-02-18 06:45:00,false,\"Treadmill Running\",\"6.40\",\"455\",\"00:35:00.5\",\"150\",\"165\",\"--\",\"5,950\",\"--\",\"--\",\"00:35:00\",\"00:35:00.5\"\n\
         Cycling,2026-02-22 10:02:00,false,\"Havel Cycling\",\"42.35\",\"1,020\",\"01:32:10\",\"128\",\"160\",\"1,285\",\"--\",\"--\",\"--\",\"01:30:02\",\"01:41:33\"\n\
         Pool Swim,2026-02-20 12:15:30,false,\"Pool Swim\",\"1,500\",\"420\",\"00:38:12\",\"128\",\"149\",\"--\",\"--\",\"--\",\"--\",\"00:33:40\",\"00:40:05\"\n",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.elapsed,
                a.moving,
                a.distance_m,
                a.avg_heart_rate,
                a.elevation_gain_m,
            )
        })
        .collect();
    let secs = Duration::from_secs;
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                secs(3235),
                Some(secs(3140)),
                Some(10020.0),
                Some(146.0),
                Some(58.0)
            ),
            (
                Sport::Running(RunKind::Treadmill),
                Duration::from_millis(2_100_500),
                Some(secs(2100)),
                Some(6400.0),
                Some(150.0),
                None
            ),
            // "1,020" calories and "1,285" m of climb: thousands separators.
            (
                Sport::Cycling(Venue::Unspecified),
                secs(6093),
                Some(secs(5402)),
                Some(42350.0),
                Some(128.0),
                Some(1285.0)
            ),
            // Swims are in metres: "1,500" is 1500 m.
            (
                Sport::Swimming,
                secs(2405),
                Some(secs(2020)),
                Some(1500.0),
                Some(128.0),
                None
            ),
        ]
    );
    let run = &parsed.activities[0];
    assert_eq!(run.name.as_deref(), Some("Berlin Running"));
    assert_eq!(run.start, "2026-02-09T17:02:11Z".parse::<Timestamp>().unwrap());
    assert_eq!(run.utc_offset, Some(Offset::constant(1)));
    assert_eq!(
        parsed.notes[0],
        "Garmin Connect writes local times without a UTC offset; they were read as Europe/Berlin time"
    );
}

#[test]
fn a_strength_session_gets_its_total_sets_and_the_timer_time() {
    let parsed = garmin(
        "Strength Training,2026-02-11 07:00:12,false,\"Strength\",\"0.00\",\"310\",\"00:48:30\",\"112\",\"151\",\"--\",\"1,204\",\"146\",\"14\",\"00:05:10\",\"00:49:02\"\n\
         Strength Training,2026-02-13 07:00:00,false,\"Old watch\",\"0.00\",\"250\",\"00:40:00\",\"105\",\"140\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n",
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.sets.len(),
                a.working_sets(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(2942, Some(2910), None, 14, 14), (2400, Some(2400), None, 0, 0)]
    );
    let set = &parsed.activities[0].sets[0];
    assert_eq!(
        (set.exercise_name.as_str(), set.exercise, set.reps),
        ("", None, None)
    );
}

#[test]
fn an_export_with_decimal_commas() {
    let parsed = garmin(
        "Running,2026-02-24 07:05:11,false,\"Laufen am Morgen\",\"7,25\",\"520\",\"00:38:10\",\"149\",\"168\",\"41\",\"6.120\",\"--\",\"--\",\"00:37:55\",\"00:38:40\"\n\
         Cycling,2026-02-25 17:00:00,false,\"Rolle\",\"21,00\",\"1.020\",\"00:45:00,5\",\"120\",\"150\",\"1.285\",\"--\",\"--\",\"--\",\"00:45:00\",\"00:46:00\"\n",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.distance_m, a.elevation_gain_m))
        .collect();
    assert_eq!(found, [(Some(7250.0), Some(41.0)), (Some(21000.0), Some(1285.0))]);
    assert!(
        parsed
            .notes
            .contains(&"numbers were read with a decimal comma, the convention of this export".to_owned())
    );
}

#[test]
fn imperial_accounts_have_miles_yards_and_feet() {
    let pounds = CsvOptions {
        weight_unit: WeightUnit::Pounds,
        ..berlin()
    };
    let parsed = garmin_with(
        "Running,2026-02-09 18:02:11,false,\"Run\",\"6.21\",\"700\",\"00:50:00\",\"150\",\"170\",\"203\",\"--\",\"--\",\"--\",\"00:49:58\",\"00:50:12\"\n\
         Pool Swim,2026-02-20 12:15:30,false,\"Swim\",\"1,000\",\"300\",\"00:30:00\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n",
        &pounds,
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.distance_m, a.elevation_gain_m))
        .collect();
    assert_eq!(
        found,
        [(Some(6.21 * 1609.344), Some(203.0 * 0.3048)), (Some(914.4), None)]
    );
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    let good = "Running,2026-02-09 18:02:11,false,\"Run\",\"5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"";
    let rows = [
        good,
        "Running,2026-02-10 18:02:11,false,\"Run\",\"5.00\",\"400\",\"30 min\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
        "Running,2026-02-11 18:02:11,false,\"Run\",\"-5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
        "Strength Training,2026-02-12 18:00:00,false,\"Gym\",\"0.00\",\"300\",\"00:40:00\",\"--\",\"--\",\"--\",\"--\",\"100\",\"999999\",\"--\",\"--\"",
        "Running,12.02.2026 18:02,false,\"Run\",\"5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
    ];
    let parsed = garmin(&rows.join("\n"));
    assert_eq!(parsed.activities.len(), 1);
    let found: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| {
            let runlift_model::ParseErrorKind::InvalidValue { field, value, .. } = w.kind() else {
                panic!("{w}");
            };
            (w.position().unwrap(), field.clone(), value.clone())
        })
        .collect();
    let at = |record| Position::Record {
        record,
        line: record + 1,
    };
    assert_eq!(
        found,
        [
            (at(2), "Time".to_owned(), "30 min".to_owned()),
            (at(3), "Distance".to_owned(), "-5.00".to_owned()),
            (at(4), "Total Sets".to_owned(), "999999".to_owned()),
            (at(5), "Date".to_owned(), "12.02.2026 18:02".to_owned()),
        ]
    );
}
