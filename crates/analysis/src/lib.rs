//! Turns activities into weekly run-versus-strength figures and balance warnings, with polars,
//! as of a moment.
//!
//! [`analyse`] puts every [`Activity`] on its local calendar day (its own UTC offset where the
//! source recorded one, else the athlete's time zone) and ISO week (Monday to Sunday), and
//! judges the history as of [`AnalysisOptions::as_of`] (now, by default, in the binary):
//!
//! - [`WeekFigures`] for every week from the first activity to the week of the as-of moment,
//!   empty weeks included: runs (distance, time, climb, longest, hard and long runs), strength
//!   (sessions, time, working sets, reps, volume, [`MuscleSets`], unclassified exercises),
//!   other sports, training load (minutes x session effort) with running and strength load on
//!   their own axes, the acute:chronic ratio of running load, rest days, the strength share,
//!   the week's [`WeekStatus`] (complete, in progress, partial first week) and its
//!   [`DataQuality`] (what rests on estimates);
//! - [`Warning`]s from eleven [`Check`]s against the athlete's [`Settings`] (goals and
//!   thresholds from a built-in [`Profile`], overridden by a TOML config), each with a
//!   [`Severity`], its evidence in numbers and one sentence of advice (`docs/balance.md`
//!   explains them and their sources). A week in progress is not judged as if it were over;
//!   instead [`BalanceReport::current`] tells what is still to do this week;
//! - where the data ends long before the as-of moment, a [`Silence`], so that reports can say
//!   so and show the empty stretch compactly ([`BalanceReport::rows`]).
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
//!     "2026-01-05T07:00:00Z".parse().unwrap(),
//!     Duration::from_secs(1800),
//!     source,
//! );
//! run.distance_m = Some(6000.0);
//! // As of the end of that Sunday: the week is over.
//! let options = AnalysisOptions {
//!     as_of: "2026-01-12T00:00:00Z".parse().unwrap(),
//!     ..AnalysisOptions::default()
//! };
//! let report = analyse(&[run.clone()], &options).unwrap();
//! assert_eq!(report.weeks.len(), 1);
//! assert_eq!(report.weeks[0].label(), "2026-W02");
//! assert_eq!(report.weeks[0].run_distance_m, 6000.0);
//! // 30 minutes at the default running effort of 5.
//! assert_eq!(report.weeks[0].run_load, 150.0);
//! // A finished week of running without strength work is flagged...
//! assert_eq!(report.warnings[0].check, Check::StrengthMissing);
//! assert_eq!(report.warnings[0].id(), "strength-missing");
//!
//! // ...but on its Friday the week is in progress: not a failure, a to-do.
//! let friday = AnalysisOptions {
//!     as_of: "2026-01-09T18:00:00Z".parse().unwrap(),
//!     ..AnalysisOptions::default()
//! };
//! let report = analyse(&[run], &friday).unwrap();
//! assert!(report.weeks[0].in_progress());
//! assert!(report.warnings.is_empty());
//! assert_eq!(report.current.unwrap().to_do(), "0 of 2 strength sessions, 2 days left");
//! ```
#![deny(missing_docs)]

mod checks;
mod figures;
mod settings;

use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use polars::prelude::PolarsError;
use runlift_model::Activity;

pub use checks::{Check, Evidence, Severity, Warning};
pub use figures::{DataQuality, MuscleSets, WeekFigures, WeekStatus, is_hard_effort, local_date};
pub use settings::{
    ConfigError, EffortDefaults, Estimates, Goals, Profile, RunIntensity, Settings, SettingsPatch,
    StackedPolicy, Thresholds, WarningSwitches,
};

use figures::{date_from_days, days_since_epoch, week_of};

/// What to compute, against which goals, as of when, and which weeks to report.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// The athlete's time zone, for activities whose source did not record a UTC offset, and
    /// for the as-of day.
    pub time_zone: TimeZone,
    /// Goals and thresholds.
    pub settings: Settings,
    /// The moment the report is made (exclusive): activities starting at or after it are
    /// left out, its week is in progress unless the moment is the end of that week, and
    /// lapses count the days up to it. [`Default`] takes now.
    pub as_of: Timestamp,
    /// Report only the last this many weeks, counting back from the as-of week; `None`
    /// reports all.
    pub weeks: Option<usize>,
    /// Report only from the week of this day on (earlier weeks still feed the checks).
    pub since: Option<Date>,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            time_zone: TimeZone::UTC,
            settings: Settings::default(),
            as_of: Timestamp::now(),
            weeks: None,
            since: None,
        }
    }
}

/// The moment a report was made, on the athlete's calendar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AsOf {
    /// The moment (exclusive).
    pub moment: Timestamp,
    /// The last calendar day the report covers: the day of the moment, or the day before
    /// when the moment is a midnight.
    pub day: Date,
    /// Whether `day` is over at the moment (the moment is its midnight).
    pub day_over: bool,
}

