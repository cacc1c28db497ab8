//! What the XML readers of this crate share: positions, numbers, warnings, and messages for
//! quick-xml's errors.

use std::time::Duration;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::BytesStart;
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef};

/// At most this many warnings about single values are listed; the rest are counted in one.
pub(crate) const MAX_VALUE_WARNINGS: usize = 100;

/// The elevation change, in metres, that the gain calculation ignores as noise.
const ELEVATION_HYSTERESIS_M: f64 = 2.0;

/// Turns byte offsets into line and column numbers, only when a message needs one. Offsets
/// usually grow from one message to the next, so counting resumes where it stopped.
pub(crate) struct LineCounter {
    offset: usize,
    line: u64,
    line_start: usize,
}

impl LineCounter {
    pub(crate) fn new() -> Self {
        LineCounter {
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    pub(crate) fn position(&mut self, input: &[u8], offset: usize) -> Position {
        let offset = offset.min(input.len());
        if offset < self.offset {
            *self = LineCounter::new();
        }
        let span = &input[self.offset..offset];
        let newlines = count_newlines(span);
        if newlines > 0 {
            self.line += newlines;
            // rposition finds the last newline; it exists as newlines > 0.
            self.line_start = self.offset + span.iter().rposition(|&b| b == b'\n').unwrap_or(0) + 1;
        }
        self.offset = offset;
        Position::Line {
            line: self.line,
            column: Some((offset - self.line_start) as u64 + 1),
        }
    }
}

/// The number of `\n` bytes in `bytes`.
pub(crate) fn count_newlines(bytes: &[u8]) -> u64 {
    // memchr's iterator counts with SIMD rather than stopping at each match.
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Warnings about single values, of which only the first [`MAX_VALUE_WARNINGS`] are listed
/// one by one: a file with a bad value on every point must not give a million messages.
#[derive(Default)]
pub(crate) struct Warnings {
    pub(crate) listed: Vec<ParseError>,
    unlisted: usize,
    first_unlisted: Option<Position>,
}

impl Warnings {
    /// Adds a warning about the value at `position`.
    pub(crate) fn push(&mut self, source: &SourceRef, position: Position, kind: ParseErrorKind) {
        if self.listed.len() < MAX_VALUE_WARNINGS {
            self.listed.push(ParseError::new(source, Some(position), kind));
        } else {
            self.unlisted += 1;
            self.first_unlisted.get_or_insert(position);
        }
    }

    /// The listed warnings, followed by one that counts the unlisted ones, if any.
    pub(crate) fn finish(mut self, source: &SourceRef) -> Vec<ParseError> {
        if self.unlisted > 0 {
            let kind = ParseErrorKind::Syntax(format!(
                "{} more unreadable values from here on were left out (only the first {MAX_VALUE_WARNINGS} are listed)",
                self.unlisted
            ));
            self.listed
                .push(ParseError::new(source, self.first_unlisted, kind));
        }
        self.listed
    }
}

/// The message for an error quick-xml reported; `inside` names the innermost element the
/// reader knows it is in, if any.
pub(crate) fn xml_error_kind(error: &XmlError, inside: Option<&str>) -> ParseErrorKind {
    let inside = inside.map(|tag| format!(" (inside <{tag}>)")).unwrap_or_default();
    match error {
        XmlError::Syntax(syntax) => {
            let what = match syntax {
                SyntaxError::UnclosedTag => "a tag is cut off before its `>`",
                SyntaxError::UnclosedComment => "a comment is cut off before its `-->`",
                SyntaxError::UnclosedCData => "a CDATA section is cut off before its `]]>`",
                SyntaxError::UnclosedDoctype => "the DOCTYPE is cut off before its `>`",
                SyntaxError::UnclosedPIOrXmlDecl => "a processing instruction is cut off before its `?>`",
                SyntaxError::InvalidBangMarkup => "markup starting with `<!` is cut off",
            };
            ParseErrorKind::Truncated(format!("{what}{inside}"))
        }
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            ParseErrorKind::Syntax(format!("found </{found}> where </{expected}> was expected"))
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            ParseErrorKind::Syntax(format!("found </{tag}>, which closes no open element"))
        }
        other => ParseErrorKind::Syntax(format!("malformed XML{inside}: {other}")),
    }
}

/// The offset of the `<` of a start tag: its content is a slice of `input` (quick-xml borrows
/// from a slice), one byte after the `<`. `fallback` (where reading the event began, maybe
/// before some skipped whitespace) serves should that ever not hold.
pub(crate) fn tag_offset(input: &[u8], tag: &BytesStart<'_>, fallback: usize) -> usize {
    let offset = (tag.as_ref().as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
    if (1..=input.len()).contains(&offset) && input[offset - 1] == b'<' {
        offset - 1
    } else {
        fallback
    }
}

/// Errors quick-xml reports but can read on after: they lose no content.
pub(crate) fn tolerable(error: &XmlError) -> bool {
    matches!(
        error,
        XmlError::IllFormed(
            IllFormedError::MissingDeclVersion(_)
                | IllFormedError::MissingDoctypeName
                | IllFormedError::DoubleHyphenInComment
        )
    )
}

/// Whether an XML declaration's encoding is ISO-8859-1 or one of its relatives, whose bytes
/// are read as Latin-1 characters.
pub(crate) fn is_latin1(encoding: &[u8]) -> bool {
    const LATIN1: &[&[u8]] = &[
        b"iso-8859-1",
        b"iso8859-1",
        b"iso_8859-1",
        b"latin1",
        b"latin-1",
        b"l1",
        b"iso-8859-15",
        b"windows-1252",
        b"cp1252",
    ];
    LATIN1
        .iter()
        .any(|name| encoding.trim_ascii().eq_ignore_ascii_case(name))
}

pub(crate) fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A finite decimal number from ASCII bytes, surrounding whitespace allowed.
pub(crate) fn parse_number(raw: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(raw.trim_ascii()).ok()?;
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(crate) fn duration_from_nanos(nanos: i128) -> Duration {
    let nanos = u128::try_from(nanos).unwrap_or(0);
    let secs = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
    // The remainder is below 1e9 and fits.
    Duration::new(secs, (nanos % 1_000_000_000) as u32)
}

/// A number of seconds as a [`Duration`]; `None` for negative, infinite or absurd values
/// (more than a year, which no single session lasts).
pub(crate) fn duration_from_secs(seconds: f64) -> Option<Duration> {
    const YEAR_S: f64 = 366.0 * 86_400.0;
    (seconds.is_finite() && (0.0..=YEAR_S).contains(&seconds)).then(|| Duration::from_secs_f64(seconds))
}

/// The elevation gain in metres within segments, ignoring changes under 2 m: a reference
/// elevation is kept; a point at least 2 m above it adds the difference and becomes the
/// reference, a point at least 2 m below it becomes the reference. `None` when no point has
/// an elevation.
pub(crate) fn elevation_gain_m<S, E>(segments: S) -> Option<f64>
where
    S: IntoIterator<Item = E>,
    E: IntoIterator<Item = f64>,
{
    let mut any = false;
    let mut gain = 0.0;
    for segment in segments {
        let mut reference: Option<f64> = None;
        for ele in segment {
            any = true;
            match reference {
                None => reference = Some(ele),
                Some(r) if ele >= r + ELEVATION_HYSTERESIS_M => {
                    gain += ele - r;
                    reference = Some(ele);
                }
                Some(r) if ele <= r - ELEVATION_HYSTERESIS_M => reference = Some(ele),
                Some(_) => {}
            }
        }
    }
    any.then_some(gain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_across_blocks() {
        let mut bytes = vec![b'x'; 1000];
        for i in (0..1000).step_by(3) {
            bytes[i] = b'\n';
        }
        assert_eq!(count_newlines(&bytes), 334);
        assert_eq!(count_newlines(&[b'\n'; 600]), 600);
        assert_eq!(count_newlines(b""), 0);
    }

    #[test]
    fn elevation_gain_ignores_small_wiggles_and_segment_gaps() {
        let gain = elevation_gain_m([vec![10.0, 11.0, 10.0, 13.0, 12.0, 20.0], vec![0.0, 5.0]]);
        assert_eq!(gain, Some(10.0 + 5.0));
        assert_eq!(elevation_gain_m(Vec::<Vec<f64>>::new()), None);
    }

    #[test]
    fn durations_from_seconds_refuse_nonsense() {
        assert_eq!(duration_from_secs(1.5), Some(Duration::from_millis(1500)));
        assert_eq!(duration_from_secs(-1.0), None);
        assert_eq!(duration_from_secs(f64::NAN), None);
        assert_eq!(duration_from_secs(1e12), None);
    }
}
