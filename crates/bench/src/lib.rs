//! The inputs of runlift's benchmark suite, generated so that anyone can reproduce the figures:
//! FIT files shifted in time ([`shift_fit`]), large Apple Health, GPX and TCX exports
//! ([`xml_inputs`]), a Strava-shaped bulk export ([`write_strava_zip`]) and a large export of
//! every CSV dialect ([`csv_inputs`]), ten years of training for the store
//! ([`store_inputs`]). The
//! `runlift-bench` binary times runlift and the tools users would otherwise use on them.
//!
//! ```
//! use runlift_bench::shift_fit;
//! use runlift_model::{SourceFormat, SourceRef};
//!
//! let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/sample.fit"));
//! if let Ok(sample) = sample {
//!     let source = SourceRef::file("sample.fit", SourceFormat::Fit);
//!     let day_later = shift_fit(&sample, 86_400).unwrap();
//!     let before = runlift_fit::parse_fit(&sample, &source).unwrap().activities[0].start;
//!     let after = runlift_fit::parse_fit(&day_later, &source).unwrap().activities[0].start;
//!     assert_eq!(after.as_second() - before.as_second(), 86_400);
//! }
//! ```

#![deny(missing_docs)]

pub mod csv_inputs;
#[allow(missing_docs)]
#[path = "../../../tests/pipeline_store/common.rs"]
pub mod store_common;
pub mod store_inputs;
pub mod xml_inputs;

use std::io::Write;

use runlift_fit_testkit::crc16;

