//! What the XML readers of this crate share: positions, numbers, warnings, and messages for
//! quick-xml's errors.

use std::borrow::Cow;
use std::time::Duration;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesRef, BytesStart, Event};
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef};

use crate::{MAX_DEPTH, MAX_NAME_BYTES, MAX_TAG_BYTES, MAX_TEXT_BYTES};

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

/// The namespace scopes of a document, tracked by the reader rather than by quick-xml's
/// `NsReader`: few elements of a fitness file declare a namespace, and looking for `xmlns`
/// in a tag's attributes is much cheaper than resolving every element the way `NsReader`
/// does (a third of the reading time of a GPX file).
///
/// Each namespace URI is classified once, when declared, into the reader's own `N`.
pub(crate) struct Scopes<N> {
    classify: fn(&[u8]) -> N,
    /// The namespace of names without a prefix where no default namespace is declared.
    unbound: N,
    /// The namespace of names whose prefix is not declared.
    unknown: N,
    bindings: Vec<Binding<N>>,
    depth: usize,
}

struct Binding<N> {
    depth: usize,
    /// Empty for the default namespace.
    prefix: Vec<u8>,
    namespace: N,
}

impl<N: Copy> Scopes<N> {
    pub(crate) fn new(classify: fn(&[u8]) -> N, unbound: N, unknown: N) -> Self {
        Scopes {
            classify,
            unbound,
            unknown,
            bindings: Vec::new(),
            depth: 0,
        }
    }

    /// Enters the element `e` starts, with the namespaces it declares, and returns the
    /// namespace of its name. Every `open` is followed by a [`close`](Self::close) when the
    /// element ends (at once for an empty element).
    pub(crate) fn open(&mut self, e: &BytesStart<'_>) -> N {
        self.depth += 1;
        if declares_namespace(e.attributes_raw()) {
            for attribute in e.attributes().with_checks(false).flatten() {
                let key = attribute.key.as_ref();
                let prefix = match key.strip_prefix(b"xmlns") {
                    Some([]) => &[][..],
                    Some([b':', prefix @ ..]) => prefix,
                    _ => continue,
                };
                let namespace = if attribute.value.is_empty() {
                    // `xmlns=""` takes the default namespace away.
                    self.unbound
                } else {
                    (self.classify)(&attribute.value)
                };
                self.bindings.push(Binding {
                    depth: self.depth,
                    prefix: prefix.to_vec(),
                    namespace,
                });
            }
        }
        self.resolve(e.name().as_ref())
    }

    /// The namespace of the element name `name` (`prefix:local` or `local`) in the current
    /// scope, for an element that declares no namespace itself.
    pub(crate) fn resolve(&self, name: &[u8]) -> N {
        // Names are short: a plain search beats setting up memchr's.
        let prefix = name
            .iter()
            .position(|&b| b == b':')
            .map_or(&[][..], |i| &name[..i]);
        match self.bindings.iter().rev().find(|b| b.prefix == prefix) {
            Some(binding) => binding.namespace,
            None if prefix.is_empty() => self.unbound,
            None => self.unknown,
        }
    }

