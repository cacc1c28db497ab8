//! The store's tables as polars data frames and Parquet files, and back into the model.
//!
//! Column names carry their unit (`elapsed_s`, `distance_m`), instants are Parquet timestamps
//! in UTC to the millisecond, and enumerations are written by their stable names, so that the
//! files read well in DuckDB, polars or Spark without runlift (docs/store.md).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use polars_core::prelude::*;
use polars_io::prelude::*;
use runlift_model::{
    Activity, ActivityId, Exercise, InnerPath, LoggedFile, Offset, SetKind, SourceActivity, SourceFormat,
    SourceRef, Sport, SportInference, StrengthSet, Timestamp, WorkoutType, classify_exercise,
};

use crate::StoreError;

pub(crate) const ACTIVITIES: &str = "activities.parquet";
pub(crate) const SETS: &str = "sets.parquet";
pub(crate) const SOURCE_ACTIVITIES: &str = "source_activities.parquet";
pub(crate) const SOURCE_SETS: &str = "source_sets.parquet";
pub(crate) const IMPORT_LOG: &str = "import_log.parquet";

fn timestamps(name: &str, values: Vec<i64>) -> Column {
    Int64Chunked::from_vec(name.into(), values)
        .into_datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
        .into_column()
}

fn seconds(duration: Duration) -> f64 {
    // Whole milliseconds, so that reading back gives the same Duration (see `duration`).
    (duration.as_millis() as f64) / 1000.0
}

fn duration(seconds: f64) -> Duration {
    Duration::from_millis((seconds * 1000.0).round().max(0.0) as u64)
}

/// A column of paths inside archives: each a list of its entry names, outermost first, so
/// that a name holding `!` stays one entry; null for a file that is in no archive.
fn inner_path_column<'a>(name: &str, paths: impl Iterator<Item = Option<&'a InnerPath>>) -> Column {
    let (rows, _) = paths.size_hint();
    let mut builder = ListStringChunkedBuilder::new(name.into(), rows, rows);
    for path in paths {
        match path {
            Some(path) => builder.append_values_iter(path.entries().iter().map(String::as_str)),
            None => builder.append_null(),
        }
    }
    builder.finish().into_column()
}

/// The columns every activity table has, in this order.
fn activity_columns(activities: &[&Activity]) -> Vec<Column> {
    let text = |f: &dyn Fn(&Activity) -> Option<String>| -> Vec<Option<String>> {
        activities.iter().map(|a| f(a)).collect()
    };
    let number = |f: &dyn Fn(&Activity) -> Option<f64>| -> Vec<Option<f64>> {
        activities.iter().map(|a| f(a)).collect()
    };
    vec![
        Column::new("id".into(), text(&|a| Some(a.id.to_string()))),
        Column::new("sport".into(), text(&|a| Some(a.sport.category().to_owned()))),
        Column::new(
            "sport_detail".into(),
            text(&|a| a.sport.detail().map(str::to_owned)),
        ),
        Column::new("name".into(), text(&|a| a.name.clone())),
        timestamps(
            "start",
            activities.iter().map(|a| a.start.as_millisecond()).collect(),
        ),
        Column::new(
            "utc_offset_s".into(),
            activities
                .iter()
                .map(|a| a.utc_offset.map(|o| o.seconds()))
                .collect::<Vec<Option<i32>>>(),
        ),
        Column::new("elapsed_s".into(), number(&|a| Some(seconds(a.elapsed)))),
        Column::new("moving_s".into(), number(&|a| a.moving.map(seconds))),
        Column::new("distance_m".into(), number(&|a| a.distance_m)),
        Column::new("elevation_gain_m".into(), number(&|a| a.elevation_gain_m)),
        Column::new("avg_heart_rate".into(), number(&|a| a.avg_heart_rate)),
        Column::new("perceived_effort".into(), number(&|a| a.perceived_effort)),
        Column::new(
            "workout_type".into(),
            text(&|a| a.workout_type.map(|w| w.name().to_owned())),
        ),
        Column::new(
            "source_path".into(),
            text(&|a| Some(a.source.path.to_string_lossy().into_owned())),
        ),
        inner_path_column(
            "source_inner_path",
            activities.iter().map(|a| a.source.inner_path.as_ref()),
        ),
        Column::new(
            "source_format".into(),
            text(&|a| Some(a.source.format.name().to_owned())),
        ),
        Column::new("source_file_hint".into(), text(&|a| a.source_file_hint.clone())),
        // 0 where the source recorded only the date (FitNotes): which session of such a day came
        // first is unknown. Stores written before this column read as "known" unless FitNotes.
        Column::new(
            "start_time_known".into(),
            activities
                .iter()
                .map(|a| u32::from(a.start_time_known))
                .collect::<Vec<u32>>(),
        ),
        // How the sport was inferred (`name`, `cadence`, `speed`, `setting`), null where the
        // source named it. Stores written before this column read as "named by the source".
        Column::new(
            "sport_inferred".into(),
            text(&|a| a.sport_inferred.map(|i| i.name().to_owned())),
        ),
    ]
}

