//! Reads CSV exports into runlift's model: the workout logs of gym apps (Strong, Hevy,
//! FitNotes, JEFIT, Fitbod) as one strength-training [`Activity`](runlift_model::Activity) per
//! workout with its sets, the activity summaries of Strava (`activities.csv`), Garmin Connect,
//! Runkeeper (`cardioActivities.csv`) and Zepp (`SPORT.csv`) as one activity of any sport per
//! row, and runlift's own documented CSV for everything else.
//!
//! Like every runlift format crate it turns bytes into a [`Parsed`] and knows nothing of files
//! on disk, stores or reports.
//!
//! - [`detect`] tells from the header line alone which app wrote a CSV file, as a
//!   [`CsvDialect`]; [`known_dialects`] names them all for the message about a file it does not
//!   know.
//! - [`parse`] reads a file of a known dialect held in memory (each variant of [`CsvDialect`]
//!   says how), [`parse_from`] one read as a stream, which for the dialects that
//!   [stream](CsvDialect::is_streamed) is never held whole; [`parse_strong`] is the Strong
//!   reader itself.
//! - [`CsvOptions`] supplies what the file does not say: the [`WeightUnit`] the user logs in
//!   (which also decides kilometres or miles where a file writes bare distances) and the time
//!   zone of the local wall-clock times gym apps write; [`Parsed::notes`] says which zone was
//!   used.
//!
//! Rows that cannot be read (a number or date that does not parse, a row of the wrong length)
//! are left out and reported in [`Parsed::warnings`], each with its position
//! ([`Position::Record`](runlift_model::Position::Record): record and line) and, for a bad
//! value, the column and the value found; the rest of the file is imported. So are records past
//! the bounds on hostile or broken input ([`MAX_FIELD_BYTES`], [`MAX_RECORD_BYTES`],
//! [`MAX_COLUMNS`]), each warning naming the bound; a header past them is an error (in JEFIT,
//! whose file holds several tables, that table is skipped with a warning instead). The first
//! [`MAX_WARNINGS`] warnings of a file are listed, the rest counted in a last one. Exercise names are
//! recognised with [`classify_exercise`](runlift_model::classify_exercise); sets of names it
//! does not know are kept, unclassified.
//!
//! ```
//! use runlift_csv::{CsvDialect, CsvOptions, detect, parse_strong};
//! use runlift_model::{SetKind, SourceFormat, SourceRef};
//!
//! let csv = r#"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",W,40.0,8.0,0,0.0,,,
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",1,80.0,5.0,0,0.0,,,
//! 2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",2,82.5,5.0,0,0.0,,,8
//! "#;
//! assert_eq!(detect(csv.as_bytes()), Some(CsvDialect::Strong));
//!
//! let source = SourceRef::file("strong.csv", SourceFormat::StrongCsv);
//! let parsed = parse_strong(csv.as_bytes(), &source, &CsvOptions::default())?;
//! assert!(parsed.warnings.is_empty());
//! let workout = &parsed.activities[0];
//! assert_eq!(workout.name.as_deref(), Some("Legs"));
//! assert_eq!(workout.elapsed.as_secs(), 35 * 60);
//! assert_eq!(workout.sets.len(), 3);
//! assert_eq!(workout.working_sets(), 2);
//! assert_eq!(workout.sets[0].kind, SetKind::WarmUp);
//! assert_eq!(workout.sets.iter().filter_map(|s| s.reps).sum::<u32>(), 18);
//! assert_eq!(workout.sets[2].weight_kg, Some(82.5));
//! # Ok::<(), runlift_model::ParseError>(())
//! ```
#![deny(missing_docs)]

mod cardio;
mod collect;
mod fitbod;
mod fitnotes;
mod garmin;
mod header;
mod hevy;
mod jefit;
mod runkeeper;
mod runlift;
mod stamp;
mod strava;
mod strong;
mod table;
mod units;
mod value;
mod zepp;

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

use jiff::tz::TimeZone;
use runlift_model::{ParseError, ParseErrorKind, Parsed, SourceFormat, SourceRef};

/// The unit a gym app's user logs weights in. CSV exports write bare numbers, so the unit has
/// to come from the user (Strong's older exports have a `Weight Unit` column, which wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WeightUnit {
    /// Kilograms; distances are then read as kilometres.
    #[default]
    Kilograms,
    /// Pounds (0.45359237 kg); distances are then read as miles.
    Pounds,
}

