//! The readers on small inline inputs whose truth is written beside them; the fixtures of
//! `fixtures/garmin-account/` and `fixtures/polar-flow/` are read by `tests/fixtures.rs`.

use std::time::Duration;

use jiff::tz::TimeZone;
use runlift_model::{ParseErrorKind, Position, RunKind, Sport};

use super::*;

fn source(format: JsonFormat) -> SourceRef {
    SourceRef::file("export.json", format.source_format())
}

fn garmin(json: &str) -> Result<Parsed, ParseError> {
    assert_eq!(
        detect(json.as_bytes()),
        Some(JsonFormat::GarminSummarizedActivities),
        "{json}"
    );
    let format = JsonFormat::GarminSummarizedActivities;
    parse(json.as_bytes(), format, &source(format), &JsonOptions::default())
}

fn polar(json: &str, options: &JsonOptions) -> Result<Parsed, ParseError> {
    assert_eq!(
        detect(json.as_bytes()),
        Some(JsonFormat::PolarTrainingSession),
        "{json}"
    );
    let format = JsonFormat::PolarTrainingSession;
    parse(json.as_bytes(), format, &source(format), options)
}

#[test]
fn garmin_units_are_milliseconds_and_centimetres() {
    let parsed = garmin(
        r#"[{"summarizedActivitiesExport": [{
            "activityId": 7, "name": "Track session", "activityType": {"typeKey": "track_running"},
            "beginTimestamp": 1767600000000, "startTimeGmt": 1767600000000,
            "startTimeLocal": 1767589200000, "duration": 2700500.0, "elapsedDuration": 2760000.0,
            "movingDuration": 2650000.0, "distance": 812345.0, "elevationGain": 1250.0, "avgHr": 161.0
        }]}]"#,
    )
    .unwrap();
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Track));
    assert_eq!(run.start.to_string(), "2026-01-05T08:00:00Z");
    // Local time three hours behind GMT.
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(-3 * 3600));
    assert_eq!(run.elapsed, Duration::from_secs(2760));
    assert_eq!(run.moving, Some(Duration::from_secs(2650)));
    assert_eq!(run.distance_m, Some(8123.45));
    assert_eq!(run.elevation_gain_m, Some(12.5));
    assert_eq!(run.avg_heart_rate, Some(161.0));
    assert_eq!(run.name.as_deref(), Some("Track session"));
}

#[test]
fn garmin_without_elapsed_duration_takes_duration_and_strength_gets_its_set_count() {
    let parsed = garmin(
        r#"{"summarizedActivitiesExport": [{
            "activityType": "strength_training", "startTimeGmt": 1767600000000,
            "duration": 1800000, "activeSets": 12, "totalSets": 23
        }]}"#,
    )
    .unwrap();
    let gym = &parsed.activities[0];
    assert_eq!(gym.sport, Sport::StrengthTraining);
    assert_eq!(gym.elapsed, Duration::from_secs(1800));
    assert_eq!(gym.sets.len(), 12);
    assert_eq!(gym.utc_offset, None);
    assert_eq!(gym.distance_m, None);
}

#[test]
fn a_bad_garmin_record_is_left_out_with_its_json_path_and_the_rest_read() {
    let parsed = garmin(
        r#"[{"summarizedActivitiesExport": [
            {"activityType": "running", "beginTimestamp": 1767600000000, "duration": 60000, "distance": -5},
            {"activityType": "running", "beginTimestamp": "yesterday", "duration": 60000},
            {"activityType": "cycling", "beginTimestamp": 1767700000000, "duration": 60000}
        ]}]"#,
    )
    .unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(
        parsed.activities[0].sport,
        Sport::Cycling(runlift_model::Venue::Unspecified)
    );
    let messages: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "export.json: $[0].summarizedActivitiesExport[0].distance is \"-5\", expected a number of 0 or more",
            "export.json: $[0].summarizedActivitiesExport[1].beginTimestamp is \"yesterday\", expected a number",
        ]
    );
}

#[test]
fn broken_json_is_an_error_at_its_line_and_column() {
    let error =
        garmin("[{\"summarizedActivitiesExport\": [\n  {\"activityType\": \"running\",,}\n]}]").unwrap_err();
    assert_eq!(
        error.position(),
        Some(Position::Line {
            line: 2,
            column: Some(30)
        })
    );
    assert!(error.to_string().contains("not valid JSON"), "{error}");
    let format = JsonFormat::GarminSummarizedActivities;
    let empty = parse(b"  \n", format, &source(format), &JsonOptions::default()).unwrap_err();
    assert_eq!(empty.kind(), &ParseErrorKind::Empty);
    let wrong = parse(b"{\"x\": 1}", format, &source(format), &JsonOptions::default()).unwrap_err();
    assert!(
        wrong.to_string().contains("summarizedActivitiesExport"),
        "{wrong}"
    );
}