/// The sessions table: one row per session, richest source's figures.
pub(crate) fn sessions_frame(sessions: &[Activity]) -> PolarsResult<DataFrame> {
    let refs: Vec<&Activity> = sessions.iter().collect();
    let mut columns = activity_columns(&refs);
    columns.push(Column::new(
        "source_count".into(),
        sessions
            .iter()
            .map(|a| 1 + a.merged_from.len() as u32)
            .collect::<Vec<u32>>(),
    ));
    DataFrame::new(sessions.len(), columns)
}

/// The source activities table: every activity as read from each file.
pub(crate) fn source_activities_frame(rows: &[SourceActivity]) -> PolarsResult<DataFrame> {
    let refs: Vec<&Activity> = rows.iter().map(|r| &r.activity).collect();
    let mut columns = vec![Column::new(
        "session_id".into(),
        rows.iter()
            .map(|r| r.session.to_string())
            .collect::<Vec<String>>(),
    )];
    columns.extend(activity_columns(&refs));
    columns.push(Column::new(
        "entry".into(),
        rows.iter().map(|r| r.entry).collect::<Vec<u32>>(),
    ));
    DataFrame::new(rows.len(), columns)
}

/// The columns of a set, after the key columns of its activity.
fn set_columns(sets: &[(&StrengthSet, u32)]) -> Vec<Column> {
    let number = |f: &dyn Fn(&StrengthSet) -> Option<f64>| -> Vec<Option<f64>> {
        sets.iter().map(|(s, _)| f(s)).collect()
    };
    vec![
        Column::new(
            "set_index".into(),
            sets.iter().map(|(_, i)| *i).collect::<Vec<u32>>(),
        ),
        Column::new(
            "exercise_name".into(),
            sets.iter().map(|(s, _)| s.name()).collect::<Vec<&str>>(),
        ),
        Column::new(
            "exercise".into(),
            sets.iter()
                .map(|(s, _)| s.exercise.map(|e| e.key))
                .collect::<Vec<Option<&str>>>(),
        ),
        Column::new(
            "muscle_groups".into(),
            sets.iter()
                .map(|(s, _)| {
                    let groups: Vec<&str> = s.muscle_groups().iter().map(|g| g.name()).collect();
                    (!groups.is_empty()).then(|| groups.join(","))
                })
                .collect::<Vec<Option<String>>>(),
        ),
        Column::new(
            "reps".into(),
            sets.iter().map(|(s, _)| s.reps).collect::<Vec<Option<u32>>>(),
        ),
        Column::new("weight_kg".into(), number(&|s| s.weight_kg)),
        Column::new("duration_s".into(), number(&|s| s.duration.map(seconds))),
        Column::new("distance_m".into(), number(&|s| s.distance_m)),
        Column::new(
            "kind".into(),
            sets.iter().map(|(s, _)| s.kind.name()).collect::<Vec<&str>>(),
        ),
        Column::new("rpe".into(), number(&|s| s.rpe)),
        Column::new(
            "superset".into(),
            sets.iter().map(|(s, _)| s.superset).collect::<Vec<Option<u32>>>(),
        ),
    ]
}

fn numbered(sets: &[StrengthSet]) -> impl Iterator<Item = (&StrengthSet, u32)> {
    sets.iter().zip(0u32..)
}

/// The sets of the sessions, keyed by the session's id.
pub(crate) fn sets_frame(sessions: &[Activity]) -> PolarsResult<DataFrame> {
    let mut ids = Vec::new();
    let mut sets = Vec::new();
    for session in sessions {
        let id = session.id.to_string();
        for set in numbered(&session.sets) {
            ids.push(id.clone());
            sets.push(set);
        }
    }
    let mut columns = vec![Column::new("activity_id".into(), ids)];
    columns.extend(set_columns(&sets));
    DataFrame::new(sets.len(), columns)
}

