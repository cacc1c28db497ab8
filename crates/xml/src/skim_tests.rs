//! The GPX reader's fast path ([`gpx::read_with`] reading plain `<trkpt>` elements ahead of
//! quick-xml) against quick-xml alone: on every GPX file of the repository and of the shared
//! corpus, on every prefix of a file, and on a file with odd markup spliced in at every
//! position of a point, both readings give the same document, warnings and positions
//! included, or the same error. So does the reading of a stream through windows whose
//! edges fall anywhere.

use std::path::{Path, PathBuf};

use runlift_model::{SourceFormat, SourceRef};

use crate::gpx::{self, GpxDocument};
use crate::reading::Window;

fn source() -> SourceRef {
    SourceRef::file("skim.gpx", SourceFormat::Gpx)
}

/// Reads `input` both ways, asserts that they agree, and returns how many points were read
/// ahead.
fn assert_agree(input: &[u8], what: &str) -> usize {
    let converted = crate::utf16_to_utf8(input);
    let input = converted.as_ref().map_or(input, |text| text.as_bytes());
    let fast = gpx::read_with(&mut Window::whole(input), &source(), true);
    let slow = gpx::read_with(&mut Window::whole(input), &source(), false);
    // Streamed through windows that start tiny, so that their edges fall everywhere.
    for size in [1, 37] {
        let mut stream = input;
        let streamed = gpx::read_with(&mut Window::stream(&mut stream, &[], size), &source(), true);
        match (&streamed, &slow) {
            (Ok((streamed, _)), Ok((slow, _))) => {
                assert_documents_equal(streamed, slow, &format!("{what}, streamed"))
            }
            (Err(streamed), Err(slow)) => assert_eq!(streamed, slow, "{what}, streamed"),
            (streamed, slow) => panic!("{what}: streamed {streamed:?}\nin memory {slow:?}"),
        }
    }
    match (fast, slow) {
        (Ok((fast, skimmed)), Ok((slow, 0))) => {
            assert_documents_equal(&fast, &slow, what);
            skimmed
        }
        (Err(fast), Err(slow)) => {
            assert_eq!(fast, slow, "{what}");
            0
        }
        (fast, slow) => panic!("{what}: read ahead {fast:?}\nquick-xml alone {slow:?}"),
    }
}

fn assert_documents_equal(fast: &GpxDocument, slow: &GpxDocument, what: &str) {
    assert_eq!(fast.warnings, slow.warnings, "{what}");
    assert_eq!(fast.tracks.len(), slow.tracks.len(), "{what}");
    for (fast, slow) in fast.tracks.iter().zip(&slow.tracks) {
        assert_eq!(fast.segments.len(), slow.segments.len(), "{what}");
        for (fast, slow) in fast.segments.iter().zip(&slow.segments) {
            assert_eq!(fast.len(), slow.len(), "{what}");
            for (index, (fast, slow)) in fast.iter().zip(slow).enumerate() {
                assert_eq!(fast, slow, "{what}: point {index}");
            }
        }
    }
    assert_eq!(fast, slow, "{what}");
}

/// A Garmin Connect track point: the shape nearly every file has.
const POINT: &str = r#"      <trkpt lat="52.000" lon="4.49">
        <ele>10.0</ele>
        <time>2020-06-01T14:52:40.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>120</ns3:hr>
            <ns3:cad>80</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
"#;

fn garmin(points: &[&str]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk>
    <name>Leiden Hardlopen</name>
    <trkseg>
{}    </trkseg>
  </trk>
</gpx>
"#,
        points.concat()
    )
}

/// Three points, the middle one being `middle`, the others plain and a minute apart.
fn around(middle: &str) -> String {
    let last = POINT.replace("52.000", "52.002").replace("14:52:40", "14:54:40");
    garmin(&[POINT, middle, &last])
}

#[test]
fn plain_points_are_read_ahead_and_odd_ones_by_quick_xml() {
    let middle = POINT.replace("52.000", "52.001").replace("14:52:40", "14:53:40");
    assert_eq!(assert_agree(around(&middle).as_bytes(), "plain"), 3);
    let commented = middle.replace("<ele>", "<!-- fix -->\n        <ele>");
    assert_eq!(assert_agree(around(&commented).as_bytes(), "comment"), 2);
    let entity = middle.replace("<ele>10.0", "<ele>&#49;0.0");
    assert_eq!(assert_agree(around(&entity).as_bytes(), "entity"), 2);
    let declared = middle.replace("<trkpt ", "<trkpt xmlns:g=\"urn:g\" ");
    assert_eq!(assert_agree(around(&declared).as_bytes(), "namespace"), 2);
    let single_quotes = middle.replace('"', "'");
    assert_eq!(assert_agree(around(&single_quotes).as_bytes(), "quotes"), 3);
}

