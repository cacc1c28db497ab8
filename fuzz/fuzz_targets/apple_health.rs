//! `runlift_xml::parse_apple_health` on any bytes, read through a buffer of a few bytes so
//! that every element, attribute and text can be split across refills, as in a multi-GB
//! export read in 64 KiB pieces; the answer must be the one the whole buffer gives.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use runlift_model::{ParseError, Parsed, SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("export.xml", SourceFormat::AppleHealth);
    // The buffer size follows from the length, not from a byte of the input, so that seeds
    // stay well-formed documents; it varies from 1 to 61 bytes over the corpus.
    let capacity = 1 + data.len() % 61;
    let piecewise = runlift_xml::parse_apple_health(BufReader::with_capacity(capacity, data), &source);
    runlift_fuzz::check_result(&piecewise, &source);
    let whole = runlift_xml::parse_apple_health(data, &source);
    assert_same(&piecewise, &whole, capacity);
});

/// Where the buffer ends must change nothing: not the workouts, not the warnings, not where
/// the damage is said to be.
fn assert_same(piecewise: &Result<Parsed, ParseError>, whole: &Result<Parsed, ParseError>, capacity: usize) {
    match (piecewise, whole) {
        (Ok(a), Ok(b)) => {
            assert_eq!(
                a.activities, b.activities,
                "activities differ with a {capacity}-byte buffer"
            );
            assert_eq!(
                a.warnings, b.warnings,
                "warnings differ with a {capacity}-byte buffer"
            );
            assert_eq!(
                a.nothing_to_import, b.nothing_to_import,
                "with a {capacity}-byte buffer"
            );
            assert_eq!(a.notes, b.notes, "notes differ with a {capacity}-byte buffer");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "the error differs with a {capacity}-byte buffer"),
        (a, b) => panic!("with a {capacity}-byte buffer: {a:?}; whole: {b:?}"),
    }
}
