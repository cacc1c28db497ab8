//! Putting the rows of a file together: sets into workouts, rows that failed into warnings,
//! and all of it into a [`Parsed`].

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Duration;

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use runlift_model::{
    Activity, ParseError, ParseErrorKind, Parsed, Position, SourceRef, Sport, StrengthSet, Timestamp,
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
pub(crate) const FORGOTTEN_TIMER: Duration = Duration::from_secs(4 * 3600);

/// `duration` as hours and minutes: `51 h 57 min`, `5 h`.
fn hours_minutes(duration: Duration) -> String {
    let minutes = duration.as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes} min"),
    }
}

/// Workouts keyed by what makes rows one workout (date and name, a session id, ...), in the
/// order they were first seen.
pub(crate) struct Workouts<K> {
    list: Vec<Workout>,
    index: HashMap<K, usize>,
}

impl<K: Hash + Eq> Workouts<K> {
    pub(crate) fn new() -> Workouts<K> {
        Workouts {
            list: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Whether a workout of `key` has been seen.
    pub(crate) fn contains(&self, key: &K) -> bool {
        self.index.contains_key(key)
    }

    /// The workout of `key`, made with `make` when it is seen for the first time.
    pub(crate) fn entry(&mut self, key: K, make: impl FnOnce() -> Workout) -> &mut Workout {
        let list = &mut self.list;
        let index = *self.index.entry(key).or_insert_with(|| {
            list.push(make());
            list.len() - 1
        });
        &mut self.list[index]
    }

    /// Forgets the length of the workouts longer than [`FORGOTTEN_TIMER`], keeping their sets,
    /// so that the analysis estimates their time from their sets
    /// (`estimates.strength_seconds_per_set`); the note that says so, when there are any. A
    /// note, not a warning: nothing is lost (the sets stay, the time is estimated and counted
    /// in the week's data quality), so the file is not "partly read" and a nightly job that
    /// re-reads an old export does not fail on it every night.
    pub(crate) fn forget_runaway_timers(&mut self) -> Option<String> {
        let mut count = 0usize;
        let mut longest = Duration::ZERO;
        for workout in &mut self.list {
            if workout.elapsed > FORGOTTEN_TIMER {
                count += 1;
                longest = longest.max(workout.elapsed);
                workout.elapsed = Duration::ZERO;
            }
        }
        let limit = hours_minutes(FORGOTTEN_TIMER);
        let longest = hours_minutes(longest);
        let message = match count {
            0 => return None,
            1 => format!(
                "1 workout lasts longer than {limit} ({longest}): a timer left running? \
                 Its time is estimated from its sets."
            ),
            _ => format!(
                "{count} workouts last longer than {limit} (the longest {longest}): a timer left \
                 running? Their time is estimated from their sets."
            ),
        };
        Some(message)
    }

    /// The workouts as activities, in first-seen order.
    pub(crate) fn into_activities(self, source: &SourceRef) -> Vec<Activity> {
        self.list
            .into_iter()
            .map(|workout| workout.into_activity(source))
            .collect()
    }
}

/// New sets by exercise name: an export names the same few dozen exercises thousands of
/// times, and recognising a name costs more than copying the set made for it the first time.
#[derive(Default)]
pub(crate) struct SetMaker {
    made: HashMap<String, StrengthSet>,
}

impl SetMaker {
    /// A working set of `exercise_name`, recognised as [`StrengthSet::new`] does.
    pub(crate) fn set(&mut self, exercise_name: &str) -> StrengthSet {
        if let Some(set) = self.made.get(exercise_name) {
            return set.clone();
        }
        let set = StrengthSet::new(exercise_name);
        self.made.insert(exercise_name.to_owned(), set.clone());
        set
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
