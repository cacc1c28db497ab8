//! Reads XML fitness files into runlift's model: GPX 1.0 and 1.1, TCX (Garmin Training
//! Center XML, version 2) and Apple Health's `export.xml`.
//!
//! The crate knows nothing about files on disk: it takes the bytes of one file, or a stream,
//! and a [`SourceRef`] saying where they came from.
//!
//! - [`detect`] tells from the first bytes whether a file is GPX, TCX or an Apple Health
//!   export ([`XmlFormat`]), so the importer can pick a reader.
//! - [`read_gpx`] streams through a GPX file with quick-xml (no DOM) into a [`GpxDocument`]:
//!   its [`GpxTrack`]s, each a list of segments of [`TrackPoint`]s (position, elevation,
//!   time, heart rate, cadence), the counts of waypoints and routes, and warnings about the
//!   parts it had to leave out. [`parse_gpx`] turns that document into a [`Parsed`]: one
//!   [`Activity`] per track with recorded points, or the reason the file holds nothing to
//!   import.
//! - [`read_tcx`] reads a TCX file into a [`TcxDocument`] of [`TcxActivity`]s, their
//!   [`TcxLap`]s and [`TcxTrackpoint`]s; [`parse_tcx`] makes one [`Activity`] per
//!   `<Activity>` (each leg of a multisport session too), preferring the device's lap totals
//!   (timer time, distance, heart rate) over figures computed from the trackpoints.
//! - [`read_gpx_from`], [`parse_gpx_from`], [`read_tcx_from`] and [`parse_tcx_from`] read the
//!   same from a stream, through a window of a megabyte, in flat memory however large the
//!   file; [`parse_gpx`] and [`parse_gpx_from`] fold each track's points into its figures as
//!   they are read rather than keeping them, and [`parse_tcx`] and [`parse_tcx_from`] each
//!   activity's trackpoints.
//! - [`parse_apple_health`] reads the workouts of an Apple Health export from any
//!   [`BufRead`](std::io::BufRead) in constant memory, skipping the millions of health
//!   records without parsing them.
//!
//! Namespaces are matched by URI, not prefix: GPX elements in the GPX 1.0 or 1.1 namespace or
//! in none; heart rate and cadence from Garmin's TrackPointExtension (v1 or v2), whether the
//! file writes `ns3:` (Garmin Connect) or `gpxtpx:` (Strava); TCX run cadence and speed from
//! Garmin's ActivityExtension `TPX`. A file cut off or broken in the middle keeps what was
//! read before the damage, with a warning saying where it is.
//!
//! Hostile XML is bounded: nesting deeper than [`MAX_DEPTH`], a name longer than
//! [`MAX_NAME_BYTES`], a start tag longer than [`MAX_TAG_BYTES`] or text longer than
//! [`MAX_TEXT_BYTES`] stops the reading as broken XML does, with the bound named in the
//! message; an Apple Health workout past one is left out with a warning. A DOCTYPE's internal
//! subset is skipped and its entities are never expanded nor fetched: a reference to one is
//! kept as written (`&lol9;`).
//!
//! Sports are named by the model's one vocabulary: a GPX track's `<type>` through
//! [`Sport::from_gpx_type`](runlift_model::Sport::from_gpx_type); when there is none (GPX 1.0
//! has no `<type>`), the sport is inferred from the track's or file's name in the common
//! languages ([`sport_from_title`]), its cadence or its speed profile, and marked so
//! ([`Activity::sport_inferred`](runlift_model::Activity::sport_inferred); see
//! [`GpxTrack::inferred_sport`]); anything else is `Sport::Other("unspecified")`, with a note.
//! TCX's sport and notes go through [`sport_from_tcx`], Apple Health's workout types through
//! [`Sport::from_healthkit`](runlift_model::Sport::from_healthkit). Consecutive TCX activities
//! of one sport at most [`MAX_SEGMENT_GAP`] apart (Google Fit's stretches of a paused session)
//! are one activity.
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

mod apple_health;
mod detect;
mod geo;
mod gpx;
mod reading;
mod sport;
mod summary;
mod tcx;
mod time;

use std::io::Read;

use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Timestamp};

use crate::reading::Window;
use crate::summary::TrackSummary;
use crate::tcx::TrackpointSummary;

/// The deepest nesting of XML elements read (the root is at depth 1). Fitness files nest
/// fewer than 15 deep; the bound keeps the reader's stacks small on hostile input (a file of
/// nothing but `<x><x><x>...`). Deeper, the reading stops as at broken XML.
pub const MAX_DEPTH: usize = 256;

