//! The TCX reader on the real files of the shared corpus (`/work/shared/corpus/tcx`).
//!
//! There is no reference JSON for TCX, so the reference figures are computed here by plain
//! string scanning, independently of the reader: per `<Activity `, its laps (`<Lap `), the
//! lap's own `<TotalTimeSeconds>` and `<DistanceMeters>` (those before its `<Track>`), and
//! its `<Trackpoint>` count. A few figures checked by hand are asserted exactly.
//!
//! The corpus lives outside the repository; where it is absent the tests say so and pass.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Duration;

use runlift_model::{RunKind, SourceFormat, SourceRef, Sport, Timestamp};
use runlift_xml::{XmlFormat, detect, parse_tcx, read_tcx};

fn corpus_dir() -> Option<PathBuf> {
    runlift_corpus::corpus()
}

fn tcx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("tcx"))
        })
        .collect();
    files.sort();
    files
}

/// What string scanning finds in one `<Activity>`.
#[derive(Debug)]
struct Scanned {
    laps: usize,
    lap_seconds: f64,
    lap_metres: f64,
    trackpoints: usize,
}

/// The text between `<tag>` and `</tag>` at the first occurrence in `text`.
fn first_value(text: &str, tag: &str) -> Option<f64> {
    let open = format!("<{tag}>");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find('<')?;
    Some(text[start..end].trim().parse().unwrap())
}

fn scan(text: &str) -> Vec<Scanned> {
    text.split("<Activity ")
        .skip(1)
        .map(|activity| {
            let laps: Vec<&str> = activity.split("<Lap ").skip(1).collect();
            let lap_heads = laps.iter().map(|lap| lap.split("<Track>").next().unwrap());
            Scanned {
                laps: laps.len(),
                lap_seconds: lap_heads
                    .clone()
                    .filter_map(|h| first_value(h, "TotalTimeSeconds"))
                    .sum(),
                lap_metres: lap_heads.filter_map(|h| first_value(h, "DistanceMeters")).sum(),
                trackpoints: activity.matches("<Trackpoint>").count()
                    + activity.matches("<Trackpoint/>").count(),
            }
        })
        .collect()
}

#[test]
fn tcx_files_match_their_own_lap_totals() {
    let Some(corpus) = corpus_dir() else { return };
    let mut mismatches = Vec::new();
    let files = tcx_files(&corpus.join("tcx"));
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let source = SourceRef::file(path, SourceFormat::Tcx);
        if detect(&bytes) != Some(XmlFormat::Tcx) {
            mismatches.push(format!("{name}: detect gave {:?}", detect(&bytes)));
        }
        let Ok((document, parsed)) = catch_unwind(AssertUnwindSafe(|| {
            (read_tcx(&bytes, &source), parse_tcx(&bytes, &source))
        })) else {
            mismatches.push(format!("{name}: panicked"));
            continue;
        };
        let (document, parsed) = match (document, parsed) {
            (Ok(document), Ok(parsed)) => (document, parsed),
            (document, parsed) => {
                mismatches.push(format!(
                    "{name}: failed: {:?} / {:?}",
                    document.err(),
                    parsed.err()
                ));
                continue;
            }
        };
        if !parsed.warnings.is_empty() {
            mismatches.push(format!("{name}: warnings on a clean file: {:?}", parsed.warnings));
        }
        let scanned = scan(&text);
        if scanned.is_empty() {
            let reason = parsed.nothing_to_import.clone().unwrap_or_default();
            println!("{name}: no activity; {reason}");
            if !parsed.activities.is_empty() || !reason.contains("a plan, not a recording") {
                mismatches.push(format!("{name}: a file without <Activity> gave {parsed:?}"));
            }
            continue;
        }
        if parsed.activities.len() != scanned.len() || document.activities.len() != scanned.len() {
            mismatches.push(format!(
                "{name}: {} activities, scanning finds {}",
                parsed.activities.len(),
                scanned.len()
            ));
            continue;
        }
        for (i, ((activity, tcx), want)) in parsed
            .activities
            .iter()
            .zip(&document.activities)
            .zip(&scanned)
            .enumerate()
        {
            println!(
                "{name}[{i}]: {} laps, {} points, moving {:?} (scan {} s), distance {:?} (scan {} m), elapsed {:?}, hr {:?}, gain {:?}, sport {}",
                tcx.laps.len(),
                tcx.trackpoint_count(),
                activity.moving,
                want.lap_seconds,
                activity.distance_m,
                want.lap_metres,
                activity.elapsed,
                activity.avg_heart_rate,
                activity.elevation_gain_m,
                activity.sport,
            );
            if tcx.laps.len() != want.laps || tcx.trackpoint_count() != want.trackpoints {
                mismatches.push(format!(
                    "{name}[{i}]: {} laps / {} points, scan {want:?}",
                    tcx.laps.len(),
                    tcx.trackpoint_count()
                ));
            }
            let moving = activity.moving.map(|m| m.as_secs_f64());
            if moving.is_none_or(|m| (m - want.lap_seconds).abs() > 1e-6) {
                mismatches.push(format!(
                    "{name}[{i}]: moving {moving:?}, laps sum to {} s",
                    want.lap_seconds
                ));
            }
            if activity
                .distance_m
                .is_none_or(|d| (d - want.lap_metres).abs() > 1e-6)
            {
                mismatches.push(format!(
                    "{name}[{i}]: distance {:?}, laps sum to {} m",
                    activity.distance_m, want.lap_metres
                ));
            }
            if activity.elapsed < activity.moving.unwrap_or_default() {
                mismatches.push(format!(
                    "{name}[{i}]: elapsed {:?} below moving",
                    activity.elapsed
                ));
            }
        }
    }
    assert!(!files.is_empty(), "no TCX file found");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

