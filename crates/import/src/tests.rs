use std::io::Write;
use std::path::{Path, PathBuf};

use runlift_model::{Activity, InnerPath, SourceFormat};

use super::*;

const GPX_RUN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Morning Run</name><type>running</type><trkseg>
    <trkpt lat="51.000" lon="0"><time>2026-01-05T06:30:00Z</time></trkpt>
    <trkpt lat="51.009" lon="0"><time>2026-01-05T06:35:00Z</time></trkpt>
  </trkseg></trk>
</gpx>
"#;

const STRONG: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
    2026-01-06 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n";

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("runlift-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        if name.ends_with('/') {
            writer.add_directory(*name, options).unwrap();
        } else {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
    }
    writer.finish().unwrap().into_inner()
}

fn statuses(report: &ImportReport) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = report
        .files
        .iter()
        .map(|f| {
            (
                f.inner_path.as_ref().map(ToString::to_string).unwrap_or_default(),
                f.status.name(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn an_unknown_file_found_in_a_folder_is_skipped_but_a_named_one_is_an_error() {
    let options = ImportOptions::default();
    let found = parse_bytes(
        b"shopping list\n",
        Path::new("notes.txt"),
        Origin::Found,
        &options,
    );
    assert_eq!(found.status, FileStatus::Skipped);
    let named = parse_bytes(
        b"shopping list\n",
        Path::new("notes.txt"),
        Origin::Named,
        &options,
    );
    assert_eq!(named.status, FileStatus::Error);
    assert_eq!(
        named.problems[0].to_string(),
        "notes.txt: not a fitness file runlift can read (text that is neither XML nor a known CSV export)"
    );
}

/// A file found in a folder that looks like a fitness export but that no reader knows is
/// named like a failed file (so the run exits 2, the data may be lost), with what runlift
/// reads instead; other unknown files are still passed over quietly.
#[test]
fn a_file_that_looks_like_an_export_is_named_even_in_a_folder() {
    let options = ImportOptions::default();
    let csv = "Datum;Sportart;Distanz (km);Dauer\n2026-01-05;Laufen;10,2;00:55:00\n";
    let report = parse_bytes(
        csv.as_bytes(),
        Path::new("export/laeufe.csv"),
        Origin::Found,
        &options,
    );
    assert_eq!(report.status, FileStatus::Error);
    assert_eq!(
        report.problems[0].to_string(),
        "export/laeufe.csv: not a fitness file runlift can read (it looks like a fitness export \
         (a CSV with the columns \"Datum\" and \"Distanz (km)\"), but no reader knows it; \
         runlift reads FIT, GPX, TCX and Apple Health files, the exports listed in its README, \
         and its own CSV (docs/formats/runlift-csv.md), to which any table of activities or \
         sets can be mapped)"
    );
    let json =
        br#"[{"startTimeLocal": "2026-01-05 07:00:00", "distance": 10200.0, "activityType": "running"}]"#;
    let report = parse_bytes(json, Path::new("export/runs.json"), Origin::Found, &options);
    assert_eq!(report.status, FileStatus::Error);
    assert!(
        report.problems[0].to_string().contains(
            "a JSON document with the fields \"startTimeLocal\", \"distance\" and \"activityType\""
        ),
        "{}",
        report.problems[0]
    );
    // The same kind of file among the plans and records of a Garmin Connect account export
    // (its workout plans have a sport, a duration and dates) is a part of that export that
    // holds no recorded activity: passed over, with the reason.
    let plan = br#"[{"workoutId": 1, "sportType": {"sportTypeKey": "running"}, "estimatedDurationInSecs": 2700, "createdDate": "2026-01-05T07:00:00.0"}]"#;
    let report = parse_bytes(plan, Path::new("export/runs.json"), Origin::Found, &options);
    assert_eq!(report.status, FileStatus::Error);
    let in_garmin_export = parse_bytes(
        plan,
        Path::new("garmin/DI_CONNECT/DI-Connect-Fitness/me_workout.json"),
        Origin::Found,
        &options,
    );
    assert_eq!(in_garmin_export.status, FileStatus::Skipped);
    assert!(
        in_garmin_export
            .skip_reason
            .as_deref()
            .is_some_and(|r| r
                .starts_with("a file of a Garmin Connect account export that holds no recorded activity")),
        "{:?}",
        in_garmin_export.skip_reason
    );
    for (name, bytes) in [
        ("export/contacts.csv", &b"name,email\nAnna,anna@example.org\n"[..]),
        (
            "export/package.json",
            &br#"{"name": "x", "version": "1.0.0"}"#[..],
        ),
        (
            "apple_health_export/export_cda.xml",
            &b"<?xml version=\"1.0\"?><ClinicalDocument><title>Heart</title></ClinicalDocument>"[..],
        ),
    ] {
        let report = parse_bytes(bytes, Path::new(name), Origin::Found, &options);
        assert_eq!(report.status, FileStatus::Skipped, "{name}");
    }
}

#[test]
fn a_gpx_extension_that_holds_html_is_an_error_even_in_a_folder() {
    let html = b"<!DOCTYPE html><html><body>Sign in</body></html>";
    let report = parse_bytes(
        html,
        Path::new("run.gpx"),
        Origin::Found,
        &ImportOptions::default(),
    );
    assert_eq!(report.status, FileStatus::Error);
    assert!(
        report.problems[0].to_string().contains("root element is <html>"),
        "{}",
        report.problems[0]
    );
}

#[test]
fn an_unknown_csv_names_the_dialects_runlift_reads() {
    let csv = b"when,what\n2026-01-01,run\n";
    let report = parse_bytes(
        csv,
        Path::new("log.csv"),
        Origin::Named,
        &ImportOptions::default(),
    );
    assert_eq!(report.status, FileStatus::Error);
    assert!(
        report.problems[0].to_string().contains("runlift reads: Strong"),
        "{}",
        report.problems[0]
    );
}

#[test]
fn json_files_are_recognised_by_their_keys_and_other_json_is_passed_over() {
    let options = ImportOptions::default();
    let garmin = br#"[{"summarizedActivitiesExport": [{"activityType": "running",
        "beginTimestamp": 1770096600000, "duration": 1800000, "distance": 504000}]}]"#;
    // Named like any file: the content decides.
    let report = parse_bytes(garmin, Path::new("export.txt"), Origin::Found, &options);
    assert_eq!(report.format, Some(SourceFormat::GarminAccountJson));
    assert_eq!(report.status, FileStatus::Ok, "{:?}", report.problems);
    assert_eq!(report.activities[0].distance_m, Some(5040.0));
    let polar = br#"{"exportVersion": "1.6", "startTime": "2026-03-10T07:15:00.000",
        "timeZoneOffset": 60, "exercises": [{"duration": "PT30M", "sport": "WALKING"}]}"#;
    let report = parse_bytes(
        polar,
        Path::new("training-session-1.json"),
        Origin::Found,
        &options,
    );
    assert_eq!(report.format, Some(SourceFormat::PolarFlowJson));
    assert_eq!(report.activities[0].start.to_string(), "2026-03-10T06:15:00Z");

    let sleep = br#"[{"calendarDate": "2026-02-03", "deepSleepSeconds": 5400}]"#;
    let found = parse_bytes(sleep, Path::new("me_sleepData.json"), Origin::Found, &options);
    assert_eq!(found.status, FileStatus::Skipped);
    assert_eq!(
        found.skip_reason.as_deref(),
        Some(
            "not fitness data runlift reads (a JSON file of no export runlift reads; it reads \
             Garmin Connect's *_summarizedActivities.json and Polar Flow's training-session-*.json)"
        )
    );
    // A summary that is not JSON: an error at its line and column, naming the file.
    let broken = b"[{\"summarizedActivitiesExport\": [\n  {\"activityType\": }]}]";
    let report = parse_bytes(
        broken,
        Path::new("me_0_summarizedActivities.json"),
        Origin::Found,
        &options,
    );
    assert_eq!(report.status, FileStatus::Error);
    assert!(
        report.problems[0]
            .to_string()
            .starts_with("me_0_summarizedActivities.json: line 2, column 20: not valid JSON"),
        "{}",
        report.problems[0]
    );
}

