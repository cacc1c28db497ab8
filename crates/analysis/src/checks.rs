//! The eleven balance checks: each looks at the weekly figures (and some at the days and
//! sessions) and says, with numbers, where training drifted from balance, as of the report's
//! as-of moment.
//!
//! A week in progress (or the partial first week of a history) is not judged as if it were
//! over: checks that need a whole week skip it and trailing averages leave it out. Checks that
//! describe the same week from different angles do not pile up: a lapse (days without
//! strength or running) replaces `strength-missing` in its weeks and explains the drop in
//! distance (`mileage-slip`) there; `strength-missing`, `mileage-slip` and the lapses explain
//! a strength share out of its band (`balance-band`) in their week; and weeks without any
//! data are a `data-gap`, never counted as weeks without strength or running.
//! `docs/balance.md` gives each check's threshold and the reason for it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::figures::{Day, Digest, Kind, WeekFigures, date_from_days, days_since_epoch, week_of};
use crate::settings::{Settings, StackedPolicy};

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
    /// Heavy legs on the day before a long or hard run, or earlier on its day.
    StackedDays,
    /// Running load rose too fast: week on its average, or the acute:chronic ratio.
    LoadSpike,
    /// One run much longer than the longest of the 30 days before it.
    RunSpike,
    /// A week without a rest day, or too many training days in a row.
    NoRest,
    /// Strength share of training time outside the goal band.
    BalanceBand,
    /// A week inside the history without any data.
    DataGap,
}

impl Check {
    /// Every check, in report order.
    pub const ALL: [Check; 11] = [
        Check::StrengthMissing,
        Check::StrengthLapse,
        Check::MileageSlip,
        Check::RunLapse,
        Check::MuscleGap,
        Check::StackedDays,
        Check::LoadSpike,
        Check::RunSpike,
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
            Check::RunSpike => "run-spike",
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
    /// Every week of the history up to the as-of week, oldest first, without gaps.
    pub weeks: &'a [WeekFigures],
    /// Every day of the history, from `first_day` to the as-of day.
    pub days: &'a [Day],
    pub first_day: i32,
    /// The sessions, sorted by start.
    pub sessions: &'a [Digest],
    pub settings: &'a Settings,
    /// Whole days after the last one of the history that are over by the as-of moment: the
    /// as-of day itself when the moment is at its end, else none (it is still going on).
    pub as_of_day_over: bool,
}

impl Inputs<'_> {
    fn as_of_day(&self) -> i32 {
        self.first_day + self.days.len() as i32 - 1
    }

    fn week_index(&self, day: i32) -> usize {
        ((week_of(day) - week_of(self.first_day)) / 7) as usize
    }
}

