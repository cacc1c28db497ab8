//! Hand-made histories whose plans are pinned day by day: a balanced runner, one who skipped
//! strength, one who never trains core, one after a load spike, three available days, a club
//! run fixed on Wednesday, and a history too short to plan from.

mod common;

use common::*;
use jiff::civil::Weekday;
use runlift_plan::{Error, FixedKind, FixedSession, PlanOptions, Preferences, RunType, plan};

/// Four weeks (2026-W02 to W05) of a runner who lifts twice: legs, core and upper body.
fn balanced() -> Athlete {
    balanced_weeks(4)
}

fn balanced_weeks(weeks: i64) -> Athlete {
    let mut a = Athlete::default();
    for w in 0..weeks {
        a.lift(
            day_of(w, 0),
            18,
            45.0,
            &[("Squat", 6), ("Plank", 3), ("Bench Press", 3)],
        );
        a.run(day_of(w, 1), 7, 48.0, 8.0);
        a.lift(
            day_of(w, 2),
            18,
            40.0,
            &[("Bench Press", 5), ("Plank", 3), ("Squat", 2)],
        );
        a.hard_run(day_of(w, 3), 7, 45.0, 8.0);
        a.run(day_of(w, 5), 8, 36.0, 6.0);
        a.run(day_of(w, 6), 8, 84.0, 14.0);
    }
    a
}

fn options() -> PlanOptions {
    PlanOptions {
        as_of: end_of_week(3),
        ..PlanOptions::default()
    }
}

fn pinned(athlete: &Athlete, options: &PlanOptions, days: &[&str]) -> runlift_plan::Plan {
    let plan = plan(&athlete.0, options).unwrap();
    assert_eq!(summary(&plan), days, "{}", runlift_plan::render::table(&plan));
    plan
}

#[test]
fn a_balanced_runner_keeps_four_runs_and_two_lifts_apart() {
    let plan = pinned(
        &balanced(),
        &options(),
        &[
            "Mon easy 7.0 km 41'",
            "Tue rest",
            "Wed hard 8.0 km 47'",
            "Thu strength lower_body L6 C0 U2",
            "Fri easy 7.0 km 41'",
            "Sat strength core L0 C6 U2",
            "Sun long 14.0 km 83'",
        ],
    );
    assert!(plan.gave_way.is_empty(), "{:?}", plan.gave_way);
}

#[test]
fn a_runner_who_skipped_strength_for_two_weeks_gets_the_goal_back() {
    let mut a = balanced();
    a.0.retain(|x| x.sets.is_empty() || x.start < at(monday(2), 0));
    let plan = pinned(
        &a,
        &options(),
        &[
            "Mon easy 7.0 km 41'",
            "Tue rest",
            "Wed hard 8.0 km 47'",
            "Thu strength lower_body L6 C0 U2",
            "Fri easy 7.0 km 41'",
            "Sat strength core L0 C6 U2",
            "Sun long 14.0 km 83'",
        ],
    );
    // Two of the four weeks had strength: the groups come in the order of their sets.
    assert_eq!(plan.volume.muscle_sets.lower_body, 16);
    assert!(
        plan.days[5].sessions[0]
            .reason
            .starts_with("core first: the fewest sets of the groups left in the last 4 weeks (12)"),
        "{}",
        plan.days[5].sessions[0].reason
    );
}

#[test]
fn a_runner_who_never_trains_core_gets_core_first() {
    let mut a = Athlete::default();
    for w in 0..4 {
        a.lift(day_of(w, 0), 18, 45.0, &[("Squat", 6), ("Bench Press", 3)]);
        a.run(day_of(w, 1), 7, 48.0, 8.0);
        a.lift(day_of(w, 2), 18, 40.0, &[("Bench Press", 5), ("Squat", 2)]);
        a.hard_run(day_of(w, 3), 7, 45.0, 8.0);
        a.run(day_of(w, 5), 8, 36.0, 6.0);
        a.run(day_of(w, 6), 8, 84.0, 14.0);
    }
    let plan = pinned(
        &a,
        &options(),
        &[
            "Mon easy 7.0 km 41'",
            "Tue rest",
            "Wed hard 8.0 km 47'",
            "Thu strength lower_body L6 C0 U2",
            "Fri easy 7.0 km 41'",
            "Sat strength core L0 C6 U2",
            "Sun long 14.0 km 83'",
        ],
    );
    assert!(
        plan.days
            .iter()
            .flat_map(|d| &d.sessions)
            .any(|s| s.reason.starts_with("core first: none in the last 4 weeks"))
    );
}

