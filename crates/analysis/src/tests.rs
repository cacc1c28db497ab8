//! Scenarios built from model values whose truth is known by construction: a balanced athlete
//! that triggers no check, one scenario per check that triggers it and nothing else, and the
//! boundaries of every threshold.

use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::Date;
use runlift_model::{
    Activity, MuscleGroup, RunKind, SetKind, SourceFormat, SourceRef, Sport, StrengthSet, Timestamp,
    WorkoutType,
};

use super::*;

/// No warning at all.
const NONE: [(&str, i64); 0] = [];

/// The Monday of week `n` of the scenarios; week 0 is 2026-W02.
fn monday(n: i64) -> Date {
    Date::constant(2026, 1, 5).checked_add((7 * n).days()).unwrap()
}

fn at(day: Date, hour: i8, minute: i8) -> Timestamp {
    TimeZone::UTC.to_timestamp(day.at(hour, minute, 0, 0)).unwrap()
}

#[derive(Default)]
struct Athlete(Vec<Activity>);

impl Athlete {
    fn add(&mut self, sport: Sport, start: Timestamp, minutes: f64) -> &mut Activity {
        let format = match sport {
            Sport::StrengthTraining => SourceFormat::StrongCsv,
            _ => SourceFormat::Gpx,
        };
        let activity = Activity::new(
            sport,
            start,
            Duration::from_secs_f64(minutes * 60.0),
            SourceRef::file("scenario", format),
        );
        self.0.push(activity);
        self.0.last_mut().unwrap()
    }

    fn run(&mut self, day: Date, hour: i8, minutes: f64, km: f64) -> &mut Activity {
        let run = self.add(Sport::Running(RunKind::Road), at(day, hour, 0), minutes);
        run.distance_m = Some(km * 1000.0);
        run
    }

    /// A strength session: `count` working sets of 5 reps at 60 kg for each exercise.
    fn lift(&mut self, day: Date, hour: i8, minutes: f64, exercises: &[(&str, u32)]) -> &mut Activity {
        let session = self.add(Sport::StrengthTraining, at(day, hour, 0), minutes);
        for &(name, count) in exercises {
            for _ in 0..count {
                let mut set = StrengthSet::new(name);
                set.reps = Some(5);
                set.weight_kg = Some(60.0);
                session.sets.push(set);
            }
        }
        session
    }

    /// A week in balance: runs on Tue, Thu and Sun (40, 40, 60 min; 8, 8, 12 km), strength
    /// on Wed and Sat (40 min each, every muscle group, 7 lower-body sets in all), rest on
    /// Mon and Fri. Load 700 + 480 = 1180; strength share 80 / 220 min.
    fn balanced_week(&mut self, n: i64) {
        let m = monday(n);
        let day = |d: i64| m.checked_add(d.days()).unwrap();
        self.run(day(1), 7, 40.0, 8.0);
        self.lift(
            day(2),
            18,
            40.0,
            &[("Squat (Barbell)", 4), ("Plank", 3), ("Bench Press", 4)],
        );
        self.run(day(3), 7, 40.0, 8.0);
        self.lift(
            day(5),
            18,
            40.0,
            &[("Romanian Deadlift", 3), ("Pull Up", 4), ("Hanging Leg Raise", 3)],
        );
        self.run(day(6), 8, 60.0, 12.0);
    }

    fn balanced_weeks(&mut self, weeks: std::ops::Range<i64>) {
        for n in weeks {
            self.balanced_week(n);
        }
    }

    /// The report with `options`; an as-of moment left at the epoch (see [`options`]) becomes
    /// the end of the week of the last activity, so that every week is over.
    fn report_with(&self, options: &AnalysisOptions) -> BalanceReport {
        let mut options = options.clone();
        if options.as_of == Timestamp::UNIX_EPOCH {
            options.as_of = self.end_of_last_week(&options.time_zone);
        }
        analyse(&self.0, &options).unwrap()
    }

    /// The midnight after the Sunday of the last activity's week.
    fn end_of_last_week(&self, zone: &TimeZone) -> Timestamp {
        let Some(last) = self.0.iter().map(|a| local_date(a, zone)).max() else {
            return Timestamp::now();
        };
        let sunday = date_from_days(figures::week_of(days_since_epoch(last)) + 6);
        end_of_day(sunday, zone)
    }

    fn report(&self) -> BalanceReport {
        self.report_with(&options())
    }

    /// (check id, week number) of every warning.
    fn flagged_with(&self, options: &AnalysisOptions) -> Vec<(&'static str, i64)> {
        self.report_with(options)
            .warnings
            .iter()
            .map(|w| (w.id(), (w.week_start - monday(0)).get_days() as i64 / 7))
            .collect()
    }

    fn flagged(&self) -> Vec<(&'static str, i64)> {
        self.flagged_with(&options())
    }

    fn flagged_ids(&self, options: &AnalysisOptions) -> Vec<&'static str> {
        self.flagged_with(options).into_iter().map(|(id, _)| id).collect()
    }
}

fn day_of(n: i64, weekday: i64) -> Date {
    monday(n).checked_add(weekday.days()).unwrap()
}

fn warning(report: &BalanceReport, check: Check) -> &Warning {
    report
        .warnings
        .iter()
        .find(|w| w.check == check)
        .unwrap_or_else(|| panic!("no {} in {:#?}", check.id(), report.warnings))
}

fn evidence(warning: &Warning, name: &str) -> f64 {
    warning
        .evidence
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no evidence {name} in {warning:#?}"))
        .value
}

/// The default options, as of the end of the last activity's week (see `report_with`).
fn options() -> AnalysisOptions {
    AnalysisOptions {
        as_of: Timestamp::UNIX_EPOCH,
        ..AnalysisOptions::default()
    }
}

/// The default options as of `moment` (UTC, the scenarios' zone).
fn as_of(day: Date, hour: i8, minute: i8) -> AnalysisOptions {
    AnalysisOptions {
        as_of: at(day, hour, minute),
        ..AnalysisOptions::default()
    }
}

/// The default options with every check but `check` disabled.
fn only(check: Check) -> AnalysisOptions {
    with_settings(|s| {
        s.warnings.disabled = Check::ALL
            .iter()
            .filter(|&&c| c != check)
            .map(|c| c.id().to_owned())
            .collect()
    })
}

fn with_settings(edit: impl FnOnce(&mut Settings)) -> AnalysisOptions {
    let mut options = options();
    edit(&mut options.settings);
    options
}

// ---------------------------------------------------------------------------------------------
// Weekly figures.

#[test]
fn a_balanced_week_has_its_exact_figures() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    let report = athlete.report();
    assert_eq!(report.weeks.len(), 5);
    let w = &report.weeks[4];
    assert_eq!(w.label(), "2026-W06");
    assert_eq!((w.runs, w.run_distance_m, w.run_time_s), (3, 28000.0, 8400.0));
    assert_eq!((w.longest_run_m, w.longest_run_s), (12000.0, 3600.0));
    assert_eq!((w.hard_runs, w.long_runs), (0, 0));
    assert_eq!((w.strength_sessions, w.strength_time_s), (2, 4800.0));
    assert_eq!((w.working_sets, w.reps, w.volume_kg), (21, 105, 6300.0));
    assert_eq!(
        w.muscle_sets,
        MuscleSets {
            lower_body: 7,
            core: 6,
            upper_body: 8
        }
    );
    assert_eq!((w.unclassified_sets, w.unclassified_exercises.len()), (0, 0));
    assert_eq!((w.load, w.run_load, w.strength_load), (1180.0, 700.0, 480.0));
    assert_eq!((w.days, w.rest_days), (7, 2));
    assert_eq!(w.status, WeekStatus::Complete);
    // Every figure was recorded; only the efforts are the profile's defaults.
    assert_eq!(
        w.quality,
        DataQuality {
            default_effort: 5,
            ..DataQuality::default()
        }
    );
    // Every 7 days carry the same load, so acute and chronic averages agree exactly.
    assert_eq!((w.acwr, w.acwr_max), (Some(1.0), Some(1.0)));
    assert_eq!(w.strength_share(), Some(4800.0 / 13200.0));
    // The history starts on the first Tuesday: week 1 has 6 days in it, and the ratio needs 28.
    assert_eq!((report.weeks[0].days, report.weeks[0].rest_days), (6, 1));
    assert_eq!(report.weeks[0].status, WeekStatus::PartialStart);
    assert_eq!(report.weeks[0].acwr, None);
    assert_eq!(report.weeks[3].acwr, None);
    assert_eq!(report.weeks[4].acwr, Some(1.0));
    assert_eq!(report.history, Some((day_of(0, 1), day_of(4, 6))));
}

