//! `parse_from` reads a stream as `parse` reads the same bytes in memory: the same activities,
//! warnings (with their record and line), notes and errors, however the stream hands its bytes
//! over; and an input that fails part-way makes the file an error.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use runlift_csv::{CsvDialect, CsvOptions, detect, parse, parse_from};
use runlift_model::{ParseError, Parsed, SourceRef};

/// A reader that hands over at most `step` bytes a call (a different number each call, from
/// 1 to `step`), so that records and line endings fall across every boundary.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
    calls: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        let n = (1 + self.calls % self.step).min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// What a read came to, in a form that compares: activities, then every warning's message and
/// position, the notes and what there was not to import; or the error's message and position.
fn outcome(result: Result<Parsed, ParseError>) -> String {
    match result {
        Ok(parsed) => format!(
            "{:?}\n{:?}\n{:?}\n{:?}",
            parsed.activities,
            parsed
                .warnings
                .iter()
                .map(|w| (w.message(), w.position()))
                .collect::<Vec<_>>(),
            parsed.notes,
            parsed.nothing_to_import
        ),
        Err(err) => format!("error {} at {:?}", err.message(), err.position()),
    }
}

fn assert_streams_alike(name: &str, bytes: &[u8], dialect: CsvDialect) {
    let source = SourceRef::file(name, dialect.source_format());
    let options = CsvOptions::default();
    let in_memory = outcome(parse(bytes, dialect, &source, &options));
    for step in [1, 7, 4096, 1 << 20] {
        let stream = Trickle {
            bytes,
            step,
            calls: 0,
        };
        let streamed = outcome(parse_from(stream, dialect, &source, &options));
        assert!(
            streamed == in_memory,
            "{name}, {step} bytes a read:\n{streamed}\n!=\n{in_memory}"
        );
    }
}

fn csv_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            csv_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "csv") {
            into.push(path);
        }
    }
}

#[test]
fn every_fixture_and_corpus_file_streams_as_it_reads_in_memory() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    csv_files(&root.join("../../fixtures"), &mut files);
    // The third-party corpus, where it is present (see its SOURCES.md).
    csv_files(&root.join("../../../shared/corpus/csv"), &mut files);
    files.sort();
    let mut read = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Some(dialect) = detect(&bytes) else {
            continue;
        };
        assert_streams_alike(&path.display().to_string(), &bytes, dialect);
        read += 1;
    }
    // The fixtures alone hold more than twenty CSV files of known dialects.
    assert!(read >= 20, "{read}");
}

#[test]
fn line_endings_blank_lines_and_bad_rows_are_placed_alike() {
    let strong = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";
    let row = "2024-11-28 17:36:08,\"Legs\",35m,\"Squat (Barbell)\",1,80.0,5.0,0,0.0,,,";
    let bad = "2024-11-28 17:36:08,\"Legs\",35m,\"Squat (Barbell)\",1,eighty,5.0,0,0.0,,,";
    let quoted = "2024-11-28 17:36:08,\"Legs\",35m,\"Squat (Barbell)\",2,80.0,5.0,0,0.0,\"two\nlines\",,";
    for ending in ["\n", "\r\n", "\r"] {
        let lines = [strong, "", row, "  ", quoted, bad, "", "", row, bad];
        let text = format!("\u{feff}\n{}{ending}", lines.join(ending));
        assert_streams_alike(&format!("{ending:?}"), text.as_bytes(), CsvDialect::Strong);
    }
    // A file of one long line without an end, and one of blank lines only.
    assert_streams_alike("header only", strong.as_bytes(), CsvDialect::Strong);
    assert_streams_alike("blank", b"\n \r\n\n", CsvDialect::Strong);
    assert_streams_alike("empty", b"", CsvDialect::Hevy);
}

/// A reader whose input fails after `good` bytes (a disk error, a truncated download).
struct Failing<'a> {
    good: &'a [u8],
}

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.good.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.good.len()).min(100);
        buf[..n].copy_from_slice(&self.good[..n]);
        self.good = &self.good[n..];
        Ok(n)
    }
}

