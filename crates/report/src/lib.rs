//! Renders what runlift computed and read, as text: the weekly balance in five formats and the
//! per-file inspection. Renderers return strings and never print: the binary decides where
//! they go.
//!
//! - [`balance_table`]: a terminal table in at most 100 columns, with a sparkline of run
//!   against strength time, the week in progress and the warnings of the last weeks; colour
//!   is an option ([`TableOptions`]).
//! - [`balance_json`]: JSON with a [`SCHEMA_VERSION`], documented field by field in
//!   `docs/report-json.md`, a contract that scripts rely on.
//! - [`balance_csv`]: one row per week; cells a spreadsheet would run as formulas are
//!   neutralised ([`neutralise_formula`]), and control characters other than tabs and line
//!   breaks replaced.
//! - [`balance_markdown`]: for a CI job summary or a note.
//! - [`balance_html`]: one self-contained page with SVG charts, everything from the data
//!   escaped ([`html_escape`]).
//! - [`inspect_text`] and [`inspect_json`]: what was parsed from each file.
//! - [`team_table`], [`team_json`], [`team_csv`], [`team_markdown`] and [`team_html`]: a
//!   coach's view, one [`TeamLine`] per athlete for the week in progress and the last one.
//! - [`terminal_safe`]: text from the data (paths, names, messages) with control characters
//!   written out visibly, for everything printed to a terminal.
//!
//! All of them render the same [`runlift_analysis::BalanceReport`], made as of a moment, so
//! they never disagree. Each marks the weeks that are not whole (the week in progress, a
//! history's partial first week), says what the week in progress still needs
//! ([`runlift_analysis::BalanceReport::current`]), where the data ends when it ends long before
//! the as-of day ([`runlift_analysis::BalanceReport::silence_note`]), and how much of the
//! figures rests on estimates ([`runlift_analysis::DataQuality`]). The formats for people show
//! a long stretch of empty weeks as one line ([`runlift_analysis::BalanceReport::rows`]); JSON
//! and CSV list every week.
//!
//! ```
//! use std::time::Duration;
//! use runlift_analysis::{analyse, AnalysisOptions};
//! use runlift_model::{Activity, RunKind, SourceFormat, SourceRef, Sport};
//! use runlift_report::{balance_csv, balance_json, balance_markdown};
//!
//! let mut run = Activity::new(
//!     Sport::Running(RunKind::Road),
//!     "2026-01-05T07:00:00Z".parse().unwrap(),
//!     Duration::from_secs(1800),
//!     SourceRef::file("run.gpx", SourceFormat::Gpx),
//! );
//! run.distance_m = Some(6000.0);
//! // As of the end of that Sunday: the week, a whole one, is over and judged.
//! let options = AnalysisOptions {
//!     as_of: "2026-01-12T00:00:00Z".parse().unwrap(),
//!     ..AnalysisOptions::default()
//! };
//! let report = analyse(&[run.clone()], &options).unwrap();
//!
//! let json: serde_json::Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
//! assert_eq!(json["schema_version"], 2);
//! assert_eq!(json["as_of"]["day"], "2026-01-11");
//! assert_eq!(json["weeks"][0]["run_distance_m"], 6000.0);
//! assert_eq!(json["weeks"][0]["status"], "complete");
//! assert_eq!(json["warnings"][0]["id"], "strength-missing");
//!
//! let csv = balance_csv(&report);
//! assert!(csv.lines().nth(1).unwrap().starts_with("2026-W02,2026-01-05,7,6,1,6000,1800,"));
//!
//! // On its Friday evening the week is in progress: a to-do, not a warning.
//! let friday = AnalysisOptions {
//!     as_of: "2026-01-09T18:00:00Z".parse().unwrap(),
//!     ..AnalysisOptions::default()
//! };
//! let report = analyse(&[run], &friday).unwrap();
//! let markdown = balance_markdown(&report);
//! assert!(markdown.contains("| 2026-W02 (in progress, day 5 of 7) | 1 | 6.0 |"));
//! assert!(markdown.contains(
//!     "This week (2026-W02, in progress, day 5 of 7): 0 of 2 strength sessions, 2 days left; 1 run, 6.0 km."
//! ));
//! ```
#![deny(missing_docs)]

mod html;
mod inspect;
mod json;
mod markdown;
mod spreadsheet;
mod table;
mod team;
mod terminal;
mod text;

pub use html::{PlanSection, balance_html, balance_html_with_plan, html_escape};
pub use inspect::{inspect_json, inspect_text};
pub use json::{SCHEMA_VERSION, balance_json};
pub use markdown::{balance_markdown, markdown_escape};
pub use runlift_model::neutralise_formula;
pub use spreadsheet::balance_csv;
pub use table::{MAX_WIDTH, TableOptions, balance_table};
pub use team::{
    CHART_WEEKS, DataStopped, TEAM_SCHEMA_VERSION, Team, TeamLine, TeamWarning, TeamWeek, team_csv,
    team_html, team_json, team_markdown, team_table,
};
pub use terminal::terminal_safe;
pub use text::format_duration;