#[test]
fn weeks_start_on_monday_and_gaps_are_filled() {
    let mut athlete = Athlete::default();
    athlete.run(Date::constant(2026, 1, 4), 8, 30.0, 5.0); // Sunday: week of Mon 2025-12-29
    athlete.run(Date::constant(2026, 1, 5), 8, 40.0, 8.0); // Monday: new week
    athlete.lift(Date::constant(2026, 1, 22), 18, 45.0, &[("Squat", 12)]);
    let report = athlete.report();
    let starts: Vec<String> = report.weeks.iter().map(|w| w.week_start.to_string()).collect();
    assert_eq!(starts, ["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]);
    assert_eq!(report.weeks[0].label(), "2026-W01");
    assert_eq!(report.weeks[1].run_distance_m, 8000.0);
    assert!(!report.weeks[2].has_data());
    assert_eq!(report.weeks[2].days, 7);
    assert_eq!(report.weeks[3].strength_sessions, 1);
    assert_eq!(report.weeks[3].working_sets, 12);
    assert_eq!(report.weeks[3].strength_time_s, 2700.0);
    // As of the end of the last week, it is whole.
    assert_eq!(report.weeks[3].days, 7);
    // As of Thursday evening, it is in progress with four days in it.
    let thursday = athlete.report_with(&as_of(Date::constant(2026, 1, 22), 20, 0));
    assert_eq!(thursday.weeks[3].days, 4);
    assert_eq!(thursday.weeks[3].status, WeekStatus::InProgress);
}

#[test]
fn warm_ups_unclassified_exercises_and_multi_group_sets_are_counted_as_such() {
    let mut athlete = Athlete::default();
    let session = athlete.lift(
        day_of(0, 1),
        18,
        30.0,
        &[("Squat", 3), ("Burpees", 2), ("Zercher Walk", 1), ("<script>", 1)],
    );
    session.sets[0].kind = SetKind::WarmUp;
    session.sets[1].weight_kg = None;
    let w = &athlete.report().weeks[0];
    assert_eq!(w.working_sets, 6);
    assert_eq!(w.reps, 30);
    // Six working sets of 5 reps at 60 kg; the one without a weight adds no volume.
    assert_eq!(w.volume_kg, 5.0 * 300.0, "{w:?}");
    assert_eq!(
        w.muscle_sets,
        MuscleSets {
            lower_body: 4,
            core: 2,
            upper_body: 2
        }
    );
    assert_eq!(w.unclassified_sets, 2);
    assert_eq!(w.unclassified_exercises, ["<script>", "Zercher Walk"]);
    assert_eq!(w.muscle_sets.get(MuscleGroup::Core), 2);
}

#[test]
fn hard_runs_are_by_effort_heart_rate_or_the_sources_mark() {
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 7, 30.0, 6.0).perceived_effort = Some(7.0);
    athlete.run(day_of(0, 1), 7, 30.0, 6.0).perceived_effort = Some(6.9);
    athlete.run(day_of(0, 2), 7, 30.0, 6.0).avg_heart_rate = Some(171.0);
    athlete.run(day_of(0, 3), 7, 30.0, 6.0).avg_heart_rate = Some(170.0);
    athlete.run(day_of(0, 4), 7, 30.0, 6.0).workout_type = Some(WorkoutType::Intervals);
    athlete.run(day_of(0, 5), 7, 30.0, 6.0).workout_type = Some(WorkoutType::Race);
    athlete.run(day_of(0, 6), 7, 75.0, 14.0);
    athlete.run(day_of(0, 6), 17, 74.9, 14.0);
    let plain = athlete.report();
    assert_eq!(plain.weeks[0].hard_runs, 3);
    assert_eq!(plain.weeks[0].long_runs, 1);
    let options = with_settings(|s| s.runs.hard_above_heart_rate = Some(170.0));
    assert_eq!(athlete.report_with(&options).weeks[0].hard_runs, 4);
}

#[test]
fn load_is_minutes_times_effort_with_the_profiles_defaults() {
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 7, 30.0, 6.0); // 30 x 5
    athlete.run(day_of(0, 1), 7, 30.0, 6.0).perceived_effort = Some(8.0); // 30 x 8
    athlete.lift(day_of(0, 2), 7, 45.0, &[("Squat", 3)]); // 45 x 6
    athlete.add(Sport::Other("cycling".into()), at(day_of(0, 3), 7, 0), 60.0); // 60 x 4
    let report = athlete.report();
    assert_eq!(report.weeks[0].load, 150.0 + 240.0 + 270.0 + 240.0);
    let options = with_settings(|s| s.effort.other = 2.0);
    assert_eq!(
        athlete.report_with(&options).weeks[0].load,
        150.0 + 240.0 + 270.0 + 120.0
    );
}

#[test]
fn the_athletes_time_zone_moves_a_late_run_to_the_next_day_and_week() {
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: the next ISO week.
    let mut athlete = Athlete::default();
    athlete.0.push(Activity::new(
        Sport::Running(RunKind::Road),
        "2026-01-11T23:30:00Z".parse().unwrap(),
        Duration::from_secs(1800),
        SourceRef::file("x", SourceFormat::Gpx),
    ));
    assert_eq!(athlete.report().weeks[0].week_start, Date::constant(2026, 1, 5));
    let tokyo = AnalysisOptions {
        time_zone: TimeZone::get("Asia/Tokyo").unwrap(),
        as_of: "2026-01-19T00:00:00Z".parse().unwrap(),
        ..options()
    };
    assert_eq!(
        athlete.report_with(&tokyo).weeks[0].week_start,
        Date::constant(2026, 1, 12)
    );
    // A recorded offset wins over the athlete's zone.
    athlete.0[0].utc_offset = Some(jiff::tz::Offset::constant(-5));
    assert_eq!(
        athlete.report_with(&tokyo).weeks[0].week_start,
        Date::constant(2026, 1, 5)
    );
}

#[test]
fn strength_share_is_of_all_training_time() {
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 8, 60.0, 10.0);
    athlete.lift(day_of(0, 1), 18, 30.0, &[("Squat", 3)]);
    athlete.add(Sport::Other("cycling".into()), at(day_of(0, 2), 18, 0), 30.0);
    let report = athlete.report();
    assert_eq!(report.weeks[0].strength_share(), Some(0.25));
    assert_eq!(report.weeks[0].other_sessions, 1);
}

// ---------------------------------------------------------------------------------------------
// The balanced athlete and one scenario per check.

#[test]
fn a_balanced_athlete_triggers_no_check() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..10);
    assert_eq!(athlete.flagged(), NONE);
}

