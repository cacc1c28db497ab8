//! The header line of a CSV export: finding it, guessing its delimiter, and looking columns up
//! by name, so that readers need not care about column order, extra columns, a byte-order mark
//! or Windows line endings.

use csv::{ByteRecord, ReaderBuilder};

/// The UTF-8 byte-order mark some exports start with.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// The first line of `bytes` that is not blank, without its line ending.
pub(crate) fn first_line(bytes: &[u8]) -> Option<&[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .find(|line| !line.trim_ascii().is_empty())
}

/// The field delimiter of a file whose header line is `line`: a semicolon when the line has
/// more of them than commas (older Strong exports and spreadsheets in comma-decimal locales),
/// else a comma.
pub(crate) fn delimiter(line: &[u8]) -> u8 {
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    if count(b';') > count(b',') { b';' } else { b',' }
}

/// A CSV reader over `bytes` that leaves the header to the caller (so that record numbers
/// count the header as record 0) and accepts rows of any length (so that a ragged row can be
/// reported and skipped instead of ending the read).
pub(crate) fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    reader_of(bytes, delimiter)
}

/// [`reader`] over any input.
pub(crate) fn reader_of<R: std::io::Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(input)
}

/// The line each record of a file starts on.
///
/// csv's own `Position` of a record is where the reader stood after the previous record's first
/// line-ending byte, so it points before any blank lines it skipped (and, with CRLF, can even
/// stay on the previous line). The first byte from there that ends no line is where the record
/// really starts, and the line endings before it give its line.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    /// How far `line` has been counted.
    counted: usize,
    /// The line, from 1, at byte `counted`.
    line: u64,
}

impl<'a> Lines<'a> {
    /// Lines of `bytes`, the same bytes the csv reader reads.
    pub(crate) fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            counted: 0,
            line: 1,
        }
    }

    /// The line of the record csv placed at byte `position`; positions must not go backwards.
    pub(crate) fn line_of(&mut self, position: u64) -> u64 {
        let from = usize::try_from(position).unwrap_or(usize::MAX);
        let (ends, start) = line_ends(self.bytes, self.counted, from);
        self.line += ends;
        self.counted = start;
        self.line
    }
}

/// Where the record csv placed at byte `from` of `bytes` really starts (past the line endings
/// there, and not before `counted`), and the number of lines that end between `counted` and
/// that start.
fn line_ends(bytes: &[u8], counted: usize, from: usize) -> (u64, usize) {
    let from = from.min(bytes.len());
    let skipped = bytes[from..]
        .iter()
        .take_while(|&&b| matches!(b, b'\r' | b'\n'))
        .count();
    let start = (from + skipped).max(counted);
    let span = &bytes[counted..start];
    // Every record passes through here, so the count is one the compiler vectorises: the
    // LFs, then, only where there are any, the CRs that end a line on their own.
    let mut ends = span.iter().filter(|&&b| b == b'\n').count();
    if span.contains(&b'\r') {
        // A line ends at LF, or at a CR not followed by LF (csv accepts both).
        ends += span
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' && bytes.get(counted + i + 1) != Some(&b'\n'))
            .count();
    }
    (ends as u64, start)
}

/// A reader that numbers the lines of what passes through it, for a CSV reader reading from
/// it: [`Lines`] for a file read as a stream. It keeps the bytes read until their lines are
/// counted, which is as far as the record csv returned last: the csv reader's buffer and one
/// record, however long the file.
pub(crate) struct CountedLines<R> {
    inner: R,
    /// The bytes from offset `window_start` of the stream on that have been read.
    window: Vec<u8>,
    window_start: u64,
    /// How far `line` has been counted: an offset of the stream.
    counted: u64,
    /// The line, from 1, at offset `counted`.
    line: u64,
}

impl<R> CountedLines<R> {
    pub(crate) fn new(inner: R) -> CountedLines<R> {
        CountedLines {
            inner,
            window: Vec::new(),
            window_start: 0,
            counted: 0,
            line: 1,
        }
    }

