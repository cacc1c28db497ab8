//! What the binary tells on stderr about the inputs: a progress bar while reading (only on a
//! terminal), then one summary line and every file that failed, was only partly read or, with
//! `--verbose`, was skipped, as text or as JSON lines (`--errors json`).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use runlift_import::{FileReport, FileStatus, ImportReport, Progress};
use runlift_model::Position;
use runlift_report::terminal_safe;
use serde_json::json;

/// How problems with input files are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorsFormat {
    /// One line per problem, for people.
    Text,
    /// One JSON object per line, for scripts: path, inner_path, status, position, message.
    Json,
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub struct Bar {
    bar: ProgressBar,
    files: AtomicUsize,
    done: AtomicUsize,
}

impl Bar {
    /// A bar that shows only on a terminal and never when `quiet`.
    pub fn new(quiet: bool) -> Bar {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let style = ProgressStyle::with_template("{bar:30} {msg} {binary_bytes_per_sec} eta {eta}")
            .expect("the template is valid")
            .progress_chars("=> ");
        bar.set_style(style);
        Bar {
            bar,
            files: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }

    /// Removes the bar before the report is written.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, files: usize, bytes: u64) {
        self.files.store(files, Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{files} files"));
    }

    fn file_done(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.inc(bytes);
        self.bar
            .set_message(format!("{done}/{} files", self.files.load(Ordering::Relaxed)));
    }
}

/// Writes the summary line and the problems of `imported` to stderr.
pub fn print(imported: &ImportReport, verbose: bool, errors: ErrorsFormat) {
    let mut stderr = std::io::stderr().lock();
    let formats: Vec<String> = imported
        .count_by_format()
        .iter()
        .map(|(format, n)| format!("{n} {format}"))
        .collect();
    let formats = if formats.is_empty() {
        String::new()
    } else {
        format!(" ({})", formats.join(", "))
    };
    let skipped = imported.count(FileStatus::Skipped);
    // Format names are runlift's own, and the counts numbers: nothing here comes from the data.
    let _ = writeln!(
        stderr,
        "runlift: read {} file{}{formats}: {} ok, {} partial, {} failed, {} skipped; {} activities",
        imported.files.len(),
        if imported.files.len() == 1 { "" } else { "s" },
        imported.count(FileStatus::Ok),
        imported.count(FileStatus::Partial),
        imported.count(FileStatus::Error),
        skipped,
        imported.activities().count(),
    );
    for file in &imported.files {
        let listed = match file.status {
            FileStatus::Error | FileStatus::Partial => true,
            FileStatus::Skipped => verbose,
            FileStatus::Ok => false,
        };
        if !listed {
            continue;
        }
        for line in problem_lines(file, errors) {
            let _ = writeln!(stderr, "{line}");
        }
    }
    if skipped > 0 && !verbose && errors == ErrorsFormat::Text {
        let _ = writeln!(
            stderr,
            "runlift: --verbose lists the {skipped} skipped file(s) and why"
        );
    }
}

/// Writes only the problems of `imported` (for `--quiet`): failed and partly read files.
pub fn print_problems_only(imported: &ImportReport, errors: ErrorsFormat) {
    let mut stderr = std::io::stderr().lock();
    for file in imported
        .files
        .iter()
        .filter(|f| matches!(f.status, FileStatus::Error | FileStatus::Partial))
    {
        for line in problem_lines(file, errors) {
            let _ = writeln!(stderr, "{line}");
        }
    }
}

/// The lines telling what became of `file`. Text lines pass [`terminal_safe`]: they hold the
/// file's path and may quote its content, and a name with a newline or an escape sequence must
/// neither forge a line nor steer the terminal. JSON lines are escaped by JSON itself.
fn problem_lines(file: &FileReport, errors: ErrorsFormat) -> Vec<String> {
    let mut lines = Vec::new();
    if errors == ErrorsFormat::Json {
        let mut push = |position: Option<Position>, message: String| {
            let (line, column, record, byte) = match position {
                Some(Position::Line { line, column }) => (Some(line), column, None, None),
                Some(Position::Record { record, line }) => (Some(line), None, Some(record), None),
                Some(Position::Byte(byte)) => (None, None, None, Some(byte)),
                None => (None, None, None, None),
            };
            let object = json!({
                "path": file.path.display().to_string(),
                "inner_path": file.inner_path,
                "status": file.status.name(),
                "line": line,
                "column": column,
                "record": record,
                "byte": byte,
                "message": message,
            });
            lines.push(object.to_string());
        };
        for problem in &file.problems {
            push(problem.position(), problem.kind().to_string());
        }
        if let Some(reason) = &file.skip_reason {
            push(None, reason.clone());
        }
        return lines;
    }
    match file.status {
        FileStatus::Error => lines.extend(file.problems.iter().map(|p| format!("error: {p}"))),
        FileStatus::Partial => lines.extend(
            file.problems
                .iter()
                .map(|p| format!("warning: {p} (the rest of the file was read)")),
        ),
        FileStatus::Skipped => {
            let reason = file.skip_reason.as_deref().unwrap_or("no activity in it");
            lines.push(format!("skipped: {}: {reason}", file.display_name()));
        }
        FileStatus::Ok => {}
    }
    lines.iter().map(|line| terminal_safe(line)).collect()
}
