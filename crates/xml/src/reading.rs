//! What the XML readers of this crate share: positions, numbers, warnings, and messages for
//! quick-xml's errors.

use std::borrow::Cow;
use std::io::{self, Read};
use std::time::Duration;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesRef, BytesStart, Event};
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef};

use crate::{MAX_DEPTH, MAX_NAME_BYTES, MAX_TAG_BYTES, MAX_TEXT_BYTES};

/// At most this many warnings about single values are listed; the rest are counted in one.
pub(crate) const MAX_VALUE_WARNINGS: usize = 100;

/// The elevation change, in metres, that the gain calculation ignores as noise.
pub(crate) const ELEVATION_HYSTERESIS_M: f64 = 2.0;

/// The bytes a reader has in hand: a whole document held in memory, or a window over a
/// stream that moves on (and grows, up to [`MAX_WINDOW_BYTES`]) as the reading goes.
/// Offsets are from the start of the document.
pub(crate) struct Window<'r> {
    slice: Option<&'r [u8]>,
    reader: Option<&'r mut dyn Read>,
    held: Held,
}

/// The bytes of a stream held in memory between reads, addressed by their offset in the
/// stream: the part of a stream a reader is working on, kept from some offset on, shifted
/// down and read onto as the reader moves on. GPX and TCX ([`Window`]) and Apple Health read
/// their streams through it.
pub(crate) struct Held {
    buf: Vec<u8>,
    /// Bytes of `buf` that hold data.
    filled: usize,
    /// The offset in the stream of `buf[0]`.
    base: u64,
    eof: bool,
}

impl Held {
    /// `head` (bytes already taken from the stream) in a buffer of `size` bytes at first.
    pub(crate) fn new(head: &[u8], size: usize) -> Held {
        let mut buf = vec![0; size.max(head.len()).max(1)];
        buf[..head.len()].copy_from_slice(head);
        Held {
            buf,
            filled: head.len(),
            base: 0,
            eof: false,
        }
    }

    /// The bytes held; the first is at [`Held::base`].
    pub(crate) fn data(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// The offset in the stream of the first byte held.
    pub(crate) fn base(&self) -> u64 {
        self.base
    }

    /// The offset just past the bytes held.
    pub(crate) fn end(&self) -> u64 {
        self.base + self.filled as u64
    }

    /// Whether the stream has ended: what is held is all there is after `base`.
    pub(crate) fn at_eof(&self) -> bool {
        self.eof
    }

    /// Drops the bytes before `keep` (clamped to what is held) and reads more from `reader`
    /// after those held, growing the buffer, up to `max` bytes, when nothing can be dropped
    /// and it is full. Returns how many bytes came: none when the stream is at its end or the
    /// buffer is at `max` from `keep` on.
    pub(crate) fn refill(&mut self, reader: &mut impl Read, keep: u64, max: usize) -> io::Result<usize> {
        if self.eof {
            return Ok(0);
        }
        let keep = keep.clamp(self.base, self.end());
        let drop = (keep - self.base) as usize;
        if drop > 0 {
            self.buf.copy_within(drop..self.filled, 0);
            self.filled -= drop;
            self.base = keep;
        }
        if self.filled == self.buf.len() {
            if self.buf.len() >= max {
                return Ok(0);
            }
            let grown = (self.buf.len() * 2).clamp(64, max);
            self.buf.resize(grown, 0);
        }
        let before = self.filled;
        while self.filled < self.buf.len() {
            match reader.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.filled += n,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(self.filled - before)
    }
}

/// How much of a stream a reader holds at first; it grows only for a piece of XML (or a
/// value whose position a message may still need) longer than about this.
pub(crate) const WINDOW_BYTES: usize = 1 << 20;

/// The most of a stream a reader holds at once. Every piece of XML a reader accepts (a tag
/// of [`MAX_TAG_BYTES`], text of [`MAX_TEXT_BYTES`]) fits several times; a longer comment,
/// processing instruction or DOCTYPE read from a stream stops the reading.
pub(crate) const MAX_WINDOW_BYTES: usize = 16 << 20;

/// The bytes a window holds, for a handler: `data[i]` is at offset `base + i`.
#[derive(Clone, Copy)]
pub(crate) struct Input<'w> {
    pub(crate) data: &'w [u8],
    pub(crate) base: usize,
}

impl Input<'_> {
    /// The offset just past the bytes held.
    pub(crate) fn end(&self) -> usize {
        self.base + self.data.len()
    }
}

