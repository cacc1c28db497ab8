use std::convert::Infallible;
use std::path::{Path, PathBuf};

use runlift_model::{ImportLog, Imported, LoggedFile, SourceActivity, SourceFormat};

use super::*;
use crate::Silent;

fn gpx_run(start: &str, minutes: u32) -> String {
    let start: jiff::Timestamp = start.parse().unwrap();
    let end = start + jiff::SignedDuration::from_secs(i64::from(minutes) * 60);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><type>running</type><trkseg>
    <trkpt lat="51.000" lon="0"><time>{start}</time></trkpt>
    <trkpt lat="51.009" lon="0"><time>{end}</time></trkpt>
  </trkseg></trk>
</gpx>
"#
    )
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("runlift-pipeline-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An import log held in memory: what a store would keep, without one.
#[derive(Default)]
struct MemoryLog(Imported);

impl ImportLog for MemoryLog {
    type Error = Infallible;

    fn logged_files(&self) -> Result<Vec<LoggedFile>, Infallible> {
        Ok(self.0.log.clone())
    }

    fn source_activities(&self) -> Result<Vec<SourceActivity>, Infallible> {
        Ok(self.0.source_activities.clone())
    }

    fn session_count(&self) -> Result<usize, Infallible> {
        Ok(self.0.sessions.len())
    }
}

impl MemoryLog {
    /// Runs an import and keeps what it made, as a store would.
    fn import(&mut self, paths: &[PathBuf]) -> Update {
        let update = update(
            paths,
            self,
            &ImportOptions::default(),
            &DedupeSettings::default(),
            false,
            &Silent,
        )
        .unwrap();
        match &update.change {
            Change::Nothing => {}
            Change::Log(log) => self.0.log.clone_from(log),
            Change::Everything(imported) => self.0 = imported.clone(),
        }
        update
    }
}

fn relative(files: &[Candidate], root: &Path) -> Vec<PathBuf> {
    files
        .iter()
        .map(|c| c.path.strip_prefix(root).unwrap().to_path_buf())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_link_to_a_parent_folder_is_not_walked_into_again() {
    let dir = TempDir::new("loop");
    dir.write("a.gpx", &gpx_run("2026-01-05T06:30:00Z", 30));
    dir.write("runs/b.gpx", &gpx_run("2026-01-06T06:30:00Z", 30));
    std::os::unix::fs::symlink(&dir.0, dir.0.join("runs/up")).unwrap();
    std::os::unix::fs::symlink("..", dir.0.join("runs/parent")).unwrap();

    let (files, failures) = discover(std::slice::from_ref(&dir.0));
    assert_eq!(
        relative(&files, &dir.0),
        [PathBuf::from("a.gpx"), PathBuf::from("runs/b.gpx")]
    );
    assert!(failures.is_empty(), "{failures:?}");
}

#[cfg(unix)]
#[test]
fn linked_files_and_folders_that_are_no_loop_are_followed() {
    let dir = TempDir::new("links");
    let elsewhere = TempDir::new("links-target");
    elsewhere.write("watch/c.gpx", &gpx_run("2026-01-07T06:30:00Z", 30));
    let single = elsewhere.write("d.gpx", &gpx_run("2026-01-08T06:30:00Z", 30));
    dir.write("a.gpx", &gpx_run("2026-01-05T06:30:00Z", 30));
    std::os::unix::fs::symlink(elsewhere.0.join("watch"), dir.0.join("watch")).unwrap();
    std::os::unix::fs::symlink(&single, dir.0.join("d.gpx")).unwrap();
    std::os::unix::fs::symlink(dir.0.join("gone.gpx"), dir.0.join("broken.gpx")).unwrap();

    let (files, failures) = discover(std::slice::from_ref(&dir.0));
    assert_eq!(
        relative(&files, &dir.0),
        [
            PathBuf::from("a.gpx"),
            PathBuf::from("d.gpx"),
            PathBuf::from("watch/c.gpx")
        ]
    );
    // A link to nothing is said, not passed over.
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].path, dir.0.join("broken.gpx"));
    let message = failures[0].problems[0].to_string();
    assert!(message.contains("cannot follow the symbolic link"), "{message}");
}

