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
//! and add `Weight Unit` and `Distance Unit` columns; newer ones start with `Workout #` and put
//! the units in the column names (`Duration (sec)`, `Weight (kg)` or `Weight (lbs)`,
//! `Distance (meters)`). All are read, with columns found by name.

use std::borrow::Cow;
use std::time::Duration;

use csv::ByteRecord;
use jiff::civil::DateTime;
use jiff::tz::Offset;
use runlift_model::{ParseError, ParseErrorKind, Parsed, SetKind, SourceRef, StrengthSet, Timestamp};

use crate::CsvOptions;
use crate::cardio;
use crate::collect::{Outcome, SetMaker, Workout, Workouts, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, Utf8Check, check_length, optional, text};
use crate::units::{self, Length, Mass};
use crate::value::{self, Repeated};

const DATE: &str = "Date";
const WORKOUT_NAME: &str = "Workout Name";
const EXERCISE_NAME: &str = "Exercise Name";
const SET_ORDER: &str = "Set Order";
const DURATION: [&str; 3] = ["Duration", "Workout Duration", "Duration (sec)"];
const REPS: &str = "Reps";
const SECONDS: &str = "Seconds";
const RPE: &str = "RPE";
const WEIGHT_UNIT: &str = "Weight Unit";
const DISTANCE_UNIT: &str = "Distance Unit";

/// The weight columns and the unit each implies (`None`: the user's, or `Weight Unit`'s).
const WEIGHTS: [(&str, Option<Mass>); 3] = [
    ("Weight", None),
    ("Weight (kg)", Some(Mass::Kilogram)),
    ("Weight (lbs)", Some(Mass::Pound)),
];

/// The distance columns and the unit each implies.
const DISTANCES: [(&str, Option<Length>); 5] = [
    ("Distance", None),
    ("Distance (meters)", Some(Length::Metre)),
    ("Distance (m)", Some(Length::Metre)),
    ("Distance (km)", Some(Length::Kilometre)),
    ("Distance (miles)", Some(Length::Mile)),
];

/// The columns without which a file is not a Strong export.
const REQUIRED: [&str; 4] = [DATE, WORKOUT_NAME, EXERCISE_NAME, SET_ORDER];

/// What `Set Order` (or `Exercise Name`) says on the rows of Strong's rest timer.
const REST_TIMER: &str = "Rest Timer";

/// What `Set Order` says on the rows of an exercise's note (2025 exports), which are no set.
const NOTE: &str = "Note";

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
    duration: Option<(usize, &'static str)>,
    weight: Option<(usize, &'static str, Option<Mass>)>,
    reps: Option<usize>,
    distance: Option<(usize, &'static str, Option<Length>)>,
    seconds: Option<usize>,
    weight_unit: Option<usize>,
    distance_unit: Option<usize>,
    rpe: Option<usize>,
}

impl Columns {
    /// The columns of `header`, or what is missing from it.
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let [date, workout_name, exercise_name, set_order] =
            REQUIRED.map(|name| header.find(name).unwrap_or_default());
        let columns = Columns {
            date,
            workout_name,
            exercise_name,
            set_order,
            duration: DURATION
                .iter()
                .find_map(|&name| header.find(name).map(|i| (i, name))),
            weight: WEIGHTS
                .iter()
                .find_map(|&(name, unit)| header.find(name).map(|i| (i, name, unit))),
            reps: header.find(REPS),
            distance: DISTANCES
                .iter()
                .find_map(|&(name, unit)| header.find(name).map(|i| (i, name, unit))),
            seconds: header.find(SECONDS),
            weight_unit: header.find(WEIGHT_UNIT),
            distance_unit: header.find(DISTANCE_UNIT),
            rpe: header.find(RPE),
        };
        if columns.weight.is_none()
            && columns.reps.is_none()
            && columns.distance.is_none()
            && columns.seconds.is_none()
        {
            return Err(ParseErrorKind::Missing(
                "a column of set values (\"Weight\", \"Reps\", \"Seconds\" or \"Distance\")".to_owned(),
            ));
        }
        Ok(columns)
    }
}

/// One set row, read: the workout it belongs to, as far as one row tells, and the set.
struct Row<'r> {
    date: DateTime,
    start: Timestamp,
    utc_offset: Offset,
    name: Cow<'r, str>,
    elapsed: Option<Duration>,
    set: StrengthSet,
}

