//! Telling, among the files of a folder that no reader knows, those that look like a fitness
//! export from the photos, notes and settings beside them.
//!
//! A file of an app runlift does not read yet (or of a new version of one it reads) may hold
//! the user's training: passing over it in silence would lose that data without a word. So a
//! file found in a folder that looks like an export is reported like a file that failed, with
//! what it looks like and what runlift reads instead, and the run counts as partial. The test
//! is generic, by the shape of the content, never by an app's name:
//!
//! - a CSV whose header has a column of dates or start times and another of distance,
//!   duration, reps or weight;
//! - a JSON document with a field of start times or dates, one of distance, duration, reps or
//!   weight, and one naming the sport or exercise;
//! - an XML document whose root element no reader knows, with words of training in it.
//!
//! It only sees files that no reader accepted: a JSON or XML file a reader knows is read, and
//! never reaches this test.

/// How much of a file the test looks at.
const HEAD: usize = 16 * 1024;

/// Words of a column or field of dates and start times, in the languages of the exports
/// runlift reads (lower case; a name containing one matches).
const DATE_WORDS: &[&str] = &[
    "date",
    "datum",
    "fecha",
    "data",
    "start",
    "timestamp",
    "day",
    "when",
    "begin",
];

/// Words of a column or field of a distance or a duration, or of a set's reps or load.
const MEASURE_WORDS: &[&str] = &[
    "distance",
    "distanz",
    "afstand",
    "distancia",
    "distanza",
    "distância",
    "km",
    "mile",
    "duration",
    "dauer",
    "durée",
    "duración",
    "durata",
    "duur",
    "elapsed",
    "moving",
    "reps",
    "weight",
];

/// Words of a JSON field saying what was trained: a JSON document needs one besides its dates
/// and measures, since account exports hold daily summaries (steps, sleep) with dates and
/// distances too.
const SPORT_WORDS: &[&str] = &["sport", "activitytype", "activity_type", "exercise", "workout"];

/// Root elements of XML documents that are not training data, though they come with it
/// (Apple Health's clinical record `export_cda.xml`) or mention it (web pages, drawings).
const NOT_TRAINING_ROOTS: &[&str] = &["html", "svg", "ClinicalDocument", "plist", "rss", "feed"];

/// Words that say an XML document is about training.
const TRAINING_WORDS: &[&str] = &[
    "activity", "workout", "exercise", "training", "track", "lap", "sport", "heart", "distance",
];

/// What runlift reads, for the message about a file it does not.
const READS: &str = "runlift reads FIT, GPX, TCX and Apple Health files, the exports listed in \
                     its README, and its own CSV (docs/formats/runlift-csv.md), to which any \
                     table of activities or sets can be mapped";

/// The message for `bytes`, a file no reader knows, when it looks like a fitness export:
/// what it looks like and what runlift reads instead; `None` for any other file.
pub(crate) fn looks_like_export(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]);
    let text = head.trim_start_matches('\u{feff}').trim_start();
    let looks = match text.chars().next()? {
        '{' | '[' => json(text)?,
        '<' => xml(text)?,
        _ => csv(text)?,
    };
    Some(format!(
        "it looks like a fitness export ({looks}), but no reader knows it; {READS}"
    ))
}

fn has_word(name: &str, words: &[&str]) -> bool {
    let name = name.to_lowercase();
    words.iter().any(|word| name.contains(word))
}

/// Two different names of `names`, one of dates, one of measures, if there are.
fn date_and_measure<'a>(names: &[&'a str]) -> Option<(&'a str, &'a str)> {
    names.iter().enumerate().find_map(|(i, date)| {
        if !has_word(date, DATE_WORDS) {
            return None;
        }
        let measure = names
            .iter()
            .enumerate()
            .find(|(j, name)| *j != i && has_word(name, MEASURE_WORDS))?;
        Some((*date, *measure.1))
    })
}

