//! Every dialect on its hand-written fixture in `fixtures/csv/`, read as a runner in Berlin who
//! logs in kilograms would: exact sets, reps, volume, durations and distances, worked out by
//! hand from the files (the comments show the sums).

use std::path::PathBuf;
use std::time::Duration;

use jiff::tz::TimeZone;
use runlift_csv::{CsvDialect, CsvOptions, detect, parse};
use runlift_model::{Activity, Parsed, RunKind, SetKind, SourceRef, Sport, Venue};

fn read(name: &str, dialect: CsvDialect) -> Parsed {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/csv")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(detect(&bytes), Some(dialect), "{name}");
    let options = CsvOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
        ..CsvOptions::default()
    };
    let source = SourceRef::file(name, dialect.source_format());
    let parsed = parse(&bytes, dialect, &source, &options).expect(name);
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None, "{name}");
    parsed
}

/// What a strength session comes to: (start in UTC, elapsed seconds, sets, working sets, reps,
/// volume in kg).
type Summary = (String, u64, usize, usize, u32, f64);

fn summary(activity: &Activity) -> Summary {
    (
        activity.start.to_string(),
        activity.elapsed.as_secs(),
        activity.sets.len(),
        activity.working_sets(),
        activity.sets.iter().filter_map(|s| s.reps).sum(),
        activity
            .sets
            .iter()
            .map(|s| s.weight_kg.unwrap_or(0.0) * f64::from(s.reps.unwrap_or(0)))
            .sum(),
    )
}

fn summaries(parsed: &Parsed) -> Vec<Summary> {
    parsed.activities.iter().map(summary).collect()
}

fn s(start: &str, elapsed: u64, sets: usize, working: usize, reps: u32, volume: f64) -> Summary {
    (start.to_owned(), elapsed, sets, working, reps, volume)
}

#[test]
fn strong_newer_export() {
    let parsed = read("strong-newer-export.csv", CsvDialect::Strong);
    assert_eq!(
        summaries(&parsed),
        [
            // 4 squat (1 warm-up) + 2 split squat + 2 carries + 2 planks; the rest timer is no
            // set. Reps 8 + 15 + 16; volume 40*8 + 75*15 + 16*16.
            s("2026-02-10T17:30:00Z", 3000, 10, 9, 39, 1701.0),
            // 4 bench (1 warm-up) + 2 chin-ups + 3 rows (1 drop set, which is work).
            // Reps 33 + 15 + 34; volume 40*10 + 62.5*23 + 55*24 + 40*10.
            s("2026-02-13T06:15:00Z", 2700, 9, 8, 82, 3557.5),
        ]
    );
    let legs = &parsed.activities[0];
    assert_eq!(legs.name.as_deref(), Some("Legs & Core"));
    assert_eq!(legs.sets[6].distance_m, Some(40.0));
    assert_eq!(legs.sets[8].duration, Some(Duration::from_secs(75)));
    assert_eq!(parsed.activities[1].sets[8].kind, SetKind::Drop);
}

#[test]
fn strong_legacy_semicolon_export_with_decimal_commas() {
    let parsed = read("strong-legacy-semicolon.csv", CsvDialect::Strong);
    // Reps 5+5+5+4 + 12+12; volume 60*5 + 102.5*14 + 17.5*24.
    assert_eq!(
        summaries(&parsed),
        [s("2026-02-17T17:45:00Z", 3300, 10, 9, 43, 2155.0)]
    );
    let sets = &parsed.activities[0].sets;
    assert_eq!(sets[1].weight_kg, Some(102.5));
    assert_eq!((sets[6].distance_m, sets[6].weight_kg), (Some(25.0), Some(80.0)));
    assert_eq!(sets[9].duration, Some(Duration::from_secs(45)));
    assert_eq!(sets[9].exercise.map(|e| e.key), Some("side_plank"));
}

