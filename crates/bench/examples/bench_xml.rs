//! Throughput and peak memory of the XML readers on large generated inputs.
//!
//! ```sh
//! cargo run --release -p runlift-bench --example bench_xml            # 1024 MB Apple Health export
//! cargo run --release -p runlift-bench --example bench_xml -- 256     # a smaller one
//! ```
//!
//! Writes, in `$TMPDIR/runlift-bench` (reused when already there and of the right size):
//!
//! - `export-<size>MB.xml`: an Apple Health export of the given size (DOCTYPE, millions of `<Record>`s
//!   of the kinds a phone and a watch write, one `<Workout>` per 3000 records), read as a
//!   stream from the file with [`parse_apple_health`];
//! - `large.gpx` (about 200 MB, one track with heart rate and cadence) and `large.tcx` (about
//!   200 MB, laps of 1000 trackpoints), each read as a stream from the file with
//!   [`parse_gpx_from`] / [`parse_tcx_from`] (as the importer reads them), then read into
//!   memory and timed in [`parse_gpx`] / [`parse_tcx`] alone (whose peak memory includes the
//!   file's bytes).
//!
//! Prints, for each reader, the best of three runs in MB/s of wall-clock time and of CPU time
//! (the latter is steadier on a busy machine), and the peak resident memory (VmHWM from
//! /proc/self/status, reset before each reader through /proc/self/clear_refs); checks the
//! counts read against the counts written (the inputs are written by `runlift_bench::xml_inputs`,
//! which the benchmark suite `runlift-bench` shares). The files are in the page cache (just written or
//! read).

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use runlift_bench::xml_inputs::{write_apple_health, write_gpx, write_tcx};
use runlift_model::{SourceFormat, SourceRef};
use runlift_xml::{parse_apple_health, parse_gpx, parse_gpx_from, parse_tcx, parse_tcx_from};

const MB: u64 = 1 << 20;
/// Each reader runs this many times; the best time is reported.
const REPEAT: usize = 3;

fn main() {
    let megabytes: u64 = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("the size in MB"))
        .unwrap_or(1024);
    // A second argument runs only the readers it names: apple, gpx, tcx.
    let only = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "apple,gpx,tcx".to_owned());
    let dir = std::env::temp_dir().join("runlift-bench");
    std::fs::create_dir_all(&dir).unwrap();

    if only.contains("apple") {
        bench_apple_health(&dir, megabytes);
    }
    if only.contains("gpx") {
        bench_gpx(&dir);
    }
    if only.contains("tcx") {
        bench_tcx(&dir);
    }
}

/// Runs `read` [`REPEAT`] times and returns the shortest wall-clock and CPU times and the
/// last result: the best run is the one least disturbed by whatever else the machine does.
fn measure<T>(mut read: impl FnMut() -> T) -> (f64, f64, T) {
    let (mut best_wall, mut best_cpu, mut last) = (f64::MAX, f64::MAX, None);
    for _ in 0..REPEAT {
        drop(last.take());
        let (started, cpu) = (Instant::now(), cpu_time());
        let result = read();
        best_wall = best_wall.min(started.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_time() - cpu);
        last = Some(result);
    }
    (best_wall, best_cpu, last.expect("REPEAT is at least 1"))
}

fn bench_apple_health(dir: &Path, megabytes: u64) {
    let export = dir.join(format!("export-{megabytes}MB.xml"));
    let workouts = write_if_needed(&export, megabytes * MB, write_apple_health);
    let source = SourceRef::file(&export, SourceFormat::AppleHealth);
    let size = std::fs::metadata(&export).unwrap().len();
    reset_peak_memory();
    let (seconds, cpu, parsed) = measure(|| {
        let file = BufReader::with_capacity(64 * 1024, File::open(&export).unwrap());
        parse_apple_health(file, &source).expect("the generated export reads")
    });
    assert_eq!(parsed.activities.len() as u64, workouts, "workouts read");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings.first());
    report(
        "Apple Health export.xml (streamed from file)",
        size,
        seconds,
        cpu,
        parsed.activities.len(),
    );
}

