//! Number formats shared by the renderers, so every format says the same thing the same way.

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