#[test]
fn hevy() {
    let parsed = read("hevy.csv", CsvDialect::Hevy);
    assert_eq!(
        summaries(&parsed),
        [
            // Warm-up on the bike, 3 deadlifts (1 warm-up), 2 pulldowns, 2 face pulls,
            // 3 hammer curls (a failure and a drop set). Reps 15 + 19 + 30 + 24; volume
            // 60*5 + 100*10 + 55*19 + 20*30 + 14*18 + 10*6. 18:05 to 19:12.
            s("2026-02-11T17:05:00Z", 67 * 60, 11, 10, 88, 3257.0),
            // 2 planks of 60 s, 2 leg raises, 2 cable crunches; 09:30 to 09:52.
            s("2026-02-14T08:30:00Z", 22 * 60, 6, 6, 52, 1200.0),
        ]
    );
    let pull = &parsed.activities[0];
    assert_eq!(pull.name.as_deref(), Some("Pull Day"));
    assert_eq!(pull.sets[0].name(), "Warm Up");
    assert_eq!(pull.sets[0].exercise, None);
    assert_eq!(pull.sets[0].duration, Some(Duration::from_secs(300)));
    let kinds: Vec<SetKind> = pull.sets[8..].iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SetKind::Working, SetKind::Failure, SetKind::Drop]);
    assert_eq!(
        parsed.activities[1].sets[0].duration,
        Some(Duration::from_secs(60))
    );
}

#[test]
fn fitnotes() {
    let parsed = read("fitnotes.csv", CsvDialect::FitNotes);
    assert_eq!(
        summaries(&parsed),
        [
            // 3 bench, 2 seated presses, 1 Y-T-W, 1 plank. Reps 23 + 19 + 10; volume
            // 60*23 + 20*19 + 2.5*10. FitNotes has no times: midnight in Berlin, no length.
            s("2026-02-18T23:00:00Z", 0, 7, 7, 52, 1785.0),
            // 3 squats, 2 leg presses, 1 row on the ergometer. Volume 80*15 + 140*20.
            s("2026-02-20T23:00:00Z", 0, 6, 6, 35, 4000.0),
        ]
    );
    let first = &parsed.activities[0].sets;
    assert_eq!(first[5].exercise.map(|e| e.key), Some("other_upper_body"));
    assert_eq!(first[6].duration, Some(Duration::from_secs(90)));
    let row = &parsed.activities[1].sets[5];
    assert_eq!(
        (row.distance_m, row.duration),
        (Some(2000.0), Some(Duration::from_secs(490)))
    );
}

#[test]
fn fitbod() {
    let parsed = read("fitbod.csv", CsvDialect::Fitbod);
    assert_eq!(
        summaries(&parsed),
        [
            // Newest first in the file, oldest first out. 1 warm-up hack squat, 3 squats, 3
            // dumbbell bench presses, 1 plank, 1 treadmill run. Reps 6 + 15 + 30; volume
            // 20*6 + 100*15 + 22.6796185*30 (the weight of one dumbbell, 50 lb, as logged).
            // Every row carries the one stamp: the length is unknown.
            s("2026-02-09T17:05:12Z", 0, 9, 8, 51, 2300.388555),
            // 1 warm-up and 2 deadlifts, 3 pull-ups, 2 lunges. Reps 5 + 10 + 24 + 20; volume
            // 60*5 + 140*10 + 11.3398093*20.
            s("2026-02-12T06:30:00Z", 0, 8, 7, 59, 1926.796186),
        ]
    );
    let monday = &parsed.activities[0];
    assert_eq!(monday.sport, Sport::StrengthTraining);
    // Fitbod writes UTC: the local day comes from the report's time zone.
    assert_eq!(monday.utc_offset, None);
    assert_eq!(monday.sets[0].kind, SetKind::WarmUp);
    assert_eq!(monday.sets[4].weight_kg, Some(22.6796185));
    assert_eq!(monday.sets[7].duration, Some(Duration::from_secs(60)));
    let treadmill = &monday.sets[8];
    assert_eq!(
        (treadmill.name(), treadmill.duration, treadmill.distance_m),
        (
            "Running - Treadmill",
            Some(Duration::from_secs(600)),
            Some(1609.0)
        )
    );
    assert_eq!(parsed.activities[1].sets[3].weight_kg, None);
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n.starts_with("5 sets were logged with a Fitbod multiplier")),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn runkeeper_in_miles() {
    let parsed = read("runkeeper-cardioActivities-miles.csv", CsvDialect::Runkeeper);
    let rows: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.distance_m,
                a.elevation_gain_m,
                a.avg_heart_rate,
            )
        })
        .collect();
    let run = Sport::Running(RunKind::Unspecified);
    assert_eq!(
        rows,
        [
            // 08:05:33 in Berlin in summer; 1:02:15; 6.20 mi; 164 ft.
            (
                run.clone(),
                "2025-09-20T06:05:33Z".to_owned(),
                3735,
                Some(9977.9328),
                Some(49.9872),
                Some(158.0)
            ),
            (
                Sport::Elliptical,
                "2025-09-18T15:45:00Z".to_owned(),
                1510,
                None,
                None,
                None
            ),
            (
                run,
                "2025-09-16T04:50:00Z".to_owned(),
                1710,
                Some(4988.9664),
                None,
                None
            ),
        ]
    );
    let first = &parsed.activities[0];
    assert_eq!(first.name.as_deref(), Some("Park loop"));
    assert_eq!(first.moving, Some(Duration::from_secs(3735)));
    assert_eq!(first.utc_offset.map(|o| o.seconds()), Some(7200));
    assert_eq!(first.source_file_hint.as_deref(), Some("2025-09-20-080533.gpx"));
    assert_eq!(parsed.activities[1].source_file_hint, None);
}

