//! Tests of every dialect on small inline inputs whose truth is written next to them; the
//! fixtures and the real corpus are read by the tests in `crates/csv/tests/`.

use jiff::tz::TimeZone;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, Position, SourceRef};

use crate::*;

mod fitbod;
mod fitnotes;
mod garmin;
mod hevy;
mod jefit;
mod runkeeper;
mod runlift;
mod strava;
mod strong;
mod zepp;

/// Options for a user in Berlin who logs in kilograms.
fn berlin() -> CsvOptions {
    CsvOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
        ..CsvOptions::default()
    }
}

fn source_of(dialect: CsvDialect) -> SourceRef {
    SourceRef::file(format!("{}.csv", dialect.name()), dialect.source_format())
}

/// `csv` read as `dialect`, which it must be detected as.
fn read_as(dialect: CsvDialect, csv: &str, options: &CsvOptions) -> Parsed {
    assert_eq!(detect(csv.as_bytes()), Some(dialect), "{csv}");
    parse(csv.as_bytes(), dialect, &source_of(dialect), options).expect("the file should parse")
}

/// The error of reading `csv` as `dialect`.
fn error_of(dialect: CsvDialect, csv: &[u8]) -> ParseError {
    parse(csv, dialect, &source_of(dialect), &berlin()).expect_err("the file should not parse")
}

/// Reps of every set of `activity`, summed.
fn reps(activity: &Activity) -> u32 {
    activity.sets.iter().filter_map(|s| s.reps).sum()
}

/// Load times reps over every set of `activity`, in kilograms.
fn volume(activity: &Activity) -> f64 {
    activity
        .sets
        .iter()
        .map(|s| s.weight_kg.unwrap_or(0.0) * f64::from(s.reps.unwrap_or(0)))
        .sum()
}

/// The single warning of `parsed`: its position, column and value.
fn only_warning(parsed: &Parsed) -> (Position, String, String) {
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    let warning = &parsed.warnings[0];
    let ParseErrorKind::InvalidValue { field, value, .. } = warning.kind() else {
        panic!("not a bad value: {warning}");
    };
    (warning.position().unwrap(), field.clone(), value.clone())
}

#[test]
fn each_dialect_is_detected_by_its_header() {
    let cases = [
        (
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
            CsvDialect::Strong,
        ),
        (
            "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes",
            CsvDialect::Strong,
        ),
        (
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
            CsvDialect::Strong,
        ),
        (
            "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"",
            CsvDialect::Hevy,
        ),
        (
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
            CsvDialect::FitNotes,
        ),
        (
            "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time",
            CsvDialect::FitNotes,
        ),
        (
            "### SETTING ####\nrow_id,mass\n1, kg\n### EXERCISE LOGS ####\nbelongsession,ename,logs",
            CsvDialect::Jefit,
        ),
        // Only the start of a large export: its first table's banner is enough.
        (
            "\u{feff}### SETTING ##########\r\nrow_id,USERID,mass",
            CsvDialect::Jefit,
        ),
        (
            "### WORKOUT SESSIONS ###\n_id,mydate,starttime",
            CsvDialect::Jefit,
        ),
        (
            "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Elapsed Time,Distance",
            CsvDialect::StravaActivities,
        ),
        (
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
            CsvDialect::GarminActivities,
        ),
        (
            "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier",
            CsvDialect::Fitbod,
        ),
        (
            "Activity Id,Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File",
            CsvDialect::Runkeeper,
        ),
        (
            "\u{feff}type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)",
            CsvDialect::Zepp,
        ),
        ("date,sport,duration,distance_km", CsvDialect::Runlift),
        // Tolerance: a byte-order mark, CRLF, blank lines, another column order, more columns.
        (
            "\u{feff}\r\n\r\nReps,Exercise,Comment,Category,Date,Extra\r\n",
            CsvDialect::FitNotes,
        ),
        ("\u{feff}sport,notes,date\r\n", CsvDialect::Runlift),
    ];
    for (csv, dialect) in cases {
        assert_eq!(detect(csv.as_bytes()), Some(dialect), "{csv:?}");
    }
}

#[test]
fn other_files_are_no_dialect() {
    let other = [
        "",
        "\u{feff}",
        "Date,Workout Name,Exercise Name\n,Set Order",
        "<?xml version=\"1.0\"?><gpx>",
        "timestamp,heart_rate\n2026-01-01T10:00:00Z,130",
        "Date,Time,Measurement,Value,Unit,Comment",
        // A banner line of no JEFIT table, without JEFIT's exercise-log table after it.
        "### Results ###\nsomething",
        "# a comment\nDate,Exercise",
    ];
    for csv in other {
        assert_eq!(detect(csv.as_bytes()), None, "{csv:?}");
    }
    assert_eq!(detect(b"\xff\xfe\x00D\x00a"), None);
}

