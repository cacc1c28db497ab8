//! Behaviour of the GPX reader on small inline documents whose truth is known.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::Offset;
use runlift_model::{ParseErrorKind, Parsed, Position, RunKind, SourceFormat, SourceRef, Sport, Venue};

use super::*;

fn source() -> SourceRef {
    SourceRef::file("test.gpx", SourceFormat::Gpx)
}

fn parse(text: &str) -> Parsed {
    parse_gpx(text.as_bytes(), &source()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn read(text: &str) -> GpxDocument {
    read_gpx(text.as_bytes(), &source()).unwrap_or_else(|e| panic!("read failed: {e}"))
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// The length of `degrees` of arc along a meridian.
fn meridian_m(degrees: f64) -> f64 {
    EARTH_RADIUS_M * degrees.to_radians()
}

fn assert_close(actual: f64, expected: f64) {
    let relative = ((actual - expected) / expected).abs();
    assert!(relative < 1e-6, "{actual} is not within 1e-6 of {expected}");
}

fn line_of(error: &runlift_model::ParseError) -> u64 {
    match error.position() {
        Some(Position::Line { line, .. }) => line,
        other => panic!("expected a line position, got {other:?} in {error}"),
    }
}

/// Timed points on the meridian `lon`, one per `(lat, time)`, as `<trkpt>` lines.
fn points(lon: f64, list: &[(f64, &str)]) -> String {
    list.iter()
        .map(|(lat, time)| format!("<trkpt lat=\"{lat}\" lon=\"{lon}\"><time>{time}</time></trkpt>\n"))
        .collect()
}

fn gpx11(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n{body}</gpx>\n"
    )
}

const GARMIN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>2020-06-01T14:52:40.000Z</time>
  </metadata>
  <trk>
    <name>Leiden Hardlopen</name>
    <type>running</type>
    <trkseg>
      <trkpt lat="52.000" lon="4.49">
        <ele>10.0</ele>
        <time>2020-06-01T14:52:40.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>120</ns3:hr>
            <ns3:cad>80</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
      <trkpt lat="52.001" lon="4.49">
        <ele>13.0</ele>
        <time>2020-06-01T14:53:00.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>130</ns3:hr>
            <ns3:cad>82</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
      <trkpt lat="52.002" lon="4.49">
        <ele>12.0</ele>
        <time>2020-06-01T14:53:20.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>140</ns3:hr>
            <ns3:cad>84</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
    </trkseg>
  </trk>
</gpx>
"#;

#[test]
fn garmin_connect_file_with_ns3_extensions_gives_one_run() {
    let parsed = parse(GARMIN);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.nothing_to_import, None);
    assert_eq!(parsed.activities.len(), 1);
    let run = &parsed.activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.name.as_deref(), Some("Leiden Hardlopen"));
    assert_eq!(run.start, ts("2020-06-01T14:52:40Z"));
    assert_eq!(run.utc_offset, None);
    assert_eq!(run.elapsed, Duration::from_secs(40));
    assert_eq!(run.moving, Some(Duration::from_secs(40)));
    assert_close(run.distance_m.unwrap(), meridian_m(0.002));
    assert_eq!(run.elevation_gain_m, Some(3.0));
    assert_eq!(run.avg_heart_rate, Some(130.0));
    assert_eq!(run.source, source());
}

#[test]
fn garmin_extension_values_land_on_their_points() {
    let document = read(GARMIN);
    assert_eq!(document.version.as_deref(), Some("1.1"));
    assert_eq!(document.creator.as_deref(), Some("Garmin Connect"));
    assert!(document.complete);
    let track = &document.tracks[0];
    assert_eq!(track.kind.as_deref(), Some("running"));
    assert_eq!(track.point_count(), 3);
    let first = track.segments[0][0];
    assert_eq!(
        first,
        TrackPoint {
            lat: 52.0,
            lon: 4.49,
            ele: Some(10.0),
            time: Some(ts("2020-06-01T14:52:40Z")),
            utc_offset: None,
            heart_rate: Some(120.0),
            cadence: Some(80.0),
        }
    );
    let cadences: Vec<_> = track.points().map(|p| p.cadence).collect();
    assert_eq!(cadences, [Some(80.0), Some(82.0), Some(84.0)]);
}