/// The values the rows of one workout repeat, read once per workout.
struct Repeats {
    dates: Repeated<(DateTime, Timestamp, Offset)>,
    durations: Repeated<Option<Duration>>,
}

/// Reads a Strong CSV export; see [`crate::parse_strong`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;
    let fields = table.header().len();

    let mut outcome = Outcome::default();
    let mut utf8 = Utf8Check::default();
    // Rows sharing date and workout name are one workout, wherever they are in the file; its
    // name and duration (repeated on every row) are taken from the first.
    let mut workouts: Workouts<(DateTime, String)> = Workouts::new();
    let mut repeats = Repeats {
        dates: Repeated::new(),
        durations: Repeated::new(),
    };
    let mut sets = SetMaker::default();
    while let Some((position, read)) = table.next_row() {
        let row = read.and_then(|record| {
            let names = [
                (columns.workout_name, WORKOUT_NAME),
                (columns.exercise_name, EXERCISE_NAME),
            ];
            if let Some(kind) = utf8.check(record, &names) {
                outcome.warn(source, position, kind);
            }
            read_row(record, fields, &columns, options, &mut repeats, &mut sets)
        });
        let row = match row {
            Ok(Some(row)) => row,
            Ok(None) => continue,
            Err(kind) => {
                outcome.row_left_out(source, position, kind);
                continue;
            }
        };
        let Row {
            date,
            start,
            utc_offset,
            name,
            elapsed,
            set,
        } = row;
        workouts.add_set(
            |(last_date, last_name)| *last_date == date && *last_name == name,
            || (date, name.clone().into_owned()),
            || {
                let mut workout = Workout::new(start, Some(utc_offset));
                workout.name = Some(name.clone().into_owned());
                workout.elapsed = elapsed.unwrap_or_default();
                workout
            },
            set,
        );
    }
    let activities = cardio::finish_workouts(workouts.into_list(), source, &mut outcome);
    outcome.note(local_time_note("Strong", options));
    outcome.finish(
        activities,
        "the Strong export holds no sets, only its header (and maybe rest-timer rows)",
    )
}

/// Reads one data row: `None` for a row of the rest timer, which is not a set.
fn read_row<'r>(
    record: &'r ByteRecord,
    fields: usize,
    c: &Columns,
    options: &CsvOptions,
    repeats: &mut Repeats,
    sets: &mut SetMaker,
) -> Result<Option<Row<'r>>, ParseErrorKind> {
    let set_order = text(record, c.set_order);
    let exercise_name = text(record, c.exercise_name);
    if set_order.eq_ignore_ascii_case(REST_TIMER)
        || exercise_name.eq_ignore_ascii_case(REST_TIMER)
        || set_order.trim().eq_ignore_ascii_case(NOTE)
    {
        return Ok(None);
    }
    check_length(record, fields)?;
    let (date, start, utc_offset) = repeats.dates.get(&text(record, c.date), |raw| {
        let date = value::local_date_time(DATE, raw)?;
        let (start, offset) = local_instant(&options.time_zone, date, DATE, raw)?;
        Ok((date, start, offset))
    })?;
    let elapsed = match c.duration {
        Some((index, name)) => repeats
            .durations
            .get(&text(record, index), |raw| value::workout_duration(name, raw))?,
        None => None,
    };

    let mut set = sets.set(&exercise_name);
    set.kind = set_kind(&set_order)?;
    set.reps = value::count(REPS, &optional(record, c.reps))?.filter(|&reps| reps > 0);
    if let Some(weight) = c.weight {
        let unit_column = c.weight_unit.map(|i| (i, WEIGHT_UNIT));
        set.weight_kg = units::weight_kg(record, weight, unit_column, Mass::of(options.weight_unit))?;
    }
    set.duration = value::seconds(SECONDS, &optional(record, c.seconds))?.filter(|d| !d.is_zero());
    set.rpe = value::rpe(RPE, &optional(record, c.rpe))?;
    if let Some(distance) = c.distance {
        let unit_column = c.distance_unit.map(|i| (i, DISTANCE_UNIT));
        // Strong writes distances in the unit system of the user's weights.
        let default = Length::long_of(options.weight_unit);
        set.distance_m = units::distance_m(record, distance, unit_column, default)?;
    }

    Ok(Some(Row {
        date,
        start,
        utc_offset,
        name: text(record, c.workout_name),
        elapsed,
        set,
    }))
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
                "a set number, W, D, F, Rest Timer or Note",
            ));
        }
    };
    Ok(kind)
}