#[test]
fn an_empty_file_is_an_error() {
    let report = parse_bytes(
        b"",
        Path::new("empty.gpx"),
        Origin::Found,
        &ImportOptions::default(),
    );
    assert_eq!(report.status, FileStatus::Error);
    assert_eq!(report.problems[0].to_string(), "empty.gpx: the file is empty");
}

#[test]
fn a_missing_path_is_reported_and_the_others_still_listed() {
    let dir = TempDir::new("discover");
    dir.write("b.gpx", b"x");
    dir.write("sub/a.csv", b"x");
    dir.write(".hidden", b"x");
    let missing = dir.0.join("nope");
    let (files, failures) = pipeline::discover(&[dir.0.clone(), missing.clone()]);
    let names: Vec<_> = files
        .iter()
        .map(|c| c.path.strip_prefix(&dir.0).unwrap().to_path_buf())
        .collect();
    assert_eq!(names, vec![PathBuf::from("b.gpx"), PathBuf::from("sub/a.csv")]);
    assert_eq!(files[0].size, 1);
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].path, missing);
}

#[test]
fn a_gzipped_gpx_is_read_in_place_under_its_own_name() {
    let dir = TempDir::new("gz");
    let path = dir.write("run.gpx.gz", &gzip(GPX_RUN.as_bytes()));
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    assert_eq!(report.files.len(), 1);
    let file = &report.files[0];
    assert_eq!(file.status, FileStatus::Ok, "{:?}", file.problems);
    assert_eq!(file.path, path);
    assert_eq!(file.format, Some(SourceFormat::Gpx));
    assert_eq!(file.activities[0].elapsed.as_secs(), 300);
    // The source file is only read.
    assert_eq!(std::fs::read(&path).unwrap(), gzip(GPX_RUN.as_bytes()));
}

