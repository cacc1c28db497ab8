//! The five renderers on histories whose truth is known, each made as of a fixed moment: the
//! JSON against its documented schema (docs/report-json.md), the HTML parsed for its charts and
//! its escaping, the CSV and Markdown for their neutralising, the table for its width; and in
//! every format the weeks in progress, the week's to-do, the data quality and a long silence.

mod support {
    pub mod history;
}

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use quick_xml::events::Event;
use runlift_analysis::{AnalysisOptions, BalanceReport, analyse};
use runlift_model::{Activity, ImportReport, RunKind, SourceFormat, SourceRef, Sport, StrengthSet};
use runlift_report::{
    MAX_WIDTH, TableOptions, balance_csv, balance_html, balance_json, balance_markdown, balance_table,
};
use serde_json::Value;

/// `activities` reported as of `as_of` (RFC 3339), in UTC.
fn report_as_of(activities: &[Activity], as_of: &str) -> BalanceReport {
    let options = AnalysisOptions {
        as_of: as_of.parse::<Timestamp>().unwrap(),
        ..AnalysisOptions::default()
    };
    analyse(activities, &options).unwrap()
}

/// `activities` as of the end of 2026-W02 (Sunday 2026-01-11), the week of the hostile session.
fn report_of(activities: &[Activity]) -> BalanceReport {
    report_as_of(activities, "2026-01-12T00:00:00Z")
}

/// Half a year of the generated history, with warnings of several kinds, as of the end of its
/// last week.
fn half_year() -> BalanceReport {
    report_as_of(
        &support::history::history(Date::constant(2025, 7, 7), 26, 42),
        "2026-01-05T00:00:00Z",
    )
}

fn run(start: &str, minutes: u64, metres: Option<f64>) -> Activity {
    let mut run = Activity::new(
        Sport::Running(RunKind::Road),
        start.parse().unwrap(),
        Duration::from_secs(minutes * 60),
        SourceRef::file("run.fit", SourceFormat::Fit),
    );
    run.distance_m = metres;
    run
}

/// A strength session of `sets` squats and push-ups (alternating), lasting `minutes` (zero:
/// the source recorded no duration).
fn lift(start: &str, minutes: u64, sets: usize) -> Activity {
    let mut session = Activity::new(
        Sport::StrengthTraining,
        start.parse().unwrap(),
        Duration::from_secs(minutes * 60),
        SourceRef::file("strong.csv", SourceFormat::StrongCsv),
    );
    for i in 0..sets {
        let mut set = StrengthSet::new(if i % 2 == 0 { "Squat (Barbell)" } else { "Push Up" });
        set.reps = Some(8);
        session.sets.push(set);
    }
    session
}

/// A session with an exercise named like markup and like a spreadsheet formula.
fn hostile_session() -> Activity {
    let mut session = Activity::new(
        Sport::StrengthTraining,
        // Monday: the history's first week is a whole one, and judged.
        "2026-01-05T18:00:00Z".parse().unwrap(),
        Duration::from_secs(1800),
        SourceRef::file("hostile.csv", SourceFormat::StrongCsv),
    );
    for name in [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil\")",
        "Squat",
    ] {
        let mut set = StrengthSet::new(name);
        set.reps = Some(5);
        session.sets.push(set);
    }
    session
}

// ---------------------------------------------------------------------------------------------
// JSON against docs/report-json.md.

/// One documented field: its JSON type and whether it may be null.
#[derive(Debug, Clone)]
struct FieldType {
    kind: String,
    nullable: bool,
}

/// The field tables of the `runlift report` section of docs/report-json.md, by object path
/// (`top level`, `weeks[]`, `weeks[].muscle_sets`, ...).
fn documented_schema() -> BTreeMap<String, BTreeMap<String, FieldType>> {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report-json.md");
    let doc = std::fs::read_to_string(&doc_path).expect("docs/report-json.md is in the repository");
    let section = doc
        .split("## `runlift report --format json`")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the report section");
    let mut schema: BTreeMap<String, BTreeMap<String, FieldType>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in section.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            current = Some(heading.trim().trim_matches('`').to_owned());
            continue;
        }
        let (Some(object), Some(row)) = (&current, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let (names, kind) = (cells[0], cells[1].trim());
        let (kind, nullable) = match kind.strip_suffix(" or null") {
            Some(kind) => (kind.to_owned(), true),
            None => (kind.to_owned(), false),
        };
        for name in names.split(", ") {
            let name = name.trim_matches('`').to_owned();
            schema.entry(object.clone()).or_default().insert(
                name,
                FieldType {
                    kind: kind.clone(),
                    nullable,
                },
            );
        }
    }
    schema
}

