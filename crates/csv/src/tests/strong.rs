use std::time::Duration;

use jiff::tz::{Offset, TimeZone};
use runlift_model::{ParseErrorKind, Parsed, Position, SetKind, SourceFormat, SourceRef, Sport, Timestamp};

use crate::*;

const HEADER: &str =
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";

fn source() -> SourceRef {
    SourceRef::file("strong.csv", SourceFormat::StrongCsv)
}

fn read(csv: &str) -> Parsed {
    read_with(csv, &CsvOptions::default())
}

fn read_with(csv: &str, options: &CsvOptions) -> Parsed {
    parse_strong(csv.as_bytes(), &source(), options).expect("the file should parse")
}

fn read_err(csv: &[u8]) -> ParseErrorKind {
    parse_strong(csv, &source(), &CsvOptions::default())
        .expect_err("the file should not parse")
        .kind()
        .clone()
}

fn reps(parsed: &Parsed) -> Vec<Vec<Option<u32>>> {
    parsed
        .activities
        .iter()
        .map(|a| a.sets.iter().map(|s| s.reps).collect())
        .collect()
}

#[test]
fn current_header_reads_every_set_of_a_workout() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,\"B\",35m,\"Bent Over Row (Barbell)\",1,10.0,13.0,0,0.0,,,\n\
         2024-11-28 17:36:08,\"B\",35m,\"Bent Over Row (Barbell)\",2,10.0,16.0,0,0.0,\"felt easy\",,8\n\
         2024-11-28 17:36:08,\"B\",35m,\"Plank\",1,0.0,0.0,0,60.0,,,\n"
    );
    let parsed = read(&csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None);
    assert_eq!(parsed.activities.len(), 1);
    let workout = &parsed.activities[0];
    assert_eq!(workout.sport, Sport::StrengthTraining);
    assert_eq!(workout.name.as_deref(), Some("B"));
    assert_eq!(
        workout.start,
        "2024-11-28T17:36:08Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(workout.utc_offset, Some(Offset::UTC));
    assert_eq!(workout.elapsed, Duration::from_secs(35 * 60));
    assert_eq!(workout.moving, None);
    assert_eq!(workout.perceived_effort, None);
    assert_eq!(workout.source, source());
    assert_eq!(workout.sets.len(), 3);

    let row = &workout.sets[0];
    assert_eq!(row.name(), "Bent Over Row (Barbell)");
    assert_eq!(row.exercise.map(|e| e.key), Some("row"));
    assert_eq!(
        (row.reps, row.weight_kg, row.duration, row.distance_m),
        (Some(13), Some(10.0), None, None)
    );
    assert_eq!(row.kind, SetKind::Working);
    // The sets of one exercise share its name rather than each holding a copy.
    assert!(std::sync::Arc::ptr_eq(
        &row.exercise_name,
        &workout.sets[1].exercise_name
    ));

    // Strong writes 0 for what was not recorded: a plank has no load and no reps.
    let plank = &workout.sets[2];
    assert_eq!(plank.exercise.map(|e| e.key), Some("plank"));
    assert_eq!(
        (plank.reps, plank.weight_kg, plank.duration, plank.distance_m),
        (None, None, Some(Duration::from_secs(60)), None)
    );
}

#[test]
fn header_without_notes_columns_parses() {
    let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
               2025-08-19 13:47:15,\"Midday Workout\",30m,\"Leg Press\",1,50.0,10.0,0,0.0,\n\
               2025-08-19 13:47:15,\"Midday Workout\",30m,\"Leg Press\",2,50.0,8.0,0,0.0,\n";
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(reps(&parsed), [[Some(10), Some(8)]]);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(30 * 60));
}

