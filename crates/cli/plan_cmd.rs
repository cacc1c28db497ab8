//! `runlift plan`: the coming week proposed from the athlete's history (`runlift-plan`), with
//! the preferences of the config's `[plan]` table and the flags.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use jiff::civil::{Date, Weekday};
use runlift_model::MuscleGroup;
use runlift_plan::{FixedKind, FixedSession, PlanOptions, Preferences, RunType};
use serde::Deserialize;

use crate::config::ConfigArgs;

/// `runlift plan`'s arguments.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Files and folders to read; without any, the activity store (filled by `runlift
    /// import`) is read.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: crate::store_cmd::StoreLocation,
    /// Output format: a table for people, JSON for scripts (fields in docs/plan-json.md),
    /// Markdown, or an iCalendar file that calendar apps import.
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    format: PlanFormat,
    /// Plan as of the end of this day (YYYY-MM-DD, or an ISO week: its Sunday) instead of now.
    #[arg(long, value_name = "DATE", value_parser = crate::balance::parse_until, env = "RUNLIFT_AS_OF")]
    as_of: Option<Date>,
    /// Plan the days left of the as-of week (after the as-of day) instead of the next week.
    #[arg(long)]
    this_week: bool,
    /// The days you can train, for example mon,wed,fri,sun (instead of the config's
    /// `plan.days`; default every day).
    #[arg(long, value_name = "DAYS", value_delimiter = ',', value_parser = parse_weekday)]
    days: Option<Vec<Weekday>>,
    /// The day of the long run (instead of the config's `plan.long_run_day`; default the last
    /// available day of the week).
    #[arg(long, value_name = "DAY", value_parser = parse_weekday)]
    long_run_day: Option<Weekday>,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    reading: crate::ReadingArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlanFormat {
    Table,
    Json,
    Markdown,
    Ics,
}

/// The config file's `[plan]` table.
///
/// ```toml
/// [plan]
/// days = ["mon", "tue", "wed", "fri", "sat", "sun"]
/// long_run_day = "sun"
/// fixed = [{ day = "wed", session = "hard" }]   # easy, long, hard, lower-body, core, upper-body
/// ```
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTable {
    #[serde(default)]
    days: Option<Vec<String>>,
    #[serde(default)]
    long_run_day: Option<String>,
    #[serde(default)]
    fixed: Vec<FixedTable>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixedTable {
    day: String,
    session: String,
}

/// A weekday as `mon`, `monday` or `Mon`.
pub fn parse_weekday(text: &str) -> Result<Weekday, String> {
    let lower = text.trim().to_ascii_lowercase();
    let days = [
        ("mon", Weekday::Monday),
        ("tue", Weekday::Tuesday),
        ("wed", Weekday::Wednesday),
        ("thu", Weekday::Thursday),
        ("fri", Weekday::Friday),
        ("sat", Weekday::Saturday),
        ("sun", Weekday::Sunday),
    ];
    days.iter()
        .find(|(short, day)| lower == *short || lower == format!("{day:?}").to_ascii_lowercase())
        .map(|(_, day)| *day)
        .ok_or_else(|| format!("{text:?} is not a day of the week: use mon, tue, wed, thu, fri, sat or sun"))
}

fn parse_fixed_kind(text: &str) -> Result<FixedKind, String> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(run) = RunType::from_name(lower.trim_end_matches(" run").trim_end_matches("-run")) {
        return Ok(FixedKind::Run(run));
    }
    match lower.as_str() {
        "lower-body" | "lower_body" | "legs" => Ok(FixedKind::Strength(MuscleGroup::LowerBody)),
        "core" => Ok(FixedKind::Strength(MuscleGroup::Core)),
        "upper-body" | "upper_body" => Ok(FixedKind::Strength(MuscleGroup::UpperBody)),
        _ => Err(format!(
            "{text:?} is not a session: use easy, long, hard (runs) or lower-body, core, upper-body (strength)"
        )),
    }
}

