//! Reading single values as gym apps write them: numbers with a decimal point or comma, local
//! dates and times, and durations such as `1h 5m`.
//!
//! Each function takes the column's name only to build its error, so that every message names
//! the column and the value found.

use std::borrow::Cow;
use std::time::Duration;

use jiff::civil::{Date, DateTime, Time};
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;
use runlift_model::{ParseErrorKind, Timestamp};

/// The value last read from a field, reused while the following rows repeat the field's
/// text: gym apps write a workout's date and time on every one of its sets, and reading a
/// date costs more than comparing a few bytes.
pub(crate) struct Repeated<T> {
    raw: String,
    value: Option<Result<T, ParseErrorKind>>,
}

impl<T: Clone> Repeated<T> {
    pub(crate) fn new() -> Repeated<T> {
        Repeated {
            raw: String::new(),
            value: None,
        }
    }

    /// What `read` makes of `raw`, computed again only when `raw` differs from the last one.
    pub(crate) fn get(
        &mut self,
        raw: &str,
        read: impl FnOnce(&str) -> Result<T, ParseErrorKind>,
    ) -> Result<T, ParseErrorKind> {
        match &self.value {
            Some(value) if self.raw == raw => value.clone(),
            _ => {
                let value = read(raw);
                self.raw.clear();
                self.raw.push_str(raw);
                self.value = Some(value.clone());
                value
            }
        }
    }
}

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
    if let Some(number) = short_decimal(text.as_bytes()) {
        return Ok(Some(number));
    }
    // Only the plain forms apps write; `f64::from_str` would also take `inf` and `NaN`.
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'e' | b'E'));
    if !plain {
        return Err(invalid());
    }
    let commas = text.bytes().filter(|&b| b == b',').count();
    let number: f64 = if commas == 1 && !text.contains('.') {
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

/// Powers of ten that f64 holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The value of `digits[.digits]` (at most 15 digits in all), the form of nearly every number
/// in an export, read without the general parser: digits and scale are then both exact in an
/// f64, and one correctly rounded division gives the very value `f64::from_str` gives (the
/// fast path of Clinger's algorithm, which `from_str` takes too). `None` for anything else.
fn short_decimal(text: &[u8]) -> Option<f64> {
    let (whole, fraction) = match text.iter().position(|&b| b == b'.') {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, &[][..]),
    };
    if whole.is_empty() || whole.len() + fraction.len() > 15 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for &b in whole.iter().chain(fraction) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    // Below 10^15 < 2^53, so exact as an f64.
    Some(mantissa as f64 / EXACT_POWERS_OF_TEN[fraction.len()])
}

/// A rate of perceived exertion on the 1-10 scale (`8`, `8.5`, `9,5`); `None` when empty.
pub(crate) fn rpe(column: &str, raw: &str) -> Result<Option<f64>, ParseErrorKind> {
    match non_negative(column, raw)? {
        Some(rpe) if !(1.0..=10.0).contains(&rpe) => Err(ParseErrorKind::invalid_value(
            column,
            raw,
            "an effort (RPE) from 1 to 10",
        )),
        rpe => Ok(rpe),
    }
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
    let text = plain_spaces(raw);
    let text = text.as_ref();
    // The form most files write, read without trying formats.
    if let Some(date_time) = iso_date_time(text) {
        return Ok(date_time);
    }
    const FORMATS: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %I:%M:%S %p",
        "%Y-%m-%d %I:%M %p",
    ];
    FORMATS
        .iter()
        .find_map(|format| DateTime::strptime(format, text).ok())
        .or_else(|| text.parse().ok())
        .ok_or_else(|| {
            ParseErrorKind::invalid_value(column, raw, "a local date and time such as 2024-11-28 17:36:08")
        })
}

/// `raw` trimmed, with the no-break spaces some phones write (before `PM`) made plain.
fn plain_spaces(raw: &str) -> Cow<'_, str> {
    let text = raw.trim();
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if matches!(c, '\u{202f}' | '\u{a0}') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The number the ASCII digits `digits` write; `None` when one is not a digit.
fn decimal_digits(digits: &[u8]) -> Option<i16> {
    digits.iter().try_fold(0i16, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + i16::from(d - b'0'))
    })
}

/// The two-digit number at `at` of `b`.
fn two_digits(b: &[u8], at: usize) -> Option<i8> {
    decimal_digits(b.get(at..at + 2)?).and_then(|n| i8::try_from(n).ok())
}

