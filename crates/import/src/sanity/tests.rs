use std::time::Duration;

use runlift_model::{Activity, Parsed, RunKind, SourceFormat, SourceRef, Sport, StrengthSet};

use super::*;

fn activity(sport: Sport, start: &str, elapsed_s: u64) -> Activity {
    let source = SourceRef {
        path: "exports/watch.zip".into(),
        inner_path: Some("activities/1.fit".into()),
        format: SourceFormat::Fit,
    };
    Activity::new(
        sport,
        start.parse().unwrap(),
        Duration::from_secs(elapsed_s),
        source,
    )
}

fn run(elapsed_s: u64) -> Activity {
    activity(Sport::Running(RunKind::Road), "2026-03-02T07:00:00Z", elapsed_s)
}

/// Checks `activities` and returns what is kept, the warnings as displayed, and how many were
/// left out.
fn checked(activities: Vec<Activity>) -> (Vec<Activity>, Vec<String>, usize) {
    let mut parsed = Parsed {
        activities,
        ..Parsed::default()
    };
    let left_out = check(&mut parsed);
    let warnings = parsed.warnings.iter().map(|w| w.to_string()).collect();
    (parsed.activities, warnings, left_out)
}

const PREFIX: &str =
    "exports/watch.zip!activities/1.fit: the running (road) activity starting 2026-03-02T07:00:00Z: ";

