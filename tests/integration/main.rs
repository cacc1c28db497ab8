//! End-to-end tests: the real `runlift` binary on the shipped fixtures and on the shared corpus,
//! checking stdout, stderr and the exit code.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod athletes;
mod balance;
mod exports;
mod hostile;
mod layering;
mod pipeline;
mod plan;
mod store;

struct Output {
    stdout: String,
    stderr: String,
    code: i32,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `runlift` from the repository root, so paths in its output are relative.
fn runlift(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .current_dir(repo())
        .env_remove("RUNLIFT_TZ")
        // Reports are made as of a fixed day (the end of the fixtures' last week), not now.
        .env("RUNLIFT_AS_OF", "2026-02-15")
        // Never the user's own store: reports name their paths, and one without paths must
        // find no store.
        .env("RUNLIFT_STORE", std::env::temp_dir().join("runlift-e2e-no-store"))
        .env("NO_COLOR", "1")
        // No config of the person running the tests: the built-in profile.
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home"),
        )
        .output()
        .expect("the runlift binary runs");
    Output {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output
            .status
            .code()
            .expect("runlift exits normally, not by a signal"),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{text}"))
}

/// The weekly figures of fixtures/athlete, worked out by hand (fixtures/README.md): week,
/// runs, run distance (m), run time (s), strength sessions, strength time (s), working sets.
/// W02-W05 are GPX runs and Strong workouts; W06-W07 FIT runs and strength sessions from the
/// project's FIT encoder, a FitNotes day (no times: its strength time is estimated from its
/// sets) and a Hevy workout.
const ATHLETE_WEEKS: [(&str, u64, f64, u64, u64, u64, u64); 6] = [
    ("2026-W02", 2, 22380.0, 7800, 2, 5700, 21),
    ("2026-W03", 2, 16200.0, 5250, 1, 3900, 11),
    ("2026-W04", 1, 10440.0, 3600, 1, 3300, 11),
    ("2026-W05", 2, 24240.0, 8400, 2, 5700, 20),
    // W06's FitNotes day has no duration: 8 sets x 180 s are estimated (1440 s).
    ("2026-W06", 2, 11540.0, 4140, 3, 3440, 26),
    ("2026-W07", 2, 22200.0, 8040, 2, 5055, 17),
];

fn assert_athlete_week(week: &Value, expected: (&str, u64, f64, u64, u64, u64, u64)) {
    let (label, runs, distance, run_time, sessions, strength_time, sets) = expected;
    assert_eq!(week["week"], label, "{week}");
    assert_eq!(week["runs"], runs, "{week}");
    assert_eq!(
        week["run_distance_m"].as_f64().unwrap().round(),
        distance,
        "{week}"
    );
    assert_eq!(week["run_time_s"], run_time, "{week}");
    assert_eq!(week["strength_sessions"], sessions, "{week}");
    assert_eq!(week["strength_time_s"], strength_time, "{week}");
    assert_eq!(week["working_sets"], sets, "{week}");
    assert_eq!(week["other_sessions"], 0, "{week}");
}

#[test]
fn athlete_report_has_the_exact_weekly_figures_and_the_strength_warning() {
    let out = runlift(&[
        "report",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let report = json(&out.stdout);
    assert_eq!(report["schema_version"], 2);
    assert_eq!(report["time_zone"], "Europe/Berlin");
    let weeks = report["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 6, "{weeks:#?}");
    for (week, expected) in weeks.iter().zip(ATHLETE_WEEKS) {
        assert_athlete_week(week, expected);
    }
    assert_eq!(weeks[0]["week_start"], "2026-01-05");
    // 5700 s of strength in 13500 s of training.
    assert_eq!(weeks[0]["strength_share"], 0.422);
    let warnings = report["warnings"].as_array().unwrap();
    // The strength-missing warnings of the four hand-made weeks (the other checks have their
    // own tests in crates/analysis and tests/integration/balance.rs).
    let flagged: Vec<(&str, &str, &str)> = warnings
        .iter()
        .filter(|w| w["id"] == "strength-missing" && w["week"].as_str().unwrap() <= "2026-W05")
        .map(|w| {
            (
                w["id"].as_str().unwrap(),
                w["week"].as_str().unwrap(),
                w["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("strength-missing", "2026-W03", "warning"),
            ("strength-missing", "2026-W04", "warning")
        ]
    );
    let w03 = warnings
        .iter()
        .find(|w| w["id"] == "strength-missing" && w["week"] == "2026-W03")
        .unwrap();
    assert_eq!(
        w03["finding"],
        "2026-W03 ran 2 times (16.2 km) but did 1 strength session; the goal is 2."
    );
    assert!(
        w03["message"]
            .as_str()
            .unwrap()
            .starts_with("2026-W03 ran 2 times (16.2 km) but did 1 strength session; the goal is 2."),
        "{}",
        w03["message"]
    );
    assert_eq!(report["inputs"]["files"], 16);
    assert_eq!(report["inputs"]["ok"], 16);
    assert_eq!(report["inputs"]["activities"], 22);
    assert_eq!(
        out.stderr,
        "runlift: read 16 files (6 fit, 1 fitnotes_csv, 7 gpx, 1 hevy_csv, 1 strong_csv): \
         16 ok, 0 partial, 0 failed, 0 skipped; 22 activities\n"
    );
}

#[test]
fn athlete_report_table_shows_run_and_strength_side_by_side() {
    let out = runlift(&["report", "--tz", "Europe/Berlin", "fixtures/athlete"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(
        out.stdout.starts_with("Weekly balance 2026-W02 to 2026-W"),
        "got:\n{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .next()
            .unwrap()
            .ends_with(" (profile runner, days in Europe/Berlin)"),
        "got:\n{}",
        out.stdout
    );
    // W07's strength load: the FIT session (17 min at its RPE 6: 104) and the Hevy workout
    // without a session effort, at the mean RPE of its 7 working sets (62.5 / 7) for 67 min.
    // Runs, km, run time, hard runs, strength sessions and time, working sets, sets for lower
    // body / core / upper body, load (minutes x default effort), ACWR (not before 28 days),
    // rest days, strength share, and the week's warnings with the worst severity.
    let expected = "
Week      Runs Run km Run h Hard Str Str h Sets  L/C/U Run ld Str ld ACWR Rest Str % Warnings
2026-W02*    2   22.4  2:10    0   2  1:35   21 6/4/11    650    570    -    2  42 %
2026-W03     2   16.2  1:28    0   1  1:05   11  6/2/3    438    390    -    4  43 % 1 warning
2026-W04     1   10.4  1:00    0   1  0:55   11  9/2/0    300    330    -    5  48 % 1 warning
2026-W05     2   24.2  2:20    0   2  1:35   20 6/3/11    700    570    -    3  40 % 2 warning
2026-W06     2   11.5  1:09    0   3 ~0:57   26 12/6/8    315    365 0.72    3  45 % 1 info
2026-W07     2   22.2  2:14    0   2  1:24   17 5/2/10    759    702 1.46    3  39 % 1 warning
";
    assert!(out.stdout.contains(expected), "got:\n{}", out.stdout);
    for line in out.stdout.lines() {
        assert!(line.chars().count() <= 100, "wider than 100 columns: {line}");
    }
    assert!(
        out.stdout.contains("\nWarnings in the last 4 weeks:\n"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains('\x1b'),
        "NO_COLOR is set, yet there is colour"
    );
}

#[test]
fn the_weeks_option_keeps_the_latest_weeks() {
    let out = runlift(&[
        "report",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "--weeks",
        "2",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let report = json(&out.stdout);
    let weeks = report["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 2);
    assert_athlete_week(&weeks[0], ATHLETE_WEEKS[4]);
    assert_athlete_week(&weeks[1], ATHLETE_WEEKS[5]);
    // Only warnings of the reported weeks; the checks still saw the weeks before.
    let reported: Vec<&Value> = weeks.iter().map(|w| &w["week"]).collect();
    for warning in report["warnings"].as_array().unwrap() {
        assert!(reported.contains(&&warning["week"]), "{warning}");
    }
}

#[test]
fn all_fixtures_report_the_good_data_name_each_broken_file_and_exit_2() {
    let out = runlift(&["report", "--format", "json", "--tz", "Europe/Berlin", "fixtures"]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
    let report = json(&out.stdout);
    let inputs = &report["inputs"];
    // Read whole: the athlete's 16 files, Apple Health's export, the CSV files of 12 dialects
    // (Strava's and Runkeeper's alone not: their activity files are not there), 4 TCX, Garmin's
    // summarizedActivities.json, 2 Polar training sessions, Runkeeper's export (its CSV and 2 GPX
    // files), 2 Suunto FIT runs, 6 GPX tracks without <type>.
    // Partly: a Strong CSV with a bad row, a cut-off GPX, a cut-off FIT, a FIT with a bad CRC,
    // Strava's activities.csv and a Runkeeper cardioActivities.csv without the files they name,
    // a Garmin CSV in a language without a table whose types are unknown.
    // Failed: a web page saved as .gpx. Skipped: 5 READMEs, 4 scripts, a FIT settings file.
    // And fixtures/hostile (its README): 31 files or entries, 6 ok, 6 partial, 15 failed, 4 skipped.
    let counts: Vec<u64> = ["files", "ok", "partial", "error", "skipped"]
        .iter()
        .map(|k| inputs[k].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [99, 56, 13, 16, 14], "{inputs}");
    // No other fixture falls in the athlete's first week: it is reported exactly.
    let weeks = report["weeks"].as_array().unwrap();
    let w02 = weeks.iter().find(|w| w["week"] == "2026-W02").unwrap();
    assert_athlete_week(w02, ATHLETE_WEEKS[0]);

    let stderr = &out.stderr;
    for expected in [
        "error: fixtures/broken/not-a-run.gpx: not a fitness file runlift can read (an XML document whose root element is <html>",
        "warning: fixtures/broken/strong-bad-row.csv: record 3 (line 4): ",
        "warning: fixtures/csv/garmin-activities-unknown-language.csv: record 1 (line 2): 3 activities of types runlift does not know",
        "warning: fixtures/csv/strava-activities.csv: ",
        "not in the export (activities/10000000001.fit.gz, ",
        "\"7O.0\"",
        "warning: fixtures/broken/truncated-run.gpx: line ",
        "ends too early",
        "fixtures/fit/broken/wrong-crc.fit",
        "fixtures/fit/broken/cut-mid-message.fit",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
}

#[test]
fn inspect_json_shows_what_was_read_from_a_gpx_run() {
    let path = "fixtures/athlete/2026-01-15-run-with-pause.gpx";
    let out = runlift(&["inspect", "--format", "json", path]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let files = json(&out.stdout)["files"].clone();
    assert_eq!(files.as_array().unwrap().len(), 1);
    let file = &files[0];
    assert_eq!(file["path"], path);
    assert_eq!(file["format"], "gpx");
    assert_eq!(file["status"], "ok");
    assert_eq!(file["messages"], Value::Array(vec![]));
    let run = &file["activities"][0];
    assert_eq!(run["sport"], "running");
    assert_eq!(run["start"], "2026-01-15T06:15:00Z");
    assert_eq!(run["utc_offset_s"], Value::Null);
    assert_eq!(run["elapsed_s"], 3240.0);
    // The 4-minute auto-pause is left out of the moving time.
    assert_eq!(run["moving_s"], 3000.0);
    assert!(
        (run["distance_m"].as_f64().unwrap() - 8999.996).abs() < 0.01,
        "{run}"
    );
    assert!(
        (run["elevation_gain_m"].as_f64().unwrap() - 27.9).abs() < 1e-6,
        "{run}"
    );
    assert!(
        (run["avg_heart_rate"].as_f64().unwrap() - 139.931).abs() < 1e-3,
        "{run}"
    );
    assert_eq!(run["sets"], Value::Array(vec![]));
}

#[test]
fn inspect_json_shows_strength_sets_with_muscle_groups() {
    let out = runlift(&[
        "inspect",
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
        "fixtures/athlete/strong-workouts.csv",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let file = &json(&out.stdout)["files"][0];
    assert_eq!(file["format"], "strong_csv");
    let workouts = file["activities"].as_array().unwrap();
    assert_eq!(workouts.len(), 6);
    let first = &workouts[0];
    assert_eq!(first["sport"], "strength_training");
    assert_eq!(first["name"], "Legs & Core");
    // 18:30 in Berlin in winter is 17:30 UTC.
    assert_eq!(first["start"], "2026-01-07T17:30:00Z");
    assert_eq!(first["utc_offset_s"], 3600);
    assert_eq!(first["elapsed_s"], 3000.0);
    let sets = first["sets"].as_array().unwrap();
    // Eleven sets; the rest-timer row is not a set.
    assert_eq!(sets.len(), 11);
    assert_eq!(sets[0]["exercise"], "Squat (Barbell)");
    assert_eq!(sets[0]["kind"], "warm_up");
    assert_eq!(sets[1]["weight_kg"], 70.0);
    assert_eq!(sets[1]["reps"], 5);
    assert_eq!(sets[1]["muscle_groups"], serde_json::json!(["lower_body"]));
    let plank = sets.iter().find(|s| s["exercise"] == "Plank").unwrap();
    assert_eq!(plank["muscle_groups"], serde_json::json!(["core"]));
    assert_eq!(plank["duration_s"], 60.0);
    let second = &workouts[1];
    let pull_up = second["sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exercise"] == "Pull Up")
        .unwrap();
    assert_eq!(pull_up["muscle_groups"], serde_json::json!(["upper_body"]));
}

#[test]
fn inspect_text_names_the_problem_of_each_broken_file() {
    let out = runlift(&["inspect", "fixtures/broken"]);
    assert_eq!(out.code, 2, "stderr: {}", out.stderr);
    assert!(
        out.stdout
            .contains("fixtures/broken/not-a-run.gpx: unknown format, error\n  ! not a fitness file"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("fixtures/broken/truncated-run.gpx: gpx, partial\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("fixtures/broken/strong-bad-row.csv: strong_csv, partial\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn usage_errors_exit_1_and_help_teaches_with_examples() {
    let out = runlift(&["report", "--format", "pdf", "fixtures/athlete"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid value 'pdf' for '--format <FORMAT>'"),
        "{}",
        out.stderr
    );

    let out = runlift(&["report", "--tz", "Mars/Olympus_Mons", "fixtures/athlete"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("unknown time zone \"Mars/Olympus_Mons\""),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");

    let out = runlift(&["report", "no/such/folder"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("error: no/such/folder: cannot read the file"),
        "{}",
        out.stderr
    );

    let out = runlift(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
    assert!(out.stdout.contains("Exit codes:"), "{}", out.stdout);
}

fn shared_corpus() -> Option<PathBuf> {
    runlift_corpus::corpus()
}

#[test]
fn report_on_the_whole_corpus_runs_without_panics() {
    let Some(corpus) = shared_corpus() else { return };
    let folders: Vec<String> = ["gpx", "tcx", "fit", "csv", "broken"]
        .iter()
        .map(|f| corpus.join(f).to_str().unwrap().to_owned())
        .collect();
    let mut args = vec!["report", "--format", "json", "--tz", "UTC"];
    args.extend(folders.iter().map(String::as_str));
    let out = runlift(&args);
    // The broken files make it partial.
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let report = json(&out.stdout);
    let inputs = &report["inputs"];
    // SOURCES.md: 24 GPX, 13 TCX, 48 FIT, 5 CSV and 10 broken files.
    assert_eq!(inputs["files"], 100, "{inputs}");
    assert!(inputs["activities"].as_u64().unwrap() >= 500, "{inputs}");
    assert!(!report["weeks"].as_array().unwrap().is_empty());
}

/// The nightly job of issue 15: `report --weeks N --fail-on warning` on a live history.
#[test]
fn fail_on_warning_is_quiet_while_the_week_has_only_begun_and_loud_after_three_silent_weeks() {
    // Tuesday of the week after the fixtures' last: the week has only begun.
    let begun = runlift(&[
        "report",
        "--tz",
        "Europe/Berlin",
        "--weeks",
        "1",
        "--fail-on",
        "warning",
        "--as-of",
        "2026-02-17",
        "fixtures/athlete",
    ]);
    assert_eq!(begun.code, 0, "{}\n{}", begun.stdout, begun.stderr);
    assert!(begun.stdout.contains("2026-W08*"), "{}", begun.stdout);
    assert!(
        begun.stdout.contains("0 of 2 strength sessions, 5 days left"),
        "{}",
        begun.stdout
    );
    // Three weeks after the last activity (Saturday 2026-02-14): both lapses, said once.
    let stopped = runlift(&[
        "report",
        "--tz",
        "Europe/Berlin",
        "--weeks",
        "3",
        "--fail-on",
        "warning",
        "--format",
        "json",
        "--as-of",
        "2026-03-08",
        "fixtures/athlete",
    ]);
    assert_eq!(stopped.code, 3, "{}", stopped.stderr);
    let report = json(&stopped.stdout);
    let ids: Vec<(&str, &str)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["id"].as_str().unwrap(), w["week"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [("strength-lapse", "2026-W10"), ("run-lapse", "2026-W10")],
        "{}",
        stopped.stdout
    );
    assert_eq!(report["weeks"].as_array().unwrap().len(), 3);
    assert_eq!(report["silence"]["last_activity"], "2026-02-14");
}

#[test]
fn completions_are_generated_for_every_shell_from_the_real_options() {
    let bash = runlift(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("report"), "{}", bash.stdout);
    assert!(bash.stdout.contains("--fail-on"), "{}", bash.stdout);
    assert!(bash.stdout.contains("complete -F"), "{}", bash.stdout);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = runlift(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("fail-on"), "{shell}: {}", out.stdout);
    }
    let unknown = runlift(&["completions", "cmd.exe"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(unknown.stdout.is_empty());
}

#[test]
fn the_man_page_is_roff_covering_the_subcommands() {
    let out = runlift(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // clap_mangen defines the apostrophe string `\*(Aq` (two lines of `.ie`/`.el`) before
    // the title, as roff pages do; the page proper starts with `.TH`.
    let first = out
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
    assert!(first.is_some_and(|l| l.starts_with(".TH runlift 1")), "{first:?}");
    assert!(out.stdout.contains("runlift\\-report"), "{}", out.stdout);
    assert!(out.stdout.contains("\\-\\-fail\\-on"), "{}", out.stdout);
}
