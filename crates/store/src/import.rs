//! Incremental import: which files need reading, reading them, and folding them into the store.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use runlift_import::dedupe::DedupeSettings;
use runlift_import::{Candidate, FileReport, FileStatus, ImportOptions, ImportReport, Progress};

use crate::tables::{LoggedFile, SourceActivity};
use crate::{StoreError, StoreWriter};

/// How `runlift import` reads files and folds them into the store.
#[derive(Debug, Clone, Default)]
pub struct ImportSettings {
    /// How files are read (CSV weight unit and time zone, archive limits).
    pub reading: ImportOptions,
    /// When activities from different sources are one session.
    pub dedupe: DedupeSettings,
    /// Read every file again, even those unchanged since they were imported (after changing
    /// `reading`, for example, or to pick up a better reader in a new runlift).
    pub reread_all: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
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
    /// Sessions in the store before and after the import.
    pub sessions_before: usize,
    /// Sessions in the store after the import.
    pub sessions_after: usize,
    /// The generation written, or `None` when nothing changed and nothing was written.
    pub generation: Option<u64>,
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

pub(crate) fn modified_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The BLAKE3 hash of a file's content, read in blocks.
pub(crate) fn content_hash(path: &Path) -> std::io::Result<String> {
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
        let retry = logged.result != "ok" && logged.runlift_version != crate::RUNLIFT_VERSION;
        if logged.size == size && !retry {
            if logged.modified_ns == modified_ns {
                return Plan::Unchanged;
            }
            // Same size, new time (a copy, a sync tool, `touch`): the content decides.
            match content_hash(&candidate.path) {
                Ok(hash) if hash == logged.content_hash => return Plan::Touch { modified_ns },
                Ok(hash) => {
                    return Plan::Read {
                        size,
                        modified_ns,
                        hash,
                    };
                }
                Err(_) => return Plan::ReadFailing,
            }
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
        runlift_version: crate::RUNLIFT_VERSION.to_owned(),
    }
}

/// A path as the store records it: absolute, with symbolic links resolved where it exists, so
/// that `~/Exports` and `./Exports` are the same files to the import log.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

impl StoreWriter {
    /// Reads the new and changed files among `paths` (files and folders) into the store.
    ///
    /// Files whose size and modification time match the import log are passed over without
    /// being opened; when only the time changed, their content hash decides. The activities of
    /// a changed file replace those it gave before. Files that are gone from disk keep what
    /// they gave (the store is the history; [`StoreWriter::forget`] removes it). Nothing is
    /// written when nothing changed.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        settings: &ImportSettings,
        progress: &dyn Progress,
    ) -> Result<ImportOutcome, StoreError> {
        let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
        let (candidates, failures) = runlift_import::discover(&paths);
        let state = self.state()?;
        let logged: HashMap<&Path, &LoggedFile> = state.log.iter().map(|f| (f.path.as_path(), f)).collect();
        let plans: Vec<Plan> = candidates
            .par_iter()
            .map(|c| plan(c, logged.get(c.path.as_path()).copied(), settings.reread_all))
            .collect();

        let mut outcome = ImportOutcome {
            sessions_before: state.sessions,
            ..ImportOutcome::default()
        };
        for (candidate, plan) in candidates.iter().zip(&plans) {
            let logged = logged.get(candidate.path.as_path()).copied();
            let had_problems = logged.filter(|f| f.result == "error" || f.result == "partial");
            if let (Plan::Unchanged | Plan::Touch { .. }, Some(file)) = (plan, had_problems) {
                let message = file.message.clone().unwrap_or_else(|| file.result.clone());
                outcome
                    .unchanged_with_problems
                    .push((candidate.path.clone(), message));
            }
        }
        drop(logged);
        let mut to_read = Vec::new();
        let mut read_plans = HashMap::new();
        let mut touched = HashMap::new();
        for (candidate, plan) in candidates.into_iter().zip(plans) {
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

        let mut report = runlift_import::import_candidates(&to_read, &settings.reading, progress);
        let mut reports_by_path: HashMap<&Path, Vec<&FileReport>> = HashMap::new();
        for file in &report.files {
            reports_by_path.entry(file.path.as_path()).or_default().push(file);
        }

        // Files that could not even be hashed are neither logged nor allowed to replace what
        // they gave before: they are reported and tried again next time.
        let replaced: HashSet<&Path> = read_plans.keys().map(PathBuf::as_path).collect();
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

        let changed = !replaced.is_empty();
        if !changed && touched.is_empty() {
            report.files.extend(failures);
            outcome.read = report;
            outcome.sessions_after = outcome.sessions_before;
            return Ok(outcome);
        }

        let mut log: Vec<LoggedFile> = state
            .log
            .iter()
            .filter(|f| !replaced.contains(f.path.as_path()))
            .cloned()
            .collect();
        for file in &mut log {
            if let Some(&modified_ns) = touched.get(&file.path) {
                file.modified_ns = modified_ns;
            }
        }
        log.extend(new_log);
        log.sort_by(|a, b| a.path.cmp(&b.path));

        let generation = if changed {
            let mut rows: Vec<SourceActivity> = self
                .source_activities()?
                .into_iter()
                .filter(|r| !replaced.contains(r.activity.source.path.as_path()))
                .collect();
            rows.extend(new_rows);
            let (written, sessions) = self.write(rows, log, &settings.dedupe)?;
            outcome.sessions_after = sessions;
            written
        } else {
            outcome.sessions_after = outcome.sessions_before;
            self.write_log_only(log)?
        };
        outcome.generation = Some(generation);
        report.files.extend(failures);
        outcome.read = report;
        Ok(outcome)
    }
}
