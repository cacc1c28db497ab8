//! Instants written with a numeric UTC offset, in the forms apps that store times in UTC write
//! them: Fitbod's `2024-11-26 17:18:41 +0000`, Zepp's `2026-01-01 18:03:16+0000`, and ISO 8601
//! (`2026-07-07T10:00:00Z`).

use jiff::fmt::strtime;
use jiff::tz::Offset;
use runlift_model::{ParseErrorKind, Timestamp};

use crate::value::{self, When};

/// The instant of `raw`, of the column `column`, and the offset the file wrote with it.
///
/// The offset is `None` when it is zero or `Z`: apps that store times in UTC write `+0000`
/// on every row whatever the athlete's time zone, so a zero offset says nothing about the
/// local day (the report's time zone decides it), while any other offset is the real one.
pub(crate) fn instant(
    column: &str,
    raw: &str,
    expected: &str,
) -> Result<(Timestamp, Option<Offset>), ParseErrorKind> {
    let text = raw.trim();
    if let Some((instant, offset)) = numeric_offset_instant(text) {
        return Ok((instant, (offset != Offset::UTC).then_some(offset)));
    }
    const FORMATS: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%d %H:%M%z",
    ];
    let parsed = FORMATS.iter().find_map(|format| {
        let broken_down = strtime::parse(format, text).ok()?;
        let offset = broken_down.offset()?;
        Some((broken_down.to_timestamp().ok()?, offset))
    });
    let (instant, offset) = match parsed {
        Some((instant, offset)) => (instant, Some(offset)),
        None => match value::date_time(column, raw, expected)? {
            When::Instant(instant, offset) => (instant, offset),
            When::Local(_) => return Err(ParseErrorKind::invalid_value(column, raw, expected)),
        },
    };
    Ok((instant, offset.filter(|o| *o != Offset::UTC)))
}

/// `2024-11-26 17:18:41 +0000` or `2026-01-01 18:03:16+0000` exactly, the forms Fitbod and
/// Zepp write on every row, read without trying formats; `None` for any other text.
fn numeric_offset_instant(text: &str) -> Option<(Timestamp, Offset)> {
    let (local, zone) = text.split_at_checked(19)?;
    let zone = zone.strip_prefix(' ').unwrap_or(zone).as_bytes();
    let (sign, digits) = match zone {
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |d: &[u8]| i32::from(d[0] - b'0') * 10 + i32::from(d[1] - b'0');
    let (hours, minutes) = (number(&digits[..2]), number(&digits[2..]));
    if minutes >= 60 {
        return None;
    }
    let local = value::iso_date_time(local)?;
    let offset = Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?;
    Some((offset.to_timestamp(local).ok()?, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_with_offsets_in_the_forms_apps_write() {
        let at = |raw: &str| instant("Date", raw, "a time").map(|(t, o)| (t.to_string(), o));
        let utc = Ok(("2024-11-26T17:18:41Z".to_owned(), None));
        assert_eq!(at("2024-11-26 17:18:41 +0000"), utc);
        assert_eq!(at(" 2024-11-26 17:18:41+0000 "), utc);
        assert_eq!(at("2024-11-26T17:18:41Z"), utc);
        assert_eq!(
            at("2024-11-26 18:18:41 +0100"),
            Ok(("2024-11-26T17:18:41Z".to_owned(), Some(Offset::constant(1))))
        );
        // A local time without an offset is not an instant.
        assert!(at("2024-11-26 17:18:41").is_err());
        assert!(at("yesterday").is_err());
        assert!(at("").is_err());
    }
}
