//! Which sport an activity-summary row is, from the activity type its platform wrote.

use runlift_model::{RunKind, Sport};

/// The sport an activity type names, as Strava (`Run`, `Trail Run`, `Weight Training`,
/// `Ride`), Garmin Connect (`Running`, `Treadmill Running`, `Strength Training`, `Cycling`) or
/// a person filling in runlift's CSV (`run`, `strength`) writes it.
///
/// Case, spaces, hyphens and underscores do not matter. Running types become
/// [`Sport::Running`] with their [`RunKind`], strength types [`Sport::StrengthTraining`];
/// rides, walks, hikes and swims get the names runlift's other readers use (`cycling`,
/// `walking`, `hiking`, `swimming`), and anything else is kept as [`Sport::Other`] with its
/// name in lower case (`yoga`, `workout`, `crossfit`).
pub(crate) fn sport_from_type(value: &str) -> Sport {
    let lower = value.trim().to_lowercase();
    let key: String = lower.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
    let run = |kind| Sport::Running(kind);
    let other = |name: &str| Sport::Other(name.to_owned());
    match key.as_str() {
        "run" | "running" | "jog" | "jogging" | "ultrarun" | "obstaclerun" => run(RunKind::Unspecified),
        "roadrun" | "roadrunning" | "streetrunning" | "streetrun" => run(RunKind::Road),
        "trailrun" | "trailrunning" => run(RunKind::Trail),
        // Strava's and Garmin's virtual runs (Zwift and the like) are run on a treadmill.
        "treadmill" | "treadmillrun" | "treadmillrunning" | "virtualrun" | "virtualrunning" => {
            run(RunKind::Treadmill)
        }
        "trackrun" | "trackrunning" => run(RunKind::Track),
        "indoorrun" | "indoorrunning" => run(RunKind::Indoor),
        "strength" | "strengthtraining" | "weighttraining" | "weights" | "weightlifting" | "gym" => {
            Sport::StrengthTraining
        }
        "ride" | "cycling" | "bike" | "biking" => other("cycling"),
        "walk" | "walking" => other("walking"),
        "hike" | "hiking" => other("hiking"),
        "swim" | "swimming" => other("swimming"),
        _ => Sport::Other(lower),
    }
}

/// Whether an activity type is a swim, whose distances Garmin Connect writes in metres or
/// yards rather than kilometres or miles.
pub(crate) fn is_swim(value: &str) -> bool {
    value.to_lowercase().contains("swim")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_activity_types_map_to_sports() {
        let other = |s: &str| Sport::Other(s.to_owned());
        let cases = [
            ("Run", Sport::Running(RunKind::Unspecified)),
            ("Running", Sport::Running(RunKind::Unspecified)),
            ("Trail Run", Sport::Running(RunKind::Trail)),
            ("Trail Running", Sport::Running(RunKind::Trail)),
            ("Treadmill Running", Sport::Running(RunKind::Treadmill)),
            ("Virtual Run", Sport::Running(RunKind::Treadmill)),
            ("Track Running", Sport::Running(RunKind::Track)),
            ("Indoor Running", Sport::Running(RunKind::Indoor)),
            ("Street Running", Sport::Running(RunKind::Road)),
            ("Weight Training", Sport::StrengthTraining),
            ("Strength Training", Sport::StrengthTraining),
            ("strength", Sport::StrengthTraining),
            ("Ride", other("cycling")),
            ("Cycling", other("cycling")),
            ("Walk", other("walking")),
            ("Hike", other("hiking")),
            ("Pool Swim", other("pool swim")),
            ("Workout", other("workout")),
            ("Yoga", other("yoga")),
            ("Indoor Cycling", other("indoor cycling")),
        ];
        for (value, sport) in cases {
            assert_eq!(sport_from_type(value), sport, "{value}");
        }
        assert!(is_swim("Pool Swim") && is_swim("Open Water Swimming") && !is_swim("Running"));
    }
}
