//! Which sport a GPX track is, from its `<type>` or, failing that, its name.

use runlift_model::{RunKind, Sport};

/// The sport a GPX `<type>` value names.
///
/// - Garmin Connect writes activity keys (`running`, `trail_running`, `treadmill_running`,
///   `track_running`, `indoor_running`, `street_running`, `virtual_run`, `cycling`,
///   `strength_training`, ...); other apps write words such as `Run` or `Ride`. Case, spaces
///   and hyphens do not matter.
/// - Strava writes numbers. `9` is Run, `1` Ride (`cycling`), `4` Hike (`hiking`) and `10`
///   Walk (`walking`); other numbers are kept as they are (`Sport::Other("16")`), since
///   Strava does not publish the table.
/// - Running keys become [`Sport::Running`] with their [`RunKind`]; strength keys
///   (`strength_training`, `strength`, `weight_training`, `WeightTraining`) become
///   [`Sport::StrengthTraining`]; anything else is [`Sport::Other`] with the value in lower
///   case.
pub fn sport_from_gpx_type(value: &str) -> Sport {
    let lower = value.trim().to_lowercase();
    let key: String = lower
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let run = |kind| Sport::Running(kind);
    match key.as_str() {
        "9" | "run" | "running" | "jog" | "jogging" | "ultra_run" | "obstacle_run" => {
            run(RunKind::Unspecified)
        }
        "street_running" | "road_running" | "road_run" => run(RunKind::Road),
        "trail_running" | "trail_run" | "trailrun" => run(RunKind::Trail),
        // Garmin's virtual run (Zwift and the like) is run on a treadmill.
        "treadmill_running" | "treadmill_run" | "treadmill" | "virtual_run" | "virtualrun" => {
            run(RunKind::Treadmill)
        }
        "track_running" | "track_run" => run(RunKind::Track),
        "indoor_running" | "indoor_run" => run(RunKind::Indoor),
        "strength_training" | "strength" | "weight_training" | "weighttraining" => Sport::StrengthTraining,
        "1" => Sport::Other("cycling".to_owned()),
        "4" => Sport::Other("hiking".to_owned()),
        "10" => Sport::Other("walking".to_owned()),
        _ => Sport::Other(lower),
    }
}

/// Whether a track or file name clearly says the session was a run: it contains one of the
/// whole words run, runs, running, jog, jogging, lauf, laufen, hardlopen or hardloop, in any
/// case.
pub fn name_says_run(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "run",
        "runs",
        "running",
        "jog",
        "jogging",
        "lauf",
        "laufen",
        "hardlopen",
        "hardloop",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .any(|word| WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garmin_strava_and_other_types_map_to_sports() {
        let other = |s: &str| Sport::Other(s.to_owned());
        let cases = [
            ("running", Sport::Running(RunKind::Unspecified)),
            ("trail_running", Sport::Running(RunKind::Trail)),
            ("treadmill_running", Sport::Running(RunKind::Treadmill)),
            ("track_running", Sport::Running(RunKind::Track)),
            ("indoor_running", Sport::Running(RunKind::Indoor)),
            ("street_running", Sport::Running(RunKind::Road)),
            ("Run", Sport::Running(RunKind::Unspecified)),
            ("TrailRun", Sport::Running(RunKind::Trail)),
            (" 9 ", Sport::Running(RunKind::Unspecified)),
            ("strength_training", Sport::StrengthTraining),
            ("WeightTraining", Sport::StrengthTraining),
            ("cycling", other("cycling")),
            ("1", other("cycling")),
            ("4", other("hiking")),
            ("10", other("walking")),
            ("16", other("16")),
            ("Ride", other("ride")),
            ("Hiking", other("hiking")),
        ];
        for (value, sport) in cases {
            assert_eq!(sport_from_gpx_type(value), sport, "{value}");
        }
    }

    #[test]
    fn names_say_run_only_with_whole_words() {
        for name in [
            "Morning Run",
            "RUNNING with Bob",
            "Abendlauf? no: Lauf am Abend",
            "hardlopen",
            "jog-walk",
        ] {
            assert!(name_says_run(name), "{name}");
        }
        for name in [
            "Brunch ride",
            "Runkeeper export",
            "Rundweg",
            "2014-05-06_132925",
            "",
        ] {
            assert!(!name_says_run(name), "{name}");
        }
    }
}
