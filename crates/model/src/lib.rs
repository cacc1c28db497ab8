//! The shared model of runlift: what every format crate produces and every later step reads.
//!
//! A format crate (GPX, CSV, ...) turns the bytes of one file into a [`Parsed`]: the
//! [`Activity`] values it found plus [`ParseError`] warnings about parts it had to leave out.
//! When nothing usable is left it returns a [`ParseError`] instead. Nothing here reads files,
//! writes a store or renders a report: these are the values those steps pass each other.
//!
//! - [`Activity`]: one training session: its [`Sport`], start instant, durations, distance and,
//!   for strength work, its [`StrengthSet`]s; [`SourceRef`] says where it came from.
//! - [`Sport`]: runlift's one sport vocabulary: running (with its [`RunKind`]), strength
//!   training, cycling and rowing (with their [`Venue`]), walking, swimming and the other
//!   common sports, or any other sport kept by the name the source gave it, never dropped.
//!   Every format names its sports through the one normaliser here ([`Sport::from_name`],
//!   [`Sport::from_fit`], [`Sport::from_healthkit`], [`Sport::from_gpx_type`],
//!   [`Sport::from_zepp`]).
//! - [`StrengthSet`]: one set as the source wrote it, with the exercise recognised by
//!   [`classify_exercise`] into an [`Exercise`] and its [`MuscleGroup`]s.
//! - [`ParseError`]: what went wrong, in which file, and where in it ([`Position`]).
//! - What an import makes of files: a [`FileReport`] per file in an [`ImportReport`], the
//!   import log's [`LoggedFile`]s, and the [`Imported`] sessions a store keeps; [`ImportLog`]
//!   is what an incremental import asks of the store about earlier imports.
//!
//! ```
//! use runlift_model::{classify_exercise, MuscleGroup};
//!
//! let squat = classify_exercise("Squat (Barbell)").unwrap();
//! assert_eq!(squat.key, "squat");
//! assert_eq!(squat.muscle_groups, &[MuscleGroup::LowerBody]);
//! assert_eq!(classify_exercise("Hanging Leg Raise").unwrap().muscle_groups, &[MuscleGroup::Core]);
//! assert!(classify_exercise("Underwater basket weaving").is_none());
//! ```
#![deny(missing_docs)]

mod error;
mod exercise;
pub mod geo;
mod imported;
mod sport;
mod spreadsheet;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use error::{IoCause, ParseError, ParseErrorKind, Position};
pub use exercise::{Exercise, MuscleGroup, classify_exercise, classify_muscle_category};
pub use imported::{
    FileReport, FileStatus, ImportLog, ImportReport, Imported, LoggedFile, SourceActivity, sort_sources,
    source_rank,
};
pub use jiff::Timestamp;
pub use jiff::tz::Offset;
pub use sport::{RunKind, Sport, Venue};
pub use spreadsheet::{neutralise_formula, spreadsheet_text};

/// The file formats runlift reads (or will read: a variant may exist before its reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceFormat {
    /// GPS Exchange Format, version 1.0 or 1.1.
    Gpx,
    /// Garmin's Training Center XML.
    Tcx,
    /// Garmin's binary Flexible and Interoperable Data Transfer format.
    Fit,
    /// Apple Health's `export.xml`.
    AppleHealth,
    /// The CSV export of the Strong app.
    StrongCsv,
    /// The CSV export of the Hevy app.
    HevyCsv,
    /// The CSV export of the FitNotes app.
    FitNotesCsv,
    /// The CSV export of JEFIT.
    JefitCsv,
    /// Strava's bulk-export `activities.csv`.
    StravaCsv,
    /// Garmin Connect's activities CSV.
    GarminCsv,
    /// runlift's own documented CSV (docs/formats/runlift-csv.md).
    RunliftCsv,
    /// The Fitbod app's `WorkoutExport.csv`.
    FitbodCsv,
    /// Runkeeper's `cardioActivities.csv`.
    RunkeeperCsv,
    /// The `SPORT.csv` of a Zepp (Amazfit) account export.
    ZeppCsv,
    /// The `*_summarizedActivities.json` of a Garmin Connect account export.
    GarminAccountJson,
    /// A `training-session-*.json` of a Polar Flow account export.
    PolarFlowJson,
}

