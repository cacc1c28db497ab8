//! Behaviour of the TCX reader on small inline documents whose truth is known.

use std::time::Duration;

use runlift_model::{ParseError, ParseErrorKind, Parsed, Position, RunKind, SourceFormat, SourceRef, Sport};

use crate::{parse_tcx, read_tcx};

fn source() -> SourceRef {
    SourceRef::file("test.tcx", SourceFormat::Tcx)
}

fn parse(text: &str) -> Parsed {
    parse_tcx(text.as_bytes(), &source()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn ts(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

fn line_of(error: &ParseError) -> u64 {
    match error.position() {
        Some(Position::Line { line, .. }) => line,
        other => panic!("expected a line position, got {other:?} in {error}"),
    }
}

/// A TCX document with `activities` inside `<Activities>`.
fn tcx(activities: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\n<Activities>\n{activities}</Activities>\n</TrainingCenterDatabase>\n"
    )
}

/// A trackpoint at `time` with a distance and heart rate.
fn point(time: &str, distance: f64, hr: u32) -> String {
    format!(
        "<Trackpoint><Time>{time}</Time><DistanceMeters>{distance}</DistanceMeters><HeartRateBpm><Value>{hr}</Value></HeartRateBpm></Trackpoint>\n"
    )
}

fn run(notes: &str, body: &str) -> String {
    format!("<Activity Sport=\"Running\">\n<Id>2026-03-02T06:30:00Z</Id>\n{notes}{body}</Activity>\n")
}

fn lap(start: &str, seconds: f64, metres: f64, points: &str) -> String {
    format!(
        "<Lap StartTime=\"{start}\">\n<TotalTimeSeconds>{seconds}</TotalTimeSeconds>\n<DistanceMeters>{metres}</DistanceMeters>\n<Track>\n{points}</Track>\n</Lap>\n"
    )
}

#[test]
fn times_with_offsets_give_the_activity_its_offset() {
    let points =
        point("2026-03-02T07:30:00.250+01:00", 0.0, 120) + &point("2026-03-02T07:40:00+01:00", 2000.0, 140);
    let text = format!(
        "<Activity Sport=\"Running\">\n{}</Activity>\n",
        lap("2026-03-02T07:30:00+01:00", 600.0, 2000.0, &points)
    );
    let parsed = parse(&tcx(&text));
    let run = &parsed.activities[0];
    assert_eq!(run.start, ts("2026-03-02T06:30:00Z"));
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(3600));
    assert_eq!(run.elapsed, Duration::from_secs(600));
    // No lap heart rate: the mean of the points.
    assert_eq!(run.avg_heart_rate, Some(130.0));
}

#[test]
fn run_cadence_is_matched_by_namespace_uri_not_prefix() {
    let points = "<Trackpoint><Time>2026-03-02T06:30:00Z</Time><Extensions><x:TPX xmlns:x=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\"><x:RunCadence>81</x:RunCadence><x:Speed>2.5</x:Speed></x:TPX></Extensions></Trackpoint>\n\
        <Trackpoint><Time>2026-03-02T06:31:00Z</Time><Extensions><TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\"><RunCadence>83</RunCadence></TPX></Extensions></Trackpoint>\n\
        <Trackpoint><Time>2026-03-02T06:32:00Z</Time><Extensions><o:TPX xmlns:o=\"urn:other\"><o:RunCadence>99</o:RunCadence></o:TPX></Extensions></Trackpoint>\n";
    let text = tcx(&run("", &lap("2026-03-02T06:30:00Z", 120.0, 300.0, points)));
    let document = read_tcx(text.as_bytes(), &source()).unwrap();
    let cadence: Vec<Option<f64>> = document.activities[0]
        .trackpoints()
        .map(|p| p.run_cadence)
        .collect();
    assert_eq!(cadence, [Some(81.0), Some(83.0), None]);
    let speed: Vec<Option<f64>> = document.activities[0]
        .trackpoints()
        .map(|p| p.speed_mps)
        .collect();
    assert_eq!(speed, [Some(2.5), None, None]);
}

#[test]
fn notes_name_the_activity_and_hint_at_a_treadmill() {
    let body = lap("2026-03-02T06:30:00Z", 1800.0, 5000.0, "");
    let parsed = parse(&tcx(&run(
        "<Notes>Treadmill intervals\n6 x 800 m</Notes>\n",
        &body,
    )));
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Treadmill));
    assert_eq!(run.name.as_deref(), Some("Treadmill intervals"));
}

