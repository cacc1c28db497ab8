//! The CSV export of the Strong app.
//!
//! Strong writes one row per set, each repeating its workout's date, name and duration:
//!
//! ```text
//! Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
//! 2024-11-28 17:36:08,"B",35m,"Bent Over Row (Barbell)",1,10.0,13.0,0,0.0,,,
//! ```
//!
//! Older exports are separated by semicolons, lack `Duration` (or call it `Workout Duration`)
//! and add `Weight Unit` and `Distance Unit` columns; both shapes are read, with columns found
//! by name.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Duration;

use csv::ByteRecord;
use jiff::civil::DateTime;
use jiff::tz::Offset;
use runlift_model::{
    Activity, ParseError, ParseErrorKind, Parsed, Position, SetKind, SourceRef, Sport, StrengthSet, Timestamp,
};

use crate::header::{self, Header, Lines};
use crate::{CsvOptions, WeightUnit, value};

const DATE: &str = "Date";
const WORKOUT_NAME: &str = "Workout Name";
const EXERCISE_NAME: &str = "Exercise Name";
const SET_ORDER: &str = "Set Order";
const DURATION: [&str; 2] = ["Duration", "Workout Duration"];
const WEIGHT: &str = "Weight";
const REPS: &str = "Reps";
const DISTANCE: &str = "Distance";
const SECONDS: &str = "Seconds";
const WEIGHT_UNIT: &str = "Weight Unit";
const DISTANCE_UNIT: &str = "Distance Unit";

/// The columns without which a file is not a Strong export.
const REQUIRED: [&str; 4] = [DATE, WORKOUT_NAME, EXERCISE_NAME, SET_ORDER];

/// What `Set Order` (or `Exercise Name`) says on the rows of Strong's rest timer.
const REST_TIMER: &str = "Rest Timer";

const POUND_KG: f64 = 0.453_592_37;
const KILOMETRE_M: f64 = 1000.0;
const MILE_M: f64 = 1609.344;
const FOOT_M: f64 = 0.3048;

/// Whether `header` is that of a Strong export.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
}

/// Where the columns Strong writes are, by index.
struct Columns {
    date: usize,
    workout_name: usize,
    exercise_name: usize,
    set_order: usize,
    duration: Option<usize>,
    weight: Option<usize>,
    reps: Option<usize>,
    distance: Option<usize>,
    seconds: Option<usize>,
    weight_unit: Option<usize>,
    distance_unit: Option<usize>,
}

impl Columns {
    /// The columns of `header`, or what is missing from it.
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|name| header.find(name).is_none())
            .collect();
        let [date, workout_name, exercise_name, set_order] = REQUIRED.map(|name| header.find(name));
        let (Some(date), Some(workout_name), Some(exercise_name), Some(set_order)) =
            (date, workout_name, exercise_name, set_order)
        else {
            let what = match missing.as_slice() {
                [one] => format!("the column {one:?}"),
                many => format!(
                    "each of the columns {}",
                    many.iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(ParseErrorKind::Missing(what));
        };
        let columns = Columns {
            date,
            workout_name,
            exercise_name,
            set_order,
            duration: header.find_any(&DURATION),
            weight: header.find(WEIGHT),
            reps: header.find(REPS),
            distance: header.find(DISTANCE),
            seconds: header.find(SECONDS),
            weight_unit: header.find(WEIGHT_UNIT),
            distance_unit: header.find(DISTANCE_UNIT),
        };
        if [columns.weight, columns.reps, columns.distance, columns.seconds]
            .iter()
            .all(Option::is_none)
        {
            return Err(ParseErrorKind::Missing(
                "a column of set values (\"Weight\", \"Reps\", \"Seconds\" or \"Distance\")".to_owned(),
            ));
        }
        Ok(columns)
    }
}

/// One set row, read.
struct Row {
    date: DateTime,
    workout_name: String,
    start: Timestamp,
    utc_offset: Offset,
    duration: Option<Duration>,
    set: StrengthSet,
}

/// What a data row turned out to be.
enum RowKind {
    /// A set.
    Set(Box<Row>),
    /// A row of the rest timer, or one with every field blank: not data.
    NotASet,
}

/// A workout being put together from its rows.
struct Workout {
    name: String,
    start: Timestamp,
    utc_offset: Offset,
    elapsed: Duration,
    sets: Vec<StrengthSet>,
}