impl SourceFormat {
    /// The stable name of the format used in reports (`gpx`, `fit`, `strong_csv`, ...).
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Gpx => "gpx",
            SourceFormat::Tcx => "tcx",
            SourceFormat::Fit => "fit",
            SourceFormat::AppleHealth => "apple_health",
            SourceFormat::StrongCsv => "strong_csv",
            SourceFormat::HevyCsv => "hevy_csv",
            SourceFormat::FitNotesCsv => "fitnotes_csv",
            SourceFormat::JefitCsv => "jefit_csv",
            SourceFormat::StravaCsv => "strava_csv",
            SourceFormat::GarminCsv => "garmin_csv",
            SourceFormat::RunliftCsv => "runlift_csv",
            SourceFormat::FitbodCsv => "fitbod_csv",
            SourceFormat::RunkeeperCsv => "runkeeper_csv",
            SourceFormat::ZeppCsv => "zepp_csv",
            SourceFormat::GarminAccountJson => "garmin_account_json",
            SourceFormat::PolarFlowJson => "polar_flow_json",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a file is inside an archive: the names of the entries from the outermost archive
/// inwards (`export.zip` holding `activities.zip` holding `run.gpx` gives
/// `["activities.zip", "run.gpx"]`).
///
/// The names are kept as a list, never joined and split again, so an entry whose name holds
/// a `!` (or any other character) stays one entry. [`Display`](fmt::Display) joins them with
/// `!` for people to read (`activities.zip!run.gpx`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InnerPath(Vec<String>);

impl InnerPath {
    /// The path of `entry`, an entry of the outermost archive.
    pub fn new(entry: impl Into<String>) -> InnerPath {
        InnerPath(vec![entry.into()])
    }

    /// The path of the entries `entries`, outermost first; `None` when there are none.
    pub fn from_entries(entries: Vec<String>) -> Option<InnerPath> {
        (!entries.is_empty()).then_some(InnerPath(entries))
    }

    /// The path of `entry` inside the archive this path names.
    pub fn join(&self, entry: impl Into<String>) -> InnerPath {
        let mut entries = self.0.clone();
        entries.push(entry.into());
        InnerPath(entries)
    }

    /// The same path with its innermost entry named `entry` instead.
    pub fn with_last(&self, entry: impl Into<String>) -> InnerPath {
        let mut entries = self.0.clone();
        if let Some(last) = entries.last_mut() {
            *last = entry.into();
        }
        InnerPath(entries)
    }

    /// The names of the entries, outermost first; never empty.
    pub fn entries(&self) -> &[String] {
        &self.0
    }

    /// The name of the innermost entry (`run.gpx`).
    pub fn last(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }

    /// The path as runlift wrote it before it kept entries apart: names joined with `!`.
    /// Split on every `!`, which is all such text can say (an entry named with `!` was
    /// already ambiguous in it); for reading old stores only.
    pub fn from_joined(text: &str) -> InnerPath {
        InnerPath(text.split('!').map(str::to_owned).collect())
    }
}

impl fmt::Display for InnerPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("!"))
    }
}

impl From<&str> for InnerPath {
    /// One entry named `entry`; the text is never split.
    fn from(entry: &str) -> InnerPath {
        InnerPath::new(entry)
    }
}

impl serde::Serialize for InnerPath {
    /// As people read it (`activities.zip!run.gpx`), the form reports and JSON outputs show.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where an activity was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceRef {
    /// The file on disk.
    pub path: PathBuf,
    /// Where the file is inside an archive, when it is in one.
    pub inner_path: Option<InnerPath>,
    /// The format the file was detected as.
    pub format: SourceFormat,
}

impl SourceRef {
    /// A source that is a plain file on disk.
    pub fn file(path: impl Into<PathBuf>, format: SourceFormat) -> SourceRef {
        SourceRef {
            path: path.into(),
            inner_path: None,
            format,
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(inner) = &self.inner_path {
            write!(f, "!{inner}")?;
        }
        Ok(())
    }
}

/// What kind of set a strength set was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SetKind {
    /// A normal set; the only kind counted as a working set.
    #[default]
    Working,
    /// A warm-up set: kept, but not counted as work.
    WarmUp,
    /// A drop set.
    Drop,
    /// A set taken to failure.
    Failure,
}

