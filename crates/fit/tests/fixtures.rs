//! runlift-fit on FIT files whose truth is known: written by runlift-fit-testkit, the same
//! files in `fixtures/athlete/` and `fixtures/fit/`. Every expected value below is the one the file was written with.

use std::time::Duration;

use runlift_fit::{is_fit, parse_fit};
use runlift_fit_testkit::messages::{self, Summary, file_type, sport};
use runlift_fit_testkit::{DeveloperField, FitWriter, Value, fit_time, fixtures};
use runlift_model::{
    Activity, MuscleGroup, ParseErrorKind, Parsed, Position, RunKind, SourceFormat, SourceRef, Sport,
};

fn source() -> SourceRef {
    SourceRef::file("test.fit", SourceFormat::Fit)
}

fn parse(bytes: &[u8]) -> Parsed {
    parse_fit(bytes, &source()).expect("readable")
}

fn only(parsed: &Parsed) -> &Activity {
    assert_eq!(parsed.activities.len(), 1, "{parsed:?}");
    &parsed.activities[0]
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// (exercise name, reps, weight, muscle groups) of each set.
type SetRow = (String, Option<u32>, Option<f64>, &'static [MuscleGroup]);

fn set_rows(activity: &Activity) -> Vec<SetRow> {
    activity
        .sets
        .iter()
        .map(|s| (s.name().to_owned(), s.reps, s.weight_kg, s.muscle_groups()))
        .collect()
}

fn total_reps(activity: &Activity) -> u32 {
    activity.sets.iter().filter_map(|s| s.reps).sum()
}

const LOWER: &[MuscleGroup] = &[MuscleGroup::LowerBody];
const CORE: &[MuscleGroup] = &[MuscleGroup::Core];
const UPPER: &[MuscleGroup] = &[MuscleGroup::UpperBody];

#[test]
fn the_committed_fixture_files_are_what_the_encoder_writes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for fixture in fixtures::all() {
        let path = dir.join(fixture.path);
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            on_disk == fixture.bytes,
            "{} differs from the encoder's output: run `cargo run -p runlift-fit-testkit --bin make-fit-fixtures`",
            path.display()
        );
    }
}

#[test]
fn a_run_with_a_pause_keeps_elapsed_timer_distance_and_its_utc_offset() {
    let parsed = parse(&fixtures::run_with_pause().finish());
    let run = only(&parsed);
    assert_eq!(run.sport, Sport::Running(RunKind::Road));
    assert_eq!(run.start.to_string(), "2026-02-03T05:30:00Z");
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(3600));
    assert_eq!(run.elapsed, secs(1920));
    assert_eq!(run.moving, Some(secs(1800)));
    assert_eq!(run.distance_m, Some(5040.0));
    assert_eq!(run.elevation_gain_m, Some(37.0));
    assert_eq!(run.avg_heart_rate, Some(148.0));
    assert_eq!(run.perceived_effort, Some(4.0));
    assert_eq!(run.name.as_deref(), Some("Run"));
    assert!(run.sets.is_empty());
    assert!(parsed.warnings.is_empty() && parsed.notes.is_empty() && parsed.nothing_to_import.is_none());
}

#[test]
fn a_strength_workout_keeps_active_sets_only_with_reps_weights_and_muscle_groups() {
    let parsed = parse(&fixtures::strength_workout().finish());
    let workout = only(&parsed);
    assert_eq!(workout.sport, Sport::StrengthTraining);
    assert_eq!(workout.start.to_string(), "2026-02-05T17:00:00Z");
    assert_eq!(workout.utc_offset.map(|o| o.seconds()), Some(3600));
    assert_eq!(workout.elapsed, secs(1245));
    assert_eq!(workout.moving, Some(secs(1245)));
    assert_eq!(workout.distance_m, None);
    assert_eq!(workout.avg_heart_rate, Some(112.0));
    assert_eq!(workout.perceived_effort, Some(7.0));
    let squat = ("Barbell Back Squat".to_owned(), Some(5), Some(100.0), LOWER);
    let plank = ("Plank".to_owned(), None, None, CORE);
    let bench = ("Barbell Bench Press".to_owned(), Some(8), Some(70.0), UPPER);
    // The exercise_title names the pull-ups.
    let pull_up = ("Strict Pull-Up".to_owned(), Some(10), None, UPPER);
    assert_eq!(
        set_rows(workout),
        vec![
            squat.clone(),
            squat.clone(),
            squat,
            plank.clone(),
            plank,
            bench.clone(),
            bench.clone(),
            bench,
            pull_up.clone(),
            pull_up
        ]
    );
    assert_eq!(workout.sets[3].duration, Some(secs(60)));
    assert_eq!(workout.working_sets(), 10);
    assert_eq!(total_reps(workout), 59);
    assert_eq!(workout.sets[0].exercise.map(|e| e.key), Some("squat"));
    assert_eq!(workout.sets[8].exercise.map(|e| e.key), Some("pull_up"));
}