/// The sets of the source activities, keyed by file and entry.
pub(crate) fn source_sets_frame(rows: &[SourceActivity]) -> PolarsResult<DataFrame> {
    let mut paths = Vec::new();
    let mut inner = Vec::new();
    let mut entries = Vec::new();
    let mut sets = Vec::new();
    for row in rows {
        let path = row.activity.source.path.to_string_lossy();
        for set in numbered(&row.activity.sets) {
            paths.push(path.clone().into_owned());
            inner.push(row.activity.source.inner_path.as_ref());
            entries.push(row.entry);
            sets.push(set);
        }
    }
    let mut columns = vec![
        Column::new("source_path".into(), paths),
        inner_path_column("source_inner_path", inner.into_iter()),
        Column::new("entry".into(), entries),
    ];
    columns.extend(set_columns(&sets));
    DataFrame::new(sets.len(), columns)
}

pub(crate) fn import_log_frame(files: &[LoggedFile]) -> PolarsResult<DataFrame> {
    let columns = vec![
        Column::new(
            "path".into(),
            files
                .iter()
                .map(|f| f.path.to_string_lossy().into_owned())
                .collect::<Vec<String>>(),
        ),
        Column::new("size".into(), files.iter().map(|f| f.size).collect::<Vec<u64>>()),
        Int64Chunked::from_vec("modified".into(), files.iter().map(|f| f.modified_ns).collect())
            .into_datetime(TimeUnit::Nanoseconds, Some(TimeZone::UTC))
            .into_column(),
        Column::new(
            "content_hash".into(),
            files
                .iter()
                .map(|f| f.content_hash.as_str())
                .collect::<Vec<&str>>(),
        ),
        Column::new(
            "result".into(),
            files.iter().map(|f| f.result.as_str()).collect::<Vec<&str>>(),
        ),
        Column::new(
            "formats".into(),
            files.iter().map(|f| f.formats.as_str()).collect::<Vec<&str>>(),
        ),
        Column::new(
            "activities".into(),
            files.iter().map(|f| f.activities).collect::<Vec<u32>>(),
        ),
        Column::new(
            "message".into(),
            files
                .iter()
                .map(|f| f.message.as_deref())
                .collect::<Vec<Option<&str>>>(),
        ),
        timestamps("imported_at", files.iter().map(|f| f.imported_at_ms).collect()),
        Column::new(
            "runlift_version".into(),
            files
                .iter()
                .map(|f| f.runlift_version.as_str())
                .collect::<Vec<&str>>(),
        ),
    ];
    DataFrame::new(files.len(), columns)
}

/// Writes a frame to `path` as Parquet (zstd) and syncs it to disk.
pub(crate) fn write_parquet(path: &Path, frame: &mut DataFrame) -> Result<(), StoreError> {
    let file = File::create(path).map_err(StoreError::io("create", path))?;
    let mut sink = Recording { file, error: None };
    let written = ParquetWriter::new(&mut sink)
        .with_compression(ParquetCompression::Zstd(None))
        .finish(frame);
    if let Err(encoder) = written {
        // polars reports a refused write in its own words ("Invalid thrift: transport
        // error"); the operating system's ("No space left on device") is the one that helps.
        return Err(StoreError::Write {
            path: path.to_path_buf(),
            source: sink.error.map_or_else(|| encoder.into(), Into::into),
        });
    }
    sink.file.sync_all().map_err(StoreError::io("sync", path))
}

/// A file that keeps the first error the operating system gave while it was written.
struct Recording {
    file: File,
    error: Option<std::io::Error>,
}

impl Recording {
    fn keep(&mut self, error: std::io::Error) -> std::io::Error {
        let told = std::io::Error::new(error.kind(), error.to_string());
        self.error.get_or_insert(error);
        told
    }
}

impl std::io::Write for Recording {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush().map_err(|e| self.keep(e))
    }
}

/// Reading one table file, with errors that name the store and the file.
pub(crate) struct TableReader<'a> {
    store: &'a Path,
    path: PathBuf,
    frame: DataFrame,
}

impl<'a> TableReader<'a> {
    pub(crate) fn open(store: &'a Path, path: PathBuf, columns: Option<&[&str]>) -> Result<Self, StoreError> {
        let file = File::open(&path).map_err(StoreError::io("read", &path))?;
        let reader = ParquetReader::new(file)
            .with_columns(columns.map(|c| c.iter().map(|s| (*s).to_owned()).collect()));
        let frame = reader.finish().map_err(|e| StoreError::Damaged {
            store: store.to_path_buf(),
            file: path.clone(),
            reason: e.to_string(),
        })?;
        Ok(TableReader { store, path, frame })
    }

    pub(crate) fn frame(&self) -> &DataFrame {
        &self.frame
    }

    pub(crate) fn height(&self) -> usize {
        self.frame.height()
    }

    pub(crate) fn damaged(&self, reason: impl Into<String>) -> StoreError {
        StoreError::Damaged {
            store: self.store.to_path_buf(),
            file: self.path.clone(),
            reason: reason.into(),
        }
    }