#[test]
fn strava_file_with_leading_whitespace_gpxtpx_prefix_and_numeric_type_parses() {
    let strava = format!(
        "\n   \r\n{}",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
 <metadata>
  <time>2016-11-21T07:25:02Z</time>
 </metadata>
 <trk>
  <name>Morning Jog</name>
  <type>9</type>
  <trkseg>
   <trkpt lat="40.0000000" lon="-3.7000000">
    <ele>650.2</ele>
    <time>2016-11-21T07:25:02Z</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>100</gpxtpx:hr>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
   <trkpt lat="40.0030000" lon="-3.7000000">
    <ele>651.0</ele>
    <time>2016-11-21T07:26:02Z</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>150</gpxtpx:hr>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
  </trkseg>
 </trk>
</gpx>
"#
    );
    for bytes in [
        strava.clone().into_bytes(),
        [b"\xEF\xBB\xBF".as_slice(), strava.as_bytes()].concat(),
    ] {
        let parsed = parse_gpx(&bytes, &source()).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let run = &parsed.activities[0];
        assert_eq!(run.sport, Sport::Running(RunKind::Unspecified));
        assert_eq!(run.start, ts("2016-11-21T07:25:02Z"));
        assert_eq!(run.elapsed, Duration::from_secs(60));
        assert_close(run.distance_m.unwrap(), meridian_m(0.003));
        assert_eq!(run.avg_heart_rate, Some(125.0));
        assert_eq!(run.elevation_gain_m, Some(0.0));
    }
}

