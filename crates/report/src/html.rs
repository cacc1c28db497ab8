//! The weekly balance as one self-contained HTML page: inline CSS and SVG, no script, nothing
//! fetched from the network. Three charts (training time per week with the strength share,
//! muscle-group coverage, warnings on a timeline), the warnings with their advice, and the
//! weekly table. Every text that comes from the data is escaped.
//!
//! The page is also well-formed XML (void elements are self-closed, only XML's own entities
//! are used), so it can be checked with an XML parser.

use std::fmt::Write as _;

use runlift_analysis::{BalanceReport, Check, Row, Severity, WeekFigures, WeekStatus};
use runlift_model::{FileStatus, ImportReport};

use crate::text::{
    current_line, estimated_legend, hours_minutes, km, percent, quality_line, quality_words, ratio,
    status_note, stretch_label, stretch_note,
};

/// Escapes text for HTML content and attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML and mean nothing on a page.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const RUN_COLOUR: &str = "#2e7d32";
const STRENGTH_COLOUR: &str = "#7b1fa2";
const OTHER_COLOUR: &str = "#9e9e9e";
const SHARE_COLOUR: &str = "#ef6c00";
const MUSCLE_COLOUR: &str = "#1565c0";

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "#0288d1",
        Severity::Warning => "#f9a825",
        Severity::Alert => "#c62828",
    }
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0; color: #212121; background: #fafafa; }
main { max-width: 1120px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px 0; font-size: 28px; }
h2 { font-size: 19px; margin: 32px 0 8px 0; }
.sub { color: #616161; margin: 0 0 20px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 12px 16px; min-width: 150px; }
.card .value { font-size: 24px; font-weight: 600; }
.card .label { color: #616161; font-size: 13px; }
figure { margin: 0; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 8px; }
figcaption { color: #616161; font-size: 13px; padding: 4px 8px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: #424242; }
.legend span { display: inline-block; margin-right: 16px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
ul.warnings { list-style: none; padding: 0; }
ul.warnings li { background: #fff; border: 1px solid #e0e0e0; border-left-width: 6px; border-radius: 6px; margin: 6px 0; padding: 8px 12px; }
ul.warnings .id { font-family: ui-monospace, monospace; font-size: 13px; }
ul.warnings .advice { color: #424242; font-style: italic; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 12px; margin-right: 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; background: #fff; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid #eeeeee; padding: 4px 6px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, td.text { text-align: left; }
td.text { white-space: normal; }
tr.in-progress td, tr.partial-start td { font-style: italic; background: #fffde7; }
tr.empty td { color: #757575; background: #f5f5f5; }
.status { color: #616161; font-size: 12px; }
.note { background: #fff; border: 1px solid #e0e0e0; border-left: 6px solid #0288d1; border-radius: 6px; padding: 8px 12px; }
.legend-note { color: #616161; font-size: 12px; margin: 4px 0; }
footer { color: #757575; font-size: 12px; margin-top: 32px; }
";

/// The weekly balance as a self-contained HTML page, with a summary of the inputs when
/// `inputs` is given.
pub fn balance_html(report: &BalanceReport, inputs: Option<&ImportReport>) -> String {
    balance_html_with_plan(report, inputs, None)
}

/// What the HTML report says of the coming week: the plan, or why there is none.
#[derive(Debug, Clone, Copy)]
pub enum PlanSection<'a> {
    /// The plan `runlift plan` would print, as of the report's as-of moment.
    Plan(&'a runlift_plan::Plan),
    /// Why no plan could be made (a history too short to plan from).
    Unavailable(&'a str),
}

/// [`balance_html`] with a section of the coming week's plan after the warnings.
pub fn balance_html_with_plan(
    report: &BalanceReport,
    inputs: Option<&ImportReport>,
    plan: Option<PlanSection<'_>>,
) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.weeks.len() * 2048);
    let span = match (report.weeks.first(), report.weeks.last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.label(), last.label()),
        _ => "no activities".to_owned(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>runlift weekly balance, {span}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let _ = writeln!(out, "<h1>Weekly balance of running and strength</h1>");
    let _ = writeln!(
        out,
        "<p class=\"sub\">{span} · as of {} · profile {} · days in {}</p>",
        report.as_of.day,
        html_escape(report.settings.profile.name()),
        html_escape(&report.time_zone),
    );
    if let Some(note) = report.silence_note() {
        let _ = writeln!(out, "<p class=\"note silence\">{}</p>", html_escape(&note));
    }
    if report.weeks.is_empty() {
        let _ = writeln!(out, "<p>No activities to report.</p>");
    } else {
        cards(&mut out, report);
        if let Some(current) = &report.current {
            let _ = writeln!(
                out,
                "<p class=\"note current\">{}</p>",
                html_escape(&current_line(report, current))
            );
        }
        time_chart(&mut out, report);
        muscle_chart(&mut out, report);
        warning_timeline(&mut out, report);
        warning_list(&mut out, report);
        if let Some(plan) = plan {
            plan_section(&mut out, plan);
        }
        week_table(&mut out, report);
        unclassified(&mut out, report);
    }
    footer(&mut out, report, inputs);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn cards(out: &mut String, report: &BalanceReport) {
    let weeks = &report.weeks;
    let runs: u32 = weeks.iter().map(|w| w.runs).sum();
    let distance: f64 = weeks.iter().map(|w| w.run_distance_m).sum();
    let sessions: u32 = weeks.iter().map(|w| w.strength_sessions).sum();
    let strength_time: f64 = weeks.iter().map(|w| w.strength_time_s).sum();
    let training_time: f64 = weeks.iter().map(|w| w.training_time_s()).sum();
    let share = (training_time > 0.0).then(|| strength_time / training_time);
    let count = |s| report.warnings.iter().filter(|w| w.severity == s).count();
    let goals = &report.settings.goals;
    let card = |out: &mut String, value: String, label: String| {
        let _ = writeln!(
            out,
            "<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
            html_escape(&value),
            html_escape(&label)
        );
    };
    out.push_str("<section class=\"cards\">\n");
    card(out, weeks.len().to_string(), "weeks".into());
    card(
        out,
        format!("{runs} · {} km", km(distance)),
        "runs · distance".into(),
    );
    card(
        out,
        format!("{sessions} · {} h", hours_minutes(strength_time)),
        "strength sessions · time".into(),
    );
    card(
        out,
        percent(share),
        format!(
            "strength share (goal {:.0}-{:.0} %)",
            goals.strength_share_min * 100.0,
            goals.strength_share_max * 100.0
        ),
    );
    card(
        out,
        format!(
            "{} · {} · {}",
            count(Severity::Alert),
            count(Severity::Warning),
            count(Severity::Info)
        ),
        "alerts · warnings · infos".into(),
    );
    out.push_str("</section>\n");
}

/// The plot area shared by the charts: a viewBox 1080 wide, weeks side by side.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    height: f64,
    weeks: usize,
}

impl Frame {
    const WIDTH: f64 = 1080.0;

    fn plot_width(&self) -> f64 {
        Self::WIDTH - self.left - self.right
    }
    fn slot(&self) -> f64 {
        self.plot_width() / self.weeks.max(1) as f64
    }
    fn x(&self, i: usize) -> f64 {
        self.left + self.slot() * i as f64
    }
    fn centre(&self, i: usize) -> f64 {
        self.x(i) + self.slot() / 2.0
    }
    fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// Week labels under the plot, every so many weeks so that they do not overlap.
    fn week_labels(&self, out: &mut String, weeks: &[WeekFigures]) {
        let every = (weeks.len() as f64 / 12.0).ceil().max(1.0) as usize;
        for (i, week) in weeks.iter().enumerate().filter(|(i, _)| i % every == 0) {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                self.centre(i),
                self.bottom() + 18.0,
                html_escape(&week.label())
            );
        }
    }
}

/// A round step for an axis up to `max`: 1, 2 or 5 times a power of ten, about 5 ticks.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

fn time_chart(out: &mut String, report: &BalanceReport) {
    let weeks = &report.weeks;
    let frame = Frame {
        left: 56.0,
        right: 56.0,
        top: 16.0,
        height: 260.0,
        weeks: weeks.len(),
    };
    let max_hours = weeks.iter().map(|w| w.training_time_s()).fold(0.0, f64::max) / 3600.0;
    let step = nice_step(max_hours);
    let top_hours = (max_hours / step).ceil().max(1.0) * step;
    let y_hours = |h: f64| frame.bottom() - h / top_hours * frame.height;
    let y_share = |s: f64| frame.bottom() - s * frame.height;
    let goals = &report.settings.goals;

    out.push_str("<h2>Run and strength time per week</h2>\n<figure>\n");
    let _ = writeln!(
        out,
        "<svg id=\"chart-time\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Stacked bars of run, strength and other training time per week, with the strength share as a line\">",
        Frame::WIDTH,
        frame.bottom() + 30.0
    );
    // The goal band of the strength share, behind everything.
    let _ = writeln!(
        out,
        "<rect class=\"goal-band\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{SHARE_COLOUR}\" fill-opacity=\"0.08\"><title>strength share goal {:.0}-{:.0} %</title></rect>",
        frame.left,
        y_share(goals.strength_share_max),
        frame.plot_width(),
        y_share(goals.strength_share_min) - y_share(goals.strength_share_max),
        goals.strength_share_min * 100.0,
        goals.strength_share_max * 100.0,
    );
    let ticks = (top_hours / step).round() as u32;
    for k in 0..=ticks {
        // Multiples of the step, not a running sum, so 0.6 does not print as 0.6000000000000001.
        let tick = (f64::from(k) * step * 100.0).round() / 100.0;
        let y = y_hours(tick);
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e0e0e0\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick} h</text>",
            frame.left,
            frame.left + frame.plot_width(),
            frame.left - 6.0,
            y + 4.0,
        );
    }
    for share in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{SHARE_COLOUR}\">{:.0} %</text>",
            frame.left + frame.plot_width() + 6.0,
            y_share(share) + 4.0,
            share * 100.0
        );
    }
    let bar = frame.slot() * 0.72;
    for (i, week) in weeks.iter().enumerate() {
        let x = frame.centre(i) - bar / 2.0;
        let label = match status_note(report, week) {
            Some(note) => format!("{} ({note})", week.label()),
            None => week.label(),
        };
        let tooltip = format!(
            "{label}: run {} h, strength {} h, other {} h, strength share {}",
            hours_minutes(week.run_time_s),
            hours_minutes(week.strength_time_s),
            hours_minutes(week.other_time_s),
            percent(week.strength_share()),
        );
        let _ = write!(
            out,
            "<g class=\"week{}\"{}><title>{}</title>",
            status_class(week).map_or(String::new(), |c| format!(" {c}")),
            if week.is_complete() {
                ""
            } else {
                " fill-opacity=\"0.55\""
            },
            html_escape(&tooltip)
        );
        let mut base = 0.0;
        for (class, seconds, colour) in [
            ("run", week.run_time_s, RUN_COLOUR),
            ("strength", week.strength_time_s, STRENGTH_COLOUR),
            ("other", week.other_time_s, OTHER_COLOUR),
        ] {
            if seconds <= 0.0 {
                continue;
            }
            let hours = seconds / 3600.0;
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                y_hours(base + hours),
                y_hours(base) - y_hours(base + hours),
            );
            base += hours;
        }
        out.push_str("</g>\n");
    }
    // The share line, broken where a week has no training.
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, week) in weeks.iter().enumerate() {
        match week.strength_share() {
            Some(share) => segments
                .last_mut()
                .expect("there is always a segment")
                .push((frame.centre(i), y_share(share))),
            None => segments.push(Vec::new()),
        }
    }
    for segment in segments.iter().filter(|s| !s.is_empty()) {
        let points: Vec<String> = segment.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            out,
            "<polyline class=\"share\" points=\"{}\" fill=\"none\" stroke=\"{SHARE_COLOUR}\" stroke-width=\"2\"/>",
            points.join(" ")
        );
        if segment.len() == 1 {
            let (x, y) = segment[0];
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{SHARE_COLOUR}\"/>"
            );
        }
    }
    frame.week_labels(out, weeks);
    out.push_str("</svg>\n");
    let _ = writeln!(
        out,
        "<figcaption class=\"legend\"><span><i class=\"swatch\" style=\"background:{RUN_COLOUR}\"></i>running</span>\
         <span><i class=\"swatch\" style=\"background:{STRENGTH_COLOUR}\"></i>strength</span>\
         <span><i class=\"swatch\" style=\"background:{OTHER_COLOUR}\"></i>other sports</span>\
         <span><i class=\"swatch\" style=\"background:{SHARE_COLOUR}\"></i>strength share of training time (right axis; shaded: goal {:.0}-{:.0} %)</span></figcaption>",
        goals.strength_share_min * 100.0,
        goals.strength_share_max * 100.0,
    );
    out.push_str("</figure>\n");
}

fn muscle_chart(out: &mut String, report: &BalanceReport) {
    let weeks = &report.weeks;
    type SetsOf = fn(&WeekFigures) -> u32;
    let rows: [(&str, SetsOf); 4] = [
        ("Lower body", |w| w.muscle_sets.lower_body),
        ("Core", |w| w.muscle_sets.core),
        ("Upper body", |w| w.muscle_sets.upper_body),
        ("Unclassified", |w| w.unclassified_sets),
    ];
    let row_height = 26.0;
    let frame = Frame {
        left: 100.0,
        right: 12.0,
        top: 6.0,
        height: row_height * rows.len() as f64,
        weeks: weeks.len(),
    };
    let max = weeks
        .iter()
        .flat_map(|w| rows.iter().map(move |(_, sets)| sets(w)))
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str("<h2>Muscle-group coverage</h2>\n<figure>\n");
    let _ = writeln!(
        out,
        "<svg id=\"chart-muscles\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Working sets per muscle group and week\">",
        Frame::WIDTH,
        frame.bottom() + 30.0
    );
    let cell = frame.slot();
    for (r, (name, sets)) in rows.iter().enumerate() {
        let y = frame.top + row_height * r as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            frame.left - 8.0,
            y + row_height / 2.0 + 4.0,
            html_escape(name)
        );
        for (i, week) in weeks.iter().enumerate() {
            let n = sets(week);
            let (fill, opacity) = if n == 0 {
                ("#eeeeee", 1.0)
            } else {
                (MUSCLE_COLOUR, 0.2 + 0.8 * f64::from(n) / f64::from(max))
            };
            let _ = write!(
                out,
                "<rect class=\"cell\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" fill-opacity=\"{opacity:.2}\"><title>{}</title></rect>",
                frame.x(i) + 0.5,
                y + 1.0,
                (cell - 1.0).max(0.5),
                row_height - 2.0,
                html_escape(&format!(
                    "{}: {} {}",
                    week.label(),
                    n,
                    name.to_lowercase() + " sets"
                )),
            );
            if cell >= 22.0 && n > 0 {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" style=\"fill:#fff\">{n}</text>",
                    frame.centre(i),
                    y + row_height / 2.0 + 4.0
                );
            }
        }
        out.push('\n');
    }
    frame.week_labels(out, weeks);
    out.push_str("</svg>\n<figcaption>Working sets per muscle group; grey: none that week. A set of an exercise that trains several groups counts for each.</figcaption>\n</figure>\n");
}

fn warning_timeline(out: &mut String, report: &BalanceReport) {
    let weeks = &report.weeks;
    let row_height = 20.0;
    let frame = Frame {
        left: 130.0,
        right: 12.0,
        top: 6.0,
        height: row_height * Check::ALL.len() as f64,
        weeks: weeks.len(),
    };
    out.push_str("<h2>Warnings over time</h2>\n<figure>\n");
    let _ = writeln!(
        out,
        "<svg id=\"chart-warnings\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Warnings per check and week\">",
        Frame::WIDTH,
        frame.bottom() + 30.0
    );
    for (r, check) in Check::ALL.iter().enumerate() {
        let y = frame.top + row_height * r as f64 + row_height / 2.0;
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#eeeeee\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            frame.left,
            frame.left + frame.plot_width(),
            frame.left - 8.0,
            y + 4.0,
            html_escape(check.id())
        );
    }
    let radius = (frame.slot() * 0.4).clamp(1.5, 7.0);
    let first = weeks.first().map(|w| w.week_start);
    for warning in &report.warnings {
        let (Some(first), Some(row)) = (first, Check::ALL.iter().position(|c| *c == warning.check)) else {
            continue;
        };
        let i = ((warning.week_start - first).get_days() / 7) as usize;
        let _ = writeln!(
            out,
            "<circle class=\"warning {}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\" fill=\"{}\"><title>{}</title></circle>",
            warning.severity.name(),
            frame.centre(i),
            frame.top + row_height * row as f64 + row_height / 2.0,
            severity_colour(warning.severity),
            html_escape(&format!(
                "{} {}: {}",
                warning.severity.name(),
                warning.id(),
                warning.finding
            )),
        );
    }
    frame.week_labels(out, weeks);
    out.push_str("</svg>\n<figcaption class=\"legend\">");
    for severity in Severity::ALL {
        let _ = write!(
            out,
            "<span><i class=\"swatch\" style=\"background:{}\"></i>{}</span>",
            severity_colour(severity),
            severity.name()
        );
    }
    out.push_str("</figcaption>\n</figure>\n");
}