/// `2024-11-28` exactly; `None` for any other text.
fn iso_date(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Date::new(decimal_digits(&b[..4])?, two_digits(b, 5)?, two_digits(b, 8)?).ok()
}

/// `2024-11-28 17:36:08` exactly (also with `T`), the form most files write; `None` for any
/// other text, which the general readers then take.
pub(crate) fn iso_date_time(text: &str) -> Option<DateTime> {
    let b = text.as_bytes();
    if b.len() != 19 || !matches!(b[10], b' ' | b'T') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let time = Time::new(two_digits(b, 11)?, two_digits(b, 14)?, two_digits(b, 17)?, 0).ok()?;
    Some(iso_date(&b[..10])?.to_datetime(time))
}

/// A length of time written on a clock: `1:05:30`, `00:28:10.5`, `45:00` or `5:44` (hours
/// may run past 24; a decimal comma may start the fraction); `None` when empty.
pub(crate) fn clock(column: &str, raw: &str) -> Result<Option<Duration>, ParseErrorKind> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid =
        || ParseErrorKind::invalid_value(column, raw, "a time such as 1:05:30, 45:00 or 00:28:10.5");
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return Err(invalid());
    }
    let (last, leading) = parts.split_last().ok_or_else(invalid)?;
    let (whole_seconds, fraction) = match last.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (*last, None),
    };
    let digits = |part: &str, max_len: usize| {
        !part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(whole_seconds, 2) || fraction.is_some_and(|f| !digits(f, 9)) {
        return Err(invalid());
    }
    let fraction = fraction.unwrap_or_default();
    let mut total: u64 = 0;
    for (i, part) in leading.iter().enumerate() {
        // The first part is hours (or minutes), unbounded; later parts are minutes, below 60.
        let value: u64 = if i == 0 {
            if !digits(part, 6) {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())?
        } else {
            if !digits(part, 2) {
                return Err(invalid());
            }
            let minutes: u64 = part.parse().map_err(|_| invalid())?;
            if minutes >= 60 {
                return Err(invalid());
            }
            minutes
        };
        total = total
            .checked_mul(60)
            .and_then(|t| t.checked_add(value))
            .ok_or_else(invalid)?;
    }
    let seconds: u64 = whole_seconds.parse().map_err(|_| invalid())?;
    if seconds >= 60 {
        return Err(invalid());
    }
    total = total
        .checked_mul(60)
        .and_then(|t| t.checked_add(seconds))
        .ok_or_else(invalid)?;
    let nanos: u32 = if fraction.is_empty() {
        0
    } else {
        // Nine digits at most, checked above, so the padded value fits.
        format!("{fraction:0<9}").parse().map_err(|_| invalid())?
    };
    Ok(Some(Duration::new(total, nanos)))
}

/// A length of time in any of the forms people write by hand: on a clock (`1:05:30`), in
/// Strong's notation (`1h 5m`), or as plain seconds; `None` when empty.
pub(crate) fn any_duration(column: &str, raw: &str) -> Result<Option<Duration>, ParseErrorKind> {
    if raw.contains(':') {
        clock(column, raw)
    } else {
        workout_duration(column, raw).map_err(|_| {
            ParseErrorKind::invalid_value(column, raw, "a duration such as 1:05:30, 45:00, 1h 5m or 3600")
        })
    }
}

/// When something happened, as a file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// A wall-clock time without offset, to be read in the configured time zone.
    Local(DateTime),
    /// An instant, with the UTC offset the file gave along with it (`None` for `Z`).
    Instant(Timestamp, Option<Offset>),
}

