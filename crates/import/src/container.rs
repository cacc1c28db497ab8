//! Reading what is inside a file: plain content, `.gz` streams and `.zip` archives (nested
//! too), in place, without extracting anything to disk, within [`Limits`].

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use flate2::read::MultiGzDecoder;
use rayon::prelude::*;
use runlift_model::{InnerPath, ParseErrorKind};

use crate::formats;
use crate::{FileReport, ImportOptions, Origin};

/// Bounds that keep a hostile or broken archive from exhausting memory or disk: exceeding one
/// is an error for that archive (or entry), never a crash, and the other inputs go on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest content read into memory at once (a decompressed entry, a FIT or GPX file).
    /// Apple Health exports are streamed and bounded by `max_stream_bytes` instead.
    pub max_in_memory_bytes: u64,
    /// Largest content read as a stream (Apple Health's export.xml, which can be several GB).
    pub max_stream_bytes: u64,
    /// Most entries one archive may hold, nested archives included.
    pub max_entries: usize,
    /// Most bytes all entries of one archive may decompress to, nested archives included.
    pub max_total_bytes: u64,
    /// Highest ratio of decompressed to compressed size for an entry (zip bombs reach
    /// thousands; real exports stay below 20).
    pub max_ratio: u64,
    /// How deep archives may nest (a Garmin export holds zips inside a zip: depth 2).
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_in_memory_bytes: 512 << 20,
            max_stream_bytes: 64 << 30,
            max_entries: 200_000,
            max_total_bytes: 128 << 30,
            max_ratio: 1_000,
            max_depth: 4,
        }
    }
}

/// Where a piece of content is: the file on disk and the chain of entries inside it.
#[derive(Debug, Clone)]
pub(crate) struct Location<'a> {
    pub path: &'a Path,
    /// Entries inside archives, outermost first.
    pub inner: Option<InnerPath>,
    pub origin: Origin,
    pub depth: u32,
    /// The content's size where known (a plain file on disk), so that reading it whole needs
    /// one allocation instead of a growing buffer.
    pub size_hint: Option<u64>,
    /// What the outermost archive around this content has used of [`Limits::max_entries`] and
    /// [`Limits::max_total_bytes`]; `None` outside any zip.
    pub budget: Option<&'a ArchiveBudget>,
}

/// The entries and bytes one archive on disk has used so far, nested archives included: a zip
/// of 1,000 zips of 1,000 entries each holds a million entries, not 1,000.
#[derive(Debug, Default)]
pub(crate) struct ArchiveBudget {
    entries: AtomicUsize,
    bytes: AtomicU64,
}

