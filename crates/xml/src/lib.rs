//! Reads XML fitness files into runlift's model; for now GPX 1.0 and 1.1.
//!
//! The crate knows nothing about files on disk: it takes the bytes of one file and a
//! [`SourceRef`] saying where they came from.
//!
//! - [`detect`] tells from the first bytes whether a file is GPX, TCX or an Apple Health
//!   export ([`XmlFormat`]), so the importer can pick a reader.
//! - [`read_gpx`] streams through a GPX file with quick-xml (no DOM) into a [`GpxDocument`]:
//!   its [`GpxTrack`]s, each a list of segments of [`TrackPoint`]s (position, elevation,
//!   time, heart rate, cadence), the counts of waypoints and routes, and warnings about the
//!   parts it had to leave out.
//! - [`parse_gpx`] turns that document into a [`Parsed`]: one [`Activity`] per track with
//!   recorded points (distance, moving time, elevation gain, average heart rate, sport), or
//!   the reason the file holds nothing to import.
//!
//! Namespaces are matched by URI, not prefix: GPX elements in the GPX 1.0 or 1.1 namespace or
//! in none; heart rate and cadence from Garmin's TrackPointExtension (v1 or v2), whether the
//! file writes `ns3:` (Garmin Connect) or `gpxtpx:` (Strava). A file cut off or broken in the
//! middle keeps the points read before the damage, with a warning saying where it is.
//!
//! The sport comes from the track's `<type>` (see [`sport_from_gpx_type`]); when there is
//! none (GPX 1.0 has no `<type>`), a track or file name that says run as a whole word (run,
//! running, jog, jogging, lauf, laufen, hardlopen, hardloop) makes it a run, and anything
//! else is `Sport::Other("unspecified")` (see [`GpxTrack::sport`]).
//!
//! ```
//! use std::time::Duration;
//! use runlift_model::{RunKind, SourceFormat, SourceRef, Sport};
//! use runlift_xml::{parse_gpx, read_gpx};
//!
//! // Three points on the Greenwich meridian, 0.009 degrees of latitude apart.
//! let gpx = br#"<?xml version="1.0" encoding="UTF-8"?>
//! <gpx version="1.1" creator="example" xmlns="http://www.topografix.com/GPX/1/1">
//!   <trk><name>Morning Run</name><type>running</type><trkseg>
//!     <trkpt lat="51.000" lon="0"><time>2024-05-01T06:30:00Z</time></trkpt>
//!     <trkpt lat="51.009" lon="0"><time>2024-05-01T06:35:00Z</time></trkpt>
//!     <trkpt lat="51.018" lon="0"><time>2024-05-01T06:40:00Z</time></trkpt>
//!   </trkseg></trk>
//! </gpx>"#;
//! let source = SourceRef::file("morning.gpx", SourceFormat::Gpx);
//!
//! let document = read_gpx(gpx, &source).unwrap();
//! assert_eq!(document.tracks[0].point_count(), 3);
//!
//! let parsed = parse_gpx(gpx, &source).unwrap();
//! let run = &parsed.activities[0];
//! assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
//! assert_eq!(run.name.as_deref(), Some("Morning Run"));
//! assert_eq!(run.elapsed, Duration::from_secs(600));
//! // 0.018 degrees of arc on a sphere of radius 6 371 008.8 m.
//! assert_eq!(run.distance_m.map(|d| d.round()), Some(2002.0));
//! assert!(parsed.warnings.is_empty());
//! ```
#![deny(missing_docs)]

mod detect;
mod geo;
mod gpx;
mod sport;
mod time;

use runlift_model::{Activity, ParseError, Parsed, SourceRef};

pub use detect::{XmlFormat, detect};
pub use geo::{EARTH_RADIUS_M, haversine_m};
pub use gpx::{GpxDocument, GpxTrack, TrackPoint};
pub use sport::{name_says_run, sport_from_gpx_type};

/// Reads a GPX 1.0 or 1.1 file into a [`GpxDocument`], keeping every track, even those
/// without times.
///
/// A UTF-8 byte order mark and whitespace before `<?xml` are accepted; so are files declared
/// ISO-8859-1 (their text is read as Latin-1) and UTF-16 files with a byte order mark.
///
/// # Errors
///
/// - [`Empty`](runlift_model::ParseErrorKind::Empty): no content, or only whitespace.
/// - [`UnknownFormat`](runlift_model::ParseErrorKind::UnknownFormat): not XML, or XML whose
///   root element is not `<gpx>` (the message names it).
/// - [`Truncated`](runlift_model::ParseErrorKind::Truncated) or
///   [`Syntax`](runlift_model::ParseErrorKind::Syntax), with line and column: the XML is cut
///   off or broken before a recorded track ([`GpxTrack::is_recording`]) was read. When one
///   came before the damage, what was read is returned, the damage is the last warning and
///   [`GpxDocument::complete`] is `false`.
pub fn read_gpx(bytes: &[u8], source: &SourceRef) -> Result<GpxDocument, ParseError> {
    match utf16_to_utf8(bytes) {
        Some(text) => gpx::read(text.as_bytes(), source),
        None => gpx::read(bytes, source),
    }
}