#[test]
fn a_cut_off_gz_is_an_error_naming_the_file() {
    let dir = TempDir::new("gz-cut");
    let bytes = gzip(GPX_RUN.as_bytes());
    let path = dir.write("run.gpx.gz", &bytes[..bytes.len() / 2]);
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    let file = &report.files[0];
    assert_eq!(file.status, FileStatus::Error);
    assert!(
        file.problems[0]
            .to_string()
            .starts_with(&format!("{}: cannot read the file", path.display()))
    );
}

#[test]
fn every_entry_of_a_zip_is_read_and_named_by_its_path_inside() {
    let dir = TempDir::new("zip");
    let archive = zip(&[
        ("export/", b""),
        ("export/activities/run.gpx", GPX_RUN.as_bytes()),
        (
            "export/activities/run2.gpx.gz",
            &gzip(GPX_RUN.replace("06:3", "07:3").as_bytes()),
        ),
        ("export/strong.csv", STRONG.as_bytes()),
        ("export/README.txt", b"Your data export"),
        ("export/broken.gpx", b"<gpx><trk>"),
        ("__MACOSX/export/._run.gpx", b"\x00\x05\x16\x07"),
    ]);
    let path = dir.write("export.zip", &archive);
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    assert_eq!(
        statuses(&report),
        [
            ("__MACOSX/export/._run.gpx".to_owned(), "skipped"),
            ("export/README.txt".to_owned(), "skipped"),
            ("export/activities/run.gpx".to_owned(), "ok"),
            ("export/activities/run2.gpx".to_owned(), "ok"),
            ("export/broken.gpx".to_owned(), "error"),
            ("export/strong.csv".to_owned(), "ok"),
        ]
    );
    assert_eq!(report.activities().count(), 3);
    let broken = report
        .files
        .iter()
        .find(|f| f.status == FileStatus::Error)
        .unwrap();
    assert!(
        broken.problems[0]
            .to_string()
            .starts_with(&format!("{}!export/broken.gpx: ", path.display())),
        "{}",
        broken.problems[0]
    );
    let run = report.activities().find(|a| a.sport.is_running()).unwrap();
    assert_eq!(
        run.source.inner_path.as_ref().map(ToString::to_string).as_deref(),
        Some("export/activities/run.gpx")
    );
}

#[test]
fn zips_nested_in_a_zip_are_read_with_the_whole_path() {
    let dir = TempDir::new("nested");
    let inner = zip(&[("UploadedFiles/run.gpx", GPX_RUN.as_bytes())]);
    let outer = zip(&[("DI_CONNECT/Uploaded_0.zip", &inner)]);
    let path = dir.write("garmin.zip", &outer);
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    assert_eq!(
        statuses(&report),
        [("DI_CONNECT/Uploaded_0.zip!UploadedFiles/run.gpx".to_owned(), "ok")]
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let dir = TempDir::new("deep");
    let mut archive = zip(&[("run.gpx", GPX_RUN.as_bytes())]);
    for level in 0..3 {
        archive = zip(&[(&format!("level{level}.zip"), &archive)]);
    }
    let path = dir.write("deep.zip", &archive);
    let options = ImportOptions {
        limits: Limits {
            max_depth: 2,
            ..Limits::default()
        },
        ..ImportOptions::default()
    };
    let report = pipeline::read_files(std::slice::from_ref(&path), &options, &Silent);
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.files[0].status, FileStatus::Error);
    assert!(
        report.files[0].problems[0]
            .to_string()
            .contains("nested more than 2 deep")
    );
}

