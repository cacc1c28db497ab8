//! Behaviour of the Apple Health reader on small inline exports whose truth is known.

use std::time::Duration;

use runlift_model::{
    ParseErrorKind, Parsed, Position, RunKind, SourceFormat, SourceRef, Sport, Timestamp, Venue,
};

use super::*;

fn source() -> SourceRef {
    SourceRef::file("export.xml", SourceFormat::AppleHealth)
}

fn try_parse(text: &[u8]) -> Result<Parsed, ParseError> {
    parse(text, &source())
}

fn parse_ok(text: &str) -> Parsed {
    try_parse(text.as_bytes()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn line_of(error: &ParseError) -> u64 {
    match error.position() {
        Some(Position::Line { line, .. }) => line,
        other => panic!("expected a line position, got {other:?} in {error}"),
    }
}

const DOCTYPE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
]>
"#;

/// An export with `body` inside `<HealthData>`.
fn export(body: &str) -> String {
    format!(
        "{DOCTYPE}<HealthData locale=\"en_US\">\n <ExportDate value=\"2026-07-20 21:04:11 -0700\"/>\n{body}</HealthData>\n"
    )
}

fn record(value: u32) -> String {
    format!(
        " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"iPhone\" unit=\"count\" startDate=\"2026-07-14 06:00:00 -0700\" endDate=\"2026-07-14 06:05:00 -0700\" value=\"{value}\"/>\n"
    )
}

const RUN: &str = r#" <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" totalDistance="5" totalDistanceUnit="km" sourceName="Watch" startDate="2026-07-14 06:30:00 -0700" endDate="2026-07-14 07:02:00 -0700">
  <MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>
 </Workout>
"#;

#[test]
fn a_run_between_records_gives_one_activity() {
    let text = export(&format!("{}{RUN}{}", record(10), record(20)));
    let parsed = parse_ok(&text);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None);
    assert!(parsed.notes.is_empty(), "{:?}", parsed.notes);
    let [run] = parsed.activities.as_slice() else {
        panic!("{:?}", parsed.activities)
    };
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.start, ts("2026-07-14T13:30:00Z"));
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(-7 * 3600));
    assert_eq!(run.elapsed, Duration::from_secs(32 * 60));
    assert_eq!(run.moving, Some(Duration::from_secs(30 * 60)));
    assert_eq!(run.distance_m, Some(5000.0));
    assert_eq!(run.source, source());
}

#[test]
fn markup_inside_comments_cdata_and_instructions_is_not_a_workout() {
    let hidden = r#" <!-- <Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="1" durationUnit="min" startDate="2026-01-01 00:00:00 +0000" endDate="2026-01-01 00:01:00 +0000"/> -->
 <![CDATA[ <Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="1" durationUnit="min" startDate="2026-01-02 00:00:00 +0000" endDate="2026-01-02 00:01:00 +0000"/> ]]>
 <?app-note <Workout workoutActivityType="HKWorkoutActivityTypeCycling" startDate="2026-01-03 00:00:00 +0000"/> ?>
 <!-- </HealthData> -->
"#;
    let parsed = parse_ok(&export(&format!("{hidden}{RUN}")));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let sports: Vec<&Sport> = parsed.activities.iter().map(|a| &a.sport).collect();
    assert_eq!(sports, [&Sport::Running(RunKind::Unspecified)]);
}

#[test]
fn doctype_subset_with_brackets_quotes_and_workouts_in_comments_is_skipped() {
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- a comment with ] and > and <Workout workoutActivityType="x" startDate="y"/> and it's -->
<!ENTITY note "text with ]> inside">
<!ATTLIST HealthData locale CDATA '#REQUIRED ]>'>
<?pi ]> ?>
]>
<HealthData locale="en_US">
{RUN}</HealthData>
"#
    );
    let parsed = parse_ok(&text);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.activities.len(), 1);
}

