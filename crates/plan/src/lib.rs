//! Proposes the coming week of runs, strength sessions and rest days from the athlete's own
//! history, so that doing it would raise none of runlift's recovery and balance checks.
//!
//! [`plan`] takes the athlete's activities and [`PlanOptions`] (time zone, the analysis
//! [`Settings`], the as-of moment, the athlete's [`Preferences`]) and returns a [`Plan`]:
//!
//! - the **volume** ([`Volume`]) read from the last 4 complete weeks: runs a week, distance a
//!   week, the usual long run, and whether the week is lighter after a `load-spike` or
//!   `no-rest` warning ([`Lighter`]);
//! - one [`PlannedDay`] for every day of the planned week (the ISO week after the as-of week,
//!   or with [`PlanOptions::this_week`] the days left of the current one), each holding its
//!   [`Session`]s (a run, a strength session, or rest) with the **reason** for every choice;
//! - [`Plan::gave_way`]: the rules that could not all hold (too few available days, a fixed
//!   session in the way) and which one gave way.
//!
//! The schedule is found by a small exhaustive search over the week's days (`schedule`): the
//! recovery rules (no heavy legs on the day before a long or hard run, rest days, training days
//! in a row) are hard constraints, alternation and preferences are costs. [`render`] writes a
//! plan as a terminal table, Markdown, JSON (`docs/plan-json.md`) or an iCalendar file.
//! `docs/plan.md` explains every rule and its source.
//!
//! ```
//! use std::time::Duration;
//! use runlift_model::{Activity, RunKind, SourceFormat, SourceRef, Sport};
//! use runlift_plan::{plan, PlanOptions, Error};
//!
//! let source = SourceRef::file("run.gpx", SourceFormat::Gpx);
//! let mut run = Activity::new(
//!     Sport::Running(RunKind::Road),
//!     "2026-01-05T07:00:00Z".parse().unwrap(),
//!     Duration::from_secs(1800),
//!     source,
//! );
//! run.distance_m = Some(6000.0);
//! let options = PlanOptions {
//!     as_of: "2026-01-12T00:00:00Z".parse().unwrap(),
//!     ..PlanOptions::default()
//! };
//! // One week of running is not enough to plan from: the plan says what it needs.
//! let err = plan(&[run], &options).unwrap_err();
//! assert!(matches!(err, Error::HistoryTooShort { needs: 3, has: 1, .. }));
//! assert_eq!(
//!     err.to_string(),
//!     "history too short: needs 3 complete weeks with runs (of the last 4 before 2026-01-12), has 1"
//! );
//! ```
#![deny(missing_docs)]

mod build;
pub mod render;
mod schedule;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use runlift_analysis::{AnalysisError, MuscleSets, Settings};
use runlift_model::{Activity, MuscleGroup};

/// Complete weeks with runs, among the last 4, that a plan needs to read volume from.
pub const MIN_WEEKS_WITH_RUNS: u32 = 3;
/// Complete weeks the volume and the muscle groups are read from.
pub const VOLUME_WEEKS: usize = 4;
/// The share of the usual volume a lighter week keeps after a `load-spike` or `no-rest`.
pub const LIGHTER_FACTOR: f64 = 0.8;

/// What to plan, from when, against which goals and preferences.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// The athlete's time zone (for activities without their own UTC offset).
    pub time_zone: TimeZone,
    /// Goals and thresholds: the same as the balance checks use.
    pub settings: Settings,
    /// The moment the plan is made (exclusive): later activities are left out.
    pub as_of: Timestamp,
    /// Plan the days left of the as-of week (after the as-of day) instead of the next week.
    pub this_week: bool,
    /// Available days, the long-run day and fixed sessions.
    pub preferences: Preferences,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            time_zone: TimeZone::UTC,
            settings: Settings::default(),
            as_of: Timestamp::now(),
            this_week: false,
            preferences: Preferences::default(),
        }
    }
}

/// What the athlete asks of the week (the config's `[plan]` table and the flags).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preferences {
    /// The days of the week the athlete can train; `None`: every day.
    pub days: Option<Vec<Weekday>>,
    /// The day the long run goes on; `None`: the last available day of the week.
    pub long_run_day: Option<Weekday>,
    /// Sessions kept where the athlete put them (a club run on Wednesday).
    pub fixed: Vec<FixedSession>,
}

/// A session the athlete always does on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedSession {
    /// Its day of the week.
    pub day: Weekday,
    /// What it is.
    pub kind: FixedKind,
}

/// What a fixed session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedKind {
    /// A run of this type.
    Run(RunType),
    /// A strength session with this focus.
    Strength(MuscleGroup),
}

/// The type of a planned run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunType {
    /// Easy, conversational pace.
    Easy,
    /// The week's long run.
    Long,
    /// Intervals, tempo or a race effort.
    Hard,
}

impl RunType {
    /// The stable name: `easy`, `long`, `hard`.
    pub fn name(self) -> &'static str {
        match self {
            RunType::Easy => "easy",
            RunType::Long => "long",
            RunType::Hard => "hard",
        }
    }

    /// The type named `name`, if any.
    pub fn from_name(name: &str) -> Option<RunType> {
        [RunType::Easy, RunType::Long, RunType::Hard]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// The proposed week.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The last day the history was read up to.
    pub as_of: Date,
    /// The moment the plan was made (for the iCalendar `DTSTAMP`).
    pub made_at: Timestamp,
    /// The Monday of the planned week.
    pub week_start: Date,
    /// Whether the plan covers the days left of the as-of week.
    pub this_week: bool,
    /// Where the volume came from.
    pub volume: Volume,
    /// Every planned day, in order: 7, or the days left of the week.
    pub days: Vec<PlannedDay>,
    /// Rules that could not all hold, and which gave way.
    pub gave_way: Vec<String>,
    /// Things to know about the plan that are not a rule giving way.
    pub notes: Vec<String>,
}

