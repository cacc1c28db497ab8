//! The TCX and Apple Health readers on the hand-written files of `fixtures/tcx` and
//! `fixtures/apple-health`, whose truth is listed in `fixtures/tcx/README.md` and in the
//! comments below.

use std::path::PathBuf;
use std::time::Duration;

use runlift_model::{Activity, Parsed, RunKind, SourceFormat, SourceRef, Sport, Timestamp, Venue};
use runlift_xml::{XmlFormat, detect, parse_apple_health, parse_tcx, read_tcx};

fn fixture(relative: &str) -> (Vec<u8>, SourceRef) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(relative);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = if relative.ends_with(".tcx") {
        SourceFormat::Tcx
    } else {
        SourceFormat::AppleHealth
    };
    (bytes, SourceRef::file(path, format))
}

fn parse_tcx_fixture(name: &str) -> Parsed {
    let (bytes, source) = fixture(&format!("tcx/{name}"));
    assert_eq!(detect(&bytes), Some(XmlFormat::Tcx), "{name}");
    let parsed = parse_tcx(&bytes, &source).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None);
    parsed
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn rounded(value: Option<f64>, digits: i32) -> Option<f64> {
    let scale = 10f64.powi(digits);
    value.map(|v| (v * scale).round() / scale)
}

#[test]
fn garmin_run_with_a_pause_uses_the_lap_totals() {
    let parsed = parse_tcx_fixture("2026-03-02-garmin-run-with-pause.tcx");
    let [run] = parsed.activities.as_slice() else {
        panic!("{:?}", parsed.activities)
    };
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.start, ts("2026-03-02T06:30:00Z"));
    assert_eq!(run.utc_offset, None);
    assert_eq!(run.elapsed, Duration::from_secs(600));
    assert_eq!(run.moving, Some(Duration::from_secs(480)));
    assert_eq!(run.distance_m, Some(1600.5));
    assert_eq!(run.avg_heart_rate, Some(145.625));
    assert_eq!(run.elevation_gain_m, Some(9.5));
    assert_eq!(run.name, None);
}

#[test]
fn garmin_run_keeps_tracks_and_tpx_run_cadence() {
    let (bytes, source) = fixture("tcx/2026-03-02-garmin-run-with-pause.tcx");
    let document = read_tcx(&bytes, &source).unwrap();
    let activity = &document.activities[0];
    assert_eq!(activity.creator.as_deref(), Some("Forerunner 255"));
    assert_eq!(activity.trackpoint_count(), 8);
    let tracks: Vec<usize> = activity
        .laps
        .iter()
        .flat_map(|l| l.tracks.iter().map(Vec::len))
        .collect();
    assert_eq!(tracks, [4, 2, 2]);
    let cadence: Vec<Option<f64>> = activity.trackpoints().map(|p| p.run_cadence).collect();
    assert_eq!(cadence, [78.0, 84.0, 86.0, 86.0, 86.0, 87.0, 0.0, 88.0].map(Some));
    let last = activity.trackpoints().last().unwrap();
    assert_eq!(last.position, Some((52.534388, 13.405)));
    assert_eq!(last.speed_mps, Some(3.3375000953674316));
}

#[test]
fn strava_ride_with_leading_whitespace_parses() {
    let parsed = parse_tcx_fixture("2026-03-04-strava-ride.tcx");
    let [ride] = parsed.activities.as_slice() else {
        panic!("{:?}", parsed.activities)
    };
    assert_eq!(ride.sport, Sport::Cycling(Venue::Unspecified));
    assert_eq!(ride.start, ts("2026-03-04T16:02:11Z"));
    assert_eq!(ride.elapsed, Duration::from_secs(1200));
    assert_eq!(ride.moving, Some(Duration::from_secs(1200)));
    assert_eq!(ride.distance_m, Some(8012.4));
    assert_eq!(ride.avg_heart_rate, Some(136.0));
    assert_eq!(rounded(ride.elevation_gain_m, 6), Some(3.4));
}

