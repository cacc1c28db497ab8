//! One CSV table read record by record, each with its position: the part every flat dialect
//! shares, so that each reader only says what a row means.

use std::borrow::Cow;
use std::io::{self, Read};

use csv::ByteRecord;
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef};

use crate::collect::Outcome;
use crate::header::{self, CountedLines, Header};

/// What a table is read from: the file's first bytes, as far as its first line, then the rest.
type Input<R> = CountedLines<io::Chain<io::Cursor<Vec<u8>>, R>>;

/// A CSV file past its header line, read as a stream (a file in memory is a stream too).
pub(crate) struct Table<R> {
    reader: csv::Reader<Input<R>>,
    record: ByteRecord,
    header: Header,
    header_position: Position,
    /// The number the next record gets (the header is record 0).
    next_record: u64,
    /// Set once csv reports an error, after which nothing more is read: with a byte slice as
    /// input and rows of any length accepted csv has no error left to report, but should one
    /// appear, stopping is the way to be sure the reader cannot go round in circles.
    failed: bool,
}

impl<R: Read> Table<R> {
    /// The table `input` holds: a UTF-8 byte-order mark is skipped, the delimiter (comma or
    /// semicolon) guessed from the first line, and the first record with some text taken as
    /// the header. It is an error when there is no such record, and when `input` cannot be
    /// read as far as the first line.
    pub(crate) fn open(mut input: R, source: &SourceRef) -> Result<Table<R>, ParseError> {
        let mut head = first_bytes(&mut input).map_err(|error| {
            ParseError::new(source, None, ParseErrorKind::io(Some("reading the CSV"), error))
        })?;
        if head.starts_with(header::BOM) {
            head.drain(..header::BOM.len());
        }
        let Some(first_line) = header::first_line(&head) else {
            return Err(ParseError::new(source, None, ParseErrorKind::Empty));
        };
        let delimiter = header::delimiter(first_line);
        let input = CountedLines::new(io::Cursor::new(head).chain(input));
        let mut reader = header::reader_of(input, delimiter);
        let mut record = ByteRecord::new();
        // csv skips empty lines itself; lines of spaces before the header (which `detect`
        // skips too) are passed over here.
        let header = loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) if is_blank(&record) => continue,
                Ok(true) => {
                    if let Err(kind) = check_bounds(&record, None, "header") {
                        let position = record_position(&record, 0, reader.get_mut());
                        return Err(ParseError::new(source, Some(position), kind));
                    }
                    break Header::from_record(&record);
                }
                Ok(false) => return Err(ParseError::new(source, None, ParseErrorKind::Empty)),
                Err(err) => {
                    let position = record_position(&record, 0, reader.get_mut());
                    let kind = csv_error(err, "the header cannot be read: ");
                    return Err(ParseError::new(source, Some(position), kind));
                }
            }
        };
        let header_position = record_position(&record, 0, reader.get_mut());
        Ok(Table {
            reader,
            record,
            header,
            header_position,
            next_record: 1,
            failed: false,
        })
    }

    /// [`Table::open`], then the dialect's columns found in the header by `locate`; a header
    /// without them is an error at the header's line.
    pub(crate) fn open_with_columns<C>(
        input: R,
        source: &SourceRef,
        locate: impl FnOnce(&Header) -> Result<C, ParseErrorKind>,
    ) -> Result<(Table<R>, C), ParseError> {
        let table = Table::open(input, source)?;
        let columns = locate(table.header())
            .map_err(|kind| ParseError::new(source, Some(table.header_position()), kind))?;
        Ok((table, columns))
    }

    /// The column names.
    pub(crate) fn header(&self) -> &Header {
        &self.header
    }

    /// Where the header is (record 0).
    pub(crate) fn header_position(&self) -> Position {
        self.header_position
    }

    /// The next record that is not blank (blank ones are passed over), with its position;
    /// `None` at the end of the file.
    pub(crate) fn next_row(&mut self) -> Option<(Position, Result<&ByteRecord, ParseErrorKind>)> {
        if self.failed {
            return None;
        }
        loop {
            let read = self.reader.read_byte_record(&mut self.record);
            let position = record_position(&self.record, self.next_record, self.reader.get_mut());
            match read {
                Ok(false) => return None,
                Ok(true) => {
                    self.next_record += 1;
                    if let Err(kind) = check_bounds(&self.record, Some(&self.header), "record") {
                        return Some((position, Err(kind)));
                    }
                    if !is_blank(&self.record) {
                        return Some((position, Ok(&self.record)));
                    }
                }
                Err(err) => {
                    self.failed = true;
                    // After an I/O error the rest of the file is lost: `crate::parse_from` makes
                    // the whole file an error.
                    let kind = csv_error(err, "");
                    return Some((position, Err(kind)));
                }
            }
        }
    }

    /// Reads every data row with `read` and hands what it makes to `keep`, with the row's
    /// position. Each row first goes through [`check_row`] with the name columns `names`; a
    /// row that fails either is left out, with the reason in `outcome`.
    pub(crate) fn read_rows<T>(
        &mut self,
        source: &SourceRef,
        outcome: &mut Outcome,
        names: &[(usize, &str)],
        mut read: impl FnMut(&ByteRecord) -> Result<T, ParseErrorKind>,
        mut keep: impl FnMut(&mut Outcome, Position, T),
    ) {
        let fields = self.header.len();
        let mut utf8 = Utf8Check::default();
        while let Some((position, record)) = self.next_row() {
            let row = record.and_then(|record| {
                check_row(record, fields, &mut utf8, names, outcome, source, position)?;
                read(record)
            });
            match row {
                Ok(row) => keep(outcome, position, row),
                Err(kind) => outcome.row_left_out(source, position, kind),
            }
        }
    }
}

