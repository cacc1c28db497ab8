//! Renders what runlift computed and read: the weekly balance and the per-file inspection, as
//! a terminal table or as JSON.
//!
//! - [`balance_table`] and [`balance_json`] render a [`BalanceReport`] from `runlift-analysis`.
//! - [`inspect_text`] and [`inspect_json`] render the [`FileReport`]s of `runlift-import`: what
//!   was parsed from each file.
//!
//! The JSON field names are a contract that scripts rely on; `docs/report-json.md` documents
//! them. Renderers return strings and never print: the binary decides where they go.
//!
//! ```
//! use runlift_analysis::{BalanceReport, WeekFigures, week_label};
//! use runlift_report::balance_json;
//!
//! let report = BalanceReport { time_zone: "UTC".into(), weeks: vec![], warnings: vec![] };
//! let json: serde_json::Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
//! assert_eq!(json["schema_version"], 1);
//! assert_eq!(json["weeks"].as_array().unwrap().len(), 0);
//! ```
#![deny(missing_docs)]

use std::fmt::Write as _;

use runlift_analysis::{BalanceReport, WeekFigures, week_label};
use runlift_import::{FileReport, FileStatus, ImportReport};
use runlift_model::{Activity, StrengthSet};
use serde::Serialize;

/// The version of the JSON report's shape; raised when a field changes meaning or goes away
/// (adding a field does not raise it).
pub const SCHEMA_VERSION: u32 = 1;

/// Formats seconds as `h:mm:ss`.
pub fn format_duration(seconds: f64) -> String {
    let total = seconds.round().max(0.0) as u64;
    format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

/// The weekly balance as a plain-text table for a terminal, followed by the warnings.
pub fn balance_table(report: &BalanceReport) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (report.weeks.first(), report.weeks.last()) else {
        let _ = writeln!(out, "No activities to report.");
        return out;
    };
    let _ = writeln!(
        out,
        "Weekly balance {} to {} (days in {})",
        first.label(),
        last.label(),
        report.time_zone
    );
    let _ = writeln!(out);
    let header = [
        "Week",
        "Runs",
        "Run km",
        "Run time",
        "Strength",
        "Str time",
        "Sets",
        "Other",
        "Str share",
    ];
    let rows: Vec<[String; 9]> = report.weeks.iter().map(table_row).collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i == 0 {
                let _ = write!(text, "{cell:<width$}");
            } else {
                let _ = write!(text, "  {cell:>width$}");
            }
        }
        text
    };
    let _ = writeln!(out, "{}", line(&header));
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", line(&cells));
    }
    let _ = writeln!(out);
    if report.warnings.is_empty() {
        let _ = writeln!(out, "No warnings.");
    } else {
        let _ = writeln!(out, "Warnings:");
        for warning in &report.warnings {
            let _ = writeln!(
                out,
                "  {} [{}] {}",
                warning.severity.name(),
                warning.id,
                warning.message
            );
        }
    }
    out
}

fn table_row(week: &WeekFigures) -> [String; 9] {
    let share = week
        .strength_share()
        .map(|s| format!("{:.0} %", s * 100.0))
        .unwrap_or_else(|| "-".to_owned());
    [
        week.label(),
        week.runs.to_string(),
        format!("{:.2}", week.run_distance_m / 1000.0),
        format_duration(week.run_time_s),
        week.strength_sessions.to_string(),
        format_duration(week.strength_time_s),
        week.working_sets.to_string(),
        week.other_sessions.to_string(),
        share,
    ]
}

#[derive(Serialize)]
struct BalanceJson<'a> {
    schema_version: u32,
    time_zone: &'a str,
    weeks: Vec<WeekJson>,
    warnings: Vec<WarningJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<InputsJson>,
}

#[derive(Serialize)]
struct WeekJson {
    week: String,
    week_start: String,
    runs: u32,
    run_distance_m: f64,
    run_time_s: u64,
    strength_sessions: u32,
    strength_time_s: u64,
    working_sets: u32,
    other_sessions: u32,
    other_time_s: u64,
    strength_share: Option<f64>,
}

