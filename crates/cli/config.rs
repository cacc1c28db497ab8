//! The configuration file, read once: `--config FILE`, else `runlift.toml` in the current
//! folder, else the user's config file, else the built-in profile. Its parts go to the crates
//! they configure: the goals and thresholds ([`Settings`]) to the analysis, the `[dedupe]`
//! table ([`DedupeSettings`]) to the import pipeline. `--profile` and `--strength-goal`
//! override what the file says. `runlift config --show` prints the analysis settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use runlift_analysis::{Profile, Settings, SettingsPatch};
use runlift_import::dedupe::DedupeSettings;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Options that choose the goals and thresholds, shared by `report` and `config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The config file (TOML) with goals and thresholds; without it, runlift.toml in the
    /// current folder or the user config file (~/.config/runlift/config.toml) is used when
    /// there is one. `runlift config --show` prints every key.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The built-in profile to start from, instead of the config file's: runner (two strength
    /// sessions a week, 15-40 % of training time), hybrid (three, 30-60 %), lifter (three,
    /// 50-85 %).
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProfileArg {
    Runner,
    Hybrid,
    Lifter,
}

impl From<ProfileArg> for Profile {
    fn from(arg: ProfileArg) -> Profile {
        match arg {
            ProfileArg::Runner => Profile::Runner,
            ProfileArg::Hybrid => Profile::Hybrid,
            ProfileArg::Lifter => Profile::Lifter,
        }
    }
}

/// `runlift config`: shows the settings runlift would use here.
#[derive(Debug, Args)]
pub struct ConfigCommandArgs {
    /// Print the effective settings as a commented TOML file (the default, and so far the only
    /// action): `runlift config --show > runlift.toml` starts a config of your own.
    #[arg(long)]
    pub show: bool,
    /// Show the settings of this athlete: their [athletes.NAME] table laid over the file's.
    #[arg(long, value_name = "NAME", value_parser = crate::store_cmd::parse_athlete)]
    pub athlete: Option<runlift_store::AthleteName>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The config file to read, if any: the one named, else the first that exists of
/// `./runlift.toml` and the user's.
fn find_config_file(named: Option<&Path>) -> anyhow::Result<Option<PathBuf>> {
    if let Some(path) = named {
        if !path.is_file() {
            bail!("config file {} not found", path.display());
        }
        return Ok(Some(path.to_owned()));
    }
    let local = PathBuf::from("runlift.toml");
    if local.is_file() {
        return Ok(Some(local));
    }
    Ok(crate::places::user_config_file().filter(|p| p.is_file()))
}

/// The whole configuration file, parsed once and split by owner: each table is deserialised
/// into the type of the crate it configures, with errors that point into the file.
#[derive(Debug, Default)]
pub struct ConfigFile {
    /// The goals and thresholds the file sets, for the analysis.
    pub analysis: SettingsPatch,
    /// The `[dedupe]` table, for the import pipeline.
    pub dedupe: DedupeSettings,
    /// The `[plan]` table, for `runlift plan`.
    pub plan: crate::plan_cmd::PlanTable,
    /// The `[import]` table: time zone and weight unit where files do not say.
    pub import: ImportTable,
    /// The `[athletes.NAME]` tables: an athlete's own profile, goals and thresholds, laid
    /// over the file's.
    pub athletes: BTreeMap<String, SettingsPatch>,
}

impl ConfigFile {
    /// Reads a config file's text. Unknown keys, in any table, are errors.
    pub fn parse(text: &str) -> Result<ConfigFile, toml::de::Error> {
        let located = |mut error: toml::de::Error| {
            error.set_input(Some(text));
            error
        };
        let document = DeTable::parse(text)?;
        let span = document.span();
        let mut tables = document.into_inner();
        let dedupe = match tables.remove("dedupe") {
            Some(table) => DedupeSettings::deserialize(ValueDeserializer::from(table)).map_err(located)?,
            None => DedupeSettings::default(),
        };
        let import = match tables.remove("import") {
            Some(table) => ImportTable::deserialize(ValueDeserializer::from(table)).map_err(located)?,
            None => ImportTable::default(),
        };
        let athletes = match tables.remove("athletes") {
            Some(table) => {
                let patches = BTreeMap::<String, SettingsPatch>::deserialize(ValueDeserializer::from(table))
                    .map_err(located)?;
                for name in patches.keys() {
                    if let Err(err) = runlift_store::AthleteName::new(name) {
                        return Err(located(<toml::de::Error as serde::de::Error>::custom(format!(
                            "[athletes]: {err}"
                        ))));
                    }
                }
                patches
            }
            None => BTreeMap::new(),
        };
        let plan = match tables.remove("plan") {
            Some(table) => {
                crate::plan_cmd::PlanTable::deserialize(ValueDeserializer::from(table)).map_err(located)?
            }
            None => crate::plan_cmd::PlanTable::default(),
        };
        // Whatever is left is the analysis's: it refuses keys it does not know.
        let rest = Spanned::new(span, DeValue::Table(tables));
        let analysis = SettingsPatch::deserialize(ValueDeserializer::from(rest)).map_err(located)?;
        Ok(ConfigFile {
            analysis,
            dedupe,
            import,
            plan,
            athletes,
        })
    }
}

/// The `[import]` table: what files are read with where their data does not say. The command
/// line (`--tz`, `RUNLIFT_TZ`, `--weight-unit`) wins over it.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportTable {
    /// The athlete's time zone (IANA name), for times without an offset and for weeks.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// `kg` or `lb`: the unit of weights in gym-app exports that do not say it.
    #[serde(default)]
    pub weight_unit: Option<String>,
    /// The sport of sessions whose file names none and whose sport cannot be inferred (a GPX
    /// track without `<type>`, name, cadence or speed that tells): `running`, `walking`, ...
    #[serde(default)]
    pub unknown_sport: Option<String>,
}

impl ImportTable {
    /// The table as `runlift config --show` prints it; unset keys as commented examples.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[import]\n");
        match &self.time_zone {
            Some(zone) => out.push_str(&format!("time_zone = {zone:?}\n")),
            None => out.push_str(
                "# time_zone = \"Europe/Berlin\"   # unset: --tz, RUNLIFT_TZ, else this machine's zone\n",
            ),
        }
        match &self.weight_unit {
            Some(unit) => out.push_str(&format!("weight_unit = {unit:?}\n")),
            None => out.push_str("# weight_unit = \"lb\"   # unset: --weight-unit, else kg\n"),
        }
        match &self.unknown_sport {
            Some(sport) => out.push_str(&format!("unknown_sport = {sport:?}\n")),
            None => out.push_str(
                "# unknown_sport = \"running\"   # unset: --sport-for-unknown, else left unspecified\n",
            ),
        }
        out
    }
}

/// The effective configuration: every part of the config file, and where it came from.
#[derive(Debug)]
pub struct Config {
    /// Goals and thresholds, for the analysis.
    pub settings: Settings,
    /// When activities from different sources are one session, for the import pipeline.
    pub dedupe: DedupeSettings,
    /// Available days, long-run day and fixed sessions, for `runlift plan`.
    pub plan: crate::plan_cmd::PlanTable,
    /// How files are read where their data does not say: time zone and weight unit.
    pub import: ImportTable,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// The file's own analysis keys, under each athlete's.
    patch: SettingsPatch,
    /// The `[athletes.NAME]` tables.
    athletes: BTreeMap<String, SettingsPatch>,
    /// `--profile`, which wins over every table.
    profile: Option<Profile>,
    /// `--strength-goal`, which wins over every table.
    strength_goal: Option<u32>,
}

impl Config {
    /// The goals and thresholds of `athlete`: its `[athletes.NAME]` table's keys, else the
    /// file's, else its profile's (the table's `profile`, else the file's); `--profile` and
    /// `--strength-goal` win over both.
    pub fn settings_for(&self, athlete: &str) -> anyhow::Result<Settings> {
        let Some(own) = self.athletes.get(athlete) else {
            return Ok(self.settings.clone());
        };
        let file = self
            .file
            .as_ref()
            .map_or_else(String::new, |p| format!(" of config file {}", p.display()));
        let mut settings = Settings::from_patch(own.clone().over(self.patch.clone()), self.profile)
            .with_context(|| format!("[athletes.{athlete:?}]{file}"))?;
        if let Some(goal) = self.strength_goal {
            settings.goals.strength_sessions_per_week = goal;
        }
        settings
            .validate()
            .with_context(|| format!("[athletes.{athlete:?}]{file}"))?;
        Ok(settings)
    }
}

/// The effective configuration, from the file `args` lead to (read once) and the overrides.
pub fn load(args: &ConfigArgs, strength_goal: Option<u32>) -> anyhow::Result<Config> {
    let profile = args.profile.map(Profile::from);
    let file = find_config_file(args.config.as_deref())?;
    let parts = match &file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the config file {}", path.display()))?;
            if let Some(err) = Settings::retired_key(&text) {
                return Err(err).with_context(|| format!("config file {}", path.display()));
            }
            ConfigFile::parse(&text).with_context(|| format!("config file {}", path.display()))?
        }
        None => ConfigFile::default(),
    };
    let patch = parts.analysis.clone();
    let mut settings = Settings::from_patch(parts.analysis, profile).with_context(|| match &file {
        Some(path) => format!("config file {}", path.display()),
        None => "the built-in settings".to_owned(),
    })?;
    if let Some(goal) = strength_goal {
        settings.goals.strength_sessions_per_week = goal;
    }
    settings.validate()?;
    Ok(Config {
        settings,
        dedupe: parts.dedupe,
        plan: parts.plan,
        import: parts.import,
        file,
        patch,
        athletes: parts.athletes,
        profile,
        strength_goal,
    })
}

/// `runlift config --show`: the effective settings as TOML, with where they came from.
pub fn show(args: &ConfigCommandArgs) -> anyhow::Result<String> {
    let config = load(&args.config, None)?;
    let settings = match &args.athlete {
        Some(athlete) => config.settings_for(athlete.as_str())?,
        None => config.settings.clone(),
    };
    let Config {
        dedupe,
        file,
        plan,
        import,
        athletes,
        ..
    } = config;
    let mut origin = match &file {
        Some(path) => format!("# Read from {}.", path.display()),
        None => {
            let user = crate::places::user_config_file()
                .map_or_else(|| "the user config file".to_owned(), |p| p.display().to_string());
            format!("# No config file found (looked for ./runlift.toml and {user}): built-in settings.")
        }
    };
    match args.athlete.as_ref().map(|a| a.as_str()) {
        Some(athlete) if athletes.contains_key(athlete) => {
            origin += &format!(
                "\n# For athlete {athlete:?}: the file's [athletes] table for them over the file's own keys."
            );
        }
        Some(athlete) => {
            origin +=
                &format!("\n# The file has no [athletes] table for {athlete:?}: the file's own settings.")
        }
        None if !athletes.is_empty() => {
            let names: Vec<String> = athletes.keys().map(|name| format!("{name:?}")).collect();
            origin += &format!(
                "\n# The file has settings of their own for {}: `runlift config --show --athlete NAME` prints them.",
                names.join(", ")
            );
        }
        None => {}
    }
    let dedupe = toml::to_string(&dedupe).context("the [dedupe] table cannot be written as TOML")?;
    Ok(format!(
        "# runlift's effective settings; docs/balance.md explains each.\n{origin}\n{}\n\
         # When activities from different sources are one session (docs/store.md).\n[dedupe]\n{dedupe}\n\
         # What `runlift plan` may use (docs/plan.md).\n{}\n\
         # How files are read where their data does not say; the command line wins.\n{}",
        settings.to_toml(),
        plan.to_toml(),
        import.to_toml()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_holds_the_analysis_settings_and_the_dedupe_table() {
        let text = "profile = \"hybrid\"\n[goals]\nstrength_share_max = 0.5\n\n[dedupe]\nmax_start_difference_s = 300\n";
        let file = ConfigFile::parse(text).unwrap();
        assert_eq!(file.dedupe.max_start_difference_s, 300);
        assert_eq!(file.dedupe.max_duration_difference_percent, 10);
        let settings = Settings::from_patch(file.analysis, None).unwrap();
        assert_eq!(settings.profile, Profile::Hybrid);
        assert_eq!(settings.goals.strength_share_max, 0.5);
        assert_eq!(settings.goals.strength_sessions_per_week, 3);
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line_in_either_part() {
        let in_dedupe = ConfigFile::parse("[goals]\nstrength_share_max = 0.5\n[dedupe]\nmax_start_s = 300\n")
            .unwrap_err()
            .to_string();
        assert!(in_dedupe.contains("line 4"), "{in_dedupe}");
        assert!(in_dedupe.contains("unknown field `max_start_s`"), "{in_dedupe}");
        let in_goals = ConfigFile::parse("[dedupe]\nenabled = false\n[goals]\nstrength_sessions = 3\n")
            .unwrap_err()
            .to_string();
        assert!(in_goals.contains("line 4"), "{in_goals}");
        assert!(
            in_goals.contains("unknown field `strength_sessions`"),
            "{in_goals}"
        );
        let top_level = ConfigFile::parse("dedup = 1\n").unwrap_err().to_string();
        assert!(top_level.contains("unknown field `dedup`"), "{top_level}");
    }

    #[test]
    fn the_import_table_is_read_shown_and_read_back() {
        let text =
            "[import]\ntime_zone = \"Europe/Berlin\"\nweight_unit = \"lb\"\nunknown_sport = \"running\"\n";
        let file = ConfigFile::parse(text).unwrap();
        assert_eq!(file.import.time_zone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(file.import.unknown_sport.as_deref(), Some("running"));
        assert_eq!(file.import.to_toml(), text);
        let default = ImportTable::default().to_toml();
        assert_eq!(
            ConfigFile::parse(&default).unwrap().import,
            ImportTable::default()
        );
        let err = ConfigFile::parse("[import]\nzone = \"UTC\"\n").unwrap_err();
        assert!(err.to_string().contains("zone"), "{err}");
    }

    #[test]
    fn the_plan_table_is_shown_and_read_back() {
        let text = "[plan]\ndays = [\"mon\", \"wed\", \"sun\"]\nlong_run_day = \"sun\"\nfixed = [{ day = \"wed\", session = \"hard\" }]\n";
        let file = ConfigFile::parse(text).unwrap();
        let shown = file.plan.to_toml();
        assert_eq!(shown, text);
        assert_eq!(ConfigFile::parse(&shown).unwrap().plan, file.plan);
        // Unset keys are shown as comments, so the default table reads back as the default.
        let default = ConfigFile::default().plan.to_toml();
        assert!(default.contains("# long_run_day = \"sun\""), "{default}");
        assert_eq!(
            ConfigFile::parse(&default).unwrap().plan,
            ConfigFile::default().plan
        );
    }

    #[test]
    fn a_file_without_a_dedupe_table_keeps_the_default_merging() {
        let file = ConfigFile::parse("[goals]\nstrength_sessions_per_week = 4\n").unwrap();
        assert_eq!(file.dedupe, DedupeSettings::default());
    }
}
