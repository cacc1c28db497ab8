//! Throughput and peak memory of the XML readers on large generated inputs.
//!
//! ```sh
//! cargo run --release -p runlift-xml --example bench_xml            # 1024 MB Apple Health export
//! cargo run --release -p runlift-xml --example bench_xml -- 256     # a smaller one
//! ```
//!
//! Writes, in `$TMPDIR/runlift-bench` (reused when already there and of the right size):
//!
//! - `export-<size>MB.xml`: an Apple Health export of the given size (DOCTYPE, millions of `<Record>`s
//!   of the kinds a phone and a watch write, one `<Workout>` per 3000 records), read as a
//!   stream from the file with [`parse_apple_health`];
//! - `large.gpx` (about 200 MB, one track with heart rate and cadence) and `large.tcx` (about
//!   200 MB, laps of 1000 trackpoints), each read into memory first and timed in
//!   [`parse_gpx`] / [`parse_tcx`] alone (whose peak memory includes the file's bytes).
//!
//! Prints, for each reader, the best of three runs in MB/s of wall-clock time and of CPU time
//! (the latter is steadier on a busy machine), and the peak resident memory (VmHWM from
//! /proc/self/status, reset before each reader through /proc/self/clear_refs); checks the
//! counts read against the counts written. The files are in the page cache (just written or
//! read).

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use runlift_model::{SourceFormat, SourceRef};
use runlift_xml::{parse_apple_health, parse_gpx, parse_tcx};

const MB: u64 = 1 << 20;
const RECORDS_PER_WORKOUT: u64 = 3000;
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
    let bytes = std::fs::read(&gpx).unwrap();
    let source = SourceRef::file(&gpx, SourceFormat::Gpx);
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
    let bytes = std::fs::read(&tcx).unwrap();
    let source = SourceRef::file(&tcx, SourceFormat::Tcx);
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

/// Counts the bytes written, to stop at the target size.
struct Counting<'a> {
    out: &'a mut dyn Write,
    written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A local time `seconds` after 2020-01-01 00:00:00, as Apple writes it, with +0100.
fn apple_date(seconds: u64) -> String {
    let time = jiff::civil::date(2020, 1, 1)
        .at(0, 0, 0, 0)
        .checked_add(jiff::Span::new().seconds(seconds as i64))
        .unwrap();
    format!("{} +0100", time.strftime("%Y-%m-%d %H:%M:%S"))
}

fn write_apple_health(out: &mut dyn Write, target: u64) -> u64 {
    let mut out = Counting { out, written: 0 };
    out.write_all(APPLE_HEADER.as_bytes()).unwrap();
    let watch = "&lt;&lt;HKDevice: 0x2835f1b30&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:9.1&gt;";
    let phone = "&lt;&lt;HKDevice: 0x2835f1a90&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone13,2, software:16.1&gt;";
    let (mut records, mut workouts, mut clock) = (0u64, 0u64, 0u64);
    while out.written < target {
        let start = apple_date(clock);
        let end = apple_date(clock + 60);
        let line = match records % 5 {
            0 => format!(
                " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Annas iPhone\" sourceVersion=\"16.1\" device=\"{phone}\" unit=\"count\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"{}\"/>\n",
                records % 97
            ),
            1 => format!(
                " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Annas Apple Watch\" sourceVersion=\"9.1\" device=\"{watch}\" unit=\"count/min\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{start}\" value=\"{}\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n",
                60 + records % 90
            ),
            2 => format!(
                " <Record type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" sourceName=\"Annas Apple Watch\" sourceVersion=\"9.1\" device=\"{watch}\" unit=\"kcal\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"0.{}\"/>\n",
                records % 1000
            ),
            3 => format!(
                " <Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"Annas iPhone\" sourceVersion=\"16.1\" device=\"{phone}\" unit=\"km\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"0.0{}\"/>\n",
                records % 100
            ),
            _ => format!(
                " <Record type=\"HKQuantityTypeIdentifierHeartRateVariabilitySDNN\" sourceName=\"Annas Apple Watch\" sourceVersion=\"9.1\" device=\"{watch}\" unit=\"ms\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"48.3\">\n  <HeartRateVariabilityMetadataList>\n   <InstantaneousBeatsPerMinute bpm=\"61\" time=\"7:11:40,12 AM\"/>\n   <InstantaneousBeatsPerMinute bpm=\"63\" time=\"7:11:41,07 AM\"/>\n  </HeartRateVariabilityMetadataList>\n </Record>\n"
            ),
        };
        out.write_all(line.as_bytes()).unwrap();
        records += 1;
        clock += 61;
        if records % RECORDS_PER_WORKOUT == 0 {
            let end = apple_date(clock + 1800);
            let (kind, extra) = if workouts % 3 == 2 {
                ("HKWorkoutActivityTypeTraditionalStrengthTraining", String::new())
            } else {
                (
                    "HKWorkoutActivityTypeRunning",
                    format!(
                        "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"{start}\" endDate=\"{end}\" sum=\"5.{}\" unit=\"km\"/>\n  <WorkoutRoute sourceName=\"Annas Apple Watch\" sourceVersion=\"9.1\">\n   <FileReference path=\"/workout-routes/route_{workouts}.gpx\"/>\n  </WorkoutRoute>\n",
                        workouts % 10
                    ),
                )
            };
            let workout = format!(
                " <Workout workoutActivityType=\"{kind}\" duration=\"29.5\" durationUnit=\"min\" sourceName=\"Annas Apple Watch\" sourceVersion=\"9.1\" device=\"{watch}\" creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"0\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"{start}\" duration=\"5.5\" durationUnit=\"min\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{start}\" endDate=\"{end}\" average=\"148\" minimum=\"97\" maximum=\"171\" unit=\"count/min\"/>\n{extra} </Workout>\n"
            );
            out.write_all(workout.as_bytes()).unwrap();
            workouts += 1;
            clock += 1800;
        }
    }
    out.write_all(b"</HealthData>\n").unwrap();
    workouts
}

