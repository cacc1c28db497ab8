//! What was read from each file, for `runlift inspect`: as text for people or as JSON.

use std::fmt::Write as _;

use runlift_model::{Activity, FileReport, StrengthSet};
use serde::Serialize;

use crate::terminal_safe;
use crate::text::format_duration;

#[derive(Serialize)]
struct InspectJson<'a> {
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: String,
    inner_path: Option<&'a runlift_model::InnerPath>,
    format: Option<&'static str>,
    status: &'static str,
    messages: Vec<String>,
    notes: &'a [String],
    activities: Vec<ActivityJson<'a>>,
}

#[derive(Serialize)]
struct ActivityJson<'a> {
    id: String,
    sport: &'static str,
    sport_detail: Option<&'a str>,
    sport_inferred: Option<&'static str>,
    name: Option<&'a str>,
    start: String,
    utc_offset_s: Option<i32>,
    elapsed_s: f64,
    moving_s: Option<f64>,
    distance_m: Option<f64>,
    elevation_gain_m: Option<f64>,
    avg_heart_rate: Option<f64>,
    perceived_effort: Option<f64>,
    sets: Vec<SetJson<'a>>,
}

#[derive(Serialize)]
struct SetJson<'a> {
    exercise: &'a str,
    exercise_key: Option<&'static str>,
    muscle_groups: Vec<&'static str>,
    kind: &'static str,
    reps: Option<u32>,
    weight_kg: Option<f64>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
}

fn file_messages(file: &FileReport) -> Vec<String> {
    let mut messages: Vec<String> = file.problems.iter().map(|p| p.message()).collect();
    if let Some(reason) = &file.skip_reason {
        messages.push(reason.clone());
    }
    messages
}

fn activity_json(a: &Activity) -> ActivityJson<'_> {
    // Three decimals: millimetres and milliseconds, far below what any device measures.
    let milli = |v: f64| (v * 1000.0).round() / 1000.0;
    ActivityJson {
        id: a.id.to_string(),
        sport: a.sport.category(),
        sport_detail: a.sport.detail(),
        sport_inferred: a.sport_inferred.map(|i| i.name()),
        name: a.name.as_deref(),
        start: a.start.to_string(),
        utc_offset_s: a.utc_offset.map(|o| o.seconds()),
        elapsed_s: milli(a.elapsed.as_secs_f64()),
        moving_s: a.moving.map(|d| milli(d.as_secs_f64())),
        distance_m: a.distance_m.map(milli),
        elevation_gain_m: a.elevation_gain_m.map(milli),
        avg_heart_rate: a.avg_heart_rate.map(milli),
        perceived_effort: a.perceived_effort,
        sets: a.sets.iter().map(set_json).collect(),
    }
}

fn set_json(s: &StrengthSet) -> SetJson<'_> {
    SetJson {
        exercise: &s.exercise_name,
        exercise_key: s.exercise.map(|e| e.key),
        muscle_groups: s.muscle_groups().iter().map(|g| g.name()).collect(),
        kind: s.kind.name(),
        reps: s.reps,
        weight_kg: s.weight_kg,
        duration_s: s.duration.map(|d| d.as_secs_f64()),
        distance_m: s.distance_m,
    }
}

/// What was read from each file, as JSON (see `docs/report-json.md`).
pub fn inspect_json(files: &[FileReport]) -> String {
    let files = files
        .iter()
        .map(|f| FileJson {
            path: f.path.display().to_string(),
            inner_path: f.inner_path.as_ref(),
            format: f.format.map(|format| format.name()),
            status: f.status.name(),
            messages: file_messages(f),
            notes: &f.notes,
            activities: f.activities.iter().map(activity_json).collect(),
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&InspectJson { files }).expect("plain data always serialises");
    text.push('\n');
    text
}

/// What was read from each file, for a person. Everything from the data (paths, names,
/// messages quoting the file) passes [`terminal_safe`], since this goes to a terminal.
pub fn inspect_text(files: &[FileReport]) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&terminal_safe(&text));
        out.push('\n');
    };
    for file in files {
        let format = file.format.map_or("unknown format", |f| f.name());
        line(format!(
            "{}: {format}, {}",
            file.display_name(),
            file.status.name()
        ));
        for message in file_messages(file) {
            line(format!("  ! {message}"));
        }
        for note in &file.notes {
            line(format!("  note: {note}"));
        }
        for a in &file.activities {
            line(format!("  {}", activity_line(a)));
            for set in &a.sets {
                line(format!("      {}", set_line(set)));
            }
        }
    }
    out
}

