//! Large CSV exports of every dialect runlift reads, shaped like the real ones (the columns,
//! quoting, date forms and units of the fixtures in `fixtures/csv`), with workouts or
//! activities a day apart so that dates, names and sets vary as in a long history.

use std::fmt::Write as _;
use std::io::{self, Write};

use jiff::Span;
use jiff::civil::{Date, date};

/// The dialects generated, by the name the bench prints and the file name it writes.
pub const DIALECTS: [&str; 10] = [
    "Strong",
    "Hevy",
    "FitNotes",
    "JEFIT",
    "Fitbod",
    "Strava",
    "Garmin",
    "Runkeeper",
    "Zepp",
    "runlift",
];

const EXERCISES: [&str; 6] = [
    "Squat (Barbell)",
    "Bench Press (Barbell)",
    "Bent Over Row (Barbell)",
    "Overhead Press (Barbell)",
    "Deadlift (Barbell)",
    "Plank",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Day `i` of the generated history, from 1990 on.
fn day(i: usize) -> Date {
    date(1990, 1, 1).saturating_add(Span::new().days(i64::try_from(i).unwrap_or(0)))
}

fn month_name(d: Date) -> &'static str {
    MONTHS[usize::try_from(d.month() - 1).unwrap_or(0)]
}

/// Writes an export of `dialect` (one of [`DIALECTS`]) of about `bytes` bytes to `out`; the
/// number of bytes written.
pub fn write_csv(dialect: &str, out: &mut dyn Write, bytes: u64) -> io::Result<u64> {
    let mut text = String::with_capacity(1 << 20);
    let mut written = 0u64;
    if dialect == "JEFIT" {
        // The sessions table comes before the logs: each workout is about 900 bytes.
        let workouts = usize::try_from(bytes / 900).unwrap_or(1).max(1);
        jefit(&mut text, workouts);
        out.write_all(text.as_bytes())?;
        return Ok(text.len() as u64);
    }
    header(dialect, &mut text);
    // Runs from 1990 to 2100 at most (the import leaves anything later out): large files get
    // several workouts a day, at different times.
    let mut sample = String::new();
    unit(dialect, 0, &mut sample);
    let units = bytes / (sample.len() as u64).max(1) + 1;
    let per_day = usize::try_from(units.div_ceil(36_000)).unwrap_or(1);
    let mut i = 0usize;
    while written + (text.len() as u64) < bytes {
        unit_of_day(dialect, i, per_day, &mut text);
        i += 1;
        if text.len() > 1 << 20 {
            written += text.len() as u64;
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    written += text.len() as u64;
    out.write_all(text.as_bytes())?;
    Ok(written)
}

fn header(dialect: &str, text: &mut String) {
    text.push_str(match dialect {
        "Strong" => {
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        }
        "Hevy" => {
            "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n"
        }
        "FitNotes" => "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n",
        "Fitbod" => {
            "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier\n"
        }
        "Strava" => {
            "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion\n"
        }
        "Garmin" => {
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Steps,Total Reps,Total Sets,Decompression,Best Lap Time,Number of Laps,Moving Time,Elapsed Time,Min Elevation,Max Elevation\n"
        }
        "Runkeeper" => {
            "Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File\n"
        }
        "Zepp" => {
            "type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)\n"
        }
        "runlift" => {
            "date,sport,name,duration,moving_time,distance_km,elevation_gain_m,avg_heart_rate,rpe,exercise,set_type,reps,weight_kg,set_seconds\n"
        }
        other => panic!("no generator for {other}"),
    });
}

/// The rows of workout or activity `i` of `dialect`, one of `per_day` a day.
fn unit_of_day(dialect: &str, i: usize, per_day: usize, text: &mut String) {
    let start = text.len();
    unit(dialect, i, text);
    if per_day <= 1 {
        return;
    }
    // Moved to day i / per_day, at 06:00 plus ten minutes a slot (a time written as `HH:MM` in
    // the rows below is replaced).
    let rows = text.split_off(start);
    let (from, to) = (day(i), day(i / per_day));
    let slot = i % per_day;
    let clock = format!("{:02}:{:02}", 6 + slot / 6, (slot % 6) * 10);
    for line in rows.split_inclusive('\n') {
        let line = line.replacen(&from.to_string(), &to.to_string(), 1);
        let line = replace_month_day(&line, from, to);
        text.push_str(&replace_clock(&line, &clock));
    }
}

/// `line` with the English date of `from` (`Feb 9, 2026` or `9 Feb 2026`) written as `to`.
fn replace_month_day(line: &str, from: Date, to: Date) -> String {
    let forms = |d: Date| {
        [
            format!("{} {}, {}", month_name(d), d.day(), d.year()),
            format!("{} {} {}", d.day(), month_name(d), d.year()),
        ]
    };
    let mut line = line.to_owned();
    for (a, b) in forms(from).iter().zip(forms(to)) {
        line = line.replace(a.as_str(), &b);
    }
    line
}

/// `line` with the first time of day after its date (`HH:MM` following a space) set to `clock`.
fn replace_clock(line: &str, clock: &str) -> String {
    let bytes = line.as_bytes();
    let at = (1..bytes.len().saturating_sub(4)).find(|&k| {
        bytes[k - 1] == b' '
            && bytes[k].is_ascii_digit()
            && bytes[k + 1].is_ascii_digit()
            && bytes[k + 2] == b':'
            && bytes[k + 3].is_ascii_digit()
            && bytes[k + 4].is_ascii_digit()
    });
    match at {
        Some(k) => format!("{}{clock}{}", &line[..k], &line[k + 5..]),
        None => line.to_owned(),
    }
}

/// The rows of workout or activity `i` of `dialect`, on day `i`.
fn unit(dialect: &str, i: usize, text: &mut String) {
    let d = day(i);
    let exercise = |set: usize| EXERCISES[(i + set / 6) % EXERCISES.len()];
    let _ = match dialect {
        "Strong" => (0..24).try_for_each(|set| {
            let order = if set % 6 == 0 { "W".to_owned() } else { (set % 6).to_string() };
            writeln!(
                text,
                "{d} 18:{:02}:00,\"Workout {}\",1h 5m,\"{}\",{order},{}.5,{}.0,0,0.0,,,8",
                i % 60,
                i % 7,
                exercise(set),
                40 + set,
                5 + set % 3
            )
        }),
        "Hevy" => (0..24).try_for_each(|set| {
            let (dd, month, year) = (d.day(), month_name(d), d.year());
            let kind = if set % 6 == 0 { "warmup" } else { "normal" };
            writeln!(
                text,
                "\"Push {}\",\"{dd} {month} {year}, 07:48\",\"{dd} {month} {year}, 09:13\",\"\",\"{}\",,\"\",{},\"{kind}\",{},{},,0,8.5",
                i % 7,
                exercise(set),
                set % 6,
                30 + set * 5 / 2,
                8 + set % 4
            )
        }),
        "FitNotes" => (0..24).try_for_each(|set| {
            let category = ["Legs", "Chest", "Back", "Shoulders", "Back", "Abs"][(i + set / 6) % 6];
            writeln!(
                text,
                "{d},{},{category},{}.0,kgs,{},,,,\"\"",
                exercise(set),
                40 + set,
                5 + set % 3
            )
        }),
        "Fitbod" => (0..24).try_for_each(|set| {
            writeln!(
                text,
                "{d} 06:{:02}:00 +0000,{}, {},{}.0,0.0,0.0,0.0,0.0,{},, 1.0",
                i % 60,
                exercise(set).split(" (").next().unwrap_or_default(),
                5 + set % 3,
                40 + set,
                set % 6 == 0
            )
        }),
        "Strava" => {
            let (month, dd, year) = (month_name(d), d.day(), d.year());
            writeln!(
                text,
                "{},\"{month} {dd}, {year}, 10:32:10 AM\",Morning Run,Run,\"Easy, conversational pace\",2890,8.41,171,38,false,,Pegasus 40,,78.5,,2890.0,2810.0,8412.5,4.1,2.99377,42.0,41.6,34.2,52.8,6.1,0.0,,,92.0,83.5,171.0,148.0,,,610.0,,,38.0,,,,,,",
                10_000_000_000u64 + i as u64
            )
        }
        "Garmin" => {
            if i % 4 == 3 {
                writeln!(
                    text,
                    "Strength Training,{d} 18:00:00,false,\"Strength\",\"0.00\",\"310\",\"00:48:30\",\"112\",\"151\",\"1.8\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"0.00\",\"1,204\",\"146\",\"14\",\"No\",\"00:48:30\",\"1\",\"00:05:10\",\"00:49:02\",\"--\",\"--\""
                )
            } else {
                writeln!(
                    text,
                    "Running,{d} 07:31:05,false,\"Morning Running\",\"10.{:02}\",\"712\",\"00:52:40\",\"146\",\"171\",\"3.4\",\"168\",\"182\",\"5:15\",\"4:40\",\"58\",\"61\",\"1.13\",\"8,870\",\"--\",\"--\",\"No\",\"00:05:01.2\",\"11\",\"00:52:20\",\"00:53:55\",\"34\",\"61\"",
                    i % 100
                )
            }
        }
        "Runkeeper" => writeln!(
            text,
            "e4d3c2b1-a0f9-4e8d-b7c6-{:012x},{d} 08:05:33,Running,Park loop,{}.20,1:02:15,6:02,9.98,980.0,64,158,\"\",\"\",",
            i,
            5 + i % 10
        ),
        "Zepp" => writeln!(
            text,
            "{},{d} 06:31:05+0000,{},0.29,0.37,{},0.34,402",
            [1, 8, 9, 6][i % 4],
            1800 + i % 600,
            4000 + i % 3000
        ),
        "runlift" => {
            let _ = writeln!(
                text,
                "{d} 07:00,running,Easy run,45:10,44:30,8.1,35,142,4,,,,,"
            );
            (0..12).try_for_each(|set| {
                let duration = if set == 0 { "40:00" } else { "" };
                let kind = if set % 4 == 0 { "warmup" } else { "" };
                writeln!(
                    text,
                    "{d} 18:00,strength,Garage gym,{duration},,,,,,{},{kind},{},{},",
                    exercise(set * 2),
                    5 + set % 3,
                    40 + set * 5
                )
            })
        }
        other => panic!("no generator for {other}"),
    };
}

/// A JEFIT export of `workouts` sessions of six exercises each, logged set by set as JEFIT
/// does (each row repeating the exercise's sets so far).
fn jefit(text: &mut String, workouts: usize) {
    text.push_str(
        "### SETTING ##########################################\n\n\
         row_id,USERID,TIMESTAMP,mass,length,distance\n\
         1,73512,\"2026-02-01 10:00:00\",\" kg\",\" cm\",\" km\"\n\n\n\
         ######################################################\n\n\
         ### WORKOUT SESSIONS #################################\n\n\
         _id,USERID,TIMESTAMP,day_id,starttime,endtime,total_time,break_time,mydate\n",
    );
    // From 1990 to 2100 at most: several sessions a day in large files, four hours apart.
    let per_day = workouts.div_ceil(36_000);
    let day_of = |i: usize| day(i / per_day);
    let unix =
        |i: usize| 631_152_000 + 86_400 * (i / per_day) as i64 + 6 * 3600 + 4 * 3600 * (i % per_day) as i64;
    for i in 0..workouts {
        let d = day_of(i);
        let _ = writeln!(
            text,
            "{},73512,\"{d} 18:55:00\",3,{},{},3300,0,{d}",
            5000 + i,
            unix(i),
            unix(i) + 3300
        );
    }
    text.push_str(
        "\n\n######################################################\n\n\
         ### EXERCISE LOGS ####################################\n\n\
         USERID,TIMESTAMP,belongSys,logs,_id,record,mydate,eid,ename,day_item_id,belongsession,logTime,interval_logs,auto_generated\n",
    );
    let mut id = 9000;
    for i in 0..workouts {
        let d = day_of(i);
        for (e, name) in ["Barbell Squat", "Barbell Bench Press", "Pull Up"]
            .iter()
            .enumerate()
        {
            let load = 40 + 10 * e + i % 20;
            let mut logs = String::new();
            for set in 0..3 {
                if set > 0 {
                    logs.push(',');
                }
                let _ = write!(logs, "{load}x{}", 5 + set);
                id += 1;
                let _ = writeln!(
                    text,
                    "73512,\"{d} 18:{:02}:00\",1,\"{logs}\",{id},93.33,{d},{},\"{name}\",11,{},{},,",
                    10 + 10 * e + set,
                    127 + e,
                    5000 + i,
                    1 + set
                );
            }
        }
    }
    text.push_str("\n\n######################################################\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_is_written_to_about_its_size() {
        for dialect in DIALECTS {
            let mut out = Vec::new();
            let written = write_csv(dialect, &mut out, 100_000).unwrap();
            assert_eq!(written, out.len() as u64);
            assert!((100_000..120_000).contains(&written), "{dialect}: {written}");
        }
    }
}
