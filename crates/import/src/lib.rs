//! Finds fitness files, recognises their format by content, and parses them in parallel.
//!
//! This is the step between the files a user points at and the shared model: it knows about
//! paths, folders and reading bytes, and leaves every format's details to its format crate
//! (`runlift-xml`, `runlift-csv`).
//!
//! - [`discover`] turns the paths given on the command line into the list of files to read,
//!   walking folders in a stable (sorted) order.
//! - [`detect`] recognises a file's format from its first bytes: the XML root element, the CSV
//!   header. The extension only decides how loudly an unrecognised file is reported.
//! - [`import_paths`] reads and parses every file with rayon and returns one [`FileReport`] per
//!   file, in discovery order: its [`FileStatus`], its activities and its messages. A file that
//!   fails never stops the others.
//!
//! ```
//! use runlift_import::{parse_bytes, FileStatus, ImportOptions, Origin};
//! use std::path::Path;
//!
//! let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
//!            2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,\n\
//!            2026-01-05 18:00:00,Legs,45m,Squat (Barbell),2,80,5,0,0,\n";
//! let report = parse_bytes(csv.as_bytes(), Path::new("log.csv"), Origin::Named, &ImportOptions::default());
//! assert_eq!(report.status, FileStatus::Ok);
//! assert_eq!(report.activities.len(), 1);
//! assert_eq!(report.activities[0].sets.len(), 2);
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, SourceFormat, SourceRef};

pub use runlift_csv::{CsvOptions, WeightUnit};

/// How files are read: options passed on to the format crates.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Options for gym-app CSV files: weight unit and the time zone of their local times.
    pub csv: CsvOptions,
}

/// How a file came to be read, which decides how an unrecognised file is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user named the file: whatever it holds, runlift must read it or say why not.
    Named,
    /// The file was found while walking a folder: unrelated files (photos, notes) are skipped,
    /// but a file whose extension promises fitness data must hold it.
    Found,
}

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// Read completely.
    Ok,
    /// Read, but parts of it were left out; its messages say which.
    Partial,
    /// Nothing could be read from it; its messages say why.
    Error,
    /// Not fitness data, or fitness data without an activity (a route, waypoints): passed over.
    Skipped,
}

impl FileStatus {
    /// The stable name of the status: `ok`, `partial`, `error`, `skipped`.
    pub fn name(self) -> &'static str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Partial => "partial",
            FileStatus::Error => "error",
            FileStatus::Skipped => "skipped",
        }
    }
}

/// The outcome of reading one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// The format it was recognised as, if any.
    pub format: Option<SourceFormat>,
    /// What became of it.
    pub status: FileStatus,
    /// The activities read from it.
    pub activities: Vec<Activity>,
    /// Errors and warnings about it, each naming the file and, where known, the place in it.
    pub problems: Vec<ParseError>,
    /// Why it was skipped, for [`FileStatus::Skipped`].
    pub skip_reason: Option<String>,
    /// How the file was read, where worth knowing (not problems).
    pub notes: Vec<String>,
}

/// Everything read from the paths given.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// One report per file, in the order the files were found.
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// All activities from all files, in file order.
    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.files.iter().flat_map(|f| f.activities.iter())
    }

    /// How many files ended with `status`.
    pub fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }

    /// Whether any file failed or was only partly read: the run as a whole was partial.
    pub fn has_failures(&self) -> bool {
        self.files
            .iter()
            .any(|f| matches!(f.status, FileStatus::Error | FileStatus::Partial))
    }
}

/// A file to read and how it came to be on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Named by the user, or found in a folder.
    pub origin: Origin,
}

/// Expands files and folders into the files to read.
///
/// Folders are walked recursively in sorted order so that output is the same on every run;
/// hidden entries (names starting with `.`) are passed over. A path that does not exist or
/// cannot be listed is returned as an error report for that path, and the rest go on.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut failures),
            Ok(_) => files.push(Candidate {
                path: path.clone(),
                origin: Origin::Named,
            }),
            Err(err) => failures.push(error_report(
                path,
                None,
                ParseErrorKind::Unreadable(err.to_string()),
            )),
        }
    }
    (files, failures)
}

