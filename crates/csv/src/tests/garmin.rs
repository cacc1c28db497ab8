use std::time::Duration;

use jiff::tz::Offset;
use runlift_model::{Position, RunKind, Sport, Timestamp, Venue};

use super::*;

const HEADER: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Total Ascent,Steps,Total Reps,Total Sets,Moving Time,Elapsed Time";

fn garmin_with(rows: &str, options: &CsvOptions) -> Parsed {
    read_as(
        CsvDialect::GarminActivities,
        &format!("{HEADER}\n{rows}"),
        options,
    )
}

fn garmin(rows: &str) -> Parsed {
    garmin_with(rows, &berlin())
}

#[test]
fn runs_rides_and_swims_in_an_english_export() {
    let parsed = garmin(
        "Running,2026-02-09 18:02:11,false,\"Berlin Running\",\"10.02\",\"712\",\"00:52:40\",\"146\",\"171\",\"58\",\"8,870\",\"--\",\"--\",\"00:52:20\",\"00:53:55\"\n\
         Treadmill Running,2026-02-18 06:45:00,false,\"Treadmill Running\",\"6.40\",\"455\",\"00:35:00.5\",\"150\",\"165\",\"--\",\"5,950\",\"--\",\"--\",\"00:35:00\",\"00:35:00.5\"\n\
         Cycling,2026-02-22 10:02:00,false,\"Havel Cycling\",\"42.35\",\"1,020\",\"01:32:10\",\"128\",\"160\",\"1,285\",\"--\",\"--\",\"--\",\"01:30:02\",\"01:41:33\"\n\
         Pool Swim,2026-02-20 12:15:30,false,\"Pool Swim\",\"1,500\",\"420\",\"00:38:12\",\"128\",\"149\",\"--\",\"--\",\"--\",\"--\",\"00:33:40\",\"00:40:05\"\n",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.elapsed,
                a.moving,
                a.distance_m,
                a.avg_heart_rate,
                a.elevation_gain_m,
            )
        })
        .collect();
    let secs = Duration::from_secs;
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                secs(3235),
                Some(secs(3140)),
                Some(10020.0),
                Some(146.0),
                Some(58.0)
            ),
            (
                Sport::Running(RunKind::Treadmill),
                Duration::from_millis(2_100_500),
                Some(secs(2100)),
                Some(6400.0),
                Some(150.0),
                None
            ),
            // "1,020" calories and "1,285" m of climb: thousands separators.
            (
                Sport::Cycling(Venue::Unspecified),
                secs(6093),
                Some(secs(5402)),
                Some(42350.0),
                Some(128.0),
                Some(1285.0)
            ),
            // Swims are in metres: "1,500" is 1500 m.
            (
                Sport::Swimming,
                secs(2405),
                Some(secs(2020)),
                Some(1500.0),
                Some(128.0),
                None
            ),
        ]
    );
    let run = &parsed.activities[0];
    assert_eq!(run.name.as_deref(), Some("Berlin Running"));
    assert_eq!(run.start, "2026-02-09T17:02:11Z".parse::<Timestamp>().unwrap());
    assert_eq!(run.utc_offset, Some(Offset::constant(1)));
    assert_eq!(
        parsed.notes[0],
        "Garmin Connect writes local times without a UTC offset; they were read as Europe/Berlin time"
    );
}

#[test]
fn a_strength_session_gets_its_total_sets_and_the_timer_time() {
    let parsed = garmin(
        "Strength Training,2026-02-11 07:00:12,false,\"Strength\",\"0.00\",\"310\",\"00:48:30\",\"112\",\"151\",\"--\",\"1,204\",\"146\",\"14\",\"00:05:10\",\"00:49:02\"\n\
         Strength Training,2026-02-13 07:00:00,false,\"Old watch\",\"0.00\",\"250\",\"00:40:00\",\"105\",\"140\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n",
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.sets.len(),
                a.working_sets(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(2942, Some(2910), None, 14, 14), (2400, Some(2400), None, 0, 0)]
    );
    let set = &parsed.activities[0].sets[0];
    assert_eq!((set.name(), set.exercise, set.reps), ("", None, None));
}

