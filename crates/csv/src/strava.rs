//! Strava's `activities.csv`, the summary of every activity in a Strava bulk export.
//!
//! One row per activity, in about a hundred columns. Several names appear twice: the first
//! `Elapsed Time`, `Distance`, `Max Heart Rate`, `Relative Effort` and `Commute` columns hold
//! the values as the web page shows them (distance in the athlete's display unit), the later
//! ones the raw values (metres and seconds):
//!
//! ```text
//! Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,...,Filename,...,Elapsed Time,Moving Time,Distance,...
//! 4689591795,"Jan 27, 2021, 1:57:47 PM",Afternoon Ride,Ride,,1275,5.61,...,activities/4689591795.gpx,...,1275.0,1258.0,5612.39990234375,...
//! ```
//!
//! `Activity Date` is in UTC. `Filename` names the activity's own file in the export
//! (`activities/4689591795.gpx`, `.fit.gz`, ...); it is empty for activities entered by hand.

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport};

use crate::CsvOptions;
use crate::collect::{Memo, Outcome};
use crate::header::Header;
use crate::table::{Table, present, text};
use crate::units::Length;
use crate::value::{self, When};

const ACTIVITY_ID: &str = "Activity ID";
const ACTIVITY_DATE: &str = "Activity Date";
const ACTIVITY_NAME: &str = "Activity Name";
const ACTIVITY_TYPE: &str = "Activity Type";
const ELAPSED_TIME: &str = "Elapsed Time";
const MOVING_TIME: &str = "Moving Time";
const DISTANCE: &str = "Distance";
const ELEVATION_GAIN: &str = "Elevation Gain";
const AVERAGE_HEART_RATE: &str = "Average Heart Rate";
const PERCEIVED_EXERTION: &str = "Perceived Exertion";
const FILENAME: &str = "Filename";

/// The columns without which a file is not Strava's `activities.csv`.
const REQUIRED: [&str; 4] = [ACTIVITY_ID, ACTIVITY_DATE, ACTIVITY_TYPE, ELAPSED_TIME];

/// Whether `header` is that of Strava's `activities.csv`.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
}

struct Columns {
    date: usize,
    name: Option<usize>,
    activity_type: usize,
    /// Every `Elapsed Time` column, the raw one (seconds with a fraction) last.
    elapsed: Vec<usize>,
    moving: Option<usize>,
    /// The distance column and the unit of its values.
    distance: Option<(usize, Length)>,
    elevation_gain: Option<usize>,
    average_heart_rate: Option<usize>,
    perceived_exertion: Option<usize>,
    filename: Option<usize>,
}

impl Columns {
    fn locate(header: &Header, options: &CsvOptions) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let find = |name: &str| header.find(name);
        let distances = header.find_all(DISTANCE);
        // The raw distance, in metres, is the second `Distance`; exports old enough to have
        // only one write it in the athlete's display unit.
        let distance = match distances.as_slice() {
            [] => None,
            [display] => Some((*display, Length::long_of(options.weight_unit))),
            [_, raw, ..] => Some((*raw, Length::Metre)),
        };
        Ok(Columns {
            date: find(ACTIVITY_DATE).unwrap_or_default(),
            name: find(ACTIVITY_NAME),
            activity_type: find(ACTIVITY_TYPE).unwrap_or_default(),
            elapsed: header.find_all(ELAPSED_TIME),
            moving: find(MOVING_TIME),
            distance,
            elevation_gain: find(ELEVATION_GAIN),
            average_heart_rate: find(AVERAGE_HEART_RATE),
            perceived_exertion: find(PERCEIVED_EXERTION),
            filename: find(FILENAME),
        })
    }
}

