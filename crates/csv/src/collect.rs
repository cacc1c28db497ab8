//! Putting the rows of a file together: sets into workouts, rows that failed into warnings,
//! and all of it into a [`Parsed`].

use std::collections::HashMap;

/// A hash map keyed by what rows repeat. Its hasher is quicker than std's on short texts (a
/// row's names and keys are hashed on every row that is not like the one before) and, seeded
/// per process, as hard to feed colliding keys.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
use std::hash::Hash;
use std::time::Duration;

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use runlift_model::{
    Activity, DEFAULT_STRENGTH_SECONDS_PER_SET, ParseError, ParseErrorKind, Parsed, Position, SourceRef,
    Sport, StrengthSet, Timestamp,
};

use crate::CsvOptions;

/// The rows a reader had to leave out, and what it wants said about the file.
#[derive(Default)]
pub(crate) struct Outcome {
    warnings: Vec<ParseError>,
    /// Problems past [`crate::MAX_WARNINGS`]: the file, where the first of them is, and how
    /// many there are.
    unlisted: Option<(SourceRef, Position, u64)>,
    first_row_error: Option<ParseError>,
    notes: Vec<String>,
}

impl Outcome {
    /// A row that was left out: a warning, and the error of the file should no row be usable.
    pub(crate) fn row_left_out(&mut self, source: &SourceRef, position: Position, kind: ParseErrorKind) {
        if self.first_row_error.is_none() {
            self.first_row_error = Some(ParseError::new(source, Some(position), kind.clone()));
        }
        self.warn(source, position, kind);
    }

    /// A problem with a part of a row that was read all the same.
    ///
    /// Only the first [`crate::MAX_WARNINGS`] are kept, then only counted: a file of a
    /// million bad two-byte rows would otherwise turn into a million messages, a hundred times
    /// its size in memory, that nobody reads.
    pub(crate) fn warn(&mut self, source: &SourceRef, position: Position, kind: ParseErrorKind) {
        if self.warnings.len() < crate::MAX_WARNINGS {
            self.warnings.push(ParseError::new(source, Some(position), kind));
            return;
        }
        match &mut self.unlisted {
            Some((_, _, count)) => *count += 1,
            None => self.unlisted = Some((source.clone(), position, 1)),
        }
    }

    /// The warnings, ending with one that says how many more there were, if any.
    fn into_warnings(self) -> Vec<ParseError> {
        let mut warnings = self.warnings;
        if let Some((source, position, count)) = self.unlisted {
            let kind = ParseErrorKind::Syntax(format!(
                "{count} more problems from here on are not listed: runlift lists the first {} of a file",
                crate::MAX_WARNINGS
            ));
            warnings.push(ParseError::new(&source, Some(position), kind));
        }
        warnings
    }

    /// Something worth knowing about how the file was read.
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The result of reading the file: `activities` with the warnings and notes; when there
    /// are no activities, the first row's error if rows failed, else a file with nothing to
    /// import for the reason `why_empty`.
    pub(crate) fn finish(mut self, activities: Vec<Activity>, why_empty: &str) -> Result<Parsed, ParseError> {
        let notes = std::mem::take(&mut self.notes);
        if activities.is_empty() {
            if let Some(error) = self.first_row_error {
                return Err(error);
            }
            return Ok(Parsed {
                activities,
                warnings: self.into_warnings(),
                nothing_to_import: Some(why_empty.to_owned()),
                notes: Vec::new(),
            });
        }
        Ok(Parsed {
            activities,
            warnings: self.into_warnings(),
            nothing_to_import: None,
            notes,
        })
    }
}

/// A strength workout being put together from its rows.
pub(crate) struct Workout {
    pub(crate) name: Option<String>,
    pub(crate) start: Timestamp,
    pub(crate) utc_offset: Option<Offset>,
    /// `false` when the source gave only the workout's date (`start` is then 00:00 local).
    pub(crate) start_time_known: bool,
    pub(crate) elapsed: Duration,
    pub(crate) sets: Vec<StrengthSet>,
}

