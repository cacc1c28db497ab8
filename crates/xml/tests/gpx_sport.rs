//! The sport of GPX tracks without `<type>`, inferred from their name, cadence or speed, on
//! the files of `fixtures/gpx/` (written by `fixtures/tools/make_inferred_gpx.py`, which
//! prints their truth; see `fixtures/gpx/README.md`).

use std::path::PathBuf;
use std::time::Duration;

use runlift_model::{Parsed, RunKind, SourceFormat, SourceRef, Sport, SportInference, Venue};
use runlift_xml::{SpeedProfile, parse_gpx, read_gpx};

fn fixture(name: &str) -> (Vec<u8>, SourceRef) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/gpx")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, SourceRef::file(path, SourceFormat::Gpx))
}

fn parse(name: &str) -> Parsed {
    let (bytes, source) = fixture(name);
    let parsed = parse_gpx(&bytes, &source).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    assert_eq!(parsed.activities.len(), 1, "{name}");
    parsed
}

#[test]
fn tracks_without_type_take_their_sport_from_name_cadence_or_speed() {
    let run = Sport::Running(RunKind::Unspecified);
    let cases: &[(&str, Sport, Option<SportInference>, u64, f64)] = &[
        (
            "2026-03-11-strava-nachtlauf-no-type.gpx",
            run.clone(),
            Some(SportInference::Name),
            1800,
            5220.00,
        ),
        (
            "2026-03-12-garmin-run-by-cadence.gpx",
            run.clone(),
            Some(SportInference::Cadence),
            1800,
            5400.00,
        ),
        (
            "2026-03-13-logger-even-run-by-speed.gpx",
            run.clone(),
            Some(SportInference::Speed),
            2400,
            7680.00,
        ),
        (
            "2026-03-14-logger-walk-by-speed.gpx",
            Sport::Walking,
            Some(SportInference::Speed),
            2400,
            3240.00,
        ),
        (
            "2026-03-15-logger-ride-by-speed.gpx",
            Sport::Cycling(Venue::Unspecified),
            Some(SportInference::Speed),
            3600,
            29880.00,
        ),
        (
            "2026-03-16-logger-unknown-sport.gpx",
            Sport::Other("unspecified".to_owned()),
            None,
            1800,
            7050.00,
        ),
    ];
    for (name, sport, inferred, seconds, metres) in cases {
        let parsed = parse(name);
        let activity = &parsed.activities[0];
        assert_eq!(&activity.sport, sport, "{name}");
        assert_eq!(&activity.sport_inferred, inferred, "{name}");
        assert_eq!(activity.elapsed, Duration::from_secs(*seconds), "{name}");
        let distance = activity.distance_m.unwrap();
        assert!((distance - metres).abs() < 0.005, "{name}: {distance} m");
    }
}

#[test]
fn a_track_whose_sport_stays_unknown_says_so_in_a_note() {
    let parsed = parse("2026-03-16-logger-unknown-sport.gpx");
    assert_eq!(
        parsed.notes,
        [
            "the track names no sport, and neither name, cadence nor speed tells one: left unspecified \
          (--sport-for-unknown or [import] unknown_sport name one)"
        ]
    );
    assert!(parse("2026-03-13-logger-even-run-by-speed.gpx").notes.is_empty());
}

#[test]
fn speed_profiles_measure_median_and_dispersion_of_half_minute_stretches() {
    let profile = |name: &str| {
        let (bytes, source) = fixture(name);
        SpeedProfile::of(&read_gpx(&bytes, &source).unwrap().tracks[0]).expect("a profile")
    };
    // 2.4 and 3.6 m/s by turns, a minute each: median 3.0, dispersion 1.2 / 6.0.
    let uneven = profile("2026-03-12-garmin-run-by-cadence.gpx");
    assert_eq!(uneven.stretches, 60);
    assert!((uneven.median_mps - 3.0).abs() < 1e-3, "{uneven:?}");
    assert!((uneven.dispersion - 0.2).abs() < 1e-3, "{uneven:?}");
    let even = profile("2026-03-13-logger-even-run-by-speed.gpx");
    assert!((even.median_mps - 3.2).abs() < 1e-3, "{even:?}");
    assert!(even.dispersion < 0.02, "{even:?}");
}

#[test]
fn a_type_is_never_second_guessed() {
    let gpx = br#"<?xml version="1.0"?>
<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Morning Run</name><type>cycling</type><trkseg>
<trkpt lat="50.0" lon="8.0"><time>2026-03-10T07:00:00Z</time></trkpt>
<trkpt lat="50.01" lon="8.0"><time>2026-03-10T07:10:00Z</time></trkpt>
</trkseg></trk></gpx>"#;
    let parsed = parse_gpx(gpx, &SourceRef::file("x.gpx", SourceFormat::Gpx)).unwrap();
    assert_eq!(parsed.activities[0].sport, Sport::Cycling(Venue::Unspecified));
    assert_eq!(parsed.activities[0].sport_inferred, None);
}
