//! Property tests across every format: random bytes (bare, and after the first bytes of each
//! format, so they get past detection), and the real fixtures (and the shared corpus, when
//! present) with random truncation, bit flips, byte insertions and deletions and chunks of other
//! files spliced in, fed to each format's own parser, to detection and dispatch
//! ([`runlift_import::parse_bytes`]), and, for archives, to [`runlift_import::read_file`].
//!
//! Every call must return (no panic), in bounded time, and every error or warning it gives must
//! name the file it was given. The per-parser random and mutation tests in the format crates
//! go deeper into one format each; this suite is the one that sees all of them side by side.
//!
//! Deterministic: the cases come from a seeded generator. `RUNLIFT_PROPTEST_SEED` (decimal or
//! `0x` hex) chooses the seed and `RUNLIFT_PROPTEST_CASES` how many cases per input; a failure
//! names the input, the mutation and the seed, and writes the failing bytes to a file.

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use runlift_csv::{CsvDialect, CsvOptions};
use runlift_import::{FileReport, ImportOptions, Origin};
use runlift_model::{ParseError, Parsed, SourceFormat, SourceRef};
use runlift_xml::XmlFormat;

/// The seed when `RUNLIFT_PROPTEST_SEED` is not set.
const DEFAULT_SEED: u64 = 0x5EED_2026_0009;
/// Cases per input when `RUNLIFT_PROPTEST_CASES` is not set: enough to reach every parser's
/// error paths on every fixture, few enough that the whole suite takes seconds.
const DEFAULT_CASES: usize = 64;
/// How long one call may take before it counts as hung. This is a hang check with a margin of
/// several hundred times the slowest real call (the largest corpus file parses in
/// milliseconds), not a speed assertion: speed is measured by the benchmarks.
const HANG_AFTER: Duration = Duration::from_secs(30);
/// Corpus files are sampled by size: a file gets as many cases as fit in this many bytes of
/// input (at least 2, at most the configured count), so the large ones do not dominate the time.
const CORPUS_BYTES_PER_FILE: usize = 512 * 1024;

// ---------------------------------------------------------------------------------------------
// Seeds and the generator

/// splitmix64: tiny, fast, and good enough to spread cases over the input space.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The settings of this run: the seed and the number of cases per input.
struct Settings {
    seed: u64,
    cases: usize,
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let seed = std::env::var("RUNLIFT_PROPTEST_SEED")
            .ok()
            .map(|raw| parse_seed(&raw).expect("RUNLIFT_PROPTEST_SEED is a decimal or 0x-hex number"))
            .unwrap_or(DEFAULT_SEED);
        let cases = std::env::var("RUNLIFT_PROPTEST_CASES")
            .ok()
            .map(|raw| raw.trim().parse().expect("RUNLIFT_PROPTEST_CASES is a number"))
            .unwrap_or(DEFAULT_CASES);
        eprintln!(
            "hostile_properties: seed {seed:#x} ({cases} cases per input); rerun with \
             RUNLIFT_PROPTEST_SEED={seed:#x} RUNLIFT_PROPTEST_CASES={cases}"
        );
        Settings { seed, cases }
    })
}

fn parse_seed(raw: &str) -> Option<u64> {
    let raw = raw.trim();
    match raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => raw.parse().ok(),
    }
}

/// The generator of one case: derived from the run's seed, the input's name and the case
/// number, so a case is the same whatever other inputs exist (the corpus may be absent).
fn case_rng(input: &str, case: usize) -> Rng {
    // FNV-1a of the name.
    let name_hash = input.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let mut rng = Rng::new(settings().seed ^ name_hash ^ (case as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    rng.next();
    rng
}

// ---------------------------------------------------------------------------------------------
// Running one call under guard

/// What a case was, to say in a failure: the input, what was done to it, and the seed.
#[derive(Clone)]
struct Case {
    input: String,
    case: usize,
    mutation: String,
    target: String,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} through {}, case {} ({}); seed {:#x}: rerun with RUNLIFT_PROPTEST_SEED={:#x}",
            self.input,
            self.target,
            self.case,
            self.mutation,
            settings().seed,
            settings().seed
        )
    }
}