#[derive(Serialize)]
struct WarningJson {
    id: &'static str,
    severity: &'static str,
    week: String,
    week_start: String,
    message: String,
}

#[derive(Serialize)]
struct InputsJson {
    files: usize,
    ok: usize,
    partial: usize,
    error: usize,
    skipped: usize,
    activities: usize,
}

/// Rounds to a tenth: metres to the decimetre, shares to 0.1 %, enough for any report and free
/// of floating-point noise such as `24200.000000000004`.
fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn seconds(value: f64) -> u64 {
    value.round().max(0.0) as u64
}

/// The weekly balance as JSON (see `docs/report-json.md`), with a summary of the inputs when
/// `inputs` is given.
pub fn balance_json(report: &BalanceReport, inputs: Option<&ImportReport>) -> String {
    let weeks = report
        .weeks
        .iter()
        .map(|w| WeekJson {
            week: w.label(),
            week_start: w.week_start.to_string(),
            runs: w.runs,
            run_distance_m: tenth(w.run_distance_m),
            run_time_s: seconds(w.run_time_s),
            strength_sessions: w.strength_sessions,
            strength_time_s: seconds(w.strength_time_s),
            working_sets: w.working_sets,
            other_sessions: w.other_sessions,
            other_time_s: seconds(w.other_time_s),
            strength_share: w.strength_share().map(|s| (s * 1000.0).round() / 1000.0),
        })
        .collect();
    let warnings = report
        .warnings
        .iter()
        .map(|w| WarningJson {
            id: w.id,
            severity: w.severity.name(),
            week: week_label(w.week_start),
            week_start: w.week_start.to_string(),
            message: w.message.clone(),
        })
        .collect();
    let inputs = inputs.map(|r| InputsJson {
        files: r.files.len(),
        ok: r.count(FileStatus::Ok),
        partial: r.count(FileStatus::Partial),
        error: r.count(FileStatus::Error),
        skipped: r.count(FileStatus::Skipped),
        activities: r.activities().count(),
    });
    let json = BalanceJson {
        schema_version: SCHEMA_VERSION,
        time_zone: &report.time_zone,
        weeks,
        warnings,
        inputs,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    text.push('\n');
    text
}

#[derive(Serialize)]
struct InspectJson<'a> {
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: String,
    format: Option<&'static str>,
    status: &'static str,
    messages: Vec<String>,
    notes: &'a [String],
    activities: Vec<ActivityJson<'a>>,
}

#[derive(Serialize)]
struct ActivityJson<'a> {
    id: String,
    sport: &'static str,
    sport_detail: Option<&'a str>,
    name: Option<&'a str>,
    start: String,
    utc_offset_s: Option<i32>,
    elapsed_s: f64,
    moving_s: Option<f64>,
    distance_m: Option<f64>,
    elevation_gain_m: Option<f64>,
    avg_heart_rate: Option<f64>,
    perceived_effort: Option<f64>,
    sets: Vec<SetJson<'a>>,
}

#[derive(Serialize)]
struct SetJson<'a> {
    exercise: &'a str,
    exercise_key: Option<&'static str>,
    muscle_groups: Vec<&'static str>,
    kind: &'static str,
    reps: Option<u32>,
    weight_kg: Option<f64>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
}

fn file_messages(file: &FileReport) -> Vec<String> {
    let mut messages: Vec<String> = file.problems.iter().map(|p| p.message()).collect();
    if let Some(reason) = &file.skip_reason {
        messages.push(reason.clone());
    }
    messages
}

fn activity_json(a: &Activity) -> ActivityJson<'_> {
    // Three decimals: millimetres and milliseconds, far below what any device measures.
    let milli = |v: f64| (v * 1000.0).round() / 1000.0;
    ActivityJson {
        id: a.id.to_string(),
        sport: a.sport.category(),
        sport_detail: a.sport.detail(),
        name: a.name.as_deref(),
        start: a.start.to_string(),
        utc_offset_s: a.utc_offset.map(|o| o.seconds()),
        elapsed_s: milli(a.elapsed.as_secs_f64()),
        moving_s: a.moving.map(|d| milli(d.as_secs_f64())),
        distance_m: a.distance_m.map(milli),
        elevation_gain_m: a.elevation_gain_m.map(milli),
        avg_heart_rate: a.avg_heart_rate.map(milli),
        perceived_effort: a.perceived_effort,
        sets: a.sets.iter().map(set_json).collect(),
    }
}

