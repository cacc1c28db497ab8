//! From activities to weekly and daily figures.
//!
//! Each activity is first digested in Rust into one row of plain numbers (its local day and
//! week, its load, its sets per muscle group, whether it was a hard or long run...): walking
//! the sets of a session is a loop over a few dozen items, not worth a frame of 100,000 rows.
//! polars then sums the rows per week and per day. The rolling windows over days (acute and
//! chronic load, training streaks) are short sequential scans done in Rust again, so that only
//! polars' `lazy` feature is needed.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use polars::prelude::*;
use runlift_model::{Activity, MuscleGroup, Sport, WorkoutType};

use crate::settings::Settings;

/// Working sets per muscle group. A set of an exercise that trains several groups (a burpee,
/// a clean) counts once for each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MuscleSets {
    /// Hips and legs.
    pub lower_body: u32,
    /// The trunk.
    pub core: u32,
    /// Chest, back, shoulders and arms.
    pub upper_body: u32,
}

impl MuscleSets {
    /// The sets of `group`.
    pub fn get(&self, group: MuscleGroup) -> u32 {
        match group {
            MuscleGroup::LowerBody => self.lower_body,
            MuscleGroup::Core => self.core,
            MuscleGroup::UpperBody => self.upper_body,
        }
    }

    fn add(&mut self, group: MuscleGroup, sets: u32) {
        let slot = match group {
            MuscleGroup::LowerBody => &mut self.lower_body,
            MuscleGroup::Core => &mut self.core,
            MuscleGroup::UpperBody => &mut self.upper_body,
        };
        *slot = slot.saturating_add(sets);
    }

    /// The groups without a single set.
    pub fn missing(&self) -> Vec<MuscleGroup> {
        MuscleGroup::ALL
            .into_iter()
            .filter(|&g| self.get(g) == 0)
            .collect()
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
    /// Total climb of the runs in metres (runs without elevation data add nothing).
    pub run_elevation_gain_m: f64,
    /// The distance of the week's longest run in metres.
    pub longest_run_m: f64,
    /// The time of the week's longest run (by time) in seconds.
    pub longest_run_s: f64,
    /// Runs that were hard: perceived effort at the threshold or above, average heart rate
    /// above the threshold, or marked by the source as a race or intervals.
    pub hard_runs: u32,
    /// Runs at least as long as the long-run threshold.
    pub long_runs: u32,
    /// Number of strength sessions.
    pub strength_sessions: u32,
    /// Total strength training time in seconds.
    pub strength_time_s: f64,
    /// Sets of strength work, warm-ups left out.
    pub working_sets: u32,
    /// Repetitions of the working sets.
    pub reps: u32,
    /// Volume of the working sets: kilograms x repetitions (body-weight sets add nothing).
    pub volume_kg: f64,
    /// Working sets per muscle group.
    pub muscle_sets: MuscleSets,
    /// Working sets of exercises runlift does not recognise.
    pub unclassified_sets: u32,
    /// The names of those exercises, as the source wrote them, sorted.
    pub unclassified_exercises: Vec<String>,
    /// Number of sessions of other sports.
    pub other_sessions: u32,
    /// Total time of other sports in seconds.
    pub other_time_s: f64,
    /// Training load of all sessions: the sum of minutes x effort (session RPE).
    pub load: f64,
    /// Training load of the runs alone: what `load-spike` and the acute:chronic ratio follow.
    pub run_load: f64,
    /// Training load of the strength sessions, on its own axis beside running.
    pub strength_load: f64,
    /// The acute:chronic ratio of running load on the week's last day in the history; `None`
    /// while its 28-day window reaches before the history or into a week without data, or
    /// holds no running load.
    pub acwr: Option<f64>,
    /// The highest daily acute:chronic ratio of running load in the week.
    pub acwr_max: Option<f64>,
    /// Days of the week inside the history, up to the as-of day (7, except in a partial
    /// first week and the week in progress).
    pub days: u32,
    /// Days of the week inside the history without any training.
    pub rest_days: u32,
    /// Whether the week is over, in progress, or the partial first week of the history.
    pub status: WeekStatus,
    /// Races run in the week.
    pub races: u32,
    /// Whether the week is a race's week or one of the `taper_weeks` before it.
    pub taper: bool,
    /// How much of the week's figures rests on estimates and defaults.
    pub quality: DataQuality,
}

/// Where a week stands on the as-of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WeekStatus {
    /// All seven days lie inside the history and before the as-of moment.
    Complete,
    /// The week holding the as-of moment: not over yet.
    InProgress,
    /// The history's first week, which began after its Monday: its earlier days are unknown.
    PartialStart,
}