#[test]
fn a_zip_bomb_entry_is_refused_and_the_other_entries_still_read() {
    let dir = TempDir::new("bomb");
    let zeros = vec![0u8; 8 << 20];
    let archive = zip(&[("bomb.gpx", &zeros), ("run.gpx", GPX_RUN.as_bytes())]);
    let path = dir.write("bomb.zip", &archive);
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    assert_eq!(
        statuses(&report),
        [("bomb.gpx".to_owned(), "error"), ("run.gpx".to_owned(), "ok")]
    );
    let bomb = report
        .files
        .iter()
        .find(|f| f.status == FileStatus::Error)
        .unwrap();
    assert!(
        bomb.problems[0].to_string().contains("zip bomb"),
        "{}",
        bomb.problems[0]
    );
}

#[test]
fn too_many_entries_are_refused() {
    let dir = TempDir::new("entries");
    let names: Vec<String> = (0..5).map(|i| format!("run{i}.gpx")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), GPX_RUN.as_bytes())).collect();
    let path = dir.write("many.zip", &zip(&entries));
    let options = ImportOptions {
        limits: Limits {
            max_entries: 4,
            ..Limits::default()
        },
        ..ImportOptions::default()
    };
    let report = pipeline::read_files(std::slice::from_ref(&path), &options, &Silent);
    assert_eq!(report.files.len(), 1);
    assert!(
        report.files[0].problems[0]
            .to_string()
            .contains("lists 5 entries, more than the 4")
    );
}

#[test]
fn a_corrupt_zip_is_an_error_and_an_empty_one_holds_nothing() {
    let dir = TempDir::new("corrupt");
    let archive = zip(&[("run.gpx", GPX_RUN.as_bytes())]);
    let corrupt = dir.write("corrupt.zip", &archive[..archive.len() - 10]);
    let empty = dir.write("empty.zip", &zip(&[]));
    let report = pipeline::read_files(
        &[corrupt.clone(), empty.clone()],
        &ImportOptions::default(),
        &Silent,
    );
    assert_eq!(report.files.len(), 2, "{:?}", report.files);
    assert_eq!(report.files[0].path, corrupt);
    assert!(
        report.files[0].problems[0]
            .to_string()
            .contains("not a readable zip archive")
    );
    assert_eq!(report.files[1].path, empty);
    assert_eq!(report.files[1].status, FileStatus::Skipped);
    assert_eq!(
        report.files[1].skip_reason.as_deref(),
        Some("the zip archive is empty")
    );
}

#[test]
fn a_gzipped_fit_file_is_recognised_by_its_header() {
    let dir = TempDir::new("fitgz");
    let fit = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/athlete/2026-02-03-run-with-pause.fit"),
    )
    .unwrap();
    let path = dir.write("activities/123.fit.gz", &gzip(&fit));
    let report = pipeline::read_files(std::slice::from_ref(&path), &ImportOptions::default(), &Silent);
    let file = &report.files[0];
    assert_eq!(file.format, Some(SourceFormat::Fit));
    assert_eq!(file.status, FileStatus::Ok, "{:?}", file.problems);
    assert_eq!(file.activities[0].distance_m, Some(5040.0));
}

fn report_with(
    path: &str,
    inner: Option<&str>,
    format: SourceFormat,
    activities: Vec<Activity>,
) -> FileReport {
    FileReport {
        path: PathBuf::from(path),
        inner_path: inner.map(InnerPath::from),
        format: Some(format),
        status: FileStatus::Ok,
        activities,
        problems: Vec::new(),
        skip_reason: None,
        notes: Vec::new(),
    }
}

fn activity(sport: runlift_model::Sport, start: &str, name: &str, format: SourceFormat) -> Activity {
    let source = runlift_model::SourceRef::file("x", format);
    let mut a = Activity::new(
        sport,
        start.parse().unwrap(),
        std::time::Duration::from_secs(1800),
        source,
    );
    a.name = Some(name.to_owned());
    a
}

