//! Reads Garmin's binary FIT files into runlift's model with a lean decoder of its own.
//!
//! The crate knows nothing about files on disk: it takes the bytes of one file and a
//! [`SourceRef`] saying where they came from.
//!
//! - [`is_fit`] recognises a FIT file by its header.
//! - [`parse_fit`] turns one file (or several FIT files chained in one) into a [`Parsed`]:
//!   every `session` becomes an [`Activity`](runlift_model::Activity) (multisport files have
//!   several) with its sport, start, elapsed and timer time, distance, ascent, heart rate and
//!   RPE; the `activity` message gives the UTC offset; active strength `set`s become
//!   [`StrengthSet`](runlift_model::StrengthSet)s named from `exercise_title` or the FIT
//!   profile. A file without a session is rebuilt from its records, timer events and laps.
//!   A session without a distance (Suunto's Movescount writes none) takes it from its laps,
//!   else from its records' distance or GPS positions; one whose records run past its end
//!   (Movescount stops it at the last lap) takes its elapsed time from them; each with a note.
//!   Settings, workout, monitoring and weight-scale files are recognised and skipped.
//! - [`dump_all_messages`] prints every message of a file with fitparser, for inspection.
//!
//! The decoder walks definition and data messages and decodes only `file_id`, `sport`,
//! `session`, `lap`, `activity`, `set` and `exercise_title` (and `record` and `event` when a
//! file has no session); every other message is stepped over by its defined size, with no
//! work per field. It reads compressed-timestamp headers, little- and big-endian messages,
//! developer fields (skipped by size, even when their description is missing) and chained
//! files. Damage (a file cut off, a wrong CRC, a broken second header) stops the walk; what
//! came before it is imported and the damage is a warning with its byte offset. Only a file
//! with nothing usable is an error. A header whose data size is 0 (left so by writers that
//! stream the file) is read up to the file CRC in the last two bytes. What the decoder keeps in
//! memory is bounded ([`MAX_CHAINED_FILES`], [`MAX_SESSIONS`], [`MAX_LAPS`], [`MAX_SETS`],
//! [`MAX_EXERCISE_TITLES`], [`MAX_SPORTS`]); past a bound the rest is left out with a warning
//! naming it. Everything else is naturally bounded: 16 local definitions of at most 255 fields,
//! and developer data ids and field descriptions are never kept. Names of sports, file types and exercises come from
//! fitparser's generated FIT profile.
//!
//! ```
//! use std::time::Duration;
//! use runlift_fit::{is_fit, parse_fit};
//! use runlift_fit_testkit::messages::{self, Summary};
//! use runlift_fit_testkit::{FitWriter, fit_time};
//! use runlift_model::{RunKind, SourceFormat, SourceRef, Sport};
//!
//! // A 30-minute road run from 2026-02-03T05:30:00Z, recorded at UTC+01:00.
//! let start = fit_time(1_770_096_600);
//! let mut writer = FitWriter::new();
//! messages::file_id(&mut writer, 4, start);
//! messages::session(&mut writer, &Summary {
//!     timestamp: start + 1920,
//!     start_time: start,
//!     elapsed_ms: 1_920_000,
//!     timer_ms: 1_800_000,
//!     distance_m: Some(5040.0),
//!     ascent_m: Some(37),
//!     avg_heart_rate: Some(148),
//!     sport: 1,
//!     sub_sport: 2,
//!     rpe_x10: Some(40),
//! });
//! messages::activity(&mut writer, start + 1920, start + 1920 + 3600, 1, 1_800_000);
//! let bytes = writer.finish();
//!
//! assert!(is_fit(&bytes));
//! let source = SourceRef::file("run.fit", SourceFormat::Fit);
//! let parsed = parse_fit(&bytes, &source).unwrap();
//! let run = &parsed.activities[0];
//! assert_eq!(run.sport, Sport::Running(RunKind::Road));
//! assert_eq!(run.start.to_string(), "2026-02-03T05:30:00Z");
//! assert_eq!(run.utc_offset.unwrap().seconds(), 3600);
//! assert_eq!(run.elapsed, Duration::from_secs(1920));
//! assert_eq!(run.moving, Some(Duration::from_secs(1800)));
//! assert_eq!(run.distance_m, Some(5040.0));
//! assert_eq!(run.perceived_effort, Some(4.0));
//! assert!(parsed.warnings.is_empty());
//! ```
#![deny(missing_docs)]