fn walk(dir: &Path, files: &mut Vec<Candidate>, failures: &mut Vec<FileReport>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let kind = ParseErrorKind::Unreadable(format!("cannot list the folder: {err}"));
            failures.push(error_report(dir, None, kind));
            return;
        }
    };
    let mut children: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                // Follows symbolic links, so a linked export folder is read like any other.
                let is_dir = std::fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
                children.push((path, is_dir));
            }
            Err(err) => {
                let kind = ParseErrorKind::Unreadable(format!("cannot list the folder: {err}"));
                failures.push(error_report(dir, None, kind));
            }
        }
    }
    children.sort();
    for (path, is_dir) in children {
        if is_dir {
            walk(&path, files, failures);
        } else {
            files.push(Candidate {
                path,
                origin: Origin::Found,
            });
        }
    }
}

/// Reads every file and folder in `paths`, in parallel, and reports on each file.
pub fn import_paths(paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    let (candidates, mut failures) = discover(paths);
    let mut files: Vec<FileReport> = candidates
        .par_iter()
        .map(|c| read_file(&c.path, c.origin, options))
        .collect();
    files.append(&mut failures);
    ImportReport { files }
}

/// Reads and parses one file.
pub fn read_file(path: &Path, origin: Origin, options: &ImportOptions) -> FileReport {
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes(&bytes, path, origin, options),
        Err(err) => error_report(path, None, ParseErrorKind::Unreadable(err.to_string())),
    }
}

/// Recognises the format of `bytes`, the contents of a file, from its first bytes.
pub fn detect(bytes: &[u8]) -> Option<SourceFormat> {
    if let Some(format) = runlift_xml::detect(bytes) {
        return match format {
            runlift_xml::XmlFormat::Gpx => Some(SourceFormat::Gpx),
            _ => None,
        };
    }
    match runlift_csv::detect(bytes) {
        Some(runlift_csv::CsvDialect::Strong) => Some(SourceFormat::StrongCsv),
        _ => None,
    }
}

/// Extensions that promise fitness data: a file found with one of them that holds something
/// else is an error, not a file to pass over.
const FITNESS_EXTENSIONS: &[&str] = &["gpx", "tcx", "fit"];

/// Detects the format of `bytes`, read from `path`, and parses them.
pub fn parse_bytes(bytes: &[u8], path: &Path, origin: Origin, options: &ImportOptions) -> FileReport {
    if bytes.is_empty() {
        return error_report(path, None, ParseErrorKind::Empty);
    }
    let Some(format) = detect(bytes) else {
        return unrecognised(bytes, path, origin);
    };
    let source = SourceRef::file(path, format);
    let result = match format {
        SourceFormat::Gpx => runlift_xml::parse_gpx(bytes, &source),
        SourceFormat::StrongCsv => runlift_csv::parse_strong(bytes, &source, &options.csv),
        _ => unreachable!("detect() only returns formats parsed here"),
    };
    match result {
        Ok(parsed) => parsed_report(path, format, parsed),
        Err(err) => FileReport {
            path: path.to_path_buf(),
            format: Some(format),
            status: FileStatus::Error,
            activities: Vec::new(),
            problems: vec![err],
            skip_reason: None,
            notes: Vec::new(),
        },
    }
}

fn parsed_report(path: &Path, format: SourceFormat, parsed: Parsed) -> FileReport {
    let status = if !parsed.warnings.is_empty() {
        FileStatus::Partial
    } else if parsed.activities.is_empty() {
        FileStatus::Skipped
    } else {
        FileStatus::Ok
    };
    let skip_reason = if parsed.activities.is_empty() {
        Some(
            parsed
                .nothing_to_import
                .unwrap_or_else(|| "the file holds no activity".to_owned()),
        )
    } else {
        None
    };
    FileReport {
        path: path.to_path_buf(),
        format: Some(format),
        status,
        activities: parsed.activities,
        problems: parsed.warnings,
        skip_reason,
        notes: parsed.notes,
    }
}

fn unrecognised(bytes: &[u8], path: &Path, origin: Origin) -> FileReport {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let what = describe_unknown(bytes, &extension);
    let promises_fitness = FITNESS_EXTENSIONS.contains(&extension.as_str());
    if origin == Origin::Named || promises_fitness {
        return error_report(path, None, ParseErrorKind::UnknownFormat(what));
    }
    FileReport {
        path: path.to_path_buf(),
        format: None,
        status: FileStatus::Skipped,
        activities: Vec::new(),
        problems: Vec::new(),
        skip_reason: Some(format!("not fitness data runlift reads ({what})")),
        notes: Vec::new(),
    }
}

