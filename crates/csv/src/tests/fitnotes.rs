use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{MuscleGroup, Position, Timestamp};

use super::*;

const HEADER: &str = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment";

fn fitnotes(rows: &str) -> Parsed {
    read_as(CsvDialect::FitNotes, &format!("{HEADER}\n{rows}"), &berlin())
}

#[test]
fn the_sets_of_a_date_are_one_workout_from_midnight() {
    let parsed = fitnotes(
        "2022-09-14,Flat Barbell Bench Press,Chest,45.0,lbs,10,,,,\"\"\n\
         2022-09-14,Flat Barbell Bench Press,Chest,135.0,lbs,5,,,,\"\"\n\
         2022-09-16,Dumbbell Curl,Biceps,25.0,lbs,12,,,,\"Fuck\"\n\
         2022-09-14,Parallel Bar Triceps Dip,Triceps,0.0,lbs,12,,,,\"\"\n",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.start.to_string(), a.sets.len(), reps(a)))
        .collect();
    // Midnight in Berlin in summer is 22:00 UTC the day before.
    assert_eq!(
        found,
        [
            ("2022-09-13T22:00:00Z".to_owned(), 3, 27),
            ("2022-09-15T22:00:00Z".to_owned(), 1, 12)
        ]
    );
    let first = &parsed.activities[0];
    assert_eq!(first.utc_offset, Some(Offset::constant(2)));
    assert_eq!(first.elapsed, Duration::ZERO);
    assert_eq!(first.name, None);
    assert_eq!(volume(first), (45.0 * 10.0 + 135.0 * 5.0) * 0.453_592_37);
    // Body weight: no load.
    assert_eq!(first.sets[2].weight_kg, None);
    assert_eq!(first.sets[2].exercise.map(|e| e.key), Some("dip"));
    assert_eq!(
        parsed.notes,
        [
            "FitNotes records dates without a time of day and no workout length: each date is one \
          workout, starting at 00:00 Europe/Berlin time, of unknown length"
        ]
    );
}

#[test]
fn the_older_header_names_the_unit_in_the_weight_column() {
    let lbs = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n\
               2020-10-04,Bench Press,Chest,225,5,,,\n";
    let kgs = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n\
               2020-10-04,Bench Press,Chest,100,5,,,\n";
    let pounds = CsvOptions {
        weight_unit: WeightUnit::Pounds,
        ..berlin()
    };
    // The column's unit wins over the option.
    assert_eq!(
        read_as(CsvDialect::FitNotes, lbs, &berlin()).activities[0].sets[0].weight_kg,
        Some(225.0 * 0.453_592_37)
    );
    assert_eq!(
        read_as(CsvDialect::FitNotes, kgs, &pounds).activities[0].sets[0].weight_kg,
        Some(100.0)
    );
}

#[test]
fn timed_and_cardio_sets_keep_their_time_and_distance() {
    let parsed = fitnotes(
        "2026-02-19,Plank,Abs,,,,,,0:01:30,\"\"\n\
         2026-02-19,Rowing Machine,Cardio,,,,2000.0,m,0:08:10,\"\"\n\
         2026-02-19,Running (Treadmill),Cardio,,,,3.1,mi,25:00,\"\"\n",
    );
    let sets: Vec<_> = parsed.activities[0]
        .sets
        .iter()
        .map(|s| (s.duration, s.distance_m, s.exercise.map(|e| e.key)))
        .collect();
    assert_eq!(
        sets,
        [
            (Some(Duration::from_secs(90)), None, Some("plank")),
            (Some(Duration::from_secs(490)), Some(2000.0), None),
            (Some(Duration::from_secs(1500)), Some(3.1 * 1609.344), None),
        ]
    );
}

#[test]
fn an_unknown_exercise_takes_the_muscle_group_of_its_category() {
    let parsed = fitnotes(
        "2026-02-19,Prone Y-T-W,Shoulders,2.5,kgs,10,,,,\"\"\n\
         2026-02-19,Tricep Push Ul,Triceps,30.0,kgs,10,,,,\"\"\n\
         2026-02-19,Tire Flip,Full Body,,,6,,,,\"\"\n\
         2026-02-19,Jump Rope,Cardio,,,,,,5:00,\"\"\n",
    );
    let sets: Vec<_> = parsed.activities[0]
        .sets
        .iter()
        .map(|s| (s.exercise.map(|e| e.key), s.muscle_groups()))
        .collect();
    assert_eq!(
        sets,
        [
            (Some("other_upper_body"), &[MuscleGroup::UpperBody][..]),
            (Some("other_upper_body"), &[MuscleGroup::UpperBody][..]),
            (
                Some("other_full_body"),
                &[MuscleGroup::LowerBody, MuscleGroup::Core, MuscleGroup::UpperBody][..]
            ),
            (None, &[][..]),
        ]
    );
    assert_eq!(
        parsed.notes[1],
        "3 sets of exercises not in runlift's table were given the muscle group of their FitNotes category"
    );
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    let parsed = fitnotes(
        "2026-02-19,Barbell Squat,Legs,80.0,kgs,5,,,,\"\"\n\
         2026-02-30,Barbell Squat,Legs,80.0,kgs,5,,,,\"\"\n\
         2026-02-19,Barbell Squat,Legs,80,0,kgs,5,,,,\"\"\n\
         2026-02-19,Barbell Squat,Legs,80.0,stone,5,,,,\"\"\n\
         2026-02-19,Barbell Squat,Legs,80.0,kgs,5,,,1:75,\"\"\n",
    );
    assert_eq!(parsed.activities[0].sets.len(), 1);
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
                "record 2 (line 3): Date is \"2026-02-30\", expected a date such as 2025-05-21".to_owned()
            ),
            (
                Position::Record { record: 3, line: 4 },
                "record 3 (line 4): found a record with 11 fields, but the header has 10 fields".to_owned()
            ),
            (
                Position::Record { record: 4, line: 5 },
                "record 4 (line 5): Weight Unit is \"stone\", expected kg or lbs".to_owned()
            ),
            (
                Position::Record { record: 5, line: 6 },
                "record 5 (line 6): Time is \"1:75\", expected a time such as 1:05:30, 45:00 or 00:28:10.5"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(
        parsed.activities[0].start,
        "2026-02-18T23:00:00Z".parse::<Timestamp>().unwrap()
    );
}
