//! Reading speed of every CSV dialect, next to the csv crate merely splitting the same bytes
//! into records (the floor any reader on it stands on), in memory, on one thread.
//!
//! Inputs: the CSV files of `../shared/corpus/csv` (skipped with a note when absent) and
//! exports generated here, large enough to time: a Strong export, a Hevy export and a Garmin
//! Connect list of about 20 MB each.
//!
//! `cargo bench -p runlift-csv` (or `cargo run --release -p runlift-csv --bench dialects`).
//! Each figure is the median of repeated runs; MB is 10^6 bytes. The CPU figure is the
//! process's CPU time over the same runs, steadier than wall time on a busy machine.
//!
//! `RUNLIFT_CSV_PEAK=<file>` instead reads the one file once and prints the peak RSS of the
//! process (VmHWM: the file in memory and what was read from it), for memory before and after
//! a change without the rest of the benchmark suite.
//!
//! `RUNLIFT_CSV_PEAK_FROM=<file>` does the same reading the file as a stream with `parse_from`
//! (as the import does for the dialects that stream), so that the file is not held whole.
//!
//! `RUNLIFT_CSV_BENCH_DIR=<folder>` adds every `.csv` file of the folder, such as the exports
//! of every dialect that `runlift-bench` generates (`$TMPDIR/runlift-bench/csv-*.csv`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use runlift_csv::{CsvDialect, CsvOptions, detect, parse, parse_from};
use runlift_model::SourceRef;

/// Runs `f` repeatedly for about `budget` (at least `min_runs` times); the median duration,
/// and the mean CPU time of a run.
fn median_time(budget: Duration, min_runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times = Vec::new();
    let started = Instant::now();
    let cpu = cpu_time();
    while times.len() < min_runs || started.elapsed() < budget {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    let cpu = cpu_time().saturating_sub(cpu) / u32::try_from(times.len()).unwrap_or(u32::MAX);
    times.sort();
    (times[times.len() / 2], cpu)
}

/// User and system CPU time of this process so far, from /proc/self/stat (clock ticks of
/// 1/100 s); zero where there is no /proc.
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    let Some(after_name) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return Duration::ZERO;
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

/// The csv crate splitting `bytes` into records and nothing else; the number of records.
fn split_only(bytes: &[u8]) -> usize {
    let delimiter = if bytes
        .iter()
        .take_while(|&&b| b != b'\n')
        .filter(|&&b| b == b';')
        .count()
        > 1
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut count = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        count += 1;
    }
    count
}

/// A Strong export of `workouts` workouts of 24 sets each, a day apart.
fn strong_export(workouts: usize) -> Vec<u8> {
    let mut text = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    );
    let exercises = [
        "Squat (Barbell)",
        "Bench Press (Barbell)",
        "Bent Over Row (Barbell)",
        "Plank",
    ];
    for w in 0..workouts {
        let day = jiff::civil::date(2015, 1, 1) + jiff::Span::new().days(w as i64);
        for (e, exercise) in exercises.iter().enumerate() {
            for set in 0..6 {
                let order = if set == 0 { "W".to_owned() } else { set.to_string() };
                let _ = writeln!(
                    text,
                    "{day} 18:{:02}:00,\"Workout {}\",1h 5m,\"{exercise}\",{order},{}.5,{}.0,0,0.0,,,8",
                    w % 60,
                    w % 7,
                    40 + e * 10 + set,
                    5 + set % 3
                );
            }
        }
    }
    text.into_bytes()
}

/// A Hevy export of `workouts` workouts of 24 sets each.
fn hevy_export(workouts: usize) -> Vec<u8> {
    let mut text = String::from(
        "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n",
    );
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let exercises = [
        "Squat (Barbell)",
        "Lat Pulldown (Cable)",
        "Seated Leg Curl (Machine)",
        "Cable Crunch",
    ];
    for w in 0..workouts {
        let (year, month, day) = (2010 + w / 336, months[(w / 28) % 12], 1 + w % 28);
        for exercise in exercises {
            for set in 0..6 {
                let kind = if set == 0 { "warmup" } else { "normal" };
                let _ = writeln!(
                    text,
                    "\"Push {w}\",\"{day} {month} {year}, 07:48\",\"{day} {month} {year}, 09:13\",\"\",\"{exercise}\",,\"\",{set},\"{kind}\",{},{},,0,8.5",
                    30 + set * 5,
                    8 + set % 4
                );
            }
        }
    }
    text.into_bytes()
}

/// A Garmin Connect activities list of `rows` activities.
fn garmin_export(rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Steps,Total Reps,Total Sets,Decompression,Best Lap Time,Number of Laps,Moving Time,Elapsed Time,Min Elevation,Max Elevation\n",
    );
    for r in 0..rows {
        let day = jiff::civil::date(2000, 1, 1) + jiff::Span::new().hours(r as i64 * 13);
        if r % 4 == 3 {
            let _ = writeln!(
                text,
                "Strength Training,{day} 18:00:00,false,\"Strength\",\"0.00\",\"310\",\"00:48:30\",\"112\",\"151\",\"1.8\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"0.00\",\"1,204\",\"146\",\"14\",\"No\",\"00:48:30\",\"1\",\"00:05:10\",\"00:49:02\",\"--\",\"--\""
            );
        } else {
            let _ = writeln!(
                text,
                "Running,{day} 07:31:05,false,\"Morning Running\",\"10.{:02}\",\"712\",\"00:52:40\",\"146\",\"171\",\"3.4\",\"168\",\"182\",\"5:15\",\"4:40\",\"58\",\"61\",\"1.13\",\"8,870\",\"--\",\"--\",\"No\",\"00:05:01.2\",\"11\",\"00:52:20\",\"00:53:55\",\"34\",\"61\"",
                r % 100
            );
        }
    }
    text.into_bytes()
}