#[test]
fn entities_declared_in_the_doctype_are_never_expanded() {
    // A "billion laughs" subset: expanding it would take gigabytes.
    let mut subset = String::from("<!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        subset.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    let text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n{subset}]>\n<HealthData>\n <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" sourceName=\"&lol9;\" duration=\"10\" durationUnit=\"min\" startDate=\"2026-07-14 06:30:00 -0700\" endDate=\"2026-07-14 06:40:00 -0700\"/>\n</HealthData>\n"
    );
    let parsed = parse_ok(&text);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(600));
}

#[test]
fn workout_statistics_give_distance_and_heart_rate_in_newer_exports() {
    let workout = r#" <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="47.25" durationUnit="min" sourceName="Watch" startDate="2026-06-12 12:30:00 +0200" endDate="2026-06-12 13:18:30 +0200">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2026-06-12 12:30:00 +0200" endDate="2026-06-12 13:18:30 +0200" sum="512.6" unit="kcal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-06-12 12:30:00 +0200" endDate="2026-06-12 13:18:30 +0200" average="152.4" minimum="97" maximum="178" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2026-06-12 12:30:00 +0200" endDate="2026-06-12 13:18:30 +0200" sum="8046.7" unit="m"/>
 </Workout>
"#;
    let parsed = parse_ok(&export(workout));
    let run = &parsed.activities[0];
    assert_eq!(run.distance_m, Some(8046.7));
    assert_eq!(run.avg_heart_rate, Some(152.4));
    assert_eq!(run.elapsed, Duration::from_secs(2910));
    assert_eq!(run.moving, Some(Duration::from_secs(2835)));
    // No HKTimeZone: the written offset, and a note that says so.
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(7200));
    assert_eq!(parsed.notes.len(), 1);
    assert!(
        parsed.notes[0].starts_with("none of the 1 workouts carries an HKTimeZone"),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn heart_rate_statistics_of_parts_are_weighted_by_time() {
    let workout = r#" <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="16" durationUnit="min" sourceName="Watch" startDate="2026-09-03 09:00:00 +0200" endDate="2026-09-03 09:16:00 +0200">
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-09-03 09:00:00 +0200" endDate="2026-09-03 09:04:00 +0200" average="170" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-09-03 09:04:00 +0200" endDate="2026-09-03 09:16:00 +0200" average="120" unit="count/min"/>
 </Workout>
"#;
    let parsed = parse_ok(&export(workout));
    // (170 x 4 + 120 x 12) / 16.
    assert_eq!(parsed.activities[0].avg_heart_rate, Some(132.5));
}

#[test]
fn figures_only_inside_workout_activities_are_used() {
    let workout = r#" <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Watch" startDate="2021-03-04 07:00:00 +0100" endDate="2021-03-04 07:30:00 +0100">
  <WorkoutActivity uuid="a" startDate="2021-03-04 07:00:00 +0100" endDate="2021-03-04 07:30:00 +0100" duration="30" durationUnit="min">
   <MetadataEntry key="HKIndoorWorkout" value="1"/>
   <MetadataEntry key="HKTimeZone" value="Asia/Tokyo"/>
   <MetadataEntry key="HKElevationAscended" value="4523 cm"/>
   <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2021-03-04 07:00:00 +0100" endDate="2021-03-04 07:30:00 +0100" sum="3.5" unit="mi"/>
   <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2021-03-04 07:00:00 +0100" endDate="2021-03-04 07:30:00 +0100" average="149" unit="count/min"/>
  </WorkoutActivity>
  <WorkoutRoute sourceName="Watch">
   <MetadataEntry key="HKTimeZone" value="Europe/Paris"/>
  </WorkoutRoute>
 </Workout>
"#;
    let parsed = parse_ok(&export(workout));
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Treadmill));
    assert_eq!(run.distance_m, Some(3.5 * 1609.344));
    assert_eq!(run.avg_heart_rate, Some(149.0));
    assert_eq!(run.elevation_gain_m, Some(45.23));
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(9 * 3600));
}

