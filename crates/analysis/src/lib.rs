//! Turns activities into weekly run-versus-strength figures and balance warnings, with polars.
//!
//! [`analyse`] puts every [`Activity`] on its local calendar day (its own UTC offset where the
//! source recorded one, else the athlete's time zone), groups the days into ISO weeks starting
//! on Monday, and aggregates each week into [`WeekFigures`]: runs, run distance and time,
//! strength sessions, strength time and working sets, other training, and the strength share
//! of all training time. Weeks without any activity inside the history are kept, with zeros,
//! so that a gap shows. Then it checks the weeks against the athlete's goals and returns
//! [`Warning`]s. The result, a [`BalanceReport`], is plain data for `runlift-report` to render.
//!
//! ```
//! use std::time::Duration;
//! use runlift_analysis::{analyse, AnalysisOptions};
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
//! // A week of running without strength work is flagged.
//! assert_eq!(report.warnings[0].id, "strength-missing");
//! ```
#![deny(missing_docs)]

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use polars::prelude::*;
use runlift_model::{Activity, Sport};

/// What to compute and against which goals.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// The athlete's time zone, for activities whose source did not record a UTC offset.
    pub time_zone: TimeZone,
    /// Strength sessions a running week should have (the `strength-missing` goal).
    pub strength_sessions_goal: u32,
    /// Keep only the last this many weeks of the history (the last week being the one of the
    /// latest activity); `None` keeps all.
    pub weeks: Option<usize>,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            time_zone: TimeZone::UTC,
            strength_sessions_goal: 2,
            weeks: None,
        }
    }
}

/// The figures of one ISO week (Monday to Sunday, local time).
#[derive(Debug, Clone, PartialEq)]
pub struct WeekFigures {
    /// The Monday the week starts on.
    pub week_start: Date,
    /// Number of runs.
    pub runs: u32,
    /// Total run distance in metres.
    pub run_distance_m: f64,
    /// Total run time in seconds (moving time where the source knows it, else elapsed time).
    pub run_time_s: f64,
    /// Number of strength sessions.
    pub strength_sessions: u32,
    /// Total strength training time in seconds.
    pub strength_time_s: f64,
    /// Sets of strength work, warm-ups left out.
    pub working_sets: u32,
    /// Number of sessions of other sports.
    pub other_sessions: u32,
    /// Total time of other sports in seconds.
    pub other_time_s: f64,
}

impl WeekFigures {
    fn empty(week_start: Date) -> WeekFigures {
        WeekFigures {
            week_start,
            runs: 0,
            run_distance_m: 0.0,
            run_time_s: 0.0,
            strength_sessions: 0,
            strength_time_s: 0.0,
            working_sets: 0,
            other_sessions: 0,
            other_time_s: 0.0,
        }
    }

    /// The ISO week as `YYYY-Www`, for example `2026-W02`.
    pub fn label(&self) -> String {
        week_label(self.week_start)
    }

    /// All training time of the week in seconds.
    pub fn training_time_s(&self) -> f64 {
        self.run_time_s + self.strength_time_s + self.other_time_s
    }

    /// Strength time as a share (0 to 1) of all training time; `None` in a week without any.
    pub fn strength_share(&self) -> Option<f64> {
        let total = self.training_time_s();
        (total > 0.0).then(|| self.strength_time_s / total)
    }
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth acting on.
    Warning,
    /// Act now.
    Alert,
}

impl Severity {
    /// The stable name: `info`, `warning`, `alert`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Alert => "alert",
        }
    }
}

/// A drift from balance found in one week.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The stable id of the check, for example `strength-missing`.
    pub id: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The Monday of the week it is about.
    pub week_start: Date,
    /// What was found, with its numbers, and one sentence of advice.
    pub message: String,
}

/// The weekly figures and warnings for a history of activities.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceReport {
    /// The time zone weeks were computed in, for activities without their own offset.
    pub time_zone: String,
    /// The weeks, oldest first, without gaps.
    pub weeks: Vec<WeekFigures>,
    /// The warnings, in week order.
    pub warnings: Vec<Warning>,
}

/// Why the analysis failed: only an internal polars failure, which is a bug to report.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// polars refused a computation.
    #[error("computing the weekly figures failed inside polars: {0}")]
    Polars(#[from] PolarsError),
}