#[test]
fn an_export_with_decimal_commas() {
    let parsed = garmin(
        "Running,2026-02-24 07:05:11,false,\"Laufen am Morgen\",\"7,25\",\"520\",\"00:38:10\",\"149\",\"168\",\"41\",\"6.120\",\"--\",\"--\",\"00:37:55\",\"00:38:40\"\n\
         Cycling,2026-02-25 17:00:00,false,\"Rolle\",\"21,00\",\"1.020\",\"00:45:00,5\",\"120\",\"150\",\"1.285\",\"--\",\"--\",\"--\",\"00:45:00\",\"00:46:00\"\n",
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.distance_m, a.elevation_gain_m))
        .collect();
    assert_eq!(found, [(Some(7250.0), Some(41.0)), (Some(21000.0), Some(1285.0))]);
    assert!(
        parsed
            .notes
            .contains(&"numbers were read with a decimal comma, the convention of this export".to_owned())
    );
}

#[test]
fn imperial_accounts_have_miles_yards_and_feet() {
    let pounds = CsvOptions {
        weight_unit: WeightUnit::Pounds,
        ..berlin()
    };
    let parsed = garmin_with(
        "Running,2026-02-09 18:02:11,false,\"Run\",\"6.21\",\"700\",\"00:50:00\",\"150\",\"170\",\"203\",\"--\",\"--\",\"--\",\"00:49:58\",\"00:50:12\"\n\
         Pool Swim,2026-02-20 12:15:30,false,\"Swim\",\"1,000\",\"300\",\"00:30:00\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n",
        &pounds,
    );
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.distance_m, a.elevation_gain_m))
        .collect();
    assert_eq!(
        found,
        [(Some(6.21 * 1609.344), Some(203.0 * 0.3048)), (Some(914.4), None)]
    );
}

#[test]
fn a_bad_row_is_named_by_record_line_column_and_value() {
    let good = "Running,2026-02-09 18:02:11,false,\"Run\",\"5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"";
    let rows = [
        good,
        "Running,2026-02-10 18:02:11,false,\"Run\",\"5.00\",\"400\",\"30 min\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
        "Running,2026-02-11 18:02:11,false,\"Run\",\"-5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
        "Strength Training,2026-02-12 18:00:00,false,\"Gym\",\"0.00\",\"300\",\"00:40:00\",\"--\",\"--\",\"--\",\"--\",\"100\",\"999999\",\"--\",\"--\"",
        "Running,12.02.2026 18:02,false,\"Run\",\"5.00\",\"400\",\"00:30:00\",\"150\",\"170\",\"--\",\"--\",\"--\",\"--\",\"00:29:00\",\"00:30:30\"",
    ];
    let parsed = garmin(&rows.join("\n"));
    assert_eq!(parsed.activities.len(), 1);
    let found: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| {
            let runlift_model::ParseErrorKind::InvalidValue { field, value, .. } = w.kind() else {
                panic!("{w}");
            };
            (w.position().unwrap(), field.clone(), value.clone())
        })
        .collect();
    let at = |record| Position::Record {
        record,
        line: record + 1,
    };
    assert_eq!(
        found,
        [
            (at(2), "Time".to_owned(), "30 min".to_owned()),
            (at(3), "Distance".to_owned(), "-5.00".to_owned()),
            (at(4), "Total Sets".to_owned(), "999999".to_owned()),
            (at(5), "Date".to_owned(), "12.02.2026 18:02".to_owned()),
        ]
    );
}

/// A German account's export, modelled on real ones: German header and activity types,
/// `Nein` for no, `--` for nothing, a decimal point and thousands commas as Garmin writes them
/// in German too.
#[test]
fn a_german_export_reads_as_the_english_one() {
    let csv = "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø Herzfrequenz,Maximale Herzfrequenz,Anstieg gesamt,Abstieg gesamt,Schritte,Dekompression,Zeit in Bewegung,Verstrichene Zeit\n\
               Laufen,2025-03-02 09:14:05,false,\"Berlin Laufen\",\"10.21\",\"702\",\"00:55:12\",\"148\",\"169\",\"64\",\"61\",\"9,842\",\"Nein\",\"00:54:40\",\"00:57:03\"\n\
               Radfahren,2025-03-05 17:30:00,false,\"Havel Radfahren\",\"42.02\",\"2,336\",\"01:51:46\",\"139\",\"181\",\"933\",\"885\",\"--\",\"Nein\",\"01:49:10\",\"02:05:41\"\n\
               Krafttraining,2025-03-07 18:00:00,true,\"Krafttraining\",\"0.00\",\"310\",\"00:48:30\",\"112\",\"150\",\"--\",\"--\",\"--\",\"Nein\",\"00:21:00\",\"00:48:30\"\n";
    let parsed = read_as(CsvDialect::GarminActivities, csv, &berlin());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.name.as_deref(),
                a.elapsed.as_secs(),
                a.moving.map(|m| m.as_secs()),
                a.distance_m,
                a.avg_heart_rate,
                a.elevation_gain_m,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Sport::Running(RunKind::Unspecified),
                Some("Berlin Laufen"),
                3423,
                Some(3280),
                Some(10210.0),
                Some(148.0),
                Some(64.0)
            ),
            (
                Sport::Cycling(Venue::Unspecified),
                Some("Havel Radfahren"),
                7541,
                Some(6550),
                Some(42020.0),
                Some(139.0),
                Some(933.0)
            ),
            // Strength: the timer's time is the training time.
            (
                Sport::StrengthTraining,
                Some("Krafttraining"),
                2910,
                Some(2910),
                None,
                Some(112.0),
                None
            ),
        ]
    );
    assert_eq!(
        parsed.activities[0].start,
        "2025-03-02T08:14:05Z".parse::<Timestamp>().unwrap()
    );
}