const APPLE_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
]>
<HealthData locale="de_DE">
 <ExportDate value="2026-07-20 21:04:11 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
"#;

fn write_gpx(out: &mut dyn Write, target: u64) -> u64 {
    let mut out = Counting { out, written: 0 };
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx creator=\"Garmin Connect\" version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n  <trk>\n    <name>Long Run</name>\n    <type>running</type>\n    <trkseg>\n",
    )
    .unwrap();
    let mut points = 0u64;
    while out.written < target {
        let lat = 52.0 + (points % 100_000) as f64 * 0.00002;
        let time = jiff::Timestamp::from_second(1_600_000_000 + points as i64).unwrap();
        let point = format!(
            "      <trkpt lat=\"{lat:.7}\" lon=\"13.4050000\">\n        <ele>{:.1}</ele>\n        <time>{time}</time>\n        <extensions>\n          <ns3:TrackPointExtension>\n            <ns3:hr>{}</ns3:hr>\n            <ns3:cad>{}</ns3:cad>\n          </ns3:TrackPointExtension>\n        </extensions>\n      </trkpt>\n",
            30.0 + (points % 50) as f64,
            120 + points % 50,
            80 + points % 10
        );
        out.write_all(point.as_bytes()).unwrap();
        points += 1;
    }
    out.write_all(b"    </trkseg>\n  </trk>\n</gpx>\n").unwrap();
    points
}

fn write_tcx(out: &mut dyn Write, target: u64) -> u64 {
    let mut out = Counting { out, written: 0 };
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\n  <Activities>\n    <Activity Sport=\"Running\">\n      <Id>2020-09-13T12:26:40.000Z</Id>\n",
    )
    .unwrap();
    let mut points = 0u64;
    while out.written < target {
        let lap_start = jiff::Timestamp::from_second(1_600_000_000 + points as i64).unwrap();
        out.write_all(
            format!(
                "      <Lap StartTime=\"{lap_start}\">\n        <TotalTimeSeconds>1000.0</TotalTimeSeconds>\n        <DistanceMeters>3000.0</DistanceMeters>\n        <AverageHeartRateBpm>\n          <Value>150</Value>\n        </AverageHeartRateBpm>\n        <Track>\n"
            )
            .as_bytes(),
        )
        .unwrap();
        for _ in 0..1000 {
            let time = jiff::Timestamp::from_second(1_600_000_000 + points as i64).unwrap();
            let point = format!(
                "          <Trackpoint>\n            <Time>{time}</Time>\n            <Position>\n              <LatitudeDegrees>{:.7}</LatitudeDegrees>\n              <LongitudeDegrees>13.4050000</LongitudeDegrees>\n            </Position>\n            <AltitudeMeters>{:.1}</AltitudeMeters>\n            <DistanceMeters>{:.1}</DistanceMeters>\n            <HeartRateBpm>\n              <Value>{}</Value>\n            </HeartRateBpm>\n            <Extensions>\n              <ns3:TPX>\n                <ns3:Speed>3.0</ns3:Speed>\n                <ns3:RunCadence>{}</ns3:RunCadence>\n              </ns3:TPX>\n            </Extensions>\n          </Trackpoint>\n",
                52.0 + (points % 100_000) as f64 * 0.00002,
                30.0 + (points % 50) as f64,
                points as f64 * 3.0,
                120 + points % 50,
                80 + points % 10
            );
            out.write_all(point.as_bytes()).unwrap();
            points += 1;
        }
        out.write_all(b"        </Track>\n      </Lap>\n").unwrap();
    }
    out.write_all(b"    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n")
        .unwrap();
    points
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
