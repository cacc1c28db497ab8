//! A plan as text: a terminal table, Markdown, JSON (`docs/plan-json.md`, `schema_version`
//! 1) and an RFC 5545 iCalendar file. Returns strings; never prints.
//!
//! The plan renders itself here rather than in `runlift-report`, which renders the balance
//! report: everything in a plan is generated text and numbers (no names from the data), so it
//! needs none of the report's terminal escaping, and the report crate stays unaware of plans.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::{Plan, Session, SessionKind};

/// The version of the JSON layout; raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The weekday of `date` in three letters: `Mon`.
pub fn weekday_short(date: Date) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday().to_monday_zero_offset() as usize]
}

/// The session's headline with its size: `Long run 14.0 km (84 min)`, `Strength: core
/// (lower body 2, core 6, upper body 2 sets; 30 min)`.
pub fn headline(session: &Session) -> String {
    let mut text = session.kind.title();
    match &session.kind {
        SessionKind::Run {
            distance_m: Some(_),
            minutes,
            ..
        } => {
            let _ = write!(text, " ({minutes} min)");
        }
        SessionKind::Strength {
            sets,
            minutes,
            heavy_legs,
            ..
        } => {
            let _ = write!(
                text,
                " (lower body {}, core {}, upper body {} sets; {minutes} min{})",
                sets.lower_body,
                sets.core,
                sets.upper_body,
                if *heavy_legs { "; heavy legs" } else { "" }
            );
        }
        _ => {}
    }
    if session.fixed {
        text.push_str(" [fixed]");
    }
    text
}

fn heading(plan: &Plan) -> String {
    let last = plan.days.last().map_or(plan.week_start, |d| d.date);
    let first = plan.days.first().map_or(plan.week_start, |d| d.date);
    format!(
        "Plan for {} ({first} to {last}), as of {}",
        runlift_analysis::week_label(plan.week_start),
        plan.as_of
    )
}

/// The volume the plan follows, and why the week is lighter where it is.
pub fn volume_line(plan: &Plan) -> String {
    let v = &plan.volume;
    let mut line = format!(
        "Volume from {}: {:.1} runs and {:.1} km a week, usual long run {:.1} km, longest of the last 30 days {:.1} km.",
        match (v.weeks.first(), v.weeks.last()) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
            (Some(a), _) => a.clone(),
            _ => "no weeks".to_owned(),
        },
        v.runs_per_week,
        v.distance_per_week_m / 1000.0,
        v.usual_long_run_m / 1000.0,
        v.longest_30_days_m / 1000.0,
    );
    if let Some(l) = &v.lighter {
        let _ = write!(line, " Lighter week: {}.", l.reason);
    }
    line
}

/// The widest line of the table, like the report's.
const MAX_WIDTH: usize = 100;

/// `text` broken into lines of at most `width` characters at spaces, each after `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && indent.len() + line.chars().count() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// The plan as a table for a terminal, at most 100 columns wide: one line per session, its
/// reason below it.
pub fn table(plan: &Plan) -> String {
    let mut out = wrap(&heading(plan), "", MAX_WIDTH);
    out.push_str(&wrap(&volume_line(plan), "", MAX_WIDTH));
    out.push('\n');
    let rows: Vec<(String, String, String)> = plan
        .days
        .iter()
        .flat_map(|day| {
            day.sessions.iter().enumerate().map(move |(k, s)| {
                let when = if k == 0 {
                    format!("{} {}", weekday_short(day.date), day.date)
                } else {
                    String::new()
                };
                (when, headline(s), s.reason.clone())
            })
        })
        .collect();
    for (when, what, why) in rows {
        let _ = writeln!(out, "{when:<14}  {what}");
        out.push_str(&wrap(&why, "                  ", MAX_WIDTH));
    }
    list(&mut out, "Gave way", &plan.gave_way);
    list(&mut out, "Notes", &plan.notes);
    out
}

fn list(out: &mut String, title: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(out, "\n{title}:");
        for item in items {
            let wrapped = wrap(item, "    ", MAX_WIDTH);
            out.push_str("  - ");
            out.push_str(wrapped.trim_start());
        }
    }
}

/// The plan as Markdown: a heading, the volume, a table of days and the notes.
pub fn markdown(plan: &Plan) -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out = format!(
        "## {}\n\n{}\n\n| Day | Session | Why |\n|---|---|---|\n",
        heading(plan),
        volume_line(plan)
    );
    for day in &plan.days {
        for (k, s) in day.sessions.iter().enumerate() {
            let when = if k == 0 {
                format!("{} {}", weekday_short(day.date), day.date)
            } else {
                String::new()
            };
            let _ = writeln!(out, "| {when} | {} | {} |", cell(&headline(s)), cell(&s.reason));
        }
    }
    if !plan.gave_way.is_empty() {
        out.push_str("\n**Gave way**\n\n");
        for item in &plan.gave_way {
            let _ = writeln!(out, "- {}", cell(item));
        }
    }
    if !plan.notes.is_empty() {
        out.push_str("\n**Notes**\n\n");
        for item in &plan.notes {
            let _ = writeln!(out, "- {}", cell(item));
        }
    }
    out
}

