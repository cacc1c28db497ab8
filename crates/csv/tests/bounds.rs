//! The bounds on CSV input ([`MAX_FIELD_BYTES`], [`MAX_RECORD_BYTES`], [`MAX_COLUMNS`]) in every
//! dialect: each fixture of `fixtures/csv/` with one generated row past a bound inserted after
//! its header reads as before, plus a warning at that row naming the bound; a header past a
//! bound is an error for the file at record 0.

use std::path::PathBuf;

use runlift_csv::{
    CsvDialect, CsvOptions, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES, MAX_WARNINGS, detect, parse,
};
use runlift_model::{ParseError, Parsed, Position, SourceRef};

/// Every CSV fixture with its dialect.
fn fixtures() -> Vec<(String, CsvDialect, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/csv");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let fixtures: Vec<_> = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let dialect = detect(&bytes).unwrap_or_else(|| panic!("{name} is not detected"));
            (name, dialect, bytes)
        })
        .collect();
    // One fixture or more of every dialect.
    for dialect in CsvDialect::ALL {
        assert!(fixtures.iter().any(|(_, d, _)| *d == dialect), "{dialect:?}");
    }
    fixtures
}

/// The delimiter of a fixture: a semicolon when its first line has more of them than commas.
fn delimiter(bytes: &[u8]) -> u8 {
    let first = &bytes[..bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len())];
    let count = |d: u8| first.iter().filter(|&&b| b == d).count();
    if count(b';') > count(b',') { b';' } else { b',' }
}

/// `fields` joined with the delimiter of `bytes`.
fn row_for(bytes: &[u8], fields: &[Vec<u8>]) -> Vec<u8> {
    fields.join(&delimiter(bytes))
}

fn read(name: &str, dialect: CsvDialect, bytes: &[u8]) -> Result<Parsed, ParseError> {
    parse(
        bytes,
        dialect,
        &SourceRef::file(name, dialect.source_format()),
        &CsvOptions::default(),
    )
}

/// Where the first data row goes in a fixture: the byte after its header line, and the line
/// (from 1) a row put there is on. For JEFIT, the header of its `EXERCISE LOGS` table.
fn after_header(dialect: CsvDialect, bytes: &[u8]) -> (usize, u64) {
    let from = if dialect == CsvDialect::Jefit {
        let banner = bytes
            .windows(17)
            .position(|w| w == b"### EXERCISE LOGS")
            .expect("an EXERCISE LOGS table");
        // The banner line, blank lines, then the header line.
        let mut at = banner;
        let mut lines_seen = 0;
        while lines_seen < 2 || bytes[at..].starts_with(b"\n") || bytes[at..].starts_with(b"\r\n") {
            let newline = bytes[at..].iter().position(|&b| b == b'\n').unwrap();
            let line_was_blank = bytes[at..at + newline].trim_ascii().is_empty();
            at += newline + 1;
            if !line_was_blank {
                lines_seen += 1;
            }
        }
        at
    } else {
        bytes.iter().position(|&b| b == b'\n').unwrap() + 1
    };
    let line = bytes[..from].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    (from, line)
}

/// `bytes` with `row` (and a line ending) inserted as the first data row.
fn with_first_row(dialect: CsvDialect, bytes: &[u8], row: &[u8]) -> (Vec<u8>, u64) {
    let (at, line) = after_header(dialect, bytes);
    let mut changed = bytes[..at].to_vec();
    changed.extend_from_slice(row);
    changed.extend_from_slice(b"\n");
    changed.extend_from_slice(&bytes[at..]);
    (changed, line)
}

