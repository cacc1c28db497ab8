//! The activity store end to end: `runlift import` into a store, `runlift report` reading it,
//! imports killed midway, imports running at once, and `runlift store` / `inspect --store`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;

/// A scratch folder, removed when dropped.
pub(super) struct Scratch(pub(super) PathBuf);

impl Scratch {
    pub(super) fn new(name: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("runlift-it-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub(super) fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(super) struct Output {
    pub(super) stdout: String,
    pub(super) stderr: String,
    pub(super) code: Option<i32>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub(super) fn command(store: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_runlift"));
    command
        .args(args)
        .current_dir(repo())
        .env("RUNLIFT_STORE", store)
        .env_remove("RUNLIFT_TZ")
        // Reports are made as of a fixed day (the end of the fixtures' last week), not now.
        .env("RUNLIFT_AS_OF", "2026-02-15")
        .env_remove("RUNLIFT_STORE_FAILPOINT")
        .env("NO_COLOR", "1")
        // No config of the person running the tests: the built-in settings.
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home"),
        );
    command
}

pub(super) fn run(store: &Path, args: &[&str]) -> Output {
    finish(command(store, args).output().expect("the runlift binary runs"))
}

pub(super) fn finish(output: std::process::Output) -> Output {
    Output {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code(),
    }
}

fn spawn(store: &Path, args: &[&str], failpoint: Option<&str>) -> Child {
    let mut command = command(store, args);
    if let Some(point) = failpoint {
        command.env("RUNLIFT_STORE_FAILPOINT", point);
    }
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runlift binary starts")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

/// A GPX run due north from (`lat`, 13.4), a point every `step_s` seconds at 3.34 m/s.
fn gpx_run(start: &str, seconds: u32, step_s: u32, lat: f64) -> String {
    let start: jiff::Timestamp = start.parse().unwrap();
    let mut gpx = String::from(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\
         <trk><type>running</type><trkseg>\n",
    );
    let mut t = 0;
    while t <= seconds {
        let time = start + jiff::SignedDuration::from_secs(i64::from(t));
        let _ = writeln!(
            gpx,
            "<trkpt lat=\"{:.7}\" lon=\"13.4\"><time>{}</time></trkpt>",
            lat + f64::from(t) * 0.00003,
            time.strftime("%Y-%m-%dT%H:%M:%SZ")
        );
        t += step_s;
    }
    gpx.push_str("</trkseg></trk></gpx>\n");
    gpx
}

/// `count` daily 30-minute runs from 2020-01-01, one file each.
pub(super) fn daily_runs(dir: &Path, count: usize, step_s: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let first: jiff::Timestamp = "2020-01-01T06:00:00Z".parse().unwrap();
    for day in 0..count {
        let start = first + jiff::SignedDuration::from_hours(24 * day as i64);
        let text = gpx_run(&start.to_string(), 1800, step_s, 50.0 + (day % 20) as f64 * 0.1);
        std::fs::write(dir.join(format!("run-{day:04}.gpx")), text).unwrap();
    }
}

fn sessions_in(store: &Path) -> u64 {
    let out = run(store, &["store", "info", "--format", "json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    json(&out.stdout)["sessions"].as_u64().unwrap()
}

/// Three 30-minute runs in three files, in the week of 2026-01-05.
fn three_runs(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    ["2026-01-05", "2026-01-07", "2026-01-09"]
        .iter()
        .map(|day| {
            let path = dir.join(format!("{day}.gpx"));
            std::fs::write(&path, gpx_run(&format!("{day}T06:00:00Z"), 1800, 10, 52.0)).unwrap();
            path
        })
        .collect()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_report_from_the_store_equals_the_report_from_the_files() {
    let scratch = Scratch::new("report");
    let store = scratch.join("store");
    let import = run(&store, &["import", "--tz", "Europe/Berlin", "fixtures/athlete"]);
    assert!(matches!(import.code, Some(0 | 2)), "{}", import.stderr);
    assert_eq!(import.stdout, "");

    let args = ["report", "--format", "json", "--tz", "Europe/Berlin"];
    let from_store = run(&store, &args);
    assert_eq!(from_store.code, Some(0), "{}", from_store.stderr);
    let from_files = run(&store, &[&args[..], &["fixtures/athlete"]].concat());
    let (stored, direct) = (json(&from_store.stdout), json(&from_files.stdout));
    assert_eq!(stored["weeks"], direct["weeks"]);
    assert_eq!(stored["warnings"], direct["warnings"]);
    let sessions = sessions_in(&store);
    assert_eq!(
        direct["inputs"]["activities"].as_u64(),
        Some(sessions),
        "{}",
        direct["inputs"]
    );
    assert!(
        from_store.stderr.starts_with(&format!(
            "runlift: read {sessions} sessions from the store at {}",
            store.display()
        )),
        "{}",
        from_store.stderr
    );
}

#[test]
fn import_tells_what_it_read_and_report_reads_the_store() {
    let scratch = Scratch::new("tell");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    three_runs(&exports);
    let first = run(&store, &["import", arg(&exports)]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(first.stdout, "");
    assert_eq!(
        first.stderr,
        format!(
            "runlift: read 3 files (3 gpx): 3 ok, 0 partial, 0 failed, 0 skipped; 3 activities\n\
             runlift: store {}: 0 files unchanged since the last import (not read); 3 sessions now (+3)\n",
            store.display()
        )
    );
    let report = run(
        &store,
        &[
            "report",
            "--format",
            "json",
            "--tz",
            "UTC",
            "--as-of",
            "2026-01-11",
        ],
    );
    assert_eq!(report.code, Some(0), "{}", report.stderr);
    let weeks = json(&report.stdout)["weeks"].clone();
    assert_eq!(weeks.as_array().unwrap().len(), 1, "{weeks}");
    assert_eq!(weeks[0]["week"], "2026-W02");
    assert_eq!(weeks[0]["runs"], 3);
    let written_at = json(&run(&store, &["store", "info", "--format", "json"]).stdout)["written_at"].clone();
    assert_eq!(
        report.stderr,
        format!(
            "runlift: read 3 sessions from the store at {} (last written {})\n",
            store.display(),
            written_at.as_str().unwrap()
        )
    );
}

#[test]
fn importing_twice_reads_nothing_and_adds_nothing_the_second_time() {
    let scratch = Scratch::new("twice");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    three_runs(&exports);
    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));
    let again = run(&store, &["import", arg(&exports)]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(
        again.stderr,
        format!(
            "runlift: store {}: 3 files unchanged since the last import (not read); 3 sessions now (+0)\n",
            store.display()
        )
    );
    assert_eq!(sessions_in(&store), 3);
}

#[test]
fn report_without_paths_and_without_a_store_says_how_to_fill_it() {
    let scratch = Scratch::new("nostore");
    let store = scratch.join("store");
    let out = run(&store, &["report"]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stderr,
        format!(
            "runlift: error: there is no activity store at {}: run `runlift import PATH` first\n",
            store.display()
        )
    );
}

#[test]
fn a_killed_import_leaves_the_previous_store_readable_and_complete() {
    let scratch = Scratch::new("kill");
    let store = scratch.join("store");
    let big = scratch.join("big");
    daily_runs(&big, 600, 2);
    let early = scratch.join("early");
    three_runs(&early);
    assert_eq!(run(&store, &["import", arg(&early)]).code, Some(0));

    // Killed at moments spread over the import (reading, de-duplicating, writing).
    let mut outcomes = Vec::new();
    for delay_ms in [25, 75, 150, 250, 400, 600, 900] {
        let mut child = spawn(&store, &["import", "--quiet", arg(&big)], None);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let sessions = sessions_in(&store);
        assert!(
            sessions == 3 || sessions == 603,
            "after a kill at {delay_ms} ms: {sessions} sessions"
        );
        outcomes.push((status.success(), sessions));
        if sessions == 603 {
            // It finished before the kill; start again from the earlier data only.
            let forget = run(&store, &["store", "forget", arg(&big)]);
            assert_eq!(forget.code, Some(0), "{}", forget.stderr);
            assert_eq!(sessions_in(&store), 3);
        }
    }
    println!("kills (finished, sessions): {outcomes:?}");
    assert!(
        outcomes.iter().any(|&(finished, _)| !finished),
        "no kill landed during an import: {outcomes:?}"
    );

    // Crashed exactly between writing the tables, and between renaming the new generation
    // into place and switching `current` to it.
    for point in ["after-tables", "before-switch"] {
        let child = spawn(&store, &["import", "--quiet", arg(&big)], Some(point));
        let out = finish(child.wait_with_output().unwrap());
        assert_eq!(out.code, None, "aborted by the failpoint {point}: {}", out.stderr);
        assert_eq!(sessions_in(&store), 3, "crashed at {point}");
        let report = run(&store, &["report", "--format", "json", "--tz", "UTC"]);
        assert_eq!(report.code, Some(0), "{}", report.stderr);
        assert_eq!(json(&report.stdout)["weeks"][0]["runs"], 3);
    }
    let child = spawn(&store, &["import", "--quiet", arg(&big)], Some("after-switch"));
    let out = finish(child.wait_with_output().unwrap());
    assert_eq!(out.code, None, "{}", out.stderr);
    assert_eq!(
        sessions_in(&store),
        603,
        "a crash after the switch keeps the new state"
    );

    // The next imports find nothing to do, then one new file, and clear what the crashes left.
    let after = run(&store, &["import", "--quiet", arg(&big), arg(&early)]);
    assert_eq!(after.code, Some(0), "{}", after.stderr);
    std::fs::write(
        big.join("one-more.gpx"),
        gpx_run("2030-01-01T06:00:00Z", 600, 10, 50.0),
    )
    .unwrap();
    assert_eq!(run(&store, &["import", arg(&big)]).code, Some(0));
    assert_eq!(sessions_in(&store), 604);
    let mut left: Vec<String> = std::fs::read_dir(store.join("athlete=default/generations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left.len(),
        2,
        "only the current and the previous generation stay: {left:?}"
    );
    assert!(left.iter().all(|name| name.starts_with('g')), "{left:?}");
}

#[test]
fn two_imports_at_once_both_land() {
    let scratch = Scratch::new("concurrent");
    let store = scratch.join("store");
    let (a, b) = (scratch.join("a"), scratch.join("b"));
    daily_runs(&a, 120, 5);
    std::fs::create_dir_all(&b).unwrap();
    let first_b: jiff::Timestamp = "2024-03-01T18:00:00Z".parse().unwrap();
    for day in 0..80 {
        let start = first_b + jiff::SignedDuration::from_hours(24 * day);
        std::fs::write(
            b.join(format!("b-{day}.gpx")),
            gpx_run(&start.to_string(), 1200, 5, 45.0),
        )
        .unwrap();
    }
    let first = spawn(&store, &["import", arg(&a)], None);
    let second = spawn(&store, &["import", arg(&b)], None);
    let (first, second) = (
        finish(first.wait_with_output().unwrap()),
        finish(second.wait_with_output().unwrap()),
    );
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert_eq!(sessions_in(&store), 200);
    assert_eq!(
        json(&run(&store, &["store", "info", "--format", "json"]).stdout)["files"],
        200
    );
}

#[test]
fn a_second_import_waits_for_the_first_or_with_no_wait_says_so() {
    let scratch = Scratch::new("wait");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    three_runs(&exports);
    let holder = runlift_store::Store::at(&store).try_writer().unwrap();

    let refused = run(&store, &["import", "--no-wait", arg(&exports)]);
    assert_eq!(refused.code, Some(1));
    assert_eq!(
        refused.stderr,
        format!(
            "runlift: error: not waiting for it (--no-wait); try again later: another runlift import is \
             writing the activity store at {} (process {})\n",
            store.display(),
            std::process::id()
        )
    );

    let mut waiting = spawn(&store, &["import", arg(&exports)], None);
    std::thread::sleep(Duration::from_millis(700));
    assert!(waiting.try_wait().unwrap().is_none(), "the second import waits");
    drop(holder);
    let out = finish(waiting.wait_with_output().unwrap());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "runlift: another import is writing the store at {} (process {}); waiting for it to finish\n",
            store.display(),
            std::process::id()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(sessions_in(&store), 3);
}

/// The same run as Garmin's GPX (a point a second, in `garmin/`) and Strava's (every 10 s,
/// starting 30 s in, in the folder `strava`).
fn one_run_twice(dir: &Path, strava: &str) {
    std::fs::create_dir_all(dir.join("garmin")).unwrap();
    std::fs::create_dir_all(dir.join(strava)).unwrap();
    std::fs::write(
        dir.join("garmin/run.gpx"),
        gpx_run("2026-01-06T06:00:00Z", 1800, 1, 52.0),
    )
    .unwrap();
    std::fs::write(
        dir.join(strava).join("run.gpx"),
        gpx_run("2026-01-06T06:00:30Z", 1770, 10, 52.0 + 30.0 * 0.00003),
    )
    .unwrap();
}

#[test]
fn the_store_listing_prints_a_source_named_with_a_line_break_escaped() {
    let scratch = Scratch::new("hostile-source-name");
    let exports = scratch.join("exports");
    // A folder whose name would forge a line of the listing if printed raw.
    one_run_twice(&exports, "strava\n  kept    gpx forged\x1b[2J");
    let store = scratch.join("store");
    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));

    let inspect = run(&store, &["inspect", "--store"]);
    assert_eq!(inspect.code, Some(0), "{}", inspect.stderr);
    let exports = std::fs::canonicalize(&exports).unwrap();
    assert!(
        inspect.stdout.ends_with(&format!(
            "  merged  gpx {}/strava\\n  kept    gpx forged\\u{{1b}}[2J/run.gpx\n",
            exports.display()
        )),
        "{}",
        inspect.stdout
    );
    let kept_lines = inspect
        .stdout
        .lines()
        .filter(|l| l.starts_with("  kept "))
        .count();
    assert_eq!(kept_lines, 1, "{}", inspect.stdout);
    assert!(!inspect.stdout.contains('\x1b'), "{}", inspect.stdout);
}

#[test]
fn a_run_in_two_exports_counts_once_in_a_report_of_files_and_in_the_store() {
    let scratch = Scratch::new("twice-exported");
    let exports = scratch.join("exports");
    one_run_twice(&exports, "strava");
    let store = scratch.join("store");

    let report = run(
        &store,
        &["report", "--format", "json", "--tz", "UTC", arg(&exports)],
    );
    assert_eq!(report.code, Some(0), "{}", report.stderr);
    let weeks = json(&report.stdout)["weeks"].clone();
    assert_eq!(weeks[0]["runs"], 1, "{weeks}");
    assert_eq!(weeks[0]["run_time_s"], 1800, "{weeks}");

    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));
    let stored = run(&store, &["report", "--format", "json", "--tz", "UTC"]);
    assert_eq!(json(&stored.stdout)["weeks"], weeks);

    let inspect = run(&store, &["inspect", "--store"]);
    assert_eq!(inspect.code, Some(0), "{}", inspect.stderr);
    let garmin = std::fs::canonicalize(exports.join("garmin/run.gpx")).unwrap();
    let strava = std::fs::canonicalize(exports.join("strava/run.gpx")).unwrap();
    assert!(
        inspect.stdout.starts_with(&format!(
            "store {}: 1 session, 1 recorded by several sources\n",
            store.display()
        )),
        "{}",
        inspect.stdout
    );
    assert!(
        inspect.stdout.ends_with(&format!(
            " 2026-01-06 06:00 UTC  running  0:30:00  6.00 km\n  kept    gpx {}\n  merged  gpx {}\n",
            garmin.display(),
            strava.display()
        )),
        "{}",
        inspect.stdout
    );
    let as_json = json(&run(&store, &["inspect", "--store", "--format", "json"]).stdout);
    assert_eq!(as_json["merges"][0]["kept"]["path"], garmin.display().to_string());
    assert_eq!(
        as_json["merges"][0]["merged_from"][0]["path"],
        strava.display().to_string()
    );
}

#[test]
fn store_export_and_forget_on_the_command_line() {
    let scratch = Scratch::new("cli");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    let files = three_runs(&exports);
    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));

    let out = scratch.join("out");
    let export = run(&store, &["store", "export", "--format", "csv", arg(&out)]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    assert_eq!(
        export.stderr,
        format!("runlift: wrote 5 files into {}\n", out.display())
    );
    let activities = std::fs::read_to_string(out.join("activities.csv")).unwrap();
    assert_eq!(activities.lines().count(), 4);
    assert!(
        activities
            .lines()
            .nth(1)
            .unwrap()
            .contains(",running,unspecified,"),
        "{activities}"
    );

    let forget = run(&store, &["store", "forget", arg(&files[1])]);
    assert_eq!(forget.code, Some(0), "{}", forget.stderr);
    assert_eq!(
        forget.stderr,
        "runlift: forgot 1 file and the 1 activity read from it; 2 sessions now (was 3)\n"
    );
    let again = run(&store, &["store", "forget", arg(&files[1])]);
    assert_eq!(again.code, Some(1));
    assert_eq!(
        again.stderr,
        format!(
            "runlift: error: nothing in the store at {} came from {}\n",
            store.display(),
            files[1].display()
        )
    );

    let info = run(&store, &["store", "info"]);
    assert_eq!(info.code, Some(0), "{}", info.stderr);
    let lines: Vec<&str> = info.stdout.lines().collect();
    assert_eq!(lines[0], format!("store        {}", store.display()));
    assert_eq!(lines[1], "athlete      default");
    assert!(
        lines[2].starts_with("generation   2 (schema version 2, written "),
        "{}",
        info.stdout
    );
    assert_eq!(
        lines[3..8],
        [
            "sessions     2 (0 recorded by several sources), from 2026-01-05 to 2026-01-09",
            "sets         0",
            "by sport     2 running",
            "by source    2 gpx (activities read, before de-duplication)",
            "files        2: 2 ok",
        ]
    );
}

#[test]
fn a_store_from_a_newer_runlift_is_refused_clearly() {
    let scratch = Scratch::new("newer");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    three_runs(&exports);
    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));
    let meta = store.join("athlete=default/current/meta.json");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("\"schema_version\": 2", "\"schema_version\": 3");
    std::fs::write(&meta, text).unwrap();
    for args in [
        &["report"][..],
        &["import", arg(&exports)][..],
        &["store", "info"][..],
    ] {
        let out = run(&store, args);
        assert_eq!(out.code, Some(1), "{args:?}");
        assert_eq!(
            out.stderr,
            format!(
                "runlift: error: the activity store at {} was written by a newer runlift (store schema \
                 version 3; this runlift reads versions up to 2); upgrade runlift to use it\n",
                store.join("athlete=default").display()
            ),
            "{args:?}"
        );
    }
}