/// Runs `call` on a worker thread and returns what it returns; fails the test, naming `case`,
/// if it panics or does not return within [`HANG_AFTER`]. The failing bytes are written to a
/// file whose path the failure gives.
fn guarded<T: Send + 'static>(case: &Case, bytes: &[u8], call: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("proptest-call".to_owned())
        .spawn(move || {
            let _ = sender.send(catch_unwind(AssertUnwindSafe(call)));
        })
        .expect("a worker thread");
    match receiver.recv_timeout(HANG_AFTER) {
        Ok(Ok(value)) => {
            let _ = worker.join();
            value
        }
        Ok(Err(panic)) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!(
                "panicked ({message}) on {case}; input saved to {}",
                save(case, bytes).display()
            )
        }
        // The worker is left running: the test fails anyway, and a hung thread cannot be
        // stopped from outside.
        Err(_) => panic!(
            "did not return within {HANG_AFTER:?} on {case}; input saved to {}",
            save(case, bytes).display()
        ),
    }
}

fn save(case: &Case, bytes: &[u8]) -> PathBuf {
    let name: String = format!("{}-{}-{}", case.input, case.target, case.case)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = std::env::temp_dir().join(format!("runlift-proptest-{name}.bin"));
    let _ = std::fs::write(&path, bytes);
    path
}