/// A date and time in the forms apps write: ISO 8601 with or without `T`, seconds and an
/// offset (`2024-01-15T10:30:00+05:30`, `2024-01-15 10:30`, a date alone meaning midnight),
/// and with English month names (Hevy's `26 Jul 2025, 07:06`, Strava's
/// `Oct 7, 2020, 2:43:11 PM`, `Jan 15, 2024 10:30 AM`), in the other languages of
/// [`MONTHS`] (`12 sept. 2024, 18:05`), or with the date in digits, day first, as German
/// writes it (`22.09.2026, 17:00`). `expected` describes the column's usual form in the error.
pub(crate) fn date_time(column: &str, raw: &str, expected: &str) -> Result<When, ParseErrorKind> {
    let invalid = || ParseErrorKind::invalid_value(column, raw, expected);
    let text = plain_spaces(raw);
    let text = text.as_ref();
    if text.is_empty() {
        return Err(invalid());
    }
    if let Some(local) = iso_date_time(text) {
        return Ok(When::Local(local));
    }
    if let Ok(pieces) = Pieces::parse(text) {
        let local = pieces
            .date()
            .to_datetime(pieces.time().unwrap_or(Time::midnight()));
        return match pieces.offset() {
            None => Ok(When::Local(local)),
            Some(PiecesOffset::Numeric(numeric)) => {
                let offset = numeric.offset();
                let instant = offset.to_timestamp(local).map_err(|_| invalid())?;
                Ok(When::Instant(instant, Some(offset)))
            }
            Some(_) => {
                let instant = Offset::UTC.to_timestamp(local).map_err(|_| invalid())?;
                Ok(When::Instant(instant, None))
            }
        };
    }
    // British English writes September as "Sept".
    let text = text.replace("Sept ", "Sep ");
    const FORMATS: [&str; 11] = [
        "%d %b %Y, %H:%M",
        // hevy.com in German: `22.09.2026, 17:00`.
        "%d.%m.%Y, %H:%M",
        "%d %b %Y, %H:%M:%S",
        "%d %b %Y %H:%M",
        "%b %d, %Y, %I:%M:%S %p",
        "%b %d, %Y, %I:%M %p",
        "%b %d, %Y %I:%M:%S %p",
        "%b %d, %Y %I:%M %p",
        "%b %d, %Y, %H:%M:%S",
        "%Y-%m-%d %I:%M:%S %p",
        "%Y-%m-%d %I:%M %p",
    ];
    FORMATS
        .iter()
        .find_map(|format| DateTime::strptime(format, &text).ok())
        .or_else(|| named_month_date_time(&text))
        .map(When::Local)
        .ok_or_else(invalid)
}

/// The names and abbreviations of the months, January first, in the languages gym apps and
/// Garmin Connect write dates in (English, German, French, Spanish, Italian, Portuguese,
/// Dutch), lower case, without a trailing dot. Hevy's app writes `1 Sept. 2026` and `16 Juni
/// 2026` in German (as a real German export shows), `20 giu 2026` in Italian; the other forms
/// are those of the languages' common date formats (CLDR's abbreviated and wide month names).
const MONTHS: [&[&str]; 12] = [
    &[
        "jan", "january", "januar", "jänner", "jän", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari",
    ],
    &[
        "feb",
        "february",
        "februar",
        "février",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
    ],
    &[
        "mar", "march", "märz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt",
    ],
    &["apr", "april", "avril", "avr", "abril", "abr", "aprile"],
    &["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
    &["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"],
    &[
        "jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho",
    ],
    &["aug", "august", "août", "aout", "agosto", "ago", "augustus"],
    &[
        "sep",
        "sept",
        "september",
        "septembre",
        "septiembre",
        "set",
        "sett",
        "settembre",
        "setembro",
    ],
    &[
        "oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
    ],
    &["nov", "november", "novembre", "noviembre", "novembro"],
    &[
        "dec",
        "december",
        "dezember",
        "dez",
        "décembre",
        "déc",
        "dic",
        "diciembre",
        "dicembre",
        "dezembro",
    ],
];

/// The month a word names (`Sept.`, `giu`, `Juni`, Korean `9월`), 1 to 12.
fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if let Some(number) = word.strip_suffix('월') {
        return number.parse().ok().filter(|m| (1..=12).contains(m));
    }
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .and_then(|index| i8::try_from(index + 1).ok())
}

/// A date and time with the month written as a word in any language of [`MONTHS`], day
/// first or month first, with or without commas and the words between (`12 sept. 2024,
/// 18:05`, `12 de set. de 2024 18:05`, `Sep 12, 2024, 6:05 PM`, `1. Sept. 2026, 07:30`);
/// `None` when the text is not such a date.
fn named_month_date_time(text: &str) -> Option<DateTime> {
    let (mut day, mut month, mut year, mut clock, mut afternoon) = (None, None, None, None, None);
    for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        match lower.as_str() {
            // The little words of Spanish, Portuguese, Italian and French dates.
            "de" | "del" | "di" | "à" | "às" | "a" | "um" | "at" | "o" => continue,
            "am" | "a.m." => afternoon = Some(false),
            "pm" | "p.m." => afternoon = Some(true),
            _ if word.contains(':') => clock = Some(word),
            _ if word.bytes().all(|b| b.is_ascii_digit()) && word.len() == 4 => {
                year = Some(word.parse::<i16>().ok()?);
            }
            _ if word.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit()) && day.is_none() => {
                day = Some(word.trim_end_matches('.').parse::<i8>().ok()?);
            }
            _ if month.is_none() => month = Some(month_number(word)?),
            _ => return None,
        }
    }
    let (day, month, year) = (day?, month?, year?);
    let mut parts = clock?.split(':');
    let mut hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next()?.parse().ok()?;
    let second: i8 = match parts.next() {
        Some(second) => second.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    match afternoon {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) if hour != 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    DateTime::new(year, month, day, hour, minute, second, 0).ok()
}