#[test]
fn the_watchs_fit_stravas_gpx_and_csv_of_one_run_count_once_in_a_report_of_the_files() {
    let scratch = Scratch::new("three-sources");
    let strava = scratch.join("strava");
    std::fs::create_dir_all(&strava).unwrap();
    // The long run of fixtures/athlete (FIT: 2026-02-14T21:30:00Z, 5400 s, 15000 m) as Strava
    // has it: a GPX track starting 5 s later, and a line of activities.csv naming no file.
    std::fs::write(
        strava.join("long-run.gpx"),
        gpx_run("2026-02-14T21:30:05Z", 5395, 5, 52.5),
    )
    .unwrap();
    std::fs::write(
        strava.join("activities.csv"),
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n\
         9001,\"Feb 14, 2026, 9:30:10 PM\",Saturday Night Run,Run,5390,14.98,\n",
    )
    .unwrap();
    let fit = repo().join("fixtures/athlete/2026-02-14-long-run.fit");
    let report = run(
        &scratch.join("store"),
        &[
            "report",
            "--format",
            "json",
            "--tz",
            "Europe/Berlin",
            arg(&fit),
            arg(&strava),
        ],
    );
    assert_eq!(report.code, Some(0), "{}", report.stderr);
    let report = json(&report.stdout);
    let weeks = report["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 1, "{weeks:?}");
    assert_eq!(weeks[0]["week"], "2026-W07");
    assert_eq!(weeks[0]["runs"], 1);
    assert_eq!(weeks[0]["run_distance_m"], 15000.0);
    assert_eq!(weeks[0]["run_time_s"], 5340);
    assert_eq!(report["inputs"]["files"], 3);
    assert_eq!(report["inputs"]["activities"], 1);
}

#[test]
fn an_unchanged_broken_file_is_not_read_again_but_still_mentioned() {
    let scratch = Scratch::new("broken-again");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    three_runs(&exports);
    let run_text = gpx_run("2026-01-10T06:00:00Z", 600, 10, 52.0);
    std::fs::write(exports.join("cut.gpx"), &run_text[..run_text.len() / 2]).unwrap();
    let first = run(&store, &["import", arg(&exports)]);
    assert_eq!(first.code, Some(2), "{}", first.stderr);

    let again = run(&store, &["import", arg(&exports)]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(
        again.stderr,
        format!(
            "runlift: 1 file unchanged since it failed or was read only in part; --verbose lists them\n\
             runlift: store {}: 4 files unchanged since the last import (not read); 4 sessions now (+0)\n",
            store.display()
        )
    );
    let verbose = run(&store, &["import", "--verbose", arg(&exports)]);
    let cut = std::fs::canonicalize(exports.join("cut.gpx")).unwrap();
    assert!(
        verbose.stderr.starts_with(&format!(
            "unchanged since it failed before: {}: {}: line ",
            cut.display(),
            cut.display()
        )),
        "{}",
        verbose.stderr
    );
}

/// The JSON of `store info` and `inspect --store`, as docs/store.md documents it: every key,
/// and the values for a store with one session recorded twice.
#[test]
fn store_info_and_inspect_store_json_have_their_documented_shape() {
    let scratch = Scratch::new("json-shapes");
    let exports = scratch.join("exports");
    one_run_twice(&exports, "strava");
    let store = scratch.join("store");
    assert_eq!(run(&store, &["import", arg(&exports)]).code, Some(0));

    let info = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    let keys: Vec<&str> = info.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "activities_by_format",
            "athlete",
            "files",
            "files_by_result",
            "first_start",
            "generation",
            "last_start",
            "merged_sessions",
            "schema_version",
            "sessions",
            "sessions_by_sport",
            "sets",
            "size_bytes",
            "source_activities",
            "store",
            "written_at"
        ]
    );
    assert_eq!(info["sessions"], 1);
    assert_eq!(info["merged_sessions"], 1);
    assert_eq!(info["source_activities"], 2);
    assert_eq!(info["files"], 2);
    assert_eq!(info["files_by_result"], serde_json::json!({"ok": 2}));
    assert_eq!(info["activities_by_format"], serde_json::json!({"gpx": 2}));
    assert_eq!(info["sessions_by_sport"], serde_json::json!({"running": 1}));
    assert_eq!(info["first_start"], "2026-01-06T06:00:00Z");
    assert_eq!(info["generation"], 1);

    let inspect = json(&run(&store, &["inspect", "--store", "--format", "json"]).stdout);
    let keys: Vec<&str> = inspect.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["athlete", "merged_sessions", "merges", "sessions", "store"]
    );
    let merge = &inspect["merges"][0];
    let keys: Vec<&str> = merge.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "distance_m",
            "elapsed_s",
            "id",
            "kept",
            "merged_from",
            "sets",
            "sport",
            "sport_detail",
            "start"
        ]
    );
    let kept: Vec<&str> = merge["kept"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(kept, ["format", "inner_path", "path"]);
    assert_eq!(merge["sport"], "running");
    assert_eq!(merge["kept"]["format"], "gpx");
    assert_eq!(merge["kept"]["inner_path"], serde_json::Value::Null);
}