/// That every problem names the file `path`: its message starts with the path.
fn assert_names_file(case: &Case, path: &Path, problems: &[ParseError]) {
    let shown = path.display().to_string();
    for problem in problems {
        assert!(
            problem.path() == path && problem.to_string().starts_with(&shown),
            "a problem does not name the file {shown}: {problem} ({case})"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The parsers

/// An entry point that takes bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Fit,
    Gpx,
    Tcx,
    AppleHealth,
    Csv(CsvDialect),
    /// Detection and dispatch: [`runlift_import::parse_bytes`].
    Detect,
}

impl Target {
    fn all() -> Vec<Target> {
        let mut all = vec![Target::Fit, Target::Gpx, Target::Tcx, Target::AppleHealth];
        all.extend(CsvDialect::ALL.map(Target::Csv));
        all.push(Target::Detect);
        all
    }

    /// The format's own parser for `bytes`, as detection would pick it; `None` when no format
    /// recognises them.
    fn of(bytes: &[u8]) -> Option<Target> {
        if runlift_fit::is_fit(bytes) {
            return Some(Target::Fit);
        }
        match runlift_xml::detect(bytes) {
            Some(XmlFormat::Gpx) => return Some(Target::Gpx),
            Some(XmlFormat::Tcx) => return Some(Target::Tcx),
            Some(XmlFormat::AppleHealth) => return Some(Target::AppleHealth),
            _ => {}
        }
        runlift_csv::detect(bytes).map(Target::Csv)
    }

    fn name(self) -> String {
        match self {
            Target::Csv(dialect) => format!("csv::parse({})", dialect.name()),
            Target::Detect => "import::parse_bytes".to_owned(),
            other => format!("{other:?}"),
        }
    }

    /// The format of the `SourceRef` the parser is given (detection makes its own).
    fn format(self) -> SourceFormat {
        match self {
            Target::Fit | Target::Detect => SourceFormat::Fit,
            Target::Gpx => SourceFormat::Gpx,
            Target::Tcx => SourceFormat::Tcx,
            Target::AppleHealth => SourceFormat::AppleHealth,
            Target::Csv(dialect) => dialect.source_format(),
        }
    }

    /// Feeds `bytes`, named `path`, to this entry point under guard, and checks that every
    /// problem names `path`.
    fn feed(self, case: &Case, bytes: Arc<Vec<u8>>, path: &Path) {
        let source = SourceRef::file(path, self.format());
        let owned_path = path.to_path_buf();
        let input = Arc::clone(&bytes);
        let problems = guarded(case, &bytes, move || {
            let bytes = input.as_slice();
            let result: Result<Parsed, ParseError> = match self {
                Target::Fit => runlift_fit::parse_fit(bytes, &source),
                Target::Gpx => runlift_xml::parse_gpx(bytes, &source),
                Target::Tcx => runlift_xml::parse_tcx(bytes, &source),
                Target::AppleHealth => runlift_xml::parse_apple_health(bytes, &source),
                Target::Csv(dialect) => runlift_csv::parse(bytes, dialect, &source, &CsvOptions::default()),
                Target::Detect => {
                    let report = runlift_import::parse_bytes(
                        bytes,
                        &owned_path,
                        Origin::Named,
                        &ImportOptions::default(),
                    );
                    return report.problems;
                }
            };
            match result {
                Ok(parsed) => parsed.warnings,
                Err(error) => vec![error],
            }
        });
        assert_names_file(case, path, &problems);
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// The first bytes of each format, after which random bytes get past detection.
fn prefixes() -> Vec<(&'static str, Vec<u8>, Option<Target>)> {
    let mut fit_header = vec![14, 0x20, 0x84, 0x08, 0, 0, 0, 0];
    fit_header.extend_from_slice(b".FIT");
    fit_header.extend_from_slice(&[0, 0]);
    let csv = |dialect: CsvDialect, header: &str| {
        let target = Some(Target::Csv(dialect));
        (dialect.name(), format!("{header}\n").into_bytes(), target)
    };
    vec![
        ("no prefix", Vec::new(), None),
        ("FIT header", fit_header, Some(Target::Fit)),
        (
            "GPX root",
            br#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="proptest" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>"#
                .to_vec(),
            Some(Target::Gpx),
        ),
        (
            "TCX root",
            br#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">"#
                .to_vec(),
            Some(Target::Tcx),
        ),
        (
            "Apple Health root",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate)>\n]>\n<HealthData locale=\"en_US\">\n <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" "
                .to_vec(),
            Some(Target::AppleHealth),
        ),
        csv(
            CsvDialect::Strong,
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        ),
        csv(
            CsvDialect::Hevy,
            "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"",
        ),
        csv(
            CsvDialect::FitNotes,
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
        ),
        csv(
            CsvDialect::Jefit,
            "### EXERCISE LOGS ####################################\nUSERID,TIMESTAMP,belongSys,logs,_id,record,mydate,eid,ename,day_item_id,belongsession,logTime",
        ),
        csv(
            CsvDialect::StravaActivities,
            "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Moving Time",
        ),
        csv(
            CsvDialect::GarminActivities,
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Total Sets,Moving Time,Elapsed Time",
        ),
        csv(
            CsvDialect::Runlift,
            "date,sport,name,duration,moving_time,distance_km,exercise,set_type,reps,weight_kg,set_seconds",
        ),
    ]
}

/// Bytes the parsers care about, so random text reaches past their first checks.
const SYNTAX: &[u8] = b"<>/=\"' \n\r\t,;:.-+x0123456789TZ#&![]?";

/// `len` random bytes: any byte, or mostly the characters parsers look for.
fn random_body(rng: &mut Rng, len: usize) -> (Vec<u8>, &'static str) {
    if rng.below(2) == 0 {
        ((0..len).map(|_| rng.next() as u8).collect(), "any bytes")
    } else {
        let body = (0..len)
            .map(|_| match rng.below(8) {
                0 => rng.next() as u8,
                1..=3 => b'a' + rng.below(26) as u8,
                _ => *rng.pick(SYNTAX),
            })
            .collect();
        (body, "syntax bytes")
    }
}

/// A length for random content: mostly short, sometimes up to 64 KiB.
fn random_len(rng: &mut Rng) -> usize {
    match rng.below(4) {
        0 => rng.below(17),
        1 => rng.below(257),
        2 => rng.below(4097),
        _ => rng.below(65_537),
    }
}

/// One random change to `bytes`, described; `others` are the inputs chunks may come from.
fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>, others: &[Arc<Vec<u8>>]) -> String {
    let len = bytes.len();
    match rng.below(7) {
        0 => {
            let at = rng.below(len + 1);
            bytes.truncate(at);
            format!("truncated to {at} bytes")
        }
        1 if len > 0 => {
            let flips = rng.between(1, 8);
            let mut at = Vec::new();
            for _ in 0..flips {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
                at.push(i);
            }
            format!("bits flipped at bytes {at:?}")
        }
        2 => {
            let at = rng.below(len + 1);
            let count = rng.between(1, 16);
            let (insert, _) = random_body(rng, count);
            bytes.splice(at..at, insert);
            format!("{count} bytes inserted at {at}")
        }
        3 if len > 0 => {
            let at = rng.below(len);
            let count = rng.between(1, 64).min(len - at);
            bytes.drain(at..at + count);
            format!("{count} bytes deleted at {at}")
        }
        4 if !others.is_empty() => {
            let donor = rng.pick(others);
            if donor.is_empty() {
                return "nothing spliced (empty donor)".to_owned();
            }
            let from = rng.below(donor.len());
            let count = rng.between(1, 4096).min(donor.len() - from);
            let at = rng.below(len + 1);
            bytes.splice(at..at, donor[from..from + count].iter().copied());
            format!("{count} bytes of another input (from its byte {from}) spliced in at {at}")
        }
        5 if len >= 8 => {
            // A length or count that lies: binary formats trust them (at byte 4, FIT's data
            // size), so they get the values that break arithmetic and allocation.
            let at = if rng.below(2) == 0 { 4 } else { rng.below(len - 3) };
            let value = *rng.pick(&[
                0,
                1,
                u32::MAX,
                u32::MAX / 2,
                len as u32,
                len as u32 + 1,
                0x8000_0000,
            ]);
            bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
            format!("bytes {at}..{} set to {value} (little-endian)", at + 4)
        }
        _ if len > 0 => {
            // Values at the edges of what fields hold.
            let at = rng.below(len);
            let value = *rng.pick(&[0x00, 0xFF, 0x7F, 0x80, b'<', b'"', b',', b'\n', b'9']);
            bytes[at] = value;
            format!("byte {at} set to {value:#04x}")
        }
        _ => "unchanged (empty input)".to_owned(),
    }
}

/// One to three random changes to a copy of `bytes`, described.
fn mutate(rng: &mut Rng, bytes: &[u8], others: &[Arc<Vec<u8>>]) -> (Vec<u8>, String) {
    let mut mutated = bytes.to_vec();
    let changes: Vec<String> = (0..rng.between(1, 3))
        .map(|_| mutate_once(rng, &mut mutated, others))
        .collect();
    (mutated, changes.join(", then "))
}

/// Every file under `dir`, sorted, as (name relative to `dir`, bytes).
fn files_under(dir: &Path) -> Vec<(String, Arc<Vec<u8>>)> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else {
                found.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
            let bytes =
                std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            (name, Arc::new(bytes))
        })
        .collect()
}

