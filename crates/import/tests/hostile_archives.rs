//! The bounds on archives, each tried with an archive generated here: a zip bomb whose sizes
//! lie, too many entries, nesting deeper than the limit, zero-byte archives, a corrupt entry
//! among good ones, a `.gz` that expands past the in-memory bound, and an Apple Health stream
//! past the stream bound. Each must end in an error for that archive or entry, naming it,
//! while everything else is read.

use std::io::Write;
use std::path::{Path, PathBuf};

use runlift_import::{FileReport, FileStatus, ImportOptions, Limits, Silent, pipeline};

const GPX_RUN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Morning Run</name><type>running</type><trkseg>
    <trkpt lat="51.000" lon="0"><time>2026-01-05T06:30:00Z</time></trkpt>
    <trkpt lat="51.009" lon="0"><time>2026-01-05T06:35:00Z</time></trkpt>
  </trkseg></trk>
</gpx>
"#;

const STRONG: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
    2026-01-06 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n";

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("runlift-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Deflated)
}

fn read(path: &Path, limits: Limits) -> Vec<FileReport> {
    let options = ImportOptions {
        limits,
        ..ImportOptions::default()
    };
    let mut files = pipeline::read_files(&[path.to_path_buf()], &options, &Silent).files;
    files.sort_by_key(FileReport::display_name);
    files
}

/// (entry inside the archive, status) of each report.
fn statuses(reports: &[FileReport]) -> Vec<(String, &'static str)> {
    reports
        .iter()
        .map(|r| {
            (
                r.inner_path.as_ref().map(ToString::to_string).unwrap_or_default(),
                r.status.name(),
            )
        })
        .collect()
}

/// The one problem of the report for `entry`, as displayed.
fn problem_of(reports: &[FileReport], entry: &str) -> String {
    let report = reports
        .iter()
        .find(|r| r.inner_path.as_ref().is_some_and(|p| p.to_string() == entry))
        .unwrap_or_else(|| panic!("no report for {entry}: {reports:?}"));
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    report.problems[0].to_string()
}