    fn column(&self, name: &str) -> Result<&Column, StoreError> {
        self.frame
            .column(name)
            .map_err(|_| self.damaged(format!("it has no column {name:?}")))
    }

    fn typed<'c, T>(
        &'c self,
        name: &str,
        get: impl FnOnce(&'c Column) -> PolarsResult<&'c T>,
    ) -> Result<&'c T, StoreError> {
        let column = self.column(name)?;
        get(column).map_err(|_| self.damaged(format!("column {name:?} has type {}", column.dtype())))
    }

    /// A column of paths inside archives ([`inner_path_column`]). Stores written before the
    /// entries were kept apart hold text joined with `!`, which is split on `!`.
    pub(crate) fn inner_paths(&self, name: &str) -> Result<Vec<Option<InnerPath>>, StoreError> {
        let column = self.column(name)?;
        if column.dtype() == &DataType::String {
            return Ok(self
                .strings(name)?
                .into_iter()
                .map(|t| t.map(InnerPath::from_joined))
                .collect());
        }
        let lists = self.typed(name, Column::list)?;
        let mut paths = Vec::with_capacity(lists.len());
        for list in lists.series_iter() {
            let Some(list) = list else {
                paths.push(None);
                continue;
            };
            let names = list
                .str()
                .map_err(|_| self.damaged(format!("column {name:?} has type {}", column.dtype())))?;
            let entries: Option<Vec<String>> = names.iter().map(|n| n.map(str::to_owned)).collect();
            let entries =
                entries.ok_or_else(|| self.damaged(format!("column {name:?} holds an empty entry name")))?;
            paths.push(InnerPath::from_entries(entries));
        }
        Ok(paths)
    }

    pub(crate) fn strings(&self, name: &str) -> Result<Vec<Option<&str>>, StoreError> {
        Ok(self.typed(name, Column::str)?.iter().collect())
    }

    pub(crate) fn floats(&self, name: &str) -> Result<Vec<Option<f64>>, StoreError> {
        Ok(self.typed(name, Column::f64)?.iter().collect())
    }

    pub(crate) fn u32s(&self, name: &str) -> Result<Vec<Option<u32>>, StoreError> {
        Ok(self.typed(name, Column::u32)?.iter().collect())
    }

    pub(crate) fn u64s(&self, name: &str) -> Result<Vec<Option<u64>>, StoreError> {
        Ok(self.typed(name, Column::u64)?.iter().collect())
    }

    pub(crate) fn i32s(&self, name: &str) -> Result<Vec<Option<i32>>, StoreError> {
        Ok(self.typed(name, Column::i32)?.iter().collect())
    }

    /// A timestamp column as integers in its own unit (milliseconds or nanoseconds).
    pub(crate) fn instants(&self, name: &str) -> Result<Vec<Option<i64>>, StoreError> {
        Ok(self.typed(name, Column::datetime)?.phys.iter().collect())
    }

    fn required<T>(&self, column: &str, row: usize, value: Option<T>) -> Result<T, StoreError> {
        value.ok_or_else(|| self.damaged(format!("row {row}: column {column:?} is empty")))
    }
}

fn parse_id(reader: &TableReader<'_>, row: usize, text: Option<&str>) -> Result<ActivityId, StoreError> {
    let text = reader.required("id", row, text)?;
    u64::from_str_radix(text, 16)
        .map(ActivityId)
        .map_err(|_| reader.damaged(format!("row {row}: {text:?} is not an activity id")))
}

/// The source format with the stable name `name`.
pub fn source_format(name: &str) -> Option<SourceFormat> {
    const ALL: [SourceFormat; 16] = [
        SourceFormat::Gpx,
        SourceFormat::Tcx,
        SourceFormat::Fit,
        SourceFormat::AppleHealth,
        SourceFormat::StrongCsv,
        SourceFormat::HevyCsv,
        SourceFormat::FitNotesCsv,
        SourceFormat::JefitCsv,
        SourceFormat::StravaCsv,
        SourceFormat::GarminCsv,
        SourceFormat::RunliftCsv,
        SourceFormat::FitbodCsv,
        SourceFormat::RunkeeperCsv,
        SourceFormat::ZeppCsv,
        SourceFormat::GarminAccountJson,
        SourceFormat::PolarFlowJson,
    ];
    ALL.into_iter().find(|f| f.name() == name)
}

fn workout_type(name: &str) -> Option<WorkoutType> {
    [WorkoutType::Race, WorkoutType::Intervals]
        .into_iter()
        .find(|w| w.name() == name)
}