/// The longest element name read, in bytes. Real names (`gpxtpx:TrackPointExtension`) are
/// under 64 bytes; this is far above any, yet small enough for names to be compared cheaply.
pub const MAX_NAME_BYTES: usize = 4 << 10;

/// The longest start tag read, name and attributes together, in bytes. The longest real
/// tags (a `<gpx>` root declaring a dozen namespaces and schema locations, an Apple Health
/// `<Workout>`) are a few kilobytes.
pub const MAX_TAG_BYTES: usize = 1 << 20;

/// The most text (character data, CDATA and references) read between two tags, in bytes. The
/// longest real texts, descriptions and notes typed by hand, are a few kilobytes; a megabyte
/// is far above them and still bounds each piece of text the reader holds.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

pub use detect::{XmlFormat, detect};
pub use geo::{EARTH_RADIUS_M, haversine_m};
pub use gpx::{GpxDocument, GpxTrack, SpeedProfile, TrackPoint};
pub use sport::{name_says_run, sport_from_tcx, sport_from_title};
pub use tcx::{TcxActivity, TcxDocument, TcxLap, TcxTrackpoint};

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
        Some(text) => gpx::read(&mut Window::whole(text.as_bytes()), source),
        None => gpx::read(&mut Window::whole(bytes), source),
    }
}

/// [`read_gpx`] from a stream, through a window of a megabyte: memory stays flat however
/// large the file (but for its points).
///
/// What is read, and every message, is as from the same bytes in memory, with one bound
/// more: a single piece of XML (a comment, a processing instruction, a DOCTYPE) longer than
/// 16 MiB stops the reading as broken XML does. A UTF-16 file is read whole.
///
/// # Errors
///
/// As [`read_gpx`]; and [`Unreadable`](runlift_model::ParseErrorKind::Unreadable) when
/// `reader` fails.
pub fn read_gpx_from<R: Read>(reader: R, source: &SourceRef) -> Result<GpxDocument, ParseError> {
    read_stream(reader, source, reading::WINDOW_BYTES, gpx::read)
}

/// [`read_gpx_from`] or [`read_tcx_from`] (`tcx`) through a window that starts at `size`
/// bytes: for the fuzz targets, which compare it with the reading in memory where the
/// window's edges fall anywhere. Not for other use.
#[doc(hidden)]
pub fn read_through_window<R: Read>(
    reader: R,
    source: &SourceRef,
    size: usize,
    tcx: bool,
) -> Result<String, ParseError> {
    if tcx {
        read_stream(reader, source, size, tcx::read).map(|document| format!("{document:?}"))
    } else {
        read_stream(reader, source, size, gpx::read).map(|document| format!("{document:?}"))
    }
}

/// [`parse_gpx`] from a stream, as [`read_gpx_from`] reads it.
///
/// # Errors
///
/// As [`read_gpx_from`].
pub fn parse_gpx_from<R: Read>(reader: R, source: &SourceRef) -> Result<Parsed, ParseError> {
    read_stream(reader, source, reading::WINDOW_BYTES, gpx::read_summaries)
        .map(|(document, summaries)| gpx_activities(document, &summaries, source))
}

/// Reads a stream through a window of `size` bytes with `read`; a UTF-16 stream is read
/// whole and converted.
fn read_stream<R: Read, T>(
    mut reader: R,
    source: &SourceRef,
    size: usize,
    read: fn(&mut Window<'_>, &SourceRef) -> Result<T, ParseError>,
) -> Result<T, ParseError> {
    let unreadable = |error| ParseError::new(source, None, ParseErrorKind::io(None, error));
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(unreadable(error)),
        }
    }
    let head = &head[..got];
    if matches!(head, [0xFF, 0xFE] | [0xFE, 0xFF]) {
        let mut bytes = head.to_vec();
        reader.read_to_end(&mut bytes).map_err(unreadable)?;
        let text = utf16_to_utf8(&bytes).unwrap_or_default();
        return read(&mut Window::whole(text.as_bytes()), source);
    }
    read(&mut Window::stream(&mut reader, head, size), source)
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
    let read = |window: &mut Window<'_>| gpx::read_summaries(window, source);
    let (document, summaries) = match utf16_to_utf8(bytes) {
        Some(text) => read(&mut Window::whole(text.as_bytes()))?,
        None => read(&mut Window::whole(bytes))?,
    };
    Ok(gpx_activities(document, &summaries, source))
}

