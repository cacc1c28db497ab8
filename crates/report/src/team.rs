//! A coach's view: one line per athlete for the week in progress and the last complete week,
//! in the five formats of the balance report.
//!
//! Each line is made from the athlete's own [`BalanceReport`] (so a line never disagrees with
//! that athlete's `runlift report`) and activities. An athlete whose data stopped arriving (a
//! [`runlift_analysis::Silence`]) is flagged as such: the lapses the checks find in weeks
//! without any data say that the data is missing, not that the athlete stopped training, so
//! the line shows where the data ends instead of a warning.

use std::fmt::Write as _;

use jiff::civil::Date;
use runlift_analysis::{AsOf, BalanceReport, Severity, WeekFigures, WeekStatus, local_date};
use runlift_model::{Activity, Sport, spreadsheet_text};
use serde::Serialize;

use crate::html::html_escape;
use crate::json::AsOfJson;
use crate::markdown::markdown_escape;
use crate::terminal::terminal_safe;
use crate::text::{km, milli, percent, tenth};

/// The version of the team JSON's layout (docs/report-json.md, "runlift team").
pub const TEAM_SCHEMA_VERSION: u32 = 1;

/// Weeks drawn in each athlete's chart on the HTML page.
pub const CHART_WEEKS: usize = 8;

/// One athlete's week, as the team view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamWeek {
    /// The ISO week, `2026-W07`.
    pub week: String,
    /// Its Monday.
    pub week_start: String,
    /// `complete`, `in_progress` or `partial_start`.
    pub status: &'static str,
    /// Runs.
    pub runs: u32,
    /// Run distance in metres.
    pub run_distance_m: f64,
    /// Strength sessions.
    pub strength_sessions: u32,
    /// Strength time as a share of all training time; `None` in a week without training.
    pub strength_share: Option<f64>,
}

impl TeamWeek {
    fn of(week: &WeekFigures) -> TeamWeek {
        TeamWeek {
            week: week.label(),
            week_start: week.week_start.to_string(),
            status: week.status.name(),
            runs: week.runs,
            run_distance_m: tenth(week.run_distance_m),
            strength_sessions: week.strength_sessions,
            strength_share: week.strength_share().map(milli),
        }
    }
}

/// The worst warning of an athlete's two weeks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamWarning {
    /// The check's stable id (`strength-missing`).
    pub id: &'static str,
    /// `info`, `warning` or `alert`.
    pub severity: &'static str,
    /// The week it concerns.
    pub week: String,
    /// The finding, for people.
    pub message: String,
    #[serde(skip)]
    rank: Severity,
}

/// Where an athlete's data ends, when it ends a week or more before the as-of day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DataStopped {
    /// The day of the last activity.
    #[serde(serialize_with = "day")]
    pub last_activity: Date,
    /// Days without any activity since then, up to the as-of day.
    pub days: u32,
}

/// One athlete's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamLine {
    /// The athlete's name.
    pub athlete: String,
    /// The week in progress; `None` when the as-of day ends its week.
    pub this_week: Option<TeamWeek>,
    /// The last week that is over.
    pub last_week: Option<TeamWeek>,
    /// The worst warning of those two weeks; `None` when there is none, or when the data
    /// stopped (see `data_stopped`).
    pub worst_warning: Option<TeamWarning>,
    /// All warnings of those two weeks.
    pub warnings: usize,
    /// Days from the last strength session to the as-of day; `None` without any.
    pub days_since_strength: Option<i32>,
    /// Days from the last run to the as-of day; `None` without any.
    pub days_since_run: Option<i32>,
    /// The day of the last activity of any sport.
    #[serde(serialize_with = "optional_day")]
    pub last_activity: Option<Date>,
    /// Set when the data ends a week or more before the as-of day: the data stopped arriving
    /// (an old export, a watch not synced), which is said instead of the lapses it causes.
    pub data_stopped: Option<DataStopped>,
    /// Up to [`CHART_WEEKS`] weeks ending with the as-of week, for the HTML chart.
    #[serde(skip)]
    pub chart: Vec<TeamWeek>,
    /// Why the athlete's data could not be read, when it could not; the rest is then empty.
    pub error: Option<String>,
}

fn day<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

fn optional_day<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