/// Runs every enabled check over the whole history; the warnings come in week order, and in
/// [`Check::ALL`] order within a week.
pub(crate) fn run(inputs: &Inputs) -> Vec<Warning> {
    let settings = inputs.settings;
    let weeks = inputs.weeks;
    let enabled = |check| settings.is_enabled(check);
    let strength_lapses = lapses(inputs, Kind::Strength);
    let run_lapses = lapses(inputs, Kind::Run);
    // Weeks without the activity that lie in one of its lapses, and the week a lapse is said
    // in (the one it ended in, too): the lapse speaks for them.
    let covered = |lapses: &[Lapse], i: usize, has: bool| {
        lapses.iter().any(|l| {
            let monday = days_since_epoch(weeks[i].week_start);
            let overlaps = l.first_without <= monday + 6 && l.last_without >= monday;
            (overlaps && !has) || l.report_week == i
        })
    };
    let stacked = stacked_pairs(inputs.sessions, settings);
    let run_spikes = run_spikes(inputs);
    let streaks = training_streaks(inputs.days, inputs.first_day);

    let mut found: Vec<Warning> = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        let in_strength_lapse =
            enabled(Check::StrengthLapse) && covered(&strength_lapses, i, week.strength_sessions > 0);
        let in_run_lapse = enabled(Check::RunLapse) && covered(&run_lapses, i, week.runs > 0);
        let mut missing_fired = false;
        if enabled(Check::StrengthMissing)
            && !in_strength_lapse
            && let Some(w) = strength_missing(week, settings)
        {
            missing_fired = true;
            found.push(w);
        }
        if enabled(Check::StrengthLapse) {
            for lapse in strength_lapses.iter().filter(|l| l.report_week == i) {
                found.push(lapse_warning(Check::StrengthLapse, week, lapse, settings));
            }
        }
        let mut slip_fired = false;
        if enabled(Check::MileageSlip)
            && !in_run_lapse
            && let Some(w) = mileage_slip(weeks, i, settings)
        {
            slip_fired = true;
            found.push(w);
        }
        if enabled(Check::RunLapse) {
            for lapse in run_lapses.iter().filter(|l| l.report_week == i) {
                found.push(lapse_warning(Check::RunLapse, week, lapse, settings));
            }
        }
        // Weeks of a strength lapse lack every group: the lapse says so already.
        if enabled(Check::MuscleGap)
            && !in_strength_lapse
            && let Some(w) = muscle_gap(weeks, i, settings)
        {
            found.push(w);
        }
        if enabled(Check::StackedDays)
            && let Some(pairs) = stacked.get(&days_since_epoch(week.week_start))
            && let Some(w) = stacked_days(week, pairs, settings.thresholds.stacked_policy)
        {
            found.push(w);
        }
        if enabled(Check::LoadSpike)
            && let Some(w) = load_spike(weeks, i, settings)
        {
            found.push(w);
        }
        if enabled(Check::RunSpike)
            && let Some(spikes) = run_spikes.get(&days_since_epoch(week.week_start))
        {
            found.push(run_spike(week, spikes, settings));
        }
        if enabled(Check::NoRest)
            && let Some(w) = no_rest(&streaks, week, settings)
        {
            found.push(w);
        }
        // A share out of band in these weeks is their consequence, already said.
        let explained = missing_fired || slip_fired || in_strength_lapse || in_run_lapse;
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

/// The advice of a check that a race taper explains.
const TAPER_ADVICE: &str = "A taper before a race is the time to cut back; pick strength and \
                            volume up again in the week after the race.";

/// Turns a warning about a week of a race taper into information: cutting back is the plan.
fn in_taper(mut warning: Warning, week: &WeekFigures) -> Warning {
    if week.taper {
        warning.severity = Severity::Info;
        warning.finding.push_str(" This is a race taper.");
        warning.advice = TAPER_ADVICE;
    }
    warning
}

fn strength_missing(week: &WeekFigures, settings: &Settings) -> Option<Warning> {
    let goal = settings.goals.strength_sessions_per_week;
    if !week.is_complete() || week.runs == 0 || week.strength_sessions >= goal {
        return None;
    }
    let warning = Warning {
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
    };
    Some(in_taper(warning, week))
}

/// A stretch of days without strength (or running) after a day with it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Lapse {
    /// The day of the last session before the lapse.
    last_with: i32,
    /// The first and last day without (the last is the as-of day while it goes on).
    first_without: i32,
    last_without: i32,
    /// Whole days without, over by the as-of moment.
    days_without: u32,
    /// Whether it still goes on at the as-of moment.
    ongoing: bool,
    /// While it goes on: whether nothing at all was recorded since its last session.
    silent: bool,
    /// The week it is reported in: its last week.
    report_week: usize,
}

/// Every lapse of `kind`: at least `lapse_weeks` x 7 whole days without it after a day with
/// it. Days in weeks of the past without any data at all are not counted: the athlete may have
/// trained and not recorded it (`data-gap` says so). Silence up to the as-of moment is counted,
/// since the athlete may simply have stopped; the finding says that nothing was recorded.
fn lapses(inputs: &Inputs, kind: Kind) -> Vec<Lapse> {
    let min_days = inputs.settings.thresholds.lapse_weeks * 7;
    let mut days: Vec<i32> = inputs
        .sessions
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.day)
        .collect();
    days.sort_unstable();
    days.dedup();
    let as_of_day = inputs.as_of_day();
    let last_activity = inputs.sessions.iter().map(|d| d.day).max().unwrap_or(as_of_day);
    // Days not counted: past weeks without any data (the athlete may have trained), and a
    // race taper (cutting back is the plan).
    let not_counted = |day: i32| {
        let week = &inputs.weeks[inputs.week_index(day)];
        (day < last_activity && week.is_complete() && !week.has_data()) || week.taper
    };
    let mut found = Vec::new();
    for (k, &last_with) in days.iter().enumerate() {
        let (last_without, ongoing) = match days.get(k + 1) {
            Some(&next) => (next - 1, false),
            None => (as_of_day, true),
        };
        // A day still going on at the as-of moment is not over yet: not a day without.
        let counted_to = if ongoing && !inputs.as_of_day_over {
            last_without - 1
        } else {
            last_without
        };
        let days_without = (last_with + 1..=counted_to)
            .filter(|&day| !not_counted(day))
            .count() as u32;
        if days_without < min_days {
            continue;
        }
        let silent = ongoing && last_activity == last_with;
        found.push(Lapse {
            last_with,
            first_without: last_with + 1,
            last_without,
            days_without,
            ongoing,
            silent,
            report_week: inputs.week_index(last_without),
        });
    }
    found
}