impl Workout {
    /// A workout starting at `start` with nothing else known yet.
    pub(crate) fn new(start: Timestamp, utc_offset: Option<Offset>) -> Workout {
        Workout {
            name: None,
            start,
            utc_offset,
            start_time_known: true,
            elapsed: Duration::ZERO,
            sets: Vec::new(),
        }
    }

    /// A workout of which the source gave only the date: it starts at `start`, 00:00 local.
    pub(crate) fn on_date(start: Timestamp, utc_offset: Option<Offset>) -> Workout {
        Workout {
            start_time_known: false,
            ..Workout::new(start, utc_offset)
        }
    }

    /// The strength-training activity of this workout.
    pub(crate) fn into_activity(self, source: &SourceRef) -> Activity {
        let mut activity = Activity::new(Sport::StrengthTraining, self.start, self.elapsed, source.clone());
        activity.name = self.name.filter(|name| !name.is_empty());
        activity.utc_offset = self.utc_offset;
        activity.start_time_known = self.start_time_known;
        activity.sets = self.sets;
        activity
    }
}

/// How long a strength workout may last before its length is taken for a timer left running.
///
/// Strong and Hevy time a workout from its start until the user taps "finish"; one never
/// finished keeps counting, for days. In a real Strong export 23 of 317 workouts lasted over
/// 4 h, the longest 51 h 57 min, while the sets of any of them took well under two hours. A
/// lifting session of more than 4 h is rare enough that, beyond it, the sets say more about the
/// time spent than the timer does.
const FORGOTTEN_TIMER: Duration = Duration::from_secs(4 * 3600);

/// Past this length a workout must also have the sets to fill it: [`MOST_PER_SET`] each.
const LONG_WORKOUT: Duration = Duration::from_secs(2 * 3600);

/// The most time one logged set plausibly stands for, rest and changing plates included: a
/// heavy single with five minutes' rest takes six; 15 min a set leaves room for sets that were
/// done but not logged. A workout of over [`LONG_WORKOUT`] and more than this per set (3 sets
/// in 2.5 h) is a timer that ran on after the last set, not training.
const MOST_PER_SET: Duration = Duration::from_secs(15 * 60);

/// How many implausible workouts a note names one by one; the rest are counted.
const NAMED_IN_NOTE: usize = 3;

/// `duration` as hours and minutes: `51 h 57 min`, `5 h`, `9 min`.
fn hours_minutes(duration: Duration) -> String {
    let minutes = duration.as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, minutes) => format!("{minutes} min"),
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes} min"),
    }
}

/// Whether a workout of `sets` sets can have lasted `elapsed`: not when longer than
/// [`FORGOTTEN_TIMER`], nor when longer than [`LONG_WORKOUT`] and than [`MOST_PER_SET`] a set.
pub(crate) fn plausible_length(elapsed: Duration, sets: usize) -> bool {
    let sets_could_take = MOST_PER_SET.saturating_mul(u32::try_from(sets).unwrap_or(u32::MAX));
    !(elapsed > FORGOTTEN_TIMER || (elapsed > LONG_WORKOUT && elapsed > sets_could_take))
}

/// Workouts keyed by what makes rows one workout (date and name, a session id, ...), in the
/// order they were first seen.
pub(crate) struct Workouts<K> {
    list: Vec<Workout>,
    index: FastMap<K, usize>,
    /// The key and index of the workout of the last row: rows come workout by workout, so
    /// most rows find theirs here without building and hashing a key.
    last: Option<(K, usize)>,
    /// The sets of the last row's workout not yet moved to it: gathered here and moved in
    /// one allocation of the right size when the rows move on to another workout, so that
    /// a workout's sets are not reallocated set after set, nor left with spare capacity
    /// (a large export holds hundreds of thousands of sets).
    pending: Vec<StrengthSet>,
}

impl<K: Hash + Eq + Clone> Workouts<K> {
    pub(crate) fn new() -> Workouts<K> {
        Workouts {
            list: Vec::new(),
            index: FastMap::default(),
            last: None,
            pending: Vec::new(),
        }
    }