/// Overwrites the uncompressed size of the only entry of `archive`, in its local header and in
/// the central directory, as a hostile archive would to slip past a check of declared sizes.
fn declare_uncompressed_size(archive: &mut [u8], size: u32) {
    assert_eq!(&archive[..4], b"PK\x03\x04");
    archive[22..26].copy_from_slice(&size.to_le_bytes());
    let central = archive
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    archive[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn a_zip_bomb_whose_declared_sizes_lie_is_stopped_by_what_it_really_expands_to() {
    let dir = TempDir::new("lying-bomb");
    // 8 MiB of zeros deflate to about 8 KiB; the archive claims the entry is 100 bytes.
    let mut bomb = zip(&[("bomb.gpx", &vec![0u8; 8 << 20])]);
    declare_uncompressed_size(&mut bomb, 100);
    let outer = zip_with(
        &[("bomb.zip", &bomb), ("run.gpx", GPX_RUN.as_bytes())],
        zip::CompressionMethod::Stored,
    );
    let path = dir.write("export.zip", &outer);
    let limits = Limits {
        max_ratio: 100,
        ..Limits::default()
    };
    let reports = read(&path, limits);
    assert_eq!(
        statuses(&reports),
        [
            ("bomb.zip!bomb.gpx".to_owned(), "error"),
            ("run.gpx".to_owned(), "ok")
        ]
    );
    // The zip reader stops at the declared size ("larger than its declared uncompressed
    // size"); the import's own guard on the real ratio stands behind it.
    let problem = problem_of(&reports, "bomb.zip!bomb.gpx");
    assert!(
        problem.starts_with(&format!(
            "{}!bomb.zip!bomb.gpx: cannot read the file: ",
            path.display()
        )),
        "{problem}"
    );
    assert!(
        problem.contains("declared uncompressed size") || problem.ends_with("the mark of a zip bomb)"),
        "stopped for another reason than its size: {problem}"
    );
}

#[test]
fn a_zip_bomb_by_ratio_is_refused_at_the_default_limits_before_it_is_expanded() {
    let dir = TempDir::new("ratio");
    // 64 MiB of zeros: deflate reaches about 1030:1, over the default 1000.
    let bomb = zip(&[
        ("bomb.csv", &vec![0u8; 64 << 20]),
        ("strong.csv", STRONG.as_bytes()),
    ]);
    let path = dir.write("bomb.zip", &bomb);
    let reports = read(&path, Limits::default());
    assert_eq!(
        statuses(&reports),
        [("bomb.csv".to_owned(), "error"), ("strong.csv".to_owned(), "ok")]
    );
    let problem = problem_of(&reports, "bomb.csv");
    assert!(
        problem.starts_with(&format!(
            "{}!bomb.csv: cannot read the file: refused: it would expand ",
            path.display()
        )),
        "{problem}"
    );
    assert!(problem.ends_with("the mark of a zip bomb"), "{problem}");
}

#[test]
fn more_entries_than_the_default_limit_is_an_error_for_the_archive() {
    let dir = TempDir::new("entries");
    let limit = Limits::default().max_entries;
    // Empty stored entries keep the archive small (about 100 bytes each).
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..=limit {
        writer.start_file(format!("{i}.txt"), stored).unwrap();
    }
    let archive = writer.finish().unwrap().into_inner();
    let path = dir.write("many.zip", &archive);
    let reports = read(&path, Limits::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Error);
    assert_eq!(
        reports[0].problems[0].to_string(),
        format!(
            "{}: cannot read the file: the zip archive lists 200001 entries, more than the 200000 runlift \
             reads from one archive",
            path.display()
        )
    );
}

#[test]
fn the_entry_limit_counts_the_entries_of_nested_archives_too() {
    let dir = TempDir::new("nested-entries");
    let inner = zip(&[
        ("a.gpx", GPX_RUN.as_bytes()),
        ("b.gpx", GPX_RUN.as_bytes()),
        ("c.gpx", GPX_RUN.as_bytes()),
    ]);
    let outer = zip(&[("one.zip", &inner), ("two.zip", &inner), ("three.zip", &inner)]);
    let path = dir.write("outer.zip", &outer);
    let limits = Limits {
        max_entries: 5,
        ..Limits::default()
    };
    let reports = read(&path, limits);
    let left_out = reports.iter().filter(|r| r.status == FileStatus::Error).count();
    // 3 archives and 9 files: 12 entries, 7 over the limit.
    assert!(left_out >= 4, "{:?}", statuses(&reports));
}

/// A GPX run inside `levels` zips, each inside the next.
fn nested(levels: usize) -> Vec<u8> {
    let mut archive = zip(&[("run.gpx", GPX_RUN.as_bytes())]);
    for level in 1..levels {
        archive = zip(&[(&format!("level{level}.zip"), &archive)]);
    }
    archive
}

#[test]
fn archives_nest_four_deep_at_the_default_limit_and_a_fifth_is_refused() {
    let dir = TempDir::new("depth");
    let four = dir.write("four.zip", &nested(4));
    let reports = read(&four, Limits::default());
    assert_eq!(
        statuses(&reports),
        [("level3.zip!level2.zip!level1.zip!run.gpx".to_owned(), "ok")]
    );

    let five = dir.write("five.zip", &nested(5));
    let reports = read(&five, Limits::default());
    assert_eq!(
        statuses(&reports),
        [("level4.zip!level3.zip!level2.zip!level1.zip".to_owned(), "error")]
    );
    assert_eq!(
        problem_of(&reports, "level4.zip!level3.zip!level2.zip!level1.zip"),
        format!(
            "{}!level4.zip!level3.zip!level2.zip!level1.zip: cannot read the file: archives nested more \
             than 4 deep are not opened",
            five.display()
        )
    );
}

#[test]
fn gzip_counts_as_a_level_of_nesting() {
    let dir = TempDir::new("gz-depth");
    // gz, zip, gz, zip: four levels, then a gz that is the fifth.
    let innermost = gzip(&gzip(GPX_RUN.as_bytes()));
    let archive = gzip(&zip(&[("inner.gz", &gzip(&zip(&[("run.gpx.gz", &innermost)])))]));
    let path = dir.write("export.zip.gz", &archive);
    let reports = read(&path, Limits::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Error);
    assert!(
        reports[0].problems[0]
            .to_string()
            .ends_with("cannot read the file: archives nested more than 4 deep are not opened"),
        "{}",
        reports[0].problems[0]
    );
}

#[test]
fn zero_byte_zip_and_gz_files_are_errors_naming_them() {
    let dir = TempDir::new("zero");
    for name in ["empty.zip", "empty.gz", "empty.fit.gz"] {
        let path = dir.write(name, b"");
        let reports = read(&path, Limits::default());
        assert_eq!(reports.len(), 1, "{name}");
        assert_eq!(reports[0].status, FileStatus::Error, "{name}");
        assert_eq!(
            reports[0].problems[0].to_string(),
            format!("{}: the file is empty", path.display())
        );
    }
}

#[test]
fn a_gz_holding_nothing_is_an_error_naming_it() {
    let dir = TempDir::new("gz-nothing");
    let path = dir.write("run.gpx.gz", &gzip(b""));
    let reports = read(&path, Limits::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Error);
    assert_eq!(
        reports[0].problems[0].to_string(),
        format!("{}: the file is empty", path.display())
    );
}

#[test]
fn a_corrupt_entry_among_good_ones_is_an_error_and_the_good_ones_import() {
    let dir = TempDir::new("corrupt-entry");
    let damaged_text = GPX_RUN.replace("Morning Run", "Damaged Run");
    let mut archive = zip_with(
        &[
            ("first.gpx", GPX_RUN.as_bytes()),
            ("damaged.gpx", damaged_text.as_bytes()),
            ("strong.csv", STRONG.as_bytes()),
        ],
        zip::CompressionMethod::Stored,
    );
    // Stored entries hold their bytes as they are: change one letter of the damaged one, so
    // its CRC no longer matches.
    let at = archive
        .windows(11)
        .position(|w| w == b"Damaged Run")
        .expect("the stored entry");
    archive[at] = b'X';
    let path = dir.write("export.zip", &archive);
    let reports = read(&path, Limits::default());
    assert_eq!(
        statuses(&reports),
        [
            ("damaged.gpx".to_owned(), "error"),
            ("first.gpx".to_owned(), "ok"),
            ("strong.csv".to_owned(), "ok")
        ]
    );
    let problem = problem_of(&reports, "damaged.gpx");
    assert!(
        problem.starts_with(&format!("{}!damaged.gpx: cannot read the file: ", path.display())),
        "{problem}"
    );
    assert_eq!(reports.iter().map(|r| r.activities.len()).sum::<usize>(), 2);
}

#[test]
fn a_gz_expanding_past_the_in_memory_bound_is_an_error_naming_it() {
    let dir = TempDir::new("gz-bomb");
    let path = dir.write("bomb.fit.gz", &gzip(&vec![b' '; 3 << 20]));
    let limits = Limits {
        max_in_memory_bytes: 1 << 20,
        ..Limits::default()
    };
    let reports = read(&path, limits);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Error);
    assert_eq!(
        reports[0].problems[0].to_string(),
        format!(
            "{}: cannot read the file: larger than 1 MiB once decompressed, the most runlift reads into \
             memory; is it really an activity file?",
            path.display()
        )
    );
}

fn apple_health_export_cut_by_the_stream_bound() -> (TempDir, PathBuf, Vec<FileReport>) {
    let dir = TempDir::new("stream-bound");
    let export =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/apple-health/export.xml"))
            .unwrap();
    let path = dir.write("export.xml", &export);
    let limits = Limits {
        max_stream_bytes: (export.len() / 2) as u64,
        ..Limits::default()
    };
    let reports = read(&path, limits);
    (dir, path, reports)
}

#[test]
fn an_apple_health_stream_past_the_stream_bound_is_an_error_naming_the_bound() {
    let (_dir, path, reports) = apple_health_export_cut_by_the_stream_bound();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].status, FileStatus::Error);
    assert_eq!(reports[0].problems.len(), 1);
    let limit = std::fs::metadata(&path).unwrap().len() / 2;
    assert_eq!(
        reports[0].problems[0].to_string(),
        format!(
            "{}: cannot read the file: larger than {limit} bytes, the most runlift reads from one stream \
             (Limits::max_stream_bytes)",
            path.display()
        )
    );
}

