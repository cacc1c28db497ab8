use std::path::{Path, PathBuf};

/// What went wrong with the store. Every message names the store or the file concerned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A file or folder of the store (or an export) could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done: `read`, `write`, `create`, ...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// There is no store at the location yet.
    #[error("there is no activity store at {}: run `runlift import PATH` first", path.display())]
    NotFound {
        /// The store's folder.
        path: PathBuf,
    },
    /// A file of the store does not hold what the store wrote there.
    #[error("the activity store at {} is damaged: {}: {reason}", store.display(), file.display())]
    Damaged {
        /// The store's folder.
        store: PathBuf,
        /// The file that is wrong.
        file: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The store was written by a newer runlift, whose layout this one does not know.
    #[error(
        "the activity store at {} was written by a newer runlift (store schema version {found}; this runlift reads versions up to {supported}); upgrade runlift to use it",
        path.display()
    )]
    TooNew {
        /// The store's folder.
        path: PathBuf,
        /// The schema version the store has.
        found: u32,
        /// The newest schema version this runlift reads.
        supported: u32,
    },
    /// The store has no athlete of the name asked for.
    #[error("the activity store at {} has no athlete {athlete:?}{}", path.display(), known_athletes(known))]
    UnknownAthlete {
        /// The store's folder.
        path: PathBuf,
        /// The name asked for.
        athlete: String,
        /// The athletes it has.
        known: Vec<String>,
    },
    /// The store holds several athletes and none was chosen.
    #[error("the activity store at {} holds {} athletes ({}): choose one with --athlete NAME", path.display(), athletes.len(), athletes.join(", "))]
    WhichAthlete {
        /// The store's folder.
        path: PathBuf,
        /// The athletes it has.
        athletes: Vec<String>,
    },
    /// A new athlete's name differs from an existing one's only in case: on macOS and Windows
    /// both would share one folder.
    #[error("the activity store at {} has athlete {existing:?} already; {new:?} differs only in case, and on macOS and Windows both would share one folder", path.display())]
    AthleteClash {
        /// The store's folder.
        path: PathBuf,
        /// The athlete there.
        existing: String,
        /// The new name.
        new: String,
    },
    /// Another process is writing the store.
    #[error("another runlift import is writing the activity store at {}{holder}", path.display())]
    Busy {
        /// The store's folder.
        path: PathBuf,
        /// Who holds it, as far as its lock file says (` (process 1234)`), or empty.
        holder: String,
    },
    /// A table of a new generation (or an export) could not be written. The generation being
    /// written was removed; the previous one is still the current one.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the system (or the encoder) said.
        #[source]
        source: WriteError,
    },
}

/// Why a file could not be written: what the operating system said (a full disk, a missing
/// permission) when it said anything, else what the encoder said.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The operating system refused the write.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// polars could not build or encode the table.
    #[error(transparent)]
    Polars(#[from] polars_core::prelude::PolarsError),
    /// The CSV writer failed.
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

fn known_athletes(known: &[String]) -> String {
    if known.is_empty() {
        ": it has none yet; `runlift import --athlete NAME PATH` adds one".to_owned()
    } else {
        format!(" (it has {})", known.join(", "))
    }
}

impl StoreError {
    pub(crate) fn io<'a>(
        action: &'static str,
        path: &'a Path,
    ) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
        move |source| StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