/// Each fixture with `row` inserted reads the same activities as without it, and one more
/// warning, at that row, whose message contains `says`.
fn row_is_left_out_with_a_warning(fields: &[Vec<u8>], says: &str) {
    for (name, dialect, bytes) in fixtures() {
        let before = read(&name, dialect, &bytes).expect(&name);
        let (changed, line) = with_first_row(dialect, &bytes, &row_for(&bytes, fields));
        let after = read(&name, dialect, &changed).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(after.activities.len(), before.activities.len(), "{name}");
        assert_eq!(
            after.warnings.len(),
            before.warnings.len() + 1,
            "{name}: {:?}",
            after.warnings
        );
        let expected = if dialect == CsvDialect::Jefit {
            Position::Line { line, column: None }
        } else {
            Position::Record { record: 1, line }
        };
        let warning = after
            .warnings
            .iter()
            .find(|w| w.position() == Some(expected))
            .unwrap_or_else(|| panic!("{name}: no warning at {expected}: {:?}", after.warnings));
        let message = warning.to_string();
        assert!(message.starts_with(&format!("{name}: {expected}: ")), "{message}");
        assert!(message.contains(says), "{name}: {message}");
    }
}

#[test]
fn a_field_longer_than_the_bound_leaves_its_row_out_in_every_dialect() {
    let row = [
        b"2026-01-05".to_vec(),
        vec![b'x'; MAX_FIELD_BYTES + 1],
        b"5".to_vec(),
    ];
    row_is_left_out_with_a_warning(
        &row,
        &format!(
            "of the record is {} bytes long, more than the 64 KiB runlift reads in one field",
            MAX_FIELD_BYTES + 1
        ),
    );
}

#[test]
fn a_field_at_the_bound_is_read_like_any_other() {
    // An exercise named with 64 KiB of text: kept whole.
    let (_, _, bytes) = fixtures()
        .into_iter()
        .find(|(name, _, _)| name == "strong-newer-export.csv")
        .unwrap();
    let long_name = "Squat ".repeat(MAX_FIELD_BYTES / 6) + &"x".repeat(MAX_FIELD_BYTES % 6);
    assert_eq!(long_name.len(), MAX_FIELD_BYTES);
    let text = String::from_utf8(bytes).unwrap();
    let changed = text.replacen("\"Squat (Barbell)\"", &format!("\"{long_name}\""), 1);
    assert_ne!(changed, text);
    let parsed = read("strong.csv", CsvDialect::Strong, changed.as_bytes()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let longest = parsed
        .activities
        .iter()
        .flat_map(|a| &a.sets)
        .map(|s| s.exercise_name.len())
        .max();
    assert_eq!(longest, Some(MAX_FIELD_BYTES));
}

#[test]
fn a_record_longer_than_the_bound_leaves_its_row_out_in_every_dialect() {
    // Fields within their bound, 17 of them together past the record's.
    let field = vec![b'7'; MAX_FIELD_BYTES - 1];
    let row = vec![field; 17];
    row_is_left_out_with_a_warning(
        &row,
        &format!(
            "the record is {} bytes long, more than the 1 MiB runlift reads in one record",
            17 * (MAX_FIELD_BYTES - 1)
        ),
    );
    const { assert!(17 * (MAX_FIELD_BYTES - 1) > MAX_RECORD_BYTES) };
}

#[test]
fn a_record_with_more_fields_than_the_bound_leaves_its_row_out_in_every_dialect() {
    let row = vec![b"1".to_vec(); MAX_COLUMNS + 1];
    row_is_left_out_with_a_warning(
        &row,
        &format!(
            "the record has {} fields, more than the {MAX_COLUMNS} runlift reads in one record",
            MAX_COLUMNS + 1
        ),
    );
}

#[test]
fn a_header_past_a_bound_is_an_error_for_the_file_at_record_0() {
    let wide = vec![b"extra".to_vec(); MAX_COLUMNS];
    let long_name = vec![vec![b'n'; MAX_FIELD_BYTES + 1]];
    for (extra, says) in [
        (wide, "fields, more than the 1024 runlift reads in one record"),
        (
            long_name,
            "of the header is 65537 bytes long, more than the 64 KiB",
        ),
    ] {
        for (name, dialect, bytes) in fixtures() {
            if dialect == CsvDialect::Jefit {
                continue;
            }
            let mut extra = row_for(&bytes, &extra);
            extra.insert(0, delimiter(&bytes));
            let header_end = bytes.iter().position(|&b| b == b'\n').unwrap();
            let header_end = if bytes[header_end - 1] == b'\r' {
                header_end - 1
            } else {
                header_end
            };
            let mut changed = bytes[..header_end].to_vec();
            changed.extend_from_slice(&extra);
            changed.extend_from_slice(&bytes[header_end..]);
            let error = read(&name, dialect, &changed).expect_err(&name);
            assert_eq!(
                error.position(),
                Some(Position::Record { record: 0, line: 1 }),
                "{name}"
            );
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("{name}: record 0 (line 1): ")),
                "{message}"
            );
            assert!(message.contains(says), "{message}");
        }
    }
}

