//! `runlift_xml::parse_tcx` on any bytes, and the same reading from a stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runlift_model::{SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("fuzz.tcx", SourceFormat::Tcx);
    let result = runlift_xml::parse_tcx(data, &source);
    runlift_fuzz::check_result(&result, &source);
    // Streamed through a small window, whose edges then fall anywhere, the reading is the
    // same as in memory.
    let in_memory = runlift_xml::read_tcx(data, &source).map(|document| format!("{document:?}"));
    let streamed = runlift_xml::read_through_window(data, &source, 1 + data.len() % 61, true);
    assert_eq!(in_memory, streamed);
});
