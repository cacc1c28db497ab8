//! The CSV export of the FitNotes app (Android).
//!
//! FitNotes writes one row per set with the date alone, no time of day and no workout:
//!
//! ```text
//! Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment
//! 2022-09-14,Flat Barbell Bench Press,Chest,45.0,lbs,10,,,,""
//! ```
//!
//! Older exports put the unit into the weight column's name (`Weight (kgs)` or
//! `Weight (lbs)`) and have no `Comment`. `Category` is the muscle group the user filed the
//! exercise under; `Time` is the length of a timed set on a clock (`0:01:30`).

use csv::ByteRecord;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use runlift_model::{
    ParseError, ParseErrorKind, Parsed, SourceRef, StrengthSet, Timestamp, classify_muscle_category,
};

use crate::CsvOptions;
use crate::collect::{Outcome, SetMaker, Workout, Workouts, local_instant, zone_name};
use crate::header::Header;
use crate::table::{Table, optional, text};
use crate::units::{self, Length, Mass};
use crate::value::{self, Repeated};

const DATE: &str = "Date";
const EXERCISE: &str = "Exercise";
const CATEGORY: &str = "Category";
const REPS: &str = "Reps";
const WEIGHT_UNIT: &str = "Weight Unit";
const DISTANCE: &str = "Distance";
const DISTANCE_UNIT: &str = "Distance Unit";
const TIME: &str = "Time";
/// The weight columns and the unit each implies (`None`: `Weight Unit`'s, or the user's).
const WEIGHTS: [(&str, Option<Mass>); 5] = [
    ("Weight (kgs)", Some(Mass::Kilogram)),
    ("Weight (kg)", Some(Mass::Kilogram)),
    ("Weight (lbs)", Some(Mass::Pound)),
    ("Weight (lb)", Some(Mass::Pound)),
    ("Weight", None),
];

/// The columns without which a file is not a FitNotes export.
const REQUIRED: [&str; 4] = [DATE, EXERCISE, CATEGORY, REPS];

/// Whether `header` is that of a FitNotes export.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
}

struct Columns {
    date: usize,
    exercise: usize,
    category: usize,
    reps: usize,
    weight: Option<(usize, &'static str, Option<Mass>)>,
    weight_unit: Option<usize>,
    distance: Option<usize>,
    distance_unit: Option<usize>,
    time: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let find = |name: &str| header.find(name);
        Ok(Columns {
            date: find(DATE).unwrap_or_default(),
            exercise: find(EXERCISE).unwrap_or_default(),
            category: find(CATEGORY).unwrap_or_default(),
            reps: find(REPS).unwrap_or_default(),
            weight: WEIGHTS
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit))),
            weight_unit: find(WEIGHT_UNIT),
            distance: find(DISTANCE),
            distance_unit: find(DISTANCE_UNIT),
            time: find(TIME),
        })
    }
}

/// Reads a FitNotes CSV export; see [`crate::CsvDialect::FitNotes`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;

    let mut outcome = Outcome::default();
    // FitNotes knows no workouts, only days: all sets of a date are one workout.
    let mut workouts: Workouts<Date> = Workouts::new();
    let mut by_category = 0usize;
    let mut dates = Repeated::new();
    let mut sets = SetMaker::default();
    let names = [(columns.exercise, EXERCISE), (columns.category, CATEGORY)];
    table.read_rows(
        source,
        &mut outcome,
        &names,
        |record| read_row(record, &columns, options, &mut dates, &mut sets),
        |_, _, row| {
            by_category += usize::from(row.by_category);
            workouts.add_set(|date| *date == row.date, || row.date, || row.workout, row.set);
        },
    );
    let activities = workouts.into_activities(source);
    outcome.note(format!(
        "FitNotes records dates without a time of day and no workout length: each date is one \
         workout, starting at 00:00 {} time, of unknown length",
        zone_name(options)
    ));
    if by_category > 0 {
        outcome.note(format!(
            "{by_category} sets of exercises not in runlift's table were given the muscle group of \
             their FitNotes category"
        ));
    }
    outcome.finish(activities, "the FitNotes export holds no sets, only its header")
}

/// One set row, read.
struct Row {
    date: Date,
    /// The workout of the date, as far as one row tells.
    workout: Workout,
    set: StrengthSet,
    /// Whether the exercise was recognised by its category only.
    by_category: bool,
}

fn read_row(
    record: &ByteRecord,
    c: &Columns,
    options: &CsvOptions,
    dates: &mut Repeated<(Date, Timestamp, Offset)>,
    sets: &mut SetMaker,
) -> Result<Row, ParseErrorKind> {
    let (date, start, offset) = dates.get(&text(record, c.date), |raw| {
        let date = value::date(DATE, raw)?;
        let midnight = date.to_datetime(Time::midnight());
        let (start, offset) = local_instant(&options.time_zone, midnight, DATE, raw)?;
        Ok((date, start, offset))
    })?;
    let mut set = sets.set(&text(record, c.exercise));
    let mut by_category = false;
    if set.exercise.is_none() {
        set.exercise = classify_muscle_category(&text(record, c.category));
        by_category = set.exercise.is_some();
    }
    set.reps = value::count(REPS, &text(record, c.reps))?.filter(|&reps| reps > 0);
    if let Some(weight) = c.weight {
        let unit_column = c.weight_unit.map(|i| (i, WEIGHT_UNIT));
        set.weight_kg = units::weight_kg(record, weight, unit_column, Mass::of(options.weight_unit))?;
    }
    if let Some(index) = c.distance {
        let unit_column = c.distance_unit.map(|i| (i, DISTANCE_UNIT));
        let default = Length::long_of(options.weight_unit);
        set.distance_m = units::distance_m(record, (index, DISTANCE, None), unit_column, default)?;
    }
    set.duration = value::any_duration(TIME, &optional(record, c.time))?.filter(|d| !d.is_zero());
    Ok(Row {
        date,
        workout: Workout::on_date(start, Some(offset)),
        set,
        by_category,
    })
}
