//! Goals and thresholds of the balance checks: built-in profiles, overridden by a TOML file.
//!
//! A file names a `profile` (default `runner`) and overrides only the keys it sets; every key
//! it may set is in [`Settings::to_toml`]'s output, which `runlift config --show` prints. The
//! meaning and default of each threshold is explained in `docs/balance.md`.

use serde::{Deserialize, Serialize};

use crate::checks::Check;

/// A built-in set of goals and thresholds, for the kind of athlete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// A runner who lifts to run better: two strength sessions a week, 15-40 % of the time.
    #[default]
    Runner,
    /// Running and lifting as equals: three strength sessions a week, 30-60 % of the time.
    Hybrid,
    /// A lifter who runs for conditioning: three strength sessions a week, 50-85 % of the time.
    Lifter,
}

impl Profile {
    /// Every profile, in the order `runlift config` lists them.
    pub const ALL: [Profile; 3] = [Profile::Runner, Profile::Hybrid, Profile::Lifter];

    /// The name used in config files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Runner => "runner",
            Profile::Hybrid => "hybrid",
            Profile::Lifter => "lifter",
        }
    }

    /// The profile called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Declares a settings section and its "patch": the same fields, each optional, read from a
/// file and laid over a profile, so a file only needs the keys it changes.
macro_rules! section {
    (
        $(#[$meta:meta])*
        $name:ident / $patch:ident {
            $( $(#[$field_meta:meta])* $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $patch {
            $( #[serde(default)] $field: Option<$ty>, )*
        }

        impl $patch {
            fn apply(self, to: &mut $name) {
                $( if let Some(value) = self.$field { to.$field = value; } )*
            }

            /// The keys set here, and `base`'s where this sets none.
            fn or(self, base: $patch) -> $patch {
                $patch { $( $field: self.$field.or(base.$field), )* }
            }
        }
    };
}

section! {
    /// What a balanced week looks like.
    Goals / GoalsPatch {
        /// Strength sessions a week with running should have (`strength-missing`).
        strength_sessions_per_week: u32,
        /// The lowest strength share of all training time that is in balance (`balance-band`).
        strength_share_min: f64,
        /// The highest strength share of all training time that is in balance.
        strength_share_max: f64,
    }
}

section! {
    /// The session effort (RPE, 1-10) assumed when the source records none; load is minutes x
    /// effort.
    EffortDefaults / EffortPatch {
        /// Effort of a run.
        running: f64,
        /// Effort of a strength session.
        strength: f64,
        /// Effort of any other sport.
        other: f64,
    }
}

section! {
    /// What makes a run hard or long.
    RunIntensity / RunIntensityPatch {
        /// A run with at least this perceived effort (1-10) is hard.
        hard_min_effort: f64,
        /// A run whose average heart rate is above this is hard; unset, heart rate is not used
        /// (it is personal: set it near your lactate threshold).
        hard_above_heart_rate: Option<f64>,
        /// A run of at least this many minutes is long.
        long_run_minutes: f64,
    }
}

section! {
    /// The thresholds of the checks (`docs/balance.md` explains each).
    Thresholds / ThresholdsPatch {
        /// Weeks in a row without strength (or running) that make a lapse.
        lapse_weeks: u32,
        /// Weeks a trailing average looks back over (`mileage-slip`, `load-spike`).
        trailing_weeks: u32,
        /// Run distance below this share of its trailing average is a slip.
        mileage_slip_ratio: f64,
        /// Strength time at least this share of its trailing average has "held".
        strength_held_ratio: f64,
        /// Weeks without strength (or running) from which a lapse is an alert.
        lapse_alert_weeks: u32,
        /// Weeks over which each muscle group should get its minimum of work (`muscle-gap`).
        muscle_gap_weeks: u32,
        /// Working sets a muscle group needs over `muscle_gap_weeks` not to be a gap.
        muscle_gap_min_sets: u32,
        /// Working sets for the lower body that make a strength session heavy on the legs.
        heavy_lower_body_sets: u32,
        /// Which school of spacing `stacked-days` follows.
        stacked_policy: StackedPolicy,
        /// Acute:chronic ratio of running load above which a week whose load rose spiked.
        acwr_max: f64,
        /// Acute:chronic ratio of running load at or above which a spike is an alert.
        acwr_alert: f64,
        /// Weekly running-load rise over its trailing average (0.3 = 30 %) that is a spike.
        weekly_load_rise: f64,
        /// A run longer than this share of the longest run of the 30 days before is a spike
        /// (`run-spike`; 1.1 = 10 % longer).
        run_spike_ratio: f64,
        /// ... and longer than this share of it is an alert.
        run_spike_alert_ratio: f64,
        /// Weeks before a race's week that are its taper (no lapse or slip warnings in them).
        taper_weeks: u32,
        /// Training days in a row that call for a rest day (`no-rest`).
        training_days_in_a_row: u32,
    }
}

section! {
    /// What runlift assumes where a source left a figure out.
    Estimates / EstimatesPatch {
        /// Seconds a strength set takes, rest included, for workouts recorded without a
        /// duration (FitNotes, some Strong and Hevy files): their time is sets x this.
        strength_seconds_per_set: f64,
    }
}

/// When heavy leg work is "stacked" on a long or hard run (`stacked-days`). Coaches differ;
/// the finding names the policy it followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StackedPolicy {
    /// "Hard days hard, easy days easy": heavy legs belong after the hard or long run on the
    /// same day; on the day before it, or earlier on its day, they are stacked.
    #[default]
    HardDaysHard,
    /// Heavy legs and long or hard runs at least two calendar days apart (about 48 h): the
    /// same day, the day before and the day after are all stacked.
    TwoDaysApart,
}

impl StackedPolicy {
    /// The name used in config files: `hard-days-hard` or `two-days-apart`.
    pub fn name(self) -> &'static str {
        match self {
            StackedPolicy::HardDaysHard => "hard-days-hard",
            StackedPolicy::TwoDaysApart => "two-days-apart",
        }
    }
}

section! {
    /// Which checks run.
    WarningSwitches / WarningSwitchesPatch {
        /// Ids of checks to leave out, for example `["balance-band"]`.
        disabled: Vec<String>,
    }
}

/// Every goal and threshold the analysis uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// The profile the settings started from.
    pub profile: Profile,
    /// What a balanced week looks like.
    pub goals: Goals,
    /// Assumed session efforts.
    pub effort: EffortDefaults,
    /// What makes a run hard or long.
    pub runs: RunIntensity,
    /// Thresholds of the checks.
    pub thresholds: Thresholds,
    /// What is assumed where a source left a figure out.
    pub estimates: Estimates,
    /// Which checks run.
    pub warnings: WarningSwitches,
}

/// What a config file says about the analysis: the keys it sets, to be laid over a profile
/// ([`Settings::from_patch`]). The binary deserialises it from its part of the file; tables
/// that belong to other steps never reach it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    #[serde(default)]
    profile: Option<Profile>,
    #[serde(default)]
    goals: Option<GoalsPatch>,
    #[serde(default)]
    effort: Option<EffortPatch>,
    #[serde(default)]
    runs: Option<RunIntensityPatch>,
    #[serde(default)]
    thresholds: Option<ThresholdsPatch>,
    #[serde(default)]
    estimates: Option<EstimatesPatch>,
    #[serde(default)]
    warnings: Option<WarningSwitchesPatch>,
}