#[test]
fn a_week_after_a_load_spike_is_lighter_and_says_why() {
    // Six weeks; the last adds three evening runs of 10 km to the usual 36 km.
    let mut a = balanced_weeks(6);
    for weekday in [1, 3, 5] {
        a.run(day_of(5, weekday), 18, 60.0, 10.0);
    }
    let options = PlanOptions {
        as_of: end_of_week(5),
        ..PlanOptions::default()
    };
    let plan = pinned(
        &a,
        &options,
        &[
            "Mon easy 7.8 km 46'",
            "Tue strength lower_body L6 C0 U2",
            "Wed easy 7.8 km 46'",
            "Thu rest",
            "Fri easy 7.8 km 46'",
            "Sat strength core L0 C6 U2",
            "Sun long 11.2 km 66'",
        ],
    );
    let lighter = plan.volume.lighter.unwrap();
    assert_eq!(lighter.factor, 0.8);
    assert!(
        lighter.reason.starts_with("load-spike in 2026-W07"),
        "{}",
        lighter.reason
    );
    // 80 % of the usual 43.5 km (34.8 km), in four runs (the average without the spiking
    // week, not 4.75) of which none hard: the long run 80 % of its usual 14 km.
    assert_eq!(plan.volume.distance_per_week_m, 43_500.0);
    assert!(
        lighter
            .reason
            .contains("4.0 runs a week, the average without 2026-W07"),
        "{}",
        lighter.reason
    );
}

#[test]
fn three_available_days_hold_three_runs_and_both_lifts() {
    let options = PlanOptions {
        preferences: Preferences {
            days: Some(vec![Weekday::Tuesday, Weekday::Thursday, Weekday::Sunday]),
            ..Preferences::default()
        },
        ..options()
    };
    let plan = pinned(
        &balanced(),
        &options,
        &[
            "Mon rest",
            "Tue hard 8.0 km 47' + strength lower_body L6 C0 U2",
            "Wed rest",
            "Thu easy 12.5 km 74' + strength core L0 C6 U2",
            "Fri rest",
            "Sat rest",
            "Sun long 14.0 km 83'",
        ],
    );
    assert_eq!(
        plan.gave_way,
        [
            "runs: 3 planned instead of 4: only 3 days are available for training (one run a day)",
            "alternation: 2 days hold both a run and strength (3 runs and 2 strength sessions on 3 training days)",
        ]
    );
}

#[test]
fn a_club_run_fixed_on_wednesday_stays_there() {
    let options = PlanOptions {
        preferences: Preferences {
            fixed: vec![FixedSession {
                day: Weekday::Wednesday,
                kind: FixedKind::Run(RunType::Hard),
            }],
            long_run_day: Some(Weekday::Saturday),
            ..Preferences::default()
        },
        ..options()
    };
    pinned(
        &balanced(),
        &options,
        &[
            "Mon easy 7.0 km 41'",
            "Tue strength core L0 C6 U2",
            "Wed hard 8.0 km 47' fixed",
            "Thu easy 7.0 km 41'",
            "Fri rest",
            "Sat long 14.0 km 83'",
            "Sun strength lower_body L6 C0 U2",
        ],
    );
}

