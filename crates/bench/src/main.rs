//! runlift's benchmark suite: one command generates every input and times runlift and, in the
//! same run, the tools users would otherwise use, so that the ratios come from one machine and
//! one moment.
//!
//! ```sh
//! cargo run --release -p runlift-bench            # full inputs (about 2.8 GB on disk)
//! cargo run --release -p runlift-bench -- --quick # a tenth of the sizes
//! cargo run --release -p runlift-bench -- --csv   # the CSV dialects only
//! ```
//!
//! Inputs go to `$TMPDIR/runlift-bench` and are reused by later runs. Each measurement runs in
//! a child process of this binary, so that its peak RSS (VmHWM) is its own; the files are in
//! the page cache (read once before the first measurement); runlift's measurements are the
//! fastest of three runs. The whole command line is timed too: the `runlift` binary (built
//! beside this one) on one thread and on every core, and `runlift report` on a store of ten
//! years of training.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use runlift_bench::{StravaActivity, csv_inputs, shift_fit, store_inputs, write_strava_zip, xml_inputs};
use runlift_model::{SourceFormat, SourceRef};

const MB: f64 = (1u64 << 20) as f64;
const DAY: i64 = 86_400;
/// runlift's measurements run this many times and the fastest counts: the one least disturbed
/// by whatever else the machine does. The other tools are slow enough to run once.
const REPEAT: usize = 3;
/// The whole command line takes a tenth of a second or so on a batch, where one late wake-up
/// of a thread, or a neighbour on the host, shows: its runs on one and on every core take
/// turns, at least 5 rounds and up to 25 within a few seconds, and the fastest counts (the
/// median is printed beside it).
const CLI_MIN_ROUNDS: usize = 5;
const CLI_MAX_ROUNDS: usize = 25;
const CLI_BUDGET_SECONDS: f64 = 6.0;

/// How large the generated inputs are.
struct Sizes {
    fit_files: usize,
    gpx_mb: u64,
    apple_mb: u64,
    strava_files: usize,
    /// fitparser and fitdecode read a few MB/s: they get a few files, not the folder.
    slow_fit_files: usize,
    /// gpxpy reads a few MB/s: it gets a smaller GPX.
    slow_gpx_mb: u64,
    /// Each CSV dialect's generated export.
    csv_mb: u64,
    /// Copies of `large.fit` (a 12-hour ultra, 2.77 MB) in one folder: the batch the whole
    /// command line's scaling is measured on.
    large_fit_copies: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(&args[2..]);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    // Only the CSV dialects: their inputs are written and timed, nothing else.
    let csv_only = args.iter().any(|a| a == "--csv");
    let sizes = if quick {
        Sizes {
            fit_files: 200,
            gpx_mb: 20,
            apple_mb: 64,
            strava_files: 200,
            slow_fit_files: 2,
            slow_gpx_mb: 2,
            csv_mb: 5,
            large_fit_copies: 10,
        }
    } else {
        Sizes {
            fit_files: 2000,
            gpx_mb: 200,
            apple_mb: 1024,
            strava_files: 2000,
            slow_fit_files: 10,
            slow_gpx_mb: 10,
            csv_mb: 50,
            large_fit_copies: 100,
        }
    };
    let dir = std::env::temp_dir().join("runlift-bench");
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    if csv_only {
        let csv_files = write_csv_files(&dir, sizes.csv_mb);
        print_header(&dir, quick);
        csv_dialects(&csv_files, sizes.csv_mb);
        return;
    }
    let sample_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/sample.fit");
    let sample = std::fs::read(&sample_path)
        .unwrap_or_else(|e| panic!("the bench needs {}: {e}", sample_path.display()));

