//! What FIT's numbers mean: sports, file types and exercises, named by fitparser's generated
//! FIT profile (so no table of the profile is retyped here) and mapped onto runlift's model.

use fitparser::profile::field_types::{ExerciseCategory, File, Sport as FitSport, SubSport};
use fitparser::profile::{FieldDataType, get_field_variant_as_string};
use runlift_model::Sport;

/// The `file_id.type` of activities.
pub(crate) const ACTIVITY_FILE: u8 = 4;

/// runlift's sport for a FIT `sport` and `sub_sport`: the numbers named by the profile
/// (`sport_200` for a sport it does not name; a sub-sport it does not name says nothing) and
/// read by the model's one vocabulary, [`Sport::from_fit`].
pub(crate) fn sport(sport: Option<u8>, sub_sport: Option<u8>) -> Sport {
    let sport_name = match FitSport::from(sport.unwrap_or(0)) {
        FitSport::UnknownVariant(n) => format!("sport_{n}"),
        named => named.to_string(),
    };
    let sub_name = sub_sport.map(SubSport::from).and_then(|sub| match sub {
        SubSport::UnknownVariant(_) => None,
        named => Some(named.to_string()),
    });
    Sport::from_fit(&sport_name, sub_name.as_deref())
}

/// What a non-activity file is, for "a FIT settings file, not an activity".
pub(crate) fn file_type_name(file_type: u8) -> String {
    match File::from(file_type) {
        File::Weight => "weight-scale".to_owned(),
        File::MonitoringA | File::MonitoringB | File::MonitoringDaily => "monitoring".to_owned(),
        File::UnknownVariant(n) => format!("type {n}"),
        named => named.to_string().replace('_', " "),
    }
}

/// Whether an exercise category is cardio work (a run, a ride, a rowing machine) rather than
/// strength: its sets must not be recognised as strength exercises by name ("Indoor Row" is
/// no barbell row).
pub(crate) fn is_cardio_category(category: u16) -> bool {
    use ExerciseCategory as C;
    matches!(
        ExerciseCategory::from(category),
        C::Cardio
            | C::CardioSensors
            | C::Run
            | C::RunIndoor
            | C::Bike
            | C::BikeOutdoor
            | C::IndoorBike
            | C::IndoorRow
            | C::Elliptical
            | C::StairStepper
            | C::FloorClimb
            | C::Ladder
    )
}

/// Whether the category is warm-up exercises, which are kept but are not work.
pub(crate) fn is_warm_up_category(category: u16) -> bool {
    ExerciseCategory::from(category) == ExerciseCategory::WarmUp
}

/// The profile name of an exercise category (`squat`, `bench_press`), if it has one.
pub(crate) fn category_name(category: u16) -> Option<String> {
    let value = i64::from(category);
    FieldDataType::ExerciseCategory
        .is_named_variant(value)
        .then(|| ExerciseCategory::from(category).to_string())
}

/// The profile name of exercise `subtype` within `category` (`barbell_back_squat`), if the
/// profile names it.
pub(crate) fn exercise_name(category: u16, subtype: u16) -> Option<String> {
    let names = subtype_names(ExerciseCategory::from(category))?;
    let value = i64::from(subtype);
    names
        .is_named_variant(value)
        .then(|| get_field_variant_as_string(names, value))
}

/// The enum that names the exercises of a category: the profile's `category_subtype` field
/// means a different enum for each category.
fn subtype_names(category: ExerciseCategory) -> Option<FieldDataType> {
    use ExerciseCategory as C;
    use FieldDataType as T;
    Some(match category {
        C::BenchPress => T::BenchPressExerciseName,
        C::CalfRaise => T::CalfRaiseExerciseName,
        C::Cardio => T::CardioExerciseName,
        C::Carry => T::CarryExerciseName,
        C::Chop => T::ChopExerciseName,
        C::Core => T::CoreExerciseName,
        C::Crunch => T::CrunchExerciseName,
        C::Curl => T::CurlExerciseName,
        C::Deadlift => T::DeadliftExerciseName,
        C::Flye => T::FlyeExerciseName,
        C::HipRaise => T::HipRaiseExerciseName,
        C::HipStability => T::HipStabilityExerciseName,
        C::HipSwing => T::HipSwingExerciseName,
        C::Hyperextension => T::HyperextensionExerciseName,
        C::LateralRaise => T::LateralRaiseExerciseName,
        C::LegCurl => T::LegCurlExerciseName,
        C::LegRaise => T::LegRaiseExerciseName,
        C::Lunge => T::LungeExerciseName,
        C::OlympicLift => T::OlympicLiftExerciseName,
        C::Plank => T::PlankExerciseName,
        C::Plyo => T::PlyoExerciseName,
        C::PullUp => T::PullUpExerciseName,
        C::PushUp => T::PushUpExerciseName,
        C::Row => T::RowExerciseName,
        C::ShoulderPress => T::ShoulderPressExerciseName,
        C::ShoulderStability => T::ShoulderStabilityExerciseName,
        C::Shrug => T::ShrugExerciseName,
        C::SitUp => T::SitUpExerciseName,
        C::Squat => T::SquatExerciseName,
        C::TotalBody => T::TotalBodyExerciseName,
        C::TricepsExtension => T::TricepsExtensionExerciseName,
        C::WarmUp => T::WarmUpExerciseName,
        C::Run => T::RunExerciseName,
        C::Bike => T::BikeExerciseName,
        C::Move => T::MoveExerciseName,
        C::Pose => T::PoseExerciseName,
        C::BandedExercises => T::BandedExercisesExerciseName,
        C::BattleRope => T::BattleRopeExerciseName,
        C::Elliptical => T::EllipticalExerciseName,
        C::FloorClimb => T::FloorClimbExerciseName,
        C::IndoorBike => T::IndoorBikeExerciseName,
        C::IndoorRow => T::IndoorRowExerciseName,
        C::Ladder => T::LadderExerciseName,
        C::Sandbag => T::SandbagExerciseName,
        C::Sled => T::SledExerciseName,
        C::SledgeHammer => T::SledgeHammerExerciseName,
        C::StairStepper => T::StairStepperExerciseName,
        C::Suspension => T::SuspensionExerciseName,
        C::Tire => T::TireExerciseName,
        C::RunIndoor => T::RunIndoorExerciseName,
        C::BikeOutdoor => T::BikeOutdoorExerciseName,
        _ => return None,
    })
}

