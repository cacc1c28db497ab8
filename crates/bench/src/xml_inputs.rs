//! Large XML inputs (Apple Health, GPX, TCX) whose counts are known, written as the devices and
//! apps write them.

use std::io::Write;

/// An Apple Health export holds one workout per this many records (real exports hold
/// millions of records and a few thousand workouts).
pub const RECORDS_PER_WORKOUT: u64 = 3000;

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

/// Writes an Apple Health `export.xml` of about `target` bytes: the DOCTYPE, millions of
/// `<Record>`s of the kinds a phone and a watch write, and one `<Workout>` (two runs, then a
/// strength session) per [`RECORDS_PER_WORKOUT`] records; returns the number of workouts.
pub fn write_apple_health(out: &mut dyn Write, target: u64) -> u64 {
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

/// Writes a GPX of about `target` bytes: one Garmin-style track with elevation, heart rate and
/// cadence, a point a second; returns the number of points.
pub fn write_gpx(out: &mut dyn Write, target: u64) -> u64 {
    let mut out = Counting { out, written: 0 };
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx creator=\"Garmin Connect\" version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n  <trk>\n    <name>Long Run</name>\n    <type>running</type>\n    <trkseg>\n",
    )
    .unwrap();
    let mut points = 0u64;
    while out.written < target {
        let (lat, ele) = course(points);
        let time = jiff::Timestamp::from_second(1_600_000_000 + points as i64).unwrap();
        let point = format!(
            "      <trkpt lat=\"{lat:.7}\" lon=\"13.4050000\">\n        <ele>{:.1}</ele>\n        <time>{time}</time>\n        <extensions>\n          <ns3:TrackPointExtension>\n            <ns3:hr>{}</ns3:hr>\n            <ns3:cad>{}</ns3:cad>\n          </ns3:TrackPointExtension>\n        </extensions>\n      </trkpt>\n",
            ele,
            120 + points % 50,
            80 + points % 10
        );
        out.write_all(point.as_bytes()).unwrap();
        points += 1;
    }
    out.write_all(b"    </trkseg>\n  </trk>\n</gpx>\n").unwrap();
    points
}

/// The latitude and elevation of generated point `point`, a second after the one before: up
/// and down a meridian at 2.2 m/s, climbing and descending 100 m every 4,000 points. Plausible
/// as one long run however long the file (the import leaves out values no run has, such as
/// hundreds of kilometres of climbing).
fn course(point: u64) -> (f64, f64) {
    let back_and_forth = |period: u64| {
        let phase = point % period;
        phase.min(period - phase) as f64
    };
    (
        52.0 + back_and_forth(200_000) * 0.00002,
        30.0 + back_and_forth(4_000) / 20.0,
    )
}

/// Writes a TCX of about `target` bytes: one run in laps of 1000 trackpoints, a point a
/// second; returns the number of trackpoints.
pub fn write_tcx(out: &mut dyn Write, target: u64) -> u64 {
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
                course(points).0,
                course(points).1,
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