/// Reads a GPX file into activities: one per `<trk>` that is a recording
/// ([`GpxTrack::is_recording`]: at least two points with different times).
///
/// For each such track: the start is its first timed point (and the UTC offset that point
/// was written with, if any); elapsed time runs from the first to the last timed point;
/// distance is [`GpxTrack::length_2d_m`], moving time [`GpxTrack::moving_time`], elevation
/// gain [`GpxTrack::elevation_gain_m`], average heart rate [`GpxTrack::avg_heart_rate`]; the
/// sport is [`GpxTrack::sport`] and the name the track's, else the file's. Routes, waypoints
/// and tracks without times (or with one time only) are not activities; when nothing is left,
/// [`Parsed::nothing_to_import`] says why.
///
/// # Errors
///
/// As [`read_gpx`].
pub fn parse_gpx(bytes: &[u8], source: &SourceRef) -> Result<Parsed, ParseError> {
    let document = read_gpx(bytes, source)?;
    let activities: Vec<Activity> = document
        .tracks
        .iter()
        .filter_map(|track| activity(track, document.name.as_deref(), source))
        .collect();
    let nothing_to_import = activities.is_empty().then(|| nothing_to_import(&document));
    Ok(Parsed {
        activities,
        warnings: document.warnings,
        nothing_to_import,
        notes: Vec::new(),
    })
}

fn activity(track: &GpxTrack, file_name: Option<&str>, source: &SourceRef) -> Option<Activity> {
    if !track.is_recording() {
        return None;
    }
    let (first, last) = track.time_bounds()?;
    let (start, end) = (first.time?, last.time?);
    let elapsed = gpx::duration_from_nanos(end.duration_since(start).as_nanos());
    let mut activity = Activity::new(track.sport(file_name), start, elapsed, source.clone());
    activity.name = track.name.clone().or_else(|| file_name.map(str::to_owned));
    activity.utc_offset = first.utc_offset;
    activity.moving = Some(track.moving_time());
    activity.distance_m = Some(track.length_2d_m());
    activity.elevation_gain_m = track.elevation_gain_m();
    activity.avg_heart_rate = track.avg_heart_rate();
    Some(activity)
}

/// One sentence on why a document that was read without error yields no activity.
fn nothing_to_import(document: &GpxDocument) -> String {
    fn count(n: usize, what: &str) -> String {
        if n == 1 {
            format!("1 {what}")
        } else {
            format!("{n} {what}s")
        }
    }
    let tracks = document.tracks.len();
    if tracks == 0 {
        let mut held = Vec::new();
        if document.route_count > 0 {
            held.push(count(document.route_count, "route"));
        }
        if document.waypoint_count > 0 {
            held.push(count(document.waypoint_count, "waypoint"));
        }
        return if held.is_empty() {
            "the file holds no track, route or waypoint".to_owned()
        } else {
            format!("the file holds {} and no track", held.join(", "))
        };
    }
    if document.tracks.iter().all(|t| t.point_count() == 0) {
        return match tracks {
            1 => "the track has no points".to_owned(),
            n => format!("none of the {n} tracks has any points"),
        };
    }
    let timed = document.tracks.iter().any(|t| t.time_bounds().is_some());
    match (tracks, timed) {
        (1, false) => "the track has no timestamps: it is a planned route, not a recording".to_owned(),
        (n, false) => {
            format!("none of the {n} tracks has timestamps: they are planned routes, not recordings")
        }
        (1, true) => {
            "the track has only one timestamp: it is a planned route or a single fix, not a recording"
                .to_owned()
        }
        (n, true) => format!(
            "none of the {n} tracks has more than one timestamp: they are planned routes or single fixes, not recordings"
        ),
    }
}

/// Decodes a document that starts with a UTF-16 byte order mark into UTF-8 (lossily, so
/// that an odd trailing byte or a lone surrogate cannot fail); `None` for anything else.
pub(crate) fn utf16_to_utf8(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests;