impl Location<'_> {
    fn child(&self, entry: &str) -> Location<'_> {
        let inner = match &self.inner {
            Some(outer) => outer.join(entry),
            None => InnerPath::new(entry),
        };
        Location {
            path: self.path,
            inner: Some(inner),
            // An entry of an archive was not named by the user: unrelated entries are skipped.
            origin: Origin::Found,
            depth: self.depth + 1,
            size_hint: None,
            budget: self.budget,
        }
    }

    /// The name the content goes by, for extension checks: the entry name or the file name.
    pub fn name(&self) -> String {
        match &self.inner {
            Some(inner) => inner.last().to_owned(),
            None => self.path.to_string_lossy().into_owned(),
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
/// Enough of a file to recognise every format: FIT's header, the XML root after a BOM,
/// declaration and comments, a CSV header line.
const PEEK_BYTES: usize = 16 * 1024;

/// Reads one file from disk: the file itself, or every entry when it is an archive.
pub(crate) fn read_path(path: &Path, origin: Origin, options: &ImportOptions) -> Vec<FileReport> {
    let location = Location {
        path,
        inner: None,
        origin,
        depth: 0,
        size_hint: None,
        budget: None,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => return vec![unreadable(&location, err)],
    };
    let location = Location {
        size_hint: file.metadata().ok().map(|m| m.len()),
        ..location
    };
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let head = match peek(&mut reader) {
        Ok(head) => head,
        Err(err) => return vec![unreadable(&location, err)],
    };
    if head.starts_with(ZIP_MAGIC) || head.starts_with(EMPTY_ZIP_MAGIC) {
        // A zip on disk is read entry by entry, in parallel, each worker with its own handle.
        let open = || File::open(path).map(BufReader::new);
        return read_zip(open, &location, options);
    }
    read_stream(Box::new(Cursor::new(head).chain(reader)), &location, options)
}

/// Reads content that arrives as a stream: a plain file, or the inside of a `.gz`.
///
/// The reader is boxed: a `.gz` inside a zip inside a `.gz` nests readers, and one concrete
/// type per nesting would never end.
fn read_stream(
    reader: Box<dyn Read + Send + '_>,
    location: &Location<'_>,
    options: &ImportOptions,
) -> Vec<FileReport> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let head = match peek(&mut reader) {
        Ok(head) => head,
        Err(err) => return vec![unreadable(location, err)],
    };
    let rest = Cursor::new(head.clone()).chain(reader);
    if head.starts_with(GZIP_MAGIC) {
        if location.depth >= options.limits.max_depth {
            return vec![too_deep(location, options)];
        }
        let name = location.name();
        let stripped = strip_gz_suffix(&name);
        let inner = Location {
            path: location.path,
            // A `.gz` holds one unnamed stream: it keeps its file's place, and the name without
            // `.gz` decides how loudly unknown content is reported.
            inner: location.inner.as_ref().map(|i| i.with_last(stripped)),
            origin: location.origin,
            depth: location.depth + 1,
            size_hint: None,
            budget: location.budget,
        };
        let decoder = MultiGzDecoder::new(rest);
        let mut reports = read_stream(Box::new(decoder), &inner, options);
        if location.inner.is_none() {
            // Keep the name the user knows (`123.fit.gz`) on the report.
            for report in &mut reports {
                report.path = location.path.to_path_buf();
            }
        }
        return reports;
    }
    if head.starts_with(ZIP_MAGIC) || head.starts_with(EMPTY_ZIP_MAGIC) {
        // A zip inside a zip or a gz must be held in memory to be seekable.
        let bytes = match read_bounded(rest, options.limits.max_in_memory_bytes, location.size_hint) {
            Ok(bytes) => bytes,
            Err(report) => return vec![report.into_report(location)],
        };
        let open = || Ok(Cursor::new(bytes.as_slice()));
        return read_zip(open, location, options);
    }
    match formats::detect(&head) {
        Some(detected) if detected.is_streamed() => {
            let limited = BufReader::new(StreamBound {
                inner: rest,
                left: options.limits.max_stream_bytes,
                limit: options.limits.max_stream_bytes,
            });
            vec![formats::parse_stream(
                Box::new(limited),
                detected,
                location,
                options,
            )]
        }
        detected => {
            let parsed = with_bytes_read(
                rest,
                options.limits.max_in_memory_bytes,
                location.size_hint,
                |bytes| formats::parse_bytes(bytes, detected, location, options),
            );
            match parsed {
                Ok(report) => vec![report],
                Err(failure) => vec![failure.into_report(location)],
            }
        }
    }
}

fn strip_gz_suffix(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        name[..name.len() - 3].to_owned()
    } else if lower.ends_with(".tgz") {
        format!("{}.tar", &name[..name.len() - 4])
    } else {
        name.to_owned()
    }
}

/// Why bounded reading stopped.
enum ReadFailure {
    Io(io::Error),
    TooLarge(u64),
}

impl ReadFailure {
    fn into_report(self, location: &Location<'_>) -> FileReport {
        match self {
            ReadFailure::Io(err) => unreadable(location, err),
            ReadFailure::TooLarge(limit) => formats::error_report(
                location,
                None,
                ParseErrorKind::unreadable(format!(
                    "larger than {} once decompressed, the most runlift reads into memory; \
                     is it really an activity file?",
                    size_text(limit)
                )),
            ),
        }
    }
}

fn read_bounded(reader: impl Read, limit: u64, size_hint: Option<u64>) -> Result<Vec<u8>, ReadFailure> {
    let mut bytes = Vec::new();
    read_bounded_into(&mut bytes, reader, limit, size_hint)?;
    Ok(bytes)
}

/// Appends at most `limit` bytes of `reader` to `bytes`; more is [`ReadFailure::TooLarge`].
fn read_bounded_into(
    bytes: &mut Vec<u8>,
    reader: impl Read,
    limit: u64,
    size_hint: Option<u64>,
) -> Result<(), ReadFailure> {
    // One byte more than the file's size lets read_to_end see the end without growing.
    let capacity = size_hint.map_or(0, |size| size.min(limit) as usize + 1);
    bytes.reserve(capacity);
    reader
        .take(limit + 1)
        .read_to_end(bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFailure::TooLarge(limit));
    }
    Ok(())
}