fn fixtures() -> Vec<(String, Arc<Vec<u8>>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let files = files_under(&dir);
    assert!(
        files.len() >= 30,
        "the fixtures are missing from {}",
        dir.display()
    );
    files
}

/// The shared corpus's data files, or `None` (having said so) when it is absent.
fn corpus() -> Option<Vec<(String, Arc<Vec<u8>>)>> {
    let dir = runlift_corpus::corpus()?;
    let files = files_under(&dir)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("reference") && !name.ends_with(".md"))
        .collect();
    Some(files)
}

/// The name each input gets when fed: a path that is easy to find in a message.
fn fed_path(input: &str, case: usize) -> PathBuf {
    PathBuf::from(format!("proptest/case-{case}/{}", input.replace('/', "--")))
}

/// Feeds `cases` mutations of each input to its own parser (found from the unmutated bytes)
/// and to detection and dispatch.
fn mutate_and_feed(inputs: &[(String, Arc<Vec<u8>>)], cases_for: impl Fn(usize) -> usize) -> usize {
    let donors: Vec<Arc<Vec<u8>>> = inputs.iter().map(|(_, bytes)| Arc::clone(bytes)).collect();
    let mut calls = 0;
    for (name, bytes) in inputs {
        let own = Target::of(bytes);
        for case in 0..cases_for(bytes.len()) {
            let mut rng = case_rng(name, case);
            let (mutated, mutation) = mutate(&mut rng, bytes, &donors);
            let mutated = Arc::new(mutated);
            let path = fed_path(name, case);
            for target in own.into_iter().chain([Target::Detect]) {
                let what = Case {
                    input: name.clone(),
                    case,
                    mutation: mutation.clone(),
                    target: target.name(),
                };
                target.feed(&what, Arc::clone(&mutated), &path);
                calls += 1;
            }
        }
    }
    calls
}

