//! What the XML formats add to the model's sport vocabulary: a GPX file's name saying
//! "run", and a TCX activity's notes saying where the run was. The names themselves are read
//! by the model's one normaliser ([`Sport::from_gpx_type`], [`Sport::from_healthkit`],
//! [`Sport::from_name`]).

use runlift_model::{RunKind, Sport};

/// Whether a track or file name clearly says the session was a run ([`sport_from_title`]
/// reads it as running).
pub fn name_says_run(name: &str) -> bool {
    sport_from_title(name).is_some_and(|sport| sport.is_running())
}

/// Words that name a run on their own, in the languages of the apps' default names (Strava,
/// Garmin Connect, Polar Flow, Suunto's Movescount): English, German, Dutch, French, Spanish,
/// Italian, Portuguese, Catalan and the Nordic languages.
const RUN_WORDS: &[&str] = &[
    "run",
    "runs",
    "running",
    "jog",
    "jogging",
    "lauf",
    "laufen",
    "dauerlauf",
    "hardlopen",
    "hardloop",
    "carrera",
    "correr",
    "corsa",
    "corrida",
    "cursa",
    "footing",
    "juoksu",
    "juoksulenkki",
    "löpning",
    "löprunda",
    "løping",
    "løpetur",
    "løb",
    "løbetur",
    "trailrun",
    "trailrunning",
];

/// Ends of German compounds that name a run (`Morgenlauf`, `Nachtlauf`), and the compounds
/// ending so that are something else: skiing, skating and ordinary words.
const RUN_SUFFIX: &str = "lauf";
const NOT_RUNS: &[&str] = &[
    "langlauf",
    "skilauf",
    "eislauf",
    "schlittschuhlauf",
    "ablauf",
    "verlauf",
    "umlauf",
    "vorlauf",
    "kreislauf",
    "durchlauf",
    "zulauf",
    "anlauf",
    "auslauf",
    "rücklauf",
    "wasserlauf",
    "flusslauf",
];

/// Beginnings of Dutch compounds that name a run: `hardloopsessie`, `ochtendloop`,
/// `avondloop` (a bare English "loop" says nothing).
const DUTCH_RUN_STARTS: &[&str] = &[
    "hardloop",
    "ochtendloop",
    "middagloop",
    "namiddagloop",
    "avondloop",
    "nachtloop",
    "lunchloop",
    "duurloop",
];

/// A sport named by whole words or by the beginnings of words (compounds), and the sport.
struct Named {
    words: &'static [&'static str],
    starts: &'static [&'static str],
    sport: fn() -> Sport,
}

/// Words and word beginnings of the other sports, as the same apps name them.
const OTHER_SPORTS: &[Named] = &[
    Named {
        words: &[
            "ride",
            "rides",
            "riding",
            "cycling",
            "cycle",
            "bike",
            "biking",
            "velo",
            "vélo",
            "bici",
            "bicicleta",
            "ciclismo",
            "pedalada",
            "pedal",
            "fietsrit",
            "fietsen",
            "fiets",
            "radfahrt",
            "radtour",
            "radrunde",
            "radfahren",
            "pyöräily",
            "cykling",
            "cykeltur",
            "sykling",
            "sykkeltur",
            "mtb",
            "gravel",
        ],
        starts: &[
            "radfahrt",
            "fahrradfahrt",
            "fahrradtour",
            "fietstocht",
            "pyöräily",
            "mountainbik",
        ],
        sport: || Sport::Cycling(runlift_model::Venue::Unspecified),
    },
    Named {
        words: &[
            "walk",
            "walks",
            "walking",
            "spaziergang",
            "gehen",
            "marche",
            "caminata",
            "camminata",
            "passeggiata",
            "caminhada",
            "wandeling",
            "wandelen",
            "kävely",
            "promenade",
            "promenad",
        ],
        starts: &["spaziergang", "wandeling", "ochtendwandeling", "avondwandeling"],
        sport: || Sport::Walking,
    },
    Named {
        words: &[
            "hike",
            "hikes",
            "hiking",
            "wanderung",
            "wandern",
            "randonnée",
            "randonnee",
            "excursión",
            "senderismo",
            "escursione",
            "trekking",
            "trilha",
            "vaellus",
            "vandring",
            "fjelltur",
        ],
        starts: &["wanderung", "bergtour"],
        sport: || Sport::Hiking,
    },
    Named {
        words: &[
            "swim",
            "swims",
            "swimming",
            "schwimmen",
            "natation",
            "natación",
            "nuoto",
            "nuotata",
            "natação",
            "zwemmen",
            "uinti",
            "simning",
            "svømming",
        ],
        starts: &[],
        sport: || Sport::Swimming,
    },
];

