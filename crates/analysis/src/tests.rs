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

    fn report_with(&self, options: &AnalysisOptions) -> BalanceReport {
        analyse(&self.0, options).unwrap()
    }

    fn report(&self) -> BalanceReport {
        self.report_with(&AnalysisOptions::default())
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
        self.flagged_with(&AnalysisOptions::default())
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

fn with_settings(edit: impl FnOnce(&mut Settings)) -> AnalysisOptions {
    let mut options = AnalysisOptions::default();
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
    assert_eq!(w.load, 1180.0);
    assert_eq!((w.days, w.rest_days), (7, 2));
    // Every 7 days carry the same load, so acute and chronic averages agree exactly.
    assert_eq!((w.acwr, w.acwr_max), (Some(1.0), Some(1.0)));
    assert_eq!(w.strength_share(), Some(4800.0 / 13200.0));
    // The history starts on the first Tuesday: week 1 has 6 days in it, and the ratio needs 28.
    assert_eq!((report.weeks[0].days, report.weeks[0].rest_days), (6, 1));
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
    // The last week ends with the last activity, on Thursday.
    assert_eq!(report.weeks[3].days, 4);
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
        ..AnalysisOptions::default()
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
        [
            ("strength-missing", 0),
            ("strength-missing", 1),
            ("strength-missing", 2)
        ]
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
fn strength_lapse_alone() {
    let athlete = strength_lapse(2);
    assert_eq!(athlete.flagged(), [("strength-lapse", 5), ("strength-lapse", 6)]);
    let report = athlete.report();
    let w = &report.warnings[1];
    assert_eq!(w.severity, Severity::Alert);
    assert_eq!(
        w.finding,
        "2026-W08: week 2 of 2 in a row without strength training (the last strength session was in 2026-W06)."
    );
    assert_eq!(evidence(w, "lapse_weeks"), 2.0);
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
    let ids = athlete.flagged_ids(&AnalysisOptions::default());
    assert!(ids.iter().all(|&id| id == "strength-missing"), "{ids:?}");
    assert_eq!(ids.len(), 8);
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
    assert_eq!(athlete.flagged(), [("run-lapse", 5), ("run-lapse", 6)]);
    let report = athlete.report();
    assert_eq!(report.warnings[0].severity, Severity::Warning);
    assert_eq!(
        report.warnings[0].finding,
        "2026-W07: week 1 of 2 in a row without running (the last run was in 2026-W06)."
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
        "2026-W09: in the last 4 weeks, 84 working sets and none for core (lower body 28, core 0, upper body 56)."
    );
    assert_eq!(evidence(w, "core_sets"), 0.0);
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

#[test]
fn stacked_days_alone() {
    let mut athlete = heavy_saturday();
    // Heavy legs alone, before easy runs, are fine.
    assert_eq!(athlete.flagged(), NONE);
    // Sunday's run 14 h later made hard.
    let sunday = at(day_of(4, 6), 8, 0);
    athlete
        .0
        .iter_mut()
        .find(|a| a.start == sunday)
        .unwrap()
        .perceived_effort = Some(8.0);
    assert_eq!(athlete.flagged(), [("stacked-days", 4)]);
    let report = athlete.report();
    let w = warning(&report, Check::StackedDays);
    assert_eq!(
        w.finding,
        "2026-W06: heavy legs (7 lower-body sets) 14 h before a hard run, on 2026-02-08."
    );
    assert_eq!(evidence(w, "closest_hours"), 14.0);
}

#[test]
fn stacked_days_counts_long_runs_and_the_24_hour_boundary() {
    let sunday = at(day_of(4, 6), 8, 0);
    let long_run_starting = |start: Timestamp| {
        let mut athlete = heavy_saturday();
        let run = athlete.0.iter_mut().find(|a| a.start == sunday).unwrap();
        run.start = start;
        // 80 minutes: a long run, 20 minutes longer than usual (load stays in bounds).
        run.elapsed = Duration::from_secs(80 * 60);
        athlete
    };
    // Legs on Saturday at 18:00; the long run exactly 24 h later, then one second more.
    assert_eq!(
        long_run_starting(at(day_of(4, 6), 18, 0)).flagged(),
        [("stacked-days", 4)]
    );
    let later: Timestamp = at(day_of(4, 6), 18, 0).checked_add(1.second()).unwrap();
    assert_eq!(long_run_starting(later).flagged(), NONE);
}

#[test]
fn stacked_days_flags_heavy_legs_after_a_hard_run_on_the_same_day_only() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    let heavy = [("Squat", 4), ("Lunge", 3)];
    // Tuesday: a hard run in the morning, heavy legs in the evening.
    athlete.run(day_of(5, 1), 7, 40.0, 8.0).perceived_effort = Some(7.0);
    athlete.lift(day_of(5, 1), 18, 40.0, &heavy);
    athlete.run(day_of(5, 3), 7, 40.0, 8.0);
    athlete.lift(day_of(5, 4), 18, 40.0, &[("Pull Up", 4), ("Plank", 3)]);
    athlete.run(day_of(5, 6), 8, 60.0, 12.0);
    assert_eq!(athlete.flagged(), [("stacked-days", 5)]);
    let report = athlete.report();
    assert_eq!(
        warning(&report, Check::StackedDays).finding,
        "2026-W07: heavy legs (7 lower-body sets) after a hard run on the same day, on 2026-02-10."
    );
    // An effort of 6.9 is not hard: nothing is stacked.
    let tuesday = at(day_of(5, 1), 7, 0);
    athlete
        .0
        .iter_mut()
        .find(|a| a.start == tuesday)
        .unwrap()
        .perceived_effort = Some(6.9);
    assert_eq!(athlete.flagged(), NONE);
}

#[test]
fn load_spike_alone_by_weekly_load() {
    let mut athlete = Athlete::default();
    athlete.balanced_weeks(0..5);
    // Week 5: Tuesday and Thursday runs of 80 instead of 40 minutes: load 1580, +34 %.
    let m = monday(5);
    let day = |d: i64| m.checked_add(d.days()).unwrap();
    athlete.run(day(1), 7, 80.0, 14.0);
    athlete.lift(
        day(2),
        18,
        40.0,
        &[("Squat (Barbell)", 4), ("Plank", 3), ("Bench Press", 4)],
    );
    athlete.run(day(3), 7, 80.0, 14.0);
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
    assert_eq!(evidence(w, "load"), 1580.0);
    assert_eq!(evidence(w, "trailing_load"), 1180.0);
    assert_eq!(evidence(w, "load_ratio"), 1580.0 / 1180.0);
    assert!(
        w.finding.starts_with("2026-W07: load 1580 (minutes x effort), 34 % above the 4-week average of 1180; acute:chronic workload ratio up to 1.2"),
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

/// 21 days of 10-minute runs (load 50), then 7 days of runs of `minutes`.
fn acwr_week(minutes: f64) -> BalanceReport {
    let mut athlete = Athlete::default();
    for d in 0..28 {
        let length = if d < 21 { 10.0 } else { minutes };
        athlete.run(day_of(0, d), 7, length, 2.0);
    }
    let only = with_settings(|s| {
        s.warnings.disabled = ["strength-missing", "balance-band", "no-rest"]
            .map(String::from)
            .to_vec()
    });
    athlete.report_with(&only)
}

#[test]
fn load_spike_boundary_is_an_acute_chronic_ratio_of_1_5_and_2_is_an_alert() {
    // 18-minute runs: 7 x 90 over (21 x 50 + 7 x 90) / 4 = exactly 1.5.
    let exact = acwr_week(18.0);
    assert_eq!(exact.weeks[3].acwr_max, Some(1.5));
    assert!(exact.warnings.is_empty(), "{:#?}", exact.warnings);
    let above = acwr_week(18.1);
    assert_eq!(warning(&above, Check::LoadSpike).severity, Severity::Warning);
    // 30-minute runs: 7 x 150 over (21 x 50 + 7 x 150) / 4 = 2.
    let alert = acwr_week(30.0);
    assert_eq!(alert.weeks[3].acwr_max, Some(2.0));
    assert_eq!(warning(&alert, Check::LoadSpike).severity, Severity::Alert);
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
    assert_eq!(
        w.finding,
        "2026-W06: no activity recorded at all (week 1 of 1 without data)."
    );
}

#[test]
fn a_data_gap_neither_makes_nor_breaks_a_lapse() {
    // Strength stops after week 4; week 5 has no data; weeks 6 and 7 run without strength.
    let mut athlete = strength_lapse(3);
    athlete
        .0
        .retain(|a| !(a.start >= at(monday(5), 0, 0) && a.start < at(monday(6), 0, 0)));
    let only_lapses = with_settings(|s| s.warnings.disabled = vec!["load-spike".into()]);
    assert_eq!(
        athlete.flagged_with(&only_lapses),
        [("data-gap", 5), ("strength-lapse", 6), ("strength-lapse", 7)]
    );
}

// ---------------------------------------------------------------------------------------------
// Choosing the weeks to report.

#[test]
fn weeks_since_and_until_choose_the_reported_weeks_but_checks_see_the_history() {
    let athlete = strength_lapse(2);
    let last_one = AnalysisOptions {
        weeks: Some(1),
        ..AnalysisOptions::default()
    };
    let report = athlete.report_with(&last_one);
    assert_eq!(report.weeks.len(), 1);
    assert_eq!(report.weeks[0].week_start, monday(6));
    // The lapse started before the reported week and is still known as one.
    assert_eq!(athlete.flagged_with(&last_one), [("strength-lapse", 6)]);

    let since = AnalysisOptions {
        since: Some(day_of(5, 3)),
        ..AnalysisOptions::default()
    };
    assert_eq!(athlete.report_with(&since).weeks[0].week_start, monday(5));

    // Until the Sunday of week 5: week 6 is not there, and one week is no lapse yet.
    let until = AnalysisOptions {
        until: Some(day_of(5, 6)),
        ..AnalysisOptions::default()
    };
    let report = athlete.report_with(&until);
    assert_eq!(report.weeks.last().unwrap().week_start, monday(5));
    assert_eq!(athlete.flagged_with(&until), [("strength-missing", 5)]);
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
