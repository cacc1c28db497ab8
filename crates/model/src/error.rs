use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// Why a file, or a part of it, could not be read, with the file and the place in it.
///
/// Displayed as `path: position: what was wrong`, for example
/// `runs/tuesday.gpx: line 41, column 7: <trkpt> has lat="north", expected a number in
/// degrees`. The path includes the entry inside an archive, after a `!`.
// Boxed so that `Result<_, ParseError>` stays one pointer wide: parsers return it through
// every layer, while an error is built at most a few times per file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError(Box<Inner>);

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    path: PathBuf,
    inner_path: Option<crate::InnerPath>,
    position: Option<Position>,
    kind: ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.path.display())?;
        if let Some(inner) = &self.0.inner_path {
            write!(f, "!{inner}")?;
        }
        write!(f, ": {}", self.message())
    }
}

impl std::error::Error for ParseError {
    /// The system's error behind the problem, where there was one (a file that could not be
    /// read: [`ParseErrorKind::Unreadable`]); the message already says it in words.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0.kind)
    }
}

impl ParseError {
    /// An error of `kind` in the file `source`, at `position` where known.
    pub fn new(source: &crate::SourceRef, position: Option<Position>, kind: ParseErrorKind) -> Self {
        ParseError(Box::new(Inner {
            path: source.path.clone(),
            inner_path: source.inner_path.clone(),
            position,
            kind,
        }))
    }

    /// An error about the file at `path` as a whole, before its format is known (it could not
    /// be read, it is empty, it is not fitness data).
    pub fn for_path(
        path: impl Into<PathBuf>,
        inner_path: Option<crate::InnerPath>,
        kind: ParseErrorKind,
    ) -> Self {
        ParseError(Box::new(Inner {
            path: path.into(),
            inner_path,
            position: None,
            kind,
        }))
    }

    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        &self.0.path
    }

    /// The entry inside an archive, when the file is one.
    pub fn inner_path(&self) -> Option<&crate::InnerPath> {
        self.0.inner_path.as_ref()
    }

    /// Where in the file it happened, when that is known.
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// What went wrong.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.0.kind
    }

    /// The message without the path, for reports that print the path separately.
    pub fn message(&self) -> String {
        match self.0.position {
            Some(position) => format!("{position}: {}", self.0.kind),
            None => self.0.kind.to_string(),
        }
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A line of a text file and, where known, the column (both counted from 1).
    Line {
        /// The line, from 1.
        line: u64,
        /// The column in bytes, from 1, when known.
        column: Option<u64>,
    },
    /// A record of a CSV file (the header is record 0) and the line it starts on.
    Record {
        /// The record number, the header being record 0.
        record: u64,
        /// The line the record starts on, from 1.
        line: u64,
    },
    /// A byte offset in a binary file, from 0.
    Byte(u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Position::Line {
                line,
                column: Some(column),
            } => write!(f, "line {line}, column {column}"),
            Position::Line { line, column: None } => write!(f, "line {line}"),
            Position::Record { record, line } => write!(f, "record {record} (line {line})"),
            Position::Byte(offset) => write!(f, "byte {offset}"),
        }
    }
}

/// What went wrong while reading a file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The file could not be read from disk (or from its archive), or was refused before
    /// reading (an archive nested too deep, a zip bomb). Build it with
    /// [`ParseErrorKind::unreadable`] or, for a failed read, [`ParseErrorKind::io`].
    #[error("cannot read the file: {reason}")]
    Unreadable {
        /// Why, in words (for a failed read, the system's message after any context).
        reason: String,
        /// The system's error, when a read failed; kept so that callers can tell a missing
        /// file from a denied one by its [`io::ErrorKind`].
        #[source]
        source: Option<IoCause>,
    },
    /// The file has no content at all.
    #[error("the file is empty")]
    Empty,
    /// The file is not in any format runlift reads.
    #[error("not a fitness file runlift can read ({0})")]
    UnknownFormat(String),
    /// The file's structure is broken (malformed XML, a CSV row of the wrong shape).
    #[error("{0}")]
    Syntax(String),
    /// The file ends before its structure is complete, for example cut off during a download.
    #[error("the file ends too early: {0}")]
    Truncated(String),
    /// A value could not be understood.
    #[error("{field} is {value:?}, expected {expected}")]
    InvalidValue {
        /// The element, attribute or column holding the value.
        field: String,
        /// The value as found (shortened if very long).
        value: String,
        /// What a valid value looks like.
        expected: String,
    },
    /// Something the format requires is not there.
    #[error("{0} is missing")]
    Missing(String),
    /// A value that was read but cannot be true (a run at 300 km/h, a session dated 1970, a
    /// heart rate of 900): the value, or the activity holding it, was left out, as the message
    /// says.
    #[error("{0}")]
    Implausible(String),
}

/// The [`io::Error`] behind a [`ParseErrorKind::Unreadable`]: shared, so that errors stay
/// `Clone`, and compared by kind and message, so that they stay `PartialEq`.
#[derive(Debug, Clone)]
pub struct IoCause(Arc<io::Error>);

impl IoCause {
    /// The system's error.
    pub fn error(&self) -> &io::Error {
        &self.0
    }
}

impl PartialEq for IoCause {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl fmt::Display for IoCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IoCause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl ParseErrorKind {
    /// An [`ParseErrorKind::Unreadable`] with no system error behind it: a limit refused the
    /// file, or a library reported it unreadable in words.
    pub fn unreadable(reason: impl Into<String>) -> Self {
        ParseErrorKind::Unreadable {
            reason: reason.into(),
            source: None,
        }
    }

    /// An [`ParseErrorKind::Unreadable`] for a read that failed with `error`, the reason
    /// being `context` (such as "cannot list the folder") followed by the system's message.
    pub fn io(context: Option<&str>, error: io::Error) -> Self {
        let reason = match context {
            Some(context) => format!("{context}: {error}"),
            None => error.to_string(),
        };
        ParseErrorKind::Unreadable {
            reason,
            source: Some(IoCause(Arc::new(error))),
        }
    }

    /// The system's error behind an [`ParseErrorKind::Unreadable`], if there was one.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            ParseErrorKind::Unreadable {
                source: Some(cause), ..
            } => Some(cause.error()),
            _ => None,
        }
    }

    /// An [`ParseErrorKind::InvalidValue`], shortening overlong values so messages stay readable.
    pub fn invalid_value(field: impl Into<String>, value: &str, expected: impl Into<String>) -> Self {
        const MAX: usize = 60;
        let value = if value.chars().count() > MAX {
            let mut short: String = value.chars().take(MAX).collect();
            short.push('…');
            short
        } else {
            value.to_owned()
        };
        ParseErrorKind::InvalidValue {
            field: field.into(),
            value,
            expected: expected.into(),
        }
    }
}