fn set_kind(name: &str) -> Option<SetKind> {
    [SetKind::Working, SetKind::WarmUp, SetKind::Drop, SetKind::Failure]
        .into_iter()
        .find(|k| k.name() == name)
}

/// Reads the activity columns of a table back into activities (without sets).
pub(crate) fn read_activities(reader: &TableReader<'_>) -> Result<Vec<Activity>, StoreError> {
    let ids = reader.strings("id")?;
    let sports = reader.strings("sport")?;
    let details = reader.strings("sport_detail")?;
    let names = reader.strings("name")?;
    let starts = reader.instants("start")?;
    let offsets = reader.i32s("utc_offset_s")?;
    let elapsed = reader.floats("elapsed_s")?;
    let moving = reader.floats("moving_s")?;
    let distance = reader.floats("distance_m")?;
    let elevation = reader.floats("elevation_gain_m")?;
    let heart_rate = reader.floats("avg_heart_rate")?;
    let effort = reader.floats("perceived_effort")?;
    let workout_types = reader.strings("workout_type")?;
    let paths = reader.strings("source_path")?;
    let inner_paths = reader.inner_paths("source_inner_path")?;
    let formats = reader.strings("source_format")?;
    let hints = reader.strings("source_file_hint")?;
    let time_known = if reader.frame().column("start_time_known").is_ok() {
        reader.u32s("start_time_known")?
    } else {
        vec![None; reader.height()]
    };

    let inferred = if reader.frame().column("sport_inferred").is_ok() {
        reader.strings("sport_inferred")?
    } else {
        vec![None; reader.height()]
    };

    let mut activities = Vec::with_capacity(reader.height());
    for row in 0..reader.height() {
        let category = reader.required("sport", row, sports[row])?;
        let sport = Sport::from_stored(category, details[row])
            .ok_or_else(|| reader.damaged(format!("row {row}: unknown sport {category:?}")))?;
        let format_name = reader.required("source_format", row, formats[row])?;
        let format = source_format(format_name).ok_or_else(|| {
            reader.damaged(format!(
                "row {row}: unknown source format {format_name:?} (written by a newer runlift?)"
            ))
        })?;
        let source = SourceRef {
            path: PathBuf::from(reader.required("source_path", row, paths[row])?),
            inner_path: inner_paths[row].clone(),
            format,
        };
        let start_ms = reader.required("start", row, starts[row])?;
        let start = Timestamp::from_millisecond(start_ms)
            .map_err(|e| reader.damaged(format!("row {row}: start: {e}")))?;
        let elapsed = duration(reader.required("elapsed_s", row, elapsed[row])?);
        let mut activity = Activity::new(sport, start, elapsed, source);
        activity.id = parse_id(reader, row, ids[row])?;
        activity.name = names[row].map(str::to_owned);
        activity.utc_offset = match offsets[row] {
            Some(seconds) => Some(
                Offset::from_seconds(seconds)
                    .map_err(|e| reader.damaged(format!("row {row}: utc_offset_s: {e}")))?,
            ),
            None => None,
        };
        activity.moving = moving[row].map(duration);
        activity.distance_m = distance[row];
        activity.elevation_gain_m = elevation[row];
        activity.avg_heart_rate = heart_rate[row];
        activity.perceived_effort = effort[row];
        activity.workout_type = match workout_types[row] {
            Some(name) => Some(
                workout_type(name)
                    .ok_or_else(|| reader.damaged(format!("row {row}: unknown workout type {name:?}")))?,
            ),
            None => None,
        };
        activity.source_file_hint = hints[row].map(str::to_owned);
        activity.start_time_known = match time_known[row] {
            Some(known) => known != 0,
            None => activity.source.format != runlift_model::SourceFormat::FitNotesCsv,
        };
        activity.sport_inferred = match inferred[row] {
            Some(name) => Some(SportInference::from_name(name).ok_or_else(|| {
                reader.damaged(format!(
                    "row {row}: unknown sport inference {name:?} (written by a newer runlift?)"
                ))
            })?),
            None => None,
        };
        activities.push(activity);
    }
    Ok(activities)
}

/// Reads the set columns of a sets table; returns each set with its row number.
pub(crate) fn read_sets(reader: &TableReader<'_>) -> Result<Vec<StrengthSet>, StoreError> {
    let mut sets = Vec::with_capacity(reader.height());
    for_each_set(reader, |_, set| sets.push(set))?;
    Ok(sets)
}