impl TeamLine {
    /// The line of `athlete` from its `activities` and the report made of them.
    pub fn new(
        athlete: &str,
        activities: &[Activity],
        report: &BalanceReport,
        time_zone: &jiff::tz::TimeZone,
    ) -> TeamLine {
        let this_week = report
            .weeks
            .iter()
            .rev()
            .find(|w| w.status == WeekStatus::InProgress);
        let last_week = report
            .weeks
            .iter()
            .rev()
            .find(|w| w.status != WeekStatus::InProgress);
        let shown: Vec<Date> = this_week.iter().chain(&last_week).map(|w| w.week_start).collect();
        let warnings: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| shown.contains(&w.week_start))
            .collect();
        let data_stopped = report.silence.map(|s| DataStopped {
            last_activity: s.last_activity,
            days: s.days,
        });
        let worst_warning = if data_stopped.is_some() {
            None
        } else {
            // The most severe; of equals, the latest week's, then the first check's.
            warnings
                .iter()
                .max_by(|a, b| {
                    a.severity
                        .cmp(&b.severity)
                        .then(a.week_start.cmp(&b.week_start))
                        .then(b.check.id().cmp(a.check.id()))
                })
                .map(|w| TeamWarning {
                    id: w.check.id(),
                    severity: w.severity.name(),
                    week: runlift_analysis::week_label(w.week_start),
                    message: w.message(),
                    rank: w.severity,
                })
        };
        let as_of_day = report.as_of.day;
        let last_day = |keep: fn(&Sport) -> bool| {
            activities
                .iter()
                .filter(|a| a.start < report.as_of.moment && keep(&a.sport))
                .map(|a| local_date(a, time_zone))
                .max()
        };
        let days_since = |day: Option<Date>| day.map(|d| (as_of_day - d).get_days());
        let last_strength = last_day(|s| matches!(s, Sport::StrengthTraining));
        let last_run = last_day(|s| matches!(s, Sport::Running(_)));
        let chart_from = report.weeks.len().saturating_sub(CHART_WEEKS);
        TeamLine {
            athlete: athlete.to_owned(),
            this_week: this_week.map(TeamWeek::of),
            last_week: last_week.map(TeamWeek::of),
            worst_warning,
            warnings: warnings.len(),
            days_since_strength: days_since(last_strength),
            days_since_run: days_since(last_run),
            last_activity: report.history.map(|(_, last)| last),
            data_stopped,
            chart: report.weeks[chart_from..].iter().map(TeamWeek::of).collect(),
            error: None,
        }
    }

    /// The line of an athlete whose data could not be read.
    pub fn failed(athlete: &str, error: String) -> TeamLine {
        TeamLine {
            athlete: athlete.to_owned(),
            this_week: None,
            last_week: None,
            worst_warning: None,
            warnings: 0,
            days_since_strength: None,
            days_since_run: None,
            last_activity: None,
            data_stopped: None,
            chart: Vec::new(),
            error: Some(error),
        }
    }

    /// The severity of the worst warning, for `--fail-on`; athletes whose data stopped or
    /// could not be read have none.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.worst_warning.as_ref().map(|w| w.rank)
    }

    /// The warning column for people: `warning strength-missing (2026-W07)`, `data stopped
    /// 2026-01-02 (44 days)`, `error: ...`, or `-`.
    fn status_text(&self) -> String {
        if let Some(error) = &self.error {
            return format!("error: {error}");
        }
        if let Some(stopped) = self.data_stopped {
            return format!("data stopped {} ({} days)", stopped.last_activity, stopped.days);
        }
        match &self.worst_warning {
            Some(w) => format!("{} {} ({})", w.severity, w.id, w.week),
            None if self.last_activity.is_none() => "no data".to_owned(),
            None => "-".to_owned(),
        }
    }
}

/// The team: every athlete's line, made as of one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// The moment and day of the lines.
    pub as_of: AsOf,
    /// The time zone weeks are cut in.
    pub time_zone: String,
    /// One line per athlete, in the order given.
    pub lines: Vec<TeamLine>,
}

