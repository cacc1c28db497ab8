//! The Hevy, FitNotes and Strava readers on real exports from the shared corpus
//! (`/work/shared/corpus/csv`), against truth worked out here independently: a few lines of
//! quote-aware splitting, not the csv crate, and figures checked by hand.
//!
//! The corpus lives outside the repository; where it is absent the tests say so and pass.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use runlift_csv::{CsvDialect, CsvOptions, detect, parse};
use runlift_model::{Parsed, RunKind, SetKind, SourceRef, Sport, Venue};

/// The bytes of `name` in the corpus's `csv/` folder, or `None` (with a note) when absent.
fn corpus_file(name: &str) -> Option<Vec<u8>> {
    let path = runlift_corpus::corpus_path(&format!("csv/{name}"))?;
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn parse_file(name: &str, bytes: &[u8], dialect: CsvDialect) -> Parsed {
    assert_eq!(detect(bytes), Some(dialect), "{name}");
    let source = SourceRef::file(name, dialect.source_format());
    let parsed = parse(bytes, dialect, &source, &CsvOptions::default()).expect(name);
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None, "{name}");
    parsed
}

/// The records of a comma-separated text, fields unquoted: quotes start and end a field's
/// quoted part, `""` inside one is a quote, and commas and line breaks inside one are text.
fn split_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Rows of a split file as maps from the header's names (the first of each name).
fn rows_by_name(records: &[Vec<String>]) -> Vec<HashMap<&str, &str>> {
    let header = &records[0];
    records[1..]
        .iter()
        .map(|record| {
            let mut row = HashMap::new();
            for (name, value) in header.iter().zip(record) {
                row.entry(name.as_str()).or_insert(value.as_str());
            }
            row
        })
        .collect()
}

fn number(text: &str) -> f64 {
    if text.is_empty() {
        0.0
    } else {
        text.parse().unwrap()
    }
}

/// Minutes since some day of a Hevy time such as `15 Sep 2025, 07:48`, good for differences
/// within a month or across one month boundary (all the corpus needs).
fn hevy_minutes(text: &str) -> i64 {
    let (date, time) = text.split_once(", ").unwrap();
    let mut parts = date.split(' ');
    let day: i64 = parts.next().unwrap().parse().unwrap();
    let month = parts.next().unwrap();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_index = months.iter().position(|m| *m == month).unwrap() as i64;
    let (hour, minute) = time.split_once(':').unwrap();
    let days_before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month_index as usize];
    ((days_before + day) * 24 + hour.parse::<i64>().unwrap()) * 60 + minute.parse::<i64>().unwrap()
}

