//! RFC 3339 times as GPX writes them, parsed straight from the bytes of a `<time>` element.

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};

use crate::reading::same_bytes;

/// Parses a GPX time: RFC 3339 with `Z` or a numeric offset, any number of fractional digits,
/// and, against the standard but common, no zone at all (then UTC, as the GPX schema says).
///
/// Returns the instant and the offset written in the text: `None` for `Z`, no zone, and the
/// RFC 3339 "unknown local offset" `-00:00`; `Some` for any other numeric offset (including
/// `+00:00`, which does say the local time is UTC).
pub(crate) fn parse_time(text: &[u8]) -> Option<(Timestamp, Option<Offset>)> {
    let text = text.trim_ascii();
    fast(text).or_else(|| slow(text))
}

/// [`parse_time`] for the times of a track, which mostly differ from the one before in their
/// seconds only: such a time is the one before moved by the difference, without reading its
/// date and offset again (which is most of the work of parsing a time).
#[derive(Debug, Default)]
pub(crate) struct TimeCache {
    /// The last time the fast path read, as written, and what it read.
    text: [u8; TimeCache::MAX_LEN],
    len: usize,
    last: Option<(Timestamp, Option<Offset>, i64)>,
}

impl TimeCache {
    /// Longer times (fractions of more than nanoseconds) are not remembered.
    const MAX_LEN: usize = 32;

    pub(crate) fn parse(&mut self, text: &[u8]) -> Option<(Timestamp, Option<Offset>)> {
        let text = text.trim_ascii();
        // The seconds, `00` to `59` (a leap second is left to the fast path).
        let seconds = |s: &[u8]| match s.get(17..19)? {
            &[tens @ b'0'..=b'5', ones @ b'0'..=b'9'] => Some(i64::from((tens - b'0') * 10 + (ones - b'0'))),
            _ => None,
        };
        if let Some((instant, offset, last_seconds)) = self.last
            && text.len() == self.len
            && same_bytes(&text[..17], &self.text[..17])
            && same_bytes(&text[19..], &self.text[19..self.len])
            && let Some(second) = seconds(text)
            && let Ok(moved) = instant.checked_add(SignedDuration::from_secs(second - last_seconds))
        {
            self.text[17..19].copy_from_slice(&text[17..19]);
            self.last = Some((moved, offset, second));
            return Some((moved, offset));
        }
        let Some((instant, offset)) = fast(text) else {
            self.last = None;
            return slow(text);
        };
        match seconds(text) {
            Some(second) if text.len() <= Self::MAX_LEN => {
                self.text[..text.len()].copy_from_slice(text);
                self.len = text.len();
                self.last = Some((instant, offset, second));
            }
            _ => self.last = None,
        }
        Some((instant, offset))
    }
}

/// Parses an Apple Health date, `2026-07-14 06:30:00 -0700` (local time, a space, and the
/// offset without a colon), or any shape [`parse_time`] reads.
pub(crate) fn parse_apple_time(text: &[u8]) -> Option<(Timestamp, Option<Offset>)> {
    let text = text.trim_ascii();
    if text.len() == 25 && text[19] == b' ' && matches!(text[20], b'+' | b'-') {
        // Joined into the RFC 3339-like shape the fast path reads, without allocating.
        let mut joined = [0u8; 24];
        joined[..19].copy_from_slice(&text[..19]);
        joined[19..].copy_from_slice(&text[20..]);
        return fast(&joined);
    }
    parse_time(text)
}

fn digits(bytes: &[u8]) -> Option<i32> {
    let mut value = 0i32;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + i32::from(b - b'0');
    }
    Some(value)
}