/// The end of the data long before the as-of moment: an old export, a watch left in a
/// drawer, or an athlete who stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Silence {
    /// The day of the last activity.
    pub last_activity: Date,
    /// Whole days since then without any activity, up to the as-of moment.
    pub days: u32,
    /// The Monday of the first week without any data.
    pub first_empty_week: Date,
    /// Weeks without any data from `first_empty_week` to the as-of week, both included.
    pub empty_weeks: u32,
}

/// The week in progress, measured against the goals: information, not a warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekProgress {
    /// The Monday of the week.
    pub week_start: Date,
    /// Days of the week up to the as-of day (the as-of day included).
    pub days_elapsed: u32,
    /// Whole days of the week after the as-of day.
    pub days_left: u32,
    /// Strength sessions so far.
    pub strength_sessions: u32,
    /// Strength sessions the goals ask for in a week with running.
    pub strength_goal: u32,
    /// Runs so far.
    pub runs: u32,
    /// Run distance so far, in metres.
    pub run_distance_m: f64,
    /// The average weekly run distance of the trailing complete weeks, where there is one.
    pub trailing_run_distance_m: Option<f64>,
    /// Rest days so far.
    pub rest_days: u32,
}

impl WeekProgress {
    /// What is still to do, for people: `1 of 2 strength sessions, 2 days left`.
    pub fn to_do(&self) -> String {
        let left = match self.days_left {
            0 => "the rest of today left".to_owned(),
            1 => "1 day left".to_owned(),
            n => format!("{n} days left"),
        };
        format!(
            "{} of {} strength {}, {left}",
            self.strength_sessions,
            self.strength_goal,
            if self.strength_goal == 1 {
                "session"
            } else {
                "sessions"
            },
        )
    }
}

/// The weekly figures and warnings for a history of activities, as of a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceReport {
    /// The time zone weeks were computed in, for activities without their own offset.
    pub time_zone: String,
    /// The goals and thresholds the warnings were checked against.
    pub settings: Settings,
    /// When the report was made.
    pub as_of: AsOf,
    /// The reported weeks, oldest first, without gaps, up to the as-of week.
    pub weeks: Vec<WeekFigures>,
    /// The warnings about the reported weeks, in week order.
    pub warnings: Vec<Warning>,
    /// The first and last day with an activity (local dates), `None` without activities
    /// before the as-of moment.
    pub history: Option<(Date, Date)>,
    /// Where the data ends a week or more before the as-of day.
    pub silence: Option<Silence>,
    /// The week in progress against the goals, when it is among the reported weeks.
    pub current: Option<WeekProgress>,
}

/// One line of a report for people: a week, or a stretch of empty weeks said once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row<'a> {
    /// A week shown in full.
    Week(&'a WeekFigures),
    /// Weeks without any data, shown as one line: the first and the last of them.
    Empty {
        /// The first empty week.
        first: &'a WeekFigures,
        /// The last empty week.
        last: &'a WeekFigures,
        /// How many weeks.
        weeks: usize,
    },
}

impl BalanceReport {
    /// The most serious severity among the warnings, if there are any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.warnings.iter().map(|w| w.severity).max()
    }

    /// The reported weeks as lines for people: stretches of three or more weeks without any
    /// data, such as the months after an old export ends, become one line each. Machine
    /// formats (JSON, CSV) list every week instead.
    pub fn rows(&self) -> Vec<Row<'_>> {
        const COMPACT_FROM: usize = 3;
        let mut rows = Vec::new();
        let mut i = 0;
        while i < self.weeks.len() {
            let empty = self.weeks[i..].iter().take_while(|w| !w.has_data()).count();
            if empty >= COMPACT_FROM {
                rows.push(Row::Empty {
                    first: &self.weeks[i],
                    last: &self.weeks[i + empty - 1],
                    weeks: empty,
                });
                i += empty;
            } else {
                rows.push(Row::Week(&self.weeks[i]));
                i += 1;
            }
        }
        rows
    }

    /// Where the data ends, for people: `no activity since 2026-02-22 (285 days); to report
    /// as of that day: --as-of 2026-02-22`. `None` when the data reaches the as-of week.
    pub fn silence_note(&self) -> Option<String> {
        let silence = self.silence?;
        Some(format!(
            "No activity recorded since {} ({} days before {}). If this export is old, report as of its last day: --as-of {}.",
            silence.last_activity, silence.days, self.as_of.day, silence.last_activity,
        ))
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

/// The as-of moment on the athlete's calendar.
pub fn as_of_day(moment: Timestamp, time_zone: &TimeZone) -> AsOf {
    let zoned = moment.to_zoned_datetime(time_zone.clone());
    // The start of the local day, which is not 00:00 where a daylight-saving change skips
    // midnight (Santiago, Havana, Cairo): a moment at it ends the day before.
    let midnight = zoned
        .start_of_day()
        .is_ok_and(|start| start.timestamp() == moment);
    let day = if midnight {
        zoned.date().yesterday().unwrap_or(zoned.date())
    } else {
        zoned.date()
    };
    AsOf {
        moment,
        day,
        day_over: midnight,
    }
}

/// The moment at the end of `day` in `time_zone` (the next midnight): a report "as of" a day
/// takes in all of it.
pub fn end_of_day(day: Date, time_zone: &TimeZone) -> Timestamp {
    day.tomorrow()
        .ok()
        .and_then(|next| next.to_zoned_datetime(time_zone.clone()).ok())
        .and_then(|next| next.start_of_day().ok())
        .map_or(Timestamp::MAX, |start| start.timestamp())
}

/// Computes the weekly figures and warnings for `activities`.
///
/// `activities` is anything that yields `&Activity` (a slice, a `Vec`'s iterator, the
/// activities of an import report), so a caller need not copy what it already holds.
pub fn analyse<'a>(
    activities: impl IntoIterator<Item = &'a Activity>,
    options: &AnalysisOptions,
) -> Result<BalanceReport, AnalysisError> {
    analyse_timed(activities, options).map(|(report, _)| report)
}

