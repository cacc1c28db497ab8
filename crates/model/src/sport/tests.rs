use super::*;

fn other(name: &str) -> Sport {
    Sport::Other(name.to_owned())
}

const RUN: Sport = Sport::Running(RunKind::Unspecified);
const RIDE: Sport = Sport::Cycling(Venue::Unspecified);

/// The one table: every sport name each format writes, and the sport runlift reads it as.
/// A format whose names are not here cannot produce them (gym apps: Strong, Hevy, FitNotes
/// and JEFIT have no sport column; every session is strength training).
#[test]
fn every_name_each_format_writes_maps_to_its_sport() {
    // FIT `sport` and `sub_sport` by their profile names.
    let fit: &[(&str, Option<&str>, Sport)] = &[
        ("running", None, RUN),
        ("running", Some("generic"), RUN),
        ("running", Some("street"), Sport::Running(RunKind::Road)),
        ("running", Some("road"), Sport::Running(RunKind::Road)),
        ("running", Some("trail"), Sport::Running(RunKind::Trail)),
        ("running", Some("treadmill"), Sport::Running(RunKind::Treadmill)),
        ("running", Some("track"), Sport::Running(RunKind::Track)),
        ("running", Some("indoor_running"), Sport::Running(RunKind::Indoor)),
        (
            "running",
            Some("virtual_activity"),
            Sport::Running(RunKind::Virtual),
        ),
        ("running", Some("ultra"), RUN),
        ("cycling", None, RIDE),
        ("cycling", Some("road"), RIDE),
        ("cycling", Some("mountain"), RIDE),
        ("cycling", Some("gravel_cycling"), RIDE),
        ("cycling", Some("indoor_cycling"), Sport::Cycling(Venue::Indoor)),
        ("cycling", Some("spin"), Sport::Cycling(Venue::Indoor)),
        (
            "cycling",
            Some("virtual_activity"),
            Sport::Cycling(Venue::Virtual),
        ),
        ("rowing", None, Sport::Rowing(Venue::Unspecified)),
        ("rowing", Some("indoor_rowing"), Sport::Rowing(Venue::Indoor)),
        (
            "fitness_equipment",
            Some("indoor_rowing"),
            Sport::Rowing(Venue::Indoor),
        ),
        (
            "fitness_equipment",
            Some("indoor_cycling"),
            Sport::Cycling(Venue::Indoor),
        ),
        ("fitness_equipment", Some("elliptical"), Sport::Elliptical),
        (
            "fitness_equipment",
            Some("treadmill"),
            Sport::Running(RunKind::Treadmill),
        ),
        (
            "fitness_equipment",
            Some("stair_climbing"),
            other("stair_climbing"),
        ),
        ("fitness_equipment", None, other("fitness_equipment")),
        ("training", Some("strength_training"), Sport::StrengthTraining),
        ("training", Some("cardio_training"), Sport::CardioTraining),
        ("training", Some("yoga"), Sport::Yoga),
        ("training", Some("pilates"), Sport::Pilates),
        ("training", Some("hiit"), Sport::Hiit),
        ("training", Some("breathing"), other("breathing")),
        ("training", None, other("training")),
        ("training", Some("generic"), other("training")),
        ("hiit", None, Sport::Hiit),
        ("hiit", Some("amrap"), Sport::Hiit),
        ("generic", None, other("generic")),
        ("generic", Some("strength_training"), Sport::StrengthTraining),
        ("walking", None, Sport::Walking),
        ("walking", Some("indoor_walking"), Sport::Walking),
        ("hiking", None, Sport::Hiking),
        ("swimming", Some("lap_swimming"), Sport::Swimming),
        ("swimming", Some("open_water"), Sport::Swimming),
        ("motorcycling", None, other("motorcycling")),
        ("e_biking", None, other("e_biking")),
        ("alpine_skiing", Some("backcountry"), other("alpine_skiing")),
        ("transition", None, other("transition")),
        ("sport_200", None, other("sport_200")),
    ];
    for (sport, sub, expected) in fit {
        assert_eq!(&Sport::from_fit(sport, *sub), expected, "FIT {sport}/{sub:?}");
    }

    // Strava: the API's types (GPX and TCX exports, `VirtualRide`) and the display names of
    // `activities.csv` (`Virtual Ride`, `Weight Training`).
    let strava: &[(&str, Sport)] = &[
        ("Run", RUN),
        ("TrailRun", Sport::Running(RunKind::Trail)),
        ("Trail Run", Sport::Running(RunKind::Trail)),
        ("VirtualRun", Sport::Running(RunKind::Virtual)),
        ("Virtual Run", Sport::Running(RunKind::Virtual)),
        ("Ride", RIDE),
        ("MountainBikeRide", RIDE),
        ("Mountain Bike Ride", RIDE),
        ("GravelRide", RIDE),
        ("VirtualRide", Sport::Cycling(Venue::Virtual)),
        ("Virtual Ride", Sport::Cycling(Venue::Virtual)),
        ("EBikeRide", other("e_bike_ride")),
        ("E-Bike Ride", other("e_bike_ride")),
        ("WeightTraining", Sport::StrengthTraining),
        ("Weight Training", Sport::StrengthTraining),
        ("Walk", Sport::Walking),
        ("Hike", Sport::Hiking),
        ("Swim", Sport::Swimming),
        ("Rowing", Sport::Rowing(Venue::Unspecified)),
        ("VirtualRow", Sport::Rowing(Venue::Virtual)),
        ("HighIntensityIntervalTraining", Sport::Hiit),
        ("High Intensity Interval Training", Sport::Hiit),
        ("Yoga", Sport::Yoga),
        ("Pilates", Sport::Pilates),
        ("Elliptical", Sport::Elliptical),
        ("StairStepper", other("stair_stepper")),
        ("Stair-Stepper", other("stair_stepper")),
        ("Workout", other("workout")),
        ("Crossfit", other("crossfit")),
        ("Kitesurf", other("kitesurf")),
        ("StandUpPaddling", other("stand_up_paddling")),
    ];
    for (name, expected) in strava {
        assert_eq!(&Sport::from_name(name), expected, "Strava {name}");
    }

    // Garmin Connect: activity keys (GPX `<type>`) and the display names of its CSV.
    let garmin: &[(&str, Sport)] = &[
        ("running", RUN),
        ("street_running", Sport::Running(RunKind::Road)),
        ("trail_running", Sport::Running(RunKind::Trail)),
        ("Trail Running", Sport::Running(RunKind::Trail)),
        ("treadmill_running", Sport::Running(RunKind::Treadmill)),
        ("Treadmill Running", Sport::Running(RunKind::Treadmill)),
        ("track_running", Sport::Running(RunKind::Track)),
        ("indoor_running", Sport::Running(RunKind::Indoor)),
        ("Indoor Running", Sport::Running(RunKind::Indoor)),
        ("virtual_run", Sport::Running(RunKind::Virtual)),
        ("strength_training", Sport::StrengthTraining),
        ("Strength Training", Sport::StrengthTraining),
        ("cycling", RIDE),
        ("road_biking", RIDE),
        ("mountain_biking", RIDE),
        ("gravel_cycling", RIDE),
        ("indoor_cycling", Sport::Cycling(Venue::Indoor)),
        ("Indoor Cycling", Sport::Cycling(Venue::Indoor)),
        ("virtual_ride", Sport::Cycling(Venue::Virtual)),
        ("walking", Sport::Walking),
        ("hiking", Sport::Hiking),
        ("lap_swimming", Sport::Swimming),
        ("Pool Swim", Sport::Swimming),
        ("open_water_swimming", Sport::Swimming),
        ("Open Water Swimming", Sport::Swimming),
        ("indoor_rowing", Sport::Rowing(Venue::Indoor)),
        ("Indoor Rowing", Sport::Rowing(Venue::Indoor)),
        ("rowing", Sport::Rowing(Venue::Unspecified)),
        ("hiit", Sport::Hiit),
        ("HIIT", Sport::Hiit),
        ("indoor_cardio", Sport::CardioTraining),
        ("Cardio", Sport::CardioTraining),
        ("yoga", Sport::Yoga),
        ("pilates", Sport::Pilates),
        ("elliptical", Sport::Elliptical),
        ("stair_climbing", other("stair_climbing")),
        ("Breathwork", other("breathwork")),
    ];
    for (name, expected) in garmin {
        assert_eq!(&Sport::from_name(name), expected, "Garmin {name}");
    }

    // Runkeeper's `Type`, Polar's `sport` keys, Garmin's account-export `activityType` keys.
    let exports: &[(&str, Sport)] = &[
        ("Running", RUN),
        ("Cycling", RIDE),
        ("Mountain Biking", RIDE),
        ("Strength Training", Sport::StrengthTraining),
        ("Stairmaster / Stepwell", other("stairmaster_stepwell")),
        ("Core Strengthening", other("core_strengthening")),
        ("RUNNING", RUN),
        ("ROAD_RUNNING", Sport::Running(RunKind::Road)),
        ("TRAIL_RUNNING", Sport::Running(RunKind::Trail)),
        ("TREADMILL_RUNNING", Sport::Running(RunKind::Treadmill)),
        ("STRENGTH_TRAINING", Sport::StrengthTraining),
        ("INDOOR_CYCLING", Sport::Cycling(Venue::Indoor)),
        ("ROAD_BIKING", RIDE),
        ("POOL_SWIMMING", Sport::Swimming),
        ("OTHER_INDOOR", other("other_indoor")),
        ("multi_sport", other("multi_sport")),
    ];
    for (name, expected) in exports {
        assert_eq!(&Sport::from_name(name), expected, "{name}");
    }

    // Zepp's sport codes.
    let zepp: &[(u32, Sport)] = &[
        (1, RUN),
        (6, Sport::Walking),
        (8, Sport::Running(RunKind::Treadmill)),
        (9, RIDE),
        (10, Sport::Cycling(Venue::Indoor)),
        (14, Sport::Swimming),
        (16, other("free_training")),
        (23, Sport::Rowing(Venue::Indoor)),
        (52, Sport::StrengthTraining),
        (60, Sport::Yoga),
        (999, other("zepp_999")),
    ];
    for (code, expected) in zepp {
        assert_eq!(&Sport::from_zepp(*code), expected, "Zepp {code}");
    }

    // GPX `<type>`: any of the words above, other apps' words, and Strava's numbers.
    let gpx: &[(&str, Sport)] = &[
        (" 9 ", RUN),
        ("1", RIDE),
        ("4", Sport::Hiking),
        ("10", Sport::Walking),
        ("16", other("16")),
        ("Run", RUN),
        ("jogging", RUN),
        ("Ride", RIDE),
        ("treadmill", Sport::Running(RunKind::Treadmill)),
        ("WeightTraining", Sport::StrengthTraining),
        ("Hiking", Sport::Hiking),
        ("Paddle board", other("paddle_board")),
    ];
    for (value, expected) in gpx {
        assert_eq!(&Sport::from_gpx_type(value), expected, "GPX {value:?}");
    }

    // TCX `Sport`: the schema's three words (the TCX reader reads `Other` with its hints).
    assert_eq!(Sport::from_name("Running"), RUN);
    assert_eq!(Sport::from_name("Biking"), RIDE);
    assert_eq!(Sport::from_name("Other"), other("other"));

    // Apple Health `workoutActivityType`, with and without `HKIndoorWorkout`.
    let healthkit: &[(&str, bool, Sport)] = &[
        ("Running", false, RUN),
        ("Running", true, Sport::Running(RunKind::Treadmill)),
        ("TraditionalStrengthTraining", false, Sport::StrengthTraining),
        ("FunctionalStrengthTraining", false, Sport::StrengthTraining),
        ("CoreTraining", true, Sport::StrengthTraining),
        ("Cycling", false, RIDE),
        ("Cycling", true, Sport::Cycling(Venue::Indoor)),
        ("Walking", true, Sport::Walking),
        ("Hiking", false, Sport::Hiking),
        ("Swimming", false, Sport::Swimming),
        ("Rowing", true, Sport::Rowing(Venue::Indoor)),
        ("HighIntensityIntervalTraining", false, Sport::Hiit),
        ("Yoga", false, Sport::Yoga),
        ("Pilates", false, Sport::Pilates),
        ("Elliptical", false, Sport::Elliptical),
        ("MixedCardio", false, Sport::CardioTraining),
        ("MixedMetabolicCardioTraining", false, Sport::CardioTraining),
        ("StairClimbing", false, other("stair_climbing")),
        ("CrossTraining", false, other("cross_training")),
        ("SwimBikeRun", false, other("swim_bike_run")),
        ("Other", false, other("other")),
    ];
    for (name, indoor, expected) in healthkit {
        let value = format!("HKWorkoutActivityType{name}");
        assert_eq!(
            &Sport::from_healthkit(&value, *indoor),
            expected,
            "Apple Health {value}"
        );
    }
    assert_eq!(
        Sport::from_healthkit("CustomApp Climbing", false),
        other("custom_app_climbing")
    );

    // runlift's CSV (docs/formats/runlift-csv.md): what a person types.
    let runlift: &[(&str, Sport)] = &[
        ("run", RUN),
        ("Trail run", Sport::Running(RunKind::Trail)),
        ("treadmill", Sport::Running(RunKind::Treadmill)),
        ("strength", Sport::StrengthTraining),
        ("gym", Sport::StrengthTraining),
        ("weights", Sport::StrengthTraining),
        ("bike", RIDE),
        ("swim", Sport::Swimming),
        ("climbing", other("climbing")),
    ];
    for (name, expected) in runlift {
        assert_eq!(&Sport::from_name(name), expected, "runlift CSV {name}");
    }
}

