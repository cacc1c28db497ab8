//! From decoded messages to runlift's model: sessions become activities, strength sets join
//! the session they happened in, files without a session are rebuilt from records and laps.

use std::collections::HashMap;
use std::time::Duration;

use runlift_model::{
    Activity, Offset, ParseError, ParseErrorKind, Parsed, Position, SetKind, SourceRef, Sport, StrengthSet,
    Timestamp,
};

use crate::decode::{Damage, Problem, Walk};
use crate::messages::{
    ActivityMessage, FileMessages, LeftOut, RecordDistance, SetMessage, Summary, Track, TrackVisitor,
};
use crate::profile;

/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
pub(crate) const FIT_EPOCH: i64 = 631_065_600;

/// The instant of a FIT time (seconds since the FIT epoch).
pub(crate) fn instant(fit_time: u32) -> Timestamp {
    Timestamp::from_second(FIT_EPOCH + i64::from(fit_time)).expect("every u32 FIT time is a valid instant")
}

/// The `set_type` of a set that is work, not rest.
const ACTIVE_SET: u8 = 1;

/// Turns the walk's damage into an error with its position.
pub(crate) fn damage_error(source: &SourceRef, damage: &Damage) -> ParseError {
    let kind = match &damage.problem {
        Problem::NotFit { found } => ParseErrorKind::UnknownFormat(format!("no FIT header: {found}")),
        Problem::HeaderCrc { stored, computed } => ParseErrorKind::invalid_value(
            "the header CRC",
            &format!("0x{stored:04X}"),
            format!("0x{computed:04X}, computed from the header"),
        ),
        Problem::DataCutOff { declared, present } => ParseErrorKind::Truncated(format!(
            "the header announces {declared} bytes of messages, but only {present} are there"
        )),
        Problem::MessageCutOff {
            message,
            needed,
            left,
        } => ParseErrorKind::Truncated(format!(
            "message {message} needs {needed} bytes, but only {left} are left"
        )),
        Problem::UndefinedLocal { message, local } => ParseErrorKind::Syntax(format!(
            "message {message} uses local message type {local}, which no definition introduced, \
             so its size and the rest of the file are unknown"
        )),
        Problem::BadArchitecture {
            message,
            architecture,
        } => ParseErrorKind::Syntax(format!(
            "definition message {message} declares architecture {architecture}, expected 0 (little-endian) \
             or 1 (big-endian)"
        )),
        Problem::FileCrc { stored, computed } => ParseErrorKind::invalid_value(
            "the file CRC",
            &format!("0x{stored:04X}"),
            format!("0x{computed:04X}, computed from the data (the data may be damaged)"),
        ),
        Problem::CrcMissing => ParseErrorKind::Truncated("the file CRC after the data is missing".to_owned()),
        Problem::Trailing { len } => ParseErrorKind::Syntax(format!(
            "{len} bytes after the end of the FIT data are not another FIT file; they were left out"
        )),
        Problem::TooManyFiles { limit, len } => ParseErrorKind::Syntax(format!(
            "more than {limit} FIT files are chained in one, the most runlift reads; the remaining {len} \
             bytes were left out"
        )),
    };
    ParseError::new(source, Some(Position::Byte(damage.offset as u64)), kind)
}

/// Whether the damage stopped the walk (as opposed to a CRC that does not match).
fn stops_reading(damage: &Damage) -> bool {
    !matches!(
        damage.problem,
        Problem::HeaderCrc { .. } | Problem::FileCrc { .. }
    )
}

