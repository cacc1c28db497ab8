//! runlift-fit on the real FIT files of `../shared/corpus`:
//!
//! - conformance: sport, start, elapsed and timer time, distance, active sets and reps equal
//!   `reference/fit.json` (Garmin's FIT SDK; its `fitdecode` values for the compressed-
//!   timestamp files the SDK cannot read), and a file is partial exactly when the SDK found
//!   damage;
//! - agreement: wherever fitparser reads a file, it and runlift-fit agree on every value the
//!   import keeps.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fitparser::de::{DecodeOption, from_bytes_with_options};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};
use runlift_fit::parse_fit;
use runlift_model::{Activity, Parsed, SourceFormat, SourceRef, Sport};
use serde_json::Value as Json;

/// The corpus, with the reference figures of Garmin's SDK in it.
fn corpus() -> Option<PathBuf> {
    runlift_corpus::corpus_path("reference/fit.json")?;
    runlift_corpus::corpus()
}

fn parse(path: &Path) -> Parsed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = SourceRef::file(path, SourceFormat::Fit);
    parse_fit(&bytes, &source).unwrap_or_else(|e| panic!("{e}"))
}

/// runlift's sport for the FIT sport and sub-sport names Garmin's SDK decoded: the model's
/// one vocabulary, fed with the SDK's names rather than runlift's decoder's numbers.
fn expected_sport(sport: Option<&str>, sub_sport: Option<&str>) -> Sport {
    Sport::from_fit(sport.unwrap_or("generic"), sub_sport)
}

fn seconds(value: f64) -> Duration {
    Duration::from_millis((value * 1000.0).round() as u64)
}

fn reps(activity: &Activity) -> u64 {
    activity.sets.iter().filter_map(|s| s.reps).map(u64::from).sum()
}

#[test]
fn sessions_sets_and_reps_equal_garmins_sdk() {
    let Some(corpus) = corpus() else { return };
    let reference: Json =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("reference/fit.json")).unwrap()).unwrap();
    let mut checked = 0;
    let mut sessions_checked = 0;
    for (key, entry) in reference["files"].as_object().expect("files") {
        let path = corpus.join(key);
        let parsed = parse(&path);
        let errors: Vec<&str> = entry["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        // The SDK cannot read compressed-timestamp headers; fitdecode can, and is the
        // reference for those files (see SOURCES.md).
        let compressed = errors.iter().any(|e| e.contains("Compressed timestamp"));
        let truth = if compressed { &entry["fitdecode"] } else { entry };
        let damaged = !errors.is_empty() && !compressed;
        assert_eq!(
            !parsed.warnings.is_empty(),
            damaged,
            "{key}: the SDK says {errors:?}, runlift warns {:?}",
            parsed.warnings
        );
        let sessions = truth["sessions"].as_array().expect("sessions");
        if sessions.is_empty() {
            if entry["file_type"] == "activity" {
                // No session: at most one activity, rebuilt from records, and said so.
                assert!(parsed.activities.len() <= 1, "{key}");
                if parsed.activities.is_empty() {
                    assert!(parsed.nothing_to_import.is_some(), "{key}");
                } else {
                    assert!(
                        parsed.notes.iter().any(|n| n.starts_with("no session message")),
                        "{key}"
                    );
                }
            } else {
                assert!(parsed.activities.is_empty(), "{key}");
                let why = parsed.nothing_to_import.as_deref().unwrap_or_default();
                assert!(why.ends_with("file, not an activity"), "{key}: {why}");
            }
        } else {
            assert_eq!(parsed.activities.len(), sessions.len(), "{key}");
            for (n, (activity, session)) in parsed.activities.iter().zip(sessions).enumerate() {
                let at = format!("{key}, session {}", n + 1);
                let sport = expected_sport(session["sport"].as_str(), session["sub_sport"].as_str());
                assert_eq!(activity.sport, sport, "{at}");
                assert_eq!(
                    activity.start.to_string(),
                    session["start_time"].as_str().unwrap(),
                    "{at}"
                );
                assert_eq!(
                    activity.elapsed,
                    seconds(session["total_elapsed_time"].as_f64().unwrap()),
                    "{at}"
                );
                assert_eq!(
                    activity.moving,
                    Some(seconds(session["total_timer_time"].as_f64().unwrap())),
                    "{at}"
                );
                match session["total_distance"].as_f64() {
                    Some(metres) => {
                        let ours = activity.distance_m.unwrap_or(f64::NAN);
                        assert!(
                            (ours - metres).abs() < 0.005,
                            "{at}: {ours} m, the SDK {metres} m"
                        );
                    }
                    // The SDK's session has no distance: runlift's comes from the laps or
                    // the records (checked against fitparser's laps below), with a note.
                    None => {
                        if let Some(metres) = activity.distance_m {
                            let figure = format!("no distance; {:.2} km from ", metres / 1000.0);
                            assert!(
                                parsed.notes.iter().any(|n| n.contains(&figure)),
                                "{at}: {metres} m without a note: {:?}",
                                parsed.notes
                            );
                        }
                    }
                }
                sessions_checked += 1;
            }
        }
        let sets: usize = parsed.activities.iter().map(|a| a.sets.len()).sum();
        let total_reps: u64 = parsed.activities.iter().map(reps).sum();
        assert_eq!(
            sets as u64,
            truth["num_active_sets"].as_u64().unwrap(),
            "{key}: active sets"
        );
        assert_eq!(total_reps, truth["total_reps"].as_u64().unwrap(), "{key}: reps");
        checked += 1;
    }
    assert!(
        checked >= 55 && sessions_checked >= 60,
        "{checked} files, {sessions_checked} sessions"
    );
}

