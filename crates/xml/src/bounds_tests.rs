//! The bounds on XML ([`MAX_DEPTH`], [`MAX_NAME_BYTES`], [`MAX_TAG_BYTES`],
//! [`MAX_TEXT_BYTES`]) and the DOCTYPE rules (internal subsets skipped, entities never
//! expanded or fetched) in the GPX, TCX and Apple Health readers, on generated inputs.

use std::time::Duration;

use runlift_model::{ParseError, ParseErrorKind, Position, SourceFormat, SourceRef};

use crate::{
    MAX_DEPTH, MAX_NAME_BYTES, MAX_TAG_BYTES, MAX_TEXT_BYTES, parse_apple_health, parse_gpx, parse_tcx,
    read_gpx, read_tcx,
};

fn gpx_source() -> SourceRef {
    SourceRef::file("bounds.gpx", SourceFormat::Gpx)
}

fn tcx_source() -> SourceRef {
    SourceRef::file("bounds.tcx", SourceFormat::Tcx)
}

fn health_source() -> SourceRef {
    SourceRef::file("export.xml", SourceFormat::AppleHealth)
}

fn line_of(error: &ParseError) -> u64 {
    match error.position() {
        Some(Position::Line { line, .. }) => line,
        other => panic!("expected a line position, got {other:?} in {error}"),
    }
}

