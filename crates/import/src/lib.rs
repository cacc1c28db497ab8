//! Finds fitness files, opens archives in place, recognises each file's format by content, and
//! parses everything in parallel.
//!
//! This is the step between the files a user points at and the shared model: it knows about
//! paths, folders, `.gz` streams and `.zip` archives, and leaves every format's details to its
//! format crate (`runlift-fit`, `runlift-xml`, `runlift-csv`, `runlift-json`).
//!
//! - [`pipeline`] owns the whole way from paths to activities, and every command goes through
//!   it: discovery (folders walked in a stable, sorted order, symbolic-link loops detected),
//!   planning against an import log for incremental imports, reading every file with rayon
//!   (and every entry of an archive, also in parallel), the Strava join and de-duplication.
//!   It returns an [`ImportReport`]: one [`FileReport`] per file or archive entry, with its
//!   [`FileStatus`], its activities and its problems. A file that fails never stops the
//!   others; archives are bounded by [`Limits`] against zip bombs.
//! - [`read_file`] is the per-file step alone (one file, or the entries of one archive).
//! - [`parse_bytes`] does the same for bytes already in memory.
//! - Every activity any format yields passes [`sanity`] before anything else sees it: a
//!   value that cannot be true (NaN, a 300 km/h run, a heart rate of 900) is left out with a
//!   warning, and an activity dated before 1990 or from 2100 on is left out whole.
//! - After reading, the summaries of an export are joined with its activity files (one
//!   activity each: figures from the file, name from the summary): a Strava bulk export's
//!   `activities.csv` and Runkeeper's `cardioActivities.csv` with the files their rows name,
//!   a Garmin Connect account export's `summarizedActivities.json` with the FIT files of the
//!   same export by their start.
//! - [`dedupe`] merges the same session recorded by several sources (the watch's FIT, Strava's
//!   GPX, a gym app's log) into one; the pipeline calls it for the one-shot report and for
//!   the store alike.
//!
//! Formats are recognised from the first bytes (FIT header, XML root element, JSON keys, CSV header),
//! never from the file name; the extension only decides how loudly an unrecognised file is
//! reported.
//!
//! ```
//! use runlift_import::{parse_bytes, FileStatus, ImportOptions, Origin};
//! use std::path::Path;
//!
//! let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
//!            2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n\
//!            2026-01-05 18:00:00,Legs,45m,Squat (Barbell),2,80,5,0,0,\n";
//! let report = parse_bytes(csv.as_bytes(), Path::new("log.csv"), Origin::Named, &ImportOptions::default());
//! assert_eq!(report.status, FileStatus::Ok);
//! assert_eq!(report.activities.len(), 1);
//! assert_eq!(report.activities[0].sets.len(), 2);
//! ```
#![deny(missing_docs)]

mod container;
pub mod dedupe;
mod detection;
mod formats;
mod garmin_account;
pub mod pipeline;
pub mod sanity;
mod strava;

use std::path::Path;

pub use container::Limits;
pub use runlift_csv::{CsvOptions, WeightUnit};
// The results of reading are model values, so that the store and the renderers need not
// depend on this crate; they are re-exported here because they are what it returns.
pub use runlift_model::{FileReport, FileStatus, ImportReport};

/// How files are read: options passed on to the format crates, and the bounds on archives.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Options for gym-app CSV files: weight unit and the time zone of their local times (also
    /// the time zone of a Polar session that gives no UTC offset).
    pub csv: CsvOptions,
    /// Bounds on archive entries and sizes.
    pub limits: Limits,
    /// The sport given to sessions whose file names none and whose sport the format crate
    /// could not infer (`Sport::Other("unspecified")`), marked
    /// [`SportInference::Setting`](runlift_model::SportInference::Setting); `None` leaves
    /// them unspecified.
    pub unknown_sport: Option<runlift_model::Sport>,
}

/// How a file came to be read, which decides how an unrecognised file is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user named the file: whatever it holds, runlift must read it or say why not.
    Named,
    /// The file was found in a folder or an archive: unrelated files (photos, notes) are
    /// skipped, but a file whose extension promises fitness data must hold it.
    Found,
}

/// Told how an import advances, for a progress bar; every method has a silent default.
pub trait Progress: Sync {
    /// The files to read have been found: how many, and their total size on disk.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One more file (of `bytes` on disk) has been read.
    fn file_done(&self, _bytes: u64) {}
}

/// No progress reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Reads and parses one file (or, for an archive, its entries).
pub fn read_file(path: &Path, origin: Origin, options: &ImportOptions) -> Vec<FileReport> {
    container::read_path(path, origin, options)
}

/// Detects the format of `bytes`, the whole content of the file at `path`, and parses them.
/// Archives are not opened here; use [`read_file`] for those.
pub fn parse_bytes(bytes: &[u8], path: &Path, origin: Origin, options: &ImportOptions) -> FileReport {
    let location = container::Location {
        path,
        inner: None,
        origin,
        depth: 0,
        size_hint: None,
        budget: None,
    };
    formats::parse_bytes(bytes, formats::detect(bytes), &location, options)
}

#[cfg(test)]
mod tests;
