//! The weekly balance as JSON: a contract with scripts, documented field by field in
//! `docs/report-json.md` (a test checks the output against that document).

use runlift_analysis::{
    BalanceReport, DataQuality, Evidence, Severity, Warning, WeekFigures, WeekProgress, week_label,
};
use runlift_model::{FileStatus, ImportReport};
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::text::{days_elapsed, milli, seconds, tenth};

/// The version of the JSON report's shape; raised when a field changes meaning or goes away
/// (adding a field does not raise it). Schema 2: the report is made as of a moment, weeks
/// carry their status, loads and data quality, and `load-spike`, `acwr` and the lapse
/// evidence changed meaning (docs/report-json.md, "Changes in schema 2").
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct BalanceJson<'a> {
    schema_version: u32,
    as_of: AsOfJson,
    time_zone: &'a str,
    profile: &'static str,
    goals: GoalsJson,
    history: Option<HistoryJson>,
    silence: Option<SilenceJson>,
    current_week: Option<CurrentWeekJson>,
    summary: SummaryJson,
    weeks: Vec<WeekJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<InputsJson>,
}

#[derive(Serialize)]
struct GoalsJson {
    strength_sessions_per_week: u32,
    strength_share_min: f64,
    strength_share_max: f64,
}

#[derive(Serialize)]
pub(crate) struct AsOfJson {
    moment: String,
    day: String,
    day_over: bool,
}

impl AsOfJson {
    pub(crate) fn new(as_of: &runlift_analysis::AsOf) -> AsOfJson {
        AsOfJson {
            moment: as_of.moment.to_string(),
            day: as_of.day.to_string(),
            day_over: as_of.day_over,
        }
    }
}

#[derive(Serialize)]
struct SilenceJson {
    last_activity: String,
    days: u32,
    first_empty_week: String,
    first_empty_week_start: String,
    empty_weeks: u32,
    note: String,
}

#[derive(Serialize)]
struct CurrentWeekJson {
    week: String,
    week_start: String,
    days_elapsed: u32,
    days_left: u32,
    strength_sessions: u32,
    strength_goal: u32,
    runs: u32,
    run_distance_m: f64,
    trailing_run_distance_m: Option<f64>,
    rest_days: u32,
    to_do: String,
}

impl From<&WeekProgress> for CurrentWeekJson {
    fn from(c: &WeekProgress) -> Self {
        CurrentWeekJson {
            week: week_label(c.week_start),
            week_start: c.week_start.to_string(),
            days_elapsed: c.days_elapsed,
            days_left: c.days_left,
            strength_sessions: c.strength_sessions,
            strength_goal: c.strength_goal,
            runs: c.runs,
            run_distance_m: tenth(c.run_distance_m),
            trailing_run_distance_m: c.trailing_run_distance_m.map(tenth),
            rest_days: c.rest_days,
            to_do: c.to_do(),
        }
    }
}

#[derive(Serialize)]
struct QualityJson {
    estimated_duration: u32,
    default_effort: u32,
    runs_without_distance: u32,
    strength_without_sets: u32,
}

impl From<&DataQuality> for QualityJson {
    fn from(q: &DataQuality) -> Self {
        QualityJson {
            estimated_duration: q.estimated_duration,
            default_effort: q.default_effort,
            runs_without_distance: q.runs_without_distance,
            strength_without_sets: q.strength_without_sets,
        }
    }
}

#[derive(Serialize)]
struct HistoryJson {
    first_day: String,
    last_day: String,
}

#[derive(Serialize)]
struct SummaryJson {
    weeks: usize,
    warnings: usize,
    info: usize,
    warning: usize,
    alert: usize,
    worst_severity: Option<&'static str>,
}

#[derive(Serialize)]
struct MuscleSetsJson {
    lower_body: u32,
    core: u32,
    upper_body: u32,
}

#[derive(Serialize)]
struct WeekJson<'a> {
    week: String,
    week_start: String,
    status: &'static str,
    in_progress: bool,
    days_elapsed: u32,
    days: u32,
    rest_days: u32,
    runs: u32,
    run_distance_m: f64,
    run_time_s: u64,
    run_elevation_gain_m: f64,
    longest_run_m: f64,
    longest_run_s: u64,
    hard_runs: u32,
    long_runs: u32,
    strength_sessions: u32,
    strength_time_s: u64,
    working_sets: u32,
    reps: u32,
    volume_kg: f64,
    muscle_sets: MuscleSetsJson,
    unclassified_sets: u32,
    unclassified_exercises: &'a [String],
    other_sessions: u32,
    other_time_s: u64,
    training_time_s: u64,
    strength_share: Option<f64>,
    load: f64,
    run_load: f64,
    strength_load: f64,
    acwr: Option<f64>,
    acwr_max: Option<f64>,
    races: u32,
    taper: bool,
    quality: QualityJson,
    warnings: Vec<&'static str>,
}