    /// Adds `set` to the workout [`Workouts::entry_by`] finds with the same arguments.
    pub(crate) fn add_set(
        &mut self,
        is_key: impl FnOnce(&K) -> bool,
        key: impl FnOnce() -> K,
        make: impl FnOnce() -> Workout,
        set: StrengthSet,
    ) {
        let before = self.last.as_ref().map(|(_, index)| *index);
        self.entry_by(is_key, key, make);
        let now = self.last.as_ref().map(|(_, index)| *index);
        if now != before {
            self.move_pending(before);
        }
        self.pending.push(set);
    }

    /// Moves the pending sets to the workout of index `to`.
    fn move_pending(&mut self, to: Option<usize>) {
        if let Some(workout) = to.and_then(|index| self.list.get_mut(index)) {
            workout.sets.reserve_exact(self.pending.len());
            workout.sets.append(&mut self.pending);
        }
        self.pending.clear();
    }

    /// The workout whose key `is_key` recognises, when it is the last row's; else the one of
    /// `key()`, made with `make` when it is seen for the first time. The same as
    /// [`Workouts::entry`], without building the key of a row of the last row's workout.
    fn entry_by(
        &mut self,
        is_key: impl FnOnce(&K) -> bool,
        key: impl FnOnce() -> K,
        make: impl FnOnce() -> Workout,
    ) -> &mut Workout {
        if let Some((last, index)) = &self.last
            && is_key(last)
        {
            return &mut self.list[*index];
        }
        let key = key();
        let list = &mut self.list;
        let index = *self.index.entry(key.clone()).or_insert_with(|| {
            list.push(make());
            list.len() - 1
        });
        self.last = Some((key, index));
        &mut self.list[index]
    }

    /// Whether a workout of `key` has been seen.
    pub(crate) fn contains(&self, key: &K) -> bool {
        self.index.contains_key(key)
    }

    /// Whether a workout has been seen whose key `is_key` recognises as the last row's, or
    /// that of `key()`.
    pub(crate) fn contains_by(&self, is_key: impl FnOnce(&K) -> bool, key: impl FnOnce() -> K) -> bool {
        self.last.as_ref().is_some_and(|(last, _)| is_key(last)) || self.contains(&key())
    }

    /// The workouts in first-seen order, for a reader that makes more of them than one
    /// strength session each (Strong's cardio exercises).
    pub(crate) fn into_list(mut self) -> Vec<Workout> {
        self.move_pending(self.last.as_ref().map(|(_, index)| *index));
        self.list
    }

    /// The workouts as activities, in first-seen order.
    pub(crate) fn into_activities(self, source: &SourceRef) -> Vec<Activity> {
        self.into_list()
            .into_iter()
            .map(|workout| workout.into_activity(source))
            .collect()
    }
}

/// Forgets the length of the workouts that lasted far longer than their sets could take (see
/// [`plausible_length`]), keeping their sets, so that the analysis times them from their sets
/// (sets x `estimates.strength_seconds_per_set`); the note that says so, naming the first few
/// with the length their timer gave and the estimate at the default
/// [`DEFAULT_STRENGTH_SECONDS_PER_SET`], when there are any.
///
/// A note, not a warning: nothing is lost (the sets stay, the time is estimated and counted in
/// the week's data quality), so the file is not "partly read" and a nightly job that re-reads
/// an old export does not fail on it every night.
pub(crate) fn replace_implausible_lengths(workouts: &mut [Workout]) -> Option<String> {
    let mut named = Vec::new();
    let mut count = 0usize;
    for workout in workouts.iter_mut() {
        if workout.sets.is_empty() || plausible_length(workout.elapsed, workout.sets.len()) {
            continue;
        }
        count += 1;
        if named.len() < NAMED_IN_NOTE {
            let sets = workout.sets.len();
            let estimate = Duration::from_secs_f64(sets as f64 * DEFAULT_STRENGTH_SECONDS_PER_SET);
            let local = workout
                .utc_offset
                .unwrap_or(Offset::UTC)
                .to_datetime(workout.start);
            let name = workout
                .name
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or("workout");
            named.push(format!(
                "{name:?} of {}: {} by its timer, {} from its {sets} set{}",
                local.strftime("%Y-%m-%d %H:%M"),
                hours_minutes(workout.elapsed),
                hours_minutes(estimate),
                if sets == 1 { "" } else { "s" },
            ));
        }
        workout.elapsed = Duration::ZERO;
    }
    if count == 0 {
        return None;
    }
    let more = match count - named.len() {
        0 => String::new(),
        more => format!("; and {more} more"),
    };
    let (what, its) = if count == 1 {
        ("1 workout lasts".to_owned(), "its")
    } else {
        (format!("{count} workouts last"), "their")
    };
    let capital = if count == 1 { "Its" } else { "Their" };
    Some(format!(
        "{what} far longer than {its} sets could take, a timer left running? ({}{more}). {capital} time is \
         estimated from the sets instead: sets x estimates.strength_seconds_per_set ({} s by default).",
        named.join("; "),
        DEFAULT_STRENGTH_SECONDS_PER_SET,
    ))
}