impl SetKind {
    /// The stable name of the kind (`working`, `warm_up`, `drop`, `failure`).
    pub fn name(self) -> &'static str {
        match self {
            SetKind::Working => "working",
            SetKind::WarmUp => "warm_up",
            SetKind::Drop => "drop",
            SetKind::Failure => "failure",
        }
    }

    /// Whether the set counts as work (everything but warm-ups).
    pub fn is_work(self) -> bool {
        !matches!(self, SetKind::WarmUp)
    }
}

/// How long a strength set takes, rest included, when a session's own length is unknown: the
/// default of the analysis's `estimates.strength_seconds_per_set` (about a minute of work and
/// two of rest), also named by the readers that replace an implausible length with it.
pub const DEFAULT_STRENGTH_SECONDS_PER_SET: f64 = 180.0;

/// One set of a strength exercise. Build it with [`StrengthSet::new`].
///
/// Sets are the most numerous values of the model (a gym app's export holds hundreds of
/// thousands), so a set is kept small: its name is shared with the other sets of the exercise
/// (a clone of the set shares it too) and its exercise is a reference into the classification
/// table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StrengthSet {
    /// The exercise's name exactly as the source wrote it; shared by the sets readers make of
    /// one name.
    pub exercise_name: Arc<str>,
    /// The recognised exercise, or `None` when the name is not in the classification table
    /// (such sets are kept and counted as unclassified).
    pub exercise: Option<&'static Exercise>,
    /// Repetitions, where the source records them.
    pub reps: Option<u32>,
    /// Load in kilograms (converted from pounds where needed).
    pub weight_kg: Option<f64>,
    /// How long the set took, for timed sets such as planks.
    pub duration: Option<Duration>,
    /// Distance in metres, for carries, sled pushes and the like.
    pub distance_m: Option<f64>,
    /// Working set, warm-up, drop set or failure set.
    pub kind: SetKind,
    /// The effort of the set (RPE, 1-10), where the app records one (Hevy's `rpe`, Strong's
    /// `RPE`); the analysis takes a session without its own effort at the mean of these.
    pub rpe: Option<f64>,
    /// The superset the set belongs to, where the app groups exercises into supersets
    /// (Hevy's `superset_id`): sets of one session with the same number were done
    /// alternately, one exercise after the other; `None` for a set done on its own.
    pub superset: Option<u32>,
}

impl StrengthSet {
    /// A working set of `exercise_name`, recognised with [`classify_exercise`], with nothing
    /// else known yet.
    pub fn new(exercise_name: impl Into<Arc<str>>) -> StrengthSet {
        let exercise_name = exercise_name.into();
        let exercise = classify_exercise(&exercise_name);
        StrengthSet {
            exercise_name,
            exercise,
            reps: None,
            weight_kg: None,
            duration: None,
            distance_m: None,
            kind: SetKind::Working,
            rpe: None,
            superset: None,
        }
    }

    /// The exercise's name as the source wrote it.
    pub fn name(&self) -> &str {
        &self.exercise_name
    }

    /// The muscle groups the set trains; empty when the exercise is unclassified.
    pub fn muscle_groups(&self) -> &'static [MuscleGroup] {
        self.exercise.map_or(&[], |e| e.muscle_groups)
    }
}

/// What a session was, as its source marks it (Strava's workout type, a FIT workout's intent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WorkoutType {
    /// A race.
    Race,
    /// An interval or other structured speed workout.
    Intervals,
}

impl WorkoutType {
    /// The stable name used in reports: `race`, `intervals`.
    pub fn name(self) -> &'static str {
        match self {
            WorkoutType::Race => "race",
            WorkoutType::Intervals => "intervals",
        }
    }
}