impl SettingsPatch {
    /// The keys this patch sets, and `base`'s where it sets none, key by key: an athlete's
    /// `[athletes.NAME]` table laid over the file's own settings. A profile named here is the
    /// starting point; keys of `base` still apply over it.
    pub fn over(self, base: SettingsPatch) -> SettingsPatch {
        fn both<T>(mine: Option<T>, base: Option<T>, or: fn(T, T) -> T) -> Option<T> {
            match (mine, base) {
                (Some(mine), Some(base)) => Some(or(mine, base)),
                (mine, base) => mine.or(base),
            }
        }
        SettingsPatch {
            profile: self.profile.or(base.profile),
            goals: both(self.goals, base.goals, GoalsPatch::or),
            effort: both(self.effort, base.effort, EffortPatch::or),
            runs: both(self.runs, base.runs, RunIntensityPatch::or),
            thresholds: both(self.thresholds, base.thresholds, ThresholdsPatch::or),
            estimates: both(self.estimates, base.estimates, EstimatesPatch::or),
            warnings: both(self.warnings, base.warnings, WarningSwitchesPatch::or),
        }
    }
}

/// Why a config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The text is not TOML, or has a key or value runlift does not know; the message says
    /// where (line and column) and what was expected.
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    /// A value is out of its range, or contradicts another.
    #[error("`{key}`: {problem}")]
    Invalid {
        /// The key, as `section.key`.
        key: &'static str,
        /// What is wrong with its value.
        problem: String,
    },
}

