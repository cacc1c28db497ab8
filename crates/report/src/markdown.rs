//! The weekly balance as Markdown, for a CI job summary or a note: a table of the weeks and
//! every warning with its advice.

use std::fmt::Write as _;

use runlift_analysis::{BalanceReport, Row, Severity};

use crate::text::{
    current_line, estimated_legend, hours_minutes, km, percent, quality_line, ratio, status_note,
    stretch_label, stretch_note,
};

/// Text from the data made inert in Markdown: HTML is escaped and Markdown's punctuation is
/// backslash-escaped, so a name shows as written and never becomes a link, table cell or tag.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Brackets make links, `*` `_` `~` emphasis, backticks code, `|` table cells; the
            // rest of Markdown's punctuation only matters at the start of a line, where data
            // never stands.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "**warning**",
        Severity::Alert => "**ALERT**",
    }
}

/// The weekly balance as GitHub-flavoured Markdown: where the data ends (if long ago), the
/// week in progress, a table of the weeks (weeks that are not whole say so after their label,
/// a long stretch of empty weeks is one row), every warning with its advice, and the data
/// quality.
pub fn balance_markdown(report: &BalanceReport) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (report.weeks.first(), report.weeks.last()) else {
        let _ = writeln!(out, "## runlift weekly balance\n\nNo activities to report.");
        return out;
    };
    let _ = writeln!(
        out,
        "## runlift weekly balance, {} to {}\n",
        first.label(),
        last.label()
    );
    let count = report.warnings.len();
    let worst = report
        .worst_severity()
        .map_or(String::new(), |s| format!(" (worst: {})", s.name()));
    let _ = writeln!(
        out,
        "As of {}, profile `{}`, days in {}. {} {}{worst}.\n",
        report.as_of.day,
        report.settings.profile.name(),
        markdown_escape(&report.time_zone),
        count,
        if count == 1 { "warning" } else { "warnings" },
    );
    if let Some(note) = report.silence_note() {
        let _ = writeln!(out, "> {}\n", markdown_escape(&note));
    }
    if let Some(current) = &report.current {
        let _ = writeln!(out, "{}\n", markdown_escape(&current_line(report, current)));
    }
    let _ = writeln!(
        out,
        "| Week | Runs | Run km | Run time | Hard runs | Strength sessions | Strength time | Working sets | Lower / core / upper sets | Run load | Strength load | ACWR | Rest days | Strength share | Warnings |"
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    );
    for row in report.rows() {
        let week = match row {
            Row::Week(week) => week,
            Row::Empty { first, last, weeks } => {
                let _ = writeln!(
                    out,
                    "| {} | {} |{}",
                    stretch_label(first, last),
                    stretch_note(report, last, weeks),
                    " |".repeat(13),
                );
                continue;
            }
        };
        let ids: Vec<String> = report
            .warnings
            .iter()
            .filter(|w| w.week_start == week.week_start)
            .map(|w| format!("`{}`", w.id()))
            .collect();
        let label = match status_note(report, week) {
            Some(note) => format!("{} ({note})", week.label()),
            None => week.label(),
        };
        let estimated = if week.quality.estimated_duration > 0 {
            "\\~"
        } else {
            ""
        };
        let m = &week.muscle_sets;
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {estimated}{} | {} | {} / {} / {} | {:.0} | {:.0} | {} | {} | {} | {} |",
            week.runs,
            km(week.run_distance_m),
            hours_minutes(week.run_time_s),
            week.hard_runs,
            week.strength_sessions,
            hours_minutes(week.strength_time_s),
            week.working_sets,
            m.lower_body,
            m.core,
            m.upper_body,
            week.run_load,
            week.strength_load,
            ratio(week.acwr),
            week.rest_days,
            percent(week.strength_share()),
            ids.join(" "),
        );
    }
    let mut notes = Vec::new();
    if report.weeks.iter().any(|w| !w.is_complete()) {
        notes.push(
            "Weeks in progress and a partial first week are not whole weeks: checks that need a whole week leave them out."
                .to_owned(),
        );
    }
    notes.extend(estimated_legend(report));
    if !notes.is_empty() {
        let _ = writeln!(out);
        for note in notes {
            let _ = writeln!(out, "{}  ", markdown_escape(&note));
        }
    }
    let _ = writeln!(out);
    if report.warnings.is_empty() {
        let _ = writeln!(out, "No warnings.");
    } else {
        let _ = writeln!(out, "### Warnings\n");
        for w in &report.warnings {
            let _ = writeln!(
                out,
                "- {} `{}` {} _{}_",
                severity_mark(w.severity),
                w.id(),
                markdown_escape(&w.finding),
                markdown_escape(w.advice),
            );
        }
    }
    let mut unclassified: Vec<&str> = report
        .weeks
        .iter()
        .flat_map(|w| w.unclassified_exercises.iter().map(String::as_str))
        .collect();
    unclassified.sort_unstable();
    unclassified.dedup();
    if !unclassified.is_empty() {
        let names: Vec<String> = unclassified.iter().map(|n| markdown_escape(n)).collect();
        let _ = writeln!(
            out,
            "\nExercises runlift does not recognise (counted as unclassified sets): {}.",
            names.join(", ")
        );
    }
    if let Some(quality) = quality_line(report) {
        let _ = writeln!(out, "\n{}", markdown_escape(&quality));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_become_markup() {
        assert_eq!(markdown_escape("<script>"), "&lt;script&gt;");
        assert_eq!(markdown_escape("a|b"), "a\\|b");
        assert_eq!(markdown_escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(
            markdown_escape("Squat (Barbell) *heavy*"),
            "Squat (Barbell) \\*heavy\\*"
        );
        assert_eq!(markdown_escape("line\nbreak"), "line break");
    }
}