#[test]
fn gpx_1_0_without_type_takes_the_sport_from_the_name() {
    let gpx10 = |track_name: &str| {
        format!(
            r#"<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel" xmlns="http://www.topografix.com/GPX/1/0">
<name>Sunday outing</name>
<time>2010-08-06T10:36:35Z</time>
<trk>
{track_name}<trkseg>
<trkpt lat="45.000" lon="14.0"><ele>500</ele><time>2010-08-05T10:00:00Z</time><course>12.5</course><speed>2.1</speed></trkpt>
<trkpt lat="45.010" lon="14.0"><ele>510</ele><time>2010-08-05T10:10:00Z</time><course>12.5</course><speed>2.1</speed></trkpt>
</trkseg>
</trk>
</gpx>
"#
        )
    };
    let run = parse(&gpx10("<name>Lauf am Morgen</name>"));
    assert_eq!(run.activities[0].sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(run.activities[0].name.as_deref(), Some("Lauf am Morgen"));
    assert_close(run.activities[0].distance_m.unwrap(), meridian_m(0.01));
    assert_eq!(run.activities[0].elevation_gain_m, Some(10.0));

    let unnamed = parse(&gpx10(""));
    assert_eq!(
        unnamed.activities[0].sport,
        Sport::Other("unspecified".to_owned())
    );
    assert_eq!(unnamed.activities[0].name.as_deref(), Some("Sunday outing"));

    let document = read(&gpx10("<name>ACTIVE LOG</name>"));
    assert_eq!(document.version.as_deref(), Some("1.0"));
    assert_eq!(document.name.as_deref(), Some("Sunday outing"));
}

#[test]
fn a_file_without_any_namespace_is_read_and_a_file_name_can_say_run() {
    let text = r#"<gpx version="1.1"><metadata><name>Evening run</name></metadata>
<trk><trkseg>
<trkpt lat="1.0" lon="2.0"><time>2024-01-01T18:00:00Z</time></trkpt>
<trkpt lat="1.001" lon="2.0"><time>2024-01-01T18:00:30Z</time></trkpt>
</trkseg></trk></gpx>"#;
    let parsed = parse(text);
    assert_eq!(parsed.activities[0].sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Evening run"));
}

#[test]
fn a_pause_between_two_nearby_points_is_left_out_of_moving_time() {
    let body = format!(
        "<trk><type>running</type><trkseg>\n{}</trkseg></trk>\n",
        points(
            0.0,
            &[
                (10.0, "2024-03-01T08:00:00Z"),
                (10.001, "2024-03-01T08:01:00Z"),
                // 1.1 m in five minutes: standing at a crossing.
                (10.00101, "2024-03-01T08:06:00Z"),
                (10.002, "2024-03-01T08:07:00Z"),
            ],
        )
    );
    let run = &parse(&gpx11(&body)).activities[0];
    assert_eq!(run.elapsed, Duration::from_secs(420));
    assert_eq!(run.moving, Some(Duration::from_secs(120)));
    assert_close(run.distance_m.unwrap(), meridian_m(0.002));
}

#[test]
fn moving_time_counts_a_speed_of_exactly_one_kmh_as_moving() {
    // 0.001 degrees (111.195 m) in exactly the time 1 km/h takes for it.
    let metres = meridian_m(0.001);
    let seconds = (metres * 3.6).floor() as i64;
    let later = ts("2024-03-01T08:00:00Z") + jiff::SignedDuration::from_secs(seconds);
    let body = format!(
        "<trk><trkseg>\n{}</trkseg></trk>\n",
        points(
            0.0,
            &[(10.0, "2024-03-01T08:00:00Z"), (10.001, &later.to_string())]
        )
    );
    let track = &read(&gpx11(&body)).tracks[0];
    assert_eq!(track.moving_time(), Duration::from_secs(seconds as u64));
}

#[test]
fn two_segments_are_not_bridged_in_distance_or_moving_time() {
    let body = format!(
        "<trk><trkseg>\n{}</trkseg><trkseg>\n{}</trkseg></trk>\n",
        points(
            5.0,
            &[(10.0, "2024-03-01T08:00:00Z"), (10.001, "2024-03-01T08:01:00Z")]
        ),
        points(
            5.0,
            &[(20.0, "2024-03-01T09:00:00Z"), (20.002, "2024-03-01T09:02:00Z")]
        ),
    );
    let document = read(&gpx11(&body));
    let track = &document.tracks[0];
    assert_eq!(track.segments.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    assert_close(track.length_2d_m(), meridian_m(0.003));
    let run = &parse(&gpx11(&body)).activities[0];
    assert_close(run.distance_m.unwrap(), meridian_m(0.003));
    assert_eq!(run.moving, Some(Duration::from_secs(180)));
    assert_eq!(run.elapsed, Duration::from_secs(3720));
}

#[test]
fn times_with_offsets_keep_the_first_points_offset() {
    let body = format!(
        "<trk><type>trail_running</type><trkseg>\n{}</trkseg></trk>\n",
        points(
            7.0,
            &[
                (46.0, "2024-05-01T08:30:00.500+02:00"),
                (46.001, "2024-05-01T06:31:00.500Z")
            ],
        )
    );
    let run = &parse(&gpx11(&body)).activities[0];
    assert_eq!(run.sport, Sport::Running(RunKind::Trail));
    assert_eq!(run.start, ts("2024-05-01T06:30:00.5Z"));
    assert_eq!(run.utc_offset, Some(Offset::from_hours(2).unwrap()));
    assert_eq!(run.elapsed, Duration::from_secs(60));
    let document = read(&gpx11(&body));
    assert_eq!(document.tracks[0].segments[0][1].utc_offset, None);
}

#[test]
fn a_time_without_zone_is_utc() {
    let body = format!(
        "<trk><trkseg>\n{}</trkseg></trk>\n",
        points(
            7.0,
            &[(46.0, "2024-05-01T08:30:00"), (46.001, "2024-05-01T08:31:00.25")]
        )
    );
    let run = &parse(&gpx11(&body)).activities[0];
    assert_eq!(run.start, ts("2024-05-01T08:30:00Z"));
    assert_eq!(run.utc_offset, None);
    assert_eq!(run.elapsed, Duration::from_millis(60_250));
}

#[test]
fn a_track_without_times_is_a_route_and_yields_nothing() {
    let text = gpx11(
        r#"<trk><name>Afternoon Run</name><type>Run</type><trkseg>
<trkpt lat="47.61881" lon="-122.33706"><ele>25.28</ele></trkpt>
<trkpt lat="47.61928" lon="-122.33706"><ele>23.58</ele></trkpt>
</trkseg></trk>
"#,
    );
    let parsed = parse(&text);
    assert!(parsed.activities.is_empty());
    assert!(parsed.warnings.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the track has no timestamps: it is a planned route, not a recording")
    );
    assert_eq!(read(&text).tracks[0].point_count(), 2);
}

#[test]
fn a_track_with_one_timestamp_is_a_planned_route_not_a_recording() {
    // Garmin BaseCamp stamps the first point of a planned track with its creation time.
    let text = gpx11(
        r#"<trk><name>My Track</name><trkseg>
<trkpt lat="48.3123779296875" lon="11.62353515625"><time>2017-02-24T17:29:21Z</time></trkpt>
<trkpt lat="48.331158254295588" lon="11.708751367405057"/>
<trkpt lat="48.417404601350427" lon="11.808869177475572"/>
</trkseg></trk>
"#,
    );
    let track = &read(&text).tracks[0];
    assert!(!track.is_recording());
    assert_eq!(
        track.time_bounds().map(|(a, b)| (a.time, b.time)),
        Some((Some(ts("2017-02-24T17:29:21Z")), Some(ts("2017-02-24T17:29:21Z"))))
    );
    let parsed = parse(&text);
    assert!(parsed.activities.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the track has only one timestamp: it is a planned route or a single fix, not a recording")
    );
    // Cut off, such a file is an error: nothing worth keeping came before the damage.
    let cut = &text[..text.find("</trkseg>").unwrap()];
    let error = parse_gpx(cut.as_bytes(), &source()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::Truncated("<trkseg>, <trk> and <gpx> are not closed".to_owned())
    );
    assert_eq!(line_of(&error), 7);
}

#[test]
fn waypoints_and_routes_are_counted_not_imported() {
    let text = gpx11(
        r#"<wpt lat="1" lon="2"><name>a</name><time>2024-01-01T00:00:00Z</time></wpt>
<wpt lat="1" lon="3"/>
<rte><name>r</name><rtept lat="1" lon="2"/><rtept lat="1" lon="3"/><rtept lat="1" lon="4"/></rte>
"#,
    );
    let document = read(&text);
    assert_eq!(
        (
            document.waypoint_count,
            document.route_count,
            document.route_point_count
        ),
        (2, 1, 3)
    );
    assert!(document.tracks.is_empty());
    let parsed = parse(&text);
    assert!(parsed.activities.is_empty());
    assert_eq!(
        parsed.nothing_to_import.as_deref(),
        Some("the file holds 1 route, 2 waypoints and no track")
    );

    let only_waypoints = gpx11(&"<wpt lat=\"1\" lon=\"2\"/>\n".repeat(8));
    assert_eq!(
        parse(&only_waypoints).nothing_to_import.as_deref(),
        Some("the file holds 8 waypoints and no track")
    );
    assert_eq!(
        parse(&gpx11("")).nothing_to_import.as_deref(),
        Some("the file holds no track, route or waypoint")
    );
    assert_eq!(
        parse(&gpx11("<trk><trkseg></trkseg></trk><trk/>"))
            .nothing_to_import
            .as_deref(),
        Some("none of the 2 tracks has any points")
    );
}

#[test]
fn each_timed_track_is_one_activity() {
    let body = format!(
        "<trk><name>one</name><type>cycling</type><trkseg>\n{}</trkseg></trk>\n<trk><name>untimed</name><trkseg><trkpt lat=\"1\" lon=\"1\"/></trkseg></trk>\n<trk><name>two</name><type>strength_training</type><trkseg>\n{}</trkseg></trk>\n",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.01, "2024-01-01T10:10:00Z")]
        ),
        points(
            0.0,
            &[(1.0, "2024-01-01T18:00:00Z"), (1.0, "2024-01-01T19:00:00Z")]
        ),
    );
    let parsed = parse(&gpx11(&body));
    let summary: Vec<_> = parsed
        .activities
        .iter()
        .map(|a| (a.name.as_deref().unwrap(), a.sport.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            ("one", Sport::Cycling(Venue::Unspecified)),
            ("two", Sport::StrengthTraining)
        ]
    );
    assert_eq!(parsed.activities[1].moving, Some(Duration::ZERO));
    assert_eq!(parsed.activities[1].distance_m, Some(0.0));
    assert_ne!(parsed.activities[0].id, parsed.activities[1].id);
}