fn warning_list(out: &mut String, report: &BalanceReport) {
    out.push_str("<h2>Warnings</h2>\n");
    if report.warnings.is_empty() {
        out.push_str("<p>No warnings: running and strength are in balance.</p>\n");
        return;
    }
    out.push_str("<ul class=\"warnings\">\n");
    // Newest first: the last weeks are what to act on.
    for w in report.warnings.iter().rev() {
        let colour = severity_colour(w.severity);
        let _ = writeln!(
            out,
            "<li style=\"border-left-color:{colour}\"><span class=\"sev\" style=\"color:{colour}\">{}</span>\
             <span class=\"id\">{}</span> {} <span class=\"advice\">{}</span></li>",
            w.severity.name(),
            html_escape(w.id()),
            html_escape(&w.finding),
            html_escape(w.advice),
        );
    }
    out.push_str("</ul>\n");
}

/// The class of a week that is not whole: `in-progress` or `partial-start`.
fn status_class(week: &WeekFigures) -> Option<&'static str> {
    match week.status {
        WeekStatus::Complete => None,
        WeekStatus::InProgress => Some("in-progress"),
        WeekStatus::PartialStart => Some("partial-start"),
    }
}

const WEEK_COLUMNS: [&str; 23] = [
    "Week",
    "Runs",
    "Run km",
    "Run time",
    "Climb m",
    "Longest km",
    "Hard",
    "Strength",
    "Strength time",
    "Sets",
    "Reps",
    "Volume kg",
    "Lower / core / upper",
    "Load",
    "Run load",
    "Strength load",
    "ACWR",
    "Rest days",
    "Strength share",
    "Races",
    "Data quality",
    "Unrecognised exercises",
    "Warnings",
];