// ---------------------------------------------------------------------------------------------
// Archives

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("runlift-proptest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, deflated).expect("zip in memory");
        writer.write_all(bytes).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

/// Writes `bytes` to `name` in `dir` and reads it with [`runlift_import::read_file`] under
/// guard; every problem of every report must name the file on disk.
fn read_archive(dir: &TempDir, case: &Case, name: &str, bytes: Vec<u8>) -> Vec<FileReport> {
    let path = dir.0.join(name);
    std::fs::write(&path, &bytes).expect("a temporary file");
    let owned = path.clone();
    let reports = guarded(case, &bytes, move || {
        runlift_import::read_file(&owned, Origin::Named, &ImportOptions::default())
    });
    for report in &reports {
        assert_eq!(report.path, path, "{case}");
        assert_names_file(case, &path, &report.problems);
    }
    reports
}

// ---------------------------------------------------------------------------------------------
// The properties

#[test]
fn the_format_prefixes_are_detected_as_their_format() {
    // Otherwise the random bytes after them would never reach the parser they are meant for.
    for (name, prefix, target) in prefixes() {
        let mut completed = prefix.clone();
        completed.extend_from_slice(b"\n");
        assert_eq!(Target::of(&completed), target, "{name}");
    }
}

#[test]
fn random_bytes_after_every_format_prefix_reach_every_parser_without_panic_or_hang() {
    let cases = settings().cases;
    let mut calls = 0;
    for (prefix_name, prefix, _) in prefixes() {
        for case in 0..cases {
            let mut rng = case_rng(prefix_name, case);
            let len = random_len(&mut rng);
            let (body, kind) = random_body(&mut rng, len);
            let mut bytes = prefix.clone();
            bytes.extend_from_slice(&body);
            let bytes = Arc::new(bytes);
            let path = fed_path(&format!("random-after-{prefix_name}"), case);
            for target in Target::all() {
                let what = Case {
                    input: format!("random bytes after {prefix_name}"),
                    case,
                    mutation: format!("{len} {kind}"),
                    target: target.name(),
                };
                target.feed(&what, Arc::clone(&bytes), &path);
                calls += 1;
            }
        }
    }
    eprintln!("random bytes: {calls} calls");
}

#[test]
fn mutated_fixtures_reach_their_own_parser_and_detection_without_panic_or_hang() {
    let cases = settings().cases;
    let calls = mutate_and_feed(&fixtures(), |_| cases);
    eprintln!("mutated fixtures: {calls} calls");
}

#[test]
fn mutated_corpus_files_reach_their_own_parser_and_detection_without_panic_or_hang() {
    let Some(files) = corpus() else { return };
    let cases = settings().cases;
    let calls = mutate_and_feed(&files, |len| (CORPUS_BYTES_PER_FILE / len.max(1)).clamp(2, cases));
    eprintln!("mutated corpus files: {calls} calls");
}

/// Fixtures known to read whole, to build the archives from.
const ARCHIVED: [&str; 5] = [
    "athlete/2026-02-03-run-with-pause.fit",
    "athlete/2026-01-13-evening-run-gpx10.gpx",
    "athlete/fitnotes-workouts.csv",
    "tcx/2026-03-04-strava-ride.tcx",
    "athlete/2026-02-05-strength.fit",
];

/// Whether `bytes` start like a gzip stream or a zip archive.
fn is_archive(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b]) || bytes.starts_with(b"PK")
}