thread_local! {
    /// The buffer each reading thread reads whole files into, kept from one file to the next:
    /// a fresh buffer per file is memory mapped, faulted in page by page and unmapped again,
    /// and on two threads those page-table changes make the threads wait for each other.
    static READ_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A kept buffer larger than this is let go after its file: one huge file must not hold its
/// size of memory for the rest of the batch.
const KEPT_READ_BUFFER_BYTES: usize = 64 << 20;

/// Reads `reader` whole (at most `limit` bytes) into this thread's reused buffer and hands
/// the bytes to `use_bytes`.
fn with_bytes_read<T>(
    reader: impl Read,
    limit: u64,
    size_hint: Option<u64>,
    use_bytes: impl FnOnce(&[u8]) -> T,
) -> Result<T, ReadFailure> {
    // Taken out, not borrowed: a parser that reads an archive's entries on this thread finds
    // an empty buffer of its own instead of a borrow in use.
    let mut buffer = READ_BUFFER.take();
    buffer.clear();
    let result = read_bounded_into(&mut buffer, reader, limit, size_hint).map(|()| use_bytes(&buffer));
    if buffer.capacity() <= KEPT_READ_BUFFER_BYTES {
        READ_BUFFER.set(buffer);
    }
    result
}

/// Reads up to [`PEEK_BYTES`] from the start of `reader`.
fn peek(reader: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(PEEK_BYTES);
    reader.take(PEEK_BYTES as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Reads every entry of a zip archive, in parallel: `open` gives each worker its own handle.
fn read_zip<R, F>(open: F, location: &Location<'_>, options: &ImportOptions) -> Vec<FileReport>
where
    R: Read + Seek + Send,
    F: Fn() -> io::Result<R> + Sync,
{
    let limits = &options.limits;
    if location.depth >= limits.max_depth {
        return vec![too_deep(location, options)];
    }
    let archive = match open()
        .map_err(zip::result::ZipError::Io)
        .and_then(zip::ZipArchive::new)
    {
        Ok(archive) => archive,
        Err(err) => return vec![bad_archive(location, err)],
    };
    let count = archive.len();
    if count == 0 {
        return vec![formats::skipped(location, "the zip archive is empty".to_owned())];
    }
    if count > limits.max_entries {
        let kind = ParseErrorKind::unreadable(format!(
            "the zip archive lists {count} entries, more than the {} runlift reads from one archive",
            limits.max_entries
        ));
        return vec![formats::error_report(location, None, kind)];
    }
    drop(archive);

    // The outermost zip owns the budget; archives inside it draw on the same one.
    let own_budget;
    let budget = match location.budget {
        Some(budget) => budget,
        None => {
            own_budget = ArchiveBudget::default();
            &own_budget
        }
    };
    let location = &Location {
        budget: Some(budget),
        ..location.clone()
    };
    let reports: Vec<Vec<FileReport>> = (0..count)
        .into_par_iter()
        .map_init(
            || {
                open()
                    .map_err(zip::result::ZipError::Io)
                    .and_then(zip::ZipArchive::new)
            },
            |archive, index| {
                let archive = match archive {
                    Ok(archive) => archive,
                    // Every worker that failed to open the archive reports it: each
                    // gets its own copy of the error.
                    Err(err) => return vec![bad_archive(location, copy_zip_error(err))],
                };
                read_entry(archive, index, location, options, budget)
            },
        )
        .collect();
    reports.into_iter().flatten().collect()
}

fn read_entry<R: Read + Seek + Send>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    location: &Location<'_>,
    options: &ImportOptions,
    budget: &ArchiveBudget,
) -> Vec<FileReport> {
    let limits = &options.limits;
    let entry = match archive.by_index(index) {
        Ok(entry) => entry,
        Err(err) => {
            let child = location.child(&format!("entry #{index}"));
            return vec![bad_archive(&child, err)];
        }
    };
    if entry.is_dir() {
        return Vec::new();
    }
    // Names are only displayed, never used to write anything, so an unusual one (absolute,
    // with `..`, not UTF-8) is shown as it is rather than refused.
    let name = match entry.name() {
        Ok(name) => name.into_owned(),
        Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
    };
    let child = location.child(&name);
    if is_metadata_entry(&name) {
        return vec![formats::skipped(
            &child,
            "macOS metadata stored beside the real file".to_owned(),
        )];
    }
    if budget.entries.fetch_add(1, Ordering::Relaxed) >= limits.max_entries {
        let kind = ParseErrorKind::unreadable(format!(
            "left out: the archive holds more than {} entries (nested archives included)",
            limits.max_entries
        ));
        return vec![formats::error_report(&child, None, kind)];
    }
    let declared = entry.size();
    let compressed = entry.compressed_size().max(1);
    if declared > 1 << 20 && declared / compressed > limits.max_ratio {
        let kind = ParseErrorKind::unreadable(format!(
            "refused: it would expand {}x ({} bytes to {declared}), the mark of a zip bomb",
            declared / compressed,
            entry.compressed_size()
        ));
        return vec![formats::error_report(&child, None, kind)];
    }
    if budget
        .bytes
        .fetch_add(declared, Ordering::Relaxed)
        .saturating_add(declared)
        > limits.max_total_bytes
    {
        let kind = ParseErrorKind::unreadable(format!(
            "left out: the archive would expand to more than {} (nested archives included)",
            size_text(limits.max_total_bytes)
        ));
        return vec![formats::error_report(&child, None, kind)];
    }
    // Declared sizes can lie: the ratio is enforced on what is actually read, too.
    let cap = compressed.saturating_mul(limits.max_ratio).max(1 << 20);
    let guarded = RatioGuard {
        inner: entry,
        read: 0,
        cap,
        ratio: limits.max_ratio,
    };
    read_stream(Box::new(guarded), &child, options)
}

/// Ends a streamed read that goes past [`Limits::max_stream_bytes`] with an error that names
/// the bound, so the parser reports the limit rather than a document cut off mid-element.
struct StreamBound<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for StreamBound<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // At the bound: one more byte means the content goes on past it.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "larger than {}, the most runlift reads from one stream (Limits::max_stream_bytes)",
                        size_text(self.limit)
                    ),
                )),
            };
        }
        let wanted = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..wanted])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// A byte count as people read a limit: whole GiB or MiB where exact, bytes otherwise.
fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// Stops a decompressing reader that produces more than `cap` bytes, whatever the archive
/// claimed, so a zip bomb ends in an error instead of exhausting memory.
struct RatioGuard<R> {
    inner: R,
    read: u64,
    cap: u64,
    ratio: u64,
}

impl<R: Read> Read for RatioGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.cap {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "refused: the entry expands to more than {} bytes, over {}x its compressed size \
                     (the mark of a zip bomb)",
                    self.cap, self.ratio
                ),
            ));
        }
        Ok(n)
    }
}

fn is_metadata_entry(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name
            .rsplit('/')
            .next()
            .is_some_and(|file| file.starts_with("._") || file == ".DS_Store")
}

fn unreadable(location: &Location<'_>, err: io::Error) -> FileReport {
    formats::error_report(location, None, ParseErrorKind::io(None, err))
}

fn bad_archive(location: &Location<'_>, err: zip::result::ZipError) -> FileReport {
    let kind = match err {
        // A read that failed keeps the system's error; a broken archive is described in words.
        zip::result::ZipError::Io(io) => ParseErrorKind::io(Some("not a readable zip archive"), io),
        other => ParseErrorKind::unreadable(format!("not a readable zip archive: {other}")),
    };
    formats::error_report(location, None, kind)
}

/// The same error again, for one more report: an [`io::Error`] keeps its kind and message.
fn copy_zip_error(err: &zip::result::ZipError) -> zip::result::ZipError {
    use zip::result::ZipError;
    match err {
        ZipError::Io(io) => ZipError::Io(io::Error::new(io.kind(), io.to_string())),
        ZipError::InvalidArchive(why) => ZipError::InvalidArchive(why.clone()),
        ZipError::UnsupportedArchive(why) => ZipError::UnsupportedArchive(why),
        // The rest cannot come from opening an archive; their words are what is reported.
        other => ZipError::Io(io::Error::other(other.to_string())),
    }
}

fn too_deep(location: &Location<'_>, options: &ImportOptions) -> FileReport {
    let kind = ParseErrorKind::unreadable(format!(
        "archives nested more than {} deep are not opened",
        options.limits.max_depth
    ));
    formats::error_report(location, None, kind)
}