#[test]
fn strength_missing_alone() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..6);
    athlete.balanced_week(6);
    // Week 6 without its Saturday session: 1 of 2, share 40 / 180 min, still in band.
    athlete
        .0
        .retain(|a| !(a.sport == Sport::StrengthTraining && a.start == at(day_of(6, 5), 18, 0)));
    assert_eq!(athlete.flagged(), [("strength-missing", 6)]);
    let report = athlete.report();
    let w = warning(&report, Check::StrengthMissing);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.finding,
        "2026-W08 ran 3 times (28.0 km) but did 1 strength session; the goal is 2."
    );
    assert_eq!(evidence(w, "strength_sessions"), 1.0);
    assert_eq!(evidence(w, "goal_sessions"), 2.0);
}

#[test]
fn strength_missing_follows_the_goal() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..3);
    let goal_3 = with_settings(|s| s.goals.strength_sessions_per_week = 3);
    assert_eq!(
        athlete.flagged_with(&goal_3),
        // Week 0 began on a Tuesday: a partial week, not judged.
        [("strength-missing", 1), ("strength-missing", 2)]
    );
    let goal_2 = with_settings(|s| s.goals.strength_sessions_per_week = 2);
    assert_eq!(athlete.flagged_with(&goal_2), NONE);
}

/// Five balanced weeks and then `weeks` weeks of the same running without strength.
fn strength_lapse(weeks: i64) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    for n in 5..5 + weeks {
        athlete.balanced_week(n);
    }
    athlete
        .0
        .retain(|a| !(a.sport == Sport::StrengthTraining && a.start >= at(monday(5), 0, 0)));
    athlete
}

#[test]
fn strength_lapse_alone_said_once_as_a_warning() {
    // The last session on Saturday of week 4, then 15 whole days without to the end of week 6.
    let athlete = strength_lapse(2);
    assert_eq!(athlete.flagged(), [("strength-lapse", 6)]);
    let report = athlete.report();
    let w = &report.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.finding,
        "2026-W08: 15 days without strength training so far; the last session was on 2026-02-07."
    );
    assert_eq!(evidence(w, "days_without"), 15.0);
    assert_eq!(evidence(w, "ongoing"), 1.0);
    assert_eq!(evidence(w, "no_data_since_last"), 0.0);
}

#[test]
fn strength_lapse_is_an_alert_from_four_weeks() {
    // The end of week 7: 22 days; the end of week 8: 29 days, over four whole weeks.
    assert_eq!(
        warning(&strength_lapse(3).report(), Check::StrengthLapse).severity,
        Severity::Warning
    );
    let athlete = strength_lapse(4);
    let report = athlete.report();
    assert_eq!(warning(&report, Check::StrengthLapse).severity, Severity::Alert);
    // Exactly 28 days: as of the Saturday four weeks after the last session.
    let report = athlete.report_with(&as_of(day_of(8, 6), 0, 0));
    let w = warning(&report, Check::StrengthLapse);
    assert_eq!(evidence(w, "days_without"), 28.0);
    assert_eq!(w.severity, Severity::Alert);
    let report = athlete.report_with(&as_of(day_of(8, 5), 0, 0));
    let w = warning(&report, Check::StrengthLapse);
    assert_eq!(evidence(w, "days_without"), 27.0);
    assert_eq!(w.severity, Severity::Warning);
}

#[test]
fn a_lapse_that_ended_is_said_once_in_its_last_week() {
    // Strength again on Wednesday of week 7: 18 days without, from 2026-02-08 to 2026-02-25.
    let mut athlete = strength_lapse(3);
    athlete.lift(
        day_of(7, 2),
        18,
        40.0,
        &[("Squat", 3), ("Plank", 3), ("Pull Up", 3)],
    );
    athlete.lift(
        day_of(7, 5),
        18,
        40.0,
        &[("Squat", 3), ("Plank", 3), ("Pull Up", 3)],
    );
    assert_eq!(athlete.flagged(), [("strength-lapse", 7)]);
    let report = athlete.report();
    let lapse = warning(&report, Check::StrengthLapse);
    assert_eq!(
        lapse.finding,
        "2026-W09: 17 days without strength training, from 2026-02-08 to 2026-02-24; it ended on 2026-02-25."
    );
    // Over: the athlete did what the advice asked, and nothing is to be acted on.
    assert_eq!(lapse.severity, Severity::Info);
}

#[test]
fn a_lapse_that_ends_with_one_session_raises_no_missing_strength_in_that_week() {
    let mut athlete = strength_lapse(3);
    athlete.lift(
        day_of(7, 2),
        18,
        40.0,
        &[("Squat", 3), ("Plank", 3), ("Pull Up", 3)],
    );
    assert_eq!(athlete.flagged(), [("strength-lapse", 7)]);
}

#[test]
fn a_lapse_starts_at_fourteen_whole_days() {
    // The last session on Saturday of week 4 (2026-02-07); as of the end of 2026-02-20, 13
    // whole days without; a day later, 14.
    let athlete = strength_lapse(2);
    let thirteen = as_of(day_of(6, 5), 0, 0);
    assert!(
        athlete
            .report_with(&thirteen)
            .warnings
            .iter()
            .all(|w| w.check != Check::StrengthLapse)
    );
    let fourteen = as_of(day_of(6, 6), 0, 0);
    let report = athlete.report_with(&fourteen);
    assert_eq!(
        evidence(warning(&report, Check::StrengthLapse), "days_without"),
        14.0
    );
}

#[test]
fn one_week_without_strength_is_missing_strength_not_a_lapse() {
    assert_eq!(strength_lapse(1).flagged(), [("strength-missing", 5)]);
    // With the lapse check off, its weeks are each a week of missing strength again.
    let off = with_settings(|s| s.warnings.disabled = vec!["strength-lapse".into()]);
    assert_eq!(
        strength_lapse(2).flagged_with(&off),
        [("strength-missing", 5), ("strength-missing", 6)]
    );
    let three = with_settings(|s| s.thresholds.lapse_weeks = 3);
    assert_eq!(
        strength_lapse(2).flagged_with(&three),
        [("strength-missing", 5), ("strength-missing", 6)]
    );
}

#[test]
fn an_athlete_who_never_lifted_has_no_lapse_only_missing_strength() {
    let mut athlete = strength_lapse(3);
    athlete.0.retain(|a| a.sport.is_running());
    let ids = athlete.flagged_ids(&options());
    assert!(ids.iter().all(|&id| id == "strength-missing"), "{ids:?}");
    // Eight weeks, the first of them partial (it began on a Tuesday) and so not judged.
    assert_eq!(ids.len(), 7);
}

/// Five balanced weeks, then one whose Sunday run covers `sunday_km` instead of 12 km in the
/// same hour, with strength as usual.
fn slower_sunday(sunday_km: f64) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..6);
    let sunday = at(day_of(5, 6), 8, 0);
    let run = athlete.0.iter_mut().find(|a| a.start == sunday).unwrap();
    run.distance_m = Some(sunday_km * 1000.0);
    athlete
}

#[test]
fn mileage_slip_alone() {
    // 20 km against an average of 28 km: 71 %.
    let athlete = slower_sunday(4.0);
    assert_eq!(athlete.flagged(), [("mileage-slip", 5)]);
    let report = athlete.report();
    let w = warning(&report, Check::MileageSlip);
    assert_eq!(
        w.finding,
        "2026-W07 ran 20.0 km, 71 % of the 4-week average (28.0 km), while strength time held at 1:20 h (average 1:20 h)."
    );
    assert_eq!(evidence(w, "run_ratio"), 20.0 / 28.0);
}

#[test]
fn mileage_slip_boundary_is_75_percent() {
    // 21 km is exactly 75 % of 28 km: not a slip; 20.99 km is.
    assert_eq!(slower_sunday(5.0).flagged(), NONE);
    assert_eq!(slower_sunday(4.99).flagged(), [("mileage-slip", 5)]);
}

