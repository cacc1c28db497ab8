//! The CSV export of the Fitbod app (`WorkoutExport.csv`, from Log, then Export Data).
//!
//! Fitbod writes one row per set, each stamped with its workout's start in UTC:
//!
//! ```text
//! Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier
//! 2024-11-26 17:18:41 +0000,Hack Squat, 6,20.0,0.0,0.0,0.0,0.0,true,, 1.0
//! 2024-11-26 17:18:41 +0000,Dumbbell Bench Press, 10,22.6796185,0.0,0.0,0.0,0.0,false,, 2.0
//! 2024-11-26 17:18:41 +0000,Running - Treadmill, 0,0.0,240.0,1000.0,0.0,0.0,false,, 0.0
//! ```
//!
//! Numbers are padded with a space; weights logged in pounds are converted to kilograms
//! unrounded (`22.6796185` is 50 lb). `multiplier` is Fitbod's volume factor: 2 for a pair of
//! dumbbells or a per-side exercise, 4 for some lunges, 0 for cardio and assisted exercises.
//! Fitbod's support team sends Android users an extract with other names
//! (`date,exercise_name,Reps,weight_kg,duration_seconds,distance_meters,...`), which is read
//! the same way.

use std::time::Duration;

use csv::ByteRecord;
use jiff::tz::Offset;
use runlift_model::{ParseError, ParseErrorKind, Parsed, SetKind, SourceRef, StrengthSet, Timestamp};

use crate::CsvOptions;
use crate::collect::{Outcome, SetMaker, Workout, zone_name};
use crate::header::Header;
use crate::table::{Table, optional, present, text};
use crate::value::{self, Repeated};

/// The names of each column: the app's export first, the support team's extract second.
const DATE: [&str; 2] = ["Date", "date"];
const EXERCISE: [&str; 2] = ["Exercise", "exercise_name"];
const REPS: [&str; 1] = ["Reps"];
const WEIGHT: [&str; 2] = ["Weight(kg)", "weight_kg"];
const DURATION: [&str; 2] = ["Duration(s)", "duration_seconds"];
const DISTANCE: [&str; 2] = ["Distance(m)", "distance_meters"];
const WARM_UP: [&str; 1] = ["isWarmup"];
const MULTIPLIER: [&str; 1] = ["multiplier"];

/// How far apart two row stamps may be and still belong to one workout. Fitbod stamps every
/// set with its workout's start, so a workout's rows share one stamp; should a version stamp
/// each set with its own time, the sets of a workout are minutes apart, while two workouts
/// of one athlete are hours apart.
const SAME_WORKOUT: Duration = Duration::from_secs(30 * 60);

/// The index of the first column of `header` named one of `names`.
fn find(header: &Header, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| header.find(name))
}

/// Whether `header` is that of a Fitbod export: a date, an exercise, reps, a weight in
/// kilograms and the warm-up flag.
pub(crate) fn matches(header: &Header) -> bool {
    [&DATE[..], &EXERCISE, &REPS, &WEIGHT, &WARM_UP]
        .iter()
        .all(|names| find(header, names).is_some())
}

struct Columns {
    date: usize,
    exercise: usize,
    reps: usize,
    weight: usize,
    warm_up: usize,
    duration: Option<usize>,
    distance: Option<usize>,
    multiplier: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        let required = [
            ("Date", &DATE[..]),
            ("Exercise", &EXERCISE),
            ("Reps", &REPS),
            ("Weight(kg)", &WEIGHT),
            ("isWarmup", &WARM_UP),
        ];
        let missing: Vec<String> = required
            .iter()
            .filter(|(_, names)| find(header, names).is_none())
            .map(|(name, _)| format!("{name:?}"))
            .collect();
        if !missing.is_empty() {
            return Err(ParseErrorKind::Missing(format!(
                "the Fitbod column(s) {}",
                missing.join(", ")
            )));
        }
        let column = |names: &[&str]| find(header, names).unwrap_or_default();
        Ok(Columns {
            date: column(&DATE),
            exercise: column(&EXERCISE),
            reps: column(&REPS),
            weight: column(&WEIGHT),
            warm_up: column(&WARM_UP),
            duration: find(header, &DURATION),
            distance: find(header, &DISTANCE),
            multiplier: find(header, &MULTIPLIER),
        })
    }
}

/// One set row, read.
struct Row {
    start: Timestamp,
    offset: Option<Offset>,
    set: StrengthSet,
    /// Fitbod's multiplier was more than 1 (a pair of dumbbells, per side).
    multiplied: bool,
}

