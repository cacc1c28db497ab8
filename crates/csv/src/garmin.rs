//! The activities list Garmin Connect exports as CSV (Activities, then "Export CSV").
//!
//! One row per activity; numbers follow the account's locale (`5.48` and `"1,020"` in
//! English, `"7,00"` where a decimal comma is used), missing values are `--`, times are on a
//! clock, and `Date` is the local wall-clock time of the start:
//!
//! ```text
//! Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,...,Total Reps,Total Sets,...,Moving Time,Elapsed Time,Min Elevation,Max Elevation
//! Running,2025-02-06 17:06:03,false,"Wellington Running","5.48","447","00:31:24","153","176",...,"--","--",...,"00:31:08","00:32:57","-4","190"
//! ```
//!
//! Distances are in the account's unit (kilometres or miles), except for swims (metres or
//! yards); the file does not say which, so the weight-unit setting decides.

use std::time::Duration;

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport, StrengthSet};

use crate::collect::{Outcome, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, Utf8Check, check_row, optional, present, text};
use crate::units::Length;
use crate::value::{self, Decimal, When};
use crate::{CsvOptions, WeightUnit};

const ACTIVITY_TYPE: &str = "Activity Type";
const DATE: &str = "Date";
const TITLE: &str = "Title";
const DISTANCE: &str = "Distance";
const TIME: [&str; 2] = ["Time", "Activity Time"];
const MOVING_TIME: &str = "Moving Time";
const ELAPSED_TIME: &str = "Elapsed Time";
const AVG_HR: &str = "Avg HR";
const TOTAL_ASCENT: [&str; 2] = ["Total Ascent", "Elev Gain"];
const TOTAL_SETS: &str = "Total Sets";
/// Columns of text, which say nothing about the decimal separator.
const TEXT_COLUMNS: [&str; 4] = [ACTIVITY_TYPE, DATE, TITLE, "Favorite"];

/// The most sets a summary row may claim for one session: more is not a session but a typo,
/// and would cost memory for nothing.
const MAX_SETS: u32 = 1000;

/// The columns without which a file is not a Garmin Connect activities export.
const REQUIRED: [&str; 2] = [ACTIVITY_TYPE, DATE];

/// Whether `header` is that of a Garmin Connect activities export (and not Strava's, which
/// has an `Activity Type` too, but no `Date`).
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
        && (header.find_any(&TIME).is_some()
            || header.find(DISTANCE).is_some()
            || header.find(TITLE).is_some())
}

