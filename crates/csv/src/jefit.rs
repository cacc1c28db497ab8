//! JEFIT's data export: one text file of several CSV tables, each under a banner line.
//!
//! ```text
//! ### SETTING ##########################################
//! row_id,USERID,TIMESTAMP,mass,length
//! 1,1,"2026-01-01 00:00:00"," kg"," cm"
//! ######################################################
//! ### WORKOUT SESSIONS #################################
//! _id,USERID,mydate,starttime,endtime,total_time
//! 1000,1,2026-01-05,1767636000,1767639600,3600
//! ######################################################
//! ### EXERCISE LOGS ####################################
//! USERID,TIMESTAMP,belongSys,logs,_id,record,mydate,eid,ename,day_item_id,belongsession,logTime,interval_logs,auto_generated
//! 1,"2026-01-05 18:40:00",1,"60x10,65x8,65x8",1,86.67,2026-01-05,21,"Barbell Bench Press",1,1000,1,,
//! ```
//!
//! Only three tables matter here: `SETTING` says whether weights are in kilograms or pounds
//! (`mass`), `WORKOUT SESSIONS` when each session started (`starttime`, Unix seconds; some
//! exports misspell it `starttimie`) and how long it lasted (`total_time`, seconds), and
//! `EXERCISE LOGS` the sets: one row per exercise of a session, its sets packed into `logs`
//! as weight x reps. JEFIT writes a new row each time a set is added, holding all the sets so
//! far, so one exercise can appear as a growing series of rows that are one exercise.

use std::sync::Arc;
use std::time::Duration;

use csv::{ByteRecord, ReaderBuilder};
use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use runlift_model::{ParseError, ParseErrorKind, Parsed, Position, SourceRef, Timestamp};

use crate::collect::{FastMap, Memo, Outcome, SetMaker, Workout, local_instant, zone_name};
use crate::header::{self, Header, Lines};
use crate::table::{check_bounds, check_length, is_blank, text};
use crate::units::Mass;
use crate::{CsvOptions, value};

const SETTING: &str = "SETTING";
const WORKOUT_SESSIONS: &str = "WORKOUT SESSIONS";
const EXERCISE_LOGS: &str = "EXERCISE LOGS";

const MASS: &str = "mass";
const ID: &str = "_id";
const STARTTIME: [&str; 2] = ["starttime", "starttimie"];
const ENDTIME: &str = "endtime";
const TOTAL_TIME: &str = "total_time";
const MYDATE: &str = "mydate";
const BELONGSESSION: &str = "belongsession";
const ENAME: &str = "ename";
const EID: &str = "eid";
const LOGS: &str = "logs";

/// The tables a JEFIT export is known to hold, by the name on their banners.
const SECTIONS: [&str; 7] = [
    SETTING,
    "PROFILE",
    "ROUTINES",
    WORKOUT_SESSIONS,
    EXERCISE_LOGS,
    "EXERCISE SET LOGS",
    "NOTES",
];

/// Whether a file whose first line is `first_line` is a JEFIT export: the line is the banner
/// of one of JEFIT's tables (`### SETTING ####...`), or of any table when the exercise-log
/// table follows among `bytes`. Callers may pass the first bytes of a file only.
pub(crate) fn matches(first_line: &[u8], bytes: &[u8]) -> bool {
    let Some(name) = banner(first_line).filter(|name| !name.is_empty()) else {
        return false;
    };
    SECTIONS.contains(&name.as_str())
        || bytes
            .windows(b"### EXERCISE LOGS".len())
            .any(|w| w == b"### EXERCISE LOGS")
}

/// The section a banner line opens (`### EXERCISE LOGS ###` opens `EXERCISE LOGS`; a line of
/// `#` alone closes a section and names none); `None` for any other line.
fn banner(line: &[u8]) -> Option<String> {
    let line = line.trim_ascii();
    if !line.starts_with(b"###") {
        return None;
    }
    let name = String::from_utf8_lossy(line);
    Some(
        name.trim_matches(|c: char| c == '#' || c.is_whitespace())
            .to_uppercase(),
    )
}