/// Reads a Fitbod export; see [`crate::CsvDialect::Fitbod`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;

    let mut outcome = Outcome::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut stamps = Repeated::new();
    let mut sets = SetMaker::default();
    let names = present(&[(Some(columns.exercise), EXERCISE[0])]);
    table.read_rows(
        source,
        &mut outcome,
        &names,
        |record| read_row(record, &columns, &mut stamps, &mut sets),
        |_, _, row| rows.push(row),
    );
    let multiplied = rows.iter().filter(|row| row.multiplied).count();
    let activities = workouts(rows)
        .into_iter()
        .map(|workout| workout.into_activity(source))
        .collect();
    outcome.note(format!(
        "Fitbod writes times in UTC and no workout length: rows stamped within 30 minutes of \
         each other are one workout, whose day is taken in {} time and whose length is estimated \
         from its sets",
        zone_name(options)
    ));
    if multiplied > 0 {
        outcome.note(format!(
            "{multiplied} set{} logged with a Fitbod multiplier of 2 or more (a pair of dumbbells, \
             or per side) keep the weight as logged, the load of one dumbbell or side",
            if multiplied == 1 { " was" } else { "s were" }
        ));
    }
    outcome.finish(activities, "the Fitbod export holds no sets, only its header")
}

/// The rows put together into workouts: sorted by their stamp (a stable sort, so a workout's
/// sets stay in file order), a new workout wherever the gap to the previous stamp exceeds
/// [`SAME_WORKOUT`]. A workout whose rows share one stamp is of unknown length; one whose rows
/// carry several lasts from the first to the last.
fn workouts(mut rows: Vec<Row>) -> Vec<Workout> {
    rows.sort_by_key(|row| row.start);
    let mut workouts: Vec<(Workout, Timestamp)> = Vec::new();
    for row in rows {
        match workouts.last_mut() {
            Some((workout, last)) if row.start.duration_since(*last).unsigned_abs() <= SAME_WORKOUT => {
                *last = row.start;
                workout.sets.push(row.set);
            }
            _ => {
                let mut workout = Workout::new(row.start, row.offset);
                workout.sets.push(row.set);
                workouts.push((workout, row.start));
            }
        }
    }
    workouts
        .into_iter()
        .map(|(mut workout, last)| {
            workout.elapsed = last.duration_since(workout.start).unsigned_abs();
            workout
        })
        .collect()
}

fn read_row(
    record: &ByteRecord,
    c: &Columns,
    stamps: &mut Repeated<(Timestamp, Option<Offset>)>,
    sets: &mut SetMaker,
) -> Result<Row, ParseErrorKind> {
    let (start, offset) = stamps.get(&text(record, c.date), |raw| {
        crate::stamp::instant(DATE[0], raw, "a time such as 2024-11-26 17:18:41 +0000")
    })?;
    let exercise = text(record, c.exercise);
    if exercise.is_empty() {
        return Err(ParseErrorKind::Missing(
            "the exercise's name (column \"Exercise\")".to_owned(),
        ));
    }
    let mut set = sets.set(&exercise);
    set.reps = value::count(REPS[0], &text(record, c.reps))?.filter(|&reps| reps > 0);
    set.weight_kg = value::non_negative(WEIGHT[0], &text(record, c.weight))?.filter(|&kg| kg > 0.0);
    set.duration = value::seconds(DURATION[0], &optional(record, c.duration))?.filter(|d| !d.is_zero());
    set.distance_m = value::non_negative(DISTANCE[0], &optional(record, c.distance))?.filter(|&m| m > 0.0);
    if warm_up(&text(record, c.warm_up))? {
        set.kind = SetKind::WarmUp;
    }
    let multiplier = value::non_negative(MULTIPLIER[0], &optional(record, c.multiplier))?;
    Ok(Row {
        start,
        offset,
        set,
        multiplied: multiplier.is_some_and(|m| m > 1.0),
    })
}

/// Fitbod's warm-up flag: `true` or `false` (blank is a working set).
fn warm_up(raw: &str) -> Result<bool, ParseErrorKind> {
    let text = raw.trim();
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(text));
    if is(&["true", "1", "yes"]) {
        Ok(true)
    } else if is(&["false", "0", "no", ""]) {
        Ok(false)
    } else {
        Err(ParseErrorKind::invalid_value(WARM_UP[0], raw, "true or false"))
    }
}