#[test]
fn multisport_session_gives_one_activity_per_leg() {
    let parsed = parse_tcx_fixture("2026-03-08-multisport-bike-run.tcx");
    let legs: Vec<(Sport, Timestamp, Duration, Option<f64>)> = parsed
        .activities
        .iter()
        .map(|a| (a.sport.clone(), a.start, a.elapsed, a.distance_m))
        .collect();
    assert_eq!(
        legs,
        [
            (
                Sport::Cycling(Venue::Unspecified),
                ts("2026-03-08T09:00:00Z"),
                Duration::from_secs(1800),
                Some(15000.0)
            ),
            (
                Sport::Running(RunKind::Unspecified),
                ts("2026-03-08T09:31:35Z"),
                Duration::from_secs(900),
                Some(3000.0)
            ),
        ]
    );
}

/// What the fixture's workouts hold, as hand-computed from their attributes.
struct Expected {
    sport: Sport,
    start: &'static str,
    offset_hours: i32,
    elapsed_s: u64,
    moving_s: u64,
    distance_m: Option<f64>,
    heart_rate: Option<f64>,
    gain_m: Option<f64>,
}

#[test]
fn google_fit_stretches_of_one_paused_run_are_one_run_and_the_walk_after_it_its_own() {
    let parsed = parse_tcx_fixture("2026-03-10-google-fit-paused-run.tcx");
    assert_eq!(parsed.activities.len(), 2, "{:?}", parsed.activities);
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.start, ts("2026-03-10T07:00:00Z"));
    // 07:00:00 to 07:40:30, the pauses of 5 min and 2 min 30 s included.
    assert_eq!(run.elapsed, Duration::from_secs(2430));
    assert_eq!(run.moving, Some(Duration::from_secs(720 + 840 + 420)));
    assert_eq!(run.distance_m, Some(6600.0));
    let walk = &parsed.activities[1];
    assert_eq!(walk.sport, Sport::Walking);
    assert_eq!(walk.start, ts("2026-03-10T07:42:00Z"));
    assert_eq!(walk.elapsed, Duration::from_secs(600));
    assert_eq!(walk.moving, Some(Duration::from_secs(600)));
    assert_eq!(walk.distance_m, Some(800.0));
    assert_eq!(
        parsed.notes,
        [
            "3 <Activity> elements of one running session from 2026-03-10T07:00:00Z (paused 5 min, 2 min 30 s) \
          read as one activity"
        ]
    );
}

/// A TCX of `<Activity Sport="Running">` elements, each one lap of `(start, seconds, metres)`.
fn tcx_of(stretches: &[(&str, u32, f64)]) -> Vec<u8> {
    let mut text = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>"#,
    );
    for (start, seconds, metres) in stretches {
        text.push_str(&format!(
            r#"<Activity Sport="Running"><Id>{start}</Id><Lap StartTime="{start}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{metres}</DistanceMeters></Lap></Activity>"#
        ));
    }
    text.push_str("</Activities></TrainingCenterDatabase>");
    text.into_bytes()
}

#[test]
fn runs_of_one_file_apart_by_more_than_half_an_hour_stay_apart() {
    let source = SourceRef::file("runs.tcx", SourceFormat::Tcx);
    // 30 min after the first ends: one session; 30 min and 1 s after the second ends: another.
    let bytes = tcx_of(&[
        ("2026-03-10T07:00:00Z", 600, 2000.0),
        ("2026-03-10T07:40:00Z", 600, 2000.0),
        ("2026-03-10T08:20:01Z", 600, 2000.0),
    ]);
    let parsed = parse_tcx(&bytes, &source).unwrap();
    let figures: Vec<(Timestamp, Duration, Option<Duration>, Option<f64>)> = parsed
        .activities
        .iter()
        .map(|a| (a.start, a.elapsed, a.moving, a.distance_m))
        .collect();
    assert_eq!(
        figures,
        [
            (
                ts("2026-03-10T07:00:00Z"),
                Duration::from_secs(3000),
                Some(Duration::from_secs(1200)),
                Some(4000.0)
            ),
            (
                ts("2026-03-10T08:20:01Z"),
                Duration::from_secs(600),
                Some(Duration::from_secs(600)),
                Some(2000.0)
            ),
        ]
    );
}

