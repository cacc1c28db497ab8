//! gzip and zip reading through the import crate's container code: the bytes are written to
//! a file and read with `runlift_import::read_file`, the path a user's archive takes (a zip on
//! disk is opened once per worker; zips inside a gz or a zip are read from memory).
//!
//! The limits are small so that one execution cannot take much memory or time, and so that
//! the fuzzer can reach each of them (entry count, total size, nesting depth, ratio).
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use runlift_import::{ImportOptions, Limits, Origin};

static OPTIONS: LazyLock<ImportOptions> = LazyLock::new(|| ImportOptions {
    limits: Limits {
        max_in_memory_bytes: 1 << 20,
        max_stream_bytes: 4 << 20,
        max_entries: 64,
        max_total_bytes: 8 << 20,
        max_ratio: 1_000,
        max_depth: 3,
    },
    ..ImportOptions::default()
});

/// One folder per process: libFuzzer's fork and jobs modes run several at once.
static FOLDER: LazyLock<PathBuf> = LazyLock::new(|| {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let folder = base.join(format!("runlift-fuzz-archive-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a temporary folder for the fuzz input");
    folder
});

fuzz_target!(|data: &[u8]| {
    // The content decides how it is read (gzip and zip magic); the name only how an unknown
    // content is reported.
    let name = if data.len().is_multiple_of(2) {
        "x.zip"
    } else {
        "x.gz"
    };
    let path = FOLDER.join(name);
    std::fs::write(&path, data).expect("writing the fuzz input");
    let reports = runlift_import::read_file(&path, Origin::Named, &OPTIONS);
    assert!(!reports.is_empty(), "a file read gave no report at all");
    for report in &reports {
        runlift_fuzz::check_report(report, &path);
    }
});