fn parse_corpus_file(name: &str) -> Option<(runlift_xml::TcxDocument, runlift_model::Parsed)> {
    let path = corpus_dir()?.join("tcx").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let source = SourceRef::file(&path, SourceFormat::Tcx);
    Some((
        read_tcx(&bytes, &source).unwrap(),
        parse_tcx(&bytes, &source).unwrap(),
    ))
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn multiple_activities_file_gives_two_runs() {
    let Some((_, parsed)) = parse_corpus_file("multiple_running_activities.tcx") else {
        return;
    };
    let starts: Vec<Timestamp> = parsed.activities.iter().map(|a| a.start).collect();
    assert_eq!(starts, [ts("2014-12-26T10:00:39Z"), ts("2016-07-29T15:00:26Z")]);
    assert!(
        parsed
            .activities
            .iter()
            .all(|a| a.sport == Sport::Running(RunKind::Unspecified))
    );
    assert_eq!(parsed.activities[0].moving, Some(Duration::from_secs(3270)));
    assert_eq!(parsed.activities[1].moving, Some(Duration::from_secs(5259)));
    // The first ends with its last lap (10:53:59 plus 71 s of timer time), a second after
    // its last trackpoint at 10:55:09; the second runs from 15:00:26 to 16:28:26.
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(54 * 60 + 31));
    assert_eq!(parsed.activities[1].elapsed, Duration::from_secs(88 * 60));
}

#[test]
fn polar_m400_minified_file_reads_every_trackpoint() {
    let Some((document, parsed)) = parse_corpus_file("3173437224.tcx") else {
        return;
    };
    assert_eq!(document.activities[0].trackpoint_count(), 3507);
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.name.as_deref(), Some("Hardlopen"));
    // The first lap starts at 10:25:13, a second after the <Id>; the last point is 11:30:16.719.
    assert_eq!(run.start, ts("2019-01-29T10:25:13Z"));
    assert_eq!(run.elapsed, Duration::from_millis(65 * 60_000 + 3_719));
    assert_eq!(run.moving, Some(Duration::from_secs(142 + 3368)));
    assert_eq!(run.distance_m, Some(142.89999389648438 + 4365.60009765625));
}

#[test]
fn garmin_treadmill_run_has_run_cadence_and_no_positions() {
    let Some((document, parsed)) = parse_corpus_file("treadmill_1.tcx") else {
        return;
    };
    let activity = &document.activities[0];
    assert_eq!(activity.creator.as_deref(), Some("Forerunner 945"));
    assert!(activity.trackpoints().all(|p| p.position.is_none()));
    assert!(
        activity
            .trackpoints()
            .any(|p| p.run_cadence.is_some_and(|c| c > 0.0))
    );
    let run = &parsed.activities[0];
    // Laps of 1609.34, 1609.34 and 892.8 m in 681.55, 582.023 and 374.498 s.
    assert_eq!(run.distance_m.map(|d| (d * 1000.0).round()), Some(4_111_480.0));
    assert_eq!(run.moving, Some(Duration::from_millis(1_638_071)));
}

#[test]
fn workouts_and_courses_files_hold_nothing_to_import() {
    let Some((_, workout)) = parse_corpus_file("simple_workout_1.tcx") else {
        return;
    };
    assert_eq!(
        workout.nothing_to_import.as_deref(),
        Some("the file holds 1 planned workout and no activity: a plan, not a recording")
    );
    let Some((_, course)) = parse_corpus_file("brighton-beach.tcx") else {
        return;
    };
    assert_eq!(
        course.nothing_to_import.as_deref(),
        Some("the file holds 1 course (a planned route) and no activity: a plan, not a recording")
    );
}
