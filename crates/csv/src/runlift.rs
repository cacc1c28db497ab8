//! runlift's own CSV: a simple schema anyone can fill in with a spreadsheet or a one-line
//! script (docs/formats/runlift-csv.md).
//!
//! ```text
//! date,sport,name,duration,distance_km,exercise,set_type,reps,weight_kg
//! 2026-01-06 07:10,running,Easy run,42:30,8.2,,,,
//! 2026-01-07 18:30,strength,Legs,50:00,,Back Squat,warmup,8,40
//! 2026-01-07 18:30,strength,Legs,,,Back Squat,,5,80
//! ```
//!
//! A row with an `exercise` is a set, a row without one an activity; rows with the same
//! `date`, `sport` and `name` are one activity.

use std::time::Duration;

use csv::ByteRecord;
use jiff::tz::Offset;
use runlift_model::{
    Activity, ParseError, ParseErrorKind, Parsed, SetKind, SourceRef, Sport, StrengthSet, Timestamp,
};

use crate::CsvOptions;
use crate::collect::{FastMap, Memo, Outcome, SetMaker, local_instant, zone_name};
use crate::header::Header;
use crate::table::{Table, optional, present, text};
use crate::units::{Length, Mass};
use crate::value::{self, When};

const DATE: &str = "date";
const SPORT: &str = "sport";
const NAME: &str = "name";
const DURATION: &str = "duration";
const MOVING_TIME: &str = "moving_time";
const DISTANCES: [(&str, Length); 2] = [("distance_km", Length::Kilometre), ("distance_mi", Length::Mile)];
const ELEVATION_GAIN: &str = "elevation_gain_m";
const AVG_HEART_RATE: &str = "avg_heart_rate";
const RPE: &str = "rpe";
const EXERCISE: &str = "exercise";
const SET_TYPE: &str = "set_type";
const REPS: &str = "reps";
const WEIGHTS: [(&str, Mass); 3] = [
    ("weight_kg", Mass::Kilogram),
    ("weight_lb", Mass::Pound),
    ("weight_lbs", Mass::Pound),
];
const SET_SECONDS: &str = "set_seconds";
const SET_DISTANCE: &str = "set_distance_m";

/// The form of `date`, for messages.
const DATE_FORM: &str = "a date and time such as 2026-01-07 18:30, 2026-01-07T18:30:00+01:00 or 2026-01-07";

/// Whether `header` is that of a runlift CSV.
pub(crate) fn matches(header: &Header) -> bool {
    header.find(DATE).is_some() && header.find(SPORT).is_some()
}

struct Columns {
    date: usize,
    sport: usize,
    name: Option<usize>,
    duration: Option<usize>,
    moving_time: Option<usize>,
    distance: Option<(usize, &'static str, Length)>,
    elevation_gain: Option<usize>,
    avg_heart_rate: Option<usize>,
    rpe: Option<usize>,
    exercise: Option<usize>,
    set_type: Option<usize>,
    reps: Option<usize>,
    weight: Option<(usize, &'static str, Mass)>,
    set_seconds: Option<usize>,
    set_distance: Option<usize>,
}

impl Columns {
    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        crate::table::require_all(header, &[DATE, SPORT])?;
        let find = |name: &str| header.find(name);
        Ok(Columns {
            date: find(DATE).unwrap_or_default(),
            sport: find(SPORT).unwrap_or_default(),
            name: find(NAME),
            duration: find(DURATION),
            moving_time: find(MOVING_TIME),
            distance: DISTANCES
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit))),
            elevation_gain: find(ELEVATION_GAIN),
            avg_heart_rate: find(AVG_HEART_RATE),
            rpe: find(RPE),
            exercise: find(EXERCISE),
            set_type: find(SET_TYPE),
            reps: find(REPS),
            weight: WEIGHTS
                .iter()
                .find_map(|&(name, unit)| find(name).map(|i| (i, name, unit))),
            set_seconds: find(SET_SECONDS),
            set_distance: find(SET_DISTANCE),
        })
    }
}