fn message(error: &ParseError) -> String {
    match error.kind() {
        ParseErrorKind::Syntax(message) => message.clone(),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

const GPX_HEAD: &str = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n";

/// A recorded track of two points ten minutes and 0.01 degrees of latitude apart.
const TRACK: &str = "<trk><name>Run</name><type>running</type><trkseg>\
<trkpt lat=\"52.00\" lon=\"4.0\"><time>2026-03-02T06:00:00Z</time></trkpt>\
<trkpt lat=\"52.01\" lon=\"4.0\"><time>2026-03-02T06:10:00Z</time></trkpt>\
</trkseg></trk>\n";

/// `levels` nested `<x>` elements, each on a line of its own, closed again.
fn nested(levels: usize) -> String {
    "<x>\n".repeat(levels) + &"</x>".repeat(levels) + "\n"
}

#[test]
fn nesting_deeper_than_the_bound_is_an_error_at_the_first_element_too_deep() {
    // `<gpx>` is at depth 1 on line 2; the n-th `<x>` at depth n + 1 on line n + 2.
    let at_bound = format!("{GPX_HEAD}{}</gpx>\n", nested(MAX_DEPTH - 1));
    let parsed = parse_gpx(at_bound.as_bytes(), &gpx_source()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the file holds no track, route or waypoint")
    );

    let too_deep = format!("{GPX_HEAD}{}</gpx>\n", nested(MAX_DEPTH));
    let error = parse_gpx(too_deep.as_bytes(), &gpx_source()).unwrap_err();
    assert_eq!(
        message(&error),
        "elements are nested more than 256 deep, the bound on XML nesting"
    );
    assert_eq!(line_of(&error), MAX_DEPTH as u64 + 2);
    assert_eq!(error.path(), gpx_source().path);
}

#[test]
fn nesting_too_deep_after_a_recorded_track_keeps_the_track_with_a_warning() {
    let text = format!(
        "{GPX_HEAD}{TRACK}<extensions>\n{}</extensions></gpx>\n",
        nested(100_000)
    );
    let document = read_gpx(text.as_bytes(), &gpx_source()).unwrap();
    assert!(!document.complete);
    assert_eq!(document.tracks[0].point_count(), 2);
    let warning = document.warnings.last().unwrap();
    assert!(message(warning).contains("more than 256 deep"), "{warning}");
    // `<extensions>` (depth 2) on line 4, then one `<x>` a line: depth 257 is line 259.
    assert_eq!(line_of(warning), 259);
    let parsed = parse_gpx(text.as_bytes(), &gpx_source()).unwrap();
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(600));
}

#[test]
fn an_element_name_longer_than_the_bound_is_an_error_with_its_line() {
    let fits = "n".repeat(MAX_NAME_BYTES);
    let text = format!("{GPX_HEAD}<{fits}/>\n{TRACK}</gpx>\n");
    assert_eq!(
        parse_gpx(text.as_bytes(), &gpx_source())
            .unwrap()
            .activities
            .len(),
        1
    );

    let long = "n".repeat(MAX_NAME_BYTES + 1);
    let text = format!("{GPX_HEAD}\n<{long}/>\n{TRACK}</gpx>\n");
    let error = parse_gpx(text.as_bytes(), &gpx_source()).unwrap_err();
    assert_eq!(
        message(&error),
        "an element name is longer than 4 KiB, the bound on XML names"
    );
    assert_eq!(line_of(&error), 4);
}

#[test]
fn a_start_tag_with_attributes_longer_than_the_bound_is_an_error_with_its_line() {
    let text = |value_len: usize| {
        let value = "v".repeat(value_len);
        format!("{GPX_HEAD}<metadata>\n<link href=\"{value}\"/></metadata>\n{TRACK}</gpx>\n")
    };
    // `link href=""` is 12 bytes of the tag besides the value.
    let fits = text(MAX_TAG_BYTES - 12);
    assert_eq!(
        parse_gpx(fits.as_bytes(), &gpx_source())
            .unwrap()
            .activities
            .len(),
        1
    );
    let error = parse_gpx(text(MAX_TAG_BYTES - 11).as_bytes(), &gpx_source()).unwrap_err();
    assert_eq!(
        message(&error),
        "a start tag with its attributes is longer than 1 MiB, the bound on XML tags"
    );
    assert_eq!(line_of(&error), 4);
}

#[test]
fn text_longer_than_the_bound_is_an_error_naming_its_element() {
    let text = |name: &str| format!("{GPX_HEAD}<metadata>\n<name>{name}</name></metadata>\n{TRACK}</gpx>\n");
    let fits = text(&"a".repeat(MAX_TEXT_BYTES));
    let parsed = parse_gpx(fits.as_bytes(), &gpx_source()).unwrap();
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Run"));

    let error = parse_gpx(text(&"a".repeat(MAX_TEXT_BYTES + 1)).as_bytes(), &gpx_source()).unwrap_err();
    assert_eq!(
        message(&error),
        "text of more than 1 MiB between two tags (inside <name>), the bound on XML text"
    );
    assert_eq!(line_of(&error), 4);

    // References count as what they stand for in the file: `&amp;` is five bytes.
    let references = text(&"&amp;".repeat(MAX_TEXT_BYTES / 5 + 1));
    let error = parse_gpx(references.as_bytes(), &gpx_source()).unwrap_err();
    assert!(message(&error).contains("the bound on XML text"), "{error}");
}

#[test]
fn huge_text_in_an_element_nobody_reads_is_bounded_too() {
    let text = format!(
        "{GPX_HEAD}{TRACK}<extensions><blob>{}</blob></extensions>\n</gpx>\n",
        "b".repeat(MAX_TEXT_BYTES + 1)
    );
    let document = read_gpx(text.as_bytes(), &gpx_source()).unwrap();
    assert!(!document.complete);
    assert_eq!(document.tracks[0].point_count(), 2);
    assert!(message(document.warnings.last().unwrap()).contains("(inside <gpx>)"));
}

/// A "billion laughs" internal subset: ten entities each made of ten of the one before.
/// Expanded, `&lol9;` would be 3 * 10^9 bytes.
fn billion_laughs(root: &str) -> String {
    let mut subset = String::from("<!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        subset.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    format!("<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [\n{subset}]>\n")
}

#[test]
fn gpx_entities_declared_in_the_doctype_are_never_expanded() {
    let text = format!(
        "{}<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n{}</gpx>\n",
        billion_laughs("gpx"),
        TRACK.replace("<name>Run</name>", "<name>&lol9;</name>")
    );
    let parsed = parse_gpx(text.as_bytes(), &gpx_source()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.activities[0].name.as_deref(), Some("&lol9;"));
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(600));
}

#[test]
fn gpx_external_entities_are_never_fetched_or_read() {
    let text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> <!ENTITY web SYSTEM \"http://127.0.0.1:9/x\"> ]>\n<gpx version=\"1.1\" creator=\"&web;\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n{}</gpx>\n",
        TRACK.replace("<name>Run</name>", "<name>&xxe;</name>")
    );
    let document = read_gpx(text.as_bytes(), &gpx_source()).unwrap();
    assert_eq!(document.tracks[0].name.as_deref(), Some("&xxe;"));
    assert_eq!(document.creator.as_deref(), Some("&web;"));
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

#[test]
fn gpx_doctype_subset_with_markup_brackets_and_quotes_is_skipped() {
    // XML spells it `DOCTYPE`; quick-xml also takes `doctype`, so both must be skipped here.
    for keyword in ["DOCTYPE", "doctype"] {
        let text = format!(
            r#"<?xml version="1.0"?>
<!{keyword} gpx [
<!-- a comment with ] and > and <trk><trkseg><trkpt lat="1" lon="1"/></trkseg></trk> -->
<!ENTITY fake "<trk><trkseg><trkpt lat='1' lon='1'><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></trk>">
<!ATTLIST gpx creator CDATA '#IMPLIED ]>'>
<?pi ]> ?>
]>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
{TRACK}</gpx>
"#
        );
        let document = read_gpx(text.as_bytes(), &gpx_source()).unwrap();
        assert_eq!(document.tracks.len(), 1, "{keyword}");
        assert_eq!(document.tracks[0].point_count(), 2, "{keyword}");
        assert!(document.complete, "{keyword}: {:?}", document.warnings);
    }
}

