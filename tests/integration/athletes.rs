//! Several athletes in one store: `--athlete` in every command, no de-duplication across
//! athletes, hostile names, the migration of a version-1 store, and `runlift team`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::store::{Scratch, run};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A GPX run of `minutes` from `start` (UTC), 10 s between points, heading north at about
/// 3 m/s: 1 km per 5.5 minutes.
fn gpx_run(start: &str, minutes: u32) -> String {
    let start: jiff::Timestamp = start.parse().unwrap();
    let mut gpx = String::from(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\
         <trk><type>running</type><trkseg>\n",
    );
    for step in 0..=minutes * 6 {
        let time = start + jiff::SignedDuration::from_secs(i64::from(step) * 10);
        gpx.push_str(&format!(
            "<trkpt lat=\"{:.7}\" lon=\"13.4\"><time>{}</time></trkpt>\n",
            52.0 + f64::from(step) * 0.00027,
            time.strftime("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    gpx.push_str("</trkseg></trk></gpx>\n");
    gpx
}

/// Writes runs (day, minutes) into `dir`, one GPX file each, at 06:00 UTC.
fn runs(dir: &Path, days: &[(&str, u32)]) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    days.iter()
        .map(|(day, minutes)| {
            let path = dir.join(format!("{day}-run.gpx"));
            std::fs::write(&path, gpx_run(&format!("{day}T06:00:00Z"), *minutes)).unwrap();
            path
        })
        .collect()
}

/// Writes a Strong export with one 45-minute workout (3 squat sets, 2 plank sets, 3 bench
/// press sets) on each of `days`, at 18:00 local time.
fn strong_workouts(dir: &Path, days: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    let mut csv = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    );
    for day in days {
        for set in 1..=3 {
            csv += &format!("{day} 18:00:00,\"Full body\",45m,\"Squat (Barbell)\",{set},80.0,5.0,0,0.0,,,\n");
        }
        for set in 4..=5 {
            csv += &format!("{day} 18:00:00,\"Full body\",45m,\"Plank\",{set},0,0,0,60.0,,,\n");
        }
        for set in 6..=8 {
            csv += &format!(
                "{day} 18:00:00,\"Full body\",45m,\"Bench Press (Barbell)\",{set},60.0,8.0,0,0.0,,,\n"
            );
        }
    }
    std::fs::write(dir.join("strong.csv"), csv).unwrap();
}

fn sessions(store: &Path, athlete: &str) -> u64 {
    let out = run(
        store,
        &["store", "info", "--format", "json", "--athlete", athlete],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    json(&out.stdout)["sessions"].as_u64().unwrap()
}

#[test]
fn two_athletes_with_the_same_files_stay_separate() {
    let scratch = Scratch::new("same-files");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    let files = runs(
        &exports,
        &[("2026-01-05", 30), ("2026-01-07", 30), ("2026-01-09", 30)],
    );
    for athlete in ["anna", "bob"] {
        let out = run(&store, &["import", "--athlete", athlete, arg(&exports)]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    // The second athlete's import read the files again: its log is its own.
    assert_eq!(sessions(&store, "anna"), 3);
    assert_eq!(sessions(&store, "bob"), 3);
    let forget = run(&store, &["store", "forget", "--athlete", "anna", arg(&files[0])]);
    assert_eq!(forget.code, Some(0), "{}", forget.stderr);
    assert_eq!(sessions(&store, "anna"), 2);
    assert_eq!(sessions(&store, "bob"), 3);
    let mut folders: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    folders.sort();
    assert_eq!(
        folders,
        ["athlete=anna", "athlete=bob", "current", "generations", "lock"]
    );
}

/// Anna has three runs, Bob the demo history: every command that takes --athlete sees only
/// that athlete, and without it a store of two athletes asks which.
#[test]
fn every_command_reads_and_writes_only_the_chosen_athlete() {
    let scratch = Scratch::new("isolation");
    let store = scratch.join("store");
    let anna = scratch.join("anna");
    runs(
        &anna,
        &[("2026-01-05", 30), ("2026-01-07", 30), ("2026-01-09", 30)],
    );
    assert_eq!(
        run(&store, &["import", "--athlete", "anna", arg(&anna)]).code,
        Some(0)
    );
    let out = run(
        &store,
        &[
            "import",
            "--athlete",
            "bob",
            "--tz",
            "Europe/Berlin",
            "fixtures/athlete",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("store {} (athlete bob): ", store.display())),
        "{}",
        out.stderr
    );

    // report: Bob's report from the store is the report of his files.
    let from_store = run(
        &store,
        &[
            "report",
            "--athlete",
            "bob",
            "--tz",
            "Europe/Berlin",
            "--format",
            "json",
        ],
    );
    let from_files = run(
        &store,
        &[
            "report",
            "--tz",
            "Europe/Berlin",
            "--format",
            "json",
            "fixtures/athlete",
        ],
    );
    assert_eq!(from_store.code, Some(0), "{}", from_store.stderr);
    assert_eq!(
        json(&from_store.stdout)["weeks"],
        json(&from_files.stdout)["weeks"]
    );
    let anna_report = json(&run(&store, &["report", "--athlete", "anna", "--format", "json"]).stdout);
    let anna_runs: u64 = anna_report["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["runs"].as_u64().unwrap())
        .sum();
    assert_eq!(anna_runs, 3);

    // plan: the same for Bob from the store as from his files.
    let plan_store = run(
        &store,
        &[
            "plan",
            "--athlete",
            "bob",
            "--tz",
            "Europe/Berlin",
            "--format",
            "json",
        ],
    );
    let plan_files = run(
        &store,
        &[
            "plan",
            "--tz",
            "Europe/Berlin",
            "--format",
            "json",
            "fixtures/athlete",
        ],
    );
    assert_eq!(plan_store.code, Some(0), "{}", plan_store.stderr);
    assert_eq!(plan_store.stdout, plan_files.stdout);

    // inspect --store and store info, export.
    let inspect = json(
        &run(
            &store,
            &["inspect", "--store", "--athlete", "anna", "--format", "json"],
        )
        .stdout,
    );
    assert_eq!(inspect["athlete"], "anna");
    assert_eq!(inspect["sessions"], 3);
    let info = json(&run(&store, &["store", "info", "--athlete", "bob", "--format", "json"]).stdout);
    assert_eq!(info["athlete"], "bob");
    let bob_sessions = info["sessions"].as_u64().unwrap();
    assert!(bob_sessions > 3, "{info}");
    let out_dir = scratch.join("export");
    let export = run(
        &store,
        &[
            "store",
            "export",
            "--athlete",
            "anna",
            "--format",
            "json",
            arg(&out_dir),
        ],
    );
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let activities = json(&std::fs::read_to_string(out_dir.join("activities.json")).unwrap());
    assert_eq!(activities.as_array().unwrap().len(), 3);

    // forget: a file Bob never imported is not in his part, whatever Anna has.
    let anna_file = anna.join("2026-01-05-run.gpx");
    let forget = run(&store, &["store", "forget", "--athlete", "bob", arg(&anna_file)]);
    assert_eq!(forget.code, Some(1));
    assert_eq!(sessions(&store, "anna"), 3);
    assert_eq!(sessions(&store, "bob"), bob_sessions);

    // Without --athlete, a store of two asks which; an unknown athlete is named.
    for args in [
        &["report"][..],
        &["store", "info"],
        &["inspect", "--store"],
        &["plan"],
    ] {
        let out = run(&store, args);
        assert_eq!(out.code, Some(1), "{args:?}");
        assert_eq!(
            out.stderr,
            format!(
                "runlift: error: the activity store at {} holds 2 athletes (anna, bob): choose one with --athlete NAME\n",
                store.display()
            ),
            "{args:?}"
        );
    }
    let unknown = run(&store, &["report", "--athlete", "carl"]);
    assert_eq!(unknown.code, Some(1));
    assert_eq!(
        unknown.stderr,
        format!(
            "runlift: error: the activity store at {} has no athlete \"carl\" (it has anna, bob)\n",
            store.display()
        )
    );
    let import = run(&store, &["import", arg(&anna)]);
    assert_eq!(import.code, Some(1));
    assert!(
        import.stderr.contains("holds 2 athletes (anna, bob)"),
        "{}",
        import.stderr
    );
}

#[test]
fn hostile_athlete_names_are_refused_before_anything_is_written() {
    let scratch = Scratch::new("hostile-names");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    runs(&exports, &[("2026-01-05", 30)]);
    for (name, reason) in [
        ("..", "it names a folder (`.` and `..` are not names)"),
        (".", "it names a folder (`.` and `..` are not names)"),
        ("../escape", "it holds a path separator (`/` or `\\`)"),
        ("a/b", "it holds a path separator (`/` or `\\`)"),
        ("a\\b", "it holds a path separator (`/` or `\\`)"),
        ("new\nline", "it holds a control character"),
        ("\u{1b}[2Jbob", "it holds a control character"),
        ("", "it is empty"),
    ] {
        let out = run(&store, &["import", "--athlete", name, arg(&exports)]);
        assert_eq!(out.code, Some(1), "{name:?}");
        assert!(out.stderr.contains(reason), "{name:?}: {}", out.stderr);
        assert!(!store.exists(), "{name:?} created the store");
    }
    // Names that only look odd are escaped in the folder name, and read back exactly.
    let out = run(&store, &["import", "--athlete", "Zoë: 5k=25'", arg(&exports)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        store
            .join("athlete=Zoë%3A 5k%3D25%27/current/activities.parquet")
            .is_file()
    );
    let info = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    assert_eq!(info["athlete"], "Zoë: 5k=25'");
    // Differing only in case would share a folder on macOS and Windows.
    let clash = run(&store, &["import", "--athlete", "zoë: 5K=25'", arg(&exports)]);
    assert_eq!(clash.code, Some(1));
    assert!(clash.stderr.contains("differs only in case"), "{}", clash.stderr);
}

/// Copies a folder, keeping symbolic links as links.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn export_json(store: &Path, out: &Path, table: &str) -> Value {
    let export = run(store, &["store", "export", "--format", "json", arg(out)]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    json(&std::fs::read_to_string(out.join(format!("{table}.json"))).unwrap())
}

/// `tests/data/store-v1` was written by runlift before athletes (schema version 1): the demo
/// history imported with `--tz Europe/Berlin` (fixtures/README.md says how). It is read as it is, and
/// the first import of this runlift moves it into `athlete=default/` with every row.
#[test]
fn a_version_1_store_is_read_then_migrated_on_first_write_losing_nothing() {
    let scratch = Scratch::new("migrate");
    let store = scratch.join("store");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store-v1"),
        &store,
    );

    let before = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    assert_eq!(before["schema_version"], 1);
    assert_eq!(before["athlete"], "default");
    assert_eq!(before["sessions"], 22);
    let report_before = run(&store, &["report", "--tz", "Europe/Berlin", "--format", "json"]);
    assert_eq!(report_before.code, Some(0), "{}", report_before.stderr);
    let tables_before: Vec<Value> = [
        "activities",
        "sets",
        "source_activities",
        "source_sets",
        "import_log",
    ]
    .iter()
    .map(|t| export_json(&store, &scratch.join("before"), t))
    .collect();

    // The first write: a new file, for the store's one athlete.
    let exports = scratch.join("exports");
    runs(&exports, &[("2026-02-16", 30)]);
    let import = run(&store, &["import", "--tz", "Europe/Berlin", arg(&exports)]);
    assert_eq!(import.code, Some(0), "{}", import.stderr);

    let after = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    assert_eq!(after["schema_version"], 2);
    assert_eq!(after["athlete"], "default");
    assert_eq!(after["sessions"], 23);
    assert!(store.join("athlete=default/current/activities.parquet").is_file());
    let marker = std::fs::read_to_string(store.join("current/meta.json")).unwrap();
    assert!(marker.contains("\"schema_version\": 2"), "{marker}");
    // Every row of every table is still there; the new file added its own.
    let names = [
        "activities",
        "sets",
        "source_activities",
        "source_sets",
        "import_log",
    ];
    for (table, rows_before) in names.iter().zip(&tables_before) {
        let rows_after = export_json(&store, &scratch.join("after"), table);
        let after: Vec<&Value> = rows_after.as_array().unwrap().iter().collect();
        for row in rows_before.as_array().unwrap() {
            // Columns added since version 1 (a GPX sport's inference, a set's superset) are
            // written empty for the old rows; every value the row had is kept.
            let kept = after.iter().any(|r| {
                let (Some(new), Some(old)) = (r.as_object(), row.as_object()) else {
                    return false;
                };
                old.iter().all(|(k, v)| new.get(k) == Some(v))
                    && new.iter().all(|(k, v)| old.contains_key(k) || v.is_null())
            });
            assert!(kept, "{table}: lost {row}");
        }
    }
    // The report up to the old data's end is the same as before.
    let report_after = run(&store, &["report", "--tz", "Europe/Berlin", "--format", "json"]);
    assert_eq!(
        json(&report_after.stdout)["weeks"],
        json(&report_before.stdout)["weeks"]
    );
}

/// A store whose root says a schema version newer than this runlift's is refused by every
/// command, and no import writes over it.
#[test]
fn a_store_newer_than_version_2_is_refused() {
    let scratch = Scratch::new("newer-v3");
    let store = scratch.join("store");
    let exports = scratch.join("exports");
    runs(&exports, &[("2026-01-05", 30)]);
    assert_eq!(
        run(&store, &["import", "--athlete", "anna", arg(&exports)]).code,
        Some(0)
    );
    let marker = store.join("current/meta.json");
    let text = std::fs::read_to_string(&marker)
        .unwrap()
        .replace("\"schema_version\": 2", "\"schema_version\": 3");
    std::fs::write(&marker, text).unwrap();
    for args in [
        &["report", "--athlete", "anna"][..],
        &["import", "--athlete", "anna", arg(&exports)][..],
        &["store", "info"][..],
        &["team"][..],
    ] {
        let out = run(&store, args);
        assert_eq!(out.code, Some(1), "{args:?}");
        assert_eq!(
            out.stderr,
            format!(
                "runlift: error: the activity store at {} was written by a newer runlift (store schema \
                 version 3; this runlift reads versions up to 2); upgrade runlift to use it\n",
                store.display()
            ),
            "{args:?}"
        );
    }
}

/// Three hand-made athletes as of Wednesday 2026-02-18: Anna balanced (from Monday 2026-02-09,
/// so her week 7 is a whole one), Bob running without strength work since Tuesday 2026-02-03
/// (his partial first week is not judged, his week 7 is), Carl whose data stopped in January.
fn three_athletes(root: &Path) {
    let anna = root.join("anna");
    runs(
        &anna,
        &[
            ("2026-02-09", 33),
            ("2026-02-11", 44),
            ("2026-02-14", 66),
            ("2026-02-16", 33),
        ],
    );
    strong_workouts(&anna, &["2026-02-10", "2026-02-12", "2026-02-17"]);
    let bob = root.join("bob");
    runs(
        &bob,
        &[
            ("2026-02-03", 55),
            ("2026-02-05", 55),
            ("2026-02-10", 55),
            ("2026-02-12", 55),
            ("2026-02-15", 88),
            ("2026-02-17", 55),
        ],
    );
    let carl = root.join("carl");
    runs(&carl, &[("2026-01-05", 33), ("2026-01-07", 33)]);
    strong_workouts(&carl, &["2026-01-06"]);
}

#[test]
fn team_gives_one_exact_line_per_athlete_from_folders_and_from_the_store() {
    let scratch = Scratch::new("team");
    let athletes = scratch.join("athletes");
    three_athletes(&athletes);
    let args = [
        "team",
        "--as-of",
        "2026-02-18",
        "--tz",
        "UTC",
        "--athletes-from",
        arg(&athletes),
    ];
    let out = run(&scratch.join("no-store"), &args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let expected = "\
Team as of 2026-02-18 (3 athletes): this week 2026-W08, last week 2026-W07

          this week 2026-W08      last week 2026-W07       days since
athlete   runs   km  str  share   runs    km  str  share   str  run   last activity  status
anna         1  5.9    1   58 %      3  25.8    2   39 %     1    2   2026-02-17     -
bob          1  9.9    0    0 %      3  35.7    0    0 %     -    1   2026-02-17     warning strength-missing (2026-W07)
carl         0  0.0    0      -      0   0.0    0      -    43   42   2026-01-07     data stopped 2026-01-07 (42 days)
";
    assert_eq!(out.stdout, expected);

    // The same athletes imported into a store give the same lines.
    let store = scratch.join("store");
    for name in ["anna", "bob", "carl"] {
        let import = run(
            &store,
            &[
                "import",
                "--tz",
                "UTC",
                "--athlete",
                name,
                arg(&athletes.join(name)),
            ],
        );
        assert_eq!(import.code, Some(0), "{}", import.stderr);
    }
    let from_store = run(&store, &["team", "--as-of", "2026-02-18", "--tz", "UTC"]);
    assert_eq!(from_store.code, Some(0), "{}", from_store.stderr);
    assert_eq!(from_store.stdout, expected);

    // --fail-on as in report: Bob's warning fails it, Carl's stopped data does not.
    let fail = run(
        &store,
        &[
            "team",
            "--as-of",
            "2026-02-18",
            "--tz",
            "UTC",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(fail.code, Some(3));
    let alert = run(
        &store,
        &[
            "team",
            "--as-of",
            "2026-02-18",
            "--tz",
            "UTC",
            "--fail-on",
            "alert",
        ],
    );
    assert_eq!(alert.code, Some(0));
}

#[test]
fn team_json_csv_markdown_and_html_say_the_same() {
    let scratch = Scratch::new("team-formats");
    let athletes = scratch.join("athletes");
    three_athletes(&athletes);
    let team = |format: &str| {
        let out = run(
            &scratch.join("no-store"),
            &[
                "team",
                "--as-of",
                "2026-02-18",
                "--tz",
                "UTC",
                "--format",
                format,
                "--athletes-from",
                arg(&athletes),
            ],
        );
        assert_eq!(out.code, Some(0), "{format}: {}", out.stderr);
        out.stdout
    };
    let report = json(&team("json"));
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["as_of"]["day"], "2026-02-18");
    assert_eq!(report["this_week"], "2026-W08");
    assert_eq!(report["last_week"], "2026-W07");
    assert_eq!(
        report["summary"],
        serde_json::json!({"athletes": 3, "with_warnings": 1, "data_stopped": 1, "errors": 0, "worst_severity": "warning"})
    );
    let anna = &report["athletes"][0];
    let keys: Vec<&str> = anna.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "athlete",
            "data_stopped",
            "days_since_run",
            "days_since_strength",
            "error",
            "last_activity",
            "last_week",
            "this_week",
            "warnings",
            "worst_warning"
        ]
    );
    assert_eq!(
        anna["last_week"],
        serde_json::json!({"week": "2026-W07", "week_start": "2026-02-09", "status": "complete", "runs": 3,
            "run_distance_m": 25759.5, "strength_sessions": 2, "strength_share": 0.386})
    );
    assert_eq!(anna["days_since_strength"], 1);
    assert_eq!(anna["worst_warning"], Value::Null);
    let bob = &report["athletes"][1];
    assert_eq!(bob["worst_warning"]["id"], "strength-missing");
    assert_eq!(bob["worst_warning"]["severity"], "warning");
    assert_eq!(bob["worst_warning"]["week"], "2026-W07");
    let carl = &report["athletes"][2];
    assert_eq!(
        carl["data_stopped"],
        serde_json::json!({"last_activity": "2026-01-07", "days": 42})
    );
    assert_eq!(carl["worst_warning"], Value::Null);

    let csv = team("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        "athlete,this_week,this_week_runs,this_week_run_distance_m,this_week_strength_sessions,this_week_strength_share,\
         last_week,last_week_runs,last_week_run_distance_m,last_week_strength_sessions,last_week_strength_share,\
         days_since_strength,days_since_run,last_activity,data_stopped,days_without_data,warnings,worst_id,\
         worst_severity,worst_week,worst_message,error"
    );
    assert!(
        lines[3].starts_with("carl,2026-W08,0,0,0,,2026-W07,0,0,0,,43,42,2026-01-07,true,42,"),
        "{}",
        lines[3]
    );

    let markdown = team("markdown");
    assert!(
        markdown.contains("| anna | 1 | 5.9 | 1 | 58 % | 3 | 25.8 | 2 | 39 % | 1 | 2 | 2026-02-17 | - |"),
        "{markdown}"
    );

    let html = team("html");
    assert_eq!(html.matches("<svg ").count(), 3, "one chart per athlete");
    assert!(html.contains("data stopped 2026-01-07 (42 days)"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</body></html>\n"));
}

/// Whether `python3` with the `duckdb` module is here; CI (`.ci/run`) installs it and sets
/// RUNLIFT_REQUIRE_DUCKDB, which turns a skip into a failure.
fn duckdb_available() -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("RUNLIFT_REQUIRE_DUCKDB").is_none(),
            "RUNLIFT_REQUIRE_DUCKDB is set but python3 cannot import duckdb: python3 -m pip install duckdb"
        );
        eprintln!("skipped: python3 with duckdb is not installed (python3 -m pip install duckdb)");
    }
    found
}

fn rounded(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// docs/sql/weekly_figures.sql on a store of three athletes (the demo history, three runs, and
/// an athlete whose name needs escaping in its folder) gives every figure of each athlete's
/// `runlift report --format json`, rounded as the JSON rounds it.
#[test]
fn the_weekly_figures_sql_equals_runlifts_json() {
    if !duckdb_available() {
        return;
    }
    let scratch = Scratch::new("sql");
    let store = scratch.join("store");
    let anna = scratch.join("anna");
    runs(
        &anna,
        &[("2026-01-05", 30), ("2026-01-07", 44), ("2026-01-13", 60)],
    );
    strong_workouts(&anna, &["2026-01-06", "2026-01-14"]);
    for (athlete, path) in [
        ("demo", "fixtures/athlete"),
        ("anna", arg(&anna)),
        ("Zoë: 5k", "fixtures/athlete"),
    ] {
        let out = run(
            &store,
            &["import", "--tz", "Europe/Berlin", "--athlete", athlete, path],
        );
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    let config: toml::Table = run(&store, &["config", "--show"]).stdout.parse().unwrap();
    let number = |table: &str, key: &str| {
        let value = &config[table][key];
        value
            .as_float()
            .or(value.as_integer().map(|i| i as f64))
            .unwrap()
            .to_string()
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sql/run_duckdb.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .args([
            arg(&store),
            "Europe/Berlin",
            &number("effort", "running"),
            &number("effort", "strength"),
            &number("effort", "other"),
            &number("estimates", "strength_seconds_per_set"),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(json)
        .collect();

    let mut compared = 0;
    for athlete in ["Zoë: 5k", "anna", "demo"] {
        let report = run(
            &store,
            &[
                "report",
                "--athlete",
                athlete,
                "--tz",
                "Europe/Berlin",
                "--as-of",
                "2026-03-01",
                "--format",
                "json",
            ],
        );
        assert_eq!(report.code, Some(0), "{}", report.stderr);
        let report = json(&report.stdout);
        let weeks: Vec<&Value> = report["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| {
                w["runs"].as_u64().unwrap()
                    + w["strength_sessions"].as_u64().unwrap()
                    + w["other_sessions"].as_u64().unwrap()
                    > 0
            })
            .collect();
        let mine: Vec<&Value> = rows.iter().filter(|r| r["athlete"] == athlete).collect();
        assert_eq!(mine.len(), weeks.len(), "{athlete}: weeks with data");
        for (row, week) in mine.iter().zip(&weeks) {
            assert_eq!(row["week_start"], week["week_start"], "{athlete}");
            let at = format!("{athlete} {}", week["week"]);
            let f = |key: &str| {
                row[key]
                    .as_f64()
                    .unwrap_or_else(|| panic!("{at}: {key} is {}", row[key]))
            };
            for key in [
                "runs",
                "strength_sessions",
                "other_sessions",
                "working_sets",
                "reps",
                "unclassified_sets",
            ] {
                assert_eq!(f(key), week[key].as_f64().unwrap(), "{at}: {key}");
            }
            for key in [
                "run_time_s",
                "longest_run_s",
                "strength_time_s",
                "other_time_s",
                "training_time_s",
            ] {
                assert_eq!(f(key).round(), week[key].as_f64().unwrap(), "{at}: {key}");
            }
            for key in [
                "run_distance_m",
                "run_elevation_gain_m",
                "longest_run_m",
                "volume_kg",
                "load",
                "run_load",
                "strength_load",
            ] {
                assert_eq!(rounded(f(key), 1), week[key].as_f64().unwrap(), "{at}: {key}");
            }
            for (key, group) in [
                ("lower_body_sets", "lower_body"),
                ("core_sets", "core"),
                ("upper_body_sets", "upper_body"),
            ] {
                assert_eq!(
                    f(key),
                    week["muscle_sets"][group].as_f64().unwrap(),
                    "{at}: {key}"
                );
            }
            assert_eq!(
                row["strength_share"].as_f64().map(|s| rounded(s, 3)),
                week["strength_share"].as_f64(),
                "{at}: strength_share"
            );
            compared += 1;
        }
    }
    // The demo history's weeks twice (under two names) and Anna's two weeks.
    assert_eq!(compared, 2 * 6 + 2);
}

/// `[athletes.NAME]` lays an athlete's own keys over the file's, key by key; `report`, `plan`
/// and `team` use them for that athlete, and a table named for a hostile name is refused.
#[test]
fn an_athletes_own_settings_apply_and_fall_back_to_the_files() {
    let scratch = Scratch::new("athlete-settings");
    let athletes = scratch.join("athletes");
    three_athletes(&athletes);
    let config = scratch.join("runlift.toml");
    std::fs::write(
        &config,
        "profile = \"runner\"\n[goals]\nstrength_share_max = 0.5\n\
         [athletes.anna.goals]\nstrength_sessions_per_week = 3\n\
         [athletes.bob]\nprofile = \"hybrid\"\n",
    )
    .unwrap();
    let goals = |athlete: &str| {
        let out = run(
            &scratch.join("no-store"),
            &[
                "report",
                "--config",
                arg(&config),
                "--athlete",
                athlete,
                "--tz",
                "UTC",
                "--format",
                "json",
                arg(&athletes.join(athlete)),
            ],
        );
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let report = json(&out.stdout);
        (report["profile"].clone(), report["goals"].clone())
    };
    // Anna: her goal, the file's maximum share, the file's profile for the rest.
    assert_eq!(
        goals("anna"),
        (
            Value::from("runner"),
            serde_json::json!({"strength_sessions_per_week": 3, "strength_share_min": 0.15, "strength_share_max": 0.5})
        )
    );
    // Bob: his profile's goals, the file's maximum share over it.
    assert_eq!(
        goals("bob"),
        (
            Value::from("hybrid"),
            serde_json::json!({"strength_sessions_per_week": 3, "strength_share_min": 0.3, "strength_share_max": 0.5})
        )
    );
    // Carl has no table: the file's settings.
    assert_eq!(
        goals("carl"),
        (
            Value::from("runner"),
            serde_json::json!({"strength_sessions_per_week": 2, "strength_share_min": 0.15, "strength_share_max": 0.5})
        )
    );
    // `config --show --athlete` prints what a report of the athlete uses.
    let shown = run(
        &scratch.join("no-store"),
        &["config", "--show", "--config", arg(&config), "--athlete", "bob"],
    );
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(
        shown.stdout.contains("\nprofile = \"hybrid\"\n"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("\nstrength_share_max = 0.5"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains(
            "# For athlete \"bob\": the file's [athletes] table for them over the file's own keys."
        ),
        "{}",
        shown.stdout
    );
    let plain = run(
        &scratch.join("no-store"),
        &["config", "--show", "--config", arg(&config)],
    )
    .stdout;
    assert!(plain.contains("\nprofile = \"runner\"\n"), "{plain}");
    assert!(
        plain.contains("# The file has settings of their own for \"anna\", \"bob\": `runlift config --show --athlete NAME` prints them."),
        "{plain}"
    );
    // In the team, Anna's two sessions now fall short of her three.
    let team = run(
        &scratch.join("no-store"),
        &[
            "team",
            "--config",
            arg(&config),
            "--as-of",
            "2026-02-18",
            "--tz",
            "UTC",
            "--format",
            "json",
            "--athletes-from",
            arg(&athletes),
        ],
    );
    let team = json(&team.stdout);
    assert_eq!(team["athletes"][0]["worst_warning"]["id"], "strength-missing");
    assert_eq!(team["athletes"][0]["worst_warning"]["week"], "2026-W07");

    std::fs::write(&config, "[athletes.\"../x\"]\nprofile = \"hybrid\"\n").unwrap();
    let refused = run(
        &scratch.join("no-store"),
        &["report", "--config", arg(&config), arg(&athletes)],
    );
    assert_eq!(refused.code, Some(1));
    assert!(
        refused
            .stderr
            .contains("[athletes]: \"../x\" cannot be an athlete's name: it holds a path separator"),
        "{}",
        refused.stderr
    );
}

/// A migration killed after the athlete's folder is complete but before the root is switched
/// leaves the version-1 store current and whole; the next write migrates it from the start.
#[test]
fn a_migration_killed_before_its_switch_leaves_the_version_1_store_and_is_done_again() {
    let scratch = Scratch::new("migrate-crash");
    let store = scratch.join("store");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store-v1"),
        &store,
    );
    let exports = scratch.join("exports");
    runs(&exports, &[("2026-02-16", 30)]);
    let crashed = crate::store::finish(
        crate::store::command(&store, &["import", "--tz", "Europe/Berlin", arg(&exports)])
            .env("RUNLIFT_STORE_FAILPOINT", "migrated-before-marker")
            .output()
            .unwrap(),
    );
    assert_ne!(crashed.code, Some(0), "{}", crashed.stderr);
    assert!(
        crashed.stderr.contains("failpoint migrated-before-marker"),
        "{}",
        crashed.stderr
    );
    // The athlete's folder is there, complete, but nobody reads it yet.
    assert!(store.join("athlete=default/current/activities.parquet").is_file());
    let info = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    assert_eq!(
        (info["schema_version"].as_u64(), info["sessions"].as_u64()),
        (Some(1), Some(22))
    );

    let again = run(&store, &["import", "--tz", "Europe/Berlin", arg(&exports)]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let info = json(&run(&store, &["store", "info", "--format", "json"]).stdout);
    assert_eq!(
        (info["schema_version"].as_u64(), info["sessions"].as_u64()),
        (Some(2), Some(23))
    );
}