#[test]
fn a_plausible_activity_passes_unchanged() {
    let mut a = run(3600);
    a.moving = Some(Duration::from_secs(3500));
    a.distance_m = Some(12_000.0);
    a.elevation_gain_m = Some(85.0);
    a.avg_heart_rate = Some(151.0);
    a.perceived_effort = Some(6.0);
    let (kept, warnings, left_out) = checked(vec![a.clone()]);
    assert_eq!(kept, vec![a]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(left_out, 0);
}

#[test]
fn not_a_number_and_infinities_are_left_out_with_a_warning_each() {
    let mut a = run(3600);
    a.distance_m = Some(f64::NAN);
    a.elevation_gain_m = Some(f64::INFINITY);
    a.avg_heart_rate = Some(f64::NEG_INFINITY);
    a.perceived_effort = Some(f64::NAN);
    let (kept, warnings, left_out) = checked(vec![a]);
    assert_eq!(left_out, 0);
    let a = &kept[0];
    assert_eq!(
        (
            a.distance_m,
            a.elevation_gain_m,
            a.avg_heart_rate,
            a.perceived_effort
        ),
        (None, None, None, None)
    );
    assert_eq!(
        warnings,
        [
            format!("{PREFIX}the distance is NaN, not a number; it was left out"),
            format!("{PREFIX}the elevation gain is inf, not a number; it was left out"),
            format!("{PREFIX}the average heart rate is -inf, not a number; it was left out"),
            format!("{PREFIX}the perceived effort is NaN, not a number; it was left out"),
        ]
    );
}

#[test]
fn values_outside_their_range_are_left_out() {
    let cases: [(FieldOf, f64, &str); 6] = [
        (
            |a| &mut a.distance_m,
            -5.0,
            "the distance -5 m is outside 0 m to 5000000 m",
        ),
        (
            |a| &mut a.elevation_gain_m,
            30_000.5,
            "the elevation gain 30000.5 m is outside 0 m to 30000 m",
        ),
        (
            |a| &mut a.avg_heart_rate,
            900.0,
            "the average heart rate 900 bpm is outside 20 bpm to 250 bpm",
        ),
        (
            |a| &mut a.avg_heart_rate,
            12.0,
            "the average heart rate 12 bpm is outside 20 bpm to 250 bpm",
        ),
        (
            |a| &mut a.perceived_effort,
            11.0,
            "the perceived effort 11 is outside 0 to 10",
        ),
        (
            |a| &mut a.distance_m,
            1e300,
            "the distance 1e300 m is outside 0 m to 5000000 m",
        ),
    ];
    for (field, value, message) in cases {
        let mut a = run(3600);
        *field(&mut a) = Some(value);
        let (mut kept, warnings, _) = checked(vec![a]);
        assert_eq!(*field(&mut kept[0]), None, "{message}");
        assert_eq!(warnings, [format!("{PREFIX}{message}; it was left out")]);
    }
    // The bounds themselves are plausible.
    let mut a = run(3600);
    a.avg_heart_rate = Some(250.0);
    a.elevation_gain_m = Some(30_000.0);
    a.perceived_effort = Some(0.0);
    let (kept, warnings, _) = checked(vec![a.clone()]);
    assert_eq!(kept, vec![a]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_three_hour_900_km_run_loses_its_distance_but_keeps_its_time() {
    let mut a = run(3 * 3600);
    a.distance_m = Some(900_000.0);
    let (kept, warnings, left_out) = checked(vec![a]);
    assert_eq!(left_out, 0);
    assert_eq!(kept[0].distance_m, None);
    assert_eq!(kept[0].elapsed, Duration::from_secs(10_800));
    assert_eq!(
        warnings,
        [format!(
            "{PREFIX}900 km in 3:00:00 is 300.0 km/h, faster than anyone moves on foot (at most 45 km/h); \
             the distance was left out"
        )]
    );
}

#[test]
fn speed_limits_depend_on_the_sport() {
    // (sport, km, moving seconds, kept)
    let cases = [
        (Sport::Running(RunKind::Track), 0.4, 40, true), // 36 km/h: a sprint lap
        (Sport::Running(RunKind::Trail), 0.5, 30, false), // 60 km/h
        (Sport::from_fit("hiking", None), 50.0, 3600, false),
        (Sport::from_fit("walking", None), 46.0, 3600, false),
        (Sport::from_name("Ride"), 100.0, 3600, true),
        (
            Sport::from_fit("cycling", Some("virtual_activity")),
            130.0,
            3600,
            false,
        ),
        (Sport::from_name("open_water_swimming"), 4.0, 3600, true),
        (
            Sport::from_fit("swimming", Some("lap_swimming")),
            25.0,
            3600,
            false,
        ),
        (Sport::from_fit("alpine_skiing", None), 400.0, 3600, true),
        (Sport::Other("unspecified".into()), 900.0, 3600, false),
        // Names are never searched for words: a motorbike is no bicycle, a kite-surfer
        // riding at 60 km/h is not running.
        (Sport::from_fit("motorcycling", None), 150.0, 3600, true),
        (Sport::from_name("Motorbike ride"), 150.0, 3600, true),
        (Sport::from_name("Kite run"), 60.0, 3600, true),
    ];
    for (sport, km, seconds, kept_distance) in cases {
        let mut a = activity(sport.clone(), "2026-03-02T07:00:00Z", seconds + 600);
        a.moving = Some(Duration::from_secs(seconds));
        a.distance_m = Some(km * 1000.0);
        let (kept, warnings, _) = checked(vec![a]);
        assert_eq!(
            kept[0].distance_m.is_some(),
            kept_distance,
            "{sport} {km} km: {warnings:?}"
        );
        assert_eq!(warnings.len(), usize::from(!kept_distance), "{warnings:?}");
    }
}

#[test]
fn a_distance_covered_in_no_time_is_left_out_and_so_is_a_run_with_nothing_else() {
    let mut jitter = run(0);
    jitter.distance_m = Some(100.0);
    let mut backwards = run(0);
    backwards.distance_m = Some(5_559.754);
    let mut with_sets = activity(Sport::StrengthTraining, "2026-03-03T18:00:00Z", 0);
    with_sets.distance_m = Some(2_000.0);
    with_sets.sets.push(set("Sled Push", None, Some(100.0)));
    let (kept, warnings, left_out) = checked(vec![jitter, backwards, with_sets]);
    assert_eq!(left_out, 1);
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].distance_m, Some(100.0));
    assert_eq!(kept[1].distance_m, None);
    assert_eq!(kept[1].sets.len(), 1);
    assert_eq!(
        warnings,
        [
            format!(
                "{PREFIX}5.56 km in no time at all (its times run backwards or are all the same); the \
                 activity was left out"
            ),
            "exports/watch.zip!activities/1.fit: the strength training activity starting \
             2026-03-03T18:00:00Z: 2 km in no time at all (its times run backwards or are all the same); \
             the distance was left out"
                .to_owned(),
        ]
    );
}

#[test]
fn a_moving_time_of_zero_judges_the_speed_over_the_elapsed_time() {
    let mut still = activity(Sport::Walking, "2026-03-02T07:00:00Z", 201);
    still.moving = Some(Duration::ZERO);
    still.distance_m = Some(31.915);
    let mut teleported = still.clone();
    teleported.distance_m = Some(9_000.0);
    let (kept, warnings, _) = checked(vec![still, teleported]);
    assert_eq!(kept[0].distance_m, Some(31.915));
    assert_eq!(kept[1].distance_m, None);
    assert_eq!(
        warnings,
        [
            "exports/watch.zip!activities/1.fit: the walking activity starting 2026-03-02T07:00:00Z: \
             9 km in 0:03:21 is 161.2 km/h, faster than anyone moves on foot (at most 45 km/h); the \
             distance was left out"
        ]
    );
}

#[test]
fn dates_before_1990_or_from_2100_leave_the_activity_out() {
    let cases = [
        ("1970-01-01T00:00:00Z", false),
        ("1989-12-31T00:00:00Z", false),
        ("1989-12-31T23:59:59Z", false),
        ("1990-01-01T00:00:00Z", true),
        ("2099-12-31T23:59:59Z", true),
        ("2100-01-01T00:00:00Z", false),
        ("2150-06-01T08:00:00Z", false),
    ];
    for (start, plausible) in cases {
        let (kept, warnings, left_out) = checked(vec![activity(Sport::StrengthTraining, start, 3600)]);
        assert_eq!(kept.len(), usize::from(plausible), "{start}");
        assert_eq!(left_out, usize::from(!plausible), "{start}");
        if !plausible {
            let why = if start < "2000" {
                "it is dated before 1990, the date of a device whose clock was never set (FIT's epoch is \
                 1989-12-31) or of a corrupt field; the activity was left out"
            } else {
                "it is dated 2100 or later, the date of a broken clock or a corrupt field; the activity was \
                 left out"
            };
            assert_eq!(
                warnings,
                [format!(
                    "exports/watch.zip!activities/1.fit: the strength training activity starting {start}: {why}"
                )]
            );
        }
    }
}

#[test]
fn an_endless_elapsed_time_falls_back_to_the_moving_time_or_leaves_the_activity_out() {
    let fifteen_days = 15 * 24 * 3600;
    let mut with_moving = run(fifteen_days);
    with_moving.moving = Some(Duration::from_secs(7200));
    let (kept, warnings, left_out) = checked(vec![with_moving, run(fifteen_days)]);
    assert_eq!(left_out, 1);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].elapsed, Duration::from_secs(7200));
    assert_eq!(kept[0].moving, Some(Duration::from_secs(7200)));
    assert_eq!(
        warnings,
        [
            format!(
                "{PREFIX}the elapsed time 360:00:00 is longer than 14 days; it was left out and the moving \
                 time 2:00:00 stands in for it"
            ),
            format!(
                "{PREFIX}the elapsed time 360:00:00 is longer than 14 days and there is no moving time; \
                 the activity was left out"
            ),
        ]
    );
    // Exactly 14 days is plausible.
    let (kept, warnings, _) = checked(vec![run(14 * 24 * 3600)]);
    assert_eq!(kept.len(), 1);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_moving_time_longer_than_the_elapsed_time_is_left_out_beyond_rounding() {
    let mut rounded = run(3600);
    rounded.moving = Some(Duration::from_millis(3_601_000));
    let mut broken = run(3600);
    broken.moving = Some(Duration::from_secs(5400));
    let (kept, warnings, _) = checked(vec![rounded, broken]);
    assert_eq!(kept[0].moving, Some(Duration::from_secs(3601)));
    assert_eq!(kept[1].moving, None);
    assert_eq!(
        warnings,
        [format!(
            "{PREFIX}the moving time 1:30:00 is longer than the elapsed time 1:00:00; the moving time was \
             left out"
        )]
    );
}