impl Default for Settings {
    fn default() -> Self {
        Settings::profile(Profile::Runner)
    }
}

impl Settings {
    /// The built-in settings of `profile`.
    pub fn profile(profile: Profile) -> Settings {
        let (sessions, share_min, share_max, slip) = match profile {
            Profile::Runner => (2, 0.15, 0.40, 0.75),
            Profile::Hybrid => (3, 0.30, 0.60, 0.75),
            // A lifter's running is conditioning: only a halving of it is worth a word.
            Profile::Lifter => (3, 0.50, 0.85, 0.50),
        };
        Settings {
            profile,
            goals: Goals {
                strength_sessions_per_week: sessions,
                strength_share_min: share_min,
                strength_share_max: share_max,
            },
            effort: EffortDefaults {
                running: 5.0,
                strength: 6.0,
                other: 4.0,
            },
            runs: RunIntensity {
                hard_min_effort: 7.0,
                hard_above_heart_rate: None,
                long_run_minutes: 75.0,
            },
            thresholds: Thresholds {
                lapse_weeks: 2,
                trailing_weeks: 4,
                mileage_slip_ratio: slip,
                strength_held_ratio: 0.9,
                lapse_alert_weeks: 4,
                muscle_gap_weeks: 4,
                // One working set a week: the maintenance floor (docs/balance.md, muscle-gap).
                muscle_gap_min_sets: 4,
                heavy_lower_body_sets: 6,
                stacked_policy: StackedPolicy::HardDaysHard,
                acwr_max: 1.5,
                acwr_alert: 2.0,
                weekly_load_rise: 0.3,
                run_spike_ratio: 1.1,
                run_spike_alert_ratio: 2.0,
                taper_weeks: 2,
                training_days_in_a_row: 7,
            },
            estimates: Estimates {
                strength_seconds_per_set: runlift_model::DEFAULT_STRENGTH_SECONDS_PER_SET,
            },
            warnings: WarningSwitches { disabled: Vec::new() },
        }
    }

    /// Reads a config file's text: its `profile` (default `runner`) with the keys it sets laid
    /// over it. `profile_override` (from the command line) wins over the file's profile.
    ///
    /// ```
    /// use runlift_analysis::{Profile, Settings};
    ///
    /// let text = "profile = \"hybrid\"\n[goals]\nstrength_share_max = 0.5\n";
    /// let settings = Settings::from_toml(text, None).unwrap();
    /// assert_eq!(settings.profile, Profile::Hybrid);
    /// assert_eq!(settings.goals.strength_sessions_per_week, 3);
    /// assert_eq!(settings.goals.strength_share_max, 0.5);
    /// ```
    pub fn from_toml(text: &str, profile_override: Option<Profile>) -> Result<Settings, ConfigError> {
        if let Some(err) = Settings::retired_key(text) {
            return Err(err);
        }
        Settings::from_patch(toml::from_str(text)?, profile_override)
    }

    /// A key that earlier versions of runlift wrote and this one replaced, with a pointer to
    /// its successor (better than "unknown field"); `None` when the text has none.
    pub fn retired_key(text: &str) -> Option<ConfigError> {
        let table = text.parse::<toml::Table>().ok()?;
        table.get("thresholds")?.get("stacked_hours")?;
        Some(ConfigError::Invalid {
            key: "thresholds.stacked_hours",
            problem: "replaced by `stacked_policy` (\"hard-days-hard\" or \"two-days-apart\"): \
                      stacked-days now compares calendar days, not hours"
                .to_owned(),
        })
    }

    /// The settings `patch` makes of its profile (or `profile_override`, which wins), checked.
    pub fn from_patch(
        patch: SettingsPatch,
        profile_override: Option<Profile>,
    ) -> Result<Settings, ConfigError> {
        let profile = profile_override.or(patch.profile).unwrap_or_default();
        let mut settings = Settings::profile(profile);
        if let Some(p) = patch.goals {
            p.apply(&mut settings.goals);
        }
        if let Some(p) = patch.effort {
            p.apply(&mut settings.effort);
        }
        if let Some(p) = patch.runs {
            p.apply(&mut settings.runs);
        }
        if let Some(p) = patch.thresholds {
            p.apply(&mut settings.thresholds);
        }
        if let Some(p) = patch.estimates {
            p.apply(&mut settings.estimates);
        }
        if let Some(p) = patch.warnings {
            p.apply(&mut settings.warnings);
        }
        settings.validate()?;
        Ok(settings)
    }