/// A session of `WORKOUT SESSIONS`.
#[derive(Default)]
struct Session {
    start: Option<Timestamp>,
    elapsed: Option<Duration>,
    date: Option<Date>,
}

/// What the `logs` field of an exercise-log row holds.
#[derive(Debug, Clone, PartialEq)]
enum Logged {
    /// Sets of (load in the account's unit, reps); a load of 0 is body weight.
    Sets(Vec<(f64, u32)>),
    /// JEFIT's encoding of a timed, cardio or stretching entry (`0x0,0x0,0x0,0x10,0x60`):
    /// something was done, but no weight-and-reps set.
    Timed,
    /// Nothing was logged (`0x0` placeholders or an empty field).
    Nothing,
}

/// A row of `EXERCISE LOGS`.
struct LogRow {
    position: Position,
    session: Option<Arc<str>>,
    date: Option<Date>,
    /// What tells one exercise from another: JEFIT's exercise id, else the name.
    exercise: Arc<str>,
    name: Arc<str>,
    logged: Logged,
}

/// What the log rows repeat: session ids, exercise ids and names (each kept once and shared
/// by the rows naming it), and dates.
struct LogMemos {
    sessions: Memo<Arc<str>>,
    exercises: Memo<Arc<str>>,
    names: Memo<Arc<str>>,
    last_date: Option<(String, Date)>,
    /// The entries of the `logs` field being read, reused from row to row.
    entries: Vec<(f64, f64)>,
}

impl LogMemos {
    fn new() -> LogMemos {
        LogMemos {
            sessions: Memo::new(),
            exercises: Memo::new(),
            names: Memo::new(),
            last_date: None,
            entries: Vec::new(),
        }
    }

    /// The date `raw` of `column` says (see [`value::date`]).
    fn date(&mut self, column: &str, raw: &str) -> Result<Date, ParseErrorKind> {
        if let Some((last, date)) = &self.last_date
            && last == raw
        {
            return Ok(*date);
        }
        let date = value::date(column, raw)?;
        self.last_date = Some((raw.to_owned(), date));
        Ok(date)
    }
}

/// Which workout a log row belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum WorkoutKey {
    Session(Arc<str>),
    /// Rows outside any session are grouped by their date.
    Day(Date),
}

/// One exercise of a workout as it stands after JEFIT's growing rows are collapsed.
struct Instance {
    name: Arc<str>,
    logged: Logged,
}

/// A workout being put together from log rows.
struct Collecting {
    workout: Workout,
    instances: Vec<Instance>,
    /// The latest instance of each exercise.
    latest: FastMap<Arc<str>, usize>,
}

/// The tables of the file, as far as they matter.
#[derive(Default)]
struct Export {
    mass: Option<Mass>,
    sessions: FastMap<String, Session>,
    logs: Vec<LogRow>,
    has_logs_section: bool,
}