fn lapse_warning(check: Check, week: &WeekFigures, lapse: &Lapse, settings: &Settings) -> Warning {
    let alert_days = settings.thresholds.lapse_alert_weeks * 7;
    let (what, severity, advice) = match check {
        Check::StrengthLapse => (
            "strength training",
            if !lapse.ongoing {
                // Over: the athlete did what the advice asks; worth knowing, not acting on.
                Severity::Info
            } else if lapse.days_without >= alert_days {
                Severity::Alert
            } else {
                Severity::Warning
            },
            "Restart with one easy full-body session this week; one session a week keeps most of the strength you have.",
        ),
        _ => (
            "running",
            if lapse.ongoing {
                Severity::Warning
            } else {
                Severity::Info
            },
            "Come back with short, easy runs; tendons lose their conditioning for impact faster than muscles lose fitness.",
        ),
    };
    let last = date_from_days(lapse.last_with);
    let mut finding = if lapse.ongoing {
        format!(
            "{}: {} days without {what} so far; the last session was on {last}.",
            week.label(),
            lapse.days_without,
        )
    } else {
        format!(
            "{}: {} days without {what}, from {} to {}; it ended on {}.",
            week.label(),
            lapse.days_without,
            date_from_days(lapse.first_without),
            date_from_days(lapse.last_without),
            date_from_days(lapse.last_without + 1),
        )
    };
    if lapse.silent {
        let _ = write!(
            finding,
            " Nothing at all has been recorded since {last}: if you trained, an export is missing."
        );
    }
    let warning = Warning {
        check,
        severity,
        week_start: week.week_start,
        finding,
        advice,
        evidence: evidence(&[
            ("days_without", f64::from(lapse.days_without)),
            ("ongoing", f64::from(u8::from(lapse.ongoing))),
            ("no_data_since_last", f64::from(u8::from(lapse.silent))),
        ]),
    };
    in_taper(warning, week)
}

/// The complete weeks with data among the `n` before week `i`, when all `n` lie inside the
/// history and at least half of them are complete weeks with data: a trailing average over
/// mostly unknown or unfinished weeks means little.
fn trailing(weeks: &[WeekFigures], i: usize, n: usize) -> Option<Vec<&WeekFigures>> {
    if i < n {
        return None;
    }
    let with_data: Vec<&WeekFigures> = weeks[i - n..i]
        .iter()
        .filter(|w| w.is_complete() && w.has_data())
        .collect();
    (with_data.len() * 2 >= n && !with_data.is_empty()).then_some(with_data)
}