#[test]
fn strava_csv_rows_join_their_activity_files_and_rows_without_a_file_stay() {
    use runlift_model::{RunKind, Sport};
    let mut row = activity(
        Sport::Running(RunKind::Unspecified),
        "2026-01-05T06:30:00Z",
        "Lunch Run",
        SourceFormat::StravaCsv,
    );
    row.source_file_hint = Some("activities/1.gpx.gz".to_owned());
    row.perceived_effort = Some(6.0);
    let manual = activity(
        Sport::StrengthTraining,
        "2026-01-06T18:00:00Z",
        "Weight Training",
        SourceFormat::StravaCsv,
    );
    let mut elsewhere = row.clone();
    elsewhere.source_file_hint = Some("activities/missing.fit.gz".to_owned());
    let file_run = activity(
        Sport::Running(RunKind::Trail),
        "2026-01-05T06:30:02Z",
        "Morning Run",
        SourceFormat::Gpx,
    );
    for (csv_path, csv_inner, file_path, file_inner) in [
        ("export/activities.csv", None, "export/activities/1.gpx.gz", None),
        (
            "export.zip",
            Some("export_1/activities.csv"),
            "export.zip",
            Some("export_1/activities/1.gpx"),
        ),
    ] {
        let mut files = vec![
            report_with(
                csv_path,
                csv_inner,
                SourceFormat::StravaCsv,
                vec![row.clone(), manual.clone(), elsewhere.clone()],
            ),
            report_with(file_path, file_inner, SourceFormat::Gpx, vec![file_run.clone()]),
        ];
        strava::join(&mut files);
        let joined = &files[1].activities[0];
        assert_eq!(joined.name.as_deref(), Some("Lunch Run"));
        // Same category: the file's finer kind of run stays.
        assert_eq!(joined.sport, Sport::Running(RunKind::Trail));
        assert_eq!(joined.perceived_effort, Some(6.0));
        let left: Vec<_> = files[0]
            .activities
            .iter()
            .map(|a| a.source_file_hint.clone())
            .collect();
        assert_eq!(
            left,
            [None, Some("activities/missing.fit.gz".to_owned())],
            "{csv_path}"
        );
        assert_eq!(
            files[0].notes,
            ["1 row joined with its activity file of the export; 2 imported from the CSV alone"]
        );
        // The file the other row names is not there: one warning, and the CSV is partly read.
        assert_eq!(files[0].status, FileStatus::Partial);
        let problems: Vec<String> = files[0].problems.iter().map(|p| p.kind().to_string()).collect();
        assert_eq!(
            problems,
            [
                "1 row names an activity file that is not in the export (activities/missing.fit.gz): \
              those activities were read from the CSV's summary alone, without routes, heart rate \
              or laps; point runlift at the whole export (its folder or .zip)"
            ]
        );
    }
}

/// An `activities.csv` copied out of its export: one warning names how many files are absent
/// and the first three, not one per row.
#[test]
fn a_strava_csv_without_its_files_warns_once_naming_a_few() {
    use runlift_model::{RunKind, Sport};
    let rows: Vec<Activity> = (1..=5)
        .map(|day| {
            let mut row = activity(
                Sport::Running(RunKind::Unspecified),
                &format!("2026-01-0{day}T06:30:00Z"),
                "Run",
                SourceFormat::StravaCsv,
            );
            row.source_file_hint = Some(format!("activities/{day}.fit.gz"));
            row
        })
        .collect();
    let mut files = vec![report_with("activities.csv", None, SourceFormat::StravaCsv, rows)];
    strava::join(&mut files);
    assert_eq!(files[0].activities.len(), 5);
    assert_eq!(files[0].status, FileStatus::Partial);
    assert_eq!(files[0].problems.len(), 1);
    assert_eq!(
        files[0].problems[0].to_string(),
        "activities.csv: 5 rows name activity files that are not in the export \
         (activities/1.fit.gz, activities/2.fit.gz, activities/3.fit.gz and 2 more): those \
         activities were read from the CSV's summary alone, without routes, heart rate or laps; \
         point runlift at the whole export (its folder or .zip)"
    );
}

fn report_in(path: &str, entries: &[&str], format: SourceFormat, activities: Vec<Activity>) -> FileReport {
    FileReport {
        inner_path: InnerPath::from_entries(entries.iter().map(|e| (*e).to_owned()).collect()),
        ..report_with(path, None, format, activities)
    }
}

