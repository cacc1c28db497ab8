//! Reads the CSV exports of gym apps into runlift's model: one strength-training
//! [`Activity`](runlift_model::Activity) per workout, with its sets.
//!
//! Like every runlift format crate it turns bytes into a [`Parsed`] and knows nothing of files
//! on disk, stores or reports.
//!
//! - [`detect`] tells from the header line alone which app wrote a CSV file, as a
//!   [`CsvDialect`]; today only Strong ([`CsvDialect::Strong`]).
//! - [`parse`] reads a file of a known dialect; [`parse_strong`] is the Strong reader itself.
//! - [`CsvOptions`] supplies what the file does not say: the [`WeightUnit`] the user logs in and
//!   the time zone of the local wall-clock times gym apps write.
//!
//! Rows that cannot be read (a number or date that does not parse, a row of the wrong length)
//! are left out and reported in [`Parsed::warnings`], each with its
//! [`Position::Record`](runlift_model::Position::Record); the rest of the file is imported.
//!
//! ```
//! use runlift_csv::{CsvDialect, CsvOptions, detect, parse_strong};
//! use runlift_model::{SetKind, SourceFormat, SourceRef};
//!
//! let csv = r#"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",W,40.0,8.0,0,0.0,,,
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",1,80.0,5.0,0,0.0,,,
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",2,82.5,5.0,0,0.0,,,8
//! "#;
//! assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
//!
//! let source = SourceRef::file("strong.csv", SourceFormat::StrongCsv);
//! let parsed = parse_strong(csv.as_bytes(), &source, &CsvOptions::default())?;
//! assert!(parsed.warnings.is_empty());
//! let workout = &parsed.activities[0];
//! assert_eq!(workout.name.as_deref(), Some("Legs"));
//! assert_eq!(workout.elapsed.as_secs(), 35 * 60);
//! assert_eq!(workout.sets.len(), 3);
//! assert_eq!(workout.working_sets(), 2);
//! assert_eq!(workout.sets[0].kind, SetKind::WarmUp);
//! assert_eq!(workout.sets.iter().filter_map(|s| s.reps).sum::<u32>(), 18);
//! assert_eq!(workout.sets[2].weight_kg, Some(82.5));
//! # Ok::<(), runlift_model::ParseError>(())
//! ```
#![deny(missing_docs)]

mod header;
mod strong;
mod value;

use jiff::tz::TimeZone;
use runlift_model::{ParseError, Parsed, SourceFormat, SourceRef};

/// The unit a gym app's user logs weights in. CSV exports write bare numbers, so the unit has
/// to come from the user (Strong's older exports have a `Weight Unit` column, which wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WeightUnit {
    /// Kilograms; distances are then read as kilometres.
    #[default]
    Kilograms,
    /// Pounds (0.45359237 kg); distances are then read as miles.
    Pounds,
}

/// What a CSV export does not say about itself and the reader has to be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The unit weights (and, by the same account setting, distances) are written in.
    pub weight_unit: WeightUnit,
    /// The time zone of the local wall-clock times gym apps write (`2024-11-28 17:36:08`): the
    /// start instant is that time in this zone, and the activity's UTC offset is the zone's
    /// offset at that instant, so the session counts on the day written in the file.
    pub time_zone: TimeZone,
}

impl Default for CsvOptions {
    /// Kilograms and UTC.
    fn default() -> Self {
        CsvOptions {
            weight_unit: WeightUnit::Kilograms,
            time_zone: TimeZone::UTC,
        }
    }
}

/// The app that wrote a CSV export, as far as runlift reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CsvDialect {
    /// The Strong app's export (`Date,Workout Name,Duration,Exercise Name,Set Order,...`).
    Strong,
}

impl CsvDialect {
    /// The source format of files in this dialect, for their [`SourceRef`].
    pub fn source_format(self) -> SourceFormat {
        match self {
            CsvDialect::Strong => SourceFormat::StrongCsv,
        }
    }
}

/// The dialect of a CSV export, from its header line only; `None` when no reader here knows it.
///
/// Tolerates a UTF-8 byte-order mark, CRLF line endings, blank lines before the header, quoted
/// column names, any column order, extra columns, and semicolons as separators. A Strong export
/// is recognised by the columns `Date`, `Workout Name`, `Exercise Name` and `Set Order`.
pub fn detect(bytes: &[u8]) -> Option<CsvDialect> {
    let line = header::first_line(header::strip_bom(bytes))?;
    let header = header::Header::from_line(line, header::delimiter(line))?;
    strong::matches(&header).then_some(CsvDialect::Strong)
}

/// Reads a CSV export of the given dialect; see the dialect's reader ([`parse_strong`]).
pub fn parse(
    bytes: &[u8],
    dialect: CsvDialect,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    match dialect {
        CsvDialect::Strong => parse_strong(bytes, source, options),
    }
}

/// Reads the CSV export of the Strong app: one strength-training activity per workout, with one
/// [`StrengthSet`](runlift_model::StrengthSet) per set row.
///
/// **Workouts.** Rows sharing `Date` and `Workout Name` form one workout, wherever they are in
/// the file; workouts come out in the order first seen, their sets in file order. The start
/// is `Date` as a local time in [`CsvOptions::time_zone`] (a time skipped by a DST change is
/// moved forward, a repeated one taken at its first occurrence), elapsed time is the first
/// row's `Duration` (`35m`, `1h 5m`, `45s`, or plain seconds; zero when the export has none),
/// and moving time and perceived effort stay unknown (Strong's `RPE` is per set).
///
/// **Sets.** `Set Order` gives the kind: a number is a working set, `W` a warm-up, `D` a drop
/// set and `F` a failure set. `Reps`, `Weight`, `Seconds` and `Distance` of 0 or blank mean
/// "not recorded" and become `None` (Strong writes 0 kg for body-weight exercises). Weights are
/// converted to kilograms from [`CsvOptions::weight_unit`]; Strong writes distances in the
/// user's unit too, read as kilometres for kilogram users and miles for pound users (a
/// `Weight Unit` or `Distance Unit` column, in older exports, overrides). Numbers may use a
/// decimal comma (`"72,5"`). Rows of the rest timer (`Rest Timer` as set order or exercise)
/// and rows with every field blank are not data and are skipped silently.
///
/// **Errors.** A row with a value that does not parse (named with its column and value in
/// the message), a negative number, or the wrong number of fields is left out and reported
/// in [`Parsed::warnings`] at its record and line (the header is record 0); so is the first
/// workout or exercise name that is not UTF-8, which is kept with the bad bytes replaced by
/// U+FFFD. It is an error when the file is empty
/// ([`ParseErrorKind::Empty`](runlift_model::ParseErrorKind::Empty)), when the header lacks
/// `Date`, `Workout Name`, `Exercise Name`, `Set Order`, or all of the set columns
/// ([`ParseErrorKind::Missing`](runlift_model::ParseErrorKind::Missing), naming them), and
/// when there were data rows but none could be read (the first row's error). A header without
/// sets is read without error, with [`Parsed::nothing_to_import`] saying so. No input panics.
pub fn parse_strong(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    strong::parse(bytes, source, options)
}

#[cfg(test)]
mod tests;