/// What a CSV export does not say about itself and the reader has to be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The unit weights (and, by the same account setting, distances) are written in.
    pub weight_unit: WeightUnit,
    /// The time zone of the local wall-clock times gym apps write (`2024-11-28 17:36:08`): the
    /// start instant is that time in this zone, and the activity's UTC offset is the zone's
    /// offset at that instant, so the session counts on the day written in the file.
    pub time_zone: TimeZone,
}

impl Default for CsvOptions {
    /// Kilograms and UTC.
    fn default() -> Self {
        CsvOptions {
            weight_unit: WeightUnit::Kilograms,
            time_zone: TimeZone::UTC,
        }
    }
}

/// The app or platform that wrote a CSV export, as far as runlift reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CsvDialect {
    /// The Strong app's export, one row per set: the current comma-separated form
    /// (`Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,...`), the older
    /// semicolon-separated one with `Weight Unit` and `Distance Unit`, and the newer one
    /// starting with `Workout #` with units in the column names; see [`parse_strong`].
    ///
    /// Cardio exercises (`Running (Treadmill)`, `Rowing (Machine)`) become activities of their
    /// sport with their distance and time, beside the strength session of the workout's lifts
    /// (`docs/formats/strong.md`). A workout far longer than its sets could take (a timer left
    /// running) loses its length, to be timed from its sets, with a note.
    Strong,
    /// The Hevy app's export, one row per set (`"title","start_time","end_time",...,
    /// "exercise_title",...,"set_type","weight_kg","reps",...`).
    ///
    /// Rows sharing `start_time`, `end_time` and `title` are one workout, from `start_time` to
    /// `end_time` (a local time written like `26 Jul 2025, 07:06`, with the month in the
    /// account's language, `12 sept. 2024, 18:05`, or `Sep 22, 2026, 6:00 AM` by hevy.com; or
    /// in ISO 8601). `set_type` gives the kind of set (`normal`, `warmup`, `dropset`,
    /// `failure`); `weight_kg` or `weight_lbs`, `reps`, `distance_km` or `distance_miles` and
    /// `duration_seconds` its values, where 0 or blank mean "not recorded". Hevy's per-set
    /// `rpe` and `superset_id` are kept on each set. Cardio exercises become sessions of their
    /// sport and implausible lengths are dropped, as for [`CsvDialect::Strong`].
    Hevy,
    /// The FitNotes app's export, one row per set (`Date,Exercise,Category,Weight,Weight
    /// Unit,Reps,Distance,Distance Unit,Time,Comment`, or with `Weight (kgs)` or
    /// `Weight (lbs)`).
    ///
    /// FitNotes has no workouts and no times of day: the sets of a date are one workout
    /// starting at 00:00 in [`CsvOptions::time_zone`], of unknown length. An exercise not in
    /// runlift's table gets the muscle group its `Category` names
    /// ([`classify_muscle_category`](runlift_model::classify_muscle_category)). `Time` is a
    /// timed set's length on a clock (`0:01:30`).
    FitNotes,
    /// JEFIT's export: several tables under banner lines (`### EXERCISE LOGS ####`).
    ///
    /// The sets come from `EXERCISE LOGS`, packed into `logs` as load x reps (`60x8,60x8`);
    /// rows that only repeat and extend an earlier row of the same exercise (JEFIT writes
    /// one per set added) are merged into it. Sessions (`belongsession`) take their start (a
    /// Unix time) and length from `WORKOUT SESSIONS`; logs outside a session are grouped by
    /// date, starting at 00:00 local time. The unit of loads comes from the `mass` setting of
    /// the `SETTING` table, else from [`CsvOptions::weight_unit`]. Positions in messages are
    /// lines.
    Jefit,
    /// The Fitbod app's `WorkoutExport.csv`, one row per set
    /// (`Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier`).
    ///
    /// `Date` is the workout's start in UTC (`2024-11-26 17:18:41 +0000`) on every set of it:
    /// rows stamped within 30 minutes of each other are one workout, its day taken in
    /// [`CsvOptions::time_zone`] and its length unknown (estimated from its sets) unless its
    /// rows carry several stamps. `Weight(kg)` is kept as logged, unrounded: for a pair of
    /// dumbbells or a per-side exercise (`multiplier` 2) it is the load of one dumbbell or
    /// side, as gym apps log it; the multiplier is not applied. `isWarmup` marks warm-ups;
    /// `Duration(s)` and `Distance(m)` of 0 mean "not recorded". Cardio logged in Fitbod
    /// (`Running - Treadmill`) stays a set of its workout.
    Fitbod,
    /// Strava's bulk-export `activities.csv`, one row per activity of any sport
    /// (`Activity ID,Activity Date,Activity Name,Activity Type,...`).
    ///
    /// `Activity Date` (like `Oct 7, 2020, 2:43:11 PM`) is in UTC; the local day comes from
    /// the report's time zone. Of the columns that appear twice, the raw ones are read:
    /// `Elapsed Time` in seconds, `Distance` in metres (an export with a single `Distance`
    /// column has it in the display unit, read after [`CsvOptions::weight_unit`]). `Activity
    /// Type` gives the sport (`Run`, `Trail Run`, `Weight Training`, `Ride` as `cycling`, ...),
    /// `Filename` goes to [`Activity::source_file_hint`](runlift_model::Activity) for a later
    /// join with the activity's own file.
    StravaActivities,
    /// Garmin Connect's activities list exported as CSV, one row per activity
    /// (`Activity Type,Date,Favorite,Title,Distance,Calories,Time,...`).
    ///
    /// `Date` is local wall-clock time, read in [`CsvOptions::time_zone`]. Numbers follow the
    /// account's locale (decimal point or comma, thousands separators, guessed from the whole
    /// file), `--` is "no value", times are on a clock (`00:31:24`, `00:28:10.5`). Distances
    /// are in kilometres or miles (metres or yards for swims) and climb in metres or feet,
    /// after [`CsvOptions::weight_unit`], since the file does not say. Elapsed time is
    /// `Elapsed Time` (else `Time`); moving time `Moving Time` (else `Time`), except for
    /// strength training, whose training time is the timer's `Time`. A strength session's
    /// `Total Sets` become that many sets without an exercise name.
    ///
    /// Headers and types are read in English, German, French, Spanish, Italian, Portuguese and
    /// Dutch; a file in another language is recognised by its structure and read by the places
    /// of its columns. Types no table knows are kept as other sports and reported.
    GarminActivities,
    /// Runkeeper's `cardioActivities.csv`, one row per activity (`Activity Id,Date,Type,Route
    /// Name,Distance (km),Duration,...,Climb (m),Average Heart Rate (bpm),...,GPX File`, or
    /// with `Distance (mi)` and `Climb (ft)`).
    ///
    /// `Date` is local wall-clock time, read in [`CsvOptions::time_zone`]. `Type` gives the
    /// sport, `Duration` (`h:mm:ss` or `mm:ss`, pauses left out) the moving time, which also
    /// stands for the elapsed time of a row without its GPX file. `GPX File` goes to
    /// [`Activity::source_file_hint`](runlift_model::Activity) for the join with the GPX file
    /// beside the CSV; `Route Name` is the name.
    Runkeeper,
    /// The `SPORT.csv` of a Zepp (Amazfit) account export, one row per workout
    /// (`type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),...`).
    ///
    /// `type` is Zepp's sport code (1 outdoor run, 6 walk, 8 treadmill, 9 ride, 14 pool
    /// swim, 52 strength training, ...; an unknown code is kept as `zepp_<code>`),
    /// `startTime` the start in UTC (`2026-01-01 18:03:16+0000`), `sportTime(s)` the time
    /// and `distance(m)` the distance (0: none).
    Zepp,
    /// runlift's own CSV, documented in `docs/formats/runlift-csv.md`: one row per activity
    /// or per set (`date,sport,name,duration,distance_km,exercise,set_type,reps,weight_kg,...`),
    /// for data from any other app, mapped with a spreadsheet or a short script.
    Runlift,
}

