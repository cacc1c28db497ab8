//! The streaming Apple Health reader: an `export.xml` of any size in, its workouts out, in
//! constant memory.
//!
//! An export is mostly millions of `<Record>` elements (steps, heart rate samples, ...) and a
//! few thousand `<Workout>`s. Tokenising every record would cost most of the time, so the
//! reader does not: it searches a buffered window of the stream for the next `<Workout`
//! with `memchr::memmem`, together with the only other places where such text could occur
//! without being a workout (comments, CDATA sections and processing instructions, which are
//! skipped whole), and hands just the workout element to quick-xml. The DOCTYPE, with its
//! internal subset, is skipped at the start; entities it may declare are never expanded.

use std::io::{self, BufRead, Read};

use jiff::tz::TimeZone;
use memchr::memmem;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, Position, SourceRef, Sport};

use crate::detect::is_name_byte;
use crate::reading::{
    Held, Warnings, count_newlines, doctype_len, duration_from_nanos, duration_from_secs, parse_number,
    tolerable,
};

/// How much of the stream is read at a time.
const WINDOW: usize = 1 << 20;

/// The longest single element (a `<Workout>`, the DOCTYPE) the reader holds in memory; a
/// workout with thousands of events is a few hundred kilobytes.
const MAX_ELEMENT: usize = 64 << 20;

/// The longest of the texts searched for, so that one cut by the end of the window is found
/// once the window moves on.
const LONGEST_NEEDLE: usize = "</HealthData".len();

/// Reads an Apple Health export; see [`parse_apple_health`](crate::parse_apple_health).
pub(crate) fn parse<R: BufRead>(reader: R, source: &SourceRef) -> Result<Parsed, ParseError> {
    parse_with_window(reader, source, WINDOW)
}

/// [`parse`] with a window of `window` bytes (grown as needed), so that tests can put the
/// window's edges everywhere.
pub(crate) fn parse_with_window<R: BufRead>(
    reader: R,
    source: &SourceRef,
    window: usize,
) -> Result<Parsed, ParseError> {
    let mut export = Export {
        stream: Stream::new(reader, window.max(1)),
        source,
        warnings: Warnings::default(),
        activities: Vec::new(),
        without_time_zone: 0,
        notes: Vec::new(),
    };
    let body = export.prolog()?;
    let ending = match body {
        Some(cursor) => export.body(cursor)?,
        None => Ending::Closed,
    };
    export.finish(ending)
}