    /// Whether the check `check` runs.
    pub fn is_enabled(&self, check: Check) -> bool {
        !self.warnings.disabled.iter().any(|id| id == check.id())
    }

    /// Checks that every value is in its range; [`Settings::from_toml`] calls it.
    pub fn validate(&self) -> Result<(), ConfigError> {
        fn invalid(key: &'static str, problem: impl Into<String>) -> Result<(), ConfigError> {
            Err(ConfigError::Invalid {
                key,
                problem: problem.into(),
            })
        }
        let share = |key: &'static str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                invalid(key, format!("{v} is not a share between 0 and 1 (0.15 is 15 %)"))
            }
        };
        share("goals.strength_share_min", self.goals.strength_share_min)?;
        share("goals.strength_share_max", self.goals.strength_share_max)?;
        if self.goals.strength_share_min > self.goals.strength_share_max {
            return invalid(
                "goals.strength_share_min",
                format!(
                    "{} is above strength_share_max ({})",
                    self.goals.strength_share_min, self.goals.strength_share_max
                ),
            );
        }
        for (key, v) in [
            ("effort.running", self.effort.running),
            ("effort.strength", self.effort.strength),
            ("effort.other", self.effort.other),
            ("runs.hard_min_effort", self.runs.hard_min_effort),
        ] {
            if !(0.0..=10.0).contains(&v) {
                return invalid(key, format!("{v} is not an effort on the 0-10 scale"));
            }
        }
        let positive = |key: &'static str, v: f64| {
            if v > 0.0 && v.is_finite() {
                Ok(())
            } else {
                invalid(key, format!("{v} must be above 0"))
            }
        };
        if let Some(hr) = self.runs.hard_above_heart_rate {
            positive("runs.hard_above_heart_rate", hr)?;
        }
        let t = &self.thresholds;
        positive("runs.long_run_minutes", self.runs.long_run_minutes)?;
        positive("thresholds.acwr_max", t.acwr_max)?;
        positive(
            "estimates.strength_seconds_per_set",
            self.estimates.strength_seconds_per_set,
        )?;
        if !(t.run_spike_ratio > 1.0 && t.run_spike_ratio.is_finite()) {
            return invalid(
                "thresholds.run_spike_ratio",
                format!("{} must be above 1 (1.1 is 10 % longer)", t.run_spike_ratio),
            );
        }
        if !(t.run_spike_alert_ratio >= t.run_spike_ratio && t.run_spike_alert_ratio.is_finite()) {
            return invalid(
                "thresholds.run_spike_alert_ratio",
                format!(
                    "{} must be at least run_spike_ratio ({})",
                    t.run_spike_alert_ratio, t.run_spike_ratio
                ),
            );
        }
        positive("thresholds.acwr_alert", t.acwr_alert)?;
        positive("thresholds.weekly_load_rise", t.weekly_load_rise)?;
        share("thresholds.mileage_slip_ratio", t.mileage_slip_ratio)?;
        positive("thresholds.strength_held_ratio", t.strength_held_ratio)?;
        for (key, v, min) in [
            ("thresholds.lapse_weeks", t.lapse_weeks, 1),
            ("thresholds.trailing_weeks", t.trailing_weeks, 1),
            ("thresholds.muscle_gap_weeks", t.muscle_gap_weeks, 1),
            ("thresholds.muscle_gap_min_sets", t.muscle_gap_min_sets, 1),
            ("thresholds.lapse_alert_weeks", t.lapse_alert_weeks, t.lapse_weeks),
            ("thresholds.heavy_lower_body_sets", t.heavy_lower_body_sets, 1),
            ("thresholds.training_days_in_a_row", t.training_days_in_a_row, 2),
        ] {
            if v < min {
                return invalid(key, format!("{v} must be at least {min}"));
            }
        }
        for id in &self.warnings.disabled {
            if Check::from_id(id).is_none() {
                let known: Vec<&str> = Check::ALL.iter().map(|c| c.id()).collect();
                return invalid(
                    "warnings.disabled",
                    format!("unknown check {id:?}; the checks are {}", known.join(", ")),
                );
            }
        }
        Ok(())
    }

    /// The settings as a commented TOML file that [`Settings::from_toml`] reads back to the
    /// same settings: what `runlift config --show` prints.
    pub fn to_toml(&self) -> String {
        let g = &self.goals;
        let e = &self.effort;
        let r = &self.runs;
        let t = &self.thresholds;
        let x = &self.estimates;
        let heart_rate = match r.hard_above_heart_rate {
            Some(hr) => format!("hard_above_heart_rate = {}", number(hr)),
            None => {
                "# hard_above_heart_rate = 165     # unset: heart rate does not make a run hard".to_owned()
            }
        };
        let disabled: Vec<String> = self
            .warnings
            .disabled
            .iter()
            .map(|id| format!("{id:?}"))
            .collect();
        format!(
            "\
# Built-in profiles: runner (default), hybrid, lifter. Keys below override the profile.
profile = \"{profile}\"

[goals]
strength_sessions_per_week = {sessions}   # in a week with running (strength-missing)
strength_share_min = {share_min}          # strength share of all training time (balance-band)
strength_share_max = {share_max}

[effort]
# Session effort (RPE 1-10) assumed where the source records none; load = minutes x effort.
running = {e_run}
strength = {e_str}
other = {e_other}

[runs]
hard_min_effort = {hard_effort}            # perceived effort that makes a run hard
{heart_rate}
long_run_minutes = {long_minutes}          # a run this long is a long run (stacked-days)

[thresholds]
lapse_weeks = {lapse}                 # this many weeks (x 7 days) or more without strength or running (lapses)
lapse_alert_weeks = {lapse_alert}           # ... and this many or more: a strength lapse is an alert
trailing_weeks = {trailing}              # complete weeks of the trailing averages
mileage_slip_ratio = {slip}        # run distance below this share of its average (mileage-slip)
strength_held_ratio = {held}       # strength time at least this share of its average has held
muscle_gap_weeks = {gap}            # window in which every muscle group needs work (muscle-gap)
muscle_gap_min_sets = {gap_sets}         # working sets per group in that window (4 = one a week)
heavy_lower_body_sets = {heavy}       # lower-body working sets that make a session heavy legs
stacked_policy = \"{policy}\"  # or \"two-days-apart\" (stacked-days)
acwr_max = {acwr}                   # running acute:chronic ratio above this, in a rising week (load-spike)
acwr_alert = {acwr_alert}                 # ... and at or above this it is an alert
weekly_load_rise = {rise}           # weekly running load this much above its average (0.3 = 30 %)
run_spike_ratio = {spike}            # a run longer than this x the longest of the 30 days before (run-spike)
run_spike_alert_ratio = {spike_alert}      # ... and longer than this x: an alert
taper_weeks = {taper}                 # weeks before a race's week that are its taper
training_days_in_a_row = {days_in_a_row}      # this many training days in a row call for rest (no-rest)

[estimates]
strength_seconds_per_set = {per_set}  # a strength workout without a duration lasts sets x this

[warnings]
disabled = [{disabled}]   # ids of checks to leave out, e.g. \"balance-band\"
",
            profile = self.profile.name(),
            sessions = g.strength_sessions_per_week,
            share_min = number(g.strength_share_min),
            share_max = number(g.strength_share_max),
            e_run = number(e.running),
            e_str = number(e.strength),
            e_other = number(e.other),
            hard_effort = number(r.hard_min_effort),
            long_minutes = number(r.long_run_minutes),
            lapse = t.lapse_weeks,
            lapse_alert = t.lapse_alert_weeks,
            trailing = t.trailing_weeks,
            slip = number(t.mileage_slip_ratio),
            held = number(t.strength_held_ratio),
            gap = t.muscle_gap_weeks,
            gap_sets = t.muscle_gap_min_sets,
            heavy = t.heavy_lower_body_sets,
            policy = t.stacked_policy.name(),
            acwr = number(t.acwr_max),
            acwr_alert = number(t.acwr_alert),
            rise = number(t.weekly_load_rise),
            spike = number(t.run_spike_ratio),
            spike_alert = number(t.run_spike_alert_ratio),
            taper = t.taper_weeks,
            per_set = number(x.strength_seconds_per_set),
            days_in_a_row = t.training_days_in_a_row,
            disabled = disabled.join(", "),
        )
    }
}