#[test]
fn mileage_slip_needs_strength_to_have_held() {
    let mut athlete = slower_sunday(4.0);
    // Saturday's 40 minutes down to 32: strength time 72 of 80 minutes, exactly 90 %: held.
    let saturday = at(day_of(5, 5), 18, 0);
    let lift = athlete.0.iter_mut().find(|a| a.start == saturday).unwrap();
    lift.elapsed = Duration::from_secs(32 * 60);
    assert_eq!(athlete.flagged(), [("mileage-slip", 5)]);
    // Down to 31 minutes: less strength too, so lifting did not take running's place.
    let lift = athlete.0.iter_mut().find(|a| a.start == saturday).unwrap();
    lift.elapsed = Duration::from_secs(31 * 60);
    assert_eq!(athlete.flagged(), NONE);
}

fn run_lapse(weeks: i64) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5 + weeks);
    athlete
        .0
        .retain(|a| !(a.sport.is_running() && a.start >= at(monday(5), 0, 0)));
    athlete
}

#[test]
fn run_lapse_alone() {
    let athlete = run_lapse(2);
    assert_eq!(athlete.flagged(), [("run-lapse", 6)]);
    let report = athlete.report();
    assert_eq!(report.warnings[0].severity, Severity::Warning);
    assert_eq!(
        report.warnings[0].finding,
        "2026-W08: 14 days without running so far; the last session was on 2026-02-08."
    );
}

#[test]
fn one_week_without_running_is_a_slip_not_a_lapse() {
    // Running dropped to nothing while strength held; the 100 % strength share that follows
    // is not said again.
    assert_eq!(run_lapse(1).flagged(), [("mileage-slip", 5)]);
}

/// Four balanced weeks, then `weeks` weeks whose core exercises are upper-body ones instead.
fn without_core(weeks: i64) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..4);
    for n in 4..4 + weeks {
        let m = monday(n);
        let day = |d: i64| m.checked_add(d.days()).unwrap();
        athlete.run(day(1), 7, 40.0, 8.0);
        athlete.lift(
            day(2),
            18,
            40.0,
            &[("Squat (Barbell)", 4), ("Push Up", 3), ("Bench Press", 4)],
        );
        athlete.run(day(3), 7, 40.0, 8.0);
        athlete.lift(
            day(5),
            18,
            40.0,
            &[("Romanian Deadlift", 3), ("Pull Up", 4), ("Dips", 3)],
        );
        athlete.run(day(6), 8, 60.0, 12.0);
    }
    athlete
}

#[test]
fn muscle_gap_alone_after_four_weeks_without_core() {
    // Three weeks without core are not yet a gap: the window still holds a week with core.
    assert_eq!(without_core(3).flagged(), NONE);
    let athlete = without_core(4);
    assert_eq!(athlete.flagged(), [("muscle-gap", 7)]);
    let report = athlete.report();
    let w = warning(&report, Check::MuscleGap);
    assert_eq!(
        w.finding,
        "2026-W09: in the last 4 weeks, 84 working sets in all, but only core 0 (a group needs at least 4 in 4 weeks)."
    );
    assert_eq!(evidence(w, "core_sets"), 0.0);
    assert_eq!(evidence(w, "min_sets"), 4.0);
}

#[test]
fn one_plank_in_four_weeks_does_not_close_a_muscle_gap() {
    let mut athlete = without_core(4);
    athlete.lift(day_of(6, 0), 18, 5.0, &[("Plank", 1)]);
    let report = athlete.report();
    let w = warning(&report, Check::MuscleGap);
    assert!(w.finding.contains("only core 1 "), "{}", w.finding);
    // Three more sets reach the minimum of four: no gap.
    athlete.lift(day_of(7, 0), 18, 5.0, &[("Plank", 3)]);
    assert_eq!(athlete.flagged(), NONE);
    // The minimum is a setting.
    let eight = with_settings(|s| s.thresholds.muscle_gap_min_sets = 8);
    assert_eq!(
        athlete.flagged_with(&eight),
        [("muscle-gap", 6), ("muscle-gap", 7)]
    );
}

#[test]
fn muscle_gap_names_unclassified_sets_that_may_cover_it() {
    let mut athlete = without_core(4);
    athlete.lift(day_of(7, 0), 18, 10.0, &[("Stir the Pot", 2)]);
    let report = athlete.report();
    let w = warning(&report, Check::MuscleGap);
    assert!(
        w.finding
            .ends_with("; 2 sets of unrecognised exercises may cover some of it."),
        "{}",
        w.finding
    );
}

/// Balanced weeks 0 to 5; in week 4 the Saturday session is heavy legs (7 lower-body sets).
fn heavy_saturday() -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..6);
    let saturday = at(day_of(4, 5), 18, 0);
    let lift = athlete.0.iter_mut().find(|a| a.start == saturday).unwrap();
    lift.sets.clear();
    for name in [
        "Squat", "Squat", "Squat", "Squat", "Lunge", "Lunge", "Lunge", "Plank", "Pull Up",
    ] {
        let mut set = StrengthSet::new(name);
        set.reps = Some(5);
        lift.sets.push(set);
    }
    athlete
}

/// Makes the Sunday run of week 4 (08:00) hard.
fn hard_sunday(athlete: &mut Athlete) {
    let sunday = at(day_of(4, 6), 8, 0);
    let run = athlete.0.iter_mut().find(|a| a.start == sunday).unwrap();
    run.perceived_effort = Some(8.0);
}

#[test]
fn stacked_days_alone() {
    let mut athlete = heavy_saturday();
    // Heavy legs alone, before easy runs, are fine.
    assert_eq!(athlete.flagged(), NONE);
    // Sunday's run made hard: heavy legs on the day before it.
    hard_sunday(&mut athlete);
    assert_eq!(athlete.flagged(), [("stacked-days", 4)]);
    let report = athlete.report();
    let w = warning(&report, Check::StackedDays);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.finding,
        "2026-W06: heavy legs (7 lower-body sets) on the day before a hard run on 2026-02-08 (policy hard-days-hard)."
    );
    assert!(
        w.advice.starts_with("Hard days hard: lift legs after"),
        "{}",
        w.advice
    );
}

#[test]
fn stacked_days_goes_by_calendar_days_not_hours() {
    let sunday = at(day_of(4, 6), 8, 0);
    let long_run_starting = |start: Timestamp| {
        let mut athlete = heavy_saturday();
        let saturday = at(day_of(4, 5), 18, 0);
        let legs = athlete.0.iter_mut().find(|a| a.start == saturday).unwrap();
        legs.start = at(day_of(4, 5), 19, 0);
        let run = athlete.0.iter_mut().find(|a| a.start == sunday).unwrap();
        run.start = start;
        // 80 minutes: a long run, 20 minutes longer than usual (load stays in bounds).
        run.elapsed = Duration::from_secs(80 * 60);
        athlete
    };
    // Legs on Saturday at 19:00, the long run on Sunday at 20:00: 25 h, but the day before.
    assert_eq!(
        long_run_starting(at(day_of(4, 6), 20, 0)).flagged(),
        [("stacked-days", 4)]
    );
    // Two days before (Monday of the next week at 07:00, 36 h later) is not stacked.
    let mut athlete = long_run_starting(at(day_of(4, 6), 7, 0));
    let run = athlete
        .0
        .iter_mut()
        .find(|a| a.elapsed == Duration::from_secs(80 * 60))
        .unwrap();
    run.start = at(day_of(5, 0), 7, 0);
    assert_eq!(athlete.flagged_with(&only(Check::StackedDays)), NONE);
}

/// Balanced weeks 0 to 4, then week 5 with a hard run on Tuesday at `run_hour` and heavy legs
/// on Tuesday at `legs_hour`.
fn hard_tuesday(run_hour: i8, legs_hour: i8) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    let heavy = [("Squat", 4), ("Lunge", 3)];
    athlete.run(day_of(5, 1), run_hour, 40.0, 8.0).perceived_effort = Some(7.0);
    athlete.lift(day_of(5, 1), legs_hour, 40.0, &heavy);
    athlete.run(day_of(5, 3), 7, 40.0, 8.0);
    athlete.lift(day_of(5, 4), 18, 40.0, &[("Pull Up", 4), ("Plank", 3)]);
    athlete.run(day_of(5, 6), 8, 60.0, 12.0);
    athlete
}