#[test]
fn zepp_sport() {
    let parsed = read("zepp-SPORT.csv", CsvDialect::Zepp);
    let rows: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.distance_m,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                Sport::Running(RunKind::Unspecified),
                "2026-02-16T06:31:05Z".to_owned(),
                1925,
                Some(5612.0)
            ),
            (
                Sport::Running(RunKind::Treadmill),
                "2026-02-17T17:00:00Z".to_owned(),
                1800,
                Some(4500.0)
            ),
            (
                Sport::StrengthTraining,
                "2026-02-18T18:10:00Z".to_owned(),
                2700,
                None
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                "2026-02-21T09:00:00Z".to_owned(),
                5400,
                Some(30250.0)
            ),
            (
                Sport::Walking,
                "2026-02-22T15:30:00Z".to_owned(),
                2400,
                Some(3200.0)
            ),
            (
                Sport::Other("zepp_999".to_owned()),
                "2026-02-22T18:00:00Z".to_owned(),
                1200,
                Some(800.0)
            ),
        ]
    );
    // Zepp writes UTC (+0000): the local day comes from the report's time zone.
    assert!(parsed.activities.iter().all(|a| a.utc_offset.is_none()));
    assert!(
        parsed.notes.iter().any(|n| n.ends_with("zepp_<code>: 999")),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn jefit() {
    let parsed = read("jefit.csv", CsvDialect::Jefit);
    assert_eq!(
        summaries(&parsed),
        [
            // Session 5001, 18:00 to 18:55 Berlin: 3 squats (three growing rows), 3 bench,
            // 2 pull-ups (two rows), a treadmill entry without sets. Reps 15 + 22 + 15;
            // volume 80*15 + 60*22.
            s("2026-02-24T17:00:00Z", 3300, 9, 9, 52, 2520.0),
            // Session 5002: 3 presses, 2 rows (the 55 kg set corrected to 52.5 kg), 2 crunch
            // sets; the fly logged as 0x0 is nothing. Volume 20*29 + 50*12 + 52.5*10.
            s("2026-02-27T06:30:00Z", 2400, 7, 7, 91, 1705.0),
            // Push-ups outside any session, on 2026-03-01: midnight in Berlin.
            s("2026-02-28T23:00:00Z", 0, 2, 2, 35, 0.0),
        ]
    );
    let rows: Vec<_> = parsed.activities[1].sets[3..5]
        .iter()
        .map(|s| (s.weight_kg, s.reps))
        .collect();
    assert_eq!(rows, [(Some(50.0), Some(12)), (Some(52.5), Some(10))]);
    let treadmill = &parsed.activities[0].sets[8];
    assert_eq!((treadmill.name(), treadmill.reps), ("Treadmill", None));
}

#[test]
fn strava_activities() {
    let parsed = read("strava-activities.csv", CsvDialect::StravaActivities);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.avg_heart_rate,
                a.source_file_hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                "2026-02-09T06:32:10Z".to_owned(),
                2890,
                Some(2810),
                Some(8412.5),
                Some(148.0),
                Some("activities/10000000001.fit.gz")
            ),
            (
                Sport::StrengthTraining,
                "2026-02-12T17:00:00Z".to_owned(),
                3600,
                Some(3600),
                None,
                None,
                None
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                "2026-02-15T09:15:00Z".to_owned(),
                5420,
                Some(5300),
                Some(38204.0),
                Some(131.0),
                Some("activities/10000000003.gpx")
            ),
            (
                Sport::Running(RunKind::Trail),
                "2026-02-22T08:05:43Z".to_owned(),
                4210,
                Some(4105),
                Some(12051.3),
                Some(152.0),
                Some("activities/10000000004.fit.gz")
            ),
            (
                // "Virtual Run": Zwift, on a treadmill in a virtual world.
                Sport::Running(RunKind::Virtual),
                "2026-02-25T18:00:00Z".to_owned(),
                1805,
                Some(1805),
                Some(5000.0),
                Some(139.0),
                Some("activities/10000000005.fit.gz")
            ),
            (
                Sport::Yoga,
                "2026-02-28T19:30:00Z".to_owned(),
                2700,
                Some(2700),
                None,
                None,
                None
            ),
        ]
    );
    let trail = &parsed.activities[3];
    assert_eq!(trail.name.as_deref(), Some("Trail Run Grunewald"));
    assert_eq!(
        (trail.elevation_gain_m, trail.perceived_effort),
        (Some(155.5), Some(7.0))
    );
    assert!(parsed.activities.iter().all(|a| a.utc_offset.is_none()));
}

