//! The activity store on the command line: `runlift import`, `runlift store info|export|forget`,
//! `runlift inspect --store`, and `runlift report` without paths reading the store.
//!
//! What to read and how to merge it is the import pipeline's (`runlift_import::pipeline`), the
//! store's layout and locking `runlift-store`'s; this module only wires arguments to them and
//! tells on stderr what happened.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use runlift_import::pipeline::{self, Change};
use runlift_model::{Activity, ImportReport};
use runlift_store::{AthleteName, ExportFormat, Store, StoreError, StoreWriter};
use serde_json::json;

use crate::{ReadingArgs, summary};

/// Where the activity store is.
#[derive(Debug, Args)]
pub struct StoreLocation {
    /// The activity store's folder (default: $XDG_DATA_HOME/runlift, else
    /// ~/.local/share/runlift; on Windows %APPDATA%\runlift\store).
    #[arg(long = "store", value_name = "DIR", env = "RUNLIFT_STORE", global = true)]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub athlete: AthleteArg,
}

/// Which athlete's part of the store (and which `[athletes.NAME]` settings) to use.
#[derive(Debug, Args)]
pub struct AthleteArg {
    /// The athlete whose part of the store to read or write, and whose [athletes.NAME] goals
    /// in the config apply (default: the store's only athlete; a new store's is "default").
    /// Names may not be `.` or `..` nor hold `/`, `\` or control characters.
    #[arg(long = "athlete", value_name = "NAME", value_parser = parse_athlete, global = true)]
    pub name: Option<AthleteName>,
}

/// An athlete's name from the command line, checked before it names a folder.
pub fn parse_athlete(text: &str) -> Result<AthleteName, String> {
    AthleteName::new(text).map_err(|err| err.reason.to_owned())
}

impl StoreLocation {
    /// The store's folder: --store, RUNLIFT_STORE, else the platform's default.
    pub fn folder(&self) -> anyhow::Result<PathBuf> {
        match &self.dir {
            Some(dir) => Ok(dir.clone()),
            None => match crate::places::default_store() {
                Some(dir) => Ok(dir),
                None => anyhow::bail!(
                    "no location for the activity store: pass --store DIR or set RUNLIFT_STORE (no home folder is known)"
                ),
            },
        }
    }

    /// The store, with the athlete of --athlete chosen.
    pub fn store(&self) -> anyhow::Result<Store> {
        let store = Store::at(self.folder()?);
        Ok(match &self.athlete.name {
            Some(name) => store.for_athlete(name.clone()),
            None => store,
        })
    }
}

/// ` (athlete NAME)` when the athlete was chosen on the command line, for messages that name
/// the store; nothing for a one-athlete store used as before.
fn athlete_note(store: &Store) -> String {
    store
        .chosen_athlete()
        .map_or_else(String::new, |a| format!(" (athlete {})", safe(a)))
}

/// `runlift import`: read new and changed files into the store.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files and folders to import (folders are read recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Fail at once when another import is writing the store, instead of waiting for it.
    #[arg(long)]
    no_wait: bool,
    /// Read every file again, also those unchanged since they were imported (after changing
    /// --tz or --weight-unit, for example).
    #[arg(long)]
    reimport: bool,
    /// The config file whose [dedupe] table says when activities from different sources are
    /// one session (default: as for `report`).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    location: StoreLocation,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// `runlift store`: look into the store, export it, or remove a source from it.
#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    command: StoreCommand,
    #[command(flatten)]
    location: StoreLocation,
}