/// The activities of a document whose tracks' points are folded into `summaries`, one per
/// track (the points themselves are not kept).
fn gpx_activities(document: GpxDocument, summaries: &[TrackSummary], source: &SourceRef) -> Parsed {
    let activities: Vec<Activity> = document
        .tracks
        .iter()
        .zip(summaries)
        .filter_map(|(track, summary)| activity(track, summary, document.name.as_deref(), source))
        .collect();
    let nothing_to_import = activities
        .is_empty()
        .then(|| nothing_to_import(&document, summaries));
    let unknown = activities
        .iter()
        .filter(|a| a.sport == runlift_model::Sport::Other("unspecified".to_owned()))
        .count();
    let notes = match unknown {
        0 => Vec::new(),
        n => vec![format!(
            "{} no sport, and neither name, cadence nor speed tells one: left unspecified \
             (--sport-for-unknown or [import] unknown_sport name one)",
            if n == 1 {
                "the track names".to_owned()
            } else {
                format!("{n} tracks name")
            }
        )],
    };
    Parsed {
        activities,
        warnings: document.warnings,
        nothing_to_import,
        notes,
    }
}

fn activity(
    track: &GpxTrack,
    summary: &TrackSummary,
    file_name: Option<&str>,
    source: &SourceRef,
) -> Option<Activity> {
    if !summary.is_recording() {
        return None;
    }
    let (first, last) = (summary.first_timed?, summary.last_timed?);
    let (start, end) = (first.time?, last.time?);
    let elapsed = reading::duration_from_nanos(end.duration_since(start).as_nanos());
    let (sport, inferred) = track.inferred_sport_from(file_name, summary);
    let mut activity = Activity::new(sport, start, elapsed, source.clone());
    activity.sport_inferred = inferred;
    activity.name = track.name.clone().or_else(|| file_name.map(str::to_owned));
    activity.utc_offset = first.utc_offset;
    let (length_m, moving) = summary.length_and_moving_time();
    activity.moving = Some(moving);
    activity.distance_m = Some(length_m);
    activity.elevation_gain_m = summary.elevation_gain_m();
    activity.avg_heart_rate = summary.avg_heart_rate();
    Some(activity)
}

