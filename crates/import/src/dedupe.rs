//! Cross-source de-duplication: one training session recorded by several sources counts once.
//!
//! The same run reaches runlift as the watch's FIT file, as the GPX Strava exports, and as a
//! line of Strava's `activities.csv`; a gym session is both a Hevy workout and the watch's
//! strength activity. [`dedupe`] groups such activities into one session:
//!
//! - two activities are the same session ([`same_session`]) when they are of the same sport
//!   category, start within [`DedupeSettings::max_start_difference_s`] of each other, and their
//!   elapsed times differ by at most [`DedupeSettings::max_duration_difference_percent`] of
//!   the longer one, or by at most [`DedupeSettings::max_duration_difference_s`] (the sources
//!   of a short session disagree by more than 10 %: a watch's 113 s against the 126 s of the
//!   GPX track of the same ride);
//! - activities from one and the same file never merge: the file itself says they are two;
//! - the richest source ([`source_rank`]: FIT over TCX over GPX over Apple Health over CSV
//!   summaries, then the one with more figures) gives the session its id and its figures;
//!   figures it lacks are filled from the next richest source that has them;
//! - strength sets come from a gym-app log when one has them (the athlete typed exercise,
//!   weight and reps there, while a watch guesses reps from wrist motion and rarely knows the
//!   weight), else from the richest source that has any;
//! - every other source is remembered in [`Activity::merged_from`], richest first
//!   ([`sort_sources`]).
//!
//! ```
//! use std::time::Duration;
//! use runlift_import::dedupe::{dedupe, DedupeSettings};
//! use runlift_model::{Activity, RunKind, SourceFormat, SourceRef, Sport};
//!
//! let mut watch = Activity::new(
//!     Sport::Running(RunKind::Road),
//!     "2026-01-06T06:30:00Z".parse().unwrap(),
//!     Duration::from_secs(3600),
//!     SourceRef::file("watch/run.fit", SourceFormat::Fit),
//! );
//! watch.distance_m = Some(10_012.0);
//! let mut strava = Activity::new(
//!     Sport::Running(RunKind::Unspecified),
//!     "2026-01-06T06:30:40Z".parse().unwrap(),
//!     Duration::from_secs(3570),
//!     SourceRef::file("strava/run.gpx", SourceFormat::Gpx),
//! );
//! strava.distance_m = Some(9_980.0);
//! strava.name = Some("Morning Run".to_owned());
//!
//! let deduped = dedupe(vec![strava, watch], &DedupeSettings::default());
//! assert_eq!(deduped.activities.len(), 1);
//! let run = &deduped.activities[0];
//! assert_eq!(run.source.format, SourceFormat::Fit);
//! assert_eq!(run.distance_m, Some(10_012.0));
//! assert_eq!(run.name.as_deref(), Some("Morning Run"));
//! assert_eq!(run.merged_from[0].path.to_str(), Some("strava/run.gpx"));
//! assert_eq!(deduped.session_of, [0, 0]);
//! ```

use std::collections::BTreeSet;

use runlift_model::{Activity, RunKind, SourceFormat, Sport};
use serde::{Deserialize, Serialize};

// The ranking of sources is the model's, because the store sorts the sources it reads back
// the same way.
pub use runlift_model::{sort_sources, source_rank};

/// When two activities from different sources are taken for one session.
///
/// The `[dedupe]` table of the configuration file (the binary reads the file and hands this
/// table over); every field has a default, so an empty table (or none) means the defaults
/// below.
///
/// ```
/// use runlift_import::dedupe::DedupeSettings;
///
/// let settings: DedupeSettings = toml::from_str("max_start_difference_s = 300\n").unwrap();
/// assert_eq!(settings.max_start_difference_s, 300);
/// assert_eq!(settings.max_duration_difference_percent, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupeSettings {
    /// Whether to merge at all; `false` keeps every activity of every source as its own.
    pub enabled: bool,
    /// The largest difference between the two start instants, in seconds (default 120).
    /// Watches and apps start recording at slightly different moments, and summaries such as
    /// Strava's `activities.csv` round starts to the second.
    pub max_start_difference_s: u32,
    /// The largest difference between the two elapsed times, in percent of the longer one
    /// (default 10). A value of 100 or more compares starts only.
    pub max_duration_difference_percent: u32,
    /// A difference between the elapsed times that is small enough whatever the percentage,
    /// in seconds (default 30): how far a watch and an app that stop recording at different
    /// moments disagree, which for a short session is more than the percentage allows.
    pub max_duration_difference_s: u32,
}

