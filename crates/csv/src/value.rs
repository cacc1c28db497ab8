//! Reading single values as gym apps write them: numbers with a decimal point or comma, local
//! dates and times, and durations such as `1h 5m`.
//!
//! Each function takes the column's name only to build its error, so that every message names
//! the column and the value found.

use std::time::Duration;

use jiff::civil::DateTime;
use runlift_model::ParseErrorKind;

/// A number of a column that must not be negative, or `None` when the field is empty.
///
/// A decimal comma (`72,5`, written by apps in locales that use one) reads as a decimal point.
/// Infinite, NaN and negative values are refused: no set has a negative load, count or time.
pub(crate) fn non_negative(column: &str, raw: &str) -> Result<Option<f64>, ParseErrorKind> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = || ParseErrorKind::invalid_value(column, raw, "a number of 0 or more");
    // Only the plain forms apps write; `f64::from_str` would also take `inf` and `NaN`.
    let plain = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E'));
    if !plain {
        return Err(invalid());
    }
    let number: f64 = if text.contains(',') && !text.contains('.') && text.matches(',').count() == 1 {
        text.replacen(',', ".", 1).parse()
    } else {
        text.parse()
    }
    .map_err(|_| invalid())?;
    if !number.is_finite() || number < 0.0 {
        return Err(invalid());
    }
    Ok(Some(number))
}

/// A whole count such as repetitions, written as `13` or `13.0`; `None` when empty.
pub(crate) fn count(column: &str, raw: &str) -> Result<Option<u32>, ParseErrorKind> {
    let Some(number) = non_negative(column, raw)? else {
        return Ok(None);
    };
    if number.fract() != 0.0 || number > f64::from(u32::MAX) {
        return Err(ParseErrorKind::invalid_value(
            column,
            raw,
            "a whole number of 0 or more",
        ));
    }
    // Whole and within range, checked just above.
    Ok(Some(number as u32))
}

/// A number of seconds as a [`Duration`]; `None` when empty.
pub(crate) fn seconds(column: &str, raw: &str) -> Result<Option<Duration>, ParseErrorKind> {
    match non_negative(column, raw)? {
        None => Ok(None),
        Some(secs) => Duration::try_from_secs_f64(secs)
            .map(Some)
            .map_err(|_| ParseErrorKind::invalid_value(column, raw, "a number of seconds")),
    }
}

/// The length of a workout as Strong writes it: `35m`, `1h 5m`, `1h`, `45s`, `1h 5m 30s`, or
/// a plain number of seconds; `None` when empty.
pub(crate) fn workout_duration(column: &str, raw: &str) -> Result<Option<Duration>, ParseErrorKind> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) && !text.contains(['h', 'm', 's']) {
        return seconds(column, raw);
    }
    let invalid = || ParseErrorKind::invalid_value(column, raw, "a duration such as 35m, 1h 5m or 45s");
    let mut total: u64 = 0;
    let mut rest = text;
    // Each unit at most once and in decreasing order: h, then m, then s.
    let mut last_unit = 0;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(invalid());
        }
        let amount: u64 = rest[..digits].parse().map_err(|_| invalid())?;
        let (unit, scale) = match rest[digits..].chars().next() {
            Some('h') => (1, 3600),
            Some('m') => (2, 60),
            Some('s') => (3, 1),
            _ => return Err(invalid()),
        };
        if unit <= last_unit {
            return Err(invalid());
        }
        last_unit = unit;
        total = amount
            .checked_mul(scale)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(invalid)?;
        rest = rest[digits + 1..].trim_start();
    }
    Ok(Some(Duration::from_secs(total)))
}

/// A local date and time without offset: `2024-11-28 17:36:08`, also without seconds, on a
/// 12-hour clock (`2024-11-28 5:36:08 PM`, with the narrow no-break space some phones write
/// before `PM`), or in ISO 8601 form with a `T`.
pub(crate) fn local_date_time(column: &str, raw: &str) -> Result<DateTime, ParseErrorKind> {
    let text: String = raw
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '\u{202f}' | '\u{a0}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    const FORMATS: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %I:%M:%S %p",
        "%Y-%m-%d %I:%M %p",
    ];
    FORMATS
        .iter()
        .find_map(|format| DateTime::strptime(format, &text).ok())
        .or_else(|| text.parse().ok())
        .ok_or_else(|| {
            ParseErrorKind::invalid_value(column, raw, "a local date and time such as 2024-11-28 17:36:08")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_a_decimal_point_or_comma() {
        let cases = [
            ("13.0", Some(13.0)),
            ("72,5", Some(72.5)),
            (" 0 ", Some(0.0)),
            ("", None),
            ("  ", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(non_negative("Weight", raw), Ok(expected), "{raw:?}");
        }
    }

    #[test]
    fn numbers_that_are_not_plain_or_negative_are_refused() {
        for raw in ["abc", "-1", "inf", "NaN", "1,2,3", "1.5,0", "1e999", "12kg"] {
            assert_eq!(
                non_negative("Weight", raw),
                Err(ParseErrorKind::invalid_value(
                    "Weight",
                    raw,
                    "a number of 0 or more"
                )),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(count("Reps", "13.0"), Ok(Some(13)));
        assert_eq!(count("Reps", ""), Ok(None));
        assert!(count("Reps", "12.5").is_err());
        assert!(count("Reps", "99999999999").is_err());
    }

    #[test]
    fn workout_durations_in_strong_notation() {
        let cases = [
            ("35m", 35 * 60),
            ("1h 5m", 3900),
            ("1h", 3600),
            ("45s", 45),
            ("1h 5m 30s", 3930),
            ("1h5m", 3900),
            ("2400", 2400),
            ("90.0", 90),
        ];
        for (raw, secs) in cases {
            assert_eq!(
                workout_duration("Duration", raw),
                Ok(Some(Duration::from_secs(secs))),
                "{raw:?}"
            );
        }
        assert_eq!(workout_duration("Duration", ""), Ok(None));
        for raw in [
            "5m 1h",
            "1h 1h",
            "h",
            "35 min",
            "1:05:00",
            "99999999999999999999h",
        ] {
            assert!(workout_duration("Duration", raw).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn local_dates_in_the_forms_phones_write() {
        let expected: DateTime = "2024-11-28T17:36:08".parse().unwrap();
        for raw in [
            "2024-11-28 17:36:08",
            "2024-11-28 5:36:08 PM",
            "2024-11-28 5:36:08\u{202f}PM",
            "2024-11-28T17:36:08",
        ] {
            assert_eq!(local_date_time("Date", raw), Ok(expected), "{raw:?}");
        }
        assert_eq!(
            local_date_time("Date", "2024-11-28 17:36"),
            Ok("2024-11-28T17:36:00".parse().unwrap())
        );
        assert!(local_date_time("Date", "28/11/2024").is_err());
        assert!(local_date_time("Date", "2024-02-30 10:00:00").is_err());
    }
}