impl CsvDialect {
    /// Every dialect, in the order [`detect`] tries them.
    pub const ALL: [CsvDialect; 10] = [
        CsvDialect::Jefit,
        CsvDialect::Strong,
        CsvDialect::Hevy,
        CsvDialect::Fitbod,
        CsvDialect::FitNotes,
        CsvDialect::StravaActivities,
        CsvDialect::Runkeeper,
        CsvDialect::Zepp,
        CsvDialect::GarminActivities,
        CsvDialect::Runlift,
    ];

    /// Whether [`parse_from`] reads files of this dialect as a stream, holding what was read
    /// from it but never the file itself: all but JEFIT (whose tables may come in any order)
    /// and Garmin Connect (whose decimal separator and, in languages runlift has no table for,
    /// columns are told from the file's first rows before the rest is read).
    pub fn is_streamed(self) -> bool {
        !matches!(self, CsvDialect::Jefit | CsvDialect::GarminActivities)
    }

    /// The source format of files in this dialect, for their [`SourceRef`].
    pub fn source_format(self) -> SourceFormat {
        match self {
            CsvDialect::Strong => SourceFormat::StrongCsv,
            CsvDialect::Hevy => SourceFormat::HevyCsv,
            CsvDialect::FitNotes => SourceFormat::FitNotesCsv,
            CsvDialect::Jefit => SourceFormat::JefitCsv,
            CsvDialect::Fitbod => SourceFormat::FitbodCsv,
            CsvDialect::StravaActivities => SourceFormat::StravaCsv,
            CsvDialect::GarminActivities => SourceFormat::GarminCsv,
            CsvDialect::Runkeeper => SourceFormat::RunkeeperCsv,
            CsvDialect::Zepp => SourceFormat::ZeppCsv,
            CsvDialect::Runlift => SourceFormat::RunliftCsv,
        }
    }