#[test]
fn laps_without_trackpoints_still_make_an_activity() {
    // A manually entered activity: laps with totals and no track.
    let text = tcx(
        "<Activity Sport=\"Other\">\n<Id>2026-03-05T17:00:00Z</Id>\n<Notes>Strength Training</Notes>\n<Lap StartTime=\"2026-03-05T17:00:00Z\"><TotalTimeSeconds>2700</TotalTimeSeconds><DistanceMeters>0</DistanceMeters></Lap>\n</Activity>\n",
    );
    let parsed = parse(&text);
    let session = &parsed.activities[0];
    assert_eq!(session.sport, Sport::StrengthTraining);
    assert_eq!(session.start, ts("2026-03-05T17:00:00Z"));
    assert_eq!(session.elapsed, Duration::from_secs(2700));
    assert_eq!(session.moving, Some(Duration::from_secs(2700)));
    assert_eq!(session.distance_m, None);
}

#[test]
fn distance_falls_back_to_trackpoints_and_then_positions() {
    // No lap distance: the last DistanceMeters the device counted.
    let counted = "<Lap StartTime=\"2026-03-02T06:30:00Z\"><TotalTimeSeconds>60</TotalTimeSeconds><Track>\n"
        .to_owned()
        + &point("2026-03-02T06:30:00Z", 0.0, 100)
        + &point("2026-03-02T06:31:00Z", 250.5, 100)
        + "</Track></Lap>\n";
    let parsed = parse(&tcx(&run("", &counted)));
    assert_eq!(parsed.activities[0].distance_m, Some(250.5));

    // No distance at all: the positions, along a meridian.
    let positioned = "<Lap StartTime=\"2026-03-02T06:30:00Z\"><TotalTimeSeconds>60</TotalTimeSeconds><Track>\n\
        <Trackpoint><Time>2026-03-02T06:30:00Z</Time><Position><LatitudeDegrees>50</LatitudeDegrees><LongitudeDegrees>8</LongitudeDegrees></Position></Trackpoint>\n\
        <Trackpoint><Time>2026-03-02T06:31:00Z</Time><Position><LatitudeDegrees>50.001</LatitudeDegrees><LongitudeDegrees>8</LongitudeDegrees></Position></Trackpoint>\n\
        </Track></Lap>\n";
    let parsed = parse(&tcx(&run("", positioned)));
    let expected = crate::EARTH_RADIUS_M * 0.001f64.to_radians();
    let distance = parsed.activities[0].distance_m.unwrap();
    assert!((distance - expected).abs() < 1e-6, "{distance} vs {expected}");
}

#[test]
fn bad_values_are_left_out_with_their_line() {
    let points = point("2026-03-02T06:30:00Z", 0.0, 120)
        + "<Trackpoint><Time>yesterday</Time><DistanceMeters>10</DistanceMeters></Trackpoint>\n"
        + "<Trackpoint><Time>2026-03-02T06:31:00Z</Time><Position><LatitudeDegrees>95</LatitudeDegrees><LongitudeDegrees>8</LongitudeDegrees></Position><HeartRateBpm><Value>fast</Value></HeartRateBpm></Trackpoint>\n"
        + &point("2026-03-02T06:32:00Z", 400.0, 140);
    let text = tcx(&run("", &lap("2026-03-02T06:30:00Z", 120.0, 400.0, &points)));
    let parsed = parse(&text);
    let document = read_tcx(text.as_bytes(), &source()).unwrap();
    assert_eq!(document.activities[0].trackpoint_count(), 3);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let found: Vec<(u64, String)> = parsed
        .warnings
        .iter()
        .map(|w| (line_of(w), w.message()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].0, line("yesterday"));
    assert!(found[0].1.contains("<Time> is \"yesterday\""), "{}", found[0].1);
    assert_eq!(found[1].0, line(">95<"));
    assert!(
        found[1].1.contains("<LatitudeDegrees> is \"95\""),
        "{}",
        found[1].1
    );
    assert!(
        found[2].1.contains("<HeartRateBpm> is \"fast\""),
        "{}",
        found[2].1
    );
    assert_eq!(parsed.activities[0].distance_m, Some(400.0));
}

#[test]
fn a_cut_off_file_keeps_what_came_before_the_cut() {
    let points = point("2026-03-02T06:30:00Z", 0.0, 120) + &point("2026-03-02T06:35:00Z", 1000.0, 140);
    let text = tcx(&run("", &lap("2026-03-02T06:30:00Z", 300.0, 1000.0, &points)));
    let cut = text.find("06:35:00Z").unwrap() + 3;
    let parsed = parse_tcx(&text.as_bytes()[..cut], &source()).unwrap();
    let run = &parsed.activities[0];
    assert_eq!(run.moving, Some(Duration::from_secs(300)));
    let last = parsed.warnings.last().unwrap();
    assert!(matches!(last.kind(), ParseErrorKind::Truncated(_)), "{last}");
    assert!(last.message().contains("<Time>"), "{last}");
}

