//! The checks every runlift fuzz target makes on what a parser returns: beyond "no panic",
//! only invariants that hold for any input, so that a failure is always a bug.
//!
//! - [`check_result`] for a format crate's `Result<Parsed, ParseError>`;
//! - [`check_report`] for the import crate's [`FileReport`].

use std::path::Path;

use runlift_import::{FileReport, FileStatus};
use runlift_model::{Activity, ParseError, Parsed, SourceRef};

/// Checks a format crate's answer for the file `source`: every error and warning names that
/// file and renders; every activity comes from it and holds no NaN or infinite figure.
pub fn check_result(result: &Result<Parsed, ParseError>, source: &SourceRef) {
    match result {
        Ok(parsed) => check_parsed(parsed, source),
        Err(err) => check_error(err, &source.path),
    }
}

fn check_parsed(parsed: &Parsed, source: &SourceRef) {
    for warning in &parsed.warnings {
        check_error(warning, &source.path);
    }
    for activity in &parsed.activities {
        assert_eq!(
            activity.source.path, source.path,
            "an activity names another file"
        );
        check_activity(activity);
    }
}

/// Checks the import crate's report on the file at `path`: the status agrees with what the
/// report holds, every problem names the file, every activity is free of NaN and infinities.
pub fn check_report(report: &FileReport, path: &Path) {
    assert_eq!(report.path, path, "the report names another file");
    for problem in &report.problems {
        check_error(problem, path);
    }
    match report.status {
        FileStatus::Ok => {
            assert!(
                report.problems.is_empty(),
                "status ok with problems: {:?}",
                report.problems
            );
            assert!(!report.activities.is_empty(), "status ok without an activity");
        }
        FileStatus::Partial => assert!(!report.problems.is_empty(), "status partial without a problem"),
        FileStatus::Error => {
            assert!(!report.problems.is_empty(), "status error without a problem");
            assert!(report.activities.is_empty(), "status error with activities");
        }
        FileStatus::Skipped => {
            assert!(report.skip_reason.is_some(), "status skipped without a reason");
            assert!(report.activities.is_empty(), "status skipped with activities");
        }
    }
    for activity in &report.activities {
        assert_eq!(activity.source.path, path, "an activity names another file");
        check_activity(activity);
    }
    // The name shown for the report must render, whatever bytes the archive entry had.
    let _ = report.display_name();
}

fn check_error(err: &ParseError, path: &Path) {
    assert_eq!(err.path(), path, "an error names another file: {err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&path.display().to_string()),
        "an error does not start with its file: {shown}"
    );
}

fn check_activity(activity: &Activity) {
    let figures = [
        ("distance_m", activity.distance_m),
        ("elevation_gain_m", activity.elevation_gain_m),
        ("avg_heart_rate", activity.avg_heart_rate),
        ("perceived_effort", activity.perceived_effort),
    ];
    for (name, value) in figures {
        if let Some(value) = value {
            assert!(value.is_finite(), "{name} is {value}");
        }
    }
    for set in &activity.sets {
        for (name, value) in [("weight_kg", set.weight_kg), ("set distance_m", set.distance_m)] {
            if let Some(value) = value {
                assert!(value.is_finite(), "{name} of a set is {value}");
            }
        }
    }
}
