//! `runlift plan` on the athlete fixture: the exact days, the iCalendar file, and the exit
//! code of a history too short to plan from.

use super::{json, runlift};

#[test]
fn plan_of_the_athlete_fixture_has_the_exact_days() {
    let out = runlift(&[
        "plan",
        "--as-of",
        "2026-02-15",
        "--tz",
        "Europe/Berlin",
        "--format",
        "json",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plan = json(&out.stdout);
    assert_eq!(plan["schema_version"], 1);
    assert_eq!(plan["week"], "2026-W08");
    let days: Vec<String> = plan["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let sessions: Vec<String> = d["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| match s["type"].as_str().unwrap() {
                    "run" => format!("{} {}", s["id"].as_str().unwrap(), s["distance_m"]),
                    _ => s["id"].as_str().unwrap().to_owned(),
                })
                .collect();
            format!(
                "{} {} {}",
                d["weekday"].as_str().unwrap(),
                d["date"].as_str().unwrap(),
                sessions.join(" + ")
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            "Mon 2026-02-16 run-easy 3900.0",
            "Tue 2026-02-17 rest",
            "Wed 2026-02-18 strength-core",
            "Thu 2026-02-19 rest",
            "Fri 2026-02-20 strength-upper-body",
            "Sat 2026-02-21 rest",
            "Sun 2026-02-22 run-long 9700.0",
        ]
    );
    // W07 raised a load spike: the week is lighter, and says why.
    assert!(
        plan["volume"]["lighter"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("load-spike in 2026-W07"),
        "{}",
        plan["volume"]
    );
}

#[test]
fn plan_as_ics_is_an_rfc_5545_calendar_with_one_event_per_session() {
    let out = runlift(&[
        "plan",
        "--as-of",
        "2026-02-15",
        "--tz",
        "Europe/Berlin",
        "--format",
        "ics",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ics = &out.stdout;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    // Every line ends with CRLF and is at most 75 octets.
    for line in ics.split_terminator("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
    // The date and session, and a hash of the volume the plan was made from (per athlete).
    let uid = ics
        .split("\r\n")
        .find(|l| l.starts_with("UID:20260222-run-long-"))
        .unwrap_or_else(|| panic!("no UID of the long run in {ics}"));
    assert!(
        uid.ends_with("@runlift") && uid.len() == "UID:20260222-run-long-".len() + 16 + 8,
        "{uid}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20260222\r\nDTEND;VALUE=DATE:20260223\r\n"));
    // The end of 2026-02-15 in Berlin, in UTC.
    assert_eq!(ics.matches("DTSTAMP:20260215T230000Z\r\n").count(), 4);
    // Commas and semicolons in text are escaped.
    assert!(
        ics.contains("SUMMARY:Strength: core (lower body 2\\, core 6\\, upper body 0 sets\\; 24 min)\r\n"),
        "{ics}"
    );
}

#[test]
fn plan_of_a_history_too_short_exits_1_and_says_what_it_needs() {
    let out = runlift(&[
        "plan",
        "--as-of",
        "2026-01-20",
        "--tz",
        "Europe/Berlin",
        "-q",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains(
            "runlift: error: history too short: needs 3 complete weeks with runs (of the last 4 before 2026-01-26), has 1"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn plan_of_an_old_export_says_where_its_data_ends() {
    let out = runlift(&[
        "plan",
        "--as-of",
        "2026-12-04",
        "--tz",
        "Europe/Berlin",
        "fixtures/athlete",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "has 0; the data ends on 2026-02-14: to plan the week after it, use --as-of 2026-02-14\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_html_report_ends_the_weeks_with_the_plan_or_says_why_there_is_none() {
    let page = runlift(&[
        "report",
        "--format",
        "html",
        "--as-of",
        "2026-02-15",
        "--tz",
        "Europe/Berlin",
        "fixtures/athlete",
    ]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.contains("<h2 id=\"plan\">Plan for 2026-W08</h2>"),
        "{}",
        page.stdout
    );
    assert!(
        page.stdout
            .contains("<tr><td>Sun 2026-02-22</td><td>Long run 9.7 km (57 min)</td>"),
        "{}",
        page.stdout
    );
    let old = runlift(&[
        "report",
        "--format",
        "html",
        "--as-of",
        "2026-12-04",
        "--tz",
        "Europe/Berlin",
        "fixtures/athlete",
    ]);
    assert!(
        old.stdout
            .contains("<p class=\"note\">No plan: history too short: needs 3 complete weeks with runs"),
        "{}",
        old.stdout
    );
}
