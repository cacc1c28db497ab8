//! The `runlift` command: argument parsing and wiring only. Reading files is the job of
//! `runlift-import`'s pipeline, keeping them `runlift-store`'s, the weekly figures
//! `runlift-analysis`'s, and rendering `runlift-report`'s.
//!
//! Data goes to stdout, everything else (progress, warnings, errors) to stderr, so that
//! `runlift report --format json | jq` always sees clean JSON. Exit codes: 0 all inputs read,
//! 2 some inputs failed or were only partly read (the report is still printed), 3 `report
//! --fail-on` found a warning of that severity (2 wins when both hold), 1 usage or fatal
//! errors.

mod balance;
mod completions;
mod config;
mod places;
mod plan_cmd;
mod store_cmd;
mod summary;
mod team_cmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::tz::TimeZone;
use runlift_import::dedupe::DedupeSettings;
use runlift_import::{CsvOptions, ImportOptions, WeightUnit, pipeline};
use runlift_model::{ImportReport, Sport};
use summary::ErrorsFormat;

const EXAMPLES: &str = "\
Examples:
  runlift report ~/Exports                      weekly balance of everything in a folder
  runlift report --weeks 8 --tz Europe/Berlin runs/ strong.csv
  runlift report --format json ~/Exports | jq '.warnings'
  runlift report --format html ~/Exports > balance.html
  runlift report --weeks 4 --fail-on alert ~/Exports   exit 3 on an alert, for cron and CI
  runlift report --profile hybrid --since 2026-W01 ~/Exports
  runlift report --as-of 2026-02-22 old-export.zip   as it stood on that day, not today
  runlift config --show > runlift.toml          start a config of your own
  runlift inspect morning-run.gpx               what runlift reads from one file
  runlift inspect --format json fixtures/broken/*
  runlift import ~/Exports                      add new and changed files to the activity store
  runlift report --fail-on warning              report on the store (for a nightly cron job)
  runlift plan --format ics > week.ics          next week's runs, lifts and rest, for a calendar
  runlift inspect --store                       sessions merged from several sources
  runlift import --athlete anna ~/Coaching/anna  a coach: each athlete in their own part of the store
  runlift team --fail-on warning                one line per athlete for this week and the last

Exit codes: 0 all inputs read; 2 some inputs failed or were only partly read (the report is
still printed); 3 --fail-on found a warning of that severity (when 2 also holds, 2 wins: the
missing data may be the reason for the warning); 1 usage error or nothing could be done.";

/// Reads the exports of watches and gym apps and reports, week by week, whether running and
/// strength work are in balance.
///
/// runlift reads FIT, GPX and TCX files (Garmin, COROS, Wahoo, Polar, Strava, any GPS device),
/// Apple Health's export.xml, the CSV exports of Strong, Hevy, FitNotes, JEFIT, Fitbod, Strava,
/// Garmin Connect, Runkeeper and Zepp, and the JSON of Garmin's and Polar's account exports, from
/// files, folders, .gz files and whole .zip account exports, and recognises each file by its
/// content, not its name.
#[derive(Debug, Parser)]
#[command(name = "runlift", version, after_long_help = EXAMPLES, after_help = "See 'runlift --help' for examples and exit codes.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the weekly run-versus-strength balance of the activities in files and folders.
    ///
    /// The report is made as of now (or --as-of DATE): every week from the first activity to
    /// this week is shown, weeks without any activity included (long empty stretches as one
    /// line). This week is in progress: it is marked, not judged as if it were over, and shows
    /// what is still to do. Weeks are ISO weeks (Monday to Sunday) in local time: an activity
    /// whose file records its UTC offset counts on its own local day, the others on their day
    /// in --tz.
    Report(ReportArgs),
    /// Show what runlift reads from each file: format, status, activities and sets.
    ///
    /// Useful to check a new export before relying on its report, or to see why a file was
    /// refused.
    Inspect(InspectArgs),
    /// Show the goals and thresholds the balance checks use (from --config, ./runlift.toml,
    /// the user config file, or the built-in profile).
    Config(config::ConfigCommandArgs),
    /// Add new and changed files to the activity store (see docs/store.md); files already
    /// imported are passed over without being read, and a session several sources recorded
    /// is kept once.
    Import(store_cmd::ImportArgs),
    /// Look into the activity store, export it, or remove a source from it.
    Store(store_cmd::StoreArgs),
    /// Propose the coming week (or the rest of this one) from your own history: which days to
    /// run (easy, long, hard), to lift (lower body, core, upper body) and to rest, each with
    /// its reason (docs/plan.md). Exit 1 when the history is too short to plan from.
    Plan(plan_cmd::PlanArgs),
    /// One line per athlete for the week in progress and the last complete week: runs, km,
    /// strength sessions and share, the worst warning, days since the last strength session
    /// and run, and where an athlete's data stopped. From every athlete in the store, or
    /// from the sub-folders of --athletes-from DIR (one per athlete).
    Team(team_cmd::TeamArgs),
    /// Print the shell completion script for SHELL.
    ///
    /// For example: `runlift completions bash > ~/.local/share/bash-completion/completions/runlift`,
    /// `runlift completions zsh > ~/.zfunc/_runlift`, or
    /// `runlift completions fish > ~/.config/fish/completions/runlift.fish`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `runlift man > runlift.1; man ./runlift.1`.
    Man,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// Files and folders to read (folders are read recursively); without any, the activity
    /// store (filled by `runlift import`) is read.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: store_cmd::StoreLocation,
    #[command(flatten)]
    balance: balance::BalanceArgs,
    #[command(flatten)]
    reading: ReadingArgs,
}

#[derive(Debug, Args)]
struct InspectArgs {
    /// Files and folders to inspect.
    #[arg(required_unless_present = "store", value_name = "FILE")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: store_cmd::InspectStoreArg,
    /// Output format: text for people, or JSON for scripts (fields in docs/report-json.md).
    #[arg(long, value_enum, default_value_t = InspectFormat::Text)]
    format: InspectFormat,
    /// For FIT files: print every message in the file, decoded with the full FIT profile,
    /// instead of what runlift imports from it.
    #[arg(long, conflicts_with = "store")]
    all_messages: bool,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// Options about how files are read, shared by every command that reads them.
#[derive(Debug, Args)]
struct ReadingArgs {
    /// The athlete's time zone (IANA name such as Europe/Berlin): gym apps write local times
    /// without an offset, and weeks are cut at local midnight. Defaults to the config's
    /// `[import] time_zone`, else this machine's zone.
    #[arg(long, value_name = "ZONE", env = "RUNLIFT_TZ")]
    tz: Option<String>,
    /// The unit of weights in gym-app CSV exports that do not say it (Strong writes the unit
    /// chosen in the app's settings). Defaults to the config's `[import] weight_unit`, else kg.
    #[arg(long, value_enum)]
    weight_unit: Option<WeightUnitArg>,
    /// The sport of sessions whose file names none and whose sport runlift cannot infer from
    /// their name, cadence or speed (`running`, `walking`, `cycling`, ...); they are marked as
    /// set so. Defaults to the config's `[import] unknown_sport`, else they stay unspecified.
    #[arg(long, value_name = "SPORT")]
    sport_for_unknown: Option<String>,
    /// List the files passed over as not fitness data, too, with the reason.
    #[arg(short, long)]
    verbose: bool,
    /// No progress bar and no summary on stderr; problems with files are still reported.
    #[arg(short, long)]
    quiet: bool,
    /// How problems with input files are written to stderr: text, or JSON lines for scripts.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ErrorsFormat::Text)]
    errors: ErrorsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InspectFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum WeightUnitArg {
    /// Kilograms.
    Kg,
    /// Pounds.
    Lb,
}

impl ReadingArgs {
    /// The time zone: the command line's (or `RUNLIFT_TZ`), else the config's, else this
    /// machine's.
    fn time_zone(&self, config: &config::ImportTable) -> anyhow::Result<TimeZone> {
        let (name, from) = match (&self.tz, &config.time_zone) {
            (Some(name), _) => (name, "--tz"),
            (None, Some(name)) => (name, "[import] time_zone"),
            (None, None) => return Ok(TimeZone::system()),
        };
        TimeZone::get(name).with_context(|| {
            format!(
                "{from}: unknown time zone {name:?}: use an IANA name such as Europe/Berlin or America/New_York"
            )
        })
    }

    /// How files are read: the command line first, then the config's `[import]` table.
    fn import_options(&self, config: &config::ImportTable) -> anyhow::Result<ImportOptions> {
        let weight_unit = match (self.weight_unit, config.weight_unit.as_deref()) {
            (Some(WeightUnitArg::Kg), _) | (None, None | Some("kg")) => WeightUnit::Kilograms,
            (Some(WeightUnitArg::Lb), _) | (None, Some("lb")) => WeightUnit::Pounds,
            (None, Some(other)) => {
                bail!("[import] weight_unit: {other:?} is not a weight unit: use \"kg\" or \"lb\"")
            }
        };
        Ok(ImportOptions {
            csv: CsvOptions {
                weight_unit,
                time_zone: self.time_zone(config)?,
            },
            unknown_sport: self.unknown_sport(config)?,
            ..ImportOptions::default()
        })
    }

    /// The sport for sessions whose sport stays unknown: the command line's, else the
    /// config's; only a sport of runlift's vocabulary, so that a typo is not a new sport.
    fn unknown_sport(&self, config: &config::ImportTable) -> anyhow::Result<Option<Sport>> {
        let (name, from) = match (&self.sport_for_unknown, &config.unknown_sport) {
            (Some(name), _) => (name, "--sport-for-unknown"),
            (None, Some(name)) => (name, "[import] unknown_sport"),
            (None, None) => return Ok(None),
        };
        let sport = Sport::from_name(name);
        if matches!(sport, Sport::Other(_)) {
            bail!(
                "{from}: {name:?} is not a sport runlift knows: use a name such as running, walking, \
                 hiking, cycling or swimming (docs/sports.md lists them all)"
            );
        }
        Ok(Some(sport))
    }

    /// Reads every input through the pipeline, with a progress bar on a terminal: file by
    /// file as each gave its activities, or, with `dedupe`, as sessions merged across files.
    fn read_inputs(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
        dedupe: Option<&DedupeSettings>,
    ) -> anyhow::Result<ImportReport> {
        let bar = summary::Bar::new(self.quiet);
        let imported = match dedupe {
            Some(settings) => pipeline::read_sessions(paths, options, settings, &bar),
            None => pipeline::read_files(paths, options, &bar),
        };
        bar.finish();
        if imported.files.is_empty() {
            bail!("no files found in {}", display_paths(paths));
        }
        Ok(imported)
    }

    /// Tells on stderr what was read and every file that failed or was only partly read.
    fn print_summary(&self, imported: &ImportReport) {
        if self.quiet {
            summary::print_problems_only(imported, self.errors);
        } else {
            summary::print(imported, self.verbose, self.errors);
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap exits with 2 on usage errors; runlift keeps 2 for "some inputs failed".
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // The error may name a path or quote a config file: printed safely.
            eprintln!(
                "{}",
                runlift_report::terminal_safe(&format!("runlift: error: {}", error_chain(&err)))
            );
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, joined with `: `. A library error whose message already ends
/// with its cause (`cannot write FILE: No space left on device`) keeps it as its `source` too,
/// for callers that walk the chain; the cause is not said twice.
fn error_chain(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let message = cause.to_string();
        if text.ends_with(&message) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
    }
    text
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Report(args) => report(args),
        Command::Inspect(args) => inspect(args),
        Command::Import(args) => store_cmd::import(args),
        Command::Store(args) => store_cmd::store(args),
        Command::Plan(args) => plan_cmd::run(args),
        Command::Team(args) => team_cmd::run(args),
        Command::Completions { shell } => {
            print_stdout(&completions::completions(shell)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            print_stdout(&completions::man()?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Config(args) => {
            if !args.show {
                bail!("nothing to do: `runlift config --show` prints the effective settings");
            }
            print_stdout(&config::show(&args)?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report(args: ReportArgs) -> anyhow::Result<ExitCode> {
    // A config mistake is found before the inputs are read.
    let config = config::load(&args.balance.config, args.balance.strength_goal)?;
    let options = args.reading.import_options(&config.import)?;
    let from_store = args.paths.is_empty();
    let imported = if from_store {
        store_cmd::read_for_report(&args.store, args.reading.quiet)?
    } else {
        args.reading
            .read_inputs(&args.paths, &options, Some(&config.dedupe))?
    };
    let plan_preferences = config
        .plan
        .preferences()
        .map_err(anyhow::Error::msg)
        .context("the [plan] table of the config file")?;
    let settings = match &args.store.athlete.name {
        Some(athlete) => config.settings_for(athlete.as_str())?,
        None => config.settings.clone(),
    };
    let (output, fail_on_hit) = balance::render(
        &args.balance,
        settings,
        plan_preferences,
        &imported,
        &options.csv.time_zone,
    )?;
    print_stdout(&output)?;
    if !from_store {
        args.reading.print_summary(&imported);
    }
    let code = balance::exit_code(&imported, fail_on_hit);
    // The process ends here: freeing a ten-year history (100,000 sets, each with its own
    // exercise name) one allocation at a time would cost more than a tenth of the report.
    std::mem::forget(imported);
    Ok(code)
}

fn inspect(args: InspectArgs) -> anyhow::Result<ExitCode> {
    if let Some(store) = args.store.store {
        return store_cmd::inspect(
            store,
            args.store.athlete,
            matches!(args.format, InspectFormat::Json),
        );
    }
    if args.all_messages {
        return dump_fit_messages(&args.paths);
    }
    // The config's [import] table says how files without a zone or unit are read.
    let defaults = config::ConfigArgs {
        config: None,
        profile: None,
    };
    let options = args
        .reading
        .import_options(&config::load(&defaults, None)?.import)?;
    let imported = args.reading.read_inputs(&args.paths, &options, None)?;
    let output = match args.format {
        InspectFormat::Text => runlift_report::inspect_text(&imported.files),
        InspectFormat::Json => runlift_report::inspect_json(&imported.files),
    };
    print_stdout(&output)?;
    args.reading.print_summary(&imported);
    Ok(exit_code(&imported))
}

/// `inspect --all-messages`: every message of each FIT file, for finding out what a device
/// wrote that runlift does not import.
fn dump_fit_messages(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for path in paths {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let source = runlift_model::SourceRef::file(path, runlift_model::SourceFormat::Fit);
        if !runlift_fit::is_fit(&bytes) {
            eprintln!(
                "error: {}: not a FIT file (--all-messages reads FIT files only)",
                runlift_report::terminal_safe(&path.display().to_string())
            );
            failed = true;
            continue;
        }
        match runlift_fit::dump_all_messages(&bytes, &source) {
            Ok(dump) => {
                // Strings in FIT messages come from the device or whoever wrote the file.
                let mut text = format!(
                    "{}:\n",
                    runlift_report::terminal_safe(&path.display().to_string())
                );
                for line in dump.lines() {
                    text.push_str(&runlift_report::terminal_safe(line));
                    text.push('\n');
                }
                print_stdout(&text)?
            }
            Err(err) => {
                eprintln!("error: {}", runlift_report::terminal_safe(&err.to_string()));
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn exit_code(imported: &ImportReport) -> ExitCode {
    if imported.has_failures() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        // A closed pipe (`runlift report | head`) is the reader's choice, not an error.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the report to stdout"),
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
