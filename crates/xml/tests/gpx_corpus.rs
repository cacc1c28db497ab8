//! The GPX reader against gpxpy 1.6.2 on the real files of the shared corpus
//! (`/work/shared/corpus/gpx`, reference figures in `reference/gpx.json`), and on the broken
//! files of `corpus/broken`.
//!
//! The corpus lives outside the repository; where it is absent the tests say so and pass.
//! Every mismatch is collected, and the test fails once, listing them all.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use runlift_model::{ParseError, Parsed, Position, SourceFormat, SourceRef};
use runlift_xml::{GpxDocument, XmlFormat, detect, parse_gpx, read_gpx};
use serde_json::Value;

/// Our length may differ from gpxpy's by this fraction: gpxpy measures short steps on a
/// flat-earth approximation with another radius, we use the haversine formula throughout.
const LENGTH_TOLERANCE: f64 = 0.005;

fn corpus_dir() -> Option<PathBuf> {
    runlift_corpus::corpus()
}

fn gpx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("gpx"))
        })
        .collect();
    files.sort();
    files
}

fn describe(result: &Result<Parsed, ParseError>) -> String {
    match result {
        Ok(parsed) => format!(
            "{} activities, {} warnings{}{}",
            parsed.activities.len(),
            parsed.warnings.len(),
            parsed
                .warnings
                .first()
                .map(|w| format!(" (first: {})", w.message()))
                .unwrap_or_default(),
            parsed
                .nothing_to_import
                .as_ref()
                .map(|n| format!("; nothing to import: {n}"))
                .unwrap_or_default(),
        ),
        Err(error) => format!("error: {error}"),
    }
}

fn timed_bounds(document: &GpxDocument) -> (Option<Timestamp>, Option<Timestamp>) {
    let times = || {
        document
            .tracks
            .iter()
            .flat_map(|t| t.points())
            .filter_map(|p| p.time)
    };
    (times().next(), times().next_back())
}

fn reference_time(entry: &Value, key: &str) -> Option<Timestamp> {
    entry[key]
        .as_str()
        .map(|s| s.parse().unwrap_or_else(|e| panic!("reference {key} {s:?}: {e}")))
}

#[test]
fn gpx_files_match_gpxpy() {
    let Some(corpus) = corpus_dir() else { return };
    let reference_path = corpus.join("reference/gpx.json");
    let reference: Value = serde_json::from_slice(&std::fs::read(&reference_path).unwrap()).unwrap();
    let entries = &reference["files"];
    let mut mismatches = Vec::new();
    let mut compared = 0;

    for path in gpx_files(&corpus.join("gpx")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let key = format!("gpx/{name}");
        let bytes = std::fs::read(&path).unwrap();
        let source = SourceRef::file(&path, SourceFormat::Gpx);
        let Some(entry) = entries.get(&key) else {
            mismatches.push(format!("{key}: no reference entry"));
            continue;
        };
        if detect(&bytes) != Some(XmlFormat::Gpx) {
            mismatches.push(format!("{key}: detect gave {:?}", detect(&bytes)));
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            (read_gpx(&bytes, &source), parse_gpx(&bytes, &source))
        }));
        let Ok((read, parsed)) = outcome else {
            mismatches.push(format!("{key}: panicked"));
            continue;
        };

        if entry["parse_failed"].as_bool() == Some(true) {
            println!(
                "{key}: gpxpy failed ({}); we returned {}",
                entry["error"].as_str().unwrap_or("?"),
                describe(&parsed)
            );
            continue;
        }
        let document = match read {
            Ok(document) => document,
            Err(error) => {
                mismatches.push(format!("{key}: gpxpy read it, we failed: {error}"));
                continue;
            }
        };
        compared += 1;
        let points: usize = document.tracks.iter().map(|t| t.point_count()).sum();
        let length: f64 = document.tracks.iter().map(|t| t.length_2d_m()).sum();
        let want_points = entry["num_track_points"].as_u64().unwrap() as usize;
        let want_length = entry["length_2d_m"].as_f64().unwrap();
        let difference = if want_length == 0.0 {
            length
        } else {
            (length - want_length) / want_length
        };
        println!(
            "{key}: {points} points (gpxpy {want_points}), {length:.3} m (gpxpy {want_length:.3} m, {:+.3} %); {}",
            difference * 100.0,
            describe(&parsed)
        );
        if points != want_points {
            mismatches.push(format!("{key}: {points} track points, gpxpy {want_points}"));
        }
        let close = if want_length == 0.0 {
            length < 1e-6
        } else {
            difference.abs() <= LENGTH_TOLERANCE
        };
        if !close {
            mismatches.push(format!("{key}: length {length:.3} m, gpxpy {want_length:.3} m"));
        }
        let (first, last) = timed_bounds(&document);
        let (want_first, want_last) = (
            reference_time(entry, "first_time"),
            reference_time(entry, "last_time"),
        );
        if (first, last) != (want_first, want_last) {
            mismatches.push(format!(
                "{key}: timed points {first:?}..{last:?}, gpxpy {want_first:?}..{want_last:?}"
            ));
        }
        if let Ok(parsed) = &parsed
            && !parsed.warnings.is_empty()
        {
            mismatches.push(format!(
                "{key}: gpxpy read it cleanly, we warned: {}",
                describe(&Ok(parsed.clone()))
            ));
        }
        // A file whose track points span some time yields activities; one without says why
        // not (a route without times, or a BaseCamp track with one time on its first point).
        let recorded = want_first.is_some() && want_first != want_last;
        match &parsed {
            Ok(parsed) if recorded && parsed.activities.is_empty() => {
                mismatches.push(format!("{key}: has recorded points but gave no activity"));
            }
            Ok(parsed) if parsed.activities.is_empty() && parsed.nothing_to_import.is_none() => {
                mismatches.push(format!("{key}: no activity and no reason why"));
            }
            _ => {}
        }
    }
    println!("compared {compared} files with gpxpy");
    assert!(compared > 0, "no GPX file was compared");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn broken_gpx_files_fail_or_warn_with_a_line() {
    let Some(corpus) = corpus_dir() else { return };
    let mut mismatches = Vec::new();
    let files = gpx_files(&corpus.join("broken"));
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let source = SourceRef::file(path, SourceFormat::Gpx);
        let Ok(result) = catch_unwind(AssertUnwindSafe(|| parse_gpx(&bytes, &source))) else {
            mismatches.push(format!("{name}: panicked"));
            continue;
        };
        println!("{name}: {}", describe(&result));
        let position = match &result {
            Err(error) => error.position(),
            Ok(parsed) if parsed.warnings.is_empty() => {
                mismatches.push(format!("{name}: read without error or warning"));
                continue;
            }
            Ok(parsed) => parsed.warnings.last().and_then(ParseError::position),
        };
        if !matches!(position, Some(Position::Line { .. })) {
            mismatches.push(format!("{name}: no line number ({position:?})"));
        }
    }
    assert!(!files.is_empty(), "no broken GPX file found");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
