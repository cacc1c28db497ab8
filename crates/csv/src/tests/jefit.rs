use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{ParseErrorKind, Position, Timestamp};

use super::*;

const LOGS_HEADER: &str = "USERID,TIMESTAMP,belongSys,logs,_id,record,mydate,eid,ename,day_item_id,belongsession,logTime,interval_logs,auto_generated";

/// A JEFIT export of a kilogram account with one session and the given exercise-log rows.
fn export(logs: &str) -> String {
    format!(
        "### SETTING ##########################################\n\n\
         row_id,USERID,TIMESTAMP,mass,length\n\
         1,1,\"2026-01-01 00:00:00\",\" kg\",\" cm\"\n\n\n\
         ######################################################\n\n\
         ### WORKOUT SESSIONS #################################\n\n\
         _id,USERID,mydate,starttime,endtime,total_time\n\
         1000,1,2026-01-05,1767636000,1767639600,3600\n\n\n\
         ######################################################\n\n\
         ### EXERCISE LOGS ####################################\n\n\
         {LOGS_HEADER}\n{logs}\n\n\
         ######################################################\n"
    )
}

fn jefit(logs: &str) -> Parsed {
    read_as(CsvDialect::Jefit, &export(logs), &berlin())
}

/// A set as (exercise name, load, reps).
type Set = (String, Option<f64>, Option<u32>);

fn sets(parsed: &Parsed) -> Vec<Vec<Set>> {
    parsed
        .activities
        .iter()
        .map(|a| {
            a.sets
                .iter()
                .map(|s| (s.name().to_owned(), s.weight_kg, s.reps))
                .collect()
        })
        .collect()
}

