//! The one import pipeline end to end: folders with symbolic-link loops, a one-shot report
//! and an import agreeing on the weeks, a store write that fails, and the default store folder.

use std::path::Path;

use serde_json::Value;

use super::store::{Scratch, command, daily_runs, finish, run};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

/// The paths `runlift inspect --format json` reports on, as they are.
fn inspected_paths(stdout: &str) -> Vec<String> {
    json(stdout)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_folder_holding_a_link_to_its_parent_is_read_once_per_file() {
    let scratch = Scratch::new("symlink-loop");
    let exports = scratch.join("exports");
    daily_runs(&exports.join("garmin"), 4, 60);
    daily_runs(&exports.join("strava"), 3, 60);
    // `garmin/all` leads back to `exports`, `strava/up` to `strava` itself: loops both.
    std::os::unix::fs::symlink(&exports, exports.join("garmin/all")).unwrap();
    std::os::unix::fs::symlink(".", exports.join("strava/up")).unwrap();
    // A linked folder that is no loop is followed.
    let elsewhere = scratch.join("elsewhere");
    daily_runs(&elsewhere, 2, 60);
    std::os::unix::fs::symlink(&elsewhere, exports.join("linked")).unwrap();
    let exports_arg = exports.to_str().unwrap();

    let store = scratch.join("no-store");
    let inspect = run(&store, &["inspect", "--format", "json", exports_arg]);
    assert_eq!(inspect.code, Some(0), "{}", inspect.stderr);
    let mut paths = inspected_paths(&inspect.stdout);
    assert_eq!(paths.len(), 4 + 3 + 2, "{paths:#?}");
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 9, "no file is read twice");
    assert!(!inspect.stderr.contains("symbolic links"), "{}", inspect.stderr);

    let report = run(&store, &["report", "--format", "json", exports_arg]);
    assert_eq!(report.code, Some(0), "{}", report.stderr);
    assert!(
        report.stderr.contains("read 9 files (9 gpx): 9 ok"),
        "{}",
        report.stderr
    );

    let store = scratch.join("store");
    let import = run(&store, &["import", exports_arg]);
    assert_eq!(import.code, Some(0), "{}", import.stderr);
    assert!(import.stderr.contains("read 9 files"), "{}", import.stderr);
    let info = run(&store, &["store", "info", "--format", "json"]);
    assert_eq!(json(&info.stdout)["files"], 9, "{}", info.stdout);
    // The three folders hold runs of the same first days: one session each.
    assert_eq!(json(&info.stdout)["sessions"], 4, "{}", info.stdout);
}

fn weeks(stdout: &str) -> Value {
    let report = json(stdout);
    assert!(
        report["weeks"].as_array().is_some_and(|w| w.len() >= 6),
        "{report:#}"
    );
    report["weeks"].clone()
}

#[test]
fn a_report_of_the_files_and_a_report_of_the_store_they_were_imported_into_have_the_same_weeks() {
    let scratch = Scratch::new("same-weeks");
    let store = scratch.join("store");
    let window = [
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "--until",
        "2026-03-01",
    ];

    let mut args = vec!["report"];
    args.extend(window);
    args.push("fixtures/athlete");
    let of_files = run(&scratch.join("no-store"), &args);
    assert_eq!(of_files.code, Some(0), "{}", of_files.stderr);

    let import = run(&store, &["import", "--tz", "Europe/Berlin", "fixtures/athlete"]);
    assert_eq!(import.code, Some(0), "{}", import.stderr);
    let mut args = vec!["report"];
    args.extend(window);
    let of_store = run(&store, &args);
    assert_eq!(of_store.code, Some(0), "{}", of_store.stderr);

    assert_eq!(weeks(&of_files.stdout), weeks(&of_store.stdout));
}