    let fit_folder = dir.join(format!("fit-folder-{}", sizes.fit_files));
    write_fit_folder(&fit_folder, &sample, sizes.fit_files);
    let gpx = dir.join(format!("gpx-{}MB.gpx", sizes.gpx_mb));
    write_xml_if_needed(&gpx, sizes.gpx_mb, xml_inputs::write_gpx);
    let small_gpx = dir.join(format!("gpx-{}MB.gpx", sizes.slow_gpx_mb));
    write_xml_if_needed(&small_gpx, sizes.slow_gpx_mb, xml_inputs::write_gpx);
    let apple = dir.join(format!("export-{}MB.xml", sizes.apple_mb));
    write_xml_if_needed(&apple, sizes.apple_mb, xml_inputs::write_apple_health);
    let strava = dir.join(format!("strava-export-{}.zip", sizes.strava_files));
    write_strava_if_needed(&strava, &sample, sizes.strava_files);
    let csv_files = write_csv_files(&dir, sizes.csv_mb);
    let large_path = sample_path.with_file_name("large.fit");
    let large_fit_folder = dir.join(format!("large-fit-{}", sizes.large_fit_copies));
    write_copies(&large_path, &large_fit_folder, sizes.large_fit_copies);
    let runlift_bin = build_runlift();
    let ten_year_store = runlift_bin.as_deref().map(|bin| write_ten_year_store(bin, &dir));

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    print_header(&dir, quick);

    let mut rows = Vec::new();
    for (label, path) in [
        (format!("FIT folder, {} files", sizes.fit_files), &fit_folder),
        (format!("GPX, {} MB, one track", sizes.gpx_mb), &gpx),
        (format!("Apple Health export.xml, {} MB", sizes.apple_mb), &apple),
        (
            format!("Strava zip, {} .fit.gz + csv", sizes.strava_files),
            &strava,
        ),
    ] {
        warm_page_cache(path);
        let mut per_threads = Vec::new();
        for threads in dedup_threads(cores) {
            let row = best_of(REPEAT, &["import", &threads.to_string(), &path.to_string_lossy()]);
            print_row(&label, "runlift import_paths", threads, &row);
            per_threads.push(row);
        }
        if let [one, .., all] = per_threads.as_slice() {
            println!(
                "{:<44} {cores} threads / 1 thread: {:.2}x",
                "",
                one.seconds / all.seconds
            );
        }
        rows.push((label, per_threads[0].clone()));
    }
    for threads in dedup_threads(cores) {
        let report = best_of(
            REPEAT,
            &["report", &threads.to_string(), &fit_folder.to_string_lossy()],
        );
        let label = format!("FIT folder, {} files", sizes.fit_files);
        print_row(&label, "import + analyse + JSON report", threads, &report);
    }

    match (&runlift_bin, &ten_year_store) {
        (Some(bin), Some(store)) => {
            let inputs = [
                (
                    format!("FIT folder, {} copies of large.fit", sizes.large_fit_copies),
                    &large_fit_folder,
                    true,
                ),
                (
                    format!("FIT folder, {} files", sizes.fit_files),
                    &fit_folder,
                    true,
                ),
                (
                    format!("Strava zip, {} .fit.gz + csv", sizes.strava_files),
                    &strava,
                    true,
                ),
                (format!("GPX, {} MB, one track", sizes.gpx_mb), &gpx, false),
            ];
            whole_command_line(bin, &inputs, store, cores);
        }
        _ => println!("\nThe whole command line: skipped, the runlift binary could not be built"),
    }

    csv_dialects(&csv_files, sizes.csv_mb);