impl Default for DedupeSettings {
    fn default() -> Self {
        DedupeSettings {
            enabled: true,
            max_start_difference_s: 120,
            max_duration_difference_percent: 10,
            max_duration_difference_s: 30,
        }
    }
}

/// What [`dedupe`] made of a list of activities.
#[derive(Debug, Clone, Default)]
pub struct Deduped {
    /// One activity per session, in the order of each session's first activity in the input.
    pub activities: Vec<Activity>,
    /// For each input activity, in input order, the index in [`Deduped::activities`] of the
    /// session it counts towards.
    pub session_of: Vec<usize>,
}

/// Whether the format is a gym app's log, whose sets the athlete typed in.
fn is_gym_log(format: SourceFormat) -> bool {
    matches!(
        format,
        SourceFormat::StrongCsv
            | SourceFormat::HevyCsv
            | SourceFormat::FitNotesCsv
            | SourceFormat::JefitCsv
            | SourceFormat::FitbodCsv
    )
}

/// Whether `a` and `b` look like the same session under `settings` (the "same file" rule is
/// [`dedupe`]'s, not this function's).
pub fn same_session(a: &Activity, b: &Activity, settings: &DedupeSettings) -> bool {
    if a.sport.category() != b.sport.category() {
        return false;
    }
    let start_difference_ms = (a.start.as_millisecond() - b.start.as_millisecond()).unsigned_abs();
    if start_difference_ms > u64::from(settings.max_start_difference_s) * 1000 {
        return false;
    }
    let (a_ms, b_ms) = (a.elapsed.as_millis(), b.elapsed.as_millis());
    let difference_ms = a_ms.abs_diff(b_ms);
    // Integer arithmetic, so that "exactly 10 % apart" is decided the same on every machine.
    difference_ms <= u128::from(settings.max_duration_difference_s) * 1000
        || difference_ms * 100 <= u128::from(settings.max_duration_difference_percent) * a_ms.max(b_ms)
}

/// How many of the optional figures an activity has: the tie-break between two sources of
/// the same format (Strava's GPX of a ride against Garmin Connect's).
fn figures_known(activity: &Activity) -> usize {
    [
        activity.name.is_some(),
        activity.utc_offset.is_some(),
        activity.moving.is_some(),
        activity.distance_m.is_some(),
        activity.elevation_gain_m.is_some(),
        activity.avg_heart_rate.is_some(),
        activity.perceived_effort.is_some(),
        activity.workout_type.is_some(),
    ]
    .into_iter()
    .filter(|&known| known)
    .count()
}

struct Session {
    /// Input indices, richest first: the first is the session's primary.
    members: Vec<usize>,
}

/// Groups the activities that are one session and merges each group into one activity.
///
/// The result does not depend on the order of the input beyond ties between equally rich
/// sources, which go to the earlier one; running it again on its own output changes nothing.
pub fn dedupe(activities: Vec<Activity>, settings: &DedupeSettings) -> Deduped {
    let count = activities.len();
    if !settings.enabled {
        return Deduped {
            activities,
            session_of: (0..count).collect(),
        };
    }
    let mut by_richness: Vec<usize> = (0..count).collect();
    by_richness.sort_by(|&a, &b| {
        let key = |i: usize| {
            let activity = &activities[i];
            (
                source_rank(activity.source.format),
                figures_known(activity),
                activity.sets.len(),
            )
        };
        key(b).cmp(&key(a)).then(a.cmp(&b))
    });

    // Sessions are found by their primary's start second, so each activity compares only with
    // the sessions that start within the window: O(n log n) for a lifetime of activities.
    let window_s = i64::from(settings.max_start_difference_s);
    let mut sessions: Vec<Session> = Vec::new();
    let mut by_start: BTreeSet<(i64, usize)> = BTreeSet::new();
    for &index in &by_richness {
        let activity = &activities[index];
        let second = activity.start.as_second();
        let mut best: Option<(u64, usize)> = None;
        for &(_, session) in by_start.range((second - window_s - 1, 0)..=(second + window_s + 1, usize::MAX))
        {
            let primary = &activities[sessions[session].members[0]];
            if !same_session(primary, activity, settings) {
                continue;
            }
            let from_same_file = sessions[session]
                .members
                .iter()
                .any(|&m| same_file(&activities[m], activity));
            if from_same_file {
                continue;
            }
            let distance = (primary.start.as_millisecond() - activity.start.as_millisecond()).unsigned_abs();
            if best.is_none_or(|(best_distance, _)| distance < best_distance) {
                best = Some((distance, session));
            }
        }
        match best {
            Some((_, session)) => sessions[session].members.push(index),
            None => {
                by_start.insert((second, sessions.len()));
                sessions.push(Session { members: vec![index] });
            }
        }
    }

    // Output in input order of each session's first member, so that a report of files with
    // no duplicates lists activities exactly as read.
    let mut order: Vec<(usize, usize)> = sessions
        .iter()
        .enumerate()
        .map(|(s, session)| (session.members.iter().copied().min().unwrap_or(0), s))
        .collect();
    order.sort_unstable();

    let mut slots: Vec<Option<Activity>> = activities.into_iter().map(Some).collect();
    let mut session_of = vec![0; count];
    let mut merged = Vec::with_capacity(sessions.len());
    for (position, &(_, s)) in order.iter().enumerate() {
        let members: Vec<Activity> = sessions[s]
            .members
            .iter()
            .map(|&m| {
                session_of[m] = position;
                slots[m].take().expect("each activity belongs to one session")
            })
            .collect();
        merged.push(merge(members));
    }
    Deduped {
        activities: merged,
        session_of,
    }
}