#[test]
fn entries_past_the_total_size_bound_are_left_out_each_named() {
    let dir = TempDir::new("total");
    // One set per workout, a minute apart: 12,000 rows of ordinary workouts.
    let rows: String = (0..12_000)
        .map(|i| {
            let (day, minute) = (1 + i / 1440, i % 1440);
            let (hour, minute) = (minute / 60, minute % 60);
            format!("2026-01-{day:02} {hour:02}:{minute:02}:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n")
        })
        .collect();
    let csv = format!("{}\n{rows}", STRONG.lines().next().unwrap());
    let names = ["a.csv", "b.csv", "c.csv"];
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, csv.as_bytes())).collect();
    let path = dir.write("export.zip", &zip(&entries));
    // Room for two of the three entries.
    let limits = Limits {
        max_total_bytes: 2 * csv.len() as u64 + 1,
        ..Limits::default()
    };
    let reports = read(&path, limits);
    assert_eq!(reports.len(), 3);
    let left_out: Vec<&FileReport> = reports.iter().filter(|r| r.status == FileStatus::Error).collect();
    assert_eq!(
        left_out.len(),
        1,
        "{:?}",
        reports
            .iter()
            .map(|r| r.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    let entry = left_out[0].inner_path.as_ref().unwrap().to_string();
    let message = left_out[0].problems[0].to_string();
    assert!(
        message.starts_with(&format!(
            "{}!{entry}: cannot read the file: left out: the archive would expand to more than ",
            path.display()
        )),
        "{message}"
    );
    assert_eq!(reports.iter().filter(|r| r.status == FileStatus::Ok).count(), 2);
}

#[test]
fn entry_names_holding_a_bang_stay_one_entry_and_nested_archives_keep_their_chain() {
    let dir = TempDir::new("bang");
    let inner = zip(&[("deep!er run.gpx", GPX_RUN.as_bytes())]);
    let path = dir.write(
        "export.zip",
        &zip(&[
            ("runs!2026/morning.gpx", GPX_RUN.as_bytes()),
            ("inner!archive.zip", &inner),
            ("gz!ipped.gpx.gz", &gzip(GPX_RUN.as_bytes())),
        ]),
    );
    let reports = read(&path, Limits::default());
    let entries: Vec<Vec<&str>> = reports
        .iter()
        .map(|r| {
            let inner = r.inner_path.as_ref().expect("every report is of an entry");
            inner.entries().iter().map(String::as_str).collect()
        })
        .collect();
    assert_eq!(
        entries,
        [
            vec!["gz!ipped.gpx"],
            vec!["inner!archive.zip", "deep!er run.gpx"],
            vec!["runs!2026/morning.gpx"],
        ],
        "{reports:?}"
    );
    for report in &reports {
        assert_eq!(report.status, FileStatus::Ok, "{report:?}");
        let activity = &report.activities[0];
        assert_eq!(activity.source.inner_path, report.inner_path);
    }
    // People read the chain joined with `!`.
    assert_eq!(
        reports[1].display_name(),
        format!("{}!inner!archive.zip!deep!er run.gpx", path.display())
    );
}