    println!("\nThe same work by other tools (one thread each):");
    let slow = sizes.slow_fit_files.to_string();
    let all_fit = sizes.fit_files.to_string();
    let folder = fit_folder.to_string_lossy();
    let decoder = best_of(REPEAT, &["runlift-fit", &folder, &all_fit]);
    print_row("FIT folder, in memory", "runlift_fit::parse_fit", 1, &decoder);
    let fitparser = run_child(&["fitparser", &folder, &slow]);
    print_row(
        &format!("FIT, {slow} files, in memory"),
        "fitparser from_bytes",
        1,
        &fitparser,
    );
    println!(
        "{:<44} runlift-fit / fitparser: {:.0}x",
        "",
        decoder.mb_per_s() / fitparser.mb_per_s()
    );
    match python_fitdecode(&fit_folder, sizes.slow_fit_files) {
        Ok(fitdecode) => {
            print_row(&format!("FIT, {slow} files"), "Python fitdecode", 1, &fitdecode);
            println!(
                "{:<44} runlift-fit / fitdecode: {:.0}x",
                "",
                decoder.mb_per_s() / fitdecode.mb_per_s()
            );
        }
        Err(note) => println!("{:<44} Python fitdecode skipped: {note}", ""),
    }
    match python_gpxpy(&small_gpx) {
        Ok(gpxpy) => {
            let runlift_gpx = best_of(REPEAT, &["import", "1", &small_gpx.to_string_lossy()]);
            print_row(
                &format!("GPX, {} MB", sizes.slow_gpx_mb),
                "runlift import_paths",
                1,
                &runlift_gpx,
            );
            print_row(
                &format!("GPX, {} MB", sizes.slow_gpx_mb),
                "Python gpxpy.parse",
                1,
                &gpxpy,
            );
            println!(
                "{:<44} runlift / gpxpy: {:.0}x on this file, {:.0}x taking runlift's {} MB figure",
                "",
                runlift_gpx.mb_per_s() / gpxpy.mb_per_s(),
                rows[1].1.mb_per_s() / gpxpy.mb_per_s(),
                sizes.gpx_mb
            );
        }
        Err(note) => println!("{:<44} Python gpxpy skipped: {note}", ""),
    }
}

/// Times the import of each generated CSV export on one thread, beside the csv crate merely
/// splitting the same file into records.
fn csv_dialects(csv_files: &[(&str, PathBuf)], megabytes: u64) {
    println!("\nCSV dialects, one thread (peak RSS: the whole import, file read included):");
    for (dialect, path) in csv_files {
        warm_page_cache(path);
        let label = format!("{dialect} CSV, {megabytes} MB");
        let path = path.to_string_lossy();
        let import = best_of(REPEAT, &["import", "1", &path]);
        print_row(&label, "runlift import_paths", 1, &import);
        let split = best_of(REPEAT, &["csv-split", &path]);
        print_row(&label, "csv crate: split only, in memory", 1, &split);
        println!(
            "{:<44} runlift / splitting: {:.2}x the time; peak RSS {:.2}x the file",
            "",
            import.seconds / split.seconds,
            import.peak_rss_kb as f64 * 1024.0 / import.bytes as f64
        );
    }
}

/// `runlift report --format json PATH` as users run it, a process of its own per run, on one
/// thread and on every core (`RAYON_NUM_THREADS` and `POLARS_MAX_THREADS`); then `runlift
/// report` on a ten-year store. Files and store are in the page cache.
fn whole_command_line(bin: &Path, inputs: &[(String, &PathBuf, bool)], store: &Path, cores: usize) {
    println!("\nThe whole command line, `runlift report --format json PATH` (process start to exit):");
    for (label, path, batch) in inputs {
        warm_page_cache(path);
        let threads = if *batch { dedup_threads(cores) } else { vec![1] };
        let path = path.to_string_lossy();
        let bin = bin.to_string_lossy();
        // The thread counts take turns, so that both see the machine as it is at that moment.
        let mut runs: Vec<Vec<Measured>> = vec![Vec::new(); threads.len()];
        let started = Instant::now();
        while runs[0].len() < CLI_MIN_ROUNDS
            || (runs[0].len() < CLI_MAX_ROUNDS && started.elapsed().as_secs_f64() < CLI_BUDGET_SECONDS)
        {
            for (&n, runs) in threads.iter().zip(&mut runs) {
                let n = n.to_string();
                runs.push(run_child(&[
                    "cli", &bin, &n, &path, "report", "--format", "json", &path,
                ]));
            }
        }
        let rounds = runs[0].len();
        let medians: Vec<f64> = runs.iter().map(|r| median_seconds(r)).collect();
        let fastest: Vec<Measured> = runs.into_iter().map(best_of_runs).collect();
        for (&n, row) in threads.iter().zip(&fastest) {
            print_row(label, "runlift report (CLI)", n, row);
        }
        if let ([one, .., all], [median_one, .., median_all]) = (fastest.as_slice(), medians.as_slice()) {
            let ratio = one.seconds / all.seconds;
            println!(
                "{:<44} {cores} threads / 1 thread: {ratio:.2}x fastest of {rounds} (serial fraction, \
                 Amdahl: {:.1} %); {:.2}x of the medians",
                "",
                100.0 * serial_fraction(ratio, cores),
                median_one / median_all
            );
        }
    }
    let store_text = store.to_string_lossy();
    for n in dedup_threads(cores) {
        let args = [
            "cli",
            &bin.to_string_lossy(),
            &n.to_string(),
            "-",
            "report",
            "--format",
            "json",
            "--tz",
            "UTC",
            "--store",
            &store_text,
        ];
        let runs: Vec<Measured> = (0..7).map(|_| run_child(&args)).collect();
        let mut seconds: Vec<f64> = runs.iter().map(|m| m.seconds).collect();
        seconds.sort_by(f64::total_cmp);
        let fastest = best_of_runs(runs);
        print_row(
            "store of ten years (3,897 sessions)",
            "runlift report --store (CLI)",
            n,
            &fastest,
        );
        println!(
            "{:<44} median of 7: {:.1} ms, fastest {:.1} ms",
            "",
            seconds[3] * 1000.0,
            seconds[0] * 1000.0
        );
    }
}

