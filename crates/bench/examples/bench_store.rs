//! The store's speed figures (docs/performance.md):
//!
//! 1. first import of a generated export of 2,000 GPX runs, then re-imports of it unchanged
//!    (which must take under 5 % of the first), and after every file's modification time
//!    changed (content hashed, nothing parsed);
//! 2. reading a store of ten years of training (about 4,000 sessions and 100,000 sets) back,
//!    and `runlift report` on it end to end (under 300 ms).
//!
//! ```sh
//! cargo run --release -p runlift-bench --example bench_store [FILES] [--bin target/release/runlift]
//! ```

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use runlift_bench::store_common::{Scratch, write_daily_runs};
use runlift_bench::store_inputs::{TenYears, write_ten_years};
use runlift_import::pipeline::{self, Change, Update};
use runlift_import::{ImportOptions, Silent};
use runlift_store::Store;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `runlift import DIR` as library calls: the pipeline reads against the store's log, the
/// store writes what it made.
fn import(store: &Store, dir: &Path) -> (Duration, Update) {
    let started = Instant::now();
    let mut writer = store.writer().expect("the store can be locked");
    let update = pipeline::update(
        &[dir.to_path_buf()],
        &writer,
        &ImportOptions::default(),
        &Default::default(),
        false,
        &Silent,
    )
    .expect("the import succeeds");
    match &update.change {
        Change::Nothing => {}
        Change::Log(log) => {
            writer.write_log(log).expect("the log is written");
        }
        Change::Everything(imported) => {
            writer.write(imported).expect("the store is written");
        }
    }
    (started.elapsed(), update)
}

fn incremental(files: usize) {
    let scratch = Scratch::new("bench-import");
    let exports = scratch.join("exports");
    // A point every 5 s keeps the folder small (~70 KB a file); real exports, with a point a
    // second, make the first import slower and the ratio below only better.
    let paths = write_daily_runs(&exports, files, 5);
    let bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    let store = Store::at(scratch.join("store"));

    let (first, outcome) = import(&store, &exports);
    assert_eq!(outcome.sessions_after(), files);
    let mut again = Vec::new();
    for _ in 0..7 {
        let (time, outcome) = import(&store, &exports);
        assert_eq!((outcome.read.files.len(), outcome.unchanged), (0, files));
        again.push(time);
    }
    let again = median(again);

    let later = SystemTime::now() + Duration::from_secs(3600);
    for path in &paths {
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(later)
            .unwrap();
    }
    let (touched, outcome) = import(&store, &exports);
    assert_eq!((outcome.unchanged_by_hash, outcome.read.files.len()), (files, 0));

    println!(
        "import of {files} GPX files ({:.1} MB): first {}, unchanged again {} ({:.2} % of the first), \
         all touched (hashed, none parsed) {}",
        bytes as f64 / 1e6,
        ms(first),
        ms(again),
        100.0 * again.as_secs_f64() / first.as_secs_f64(),
        ms(touched),
    );
}

fn report(bin: Option<PathBuf>) {
    let scratch = Scratch::new("bench-report");
    let TenYears {
        runs,
        strength_sessions: sessions,
        sets,
    } = write_ten_years(&scratch.join("exports")).expect("write the ten years");
    let store = Store::at(scratch.join("store"));
    let (time, outcome) = import(&store, &scratch.join("exports"));
    assert_eq!(outcome.sessions_after(), runs + sessions);
    println!(
        "store of ten years: {} sessions ({runs} runs, {sessions} strength), {sets} sets; imported in {}",
        runs + sessions,
        ms(time)
    );

    // For profiling the report by hand: keep a copy of the store.
    if let Some(keep) = std::env::var_os("RUNLIFT_BENCH_KEEP_STORE") {
        let status = Command::new("cp")
            .arg("-r")
            .arg(store.path())
            .arg(&keep)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "copying the store to {}",
            Path::new(&keep).display()
        );
    }

    let mut reads = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let read = store.sessions().unwrap();
        reads.push(started.elapsed());
        assert_eq!(read.iter().map(|s| s.sets.len()).sum::<usize>(), sets);
    }
    println!("reading it back (Store::sessions): {}", ms(median(reads)));

    let Some(bin) = bin.filter(|b| b.is_file()) else {
        println!("runlift binary not found: build it (cargo build --release) or pass --bin PATH");
        return;
    };
    let mut runs_of_report = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let out = Command::new(&bin)
            .args(["report", "--format", "json", "--tz", "UTC", "--store"])
            .arg(store.path())
            .output()
            .unwrap();
        runs_of_report.push(started.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    println!(
        "`runlift report` on it, end to end: {}",
        ms(median(runs_of_report))
    );
}

fn main() {
    let mut files = 2000;
    let mut bin = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("release/runlift");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--bin" {
            bin = PathBuf::from(args.next().expect("--bin PATH"));
        } else {
            files = arg.parse().expect("the number of files");
        }
    }
    incremental(files);
    report(Some(bin));
}
