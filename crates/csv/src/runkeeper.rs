//! Runkeeper's `cardioActivities.csv`, from the account's data export (Account Settings, then
//! Export Data), beside a GPX file for each activity recorded with GPS.
//!
//! ```text
//! Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File
//! 0c1b4d5e-...,2019-05-01 07:30:12,Running,,8.45,52:00,6:09,9.75,612.0,54,156,"","",2019-05-01-073012.gpx
//! ```
//!
//! Accounts set to imperial units get `Distance (mi)`, `Average Speed (mph)` and `Climb (ft)`.
//! `Date` is the local wall-clock time; `Duration` the time on the app's timer (pauses left
//! out), written `h:mm:ss` or `mm:ss`.

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport};

use crate::CsvOptions;
use crate::collect::{Memo, Outcome, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, optional, present, text};
use crate::units::Length;
use crate::value;

const ACTIVITY_ID: &str = "Activity Id";
const DATE: &str = "Date";
const TYPE: &str = "Type";
const ROUTE_NAME: &str = "Route Name";
const DURATION: &str = "Duration";
const AVERAGE_PACE: &str = "Average Pace";
const AVERAGE_HEART_RATE: &str = "Average Heart Rate (bpm)";
const GPX_FILE: &str = "GPX File";

/// The distance columns, and their unit.
const DISTANCES: [(&str, Length); 2] = [
    ("Distance (km)", Length::Kilometre),
    ("Distance (mi)", Length::Mile),
];
/// The climb columns, and their unit.
const CLIMBS: [(&str, Length); 2] = [("Climb (m)", Length::Metre), ("Climb (ft)", Length::Foot)];

/// The columns without which a file is not Runkeeper's.
const REQUIRED: [&str; 3] = [DATE, TYPE, DURATION];

/// Columns of which Runkeeper's file has at least one, and few other files any: so that a copy
/// without the `Activity Id` column (which runlift does not read) is still recognised.
const RUNKEEPER_ONLY: [&str; 3] = [ACTIVITY_ID, AVERAGE_PACE, GPX_FILE];

/// Whether `header` is that of Runkeeper's `cardioActivities.csv`: `Date`, `Type`,
/// `Duration`, a distance in kilometres or miles, and `Activity Id`, `Average Pace` or
/// `GPX File`.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
        && DISTANCES.iter().any(|(name, _)| header.find(name).is_some())
        && RUNKEEPER_ONLY.iter().any(|name| header.find(name).is_some())
}

struct Columns {
    date: usize,
    activity_type: usize,
    duration: usize,
    route_name: Option<usize>,
    distance: Option<(usize, &'static str, Length)>,
    climb: Option<(usize, &'static str, Length)>,
    average_heart_rate: Option<usize>,
    gpx_file: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let find = |name: &str| header.find(name);
        let with_unit = |columns: &[(&'static str, Length)]| {
            columns
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit)))
        };
        Ok(Columns {
            date: find(DATE).unwrap_or_default(),
            activity_type: find(TYPE).unwrap_or_default(),
            duration: find(DURATION).unwrap_or_default(),
            route_name: find(ROUTE_NAME),
            distance: with_unit(&DISTANCES),
            climb: with_unit(&CLIMBS),
            average_heart_rate: find(AVERAGE_HEART_RATE),
            gpx_file: find(GPX_FILE),
        })
    }
}

/// Reads Runkeeper's `cardioActivities.csv`; see [`crate::CsvDialect::Runkeeper`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;

    let mut outcome = Outcome::default();
    let mut activities = Vec::new();
    let names = present(&[(columns.route_name, ROUTE_NAME)]);
    let mut sports = Memo::new();
    table.read_rows(
        source,
        &mut outcome,
        &names,
        |record| read_row(record, &columns, source, options, &mut sports),
        |_, _, activity| activities.push(activity),
    );
    outcome.note(local_time_note("Runkeeper", options));
    outcome.finish(
        activities,
        "the Runkeeper cardioActivities.csv holds no activities, only its header",
    )
}

fn read_row(
    record: &ByteRecord,
    c: &Columns,
    source: &SourceRef,
    options: &CsvOptions,
    sports: &mut Memo<Sport>,
) -> Result<Activity, ParseErrorKind> {
    let raw_date = text(record, c.date);
    let local = value::local_date_time(DATE, &raw_date)?;
    let (start, offset) = local_instant(&options.time_zone, local, DATE, &raw_date)?;
    let activity_type = text(record, c.activity_type);
    if activity_type.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {TYPE}")));
    }
    let duration = value::clock(DURATION, &text(record, c.duration))?
        .ok_or_else(|| ParseErrorKind::Missing(format!("the {DURATION}")))?;
    // Runkeeper's timer leaves pauses out, and the file has no other time: alone, the row's
    // time on the timer stands for its elapsed time too (a joined GPX file has the real one).
    let mut activity = Activity::new(
        sports.get(&activity_type, Sport::from_name).clone(),
        start,
        duration,
        source.clone(),
    );
    activity.moving = Some(duration);
    activity.utc_offset = Some(offset);
    activity.name = c
        .route_name
        .map(|i| text(record, i).into_owned())
        .filter(|name| !name.is_empty());
    if let Some((index, name, unit)) = c.distance {
        activity.distance_m = value::non_negative(name, &text(record, index))?
            .filter(|&d| d > 0.0)
            .map(|d| unit.metres(d));
    }
    if let Some((index, name, unit)) = c.climb {
        activity.elevation_gain_m = value::non_negative(name, &text(record, index))?.map(|d| unit.metres(d));
    }
    activity.avg_heart_rate =
        value::non_negative(AVERAGE_HEART_RATE, &optional(record, c.average_heart_rate))?
            .filter(|&hr| hr > 0.0);
    activity.source_file_hint = c
        .gpx_file
        .map(|i| text(record, i).into_owned())
        .filter(|file| !file.is_empty());
    Ok(activity)
}