/// The median wall time of `runs`.
fn median_seconds(runs: &[Measured]) -> f64 {
    let mut seconds: Vec<f64> = runs.iter().map(|m| m.seconds).collect();
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

/// The part of the work that did not run in parallel, from the speed-up on `cores` cores:
/// `speedup = 1 / (serial + (1 - serial) / cores)`.
fn serial_fraction(speedup: f64, cores: usize) -> f64 {
    let cores = cores as f64;
    ((cores / speedup) - 1.0) / (cores - 1.0)
}

/// Builds the `runlift` binary beside this one (the same profile and features) and returns
/// its path, or `None` (having said why) when it cannot be built.
fn build_runlift() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe.with_file_name(format!("runlift{}", std::env::consts::EXE_SUFFIX));
    // Under `cargo run`, cargo names itself; the build is a no-op when the binary is current.
    if let Some(cargo) = std::env::var_os("CARGO") {
        let status = Command::new(cargo)
            .args([
                "build",
                "--release",
                "--locked",
                "-p",
                "runlift",
                "--bin",
                "runlift",
            ])
            .status();
        if !status.as_ref().is_ok_and(|s| s.success()) {
            println!("could not build the runlift binary: {status:?}");
            return None;
        }
    }
    if bin.is_file() {
        Some(bin)
    } else {
        println!(
            "no runlift binary at {}: run `cargo build --release` first",
            bin.display()
        );
        None
    }
}

/// A store of ten years of training ([`store_inputs::write_ten_years`]) imported by `bin`,
/// made once.
fn write_ten_year_store(bin: &Path, dir: &Path) -> PathBuf {
    let store = dir.join("store-ten-years");
    if done_marker(&store).exists() && store.exists() {
        return store;
    }
    let exports = dir.join("store-ten-years-exports");
    println!(
        "writing ten years of training to {} and importing them...",
        exports.display()
    );
    let _ = std::fs::remove_dir_all(&store);
    store_inputs::write_ten_years(&exports).expect("write the ten years");
    let status = Command::new(bin)
        .arg("import")
        .arg("--store")
        .arg(&store)
        .arg(&exports)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run runlift import");
    assert!(status.success(), "the ten years import into {}", store.display());
    std::fs::write(done_marker(&store), "1").expect("write the marker");
    store
}

/// `count` copies of `file` in `folder`, made once.
fn write_copies(file: &Path, folder: &Path, count: usize) {
    if done_marker(folder).exists() {
        return;
    }
    println!(
        "copying {} {count} times to {}...",
        file.display(),
        folder.display()
    );
    std::fs::create_dir_all(folder).expect("create the folder");
    for i in 1..=count {
        std::fs::copy(file, folder.join(format!("large-{i:03}.fit")))
            .unwrap_or_else(|e| panic!("the bench needs {}: {e}", file.display()));
    }
    std::fs::write(done_marker(folder), count.to_string()).expect("write the marker");
}