#[test]
fn category_and_detail_name_every_sport_and_read_back() {
    let mut details = std::collections::HashSet::new();
    for sport in Sport::known() {
        let (category, detail) = (sport.category(), sport.detail());
        assert!(
            details.insert((category, detail.map(str::to_owned))),
            "{sport:?}: {category}/{detail:?} is taken"
        );
        assert_eq!(
            Sport::from_stored(category, detail),
            Some(sport.clone()),
            "{sport:?}"
        );
        assert_eq!(
            category == "other",
            !matches!(sport, Sport::Running(_) | Sport::StrengthTraining)
        );
    }
    for name in ["kitesurf", "sport_200", "16", "e_bike_ride"] {
        assert_eq!(Sport::from_stored("other", Some(name)), Some(other(name)));
    }
    assert_eq!(Sport::from_stored("running", Some("moonwalk")), None);
    assert_eq!(Sport::from_stored("jousting", None), None);
}

#[test]
fn stores_written_before_one_vocabulary_read_back_as_the_sport_they_are() {
    let cases = [
        ("other", Some("ride"), RIDE),
        ("other", Some("virtualride"), Sport::Cycling(Venue::Virtual)),
        ("other", Some("high_intensity_interval_training"), Sport::Hiit),
        ("other", Some("pool swim"), Sport::Swimming),
        ("other", Some("indoor cycling"), Sport::Cycling(Venue::Indoor)),
        // What the old FIT reader called a treadmill on fitness equipment stays what the store
        // says it was: not a run.
        ("other", Some("treadmill"), other("treadmill")),
        ("other", Some("customapp climbing"), other("customapp_climbing")),
        ("running", None, RUN),
        ("running", Some("indoor"), Sport::Running(RunKind::Indoor)),
        ("strength_training", None, Sport::StrengthTraining),
    ];
    for (category, detail, expected) in cases {
        assert_eq!(
            Sport::from_stored(category, detail),
            Some(expected),
            "{category}/{detail:?}"
        );
    }
}

