//! The batch of bad inputs in fixtures/hostile/ (its README gives each file's class and
//! outcome): the good files are imported exactly, every bad one is named on stderr with its
//! path and reason, and the run exits 2. Names with control characters are printed escaped.

use std::path::Path;

use serde_json::Value;

use crate::{json, repo, runlift};

const BATCH: &str = "fixtures/hostile";

/// Every file of the batch whose outcome is a problem: how stderr starts its line, and a word
/// of the reason.
const BAD: [(&str, &str, &str); 24] = [
    ("error", "empty.gpx", "the file is empty"),
    ("error", "empty.zip", "the file is empty"),
    ("error", "empty.gz", "the file is empty"),
    ("skipped", "no-entries.zip", "the zip archive is empty"),
    ("error", "photo.fit", "binary data of an unknown kind"),
    ("error", "notes.tcx", "not a fitness file runlift can read"),
    ("skipped", "not-a-csv.csv", "matches no known export"),
    ("warning", "not-utf8.csv", "expected UTF-8 text"),
    ("error", "truncated.fit", "the file ends too early"),
    ("error", "truncated.gpx.gz", "cannot read the file"),
    (
        "error",
        "corrupt-entry.zip!export/broken.gpx",
        "corrupt deflate stream",
    ),
    ("warning", "nan-coordinates.gpx", "lat is \"NaN\""),
    ("warning", "nan-coordinates.gpx", "<ele> is \"inf\""),
    ("warning", "nan-weight.csv", "Weight is \"NaN\""),
    ("warning", "absurd-sets.csv", "is 50000, more than 10000"),
    (
        "warning",
        "fit-900-km-in-3-hours.fit",
        "900 km in 3:00:00 is 300.0 km/h",
    ),
    (
        "error",
        "fit-epoch-1989.fit",
        "starting 1989-12-31T00:00:00Z: it is dated before 1990",
    ),
    (
        "error",
        "epoch-1970.gpx",
        "starting 1970-01-01T06:00:00Z: it is dated before 1990",
    ),
    (
        "error",
        "year-2150.tcx",
        "starting 2150-06-01T08:00:00Z: it is dated 2100 or later",
    ),
    ("error", "negative-duration.tcx", "a duration"),
    ("error", "backwards-time.gpx", "5.56 km in no time at all"),
    (
        "error",
        "too-many-sets.csv.gz",
        "it holds 5001 sets, more than the 5000",
    ),
    ("warning", "long-field.csv.gz", "more than the 64 KiB"),
    ("error", "deeply-nested.gpx", "nested more than 256 deep"),
];

/// The weeks of the batch, worked out by hand from the README: week, runs, run distance (m),
/// run time (s), strength sessions, strength time (s), working sets.
/// W10: good-run.fit (10 km, 3000 s), the 900 km run (its 3 hours, no distance), good-run.gpx
/// and nan-coordinates.gpx (5,559.754 m and 1500 s each); good-strength.csv (6 sets, 3000 s)
/// and not-utf8.csv (1 set, 1800 s). W11: billion-laughs.gpx and external-entity.gpx;
/// nan-weight.csv (1 set, 2400 s), absurd-sets.csv (2 sets, 1800 s), long-field.csv.gz (1 set,
/// 1200 s). W12: the good entry of corrupt-entry.zip.
const WEEKS: [(&str, u64, f64, u64, u64, u64, u64); 3] = [
    ("2026-W10", 4, 21119.5, 16800, 2, 4800, 7),
    ("2026-W11", 2, 11119.5, 3000, 3, 5400, 4),
    ("2026-W12", 1, 5559.8, 1500, 0, 0, 0),
];

#[test]
fn the_batch_of_bad_inputs_imports_the_good_data_names_every_bad_file_and_exits_2() {
    let out = runlift(&[
        "report",
        "--verbose",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        // The end of the good data's last week.
        "--as-of",
        "2026-03-22",
        BATCH,
    ]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    for (kind, file, reason) in BAD {
        let start = format!("{kind}: {BATCH}/{file}: ");
        assert!(
            out.stderr
                .lines()
                .any(|line| line.starts_with(&start) && line.contains(reason)),
            "no line starting {start:?} with {reason:?} in:\n{}",
            out.stderr
        );
    }

    let report = json(&out.stdout);
    let weeks = report["weeks"].as_array().unwrap();
    for (label, runs, distance, run_time, sessions, strength_time, sets) in WEEKS {
        let week = weeks
            .iter()
            .find(|w| w["week"] == label)
            .unwrap_or_else(|| panic!("no {label} in {weeks:?}"));
        assert_eq!(week["runs"], runs, "{week}");
        assert_eq!(week["run_distance_m"].as_f64().unwrap(), distance, "{week}");
        assert_eq!(week["run_time_s"], run_time, "{week}");
        assert_eq!(week["strength_sessions"], sessions, "{week}");
        assert_eq!(week["strength_time_s"], strength_time, "{week}");
        assert_eq!(week["working_sets"], sets, "{week}");
    }
    // Nothing from 1970, 1989 or 2150 stretches the report.
    for week in weeks {
        let year: u32 = week["week"].as_str().unwrap()[..4].parse().unwrap();
        assert!((1990..2100).contains(&year), "{week}");
    }
    assert!(weeks.len() < 2000, "{} weeks", weeks.len());
}

/// The files of the batch as `inspect --format json` reports them.
fn inspected() -> Vec<Value> {
    let out = runlift(&["inspect", "--format", "json", "--tz", "Europe/Berlin", BATCH]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
    json(&out.stdout)["files"].as_array().unwrap().clone()
}

fn file<'a>(files: &'a [Value], path: &str, inner: Option<&str>) -> &'a Value {
    files
        .iter()
        .find(|f| f["path"] == format!("{BATCH}/{path}") && f["inner_path"].as_str() == inner)
        .unwrap_or_else(|| panic!("{path} not inspected"))
}

