//! The bounds of the FIT decoder and its headers that lie, on files written by the testkit:
//! every kind of message kept in memory past its bound, more chained files than the bound, a
//! header whose data size is 0 (streaming writers) and one whose data size is larger than the
//! file. Each ends in the activities that could be read and a warning with its byte offset.

use runlift_fit::{
    MAX_CHAINED_FILES, MAX_EXERCISE_TITLES, MAX_LAPS, MAX_SESSIONS, MAX_SETS, MAX_SPORTS, parse_fit,
};
use runlift_fit_testkit::messages::{self, file_type, global};
use runlift_fit_testkit::{FitWriter, crc16, fit_time, fixtures, header};
use runlift_model::{ParseErrorKind, Parsed, Position, SourceFormat, SourceRef};

fn source() -> SourceRef {
    SourceRef::file("test.fit", SourceFormat::Fit)
}

fn parse(bytes: &[u8]) -> Parsed {
    parse_fit(bytes, &source()).expect("readable")
}

/// The file of `data` under a header that declares `declared` bytes of data, with the CRC of
/// what is there.
fn with_declared_size(data: &[u8], declared: usize) -> Vec<u8> {
    let mut file = header(declared);
    file.extend_from_slice(data);
    let crc = crc16(0, &file);
    file.extend_from_slice(&crc.to_le_bytes());
    file
}

#[test]
fn a_header_with_data_size_0_is_read_up_to_the_crc_with_a_note_when_the_crc_matches() {
    let writer = fixtures::run_with_pause();
    let whole = parse(&writer.finish());
    let streamed = with_declared_size(writer.data(), 0);
    let parsed = parse(&streamed);
    assert_eq!(parsed.activities, whole.activities);
    assert_eq!(parsed.activities[0].distance_m, Some(5040.0));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(
        parsed.notes,
        [format!(
            "the FIT header at byte 0 gives a data size of 0, as writers that stream the file leave it: the \
             {} bytes up to the file CRC were read as its messages; the CRC is the last 2 bytes, which \
             matches, so the data is whole",
            writer.data().len()
        )]
    );
}

#[test]
fn a_header_with_data_size_0_and_a_wrong_crc_imports_with_the_crc_warning() {
    let writer = fixtures::run_with_pause();
    let mut streamed = with_declared_size(writer.data(), 0);
    let last = streamed.len() - 1;
    streamed[last] ^= 0x5A;
    let parsed = parse(&streamed);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].distance_m, Some(5040.0));
    assert_eq!(parsed.warnings.len(), 1);
    let warning = &parsed.warnings[0];
    assert_eq!(
        warning.position(),
        Some(Position::Byte(streamed.len() as u64 - 2))
    );
    assert!(matches!(warning.kind(), ParseErrorKind::InvalidValue { field, .. } if field == "the file CRC"));
    assert!(
        parsed.notes[0].ends_with("which does not match (see the warning)"),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn a_header_with_data_size_0_and_nothing_after_it_but_a_crc_is_an_empty_file() {
    let streamed = with_declared_size(&[], 0);
    assert_eq!(streamed.len(), 16);
    let parsed = parse(&streamed);
    assert!(parsed.activities.is_empty() && parsed.warnings.is_empty() && parsed.notes.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("a FIT activity file that holds no session, lap or record")
    );
}

#[test]
fn a_header_announcing_more_data_than_the_file_holds_keeps_the_activity_and_says_so() {
    let writer = fixtures::run_with_pause();
    let declared = writer.data().len() + 1000;
    let file = with_declared_size(writer.data(), declared);
    let parsed = parse(&file);
    // Every message is whole: the run is there as recorded.
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].distance_m, Some(5040.0));
    // The CRC's two bytes, read as messages, may stop the walk first; the last warning says why.
    let last = parsed.warnings.last().expect("a warning");
    assert_eq!(
        last.to_string(),
        format!(
            "test.fit: byte {}: the file ends too early: the header announces {declared} bytes of messages, \
             but only {} are there",
            file.len(),
            writer.data().len() + 2
        )
    );
}

/// A file with a `file_id` and `count` messages of global number `global` without fields (one
/// byte each), and the byte offset of the message at `index`.
fn empty_messages(global: u16, count: usize, index: usize) -> (Vec<u8>, u64) {
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, fit_time(1_770_096_600));
    let mut offset = 0;
    for i in 0..count {
        if i == index {
            // After the definition, which the first message brings: 14 bytes of header first.
            offset = 14 + writer.data().len() as u64 + if i == 0 { 6 } else { 0 };
        }
        writer.message(1, global, &[]);
    }
    (writer.finish(), offset)
}

#[test]
fn every_kind_of_message_kept_in_memory_is_bounded_with_a_warning_at_the_first_left_out() {
    let kinds = [
        (global::SESSION, "session", MAX_SESSIONS),
        (global::LAP, "lap", MAX_LAPS),
        (global::SET, "set", MAX_SETS),
        (global::EXERCISE_TITLE, "exercise_title", MAX_EXERCISE_TITLES),
        (global::SPORT, "sport", MAX_SPORTS),
    ];
    for (number, name, limit) in kinds {
        let (file, offset) = empty_messages(number, limit + 3, limit);
        let parsed = parse_fit(&file, &source()).expect(name);
        let bound: Vec<String> = parsed
            .warnings
            .iter()
            .filter(|w| w.to_string().contains("the most runlift keeps"))
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            bound,
            [format!(
                "test.fit: byte {offset}: more than {limit} {name} messages, the most runlift keeps from one \
                 file: 3 from here on were left out"
            )],
            "{name}"
        );
        // At the bound itself, nothing is left out.
        let (file, _) = empty_messages(number, limit, 0);
        let parsed = parse_fit(&file, &source()).expect(name);
        assert!(
            parsed
                .warnings
                .iter()
                .all(|w| !w.to_string().contains("the most runlift keeps")),
            "{name}"
        );
    }
}

#[test]
fn sessions_past_the_bound_leave_the_first_ones_as_activities() {
    let start = fit_time(1_770_096_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    for i in 0..MAX_SESSIONS as u32 + 2 {
        let start = start + i * 60;
        messages::session(
            &mut writer,
            &messages::Summary {
                timestamp: start + 30,
                start_time: start,
                elapsed_ms: 30_000,
                timer_ms: 30_000,
                distance_m: Some(100.0),
                ascent_m: None,
                avg_heart_rate: None,
                sport: 1,
                sub_sport: 0,
                rpe_x10: None,
            },
        );
    }
    let parsed = parse(&writer.finish());
    assert_eq!(parsed.activities.len(), MAX_SESSIONS);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(parsed.warnings[0].to_string().ends_with(
        "more than 1000 session messages, the most runlift keeps from one file: 2 from here on were left out"
    ));
}

#[test]
fn more_chained_files_than_the_bound_leave_the_rest_out_with_a_warning() {
    let mut one = FitWriter::new();
    messages::file_id(&mut one, file_type::SETTINGS, fit_time(1_770_096_600));
    let one = one.finish();
    let chain: Vec<u8> = one.repeat(MAX_CHAINED_FILES + 2);
    let parsed = parse(&chain);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert_eq!(
        parsed.warnings[0].to_string(),
        format!(
            "test.fit: byte {}: more than {MAX_CHAINED_FILES} FIT files are chained in one, the most runlift \
             reads; the remaining {} bytes were left out",
            one.len() * MAX_CHAINED_FILES,
            one.len() * 2
        )
    );
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("a FIT settings file, not an activity")
    );
    // At the bound itself, every file is read.
    let parsed = parse(&one.repeat(MAX_CHAINED_FILES));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