#[test]
fn dialects_know_their_names_and_formats() {
    assert_eq!(
        CsvDialect::ALL.map(CsvDialect::name).to_vec().len(),
        known_dialects().len()
    );
    for dialect in CsvDialect::ALL {
        assert!(known_dialects().contains(&dialect.name()), "{dialect:?}");
        assert_eq!(
            CsvDialect::from_source_format(dialect.source_format()),
            Some(dialect)
        );
    }
    assert_eq!(CsvDialect::Hevy.source_format(), SourceFormat::HevyCsv);
    assert_eq!(CsvDialect::Jefit.source_format(), SourceFormat::JefitCsv);
    assert_eq!(
        CsvDialect::StravaActivities.source_format(),
        SourceFormat::StravaCsv
    );
    assert_eq!(
        CsvDialect::GarminActivities.source_format(),
        SourceFormat::GarminCsv
    );
    assert_eq!(CsvDialect::Runlift.source_format(), SourceFormat::RunliftCsv);
    assert_eq!(CsvDialect::from_source_format(SourceFormat::Gpx), None);
}

#[test]
fn an_empty_file_is_an_error_in_every_dialect() {
    for dialect in CsvDialect::ALL {
        for csv in [&b""[..], b"\xEF\xBB\xBF", b"\r\n \n"] {
            assert_eq!(
                error_of(dialect, csv).kind(),
                &ParseErrorKind::Empty,
                "{dialect:?} {csv:?}"
            );
        }
    }
}

#[test]
fn a_header_only_file_has_nothing_to_import() {
    let headers = [
        (
            CsvDialect::Hevy,
            "title,start_time,end_time,exercise_title,set_type,weight_kg,reps\n",
        ),
        (CsvDialect::FitNotes, "Date,Exercise,Category,Weight (kgs),Reps\n"),
        (
            CsvDialect::StravaActivities,
            "Activity ID,Activity Date,Activity Type,Elapsed Time\n",
        ),
        (CsvDialect::GarminActivities, "Activity Type,Date,Title,Time\n"),
        (CsvDialect::Runlift, "date,sport\n"),
        (
            CsvDialect::Jefit,
            "### EXERCISE LOGS ###\nbelongsession,mydate,ename,logs\n",
        ),
    ];
    for (dialect, csv) in headers {
        let parsed = read_as(dialect, csv, &berlin());
        assert!(parsed.activities.is_empty(), "{dialect:?}");
        assert!(parsed.warnings.is_empty(), "{dialect:?}");
        assert!(parsed.nothing_to_import.is_some(), "{dialect:?}");
    }
}

#[test]
fn a_header_without_the_dialect_columns_names_them() {
    let cases = [
        (
            CsvDialect::Hevy,
            "title,end_time\n",
            "each of the columns \"start_time\", \"exercise_title\"",
        ),
        (
            CsvDialect::FitNotes,
            "Date,Exercise,Reps\n",
            "the column \"Category\"",
        ),
        (
            CsvDialect::StravaActivities,
            "Activity ID,Activity Date\n",
            "each of the columns \"Activity Type\", \"Elapsed Time\"",
        ),
        (
            CsvDialect::GarminActivities,
            "Title,Date\n",
            "the column \"Activity Type\"",
        ),
        (CsvDialect::Runlift, "date,name\n", "the column \"sport\""),
    ];
    for (dialect, csv, missing) in cases {
        let error = error_of(dialect, csv.as_bytes());
        assert_eq!(
            error.kind(),
            &ParseErrorKind::Missing(missing.to_owned()),
            "{dialect:?}"
        );
        assert_eq!(
            error.position(),
            Some(Position::Record { record: 0, line: 1 }),
            "{dialect:?}"
        );
    }
}

#[test]
fn no_bytes_make_any_reader_panic() {
    // A small deterministic generator (xorshift) over CSV-ish bytes after each dialect's
    // header, and without one.
    let headers: [(CsvDialect, &str); 10] = [
        (
            CsvDialect::Strong,
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n",
        ),
        (
            CsvDialect::Hevy,
            "title,start_time,end_time,exercise_title,set_type,weight_kg,reps,distance_km,duration_seconds\n",
        ),
        (
            CsvDialect::FitNotes,
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n",
        ),
        (
            CsvDialect::Jefit,
            "### WORKOUT SESSIONS ###\n_id,starttime,endtime,total_time,mydate\n1,1771952400,,60,2026-02-24\n### EXERCISE LOGS ###\nbelongsession,mydate,eid,ename,logs\n",
        ),
        (
            CsvDialect::StravaActivities,
            "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Elapsed Time,Moving Time,Distance,Filename\n",
        ),
        (
            CsvDialect::GarminActivities,
            "Activity Type,Date,Title,Distance,Time,Avg HR,Total Sets,Moving Time,Elapsed Time\n",
        ),
        (
            CsvDialect::Runlift,
            "date,sport,duration,distance_km,exercise,set_type,reps,weight_kg\n",
        ),
        (
            CsvDialect::Fitbod,
            "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier\n",
        ),
        (
            CsvDialect::Runkeeper,
            "Activity Id,Date,Type,Route Name,Distance (km),Duration,Climb (m),Average Heart Rate (bpm),GPX File\n",
        ),
        (
            CsvDialect::Zepp,
            "type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)\n",
        ),
    ];
    let alphabet: &[u8] = b",;\"\r\n 0123456789.:-+xWDFhmsTZ#-\xff\xc3Run";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let (dialect, header) = headers[round % headers.len()];
        let len = (next() % 300) as usize;
        let mut bytes = if round % 3 == 0 {
            Vec::new()
        } else {
            header.as_bytes().to_vec()
        };
        bytes.extend((0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
        let _ = detect(&bytes);
        let _ = parse(&bytes, dialect, &source_of(dialect), &berlin());
    }
}
