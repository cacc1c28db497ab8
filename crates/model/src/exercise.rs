use std::collections::HashMap;
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

impl Exercise {
    /// The exercise whose canonical key is `key` (`squat`, `other_upper_body`), for reading
    /// back a classification that was stored; `None` for a key this version does not know.
    pub fn from_key(key: &str) -> Option<&'static Exercise> {
        exercises().iter().find(|e| e.key == key)
    }
}

/// Every exercise of [`TABLE`] and then of [`CATEGORIES`], once each: a set refers to its
/// exercise by one pointer into this list rather than carrying a copy of it.
fn exercises() -> &'static [Exercise] {
    static EXERCISES: OnceLock<Vec<Exercise>> = OnceLock::new();
    EXERCISES.get_or_init(|| {
        let table = TABLE
            .iter()
            .map(|&(key, muscle_groups, _)| Exercise { key, muscle_groups });
        let categories = CATEGORIES
            .iter()
            .map(|&(_, key, muscle_groups)| Exercise { key, muscle_groups });
        let mut all: Vec<Exercise> = Vec::new();
        for exercise in table.chain(categories) {
            if !all.iter().any(|e| e.key == exercise.key) {
                all.push(exercise);
            }
        }
        all
    })
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
/// Aliases are written lower-case, words separated by single spaces, without equipment words
/// (those are dropped from names before matching, see [`EQUIPMENT`]); they pass through the
/// same normalisation as names, so plurals in them do no harm. A name matches an alias when
/// the alias's words appear in it consecutively (`Squat (Barbell)`, `Barbell Back Squats`,
/// FitNotes' `Lateral Dumbbell Raise`); the longest matching alias wins, so `Leg Curl` is a
/// leg exercise although `Curl` alone is an arm one.
///
/// The names come from the exercise libraries of Strong, Hevy, FitNotes and JEFIT (their
/// defaults and the names found in real exports); the tests below hold the most common ones.
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
            "overhead squat",
            "zercher squat",
            "sissy squat",
            "belt squat",
            "cossack squat",
        ],
    ),
    ("front_squat", LOWER, &["front squat"]),
    (
        "split_squat",
        LOWER,
        &[
            "split squat",
            "bulgarian split squat",
            "bulgarian squat",
            "rear foot elevated split squat",
        ],
    ),
    (
        "lunge",
        LOWER,
        &[
            "lunge",
            "walking lunge",
            "reverse lunge",
            "lateral lunge",
            "curtsy lunge",
        ],
    ),
    (
        "deadlift",
        LOWER,
        &[
            "deadlift",
            "sumo deadlift",
            "trap bar deadlift",
            "hex bar deadlift",
            "deficit deadlift",
            "rack pull",
            "block pull",
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
            "straight leg deadlift",
            "single leg deadlift",
            "single leg romanian deadlift",
        ],
    ),
    ("leg_press", LOWER, &["leg press", "horizontal leg press"]),
    ("leg_extension", LOWER, &["leg extension"]),
    (
        "leg_curl",
        LOWER,
        &[
            "leg curl",
            "hamstring curl",
            "lying leg curl",
            "seated leg curl",
            "standing leg curl",
        ],
    ),
    ("nordic_curl", LOWER, &["nordic curl", "nordic hamstring curl"]),
    ("glute_ham_raise", LOWER, &["glute ham raise", "ghr"]),
    (
        "calf_raise",
        LOWER,
        &[
            "calf raise",
            "standing calf raise",
            "seated calf raise",
            "calf press",
            "donkey calf raise",
            "calf extension",
        ],
    ),
    (
        "hip_thrust",
        LOWER,
        &[
            "hip thrust",
            "glute bridge",
            "hip bridge",
            "single leg bridge",
            "single leg glute bridge",
        ],
    ),
    ("step_up", LOWER, &["step up", "stepup", "box step up"]),
    (
        "box_jump",
        LOWER,
        &["box jump", "jump squat", "squat jump", "broad jump", "depth jump"],
    ),
    ("good_morning", LOWER, &["good morning"]),
    ("kettlebell_swing", LOWER, &["kettlebell swing", "swing"]),
    (
        "hip_abduction",
        LOWER,
        &["hip abduction", "abductor", "abduction", "hip abductor"],
    ),
    (
        "hip_adduction",
        LOWER,
        &["hip adduction", "adductor", "adduction", "hip adductor"],
    ),
    ("pull_through", LOWER, &["pull through"]),
    (
        "glute_kickback",
        LOWER,
        &[
            "glute kickback",
            "donkey kick",
            "hip extension",
            "reverse hyperextension",
            "reverse hyper",
        ],
    ),
    (
        "sled_push",
        LOWER,
        &["sled push", "prowler push", "sled pull", "sled drag", "prowler"],
    ),
    ("wall_sit", LOWER, &["wall sit"]),
    // Core.
    (
        "plank",
        CORE,
        &["plank", "front plank", "forearm plank", "reverse plank"],
    ),
    ("side_plank", CORE, &["side plank"]),
    (
        "crunch",
        CORE,
        &[
            "crunch",
            "cable crunch",
            "bicycle crunch",
            "reverse crunch",
            "oblique crunch",
            "cross body crunch",
            "decline crunch",
        ],
    ),
    ("sit_up", CORE, &["sit up", "situp", "decline sit up"]),
    (
        "leg_raise",
        CORE,
        &[
            "leg raise",
            "hanging leg raise",
            "lying leg raise",
            "flat leg raise",
        ],
    ),
    (
        "knee_raise",
        CORE,
        &[
            "knee raise",
            "hanging knee raise",
            "captain chair",
            "captains chair",
            "knee to elbow",
        ],
    ),
    ("toes_to_bar", CORE, &["toes to bar", "toe to bar"]),
    ("russian_twist", CORE, &["russian twist", "twist"]),
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
    ("pallof_press", CORE, &["pallof press", "pallof"]),
    (
        "woodchop",
        CORE,
        &[
            "woodchop",
            "wood chop",
            "cable woodchop",
            "torso rotation",
            "rotary torso",
        ],
    ),
    ("l_sit", CORE, &["l sit"]),
    (
        "back_extension",
        CORE,
        &["back extension", "hyperextension", "superman"],
    ),
    ("flutter_kick", CORE, &["flutter kick", "scissor kick"]),
    ("dragon_flag", CORE, &["dragon flag"]),
    ("side_bend", CORE, &["side bend"]),
    ("windshield_wiper", CORE, &["windshield wiper"]),
    ("heel_touch", CORE, &["heel touch"]),
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
            "close grip bench press",
            "incline press",
            "decline press",
        ],
    ),
    (
        "push_up",
        UPPER,
        &["push up", "pushup", "press up", "diamond push up", "knee push up"],
    ),
    (
        "overhead_press",
        UPPER,
        &[
            "overhead press",
            "shoulder press",
            "military press",
            "ohp",
            "arnold press",
            "arnold",
            "push press",
            "strict press",
            "seated press",
            "landmine press",
            "handstand push up",
            "pike push up",
            "z press",
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
            "chest supported row",
            "meadows row",
            "seal row",
            "high row",
        ],
    ),
    ("upright_row", UPPER, &["upright row"]),
    ("pull_up", UPPER, &["pull up", "pullup", "chin up", "chinup"]),
    ("muscle_up", UPPER, &["muscle up"]),
    (
        "lat_pulldown",
        UPPER,
        &[
            "lat pulldown",
            "pulldown",
            "pull down",
            "lat pull down",
            "straight arm pulldown",
        ],
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
            "concentration curl",
            "spider curl",
            "zottman curl",
            "reverse curl",
            // FitNotes users name the cable curl after the pulldown machine it is done on.
            "curl pulldown",
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
            "push down",
            "pressdown",
            "press down",
            "kickback",
            "triceps kickback",
            "french press",
            "jm press",
            "overhead extension",
        ],
    ),
    ("dip", UPPER, &["dip", "chest dip", "bench dip", "triceps dip"]),
    (
        "lateral_raise",
        UPPER,
        &["lateral raise", "side raise", "side lateral raise", "y raise"],
    ),
    ("front_raise", UPPER, &["front raise"]),
    ("face_pull", UPPER, &["face pull"]),
    (
        "chest_fly",
        UPPER,
        &[
            "fly",
            "flye",
            "chest fly",
            "pec deck",
            "cable crossover",
            "crossover",
            "butterfly",
            "pec fly",
        ],
    ),
    (
        "reverse_fly",
        UPPER,
        &[
            "reverse fly",
            "rear delt fly",
            "reverse flye",
            "rear delt raise",
            "rear delt reverse fly",
            "reverse pec deck",
            "reverse butterfly",
            "bent over lateral raise",
            "rear lateral raise",
            "pull apart",
        ],
    ),
    ("shrug", UPPER, &["shrug"]),
    ("pullover", UPPER, &["pullover", "pull over"]),
    (
        "wrist_curl",
        UPPER,
        &[
            "wrist curl",
            "reverse wrist curl",
            "wrist extension",
            "wrist roller",
            "forearm curl",
        ],
    ),
    (
        "rotator_cuff",
        UPPER,
        &["external rotation", "internal rotation", "cuban press"],
    ),
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
    ("jerk", LOWER_UPPER, &["jerk", "split jerk", "push jerk"]),
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
            "carry",
        ],
    ),
    ("battle_rope", UPPER_CORE, &["battle rope"]),
    ("ball_slam", UPPER_CORE, &["ball slam", "slam"]),
    ("burpee", TOTAL, &["burpee"]),
    ("turkish_get_up", TOTAL, &["turkish get up", "get up"]),
    ("bear_crawl", TOTAL, &["bear crawl"]),
    ("man_maker", TOTAL, &["man maker"]),
    // FIT exercise categories, for sets a watch recorded with a category but no exercise
    // (Garmin's automatic recognition often knows only the category).
    ("core", CORE, &["core"]),
    ("total_body", TOTAL, &["total body"]),
    ("olympic_lift", LOWER_UPPER, &["olympic lift"]),
    ("hip_raise", LOWER, &["hip raise"]),
    ("hip_stability", LOWER, &["hip stability"]),
    ("plyometrics", LOWER, &["plyo", "plyometric"]),
    ("shoulder_stability", UPPER, &["shoulder stability"]),
];