#[derive(Debug, Subcommand)]
enum StoreCommand {
    /// Sessions per sport, activities per source format, the date range, files imported, and
    /// the size on disk.
    Info {
        /// Text for people, or JSON for scripts.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Write the store's tables into a folder as Parquet, CSV or JSON files (one per table:
    /// activities, sets, source_activities, source_sets, import_log).
    Export {
        /// The file format.
        #[arg(long, value_enum, default_value_t = ExportFormatArg::Parquet)]
        format: ExportFormatArg,
        /// The folder to write into (created if needed; files of the same name are replaced).
        #[arg(value_name = "OUT")]
        out: PathBuf,
    },
    /// Remove everything that came from a file, or from every file under a folder. Sessions
    /// that another source recorded too stay, with that source's figures.
    Forget {
        /// The file or folder, as it was imported.
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// Fail at once when an import is writing the store, instead of waiting for it.
        #[arg(long)]
        no_wait: bool,
        /// The config file with the [dedupe] table (default: as for `report`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormatArg {
    Parquet,
    Csv,
    Json,
}

/// `runlift inspect --store [DIR]`.
#[derive(Debug, Args)]
pub struct InspectStoreArg {
    /// Inspect the activity store instead of files: the sessions that several sources recorded
    /// and which source's figures were kept (DIR, else RUNLIFT_STORE, else the default store).
    #[arg(long = "store", value_name = "DIR", num_args = 0..=1)]
    pub store: Option<Option<PathBuf>>,
    /// With --store: the athlete whose sessions to inspect (default: the store's only one).
    #[arg(long = "athlete", value_name = "NAME", value_parser = parse_athlete, requires = "store")]
    pub athlete: Option<AthleteName>,
}

/// The config file `report` would use: its `[dedupe]` and `[import]` tables.
fn import_config(config: Option<&Path>) -> anyhow::Result<crate::config::Config> {
    let args = crate::config::ConfigArgs {
        config: config.map(Path::to_path_buf),
        profile: None,
    };
    crate::config::load(&args, None)
}

/// Becomes the store's writer, waiting (and saying so) while another import runs, unless
/// `no_wait`.
fn writer(store: &Store, no_wait: bool, quiet: bool) -> anyhow::Result<StoreWriter> {
    match store.try_writer() {
        Ok(writer) => Ok(writer),
        Err(StoreError::Busy { holder, .. }) if !no_wait => {
            if !quiet {
                eprintln!(
                    "runlift: another import is writing the store at {}{holder}; waiting for it to finish",
                    store.path().display()
                );
            }
            Ok(store.writer()?)
        }
        Err(err @ StoreError::Busy { .. }) => {
            Err(anyhow::Error::new(err).context("not waiting for it (--no-wait); try again later"))
        }
        Err(err) => Err(err.into()),
    }
}

/// A value named by the data (a source's path, a sport's name) as it may be printed on a
/// terminal: escaped one by one, before it joins a line, so a line break in it shows as `\n`.
fn safe(value: &impl std::fmt::Display) -> String {
    runlift_report::terminal_safe(&value.to_string())
}

fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// `runlift import PATH...`.
pub fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let store = args.location.store()?;
    let config = import_config(args.config.as_deref())?;
    let options = args.reading.import_options(&config.import)?;
    let dedupe = config.dedupe;
    let mut writer = writer(&store, args.no_wait, args.reading.quiet)?;
    let bar = summary::Bar::new(args.reading.quiet);
    let outcome = pipeline::update(&args.paths, &writer, &options, &dedupe, args.reimport, &bar);
    bar.finish();
    let outcome = outcome?;
    match &outcome.change {
        Change::Nothing => {}
        Change::Log(log) => {
            writer.write_log(log)?;
        }
        Change::Everything(imported) => {
            writer.write(imported)?;
        }
    }
    drop(writer);

    if outcome.read.files.is_empty() && outcome.unchanged == 0 {
        anyhow::bail!("no files found in {}", crate::display_paths(&args.paths));
    }
    if !outcome.read.files.is_empty() {
        args.reading.print_summary(&outcome.read);
    }
    let earlier_problems = &outcome.unchanged_with_problems;
    if args.reading.verbose {
        for (path, message) in earlier_problems {
            let line = format!("unchanged since it failed before: {}: {message}", path.display());
            eprintln!("{}", runlift_report::terminal_safe(&line));
        }
    } else if !earlier_problems.is_empty() && !args.reading.quiet {
        eprintln!(
            "runlift: {} unchanged since {} failed or {} read only in part; --verbose lists them",
            plural(earlier_problems.len(), "file"),
            if earlier_problems.len() == 1 { "it" } else { "they" },
            if earlier_problems.len() == 1 {
                "was"
            } else {
                "were"
            },
        );
    }
    if !args.reading.quiet {
        let added = outcome.sessions_after() as i64 - outcome.sessions_before as i64;
        eprintln!(
            "runlift: store {}{}: {} unchanged since the last import (not read); {} now ({added:+})",
            store.path().display(),
            athlete_note(&store),
            plural(outcome.unchanged, "file"),
            plural(outcome.sessions_after(), "session"),
        );
    }
    Ok(crate::exit_code(&outcome.read))
}

/// `runlift store info|export|forget`.
pub fn store(args: StoreArgs) -> anyhow::Result<ExitCode> {
    let store = args.location.store()?;
    match args.command {
        StoreCommand::Info { format } => {
            let info = store.info()?;
            let text = match format {
                TextOrJson::Text => info_text(&info),
                TextOrJson::Json => format!("{:#}\n", info_json(&info)),
            };
            crate::print_stdout(&text)?;
        }
        StoreCommand::Export { format, out } => {
            let format = match format {
                ExportFormatArg::Parquet => ExportFormat::Parquet,
                ExportFormatArg::Csv => ExportFormat::Csv,
                ExportFormatArg::Json => ExportFormat::Json,
            };
            let written = store.export(format, &out)?;
            eprintln!(
                "runlift: wrote {} into {}",
                plural(written.len(), "file"),
                out.display()
            );
        }
        StoreCommand::Forget {
            path,
            no_wait,
            config,
        } => {
            let dedupe = import_config(config.as_deref())?.dedupe;
            // No store, or no such athlete: said before a writer would create one.
            store.athlete()?;
            let mut writer = writer(&store, no_wait, false)?;
            let outcome = pipeline::forget(&path, &writer, &dedupe)?;
            if let Some(imported) = &outcome.change {
                writer.write(imported)?;
            }
            drop(writer);
            if outcome.files == 0 && outcome.source_activities == 0 {
                anyhow::bail!(
                    "nothing in the store at {} came from {}",
                    store.path().display(),
                    path.display()
                );
            }
            eprintln!(
                "runlift: forgot {} and the {} read from it; {} now (was {})",
                plural(outcome.files, "file"),
                plural(outcome.source_activities, "activity"),
                plural(outcome.sessions_after(), "session"),
                outcome.sessions_before,
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn info_text(info: &runlift_store::StoreInfo) -> String {
    let mut out = format!(
        "store        {}\nathlete      {}\ngeneration   {} (schema version {}, written {} by {})\n",
        info.location.display(),
        safe(&info.athlete),
        info.meta.generation,
        info.meta.schema_version,
        info.meta.written_at,
        info.meta.written_by,
    );
    let range = match info.date_range {
        Some((first, last)) => format!("{} to {}", first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")),
        None => "none".to_owned(),
    };
    out += &format!(
        "sessions     {} ({} recorded by several sources), from {range}\n",
        info.meta.rows.activities, info.merged_sessions
    );
    out += &format!("sets         {}\n", info.meta.rows.sets);
    let list = |counts: &[(String, usize)]| {
        counts
            .iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out += &format!("by sport     {}\n", list(&info.sessions_by_sport));
    out += &format!(
        "by source    {} (activities read, before de-duplication)\n",
        list(&info.activities_by_format)
    );
    out += &format!(
        "files        {}: {}\n",
        info.meta.rows.import_log,
        list(&info.files_by_result)
    );
    out += &format!("size         {}\n", human_size(info.size_bytes));
    out
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

fn info_json(info: &runlift_store::StoreInfo) -> serde_json::Value {
    let counts = |counts: &[(String, usize)]| {
        counts
            .iter()
            .map(|(name, n)| (name.clone(), json!(n)))
            .collect::<serde_json::Map<_, _>>()
    };
    json!({
        "store": info.location.display().to_string(),
        "athlete": info.athlete,
        "schema_version": info.meta.schema_version,
        "generation": info.meta.generation,
        "written_at": info.meta.written_at,
        "sessions": info.meta.rows.activities,
        "merged_sessions": info.merged_sessions,
        "sets": info.meta.rows.sets,
        "source_activities": info.meta.rows.source_activities,
        "first_start": info.date_range.map(|(first, _)| first.to_string()),
        "last_start": info.date_range.map(|(_, last)| last.to_string()),
        "sessions_by_sport": counts(&info.sessions_by_sport),
        "activities_by_format": counts(&info.activities_by_format),
        "files": info.meta.rows.import_log,
        "files_by_result": counts(&info.files_by_result),
        "size_bytes": info.size_bytes,
    })
}

/// The store's sessions as the input of a report: one entry per source file whose figures a
/// session kept, so that the report's input counts stay meaningful.
pub fn read_for_report(location: &StoreLocation, quiet: bool) -> anyhow::Result<ImportReport> {
    let store = location.store()?;
    let sessions = store.sessions_to_count()?;
    if !quiet {
        let meta = store.meta()?;
        eprintln!(
            "runlift: read {} from the store at {}{} (last written {})",
            plural(sessions.len(), "session"),
            store.path().display(),
            athlete_note(&store),
            meta.written_at
        );
    }
    Ok(ImportReport::from_sessions(sessions))
}

/// `runlift inspect --store`: the sessions several sources recorded, and what was kept.
pub fn inspect(
    store: Option<PathBuf>,
    athlete: Option<AthleteName>,
    json_output: bool,
) -> anyhow::Result<ExitCode> {
    let location = StoreLocation {
        dir: store.or_else(|| std::env::var_os("RUNLIFT_STORE").map(PathBuf::from)),
        athlete: AthleteArg { name: athlete },
    };
    let store = location.store()?;
    let sessions = store.sessions()?;
    let merged: Vec<&Activity> = sessions.iter().filter(|s| !s.merged_from.is_empty()).collect();
    let output = if json_output {
        let source = |s: &runlift_model::SourceRef| {
            json!({
                "format": s.format.name(),
                "path": s.path.display().to_string(),
                "inner_path": s.inner_path,
            })
        };
        let merges: Vec<serde_json::Value> = merged
            .iter()
            .map(|s| {
                json!({
                    "id": s.id.to_string(),
                    "start": s.start.to_string(),
                    "sport": s.sport.category(),
                    "sport_detail": s.sport.detail(),
                    "elapsed_s": s.elapsed.as_secs_f64(),
                    "distance_m": s.distance_m,
                    "sets": s.sets.len(),
                    "kept": source(&s.source),
                    "merged_from": s.merged_from.iter().map(source).collect::<Vec<_>>(),
                })
            })
            .collect();
        format!(
            "{:#}\n",
            json!({
                "store": store.path().display().to_string(),
                "athlete": store.athlete()?.as_str(),
                "sessions": sessions.len(),
                "merged_sessions": merged.len(),
                "merges": merges,
            })
        )
    } else {
        let mut out = format!(
            "store {}: {}, {} recorded by several sources\n",
            safe(&store.path().display()),
            plural(sessions.len(), "session"),
            merged.len()
        );
        for session in merged {
            let distance = session
                .distance_m
                .map_or_else(String::new, |m| format!("  {:.2} km", m / 1000.0));
            let sets = if session.sets.is_empty() {
                String::new()
            } else {
                format!("  {}", plural(session.sets.len(), "set"))
            };
            let elapsed = session.elapsed.as_secs();
            out += &format!(
                "\n{} {}  {}  {}:{:02}:{:02}{distance}{sets}\n  kept    {} {}\n",
                session.id,
                session.start.strftime("%Y-%m-%d %H:%M UTC"),
                safe(&session.sport),
                elapsed / 3600,
                elapsed / 60 % 60,
                elapsed % 60,
                session.source.format,
                safe(&session.source),
            );
            for other in &session.merged_from {
                out += &format!("  merged  {} {}\n", other.format, safe(other));
            }
        }
        out
    };
    crate::print_stdout(&output)?;
    Ok(ExitCode::SUCCESS)
}