#[test]
fn garmin_connect_activities() {
    let parsed = read("garmin-activities.csv", CsvDialect::GarminActivities);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed,
                a.moving,
                a.distance_m,
                a.elevation_gain_m,
                a.sets.len(),
            )
        })
        .collect();
    let secs = Duration::from_secs;
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                "2026-02-09T17:02:11Z".to_owned(),
                secs(3235),
                Some(secs(3140)),
                Some(10020.0),
                Some(58.0),
                0
            ),
            // Strength: the timer's 48:30 is the training time; 14 sets without names.
            (
                Sport::StrengthTraining,
                "2026-02-11T06:00:12Z".to_owned(),
                secs(2942),
                Some(secs(2910)),
                None,
                None,
                14
            ),
            (
                Sport::Running(RunKind::Treadmill),
                "2026-02-18T05:45:00Z".to_owned(),
                secs(2100),
                Some(secs(2100)),
                Some(6400.0),
                None,
                0
            ),
            // A pool swim's "1,500" is metres.
            (
                Sport::Swimming,
                "2026-02-20T11:15:30Z".to_owned(),
                secs(2405),
                Some(secs(2020)),
                Some(1500.0),
                None,
                0
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                "2026-02-22T09:02:00Z".to_owned(),
                secs(6093),
                Some(secs(5402)),
                Some(42350.0),
                Some(285.0),
                0
            ),
        ]
    );
    let hr: Vec<_> = parsed.activities.iter().map(|a| a.avg_heart_rate).collect();
    assert_eq!(
        hr,
        [Some(146.0), Some(112.0), Some(150.0), Some(128.0), Some(128.0)]
    );
}

#[test]
fn garmin_connect_activities_with_decimal_commas() {
    let parsed = read(
        "garmin-activities-decimal-comma.csv",
        CsvDialect::GarminActivities,
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.name.as_deref(),
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.elevation_gain_m,
                a.sets.len(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Some("Laufen am Morgen"),
                2320,
                Some(2275),
                Some(7250.0),
                Some(41.0),
                0
            ),
            (Some("Krafttraining"), 2730, Some(2700), None, None, 12),
        ]
    );
}

