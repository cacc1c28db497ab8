use std::fmt;
use std::sync::OnceLock;

/// A coarse muscle group, enough to tell whether a runner trains legs, trunk and arms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MuscleGroup {
    /// Hips, legs and glutes: squats, lunges, deadlifts, calf raises.
    LowerBody,
    /// The trunk: planks, crunches, leg raises, anti-rotation work.
    Core,
    /// Chest, back, shoulders and arms: presses, rows, pull-ups, curls.
    UpperBody,
}

impl MuscleGroup {
    /// Every group, in report order.
    pub const ALL: [MuscleGroup; 3] = [MuscleGroup::LowerBody, MuscleGroup::Core, MuscleGroup::UpperBody];

    /// The stable name used in reports: `lower_body`, `core`, `upper_body`.
    pub fn name(self) -> &'static str {
        match self {
            MuscleGroup::LowerBody => "lower_body",
            MuscleGroup::Core => "core",
            MuscleGroup::UpperBody => "upper_body",
        }
    }
}

impl fmt::Display for MuscleGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A recognised exercise: its canonical key and the muscle groups it trains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exercise {
    /// The canonical name, lower-case with underscores (`squat`, `bench_press`).
    pub key: &'static str,
    /// The muscle groups it trains, primary first.
    pub muscle_groups: &'static [MuscleGroup],
}

use MuscleGroup::{Core, LowerBody, UpperBody};

const LOWER: &[MuscleGroup] = &[LowerBody];
const CORE: &[MuscleGroup] = &[Core];
const UPPER: &[MuscleGroup] = &[UpperBody];
const LOWER_UPPER: &[MuscleGroup] = &[LowerBody, UpperBody];
const UPPER_CORE: &[MuscleGroup] = &[UpperBody, Core];
const TOTAL: &[MuscleGroup] = &[LowerBody, Core, UpperBody];