#[test]
fn reordered_columns_with_crlf_and_bom_parse() {
    let csv = "\u{feff}\"Exercise Name\",\"Reps\",\"Set Order\",\"Date\",\"Weight\",\"Workout Name\",\"Extra\"\r\n\
               \"Squat (Barbell)\",5,1,2024-11-29 10:15:00,60,\"A\",x\r\n\
               \"Squat (Barbell)\",3,2,2024-11-29 10:15:00,70,\"A\",y\r\n";
    assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.activities.len(), 1);
    let workout = &parsed.activities[0];
    assert_eq!(workout.name.as_deref(), Some("A"));
    // No Duration column: the elapsed time is not known.
    assert_eq!(workout.elapsed, Duration::ZERO);
    let sets: Vec<_> = workout
        .sets
        .iter()
        .map(|s| (s.name(), s.reps, s.weight_kg))
        .collect();
    assert_eq!(
        sets,
        [
            ("Squat (Barbell)", Some(5), Some(60.0)),
            ("Squat (Barbell)", Some(3), Some(70.0))
        ]
    );
}

#[test]
fn interleaved_rows_of_two_workouts_are_grouped_in_first_seen_order() {
    let csv = format!(
        "{HEADER}\n\
         2024-12-03 18:00:00,C,30m,Bench Press (Barbell),1,80.0,3.0,0,0.0,,,\n\
         2024-11-29 10:15:00,A,40m,Squat (Barbell),1,60.0,5.0,0,0.0,,,\n\
         2024-12-03 18:00:00,C,30m,Bench Press (Barbell),2,85.0,2.0,0,0.0,,,\n\
         2024-12-03 18:00:00,D,20m,Plank,1,0,0,0,45,,,\n\
         2024-11-29 10:15:00,A,40m,Squat (Barbell),2,60.0,4.0,0,0.0,,,\n"
    );
    let parsed = read(&csv);
    let names: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| a.name.as_deref().unwrap())
        .collect();
    // Same date, other name: another workout.
    assert_eq!(names, ["C", "A", "D"]);
    assert_eq!(
        reps(&parsed),
        [vec![Some(3), Some(2)], vec![Some(5), Some(4)], vec![None]]
    );
    assert_eq!(parsed.activities[1].elapsed, Duration::from_secs(40 * 60));
}

#[test]
fn rest_timer_rows_are_skipped_silently() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),Rest Timer,0,0,0,90,,,\n\
         2024-11-28 17:36:08,B,35m,Rest Timer,Rest Timer,0,0,0,120,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),2,60,5,0,0,,,\n"
    );
    let parsed = read(&csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(reps(&parsed), [[Some(5), Some(5)]]);
}

#[test]
fn set_order_letters_give_the_kind_of_set() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),W,40,8,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,80,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),D,60,8,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),F,50,12,0,0,,,\n"
    );
    let parsed = read(&csv);
    let kinds: Vec<_> = parsed.activities[0].sets.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [SetKind::WarmUp, SetKind::Working, SetKind::Drop, SetKind::Failure]
    );
    assert_eq!(parsed.activities[0].working_sets(), 3);
}

#[test]
fn pounds_are_converted_to_kilograms_and_distances_read_as_miles() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Bench Press (Barbell),1,135,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Farmers Walk,1,50,0,0.25,0,,,\n"
    );
    let options = CsvOptions {
        weight_unit: WeightUnit::Pounds,
        ..CsvOptions::default()
    };
    let sets = &read_with(&csv, &options).activities[0].sets;
    assert_eq!(sets[0].weight_kg, Some(135.0 * 0.453_592_37));
    assert_eq!(sets[1].weight_kg, Some(50.0 * 0.453_592_37));
    assert_eq!(sets[1].distance_m, Some(402.336));
    assert_eq!(sets[1].reps, None);
}

#[test]
fn distances_of_kilogram_users_are_read_as_kilometres() {
    let csv = format!("{HEADER}\n2024-11-28 17:36:08,B,35m,Sled Push,1,40,0,0.05,0,,,\n");
    assert_eq!(read(&csv).activities[0].sets[0].distance_m, Some(50.0));
}

#[test]
fn decimal_commas_parse() {
    let csv =
        format!("{HEADER}\n2024-11-28 17:36:08,B,35m,Squat (Barbell),1,\"72,5\",\"5,0\",0,\"30,5\",,,\n");
    let set = &read(&csv).activities[0].sets[0];
    assert_eq!(
        (set.weight_kg, set.reps, set.duration),
        (Some(72.5), Some(5), Some(Duration::from_millis(30_500)))
    );
}

