//! The import crate's whole path for bytes in memory: `runlift_import::parse_bytes` detects
//! the format from the content and dispatches to the format crate.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use runlift_import::{ImportOptions, Origin};

fuzz_target!(|data: &[u8]| {
    // The name never decides the format, only how loudly an unknown file is reported: try a
    // name that promises nothing, found in a folder, and one that promises a FIT file, named.
    let (path, origin) = if data.len().is_multiple_of(2) {
        (Path::new("input.bin"), Origin::Found)
    } else {
        (Path::new("input.fit"), Origin::Named)
    };
    let report = runlift_import::parse_bytes(data, path, origin, &ImportOptions::default());
    runlift_fuzz::check_report(&report, path);
});
