//! `runlift_xml::parse_apple_health` on any bytes, read through a buffer of a few bytes so
//! that every element, attribute and text can be split across refills, as in a multi-GB
//! export read in 64 KiB pieces.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use runlift_model::{SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("export.xml", SourceFormat::AppleHealth);
    // The buffer size follows from the length, not from a byte of the input, so that seeds
    // stay well-formed documents; it varies from 1 to 61 bytes over the corpus.
    let capacity = 1 + data.len() % 61;
    let result = runlift_xml::parse_apple_health(BufReader::with_capacity(capacity, data), &source);
    runlift_fuzz::check_result(&result, &source);
});