/// 1 and every core, once each.
fn dedup_threads(cores: usize) -> Vec<usize> {
    if cores > 1 { vec![1, cores] } else { vec![1] }
}

/// What one measurement found.
#[derive(Clone, Debug)]
struct Measured {
    seconds: f64,
    bytes: u64,
    files: usize,
    activities: usize,
    peak_rss_kb: u64,
    /// User and system CPU time of the whole process, all threads; steadier than wall time
    /// on a busy machine.
    cpu_seconds: f64,
}

impl Measured {
    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / MB / self.seconds
    }

    fn line(&self) -> String {
        format!(
            "RESULT {} {} {} {} {} {}",
            self.seconds, self.bytes, self.files, self.activities, self.peak_rss_kb, self.cpu_seconds
        )
    }

    fn from_line(line: &str) -> Option<Measured> {
        let mut words = line.strip_prefix("RESULT ")?.split_whitespace();
        Some(Measured {
            seconds: words.next()?.parse().ok()?,
            bytes: words.next()?.parse().ok()?,
            files: words.next()?.parse().ok()?,
            activities: words.next()?.parse().ok()?,
            peak_rss_kb: words.next()?.parse().ok()?,
            cpu_seconds: words.next()?.parse().ok()?,
        })
    }
}

fn print_row(input: &str, what: &str, threads: usize, m: &Measured) {
    println!(
        "{input:<44} {what:<30} {threads:>7} {:>9.1} {:>9.3} {:>9.1} {:>9.0} {:>7.1} MB {:>9.2}   ({} activities)",
        m.bytes as f64 / MB,
        m.seconds,
        m.mb_per_s(),
        m.files as f64 / m.seconds,
        m.peak_rss_kb as f64 / 1024.0,
        m.cpu_seconds,
        m.activities
    );
}

/// The fastest of `runs` runs of one measurement, with the highest peak RSS of them.
fn best_of(runs: usize, args: &[&str]) -> Measured {
    best_of_runs((0..runs).map(|_| run_child(args)).collect())
}

/// The fastest of `all`, with the highest peak RSS of them.
fn best_of_runs(all: Vec<Measured>) -> Measured {
    let peak_rss_kb = all.iter().map(|m| m.peak_rss_kb).max().unwrap_or(0);
    let fastest = all
        .into_iter()
        .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
        .expect("at least one run");
    Measured {
        peak_rss_kb,
        ..fastest
    }
}