fn field<'a>(record: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    record
        .fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

fn number(record: &FitDataRecord, name: &str) -> Option<f64> {
    match field(record, name)? {
        Value::UInt8(v) | Value::Byte(v) | Value::Enum(v) | Value::UInt8z(v) => Some(f64::from(*v)),
        Value::UInt16(v) | Value::UInt16z(v) => Some(f64::from(*v)),
        Value::UInt32(v) | Value::UInt32z(v) => Some(f64::from(*v)),
        Value::SInt8(v) => Some(f64::from(*v)),
        Value::SInt16(v) => Some(f64::from(*v)),
        Value::SInt32(v) => Some(f64::from(*v)),
        Value::Float32(v) => Some(f64::from(*v)),
        Value::Float64(v) => Some(*v),
        Value::Array(values) => values.first().and_then(|v| match v {
            Value::UInt16(v) => Some(f64::from(*v)),
            _ => None,
        }),
        _ => None,
    }
}

fn text<'a>(record: &'a FitDataRecord, name: &str) -> Option<&'a str> {
    match field(record, name)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn time(record: &FitDataRecord, name: &str) -> Option<i64> {
    match field(record, name)? {
        Value::Timestamp(t) => Some(t.timestamp()),
        _ => None,
    }
}

/// fitparser turns a `local_date_time` into an instant in this machine's time zone; the shift
/// is the same for every file, so it is measured on a fixture whose local time is known.
fn local_time_shift() -> i64 {
    let bytes = runlift_fit_testkit::fixtures::run_with_pause().finish();
    let records = fitparser::from_bytes(&bytes).expect("fitparser reads the fixture");
    let activity = records.iter().find(|r| r.kind() == MesgNum::Activity).unwrap();
    // The fixture ends at 2026-02-03T06:02:00Z, 07:02:00 local time.
    let local = i64::from(runlift_fit_testkit::fit_time(1_770_096_600) + 1920 + 3600);
    time(activity, "local_timestamp").unwrap() - (631_065_600 + local)
}