#[test]
fn a_moving_time_of_more_than_14_days_is_left_out() {
    let mut a = run(3600);
    a.moving = Some(Duration::from_secs(20 * 24 * 3600));
    let (kept, warnings, _) = checked(vec![a]);
    assert_eq!(kept[0].moving, None);
    assert_eq!(kept[0].elapsed, Duration::from_secs(3600));
    assert_eq!(
        warnings,
        [format!(
            "{PREFIX}the moving time 480:00:00 is longer than 14 days; it was left out"
        )]
    );
}

fn set(name: &str, reps: Option<u32>, weight_kg: Option<f64>) -> StrengthSet {
    let mut set = StrengthSet::new(name);
    set.reps = reps;
    set.weight_kg = weight_kg;
    set
}

#[test]
fn absurd_set_values_are_left_out_with_one_warning_per_kind_of_value() {
    let mut a = activity(Sport::StrengthTraining, "2026-03-03T18:00:00Z", 3600);
    a.sets = vec![
        set("Squat (Barbell)", Some(5), Some(100.0)),
        set("Squat (Barbell)", Some(50_000), Some(100.0)),
        set("Bench Press (Barbell)", Some(5), Some(2_000.0)),
        set("Bench Press (Barbell)", Some(5), Some(f64::NAN)),
        set("Bench Press (Barbell)", Some(5), Some(-20.0)),
        set("Plank", None, None),
        set("Farmer's Walk", Some(1), Some(40.0)),
    ];
    a.sets[5].duration = Some(Duration::from_secs(25 * 3600));
    a.sets[6].distance_m = Some(f64::INFINITY);
    let (kept, warnings, _) = checked(vec![a]);
    let sets = &kept[0].sets;
    assert_eq!(sets.len(), 7, "sets are kept, only their absurd values go");
    assert_eq!((sets[0].reps, sets[0].weight_kg), (Some(5), Some(100.0)));
    assert_eq!((sets[1].reps, sets[1].weight_kg), (None, Some(100.0)));
    assert_eq!((sets[2].reps, sets[2].weight_kg), (Some(5), None));
    assert_eq!(sets[3].weight_kg, None);
    assert_eq!(sets[4].weight_kg, None);
    assert_eq!(sets[5].duration, None);
    assert_eq!((sets[6].weight_kg, sets[6].distance_m), (Some(40.0), None));
    let prefix =
        "exports/watch.zip!activities/1.fit: the strength training activity starting 2026-03-03T18:00:00Z: ";
    assert_eq!(
        warnings,
        [
            format!(
                "{prefix}the repetitions of set 2 (Squat (Barbell)) is 50000, more than 10000; it was left out"
            ),
            format!(
                "{prefix}the weight of set 3 (Bench Press (Barbell)) 2000 kg is outside 0 kg to 1500 kg; it \
                 was left out, and so was the weight of 2 more sets"
            ),
            format!("{prefix}the duration of set 6 (Plank) is 25:00:00, longer than a day; it was left out"),
            format!("{prefix}the distance of set 7 (Farmer's Walk) is inf, not a number; it was left out"),
        ]
    );
}

