//! `runlift_fit::parse_fit` on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runlift_model::{SourceFormat, SourceRef};

fuzz_target!(|data: &[u8]| {
    let source = SourceRef::file("fuzz.fit", SourceFormat::Fit);
    let result = runlift_fit::parse_fit(data, &source);
    runlift_fuzz::check_result(&result, &source);
});