/// New sets by exercise name: an export names the same few dozen exercises thousands of
/// times, and recognising a name costs more than copying the set made for it the first time.
#[derive(Default)]
pub(crate) struct SetMaker {
    made: FastMap<String, StrengthSet>,
    /// The set made last: an exercise's sets follow each other, so most rows need no lookup.
    last: Option<StrengthSet>,
}

impl SetMaker {
    /// A working set of `exercise_name`, recognised as [`StrengthSet::new`] does.
    pub(crate) fn set(&mut self, exercise_name: &str) -> StrengthSet {
        if let Some(last) = &self.last
            && *last.exercise_name == *exercise_name
        {
            return last.clone();
        }
        let set = match self.made.get(exercise_name) {
            Some(set) => set.clone(),
            None => {
                let set = StrengthSet::new(exercise_name);
                self.made.insert(exercise_name.to_owned(), set.clone());
                set
            }
        };
        self.last = Some(set.clone());
        set
    }
}

/// What a function makes of each distinct text, computed once per text: an export names the
/// same few sports (or activity types) on thousands of rows, and naming one costs allocations.
pub(crate) struct Memo<T> {
    made: FastMap<String, T>,
    /// The text asked for last: rows of one kind tend to follow each other, and comparing
    /// with it costs less than hashing.
    last: Option<(String, T)>,
}

impl<T: Clone> Memo<T> {
    pub(crate) fn new() -> Memo<T> {
        Memo {
            made: FastMap::default(),
            last: None,
        }
    }

    /// What `make` makes of `text`, made only the first time `text` is seen.
    pub(crate) fn get(&mut self, text: &str, make: impl FnOnce(&str) -> T) -> &T {
        let is_last = self.last.as_ref().is_some_and(|(last, _)| last == text);
        if !is_last {
            let made = match self.made.get(text) {
                Some(made) => made.clone(),
                None => {
                    let made = make(text);
                    self.made.insert(text.to_owned(), made.clone());
                    made
                }
            };
            match &mut self.last {
                Some((last, value)) => {
                    last.clear();
                    last.push_str(text);
                    *value = made;
                }
                None => self.last = Some((text.to_owned(), made)),
            }
        }
        &self.last.as_ref().expect("set just above").1
    }
}

/// The instant a local wall-clock time stands for in `zone`, and the zone's offset then. A
/// time skipped by a daylight-saving change is moved forward, a repeated one taken at its first
/// occurrence; only a time beyond the zone's range fails, as a bad value of `column`.
pub(crate) fn local_instant(
    zone: &TimeZone,
    local: DateTime,
    column: &str,
    raw: &str,
) -> Result<(Timestamp, Offset), ParseErrorKind> {
    let start = zone.to_ambiguous_timestamp(local).compatible().map_err(|_| {
        ParseErrorKind::invalid_value(column, raw, "a date and time that exists in the time zone")
    })?;
    Ok((start, zone.to_offset(start)))
}

/// The name of the time zone local times are read in, for notes.
pub(crate) fn zone_name(options: &CsvOptions) -> &str {
    options
        .time_zone
        .iana_name()
        .unwrap_or("the system's local time zone")
}

/// The note for an app that writes local times without an offset.
pub(crate) fn local_time_note(app: &str, options: &CsvOptions) -> String {
    format!(
        "{app} writes local times without a UTC offset; they were read as {} time",
        zone_name(options)
    )
}
