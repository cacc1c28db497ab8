//! Reads the JSON files of account exports into runlift's model: the activity summaries of a
//! Garmin Connect account export (`DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`)
//! and the training sessions of a Polar Flow account export (`training-session-*.json`).
//!
//! Like every runlift format crate it turns bytes into a [`Parsed`] and knows nothing of files
//! on disk, stores or reports.
//!
//! - [`detect`] tells from the first bytes which export a JSON file belongs to, as a
//!   [`JsonFormat`]; other JSON files (Garmin's sleep and wellness files, Polar's daily
//!   activity) are no format here.
//! - [`parse`] reads a file of a known format (each variant of [`JsonFormat`] says how), with
//!   [`JsonOptions`] for what the file does not say.
//!
//! Every problem names the file and the place: a file that is not JSON at all is an error at
//! its line and column; a record that cannot be read (a start that is not a time, a negative
//! distance) is left out with a warning naming its JSON path
//! (`summarizedActivitiesExport[3].beginTimestamp`), and the rest is imported. No input panics.
//!
//! ```
//! use runlift_json::{detect, parse, JsonFormat, JsonOptions};
//! use runlift_model::{SourceRef, Sport, RunKind};
//!
//! let json = br#"[{"summarizedActivitiesExport": [{
//!     "activityId": 1, "name": "Easy run", "activityType": "running",
//!     "beginTimestamp": 1767600000000, "startTimeGmt": 1767600000000,
//!     "startTimeLocal": 1767603600000, "duration": 1800000.0, "distance": 500000.0
//! }]}]"#;
//! assert_eq!(detect(json), Some(JsonFormat::GarminSummarizedActivities));
//! let source = SourceRef::file("me_0_summarizedActivities.json", JsonFormat::GarminSummarizedActivities.source_format());
//! let parsed = parse(json, JsonFormat::GarminSummarizedActivities, &source, &JsonOptions::default()).unwrap();
//! let run = &parsed.activities[0];
//! assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
//! assert_eq!(run.distance_m, Some(5000.0));
//! assert_eq!(run.elapsed.as_secs(), 1800);
//! assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(3600));
//! ```
#![deny(missing_docs)]

mod garmin;
mod polar;
mod value;

use jiff::tz::TimeZone;
use runlift_model::{ParseError, ParseErrorKind, Parsed, Position, SourceFormat, SourceRef};

/// The JSON files runlift reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonFormat {
    /// Garmin Connect's `*_summarizedActivities.json`, from the account export ("Export your
    /// data"): `[{"summarizedActivitiesExport": [...]}]`, one object per activity.
    ///
    /// Times are milliseconds since the epoch: `beginTimestamp` (else `startTimeGmt`) is the
    /// start, and `startTimeLocal` minus `startTimeGmt` the UTC offset where the activity was
    /// recorded. Durations are in milliseconds (`elapsedDuration`, else `duration`, is the
    /// elapsed time; `movingDuration` the moving time), `distance` and `elevationGain` in
    /// centimetres, `avgHr` in beats per minute. `activityType` (a key such as `running`,
    /// `treadmill_running`, `strength_training`, or an object with a `typeKey`) gives the
    /// sport, `name` the name. A strength session's `activeSets` (else `totalSets`) become
    /// that many sets without an exercise name.
    GarminSummarizedActivities,
    /// One `training-session-*.json` of a Polar Flow account export: a session with its
    /// `exercises`, one activity each (a multisport session has several).
    ///
    /// An exercise's `startTime` (the session's, when it has none) is the local wall-clock
    /// time, and `timezoneOffset` (the session's `timeZoneOffset`) its UTC offset in minutes; a
    /// time with its own offset or `Z` is taken as written, and one without either offset is
    /// read in [`JsonOptions::time_zone`]. `duration` is ISO 8601 (`PT1H2M3.5S`; else from
    /// `stopTime`), `distance` and `ascent` in metres, `heartRate.avg` in beats per minute,
    /// `sport` a Polar sport key (`RUNNING`, `TREADMILL_RUNNING`, `STRENGTH_TRAINING`).
    PolarTrainingSession,
}

impl JsonFormat {
    /// The source format of files in this format, for their [`SourceRef`].
    pub fn source_format(self) -> SourceFormat {
        match self {
            JsonFormat::GarminSummarizedActivities => SourceFormat::GarminAccountJson,
            JsonFormat::PolarTrainingSession => SourceFormat::PolarFlowJson,
        }
    }
}

/// What a JSON export does not say about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonOptions {
    /// The time zone of local times written without a UTC offset (Polar sessions without
    /// `timeZoneOffset`).
    pub time_zone: TimeZone,
}

impl Default for JsonOptions {
    /// UTC.
    fn default() -> Self {
        JsonOptions {
            time_zone: TimeZone::UTC,
        }
    }
}

/// The format of a JSON file from its first bytes (a few kilobytes are enough); `None` for
/// any other file.
///
/// ```
/// use runlift_json::{detect, JsonFormat};
///
/// assert_eq!(detect(br#"{"exportVersion": "1.6", "startTime": "2026-01-05T07:00:00.000", "exercises": ["#), Some(JsonFormat::PolarTrainingSession));
/// assert_eq!(detect(br#"[{"calendarDate": "2026-01-05", "totalSteps": 9000}]"#), None);
/// ```
pub fn detect(head: &[u8]) -> Option<JsonFormat> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let first = head[start];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if matches!(first, b'[' | b'{') && has(b"\"summarizedActivitiesExport\"") {
        return Some(JsonFormat::GarminSummarizedActivities);
    }
    if first == b'{' && has(b"\"exercises\"") && (has(b"\"exportVersion\"") || has(b"\"startTime\"")) {
        return Some(JsonFormat::PolarTrainingSession);
    }
    None
}

/// Reads a JSON file of the given format (see each [`JsonFormat`] variant for what is read).
///
/// It is an error when the file is empty, not JSON (at the line and column where it stops
/// being JSON), not of the format's shape, or when it holds records but none can be read.
pub fn parse(
    bytes: &[u8],
    format: JsonFormat,
    source: &SourceRef,
    options: &JsonOptions,
) -> Result<Parsed, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::new(source, None, ParseErrorKind::Empty));
    }
    let document: serde_json::Value = serde_json::from_slice(bytes).map_err(|err| {
        let position = (err.line() > 0).then(|| Position::Line {
            line: err.line() as u64,
            column: Some(err.column() as u64),
        });
        ParseError::new(
            source,
            position,
            ParseErrorKind::Syntax(format!("not valid JSON: {err}")),
        )
    })?;
    match format {
        JsonFormat::GarminSummarizedActivities => garmin::parse(&document, source),
        JsonFormat::PolarTrainingSession => polar::parse(&document, source, options),
    }
}

/// The activities a reader found and the records it left out, put together into a
/// [`Parsed`]: an error when records failed and none could be read.
fn finish(
    activities: Vec<runlift_model::Activity>,
    warnings: Vec<ParseError>,
    notes: Vec<String>,
    why_empty: &str,
) -> Result<Parsed, ParseError> {
    if activities.is_empty() {
        if let Some(first) = warnings.into_iter().next() {
            return Err(first);
        }
        return Ok(Parsed {
            activities,
            warnings: Vec::new(),
            nothing_to_import: Some(why_empty.to_owned()),
            notes: Vec::new(),
        });
    }
    Ok(Parsed {
        activities,
        warnings,
        nothing_to_import: None,
        notes,
    })
}

#[cfg(test)]
mod tests;