/// Words that name equipment or a variant of it rather than the movement: dropped from names
/// (and aliases) before matching, so `Lateral Dumbbell Raise` is a lateral raise and
/// `Crunch (Machine)` a crunch. `bar` stays: it is part of `toes to bar` and `t bar row`.
const EQUIPMENT: &[&str] = &[
    "barbell",
    "dumbbell",
    "db",
    "bb",
    "cable",
    "machine",
    "smith",
    "kettlebell",
    "kb",
    "band",
    "banded",
    "plate",
    "weighted",
    "bodyweight",
    "assisted",
    "ez",
    "trx",
];

/// The groups a gym app's muscle category names (FitNotes' `Category`, for example), as an
/// exercise outside the table: its key is `other_` and the group (`other_upper_body`,
/// `other_lower_body`, `other_core`, `other_full_body`).
const CATEGORIES: &[(&str, &str, &[MuscleGroup])] = &[
    ("chest", "other_upper_body", UPPER),
    ("back", "other_upper_body", UPPER),
    ("upper back", "other_upper_body", UPPER),
    ("lat", "other_upper_body", UPPER),
    ("trap", "other_upper_body", UPPER),
    ("shoulder", "other_upper_body", UPPER),
    ("delt", "other_upper_body", UPPER),
    ("bicep", "other_upper_body", UPPER),
    ("tricep", "other_upper_body", UPPER),
    ("arm", "other_upper_body", UPPER),
    ("forearm", "other_upper_body", UPPER),
    ("upper body", "other_upper_body", UPPER),
    ("leg", "other_lower_body", LOWER),
    ("quad", "other_lower_body", LOWER),
    ("quadricep", "other_lower_body", LOWER),
    ("hamstring", "other_lower_body", LOWER),
    ("glute", "other_lower_body", LOWER),
    ("calf", "other_lower_body", LOWER),
    ("hip", "other_lower_body", LOWER),
    ("lower body", "other_lower_body", LOWER),
    ("ab", "other_core", CORE),
    ("core", "other_core", CORE),
    ("oblique", "other_core", CORE),
    ("abdominal", "other_core", CORE),
    ("lower back", "other_core", CORE),
    ("full body", "other_full_body", TOTAL),
];