#[test]
fn elevation_gain_ignores_changes_under_two_metres() {
    let eles = [100.0, 101.0, 102.5, 101.0, 100.4, 103.0, 104.9];
    let trkpts: String = eles
        .iter()
        .map(|e| format!("<trkpt lat=\"1\" lon=\"1\"><ele>{e}</ele></trkpt>"))
        .collect();
    let text = gpx11(&format!(
        "<trk><trkseg>{trkpts}</trkseg><trkseg>{trkpts}</trkseg></trk>"
    ));
    let gain = read(&text).tracks[0].elevation_gain_m().unwrap();
    // Per segment: +2.5 (100 to 102.5), reference falls to 100.4, +2.6 (to 103); 104.9 is
    // within 2 m of 103.
    assert!((gain - 2.0 * 5.1).abs() < 1e-9, "{gain}");
    let flat = gpx11("<trk><trkseg><trkpt lat=\"1\" lon=\"1\"/></trkseg></trk>");
    assert_eq!(read(&flat).tracks[0].elevation_gain_m(), None);
    // A single point has length +0, not the -0 of an empty float sum.
    assert_eq!(read(&flat).tracks[0].length_2d_m().to_bits(), 0.0f64.to_bits());
}

#[test]
fn heart_rate_from_v2_extensions_only_and_zeros_are_not_averaged() {
    let text = r#"<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:tp2="http://www.garmin.com/xmlschemas/TrackPointExtension/v2" xmlns:other="http://example.com/ext">
<trk><trkseg>
<trkpt lat="1" lon="1"><time>2024-01-01T10:00:00Z</time><extensions><tp2:TrackPointExtension><tp2:hr>0</tp2:hr></tp2:TrackPointExtension></extensions></trkpt>
<trkpt lat="1" lon="1"><time>2024-01-01T10:00:01Z</time><extensions><tp2:TrackPointExtension><tp2:hr>140</tp2:hr><tp2:cad>90</tp2:cad></tp2:TrackPointExtension></extensions></trkpt>
<trkpt lat="1" lon="1"><time>2024-01-01T10:00:02Z</time><extensions><other:hr>200</other:hr><hr>210</hr></extensions></trkpt>
<trkpt lat="1" lon="1"><time>2024-01-01T10:00:03Z</time><extensions><tp2:TrackPointExtension><tp2:hr>150</tp2:hr></tp2:TrackPointExtension></extensions></trkpt>
</trkseg></trk></gpx>"#;
    let document = read(text);
    let rates: Vec<_> = document.tracks[0].points().map(|p| p.heart_rate).collect();
    assert_eq!(rates, [Some(0.0), Some(140.0), None, Some(150.0)]);
    assert_eq!(document.tracks[0].segments[0][1].cadence, Some(90.0));
    assert_eq!(parse(text).activities[0].avg_heart_rate, Some(145.0));
}