/// How the document ended.
enum Ending {
    /// `</HealthData>` (or an empty `<HealthData/>`) was reached.
    Closed,
    /// The stream ended without closing the root: the export is cut off at this offset.
    CutOff(u64),
    /// The stream ended inside an element (which was left out) that starts at `position`.
    CutInside { what: &'static str, position: Position },
}

/// A window over the stream, addressed by absolute byte offsets, counting the lines of the
/// bytes it lets go.
struct Stream<R> {
    reader: R,
    held: Held,
    /// Lines are counted up to this offset...
    counted_to: u64,
    /// ...where this line (from 1) began at `line_start`.
    line: u64,
    line_start: u64,
}

impl<R: Read> Stream<R> {
    fn new(reader: R, window: usize) -> Self {
        Stream {
            reader,
            held: Held::new(&[], window),
            counted_to: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The offset just past the data in the window.
    fn end(&self) -> u64 {
        self.held.end()
    }

    /// The window's data from `from` on.
    fn from(&self, from: u64) -> &[u8] {
        let data = self.held.data();
        let start = usize::try_from(from.saturating_sub(self.held.base())).unwrap_or(usize::MAX);
        &data[start.min(data.len())..]
    }

    /// Drops the data before `keep` and reads more after what is there, growing the window
    /// when `keep` is at its start and it is full. Returns `false` when nothing more came:
    /// the stream is at its end, or the element from `keep` on is longer than
    /// [`MAX_ELEMENT`].
    fn fill(&mut self, keep: u64) -> io::Result<bool> {
        if self.held.at_eof() {
            return Ok(false);
        }
        // The bytes let go are counted first: positions are asked for after they are gone.
        self.count_lines_to(keep.clamp(self.held.base(), self.end()));
        Ok(self.held.refill(&mut self.reader, keep, MAX_ELEMENT)? > 0)
    }

    /// Makes sure `count` bytes from `at` are in the window, as far as the stream has them.
    fn ensure(&mut self, at: u64, count: usize) -> io::Result<()> {
        while self.end() < at + count as u64 && !self.held.at_eof() {
            if !self.fill(at)? {
                break;
            }
        }
        Ok(())
    }

    fn count_lines_to(&mut self, offset: u64) {
        if offset <= self.counted_to {
            return;
        }
        let from = (self.counted_to - self.held.base()) as usize;
        let to = (offset - self.held.base()) as usize;
        let span = &self.held.data()[from..to];
        let newlines = count_newlines(span);
        if newlines > 0 {
            self.line += newlines;
            let last = memchr::memrchr(b'\n', span).unwrap_or(0);
            self.line_start = self.counted_to + last as u64 + 1;
        }
        self.counted_to = offset;
    }

    /// The line and column of `offset`, which must be in the window and not before an
    /// offset asked for earlier (else only the line counted so far is known).
    fn position(&mut self, offset: u64) -> Position {
        let offset = offset.min(self.end());
        if offset < self.counted_to {
            return Position::Line {
                line: self.line,
                column: None,
            };
        }
        self.count_lines_to(offset);
        Position::Line {
            line: self.line,
            column: Some(offset - self.line_start + 1),
        }
    }
}

/// One text searched for in the stream, with the next place it was found, so that a text
/// that is rare (a comment marker) is not searched for again over the same bytes each time
/// a common one (a workout) is found.
struct Needle {
    finder: memmem::Finder<'static>,
    hit: Option<u64>,
    /// No occurrence starts in the window before this offset (beyond the last hit).
    searched_to: u64,
}

impl Needle {
    fn new(text: &'static [u8]) -> Self {
        Needle {
            finder: memmem::Finder::new(text),
            hit: None,
            searched_to: 0,
        }
    }

    /// The next occurrence at or after `from` in the window.
    fn next<R: Read>(&mut self, stream: &Stream<R>, from: u64) -> Option<u64> {
        if let Some(hit) = self.hit
            && hit >= from
        {
            return Some(hit);
        }
        let from = from.max(self.searched_to).max(stream.held.base());
        match self.finder.find(stream.from(from)) {
            Some(i) => {
                self.hit = Some(from + i as u64);
                self.hit
            }
            None => {
                self.hit = None;
                let partial = self.finder.needle().len() as u64 - 1;
                self.searched_to = from.max(stream.end().saturating_sub(partial));
                None
            }
        }
    }
}

struct Export<'s, R> {
    stream: Stream<R>,
    source: &'s SourceRef,
    warnings: Warnings,
    activities: Vec<Activity>,
    /// Workouts read without an `HKTimeZone`.
    without_time_zone: usize,
    notes: Vec<String>,
}

/// What a workout's attributes and children say, as written.
#[derive(Debug, Default)]
struct RawWorkout {
    activity_type: Option<String>,
    duration: Option<String>,
    duration_unit: Option<String>,
    total_distance: Option<String>,
    total_distance_unit: Option<String>,
    start: Option<String>,
    end: Option<String>,
    /// Metadata and statistics of the workout itself.
    own: Details,
    /// Those of its `<WorkoutActivity>` children (iOS 16 and later), used where the workout
    /// has none of its own.
    activities: Details,
}

#[derive(Debug, Default)]
struct Details {
    time_zone: Option<String>,
    indoor: Option<bool>,
    elevation_ascended: Vec<String>,
    /// `HKQuantityTypeIdentifierDistance...` statistics.
    distances: Vec<Statistic>,
    /// `HKQuantityTypeIdentifierHeartRate` statistics.
    heart_rates: Vec<Statistic>,
}

#[derive(Debug, Default)]
struct Statistic {
    sum: Option<String>,
    average: Option<String>,
    unit: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

/// How reading one `<Workout>` element went.
enum Element {
    /// Read whole; it was `len` bytes long.
    Complete { workout: Box<RawWorkout>, len: u64 },
    /// The window ends before the element does.
    Incomplete,
    /// Malformed at `offset` bytes from its start.
    Broken { kind: ParseErrorKind, offset: u64 },
}

impl<R: BufRead> Export<'_, R> {
    fn io_error(&self, error: io::Error) -> ParseError {
        ParseError::new(self.source, None, ParseErrorKind::io(None, error))
    }

    fn fill(&mut self, keep: u64) -> Result<bool, ParseError> {
        self.stream.fill(keep).map_err(|e| self.io_error(e))
    }

    fn ensure(&mut self, at: u64, count: usize) -> Result<(), ParseError> {
        self.stream.ensure(at, count).map_err(|e| self.io_error(e))
    }