/// Runs one measurement in a child process of this binary and reads what it found.
fn run_child(args: &[&str]) -> Measured {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let output = Command::new(exe)
        .arg("--child")
        .args(args)
        .output()
        .expect("run a measurement");
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout.lines().find_map(Measured::from_line).unwrap_or_else(|| {
        panic!(
            "measurement {args:?} failed: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// One measurement, in this (child) process; prints a `RESULT` line.
fn child(args: &[String]) {
    let (mode, rest) = args.split_first().expect("a measurement");
    let measured = match mode.as_str() {
        "import" => {
            let threads: usize = rest[0].parse().expect("threads");
            let path = PathBuf::from(&rest[1]);
            let bytes = size_on_disk(&path);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let report = pool.install(|| {
                runlift_import::pipeline::read_files(&[path], &Default::default(), &runlift_import::Silent)
            });
            let seconds = started.elapsed().as_secs_f64();
            assert!(
                !report.has_failures(),
                "the generated input imports: {:?}",
                report
                    .files
                    .iter()
                    .flat_map(|f| &f.problems)
                    .take(5)
                    .collect::<Vec<_>>()
            );
            Measured {
                seconds,
                bytes,
                files: report.files.len(),
                activities: report.activities().count(),
                peak_rss_kb: 0,
                cpu_seconds: cpu_seconds() - cpu,
            }
        }
        "report" => {
            // What `runlift report --format json <path>` does after parsing its arguments.
            let threads: usize = rest[0].parse().expect("threads");
            let path = PathBuf::from(&rest[1]);
            let bytes = size_on_disk(&path);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let imported = pool.install(|| {
                runlift_import::pipeline::read_sessions(
                    &[path],
                    &Default::default(),
                    &Default::default(),
                    &runlift_import::Silent,
                )
            });
            let activities: Vec<_> = imported.activities().cloned().collect();
            let balance = runlift_analysis::analyse(&activities, &Default::default()).expect("analysis");
            let json = runlift_report::balance_json(&balance, Some(&imported));
            let seconds = started.elapsed().as_secs_f64();
            assert!(
                json.len() > 100 && !imported.has_failures(),
                "the report is written"
            );
            Measured {
                seconds,
                bytes,
                files: imported.files.len(),
                activities: activities.len(),
                peak_rss_kb: 0,
                cpu_seconds: cpu_seconds() - cpu,
            }
        }
        "cli" => {
            // `cli BIN THREADS MEASURED_PATH ARGS...`: runs the binary as users do; its CPU
            // time and peak RSS are this process's only waited-for child's (getrusage).
            // MEASURED_PATH is the input whose bytes and files are counted, `-` for none.
            let (bin, threads, measured_path) = (&rest[0], &rest[1], Path::new(&rest[2]));
            let started = Instant::now();
            let output = Command::new(bin)
                .args(&rest[3..])
                .env("RAYON_NUM_THREADS", threads)
                .env("POLARS_MAX_THREADS", threads)
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .output()
                .expect("run runlift");
            let seconds = started.elapsed().as_secs_f64();
            // 0, or 1 when the report has warnings; 2 would be a file that failed.
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "runlift {:?}: {}",
                &rest[3..],
                String::from_utf8_lossy(&output.stderr)
            );
            let (cpu_seconds, peak_rss_kb) = children_usage();
            // The summary on standard error ends with "...; N activities" (or, from the
            // store, "read N sessions").
            let stderr = String::from_utf8_lossy(&output.stderr);
            let activities = stderr
                .lines()
                .find_map(|line| {
                    let words: Vec<&str> = line.split([' ', ';']).filter(|w| !w.is_empty()).collect();
                    words
                        .windows(2)
                        .find(|pair| matches!(pair[1], "activities" | "sessions"))
                        .and_then(|pair| pair[0].parse().ok())
                })
                .unwrap_or(0);
            println!(
                "{}",
                Measured {
                    seconds,
                    bytes: if rest[2] == "-" {
                        0
                    } else {
                        size_on_disk(measured_path)
                    },
                    files: if rest[2] == "-" {
                        0
                    } else {
                        file_count(measured_path)
                    },
                    activities,
                    peak_rss_kb,
                    cpu_seconds,
                }
                .line()
            );
            return;
        }
        "csv-split" => {
            // The floor any CSV reader built on the csv crate stands on.
            let bytes = std::fs::read(&rest[0]).expect("read the CSV");
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes.as_slice());
            let mut record = csv::ByteRecord::new();
            let mut records = 0;
            while reader.read_byte_record(&mut record).expect("csv splits it") {
                records += 1;
            }
            Measured {
                seconds: started.elapsed().as_secs_f64(),
                bytes: bytes.len() as u64,
                files: 1,
                activities: records,
                peak_rss_kb: 0,
                cpu_seconds: cpu_seconds() - cpu,
            }
        }
        "runlift-fit" | "fitparser" => {
            let files = read_fit_files(Path::new(&rest[0]), rest[1].parse().expect("file count"));
            let source = SourceRef::file("bench.fit", SourceFormat::Fit);
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let mut activities = 0;
            for bytes in &files {
                activities += if mode == "fitparser" {
                    let records = fitparser::from_bytes(bytes).expect("fitparser reads it");
                    usize::from(!records.is_empty())
                } else {
                    runlift_fit::parse_fit(bytes, &source)
                        .expect("runlift-fit reads it")
                        .activities
                        .len()
                };
            }
            Measured {
                seconds: started.elapsed().as_secs_f64(),
                bytes: files.iter().map(|f| f.len() as u64).sum(),
                files: files.len(),
                activities,
                peak_rss_kb: 0,
                cpu_seconds: cpu_seconds() - cpu,
            }
        }
        other => panic!("unknown measurement {other}"),
    };
    let peak_rss_kb = peak_rss_kb().unwrap_or(0);
    println!(
        "{}",
        Measured {
            peak_rss_kb,
            ..measured
        }
        .line()
    );
}

fn read_fit_files(folder: &Path, count: usize) -> Vec<Vec<u8>> {
    fit_paths(folder, count)
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

fn fit_paths(folder: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|i| folder.join(format!("run-{i:04}.fit")))
        .collect()
}

fn size_on_disk(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .expect("read the folder")
            .map(|entry| entry.expect("entry").metadata().expect("metadata").len())
            .sum()
    } else {
        std::fs::metadata(path).expect("metadata").len()
    }
}

/// User plus system CPU time and peak RSS (kB) of the children this process waited for.
fn children_usage() -> (f64, u64) {
    // SAFETY: getrusage writes one `rusage` into the zeroed value it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) != 0 {
            return (f64::NAN, 0);
        }
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        u64::try_from(usage.ru_maxrss).unwrap_or(0),
    )
}

