//! Joining a Strava bulk export's `activities.csv` (and Runkeeper's `cardioActivities.csv`,
//! which works the same way) with the activity files beside it.
//!
//! The CSV and the files describe the same activities: each CSV row names its file in the
//! `Filename` column (`activities/4801048867.fit.gz`; Runkeeper's `GPX File`,
//! `2019-05-01-073012.gpx`), relative to the CSV's folder. Joined,
//! each activity counts once: the figures and details come from the file, the name and (when
//! the user corrected it on Strava) the sport from the CSV. Rows without a file (manual
//! entries, such as many weight-training sessions) stay as the CSV describes them. Rows whose
//! file is not in the export at all are read from the CSV too, with one warning for the
//! export naming how many and the first few.

use std::path::{Path, PathBuf};

use runlift_model::{Activity, FileStatus, InnerPath, ParseError, ParseErrorKind, SourceFormat, Sport};

use crate::FileReport;

/// Where a file is: on disk, or as an entry of an archive on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FileKey {
    path: PathBuf,
    inner: Option<InnerPath>,
}

fn without_gz(name: &str) -> &str {
    name.strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(name)
}

/// Where `hint` points to, relative to the CSV at `csv`.
fn target_of(csv: &FileReport, hint: &str) -> FileKey {
    let hint = without_gz(hint.trim_start_matches("./"));
    match &csv.inner_path {
        Some(inner) => {
            // Beside the CSV in its own archive: the folder of the innermost entry.
            let entry = inner.last();
            let folder = entry.rfind('/').map_or("", |i| &entry[..=i]);
            FileKey {
                path: csv.path.clone(),
                inner: Some(inner.with_last(format!("{folder}{hint}"))),
            }
        }
        None => FileKey {
            path: csv.path.parent().unwrap_or(Path::new("")).join(hint),
            inner: None,
        },
    }
}

fn key_of(report: &FileReport) -> FileKey {
    match &report.inner_path {
        Some(inner) => FileKey {
            path: report.path.clone(),
            inner: Some(inner.with_last(without_gz(inner.last()))),
        },
        None => {
            let name = report.path.to_string_lossy();
            FileKey {
                path: PathBuf::from(without_gz(&name)),
                inner: None,
            }
        }
    }
}

/// Joins every Strava `activities.csv` and Runkeeper `cardioActivities.csv` in `files` with
/// the activity files it names.
pub(crate) fn join(files: &mut [FileReport]) {
    let csv_indices: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            matches!(
                f.format,
                Some(SourceFormat::StravaCsv | SourceFormat::RunkeeperCsv)
            )
        })
        .map(|(i, _)| i)
        .collect();
    if csv_indices.is_empty() {
        return;
    }
    let keys: Vec<FileKey> = files.iter().map(key_of).collect();
    for csv_index in csv_indices {
        let rows = std::mem::take(&mut files[csv_index].activities);
        let mut kept = Vec::with_capacity(rows.len());
        let mut joined = 0usize;
        // The files rows name that are not in the export at all, as the rows name them.
        let mut absent: Vec<String> = Vec::new();
        for row in rows {
            let Some(hint) = row.source_file_hint.as_deref().filter(|h| !h.trim().is_empty()) else {
                kept.push(row);
                continue;
            };
            let target = target_of(&files[csv_index], hint);
            let Some(file_index) = keys.iter().position(|k| *k == target) else {
                absent.push(hint.trim().to_owned());
                kept.push(row);
                continue;
            };
            // A file that is there but failed to read has its own error; its row stands in.
            match closest(&mut files[file_index].activities, &row) {
                Some(activity) => {
                    enrich(activity, &row);
                    joined += 1;
                }
                None => kept.push(row),
            }
        }
        let alone = kept.len();
        let csv = &mut files[csv_index];
        csv.activities = kept;
        if !absent.is_empty() {
            warn_absent(csv, &absent);
        }
        if joined > 0 {
            csv.notes.push(format!(
                "{joined} row{} joined with {} activity file{} of the export; {alone} imported from the CSV alone",
                if joined == 1 { "" } else { "s" },
                if joined == 1 { "its" } else { "their" },
                if joined == 1 { "" } else { "s" },
            ));
        }
    }
}

/// How many of the absent files the warning names.
const ABSENT_NAMED: usize = 3;

/// One warning for the CSV whose rows name files the export does not hold (an
/// `activities.csv` copied out of its export, or an export unpacked in part): those rows are
/// read from the CSV's summary alone, without the routes, heart rate and laps of their files,
/// which the user should know, once, not row by row. The file counts as partly read.
fn warn_absent(csv: &mut FileReport, absent: &[String]) {
    let count = absent.len();
    let named: Vec<&str> = absent.iter().take(ABSENT_NAMED).map(String::as_str).collect();
    let more = if count > ABSENT_NAMED {
        format!(" and {} more", count - ABSENT_NAMED)
    } else {
        String::new()
    };
    let rows = if count == 1 {
        "1 row names an activity file that is".to_owned()
    } else {
        format!("{count} rows name activity files that are")
    };
    let message = format!(
        "{rows} not in the export ({}{more}): those activities were read from the \
         CSV's summary alone, without routes, heart rate or laps; point runlift at the whole \
         export (its folder or .zip)",
        named.join(", ")
    );
    csv.problems.push(ParseError::for_path(
        csv.path.clone(),
        csv.inner_path.clone(),
        ParseErrorKind::Syntax(message),
    ));
    if csv.status == FileStatus::Ok {
        csv.status = FileStatus::Partial;
    }
}

/// The activity of a file that a CSV row describes: the one starting closest to the row's
/// start, within a day (a multisport file holds several; clocks and time zones may differ).
fn closest<'a>(activities: &'a mut [Activity], row: &Activity) -> Option<&'a mut Activity> {
    activities
        .iter_mut()
        .map(|a| {
            let gap = (a.start.as_second() - row.start.as_second()).unsigned_abs();
            (gap, a)
        })
        .filter(|(gap, _)| *gap <= 86_400)
        .min_by_key(|(gap, _)| *gap)
        .map(|(_, a)| a)
}

/// What the CSV adds to the file's activity: the name the athlete gave it, the sport when the
/// athlete changed its category on Strava (the file keeps its finer detail otherwise), and the
/// marks the file lacks.
fn enrich(activity: &mut Activity, row: &Activity) {
    if row.name.is_some() {
        activity.name = row.name.clone();
    }
    take_summary_sport(activity, &row.sport);
    if activity.perceived_effort.is_none() {
        activity.perceived_effort = row.perceived_effort;
    }
    if activity.workout_type.is_none() {
        activity.workout_type = row.workout_type;
    }
    if activity.sets.is_empty() && !row.sets.is_empty() {
        activity.sets = row.sets.clone();
    }
}

/// A file names its sport less surely than the athlete does (a GPX track without a type is
/// `other`): the sport of an export's summary (a row of `activities.csv`, Garmin's summary)
/// wins when the categories differ, and when only the summary names a sport runlift knows.
pub(crate) fn take_summary_sport(activity: &mut Activity, summary: &Sport) {
    let file_unnamed = matches!(activity.sport, Sport::Other(_)) && !matches!(summary, Sport::Other(_));
    if summary.category() != activity.sport.category() || file_unnamed {
        activity.sport = summary.clone();
    }
}