fn check_object(value: &Value, path: &str, schema: &BTreeMap<String, BTreeMap<String, FieldType>>) {
    let fields = schema
        .get(path)
        .unwrap_or_else(|| panic!("docs/report-json.md has no table for `{path}`"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("`{path}` is not an object: {value}"));
    let present: Vec<&String> = object.keys().collect();
    let documented: Vec<&String> = fields.keys().collect();
    let mut present_sorted = present.clone();
    present_sorted.sort();
    assert_eq!(
        present_sorted, documented,
        "fields of `{path}`: output vs docs/report-json.md"
    );
    for (name, field) in fields {
        let value = &object[name];
        let child = if path == "top level" {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        if value.is_null() {
            assert!(
                field.nullable,
                "`{child}` is null but not documented as `or null`"
            );
            continue;
        }
        match field.kind.as_str() {
            "integer" => assert!(
                value.is_u64() || value.is_i64(),
                "`{child}` is not an integer: {value}"
            ),
            "number" => assert!(value.is_number(), "`{child}` is not a number: {value}"),
            "string" => assert!(value.is_string(), "`{child}` is not a string: {value}"),
            "boolean" => assert!(value.is_boolean(), "`{child}` is not a boolean: {value}"),
            "array of strings" => assert!(
                value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
                "`{child}` is not an array of strings: {value}"
            ),
            "object of numbers" => assert!(
                value
                    .as_object()
                    .is_some_and(|o| o.values().all(Value::is_number)),
                "`{child}` is not an object of numbers: {value}"
            ),
            "object" => check_object(value, &child, schema),
            "array of objects" => {
                let items = value
                    .as_array()
                    .unwrap_or_else(|| panic!("`{child}` is not an array"));
                for item in items {
                    check_object(item, &format!("{child}[]"), schema);
                }
            }
            other => panic!("docs/report-json.md: unknown type {other:?} for `{child}`"),
        }
    }
}

#[test]
fn json_follows_its_documented_schema_field_for_field() {
    let schema = documented_schema();
    assert!(schema["weeks[]"].len() >= 25, "{:?}", schema["weeks[]"].keys());
    let mut activities = support::history::history(Date::constant(2025, 7, 7), 26, 42);
    activities.push(hostile_session());
    let report = report_of(&activities);
    // Both null and non-null shares and ratios, and several kinds of warning, are in it.
    assert!(report.weeks.iter().any(|w| w.acwr.is_none()));
    assert!(report.weeks.iter().any(|w| w.acwr.is_some()));
    let ids: std::collections::BTreeSet<&str> = report.warnings.iter().map(|w| w.id()).collect();
    assert!(ids.len() >= 4, "{ids:?}");
    let json: Value = serde_json::from_str(&balance_json(&report, Some(&ImportReport::default()))).unwrap();
    check_object(&json, "top level", &schema);
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["summary"]["warnings"], report.warnings.len());
    assert_eq!(json["summary"]["weeks"], report.weeks.len());
    assert_eq!(json["current_week"], Value::Null);
    assert_eq!(json["silence"], Value::Null);

    // Live reports: a week in progress with its to-do, and a long silence.
    for live in [to_do_history(), silent_history()] {
        assert!(live.current.is_some());
        let json: Value = serde_json::from_str(&balance_json(&live, Some(&ImportReport::default()))).unwrap();
        check_object(&json, "top level", &schema);
    }
    let silent: Value = serde_json::from_str(&balance_json(&silent_history(), None)).unwrap();
    assert!(silent["silence"].is_object());

    // An empty report: no history, no worst severity.
    let empty: Value =
        serde_json::from_str(&balance_json(&report_of(&[]), Some(&ImportReport::default()))).unwrap();
    check_object(&empty, "top level", &schema);
    assert_eq!(empty["history"], Value::Null);
}

#[test]
fn the_documented_example_is_schema_2_and_lists_every_new_field() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report-json.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    assert!(doc.contains("\"schema_version\": 2,"));
    assert!(doc.contains("## Changes in schema 2"));
    let schema = documented_schema();
    for field in ["as_of", "silence", "current_week"] {
        assert!(schema["top level"].contains_key(field), "{field}");
    }
    for field in [
        "status",
        "in_progress",
        "days_elapsed",
        "run_load",
        "strength_load",
        "races",
        "taper",
        "quality",
    ] {
        assert!(schema["weeks[]"].contains_key(field), "{field}");
    }
}