/// Reads a JEFIT export; see [`crate::CsvDialect::Jefit`].
pub(crate) fn parse(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    let bytes = header::strip_bom(bytes);
    if header::first_line(bytes).is_none() {
        return Err(ParseError::new(source, None, ParseErrorKind::Empty));
    }
    let mut outcome = Outcome::default();
    let export = read_tables(bytes, source, &mut outcome);
    if !export.has_logs_section {
        return Err(ParseError::new(
            source,
            None,
            ParseErrorKind::Missing("the EXERCISE LOGS section of the JEFIT export".to_owned()),
        ));
    }
    let mass = export.mass.unwrap_or(Mass::of(options.weight_unit));

    let mut order: Vec<WorkoutKey> = Vec::new();
    let mut workouts: FastMap<WorkoutKey, Collecting> = FastMap::default();
    let (mut collapsed, mut timed, mut empty) = (0usize, 0usize, 0usize);
    let (mut from_sessions, mut from_dates) = (false, false);
    for row in export.logs {
        let session = row.session.as_ref().and_then(|id| export.sessions.get(&**id));
        let key = match (&row.session, row.date) {
            (Some(id), _) => WorkoutKey::Session(id.clone()),
            (None, Some(date)) => WorkoutKey::Day(date),
            (None, None) => {
                let kind = ParseErrorKind::Missing(format!("the {MYDATE} of a log outside any session"));
                outcome.row_left_out(source, row.position, kind);
                continue;
            }
        };
        if !workouts.contains_key(&key) {
            let start = session.and_then(|s| s.start);
            let date = session.and_then(|s| s.date).or(row.date);
            let workout = match (start, date) {
                (Some(start), _) => {
                    from_sessions = true;
                    Workout::new(start, Some(options.time_zone.to_offset(start)))
                }
                (None, Some(date)) => {
                    from_dates = true;
                    match day_start(date, options) {
                        Ok((start, offset)) => Workout::on_date(start, Some(offset)),
                        Err(kind) => {
                            outcome.row_left_out(source, row.position, kind);
                            continue;
                        }
                    }
                }
                (None, None) => {
                    let kind =
                        ParseErrorKind::Missing(format!("the {MYDATE} of the log row and its session"));
                    outcome.row_left_out(source, row.position, kind);
                    continue;
                }
            };
            let workout = Workout {
                elapsed: session.and_then(|s| s.elapsed).unwrap_or_default(),
                ..workout
            };
            order.push(key.clone());
            workouts.insert(
                key.clone(),
                Collecting {
                    workout,
                    instances: Vec::new(),
                    latest: FastMap::default(),
                },
            );
        }
        let Some(collecting) = workouts.get_mut(&key) else {
            continue;
        };
        match row.logged {
            Logged::Nothing => empty += 1,
            Logged::Timed => timed += 1,
            Logged::Sets(_) => {}
        }
        if row.logged == Logged::Nothing {
            continue;
        }
        collapsed += usize::from(collecting.add(row));
    }

    let mut made = SetMaker::default();
    let activities = order
        .into_iter()
        .filter_map(|key| workouts.remove(&key))
        .map(|collecting| collecting.finish(mass, &mut made))
        .filter(|workout| !workout.sets.is_empty())
        .map(|workout| workout.into_activity(source))
        .collect();
    let zone = zone_name(options);
    if from_sessions {
        outcome.note(format!(
            "JEFIT session start times are instants; their local day was taken in {zone} time"
        ));
    }
    if from_dates {
        outcome.note(format!(
            "workouts without a session start time start at 00:00 {zone} time on their date"
        ));
    }
    let unit = match (export.mass, mass) {
        (Some(_), Mass::Kilogram) => "kilograms, as the export's SETTING section says",
        (Some(_), Mass::Pound) => "pounds, as the export's SETTING section says",
        (None, Mass::Kilogram) => "kilograms (the export does not say; the weight-unit setting)",
        (None, Mass::Pound) => "pounds (the export does not say; the weight-unit setting)",
    };
    outcome.note(format!("weights were read in {unit}"));
    if collapsed > 0 {
        outcome.note(format!(
            "{collapsed} log rows repeated the sets of an earlier row and added to them (JEFIT \
             logs each set so), and were merged into it"
        ));
    }
    if timed > 0 {
        outcome.note(format!(
            "{timed} log rows of timed or cardio exercises hold no weight and reps; each was \
             kept as one set without values"
        ));
    }
    if empty > 0 {
        outcome.note(format!("{empty} log rows had no set logged and were passed over"));
    }
    outcome.finish(activities, "the JEFIT export holds no logged sets")
}

impl Collecting {
    /// Adds a log row with something logged; returns whether it was merged into an earlier
    /// row of the same exercise.
    ///
    /// JEFIT writes each set as a new row repeating the exercise's sets so far (`60x8`, then
    /// `60x8,60x8`, ...), sometimes with the last set corrected, and sometimes an older
    /// snapshot after a newer one. A row continues the exercise's latest instance when it
    /// equals it, extends it, or extends all but its corrected last set (for instances of two
    /// sets or more); a row that is the start of that instance is an old snapshot. Anything
    /// else is the exercise done again, a new instance.
    fn add(&mut self, row: LogRow) -> bool {
        if let Some(&index) = self.latest.get(&row.exercise) {
            let instance = &mut self.instances[index];
            if let (Logged::Sets(before), Logged::Sets(now)) = (&instance.logged, &row.logged) {
                let extends = now.len() >= before.len() && now[..before.len()] == before[..];
                let corrects_last = before.len() >= 2
                    && now.len() >= before.len()
                    && now[..before.len() - 1] == before[..before.len() - 1];
                let old_snapshot = now.len() < before.len() && before[..now.len()] == now[..];
                if extends || corrects_last {
                    instance.logged = row.logged;
                    return true;
                }
                if old_snapshot {
                    return true;
                }
            }
        }
        self.instances.push(Instance {
            name: row.name,
            logged: row.logged,
        });
        self.latest.insert(row.exercise, self.instances.len() - 1);
        false
    }