/// A short description of what an unrecognised file seems to be, for its message.
fn describe_unknown(bytes: &[u8], extension: &str) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    // A FIT file's 12- or 14-byte header carries ".FIT" at offset 8.
    if head.get(8..12) == Some(b".FIT") {
        return "a FIT file; this version of runlift does not read FIT yet".to_owned();
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        if let Some(root) = first_element_name(trimmed) {
            return format!("an XML document whose root element is <{root}>; runlift reads GPX (<gpx>)");
        }
        return "an XML or HTML document runlift does not recognise".to_owned();
    }
    if extension == "csv" || (head.contains(&b',') && head.contains(&b'\n') && !head.contains(&0)) {
        let header = trimmed
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(80)
            .collect::<String>();
        return format!("a CSV whose header {header:?} matches no known export; runlift reads: Strong");
    }
    if head.contains(&0) || std::str::from_utf8(head).is_err() {
        return "binary data of an unknown kind".to_owned();
    }
    "text that is neither GPX nor a known CSV export".to_owned()
}

fn first_element_name(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .take(64)
            .collect();
        return (!name.is_empty()).then_some(name);
    }
}

fn error_report(path: &Path, format: Option<SourceFormat>, kind: ParseErrorKind) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        format,
        status: FileStatus::Error,
        activities: Vec::new(),
        problems: vec![ParseError::for_path(path, None, kind)],
        skip_reason: None,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_element_name_skips_declaration_doctype_and_comments() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<!-- saved page -->\n<html lang=\"en\">";
        assert_eq!(first_element_name(doc).as_deref(), Some("html"));
    }

    #[test]
    fn an_unknown_file_found_in_a_folder_is_skipped_but_a_named_one_is_an_error() {
        let options = ImportOptions::default();
        let found = parse_bytes(
            b"shopping list\n",
            Path::new("notes.txt"),
            Origin::Found,
            &options,
        );
        assert_eq!(found.status, FileStatus::Skipped);
        let named = parse_bytes(
            b"shopping list\n",
            Path::new("notes.txt"),
            Origin::Named,
            &options,
        );
        assert_eq!(named.status, FileStatus::Error);
        assert_eq!(
            named.problems[0].to_string(),
            "notes.txt: not a fitness file runlift can read (text that is neither GPX nor a known CSV export)"
        );
    }

    #[test]
    fn a_gpx_extension_that_holds_html_is_an_error_even_in_a_folder() {
        let html = b"<!DOCTYPE html><html><body>Sign in</body></html>";
        let report = parse_bytes(
            html,
            Path::new("run.gpx"),
            Origin::Found,
            &ImportOptions::default(),
        );
        assert_eq!(report.status, FileStatus::Error);
        assert!(
            report.problems[0].to_string().contains("root element is <html>"),
            "{}",
            report.problems[0]
        );
    }

    #[test]
    fn an_unknown_csv_names_the_dialects_runlift_reads() {
        let csv = b"when,what\n2026-01-01,run\n";
        let report = parse_bytes(
            csv,
            Path::new("log.csv"),
            Origin::Named,
            &ImportOptions::default(),
        );
        assert_eq!(report.status, FileStatus::Error);
        assert!(
            report.problems[0].to_string().contains("runlift reads: Strong"),
            "{}",
            report.problems[0]
        );
    }

    #[test]
    fn a_fit_file_is_named_as_such_until_runlift_reads_fit() {
        let header = [14, 0x20, 0x5c, 0x08, 0, 0, 0, 0, b'.', b'F', b'I', b'T', 0, 0];
        let report = parse_bytes(
            &header,
            Path::new("ride.fit"),
            Origin::Found,
            &ImportOptions::default(),
        );
        assert_eq!(report.status, FileStatus::Error);
        assert_eq!(
            report.problems[0].to_string(),
            "ride.fit: not a fitness file runlift can read (a FIT file; this version of runlift does not read FIT yet)"
        );
    }

    #[test]
    fn an_empty_file_is_an_error() {
        let report = parse_bytes(
            b"",
            Path::new("empty.gpx"),
            Origin::Found,
            &ImportOptions::default(),
        );
        assert_eq!(report.status, FileStatus::Error);
        assert_eq!(report.problems[0].to_string(), "empty.gpx: the file is empty");
    }

    #[test]
    fn a_missing_path_is_reported_and_the_others_still_listed() {
        let dir = std::env::temp_dir().join(format!("runlift-discover-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("b.gpx"), "x").unwrap();
        std::fs::write(dir.join("sub/a.csv"), "x").unwrap();
        std::fs::write(dir.join(".hidden"), "x").unwrap();
        let missing = dir.join("nope");
        let (files, failures) = discover(&[dir.clone(), missing.clone()]);
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|c| c.path.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        assert_eq!(names, vec![PathBuf::from("b.gpx"), PathBuf::from("sub/a.csv")]);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].path, missing);
    }
}