struct Columns {
    activity_type: usize,
    date: usize,
    title: Option<usize>,
    distance: Option<usize>,
    time: Option<(usize, &'static str)>,
    moving: Option<usize>,
    elapsed: Option<usize>,
    avg_hr: Option<usize>,
    ascent: Option<(usize, &'static str)>,
    total_sets: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let find = |name: &str| header.find(name);
        let first = |names: [&'static str; 2]| names.into_iter().find_map(|n| find(n).map(|i| (i, n)));
        Ok(Columns {
            activity_type: find(ACTIVITY_TYPE).unwrap_or_default(),
            date: find(DATE).unwrap_or_default(),
            title: find(TITLE),
            distance: find(DISTANCE),
            time: first(TIME),
            moving: find(MOVING_TIME),
            elapsed: find(ELAPSED_TIME),
            avg_hr: find(AVG_HR),
            ascent: first(TOTAL_ASCENT),
            total_sets: find(TOTAL_SETS),
        })
    }
}

/// Reads a Garmin Connect activities CSV; see [`crate::CsvDialect::GarminActivities`].
pub(crate) fn parse(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    let mut table = Table::open(bytes, source)?;
    let columns = Columns::locate(table.header())
        .map_err(|kind| ParseError::new(source, Some(table.header_position()), kind))?;
    let fields = table.header().len();
    let text_columns: Vec<usize> = TEXT_COLUMNS
        .iter()
        .filter_map(|name| table.header().find(name))
        .collect();

    // The decimal separator is a property of the whole file, so all rows are read first.
    let mut rows: Vec<(runlift_model::Position, Result<ByteRecord, ParseErrorKind>)> = Vec::new();
    while let Some((position, read)) = table.next_row() {
        rows.push((position, read.cloned()));
    }
    let decimal = Decimal::guess(
        rows.iter()
            .filter_map(|(_, row)| row.as_ref().ok())
            .flat_map(|record| {
                record
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !text_columns.contains(i))
                    .filter_map(|(_, field)| std::str::from_utf8(field).ok())
            }),
    );

    let mut outcome = Outcome::default();
    let mut utf8 = Utf8Check::default();
    let mut activities = Vec::new();
    let mut summary_sets = false;
    let names = present(&[
        (Some(columns.activity_type), ACTIVITY_TYPE),
        (columns.title, TITLE),
    ]);
    for (position, read) in rows {
        let activity = read.and_then(|record| {
            check_row(&record, fields, &mut utf8, &names, &mut outcome, source, position)?;
            read_row(&record, &columns, decimal, options, source)
        });
        match activity {
            Ok(activity) => {
                summary_sets |= !activity.sets.is_empty();
                activities.push(activity);
            }
            Err(kind) => outcome.row_left_out(source, position, kind),
        }
    }
    outcome.note(local_time_note("Garmin Connect", options));
    if decimal == Decimal::Comma {
        outcome.note("numbers were read with a decimal comma, the convention of this export");
    }
    let units = match options.weight_unit {
        WeightUnit::Kilograms => "kilometres (metres for swims, metres of climb)",
        WeightUnit::Pounds => "miles (yards for swims, feet of climb)",
    };
    outcome.note(format!(
        "Garmin Connect writes distances in the account's unit without naming it; they were read \
         in {units}, after the weight-unit setting"
    ));
    if summary_sets {
        outcome.note(
            "Garmin Connect's list gives strength sessions only their Total Sets and Total Reps: \
             each session got that many sets without an exercise name, and its total reps are not \
             kept per set",
        );
    }
    outcome.finish(
        activities,
        "the Garmin Connect export holds no activities, only its header",
    )
}

/// One activity row.
fn read_row(
    record: &ByteRecord,
    c: &Columns,
    decimal: Decimal,
    options: &CsvOptions,
    source: &SourceRef,
) -> Result<Activity, ParseErrorKind> {
    let activity_type = text(record, c.activity_type);
    if activity_type.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {ACTIVITY_TYPE}")));
    }
    let sport = Sport::from_name(&activity_type);
    let raw_date = text(record, c.date);
    let (start, utc_offset) =
        match value::date_time(DATE, &raw_date, "a date and time such as 2025-02-06 17:06:03")? {
            When::Local(local) => {
                let (start, offset) = local_instant(&options.time_zone, local, DATE, &raw_date)?;
                (start, Some(offset))
            }
            When::Instant(start, offset) => (start, offset),
        };
    let clock = |index: Option<usize>, name: &str| -> Result<Option<Duration>, ParseErrorKind> {
        let raw = optional(record, index);
        if raw == "--" {
            Ok(None)
        } else {
            value::clock(name, &raw)
        }
    };
    let time = match c.time {
        Some((index, name)) => clock(Some(index), name)?,
        None => None,
    };
    let moving_time = clock(c.moving, MOVING_TIME)?;
    let elapsed = clock(c.elapsed, ELAPSED_TIME)?
        .or(time)
        .or(moving_time)
        .unwrap_or_default();
    // For strength, Garmin's moving time counts only the seconds of movement the watch saw;
    // the timer's time, rests between sets included, is the training time.
    let moving = if sport == Sport::StrengthTraining {
        time.or(moving_time)
    } else {
        moving_time.or(time)
    };

    let mut activity = Activity::new(sport, start, elapsed, source.clone());
    activity.utc_offset = utc_offset;
    activity.moving = moving;
    activity.name = c
        .title
        .map(|i| text(record, i).into_owned())
        .filter(|t| !t.is_empty());
    let non_negative = |index: Option<usize>, name: &str| -> Result<Option<f64>, ParseErrorKind> {
        match decimal.number(name, &optional(record, index))? {
            Some(n) if n < 0.0 => Err(ParseErrorKind::invalid_value(
                name,
                &optional(record, index),
                "a number of 0 or more",
            )),
            n => Ok(n),
        }
    };
    let distance_unit = if activity.sport == Sport::Swimming {
        Length::short_of(options.weight_unit)
    } else {
        Length::long_of(options.weight_unit)
    };
    activity.distance_m = non_negative(c.distance, DISTANCE)?
        .filter(|&d| d > 0.0)
        .map(|d| distance_unit.metres(d));
    activity.avg_heart_rate = non_negative(c.avg_hr, AVG_HR)?.filter(|&hr| hr > 0.0);
    if let Some((index, name)) = c.ascent {
        activity.elevation_gain_m =
            non_negative(Some(index), name)?.map(|h| Length::height_of(options.weight_unit).metres(h));
    }
    if activity.sport == Sport::StrengthTraining {
        // `Total Reps` is not read: the model has no place for a session's total reps.
        if let Some(sets) = non_negative(c.total_sets, TOTAL_SETS)? {
            if sets.fract() != 0.0 || sets > f64::from(MAX_SETS) {
                return Err(ParseErrorKind::invalid_value(
                    TOTAL_SETS,
                    &optional(record, c.total_sets),
                    format!("a whole number of sets up to {MAX_SETS}"),
                ));
            }
            // Whole and at most MAX_SETS, checked just above.
            activity.sets = (0..sets as u32).map(|_| StrengthSet::new("")).collect();
        }
    }
    Ok(activity)
}