#[test]
fn fitparser_and_runlift_agree_where_fitparser_reads_the_file() {
    let Some(corpus) = corpus() else { return };
    let shift = local_time_shift();
    let mut paths: Vec<PathBuf> = ["fit", "broken"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(corpus.join(dir))
                .unwrap()
                .flatten()
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .collect();
    paths.sort();
    let (mut compared, mut unreadable) = (0, Vec::new());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        // A file whose only fault is its CRC is compared too: fitparser reads it when told
        // to skip the check, and runlift imports it (with a warning).
        let skip_crc = [
            DecodeOption::SkipHeaderCrcValidation,
            DecodeOption::SkipDataCrcValidation,
        ]
        .into();
        let read = fitparser::from_bytes(&bytes).or_else(|_| from_bytes_with_options(&bytes, &skip_crc));
        let Ok(records) = read else {
            unreadable.push(name);
            continue;
        };
        let parsed = parse(path);
        compare(&name, &records, &parsed, shift);
        compared += 1;
    }
    println!("compared {compared} files; fitparser cannot read {unreadable:?}");
    assert!(compared >= 45, "only {compared} files compared");
}

fn compare(name: &str, records: &[FitDataRecord], parsed: &Parsed, shift: i64) {
    let of = |kind: MesgNum| records.iter().filter(move |r| r.kind() == kind);
    let sessions: Vec<&FitDataRecord> = of(MesgNum::Session).collect();
    if sessions.is_empty() {
        compare_records(name, records, parsed);
    } else {
        assert_eq!(parsed.activities.len(), sessions.len(), "{name}");
    }
    for (n, (activity, session)) in parsed.activities.iter().zip(&sessions).enumerate() {
        let at = format!("{name}, session {}", n + 1);
        let sport = expected_sport(text(session, "sport"), text(session, "sub_sport"));
        assert_eq!(activity.sport, sport, "{at}");
        assert_eq!(
            Some(activity.start.as_second()),
            time(session, "start_time"),
            "{at}"
        );
        assert_eq!(
            Some(activity.elapsed),
            number(session, "total_elapsed_time").map(seconds),
            "{at}"
        );
        assert_eq!(
            activity.moving,
            number(session, "total_timer_time").map(seconds),
            "{at}"
        );
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 0.005,
            (a, b) => a == b,
        };
        // Where the session has no distance, runlift sums the laps of its FIT file (of a
        // chain) that started within it (before the file's next session), else takes the
        // largest distance its records reached.
        let file = file_of(records, session);
        let in_file = |kind: MesgNum| file.iter().filter(move |r| r.kind() == kind);
        let start = time(session, "start_time");
        let next_start = in_file(MesgNum::Session)
            .filter_map(|s| time(s, "start_time"))
            .filter(|&t| start.is_some_and(|start| t > start))
            .min();
        let within = |r: &&FitDataRecord, field: &str| {
            time(r, field).is_some_and(|t| start.is_some_and(|s| t >= s) && next_start.is_none_or(|n| t < n))
        };
        let fallback = || -> Option<f64> {
            let laps: f64 = in_file(MesgNum::Lap)
                .filter(|lap| within(lap, "start_time"))
                .filter_map(|lap| number(lap, "total_distance"))
                .sum();
            if laps > 0.0 {
                return Some(laps);
            }
            in_file(MesgNum::Record)
                .filter(|r| within(r, "timestamp"))
                .filter_map(|r| number(r, "distance"))
                .reduce(f64::max)
                .filter(|&m| m > 0.0)
        };
        let expected = number(session, "total_distance").or_else(fallback);
        assert!(
            close(activity.distance_m, expected),
            "{at}: distance {:?}, expected {expected:?}",
            activity.distance_m
        );
        assert_eq!(
            activity.elevation_gain_m,
            number(session, "total_ascent"),
            "{at}: ascent"
        );
        // 0 bpm is written when no sensor was connected; runlift keeps no heart rate then.
        let heart_rate = number(session, "avg_heart_rate").filter(|&bpm| bpm > 0.0);
        assert_eq!(activity.avg_heart_rate, heart_rate, "{at}: heart rate");
        // fitparser's profile gives workout_rpe no scale; the FIT SDK's is 10.
        let rpe = number(session, "workout_rpe").map(|rpe| rpe / 10.0);
        assert_eq!(activity.perceived_effort, rpe, "{at}: RPE");
    }
    // The UTC offset, from the activity message of the (first) file that has sessions.
    if let Some(activity) = of(MesgNum::Activity).next()
        && let (Some(utc), Some(local)) = (time(activity, "timestamp"), time(activity, "local_timestamp"))
        && !sessions.is_empty()
    {
        let difference = local - shift - utc;
        let quarters = (difference as f64 / 900.0).round() as i64;
        let expected = (-48..=56).contains(&quarters).then_some(quarters * 900);
        let ours = parsed.activities[0].utc_offset.map(|o| i64::from(o.seconds()));
        assert_eq!(ours, expected, "{name}: UTC offset");
    }
    let active: Vec<&FitDataRecord> = of(MesgNum::Set)
        .filter(|s| text(s, "set_type") == Some("active"))
        .collect();
    let ours: Vec<_> = parsed.activities.iter().flat_map(|a| &a.sets).collect();
    assert_eq!(ours.len(), active.len(), "{name}: active sets");
    let total = |values: Vec<Option<f64>>| values.into_iter().flatten().sum::<f64>();
    assert_eq!(
        total(ours.iter().map(|s| s.reps.map(f64::from)).collect()),
        total(active.iter().map(|s| number(s, "repetitions")).collect()),
        "{name}: reps"
    );
    assert_eq!(
        total(ours.iter().map(|s| s.weight_kg).collect()),
        total(active.iter().map(|s| number(s, "weight")).collect()),
        "{name}: weight"
    );
    assert_eq!(
        total(ours.iter().map(|s| s.duration.map(|d| d.as_secs_f64())).collect()),
        total(active.iter().map(|s| number(s, "duration")).collect()),
        "{name}: set durations"
    );
}