#[test]
fn comments_cdata_and_entities_inside_nodes_are_read() {
    let text = r#"<?xml version="1.0"?>
<gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">
<trk>
<name><![CDATA[Run <fast>]]> &amp; fun&#x21;</name>
<trkseg>
<trkpt lat="51.519402" lon="-0.134462"><!-- acc:30.0 --><ele>81.0<!-- m --></ele><time>2014-05-06T12:29:33Z</time></trkpt><!-- spd:0.0 -->
<trkpt lat="51.519402" lon="-0.134462"><ele>81.5</ele><time>2014-05-06T12:29:34Z</time></trkpt>
</trkseg>
</trk>
</gpx>"#;
    let parsed = parse(text);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let activity = &parsed.activities[0];
    assert_eq!(activity.name.as_deref(), Some("Run <fast> & fun!"));
    assert_eq!(activity.sport, Sport::Running(RunKind::Unspecified));
    assert_eq!(activity.elevation_gain_m, Some(0.0));
    assert_eq!(read(text).tracks[0].segments[0][0].ele, Some(81.0));
}

#[test]
fn a_bare_ampersand_in_a_name_is_kept_as_text() {
    let text = gpx11(&format!(
        "<trk><name>Run & Gun</name><trkseg>{}</trkseg></trk>",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.0, "2024-01-01T10:00:01Z")]
        )
    ));
    let parsed = parse(&text);
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Run & Gun"));
    assert!(parsed.warnings.is_empty());
}

