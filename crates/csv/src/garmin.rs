//! The activities list Garmin Connect exports as CSV (Activities, then "Export CSV").
//!
//! One row per activity; numbers follow the account's locale (`5.48` and `"1,020"` in
//! English, `"7,00"` where a decimal comma is used), missing values are `--`, times are on a
//! clock, and `Date` is the local wall-clock time of the start:
//!
//! ```text
//! Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,...,Total Reps,Total Sets,...,Moving Time,Elapsed Time,Min Elevation,Max Elevation
//! Running,2025-02-06 17:06:03,false,"Wellington Running","5.48","447","00:31:24","153","176",...,"--","--",...,"00:31:08","00:32:57","-4","190"
//! ```
//!
//! Distances are in the account's unit (kilometres or miles), except for swims (metres or
//! yards); the file does not say which, so the weight-unit setting decides.
//!
//! Garmin Connect translates the header and the activity types into the account's language
//! (`Aktivitätstyp,Datum,Favorit,Titel,Distanz,...`, `Laufen`); the German, Portuguese, French,
//! Dutch, Spanish and Italian names found in real exports are read as the English ones (see
//! [`TYPES`] and the column lists). A header in another language is recognised by the file's
//! structure ([`matches_structure`]) and read by the places of its columns. A type no table
//! knows is kept under its own name, never dropped, and reported: a note in English, a warning
//! in any other language, where it may be a run in a word runlift does not know.

use std::time::Duration;

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, Position, SourceRef, Sport, StrengthSet};

use crate::collect::{Memo, Outcome, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, Utf8Check, check_length, present, text};
use crate::units::Length;
use crate::value::{self, Decimal, DecimalVotes, When};
use crate::{CsvOptions, WeightUnit};

// Garmin Connect names the columns, and the activity types, in the account's language. Each
// column below lists its English name first (the one errors use), then the translations seen
// in real exports, with where they were seen:
// - de: a German export quoted in a PHP importer (`Aktivitätstyp,Datum,Favorit,Titel,Distanz,
//   Kalorien,Zeit,Ø HF,Max. HF,...,Positiver Höhenunterschied,...`, a `Radfahren` row of
//   2017), German pandas scripts (`Ø Herzfrequenz`), and a newer German header written by a
//   sync tool (`Ø Herzfrequenz,...,Anstieg gesamt,...,Zeit in Bewegung,Verstrichene Zeit`).
// - pt: a Brazilian export in a parser's test (`Tipo de atividade,Data,Favorito,Título,
//   Distância,Calorias,Tempo total,FC Média,...,Subida total,...,Tempo em movimento,Tempo
//   transcorrido`; types `Corrida`, `Corrida em esteira`, `Cardiovascular`; `Não`).
// - fr: "an exact extract of a real export (French account)" in a coaching tool's tests
//   (`Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,
//   ...,Ascension totale,...,Temps de déplacement`; types `Course à pied`, `Musculation`,
//   `Randonnée`).
// - nl: an Oracle loader of Dutch exports, whose table keeps the header's names with `_` for
//   spaces (`Activiteittype,Datum,Favoriet,Titel,Afstand,Calorieen,Tijd,...,Totale_stijging,
//   ...,Totaal_sets,...,Tijd_bewogen,Verstreken_tijd`); read back with spaces.
// - es: a weekly-report tool's tests, whose rows of a Mexican account keep Garmin's own
//   titles (`Tipo de actividad,Fecha,Título,Distancia,Calorías,Tiempo,Frecuencia cardiaca
//   media,Ritmo medio,Ascenso total`; `Carrera,2026-07-11 06:30:54,"Metepec Carrera",...`),
//   and a Spanish import test of an athlete platform (`Carrera`, `Ciclismo`).
// - it: a script that writes Garmin's Italian export header to merge its rows with a real
//   export (`Tipo di attività,Data,Preferita,Titolo,Distanza,Calorie,Tempo,FC Media,...,
//   Ascesa totale,...,Tempo in movimento,Tempo trascorso,Quota minima,Quota massima`; type
//   `Corsa`, `No` for no).
// No Dutch export with its activity types was found: those types are not guessed. A file whose
// header is in a language not listed is still recognised by its structure (see
// [`matches_structure`]), and a type no table knows is reported, never quietly "other".
const ACTIVITY_TYPE: [&str; 7] = [
    "Activity Type",
    "Aktivitätstyp",
    "Tipo de atividade",
    "Type d'activité",
    "Activiteittype",
    "Tipo de actividad",
    "Tipo di attività",
];
const DATE: [&str; 3] = ["Date", "Datum", "Fecha"];
/// `Data` (pt, it) only with a translated activity type: it is too common a word to say alone.
const DATE_PT: &str = "Data";
const TITLE: [&str; 5] = ["Title", "Titel", "Título", "Titre", "Titolo"];
const DISTANCE: [&str; 6] = [
    "Distance",
    "Distanz",
    "Distância",
    "Afstand",
    "Distancia",
    "Distanza",
];
const TIME: [&str; 8] = [
    "Time",
    "Activity Time",
    "Zeit",
    "Tempo total",
    "Durée",
    "Tijd",
    "Tiempo",
    "Tempo",
];
const MOVING_TIME: [&str; 6] = [
    "Moving Time",
    "Zeit in Bewegung",
    "Tempo em movimento",
    "Temps de déplacement",
    "Tijd bewogen",
    "Tempo in movimento",
];
const ELAPSED_TIME: [&str; 5] = [
    "Elapsed Time",
    "Verstrichene Zeit",
    "Tempo transcorrido",
    "Verstreken tijd",
    "Tempo trascorso",
];
const AVG_HR: [&str; 7] = [
    "Avg HR",
    "Ø HF",
    "Ø Herzfrequenz",
    "FC Média",
    "Fréquence cardiaque moyenne",
    "Frecuencia cardiaca media",
    "FC Media",
];
const TOTAL_ASCENT: [&str; 9] = [
    "Total Ascent",
    "Elev Gain",
    "Positiver Höhenunterschied",
    "Anstieg gesamt",
    "Subida total",
    "Ascension totale",
    "Totale stijging",
    "Ascenso total",
    "Ascesa totale",
];
const TOTAL_SETS: [&str; 2] = ["Total Sets", "Totaal sets"];
const FAVORITE: [&str; 6] = [
    "Favorite",
    "Favorit",
    "Favorito",
    "Favori",
    "Favoriet",
    "Preferita",
];