#[test]
fn runlift_csv() {
    let parsed = read("runlift.csv", CsvDialect::Runlift);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.name.as_deref(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.distance_m,
                a.sets.len(),
                a.working_sets(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                Some("Easy run"),
                "2026-02-23T06:00:00Z".to_owned(),
                2710,
                Some(8100.0),
                0,
                0
            ),
            (
                Sport::StrengthTraining,
                Some("Garage gym"),
                "2026-02-25T17:00:00Z".to_owned(),
                2400,
                None,
                7,
                6
            ),
            (
                Sport::Running(RunKind::Trail),
                Some("Long trail run"),
                "2026-02-28T08:30:00Z".to_owned(),
                6720,
                Some(21400.0),
                0,
                0
            ),
            (
                Sport::Swimming,
                None,
                "2026-03-01T09:00:00Z".to_owned(),
                1800,
                Some(1500.0),
                0,
                0
            ),
        ]
    );
    // 1 warm-up + 3 work sets of squats, 2 dips, 1 plank: reps 8 + 15 + 18; volume 40*8 + 80*15.
    let gym = summary(&parsed.activities[1]);
    assert_eq!((gym.4, gym.5), (41, 1520.0));
}

#[test]
fn the_documented_example_is_the_fixture() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/formats/runlift-csv.md")).unwrap();
    let example = doc
        .split_once("```csv\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("a csv block in docs/formats/runlift-csv.md");
    let fixture = std::fs::read_to_string(root.join("fixtures/csv/runlift.csv")).unwrap();
    assert_eq!(example, fixture.trim_start_matches('\u{feff}'));
}

/// A cardio session read from a gym app: (sport, name, start in UTC, elapsed seconds,
/// distance in metres).
fn cardio(activity: &Activity) -> (Sport, String, String, u64, Option<f64>) {
    assert!(activity.sets.is_empty(), "{:?}", activity.name);
    (
        activity.sport.clone(),
        activity.name.clone().unwrap_or_default(),
        activity.start.to_string(),
        activity.elapsed.as_secs(),
        activity.distance_m,
    )
}

#[test]
fn strong_2025_export_with_cardio_notes_and_a_forgotten_timer() {
    let parsed = read("strong-2025.csv", CsvDialect::Strong);
    let sports: Vec<Sport> = parsed.activities.iter().map(|a| a.sport.clone()).collect();
    assert_eq!(
        sports,
        [
            Sport::StrengthTraining,
            Sport::Running(RunKind::Treadmill),
            Sport::Rowing(Venue::Indoor),
            Sport::Cycling(Venue::Indoor),
            Sport::StrengthTraining
        ]
    );
    // Workout 12, 18:00 to 19:15 in Berlin: 18 min on the treadmill, then the lifts, then 8
    // min on the rower. The lifts keep 75 - 18 - 8 = 49 min from 18:18: squat (1 warm-up, the
    // note and rest-timer rows are no sets), 2 Romanian deadlifts, 2 planks. Reps 8 + 10 +
    // 20; volume 40*8 + 80*10 + 60*20.
    assert_eq!(
        summary(&parsed.activities[0]),
        s("2025-03-03T17:18:00Z", 49 * 60, 7, 6, 38, 2320.0)
    );
    let plank = &parsed.activities[0].sets[6];
    assert_eq!(
        (plank.reps, plank.duration),
        (None, Some(Duration::from_secs(45)))
    );
    assert_eq!(
        cardio(&parsed.activities[1]),
        (
            Sport::Running(RunKind::Treadmill),
            "Run + Legs: Running (Treadmill)".to_owned(),
            "2025-03-03T17:00:00Z".to_owned(),
            1080,
            Some(3000.0)
        )
    );
    assert_eq!(
        cardio(&parsed.activities[2]),
        (
            Sport::Rowing(Venue::Indoor),
            "Run + Legs: Rowing (Machine)".to_owned(),
            "2025-03-03T18:07:00Z".to_owned(),
            480,
            Some(2000.0)
        )
    );
    // A workout of one cardio exercise is that session alone, under the workout's name.
    assert_eq!(
        cardio(&parsed.activities[3]),
        (
            Sport::Cycling(Venue::Indoor),
            "Easy spin".to_owned(),
            "2025-03-05T06:00:00Z".to_owned(),
            1800,
            Some(12500.0)
        )
    );
    // 52 h on the timer for 4 sets: the length is dropped for the estimate from the sets.
    // Reps 10 + 12 + 8; volume 40*10 + 70*12 + 40*8.
    assert_eq!(
        summary(&parsed.activities[4]),
        s("2025-03-07T17:30:00Z", 0, 4, 3, 30, 1560.0)
    );
    assert!(
        parsed.notes.iter().any(|n| n
            == "1 workout lasts far longer than its sets could take, a timer left running? \
                (\"Push\" of 2025-03-07 18:30: 52 h by its timer, 12 min from its 4 sets). Its \
                time is estimated from the sets instead: sets x \
                estimates.strength_seconds_per_set (180 s by default)."),
        "{:?}",
        parsed.notes
    );
}

