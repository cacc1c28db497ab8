//! `runlift team`: a coach's weekly view, one line per athlete, from every athlete in the store
//! or from one folder of exports per athlete. Each athlete is analysed on their own, with their
//! own `[athletes.NAME]` settings, exactly as `runlift report --athlete NAME` would.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use jiff::civil::Date;
use runlift_analysis::AnalysisOptions;
use runlift_model::Activity;
use runlift_report::{CHART_WEEKS, Team, TeamLine};
use runlift_store::{AthleteName, Store, StoreError};

use crate::balance::{FailOn, ReportFormat};
use crate::config::ConfigArgs;
use crate::store_cmd::{AthleteArg, StoreLocation};
use crate::{ReadingArgs, summary};

/// `runlift team`'s arguments.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Read each sub-folder of DIR as one athlete's exports (the athlete named after the
    /// folder) instead of the store.
    #[arg(long, value_name = "DIR")]
    athletes_from: Option<PathBuf>,
    /// Output format: a table for people, JSON for scripts (fields in docs/report-json.md),
    /// CSV, Markdown, or an HTML page with a small chart per athlete.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    /// Make the lines as of the end of this day (YYYY-MM-DD, or an ISO week: its Sunday)
    /// instead of now.
    #[arg(long, value_name = "DATE", value_parser = crate::balance::parse_until, visible_alias = "until", env = "RUNLIFT_AS_OF")]
    as_of: Option<Date>,
    /// Exit with code 3 when an athlete's worst warning of the two weeks is of this severity
    /// or worse (athletes whose data stopped do not count: their line says so instead).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    config: ConfigArgs,
    /// The activity store's folder, whose athletes are shown (default: as for `report`).
    #[arg(long = "store", value_name = "DIR", env = "RUNLIFT_STORE")]
    store: Option<PathBuf>,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// One athlete's activities, or why they could not be read.
struct Member {
    name: String,
    activities: Result<Vec<Activity>, String>,
}

/// Hands each athlete to `sink` as soon as it is read, so that only one athlete's activities
/// are in memory at a time (a store of 1,000 athletes holds millions).
type Sink<'a> = dyn FnMut(Member) -> anyhow::Result<()> + 'a;

/// The sub-folders of `dir`, sorted by name, each one athlete's exports.
fn members_from_folders(
    dir: &Path,
    reading: &ReadingArgs,
    options: &runlift_import::ImportOptions,
    dedupe: &runlift_import::dedupe::DedupeSettings,
    failed: &mut bool,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut folders: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let path = entry.path();
        if path.is_dir() {
            folders.push((entry.file_name().to_string_lossy().into_owned(), path));
        }
    }
    if folders.is_empty() {
        bail!(
            "{} has no sub-folders: --athletes-from reads one folder per athlete",
            dir.display()
        );
    }
    folders.sort();
    for (name, path) in folders {
        if let Err(err) = AthleteName::new(&name) {
            *failed = true;
            sink(Member {
                name,
                activities: Err(format!("the folder's name: {}", err.reason)),
            })?;
            continue;
        }
        let bar = summary::Bar::new(reading.quiet);
        let imported =
            runlift_import::pipeline::read_sessions(std::slice::from_ref(&path), options, dedupe, &bar);
        bar.finish();
        summary::print_problems_only(&imported, reading.errors);
        *failed |= imported.has_failures();
        let activities = if imported.files.is_empty() {
            Err(format!("no files found in {}", path.display()))
        } else {
            Ok(imported.activities().cloned().collect())
        };
        sink(Member { name, activities })?;
    }
    Ok(())
}

/// Every athlete in the store, by name.
fn members_from_store(store: &Store, failed: &mut bool, sink: &mut Sink<'_>) -> anyhow::Result<()> {
    let athletes = store.athletes()?;
    if athletes.is_empty() {
        return Err(StoreError::NotFound {
            path: store.path().to_path_buf(),
        }
        .into());
    }
    for athlete in athletes {
        let activities = store.for_athlete(athlete.clone()).sessions().map_err(|err| {
            *failed = true;
            err.to_string()
        });
        sink(Member {
            name: athlete.as_str().to_owned(),
            activities,
        })?;
    }
    Ok(())
}

/// `runlift team`.
pub fn run(args: TeamArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config::load(&args.config, None)?;
    let options = args.reading.import_options(&config.import)?;
    let time_zone = options.csv.time_zone.clone();
    let as_of = crate::balance::as_of_moment(args.as_of, &time_zone);
    let mut failed = false;
    let mut analysis_failed = false;
    let mut lines = Vec::new();
    let mut line_of = |member: Member| -> anyhow::Result<()> {
        let line = match member.activities {
            Err(error) => TeamLine::failed(&member.name, error),
            Ok(activities) => {
                let analysis = AnalysisOptions {
                    time_zone: time_zone.clone(),
                    settings: config.settings_for(&member.name)?,
                    as_of,
                    weeks: Some(CHART_WEEKS),
                    since: None,
                };
                match runlift_analysis::analyse(&activities, &analysis) {
                    Ok(report) => TeamLine::new(&member.name, &activities, &report, &time_zone),
                    Err(err) => {
                        analysis_failed = true;
                        TeamLine::failed(&member.name, err.to_string())
                    }
                }
            }
        };
        lines.push(line);
        Ok(())
    };
    match &args.athletes_from {
        Some(dir) => members_from_folders(
            dir,
            &args.reading,
            &options,
            &config.dedupe,
            &mut failed,
            &mut line_of,
        )?,
        None => {
            // Every athlete: none is chosen.
            let location = StoreLocation {
                dir: args.store.clone(),
                athlete: AthleteArg { name: None },
            };
            members_from_store(&location.store()?, &mut failed, &mut line_of)?
        }
    }
    let failed = failed || analysis_failed;
    let team = Team {
        as_of: runlift_analysis::as_of_day(as_of, &time_zone),
        time_zone: time_zone
            .iana_name()
            .unwrap_or("the system's local time zone")
            .to_owned(),
        lines,
    };
    let output = match args.format {
        ReportFormat::Table => runlift_report::team_table(&team),
        ReportFormat::Json => runlift_report::team_json(&team),
        ReportFormat::Csv => runlift_report::team_csv(&team),
        ReportFormat::Markdown => runlift_report::team_markdown(&team),
        ReportFormat::Html => runlift_report::team_html(&team),
    };
    crate::print_stdout(&output)?;
    let fail_on_hit = args.fail_on.is_some_and(|fail_on| {
        team.worst_severity()
            .is_some_and(|worst| worst >= fail_on.severity())
    });
    Ok(if failed {
        ExitCode::from(2)
    } else if fail_on_hit {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}
