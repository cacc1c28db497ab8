//! Recognising a file's format from its first bytes and handing it to its format crate.

use std::io::BufRead;

use runlift_csv::CsvDialect;
use runlift_json::JsonFormat;
use runlift_model::{ParseError, ParseErrorKind, Parsed, SourceFormat, SourceRef, Sport, SportInference};
use runlift_xml::XmlFormat;

use crate::container::Location;
use crate::{FileReport, FileStatus, ImportOptions, Origin};

/// What the first bytes of a file say it is, precisely enough to pick the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    Fit,
    Xml(XmlFormat),
    Csv(CsvDialect),
    Json(JsonFormat),
}

impl Detected {
    pub(crate) fn source_format(self) -> SourceFormat {
        match self {
            Detected::Fit => SourceFormat::Fit,
            Detected::Xml(XmlFormat::Gpx) => SourceFormat::Gpx,
            Detected::Xml(XmlFormat::Tcx) => SourceFormat::Tcx,
            Detected::Xml(XmlFormat::AppleHealth) => SourceFormat::AppleHealth,
            Detected::Csv(dialect) => dialect.source_format(),
            Detected::Json(format) => format.source_format(),
        }
    }

    /// The XML formats are read as a stream, in flat memory however large the file (Apple
    /// Health's export.xml runs to several GB, a long GPX track to hundreds of MB), and so are
    /// the CSV dialects that stream (a gym app's export of years of sets runs to tens of MB).
    pub(crate) fn is_streamed(self) -> bool {
        match self {
            Detected::Xml(_) => true,
            Detected::Csv(dialect) => dialect.is_streamed(),
            _ => false,
        }
    }
}

/// Recognises the format of a file from its first bytes (16 KiB are plenty).
pub(crate) fn detect(head: &[u8]) -> Option<Detected> {
    if runlift_fit::is_fit(head) {
        return Some(Detected::Fit);
    }
    if let Some(format) = runlift_xml::detect(head) {
        return Some(Detected::Xml(format));
    }
    if let Some(format) = runlift_json::detect(head) {
        return Some(Detected::Json(format));
    }
    runlift_csv::detect(head).map(Detected::Csv)
}

/// Reads a format that comes as a stream (see [`Detected::is_streamed`]).
pub(crate) fn parse_stream(
    reader: Box<dyn BufRead + Send + '_>,
    detected: Detected,
    location: &Location<'_>,
    options: &ImportOptions,
) -> FileReport {
    debug_assert!(detected.is_streamed());
    let format = detected.source_format();
    let source = source_ref(location, format);
    let result = match detected {
        Detected::Xml(XmlFormat::Gpx) => runlift_xml::parse_gpx_from(reader, &source),
        Detected::Xml(XmlFormat::Tcx) => runlift_xml::parse_tcx_from(reader, &source),
        Detected::Csv(dialect) => runlift_csv::parse_from(reader, dialect, &source, &options.csv),
        _ => runlift_xml::parse_apple_health(reader, &source),
    };
    let result = result.map(|parsed| settle_unknown_sports(parsed, options.unknown_sport.as_ref()));
    finish(location, format, result)
}

fn finish(location: &Location<'_>, format: SourceFormat, result: Result<Parsed, ParseError>) -> FileReport {
    match result {
        Ok(parsed) => parsed_report(location, format, parsed),
        Err(err) => FileReport {
            status: FileStatus::Error,
            problems: vec![err],
            ..empty_report(location, Some(format))
        },
    }
}

/// Reads a file held in memory, whose first bytes were recognised as `detected` (or nothing).
pub(crate) fn parse_bytes(
    bytes: &[u8],
    detected: Option<Detected>,
    location: &Location<'_>,
    options: &ImportOptions,
) -> FileReport {
    if bytes.is_empty() {
        return error_report(location, None, ParseErrorKind::Empty);
    }
    let Some(detected) = detected else {
        return unrecognised(bytes, location);
    };
    let format = detected.source_format();
    let source = source_ref(location, format);
    let result = match detected {
        Detected::Fit => runlift_fit::parse_fit(bytes, &source),
        Detected::Xml(XmlFormat::Gpx) => runlift_xml::parse_gpx(bytes, &source),
        Detected::Xml(XmlFormat::Tcx) => runlift_xml::parse_tcx(bytes, &source),
        // Small exports (and tests) arrive in memory; the reader is the streaming one all the same.
        Detected::Xml(XmlFormat::AppleHealth) => runlift_xml::parse_apple_health(bytes, &source),
        Detected::Csv(dialect) => runlift_csv::parse(bytes, dialect, &source, &options.csv),
        Detected::Json(format) => {
            let json = runlift_json::JsonOptions {
                time_zone: options.csv.time_zone.clone(),
            };
            runlift_json::parse(bytes, format, &source, &json)
        }
    };
    let result = result.map(|parsed| settle_unknown_sports(parsed, options.unknown_sport.as_ref()));
    finish(location, format, result)
}

/// Gives the sessions whose sport stayed unknown the sport the user set for them, with a note.
fn settle_unknown_sports(mut parsed: Parsed, unknown_sport: Option<&Sport>) -> Parsed {
    let Some(sport) = unknown_sport else {
        return parsed;
    };
    let mut settled = 0;
    for activity in &mut parsed.activities {
        if activity.sport == Sport::Other("unspecified".to_owned()) {
            activity.infer_sport(sport.clone(), SportInference::Setting);
            settled += 1;
        }
    }
    if settled > 0 {
        let sessions = if settled == 1 {
            "1 session"
        } else {
            &format!("{settled} sessions")
        };
        parsed.notes.push(format!(
            "{sessions} without a known sport read as {sport}, the sport set for unknown ones"
        ));
    }
    parsed
}

