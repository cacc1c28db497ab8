//! What an import makes of files: per-file results, the import log, and the activities a store
//! keeps. These are model values so that every layer above the import (the store, the
//! renderers) can speak of them without depending on the import itself.

use std::path::PathBuf;

use crate::{Activity, ActivityId, InnerPath, ParseError, SourceFormat, SourceRef};

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

    /// Sessions read back from a store as the input of a report: one entry per source file
    /// whose figures a session kept, in order of first appearance, so that the report's input
    /// counts stay meaningful.
    pub fn from_sessions(sessions: Vec<Activity>) -> ImportReport {
        let mut files: Vec<FileReport> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for session in sessions {
            let key = (session.source.path.clone(), session.source.inner_path.clone());
            let position = *index.entry(key).or_insert_with(|| {
                files.push(FileReport {
                    path: session.source.path.clone(),
                    inner_path: session.source.inner_path.clone(),
                    format: Some(session.source.format),
                    status: FileStatus::Ok,
                    activities: Vec::new(),
                    problems: Vec::new(),
                    skip_reason: None,
                    notes: Vec::new(),
                });
                files.len() - 1
            });
            files[position].activities.push(session);
        }
        ImportReport { files }
    }
}

/// One file in the import log: what it was like when it was last read, and what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedFile {
    /// The file, as an absolute path.
    pub path: PathBuf,
    /// Its size in bytes when read.
    pub size: u64,
    /// Its modification time when read, in nanoseconds since 1970 (UTC).
    pub modified_ns: i64,
    /// The BLAKE3 hash of its content, in hex.
    pub content_hash: String,
    /// `ok`, `partial`, `error` or `skipped` (for an archive: the worst of its entries).
    pub result: String,
    /// The formats it was read as (`gpx`, or `gpx,strong_csv` for an archive holding both).
    pub formats: String,
    /// How many activities were read from it.
    pub activities: u32,
    /// The first problem, or why it was skipped; `None` when it was read completely.
    pub message: Option<String>,
    /// When it was read, in milliseconds since 1970 (UTC).
    pub imported_at_ms: i64,
    /// The runlift version that read it.
    pub runlift_version: String,
}

/// An activity as read from one source file, with its place among that file's activities.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceActivity {
    /// The activity exactly as its source gave it (no figures merged in).
    pub activity: Activity,
    /// Its position among the activities of its file (or archive entry), from 0.
    pub entry: u32,
    /// The id of the session it counts towards after de-duplication.
    pub session: ActivityId,
}

/// Everything imported so far, as the import made it and a store keeps it: the sessions
/// (de-duplicated), the activities as each source gave them, and the import log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// One activity per training session, sorted by start, each with a distinct id.
    pub sessions: Vec<Activity>,
    /// Every activity of every source, sorted by source and entry, each naming its session.
    pub source_activities: Vec<SourceActivity>,
    /// Every file read, sorted by path.
    pub log: Vec<LoggedFile>,
}

/// What was imported before, as an incremental import plans against it. The store implements
/// it; the import reads it, so neither depends on the other.
pub trait ImportLog {
    /// Why the log could not be read.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Every file read before, sorted by path (empty for a store never written).
    fn logged_files(&self) -> Result<Vec<LoggedFile>, Self::Error>;

    /// Every activity those files gave, as each gave it, with the session it counts towards.
    /// Asked for only when something changed, so an import of unchanged files reads the log
    /// alone.
    fn source_activities(&self) -> Result<Vec<SourceActivity>, Self::Error>;

    /// How many sessions the log's files make now.
    fn session_count(&self) -> Result<usize, Self::Error>;
}

/// How trustworthy a format's figures are, higher being richer: a device's own recording
/// (FIT) over Garmin's XML (TCX, which keeps laps and calories) over GPX (track points only)
/// over Apple Health's summary records over CSV summaries and gym logs.
pub fn source_rank(format: SourceFormat) -> u8 {
    match format {
        SourceFormat::Fit => 5,
        SourceFormat::Tcx => 4,
        SourceFormat::Gpx => 3,
        SourceFormat::AppleHealth => 2,
        SourceFormat::StravaCsv
        | SourceFormat::GarminCsv
        | SourceFormat::RunliftCsv
        | SourceFormat::StrongCsv
        | SourceFormat::HevyCsv
        | SourceFormat::FitNotesCsv
        | SourceFormat::JefitCsv
        | SourceFormat::FitbodCsv
        | SourceFormat::RunkeeperCsv
        | SourceFormat::ZeppCsv
        | SourceFormat::GarminAccountJson
        | SourceFormat::PolarFlowJson => 1,
    }
}

/// Puts merged sources in their canonical order: richest format first, then by path, so that
/// a session reads the same however its sources arrived (and when read back from a store).
pub fn sort_sources(sources: &mut [SourceRef]) {
    sources.sort_by(|a, b| {
        source_rank(b.format)
            .cmp(&source_rank(a.format))
            .then_with(|| a.format.name().cmp(b.format.name()))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.inner_path.cmp(&b.inner_path))
    });
}
