//! runlift's one sport vocabulary: the [`Sport`] enum and the one normaliser that maps every
//! source's names onto it.
//!
//! Every format names its sports differently: FIT by profile numbers (`running`/`treadmill`),
//! Strava by words (`Ride`, `VirtualRun`, `Weight Training`), Garmin Connect by keys and
//! display names (`indoor_cycling`, `Treadmill Running`), Apple Health by
//! `HKWorkoutActivityType` names, GPX by whatever the writing app puts in `<type>` (Strava
//! writes numbers). They all go through this module:
//!
//! - [`Sport::from_name`]: a name as apps and people write it (Strava, Garmin Connect, GPX
//!   and TCX words, runlift's CSV);
//! - [`Sport::from_gpx_type`]: a GPX `<type>`, which may also be one of Strava's numbers;
//! - [`Sport::from_fit`]: FIT's `sport` and `sub_sport`, by their profile names;
//! - [`Sport::from_healthkit`]: Apple Health's `workoutActivityType` and indoor flag.
//!
//! Names are matched without regard to case, spaces, hyphens and underscores, so
//! `VirtualRide`, `Virtual Ride` and `virtual_ride` are one name. A name this table does not
//! know is kept as [`Sport::Other`] with the name in snake case (`Kitesurf` is `kitesurf`,
//! `StandUpPaddling` is `stand_up_paddling`): nothing is lost, and the same name from two
//! sources is one sport. Later steps (sanity limits, analysis) match on the enum, never on
//! the text of a name.

use std::fmt;

/// The sport of an activity.
///
/// The analysis tells running, strength training and everything else apart
/// ([`Sport::category`]); the sanity checks also need to know how a sport moves (on foot, on a
/// bike, in the water), so the common sports have their own variants. Any other sport is kept
/// by the name its source gave it ([`Sport::Other`]), so it still counts as training time and
/// is never silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sport {
    /// Any kind of run.
    Running(RunKind),
    /// Strength training: weights, body-weight exercises, gym sessions.
    StrengthTraining,
    /// Cycling of any kind: road, mountain and gravel outdoors, or on a trainer.
    Cycling(Venue),
    /// Walking (outdoors or on a treadmill at walking pace).
    Walking,
    /// Hiking.
    Hiking,
    /// Swimming, in a pool or open water.
    Swimming,
    /// Rowing, on water or on a rowing machine.
    Rowing(Venue),
    /// High-intensity interval training.
    Hiit,
    /// Yoga.
    Yoga,
    /// Pilates.
    Pilates,
    /// Training on an elliptical trainer.
    Elliptical,
    /// Cardio training that is none of the above (Garmin's "Cardio", Apple's mixed cardio).
    CardioTraining,
    /// Any other sport, by the name its source gave it in snake case (for example `kitesurf`,
    /// `motorcycling`, `16`).
    Other(String),
}

/// Where a run took place, as far as the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunKind {
    /// The source says "running" and nothing more.
    Unspecified,
    /// Road running.
    Road,
    /// Trail running.
    Trail,
    /// Treadmill running.
    Treadmill,
    /// Running on a track.
    Track,
    /// Indoor running other than on a treadmill.
    Indoor,
    /// A virtual run (Zwift and the like: on a treadmill, in a virtual world).
    Virtual,
}

/// Where a ride or a row took place, as far as the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Venue {
    /// Outdoors, or the source does not say.
    Unspecified,
    /// Indoors, on a trainer or machine.
    Indoor,
    /// Indoors in a virtual world (Zwift, Rouvy and the like).
    Virtual,
}

impl RunKind {
    /// Every kind of run, for tables and tests.
    pub const ALL: [RunKind; 7] = [
        RunKind::Unspecified,
        RunKind::Road,
        RunKind::Trail,
        RunKind::Treadmill,
        RunKind::Track,
        RunKind::Indoor,
        RunKind::Virtual,
    ];