#[test]
fn hevy_export_matches_the_file_split_by_hand() {
    let Some(bytes) = corpus_file("hevy_sample_kg.csv") else {
        return;
    };
    let parsed = parse_file("hevy_sample_kg.csv", &bytes, CsvDialect::Hevy);
    let text = std::str::from_utf8(&bytes).unwrap();
    let records = split_records(text);
    let rows = rows_by_name(&records);

    // Truth: rows grouped by (start_time, title) in first-seen order.
    let mut order: Vec<(&str, &str)> = Vec::new();
    let mut groups: HashMap<(&str, &str), Vec<&HashMap<&str, &str>>> = HashMap::new();
    for row in &rows {
        let key = (row["start_time"], row["title"]);
        groups.entry(key).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        groups.get_mut(&key).unwrap().push(row);
    }
    assert_eq!(parsed.activities.len(), order.len());
    for (activity, key) in parsed.activities.iter().zip(&order) {
        let group = &groups[key];
        assert_eq!(activity.name.as_deref(), Some(key.1));
        assert_eq!(activity.sets.len(), group.len(), "{key:?}");
        let warm_ups = group.iter().filter(|r| r["set_type"] == "warmup").count();
        assert_eq!(activity.working_sets(), group.len() - warm_ups, "{key:?}");
        let reps: f64 = group.iter().map(|r| number(r["reps"])).sum();
        let parsed_reps: u32 = activity.sets.iter().filter_map(|s| s.reps).sum();
        assert_eq!(f64::from(parsed_reps), reps, "{key:?}");
        let volume: f64 = group
            .iter()
            .map(|r| number(r["weight_kg"]) * number(r["reps"]))
            .sum();
        let parsed_volume: f64 = activity
            .sets
            .iter()
            .map(|s| s.weight_kg.unwrap_or(0.0) * f64::from(s.reps.unwrap_or(0)))
            .sum();
        assert!(
            (parsed_volume - volume).abs() < 1e-6,
            "{key:?}: {parsed_volume} {volume}"
        );
        let minutes = hevy_minutes(group[0]["end_time"]) - hevy_minutes(group[0]["start_time"]);
        assert_eq!(activity.elapsed.as_secs() as i64, minutes * 60, "{key:?}");
    }

    // Hand-checked figures.
    let sets: Vec<_> = parsed.activities.iter().flat_map(|a| &a.sets).collect();
    assert_eq!((parsed.activities.len(), sets.len()), (335, 7211));
    let kinds = |kind| sets.iter().filter(|s| s.kind == kind).count();
    assert_eq!(
        [SetKind::Working, SetKind::WarmUp, SetKind::Failure, SetKind::Drop].map(kinds),
        [3851, 2195, 1122, 43]
    );
    assert_eq!(sets.iter().filter_map(|s| s.reps).sum::<u32>(), 72679);
    let first = &parsed.activities[0];
    assert_eq!(first.name.as_deref(), Some("Lower // Ramp // Strength // 1"));
    assert_eq!(first.start.to_string(), "2025-09-15T07:48:00Z");
    assert_eq!(first.elapsed, Duration::from_secs(85 * 60));
    assert_eq!(first.sets.len(), 25);
    assert_eq!(first.sets[0].name(), "Seated Leg Curl (Machine)");
    assert_eq!(
        (first.sets[0].kind, first.sets[0].weight_kg, first.sets[0].reps),
        (SetKind::WarmUp, Some(39.0), Some(10))
    );
    let total: f64 = parsed.activities.iter().map(|a| a.elapsed.as_secs_f64()).sum();
    assert_eq!(total, 1_351_620.0);

    // Every exercise name of the export is recognised but the cardio warm-up.
    let mut unclassified: BTreeMap<&str, usize> = BTreeMap::new();
    for set in sets.iter().filter(|s| s.exercise.is_none()) {
        *unclassified.entry(set.name()).or_default() += 1;
    }
    assert_eq!(unclassified, BTreeMap::from([("Warm Up", 275)]));
    let warm_up = sets.iter().find(|s| s.name() == "Warm Up").unwrap();
    assert_eq!(
        (warm_up.duration, warm_up.reps),
        (Some(Duration::from_secs(300)), None)
    );
}

#[test]
fn fitnotes_export_matches_the_file_split_by_hand() {
    let Some(bytes) = corpus_file("fitnotes_2025.csv") else {
        return;
    };
    let parsed = parse_file("fitnotes_2025.csv", &bytes, CsvDialect::FitNotes);
    let text = std::str::from_utf8(&bytes).unwrap();
    let records = split_records(text);
    let rows = rows_by_name(&records);

    let mut order: Vec<&str> = Vec::new();
    let mut by_date: HashMap<&str, (usize, f64, f64)> = HashMap::new();
    for row in &rows {
        assert_eq!(row["Weight Unit"], "lbs");
        let entry = by_date.entry(row["Date"]).or_insert_with(|| {
            order.push(row["Date"]);
            (0, 0.0, 0.0)
        });
        entry.0 += 1;
        entry.1 += number(row["Reps"]);
        entry.2 += number(row["Weight"]) * number(row["Reps"]);
    }
    assert_eq!(parsed.activities.len(), order.len());
    for (activity, date) in parsed.activities.iter().zip(&order) {
        let (sets, reps, pound_volume) = by_date[date];
        assert_eq!(activity.start.strftime("%Y-%m-%d").to_string(), *date);
        assert_eq!(activity.sets.len(), sets, "{date}");
        let parsed_reps: u32 = activity.sets.iter().filter_map(|s| s.reps).sum();
        assert_eq!(f64::from(parsed_reps), reps, "{date}");
        let parsed_volume: f64 = activity
            .sets
            .iter()
            .map(|s| s.weight_kg.unwrap_or(0.0) * f64::from(s.reps.unwrap_or(0)))
            .sum();
        assert!(
            (parsed_volume - pound_volume * 0.453_592_37).abs() < 1e-6,
            "{date}: {parsed_volume}"
        );
    }

    // Hand-checked figures.
    let sets: Vec<_> = parsed.activities.iter().flat_map(|a| &a.sets).collect();
    assert_eq!((parsed.activities.len(), sets.len()), (141, 750));
    assert_eq!(sets.iter().filter_map(|s| s.reps).sum::<u32>(), 7700);
    let first = &parsed.activities[0];
    assert_eq!(first.start.to_string(), "2022-09-14T00:00:00Z");
    assert_eq!(first.sets.len(), 15);
    assert_eq!(first.sets[0].name(), "Flat Barbell Bench Press");
    assert_eq!(first.sets[0].weight_kg, Some(45.0 * 0.453_592_37));
    assert_eq!(first.sets[0].exercise.map(|e| e.key), Some("bench_press"));
    // The one name outside the table, a typo, takes its category's group.
    let typo: Vec<_> = sets.iter().filter(|s| s.name() == "Tricep Push Ul").collect();
    assert_eq!(typo.len(), 5);
    assert!(
        typo.iter()
            .all(|s| s.exercise.map(|e| e.key) == Some("other_upper_body"))
    );
    assert!(sets.iter().all(|s| s.exercise.is_some()));
}

