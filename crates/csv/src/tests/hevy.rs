use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{ParseErrorKind, Position, SetKind, Timestamp};

use super::*;

const HEADER: &str = r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#;

fn hevy(rows: &str) -> Parsed {
    read_as(CsvDialect::Hevy, &format!("{HEADER}\n{rows}"), &berlin())
}

#[test]
fn a_workout_with_every_kind_of_set() {
    let parsed = hevy(
        r#""Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Warm Up",,"",0,"normal",,0,,300,
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",0,"warmup",37.5,10,,0,6
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",1,"normal",77.5,10,,0,9
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",2,"failure",77.5,8,,0,10
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Leg Extension (Machine)",,"",0,"dropset",45,12,,,9
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Plank",,"",0,"normal",,,,90,
"#,
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.activities.len(), 1);
    let workout = &parsed.activities[0];
    assert_eq!(workout.name.as_deref(), Some("Legs"));
    // Each set keeps its own effort; blank is unknown.
    let efforts: Vec<Option<f64>> = workout.sets.iter().map(|s| s.rpe).collect();
    assert_eq!(efforts, [None, Some(6.0), Some(9.0), Some(10.0), Some(9.0), None]);
    // 07:48 in Berlin in summer is 05:48 UTC; 85 minutes to 09:13.
    assert_eq!(
        workout.start,
        "2025-09-15T05:48:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(workout.utc_offset, Some(Offset::constant(2)));
    assert_eq!(workout.elapsed, Duration::from_secs(85 * 60));
    let kinds: Vec<_> = workout.sets.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SetKind::Working,
            SetKind::WarmUp,
            SetKind::Working,
            SetKind::Failure,
            SetKind::Drop,
            SetKind::Working
        ]
    );
    assert_eq!(workout.working_sets(), 5);
    assert_eq!(reps(workout), 40);
    assert_eq!(volume(workout), 37.5 * 10.0 + 77.5 * 18.0 + 45.0 * 12.0);
    // The cardio warm-up is kept, unclassified, with its time and no reps.
    let warm_up = &workout.sets[0];
    assert_eq!(warm_up.exercise, None);
    assert_eq!(
        (warm_up.reps, warm_up.duration),
        (None, Some(Duration::from_secs(300)))
    );
    assert_eq!(workout.sets[5].duration, Some(Duration::from_secs(90)));
    assert_eq!(workout.sets[5].exercise.map(|e| e.key), Some("plank"));
    assert_eq!(
        parsed.notes,
        ["Hevy writes local times without a UTC offset; they were read as Europe/Berlin time"]
    );
}

#[test]
fn pounds_and_miles_are_converted() {
    let csv = "title,start_time,end_time,exercise_title,set_type,weight_lbs,reps,distance_miles,duration_seconds\n\
               Push,\"2 Jul 2025, 17:56\",\"2 Jul 2025, 18:57\",Bench Press (Barbell),normal,135,5,,\n\
               Push,\"2 Jul 2025, 17:56\",\"2 Jul 2025, 18:57\",Farmers Walk,normal,50,,0.25,\n";
    let parsed = read_as(CsvDialect::Hevy, csv, &berlin());
    let sets = &parsed.activities[0].sets;
    assert_eq!(sets[0].weight_kg, Some(135.0 * 0.453_592_37));
    assert_eq!(sets[1].distance_m, Some(402.336));
}

#[test]
fn workouts_are_told_apart_by_start_and_title() {
    let parsed = hevy(
        r#""A","3 May 2025, 09:31","3 May 2025, 10:20","","Pull Up",,"",0,"normal",,8,,,
"B","3 May 2025, 10:20","3 May 2025, 10:41","","Shrug (Dumbbell)",,"",0,"normal",30,12,,,
"A","3 May 2025, 09:31","3 May 2025, 10:20","","Pull Up",,"",1,"normal",,7,,,
"#,
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.name.as_deref().unwrap(), a.sets.len(), a.elapsed.as_secs()))
        .collect();
    assert_eq!(found, [("A", 2, 49 * 60), ("B", 1, 21 * 60)]);
}