#[test]
fn a_multisport_file_gives_one_activity_per_session_with_the_sets_in_the_strength_one() {
    let parsed = parse(&fixtures::run_then_strength().finish());
    assert_eq!(parsed.activities.len(), 2);
    let (run, strength) = (&parsed.activities[0], &parsed.activities[1]);
    assert_eq!(run.sport, Sport::Running(RunKind::Trail));
    assert_eq!(run.start.to_string(), "2026-02-07T08:00:00Z");
    assert_eq!((run.elapsed, run.moving), (secs(2400), Some(secs(2340))));
    assert_eq!(run.distance_m, Some(6500.0));
    assert_eq!(run.elevation_gain_m, Some(120.0));
    assert_eq!(run.perceived_effort, None);
    assert!(run.sets.is_empty());
    assert_eq!(strength.sport, Sport::StrengthTraining);
    assert_eq!(strength.start.to_string(), "2026-02-07T08:42:00Z");
    assert_eq!((strength.elapsed, strength.moving), (secs(755), Some(secs(755))));
    assert_eq!(strength.perceived_effort, Some(6.0));
    assert_eq!(strength.sets.len(), 8);
    assert_eq!(total_reps(strength), 94);
    let groups: Vec<_> = strength.sets.iter().map(|s| s.muscle_groups()).collect();
    assert_eq!(groups, [LOWER, LOWER, LOWER, CORE, CORE, UPPER, UPPER, UPPER]);
    assert_eq!(strength.sets[5].name(), "Barbell Shoulder Press");
    assert_eq!(strength.sets[5].weight_kg, Some(40.0));
    for activity in &parsed.activities {
        assert_eq!(activity.utc_offset.map(|o| o.seconds()), Some(3600));
    }
}

#[test]
fn big_endian_compressed_timestamps_and_an_undescribed_developer_field_read_like_any_file() {
    let parsed = parse(&fixtures::treadmill_run_compressed().finish());
    let run = only(&parsed);
    assert_eq!(run.sport, Sport::Running(RunKind::Treadmill));
    assert_eq!(run.start.to_string(), "2026-02-10T05:45:00Z");
    assert_eq!((run.elapsed, run.moving), (secs(2700), Some(secs(2700))));
    assert_eq!(run.distance_m, Some(7200.0));
    assert_eq!(run.elevation_gain_m, None);
    assert_eq!(run.avg_heart_rate, Some(145.0));
    assert_eq!(run.perceived_effort, Some(5.0));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn the_other_demo_files_hold_their_truth() {
    let pull_day = parse(&fixtures::strength_pull_day().finish());
    let workout = only(&pull_day);
    assert_eq!(workout.start.to_string(), "2026-02-12T17:30:00Z");
    assert_eq!(workout.elapsed, secs(1035));
    assert_eq!(workout.perceived_effort, None);
    assert_eq!(
        set_rows(workout)
            .iter()
            .map(|(name, reps, weight, groups)| (name.as_str(), *reps, *weight, *groups))
            .collect::<Vec<_>>(),
        vec![
            ("Barbell Deadlift", Some(5), Some(120.0), LOWER),
            ("Barbell Deadlift", Some(5), Some(120.0), LOWER),
            ("Barbell Deadlift", Some(5), Some(120.0), LOWER),
            ("Dumbbell Row", Some(10), Some(30.0), UPPER),
            ("Dumbbell Row", Some(10), Some(30.0), UPPER),
            ("Dumbbell Row", Some(10), Some(30.0), UPPER),
            ("Barbell Rollout", Some(10), None, CORE),
            ("Barbell Rollout", Some(10), None, CORE),
        ]
    );
    let long = parse(&fixtures::long_run().finish());
    let run = only(&long);
    assert_eq!(run.sport, Sport::Running(RunKind::Road));
    assert_eq!(run.start.to_string(), "2026-02-14T21:30:00Z");
    assert_eq!((run.elapsed, run.moving), (secs(5400), Some(secs(5340))));
    assert_eq!(run.distance_m, Some(15000.0));
    assert_eq!(run.elevation_gain_m, Some(88.0));
    assert_eq!(run.avg_heart_rate, Some(139.0));
    assert_eq!(run.perceived_effort, Some(6.0));
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(3600));
}

