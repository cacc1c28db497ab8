//! The ten balance checks: each looks at the weekly figures (and, for two of them, the days
//! and sessions) and says, with numbers, where training drifted from balance.
//!
//! Checks that describe the same week from different angles do not pile up: a lapse (weeks
//! without strength or running) replaces `strength-missing` in its weeks and explains the
//! drop in distance (`mileage-slip`) there; `strength-missing`, `mileage-slip` and the lapses
//! explain a strength share out of its band (`balance-band`) in their week; and weeks
//! without any data are a `data-gap`, never counted as weeks without strength or running.
//! `docs/balance.md` gives each check's threshold and the reason for it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::figures::{Day, Digest, Kind, WeekFigures, date_from_days, days_since_epoch, week_of};
use crate::settings::Settings;

/// One of the balance checks; its [`Check::id`] is stable and used in reports and configs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// A week with running and fewer strength sessions than the goal.
    StrengthMissing,
    /// Weeks in a row without strength after weeks with it.
    StrengthLapse,
    /// Run distance well below its trailing average while strength time held or rose.
    MileageSlip,
    /// Weeks in a row without running after weeks with it.
    RunLapse,
    /// A muscle group without any work over the last weeks.
    MuscleGap,
    /// Heavy legs shortly before a long or hard run, or on the day of a hard run.
    StackedDays,
    /// Load rose too fast: acute:chronic ratio or week-on-average.
    LoadSpike,
    /// A week without a rest day, or too many training days in a row.
    NoRest,
    /// Strength share of training time outside the goal band.
    BalanceBand,
    /// A week inside the history without any data.
    DataGap,
}

impl Check {
    /// Every check, in report order.
    pub const ALL: [Check; 10] = [
        Check::StrengthMissing,
        Check::StrengthLapse,
        Check::MileageSlip,
        Check::RunLapse,
        Check::MuscleGap,
        Check::StackedDays,
        Check::LoadSpike,
        Check::NoRest,
        Check::BalanceBand,
        Check::DataGap,
    ];

    /// The stable id, for example `strength-missing`.
    pub fn id(self) -> &'static str {
        match self {
            Check::StrengthMissing => "strength-missing",
            Check::StrengthLapse => "strength-lapse",
            Check::MileageSlip => "mileage-slip",
            Check::RunLapse => "run-lapse",
            Check::MuscleGap => "muscle-gap",
            Check::StackedDays => "stacked-days",
            Check::LoadSpike => "load-spike",
            Check::NoRest => "no-rest",
            Check::BalanceBand => "balance-band",
            Check::DataGap => "data-gap",
        }
    }

    /// The check with id `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth acting on.
    Warning,
    /// Act now.
    Alert,
}

impl Severity {
    /// Every severity, mildest first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Alert];

    /// The stable name: `info`, `warning`, `alert`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Alert => "alert",
        }
    }
}

/// One number a warning rests on, named as in the JSON report (`run_distance_m`, `ratio`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// A stable name with its unit as suffix, where it has one.
    pub name: &'static str,
    /// The value.
    pub value: f64,
}

/// A drift from balance found in one week.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The check that found it.
    pub check: Check,
    /// How serious it is.
    pub severity: Severity,
    /// The Monday of the week it is about.
    pub week_start: Date,
    /// What was found, with its numbers, starting with the week (`2026-W03 ran 2 times ...`).
    pub finding: String,
    /// One sentence of advice.
    pub advice: &'static str,
    /// The numbers the finding rests on.
    pub evidence: Vec<Evidence>,
}

impl Warning {
    /// The stable id of its check, for example `strength-missing`.
    pub fn id(&self) -> &'static str {
        self.check.id()
    }

    /// The finding followed by the advice, for people.
    pub fn message(&self) -> String {
        format!("{} {}", self.finding, self.advice)
    }
}

/// What the checks look at.
pub(crate) struct Inputs<'a> {
    /// Every week of the history, oldest first, without gaps.
    pub weeks: &'a [WeekFigures],
    /// Every day of the history, from `first_day` on.
    pub days: &'a [Day],
    pub first_day: i32,
    /// The sessions, sorted by start.
    pub sessions: &'a [Digest],
    pub settings: &'a Settings,
}