#[test]
fn every_file_of_the_batch_ends_with_its_documented_status() {
    let files = inspected();
    let statuses: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let name = f["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("fixtures/hostile/");
            let name = match f["inner_path"].as_str() {
                Some(inner) => format!("{name}!{inner}"),
                None => name.to_owned(),
            };
            (name, f["status"].as_str().unwrap())
        })
        .collect();
    let expected = [
        ("README.md", "skipped"),
        ("absurd-sets.csv", "partial"),
        ("backwards-time.gpx", "error"),
        ("billion-laughs.gpx", "ok"),
        ("corrupt-entry.zip!export/good.gpx", "ok"),
        ("corrupt-entry.zip!export/broken.gpx", "error"),
        ("deeply-nested.gpx", "error"),
        ("empty.gpx", "error"),
        ("empty.gz", "error"),
        ("empty.zip", "error"),
        ("epoch-1970.gpx", "error"),
        ("external-entity.gpx", "ok"),
        ("fit-900-km-in-3-hours.fit", "partial"),
        ("fit-epoch-1989.fit", "error"),
        ("good-run.fit", "ok"),
        ("good-run.gpx", "ok"),
        ("good-strength.csv", "ok"),
        ("long-field.csv.gz", "partial"),
        ("make_hostile.py", "skipped"),
        ("nan-coordinates.gpx", "partial"),
        ("nan-weight.csv", "partial"),
        ("negative-duration.tcx", "error"),
        ("no-entries.zip", "skipped"),
        ("not-a-csv.csv", "skipped"),
        ("not-utf8.csv", "partial"),
        ("notes.tcx", "error"),
        ("photo.fit", "error"),
        ("too-many-sets.csv.gz", "error"),
        ("truncated.fit", "error"),
        ("truncated.gpx.gz", "error"),
        ("year-2150.tcx", "error"),
    ];
    for (name, status) in expected {
        let found = statuses.iter().find(|(n, _)| n == name);
        assert!(
            found.is_some_and(|(_, s)| *s == status),
            "{name}: expected {status}, found {found:?}"
        );
    }
    assert_eq!(statuses.len(), expected.len(), "{statuses:?}");
}