impl WeekStatus {
    /// The stable name: `complete`, `in_progress`, `partial_start`.
    pub fn name(self) -> &'static str {
        match self {
            WeekStatus::Complete => "complete",
            WeekStatus::InProgress => "in_progress",
            WeekStatus::PartialStart => "partial_start",
        }
    }
}

/// How many of a week's sessions rest on an estimate or a default, per kind of gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataQuality {
    /// Strength sessions without a recorded duration, timed from their sets instead
    /// (`estimates.strength_seconds_per_set`).
    pub estimated_duration: u32,
    /// Sessions without a recorded effort, loaded with the profile's default effort.
    pub default_effort: u32,
    /// Runs without a distance.
    pub runs_without_distance: u32,
    /// Strength sessions without any set.
    pub strength_without_sets: u32,
}

impl DataQuality {
    /// Whether every figure of the week was recorded, none estimated.
    pub fn is_complete(&self) -> bool {
        *self == DataQuality::default()
    }

    fn add(&mut self, other: &DataQuality) {
        self.estimated_duration += other.estimated_duration;
        self.default_effort += other.default_effort;
        self.runs_without_distance += other.runs_without_distance;
        self.strength_without_sets += other.strength_without_sets;
    }
}

impl WeekFigures {
    fn empty(week_start: Date) -> WeekFigures {
        WeekFigures {
            week_start,
            runs: 0,
            run_distance_m: 0.0,
            run_time_s: 0.0,
            run_elevation_gain_m: 0.0,
            longest_run_m: 0.0,
            longest_run_s: 0.0,
            hard_runs: 0,
            long_runs: 0,
            strength_sessions: 0,
            strength_time_s: 0.0,
            working_sets: 0,
            reps: 0,
            volume_kg: 0.0,
            muscle_sets: MuscleSets::default(),
            unclassified_sets: 0,
            unclassified_exercises: Vec::new(),
            other_sessions: 0,
            other_time_s: 0.0,
            load: 0.0,
            run_load: 0.0,
            strength_load: 0.0,
            acwr: None,
            acwr_max: None,
            days: 0,
            rest_days: 0,
            status: WeekStatus::Complete,
            races: 0,
            taper: false,
            quality: DataQuality::default(),
        }
    }

    /// The ISO week as `YYYY-Www`, for example `2026-W02`.
    pub fn label(&self) -> String {
        crate::week_label(self.week_start)
    }

    /// Sessions of any sport.
    pub fn sessions(&self) -> u32 {
        self.runs + self.strength_sessions + self.other_sessions
    }

    /// Whether anything at all was recorded in the week.
    pub fn has_data(&self) -> bool {
        self.sessions() > 0
    }

    /// Whether the week is over and wholly inside the history, so that whole-week checks and
    /// trailing averages may use it.
    pub fn is_complete(&self) -> bool {
        self.status == WeekStatus::Complete
    }