#[test]
fn every_prefix_of_a_good_file_reads_without_panicking() {
    let points = point("2026-03-02T06:30:00Z", 0.0, 120) + &point("2026-03-02T06:35:00Z", 1000.0, 140);
    let text = tcx(&run(
        "<Notes>n</Notes>",
        &lap("2026-03-02T06:30:00Z", 300.0, 1000.0, &points),
    ));
    for cut in 0..text.len() {
        match parse_tcx(&text.as_bytes()[..cut], &source()) {
            Ok(parsed) => assert!(
                !parsed.activities.is_empty() || parsed.nothing_to_import.is_some(),
                "cut {cut}"
            ),
            Err(error) => assert!(
                error.position().is_some() || matches!(error.kind(), ParseErrorKind::Empty),
                "cut {cut}: {error}"
            ),
        }
    }
}

#[test]
fn an_activity_without_any_time_is_an_error_naming_it() {
    let text = tcx("<Activity Sport=\"Running\">\n<Id>soon</Id>\n</Activity>\n");
    let error = parse_tcx(text.as_bytes(), &source()).unwrap_err();
    assert_eq!(line_of(&error), 4);
    assert!(error.to_string().contains("the <Activity> was left out: a time (a readable <Id>, lap StartTime or trackpoint <Time>) is missing"), "{error}");

    // With a good activity beside it, the bad one is a warning.
    let good = run("", &lap("2026-03-02T06:30:00Z", 300.0, 1000.0, ""));
    let text = tcx(&format!("<Activity Sport=\"Running\">\n</Activity>\n{good}"));
    let parsed = parse(&text);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(line_of(&parsed.warnings[0]), 4);
}

#[test]
fn files_that_are_not_tcx_version_2_are_refused() {
    let cases: &[(&str, &str)] = &[
        ("", "the file is empty"),
        ("hello", "not XML"),
        (
            "<gpx version=\"1.1\"/>",
            "root element is <gpx>, not <TrainingCenterDatabase>",
        ),
        (
            "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v1\"/>",
            "TCX version 1",
        ),
        ("<?xml version=\"1.0\"?>", "there is no root element"),
    ];
    for (text, message) in cases {
        let error = parse_tcx(text.as_bytes(), &source()).unwrap_err();
        assert!(error.to_string().contains(message), "{text:?}: {error}");
    }
}

#[test]
fn a_workouts_file_holds_nothing_to_import() {
    let text = "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Workouts><Workout Sport=\"Running\"><Name>A</Name></Workout><Workout Sport=\"Biking\"><Name>B</Name></Workout></Workouts></TrainingCenterDatabase>";
    let parsed = parse(text);
    assert!(parsed.activities.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the file holds 2 planned workouts and no activity: a plan, not a recording")
    );
}

#[test]
fn utf16_and_byte_order_marks_are_read() {
    let text = tcx(&run("", &lap("2026-03-02T06:30:00Z", 300.0, 1000.0, "")));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        text.replace("UTF-8", "UTF-16")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let parsed = parse_tcx(&utf16, &source()).unwrap();
    assert_eq!(parsed.activities[0].distance_m, Some(1000.0));
    let mut bom = b"\xEF\xBB\xBF\n  ".to_vec();
    bom.extend(text.as_bytes());
    assert_eq!(parse_tcx(&bom, &source()).unwrap().activities.len(), 1);
}

#[test]
fn latin1_notes_are_decoded() {
    let text = tcx(&run(
        "<Notes>Lauf am M\u{fc}hlbach</Notes>\n",
        &lap("2026-03-02T06:30:00Z", 300.0, 1000.0, ""),
    ))
    .replace("UTF-8", "ISO-8859-1");
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let parsed = parse_tcx(&latin1, &source()).unwrap();
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Lauf am Mühlbach"));
}

#[test]
fn damaged_bytes_never_panic() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/tcx/2026-03-02-garmin-run-with-pause.tcx");
    let data = std::fs::read(&path).unwrap();
    // A small deterministic generator: the test must not depend on a crate or a seed file.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let bytes = b"<>/!?-[]\"' \nx\0\xFF:&;=";
    for _ in 0..500 {
        let mut damaged = data.clone();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() as usize) % damaged.len();
            damaged[at] = bytes[(next() % bytes.len() as u64) as usize];
        }
        if let Ok(parsed) = parse_tcx(&damaged, &source()) {
            for activity in &parsed.activities {
                assert!(activity.elapsed >= activity.moving.unwrap_or_default());
            }
        }
    }
}