#[test]
fn a_bad_weight_is_a_warning_and_the_other_rows_import() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),2,60,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),3,sixty,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),4,60,4,0,0,,,\n"
    );
    let parsed = read(&csv);
    assert_eq!(reps(&parsed), [[Some(5), Some(5), Some(4)]]);
    assert_eq!(parsed.warnings.len(), 1);
    let warning = &parsed.warnings[0];
    assert_eq!(warning.position(), Some(Position::Record { record: 3, line: 4 }));
    assert_eq!(
        warning.kind(),
        &ParseErrorKind::invalid_value("Weight", "sixty", "a number of 0 or more")
    );
    assert_eq!(
        warning.to_string(),
        "strong.csv: record 3 (line 4): Weight is \"sixty\", expected a number of 0 or more"
    );
}

#[test]
fn bad_values_name_their_column() {
    let cases = [
        (
            "2024-13-01 10:00:00,B,35m,Squat,1,60,5,0,0,,,",
            "Date",
            "2024-13-01 10:00:00",
        ),
        (
            "2024-11-28 17:36:08,B,35 min,Squat,1,60,5,0,0,,,",
            "Duration",
            "35 min",
        ),
        ("2024-11-28 17:36:08,B,35m,Squat,X,60,5,0,0,,,", "Set Order", "X"),
        ("2024-11-28 17:36:08,B,35m,Squat,1,60,5.5,0,0,,,", "Reps", "5.5"),
        ("2024-11-28 17:36:08,B,35m,Squat,1,-60,5,0,0,,,", "Weight", "-60"),
        ("2024-11-28 17:36:08,B,35m,Squat,1,60,5,?,0,,,", "Distance", "?"),
        (
            "2024-11-28 17:36:08,B,35m,Squat,1,60,5,0,1e999,,,",
            "Seconds",
            "1e999",
        ),
    ];
    for (row, column, value) in cases {
        let csv = format!("{HEADER}\n2024-11-28 17:36:08,B,35m,Squat,1,60,5,0,0,,,\n{row}\n");
        let parsed = read(&csv);
        assert_eq!(parsed.activities[0].sets.len(), 1, "{row}");
        assert_eq!(parsed.warnings.len(), 1, "{row}");
        let warning = &parsed.warnings[0];
        assert_eq!(
            warning.position(),
            Some(Position::Record { record: 2, line: 3 }),
            "{row}"
        );
        let ParseErrorKind::InvalidValue {
            field, value: found, ..
        } = warning.kind()
        else {
            panic!("{row}: {warning}");
        };
        assert_eq!((field.as_str(), found.as_str()), (column, value), "{row}");
    }
}

#[test]
fn a_row_of_the_wrong_length_is_a_warning() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),2,60,5,0,0\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),3,60,5,0,0,,,\n"
    );
    let parsed = read(&csv);
    assert_eq!(parsed.activities[0].sets.len(), 2);
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Record { record: 2, line: 3 })
    );
    assert_eq!(
        parsed.warnings[0].kind(),
        &ParseErrorKind::Syntax("found a record with 9 fields, but the header has 12 fields".into())
    );
}

#[test]
fn line_numbers_count_quoted_line_breaks() {
    let csv = format!(
        "{HEADER}\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,\"two\nlines\",,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),2,bad,5,0,0,,,\n"
    );
    let parsed = read(&csv);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Record { record: 2, line: 4 })
    );
}

#[test]
fn workout_durations_in_hours_and_minutes() {
    let csv = format!(
        "{HEADER}\n\
         2025-09-09 13:12:12,Tuesdays,1h 5m,Squat (Barbell),1,60,5,0,0,,,\n\
         2025-09-19 16:56:24,Fridays,45m,Squat (Barbell),1,60,5,0,0,,,\n\
         2025-09-20 16:56:24,Saturdays,1h,Squat (Barbell),1,60,5,0,0,,,\n\
         2025-09-21 16:56:24,Sundays,45s,Squat (Barbell),1,60,5,0,0,,,\n\
         2025-09-22 16:56:24,Mondays,1800,Squat (Barbell),1,60,5,0,0,,,\n"
    );
    let elapsed: Vec<u64> = read(&csv)
        .activities
        .iter()
        .map(|a| a.elapsed.as_secs())
        .collect();
    assert_eq!(elapsed, [3900, 2700, 3600, 45, 1800]);
}