/// What identifies an activity: rows with the same date, sport and name are one.
type Key = (Timestamp, Sport, String);

/// One row, read: the activity it belongs to (as far as the row tells) and its set, if any.
struct Row {
    /// The row's activity, when it is not that of the row read before it (rows of one
    /// activity follow each other, and most rows need neither a key of their own nor a look-up).
    key: Option<Key>,
    utc_offset: Option<Offset>,
    figures: Figures,
    set: Option<StrengthSet>,
    local: bool,
}

/// The figures of an activity a row gives.
struct Figures {
    elapsed: Option<Duration>,
    moving: Option<Duration>,
    distance_m: Option<f64>,
    elevation_gain_m: Option<f64>,
    avg_heart_rate: Option<f64>,
    perceived_effort: Option<f64>,
}

/// Reads a runlift CSV; see [`crate::CsvDialect::Runlift`].
pub(crate) fn parse(
    input: impl std::io::Read,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let (mut table, columns) = Table::open_with_columns(input, source, Columns::locate)?;

    let mut outcome = Outcome::default();
    let mut activities: Vec<Activity> = Vec::new();
    let mut index: FastMap<Key, usize> = FastMap::default();
    let mut last: Option<usize> = None;
    let mut local_times = false;
    let names = present(&[(columns.name, NAME), (columns.exercise, EXERCISE)]);
    let mut memos = Memos {
        sports: Memo::new(),
        sets: SetMaker::default(),
        last_key: None,
    };
    table.read_rows(
        source,
        &mut outcome,
        &names,
        |record| read_row(record, &columns, options, &mut memos),
        |_, _, row| {
            local_times |= row.local;
            let found = match row.key {
                // The first row kept has a key, so there is a last activity.
                None => last,
                Some(key) => match index.get(&key) {
                    Some(&i) => Some(i),
                    None => {
                        let (start, sport, name) = key.clone();
                        let figures = &row.figures;
                        let elapsed = figures.elapsed.unwrap_or_default();
                        let mut activity = Activity::new(sport, start, elapsed, source.clone());
                        activity.utc_offset = row.utc_offset;
                        activity.name = (!name.is_empty()).then_some(name);
                        activity.moving = figures.moving;
                        activity.distance_m = figures.distance_m;
                        activity.elevation_gain_m = figures.elevation_gain_m;
                        activity.avg_heart_rate = figures.avg_heart_rate;
                        activity.perceived_effort = figures.perceived_effort;
                        activity.sets.extend(row.set);
                        index.insert(key, activities.len());
                        activities.push(activity);
                        last = Some(activities.len() - 1);
                        return;
                    }
                },
            };
            if let Some(i) = found {
                merge(&mut activities[i], row.figures, row.set);
                last = Some(i);
            }
        },
    );
    if local_times {
        outcome.note(format!(
            "dates without a UTC offset were read as {} time",
            zone_name(options)
        ));
    }
    outcome.finish(activities, "the runlift CSV holds no rows, only its header")
}

/// Adds what another row of the same activity says: its set, and the values not known yet.
fn merge(activity: &mut Activity, other: Figures, set: Option<StrengthSet>) {
    if activity.elapsed.is_zero() {
        activity.elapsed = other.elapsed.unwrap_or_default();
    }
    activity.moving = activity.moving.or(other.moving);
    activity.distance_m = activity.distance_m.or(other.distance_m);
    activity.elevation_gain_m = activity.elevation_gain_m.or(other.elevation_gain_m);
    activity.avg_heart_rate = activity.avg_heart_rate.or(other.avg_heart_rate);
    activity.perceived_effort = activity.perceived_effort.or(other.perceived_effort);
    activity.sets.extend(set);
}

/// What rows name again and again: sports, and exercises (whose recognition is the cost).
struct Memos {
    sports: Memo<Sport>,
    sets: SetMaker,
    /// The key of the last row read.
    last_key: Option<Key>,
}