fn activity_line(a: &Activity) -> String {
    let mut line = format!("{}", a.sport);
    if let Some(inferred) = a.sport_inferred {
        let _ = write!(line, " (inferred from {})", inferred.describe());
    }
    if let Some(name) = &a.name {
        let _ = write!(line, " \"{name}\"");
    }
    let _ = write!(line, ", {}", a.start);
    if let Some(offset) = a.utc_offset {
        let _ = write!(line, " (local {offset})");
    }
    let _ = write!(line, ", elapsed {}", format_duration(a.elapsed.as_secs_f64()));
    if let Some(moving) = a.moving {
        let _ = write!(line, ", moving {}", format_duration(moving.as_secs_f64()));
    }
    if let Some(d) = a.distance_m {
        let _ = write!(line, ", {:.3} km", d / 1000.0);
    }
    if let Some(gain) = a.elevation_gain_m {
        let _ = write!(line, ", +{gain:.0} m");
    }
    if let Some(hr) = a.avg_heart_rate {
        let _ = write!(line, ", avg HR {hr:.0}");
    }
    if !a.sets.is_empty() {
        let _ = write!(line, ", {} sets ({} working)", a.sets.len(), a.working_sets());
    }
    line
}

fn set_line(s: &StrengthSet) -> String {
    let groups: Vec<&str> = s.muscle_groups().iter().map(|g| g.name()).collect();
    let groups = if groups.is_empty() {
        "unclassified".to_owned()
    } else {
        groups.join(", ")
    };
    let mut line = format!("{} [{groups}]", s.exercise_name);
    if let Some(reps) = s.reps {
        let _ = write!(line, " {reps} reps");
    }
    if let Some(kg) = s.weight_kg {
        let _ = write!(line, " x {kg} kg");
    }
    if let Some(d) = s.duration {
        let _ = write!(line, " {} s", d.as_secs_f64());
    }
    if s.kind != runlift_model::SetKind::Working {
        let _ = write!(line, " ({})", s.kind.name());
    }
    line
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use runlift_model::{FileStatus, ParseError, ParseErrorKind, SourceFormat, SourceRef, Sport};

    use super::*;

    #[test]
    fn text_writes_out_control_characters_from_paths_names_and_messages() {
        let source = SourceRef {
            path: "exports/evil\n\x1b[2J.zip".into(),
            inner_path: Some("runs/\u{202e}xpg.fit".into()),
            format: SourceFormat::Fit,
        };
        let mut run = Activity::new(
            Sport::Other("row\ring".to_owned()),
            "2026-03-02T07:00:00Z".parse().unwrap(),
            Duration::from_secs(600),
            source.clone(),
        );
        run.name = Some("Morning\x07 row".to_owned());
        run.sets.push(StrengthSet::new("Squat\t\x1b]0;pwned\x07"));
        let file = FileReport {
            path: source.path.clone(),
            inner_path: source.inner_path.clone(),
            format: Some(SourceFormat::Fit),
            status: FileStatus::Partial,
            activities: vec![run],
            problems: vec![ParseError::new(
                &source,
                None,
                ParseErrorKind::invalid_value("name", "a\u{9b}b", "text"),
            )],
            skip_reason: None,
            notes: vec!["note\nforged line".to_owned()],
        };
        let text = inspect_text(&[file]);
        assert_eq!(
            text,
            "exports/evil\\n\\u{1b}[2J.zip!runs/\\u{202e}xpg.fit: fit, partial\n\
             \x20 ! name is \"a\\u{9b}b\", expected text\n\
             \x20 note: note\\nforged line\n\
             \x20 other (row\\ring) \"Morning\\u{7} row\", 2026-03-02T07:00:00Z, elapsed 0:10:00, 1 sets (1 working)\n\
             \x20     Squat\\t\\u{1b}]0;pwned\\u{7} [lower_body]\n"
        );
    }
}