#[test]
fn strength_and_other_types_and_units_are_read() {
    let body = r#" <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="1.25" durationUnit="hr" totalDistance="0" totalDistanceUnit="km" sourceName="Watch" startDate="2026-07-14 18:00:00 +0200" endDate="2026-07-14 19:20:00 +0200"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeCoreTraining" duration="600" durationUnit="s" sourceName="Watch" startDate="2026-07-15 18:00:00 +0200" endDate="2026-07-15 18:10:00 +0200"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="60" durationUnit="min" totalDistance="20" totalDistanceUnit="mi" sourceName="Watch" startDate="2026-07-16 18:00:00 +0200" endDate="2026-07-16 19:00:00 +0200"/>
"#;
    let parsed = parse_ok(&export(body));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let summary: Vec<(Sport, Option<Duration>, Option<f64>)> = parsed
        .activities
        .iter()
        .map(|a| (a.sport.clone(), a.moving, a.distance_m))
        .collect();
    assert_eq!(
        summary,
        [
            (Sport::StrengthTraining, Some(Duration::from_secs(4500)), None),
            (Sport::StrengthTraining, Some(Duration::from_secs(600)), None),
            (
                Sport::Cycling(Venue::Unspecified),
                Some(Duration::from_secs(3600)),
                Some(20.0 * 1609.344)
            ),
        ]
    );
}

#[test]
fn a_workout_with_a_bad_date_is_left_out_with_its_line() {
    let bad = r#" <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Watch" startDate="14.07.2026 06:30" endDate="2026-07-14 07:02:00 -0700"/>
"#;
    let text = export(&format!("{}{bad}{RUN}", record(1)));
    let parsed = parse_ok(&text);
    assert_eq!(parsed.activities.len(), 1);
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    let bad_line = text.lines().position(|l| l.contains("14.07.2026")).unwrap() as u64 + 1;
    assert_eq!(
        warning.position(),
        Some(Position::Line {
            line: bad_line,
            column: Some(2)
        })
    );
    assert!(
        warning
            .to_string()
            .contains(r#"<Workout> startDate is "14.07.2026 06:30""#),
        "{warning}"
    );
}

#[test]
fn an_empty_placeholder_workout_is_left_out() {
    let empty = r#" <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="0" durationUnit="min" sourceName="App" startDate="2026-07-14 06:30:00 -0700" endDate="2026-07-14 06:30:00 -0700"/>
"#;
    let parsed = parse_ok(&export(&format!("{empty}{RUN}")));
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].sport, Sport::Running(RunKind::Unspecified));
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    assert!(
        warning.to_string().contains("the <Workout> was left out: a duration (its endDate is its startDate and its duration is 0) is missing"),
        "{warning}"
    );
}

#[test]
fn a_malformed_workout_is_left_out_and_the_next_is_read() {
    let broken = " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" startDate=\"2026-07-13 06:30:00 -0700\">\n  <MetadataEntry key=\"a\" value=\"b\"/>\n </Workut>\n";
    let text = export(&format!("{broken}{RUN}"));
    let parsed = parse_ok(&text);
    assert_eq!(parsed.activities.len(), 1, "{:?}", parsed.warnings);
    assert_eq!(parsed.activities[0].start, ts("2026-07-14T13:30:00Z"));
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    let line = text.lines().position(|l| l.contains("</Workut>")).unwrap() as u64 + 1;
    assert_eq!(line_of(warning), line);
    assert!(
        warning
            .to_string()
            .contains("found </Workut> where </Workout> was expected"),
        "{warning}"
    );
}

#[test]
fn an_export_cut_off_keeps_the_workouts_before_the_cut() {
    let text = export(&format!("{RUN}{}{}", record(1), record(2)));
    let cut = text.find("</HealthData>").unwrap() - 40;
    let parsed = try_parse(&text.as_bytes()[..cut]).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    assert!(
        matches!(warning.kind(), ParseErrorKind::Truncated(_)),
        "{warning}"
    );
    assert!(
        warning.to_string().contains("<HealthData> is not closed"),
        "{warning}"
    );

    let in_workout = text.find("HKTimeZone").unwrap();
    let error = try_parse(&text.as_bytes()[..in_workout]).unwrap_err();
    assert!(matches!(error.kind(), ParseErrorKind::Truncated(_)), "{error}");
    let workout_line = text.lines().position(|l| l.contains("<Workout ")).unwrap() as u64 + 1;
    assert_eq!(line_of(&error), workout_line);
}