/// A TCX document with one run of two trackpoints ten minutes apart, `inside` the activity.
fn tcx_with(doctype: &str, inside: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n<Activities>\n<Activity Sport=\"Running\">\n<Id>2026-03-02T06:00:00Z</Id>\n{inside}<Lap StartTime=\"2026-03-02T06:00:00Z\"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters><Track>\
<Trackpoint><Time>2026-03-02T06:00:00Z</Time></Trackpoint><Trackpoint><Time>2026-03-02T06:10:00Z</Time></Trackpoint>\
</Track></Lap>\n</Activity>\n</Activities>\n</TrainingCenterDatabase>\n"
    )
}

/// The `<Notes>` of the first activity of a TCX document.
fn tcx_notes(text: &str) -> Option<String> {
    read_tcx(text.as_bytes(), &tcx_source()).unwrap().activities[0]
        .notes
        .clone()
}

#[test]
fn tcx_entities_are_never_expanded_or_fetched() {
    let laughs = tcx_with(
        billion_laughs("TrainingCenterDatabase").trim_start_matches("<?xml version=\"1.0\"?>\n"),
        "<Notes>&lol9;</Notes>\n",
    );
    let parsed = parse_tcx(laughs.as_bytes(), &tcx_source()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(tcx_notes(&laughs).as_deref(), Some("&lol9;"));
    assert_eq!(parsed.activities[0].distance_m, Some(2000.0));

    let external = tcx_with(
        "<!DOCTYPE TrainingCenterDatabase [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n",
        "<Notes>&xxe;</Notes>\n",
    );
    assert_eq!(tcx_notes(&external).as_deref(), Some("&xxe;"));
}

#[test]
fn tcx_nesting_and_text_past_the_bounds_are_errors_with_their_lines() {
    let deep = tcx_with("", &format!("<Creator>\n{}</Creator>\n", nested(MAX_DEPTH)));
    let error = parse_tcx(deep.as_bytes(), &tcx_source()).unwrap_err();
    assert!(message(&error).contains("more than 256 deep"), "{error}");
    // The root is at depth 1 on line 2, `<Creator>` at depth 4 on line 6: depth 257 is the
    // 253rd `<x>`, on line 259.
    assert_eq!(line_of(&error), 259);

    let long = tcx_with(
        "",
        &format!("\n<Notes>{}</Notes>\n", "n".repeat(MAX_TEXT_BYTES + 1)),
    );
    let error = parse_tcx(long.as_bytes(), &tcx_source()).unwrap_err();
    assert_eq!(
        message(&error),
        "text of more than 1 MiB between two tags (inside <Notes>), the bound on XML text"
    );
    assert_eq!(line_of(&error), 7);
}

const RUN_WORKOUT: &str = " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"10\" durationUnit=\"min\" startDate=\"2026-07-14 06:30:00 -0700\" endDate=\"2026-07-14 06:40:00 -0700\"/>\n";

fn health(body: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\">\n{body}{RUN_WORKOUT}</HealthData>\n")
}