#[test]
fn a_jefit_table_whose_header_is_past_a_bound_is_skipped_with_a_warning() {
    let (name, dialect, bytes) = fixtures()
        .into_iter()
        .find(|(_, d, _)| *d == CsvDialect::Jefit)
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // The header of WORKOUT SESSIONS, made wider than the bound: its rows cannot be placed.
    let header = "_id,USERID,TIMESTAMP,day_id,starttime,endtime,total_time,break_time,mydate";
    let line = text
        .lines()
        .position(|l| l == header)
        .expect("the sessions header") as u64
        + 1;
    let changed = text.replacen(header, &format!("{header}{}", ",x".repeat(MAX_COLUMNS)), 1);
    let parsed = read(&name, dialect, changed.as_bytes()).unwrap();
    let warning = &parsed.warnings[0];
    assert_eq!(warning.position(), Some(Position::Line { line, column: None }));
    assert_eq!(
        warning.to_string(),
        format!(
            "{name}: line {line}: the header has {} fields, more than the 1024 runlift reads in one record",
            MAX_COLUMNS + 9
        )
    );
    // The logs are still read, as sessions of their date.
    assert!(!parsed.activities.is_empty());
}

#[test]
fn a_quote_left_open_before_a_megabyte_of_rows_costs_only_the_rows_it_swallowed() {
    let header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n";
    let good = "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n";
    let open = "2026-01-06 18:00:00,Legs,45m,\"Squat (Barbell),1,80,5,0,0,\n";
    let swallowed = "2026-01-07 18:00:00,Legs,45m,Deadlift (Barbell),1,120,5,0,0,\n".repeat(20_000);
    let csv = format!("{header}{good}{open}{swallowed}");
    let parsed = read("strong.csv", CsvDialect::Strong, csv.as_bytes()).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].sets.len(), 1);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    let message = parsed.warnings[0].to_string();
    assert!(
        message.starts_with("strong.csv: record 2 (line 3): the record is "),
        "{message}"
    );
    assert!(
        message.ends_with("(a quote left open runs a record on to the end of the file)"),
        "{message}"
    );
}

#[test]
fn past_the_listed_warnings_the_rest_are_counted_in_one_last_warning() {
    let header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n";
    let good = "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n";
    // Records 2 to 1501: a row of the wrong length each.
    let bad = "x\n".repeat(MAX_WARNINGS + 500);
    let csv = format!("{header}{good}{bad}");
    let parsed = read("strong.csv", CsvDialect::Strong, csv.as_bytes()).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.warnings.len(), MAX_WARNINGS + 1);
    assert_eq!(
        parsed.warnings[MAX_WARNINGS - 1].position(),
        Some(Position::Record {
            record: MAX_WARNINGS as u64 + 1,
            line: MAX_WARNINGS as u64 + 2
        })
    );
    assert_eq!(
        parsed.warnings[MAX_WARNINGS].to_string(),
        "strong.csv: record 1002 (line 1003): 500 more problems from here on are not listed: runlift lists \
         the first 1000 of a file"
    );
    // A file of nothing but bad rows is still the error of its first row.
    let csv = format!("{header}{bad}");
    let error = read("strong.csv", CsvDialect::Strong, csv.as_bytes()).unwrap_err();
    assert_eq!(error.position(), Some(Position::Record { record: 1, line: 2 }));
}