#[test]
fn local_times_are_read_in_the_given_time_zone() {
    let csv = format!("{HEADER}\n2024-11-28 23:30:00,Late,35m,Squat (Barbell),1,60,5,0,0,,,\n");
    let options = CsvOptions {
        time_zone: TimeZone::get("Asia/Tokyo").unwrap(),
        ..CsvOptions::default()
    };
    let workout = &read_with(&csv, &options).activities[0];
    assert_eq!(
        workout.start,
        "2024-11-28T14:30:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(workout.utc_offset, Some(Offset::constant(9)));
}

#[test]
fn the_offset_follows_daylight_saving_time() {
    let csv = format!(
        "{HEADER}\n\
         2024-01-15 18:00:00,Winter,35m,Squat (Barbell),1,60,5,0,0,,,\n\
         2024-07-15 18:00:00,Summer,35m,Squat (Barbell),1,60,5,0,0,,,\n"
    );
    let options = CsvOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
        ..CsvOptions::default()
    };
    let parsed = read_with(&csv, &options);
    let offsets: Vec<_> = parsed.activities.iter().map(|a| a.utc_offset.unwrap()).collect();
    assert_eq!(offsets, [Offset::constant(1), Offset::constant(2)]);
    assert_eq!(
        parsed.activities[1].start,
        "2024-07-15T16:00:00Z".parse::<Timestamp>().unwrap()
    );
}

#[test]
fn legacy_semicolon_export_with_unit_columns_parses() {
    let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
               2019-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";1;100;lbs;5;;;;0;\"\";\"\";50m\n\
               2019-01-11 12:31:54;\"Leg\";\"Deadlift (Barbell)\";2;60;kg;4;;;;0;;;50m\n\
               2019-01-11 12:31:54;\"Leg\";\"Farmer Walk\";1;20;kg;;;200;m;0;;;50m\n";
    assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let workout = &parsed.activities[0];
    assert_eq!(workout.elapsed, Duration::from_secs(50 * 60));
    let weights: Vec<_> = workout.sets.iter().map(|s| s.weight_kg).collect();
    assert_eq!(weights, [Some(100.0 * 0.453_592_37), Some(60.0), Some(20.0)]);
    assert_eq!(workout.sets[2].distance_m, Some(200.0));
}

#[test]
fn names_that_are_not_utf8_are_kept_with_one_warning() {
    let mut csv = format!("{HEADER}\n").into_bytes();
    for set in 1..=2 {
        csv.extend_from_slice(b"2024-11-28 17:36:08,Beine,35m,Kniebeuge Gr\xfcn,");
        csv.extend_from_slice(format!("{set},60,5,0,0,,,\n").as_bytes());
    }
    let parsed = parse_strong(&csv, &source(), &CsvOptions::default()).unwrap();
    assert_eq!(parsed.activities[0].sets.len(), 2);
    assert_eq!(parsed.activities[0].sets[0].name(), "Kniebeuge Gr\u{fffd}n");
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Record { record: 1, line: 2 })
    );
}

#[test]
fn an_empty_file_is_an_error() {
    for csv in [&b""[..], b"\xEF\xBB\xBF", b"\r\n \n"] {
        assert_eq!(read_err(csv), ParseErrorKind::Empty, "{csv:?}");
    }
}

#[test]
fn a_header_without_strong_columns_names_what_is_missing() {
    assert_eq!(
        read_err(b"Date,Workout Name,Exercise,Weight\n2024-11-28 17:36:08,B,Squat,60\n"),
        ParseErrorKind::Missing("each of the columns \"Exercise Name\", \"Set Order\"".into())
    );
    assert_eq!(
        read_err(b"Date,Workout Name,Exercise Name,Weight\n"),
        ParseErrorKind::Missing("the column \"Set Order\"".into())
    );
    assert_eq!(
        read_err(b"Date,Workout Name,Exercise Name,Set Order,Notes\n"),
        ParseErrorKind::Missing(
            "a column of set values (\"Weight\", \"Reps\", \"Seconds\" or \"Distance\")".into()
        )
    );
    let error = parse_strong(b"Date,Reps\n", &source(), &CsvOptions::default()).unwrap_err();
    assert_eq!(error.position(), Some(Position::Record { record: 0, line: 1 }));
}