    /// The dialect of files of `format`, when it is one of the CSV formats.
    pub fn from_source_format(format: SourceFormat) -> Option<CsvDialect> {
        CsvDialect::ALL.into_iter().find(|d| d.source_format() == format)
    }

    /// The human name of the dialect, as in [`known_dialects`].
    pub fn name(self) -> &'static str {
        match self {
            CsvDialect::Strong => "Strong",
            CsvDialect::Hevy => "Hevy",
            CsvDialect::FitNotes => "FitNotes",
            CsvDialect::Jefit => "JEFIT",
            CsvDialect::Fitbod => "Fitbod",
            CsvDialect::StravaActivities => "Strava activities.csv",
            CsvDialect::GarminActivities => "Garmin Connect activities",
            CsvDialect::Runkeeper => "Runkeeper cardioActivities.csv",
            CsvDialect::Zepp => "Zepp SPORT.csv",
            CsvDialect::Runlift => "runlift CSV (docs/formats/runlift-csv.md)",
        }
    }
}

/// The human names of the CSV dialects runlift reads, for the message about a CSV file it does
/// not recognise.
///
/// ```
/// assert_eq!(runlift_csv::known_dialects()[0], "Strong");
/// assert_eq!(runlift_csv::known_dialects().len(), 10);
/// ```
pub fn known_dialects() -> &'static [&'static str] {
    &[
        "Strong",
        "Hevy",
        "FitNotes",
        "JEFIT",
        "Fitbod",
        "Strava activities.csv",
        "Runkeeper cardioActivities.csv",
        "Zepp SPORT.csv",
        "Garmin Connect activities",
        "runlift CSV (docs/formats/runlift-csv.md)",
    ]
}

/// The longest field runlift reads, in bytes. Real exports hold names, numbers, dates and
/// notes of a few hundred bytes at most; a longer field is a broken file (or a hostile one),
/// and its row is left out with a warning that names this bound.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// The longest record runlift reads, in bytes (its fields together). Real rows stay under a
/// few kilobytes, Strava's 90-odd columns included; a record this long is usually a quote left
/// open that swallowed the rest of the file. The row is left out with a warning naming the bound.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The most fields runlift reads in one record. Strava's `activities.csv`, the widest export,
/// has about 100 columns. A header with more is an error for the file; a row with more is left
/// out with a warning.
pub const MAX_COLUMNS: usize = 1024;

/// The most warnings listed for one file. Past it, problems are only counted, and a last
/// warning at the first of them says how many more there were: a real export with a broken
/// column has as many warnings as rows, and the first thousand say all there is to say.
pub const MAX_WARNINGS: usize = 1_000;

/// Whether a header is that of a dialect.
type HeaderTest = fn(&header::Header) -> bool;

