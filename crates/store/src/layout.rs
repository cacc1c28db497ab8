//! The store on disk: generations of immutable files and the `current` pointer to one.
//!
//! ```text
//! STORE/
//!   current -> generations/g000042     the complete generation readers use (a symlink)
//!   generations/g000042/               meta.json and one Parquet file per table
//!   generations/g000041/               the previous one, kept for readers still on it
//!   lock                               held by the one process writing
//! ```
//!
//! A writer builds a new generation in a folder no reader looks at, syncs every file and the
//! folder to disk, renames the folder to its final name, and only then swaps the `current`
//! link by renaming a new link over it: rename is atomic, so at every instant `current` names a
//! complete generation, whatever moment a crash or `kill -9` strikes. Older generations are
//! removed afterwards; leftovers of a crash are removed by the next writer.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::StoreError;

/// The layout version this runlift writes; stores with a higher one are refused.
/// Version 1 kept one athlete's generations at the store's root; version 2 keeps each athlete's
/// in a partition folder `athlete=NAME/` and a marker generation at the root (see
/// [`crate::athlete`]).
pub const SCHEMA_VERSION: u32 = 2;

pub(crate) const CURRENT: &str = "current";
pub(crate) const GENERATIONS: &str = "generations";
pub(crate) const LOCK: &str = "lock";
pub(crate) const META: &str = "meta.json";

/// What a generation says about itself, in its `meta.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The layout version of the files (see docs/store.md).
    pub schema_version: u32,
    /// The generation's number, one more than the one before.
    pub generation: u64,
    /// When it was written (RFC 3339, UTC).
    pub written_at: String,
    /// The program that wrote it (`runlift 0.1.0`).
    pub written_by: String,
    /// The number of rows of each table.
    pub rows: Rows,
}

/// The number of rows of each table of a generation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rows {
    /// Sessions after de-duplication (`activities.parquet`).
    pub activities: u64,
    /// Their strength sets (`sets.parquet`).
    pub sets: u64,
    /// Activities as read from each source (`source_activities.parquet`).
    pub source_activities: u64,
    /// Their sets (`source_sets.parquet`).
    pub source_sets: u64,
    /// Files in the import log (`import_log.parquet`).
    pub import_log: u64,
}

pub(crate) fn generation_name(number: u64) -> String {
    format!("g{number:06}")
}

fn parse_generation_name(name: &str) -> Option<u64> {
    let digits = name.strip_prefix('g')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The generation `current` points at, as (number, folder); `None` for a store never written.
pub(crate) fn current_generation(root: &Path) -> Result<Option<(u64, PathBuf)>, StoreError> {
    let pointer = root.join(CURRENT);
    let target = match read_pointer(&pointer) {
        Ok(target) => target,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(StoreError::io("read", &pointer)(err)),
    };
    let name = target
        .strip_prefix(GENERATIONS)
        .ok()
        .and_then(|rest| rest.to_str())
        .and_then(parse_generation_name)
        .ok_or_else(|| StoreError::Damaged {
            store: root.to_path_buf(),
            file: pointer.clone(),
            reason: format!("points at {}, which is not a generation folder", target.display()),
        })?;
    Ok(Some((name, root.join(target))))
}

#[cfg(unix)]
fn read_pointer(pointer: &Path) -> std::io::Result<PathBuf> {
    fs::read_link(pointer)
}

#[cfg(not(unix))]
fn read_pointer(pointer: &Path) -> std::io::Result<PathBuf> {
    Ok(PathBuf::from(fs::read_to_string(pointer)?.trim()))
}

/// Points `current` at `generations/NAME`, atomically.
pub(crate) fn switch_current(root: &Path, number: u64) -> Result<(), StoreError> {
    let target = Path::new(GENERATIONS).join(generation_name(number));
    let staged = root.join(format!("{CURRENT}.new-{}", std::process::id()));
    let _ = fs::remove_file(&staged);
    write_pointer(&staged, &target).map_err(StoreError::io("create", &staged))?;
    let pointer = root.join(CURRENT);
    fs::rename(&staged, &pointer).map_err(StoreError::io("replace", &pointer))?;
    sync_dir(root)
}

#[cfg(unix)]
fn write_pointer(staged: &Path, target: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, staged)
}

#[cfg(not(unix))]
fn write_pointer(staged: &Path, target: &Path) -> std::io::Result<()> {
    let mut file = File::create(staged)?;
    file.write_all(target.to_string_lossy().as_bytes())?;
    file.sync_all()
}

/// Flushes a folder's entries (new names, renames) to disk.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(StoreError::io("sync", dir))
    }
    // Windows cannot open a folder as a file; NTFS journals renames itself.
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Writes `bytes` to `path` and syncs it.
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = File::create(path).map_err(StoreError::io("create", path))?;
    file.write_all(bytes).map_err(StoreError::io("write", path))?;
    file.sync_all().map_err(StoreError::io("sync", path))
}