/// How a session's sport was inferred when its source did not name it (a GPX track without a
/// `<type>`): shown by `runlift inspect` as "running (inferred from the cadence)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SportInference {
    /// From the name of the track or the file ("Lunch Run", "Nachtlauf", "Radfahrt").
    Name,
    /// From the cadence recorded with the points (steps per minute of a run).
    Cadence,
    /// From the speed profile of the track (how fast, and how evenly).
    Speed,
    /// Set by the user for sessions whose sport stays unknown (`--sport-for-unknown`,
    /// `[import] unknown_sport`).
    Setting,
}

impl SportInference {
    /// The stable name used in JSON and the store: `name`, `cadence`, `speed`, `setting`.
    pub fn name(self) -> &'static str {
        match self {
            SportInference::Name => "name",
            SportInference::Cadence => "cadence",
            SportInference::Speed => "speed",
            SportInference::Setting => "setting",
        }
    }

    /// The inference of a stable name ([`SportInference::name`]).
    pub fn from_name(name: &str) -> Option<SportInference> {
        [
            SportInference::Name,
            SportInference::Cadence,
            SportInference::Speed,
            SportInference::Setting,
        ]
        .into_iter()
        .find(|inference| inference.name() == name)
    }

    /// What the sport was inferred from, for people: "the name", "the cadence", "the speed",
    /// "the setting for unknown sports".
    pub fn describe(self) -> &'static str {
        match self {
            SportInference::Name => "the name",
            SportInference::Cadence => "the cadence",
            SportInference::Speed => "the speed",
            SportInference::Setting => "the setting for unknown sports",
        }
    }
}

/// One training session, from whichever source. Build it with [`Activity::new`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Activity {
    /// A stable identifier: the same activity read from the same source again gets the same id.
    pub id: ActivityId,
    /// What was trained.
    pub sport: Sport,
    /// How the sport was inferred, when the source did not name it; `None` when it did.
    pub sport_inferred: Option<SportInference>,
    /// The name the source gave the session, if any.
    pub name: Option<String>,
    /// When the session started.
    pub start: Timestamp,
    /// Whether the source recorded the time of day the session started: `false` for sources
    /// that record only its date (FitNotes, JEFIT workouts without a start time), whose
    /// `start` is 00:00 local time; which of two sessions on such a day came first is unknown.
    pub start_time_known: bool,
    /// The UTC offset of the place where the session was recorded, where the source says it;
    /// used to put the session on its own local day.
    pub utc_offset: Option<Offset>,
    /// Wall-clock time from start to end, pauses included.
    pub elapsed: Duration,
    /// Time spent moving (or, for strength, training), pauses left out; `None` when unknown.
    pub moving: Option<Duration>,
    /// Distance in metres, where it applies.
    pub distance_m: Option<f64>,
    /// Total climb in metres.
    pub elevation_gain_m: Option<f64>,
    /// Average heart rate in beats per minute.
    pub avg_heart_rate: Option<f64>,
    /// Perceived effort on the 1-10 scale (session RPE), where the source records one.
    pub perceived_effort: Option<f64>,
    /// What the source says the session was (a race, an interval workout), where it marks it;
    /// the balance checks count such runs as hard whatever their effort.
    pub workout_type: Option<WorkoutType>,
    /// The strength sets of the session, in order; empty for other sports.
    pub sets: Vec<StrengthSet>,
    /// Where the activity was read from.
    pub source: SourceRef,
    /// The file a summary export names as holding the activity's full record (Strava's
    /// `activities.csv` column `Filename`, such as `activities/4689591795.gpx`), relative to
    /// the export, for joining the summary with that file; `None` when there is none.
    pub source_file_hint: Option<String>,
    /// The other sources that recorded this same session and were merged into it by the
    /// import's de-duplication (the watch's FIT, Strava's GPX, a line of `activities.csv`);
    /// `source` is the one whose figures were kept. Empty when only one source had it.
    pub merged_from: Vec<SourceRef>,
}