/// [`analyse`], telling also where its time went.
pub fn analyse_timed<'a>(
    activities: impl IntoIterator<Item = &'a Activity>,
    options: &AnalysisOptions,
) -> Result<(BalanceReport, Timings), AnalysisError> {
    let activities: Vec<&Activity> = activities.into_iter().collect();
    let mut timings = Timings::default();
    // A system zone read from /etc/localtime may carry no IANA name; say so rather than guess.
    let time_zone = options
        .time_zone
        .iana_name()
        .unwrap_or("the system's local time zone")
        .to_owned();
    let settings = &options.settings;
    let as_of = as_of_day(options.as_of, &options.time_zone);
    let mut report = BalanceReport {
        time_zone,
        settings: settings.clone(),
        as_of,
        weeks: Vec::new(),
        warnings: Vec::new(),
        history: None,
        silence: None,
        current: None,
    };

    let started = Instant::now();
    let as_of_day = days_since_epoch(as_of.day);
    let mut digests: Vec<figures::Digest> = activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.start < options.as_of)
        .map(|(i, a)| figures::digest(i, a, &options.time_zone, settings))
        // An activity recorded in a zone ahead of the athlete's may fall on a later day.
        .filter(|d| d.day <= as_of_day)
        .collect();
    digests.sort_by_key(|d| (d.start_s, d.day));
    timings.digest = started.elapsed();
    let Some(last_day) = digests.iter().map(|d| d.day).max() else {
        return Ok((report, timings));
    };

    let started = Instant::now();
    // The as-of week is over only when the moment is the midnight that ends its Sunday.
    let as_of_complete = as_of.day_over && week_of(as_of_day) + 6 == as_of_day;
    let history = figures::history(&digests, &activities, as_of_day, as_of_complete, settings)?;
    timings.polars = started.elapsed();

    let started = Instant::now();
    let mut warnings = checks::run(&checks::Inputs {
        weeks: &history.weeks,
        days: &history.days,
        first_day: history.first_day,
        sessions: &digests,
        settings,
        as_of_day_over: as_of.day_over,
    });
    let mut weeks = history.weeks;
    let silent_days = as_of_day - last_day - i32::from(!as_of.day_over);
    if silent_days >= 7 {
        let first_empty_week = week_of(last_day) + 7;
        report.silence = Some(Silence {
            last_activity: date_from_days(last_day),
            days: silent_days as u32,
            first_empty_week: date_from_days(first_empty_week),
            empty_weeks: ((week_of(as_of_day) - first_empty_week) / 7 + 1).max(0) as u32,
        });
    }
    let trailing_weeks = settings.thresholds.trailing_weeks as usize;
    if let Some(current) = weeks.last().filter(|w| w.in_progress()) {
        // The same average the checks use: the trailing weeks all inside the history, at least
        // half of them complete weeks with data.
        let window = weeks.len() - 1;
        let before: Vec<&WeekFigures> = weeks[window.saturating_sub(trailing_weeks)..window]
            .iter()
            .filter(|w| w.is_complete() && w.has_data())
            .collect();
        let trailing_run_distance_m =
            (window >= trailing_weeks && !before.is_empty() && before.len() * 2 >= trailing_weeks)
                .then(|| before.iter().map(|w| w.run_distance_m).sum::<f64>() / before.len() as f64);
        let monday = days_since_epoch(current.week_start);
        let days_elapsed = (as_of_day - monday + 1) as u32;
        report.current = Some(WeekProgress {
            week_start: current.week_start,
            days_elapsed,
            days_left: 7 - days_elapsed,
            strength_sessions: current.strength_sessions,
            strength_goal: settings.goals.strength_sessions_per_week,
            runs: current.runs,
            run_distance_m: current.run_distance_m,
            trailing_run_distance_m,
            rest_days: current.rest_days,
        });
    }
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
    if weeks.is_empty() {
        report.current = None;
    }
    report.history = Some((date_from_days(history.first_day), date_from_days(last_day)));
    report.weeks = weeks;
    report.warnings = warnings;
    timings.checks = started.elapsed();
    Ok((report, timings))
}

#[cfg(test)]
mod tests;
