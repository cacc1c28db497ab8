//! The terminal table: one line per week in at most 100 columns (a long stretch of empty weeks
//! as one line), a legend of its marks, a sparkline of run against strength time, the week in
//! progress, then the warnings of the last weeks and the data quality, wrapped to the same
//! width.

use std::fmt::Write as _;

use runlift_analysis::{BalanceReport, Row, Severity, WeekFigures};

use crate::terminal_safe;
use crate::text::{
    current_line, estimated_legend, hours_minutes, km, percent, quality_line, ratio, status_note,
    stretch_label, stretch_note,
};

/// The widest line the table writes: fits a 100-column terminal.
pub const MAX_WIDTH: usize = 100;

/// How the terminal table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableOptions {
    /// Colour with ANSI escapes: only on a terminal, and never with `NO_COLOR` (the binary
    /// decides).
    pub color: bool,
    /// The warnings of this many last weeks are written out; earlier ones are counted.
    pub recent_weeks: usize,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            color: false,
            recent_weeks: 4,
        }
    }
}

/// ANSI styles, or nothing without colour.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
    fn run(&self, text: &str) -> String {
        self.wrap("32", text)
    }
    fn strength(&self, text: &str) -> String {
        self.wrap("35", text)
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        match severity {
            Severity::Info => self.wrap("36", text),
            Severity::Warning => self.wrap("33", text),
            Severity::Alert => self.wrap("1;31", text),
        }
    }
}

const HEADER: [&str; 15] = [
    "Week", "Runs", "Run km", "Run h", "Hard", "Str", "Str h", "Sets", "L/C/U", "Run ld", "Str ld", "ACWR",
    "Rest", "Str %", "Warnings",
];

/// One line of the table: a week in columns, or a stretch of empty weeks said once.
enum Line {
    Week(Box<[String; 15]>, Option<Severity>),
    Stretch(String),
}

