//! runlift's activity store: everything ever imported, kept in Parquet files that runlift reads
//! back in milliseconds and DuckDB, polars or Spark read directly (docs/store.md).
//!
//! The store is the sink at the end of the import, and knows only the model: files are found,
//! read and de-duplicated by `runlift-import`'s pipeline, and the [`Imported`] values it makes
//! are written here.
//!
//! - A store holds one or more athletes, each in a partition folder `athlete=NAME/` with
//!   generations of its own ([`AthleteName`] checks and escapes the name; the `parts` module
//!   finds an athlete's folder in either layout and migrates a version-1 store).
//!   [`Store::for_athlete`] chooses one; without it, a store's only athlete is used, and
//!   [`Store::athletes`] lists them all.
//! - [`Store`] is a store folder. It reads the current state of one athlete: [`Store::sessions`] (one
//!   activity per training session, for reports), [`Store::source_activities`] (every
//!   activity as each file gave it), [`Store::import_log`], [`Store::info`], and
//!   [`Store::export`]s it as Parquet, CSV or JSON.
//! - [`StoreWriter`] is the one process allowed to change the store, holding its lock file
//!   ([`Store::writer`] waits for it, [`Store::try_writer`] does not). It is the
//!   [`ImportLog`] an incremental import plans against, and writes what the import made:
//!   [`StoreWriter::write`] everything, [`StoreWriter::write_log`] the import log alone.
//!
//! Every change writes a new generation of files next to the old one and switches to it with
//! one atomic rename, so a crash or `kill -9` at any moment leaves the previous state
//! readable and complete (see the `layout` module); a write that fails removes what it had
//! written and leaves the previous generation current.
//!
//! ```
//! use std::time::Duration;
//! use runlift_model::{Activity, ImportLog, Imported, RunKind, SourceActivity, SourceFormat, SourceRef, Sport};
//! use runlift_store::Store;
//!
//! let dir = std::env::temp_dir().join(format!("runlift-store-doc-{}", std::process::id()));
//! let store = Store::at(&dir);
//! let mut run = Activity::new(
//!     Sport::Running(RunKind::Road),
//!     "2026-01-06T06:30:00Z".parse()?,
//!     Duration::from_secs(300),
//!     SourceRef::file("/exports/run.gpx", SourceFormat::Gpx),
//! );
//! run.distance_m = Some(1001.0);
//! let row = SourceActivity { activity: run.clone(), entry: 0, session: run.id };
//! let imported = Imported { sessions: vec![run], source_activities: vec![row], log: Vec::new() };
//!
//! let mut writer = store.writer()?;
//! assert_eq!(writer.write(&imported)?, 1);
//! assert_eq!(writer.session_count()?, 1);
//! drop(writer);
//!
//! let sessions = store.sessions()?;
//! assert_eq!(sessions.len(), 1);
//! assert_eq!(sessions[0].elapsed.as_secs(), 300);
//! assert_eq!(sessions[0].distance_m, Some(1001.0));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod athlete;
mod error;
mod export;
mod info;
mod layout;
mod parts;
mod tables;

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use runlift_model::{
    Activity, ActivityId, ImportLog, Imported, LoggedFile, SourceActivity, SourceRef, sort_sources,
};

pub use athlete::{AthleteName, DEFAULT_ATHLETE, InvalidAthleteName, MAX_NAME_CHARS};
pub use error::{StoreError, WriteError};
pub use export::ExportFormat;
pub use info::StoreInfo;
pub use layout::{Meta, Rows, SCHEMA_VERSION};
pub use tables::source_format;

use layout::Staged;
use tables::TableReader;

/// The version of runlift that writes, recorded in the import log and in `meta.json`.
pub const RUNLIFT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Stops the process on the spot when `RUNLIFT_STORE_FAILPOINT` names `point`: lets the tests
/// crash a writer at the worst moments (`after-tables`, `before-switch`, `after-switch`)
/// exactly, besides killing it at random ones. Like `kill -9`, nothing is cleaned up.
///
/// Only with the `fail-points` feature, which only the tests turn on (the root package's
/// dev-dependency on this crate): a binary built for people has no hook an environment
/// variable can trip.
#[cfg(feature = "fail-points")]
pub(crate) fn failpoint(point: &str) {
    if std::env::var_os("RUNLIFT_STORE_FAILPOINT").is_some_and(|p| p == point) {
        eprintln!("runlift: failpoint {point}: aborting");
        std::process::abort();
    }
}