#[test]
fn an_export_without_workouts_has_nothing_to_import() {
    let parsed = parse_ok(&export(&record(5)));
    assert!(parsed.activities.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the export holds no workouts, only health records")
    );
    let empty_root = parse_ok(&format!("{DOCTYPE}<HealthData locale=\"en_US\"/>\n"));
    assert!(empty_root.activities.is_empty() && empty_root.warnings.is_empty());
}

#[test]
fn files_that_are_not_apple_health_exports_are_refused() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "the file is empty"),
        (b" \n\t ", "the file is empty"),
        (b"Date,Workout Name\n", "not XML"),
        (
            b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk/></gpx>",
            "root element is <gpx>, not <HealthData>",
        ),
        (
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [ <!ELEMENT",
            "the DOCTYPE is cut off",
        ),
        (b"<?xml version=\"1.0\"?>\n<!-- ", "a comment is cut off"),
        (b"\xFF\xFE<\x00", "UTF-16"),
    ];
    for (bytes, message) in cases {
        let error = try_parse(bytes).unwrap_err();
        assert!(
            error.to_string().contains(message),
            "{:?}: {error}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn reading_errors_are_reported_as_unreadable() {
    struct Failing;
    impl io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }
    let error = parse(io::BufReader::new(Failing), &source()).unwrap_err();
    assert_eq!(error.message(), "cannot read the file: disk on fire");
    // The system's error is kept as the cause, not only its words.
    let cause = std::error::Error::source(&error).expect("the io::Error is the source");
    let io_error = cause.downcast_ref::<runlift_model::IoCause>().unwrap().error();
    assert_eq!(io_error.kind(), io::ErrorKind::Other);
    assert_eq!(
        error.kind().io_error().map(|e| e.to_string()).as_deref(),
        Some("disk on fire")
    );
}

/// A reader that hands out at most `step` bytes per call.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn fixture() -> Vec<u8> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/apple-health/export.xml");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn window_edges_anywhere_give_the_same_result() {
    let data = fixture();
    let whole = parse(data.as_slice(), &source()).unwrap();
    assert_eq!(whole.activities.len(), 8);
    for window in [1, 2, 7, 12, 13, 16, 33, 100, 257, 4096] {
        for step in [1, 5, 4096] {
            let reader = io::BufReader::with_capacity(3, Trickle { data: &data, step });
            let parsed = parse_with_window(reader, &source(), window).unwrap();
            assert_eq!(
                parsed.activities, whole.activities,
                "window {window}, step {step}"
            );
            assert_eq!(parsed.warnings, whole.warnings, "window {window}, step {step}");
            assert_eq!(parsed.notes, whole.notes, "window {window}, step {step}");
        }
    }
}

#[test]
fn every_prefix_of_the_fixture_reads_without_panicking() {
    let data = fixture();
    let closed = memmem::find(&data, b"</HealthData>").unwrap() + "</HealthData>".len();
    for cut in 0..data.len() {
        match parse_with_window(&data[..cut], &source(), 64) {
            Ok(parsed) if cut >= closed => assert!(parsed.warnings.is_empty(), "cut {cut}"),
            Ok(parsed) => {
                if !parsed.activities.is_empty() {
                    let last = parsed.warnings.last().expect("a cut export warns");
                    assert!(
                        matches!(last.kind(), ParseErrorKind::Truncated(_)),
                        "cut {cut}: {last}"
                    );
                }
            }
            Err(error) => assert!(
                error.position().is_some() || matches!(error.kind(), ParseErrorKind::Empty),
                "cut {cut}: {error}"
            ),
        }
    }
}

#[test]
fn damaged_bytes_never_panic_or_hang() {
    let data = fixture();
    // A small deterministic generator: the test must not depend on a crate or a seed file.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut damaged = data.clone();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() as usize) % damaged.len();
            let bytes = b"<>/!?-[]\"' \nx\0\xFF";
            damaged[at] = bytes[(next() % bytes.len() as u64) as usize];
        }
        let _ = parse_with_window(damaged.as_slice(), &source(), 97);
    }
}