#[test]
fn a_header_without_sets_has_nothing_to_import() {
    let parsed = read(&format!("{HEADER}\n"));
    assert!(parsed.activities.is_empty() && parsed.warnings.is_empty());
    let why = "the Strong export holds no sets, only its header (and maybe rest-timer rows)";
    assert_eq!(parsed.nothing_to_import.as_deref(), Some(why));
    let rest = read(&format!(
        "{HEADER}\n2024-11-28 17:36:08,B,35m,Rest Timer,Rest Timer,0,0,0,90,,,\n"
    ));
    assert!(rest.activities.is_empty() && rest.warnings.is_empty());
    assert_eq!(rest.nothing_to_import.as_deref(), Some(why));
}

#[test]
fn a_file_where_no_row_can_be_read_is_an_error() {
    let csv = format!(
        "{HEADER}\n\
         yesterday,B,35m,Squat (Barbell),1,60,5,0,0,,,\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0\n"
    );
    let error = parse_strong(csv.as_bytes(), &source(), &CsvOptions::default()).unwrap_err();
    assert_eq!(error.position(), Some(Position::Record { record: 1, line: 2 }));
    assert_eq!(
        error.kind(),
        &ParseErrorKind::invalid_value(
            "Date",
            "yesterday",
            "a local date and time such as 2024-11-28 17:36:08"
        )
    );
}

#[test]
fn parse_dispatches_on_the_dialect() {
    let csv = format!("{HEADER}\n2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,,,\n");
    let parsed = parse(
        csv.as_bytes(),
        CsvDialect::Strong,
        &source(),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(CsvDialect::Strong.source_format(), SourceFormat::StrongCsv);
}

#[test]
fn no_bytes_make_the_reader_panic() {
    // A small deterministic generator (xorshift) over CSV-ish bytes, with and without a header.
    let alphabet: &[u8] = b",;\"\r\n 0123456789.:-WDFhms\xff\xc3";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..2000 {
        let len = (next() % 200) as usize;
        let mut bytes = if round % 2 == 0 {
            format!("{HEADER}\n").into_bytes()
        } else {
            Vec::new()
        };
        bytes.extend((0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
        let _ = detect(&bytes);
        let _ = parse_strong(&bytes, &source(), &CsvOptions::default());
    }
}

#[test]
fn blank_lines_before_the_header_are_passed_over() {
    let csv = format!(
        "\u{feff}\r\n   \r\n{HEADER}\r\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),1,bad,5,0,0,,,\r\n\
         2024-11-28 17:36:08,B,35m,Squat (Barbell),2,60,5,0,0,,,\r\n"
    );
    assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
    let parsed = read(&csv);
    assert_eq!(parsed.activities[0].sets.len(), 1);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Record { record: 1, line: 4 })
    );
}

#[test]
fn newer_export_with_units_in_column_names_parses() {
    let csv = "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (lbs),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes\n\
               7,2024-03-05 18:01:12,Push,3600,Bench Press (Barbell),1,135,10,,0,0,,\n\
               7,2024-03-05 18:01:12,Push,3600,Bench Press (Barbell),Rest Timer,,,,,90,,\n\
               7,2024-03-05 18:01:12,Push,3600,Farmers Walk,1,100,,,40,,,\n";
    assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
    // The pound column wins over the kilogram setting, and distances are in metres.
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let workout = &parsed.activities[0];
    assert_eq!(workout.elapsed, Duration::from_secs(3600));
    let sets: Vec<_> = workout
        .sets
        .iter()
        .map(|s| (s.reps, s.weight_kg, s.distance_m))
        .collect();
    assert_eq!(
        sets,
        [
            (Some(10), Some(135.0 * 0.453_592_37), None),
            (None, Some(100.0 * 0.453_592_37), Some(40.0))
        ]
    );
}

#[test]
fn the_note_says_which_time_zone_local_times_were_read_in() {
    let csv = format!("{HEADER}\n2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60,5,0,0,,,\n");
    let options = CsvOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
        ..CsvOptions::default()
    };
    assert_eq!(
        read_with(&csv, &options).notes,
        ["Strong writes local times without a UTC offset; they were read as Europe/Berlin time"]
    );
}