    /// How many elements are open, the one opened last included.
    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    /// Leaves the element opened last, forgetting the namespaces it declared.
    pub(crate) fn close(&mut self) {
        while self.bindings.last().is_some_and(|b| b.depth == self.depth) {
            self.bindings.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

/// Whether the attributes of a tag may declare a namespace. Most tags have no attributes,
/// and the few that have are short: a plain search beats building a SIMD searcher each time.
fn declares_namespace(attributes: &[u8]) -> bool {
    match attributes.len() {
        0..5 => false,
        5..128 => attributes.windows(5).any(|w| w == b"xmlns"),
        _ => memchr::memmem::find(attributes, b"xmlns").is_some(),
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

/// What to do after an element ends.
pub(crate) enum Flow {
    Continue,
    /// The root element is closed: the document is complete.
    Done,
}

/// What the element being read does with its character data: keep the raw bytes (numbers and
/// times, parsed later without a copy), keep decoded text (names), or drop it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    Value,
    Text,
    Nothing,
}

/// Text of a file declared ISO-8859-1 is read as Latin-1; everything else as UTF-8, with bad
/// bytes replaced.
pub(crate) fn decode(latin1: bool, bytes: &[u8]) -> Cow<'_, str> {
    if latin1 && !bytes.is_ascii() {
        Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())
    } else {
        String::from_utf8_lossy(bytes)
    }
}

/// Adds character data to the value or text of the element being read.
pub(crate) fn gather(holds: Holds, latin1: bool, bytes: &[u8], value: &mut Vec<u8>, text: &mut String) {
    match holds {
        Holds::Value => value.extend_from_slice(bytes),
        Holds::Text => text.push_str(&decode(latin1, bytes)),
        Holds::Nothing => {}
    }
}

/// Adds a character or entity reference (`&#233;`, `&amp;`) to the value or text of the
/// element being read; an unknown entity is kept as written, since entities are never
/// expanded from a DOCTYPE.
pub(crate) fn gather_ref(
    holds: Holds,
    latin1: bool,
    reference: &BytesRef<'_>,
    value: &mut Vec<u8>,
    text: &mut String,
) {
    if holds == Holds::Nothing {
        return;
    }
    let name = decode(latin1, reference).into_owned();
    let mut buffer = [0u8; 4];
    let resolved: Cow<'_, str> = match reference.resolve_char_ref() {
        Ok(Some(c)) => Cow::Borrowed(c.encode_utf8(&mut buffer)),
        _ => match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(format!("&{name};")),
        },
    };
    match holds {
        Holds::Value => value.extend_from_slice(resolved.as_bytes()),
        Holds::Text => text.push_str(&resolved),
        Holds::Nothing => {}
    }
}

/// The format-specific half of a GPX or TCX reader; [`read_events`] is the other half, which
/// both formats share. A trait rather than callbacks so that each reader gets its own
/// monomorphised event loop: this is the hottest path of the crate.
pub(crate) trait EventHandler: Sized {
    /// The namespaces the format tells apart.
    type Ns: Copy;
    /// The document read.
    type Output;