    /// The workout with one set per logged set, loads converted from `mass`.
    fn finish(self, mass: Mass, made: &mut SetMaker) -> Workout {
        let mut workout = self.workout;
        for instance in self.instances {
            match instance.logged {
                Logged::Sets(sets) => {
                    for (load, reps) in sets {
                        let mut set = made.set(&instance.name);
                        set.reps = Some(reps);
                        set.weight_kg = (load > 0.0).then(|| mass.kilograms(load));
                        workout.sets.push(set);
                    }
                }
                Logged::Timed => workout.sets.push(made.set(&instance.name)),
                Logged::Nothing => {}
            }
        }
        workout
    }
}

/// 00:00 on `date` in the configured time zone.
fn day_start(date: Date, options: &CsvOptions) -> Result<(Timestamp, Offset), ParseErrorKind> {
    local_instant(
        &options.time_zone,
        date.to_datetime(Time::midnight()),
        MYDATE,
        &date.to_string(),
    )
}

/// Reads the tables of the file: the settings, the sessions and the exercise logs; rows that
/// cannot be read are reported to `outcome` and left out.
fn read_tables(bytes: &[u8], source: &SourceRef, outcome: &mut Outcome) -> Export {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = Lines::new(bytes);
    let mut record = ByteRecord::new();
    let mut export = Export::default();
    let mut section: Option<String> = None;
    let mut header: Option<Header> = None;
    let mut log_columns = LogColumns::default();
    let mut memos = LogMemos::new();
    loop {
        let read = reader.read_byte_record(&mut record);
        let line = record.position().map_or(1, |p| lines.line_of(p.byte()));
        let position = Position::Line { line, column: None };
        match read {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                // Not expected from a byte slice; stop rather than risk reading in circles.
                outcome.row_left_out(source, position, ParseErrorKind::Syntax(err.to_string()));
                break;
            }
        }
        let expecting_header = section.is_some() && header.is_none();
        let what = if expecting_header { "header" } else { "record" };
        if let Err(kind) = check_bounds(&record, header.as_ref(), what) {
            outcome.row_left_out(source, position, kind);
            if expecting_header {
                // Without its header the table's rows cannot be read: skip to the next banner.
                section = None;
            }
            continue;
        }
        if is_blank(&record) {
            continue;
        }
        if record.len() == 1
            && let Some(name) = banner(record.get(0).unwrap_or_default())
        {
            if name == EXERCISE_LOGS {
                export.has_logs_section = true;
            }
            section = (!name.is_empty()).then_some(name);
            header = None;
            continue;
        }
        let Some(name) = section.as_deref() else {
            continue;
        };
        let Some(columns) = &header else {
            let columns = Header::from_record(&record);
            log_columns = LogColumns::locate(&columns);
            header = Some(columns);
            continue;
        };
        let read = check_length(&record, columns.len()).and_then(|()| match name {
            SETTING => {
                if export.mass.is_none() {
                    export.mass = setting_mass(&record, columns);
                }
                Ok(())
            }
            WORKOUT_SESSIONS => session_row(&record, columns).map(|(id, session)| {
                if let Some(id) = id {
                    export.sessions.entry(id).or_insert(session);
                }
            }),
            EXERCISE_LOGS => {
                log_row(&record, &log_columns, position, &mut memos).map(|row| export.logs.push(row))
            }
            _ => Ok(()),
        });
        if let Err(kind) = read {
            outcome.row_left_out(source, position, kind);
        }
    }
    export
}