fn same_file(a: &Activity, b: &Activity) -> bool {
    a.source.path == b.source.path && a.source.inner_path == b.source.inner_path
}

/// Merges the activities of one session, richest first, into the first.
fn merge(members: Vec<Activity>) -> Activity {
    let mut members = members.into_iter();
    let mut session = members.next().expect("a session has a primary");
    let others: Vec<Activity> = members.collect();
    if others.is_empty() {
        return session;
    }
    for other in &others {
        fill(&mut session.name, &other.name);
        fill(&mut session.utc_offset, &other.utc_offset);
        fill(&mut session.distance_m, &other.distance_m);
        fill(&mut session.elevation_gain_m, &other.elevation_gain_m);
        fill(&mut session.avg_heart_rate, &other.avg_heart_rate);
        fill(&mut session.perceived_effort, &other.perceived_effort);
        fill(&mut session.workout_type, &other.workout_type);
        fill(&mut session.source_file_hint, &other.source_file_hint);
        // Another source's moving time is only believable within this source's elapsed time.
        if session.moving.is_none() && other.moving.is_some_and(|m| m <= session.elapsed) {
            session.moving = other.moving;
        }
        if session.sport == Sport::Running(RunKind::Unspecified) && other.sport.is_running() {
            session.sport = other.sport.clone();
        }
    }
    let primary_is_log = is_gym_log(session.source.format) && !session.sets.is_empty();
    if !primary_is_log {
        let donor = others
            .iter()
            .find(|o| is_gym_log(o.source.format) && !o.sets.is_empty())
            .or_else(|| {
                others
                    .iter()
                    .find(|o| !o.sets.is_empty())
                    .filter(|_| session.sets.is_empty())
            });
        if let Some(donor) = donor {
            session.sets = donor.sets.clone();
        }
    }
    for other in others {
        session.merged_from.push(other.source);
        session.merged_from.extend(other.merged_from);
    }
    sort_sources(&mut session.merged_from);
    session
}