#[test]
fn read_sessions_merges_one_run_recorded_twice_and_read_files_keeps_both() {
    let dir = TempDir::new("sessions");
    dir.write("watch/run.gpx", &gpx_run("2026-01-05T06:30:00Z", 60));
    dir.write("strava/run.gpx", &gpx_run("2026-01-05T06:30:30Z", 59));
    dir.write("other/run.gpx", &gpx_run("2026-01-06T06:30:00Z", 40));
    let paths = [dir.0.clone()];

    let files = read_files(&paths, &ImportOptions::default(), &Silent);
    assert_eq!(files.activities().count(), 3);
    let sessions = read_sessions(
        &paths,
        &ImportOptions::default(),
        &DedupeSettings::default(),
        &Silent,
    );
    assert_eq!(sessions.files.len(), 3, "every file is still reported on");
    assert_eq!(sessions.activities().count(), 2);
    let merged: Vec<_> = sessions
        .activities()
        .filter(|a| !a.merged_from.is_empty())
        .collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].merged_from[0].format, SourceFormat::Gpx);
}

#[test]
fn an_update_reads_new_and_changed_files_only_and_dedupes_across_imports() {
    let dir = TempDir::new("update");
    let watch = dir.write("watch/run.gpx", &gpx_run("2026-01-05T06:30:00Z", 60));
    dir.write("other/run.gpx", &gpx_run("2026-01-06T06:30:00Z", 40));
    let mut log = MemoryLog::default();

    let first = log.import(std::slice::from_ref(&dir.0));
    assert_eq!((first.read.files.len(), first.unchanged), (2, 0));
    assert_eq!((first.sessions_before, first.sessions_after()), (0, 2));
    assert_eq!(log.0.log.len(), 2);

    let again = log.import(std::slice::from_ref(&dir.0));
    assert_eq!((again.read.files.len(), again.unchanged), (0, 2));
    assert_eq!(again.change, Change::Nothing);

    // The same run, exported by Strava later: read alone, merged with the watch's.
    dir.write("strava/run.gpx", &gpx_run("2026-01-05T06:30:30Z", 59));
    let third = log.import(std::slice::from_ref(&dir.0));
    assert_eq!((third.read.files.len(), third.unchanged), (1, 2));
    assert_eq!((third.sessions_before, third.sessions_after()), (2, 2));
    assert_eq!(log.0.source_activities.len(), 3);
    let merged = log.0.sessions.iter().find(|s| !s.merged_from.is_empty()).unwrap();
    // Two GPX files of equal richness: the first by path gives the figures.
    assert!(merged.source.path.ends_with("strava/run.gpx"), "{merged:?}");
    assert!(
        merged.merged_from[0].path.ends_with("watch/run.gpx"),
        "{merged:?}"
    );

    // The watch's file changes: it replaces what it gave.
    std::fs::write(&watch, gpx_run("2026-01-05T07:30:00Z", 45)).unwrap();
    let fourth = log.import(std::slice::from_ref(&dir.0));
    assert_eq!(fourth.read.files.len(), 1);
    assert_eq!(fourth.sessions_after(), 3);
    assert_eq!(log.0.source_activities.len(), 3);
}

#[test]
fn forgetting_a_folder_takes_out_its_files_and_what_they_gave() {
    let dir = TempDir::new("forget");
    dir.write("watch/run.gpx", &gpx_run("2026-01-05T06:30:00Z", 60));
    dir.write("strava/run.gpx", &gpx_run("2026-01-05T06:30:30Z", 59));
    let mut log = MemoryLog::default();
    log.import(std::slice::from_ref(&dir.0));
    assert_eq!(log.0.sessions.len(), 1);

    let gone = forget(&dir.0.join("watch"), &log, &DedupeSettings::default()).unwrap();
    assert_eq!((gone.files, gone.source_activities), (1, 1));
    let left = gone.change.unwrap();
    assert_eq!(left.sessions.len(), 1);
    assert!(left.sessions[0].merged_from.is_empty());
    assert!(left.sessions[0].source.path.ends_with("strava/run.gpx"));

    let nothing = forget(&dir.0.join("elsewhere"), &log, &DedupeSettings::default()).unwrap();
    assert_eq!((nothing.files, nothing.change), (0, None));
}