/// Without the `fail-points` feature there are no fail points: this does nothing.
#[cfg(not(feature = "fail-points"))]
#[inline(always)]
pub(crate) fn failpoint(_point: &str) {}

/// A store folder (which need not exist yet), and the athlete in it to read or write: the one
/// chosen with [`Store::for_athlete`], else the store's only athlete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
    athlete: Option<AthleteName>,
}

/// Who is writing a store, as its lock file says.
fn lock_holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut text);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}

impl Store {
    /// The store in folder `root`.
    pub fn at(root: impl Into<PathBuf>) -> Store {
        Store {
            root: root.into(),
            athlete: None,
        }
    }

    /// The same store, reading and writing `athlete`'s part of it.
    pub fn for_athlete(&self, athlete: AthleteName) -> Store {
        Store {
            root: self.root.clone(),
            athlete: Some(athlete),
        }
    }

    /// The store's folder.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// The athlete chosen with [`Store::for_athlete`], if any.
    pub fn chosen_athlete(&self) -> Option<&AthleteName> {
        self.athlete.as_ref()
    }

    /// The athlete this handle reads: the chosen one, else the store's only one. Fails when
    /// the store has no such athlete, or several and none was chosen.
    pub fn athlete(&self) -> Result<AthleteName, StoreError> {
        parts::for_reading(&self.root, self.athlete.as_ref()).map(|(athlete, _)| athlete)
    }

    /// Every athlete in the store, by name.
    pub fn athletes(&self) -> Result<Vec<AthleteName>, StoreError> {
        parts::athletes(&self.root)
    }

    /// Whether anything was ever written for the athlete (or to a store of one athlete).
    pub fn exists(&self) -> bool {
        parts::for_reading(&self.root, self.athlete.as_ref())
            .is_ok_and(|(_, part)| matches!(layout::current_generation(&part), Ok(Some(_))))
    }

    fn open_lock(&self) -> Result<File, StoreError> {
        fs::create_dir_all(&self.root).map_err(StoreError::io("create", &self.root))?;
        let path = self.root.join(layout::LOCK);
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(StoreError::io("open", &path))
    }

    /// Becomes the store's one writer, or fails at once with [`StoreError::Busy`] when another
    /// process is writing it.
    pub fn try_writer(&self) -> Result<StoreWriter, StoreError> {
        let mut lock = self.open_lock()?;
        match lock.try_lock() {
            Ok(()) => StoreWriter::new(self.clone(), lock),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Busy {
                path: self.root.clone(),
                holder: lock_holder(&mut lock),
            }),
            Err(fs::TryLockError::Error(err)) => {
                Err(StoreError::io("lock", &self.root.join(layout::LOCK))(err))
            }
        }
    }

    /// Becomes the store's one writer, waiting as long as another process is writing it.
    pub fn writer(&self) -> Result<StoreWriter, StoreError> {
        let lock = self.open_lock()?;
        lock.lock()
            .map_err(StoreError::io("lock", &self.root.join(layout::LOCK)))?;
        StoreWriter::new(self.clone(), lock)
    }

    /// Runs `read` on the current generation's folder. A writer removes a generation only
    /// after two newer ones exist, so a reader overtaken that far (or one that finds a folder
    /// gone) reads the pointer again.
    fn read_current<T>(&self, read: impl Fn(&Path, &Meta) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut attempts = 0;
        loop {
            // Resolved on every attempt: a store migrated meanwhile has moved its files.
            let (_, part) = parts::for_reading(&self.root, self.athlete.as_ref())?;
            let Some((_, dir)) = layout::current_generation(&part)? else {
                return Err(StoreError::NotFound {
                    path: self.root.clone(),
                });
            };
            let result = layout::read_meta(&part, &dir).and_then(|meta| read(&dir, &meta));
            match result {
                Err(StoreError::Io { ref source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound && attempts < 5 =>
                {
                    attempts += 1;
                }
                other => return other,
            }
        }
    }

    /// The current generation's `meta.json`.
    pub fn meta(&self) -> Result<Meta, StoreError> {
        self.read_current(|_, meta| Ok(meta.clone()))
    }

    fn table<'a>(
        &'a self,
        dir: &Path,
        name: &str,
        columns: Option<&[&str]>,
    ) -> Result<TableReader<'a>, StoreError> {
        TableReader::open(&self.root, dir.join(name), columns)
    }

    /// One activity per training session, with its sets and the other sources merged into
    /// it: what reports count.
    pub fn sessions(&self) -> Result<Vec<Activity>, StoreError> {
        self.read_current(|dir, _| {
            let activities = self.table(dir, tables::ACTIVITIES, None)?;
            let sets = self.table(dir, tables::SETS, None)?;
            let mut sessions = tables::read_sessions(&activities, &sets)?;
            let sources = self.table(
                dir,
                tables::SOURCE_ACTIVITIES,
                Some(&["session_id", "source_path", "source_inner_path", "source_format"]),
            )?;
            attach_merged_sources(&mut sessions, &sources)?;
            Ok(sessions)
        })
    }

    /// The sessions with their sets, without `merged_from`: what a report counts, read without
    /// the table of sources, which only `inspect` and the import need.
    pub fn sessions_to_count(&self) -> Result<Vec<Activity>, StoreError> {
        self.read_current(|dir, _| {
            let activities = self.table(dir, tables::ACTIVITIES, None)?;
            let sets = self.table(dir, tables::SETS, None)?;
            tables::read_sessions(&activities, &sets)
        })
    }

    /// Every activity as its file gave it, with the session it counts towards.
    pub fn source_activities(&self) -> Result<Vec<SourceActivity>, StoreError> {
        self.read_current(|dir, _| {
            let activities = self.table(dir, tables::SOURCE_ACTIVITIES, None)?;
            let sets = self.table(dir, tables::SOURCE_SETS, None)?;
            tables::read_source_activities(&activities, &sets)
        })
    }

    /// The import log: every file read, what it was like then and what came of it.
    pub fn import_log(&self) -> Result<Vec<LoggedFile>, StoreError> {
        self.read_current(|dir, _| tables::read_import_log(&self.table(dir, tables::IMPORT_LOG, None)?))
    }
}

