//! The `SPORT.csv` of a Zepp (formerly Amazfit / Mi Fit) account export: one row per
//! workout recorded with an Amazfit watch or band.
//!
//! ```text
//! type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)
//! 1,2026-01-01 18:03:16+0000,1800,0.33,0.29,5321,0.31,310
//! ```
//!
//! `type` is Zepp's numeric sport code (read by [`Sport::from_zepp`]), `startTime` the start in UTC, `sportTime(s)` the
//! workout's time in seconds and `distance(m)` its distance (0 without one). Paces (in
//! seconds per metre, `-1` or 0 when unknown) follow from time and distance and are not read;
//! nor are calories.

use std::collections::BTreeSet;

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport};

use crate::CsvOptions;
use crate::collect::{Outcome, zone_name};
use crate::header::Header;
use crate::table::{Table, text};
use crate::value;

const TYPE: &str = "type";
const START_TIME: &str = "startTime";
const SPORT_TIME: &str = "sportTime(s)";
const DISTANCE: &str = "distance(m)";

/// The columns without which a file is not Zepp's `SPORT.csv`.
const REQUIRED: [&str; 3] = [TYPE, START_TIME, SPORT_TIME];

/// Whether `header` is that of Zepp's `SPORT.csv`.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
}

struct Columns {
    sport: usize,
    start: usize,
    time: usize,
    distance: Option<usize>,
}

/// Reads Zepp's `SPORT.csv`; see [`crate::CsvDialect::Zepp`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let mut table = Table::open(input, source)?;
    let header = table.header();
    let columns = crate::table::require_all(header, &REQUIRED)
        .map(|()| Columns {
            sport: header.find(TYPE).unwrap_or_default(),
            start: header.find(START_TIME).unwrap_or_default(),
            time: header.find(SPORT_TIME).unwrap_or_default(),
            distance: header.find(DISTANCE),
        })
        .map_err(|kind| ParseError::new(source, Some(table.header_position()), kind))?;

    let mut outcome = Outcome::default();
    let mut activities = Vec::new();
    let mut unknown = BTreeSet::new();
    table.read_rows(
        source,
        &mut outcome,
        &[],
        |record| read_row(record, &columns, source),
        |_, _, (activity, code): (Activity, u32)| {
            if let Sport::Other(name) = &activity.sport
                && *name == format!("zepp_{code}")
            {
                unknown.insert(code);
            }
            activities.push(activity);
        },
    );
    outcome.note(format!(
        "Zepp writes start times in UTC: the local day is taken in {} time",
        zone_name(options)
    ));
    if !unknown.is_empty() {
        let codes: Vec<String> = unknown.iter().map(u32::to_string).collect();
        outcome.note(format!(
            "Zepp sport codes runlift does not know were kept as zepp_<code>: {}",
            codes.join(", ")
        ));
    }
    outcome.finish(
        activities,
        "the Zepp SPORT.csv holds no workouts, only its header",
    )
}

fn read_row(record: &ByteRecord, c: &Columns, source: &SourceRef) -> Result<(Activity, u32), ParseErrorKind> {
    let raw_code = text(record, c.sport);
    let code = value::count(TYPE, &raw_code)?
        .ok_or_else(|| ParseErrorKind::Missing("the sport code (column \"type\")".to_owned()))?;
    let (start, offset) = crate::stamp::instant(
        START_TIME,
        &text(record, c.start),
        "a time such as 2026-01-01 18:03:16+0000",
    )?;
    let time = value::seconds(SPORT_TIME, &text(record, c.time))?
        .ok_or_else(|| ParseErrorKind::Missing(format!("the workout's time (column {SPORT_TIME:?})")))?;
    let mut activity = Activity::new(Sport::from_zepp(code), start, time, source.clone());
    activity.utc_offset = offset;
    if let Some(index) = c.distance {
        activity.distance_m = value::non_negative(DISTANCE, &text(record, index))?.filter(|&d| d > 0.0);
    }
    Ok((activity, code))
}