#[test]
fn an_apple_health_workout_past_a_bound_is_left_out_with_a_warning_and_the_next_is_read() {
    let deep = format!(
        " <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"1\" durationUnit=\"min\" startDate=\"2026-07-13 06:30:00 -0700\" endDate=\"2026-07-13 06:31:00 -0700\">\n{}</Workout>\n",
        nested(MAX_DEPTH)
    );
    let parsed = parse_apple_health(health(&deep).as_bytes(), &health_source()).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(600));
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    assert!(message(warning).starts_with("elements are nested more than 256 deep, the bound on XML nesting (in the <Workout> that starts at line 3"), "{warning}");
    // `<HealthData>` is at depth 1, the workout at 2 on line 3: depth 257 is the 255th `<x>`.
    assert_eq!(line_of(warning), 3 + 255);

    let long = format!(
        " <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"1\" durationUnit=\"min\" startDate=\"2026-07-13 06:30:00 -0700\" endDate=\"2026-07-13 06:31:00 -0700\">\n<MetadataEntry key=\"HKTimeZone\" value=\"{}\"/>\n</Workout>\n",
        "z".repeat(MAX_TAG_BYTES)
    );
    let parsed = parse_apple_health(health(&long).as_bytes(), &health_source()).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    let [warning] = parsed.warnings.as_slice() else {
        panic!("{:?}", parsed.warnings)
    };
    assert!(
        message(warning).contains("longer than 1 MiB, the bound on XML tags"),
        "{warning}"
    );
    assert_eq!(line_of(warning), 4);

    let text = format!(
        " <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"1\" durationUnit=\"min\" startDate=\"2026-07-13 06:30:00 -0700\" endDate=\"2026-07-13 06:31:00 -0700\">\n{}</Workout>\n",
        "t".repeat(MAX_TEXT_BYTES + 1)
    );
    let parsed = parse_apple_health(health(&text).as_bytes(), &health_source()).unwrap();
    assert_eq!(parsed.activities.len(), 1);
    assert!(
        message(&parsed.warnings[0]).contains("the bound on XML text"),
        "{:?}",
        parsed.warnings
    );
}

#[test]
fn tcx_doctype_subset_with_markup_brackets_and_quotes_is_skipped() {
    let doctype = r#"<!DOCTYPE TrainingCenterDatabase [
<!-- ]> <Activity Sport="Biking"><Id>2026-01-01T00:00:00Z</Id></Activity> -->
<!ENTITY fake "<Activities><Activity Sport='Biking'></Activity></Activities>">
<?pi ]> ?>
]>
"#;
    let text = tcx_with(doctype, "");
    let document = read_tcx(text.as_bytes(), &tcx_source()).unwrap();
    assert_eq!(document.activities.len(), 1);
    assert_eq!(document.activities[0].sport.as_deref(), Some("Running"));
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

/// Read from a stream, a piece of XML longer than the most a window holds (16 MiB) stops the
/// reading as broken XML does, keeping the track before it; whitespace between tags of any
/// length is skipped without being held, and long text and tags move the window as they
/// should.
#[test]
fn a_stream_holds_at_most_16_mib_of_one_piece_of_xml_and_skips_whitespace_of_any_length() {
    let comment = format!("<!--{}-->", "c".repeat(17 << 20));
    let gpx = format!("{GPX_HEAD}{TRACK}{comment}\n</gpx>\n");
    let streamed = crate::parse_gpx_from(gpx.as_bytes(), &gpx_source()).unwrap();
    assert_eq!(streamed.activities.len(), 1);
    let damage = streamed.warnings.last().expect("the bound is the last warning");
    assert_eq!(
        message(damage),
        "a piece of XML (a tag, text, comment or processing instruction) is longer than 16 MiB, \
         the most read from a stream at once"
    );
    // The head is two lines, the track one: the comment starts line 4.
    assert_eq!(line_of(damage), 4);
    // In memory the same file reads whole.
    assert!(
        parse_gpx(gpx.as_bytes(), &gpx_source())
            .unwrap()
            .warnings
            .is_empty()
    );

    let spaces = " \n".repeat(12 << 20);
    let gpx = format!("{GPX_HEAD}{spaces}{TRACK}{spaces}</gpx>\n");
    let streamed = crate::parse_gpx_from(gpx.as_bytes(), &gpx_source()).unwrap();
    assert!(streamed.warnings.is_empty(), "{:?}", streamed.warnings);
    assert_eq!(streamed.activities[0].distance_m.map(|d| d.round()), Some(1112.0));
}