/// A calendar date, `2025-05-21`.
pub(crate) fn date(column: &str, raw: &str) -> Result<Date, ParseErrorKind> {
    Date::strptime("%Y-%m-%d", raw.trim())
        .map_err(|_| ParseErrorKind::invalid_value(column, raw, "a date such as 2025-05-21"))
}

/// The decimal separator of a file whose numbers may be written in either convention
/// (Garmin Connect writes `5.48` and `"1,020"` in English, `"7,00"` in locales with a decimal
/// comma).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decimal {
    /// `1,020.5`.
    Point,
    /// `1.020,5`.
    Comma,
}

/// The votes of a file's numbers for a decimal separator, counted field by field; see
/// [`Decimal::guess`].
#[derive(Debug, Default)]
pub(crate) struct DecimalVotes {
    point: usize,
    comma: usize,
}

impl DecimalVotes {
    /// Counts the vote of `field`, if it is a number that says anything.
    pub(crate) fn count(&mut self, field: &str) {
        match Decimal::vote(field.trim()) {
            Some(Decimal::Point) => self.point += 1,
            Some(Decimal::Comma) => self.comma += 1,
            None => {}
        }
    }

    /// The separator the votes so far elect: a tie, or no vote at all, means a decimal point.
    pub(crate) fn decimal(&self) -> Decimal {
        if self.comma > self.point {
            Decimal::Comma
        } else {
            Decimal::Point
        }
    }
}

