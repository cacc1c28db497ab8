//! Which folder holds an athlete's generations, in either layout, and the move from the first
//! layout to the second.
//!
//! ```text
//! STORE/                                   schema version 2
//!   current -> generations/g000002         the marker: its meta.json says schema_version 2
//!   generations/g000002/meta.json          (runlift 0.1 reads it and refuses the store)
//!   athlete=alice/current -> generations/g000042
//!   athlete=alice/generations/g000042/     one athlete's generation, as in version 1
//!   athlete=bob/...
//!   lock                                   one writer for the whole store
//! ```
//!
//! A version-1 store has the one athlete's generations at the root. The first writer of this
//! runlift links (or copies) its current generation into `athlete=default/` and only then
//! switches the root's `current` to a marker generation: until that one atomic rename readers
//! see the version-1 store, after it the version-2 store, both complete; a crash in between
//! leaves the version-1 store current, and the next writer starts the move again.

use std::fs;
use std::path::{Path, PathBuf};

use crate::athlete::{AthleteName, PARTITION_PREFIX};
use crate::layout::{self, Rows, Staged};
use crate::{StoreError, tables};

/// The tables of a generation, each one file.
pub(crate) const TABLES: [&str; 5] = [
    tables::ACTIVITIES,
    tables::SETS,
    tables::SOURCE_ACTIVITIES,
    tables::SOURCE_SETS,
    tables::IMPORT_LOG,
];

/// How a store folder is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Nothing was ever written.
    Empty,
    /// Schema version 1: one athlete, its generations at the root.
    Single { generation: u64 },
    /// Schema version 2: a partition folder per athlete.
    Partitioned { marker: u64 },
}

pub(crate) fn layout(root: &Path) -> Result<Layout, StoreError> {
    let Some((generation, dir)) = layout::current_generation(root)? else {
        return Ok(Layout::Empty);
    };
    // Refuses a newer layout with the version message.
    let meta = layout::read_meta(root, &dir)?;
    Ok(if meta.schema_version == 1 {
        Layout::Single { generation }
    } else {
        Layout::Partitioned { marker: generation }
    })
}

/// The athletes of the store, by name.
pub(crate) fn athletes(root: &Path) -> Result<Vec<AthleteName>, StoreError> {
    match layout(root)? {
        Layout::Empty => Ok(Vec::new()),
        Layout::Single { .. } => Ok(vec![AthleteName::default_athlete()]),
        Layout::Partitioned { .. } => partitioned_athletes(root),
    }
}

fn partitioned_athletes(root: &Path) -> Result<Vec<AthleteName>, StoreError> {
    let mut athletes = Vec::new();
    for entry in fs::read_dir(root).map_err(StoreError::io("list", root))? {
        let entry = entry.map_err(StoreError::io("list", root))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !name.starts_with(PARTITION_PREFIX) {
            continue;
        }
        // A folder whose first write never finished is no athlete yet.
        if let Some(athlete) = AthleteName::from_folder_name(&name)
            && layout::current_generation(&entry.path())?.is_some()
        {
            athletes.push(athlete);
        }
    }
    athletes.sort();
    Ok(athletes)
}

fn names(athletes: &[AthleteName]) -> Vec<String> {
    athletes.iter().map(|a| a.as_str().to_owned()).collect()
}

