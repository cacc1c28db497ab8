//! The import pipeline and the store as libraries, together as `runlift import` wires them:
//! incremental import, de-duplication across sources, forgetting a source, refusing newer
//! layouts, and the Parquet files read back with polars alone. (The store's crate cannot
//! test these itself: it does not depend on the import, which fills it.)

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{Scratch, corpus, fixtures, gpx_run, write_daily_runs};
use polars::prelude::*;
use polars_io::prelude::{ParquetReader, SerReader};
use runlift_import::dedupe::{DedupeSettings, dedupe};
use runlift_import::pipeline::{self, Change, Forgotten};
use runlift_import::{ImportOptions, Silent};
use runlift_model::{Activity, FileStatus, ImportReport, SourceFormat};
use runlift_store::{ExportFormat, Store, StoreError, StoreWriter};

/// What an import did, as `runlift import` tells it.
struct ImportOutcome {
    read: ImportReport,
    unchanged: usize,
    unchanged_by_hash: usize,
    unchanged_with_problems: Vec<(PathBuf, String)>,
    sessions_before: usize,
    sessions_after: usize,
    /// The generation written, `None` when nothing was.
    generation: Option<u64>,
}

/// `runlift import` as a library call: the pipeline plans against the store's log and reads,
/// the store writes what it made.
fn try_import(store: &Store, paths: &[PathBuf], reread_all: bool) -> Result<ImportOutcome, StoreError> {
    let mut writer = store.writer()?;
    let update = pipeline::update(
        paths,
        &writer,
        &ImportOptions::default(),
        &DedupeSettings::default(),
        reread_all,
        &Silent,
    )?;
    let generation = match &update.change {
        Change::Nothing => None,
        Change::Log(log) => Some(writer.write_log(log)?),
        Change::Everything(imported) => Some(writer.write(imported)?),
    };
    Ok(ImportOutcome {
        sessions_after: update.sessions_after(),
        read: update.read,
        unchanged: update.unchanged,
        unchanged_by_hash: update.unchanged_by_hash,
        unchanged_with_problems: update.unchanged_with_problems,
        sessions_before: update.sessions_before,
        generation,
    })
}

fn import(store: &Store, paths: &[PathBuf]) -> ImportOutcome {
    try_import(store, paths, false).unwrap()
}

/// `runlift store forget` as a library call.
fn forget(writer: &mut StoreWriter, path: &Path) -> Forgotten {
    let forgotten = pipeline::forget(path, writer, &DedupeSettings::default()).unwrap();
    if let Some(imported) = &forgotten.change {
        writer.write(imported).unwrap();
    }
    forgotten
}

fn by_start(mut activities: Vec<Activity>) -> Vec<Activity> {
    activities.sort_by_key(|a| (a.start, a.id));
    activities
}

#[test]
fn importing_the_same_folder_twice_reads_nothing_and_adds_nothing_the_second_time() {
    let scratch = Scratch::new("twice");
    let exports = scratch.join("exports");
    write_daily_runs(&exports, 5, 10);
    let store = Store::at(scratch.join("store"));

    let first = import(&store, std::slice::from_ref(&exports));
    assert_eq!(first.read.files.len(), 5);
    assert_eq!(first.read.count(FileStatus::Ok), 5);
    assert_eq!(
        (first.unchanged, first.sessions_before, first.sessions_after),
        (0, 0, 5)
    );
    assert_eq!(first.generation, Some(1));
    let sessions = store.sessions().unwrap();

    let second = import(&store, std::slice::from_ref(&exports));
    assert_eq!(second.read.files.len(), 0, "unchanged files are not read again");
    assert_eq!((second.unchanged, second.unchanged_by_hash), (5, 0));
    assert_eq!((second.sessions_before, second.sessions_after), (5, 5));
    assert_eq!(second.generation, None, "nothing changed, so nothing was written");
    assert_eq!(store.meta().unwrap().generation, 1);
    assert_eq!(store.sessions().unwrap(), sessions);
}

