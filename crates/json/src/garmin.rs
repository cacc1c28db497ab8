//! Garmin Connect's `*_summarizedActivities.json`, from the account export.
//!
//! ```text
//! [{"summarizedActivitiesExport": [
//!   {"activityId": 12345678901, "name": "Berlin Running", "activityType": "running",
//!    "sportType": "RUNNING", "beginTimestamp": 1767600000000, "startTimeGmt": 1767600000000,
//!    "startTimeLocal": 1767603600000, "duration": 3000000.0, "elapsedDuration": 3060000.0,
//!    "movingDuration": 2990000.0, "distance": 1000000.0, "elevationGain": 4200.0,
//!    "avgHr": 148.0, "calories": 650.0, ...},
//!   ...
//! ]}]
//! ```
//!
//! Times are milliseconds since the epoch (`startTimeLocal` is the local wall-clock time
//! written as if it were UTC), durations milliseconds, distances and climbs centimetres. A
//! multisport activity is listed as its parent (`"parent": true` with `childIds`) and as each
//! of its parts.

use std::collections::HashSet;

use runlift_model::{
    Activity, Offset, ParseError, ParseErrorKind, Parsed, SourceRef, Sport, StrengthSet, Timestamp,
};
use serde_json::Value;

use crate::value::{Warnings, field, millis, non_negative, number, shown, text};

const LIST: &str = "summarizedActivitiesExport";

/// The most sets made for one strength session from its count: a count beyond it is not a
/// session's.
const MAX_SETS: f64 = 1_000.0;

/// Reads the summaries; see [`crate::JsonFormat::GarminSummarizedActivities`].
pub(crate) fn parse(document: &Value, source: &SourceRef) -> Result<Parsed, ParseError> {
    // The export wraps the list in an array of one object; a bare object is read too.
    let lists: Vec<(String, &Vec<Value>)> = match document {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((format!("$[{i}].{LIST}"), field(item, LIST)?.as_array()?)))
            .collect(),
        Value::Object(_) => field(document, LIST)
            .and_then(Value::as_array)
            .map(|list| (format!("$.{LIST}"), list))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    if lists.is_empty() {
        return Err(ParseError::new(
            source,
            None,
            ParseErrorKind::Missing(format!("the list {LIST:?} of Garmin's summarizedActivities.json")),
        ));
    }
    // A multisport activity is listed as a parent and as its parts, each an activity of its
    // own: the parts are counted, and a parent whose parts are listed is not.
    let ids: HashSet<i64> = lists
        .iter()
        .flat_map(|(_, list)| list.iter())
        .filter_map(|record| field(record, "activityId")?.as_i64())
        .collect();
    let mut activities = Vec::new();
    let mut warnings = Warnings::default();
    let mut parents = 0usize;
    for (list_path, list) in lists {
        for (index, record) in list.iter().enumerate() {
            if is_listed_parent(record, &ids) {
                parents += 1;
                continue;
            }
            let path = format!("{list_path}[{index}]");
            match read_activity(record, &path, source) {
                Ok(activity) => activities.push(activity),
                Err(kind) => warnings.push(source, kind),
            }
        }
    }
    let mut notes = vec![
        "Garmin's summary of each activity; where the export also holds the activity's FIT file, \
         the two are joined and the FIT file's figures kept"
            .to_owned(),
    ];
    if parents > 0 {
        notes.push(format!(
            "{parents} multisport activit{} counted by {} parts, which the summary lists too",
            if parents == 1 { "y is" } else { "ies are" },
            if parents == 1 { "its" } else { "their" },
        ));
    }
    let warnings = warnings.into_vec(source);
    crate::finish(
        activities,
        warnings,
        notes,
        "the Garmin summarizedActivities.json lists no activities",
    )
}