impl Team {
    /// The worst severity among the athletes' worst warnings.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.lines.iter().filter_map(TeamLine::worst_severity).max()
    }

    /// The labels of the week in progress and the last complete week, from the first line
    /// that has them.
    fn week_labels(&self) -> (Option<String>, Option<String>) {
        let this = self
            .lines
            .iter()
            .find_map(|l| l.this_week.as_ref().map(|w| w.week.clone()));
        let last = self
            .lines
            .iter()
            .find_map(|l| l.last_week.as_ref().map(|w| w.week.clone()));
        (this, last)
    }

    fn title(&self) -> String {
        let (this, last) = self.week_labels();
        let this = this.unwrap_or_else(|| "none (the as-of day ends its week)".to_owned());
        let last = last.unwrap_or_else(|| "-".to_owned());
        format!(
            "Team as of {} ({} athletes): this week {this}, last week {last}",
            self.as_of.day,
            self.lines.len()
        )
    }
}

fn days(value: Option<i32>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// The cells of a line for people, in column order.
fn cells(line: &TeamLine) -> [String; 13] {
    let week = |w: &Option<TeamWeek>| -> [String; 4] {
        match w {
            Some(w) => [
                w.runs.to_string(),
                km(w.run_distance_m),
                w.strength_sessions.to_string(),
                percent(w.strength_share),
            ],
            None => ["-".to_owned(), "-".to_owned(), "-".to_owned(), "-".to_owned()],
        }
    };
    let [r1, k1, s1, p1] = week(&line.this_week);
    let [r2, k2, s2, p2] = week(&line.last_week);
    [
        line.athlete.clone(),
        r1,
        k1,
        s1,
        p1,
        r2,
        k2,
        s2,
        p2,
        days(line.days_since_strength),
        days(line.days_since_run),
        line.last_activity
            .map_or_else(|| "-".to_owned(), |d| d.to_string()),
        line.status_text(),
    ]
}

const HEADER: [&str; 13] = [
    "athlete",
    "runs",
    "km",
    "str",
    "share",
    "runs",
    "km",
    "str",
    "share",
    "str",
    "run",
    "last activity",
    "status",
];

/// The team as a table for a terminal: one line per athlete, the week in progress and the last
/// complete week side by side, days since the last strength session and run, the last
/// activity and the worst warning (or where the data stopped).
pub fn team_table(team: &Team) -> String {
    let rows: Vec<[String; 13]> = team
        .lines
        .iter()
        .map(|line| cells(line).map(|cell| terminal_safe(&cell)))
        .collect();
    let mut widths = HEADER.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let left = |i: usize| matches!(i, 0 | 11 | 12);
    let render = |row: &[String]| {
        let mut out = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i > 0 {
                out.push_str(if matches!(i, 1 | 5 | 9 | 11) { "   " } else { "  " });
            }
            if left(i) {
                out.push_str(cell);
                if i + 1 < row.len() {
                    out.push_str(&" ".repeat(pad));
                }
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            }
        }
        out.push('\n');
        out
    };
    // The groups over the columns: where each group's first column starts.
    let starts: Vec<usize> = {
        let mut at = 0;
        (0..13)
            .map(|i| {
                if i > 0 {
                    at += if matches!(i, 1 | 5 | 9 | 11) { 3 } else { 2 };
                }
                let start = at;
                at += widths[i];
                start
            })
            .collect()
    };
    let (this, last) = team.week_labels();
    let mut groups = String::new();
    for (column, label) in [
        (1, format!("this week {}", this.unwrap_or_else(|| "-".to_owned()))),
        (5, format!("last week {}", last.unwrap_or_else(|| "-".to_owned()))),
        (9, "days since".to_owned()),
    ] {
        let pad = starts[column].saturating_sub(groups.chars().count());
        groups.push_str(&" ".repeat(pad.max(if groups.is_empty() { 0 } else { 1 })));
        groups.push_str(&label);
    }
    let mut out = format!("{}\n\n", team.title());
    out.push_str(groups.trim_end());
    out.push('\n');
    out.push_str(&render(&HEADER.map(str::to_owned)));
    for row in &rows {
        out.push_str(&render(row));
    }
    out
}

#[derive(Serialize)]
struct TeamJson<'a> {
    schema_version: u32,
    as_of: AsOfJson,
    time_zone: &'a str,
    this_week: Option<String>,
    last_week: Option<String>,
    summary: SummaryJson,
    athletes: &'a [TeamLine],
}