#[test]
fn a_changed_file_replaces_what_it_gave_and_a_new_file_is_the_only_one_read() {
    let scratch = Scratch::new("changed");
    let exports = scratch.join("exports");
    let files = write_daily_runs(&exports, 3, 10);
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&exports));

    // The second day's run, exported again after trimming it to 20 minutes.
    std::fs::write(&files[1], gpx_run("2016-01-02T06:00:00Z", 1200, 10, 52.01)).unwrap();
    std::fs::write(
        exports.join("late.gpx"),
        gpx_run("2016-03-01T07:00:00Z", 600, 10, 52.5),
    )
    .unwrap();
    let outcome = import(&store, std::slice::from_ref(&exports));

    let read: Vec<&Path> = outcome.read.files.iter().map(|f| f.path.as_path()).collect();
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap();
    assert_eq!(read, [canonical(&exports.join("late.gpx")), canonical(&files[1])]);
    assert_eq!((outcome.unchanged, outcome.sessions_after), (2, 4));
    let elapsed: Vec<u64> = store
        .sessions()
        .unwrap()
        .iter()
        .map(|s| s.elapsed.as_secs())
        .collect();
    assert_eq!(elapsed, [1800, 1200, 1800, 600]);
    assert_eq!(store.source_activities().unwrap().len(), 4);
}

#[test]
fn a_touched_file_is_confirmed_unchanged_by_its_content_hash() {
    let scratch = Scratch::new("touched");
    let exports = scratch.join("exports");
    let files = write_daily_runs(&exports, 3, 10);
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&exports));
    let before = store.import_log().unwrap();

    let later = SystemTime::now() + Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(&files[2])
        .unwrap()
        .set_modified(later)
        .unwrap();
    let outcome = import(&store, std::slice::from_ref(&exports));
    assert_eq!(outcome.read.files.len(), 0);
    assert_eq!((outcome.unchanged, outcome.unchanged_by_hash), (3, 1));
    // The log learns the new time, so the next run needs no hash.
    assert_eq!(outcome.generation, Some(2));
    let after = store.import_log().unwrap();
    assert_eq!(after.len(), 3);
    assert_eq!(after[2].content_hash, before[2].content_hash);
    assert_ne!(after[2].modified_ns, before[2].modified_ns);
    let third = import(&store, std::slice::from_ref(&exports));
    assert_eq!(
        (third.unchanged, third.unchanged_by_hash, third.generation),
        (3, 0, None)
    );
}

#[test]
fn the_import_log_records_size_hash_result_and_formats() {
    let scratch = Scratch::new("log");
    let exports = scratch.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let run = gpx_run("2026-01-06T06:00:00Z", 600, 10, 52.0);
    std::fs::write(exports.join("run.gpx"), &run).unwrap();
    std::fs::write(exports.join("broken.gpx"), &run[..run.len() / 2]).unwrap();
    std::fs::write(exports.join("notes.txt"), "shopping list").unwrap();
    let store = Store::at(scratch.join("store"));
    let outcome = import(&store, std::slice::from_ref(&exports));
    assert!(outcome.read.has_failures());

    let log = store.import_log().unwrap();
    let summary: Vec<(String, u64, &str, &str, u32)> = log
        .iter()
        .map(|f| {
            (
                f.path.file_name().unwrap().to_string_lossy().into_owned(),
                f.size,
                f.result.as_str(),
                f.formats.as_str(),
                f.activities,
            )
        })
        .collect();
    let half = (run.len() / 2) as u64;
    assert_eq!(
        summary,
        [
            ("broken.gpx".to_owned(), half, "partial", "gpx", 1),
            ("notes.txt".to_owned(), 13, "skipped", "", 0),
            ("run.gpx".to_owned(), run.len() as u64, "ok", "gpx", 1),
        ]
    );
    assert_eq!(
        log[2].content_hash,
        blake3::hash(run.as_bytes()).to_hex().to_string()
    );
    assert!(
        log[0].message.as_deref().unwrap().contains("broken.gpx"),
        "{:?}",
        log[0].message
    );
    assert_eq!(
        log[1]
            .message
            .as_deref()
            .map(|m| m.starts_with("not fitness data")),
        Some(true)
    );

    // Not read again while unchanged, but still told about.
    let again = import(&store, std::slice::from_ref(&exports));
    assert_eq!((again.read.files.len(), again.unchanged), (0, 3));
    let broken = std::fs::canonicalize(exports.join("broken.gpx")).unwrap();
    assert_eq!(
        again.unchanged_with_problems,
        [(broken, log[0].message.clone().unwrap())]
    );
}