/// Reads the sets table row by row, handing each set with its row to `take`, so that a caller
/// can put them in place without a second copy of the table.
fn for_each_set(
    reader: &TableReader<'_>,
    mut take: impl FnMut(usize, StrengthSet),
) -> Result<(), StoreError> {
    let names = reader.strings("exercise_name")?;
    let exercises = reader.strings("exercise")?;
    let reps = reader.u32s("reps")?;
    let weights = reader.floats("weight_kg")?;
    let durations = reader.floats("duration_s")?;
    let distances = reader.floats("distance_m")?;
    let kinds = reader.strings("kind")?;
    // Stores written before sets kept their effort have no such column.
    let efforts = if reader.frame().column("rpe").is_ok() {
        reader.floats("rpe")?
    } else {
        vec![None; reader.height()]
    };
    // Nor have stores written before sets kept their superset.
    let supersets = if reader.frame().column("superset").is_ok() {
        reader.u32s("superset")?
    } else {
        vec![None; reader.height()]
    };
    // A history has a few dozen exercise names over 100,000 sets: classify each name once.
    let mut templates: HashMap<(&str, Option<&str>), StrengthSet> = HashMap::new();
    let mut last: Option<((&str, Option<&str>), StrengthSet)> = None;
    for row in 0..reader.height() {
        let name = reader.required("exercise_name", row, names[row])?;
        // Sets of one exercise follow each other: most rows reuse the previous row's template.
        let template = match &mut last {
            Some((key, template)) if *key == (name, exercises[row]) => template,
            _ => {
                let template = templates.entry((name, exercises[row])).or_insert_with(|| {
                    let mut set = StrengthSet::new(name);
                    // The stored classification wins over classifying the name again: it may have
                    // come from the app's muscle category rather than the name.
                    set.exercise = match exercises[row] {
                        Some(key) if set.exercise.is_some_and(|e| e.key == key) => set.exercise,
                        Some(key) => Exercise::from_key(key).or_else(|| classify_exercise(name)),
                        None => None,
                    };
                    set
                });
                &mut last.insert(((name, exercises[row]), template.clone())).1
            }
        };
        let mut set = template.clone();
        set.reps = reps[row];
        set.weight_kg = weights[row];
        set.duration = durations[row].map(duration);
        set.distance_m = distances[row];
        set.rpe = efforts[row];
        set.superset = supersets[row];
        let kind = reader.required("kind", row, kinds[row])?;
        set.kind =
            set_kind(kind).ok_or_else(|| reader.damaged(format!("row {row}: unknown set kind {kind:?}")))?;
        take(row, set);
    }
    Ok(())
}

/// Reads the sessions table and its sets into sessions (without `merged_from`).
pub(crate) fn read_sessions(
    activities: &TableReader<'_>,
    sets: &TableReader<'_>,
) -> Result<Vec<Activity>, StoreError> {
    let mut sessions = read_activities(activities)?;
    let index: HashMap<ActivityId, usize> = sessions.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let owners = sets.strings("activity_id")?;
    let positions = sets.u32s("set_index")?;
    // The writer stores a session's sets together and in order: resolve each run of rows of
    // one owner once, and move the sets into place without sorting them unless the file says
    // otherwise.
    let mut owner_of_row: Vec<usize> = Vec::with_capacity(sets.height());
    let mut last: Option<(&str, usize)> = None;
    let mut counts = vec![0usize; sessions.len()];
    for (row, owner) in owners.iter().enumerate() {
        let owner_text = sets.required("activity_id", row, *owner)?;
        let owner = match last {
            Some((text, owner)) if text == owner_text => owner,
            _ => {
                let id = parse_id(sets, row, *owner)?;
                let owner = *index.get(&id).ok_or_else(|| {
                    sets.damaged(format!("row {row}: activity {id} is not in {ACTIVITIES}"))
                })?;
                last = Some((owner_text, owner));
                owner
            }
        };
        counts[owner] += 1;
        owner_of_row.push(owner);
    }
    for (session, count) in sessions.iter_mut().zip(counts) {
        session.sets.reserve_exact(count);
    }
    let key = |row: usize| (owner_of_row[row], positions[row].unwrap_or(0));
    let in_order = (1..owner_of_row.len()).all(|row| key(row - 1) <= key(row));
    if in_order {
        for_each_set(sets, |row, set| sessions[owner_of_row[row]].sets.push(set))?;
    } else {
        let read = read_sets(sets)?;
        let mut rows: Vec<usize> = (0..read.len()).collect();
        rows.sort_by_key(|&row| key(row));
        let mut read: Vec<Option<StrengthSet>> = read.into_iter().map(Some).collect();
        for row in rows {
            if let Some(set) = read[row].take() {
                sessions[owner_of_row[row]].sets.push(set);
            }
        }
    }
    Ok(sessions)
}

