//! The one way from paths to activities: every command that reads files goes through here.
//!
//! ```text
//! paths ─▶ discover ─▶ [plan against the import log] ─▶ read (rayon) ─▶ sanity ─▶ Strava join ─▶ de-duplicate
//! ```
//!
//! - [`read_files`]: what each file gives, file by file, with no de-duplication: what
//!   `runlift inspect` shows.
//! - [`read_sessions`]: [`read_files`], then the sessions several files recorded merged into
//!   one: what `runlift report PATH` counts.
//! - [`update`]: an incremental import against an [`ImportLog`] (the store's): only new and
//!   changed files are read, and everything imported so far is de-duplicated anew into the
//!   [`Imported`] values a store writes. [`forget`] takes a source out again.
//!
//! Discovery walks folders with `walkdir`, in sorted order, following symbolic links but never
//! into a folder it is already inside (a link to a parent is a loop, not more files).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use runlift_model::{
    Activity, ActivityId, FileReport, FileStatus, ImportLog, ImportReport, Imported, LoggedFile, ParseError,
    ParseErrorKind, SourceActivity,
};

use crate::dedupe::{DedupeSettings, dedupe};
use crate::{ImportOptions, Origin, Progress};

/// The runlift version that reads, recorded in the import log: a file that failed with one
/// version is tried again by the next.
pub const RUNLIFT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A file to read and how it came to be on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The file.
    pub(crate) path: PathBuf,
    /// Named by the user, or found in a folder.
    pub(crate) origin: Origin,
    /// Its size in bytes, for progress reporting (0 when unknown).
    pub(crate) size: u64,
}

/// Expands files and folders into the files to read.
///
/// Folders are walked recursively in sorted order so that output is the same on every run;
/// hidden entries (names starting with `.`) are passed over. Symbolic links are followed, so a
/// linked export folder is read like any other, except a link to a folder the walk is already
/// inside, which would only lead round in a circle. A path that does not exist or cannot be
/// listed is returned as an error report for that path, and the rest go on.
pub(crate) fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<FileReport>) {
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
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                let size = entry.metadata().map_or(0, |m| m.len());
                files.push(Candidate {
                    path: entry.into_path(),
                    origin: Origin::Found,
                    size,
                });
            }
            // A link back to a folder above it: everything in there is read once already, on
            // the way down the real folders.
            Err(err) if err.loop_ancestor().is_some() => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let through_link = err.depth() > 0 && path_is_link(&path);
                let message = err.to_string();
                // The system's error is kept as the problem's source, not only its words.
                let kind = match err.into_io_error() {
                    Some(io) if through_link => {
                        ParseErrorKind::io(Some("cannot follow the symbolic link"), io)
                    }
                    Some(io) => ParseErrorKind::io(Some("cannot list the folder"), io),
                    None => ParseErrorKind::unreadable(message),
                };
                failures.push(path_error(&path, kind));
            }
        }
    }
}

fn path_is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
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

/// Reads the given files in parallel (archives entry by entry), checks every activity, and
/// joins the summaries of an export (Strava's and Runkeeper's CSV, Garmin's summarized
/// activities) with its files.
fn read_candidates(
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
            let reports = crate::container::read_path(&candidate.path, candidate.origin, options);
            progress.file_done(candidate.size);
            reports
        })
        .collect();
    let mut files: Vec<FileReport> = per_file.into_iter().flatten().collect();
    crate::strava::join(&mut files);
    crate::garmin_account::join(&mut files);
    ImportReport { files }
}

/// Reads every file and folder in `paths` and reports on each file as it is: its activities
/// are the ones it gave, not yet de-duplicated against the other files (what `runlift
/// inspect` shows). Paths that cannot be found or listed come last, as errors.
pub fn read_files(paths: &[PathBuf], options: &ImportOptions, progress: &dyn Progress) -> ImportReport {
    let (candidates, failures) = discover(paths);
    let mut report = read_candidates(&candidates, options, progress);
    report.files.extend(failures);
    report
}

/// [`read_files`], then the sessions that several files recorded merged into one (what a
/// one-shot `runlift report PATH` counts): each session stays with the file whose figures it
/// kept, and the files it was merged from no longer hold it.
pub fn read_sessions(
    paths: &[PathBuf],
    options: &ImportOptions,
    settings: &DedupeSettings,
    progress: &dyn Progress,
) -> ImportReport {
    let mut report = read_files(paths, options, progress);
    merge_duplicates(&mut report, settings);
    report
}