#[test]
fn the_stores_parquet_read_with_polars_equals_what_was_imported() {
    let athlete = fixtures().join("athlete");
    let scratch = Scratch::new("parquet");
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&athlete));

    let parsed = pipeline::read_files(
        &[std::fs::canonicalize(&athlete).unwrap()],
        &ImportOptions::default(),
        &Silent,
    );
    let files_in_folder = std::fs::read_dir(&athlete).unwrap().count();
    assert_eq!(parsed.files.len(), files_in_folder);
    let expected =
        by_start(dedupe(parsed.activities().cloned().collect(), &DedupeSettings::default()).activities);
    assert!(expected.len() >= 13, "{}", expected.len());

    // What runlift reads back is exactly what it imported.
    assert_eq!(store.sessions().unwrap(), expected);

    // And so is what any Parquet reader sees, through the `current` link.
    let current = store.path().join("athlete=default/current");
    let activities = ParquetReader::new(File::open(current.join("activities.parquet")).unwrap())
        .finish()
        .unwrap();
    assert_eq!(activities.height(), expected.len());
    assert_eq!(
        activities.column("start").unwrap().dtype(),
        &DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
    );
    let ids: Vec<Option<&str>> = activities.column("id").unwrap().str().unwrap().iter().collect();
    let starts: Vec<Option<i64>> = activities
        .column("start")
        .unwrap()
        .datetime()
        .unwrap()
        .phys
        .iter()
        .collect();
    let elapsed: Vec<Option<f64>> = activities
        .column("elapsed_s")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect();
    let distance: Vec<Option<f64>> = activities
        .column("distance_m")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect();
    let sports: Vec<Option<&str>> = activities
        .column("sport")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .collect();
    for (row, activity) in expected.iter().enumerate() {
        assert_eq!(ids[row], Some(activity.id.to_string().as_str()));
        assert_eq!(starts[row], Some(activity.start.as_millisecond()));
        assert_eq!(elapsed[row], Some(activity.elapsed.as_secs_f64()));
        assert_eq!(distance[row], activity.distance_m);
        assert_eq!(sports[row], Some(activity.sport.category()));
    }

    let sets = ParquetReader::new(File::open(current.join("sets.parquet")).unwrap())
        .finish()
        .unwrap();
    let total_sets: usize = expected.iter().map(|a| a.sets.len()).sum();
    assert_eq!(sets.height(), total_sets);
    let per_activity = sets
        .lazy()
        .filter(col("kind").neq(lit("warm_up")))
        .group_by([col("activity_id")])
        .agg([len().alias("working_sets")])
        .collect()
        .unwrap();
    let owners: Vec<Option<&str>> = per_activity
        .column("activity_id")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .collect();
    let counts: Vec<Option<u32>> = per_activity
        .column("working_sets")
        .unwrap()
        .u32()
        .unwrap()
        .iter()
        .collect();
    for (owner, count) in owners.iter().zip(&counts) {
        let activity = expected
            .iter()
            .find(|a| Some(a.id.to_string().as_str()) == *owner)
            .unwrap();
        assert_eq!(*count, Some(activity.working_sets() as u32), "{owner:?}");
    }
    let with_sets = expected.iter().filter(|a| a.working_sets() > 0).count();
    assert_eq!(per_activity.height(), with_sets);
    assert!(with_sets >= 6, "{with_sets}");
}