    fn error_at(&mut self, offset: u64, kind: ParseErrorKind) -> ParseError {
        let position = self.stream.position(offset);
        ParseError::new(self.source, Some(position), kind)
    }

    /// Reads past the XML declaration, comments, processing instructions and the DOCTYPE to
    /// the root element, which must be `<HealthData>`. Returns the offset just past its start
    /// tag, or `None` when the root is empty (`<HealthData/>`).
    fn prolog(&mut self) -> Result<Option<u64>, ParseError> {
        self.ensure(0, 4)?;
        let mut cursor = 0u64;
        let data = self.stream.from(0);
        if data.starts_with(b"\xEF\xBB\xBF") {
            cursor = 3;
        } else if data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF") {
            let kind = ParseErrorKind::UnknownFormat(
                "a UTF-16 document; Apple Health exports are UTF-8 and runlift reads them only so".to_owned(),
            );
            return Err(ParseError::new(self.source, Some(Position::Byte(0)), kind));
        }
        let mut seen_markup = false;
        loop {
            // Whitespace between the parts of the prolog, maybe longer than the window.
            loop {
                self.ensure(cursor, 1)?;
                let data = self.stream.from(cursor);
                if data.is_empty() {
                    let kind = if seen_markup {
                        ParseErrorKind::Truncated("there is no root element".to_owned())
                    } else {
                        ParseErrorKind::Empty
                    };
                    let position = seen_markup.then(|| self.stream.position(cursor));
                    return Err(ParseError::new(self.source, position, kind));
                }
                match data.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(i) => {
                        cursor += i as u64;
                        break;
                    }
                    None => cursor += data.len() as u64,
                }
            }
            // Enough for any name the root could have that is worth showing.
            self.ensure(cursor, 80)?;
            let data = self.stream.from(cursor);
            if data[0] != b'<' {
                let kind = if seen_markup {
                    ParseErrorKind::Syntax("text before the root element".to_owned())
                } else {
                    ParseErrorKind::UnknownFormat("not XML: the file does not start with `<`".to_owned())
                };
                return Err(self.error_at(cursor, kind));
            }
            seen_markup = true;
            if data.starts_with(b"<?") {
                cursor = self.skip_past(
                    cursor,
                    2,
                    b"?>",
                    "a processing instruction is cut off before its `?>`",
                )?;
            } else if data.starts_with(b"<!--") {
                cursor = self.skip_past(cursor, 4, b"-->", "a comment is cut off before its `-->`")?;
            } else if data.len() >= 9 && data[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
                cursor = self.skip_doctype(cursor)?;
            } else {
                return self.root(cursor);
            }
        }
    }

    /// Skips from `at` (the start of some markup, `open` bytes long) past the next `close`,
    /// however far it is. Fails with `cut_off` when the stream ends first.
    fn skip_past(&mut self, at: u64, open: u64, close: &[u8], cut_off: &str) -> Result<u64, ParseError> {
        match self.find_past(at + open, close)? {
            Some(end) => Ok(end),
            None => Err(self.error_at(at, ParseErrorKind::Truncated(cut_off.to_owned()))),
        }
    }

    /// The offset just past the next `text` at or after `from`, reading on as needed; `None`
    /// when the stream ends first.
    fn find_past(&mut self, mut from: u64, text: &[u8]) -> Result<Option<u64>, ParseError> {
        loop {
            if let Some(i) = memmem::find(self.stream.from(from), text) {
                return Ok(Some(from + (i + text.len()) as u64));
            }
            let partial = (text.len() - 1) as u64;
            from = from.max(self.stream.end().saturating_sub(partial));
            if !self.fill(from)? {
                return Ok(None);
            }
        }
    }

    fn skip_doctype(&mut self, at: u64) -> Result<u64, ParseError> {
        loop {
            if let Some(len) = doctype_len(self.stream.from(at)) {
                return Ok(at + len as u64);
            }
            if !self.fill(at)? {
                let what = if self.stream.held.at_eof() {
                    ParseErrorKind::Truncated("the DOCTYPE is cut off before its `>`".to_owned())
                } else {
                    ParseErrorKind::Syntax(format!(
                        "the DOCTYPE is longer than {} MiB, which no Apple Health export's is",
                        MAX_ELEMENT >> 20
                    ))
                };
                return Err(self.error_at(at, what));
            }
        }
    }