#[test]
fn heavy_legs_after_a_hard_run_on_its_day_is_what_the_advice_asks() {
    // The morning hard run, heavy legs in the evening: hard days hard, not stacked.
    assert_eq!(hard_tuesday(7, 18).flagged(), NONE);
    // Heavy legs in the morning and the hard run in the evening: stacked.
    let athlete = hard_tuesday(18, 7);
    assert_eq!(athlete.flagged(), [("stacked-days", 5)]);
    assert_eq!(
        warning(&athlete.report(), Check::StackedDays).finding,
        "2026-W07: heavy legs (7 lower-body sets) earlier on the day of a hard run on 2026-02-10 (policy hard-days-hard)."
    );
}

#[test]
fn the_two_days_apart_policy_flags_the_same_day_and_the_day_after_too() {
    let apart = with_settings(|s| s.thresholds.stacked_policy = StackedPolicy::TwoDaysApart);
    let report = hard_tuesday(7, 18).report_with(&apart);
    let w = warning(&report, Check::StackedDays);
    assert_eq!(w.severity, Severity::Warning);
    assert!(w.finding.ends_with("(policy two-days-apart)."), "{}", w.finding);
    assert!(
        w.advice
            .starts_with("Keep heavy leg work and long or hard runs two days apart")
    );
    // Heavy legs the day after a hard run: fine for hard days hard, stacked for two days apart.
    let mut athlete = hard_tuesday(7, 18);
    let legs = athlete
        .0
        .iter_mut()
        .find(|a| a.start == at(day_of(5, 1), 18, 0))
        .unwrap();
    legs.start = at(day_of(5, 2), 18, 0);
    assert_eq!(athlete.flagged(), NONE);
    assert_eq!(athlete.flagged_with(&apart), [("stacked-days", 5)]);
}

#[test]
fn a_source_with_dates_only_cannot_order_a_day_so_it_is_information() {
    let mut athlete = hard_tuesday(7, 18);
    // The legs from FitNotes: 00:00 on the date, time of day unknown.
    let legs = athlete
        .0
        .iter_mut()
        .find(|a| a.start == at(day_of(5, 1), 18, 0))
        .unwrap();
    legs.start = at(day_of(5, 1), 0, 0);
    legs.start_time_known = false;
    assert_eq!(athlete.flagged(), [("stacked-days", 5)]);
    let report = athlete.report();
    let w = warning(&report, Check::StackedDays);
    assert_eq!(w.severity, Severity::Info);
    assert!(
        w.finding.contains("(which came first is not recorded)"),
        "{}",
        w.finding
    );
    assert_eq!(evidence(w, "order_unknown"), 1.0);
}

#[test]
fn load_spike_alone_by_weekly_load() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    // Week 5: Tuesday and Thursday runs of 80 instead of 40 minutes: load 1580, +34 %.
    let m = monday(5);
    let day = |d: i64| m.checked_add(d.days()).unwrap();
    athlete.run(day(1), 7, 80.0, 12.0);
    athlete.lift(
        day(2),
        18,
        40.0,
        &[("Squat (Barbell)", 4), ("Plank", 3), ("Bench Press", 4)],
    );
    athlete.run(day(3), 7, 80.0, 12.0);
    athlete.lift(
        day(5),
        18,
        40.0,
        &[("Romanian Deadlift", 3), ("Pull Up", 4), ("Hanging Leg Raise", 3)],
    );
    athlete.run(day(6), 8, 60.0, 12.0);
    assert_eq!(athlete.flagged(), [("load-spike", 5)]);
    let report = athlete.report();
    let w = warning(&report, Check::LoadSpike);
    assert_eq!(w.severity, Severity::Warning);
    // Running load alone: 220 minutes x 5 against 140 x 5.
    assert_eq!(evidence(w, "run_load"), 1100.0);
    assert_eq!(evidence(w, "trailing_run_load"), 700.0);
    assert_eq!(evidence(w, "load_ratio"), 1100.0 / 700.0);
    assert!(
        w.finding.starts_with(
            "2026-W07: running load 1100 (minutes x effort), 57 % above the 4-week average of 700; acute:chronic ratio 1."
        ),
        "{}",
        w.finding
    );
}

/// Four weeks of one 100-minute run each (load 500), then a week whose run lasts `minutes`.
fn weekly_load_rise(minutes: f64) -> Vec<&'static str> {
    let mut athlete = Athlete::default();
    for n in 0..4 {
        athlete.run(day_of(n, 2), 7, 100.0, 15.0);
    }
    athlete.run(day_of(4, 2), 7, minutes, 15.0);
    let only =
        with_settings(|s| s.warnings.disabled = vec!["strength-missing".into(), "balance-band".into()]);
    athlete.flagged_ids(&only)
}

#[test]
fn load_spike_boundary_is_30_percent_above_the_average() {
    assert_eq!(weekly_load_rise(130.0), Vec::<&str>::new());
    assert_eq!(weekly_load_rise(130.2), ["load-spike"]);
}

/// 28 days of 10-minute runs (load 50), then 7 days of runs of `minutes`; the weekly rise
/// set out of reach, so that only the ratio can fire.
fn acwr_week(minutes: f64) -> BalanceReport {
    let mut athlete = Athlete::default();
    for d in 0..35 {
        let length = if d < 28 { 10.0 } else { minutes };
        athlete.run(day_of(0, d), 7, length, 2.0);
    }
    let only = with_settings(|s| {
        s.thresholds.weekly_load_rise = 10.0;
        s.warnings.disabled = ["strength-missing", "balance-band", "no-rest"]
            .map(String::from)
            .to_vec()
    });
    athlete.report_with(&only)
}

#[test]
fn load_spike_boundary_is_an_acute_chronic_ratio_of_1_5_and_2_is_an_alert() {
    // 18-minute runs: on Sunday, 7 x 90 over (21 x 50 + 7 x 90) / 4 = exactly 1.5.
    let exact = acwr_week(18.0);
    assert_eq!(exact.weeks[4].acwr, Some(1.5));
    assert!(exact.warnings.is_empty(), "{:#?}", exact.warnings);
    let above = acwr_week(18.1);
    assert_eq!(warning(&above, Check::LoadSpike).severity, Severity::Warning);
    // 30-minute runs: 7 x 150 over (21 x 50 + 7 x 150) / 4 = 2.
    let alert = acwr_week(30.0);
    assert_eq!(alert.weeks[4].acwr, Some(2.0));
    assert_eq!(warning(&alert, Check::LoadSpike).severity, Severity::Alert);
    assert_eq!(evidence(warning(&alert, Check::LoadSpike), "acwr"), 2.0);
}

#[test]
fn a_week_that_drops_after_a_big_one_is_no_spike_though_its_monday_ratio_is_high() {
    // Weekly running loads 100, 100, 100, 100, 300, then 160, each spread over seven days:
    // week 5 is 7 % above its 4-week average (150), and its Monday still carries week 4.
    let mut athlete = Athlete::default();
    for (n, weekly) in [100.0, 100.0, 100.0, 100.0, 300.0, 160.0].into_iter().enumerate() {
        for d in 0..7 {
            // Load = minutes x 5: minutes = weekly / 7 / 5.
            athlete.run(day_of(n as i64, d), 7, weekly / 35.0, 1.0);
        }
    }
    let report = athlete.report_with(&only(Check::LoadSpike));
    let week = &report.weeks[5];
    assert!(week.acwr_max.unwrap() > 1.5, "{week:?}");
    assert!(week.acwr.unwrap() < 1.5, "{week:?}");
    let flagged: Vec<(&str, i64)> = athlete.flagged_with(&only(Check::LoadSpike));
    assert_eq!(flagged, [("load-spike", 4)]);
}