#[test]
fn a_wrong_crc_imports_the_run_with_a_warning_at_the_crc() {
    let bytes = fixtures::run_with_pause().finish_with_wrong_crc();
    let parsed = parse(&bytes);
    assert_eq!(only(&parsed).distance_m, Some(5040.0));
    assert_eq!(parsed.warnings.len(), 1);
    let warning = &parsed.warnings[0];
    assert_eq!(warning.position(), Some(Position::Byte(bytes.len() as u64 - 2)));
    assert!(matches!(warning.kind(), ParseErrorKind::InvalidValue { field, .. } if field == "the file CRC"));
    assert!(
        warning
            .to_string()
            .starts_with("test.fit: byte 2147: the file CRC is \"0x"),
        "{warning}"
    );
}

#[test]
fn a_file_cut_mid_message_is_rebuilt_from_its_whole_records_with_a_warning_and_a_note() {
    let bytes = fixtures::cut_mid_message();
    let parsed = parse(&bytes);
    let run = only(&parsed);
    assert_eq!(run.sport, Sport::Running(RunKind::Road)); // from the sport message
    assert_eq!(run.start.to_string(), "2026-02-03T05:30:00Z");
    assert_eq!(run.elapsed, secs(1490));
    assert_eq!(run.moving, Some(secs(1370))); // from the timer events
    assert_eq!(run.distance_m, Some(3836.0));
    assert_eq!(run.utc_offset, None);
    // Where the walk stopped, and why: the header announces more than is there.
    assert_eq!(parsed.warnings.len(), 2);
    assert!(matches!(parsed.warnings[0].kind(), ParseErrorKind::Truncated(_)));
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Byte(bytes.len() as u64 - 5))
    );
    assert_eq!(
        parsed.warnings[1].to_string(),
        format!(
            "test.fit: byte {}: the file ends too early: the header announces {} bytes of messages, but only \
             {} are there",
            bytes.len(),
            u32::from_le_bytes(bytes[4..8].try_into().unwrap()),
            bytes.len() - 14
        )
    );
    assert_eq!(
        parsed.notes,
        [
            "no session message (a recording cut off, or a device that writes none): the activity was built \
          from 139 records and 0 laps"
        ]
    );
}

#[test]
fn compressed_timestamps_roll_over_every_32_seconds() {
    // No session: the activity comes from records, most of them with compressed headers, so
    // its end is right only if every 32-second rollover is.
    let start = fit_time(1_770_702_300);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::record(&mut writer, start, Some(0.0), Some(120));
    for t in (7..=1000).step_by(7) {
        let fields = messages::record_fields(None, Some(f64::from(t)), Some(130));
        writer.compressed(1, ((start + t) & 0x1F) as u8, messages::global::RECORD, &fields);
    }
    let parsed = parse(&writer.finish());
    let run = only(&parsed);
    assert_eq!(run.elapsed, secs(994)); // the last record is at 7 * 142 = 994 s
    assert_eq!(run.distance_m, Some(994.0));
}