#[test]
fn the_schema_check_catches_an_undocumented_field_and_a_wrong_type() {
    let schema = documented_schema();
    let report = half_year();
    let mut json: Value =
        serde_json::from_str(&balance_json(&report, Some(&ImportReport::default()))).unwrap();
    json["weeks"][0]["surprise"] = Value::from(1);
    assert!(std::panic::catch_unwind(|| check_object(&json, "top level", &schema)).is_err());
    json["weeks"][0].as_object_mut().unwrap().remove("surprise");
    json["weeks"][0]["runs"] = Value::from("three");
    assert!(std::panic::catch_unwind(|| check_object(&json, "top level", &schema)).is_err());
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// The elements of a page (name, attributes), read with an XML parser: the page must be
/// well-formed, and anything from the data that became markup would show up here.
fn elements(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.unescape_value().unwrap().into_owned(),
                        )
                    })
                    .collect();
                found.push((name, attributes));
            }
            Ok(Event::Eof) => return found,
            Ok(_) => {}
            Err(err) => panic!(
                "the page is not well-formed at byte {}: {err}",
                reader.buffer_position()
            ),
        }
    }
}

fn count(elements: &[(String, BTreeMap<String, String>)], name: &str, class: &str) -> usize {
    elements
        .iter()
        .filter(|(n, a)| n == name && a.get("class").is_some_and(|c| c.split(' ').any(|c| c == class)))
        .count()
}

#[test]
fn html_has_its_three_charts_with_one_mark_per_week_and_warning() {
    let report = half_year();
    let html = balance_html(&report, None);
    let page = elements(&html);
    let svg_ids: Vec<&str> = page
        .iter()
        .filter(|(n, _)| n == "svg")
        .filter_map(|(_, a)| a.get("id").map(String::as_str))
        .collect();
    assert_eq!(svg_ids, ["chart-time", "chart-muscles", "chart-warnings"]);
    let weeks = report.weeks.len();
    let with_runs = report.weeks.iter().filter(|w| w.runs > 0).count();
    let with_strength = report.weeks.iter().filter(|w| w.strength_sessions > 0).count();
    assert_eq!(count(&page, "g", "week"), weeks);
    assert_eq!(count(&page, "rect", "run"), with_runs);
    assert_eq!(count(&page, "rect", "strength"), with_strength);
    // Four rows of cells (three groups and the unclassified) per week.
    assert_eq!(count(&page, "rect", "cell"), 4 * weeks);
    assert_eq!(count(&page, "circle", "warning"), report.warnings.len());
    assert!(count(&page, "polyline", "share") >= 1);
    assert_eq!(count(&page, "rect", "goal-band"), 1);
    // One row per week in the table (no stretch of three empty weeks in this history).
    assert_eq!(report.rows().len(), weeks);
    let rows = page.iter().filter(|(n, _)| n == "tr").count();
    assert_eq!(rows, weeks + 1);
}

#[test]
fn html_escapes_an_exercise_named_script_and_fetches_nothing() {
    let report = report_of(&[hostile_session()]);
    assert_eq!(report.weeks[0].unclassified_exercises.len(), 2);
    let html = balance_html(&report, None);
    let page = elements(&html);
    assert!(page.iter().all(|(n, _)| n != "script"), "a script element got in");
    assert!(!html.contains("<script"), "raw <script in the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http://evil&quot;)"));
    // Self-contained: no script, stylesheet, image or font is loaded from anywhere.
    for (name, attributes) in &page {
        for key in ["src", "href"] {
            assert!(
                !attributes.contains_key(key),
                "<{name} {key}=...> loads something"
            );
        }
    }
    assert!(!html.contains("url("), "CSS loads something");
    assert!(!html.contains("@import"));
}

// ---------------------------------------------------------------------------------------------
// CSV, Markdown, table.

