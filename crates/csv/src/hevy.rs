//! The CSV export of the Hevy app.
//!
//! Hevy writes one row per set, every text field quoted, each row repeating its workout's
//! title and start and end time:
//!
//! ```text
//! "title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"
//! "Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Squat (Barbell)",,"",0,"warmup",37.5,10,,0,6
//! ```
//!
//! Accounts in pounds and miles get `weight_lbs` and `distance_miles` instead (and accounts in
//! kilograms and miles, or pounds and kilometres, the mix). The app writes its times with the
//! month's name in the account's language (`1 Sept. 2026, 07:30` in German, `20 giu 2026,
//! 14:13` in Italian), hevy.com in English as `Sep 22, 2026, 6:00 AM`; both are read. Older
//! exports have no `set_index`, which is not needed: sets are in file order.

use std::borrow::Cow;
use std::time::Duration;

use csv::ByteRecord;
use jiff::tz::Offset;
use runlift_model::{ParseError, ParseErrorKind, Parsed, SetKind, SourceRef, StrengthSet, Timestamp};

use crate::CsvOptions;
use crate::cardio;
use crate::collect::{Outcome, SetMaker, Workout, Workouts, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, Utf8Check, check_row, optional, text};
use crate::units::{self, Length, Mass};
use crate::value::{self, Repeated, When};

const TITLE: &str = "title";
const START_TIME: &str = "start_time";
const END_TIME: &str = "end_time";
const EXERCISE_TITLE: &str = "exercise_title";
const SET_TYPE: &str = "set_type";
const REPS: &str = "reps";
const DURATION_SECONDS: &str = "duration_seconds";
const RPE: &str = "rpe";
const SUPERSET_ID: &str = "superset_id";
const WEIGHTS: [(&str, Mass); 2] = [("weight_kg", Mass::Kilogram), ("weight_lbs", Mass::Pound)];
const DISTANCES: [(&str, Length); 2] = [
    ("distance_km", Length::Kilometre),
    ("distance_miles", Length::Mile),
];

/// The form Hevy writes its times in, for messages.
const TIME_FORM: &str = "a date and time such as 26 Jul 2025, 07:06";

/// The columns without which a file is not a Hevy export.
const REQUIRED: [&str; 3] = [TITLE, START_TIME, EXERCISE_TITLE];

/// Whether `header` is that of a Hevy export.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|name| header.find(name).is_some())
}

struct Columns {
    title: usize,
    start_time: usize,
    end_time: Option<usize>,
    exercise_title: usize,
    set_type: Option<usize>,
    weight: Option<(usize, &'static str, Mass)>,
    reps: Option<usize>,
    distance: Option<(usize, &'static str, Length)>,
    duration_seconds: Option<usize>,
    rpe: Option<usize>,
    superset_id: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &REQUIRED)?;
        let find = |name: &str| header.find(name);
        Ok(Columns {
            title: find(TITLE).unwrap_or_default(),
            start_time: find(START_TIME).unwrap_or_default(),
            end_time: find(END_TIME),
            exercise_title: find(EXERCISE_TITLE).unwrap_or_default(),
            set_type: find(SET_TYPE),
            weight: WEIGHTS
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit))),
            reps: find(REPS),
            distance: DISTANCES
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit))),
            duration_seconds: find(DURATION_SECONDS),
            rpe: find(RPE),
            superset_id: find(SUPERSET_ID),
        })
    }
}

/// Reads a Hevy CSV export; see [`crate::CsvDialect::Hevy`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;

    let mut outcome = Outcome::default();
    // Rows sharing start time, end time and title are one workout (two of one title and
    // start that end apart are two, as a real export of one test account holds).
    let mut workouts: Workouts<(String, String, String)> = Workouts::new();
    let mut local_times = false;
    let mut times = Times {
        start: Repeated::new(),
        end: Repeated::new(),
    };
    let mut sets = SetMaker::default();
    let names = [(columns.title, TITLE), (columns.exercise_title, EXERCISE_TITLE)];
    let fields = table.header().len();
    let mut utf8 = Utf8Check::default();
    // Not `Table::read_rows`: a row's key and title are borrowed from its record, and only
    // the first row of each workout makes owned copies of them.
    while let Some((position, record)) = table.next_row() {
        let row = record.and_then(|record| {
            check_row(record, fields, &mut utf8, &names, &mut outcome, source, position)?;
            read_row(record, &columns, options, &mut times, &mut sets)
        });
        let row = match row {
            Ok(row) => row,
            Err(kind) => {
                outcome.row_left_out(source, position, kind);
                continue;
            }
        };
        local_times |= row.local;
        let Row {
            start,
            end,
            title,
            start_instant,
            start_offset,
            elapsed,
            set,
            length_warning,
            ..
        } = row;
        let is_key = |(s, e, t): &(String, String, String)| *s == start && *e == end && *t == title;
        if let Some(kind) = length_warning
            && !workouts.contains_by(is_key, || (start.to_string(), end.to_string(), title.to_string()))
        {
            outcome.warn(source, position, kind);
        }
        workouts.add_set(
            is_key,
            || (start.to_string(), end.to_string(), title.to_string()),
            || {
                let mut workout = Workout::new(start_instant, start_offset);
                workout.name = Some(title.to_string());
                workout.elapsed = elapsed;
                workout
            },
            set,
        );
    }
    let activities = cardio::finish_workouts(workouts.into_list(), source, &mut outcome);
    if local_times {
        outcome.note(local_time_note("Hevy", options));
    }
    outcome.finish(activities, "the Hevy export holds no sets, only its header")
}