struct Alias {
    words: Vec<String>,
    exercise: &'static Exercise,
}

/// The aliases, and for each word the aliases that start with it, so that a name is only
/// compared with the few aliases that can match where each of its words stands.
struct Aliases {
    all: Vec<Alias>,
    by_first_word: HashMap<String, Vec<usize>>,
}

fn aliases() -> &'static Aliases {
    static ALIASES: OnceLock<Aliases> = OnceLock::new();
    ALIASES.get_or_init(|| {
        let all: Vec<Alias> = TABLE
            .iter()
            .flat_map(|&(key, _, names)| {
                // Every key is listed by `exercises` (the test `each_key_is_one_exercise`).
                let exercise = Exercise::from_key(key);
                names.iter().filter_map(move |name| {
                    Some(Alias {
                        words: normalized_words(name),
                        exercise: exercise?,
                    })
                })
            })
            .filter(|alias| !alias.words.is_empty())
            .collect();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, alias) in all.iter().enumerate() {
            by_first_word.entry(alias.words[0].clone()).or_default().push(i);
        }
        Aliases { all, by_first_word }
    })
}

/// Recognises an exercise from the name an app gave it.
///
/// Case, punctuation, equipment (in brackets or not) and plural endings do not matter:
/// `Squat (Barbell)`, `Barbell Back Squat` and `back squats` are all `squat`. Returns `None`
/// for a name that is not in the table; callers keep such sets as unclassified.
pub fn classify_exercise(name: &str) -> Option<&'static Exercise> {
    let words = normalized_words(name);
    let aliases = aliases();
    // The longest matching alias wins; between equally long ones, the first in the table.
    let mut best: Option<(usize, usize)> = None;
    for (start, word) in words.iter().enumerate() {
        let Some(candidates) = aliases.by_first_word.get(word) else {
            continue;
        };
        for &i in candidates {
            let alias = &aliases.all[i];
            let n = alias.words.len();
            let matches = words
                .get(start..start + n)
                .is_some_and(|window| window.iter().zip(&alias.words).all(|(a, b)| a == b));
            if !matches {
                continue;
            }
            let length: usize = alias.words.iter().map(|w| w.len()).sum::<usize>() + n;
            if best.is_none_or(|(best_i, best_len)| length > best_len || (length == best_len && i < best_i)) {
                best = Some((i, length));
            }
        }
    }
    best.map(|(i, _)| aliases.all[i].exercise)
}

