//! Every CSV dialect on the same bytes: `runlift_csv::detect`, then each dialect's parser, so
//! that one execution covers them all whatever the header says.
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
    }
});