/// Files under `path` (1 for a file), for files per second.
fn file_count(path: &Path) -> usize {
    if path.is_dir() {
        std::fs::read_dir(path).map_or(0, |entries| entries.count())
    } else {
        1
    }
}

/// User plus system time of this process so far, from /proc/self/stat (in clock ticks of
/// 1/100 s, the value on every Linux build this bench runs on).
fn cpu_seconds() -> f64 {
    cpu_ticks().unwrap_or(f64::NAN)
}

fn cpu_ticks() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in parentheses may hold spaces: count fields after its closing one.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// VmHWM of this process, in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs a Python snippet that prints `seconds files activities peak_rss_kb`; `Err` says why it
/// could not run. The snippets read VmHWM: `ru_maxrss` would carry over this process's peak
/// from before `exec`.
fn python(script: &str, bytes: u64) -> Result<Measured, String> {
    let output = Command::new("python3")
        .args(["-c", script])
        .output()
        .map_err(|e| format!("python3 not runnable: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().last().unwrap_or("failed").to_owned());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let words: Vec<&str> = stdout.split_whitespace().collect();
    let parse = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.parse::<f64>().ok())
            .ok_or("unexpected output")
    };
    Ok(Measured {
        seconds: parse(0)?,
        bytes,
        files: parse(1)? as usize,
        activities: parse(2)? as usize,
        peak_rss_kb: parse(3)? as u64,
        cpu_seconds: parse(4)?,
    })
}

fn python_fitdecode(folder: &Path, count: usize) -> Result<Measured, String> {
    let paths = fit_paths(folder, count);
    let bytes = paths.iter().map(|p| size_on_disk(p)).sum();
    let list = paths
        .iter()
        .map(|p| format!("{:?}", p.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(",");
    let script = format!(
        "import time, fitdecode\n\
         paths = [{list}]\n\
         datas = [open(p, 'rb').read() for p in paths]\n\
         import io\n\
         start = time.perf_counter(); cpu = time.process_time(); sessions = 0\n\
         for data in datas:\n\
         \x20   with fitdecode.FitReader(io.BytesIO(data)) as fit:\n\
         \x20       for frame in fit:\n\
         \x20           if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == 'session': sessions += 1\n\
         print(time.perf_counter() - start, len(datas), sessions, [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], time.process_time() - cpu)\n"
    );
    python(&script, bytes)
}

fn python_gpxpy(gpx: &Path) -> Result<Measured, String> {
    let script = format!(
        "import time, gpxpy\n\
         text = open({:?}, encoding='utf-8').read()\n\
         start = time.perf_counter(); cpu = time.process_time()\n\
         parsed = gpxpy.parse(text)\n\
         print(time.perf_counter() - start, 1, len(parsed.tracks), [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], time.process_time() - cpu)\n",
        gpx.to_string_lossy()
    );
    python(&script, size_on_disk(gpx))
}

/// Reads every byte of `path` once, so that no measurement pays for the disk.
fn warm_page_cache(path: &Path) {
    let files: Vec<PathBuf> = if path.is_dir() {
        std::fs::read_dir(path)
            .expect("read the folder")
            .map(|e| e.expect("entry").path())
            .collect()
    } else {
        vec![path.to_owned()]
    };
    for file in files {
        std::io::copy(&mut File::open(file).expect("open"), &mut std::io::sink()).expect("read");
    }
}

/// A marker beside `path` says it was written completely by an earlier run.
fn done_marker(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.count", path.display()))
}

fn write_xml_if_needed(path: &Path, megabytes: u64, write: fn(&mut dyn Write, u64) -> u64) {
    if done_marker(path).exists() && path.exists() {
        return;
    }
    println!("writing {} ({megabytes} MB)...", path.display());
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).expect("create"));
    let count = write(&mut out, megabytes << 20);
    out.flush().expect("write");
    std::fs::write(done_marker(path), count.to_string()).expect("write the marker");
}