    /// Whether the week is the one holding the as-of moment, not over yet.
    pub fn in_progress(&self) -> bool {
        self.status == WeekStatus::InProgress
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

/// The kind of session, as the checks need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Run,
    Strength,
    Other,
}

/// One activity reduced to the numbers the figures and checks need.
#[derive(Debug, Clone)]
pub(crate) struct Digest {
    /// Local day, as days since 1970-01-01.
    pub day: i32,
    pub kind: Kind,
    /// The start instant in seconds since the Unix epoch.
    pub start_s: i64,
    pub time_s: f64,
    pub distance_m: f64,
    pub elevation_m: f64,
    pub load: f64,
    pub hard: bool,
    pub long: bool,
    pub race: bool,
    /// Whether the source recorded the time of day (not only the date) of the start.
    pub start_time_known: bool,
    pub quality: DataQuality,
    pub working_sets: u32,
    pub reps: u32,
    pub volume_kg: f64,
    pub muscle_sets: MuscleSets,
    pub unclassified_sets: u32,
    /// Index of the activity in the input, to find unclassified exercise names again.
    pub index: usize,
}

impl Digest {
    pub fn heavy_legs(&self, settings: &Settings) -> bool {
        self.kind == Kind::Strength
            && self.muscle_sets.lower_body >= settings.thresholds.heavy_lower_body_sets
    }
}

pub(crate) fn days_since_epoch(date: Date) -> i32 {
    // Dates in jiff lie within -9999..=9999 years, so the day count fits an i32 comfortably.
    (date - Date::constant(1970, 1, 1)).get_days()
}

pub(crate) fn date_from_days(days: i32) -> Date {
    Date::constant(1970, 1, 1)
        .checked_add(i64::from(days).days())
        .expect("days come from dates that were valid")
}

/// The Monday of the week `day` (days since 1970-01-01, a Thursday) falls in.
pub(crate) fn week_of(day: i32) -> i32 {
    // 1970-01-01 was a Thursday: shift so that Mondays are multiples of 7.
    day - (day + 3).rem_euclid(7)
}

/// The calendar day `activity` happened on where it happened: by the UTC offset its source
/// recorded, else in `time_zone`.
pub fn local_date(activity: &Activity, time_zone: &TimeZone) -> Date {
    match activity.utc_offset {
        Some(offset) => offset.to_datetime(activity.start).date(),
        None => time_zone.to_datetime(activity.start).date(),
    }
}

pub(crate) fn digest(index: usize, activity: &Activity, time_zone: &TimeZone, settings: &Settings) -> Digest {
    let kind = match activity.sport {
        Sport::Running(_) => Kind::Run,
        Sport::StrengthTraining => Kind::Strength,
        _ => Kind::Other,
    };
    let mut quality = DataQuality::default();
    let mut time_s = activity.training_time().as_secs_f64();
    if kind == Kind::Strength && time_s <= 0.0 {
        if activity.sets.is_empty() {
            quality.strength_without_sets = 1;
        } else {
            // Warm-ups take time too: every set counts.
            time_s = activity.sets.len() as f64 * settings.estimates.strength_seconds_per_set;
            quality.estimated_duration = 1;
        }
    } else if kind == Kind::Strength && activity.sets.is_empty() {
        quality.strength_without_sets = 1;
    }
    if kind == Kind::Run && !activity.distance_m.is_some_and(|d| d.is_finite() && d > 0.0) {
        quality.runs_without_distance = 1;
    }
    let default_effort = match kind {
        Kind::Run => settings.effort.running,
        Kind::Strength => settings.effort.strength,
        Kind::Other => settings.effort.other,
    };
    // A session without its own effort takes the mean effort of its working sets, where the
    // app recorded one per set (Hevy, Strong): session RPE and set RPE are on one scale.
    let set_efforts: Vec<f64> = activity
        .sets
        .iter()
        .filter(|s| s.kind.is_work())
        .filter_map(|s| s.rpe.filter(|r| r.is_finite()))
        .collect();
    let set_effort =
        (!set_efforts.is_empty()).then(|| set_efforts.iter().sum::<f64>() / set_efforts.len() as f64);
    let recorded_effort = activity.perceived_effort.filter(|e| e.is_finite()).or(set_effort);
    if recorded_effort.is_none() {
        quality.default_effort = 1;
    }
    let effort = recorded_effort.map_or(default_effort, |e| e.clamp(0.0, 10.0));
    let runs = &settings.runs;
    let hard = kind == Kind::Run && is_hard_effort(activity, settings);
    let long = kind == Kind::Run && time_s >= runs.long_run_minutes * 60.0;

    let mut working_sets = 0u32;
    let mut reps = 0u32;
    let mut volume_kg = 0.0;
    let mut muscle_sets = MuscleSets::default();
    let mut unclassified_sets = 0u32;
    for set in activity.sets.iter().filter(|s| s.kind.is_work()) {
        working_sets = working_sets.saturating_add(1);
        let set_reps = set.reps.unwrap_or(0);
        reps = reps.saturating_add(set_reps);
        if let Some(kg) = set.weight_kg.filter(|kg| kg.is_finite() && *kg > 0.0) {
            volume_kg += kg * f64::from(set_reps);
        }
        let groups = set.muscle_groups();
        if groups.is_empty() {
            unclassified_sets = unclassified_sets.saturating_add(1);
        }
        for &group in groups {
            muscle_sets.add(group, 1);
        }
    }
    Digest {
        day: days_since_epoch(local_date(activity, time_zone)),
        kind,
        start_s: activity.start.as_second(),
        time_s,
        distance_m: activity
            .distance_m
            .filter(|d| d.is_finite() && *d > 0.0)
            .unwrap_or(0.0),
        elevation_m: activity
            .elevation_gain_m
            .filter(|e| e.is_finite() && *e > 0.0)
            .unwrap_or(0.0),
        load: time_s / 60.0 * effort,
        hard,
        long,
        race: kind == Kind::Run && activity.workout_type == Some(WorkoutType::Race),
        start_time_known: activity.start_time_known,
        quality,
        working_sets,
        reps,
        volume_kg,
        muscle_sets,
        unclassified_sets,
        index,
    }
}

/// One day of the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Day {
    pub sessions: u32,
    /// Running load of the day: what the acute:chronic ratio follows.
    pub run_load: f64,
    pub acwr: Option<f64>,
}