    /// Checks the root element at `at` and returns the offset past its start tag (`None`
    /// for an empty root).
    fn root(&mut self, at: u64) -> Result<Option<u64>, ParseError> {
        loop {
            let data = self.stream.from(at);
            let name_len = data[1..].iter().take_while(|&&b| is_name_byte(b)).count();
            let name = &data[1..1 + name_len];
            let local = name
                .iter()
                .rposition(|&b| b == b':')
                .map_or(name, |i| &name[i + 1..]);
            if local != b"HealthData" {
                let shown: String = String::from_utf8_lossy(name).chars().take(60).collect();
                let what = if shown.is_empty() {
                    "XML whose first element has no name".to_owned()
                } else {
                    format!("XML whose root element is <{shown}>, not <HealthData>")
                };
                return Err(self.error_at(at, ParseErrorKind::UnknownFormat(what)));
            }
            if let Some(len) = start_tag_len(data) {
                let empty = data[..len].ends_with(b"/>");
                return Ok((!empty).then_some(at + len as u64));
            }
            if !self.fill(at)? {
                let kind =
                    ParseErrorKind::Truncated("the <HealthData> tag is cut off before its `>`".to_owned());
                return Err(self.error_at(at, kind));
            }
        }
    }

    /// Reads the root element's content from `cursor` on, converting each workout.
    fn body(&mut self, mut cursor: u64) -> Result<Ending, ParseError> {
        let mut workout = Needle::new(b"<Workout");
        let mut bang = Needle::new(b"<!");
        let mut instruction = Needle::new(b"<?");
        let mut close = Needle::new(b"</HealthData");
        loop {
            let hits = [
                workout.next(&self.stream, cursor),
                bang.next(&self.stream, cursor),
                instruction.next(&self.stream, cursor),
                close.next(&self.stream, cursor),
            ];
            let Some(at) = hits.iter().flatten().copied().min() else {
                if self.stream.held.at_eof() {
                    return Ok(Ending::CutOff(self.stream.end()));
                }
                // Nothing here: keep only the tail that may hold the start of a needle.
                let keep = [&workout, &bang, &instruction, &close]
                    .iter()
                    .map(|n| n.searched_to)
                    .min()
                    .unwrap_or(cursor)
                    .max(cursor);
                cursor = keep;
                self.fill(keep)?;
                continue;
            };
            self.ensure(at, LONGEST_NEEDLE + 1)?;
            let data = self.stream.from(at);
            if Some(at) == hits[0] {
                if !data.get(8).is_some_and(|&b| ends_name(b)) {
                    // <WorkoutEvent> or the like outside a workout, or a cut-off name.
                    cursor = at + 1;
                    continue;
                }
                let position = self.stream.position(at);
                match self.workout(at, position)? {
                    Some(end) => cursor = end,
                    None => {
                        return Ok(Ending::CutInside {
                            what: "a <Workout> is cut off; it was left out",
                            position,
                        });
                    }
                }
            } else if Some(at) == hits[3] {
                if data.get(12).is_some_and(|&b| ends_name(b)) {
                    return Ok(Ending::Closed);
                }
                cursor = at + 1;
            } else if Some(at) == hits[2] {
                let position = self.stream.position(at);
                match self.find_past(at + 2, b"?>")? {
                    Some(end) => cursor = end,
                    None => {
                        return Ok(Ending::CutInside {
                            what: "a processing instruction is cut off before its `?>`",
                            position,
                        });
                    }
                }
            } else if data.starts_with(b"<!--") {
                let position = self.stream.position(at);
                match self.find_past(at + 4, b"-->")? {
                    Some(end) => cursor = end,
                    None => {
                        return Ok(Ending::CutInside {
                            what: "a comment is cut off before its `-->`",
                            position,
                        });
                    }
                }
            } else if data.starts_with(b"<![CDATA[") {
                let position = self.stream.position(at);
                match self.find_past(at + 9, b"]]>")? {
                    Some(end) => cursor = end,
                    None => {
                        return Ok(Ending::CutInside {
                            what: "a CDATA section is cut off before its `]]>`",
                            position,
                        });
                    }
                }
            } else {
                // `<!` starting nothing XML allows here; nothing can hide behind it.
                cursor = at + 2;
            }
        }
    }