/// The checks every row of a flat dialect gets before it is read: it must have as many fields
/// as the header, `fields`; and the first of the `names` fields in the file that is not UTF-8
/// gets a warning in `outcome` (see [`Utf8Check`]).
pub(crate) fn check_row(
    record: &ByteRecord,
    fields: usize,
    utf8: &mut Utf8Check,
    names: &[(usize, &str)],
    outcome: &mut Outcome,
    source: &SourceRef,
    position: Position,
) -> Result<(), ParseErrorKind> {
    check_length(record, fields)?;
    if let Some(kind) = utf8.check(record, names) {
        outcome.warn(source, position, kind);
    }
    Ok(())
}

/// That `record` has as many fields as the header, `fields`.
pub(crate) fn check_length(record: &ByteRecord, fields: usize) -> Result<(), ParseErrorKind> {
    if record.len() == fields {
        return Ok(());
    }
    Err(ParseErrorKind::Syntax(format!(
        "found a record with {} fields, but the header has {fields} fields",
        record.len(),
    )))
}

/// That `record` is within the bounds on CSV input ([`MAX_COLUMNS`](crate::MAX_COLUMNS),
/// [`MAX_RECORD_BYTES`](crate::MAX_RECORD_BYTES), [`MAX_FIELD_BYTES`](crate::MAX_FIELD_BYTES));
/// else what it exceeds, naming the column from `header` when there is one; `what` says what
/// the record is ("header" or "record"). Checked before anything else is done with a record,
/// so no reader spends time on one it would refuse.
pub(crate) fn check_bounds(
    record: &ByteRecord,
    header: Option<&Header>,
    what: &str,
) -> Result<(), ParseErrorKind> {
    if record.len() > crate::MAX_COLUMNS {
        return Err(ParseErrorKind::Syntax(format!(
            "the {what} has {} fields, more than the {} runlift reads in one record",
            record.len(),
            crate::MAX_COLUMNS
        )));
    }
    let bytes = record.as_slice().len();
    if bytes > crate::MAX_RECORD_BYTES {
        return Err(ParseErrorKind::Syntax(format!(
            "the {what} is {bytes} bytes long, more than the {} MiB runlift reads in one record \
             (a quote left open runs a record on to the end of the file)",
            crate::MAX_RECORD_BYTES >> 20
        )));
    }
    // No field is longer than the record: most records need no look at their fields.
    if bytes <= crate::MAX_FIELD_BYTES {
        return Ok(());
    }
    if let Some((index, field)) = record
        .iter()
        .enumerate()
        .find(|(_, field)| field.len() > crate::MAX_FIELD_BYTES)
    {
        let column = match header.and_then(|h| h.name(index)) {
            // A column name is itself up to a field long: enough of it to recognise.
            Some(name) => format!(
                "field {} ({:?})",
                index + 1,
                name.chars().take(60).collect::<String>()
            ),
            None => format!("field {}", index + 1),
        };
        return Err(ParseErrorKind::Syntax(format!(
            "{column} of the {what} is {} bytes long, more than the {} KiB runlift reads in one field",
            field.len(),
            crate::MAX_FIELD_BYTES >> 10
        )));
    }
    Ok(())
}