fn set_json(s: &StrengthSet) -> SetJson<'_> {
    SetJson {
        exercise: &s.exercise_name,
        exercise_key: s.exercise.map(|e| e.key),
        muscle_groups: s.muscle_groups().iter().map(|g| g.name()).collect(),
        kind: s.kind.name(),
        reps: s.reps,
        weight_kg: s.weight_kg,
        duration_s: s.duration.map(|d| d.as_secs_f64()),
        distance_m: s.distance_m,
    }
}

/// What was read from each file, as JSON (see `docs/report-json.md`).
pub fn inspect_json(files: &[FileReport]) -> String {
    let files = files
        .iter()
        .map(|f| FileJson {
            path: f.path.display().to_string(),
            format: f.format.map(|format| format.name()),
            status: f.status.name(),
            messages: file_messages(f),
            notes: &f.notes,
            activities: f.activities.iter().map(activity_json).collect(),
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&InspectJson { files }).expect("plain data always serialises");
    text.push('\n');
    text
}

/// What was read from each file, for a person.
pub fn inspect_text(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        let format = file.format.map_or("unknown format", |f| f.name());
        let _ = writeln!(out, "{}: {format}, {}", file.path.display(), file.status.name());
        for message in file_messages(file) {
            let _ = writeln!(out, "  ! {message}");
        }
        for note in &file.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        for a in &file.activities {
            let _ = writeln!(out, "  {}", activity_line(a));
            for set in &a.sets {
                let _ = writeln!(out, "      {}", set_line(set));
            }
        }
    }
    out
}

fn activity_line(a: &Activity) -> String {
    let mut line = format!("{}", a.sport);
    if let Some(name) = &a.name {
        let _ = write!(line, " \"{name}\"");
    }
    let _ = write!(line, ", {}", a.start);
    if let Some(offset) = a.utc_offset {
        let _ = write!(line, " (local {offset})");
    }
    let _ = write!(line, ", elapsed {}", format_duration(a.elapsed.as_secs_f64()));
    if let Some(moving) = a.moving {
        let _ = write!(line, ", moving {}", format_duration(moving.as_secs_f64()));
    }
    if let Some(d) = a.distance_m {
        let _ = write!(line, ", {:.3} km", d / 1000.0);
    }
    if let Some(gain) = a.elevation_gain_m {
        let _ = write!(line, ", +{gain:.0} m");
    }
    if let Some(hr) = a.avg_heart_rate {
        let _ = write!(line, ", avg HR {hr:.0}");
    }
    if !a.sets.is_empty() {
        let _ = write!(line, ", {} sets ({} working)", a.sets.len(), a.working_sets());
    }
    line
}

fn set_line(s: &StrengthSet) -> String {
    let groups: Vec<&str> = s.muscle_groups().iter().map(|g| g.name()).collect();
    let groups = if groups.is_empty() {
        "unclassified".to_owned()
    } else {
        groups.join(", ")
    };
    let mut line = format!("{} [{groups}]", s.exercise_name);
    if let Some(reps) = s.reps {
        let _ = write!(line, " {reps} reps");
    }
    if let Some(kg) = s.weight_kg {
        let _ = write!(line, " x {kg} kg");
    }
    if let Some(d) = s.duration {
        let _ = write!(line, " {} s", d.as_secs_f64());
    }
    if s.kind != runlift_model::SetKind::Working {
        let _ = write!(line, " ({})", s.kind.name());
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_hours_minutes_seconds() {
        assert_eq!(format_duration(0.0), "0:00:00");
        assert_eq!(format_duration(2700.0), "0:45:00");
        assert_eq!(format_duration(8104.4), "2:15:04");
        assert_eq!(format_duration(36000.0), "10:00:00");
    }
}