    /// The stable name of this kind of run (`road`, `trail`, ... or `unspecified`).
    pub fn name(self) -> &'static str {
        match self {
            RunKind::Unspecified => "unspecified",
            RunKind::Road => "road",
            RunKind::Trail => "trail",
            RunKind::Treadmill => "treadmill",
            RunKind::Track => "track",
            RunKind::Indoor => "indoor",
            RunKind::Virtual => "virtual",
        }
    }

    /// The kind of run whose [`RunKind::name`] is `name`.
    pub fn from_name(name: &str) -> Option<RunKind> {
        RunKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl Sport {
    /// The sports with their own variant, each with one example of its payload: what the
    /// vocabulary knows besides [`Sport::Other`].
    pub fn known() -> Vec<Sport> {
        let mut all: Vec<Sport> = RunKind::ALL.into_iter().map(Sport::Running).collect();
        all.push(Sport::StrengthTraining);
        for venue in [Venue::Unspecified, Venue::Indoor, Venue::Virtual] {
            all.push(Sport::Cycling(venue));
            all.push(Sport::Rowing(venue));
        }
        all.extend([
            Sport::Walking,
            Sport::Hiking,
            Sport::Swimming,
            Sport::Hiit,
            Sport::Yoga,
            Sport::Pilates,
            Sport::Elliptical,
            Sport::CardioTraining,
        ]);
        all
    }

    /// The stable category name used in reports and the store: `running`,
    /// `strength_training` or `other`.
    pub fn category(&self) -> &'static str {
        match self {
            Sport::Running(_) => "running",
            Sport::StrengthTraining => "strength_training",
            _ => "other",
        }
    }

    /// The stable name below the category: the kind of run (`road`, `unspecified`), or the
    /// name of any other sport (`cycling`, `indoor_cycling`, `hiit`, or an
    /// [`Sport::Other`]'s own name); `None` for strength training.
    ///
    /// Category and detail together identify the sport: [`Sport::from_stored`] reads them
    /// back. They are part of an activity's id ([`crate::Activity::new`]), so a name here
    /// never changes.
    pub fn detail(&self) -> Option<&str> {
        Some(match self {
            Sport::Running(kind) => kind.name(),
            Sport::StrengthTraining => return None,
            Sport::Cycling(Venue::Unspecified) => "cycling",
            Sport::Cycling(Venue::Indoor) => "indoor_cycling",
            Sport::Cycling(Venue::Virtual) => "virtual_cycling",
            Sport::Walking => "walking",
            Sport::Hiking => "hiking",
            Sport::Swimming => "swimming",
            Sport::Rowing(Venue::Unspecified) => "rowing",
            Sport::Rowing(Venue::Indoor) => "indoor_rowing",
            Sport::Rowing(Venue::Virtual) => "virtual_rowing",
            Sport::Hiit => "hiit",
            Sport::Yoga => "yoga",
            Sport::Pilates => "pilates",
            Sport::Elliptical => "elliptical",
            Sport::CardioTraining => "cardio_training",
            Sport::Other(name) => name,
        })
    }

    /// Whether this is a run of any kind.
    pub fn is_running(&self) -> bool {
        matches!(self, Sport::Running(_))
    }

    /// The sport a [`Sport::category`] and [`Sport::detail`] name, as the store writes them;
    /// `None` when the category is unknown or a run's kind is.
    ///
    /// Stores written before the vocabulary was one kept other sports by their source's name
    /// (`ride`, `high_intensity_interval_training`, `pool swim`): those names go through
    /// [`Sport::from_name`], so they read back as the sport they are. A name that
    /// [`Sport::from_name`] would make a run or strength training stays [`Sport::Other`]
    /// under the category `other`: the category the store wrote wins.
    pub fn from_stored(category: &str, detail: Option<&str>) -> Option<Sport> {
        match category {
            "running" => RunKind::from_name(detail.unwrap_or("unspecified")).map(Sport::Running),
            "strength_training" => Some(Sport::StrengthTraining),
            "other" => {
                let detail = detail.unwrap_or_default();
                Some(match Sport::from_name(detail) {
                    sport if sport.category() == "other" => sport,
                    _ => Sport::Other(detail.to_owned()),
                })
            }
            _ => None,
        }
    }

    /// The sport a name names, as Strava (`Run`, `Trail Run`, `VirtualRide`, `Weight
    /// Training`), Garmin Connect (`Treadmill Running`, `indoor_cycling`, `HIIT`), a GPX
    /// `<type>` or TCX `Sport` word, or a person filling in runlift's CSV (`run`,
    /// `strength`) writes it.
    ///
    /// Case, spaces, hyphens and underscores do not matter. A name the vocabulary does not
    /// know is kept as [`Sport::Other`] in snake case.
    pub fn from_name(name: &str) -> Sport {
        let key = compact(name);
        match ALIASES.iter().find(|(alias, _)| *alias == key) {
            Some((_, sport)) => sport.clone(),
            None => Sport::Other(snake_case(name)),
        }
    }

    /// The sport of a GPX `<type>`: a word as [`Sport::from_name`] reads it, or one of the
    /// numbers Strava writes there: `9` is a run, `1` a ride, `4` a hike and `10` a walk.
    /// Other numbers are kept as they are (`Sport::Other("16")`), since Strava does not
    /// publish the table.
    pub fn from_gpx_type(value: &str) -> Sport {
        match value.trim() {
            "9" => Sport::Running(RunKind::Unspecified),
            "1" => Sport::Cycling(Venue::Unspecified),
            "4" => Sport::Hiking,
            "10" => Sport::Walking,
            other => Sport::from_name(other),
        }
    }

    /// The sport of a FIT `sport` and `sub_sport`, given by their profile names (`running`,
    /// `treadmill`; `sport_200` for a number the profile does not name).
    ///
    /// - Running, cycling and rowing take their kind from the sub-sport: `treadmill`,
    ///   `trail`, `track`, `street`/`road`, `indoor_running`, `indoor_cycling`/`spin`,
    ///   `indoor_rowing`, and `virtual_activity` (virtual).
    /// - A `strength_training` sub-sport is strength training, whatever the sport.
    /// - `hiit` as sport or sub-sport is HIIT.
    /// - The catch-all sports `training`, `fitness_equipment` and `generic` are named by their
    ///   sub-sport where it says more (`cardio_training`, `elliptical`, `yoga`,
    ///   `stair_climbing`).
    /// - Any other sport is read by its name ([`Sport::from_name`]): `walking`, `hiking`,
    ///   `swimming` are known; `motorcycling`, `e_biking`, `alpine_skiing` are kept by name.
    pub fn from_fit(sport: &str, sub_sport: Option<&str>) -> Sport {
        let sub = sub_sport.filter(|sub| !matches!(*sub, "" | "generic" | "all"));
        let venue = |indoor: &[&str]| match sub {
            Some("virtual_activity") => Venue::Virtual,
            Some(sub) if indoor.contains(&sub) => Venue::Indoor,
            _ => Venue::Unspecified,
        };
        match sport {
            "running" => Sport::Running(match sub {
                Some("street" | "road") => RunKind::Road,
                Some("trail") => RunKind::Trail,
                Some("treadmill") => RunKind::Treadmill,
                Some("track") => RunKind::Track,
                Some("indoor_running") => RunKind::Indoor,
                Some("virtual_activity") => RunKind::Virtual,
                _ => RunKind::Unspecified,
            }),
            "cycling" => Sport::Cycling(venue(&["indoor_cycling", "spin"])),
            "rowing" => Sport::Rowing(venue(&["indoor_rowing"])),
            _ if sub == Some("strength_training") => Sport::StrengthTraining,
            _ if sub == Some("hiit") => Sport::Hiit,
            "training" | "fitness_equipment" | "generic" if sub.is_some() => {
                Sport::from_name(sub.unwrap_or_default())
            }
            other => Sport::from_name(other),
        }
    }

    /// The sport of a Zepp (Amazfit) workout, from the numeric sport code of Zepp's `SPORT.csv`.
    ///
    /// Zepp publishes no table. These are the codes the watches number their workouts by, as
    /// Gadgetbridge sets up the workout screen of Amazfit devices
    /// (`HuamiWorkoutScreenActivityType`): 1 outdoor run, 6 walk, 8 treadmill, 9 outdoor
    /// ride, 10 indoor ride, 12 elliptical, 14 pool swim, 16 free training, 21 jump rope, 23
    /// rowing machine, 24 indoor fitness, 49 HIIT, 50 core training, 53 stretching, 60 yoga,
    /// 61 pilates, and ball games, dances and the like kept by name; and 52, which Amazfit
    /// exports write for strength training. Any other code is kept as `zepp_<code>`.
    pub fn from_zepp(code: u32) -> Sport {
        let name = match code {
            1 => return Sport::Running(RunKind::Unspecified),
            6 => return Sport::Walking,
            8 => return Sport::Running(RunKind::Treadmill),
            9 => return Sport::Cycling(Venue::Unspecified),
            10 => return Sport::Cycling(Venue::Indoor),
            12 => return Sport::Elliptical,
            14 => return Sport::Swimming,
            23 => return Sport::Rowing(Venue::Indoor),
            49 => return Sport::Hiit,
            52 => return Sport::StrengthTraining,
            60 => return Sport::Yoga,
            61 => return Sport::Pilates,
            16 => "free_training",
            21 => "jump_rope",
            24 => "indoor_fitness",
            45 => "indoor_ice_skating",
            50 => "core_training",
            53 => "stretching",
            58 => "stepper",
            59 => "gymnastics",
            74 => "street_dance",
            76 => "dance",
            77 => "zumba",
            78 => "cricket",
            80 => "bowling",
            85 => "basketball",
            88 => "volleyball",
            89 => "table_tennis",
            92 => "badminton",
            97 => "boxing",
            _ => return Sport::Other(format!("zepp_{code}")),
        };
        Sport::Other(name.to_owned())
    }

    /// The sport of an Apple Health workout, from its `workoutActivityType` and whether its
    /// `HKIndoorWorkout` metadata says indoor.
    ///
    /// The `HKWorkoutActivityType` prefix is taken off and the rest read as a name
    /// ([`Sport::from_name`]): `Running`, `Cycling`, `Walking`, `Hiking`, `Swimming`,
    /// `Rowing`, `Yoga`, `Pilates`, `Elliptical`, `HighIntensityIntervalTraining`,
    /// `MixedCardio`; `TraditionalStrengthTraining`, `FunctionalStrengthTraining` and
    /// `CoreTraining` are strength training. An indoor run is a treadmill run, an indoor ride
    /// or row is indoor. Every other type is kept by its name in snake case
    /// (`SwimBikeRun` is `swim_bike_run`).
    pub fn from_healthkit(workout_type: &str, indoor: bool) -> Sport {
        let workout_type = workout_type.trim();
        let name = workout_type
            .strip_prefix("HKWorkoutActivityType")
            .unwrap_or(workout_type);
        match (Sport::from_name(name), indoor) {
            (Sport::Running(RunKind::Unspecified), true) => Sport::Running(RunKind::Treadmill),
            (Sport::Cycling(Venue::Unspecified), true) => Sport::Cycling(Venue::Indoor),
            (Sport::Rowing(Venue::Unspecified), true) => Sport::Rowing(Venue::Indoor),
            (sport, _) => sport,
        }
    }
}