/// Runs every enabled check over the whole history; the warnings come in week order, and in
/// [`Check::ALL`] order within a week.
pub(crate) fn run(inputs: &Inputs) -> Vec<Warning> {
    let settings = inputs.settings;
    let weeks = inputs.weeks;
    let enabled = |check| settings.is_enabled(check);
    let lapse_weeks = settings.thresholds.lapse_weeks as usize;
    let strength_lapse = lapses(weeks, |w| w.strength_sessions > 0, lapse_weeks);
    let run_lapse = lapses(weeks, |w| w.runs > 0, lapse_weeks);
    let in_strength_lapse = |i: usize| enabled(Check::StrengthLapse) && strength_lapse[i].is_some();
    let in_run_lapse = |i: usize| enabled(Check::RunLapse) && run_lapse[i].is_some();
    let stacked = stacked_pairs(inputs.sessions, settings);
    let streaks = training_streaks(inputs.days, inputs.first_day);

    let mut found: Vec<Warning> = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        let mut missing_fired = false;
        if enabled(Check::StrengthMissing)
            && !in_strength_lapse(i)
            && let Some(w) = strength_missing(week, settings)
        {
            missing_fired = true;
            found.push(w);
        }
        if in_strength_lapse(i) {
            found.push(lapse_warning(
                Check::StrengthLapse,
                week,
                strength_lapse[i].unwrap(),
            ));
        }
        let mut slip_fired = false;
        if enabled(Check::MileageSlip)
            && !in_run_lapse(i)
            && let Some(w) = mileage_slip(weeks, i, settings)
        {
            slip_fired = true;
            found.push(w);
        }
        if in_run_lapse(i) {
            found.push(lapse_warning(Check::RunLapse, week, run_lapse[i].unwrap()));
        }
        if enabled(Check::MuscleGap)
            && let Some(w) = muscle_gap(weeks, i, settings)
        {
            found.push(w);
        }
        if enabled(Check::StackedDays)
            && let Some(pairs) = stacked.get(&days_since_epoch(week.week_start))
            && let Some(w) = stacked_days(week, pairs)
        {
            found.push(w);
        }
        if enabled(Check::LoadSpike)
            && let Some(w) = load_spike(weeks, i, settings)
        {
            found.push(w);
        }
        if enabled(Check::NoRest)
            && let Some(w) = no_rest(&streaks, week, settings)
        {
            found.push(w);
        }
        // A share out of band in these weeks is their consequence, already said.
        let explained = missing_fired || slip_fired || in_strength_lapse(i) || in_run_lapse(i);
        if enabled(Check::BalanceBand)
            && !explained
            && let Some(w) = balance_band(week, settings)
        {
            found.push(w);
        }
        if enabled(Check::DataGap)
            && let Some(w) = data_gap(weeks, i)
        {
            found.push(w);
        }
    }
    found
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn km(metres: f64) -> String {
    format!("{:.1} km", metres / 1000.0)
}

