//! Joining the activity summaries of a Garmin Connect account export with the activity files
//! of the same export.
//!
//! The export ("Export your data" on Garmin's account page) holds every activity twice: as a
//! summary in `DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`, and as the file the
//! watch uploaded, in the zips of `DI_CONNECT/DI-Connect-Uploaded-Files/` (FIT files mostly,
//! GPX or TCX for files uploaded by hand, and none for activities entered by hand). Garmin
//! names the uploaded files by an internal number unrelated to the activity's id, so the two
//! are joined by their start: a summary and a file activity of the same export starting within
//! [`MAX_START_DIFFERENCE_S`] of each other are one activity, which keeps the file's figures
//! and takes the name the athlete gave it on Garmin Connect (and the sport, where the athlete
//! changed it there). A summary without its file (a manual entry) stays as it is. The join is
//! made whether or not de-duplication is enabled, so nothing of an export counts twice.

use std::path::{Path, PathBuf};

use runlift_model::{Activity, SourceFormat};

use crate::FileReport;

/// How far apart the starts of a summary and its file's activity may be. Garmin takes the
/// summary's `beginTimestamp` from the file, so they agree to the second; the slack is for
/// files Garmin re-processed.
pub(crate) const MAX_START_DIFFERENCE_S: i64 = 60;

/// The part of the world a file of an export lives in, so that summaries join only files of
/// their own export.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Root {
    /// Inside the archive `path`, under the entries `entries` (empty: anywhere in it).
    Archive { path: PathBuf, entries: Vec<String> },
    /// On disk, under the folder.
    Folder(PathBuf),
}

impl Root {
    /// The export a summary at `report` belongs to: for a summary read from an archive, the
    /// archive (or the nested archive holding it); on disk, the folder holding `DI_CONNECT`,
    /// else the summary's own folder.
    fn of_summary(report: &FileReport) -> Root {
        match &report.inner_path {
            Some(inner) => {
                let entries = inner.entries();
                Root::Archive {
                    path: report.path.clone(),
                    entries: entries[..entries.len().saturating_sub(1)].to_vec(),
                }
            }
            None => {
                let folder = report.path.parent().unwrap_or(Path::new(""));
                let export = folder
                    .ancestors()
                    .find(|dir| dir.file_name().is_some_and(|name| name == "DI_CONNECT"))
                    .and_then(Path::parent)
                    .unwrap_or(folder);
                Root::Folder(export.to_path_buf())
            }
        }
    }

    /// Whether the file of `report` is in this export.
    fn holds(&self, report: &FileReport) -> bool {
        match (self, &report.inner_path) {
            (Root::Archive { path, entries }, Some(inner)) => {
                *path == report.path && inner.entries().starts_with(entries)
            }
            (Root::Archive { .. }, None) => false,
            (Root::Folder(folder), _) => report.path.starts_with(folder),
        }
    }
}

/// Whether a file of `format` can be an activity's own file in a Garmin export.
fn is_activity_file(format: Option<SourceFormat>) -> bool {
    matches!(
        format,
        Some(SourceFormat::Fit | SourceFormat::Tcx | SourceFormat::Gpx)
    )
}

/// Joins every Garmin `summarizedActivities.json` in `files` with the activity files of its
/// export.
pub(crate) fn join(files: &mut [FileReport]) {
    let summaries: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.format == Some(SourceFormat::GarminAccountJson))
        .map(|(i, _)| i)
        .collect();
    if summaries.is_empty() {
        return;
    }
    // Every activity of a file that can be joined, by start: (start second, file, activity).
    let mut starts: Vec<(i64, usize, usize)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| is_activity_file(f.format))
        .flat_map(|(file, f)| {
            f.activities
                .iter()
                .enumerate()
                .map(move |(index, a)| (a.start.as_second(), file, index))
        })
        .collect();
    starts.sort_unstable();
    let mut taken = vec![false; starts.len()];

    for summary_index in summaries {
        let root = Root::of_summary(&files[summary_index]);
        let rows = std::mem::take(&mut files[summary_index].activities);
        let mut kept = Vec::with_capacity(rows.len());
        let mut joined = 0usize;
        for row in rows {
            let second = row.start.as_second();
            let low = starts.partition_point(|&(s, ..)| s < second - MAX_START_DIFFERENCE_S);
            let best = (low..starts.len())
                .take_while(|&i| starts[i].0 <= second + MAX_START_DIFFERENCE_S)
                .filter(|&i| !taken[i] && root.holds(&files[starts[i].1]))
                .min_by_key(|&i| {
                    let (_, file, index) = starts[i];
                    let start = files[file].activities[index].start;
                    (start.as_millisecond() - row.start.as_millisecond()).unsigned_abs()
                });
            match best {
                Some(i) => {
                    taken[i] = true;
                    let (_, file, index) = starts[i];
                    enrich(&mut files[file].activities[index], &row);
                    joined += 1;
                }
                None => kept.push(row),
            }
        }
        let alone = kept.len();
        let report = &mut files[summary_index];
        report.activities = kept;
        if joined > 0 {
            report.notes.push(format!(
                "{joined} activit{} joined with {} file{} of the export; {alone} imported from the summary alone",
                if joined == 1 { "y" } else { "ies" },
                if joined == 1 { "its" } else { "their" },
                if joined == 1 { "" } else { "s" },
            ));
        }
    }
}

/// What the summary adds to the file's activity: the name the athlete gave it on Garmin
/// Connect, the sport where the athlete changed its category there, and the figures the file
/// lacks.
fn enrich(activity: &mut Activity, summary: &Activity) {
    if summary.name.is_some() {
        activity.name.clone_from(&summary.name);
    }
    crate::strava::take_summary_sport(activity, &summary.sport);
    if activity.utc_offset.is_none() {
        activity.utc_offset = summary.utc_offset;
    }
    if activity.avg_heart_rate.is_none() {
        activity.avg_heart_rate = summary.avg_heart_rate;
    }
    if activity.elevation_gain_m.is_none() {
        activity.elevation_gain_m = summary.elevation_gain_m;
    }
    if activity.sets.is_empty() && !summary.sets.is_empty() {
        activity.sets = summary.sets.clone();
    }
}