/// The unit of the `mass` setting (`" kg"`, `" lbs"`), if the row has one.
fn setting_mass(record: &ByteRecord, columns: &Header) -> Option<Mass> {
    let value = text(record, columns.find(MASS)?).to_ascii_lowercase();
    if value.contains("lb") {
        Some(Mass::Pound)
    } else if value.contains("kg") {
        Some(Mass::Kilogram)
    } else {
        None
    }
}

/// A row of `WORKOUT SESSIONS`: its id and what it says.
fn session_row(record: &ByteRecord, columns: &Header) -> Result<(Option<String>, Session), ParseErrorKind> {
    let field = |name: &str| columns.find(name).map(|i| text(record, i));
    let id = field(ID).map(|id| id.into_owned()).filter(|id| !id.is_empty());
    let mut start = None;
    for name in STARTTIME {
        if let Some(raw) = field(name)
            && start.is_none()
        {
            start = unix_time(name, &raw)?;
        }
    }
    let end = match field(ENDTIME) {
        Some(raw) => unix_time(ENDTIME, &raw)?,
        None => None,
    };
    let total = match field(TOTAL_TIME) {
        Some(raw) => value::seconds(TOTAL_TIME, &raw)?.filter(|d| !d.is_zero()),
        None => None,
    };
    let from_times = match (start, end) {
        (Some(start), Some(end)) => Duration::try_from(end.duration_since(start))
            .ok()
            .filter(|d| !d.is_zero()),
        _ => None,
    };
    let date = match field(MYDATE) {
        Some(raw) if !raw.is_empty() => Some(value::date(MYDATE, &raw)?),
        _ => None,
    };
    Ok((
        id,
        Session {
            start,
            elapsed: total.or(from_times),
            date,
        },
    ))
}

/// A Unix time in seconds (milliseconds, when the number is that large); `None` when empty
/// or 0, which JEFIT writes for "not recorded".
fn unix_time(column: &str, raw: &str) -> Result<Option<Timestamp>, ParseErrorKind> {
    let invalid = || ParseErrorKind::invalid_value(column, raw, "a Unix time in seconds");
    let Some(number) = value::non_negative(column, raw).map_err(|_| invalid())? else {
        return Ok(None);
    };
    if number == 0.0 {
        return Ok(None);
    }
    // Seconds since 1970 pass 10^11 only in the year 5138; a number that large is in ms.
    let seconds = if number >= 1e11 { number / 1000.0 } else { number };
    // In range (checked by the conversion), and whole seconds are all JEFIT records.
    Timestamp::from_second(seconds.trunc() as i64)
        .map(Some)
        .map_err(|_| invalid())
}

/// A row of `EXERCISE LOGS`.
/// Where the columns of the `EXERCISE LOGS` table are, found once per table rather than on
/// every row.
#[derive(Default)]
struct LogColumns {
    ename: Option<usize>,
    logs: Option<usize>,
    belongsession: Option<usize>,
    mydate: Option<usize>,
    eid: Option<usize>,
}

impl LogColumns {
    fn locate(header: &Header) -> LogColumns {
        LogColumns {
            ename: header.find(ENAME),
            logs: header.find(LOGS),
            belongsession: header.find(BELONGSESSION),
            mydate: header.find(MYDATE),
            eid: header.find(EID),
        }
    }
}

fn log_row(
    record: &ByteRecord,
    columns: &LogColumns,
    position: Position,
    memos: &mut LogMemos,
) -> Result<LogRow, ParseErrorKind> {
    let field = |index: Option<usize>| index.map(|i| text(record, i));
    let Some(name) = field(columns.ename) else {
        return Err(ParseErrorKind::Missing(format!("the column {ENAME:?}")));
    };
    let Some(logs) = field(columns.logs) else {
        return Err(ParseErrorKind::Missing(format!("the column {LOGS:?}")));
    };
    let session = field(columns.belongsession)
        .filter(|id| !id.is_empty() && id != "0")
        .map(|id| shared(&mut memos.sessions, &id));
    let date = match field(columns.mydate) {
        Some(raw) if !raw.is_empty() => Some(memos.date(MYDATE, &raw)?),
        _ => None,
    };
    let exercise = match field(columns.eid).filter(|eid| !eid.is_empty() && eid != "0") {
        Some(eid) => shared(&mut memos.exercises, &eid),
        None => shared(&mut memos.exercises, &name.to_lowercase()),
    };
    let name = shared(&mut memos.names, &name);
    Ok(LogRow {
        position,
        session,
        date,
        exercise,
        name,
        logged: logged_into(&logs, &mut memos.entries)?,
    })
}