/// The activity types of translated exports, with the English name Garmin gives them, which
/// [`Sport::from_name`] knows. A type not listed is kept under its own name, as an English one
/// is.
const TYPES: [(&str, &str); 13] = [
    // de: `Laufen` in the German export of issue 18; `Radfahren` in the 2017 German export.
    ("Laufen", "Running"),
    ("Radfahren", "Cycling"),
    // de: `Krafttraining`, as issue 18 names it (the same word is German Apple Health's).
    ("Krafttraining", "Strength Training"),
    // pt: the Brazilian export; `Treino de força` in the Portuguese export of issue 18.
    ("Corrida", "Running"),
    ("Corrida em esteira", "Treadmill Running"),
    ("Cardiovascular", "Cardio"),
    ("Treino de força", "Strength Training"),
    // fr: the French export.
    ("Course à pied", "Running"),
    ("Musculation", "Strength Training"),
    ("Randonnée", "Hiking"),
    // es: the Mexican account's rows; `Ciclismo` in the Spanish import test.
    ("Carrera", "Running"),
    ("Ciclismo", "Cycling"),
    // it: the Italian script.
    ("Corsa", "Running"),
];

/// The sport of an activity type, in English or a language of [`TYPES`].
fn sport_of(activity_type: &str) -> Sport {
    let english = TYPES
        .iter()
        .find(|(name, _)| name.to_lowercase() == activity_type.trim().to_lowercase())
        .map_or(activity_type, |&(_, english)| english);
    Sport::from_name(english)
}

/// How many unknown activity types the message about them names.
const UNKNOWN_TYPES_LISTED: usize = 5;

/// The most sets a summary row may claim for one session: more is not a session but a typo,
/// and would cost memory for nothing.
const MAX_SETS: u32 = 1000;