#[test]
fn a_developer_field_without_description_is_skipped_by_its_size() {
    let start = fit_time(1_770_096_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    let developer = [DeveloperField {
        number: 3,
        developer_index: 7,
        bytes: vec![0xFF; 9],
    }];
    let summary = Summary {
        timestamp: start + 600,
        start_time: start,
        elapsed_ms: 600_000,
        timer_ms: 590_000,
        distance_m: Some(1500.0),
        ascent_m: None,
        avg_heart_rate: Some(150),
        sport: sport::RUNNING,
        sub_sport: sport::GENERIC,
        rpe_x10: None,
    };
    writer.message_with_developer_fields(
        4,
        messages::global::SESSION,
        &[
            (253, Value::U32(summary.timestamp)),
            (2, Value::U32(start)),
            (7, Value::U32(summary.elapsed_ms)),
            (8, Value::U32(summary.timer_ms)),
            (5, Value::Enum(sport::RUNNING)),
        ],
        &developer,
    );
    messages::session(&mut writer, &summary);
    let parsed = parse(&writer.finish());
    assert_eq!(parsed.activities.len(), 2);
    assert_eq!(parsed.activities[0].moving, Some(secs(590)));
    assert_eq!(parsed.activities[1].distance_m, Some(1500.0));
    assert!(parsed.warnings.is_empty());
}

#[test]
fn a_late_run_in_tokyo_carries_its_own_offset() {
    // 23:30 in Tokyo is 14:30 UTC: the run belongs to its local day, whatever this machine's
    // time zone.
    let start = fit_time(1_772_375_400);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    let run = Summary {
        timestamp: start + 1800,
        start_time: start,
        elapsed_ms: 1_800_000,
        timer_ms: 1_800_000,
        distance_m: Some(5000.0),
        ascent_m: None,
        avg_heart_rate: None,
        sport: sport::RUNNING,
        sub_sport: sport::GENERIC,
        rpe_x10: None,
    };
    messages::session(&mut writer, &run);
    messages::activity(&mut writer, start + 1800, start + 1800 + 9 * 3600, 1, 1_800_000);
    let parsed = parse(&writer.finish());
    let run = only(&parsed);
    let offset = run.utc_offset.expect("an offset");
    assert_eq!(offset.seconds(), 9 * 3600);
    assert_eq!(offset.to_datetime(run.start).to_string(), "2026-03-01T23:30:00");
}

#[test]
fn chained_files_give_the_activities_of_each() {
    let mut bytes = fixtures::run_with_pause().finish();
    bytes.extend(fixtures::strength_workout().finish());
    let parsed = parse(&bytes);
    let sports: Vec<_> = parsed.activities.iter().map(|a| a.sport.clone()).collect();
    assert_eq!(sports, [Sport::Running(RunKind::Road), Sport::StrengthTraining]);
    assert_eq!(parsed.activities[1].sets.len(), 10);
    assert!(parsed.warnings.is_empty());
    assert_eq!(parsed.notes, ["2 FIT files chained in one"]);
}

#[test]
fn a_broken_second_header_keeps_the_first_file_with_a_warning() {
    let first = fixtures::run_with_pause().finish();
    let mut bytes = first.clone();
    let mut second = fixtures::strength_workout().finish();
    second[9] = b'G'; // ".GIT"
    bytes.extend(second);
    let parsed = parse(&bytes);
    assert_eq!(only(&parsed).distance_m, Some(5040.0));
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Byte(first.len() as u64))
    );
    assert!(matches!(parsed.warnings[0].kind(), ParseErrorKind::Syntax(_)));
}

#[test]
fn a_message_of_an_undefined_local_type_stops_the_walk_after_what_was_read() {
    let mut writer = fixtures::run_with_pause();
    let before = writer.data().len();
    writer.raw(&[0x0B, 1, 2, 3]); // local type 11 was never defined
    messages::record(&mut writer, 0, Some(1.0), None);
    let bytes = writer.finish();
    let parsed = parse(&bytes);
    assert_eq!(only(&parsed).distance_m, Some(5040.0));
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].position(),
        Some(Position::Byte(14 + before as u64))
    );
    assert!(
        parsed.warnings[0].to_string().contains("local message type 11"),
        "{}",
        parsed.warnings[0]
    );
}

#[test]
fn non_activity_files_are_recognised_and_not_errors() {
    let parsed = parse(&fixtures::settings_file());
    assert!(parsed.activities.is_empty() && parsed.warnings.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("a FIT settings file, not an activity")
    );
    for (file_type, what) in [
        (file_type::WORKOUT, "a FIT workout file, not an activity"),
        (file_type::WEIGHT, "a FIT weight-scale file, not an activity"),
        (file_type::MONITORING_B, "a FIT monitoring file, not an activity"),
    ] {
        let mut writer = FitWriter::new();
        messages::file_id(&mut writer, file_type, 1);
        assert_eq!(parse(&writer.finish()).nothing_to_import.as_deref(), Some(what));
    }
}

#[test]
fn an_activity_file_with_nothing_recorded_says_so() {
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, 1);
    let parsed = parse(&writer.finish());
    assert!(parsed.activities.is_empty() && parsed.warnings.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("a FIT activity file that holds no session, lap or record")
    );
}