#[test]
fn strava_activities_match_the_file_split_by_hand() {
    let Some(bytes) = corpus_file("strava_activities.csv") else {
        return;
    };
    let parsed = parse_file("strava_activities.csv", &bytes, CsvDialect::StravaActivities);
    let text = std::str::from_utf8(&bytes).unwrap();
    let records = split_records(text);
    let header = &records[0];
    let nth = |name: &str, n: usize| {
        header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .nth(n)
            .map(|(i, _)| i)
            .unwrap()
    };
    let (elapsed, moving, distance) = (nth("Elapsed Time", 1), nth("Moving Time", 0), nth("Distance", 1));
    let (kind, filename) = (nth("Activity Type", 0), nth("Filename", 0));
    assert_eq!(parsed.activities.len(), records.len() - 1);
    for (activity, record) in parsed.activities.iter().zip(&records[1..]) {
        assert_eq!(activity.elapsed.as_secs_f64(), number(&record[elapsed]));
        assert_eq!(activity.moving.unwrap().as_secs_f64(), number(&record[moving]));
        let metres = number(&record[distance]);
        assert_eq!(activity.distance_m, (metres > 0.0).then_some(metres));
        let hint = (!record[filename].is_empty()).then(|| record[filename].as_str());
        assert_eq!(activity.source_file_hint.as_deref(), hint);
        let expected_sport = match record[kind].as_str() {
            "Run" => Sport::Running(RunKind::Unspecified),
            "Ride" => Sport::Cycling(Venue::Unspecified),
            "Walk" => Sport::Walking,
            "Yoga" => Sport::Yoga,
            other => Sport::Other(other.to_lowercase()),
        };
        assert_eq!(activity.sport, expected_sport);
    }

    // Hand-checked figures.
    let count = |sport: Sport| parsed.activities.iter().filter(|a| a.sport == sport).count();
    assert_eq!(count(Sport::Running(RunKind::Unspecified)), 89);
    assert_eq!(count(Sport::Walking), 9);
    assert_eq!(count(Sport::Cycling(Venue::Unspecified)), 7);
    assert_eq!(count(Sport::Yoga), 5);
    assert_eq!(count(Sport::Other("workout".into())), 2);
    let files = parsed
        .activities
        .iter()
        .filter(|a| a.source_file_hint.is_some())
        .count();
    assert_eq!(files, 93);
    let ride = &parsed.activities[0];
    assert_eq!(ride.name.as_deref(), Some("Afternoon Ride"));
    assert_eq!(ride.start.to_string(), "2021-01-27T13:57:47Z");
    assert_eq!(ride.elapsed, Duration::from_secs(1275));
    assert_eq!(ride.moving, Some(Duration::from_secs(1258)));
    assert_eq!(ride.distance_m, Some(5612.39990234375));
    assert_eq!(ride.elevation_gain_m, Some(3.487013101577759));
    assert_eq!(
        ride.source_file_hint.as_deref(),
        Some("activities/4689591795.gpx")
    );
    // A run entered by hand in 2008, with no file.
    let manual = &parsed.activities[17];
    assert_eq!(manual.start.to_string(), "2008-04-06T20:00:00Z");
    assert_eq!(
        (manual.distance_m, manual.source_file_hint.as_deref()),
        (Some(10000.0), None)
    );
    let total: f64 = parsed.activities.iter().map(|a| a.elapsed.as_secs_f64()).sum();
    assert_eq!(total, 198_713.0);
}
