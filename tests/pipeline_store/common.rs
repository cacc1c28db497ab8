//! Helpers for the pipeline-and-store tests and the store benchmark: scratch folders and GPX runs written the
//! way Garmin Connect writes them, whose figures follow from how they were generated.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system's temporary folder, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("runlift-store-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Degrees of latitude run per second: about 3.34 m/s, a 5:00 /km pace.
pub const DEGREES_PER_SECOND: f64 = 0.00003;

/// A GPX 1.1 run starting at `start` (RFC 3339, UTC), `seconds` long, one point every
/// `step_s` seconds, due north from (`lat`, 13.4) with heart rate.
pub fn gpx_run(start: &str, seconds: u32, step_s: u32, lat: f64) -> String {
    let start: jiff::Timestamp = start.parse().unwrap();
    let mut gpx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gpx creator=\"Garmin Connect\" version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\" \
         xmlns:ns3=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n\
         <trk><name>Generated run</name><type>running</type><trkseg>\n",
    );
    let mut t = 0;
    while t <= seconds {
        let time = start + jiff::SignedDuration::from_secs(i64::from(t));
        let _ = writeln!(
            gpx,
            "<trkpt lat=\"{:.7}\" lon=\"13.4000000\"><ele>40.0</ele><time>{}</time>\
             <extensions><ns3:TrackPointExtension><ns3:hr>{}</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>",
            lat + f64::from(t) * DEGREES_PER_SECOND,
            time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            130 + t % 20,
        );
        t += step_s;
    }
    gpx.push_str("</trkseg></trk></gpx>\n");
    gpx
}

/// Writes `count` daily runs of 30 minutes into `dir`, one file each, starting on 2016-01-01.
pub fn write_daily_runs(dir: &Path, count: usize, step_s: u32) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let first: jiff::Timestamp = "2016-01-01T06:00:00Z".parse().unwrap();
    (0..count)
        .map(|day| {
            let start = first + jiff::SignedDuration::from_hours(24 * day as i64);
            let path = dir.join(format!("run-{day:05}.gpx"));
            let text = gpx_run(&start.to_string(), 1800, step_s, 52.0 + (day % 50) as f64 * 0.01);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// The workspace's root folder (these helpers serve the root package's tests and the
/// benchmark crate's store benchmark alike).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .expect("the workspace root holds Cargo.lock")
        .to_path_buf()
}

/// The shared corpus, or `None` (having said so) when it is not there and not required.
pub fn corpus() -> Option<PathBuf> {
    runlift_corpus::corpus()
}

/// The repository's fixtures folder.
pub fn fixtures() -> PathBuf {
    workspace().join("fixtures")
}