    /// Reads the `<Workout>` element at `at` into an activity (or a warning). Returns the
    /// offset past it, or `None` when the stream ends inside it.
    fn workout(&mut self, at: u64, position: Position) -> Result<Option<u64>, ParseError> {
        loop {
            match read_workout(self.stream.from(at)) {
                Element::Complete { workout, len } => {
                    self.convert(&workout, position);
                    return Ok(Some(at + len));
                }
                Element::Broken { kind, offset } => {
                    let where_ = self.stream.position(at + offset);
                    let kind = match kind {
                        ParseErrorKind::Syntax(message) => ParseErrorKind::Syntax(format!(
                            "{message} (in the <Workout> that starts at {position}); the workout was left out"
                        )),
                        other => other,
                    };
                    self.warnings.push(self.source, where_, kind);
                    return Ok(Some(at + 1));
                }
                Element::Incomplete => {
                    if self.fill(at)? {
                        continue;
                    }
                    if self.stream.held.at_eof() {
                        return Ok(None);
                    }
                    let kind = ParseErrorKind::Syntax(format!(
                        "a <Workout> longer than {} MiB, or never closed; it was left out",
                        MAX_ELEMENT >> 20
                    ));
                    self.warnings.push(self.source, position, kind);
                    return Ok(Some(at + 1));
                }
            }
        }
    }

    /// Turns a workout into an activity, or warns why it cannot be one.
    fn convert(&mut self, raw: &RawWorkout, position: Position) {
        let warn =
            |export: &mut Self, kind: ParseErrorKind| export.warnings.push(export.source, position, kind);
        let Some(start_text) = raw.start.as_deref() else {
            warn(
                self,
                ParseErrorKind::Missing("the <Workout> was left out: its startDate".to_owned()),
            );
            return;
        };
        let Some((start, written_offset)) = crate::time::parse_apple_time(start_text.as_bytes()) else {
            let expected = "a date such as 2026-07-14 06:30:00 -0700; the workout was left out";
            warn(
                self,
                ParseErrorKind::invalid_value("<Workout> startDate", start_text, expected),
            );
            return;
        };
        let end = match raw.end.as_deref() {
            None => None,
            Some(text) => match crate::time::parse_apple_time(text.as_bytes()) {
                Some((end, _)) if end >= start => Some(end),
                Some(_) => {
                    let expected = "a date after the startDate; the duration was used instead";
                    warn(
                        self,
                        ParseErrorKind::invalid_value("<Workout> endDate", text, expected),
                    );
                    None
                }
                None => {
                    let expected = "a date such as 2026-07-14 07:30:00 -0700; the duration was used instead";
                    warn(
                        self,
                        ParseErrorKind::invalid_value("<Workout> endDate", text, expected),
                    );
                    None
                }
            },
        };
        let duration = match raw.duration.as_deref() {
            None => None,
            Some(text) => {
                let unit = raw.duration_unit.as_deref().unwrap_or("min");
                let seconds = parse_number(text.as_bytes())
                    .zip(seconds_per(unit))
                    .and_then(|(value, per)| duration_from_secs(value * per));
                if seconds.is_none() {
                    let expected = "a number with a durationUnit of s, min or hr; the duration was left out";
                    warn(
                        self,
                        ParseErrorKind::invalid_value(
                            "<Workout> duration",
                            &format!("{text} {unit}"),
                            expected,
                        ),
                    );
                }
                seconds
            }
        };
        let elapsed = match (end, duration) {
            (Some(end), _) => duration_from_nanos(end.duration_since(start).as_nanos()),
            (None, Some(duration)) => duration,
            (None, None) => {
                warn(
                    self,
                    ParseErrorKind::Missing(
                        "the <Workout> was left out: its time span (an endDate or a duration)".to_owned(),
                    ),
                );
                return;
            }
        };
        if elapsed.is_zero() && duration.is_none_or(|d| d.is_zero()) {
            // Some apps write empty placeholder workouts; counted, they would add sessions.
            warn(
                self,
                ParseErrorKind::Missing(
                    "the <Workout> was left out: a duration (its endDate is its startDate and its duration is 0)"
                        .to_owned(),
                ),
            );
            return;
        }
        let indoor = raw.own.indoor.or(raw.activities.indoor).unwrap_or(false);
        let sport = Sport::from_healthkit(raw.activity_type.as_deref().unwrap_or("unspecified"), indoor);
        let mut activity = Activity::new(sport, start, elapsed, self.source.clone());
        // Apple's duration is the time the workout ran, pauses left out.
        activity.moving = duration.map(|d| d.min(elapsed));
        activity.distance_m = self.distance(raw, position);
        activity.avg_heart_rate = average_heart_rate(&raw.own.heart_rates)
            .or_else(|| average_heart_rate(&raw.activities.heart_rates));
        activity.elevation_gain_m =
            elevation(&raw.own.elevation_ascended).or_else(|| elevation(&raw.activities.elevation_ascended));
        activity.utc_offset = match raw
            .own
            .time_zone
            .as_deref()
            .or(raw.activities.time_zone.as_deref())
        {
            Some(name) => match TimeZone::get(name) {
                Ok(zone) => Some(zone.to_offset(start)),
                Err(_) => {
                    self.note(format!(
                        "{position}: HKTimeZone {name:?} is not a time zone runlift knows; the date's own offset was used"
                    ));
                    written_offset
                }
            },
            None => {
                self.without_time_zone += 1;
                written_offset
            }
        };
        self.activities.push(activity);
    }