/// Reads the source activities table and its sets.
pub(crate) fn read_source_activities(
    activities: &TableReader<'_>,
    sets: &TableReader<'_>,
) -> Result<Vec<SourceActivity>, StoreError> {
    let sessions = activities.strings("session_id")?;
    let entries = activities.u32s("entry")?;
    let mut rows = Vec::with_capacity(activities.height());
    for (row, activity) in read_activities(activities)?.into_iter().enumerate() {
        rows.push(SourceActivity {
            session: parse_id(activities, row, sessions[row])?,
            entry: activities.required("entry", row, entries[row])?,
            activity,
        });
    }
    let index: HashMap<(&Path, Option<&InnerPath>, u32), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                (
                    r.activity.source.path.as_path(),
                    r.activity.source.inner_path.as_ref(),
                    r.entry,
                ),
                i,
            )
        })
        .collect();
    let paths = sets.strings("source_path")?;
    let inner_paths = sets.inner_paths("source_inner_path")?;
    let set_entries = sets.u32s("entry")?;
    let order = sets.u32s("set_index")?;
    let mut keyed: Vec<(usize, u32, StrengthSet)> = Vec::with_capacity(sets.height());
    for (row, set) in read_sets(sets)?.into_iter().enumerate() {
        let path = Path::new(sets.required("source_path", row, paths[row])?);
        let entry = sets.required("entry", row, set_entries[row])?;
        let owner = *index
            .get(&(path, inner_paths[row].as_ref(), entry))
            .ok_or_else(|| sets.damaged(format!("row {row}: its activity is not in {SOURCE_ACTIVITIES}")))?;
        keyed.push((owner, order[row].unwrap_or(0), set));
    }
    drop(index);
    keyed.sort_by_key(|(owner, position, _)| (*owner, *position));
    for (owner, _, set) in keyed {
        rows[owner].activity.sets.push(set);
    }
    Ok(rows)
}

