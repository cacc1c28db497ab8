//! The Strong reader on real exports from the shared corpus (`/work/shared/corpus/csv`).
//!
//! The corpus lives outside the repository; where it is absent the tests say so and pass.

use std::collections::HashMap;
use std::time::Duration;

use runlift_csv::{CsvDialect, CsvOptions, detect, parse_strong};
use runlift_model::{Parsed, SetKind, SourceFormat, SourceRef, Sport};

/// The bytes of `name` in the corpus's `csv/` folder, or `None` (with a note) when absent.
fn corpus_file(name: &str) -> Option<Vec<u8>> {
    let path = runlift_corpus::corpus_path(&format!("csv/{name}"))?;
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn parse_file(name: &str, bytes: &[u8]) -> Parsed {
    assert_eq!(detect(bytes), Some(CsvDialect::Strong), "{name}");
    let source = SourceRef::file(name, SourceFormat::StrongCsv);
    let parsed = parse_strong(bytes, &source, &CsvOptions::default()).expect(name);
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None, "{name}");
    parsed
}

#[test]
fn legacy_sample_has_three_workouts_with_their_exact_sets() {
    let Some(bytes) = corpus_file("strong_sample_legacy.csv") else {
        return;
    };
    let parsed = parse_file("strong_sample_legacy.csv", &bytes);

    // (name, start, minutes, [(weight kg, reps)]), read off the file by hand.
    let expected = [
        ("B", "2024-11-28T17:36:08Z", 35, vec![(10.0, 13), (20.0, 5)]),
        ("A", "2024-11-29T10:15:00Z", 40, vec![(60.0, 5), (60.0, 5)]),
        ("C", "2024-12-03T18:00:00Z", 30, vec![(80.0, 3), (85.0, 2)]),
    ];
    assert_eq!(parsed.activities.len(), 3);
    for (activity, (name, start, minutes, sets)) in parsed.activities.iter().zip(expected) {
        assert_eq!(activity.sport, Sport::StrengthTraining);
        assert_eq!(activity.name.as_deref(), Some(name));
        assert_eq!(activity.start.to_string(), start, "{name}");
        assert_eq!(activity.elapsed, Duration::from_secs(minutes * 60), "{name}");
        let found: Vec<(f64, u32)> = activity
            .sets
            .iter()
            .map(|s| (s.weight_kg.unwrap(), s.reps.unwrap()))
            .collect();
        assert_eq!(found, sets, "{name}");
        assert!(
            activity
                .sets
                .iter()
                .all(|s| s.kind == SetKind::Working && s.exercise.is_some())
        );
    }
    let reps: Vec<u32> = parsed
        .activities
        .iter()
        .map(|a| a.sets.iter().filter_map(|s| s.reps).sum())
        .collect();
    assert_eq!(reps, [18, 10, 5]);
}

/// The truth about a Strong export by plain string splitting (the corpus file quotes no
/// commas): the set rows per (Date, Workout Name) in first-seen order, and their reps.
fn truth_by_splitting(text: &str) -> Vec<((String, String), usize, f64)> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (date, workout, reps) = (column("Date"), column("Workout Name"), column("Reps"));
    let mut order: Vec<((String, String), usize, f64)> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').map(|f| f.trim_matches('"')).collect();
        assert_eq!(fields.len(), header.len(), "{line}");
        let key = (fields[date].to_owned(), fields[workout].to_owned());
        let i = *index.entry(key.clone()).or_insert_with(|| {
            order.push((key, 0, 0.0));
            order.len() - 1
        });
        order[i].1 += 1;
        order[i].2 += fields[reps].parse::<f64>().unwrap();
    }
    order
}

#[test]
fn strong_sample_matches_the_file_split_by_hand() {
    let Some(bytes) = corpus_file("strong_sample.csv") else {
        return;
    };
    let parsed = parse_file("strong_sample.csv", &bytes);
    let truth = truth_by_splitting(std::str::from_utf8(&bytes).unwrap());

    assert_eq!(parsed.activities.len(), truth.len());
    for (activity, ((date, name), rows, reps)) in parsed.activities.iter().zip(&truth) {
        assert_eq!(activity.name.as_deref(), Some(name.as_str()));
        assert_eq!(activity.start.strftime("%Y-%m-%d %H:%M:%S").to_string(), *date);
        assert_eq!(activity.sets.len(), *rows, "{date} {name}");
        let parsed_reps: u32 = activity.sets.iter().filter_map(|s| s.reps).sum();
        assert_eq!(f64::from(parsed_reps), *reps, "{date} {name}");
    }
    let total_rows: usize = truth.iter().map(|t| t.1).sum();
    let total_sets: usize = parsed.activities.iter().map(|a| a.sets.len()).sum();
    assert_eq!(total_sets, total_rows);

    // Hand-checked figures.
    assert_eq!((parsed.activities.len(), total_sets), (15, 250));
    let total_reps: u32 = parsed
        .activities
        .iter()
        .flat_map(|a| &a.sets)
        .filter_map(|s| s.reps)
        .sum();
    assert_eq!(total_reps, 2830);
    let first = &parsed.activities[0];
    assert_eq!(first.name.as_deref(), Some("B"));
    assert_eq!(first.elapsed, Duration::from_secs(35 * 60));
    assert_eq!(first.sets.len(), 10);
    assert_eq!(first.sets[0].name(), "Bent Over Row (Barbell)");
    assert_eq!(
        (first.sets[0].weight_kg, first.sets[0].reps),
        (Some(10.0), Some(13))
    );
    // "1h 19m" on 2025-09-05.
    let long = parsed
        .activities
        .iter()
        .find(|a| a.start.to_string() == "2025-09-05T12:37:47Z")
        .unwrap();
    assert_eq!(long.elapsed, Duration::from_secs(79 * 60));
    assert_eq!(long.sets.len(), 21);
    // Strong writes 0 kg for the unloaded sets of the leg press: no weight, reps kept.
    let midday = &parsed.activities[1];
    assert_eq!(midday.sets[0].name(), "Leg Press");
    assert_eq!((midday.sets[0].weight_kg, midday.sets[0].reps), (None, Some(10)));
}