/// Seconds as `h:mm`.
fn hours(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().max(0.0) as u64;
    format!("{}:{:02} h", minutes / 60, minutes % 60)
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn evidence(pairs: &[(&'static str, f64)]) -> Vec<Evidence> {
    pairs
        .iter()
        .map(|&(name, value)| Evidence { name, value })
        .collect()
}

fn strength_missing(week: &WeekFigures, settings: &Settings) -> Option<Warning> {
    let goal = settings.goals.strength_sessions_per_week;
    if week.runs == 0 || week.strength_sessions >= goal {
        return None;
    }
    Some(Warning {
        check: Check::StrengthMissing,
        severity: Severity::Warning,
        week_start: week.week_start,
        finding: format!(
            "{} ran {} ({}) but did {}; the goal is {goal}.",
            week.label(),
            plural(week.runs, "time", "times"),
            km(week.run_distance_m),
            plural(week.strength_sessions, "strength session", "strength sessions"),
        ),
        advice: "Short strength sessions for legs and core, even 20 minutes, help runs stay injury-free.",
        evidence: evidence(&[
            ("runs", f64::from(week.runs)),
            ("run_distance_m", week.run_distance_m),
            ("strength_sessions", f64::from(week.strength_sessions)),
            ("goal_sessions", f64::from(goal)),
        ]),
    })
}

/// Where a week stands in a lapse: its place in it (from 1), the lapse's length in weeks with
/// data, and the last week before it that had the activity.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Lapse {
    place: u32,
    length: u32,
    last_with: Date,
}

/// For each week, the lapse of at least `min_weeks` weeks without `has` it belongs to.
/// Weeks without any data are neither part of a lapse nor do they end one: the athlete may
/// have trained and not recorded it.
fn lapses(weeks: &[WeekFigures], has: impl Fn(&WeekFigures) -> bool, min_weeks: usize) -> Vec<Option<Lapse>> {
    let mut result = vec![None; weeks.len()];
    let mut last_with: Option<usize> = None;
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, last_with: Option<usize>, result: &mut Vec<Option<Lapse>>| {
        if let Some(last) = last_with
            && run.len() >= min_weeks
        {
            let length = run.len() as u32;
            for (place, &i) in run.iter().enumerate() {
                result[i] = Some(Lapse {
                    place: place as u32 + 1,
                    length,
                    last_with: weeks[last].week_start,
                });
            }
        }
        run.clear();
    };
    for (i, week) in weeks.iter().enumerate() {
        if !week.has_data() {
            continue;
        }
        if has(week) {
            flush(&mut run, last_with, &mut result);
            last_with = Some(i);
        } else if last_with.is_some() {
            run.push(i);
        }
    }
    flush(&mut run, last_with, &mut result);
    result
}

fn lapse_warning(check: Check, week: &WeekFigures, lapse: Lapse) -> Warning {
    let (what, last, severity, advice) = match check {
        Check::StrengthLapse => (
            "strength training",
            "the last strength session was in",
            Severity::Alert,
            "Restart with one easy full-body session this week; strength fades after a few weeks off.",
        ),
        _ => (
            "running",
            "the last run was in",
            Severity::Warning,
            "Come back with short, easy runs; tendons lose their conditioning faster than muscles.",
        ),
    };
    Warning {
        check,
        severity,
        week_start: week.week_start,
        finding: format!(
            "{}: week {} of {} in a row without {what} ({last} {}).",
            week.label(),
            lapse.place,
            lapse.length,
            crate::week_label(lapse.last_with),
        ),
        advice,
        evidence: evidence(&[
            ("week_of_lapse", f64::from(lapse.place)),
            ("lapse_weeks", f64::from(lapse.length)),
        ]),
    }
}

/// The weeks with data among the `n` before week `i`, when all `n` lie inside the history and
/// at least half of them have data: a trailing average over mostly unknown weeks means little.
fn trailing(weeks: &[WeekFigures], i: usize, n: usize) -> Option<Vec<&WeekFigures>> {
    if i < n {
        return None;
    }
    let with_data: Vec<&WeekFigures> = weeks[i - n..i].iter().filter(|w| w.has_data()).collect();
    (with_data.len() * 2 >= n && !with_data.is_empty()).then_some(with_data)
}

fn mileage_slip(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let t = &settings.thresholds;
    let week = &weeks[i];
    if !week.has_data() || week.strength_time_s <= 0.0 {
        return None;
    }
    let before = trailing(weeks, i, t.trailing_weeks as usize)?;
    let n = before.len() as f64;
    let run_sum: f64 = before.iter().map(|w| w.run_distance_m).sum();
    let strength_sum: f64 = before.iter().map(|w| w.strength_time_s).sum();
    if run_sum <= 0.0 {
        return None;
    }
    // Ratios as one division of exact sums, so that a week exactly at a threshold is exact.
    let run_ratio = week.run_distance_m * n / run_sum;
    let strength_held =
        strength_sum <= 0.0 || week.strength_time_s * n / strength_sum >= t.strength_held_ratio;
    if run_ratio >= t.mileage_slip_ratio || !strength_held {
        return None;
    }
    let strength_avg = strength_sum / n;
    Some(Warning {
        check: Check::MileageSlip,
        severity: Severity::Warning,
        week_start: week.week_start,
        finding: format!(
            "{} ran {}, {} of the {}-week average ({}), while strength time held at {} (average {}).",
            week.label(),
            km(week.run_distance_m),
            percent(run_ratio),
            before.len(),
            km(run_sum / n),
            hours(week.strength_time_s),
            hours(strength_avg),
        ),
        advice: "If lifting is crowding out runs, put strength after an easy run instead of in its place.",
        evidence: evidence(&[
            ("run_distance_m", week.run_distance_m),
            ("trailing_run_distance_m", run_sum / n),
            ("run_ratio", run_ratio),
            ("strength_time_s", week.strength_time_s),
            ("trailing_strength_time_s", strength_avg),
        ]),
    })
}

fn muscle_gap(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let n = settings.thresholds.muscle_gap_weeks as usize;
    if i + 1 < n {
        return None;
    }
    let window = &weeks[i + 1 - n..=i];
    let working_sets: u32 = window.iter().map(|w| w.working_sets).sum();
    if working_sets == 0 {
        // No strength at all is a lapse or a missing session, not a gap between groups.
        return None;
    }
    let mut sets = crate::MuscleSets::default();
    let mut unclassified = 0;
    for w in window {
        sets.lower_body += w.muscle_sets.lower_body;
        sets.core += w.muscle_sets.core;
        sets.upper_body += w.muscle_sets.upper_body;
        unclassified += w.unclassified_sets;
    }
    let missing = sets.missing();
    if missing.is_empty() {
        return None;
    }
    let names: Vec<&str> = missing.iter().map(|g| group_words(*g)).collect();
    let mut finding = format!(
        "{}: in the last {n} weeks, {} and none for {} (lower body {}, core {}, upper body {})",
        weeks[i].label(),
        plural(working_sets, "working set", "working sets"),
        names.join(" or "),
        sets.lower_body,
        sets.core,
        sets.upper_body,
    );
    if unclassified > 0 {
        let _ = write!(
            finding,
            "; {} of unrecognised exercises may cover some of it",
            plural(unclassified, "set", "sets")
        );
    }
    finding.push('.');
    Some(Warning {
        check: Check::MuscleGap,
        severity: Severity::Warning,
        week_start: weeks[i].week_start,
        finding,
        advice: "Add two or three sets for the missing group to a session you already do.",
        evidence: evidence(&[
            ("lower_body_sets", f64::from(sets.lower_body)),
            ("core_sets", f64::from(sets.core)),
            ("upper_body_sets", f64::from(sets.upper_body)),
            ("unclassified_sets", f64::from(unclassified)),
            ("weeks", n as f64),
        ]),
    })
}

fn group_words(group: runlift_model::MuscleGroup) -> &'static str {
    match group {
        runlift_model::MuscleGroup::LowerBody => "lower body",
        runlift_model::MuscleGroup::Core => "core",
        runlift_model::MuscleGroup::UpperBody => "upper body",
    }
}

/// Every pair of heavy legs and a long or hard run it is stacked on: legs that started at
/// most `stacked_hours` before the run, or legs on the day of a hard run after it. Grouped by
/// the Monday of the run's week.
fn stacked_pairs<'a>(
    sessions: &'a [Digest],
    settings: &Settings,
) -> BTreeMap<i32, Vec<(&'a Digest, &'a Digest)>> {
    let window_s = settings.thresholds.stacked_hours * 3600.0;
    let legs: Vec<&Digest> = sessions.iter().filter(|d| d.heavy_legs(settings)).collect();
    let mut pairs: BTreeMap<i32, Vec<(&Digest, &Digest)>> = BTreeMap::new();
    for run in sessions
        .iter()
        .filter(|d| d.kind == Kind::Run && (d.hard || d.long))
    {
        // Sessions are sorted by start: look only at legs from a day before the window on.
        let earliest = run.start_s - window_s.ceil() as i64 - 86_400;
        let from = legs.partition_point(|l| l.start_s < earliest);
        for &l in &legs[from..] {
            if l.start_s > run.start_s + 86_400 {
                break;
            }
            let before = l.start_s <= run.start_s && (run.start_s - l.start_s) as f64 <= window_s;
            let after_hard_same_day = run.hard && l.day == run.day && l.start_s > run.start_s;
            if before || after_hard_same_day {
                pairs.entry(week_of(run.day)).or_default().push((l, run));
            }
        }
    }
    pairs
}

