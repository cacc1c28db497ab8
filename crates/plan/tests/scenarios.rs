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