/// The classification table: canonical key, muscle groups, and the names apps use for it.
///
/// Aliases are written lower-case, in the singular, words separated by single spaces. A name
/// matches an alias when the alias's words appear in it consecutively, after equipment in
/// brackets and plurals are folded (`Squat (Barbell)`, `Barbell Back Squats`); the longest
/// matching alias wins, so `Leg Curl` is a leg exercise although `Curl` alone is an arm one.
const TABLE: &[(&str, &[MuscleGroup], &[&str])] = &[
    // Lower body.
    (
        "squat",
        LOWER,
        &[
            "squat",
            "back squat",
            "goblet squat",
            "hack squat",
            "box squat",
            "pistol squat",
            "air squat",
        ],
    ),
    ("front_squat", LOWER, &["front squat"]),
    (
        "split_squat",
        LOWER,
        &["split squat", "bulgarian split squat", "bulgarian squat"],
    ),
    (
        "lunge",
        LOWER,
        &["lunge", "walking lunge", "reverse lunge", "lateral lunge"],
    ),
    (
        "deadlift",
        LOWER,
        &[
            "deadlift",
            "sumo deadlift",
            "trap bar deadlift",
            "hex bar deadlift",
        ],
    ),
    (
        "romanian_deadlift",
        LOWER,
        &[
            "romanian deadlift",
            "rdl",
            "stiff leg deadlift",
            "stiff legged deadlift",
            "single leg deadlift",
            "single leg romanian deadlift",
        ],
    ),
    ("leg_press", LOWER, &["leg press"]),
    ("leg_extension", LOWER, &["leg extension"]),
    (
        "leg_curl",
        LOWER,
        &["leg curl", "hamstring curl", "lying leg curl", "seated leg curl"],
    ),
    ("nordic_curl", LOWER, &["nordic curl", "nordic hamstring curl"]),
    ("glute_ham_raise", LOWER, &["glute ham raise"]),
    (
        "calf_raise",
        LOWER,
        &[
            "calf raise",
            "standing calf raise",
            "seated calf raise",
            "calf press",
        ],
    ),
    ("hip_thrust", LOWER, &["hip thrust", "glute bridge", "hip bridge"]),
    ("step_up", LOWER, &["step up", "stepup", "box step up"]),
    ("box_jump", LOWER, &["box jump", "jump squat"]),
    ("good_morning", LOWER, &["good morning"]),
    ("kettlebell_swing", LOWER, &["kettlebell swing", "swing"]),
    ("hip_abduction", LOWER, &["hip abduction", "abductor"]),
    ("hip_adduction", LOWER, &["hip adduction", "adductor"]),
    ("pull_through", LOWER, &["pull through"]),
    // Core.
    ("plank", CORE, &["plank", "front plank", "forearm plank"]),
    ("side_plank", CORE, &["side plank"]),
    (
        "crunch",
        CORE,
        &["crunch", "cable crunch", "bicycle crunch", "reverse crunch"],
    ),
    ("sit_up", CORE, &["sit up", "situp", "decline sit up"]),
    (
        "leg_raise",
        CORE,
        &["leg raise", "hanging leg raise", "lying leg raise"],
    ),
    (
        "knee_raise",
        CORE,
        &["knee raise", "hanging knee raise", "captain chair"],
    ),
    ("toes_to_bar", CORE, &["toes to bar", "toe to bar"]),
    ("russian_twist", CORE, &["russian twist"]),
    (
        "ab_wheel",
        CORE,
        &["ab wheel", "ab rollout", "ab wheel rollout", "rollout"],
    ),
    ("dead_bug", CORE, &["dead bug"]),
    ("bird_dog", CORE, &["bird dog"]),
    ("mountain_climber", CORE, &["mountain climber"]),
    ("v_up", CORE, &["v up", "jackknife"]),
    (
        "hollow_hold",
        CORE,
        &["hollow hold", "hollow body hold", "hollow rock"],
    ),
    ("pallof_press", CORE, &["pallof press"]),
    ("woodchop", CORE, &["woodchop", "wood chop", "cable woodchop"]),
    ("l_sit", CORE, &["l sit"]),
    (
        "back_extension",
        CORE,
        &["back extension", "hyperextension", "superman"],
    ),
    ("flutter_kick", CORE, &["flutter kick"]),
    // Upper body.
    (
        "bench_press",
        UPPER,
        &[
            "bench press",
            "incline bench press",
            "decline bench press",
            "floor press",
            "chest press",
        ],
    ),
    ("push_up", UPPER, &["push up", "pushup", "press up"]),
    (
        "overhead_press",
        UPPER,
        &[
            "overhead press",
            "shoulder press",
            "military press",
            "ohp",
            "arnold press",
            "push press",
            "strict press",
        ],
    ),
    (
        "row",
        UPPER,
        &[
            "row",
            "bent over row",
            "barbell row",
            "pendlay row",
            "seated row",
            "cable row",
            "t bar row",
            "inverted row",
            "dumbbell row",
        ],
    ),
    ("upright_row", UPPER, &["upright row"]),
    ("pull_up", UPPER, &["pull up", "pullup", "chin up", "chinup"]),
    (
        "lat_pulldown",
        UPPER,
        &["lat pulldown", "pulldown", "pull down", "lat pull down"],
    ),
    (
        "biceps_curl",
        UPPER,
        &[
            "curl",
            "bicep curl",
            "biceps curl",
            "hammer curl",
            "preacher curl",
        ],
    ),
    (
        "triceps_extension",
        UPPER,
        &[
            "triceps extension",
            "tricep extension",
            "skullcrusher",
            "skull crusher",
            "triceps pushdown",
            "tricep pushdown",
            "pushdown",
            "kickback",
        ],
    ),
    ("dip", UPPER, &["dip", "chest dip", "bench dip", "triceps dip"]),
    (
        "lateral_raise",
        UPPER,
        &["lateral raise", "side raise", "side lateral raise"],
    ),
    ("front_raise", UPPER, &["front raise"]),
    ("face_pull", UPPER, &["face pull"]),
    (
        "chest_fly",
        UPPER,
        &["fly", "flye", "chest fly", "pec deck", "cable crossover"],
    ),
    (
        "reverse_fly",
        UPPER,
        &["reverse fly", "rear delt fly", "reverse flye"],
    ),
    ("shrug", UPPER, &["shrug"]),
    // Several groups at once.
    (
        "clean",
        LOWER_UPPER,
        &[
            "clean",
            "power clean",
            "hang clean",
            "clean and jerk",
            "clean and press",
        ],
    ),
    ("snatch", LOWER_UPPER, &["snatch", "power snatch", "hang snatch"]),
    ("thruster", LOWER_UPPER, &["thruster"]),
    ("wall_ball", LOWER_UPPER, &["wall ball"]),
    (
        "farmers_carry",
        UPPER_CORE,
        &[
            "farmer carry",
            "farmer walk",
            "farmers carry",
            "farmers walk",
            "suitcase carry",
        ],
    ),
    ("burpee", TOTAL, &["burpee"]),
    ("turkish_get_up", TOTAL, &["turkish get up", "get up"]),
];

struct Alias {
    words: Vec<&'static str>,
    exercise: Exercise,
}