fn stacked_days(week: &WeekFigures, pairs: &[(&Digest, &Digest)]) -> Option<Warning> {
    let &(legs, run) = pairs.first()?;
    let gap_h = |legs: &Digest, run: &Digest| (run.start_s - legs.start_s) as f64 / 3600.0;
    let run_words = match (run.hard, run.long) {
        (true, true) => "a long, hard run",
        (true, false) => "a hard run",
        _ => "a long run",
    };
    let when = if legs.start_s > run.start_s {
        format!("after {run_words} on the same day")
    } else {
        format!("{:.0} h before {run_words}", gap_h(legs, run))
    };
    let mut finding = format!(
        "{}: heavy legs ({} lower-body sets) {when}, on {}",
        week.label(),
        legs.muscle_sets.lower_body,
        date_from_days(run.day),
    );
    if pairs.len() > 1 {
        let more = pairs.len() - 1;
        let _ = write!(
            finding,
            ", and {more} more {}",
            if more == 1 { "time" } else { "times" }
        );
    }
    finding.push('.');
    let closest = pairs
        .iter()
        .map(|(l, r)| gap_h(l, r).abs())
        .fold(f64::INFINITY, f64::min);
    Some(Warning {
        check: Check::StackedDays,
        severity: Severity::Warning,
        week_start: week.week_start,
        finding,
        advice: "Alternate: put heavy leg work after the hard or long run, with a day between them, or on an easy day.",
        evidence: evidence(&[
            ("occurrences", pairs.len() as f64),
            ("closest_hours", closest),
            ("lower_body_sets", f64::from(legs.muscle_sets.lower_body)),
        ]),
    })
}