fn read_row(
    record: &ByteRecord,
    c: &Columns,
    options: &CsvOptions,
    memos: &mut Memos,
) -> Result<Row, ParseErrorKind> {
    let raw_date = text(record, c.date);
    let (start, utc_offset, local) = match value::date_time(DATE, &raw_date, DATE_FORM)? {
        When::Local(local) => {
            let (start, offset) = local_instant(&options.time_zone, local, DATE, &raw_date)?;
            (start, Some(offset), true)
        }
        When::Instant(start, offset) => (start, offset, false),
    };
    let raw_sport = text(record, c.sport);
    if raw_sport.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {SPORT}")));
    }
    let sport = memos.sports.get(&raw_sport, Sport::from_name);
    let name = optional(record, c.name);
    let same_activity = memos
        .last_key
        .as_ref()
        .is_some_and(|(s, p, n)| *s == start && p == sport && *n == *name);
    let sport = (!same_activity).then(|| sport.clone());

    let distance_m = match c.distance {
        Some((index, column, unit)) => {
            value::non_negative(column, &text(record, index))?.map(|d| unit.metres(d))
        }
        None => None,
    };
    let mut figures = Figures {
        elapsed: value::any_duration(DURATION, &optional(record, c.duration))?,
        moving: value::any_duration(MOVING_TIME, &optional(record, c.moving_time))?,
        distance_m,
        elevation_gain_m: value::non_negative(ELEVATION_GAIN, &optional(record, c.elevation_gain))?,
        avg_heart_rate: value::non_negative(AVG_HEART_RATE, &optional(record, c.avg_heart_rate))?,
        perceived_effort: None,
    };
    figures.perceived_effort = match value::non_negative(RPE, &optional(record, c.rpe))? {
        Some(rpe) if !(1.0..=10.0).contains(&rpe) => {
            return Err(ParseErrorKind::invalid_value(
                RPE,
                &optional(record, c.rpe),
                "a number from 1 to 10",
            ));
        }
        rpe => rpe,
    };

    let exercise = optional(record, c.exercise);
    let set = if exercise.is_empty() {
        None
    } else {
        let mut set = memos.sets.set(exercise.as_ref());
        set.kind = set_kind(&optional(record, c.set_type))?;
        set.reps = value::count(REPS, &optional(record, c.reps))?;
        if let Some((index, column, unit)) = c.weight {
            set.weight_kg = value::non_negative(column, &text(record, index))?.map(|w| unit.kilograms(w));
        }
        set.duration = value::any_duration(SET_SECONDS, &optional(record, c.set_seconds))?;
        set.distance_m = value::non_negative(SET_DISTANCE, &optional(record, c.set_distance))?;
        Some(set)
    };
    let key = sport.map(|sport| (start, sport, name.into_owned()));
    if let Some(key) = &key {
        memos.last_key = Some(key.clone());
    }
    Ok(Row {
        key,
        utc_offset,
        figures,
        set,
        local,
    })
}

/// The kind of set `set_type` names; blank is a working set.
fn set_kind(raw: &str) -> Result<SetKind, ParseErrorKind> {
    let trimmed = raw.trim().as_bytes();
    // Lower case, `-` and ` ` as `_`, without allocating: every set row has a set type.
    let mut folded = [0u8; 8];
    let known = trimmed.len() <= folded.len();
    if known {
        for (to, &from) in folded.iter_mut().zip(trimmed) {
            *to = match from.to_ascii_lowercase() {
                b'-' | b' ' => b'_',
                other => other,
            };
        }
    }
    match &folded[..if known { trimmed.len() } else { 0 }] {
        _ if !known => Err(ParseErrorKind::invalid_value(
            SET_TYPE,
            raw,
            "working, warmup, drop or failure",
        )),
        b"" | b"working" | b"work" | b"normal" => Ok(SetKind::Working),
        b"warmup" | b"warm_up" | b"w" => Ok(SetKind::WarmUp),
        b"drop" | b"dropset" | b"drop_set" | b"d" => Ok(SetKind::Drop),
        b"failure" | b"f" => Ok(SetKind::Failure),
        _ => Err(ParseErrorKind::invalid_value(
            SET_TYPE,
            raw,
            "working, warmup, drop or failure",
        )),
    }
}
