//! `runlift_xml::parse_tcx` on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runlift_model::{SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("fuzz.tcx", SourceFormat::Tcx);
    let result = runlift_xml::parse_tcx(data, &source);
    runlift_fuzz::check_result(&result, &source);
});