#[test]
fn a_german_export_with_decimal_commas() {
    let csv = "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Zeit,Ø HF\n\
               Laufen,2025-03-02 09:14:05,false,\"Berlin Laufen\",\"10,21\",\"00:55:12\",\"148\"\n\
               Laufen,2025-03-04 07:00:00,false,\"Berlin Laufen\",\"5,00\",\"00:27:30\",\"--\"\n";
    let parsed = read_as(CsvDialect::GarminActivities, csv, &berlin());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let distances: Vec<_> = parsed.activities.iter().map(|a| a.distance_m).collect();
    assert_eq!(distances, [Some(10210.0), Some(5000.0)]);
    assert!(parsed.notes.iter().any(|n| n.contains("decimal comma")));
}

/// A Brazilian account's export, modelled on a real one: Portuguese header and types,
/// `Não`, `--`.
#[test]
fn a_portuguese_export_reads_as_the_english_one() {
    let csv = "Tipo de atividade,Data,Favorito,Título,Distância,Calorias,Tempo total,FC Média,FC máxima,Subida total,Descida total,Passos,Descompressão,Tempo em movimento,Tempo transcorrido\n\
               Corrida,2026-07-10 17:55:15,false,\"São Paulo Corrida\",\"8.04\",\"596\",\"00:44:17\",\"149\",\"167\",\"137\",\"143\",\"8,312\",\"Não\",\"00:44:07\",\"00:49:23\"\n\
               Corrida em esteira,2026-07-07 20:08:02,false,\"Corrida em esteira\",\"5.02\",\"434\",\"00:33:54\",\"154\",\"169\",\"--\",\"--\",\"5,620\",\"Não\",\"00:31:51\",\"00:36:29\"\n\
               Treino de força,2026-07-08 07:02:40,false,\"Treino de força\",\"0.00\",\"288\",\"00:52:10\",\"118\",\"151\",\"--\",\"--\",\"--\",\"Não\",\"00:19:44\",\"00:52:10\"\n\
               Cardiovascular,2026-07-16 17:48:19,false,\"Cardio\",\"0.00\",\"509\",\"01:07:05\",\"136\",\"188\",\"--\",\"--\",\"--\",\"Não\",\"00:00:00\",\"01:07:36\"\n";
    let parsed = read_as(CsvDialect::GarminActivities, csv, &berlin());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let found: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| {
            (
                a.sport.clone(),
                a.elapsed.as_secs(),
                a.distance_m,
                a.avg_heart_rate,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // "8.04" km, converted as any kilometre figure is.
            (
                Sport::Running(RunKind::Unspecified),
                2963,
                Some(8.04 * 1000.0),
                Some(149.0)
            ),
            (
                Sport::Running(RunKind::Treadmill),
                2189,
                Some(5020.0),
                Some(154.0)
            ),
            (Sport::StrengthTraining, 3130, None, Some(118.0)),
            (Sport::CardioTraining, 4056, None, Some(136.0)),
        ]
    );
    assert_eq!(parsed.activities[0].name.as_deref(), Some("São Paulo Corrida"));
    let metres: f64 = parsed.activities.iter().filter_map(|a| a.distance_m).sum();
    assert_eq!(metres.round(), 13060.0);
}

#[test]
fn a_translated_header_without_a_date_names_the_column() {
    let error = error_of(
        CsvDialect::GarminActivities,
        "Tipo de atividade,Título\n".as_bytes(),
    );
    assert_eq!(
        error.kind(),
        &runlift_model::ParseErrorKind::Missing("the column \"Date\"".to_owned())
    );
}