/// One sentence on why a document that was read without error yields no activity.
fn nothing_to_import(document: &GpxDocument, summaries: &[TrackSummary]) -> String {
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
    if summaries.iter().all(|s| s.point_count == 0) {
        return match tracks {
            1 => "the track has no points".to_owned(),
            n => format!("none of the {n} tracks has any points"),
        };
    }
    let timed = summaries.iter().any(|s| s.first_timed.is_some());
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

/// Reads a TCX (Garmin Training Center XML, version 2) file into a [`TcxDocument`],
/// keeping every `<Activity>` with its laps and trackpoints.
///
/// Namespaces are matched by URI, not prefix (Garmin writes `ns3:TPX`, Polar an unprefixed
/// `<LX xmlns=...>`). Encodings, byte order marks and leading whitespace before `<?xml`
/// (Strava's TCX has it) are handled as for [`read_gpx`].
///
/// # Errors
///
/// - [`Empty`](runlift_model::ParseErrorKind::Empty): no content, or only whitespace.
/// - [`UnknownFormat`](runlift_model::ParseErrorKind::UnknownFormat): not XML, XML whose
///   root is not `<TrainingCenterDatabase>`, or TCX version 1.
/// - [`Truncated`](runlift_model::ParseErrorKind::Truncated) or
///   [`Syntax`](runlift_model::ParseErrorKind::Syntax), with line and column: the XML is cut
///   off or broken before any activity with a time was read. When one came before the
///   damage, what was read is returned, the damage is the last warning and
///   [`TcxDocument::complete`] is `false`.
pub fn read_tcx(bytes: &[u8], source: &SourceRef) -> Result<TcxDocument, ParseError> {
    match utf16_to_utf8(bytes) {
        Some(text) => tcx::read(&mut Window::whole(text.as_bytes()), source),
        None => tcx::read(&mut Window::whole(bytes), source),
    }
}

/// [`read_tcx`] from a stream, through a window as [`read_gpx_from`] reads GPX.
///
/// # Errors
///
/// As [`read_gpx_from`].
pub fn read_tcx_from<R: Read>(reader: R, source: &SourceRef) -> Result<TcxDocument, ParseError> {
    read_stream(reader, source, reading::WINDOW_BYTES, tcx::read)
}

/// [`parse_tcx`] from a stream, as [`read_tcx_from`] reads it.
///
/// # Errors
///
/// As [`parse_tcx`] and [`read_gpx_from`].
pub fn parse_tcx_from<R: Read>(reader: R, source: &SourceRef) -> Result<Parsed, ParseError> {
    let (document, summaries) = read_stream(reader, source, reading::WINDOW_BYTES, tcx::read_summaries)?;
    tcx_activities(document, &summaries, source)
}

/// Reads a TCX file into activities: one per `<Activity>`, including each leg of a
/// multisport session.
///
/// For each: the sport from its `Sport` attribute with hints from its notes
/// ([`TcxActivity::sport`]); the start, elapsed time, timer (moving) time, distance,
/// elevation gain and average heart rate as [`TcxActivity`] defines them (the device's lap
/// totals are preferred over figures computed from the trackpoints); the UTC offset where the
/// times carry one; the name from the notes or the training plan. An activity without any
/// time, or without any duration, cannot be placed in a week: it is left out with a warning.
/// A file of planned workouts or courses and no activity holds nothing to import
/// ([`Parsed::nothing_to_import`] says which).
///
/// ```
/// use std::time::Duration;
/// use runlift_model::{RunKind, SourceFormat, SourceRef, Sport};
///
/// let tcx = br#"
///   <?xml version="1.0" encoding="UTF-8"?>
/// <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
///  <Activities><Activity Sport="Running"><Id>2026-03-02T06:30:00Z</Id>
///   <Lap StartTime="2026-03-02T06:30:00Z"><TotalTimeSeconds>300</TotalTimeSeconds>
///    <DistanceMeters>1000</DistanceMeters><Track>
///     <Trackpoint><Time>2026-03-02T06:30:00Z</Time></Trackpoint>
///     <Trackpoint><Time>2026-03-02T06:36:00Z</Time></Trackpoint>
///   </Track></Lap></Activity></Activities>
/// </TrainingCenterDatabase>"#;
/// let parsed = runlift_xml::parse_tcx(tcx, &SourceRef::file("run.tcx", SourceFormat::Tcx)).unwrap();
/// let run = &parsed.activities[0];
/// assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
/// assert_eq!(run.elapsed, Duration::from_secs(360));
/// // The lap's timer time: the minute of pause is left out.
/// assert_eq!(run.moving, Some(Duration::from_secs(300)));
/// assert_eq!(run.distance_m, Some(1000.0));
/// ```
///
/// # Errors
///
/// As [`read_tcx`]; and, with the first reason, when the file has activities but none of
/// them has a time and a duration.
pub fn parse_tcx(bytes: &[u8], source: &SourceRef) -> Result<Parsed, ParseError> {
    let read = |window: &mut Window<'_>| tcx::read_summaries(window, source);
    let (document, summaries) = match utf16_to_utf8(bytes) {
        Some(text) => read(&mut Window::whole(text.as_bytes()))?,
        None => read(&mut Window::whole(bytes))?,
    };
    tcx_activities(document, &summaries, source)
}

/// The sessions of a document whose activities' trackpoints are folded into `summaries`, one
/// per activity (the trackpoints themselves are not kept).
fn tcx_activities(
    document: TcxDocument,
    summaries: &[TrackpointSummary],
    source: &SourceRef,
) -> Result<Parsed, ParseError> {
    let mut activities = Vec::with_capacity(document.activities.len());
    let mut left_out = Vec::new();
    for (tcx_activity, points) in document.activities.iter().zip(summaries) {
        match tcx_to_activity(tcx_activity, points, source) {
            Ok(activity) => activities.push(activity),
            Err(kind) => left_out.push(ParseError::new(source, tcx_activity.position, kind)),
        }
    }
    if activities.is_empty() && !left_out.is_empty() {
        // The damage, when there is some, says more than its consequence.
        let damage = (!document.complete)
            .then(|| document.warnings.last().cloned())
            .flatten();
        return Err(damage.unwrap_or_else(|| left_out.swap_remove(0)));
    }
    let (activities, notes) = join_paused_segments(activities);
    let mut warnings = document.warnings;
    // Left-out activities go before the damage, which stays last.
    let at = if document.complete {
        warnings.len()
    } else {
        warnings.len().saturating_sub(1)
    };
    warnings.splice(at..at, left_out);
    let nothing_to_import = activities.is_empty().then(|| {
        let plans = match (document.workout_count, document.course_count) {
            (0, 0) => return "the file holds no activity".to_owned(),
            (w, 0) => count(w, "planned workout"),
            (0, c) => courses(c),
            (w, c) => format!("{} and {}", count(w, "planned workout"), courses(c)),
        };
        format!("the file holds {plans} and no activity: a plan, not a recording")
    });
    Ok(Parsed {
        activities,
        warnings,
        nothing_to_import,
        notes,
    })
}

/// The longest pause between two `<Activity>` elements of one sport in one TCX file that
/// still makes them one session: Google Fit writes a paused session as one `<Activity>` per
/// stretch between pauses, minutes apart, while separate sessions in one file (a Garmin
/// export of several runs) are hours or days apart. A break of more than half an hour ends
/// a session.
pub const MAX_SEGMENT_GAP: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// Joins consecutive activities of one sport that follow each other within
/// [`MAX_SEGMENT_GAP`] into one session with pauses: it starts with the first, its elapsed
/// time runs to the end of the last (the pauses in it), its moving time is the sum of theirs
/// (each one's elapsed time where it has none), and its distance and climb the sums of theirs;
/// its heart rate is their mean weighted by moving time. Activities that overlap are left
/// apart (a file holding one session twice is for the de-duplication to judge). Returns a note
/// per joined session.
fn join_paused_segments(activities: Vec<Activity>) -> (Vec<Activity>, Vec<String>) {
    let mut sessions: Vec<Vec<Activity>> = Vec::new();
    for activity in activities {
        let joins = sessions
            .last()
            .and_then(|session| session.last())
            .is_some_and(|previous| {
                let end = end_of(previous);
                previous.sport == activity.sport
                    && activity.start >= end
                    && activity.start.duration_since(end).unsigned_abs() <= MAX_SEGMENT_GAP
            });
        match sessions.last_mut() {
            Some(session) if joins => session.push(activity),
            _ => sessions.push(vec![activity]),
        }
    }
    let mut notes = Vec::new();
    let joined = sessions
        .into_iter()
        .map(|mut segments| {
            if segments.len() == 1 {
                return segments.pop().expect("one segment");
            }
            let pauses: Vec<String> = segments
                .windows(2)
                .map(|pair| format_pause(pair[1].start.duration_since(end_of(&pair[0])).unsigned_abs()))
                .collect();
            notes.push(format!(
                "{} <Activity> elements of one {} session from {} (paused {}) read as one activity",
                segments.len(),
                segments[0].sport,
                segments[0].start,
                pauses.join(", ")
            ));
            join(segments)
        })
        .collect();
    (joined, notes)
}

fn end_of(activity: &Activity) -> Timestamp {
    let elapsed = jiff::SignedDuration::try_from(activity.elapsed).unwrap_or(jiff::SignedDuration::MAX);
    activity.start.checked_add(elapsed).unwrap_or(Timestamp::MAX)
}

/// A pause for people: "4 min 30 s", "12 min", "45 s".
fn format_pause(pause: std::time::Duration) -> String {
    let s = pause.as_secs();
    match (s / 60, s % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// One activity of the segments of a paused session, in order (see [`join_paused_segments`]).
fn join(segments: Vec<Activity>) -> Activity {
    let first = &segments[0];
    let end = segments.iter().map(end_of).max().unwrap_or(first.start);
    let elapsed = reading::duration_from_nanos(end.duration_since(first.start).as_nanos());
    let mut session = Activity::new(first.sport.clone(), first.start, elapsed, first.source.clone());
    session.name = segments.iter().find_map(|s| s.name.clone());
    session.utc_offset = segments.iter().find_map(|s| s.utc_offset);
    session.moving = Some(segments.iter().map(Activity::training_time).sum());
    let sum = |f: fn(&Activity) -> Option<f64>| -> Option<f64> {
        segments.iter().filter_map(f).reduce(|a, b| a + b)
    };
    session.distance_m = sum(|s| s.distance_m);
    session.elevation_gain_m = sum(|s| s.elevation_gain_m);
    let (beats, seconds) = segments
        .iter()
        .filter_map(|s| Some((s.avg_heart_rate?, s.training_time().as_secs_f64())))
        .fold((0.0, 0.0), |(beats, seconds), (bpm, t)| {
            (beats + bpm * t, seconds + t)
        });
    session.avg_heart_rate = (seconds > 0.0).then(|| beats / seconds);
    session
}

fn tcx_to_activity(
    tcx: &TcxActivity,
    points: &TrackpointSummary,
    source: &SourceRef,
) -> Result<Activity, ParseErrorKind> {
    let start = tcx.start_from(points).ok_or_else(|| {
        ParseErrorKind::Missing(
            "the <Activity> was left out: a time (a readable <Id>, lap StartTime or trackpoint <Time>)"
                .to_owned(),
        )
    })?;
    let elapsed = tcx.elapsed_from(points).filter(|d| !d.is_zero()).ok_or_else(|| {
        ParseErrorKind::Missing(
            "the <Activity> was left out: a duration (a lap TotalTimeSeconds or two trackpoints with different times)"
                .to_owned(),
        )
    })?;
    let mut activity = Activity::new(tcx.sport(), start, elapsed, source.clone());
    activity.name = tcx.name();
    activity.utc_offset = tcx.utc_offset;
    activity.moving = tcx.moving_time();
    activity.distance_m = tcx.distance_m_from(points);
    activity.elevation_gain_m = points.gain_m();
    activity.avg_heart_rate = tcx.avg_heart_rate_from(points);
    Ok(activity)
}

/// Reads the workouts of an Apple Health `export.xml` as a stream, in constant memory
/// whatever the size of the file (exports of several GB are common).
///
/// The millions of `<Record>` elements are skipped without being parsed; each `<Workout>`
/// becomes one activity:
///
/// - sport from `workoutActivityType` ([`Sport::from_healthkit`](runlift_model::Sport::from_healthkit)); a run with the
///   `HKIndoorWorkout` metadata set is a treadmill run;
/// - start from `startDate`, elapsed time to `endDate` (pauses included), moving time from
///   `duration` and `durationUnit` (Apple's duration leaves pauses out);
/// - distance from `totalDistance` and `totalDistanceUnit` (older exports), else from the
///   `HKQuantityTypeIdentifierDistance...` `<WorkoutStatistics>` (newer exports), else from
///   those of the workout's `<WorkoutActivity>` children;
/// - average heart rate from the `HKQuantityTypeIdentifierHeartRate` statistics; elevation
///   gain from the `HKElevationAscended` metadata;
/// - UTC offset from the `HKTimeZone` metadata at the start, where present, else the offset
///   the date is written with. The export writes every date in the exporting phone's zone,
///   so the second is only a guess; [`Parsed::notes`] says how many workouts needed it.
///
/// A workout that cannot be read is left out with a warning naming its line; a file cut off
/// keeps the workouts before the cut, with a warning.
///
/// ```
/// use std::time::Duration;
/// use runlift_model::{SourceFormat, SourceRef, Sport};
///
/// let export = br#"<?xml version="1.0" encoding="UTF-8"?>
/// <!DOCTYPE HealthData [ <!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)> ]>
/// <HealthData locale="en_US">
///  <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count"
///    startDate="2026-07-14 06:00:00 -0700" endDate="2026-07-14 06:05:00 -0700" value="412"/>
///  <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining"
///    duration="45" durationUnit="min" sourceName="Watch"
///    startDate="2026-07-14 18:00:00 -0700" endDate="2026-07-14 18:50:00 -0700"/>
/// </HealthData>"#;
/// let source = SourceRef::file("export.xml", SourceFormat::AppleHealth);
/// let parsed = runlift_xml::parse_apple_health(&export[..], &source).unwrap();
/// let session = &parsed.activities[0];
/// assert_eq!(session.sport, Sport::StrengthTraining);
/// assert_eq!(session.elapsed, Duration::from_secs(50 * 60));
/// assert_eq!(session.moving, Some(Duration::from_secs(45 * 60)));
/// assert_eq!(session.utc_offset.map(|o| o.seconds()), Some(-7 * 3600));
/// ```
///
/// # Errors
///
/// - [`Empty`](runlift_model::ParseErrorKind::Empty): no content.
/// - [`UnknownFormat`](runlift_model::ParseErrorKind::UnknownFormat): not XML, or its root
///   is not `<HealthData>`.
/// - [`Truncated`](runlift_model::ParseErrorKind::Truncated), with line and column: the file
///   is cut off before any workout was read.
/// - [`Unreadable`](runlift_model::ParseErrorKind::Unreadable): `reader` failed.
pub fn parse_apple_health<R: std::io::BufRead>(reader: R, source: &SourceRef) -> Result<Parsed, ParseError> {
    apple_health::parse(reader, source)
}

fn courses(n: usize) -> String {
    match n {
        1 => "1 course (a planned route)".to_owned(),
        n => format!("{n} courses (planned routes)"),
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
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

#[cfg(test)]
mod skim_tests;

#[cfg(test)]
mod bounds_tests;
