//! Where the goals and thresholds come from: `--config FILE`, else `runlift.toml` in the
//! current folder, else the user's config file, else the built-in profile; `--profile` and
//! `--strength-goal` override what the file says. `runlift config --show` prints the result.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use runlift_analysis::{Profile, Settings};

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
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The user's config file: `$XDG_CONFIG_HOME/runlift/config.toml`, else
/// `~/.config/runlift/config.toml` (on Windows `%APPDATA%\runlift\config.toml`).
fn user_config_file() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let dir = if cfg!(windows) {
        absolute("APPDATA")
    } else {
        // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
        absolute("XDG_CONFIG_HOME").or_else(|| absolute("HOME").map(|home| home.join(".config")))
    }?;
    Some(dir.join("runlift").join("config.toml"))
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
    Ok(user_config_file().filter(|p| p.is_file()))
}

/// The effective settings and the file they were read from, if any.
pub fn load(args: &ConfigArgs, strength_goal: Option<u32>) -> anyhow::Result<(Settings, Option<PathBuf>)> {
    let profile = args.profile.map(Profile::from);
    let file = find_config_file(args.config.as_deref())?;
    let mut settings = match &file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the config file {}", path.display()))?;
            Settings::from_toml(&text, profile).with_context(|| format!("config file {}", path.display()))?
        }
        None => Settings::profile(profile.unwrap_or_default()),
    };
    if let Some(goal) = strength_goal {
        settings.goals.strength_sessions_per_week = goal;
    }
    settings.validate()?;
    Ok((settings, file))
}

/// `runlift config --show`: the effective settings as TOML, with where they came from.
pub fn show(args: &ConfigCommandArgs) -> anyhow::Result<String> {
    let (settings, file) = load(&args.config, None)?;
    let origin = match &file {
        Some(path) => format!("# Read from {}.", path.display()),
        None => {
            let user = user_config_file()
                .map_or_else(|| "the user config file".to_owned(), |p| p.display().to_string());
            format!("# No config file found (looked for ./runlift.toml and {user}): built-in settings.")
        }
    };
    Ok(format!(
        "# runlift's effective settings; docs/balance.md explains each.\n{origin}\n{}",
        settings.to_toml()
    ))
}