fn csv(text: &str) -> Option<String> {
    let line = text.lines().next()?;
    let delimiter = [',', ';', '\t']
        .into_iter()
        .max_by_key(|&d| line.matches(d).count())
        .filter(|&d| line.contains(d))?;
    let names: Vec<&str> = line
        .split(delimiter)
        .map(|name| name.trim().trim_matches('"').trim())
        .filter(|name| !name.is_empty() && name.len() <= 64)
        .collect();
    let (date, measure) = date_and_measure(&names)?;
    Some(format!("a CSV with the columns {date:?} and {measure:?}"))
}

fn json(text: &str) -> Option<String> {
    // The field names: strings followed by a colon.
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let name = &after[..end];
        rest = &after[end + 1..];
        if rest.trim_start().starts_with(':') && name.len() <= 64 && !names.contains(&name) {
            names.push(name);
        }
    }
    let (date, measure) = date_and_measure(&names)?;
    let sport = names.iter().find(|name| has_word(name, SPORT_WORDS))?;
    Some(format!(
        "a JSON document with the fields {date:?}, {measure:?} and {sport:?}"
    ))
}

fn xml(text: &str) -> Option<String> {
    let root = root_element(text)?;
    if NOT_TRAINING_ROOTS.iter().any(|r| r.eq_ignore_ascii_case(root)) || !has_word(text, TRAINING_WORDS) {
        return None;
    }
    Some(format!("an XML document whose root element is <{root}>"))
}

/// The name of the first element of an XML document, past its declaration, comments and
/// doctype.
pub(crate) fn root_element(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        return (!name.is_empty() && name.len() <= 64).then_some(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_element_is_found_past_declaration_doctype_and_comments() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<!-- saved page -->\n<html lang=\"en\">";
        assert_eq!(root_element(doc), Some("html"));
    }

    #[test]
    fn exports_of_unknown_apps_look_like_exports() {
        let cases: [(&str, &str); 5] = [
            (
                "Datum;Sportart;Distanz (km);Dauer\n2026-01-05;Laufen;10,2;00:55:00\n",
                "a CSV with the columns \"Datum\" and \"Distanz (km)\"",
            ),
            (
                "\u{feff}workout_date,exercise,reps,weight\n2026-01-05,Squat,5,100\n",
                "a CSV with the columns \"workout_date\" and \"reps\"",
            ),
            (
                "[{\"startTime\": \"2026-01-05T07:00:00Z\", \"distance\": 10200, \"sport\": \"RUNNING\"}]",
                "a JSON document with the fields \"startTime\", \"distance\" and \"sport\"",
            ),
            (
                "{\"exercises\": [{\"name\": \"Squat\", \"reps\": 5}], \"date\": \"2026-01-05\"}",
                "a JSON document with the fields \"date\", \"reps\" and \"exercises\"",
            ),
            (
                "<?xml version=\"1.0\"?>\n<pwx><workout><sportType>Run</sportType></workout></pwx>",
                "an XML document whose root element is <pwx>",
            ),
        ];
        for (text, looks) in cases {
            assert_eq!(
                looks_like_export(text.as_bytes()),
                Some(format!(
                    "it looks like a fitness export ({looks}), but no reader knows it; {READS}"
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn other_files_do_not_look_like_exports() {
        for text in [
            "shopping list\nmilk\n",
            "name,email\nAnna,anna@example.org\n",
            "date,amount,payee\n2026-01-05,12.50,Bakery\n",
            "{\"name\": \"runlift\", \"version\": \"1.0.0\"}",
            "[{\"calendarDate\": \"2026-01-05\", \"totalDistanceMeters\": 8000, \"steps\": 11000}]",
            "Goal Type,Activity Type,Start Date,End Date,Segment Count\nrun,Run,2026-01-01,,\n",
            "<!DOCTYPE html><html><body>Your workout history</body></html>",
            "<?xml version=\"1.0\"?><ClinicalDocument><title>Heart rate</title></ClinicalDocument>",
            "<?xml version=\"1.0\"?><config><colour>blue</colour></config>",
            "",
        ] {
            assert_eq!(looks_like_export(text.as_bytes()), None, "{text}");
        }
    }
}
