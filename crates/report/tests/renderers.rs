//! The five renderers on histories whose truth is known: the JSON against its documented schema
//! (docs/report-json.md), the HTML parsed for its charts and its escaping, the CSV and
//! Markdown for their neutralising, the table for its width.

mod support {
    pub mod history;
}

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use jiff::civil::Date;
use quick_xml::events::Event;
use runlift_analysis::{AnalysisOptions, BalanceReport, analyse};
use runlift_model::{Activity, ImportReport, SourceFormat, SourceRef, Sport, StrengthSet};
use runlift_report::{
    MAX_WIDTH, TableOptions, balance_csv, balance_html, balance_json, balance_markdown, balance_table,
};
use serde_json::Value;

fn report_of(activities: &[Activity]) -> BalanceReport {
    analyse(activities, &AnalysisOptions::default()).unwrap()
}

/// Half a year of the generated history, with warnings of several kinds.
fn half_year() -> BalanceReport {
    report_of(&support::history::history(Date::constant(2025, 7, 7), 26, 42))
}

/// A session with an exercise named like markup and like a spreadsheet formula.
fn hostile_session() -> Activity {
    let mut session = Activity::new(
        Sport::StrengthTraining,
        "2026-01-06T18:00:00Z".parse().unwrap(),
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
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["summary"]["warnings"], report.warnings.len());
    assert_eq!(json["summary"]["weeks"], report.weeks.len());

    // An empty report: no history, no worst severity.
    let empty: Value =
        serde_json::from_str(&balance_json(&report_of(&[]), Some(&ImportReport::default()))).unwrap();
    check_object(&empty, "top level", &schema);
    assert_eq!(empty["history"], Value::Null);
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
    // One row per week in the table.
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
    assert_eq!(header.len(), 29);
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
    formula.sets.retain(|s| s.exercise_name.starts_with('='));
    let csv = balance_csv(&report_of(&[formula]));
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), "{csv}");
}

#[test]
fn markdown_is_a_table_of_weeks_and_the_warnings_with_names_escaped() {
    let report = half_year();
    let markdown = balance_markdown(&report);
    let table_rows = markdown.lines().filter(|l| l.starts_with("| 20")).count();
    assert_eq!(table_rows, report.weeks.len());
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
    let report = report_of(&support::history::ten_years());
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
        report.weeks.len()
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