/// The volume a plan starts from, read from the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume {
    /// The complete weeks read (`2026-W05`...), oldest first.
    pub weeks: Vec<String>,
    /// Average runs a week over those weeks with data.
    pub runs_per_week: f64,
    /// Average run distance a week, in metres.
    pub distance_per_week_m: f64,
    /// Average of the weeks' longest runs, in metres.
    pub usual_long_run_m: f64,
    /// Average pace, in seconds per kilometre; `None` without distances.
    pub pace_s_per_km: Option<f64>,
    /// The longest run of the 30 days before the planned week, in metres.
    pub longest_30_days_m: f64,
    /// Set when the week is lighter than usual, and why.
    pub lighter: Option<Lighter>,
    /// Working sets per muscle group over the weeks read.
    pub muscle_sets: MuscleSets,
}

/// Why, and by how much, a week is lighter than the usual volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Lighter {
    /// The share of the usual distance kept (0.8).
    pub factor: f64,
    /// The warnings that called for it, for people.
    pub reason: String,
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedDay {
    /// The date.
    pub date: Date,
    /// The sessions, in the order to do them; a rest day holds one [`SessionKind::Rest`].
    pub sessions: Vec<Session>,
}

impl PlannedDay {
    /// Whether the day is a rest day.
    pub fn is_rest(&self) -> bool {
        self.sessions.iter().all(|s| s.kind == SessionKind::Rest)
    }
}

/// One planned session (or rest), with the reason it is there.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// What to do.
    pub kind: SessionKind,
    /// Why, for people.
    pub reason: String,
    /// Whether the athlete fixed it on this day.
    pub fixed: bool,
}

/// What a session is.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionKind {
    /// A run.
    Run {
        /// Easy, long or hard.
        run: RunType,
        /// Target distance in metres (whole 100 m); `None` when the history has no distances.
        distance_m: Option<f64>,
        /// Target minutes.
        minutes: u32,
    },
    /// A strength session.
    Strength {
        /// The group it is built around.
        focus: MuscleGroup,
        /// Working sets per group.
        sets: MuscleSets,
        /// Target minutes (sets x `estimates.strength_seconds_per_set`).
        minutes: u32,
        /// Whether its lower-body sets make it "heavy legs" (`thresholds.heavy_lower_body_sets`).
        heavy_legs: bool,
    },
    /// No training.
    Rest,
}

impl SessionKind {
    /// A short title for people: `Long run 14.0 km`, `Strength: core`, `Rest`.
    pub fn title(&self) -> String {
        match self {
            SessionKind::Run {
                run,
                distance_m,
                minutes,
            } => {
                let name = match run {
                    RunType::Easy => "Easy run",
                    RunType::Long => "Long run",
                    RunType::Hard => "Hard run",
                };
                match distance_m {
                    Some(m) => format!("{name} {:.1} km", m / 1000.0),
                    None => format!("{name} {minutes} min"),
                }
            }
            SessionKind::Strength { focus, .. } => format!("Strength: {}", group_words(*focus)),
            SessionKind::Rest => "Rest".to_owned(),
        }
    }

    /// The stable id used in JSON and iCalendar UIDs: `run-easy`, `strength-core`, `rest`.
    pub fn id(&self) -> String {
        match self {
            SessionKind::Run { run, .. } => format!("run-{}", run.name()),
            SessionKind::Strength { focus, .. } => format!("strength-{}", focus.name().replace('_', "-")),
            SessionKind::Rest => "rest".to_owned(),
        }
    }
}

/// A muscle group for people: `lower body`, `core`, `upper body`.
pub fn group_words(group: MuscleGroup) -> &'static str {
    match group {
        MuscleGroup::LowerBody => "lower body",
        MuscleGroup::Core => "core",
        MuscleGroup::UpperBody => "upper body",
    }
}

/// Why no plan could be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Fewer complete weeks with runs than a plan needs among the last 4 before the planned
    /// week: runlift plans from the athlete's own volume and does not invent one.
    #[error(
        "history too short: needs {needs} complete weeks with runs (of the last 4 before {week_start}), has {has}"
    )]
    HistoryTooShort {
        /// Weeks needed ([`MIN_WEEKS_WITH_RUNS`]).
        needs: u32,
        /// Weeks with runs found.
        has: u32,
        /// The Monday of the week that would have been planned.
        week_start: Date,
    },
    /// `this_week` on the week's last day: nothing is left to plan.
    #[error("no days left to plan in the week of {as_of} (plan the next week instead)")]
    NoDaysLeft {
        /// The as-of day.
        as_of: Date,
    },
    /// The analysis failed (a bug inside polars).
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// Proposes the planned week for `activities` (see the crate's documentation).
///
/// `activities` is anything that yields `&Activity`, as for `runlift_analysis::analyse`.
pub fn plan<'a>(
    activities: impl IntoIterator<Item = &'a Activity>,
    options: &PlanOptions,
) -> Result<Plan, Error> {
    let activities: Vec<&Activity> = activities.into_iter().collect();
    build::plan(&activities, options)
}