/// Names in the `generations` folder of the store's one athlete (`default`).
fn generations(store: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(store.join("athlete=default/generations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A disk that fills up halfway through a write, simulated with a limit on the size of the
/// files the process may write (`ulimit -f`; SIGXFSZ ignored, so that the write fails with
/// EFBIG, "File too large", instead of the process being killed).
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_keeps_the_previous_store_removes_the_partial_generation_and_names_the_cause() {
    let scratch = Scratch::new("write-fails");
    let store = scratch.join("store");
    let first = run(&store, &["import", "fixtures/athlete"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let sessions_before =
        json(&run(&store, &["store", "info", "--format", "json"]).stdout)["sessions"].clone();
    assert_eq!(generations(&store), ["g000001"]);

    let more = scratch.join("more");
    daily_runs(&more, 300, 60);
    // 16 blocks of 512 bytes: the Parquet tables of 300 more runs are larger.
    let mut shell = std::process::Command::new("sh");
    shell
        .args(["-c", "ulimit -f 16 && trap '' XFSZ && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_runlift"))
        .args(["import", more.to_str().unwrap()])
        .env("RUNLIFT_STORE", &store)
        .env("NO_COLOR", "1")
        .env_remove("RUNLIFT_STORE_FAILPOINT")
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home"),
        );
    let failed = finish(shell.output().unwrap());
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    assert!(
        failed.stderr.contains("cannot write") && failed.stderr.contains("File too large"),
        "the system's reason, not the encoder's: {}",
        failed.stderr
    );
    assert!(!failed.stderr.contains("thrift"), "{}", failed.stderr);
    assert_eq!(
        failed.stderr.matches("File too large").count(),
        1,
        "the cause is said once: {}",
        failed.stderr
    );

    assert_eq!(
        generations(&store),
        ["g000001"],
        "the partial generation is removed"
    );
    let info = run(&store, &["store", "info", "--format", "json"]);
    assert_eq!(info.code, Some(0), "{}", info.stderr);
    assert_eq!(json(&info.stdout)["generation"], 1);
    assert_eq!(json(&info.stdout)["sessions"], sessions_before);

    // With room again, the same import goes through.
    let again = run(&store, &["import", more.to_str().unwrap()]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(generations(&store), ["g000001", "g000002"]);
}

/// Without --store or RUNLIFT_STORE, the store is where runlift always kept it on Linux:
/// `$XDG_DATA_HOME/runlift`.
#[cfg(target_os = "linux")]
#[test]
fn the_default_store_is_in_xdg_data_home() {
    let scratch = Scratch::new("default-store");
    let data_home = scratch.join("data");
    let mut import = command(&scratch.join("unused"), &["import", "fixtures/athlete"]);
    import
        .env_remove("RUNLIFT_STORE")
        .env("XDG_DATA_HOME", &data_home);
    let out = finish(import.output().unwrap());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let store = data_home.join("runlift");
    assert!(
        out.stderr.contains(&format!("store {}:", store.display())),
        "{}",
        out.stderr
    );
    assert!(store.join("athlete=default/current/meta.json").is_file());
}

/// One config file holds the analysis's settings and the import's `[dedupe]` table: read once,
/// each part reaches its crate, and `config --show` prints both.
#[test]
fn the_dedupe_table_of_the_one_config_file_reaches_the_import() {
    let scratch = Scratch::new("config-dedupe");
    let exports = scratch.join("exports");
    // The same two days, as a watch's folder and as Strava's: two sessions, four files.
    daily_runs(&exports.join("watch"), 2, 60);
    daily_runs(&exports.join("strava"), 2, 60);
    let config = scratch.join("runlift.toml");
    std::fs::write(
        &config,
        "[goals]\nstrength_sessions_per_week = 3\n\n[dedupe]\nenabled = false\n",
    )
    .unwrap();
    let (exports, config) = (exports.to_str().unwrap(), config.to_str().unwrap());
    let no_store = scratch.join("no-store");

    let sessions = |args: &[&str]| {
        let out = run(&no_store, args);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        json(&out.stdout)["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["runs"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(sessions(&["report", "--format", "json", exports]), 2);
    assert_eq!(
        sessions(&["report", "--format", "json", "--config", config, exports]),
        4
    );

    let show = run(&no_store, &["config", "--show", "--config", config]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(
        show.stdout.contains("strength_sessions_per_week = 3 "),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("[dedupe]\nenabled = false\nmax_start_difference_s = 120\n"),
        "{}",
        show.stdout
    );

    let store = scratch.join("store");
    let import = run(&store, &["import", "--config", config, exports]);
    assert_eq!(import.code, Some(0), "{}", import.stderr);
    assert!(import.stderr.contains("4 sessions now (+4)"), "{}", import.stderr);
}
