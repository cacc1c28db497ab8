//! Turns activities into weekly run-versus-strength figures and balance warnings, with polars.
//!
//! [`analyse`] puts every [`Activity`] on its local calendar day (its own UTC offset where the
//! source recorded one, else the athlete's time zone) and ISO week (Monday to Sunday), and
//! computes:
//!
//! - [`WeekFigures`] for every week of the history, empty weeks included: runs (distance,
//!   time, climb, longest, hard and long runs), strength (sessions, time, working sets, reps,
//!   volume, [`MuscleSets`], unclassified exercises), other sports, training load (minutes x
//!   session effort), the acute:chronic workload ratio, rest days and the strength share;
//! - [`Warning`]s from ten [`Check`]s against the athlete's [`Settings`] (goals and thresholds
//!   from a built-in [`Profile`], overridden by a TOML config), each with a [`Severity`], its
//!   evidence in numbers and one sentence of advice (`docs/balance.md` explains them).
//!
//! The result, a [`BalanceReport`], is plain data for `runlift-report` to render. Checks see
//! the whole history, so that trailing averages hold at the start of a shorter report.
//!
//! ```
//! use std::time::Duration;
//! use runlift_analysis::{analyse, AnalysisOptions, Check};
//! use runlift_model::{Activity, RunKind, SourceFormat, SourceRef, Sport};
//!
//! let source = SourceRef::file("run.gpx", SourceFormat::Gpx);
//! let mut run = Activity::new(
//!     Sport::Running(RunKind::Road),
//!     "2026-01-06T07:00:00Z".parse().unwrap(),
//!     Duration::from_secs(1800),
//!     source,
//! );
//! run.distance_m = Some(6000.0);
//! let report = analyse(&[run], &AnalysisOptions::default()).unwrap();
//! assert_eq!(report.weeks.len(), 1);
//! assert_eq!(report.weeks[0].label(), "2026-W02");
//! assert_eq!(report.weeks[0].run_distance_m, 6000.0);
//! // 30 minutes at the default running effort of 5.
//! assert_eq!(report.weeks[0].load, 150.0);
//! // A week of running without strength work is flagged.
//! assert_eq!(report.warnings[0].check, Check::StrengthMissing);
//! assert_eq!(report.warnings[0].id(), "strength-missing");
//! ```
#![deny(missing_docs)]

mod checks;
mod figures;
mod settings;

use std::time::{Duration, Instant};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use polars::prelude::PolarsError;
use runlift_model::Activity;

pub use checks::{Check, Evidence, Severity, Warning};
pub use figures::{MuscleSets, WeekFigures, local_date};
pub use settings::{
    ConfigError, EffortDefaults, Goals, Profile, RunIntensity, Settings, SettingsPatch, Thresholds,
    WarningSwitches,
};

use figures::{date_from_days, days_since_epoch, week_of};

/// What to compute, against which goals, and which weeks to report.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// The athlete's time zone, for activities whose source did not record a UTC offset.
    pub time_zone: TimeZone,
    /// Goals and thresholds.
    pub settings: Settings,
    /// Report only the last this many weeks (after `since` and `until`); `None` reports all.
    pub weeks: Option<usize>,
    /// Report only from the week of this day on (earlier weeks still feed the checks).
    pub since: Option<Date>,
    /// Leave out activities after this day, as if the report were made on it.
    pub until: Option<Date>,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            time_zone: TimeZone::UTC,
            settings: Settings::default(),
            weeks: None,
            since: None,
            until: None,
        }
    }
}

/// The weekly figures and warnings for a history of activities.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceReport {
    /// The time zone weeks were computed in, for activities without their own offset.
    pub time_zone: String,
    /// The goals and thresholds the warnings were checked against.
    pub settings: Settings,
    /// The reported weeks, oldest first, without gaps.
    pub weeks: Vec<WeekFigures>,
    /// The warnings about the reported weeks, in week order.
    pub warnings: Vec<Warning>,
    /// The first and last day of the whole history (local dates), `None` without activities.
    pub history: Option<(Date, Date)>,
}

impl BalanceReport {
    /// The most serious severity among the warnings, if there are any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.warnings.iter().map(|w| w.severity).max()
    }
}

/// Where the time of an analysis went (for the benchmark).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Reducing each activity to its numbers, in Rust.
    pub digest: Duration,
    /// Building the frame and aggregating it per week and per day, in polars.
    pub polars: Duration,
    /// The daily series, rolling windows, and the checks, in Rust.
    pub checks: Duration,
}

/// Why the analysis failed: only an internal polars failure, which is a bug to report.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// polars refused a computation.
    #[error("computing the weekly figures failed inside polars: {0}")]
    Polars(#[from] PolarsError),
}

/// The ISO week that `date` falls in, as `YYYY-Www` (for example `2026-W02`).
pub fn week_label(date: Date) -> String {
    let iso = date.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

/// Computes the weekly figures and warnings for `activities`.
pub fn analyse(activities: &[Activity], options: &AnalysisOptions) -> Result<BalanceReport, AnalysisError> {
    analyse_timed(activities, options).map(|(report, _)| report)
}

/// [`analyse`], telling also where its time went.
pub fn analyse_timed(
    activities: &[Activity],
    options: &AnalysisOptions,
) -> Result<(BalanceReport, Timings), AnalysisError> {
    let mut timings = Timings::default();
    // A system zone read from /etc/localtime may carry no IANA name; say so rather than guess.
    let time_zone = options
        .time_zone
        .iana_name()
        .unwrap_or("the system's local time zone")
        .to_owned();
    let settings = &options.settings;
    let mut report = BalanceReport {
        time_zone,
        settings: settings.clone(),
        weeks: Vec::new(),
        warnings: Vec::new(),
        history: None,
    };

    let started = Instant::now();
    let until = options.until.map(days_since_epoch);
    let mut digests: Vec<figures::Digest> = activities
        .iter()
        .enumerate()
        .map(|(i, a)| figures::digest(i, a, &options.time_zone, settings))
        .filter(|d| until.is_none_or(|until| d.day <= until))
        .collect();
    digests.sort_by_key(|d| (d.start_s, d.day));
    timings.digest = started.elapsed();
    let Some(last_day) = digests.iter().map(|d| d.day).max() else {
        return Ok((report, timings));
    };

    let started = Instant::now();
    let history = figures::history(&digests, activities, last_day)?;
    timings.polars = started.elapsed();

    let started = Instant::now();
    let mut warnings = checks::run(&checks::Inputs {
        weeks: &history.weeks,
        days: &history.days,
        first_day: history.first_day,
        sessions: &digests,
        settings,
    });
    let mut weeks = history.weeks;
    let mut from = 0;
    if let Some(since) = options.since {
        let monday = date_from_days(week_of(days_since_epoch(since)));
        from = weeks.partition_point(|w| w.week_start < monday);
    }
    if let Some(keep) = options.weeks {
        from = from.max(weeks.len().saturating_sub(keep));
    }
    weeks.drain(..from);
    let first_reported = weeks.first().map(|w| w.week_start);
    warnings.retain(|w| first_reported.is_some_and(|first| w.week_start >= first));
    report.history = Some((date_from_days(history.first_day), date_from_days(last_day)));
    report.weeks = weeks;
    report.warnings = warnings;
    timings.checks = started.elapsed();
    Ok((report, timings))
}

#[cfg(test)]
mod tests;
