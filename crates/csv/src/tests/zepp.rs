use runlift_model::{Position, RunKind, Sport};

use super::*;

const HEADER: &str =
    "type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)";

fn zepp(rows: &str) -> Parsed {
    read_as(CsvDialect::Zepp, &format!("{HEADER}\n{rows}"), &berlin())
}

#[test]
fn the_sport_codes_of_the_watches() {
    let table = [
        (1, Sport::Running(RunKind::Unspecified)),
        (6, Sport::Walking),
        (8, Sport::Running(RunKind::Treadmill)),
        (9, Sport::Cycling(runlift_model::Venue::Unspecified)),
        (10, Sport::Cycling(runlift_model::Venue::Indoor)),
        (14, Sport::Swimming),
        (16, Sport::Other("free_training".to_owned())),
        (23, Sport::Rowing(runlift_model::Venue::Indoor)),
        (52, Sport::StrengthTraining),
        (60, Sport::Yoga),
    ];
    for (code, sport) in table {
        let parsed = zepp(&format!("{code},2026-01-20 07:00:00+0000,600,0,0,0,0,50\n"));
        assert_eq!(parsed.activities[0].sport, sport, "{code}");
    }
}

#[test]
fn a_real_offset_is_kept_and_a_bad_code_leaves_its_row_out() {
    let parsed = zepp(
        "run,2026-01-20 07:00:00+0000,600,0,0,0,0,50\n\
         1,2026-01-20 08:00:00+0800,1800,0.3,0.4,5000,0.36,300\n",
    );
    let (position, column, value) = only_warning(&parsed);
    assert_eq!(position, Position::Record { record: 1, line: 2 });
    assert_eq!((column.as_str(), value.as_str()), ("type", "run"));
    let run = &parsed.activities[0];
    assert_eq!(run.start.to_string(), "2026-01-20T00:00:00Z");
    assert_eq!(run.utc_offset.map(|o| o.seconds()), Some(8 * 3600));
    assert_eq!(run.distance_m, Some(5000.0));
}