/// The weekly and daily figures of a history, oldest first and without gaps.
pub(crate) struct History {
    pub weeks: Vec<WeekFigures>,
    /// The first day of the history, as days since 1970-01-01.
    pub first_day: i32,
    /// Every day from `first_day` to the as-of day.
    pub days: Vec<Day>,
}

fn u32_column(frame: &DataFrame, name: &str) -> PolarsResult<Vec<u32>> {
    let values = frame.column(name)?.u32()?;
    Ok((0..values.len()).map(|i| values.get(i).unwrap_or(0)).collect())
}

fn f64_column(frame: &DataFrame, name: &str) -> PolarsResult<Vec<f64>> {
    let values = frame.column(name)?.f64()?;
    Ok((0..values.len()).map(|i| values.get(i).unwrap_or(0.0)).collect())
}

fn i32_column(frame: &DataFrame, name: &str) -> PolarsResult<Vec<i32>> {
    let values = frame.column(name)?.i32()?;
    Ok((0..values.len()).map(|i| values.get(i).unwrap_or(0)).collect())
}

/// `value` for a session of `kind`, zero for the others.
fn of_kind(digest: &Digest, kind: Kind, value: f64) -> f64 {
    if digest.kind == kind { value } else { 0.0 }
}

/// Sums the digests per week and per day with polars.
fn aggregate(digests: &[Digest]) -> PolarsResult<(DataFrame, DataFrame)> {
    let column_u32 = |f: fn(&Digest) -> u32| digests.iter().map(f).collect::<Vec<u32>>();
    let column_f64 = |f: fn(&Digest) -> f64| digests.iter().map(f).collect::<Vec<f64>>();
    let frame = df!(
        "day" => digests.iter().map(|d| d.day).collect::<Vec<i32>>(),
        "week" => digests.iter().map(|d| week_of(d.day)).collect::<Vec<i32>>(),
        "is_run" => column_u32(|d| u32::from(d.kind == Kind::Run)),
        "is_strength" => column_u32(|d| u32::from(d.kind == Kind::Strength)),
        "is_other" => column_u32(|d| u32::from(d.kind == Kind::Other)),
        "time_s" => column_f64(|d| d.time_s),
        "distance_m" => column_f64(|d| d.distance_m),
        "elevation_m" => column_f64(|d| d.elevation_m),
        "hard" => column_u32(|d| u32::from(d.hard)),
        "long" => column_u32(|d| u32::from(d.long)),
        "race" => column_u32(|d| u32::from(d.race)),
        "working_sets" => column_u32(|d| d.working_sets),
        "reps" => column_u32(|d| d.reps),
        "volume_kg" => column_f64(|d| d.volume_kg),
        "lower_body" => column_u32(|d| d.muscle_sets.lower_body),
        "core" => column_u32(|d| d.muscle_sets.core),
        "upper_body" => column_u32(|d| d.muscle_sets.upper_body),
        "unclassified" => column_u32(|d| d.unclassified_sets),
        "load" => column_f64(|d| d.load),
        // The figures of one kind of session, zero for the others: summed and maxed per week
        // as they are, where a `when(kind).then(..)` per group would broadcast a literal
        // (polars then zeroes an 8 MiB buffer at first use, a serial few ms in every report).
        "run_distance_m" => column_f64(|d| of_kind(d, Kind::Run, d.distance_m)),
        "run_time_s" => column_f64(|d| of_kind(d, Kind::Run, d.time_s)),
        "run_elevation_m" => column_f64(|d| of_kind(d, Kind::Run, d.elevation_m)),
        "run_load" => column_f64(|d| of_kind(d, Kind::Run, d.load)),
        "strength_time_s" => column_f64(|d| of_kind(d, Kind::Strength, d.time_s)),
        "strength_load" => column_f64(|d| of_kind(d, Kind::Strength, d.load)),
        "other_time_s" => column_f64(|d| of_kind(d, Kind::Other, d.time_s)),
        "estimated_duration" => column_u32(|d| d.quality.estimated_duration),
        "default_effort" => column_u32(|d| d.quality.default_effort),
        "runs_without_distance" => column_u32(|d| d.quality.runs_without_distance),
        "strength_without_sets" => column_u32(|d| d.quality.strength_without_sets),
    )?;
    let sum_u32 = |name: &str| col(name).sum().cast(DataType::UInt32);
    let sum_f64 = |name: &str| col(name).sum().cast(DataType::Float64);
    let max_f64 = |name: &str| col(name).max().cast(DataType::Float64);
    // The frame is already in memory with only the columns used: the query optimizer has
    // nothing to push down or share, and its passes cost a report about a millisecond of work
    // that runs on one core before anything else can.
    let weekly = frame
        .clone()
        .lazy()
        .without_optimizations()
        .group_by([col("week")])
        .agg([
            sum_u32("is_run").alias("runs"),
            sum_f64("run_distance_m").alias("run_distance_m"),
            sum_f64("run_time_s").alias("run_time_s"),
            sum_f64("run_elevation_m").alias("run_elevation_gain_m"),
            max_f64("run_distance_m").alias("longest_run_m"),
            max_f64("run_time_s").alias("longest_run_s"),
            sum_u32("hard").alias("hard_runs"),
            sum_u32("long").alias("long_runs"),
            sum_u32("race").alias("races"),
            sum_u32("is_strength").alias("strength_sessions"),
            sum_f64("strength_time_s").alias("strength_time_s"),
            sum_u32("working_sets").alias("working_sets"),
            sum_u32("reps").alias("reps"),
            sum_f64("volume_kg").alias("volume_kg"),
            sum_u32("lower_body").alias("lower_body"),
            sum_u32("core").alias("core"),
            sum_u32("upper_body").alias("upper_body"),
            sum_u32("unclassified").alias("unclassified"),
            sum_u32("is_other").alias("other_sessions"),
            sum_f64("other_time_s").alias("other_time_s"),
            sum_f64("load").alias("load"),
            sum_f64("run_load").alias("run_load"),
            sum_f64("strength_load").alias("strength_load"),
            sum_u32("estimated_duration").alias("estimated_duration"),
            sum_u32("default_effort").alias("default_effort"),
            sum_u32("runs_without_distance").alias("runs_without_distance"),
            sum_u32("strength_without_sets").alias("strength_without_sets"),
        ])
        .sort(["week"], SortMultipleOptions::default())
        .collect()?;
    let daily = frame
        .lazy()
        .without_optimizations()
        .group_by([col("day")])
        .agg([
            col("load").count().cast(DataType::UInt32).alias("sessions"),
            sum_f64("run_load").alias("run_load"),
        ])
        .sort(["day"], SortMultipleOptions::default())
        .collect()?;
    Ok((weekly, daily))
}