#[test]
fn unknown_names_are_kept_in_snake_case() {
    let cases = [
        ("Kitesurf", "kitesurf"),
        (
            "HighIntensityIntervalTrainingX",
            "high_intensity_interval_training_x",
        ),
        ("HIITWorkout", "hiit_workout"),
        ("  Stand up  paddling ", "stand_up_paddling"),
        ("sport_200", "sport_200"),
        ("Ski-Touring", "ski_touring"),
        ("Laufen im Schnee", "laufen_im_schnee"),
        ("???", "???"),
    ];
    for (name, kept) in cases {
        assert_eq!(Sport::from_name(name), other(kept), "{name}");
        // Kept names are stable: reading one again keeps it.
        assert_eq!(Sport::from_name(kept), other(kept), "{kept}");
    }
}

#[test]
fn ids_of_runs_and_strength_are_what_they_were() {
    // Activity ids hash the category and detail: these strings must not change, or every
    // existing store would see its runs and strength sessions as new ones.
    let cases = [
        (RUN, "running", Some("unspecified")),
        (Sport::Running(RunKind::Road), "running", Some("road")),
        (Sport::Running(RunKind::Trail), "running", Some("trail")),
        (Sport::Running(RunKind::Treadmill), "running", Some("treadmill")),
        (Sport::Running(RunKind::Track), "running", Some("track")),
        (Sport::Running(RunKind::Indoor), "running", Some("indoor")),
        (Sport::StrengthTraining, "strength_training", None),
        (RIDE, "other", Some("cycling")),
        (Sport::Walking, "other", Some("walking")),
        (Sport::Swimming, "other", Some("swimming")),
    ];
    for (sport, category, detail) in cases {
        assert_eq!(
            (sport.category(), sport.detail()),
            (category, detail),
            "{sport:?}"
        );
    }
}

#[test]
fn sports_display_for_people() {
    let cases = [
        (RUN, "running"),
        (Sport::Running(RunKind::Virtual), "running (virtual)"),
        (Sport::StrengthTraining, "strength training"),
        (Sport::Cycling(Venue::Indoor), "cycling (indoor)"),
        (RIDE, "cycling"),
        (Sport::Hiit, "hiit"),
        (Sport::CardioTraining, "cardio training"),
        (other("kitesurf"), "other (kitesurf)"),
    ];
    for (sport, shown) in cases {
        assert_eq!(sport.to_string(), shown);
    }
}