/// The header of the table of measurements.
fn print_header(dir: &Path, quick: bool) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nrunlift-bench: {cores} cores, inputs in {}{}\n",
        dir.display(),
        if quick { " (--quick)" } else { "" }
    );
    println!(
        "{:<44} {:<30} {:>7} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9}",
        "input", "what", "threads", "MB", "seconds", "MB/s", "files/s", "peak RSS", "CPU s"
    );
}

/// The generated export of each CSV dialect, written unless an earlier run did.
fn write_csv_files(dir: &Path, megabytes: u64) -> Vec<(&'static str, PathBuf)> {
    csv_inputs::DIALECTS
        .iter()
        .map(|&dialect| {
            let path = dir.join(format!("csv-{dialect}-{megabytes}MB.csv"));
            write_csv_if_needed(&path, dialect, megabytes);
            (dialect, path)
        })
        .collect()
}

fn write_csv_if_needed(path: &Path, dialect: &str, megabytes: u64) {
    if done_marker(path).exists() && path.exists() {
        return;
    }
    println!("writing {} ({megabytes} MB)...", path.display());
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).expect("create"));
    let written = csv_inputs::write_csv(dialect, &mut out, megabytes << 20).expect("write the CSV");
    out.flush().expect("write");
    std::fs::write(done_marker(path), written.to_string()).expect("write the marker");
}

/// The start of generated activity `i`: a day apart, at varied times of day.
fn offset_of(i: usize) -> i64 {
    i as i64 * DAY + (i as i64 * 3_607) % (6 * 3_600)
}

fn write_fit_folder(folder: &Path, sample: &[u8], count: usize) {
    if done_marker(folder).exists() {
        return;
    }
    println!("writing {count} FIT files to {}...", folder.display());
    std::fs::create_dir_all(folder).expect("create the FIT folder");
    for (i, path) in fit_paths(folder, count).iter().enumerate() {
        let fit = shift_fit(sample, offset_of(i)).expect("sample.fit is well-formed");
        std::fs::write(path, fit).expect("write a FIT file");
    }
    std::fs::write(done_marker(folder), count.to_string()).expect("write the marker");
}

fn write_strava_if_needed(path: &Path, sample: &[u8], count: usize) {
    if done_marker(path).exists() && path.exists() {
        return;
    }
    println!("writing {} ({count} activities)...", path.display());
    let source = SourceRef::file("sample.fit", SourceFormat::Fit);
    let first = runlift_fit::parse_fit(sample, &source).expect("sample.fit reads");
    let first = &first.activities[0];
    let activities: Vec<StravaActivity> = (0..count)
        .map(|i| StravaActivity {
            id: 9_000_000_000 + i as u64,
            start_unix: first.start.as_second() + offset_of(i),
            elapsed_seconds: first.elapsed.as_secs(),
            fit: shift_fit(sample, offset_of(i)).expect("sample.fit is well-formed"),
        })
        .collect();
    let out = BufWriter::new(File::create(path).expect("create the zip"));
    write_strava_zip(out, &activities).expect("write the zip");
    std::fs::write(done_marker(path), count.to_string()).expect("write the marker");
}
