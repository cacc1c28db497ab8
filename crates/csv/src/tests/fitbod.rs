use std::time::Duration;

use runlift_model::{Position, SetKind};

use super::*;

const HEADER: &str =
    "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier";

fn fitbod(rows: &str) -> Parsed {
    read_as(CsvDialect::Fitbod, &format!("{HEADER}\n{rows}"), &berlin())
}

#[test]
fn rows_sharing_a_stamp_are_one_workout_and_two_stamps_hours_apart_two() {
    let parsed = fitbod(
        "2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n\
         2026-01-05 20:00:00 +0000,Barbell Bench Press, 5,80.0,0.0,0.0,0.0,0.0,false,, 1.0\n\
         2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n",
    );
    assert_eq!(parsed.activities.len(), 2);
    assert_eq!(parsed.activities[0].sets.len(), 2);
    assert_eq!(parsed.activities[0].elapsed, Duration::ZERO);
    assert_eq!(parsed.activities[1].start.to_string(), "2026-01-05T20:00:00Z");
}

#[test]
fn sets_stamped_minutes_apart_are_one_workout_lasting_from_first_to_last() {
    let parsed = fitbod(
        "2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n\
         2026-01-05 17:04:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n\
         2026-01-05 17:31:30 +0000,Plank, 0,0.0,45.0,0.0,0.0,0.0,false,, 1.0\n",
    );
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(31 * 60 + 30));
    assert_eq!(
        parsed.activities[0].sets[2].duration,
        Some(Duration::from_secs(45))
    );
}

#[test]
fn the_support_extract_of_android_users_is_read_too() {
    let csv = "date,exercise_name,Reps,weight_kg,duration_seconds,distance_meters,Incline,Resistance,isWarmup\n\
               2025-03-01 09:00:00 +0000,Deadlift,5,120.0,0,0,0,0,false\n\
               2025-03-01 09:00:00 +0000,Deadlift,5,60.0,0,0,0,0,true\n";
    let parsed = read_as(CsvDialect::Fitbod, csv, &berlin());
    let sets = &parsed.activities[0].sets;
    assert_eq!(sets.len(), 2);
    assert_eq!((sets[0].reps, sets[0].weight_kg), (Some(5), Some(120.0)));
    assert_eq!(sets[1].kind, SetKind::WarmUp);
    assert_eq!(parsed.activities[0].working_sets(), 1);
}

#[test]
fn a_bad_warm_up_flag_or_date_leaves_its_row_out_and_names_the_column() {
    let parsed = fitbod(
        "2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,maybe,, 1.0\n\
         2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n",
    );
    let (position, column, value) = only_warning(&parsed);
    assert_eq!(position, Position::Record { record: 1, line: 2 });
    assert_eq!((column.as_str(), value.as_str()), ("isWarmup", "maybe"));
    assert_eq!(parsed.activities[0].sets.len(), 1);

    let parsed = fitbod(
        "05/01/2026,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n\
         2026-01-05 17:00:00 +0000,Barbell Squat, 5,100.0,0.0,0.0,0.0,0.0,false,, 1.0\n",
    );
    let (_, column, value) = only_warning(&parsed);
    assert_eq!((column.as_str(), value.as_str()), ("Date", "05/01/2026"));
}

#[test]
fn a_header_without_the_warm_up_flag_is_not_fitbod_and_a_missing_column_is_named() {
    assert_eq!(detect(b"Date,Exercise,Reps,Weight(kg)\n"), None);
    let error = error_of(CsvDialect::Fitbod, b"Date,Exercise,Reps,isWarmup\nx,y,1,false\n");
    assert!(error.to_string().contains("\"Weight(kg)\""), "{error}");
    assert_eq!(error.position(), Some(Position::Record { record: 0, line: 1 }));
}

#[test]
fn a_header_alone_is_nothing_to_import() {
    let parsed = fitbod("");
    assert!(parsed.activities.is_empty());
    assert!(parsed.nothing_to_import.is_some());
}