#[test]
fn apple_health_export_gives_every_workout() {
    let (bytes, source) = fixture("apple-health/export.xml");
    assert_eq!(detect(&bytes), Some(XmlFormat::AppleHealth));
    let parsed = parse_apple_health(bytes.as_slice(), &source).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let run = Sport::Running(RunKind::Unspecified);
    let expected = [
        // An iOS 13 export's run: distance in the attributes, 28.3 m climbed, Berlin in May.
        Expected {
            sport: run.clone(),
            start: "2020-05-03T05:33:02Z",
            offset_hours: 2,
            elapsed_s: 34 * 60,
            moving_s: 31 * 60 + 30,
            distance_m: Some(5250.0),
            heart_rate: None,
            gain_m: Some(28.3),
        },
        // Run in New York, exported in Berlin: dates written +0200, HKTimeZone says -04:00;
        // distance and heart rate from WorkoutStatistics, climb from the WorkoutActivity.
        Expected {
            sport: run,
            start: "2026-06-12T10:30:00Z",
            offset_hours: -4,
            elapsed_s: 48 * 60 + 30,
            moving_s: 47 * 60 + 15,
            distance_m: Some(8046.7),
            heart_rate: Some(152.4),
            gain_m: Some(12.5),
        },
        // Indoor run: a treadmill; 3.1 mi; no HKTimeZone, so the written +0100.
        Expected {
            sport: Sport::Running(RunKind::Treadmill),
            start: "2026-01-15T17:00:00Z",
            offset_hours: 1,
            elapsed_s: 32 * 60 + 10,
            moving_s: 30 * 60,
            distance_m: Some(3.1 * 1609.344),
            heart_rate: Some(141.0),
            gain_m: None,
        },
        // Traditional strength with a 2.5-minute pause; totalDistance 0 is no distance.
        Expected {
            sport: Sport::StrengthTraining,
            start: "2026-07-14T16:05:00Z",
            offset_hours: 2,
            elapsed_s: 57 * 60 + 30,
            moving_s: 55 * 60,
            distance_m: None,
            heart_rate: Some(118.0),
            gain_m: None,
        },
        Expected {
            sport: Sport::StrengthTraining,
            start: "2026-07-16T05:00:00Z",
            offset_hours: 2,
            elapsed_s: 40 * 60,
            moving_s: 40 * 60,
            distance_m: None,
            heart_rate: None,
            gain_m: None,
        },
        // Core training, its duration in seconds.
        Expected {
            sport: Sport::StrengthTraining,
            start: "2026-07-16T05:41:00Z",
            offset_hours: 2,
            elapsed_s: 900,
            moving_s: 900,
            distance_m: None,
            heart_rate: None,
            gain_m: None,
        },
        // A ride synced from Strava, 12.4 mi.
        Expected {
            sport: Sport::Cycling(Venue::Unspecified),
            start: "2026-07-18T07:00:00Z",
            offset_hours: 2,
            elapsed_s: 65 * 60,
            moving_s: 62 * 60 + 30,
            distance_m: Some(12.4 * 1609.344),
            heart_rate: None,
            gain_m: None,
        },
        Expected {
            sport: Sport::Hiit,
            start: "2026-07-19T06:00:00Z",
            offset_hours: 2,
            elapsed_s: 24 * 60 + 30,
            moving_s: 24 * 60 + 30,
            distance_m: None,
            heart_rate: None,
            gain_m: None,
        },
    ];
    assert_eq!(parsed.activities.len(), expected.len());
    for (i, (activity, want)) in parsed.activities.iter().zip(&expected).enumerate() {
        let Activity {
            sport,
            start,
            utc_offset,
            elapsed,
            moving,
            distance_m,
            avg_heart_rate,
            elevation_gain_m,
            ..
        } = activity;
        assert_eq!(sport, &want.sport, "workout {i}");
        assert_eq!(*start, ts(want.start), "workout {i}");
        assert_eq!(
            utc_offset.map(|o| o.seconds()),
            Some(want.offset_hours * 3600),
            "workout {i}"
        );
        assert_eq!(*elapsed, Duration::from_secs(want.elapsed_s), "workout {i}");
        assert_eq!(*moving, Some(Duration::from_secs(want.moving_s)), "workout {i}");
        assert_eq!(
            rounded(*distance_m, 6),
            rounded(want.distance_m, 6),
            "workout {i}"
        );
        assert_eq!(*avg_heart_rate, want.heart_rate, "workout {i}");
        assert_eq!(*elevation_gain_m, want.gain_m, "workout {i}");
        assert_eq!(activity.source, source, "workout {i}");
    }
    assert_eq!(
        parsed.notes,
        [
            "2 of 8 workouts carry no HKTimeZone: their local time uses the offset written in the export, \
          which is the exporting phone's time zone and may not be where the workout took place"
        ]
    );
}