#[test]
fn more_sets_than_one_session_can_hold_leave_the_activity_out() {
    let mut at_bound = activity(Sport::StrengthTraining, "2026-03-03T18:00:00Z", 3600);
    at_bound.sets = vec![set("Squat", Some(5), Some(60.0)); MAX_SETS];
    let mut over = activity(Sport::StrengthTraining, "2026-03-04T18:00:00Z", 3600);
    over.sets = vec![set("Squat", Some(5), Some(60.0)); MAX_SETS + 1];
    let (kept, warnings, left_out) = checked(vec![at_bound, over]);
    assert_eq!(left_out, 1);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].sets.len(), 5000);
    assert_eq!(
        warnings,
        [
            "exports/watch.zip!activities/1.fit: the strength training activity starting \
             2026-03-04T18:00:00Z: it holds 5001 sets, more than the 5000 one session can have; the \
             activity was left out"
        ]
    );
}

#[test]
fn a_file_whose_every_activity_is_impossible_is_an_error_not_a_success() {
    use crate::{FileStatus, ImportOptions, Origin, parse_bytes};
    let gpx = r#"<?xml version="1.0"?>
<gpx version="1.1" creator="a watch without a clock" xmlns="http://www.topografix.com/GPX/1/1">
<trk><type>running</type><trkseg>
<trkpt lat="52.5" lon="13.4"><time>1970-01-01T00:00:00Z</time></trkpt>
<trkpt lat="52.509" lon="13.4"><time>1970-01-01T00:05:00Z</time></trkpt>
</trkseg></trk></gpx>"#;
    let path = std::path::Path::new("runs/epoch.gpx");
    let report = parse_bytes(gpx.as_bytes(), path, Origin::Named, &ImportOptions::default());
    assert_eq!(report.status, FileStatus::Error);
    assert!(report.activities.is_empty());
    assert_eq!(report.skip_reason, None);
    assert_eq!(report.problems.len(), 1);
    let message = report.problems[0].to_string();
    assert!(
        message.starts_with(
            "runs/epoch.gpx: the running activity starting 1970-01-01T00:00:00Z: it is dated before 1990"
        ),
        "{message}"
    );
    assert!(message.ends_with("the activity was left out"), "{message}");
}

