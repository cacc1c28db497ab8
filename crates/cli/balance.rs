//! `runlift report`'s balance options: which weeks, which format, which goals, and when to
//! fail; and the exit code that follows from them.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::tz::TimeZone;
use runlift_analysis::{AnalysisOptions, Settings, Severity};
use runlift_model::ImportReport;
use runlift_report::TableOptions;

use crate::config::ConfigArgs;

/// What `runlift report` computes and how it prints it.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Output format: a table for people, JSON for scripts (fields in docs/report-json.md),
    /// CSV for spreadsheets, Markdown for a CI job summary, or a self-contained HTML page with
    /// charts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Show only the last N weeks, counting back from the week of the as-of day (this week,
    /// by default).
    #[arg(long, value_name = "N")]
    pub weeks: Option<usize>,
    /// Show weeks from this day's week on (YYYY-MM-DD or an ISO week such as 2026-W03);
    /// earlier weeks still count for trailing averages.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Date>,
    /// Make the report as of the end of this day (YYYY-MM-DD, or an ISO week: its Sunday)
    /// instead of now: later activities are left out, that day's week is the week in
    /// progress unless the day is its Sunday, and lapses count up to it. Use it to look back
    /// at an old export as it stood on its last day.
    #[arg(long, value_name = "DATE", value_parser = parse_until, visible_alias = "until", env = "RUNLIFT_AS_OF")]
    pub as_of: Option<Date>,
    /// Exit with code 3 when a warning of this severity or worse is in the reported weeks
    /// (for cron and CI). When some inputs also failed, 2 wins.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Strength sessions a running week should have, instead of the config's goal; fewer raises
    /// `strength-missing`.
    #[arg(long, value_name = "N")]
    pub strength_goal: Option<u32>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A warning or an alert.
    Warning,
    /// An alert only.
    Alert,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Warning => Severity::Warning,
            FailOn::Alert => Severity::Alert,
        }
    }
}

/// A day as `YYYY-MM-DD`, or an ISO week `YYYY-Www` read as its `weekday`.
fn parse_day(text: &str, weekday: Weekday) -> Result<Date, String> {
    let text = text.trim();
    if let Some((year, week)) = text.split_once('-')
        && let Some(week) = week.strip_prefix(['W', 'w'])
    {
        let year: i16 = year
            .parse()
            .map_err(|_| format!("{text:?} is not an ISO week such as 2026-W03"))?;
        let week: i8 = week
            .parse()
            .map_err(|_| format!("{text:?} is not an ISO week such as 2026-W03"))?;
        return ISOWeekDate::new(year, week, weekday)
            .map(|d| d.date())
            .map_err(|_| format!("{text:?} is not a week of {year}"));
    }
    text.parse::<Date>()
        .map_err(|_| format!("{text:?} is not a date: use YYYY-MM-DD (2026-01-31) or an ISO week (2026-W05)"))
}

fn parse_since(text: &str) -> Result<Date, String> {
    parse_day(text, Weekday::Monday)
}

pub fn parse_until(text: &str) -> Result<Date, String> {
    parse_day(text, Weekday::Sunday)
}

/// The moment a report or plan is made as of: the end of `day` in `time_zone`, else now.
pub fn as_of_moment(day: Option<Date>, time_zone: &TimeZone) -> jiff::Timestamp {
    match day {
        Some(day) => runlift_analysis::end_of_day(day, time_zone),
        None => jiff::Timestamp::now(),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything.
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The report of `imported` in the chosen format, against `settings` (from the config file),
/// and whether `--fail-on` was hit.
pub fn render(
    args: &BalanceArgs,
    settings: Settings,
    plan_preferences: runlift_plan::Preferences,
    imported: &ImportReport,
    time_zone: &TimeZone,
) -> anyhow::Result<(String, bool)> {
    if let (Some(since), Some(as_of)) = (args.since, args.as_of)
        && since > as_of
    {
        anyhow::bail!("--since {since} is after --as-of {as_of}");
    }
    let as_of = as_of_moment(args.as_of, time_zone);
    let options = AnalysisOptions {
        time_zone: time_zone.clone(),
        settings,
        as_of,
        weeks: args.weeks,
        since: args.since,
    };
    let balance = runlift_analysis::analyse(imported.activities(), &options)?;
    let output = match args.format {
        ReportFormat::Table => runlift_report::balance_table(
            &balance,
            &TableOptions {
                color: use_colour(),
                ..TableOptions::default()
            },
        ),
        ReportFormat::Json => runlift_report::balance_json(&balance, Some(imported)),
        ReportFormat::Csv => {
            // CSV has one header and one row per week: the note goes where people look.
            if let Some(note) = balance.silence_note() {
                eprintln!("runlift: note: {note}");
            }
            runlift_report::balance_csv(&balance)
        }
        ReportFormat::Markdown => runlift_report::balance_markdown(&balance),
        ReportFormat::Html => {
            // The page ends the week with the next one: the plan `runlift plan` would print.
            let plan = runlift_plan::plan(
                imported.activities(),
                &runlift_plan::PlanOptions {
                    time_zone: time_zone.clone(),
                    settings: options.settings.clone(),
                    as_of: options.as_of,
                    this_week: false,
                    preferences: plan_preferences,
                },
            );
            let unavailable;
            let section = match &plan {
                Ok(plan) => runlift_report::PlanSection::Plan(plan),
                Err(err) => {
                    unavailable = err.to_string();
                    runlift_report::PlanSection::Unavailable(&unavailable)
                }
            };
            runlift_report::balance_html_with_plan(&balance, Some(imported), Some(section))
        }
    };
    let failed = args.fail_on.is_some_and(|fail_on| {
        balance
            .worst_severity()
            .is_some_and(|worst| worst >= fail_on.severity())
    });
    Ok((output, failed))
}

/// 2 when some inputs failed (the data may be the reason for a warning, so it comes first),
/// else 3 when `--fail-on` was hit, else 0.
pub fn exit_code(imported: &ImportReport, fail_on_hit: bool) -> ExitCode {
    if imported.has_failures() {
        ExitCode::from(2)
    } else if fail_on_hit {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_iso_weeks_are_read_as_the_edges_of_the_window() {
        assert_eq!(parse_since("2026-01-31"), Ok(Date::constant(2026, 1, 31)));
        assert_eq!(parse_since("2026-W03"), Ok(Date::constant(2026, 1, 12)));
        assert_eq!(parse_until("2026-W03"), Ok(Date::constant(2026, 1, 18)));
        assert_eq!(parse_until("2020-w53"), Ok(Date::constant(2021, 1, 3)));
        assert!(
            parse_since("2026-W54")
                .unwrap_err()
                .contains("not a week of 2026")
        );
        assert!(parse_since("31.01.2026").unwrap_err().contains("YYYY-MM-DD"));
    }
}
