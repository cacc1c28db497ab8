//! The hand-written fixtures of `fixtures/garmin-account/` and `fixtures/polar-flow/`, read
//! with the exact figures their READMEs state.

use std::path::PathBuf;
use std::time::Duration;

use runlift_json::{JsonFormat, JsonOptions, detect, parse};
use runlift_model::{Parsed, RunKind, SourceRef, Sport};

fn read(path: &str, format: JsonFormat) -> Parsed {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(detect(&bytes), Some(format), "{}", path.display());
    let source = SourceRef::file(&path, format.source_format());
    let parsed = parse(&bytes, format, &source, &JsonOptions::default()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed
}

/// (sport, start, UTC offset in s, elapsed s, moving s, distance m, climb m, heart rate, sets).
type Row = (
    Sport,
    String,
    Option<i32>,
    u64,
    Option<u64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    usize,
);

fn rows(parsed: &Parsed) -> Vec<Row> {
    parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.utc_offset.map(|o| o.seconds()),
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.elevation_gain_m,
                a.avg_heart_rate,
                a.sets.len(),
            )
        })
        .collect()
}

#[test]
fn the_garmin_summaries_of_the_demo_history() {
    let parsed = read(
        "garmin-account/DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
        JsonFormat::GarminSummarizedActivities,
    );
    let run = Sport::Running(RunKind::Unspecified);
    assert_eq!(
        rows(&parsed),
        [
            (
                run.clone(),
                "2026-02-14T21:30:00Z".into(),
                Some(3600),
                5400,
                Some(5340),
                Some(15000.0),
                Some(88.0),
                Some(139.0),
                0
            ),
            (
                Sport::Running(RunKind::Treadmill),
                "2026-02-11T18:00:00Z".into(),
                Some(3600),
                1800,
                None,
                Some(5000.0),
                None,
                None,
                0
            ),
            (
                Sport::StrengthTraining,
                "2026-02-05T17:00:00Z".into(),
                Some(3600),
                1245,
                None,
                None,
                None,
                Some(112.0),
                10
            ),
            (
                run,
                "2026-02-03T05:30:00Z".into(),
                Some(3600),
                1920,
                Some(1800),
                Some(5040.0),
                Some(37.0),
                Some(148.0),
                0
            ),
        ]
    );
    let names: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| a.name.as_deref().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Saturday Night Long Run",
            "Hotel gym treadmill",
            "Squat & Bench",
            "Tuesday Easy Run"
        ]
    );
}

#[test]
fn the_polar_run_and_the_polar_run_then_lift() {
    let run = read(
        "polar-flow/training-session-2026-03-10-8012345678-3f9b2c1e-7d4a-4e0b-9a51-0c2d6e8f1a23.json",
        JsonFormat::PolarTrainingSession,
    );
    // 07:15 local at +01:00; PT47M30.5S.
    assert_eq!(
        rows(&run),
        [(
            Sport::Running(RunKind::Unspecified),
            "2026-03-10T06:15:00Z".into(),
            Some(3600),
            2850,
            None,
            Some(8040.0),
            Some(35.0),
            Some(149.0),
            0
        )]
    );
    assert_eq!(run.activities[0].elapsed, Duration::from_millis(2_850_500));
    assert_eq!(run.activities[0].name.as_deref(), Some("Tempo Tuesday"));

    let both = read(
        "polar-flow/training-session-2026-03-12-8012399999-b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e.json",
        JsonFormat::PolarTrainingSession,
    );
    assert_eq!(
        rows(&both),
        [
            (
                Sport::Running(RunKind::Treadmill),
                "2026-03-12T17:00:00Z".into(),
                Some(3600),
                1260,
                None,
                Some(4010.0),
                None,
                Some(146.0),
                0
            ),
            (
                Sport::StrengthTraining,
                "2026-03-12T17:22:00Z".into(),
                Some(3600),
                1500,
                None,
                None,
                None,
                Some(118.0),
                0
            ),
        ]
    );
}
