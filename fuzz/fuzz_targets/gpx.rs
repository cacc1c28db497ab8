//! `runlift_xml::parse_gpx` on any bytes, and the same reading from a stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runlift_model::{SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("fuzz.gpx", SourceFormat::Gpx);
    let result = runlift_xml::parse_gpx(data, &source);
    runlift_fuzz::check_result(&result, &source);
    // Streamed through a small window, whose edges then fall anywhere, the reading is the
    // same as in memory.
    let in_memory = runlift_xml::read_gpx(data, &source).map(|document| format!("{document:?}"));
    let streamed = runlift_xml::read_through_window(data, &source, 1 + data.len() % 61, false);
    assert_eq!(in_memory, streamed);
});