#[test]
fn one_ride_recorded_as_fit_and_exported_as_tcx_and_gpx_is_one_session_with_the_fit_figures() {
    let Some(corpus) = corpus() else { return };
    let paths = [
        corpus.join("fit/2020-06-01-16-52-40.fit"),
        corpus.join("gpx/activity_5039744860.gpx"),
        corpus.join("tcx/activity_5039744860.tcx"),
    ];
    let scratch = Scratch::new("dedupe");
    let store = Store::at(scratch.join("store"));
    let outcome = import(&store, &paths);
    let read: Vec<(Option<SourceFormat>, FileStatus, usize)> = outcome
        .read
        .files
        .iter()
        .map(|f| (f.format, f.status, f.activities.len()))
        .collect();
    assert_eq!(
        read,
        [
            (Some(SourceFormat::Fit), FileStatus::Ok, 1),
            (Some(SourceFormat::Gpx), FileStatus::Ok, 1),
            (Some(SourceFormat::Tcx), FileStatus::Ok, 1),
        ]
    );

    let sessions = store.sessions().unwrap();
    assert_eq!(sessions.len(), 1, "{sessions:#?}");
    let ride = &sessions[0];
    // The Edge 1000's own figures: 113.15 s of elapsed time, against the 126 s from the first
    // to the last point of Garmin Connect's TCX and GPX of the same ride.
    let fit = &outcome.read.files[0].activities[0];
    assert_eq!(ride.source.format, SourceFormat::Fit);
    assert_eq!(ride.start, "2020-06-01T14:52:40Z".parse().unwrap());
    assert_eq!(ride.elapsed, Duration::from_millis(113_150));
    assert_eq!((ride.elapsed, ride.distance_m), (fit.elapsed, fit.distance_m));
    let merged: Vec<SourceFormat> = ride.merged_from.iter().map(|s| s.format).collect();
    assert_eq!(merged, [SourceFormat::Tcx, SourceFormat::Gpx]);
    assert_eq!(
        outcome.read.files[2].activities[0].elapsed,
        Duration::from_secs(126)
    );
    assert_eq!(store.source_activities().unwrap().len(), 3);
    assert_eq!(store.info().unwrap().merged_sessions, 1);
}

#[test]
fn forgetting_the_richest_source_leaves_the_next_ones_figures() {
    let scratch = Scratch::new("forget");
    let exports = scratch.join("exports");
    std::fs::create_dir_all(exports.join("garmin")).unwrap();
    std::fs::create_dir_all(exports.join("strava")).unwrap();
    // The same run, as two GPX files: Garmin's with a point every second, Strava's every 10 s
    // and starting 30 s later.
    std::fs::write(
        exports.join("garmin/run.gpx"),
        gpx_run("2026-01-06T06:00:00Z", 1800, 1, 52.0),
    )
    .unwrap();
    std::fs::write(
        exports.join("strava/run.gpx"),
        gpx_run(
            "2026-01-06T06:00:30Z",
            1770,
            10,
            52.0 + 30.0 * common::DEGREES_PER_SECOND,
        ),
    )
    .unwrap();
    let store = Store::at(scratch.join("store"));
    let outcome = import(&store, std::slice::from_ref(&exports));
    assert_eq!(outcome.sessions_after, 1);
    let merged = store.sessions().unwrap();
    assert_eq!(merged[0].merged_from.len(), 1);
    let kept_path = merged[0].source.path.clone();

    let mut writer = store.writer().unwrap();
    let forgotten = forget(&mut writer, &kept_path);
    drop(writer);
    assert_eq!((forgotten.files, forgotten.source_activities), (1, 1));
    assert_eq!((forgotten.sessions_before, forgotten.sessions_after()), (1, 1));
    let left = store.sessions().unwrap();
    assert_eq!(left.len(), 1);
    assert_ne!(left[0].source.path, kept_path);
    assert!(left[0].merged_from.is_empty());
    assert_eq!(store.import_log().unwrap().len(), 1);

    // A folder forgets everything under it.
    let mut writer = store.writer().unwrap();
    let all = forget(&mut writer, &exports);
    assert_eq!((all.files, all.sessions_after()), (1, 0));
}

#[test]
fn a_store_written_by_a_newer_runlift_is_refused_with_its_version() {
    let scratch = Scratch::new("newer");
    let exports = scratch.join("exports");
    write_daily_runs(&exports, 1, 60);
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&exports));
    let meta_path = store.path().join("athlete=default/current/meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let newer = meta.replace("\"schema_version\": 2", "\"schema_version\": 7");
    assert_ne!(meta, newer);
    std::fs::write(&meta_path, newer).unwrap();

    let err = store.sessions().unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 7,
                supported: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains(
            "written by a newer runlift (store schema version 7; this runlift reads versions up to 2)"
        ),
        "{message}"
    );
    // Nor does an import write over it.
    let import_err = try_import(&store, &[exports], false).err().unwrap();
    assert!(matches!(import_err, StoreError::TooNew { .. }), "{import_err:?}");
}