/// The shapes seen in practice: `YYYY-MM-DDTHH:MM:SS[.f+][Z|±HH[:]MM|±HH]`.
fn fast(s: &[u8]) -> Option<(Timestamp, Option<Offset>)> {
    if s.len() < 19 || s[4] != b'-' || s[7] != b'-' || s[13] != b':' || s[16] != b':' {
        return None;
    }
    if !matches!(s[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = digits(&s[0..4])?;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    let hour = digits(&s[11..13])?;
    let minute = digits(&s[14..16])?;
    // A leap second (`:60`) is held at :59, as jiff's own parser does.
    let second = digits(&s[17..19])?.min(59);
    let mut rest = &s[19..];
    let mut nanos = 0i32;
    if let [b'.' | b',', tail @ ..] = rest {
        let count = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        for i in 0..9 {
            nanos = nanos * 10
                + tail
                    .get(i)
                    .filter(|_| i < count)
                    .map_or(0, |&b| i32::from(b - b'0'));
        }
        rest = &tail[count..];
    }
    let (offset_seconds, keep_offset) = match rest {
        [] | [b'Z' | b'z'] => (0, false),
        [sign @ (b'+' | b'-'), zone @ ..] => {
            let (hours, minutes) = match zone {
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                [h1, h2, m1, m2] | [h1, h2, b':', m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                _ => return None,
            };
            if hours > 25 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            // RFC 3339 section 4.3: -00:00 means "UTC, local offset unknown".
            let unknown = *sign == b'-' && seconds == 0;
            (if *sign == b'-' { -seconds } else { seconds }, !unknown)
        }
        _ => return None,
    };
    let datetime = DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        nanos,
    )
    .ok()?;
    let offset = Offset::from_seconds(offset_seconds).ok()?;
    let instant = offset.to_timestamp(datetime).ok()?;
    Some((instant, keep_offset.then_some(offset)))
}

/// Anything else jiff understands: an instant with a zone, or a civil time taken as UTC.
fn slow(s: &[u8]) -> Option<(Timestamp, Option<Offset>)> {
    let text = std::str::from_utf8(s).ok()?;
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Some((instant, None));
    }
    let civil = text.parse::<DateTime>().ok()?;
    Some((Offset::UTC.to_timestamp(civil).ok()?, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn shapes_written_by_devices_parse() {
        let cases: &[(&str, &str, Option<i32>)] = &[
            ("2020-04-18T11:10:44Z", "2020-04-18T11:10:44Z", None),
            ("2020-04-18T11:10:44.000Z", "2020-04-18T11:10:44Z", None),
            ("2016-05-27T10:08:47.8Z", "2016-05-27T10:08:47.8Z", None),
            (
                "2016-05-27T10:08:47.123456789123Z",
                "2016-05-27T10:08:47.123456789Z",
                None,
            ),
            (
                "2015-12-11T15:43:13.994+01:00",
                "2015-12-11T14:43:13.994Z",
                Some(3600),
            ),
            ("2015-12-11T15:43:13-0530", "2015-12-11T21:13:13Z", Some(-19800)),
            ("2015-12-11T15:43:13+02", "2015-12-11T13:43:13Z", Some(7200)),
            ("2015-12-11T15:43:13+00:00", "2015-12-11T15:43:13Z", Some(0)),
            ("2015-12-11T15:43:13-00:00", "2015-12-11T15:43:13Z", None),
            ("2015-12-11T15:43:13", "2015-12-11T15:43:13Z", None),
            ("  2015-12-11 15:43:13z\n", "2015-12-11T15:43:13Z", None),
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z", None),
        ];
        for &(text, expected, offset) in cases {
            let (instant, got_offset) = parse_time(text.as_bytes()).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(instant, ts(expected), "{text}");
            assert_eq!(got_offset.map(|o| o.seconds()), offset, "{text}");
        }
    }

    #[test]
    fn a_run_of_times_reads_as_each_time_alone() {
        let times = [
            "2020-09-13T12:26:40Z",
            "2020-09-13T12:26:41Z",
            "2020-09-13T12:26:59Z",
            "2020-09-13T12:26:05Z",
            "2020-09-13T12:27:00Z",
            "  2020-09-13T12:27:01Z\n",
            "2020-09-13T12:27:01.250Z",
            "2020-09-13T12:27:02.250Z",
            "2020-09-13T12:27:02.25Z",
            "2020-09-13T14:27:03+02:00",
            "2020-09-13T14:27:09+02:00",
            "2020-09-13T14:27:09-00:00",
            "2020-09-13T14:27:19-00:00",
            "2016-12-31T23:59:58Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:59Z",
            "2016-12-31T23:59:6xZ",
            "2016-12-31T23:59:09Z",
            "2016-12-31T23:59:09",
            "2016-12-31T23:59:10",
            "2020-02-29T10:00:00Z",
            "2021-02-29T10:00:00Z",
            "2021-02-28T10:00:70Z",
            "2021-02-28T10:00:07Z",
            "2016-05-27T10:08:47.123456789123Z",
            "2016-05-27T10:08:48.123456789123Z",
            "2016-05-27 10:08:49Z",
            "",
            "2016-05-27 10:08:50Z",
        ];
        let mut cache = TimeCache::default();
        for text in times {
            let expected = parse_time(text.as_bytes());
            assert_eq!(cache.parse(text.as_bytes()), expected, "{text}");
        }
        let mut cache = TimeCache::default();
        assert_eq!(
            cache.parse(b"2020-09-13T12:26:40Z").map(|(t, _)| t),
            Some(ts("2020-09-13T12:26:40Z"))
        );
        assert_eq!(
            cache.parse(b"2020-09-13T12:26:17Z").map(|(t, _)| t),
            Some(ts("2020-09-13T12:26:17Z"))
        );
        assert_eq!(
            cache.parse(b"2020-09-13T14:26:18+02:00"),
            Some((
                ts("2020-09-13T12:26:18Z"),
                Some(Offset::from_seconds(7200).unwrap())
            ))
        );
        assert_eq!(
            cache.parse(b"2020-09-13T14:26:19+02:00"),
            Some((
                ts("2020-09-13T12:26:19Z"),
                Some(Offset::from_seconds(7200).unwrap())
            ))
        );
    }

    #[test]
    fn apple_health_dates_keep_their_offset() {
        let cases: &[(&str, &str, Option<i32>)] = &[
            ("2026-07-14 06:30:00 -0700", "2026-07-14T13:30:00Z", Some(-25200)),
            ("2025-12-20 12:51:00 +0100", "2025-12-20T11:51:00Z", Some(3600)),
            ("2024-01-01 00:00:00 +0000", "2024-01-01T00:00:00Z", Some(0)),
            ("2021-03-14 02:10:00 +0530", "2021-03-13T20:40:00Z", Some(19800)),
            ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", None),
        ];
        for &(text, expected, offset) in cases {
            let (instant, got) = parse_apple_time(text.as_bytes()).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(instant, ts(expected), "{text}");
            assert_eq!(got.map(|o| o.seconds()), offset, "{text}");
        }
        for text in [
            "2026-07-14 06:30:00 -07x0",
            "2026-07-14 06:30:00 0700",
            "2026-02-30 06:30:00 -0700",
        ] {
            assert_eq!(parse_apple_time(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn garbage_times_are_rejected() {
        for text in [
            "",
            "yesterday",
            "2020-13-01T00:00:00Z",
            "2020-02-30T00:00:00Z",
            "2020-04-18T11:10:44.Z",
        ] {
            assert_eq!(parse_time(text.as_bytes()), None, "{text}");
        }
        assert_eq!(parse_time(b"2020-04-18T11:10:44+99:00"), None);
        assert_eq!(parse_time(&[0xff, 0xfe, 0x00]), None);
    }
}