fn mileage_slip(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let t = &settings.thresholds;
    let week = &weeks[i];
    if !week.is_complete() || !week.has_data() || week.strength_time_s <= 0.0 {
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
    let warning = Warning {
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
    };
    Some(in_taper(warning, week))
}

fn muscle_gap(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let n = settings.thresholds.muscle_gap_weeks as usize;
    let min = settings.thresholds.muscle_gap_min_sets;
    if i + 1 < n {
        return None;
    }
    let window = &weeks[i + 1 - n..=i];
    if !window.iter().all(WeekFigures::is_complete) {
        return None;
    }
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
    let short: Vec<String> = runlift_model::MuscleGroup::ALL
        .into_iter()
        .filter(|&g| sets.get(g) < min)
        .map(|g| format!("{} {}", group_words(g), sets.get(g)))
        .collect();
    if short.is_empty() {
        return None;
    }
    let mut finding = format!(
        "{}: in the last {n} weeks, {} in all, but only {} (a group needs at least {min} in {n} weeks)",
        weeks[i].label(),
        plural(working_sets, "working set", "working sets"),
        short.join(" and "),
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
        advice: "Add two or three sets for the short group to a session you already do, each week.",
        evidence: evidence(&[
            ("lower_body_sets", f64::from(sets.lower_body)),
            ("core_sets", f64::from(sets.core)),
            ("upper_body_sets", f64::from(sets.upper_body)),
            ("unclassified_sets", f64::from(unclassified)),
            ("min_sets", f64::from(min)),
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

/// How a heavy-legs session stands to a long or hard run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// On the calendar day before the run.
    DayBefore,
    /// On the run's day, before it.
    SameDayBefore,
    /// On the run's day, after it.
    SameDayAfter,
    /// On the run's day, but one of the two recorded only its date: which came first is
    /// unknown.
    SameDayUnknownOrder,
    /// On the calendar day after the run.
    DayAfter,
}

impl Placement {
    fn words(self) -> &'static str {
        match self {
            Placement::DayBefore => "on the day before",
            Placement::SameDayBefore => "earlier on the day of",
            Placement::SameDayAfter => "after, on the day of",
            Placement::SameDayUnknownOrder => "on the day of (which came first is not recorded)",
            Placement::DayAfter => "on the day after",
        }
    }
}

/// A heavy-legs session stacked on a long or hard run, under the configured policy.
#[derive(Debug, Clone, Copy)]
struct Stacked<'a> {
    legs: &'a Digest,
    run: &'a Digest,
    placement: Placement,
    /// Whether the order is known (a warning) or not (information only).
    certain: bool,
}

/// Every heavy-legs session stacked on a long or hard run, on calendar days, grouped by the
/// Monday of the run's week.
fn stacked_pairs<'a>(sessions: &'a [Digest], settings: &Settings) -> BTreeMap<i32, Vec<Stacked<'a>>> {
    let policy = settings.thresholds.stacked_policy;
    let legs: Vec<&Digest> = sessions.iter().filter(|d| d.heavy_legs(settings)).collect();
    let mut pairs: BTreeMap<i32, Vec<Stacked>> = BTreeMap::new();
    for run in sessions
        .iter()
        .filter(|d| d.kind == Kind::Run && (d.hard || d.long))
    {
        for &l in legs.iter().filter(|l| (l.day - run.day).abs() <= 1) {
            let order_known = l.start_time_known && run.start_time_known;
            let placement = match l.day - run.day {
                -1 => Placement::DayBefore,
                1 => Placement::DayAfter,
                _ if !order_known => Placement::SameDayUnknownOrder,
                _ if l.start_s < run.start_s => Placement::SameDayBefore,
                _ => Placement::SameDayAfter,
            };
            let stacked = match policy {
                StackedPolicy::HardDaysHard => matches!(
                    placement,
                    Placement::DayBefore | Placement::SameDayBefore | Placement::SameDayUnknownOrder
                ),
                StackedPolicy::TwoDaysApart => true,
            };
            if stacked {
                let certain =
                    policy == StackedPolicy::TwoDaysApart || placement != Placement::SameDayUnknownOrder;
                pairs.entry(week_of(run.day)).or_default().push(Stacked {
                    legs: l,
                    run,
                    placement,
                    certain,
                });
            }
        }
    }
    pairs
}