/// Why a FIT file could not be shifted: the generator only accepts well-formed files.
#[derive(Debug, PartialEq, Eq)]
pub struct NotFit(pub &'static str);

const FILE_ID: u16 = 0;
const SESSION: u16 = 18;
const LAP: u16 = 19;
const ACTIVITY: u16 = 34;
const TIMESTAMP_FIELD: u8 = 253;
const INVALID_U32: u32 = u32::MAX;

/// Whether field `number` of message `global` holds a FIT date-time (seconds since
/// 1989-12-31) that has to move with the activity.
fn is_date_time(global: u16, number: u8) -> bool {
    number == TIMESTAMP_FIELD
        || (global == FILE_ID && number == 4)
        || ((global == SESSION || global == LAP) && number == 2)
        || (global == ACTIVITY && number == 5)
}

/// Layout of one local message type, from its definition message.
#[derive(Clone, Default)]
struct Definition {
    big_endian: bool,
    global: u16,
    /// (field number, size) in order.
    fields: Vec<(u8, usize)>,
    developer_bytes: usize,
}

/// `fit` with every date-time moved by `seconds` (timestamps of all messages, the file's
/// creation time, the start times of sessions and laps, the activity's local time) and both
/// CRCs recomputed: the same activity, recorded at another time.
pub fn shift_fit(fit: &[u8], seconds: i64) -> Result<Vec<u8>, NotFit> {
    let header_size = usize::from(*fit.first().ok_or(NotFit("empty"))?);
    if header_size < 12 || fit.len() < header_size + 2 || &fit[8..12] != b".FIT" {
        return Err(NotFit("no FIT header"));
    }
    let data_size = u32::from_le_bytes(fit[4..8].try_into().expect("4 bytes")) as usize;
    let data_end = header_size + data_size;
    if fit.len() < data_end + 2 {
        return Err(NotFit("shorter than its header says"));
    }
    let mut out = fit[..data_end].to_vec();
    let mut definitions: Vec<Option<Definition>> = vec![None; 16];
    let mut at = header_size;
    while at < data_end {
        let record_header = out[at];
        at += 1;
        if record_header & 0x80 == 0 && record_header & 0x40 != 0 {
            let local = usize::from(record_header & 0x0F);
            let fixed = out.get(at..at + 5).ok_or(NotFit("definition cut"))?;
            let big_endian = fixed[1] == 1;
            let global_bytes = [fixed[2], fixed[3]];
            let global = if big_endian {
                u16::from_be_bytes(global_bytes)
            } else {
                u16::from_le_bytes(global_bytes)
            };
            let field_count = usize::from(fixed[4]);
            at += 5;
            let field_bytes = out
                .get(at..at + 3 * field_count)
                .ok_or(NotFit("definition cut"))?;
            let fields = field_bytes.chunks(3).map(|f| (f[0], usize::from(f[1]))).collect();
            at += 3 * field_count;
            let mut developer_bytes = 0;
            if record_header & 0x20 != 0 {
                let count = usize::from(*out.get(at).ok_or(NotFit("definition cut"))?);
                let developer = out
                    .get(at + 1..at + 1 + 3 * count)
                    .ok_or(NotFit("definition cut"))?;
                developer_bytes = developer.chunks(3).map(|f| usize::from(f[1])).sum();
                at += 1 + 3 * count;
            }
            definitions[local] = Some(Definition {
                big_endian,
                global,
                fields,
                developer_bytes,
            });
            continue;
        }
        // Compressed-timestamp headers hold an offset from the last full timestamp, which
        // moves with it, so only their data needs walking.
        let local = if record_header & 0x80 != 0 {
            usize::from((record_header >> 5) & 0x03)
        } else {
            usize::from(record_header & 0x0F)
        };
        let definition = definitions[local]
            .as_ref()
            .ok_or(NotFit("data before its definition"))?;
        for &(number, size) in &definition.fields {
            let field = out.get_mut(at..at + size).ok_or(NotFit("data message cut"))?;
            if size == 4 && is_date_time(definition.global, number) {
                let bytes: [u8; 4] = field.try_into().expect("4 bytes");
                let value = if definition.big_endian {
                    u32::from_be_bytes(bytes)
                } else {
                    u32::from_le_bytes(bytes)
                };
                if value != INVALID_U32 {
                    let moved = u32::try_from(i64::from(value) + seconds)
                        .map_err(|_| NotFit("shifted out of range"))?;
                    let moved = if definition.big_endian {
                        moved.to_be_bytes()
                    } else {
                        moved.to_le_bytes()
                    };
                    field.copy_from_slice(&moved);
                }
            }
            at += size;
        }
        at += definition.developer_bytes;
    }
    if at != data_end {
        return Err(NotFit("last message runs past the data"));
    }
    if header_size >= 14 {
        let header_crc = crc16(0, &out[..12]);
        out[12..14].copy_from_slice(&header_crc.to_le_bytes());
    }
    let file_crc = crc16(0, &out);
    out.extend_from_slice(&file_crc.to_le_bytes());
    Ok(out)
}

/// One activity of a generated Strava export: its id, start (Unix seconds) and FIT file.
pub struct StravaActivity {
    /// Strava's activity id, which names the file (`activities/<id>.fit.gz`).
    pub id: u64,
    /// Start time, Unix seconds, as the CSV's `Activity Date` (UTC) gives it.
    pub start_unix: i64,
    /// Elapsed seconds, as the CSV gives it.
    pub elapsed_seconds: u64,
    /// The activity's FIT file, stored gzipped as Strava does.
    pub fit: Vec<u8>,
}

/// Writes a Strava-shaped bulk export: `activities.csv` (one row per activity, naming its file
/// in `Filename`) and `activities/<id>.fit.gz` for each activity, as Strava's "Download your
/// data" zip lays it out.
pub fn write_strava_zip(
    out: impl Write + std::io::Seek,
    activities: &[StravaActivity],
) -> std::io::Result<()> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(out);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut csv = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename\n",
    );
    for activity in activities {
        let start = jiff::Timestamp::from_second(activity.start_unix)
            .map_err(std::io::Error::other)?
            .strftime("%b %-d, %Y, %-I:%M:%S %p");
        csv.push_str(&format!(
            "{},\"{start}\",Morning Run,Run,,{},10.02,activities/{}.fit.gz\n",
            activity.id, activity.elapsed_seconds, activity.id
        ));
    }
    zip.start_file("activities.csv", stored)?;
    zip.write_all(csv.as_bytes())?;
    for activity in activities {
        zip.start_file(format!("activities/{}.fit.gz", activity.id), stored)?;
        let mut gz = flate2::write::GzEncoder::new(&mut zip, flate2::Compression::default());
        gz.write_all(&activity.fit)?;
        gz.finish()?;
    }
    zip.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::{SourceFormat, SourceRef};

    fn sample() -> Option<Vec<u8>> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/sample.fit");
        match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                println!("shared corpus not found at {path}; skipping");
                None
            }
        }
    }

    #[test]
    fn shifted_fit_reads_with_the_start_moved_and_everything_else_kept() {
        let Some(sample) = sample() else { return };
        let source = SourceRef::file("sample.fit", SourceFormat::Fit);
        let original = runlift_fit::parse_fit(&sample, &source).unwrap();
        let shifted_bytes = shift_fit(&sample, 3 * 86_400 + 17).unwrap();
        assert_eq!(shifted_bytes.len(), sample.len());
        let shifted = runlift_fit::parse_fit(&shifted_bytes, &source).unwrap();
        assert!(shifted.warnings.is_empty(), "{:?}", shifted.warnings);
        assert_eq!(shifted.activities.len(), original.activities.len());
        let (before, after) = (&original.activities[0], &shifted.activities[0]);
        assert_eq!(
            after.start.as_second() - before.start.as_second(),
            3 * 86_400 + 17
        );
        assert_eq!(after.elapsed, before.elapsed);
        assert_eq!(after.distance_m, before.distance_m);
        // fitparser checks both CRCs.
        assert!(fitparser::from_bytes(&shifted_bytes).is_ok());
    }

    #[test]
    fn shifting_by_nothing_gives_the_same_bytes() {
        let Some(sample) = sample() else { return };
        assert_eq!(shift_fit(&sample, 0).unwrap(), sample);
    }

    #[test]
    fn not_fit_is_refused() {
        assert!(shift_fit(b"<gpx></gpx> and more bytes", 1).is_err());
        assert!(shift_fit(b"", 1).is_err());
    }

    #[test]
    fn strava_zip_imports_every_row_joined_with_its_file() {
        let Some(sample) = sample() else { return };
        let source = SourceRef::file("sample.fit", SourceFormat::Fit);
        let start = runlift_fit::parse_fit(&sample, &source).unwrap().activities[0]
            .start
            .as_second();
        let activities: Vec<StravaActivity> = (0..3)
            .map(|day| StravaActivity {
                id: 1000 + day,
                start_unix: start + day as i64 * 86_400,
                elapsed_seconds: 3600,
                fit: shift_fit(&sample, day as i64 * 86_400).unwrap(),
            })
            .collect();
        let dir = std::env::temp_dir().join(format!("runlift-bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("export.zip");
        write_strava_zip(std::fs::File::create(&path).unwrap(), &activities).unwrap();
        let report = runlift_import::pipeline::read_files(
            std::slice::from_ref(&path),
            &Default::default(),
            &runlift_import::Silent,
        );
        std::fs::remove_dir_all(&dir).unwrap();
        // The CSV rows are joined with their FIT files: three activities, not six.
        assert_eq!(report.activities().count(), 3);
        assert!(!report.has_failures());
        let mut starts: Vec<i64> = report.activities().map(|a| a.start.as_second() - start).collect();
        starts.sort_unstable();
        assert_eq!(starts, [0, 86_400, 2 * 86_400]);
        assert!(
            report
                .activities()
                .all(|a| a.name.as_deref() == Some("Morning Run"))
        );
    }
}