impl<'r> Window<'r> {
    /// A whole document in memory: nothing is copied, and the window never moves.
    pub(crate) fn whole(bytes: &'r [u8]) -> Self {
        let mut held = Held::new(&[], 0);
        held.eof = true;
        Window {
            slice: Some(bytes),
            reader: None,
            held,
        }
    }

    /// A window of `size` bytes (grown as needed) over `reader`, with `head` (bytes already
    /// taken from the reader) first.
    pub(crate) fn stream(reader: &'r mut dyn Read, head: &[u8], size: usize) -> Self {
        Window {
            slice: None,
            reader: Some(reader),
            held: Held::new(head, size),
        }
    }

    pub(crate) fn input(&self) -> Input<'_> {
        match self.slice {
            Some(data) => Input { data, base: 0 },
            None => Input {
                data: self.held.data(),
                // Offsets of a document read as a stream are `usize`, like those of one in
                // memory; a stream longer than the address space ends here.
                base: usize::try_from(self.held.base()).unwrap_or(usize::MAX),
            },
        }
    }

    /// Whether the window holds the rest of the document.
    pub(crate) fn at_eof(&self) -> bool {
        self.held.at_eof()
    }

    /// Drops the bytes before `keep` and reads more after those held, growing the window
    /// when nothing can be dropped and it is full. Returns `false` when nothing more came:
    /// the stream is at its end, or the window is at [`MAX_WINDOW_BYTES`] from `keep` on.
    pub(crate) fn refill(&mut self, keep: usize) -> io::Result<bool> {
        let Some(reader) = self.reader.as_mut() else {
            return Ok(false);
        };
        if self.held.at_eof() {
            return Ok(false);
        }
        let came = self.held.refill(reader, keep as u64, MAX_WINDOW_BYTES)?;
        Ok(came > 0 || self.held.at_eof())
    }
}