/// The weekly figures and the daily series of `digests`, from the first day with an activity
/// to `as_of_day`, the last day of the history (it may lie long after the last activity).
/// `as_of_complete` says whether the as-of moment is at the end of that day's week (the week
/// is then over). `digests` must not be empty and must all lie on or before `as_of_day`.
pub(crate) fn history(
    digests: &[Digest],
    activities: &[&Activity],
    as_of_day: i32,
    as_of_complete: bool,
    settings: &Settings,
) -> PolarsResult<History> {
    let (weekly, daily) = aggregate(digests)?;
    let first_day = digests.iter().map(|d| d.day).min().unwrap_or(as_of_day);
    let last_day = as_of_day.max(first_day);

    let day_count = usize::try_from(last_day - first_day + 1).unwrap_or(1);
    let mut days = vec![
        Day {
            sessions: 0,
            run_load: 0.0,
            acwr: None
        };
        day_count
    ];
    for ((day, sessions), run_load) in i32_column(&daily, "day")?
        .into_iter()
        .zip(u32_column(&daily, "sessions")?)
        .zip(f64_column(&daily, "run_load")?)
    {
        if let Ok(i) = usize::try_from(day - first_day)
            && let Some(slot) = days.get_mut(i)
        {
            slot.sessions = sessions;
            slot.run_load = run_load;
        }
    }

    // The weeks, from the first one to the as-of week, the empty ones included.
    let first_week = week_of(first_day);
    let week_count = usize::try_from((week_of(last_day) - first_week) / 7 + 1).unwrap_or(1);
    let mut weeks: Vec<WeekFigures> = (0..week_count)
        .map(|i| WeekFigures::empty(date_from_days(first_week + 7 * i as i32)))
        .collect();
    let week = i32_column(&weekly, "week")?;
    let runs = u32_column(&weekly, "runs")?;
    let run_distance_m = f64_column(&weekly, "run_distance_m")?;
    let run_time_s = f64_column(&weekly, "run_time_s")?;
    let run_elevation_gain_m = f64_column(&weekly, "run_elevation_gain_m")?;
    let longest_run_m = f64_column(&weekly, "longest_run_m")?;
    let longest_run_s = f64_column(&weekly, "longest_run_s")?;
    let hard_runs = u32_column(&weekly, "hard_runs")?;
    let long_runs = u32_column(&weekly, "long_runs")?;
    let races = u32_column(&weekly, "races")?;
    let strength_sessions = u32_column(&weekly, "strength_sessions")?;
    let strength_time_s = f64_column(&weekly, "strength_time_s")?;
    let working_sets = u32_column(&weekly, "working_sets")?;
    let reps = u32_column(&weekly, "reps")?;
    let volume_kg = f64_column(&weekly, "volume_kg")?;
    let lower_body = u32_column(&weekly, "lower_body")?;
    let core = u32_column(&weekly, "core")?;
    let upper_body = u32_column(&weekly, "upper_body")?;
    let unclassified = u32_column(&weekly, "unclassified")?;
    let other_sessions = u32_column(&weekly, "other_sessions")?;
    let other_time_s = f64_column(&weekly, "other_time_s")?;
    let load = f64_column(&weekly, "load")?;
    let run_load = f64_column(&weekly, "run_load")?;
    let strength_load = f64_column(&weekly, "strength_load")?;
    let estimated_duration = u32_column(&weekly, "estimated_duration")?;
    let default_effort = u32_column(&weekly, "default_effort")?;
    let runs_without_distance = u32_column(&weekly, "runs_without_distance")?;
    let strength_without_sets = u32_column(&weekly, "strength_without_sets")?;
    for (i, &start) in week.iter().enumerate() {
        let Some(w) = usize::try_from((start - first_week) / 7)
            .ok()
            .and_then(|slot| weeks.get_mut(slot))
        else {
            continue;
        };
        w.runs = runs[i];
        w.run_distance_m = run_distance_m[i];
        w.run_time_s = run_time_s[i];
        w.run_elevation_gain_m = run_elevation_gain_m[i];
        w.longest_run_m = longest_run_m[i];
        w.longest_run_s = longest_run_s[i];
        w.hard_runs = hard_runs[i];
        w.long_runs = long_runs[i];
        w.races = races[i];
        w.strength_sessions = strength_sessions[i];
        w.strength_time_s = strength_time_s[i];
        w.working_sets = working_sets[i];
        w.reps = reps[i];
        w.volume_kg = volume_kg[i];
        w.muscle_sets = MuscleSets {
            lower_body: lower_body[i],
            core: core[i],
            upper_body: upper_body[i],
        };
        w.unclassified_sets = unclassified[i];
        w.other_sessions = other_sessions[i];
        w.other_time_s = other_time_s[i];
        w.load = load[i];
        w.run_load = run_load[i];
        w.strength_load = strength_load[i];
        w.quality.add(&DataQuality {
            estimated_duration: estimated_duration[i],
            default_effort: default_effort[i],
            runs_without_distance: runs_without_distance[i],
            strength_without_sets: strength_without_sets[i],
        });
    }

    // Unclassified exercise names: a handful per week at most, gathered straight from the sets.
    let mut names: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); weeks.len()];
    for d in digests.iter().filter(|d| d.unclassified_sets > 0) {
        let slot = ((week_of(d.day) - first_week) / 7) as usize;
        let sets = activities[d.index].sets.iter();
        names[slot].extend(
            sets.filter(|s| s.kind.is_work() && s.exercise.is_none())
                .map(|s| s.name()),
        );
    }
    for (w, names) in weeks.iter_mut().zip(names) {
        w.unclassified_exercises = names.into_iter().map(str::to_owned).collect();
    }

    // Where each week stands: the first may have begun after its Monday, the last may not be
    // over; a week can be both (a history of a few days), and then it is in progress.
    let count = weeks.len();
    if first_day > first_week {
        weeks[0].status = WeekStatus::PartialStart;
    }
    if !as_of_complete {
        weeks[count - 1].status = WeekStatus::InProgress;
    }

    // Races make their week and the taper weeks before it a taper.
    let taper = settings.thresholds.taper_weeks as usize;
    for i in 0..count {
        if weeks[i].races > 0 {
            for w in &mut weeks[i.saturating_sub(taper)..=i] {
                w.taper = true;
            }
        }
    }

    // The ratio is undefined on days whose window reaches into a week without any data.
    let silent: Vec<bool> = weeks.iter().map(|w| !w.has_data()).collect();
    let silent_day = |day: i32| silent[((week_of(day) - first_week) / 7) as usize];
    fill_acwr(&mut days, |offset| silent_day(first_day + offset as i32));

    // Rest days and the acute:chronic ratio, per week, from the daily series.
    for (offset, day) in days.iter().enumerate() {
        let date = first_day + offset as i32;
        let w = &mut weeks[((week_of(date) - first_week) / 7) as usize];
        w.days += 1;
        if day.sessions == 0 {
            w.rest_days += 1;
        }
        w.acwr = day.acwr;
        if let Some(ratio) = day.acwr {
            w.acwr_max = Some(w.acwr_max.map_or(ratio, |max: f64| max.max(ratio)));
        }
    }
    Ok(History {
        weeks,
        first_day,
        days,
    })
}