/// Every name the vocabulary knows, [`compact`]ed, with its sport. The stable detail names
/// (`indoor_cycling`, `hiit`) are among them, so that [`Sport::from_name`] reads back what
/// [`Sport::detail`] writes.
static ALIASES: &[(&str, Sport)] = &[
    // Running. Strava: Run, TrailRun, VirtualRun; Garmin: running, street_running,
    // trail_running, treadmill_running, track_running, indoor_running, virtual_run.
    ("run", Sport::Running(RunKind::Unspecified)),
    ("running", Sport::Running(RunKind::Unspecified)),
    ("jog", Sport::Running(RunKind::Unspecified)),
    ("jogging", Sport::Running(RunKind::Unspecified)),
    ("ultrarun", Sport::Running(RunKind::Unspecified)),
    ("obstaclerun", Sport::Running(RunKind::Unspecified)),
    ("roadrun", Sport::Running(RunKind::Road)),
    ("roadrunning", Sport::Running(RunKind::Road)),
    ("streetrun", Sport::Running(RunKind::Road)),
    ("streetrunning", Sport::Running(RunKind::Road)),
    ("trailrun", Sport::Running(RunKind::Trail)),
    ("trailrunning", Sport::Running(RunKind::Trail)),
    ("treadmill", Sport::Running(RunKind::Treadmill)),
    ("treadmillrun", Sport::Running(RunKind::Treadmill)),
    ("treadmillrunning", Sport::Running(RunKind::Treadmill)),
    ("trackrun", Sport::Running(RunKind::Track)),
    ("trackrunning", Sport::Running(RunKind::Track)),
    ("indoorrun", Sport::Running(RunKind::Indoor)),
    ("indoorrunning", Sport::Running(RunKind::Indoor)),
    ("virtualrun", Sport::Running(RunKind::Virtual)),
    ("virtualrunning", Sport::Running(RunKind::Virtual)),
    // Strength. Strava: WeightTraining; Garmin: strength_training; Apple Health:
    // TraditionalStrengthTraining, FunctionalStrengthTraining, CoreTraining.
    ("strength", Sport::StrengthTraining),
    ("strengthtraining", Sport::StrengthTraining),
    ("weighttraining", Sport::StrengthTraining),
    ("weights", Sport::StrengthTraining),
    ("weightlifting", Sport::StrengthTraining),
    ("gym", Sport::StrengthTraining),
    ("traditionalstrengthtraining", Sport::StrengthTraining),
    ("functionalstrengthtraining", Sport::StrengthTraining),
    ("coretraining", Sport::StrengthTraining),
    // Cycling. Strava: Ride, MountainBikeRide, GravelRide, VirtualRide; Garmin: cycling,
    // road_biking, mountain_biking, gravel_cycling, indoor_cycling, virtual_ride; TCX: Biking.
    ("ride", Sport::Cycling(Venue::Unspecified)),
    ("cycling", Sport::Cycling(Venue::Unspecified)),
    ("bike", Sport::Cycling(Venue::Unspecified)),
    ("biking", Sport::Cycling(Venue::Unspecified)),
    ("roadcycling", Sport::Cycling(Venue::Unspecified)),
    ("roadbiking", Sport::Cycling(Venue::Unspecified)),
    ("mountainbiking", Sport::Cycling(Venue::Unspecified)),
    ("mountainbikeride", Sport::Cycling(Venue::Unspecified)),
    ("gravelride", Sport::Cycling(Venue::Unspecified)),
    ("gravelcycling", Sport::Cycling(Venue::Unspecified)),
    ("indoorcycling", Sport::Cycling(Venue::Indoor)),
    ("indoorride", Sport::Cycling(Venue::Indoor)),
    ("indoorbiking", Sport::Cycling(Venue::Indoor)),
    ("spinning", Sport::Cycling(Venue::Indoor)),
    ("virtualride", Sport::Cycling(Venue::Virtual)),
    ("virtualcycling", Sport::Cycling(Venue::Virtual)),
    // On foot.
    ("walk", Sport::Walking),
    ("walking", Sport::Walking),
    ("indoorwalking", Sport::Walking),
    ("hike", Sport::Hiking),
    ("hiking", Sport::Hiking),
    // Water. Garmin: lap_swimming, open_water_swimming, "Pool Swim"; Strava: Swim, Rowing,
    // VirtualRow.
    ("swim", Sport::Swimming),
    ("swimming", Sport::Swimming),
    ("poolswim", Sport::Swimming),
    ("poolswimming", Sport::Swimming),
    ("lapswimming", Sport::Swimming),
    ("openwaterswim", Sport::Swimming),
    ("openwaterswimming", Sport::Swimming),
    ("row", Sport::Rowing(Venue::Unspecified)),
    ("rowing", Sport::Rowing(Venue::Unspecified)),
    ("indoorrow", Sport::Rowing(Venue::Indoor)),
    ("indoorrowing", Sport::Rowing(Venue::Indoor)),
    ("virtualrow", Sport::Rowing(Venue::Virtual)),
    ("virtualrowing", Sport::Rowing(Venue::Virtual)),
    // Classes and machines. Strava: HighIntensityIntervalTraining, Yoga, Pilates, Elliptical;
    // Garmin: hiit, indoor_cardio; Apple Health: MixedCardio, MixedMetabolicCardioTraining.
    ("hiit", Sport::Hiit),
    ("highintensityintervaltraining", Sport::Hiit),
    ("yoga", Sport::Yoga),
    ("pilates", Sport::Pilates),
    ("elliptical", Sport::Elliptical),
    ("cardio", Sport::CardioTraining),
    ("cardiotraining", Sport::CardioTraining),
    ("indoorcardio", Sport::CardioTraining),
    ("mixedcardio", Sport::CardioTraining),
    ("mixedmetaboliccardiotraining", Sport::CardioTraining),
];