fn load_spike(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let t = &settings.thresholds;
    let week = &weeks[i];
    let acwr_spike = week.acwr_max.filter(|&r| r > t.acwr_max);
    let rise = trailing(weeks, i, t.trailing_weeks as usize).and_then(|before| {
        let sum: f64 = before.iter().map(|w| w.load).sum();
        let n = before.len() as f64;
        (sum > 0.0).then(|| (week.load * n / sum, sum / n))
    });
    let load_spike = rise.filter(|&(ratio, _)| ratio > 1.0 + t.weekly_load_rise);
    if acwr_spike.is_none() && load_spike.is_none() {
        return None;
    }
    let mut finding = format!("{}: load {:.0} (minutes x effort)", week.label(), week.load);
    if let Some((ratio, average)) = rise {
        let _ = write!(
            finding,
            ", {} the {}-week average of {average:.0}",
            if ratio >= 1.0 {
                format!("{} above", percent(ratio - 1.0))
            } else {
                format!("{} below", percent(1.0 - ratio))
            },
            t.trailing_weeks,
        );
    }
    if let Some(max) = week.acwr_max {
        let _ = write!(finding, "; acute:chronic workload ratio up to {max:.2}");
    }
    finding.push('.');
    let severity = if week.acwr_max.is_some_and(|r| r >= t.acwr_alert) {
        Severity::Alert
    } else {
        Severity::Warning
    };
    let mut numbers = vec![("load", week.load)];
    if let Some((ratio, average)) = rise {
        numbers.push(("trailing_load", average));
        numbers.push(("load_ratio", ratio));
    }
    if let Some(max) = week.acwr_max {
        numbers.push(("acwr_max", max));
    }
    Some(Warning {
        check: Check::LoadSpike,
        severity,
        week_start: week.week_start,
        finding,
        advice: "Build load by about a tenth a week; sudden jumps are when overuse injuries start.",
        evidence: evidence(&numbers),
    })
}