/// Volume in kilograms rounded to grams, for loads converted from pounds.
fn grams(summary: Summary) -> (String, u64, usize, usize, u32, i64) {
    let (start, elapsed, sets, working, reps, volume) = summary;
    (
        start,
        elapsed,
        sets,
        working,
        reps,
        (volume * 1000.0).round() as i64,
    )
}

#[test]
fn hevy_german_app_export_in_pounds() {
    let parsed = read("hevy-de-lbs.csv", CsvDialect::Hevy);
    assert_eq!(parsed.activities.len(), 3);
    // "1 Sept. 2026, 07:30" to "08:41" in Berlin. Bench: a warm-up, a working and a failure
    // set; pushdowns (a drop set) and raises as a superset. Reps 19 + 20 + 27; volume in
    // pounds 95*10 + 185*9 + 60*12 + 45*8 + 20*27 = 4235, 1920.96 kg.
    assert_eq!(
        grams(summary(&parsed.activities[0])),
        ("2026-09-01T05:30:00Z".to_owned(), 71 * 60, 7, 6, 66, 1_920_964)
    );
    let push = &parsed.activities[0].sets;
    let kinds: Vec<SetKind> = push.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SetKind::WarmUp,
            SetKind::Working,
            SetKind::Failure,
            SetKind::Working,
            SetKind::Drop,
            SetKind::Working,
            SetKind::Working
        ]
    );
    let supersets: Vec<Option<u32>> = push.iter().map(|s| s.superset).collect();
    assert_eq!(supersets, [None, None, None, Some(0), Some(0), Some(0), Some(0)]);
    let rpe: Vec<Option<f64>> = push.iter().map(|s| s.rpe).collect();
    assert_eq!(
        rpe,
        [None, Some(7.0), Some(10.0), Some(8.0), None, None, Some(9.5)]
    );
    // "16 Juni 2026, 18:00" to "18:45": a 15-minute run first, then squats and a plank.
    assert_eq!(
        cardio(&parsed.activities[2]),
        (
            Sport::Running(RunKind::Unspecified),
            "Beine: Running".to_owned(),
            "2026-06-16T16:00:00Z".to_owned(),
            900,
            Some(2500.0)
        )
    );
    assert_eq!(
        grams(summary(&parsed.activities[1])),
        ("2026-06-16T16:15:00Z".to_owned(), 30 * 60, 3, 3, 10, 1_020_583)
    );
}

#[test]
fn hevy_french_export_in_kilograms_and_miles_without_set_index() {
    let parsed = read("hevy-fr-no-set-index.csv", CsvDialect::Hevy);
    // "12 sept. 2024, 18:05" to "19:02": deadlifts (1 warm-up), pull-ups, a carry, then 9 min
    // on the rower, which ends the workout. Reps 15 + 8; volume 60*5 + 120*10.
    assert_eq!(
        summaries(&parsed)[0],
        s("2024-09-12T16:05:00Z", 48 * 60, 5, 4, 23, 1500.0)
    );
    assert_eq!(parsed.activities[0].sets[4].distance_m, Some(0.05 * 1609.344));
    assert_eq!(
        cardio(&parsed.activities[1]),
        (
            Sport::Rowing(Venue::Indoor),
            "Tirage: Rowing Machine".to_owned(),
            "2024-09-12T16:53:00Z".to_owned(),
            540,
            Some(1.25 * 1609.344)
        )
    );
    // "3 févr. 2025, 07:10" to "07:58", in winter time.
    assert_eq!(
        summaries(&parsed)[2],
        s("2025-02-03T06:10:00Z", 48 * 60, 2, 2, 20, 3000.0)
    );
}