mod activity;
mod crc;
mod decode;
mod dump;
mod messages;
mod profile;

use runlift_model::{ParseError, Parsed, SourceRef};

/// The most FIT files chained in one input that are read. Devices chain two or three (an
/// activity and its settings); more than this is a broken or hostile file, and what follows is
/// left out with a warning naming the bound.
pub const MAX_CHAINED_FILES: usize = 1_000;

/// The most `session` messages kept from one input (all files of a chain together). A
/// triathlon has five; past the bound the rest are left out with a warning at the first of
/// them. (Every message kind kept in memory is bounded so: a one-byte message costs a hundred
/// bytes kept, so a hostile file could otherwise expand a hundredfold.)
pub const MAX_SESSIONS: usize = 1_000;

/// The most `lap` messages kept from one input: a 24-hour track race lapped every 400 m has
/// about 500.
pub const MAX_LAPS: usize = 100_000;

/// The most strength `set` messages kept from one input: a long gym session has a few hundred,
/// rests included.
pub const MAX_SETS: usize = 10_000;

/// The most `exercise_title` messages kept from one input: one per exercise of a workout.
pub const MAX_EXERCISE_TITLES: usize = 10_000;

/// The most `sport` messages kept from one input: one per sport of a multisport file.
pub const MAX_SPORTS: usize = 1_000;

use crate::messages::{SummaryVisitor, TrackVisitor};

/// Whether `bytes` start with a FIT header: a header size of 12 or 14 and `.FIT` at offset 8.
pub fn is_fit(bytes: &[u8]) -> bool {
    decode::is_fit(bytes)
}

/// Reads a FIT file (or a chain of FIT files) into activities; see the crate documentation
/// for what is read.
///
/// Warnings (each with its byte offset) say what was left out: damage that stopped the
/// reading (the file ends early, a message uses an undefined local type, bytes after the data
/// are not FIT), a CRC that does not match (the data is still imported), an implausible UTC
/// offset. [`Parsed::nothing_to_import`] explains files that are not activities ("a FIT
/// settings file, not an activity") or hold nothing recorded; [`Parsed::notes`] says when an
/// activity was rebuilt from records because the file has no session.
///
/// # Errors
///
/// - [`UnknownFormat`](runlift_model::ParseErrorKind::UnknownFormat): no FIT header.
/// - [`Truncated`](runlift_model::ParseErrorKind::Truncated) or
///   [`Syntax`](runlift_model::ParseErrorKind::Syntax), with the byte offset: the file is
///   damaged before anything usable.
pub fn parse_fit(bytes: &[u8], source: &SourceRef) -> Result<Parsed, ParseError> {
    let mut summary = SummaryVisitor::default();
    let walk = decode::walk(bytes, &mut summary).map_err(|damage| activity::damage_error(source, &damage))?;
    let mut files = summary.files;
    files.resize_with(walk.files.len(), Default::default);
    // Records are read only when a file has no session or a session has no distance (Suunto's
    // Movescount writes none): a second walk, rare and cheap next to decoding every record of
    // every file.
    let wants_records = files
        .iter()
        .any(|f| f.sessions.is_empty() || f.sessions.iter().any(|s| s.distance_cm.is_none()));
    let tracks = if wants_records {
        let starts = files.iter().map(activity::session_starts).collect();
        let mut tracks = TrackVisitor::new(starts);
        if decode::walk(bytes, &mut tracks).is_ok() {
            tracks.files.resize_with(walk.files.len(), Default::default);
        }
        Some(tracks.files)
    } else {
        None
    };
    activity::build(source, &walk, &files, tracks.as_deref(), &summary.left_out)
}

/// Every message of a FIT file, one per line with all its fields, decoded by fitparser (for
/// `runlift inspect --all-messages`). Times are UTC. A damaged file is dumped up to the
/// damage, with a last line saying where fitparser stopped.
///
/// # Errors
///
/// [`Syntax`](runlift_model::ParseErrorKind::Syntax) with the byte offset when fitparser
/// cannot read even the first message.
pub fn dump_all_messages(bytes: &[u8], source: &SourceRef) -> Result<String, ParseError> {
    dump::dump(bytes, source)
}