/// The acute:chronic ratio of running load on each day: the average daily running load of
/// the last 7 days over that of the last 28, both windows ending on the day. Undefined while
/// the chronic window reaches before the history (the first 27 days) or into a day for which
/// `silent` says its week holds no data at all, and when the 28 days carry no running load:
/// a ratio against unknown or absent load would be a guess (0 or 4.0), not a measurement.
fn fill_acwr(days: &mut [Day], silent: impl Fn(usize) -> bool) {
    let mut acute = 0.0;
    let mut chronic = 0.0;
    // The most recent silent day seen so far.
    let mut last_silent: Option<usize> = None;
    for i in 0..days.len() {
        acute += days[i].run_load;
        chronic += days[i].run_load;
        if i >= 7 {
            acute -= days[i - 7].run_load;
        }
        if i >= 28 {
            chronic -= days[i - 28].run_load;
        }
        if silent(i) {
            last_silent = Some(i);
        }
        // Running sums drift by a few ulps; snap tiny leftovers so an empty window is zero.
        if acute.abs() < 1e-9 {
            acute = 0.0;
        }
        if chronic.abs() < 1e-9 {
            chronic = 0.0;
        }
        let window_has_silence = last_silent.is_some_and(|s| s + 28 > i);
        // (acute / 7) / (chronic / 28) as one division, so exact loads give exact ratios.
        days[i].acwr = (i >= 27 && chronic > 0.0 && !window_has_silence).then(|| acute * 4.0 / chronic);
    }
}