fn bench_gpx(dir: &Path) {
    let gpx = dir.join("large.gpx");
    let points = write_if_needed(&gpx, 200 * MB, write_gpx);
    let source = SourceRef::file(&gpx, SourceFormat::Gpx);
    reset_peak_memory();
    let (seconds, cpu, parsed) =
        measure(|| parse_gpx_from(File::open(&gpx).unwrap(), &source).expect("the generated GPX reads"));
    assert_eq!(parsed.activities.len(), 1);
    report(
        &format!("GPX, {points} points (streamed from file, parse_gpx_from)"),
        std::fs::metadata(&gpx).unwrap().len(),
        seconds,
        cpu,
        1,
    );
    let bytes = std::fs::read(&gpx).unwrap();
    reset_peak_memory();
    let (seconds, cpu, parsed) = measure(|| parse_gpx(&bytes, &source).expect("the generated GPX reads"));
    assert_eq!(parsed.activities.len(), 1);
    report(
        &format!("GPX, {points} points (in memory, parse_gpx)"),
        bytes.len() as u64,
        seconds,
        cpu,
        1,
    );
}

fn bench_tcx(dir: &Path) {
    let tcx = dir.join("large.tcx");
    let points = write_if_needed(&tcx, 200 * MB, write_tcx);
    let source = SourceRef::file(&tcx, SourceFormat::Tcx);
    reset_peak_memory();
    let (seconds, cpu, parsed) =
        measure(|| parse_tcx_from(File::open(&tcx).unwrap(), &source).expect("the generated TCX reads"));
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].moving.map(|m| m.as_secs()), Some(points));
    report(
        &format!("TCX, {points} trackpoints (streamed from file, parse_tcx_from)"),
        std::fs::metadata(&tcx).unwrap().len(),
        seconds,
        cpu,
        1,
    );
    let bytes = std::fs::read(&tcx).unwrap();
    reset_peak_memory();
    let (seconds, cpu, parsed) = measure(|| parse_tcx(&bytes, &source).expect("the generated TCX reads"));
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].moving.map(|m| m.as_secs()), Some(points));
    report(
        &format!("TCX, {points} trackpoints (in memory, parse_tcx)"),
        bytes.len() as u64,
        seconds,
        cpu,
        1,
    );
}

fn report(what: &str, bytes: u64, seconds: f64, cpu_seconds: f64, activities: usize) {
    println!(
        "{what}: {:.0} MB in {seconds:.2} s = {:.0} MB/s wall, {:.0} MB/s of CPU time; {activities} activities; peak RSS {}",
        bytes as f64 / MB as f64,
        bytes as f64 / MB as f64 / seconds,
        bytes as f64 / MB as f64 / cpu_seconds,
        peak_memory().map_or("unknown".to_owned(), |kb| format!("{:.1} MB", kb as f64 / 1024.0)),
    );
}

/// Writes `path` with `write` unless it is already there from an earlier run; returns the
/// count `write` reports (workouts, points), kept beside it.
fn write_if_needed(path: &Path, target: u64, write: fn(&mut dyn Write, u64) -> u64) -> u64 {
    let count_path = PathBuf::from(format!("{}.count", path.display()));
    if let (Ok(count), Ok(_)) = (std::fs::read_to_string(&count_path), std::fs::metadata(path))
        && let Ok(count) = count.trim().parse()
    {
        return count;
    }
    println!("writing {} ({} MB)...", path.display(), target / MB);
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).unwrap());
    let count = write(&mut out, target);
    out.flush().unwrap();
    std::fs::write(&count_path, count.to_string()).unwrap();
    count
}

/// Resets VmHWM to the current resident size, so that each reader's peak is its own.
fn reset_peak_memory() {
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        println!("(cannot reset the peak RSS; figures include earlier phases)");
    }
}

/// The CPU time this thread has run, in seconds: on a busy machine it says more about the
/// reader than the wall-clock time does.
fn cpu_time() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos: u64 = stat
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    nanos as f64 / 1e9
}

/// VmHWM in kB.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