#[derive(Serialize)]
struct WarningJson<'a> {
    id: &'static str,
    severity: &'static str,
    week: String,
    week_start: String,
    finding: &'a str,
    advice: &'static str,
    message: String,
    evidence: EvidenceJson<'a>,
}

/// The evidence as an object whose keys keep the check's order.
struct EvidenceJson<'a>(&'a [Evidence]);

impl Serialize for EvidenceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for e in self.0 {
            map.serialize_entry(e.name, &milli(e.value))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct InputsJson {
    files: usize,
    ok: usize,
    partial: usize,
    error: usize,
    skipped: usize,
    activities: usize,
}

fn week_json<'a>(report: &BalanceReport, week: &'a WeekFigures, warnings: &[Warning]) -> WeekJson<'a> {
    WeekJson {
        week: week.label(),
        week_start: week.week_start.to_string(),
        status: week.status.name(),
        in_progress: week.in_progress(),
        days_elapsed: days_elapsed(report, week),
        days: week.days,
        rest_days: week.rest_days,
        runs: week.runs,
        run_distance_m: tenth(week.run_distance_m),
        run_time_s: seconds(week.run_time_s),
        run_elevation_gain_m: tenth(week.run_elevation_gain_m),
        longest_run_m: tenth(week.longest_run_m),
        longest_run_s: seconds(week.longest_run_s),
        hard_runs: week.hard_runs,
        long_runs: week.long_runs,
        strength_sessions: week.strength_sessions,
        strength_time_s: seconds(week.strength_time_s),
        working_sets: week.working_sets,
        reps: week.reps,
        volume_kg: tenth(week.volume_kg),
        muscle_sets: MuscleSetsJson {
            lower_body: week.muscle_sets.lower_body,
            core: week.muscle_sets.core,
            upper_body: week.muscle_sets.upper_body,
        },
        unclassified_sets: week.unclassified_sets,
        unclassified_exercises: &week.unclassified_exercises,
        other_sessions: week.other_sessions,
        other_time_s: seconds(week.other_time_s),
        training_time_s: seconds(week.training_time_s()),
        strength_share: week.strength_share().map(milli),
        load: tenth(week.load),
        run_load: tenth(week.run_load),
        strength_load: tenth(week.strength_load),
        acwr: week.acwr.map(milli),
        acwr_max: week.acwr_max.map(milli),
        races: week.races,
        taper: week.taper,
        quality: QualityJson::from(&week.quality),
        warnings: warnings
            .iter()
            .filter(|w| w.week_start == week.week_start)
            .map(|w| w.id())
            .collect(),
    }
}

fn summary(report: &BalanceReport) -> SummaryJson {
    let count = |severity| report.warnings.iter().filter(|w| w.severity == severity).count();
    SummaryJson {
        weeks: report.weeks.len(),
        warnings: report.warnings.len(),
        info: count(Severity::Info),
        warning: count(Severity::Warning),
        alert: count(Severity::Alert),
        worst_severity: report.worst_severity().map(Severity::name),
    }
}

/// The weekly balance as JSON (see `docs/report-json.md`), with a summary of the inputs when
/// `inputs` is given.
pub fn balance_json(report: &BalanceReport, inputs: Option<&ImportReport>) -> String {
    let goals = &report.settings.goals;
    let json = BalanceJson {
        schema_version: SCHEMA_VERSION,
        as_of: AsOfJson::new(&report.as_of),
        time_zone: &report.time_zone,
        profile: report.settings.profile.name(),
        goals: GoalsJson {
            strength_sessions_per_week: goals.strength_sessions_per_week,
            strength_share_min: goals.strength_share_min,
            strength_share_max: goals.strength_share_max,
        },
        history: report.history.map(|(first, last)| HistoryJson {
            first_day: first.to_string(),
            last_day: last.to_string(),
        }),
        silence: report.silence.map(|s| SilenceJson {
            last_activity: s.last_activity.to_string(),
            days: s.days,
            first_empty_week: week_label(s.first_empty_week),
            first_empty_week_start: s.first_empty_week.to_string(),
            empty_weeks: s.empty_weeks,
            note: report.silence_note().unwrap_or_default(),
        }),
        current_week: report.current.as_ref().map(CurrentWeekJson::from),
        summary: summary(report),
        weeks: report
            .weeks
            .iter()
            .map(|w| week_json(report, w, &report.warnings))
            .collect(),
        warnings: report
            .warnings
            .iter()
            .map(|w| WarningJson {
                id: w.id(),
                severity: w.severity.name(),
                week: week_label(w.week_start),
                week_start: w.week_start.to_string(),
                finding: &w.finding,
                advice: w.advice,
                message: w.message(),
                evidence: EvidenceJson(&w.evidence),
            })
            .collect(),
        inputs: inputs.map(|r| InputsJson {
            files: r.files.len(),
            ok: r.count(FileStatus::Ok),
            partial: r.count(FileStatus::Partial),
            error: r.count(FileStatus::Error),
            skipped: r.count(FileStatus::Skipped),
            activities: r.activities().count(),
        }),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    text.push('\n');
    text
}