/// The 2019 layout (semicolons, no `RPE`, no duration, unit columns on every row), modelled on
/// a real 2019 export: Strong writes the distance unit `mi.` with a dot, on lifting, timed and
/// cardio rows alike, whether or not the row has a distance.
#[test]
fn export_of_2019_with_dotted_units_keeps_timed_and_cardio_rows() {
    let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;Distance Unit;Seconds;Notes;Workout Notes\n\
               2019-03-04 18:02:11;\"Core\";\"Plank\";1;;;;;mi.;60;\"\";\"\"\n\
               2019-03-04 18:02:11;\"Core\";\"Plank\";2;0;lbs;0;0;mi.;45;\"\";\"\"\n\
               2019-03-04 18:02:11;\"Core\";\"Bench Press (Barbell)\";1;135;lbs;5;0;mi.;0;\"\";\"\"\n\
               2019-03-06 07:15:40;\"Treadmill\";\"Running (Treadmill)\";1;;;;3.1;mi.;1680;\"\";\"\"\n\
               2019-03-06 07:15:40;\"Treadmill\";\"Running (Treadmill)\";2;;;;0.5;mi.;300;\"\";\"\"\n\
               2019-03-08 19:30:00;\"Yoga\";\"Yoga\";1;;;;;mi.;1800;\"\";\"\"\n\
               2019-03-08 19:30:00;\"Yoga\";\"Yoga\";2;;;;;;900;\"\";\"\"\n";
    assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let names: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| a.name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["Core", "Treadmill", "Yoga"]);
    // No duration column: nothing is known of the workouts' time but the cardio's own.
    let seconds: Vec<_> = parsed.activities.iter().map(|a| a.elapsed.as_secs()).collect();
    assert_eq!(seconds, [0, 1680 + 300, 0]);
    let sets = |i: usize| -> Vec<_> {
        parsed.activities[i]
            .sets
            .iter()
            .map(|s| (s.reps, s.weight_kg, s.duration.map(|d| d.as_secs()), s.distance_m))
            .collect()
    };
    assert_eq!(
        sets(0),
        [
            (None, None, Some(60), None),
            (None, None, Some(45), None),
            (Some(5), Some(135.0 * 0.453_592_37), None, None),
        ]
    );
    // The treadmill workout is a run of 3.1 + 0.5 miles.
    let treadmill = &parsed.activities[1];
    assert_eq!(treadmill.sport, Sport::Running(runlift_model::RunKind::Treadmill));
    assert!(treadmill.sets.is_empty());
    assert_eq!(treadmill.distance_m.map(f64::round), Some(5794.0));
    assert_eq!(
        sets(2),
        [(None, None, Some(1800), None), (None, None, Some(900), None)]
    );
}

#[test]
fn a_bad_distance_unit_costs_the_row_only_when_it_has_a_distance() {
    let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;Distance Unit;Seconds;Notes;Workout Notes\n\
               2019-03-06 07:15:40;\"T\";\"Running (Treadmill)\";1;;;;3.1;leagues;1680;\"\";\"\"\n\
               2019-03-06 07:15:40;\"T\";\"Plank\";1;;;;;leagues;60;\"\";\"\"\n";
    let parsed = read(csv);
    assert_eq!(parsed.activities[0].sets.len(), 1);
    assert_eq!(parsed.activities[0].sets[0].name(), "Plank");
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].to_string(),
        "strong.csv: record 1 (line 2): Distance Unit is \"leagues\", expected km, mi, m, ft or yd"
    );
}