#[test]
fn what_is_not_fit_or_damaged_before_anything_usable_is_an_error_with_its_place() {
    assert!(!is_fit(b""));
    assert!(!is_fit(b"<?xml version=\"1.0\"?><gpx>"));
    let error = parse_fit(b"<?xml version=\"1.0\"?><gpx></gpx>", &source()).unwrap_err();
    assert!(matches!(error.kind(), ParseErrorKind::UnknownFormat(_)));
    assert_eq!(error.position(), Some(Position::Byte(0)));

    let whole = fixtures::run_with_pause().finish();
    assert!(is_fit(&whole));
    // Cut inside the file_id message: nothing usable.
    let error = parse_fit(&whole[..20], &source()).unwrap_err();
    assert!(matches!(error.kind(), ParseErrorKind::Truncated(_)), "{error}");
    assert_eq!(error.position(), Some(Position::Byte(14)));
}

#[test]
fn every_cut_and_every_flipped_byte_is_survived() {
    // No byte sequence may make the decoder panic or loop: every prefix of a file, and the
    // file with each byte replaced in turn by a few values.
    for whole in [
        fixtures::run_then_strength().finish(),
        fixtures::treadmill_run_compressed().finish(),
        fixtures::cut_mid_message(),
    ] {
        for len in 0..whole.len() {
            let _ = parse_fit(&whole[..len], &source());
        }
        let mut damaged = whole.clone();
        for i in 0..whole.len() {
            for value in [0x00, 0x47, 0xFF, whole[i] ^ 0x80] {
                damaged[i] = value;
                let _ = parse_fit(&damaged, &source());
            }
            damaged[i] = whole[i];
        }
    }
}

#[test]
fn exercise_names_come_from_the_title_the_profile_or_the_category() {
    let start = fit_time(1_770_310_800);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    // A title the classification does not know, for an exercise the profile names.
    messages::exercise_title(&mut writer, 28, 6, "Monday Special", 0);
    let sets: [(Option<u16>, Option<u16>); 7] = [
        (Some(28), Some(6)),  // squat / barbell_back_squat, titled "Monday Special"
        (Some(29), None),     // total_body, no subtype
        (Some(42), Some(0)),  // indoor_row: cardio, never a barbell row
        (Some(31), None),     // warm_up
        (Some(65534), None),  // unknown: the watch could not tell
        (None, None),         // no category at all
        (Some(27), Some(37)), // sit_up / sit_up
    ];
    for (i, (category, subtype)) in sets.into_iter().enumerate() {
        let set = messages::Set {
            start_time: start + 60 * i as u32,
            duration_ms: 30_000,
            reps: Some(10),
            weight_kg: None,
            active: true,
            category,
            subtype,
            message_index: i as u16,
        };
        messages::set(&mut writer, &set);
    }
    let session = Summary {
        timestamp: start + 420,
        start_time: start,
        elapsed_ms: 420_000,
        timer_ms: 420_000,
        distance_m: None,
        ascent_m: None,
        avg_heart_rate: None,
        sport: sport::TRAINING,
        sub_sport: sport::STRENGTH_TRAINING,
        rpe_x10: None,
    };
    messages::session(&mut writer, &session);
    let parsed = parse(&writer.finish());
    let workout = only(&parsed);
    let rows: Vec<_> = workout
        .sets
        .iter()
        .map(|s| (s.name(), s.exercise.map(|e| e.key), s.kind.name()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Monday Special (Barbell Back Squat)", Some("squat"), "working"),
            ("Total Body", Some("total_body"), "working"),
            ("Rowing Machine", None, "working"),
            ("Warm Up", None, "warm_up"),
            ("Unknown exercise", None, "working"),
            ("Unknown exercise", None, "working"),
            ("Sit Up", Some("sit_up"), "working"),
        ]
    );
    assert_eq!(workout.working_sets(), 6);
}