/// Reads Strava's `activities.csv`; see [`crate::CsvDialect::StravaActivities`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) =
        Table::open_with_columns(input, source, |header| Columns::locate(header, options))?;
    let single_distance = columns.distance.is_some_and(|(_, unit)| unit != Length::Metre);

    let mut outcome = Outcome::default();
    let mut activities = Vec::new();
    let names = present(&[(columns.name, ACTIVITY_NAME)]);
    let mut sports = Memo::new();
    table.read_rows(
        source,
        &mut outcome,
        &names,
        |record| read_row(record, &columns, source, &mut sports),
        |_, _, activity| activities.push(activity),
    );
    outcome.note(
        "Strava writes Activity Date in UTC without the local time; the local day comes from the \
         report's time zone",
    );
    if single_distance {
        let unit = match options.weight_unit {
            crate::WeightUnit::Kilograms => "kilometres",
            crate::WeightUnit::Pounds => "miles",
        };
        outcome.note(format!(
            "this activities.csv has one Distance column, in the athlete's display unit; it was \
             read in {unit} (the weight-unit setting)"
        ));
    }
    outcome.finish(
        activities,
        "the Strava activities.csv holds no activities, only its header",
    )
}

/// One activity row.
fn read_row(
    record: &ByteRecord,
    c: &Columns,
    source: &SourceRef,
    sports: &mut Memo<Sport>,
) -> Result<Activity, ParseErrorKind> {
    let raw_date = text(record, c.date);
    let start = match value::date_time(ACTIVITY_DATE, &raw_date, "a date such as Oct 7, 2020, 2:43:11 PM")? {
        When::Local(utc) => jiff::tz::Offset::UTC
            .to_timestamp(utc)
            .map_err(|_| ParseErrorKind::invalid_value(ACTIVITY_DATE, &raw_date, "a date that exists"))?,
        When::Instant(instant, _) => instant,
    };
    let activity_type = text(record, c.activity_type);
    if activity_type.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {ACTIVITY_TYPE}")));
    }
    // The last Elapsed Time with a value: the raw one where both are there.
    let mut elapsed = None;
    for &index in &c.elapsed {
        if let Some(seconds) = value::seconds(ELAPSED_TIME, &text(record, index))? {
            elapsed = Some(seconds);
        }
    }
    let mut activity = Activity::new(
        sports.get(&activity_type, Sport::from_name).clone(),
        start,
        elapsed.unwrap_or_default(),
        source.clone(),
    );
    activity.name = c
        .name
        .map(|i| text(record, i).into_owned())
        .filter(|n| !n.is_empty());
    if let Some(index) = c.moving {
        activity.moving = value::seconds(MOVING_TIME, &text(record, index))?;
    }
    if let Some((index, unit)) = c.distance {
        activity.distance_m = value::non_negative(DISTANCE, &text(record, index))?
            .filter(|&d| d > 0.0)
            .map(|d| unit.metres(d));
    }
    if let Some(index) = c.elevation_gain {
        activity.elevation_gain_m = value::non_negative(ELEVATION_GAIN, &text(record, index))?;
    }
    if let Some(index) = c.average_heart_rate {
        activity.avg_heart_rate =
            value::non_negative(AVERAGE_HEART_RATE, &text(record, index))?.filter(|&hr| hr > 0.0);
    }
    if let Some(index) = c.perceived_exertion {
        activity.perceived_effort = perceived_exertion(&text(record, index))?;
    }
    activity.source_file_hint = c
        .filename
        .map(|i| text(record, i).into_owned())
        .filter(|f| !f.is_empty());
    Ok(activity)
}

/// Strava's perceived exertion, 1 to 10; `None` when not given.
fn perceived_exertion(raw: &str) -> Result<Option<f64>, ParseErrorKind> {
    match value::non_negative(PERCEIVED_EXERTION, raw)? {
        None => Ok(None),
        Some(effort) if (1.0..=10.0).contains(&effort) => Ok(Some(effort)),
        Some(_) => Err(ParseErrorKind::invalid_value(
            PERCEIVED_EXERTION,
            raw,
            "a number from 1 to 10",
        )),
    }
}