#[test]
fn a_second_writer_is_told_who_holds_the_store() {
    let scratch = Scratch::new("busy");
    let store = Store::at(scratch.join("store"));
    let first = store.try_writer().unwrap();
    let err = store.try_writer().unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Busy { .. }));
    assert!(
        message.ends_with(&format!(
            "is writing the activity store at {} (process {})",
            store.path().display(),
            std::process::id()
        )),
        "{message}"
    );
    drop(first);
    assert!(store.try_writer().is_ok());
}

#[test]
fn reading_a_store_never_written_says_how_to_fill_it() {
    let scratch = Scratch::new("empty");
    let err = Store::at(scratch.join("nothing")).sessions().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "there is no activity store at {}: run `runlift import PATH` first",
            scratch.join("nothing").display()
        )
    );
}

#[test]
fn store_export_csv_follows_the_reports_rule_for_cells_from_the_data() {
    let scratch = Scratch::new("export-injection");
    let exports = scratch.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let gpx = gpx_run("2026-01-06T07:00:00Z", 1800, 10, 52.5)
        .replace("<name>Generated run</name>", "<name>=cmd|' /c calc'!A1</name>");
    std::fs::write(exports.join("run.gpx"), gpx).unwrap();
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&exports));
    let csv_dir = scratch.join("csv");
    store.export(ExportFormat::Csv, &csv_dir).unwrap();
    let activities = std::fs::read_to_string(csv_dir.join("activities.csv")).unwrap();
    // The same cell as the report's CSV writes: shown as text, never run.
    let safe = runlift_model::spreadsheet_text("=cmd|' /c calc'!A1");
    assert_eq!(safe, "'=cmd|' /c calc'!A1");
    let row = activities.lines().nth(1).unwrap();
    assert!(row.contains(&format!(",{safe},")), "{row}");
    assert!(!row.contains(",=cmd"), "{row}");
    // JSON keeps the name as it was.
    let json_dir = scratch.join("json");
    store.export(ExportFormat::Json, &json_dir).unwrap();
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_dir.join("activities.json")).unwrap()).unwrap();
    assert_eq!(rows[0]["name"], "=cmd|' /c calc'!A1");
}

#[test]
fn exports_hold_every_row_in_each_format() {
    let athlete = fixtures().join("athlete");
    let scratch = Scratch::new("export");
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&athlete));
    let sessions = store.sessions().unwrap();
    let sets: usize = sessions.iter().map(|s| s.sets.len()).sum();

    let csv_dir = scratch.join("csv");
    let written = store.export(ExportFormat::Csv, &csv_dir).unwrap();
    assert_eq!(written.len(), 5);
    let activities_csv = std::fs::read_to_string(csv_dir.join("activities.csv")).unwrap();
    let mut lines = activities_csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,sport,sport_detail,name,start,utc_offset_s,elapsed_s,")
    );
    let first = lines.next().unwrap();
    assert!(
        first.starts_with(&format!("{},running,", sessions[0].id)),
        "{first}"
    );
    assert!(first.contains(&sessions[0].start.to_string()), "{first}");
    assert_eq!(activities_csv.lines().count(), 1 + sessions.len());
    let sets_csv = std::fs::read_to_string(csv_dir.join("sets.csv")).unwrap();
    assert_eq!(sets_csv.lines().count(), 1 + sets);

    let json_dir = scratch.join("json");
    store.export(ExportFormat::Json, &json_dir).unwrap();
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_dir.join("activities.json")).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), sessions.len());
    assert_eq!(rows[0]["id"], sessions[0].id.to_string());
    assert_eq!(rows[0]["elapsed_s"], sessions[0].elapsed.as_secs_f64());
    assert_eq!(rows[0]["start"], sessions[0].start.to_string());
    let json_sets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_dir.join("sets.json")).unwrap()).unwrap();
    assert_eq!(json_sets.as_array().unwrap().len(), sets);

    let parquet_dir = scratch.join("parquet");
    store.export(ExportFormat::Parquet, &parquet_dir).unwrap();
    let copied = ParquetReader::new(File::open(parquet_dir.join("sets.parquet")).unwrap())
        .finish()
        .unwrap();
    assert_eq!(copied.height(), sets);
}