#[test]
fn an_input_that_fails_part_way_makes_the_file_an_error() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (name, dialect) in [
        ("strong-2025.csv", CsvDialect::Strong),
        ("hevy.csv", CsvDialect::Hevy),
        ("jefit.csv", CsvDialect::Jefit),
    ] {
        let bytes = std::fs::read(root.join("../../fixtures/csv").join(name)).unwrap();
        let source = SourceRef::file(name, dialect.source_format());
        for good in [0, 10, bytes.len() / 2] {
            let input = Failing { good: &bytes[..good] };
            let err = parse_from(input, dialect, &source, &CsvOptions::default()).unwrap_err();
            assert_eq!(err.path(), Path::new(name));
            let cause = err.kind().io_error().expect("an I/O error");
            assert_eq!(cause.to_string(), "disk on fire", "{name} after {good} bytes");
        }
    }
}

#[test]
fn lines_stay_right_far_into_a_long_file() {
    // 5,000 rows (about 400 KB, far past what the line counter keeps), a row with a quoted
    // line break every 7th, a bad row every 500th: the bad rows' lines are known.
    let mut text = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\r\n",
    );
    let mut line = 2;
    let mut bad_lines = Vec::new();
    for i in 0..5_000 {
        let weight = if i % 500 == 499 {
            bad_lines.push(line);
            "heavy"
        } else {
            "80.0"
        };
        let note = if i % 7 == 0 { "\"two\r\nlines\"" } else { "" };
        text.push_str(&format!(
            "2024-11-{:02} 17:36:08,\"Legs\",35m,\"Squat (Barbell)\",1,{weight},5.0,0,0.0,{note},,\r\n",
            1 + i % 28
        ));
        line += if i % 7 == 0 { 2 } else { 1 };
    }
    let source = SourceRef::file("long.csv", CsvDialect::Strong.source_format());
    let options = CsvOptions::default();
    let lines_of = |parsed: Parsed| -> Vec<u64> {
        parsed
            .warnings
            .iter()
            .map(|w| match w.position() {
                Some(runlift_model::Position::Record { line, .. }) => line,
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let in_memory = parse(text.as_bytes(), CsvDialect::Strong, &source, &options).unwrap();
    assert_eq!(lines_of(in_memory), bad_lines);
    for step in [3, 5000] {
        let stream = Trickle {
            bytes: text.as_bytes(),
            step,
            calls: 0,
        };
        let streamed = parse_from(stream, CsvDialect::Strong, &source, &options).unwrap();
        assert_eq!(
            streamed.activities.iter().map(|a| a.sets.len()).sum::<usize>(),
            4_990
        );
        assert_eq!(lines_of(streamed), bad_lines, "{step} bytes a read");
    }
}

#[test]
fn a_header_after_more_blank_lines_than_a_record_holds_is_still_found() {
    // 1.5 MiB of blank lines (past the 1 MiB bound on a record), then a header and a row.
    let mut text = String::from("\u{feff}");
    text.push_str(&" \r\n".repeat(512 * 1024));
    text.push_str("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n");
    text.push_str("2024-11-28 17:36:08,Legs,Squat (Barbell),1,80,5\n");
    let source = SourceRef::file("blank-start.csv", CsvDialect::Strong.source_format());
    let options = CsvOptions::default();
    let parsed = parse(text.as_bytes(), CsvDialect::Strong, &source, &options).unwrap();
    assert_eq!(parsed.activities[0].sets[0].weight_kg, Some(80.0));
    let stream = Trickle {
        bytes: text.as_bytes(),
        step: 4096,
        calls: 0,
    };
    let streamed = parse_from(stream, CsvDialect::Strong, &source, &options).unwrap();
    assert_eq!(streamed.activities[0].sets[0].reps, Some(5));
}