/// The weekly balance as a table for a terminal, a sparkline, the week in progress, and the
/// recent warnings. Weeks that are not whole (in progress, or the history's partial first
/// week) have a `*` after their label; strength time estimated from sets has a `~` before it;
/// three or more weeks without data in a row are one line.
pub fn balance_table(report: &BalanceReport, options: &TableOptions) -> String {
    let paint = Paint(options.color);
    let mut out = String::new();
    let (Some(first), Some(last)) = (report.weeks.first(), report.weeks.last()) else {
        let _ = writeln!(out, "No activities to report.");
        return out;
    };
    let title = format!(
        "Weekly balance {} to {} as of {} (profile {}, days in {})",
        first.label(),
        last.label(),
        report.as_of.day,
        report.settings.profile.name(),
        terminal_safe(&report.time_zone),
    );
    for line in wrap(&title, MAX_WIDTH, 2).lines() {
        let _ = writeln!(out, "{}", paint.bold(line));
    }
    let _ = writeln!(out);
    if let Some(note) = report.silence_note() {
        out.push_str(&wrap(&note, MAX_WIDTH, 2));
        let _ = writeln!(out);
    }

    let lines: Vec<Line> = report
        .rows()
        .into_iter()
        .map(|row| match row {
            Row::Week(week) => {
                let flagged: Vec<Severity> = report
                    .warnings
                    .iter()
                    .filter(|w| w.week_start == week.week_start)
                    .map(|w| w.severity)
                    .collect();
                let worst = flagged.iter().copied().max();
                Line::Week(Box::new(row_cells(week, flagged.len(), worst)), worst)
            }
            Row::Empty { first, last, weeks } => Line::Stretch(format!(
                "{}: {}",
                stretch_label(first, last),
                stretch_note(report, last, weeks)
            )),
        })
        .collect();
    let mut widths = HEADER.map(str::len);
    for line in &lines {
        if let Line::Week(cells, _) = line {
            for (width, cell) in widths.iter_mut().zip(cells.iter()) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    // Two spaces between columns where they fit in 100 columns, else one.
    let total = |gap: usize| widths.iter().sum::<usize>() + gap * (widths.len() - 1);
    let gap = if total(2) <= MAX_WIDTH { 2 } else { 1 };
    let pad = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                if i == 0 || i == cells.len() - 1 {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect()
    };
    let header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    let _ = writeln!(
        out,
        "{}",
        paint.bold(pad(&header).join(&" ".repeat(gap)).trim_end())
    );
    for line in &lines {
        match line {
            Line::Week(cells, worst) => {
                let mut padded = pad(&cells[..]);
                if let Some(severity) = worst {
                    let last = padded.len() - 1;
                    padded[last] = paint.severity(*severity, padded[last].trim_end());
                }
                let _ = writeln!(out, "{}", padded.join(&" ".repeat(gap)).trim_end());
            }
            Line::Stretch(text) => {
                let _ = writeln!(out, "{text}");
            }
        }
    }
    // The weeks shown with a `*`: a week in progress folded into an empty stretch says so there.
    let partial: Vec<String> = report
        .rows()
        .into_iter()
        .filter_map(|row| match row {
            Row::Week(week) => Some(week),
            Row::Empty { .. } => None,
        })
        .filter_map(|w| status_note(report, w).map(|note| format!("{} ({note})", w.label())))
        .collect();
    let mut legend = Vec::new();
    if !partial.is_empty() {
        legend.push(format!(
            "* not a whole week: {}; checks that need a whole week leave {} out.",
            partial.join(", "),
            if partial.len() == 1 { "it" } else { "them" },
        ));
    }
    legend.extend(estimated_legend(report));
    if !legend.is_empty() {
        let _ = writeln!(out);
        for text in legend {
            out.push_str(&wrap(&text, MAX_WIDTH, 2));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", sparkline(&report.weeks, &paint));
    let _ = writeln!(out);
    if let Some(current) = &report.current {
        out.push_str(&wrap(&current_line(report, current), MAX_WIDTH, 2));
        let _ = writeln!(out);
    }
    write_warnings(&mut out, report, options, &paint);
    if let Some(quality) = quality_line(report) {
        let _ = writeln!(out);
        out.push_str(&wrap(&quality, MAX_WIDTH, 2));
    }
    out
}

fn row_cells(week: &WeekFigures, warnings: usize, worst: Option<Severity>) -> [String; 15] {
    let m = &week.muscle_sets;
    let flags = match worst {
        Some(severity) => format!("{warnings} {}", severity.name()),
        None => String::new(),
    };
    let label = if week.is_complete() {
        week.label()
    } else {
        format!("{}*", week.label())
    };
    let estimated = if week.quality.estimated_duration > 0 {
        "~"
    } else {
        ""
    };
    [
        label,
        week.runs.to_string(),
        km(week.run_distance_m),
        hours_minutes(week.run_time_s),
        week.hard_runs.to_string(),
        week.strength_sessions.to_string(),
        format!("{estimated}{}", hours_minutes(week.strength_time_s)),
        week.working_sets.to_string(),
        format!("{}/{}/{}", m.lower_body, m.core, m.upper_body),
        format!("{:.0}", week.run_load),
        format!("{:.0}", week.strength_load),
        ratio(week.acwr),
        week.rest_days.to_string(),
        percent(week.strength_share()),
        flags,
    ]
}

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Both series on one scale, so their heights compare: a full block is the longest week of
/// either; a week without any is a space.
fn spark(values: &[f64], max: f64) -> String {
    values
        .iter()
        .map(|&v| {
            if v <= 0.0 || max <= 0.0 {
                ' '
            } else {
                let level = ((v / max) * BLOCKS.len() as f64).ceil() as usize;
                BLOCKS[level.clamp(1, BLOCKS.len()) - 1]
            }
        })
        .collect()
}

/// Run against strength time of the last weeks (as many as fit the line), on one line.
fn sparkline(weeks: &[WeekFigures], paint: &Paint) -> String {
    // 19 + 26 + 10 + 26 + at most 19 characters: 100 columns.
    const MAX_WEEKS: usize = 26;
    let shown = &weeks[weeks.len().saturating_sub(MAX_WEEKS)..];
    let run: Vec<f64> = shown.iter().map(|w| w.run_time_s).collect();
    let strength: Vec<f64> = shown.iter().map(|w| w.strength_time_s).collect();
    let max = run.iter().chain(&strength).copied().fold(0.0, f64::max);
    if max <= 0.0 {
        return format!(
            "Last {} {}: no running or strength time recorded.",
            shown.len(),
            if shown.len() == 1 { "week" } else { "weeks" },
        );
    }
    format!(
        "Last {} {}: run {} strength {} (full bar {} h)",
        shown.len(),
        if shown.len() == 1 { "week" } else { "weeks" },
        paint.run(&spark(&run, max)),
        paint.strength(&spark(&strength, max)),
        hours_minutes(max),
    )
}

fn write_warnings(out: &mut String, report: &BalanceReport, options: &TableOptions, paint: &Paint) {
    let weeks = &report.weeks;
    let recent_from = weeks[weeks.len().saturating_sub(options.recent_weeks.max(1))].week_start;
    let (recent, earlier): (Vec<_>, Vec<_>) =
        report.warnings.iter().partition(|w| w.week_start >= recent_from);
    let span = if weeks.len() <= options.recent_weeks {
        "".to_owned()
    } else {
        format!(" in the last {} weeks", options.recent_weeks)
    };
    if recent.is_empty() {
        let _ = writeln!(out, "No warnings{span}.");
    } else {
        let _ = writeln!(out, "{}", paint.bold(&format!("Warnings{span}:")));
        for warning in recent {
            let tag = format!("{} [{}]", warning.severity.name(), warning.id());
            let text = format!("  {tag} {}", terminal_safe(&warning.message()));
            let wrapped = wrap(&text, MAX_WIDTH, 4);
            // Colour only the tag, after wrapping, so widths count visible characters.
            let coloured = wrapped.replacen(&tag, &paint.severity(warning.severity, &tag), 1);
            out.push_str(&coloured);
        }
    }
    if !earlier.is_empty() {
        let _ = writeln!(
            out,
            "{} earlier {} in the reported weeks: --format markdown, html or json lists them all.",
            earlier.len(),
            if earlier.len() == 1 { "warning" } else { "warnings" },
        );
    }
}

/// Word-wraps `text` to `width` columns, keeping its leading spaces; continuation lines are
/// indented by `indent`. A word longer than a line stays whole.
fn wrap(text: &str, width: usize, indent: usize) -> String {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut out = String::new();
    let mut line = " ".repeat(lead);
    let mut line_len = lead;
    let mut fresh = true;
    for word in text[lead..].split(' ').filter(|w| !w.is_empty()) {
        let word_len = word.chars().count();
        if !fresh && line_len + 1 + word_len > width {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(indent);
            line_len = indent;
            fresh = true;
        }
        if !fresh {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word_len;
        fresh = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_indents_continuations() {
        let text = format!("  warning [x] {}", "word ".repeat(40));
        let wrapped = wrap(text.trim_end(), 30, 4);
        assert!(wrapped.starts_with("  warning [x] word"), "{wrapped}");
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 30, "{line:?}");
        }
        assert!(
            wrapped.lines().skip(1).all(|l| l.starts_with("    word")),
            "{wrapped}"
        );
        assert_eq!(wrapped.split_whitespace().filter(|w| *w == "word").count(), 40);
    }

    #[test]
    fn sparklines_share_one_scale_and_show_empty_weeks_as_spaces() {
        assert_eq!(spark(&[0.0, 1.0, 4.0, 8.0], 8.0), " ▁▄█");
        assert_eq!(spark(&[0.0, 0.0], 0.0), "  ");
    }

    #[test]
    fn control_characters_from_the_data_cannot_reach_the_terminal() {
        assert_eq!(terminal_safe("a\x1b[31mb\n"), "a\\u{1b}[31mb\\n");
    }
}