/// The dialect of a CSV export, from its header line (for JEFIT: the banner of its first
/// table, `### SETTING ###` or another of JEFIT's); `None` when no reader here knows it. The
/// first few kilobytes of a file are enough.
///
/// Tolerates a UTF-8 byte-order mark, CRLF line endings, blank lines before the header, quoted
/// column names, any column order, extra columns, and semicolons as separators. The columns
/// that tell the dialects apart:
///
/// | dialect | columns |
/// |---|---|
/// | Strong | `Date`, `Workout Name`, `Exercise Name`, `Set Order` |
/// | Hevy | `title`, `start_time`, `exercise_title` |
/// | Fitbod | `Date`, `Exercise`, `Reps`, `Weight(kg)`, `isWarmup` |
/// | FitNotes | `Date`, `Exercise`, `Category`, `Reps` |
/// | Strava | `Activity ID`, `Activity Date`, `Activity Type`, `Elapsed Time` |
/// | Runkeeper | `Date`, `Type`, `Duration`, `Distance (km)` or `(mi)`, and `Activity Id`, `Average Pace` or `GPX File` |
/// | Zepp | `type`, `startTime`, `sportTime(s)` |
/// | Garmin Connect | `Activity Type`, `Date`, and `Time`, `Distance` or `Title` (or their translations) |
/// | runlift | `date`, `sport` |
///
/// A header in none of these but with the structure of Garmin Connect's export (a date and
/// time in the second column, a clock time in the seventh, `--` for missing values, at least
/// 15 columns) is a Garmin Connect export in a language runlift has no table for.
pub fn detect(bytes: &[u8]) -> Option<CsvDialect> {
    let bytes = header::strip_bom(bytes);
    let line = header::first_line(bytes)?;
    if jefit::matches(line, bytes) {
        return Some(CsvDialect::Jefit);
    }
    let header = header::Header::from_line(line, header::delimiter(line))?;
    let matchers: [(HeaderTest, CsvDialect); 9] = [
        (strong::matches, CsvDialect::Strong),
        (hevy::matches, CsvDialect::Hevy),
        (fitbod::matches, CsvDialect::Fitbod),
        (fitnotes::matches, CsvDialect::FitNotes),
        (strava::matches, CsvDialect::StravaActivities),
        (runkeeper::matches, CsvDialect::Runkeeper),
        (zepp::matches, CsvDialect::Zepp),
        (garmin::matches, CsvDialect::GarminActivities),
        (runlift::matches, CsvDialect::Runlift),
    ];
    matchers
        .into_iter()
        .find(|(matches, _)| matches(&header))
        .map(|(_, dialect)| dialect)
        .or_else(|| garmin::matches_structure(&header, bytes).then_some(CsvDialect::GarminActivities))
}

/// Reads a CSV export of the given dialect (see each [`CsvDialect`] variant for what is read
/// and how).
///
/// Common to all: columns are found by name; a row that cannot be read (a number or date
/// that does not parse, a row of the wrong length) is left out and reported in
/// [`Parsed::warnings`] with its position (record and line; line for JEFIT) and, for a bad
/// value, its column and the value found; the rest of the file is imported. Local times are
/// read in [`CsvOptions::time_zone`] and [`Parsed::notes`] says so. It is an error when the
/// file is empty, when the header lacks the dialect's columns, and when there were rows but
/// none could be read (the first row's error). A file with a header only is read without
/// error, [`Parsed::nothing_to_import`] saying so. No input panics.
pub fn parse(
    bytes: &[u8],
    dialect: CsvDialect,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    match dialect {
        CsvDialect::Strong => parse_strong(bytes, source, options),
        CsvDialect::Hevy => hevy::parse(bytes, source, options),
        CsvDialect::FitNotes => fitnotes::parse(bytes, source, options),
        CsvDialect::Jefit => jefit::parse(bytes, source, options),
        CsvDialect::Fitbod => fitbod::parse(bytes, source, options),
        CsvDialect::StravaActivities => strava::parse(bytes, source, options),
        CsvDialect::GarminActivities => garmin::parse(bytes, source, options),
        CsvDialect::Runkeeper => runkeeper::parse(bytes, source, options),
        CsvDialect::Zepp => zepp::parse(bytes, source, options),
        CsvDialect::Runlift => runlift::parse(bytes, source, options),
    }
}