/// The sport a track's or file's title names, in the common languages of the apps that
/// write such titles: Strava's default names ("Lunch Run", "Nachtlauf", "Course à pied le
/// matin", "Carrera de mañana", "Corsa serale", "Hardloopsessie in de ochtend", "Afternoon
/// Ride", "Radfahrt am Abend"), Garmin Connect's ("Berlin Running"), Polar Flow's and
/// Movescount's sport names ("Running", "Juoksu", "Trail running", "Cycling").
///
/// Words are matched whole and without regard to case; German compounds ending in `lauf`
/// count as runs except skiing, skating and ordinary words (`Langlauf`, `Eislauf`,
/// `Verlauf`), Dutch ones beginning with `hardloop` or a time of day and `loop` too; French
/// "course" only as "course à pied". A title that names a run is a run even when it names
/// another sport too ("Run-walk", a brick "Rad und Lauf"); one that names two other sports
/// names none. `None` when it names no sport.
pub fn sport_from_title(title: &str) -> Option<Sport> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_run = |word: &&str| {
        RUN_WORDS.contains(word)
            || (word.ends_with(RUN_SUFFIX) && !NOT_RUNS.iter().any(|not| word.ends_with(not)))
            || DUTCH_RUN_STARTS.iter().any(|start| word.starts_with(start))
    };
    let course_a_pied = lower.contains("course à pied") || lower.contains("course a pied");
    if course_a_pied || words.iter().any(is_run) {
        return Some(Sport::Running(RunKind::Unspecified));
    }
    let mut named = OTHER_SPORTS.iter().filter(|named| {
        words.iter().any(|word| {
            named.words.contains(word) || named.starts.iter().any(|start| word.starts_with(start))
        })
    });
    let first = named.next()?;
    // Two sports named (a walk and a swim): the title does not say which the session was.
    named.next().is_none().then(first.sport)
}

/// The sport of a TCX `<Activity Sport="...">`.
///
/// The TCX schema knows three values: `Running`, `Biking` (cycling) and `Other`. Any other
/// value some writer puts there (`Walking`, `Swimming`) is read by [`Sport::from_name`].
///
/// TCX has no sub-sport, but devices and apps sometimes say more in the activity's notes,
/// training plan name or device name, given as `hints`: a run whose hints contain the whole
/// word treadmill (or laufband), zwift (a virtual run), trail, track or indoor is that kind of
/// run; an `Other` activity whose hint, taken whole, names a sport (`Strength Training`,
/// `treadmill_running`, `Yoga`, ...) is that sport. Anything else stays
/// `Sport::Other("other")`.
pub fn sport_from_tcx(sport: &str, hints: &[&str]) -> Sport {
    match sport.trim() {
        "Running" => Sport::Running(run_kind_from_hints(hints)),
        "Other" | "" => hints
            .iter()
            .map(|hint| Sport::from_name(hint))
            .find(|sport| !matches!(sport, Sport::Other(_)))
            .unwrap_or_else(|| Sport::Other("other".to_owned())),
        other => Sport::from_name(other),
    }
}

fn run_kind_from_hints(hints: &[&str]) -> RunKind {
    const KINDS: &[(&str, RunKind)] = &[
        ("treadmill", RunKind::Treadmill),
        ("laufband", RunKind::Treadmill),
        ("zwift", RunKind::Virtual),
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

#[cfg(test)]
mod tests {
    use super::*;

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
            (
                "Biking",
                &["Treadmill"],
                Sport::Cycling(runlift_model::Venue::Unspecified),
            ),
            ("Running", &["Zwift - London"], Sport::Running(RunKind::Virtual)),
            ("Other", &["Yoga"], Sport::Yoga),
            ("Other", &[], other("other")),
            ("Other", &["Nice paddle with Anna"], other("other")),
            ("Other", &["Strength Training"], Sport::StrengthTraining),
            (
                "Other",
                &["treadmill_running"],
                Sport::Running(RunKind::Treadmill),
            ),
            ("Walking", &[], Sport::Walking),
        ];
        for (sport, hints, expected) in cases {
            assert_eq!(&sport_from_tcx(sport, hints), expected, "{sport} {hints:?}");
        }
    }

    #[test]
    fn titles_name_sports_in_the_apps_languages() {
        let run = Some(Sport::Running(RunKind::Unspecified));
        let ride = Some(Sport::Cycling(runlift_model::Venue::Unspecified));
        let cases: &[(&str, Option<Sport>)] = &[
            ("Lunch Run", run.clone()),
            ("Nachtlauf", run.clone()),
            ("Morgenlauf", run.clone()),
            ("Course à pied le matin", run.clone()),
            ("Carrera de mañana", run.clone()),
            ("Corsa serale", run.clone()),
            ("Corrida matinal", run.clone()),
            ("Hardloopsessie in de ochtend", run.clone()),
            ("Ochtendloop", run.clone()),
            ("Juoksu", run.clone()),
            ("Trail running", run.clone()),
            ("Afternoon Ride", ride.clone()),
            ("Radfahrt am Abend", ride.clone()),
            ("Fahrradfahrt", ride.clone()),
            ("Sortie vélo le matin", ride.clone()),
            ("Giro in bici", ride.clone()),
            ("Morning Walk", Some(Sport::Walking)),
            ("Spaziergang am Nachmittag", Some(Sport::Walking)),
            ("Wanderung Zugspitze", Some(Sport::Hiking)),
            ("Randonnée", Some(Sport::Hiking)),
            ("Schwimmen am Morgen", Some(Sport::Swimming)),
            ("Langlauf am Feldberg", None),
            ("Eislauf", None),
            ("Verlauf 2", None),
            ("Golf course", None),
            ("Morning Loop", None),
            ("Walk and swim", None),
            ("Run-walk", run.clone()),
            ("2014-05-06_132925", None),
            ("", None),
        ];
        for (title, expected) in cases {
            assert_eq!(&sport_from_title(title), expected, "{title:?}");
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