/// Whether `record` is a multisport parent (`"parent": true`) with one of its `childIds` among
/// the listed activities.
fn is_listed_parent(record: &Value, ids: &HashSet<i64>) -> bool {
    let is_parent = field(record, "parent").and_then(Value::as_bool) == Some(true);
    is_parent
        && field(record, "childIds")
            .and_then(Value::as_array)
            .is_some_and(|children| {
                children
                    .iter()
                    .filter_map(Value::as_i64)
                    .any(|id| ids.contains(&id))
            })
}

/// An instant in milliseconds since the epoch, in field `key`; `None` when absent.
fn epoch_millis(record: &Value, path: &str, key: &str) -> Result<Option<i64>, ParseErrorKind> {
    let Some(ms) = number(record, path, key)? else {
        return Ok(None);
    };
    // Within jiff's range of instants (years -9999 to 9999), checked before the cast.
    if ms.abs() > 2.5e17 {
        return Err(ParseErrorKind::invalid_value(
            format!("{path}.{key}"),
            &ms.to_string(),
            "milliseconds since 1970",
        ));
    }
    Ok(Some(ms.round() as i64))
}

fn read_activity(record: &Value, path: &str, source: &SourceRef) -> Result<Activity, ParseErrorKind> {
    if !record.is_object() {
        return Err(ParseErrorKind::invalid_value(
            path,
            &shown(record),
            "an activity (a JSON object)",
        ));
    }
    let begin = epoch_millis(record, path, "beginTimestamp")?;
    let gmt = epoch_millis(record, path, "startTimeGmt")?;
    let start_ms = begin
        .or(gmt)
        .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.beginTimestamp (the start)")))?;
    let start = Timestamp::from_millisecond(start_ms).map_err(|_| {
        ParseErrorKind::invalid_value(
            format!("{path}.beginTimestamp"),
            &start_ms.to_string(),
            "milliseconds since 1970",
        )
    })?;
    let sport_name = activity_type(record)
        .or_else(|| text(record, "sportType"))
        .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.activityType (the sport)")))?;
    let elapsed_ms = match number(record, path, "elapsedDuration")? {
        Some(ms) => ms,
        None => number(record, path, "duration")?
            .ok_or_else(|| ParseErrorKind::Missing(format!("{path}.duration")))?,
    };
    let elapsed = millis(&format!("{path}.elapsedDuration"), elapsed_ms)?;
    let sport = Sport::from_name(&sport_name);
    let mut activity = Activity::new(sport, start, elapsed, source.clone());
    activity.name = text(record, "name");
    if let (Some(local), Some(gmt)) = (epoch_millis(record, path, "startTimeLocal")?, gmt.or(begin)) {
        // Whole seconds; a difference beyond any real offset is no offset.
        let seconds = (local - gmt) / 1000;
        activity.utc_offset = i32::try_from(seconds)
            .ok()
            .and_then(|s| Offset::from_seconds(s).ok());
    }
    if let Some(ms) = number(record, path, "movingDuration")? {
        activity.moving = Some(millis(&format!("{path}.movingDuration"), ms)?);
    }
    activity.distance_m = non_negative(record, path, "distance")?
        .filter(|&cm| cm > 0.0)
        .map(|cm| cm / 100.0);
    activity.elevation_gain_m = non_negative(record, path, "elevationGain")?.map(|cm| cm / 100.0);
    activity.avg_heart_rate = non_negative(record, path, "avgHr")?.filter(|&hr| hr > 0.0);
    if activity.sport == Sport::StrengthTraining {
        let count = match non_negative(record, path, "activeSets")? {
            Some(count) => Some(count),
            None => non_negative(record, path, "totalSets")?,
        };
        if let Some(count) = count.filter(|c| (1.0..=MAX_SETS).contains(c)) {
            // Sets without a name, all sharing the one empty name.
            activity.sets = vec![StrengthSet::new(""); count as usize];
        }
    }
    Ok(activity)
}

/// The activity type's key: the field `activityType` as text, or its `typeKey`.
fn activity_type(record: &Value) -> Option<String> {
    let value = field(record, "activityType")?;
    match value {
        Value::String(_) => text(record, "activityType"),
        Value::Object(_) => text(value, "typeKey"),
        _ => None,
    }
}