/// Fills each session's `merged_from` from the source table's session ids.
fn attach_merged_sources(sessions: &mut [Activity], sources: &TableReader<'_>) -> Result<(), StoreError> {
    let index: HashMap<ActivityId, usize> = sessions.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let ids = sources.strings("session_id")?;
    let paths = sources.strings("source_path")?;
    let inner_paths = sources.inner_paths("source_inner_path")?;
    let formats = sources.strings("source_format")?;
    for row in 0..sources.height() {
        let (Some(id), Some(path), Some(format)) = (ids[row], paths[row], formats[row]) else {
            return Err(sources.damaged(format!(
                "row {row}: session_id, source_path or source_format is empty"
            )));
        };
        let id = u64::from_str_radix(id, 16)
            .map(ActivityId)
            .map_err(|_| sources.damaged(format!("row {row}: {id:?} is not an activity id")))?;
        let Some(&session) = index.get(&id) else {
            return Err(sources.damaged(format!(
                "row {row}: session {id} is not in {}",
                tables::ACTIVITIES
            )));
        };
        let session = &mut sessions[session];
        let inner = &inner_paths[row];
        if session.source.path == Path::new(path) && session.source.inner_path == *inner {
            continue;
        }
        let format = source_format(format)
            .ok_or_else(|| sources.damaged(format!("row {row}: unknown source format {format:?}")))?;
        session.merged_from.push(SourceRef {
            path: PathBuf::from(path),
            inner_path: inner.clone(),
            format,
        });
    }
    for session in sessions {
        sort_sources(&mut session.merged_from);
    }
    Ok(())
}

/// The one process changing a store, for as long as it lives: it holds the store's lock file,
/// which the operating system releases however the process ends.
#[derive(Debug)]
pub struct StoreWriter {
    /// The store, with the athlete being written chosen.
    store: Store,
    /// The folder of that athlete's generations.
    part: PathBuf,
    // Held for its lock; closing it (on drop, or the process dying) releases the lock.
    _lock: File,
}

impl StoreWriter {
    fn new(store: Store, mut lock: File) -> Result<StoreWriter, StoreError> {
        let path = store.root.join(layout::LOCK);
        // Who holds the lock, for the message of a second import; not needed for locking.
        let holder = format!("process {}", std::process::id());
        lock.set_len(0)
            .and_then(|()| lock.rewind())
            .and_then(|()| lock.write_all(holder.as_bytes()))
            .map_err(StoreError::io("write", &path))?;
        let (athlete, part) = parts::for_writing(&store.root, store.athlete.as_ref())?;
        Ok(StoreWriter {
            store: store.for_athlete(athlete),
            part,
            _lock: lock,
        })
    }