#[test]
fn no_rest_alone() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    // Week 5: the same 140 minutes of running spread over five days, so every day is used.
    let m = monday(5);
    let day = |d: i64| m.checked_add(d.days()).unwrap();
    athlete.run(day(0), 7, 20.0, 4.0);
    athlete.run(day(1), 7, 40.0, 8.0);
    athlete.lift(
        day(2),
        18,
        40.0,
        &[("Squat (Barbell)", 4), ("Plank", 3), ("Bench Press", 4)],
    );
    athlete.run(day(3), 7, 40.0, 8.0);
    athlete.run(day(4), 7, 20.0, 4.0);
    athlete.lift(
        day(5),
        18,
        40.0,
        &[("Romanian Deadlift", 3), ("Pull Up", 4), ("Hanging Leg Raise", 3)],
    );
    athlete.run(day(6), 8, 20.0, 4.0);
    assert_eq!(athlete.flagged(), [("no-rest", 5)]);
    let report = athlete.report();
    assert_eq!(
        warning(&report, Check::NoRest).finding,
        "2026-W07: 9 training days in a row (2026-02-07 to 2026-02-15), no rest day in the week."
    );
}

/// `days` days of short runs in a row from a Wednesday, alone in their weeks.
fn streak(days: i64) -> Vec<(&'static str, i64)> {
    let mut athlete = Athlete::default();
    for d in 0..days {
        athlete.run(day_of(0, 2 + d), 7, 30.0, 5.0);
    }
    let only =
        with_settings(|s| s.warnings.disabled = vec!["strength-missing".into(), "balance-band".into()]);
    athlete.flagged_with(&only)
}

#[test]
fn no_rest_boundary_is_seven_days_in_a_row() {
    assert_eq!(streak(6), NONE);
    // Wednesday to Tuesday: no week is without rest, but the streak reaches 7 in week 1.
    assert_eq!(streak(7), [("no-rest", 1)]);
    // Wednesday to Sunday of the next week: that full week had no rest; said once.
    assert_eq!(streak(12), [("no-rest", 1)]);
}

/// Five balanced weeks, then one whose strength sessions last `minutes` each, with runs of
/// `run_minutes` in all.
fn share_week(minutes: f64, run_minutes: [f64; 3]) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    let m = monday(5);
    let day = |d: i64| m.checked_add(d.days()).unwrap();
    athlete.run(day(1), 7, run_minutes[0], 8.0);
    athlete.lift(
        day(2),
        18,
        minutes,
        &[("Squat (Barbell)", 4), ("Plank", 3), ("Bench Press", 4)],
    );
    athlete.run(day(3), 7, run_minutes[1], 8.0);
    athlete.lift(
        day(5),
        18,
        minutes,
        &[("Romanian Deadlift", 3), ("Pull Up", 4), ("Hanging Leg Raise", 3)],
    );
    athlete.run(day(6), 8, run_minutes[2], 12.0);
    athlete
}

#[test]
fn balance_band_alone() {
    let athlete = share_week(60.0, [40.0, 40.0, 60.0]);
    assert_eq!(athlete.flagged(), [("balance-band", 5)]);
    let report = athlete.report();
    let w = warning(&report, Check::BalanceBand);
    assert_eq!(w.severity, Severity::Info);
    assert_eq!(
        w.finding,
        "2026-W07: strength was 46.2 % of training time (2:00 h of 4:20 h); the goal is 15-40 %."
    );
}

#[test]
fn balance_band_boundaries_are_inside_the_band() {
    // 100 of 250 minutes: exactly 40 %.
    assert_eq!(share_week(50.0, [50.0, 50.0, 50.0]).flagged(), NONE);
    assert_eq!(
        share_week(50.5, [50.0, 50.0, 50.0]).flagged(),
        [("balance-band", 5)]
    );
    // 30 of 200 minutes: exactly 15 % (the lower weekly load is no spike).
    assert_eq!(share_week(15.0, [60.0, 50.0, 60.0]).flagged(), NONE);
    assert_eq!(
        share_week(14.5, [60.0, 50.0, 60.0]).flagged(),
        [("balance-band", 5)]
    );
}

#[test]
fn data_gap_alone() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..4);
    athlete.balanced_weeks(5..9);
    assert_eq!(athlete.flagged(), [("data-gap", 4)]);
    let report = athlete.report();
    let w = warning(&report, Check::DataGap);
    assert_eq!(w.severity, Severity::Info);
    assert_eq!(w.finding, "2026-W06: no activity recorded at all (1 week).");
}

#[test]
fn a_silent_stretch_in_the_past_is_one_data_gap_not_a_lapse() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..4);
    athlete.balanced_weeks(7..12);
    // Three weeks without any data: said once, in the gap's last week; no lapse, no spike.
    assert_eq!(athlete.flagged(), [("data-gap", 6)]);
    let report = athlete.report();
    assert_eq!(
        warning(&report, Check::DataGap).finding,
        "2026-W06 to 2026-W08: no activity recorded at all (3 weeks)."
    );
    // For people, the three empty weeks are one line.
    let rows = report.rows();
    assert_eq!(rows.len(), 12 - 3 + 1);
    assert!(matches!(rows[4], Row::Empty { weeks: 3, .. }), "{:?}", rows[4]);
}

#[test]
fn a_data_gap_does_not_break_a_lapse() {
    // Strength stops after week 4; week 5 has no data; weeks 6 and 7 run without strength.
    let mut athlete = strength_lapse(3);
    athlete
        .0
        .retain(|a| !(a.start >= at(monday(5), 0, 0) && a.start < at(monday(6), 0, 0)));
    assert_eq!(athlete.flagged(), [("data-gap", 5), ("strength-lapse", 7)]);
}

// ---------------------------------------------------------------------------------------------
// Choosing the weeks to report.

#[test]
fn weeks_since_and_as_of_choose_the_reported_weeks_but_checks_see_the_history() {
    let athlete = strength_lapse(2);
    let last_one = AnalysisOptions {
        weeks: Some(1),
        ..options()
    };
    let report = athlete.report_with(&last_one);
    assert_eq!(report.weeks.len(), 1);
    assert_eq!(report.weeks[0].week_start, monday(6));
    // The lapse started before the reported week and is still known as one.
    assert_eq!(athlete.flagged_with(&last_one), [("strength-lapse", 6)]);

    let since = AnalysisOptions {
        since: Some(day_of(5, 3)),
        ..options()
    };
    assert_eq!(athlete.report_with(&since).weeks[0].week_start, monday(5));

    // As of the end of week 5: week 6 is not there, and eight days are no lapse yet.
    let sunday = as_of(day_of(6, 0), 0, 0);
    let report = athlete.report_with(&sunday);
    assert_eq!(report.weeks.last().unwrap().week_start, monday(5));
    assert!(report.weeks.last().unwrap().is_complete());
    assert_eq!(athlete.flagged_with(&sunday), [("strength-missing", 5)]);
}

#[test]
fn no_activities_make_an_empty_report() {
    let report = Athlete::default().report();
    assert!(report.weeks.is_empty());
    assert!(report.warnings.is_empty());
    assert_eq!(report.history, None);
    assert_eq!(report.worst_severity(), None);
}

#[test]
fn every_check_can_be_disabled() {
    let athlete = strength_lapse(2);
    let off = with_settings(|s| s.warnings.disabled = Check::ALL.iter().map(|c| c.id().to_owned()).collect());
    assert_eq!(athlete.flagged_with(&off), NONE);
}

// ---------------------------------------------------------------------------------------------
// Live reports: judged as of a moment.