fn merge_duplicates(imported: &mut ImportReport, settings: &DedupeSettings) {
    let mut owners = Vec::new();
    let mut activities = Vec::new();
    for (file, report) in imported.files.iter_mut().enumerate() {
        for activity in report.activities.drain(..) {
            owners.push(file);
            activities.push(activity);
        }
    }
    let deduped = dedupe(activities, settings);
    // A session goes back to the file of the activity whose figures it kept: the member whose
    // source is the session's source.
    let mut home = vec![None; deduped.activities.len()];
    for (member, &session) in deduped.session_of.iter().enumerate() {
        let file = &imported.files[owners[member]];
        let source = &deduped.activities[session].source;
        if home[session].is_none() && file.path == source.path && file.inner_path == source.inner_path {
            home[session] = Some(owners[member]);
        }
    }
    for (session, activity) in deduped.activities.into_iter().enumerate() {
        let file = home[session].unwrap_or(0);
        imported.files[file].activities.push(activity);
    }
}

/// What an incremental import ([`update`]) found and made.
#[derive(Debug, Clone)]
pub struct Update {
    /// The files read this time (new or changed), with their activities and problems, and
    /// the paths that could not be found or listed.
    pub read: ImportReport,
    /// Files passed over because they are unchanged since they were imported.
    pub unchanged: usize,
    /// Of those, the ones whose modification time had changed but whose content had not
    /// (told by their hash).
    pub unchanged_by_hash: usize,
    /// The unchanged files that failed or were read only in part when they were imported,
    /// with what went wrong then: not read again, but worth telling about every time.
    pub unchanged_with_problems: Vec<(PathBuf, String)>,
    /// Sessions in the log's store before the import.
    pub sessions_before: usize,
    /// What is to be written.
    pub change: Change,
}

impl Update {
    /// Sessions after the import, once [`Update::change`] is written.
    pub fn sessions_after(&self) -> usize {
        match &self.change {
            Change::Everything(imported) => imported.sessions.len(),
            Change::Nothing | Change::Log(_) => self.sessions_before,
        }
    }
}

/// What an import changed, for the store to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Nothing: every file was unchanged, and nothing is to be written.
    Nothing,
    /// Only the import log: files with a new modification time but the same content.
    Log(Vec<LoggedFile>),
    /// Files were read (or removed): everything imported, de-duplicated anew.
    Everything(Imported),
}

/// What to do with one file found.
enum Plan {
    /// Unchanged since it was imported: not even opened.
    Unchanged,
    /// Same content under a new modification time: only the log is updated.
    Touch { modified_ns: i64 },
    /// New or changed: to be read, with what the log will record of it.
    Read {
        size: u64,
        modified_ns: i64,
        hash: String,
    },
    /// It could not be looked at now; reading it will report why.
    ReadFailing,
}

fn modified_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The BLAKE3 hash of a file's content, read in blocks.
fn content_hash(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().to_hex().to_string())
}

fn plan(candidate: &Candidate, logged: Option<&LoggedFile>, reread_all: bool) -> Plan {
    let Ok(meta) = std::fs::metadata(&candidate.path) else {
        return Plan::ReadFailing;
    };
    let size = meta.len();
    let modified_ns = modified_ns(&meta);
    if let Some(logged) = logged.filter(|_| !reread_all) {
        // A file that failed or was read only in part gets another chance with a newer
        // runlift, whose readers may know it now.
        let retry = logged.result != "ok" && logged.runlift_version != RUNLIFT_VERSION;
        if logged.size == size && !retry {
            if logged.modified_ns == modified_ns {
                return Plan::Unchanged;
            }
            // Same size, new time (a copy, a sync tool, `touch`): the content decides.
            return match content_hash(&candidate.path) {
                Ok(hash) if hash == logged.content_hash => Plan::Touch { modified_ns },
                Ok(hash) => Plan::Read {
                    size,
                    modified_ns,
                    hash,
                },
                Err(_) => Plan::ReadFailing,
            };
        }
    }
    match content_hash(&candidate.path) {
        Ok(hash) => Plan::Read {
            size,
            modified_ns,
            hash,
        },
        Err(_) => Plan::ReadFailing,
    }
}