/// The training streaks of the history: (first day, length in days).
fn training_streaks(days: &[Day], first_day: i32) -> Vec<(i32, u32)> {
    let mut streaks = Vec::new();
    let mut start: Option<i32> = None;
    let mut length = 0u32;
    for (offset, day) in days.iter().enumerate() {
        let date = first_day + offset as i32;
        if day.sessions > 0 {
            start.get_or_insert(date);
            length += 1;
        } else if let Some(s) = start.take() {
            streaks.push((s, length));
            length = 0;
        }
    }
    if let Some(s) = start {
        streaks.push((s, length));
    }
    streaks
}

fn no_rest(streaks: &[(i32, u32)], week: &WeekFigures, settings: &Settings) -> Option<Warning> {
    let limit = settings.thresholds.training_days_in_a_row;
    let monday = days_since_epoch(week.week_start);
    let full_week_without_rest = week.days == 7 && week.rest_days == 0;
    // Streaks are sorted by start: only those starting before the week's end can touch it.
    let upto = streaks.partition_point(|&(s, _)| s <= monday + 6);
    let candidates = &streaks[..upto];
    // A streak is reported in the week of the day it reached the limit, once.
    let reached = candidates
        .iter()
        .rev()
        .find(|&&(s, len)| len >= limit && week_of(s + limit as i32 - 1) == monday);
    if reached.is_none() && !full_week_without_rest {
        return None;
    }
    let touching = candidates.iter().rev().find(|&&(s, len)| s + len as i32 > monday);
    let &(first, days) = reached.or(touching)?;
    let mut finding = format!(
        "{}: {} training days in a row ({} to {})",
        week.label(),
        days,
        date_from_days(first),
        date_from_days(first + days as i32 - 1),
    );
    if full_week_without_rest {
        finding.push_str(", no rest day in the week");
    }
    finding.push('.');
    Some(Warning {
        check: Check::NoRest,
        severity: Severity::Warning,
        week_start: week.week_start,
        finding,
        advice: "Take at least one full rest day a week; the body adapts to training while it rests.",
        evidence: evidence(&[
            ("days_in_a_row", f64::from(days)),
            ("rest_days", f64::from(week.rest_days)),
        ]),
    })
}

fn balance_band(week: &WeekFigures, settings: &Settings) -> Option<Warning> {
    let share = week.strength_share()?;
    let goals = &settings.goals;
    let advice = if share < goals.strength_share_min {
        "Lengthen a strength session a little, or add a short one after an easy run."
    } else if share > goals.strength_share_max {
        "Check that lifting is not taking the place of runs; trim sets before you trim runs."
    } else {
        return None;
    };
    Some(Warning {
        check: Check::BalanceBand,
        severity: Severity::Info,
        week_start: week.week_start,
        finding: format!(
            // One decimal, so that 40.4 % does not read as the edge of a 15-40 % band.
            "{}: strength was {:.1} % of training time ({} of {}); the goal is {:.0}-{:.0} %.",
            week.label(),
            share * 100.0,
            hours(week.strength_time_s),
            hours(week.training_time_s()),
            goals.strength_share_min * 100.0,
            goals.strength_share_max * 100.0,
        ),
        advice,
        evidence: evidence(&[
            ("strength_share", share),
            ("strength_time_s", week.strength_time_s),
            ("training_time_s", week.training_time_s()),
            ("goal_min", goals.strength_share_min),
            ("goal_max", goals.strength_share_max),
        ]),
    })
}

fn data_gap(weeks: &[WeekFigures], i: usize) -> Option<Warning> {
    if weeks[i].has_data() {
        return None;
    }
    let first = weeks[..i].iter().rev().take_while(|w| !w.has_data()).count();
    let last = weeks[i + 1..].iter().take_while(|w| !w.has_data()).count();
    let length = (first + 1 + last) as u32;
    Some(Warning {
        check: Check::DataGap,
        severity: Severity::Info,
        week_start: weeks[i].week_start,
        finding: format!(
            "{}: no activity recorded at all (week {} of {} without data).",
            weeks[i].label(),
            first + 1,
            length
        ),
        advice: "If you trained, an export is missing or the watch was off: add the files, so that silence is not read as rest.",
        evidence: evidence(&[
            ("week_of_gap", (first + 1) as f64),
            ("gap_weeks", f64::from(length)),
        ]),
    })
}
