//! A `training-session-*.json` of a Polar Flow account export (account.polar.com, then
//! Download your data).
//!
//! ```text
//! {"exportVersion": "1.6", "name": "Morning run", "startTime": "2026-01-10T08:15:00.000",
//!  "stopTime": "2026-01-10T09:05:30.000", "timeZoneOffset": 60, "distance": 10120.0,
//!  "duration": "PT50M30S", "kiloCalories": 640,
//!  "exercises": [{"startTime": "2026-01-10T08:15:00.000", "stopTime": "2026-01-10T09:05:30.000",
//!    "timezoneOffset": 60, "duration": "PT50M30S", "distance": 10120.0, "sport": "RUNNING",
//!    "ascent": 84.0, "heartRate": {"min": 98, "avg": 151, "max": 178},
//!    "samples": {"heartRate": [...], "recordedRoute": [...]}}]}
//! ```
//!
//! The samples and the route are not read: the exercise's own summary says what runlift needs.

use jiff::civil::DateTime;
use jiff::tz::Offset;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport, Timestamp};
use serde_json::Value;

use crate::JsonOptions;
use crate::value::{Warnings, field, iso_duration, non_negative, number, shown, text};

/// Reads a session; see [`crate::JsonFormat::PolarTrainingSession`].
pub(crate) fn parse(
    document: &Value,
    source: &SourceRef,
    options: &JsonOptions,
) -> Result<Parsed, ParseError> {
    let exercises = field(document, "exercises")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ParseError::new(
                source,
                None,
                ParseErrorKind::Missing("the list \"exercises\" of a Polar training session".to_owned()),
            )
        })?;
    let session_name = text(document, "name");
    let mut activities = Vec::new();
    let mut warnings = Warnings::default();
    let mut zone_used = false;
    for (index, exercise) in exercises.iter().enumerate() {
        let path = format!("$.exercises[{index}]");
        match read_exercise(document, exercise, exercises.len(), &path, source, options) {
            Ok((mut activity, used_zone)) => {
                zone_used |= used_zone;
                activity.name.clone_from(&session_name);
                activities.push(activity);
            }
            Err(kind) => warnings.push(source, kind),
        }
    }
    let mut notes = Vec::new();
    if zone_used {
        notes.push(format!(
            "the session gives no UTC offset; its local times were read as {} time",
            options.time_zone.iana_name().unwrap_or("the configured")
        ));
    }
    crate::finish(
        activities,
        warnings.into_vec(source),
        notes,
        "the Polar training session holds no exercises",
    )
}

/// The exercise at `path` of the `count` exercises of `session` as an activity, and whether
/// its time was read in the configured time zone for want of an offset. Fields the exercise
/// lacks come from the session when it is the session's only exercise.
fn read_exercise(
    session: &Value,
    exercise: &Value,
    count: usize,
    path: &str,
    source: &SourceRef,
    options: &JsonOptions,
) -> Result<(Activity, bool), ParseErrorKind> {
    if !exercise.is_object() {
        return Err(ParseErrorKind::invalid_value(
            path,
            &shown(exercise),
            "an exercise (a JSON object)",
        ));
    }
    // The session's own figures stand for its exercise's only when there is one exercise.
    let session_for_one = (count == 1).then_some(session);
    let from = |key: &str, session_key: &str| located(exercise, session_for_one, path, key, session_key);
    let offset_minutes = match number(exercise, path, "timezoneOffset")? {
        Some(minutes) => Some(minutes),
        None => number(session, "$", "timeZoneOffset")?,
    };
    let (start_record, start_path) = from("startTime", "startTime")
        .or_else(|| field(session, "startTime").map(|_| (session, "$".to_owned())))
        .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.startTime")))?;
    let (start, utc_offset, used_zone) =
        instant(start_record, &start_path, "startTime", offset_minutes, options)?;

    let duration = match from("duration", "duration") {
        Some((record, p)) => iso_duration(record, &p, "duration")?,
        None => None,
    };
    let elapsed = match duration {
        Some(duration) => duration,
        None => {
            let (record, p) = from("stopTime", "stopTime")
                .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.duration")))?;
            let (stop, _, _) = instant(record, &p, "stopTime", offset_minutes, options)?;
            let span = stop.duration_since(start);
            std::time::Duration::try_from(span).map_err(|_| {
                ParseErrorKind::invalid_value(
                    format!("{path}.stopTime"),
                    &stop.to_string(),
                    "a time after the start",
                )
            })?
        }
    };
    let sport_name = text(exercise, "sport")
        .or_else(|| session_for_one.and_then(|s| text(s, "sport")))
        .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.sport")))?;
    let mut activity = Activity::new(Sport::from_name(&sport_name), start, elapsed, source.clone());
    activity.utc_offset = utc_offset;
    if let Some((record, p)) = from("distance", "distance") {
        activity.distance_m = non_negative(record, &p, "distance")?.filter(|&m| m > 0.0);
    }
    activity.elevation_gain_m = non_negative(exercise, path, "ascent")?;
    let heart_rate = match field(exercise, "heartRate") {
        Some(rates) => non_negative(rates, &format!("{path}.heartRate"), "avg")?,
        None => match session_for_one {
            Some(s) => non_negative(s, "$", "averageHeartRate")?,
            None => None,
        },
    };
    activity.avg_heart_rate = heart_rate.filter(|&hr| hr > 0.0);
    Ok((activity, used_zone))
}

/// Where the field `key` of the exercise at `path` is, with its record's path: the exercise
/// itself, else `session` (a single exercise's session) under `session_key`.
fn located<'v>(
    exercise: &'v Value,
    session: Option<&'v Value>,
    path: &str,
    key: &str,
    session_key: &str,
) -> Option<(&'v Value, String)> {
    match field(exercise, key) {
        Some(_) => Some((exercise, path.to_owned())),
        None => session
            .filter(|s| field(s, session_key).is_some())
            .map(|s| (s, "$".to_owned())),
    }
}

/// The instant in the time field `key` of `record`: as written when it carries an offset or
/// `Z`, else a local time at `offset_minutes`, else in the configured zone (the `bool`).
fn instant(
    record: &Value,
    path: &str,
    key: &str,
    offset_minutes: Option<f64>,
    options: &JsonOptions,
) -> Result<(Timestamp, Option<Offset>, bool), ParseErrorKind> {
    let name = format!("{path}.{key}");
    let raw = field(record, key).map(shown).unwrap_or_default();
    let invalid = |expected: &str| ParseErrorKind::invalid_value(&name, &raw, expected);
    let offset = match offset_minutes {
        Some(minutes) if minutes.fract() == 0.0 && minutes.abs() <= 18.0 * 60.0 => {
            Some(Offset::from_seconds(minutes as i32 * 60).map_err(|_| invalid("an offset in minutes"))?)
        }
        Some(_) => {
            return Err(invalid(
                "an exercise whose timezoneOffset is whole minutes within ±18 h",
            ));
        }
        None => None,
    };
    let text = raw.trim();
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Ok((instant, offset, false));
    }
    let local: DateTime = text
        .parse()
        .map_err(|_| invalid("a time such as 2026-01-10T08:15:00.000"))?;
    match offset {
        Some(offset) => {
            let instant = offset
                .to_timestamp(local)
                .map_err(|_| invalid("a time that exists"))?;
            Ok((instant, Some(offset), false))
        }
        None => {
            let zone = &options.time_zone;
            let instant = zone
                .to_ambiguous_timestamp(local)
                .compatible()
                .map_err(|_| invalid("a time that exists in the time zone"))?;
            Ok((instant, Some(zone.to_offset(instant)), true))
        }
    }
}