/// The offset of the document's first `<`, after a UTF-8 byte order mark and whitespace.
///
/// # Errors
///
/// [`Empty`](ParseErrorKind::Empty) for nothing but whitespace;
/// [`UnknownFormat`](ParseErrorKind::UnknownFormat) when something else comes first.
pub(crate) fn first_markup(window: &mut Window<'_>, source: &SourceRef) -> Result<usize, ParseError> {
    loop {
        let input = window.input();
        let eof = window.at_eof();
        let data = input.data;
        // The window starts at the document's start until the first `<` is found.
        if data.len() >= 3 || eof {
            let body_start = data.strip_prefix(b"\xEF\xBB\xBF").map_or(0, |_| 3);
            if let Some(i) = data[body_start.min(data.len())..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
            {
                let first = body_start + i;
                if data[first] == b'<' {
                    return Ok(first);
                }
                let position = LineCounter::new().position(input, first);
                return Err(ParseError::new(
                    source,
                    Some(position),
                    ParseErrorKind::UnknownFormat("not XML: the file does not start with `<`".to_owned()),
                ));
            }
            if eof {
                return Err(ParseError::new(source, None, ParseErrorKind::Empty));
            }
        }
        match window.refill(0) {
            Ok(true) => {}
            Ok(false) => return Err(ParseError::new(source, None, too_long_for_window())),
            Err(error) => return Err(ParseError::new(source, None, ParseErrorKind::io(None, error))),
        }
    }
}

/// Turns byte offsets into line and column numbers, only when a message needs one. Offsets
/// usually grow from one message to the next, so counting resumes where it stopped; an
/// earlier offset is counted again from the anchor, a place at or before the window's start
/// whose line is known.
pub(crate) struct LineCounter {
    offset: usize,
    line: u64,
    line_start: usize,
    anchor: (usize, u64, usize),
}

impl LineCounter {
    pub(crate) fn new() -> Self {
        LineCounter {
            offset: 0,
            line: 1,
            line_start: 0,
            anchor: (0, 1, 0),
        }
    }

    /// The line and column of `offset` in `input`. An offset no longer held (only a stream's
    /// reader past [`MAX_WINDOW_BYTES`] asks for one) gets the line where the window starts.
    pub(crate) fn position(&mut self, input: Input<'_>, offset: usize) -> Position {
        let offset = offset.min(input.end());
        if offset < self.offset {
            let (anchor, line, line_start) = self.anchor;
            if offset < anchor || anchor < input.base {
                return Position::Line { line, column: None };
            }
            (self.offset, self.line, self.line_start) = (anchor, line, line_start);
        }
        if self.offset < input.base {
            return Position::Line {
                line: self.line,
                column: None,
            };
        }
        let span = &input.data[self.offset - input.base..offset - input.base];
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

    /// Counts the lines up to `to`, which becomes the anchor: the window is about to drop
    /// the bytes before it.
    pub(crate) fn anchor_at(&mut self, input: Input<'_>, to: usize) {
        let (anchor, line, line_start) = self.anchor;
        if to <= anchor || anchor < input.base {
            return;
        }
        (self.offset, self.line, self.line_start) = (anchor, line, line_start);
        self.position(input, to);
        self.anchor = (self.offset, self.line, self.line_start);
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
        match self.bindings.iter().rev().find(|b| same_bytes(&b.prefix, prefix)) {
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

/// Whether `a` and `b` hold the same bytes, compared inline. The names, prefixes and keys
/// the readers compare are a few bytes long, and `==` on slices of a length known only at run
/// time calls libc's `memcmp`: those calls took two fifths of reading a GPX file. Two loads
/// of one width, overlapping when the length is not a multiple of it, cover every byte.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        1 => a[0] == b[0],
        2..=3 => load::<2>(a, 0) == load::<2>(b, 0) && load::<2>(a, n - 2) == load::<2>(b, n - 2),
        4..=7 => load::<4>(a, 0) == load::<4>(b, 0) && load::<4>(a, n - 4) == load::<4>(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if load::<8>(a, at) != load::<8>(b, at) {
                    return false;
                }
                at += 8;
            }
            load::<8>(a, n - 8) == load::<8>(b, n - 8)
        }
    }
}

/// The `N` (2, 4 or 8) bytes of `bytes` at `at` as one integer, to be compared whole.
#[inline(always)]
fn load<const N: usize>(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word[..N].copy_from_slice(&bytes[at..at + N]);
    u64::from_ne_bytes(word)
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
///
/// Offsets are from the start of the document; `input` holds the bytes around them (all of
/// them for a document in memory, a window for a stream), for positions in messages.
pub(crate) trait EventHandler: Sized {
    /// The namespaces the format tells apart.
    type Ns: Copy;
    /// The document read.
    type Output;

    /// An element opens; `at` is the offset of its `<`. An error stops the reading at once.
    fn start(
        &mut self,
        ns: Self::Ns,
        e: &BytesStart<'_>,
        at: usize,
        input: Input<'_>,
    ) -> Result<(), ParseError>;
    /// The element opened last ends.
    fn end(&mut self, input: Input<'_>) -> Flow;
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
    fn error_at(&mut self, offset: usize, kind: ParseErrorKind, input: Input<'_>) -> ParseError;
    /// The file is broken at `offset`: keep what was read, if it is worth keeping, else fail.
    fn damaged(
        self,
        kind: ParseErrorKind,
        offset: usize,
        input: Input<'_>,
    ) -> Result<Self::Output, ParseError>;
    /// The root element closed: the document is complete.
    fn finish(self) -> Self::Output;
    /// Where the document comes from, for messages.
    fn source(&self) -> &SourceRef;
    /// The counter of lines the handler's positions come from.
    fn lines(&mut self) -> &mut LineCounter;
    /// The earliest offset a later message may name (the start of an element whose value
    /// is being gathered), which a stream's window keeps while it can.
    fn pinned(&self) -> Option<usize> {
        None
    }
    /// Reads, without quick-xml, whole elements at `offset` of the input (right after the
    /// last event) that the handler can read faster itself, and returns the number of bytes
    /// read (0 for none). Only whole, balanced elements may be read, so that quick-xml's
    /// matching of end tags stays right; anything of an unusual shape is left to quick-xml.
    fn read_ahead(&mut self, _offset: usize, _scopes: &Scopes<Self::Ns>, _input: Input<'_>) -> usize {
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

/// What quick-xml is given before the document when it starts reading in the middle of
/// one: an empty comment takes it past its first state (where it would drop a byte order
/// mark) to where it is after any markup.
const PRIMER: &[u8] = b"<!---->";

/// A quick-xml reader over `data`, in the state it is in between two events.
fn primed_reader(data: &[u8], trim_text_start: bool) -> quick_xml::Reader<&[u8]> {
    let mut xml = quick_xml::Reader::from_reader(PRIMER);
    // A bare `&` in a name ("Run & Gun") is a common writer bug; read it as text.
    xml.config_mut().allow_dangling_amp = true;
    // The names of end tags are matched by `read_events`: quick-xml's own record of the open
    // elements is lost whenever the reader starts again on a moved window.
    xml.config_mut().check_end_names = false;
    xml.config_mut().allow_unmatched_ends = true;
    let primed = xml.read_event();
    debug_assert!(matches!(primed, Ok(Event::Comment(_))));
    *xml.get_mut() = data;
    xml.config_mut().trim_text_start = trim_text_start;
    xml
}

/// The names of the open elements, to match end tags against.
#[derive(Default)]
struct OpenNames {
    bytes: Vec<u8>,
    starts: Vec<usize>,
}

impl OpenNames {
    fn push(&mut self, name: &[u8]) {
        self.starts.push(self.bytes.len());
        self.bytes.extend_from_slice(name);
    }

    /// Closes the innermost element with the end tag `name`: the error quick-xml would give
    /// when it does not match.
    fn pop(&mut self, name: &[u8]) -> Result<(), XmlError> {
        let Some(start) = self.starts.pop() else {
            return Err(XmlError::IllFormed(IllFormedError::UnmatchedEndTag(
                String::from_utf8_lossy(name).into_owned(),
            )));
        };
        let expected = &self.bytes[start..];
        let result = if expected == name {
            Ok(())
        } else {
            Err(XmlError::IllFormed(IllFormedError::MismatchedEndTag {
                expected: String::from_utf8_lossy(expected).into_owned(),
                found: String::from_utf8_lossy(name).into_owned(),
            }))
        };
        self.bytes.truncate(start);
        result
    }
}

/// The message for a piece of XML that does not fit in a stream's window.
fn too_long_for_window() -> ParseErrorKind {
    ParseErrorKind::Syntax(format!(
        "a piece of XML (a tag, text, comment or processing instruction) is longer than {} MiB, \
         the most read from a stream at once",
        MAX_WINDOW_BYTES >> 20
    ))
}

/// When fewer bytes than this are left in a stream's window after a tag, it moves on, so
/// that the points read ahead rarely meet its end.
const LOW_WATER: usize = 64 << 10;

/// Reads the document in `window` from `first` (its first `<`) with quick-xml and hands each
/// event to `handler`.
///
/// A stream is read through its window: when an event may run past the window's end (its
/// text, tag or comment is cut there, or quick-xml sees the end of its input), the event is
/// not handed on; the window moves on (keeping the bytes from where the event began, and
/// any the handler has [pinned](EventHandler::pinned)) or grows, and quick-xml starts again
/// where the event began. Every event ends where quick-xml is in the same state as a reader
/// started there (after a `<` it has taken, at that `<`), so what is read never depends on
/// where the window's edges fall.
///
/// Past a bound on XML ([`check_start`], [`MAX_TEXT_BYTES`], [`MAX_WINDOW_BYTES`] for a
/// stream) the reading stops as at broken XML: the handler keeps what came before, if worth
/// keeping, with the bound as the last warning, or fails with it.
pub(crate) fn read_events<H: EventHandler>(
    mut handler: H,
    window: &mut Window<'_>,
    first: usize,
    mut scopes: Scopes<H::Ns>,
) -> Result<H::Output, ParseError> {
    // Where quick-xml (re)starts: right after the last event, in the state of a new reader.
    let mut restart = first;
    // Whitespace between elements makes no event at all, which makes reading a third
    // faster. Inside an element whose text is kept it is turned off, to keep the spaces
    // around `&amp;`.
    let mut trim = true;
    let mut root_seen = false;
    let mut names = OpenNames::default();
    // The text, CDATA and references since the last tag, and where they began.
    let mut text_len = 0usize;
    let mut text_at = first;
    // Whether quick-xml is between two pieces of markup, with nothing of the next consumed.
    let mut between_markup = true;
    // Where the last DOCTYPE skipped here ended: quick-xml reads what comes right after it,
    // even when that is read again after the window moved (in memory, a second DOCTYPE
    // straight after the first goes to quick-xml, and so it must from a stream).
    let mut skipped_doctype_to: Option<usize> = None;
    loop {
        {
            let input = window.input();
            let data = input.data;
            let base = input.base;
            let eof = window.at_eof();
            let mut xml = primed_reader(&data[restart - base..], trim);
            // The offset of quick-xml's position 0 (which the primer makes negative); it moves
            // on when bytes are skipped past quick-xml.
            let mut origin = restart.wrapping_sub(PRIMER.len());
            let offset_of = |xml: &quick_xml::Reader<&[u8]>, origin: usize| {
                origin.wrapping_add(xml.buffer_position() as usize)
            };
            loop {
                if !root_seen && between_markup && skipped_doctype_to != Some(offset_of(&xml, origin)) {
                    // The DOCTYPE is skipped here rather than by quick-xml, which takes a `>`
                    // or `]` inside the internal subset's strings and comments for its end.
                    // Its entities are never expanded (an unknown reference is kept as
                    // written), nor fetched.
                    let rest = *xml.get_ref();
                    let spaces = rest
                        .iter()
                        .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                        .count();
                    let rest = &rest[spaces..];
                    if rest.len() < 9 && !eof {
                        break;
                    }
                    // quick-xml takes `<!doctype` in any case too.
                    if rest
                        .get(..9)
                        .is_some_and(|head| head.eq_ignore_ascii_case(b"<!DOCTYPE"))
                    {
                        match doctype_len(rest) {
                            Some(len) => {
                                *xml.get_mut() = &rest[len..];
                                origin = origin.wrapping_add(spaces + len);
                                restart = offset_of(&xml, origin);
                                skipped_doctype_to = Some(restart);
                            }
                            None if !eof => break,
                            None => {}
                        }
                    }
                }
                let before = offset_of(&xml, origin);
                let result = xml.read_event();
                let cut = !eof
                    && match &result {
                        Ok(Event::Eof) | Err(XmlError::Syntax(_)) => true,
                        // Text as long as the bound on it is not cut short.
                        Ok(Event::Text(t)) => {
                            xml.get_ref().is_empty() && text_len + t.len() <= MAX_TEXT_BYTES
                        }
                        Ok(_) => xml.get_ref().is_empty(),
                        Err(_) => false,
                    };
                if cut {
                    break;
                }
                let mut result = result;
                if let Ok(Event::End(e)) = &result
                    && let Err(error) = names.pop(e.name().as_ref())
                {
                    result = Err(error);
                }
                let input = Input { data, base };
                let event = match result {
                    Ok(event) => event,
                    Err(error) => {
                        let end_tag = matches!(
                            error,
                            XmlError::IllFormed(
                                IllFormedError::MismatchedEndTag { .. } | IllFormedError::UnmatchedEndTag(_)
                            )
                        );
                        if tolerable(&error) {
                            between_markup = false;
                            restart = offset_of(&xml, origin);
                            continue;
                        }
                        let offset = if end_tag {
                            // At the `<` of the end tag, as quick-xml reports it: taken
                            // already after text, else after any whitespace skipped.
                            let from = before - base;
                            if from > 0 && data[from - 1] == b'<' {
                                before - 1
                            } else {
                                before + memchr::memchr(b'<', &data[from..]).unwrap_or(0)
                            }
                        } else {
                            origin.wrapping_add(xml.error_position() as usize)
                        };
                        let kind = xml_error_kind(&error, handler.open_tags().next());
                        return handler.damaged(kind, offset, input);
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
                            return handler.damaged(kind, text_at, input);
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
                        let at = tag_offset(data, &e, before - base) + base;
                        if let Err(kind) = check_start(&e, scopes.depth()) {
                            return handler.damaged(kind, at, input);
                        }
                        names.push(e.name().as_ref());
                        handler.start(ns, &e, at, input)?;
                        trim = !handler.keeps_leading_space();
                        xml.config_mut().trim_text_start = trim;
                        Flow::Continue
                    }
                    Event::Empty(e) => {
                        root_seen = true;
                        let ns = scopes.open(&e);
                        let at = tag_offset(data, &e, before - base) + base;
                        if let Err(kind) = check_start(&e, scopes.depth()) {
                            return handler.damaged(kind, at, input);
                        }
                        scopes.close();
                        handler.start(ns, &e, at, input)?;
                        handler.end(input)
                    }
                    Event::End(_) => {
                        scopes.close();
                        trim = true;
                        xml.config_mut().trim_text_start = true;
                        handler.end(input)
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
                        let end = input.end();
                        if !root_seen {
                            let kind = ParseErrorKind::Truncated("there is no root element".to_owned());
                            return Err(handler.error_at(end, kind, input));
                        }
                        let open: Vec<String> = handler.open_tags().map(|tag| format!("<{tag}>")).collect();
                        let message = match open.as_slice() {
                            [] => "elements are not closed".to_owned(),
                            [one] => format!("{one} is not closed"),
                            [init @ .., last] => format!("{} and {last} are not closed", init.join(", ")),
                        };
                        return handler.damaged(ParseErrorKind::Truncated(message), end, input);
                    }
                    Event::Comment(_) | Event::PI(_) | Event::DocType(_) => Flow::Continue,
                };
                if let Flow::Done = flow {
                    return Ok(handler.finish());
                }
                // Where a new reader would start: after a `<` quick-xml has taken (text
                // ends at one), at that `<`.
                let offset = offset_of(&xml, origin);
                restart = if offset > base && data[offset - base - 1] == b'<' {
                    offset - 1
                } else {
                    offset
                };
                // Only right after a tag is quick-xml between events with nothing of the
                // next one consumed (after text it has taken the `<` of the next tag).
                if !tag_ended {
                    continue;
                }
                let read = handler.read_ahead(offset, &scopes, input);
                if read > 0 {
                    let rest = xml.get_mut();
                    *rest = &rest[read.min(rest.len())..];
                    origin = origin.wrapping_add(read);
                    restart = offset + read;
                }
                if !eof && input.end() - restart < LOW_WATER {
                    break;
                }
            }
        }
        // The window moves on (or grows) before the reading goes on from `restart`.
        let pinned = [handler.pinned(), (text_len > 0).then_some(text_at)];
        let keep = pinned.into_iter().flatten().fold(restart, usize::min);
        let mut moved = false;
        for keep in [keep, restart] {
            handler.lines().anchor_at(window.input(), keep);
            match window.refill(keep) {
                Ok(true) => {
                    moved = true;
                    break;
                }
                Ok(false) => {}
                Err(error) => {
                    let kind = ParseErrorKind::io(None, error);
                    return Err(ParseError::new(handler.source(), None, kind));
                }
            }
        }
        if !moved {
            let input = window.input();
            let rest = &input.data[restart - input.base..];
            let spaces = rest
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            if trim && spaces == rest.len() {
                // Whitespace between tags, which quick-xml skips: dropped rather than held.
                restart = input.end();
                continue;
            }
            // At the piece of XML, after any whitespace quick-xml skips before it.
            let at = if trim { restart + spaces } else { restart };
            return handler.damaged(too_long_for_window(), at, input);
        }
    }
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

/// The elevation gain of a track, folded elevation by elevation: changes under
/// [`ELEVATION_HYSTERESIS_M`] are ignored. A reference elevation is kept; one at least that
/// much above it adds the difference and becomes the reference, one at least that much below
/// it becomes the reference. No gain is counted across the gap between two segments.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Climb {
    any: bool,
    gain_m: f64,
    reference_m: Option<f64>,
}

impl Climb {
    /// A new segment: the next elevation is the reference.
    pub(crate) fn start_segment(&mut self) {
        self.reference_m = None;
    }

    pub(crate) fn add(&mut self, ele: f64) {
        self.any = true;
        match self.reference_m {
            None => self.reference_m = Some(ele),
            Some(r) if ele >= r + ELEVATION_HYSTERESIS_M => {
                self.gain_m += ele - r;
                self.reference_m = Some(ele);
            }
            Some(r) if ele <= r - ELEVATION_HYSTERESIS_M => self.reference_m = Some(ele),
            Some(_) => {}
        }
    }

    /// The gain in metres; `None` when no elevation was added.
    pub(crate) fn gain_m(&self) -> Option<f64> {
        self.any.then_some(self.gain_m)
    }
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
        let mut climb = Climb::default();
        assert_eq!(climb.gain_m(), None);
        for segment in [&[10.0, 11.0, 10.0, 13.0, 12.0, 20.0][..], &[0.0, 5.0]] {
            climb.start_segment();
            for &ele in segment {
                climb.add(ele);
            }
        }
        assert_eq!(climb.gain_m(), Some(10.0 + 5.0));
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

    #[test]
    fn same_bytes_tells_every_differing_byte_and_length() {
        let bytes: Vec<u8> = (b'a'..=b'z').collect();
        for n in 0..=bytes.len() {
            let a = &bytes[..n];
            // A copy elsewhere in memory: the bytes are compared, not the addresses.
            let copy = a.to_vec();
            assert!(same_bytes(a, &copy), "length {n}");
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same_bytes(a, &b), "length {n}, byte {i}");
            }
            if n > 0 {
                assert!(!same_bytes(a, &bytes[..n - 1]), "length {n} against {}", n - 1);
            }
            if n > 1 {
                assert!(
                    !same_bytes(&bytes[1..n], &bytes[..n - 1]),
                    "shifted, length {}",
                    n - 1
                );
            }
        }
        assert!(same_bytes(b"trkpt", b"trkpt"));
        assert!(!same_bytes(b"trkpt", b"trkseg"));
        assert!(!same_bytes(b"ns3:hr", b"ns3:hR"));
    }

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