/// Whether `activity` was hard by the settings' rule: an effort of at least
/// `runs.hard_min_effort`, an average heart rate above `runs.hard_above_heart_rate`, or a race
/// or interval workout. A run that is so counts as a hard run (the analysis's hard days, the
/// plan's usual hard run).
pub fn is_hard_effort(activity: &Activity, settings: &Settings) -> bool {
    let runs = &settings.runs;
    activity
        .perceived_effort
        .is_some_and(|e| e >= runs.hard_min_effort)
        || runs
            .hard_above_heart_rate
            .is_some_and(|limit| activity.avg_heart_rate.is_some_and(|hr| hr > limit))
        || matches!(
            activity.workout_type,
            Some(WorkoutType::Race | WorkoutType::Intervals)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_in_day_numbers() {
        for (date, monday) in [
            (Date::constant(1970, 1, 1), Date::constant(1969, 12, 29)),
            (Date::constant(2026, 1, 4), Date::constant(2025, 12, 29)),
            (Date::constant(2026, 1, 5), Date::constant(2026, 1, 5)),
            (Date::constant(2026, 1, 11), Date::constant(2026, 1, 5)),
            (Date::constant(1965, 3, 3), Date::constant(1965, 3, 1)),
        ] {
            assert_eq!(date_from_days(week_of(days_since_epoch(date))), monday, "{date}");
        }
    }

    fn series(loads: &[f64]) -> Vec<Day> {
        let mut days: Vec<Day> = loads
            .iter()
            .map(|&load| Day {
                sessions: u32::from(load > 0.0),
                run_load: load,
                acwr: None,
            })
            .collect();
        fill_acwr(&mut days, |_| false);
        days
    }

    #[test]
    fn acwr_needs_28_days_and_compares_a_week_with_four() {
        let steady = series(&[100.0; 28]);
        assert_eq!(steady[26].acwr, None);
        assert_eq!(steady[27].acwr, Some(1.0));
        // Three quiet weeks then one of double load: acute 7 x 200, chronic 7 x 200 + 21 x 0.
        let mut loads = vec![0.0; 21];
        loads.extend([200.0; 7]);
        assert_eq!(series(&loads)[27].acwr, Some(4.0));
        // 21 days of 100 then 7 of 150: 1050 / 7 over 3150 / 28 = 150 / 112.5.
        let mut loads = vec![100.0; 21];
        loads.extend([150.0; 7]);
        assert_eq!(series(&loads)[27].acwr, Some(150.0 / 112.5));
    }

    #[test]
    fn acwr_is_undefined_while_its_window_reaches_into_silence() {
        let mut days = series(&[100.0; 40]);
        for day in &mut days {
            day.acwr = None;
        }
        // Days 7-13 lie in a week without data: every window that holds one of them is unknown.
        fill_acwr(&mut days, |i| (7..14).contains(&i));
        assert_eq!(days[27].acwr, None);
        assert_eq!(days[40 - 1].acwr, None);
        let mut days = series(&[100.0; 50]);
        fill_acwr(&mut days, |i| (7..14).contains(&i));
        assert_eq!(days[13 + 27].acwr, None);
        assert_eq!(days[14 + 27].acwr, Some(1.0));
    }

    #[test]
    fn acwr_is_undefined_without_chronic_load() {
        let mut loads = vec![100.0; 3];
        loads.extend([0.0; 40]);
        let days = series(&loads);
        assert_eq!(days[27].acwr, Some(0.0));
        assert_eq!(days[30].acwr, None);
    }
}