/// What an error of the csv reader means: the input could not be read, or (not expected with
/// rows of any length accepted) the CSV is broken; `context` leads the message of the latter.
fn csv_error(err: csv::Error, context: &str) -> ParseErrorKind {
    let message = err.to_string();
    match err.into_kind() {
        csv::ErrorKind::Io(error) => ParseErrorKind::io(Some("reading the CSV"), error),
        _ => ParseErrorKind::Syntax(format!("{context}{message}")),
    }
}

/// The first bytes of `input`: as far as the end of its first line that is not blank (or to
/// its end, or, for a first line longer than any record runlift reads, that much of it).
/// Each byte is looked at once, however many blank lines come first.
fn first_bytes(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 8 * 1024];
    // How far `head` has been looked at, and whether the line there has text so far.
    let mut scanned = 0;
    let mut text_in_line = false;
    loop {
        let read = match input.read(&mut chunk) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        head.extend_from_slice(&chunk[..read]);
        if read == 0 {
            return Ok(head);
        }
        // A byte-order mark is not text; it is whole once three bytes are in.
        if head.len() < header::BOM.len() {
            continue;
        }
        if scanned == 0 && head.starts_with(header::BOM) {
            scanned = header::BOM.len();
        }
        for &byte in &head[scanned..] {
            match byte {
                b'\n' if text_in_line => return Ok(head),
                b'\n' => {}
                _ => text_in_line |= !byte.is_ascii_whitespace(),
            }
        }
        scanned = head.len();
        if text_in_line && head.len() > crate::MAX_RECORD_BYTES {
            return Ok(head);
        }
    }
}

/// The position of `record`, the `number`th after the header (which is record 0).
pub(crate) fn record_position<R>(record: &ByteRecord, number: u64, lines: &mut CountedLines<R>) -> Position {
    let line = record.position().map_or(number + 1, |p| lines.line_of(p.byte()));
    Position::Record { record: number, line }
}

/// Whether every field of `record` is empty or spaces.
pub(crate) fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|field| field.trim_ascii().is_empty())
}

/// Field `index` of `record` as text (bad UTF-8 replaced), trimmed; empty when absent.
pub(crate) fn text(record: &ByteRecord, index: usize) -> Cow<'_, str> {
    let field = record.get(index).unwrap_or_default();
    // Valid UTF-8 is the rule, and checking for it is quicker than the lossy decoding.
    if let Ok(text) = std::str::from_utf8(field) {
        return Cow::Borrowed(text.trim());
    }
    match String::from_utf8_lossy(field) {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    }
}

/// Field `index` of `record` as text when the column exists, else empty.
pub(crate) fn optional(record: &ByteRecord, index: Option<usize>) -> Cow<'_, str> {
    index.map_or(Cow::Borrowed(""), |index| text(record, index))
}

/// Reports the first name in a file that is not valid UTF-8, once per file: such names are
/// kept with the bad bytes replaced by U+FFFD, so the data still counts, under a slightly
/// wrong name. (Numbers with bad bytes fail to parse and leave their row out.)
#[derive(Default)]
pub(crate) struct Utf8Check {
    warned: bool,
}

impl Utf8Check {
    /// The warning for the first of the `(index, column name)` fields of `record` that is not
    /// UTF-8, unless one was given before.
    pub(crate) fn check(&mut self, record: &ByteRecord, columns: &[(usize, &str)]) -> Option<ParseErrorKind> {
        if self.warned {
            return None;
        }
        for &(index, name) in columns {
            let field = record.get(index).unwrap_or_default();
            if std::str::from_utf8(field).is_err() {
                self.warned = true;
                let lossy = String::from_utf8_lossy(field);
                return Some(ParseErrorKind::invalid_value(
                    name,
                    &lossy,
                    "UTF-8 text (kept with the invalid bytes replaced)",
                ));
            }
        }
        None
    }
}

/// The `(index, name)` of those of `columns` the file has, for [`Utf8Check::check`].
pub(crate) fn present<'n>(columns: &[(Option<usize>, &'n str)]) -> Vec<(usize, &'n str)> {
    columns
        .iter()
        .filter_map(|&(index, name)| index.map(|i| (i, name)))
        .collect()
}

/// That `header` has every column of `names`; else an error naming those it lacks.
pub(crate) fn require_all(header: &Header, names: &[&str]) -> Result<(), ParseErrorKind> {
    let missing: Vec<String> = names
        .iter()
        .filter(|name| header.find(name).is_none())
        .map(|name| format!("{name:?}"))
        .collect();
    match missing.as_slice() {
        [] => Ok(()),
        [one] => Err(ParseErrorKind::Missing(format!("the column {one}"))),
        many => Err(ParseErrorKind::Missing(format!(
            "each of the columns {}",
            many.join(", ")
        ))),
    }
}