fn stacked_days(week: &WeekFigures, pairs: &[Stacked], policy: StackedPolicy) -> Option<Warning> {
    // The first pair whose order is known leads; only unknown orders make it information.
    let lead = pairs.iter().find(|p| p.certain).or(pairs.first())?;
    let certain = pairs.iter().filter(|p| p.certain).count();
    let run_words = match (lead.run.hard, lead.run.long) {
        (true, true) => "a long, hard run",
        (true, false) => "a hard run",
        _ => "a long run",
    };
    let mut finding = format!(
        "{}: heavy legs ({} lower-body sets) {} {run_words} on {}",
        week.label(),
        lead.legs.muscle_sets.lower_body,
        lead.placement.words(),
        date_from_days(lead.run.day),
    );
    if pairs.len() > 1 {
        let more = pairs.len() - 1;
        let _ = write!(
            finding,
            ", and {more} more {}",
            if more == 1 { "time" } else { "times" }
        );
    }
    let _ = write!(finding, " (policy {}).", policy.name());
    let advice = match policy {
        StackedPolicy::HardDaysHard => {
            "Hard days hard: lift legs after the hard or long run on the same day, not on the day before it, so the easy days stay easy."
        }
        StackedPolicy::TwoDaysApart => {
            "Keep heavy leg work and long or hard runs two days apart, with easy days between them."
        }
    };
    Some(Warning {
        check: Check::StackedDays,
        severity: if certain > 0 {
            Severity::Warning
        } else {
            Severity::Info
        },
        week_start: week.week_start,
        finding,
        advice,
        evidence: evidence(&[
            ("occurrences", pairs.len() as f64),
            ("order_unknown", (pairs.len() - certain) as f64),
            ("lower_body_sets", f64::from(lead.legs.muscle_sets.lower_body)),
        ]),
    })
}

fn load_spike(weeks: &[WeekFigures], i: usize, settings: &Settings) -> Option<Warning> {
    let t = &settings.thresholds;
    let week = &weeks[i];
    if !week.is_complete() || week.run_load <= 0.0 {
        return None;
    }
    let rise = trailing(weeks, i, t.trailing_weeks as usize).and_then(|before| {
        let sum: f64 = before.iter().map(|w| w.run_load).sum();
        let n = before.len() as f64;
        (sum > 0.0).then(|| (week.run_load * n / sum, sum / n))
    });
    // Only a rise over an average is a spike: a drop, a level week, or a week without an
    // average to compare with never is, whatever ratio the days before carried into it.
    let (ratio, _) = rise?;
    if ratio <= 1.0 {
        return None;
    }
    let weekly_spike = ratio > 1.0 + t.weekly_load_rise;
    // The ratio on the week's last day: its 7-day window is exactly this week, so a big week
    // before cannot lend it its load.
    let acwr_spike = week.acwr.is_some_and(|r| r > t.acwr_max);
    if !weekly_spike && !acwr_spike {
        return None;
    }
    let mut finding = format!(
        "{}: running load {:.0} (minutes x effort)",
        week.label(),
        week.run_load
    );
    if let Some((ratio, average)) = rise {
        let _ = write!(
            finding,
            ", {} above the {}-week average of {average:.0}",
            percent(ratio - 1.0),
            t.trailing_weeks,
        );
    }
    if let Some(end) = week.acwr {
        let _ = write!(finding, "; acute:chronic ratio {end:.2} at the week's end");
    }
    finding.push('.');
    let severity = if week.acwr.is_some_and(|r| r >= t.acwr_alert) {
        Severity::Alert
    } else {
        Severity::Warning
    };
    let mut numbers = vec![("run_load", week.run_load)];
    if let Some((ratio, average)) = rise {
        numbers.push(("trailing_run_load", average));
        numbers.push(("load_ratio", ratio));
    }
    if let Some(end) = week.acwr {
        numbers.push(("acwr", end));
    }
    Some(Warning {
        check: Check::LoadSpike,
        severity,
        week_start: week.week_start,
        finding,
        advice: "Build running gradually: add a little each week rather than a lot at once, and hold after a big week.",
        evidence: evidence(&numbers),
    })
}

/// A run longer than the configured share of the longest run of the 30 days before it.
#[derive(Debug, Clone, Copy)]
struct RunSpike<'a> {
    run: &'a Digest,
    longest_before_m: f64,
    ratio: f64,
}

