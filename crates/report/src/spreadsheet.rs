//! The weekly balance as CSV, one row per week (every week, empty ones included, also in a
//! long silence), safe to open in a spreadsheet. The columns of schema 1 keep their places;
//! those added since stand before `warnings`, which stays last.

use runlift_analysis::{BalanceReport, WeekFigures};
use runlift_model::spreadsheet_text;

use crate::text::{days_elapsed, milli, seconds, tenth};

const COLUMNS: [&str; 40] = [
    "week",
    "week_start",
    "days",
    "rest_days",
    "runs",
    "run_distance_m",
    "run_time_s",
    "run_elevation_gain_m",
    "longest_run_m",
    "hard_runs",
    "long_runs",
    "strength_sessions",
    "strength_time_s",
    "working_sets",
    "reps",
    "volume_kg",
    "lower_body_sets",
    "core_sets",
    "upper_body_sets",
    "unclassified_sets",
    "unclassified_exercises",
    "other_sessions",
    "other_time_s",
    "training_time_s",
    "strength_share",
    "load",
    "acwr",
    "acwr_max",
    "status",
    "in_progress",
    "days_elapsed",
    "run_load",
    "strength_load",
    "races",
    "taper",
    "estimated_duration",
    "default_effort",
    "runs_without_distance",
    "strength_without_sets",
    "warnings",
];

fn optional(value: Option<f64>) -> String {
    value.map(|v| milli(v).to_string()).unwrap_or_default()
}

fn row(week: &WeekFigures, report: &BalanceReport) -> Vec<String> {
    let ids: Vec<&str> = report
        .warnings
        .iter()
        .filter(|w| w.week_start == week.week_start)
        .map(|w| w.id())
        .collect();
    vec![
        week.label(),
        week.week_start.to_string(),
        week.days.to_string(),
        week.rest_days.to_string(),
        week.runs.to_string(),
        tenth(week.run_distance_m).to_string(),
        seconds(week.run_time_s).to_string(),
        tenth(week.run_elevation_gain_m).to_string(),
        tenth(week.longest_run_m).to_string(),
        week.hard_runs.to_string(),
        week.long_runs.to_string(),
        week.strength_sessions.to_string(),
        seconds(week.strength_time_s).to_string(),
        week.working_sets.to_string(),
        week.reps.to_string(),
        tenth(week.volume_kg).to_string(),
        week.muscle_sets.lower_body.to_string(),
        week.muscle_sets.core.to_string(),
        week.muscle_sets.upper_body.to_string(),
        week.unclassified_sets.to_string(),
        week.unclassified_exercises.join("; "),
        week.other_sessions.to_string(),
        seconds(week.other_time_s).to_string(),
        seconds(week.training_time_s()).to_string(),
        optional(week.strength_share()),
        tenth(week.load).to_string(),
        optional(week.acwr),
        optional(week.acwr_max),
        week.status.name().to_owned(),
        week.in_progress().to_string(),
        days_elapsed(report, week).to_string(),
        tenth(week.run_load).to_string(),
        tenth(week.strength_load).to_string(),
        week.races.to_string(),
        week.taper.to_string(),
        week.quality.estimated_duration.to_string(),
        week.quality.default_effort.to_string(),
        week.quality.runs_without_distance.to_string(),
        week.quality.strength_without_sets.to_string(),
        ids.join(" "),
    ]
}

/// The weekly figures as CSV with a header row; the warnings of a week are its last column,
/// as ids separated by spaces. A CSV has no place for a sentence: the silence note
/// ([`BalanceReport::silence_note`]) is for the caller to print beside it (on stderr).
pub fn balance_csv(report: &BalanceReport) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| spreadsheet_text(c)).collect();
        writer
            .write_record(&cells)
            .expect("writing to memory cannot fail");
    };
    write(COLUMNS.iter().map(|c| c.to_string()).collect());
    for week in &report.weeks {
        write(row(week, report));
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are UTF-8")
}