    /// The distance: `totalDistance` when it is more than zero, else the sum of the
    /// workout's distance statistics, else of its activities'.
    fn distance(&mut self, raw: &RawWorkout, position: Position) -> Option<f64> {
        if let Some(text) = raw.total_distance.as_deref() {
            let unit = raw.total_distance_unit.as_deref().unwrap_or("km");
            match parse_number(text.as_bytes()).and_then(|value| metres(value, unit)) {
                Some(value) if value >= 0.0 => {
                    if value > 0.0 {
                        return Some(value);
                    }
                }
                _ => {
                    let expected =
                        "a number with a totalDistanceUnit of m, km or mi; the distance was left out";
                    let value = format!("{text} {unit}");
                    self.warnings.push(
                        self.source,
                        position,
                        ParseErrorKind::invalid_value("<Workout> totalDistance", &value, expected),
                    );
                }
            }
        }
        for statistics in [&raw.own.distances, &raw.activities.distances] {
            let mut total = 0.0;
            for statistic in statistics {
                let Some(text) = statistic.sum.as_deref() else {
                    continue;
                };
                let unit = statistic.unit.as_deref().unwrap_or("km");
                match parse_number(text.as_bytes()).and_then(|value| metres(value, unit)) {
                    Some(value) if value >= 0.0 => total += value,
                    _ => {
                        let expected = "a number with a unit of m, km or mi; the distance was left out";
                        let value = format!("{text} {unit}");
                        self.warnings.push(
                            self.source,
                            position,
                            ParseErrorKind::invalid_value("<WorkoutStatistics> sum", &value, expected),
                        );
                    }
                }
            }
            if total > 0.0 {
                return Some(total);
            }
        }
        None
    }

    fn note(&mut self, note: String) {
        const MAX_NOTES: usize = 20;
        if self.notes.len() < MAX_NOTES {
            self.notes.push(note);
        }
    }

    fn finish(mut self, ending: Ending) -> Result<Parsed, ParseError> {
        let cut = match ending {
            Ending::Closed => None,
            Ending::CutOff(at) => Some(self.error_at(
                at,
                ParseErrorKind::Truncated(
                    "<HealthData> is not closed; the workouts before the cut were read".to_owned(),
                ),
            )),
            Ending::CutInside { what, position } => Some(ParseError::new(
                self.source,
                Some(position),
                ParseErrorKind::Truncated(what.to_owned()),
            )),
        };
        let mut warnings = self.warnings.finish(self.source);
        if let Some(cut) = cut {
            if self.activities.is_empty() {
                return Err(cut);
            }
            warnings.push(cut);
        }
        let total = self.activities.len();
        if self.without_time_zone > 0 {
            let which = if self.without_time_zone == total {
                format!("none of the {total} workouts carries an HKTimeZone")
            } else {
                format!(
                    "{} of {total} workouts carry no HKTimeZone",
                    self.without_time_zone
                )
            };
            self.notes.insert(
                0,
                format!(
                    "{which}: their local time uses the offset written in the export, which is the exporting \
                     phone's time zone and may not be where the workout took place"
                ),
            );
        }
        let nothing_to_import = self
            .activities
            .is_empty()
            .then(|| "the export holds no workouts, only health records".to_owned());
        Ok(Parsed {
            activities: self.activities,
            warnings,
            nothing_to_import,
            notes: self.notes,
        })
    }
}

/// Seconds per Apple duration unit.
fn seconds_per(unit: &str) -> Option<f64> {
    Some(match unit.trim() {
        "ms" => 0.001,
        "s" | "sec" => 1.0,
        "min" => 60.0,
        "hr" | "h" => 3600.0,
        "d" => 86_400.0,
        _ => return None,
    })
}