/// The folder holding the generations of `athlete` (of the only athlete when `None`), to read.
pub(crate) fn for_reading(
    root: &Path,
    athlete: Option<&AthleteName>,
) -> Result<(AthleteName, PathBuf), StoreError> {
    let unknown = |athlete: &AthleteName, known: &[AthleteName]| StoreError::UnknownAthlete {
        path: root.to_path_buf(),
        athlete: athlete.as_str().to_owned(),
        known: names(known),
    };
    match layout(root)? {
        Layout::Empty => Err(StoreError::NotFound {
            path: root.to_path_buf(),
        }),
        Layout::Single { .. } => {
            let only = AthleteName::default_athlete();
            match athlete {
                Some(athlete) if *athlete != only => Err(unknown(athlete, &[only])),
                _ => Ok((only, root.to_path_buf())),
            }
        }
        Layout::Partitioned { .. } => match athlete {
            Some(athlete) => {
                let part = root.join(athlete.folder_name());
                if layout::current_generation(&part)?.is_some() {
                    Ok((athlete.clone(), part))
                } else {
                    Err(unknown(athlete, &partitioned_athletes(root)?))
                }
            }
            None => {
                let mut known = partitioned_athletes(root)?;
                match known.len() {
                    0 => Err(StoreError::NotFound {
                        path: root.to_path_buf(),
                    }),
                    1 => {
                        let only = known.remove(0);
                        let part = root.join(only.folder_name());
                        Ok((only, part))
                    }
                    _ => Err(StoreError::WhichAthlete {
                        path: root.to_path_buf(),
                        athletes: names(&known),
                    }),
                }
            }
        },
    }
}

/// Makes the store one of this runlift's layout (migrating a version-1 store, or marking a new
/// one), and returns the athlete to write and its folder. Only called by the writer holding
/// the lock.
pub(crate) fn for_writing(
    root: &Path,
    athlete: Option<&AthleteName>,
) -> Result<(AthleteName, PathBuf), StoreError> {
    match layout(root)? {
        Layout::Empty => write_marker(root, 1)?,
        Layout::Single { generation } => migrate(root, generation)?,
        Layout::Partitioned { .. } => {}
    }
    let known = partitioned_athletes(root)?;
    let athlete = match athlete {
        Some(athlete) => {
            if !known.contains(athlete) {
                let folded = athlete.as_str().to_lowercase();
                if let Some(existing) = known.iter().find(|k| k.as_str().to_lowercase() == folded) {
                    return Err(StoreError::AthleteClash {
                        path: root.to_path_buf(),
                        existing: existing.as_str().to_owned(),
                        new: athlete.as_str().to_owned(),
                    });
                }
            }
            athlete.clone()
        }
        None => match known.as_slice() {
            [] => AthleteName::default_athlete(),
            [only] => only.clone(),
            _ => {
                return Err(StoreError::WhichAthlete {
                    path: root.to_path_buf(),
                    athletes: names(&known),
                });
            }
        },
    };
    let part = root.join(athlete.folder_name());
    Ok((athlete, part))
}

/// Writes the root's marker generation `number` and makes it current: from then on the store
/// is of schema version 2, for this runlift and for older ones, which refuse it.
fn write_marker(root: &Path, number: u64) -> Result<(), StoreError> {
    let staged = Staged::begin(root, number)?;
    layout::write_meta(&staged.dir, number, Rows::default())?;
    staged.commit()?;
    layout::remove_old_generations(root, number)
}

/// Moves a version-1 store's current generation into `athlete=default/`, keeping every file
/// as it is (linked where the file system allows, else copied), then marks the store as
/// version 2.
fn migrate(root: &Path, generation: u64) -> Result<(), StoreError> {
    let from = root
        .join(layout::GENERATIONS)
        .join(layout::generation_name(generation));
    let meta = layout::read_meta(root, &from)?;
    let part = root.join(AthleteName::default_athlete().folder_name());
    // Only a migration that crashed before its switch can have left this folder: nobody has
    // read it, so it is made anew.
    if part.exists() {
        fs::remove_dir_all(&part).map_err(StoreError::io("remove", &part))?;
    }
    let staged = Staged::begin(&part, generation)?;
    for name in TABLES {
        layout::link_or_copy(&from.join(name), &staged.dir.join(name))?;
    }
    layout::write_meta(&staged.dir, generation, meta.rows)?;
    staged.commit()?;
    crate::failpoint("migrated-before-marker");
    write_marker(root, generation + 1)
}