pub(crate) fn read_import_log(reader: &TableReader<'_>) -> Result<Vec<LoggedFile>, StoreError> {
    let paths = reader.strings("path")?;
    let sizes = reader.u64s("size")?;
    let modified = reader.instants("modified")?;
    let hashes = reader.strings("content_hash")?;
    let results = reader.strings("result")?;
    let formats = reader.strings("formats")?;
    let activities = reader.u32s("activities")?;
    let messages = reader.strings("message")?;
    let imported = reader.instants("imported_at")?;
    let versions = reader.strings("runlift_version")?;
    let mut files = Vec::with_capacity(reader.height());
    for row in 0..reader.height() {
        files.push(LoggedFile {
            path: PathBuf::from(reader.required("path", row, paths[row])?),
            size: reader.required("size", row, sizes[row])?,
            modified_ns: reader.required("modified", row, modified[row])?,
            content_hash: reader.required("content_hash", row, hashes[row])?.to_owned(),
            result: reader.required("result", row, results[row])?.to_owned(),
            formats: formats[row].unwrap_or_default().to_owned(),
            activities: activities[row].unwrap_or(0),
            message: messages[row].map(str::to_owned),
            imported_at_ms: imported[row].unwrap_or(0),
            runlift_version: versions[row].unwrap_or_default().to_owned(),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use runlift_model::{RunKind, Venue};

    use super::*;

    fn activity(sport: Sport, inner_path: Option<InnerPath>) -> Activity {
        let source = SourceRef {
            path: PathBuf::from("/exports/watch!export.zip"),
            inner_path,
            format: SourceFormat::Gpx,
        };
        let start = Timestamp::from_second(1_772_521_200).unwrap();
        Activity::new(sport, start, Duration::from_secs(3000), source)
    }

    fn write_and_read(frame: &mut DataFrame) -> Vec<Activity> {
        let dir = std::env::temp_dir().join(format!(
            "runlift-tables-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(ACTIVITIES);
        write_parquet(&path, frame).unwrap();
        let reader = TableReader::open(&dir, path, None).unwrap();
        let activities = read_activities(&reader).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        activities
    }

    fn write_and_read_sets(frame: &mut DataFrame) -> Vec<StrengthSet> {
        let dir = std::env::temp_dir().join(format!(
            "runlift-sets-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(SETS);
        write_parquet(&path, frame).unwrap();
        let reader = TableReader::open(&dir, path, None).unwrap();
        let sets = read_sets(&reader).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        sets
    }

    #[test]
    fn supersets_read_back_and_stores_written_before_them_read_too() {
        let mut session = activity(Sport::StrengthTraining, None);
        let mut pulldown = StrengthSet::new("Lat Pulldown (Cable)");
        pulldown.superset = Some(0);
        pulldown.rpe = Some(8.5);
        let mut face_pull = StrengthSet::new("Face Pull");
        face_pull.superset = Some(0);
        session.sets = vec![pulldown, face_pull, StrengthSet::new("Squat (Barbell)")];
        let mut frame = sets_frame(std::slice::from_ref(&session)).unwrap();
        let read = write_and_read_sets(&mut frame);
        let marks: Vec<_> = read.iter().map(|s| (s.superset, s.rpe)).collect();
        assert_eq!(marks, [(Some(0), Some(8.5)), (Some(0), None), (None, None)]);
        // A store written before sets kept their superset and effort has neither column.
        let _ = frame.drop_in_place("superset").unwrap();
        let _ = frame.drop_in_place("rpe").unwrap();
        let read = write_and_read_sets(&mut frame);
        assert!(read.iter().all(|s| s.superset.is_none() && s.rpe.is_none()));
        assert_eq!(read.len(), 3);
    }

    #[test]
    fn sports_and_paths_inside_archives_read_back_as_written() {
        let nested = InnerPath::new("inner!archive.zip").join("runs!2026/deep!er.gpx");
        let written: Vec<Activity> = [
            (Sport::Running(RunKind::Virtual), Some(nested)),
            (Sport::StrengthTraining, Some(InnerPath::new("a!b.csv"))),
            (Sport::Cycling(Venue::Indoor), None),
            (Sport::Hiit, None),
            (Sport::Other("kitesurf".to_owned()), None),
        ]
        .into_iter()
        .map(|(sport, inner)| activity(sport, inner))
        .collect();
        let mut frame = sessions_frame(&written).unwrap();
        let read = write_and_read(&mut frame);
        let pairs = |list: &[Activity]| -> Vec<(Sport, Option<InnerPath>, ActivityId)> {
            list.iter()
                .map(|a| (a.sport.clone(), a.source.inner_path.clone(), a.id))
                .collect()
        };
        assert_eq!(pairs(&read), pairs(&written));
        assert_eq!(
            read[0].source.inner_path.as_ref().unwrap().entries(),
            ["inner!archive.zip", "runs!2026/deep!er.gpx"]
        );
    }

    #[test]
    fn how_a_sport_was_inferred_reads_back_and_a_store_without_the_column_reads_as_named() {
        let mut inferred = activity(Sport::Running(RunKind::Unspecified), None);
        inferred.sport_inferred = Some(SportInference::Cadence);
        let mut set = activity(Sport::Walking, None);
        set.sport_inferred = Some(SportInference::Setting);
        let written = [inferred, set, activity(Sport::Hiit, None)];
        let mut frame = sessions_frame(&written).unwrap();
        let read = write_and_read(&mut frame);
        let inferences: Vec<Option<SportInference>> = read.iter().map(|a| a.sport_inferred).collect();
        assert_eq!(
            inferences,
            [Some(SportInference::Cadence), Some(SportInference::Setting), None]
        );
        let _ = frame.drop_in_place("sport_inferred").unwrap();
        let read = write_and_read(&mut frame);
        assert!(read.iter().all(|a| a.sport_inferred.is_none()));
    }

    #[test]
    fn a_store_written_before_one_vocabulary_and_structured_paths_reads_into_them() {
        // Such a store wrote the path inside archives as text joined with `!`, and other
        // sports by their source's name (`ride`, `high_intensity_interval_training`).
        let written = [
            activity(Sport::Other("ride".to_owned()), Some(InnerPath::new("x"))),
            activity(Sport::Other("high_intensity_interval_training".to_owned()), None),
            activity(Sport::Running(RunKind::Treadmill), Some(InnerPath::new("x"))),
        ];
        let mut frame = sessions_frame(&written).unwrap();
        let old_paths: Vec<Option<&str>> = vec![Some("export.zip!activities/1.gpx"), None, Some("run.fit")];
        frame
            .replace(
                "source_inner_path",
                Column::new("source_inner_path".into(), old_paths),
            )
            .unwrap();
        let read = write_and_read(&mut frame);
        assert_eq!(read[0].sport, Sport::Cycling(Venue::Unspecified));
        assert_eq!(read[1].sport, Sport::Hiit);
        assert_eq!(read[2].sport, Sport::Running(RunKind::Treadmill));
        // The ids the old store gave stay: its sessions are the same sessions.
        assert_eq!(
            read.iter().map(|a| a.id).collect::<Vec<_>>(),
            written.map(|a| a.id)
        );
        assert_eq!(
            read[0].source.inner_path.as_ref().unwrap().entries(),
            ["export.zip", "activities/1.gpx"]
        );
        assert_eq!(read[1].source.inner_path, None);
        assert_eq!(read[2].source.inner_path, Some(InnerPath::new("run.fit")));
    }
}