fn aliases() -> &'static [Alias] {
    static ALIASES: OnceLock<Vec<Alias>> = OnceLock::new();
    ALIASES.get_or_init(|| {
        TABLE
            .iter()
            .flat_map(|&(key, muscle_groups, names)| {
                names.iter().map(move |name| Alias {
                    words: name.split(' ').collect(),
                    exercise: Exercise { key, muscle_groups },
                })
            })
            .collect()
    })
}

/// Recognises an exercise from the name an app gave it.
///
/// Case, punctuation, equipment in brackets and plural endings do not matter: `Squat
/// (Barbell)`, `Barbell Back Squat` and `back squats` are all `squat`. Returns `None` for a
/// name that is not in the table; callers keep such sets as unclassified.
pub fn classify_exercise(name: &str) -> Option<Exercise> {
    let words = normalized_words(name);
    let mut best: Option<(&Alias, usize)> = None;
    for alias in aliases() {
        let n = alias.words.len();
        if n > words.len() {
            continue;
        }
        let found = words
            .windows(n)
            .any(|window| window.iter().zip(&alias.words).all(|(a, b)| a == b));
        if !found {
            continue;
        }
        let length: usize = alias.words.iter().map(|w| w.len()).sum::<usize>() + n;
        if best.is_none_or(|(_, best_len)| length > best_len) {
            best = Some((alias, length));
        }
    }
    best.map(|(alias, _)| alias.exercise)
}

/// Lower-case words of `name`, split at anything that is not a letter or digit, in singular.
fn normalized_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .collect()
}

fn singular(word: &str) -> String {
    // Plurals in exercise names are regular: crunches, presses, squats, raises. Words that end
    // in "ss" (press) or "us" keep their ending.
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss");
    }
    for ending in ["ches", "shes", "xes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if word.len() >= 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Option<&'static str> {
        classify_exercise(name).map(|e| e.key)
    }

    #[test]
    fn one_exercise_under_the_names_of_different_apps() {
        for name in [
            "Squat (Barbell)",
            "Barbell Back Squat",
            "Back Squat",
            "back squats",
            "SQUAT",
        ] {
            assert_eq!(key(name), Some("squat"), "{name}");
        }
    }

    #[test]
    fn the_longest_matching_alias_wins() {
        assert_eq!(key("Seated Leg Curl (Machine)"), Some("leg_curl"));
        assert_eq!(key("Bicep Curl (Dumbbell)"), Some("biceps_curl"));
        assert_eq!(key("Romanian Deadlift (Barbell)"), Some("romanian_deadlift"));
        assert_eq!(key("Deadlift (Barbell)"), Some("deadlift"));
        assert_eq!(key("Hanging Leg Raise"), Some("leg_raise"));
        assert_eq!(key("Lateral Raise (Dumbbell)"), Some("lateral_raise"));
        assert_eq!(key("Calf Raises"), Some("calf_raise"));
        assert_eq!(key("Leg Press"), Some("leg_press"));
        assert_eq!(key("Incline Bench Press (Dumbbell)"), Some("bench_press"));
        assert_eq!(key("Pull Up (Assisted)"), Some("pull_up"));
        assert_eq!(key("Push-ups"), Some("push_up"));
        assert_eq!(key("Upright Row (Cable)"), Some("upright_row"));
        assert_eq!(key("Clean and Jerk"), Some("clean"));
    }

    #[test]
    fn muscle_groups_follow_the_exercise() {
        assert_eq!(classify_exercise("Plank").unwrap().muscle_groups, &[Core]);
        assert_eq!(classify_exercise("Crunches").unwrap().muscle_groups, &[Core]);
        assert_eq!(
            classify_exercise("Overhead Press (Barbell)")
                .unwrap()
                .muscle_groups,
            &[UpperBody]
        );
        assert_eq!(
            classify_exercise("Walking Lunges").unwrap().muscle_groups,
            &[LowerBody]
        );
        assert_eq!(
            classify_exercise("Burpees").unwrap().muscle_groups,
            &[LowerBody, Core, UpperBody]
        );
    }

    #[test]
    fn unknown_and_cardio_names_stay_unclassified() {
        assert_eq!(key("Rowing (Machine)"), None);
        assert_eq!(key("Running"), None);
        assert_eq!(key(""), None);
        assert_eq!(key("Stretching"), None);
    }

    #[test]
    fn plurals_fold_without_breaking_press() {
        assert_eq!(singular("presses"), "press");
        assert_eq!(singular("press"), "press");
        assert_eq!(singular("crunches"), "crunch");
        assert_eq!(singular("squats"), "squat");
        assert_eq!(singular("ups"), "up");
    }
}