/// `value` in Apple length `unit`, in metres.
fn metres(value: f64, unit: &str) -> Option<f64> {
    // Divided rather than multiplied for the small units, so that 4523 cm is 45.23 m exactly.
    Some(match unit.trim() {
        "mm" => value / 1000.0,
        "cm" => value / 100.0,
        "m" => value,
        "km" => value * 1000.0,
        "in" => value * 0.0254,
        "ft" => value * 0.3048,
        "yd" => value * 0.9144,
        "mi" => value * 1609.344,
        _ => return None,
    })
}

/// The sum of `HKElevationAscended` values such as `8520 cm`.
fn elevation(values: &[String]) -> Option<f64> {
    let mut total = None;
    for value in values {
        let mut parts = value.split_whitespace();
        let number = parts.next().and_then(|n| n.parse::<f64>().ok());
        let unit = parts.next().unwrap_or("m");
        if let Some(metres) = number.and_then(|n| metres(n, unit))
            && metres.is_finite()
            && metres >= 0.0
        {
            *total.get_or_insert(0.0) += metres;
        }
    }
    total
}

/// The average heart rate of a workout's heart rate statistics: one is taken as it is;
/// several (one per part of the workout) are weighted by the time each covers, where all
/// have readable dates.
fn average_heart_rate(statistics: &[Statistic]) -> Option<f64> {
    let values: Vec<(f64, Option<f64>)> = statistics
        .iter()
        .filter_map(|s| {
            let average = parse_number(s.average.as_deref()?.as_bytes()).filter(|&hr| hr > 0.0)?;
            let span = match (s.start.as_deref(), s.end.as_deref()) {
                (Some(start), Some(end)) => {
                    let start = crate::time::parse_apple_time(start.as_bytes())?.0;
                    let end = crate::time::parse_apple_time(end.as_bytes())?.0;
                    Some(end.duration_since(start).as_secs_f64()).filter(|&s| s > 0.0)
                }
                _ => None,
            };
            Some((average, span))
        })
        .collect();
    match values.as_slice() {
        [] => None,
        [(average, _)] => Some(*average),
        many if many.iter().all(|(_, span)| span.is_some()) => {
            let (weighted, seconds) = many.iter().fold((0.0, 0.0), |(w, t), (hr, span)| {
                let span = span.unwrap_or(0.0);
                (w + hr * span, t + span)
            });
            Some(weighted / seconds)
        }
        many => Some(many.iter().map(|(hr, _)| hr).sum::<f64>() / many.len() as f64),
    }
}

/// Reads one `<Workout>` element from the start of `data`.
fn read_workout(data: &[u8]) -> Element {
    let mut xml = quick_xml::Reader::from_reader(data);
    xml.config_mut().allow_dangling_amp = true;
    let mut workout = Box::<RawWorkout>::default();
    let mut depth = 0usize;
    let mut in_activity = false;
    // The text since the last tag, and where it began.
    let mut text_len = 0usize;
    let mut text_at = 0u64;
    loop {
        let before = xml.buffer_position();
        let event = match xml.read_event() {
            Ok(event) => event,
            Err(error) if tolerable(&error) => continue,
            Err(XmlError::Syntax(SyntaxError::InvalidBangMarkup))
                if data.len() - xml.error_position() as usize > LONGEST_NEEDLE =>
            {
                let offset = xml.error_position();
                let kind =
                    ParseErrorKind::Syntax("markup starting with `<!` that XML does not know".to_owned());
                return Element::Broken { kind, offset };
            }
            Err(XmlError::Syntax(_)) => return Element::Incomplete,
            Err(error) => {
                let kind = crate::reading::xml_error_kind(&error, Some("Workout"));
                return Element::Broken {
                    kind,
                    offset: xml.error_position(),
                };
            }
        };
        match &event {
            Event::Text(t) => text_len += t.len(),
            Event::CData(t) => text_len += t.len(),
            Event::GeneralRef(r) => text_len += r.len() + 2,
            Event::Start(_) | Event::Empty(_) | Event::End(_) => text_len = 0,
            _ => {}
        }
        if text_len == 0 {
            text_at = xml.buffer_position();
        } else if text_len > crate::MAX_TEXT_BYTES {
            let kind = crate::reading::text_too_long(Some("Workout"));
            return Element::Broken {
                kind,
                offset: text_at,
            };
        }
        if let Event::Start(e) | Event::Empty(e) = &event {
            // Inside `<HealthData>`, the workout itself one deeper.
            if let Err(kind) = crate::reading::check_start(e, depth + 2) {
                let offset = before
                    + data[before as usize..]
                        .iter()
                        .position(|&b| b == b'<')
                        .unwrap_or(0) as u64;
                return Element::Broken { kind, offset };
            }
        }
        match event {
            Event::Start(e) => {
                take(&mut workout, &e, depth, in_activity);
                if depth == 1 && e.local_name().as_ref() == b"WorkoutActivity" {
                    in_activity = true;
                }
                depth += 1;
            }
            Event::Empty(e) => {
                take(&mut workout, &e, depth, in_activity);
                if depth == 0 {
                    return Element::Complete {
                        workout,
                        len: xml.buffer_position(),
                    };
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    in_activity = false;
                }
                if depth == 0 {
                    return Element::Complete {
                        workout,
                        len: xml.buffer_position(),
                    };
                }
            }
            Event::Eof => return Element::Incomplete,
            _ => {}
        }
    }
}

