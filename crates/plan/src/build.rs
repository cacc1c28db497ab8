//! From the history to a plan: read the volume, choose the sessions, lay them out
//! (`schedule`), then set distances under the run-spike cap and write the reasons.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use runlift_analysis::{AnalysisOptions, Check, MuscleSets, Settings, WeekFigures, analyse, local_date};
use runlift_model::{Activity, MuscleGroup, Sport};

use crate::schedule::{FixedBreak, Problem, Rule, Slot};
use crate::{
    Error, FixedKind, LIGHTER_FACTOR, Lighter, MIN_WEEKS_WITH_RUNS, Plan, PlanOptions, PlannedDay, RunType,
    Session, SessionKind, VOLUME_WEEKS, Volume, group_words,
};

/// Working sets of a session's focus group.
const FOCUS_SETS: u32 = 6;
/// The shortest run worth planning, in metres (with distances) and minutes (without).
const MIN_RUN_M: f64 = 3000.0;
const MIN_RUN_MINUTES: u32 = 20;
/// A run this week of at least this share of the usual long run counts as the long run.
const LONG_DONE_SHARE: f64 = 0.9;

/// Whether `activity` is a hard run, as the analysis counts one.
fn is_hard_run(activity: &Activity, settings: &Settings) -> bool {
    matches!(activity.sport, Sport::Running(_)) && runlift_analysis::is_hard_effort(activity, settings)
}

/// What the history recorded on one day.
#[derive(Debug, Clone, Copy, Default)]
struct DayRecord {
    trained: bool,
    run: bool,
    longest_run_m: f64,
    heavy_legs: bool,
}

fn monday(day: Date) -> Date {
    day.checked_sub(i64::from(day.weekday().to_monday_zero_offset()).days())
        .expect("dates of activities are far from jiff's limits")
}

fn add_days(day: Date, n: i64) -> Date {
    day.checked_add(n.days())
        .expect("dates of activities are far from jiff's limits")
}

fn km(m: f64) -> String {
    format!("{:.1} km", m / 1000.0)
}

fn floor_100(m: f64) -> f64 {
    (m / 100.0).floor() * 100.0
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The days of the history, as the plan needs them: training, runs, heavy legs.
fn day_records(activities: &[&Activity], options: &PlanOptions, last_day: Date) -> BTreeMap<Date, DayRecord> {
    let heavy = options.settings.thresholds.heavy_lower_body_sets;
    let mut days: BTreeMap<Date, DayRecord> = BTreeMap::new();
    for activity in activities.iter().filter(|a| a.start < options.as_of) {
        let day = local_date(activity, &options.time_zone);
        if day > last_day {
            continue;
        }
        let record = days.entry(day).or_default();
        record.trained = true;
        match activity.sport {
            Sport::Running(_) => {
                record.run = true;
                if let Some(d) = activity.distance_m.filter(|d| d.is_finite() && *d > 0.0) {
                    record.longest_run_m = record.longest_run_m.max(d);
                }
            }
            Sport::StrengthTraining => {
                let lower = activity
                    .sets
                    .iter()
                    .filter(|s| s.kind.is_work() && s.muscle_groups().contains(&MuscleGroup::LowerBody))
                    .count();
                if lower >= heavy as usize {
                    record.heavy_legs = true;
                }
            }
            _ => {}
        }
    }
    days
}

/// A strength session being planned.
#[derive(Debug, Clone)]
struct StrengthPlan {
    focus: MuscleGroup,
    sets: MuscleSets,
    reason: String,
    fixed_day: Option<usize>,
}

impl StrengthPlan {
    fn heavy(&self, settings: &Settings) -> bool {
        self.sets.lower_body >= settings.thresholds.heavy_lower_body_sets
    }
}

fn set_group(sets: &mut MuscleSets, group: MuscleGroup, n: u32) {
    match group {
        MuscleGroup::LowerBody => sets.lower_body = n,
        MuscleGroup::Core => sets.core = n,
        MuscleGroup::UpperBody => sets.upper_body = n,
    }
}

/// The strength sessions of the week: one focus each, under-trained groups first, and every
/// group at least `muscle_gap_min_sets` in the week.
fn strength_sessions(
    count: usize,
    read: &MuscleSets,
    settings: &Settings,
    fixed: &[(usize, MuscleGroup)],
) -> Vec<StrengthPlan> {
    let min = settings.thresholds.muscle_gap_min_sets;
    let weeks = settings.thresholds.muscle_gap_weeks;
    let mut order = MuscleGroup::ALL.to_vec();
    order.sort_by_key(|&g| read.get(g));
    let mut sessions: Vec<StrengthPlan> = (0..count)
        .map(|i| {
            let focus = order[i % order.len()];
            let have = read.get(focus);
            let why = if have == 0 {
                format!("none in the last {weeks} weeks")
            } else if have < min {
                format!("only {have} sets in the last {weeks} weeks (a group needs {min})")
            } else if i < order.len() {
                format!("the fewest sets of the groups left in the last {weeks} weeks ({have})")
            } else {
                format!("a second session for the least trained group ({have} sets in {weeks} weeks)")
            };
            StrengthPlan {
                focus,
                sets: MuscleSets::default(),
                reason: format!("{} first: {why}", group_words(focus)),
                fixed_day: None,
            }
        })
        .collect();
    for &(day, focus) in fixed {
        let slot = sessions
            .iter()
            .position(|s| s.fixed_day.is_none() && s.focus == focus)
            .or_else(|| sessions.iter().rposition(|s| s.fixed_day.is_none()));
        let fixed = StrengthPlan {
            focus,
            sets: MuscleSets::default(),
            reason: format!("{}: fixed on this day", group_words(focus)),
            fixed_day: Some(day),
        };
        match slot {
            Some(i) => sessions[i] = fixed,
            None => sessions.push(fixed),
        }
    }
    let n = sessions.len() as u32;
    if n == 0 {
        return sessions;
    }
    let focus_sets = FOCUS_SETS.max(min);
    for group in MuscleGroup::ALL {
        let focused = sessions.iter().any(|s| s.focus == group);
        for s in &mut sessions {
            let sets = if s.focus == group {
                focus_sets
            } else if focused {
                0
            } else {
                min.div_ceil(n)
            };
            set_group(&mut s.sets, group, sets);
        }
    }
    sessions
}

/// Runs still to place, by type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunCounts {
    long: u32,
    hard: u32,
    easy: u32,
}