/// The coming week, day by day, each session with its reason (docs/plan.md).
fn plan_section(out: &mut String, plan: PlanSection<'_>) {
    let plan = match plan {
        PlanSection::Plan(plan) => plan,
        PlanSection::Unavailable(reason) => {
            let _ = writeln!(
                out,
                "<h2>Next week</h2>\n<p class=\"note\">No plan: {}</p>",
                html_escape(reason)
            );
            return;
        }
    };
    let _ = writeln!(
        out,
        "<h2 id=\"plan\">Plan for {}</h2>\n<p class=\"note\">{}</p>",
        html_escape(&runlift_analysis::week_label(plan.week_start)),
        html_escape(&runlift_plan::render::volume_line(plan)),
    );
    out.push_str(
        "<div class=\"scroll\">\n<table id=\"plan-days\">\n<thead><tr><th>Day</th><th>Session</th><th>Why</th></tr></thead>\n<tbody>\n",
    );
    for day in &plan.days {
        for (k, session) in day.sessions.iter().enumerate() {
            let when = if k == 0 {
                format!("{} {}", runlift_plan::render::weekday_short(day.date), day.date)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                html_escape(&when),
                html_escape(&runlift_plan::render::headline(session)),
                html_escape(&session.reason),
            );
        }
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    for (title, items) in [("Gave way", &plan.gave_way), ("Notes", &plan.notes)] {
        if !items.is_empty() {
            let _ = writeln!(out, "<p>{title}:</p>\n<ul>");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", html_escape(item));
            }
            out.push_str("</ul>\n");
        }
    }
}