/// A lap of two tracks (a pause between them) without the device's totals for distance and
/// heart rate: the figures come from the trackpoints, within each track.
const TWO_TRACKS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2026-03-02T06:00:00Z</Id>
<Lap StartTime="2026-03-02T06:00:00Z"><TotalTimeSeconds>240</TotalTimeSeconds>
<Track>
<Trackpoint><Time>2026-03-02T06:00:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0</LongitudeDegrees></Position><AltitudeMeters>10</AltitudeMeters><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>2026-03-02T06:01:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0.001</LongitudeDegrees></Position><AltitudeMeters>13</AltitudeMeters><HeartRateBpm><Value>0</Value></HeartRateBpm></Trackpoint>
</Track>
<Track>
<Trackpoint><Time>2026-03-02T06:05:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0.002</LongitudeDegrees></Position><AltitudeMeters>14</AltitudeMeters><HeartRateBpm><Value>130</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>not a time</Time><Position><LatitudeDegrees>1</LatitudeDegrees><LongitudeDegrees>1</LongitudeDegrees></Position><AltitudeMeters>99</AltitudeMeters></Trackpoint>
<Trackpoint><Time>2026-03-02T06:06:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0.003</LongitudeDegrees></Position><AltitudeMeters>15.5</AltitudeMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
</Track>
</Lap></Activity></Activities>
</TrainingCenterDatabase>
"#;

#[test]
fn trackpoint_figures_are_folded_within_each_track_without_keeping_the_points() {
    let parsed = parse(TWO_TRACKS);
    let run = &parsed.activities[0];
    assert_eq!(run.start, ts("2026-03-02T06:00:00Z"));
    // To the last trackpoint, past the lap's 240 s of timer time.
    assert_eq!(run.elapsed, Duration::from_secs(360));
    assert_eq!(run.moving, Some(Duration::from_secs(240)));
    // One step of 0.001 degrees along the equator in each track; the gap between the tracks
    // and the point whose time is unreadable are not counted.
    let step = |from: f64, to: f64| crate::haversine_m((0.0, from), (0.0, to));
    let distance = run.distance_m.unwrap();
    assert_eq!(distance, 0.0 + step(0.0, 0.001) + step(0.002, 0.003));
    assert_eq!((distance * 100.0).round(), 22239.0);
    // 10 -> 13 climbs 3 m; the second track starts its own reference at 14, and 15.5 is
    // within the 2 m that are ignored.
    assert_eq!(run.elevation_gain_m, Some(3.0));
    // The zero (no strap) is left out: (120 + 130 + 140) / 3.
    assert_eq!(run.avg_heart_rate, Some(130.0));
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
}

/// `parse_tcx` folds each activity's trackpoints as they are read: it gives the sessions (to
/// the bit) that the figures of the kept trackpoints give, and so does `parse_tcx_from`
/// reading the file as a stream; also when the file is cut off anywhere.
fn assert_folded_like_kept(bytes: &[u8], what: &str) -> usize {
    let folded = parse_tcx(bytes, &source());
    let streamed = crate::parse_tcx_from(bytes, &source());
    // Debug prints every f64 so that it reads back to the same bits.
    assert_eq!(format!("{folded:?}"), format!("{streamed:?}"), "{what}");
    let kept = read_tcx(bytes, &source()).and_then(|document| {
        let summaries: Vec<_> = document
            .activities
            .iter()
            .map(crate::tcx::TrackpointSummary::of)
            .collect();
        crate::tcx_activities(document, &summaries, &source())
    });
    assert_eq!(format!("{folded:?}"), format!("{kept:?}"), "{what}");
    folded.map_or(0, |parsed| parsed.activities.len())
}

#[test]
fn every_prefix_of_a_file_parses_alike_from_kept_and_folded_trackpoints() {
    for end in 0..=TWO_TRACKS.len() {
        assert_folded_like_kept(&TWO_TRACKS.as_bytes()[..end], &format!("the first {end} bytes"));
    }
}

fn tcx_files_under(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            tcx_files_under(&path, files);
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("tcx"))
        {
            files.push(path);
        }
    }
}

#[test]
fn every_tcx_file_parses_alike_from_kept_points_folded_points_and_a_stream() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    tcx_files_under(&manifest.join("../../fixtures"), &mut files);
    assert!(files.len() >= 5, "the repository's TCX fixtures are found");
    if let Some(corpus) = runlift_corpus::corpus() {
        tcx_files_under(&corpus, &mut files);
    }
    let mut activities = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        activities += assert_folded_like_kept(&bytes, &path.display().to_string());
    }
    assert!(activities >= 5, "{activities} activities");
}