/// Four balanced weeks (0-3), then a run on Tuesday of week 4.
fn balanced_then_tuesday_run() -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..4);
    athlete.run(day_of(4, 1), 7, 40.0, 8.0);
    athlete
}

#[test]
fn a_week_in_progress_is_not_judged_as_if_it_were_over() {
    let athlete = balanced_then_tuesday_run();
    // Friday evening: the weekend is still there for lifting.
    let friday = as_of(day_of(4, 4), 20, 0);
    let report = athlete.report_with(&friday);
    assert_eq!(report.warnings, []);
    let current = report.weeks.last().unwrap();
    assert_eq!(current.status, WeekStatus::InProgress);
    assert_eq!((current.days, current.rest_days), (5, 4));
    let progress = report.current.unwrap();
    assert_eq!(progress.week_start, monday(4));
    assert_eq!((progress.days_elapsed, progress.days_left), (5, 2));
    assert_eq!((progress.runs, progress.run_distance_m), (1, 8000.0));
    // The trailing average leaves out the partial first week: weeks 1 to 3.
    assert_eq!(progress.trailing_run_distance_m, Some(28000.0));
    assert_eq!(progress.to_do(), "0 of 2 strength sessions, 2 days left");
    // Sunday evening: still the rest of the day.
    let sunday = athlete.report_with(&as_of(day_of(4, 6), 21, 0));
    assert_eq!(
        sunday.current.unwrap().to_do(),
        "0 of 2 strength sessions, the rest of today left"
    );
    assert_eq!(sunday.warnings, []);
}

#[test]
fn a_week_that_ends_at_the_as_of_moment_is_judged() {
    let athlete = balanced_then_tuesday_run();
    // The midnight after Sunday: the week is over, and it lacked strength.
    let report = athlete.report_with(&as_of(day_of(5, 0), 0, 0));
    assert_eq!(report.weeks.last().unwrap().week_start, monday(4));
    assert!(report.weeks.last().unwrap().is_complete());
    assert_eq!(report.current, None);
    assert_eq!(
        athlete.flagged_with(&as_of(day_of(5, 0), 0, 0)),
        [("strength-missing", 4)]
    );
    // One minute before it, the week is still in progress.
    assert_eq!(athlete.flagged_with(&as_of(day_of(4, 6), 23, 59)), NONE);
}

#[test]
fn the_report_reaches_the_as_of_day_and_an_athlete_who_stopped_gets_lapses() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    // The last activity: Sunday of week 4 (2026-02-08); as of 21 days later, a Sunday, 20:00.
    let report = athlete.report_with(&as_of(day_of(7, 6), 20, 0));
    assert_eq!(report.weeks.len(), 8);
    assert_eq!(report.weeks.last().unwrap().week_start, monday(7));
    let ids: Vec<(&str, Severity)> = report.warnings.iter().map(|w| (w.id(), w.severity)).collect();
    // Each lapse said once, in the week in progress; no strength-missing, no data-gap.
    assert_eq!(
        ids,
        [
            ("strength-lapse", Severity::Warning),
            ("run-lapse", Severity::Warning)
        ]
    );
    let lapse = warning(&report, Check::StrengthLapse);
    assert_eq!(
        lapse.finding,
        "2026-W09: 21 days without strength training so far; the last session was on 2026-02-07."
    );
    assert_eq!(evidence(lapse, "no_data_since_last"), 0.0);
    let run = warning(&report, Check::RunLapse);
    assert_eq!(evidence(run, "days_without"), 20.0);
    assert_eq!(evidence(run, "no_data_since_last"), 1.0);
    assert!(run.finding.ends_with(
        "Nothing at all has been recorded since 2026-02-08: if you trained, an export is missing."
    ));
    let silence = report.silence.unwrap();
    assert_eq!(silence.last_activity, day_of(4, 6));
    assert_eq!((silence.days, silence.empty_weeks), (20, 3));
    assert_eq!(silence.first_empty_week, monday(5));
    assert_eq!(
        report.silence_note().unwrap(),
        "No activity recorded since 2026-02-08 (20 days before 2026-03-01). If this export is old, report as of its last day: --as-of 2026-02-08."
    );
}

#[test]
fn an_old_export_is_shown_compactly_and_its_lapses_are_said_once() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..6);
    // As of 2026-12-04: ten months later.
    let report = athlete.report_with(&as_of(Date::constant(2026, 12, 4), 12, 0));
    assert_eq!(report.weeks.last().unwrap().label(), "2026-W49");
    let rows = report.rows();
    assert_eq!(rows.len(), 7);
    match rows[6] {
        Row::Empty { first, last, weeks } => {
            assert_eq!(
                (first.label().as_str(), last.label().as_str()),
                ("2026-W08", "2026-W49")
            );
            assert_eq!(weeks, 42);
        }
        other => panic!("{other:?}"),
    }
    let ids: Vec<(&str, Severity)> = report.warnings.iter().map(|w| (w.id(), w.severity)).collect();
    assert_eq!(
        ids,
        [
            ("strength-lapse", Severity::Alert),
            ("run-lapse", Severity::Warning)
        ]
    );
    // Reported as of the export's last day, the history is whole and balanced.
    let then = athlete.report_with(&as_of(day_of(6, 0), 0, 0));
    assert_eq!(then.warnings, []);
    assert_eq!(then.silence, None);
}

#[test]
fn a_drop_is_not_a_spike_and_an_empty_week_has_no_ratio() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    // A big week 5 (double runs), then nothing in week 6, then a normal week 7.
    athlete.balanced_week(5);
    athlete.run(day_of(5, 0), 7, 40.0, 8.0);
    athlete.run(day_of(5, 4), 7, 40.0, 8.0);
    athlete.balanced_week(7);
    let report = athlete.report();
    let flagged: Vec<(&str, i64)> = athlete.flagged();
    assert!(
        flagged.iter().all(|&(id, week)| id != "load-spike" || week == 5),
        "{flagged:?}"
    );
    assert!(flagged.contains(&("data-gap", 6)), "{flagged:?}");
    let empty = &report.weeks[6];
    assert_eq!((empty.acwr, empty.acwr_max), (None, None));
    // Week 7's windows reach into week 6: no ratio there either.
    assert_eq!(report.weeks[7].acwr, None);
}

#[test]
fn doing_what_strength_missing_asked_raises_no_spike() {
    // Three 60-minute runs a week for four weeks, then the same plus two strength sessions.
    let mut athlete = Athlete::default();
    for n in 0..5 {
        for d in [0, 2, 4] {
            athlete.run(day_of(n, d), 7, 60.0, 10.0);
        }
    }
    athlete.lift(
        day_of(4, 1),
        18,
        45.0,
        &[("Squat", 4), ("Plank", 3), ("Pull Up", 4)],
    );
    athlete.lift(
        day_of(4, 3),
        18,
        45.0,
        &[("Lunge", 4), ("Plank", 3), ("Bench Press", 4)],
    );
    let flagged = athlete.flagged();
    assert_eq!(
        flagged,
        [
            ("strength-missing", 0),
            ("strength-missing", 1),
            ("strength-missing", 2),
            ("strength-missing", 3)
        ]
    );
    let week = &athlete.report().weeks[4];
    assert_eq!((week.run_load, week.strength_load), (900.0, 540.0));
}

/// Balanced weeks 0-5 (Sunday long runs of 12 km), then a Sunday run of `km` in week 6.
fn long_sunday(km: f64) -> Athlete {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..7);
    let sunday = at(day_of(6, 6), 8, 0);
    let run = athlete.0.iter_mut().find(|a| a.start == sunday).unwrap();
    run.distance_m = Some(km * 1000.0);
    athlete
}