fn week_table(out: &mut String, report: &BalanceReport) {
    out.push_str("<h2>Weeks</h2>\n<div class=\"scroll\">\n<table id=\"weeks\">\n<thead><tr>");
    for header in WEEK_COLUMNS {
        let _ = write!(out, "<th>{header}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in report.rows() {
        let week = match row {
            Row::Week(week) => week,
            Row::Empty { first, last, weeks } => {
                let _ = writeln!(
                    out,
                    "<tr class=\"empty\"><td>{}</td><td class=\"text\" colspan=\"{}\">{}</td></tr>",
                    html_escape(&stretch_label(first, last)),
                    WEEK_COLUMNS.len() - 1,
                    html_escape(&stretch_note(report, last, weeks)),
                );
                continue;
            }
        };
        let ids: Vec<String> = report
            .warnings
            .iter()
            .filter(|w| w.week_start == week.week_start)
            .map(|w| html_escape(w.id()))
            .collect();
        let m = &week.muscle_sets;
        let names: Vec<String> = week
            .unclassified_exercises
            .iter()
            .map(|n| html_escape(n))
            .collect();
        let (class, status) = match (status_class(week), status_note(report, week)) {
            (Some(class), Some(note)) => (
                format!(" class=\"{class}\""),
                format!(" <span class=\"status\">({})</span>", html_escape(&note)),
            ),
            _ => (String::new(), String::new()),
        };
        let strength_time = if week.quality.estimated_duration > 0 {
            format!(
                "<td class=\"estimated\" title=\"{}\">~{}</td>",
                html_escape(&format!(
                    "estimated from the sets of {} {}",
                    week.quality.estimated_duration,
                    if week.quality.estimated_duration == 1 {
                        "session"
                    } else {
                        "sessions"
                    }
                )),
                hours_minutes(week.strength_time_s)
            )
        } else {
            format!("<td>{}</td>", hours_minutes(week.strength_time_s))
        };
        let race = match (week.races, week.taper) {
            (0, false) => String::new(),
            (0, true) => "taper".to_owned(),
            (n, _) => format!("{n}, taper"),
        };
        let _ = writeln!(
            out,
            "<tr{class}><td>{}{status}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0}</td><td>{}</td><td>{}</td>\
             <td>{}</td>{strength_time}<td>{}</td><td>{}</td><td>{:.0}</td><td>{} / {} / {}</td><td>{:.0}</td>\
             <td>{:.0}</td><td>{:.0}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td>\
             <td class=\"text\">{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td></tr>",
            html_escape(&week.label()),
            week.runs,
            km(week.run_distance_m),
            hours_minutes(week.run_time_s),
            week.run_elevation_gain_m,
            km(week.longest_run_m),
            week.hard_runs,
            week.strength_sessions,
            week.working_sets,
            week.reps,
            week.volume_kg,
            m.lower_body,
            m.core,
            m.upper_body,
            week.load,
            week.run_load,
            week.strength_load,
            ratio(week.acwr),
            week.rest_days,
            percent(week.strength_share()),
            html_escape(&race),
            html_escape(&quality_words(&week.quality).unwrap_or_default()),
            names.join(", "),
            ids.join(" "),
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if report.weeks.iter().any(|w| !w.is_complete()) {
        out.push_str("<p class=\"legend-note\">Weeks in progress and a partial first week (in italics) are not whole weeks: checks that need a whole week leave them out.</p>\n");
    }
    if let Some(legend) = estimated_legend(report) {
        let _ = writeln!(out, "<p class=\"legend-note\">{}</p>", html_escape(&legend));
    }
}

fn unclassified(out: &mut String, report: &BalanceReport) {
    let mut names: Vec<&str> = report
        .weeks
        .iter()
        .flat_map(|w| w.unclassified_exercises.iter().map(String::as_str))
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return;
    }
    out.push_str("<h2>Unrecognised exercises</h2>\n<p>Their sets count as work, but for no muscle group: ");
    let escaped: Vec<String> = names
        .iter()
        .map(|n| format!("<q>{}</q>", html_escape(n)))
        .collect();
    out.push_str(&escaped.join(", "));
    out.push_str(".</p>\n");
}

fn footer(out: &mut String, report: &BalanceReport, inputs: Option<&ImportReport>) {
    let _ = write!(out, "<footer>Made by runlift {}", env!("CARGO_PKG_VERSION"));
    if let Some(inputs) = inputs {
        let _ = write!(
            out,
            " from {} files ({} ok, {} partial, {} failed, {} skipped) holding {} activities",
            inputs.files.len(),
            inputs.count(FileStatus::Ok),
            inputs.count(FileStatus::Partial),
            inputs.count(FileStatus::Error),
            inputs.count(FileStatus::Skipped),
            inputs.activities().count(),
        );
    }
    out.push_str(". Load is minutes x session effort; ACWR is the acute (7-day) to chronic (28-day) ratio of running load.");
    if let Some(quality) = quality_line(report) {
        let _ = write!(out, " {}", html_escape(&quality));
    }
    out.push_str("</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(html_escape("a\u{1}b"), "a\u{fffd}b");
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(9.5), 2.0);
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(23.0), 5.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