/// Workouts whose timer was left running (real exports hold ones of `51h 57m` and `264h 1m`)
/// keep their sets; their length is forgotten, to be estimated from the sets, and one note
/// names them with the timer's length and the estimate. Past 4 h a workout always counts as
/// such, past 2 h when it has fewer sets than a quarter of an hour each could fill.
#[test]
fn workouts_far_longer_than_their_sets_lose_their_length_with_one_note() {
    let mut csv = format!("{HEADER}\n");
    for (date, name, duration, sets) in [
        ("2024-03-01 18:00:00", "A", "1h 10m", 3),
        ("2024-03-03 18:00:00", "B", "51h 57m", 3),
        ("2024-03-06 18:00:00", "C", "4h", 16),
        ("2024-03-08 18:00:00", "D", "4h 1m", 20),
        ("2024-03-10 18:00:00", "E", "2h 30m", 3),
        ("2024-03-12 18:00:00", "F", "2h", 3),
    ] {
        for set in 1..=sets {
            csv.push_str(&format!(
                "{date},\"{name}\",{duration},\"Squat (Barbell)\",{set},100.0,5.0,0,0.0,,,\n"
            ));
        }
    }
    let parsed = read(&csv);
    let minutes: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| a.elapsed.as_secs() / 60)
        .collect();
    assert_eq!(minutes, [70, 0, 240, 0, 0, 120]);
    let sets: Vec<_> = parsed.activities.iter().map(|a| a.sets.len()).collect();
    assert_eq!(sets, [3, 3, 16, 20, 3, 3]);
    // Nothing is lost: a note, not a warning, so the file reads as whole.
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!(
        parsed.notes.iter().any(|n| n
            == "3 workouts last far longer than their sets could take, a timer left running? \
                (\"B\" of 2024-03-03 18:00: 51 h 57 min by its timer, 9 min from its 3 sets; \
                \"D\" of 2024-03-08 18:00: 4 h 1 min by its timer, 1 h from its 20 sets; \
                \"E\" of 2024-03-10 18:00: 2 h 30 min by its timer, 9 min from its 3 sets). \
                Their time is estimated from the sets instead: sets x \
                estimates.strength_seconds_per_set (180 s by default)."),
        "{:?}",
        parsed.notes
    );
}

/// Strong's cardio exercises are sessions of their sport; a workout of lifts and cardio is
/// the strength session and the cardio session, and its time is shared between them.
#[test]
fn cardio_exercises_are_sessions_of_their_sport() {
    let csv = format!(
        "{HEADER}\n\
         2024-05-02 07:00:00,Mixed,1h,Squat (Barbell),1,100,5,0,0,,,\n\
         2024-05-02 07:00:00,Mixed,1h,Running (Treadmill),1,0,0,3,900,,,\n\
         2024-05-02 07:00:00,Mixed,1h,Running (Treadmill),2,0,0,1.5,600,,,\n\
         2024-05-02 07:00:00,Mixed,1h,Elliptical Trainer,1,0,0,0,300,,,\n\
         2024-05-04 09:00:00,Rowing,20m,Rowing (Machine),1,0,0,4,1200,,,\n"
    );
    let parsed = read(&csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let seen: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.name.clone().unwrap(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.distance_m,
                a.sets.len(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            // The lifts come first, so the cardio ends the hour: 60 - 25 - 5 = 30 min of lifting.
            (
                Sport::StrengthTraining,
                "Mixed".to_owned(),
                "2024-05-02T07:00:00Z".to_owned(),
                1800,
                None,
                1
            ),
            (
                Sport::Running(runlift_model::RunKind::Treadmill),
                "Mixed: Running (Treadmill)".to_owned(),
                "2024-05-02T07:30:00Z".to_owned(),
                1500,
                Some(4500.0),
                0
            ),
            (
                Sport::Elliptical,
                "Mixed: Elliptical Trainer".to_owned(),
                "2024-05-02T07:55:00Z".to_owned(),
                300,
                None,
                0
            ),
            (
                Sport::Rowing(runlift_model::Venue::Indoor),
                "Rowing".to_owned(),
                "2024-05-04T09:00:00Z".to_owned(),
                1200,
                Some(4000.0),
                0
            ),
        ]
    );
}

#[test]
fn note_rows_of_the_2025_layout_are_no_sets() {
    let csv = "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes\n\
               3,2025-01-07 18:00:00,Push,2400,Bench Press (Barbell),Note,,,,,,\"Elbows in\",\n\
               3,2025-01-07 18:00:00,Push,2400,Bench Press (Barbell),1,60,8,,,,,\n\
               3,2025-01-07 18:00:00,Push,2400,Bench Press (Barbell),Rest Timer,,,,,90,,\n";
    let parsed = read(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(reps(&parsed), [[Some(8)]]);
}
