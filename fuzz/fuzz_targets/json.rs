//! Both JSON readers on the same bytes: `runlift_json::detect`, then the Garmin summary and the
//! Polar session reader, so that one execution covers both whatever the keys say.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use runlift_json::{JsonFormat, JsonOptions};
use runlift_model::SourceRef;

// A zone with DST exercises the local times a DST change skips or repeats.
static OPTIONS: LazyLock<[JsonOptions; 2]> = LazyLock::new(|| {
    [
        JsonOptions::default(),
        JsonOptions {
            time_zone: jiff::tz::TimeZone::get("America/New_York").expect("bundled tzdb"),
        },
    ]
});

fuzz_target!(|data: &[u8]| {
    let _ = runlift_json::detect(data);
    let options = &OPTIONS[data.len() % 2];
    for format in [JsonFormat::GarminSummarizedActivities, JsonFormat::PolarTrainingSession] {
        let source = SourceRef::file("fuzz.json", format.source_format());
        let result = runlift_json::parse(data, format, &source, options);
        runlift_fuzz::check_result(&result, &source);
    }
});