/// Reads a Strong CSV export; see [`crate::parse_strong`].
pub(crate) fn parse(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    let bytes = header::strip_bom(bytes);
    let Some(first_line) = header::first_line(bytes) else {
        return Err(ParseError::new(source, None, ParseErrorKind::Empty));
    };
    let mut reader = header::reader(bytes, header::delimiter(first_line));
    let mut lines = Lines::new(bytes);
    let mut record = ByteRecord::new();
    // The header is the first record with some text: csv skips empty lines itself, and lines
    // of spaces before the header (which `detect` skips too) are passed over here.
    let header = loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => break Header::from_record(&record),
            Ok(false) => return Err(ParseError::new(source, None, ParseErrorKind::Empty)),
            Err(err) => {
                let kind = ParseErrorKind::Syntax(format!("the header cannot be read: {err}"));
                return Err(ParseError::new(
                    source,
                    record_position(&record, 0, &mut lines),
                    kind,
                ));
            }
        }
    };
    let header_position = record_position(&record, 0, &mut lines);
    let columns = Columns::locate(&header).map_err(|kind| ParseError::new(source, header_position, kind))?;

    let mut reading = Reading {
        columns,
        fields: header.len(),
        options,
        warned_utf8: false,
        warnings: Vec::new(),
    };
    let mut workouts: Vec<Workout> = Vec::new();
    let mut by_key: HashMap<(DateTime, String), usize> = HashMap::new();
    let mut first_row_error: Option<ParseError> = None;
    let mut next_record = 1u64;
    loop {
        let read = reader.read_byte_record(&mut record);
        let position = record_position(&record, next_record, &mut lines);
        next_record += 1;
        let kind = match read {
            Ok(false) => break,
            Ok(true) => {
                if let Some(kind) = reading.check_utf8(&record) {
                    reading.warnings.push(ParseError::new(source, position, kind));
                }
                reading.row(&record)
            }
            // With a byte slice as input and rows of any length accepted, csv has no error left
            // to report; should one appear, it is the row's.
            Err(err) => Err(ParseErrorKind::Syntax(err.to_string())),
        };
        let row = match kind {
            Ok(RowKind::NotASet) => continue,
            Ok(RowKind::Set(row)) => row,
            Err(kind) => {
                let error = ParseError::new(source, position, kind);
                first_row_error.get_or_insert_with(|| error.clone());
                reading.warnings.push(error);
                continue;
            }
        };
        let Row {
            date,
            workout_name,
            start,
            utc_offset,
            duration,
            set,
        } = *row;
        let index = *by_key.entry((date, workout_name.clone())).or_insert_with(|| {
            workouts.push(Workout {
                name: workout_name,
                start,
                utc_offset,
                elapsed: duration.unwrap_or_default(),
                sets: Vec::new(),
            });
            workouts.len() - 1
        });
        workouts[index].sets.push(set);
    }

    let warnings = reading.warnings;
    if workouts.is_empty() {
        if let Some(error) = first_row_error {
            return Err(error);
        }
        let why = "the Strong export holds no sets, only its header (and maybe rest-timer rows)";
        return Ok(Parsed {
            activities: Vec::new(),
            warnings,
            nothing_to_import: Some(why.to_owned()),
            notes: Vec::new(),
        });
    }
    let activities = workouts
        .into_iter()
        .map(|workout| {
            let mut activity = Activity::new(
                Sport::StrengthTraining,
                workout.start,
                workout.elapsed,
                source.clone(),
            );
            activity.name = (!workout.name.is_empty()).then_some(workout.name);
            activity.utc_offset = Some(workout.utc_offset);
            activity.sets = workout.sets;
            activity
        })
        .collect();
    let zone = options.time_zone.iana_name().unwrap_or("the system's local time zone");
    Ok(Parsed {
        activities,
        warnings,
        nothing_to_import: None,
        notes: vec![format!("Strong writes local times without a UTC offset; they were read as {zone} time")],
    })
}

/// The position of `record`, the `number`th after the header (which is record 0).
fn record_position(record: &ByteRecord, number: u64, lines: &mut Lines) -> Option<Position> {
    let line = record.position().map_or(number + 1, |p| lines.line_of(p.byte()));
    Some(Position::Record { record: number, line })
}

/// Whether every field of `record` is empty or spaces.
fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|field| field.trim_ascii().is_empty())
}

/// The state of reading the data rows of one file.
struct Reading<'o> {
    columns: Columns,
    fields: usize,
    options: &'o CsvOptions,
    /// Whether text that is not UTF-8 has been reported already (once per file is enough).
    warned_utf8: bool,
    warnings: Vec<ParseError>,
}