#[test]
fn iso_8859_1_text_is_decoded_as_latin1() {
    let mut bytes =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<gpx version=\"1.0\"><trk><name>M".to_vec();
    bytes.push(0xFC); // u with diaresis in Latin-1, invalid alone in UTF-8
    bytes.extend(b"nchen Lauf</name><trkseg><trkpt lat=\"48.1\" lon=\"11.5\"><time>2013-07-29T21:43:01Z</time></trkpt><trkpt lat=\"48.1\" lon=\"11.5\"><time>2013-07-29T21:43:02Z</time></trkpt></trkseg></trk></gpx>");
    let parsed = parse_gpx(&bytes, &source()).unwrap();
    assert_eq!(parsed.activities[0].name.as_deref(), Some("M\u{fc}nchen Lauf"));
    assert_eq!(parsed.activities[0].sport, Sport::Running(RunKind::Unspecified));
}

#[test]
fn invalid_bytes_in_a_utf8_file_are_replaced_not_fatal() {
    let mut bytes = b"<gpx><trk><name>caf".to_vec();
    bytes.push(0xE9);
    bytes.extend(b"</name><trkseg><trkpt lat=\"1\" lon=\"1\"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat=\"1\" lon=\"1\"><time>2024-01-01T00:00:01Z</time></trkpt></trkseg></trk></gpx>");
    let parsed = parse_gpx(&bytes, &source()).unwrap();
    assert_eq!(parsed.activities[0].name.as_deref(), Some("caf\u{fffd}"));
}

#[test]
fn utf16_files_with_a_byte_order_mark_parse() {
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<gpx version=\"1.1\"><trk><name>Läufchen</name><trkseg>{}</trkseg></trk></gpx>",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.001, "2024-01-01T10:01:00Z")]
        )
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let parsed = parse_gpx(&bytes, &source()).unwrap();
    assert_eq!(parsed.activities[0].name.as_deref(), Some("Läufchen"));
    assert_close(parsed.activities[0].distance_m.unwrap(), meridian_m(0.001));
}

#[test]
fn points_with_unreadable_position_or_time_are_skipped_with_a_warning() {
    let text = "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><trkseg>\n\
<trkpt lat=\"1.0\" lon=\"0\"><time>2024-01-01T10:00:00Z</time></trkpt>\n\
<trkpt lat=\"north\" lon=\"0\"><time>2024-01-01T10:00:10Z</time></trkpt>\n\
<trkpt lat=\"1.0005\" lon=\"0\"><time>yesterday</time></trkpt>\n\
<trkpt lon=\"0\"><time>2024-01-01T10:00:20Z</time></trkpt>\n\
<trkpt lat=\"91\" lon=\"0\"><time>2024-01-01T10:00:25Z</time></trkpt>\n\
<trkpt lat=\"1.001\" lon=\"0\"><ele>high</ele><time>2024-01-01T10:00:30Z</time></trkpt>\n\
</trkseg></trk></gpx>\n";
    let parsed = parse(text);
    let messages: Vec<String> = parsed.warnings.iter().map(|w| w.message()).collect();
    assert_eq!(
        messages,
        [
            "line 4, column 1: <trkpt> lat is \"north\", expected a number of degrees from -90 to 90; the point was left out",
            "line 5, column 29: <time> is \"yesterday\", expected an RFC 3339 time such as 2024-05-01T06:30:00Z; the point was left out",
            "line 6, column 1: the lat attribute of <trkpt> is missing",
            "line 7, column 1: <trkpt> lat is \"91\", expected a number of degrees from -90 to 90; the point was left out",
            "line 8, column 28: <ele> is \"high\", expected a number of metres; the value was left out",
        ]
    );
    let run = &parsed.activities[0];
    assert_eq!(run.elapsed, Duration::from_secs(30));
    assert_close(run.distance_m.unwrap(), meridian_m(0.001));
    assert_eq!(read(text).tracks[0].point_count(), 2);
}