fn session_json(s: &Session) -> Value {
    let mut v = json!({
        "id": s.kind.id(),
        "title": s.kind.title(),
        "fixed": s.fixed,
        "reason": s.reason,
    });
    let map = v.as_object_mut().expect("an object");
    match &s.kind {
        SessionKind::Run {
            run,
            distance_m,
            minutes,
        } => {
            map.insert("type".into(), json!("run"));
            map.insert("run_type".into(), json!(run.name()));
            map.insert("distance_m".into(), json!(distance_m));
            map.insert("minutes".into(), json!(minutes));
        }
        SessionKind::Strength {
            focus,
            sets,
            minutes,
            heavy_legs,
        } => {
            map.insert("type".into(), json!("strength"));
            map.insert("focus".into(), json!(focus.name()));
            map.insert(
                "sets".into(),
                json!({"lower_body": sets.lower_body, "core": sets.core, "upper_body": sets.upper_body}),
            );
            map.insert("minutes".into(), json!(minutes));
            map.insert("heavy_legs".into(), json!(heavy_legs));
        }
        SessionKind::Rest => {
            map.insert("type".into(), json!("rest"));
        }
    }
    v
}

/// The plan as JSON, `schema_version` 1 (fields in `docs/plan-json.md`).
pub fn json(plan: &Plan) -> String {
    let v = &plan.volume;
    let value = json!({
        "schema_version": SCHEMA_VERSION,
        "as_of": plan.as_of.to_string(),
        "week": runlift_analysis::week_label(plan.week_start),
        "week_start": plan.week_start.to_string(),
        "this_week": plan.this_week,
        "volume": {
            "weeks": v.weeks,
            "runs_per_week": v.runs_per_week,
            "distance_per_week_m": v.distance_per_week_m,
            "usual_long_run_m": v.usual_long_run_m,
            "pace_s_per_km": v.pace_s_per_km,
            "longest_30_days_m": v.longest_30_days_m,
            "lighter": v.lighter.as_ref().map(|l| json!({"factor": l.factor, "reason": l.reason})),
            "muscle_sets": {
                "lower_body": v.muscle_sets.lower_body,
                "core": v.muscle_sets.core,
                "upper_body": v.muscle_sets.upper_body,
            },
        },
        "days": plan.days.iter().map(|d| json!({
            "date": d.date.to_string(),
            "weekday": weekday_short(d.date),
            "rest": d.is_rest(),
            "sessions": d.sessions.iter().map(session_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "gave_way": plan.gave_way,
        "notes": plan.notes,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545, 3.1), never inside a UTF-8 character, and
/// ends every physical line with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// The plan as an iCalendar file (RFC 5545): one all-day event per session (rest days have
/// none), UIDs stable per date and session, `DTSTAMP` the moment the plan was made.
pub fn ics(plan: &Plan) -> String {
    let stamp = plan.made_at.strftime("%Y%m%dT%H%M%SZ").to_string();
    // UIDs must be unique beyond one athlete (a coach's calendar holds several), yet the same
    // when the same week is planned again from the same history, so that a calendar app
    // updates the events instead of adding them twice: the date and session, and a hash of
    // the volume the plan was made from.
    let athlete = {
        let v = &plan.volume;
        let key = format!(
            "{}|{:.0}|{:.0}|{:.1}",
            v.weeks.join(","),
            v.distance_per_week_m,
            v.usual_long_run_m,
            v.runs_per_week
        );
        format!("{:016x}", runlift_model::stable_hash(key.as_bytes()))
    };
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//runlift//runlift plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    for day in &plan.days {
        for s in day.sessions.iter().filter(|s| s.kind != SessionKind::Rest) {
            let next = day.date.tomorrow().unwrap_or(day.date);
            let lines = [
                "BEGIN:VEVENT".to_owned(),
                format!("UID:{}-{}-{athlete}@runlift", ics_date(day.date), s.kind.id()),
                format!("DTSTAMP:{stamp}"),
                format!("DTSTART;VALUE=DATE:{}", ics_date(day.date)),
                format!("DTEND;VALUE=DATE:{}", ics_date(next)),
                format!("SUMMARY:{}", ics_text(&headline(s))),
                format!("DESCRIPTION:{}", ics_text(&s.reason)),
                "TRANSP:TRANSPARENT".to_owned(),
                "END:VEVENT".to_owned(),
            ];
            for line in &lines {
                fold(line, &mut out);
            }
        }
    }
    // A calendar needs at least one event (RFC 5545): a week of rest is said as one.
    let sessions = plan.days.iter().flat_map(|d| &d.sessions);
    if sessions.clone().all(|s| s.kind == SessionKind::Rest)
        && let (Some(first), Some(last)) = (plan.days.first(), plan.days.last())
    {
        let end = last.date.tomorrow().unwrap_or(last.date);
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}-rest-{athlete}@runlift", ics_date(first.date)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", ics_date(first.date)),
            format!("DTEND;VALUE=DATE:{}", ics_date(end)),
            "SUMMARY:Rest: no sessions planned".to_owned(),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ] {
            fold(&line, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(60));
        fold(&line, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?} is {} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_values_escape_commas_semicolons_backslashes_and_newlines() {
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