impl Reading<'_> {
    /// The first name in `record` that is not valid UTF-8, reported once per file: such names
    /// are kept with the bad bytes replaced by U+FFFD, so the set still counts, under a
    /// slightly wrong name. (Numbers with bad bytes fail to parse and leave their row out.)
    fn check_utf8(&mut self, record: &ByteRecord) -> Option<ParseErrorKind> {
        if self.warned_utf8 {
            return None;
        }
        let c = &self.columns;
        for (index, name) in [(c.workout_name, WORKOUT_NAME), (c.exercise_name, EXERCISE_NAME)] {
            let field = record.get(index).unwrap_or_default();
            if std::str::from_utf8(field).is_err() {
                self.warned_utf8 = true;
                let lossy = String::from_utf8_lossy(field);
                return Some(ParseErrorKind::invalid_value(
                    name,
                    &lossy,
                    "UTF-8 text (kept with the invalid bytes replaced)",
                ));
            }
        }
        None
    }

    /// Reads one data row, or says what is wrong with it.
    fn row(&self, record: &ByteRecord) -> Result<RowKind, ParseErrorKind> {
        if is_blank(record) {
            return Ok(RowKind::NotASet);
        }
        let c = &self.columns;
        let text = |index: usize| String::from_utf8_lossy(record.get(index).unwrap_or_default());
        let set_order = text(c.set_order);
        let exercise_name = text(c.exercise_name);
        if set_order.trim().eq_ignore_ascii_case(REST_TIMER)
            || exercise_name.trim().eq_ignore_ascii_case(REST_TIMER)
        {
            return Ok(RowKind::NotASet);
        }
        if record.len() != self.fields {
            return Err(ParseErrorKind::Syntax(format!(
                "found a record with {} fields, but the header has {} fields",
                record.len(),
                self.fields
            )));
        }
        let workout_name = text(c.workout_name);
        let optional = |index: Option<usize>| index.map_or(Cow::Borrowed(""), text);

        let raw_date = text(c.date);
        let date = value::local_date_time(DATE, &raw_date)?;
        let time_zone = &self.options.time_zone;
        let start = time_zone.to_ambiguous_timestamp(date).compatible().map_err(|_| {
            ParseErrorKind::invalid_value(DATE, &raw_date, "a date and time that exists in the time zone")
        })?;
        let utc_offset = time_zone.to_offset(start);
        let duration = value::workout_duration(DURATION[0], &optional(c.duration))?;

        let mut set = StrengthSet::new(exercise_name.trim());
        set.kind = set_kind(&set_order)?;
        set.reps = value::count(REPS, &optional(c.reps))?.filter(|&reps| reps > 0);
        let unit = match c.weight_unit {
            Some(index) => weight_unit(&text(index))?.unwrap_or(self.options.weight_unit),
            None => self.options.weight_unit,
        };
        set.weight_kg = value::non_negative(WEIGHT, &optional(c.weight))?
            .filter(|&w| w > 0.0)
            .map(|w| match unit {
                WeightUnit::Kilograms => w,
                WeightUnit::Pounds => w * POUND_KG,
            });
        set.duration = value::seconds(SECONDS, &optional(c.seconds))?.filter(|d| !d.is_zero());
        let metres_per_unit = match c.distance_unit {
            Some(index) => distance_unit(&text(index))?,
            None => None,
        }
        .unwrap_or(match self.options.weight_unit {
            WeightUnit::Kilograms => KILOMETRE_M,
            WeightUnit::Pounds => MILE_M,
        });
        set.distance_m = value::non_negative(DISTANCE, &optional(c.distance))?
            .filter(|&d| d > 0.0)
            .map(|d| d * metres_per_unit);

        Ok(RowKind::Set(Box::new(Row {
            date,
            workout_name: workout_name.trim().to_owned(),
            start,
            utc_offset,
            duration,
            set,
        })))
    }
}

/// The kind of set `Set Order` stands for: a number for a working set; `W`, `D` or `F` (also
/// followed by a number) for a warm-up, drop or failure set.
fn set_kind(raw: &str) -> Result<SetKind, ParseErrorKind> {
    let text = raw.trim();
    let numbered = |rest: &str| rest.chars().all(|c| c.is_ascii_digit());
    let mut chars = text.chars();
    let kind = match chars.next().map(|c| c.to_ascii_uppercase()) {
        Some('W') if numbered(chars.as_str()) => SetKind::WarmUp,
        Some('D') if numbered(chars.as_str()) => SetKind::Drop,
        Some('F') if numbered(chars.as_str()) => SetKind::Failure,
        Some(c) if c.is_ascii_digit() && value::count(SET_ORDER, text).is_ok() => SetKind::Working,
        _ => {
            return Err(ParseErrorKind::invalid_value(
                SET_ORDER,
                raw,
                "a set number, W, D, F or Rest Timer",
            ));
        }
    };
    Ok(kind)
}

/// The unit of a `Weight Unit` field (`kg`, `lbs`); `None` when blank.
fn weight_unit(raw: &str) -> Result<Option<WeightUnit>, ParseErrorKind> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "kg" | "kgs" => Ok(Some(WeightUnit::Kilograms)),
        "lb" | "lbs" => Ok(Some(WeightUnit::Pounds)),
        _ => Err(ParseErrorKind::invalid_value(WEIGHT_UNIT, raw, "kg or lbs")),
    }
}

/// Metres per unit of a `Distance Unit` field (`km`, `mi`, `m`, `ft`); `None` when blank.
fn distance_unit(raw: &str) -> Result<Option<f64>, ParseErrorKind> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "km" => Ok(Some(KILOMETRE_M)),
        "mi" | "miles" => Ok(Some(MILE_M)),
        "m" => Ok(Some(1.0)),
        "ft" => Ok(Some(FOOT_M)),
        _ => Err(ParseErrorKind::invalid_value(
            DISTANCE_UNIT,
            raw,
            "km, mi, m or ft",
        )),
    }
}