/// Takes what matters from one element of a workout: the workout's attributes at depth 0,
/// metadata and statistics of the workout at depth 1 and of its activities at depth 2.
fn take(workout: &mut RawWorkout, e: &BytesStart<'_>, depth: usize, in_activity: bool) {
    let name = e.local_name();
    let details = match (depth, in_activity) {
        (0, _) => {
            for (key, value) in attributes(e) {
                let slot = match key.as_slice() {
                    b"workoutActivityType" => &mut workout.activity_type,
                    b"duration" => &mut workout.duration,
                    b"durationUnit" => &mut workout.duration_unit,
                    b"totalDistance" => &mut workout.total_distance,
                    b"totalDistanceUnit" => &mut workout.total_distance_unit,
                    b"startDate" => &mut workout.start,
                    b"endDate" => &mut workout.end,
                    _ => continue,
                };
                *slot = Some(value);
            }
            return;
        }
        (1, _) => &mut workout.own,
        (2, true) => &mut workout.activities,
        _ => return,
    };
    match name.as_ref() {
        b"MetadataEntry" => {
            let mut key = None;
            let mut value = None;
            for (k, v) in attributes(e) {
                match k.as_slice() {
                    b"key" => key = Some(v),
                    b"value" => value = Some(v),
                    _ => {}
                }
            }
            let (Some(key), Some(value)) = (key, value) else {
                return;
            };
            match key.as_str() {
                "HKTimeZone" if details.time_zone.is_none() => details.time_zone = Some(value),
                "HKIndoorWorkout" => {
                    let indoor = matches!(value.trim(), "1" | "true" | "YES");
                    details.indoor = Some(details.indoor.unwrap_or(false) || indoor);
                }
                "HKElevationAscended" => details.elevation_ascended.push(value),
                _ => {}
            }
        }
        b"WorkoutStatistics" => {
            let mut kind = None;
            let mut statistic = Statistic::default();
            for (k, v) in attributes(e) {
                let slot = match k.as_slice() {
                    b"type" => &mut kind,
                    b"sum" => &mut statistic.sum,
                    b"average" => &mut statistic.average,
                    b"unit" => &mut statistic.unit,
                    b"startDate" => &mut statistic.start,
                    b"endDate" => &mut statistic.end,
                    _ => continue,
                };
                *slot = Some(v);
            }
            match kind.as_deref() {
                Some("HKQuantityTypeIdentifierHeartRate") => details.heart_rates.push(statistic),
                Some(kind) if kind.starts_with("HKQuantityTypeIdentifierDistance") => {
                    details.distances.push(statistic)
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// The attributes of an element, values unescaped where they can be: an entity the DOCTYPE
/// declares is kept as written, never expanded.
fn attributes<'e>(e: &'e BytesStart<'_>) -> impl Iterator<Item = (Vec<u8>, String)> + 'e {
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    attributes.flatten().map(|attribute| {
        let value = match attribute.unescape_value() {
            Ok(value) => value.into_owned(),
            Err(_) => String::from_utf8_lossy(&attribute.value).into_owned(),
        };
        (attribute.key.local_name().as_ref().to_vec(), value)
    })
}

/// Whether `b` may follow an element's name in a tag: the name is complete.
fn ends_name(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'>' || b == b'/'
}

/// The length of the start tag at the start of `data`, up to and including its `>` (quotes
/// respected); `None` when the data ends first.
fn start_tag_len(data: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in data.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[path = "apple_health_tests.rs"]
mod tests;
