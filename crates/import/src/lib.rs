//! Finds fitness files, opens archives in place, recognises each file's format by content, and
//! parses everything in parallel.
//!
//! This is the step between the files a user points at and the shared model: it knows about
//! paths, folders, `.gz` streams and `.zip` archives, and leaves every format's details to its
//! format crate (`runlift-fit`, `runlift-xml`, `runlift-csv`).
//!
//! - [`discover`] turns the paths given on the command line into the files to read, walking
//!   folders in a stable (sorted) order.
//! - [`import_paths`] reads every file with rayon (and every entry of an archive, also in
//!   parallel) and returns an [`ImportReport`]: one [`FileReport`] per file or archive entry,
//!   with its [`FileStatus`], its activities and its problems. A file that fails never stops
//!   the others; archives are bounded by [`Limits`] against zip bombs.
//! - [`parse_bytes`] does the same for bytes already in memory.
//! - Every activity any format yields passes [`sanity`] before anything else sees it: a
//!   value that cannot be true (NaN, a 300 km/h run, a heart rate of 900) is left out with a
//!   warning, and an activity dated before 1990 or from 2100 on is left out whole.
//! - After reading, a Strava bulk export's `activities.csv` is joined with the activity files
//!   it names (one activity each: figures from the file, name from the CSV).
//! - [`dedupe`] merges the same session recorded by several sources (the watch's FIT, Strava's
//!   GPX, a gym app's log) into one; the one-shot report and the store both call it.
//!
//! Formats are recognised from the first bytes (FIT header, XML root element, CSV header),
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
mod formats;
pub mod sanity;
mod strava;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use runlift_model::{Activity, InnerPath, ParseError, ParseErrorKind, SourceFormat};

pub use container::Limits;
pub use runlift_csv::{CsvOptions, WeightUnit};

/// How files are read: options passed on to the format crates, and the bounds on archives.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Options for gym-app CSV files: weight unit and the time zone of their local times.
    pub csv: CsvOptions,
    /// Bounds on archive entries and sizes.
    pub limits: Limits,
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

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// Read completely.
    Ok,
    /// Read, but parts of it were left out; its problems say which.
    Partial,
    /// Nothing could be read from it; its problems say why.
    Error,
    /// Not fitness data, or fitness data without an activity (a route, waypoints): passed over.
    Skipped,
}

impl FileStatus {
    /// The stable name of the status: `ok`, `partial`, `error`, `skipped`.
    pub fn name(self) -> &'static str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Partial => "partial",
            FileStatus::Error => "error",
            FileStatus::Skipped => "skipped",
        }
    }
}

/// The outcome of reading one file, or one entry of an archive.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file on disk.
    pub path: PathBuf,
    /// The entry inside the archive, for archive entries, with the entries of the archives
    /// around it.
    pub inner_path: Option<InnerPath>,
    /// The format it was recognised as, if any.
    pub format: Option<SourceFormat>,
    /// What became of it.
    pub status: FileStatus,
    /// The activities read from it.
    pub activities: Vec<Activity>,
    /// Errors and warnings about it, each naming the file and, where known, the place in it.
    pub problems: Vec<ParseError>,
    /// Why it was skipped, for [`FileStatus::Skipped`].
    pub skip_reason: Option<String>,
    /// How the file was read, where worth knowing (not problems).
    pub notes: Vec<String>,
}