#[test]
fn run_spike_boundaries_are_110_percent_and_double() {
    assert_eq!(long_sunday(13.2).flagged(), NONE);
    assert_eq!(long_sunday(13.21).flagged(), [("run-spike", 6)]);
    let report = long_sunday(13.21).report();
    let w = warning(&report, Check::RunSpike);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.finding,
        "2026-W08: a run of 13.2 km on 2026-02-22, 10 % longer than the longest run of the 30 days before (12.0 km)."
    );
    assert_eq!(evidence(w, "longest_30_days_m"), 12000.0);
    assert_eq!(evidence(w, "ratio"), 13210.0 / 12000.0);
    assert_eq!(
        warning(&long_sunday(24.0).report(), Check::RunSpike).severity,
        Severity::Warning
    );
    assert_eq!(
        warning(&long_sunday(24.01).report(), Check::RunSpike).severity,
        Severity::Alert
    );
}

#[test]
fn run_spike_needs_30_days_of_history() {
    // Only 25 days of history before the long run: no judgement.
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 7, 40.0, 8.0);
    athlete.run(day_of(3, 4), 7, 100.0, 20.0);
    let only = only(Check::RunSpike);
    assert_eq!(athlete.flagged_with(&only), NONE);
    // 30 days: judged (20 km against 8 km is 250 %, an alert).
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 7, 40.0, 8.0);
    athlete.run(day_of(0, 3), 7, 40.0, 8.0);
    // A run in every week: a week without data would leave the 30 days unknown.
    for n in 1..4 {
        athlete.run(day_of(n, 1), 7, 25.0, 5.0);
    }
    athlete.run(day_of(4, 2), 7, 100.0, 20.0);
    let report = athlete.report_with(&only);
    assert_eq!(warning(&report, Check::RunSpike).severity, Severity::Alert);
}

#[test]
fn a_workout_without_a_duration_is_timed_from_its_sets() {
    let mut athlete = Athlete::default();
    athlete.run(day_of(0, 0), 7, 60.0, 10.0);
    let session = athlete.lift(
        day_of(0, 1),
        0,
        0.0,
        &[("Squat", 5), ("Plank", 3), ("Pull Up", 4)],
    );
    session.start_time_known = false;
    athlete.lift(day_of(0, 2), 0, 0.0, &[]);
    let week = &athlete.report().weeks[0];
    // 12 sets x 180 s.
    assert_eq!(week.strength_time_s, 2160.0);
    assert_eq!(week.strength_load, 36.0 * 6.0);
    assert_eq!(week.strength_share(), Some(2160.0 / (2160.0 + 3600.0)));
    assert_eq!(
        week.quality,
        DataQuality {
            estimated_duration: 1,
            default_effort: 3,
            runs_without_distance: 0,
            strength_without_sets: 1,
        }
    );
    let minute = with_settings(|s| s.estimates.strength_seconds_per_set = 60.0);
    assert_eq!(athlete.report_with(&minute).weeks[0].strength_time_s, 720.0);
}

#[test]
fn a_session_without_its_own_effort_takes_the_mean_of_its_working_sets() {
    let mut athlete = Athlete::default();
    let session = athlete.lift(day_of(0, 0), 18, 50.0, &[("Squat", 4)]);
    session.sets[0].kind = SetKind::WarmUp;
    session.sets[0].rpe = Some(3.0);
    session.sets[1].rpe = Some(7.0);
    session.sets[2].rpe = Some(8.0);
    session.sets[3].rpe = Some(9.0);
    let week = &athlete.report().weeks[0];
    // 50 minutes x 8 (the warm-up left out); the effort was recorded, not a default.
    assert_eq!(week.strength_load, 400.0);
    assert_eq!(week.quality.default_effort, 0);
    // A session's own effort wins over its sets'.
    athlete.0[0].perceived_effort = Some(5.0);
    assert_eq!(athlete.report().weeks[0].strength_load, 250.0);
}

#[test]
fn a_race_taper_turns_missing_strength_and_slip_into_information() {
    // Balanced weeks 0-5; in weeks 6 and 7 one short lift and half the running, and a race on
    // Sunday of week 7: weeks 5-7 are its taper.
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..6);
    for n in 6..8 {
        athlete.run(day_of(n, 1), 7, 30.0, 6.0);
        athlete.lift(
            day_of(n, 2),
            18,
            80.0,
            &[("Squat", 3), ("Plank", 2), ("Pull Up", 2)],
        );
        athlete.run(day_of(n, 3), 7, 30.0, 6.0);
    }
    athlete.run(day_of(7, 6), 9, 45.0, 10.0).workout_type = Some(WorkoutType::Race);
    let report = athlete.report();
    assert!(report.weeks[7].taper && report.weeks[5].taper && !report.weeks[4].taper);
    let flagged: Vec<(&str, Severity)> = report.warnings.iter().map(|w| (w.id(), w.severity)).collect();
    assert_eq!(
        flagged,
        // Race week ran 22 km with the race: 92 % of its average (28, 28, 28, 12 km), no slip.
        [
            ("strength-missing", Severity::Info),
            ("mileage-slip", Severity::Info),
            ("strength-missing", Severity::Info),
        ]
    );
    assert!(report.warnings[0].finding.ends_with("This is a race taper."));
}

#[test]
fn taper_days_do_not_count_towards_a_lapse_after_the_race() {
    // No lifting from Sunday of week 4 on; a race on Sunday of week 7 (weeks 5-7 are its
    // taper); as of Tuesday of week 8, only Monday counts as a day without: no lapse.
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    for n in 5..8 {
        athlete.run(day_of(n, 1), 7, 40.0, 8.0);
        athlete.run(day_of(n, 3), 7, 40.0, 8.0);
    }
    athlete.run(day_of(7, 6), 9, 45.0, 10.0).workout_type = Some(WorkoutType::Race);
    let report = athlete.report_with(&as_of(day_of(8, 2), 0, 0));
    assert!(
        report.warnings.iter().all(|w| w.check != Check::StrengthLapse),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn a_race_longer_than_its_build_up_is_information() {
    let mut athlete = long_sunday(20.0);
    let sunday = at(day_of(6, 6), 8, 0);
    athlete
        .0
        .iter_mut()
        .find(|a| a.start == sunday)
        .unwrap()
        .workout_type = Some(WorkoutType::Race);
    let report = athlete.report_with(&only(Check::RunSpike));
    let w = warning(&report, Check::RunSpike);
    assert_eq!(w.severity, Severity::Info);
    assert!(w.finding.ends_with("It was a race."), "{}", w.finding);
}

#[test]
fn run_spike_boundary_is_exact_for_round_distances_and_30_days() {
    // 11 km against a longest of 10 km: exactly 110 %, not a spike; 11.01 km is.
    let history = |last_km: f64, days_before: i64| {
        let mut athlete = Athlete::default();
        athlete.run(day_of(0, 0), 7, 50.0, 10.0);
        for d in (7..days_before).step_by(7) {
            athlete.run(day_of(0, d), 7, 40.0, 8.0);
        }
        athlete.run(day_of(0, days_before), 7, 60.0, last_km);
        athlete.flagged_ids(&only(Check::RunSpike))
    };
    assert_eq!(history(11.0, 30), Vec::<&str>::new());
    assert_eq!(history(11.01, 30), ["run-spike"]);
    // 29 days of history before the run: no judgement.
    assert_eq!(history(15.0, 29), Vec::<&str>::new());
    assert_eq!(history(15.0, 30), ["run-spike"]);
}

#[test]
fn the_as_of_midnight_is_found_where_daylight_saving_skips_it() {
    // Santiago skips 2026-09-06 00:00 (clocks go to 01:00): the end of 2026-09-05 is 01:00.
    let santiago = TimeZone::get("America/Santiago").unwrap();
    let end = end_of_day(Date::constant(2026, 9, 5), &santiago);
    let as_of = as_of_day(end, &santiago);
    assert_eq!(as_of.day, Date::constant(2026, 9, 5));
    assert!(as_of.day_over);
}