/// `text`, kept once in `memo` and shared by the rows that hold it.
fn shared(memo: &mut Memo<Arc<str>>, text: &str) -> Arc<str> {
    memo.get(text, |text: &str| Arc::from(text)).clone()
}

/// What a `logs` field holds: sets written `load x reps` (`60x8,62.5x6`), separated by commas.
#[cfg(test)]
fn logged(raw: &str) -> Result<Logged, ParseErrorKind> {
    logged_into(raw, &mut Vec::new())
}

/// What a `logs` field holds (see `logged`), with `entries` to hold its entries while they
/// are read.
fn logged_into(raw: &str, entries: &mut Vec<(f64, f64)>) -> Result<Logged, ParseErrorKind> {
    let invalid = || ParseErrorKind::invalid_value(LOGS, raw, "sets such as 60x8,62.5x6");
    entries.clear();
    for token in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (load, reps) = token.split_once(['x', 'X', '×']).ok_or_else(invalid)?;
        let load = value::non_negative(LOGS, load)
            .map_err(|_| invalid())?
            .ok_or_else(invalid)?;
        let reps = value::non_negative(LOGS, reps)
            .map_err(|_| invalid())?
            .ok_or_else(invalid)?;
        entries.push((load, reps));
    }
    if entries.iter().all(|&(load, reps)| load == 0.0 && reps == 0.0) {
        return Ok(Logged::Nothing);
    }
    // Timed and cardio entries come as four or more body-weight fields with empty ones among
    // them; body-weight sets come with reps in every field.
    let body_weight = entries.iter().all(|&(load, _)| load == 0.0);
    let some_empty = entries.iter().any(|&(_, reps)| reps == 0.0);
    if (entries.len() >= 4 && body_weight && some_empty) || entries.iter().all(|&(_, reps)| reps == 0.0) {
        return Ok(Logged::Timed);
    }
    let mut sets = Vec::with_capacity(entries.iter().filter(|&&(_, reps)| reps != 0.0).count());
    for &(load, reps) in entries.iter() {
        if reps == 0.0 {
            // A set added but not done.
            continue;
        }
        if reps.fract() != 0.0 || reps > f64::from(u32::MAX) {
            return Err(invalid());
        }
        // Whole and in range, checked just above.
        sets.push((load, reps as u32));
    }
    Ok(Logged::Sets(sets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_fields_in_their_forms() {
        assert_eq!(
            logged("60x10,65x8, 62.5x8"),
            Ok(Logged::Sets(vec![(60.0, 10), (65.0, 8), (62.5, 8)]))
        );
        assert_eq!(logged("0x12,0x10"), Ok(Logged::Sets(vec![(0.0, 12), (0.0, 10)])));
        assert_eq!(logged("100x5,100x0"), Ok(Logged::Sets(vec![(100.0, 5)])));
        assert_eq!(logged("0x0,0x0,0x0,0x10,0x60"), Ok(Logged::Timed));
        assert_eq!(logged("0x0,0x0"), Ok(Logged::Nothing));
        assert_eq!(logged(""), Ok(Logged::Nothing));
        for bad in ["60x", "x8", "sixty x 8", "60x8.5", "60-8", "-5x5"] {
            assert!(logged(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn banners_open_and_close_sections() {
        assert_eq!(
            banner(b"### EXERCISE LOGS ######"),
            Some("EXERCISE LOGS".to_owned())
        );
        assert_eq!(
            banner(b"  ### WORKOUT SESSIONS ###  "),
            Some("WORKOUT SESSIONS".to_owned())
        );
        assert_eq!(banner(b"##########"), Some(String::new()));
        assert_eq!(banner(b"Date,Exercise"), None);
    }
}