#[test]
fn csv_has_one_row_per_week_and_neutralises_formulas() {
    let report = report_of(&[hostile_session()]);
    let csv = balance_csv(&report);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "week");
    assert_eq!(header.len(), 40);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = &rows[0];
    assert_eq!(&row[column("week")], "2026-W02");
    assert_eq!(&row[column("working_sets")], "3");
    assert_eq!(&row[column("unclassified_sets")], "2");
    assert_eq!(
        &row[column("unclassified_exercises")],
        "<script>alert(1)</script>; =HYPERLINK(\"http://evil\")"
    );
    // A week of strength alone: 100 % strength share.
    assert_eq!(&row[column("warnings")], "balance-band");

    // A week whose first unclassified name is a formula.
    let mut formula = hostile_session();
    formula.sets.retain(|s| s.name().starts_with('='));
    let csv = balance_csv(&report_of(&[formula]));
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), "{csv}");
}

#[test]
fn markdown_is_a_table_of_weeks_and_the_warnings_with_names_escaped() {
    let report = half_year();
    let markdown = balance_markdown(&report);
    let table_rows = markdown.lines().filter(|l| l.starts_with("| 20")).count();
    assert_eq!(table_rows, report.rows().len());
    assert_eq!(report.rows().len(), report.weeks.len());
    let listed = markdown.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(listed, report.warnings.len());
    let hostile = balance_markdown(&report_of(&[hostile_session()]));
    assert!(
        hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{hostile}"
    );
    assert!(!hostile.contains("<script"));
}

#[test]
fn the_table_fits_100_columns_over_ten_years_and_colours_only_when_asked() {
    let report = report_as_of(&support::history::ten_years(), "2026-01-05T00:00:00Z");
    assert!(report.weeks.len() >= 520);
    let plain = balance_table(&report, &TableOptions::default());
    for line in plain.lines() {
        assert!(
            line.chars().count() <= MAX_WIDTH,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    assert!(!plain.contains('\x1b'));
    assert_eq!(
        plain.lines().filter(|l| l.starts_with("20")).count(),
        report.rows().len()
    );
    let coloured = balance_table(
        &report,
        &TableOptions {
            color: true,
            ..TableOptions::default()
        },
    );
    assert!(coloured.contains("\x1b[1m"));
    // Without escapes, the coloured table is the plain one.
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, plain);
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_table_lists_the_recent_warnings_and_counts_the_earlier_ones() {
    let report = half_year();
    let table = balance_table(&report, &TableOptions::default());
    let last_four = report.weeks[report.weeks.len() - 4].week_start;
    let recent = report
        .warnings
        .iter()
        .filter(|w| w.week_start >= last_four)
        .count();
    let earlier = report.warnings.len() - recent;
    let listed = table
        .lines()
        .filter(|l| l.starts_with("  info [") || l.starts_with("  warning [") || l.starts_with("  alert ["))
        .count();
    assert_eq!(listed, recent, "{table}");
    if earlier > 0 {
        assert!(table.contains(&format!("{earlier} earlier warning")), "{table}");
    }
    let sparkline = table.lines().find(|l| l.starts_with("Last ")).unwrap();
    assert!(sparkline.starts_with("Last 26 weeks: run "), "{sparkline}");
}

/// Exercise names an attacker would write into a gym log: spreadsheet formulas (DDE and
/// hyperlinks) and markup that breaks out of an attribute.
const HOSTILE_NAMES: [&str; 8] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "\"><img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
];

fn session_with(name: &str) -> Activity {
    let mut session = hostile_session();
    session.sets.clear();
    let mut set = StrengthSet::new(name);
    set.reps = Some(5);
    session.sets.push(set);
    session
}

#[test]
fn csv_neutralises_every_formula_prefix_a_name_can_start_with() {
    for name in HOSTILE_NAMES {
        let csv = balance_csv(&report_of(&[session_with(name)]));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = header.iter().position(|h| h == "unclassified_exercises").unwrap();
        let row = reader.records().next().unwrap().unwrap();
        let expected = if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{name}")
        } else {
            name.to_owned()
        };
        assert_eq!(&row[column], expected, "{name:?}");
    }
}