#[test]
fn a_file_with_one_impossible_activity_among_good_ones_is_partial() {
    use crate::{FileStatus, ImportOptions, Origin, parse_bytes};
    let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
               1970-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n\
               2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n\
               2026-01-05 18:00:00,Legs,45m,Squat (Barbell),2,80,5,0,0,\n";
    let path = std::path::Path::new("strong.csv");
    let report = parse_bytes(csv.as_bytes(), path, Origin::Named, &ImportOptions::default());
    assert_eq!(report.status, FileStatus::Partial);
    assert_eq!(report.activities.len(), 1);
    assert_eq!(report.activities[0].sets.len(), 2);
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0]
            .to_string()
            .starts_with("strong.csv: the strength training activity starting 1970-01-05T"),
        "{}",
        report.problems[0]
    );
}

#[test]
fn a_fit_motorcycling_session_keeps_its_distance() {
    // FIT sport 22 is `motorcycling` ([`Sport::from_fit`]): 300 km in two hours is a fine
    // motorbike tour, though no bicycle could do it.
    let mut tour = activity(
        Sport::from_fit("motorcycling", None),
        "2026-03-02T07:00:00Z",
        7200,
    );
    tour.distance_m = Some(300_000.0);
    let (kept, warnings, left_out) = checked(vec![tour]);
    assert_eq!((left_out, warnings.len()), (0, 0), "{warnings:?}");
    assert_eq!(kept[0].sport, Sport::Other("motorcycling".to_owned()));
    assert_eq!(kept[0].distance_m, Some(300_000.0));

    let mut ride = activity(Sport::from_fit("cycling", None), "2026-03-02T07:00:00Z", 7200);
    ride.distance_m = Some(300_000.0);
    let (kept, warnings, _) = checked(vec![ride]);
    assert_eq!(kept[0].distance_m, None);
    assert!(
        warnings[0].contains("faster than anyone moves by bike"),
        "{warnings:?}"
    );
}