impl Activity {
    /// A new activity with the given essentials and nothing else known; its id is derived
    /// from the sport (category and detail), start instant and source format.
    pub fn new(sport: Sport, start: Timestamp, elapsed: Duration, source: SourceRef) -> Activity {
        // The detail too: a paddle and a swim that start in the same second are two sessions.
        // Hashed piece by piece, the same bytes as `ActivityId::derive` of `category/detail`:
        // readers of one-row-per-activity CSVs make a million of these without allocating.
        let mut hash = Fnv1a::new();
        hash.write(sport.category().as_bytes());
        if let Some(detail) = sport.detail() {
            hash.write(b"/");
            hash.write(detail.as_bytes());
        }
        hash.write(&start.as_second().to_le_bytes());
        hash.write(source.format.name().as_bytes());
        let id = ActivityId(hash.finish());
        Activity {
            id,
            sport,
            sport_inferred: None,
            name: None,
            start,
            start_time_known: true,
            utc_offset: None,
            elapsed,
            moving: None,
            distance_m: None,
            elevation_gain_m: None,
            avg_heart_rate: None,
            perceived_effort: None,
            workout_type: None,
            sets: Vec::new(),
            source,
            source_file_hint: None,
            merged_from: Vec::new(),
        }
    }

    /// Gives the activity a sport inferred `from` something other than its source's word for
    /// it, and the id that sport gives (see [`Activity::new`]).
    pub fn infer_sport(&mut self, sport: Sport, from: SportInference) {
        self.id = Activity::new(sport.clone(), self.start, self.elapsed, self.source.clone()).id;
        self.sport = sport;
        self.sport_inferred = Some(from);
    }

    /// The training time: moving time where known, else elapsed time.
    pub fn training_time(&self) -> Duration {
        self.moving.unwrap_or(self.elapsed)
    }

    /// The number of sets that count as work (warm-ups left out).
    pub fn working_sets(&self) -> usize {
        self.sets.iter().filter(|s| s.kind.is_work()).count()
    }
}

/// A stable activity identifier, printed as 16 hex digits.
///
/// It is a hash of what identifies a session within one source format (sport, start instant
/// to the second, format), so re-reading a file gives the same id, and so does the
/// same file found under another path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityId(pub u64);

impl ActivityId {
    /// The id of the session of the kind of sport `kind` starting at `start` in a file of
    /// `format`.
    pub fn derive(kind: &str, start: Timestamp, format: SourceFormat) -> ActivityId {
        let mut bytes = kind.as_bytes().to_vec();
        bytes.extend_from_slice(&start.as_second().to_le_bytes());
        bytes.extend_from_slice(format.name().as_bytes());
        ActivityId(stable_hash(&bytes))
    }
}

/// A 64-bit hash of `bytes` that is the same on every platform and Rust version (FNV-1a),
/// unlike std's SipHash with its random keys: for ids that are stored or written into files.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hash = Fnv1a::new();
    hash.write(bytes);
    hash.finish()
}

/// FNV-1a over bytes given in pieces: the hash of their concatenation.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl fmt::Display for ActivityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// What a format crate read from one file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The activities found, in file order.
    pub activities: Vec<Activity>,
    /// Problems with parts of the file that were left out; the rest was read. A file with any
    /// warning counts as partially imported.
    pub warnings: Vec<ParseError>,
    /// Why the file held no activity although it was read without error (a route without
    /// times, a file of waypoints only); `None` when it held activities.
    pub nothing_to_import: Option<String>,
    /// Things worth knowing about how the file was read that are not problems (for example
    /// "times have no UTC offset; read as Europe/Berlin"); shown by `runlift inspect`.
    pub notes: Vec<String>,
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn activity_ids_are_derived_from_sport_start_and_format() {
        let start = Timestamp::from_second(1_700_000_000).unwrap();
        let mut sports = Sport::known();
        sports.push(Sport::Other("paddle".to_owned()));
        for sport in sports {
            let kind = match sport.detail() {
                Some(detail) => format!("{}/{detail}", sport.category()),
                None => sport.category().to_owned(),
            };
            let source = SourceRef::file("a.fit", SourceFormat::Fit);
            let activity = Activity::new(sport.clone(), start, Duration::ZERO, source);
            assert_eq!(
                activity.id,
                ActivityId::derive(&kind, start, SourceFormat::Fit),
                "{sport:?}"
            );
        }
        // FNV-1a's published value for "a": ids stored by earlier versions keep matching.
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