#[test]
fn odd_markup_anywhere_in_a_point_reads_as_quick_xml_reads_it() {
    let middle = POINT.replace("52.000", "52.001").replace("14:52:40", "14:53:40");
    const SPLICES: &[&str] = &[
        "<!-- c -->",
        "<![CDATA[5]]>",
        "&amp;",
        "&#x35;",
        "&",
        "<",
        ">",
        "/",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        ":",
        "x",
        "5",
        "<x/>",
        "<x a=\"1\"/>",
        "<x>",
        "</x>",
        "</ele>",
        "</trkpt>",
        "<trkpt lat=\"1\" lon=\"2\">",
        " xmlns=\"urn:other\"",
        " xmlns:ns3=\"urn:other\"",
        " lat=\"53\"",
        "<?pi?>",
        "<ele>7</ele>",
        "<time></time>",
        "<ns3:hr/>",
        "\u{e9}",
        "\u{0}",
    ];
    let mut cases = 0;
    for splice in SPLICES {
        for at in 0..=middle.len() {
            if !middle.is_char_boundary(at) {
                continue;
            }
            let spliced = format!("{}{splice}{}", &middle[..at], &middle[at..]);
            let text = around(&spliced);
            assert_agree(text.as_bytes(), &format!("{splice:?} at {at}: {spliced}"));
            cases += 1;
        }
    }
    assert_eq!(cases, SPLICES.len() * (middle.len() + 1));
}

#[test]
fn every_prefix_and_every_dropped_byte_reads_as_quick_xml_reads_it() {
    let text = around(&POINT.replace("52.000", "52.001").replace("14:52:40", "14:53:40"));
    let bytes = text.as_bytes();
    for end in 0..=bytes.len() {
        assert_agree(&bytes[..end], &format!("prefix of {end} bytes"));
    }
    for dropped in 0..bytes.len() {
        let mut damaged = bytes.to_vec();
        damaged.remove(dropped);
        assert_agree(&damaged, &format!("byte {dropped} dropped"));
    }
}

fn gpx_files_under(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            gpx_files_under(&path, files);
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("gpx"))
        {
            files.push(path);
        }
    }
}

#[test]
fn every_gpx_file_of_the_fixtures_and_the_corpus_reads_as_quick_xml_reads_it() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    gpx_files_under(&manifest.join("../../fixtures"), &mut files);
    let fixtures = files.len();
    assert!(fixtures >= 10, "the repository's GPX fixtures are found");
    if let Some(corpus) = runlift_corpus::corpus() {
        gpx_files_under(&corpus, &mut files);
    }
    let mut skimmed = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        skimmed += assert_agree(&bytes, &path.display().to_string());
    }
    assert!(skimmed > 1000, "most points are read ahead ({skimmed})");
}

/// `parse_gpx` folds each track's points as they are read rather than keeping them: it gives
/// the activities (to the bit) that the figures of the kept points give, and so does
/// `parse_gpx_from` reading the file as a stream.
#[test]
fn every_gpx_file_parses_alike_from_kept_points_folded_points_and_a_stream() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    gpx_files_under(&manifest.join("../../fixtures"), &mut files);
    if let Some(corpus) = runlift_corpus::corpus() {
        gpx_files_under(&corpus, &mut files);
    }
    let mut activities = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let what = path.display().to_string();
        let folded = crate::parse_gpx(&bytes, &source());
        let streamed = crate::parse_gpx_from(&bytes[..], &source());
        // Debug prints every f64 so that it reads back to the same bits.
        assert_eq!(format!("{folded:?}"), format!("{streamed:?}"), "{what}");
        let kept = crate::read_gpx(&bytes, &source()).map(|document| {
            let summaries: Vec<_> = document
                .tracks
                .iter()
                .map(crate::summary::TrackSummary::of)
                .collect();
            crate::gpx_activities(document, &summaries, &source())
        });
        assert_eq!(format!("{folded:?}"), format!("{kept:?}"), "{what}");
        activities += folded.map_or(0, |parsed| parsed.activities.len());
    }
    assert!(activities >= 10, "{activities} activities");
}

/// Found by the fuzz target `gpx`: a DOCTYPE straight after another goes to quick-xml (which
/// ends it at its first `>`), also when a stream's window moved between the two.
#[test]
fn a_second_doctype_reads_alike_through_every_window() {
    let mut input = b"<?xml version=\"1.0\"?>\n<!DOCTYPE g;p\" lon=\"13.\" x=\"y\"?>\n".to_vec();
    input.extend_from_slice(
        b"<!DOCTYPE g;;\0\0\x0013.4\"><ele>39</ele>-</t\0\0-0001Z\0\x004\"><ele>39</ele></gpx>\n",
    );
    let whole = gpx::read_with(&mut Window::whole(&input), &source(), true).map(|(document, _)| document);
    assert!(whole.is_err());
    for size in 1..=64 {
        let mut stream = &input[..];
        let streamed = gpx::read_with(&mut Window::stream(&mut stream, &[], size), &source(), true)
            .map(|(document, _)| document);
        assert_eq!(streamed, whole, "window of {size}");
    }
}
