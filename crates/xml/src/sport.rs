//! Which sport an activity is, from what GPX, TCX and Apple Health write.

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

/// The sport of a TCX `<Activity Sport="...">`.
///
/// The TCX schema knows three values: `Running`, `Biking` (kept as `Sport::Other("cycling")`,
/// the name Garmin's other exports use) and `Other`. Any other value some writer puts there
/// (`Walking`, `Swimming`) is read as a GPX type would be ([`sport_from_gpx_type`]).
///
/// TCX has no sub-sport, but devices and apps sometimes say more in the activity's notes,
/// training plan name or device name, given as `hints`: a run whose hints contain the whole
/// word treadmill (or laufband, or zwift, whose runs are on a treadmill), trail, track or
/// indoor is that kind of run; an `Other` activity whose hint, taken whole, is a running or
/// strength key (`Strength Training`, `treadmill_running`, ...) is that sport. Anything else
/// stays `Sport::Other("other")`.
pub fn sport_from_tcx(sport: &str, hints: &[&str]) -> Sport {
    match sport.trim() {
        "Running" => Sport::Running(run_kind_from_hints(hints)),
        "Biking" => Sport::Other("cycling".to_owned()),
        "Other" | "" => hints
            .iter()
            .map(|hint| sport_from_gpx_type(hint))
            .find(|sport| !matches!(sport, Sport::Other(_)))
            .unwrap_or_else(|| Sport::Other("other".to_owned())),
        other => sport_from_gpx_type(other),
    }
}

fn run_kind_from_hints(hints: &[&str]) -> RunKind {
    const KINDS: &[(&str, RunKind)] = &[
        ("treadmill", RunKind::Treadmill),
        ("laufband", RunKind::Treadmill),
        ("zwift", RunKind::Treadmill),
        ("trail", RunKind::Trail),
        ("track", RunKind::Track),
        ("indoor", RunKind::Indoor),
    ];
    let words = || {
        hints
            .iter()
            .flat_map(|hint| hint.split(|c: char| !c.is_alphanumeric()))
    };
    KINDS
        .iter()
        .find(|(key, _)| words().any(|word| word.eq_ignore_ascii_case(key)))
        .map_or(RunKind::Unspecified, |&(_, kind)| kind)
}

/// The sport of an Apple Health workout, from its `workoutActivityType`.
///
/// `HKWorkoutActivityTypeRunning` is a run (a treadmill run when the workout's
/// `HKIndoorWorkout` metadata says indoor, `indoor`); `TraditionalStrengthTraining`,
/// `FunctionalStrengthTraining` and `CoreTraining` are strength training; every other type
/// is kept by its name in snake case (`HKWorkoutActivityTypeCycling` is `cycling`,
/// `HKWorkoutActivityTypeHighIntensityIntervalTraining` is
/// `high_intensity_interval_training`). A value without the `HKWorkoutActivityType` prefix is
/// kept lower-cased.
pub fn sport_from_healthkit(workout_type: &str, indoor: bool) -> Sport {
    let workout_type = workout_type.trim();
    let Some(name) = workout_type.strip_prefix("HKWorkoutActivityType") else {
        return Sport::Other(workout_type.to_lowercase());
    };
    match name {
        "Running" if indoor => Sport::Running(RunKind::Treadmill),
        "Running" => Sport::Running(RunKind::Unspecified),
        "TraditionalStrengthTraining" | "FunctionalStrengthTraining" | "CoreTraining" => {
            Sport::StrengthTraining
        }
        _ => Sport::Other(snake_case(name)),
    }
}

/// `HighIntensityIntervalTraining` as `high_intensity_interval_training`.
fn snake_case(camel: &str) -> String {
    let mut snake = String::with_capacity(camel.len() + 8);
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.extend(c.to_lowercase());
    }
    snake
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
    fn tcx_sports_and_hints_map_to_sports() {
        let other = |s: &str| Sport::Other(s.to_owned());
        let cases: &[(&str, &[&str], Sport)] = &[
            ("Running", &[], Sport::Running(RunKind::Unspecified)),
            ("Running", &["Aerobics"], Sport::Running(RunKind::Unspecified)),
            (
                "Running",
                &["Treadmill run, easy"],
                Sport::Running(RunKind::Treadmill),
            ),
            ("Running", &["", "Laufband"], Sport::Running(RunKind::Treadmill)),
            ("Running", &["Trail: Hochkönig"], Sport::Running(RunKind::Trail)),
            (
                "Running",
                &["Trailhead loop"],
                Sport::Running(RunKind::Unspecified),
            ),
            ("Biking", &["Treadmill"], other("cycling")),
            ("Other", &[], other("other")),
            ("Other", &["Nice paddle with Anna"], other("other")),
            ("Other", &["Strength Training"], Sport::StrengthTraining),
            (
                "Other",
                &["treadmill_running"],
                Sport::Running(RunKind::Treadmill),
            ),
            ("Walking", &[], other("walking")),
        ];
        for (sport, hints, expected) in cases {
            assert_eq!(&sport_from_tcx(sport, hints), expected, "{sport} {hints:?}");
        }
    }

    #[test]
    fn healthkit_types_map_to_sports() {
        let other = |s: &str| Sport::Other(s.to_owned());
        let cases = [
            (
                "HKWorkoutActivityTypeRunning",
                false,
                Sport::Running(RunKind::Unspecified),
            ),
            (
                "HKWorkoutActivityTypeRunning",
                true,
                Sport::Running(RunKind::Treadmill),
            ),
            (
                "HKWorkoutActivityTypeTraditionalStrengthTraining",
                false,
                Sport::StrengthTraining,
            ),
            (
                "HKWorkoutActivityTypeFunctionalStrengthTraining",
                false,
                Sport::StrengthTraining,
            ),
            ("HKWorkoutActivityTypeCoreTraining", true, Sport::StrengthTraining),
            ("HKWorkoutActivityTypeCycling", true, other("cycling")),
            (
                "HKWorkoutActivityTypeHighIntensityIntervalTraining",
                false,
                other("high_intensity_interval_training"),
            ),
            ("HKWorkoutActivityTypeSwimBikeRun", false, other("swim_bike_run")),
            ("HKWorkoutActivityTypeOther", false, other("other")),
            ("CustomApp Climbing", false, other("customapp climbing")),
        ];
        for (value, indoor, sport) in cases {
            assert_eq!(sport_from_healthkit(value, indoor), sport, "{value}");
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