#[test]
fn html_escapes_every_hostile_name_so_no_element_or_handler_gets_in() {
    for name in HOSTILE_NAMES {
        let html = balance_html(&report_of(&[session_with(name)]), None);
        let page = elements(&html);
        for (element, attributes) in &page {
            assert!(
                !["img", "script"].contains(&element.as_str()),
                "<{element}> from {name:?}"
            );
            assert!(
                attributes.keys().all(|k| !k.starts_with("on")),
                "an event handler on <{element}> from {name:?}"
            );
        }
        assert!(!html.contains("<img"), "{name:?}");
    }
    let html = balance_html(&report_of(&[session_with(HOSTILE_NAMES[6])]), None);
    assert!(
        html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// Live reports: weeks in progress, the week's to-do, data quality, a long silence.

/// A history that begins on Wednesday 2025-12-31 (2026-W01, a partial first week: 5 of its 7
/// days) and is reported on Friday 2026-01-09 at 18:00, day 5 of 2026-W02.
fn partial_and_in_progress() -> BalanceReport {
    report_as_of(
        &[
            run("2025-12-31T07:00:00Z", 30, Some(6000.0)),
            lift("2026-01-01T18:00:00Z", 40, 10),
            run("2026-01-06T07:00:00Z", 30, Some(6000.0)),
        ],
        "2026-01-09T18:00:00Z",
    )
}

#[test]
fn weeks_in_progress_and_a_partial_first_week_are_marked_in_every_format() {
    let report = partial_and_in_progress();
    assert_eq!(report.weeks.len(), 2);

    let json: Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
    let weeks = &json["weeks"];
    assert_eq!(weeks[0]["week"], "2026-W01");
    assert_eq!(weeks[0]["status"], "partial_start");
    assert_eq!(weeks[0]["in_progress"], false);
    assert_eq!(weeks[0]["days"], 5);
    assert_eq!(weeks[0]["days_elapsed"], 7);
    assert_eq!(weeks[1]["status"], "in_progress");
    assert_eq!(weeks[1]["in_progress"], true);
    assert_eq!(weeks[1]["days"], 5);
    assert_eq!(weeks[1]["days_elapsed"], 5);
    assert_eq!(json["as_of"]["moment"], "2026-01-09T18:00:00Z");
    assert_eq!(json["as_of"]["day"], "2026-01-09");
    assert_eq!(json["as_of"]["day_over"], false);

    let csv = balance_csv(&report);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells = |name: &str| -> Vec<String> { rows.iter().map(|r| r[column(name)].to_owned()).collect() };
    assert_eq!(cells("status"), ["partial_start", "in_progress"]);
    assert_eq!(cells("in_progress"), ["false", "true"]);
    assert_eq!(cells("days_elapsed"), ["7", "5"]);

    let table = balance_table(&report, &TableOptions::default());
    assert!(table.lines().any(|l| l.starts_with("2026-W01*  ")), "{table}");
    assert!(table.lines().any(|l| l.starts_with("2026-W02*  ")), "{table}");
    assert!(
        table.contains(
            "* not a whole week: 2026-W01 (partial first week, 5 of 7 days), 2026-W02 (in progress, day 5 of 7);\n  checks that need a whole week leave them out.\n"
        ),
        "{table}"
    );

    let markdown = balance_markdown(&report);
    assert!(
        markdown.contains("\n| 2026-W01 (partial first week, 5 of 7 days) | 1 | 6.0 |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n| 2026-W02 (in progress, day 5 of 7) | 1 | 6.0 |"),
        "{markdown}"
    );

    let html = balance_html(&report, None);
    let page = elements(&html);
    assert_eq!(count(&page, "tr", "in-progress"), 1);
    assert_eq!(count(&page, "tr", "partial-start"), 1);
    assert_eq!(count(&page, "g", "in-progress"), 1);
    assert!(html.contains("<tr class=\"in-progress\"><td>2026-W02 <span class=\"status\">(in progress, day 5 of 7)</span></td>"), "{html}");
    assert!(html.contains("<span class=\"status\">(partial first week, 5 of 7 days)</span>"));
}

#[test]
fn a_history_begun_in_the_as_of_week_counts_its_days_from_monday() {
    // First activity on Wednesday, reported on Friday: 3 days of history, day 5 of the week.
    let report = report_as_of(
        &[run("2026-01-07T07:00:00Z", 30, Some(6000.0))],
        "2026-01-09T18:00:00Z",
    );
    let json: Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
    assert_eq!(json["weeks"][0]["status"], "in_progress");
    assert_eq!(json["weeks"][0]["days"], 3);
    assert_eq!(json["weeks"][0]["days_elapsed"], 5);
    assert_eq!(json["current_week"]["days_elapsed"], 5);
    assert!(balance_markdown(&report).contains("\n| 2026-W02 (in progress, day 5 of 7) |"));
}

#[test]
fn a_finished_history_marks_no_week() {
    let report = half_year();
    assert!(report.weeks.iter().all(|w| w.is_complete()));
    let table = balance_table(&report, &TableOptions::default());
    assert!(!table.contains("* not a whole week"), "{table}");
    assert!(
        !table
            .lines()
            .any(|l| l.starts_with("20") && l.split(' ').next().unwrap().ends_with('*'))
    );
    assert!(!balance_markdown(&report).contains("in progress"));
    let page = elements(&balance_html(&report, None));
    assert_eq!(
        count(&page, "tr", "in-progress") + count(&page, "tr", "partial-start"),
        0
    );
}

/// Four complete weeks of two runs (28 km) and two strength sessions each, from Monday
/// 2026-01-05; then 2026-W06 on its Friday evening: two runs of 7.1 km and one session.
fn to_do_history() -> BalanceReport {
    let mut activities = Vec::new();
    for monday in ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"] {
        let day = |d: i64| -> String {
            let date: Date = monday.parse().unwrap();
            date.checked_add(jiff::Span::new().days(d)).unwrap().to_string()
        };
        activities.push(run(&format!("{}T07:00:00Z", day(0)), 70, Some(14_000.0)));
        activities.push(lift(&format!("{}T18:00:00Z", day(1)), 40, 10));
        activities.push(run(&format!("{}T07:00:00Z", day(3)), 70, Some(14_000.0)));
        activities.push(lift(&format!("{}T18:00:00Z", day(4)), 40, 10));
    }
    activities.push(run("2026-02-02T07:00:00Z", 40, Some(7100.0)));
    activities.push(lift("2026-02-03T18:00:00Z", 40, 10));
    activities.push(run("2026-02-04T07:00:00Z", 40, Some(7100.0)));
    report_as_of(&activities, "2026-02-06T18:00:00Z")
}

#[test]
fn the_week_in_progress_says_what_is_left_to_do_in_every_format() {
    let report = to_do_history();
    let line = "This week (2026-W06, in progress, day 5 of 7): 1 of 2 strength sessions, 2 days left; 2 runs, 14.2 km (4-week average 28.0 km).";

    let json: Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
    let expected: Value = serde_json::from_str(
        r#"{
            "week": "2026-W06",
            "week_start": "2026-02-02",
            "days_elapsed": 5,
            "days_left": 2,
            "strength_sessions": 1,
            "strength_goal": 2,
            "runs": 2,
            "run_distance_m": 14200.0,
            "trailing_run_distance_m": 28000.0,
            "rest_days": 2,
            "to_do": "1 of 2 strength sessions, 2 days left"
        }"#,
    )
    .unwrap();
    assert_eq!(json["current_week"], expected);

    let table = balance_table(&report, &TableOptions::default());
    assert!(
        table.contains(
            "This week (2026-W06, in progress, day 5 of 7): 1 of 2 strength sessions, 2 days left; 2 runs, 14.2\n  km (4-week average 28.0 km).\n"
        ),
        "{table}"
    );
    assert!(balance_markdown(&report).contains(&format!("\n{line}\n")));
    assert!(balance_html(&report, None).contains(&format!("<p class=\"note current\">{line}</p>")));

    // Information, not a warning: the unfinished week raises nothing.
    let current = report.weeks.last().unwrap().week_start;
    assert!(
        report.warnings.iter().all(|w| w.week_start != current),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_finished_week_has_no_to_do() {
    let report = half_year();
    assert!(report.current.is_none());
    assert!(!balance_table(&report, &TableOptions::default()).contains("This week ("));
    assert!(!balance_markdown(&report).contains("This week ("));
    assert!(!balance_html(&report, None).contains("This week ("));
}

/// One week (2026-W02) of a strength session without a duration (10 sets: 30 minutes at 180 s
/// a set), one without sets (45 minutes), a run without distance (30 minutes) and one with
/// (30 minutes, 6 km), none with a recorded effort; as of the end of the week.
fn estimated_week() -> BalanceReport {
    report_of(&[
        lift("2026-01-05T18:00:00Z", 0, 10),
        lift("2026-01-07T18:00:00Z", 45, 0),
        run("2026-01-06T07:00:00Z", 30, None),
        run("2026-01-08T07:00:00Z", 30, Some(6000.0)),
    ])
}

#[test]
fn data_quality_and_both_loads_appear_in_every_format() {
    let report = estimated_week();

    let json: Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
    let week = &json["weeks"][0];
    let expected: Value = serde_json::from_str(
        r#"{ "estimated_duration": 1, "default_effort": 4, "runs_without_distance": 1, "strength_without_sets": 1 }"#,
    )
    .unwrap();
    assert_eq!(week["quality"], expected);
    assert_eq!(week["strength_time_s"], 4500);
    // Runs: 60 minutes at effort 5; strength: 75 minutes at effort 6.
    assert_eq!(week["run_load"], 300.0);
    assert_eq!(week["strength_load"], 450.0);
    assert_eq!(week["load"], 750.0);

    let csv = balance_csv(&report);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(cell("estimated_duration"), "1");
    assert_eq!(cell("default_effort"), "4");
    assert_eq!(cell("runs_without_distance"), "1");
    assert_eq!(cell("strength_without_sets"), "1");
    assert_eq!(cell("run_load"), "300");
    assert_eq!(cell("strength_load"), "450");
    assert_eq!(&header[header.len() - 1], "warnings");

    let quality = "Data quality: 1 strength session timed from its sets, 4 sessions with the default effort, 1 run without distance, 1 strength session without sets.";
    let legend = "~ strength time estimated from sets (1 session, 180 s a set).";
    let table = balance_table(&report, &TableOptions::default());
    let row = table.lines().find(|l| l.starts_with("2026-W02")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    // Week, runs, km, run h, hard, strength, strength h, sets, L/C/U, run load, strength load.
    assert_eq!(
        cells[..11],
        [
            "2026-W02", "2", "6.0", "1:00", "0", "2", "~1:15", "10", "5/0/5", "300", "450"
        ]
    );
    assert!(table.contains(&format!("\n{legend}\n")), "{table}");
    assert!(
        table.contains(
            "Data quality: 1 strength session timed from its sets, 4 sessions with the default effort, 1 run\n  without distance, 1 strength session without sets.\n"
        ),
        "{table}"
    );

    let markdown = balance_markdown(&report);
    assert!(markdown.contains("| 2 | \\~1:15 | 10 |"), "{markdown}");
    assert!(
        markdown.contains("\n\\~ strength time estimated from sets (1 session, 180 s a set).  \n"),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("\n{quality}\n")), "{markdown}");

    let html = balance_html(&report, None);
    assert!(
        html.contains("<td class=\"estimated\" title=\"estimated from the sets of 1 session\">~1:15</td>"),
        "{html}"
    );
    assert!(html.contains(&format!("<p class=\"legend-note\">{legend}</p>")));
    assert!(html.contains("<td class=\"text\">1 strength session timed from its sets, 4 sessions with the default effort, 1 run without distance, 1 strength session without sets</td>"));
    assert!(html.contains(&format!(" {quality}</footer>")), "{html}");
}

#[test]
fn recorded_figures_leave_no_quality_line() {
    let mut recorded = run("2026-01-06T07:00:00Z", 30, Some(6000.0));
    recorded.perceived_effort = Some(4.0);
    let report = report_of(&[recorded]);
    assert!(report.weeks[0].quality.is_complete());
    assert!(!balance_table(&report, &TableOptions::default()).contains("Data quality"));
    assert!(!balance_markdown(&report).contains("Data quality"));
    assert!(!balance_html(&report, None).contains("Data quality:"));
}

/// Two weeks of data (2026-W02 and W03, the last run on 2026-01-13), reported on Thursday
/// 2026-12-03 at noon (2026-W49): 46 weeks without data, 2026-W04 to W49.
fn silent_history() -> BalanceReport {
    report_as_of(
        &[
            run("2026-01-06T07:00:00Z", 30, Some(6000.0)),
            lift("2026-01-08T18:00:00Z", 40, 10),
            run("2026-01-13T07:00:00Z", 30, Some(6000.0)),
        ],
        "2026-12-03T12:00:00Z",
    )
}

#[test]
fn a_long_silence_is_one_line_for_people_and_every_week_for_machines() {
    let report = silent_history();
    assert_eq!(report.weeks.len(), 48);
    let note = "No activity recorded since 2026-01-13 (323 days before 2026-12-03). If this export is old, report as of its last day: --as-of 2026-01-13.";
    assert_eq!(report.silence_note().as_deref(), Some(note));

    let json: Value = serde_json::from_str(&balance_json(&report, None)).unwrap();
    assert_eq!(json["weeks"].as_array().unwrap().len(), 48);
    let expected: Value = serde_json::json!({
        "last_activity": "2026-01-13",
        "days": 323,
        "first_empty_week": "2026-W04",
        "first_empty_week_start": "2026-01-19",
        "empty_weeks": 46,
        "note": note,
    });
    assert_eq!(json["silence"], expected);

    let csv = balance_csv(&report);
    assert_eq!(csv.lines().count(), 1 + 48);

    let table = balance_table(&report, &TableOptions::default());
    let week_lines: Vec<&str> = table.lines().filter(|l| l.starts_with("2026-W")).collect();
    assert_eq!(week_lines.len(), 3, "{table}");
    assert_eq!(
        week_lines[2],
        "2026-W04 – 2026-W49: no data (46 weeks; 2026-W49 in progress, day 4 of 7)"
    );
    // The week in progress is inside the stretch, which says so; the legend of the `*` names
    // only the weeks shown with one (the history began on a Tuesday).
    assert!(
        table.contains(
            "\n* not a whole week: 2026-W02 (partial first week, 6 of 7 days); checks that need a whole week leave\n  it out.\n"
        ),
        "{table}"
    );
    assert!(
        table.contains("\nLast 26 weeks: no running or strength time recorded.\n"),
        "{table}"
    );
    assert!(
        table.contains(
            "No activity recorded since 2026-01-13 (323 days before 2026-12-03). If this export is old, report as\n  of its last day: --as-of 2026-01-13.\n"
        ),
        "{table}"
    );

    let markdown = balance_markdown(&report);
    let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with("| 2026-W")).collect();
    assert_eq!(rows.len(), 3, "{markdown}");
    assert_eq!(
        rows[2],
        "| 2026-W04 – 2026-W49 | no data (46 weeks; 2026-W49 in progress, day 4 of 7) | | | | | | | | | | | | | |"
    );
    // As many cells as the header.
    let header = markdown.lines().find(|l| l.starts_with("| Week |")).unwrap();
    assert_eq!(rows[2].matches(" |").count(), header.matches(" |").count());
    assert!(markdown.contains(&format!("\n> {note}\n")), "{markdown}");

    let html = balance_html(&report, None);
    let page = elements(&html);
    assert_eq!(count(&page, "tr", "empty"), 1);
    assert_eq!(page.iter().filter(|(n, _)| n == "tr").count(), 1 + 3);
    assert!(html.contains("<tr class=\"empty\"><td>2026-W04 – 2026-W49</td><td class=\"text\" colspan=\"22\">no data (46 weeks; 2026-W49 in progress, day 4 of 7)</td></tr>"), "{html}");
    assert!(html.contains(&format!("<p class=\"note silence\">{note}</p>")));
    // The charts keep one slot per week.
    assert_eq!(count(&page, "g", "week"), 48);
}

#[test]
fn two_empty_weeks_stay_two_rows() {
    // Data in 2026-W02 and W05, none in W03 and W04: too short a stretch to fold.
    let report = report_as_of(
        &[
            run("2026-01-06T07:00:00Z", 30, Some(6000.0)),
            run("2026-01-27T07:00:00Z", 30, Some(6000.0)),
        ],
        "2026-02-02T00:00:00Z",
    );
    assert_eq!(report.weeks.len(), 4);
    assert!(report.silence.is_none());
    let table = balance_table(&report, &TableOptions::default());
    assert_eq!(
        table.lines().filter(|l| l.starts_with("2026-W")).count(),
        4,
        "{table}"
    );
    assert!(!table.contains("no data"));
    let markdown = balance_markdown(&report);
    assert_eq!(markdown.lines().filter(|l| l.starts_with("| 2026-W")).count(), 4);
}