/// The calendar day `activity` happened on where it happened: by the UTC offset its source
/// recorded, else in `time_zone`.
pub fn local_date(activity: &Activity, time_zone: &TimeZone) -> Date {
    match activity.utc_offset {
        Some(offset) => offset.to_datetime(activity.start).date(),
        None => time_zone.to_datetime(activity.start).date(),
    }
}

fn week_start(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(back.days()).unwrap_or(date)
}

fn days_since_epoch(date: Date) -> i32 {
    // Dates in jiff lie within -9999..=9999 years, so the day count fits an i32 comfortably.
    let epoch = Date::constant(1970, 1, 1);
    (date - epoch).get_days()
}

fn date_from_days(days: i32) -> Date {
    Date::constant(1970, 1, 1)
        .checked_add(i64::from(days).days())
        .expect("days come from dates that were valid")
}

/// The ISO week that `date` falls in, as `YYYY-Www` (for example `2026-W02`).
pub fn week_label(date: Date) -> String {
    let iso = date.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

/// Computes the weekly figures and warnings for `activities`.
pub fn analyse(activities: &[Activity], options: &AnalysisOptions) -> Result<BalanceReport, AnalysisError> {
    // A system zone read from /etc/localtime may carry no IANA name; say so rather than guess.
    let time_zone = options
        .time_zone
        .iana_name()
        .unwrap_or("the system's local time zone")
        .to_owned();
    let mut weeks = weekly_figures(activities, &options.time_zone)?;
    if let Some(keep) = options.weeks {
        let drop = weeks.len().saturating_sub(keep);
        weeks.drain(..drop);
    }
    let warnings = check(&weeks, options);
    Ok(BalanceReport {
        time_zone,
        weeks,
        warnings,
    })
}

/// One row per activity, the columns the weekly aggregation needs.
fn activity_frame(activities: &[Activity], time_zone: &TimeZone) -> PolarsResult<DataFrame> {
    let n = activities.len();
    let mut week = Vec::with_capacity(n);
    let mut category = Vec::with_capacity(n);
    let mut distance_m = Vec::with_capacity(n);
    let mut time_s = Vec::with_capacity(n);
    let mut working_sets = Vec::with_capacity(n);
    for activity in activities {
        week.push(days_since_epoch(week_start(local_date(activity, time_zone))));
        category.push(activity.sport.category());
        distance_m.push(activity.distance_m.unwrap_or(0.0));
        time_s.push(activity.training_time().as_secs_f64());
        working_sets.push(u32::try_from(activity.working_sets()).unwrap_or(u32::MAX));
    }
    df!(
        "week" => week,
        "category" => category,
        "distance_m" => distance_m,
        "time_s" => time_s,
        "working_sets" => working_sets,
    )
}

fn weekly_figures(activities: &[Activity], time_zone: &TimeZone) -> Result<Vec<WeekFigures>, AnalysisError> {
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let running = || col("category").eq(lit(Sport::Running(runlift_model::RunKind::Unspecified).category()));
    let strength = || col("category").eq(lit(Sport::StrengthTraining.category()));
    let other = || col("category").eq(lit(Sport::Other(String::new()).category()));
    let count = |is: Expr| is.cast(DataType::UInt32).sum().cast(DataType::UInt32);
    let sum_if = |is: Expr, value: &str| {
        when(is)
            .then(col(value))
            .otherwise(lit(0.0))
            .sum()
            .cast(DataType::Float64)
    };
    let weekly = activity_frame(activities, time_zone)?
        .lazy()
        .group_by([col("week")])
        .agg([
            count(running()).alias("runs"),
            sum_if(running(), "distance_m").alias("run_distance_m"),
            sum_if(running(), "time_s").alias("run_time_s"),
            count(strength()).alias("strength_sessions"),
            sum_if(strength(), "time_s").alias("strength_time_s"),
            when(strength())
                .then(col("working_sets"))
                .otherwise(lit(0u32))
                .sum()
                .cast(DataType::UInt32)
                .alias("working_sets"),
            count(other()).alias("other_sessions"),
            sum_if(other(), "time_s").alias("other_time_s"),
        ])
        .sort(["week"], SortMultipleOptions::default())
        .collect()?;

    let week = weekly.column("week")?.i32()?;
    let runs = weekly.column("runs")?.u32()?;
    let run_distance_m = weekly.column("run_distance_m")?.f64()?;
    let run_time_s = weekly.column("run_time_s")?.f64()?;
    let strength_sessions = weekly.column("strength_sessions")?.u32()?;
    let strength_time_s = weekly.column("strength_time_s")?.f64()?;
    let working_sets = weekly.column("working_sets")?.u32()?;
    let other_sessions = weekly.column("other_sessions")?.u32()?;
    let other_time_s = weekly.column("other_time_s")?.f64()?;

    let mut figures: Vec<WeekFigures> = Vec::with_capacity(weekly.height());
    for i in 0..weekly.height() {
        let start = date_from_days(week.get(i).unwrap_or_default());
        // Fill the weeks without activities, so that silence shows as a week of zeros.
        if let Some(last) = figures.last() {
            let mut gap = last
                .week_start
                .checked_add(1.week())
                .expect("weeks stay in range");
            while gap < start {
                figures.push(WeekFigures::empty(gap));
                gap = gap.checked_add(1.week()).expect("weeks stay in range");
            }
        }
        figures.push(WeekFigures {
            week_start: start,
            runs: runs.get(i).unwrap_or(0),
            run_distance_m: run_distance_m.get(i).unwrap_or(0.0),
            run_time_s: run_time_s.get(i).unwrap_or(0.0),
            strength_sessions: strength_sessions.get(i).unwrap_or(0),
            strength_time_s: strength_time_s.get(i).unwrap_or(0.0),
            working_sets: working_sets.get(i).unwrap_or(0),
            other_sessions: other_sessions.get(i).unwrap_or(0),
            other_time_s: other_time_s.get(i).unwrap_or(0.0),
        });
    }
    Ok(figures)
}

/// The balance checks. For now: `strength-missing`.
fn check(weeks: &[WeekFigures], options: &AnalysisOptions) -> Vec<Warning> {
    let goal = options.strength_sessions_goal;
    weeks
        .iter()
        .filter(|w| w.runs > 0 && w.strength_sessions < goal)
        .map(|w| Warning {
            id: "strength-missing",
            severity: Severity::Warning,
            week_start: w.week_start,
            message: format!(
                "{} ran {} time{} ({:.1} km) but did {} strength session{}; the goal is {goal}. \
                 Two short sessions of legs and core a week help runs stay injury-free.",
                w.label(),
                w.runs,
                plural(w.runs),
                w.run_distance_m / 1000.0,
                w.strength_sessions,
                plural(w.strength_sessions),
            ),
        })
        .collect()
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::{RunKind, SetKind, SourceFormat, SourceRef, StrengthSet};
    use std::time::Duration;

    fn activity(sport: Sport, start: &str, minutes: u64) -> Activity {
        let format = if sport.is_running() {
            SourceFormat::Gpx
        } else {
            SourceFormat::StrongCsv
        };
        Activity::new(
            sport,
            start.parse().unwrap(),
            Duration::from_secs(minutes * 60),
            SourceRef::file("x", format),
        )
    }

    fn run(start: &str, minutes: u64, km: f64) -> Activity {
        let mut a = activity(Sport::Running(RunKind::Road), start, minutes);
        a.distance_m = Some(km * 1000.0);
        a
    }

    fn lift(start: &str, minutes: u64, sets: usize) -> Activity {
        let mut a = activity(Sport::StrengthTraining, start, minutes);
        a.sets = (0..sets).map(|_| StrengthSet::new("Squat")).collect();
        a
    }

    #[test]
    fn weeks_start_on_monday_and_gaps_are_filled() {
        let activities = [
            run("2026-01-04T08:00:00Z", 30, 5.0), // Sunday: week of Mon 2025-12-29
            run("2026-01-05T08:00:00Z", 40, 8.0), // Monday: new week
            lift("2026-01-22T18:00:00Z", 45, 12),
        ];
        let report = analyse(&activities, &AnalysisOptions::default()).unwrap();
        let starts: Vec<String> = report.weeks.iter().map(|w| w.week_start.to_string()).collect();
        assert_eq!(starts, ["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]);
        assert_eq!(report.weeks[0].label(), "2026-W01");
        assert_eq!(report.weeks[1].run_distance_m, 8000.0);
        assert_eq!(report.weeks[2], WeekFigures::empty(Date::constant(2026, 1, 12)));
        assert_eq!(report.weeks[3].strength_sessions, 1);
        assert_eq!(report.weeks[3].working_sets, 12);
        assert_eq!(report.weeks[3].strength_time_s, 2700.0);
    }

    #[test]
    fn warm_up_sets_are_not_working_sets() {
        let mut session = lift("2026-01-06T18:00:00Z", 30, 3);
        session.sets[0].kind = SetKind::WarmUp;
        let report = analyse(&[session], &AnalysisOptions::default()).unwrap();
        assert_eq!(report.weeks[0].working_sets, 2);
    }

    #[test]
    fn the_athletes_time_zone_moves_a_late_run_to_the_next_day_and_week() {
        // Sunday 23:30 UTC is Monday 08:30 in Tokyo: the next ISO week.
        let late = run("2026-01-11T23:30:00Z", 30, 5.0);
        let utc = analyse(std::slice::from_ref(&late), &AnalysisOptions::default()).unwrap();
        assert_eq!(utc.weeks[0].week_start, Date::constant(2026, 1, 5));
        let options = AnalysisOptions {
            time_zone: TimeZone::get("Asia/Tokyo").unwrap(),
            ..AnalysisOptions::default()
        };
        let tokyo = analyse(&[late], &options).unwrap();
        assert_eq!(tokyo.weeks[0].week_start, Date::constant(2026, 1, 12));
    }

    #[test]
    fn a_recorded_offset_wins_over_the_athletes_time_zone() {
        let mut late = run("2026-01-11T23:30:00Z", 30, 5.0);
        late.utc_offset = Some(jiff::tz::Offset::constant(-5));
        let options = AnalysisOptions {
            time_zone: TimeZone::get("Asia/Tokyo").unwrap(),
            ..AnalysisOptions::default()
        };
        let report = analyse(&[late], &options).unwrap();
        assert_eq!(report.weeks[0].week_start, Date::constant(2026, 1, 5));
    }

    #[test]
    fn strength_missing_fires_below_the_goal_and_not_at_it() {
        let activities = [
            run("2026-01-05T08:00:00Z", 40, 8.0),
            lift("2026-01-06T18:00:00Z", 45, 10),
            run("2026-01-12T08:00:00Z", 40, 8.0),
            lift("2026-01-13T18:00:00Z", 45, 10),
            lift("2026-01-15T18:00:00Z", 45, 10),
        ];
        let report = analyse(&activities, &AnalysisOptions::default()).unwrap();
        assert_eq!(report.warnings.len(), 1);
        let warning = &report.warnings[0];
        assert_eq!(warning.id, "strength-missing");
        assert_eq!(warning.week_start, Date::constant(2026, 1, 5));
        assert!(
            warning
                .message
                .starts_with("2026-W02 ran 1 time (8.0 km) but did 1 strength session; the goal is 2."),
            "{}",
            warning.message
        );
    }

    #[test]
    fn a_week_of_strength_only_needs_no_warning() {
        let report = analyse(
            &[lift("2026-01-06T18:00:00Z", 45, 10)],
            &AnalysisOptions::default(),
        )
        .unwrap();
        assert!(report.warnings.is_empty());
    }

    #[test]
    fn weeks_option_keeps_the_latest_weeks() {
        let activities = [
            run("2026-01-05T08:00:00Z", 40, 8.0),
            run("2026-01-19T08:00:00Z", 40, 9.0),
        ];
        let options = AnalysisOptions {
            weeks: Some(2),
            ..AnalysisOptions::default()
        };
        let report = analyse(&activities, &options).unwrap();
        assert_eq!(report.weeks.len(), 2);
        assert_eq!(report.weeks[0].week_start, Date::constant(2026, 1, 12));
        assert_eq!(report.warnings.len(), 1);
    }

    #[test]
    fn strength_share_is_of_all_training_time() {
        let activities = [
            run("2026-01-05T08:00:00Z", 60, 10.0),
            lift("2026-01-06T18:00:00Z", 30, 10),
            activity(Sport::Other("cycling".into()), "2026-01-07T18:00:00Z", 30),
        ];
        let report = analyse(&activities, &AnalysisOptions::default()).unwrap();
        assert_eq!(report.weeks[0].strength_share(), Some(0.25));
        assert_eq!(report.weeks[0].other_sessions, 1);
    }
}