impl PlanTable {
    /// The table as `runlift config --show` prints it: what is set, and the unset keys as
    /// commented examples. [`crate::config::ConfigFile::parse`] reads it back.
    pub fn to_toml(&self) -> String {
        let quoted = |items: &[String]| {
            items
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::from("[plan]\n");
        match &self.days {
            Some(days) => out.push_str(&format!("days = [{}]\n", quoted(days))),
            None => out.push_str(
                "# days = [\"mon\", \"wed\", \"fri\", \"sat\"]   # unset: every day is available\n",
            ),
        }
        match &self.long_run_day {
            Some(day) => out.push_str(&format!("long_run_day = {day:?}\n")),
            None => out.push_str("# long_run_day = \"sun\"   # unset: the last available day of the week\n"),
        }
        if self.fixed.is_empty() {
            out.push_str(
                "# fixed = [{ day = \"wed\", session = \"hard\" }]   # sessions kept where you put them\n",
            );
        } else {
            let fixed: Vec<String> = self
                .fixed
                .iter()
                .map(|f| format!("{{ day = {:?}, session = {:?} }}", f.day, f.session))
                .collect();
            out.push_str(&format!("fixed = [{}]\n", fixed.join(", ")));
        }
        out
    }

    /// The preferences the table sets, checked.
    pub fn preferences(&self) -> Result<Preferences, String> {
        let days = match &self.days {
            Some(days) => Some(
                days.iter()
                    .map(|d| parse_weekday(d).map_err(|e| format!("plan.days: {e}")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let long_run_day = match &self.long_run_day {
            Some(d) => Some(parse_weekday(d).map_err(|e| format!("plan.long_run_day: {e}"))?),
            None => None,
        };
        let fixed = self
            .fixed
            .iter()
            .map(|f| {
                Ok(FixedSession {
                    day: parse_weekday(&f.day).map_err(|e| format!("plan.fixed: {e}"))?,
                    kind: parse_fixed_kind(&f.session).map_err(|e| format!("plan.fixed: {e}"))?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Preferences {
            days,
            long_run_day,
            fixed,
        })
    }
}

pub fn run(args: PlanArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config::load(&args.config, None)?;
    let options = args.reading.import_options(&config.import)?;
    let mut preferences = config
        .plan
        .preferences()
        .map_err(anyhow::Error::msg)
        .with_context(|| match &config.file {
            Some(path) => format!("config file {}", path.display()),
            None => "the [plan] table".to_owned(),
        })?;
    if let Some(days) = args.days.clone() {
        preferences.days = Some(days);
    }
    if args.long_run_day.is_some() {
        preferences.long_run_day = args.long_run_day;
    }
    if let (Some(days), Some(long)) = (&preferences.days, preferences.long_run_day)
        && !days.contains(&long)
    {
        bail!("the long-run day {long:?} is not among the available days");
    }
    let from_store = args.paths.is_empty();
    let imported = if from_store {
        crate::store_cmd::read_for_report(&args.store, args.reading.quiet)?
    } else {
        args.reading
            .read_inputs(&args.paths, &options, Some(&config.dedupe))?
    };
    let time_zone = options.csv.time_zone.clone();
    let as_of = crate::balance::as_of_moment(args.as_of, &time_zone);
    let plan = runlift_plan::plan(
        imported.activities(),
        &PlanOptions {
            time_zone: time_zone.clone(),
            settings: match &args.store.athlete.name {
                Some(athlete) => config.settings_for(athlete.as_str())?,
                None => config.settings,
            },
            as_of,
            this_week: args.this_week,
            preferences,
        },
    );
    let plan = match plan {
        Ok(plan) => plan,
        Err(err @ runlift_plan::Error::HistoryTooShort { .. }) => {
            // An old export plans nothing as of today: say where its data ends.
            let last_day = imported
                .activities()
                .map(|a| runlift_analysis::local_date(a, &time_zone))
                .max();
            let as_of_day = runlift_analysis::as_of_day(as_of, &time_zone).day;
            match last_day {
                Some(last) if (as_of_day - last).get_days() > 7 => {
                    bail!("{err}; the data ends on {last}: to plan the week after it, use --as-of {last}")
                }
                _ => return Err(err.into()),
            }
        }
        Err(err) => return Err(err.into()),
    };
    let output = match args.format {
        PlanFormat::Table => runlift_plan::render::table(&plan),
        PlanFormat::Json => runlift_plan::render::json(&plan),
        PlanFormat::Markdown => runlift_plan::render::markdown(&plan),
        PlanFormat::Ics => runlift_plan::render::ics(&plan),
    };
    crate::print_stdout(&output)?;
    if !from_store {
        args.reading.print_summary(&imported);
    }
    Ok(crate::exit_code(&imported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_table_reads_days_and_fixed_sessions_and_refuses_unknown_ones() {
        let file = crate::config::ConfigFile::parse(
            "[plan]\ndays = [\"mon\", \"Wednesday\", \"sun\"]\nlong_run_day = \"sun\"\nfixed = [{ day = \"wed\", session = \"hard\" }]\n",
        )
        .unwrap();
        let prefs = file.plan.preferences().unwrap();
        assert_eq!(
            prefs.days,
            Some(vec![Weekday::Monday, Weekday::Wednesday, Weekday::Sunday])
        );
        assert_eq!(prefs.long_run_day, Some(Weekday::Sunday));
        assert_eq!(
            prefs.fixed,
            vec![FixedSession {
                day: Weekday::Wednesday,
                kind: FixedKind::Run(RunType::Hard)
            }]
        );
        let unknown = crate::config::ConfigFile::parse("[plan]\nrest_day = \"mon\"\n")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("unknown field `rest_day`"), "{unknown}");
        let bad = crate::config::ConfigFile::parse("[plan]\nlong_run_day = \"someday\"\n").unwrap();
        assert!(bad.plan.preferences().unwrap_err().contains("plan.long_run_day"));
    }
}