impl Decimal {
    /// The separator the numbers among `fields` use: every number that cannot be read the
    /// other way (`5.48`, `7,00`, `0,5`, `1,234.5`) votes; a tie, or no vote at all (only
    /// numbers like `1,020`), means a decimal point.
    #[cfg(test)]
    pub(crate) fn guess<'a>(fields: impl IntoIterator<Item = &'a str>) -> Decimal {
        let mut votes = DecimalVotes::default();
        for field in fields {
            votes.count(field);
        }
        votes.decimal()
    }

    /// What `text` says about the decimal separator, if it is a number that says anything.
    fn vote(text: &str) -> Option<Decimal> {
        let text = text.strip_prefix(['-', '+']).unwrap_or(text);
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            return None;
        }
        let last_point = text.rfind('.');
        let last_comma = text.rfind(',');
        match (last_point, last_comma) {
            (Some(p), Some(c)) => Some(if p > c { Decimal::Point } else { Decimal::Comma }),
            (None, None) => None,
            (Some(_), None) => Decimal::lone_separator(text, b'.', Decimal::Point, Decimal::Comma),
            (None, Some(_)) => Decimal::lone_separator(text, b',', Decimal::Comma, Decimal::Point),
        }
    }

    /// The vote of a number with one kind of separator `sep`: `as_decimal` unless the number
    /// reads as well with `sep` grouping thousands (`1,020`), or only that way (`1,020,300`).
    fn lone_separator(text: &str, sep: u8, as_decimal: Decimal, as_thousands: Decimal) -> Option<Decimal> {
        if text.bytes().filter(|&b| b == sep).count() > 1 {
            return Some(as_thousands);
        }
        let at = text.bytes().position(|b| b == sep)?;
        let (whole, fraction) = (&text[..at], &text[at + 1..]);
        let could_group = fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0');
        if could_group { None } else { Some(as_decimal) }
    }

    /// A number written with this separator, thousands separators allowed (`1,020`,
    /// `1.020,5`); `None` when empty or `--` (Garmin's "no value").
    pub(crate) fn number(self, column: &str, raw: &str) -> Result<Option<f64>, ParseErrorKind> {
        let text = raw.trim();
        if text.is_empty() || text == "--" {
            return Ok(None);
        }
        let invalid = || ParseErrorKind::invalid_value(column, raw, "a number");
        let (decimal, thousands) = match self {
            Decimal::Point => ('.', ','),
            Decimal::Comma => (',', '.'),
        };
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match unsigned.split_once(decimal) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let mut groups = whole.split(thousands);
        let first_group = groups.next().unwrap_or_default();
        let grouped = whole.contains(thousands);
        let grouped_well = !grouped || (first_group.len() <= 3 && groups.clone().all(|g| g.len() == 3));
        if !digits(first_group)
            || !groups.all(digits)
            || !grouped_well
            || fraction.is_some_and(|f| !digits(f))
        {
            return Err(invalid());
        }
        // Most numbers have no thousands separator and a decimal point, and parse as written.
        let plain: Cow<'_, str> = match fraction {
            None if !grouped => Cow::Borrowed(text),
            Some(_) if !grouped && decimal == '.' => Cow::Borrowed(text),
            Some(fraction) => Cow::Owned(format!("{sign}{}.{fraction}", whole.replace(thousands, ""))),
            None => Cow::Owned(format!("{sign}{}", whole.replace(thousands, ""))),
        };
        let number: f64 = plain.parse().map_err(|_| invalid())?;
        if !number.is_finite() {
            return Err(invalid());
        }
        Ok(Some(number))
    }
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
    fn short_decimals_read_as_the_general_parser_reads_them() {
        for raw in [
            "0",
            "13",
            "13.0",
            "72.5",
            "0.1",
            "0.3",
            "2.675",
            "1.005",
            "123456789012345",
            "9.99999999999999",
            "0.00000000000001",
            "40.",
            "007.50",
        ] {
            assert_eq!(
                short_decimal(raw.as_bytes()),
                Some(raw.parse::<f64>().unwrap()),
                "{raw:?}"
            );
        }
        for raw in [
            "",
            ".5",
            "1.2.3",
            "1e5",
            "-1",
            "1234567890123456",
            "0.000000000000001",
            "1,5",
            " 1",
        ] {
            assert_eq!(short_decimal(raw.as_bytes()), None, "{raw:?}");
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

    #[test]
    fn clock_times_in_the_forms_apps_write() {
        let cases = [
            ("1:05:30", Duration::from_secs(3930)),
            ("00:31:24", Duration::from_secs(1884)),
            ("45:00", Duration::from_secs(2700)),
            ("5:44", Duration::from_secs(344)),
            ("00:28:10.5", Duration::from_millis(1_690_500)),
            ("00:28:10,5", Duration::from_millis(1_690_500)),
            ("26:00:00", Duration::from_secs(26 * 3600)),
        ];
        for (raw, expected) in cases {
            assert_eq!(clock("Time", raw), Ok(Some(expected)), "{raw:?}");
        }
        assert_eq!(clock("Time", " "), Ok(None));
        for raw in [
            "1:60", "1:05:75", "90", "1:2:3:4", "a:bc", ":30", "1:05:30.", "--", "-1:00",
        ] {
            assert!(clock("Time", raw).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn durations_written_by_hand() {
        assert_eq!(any_duration("d", "45:10"), Ok(Some(Duration::from_secs(2710))));
        assert_eq!(
            any_duration("d", "1h 45m 30s"),
            Ok(Some(Duration::from_secs(6330)))
        );
        assert_eq!(any_duration("d", "1800"), Ok(Some(Duration::from_secs(1800))));
        assert!(any_duration("d", "half an hour").is_err());
    }

    #[test]
    fn dates_and_times_in_every_form_the_dialects_use() {
        let local = |s: &str| Ok(When::Local(s.parse().unwrap()));
        let cases = [
            ("26 Jul 2025, 07:06", local("2025-07-26T07:06:00")),
            ("3 May 2025, 09:31", local("2025-05-03T09:31:00")),
            ("15 Sept 2025, 07:48", local("2025-09-15T07:48:00")),
            ("Oct 7, 2020, 2:43:11 PM", local("2020-10-07T14:43:11")),
            ("Jan 15, 2024 10:30 AM", local("2024-01-15T10:30:00")),
            ("2025-02-06 17:06:03", local("2025-02-06T17:06:03")),
            ("2026-01-07 18:30", local("2026-01-07T18:30:00")),
            ("2026-01-07", local("2026-01-07T00:00:00")),
            ("2024-11-28 5:36:08\u{202f}PM", local("2024-11-28T17:36:08")),
            // Hevy in the account's language: German (`Sept.`, `Juni`, from a real export),
            // French, Spanish, Italian, Portuguese, Dutch; Korean months are numbered.
            ("1 Sept. 2026, 07:30", local("2026-09-01T07:30:00")),
            ("16 Juni 2026, 18:00", local("2026-06-16T18:00:00")),
            ("1. März 2026, 07:30", local("2026-03-01T07:30:00")),
            ("12 sept. 2024, 18:05", local("2024-09-12T18:05:00")),
            ("3 févr. 2025, 07:10", local("2025-02-03T07:10:00")),
            ("12 déc. 2024 18:05", local("2024-12-12T18:05:00")),
            ("12 sept 2024, 18:05", local("2024-09-12T18:05:00")),
            ("5 ene 2025, 6:45", local("2025-01-05T06:45:00")),
            ("20 giu 2026, 14:13", local("2026-06-20T14:13:00")),
            ("12 de set. de 2024, 18:05", local("2024-09-12T18:05:00")),
            ("12 mrt 2024, 18:05", local("2024-03-12T18:05:00")),
            ("12 Sep 2024, 18:05", local("2024-09-12T18:05:00")),
            ("Sep 22, 2026, 12:10 AM", local("2026-09-22T00:10:00")),
            ("5 9월 2026, 06:10", local("2026-09-05T06:10:00")),
            ("22.09.2026, 17:00", local("2026-09-22T17:00:00")),
            (
                "2024-01-15T10:30:00+05:30",
                Ok(When::Instant(
                    "2024-01-15T05:00:00Z".parse().unwrap(),
                    Some(Offset::from_seconds(19_800).unwrap()),
                )),
            ),
            (
                "2024-01-15T10:30:00Z",
                Ok(When::Instant("2024-01-15T10:30:00Z".parse().unwrap(), None)),
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(date_time("Date", raw, "a date"), expected, "{raw:?}");
        }
        for raw in [
            "",
            "yesterday",
            "32 Jul 2025, 07:06",
            "2026-02-30",
            "12.02.2026 18:02",
            "7/4/2020 15:36",
            "12 foo 2024, 18:05",
            "12 sept. 2024",
            "31 févr. 2025, 07:10",
            "12 sept. 2024, 25:05",
            "12 sept. 2024, 13:05 PM",
            "12 13월 2024, 18:05",
        ] {
            assert_eq!(
                date_time("Date", raw, "a date"),
                Err(ParseErrorKind::invalid_value("Date", raw, "a date")),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn the_decimal_separator_is_guessed_from_numbers_that_can_only_be_read_one_way() {
        assert_eq!(Decimal::guess(["5.48", "1,020", "447"]), Decimal::Point);
        assert_eq!(Decimal::guess(["7,00", "6.120", "0,2"]), Decimal::Comma);
        assert_eq!(Decimal::guess(["1,234.5"]), Decimal::Point);
        assert_eq!(Decimal::guess(["1.234,5"]), Decimal::Comma);
        assert_eq!(Decimal::guess(["1,020,300"]), Decimal::Point);
        assert_eq!(Decimal::guess(["0,500"]), Decimal::Comma);
        // Nothing says: a decimal point.
        assert_eq!(Decimal::guess(["1,020", "--", "No", "00:31:24"]), Decimal::Point);
        assert_eq!(Decimal::guess([]), Decimal::Point);
    }

    #[test]
    fn numbers_with_either_separator_and_thousands() {
        let point = [
            ("5.48", Some(5.48)),
            ("\"1,020\"", None),
            ("1,020", Some(1020.0)),
            ("1,234,567.5", Some(1_234_567.5)),
            ("-4", Some(-4.0)),
            ("--", None),
            ("", None),
        ];
        for (raw, expected) in point {
            if raw.starts_with('"') {
                assert!(Decimal::Point.number("n", raw).is_err());
                continue;
            }
            assert_eq!(Decimal::Point.number("n", raw), Ok(expected), "{raw:?}");
        }
        assert_eq!(Decimal::Comma.number("n", "7,25"), Ok(Some(7.25)));
        assert_eq!(Decimal::Comma.number("n", "6.120"), Ok(Some(6120.0)));
        assert_eq!(Decimal::Comma.number("n", "1.234,5"), Ok(Some(1234.5)));
        for raw in ["1,02", "12,34,5", "abc", "1.5.5", "1e9", "inf", "1,0200"] {
            assert!(Decimal::Point.number("n", raw).is_err(), "{raw:?}");
        }
    }
}
