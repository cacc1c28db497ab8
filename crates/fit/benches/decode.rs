//! Decoding speed of runlift-fit's import decoder next to fitparser's `from_bytes`, on the
//! benchmark files of `../shared/bench` (a 1 h run and a 12 h ultra) and on every FIT file of
//! `../shared/corpus/fit`, all in memory, on one thread.
//!
//! `cargo bench -p runlift-fit`. Each input is decoded repeatedly for a few seconds; the
//! best and the median run are shown (on a shared machine other work only ever adds time,
//! so the best run is the decoder's own speed). MB is 10^6 bytes.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use runlift_model::{SourceFormat, SourceRef};

/// Runs `f` repeatedly for about `budget` (at least `min_runs` times); the best and the
/// median duration.
fn times(budget: Duration, min_runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < min_runs || started.elapsed() < budget {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn main() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let bench = shared.join("bench");
    if !bench.is_dir() {
        println!("shared bench files not found at {}; skipping", bench.display());
        return;
    }
    let source = SourceRef::file("bench.fit", SourceFormat::Fit);
    println!(
        "{:<24} {:>9} {:>12} {:>10} {:>12} {:>12} {:>9}",
        "input", "bytes", "runlift-fit", "best MB/s", "median MB/s", "fitparser", "speed-up"
    );
    let mut inputs: Vec<(String, Vec<Vec<u8>>)> = ["sample.fit", "large.fit"]
        .iter()
        .map(|name| (name.to_string(), vec![read(&bench.join(name))]))
        .collect();
    let corpus = shared.join("corpus/fit");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        let name = format!("corpus/fit ({} files)", files.len());
        inputs.push((name, files.iter().map(|p| read(p)).collect()));
    }
    for (name, files) in &inputs {
        let bytes: usize = files.iter().map(Vec::len).sum();
        let (ours, ours_median) = times(Duration::from_secs(2), 20, || {
            for file in files {
                black_box(runlift_fit::parse_fit(black_box(file), &source).ok());
            }
        });
        let (theirs, _) = times(Duration::from_secs(3), 3, || {
            for file in files {
                black_box(fitparser::from_bytes(black_box(file)).ok());
            }
        });
        println!(
            "{:<24} {:>9} {:>9.3} ms {:>10.0} {:>12.0} {:>7.1} MB/s {:>8.0}x",
            name,
            bytes,
            ours.as_secs_f64() * 1e3,
            mb_per_s(bytes, ours),
            mb_per_s(bytes, ours_median),
            mb_per_s(bytes, theirs),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