#[test]
fn old_generations_are_removed_but_the_previous_one_is_kept_for_readers() {
    let scratch = Scratch::new("generations");
    let exports = scratch.join("exports");
    let files = write_daily_runs(&exports, 2, 60);
    let store = Store::at(scratch.join("store"));
    for minutes in [10, 20, 30] {
        std::fs::write(&files[0], gpx_run("2016-01-01T06:00:00Z", minutes * 60, 60, 52.0)).unwrap();
        import(&store, std::slice::from_ref(&exports));
    }
    let mut generations: Vec<String> = std::fs::read_dir(store.path().join("athlete=default/generations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    generations.sort();
    assert_eq!(generations, ["g000002", "g000003"]);
    assert_eq!(store.meta().unwrap().generation, 3);
}

/// What the store keeps of an activity: instants and durations to the millisecond.
fn to_the_millisecond(mut activity: Activity) -> Activity {
    let ms = |d: Duration| Duration::from_millis(d.as_millis() as u64);
    activity.start = runlift_model::Timestamp::from_millisecond(activity.start.as_millisecond()).unwrap();
    activity.elapsed = ms(activity.elapsed);
    activity.moving = activity.moving.map(ms);
    for set in &mut activity.sets {
        set.duration = set.duration.map(ms);
    }
    activity
}

#[test]
fn every_corpus_file_runlift_reads_comes_back_from_the_store_exactly() {
    let Some(corpus) = corpus() else { return };
    let folders: Vec<PathBuf> = ["csv", "fit", "gpx", "tcx"]
        .iter()
        .map(|f| std::fs::canonicalize(corpus.join(f)).unwrap())
        .collect();
    let scratch = Scratch::new("corpus");
    let store = Store::at(scratch.join("store"));
    let outcome = import(&store, &folders);

    let parsed = pipeline::read_files(&folders, &ImportOptions::default(), &Silent);
    let activities: Vec<Activity> = parsed.activities().cloned().collect();
    assert!(activities.len() > 100, "{} activities", activities.len());
    assert_eq!(outcome.read.activities().count(), activities.len());
    let expected = by_start(
        dedupe(activities, &DedupeSettings::default())
            .activities
            .into_iter()
            .map(to_the_millisecond)
            .collect(),
    );
    let mut stored = store.sessions().unwrap();
    assert_eq!(stored.len(), expected.len());

    // Two sessions of one file could share an id (the same sport starting in the same second);
    // the store would give the second its own id. Since ids hash the sport's detail too, the
    // SDK's chained sample (a paddle and a swim starting in the same second) no longer does.
    let mut stored_ids: Vec<_> = stored.iter().map(|s| s.id).collect();
    stored_ids.sort();
    stored_ids.dedup();
    assert_eq!(stored_ids.len(), stored.len(), "ids in the store are unique");
    let order = |a: &Activity| (a.start, a.source.to_string(), a.sport.to_string(), a.elapsed);
    let mut expected = expected;
    expected.sort_by_key(order);
    let expected_ids: Vec<_> = expected.iter().map(|e| e.id).collect();
    let shared = |id| expected_ids.iter().filter(|&&e| e == id).count() > 1;
    stored.sort_by_key(order);
    let mut renamed = 0;
    for (stored, expected) in stored.iter_mut().zip(&expected) {
        if stored.id != expected.id && shared(expected.id) {
            renamed += 1;
            stored.id = expected.id;
        }
        assert_eq!(stored, expected);
    }
    assert_eq!(renamed, 0);
    let sets: usize = expected.iter().map(|a| a.sets.len()).sum();
    assert_eq!(store.meta().unwrap().rows.sets, sets as u64);
    assert!(sets > 1000, "{sets} sets");
}

/// Strava's `activities.csv` with one row: the long run of fixtures/athlete as Strava lists it
/// (started 10 s later on the phone, 5390 s, no file of its own in this export).
const STRAVA_CSV: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Moving Time,Distance,Average Heart Rate,Filename\n\
9001,\"Feb 14, 2026, 9:30:10 PM\",Saturday Night Run,Run,5390,5330,14.98,138,\n";

#[test]
fn the_watchs_fit_stravas_gpx_and_a_strava_csv_row_of_one_run_are_one_session_with_the_fit_figures() {
    let scratch = Scratch::new("three-sources");
    let strava = scratch.join("strava");
    std::fs::create_dir_all(&strava).unwrap();
    std::fs::write(strava.join("activities.csv"), STRAVA_CSV).unwrap();
    std::fs::write(
        strava.join("long-run.gpx"),
        gpx_run("2026-02-14T21:30:05Z", 5395, 5, 52.5),
    )
    .unwrap();
    let fit = fixtures().join("athlete/2026-02-14-long-run.fit");
    let store = Store::at(scratch.join("store"));
    let outcome = import(&store, &[fit.clone(), strava.clone()]);
    let formats: Vec<(Option<SourceFormat>, FileStatus, usize)> = outcome
        .read
        .files
        .iter()
        .map(|f| (f.format, f.status, f.activities.len()))
        .collect();
    assert_eq!(
        formats,
        [
            (Some(SourceFormat::Fit), FileStatus::Ok, 1),
            (Some(SourceFormat::StravaCsv), FileStatus::Ok, 1),
            (Some(SourceFormat::Gpx), FileStatus::Ok, 1),
        ]
    );

    let sessions = store.sessions().unwrap();
    assert_eq!(sessions.len(), 1, "{sessions:#?}");
    let run = &sessions[0];
    // The FIT file's truth (fixtures/fit/README.md).
    assert_eq!(run.source.format, SourceFormat::Fit);
    assert_eq!(run.source.path, std::fs::canonicalize(&fit).unwrap());
    assert_eq!(run.start, "2026-02-14T21:30:00Z".parse().unwrap());
    assert_eq!(run.elapsed, Duration::from_secs(5400));
    assert_eq!(run.distance_m, Some(15000.0));
    assert_eq!(run.avg_heart_rate, Some(139.0));
    assert_eq!(run.perceived_effort, Some(6.0));
    let merged: Vec<SourceFormat> = run.merged_from.iter().map(|s| s.format).collect();
    assert_eq!(merged, [SourceFormat::Gpx, SourceFormat::StravaCsv]);
    assert_eq!(store.source_activities().unwrap().len(), 3);

    let info = store.info().unwrap();
    assert_eq!(info.merged_sessions, 1);
    assert_eq!(
        (
            info.meta.generation,
            info.meta.rows.activities,
            info.meta.rows.import_log
        ),
        (1, 1, 3)
    );
    assert_eq!(info.sessions_by_sport, [("running/road".to_owned(), 1)]);
    assert_eq!(
        info.activities_by_format,
        [
            ("fit".to_owned(), 1),
            ("gpx".to_owned(), 1),
            ("strava_csv".to_owned(), 1)
        ]
    );
    assert_eq!(info.files_by_result, [("ok".to_owned(), 3)]);
    assert_eq!(info.date_range, Some((run.start, run.start)));
    assert!(info.size_bytes > 0);
}

#[test]
fn reread_all_reads_every_file_again_and_changes_nothing_that_did_not_change() {
    let scratch = Scratch::new("reread");
    let exports = scratch.join("exports");
    write_daily_runs(&exports, 4, 30);
    let store = Store::at(scratch.join("store"));
    import(&store, std::slice::from_ref(&exports));
    let before = store.sessions().unwrap();

    let outcome = try_import(&store, std::slice::from_ref(&exports), true).unwrap();
    assert_eq!((outcome.read.files.len(), outcome.unchanged), (4, 0));
    assert_eq!((outcome.sessions_before, outcome.sessions_after), (4, 4));
    assert_eq!(outcome.generation, Some(2));
    assert_eq!(store.sessions().unwrap(), before);
    assert_eq!(store.source_activities().unwrap().len(), 4);
}