    /// The line of the record csv placed at offset `position` of the stream; positions must
    /// not go backwards (as with [`Lines::line_of`]).
    pub(crate) fn line_of(&mut self, position: u64) -> u64 {
        let relative =
            |offset: u64| usize::try_from(offset.saturating_sub(self.window_start)).unwrap_or(usize::MAX);
        let (ends, start) = line_ends(&self.window, relative(self.counted), relative(position));
        self.line += ends;
        self.counted = self.window_start + start as u64;
        // Bytes before `counted` are not needed again; they are dropped in batches, so that
        // each byte is moved only a few times.
        if start >= (1 << 16) && start >= self.window.len() / 2 {
            self.window.drain(..start);
            self.window_start = self.counted;
        }
        self.line
    }
}

impl<R: std::io::Read> std::io::Read for CountedLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = loop {
            match self.inner.read(buf) {
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        self.window.extend_from_slice(&buf[..read]);
        Ok(read)
    }
}

/// The column names of a header record, trimmed.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    names: Vec<String>,
}

impl Header {
    /// The header of `record`, names decoded lossily from UTF-8 and trimmed.
    pub(crate) fn from_record(record: &ByteRecord) -> Header {
        let names = record
            .iter()
            .map(|name| String::from_utf8_lossy(name).trim().to_owned())
            .collect();
        Header { names }
    }

    /// The header line `line` alone, as the start of a file with the given delimiter.
    pub(crate) fn from_line(line: &[u8], delimiter: u8) -> Option<Header> {
        let mut record = ByteRecord::new();
        match reader(line, delimiter).read_byte_record(&mut record) {
            Ok(true) => Some(Header::from_record(&record)),
            _ => None,
        }
    }

    /// The number of columns.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The name of column `index`, if there is one.
    pub(crate) fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }

    /// The index of the column called `name`, ignoring ASCII case.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n.eq_ignore_ascii_case(name))
    }

    /// The indices of all columns called `name`, ignoring ASCII case, in order (Strava's
    /// export has several columns of the same name).
    pub(crate) fn find_all(&self, name: &str) -> Vec<usize> {
        (0..self.names.len())
            .filter(|&i| self.names[i].eq_ignore_ascii_case(name))
            .collect()
    }

    /// The index of the first column called by one of `names`, ignoring ASCII case.
    #[cfg(test)]
    pub(crate) fn find_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|name| self.find(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_skips_blank_lines_and_drops_crlf() {
        assert_eq!(first_line(b"\r\n  \na,b\r\nc,d"), Some(&b"a,b"[..]));
        assert_eq!(first_line(b" \r\n\n"), None);
        assert_eq!(first_line(b""), None);
    }

    #[test]
    fn the_delimiter_is_the_more_frequent_of_comma_and_semicolon() {
        assert_eq!(delimiter(b"Date;Workout Name;Exercise Name"), b';');
        assert_eq!(delimiter(b"Date,Workout Name,Exercise Name"), b',');
        assert_eq!(delimiter(b"Date"), b',');
    }

    #[test]
    fn lines_are_counted_from_where_records_really_start() {
        // Blank lines, CRLF, a lone CR and a quoted line break, each before a record "r".
        let inputs: [&[u8]; 5] = [
            b"h\n\n\nr",
            b"a\r\n\r\nr",
            b"\r\n   \r\nr",
            b"h,\"x\ny\"\r\n\r\nr",
            b"h\rr",
        ];
        for input in inputs {
            let mut reader = reader(input, b',');
            let mut record = ByteRecord::new();
            let mut lines = Lines::new(input);
            let mut last = (0, 0);
            while reader.read_byte_record(&mut record).unwrap() {
                let position = record.position().unwrap().byte();
                last = (lines.line_of(position), record.len());
            }
            let expected = input.iter().filter(|&&b| b == b'\n').count().max(1) as u64 + 1;
            assert_eq!(last.0, expected, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn columns_are_found_by_name_whatever_their_quoting_and_case() {
        let header = Header::from_line(br#""Set Order", date ,"Workout Name""#, b',').unwrap();
        assert_eq!(header.len(), 3);
        assert_eq!(header.find("Date"), Some(1));
        assert_eq!(header.find("set order"), Some(0));
        assert_eq!(header.find_any(&["Duration", "Workout Name"]), Some(2));
        assert_eq!(header.find("Reps"), None);
    }
}