    /// An element opens; `at` is the offset of its `<`. An error stops the reading at once.
    fn start(&mut self, ns: Self::Ns, e: &BytesStart<'_>, at: usize) -> Result<(), ParseError>;
    /// The element opened last ends.
    fn end(&mut self) -> Flow;
    /// Text or CDATA inside the current element.
    fn gather(&mut self, bytes: &[u8]);
    /// A character or entity reference inside the current element.
    fn gather_ref(&mut self, reference: &BytesRef<'_>);
    /// The XML declaration says whether text bytes are Latin-1 rather than UTF-8.
    fn set_latin1(&mut self, latin1: bool);
    /// Whether the current element gathers text whose leading whitespace counts.
    fn keeps_leading_space(&self) -> bool;
    /// The tags of the open elements, innermost first, for messages.
    fn open_tags(&self) -> impl Iterator<Item = &'static str>;
    /// An error at byte `offset` of the input.
    fn error_at(&mut self, offset: usize, kind: ParseErrorKind) -> ParseError;
    /// The file is broken at `offset`: keep what was read, if it is worth keeping, else fail.
    fn damaged(self, kind: ParseErrorKind, offset: usize) -> Result<Self::Output, ParseError>;
    /// The root element closed: the document is complete.
    fn finish(self) -> Self::Output;
    /// Reads, without quick-xml, whole elements at `offset` of the input (right after the
    /// last event) that the handler can read faster itself, and returns the number of bytes
    /// read (0 for none). Only whole, balanced elements may be read, so that quick-xml's
    /// matching of end tags stays right; anything of an unusual shape is left to quick-xml.
    fn read_ahead(&mut self, _offset: usize, _scopes: &Scopes<Self::Ns>) -> usize {
        0
    }
}

/// The length of the DOCTYPE at the start of `data`, up to and including its closing `>`:
/// the internal subset in `[...]` is skipped with its quoted strings, comments and
/// processing instructions, where a `]` or `>` means nothing. `None` when the data ends
/// first.
pub(crate) fn doctype_len(data: &[u8]) -> Option<usize> {
    let mut i = "<!DOCTYPE".len();
    let mut in_subset = false;
    while i < data.len() {
        match data[i] {
            quote @ (b'"' | b'\'') => {
                let close = memchr::memchr(quote, &data[i + 1..])?;
                i += close + 2;
                continue;
            }
            b'<' if in_subset && data[i..].starts_with(b"<!--") => {
                i += 4 + memchr::memmem::find(&data[i + 4..], b"-->")? + 3;
                continue;
            }
            b'<' if in_subset && data[i..].starts_with(b"<?") => {
                i += 2 + memchr::memmem::find(&data[i + 2..], b"?>")? + 2;
                continue;
            }
            b'[' if !in_subset => in_subset = true,
            b']' if in_subset => in_subset = false,
            b'>' if !in_subset => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether a start tag opening an element at `depth` (the root is 1) keeps within the bounds
/// on XML ([`MAX_DEPTH`], [`MAX_NAME_BYTES`], [`MAX_TAG_BYTES`]); the message naming the bound
/// when not.
pub(crate) fn check_start(e: &BytesStart<'_>, depth: usize) -> Result<(), ParseErrorKind> {
    if depth > MAX_DEPTH {
        return Err(ParseErrorKind::Syntax(format!(
            "elements are nested more than {MAX_DEPTH} deep, the bound on XML nesting"
        )));
    }
    if e.name().as_ref().len() > MAX_NAME_BYTES {
        return Err(ParseErrorKind::Syntax(format!(
            "an element name is longer than {} KiB, the bound on XML names",
            MAX_NAME_BYTES >> 10
        )));
    }
    if e.len() > MAX_TAG_BYTES {
        return Err(ParseErrorKind::Syntax(format!(
            "a start tag with its attributes is longer than {} MiB, the bound on XML tags",
            MAX_TAG_BYTES >> 20
        )));
    }
    Ok(())
}

/// The message for text of more than [`MAX_TEXT_BYTES`] between two tags; `inside` names the
/// innermost element the reader knows it is in, if any.
pub(crate) fn text_too_long(inside: Option<&str>) -> ParseErrorKind {
    let inside = inside.map(|tag| format!(" (inside <{tag}>)")).unwrap_or_default();
    ParseErrorKind::Syntax(format!(
        "text of more than {} MiB between two tags{inside}, the bound on XML text",
        MAX_TEXT_BYTES >> 20
    ))
}

/// Reads `input` from `base` (its first `<`) with quick-xml and hands each event to `handler`.
///
/// Past a bound on XML ([`check_start`], [`MAX_TEXT_BYTES`]) the reading stops as at broken
/// XML: the handler keeps what came before, if worth keeping, with the bound as the last
/// warning, or fails with it.
pub(crate) fn read_events<H: EventHandler>(
    mut handler: H,
    input: &[u8],
    base: usize,
    mut scopes: Scopes<H::Ns>,
) -> Result<H::Output, ParseError> {
    let mut xml = quick_xml::Reader::from_reader(&input[base..]);
    // A bare `&` in a name ("Run & Gun") is a common writer bug; read it as text.
    xml.config_mut().allow_dangling_amp = true;
    // Whitespace between elements then makes no event at all, which makes reading a third
    // faster. Inside an element whose text is kept it is turned off, to keep the spaces
    // around `&amp;`.
    xml.config_mut().trim_text_start = true;
    let mut root_seen = false;
    // Where quick-xml's input begins; it moves on when the handler reads ahead.
    let mut origin = base;
    // The text, CDATA and references since the last tag, and where they began.
    let mut text_len = 0usize;
    let mut text_at = base;
    // Whether quick-xml is between two pieces of markup, with nothing of the next consumed
    // (after text it has taken the `<` of the next tag): its input may then be moved on.
    let mut between_markup = true;
    loop {
        if !root_seen && between_markup {
            // The DOCTYPE is skipped here rather than by quick-xml, which takes a `>` or `]`
            // inside the internal subset's strings and comments for its end. Its entities
            // are never expanded (an unknown reference is kept as written), nor fetched.
            let offset = input.len() - xml.get_ref().len();
            let spaces = input[offset..]
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            let rest = &input[offset + spaces..];
            // quick-xml takes `<!doctype` in any case too.
            if rest
                .get(..9)
                .is_some_and(|head| head.eq_ignore_ascii_case(b"<!DOCTYPE"))
                && let Some(len) = doctype_len(rest)
            {
                let rest = xml.get_mut();
                *rest = &rest[spaces + len..];
                origin += spaces + len;
            }
        }
        let before = origin + xml.buffer_position() as usize;
        let event = match xml.read_event() {
            Ok(event) => event,
            Err(error) => {
                if tolerable(&error) {
                    between_markup = false;
                    continue;
                }
                let offset = origin + xml.error_position() as usize;
                let kind = xml_error_kind(&error, handler.open_tags().next());
                return handler.damaged(kind, offset);
            }
        };
        let tag_ended = matches!(event, Event::Start(_) | Event::Empty(_) | Event::End(_));
        between_markup = !matches!(event, Event::Text(_) | Event::GeneralRef(_));
        let text = match &event {
            Event::Text(t) => Some(t.len()),
            Event::CData(t) => Some(t.len()),
            Event::GeneralRef(r) => Some(r.len() + 2),
            _ => None,
        };
        match text {
            Some(len) => {
                if text_len == 0 {
                    text_at = before;
                }
                text_len += len;
                if text_len > MAX_TEXT_BYTES {
                    let kind = text_too_long(handler.open_tags().next());
                    return handler.damaged(kind, text_at);
                }
            }
            // Comments and processing instructions between pieces of text do not end it.
            None if tag_ended => text_len = 0,
            None => {}
        }
        let flow = match event {
            Event::Start(e) => {
                root_seen = true;
                let ns = scopes.open(&e);
                let at = tag_offset(input, &e, before);
                if let Err(kind) = check_start(&e, scopes.depth()) {
                    return handler.damaged(kind, at);
                }
                handler.start(ns, &e, at)?;
                xml.config_mut().trim_text_start = !handler.keeps_leading_space();
                Flow::Continue
            }
            Event::Empty(e) => {
                root_seen = true;
                let ns = scopes.open(&e);
                let at = tag_offset(input, &e, before);
                if let Err(kind) = check_start(&e, scopes.depth()) {
                    return handler.damaged(kind, at);
                }
                scopes.close();
                handler.start(ns, &e, at)?;
                handler.end()
            }
            Event::End(_) => {
                scopes.close();
                xml.config_mut().trim_text_start = true;
                handler.end()
            }
            Event::Text(t) => {
                handler.gather(&t);
                Flow::Continue
            }
            Event::CData(t) => {
                handler.gather(&t);
                Flow::Continue
            }
            Event::GeneralRef(r) => {
                handler.gather_ref(&r);
                Flow::Continue
            }
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding() {
                    handler.set_latin1(is_latin1(&encoding));
                }
                Flow::Continue
            }
            Event::Eof => {
                if !root_seen {
                    let kind = ParseErrorKind::Truncated("there is no root element".to_owned());
                    return Err(handler.error_at(input.len(), kind));
                }
                let open: Vec<String> = handler.open_tags().map(|tag| format!("<{tag}>")).collect();
                let message = match open.as_slice() {
                    [] => "elements are not closed".to_owned(),
                    [one] => format!("{one} is not closed"),
                    [init @ .., last] => format!("{} and {last} are not closed", init.join(", ")),
                };
                return handler.damaged(ParseErrorKind::Truncated(message), input.len());
            }
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => Flow::Continue,
        };
        if let Flow::Done = flow {
            break;
        }
        // Only right after a tag is quick-xml between events with nothing of the next one
        // consumed (after text it has taken the `<` of the next tag).
        if !tag_ended {
            continue;
        }
        // The slice quick-xml has not read yet is the rest of `input`.
        let offset = input.len() - xml.get_ref().len();
        let read = handler.read_ahead(offset, &scopes);
        if read > 0 {
            let rest = xml.get_mut();
            *rest = &rest[read.min(rest.len())..];
            origin += read;
        }
    }
    Ok(handler.finish())
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
    let raw = raw.trim_ascii();
    if let Some(value) = parse_short_decimal(raw) {
        return Some(value);
    }
    let text = std::str::from_utf8(raw).ok()?;
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The common shape of numbers in fitness files, `-12.3456789`, with at most 15 digits, read
/// without the general parser: the digits make an integer below 2^53 and the power of ten
/// dividing it is exact, so the one division rounds correctly, to the same value the general
/// parser gives (Clinger's fast path). `None` for anything else.
fn parse_short_decimal(raw: &[u8]) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction_digits = 0usize;
    let mut in_fraction = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
                fraction_digits += usize::from(in_fraction);
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => return None,
        }
        if count > 15 {
            return None;
        }
    }
    if count == 0 {
        return None;
    }
    let value = mantissa as f64 / POWERS_OF_TEN[fraction_digits];
    Some(if negative { -value } else { value })
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
    fn short_decimals_read_exactly_as_the_general_parser_reads_them() {
        let cases = [
            "0",
            "-0",
            "1",
            "52.5200000",
            "-79.0931872185",
            "13.405",
            "0.1",
            "0.30000000000000004",
            "4365.60009765625",
            "123456789012345",
            "1234567890123456",
            "9.999999999999999",
            ".5",
            "5.",
            "+3.25",
            "1e3",
            "-",
            ".",
            "",
            "1.2.3",
            "12a",
            "NaN",
            "inf",
            "1_000",
        ];
        for text in cases {
            let expected = text.parse::<f64>().ok().filter(|v| v.is_finite());
            let got = parse_number(text.as_bytes());
            assert_eq!(got.map(f64::to_bits), expected.map(f64::to_bits), "{text}");
        }
        // Every 7-digit coordinate in a range, against the general parser.
        for i in (0..2_000_000u64).step_by(997) {
            let text = format!("{}.{:07}", 40 + i % 50, i);
            assert_eq!(parse_number(text.as_bytes()), text.parse().ok(), "{text}");
        }
    }

    #[test]
    fn durations_from_seconds_refuse_nonsense() {
        assert_eq!(duration_from_secs(1.5), Some(Duration::from_millis(1500)));
        assert_eq!(duration_from_secs(-1.0), None);
        assert_eq!(duration_from_secs(f64::NAN), None);
        assert_eq!(duration_from_secs(1e12), None);
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    fn start(tag: &str) -> BytesStart<'_> {
        BytesStart::from_content(tag, tag.find(' ').unwrap_or(tag.len()))
    }

    #[test]
    fn prefixes_resolve_in_their_scope() {
        let mut scopes = Scopes::new(|uri| if uri == b"urn:a" { 'a' } else { 'x' }, 'u', '?');
        assert_eq!(scopes.open(&start("root xmlns=\"urn:a\" xmlns:b=\"urn:b\"")), 'a');
        assert_eq!(scopes.open(&start("b:child")), 'x');
        scopes.close();
        assert_eq!(scopes.open(&start("c:child")), '?');
        scopes.close();
        assert_eq!(scopes.open(&start("inner xmlns=\"\"")), 'u');
        assert_eq!(scopes.open(&start("deeper")), 'u');
        scopes.close();
        scopes.close();
        assert_eq!(scopes.open(&start("again")), 'a');
        scopes.close();
        assert_eq!(scopes.open(&start("p:own xmlns:p=\"urn:a\"")), 'a');
        scopes.close();
        assert_eq!(scopes.open(&start("p:gone")), '?');
        scopes.close();
        scopes.close();
        assert_eq!(scopes.open(&start("outside")), 'u');
    }
}