/// A float as TOML writes it: always with a fraction, so it reads back as a float.
fn number(value: f64) -> String {
    let text = value.to_string();
    if text.contains(['.', 'e', 'E']) || !value.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_athletes_patch_lies_over_the_files_key_by_key() {
        let file: SettingsPatch = toml::from_str(
            "profile = \"runner\"\n[goals]\nstrength_share_max = 0.9\nstrength_sessions_per_week = 1\n",
        )
        .unwrap();
        let athlete: SettingsPatch =
            toml::from_str("profile = \"lifter\"\n[goals]\nstrength_sessions_per_week = 4\n").unwrap();
        let settings = Settings::from_patch(athlete.over(file), None).unwrap();
        assert_eq!(settings.profile, Profile::Lifter);
        assert_eq!(settings.goals.strength_sessions_per_week, 4);
        assert_eq!(settings.goals.strength_share_max, 0.9);
        // Keys neither sets come from the athlete's profile.
        assert_eq!(
            settings.goals.strength_share_min,
            Settings::profile(Profile::Lifter).goals.strength_share_min
        );
    }

    #[test]
    fn an_empty_file_is_the_runner_profile() {
        assert_eq!(Settings::from_toml("", None).unwrap(), Settings::default());
        assert_eq!(Settings::default().profile, Profile::Runner);
        assert_eq!(Settings::default().goals.strength_sessions_per_week, 2);
    }

    #[test]
    fn a_file_overrides_only_what_it_sets() {
        let text =
            "profile = \"lifter\"\n[runs]\nhard_above_heart_rate = 168\n[thresholds]\nacwr_max = 1.4\n";
        let settings = Settings::from_toml(text, None).unwrap();
        let mut expected = Settings::profile(Profile::Lifter);
        expected.runs.hard_above_heart_rate = Some(168.0);
        expected.thresholds.acwr_max = 1.4;
        assert_eq!(settings, expected);
    }

    #[test]
    fn the_command_lines_profile_wins_over_the_files() {
        let settings = Settings::from_toml("profile = \"lifter\"", Some(Profile::Hybrid)).unwrap();
        assert_eq!(settings, Settings::profile(Profile::Hybrid));
    }

    #[test]
    fn every_profile_round_trips_through_its_toml() {
        for profile in Profile::ALL {
            let mut settings = Settings::profile(profile);
            settings.warnings.disabled = vec!["data-gap".into(), "no-rest".into()];
            settings.runs.hard_above_heart_rate = Some(171.5);
            let text = settings.to_toml();
            assert_eq!(Settings::from_toml(&text, None).unwrap(), settings, "{text}");
            let plain = Settings::profile(profile);
            assert_eq!(Settings::from_toml(&plain.to_toml(), None).unwrap(), plain);
        }
    }

    #[test]
    fn unknown_keys_are_refused_with_their_place() {
        let err = Settings::from_toml("[goals]\nstrenght_sessions_per_week = 3\n", None).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("strenght_sessions_per_week"), "{message}");
    }

    #[test]
    fn unknown_profiles_and_checks_are_refused() {
        let err = Settings::from_toml("profile = \"swimmer\"", None).unwrap_err();
        assert!(err.to_string().contains("swimmer"), "{err}");
        let err = Settings::from_toml("[warnings]\ndisabled = [\"too-much-fun\"]", None).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "`warnings.disabled`: unknown check \"too-much-fun\"; the checks are strength-missing,"
            ),
            "{err}"
        );
    }

    #[test]
    fn values_out_of_range_are_refused_by_key() {
        let cases = [
            ("[goals]\nstrength_share_max = 40", "goals.strength_share_max"),
            (
                "[goals]\nstrength_share_min = 0.5\nstrength_share_max = 0.4",
                "goals.strength_share_min",
            ),
            ("[effort]\nrunning = 11.0", "effort.running"),
            ("[thresholds]\nacwr_max = 0.0", "thresholds.acwr_max"),
            (
                "[thresholds]\ntraining_days_in_a_row = 1",
                "thresholds.training_days_in_a_row",
            ),
        ];
        for (text, key) in cases {
            match Settings::from_toml(text, None) {
                Err(ConfigError::Invalid { key: found, .. }) => assert_eq!(found, key, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