/// The exercise standing for "something of this muscle group" when an app files an exercise
/// under a muscle category (FitNotes' `Category`: `Chest`, `Legs`, `Abs`, ...) but its name is
/// not in the table. Returns `None` for categories that are not a muscle group (`Cardio`).
///
/// ```
/// use runlift_model::{classify_muscle_category, MuscleGroup};
///
/// let shoulders = classify_muscle_category("Shoulders").unwrap();
/// assert_eq!(shoulders.key, "other_upper_body");
/// assert_eq!(shoulders.muscle_groups, &[MuscleGroup::UpperBody]);
/// assert!(classify_muscle_category("Cardio").is_none());
/// ```
pub fn classify_muscle_category(category: &str) -> Option<&'static Exercise> {
    let words = normalized_words(category).join(" ");
    CATEGORIES
        .iter()
        .find(|(name, _, _)| *name == words)
        .and_then(|&(_, key, _)| Exercise::from_key(key))
}

/// Lower-case words of `name`, split at anything that is not a letter or digit, in singular,
/// without equipment words.
fn normalized_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .filter(|w| !EQUIPMENT.contains(&w.as_str()))
        .collect()
}

fn singular(word: &str) -> String {
    // Plurals in exercise names are regular: crunches, presses, squats, raises. Words that end
    // in "ss" (press) or "us" keep their ending; "calves" is the one irregular plural in use.
    if word == "calves" {
        return "calf".to_owned();
    }
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
    fn each_key_is_one_exercise() {
        for &(key, muscle_groups, _) in TABLE {
            assert_eq!(
                Exercise::from_key(key).map(|e| e.muscle_groups),
                Some(muscle_groups),
                "{key}"
            );
        }
        for &(_, key, muscle_groups) in CATEGORIES {
            assert_eq!(
                Exercise::from_key(key).map(|e| e.muscle_groups),
                Some(muscle_groups),
                "{key}"
            );
        }
    }

    #[test]
    fn fit_category_names_alone_give_their_muscle_groups() {
        let groups = |name: &str| classify_exercise(name).map(|e| e.muscle_groups);
        assert_eq!(groups("Core"), Some(CORE));
        assert_eq!(groups("Total Body"), Some(TOTAL));
        assert_eq!(groups("Olympic Lift"), Some(LOWER_UPPER));
        assert_eq!(groups("Hip Raise"), Some(LOWER));
        assert_eq!(groups("Hip Stability"), Some(LOWER));
        assert_eq!(groups("Plyo"), Some(LOWER));
        assert_eq!(groups("Shoulder Stability"), Some(UPPER));
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

    /// The most common exercise names of Strong, Hevy, FitNotes and JEFIT (their default
    /// libraries and the names in real exports), each with the exercise it must be.
    const COMMON_NAMES: &[(&str, &str)] = &[
        // Strong.
        ("Ab Wheel", "ab_wheel"),
        ("Arnold Press (Dumbbell)", "overhead_press"),
        ("Back Extension", "back_extension"),
        ("Back Extension (Machine)", "back_extension"),
        ("Bench Dip", "dip"),
        ("Bench Press (Barbell)", "bench_press"),
        ("Bench Press (Cable)", "bench_press"),
        ("Bench Press (Dumbbell)", "bench_press"),
        ("Bench Press (Smith Machine)", "bench_press"),
        ("Bench Press - Close Grip (Barbell)", "bench_press"),
        ("Bench Press - Wide Grip (Barbell)", "bench_press"),
        ("Bent Over One Arm Row (Dumbbell)", "row"),
        ("Bent Over Row (Barbell)", "row"),
        ("Bent Over Row - Underhand (Barbell)", "row"),
        ("Bicep Curl (Barbell)", "biceps_curl"),
        ("Bicep Curl (Cable)", "biceps_curl"),
        ("Bicep Curl (Dumbbell)", "biceps_curl"),
        ("Bicycle Crunch", "crunch"),
        ("Box Jump", "box_jump"),
        ("Box Squat (Barbell)", "squat"),
        ("Bulgarian Split Squat", "split_squat"),
        ("Burpee", "burpee"),
        ("Cable Crossover", "chest_fly"),
        ("Cable Crunch", "crunch"),
        ("Cable Pull Through", "pull_through"),
        ("Cable Twist", "russian_twist"),
        ("Calf Press on Leg Press", "calf_raise"),
        ("Chest Dip", "dip"),
        ("Chest Dip (Assisted)", "dip"),
        ("Chest Fly (Dumbbell)", "chest_fly"),
        ("Chest Press (Machine)", "bench_press"),
        ("Chin Up", "pull_up"),
        ("Clean (Barbell)", "clean"),
        ("Clean and Jerk (Barbell)", "clean"),
        ("Concentration Curl (Dumbbell)", "biceps_curl"),
        ("Cross Body Crunch", "crunch"),
        ("Crunch (Machine)", "crunch"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Deadlift High Pull (Barbell)", "deadlift"),
        ("Decline Bench Press (Barbell)", "bench_press"),
        ("Decline Crunch", "crunch"),
        ("Deficit Deadlift (Barbell)", "deadlift"),
        ("Face Pull (Cable)", "face_pull"),
        ("Flat Knee Raise", "knee_raise"),
        ("Flat Leg Raise", "leg_raise"),
        ("Floor Press (Barbell)", "bench_press"),
        ("Front Raise (Plate)", "front_raise"),
        ("Front Squat (Barbell)", "front_squat"),
        ("Glute Ham Raise", "glute_ham_raise"),
        ("Glute Kickback (Machine)", "glute_kickback"),
        ("Goblet Squat (Kettlebell)", "squat"),
        ("Good Morning (Barbell)", "good_morning"),
        ("Hack Squat", "squat"),
        ("Hammer Curl (Dumbbell)", "biceps_curl"),
        ("Handstand Push Up", "overhead_press"),
        ("Hang Clean (Kettlebell)", "clean"),
        ("Hanging Knee Raise", "knee_raise"),
        ("Hanging Leg Raise", "leg_raise"),
        ("Hip Abductor (Machine)", "hip_abduction"),
        ("Hip Adductor (Machine)", "hip_adduction"),
        ("Hip Thrust (Barbell)", "hip_thrust"),
        ("Incline Bench Press (Barbell)", "bench_press"),
        ("Incline Chest Fly (Dumbbell)", "chest_fly"),
        ("Incline Curl (Dumbbell)", "biceps_curl"),
        ("Incline Row (Dumbbell)", "row"),
        ("Inverted Row (Bodyweight)", "row"),
        ("Iso-Lateral Chest Press (Machine)", "bench_press"),
        ("Iso-Lateral Row (Machine)", "row"),
        ("Jackknife Sit Up", "v_up"),
        ("Jump Squat", "box_jump"),
        ("Kettlebell Swing", "kettlebell_swing"),
        ("Kettlebell Turkish Get Up", "turkish_get_up"),
        ("Knee Raise (Captain's Chair)", "knee_raise"),
        ("Knees to Elbows", "knee_raise"),
        ("Lat Pulldown (Cable)", "lat_pulldown"),
        ("Lat Pulldown - Wide Grip (Cable)", "lat_pulldown"),
        ("Lateral Raise (Dumbbell)", "lateral_raise"),
        ("Leg Extension (Machine)", "leg_extension"),
        ("Leg Press", "leg_press"),
        ("Lunge (Dumbbell)", "lunge"),
        ("Lying Leg Curl (Machine)", "leg_curl"),
        ("Mountain Climber", "mountain_climber"),
        ("Muscle Up", "muscle_up"),
        ("Oblique Crunch", "crunch"),
        ("Overhead Press (Barbell)", "overhead_press"),
        ("Overhead Squat (Barbell)", "squat"),
        ("Pec Deck (Machine)", "chest_fly"),
        ("Pendlay Row (Barbell)", "row"),
        ("Pistol Squat", "squat"),
        ("Plank", "plank"),
        ("Power Clean", "clean"),
        ("Power Snatch (Barbell)", "snatch"),
        ("Preacher Curl (Barbell)", "biceps_curl"),
        ("Pull Up", "pull_up"),
        ("Pull Up (Assisted)", "pull_up"),
        ("Pullover (Dumbbell)", "pullover"),
        ("Push Press", "overhead_press"),
        ("Push Up", "push_up"),
        ("Push Up (Knees)", "push_up"),
        ("Rack Pull (Barbell)", "deadlift"),
        ("Reverse Crunch", "crunch"),
        ("Reverse Curl (Barbell)", "biceps_curl"),
        ("Reverse Fly (Cable)", "reverse_fly"),
        ("Reverse Plank", "plank"),
        ("Romanian Deadlift (Dumbbell)", "romanian_deadlift"),
        ("Russian Twist", "russian_twist"),
        ("Seated Calf Raise (Machine)", "calf_raise"),
        ("Seated Overhead Press (Dumbbell)", "overhead_press"),
        ("Seated Palms Up Wrist Curl (Dumbbell)", "wrist_curl"),
        ("Seated Row (Cable)", "row"),
        ("Seated Wide-Grip Row (Cable)", "row"),
        ("Shoulder Press (Machine)", "overhead_press"),
        ("Shrug (Barbell)", "shrug"),
        ("Side Bend (Dumbbell)", "side_bend"),
        ("Side Plank", "side_plank"),
        ("Single Leg Bridge", "hip_thrust"),
        ("Sit Up", "sit_up"),
        ("Skullcrusher (Barbell)", "triceps_extension"),
        ("Snatch (Dumbbell)", "snatch"),
        ("Split Jerk (Barbell)", "jerk"),
        ("Squat (Smith Machine)", "squat"),
        ("Standing Calf Raise (Machine)", "calf_raise"),
        ("Step-up", "step_up"),
        ("Stiff Leg Deadlift (Barbell)", "romanian_deadlift"),
        ("Strict Military Press (Barbell)", "overhead_press"),
        ("Sumo Deadlift (Barbell)", "deadlift"),
        ("Superman", "back_extension"),
        ("T Bar Row", "row"),
        ("Thruster (Barbell)", "thruster"),
        ("Toes To Bar", "toes_to_bar"),
        ("Torso Rotation (Machine)", "woodchop"),
        ("Trap Bar Deadlift", "deadlift"),
        ("Triceps Dip", "dip"),
        ("Triceps Extension (Cable)", "triceps_extension"),
        ("Triceps Pushdown (Cable - Straight Bar)", "triceps_extension"),
        ("Upright Row (Barbell)", "upright_row"),
        ("V Up", "v_up"),
        ("Wide Pull Up", "pull_up"),
        ("Wrist Roller", "wrist_curl"),
        ("Zercher Squat (Barbell)", "squat"),
        // Hevy, as found in a real export.
        ("Seated Leg Curl (Machine)", "leg_curl"),
        ("Calf Press (Machine)", "calf_raise"),
        ("Chest Supported Incline Row (Dumbbell)", "row"),
        ("Hip Abduction (Machine)", "hip_abduction"),
        ("Cable Crossover Ladder", "chest_fly"),
        ("Seated Shoulder Press (Machine)", "overhead_press"),
        ("Bottom-Half Seated Cable Flye", "chest_fly"),
        ("Back Extension (Weighted Hyperextension)", "back_extension"),
        ("Single Arm Lateral Raise (Cable)", "lateral_raise"),
        ("Seated Palms Down Wrist Curl", "wrist_curl"),
        ("Rear Delt Reverse Fly (Cable)", "reverse_fly"),
        ("Hip Thrust (Machine)", "hip_thrust"),
        ("Katana Triceps Extension", "triceps_extension"),
        ("Triceps Pressdown", "triceps_extension"),
        ("Triceps Kickback (Cable)", "triceps_extension"),
        ("JM Press (Barbell)", "triceps_extension"),
        ("Seated Cable Row - V Grip (Cable)", "row"),
        ("Meadows Incline DB Lateral Raise", "lateral_raise"),
        ("Seated Super- Bayesian High Cable Curl", "biceps_curl"),
        ("Cable 1-Arm Face Pull", "face_pull"),
        ("Dragon Flag", "dragon_flag"),
        ("Sitting 1-Arm Lat Pulldown", "lat_pulldown"),
        ("Reverse Fly Single Arm (Cable)", "reverse_fly"),
        ("Lying Leg Raise", "leg_raise"),
        ("Crunch (Weighted)", "crunch"),
        ("Lat Pulldown - Close Grip (Cable)", "lat_pulldown"),
        ("Seated Dip Machine", "dip"),
        ("EZ Bar Biceps Curl", "biceps_curl"),
        ("Butterfly (Pec Deck)", "chest_fly"),
        ("Walking Lunge (Dumbbell)", "lunge"),
        ("Single Leg Romanian Deadlift (Dumbbell)", "romanian_deadlift"),
        ("Farmers Walk", "farmers_carry"),
        ("Sled Push", "sled_push"),
        ("Landmine Press", "overhead_press"),
        ("Dead Bug", "dead_bug"),
        ("Glute Bridge", "hip_thrust"),
        ("Knee Raise Parallel Bars", "knee_raise"),
        // FitNotes.
        ("Flat Barbell Bench Press", "bench_press"),
        ("Flat Dumbbell Bench Press", "bench_press"),
        ("Incline Dumbbell Bench Press", "bench_press"),
        ("Flat Dumbbell Fly", "chest_fly"),
        ("Parallel Bar Triceps Dip", "dip"),
        ("Dumbbell Overhead Triceps Extension", "triceps_extension"),
        ("Bar Push Down", "triceps_extension"),
        ("Rope Push Down", "triceps_extension"),
        ("Curl Pulldown Bicep", "biceps_curl"),
        ("Barbell Curl Reverse Grip", "biceps_curl"),
        ("Dumbbell Preacher Curl", "biceps_curl"),
        ("Seated Incline Dumbbell Curl", "biceps_curl"),
        ("Lateral Dumbbell Raise", "lateral_raise"),
        ("Front Dumbbell Raise", "front_raise"),
        ("Rear Delt Dumbbell Raise", "reverse_fly"),
        ("Seated Dumbbell Press", "overhead_press"),
        ("Arnold Dumbbell Press", "overhead_press"),
        ("Stiff-Legged Deadlift", "romanian_deadlift"),
        ("Leg Extension Machine", "leg_extension"),
        ("Seated Calf Raise Machine", "calf_raise"),
        ("Donkey Calf Raise", "calf_raise"),
        ("Ab-Wheel Rollout", "ab_wheel"),
        ("Hammer Strength Row", "row"),
        ("Seated Cable Row", "row"),
        // JEFIT.
        ("Barbell Squat", "squat"),
        ("Barbell Deadlift", "deadlift"),
        ("Dumbbell Alternate Bicep Curl", "biceps_curl"),
        ("Cable Rope Tricep Pushdown", "triceps_extension"),
        ("Dumbbell One Arm Row", "row"),
        ("Barbell Shoulder Press", "overhead_press"),
        ("Dumbbell Rear Delt Raise", "reverse_fly"),
        ("Machine Seated Leg Curl", "leg_curl"),
        ("Dips - Triceps Version", "dip"),
        ("Lying Tricep Extension", "triceps_extension"),
        ("Pec Deck Fly", "chest_fly"),
        ("Barbell Hip Thrust", "hip_thrust"),
        ("Cable Lateral Raise", "lateral_raise"),
        ("Barbell Skull Crusher", "triceps_extension"),
    ];

    #[test]
    fn the_common_names_of_every_app_are_recognised() {
        assert!(COMMON_NAMES.len() >= 150, "{}", COMMON_NAMES.len());
        let wrong: Vec<_> = COMMON_NAMES
            .iter()
            .filter(|(name, expected)| key(name) != Some(expected))
            .map(|(name, expected)| format!("{name}: {:?}, expected {expected}", key(name)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn cardio_and_mobility_names_stay_unclassified() {
        for name in [
            "Running",
            "Running (Treadmill)",
            "Rowing (Machine)",
            "Rowing Machine",
            "Cycling (Indoor)",
            "Elliptical Trainer",
            "Stair Machine",
            "Jump Rope",
            "Jumping Jack",
            "Warm Up",
            "Stretching",
            "Yoga",
            "Swimming",
            "Walking",
            "Hiking",
            "Nordic Walking",
            "Foam Rolling",
            "Tricep Push Ul",
        ] {
            assert_eq!(key(name), None, "{name}");
        }
    }

    #[test]
    fn equipment_words_anywhere_in_the_name_do_not_matter() {
        assert_eq!(key("Lateral Dumbbell Raise"), key("Lateral Raise"));
        assert_eq!(key("Smith Machine Squat"), Some("squat"));
        assert_eq!(key("Weighted Cable Crunch"), Some("crunch"));
        // "bar" is part of exercise names and stays.
        assert_eq!(key("T-Bar Row"), Some("row"));
        assert_eq!(key("Hanging Toes to Bar"), Some("toes_to_bar"));
    }

    #[test]
    fn muscle_categories_stand_for_their_group() {
        let cases = [
            ("Chest", Some(("other_upper_body", UPPER))),
            ("Shoulders", Some(("other_upper_body", UPPER))),
            ("Biceps", Some(("other_upper_body", UPPER))),
            ("Triceps", Some(("other_upper_body", UPPER))),
            ("Back", Some(("other_upper_body", UPPER))),
            ("Legs", Some(("other_lower_body", LOWER))),
            ("Glutes", Some(("other_lower_body", LOWER))),
            ("Calves", Some(("other_lower_body", LOWER))),
            ("Abs", Some(("other_core", CORE))),
            ("Core", Some(("other_core", CORE))),
            ("Full Body", Some(("other_full_body", TOTAL))),
            ("Cardio", None),
            ("", None),
        ];
        for (category, expected) in cases {
            let found = classify_muscle_category(category).map(|e| (e.key, e.muscle_groups));
            assert_eq!(found, expected, "{category}");
        }
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