#[test]
fn garmin_summaries_join_the_fit_files_of_their_own_export_by_start() {
    use runlift_model::{RunKind, Sport};
    let summary_run = activity(
        Sport::Running(RunKind::Unspecified),
        "2026-02-03T05:30:00Z",
        "Tuesday Easy Run",
        SourceFormat::GarminAccountJson,
    );
    // Entered by hand on Garmin Connect: no file.
    let manual = activity(
        Sport::Running(RunKind::Treadmill),
        "2026-02-11T18:00:00Z",
        "Hotel gym treadmill",
        SourceFormat::GarminAccountJson,
    );
    // Recorded as cardio, changed to strength training on Garmin Connect.
    let summary_gym = activity(
        Sport::StrengthTraining,
        "2026-02-05T17:00:00Z",
        "Squat & Bench",
        SourceFormat::GarminAccountJson,
    );
    let mut fit_run = activity(
        Sport::Running(RunKind::Road),
        "2026-02-03T05:30:00Z",
        "Run",
        SourceFormat::Fit,
    );
    fit_run.distance_m = Some(5040.0);
    let fit_gym = activity(
        Sport::CardioTraining,
        "2026-02-05T17:00:30Z",
        "Cardio",
        SourceFormat::Fit,
    );
    let uploaded = "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip";
    for (summary_path, summary_entries, file_path, file_entries) in [
        (
            "export.zip",
            vec!["DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json"],
            "export.zip",
            vec![uploaded, "12345.fit"],
        ),
        (
            "export/DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json",
            vec![],
            "export/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
            vec!["12345.fit"],
        ),
    ] {
        let mut files = vec![
            report_in(
                summary_path,
                &summary_entries,
                SourceFormat::GarminAccountJson,
                vec![summary_run.clone(), manual.clone(), summary_gym.clone()],
            ),
            report_in(file_path, &file_entries, SourceFormat::Fit, vec![fit_run.clone()]),
            report_in(
                file_path,
                &[&file_entries[..file_entries.len() - 1], &["67890.fit"]].concat(),
                SourceFormat::Fit,
                vec![fit_gym.clone()],
            ),
            // The same run in another export (another account's): not this summary's file.
            report_in(
                "other-export.zip",
                &[uploaded, "12345.fit"],
                SourceFormat::Fit,
                vec![fit_run.clone()],
            ),
        ];
        garmin_account::join(&mut files);
        let run = &files[1].activities[0];
        assert_eq!(run.name.as_deref(), Some("Tuesday Easy Run"), "{summary_path}");
        assert_eq!(run.sport, Sport::Running(RunKind::Road));
        assert_eq!(run.distance_m, Some(5040.0));
        let gym = &files[2].activities[0];
        assert_eq!(
            (gym.name.as_deref(), &gym.sport),
            (Some("Squat & Bench"), &Sport::StrengthTraining)
        );
        assert_eq!(files[3].activities[0].name.as_deref(), Some("Run"));
        let left: Vec<_> = files[0].activities.iter().map(|a| a.name.as_deref()).collect();
        assert_eq!(left, [Some("Hotel gym treadmill")], "{summary_path}");
        assert_eq!(
            files[0].notes,
            ["2 activities joined with their files of the export; 1 imported from the summary alone"]
        );
    }
}

#[test]
fn runkeeper_rows_join_the_gpx_files_they_name() {
    use runlift_model::{RunKind, Sport};
    let mut row = activity(
        Sport::Running(RunKind::Unspecified),
        "2026-03-02T06:30:12Z",
        "Canal loop",
        SourceFormat::RunkeeperCsv,
    );
    row.source_file_hint = Some("2026-03-02-073012.gpx".to_owned());
    let gym = activity(
        Sport::StrengthTraining,
        "2026-03-05T18:00:00Z",
        "",
        SourceFormat::RunkeeperCsv,
    );
    let track = activity(
        Sport::Other("gpx".to_owned()),
        "2026-03-02T06:30:12Z",
        "Running 3/2/26 7:30 am",
        SourceFormat::Gpx,
    );
    let mut files = vec![
        report_with(
            "runkeeper/cardioActivities.csv",
            None,
            SourceFormat::RunkeeperCsv,
            vec![row, gym],
        ),
        report_with(
            "runkeeper/2026-03-02-073012.gpx",
            None,
            SourceFormat::Gpx,
            vec![track],
        ),
    ];
    strava::join(&mut files);
    let run = &files[1].activities[0];
    assert_eq!(run.name.as_deref(), Some("Canal loop"));
    // The GPX track did not say it was a run; the CSV does.
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(files[0].activities.len(), 1);
    assert_eq!(files[0].activities[0].sport, Sport::StrengthTraining);
}
