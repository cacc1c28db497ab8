//! Ten years of training for the store benchmarks: the export a ten-year store is imported
//! from, shared by the suite's `runlift report --store` row and `examples/bench_store.rs`.

use std::fmt::Write as _;
use std::path::Path;

use crate::store_common::gpx_run;

/// What [`write_ten_years`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenYears {
    /// GPX runs, one file each.
    pub runs: usize,
    /// Strength sessions, all in one Strong CSV.
    pub strength_sessions: usize,
    /// Sets of those sessions.
    pub sets: usize,
}

/// Writes ten years into `dir` (2016-01-01 to 2025-12-31): a GPX run on two days of three,
/// a Strong session of 68 sets on the others and, every tenth day, a second one in the
/// evening after the morning run.
pub fn write_ten_years(dir: &Path) -> std::io::Result<TenYears> {
    let runs_dir = dir.join("runs");
    std::fs::create_dir_all(&runs_dir)?;
    let first: jiff::Timestamp = "2016-01-01T06:00:00Z".parse().expect("a valid timestamp");
    let mut csv =
        String::from("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n");
    let exercises = [
        "Squat (Barbell)",
        "Bench Press (Barbell)",
        "Deadlift (Barbell)",
        "Pull Up",
        "Plank",
        "Lunge (Dumbbell)",
        "Overhead Press (Barbell)",
        "Hanging Leg Raise",
    ];
    let mut written = TenYears {
        runs: 0,
        strength_sessions: 0,
        sets: 0,
    };
    for day in 0..3653 {
        let start = first + jiff::SignedDuration::from_hours(24 * day as i64);
        let run_day = day % 3 != 2;
        if run_day {
            let text = gpx_run(&start.to_string(), 1800, 10, 52.0);
            std::fs::write(runs_dir.join(format!("run-{day:05}.gpx")), text)?;
            written.runs += 1;
        }
        if !run_day || day % 10 == 0 {
            let local = start.strftime("%Y-%m-%d 18:00:00").to_string();
            for (i, exercise) in exercises.iter().enumerate() {
                // 9 sets of the first four exercises, 8 of the others: 68 a session.
                for order in 1..=(if i < 4 { 9 } else { 8 }) {
                    let _ = writeln!(csv, "{local},Gym,1h 5m,{exercise},{order},{},8,0,0,", 40 + 5 * i);
                    written.sets += 1;
                }
            }
            written.strength_sessions += 1;
        }
    }
    std::fs::write(dir.join("strong.csv"), csv)?;
    Ok(written)
}