#[test]
fn a_flood_of_bad_values_is_summarised() {
    let bad = "<trkpt lat=\"x\" lon=\"0\"/>\n".repeat(150);
    let text = gpx11(&format!(
        "<trk><trkseg>{bad}{}</trkseg></trk>",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.0, "2024-01-01T10:00:05Z")]
        )
    ));
    let parsed = parse(&text);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.warnings.len(), 101);
    assert_eq!(
        parsed.warnings[100].to_string(),
        "test.gpx: line 103, column 1: 50 more unreadable values from here on were left out (only the first 100 are listed)"
    );
}

/// Two complete timed points, then the third cut off inside its start tag.
const CUT_IN_A_TAG: &str = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><name>Cut</name><trkseg>\n<trkpt lat=\"1.0\" lon=\"0\"><time>2024-01-01T10:00:00Z</time></trkpt>\n<trkpt lat=\"1.001\" lon=\"0\"><time>2024-01-01T10:01:00Z</time></trkpt>\n<trkpt lat=\"1.002\" lo";

#[test]
fn a_file_cut_off_inside_a_tag_keeps_the_points_before_with_a_warning() {
    let parsed = parse(CUT_IN_A_TAG);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(60));
    assert_close(parsed.activities[0].distance_m.unwrap(), meridian_m(0.001));
    assert_eq!(parsed.warnings.len(), 1);
    let warning = &parsed.warnings[0];
    assert!(
        matches!(warning.kind(), ParseErrorKind::Truncated(_)),
        "{warning}"
    );
    assert_eq!(
        warning.position(),
        Some(Position::Line {
            line: 6,
            column: Some(1)
        })
    );
    assert_eq!(
        warning.message(),
        "line 6, column 1: the file ends too early: a tag is cut off before its `>` (inside <trkseg>)"
    );
    let document = read(CUT_IN_A_TAG);
    assert!(!document.complete);
    assert_eq!(document.tracks[0].name.as_deref(), Some("Cut"));
}

#[test]
fn a_file_missing_its_closing_tags_keeps_its_points() {
    let text = format!(
        "<gpx version=\"1.1\">\n<trk><trkseg>\n{}",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.0, "2024-01-01T10:00:09Z")]
        )
    );
    let parsed = parse(&text);
    assert_eq!(parsed.activities.len(), 1);
    assert_eq!(parsed.activities[0].elapsed, Duration::from_secs(9));
    let warning = &parsed.warnings[0];
    assert_eq!(
        warning.position(),
        Some(Position::Line {
            line: 5,
            column: Some(1)
        })
    );
    assert_eq!(
        warning.kind(),
        &ParseErrorKind::Truncated("<trkseg>, <trk> and <gpx> are not closed".to_owned())
    );
}

#[test]
fn a_file_cut_off_before_any_timed_point_is_an_error_with_its_line() {
    let text = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">\n<wpt lat=\"1\" lon=\"2\"><name>x</name></wpt>\n<trk><trkseg>\n<trkpt lat=\"1\" lon=\"0\"/>\n<trkpt lat=\"1\"";
    let error = parse_gpx(text.as_bytes(), &source()).unwrap_err();
    assert!(matches!(error.kind(), ParseErrorKind::Truncated(_)), "{error}");
    assert_eq!(line_of(&error), 6);
    assert_eq!(error.path(), std::path::Path::new("test.gpx"));

    let only_prolog = parse_gpx(b"<?xml version=\"1.0\"?>\n", &source()).unwrap_err();
    assert_eq!(
        only_prolog.kind(),
        &ParseErrorKind::Truncated("there is no root element".to_owned())
    );
}