/// The messages of the FIT file (of a chain) that holds `message`: from the `file_id` before
/// it to the next one.
fn file_of<'a>(records: &'a [FitDataRecord], message: &FitDataRecord) -> &'a [FitDataRecord] {
    let at = records
        .iter()
        .position(|r| std::ptr::eq(r, message))
        .expect("the message is one of the records");
    let is_file_id = |r: &FitDataRecord| r.kind() == MesgNum::FileId;
    let first = records[..=at].iter().rposition(is_file_id).unwrap_or(0);
    let end = records[at..]
        .iter()
        .position(is_file_id)
        .map_or(records.len(), |n| at + n);
    &records[first..end]
}

/// Files without a session: the rebuilt activity spans fitparser's first to last record.
fn compare_records(name: &str, records: &[FitDataRecord], parsed: &Parsed) {
    let points: Vec<&FitDataRecord> = records.iter().filter(|r| r.kind() == MesgNum::Record).collect();
    let times: Vec<i64> = points.iter().filter_map(|r| time(r, "timestamp")).collect();
    let laps = records.iter().any(|r| r.kind() == MesgNum::Lap);
    let (Some(&first), Some(&last)) = (times.iter().min(), times.iter().max()) else {
        assert!(parsed.activities.is_empty(), "{name}");
        return;
    };
    if last == first || laps {
        return;
    }
    let activity = &parsed.activities[0];
    assert_eq!(activity.start.as_second(), first, "{name}: first record");
    assert_eq!(
        activity.elapsed,
        Duration::from_secs((last - first) as u64),
        "{name}: last record"
    );
    let distance = points
        .iter()
        .filter_map(|r| number(r, "distance"))
        .fold(None, |max: Option<f64>, d| Some(max.map_or(d, |m| m.max(d))));
    match (activity.distance_m, distance) {
        (Some(ours), Some(theirs)) => assert!((ours - theirs).abs() < 0.005, "{name}: {ours} m, {theirs} m"),
        (ours, theirs) => assert_eq!(ours, theirs, "{name}: distance"),
    }
}