#[test]
fn two_weeks_of_history_are_too_short_to_plan_from() {
    let mut a = balanced();
    a.0.retain(|x| x.start >= at(monday(2), 0));
    let err = plan(&a.0, &options()).unwrap_err();
    assert!(
        matches!(err, Error::HistoryTooShort { needs: 3, has: 2, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "history too short: needs 3 complete weeks with runs (of the last 4 before 2026-02-02), has 2"
    );
}

fn show(plan: &runlift_plan::Plan) -> String {
    format!(
        "{}\n{:?}\n{:?}",
        runlift_plan::render::table(plan),
        plan.gave_way,
        plan.notes
    )
}

#[test]
fn fixed_heavy_legs_before_a_fixed_long_run_are_excused_and_the_rest_is_planned() {
    let options = PlanOptions {
        preferences: Preferences {
            fixed: vec![
                FixedSession {
                    day: Weekday::Saturday,
                    kind: FixedKind::Strength(runlift_model::MuscleGroup::LowerBody),
                },
                FixedSession {
                    day: Weekday::Sunday,
                    kind: FixedKind::Run(RunType::Long),
                },
            ],
            ..Preferences::default()
        },
        ..options()
    };
    let plan = plan(&balanced().0, &options).unwrap();
    eprintln!("{}", show(&plan));
    assert_eq!(
        plan.gave_way,
        [
            "your fixed sessions break no heavy legs on the day before a long or hard run (Saturday, Sunday): kept as you set them"
        ]
    );
    // Nothing else is given up: four runs and two strength sessions.
    let s = summary(&plan);
    assert_eq!(s.iter().filter(|d| d.contains("km")).count(), 4, "{s:?}");
    assert_eq!(s.iter().filter(|d| d.contains("strength")).count(), 2, "{s:?}");
}

#[test]
fn a_fixed_monday_run_after_seven_training_days_is_excused_and_tuesday_rests() {
    // The last week: no strength on Monday, a run on Friday: Tuesday to Sunday trained.
    let mut a = balanced();
    a.0.retain(|x| x.start != at(day_of(3, 0), 18));
    a.run(day_of(3, 4), 7, 36.0, 6.0);
    let mut options = PlanOptions {
        preferences: Preferences {
            fixed: vec![FixedSession {
                day: Weekday::Monday,
                kind: FixedKind::Run(RunType::Easy),
            }],
            ..Preferences::default()
        },
        ..options()
    };
    options.settings.thresholds.training_days_in_a_row = 7;
    let plan = plan(&a.0, &options).unwrap();
    eprintln!("{}", show(&plan));
    assert_eq!(
        plan.gave_way,
        [
            "your fixed sessions break at most 6 training days in a row (6 recorded training days in a row, then Monday): kept as you set them"
        ]
    );
    let s = summary(&plan);
    assert_eq!(s[1], "Tue rest");
    assert_eq!(s.iter().filter(|d| d.contains("km")).count(), 4, "{s:?}");
}

#[test]
fn an_as_of_day_not_over_is_no_rest_day_and_counts_in_the_streak() {
    // The fifth week: strength on Monday, a run on Tuesday, Wednesday 10:00 with nothing yet.
    let mut a = balanced_weeks(4);
    a.lift(
        day_of(4, 0),
        18,
        45.0,
        &[("Squat", 6), ("Plank", 3), ("Bench Press", 3)],
    );
    a.run(day_of(4, 1), 7, 48.0, 8.0);
    let mut options = PlanOptions {
        as_of: at(day_of(4, 2), 10),
        this_week: true,
        ..PlanOptions::default()
    };
    options.settings.thresholds.training_days_in_a_row = 3;
    let plan = plan(&a.0, &options).unwrap();
    eprintln!("{}", show(&plan));
    let s = summary(&plan);
    // Monday, Tuesday and (perhaps) Wednesday: Thursday rests, and the week still needs it.
    assert_eq!(s[0], "Thu rest", "{s:?}");
    // The runs are cut to what the streak rule leaves, and it says so.
    assert_eq!(
        plan.gave_way[0],
        "runs: 2 planned instead of 3: at most 2 training days in a row leave 2 days for training (one run a day)"
    );
    assert!(
        plan.notes.iter().any(|n| n.starts_with(
            "2026-02-04 is not over yet and holds no training so far: the plan counts it as a training day"
        )),
        "{:?}",
        plan.notes
    );
}

#[test]
fn a_hard_run_is_never_longer_than_the_long_run_and_two_adjacent_days_get_no_hard_run() {
    let options = PlanOptions {
        preferences: Preferences {
            days: Some(vec![Weekday::Saturday, Weekday::Sunday]),
            ..Preferences::default()
        },
        ..options()
    };
    let plan = pinned(
        &balanced(),
        &options,
        &[
            "Mon rest",
            "Tue rest",
            "Wed rest",
            "Thu rest",
            "Fri rest",
            "Sat easy 12.5 km 74' + strength core L0 C6 U2",
            "Sun long 14.0 km 83' + strength lower_body L6 C0 U2",
        ],
    );
    eprintln!("{}", show(&plan));
    assert!(
        plan.gave_way[1]
            .starts_with("hard run: planned as easy: the only days left for it (Saturday and Sunday)"),
        "{:?}",
        plan.gave_way
    );
}

#[test]
fn three_days_in_a_row_cut_to_what_the_streak_allows_and_keep_the_hard_runs() {
    // Five runs a week, two of them hard, on four days never more than two in a row.
    let mut a = Athlete::default();
    for w in 0..4 {
        a.run(day_of(w, 0), 7, 48.0, 8.0);
        a.lift(
            day_of(w, 0),
            18,
            45.0,
            &[("Squat", 6), ("Plank", 3), ("Bench Press", 3)],
        );
        a.hard_run(day_of(w, 1), 7, 45.0, 8.0);
        a.run(day_of(w, 3), 7, 36.0, 6.0);
        a.lift(
            day_of(w, 3),
            12,
            40.0,
            &[("Bench Press", 5), ("Plank", 3), ("Squat", 2)],
        );
        a.hard_run(day_of(w, 3), 18, 30.0, 5.0);
        a.run(day_of(w, 4), 8, 84.0, 14.0);
    }
    let mut options = options();
    options.settings.thresholds.training_days_in_a_row = 3;
    // Two in a row at most leave five training days: all five runs, both hard runs and heavy
    // legs (after a hard run, on its day) stay.
    let plan = pinned(
        &a,
        &options,
        &[
            "Mon hard 6.5 km 39' + strength lower_body L6 C0 U2",
            "Tue easy 7.0 km 41'",
            "Wed rest",
            "Thu hard 6.5 km 39' + strength core L0 C6 U2",
            "Fri easy 7.0 km 41'",
            "Sat rest",
            "Sun long 14.0 km 83'",
        ],
    );
    assert_eq!(
        plan.gave_way,
        [
            "alternation: 2 days hold both a run and strength (5 runs and 2 strength sessions on 5 training days)"
        ]
    );
}

#[test]
fn this_week_with_the_distance_used_up_plans_no_short_run_and_no_second_long_run() {
    // The fifth week: three runs of 12.8 km (70 minutes, under the 75 of a long run, but 90 %
    // of the usual 14 km) by Wednesday: 38.4 km of the usual 36.
    let mut a = balanced_weeks(4);
    for d in 0..3 {
        a.run(day_of(4, d), 7, 70.0, 12.8);
    }
    let options = PlanOptions {
        as_of: at(day_of(4, 3), 0),
        this_week: true,
        ..PlanOptions::default()
    };
    let plan = plan(&a.0, &options).unwrap();
    eprintln!("{}", show(&plan));
    let s = summary(&plan);
    assert!(s.iter().all(|d| !d.contains("km")), "{s:?}");
    assert!(
        plan.notes
            .iter()
            .any(|n| n.starts_with("1 run left out (hard): the week's distance")),
        "{:?}",
        plan.notes
    );
}

#[test]
fn a_relaxation_names_the_rule_that_needs_it() {
    // Two days apart, three days in a row available: heavy legs find no day two days from the hard and
    // the long run, so they are kept below heavy, and the stacking rule is the one blamed.
    let mut options = PlanOptions {
        preferences: Preferences {
            days: Some(vec![Weekday::Friday, Weekday::Saturday, Weekday::Sunday]),
            ..Preferences::default()
        },
        ..options()
    };
    options.settings.thresholds.stacked_policy = runlift_analysis::StackedPolicy::TwoDaysApart;
    let plan = plan(&balanced().0, &options).unwrap();
    eprintln!("{}", show(&plan));
    assert_eq!(
        plan.gave_way[1],
        "heavy legs: lower body kept to 5 sets (below heavy) because 3 runs and 2 strength sessions on 3 available days leave no day for heavy legs that keeps heavy legs two days from a long or hard run"
    );
    // Only heavy legs gave way: the hard run stays.
    assert_eq!(plan.gave_way.len(), 3, "{:?}", plan.gave_way);
    assert!(summary(&plan)[4].starts_with("Fri hard"), "{:?}", summary(&plan));
}
