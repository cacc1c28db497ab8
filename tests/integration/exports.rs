//! Whole account exports as users download them: a Strava bulk-export zip (activities.csv
//! beside gzipped activity files, manual entries without a file), and an Apple Health
//! export.zip. Built by the tests from the fixtures, read in place by the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{json, repo, runlift};

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("runlift-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn write_zip(path: &Path, entries: &[(&str, Vec<u8>)]) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}

const STRAVA_HEADER: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,\
Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,\
Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain";

#[test]
fn a_strava_export_zip_counts_each_activity_once_with_the_names_from_its_csv() {
    let dir = TempDir::new("strava");
    let csv = format!(
        "{STRAVA_HEADER}\n\
         1001,\"Jan 6, 2026, 6:00:00 AM\",Tempo Tuesday,Run,,2700,8.10,,,false,,,activities/1001.gpx.gz,,,2700.0,2700.0,8100.0,,,\n\
         1002,\"Jan 7, 2026, 5:30:00 PM\",Gym,Weight Training,,3600,0,,,false,,,,,,3600.0,3600.0,0.0,,,\n\
         1003,\"Feb 3, 2026, 5:30:00 AM\",Lunch Run,Run,,1920,5.04,,,false,,,activities/1003.fit.gz,,,1920.0,1800.0,5040.0,,,\n"
    );
    let archive = dir.0.join("export_12345678.zip");
    write_zip(
        &archive,
        &[
            ("activities.csv", csv.into_bytes()),
            (
                "activities/1001.gpx.gz",
                gzip(&fixture("fixtures/athlete/2026-01-06-morning-run.gpx")),
            ),
            (
                "activities/1003.fit.gz",
                gzip(&fixture("fixtures/athlete/2026-02-03-run-with-pause.fit")),
            ),
            (
                "media/photo.jpg",
                vec![0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
            ),
        ],
    );
    let out = runlift(&[
        "inspect",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        archive.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let files = json(&out.stdout)["files"].as_array().unwrap().clone();
    let by_entry = |suffix: &str| -> Value {
        files
            .iter()
            .find(|f| {
                f["inner_path"]
                    .as_str()
                    .is_some_and(|inner| inner.ends_with(suffix))
            })
            .unwrap_or_else(|| panic!("no file ending {suffix} in {files:#?}"))
            .clone()
    };
    // The GPX and the FIT file carry the figures, and the names the athlete gave on Strava.
    let gpx = by_entry("activities/1001.gpx");
    assert_eq!(gpx["format"], "gpx");
    assert_eq!(gpx["activities"][0]["name"], "Tempo Tuesday");
    assert!((gpx["activities"][0]["distance_m"].as_f64().unwrap() - 8100.006).abs() < 0.01);
    let fit = by_entry("activities/1003.fit");
    assert_eq!(fit["format"], "fit");
    assert_eq!(fit["activities"][0]["name"], "Lunch Run");
    assert_eq!(fit["activities"][0]["moving_s"], 1800.0);
    // Only the manual entry, which has no file, stays with the CSV.
    let summary = by_entry("activities.csv");
    assert_eq!(summary["format"], "strava_csv");
    let rows = summary["activities"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["sport"], "strength_training");
    assert_eq!(rows[0]["elapsed_s"], 3600.0);
    let photo = by_entry("media/photo.jpg");
    assert_eq!(photo["status"], "skipped");
    let total: usize = files
        .iter()
        .map(|f| f["activities"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 3);
}

/// A zip's bytes, built in memory: the zips Garmin nests in its export.
fn zip_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const GARMIN_SUMMARY: &str =
    "fixtures/garmin-account/DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json";

/// The zip of uploaded files of the Garmin export: three of the demo's FIT files, named as
/// Garmin names them.
fn garmin_uploaded_files() -> Vec<u8> {
    zip_bytes(&[
        (
            "runner@example.com_21400000101.fit",
            fixture("fixtures/athlete/2026-02-03-run-with-pause.fit"),
        ),
        (
            "runner@example.com_21400000102.fit",
            fixture("fixtures/athlete/2026-02-05-strength.fit"),
        ),
        (
            "runner@example.com_21400000104.fit",
            fixture("fixtures/athlete/2026-02-14-long-run.fit"),
        ),
    ])
}

/// fixtures/garmin-account's summary with three of the demo's FIT files in a zip inside the
/// export zip, as Garmin's "Export your data" sends them, and a wellness file runlift skips.
fn garmin_export(dir: &TempDir) -> PathBuf {
    let uploaded = garmin_uploaded_files();
    let archive = dir.0.join("garmin-export.zip");
    write_zip(
        &archive,
        &[
            (
                "DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
                fixture(GARMIN_SUMMARY),
            ),
            (
                "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
                uploaded,
            ),
            (
                "DI_CONNECT/DI-Connect-Wellness/runner@example.com_0_sleepData.json",
                br#"[{"calendarDate": "2026-02-03", "deepSleepSeconds": 5400}]"#.to_vec(),
            ),
            // A workout plan: a sport, a duration and dates, but nothing recorded.
            (
                "DI_CONNECT/DI-Connect-Fitness/runner@example.com_workout.json",
                br#"[{"workoutId": 7, "sportType": {"sportTypeKey": "running"}, "estimatedDurationInSecs": 2700, "createdDate": "2026-01-05T07:00:00.0"}]"#.to_vec(),
            ),
        ],
    );
    archive
}

#[test]
fn a_garmin_account_export_counts_each_activity_once_with_the_names_from_its_summary() {
    let dir = TempDir::new("garmin-account");
    let archive = garmin_export(&dir);
    let out = runlift(&["inspect", "--format", "json", archive.to_str().unwrap()]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let files = json(&out.stdout)["files"].as_array().unwrap().clone();
    let by_entry = |suffix: &str| -> Value {
        files
            .iter()
            .find(|f| {
                f["inner_path"]
                    .as_str()
                    .is_some_and(|inner| inner.ends_with(suffix))
            })
            .unwrap_or_else(|| panic!("no file ending {suffix} in {files:#?}"))
            .clone()
    };
    // The FIT files, read from the zip inside the zip, keep their figures and take the names.
    let run = by_entry("UploadedFiles_0-_Part1.zip!runner@example.com_21400000101.fit");
    assert_eq!(run["format"], "fit");
    assert_eq!(run["activities"][0]["name"], "Tuesday Easy Run");
    assert_eq!(run["activities"][0]["distance_m"], 5040.0);
    assert_eq!(run["activities"][0]["elapsed_s"], 1920.0);
    let gym = by_entry("runner@example.com_21400000102.fit");
    assert_eq!(gym["activities"][0]["name"], "Squat & Bench");
    // The watch's sets, with their exercises, not the summary's count of nameless sets.
    let sets = gym["activities"][0]["sets"].as_array().unwrap();
    assert!(sets.iter().any(|s| s["exercise"] != ""), "{sets:#?}");
    let long = by_entry("runner@example.com_21400000104.fit");
    assert_eq!(long["activities"][0]["name"], "Saturday Night Long Run");
    // Only the treadmill run entered by hand, which has no file, stays with the summary.
    let summary = by_entry("_summarizedActivities.json");
    assert_eq!(summary["format"], "garmin_account_json");
    let rows = summary["activities"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["name"], "Hotel gym treadmill");
    assert_eq!(rows[0]["distance_m"], 5000.0);
    assert_eq!(by_entry("sleepData.json")["status"], "skipped");
    // Exit 0 above: the plan is a part of the export that records nothing, passed over.
    assert_eq!(by_entry("_workout.json")["status"], "skipped");
    let total: usize = files
        .iter()
        .map(|f| f["activities"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 4);

    // The weekly report counts the same four: W06 one run (5.04 km) and one strength session,
    // W07 two runs (5 + 15 km).
    let out = runlift(&[
        "report",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "--since",
        "2026-02-02",
        archive.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let report = json(&out.stdout);
    let weeks: Vec<(String, u64, f64, u64)> = report["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["week"].as_str().unwrap().to_owned(),
                w["runs"].as_u64().unwrap(),
                w["run_distance_m"].as_f64().unwrap(),
                w["strength_sessions"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-W06".to_owned(), 1, 5040.0, 1),
            ("2026-W07".to_owned(), 2, 20000.0, 0),
        ]
    );
}

#[test]
fn a_garmin_export_counts_each_activity_once_in_the_store_whole_or_imported_in_parts() {
    use crate::store::run as with_store;
    let dir = TempDir::new("garmin-store");
    let sessions = |store: &Path| -> u64 {
        let out = with_store(store, &["store", "info", "--format", "json"]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        json(&out.stdout)["sessions"].as_u64().unwrap()
    };
    let archive = garmin_export(&dir);
    let whole = dir.0.join("store-whole");
    let out = with_store(&whole, &["import", archive.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // Three FIT files joined with their summaries, and the run entered by hand.
    assert_eq!(sessions(&whole), 4);

    // The uploaded files first, the summary unpacked and imported later: the join cannot see
    // both at once, and the de-duplication of the store merges them instead.
    let parts = dir.0.join("store-parts");
    let uploaded = dir.0.join("UploadedFiles_0-_Part1.zip");
    std::fs::write(&uploaded, garmin_uploaded_files()).unwrap();
    let summary = dir.0.join("runner@example.com_0_summarizedActivities.json");
    std::fs::write(&summary, fixture(GARMIN_SUMMARY)).unwrap();
    for path in [&uploaded, &summary] {
        let out = with_store(&parts, &["import", path.to_str().unwrap()]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    assert_eq!(sessions(&parts), 4);
    let out = with_store(&parts, &["inspect", "--store", "--format", "json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // Each of the three files merged with its summary, the FIT file's figures kept.
    let merges = json(&out.stdout);
    assert_eq!(merges["merged_sessions"], 3, "{merges:#}");
    for merge in merges["merges"].as_array().unwrap() {
        assert_eq!(merge["kept"]["format"], "fit", "{merge:#}");
    }
}

#[test]
fn a_runkeeper_export_joins_its_csv_with_its_gpx_files() {
    let out = runlift(&[
        "inspect",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "fixtures/runkeeper",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let files = json(&out.stdout)["files"].as_array().unwrap().clone();
    let by_path = |suffix: &str| -> Value {
        files
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .unwrap_or_else(|| panic!("no file ending {suffix} in {files:#?}"))
            .clone()
    };
    // The run: figures from the GPX track (5000 m along a meridian, 30 min), sport from the CSV.
    let run = &by_path("2026-03-02-073012.gpx")["activities"][0];
    assert_eq!(run["sport"], "running");
    assert_eq!(run["start"], "2026-03-02T06:30:12Z");
    assert_eq!(run["elapsed_s"], 1800.0);
    assert!(
        (run["distance_m"].as_f64().unwrap() - 5000.0).abs() < 0.01,
        "{run}"
    );
    // The ride keeps the route's name the athlete gave it.
    let ride = &by_path("2026-03-04-180500.gpx")["activities"][0];
    assert_eq!(ride["sport"], "other");
    assert_eq!(ride["sport_detail"], "cycling");
    assert_eq!(ride["name"], "Canal loop");
    assert!(
        (ride["distance_m"].as_f64().unwrap() - 15000.0).abs() < 0.01,
        "{ride}"
    );
    // The walk and the strength session have no GPX file: they come from the CSV alone.
    let csv = by_path("cardioActivities.csv");
    assert_eq!(csv["format"], "runkeeper_csv");
    let rows: Vec<(&str, f64)> = csv["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["sport"].as_str().unwrap(), a["elapsed_s"].as_f64().unwrap()))
        .collect();
    assert_eq!(rows, [("other", 2445.0), ("strength_training", 2700.0)]);
    let total: usize = files
        .iter()
        .map(|f| f["activities"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 4);
}

#[test]
fn an_apple_health_export_zip_is_streamed_from_the_archive() {
    let dir = TempDir::new("apple");
    let archive = dir.0.join("export.zip");
    write_zip(
        &archive,
        &[(
            "apple_health_export/export.xml",
            fixture("fixtures/apple-health/export.xml"),
        )],
    );
    let out = runlift(&["inspect", "--format", "json", archive.to_str().unwrap()]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let file = &json(&out.stdout)["files"][0];
    assert_eq!(file["format"], "apple_health");
    assert!(file["path"].as_str().unwrap().ends_with("export.zip"));
    assert_eq!(file["inner_path"], "apple_health_export/export.xml");
    let workouts = file["activities"].as_array().unwrap();
    let sports: Vec<&str> = workouts.iter().map(|w| w["sport"].as_str().unwrap()).collect();
    assert_eq!(
        sports,
        [
            "running",
            "running",
            "running",
            "strength_training",
            "strength_training",
            "strength_training",
            "other",
            "other"
        ]
    );
    assert_eq!(workouts[1]["start"], "2026-06-12T10:30:00Z");
    assert_eq!(workouts[1]["utc_offset_s"], -4 * 3600);
    assert_eq!(workouts[1]["elapsed_s"], 2910.0);
    assert_eq!(workouts[2]["sport_detail"], "treadmill");
}

#[test]
fn a_zip_bomb_in_a_folder_is_refused_and_the_rest_of_the_folder_imports() {
    let dir = TempDir::new("bomb");
    write_zip(&dir.0.join("bomb.zip"), &[("huge.gpx", vec![b' '; 64 << 20])]);
    std::fs::write(
        dir.0.join("run.gpx"),
        fixture("fixtures/athlete/2026-01-06-morning-run.gpx"),
    )
    .unwrap();
    let out = runlift(&[
        "report",
        "--format",
        "json",
        "--tz",
        "UTC",
        dir.0.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
    assert!(
        out.stderr
            .contains("bomb.zip!huge.gpx: cannot read the file: refused"),
        "{}",
        out.stderr
    );
    assert_eq!(json(&out.stdout)["inputs"]["activities"], 1);
}
