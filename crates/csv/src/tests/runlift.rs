use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{Position, RunKind, SetKind, Sport, Timestamp};

use super::*;

#[test]
fn activity_rows_and_set_rows() {
    let csv = "\u{feff}date,sport,name,duration,moving_time,distance_km,elevation_gain_m,avg_heart_rate,rpe,exercise,set_type,reps,weight_kg,set_seconds\r\n\
               2026-02-23 07:00,running,Easy run,45:10,44:30,8.1,35,142,4,,,,,\r\n\
               2026-02-25 18:00,strength,Garage gym,40:00,,,,,7,Back Squat,warmup,8,40,\r\n\
               2026-02-25 18:00,strength,Garage gym,,,,,,,Back Squat,,5,80,\r\n\
               2026-02-25 18:00,strength,Garage gym,,,,,,,Dips,drop,10,,\r\n\
               2026-02-25 18:00,strength,Garage gym,,,,,,,Plank,,,,1:00\r\n\
               2026-02-28T09:30:00+01:00,trail_running,Long trail run,1:52:00,1h 45m 30s,21.4,420,151,6,,,,,\r\n\
               2026-03-01,swimming,,1800,,1.5,,,,,,,,\r\n";
    let parsed = read_as(CsvDialect::Runlift, csv, &berlin());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed,
                a.moving,
                a.distance_m,
                a.sets.len(),
            )
        })
        .collect();
    let secs = Duration::from_secs;
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                "2026-02-23T06:00:00Z".into(),
                secs(2710),
                Some(secs(2670)),
                Some(8100.0),
                0
            ),
            (
                Sport::StrengthTraining,
                "2026-02-25T17:00:00Z".into(),
                secs(2400),
                None,
                None,
                4
            ),
            (
                Sport::Running(RunKind::Trail),
                "2026-02-28T08:30:00Z".into(),
                secs(6720),
                Some(secs(6330)),
                Some(21400.0),
                0
            ),
            (
                Sport::Swimming,
                "2026-02-28T23:00:00Z".into(),
                secs(1800),
                None,
                Some(1500.0),
                0
            ),
        ]
    );
    let run = &parsed.activities[0];
    assert_eq!(
        (run.elevation_gain_m, run.avg_heart_rate, run.perceived_effort),
        (Some(35.0), Some(142.0), Some(4.0))
    );
    assert_eq!(run.utc_offset, Some(Offset::constant(1)));
    let gym = &parsed.activities[1];
    assert_eq!(gym.perceived_effort, Some(7.0));
    let sets: Vec<_> = gym
        .sets
        .iter()
        .map(|s| (s.exercise.map(|e| e.key), s.kind, s.reps, s.weight_kg, s.duration))
        .collect();
    assert_eq!(
        sets,
        [
            (Some("squat"), SetKind::WarmUp, Some(8), Some(40.0), None),
            (Some("squat"), SetKind::Working, Some(5), Some(80.0), None),
            (Some("dip"), SetKind::Drop, Some(10), None, None),
            (Some("plank"), SetKind::Working, None, None, Some(secs(60))),
        ]
    );
    assert_eq!(
        parsed.activities[2].start,
        "2026-02-28T08:30:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(
        parsed.notes,
        ["dates without a UTC offset were read as Europe/Berlin time"]
    );
}

#[test]
fn pounds_and_miles_columns() {
    let csv = "date,sport,distance_mi,exercise,reps,weight_lb\n\
               2026-02-23 07:00,run,3.1,,,\n\
               2026-02-24 07:00,strength,,Bench Press,5,135\n";
    let parsed = read_as(CsvDialect::Runlift, csv, &berlin());
    assert_eq!(parsed.activities[0].distance_m, Some(3.1 * 1609.344));
    assert_eq!(parsed.activities[1].sets[0].weight_kg, Some(135.0 * 0.453_592_37));
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    let csv = "date,sport,duration,exercise,set_type,reps,weight_kg,rpe\n\
               2026-02-25 18:00,strength,40:00,Back Squat,,5,80,\n\
               2026-02-25 18:00,strength,,Back Squat,,5,eighty,\n\
               2026-02-25 18:00,strength,,Back Squat,superset,5,80,\n\
               2026-02-25 18:00,strength,,Back Squat,,5,80,11\n\
               2026-02-25 18:00,,,Back Squat,,5,80,\n\
               2026-02-25 25:00,strength,,Back Squat,,5,80,\n";
    let parsed = read_as(CsvDialect::Runlift, csv, &berlin());
    assert_eq!(parsed.activities[0].sets.len(), 1);
    let found: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| (w.position().unwrap(), w.message()))
        .collect();
    let at = |record| Position::Record {
        record,
        line: record + 1,
    };
    assert_eq!(
        found,
        [
            (
                at(2),
                "record 2 (line 3): weight_kg is \"eighty\", expected a number of 0 or more".to_owned()
            ),
            (
                at(3),
                "record 3 (line 4): set_type is \"superset\", expected working, warmup, drop or failure"
                    .to_owned()
            ),
            (
                at(4),
                "record 4 (line 5): rpe is \"11\", expected a number from 1 to 10".to_owned()
            ),
            (at(5), "record 5 (line 6): the sport is missing".to_owned()),
            (
                at(6),
                "record 6 (line 7): date is \"2026-02-25 25:00\", expected a date and time such as \
                 2026-01-07 18:30, 2026-01-07T18:30:00+01:00 or 2026-01-07"
                    .to_owned()
            ),
        ]
    );
}