#[test]
fn a_session_with_its_start_length_and_sets() {
    let parsed = jefit(
        "1,\"2026-01-05 18:05:00\",1,\"60x10,65x8,65x8\",1,86.67,2026-01-05,21,\"Barbell Bench Press\",1,1000,1,,\n\
         1,\"2026-01-05 18:20:00\",1,\"0x12,0x10\",2,0,2026-01-05,45,\"Pull Up\",2,1000,2,,",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let workout = &parsed.activities[0];
    // 1767636000 is 2026-01-05 18:00 UTC, 19:00 in Berlin.
    assert_eq!(
        workout.start,
        "2026-01-05T18:00:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(workout.utc_offset, Some(Offset::constant(1)));
    assert_eq!(workout.elapsed, Duration::from_secs(3600));
    assert_eq!(workout.sets.len(), 5);
    assert_eq!(reps(workout), 48);
    assert_eq!(volume(workout), 60.0 * 10.0 + 65.0 * 16.0);
    assert_eq!(workout.sets[3].weight_kg, None);
    assert_eq!(workout.sets[3].exercise.map(|e| e.key), Some("pull_up"));
}

#[test]
fn growing_rows_of_one_exercise_are_collapsed() {
    let parsed = jefit(
        "1,t,1,\"80x5\",1,0,2026-01-05,127,\"Barbell Squat\",1,1000,1,,\n\
         1,t,1,\"80x5,80x5\",2,0,2026-01-05,127,\"Barbell Squat\",1,1000,2,,\n\
         1,t,1,\"20x10\",3,0,2026-01-05,33,\"Dumbbell Shoulder Press\",2,1000,3,,\n\
         1,t,1,\"80x5,80x5,80x4\",4,0,2026-01-05,127,\"Barbell Squat\",1,1000,4,,\n\
         1,t,1,\"80x5,80x5\",5,0,2026-01-05,127,\"Barbell Squat\",1,1000,5,,\n\
         1,t,1,\"80x5,80x5,80x5\",6,0,2026-01-05,127,\"Barbell Squat\",1,1000,6,,\n\
         1,t,1,\"20x10,20x8\",7,0,2026-01-05,33,\"Dumbbell Shoulder Press\",2,1000,7,,\n\
         1,t,1,\"100x1\",8,0,2026-01-05,127,\"Barbell Squat\",1,1000,8,,",
    );
    let squat = |reps| ("Barbell Squat".to_owned(), Some(80.0), Some(reps));
    let press = |reps| ("Dumbbell Shoulder Press".to_owned(), Some(20.0), Some(reps));
    // Row 4 extends row 2 with a set that row 6 corrects to 5 reps; row 5 is an old snapshot;
    // the single at 100 kg does not continue the sets before it: the squat was done again.
    assert_eq!(
        sets(&parsed),
        [vec![
            squat(5),
            squat(5),
            squat(5),
            press(10),
            press(8),
            ("Barbell Squat".to_owned(), Some(100.0), Some(1)),
        ]]
    );
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n.starts_with("5 log rows repeated the sets")),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn timed_entries_are_kept_and_empty_ones_passed_over() {
    let parsed = jefit(
        "1,t,1,\"0x0,0x0,0x0,0x20,0x3\",1,0,2026-01-05,900,\"Treadmill\",1,1000,1,,\n\
         1,t,1,\"0x0\",2,0,2026-01-05,70,\"Dumbbell Fly\",2,1000,2,,\n\
         1,t,1,\"\",3,0,2026-01-05,71,\"Cable Fly\",3,1000,3,,\n\
         1,t,1,\"40x12\",4,0,2026-01-05,72,\"Leg Curl\",4,1000,4,,",
    );
    assert_eq!(
        sets(&parsed),
        [vec![
            ("Treadmill".to_owned(), None, None),
            ("Leg Curl".to_owned(), Some(40.0), Some(12)),
        ]]
    );
    assert!(
        parsed
            .notes
            .contains(&"2 log rows had no set logged and were passed over".to_owned())
    );
}

#[test]
fn pounds_come_from_the_setting_section() {
    let csv = "### SETTING ####################\n\
               row_id,USERID,mass,length\n\
               1,42,\" lbs\",\" inches\"\n\
               ################################\n\
               ### EXERCISE LOGS ##############\n\
               USERID,logs,mydate,ename\n\
               42,\"100x10\",2026-01-05,\"Bench Press\"\n\
               ################################\n";
    let parsed = read_as(CsvDialect::Jefit, csv, &berlin());
    assert_eq!(parsed.activities[0].sets[0].weight_kg, Some(100.0 * 0.453_592_37));
    // Without a session the workout starts at midnight of its date.
    assert_eq!(
        parsed.activities[0].start,
        "2026-01-04T23:00:00Z".parse::<Timestamp>().unwrap()
    );
    assert!(
        parsed
            .notes
            .contains(&"weights were read in pounds, as the export's SETTING section says".to_owned())
    );
}

#[test]
fn logs_outside_sessions_are_grouped_by_date() {
    let parsed = jefit(
        "1,t,1,\"0x20\",1,0,2026-03-01,12,\"Push Up\",0,0,1,,\n\
         1,t,1,\"0x15\",2,0,2026-03-02,12,\"Push Up\",0,0,1,,\n\
         1,t,1,\"0x10\",3,0,2026-03-01,13,\"Sit Up\",0,,1,,",
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.start.to_string(), a.sets.len()))
        .collect();
    assert_eq!(
        found,
        [
            ("2026-02-28T23:00:00Z".to_owned(), 2),
            ("2026-03-01T23:00:00Z".to_owned(), 1)
        ]
    );
}

#[test]
fn a_bad_logs_field_is_named_by_line_and_the_rest_imports() {
    let parsed = jefit(
        "1,t,1,\"60x10\",1,0,2026-01-05,21,\"Bench\",1,1000,1,,\n\
         1,t,1,\"60x10,sixtyx8\",2,0,2026-01-05,22,\"Row\",1,1000,2,,",
    );
    assert_eq!(parsed.activities[0].sets.len(), 1);
    let (position, column, value) = only_warning(&parsed);
    // The header of the log table is on line 19 of the export.
    assert_eq!(
        position,
        Position::Line {
            line: 21,
            column: None
        }
    );
    assert_eq!((column.as_str(), value.as_str()), ("logs", "60x10,sixtyx8"));
}

#[test]
fn an_export_without_exercise_logs_is_an_error() {
    let csv = "### SETTING ###\nrow_id,mass\n1, kg\n### EXERCISE SET LOGS ###\n_id,reps\n";
    let error = error_of(CsvDialect::Jefit, csv.as_bytes());
    assert_eq!(
        error.kind(),
        &ParseErrorKind::Missing("the EXERCISE LOGS section of the JEFIT export".to_owned())
    );
}

#[test]
fn session_times_in_milliseconds_and_the_misspelt_column() {
    let csv = "### WORKOUT SESSIONS ###\n\
               _id,mydate,starttime,starttimie,total_time\n\
               7,2026-01-05,,1767636000000,1800\n\
               ###\n\
               ### EXERCISE LOGS ###\n\
               belongsession,ename,logs,mydate\n\
               7,\"Barbell Squat\",\"100x5\",2026-01-05\n";
    let parsed = read_as(CsvDialect::Jefit, csv, &berlin());
    let workout = &parsed.activities[0];
    assert_eq!(
        workout.start,
        "2026-01-05T18:00:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(workout.elapsed, Duration::from_secs(1800));
}