#[derive(Serialize)]
struct SummaryJson {
    athletes: usize,
    with_warnings: usize,
    data_stopped: usize,
    errors: usize,
    worst_severity: Option<&'static str>,
}

/// The team as JSON, documented in docs/report-json.md ("runlift team").
pub fn team_json(team: &Team) -> String {
    let (this_week, last_week) = team.week_labels();
    let json = TeamJson {
        schema_version: TEAM_SCHEMA_VERSION,
        as_of: AsOfJson::new(&team.as_of),
        time_zone: &team.time_zone,
        this_week,
        last_week,
        summary: SummaryJson {
            athletes: team.lines.len(),
            with_warnings: team.lines.iter().filter(|l| l.worst_warning.is_some()).count(),
            data_stopped: team.lines.iter().filter(|l| l.data_stopped.is_some()).count(),
            errors: team.lines.iter().filter(|l| l.error.is_some()).count(),
            worst_severity: team.worst_severity().map(Severity::name),
        },
        athletes: &team.lines,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    text.push('\n');
    text
}

const CSV_COLUMNS: [&str; 22] = [
    "athlete",
    "this_week",
    "this_week_runs",
    "this_week_run_distance_m",
    "this_week_strength_sessions",
    "this_week_strength_share",
    "last_week",
    "last_week_runs",
    "last_week_run_distance_m",
    "last_week_strength_sessions",
    "last_week_strength_share",
    "days_since_strength",
    "days_since_run",
    "last_activity",
    "data_stopped",
    "days_without_data",
    "warnings",
    "worst_id",
    "worst_severity",
    "worst_week",
    "worst_message",
    "error",
];

/// The team as CSV, one row per athlete; text cells are made safe for a spreadsheet.
pub fn team_csv(team: &Team) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS).expect("writing to memory");
    for line in &team.lines {
        let week = |w: &Option<TeamWeek>| -> [String; 5] {
            match w {
                Some(w) => [
                    w.week.clone(),
                    w.runs.to_string(),
                    w.run_distance_m.to_string(),
                    w.strength_sessions.to_string(),
                    w.strength_share.map(|s| s.to_string()).unwrap_or_default(),
                ],
                None => Default::default(),
            }
        };
        let worst = line.worst_warning.as_ref();
        let mut record = vec![spreadsheet_text(&line.athlete)];
        record.extend(week(&line.this_week));
        record.extend(week(&line.last_week));
        record.extend([
            line.days_since_strength
                .map(|d| d.to_string())
                .unwrap_or_default(),
            line.days_since_run.map(|d| d.to_string()).unwrap_or_default(),
            line.last_activity.map(|d| d.to_string()).unwrap_or_default(),
            line.data_stopped.is_some().to_string(),
            line.data_stopped.map(|s| s.days.to_string()).unwrap_or_default(),
            line.warnings.to_string(),
            worst.map(|w| w.id.to_owned()).unwrap_or_default(),
            worst.map(|w| w.severity.to_owned()).unwrap_or_default(),
            worst.map(|w| w.week.clone()).unwrap_or_default(),
            worst.map(|w| spreadsheet_text(&w.message)).unwrap_or_default(),
            line.error.as_deref().map(spreadsheet_text).unwrap_or_default(),
        ]);
        writer.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

/// The team as a Markdown table, for a note or a CI job summary.
pub fn team_markdown(team: &Team) -> String {
    let (this, last) = team.week_labels();
    let this = this.unwrap_or_else(|| "-".to_owned());
    let last = last.unwrap_or_else(|| "-".to_owned());
    let mut out = format!("## {}\n\n", markdown_escape(&team.title()));
    let _ = writeln!(
        out,
        "| athlete | {this} runs | {this} km | {this} strength | {this} share | {last} runs | {last} km | {last} strength | {last} share | days since strength | days since run | last activity | status |"
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for line in &team.lines {
        let cells = cells(line).map(|c| markdown_escape(&c));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

const RUN_COLOUR: &str = "#2e7d32";
const STRENGTH_COLOUR: &str = "#7b1fa2";

/// One athlete's small chart: run kilometres per week as bars, strength sessions as dots
/// above them, the week in progress paler.
fn chart(out: &mut String, line: &TeamLine) {
    const WIDTH: f64 = 176.0;
    const HEIGHT: f64 = 56.0;
    let weeks = &line.chart;
    if weeks.is_empty() {
        out.push_str("<span class=\"none\">no weeks</span>");
        return;
    }
    let max_km = weeks
        .iter()
        .map(|w| w.run_distance_m / 1000.0)
        .fold(10.0_f64, f64::max);
    let slot = WIDTH / CHART_WEEKS as f64;
    let label = format!(
        "{}: run km and strength sessions per week, {} to {}",
        line.athlete,
        weeks[0].week,
        weeks[weeks.len() - 1].week
    );
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        html_escape(&label)
    );
    for (i, week) in weeks.iter().enumerate() {
        let x = i as f64 * slot;
        let km = week.run_distance_m / 1000.0;
        let bar = (km / max_km * (HEIGHT - 16.0)).max(0.0);
        let opacity = if week.status == "in_progress" { 0.45 } else { 1.0 };
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar:.1}\" fill=\"{RUN_COLOUR}\" fill-opacity=\"{opacity}\"><title>{}: {} km, {} strength</title></rect>",
            x + 2.0,
            HEIGHT - bar,
            slot - 4.0,
            html_escape(&week.week),
            tenth(km),
            week.strength_sessions
        );
        for s in 0..week.strength_sessions.min(4) {
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{STRENGTH_COLOUR}\" fill-opacity=\"{opacity}\"/>",
                x + 4.5 + f64::from(s) * 5.5,
                5.0
            );
        }
    }
    out.push_str("</svg>");
}