#[test]
fn mutated_gz_and_zip_archives_of_fixtures_are_read_without_panic_or_hang() {
    let fixtures = fixtures();
    let entries: Vec<(&str, &[u8])> = ARCHIVED
        .iter()
        .map(|wanted| {
            let (name, bytes) = fixtures
                .iter()
                .find(|(name, _)| name == wanted)
                .unwrap_or_else(|| panic!("the fixture {wanted} is missing"));
            (name.as_str(), bytes.as_slice())
        })
        .collect();
    let generated: Vec<(String, Vec<u8>)> = vec![
        ("run.fit.gz".to_owned(), gzip(entries[0].1)),
        ("run.gpx.gz".to_owned(), gzip(entries[1].1)),
        ("export.zip".to_owned(), zip(&entries)),
        (
            "nested.zip".to_owned(),
            zip(&[
                ("inner.zip", &zip(&entries[..2])),
                ("log.csv.gz", &gzip(entries[2].1)),
            ]),
        ),
    ];
    // The archives among the fixtures (broken ones included) are mutated too.
    let committed: Vec<(String, Vec<u8>)> = fixtures
        .iter()
        .filter(|(_, bytes)| is_archive(bytes))
        .map(|(name, bytes)| (name.replace('/', "--"), bytes.to_vec()))
        .collect();
    let dir = TempDir::new("archives");
    let donors: Vec<Arc<Vec<u8>>> = generated
        .iter()
        .chain(&committed)
        .map(|(_, bytes)| Arc::new(bytes.clone()))
        .collect();
    let mut calls = 0;
    for (name, archive) in &generated {
        // The unmutated archive reads whole: the mutations start from a good file.
        let what = Case {
            input: name.clone(),
            case: 0,
            mutation: "none".to_owned(),
            target: "import::read_file".to_owned(),
        };
        let whole = read_archive(&dir, &what, name, archive.clone());
        assert!(
            whole
                .iter()
                .all(|r| r.status == runlift_import::FileStatus::Ok && !r.activities.is_empty()),
            "{name}: {whole:?}"
        );
    }
    for (name, archive) in generated.iter().chain(&committed) {
        for case in 0..settings().cases * 2 {
            let mut rng = case_rng(name, case);
            let (mutated, mutation) = mutate(&mut rng, archive, &donors);
            let what = Case {
                input: name.clone(),
                case,
                mutation,
                target: "import::read_file".to_owned(),
            };
            read_archive(&dir, &what, name, mutated);
            calls += 1;
        }
    }
    eprintln!(
        "mutated archives: {calls} calls ({} generated, {} among the fixtures)",
        generated.len(),
        committed.len()
    );
}

#[test]
fn random_bytes_after_gzip_and_zip_magic_are_read_without_panic_or_hang() {
    let dir = TempDir::new("magic");
    let magics: [(&str, &[u8]); 4] = [
        ("random.gz", &[0x1f, 0x8b, 0x08, 0x00]),
        ("random.fit.gz", &[0x1f, 0x8b]),
        ("random.zip", b"PK\x03\x04"),
        ("empty-dir.zip", b"PK\x05\x06"),
    ];
    let mut calls = 0;
    for (name, magic) in magics {
        for case in 0..settings().cases {
            let mut rng = case_rng(name, case);
            let len = random_len(&mut rng);
            let (body, kind) = random_body(&mut rng, len);
            let mut bytes = magic.to_vec();
            bytes.extend_from_slice(&body);
            let what = Case {
                input: name.to_owned(),
                case,
                mutation: format!("{len} {kind} after the magic"),
                target: "import::read_file".to_owned(),
            };
            read_archive(&dir, &what, name, bytes);
            calls += 1;
        }
    }
    eprintln!("random archives: {calls} calls");
}
