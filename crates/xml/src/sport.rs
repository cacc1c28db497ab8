//! What the XML formats add to the model's sport vocabulary: a GPX file's name saying
//! "run", and a TCX activity's notes saying where the run was. The names themselves are read
//! by the model's one normaliser ([`Sport::from_gpx_type`], [`Sport::from_healthkit`],
//! [`Sport::from_name`]).

use runlift_model::{RunKind, Sport};

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