/// A profile name as people write it: `barbell_back_squat` is `Barbell Back Squat`.
pub(crate) fn readable(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use runlift_model::{RunKind, Venue};

    #[test]
    fn runs_keep_where_they_happened() {
        assert_eq!(sport(Some(1), Some(2)), Sport::Running(RunKind::Road));
        assert_eq!(sport(Some(1), Some(3)), Sport::Running(RunKind::Trail));
        assert_eq!(sport(Some(1), Some(1)), Sport::Running(RunKind::Treadmill));
        assert_eq!(sport(Some(1), Some(4)), Sport::Running(RunKind::Track));
        assert_eq!(sport(Some(1), Some(45)), Sport::Running(RunKind::Indoor));
        assert_eq!(sport(Some(1), Some(58)), Sport::Running(RunKind::Virtual));
        assert_eq!(sport(Some(1), Some(0)), Sport::Running(RunKind::Unspecified));
        assert_eq!(sport(Some(1), None), Sport::Running(RunKind::Unspecified));
    }

    #[test]
    fn only_strength_training_is_strength() {
        assert_eq!(sport(Some(10), Some(20)), Sport::StrengthTraining);
        assert_eq!(sport(Some(10), Some(26)), Sport::CardioTraining);
        assert_eq!(sport(Some(10), Some(70)), Sport::Hiit);
        assert_eq!(sport(Some(62), Some(0)), Sport::Hiit);
        assert_eq!(sport(Some(10), Some(0)), Sport::Other("training".into()));
    }

    #[test]
    fn other_sports_keep_their_fit_name() {
        assert_eq!(sport(Some(2), Some(6)), Sport::Cycling(Venue::Indoor));
        assert_eq!(sport(Some(2), Some(58)), Sport::Cycling(Venue::Virtual));
        assert_eq!(sport(Some(2), Some(7)), Sport::Cycling(Venue::Unspecified));
        assert_eq!(sport(Some(3), None), Sport::Other("transition".into()));
        assert_eq!(sport(Some(4), Some(14)), Sport::Rowing(Venue::Indoor));
        assert_eq!(sport(Some(22), None), Sport::Other("motorcycling".into()));
        assert_eq!(sport(Some(1), Some(250)), Sport::Running(RunKind::Unspecified));
        assert_eq!(sport(Some(0), None), Sport::Other("generic".into()));
        assert_eq!(sport(None, None), Sport::Other("generic".into()));
        assert_eq!(sport(Some(200), None), Sport::Other("sport_200".into()));
    }

    #[test]
    fn exercises_are_named_by_the_profile() {
        assert_eq!(category_name(28).as_deref(), Some("squat"));
        assert_eq!(category_name(65534).as_deref(), Some("unknown"));
        assert_eq!(category_name(60000), None);
        assert_eq!(exercise_name(28, 6).as_deref(), Some("barbell_back_squat"));
        assert_eq!(exercise_name(0, 1).as_deref(), Some("barbell_bench_press"));
        assert_eq!(exercise_name(28, 60000), None);
        assert_eq!(exercise_name(65534, 0), None);
        assert_eq!(readable("barbell_back_squat"), "Barbell Back Squat");
        assert_eq!(readable("45_degree_plank"), "45 Degree Plank");
        assert!(is_cardio_category(42)); // indoor_row
        assert!(!is_cardio_category(23)); // row
    }

    #[test]
    fn file_types_are_named() {
        assert_eq!(file_type_name(2), "settings");
        assert_eq!(file_type_name(5), "workout");
        assert_eq!(file_type_name(9), "weight-scale");
        assert_eq!(file_type_name(32), "monitoring");
    }
}