#[test]
fn the_first_of_garmins_guessed_categories_names_the_set() {
    // Garmin's automatic recognition writes its three best guesses; the first is the one shown.
    let start = fit_time(1_770_310_800);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    writer.message(
        7,
        messages::global::SET,
        &[
            (0, Value::U32(42_000)),
            (3, Value::U16(10)),
            (5, Value::U8(1)),
            (6, Value::U32(start)),
            (7, Value::U16Array(vec![27, 28, 30])),
            (8, Value::U16Array(vec![0xFFFF, 6, 0xFFFF])),
        ],
    );
    let session = Summary {
        timestamp: start + 60,
        start_time: start,
        elapsed_ms: 60_000,
        timer_ms: 60_000,
        distance_m: None,
        ascent_m: None,
        avg_heart_rate: None,
        sport: sport::TRAINING,
        sub_sport: sport::STRENGTH_TRAINING,
        rpe_x10: None,
    };
    messages::session(&mut writer, &session);
    let parsed = parse(&writer.finish());
    let set = &only(&parsed).sets[0];
    assert_eq!(set.name(), "Sit Up");
    assert_eq!(set.reps, Some(10));
    assert_eq!(set.duration, Some(Duration::from_millis(42_000)));
}

#[test]
fn the_full_dump_lists_every_message_with_its_fields_in_utc() {
    let dump = runlift_fit::dump_all_messages(&fixtures::strength_workout().finish(), &source()).unwrap();
    let lines: Vec<&str> = dump.lines().collect();
    assert_eq!(
        lines[0],
        "0 file_id: type=\"activity\"; manufacturer=\"development\"; product=1; time_created=2026-02-05T17:00:00Z"
    );
    assert_eq!(lines.iter().filter(|l| l.contains(" set: ")).count(), 19);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" session: ") && l.contains("sub_sport=\"strength_training\""))
    );
    // sport, exercise_title, the timer start, 19 sets, timer stop, session, activity
    assert_eq!(lines.len(), 1 + 1 + 1 + 1 + 19 + 1 + 1 + 1);
}

#[test]
fn the_full_dump_of_a_damaged_file_says_where_it_stopped() {
    let dump = runlift_fit::dump_all_messages(&fixtures::cut_mid_message(), &source()).unwrap();
    assert!(
        dump.lines()
            .last()
            .unwrap()
            .starts_with("!! stopped near byte 1517: "),
        "{dump}"
    );
    let error = runlift_fit::dump_all_messages(b"not a FIT file at all", &source()).unwrap_err();
    assert_eq!(error.position(), Some(Position::Byte(0)));
}

#[test]
fn the_full_dump_keeps_a_developer_field_named_with_a_line_break_on_its_line() {
    // An app names its developer field and its unit; here both hold a line break that would
    // start a forged line of the dump if written raw.
    let start = fit_time(1_770_702_300);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    writer.message(1, 207, &[(3, Value::U8(0))]);
    writer.message(
        2,
        206,
        &[
            (0, Value::U8(0)),
            (1, Value::U8(0)),
            (2, Value::U8(runlift_fit_testkit::base_type::UINT8)),
            (3, Value::String("power\n9 forged: x".to_owned(), 24)),
            (8, Value::String("W\r".to_owned(), 8)),
        ],
    );
    writer.message_with_developer_fields(
        3,
        messages::global::RECORD,
        &messages::record_fields(Some(start), Some(0.0), Some(120)),
        &[DeveloperField {
            number: 0,
            developer_index: 0,
            bytes: vec![250],
        }],
    );
    let dump = runlift_fit::dump_all_messages(&writer.finish(), &source()).unwrap();
    let lines: Vec<&str> = dump.lines().collect();
    assert_eq!(lines.len(), 4, "{dump}");
    assert!(
        lines[3].starts_with("3 record: ") && lines[3].ends_with(" power\\n9 forged: x=250 W\\r"),
        "{dump}"
    );
}

#[test]
fn a_movescount_session_without_distance_takes_it_from_its_laps_and_its_elapsed_time_from_the_records() {
    let parsed = parse(&fixtures::suunto_ambit3_run().finish());
    let run = only(&parsed);
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.start.to_string(), "2026-01-18T07:00:00Z");
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(7200));
    assert_eq!(run.distance_m, Some(12_700.0));
    assert_eq!(run.elapsed, secs(4110));
    assert_eq!(run.moving, Some(secs(3810)));
    assert_eq!(run.elevation_gain_m, Some(60.0));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(
        parsed.notes,
        [
            "the session has no distance; 12.70 km from 5 laps",
            "the session ends 1:03:30 after its start, but its records run to 1:08:30; the elapsed time is \
             taken from the records",
        ]
    );
}