/// (sport, start in UTC, elapsed s, moving s, distance m, climb m) of each activity.
type Outline = (Sport, String, u64, Option<u64>, Option<f64>, Option<f64>);

fn outline(parsed: &Parsed) -> Vec<Outline> {
    parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.start.to_string(),
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.elevation_gain_m,
            )
        })
        .collect()
}

#[test]
fn garmin_connect_activities_in_spanish() {
    let parsed = read("garmin-activities-es.csv", CsvDialect::GarminActivities);
    assert_eq!(
        outline(&parsed),
        [
            // 1:06:47 with no moving or elapsed column: both are the time.
            (
                Sport::Running(RunKind::Unspecified),
                "2026-03-03T05:30:54Z".to_owned(),
                4007,
                Some(4007),
                Some(8680.0),
                Some(230.0)
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                "2026-03-05T16:45:00Z".to_owned(),
                3510,
                Some(3510),
                Some(24100.0),
                Some(312.0)
            ),
        ]
    );
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Metepec Carrera"));
    assert_eq!(parsed.activities[0].avg_heart_rate, Some(124.0));
}

#[test]
fn garmin_connect_activities_in_italian_with_decimal_commas() {
    let parsed = read("garmin-activities-it.csv", CsvDialect::GarminActivities);
    assert_eq!(
        outline(&parsed),
        [
            // Tempo trascorso 00:47:20, Tempo in movimento 00:45:31, 8,42 km, 36 m up.
            (
                Sport::Running(RunKind::Unspecified),
                "2026-03-02T06:15:40Z".to_owned(),
                2840,
                Some(2731),
                Some(8420.0),
                Some(36.0)
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                "2026-03-04T17:02:00Z".to_owned(),
                4142,
                Some(3830),
                Some(31700.0),
                Some(210.0)
            ),
        ]
    );
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n == "numbers were read with a decimal comma, the convention of this export")
    );
}

/// A header in a language without a table (a hand-written Polish one): recognised by Garmin's
/// structure, read by the places of its columns, its unknown types kept and reported.
#[test]
fn garmin_connect_activities_in_an_unknown_language_are_read_by_structure() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/csv/garmin-activities-unknown-language.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(detect(&bytes), Some(CsvDialect::GarminActivities));
    let options = CsvOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
        ..CsvOptions::default()
    };
    let source = SourceRef::file("garmin.csv", CsvDialect::GarminActivities.source_format());
    let parsed = parse(&bytes, CsvDialect::GarminActivities, &source, &options).unwrap();
    let other = |name: &str| Sport::Other(name.to_owned());
    assert_eq!(
        outline(&parsed),
        [
            // Only the time (Czas) is read: moving and elapsed time are past the eighth column.
            (
                other("bieganie"),
                "2026-03-06T06:00:00Z".to_owned(),
                3130,
                Some(3130),
                Some(10050.0),
                None
            ),
            (
                other("trening_siłowy"),
                "2026-03-07T17:00:00Z".to_owned(),
                2400,
                Some(2400),
                None,
                None
            ),
            (
                other("bieganie"),
                "2026-03-08T08:30:00Z".to_owned(),
                4890,
                Some(4890),
                Some(15200.0),
                None
            ),
        ]
    );
    assert_eq!(parsed.activities[0].avg_heart_rate, Some(150.0));
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Kraków Bieganie"));
    let warnings: Vec<String> = parsed.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "garmin.csv: record 1 (line 2): 3 activities of types runlift does not know \
          (\"Bieganie\" (2), \"Trening siłowy\" (1)) kept as other sports; in this language they \
          may be runs or rides that runlift cannot count as such (its README lists the languages \
          it knows)"
        ]
    );
    assert!(
        parsed.notes.iter().any(|n| n.starts_with(
            "the header is in a language runlift has no table for; the file has Garmin Connect's structure"
        )),
        "{:?}",
        parsed.notes
    );
}