/// A name reduced to what tells names apart: lower case, letters and digits only.
fn compact(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name in snake case: `HighIntensityIntervalTraining`, `High Intensity Interval Training`
/// and `high-intensity interval_training` are all `high_intensity_interval_training`;
/// `EBikeRide` is `e_bike_ride`. A name of no letters or digits is kept trimmed and lower case,
/// so that even it is not lost.
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        // A new word starts at an upper-case letter after a lower-case letter or a digit
        // (`virtualRide`), and at the last capital of an acronym before a lower-case letter
        // (`EBike`: `E`, `Bike`).
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts_word = c.is_uppercase()
            && previous.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_numeric()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if starts_word && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.is_empty() {
        return name.trim().to_lowercase();
    }
    words.join("_")
}

impl fmt::Display for Sport {
    /// For people: `running`, `running (trail)`, `strength training`, `cycling (indoor)`,
    /// `hiit`, `other (kitesurf)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let venue = |f: &mut fmt::Formatter<'_>, sport: &str, venue: &Venue| match venue {
            Venue::Unspecified => f.write_str(sport),
            Venue::Indoor => write!(f, "{sport} (indoor)"),
            Venue::Virtual => write!(f, "{sport} (virtual)"),
        };
        match self {
            Sport::Running(RunKind::Unspecified) => f.write_str("running"),
            Sport::Running(kind) => write!(f, "running ({})", kind.name()),
            Sport::StrengthTraining => f.write_str("strength training"),
            Sport::Cycling(v) => venue(f, "cycling", v),
            Sport::Rowing(v) => venue(f, "rowing", v),
            Sport::CardioTraining => f.write_str("cardio training"),
            Sport::Other(name) => write!(f, "other ({name})"),
            known => f.write_str(known.detail().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests;