impl RunCounts {
    fn total(&self) -> u32 {
        self.long + self.hard + self.easy
    }

    /// Takes a run of type `run` out (an athlete's fixed one stands for it), else the nearest.
    fn take(&mut self, run: RunType) {
        let order = match run {
            RunType::Easy => [RunType::Easy, RunType::Hard, RunType::Long],
            RunType::Hard => [RunType::Hard, RunType::Easy, RunType::Long],
            RunType::Long => [RunType::Long, RunType::Easy, RunType::Hard],
        };
        for t in order {
            let slot = match t {
                RunType::Easy => &mut self.easy,
                RunType::Hard => &mut self.hard,
                RunType::Long => &mut self.long,
            };
            if *slot > 0 {
                *slot -= 1;
                return;
            }
        }
    }

    /// Drops one run for lack of days: an easy one first, then hard, then the long run.
    fn drop_one(&mut self) -> Option<RunType> {
        if self.easy > 0 {
            self.easy -= 1;
            Some(RunType::Easy)
        } else if self.hard > 0 {
            self.hard -= 1;
            Some(RunType::Hard)
        } else if self.long > 0 {
            self.long -= 1;
            Some(RunType::Long)
        } else {
            None
        }
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn plan(activities: &[&Activity], options: &PlanOptions) -> Result<Plan, Error> {
    let settings = &options.settings;
    let report = analyse(
        activities.iter().copied(),
        &AnalysisOptions {
            time_zone: options.time_zone.clone(),
            settings: settings.clone(),
            as_of: options.as_of,
            weeks: None,
            since: None,
        },
    )?;
    let as_of_day = report.as_of.day;
    let as_of_monday = monday(as_of_day);
    let (week_start, dates): (Date, Vec<Date>) = if options.this_week {
        let left = 6 - i64::from(as_of_day.weekday().to_monday_zero_offset());
        if left == 0 {
            return Err(Error::NoDaysLeft { as_of: as_of_day });
        }
        (as_of_monday, (1..=left).map(|i| add_days(as_of_day, i)).collect())
    } else {
        let next = add_days(as_of_monday, 7);
        (next, (0..7).map(|i| add_days(next, i)).collect())
    };

    // Volume: the last 4 complete weeks.
    let complete: Vec<&WeekFigures> = report.weeks.iter().filter(|w| w.is_complete()).collect();
    let read: Vec<&WeekFigures> = complete[complete.len().saturating_sub(VOLUME_WEEKS)..].to_vec();
    let with_runs = read.iter().filter(|w| w.runs > 0).count() as u32;
    if with_runs < MIN_WEEKS_WITH_RUNS {
        return Err(Error::HistoryTooShort {
            needs: MIN_WEEKS_WITH_RUNS,
            has: with_runs,
            week_start,
        });
    }
    let with_data: Vec<&WeekFigures> = read.iter().copied().filter(|w| w.has_data()).collect();
    let n = with_data.len() as f64;
    let avg = |f: fn(&WeekFigures) -> f64| with_data.iter().map(|w| f(w)).sum::<f64>() / n;
    let runs_per_week = avg(|w| f64::from(w.runs));
    // The usual hard run: the mean distance of the hard runs in the weeks read.
    let read_from = read.first().map_or(week_start, |w| w.week_start);
    let read_to = read.last().map_or(week_start, |w| add_days(w.week_start, 6));
    let hard_distances: Vec<f64> = activities
        .iter()
        .filter(|a| a.start < options.as_of && is_hard_run(a, settings))
        .filter(|a| (read_from..=read_to).contains(&local_date(a, &options.time_zone)))
        .filter_map(|a| a.distance_m.filter(|d| d.is_finite() && *d > 0.0))
        .collect();
    let usual_hard_m = (!hard_distances.is_empty())
        .then(|| hard_distances.iter().sum::<f64>() / hard_distances.len() as f64);
    let distance_per_week_m = avg(|w| w.run_distance_m);
    let usual_long_run_m = avg(|w| w.longest_run_m);
    let hard_per_week = avg(|w| f64::from(w.hard_runs));
    let total_distance: f64 = with_data.iter().map(|w| w.run_distance_m).sum();
    let total_time: f64 = with_data.iter().map(|w| w.run_time_s).sum();
    let total_runs: u32 = with_data.iter().map(|w| w.runs).sum();
    let pace_s_per_m = (total_distance > 0.0).then(|| total_time / total_distance);
    let mut muscle_sets = MuscleSets::default();
    for w in &read {
        muscle_sets.lower_body += w.muscle_sets.lower_body;
        muscle_sets.core += w.muscle_sets.core;
        muscle_sets.upper_body += w.muscle_sets.upper_body;
    }
    let labels: Vec<String> = read.iter().map(|w| w.label()).collect();
    let span = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => String::new(),
    };

    // The week in progress, when planning the rest of it.
    let current = report
        .weeks
        .last()
        .filter(|w| options.this_week && w.week_start == as_of_monday);
    if let Some(c) = current {
        muscle_sets.lower_body += c.muscle_sets.lower_body;
        muscle_sets.core += c.muscle_sets.core;
        muscle_sets.upper_body += c.muscle_sets.upper_body;
    }

    // A lighter week after a load spike or a week without rest.
    let last_read = read.last().map_or(week_start, |w| w.week_start);
    let triggers: Vec<(Date, String)> = report
        .warnings
        .iter()
        .filter(|w| matches!(w.check, Check::LoadSpike | Check::NoRest) && w.week_start >= last_read)
        .map(|w| {
            (
                w.week_start,
                format!("{} in {}", w.id(), runlift_analysis::week_label(w.week_start)),
            )
        })
        .collect();
    // The runs of a lighter week: the average without the week that called for it (which
    // inflates it), else the usual count scaled like the distance.
    let trigger_weeks: Vec<Date> = triggers.iter().map(|(w, _)| *w).collect();
    let calm: Vec<&WeekFigures> = with_data
        .iter()
        .copied()
        .filter(|w| !trigger_weeks.contains(&w.week_start))
        .collect();
    let (lighter_runs, runs_said) = if calm.len() < with_data.len() && !calm.is_empty() {
        let runs = calm.iter().map(|w| f64::from(w.runs)).sum::<f64>() / calm.len() as f64;
        let labels: Vec<String> = with_data
            .iter()
            .filter(|w| trigger_weeks.contains(&w.week_start))
            .map(|w| w.label())
            .collect();
        (
            runs,
            format!(
                "{runs:.1} runs a week, the average without {}",
                labels.join(" and ")
            ),
        )
    } else {
        let runs = runs_per_week * LIGHTER_FACTOR;
        (
            runs,
            format!(
                "{runs:.1} runs a week, {:.0} % of the usual",
                LIGHTER_FACTOR * 100.0
            ),
        )
    };
    let lighter = (!triggers.is_empty()).then(|| Lighter {
        factor: LIGHTER_FACTOR,
        reason: format!(
            "{}: {:.0} % of the usual distance, {runs_said}, and no hard run, to absorb it",
            triggers
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            LIGHTER_FACTOR * 100.0
        ),
    });
    let factor = lighter.as_ref().map_or(1.0, |l| l.factor);

    // How many runs of which type.
    let target_runs = (if lighter.is_some() {
        lighter_runs
    } else {
        runs_per_week
    }
    .round() as u32)
        .max(1);
    let target_hard = if lighter.is_some() {
        0
    } else {
        (hard_per_week.round() as u32).min(2)
    };
    let (done_runs, done_hard, done_long, done_distance, done_strength) =
        current.map_or((0, 0, false, 0.0, 0), |c| {
            (
                c.runs,
                c.hard_runs,
                // A run of about the usual long run is the week's long run, even if shorter
                // than `runs.long_run_minutes`.
                c.long_runs > 0
                    || (usual_long_run_m > 0.0 && c.longest_run_m >= LONG_DONE_SHARE * usual_long_run_m),
                c.run_distance_m,
                c.strength_sessions,
            )
        });
    let runs_left = target_runs.saturating_sub(done_runs);
    let long = u32::from(target_runs >= 2 && !done_long && runs_left >= 1);
    let hard = target_hard.saturating_sub(done_hard).min(runs_left - long);
    let mut counts = RunCounts {
        long,
        hard,
        easy: runs_left - long - hard,
    };
    let distance_left = (distance_per_week_m * factor - done_distance).max(0.0);

    // Preferences on the planned days.
    let prefs = &options.preferences;
    let index_of = |day: Weekday| dates.iter().position(|d| d.weekday() == day);
    let mut available: Vec<bool> = dates
        .iter()
        .map(|d| prefs.days.as_ref().is_none_or(|days| days.contains(&d.weekday())))
        .collect();
    let mut fixed_runs = vec![None; dates.len()];
    let mut fixed_strength_days: Vec<(usize, MuscleGroup)> = Vec::new();
    for fixed in &prefs.fixed {
        let Some(i) = index_of(fixed.day) else { continue };
        available[i] = true;
        match fixed.kind {
            FixedKind::Run(run) => {
                fixed_runs[i] = Some(run);
                counts.take(run);
            }
            FixedKind::Strength(focus) => fixed_strength_days.push((i, focus)),
        }
    }
    let mut gave_way = Vec::new();
    let mut notes = Vec::new();

    // Strength: the goal, less what is done this week (at least one while a group is short).
    let goal = settings.goals.strength_sessions_per_week;
    let min_sets = settings.thresholds.muscle_gap_min_sets;
    let mut strength_count = goal.saturating_sub(done_strength);
    if let Some(c) = current
        && strength_count == 0
    {
        // The muscle-gap window ending with this week: its earlier complete weeks and this one.
        let earlier = (settings.thresholds.muscle_gap_weeks as usize).saturating_sub(1);
        let mut window = c.muscle_sets;
        for w in &complete[complete.len().saturating_sub(earlier)..] {
            window.lower_body += w.muscle_sets.lower_body;
            window.core += w.muscle_sets.core;
            window.upper_body += w.muscle_sets.upper_body;
        }
        if MuscleGroup::ALL.iter().any(|&g| window.get(g) < min_sets) {
            strength_count = 1;
        }
    }
    let strength_count = (strength_count as usize).max(fixed_strength_days.len());

    // The boundary with the history: the days before the first planned day. The as-of day,
    // when the moment falls before its end, is not over: what it will hold is unknown, so it
    // is no rest day and, to be safe, a training day for the days in a row.
    let records = day_records(activities, options, as_of_day);
    let trained = |day: Date| records.get(&day).is_some_and(|r| r.trained);
    let open_day = (!report.as_of.day_over && !trained(as_of_day)).then_some(as_of_day);
    let before = add_days(dates[0], -1);
    let (prev_streak, prev) = if before <= as_of_day {
        let mut streak = 0u32;
        let mut day = before;
        while trained(day) || open_day == Some(day) {
            streak += 1;
            day = add_days(day, -1);
        }
        (streak, records.get(&before).copied().unwrap_or_default())
    } else {
        notes.push(format!(
            "{} to {} are not recorded yet: the plan counts them as neither training nor rest days in a row; keep a rest day among them, or plan them with --this-week.",
            add_days(as_of_day, 1),
            before
        ));
        (0, DayRecord::default())
    };
    if let Some(day) = open_day {
        notes.push(format!(
            "{day} is not over yet and holds no training so far: the plan counts it as a training day for the days in a row and not as a rest day."
        ));
    }
    let need_rest = current.is_none_or(|c| c.rest_days.saturating_sub(u32::from(open_day.is_some())) == 0);
    let limit = settings.thresholds.training_days_in_a_row.max(1);
    let long_day = prefs
        .long_run_day
        .and_then(index_of)
        .or_else(|| available.iter().rposition(|a| *a));
    let two_apart = settings.thresholds.stacked_policy == runlift_analysis::StackedPolicy::TwoDaysApart;
    let rule_words = |rule: Rule| -> String {
        match rule {
            Rule::Stacked if two_apart => "heavy legs two days from a long or hard run".to_owned(),
            Rule::Stacked => "no heavy legs on the day before a long or hard run".to_owned(),
            Rule::Streak => format!("at most {} training days in a row", limit - 1),
            Rule::Rest => "a rest day in the week".to_owned(),
        }
    };
    let make_problem =
        |counts: &RunCounts, strength: &[StrengthPlan], streak_allowed: &[u32], need_rest: bool| {
            let mut fixed_strength = vec![None; dates.len()];
            for (k, s) in strength.iter().enumerate() {
                if let Some(day) = s.fixed_day {
                    fixed_strength[day] = Some(k);
                }
            }
            Problem {
                available: available.clone(),
                fixed_runs: fixed_runs.clone(),
                fixed_strength,
                long: counts.long,
                hard: counts.hard,
                easy: counts.easy,
                strength: (0..strength.len())
                    .filter(|&k| strength[k].fixed_day.is_none())
                    .collect(),
                heavy: strength.iter().map(|s| s.heavy(settings)).collect(),
                policy: settings.thresholds.stacked_policy,
                max_in_a_row: limit - 1,
                prev_streak,
                prev_heavy: prev.heavy_legs,
                prev_run: prev.run,
                need_rest,
                long_day,
                long_day_asked: prefs.long_run_day.is_some(),
                streak_allowed: streak_allowed.to_vec(),
                ignore: None,
            }
        };

    // The fixed sessions alone: a rule they break (with the recorded days before) is excused.
    let all_strength = strength_sessions(strength_count, &muscle_sets, settings, &fixed_strength_days);
    let mut fixed_only = make_problem(
        &RunCounts {
            long: 0,
            hard: 0,
            easy: 0,
        },
        &all_strength,
        &[],
        need_rest,
    );
    for FixedBreak { rule, days, history } in fixed_only.excuse_fixed() {
        let names: Vec<&str> = days.iter().map(|&i| weekday_name(dates[i].weekday())).collect();
        let names = names.join(", ");
        let days = match (history, rule) {
            (true, Rule::Streak) => format!("{prev_streak} recorded training days in a row, then {names}"),
            (true, _) => format!("the day before, then {names}"),
            (false, _) => names,
        };
        gave_way.push(format!(
            "your fixed sessions break {} ({days}): kept as you set them",
            rule_words(rule)
        ));
    }
    let streak_allowed = fixed_only.streak_allowed.clone();
    let need_rest = fixed_only.need_rest;

    // Fit the sessions to the days the rules leave for training: one run a day, one strength
    // session a day.
    let (days_available, with_rest, capacity) = fixed_only.training_days();
    let why_fewer = if capacity < with_rest {
        format!(
            "{} leave {} for training",
            rule_words(Rule::Streak),
            plural(capacity, "day", "days")
        )
    } else {
        format!(
            "only {} available for training",
            plural(capacity, "day is", "days are")
        )
    };
    let fixed_run_count = fixed_runs.iter().filter(|r| r.is_some()).count() as u32;
    let wanted_runs = counts.total() + fixed_run_count;
    while counts.total() + fixed_run_count > capacity {
        if counts.drop_one().is_none() {
            break;
        }
    }
    if counts.total() + fixed_run_count < wanted_runs {
        gave_way.push(format!(
            "runs: {} planned instead of {wanted_runs}: {why_fewer} (one run a day)",
            counts.total() + fixed_run_count,
        ));
    }
    let strength = strength_sessions(
        strength_count.min(capacity.max(fixed_strength_days.len() as u32) as usize),
        &muscle_sets,
        settings,
        &fixed_strength_days,
    );
    if strength.len() < strength_count {
        gave_way.push(format!(
            "strength: {} planned instead of the goal of {goal}: {why_fewer}",
            plural(strength.len() as u32, "session", "sessions"),
        ));
    }

    // A hard and a long run with only two days next to each other left for them: the hard run
    // would follow or precede the long one, so it is easy.
    let free_days: Vec<usize> = (0..dates.len())
        .filter(|&i| available[i] && fixed_runs[i].is_none())
        .collect();
    if counts.hard > 0 && counts.long > 0 && free_days.len() == 2 && free_days[1] == free_days[0] + 1 {
        counts.hard -= 1;
        counts.easy += 1;
        gave_way.push(format!(
            "hard run: planned as easy: the only days left for it ({} and {}) are next to each other, and the long run takes one",
            weekday_name(dates[free_days[0]].weekday()),
            weekday_name(dates[free_days[1]].weekday())
        ));
    }

    // Lay the sessions out. When no layout keeps every rule, try the relaxations from the
    // problem as it is, the least harm first: heavy legs kept below heavy (1), a hard run
    // planned as easy (2 each), an easy run left out (3 each), a strength session left out
    // (4 each), the long run left out (6).
    let heavy_threshold = settings.thresholds.heavy_lower_body_sets;
    let lightenable = heavy_threshold > 0
        && strength
            .iter()
            .any(|s| s.fixed_day.is_none() && s.heavy(settings));
    let free_strength = strength.iter().filter(|s| s.fixed_day.is_none()).count() as u32;
    let mut combos: Vec<(u32, [u32; 5])> = Vec::new();
    for l in 0..=u32::from(lightenable) {
        for h in 0..=counts.hard {
            for e in 0..=counts.easy + h {
                for st in 0..=free_strength {
                    for g in 0..=counts.long {
                        combos.push((l + 2 * h + 3 * e + 4 * st + 6 * g, [l, h, e, st, g]));
                    }
                }
            }
        }
    }
    combos.sort_by_key(|c| c.0);
    let base = make_problem(&counts, &strength, &streak_allowed, need_rest);
    let mut solved = None;
    for (_, [l, h, e, st, g]) in combos {
        let mut c = counts;
        c.hard -= h;
        c.easy += h;
        c.easy -= e;
        c.long -= g;
        let mut s = strength.clone();
        if l == 1 {
            for x in s.iter_mut().filter(|x| x.fixed_day.is_none()) {
                if x.sets.lower_body >= heavy_threshold {
                    x.sets.lower_body = heavy_threshold - 1;
                }
            }
        }
        for _ in 0..st {
            let k = s.iter().rposition(|x| x.fixed_day.is_none()).expect("counted");
            s.remove(k);
        }
        if let Some(layout) = make_problem(&c, &s, &streak_allowed, need_rest).solve() {
            solved = Some((layout, c, s, [l, h, e, st, g]));
            break;
        }
    }
    let (layout, strength) = match solved {
        Some((layout, c, s, steps)) => {
            if steps != [0; 5] {
                let sessions = format!(
                    "{} and {} on {}",
                    plural(counts.total() + fixed_run_count, "run", "runs"),
                    plural(strength.len() as u32, "strength session", "strength sessions"),
                    plural(days_available, "available day", "available days"),
                );
                // The rule to blame: one whose absence alone leaves a layout.
                let mut blamed: Vec<String> = [Rule::Stacked, Rule::Streak, Rule::Rest]
                    .into_iter()
                    .filter(|&r| {
                        let mut p = base.clone();
                        p.ignore = Some(r);
                        p.solve().is_some()
                    })
                    .map(rule_words)
                    .collect();
                if blamed.is_empty() {
                    blamed = [Rule::Stacked, Rule::Streak, Rule::Rest]
                        .into_iter()
                        .map(rule_words)
                        .collect();
                }
                let rules = blamed.join(", ");
                let [l, h, e, st, g] = steps;
                if l == 1 {
                    gave_way.push(format!(
                        "heavy legs: lower body kept to {} sets (below heavy) because {sessions} leave no day for heavy legs that keeps {rules}",
                        heavy_threshold - 1
                    ));
                }
                for _ in 0..h {
                    gave_way.push(format!(
                        "hard run: planned as easy because {sessions} leave no layout that keeps {rules}"
                    ));
                }
                for _ in 0..e {
                    gave_way.push(format!(
                        "easy run: left out because {sessions} leave no layout that keeps {rules}"
                    ));
                }
                for _ in 0..st {
                    gave_way.push(format!(
                        "strength session: left out because {sessions} leave no layout that keeps {rules}"
                    ));
                }
                for _ in 0..g {
                    gave_way.push(format!(
                        "long run: left out because {sessions} leave no layout that keeps {rules}"
                    ));
                }
            }
            counts = c;
            (layout, s)
        }
        None => {
            // Only the athlete's fixed sessions are left: they stay, whatever they break.
            let mut layout = vec![Slot::default(); dates.len()];
            for (i, slot) in layout.iter_mut().enumerate() {
                slot.run = fixed_runs[i];
            }
            let s: Vec<StrengthPlan> = strength
                .iter()
                .filter(|x| x.fixed_day.is_some())
                .cloned()
                .collect();
            for (k, x) in s.iter().enumerate() {
                if let Some(day) = x.fixed_day {
                    layout[day].strength = Some(k);
                }
            }
            let broken = base.broken_rule(&layout).unwrap_or("a recovery rule");
            gave_way.push(format!(
                "fixed sessions: kept where you put them, though they break the rule: {broken}"
            ));
            counts = RunCounts {
                long: 0,
                hard: 0,
                easy: 0,
            };
            (layout, s)
        }
    };
    let _ = counts;

    // Distances, in day order, under the run-spike cap.
    let ratio = settings.thresholds.run_spike_ratio;
    // The long run its usual size, a hard run the athlete's usual hard run (never above the
    // long run), the easy runs share what is left. A run left below the shortest worth doing
    // is left out (the week's distance is used up).
    let mut layout = layout;
    let mut left_out: Vec<RunType> = Vec::new();
    let (long_target, hard_target, easy_target) = loop {
        let count = |t: RunType| layout.iter().filter(|s| s.run == Some(t)).count() as f64;
        let (long_n, hard_n, easy_n) = (count(RunType::Long), count(RunType::Hard), count(RunType::Easy));
        let long_target = if long_n > 0.0 {
            (usual_long_run_m * factor).min(distance_left)
        } else {
            0.0
        };
        let rest = (distance_left - long_target * long_n).max(0.0);
        let even = if hard_n + easy_n > 0.0 {
            rest / (hard_n + easy_n)
        } else {
            0.0
        };
        let mut hard_target = usual_hard_m.map_or(even, |m| m * factor);
        if long_n > 0.0 {
            hard_target = hard_target.min(long_target);
        }
        if hard_n > 0.0 {
            hard_target = hard_target.min(rest / hard_n);
        }
        let easy_target = if easy_n > 0.0 {
            ((rest - hard_target * hard_n) / easy_n).max(0.0)
        } else {
            0.0
        };
        let too_short = |m: f64| {
            pace_s_per_m.is_some_and(|pace| m < MIN_RUN_M && m * pace / 60.0 < f64::from(MIN_RUN_MINUTES))
        };
        let drop = [
            (RunType::Easy, easy_target),
            (RunType::Hard, hard_target),
            (RunType::Long, long_target),
        ]
        .into_iter()
        .filter(|&(_, m)| too_short(m))
        .find_map(|(t, _)| {
            (0..layout.len())
                .rev()
                .find(|&i| layout[i].run == Some(t) && fixed_runs[i].is_none())
                .map(|i| (t, i))
        });
        match drop {
            Some((t, i)) => {
                layout[i].run = None;
                left_out.push(t);
            }
            None => break (long_target, hard_target, easy_target),
        }
    };
    if !left_out.is_empty() {
        let names: Vec<&str> = left_out.iter().map(|t| t.name()).collect();
        notes.push(format!(
            "{} left out ({}): the week's distance ({} a week{}) leaves less than {} or {MIN_RUN_MINUTES} minutes for {}",
            plural(left_out.len() as u32, "run", "runs"),
            names.join(", "),
            km(distance_per_week_m * factor),
            if done_distance > 0.0 { format!(", {} of it done", km(done_distance)) } else { String::new() },
            km(MIN_RUN_M),
            if left_out.len() == 1 { "it" } else { "each" }
        ));
    }
    let mut planned_run_m: Vec<(Date, f64)> = Vec::new();
    let mut days = Vec::new();
    let mut streak = prev_streak;
    let mut rest_said = false;
    let longest_30_days_m = records
        .range(add_days(dates[0], -29)..dates[0])
        .map(|(_, r)| r.longest_run_m)
        .fold(0.0, f64::max);
    for (i, slot) in layout.iter().enumerate() {
        let date = dates[i];
        let mut sessions = Vec::new();
        let run_first = slot.run;
        if let Some(run) = run_first {
            let window_start = add_days(date, -29);
            let history_max = records
                .range(window_start..date)
                .map(|(_, r)| r.longest_run_m)
                .fold(0.0, f64::max);
            let reference = planned_run_m
                .iter()
                .filter(|(d, _)| *d >= window_start)
                .map(|(_, m)| *m)
                .fold(history_max, f64::max);
            let target = match run {
                RunType::Long => long_target,
                RunType::Hard => hard_target,
                RunType::Easy => easy_target,
            };
            let cap = (reference > 0.0).then(|| floor_100(ratio * reference));
            let distance = pace_s_per_m.map(|_| match cap {
                Some(cap) => floor_100(target).min(cap),
                None => floor_100(target),
            });
            let mut distance = distance;
            let mut minutes = match (distance, pace_s_per_m) {
                (Some(d), Some(pace)) => (d * pace / 60.0).round() as u32,
                _ => (total_time / f64::from(total_runs.max(1)) / 60.0 * factor).round() as u32,
            };
            // An easy run as long as a long run would count as one (and rule out heavy legs
            // the day before it): it stays under `runs.long_run_minutes`.
            let max_easy = (settings.runs.long_run_minutes.ceil() as u32).saturating_sub(1);
            let kept_short = run == RunType::Easy && minutes > max_easy;
            if kept_short {
                match (distance, pace_s_per_m) {
                    (Some(_), Some(pace)) => {
                        let d = floor_100(f64::from(max_easy) * 60.0 / pace);
                        distance = Some(d);
                        minutes = (d * pace / 60.0).round() as u32;
                    }
                    _ => minutes = max_easy,
                }
            }
            if let Some(d) = distance {
                planned_run_m.push((date, d));
            }
            let fixed = fixed_runs[i].is_some();
            let mut reason = run_reason(
                run,
                fixed,
                runs_per_week,
                distance_per_week_m,
                hard_per_week,
                usual_long_run_m,
                &span,
            );
            if run == RunType::Hard
                && let Some(m) = usual_hard_m
            {
                reason.push_str(&format!("; the size of your usual hard run ({})", km(m)));
            }
            if let Some(l) = &lighter {
                reason.push_str(&format!("; lighter week ({})", l.reason));
            }
            if let (Some(cap), Some(d)) = (cap, distance)
                && d >= cap
                && floor_100(target) > cap
            {
                reason.push_str(&format!(
                    "; capped at {:.0} % of the longest run of the 30 days before ({}), the run-spike limit",
                    ratio * 100.0,
                    km(reference)
                ));
            }
            if kept_short {
                reason.push_str(&format!(
                    "; kept under {:.0} minutes so that it stays an easy run",
                    settings.runs.long_run_minutes
                ));
            }
            if run == RunType::Long && prefs.long_run_day == Some(date.weekday()) {
                reason.push_str(&format!(
                    "; on {}, your long-run day",
                    weekday_name(date.weekday())
                ));
            }
            if cap.is_none() && distance.is_some() {
                reason.push_str("; no run in the 30 days before: this run sets the limit for the next ones");
            }
            sessions.push(Session {
                kind: SessionKind::Run {
                    run,
                    distance_m: distance,
                    minutes,
                },
                reason,
                fixed,
            });
        }
        if let Some(k) = slot.strength {
            let s = &strength[k];
            let total_sets = s.sets.lower_body + s.sets.core + s.sets.upper_body;
            let heavy = s.heavy(settings);
            let mut reason = s.reason.clone();
            reason.push_str(&format!(
                "; {} this week, the goal",
                plural(strength.len() as u32, "strength session", "strength sessions")
            ));
            if run_first.is_some() {
                reason.push_str(if heavy && run_first != Some(RunType::Easy) {
                    "; after the run on the same day (hard days hard: the key run fresh, legs after it)"
                } else {
                    "; after the run on the same day"
                });
            }
            sessions.push(Session {
                kind: SessionKind::Strength {
                    focus: s.focus,
                    sets: s.sets,
                    minutes: (f64::from(total_sets) * settings.estimates.strength_seconds_per_set / 60.0)
                        .round() as u32,
                    heavy_legs: heavy,
                },
                reason,
                fixed: s.fixed_day == Some(i),
            });
        }
        if sessions.is_empty() {
            let reason = if !available[i] {
                format!(
                    "rest: {} is not one of your available days",
                    weekday_name(date.weekday())
                )
            } else if streak > 0 && streak >= limit - 1 {
                format!(
                    "rest: {} in a row before it",
                    plural(streak, "training day", "training days")
                )
            } else if !rest_said {
                "rest: at least one rest day a week, the body adapts while it rests".to_owned()
            } else {
                "rest: the week's sessions fit on the other days, one kind a day where possible".to_owned()
            };
            rest_said = true;
            sessions.push(Session {
                kind: SessionKind::Rest,
                reason,
                fixed: false,
            });
            streak = 0;
        } else {
            streak += 1;
        }
        days.push(PlannedDay { date, sessions });
    }
    let shared = layout
        .iter()
        .filter(|s| s.run.is_some() && s.strength.is_some())
        .count() as u32;
    if shared > 0 {
        gave_way.push(format!(
            "alternation: {} both a run and strength ({} runs and {} strength sessions on {} training days)",
            plural(shared, "day holds", "days hold"),
            layout.iter().filter(|s| s.run.is_some()).count(),
            strength.len(),
            layout
                .iter()
                .filter(|s| s.run.is_some() || s.strength.is_some())
                .count(),
        ));
    }

    Ok(Plan {
        as_of: as_of_day,
        made_at: options.as_of,
        week_start,
        this_week: options.this_week,
        volume: Volume {
            weeks: labels,
            runs_per_week,
            distance_per_week_m,
            usual_long_run_m,
            pace_s_per_km: pace_s_per_m.map(|p| p * 1000.0),
            longest_30_days_m,
            lighter,
            muscle_sets,
        },
        days,
        gave_way,
        notes,
    })
}

fn run_reason(
    run: RunType,
    fixed: bool,
    runs_per_week: f64,
    distance_per_week_m: f64,
    hard_per_week: f64,
    usual_long_run_m: f64,
    span: &str,
) -> String {
    let base = match run {
        RunType::Long => format!(
            "long: your usual longest run of {span} ({})",
            km(usual_long_run_m)
        ),
        RunType::Hard => format!("hard: {hard_per_week:.1} hard runs a week in {span}"),
        RunType::Easy => format!(
            "easy: your volume of {span}, {runs_per_week:.1} runs and {} a week",
            km(distance_per_week_m)
        ),
    };
    if fixed {
        format!("fixed on this day by you; {base}")
    } else {
        base
    }
}
