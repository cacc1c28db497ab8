//! End to end: the balance report's formats, `--fail-on`, the report window and the config
//! file, on fixtures/athlete.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{Output, json, repo, runlift};

/// Runs `runlift` in `dir` with `env` set, and no config from the user running the tests.
fn runlift_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_runlift"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("RUNLIFT_TZ")
        // Reports are made as of a fixed day (the end of the fixtures' last week), not now.
        .env("RUNLIFT_AS_OF", "2026-02-15")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", no_config_home());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("the runlift binary runs");
    Output {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("runlift exits normally"),
    }
}

/// A config home without a runlift config, so the tester's own settings never leak in.
fn no_config_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home")
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("balance").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn athlete() -> String {
    repo().join("fixtures/athlete").display().to_string()
}

fn report_in(dir: &Path, extra: &[&str]) -> Output {
    let athlete = athlete();
    let mut args = vec!["report", "--tz", "Europe/Berlin"];
    args.extend_from_slice(extra);
    args.push(&athlete);
    runlift_in(dir, &args, &[])
}

fn warning_ids(out: &Output) -> Vec<String> {
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    json(&out.stdout)["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| format!("{} {}", w["id"].as_str().unwrap(), w["week"].as_str().unwrap()))
        .collect()
}

/// The week labels and the summary of the JSON report, the reference for the other formats.
fn json_weeks(dir: &Path, extra: &[&str]) -> (Vec<String>, serde_json::Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let out = report_in(dir, &args);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let report = json(&out.stdout);
    let weeks = report["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["week"].as_str().unwrap().to_owned())
        .collect();
    (weeks, report)
}

#[test]
fn csv_markdown_and_html_report_the_same_weeks_as_json() {
    let dir = scratch("formats");
    let (weeks, report) = json_weeks(&dir, &[]);
    assert_eq!(weeks[0], "2026-W02");
    assert!(weeks.len() >= 4, "{weeks:?}");

    let csv = report_in(&dir, &["--format", "csv"]);
    assert_eq!(csv.code, 0, "stderr: {}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), weeks.len() + 1, "{}", csv.stdout);
    assert!(lines[0].starts_with("week,week_start,days,rest_days,runs,run_distance_m,"));
    // W02: 6 days in the history (from Tuesday), 2 rest days, 2 runs of 22380 m in 7800 s.
    assert!(
        lines[1].starts_with("2026-W02,2026-01-05,6,2,2,22380,7800,"),
        "{}",
        lines[1]
    );
    for (line, week) in lines[1..].iter().zip(&weeks) {
        assert!(line.starts_with(week.as_str()), "{line}");
    }

    let markdown = report_in(&dir, &["--format", "markdown"]);
    assert_eq!(markdown.code, 0);
    let title = format!(
        "## runlift weekly balance, 2026-W02 to {}\n",
        weeks.last().unwrap()
    );
    assert!(markdown.stdout.starts_with(&title), "{}", markdown.stdout);
    assert_eq!(
        markdown
            .stdout
            .lines()
            .filter(|l| l.starts_with("| 2026-W"))
            .count(),
        weeks.len()
    );
    assert_eq!(
        markdown.stdout.lines().filter(|l| l.starts_with("- ")).count(),
        report["warnings"].as_array().unwrap().len()
    );

    let html = report_in(&dir, &["--format", "html"]);
    assert_eq!(html.code, 0);
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    for id in ["chart-time", "chart-muscles", "chart-warnings"] {
        assert!(html.stdout.contains(&format!("<svg id=\"{id}\"")), "{id}");
    }
    let inputs = &report["inputs"];
    let footer = format!(
        "from {} files ({} ok, 0 partial, 0 failed, 0 skipped) holding {} activities",
        inputs["files"], inputs["ok"], inputs["activities"]
    );
    assert!(html.stdout.contains(&footer), "{footer}");
    assert_eq!(
        html.stdout.matches("<circle class=\"warning ").count(),
        report["warnings"].as_array().unwrap().len()
    );
}

/// The exit code `--fail-on` should give, from the JSON summary of the same report.
fn expected_fail_on(summary: &serde_json::Value, severity: &str) -> i32 {
    let worse = match severity {
        "warning" => summary["warning"].as_u64().unwrap() + summary["alert"].as_u64().unwrap(),
        _ => summary["alert"].as_u64().unwrap(),
    };
    if worse > 0 { 3 } else { 0 }
}

#[test]
fn fail_on_exits_3_when_a_reported_warning_is_that_serious() {
    let dir = scratch("fail-on");
    let (_, report) = json_weeks(&dir, &[]);
    // The athlete has strength-missing warnings, so `warning` fails.
    assert!(report["summary"]["warning"].as_u64().unwrap() >= 2);
    let out = report_in(&dir, &["--fail-on", "warning"]);
    assert_eq!(out.code, 3, "stderr: {}", out.stderr);
    assert!(
        out.stdout.contains("warning [strength-missing]"),
        "{}",
        out.stdout
    );
    let alert = report_in(&dir, &["--fail-on", "alert"]);
    assert_eq!(alert.code, expected_fail_on(&report["summary"], "alert"));
    // Only the reported weeks count.
    let (_, last) = json_weeks(&dir, &["--weeks", "1"]);
    let out = report_in(&dir, &["--fail-on", "warning", "--weeks", "1"]);
    assert_eq!(out.code, expected_fail_on(&last["summary"], "warning"));
    // With every check off there is nothing to fail on.
    let quiet = dir.join("quiet.toml");
    let ids = "strength-missing strength-lapse mileage-slip run-lapse muscle-gap stacked-days load-spike no-rest balance-band data-gap";
    let list: Vec<String> = ids.split(' ').map(|id| format!("{id:?}")).collect();
    std::fs::write(&quiet, format!("[warnings]\ndisabled = [{}]\n", list.join(", "))).unwrap();
    let out = report_in(
        &dir,
        &["--fail-on", "warning", "--config", quiet.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(out.stdout.contains("No warnings"), "{}", out.stdout);
}

#[test]
fn failed_inputs_win_over_fail_on() {
    let out = runlift(&[
        "report",
        "--tz",
        "Europe/Berlin",
        "--fail-on",
        "warning",
        "fixtures",
    ]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
}

#[test]
fn since_and_until_choose_the_weeks() {
    let dir = scratch("window");
    let (all, _) = json_weeks(&dir, &[]);
    let (since, _) = json_weeks(&dir, &["--since", "2026-W04"]);
    assert_eq!(since, all[2..]);
    let (from_day, _) = json_weeks(&dir, &["--since", "2026-01-21"]);
    assert_eq!(from_day, all[2..]);

    let (until, report) = json_weeks(&dir, &["--until", "2026-01-18"]);
    assert_eq!(until, ["2026-W02", "2026-W03"]);
    let last_day = report["history"]["last_day"].as_str().unwrap();
    assert!(("2026-01-12"..="2026-01-18").contains(&last_day), "{last_day}");
    let (until_week, _) = json_weeks(&dir, &["--until", "2026-W03"]);
    assert_eq!(until_week, until);

    let out = report_in(&dir, &["--since", "2026-02-01", "--until", "2026-01-01"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("--since 2026-02-01 is after --as-of 2026-01-01"),
        "{}",
        out.stderr
    );
    let out = report_in(&dir, &["--since", "1 February"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("use YYYY-MM-DD"), "{}", out.stderr);
}

#[test]
fn a_config_file_sets_the_goals_from_flag_folder_or_user_dir() {
    let dir = scratch("config");
    let baseline = warning_ids(&report_in(&dir, &["--format", "json"]));
    assert!(
        baseline.iter().any(|w| w.starts_with("strength-missing")),
        "{baseline:?}"
    );

    let file = dir.join("goals.toml");
    std::fs::write(&file, "[goals]\nstrength_sessions_per_week = 1\n").unwrap();
    let named = warning_ids(&report_in(
        &dir,
        &["--format", "json", "--config", file.to_str().unwrap()],
    ));
    assert!(
        !named.iter().any(|w| w.starts_with("strength-missing")),
        "{named:?}"
    );

    // runlift.toml in the current folder, found without a flag.
    std::fs::write(dir.join("runlift.toml"), "profile = \"hybrid\"\n").unwrap();
    let out = report_in(&dir, &["--format", "json"]);
    assert_eq!(json(&out.stdout)["profile"], "hybrid");
    assert_eq!(json(&out.stdout)["goals"]["strength_sessions_per_week"], 3);
    // --profile on the command line wins over the file.
    let out = report_in(&dir, &["--format", "json", "--profile", "lifter"]);
    assert_eq!(json(&out.stdout)["profile"], "lifter");

    // The user's config dir, when the folder has none.
    let home = scratch("config-home");
    std::fs::create_dir_all(home.join("runlift")).unwrap();
    std::fs::write(home.join("runlift/config.toml"), "profile = \"lifter\"\n").unwrap();
    let elsewhere = scratch("config-elsewhere");
    let athlete = athlete();
    let out = runlift_in(
        &elsewhere,
        &["report", "--format", "json", "--tz", "Europe/Berlin", &athlete],
        &[("XDG_CONFIG_HOME", &home)],
    );
    assert_eq!(json(&out.stdout)["profile"], "lifter", "{}", out.stderr);
}

#[test]
fn a_bad_config_stops_with_its_file_line_and_key() {
    let dir = scratch("bad-config");
    std::fs::write(dir.join("runlift.toml"), "[goals]\nstrength_sessions = 3\n").unwrap();
    let out = report_in(&dir, &[]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("config file runlift.toml"), "{}", out.stderr);
    assert!(out.stderr.contains("line 2"), "{}", out.stderr);
    assert!(out.stderr.contains("strength_sessions"), "{}", out.stderr);

    std::fs::write(dir.join("runlift.toml"), "[goals]\nstrength_share_max = 40\n").unwrap();
    let out = report_in(&dir, &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("`goals.strength_share_max`: 40 is not a share between 0 and 1"),
        "{}",
        out.stderr
    );

    let missing = report_in(&dir, &["--config", "no-such.toml"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("config file no-such.toml not found"),
        "{}",
        missing.stderr
    );
}

#[test]
fn config_show_prints_the_effective_settings_as_a_config_file() {
    let dir = scratch("config-show");
    let out = runlift_in(&dir, &["config", "--show"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("No config file found"), "{}", out.stdout);
    assert!(out.stdout.contains("profile = \"runner\"\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("strength_sessions_per_week = 2 "),
        "{}",
        out.stdout
    );

    let out = runlift_in(&dir, &["config", "--show", "--profile", "hybrid"], &[]);
    assert!(
        out.stdout.contains("strength_sessions_per_week = 3 "),
        "{}",
        out.stdout
    );

    // What it prints is a config file that reads back to the same settings.
    std::fs::write(dir.join("runlift.toml"), &out.stdout).unwrap();
    let again = runlift_in(&dir, &["config", "--show"], &[]);
    assert!(
        again.stdout.contains("# Read from runlift.toml."),
        "{}",
        again.stdout
    );
    let settings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(settings(&again.stdout), settings(&out.stdout));

    let out = runlift_in(&dir, &["config"], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("runlift config --show"), "{}", out.stderr);
}

/// The config's `[import]` table sets the time zone and weight unit; the command line wins.
#[test]
fn the_import_table_sets_the_zone_and_the_command_line_wins() {
    let dir = scratch("import-table");
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: the next ISO week.
    std::fs::write(
        dir.join("run.gpx"),
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>\
         <trkpt lat=\"52.5\" lon=\"13.4\"><time>2026-01-11T23:30:00Z</time></trkpt>\
         <trkpt lat=\"52.51\" lon=\"13.4\"><time>2026-01-12T00:00:00Z</time></trkpt></trkseg></trk></gpx>\n",
    )
    .unwrap();
    let config = dir.join("runlift.toml");
    std::fs::write(&config, "[import]\ntime_zone = \"Asia/Tokyo\"\n").unwrap();
    let week = |args: &[&str]| {
        let mut all = vec!["report", "--format", "json", "--config", config.to_str().unwrap()];
        all.extend_from_slice(args);
        all.push("run.gpx");
        let out = runlift_in(&dir, &all, &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        report["weeks"][0]["week"].as_str().unwrap().to_owned()
    };
    assert_eq!(week(&[]), "2026-W03");
    assert_eq!(week(&["--tz", "UTC"]), "2026-W02");
}

#[test]
fn inspect_says_how_the_sport_of_a_gpx_without_type_was_inferred() {
    let out = runlift(&[
        "inspect",
        "--tz",
        "UTC",
        "fixtures/gpx/2026-03-12-garmin-run-by-cadence.gpx",
        "fixtures/gpx/2026-03-11-strava-nachtlauf-no-type.gpx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("  running (inferred from the cadence) \"2026-03-12 07:05:00\", 2026-03-12T07:05:00Z,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  running (inferred from the name) \"Nachtlauf\", 2026-03-11T20:15:00Z,"),
        "{}",
        out.stdout
    );
    let out = runlift(&[
        "inspect",
        "--format",
        "json",
        "fixtures/gpx/2026-03-15-logger-ride-by-speed.gpx",
    ]);
    let activity = &json(&out.stdout)["files"][0]["activities"][0];
    assert_eq!(activity["sport_detail"], "cycling");
    assert_eq!(activity["sport_inferred"], "speed");
}

#[test]
fn the_sport_for_unknown_comes_from_the_flag_or_the_import_table_and_is_marked() {
    let unknown = repo().join("fixtures/gpx/2026-03-16-logger-unknown-sport.gpx");
    let unknown = unknown.to_str().unwrap();
    let dir = scratch("unknown-sport");
    let inspect = |args: &[&str]| {
        let mut all = vec!["inspect", "--format", "json", "--tz", "UTC"];
        all.extend_from_slice(args);
        all.push(unknown);
        let out = runlift_in(&dir, &all, &[]);
        (out.code, json(&out.stdout)["files"][0].clone(), out.stderr)
    };
    let (code, file, stderr) = inspect(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(file["activities"][0]["sport"], "other");
    assert_eq!(file["activities"][0]["sport_inferred"], Value::Null);
    assert!(
        file["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("the track names no sport"),
        "{file}"
    );

    let (code, file, stderr) = inspect(&["--sport-for-unknown", "running"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(file["activities"][0]["sport"], "running");
    assert_eq!(file["activities"][0]["sport_inferred"], "setting");
    assert_eq!(
        file["notes"][1],
        "1 session without a known sport read as running, the sport set for unknown ones"
    );

    // ./runlift.toml, as inspect reads it.
    std::fs::write(
        dir.join("runlift.toml"),
        "[import]\nunknown_sport = \"walking\"\n",
    )
    .unwrap();
    let (_, file, _) = inspect(&[]);
    assert_eq!(file["activities"][0]["sport_detail"], "walking");
    // The command line wins over the config.
    let (_, file, _) = inspect(&["--sport-for-unknown", "cycling"]);
    assert_eq!(file["activities"][0]["sport_detail"], "cycling");
    std::fs::remove_file(dir.join("runlift.toml")).unwrap();

    let out = runlift_in(&dir, &["inspect", "--sport-for-unknown", "runing", unknown], &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("--sport-for-unknown: \"runing\" is not a sport runlift knows"),
        "{}",
        out.stderr
    );
}