/// The import log's summary of the reports of one file (several for an archive).
fn log_entry(path: &Path, reports: &[&FileReport], size: u64, modified_ns: i64, hash: String) -> LoggedFile {
    let activities: usize = reports.iter().map(|r| r.activities.len()).sum();
    let has = |status: FileStatus| reports.iter().any(|r| r.status == status);
    let result = if has(FileStatus::Error) || has(FileStatus::Partial) {
        if activities > 0 || has(FileStatus::Partial) {
            "partial"
        } else {
            "error"
        }
    } else if has(FileStatus::Ok) {
        "ok"
    } else {
        "skipped"
    };
    let mut formats: Vec<&str> = reports
        .iter()
        .filter_map(|r| r.format)
        .map(|f| f.name())
        .collect();
    formats.sort_unstable();
    formats.dedup();
    let message = reports
        .iter()
        .find_map(|r| r.problems.first().map(|p| p.to_string()))
        .or_else(|| reports.iter().find_map(|r| r.skip_reason.clone()));
    LoggedFile {
        path: path.to_path_buf(),
        size,
        modified_ns,
        content_hash: hash,
        result: result.to_owned(),
        formats: formats.join(","),
        activities: u32::try_from(activities).unwrap_or(u32::MAX),
        message,
        imported_at_ms: jiff::Timestamp::now().as_millisecond(),
        runlift_version: RUNLIFT_VERSION.to_owned(),
    }
}

/// A path as the import log records it: absolute, with symbolic links resolved where it
/// exists, so that `~/Exports` and `./Exports` are the same files to the log.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Reads the new and changed files among `paths` (files and folders) against what `log` says
/// was imported before, and makes everything imported so far anew.
///
/// Files whose size and modification time match the log are passed over without being
/// opened; when only the time changed, their content hash decides. The activities of a
/// changed file replace those it gave before. Files that are gone from disk keep what they
/// gave (the store is the history; [`forget`] removes it). `reread_all` reads every file
/// again. The result says what to write: nothing, the log alone, or everything.
pub fn update<L: ImportLog + ?Sized>(
    paths: &[PathBuf],
    log: &L,
    options: &ImportOptions,
    settings: &DedupeSettings,
    reread_all: bool,
    progress: &dyn Progress,
) -> Result<Update, L::Error> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
    let (candidates, failures) = discover(&paths);
    let previous_log = log.logged_files()?;
    let mut outcome = Update {
        read: ImportReport::default(),
        unchanged: 0,
        unchanged_by_hash: 0,
        unchanged_with_problems: Vec::new(),
        sessions_before: log.session_count()?,
        change: Change::Nothing,
    };
    let logged: HashMap<&Path, &LoggedFile> = previous_log.iter().map(|f| (f.path.as_path(), f)).collect();
    let plans: Vec<Plan> = candidates
        .par_iter()
        .map(|c| plan(c, logged.get(c.path.as_path()).copied(), reread_all))
        .collect();

    let mut to_read = Vec::new();
    let mut read_plans = HashMap::new();
    let mut touched = HashMap::new();
    for (candidate, plan) in candidates.into_iter().zip(plans) {
        let had_problems = logged
            .get(candidate.path.as_path())
            .filter(|f| f.result == "error" || f.result == "partial");
        if let (Plan::Unchanged | Plan::Touch { .. }, Some(file)) = (&plan, had_problems) {
            let message = file.message.clone().unwrap_or_else(|| file.result.clone());
            outcome
                .unchanged_with_problems
                .push((candidate.path.clone(), message));
        }
        match plan {
            Plan::Unchanged => outcome.unchanged += 1,
            Plan::Touch { modified_ns } => {
                outcome.unchanged += 1;
                outcome.unchanged_by_hash += 1;
                touched.insert(candidate.path, modified_ns);
            }
            Plan::Read {
                size,
                modified_ns,
                hash,
            } => {
                read_plans.insert(candidate.path.clone(), (size, modified_ns, hash));
                to_read.push(candidate);
            }
            Plan::ReadFailing => to_read.push(candidate),
        }
    }
    drop(logged);

    let mut report = read_candidates(&to_read, options, progress);
    let mut reports_by_path: HashMap<&Path, Vec<&FileReport>> = HashMap::new();
    for file in &report.files {
        reports_by_path.entry(file.path.as_path()).or_default().push(file);
    }
    // Files that could not even be hashed are neither logged nor allowed to replace what
    // they gave before: they are reported and tried again next time.
    let mut new_rows = Vec::new();
    let mut new_log = Vec::new();
    for candidate in &to_read {
        let Some((size, modified_ns, hash)) = read_plans.get(&candidate.path) else {
            continue;
        };
        let reports = reports_by_path
            .remove(candidate.path.as_path())
            .unwrap_or_default();
        new_log.push(log_entry(
            &candidate.path,
            &reports,
            *size,
            *modified_ns,
            hash.clone(),
        ));
        for file in reports {
            for (activity, entry) in file.activities.iter().zip(0u32..) {
                new_rows.push(SourceActivity {
                    activity: activity.clone(),
                    entry,
                    session: activity.id,
                });
            }
        }
    }
    drop(reports_by_path);
    report.files.extend(failures);
    outcome.read = report;

    let replaced: HashSet<&Path> = read_plans.keys().map(PathBuf::as_path).collect();
    if replaced.is_empty() && touched.is_empty() {
        return Ok(outcome);
    }
    let mut next_log: Vec<LoggedFile> = previous_log
        .iter()
        .filter(|f| !replaced.contains(f.path.as_path()))
        .cloned()
        .collect();
    for file in &mut next_log {
        if let Some(&modified_ns) = touched.get(&file.path) {
            file.modified_ns = modified_ns;
        }
    }
    next_log.extend(new_log);
    next_log.sort_by(|a, b| a.path.cmp(&b.path));

    outcome.change = if replaced.is_empty() {
        Change::Log(next_log)
    } else {
        let mut rows: Vec<SourceActivity> = log
            .source_activities()?
            .into_iter()
            .filter(|r| !replaced.contains(r.activity.source.path.as_path()))
            .collect();
        rows.extend(new_rows);
        Change::Everything(make_sessions(rows, next_log, settings))
    };
    Ok(outcome)
}