#[test]
fn the_good_files_of_the_batch_are_read_exactly() {
    let files = inspected();
    let fit = &file(&files, "good-run.fit", None)["activities"];
    assert_eq!(fit.as_array().unwrap().len(), 1);
    let run = &fit[0];
    assert_eq!(run["sport"], "running");
    assert_eq!(run["sport_detail"], "road");
    assert_eq!(run["start"], "2026-03-03T07:00:00Z");
    assert_eq!(run["elapsed_s"], 3000.0);
    assert_eq!(run["moving_s"], 3000.0);
    assert_eq!(run["distance_m"], 10000.0);
    assert_eq!(run["elevation_gain_m"], 20.0);
    assert_eq!(run["avg_heart_rate"], 150.0);

    let gpx = &file(&files, "good-run.gpx", None)["activities"];
    assert_eq!(gpx.as_array().unwrap().len(), 1);
    assert_eq!(gpx[0]["name"], "Friday run");
    assert_eq!(gpx[0]["start"], "2026-03-06T06:00:00Z");
    assert_eq!(gpx[0]["elapsed_s"], 1500.0);
    // Five steps of 0.01 degrees of latitude: 0.05 * pi / 180 * 6,371,008.8 m (mean radius).
    assert_eq!(gpx[0]["distance_m"], 5559.754);

    let strong = &file(&files, "good-strength.csv", None)["activities"];
    assert_eq!(strong.as_array().unwrap().len(), 1);
    let session = &strong[0];
    assert_eq!(session["sport"], "strength_training");
    assert_eq!(session["name"], "Legs and press");
    // 18:00 in Berlin in March, before summer time.
    assert_eq!(session["start"], "2026-03-05T17:00:00Z");
    assert_eq!(session["elapsed_s"], 3000.0);
    let sets: Vec<(&str, u64, f64)> = session["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["exercise_key"].as_str().unwrap(),
                s["reps"].as_u64().unwrap(),
                s["weight_kg"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sets,
        [
            ("squat", 5, 100.0),
            ("squat", 5, 100.0),
            ("squat", 5, 100.0),
            ("bench_press", 8, 60.0),
            ("bench_press", 8, 60.0),
            ("bench_press", 8, 60.0),
        ]
    );

    let zipped = &file(&files, "corrupt-entry.zip", Some("export/good.gpx"))["activities"];
    assert_eq!(zipped[0]["name"], "Zipped run");
    assert_eq!(zipped[0]["start"], "2026-03-16T06:00:00Z");
}

#[test]
fn absurd_values_are_left_out_and_the_rest_of_the_activity_kept() {
    let files = inspected();
    let fast = &file(&files, "fit-900-km-in-3-hours.fit", None)["activities"][0];
    assert_eq!(fast["start"], "2026-03-04T08:00:00Z");
    assert_eq!(fast["elapsed_s"], 10800.0);
    assert_eq!(fast["distance_m"], Value::Null);
    assert_eq!(fast["avg_heart_rate"], 150.0);

    let sets = &file(&files, "absurd-sets.csv", None)["activities"][0]["sets"];
    assert_eq!(sets[0]["weight_kg"], Value::Null);
    assert_eq!(sets[0]["reps"], 10);
    assert_eq!(sets[1]["weight_kg"], 15.0);
    assert_eq!(sets[1]["reps"], Value::Null);

    let nan_weight = &file(&files, "nan-weight.csv", None)["activities"][0]["sets"];
    assert_eq!(nan_weight.as_array().unwrap().len(), 1);
    assert_eq!(nan_weight[0]["weight_kg"], 120.0);
}

#[test]
fn entities_in_a_doctype_are_never_expanded_nor_fetched() {
    let files = inspected();
    let laughs = file(&files, "billion-laughs.gpx", None);
    assert_eq!(laughs["status"], "ok");
    assert_eq!(laughs["activities"][0]["name"], "&lol9;");
    let external = file(&files, "external-entity.gpx", None);
    assert_eq!(external["status"], "ok");
    assert_eq!(external["activities"][0]["name"], "&xxe;");
}

#[test]
fn file_names_with_newlines_and_escape_sequences_are_printed_escaped() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-names");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let good = "run\nforged: ok\x1b[2J.gpx";
    let bad = "old\r\x1b]0;owned\x07\u{202e}.gpx";
    std::fs::copy(repo().join(BATCH).join("good-run.gpx"), dir.join(good)).unwrap();
    std::fs::copy(repo().join(BATCH).join("epoch-1970.gpx"), dir.join(bad)).unwrap();
    let folder = dir.to_str().unwrap();
    let escaped_good = format!("{folder}/run\\nforged: ok\\u{{1b}}[2J.gpx");
    let escaped_bad = format!("{folder}/old\\r\\u{{1b}}]0;owned\\u{{7}}\\u{{202e}}.gpx");

    let report = runlift(&["report", "--tz", "UTC", folder]);
    assert_eq!(report.code, 2, "{}", report.stderr);
    assert!(
        report
            .stderr
            .contains(&format!("error: {escaped_bad}: the running activity")),
        "{}",
        report.stderr
    );
    let inspect = runlift(&["inspect", "--tz", "UTC", folder]);
    assert!(
        inspect.stdout.contains(&format!("{escaped_good}: gpx, ok\n")),
        "{}",
        inspect.stdout
    );
    assert!(
        inspect.stdout.contains(&format!("{escaped_bad}: gpx, error\n")),
        "{}",
        inspect.stdout
    );
    for output in [&report.stdout, &report.stderr, &inspect.stdout, &inspect.stderr] {
        assert!(!output.contains('\x1b'), "a raw ESC got out:\n{output}");
        assert!(!output.contains('\r'), "a raw carriage return got out:\n{output}");
        assert!(
            !output.contains('\u{202e}'),
            "a raw direction override got out:\n{output}"
        );
        assert!(!output.contains("\nforged: ok"), "a forged line:\n{output}");
    }

    // JSON lines stay plain JSON: the name is escaped by JSON and reads back as it is.
    let lines = runlift(&["report", "--tz", "UTC", "--errors", "json", folder]);
    let problem: Value = lines
        .stderr
        .lines()
        .find(|l| l.starts_with('{'))
        .map(json)
        .unwrap_or_else(|| panic!("no JSON line in {}", lines.stderr));
    assert_eq!(problem["path"], dir.join(bad).to_str().unwrap());
}