    /// The store being written, with the athlete being written chosen.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The athlete being written.
    pub fn athlete(&self) -> &AthleteName {
        self.store
            .athlete
            .as_ref()
            .expect("a writer always has its athlete")
    }

    /// The current generation's number and folder, `None` before the first write.
    fn current(&self) -> Result<Option<(u64, PathBuf)>, StoreError> {
        layout::current_generation(&self.part)
    }

    /// Writes a new generation holding `imported` and makes it the current one. Returns the
    /// generation's number.
    pub fn write(&mut self, imported: &Imported) -> Result<u64, StoreError> {
        let Imported {
            sessions,
            source_activities: rows,
            log,
        } = imported;
        let generation = self.current()?.map_or(1, |(g, _)| g + 1);
        let staged = Staged::begin(&self.part, generation)?;
        let frames = [
            (tables::ACTIVITIES, tables::sessions_frame(sessions)),
            (tables::SETS, tables::sets_frame(sessions)),
            (tables::SOURCE_ACTIVITIES, tables::source_activities_frame(rows)),
            (tables::SOURCE_SETS, tables::source_sets_frame(rows)),
            (tables::IMPORT_LOG, tables::import_log_frame(log)),
        ];
        let mut counts = Vec::new();
        for (i, (name, frame)) in frames.into_iter().enumerate() {
            let path = staged.dir.join(name);
            let mut frame = frame.map_err(|e| StoreError::Write {
                path: path.clone(),
                source: e.into(),
            })?;
            counts.push(frame.height() as u64);
            tables::write_parquet(&path, &mut frame)?;
            if i == 1 {
                failpoint("after-tables");
            }
        }
        let rows = Rows {
            activities: counts[0],
            sets: counts[1],
            source_activities: counts[2],
            source_sets: counts[3],
            import_log: counts[4],
        };
        self.finish(staged, rows)?;
        Ok(generation)
    }

    /// Writes a new generation in which only the import log changed, linking the other tables
    /// to the current generation's files instead of writing them again. Returns the
    /// generation's number.
    pub fn write_log(&mut self, log: &[LoggedFile]) -> Result<u64, StoreError> {
        let Some((current, current_dir)) = self.current()? else {
            return Err(StoreError::NotFound {
                path: self.store.root.clone(),
            });
        };
        let meta = layout::read_meta(&self.part, &current_dir)?;
        let generation = current + 1;
        let staged = Staged::begin(&self.part, generation)?;
        for name in [
            tables::ACTIVITIES,
            tables::SETS,
            tables::SOURCE_ACTIVITIES,
            tables::SOURCE_SETS,
        ] {
            layout::link_or_copy(&current_dir.join(name), &staged.dir.join(name))?;
        }
        let path = staged.dir.join(tables::IMPORT_LOG);
        let mut frame = tables::import_log_frame(log).map_err(|e| StoreError::Write {
            path: path.clone(),
            source: e.into(),
        })?;
        tables::write_parquet(&path, &mut frame)?;
        let rows = Rows {
            import_log: log.len() as u64,
            ..meta.rows
        };
        self.finish(staged, rows)?;
        Ok(generation)
    }

    fn finish(&mut self, staged: Staged, rows: Rows) -> Result<(), StoreError> {
        layout::write_meta(&staged.dir, staged.number, rows)?;
        let number = staged.number;
        staged.commit()?;
        layout::remove_old_generations(&self.part, number)
    }
}

/// The writer answers an incremental import's questions about what was imported before: it
/// holds the lock, so nothing changes between the import's planning and its write.
impl ImportLog for StoreWriter {
    type Error = StoreError;

    fn logged_files(&self) -> Result<Vec<LoggedFile>, StoreError> {
        match self.current()? {
            None => Ok(Vec::new()),
            Some((_, dir)) => {
                // A layout this runlift does not know is refused before its log is trusted.
                layout::read_meta(&self.part, &dir)?;
                tables::read_import_log(&self.store.table(&dir, tables::IMPORT_LOG, None)?)
            }
        }
    }

    fn source_activities(&self) -> Result<Vec<SourceActivity>, StoreError> {
        if !self.store.exists() {
            return Ok(Vec::new());
        }
        self.store.source_activities()
    }

    fn session_count(&self) -> Result<usize, StoreError> {
        match self.current()? {
            None => Ok(0),
            Some((_, dir)) => {
                let meta = layout::read_meta(&self.part, &dir)?;
                Ok(usize::try_from(meta.rows.activities).unwrap_or(usize::MAX))
            }
        }
    }
}