#[test]
fn iso_times_with_an_offset_are_instants() {
    let csv = "title,start_time,end_time,exercise_title,set_type,weight_kg,reps\n\
               Push,2024-01-15T10:30:00+05:30,2024-01-15T12:00:00+05:30,Bench Press,normal,80,5\n\
               Pull,2024-01-16T10:30:00Z,2024-01-16T11:00:00Z,Pull Up,normal,,5\n";
    let parsed = read_as(CsvDialect::Hevy, csv, &berlin());
    let push = &parsed.activities[0];
    assert_eq!(push.start, "2024-01-15T05:00:00Z".parse::<Timestamp>().unwrap());
    assert_eq!(
        push.utc_offset,
        Some(Offset::from_seconds(5 * 3600 + 1800).unwrap())
    );
    assert_eq!(push.elapsed, Duration::from_secs(90 * 60));
    // A time in UTC says nothing of the local offset.
    assert_eq!(parsed.activities[1].utc_offset, None);
    assert!(parsed.notes.is_empty(), "{:?}", parsed.notes);
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    // The quoted note spans two lines, so the bad row's line is not its record number + 1.
    let parsed = hevy(
        r#""Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"deep
and slow",0,"normal",80,5,,,
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",1,"normal",eighty,5,,,
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",2,"normal",80,4,,,
"#,
    );
    assert_eq!(reps(&parsed.activities[0]), 9);
    let (position, column, value) = only_warning(&parsed);
    assert_eq!(position, Position::Record { record: 2, line: 4 });
    assert_eq!((column.as_str(), value.as_str()), ("weight_kg", "eighty"));
    assert_eq!(
        parsed.warnings[0].to_string(),
        "Hevy.csv: record 2 (line 4): weight_kg is \"eighty\", expected a number of 0 or more"
    );
}

#[test]
fn bad_values_name_their_column() {
    let cases = [
        (
            r#""L","32 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,,,"#,
            "start_time",
        ),
        (
            r#""L","15 Sep 2025, 07:48","yesterday","","Squat",,"",0,"normal",80,5,,,"#,
            "end_time",
        ),
        (
            r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"superset",80,5,,,"#,
            "set_type",
        ),
        (
            r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5.5,,,"#,
            "reps",
        ),
        (
            r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,-1,,"#,
            "distance_km",
        ),
        (
            r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,,1h,"#,
            "duration_seconds",
        ),
        (
            r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,,,11"#,
            "rpe",
        ),
    ];
    for (row, column) in cases {
        let good = r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,,,"#;
        let parsed = hevy(&format!("{good}\n{row}\n"));
        assert_eq!(parsed.activities[0].sets.len(), 1, "{row}");
        let (position, found, _) = only_warning(&parsed);
        assert_eq!(position, Position::Record { record: 2, line: 3 }, "{row}");
        assert_eq!(found, column, "{row}");
    }
}

#[test]
fn a_row_of_the_wrong_length_is_a_warning() {
    let parsed = hevy(
        r#""L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",0,"normal",80,5,,,
"L","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat",,"",1,"normal",80,5
"#,
    );
    assert_eq!(parsed.activities[0].sets.len(), 1);
    assert_eq!(
        parsed.warnings[0].kind(),
        &ParseErrorKind::Syntax("found a record with 11 fields, but the header has 14 fields".into())
    );
}

#[test]
fn a_workout_ending_before_it_starts_keeps_its_sets_with_one_warning() {
    let row = r#""L","15 Sep 2025, 09:13","15 Sep 2025, 07:48","","Squat",,"",0,"normal",80,5,,,"#;
    let parsed = hevy(&format!("{row}\n{row}\n"));
    assert_eq!(parsed.activities[0].elapsed, Duration::ZERO);
    assert_eq!(parsed.activities[0].sets.len(), 2);
    let (position, column, value) = only_warning(&parsed);
    assert_eq!(position, Position::Record { record: 1, line: 2 });
    assert_eq!(
        (column.as_str(), value.as_str()),
        ("end_time", "15 Sep 2025, 07:48")
    );
}

#[test]
fn a_workout_whose_timer_ran_on_loses_its_length_with_a_note() {
    let parsed = hevy(
        r#""Push","14 Sep 2025, 18:05","15 Sep 2025, 08:31","","Bench Press (Barbell)",,"",0,"normal",60,8,,,
"Push","14 Sep 2025, 18:05","15 Sep 2025, 08:31","","Bench Press (Barbell)",,"",1,"normal",60,8,,,
"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",0,"normal",77.5,10,,,
"#,
    );
    let minutes: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| a.elapsed.as_secs() / 60)
        .collect();
    assert_eq!(minutes, [0, 85]);
    assert_eq!(parsed.activities[0].sets.len(), 2);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!(
        parsed.notes.iter().any(|n| n
            == "1 workout lasts far longer than its sets could take, a timer left running? \
                (\"Push\" of 2025-09-14 18:05: 14 h 26 min by its timer, 6 min from its 2 sets). \
                Its time is estimated from the sets instead: sets x \
                estimates.strength_seconds_per_set (180 s by default)."),
        "{:?}",
        parsed.notes
    );
}