/// VmHWM of this process, in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if let Some(path) = std::env::var_os("RUNLIFT_CSV_PEAK_FROM") {
        use std::io::Read;
        let mut head = Vec::new();
        let file = std::fs::File::open(&path).unwrap();
        file.take(16 * 1024).read_to_end(&mut head).unwrap();
        let dialect = detect(&head).expect("a CSV dialect runlift reads");
        let source = SourceRef::file("peak.csv", dialect.source_format());
        let size = std::fs::metadata(&path).unwrap().len();
        let input = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        let parsed = parse_from(input, dialect, &source, &CsvOptions::default()).expect("it reads");
        let peak = peak_rss_kb().unwrap_or(0);
        println!(
            "{} {} bytes as a stream, {} activities: peak RSS {:.1} MB, {:.2}x the file",
            PathBuf::from(&path).display(),
            size,
            parsed.activities.len(),
            peak as f64 / 1024.0,
            peak as f64 * 1024.0 / size as f64
        );
        return;
    }
    if let Some(path) = std::env::var_os("RUNLIFT_CSV_PEAK") {
        let bytes = std::fs::read(&path).unwrap();
        let dialect = detect(&bytes).expect("a CSV dialect runlift reads");
        let source = SourceRef::file("peak.csv", dialect.source_format());
        let parsed = parse(&bytes, dialect, &source, &CsvOptions::default()).expect("it reads");
        let peak = peak_rss_kb().unwrap_or(0);
        println!(
            "{} {} bytes, {} activities: peak RSS {:.1} MB, {:.2}x the file",
            PathBuf::from(&path).display(),
            bytes.len(),
            parsed.activities.len(),
            peak as f64 / 1024.0,
            peak as f64 * 1024.0 / bytes.len() as f64
        );
        return;
    }
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/csv");
    match std::fs::read_dir(&corpus) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            for path in files {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                inputs.push((name, std::fs::read(&path).unwrap()));
            }
        }
        Err(_) => println!("shared corpus not found at {}; skipping it", corpus.display()),
    }
    if let Some(dir) = std::env::var_os("RUNLIFT_CSV_BENCH_DIR") {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "csv"));
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            inputs.push((name, std::fs::read(&path).unwrap()));
        }
    }
    for (app, bytes) in [
        ("Strong", strong_export(10_700)),
        ("Hevy", hevy_export(8_000)),
        ("Garmin", garmin_export(95_000)),
    ] {
        inputs.push((
            format!("generated {app} ({:.0} MB)", bytes.len() as f64 / 1e6),
            bytes,
        ));
    }

    println!(
        "{:<28} {:>10} {:>9} {:>10} {:>12} {:>12} {:>12} {:>8}",
        "input", "bytes", "records", "runlift", "runlift MB/s", "CPU MB/s", "split MB/s", "ratio"
    );
    let options = CsvOptions::default();
    for (name, bytes) in &inputs {
        let Some(dialect) = detect(bytes) else {
            println!("{name:<28} not a CSV dialect runlift reads");
            continue;
        };
        let source = SourceRef::file(name, dialect.source_format());
        let budget = Duration::from_secs(2);
        let (ours, ours_cpu) = median_time(budget, 5, || {
            black_box(parse(black_box(bytes), dialect, &source, &options).ok());
        });
        let (floor, _) = median_time(budget, 5, || {
            black_box(split_only(black_box(bytes)));
        });
        println!(
            "{:<28} {:>10} {:>9} {:>10} {:>12.1} {:>12.1} {:>12.1} {:>7.2}x",
            name,
            bytes.len(),
            split_only(bytes),
            dialect_short(dialect),
            mb_per_s(bytes.len(), ours),
            mb_per_s(bytes.len(), ours_cpu),
            mb_per_s(bytes.len(), floor),
            ours.as_secs_f64() / floor.as_secs_f64()
        );
    }
}

fn dialect_short(dialect: CsvDialect) -> &'static str {
    match dialect {
        CsvDialect::Strong => "strong",
        CsvDialect::Hevy => "hevy",
        CsvDialect::FitNotes => "fitnotes",
        CsvDialect::Jefit => "jefit",
        CsvDialect::StravaActivities => "strava",
        CsvDialect::GarminActivities => "garmin",
        CsvDialect::Runlift => "runlift",
        CsvDialect::Fitbod => "fitbod",
        CsvDialect::Runkeeper => "runkeeper",
        CsvDialect::Zepp => "zepp",
        _ => "other",
    }
}