fn fill<T: Clone>(target: &mut Option<T>, other: &Option<T>) {
    if target.is_none() {
        target.clone_from(other);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use runlift_model::{SetKind, SourceRef, StrengthSet, Timestamp};

    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn activity(sport: Sport, start: &str, elapsed_s: u64, path: &str, format: SourceFormat) -> Activity {
        Activity::new(
            sport,
            at(start),
            Duration::from_secs(elapsed_s),
            SourceRef::file(path, format),
        )
    }

    fn run(start: &str, elapsed_s: u64, path: &str, format: SourceFormat) -> Activity {
        activity(
            Sport::Running(RunKind::Unspecified),
            start,
            elapsed_s,
            path,
            format,
        )
    }

    fn sets(names: &[&str]) -> Vec<StrengthSet> {
        names.iter().map(|name| StrengthSet::new(*name)).collect()
    }

    #[test]
    fn fit_gpx_and_strava_csv_of_one_run_become_the_fit_activity() {
        let mut fit = run("2026-01-06T06:30:05Z", 3605, "watch/1.fit", SourceFormat::Fit);
        fit.distance_m = Some(10_012.5);
        fit.avg_heart_rate = Some(148.0);
        let mut gpx = run("2026-01-06T06:30:00Z", 3600, "strava/1.gpx", SourceFormat::Gpx);
        gpx.distance_m = Some(9_990.0);
        let mut csv = run(
            "2026-01-06T06:30:00Z",
            3600,
            "strava/activities.csv",
            SourceFormat::StravaCsv,
        );
        csv.distance_m = Some(10_000.0);
        csv.name = Some("Morning Run".to_owned());
        csv.perceived_effort = Some(6.0);

        let deduped = dedupe(vec![gpx, csv, fit], &DedupeSettings::default());

        assert_eq!(deduped.activities.len(), 1);
        assert_eq!(deduped.session_of, [0, 0, 0]);
        let session = &deduped.activities[0];
        assert_eq!(session.source.path.to_str(), Some("watch/1.fit"));
        assert_eq!(session.start, at("2026-01-06T06:30:05Z"));
        assert_eq!(session.elapsed, Duration::from_secs(3605));
        assert_eq!(session.distance_m, Some(10_012.5));
        assert_eq!(session.avg_heart_rate, Some(148.0));
        // Filled from the summary, which is the only source that has them.
        assert_eq!(session.name.as_deref(), Some("Morning Run"));
        assert_eq!(session.perceived_effort, Some(6.0));
        let merged: Vec<_> = session.merged_from.iter().map(|s| s.format).collect();
        assert_eq!(merged, [SourceFormat::Gpx, SourceFormat::StravaCsv]);
        let fit = run("2026-01-06T06:30:05Z", 3605, "watch/1.fit", SourceFormat::Fit);
        assert_eq!(session.id, fit.id);
    }

    #[test]
    fn thresholds_are_inclusive_and_decide_the_match() {
        let settings = DedupeSettings::default();
        let base = run("2026-01-06T06:30:00Z", 3000, "a.fit", SourceFormat::Fit);
        let table = [
            ("2026-01-06T06:32:00Z", 3000, true),  // 120 s later: on the limit
            ("2026-01-06T06:32:01Z", 3000, false), // 121 s later
            ("2026-01-06T06:28:00Z", 3000, true),  // 120 s earlier
            ("2026-01-06T06:30:00Z", 2700, true),  // 10 % of 3000 shorter
            ("2026-01-06T06:30:00Z", 2699, false), // a second more than 10 %
            ("2026-01-06T06:30:00Z", 3333, true),  // 333 s is 9.99 % of 3333
            ("2026-01-06T06:30:00Z", 3334, false), // 334 s is 10.02 % of 3334
        ];
        for (start, elapsed, expected) in table {
            let other = run(start, elapsed, "b.gpx", SourceFormat::Gpx);
            assert_eq!(
                same_session(&base, &other, &settings),
                expected,
                "{start} {elapsed}"
            );
            assert_eq!(
                same_session(&other, &base, &settings),
                expected,
                "{start} {elapsed} swapped"
            );
        }
        // Short sessions: 30 s apart always match, whatever the percentage.
        let ride = run("2026-01-06T06:30:00Z", 126, "a.tcx", SourceFormat::Tcx);
        let watch = |elapsed_ms: u64| {
            let mut fit = run("2026-01-06T06:30:00Z", 0, "b.fit", SourceFormat::Fit);
            fit.elapsed = Duration::from_millis(elapsed_ms);
            fit
        };
        assert!(same_session(&ride, &watch(113_150), &settings));
        assert!(same_session(&ride, &watch(96_000), &settings));
        assert!(!same_session(&ride, &watch(95_999), &settings));
        let wide = DedupeSettings {
            max_start_difference_s: 300,
            max_duration_difference_percent: 20,
            max_duration_difference_s: 0,
            ..DedupeSettings::default()
        };
        assert!(same_session(
            &base,
            &run("2026-01-06T06:35:00Z", 2400, "c.gpx", SourceFormat::Gpx),
            &wide
        ));
    }

    #[test]
    fn different_sport_categories_never_merge() {
        let ride = activity(
            Sport::Cycling(runlift_model::Venue::Unspecified),
            "2026-01-06T06:30:00Z",
            3600,
            "a.fit",
            SourceFormat::Fit,
        );
        let running = run("2026-01-06T06:30:00Z", 3600, "b.gpx", SourceFormat::Gpx);
        let deduped = dedupe(vec![ride, running], &DedupeSettings::default());
        assert_eq!(deduped.activities.len(), 2);
        assert_eq!(deduped.session_of, [0, 1]);
    }

    #[test]
    fn two_activities_of_one_file_stay_two() {
        let first = run("2026-01-06T06:30:00Z", 1800, "multi.tcx", SourceFormat::Tcx);
        let second = run("2026-01-06T06:31:00Z", 1800, "multi.tcx", SourceFormat::Tcx);
        let deduped = dedupe(vec![first, second], &DedupeSettings::default());
        assert_eq!(deduped.activities.len(), 2);
    }

    #[test]
    fn the_same_file_under_two_paths_counts_once() {
        let a = run("2026-01-06T06:30:00Z", 1800, "export/run.gpx", SourceFormat::Gpx);
        let b = run("2026-01-06T06:30:00Z", 1800, "backup/run.gpx", SourceFormat::Gpx);
        let deduped = dedupe(vec![a, b], &DedupeSettings::default());
        assert_eq!(deduped.activities.len(), 1);
        assert_eq!(deduped.activities[0].source.path.to_str(), Some("export/run.gpx"));
        assert_eq!(
            deduped.activities[0].merged_from[0].path.to_str(),
            Some("backup/run.gpx")
        );
    }

    #[test]
    fn among_equal_formats_the_source_with_more_figures_wins() {
        let bare = run("2026-01-06T06:30:00Z", 1800, "strava.gpx", SourceFormat::Gpx);
        let mut rich = run("2026-01-06T06:30:01Z", 1801, "garmin.gpx", SourceFormat::Gpx);
        rich.avg_heart_rate = Some(151.0);
        rich.elevation_gain_m = Some(80.0);
        let deduped = dedupe(vec![bare, rich], &DedupeSettings::default());
        assert_eq!(deduped.activities[0].source.path.to_str(), Some("garmin.gpx"));
    }

    #[test]
    fn gym_log_sets_beat_the_watch_sets_but_the_watch_keeps_its_figures() {
        let mut watch = activity(
            Sport::StrengthTraining,
            "2026-01-07T17:00:30Z",
            3500,
            "watch/gym.fit",
            SourceFormat::Fit,
        );
        watch.avg_heart_rate = Some(112.0);
        watch.sets = sets(&["Unknown", "Unknown", "Unknown"]);
        let mut hevy = activity(
            Sport::StrengthTraining,
            "2026-01-07T17:00:00Z",
            3600,
            "hevy.csv",
            SourceFormat::HevyCsv,
        );
        hevy.sets = sets(&["Squat (Barbell)", "Squat (Barbell)"]);
        hevy.sets[0].kind = SetKind::WarmUp;

        let deduped = dedupe(vec![hevy, watch], &DedupeSettings::default());

        assert_eq!(deduped.activities.len(), 1);
        let session = &deduped.activities[0];
        assert_eq!(session.source.format, SourceFormat::Fit);
        assert_eq!(session.elapsed, Duration::from_secs(3500));
        assert_eq!(session.avg_heart_rate, Some(112.0));
        assert_eq!(session.sets.len(), 2);
        assert_eq!(session.sets[1].exercise.map(|e| e.key), Some("squat"));
        assert_eq!(session.working_sets(), 1);
    }

    #[test]
    fn every_gym_app_log_is_a_gym_log_and_no_summary_is() {
        let logs = [
            SourceFormat::StrongCsv,
            SourceFormat::HevyCsv,
            SourceFormat::FitNotesCsv,
            SourceFormat::JefitCsv,
            SourceFormat::FitbodCsv,
        ];
        for format in logs {
            assert!(is_gym_log(format), "{format}");
        }
        let summaries = [
            SourceFormat::StravaCsv,
            SourceFormat::GarminCsv,
            SourceFormat::RunkeeperCsv,
            SourceFormat::ZeppCsv,
            SourceFormat::GarminAccountJson,
            SourceFormat::PolarFlowJson,
            SourceFormat::Fit,
        ];
        for format in summaries {
            assert!(!is_gym_log(format), "{format}");
        }
    }

    #[test]
    fn sets_come_from_whichever_source_has_them() {
        let watch = activity(
            Sport::StrengthTraining,
            "2026-01-07T17:00:00Z",
            3600,
            "w.fit",
            SourceFormat::Fit,
        );
        let mut strong = activity(
            Sport::StrengthTraining,
            "2026-01-07T17:01:00Z",
            3600,
            "strong.csv",
            SourceFormat::StrongCsv,
        );
        strong.sets = sets(&["Bench Press (Barbell)"; 4]);
        let deduped = dedupe(vec![watch, strong], &DedupeSettings::default());
        assert_eq!(deduped.activities[0].source.format, SourceFormat::Fit);
        assert_eq!(deduped.activities[0].sets.len(), 4);
    }

    #[test]
    fn a_specific_kind_of_run_survives_a_merge_into_an_unspecified_one() {
        let fit = run("2026-01-06T06:30:00Z", 1800, "a.fit", SourceFormat::Fit);
        let gpx = activity(
            Sport::Running(RunKind::Trail),
            "2026-01-06T06:30:00Z",
            1800,
            "b.gpx",
            SourceFormat::Gpx,
        );
        let deduped = dedupe(vec![fit, gpx], &DedupeSettings::default());
        assert_eq!(deduped.activities[0].sport, Sport::Running(RunKind::Trail));
    }

    #[test]
    fn a_moving_time_longer_than_the_kept_elapsed_time_is_not_borrowed() {
        let fit = run("2026-01-06T06:30:00Z", 1800, "a.fit", SourceFormat::Fit);
        let mut gpx = run("2026-01-06T06:30:00Z", 1900, "b.gpx", SourceFormat::Gpx);
        gpx.moving = Some(Duration::from_secs(1850));
        let deduped = dedupe(vec![fit.clone(), gpx.clone()], &DedupeSettings::default());
        assert_eq!(deduped.activities[0].moving, None);
        gpx.moving = Some(Duration::from_secs(1750));
        let deduped = dedupe(vec![fit, gpx], &DedupeSettings::default());
        assert_eq!(deduped.activities[0].moving, Some(Duration::from_secs(1750)));
    }

    #[test]
    fn disabled_keeps_everything_and_dedupe_is_idempotent() {
        let a = run("2026-01-06T06:30:00Z", 1800, "a.fit", SourceFormat::Fit);
        let b = run("2026-01-06T06:30:30Z", 1800, "b.gpx", SourceFormat::Gpx);
        let c = run("2026-01-08T06:30:00Z", 1800, "c.gpx", SourceFormat::Gpx);
        let off = DedupeSettings {
            enabled: false,
            ..DedupeSettings::default()
        };
        assert_eq!(
            dedupe(vec![a.clone(), b.clone(), c.clone()], &off)
                .activities
                .len(),
            3
        );
        let once = dedupe(vec![c, b, a], &DedupeSettings::default());
        assert_eq!(once.activities.len(), 2);
        assert_eq!(once.session_of, [0, 1, 1]);
        let twice = dedupe(once.activities.clone(), &DedupeSettings::default());
        assert_eq!(twice.activities, once.activities);
    }

    #[test]
    fn a_chain_of_overlaps_does_not_merge_activities_far_apart() {
        // b is within 2 minutes of a, c within 2 minutes of b, but c is 4 minutes from a.
        let a = run("2026-01-06T06:30:00Z", 1800, "a.fit", SourceFormat::Fit);
        let b = run("2026-01-06T06:32:00Z", 1800, "b.gpx", SourceFormat::Gpx);
        let c = run("2026-01-06T06:34:00Z", 1800, "c.csv", SourceFormat::StravaCsv);
        let deduped = dedupe(vec![a, b, c], &DedupeSettings::default());
        assert_eq!(deduped.session_of, [0, 0, 1]);
    }

    #[test]
    fn settings_read_from_a_dedupe_table_with_defaults_for_missing_keys() {
        let settings: DedupeSettings = toml::from_str("enabled = false\n").unwrap();
        assert_eq!(
            settings,
            DedupeSettings {
                enabled: false,
                max_start_difference_s: 120,
                max_duration_difference_percent: 10,
                max_duration_difference_s: 30,
            }
        );
        assert_eq!(
            toml::from_str::<DedupeSettings>("").unwrap(),
            DedupeSettings::default()
        );
        let unknown = toml::from_str::<DedupeSettings>("max_start_s = 300\n").unwrap_err();
        assert!(
            unknown.to_string().contains("unknown field `max_start_s`"),
            "{unknown}"
        );
        let negative = toml::from_str::<DedupeSettings>("max_start_difference_s = -5\n").unwrap_err();
        assert!(
            negative.to_string().contains("max_start_difference_s"),
            "{negative}"
        );
    }
}