/// One set row, read.
struct Row<'r> {
    /// What makes rows one workout: the start and end time as written, and the title.
    start: Cow<'r, str>,
    end: Cow<'r, str>,
    title: Cow<'r, str>,
    /// The workout, as far as one row tells.
    start_instant: Timestamp,
    start_offset: Option<Offset>,
    elapsed: Duration,
    set: StrengthSet,
    /// Whether the row's times were local.
    local: bool,
    /// What is wrong with the workout's end time, which leaves its length unknown.
    length_warning: Option<ParseErrorKind>,
}

/// The start and end times of the last row read, which the next rows repeat.
struct Times {
    /// The start instant, the offset it comes with, and whether it was a local time.
    start: Repeated<(Timestamp, Option<Offset>, bool)>,
    end: Repeated<Timestamp>,
}

fn read_row<'r>(
    record: &'r ByteRecord,
    c: &Columns,
    options: &CsvOptions,
    times: &mut Times,
    sets: &mut SetMaker,
) -> Result<Row<'r>, ParseErrorKind> {
    let raw_start = text(record, c.start_time);
    let (start_instant, start_offset, local) = times.start.get(&raw_start, |raw| {
        Ok(match value::date_time(START_TIME, raw, TIME_FORM)? {
            When::Local(local) => {
                let (instant, offset) = local_instant(&options.time_zone, local, START_TIME, raw)?;
                (instant, Some(offset), true)
            }
            When::Instant(instant, offset) => (instant, offset, false),
        })
    })?;
    let raw_end = optional(record, c.end_time);
    let mut length_warning = None;
    let elapsed = if raw_end.is_empty() {
        Duration::ZERO
    } else {
        let end = times.end.get(&raw_end, |raw| {
            Ok(match value::date_time(END_TIME, raw, TIME_FORM)? {
                When::Local(local) => local_instant(&options.time_zone, local, END_TIME, raw)?.0,
                When::Instant(instant, _) => instant,
            })
        })?;
        // A workout that ends before it starts keeps its sets, but its length is unknown.
        Duration::try_from(end.duration_since(start_instant)).unwrap_or_else(|_| {
            length_warning = Some(ParseErrorKind::invalid_value(
                END_TIME,
                &raw_end,
                "a time after start_time (the workout's length is left unknown)",
            ));
            Duration::ZERO
        })
    };

    let mut set = sets.set(&text(record, c.exercise_title));
    set.kind = set_kind(&optional(record, c.set_type))?;
    set.reps = value::count(REPS, &optional(record, c.reps))?.filter(|&reps| reps > 0);
    // Hevy names the unit in the column's name and has no unit column.
    if let Some((index, name, unit)) = c.weight {
        set.weight_kg = units::weight_kg(record, (index, name, Some(unit)), None, unit)?;
    }
    if let Some((index, name, unit)) = c.distance {
        set.distance_m = units::distance_m(record, (index, name, Some(unit)), None, unit)?;
    }
    set.duration =
        value::seconds(DURATION_SECONDS, &optional(record, c.duration_seconds))?.filter(|d| !d.is_zero());
    set.rpe = value::rpe(RPE, &optional(record, c.rpe))?;
    set.superset = value::count(SUPERSET_ID, &optional(record, c.superset_id))?;

    Ok(Row {
        start: raw_start,
        end: raw_end,
        title: text(record, c.title),
        start_instant,
        start_offset,
        elapsed,
        set,
        local,
        length_warning,
    })
}

/// The kind of set Hevy's `set_type` names; blank is a normal set.
fn set_kind(raw: &str) -> Result<SetKind, ParseErrorKind> {
    let text = raw.trim();
    let kinds: [(&[&str], SetKind); 4] = [
        (&["", "normal"], SetKind::Working),
        (&["warmup", "warm_up", "warm-up"], SetKind::WarmUp),
        (&["dropset", "drop_set", "drop"], SetKind::Drop),
        (&["failure"], SetKind::Failure),
    ];
    kinds
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(text)))
        .map(|&(_, kind)| kind)
        .ok_or_else(|| ParseErrorKind::invalid_value(SET_TYPE, raw, "normal, warmup, dropset or failure"))
}