/// Every run spike, grouped by the Monday of the run's week. A run is judged only with 30
/// days of history before it and some run with a distance in them.
fn run_spikes<'a>(inputs: &Inputs<'a>) -> BTreeMap<i32, Vec<RunSpike<'a>>> {
    const WINDOW_S: i64 = 30 * 86_400;
    let ratio_limit = inputs.settings.thresholds.run_spike_ratio;
    let runs: Vec<&Digest> = inputs
        .sessions
        .iter()
        .filter(|d| d.kind == Kind::Run && d.distance_m > 0.0)
        .collect();
    let mut spikes: BTreeMap<i32, Vec<RunSpike>> = BTreeMap::new();
    for (k, run) in runs.iter().enumerate() {
        if run.day - 30 < inputs.first_day {
            continue;
        }
        // A missing export would understate the longest run: no judgement across silence.
        let silent_before = (run.day - 30..run.day).any(|day| {
            let week = &inputs.weeks[inputs.week_index(day)];
            week.is_complete() && !week.has_data()
        });
        if silent_before {
            continue;
        }
        let from = runs[..k].partition_point(|r| r.start_s < run.start_s - WINDOW_S);
        let longest = runs[from..k]
            .iter()
            .filter(|r| r.start_s < run.start_s)
            .map(|r| r.distance_m)
            .fold(0.0, f64::max);
        // The ratio as one division of the two distances, so that a run exactly 110 % as
        // long is exactly at the limit (13.2 km / 12 km is 1.1; 1.1 x 12 km is not 13.2 km).
        if longest > 0.0 && run.distance_m / longest > ratio_limit {
            spikes.entry(week_of(run.day)).or_default().push(RunSpike {
                run,
                longest_before_m: longest,
                ratio: run.distance_m / longest,
            });
        }
    }
    spikes
}

fn run_spike(week: &WeekFigures, spikes: &[RunSpike], settings: &Settings) -> Warning {
    let t = &settings.thresholds;
    // A spike that was not a race leads: a race alone makes the finding information.
    let worst = spikes
        .iter()
        .copied()
        .max_by(|a, b| {
            (!a.run.race, a.ratio)
                .partial_cmp(&(!b.run.race, b.ratio))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .expect("a week with run spikes has one");
    let mut finding = format!(
        "{}: a run of {} on {}, {} longer than the longest run of the 30 days before ({})",
        week.label(),
        km(worst.run.distance_m),
        date_from_days(worst.run.day),
        percent(worst.ratio - 1.0),
        km(worst.longest_before_m),
    );
    if spikes.len() > 1 {
        let more = spikes.len() - 1;
        let _ = write!(
            finding,
            ", and {more} more {}",
            if more == 1 { "such run" } else { "such runs" }
        );
    }
    // A race is meant to be the longest run; what matters is the build-up, said before it.
    let race = worst.run.race;
    if race {
        finding.push_str(" It was a race");
    }
    finding.push('.');
    Warning {
        check: Check::RunSpike,
        severity: if race {
            Severity::Info
        } else if worst.ratio > t.run_spike_alert_ratio {
            Severity::Alert
        } else {
            Severity::Warning
        },
        week_start: week.week_start,
        finding,
        advice: "Lengthen runs step by step: keep each run within about a tenth of the longest of the last month.",
        evidence: evidence(&[
            ("run_distance_m", worst.run.distance_m),
            ("longest_30_days_m", worst.longest_before_m),
            ("ratio", worst.ratio),
            ("occurrences", spikes.len() as f64),
        ]),
    }
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
    let full_week_without_rest = week.is_complete() && week.days == 7 && week.rest_days == 0;
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
    if !week.is_complete() {
        return None;
    }
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

/// A stretch of complete weeks without any data between weeks with data, said once, in its
/// last week. Silence at the end of the history is not a gap: the report says where the data
/// ends, and the lapses say what it means for training.
fn data_gap(weeks: &[WeekFigures], i: usize) -> Option<Warning> {
    let silent = |w: &WeekFigures| !w.has_data() && w.is_complete();
    if !silent(&weeks[i]) {
        return None;
    }
    // Said in the gap's last week, and only when data follows it.
    let next = weeks.get(i + 1)?;
    if silent(next) || !next.has_data() {
        return None;
    }
    let length = weeks[..=i].iter().rev().take_while(|w| silent(w)).count();
    let first = &weeks[i + 1 - length];
    let span = if length == 1 {
        weeks[i].label()
    } else {
        format!("{} to {}", first.label(), weeks[i].label())
    };
    Some(Warning {
        check: Check::DataGap,
        severity: Severity::Info,
        week_start: weeks[i].week_start,
        finding: format!(
            "{span}: no activity recorded at all ({}).",
            plural(length as u32, "week", "weeks")
        ),
        advice: "If you trained, an export is missing or the watch was off: add the files, so that silence is not read as rest.",
        evidence: evidence(&[
            ("gap_weeks", length as f64),
            (
                "first_week_start_day",
                f64::from(days_since_epoch(first.week_start)),
            ),
        ]),
    })
}