/// What [`forget`] takes out.
#[derive(Debug, Clone)]
pub struct Forgotten {
    /// Files removed from the import log.
    pub files: usize,
    /// Activities those files had given.
    pub source_activities: usize,
    /// Sessions before.
    pub sessions_before: usize,
    /// Everything imported without them, or `None` when nothing came from the path.
    pub change: Option<Imported>,
}

impl Forgotten {
    /// Sessions after (sessions another source also recorded stay, with that source's figures).
    pub fn sessions_after(&self) -> usize {
        self.change
            .as_ref()
            .map_or(self.sessions_before, |imported| imported.sessions.len())
    }
}

/// Takes out everything that came from `path` (a file, or every file under a folder): its
/// activities, and its lines in the import log. Sessions that other sources recorded too
/// stay, with the figures of the richest source left. The file itself is not touched; a later
/// import of a folder holding it reads it again.
pub fn forget<L: ImportLog + ?Sized>(
    path: &Path,
    log: &L,
    settings: &DedupeSettings,
) -> Result<Forgotten, L::Error> {
    let target = absolute(path);
    // Component-wise: `runs` does not cover `runs-2025`.
    let under = |p: &Path| p.starts_with(&target) || p.starts_with(path);
    let (forgotten, kept_log): (Vec<LoggedFile>, Vec<LoggedFile>) =
        log.logged_files()?.into_iter().partition(|f| under(&f.path));
    let (gone, rows): (Vec<SourceActivity>, Vec<SourceActivity>) = log
        .source_activities()?
        .into_iter()
        .partition(|r| under(&r.activity.source.path));
    let change = (!forgotten.is_empty() || !gone.is_empty()).then(|| make_sessions(rows, kept_log, settings));
    Ok(Forgotten {
        files: forgotten.len(),
        source_activities: gone.len(),
        sessions_before: log.session_count()?,
        change,
    })
}

/// De-duplicates every source's activities into sessions, in a stable order.
fn make_sessions(mut rows: Vec<SourceActivity>, log: Vec<LoggedFile>, settings: &DedupeSettings) -> Imported {
    rows.sort_by(|a, b| {
        let (a_source, b_source) = (&a.activity.source, &b.activity.source);
        a_source
            .path
            .cmp(&b_source.path)
            .then_with(|| a_source.inner_path.cmp(&b_source.inner_path))
            .then(a.entry.cmp(&b.entry))
    });
    let deduped = dedupe(rows.iter().map(|r| r.activity.clone()).collect(), settings);
    let mut sessions = deduped.activities;
    make_ids_unique(&mut sessions);
    for (row, &session) in rows.iter_mut().zip(&deduped.session_of) {
        row.session = sessions[session].id;
    }
    sessions.sort_by_key(|s| (s.start, s.id));
    Imported {
        sessions,
        source_activities: rows,
        log,
    }
}

/// Gives every session a distinct id. Two sessions share one only when the same format
/// recorded two sessions of a sport starting in the same second that are not one session
/// (a file and a cut-off copy of it); the later one in store order gets an id mixed with its
/// source path, which stays the same on every write.
fn make_ids_unique(sessions: &mut [Activity]) {
    let mut seen = HashSet::with_capacity(sessions.len());
    for session in sessions.iter_mut() {
        while !seen.insert(session.id) {
            let mut hash = session.id.0 ^ 0x9e37_79b9_7f4a_7c15;
            for b in session.source.to_string().bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
            session.id = ActivityId(hash);
        }
    }
}

#[cfg(test)]
mod tests;