fn source_ref(location: &Location<'_>, format: SourceFormat) -> SourceRef {
    SourceRef {
        path: location.path.to_path_buf(),
        inner_path: location.inner.clone(),
        format,
    }
}

fn empty_report(location: &Location<'_>, format: Option<SourceFormat>) -> FileReport {
    FileReport {
        path: location.path.to_path_buf(),
        inner_path: location.inner.clone(),
        format,
        status: FileStatus::Ok,
        activities: Vec::new(),
        problems: Vec::new(),
        skip_reason: None,
        notes: Vec::new(),
    }
}

pub(crate) fn parsed_report(location: &Location<'_>, format: SourceFormat, mut parsed: Parsed) -> FileReport {
    let left_out = crate::sanity::check(&mut parsed);
    let status = if left_out > 0 && parsed.activities.is_empty() {
        // Every activity was impossible: nothing was imported, which must not look like a
        // file without activities.
        FileStatus::Error
    } else if !parsed.warnings.is_empty() {
        FileStatus::Partial
    } else if parsed.activities.is_empty() {
        FileStatus::Skipped
    } else {
        FileStatus::Ok
    };
    let skip_reason = (parsed.activities.is_empty() && left_out == 0).then(|| {
        parsed
            .nothing_to_import
            .unwrap_or_else(|| "the file holds no activity".to_owned())
    });
    FileReport {
        status,
        activities: parsed.activities,
        problems: parsed.warnings,
        skip_reason,
        notes: parsed.notes,
        ..empty_report(location, Some(format))
    }
}

pub(crate) fn error_report(
    location: &Location<'_>,
    format: Option<SourceFormat>,
    kind: ParseErrorKind,
) -> FileReport {
    FileReport {
        status: FileStatus::Error,
        problems: vec![ParseError::for_path(location.path, location.inner.clone(), kind)],
        ..empty_report(location, format)
    }
}

pub(crate) fn skipped(location: &Location<'_>, reason: String) -> FileReport {
    FileReport {
        status: FileStatus::Skipped,
        skip_reason: Some(reason),
        ..empty_report(location, None)
    }
}

/// Extensions that promise fitness data: a file found with one of them that holds something
/// else is an error, not a file to pass over.
const FITNESS_EXTENSIONS: &[&str] = &["gpx", "tcx", "fit"];

fn unrecognised(bytes: &[u8], location: &Location<'_>) -> FileReport {
    let name = location.name();
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let what = describe_unknown(bytes, &extension);
    let promises_fitness = FITNESS_EXTENSIONS.contains(&extension.as_str());
    if location.origin == Origin::Named || promises_fitness {
        return error_report(location, None, ParseErrorKind::UnknownFormat(what));
    }
    if let Some(export) = account_export_of(location) {
        // The other files of an account export runlift reads (plans, gear, records, sleep)
        // have dates and durations too, but no recorded training: passed over, with a reason.
        return skipped(
            location,
            format!("a file of {export} that holds no recorded activity runlift reads ({what})"),
        );
    }
    if let Some(looks) = crate::detection::looks_like_export(bytes) {
        // Maybe the user's data in a format, or a version of one, runlift does not read yet:
        // said without --verbose, and the run counts as partial, since the data may be lost.
        return error_report(location, None, ParseErrorKind::UnknownFormat(looks));
    }
    skipped(location, format!("not fitness data runlift reads ({what})"))
}

/// The account export `location` is a part of, by the folder its vendor gives every file of
/// it (Garmin Connect's `DI_CONNECT/`), whether on disk or inside the export's zip.
fn account_export_of(location: &Location<'_>) -> Option<&'static str> {
    const GARMIN_FOLDER: &str = "DI_CONNECT";
    let on_disk = location.path.components().any(|c| c.as_os_str() == GARMIN_FOLDER);
    let in_archive = location
        .inner
        .iter()
        .flat_map(|inner| inner.entries())
        .any(|entry| entry.split('/').any(|folder| folder == GARMIN_FOLDER));
    (on_disk || in_archive).then_some("a Garmin Connect account export")
}

/// A short description of what an unrecognised file seems to be, for its message.
fn describe_unknown(bytes: &[u8], extension: &str) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    if head.get(8..12) == Some(b".FIT") {
        return "it has a FIT signature, but its header is not one of a FIT file".to_owned();
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        if let Some(root) = crate::detection::root_element(trimmed) {
            return format!(
                "an XML document whose root element is <{root}>; runlift reads GPX (<gpx>), TCX \
                 (<TrainingCenterDatabase>) and Apple Health (<HealthData>)"
            );
        }
        return "an XML or HTML document runlift does not recognise".to_owned();
    }
    if trimmed.starts_with(['{', '[']) && extension == "json" {
        return "a JSON file of no export runlift reads; it reads Garmin Connect's \
                *_summarizedActivities.json and Polar Flow's training-session-*.json"
            .to_owned();
    }
    if extension == "csv" {
        let header = trimmed
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(80)
            .collect::<String>();
        return format!(
            "a CSV whose header {header:?} matches no known export; runlift reads: {}",
            runlift_csv::known_dialects().join(", ")
        );
    }
    if head.contains(&0) || std::str::from_utf8(head).is_err() {
        return "binary data of an unknown kind".to_owned();
    }
    "text that is neither XML nor a known CSV export".to_owned()
}