impl FileReport {
    /// The file as a person would name it: `path`, or `path!entry` inside an archive.
    pub fn display_name(&self) -> String {
        match &self.inner_path {
            Some(inner) => format!("{}!{inner}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// Everything read from the paths given.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// One report per file or archive entry, in the order they were found.
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// All activities from all files, in file order.
    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.files.iter().flat_map(|f| f.activities.iter())
    }

    /// How many files ended with `status`.
    pub fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }

    /// How many files were read as each format, in a stable order.
    pub fn count_by_format(&self) -> Vec<(SourceFormat, usize)> {
        let mut counts: Vec<(SourceFormat, usize)> = Vec::new();
        for format in self.files.iter().filter_map(|f| f.format) {
            match counts.iter_mut().find(|(f, _)| *f == format) {
                Some((_, n)) => *n += 1,
                None => counts.push((format, 1)),
            }
        }
        counts.sort_by_key(|(f, _)| f.name());
        counts
    }

    /// Whether any file failed or was only partly read: the run as a whole was partial.
    pub fn has_failures(&self) -> bool {
        self.files
            .iter()
            .any(|f| matches!(f.status, FileStatus::Error | FileStatus::Partial))
    }
}

/// A file to read and how it came to be on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Named by the user, or found in a folder.
    pub origin: Origin,
    /// Its size in bytes, for progress reporting (0 when unknown).
    pub size: u64,
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

/// Expands files and folders into the files to read.
///
/// Folders are walked recursively in sorted order so that output is the same on every run;
/// hidden entries (names starting with `.`) are passed over. A path that does not exist or
/// cannot be listed is returned as an error report for that path, and the rest go on.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut failures),
            Ok(meta) => files.push(Candidate {
                path: path.clone(),
                origin: Origin::Named,
                size: meta.len(),
            }),
            Err(err) => failures.push(path_error(path, ParseErrorKind::io(None, err))),
        }
    }
    (files, failures)
}

fn walk(dir: &Path, files: &mut Vec<Candidate>, failures: &mut Vec<FileReport>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            failures.push(path_error(
                dir,
                ParseErrorKind::io(Some("cannot list the folder"), err),
            ));
            return;
        }
    };
    let mut children: Vec<(PathBuf, Option<std::fs::Metadata>)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                // Follows symbolic links, so a linked export folder is read like any other.
                let meta = std::fs::metadata(&path).ok();
                children.push((path, meta));
            }
            Err(err) => {
                let kind = ParseErrorKind::io(Some("cannot list the folder"), err);
                failures.push(path_error(dir, kind));
            }
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, meta) in children {
        match meta {
            Some(meta) if meta.is_dir() => walk(&path, files, failures),
            meta => files.push(Candidate {
                path,
                origin: Origin::Found,
                size: meta.map_or(0, |m| m.len()),
            }),
        }
    }
}

/// Reads every file and folder in `paths`, in parallel, and reports on each file.
pub fn import_paths(paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    import_paths_with_progress(paths, options, &Silent)
}

/// [`import_paths`], telling `progress` how it advances.
pub fn import_paths_with_progress(
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn Progress,
) -> ImportReport {
    let (candidates, failures) = discover(paths);
    let mut report = import_candidates(&candidates, options, progress);
    report.files.extend(failures);
    report
}

/// Reads the given files (from [`discover`], perhaps filtered, for example to leave out files
/// already imported), in parallel, telling `progress` how it advances.
pub fn import_candidates(
    candidates: &[Candidate],
    options: &ImportOptions,
    progress: &dyn Progress,
) -> ImportReport {
    progress.start(candidates.len(), candidates.iter().map(|c| c.size).sum());
    // Memory stays bounded by the files in flight: rayon reads as many at once as it has
    // threads, and each file's bytes are dropped once parsed.
    let per_file: Vec<Vec<FileReport>> = candidates
        .par_iter()
        .map(|candidate| {
            let reports = container::read_path(&candidate.path, candidate.origin, options);
            progress.file_done(candidate.size);
            reports
        })
        .collect();
    let mut files: Vec<FileReport> = per_file.into_iter().flatten().collect();
    strava::join(&mut files);
    ImportReport { files }
}

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

fn path_error(path: &Path, kind: ParseErrorKind) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        inner_path: None,
        format: None,
        status: FileStatus::Error,
        activities: Vec::new(),
        problems: vec![ParseError::for_path(path, None, kind)],
        skip_reason: None,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