/// The first column of `header` called by one of `names`, with the name it has.
fn first(header: &Header, names: &[&'static str]) -> Option<(usize, &'static str)> {
    names
        .iter()
        .find_map(|&name| header.find(name).map(|i| (i, name)))
}

/// The date column: any of [`DATE`], or `Data` beside a translated activity type.
fn date_column(header: &Header) -> Option<(usize, &'static str)> {
    first(header, &DATE).or_else(|| {
        first(header, &ACTIVITY_TYPE[1..])
            .and(header.find(DATE_PT))
            .map(|i| (i, DATE_PT))
    })
}

/// Whether `header` is that of a Garmin Connect activities export, in any language listed
/// (and not Strava's, which has an `Activity Type` too, but no `Date`).
pub(crate) fn matches(header: &Header) -> bool {
    first(header, &ACTIVITY_TYPE).is_some()
        && date_column(header).is_some()
        && (first(header, &TIME).is_some()
            || first(header, &DISTANCE).is_some()
            || first(header, &TITLE).is_some())
}

/// The fewest columns of a Garmin Connect activities export: the oldest seen (2017) has 30-odd,
/// the newest about 40; other CSVs with a date in the second column are rarely that wide.
const FEWEST_COLUMNS: usize = 15;

/// How many rows [`matches_structure`] looks at.
const ROWS_CHECKED: usize = 5;

/// Whether `bytes`, a CSV whose `header` names no columns runlift knows, has the structure of
/// a Garmin Connect activities export in a language without a table here: at least
/// [`FEWEST_COLUMNS`] columns, and in the first rows the start in the second column as
/// `2025-02-06 17:06:03`, the activity's time in the seventh on a clock (`00:31:24`), and
/// Garmin's `--` for a missing value somewhere. Garmin keeps the order of its columns in every
/// language (the English, German, Portuguese, French, Dutch, Spanish and Italian headers above
/// all start type, date, favourite, title, distance, calories, time, average heart rate).
pub(crate) fn matches_structure(header: &Header, bytes: &[u8]) -> bool {
    if header.len() < FEWEST_COLUMNS {
        return false;
    }
    let bytes = crate::header::strip_bom(bytes);
    let Some(line) = crate::header::first_line(bytes) else {
        return false;
    };
    let mut reader = crate::header::reader(bytes, crate::header::delimiter(line));
    let mut records = reader.byte_records();
    // The header, and any blank lines before it, which the reader passes over.
    let _ = records.next();
    // Rows of the header's length, with and without Garmin's shapes: a broken row or two
    // among them must not hide the file's structure.
    let (mut shaped, mut unshaped) = (0, 0);
    let mut dashes = false;
    // The bytes may be the first kilobytes of the file only, cut inside a row: only whole
    // rows of the header's length count.
    for record in records.take(ROWS_CHECKED).flatten() {
        if record.len() != header.len() {
            continue;
        }
        let field = |i: usize| std::str::from_utf8(record.get(i).unwrap_or_default()).unwrap_or_default();
        let date = field(1);
        let dated =
            date.len() >= 16 && date.as_bytes()[4] == b'-' && value::local_date_time("Date", date).is_ok();
        let timed = field(6) == "--" || matches!(value::clock("Time", field(6)), Ok(Some(_)));
        if dated && timed {
            shaped += 1;
            dashes |= record.iter().any(|f| f == b"--");
        } else {
            unshaped += 1;
        }
    }
    shaped > unshaped && dashes
}

struct Columns {
    activity_type: (usize, &'static str),
    date: (usize, &'static str),
    title: Option<usize>,
    distance: Option<(usize, &'static str)>,
    time: Option<(usize, &'static str)>,
    moving: Option<(usize, &'static str)>,
    elapsed: Option<(usize, &'static str)>,
    avg_hr: Option<(usize, &'static str)>,
    ascent: Option<(usize, &'static str)>,
    total_sets: Option<(usize, &'static str)>,
    favorite: Option<usize>,
    /// Whether the columns were found by their place, the header's language being unknown.
    by_place: bool,
}

impl Columns {
    /// The columns of a file recognised by [`matches_structure`]: the first eight, whose place
    /// Garmin keeps in every language, under their English names; the others, whose place
    /// changed between versions, are not read.
    fn by_place() -> Columns {
        Columns {
            activity_type: (0, ACTIVITY_TYPE[0]),
            date: (1, DATE[0]),
            title: Some(3),
            distance: Some((4, DISTANCE[0])),
            time: Some((6, TIME[0])),
            moving: None,
            elapsed: None,
            avg_hr: Some((7, AVG_HR[0])),
            ascent: None,
            total_sets: None,
            favorite: Some(2),
            by_place: true,
        }
    }

    fn locate(header: &Header) -> Result<Columns, ParseErrorKind> {
        let activity_type = first(header, &ACTIVITY_TYPE);
        let date = date_column(header);
        let (Some(activity_type), Some(date)) = (activity_type, date) else {
            let mut missing = Vec::new();
            if activity_type.is_none() {
                missing.push(ACTIVITY_TYPE[0]);
            }
            if date.is_none() {
                missing.push(DATE[0]);
            }
            return Err(crate::table::require_all(header, &missing).unwrap_err());
        };
        Ok(Columns {
            activity_type,
            date,
            title: first(header, &TITLE).map(|(i, _)| i),
            distance: first(header, &DISTANCE),
            time: first(header, &TIME),
            moving: first(header, &MOVING_TIME),
            elapsed: first(header, &ELAPSED_TIME),
            avg_hr: first(header, &AVG_HR),
            ascent: first(header, &TOTAL_ASCENT),
            total_sets: first(header, &TOTAL_SETS),
            favorite: first(header, &FAVORITE).map(|(i, _)| i),
            by_place: false,
        })
    }
}

/// Reads a Garmin Connect activities CSV; see [`crate::CsvDialect::GarminActivities`].
pub(crate) fn parse(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    let mut table = Table::open(bytes, source)?;
    let columns = match Columns::locate(table.header()) {
        Ok(columns) => columns,
        Err(_) if matches_structure(table.header(), bytes) => Columns::by_place(),
        Err(kind) => return Err(ParseError::new(source, Some(table.header_position()), kind)),
    };
    let fields = table.header().len();
    // Columns of text, which say nothing about the decimal separator.
    let text_columns: Vec<usize> = [Some(columns.activity_type.0), Some(columns.date.0)]
        .into_iter()
        .chain([columns.title, columns.favorite])
        .flatten()
        .collect();

    // The decimal separator is a property of the whole file: each row's numbers are read
    // both ways as the row goes by (a few fields), and the reading of the separator the file
    // votes for is kept at the end, so that no row has to be held as text.
    let mut votes = DecimalVotes::default();
    let mut utf8 = Utf8Check::default();
    let mut sports = Memo::new();
    let names = present(&[
        (Some(columns.activity_type.0), columns.activity_type.1),
        (columns.title, TITLE[0]),
    ]);
    // In chunks, each freed once its activities are made: whole-file vectors of rows and of
    // activities would be in memory together at the end.
    let mut rows: Vec<Vec<PendingRow>> = Vec::new();
    let mut count = 0usize;
    while let Some((position, read)) = table.next_row() {
        let mut utf8_warning = None;
        let result = read.and_then(|record| {
            for (i, field) in record.iter().enumerate() {
                if !text_columns.contains(&i)
                    && let Ok(field) = std::str::from_utf8(field)
                {
                    votes.count(field);
                }
            }
            check_length(record, fields)?;
            utf8_warning = utf8.check(record, &names);
            let activity = read_row(record, &columns, options, source, &mut sports)?;
            let unknown_type = matches!(activity.sport, Sport::Other(_))
                .then(|| text(record, columns.activity_type.0).trim().to_owned());
            let point = read_numbers(record, &columns, Decimal::Point, &activity.sport);
            let comma = read_numbers(record, &columns, Decimal::Comma, &activity.sport);
            Ok(Read {
                activity,
                unknown_type,
                point,
                comma,
            })
        });
        if rows.last().is_none_or(|chunk| chunk.len() == ROWS_PER_CHUNK) {
            rows.push(Vec::with_capacity(ROWS_PER_CHUNK));
        }
        if let Some(chunk) = rows.last_mut() {
            chunk.push(PendingRow {
                position,
                utf8_warning,
                result,
            });
        }
        count += 1;
    }
    let decimal = votes.decimal();

    let mut outcome = Outcome::default();
    let mut activities = Vec::with_capacity(count);
    let mut summary_sets = false;
    // Activity types no table here knows, with how many activities have each, in the order
    // first seen, and where the first of them is.
    let mut unknown_types: Vec<(String, usize)> = Vec::new();
    let mut first_unknown = None;
    let no_name = StrengthSet::new("");
    for row in rows.into_iter().flatten() {
        let position = row.position;
        if let Some(kind) = row.utf8_warning {
            outcome.warn(source, position, kind);
        }
        let activity = row.result.and_then(|read| {
            let numbers = match decimal {
                Decimal::Point => read.point,
                Decimal::Comma => read.comma,
            }?;
            Ok((numbers.apply(read.activity, options, &no_name), read.unknown_type))
        });
        match activity {
            Ok((activity, unknown_type)) => {
                summary_sets |= !activity.sets.is_empty();
                if let Some(raw) = unknown_type {
                    match unknown_types.iter_mut().find(|(name, _)| *name == raw) {
                        Some((_, count)) => *count += 1,
                        None => unknown_types.push((raw, 1)),
                    }
                    first_unknown.get_or_insert(position);
                }
                activities.push(activity);
            }
            Err(kind) => outcome.row_left_out(source, position, kind),
        }
    }
    if columns.by_place {
        outcome.note(
            "the header is in a language runlift has no table for; the file has Garmin Connect's \
             structure, so its columns were read by their place: type, date, title, distance, \
             time and average heart rate (moving and elapsed time, climb and sets are left out)",
        );
    }
    if let Some(position) = first_unknown {
        let count: usize = unknown_types.iter().map(|(_, n)| n).sum();
        let listed: Vec<String> = unknown_types
            .iter()
            .take(UNKNOWN_TYPES_LISTED)
            .map(|(name, n)| format!("{name:?} ({n})"))
            .collect();
        let more = match unknown_types.len().saturating_sub(UNKNOWN_TYPES_LISTED) {
            0 => String::new(),
            more => format!(" and {more} more"),
        };
        let message = format!(
            "{count} activit{} of types runlift does not know ({}{more}) kept as other sports",
            if count == 1 { "y" } else { "ies" },
            listed.join(", "),
        );
        if columns.activity_type.1 == ACTIVITY_TYPE[0] && !columns.by_place {
            // In English these are sports runlift has no name for (pickleball, sailing): other
            // sports they are.
            outcome.note(message);
        } else {
            // In another language they may be runs or rides in words no table here has yet:
            // counted as other sports, they would be missing from the running figures.
            outcome.warn(
                source,
                position,
                ParseErrorKind::Syntax(format!(
                    "{message}; in this language they may be runs or rides that runlift cannot \
                     count as such (its README lists the languages it knows)"
                )),
            );
        }
    }
    outcome.note(local_time_note("Garmin Connect", options));
    if decimal == Decimal::Comma {
        outcome.note("numbers were read with a decimal comma, the convention of this export");
    }
    let units = match options.weight_unit {
        WeightUnit::Kilograms => "kilometres (metres for swims, metres of climb)",
        WeightUnit::Pounds => "miles (yards for swims, feet of climb)",
    };
    outcome.note(format!(
        "Garmin Connect writes distances in the account's unit without naming it; they were read \
         in {units}, after the weight-unit setting"
    ));
    if summary_sets {
        outcome.note(
            "Garmin Connect's list gives strength sessions only their Total Sets and Total Reps: \
             each session got that many sets without an exercise name, and its total reps are not \
             kept per set",
        );
    }
    outcome.finish(
        activities,
        "the Garmin Connect export holds no activities, only its header",
    )
}

/// How many read rows are kept together, waiting for the file's decimal separator.
const ROWS_PER_CHUNK: usize = 1024;

/// A row read as far as its decimal separator allows, waiting for the file's.
struct PendingRow {
    position: Position,
    /// The warning about a name that is not UTF-8, given in the row's turn.
    utf8_warning: Option<ParseErrorKind>,
    result: Result<Read, ParseErrorKind>,
}

/// An activity row without its numbers, and its numbers read with either separator.
struct Read {
    activity: Activity,
    /// The type as written, when no table here knows it.
    unknown_type: Option<String>,
    point: Result<Numbers, ParseErrorKind>,
    comma: Result<Numbers, ParseErrorKind>,
}

/// The numbers of an activity row whose reading depends on the decimal separator.
struct Numbers {
    distance: Option<f64>,
    avg_hr: Option<f64>,
    ascent: Option<f64>,
    total_sets: Option<u32>,
}

impl Numbers {
    /// `activity` with these numbers; its summary sets are copies of `no_name`.
    fn apply(self, mut activity: Activity, options: &CsvOptions, no_name: &StrengthSet) -> Activity {
        let distance_unit = if activity.sport == Sport::Swimming {
            Length::short_of(options.weight_unit)
        } else {
            Length::long_of(options.weight_unit)
        };
        activity.distance_m = self
            .distance
            .filter(|&d| d > 0.0)
            .map(|d| distance_unit.metres(d));
        activity.avg_heart_rate = self.avg_hr.filter(|&hr| hr > 0.0);
        activity.elevation_gain_m = self
            .ascent
            .map(|h| Length::height_of(options.weight_unit).metres(h));
        if let Some(sets) = self.total_sets {
            activity.sets = vec![no_name.clone(); sets as usize];
        }
        activity
    }
}

/// The sport of an activity type, for the rows that name it.
type Sports = Memo<Sport>;

/// One activity row, without the numbers [`read_numbers`] reads.
fn read_row(
    record: &ByteRecord,
    c: &Columns,
    options: &CsvOptions,
    source: &SourceRef,
    sports: &mut Sports,
) -> Result<Activity, ParseErrorKind> {
    let activity_type = text(record, c.activity_type.0);
    if activity_type.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {}", c.activity_type.1)));
    }
    let sport = sports.get(&activity_type, sport_of).clone();
    let (date_index, date_name) = c.date;
    let raw_date = text(record, date_index);
    let (start, utc_offset) = match value::date_time(
        date_name,
        &raw_date,
        "a date and time such as 2025-02-06 17:06:03",
    )? {
        When::Local(local) => {
            let (start, offset) = local_instant(&options.time_zone, local, date_name, &raw_date)?;
            (start, Some(offset))
        }
        When::Instant(start, offset) => (start, offset),
    };
    let clock = |column: Option<(usize, &str)>| -> Result<Option<Duration>, ParseErrorKind> {
        let Some((index, name)) = column else {
            return Ok(None);
        };
        let raw = text(record, index);
        if raw == "--" {
            Ok(None)
        } else {
            value::clock(name, &raw)
        }
    };
    let time = clock(c.time)?;
    let moving_time = clock(c.moving)?;
    let elapsed = clock(c.elapsed)?.or(time).or(moving_time).unwrap_or_default();
    // For strength, Garmin's moving time counts only the seconds of movement the watch saw;
    // the timer's time, rests between sets included, is the training time.
    let moving = if sport == Sport::StrengthTraining {
        time.or(moving_time)
    } else {
        moving_time.or(time)
    };

    let mut activity = Activity::new(sport, start, elapsed, source.clone());
    activity.utc_offset = utc_offset;
    activity.moving = moving;
    activity.name = c
        .title
        .map(|i| text(record, i).into_owned())
        .filter(|t| !t.is_empty());
    Ok(activity)
}

/// The numbers of an activity row of `sport`, read with the decimal separator `decimal`.
fn read_numbers(
    record: &ByteRecord,
    c: &Columns,
    decimal: Decimal,
    sport: &Sport,
) -> Result<Numbers, ParseErrorKind> {
    let non_negative = |column: Option<(usize, &str)>| -> Result<Option<f64>, ParseErrorKind> {
        let Some((index, name)) = column else {
            return Ok(None);
        };
        let raw = text(record, index);
        match decimal.number(name, &raw)? {
            Some(n) if n < 0.0 => Err(ParseErrorKind::invalid_value(name, &raw, "a number of 0 or more")),
            n => Ok(n),
        }
    };
    let distance = non_negative(c.distance)?;
    let avg_hr = non_negative(c.avg_hr)?;
    let ascent = non_negative(c.ascent)?;
    let mut total_sets = None;
    if *sport == Sport::StrengthTraining {
        // `Total Reps` is not read: the model has no place for a session's total reps.
        if let Some(sets) = non_negative(c.total_sets)? {
            if sets.fract() != 0.0 || sets > f64::from(MAX_SETS) {
                let (index, name) = c.total_sets.unwrap_or_default();
                return Err(ParseErrorKind::invalid_value(
                    name,
                    &text(record, index),
                    format!("a whole number of sets up to {MAX_SETS}"),
                ));
            }
            // Whole and at most MAX_SETS, checked just above.
            total_sets = Some(sets as u32);
        }
    }
    Ok(Numbers {
        distance,
        avg_hr,
        ascent,
        total_sets,
    })
}