#[test]
fn a_mismatched_closing_tag_after_timed_points_is_a_syntax_warning() {
    let text = format!(
        "<gpx version=\"1.1\">\n<trk><trkseg>\n{}</trkpt>\n</trkseg></trk></gpx>\n",
        points(
            0.0,
            &[(1.0, "2024-01-01T10:00:00Z"), (1.001, "2024-01-01T10:01:00Z")]
        )
    );
    let parsed = parse(&text);
    assert_eq!(parsed.activities.len(), 1);
    let warning = &parsed.warnings[0];
    assert_eq!(
        warning.kind(),
        &ParseErrorKind::Syntax("found </trkpt> where </trkseg> was expected".to_owned())
    );
    assert_eq!(line_of(warning), 5);

    let early = "<gpx version=\"1.1\">\n<trk><name>x</nam></trk></gpx>";
    let error = parse_gpx(early.as_bytes(), &source()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::Syntax("found </nam> where </name> was expected".to_owned())
    );
    assert_eq!(line_of(&error), 2);
}

#[test]
fn empty_files_are_empty() {
    for bytes in [b"".as_slice(), b"   \n\t", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF \r\n"] {
        let error = parse_gpx(bytes, &source()).unwrap_err();
        assert_eq!(error.kind(), &ParseErrorKind::Empty, "{bytes:?}");
    }
}

#[test]
fn xml_that_is_not_gpx_names_its_root() {
    let tcx = "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities/></TrainingCenterDatabase>";
    let error = parse_gpx(tcx.as_bytes(), &source()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::UnknownFormat(
            "XML whose root element is <TrainingCenterDatabase>, not <gpx>".to_owned()
        )
    );
    assert_eq!(line_of(&error), 2);

    let foreign = "<gpx xmlns=\"http://example.com/not-gpx\"/>";
    let error = parse_gpx(foreign.as_bytes(), &source()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::UnknownFormat("XML whose root element <gpx> is not in the GPX namespace".to_owned())
    );
}

#[test]
fn garbage_bytes_are_an_error_not_a_panic() {
    let error = parse_gpx(b"\x0e\x10\xd9\x07\x00\x00.FIT\x00\x01", &source()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::UnknownFormat("not XML: the file does not start with `<`".to_owned())
    );
    assert_eq!(
        error.position(),
        Some(Position::Line {
            line: 1,
            column: Some(1)
        })
    );

    // Pseudo-random bytes, some of them behind a `<`, must never panic.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..2000 {
        let len = (round % 97) + 1;
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                const ALPHABET: &[u8] = b"<>/=\"' gpxtrkseglaton?!-[]&;:\n\xff\xc3";
                ALPHABET[(state % ALPHABET.len() as u64) as usize]
            })
            .collect();
        if round % 2 == 0 {
            bytes.insert(0, b'<');
        }
        if let Ok(parsed) = parse_gpx(&bytes, &source()) {
            assert!(parsed.activities.is_empty(), "{bytes:?}");
        }
    }
}

#[test]
fn every_prefix_of_a_good_file_reads_without_panicking() {
    let bytes = GARMIN.as_bytes();
    for end in 0..bytes.len() {
        match parse_gpx(&bytes[..end], &source()) {
            Ok(parsed) => {
                assert_eq!(parsed.activities.len(), 1, "prefix {end}");
                // Points read before the cut come with a warning saying where it is, unless
                // the cut only removed what follows `</gpx>`.
                let complete = GARMIN[..end].contains("</gpx>");
                match parsed.warnings.last() {
                    Some(w) => assert!(!complete && matches!(w.position(), Some(Position::Line { .. }))),
                    None => assert!(complete, "prefix {end}"),
                }
            }
            Err(error) => assert!(
                error.position().is_some() || *error.kind() == ParseErrorKind::Empty,
                "{error}"
            ),
        }
    }
    assert!(parse_gpx(bytes, &source()).unwrap().warnings.is_empty());
}

#[test]
fn trailing_content_after_the_root_is_ignored() {
    let text = format!("{GARMIN}\n<!-- exported -->\ngarbage");
    let parsed = parse(&text);
    assert!(parsed.warnings.is_empty());
    assert_eq!(parsed.activities.len(), 1);
}