/// Reads a CSV export of the given dialect from `input`, as [`parse`] does from bytes.
///
/// Dialects that [stream](CsvDialect::is_streamed) are read record by record through a
/// small buffer, so the file is never held whole (only what was read from it); the others are
/// read into memory first. Rows, positions, warnings and errors are those [`parse`] gives for
/// the same bytes; an error reading `input` makes the whole file an error
/// ([`ParseErrorKind::io`](runlift_model::ParseErrorKind::io)), since the rest of it is lost.
pub fn parse_from(
    input: impl Read,
    dialect: CsvDialect,
    source: &SourceRef,
    options: &CsvOptions,
) -> Result<Parsed, ParseError> {
    let failed = Rc::new(RefCell::new(None));
    let input = Watched {
        inner: input,
        failed: Rc::clone(&failed),
    };
    let parsed = match dialect {
        CsvDialect::Strong => strong::parse(input, source, options),
        CsvDialect::Hevy => hevy::parse(input, source, options),
        CsvDialect::FitNotes => fitnotes::parse(input, source, options),
        CsvDialect::Fitbod => fitbod::parse(input, source, options),
        CsvDialect::StravaActivities => strava::parse(input, source, options),
        CsvDialect::Runkeeper => runkeeper::parse(input, source, options),
        CsvDialect::Zepp => zepp::parse(input, source, options),
        CsvDialect::Runlift => runlift::parse(input, source, options),
        CsvDialect::Jefit | CsvDialect::GarminActivities => {
            let mut bytes = Vec::new();
            let mut input = input;
            match input.read_to_end(&mut bytes) {
                Ok(_) => parse(&bytes, dialect, source, options),
                // Reported just below.
                Err(_) => Ok(Parsed::default()),
            }
        }
    };
    match failed.borrow_mut().take() {
        Some((kind, message)) => Err(ParseError::new(
            source,
            None,
            ParseErrorKind::io(Some("reading the CSV"), io::Error::new(kind, message)),
        )),
        None => parsed,
    }
}

/// A reader that remembers the first error its input gave, for [`parse_from`] to make the
/// file an error however the reader of the dialect went on.
struct Watched<R> {
    inner: R,
    failed: Rc<RefCell<Option<(io::ErrorKind, String)>>>,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf);
        if let Err(error) = &read
            && error.kind() != io::ErrorKind::Interrupted
        {
            self.failed
                .borrow_mut()
                .get_or_insert_with(|| (error.kind(), error.to_string()));
        }
        read
    }
}

/// Reads the CSV export of the Strong app ([`CsvDialect::Strong`]): one strength-training
/// activity per workout, with one [`StrengthSet`](runlift_model::StrengthSet) per set row.
///
/// **Workouts.** Rows sharing `Date` and `Workout Name` form one workout, wherever they are in
/// the file; workouts come out in the order first seen, their sets in file order. The start
/// is `Date` as a local time in [`CsvOptions::time_zone`] (a time skipped by a DST change is
/// moved forward, a repeated one taken at its first occurrence), elapsed time is the first
/// row's `Duration` (`35m`, `1h 5m`, `45s`, or plain seconds; zero when the export has none),
/// and moving time and perceived effort stay unknown (Strong's `RPE` is kept on each set).
///
/// **Sets.** `Set Order` gives the kind: a number is a working set, `W` a warm-up, `D` a drop
/// set and `F` a failure set. `Reps`, `Weight`, `Seconds` and `Distance` of 0 or blank mean
/// "not recorded" and become `None` (Strong writes 0 kg for body-weight exercises). Weights are
/// converted to kilograms from [`CsvOptions::weight_unit`]; Strong writes distances in the
/// user's unit too, read as kilometres for kilogram users and miles for pound users (a
/// `Weight Unit` or `Distance Unit` column, in older exports, overrides, and so do units in
/// column names in newer ones: `Weight (kg)`, `Weight (lbs)`, `Distance (meters)`). Numbers may use a
/// decimal comma (`"72,5"`). Rows of the rest timer (`Rest Timer` as set order or exercise)
/// and rows with every field blank are not data and are skipped silently.
///
/// **Errors.** A row with a value that does not parse (named with its column and value in
/// the message), a negative number, or the wrong number of fields is left out and reported
/// in [`Parsed::warnings`] at its record and line (the header is record 0); so is the first
/// workout or exercise name that is not UTF-8, which is kept with the bad bytes replaced by
/// U+FFFD. It is an error when the file is empty
/// ([`ParseErrorKind::Empty`](runlift_model::ParseErrorKind::Empty)), when the header lacks
/// `Date`, `Workout Name`, `Exercise Name`, `Set Order`, or all of the set columns
/// ([`ParseErrorKind::Missing`](runlift_model::ParseErrorKind::Missing), naming them), and
/// when there were data rows but none could be read (the first row's error). A header without
/// sets is read without error, with [`Parsed::nothing_to_import`] saying so. No input panics.
pub fn parse_strong(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    strong::parse(bytes, source, options)
}

#[cfg(test)]
mod tests;
