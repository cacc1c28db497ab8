//! Every CSV dialect on the same bytes: `runlift_csv::detect`, then each dialect's parser, so
//! that one execution covers them all whatever the header says; and each dialect read as a
//! stream (`parse_from`, the bytes handed over a few at a time) must come to what the bytes
//! in memory came to.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use runlift_csv::{CsvDialect, CsvOptions, WeightUnit};
use runlift_model::SourceRef;

// Pounds (read with miles) and a zone with DST exercise the unit conversions and the local
// times that a DST change skips or repeats.
static OPTIONS: LazyLock<[CsvOptions; 2]> = LazyLock::new(|| {
    [
        CsvOptions::default(),
        CsvOptions {
            weight_unit: WeightUnit::Pounds,
            time_zone: jiff::tz::TimeZone::get("America/New_York").expect("bundled tzdb"),
        },
    ]
});

fuzz_target!(|data: &[u8]| {
    // Detection reads the header only; it must not panic on any bytes either.
    let _ = runlift_csv::detect(data);
    let options = &OPTIONS[data.len() % 2];
    for dialect in CsvDialect::ALL {
        let source = SourceRef::file("fuzz.csv", dialect.source_format());
        let result = runlift_csv::parse(data, dialect, &source, options);
        runlift_fuzz::check_result(&result, &source);
        let stream = Trickle {
            bytes: data,
            step: 1 + data.len() % 13,
        };
        let streamed = runlift_csv::parse_from(stream, dialect, &source, options);
        runlift_fuzz::check_result(&streamed, &source);
        assert_eq!(outcome(&streamed), outcome(&result), "{dialect:?} streamed");
    }
});

/// A reader that hands over at most `step` bytes a call.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// A read's result in a form that compares (NaN equal to NaN): the activities, and every
/// warning's or the error's message and position.
fn outcome(result: &Result<runlift_model::Parsed, runlift_model::ParseError>) -> String {
    match result {
        Ok(parsed) => format!(
            "{:?} {:?} {:?} {:?}",
            parsed.activities,
            parsed
                .warnings
                .iter()
                .map(|w| (w.message(), w.position()))
                .collect::<Vec<_>>(),
            parsed.notes,
            parsed.nothing_to_import
        ),
        Err(err) => format!("{} {:?}", err.message(), err.position()),
    }
}
