//! `runlift store info`: what the store holds, in counts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use runlift_model::Timestamp;

use crate::tables;
use crate::{Meta, Store, StoreError};

/// What the store holds, counted.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreInfo {
    /// The store's folder.
    pub location: PathBuf,
    /// The athlete whose part of the store this counts.
    pub athlete: String,
    /// The current generation's `meta.json` (schema version, generation, row counts).
    pub meta: Meta,
    /// Sessions per sport by stable name (`running`, `running/trail`, `strength_training`,
    /// `other/cycling`, ...), most first.
    pub sessions_by_sport: Vec<(String, usize)>,
    /// Activities read per source format (before de-duplication), most first.
    pub activities_by_format: Vec<(String, usize)>,
    /// Sessions that more than one source recorded.
    pub merged_sessions: usize,
    /// The first and last session's start.
    pub date_range: Option<(Timestamp, Timestamp)>,
    /// Files in the import log per result (`ok`, `partial`, `error`, `skipped`).
    pub files_by_result: Vec<(String, usize)>,
    /// Bytes on disk of the current generation.
    pub size_bytes: u64,
}

fn most_first(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

impl Store {
    /// Counts what the store holds.
    pub fn info(&self) -> Result<StoreInfo, StoreError> {
        let athlete = self.athlete()?.as_str().to_owned();
        self.read_current(|dir, meta| {
            let sessions = self.table(
                dir,
                tables::ACTIVITIES,
                Some(&["sport", "sport_detail", "start", "source_count"]),
            )?;
            let sports = sessions.strings("sport")?;
            let details = sessions.strings("sport_detail")?;
            let starts = sessions.instants("start")?;
            let source_counts = sessions.u32s("source_count")?;
            let mut by_sport = BTreeMap::new();
            for (sport, detail) in sports.iter().zip(&details) {
                let sport = sport.unwrap_or("?");
                // Stable names, as in the report's JSON: `running`, `running/trail`,
                // `strength_training`, `other/cycling`.
                let name = match (sport, detail) {
                    ("running", Some("unspecified")) | (_, None) => sport.to_owned(),
                    (_, Some(detail)) => format!("{sport}/{detail}"),
                };
                *by_sport.entry(name).or_insert(0) += 1;
            }
            let first = starts.iter().flatten().min().copied();
            let last = starts.iter().flatten().max().copied();
            let date_range = match (first, last) {
                (Some(first), Some(last)) => Timestamp::from_millisecond(first)
                    .ok()
                    .zip(Timestamp::from_millisecond(last).ok()),
                _ => None,
            };

            let sources = self.table(dir, tables::SOURCE_ACTIVITIES, Some(&["source_format"]))?;
            let mut by_format = BTreeMap::new();
            for format in sources.strings("source_format")? {
                *by_format.entry(format.unwrap_or("?").to_owned()).or_insert(0) += 1;
            }
            let log = self.table(dir, tables::IMPORT_LOG, Some(&["result"]))?;
            let mut by_result = BTreeMap::new();
            for result in log.strings("result")? {
                *by_result.entry(result.unwrap_or("?").to_owned()).or_insert(0) += 1;
            }
            let mut size_bytes = 0;
            for entry in std::fs::read_dir(dir)
                .map_err(StoreError::io("list", dir))?
                .flatten()
            {
                size_bytes += entry.metadata().map_or(0, |m| m.len());
            }
            Ok(StoreInfo {
                location: self.path().to_path_buf(),
                athlete: athlete.clone(),
                meta: meta.clone(),
                sessions_by_sport: most_first(by_sport),
                activities_by_format: most_first(by_format),
                merged_sessions: source_counts.iter().filter(|c| c.unwrap_or(1) > 1).count(),
                date_range,
                files_by_result: most_first(by_result),
                size_bytes,
            })
        })
    }
}
