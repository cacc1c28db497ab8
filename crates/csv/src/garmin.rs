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
//! (`Aktivitätstyp,Datum,Favorit,Titel,Distanz,...`, `Laufen`); the German, Portuguese, French
//! and Dutch names found in real exports are read as the English ones (see [`TYPES`] and the
//! column lists). A translated type not listed is kept under its own name, never dropped.

use std::time::Duration;

use csv::ByteRecord;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceRef, Sport, StrengthSet};

use crate::collect::{Outcome, local_instant, local_time_note};
use crate::header::Header;
use crate::table::{Table, Utf8Check, check_row, present, text};
use crate::units::Length;
use crate::value::{self, Decimal, When};
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
// No Spanish or Italian export was found: those are not listed rather than guessed.
const ACTIVITY_TYPE: [&str; 5] = [
    "Activity Type",
    "Aktivitätstyp",
    "Tipo de atividade",
    "Type d'activité",
    "Activiteittype",
];
const DATE: [&str; 2] = ["Date", "Datum"];
/// `Data` (pt) only with a translated activity type: it is too common a word to say alone.
const DATE_PT: &str = "Data";
const TITLE: [&str; 4] = ["Title", "Titel", "Título", "Titre"];
const DISTANCE: [&str; 4] = ["Distance", "Distanz", "Distância", "Afstand"];
const TIME: [&str; 6] = ["Time", "Activity Time", "Zeit", "Tempo total", "Durée", "Tijd"];
const MOVING_TIME: [&str; 5] = [
    "Moving Time",
    "Zeit in Bewegung",
    "Tempo em movimento",
    "Temps de déplacement",
    "Tijd bewogen",
];
const ELAPSED_TIME: [&str; 4] = [
    "Elapsed Time",
    "Verstrichene Zeit",
    "Tempo transcorrido",
    "Verstreken tijd",
];
const AVG_HR: [&str; 5] = [
    "Avg HR",
    "Ø HF",
    "Ø Herzfrequenz",
    "FC Média",
    "Fréquence cardiaque moyenne",
];
const TOTAL_ASCENT: [&str; 7] = [
    "Total Ascent",
    "Elev Gain",
    "Positiver Höhenunterschied",
    "Anstieg gesamt",
    "Subida total",
    "Ascension totale",
    "Totale stijging",
];
const TOTAL_SETS: [&str; 2] = ["Total Sets", "Totaal sets"];
const FAVORITE: [&str; 4] = ["Favorite", "Favorit", "Favorito", "Favori"];

/// The activity types of translated exports, with the English name Garmin gives them, which
/// [`Sport::from_name`] knows. A type not listed is kept under its own name, as an English one
/// is.
const TYPES: [(&str, &str); 10] = [
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
];

/// The sport of an activity type, in English or a language of [`TYPES`].
fn sport_of(activity_type: &str) -> Sport {
    let english = TYPES
        .iter()
        .find(|(name, _)| name.to_lowercase() == activity_type.trim().to_lowercase())
        .map_or(activity_type, |&(_, english)| english);
    Sport::from_name(english)
}

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
}

impl Columns {
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
        })
    }
}

/// Reads a Garmin Connect activities CSV; see [`crate::CsvDialect::GarminActivities`].
pub(crate) fn parse(bytes: &[u8], source: &SourceRef, options: &CsvOptions) -> Result<Parsed, ParseError> {
    let mut table = Table::open(bytes, source)?;
    let columns = Columns::locate(table.header())
        .map_err(|kind| ParseError::new(source, Some(table.header_position()), kind))?;
    let fields = table.header().len();
    // Columns of text, which say nothing about the decimal separator.
    let text_columns: Vec<usize> = [ACTIVITY_TYPE.as_slice(), &TITLE, &FAVORITE]
        .into_iter()
        .filter_map(|names| first(table.header(), names).map(|(i, _)| i))
        .chain([columns.date.0])
        .collect();

    // The decimal separator is a property of the whole file, so all rows are read first.
    let mut rows: Vec<(runlift_model::Position, Result<ByteRecord, ParseErrorKind>)> = Vec::new();
    while let Some((position, read)) = table.next_row() {
        rows.push((position, read.cloned()));
    }
    let decimal = Decimal::guess(
        rows.iter()
            .filter_map(|(_, row)| row.as_ref().ok())
            .flat_map(|record| {
                record
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !text_columns.contains(i))
                    .filter_map(|(_, field)| std::str::from_utf8(field).ok())
            }),
    );

    let mut outcome = Outcome::default();
    let mut utf8 = Utf8Check::default();
    let mut activities = Vec::new();
    let mut summary_sets = false;
    let names = present(&[
        (Some(columns.activity_type.0), columns.activity_type.1),
        (columns.title, TITLE[0]),
    ]);
    for (position, read) in rows {
        let activity = read.and_then(|record| {
            check_row(&record, fields, &mut utf8, &names, &mut outcome, source, position)?;
            read_row(&record, &columns, decimal, options, source)
        });
        match activity {
            Ok(activity) => {
                summary_sets |= !activity.sets.is_empty();
                activities.push(activity);
            }
            Err(kind) => outcome.row_left_out(source, position, kind),
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

/// One activity row.
fn read_row(
    record: &ByteRecord,
    c: &Columns,
    decimal: Decimal,
    options: &CsvOptions,
    source: &SourceRef,
) -> Result<Activity, ParseErrorKind> {
    let activity_type = text(record, c.activity_type.0);
    if activity_type.is_empty() {
        return Err(ParseErrorKind::Missing(format!("the {}", c.activity_type.1)));
    }
    let sport = sport_of(&activity_type);
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
    let distance_unit = if activity.sport == Sport::Swimming {
        Length::short_of(options.weight_unit)
    } else {
        Length::long_of(options.weight_unit)
    };
    activity.distance_m = non_negative(c.distance)?
        .filter(|&d| d > 0.0)
        .map(|d| distance_unit.metres(d));
    activity.avg_heart_rate = non_negative(c.avg_hr)?.filter(|&hr| hr > 0.0);
    activity.elevation_gain_m =
        non_negative(c.ascent)?.map(|h| Length::height_of(options.weight_unit).metres(h));
    if activity.sport == Sport::StrengthTraining {
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
            activity.sets = (0..sets as u32).map(|_| StrengthSet::new("")).collect();
        }
    }
    Ok(activity)
}