/// The team as one self-contained HTML page: the table, and one small chart per athlete of
/// the last [`CHART_WEEKS`] weeks (run km as bars, strength sessions as dots).
pub fn team_html(team: &Team) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>runlift team</title><style>\
body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}\
th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child,td.status,td.day{text-align:left}\
tr.stopped td{color:#888}td.warning{color:#ef6c00}td.alert{color:#c62828}td.error{color:#c62828}\
</style></head><body>\n",
    );
    let (this, last) = team.week_labels();
    let this = html_escape(&this.unwrap_or_else(|| "-".to_owned()));
    let last = html_escape(&last.unwrap_or_else(|| "-".to_owned()));
    let _ = writeln!(out, "<h1>{}</h1>", html_escape(&team.title()));
    let _ = writeln!(
        out,
        "<table><thead><tr><th rowspan=\"2\">athlete</th><th rowspan=\"2\">last {CHART_WEEKS} weeks</th><th colspan=\"4\">this week {this}</th><th colspan=\"4\">last week {last}</th><th colspan=\"2\">days since</th><th rowspan=\"2\">last activity</th><th rowspan=\"2\">status</th></tr>\n<tr><th>runs</th><th>km</th><th>strength</th><th>share</th><th>runs</th><th>km</th><th>strength</th><th>share</th><th>strength</th><th>run</th></tr></thead><tbody>"
    );
    for line in &team.lines {
        let cells = cells(line);
        let class = if line.error.is_some() {
            "error"
        } else if line.data_stopped.is_some() {
            "stopped"
        } else {
            line.worst_warning.as_ref().map_or("", |w| w.severity)
        };
        let _ = write!(
            out,
            "<tr class=\"{}\"><td>{}</td><td>",
            if line.data_stopped.is_some() {
                "stopped"
            } else {
                ""
            },
            html_escape(&cells[0])
        );
        chart(&mut out, line);
        out.push_str("</td>");
        for cell in &cells[1..11] {
            let _ = write!(out, "<td>{}</td>", html_escape(cell));
        }
        let _ = writeln!(
            out,
            "<td class=\"day\">{}</td><td class=\"status {class}\">{}</td></tr>",
            html_escape(&cells[11]),
            html_escape(&cells[12])
        );
    }
    out.push_str("</tbody></table>\n<p>Bars: run kilometres per week; dots: strength sessions (up to 4); the week in progress is paler. An athlete whose data stopped arriving is shown in grey with the day it stopped, not with the lapses that follow from it.</p>\n</body></html>\n");
    out
}