#[test]
fn a_multisport_parent_whose_parts_are_listed_is_not_counted_again() {
    let parsed = garmin(
        r#"[{"summarizedActivitiesExport": [
            {"activityId": 100, "activityType": "multi_sport", "parent": true, "childIds": [101, 102],
             "beginTimestamp": 1767600000000, "duration": 5400000},
            {"activityId": 101, "activityType": "cycling", "parent": false, "parentId": 100,
             "beginTimestamp": 1767600000000, "duration": 3600000},
            {"activityId": 102, "activityType": "running", "parent": false, "parentId": 100,
             "beginTimestamp": 1767603700000, "duration": 1700000},
            {"activityId": 200, "activityType": "multi_sport", "parent": true, "childIds": [201],
             "beginTimestamp": 1767700000000, "duration": 3000000}
        ]}]"#,
    )
    .unwrap();
    let sports: Vec<String> = parsed
        .activities
        .iter()
        .map(|a| a.sport.detail().unwrap().to_owned())
        .collect();
    // The second parent's part is not in the export: the parent is all there is of it.
    assert_eq!(sports, ["cycling", "unspecified", "multi_sport"]);
    assert!(
        parsed
            .notes
            .iter()
            .any(|n| n == "1 multisport activity is counted by its parts, which the summary lists too"),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn an_empty_garmin_list_has_nothing_to_import() {
    let parsed = garmin(r#"[{"summarizedActivitiesExport": []}]"#).unwrap();
    assert!(parsed.activities.is_empty());
    assert!(parsed.nothing_to_import.is_some());
}

#[test]
fn polar_local_times_take_the_exercise_offset_and_iso_durations() {
    let parsed = polar(
        r#"{"exportVersion": "1.6", "name": "Hills", "startTime": "2026-01-10T08:15:00.000",
            "timeZoneOffset": 120, "duration": "PT1H2M3.5S",
            "exercises": [{"startTime": "2026-01-10T08:15:00.000", "timezoneOffset": 120,
              "duration": "PT1H2M3.5S", "distance": 11020.5, "sport": "TRAIL_RUNNING",
              "ascent": 410.0, "heartRate": {"min": 90, "avg": 152, "max": 180}}]}"#,
        &JsonOptions::default(),
    )
    .unwrap();
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Trail));
    assert_eq!(run.start.to_string(), "2026-01-10T06:15:00Z");
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(7200));
    assert_eq!(run.elapsed, Duration::from_millis(3_723_500));
    assert_eq!(run.distance_m, Some(11020.5));
    assert_eq!(run.elevation_gain_m, Some(410.0));
    assert_eq!(run.avg_heart_rate, Some(152.0));
    assert_eq!(run.name.as_deref(), Some("Hills"));
    assert!(parsed.notes.is_empty());
}

#[test]
fn polar_times_without_any_offset_are_read_in_the_time_zone_and_stop_time_gives_the_length() {
    let berlin = JsonOptions {
        time_zone: TimeZone::get("Europe/Berlin").unwrap(),
    };
    let parsed = polar(
        r#"{"startTime": "2026-07-01T18:00:00.000", "stopTime": "2026-07-01T18:45:00.000",
            "exercises": [{"sport": "STRENGTH_TRAINING"}]}"#,
        &berlin,
    )
    .unwrap();
    let gym = &parsed.activities[0];
    assert_eq!(gym.sport, Sport::StrengthTraining);
    assert_eq!(gym.start.to_string(), "2026-07-01T16:00:00Z");
    assert_eq!(gym.elapsed, Duration::from_secs(45 * 60));
    assert_eq!(gym.utc_offset.map(|o| o.seconds()), Some(7200));
    assert_eq!(parsed.notes.len(), 1, "{:?}", parsed.notes);
}

#[test]
fn a_polar_time_with_z_is_an_instant_and_a_bad_exercise_names_its_path() {
    let parsed = polar(
        r#"{"startTime": "2026-07-01T18:00:00Z", "exercises": [
            {"startTime": "2026-07-01T18:00:00Z", "duration": "PT30M", "sport": "CYCLING"},
            {"startTime": "2026-07-01T18:31:00Z", "duration": "thirty minutes", "sport": "RUNNING"}]}"#,
        &JsonOptions::default(),
    )
    .unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].start.to_string(), "2026-07-01T18:00:00Z");
    assert_eq!(parsed.activities[0].utc_offset, None);
    assert_eq!(
        parsed.warnings[0].to_string(),
        "export.json: $.exercises[1].duration is \"thirty minutes\", expected a duration such as PT1H2M3.5S"
    );
}

#[test]
fn other_json_is_no_format() {
    for json in [
        r#"[{"calendarDate": "2026-01-05", "totalSteps": 9000}]"#,
        r#"{"exercises": 3}"#,
        r#""summarizedActivitiesExport""#,
        "",
        "\u{feff}  ",
    ] {
        assert_eq!(detect(json.as_bytes()), None, "{json}");
    }
    assert_eq!(
        detect("\u{feff}\n [{\"summarizedActivitiesExport\": [".as_bytes()),
        Some(JsonFormat::GarminSummarizedActivities)
    );
}

#[test]
fn no_bytes_make_either_reader_panic() {
    // Every prefix of a real-shaped file, and the file with bytes replaced by a small
    // deterministic generator (xorshift) from JSON's own punctuation.
    let garmin = include_bytes!(
        "../../../fixtures/garmin-account/DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json"
    );
    let polar = include_bytes!(
        "../../../fixtures/polar-flow/training-session-2026-03-12-8012399999-b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e.json"
    );
    let alphabet: &[u8] = b"{}[]\":,-.0123456789eEPTHMSZ+ nul\xff\xc3";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (format, file) in [
        (JsonFormat::GarminSummarizedActivities, &garmin[..]),
        (JsonFormat::PolarTrainingSession, &polar[..]),
    ] {
        let source = source(format);
        for end in (0..file.len()).step_by(7) {
            let _ = detect(&file[..end]);
            let _ = parse(&file[..end], format, &source, &JsonOptions::default());
        }
        for _ in 0..2000 {
            let mut bytes = file.to_vec();
            for _ in 0..(next() % 8 + 1) {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = alphabet[(next() % alphabet.len() as u64) as usize];
            }
            let _ = parse(&bytes, format, &source, &JsonOptions::default());
        }
    }
}