/// Builds the [`Parsed`] of a walked file. `tracks` holds the records of each FIT file of the
/// chain, one [`Track`] per session (see [`TrackVisitor`]), decoded only when a file has no
/// session or a session no distance; `left_out` the kinds of message of which more came than
/// their bound.
pub(crate) fn build(
    source: &SourceRef,
    walk: &Walk,
    files: &[FileMessages],
    tracks: Option<&[Vec<Track>]>,
    left_out: &[LeftOut],
) -> Result<Parsed, ParseError> {
    let mut parsed = Parsed {
        warnings: walk.damage.iter().map(|d| damage_error(source, d)).collect(),
        notes: walk.notes.clone(),
        ..Parsed::default()
    };
    for left_out in left_out {
        parsed.warnings.push(ParseError::new(
            source,
            Some(Position::Byte(left_out.offset as u64)),
            ParseErrorKind::Syntax(format!(
                "more than {} {} messages, the most runlift keeps from one file: {} from here on were \
                 left out",
                left_out.limit, left_out.what, left_out.count
            )),
        ));
    }
    let mut skipped_types = Vec::new();
    let mut activity_files = 0;
    for (index, file) in files.iter().enumerate() {
        match file.file_id.and_then(|id| id.file_type) {
            Some(file_type) if file_type != profile::ACTIVITY_FILE => {
                // Each type named once, however many files of it a chain holds.
                let name = profile::file_type_name(file_type);
                if !skipped_types.contains(&name) {
                    skipped_types.push(name);
                }
                continue;
            }
            _ => activity_files += 1,
        }
        let utc_offset = file.activity.as_ref().and_then(|a| utc_offset(a, &mut parsed));
        let first = parsed.activities.len();
        let file_tracks = tracks.and_then(|tracks| tracks.get(index)).map(Vec::as_slice);
        let starts = session_starts(file);
        for (n, session) in file.sessions.iter().enumerate() {
            match session_activity(session, file, source) {
                Some(mut activity) => {
                    activity.utc_offset = utc_offset;
                    let name = if file.sessions.len() == 1 {
                        "the session".to_owned()
                    } else {
                        format!("session {}", n + 1)
                    };
                    let gaps = RecordedGaps {
                        name: &name,
                        session,
                        file,
                        starts: &starts,
                        tracks: file_tracks.unwrap_or_default(),
                    };
                    parsed.notes.extend(gaps.fill(&mut activity));
                    parsed.activities.push(activity);
                }
                None => parsed.warnings.push(ParseError::new(
                    source,
                    Some(Position::Byte(session.offset as u64)),
                    ParseErrorKind::Missing(format!(
                        "the start time of session {} (neither start_time nor timestamp)",
                        n + 1
                    )),
                )),
            }
        }
        if file.sessions.is_empty()
            && let Some(track) = file_tracks.and_then(<[Track]>::first)
            && let Some(mut activity) = track_activity(track, file, source)
        {
            activity.utc_offset = utc_offset;
            parsed.notes.push(format!(
                "no session message (a recording cut off, or a device that writes none): the activity was \
                 built from {} and {}",
                count(track.records, "record"),
                count(file.laps.len() as u64, "lap"),
            ));
            parsed.activities.push(activity);
        }
        attach_sets(&mut parsed.activities[first..], file);
    }
    if files.len() > 1 {
        parsed
            .notes
            .push(format!("{} FIT files chained in one", files.len()));
    }
    if !parsed.activities.is_empty() {
        if !skipped_types.is_empty() {
            parsed.notes.push(format!(
                "also holds {}, not activities; skipped",
                skipped_types
                    .iter()
                    .map(|t| format!("a FIT {t} file"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return Ok(parsed);
    }
    if activity_files == 0 && !skipped_types.is_empty() {
        parsed.nothing_to_import = Some(format!(
            "a FIT {} file, not an activity",
            skipped_types.join(" and ")
        ));
        return Ok(parsed);
    }
    if let Some(damage) = walk.damage.iter().find(|d| stops_reading(d)) {
        return Err(damage_error(source, damage));
    }
    let records: u64 = tracks.map_or(0, |tracks| tracks.iter().flatten().map(|t| t.records).sum());
    parsed.nothing_to_import = Some(if records == 0 {
        "a FIT activity file that holds no session, lap or record".to_owned()
    } else {
        format!(
            "a FIT activity file with no session or lap and {} at a single moment: nothing was recorded",
            count(records, "record")
        )
    });
    Ok(parsed)
}

fn count(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The UTC offset of the recording: `local_timestamp` minus `timestamp` of the `activity`
/// message, rounded to a quarter hour (every real offset is one; the two fields are
/// sometimes written a second apart).
fn utc_offset(activity: &ActivityMessage, parsed: &mut Parsed) -> Option<Offset> {
    let (Some(utc), Some(local)) = (activity.timestamp, activity.local_timestamp) else {
        return None;
    };
    let difference = i64::from(local) - i64::from(utc);
    let quarters = (difference as f64 / 900.0).round() as i64;
    // UTC-12:00 to UTC+14:00 are the offsets in use.
    if !(-48..=56).contains(&quarters) {
        // Devices whose clock was never set (old Forerunners count from 1989) write such
        // values; the recording itself is fine, only its offset is unknown.
        parsed.notes.push(format!(
            "the activity message's local time is {difference} s from its UTC time, which is no UTC \
             offset; times are read without one"
        ));
        return None;
    }
    Offset::from_seconds(i32::try_from(quarters * 900).ok()?).ok()
}

fn millis(ms: u32) -> Duration {
    Duration::from_millis(u64::from(ms))
}

/// A session's total elapsed time in milliseconds: its own, else from its start to its end.
fn session_elapsed_ms(session: &Summary) -> Option<u32> {
    session.elapsed_ms.or_else(|| {
        let (start, end) = (session.start_time?, session.timestamp?);
        end.checked_sub(start).map(|s| s.saturating_mul(1000))
    })
}

/// When a session started: its start time, else its end less its elapsed time.
fn session_start(session: &Summary) -> Option<u32> {
    session.start_time.or_else(|| {
        let elapsed_s = session_elapsed_ms(session).unwrap_or(0) / 1000;
        session.timestamp?.checked_sub(elapsed_s)
    })
}

/// The start times of a file's sessions, sorted: what splits its records among them.
pub(crate) fn session_starts(file: &FileMessages) -> Vec<u32> {
    let mut starts: Vec<u32> = file.sessions.iter().filter_map(session_start).collect();
    starts.sort_unstable();
    starts
}

/// What a session's records and laps give where the session itself falls short: Suunto's
/// Movescount writes sessions without a distance, whose elapsed time stops at the last lap
/// while the records go on.
struct RecordedGaps<'a> {
    /// How the notes name the session ("the session", "session 2").
    name: &'a str,
    session: &'a Summary,
    file: &'a FileMessages,
    starts: &'a [u32],
    /// The file's records, one track per session in the order of `starts`.
    tracks: &'a [Track],
}

impl RecordedGaps<'_> {
    /// Fills in what `activity` lacks and returns a note for each figure filled in.
    fn fill(&self, activity: &mut Activity) -> Vec<String> {
        let mut notes = Vec::new();
        let Some(start) = session_start(self.session) else {
            return notes;
        };
        let stretch = TrackVisitor::stretch_of(self.starts, start);
        let track = self.tracks.get(stretch);
        if self.session.distance_cm.is_none() {
            let laps: Vec<&Summary> = self
                .file
                .laps
                .iter()
                .filter(|lap| match lap.start_time.or(lap.timestamp) {
                    Some(time) => TrackVisitor::stretch_of(self.starts, time) == stretch,
                    None => self.starts.len() <= 1,
                })
                .filter(|lap| lap.distance_cm.is_some())
                .collect();
            let lap_cm: u64 = laps.iter().filter_map(|l| l.distance_cm).map(u64::from).sum();
            let previous = stretch.checked_sub(1).and_then(|i| self.tracks.get(i));
            let next = self.tracks.get(stretch + 1);
            if lap_cm > 0 {
                let metres = lap_cm as f64 / 100.0;
                activity.distance_m = Some(metres);
                notes.push(format!(
                    "{} has no distance; {:.2} km from {}",
                    self.name,
                    metres / 1000.0,
                    count(laps.len() as u64, "lap")
                ));
            } else if let Some(covered) = track
                .and_then(|t| t.covered(previous, next))
                .filter(|d| d.metres() > 0.0)
            {
                let metres = covered.metres();
                activity.distance_m = Some(metres);
                let records = track.map_or(0, |t| t.records);
                let from = match covered {
                    RecordDistance::Field(_) => format!("the distance of its {}", count(records, "record")),
                    RecordDistance::Positions(_) => format!(
                        "the GPS positions of its {}",
                        count(track.map_or(0, |t| t.positions), "record")
                    ),
                };
                notes.push(format!(
                    "{} has no distance; {:.2} km from {from}",
                    self.name,
                    metres / 1000.0
                ));
            }
        }
        if let Some(last) = track.and_then(|t| t.last_time) {
            let end_ms = u64::from(start) * 1000 + activity.elapsed.as_millis() as u64;
            // A second's grace: the session's end is rounded to the second it was written.
            if u64::from(last) * 1000 >= end_ms + 1000 {
                let recorded = Duration::from_secs(u64::from(last - start));
                notes.push(format!(
                    "{} ends {} after its start, but its records run to {}; the elapsed time is taken \
                     from the records",
                    self.name,
                    clock(activity.elapsed),
                    clock(recorded)
                ));
                activity.elapsed = recorded;
            }
        }
        notes
    }
}

/// A duration as h:mm:ss.
fn clock(duration: Duration) -> String {
    let s = duration.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn session_activity(session: &Summary, file: &FileMessages, source: &SourceRef) -> Option<Activity> {
    let elapsed_ms = session_elapsed_ms(session);
    let start = session_start(session)?;
    // A session without a sport field takes its file's sport profile.
    let sport_message = file
        .sports
        .iter()
        .find(|s| session.sport.is_some() && s.sport == session.sport && (s.sub_sport == session.sub_sport));
    let (sport, sub_sport) = match (session.sport, file.sports.first()) {
        (Some(sport), _) => (Some(sport), session.sub_sport),
        (None, Some(first)) => (first.sport, first.sub_sport),
        (None, None) => (None, session.sub_sport),
    };
    let sport_message = sport_message.or(if session.sport.is_none() {
        file.sports.first()
    } else {
        None
    });
    let elapsed = elapsed_ms.map_or(Duration::ZERO, millis);
    let mut activity = Activity::new(
        profile::sport(sport, sub_sport),
        instant(start),
        elapsed,
        source.clone(),
    );
    activity.name = session
        .profile_name
        .clone()
        .or_else(|| sport_message.and_then(|s| s.name.clone()));
    activity.moving = session.timer_ms.map(millis);
    activity.distance_m = session.distance_cm.map(|cm| f64::from(cm) / 100.0);
    activity.elevation_gain_m = session.ascent_m.map(f64::from);
    // 0 bpm is what some apps write when no heart-rate sensor was connected.
    activity.avg_heart_rate = session.avg_heart_rate.filter(|&bpm| bpm > 0).map(f64::from);
    activity.perceived_effort = session.rpe_x10.map(|rpe| f64::from(rpe) / 10.0);
    Some(activity)
}

/// The activity of a file without a session, from its records, timer events and laps.
fn track_activity(track: &Track, file: &FileMessages, source: &SourceRef) -> Option<Activity> {
    let lap_start = file.laps.iter().filter_map(|l| l.start_time).min();
    let lap_end = file
        .laps
        .iter()
        .filter_map(|l| {
            l.timestamp
                .or_else(|| l.start_time?.checked_add(l.elapsed_ms? / 1000))
        })
        .max();
    let start = [track.first_time, lap_start].into_iter().flatten().min()?;
    let end = [track.last_time, lap_end].into_iter().flatten().max()?;
    // A single point in time is a fix, not a recording.
    if end <= start {
        return None;
    }
    let lap_sport = file.laps.iter().find(|l| l.sport.is_some());
    let (sport, sub_sport) = match (file.sports.first(), lap_sport) {
        (Some(s), _) => (s.sport, s.sub_sport),
        (None, Some(lap)) => (lap.sport, lap.sub_sport),
        (None, None) => (None, None),
    };
    let elapsed = Duration::from_secs(u64::from(end - start));
    let mut activity = Activity::new(
        profile::sport(sport, sub_sport),
        instant(start),
        elapsed,
        source.clone(),
    );
    activity.name = file.sports.first().and_then(|s| s.name.clone());
    let lap_sum = |f: fn(&Summary) -> Option<u32>| -> Option<u64> {
        let values: Vec<u64> = file.laps.iter().filter_map(|l| f(l).map(u64::from)).collect();
        (!values.is_empty()).then(|| values.iter().sum())
    };
    activity.moving = track
        .timer_s()
        .map(Duration::from_secs)
        .or_else(|| lap_sum(|l| l.timer_ms).map(Duration::from_millis));
    activity.distance_m = track
        .distance_m()
        .or_else(|| lap_sum(|l| l.distance_cm).map(|cm| cm as f64 / 100.0));
    activity.elevation_gain_m = lap_sum(|l| l.ascent_m.map(u32::from)).map(|m| m as f64);
    activity.avg_heart_rate = track.avg_heart_rate();
    Some(activity)
}

/// When a set happened: its start, else its end less its duration.
fn set_time(set: &SetMessage) -> Option<u32> {
    set.start_time
        .or_else(|| Some(set.timestamp?.saturating_sub(set.duration_ms.unwrap_or(0) / 1000)))
}

/// Gives each active set of `file` to the activity it happened in (by time; the nearest one
/// when it falls outside all of them, so that no set is lost).
fn attach_sets(activities: &mut [Activity], file: &FileMessages) {
    if activities.is_empty() {
        return;
    }
    // The sets of one exercise share its name: one per category and subtype.
    let mut made: HashMap<(Option<u16>, Option<u16>), StrengthSet> = HashMap::new();
    for set in file.sets.iter().filter(|s| s.set_type == Some(ACTIVE_SET)) {
        let target = match set_time(set) {
            Some(time) => {
                let at = instant(time);
                let distance = |a: &Activity| -> i128 {
                    let start = a.start.as_nanosecond();
                    let end = start + a.elapsed.as_nanos() as i128;
                    let at = at.as_nanosecond();
                    if at < start {
                        start - at
                    } else if at > end {
                        at - end
                    } else {
                        0
                    }
                };
                // Sessions can overlap (a run's elapsed time running into the strength
                // session after it): among the closest, strength sessions first, then the one
                // that started last.
                (0..activities.len())
                    .min_by_key(|&i| {
                        let a = &activities[i];
                        (
                            distance(a),
                            a.sport != Sport::StrengthTraining,
                            std::cmp::Reverse(a.start),
                        )
                    })
                    .unwrap_or(0)
            }
            None => activities
                .iter()
                .position(|a| a.sport == Sport::StrengthTraining)
                .unwrap_or(0),
        };
        let exercise = made
            .entry((set.category, set.subtype))
            .or_insert_with(|| exercise_set(set, file));
        activities[target].sets.push(strength_set(set, exercise.clone()));
    }
}

/// A set of the exercise of `set` (named, classified, its kind) and nothing else known: what
/// every set of the same category and subtype starts from.
fn exercise_set(set: &SetMessage, file: &FileMessages) -> StrengthSet {
    let mut strength = StrengthSet::new(exercise_name(set, file));
    if set.category.is_some_and(profile::is_cardio_category) {
        strength.exercise = None;
    }
    if set.category.is_some_and(profile::is_warm_up_category) {
        strength.kind = SetKind::WarmUp;
    }
    strength
}

/// The set `set` records, made from `strength`, the set of its exercise ([`exercise_set`]).
fn strength_set(set: &SetMessage, mut strength: StrengthSet) -> StrengthSet {
    strength.reps = set.reps.map(u32::from);
    strength.weight_kg = set.weight_x16.map(|w| f64::from(w) / 16.0);
    strength.duration = set.duration_ms.map(millis);
    strength
}

/// A readable exercise name that runlift's classification recognises where possible: the
/// user's `exercise_title`, else the profile's name of the exercise, else of its category.
/// When the first name found is not recognised but a later one is, the later one follows in
/// brackets, so that "Deficit Pendlay Thing (Row)" is still a row.
fn exercise_name(set: &SetMessage, file: &FileMessages) -> String {
    let title = file
        .titles
        .iter()
        .find(|t| t.category == set.category && t.subtype == set.subtype && set.category.is_some())
        .and_then(|t| t.name.clone());
    let exercise = set
        .category
        .zip(set.subtype)
        .and_then(|(category, subtype)| profile::exercise_name(category, subtype))
        .map(|name| profile::readable(&name));
    let category = set
        .category
        .and_then(profile::category_name)
        .filter(|name| name != "unknown")
        .map(|name| profile::readable(&name));
    let names: Vec<String> = [title, exercise, category].into_iter().flatten().collect();
    let Some(first) = names.first() else {
        return "Unknown exercise".to_owned();
    };
    if runlift_model::classify_exercise(first).is_some()
        || set.category.is_some_and(profile::is_cardio_category)
    {
        return first.clone();
    }
    match names[1..]
        .iter()
        .find(|name| runlift_model::classify_exercise(name).is_some())
    {
        Some(recognised) => format!("{first} ({recognised})"),
        None => first.clone(),
    }
}
