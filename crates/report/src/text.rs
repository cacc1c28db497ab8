//! Number formats and phrases shared by the renderers, so every format says the same thing the
//! same way: a week's status, the week in progress, the data quality, an empty stretch.

use runlift_analysis::{BalanceReport, DataQuality, WeekFigures, WeekProgress, WeekStatus};

/// Formats seconds as `h:mm:ss`.
pub fn format_duration(seconds: f64) -> String {
    let total = seconds.round().max(0.0) as u64;
    format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

/// Seconds as `h:mm`, rounded to the minute: enough for weekly totals.
pub(crate) fn hours_minutes(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().max(0.0) as u64;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Metres as kilometres with one decimal.
pub(crate) fn km(metres: f64) -> String {
    format!("{:.1}", metres / 1000.0)
}

/// A share (0 to 1) as a whole percentage, `-` when there is none.
pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

/// An acute:chronic ratio with two decimals, `-` before there is one.
pub(crate) fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |r| format!("{r:.2}"))
}

/// Rounds to a tenth: metres to the decimetre, enough for any report and free of
/// floating-point noise such as `24200.000000000004`.
pub(crate) fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Rounds to three decimals, for shares and ratios.
pub(crate) fn milli(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Whole seconds.
pub(crate) fn seconds(value: f64) -> u64 {
    value.round().max(0.0) as u64
}

/// `1 run`, `2 runs`.
pub(crate) fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Days of the week up to the report's as-of day: 7 for a week that is over, fewer for the
/// week in progress (Monday is day 1). A history that begins in the week of its as-of day
/// still counts from Monday.
pub(crate) fn days_elapsed(report: &BalanceReport, week: &WeekFigures) -> u32 {
    match week.status {
        WeekStatus::InProgress => {
            let days = (report.as_of.day - week.week_start).get_days() + 1;
            days.clamp(1, 7) as u32
        }
        WeekStatus::Complete | WeekStatus::PartialStart => 7,
    }
}

/// Why a week is not judged as a whole one, for people: `in progress, day 5 of 7` or
/// `partial first week, 4 of 7 days`; `None` for a complete week.
pub(crate) fn status_note(report: &BalanceReport, week: &WeekFigures) -> Option<String> {
    match week.status {
        WeekStatus::Complete => None,
        WeekStatus::InProgress => Some(format!("in progress, day {} of 7", days_elapsed(report, week))),
        WeekStatus::PartialStart => Some(format!("partial first week, {} of 7 days", week.days)),
    }
}

/// The line about the week in progress: `This week (2026-W49, in progress, day 5 of 7): 1 of
/// 2 strength sessions, 2 days left; 2 runs, 14.2 km (4-week average 28.0 km).`
pub(crate) fn current_line(report: &BalanceReport, current: &WeekProgress) -> String {
    let runs = if current.runs == 0 {
        "no runs yet".to_owned()
    } else {
        format!(
            "{}, {} km",
            plural(current.runs, "run", "runs"),
            km(current.run_distance_m)
        )
    };
    let average = current.trailing_run_distance_m.map_or(String::new(), |m| {
        format!(
            " ({}-week average {} km)",
            report.settings.thresholds.trailing_weeks,
            km(m)
        )
    });
    format!(
        "This week ({}, in progress, day {} of 7): {}; {runs}{average}.",
        runlift_analysis::week_label(current.week_start),
        current.days_elapsed,
        current.to_do(),
    )
}

/// The data quality of all reported weeks together.
pub(crate) fn quality_sum(weeks: &[WeekFigures]) -> DataQuality {
    weeks.iter().fold(DataQuality::default(), |mut sum, w| {
        sum.estimated_duration += w.quality.estimated_duration;
        sum.default_effort += w.quality.default_effort;
        sum.runs_without_distance += w.quality.runs_without_distance;
        sum.strength_without_sets += w.quality.strength_without_sets;
        sum
    })
}

/// What rests on estimates, in words: `3 strength sessions timed from their sets, 12 sessions
/// with the default effort, 1 run without distance`; `None` when nothing does.
pub(crate) fn quality_words(quality: &DataQuality) -> Option<String> {
    let parts: Vec<String> = [
        (
            quality.estimated_duration,
            "strength session timed from its sets",
            "strength sessions timed from their sets",
        ),
        (
            quality.default_effort,
            "session with the default effort",
            "sessions with the default effort",
        ),
        (
            quality.runs_without_distance,
            "run without distance",
            "runs without distance",
        ),
        (
            quality.strength_without_sets,
            "strength session without sets",
            "strength sessions without sets",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The footer line on data quality over the reported weeks: `Data quality: 3 strength
/// sessions timed from their sets, ...`; `None` when every figure was recorded.
pub(crate) fn quality_line(report: &BalanceReport) -> Option<String> {
    quality_words(&quality_sum(&report.weeks)).map(|words| format!("Data quality: {words}."))
}

/// The legend of the `~` on estimated strength time: `~ strength time estimated from sets
/// (3 sessions, 180 s a set)`; `None` when no duration was estimated.
pub(crate) fn estimated_legend(report: &BalanceReport) -> Option<String> {
    let sessions = quality_sum(&report.weeks).estimated_duration;
    (sessions > 0).then(|| {
        format!(
            "~ strength time estimated from sets ({}, {} s a set).",
            plural(sessions, "session", "sessions"),
            report.settings.estimates.strength_seconds_per_set,
        )
    })
}

/// A stretch of weeks without data, said once: `2026-W10 – 2026-W49`.
pub(crate) fn stretch_label(first: &WeekFigures, last: &WeekFigures) -> String {
    format!("{} – {}", first.label(), last.label())
}

/// What an empty stretch holds: `no data (40 weeks)`, and where its last week is the week in
/// progress, `no data (40 weeks; 2026-W49 in progress, day 3 of 7)`.
pub(crate) fn stretch_note(report: &BalanceReport, last: &WeekFigures, weeks: usize) -> String {
    match status_note(report, last) {
        Some(note) => format!("no data ({weeks} weeks; {} {note})", last.label()),
        None => format!("no data ({weeks} weeks)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_hours_minutes_seconds() {
        assert_eq!(format_duration(0.0), "0:00:00");
        assert_eq!(format_duration(2700.0), "0:45:00");
        assert_eq!(format_duration(8104.4), "2:15:04");
        assert_eq!(format_duration(36000.0), "10:00:00");
        assert_eq!(hours_minutes(8104.4), "2:15");
        assert_eq!(hours_minutes(5970.0), "1:40");
    }

    #[test]
    fn shares_and_ratios_have_a_dash_when_unknown() {
        assert_eq!(percent(Some(0.4222)), "42 %");
        assert_eq!(percent(None), "-");
        assert_eq!(ratio(Some(1.234)), "1.23");
        assert_eq!(ratio(None), "-");
        assert_eq!(km(22380.0), "22.4");
    }
}