#[test]
fn a_session_without_distance_and_laps_without_one_takes_it_from_the_records_positions() {
    let parsed = parse(&fixtures::suunto_positions_only_run().finish());
    let run = only(&parsed);
    assert_eq!(run.start.to_string(), "2026-01-21T16:30:00Z");
    assert_eq!(run.elapsed, secs(1800));
    assert_eq!(run.moving, Some(secs(1800)));
    // 360 steps of 1600 semicircles along a meridian, on the mean Earth radius.
    let expected = 360.0 * 6_371_008.8 * 1600.0 * std::f64::consts::PI / 2_147_483_648.0;
    let distance = run.distance_m.expect("a distance from the positions");
    assert!(
        (distance - expected).abs() < 1e-6,
        "{distance} m, expected {expected} m"
    );
    assert_eq!(
        parsed.notes,
        ["the session has no distance; 5.37 km from the GPS positions of its 361 records"]
    );
}

/// A run of `seconds` with records every 10 s at 3 m/s, one session without distance and
/// `laps` laps without distance either.
fn run_without_session_distance(records: bool, laps: u32) -> Vec<u8> {
    let start = fit_time(1_768_719_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    if records {
        for t in (0..=1200).step_by(10) {
            messages::record(&mut writer, start + t, Some(f64::from(t) * 3.0), Some(150));
        }
    }
    let summary = |start_time: u32, seconds: u32| Summary {
        timestamp: start_time + seconds,
        start_time,
        elapsed_ms: seconds * 1000,
        timer_ms: seconds * 1000,
        distance_m: None,
        ascent_m: None,
        avg_heart_rate: Some(150),
        sport: sport::RUNNING,
        sub_sport: sport::GENERIC,
        rpe_x10: None,
    };
    for lap in 0..laps {
        messages::lap(&mut writer, &summary(start + lap * 600, 600));
    }
    messages::session(&mut writer, &summary(start, 1200));
    writer.finish()
}

#[test]
fn a_session_without_distance_takes_the_last_cumulative_distance_of_its_records() {
    let parsed = parse(&run_without_session_distance(true, 2));
    let run = only(&parsed);
    assert_eq!(run.distance_m, Some(3600.0));
    assert_eq!(run.elapsed, secs(1200));
    assert_eq!(
        parsed.notes,
        ["the session has no distance; 3.60 km from the distance of its 121 records"]
    );
}

#[test]
fn a_session_without_distance_laps_or_records_keeps_no_distance_and_no_note() {
    let parsed = parse(&run_without_session_distance(false, 1));
    let run = only(&parsed);
    assert_eq!(run.distance_m, None);
    assert_eq!(run.elapsed, secs(1200));
    assert!(parsed.notes.is_empty(), "{:?}", parsed.notes);
}

#[test]
fn in_a_multisport_file_each_session_takes_the_distance_of_its_own_records() {
    // A run of 1200 s at 3 m/s, then a ride of 600 s at 8 m/s; the records count on across
    // both, and neither session has a distance.
    let start = fit_time(1_768_719_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    for t in (0..=1800).step_by(10) {
        let distance = if t <= 1200 { t * 3 } else { 3600 + (t - 1200) * 8 };
        messages::record(&mut writer, start + t, Some(f64::from(distance)), Some(150));
    }
    for (offset, seconds, sport_number) in [(0, 1200, sport::RUNNING), (1200, 600, sport::CYCLING)] {
        messages::session(
            &mut writer,
            &Summary {
                timestamp: start + offset + seconds,
                start_time: start + offset,
                elapsed_ms: seconds * 1000,
                timer_ms: seconds * 1000,
                distance_m: None,
                ascent_m: None,
                avg_heart_rate: None,
                sport: sport_number,
                sub_sport: sport::GENERIC,
                rpe_x10: None,
            },
        );
    }
    let parsed = parse(&writer.finish());
    let distances: Vec<Option<f64>> = parsed.activities.iter().map(|a| a.distance_m).collect();
    assert_eq!(distances, [Some(3600.0), Some(4800.0)]);
    let elapsed: Vec<Duration> = parsed.activities.iter().map(|a| a.elapsed).collect();
    assert_eq!(elapsed, [secs(1200), secs(600)]);
    assert_eq!(
        parsed.notes,
        [
            "session 1 has no distance; 3.60 km from the distance of its 120 records",
            "session 2 has no distance; 4.80 km from the distance of its 61 records",
        ]
    );
}