/// Writes a generation's `meta.json`, of this runlift's schema version.
pub(crate) fn write_meta(dir: &Path, number: u64, rows: Rows) -> Result<(), StoreError> {
    let meta = Meta {
        schema_version: SCHEMA_VERSION,
        generation: number,
        written_at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_default()
            .to_string(),
        written_by: format!("runlift {}", crate::RUNLIFT_VERSION),
        rows,
    };
    let text = serde_json::to_string_pretty(&meta).expect("meta serialises");
    write_synced(&dir.join(META), text.as_bytes())
}

/// Puts the file `from` of one generation into another at `to`: generations are immutable,
/// so sharing a file between two is safe; where the file system cannot link, it is copied.
pub(crate) fn link_or_copy(from: &Path, to: &Path) -> Result<(), StoreError> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(StoreError::io("copy", from))?;
        File::open(to)
            .and_then(|f| f.sync_all())
            .map_err(StoreError::io("sync", to))?;
    }
    Ok(())
}

/// A generation being written: a folder under a name no reader follows until [`Staged::commit`].
/// Dropped before it is committed (a table could not be written), the folder is removed: a
/// failed write leaves the store as it was, and a full disk no fuller. (A crash leaves it to
/// the next writer.)
pub(crate) struct Staged {
    pub(crate) dir: PathBuf,
    pub(crate) number: u64,
    root: PathBuf,
    committed: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Staged {
    pub(crate) fn begin(root: &Path, number: u64) -> Result<Staged, StoreError> {
        let generations = root.join(GENERATIONS);
        fs::create_dir_all(&generations).map_err(StoreError::io("create", &generations))?;
        let dir = generations.join(format!(
            ".{}.partial-{}",
            generation_name(number),
            std::process::id()
        ));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(StoreError::io("remove", &dir))?;
        }
        fs::create_dir(&dir).map_err(StoreError::io("create", &dir))?;
        Ok(Staged {
            dir,
            number,
            root: root.to_path_buf(),
            committed: false,
        })
    }

    /// Renames the finished folder into place and points `current` at it. The files in it must
    /// have been synced already.
    pub(crate) fn commit(mut self) -> Result<PathBuf, StoreError> {
        sync_dir(&self.dir)?;
        let generations = self.root.join(GENERATIONS);
        let final_dir = generations.join(generation_name(self.number));
        if final_dir.exists() {
            // Left by a writer that crashed after renaming but before switching `current`:
            // never pointed at, so nobody reads it.
            fs::remove_dir_all(&final_dir).map_err(StoreError::io("remove", &final_dir))?;
        }
        fs::rename(&self.dir, &final_dir).map_err(StoreError::io("rename", &self.dir))?;
        // Renamed: from here on the folder is the next writer's to clean up if the switch
        // fails, as after a crash.
        self.committed = true;
        sync_dir(&generations)?;
        crate::failpoint("before-switch");
        switch_current(&self.root, self.number)?;
        crate::failpoint("after-switch");
        Ok(final_dir)
    }
}

/// Removes every generation but the current one and the one before it (a reader that read the
/// pointer just before the switch may still be opening its files), and the leftovers of
/// writers that crashed. Only called by the writer holding the lock.
pub(crate) fn remove_old_generations(root: &Path, current: u64) -> Result<(), StoreError> {
    let generations = root.join(GENERATIONS);
    let entries = match fs::read_dir(&generations) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(StoreError::io("list", &generations)(err)),
    };
    for entry in entries {
        let entry = entry.map_err(StoreError::io("list", &generations))?;
        let name = entry.file_name();
        let keep = name
            .to_str()
            .and_then(parse_generation_name)
            .is_some_and(|n| n == current || n + 1 == current);
        if !keep {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(StoreError::io("remove", &path))?;
        }
    }
    for entry in fs::read_dir(root)
        .map_err(StoreError::io("list", root))?
        .flatten()
    {
        let stale_pointer = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&format!("{CURRENT}.new-")));
        if stale_pointer {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Reads and checks a generation's `meta.json`.
pub(crate) fn read_meta(root: &Path, dir: &Path) -> Result<Meta, StoreError> {
    let path = dir.join(META);
    let text = fs::read_to_string(&path).map_err(StoreError::io("read", &path))?;
    let damaged = |reason: String| StoreError::Damaged {
        store: root.to_path_buf(),
        file: path.clone(),
        reason,
    };
    // The version is read on its own first, so that a newer layout whose meta.json has other
    // fields is refused with the version message rather than a parse error.
    #[derive(Deserialize)]
    struct Version {
        schema_version: u32,
    }
    let version: Version = serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))?;
    if version.schema_version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: root.to_path_buf(),
            found: version.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    if version.schema_version == 0 {
        return Err(damaged("schema version 0 does not exist".to_owned()));
    }
    serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_names_round_trip_and_reject_lookalikes() {
        assert_eq!(generation_name(42), "g000042");
        assert_eq!(parse_generation_name("g000042"), Some(42));
        assert_eq!(parse_generation_name("g1234567"), Some(1_234_567));
        assert_eq!(parse_generation_name(".g000042.partial-77"), None);
        assert_eq!(parse_generation_name("g"), None);
        assert_eq!(parse_generation_name("g-1"), None);
    }
}
