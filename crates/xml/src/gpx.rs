//! The streaming GPX reader: bytes in, [`GpxDocument`] out.

use std::borrow::Cow;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::Offset;
use quick_xml::events::{BytesRef, BytesStart};
use runlift_model::{ParseError, ParseErrorKind, Position, RunKind, SourceRef, Sport, SportInference, Venue};

use crate::reading::{
    self, EventHandler, Flow, Holds, Input, LineCounter, MAX_VALUE_WARNINGS, Scopes, Window, non_empty,
    parse_number, read_events, same_bytes,
};
use crate::sport::sport_from_title;
use crate::summary::TrackSummary;
use crate::time::TimeCache;

/// A speed below this (1 km/h, gpxpy's stopped-speed threshold), in metres per second times
/// 3.6, counts as standing still.
pub(crate) const MOVING_KMH: f64 = 1.0;

/// What a GPX file holds, as read by [`read_gpx`](crate::read_gpx).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GpxDocument {
    /// The `version` attribute of `<gpx>` (`1.0`, `1.1`), when present.
    pub version: Option<String>,
    /// The `creator` attribute of `<gpx>` (`Garmin Connect`, `StravaGPX`, ...), when present.
    pub creator: Option<String>,
    /// The file's name: `<metadata><name>` in GPX 1.1, `<gpx><name>` in GPX 1.0.
    pub name: Option<String>,
    /// The tracks (`<trk>`), in file order, including those without points or times.
    pub tracks: Vec<GpxTrack>,
    /// The number of waypoints (`<wpt>`); they are counted, not kept.
    pub waypoint_count: usize,
    /// The number of routes (`<rte>`); they are counted, not kept.
    pub route_count: usize,
    /// The number of route points (`<rtept>`) over all routes.
    pub route_point_count: usize,
    /// Problems with parts of the file that were left out: points with an unreadable
    /// position or time, values that could not be read, and, last, the damage that stopped
    /// the reading when the file is cut off or malformed (see [`GpxDocument::complete`]).
    pub warnings: Vec<ParseError>,
    /// `false` when the XML is broken or cut off and only what came before the damage was
    /// read (the damage is then the last warning).
    pub complete: bool,
}

/// One `<trk>`: a recording, or a route drawn as a track when its points have no times.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GpxTrack {
    /// The `<name>` of the track.
    pub name: Option<String>,
    /// The `<type>` of the track as written (`running`, `9`, ...); see
    /// [`Sport::from_gpx_type`].
    pub kind: Option<String>,
    /// The points of each `<trkseg>`, in order; a segment may be empty. Points whose position
    /// or time could not be read are not here (they are in the warnings).
    pub segments: Vec<Vec<TrackPoint>>,
}

/// One `<trkpt>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackPoint {
    /// Latitude in degrees, -90 to 90.
    pub lat: f64,
    /// Longitude in degrees, -180 to 180.
    pub lon: f64,
    /// Elevation in metres (`<ele>`).
    pub ele: Option<f64>,
    /// The instant of the point (`<time>`); a time written without a zone is UTC.
    pub time: Option<Timestamp>,
    /// The UTC offset the time was written with, when it was a numeric offset rather than `Z`.
    pub utc_offset: Option<Offset>,
    /// Heart rate in beats per minute, from Garmin's TrackPointExtension `hr`.
    pub heart_rate: Option<f64>,
    /// Cadence from Garmin's TrackPointExtension `cad` (per minute, as the device wrote it).
    pub cadence: Option<f64>,
}

impl GpxTrack {
    /// The number of points over all segments.
    pub fn point_count(&self) -> usize {
        self.segments.iter().map(Vec::len).sum()
    }

    /// The points over all segments, in order.
    pub fn points(&self) -> impl DoubleEndedIterator<Item = &TrackPoint> {
        self.segments.iter().flatten()
    }

    /// The length in metres: the sum of [`haversine_m`](crate::haversine_m) distances between consecutive points
    /// within each segment. The gap between one segment's last point and the next segment's
    /// first is not counted.
    pub fn length_2d_m(&self) -> f64 {
        self.length_and_moving_time().0
    }

    /// The first and last points that have a time, in file order; `None` when no point has
    /// one (a route drawn as a track).
    pub fn time_bounds(&self) -> Option<(&TrackPoint, &TrackPoint)> {
        let first = self.points().find(|p| p.time.is_some())?;
        let last = self.points().rev().find(|p| p.time.is_some())?;
        Some((first, last))
    }

    /// Whether the track is a recording: at least two of its points have times, and they are
    /// not all the same instant. A planned route has no times, or (Garmin BaseCamp) a time on
    /// its first point only.
    pub fn is_recording(&self) -> bool {
        self.time_bounds()
            .is_some_and(|(first, last)| first.time != last.time)
    }

    /// The time spent moving: the sum of the intervals between consecutive timed points of a
    /// segment during which the speed was at least 1 km/h (the distance being the path
    /// through any untimed points in between). Pauses and standing still are left out, and
    /// so is the gap between segments.
    pub fn moving_time(&self) -> Duration {
        self.length_and_moving_time().1
    }

    /// [`length_2d_m`](Self::length_2d_m) and [`moving_time`](Self::moving_time) in one pass,
    /// each distance between points computed once (the trigonometry is a tenth of reading a
    /// long track).
    pub(crate) fn length_and_moving_time(&self) -> (f64, Duration) {
        TrackSummary::of(self).length_and_moving_time()
    }

    /// The elevation gain in metres within segments, ignoring changes under 2 m: a reference
    /// elevation is kept; a point at least 2 m above it adds the difference and becomes the
    /// reference, a point at least 2 m below it becomes the reference. `None` when no point
    /// has an elevation.
    pub fn elevation_gain_m(&self) -> Option<f64> {
        TrackSummary::of(self).elevation_gain_m()
    }

    /// The mean of the points' heart rates, leaving out points without one (and zeros, which
    /// devices write when no strap is connected).
    pub fn avg_heart_rate(&self) -> Option<f64> {
        TrackSummary::of(self).avg_heart_rate()
    }

    /// The sport of the track ([`GpxTrack::inferred_sport`] without saying how it was found).
    pub fn sport(&self, file_name: Option<&str>) -> Sport {
        self.inferred_sport(file_name).0
    }

    /// The sport of the track, and how it was inferred when `<type>` does not name it.
    ///
    /// From `<type>` when it is present and not empty ([`Sport::from_gpx_type`]), not
    /// inferred. Otherwise (GPX 1.0 has no `<type>`, and many apps leave it out), in turn:
    ///
    /// 1. the track's name, else the file's name (`file_name`), read by
    ///    [`sport_from_title`] ("Lunch Run", "Nachtlauf", "Afternoon Ride");
    /// 2. the cadence (Garmin's TrackPointExtension `cad`): a median of 150-210 per minute is
    ///    a runner's steps; a median of 75-105, the steps of one foot as Garmin writes a run's
    ///    cadence, is a run when the median moving speed is also a runner's (1.8-5 m/s; a
    ///    cyclist's pedalling has the same numbers, at a cyclist's speed);
    /// 3. the speed profile ([`SpeedProfile`]): a median moving speed under 2 m/s is a walk,
    ///    2-6.5 m/s at an even pace (quartile dispersion at most 0.15) a run, over 7 m/s a
    ///    ride;
    ///
    /// else `Sport::Other("unspecified")`, not inferred.
    pub fn inferred_sport(&self, file_name: Option<&str>) -> (Sport, Option<SportInference>) {
        self.inferred_sport_from(file_name, &TrackSummary::of(self))
    }

    /// [`GpxTrack::inferred_sport`] with the figures of the track's points in `summary`.
    pub(crate) fn inferred_sport_from(
        &self,
        file_name: Option<&str>,
        summary: &TrackSummary,
    ) -> (Sport, Option<SportInference>) {
        if let Some(kind) = self.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            return (Sport::from_gpx_type(kind), None);
        }
        if let Some(sport) = self
            .name
            .iter()
            .map(String::as_str)
            .chain(file_name)
            .find_map(sport_from_title)
        {
            return (sport, Some(SportInference::Name));
        }
        let run = Sport::Running(RunKind::Unspecified);
        let profile = summary.speed_profile();
        let median_speed = profile.map(|p| p.median_mps);
        if let Some(cadence) = summary.median_cadence() {
            let runner_speed = median_speed.is_some_and(|v| (1.8..=5.0).contains(&v));
            if (150.0..=210.0).contains(&cadence) || ((75.0..=105.0).contains(&cadence) && runner_speed) {
                return (run, Some(SportInference::Cadence));
            }
        }
        if let Some(profile) = profile {
            let sport = match profile.median_mps {
                v if v < 0.5 => None,
                v if v < 2.0 => Some(Sport::Walking),
                v if v <= 6.5 && profile.dispersion <= 0.15 => Some(run),
                v if v > 7.0 => Some(Sport::Cycling(Venue::Unspecified)),
                _ => None,
            };
            if let Some(sport) = sport {
                return (sport, Some(SportInference::Speed));
            }
        }
        (Sport::Other("unspecified".to_owned()), None)
    }
}

/// The median of `values` (sorted in place); `None` when there are none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

/// How fast and how evenly a track moved: the speeds of its stretches of at least
/// [`SpeedProfile::STRETCH_S`] seconds within a segment, those under 0.5 m/s (standing)
/// left out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeedProfile {
    /// The median speed of the moving stretches, in metres per second.
    pub median_mps: f64,
    /// The quartile coefficient of dispersion of their speeds, (Q3 - Q1) / (Q3 + Q1): about
    /// 0.05 for a steady run, 0.3 and more for a ride through town or intervals.
    pub dispersion: f64,
    /// How many moving stretches there were.
    pub stretches: usize,
}

impl SpeedProfile {
    /// The shortest stretch measured: long enough that a GPS fix's few metres of error do not
    /// make the speed jump.
    pub const STRETCH_S: f64 = 30.0;
    /// The fewest moving stretches that make a profile (about five minutes).
    pub const MIN_STRETCHES: usize = 10;

    /// The profile of `track`; `None` when it moved for fewer than
    /// [`SpeedProfile::MIN_STRETCHES`] stretches.
    pub fn of(track: &GpxTrack) -> Option<SpeedProfile> {
        TrackSummary::of(track).speed_profile()
    }

    /// The profile of the moving stretches' `speeds`, in any order.
    pub(crate) fn from_speeds(mut speeds: Vec<f64>) -> Option<SpeedProfile> {
        if speeds.len() < Self::MIN_STRETCHES {
            return None;
        }
        speeds.sort_by(f64::total_cmp);
        let quartile = |q: f64| speeds[((speeds.len() - 1) as f64 * q).round() as usize];
        let (q1, q3) = (quartile(0.25), quartile(0.75));
        Some(SpeedProfile {
            median_mps: median(&mut speeds)?,
            dispersion: if q1 + q3 > 0.0 { (q3 - q1) / (q3 + q1) } else { 0.0 },
            stretches: speeds.len(),
        })
    }
}

/// Which namespace an element is in, as far as GPX reading cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// `http://www.topografix.com/GPX/1/0`, `.../1/1`, or no namespace at all.
    Gpx,
    /// Garmin's TrackPointExtension, v1 or v2.
    TrackPointExtension,
    /// Anything else.
    Other,
}

fn classify(uri: &[u8]) -> Ns {
    match uri {
        b"http://www.topografix.com/GPX/1/0" | b"http://www.topografix.com/GPX/1/1" => Ns::Gpx,
        b"http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
        | b"http://www.garmin.com/xmlschemas/TrackPointExtension/v2" => Ns::TrackPointExtension,
        _ => Ns::Other,
    }
}

/// The open elements the reader tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Gpx,
    Metadata,
    /// `<metadata><name>` (1.1) or `<gpx><name>` (1.0).
    FileName,
    Trk,
    TrkName,
    TrkType,
    Trkseg,
    Trkpt,
    Ele,
    Time,
    HeartRate,
    Cadence,
    /// Anything else inside a `<trkpt>` (extensions), where `hr` and `cad` may be found.
    InPoint,
    Rte,
    /// Anything else: read past.
    Skip,
}

impl El {
    fn tag(self) -> Option<&'static str> {
        Some(match self {
            El::Gpx => "gpx",
            El::Metadata => "metadata",
            El::FileName | El::TrkName => "name",
            El::Trk => "trk",
            El::TrkType => "type",
            El::Trkseg => "trkseg",
            El::Trkpt => "trkpt",
            El::Ele => "ele",
            El::Time => "time",
            El::HeartRate => "hr",
            El::Cadence => "cad",
            El::Rte => "rte",
            El::InPoint | El::Skip => return None,
        })
    }

    /// Elements whose text is a number or time, gathered as raw bytes.
    fn holds_value(self) -> bool {
        matches!(self, El::Ele | El::Time | El::HeartRate | El::Cadence)
    }

    /// What an element named `local` in `ns` is inside `self`, a `<trkpt>` or an element
    /// inside one.
    fn point_child(self, ns: Ns, local: &[u8]) -> El {
        // Compared with `same_bytes` rather than matched against byte strings, which calls
        // `memcmp` for each name of each point.
        match (self, ns) {
            (El::Trkpt, Ns::Gpx) if same_bytes(local, b"ele") => El::Ele,
            (El::Trkpt, Ns::Gpx) if same_bytes(local, b"time") => El::Time,
            (El::Trkpt | El::InPoint, Ns::TrackPointExtension) if same_bytes(local, b"hr") => El::HeartRate,
            (El::Trkpt | El::InPoint, Ns::TrackPointExtension) if same_bytes(local, b"cad") => El::Cadence,
            (El::Trkpt | El::InPoint, _) => El::InPoint,
            _ => El::Skip,
        }
    }

    /// Elements whose text is kept as a string.
    fn holds_text(self) -> bool {
        matches!(self, El::FileName | El::TrkName | El::TrkType)
    }
}

/// The `<trkpt>` being read.
#[derive(Debug, Clone, Copy)]
struct PendingPoint {
    point: TrackPoint,
    /// Left out: its position or time could not be read (a warning says why).
    rejected: bool,
}

impl PendingPoint {
    const EMPTY: PendingPoint = PendingPoint {
        point: TrackPoint {
            lat: 0.0,
            lon: 0.0,
            ele: None,
            time: None,
            utc_offset: None,
            heart_rate: None,
            cadence: None,
        },
        rejected: false,
    };
}

/// Reads a whole GPX document; see [`read_gpx`](crate::read_gpx).
pub(crate) fn read(window: &mut Window<'_>, source: &SourceRef) -> Result<GpxDocument, ParseError> {
    read_with(window, source, true).map(|(document, _)| document)
}

/// Reads a GPX document without keeping its points: its tracks come without points, each
/// with the [`TrackSummary`] of its points, in order.
pub(crate) fn read_summaries(
    window: &mut Window<'_>,
    source: &SourceRef,
) -> Result<(GpxDocument, Vec<TrackSummary>), ParseError> {
    let first = reading::first_markup(window, source)?;
    let scopes = Scopes::new(classify, Ns::Gpx, Ns::Other);
    let mut reader = Reader::new(source);
    reader.summaries = Some(Vec::new());
    let (document, summaries, _) = read_events(reader, window, first, scopes)?;
    Ok((document, summaries.unwrap_or_default()))
}

/// Reads a whole GPX document, reading ahead plain `<trkpt>` elements ([`skim_point`]) when
/// `skim` is set; returns the document and the number of points read ahead.
pub(crate) fn read_with(
    window: &mut Window<'_>,
    source: &SourceRef,
    skim: bool,
) -> Result<(GpxDocument, usize), ParseError> {
    let first = reading::first_markup(window, source)?;
    let scopes = Scopes::new(classify, Ns::Gpx, Ns::Other);
    let mut reader = Reader::new(source);
    reader.skim = skim;
    read_events(reader, window, first, scopes).map(|(document, _, skimmed)| (document, skimmed))
}

struct Reader<'a> {
    source: &'a SourceRef,
    /// The file declares ISO-8859-1 (or a relative): text bytes are Latin-1 characters.
    latin1: bool,
    stack: Vec<El>,
    doc: GpxDocument,
    track: Option<GpxTrack>,
    point: PendingPoint,
    /// The start of the element whose text is being gathered, for messages.
    value_at: usize,
    value: Vec<u8>,
    text: String,
    value_warnings: usize,
    unlisted_warnings: usize,
    first_unlisted: Option<Position>,
    lines: LineCounter,
    /// Whether plain `<trkpt>` elements are read ahead without quick-xml.
    skim: bool,
    /// The number of points read ahead.
    skimmed: usize,
    /// When set, points are folded into the track's summary rather than kept: the
    /// summaries of the tracks read.
    summaries: Option<Vec<TrackSummary>>,
    /// The summary of the track being read.
    summary: TrackSummary,
    times: TimeCache,
}

impl<'a> Reader<'a> {
    fn new(source: &'a SourceRef) -> Self {
        Reader {
            source,
            latin1: false,
            stack: Vec::with_capacity(16),
            doc: GpxDocument {
                complete: true,
                ..GpxDocument::default()
            },
            track: None,
            point: PendingPoint::EMPTY,
            value_at: 0,
            value: Vec::with_capacity(64),
            text: String::new(),
            value_warnings: 0,
            unlisted_warnings: 0,
            first_unlisted: None,
            lines: LineCounter::new(),
            skim: true,
            skimmed: 0,
            summaries: None,
            summary: TrackSummary::default(),
            times: TimeCache::default(),
        }
    }

    fn position(&mut self, input: Input<'_>, offset: usize) -> Position {
        self.lines.position(input, offset)
    }

    fn root_attributes(&mut self, e: &BytesStart<'_>) {
        for attribute in e.attributes().flatten() {
            match attribute.key.as_ref() {
                b"version" => self.doc.version = Some(self.decode(&attribute.value).into_owned()),
                b"creator" => self.doc.creator = Some(self.decode(&attribute.value).into_owned()),
                _ => {}
            }
        }
    }

    fn begin_point(&mut self, e: &BytesStart<'_>, at: usize, input: Input<'_>) {
        let mut lat = None;
        let mut lon = None;
        // Without the duplicate-key check, which would allocate for every point; a repeated
        // `lat` simply counts last.
        for attribute in e.attributes().with_checks(false) {
            let attribute = match attribute {
                Ok(attribute) => attribute,
                Err(error) => {
                    let kind = ParseErrorKind::Syntax(format!(
                        "<trkpt> has a malformed attribute ({error}); the point was left out"
                    ));
                    self.point = PendingPoint::EMPTY;
                    self.warn(input, at, kind);
                    self.point.rejected = true;
                    return;
                }
            };
            match attribute.key.as_ref() {
                b"lat" => lat = Some(attribute.value),
                b"lon" => lon = Some(attribute.value),
                _ => {}
            }
        }
        self.begin_point_at(input, at, lat.as_deref(), lon.as_deref());
    }

    /// Starts the point whose `<trkpt>` is at `at`, with its raw `lat` and `lon`.
    fn begin_point_at(&mut self, input: Input<'_>, at: usize, lat: Option<&[u8]>, lon: Option<&[u8]>) {
        self.point = PendingPoint::EMPTY;
        let lat = self.coordinate(input, at, "lat", lat, 90.0);
        let lon = self.coordinate(input, at, "lon", lon, 180.0);
        match (lat, lon) {
            (Some(lat), Some(lon)) => {
                self.point.point.lat = lat;
                self.point.point.lon = lon;
            }
            _ => self.point.rejected = true,
        }
    }

    /// Reads a `lat` or `lon` attribute; warns and returns `None` when it is missing or bad.
    fn coordinate(
        &mut self,
        input: Input<'_>,
        at: usize,
        name: &str,
        raw: Option<&[u8]>,
        limit: f64,
    ) -> Option<f64> {
        let Some(raw) = raw else {
            self.warn(
                input,
                at,
                ParseErrorKind::Missing(format!("the {name} attribute of <trkpt>")),
            );
            return None;
        };
        match parse_number(raw) {
            Some(value) if value.abs() <= limit => Some(value),
            _ => {
                let expected =
                    format!("a number of degrees from -{limit} to {limit}; the point was left out");
                let value = self.decode(raw).into_owned();
                self.warn(
                    input,
                    at,
                    ParseErrorKind::invalid_value(format!("<trkpt> {name}"), &value, expected),
                );
                None
            }
        }
    }

    /// Reads the number `raw` of an `<ele>`, `<hr>` or `<cad>`; an empty element is no
    /// value, a bad one is no value and a warning.
    fn number(&mut self, input: Input<'_>, raw: &[u8], tag: &str, expected: &str) -> Option<f64> {
        let raw = raw.trim_ascii();
        if raw.is_empty() {
            return None;
        }
        let value = parse_number(raw);
        if value.is_none() {
            self.bad_number(input, raw, tag, expected);
        }
        value
    }

    /// Warns that `raw`, the text of a `<tag>`, is not the number `expected`. Apart, as it
    /// is rare: the number is read in the loop over points.
    #[cold]
    fn bad_number(&mut self, input: Input<'_>, raw: &[u8], tag: &str, expected: &str) {
        let value = self.decode(raw).into_owned();
        let expected = format!("{expected}; the value was left out");
        self.warn(
            input,
            self.value_at,
            ParseErrorKind::invalid_value(format!("<{tag}>"), &value, expected),
        );
    }

    /// Reads the gathered value of an element that [holds one](El::holds_value) into the
    /// point.
    fn end_value(&mut self, input: Input<'_>, el: El) {
        let value = std::mem::take(&mut self.value);
        self.read_value(input, el, &value);
        self.value = value;
    }

    /// Reads `raw`, the text of an element that [holds a value](El::holds_value), into the
    /// point.
    fn read_value(&mut self, input: Input<'_>, el: El, raw: &[u8]) {
        match el {
            El::Ele => self.point.point.ele = self.number(input, raw, "ele", "a number of metres"),
            El::HeartRate => {
                self.point.point.heart_rate = self.number(input, raw, "hr", "a number of beats per minute")
            }
            El::Cadence => {
                self.point.point.cadence =
                    self.number(input, raw, "cad", "a number of steps or revolutions per minute")
            }
            El::Time => {
                if raw.trim_ascii().is_empty() {
                    return;
                }
                match self.times.parse(raw) {
                    Some((time, offset)) => {
                        self.point.point.time = Some(time);
                        self.point.point.utc_offset = offset;
                    }
                    None => {
                        let value = self.decode(raw.trim_ascii()).into_owned();
                        let expected =
                            "an RFC 3339 time such as 2024-05-01T06:30:00Z; the point was left out";
                        self.warn(
                            input,
                            self.value_at,
                            ParseErrorKind::invalid_value("<time>", &value, expected),
                        );
                        self.point.rejected = true;
                    }
                }
            }
            _ => {}
        }
    }

    /// Takes in a point read ahead by [`skim_point`], exactly as if quick-xml's events had
    /// brought it.
    /// Its offsets are in `input.data`.
    fn take_skimmed(&mut self, input: Input<'_>, skimmed: &Skimmed<'_>) {
        self.begin_point_at(input, input.base + skimmed.at, skimmed.lat, skimmed.lon);
        for value in &skimmed.values[..skimmed.value_count] {
            self.value_at = input.base + value.at;
            self.read_value(input, value.el, value.raw);
        }
        self.end_point();
    }

    fn end_point(&mut self) {
        let pending = std::mem::replace(&mut self.point, PendingPoint::EMPTY);
        if pending.rejected {
            return;
        }
        if let Some(segment) = self.track.as_mut().and_then(|t| t.segments.last_mut()) {
            if self.summaries.is_some() {
                self.summary.add(&pending.point);
            } else {
                segment.push(pending.point);
            }
        }
    }

    /// The track being read is complete (or cut off).
    fn end_track(&mut self) {
        if let Some(track) = self.track.take() {
            self.doc.tracks.push(track);
            let summary = std::mem::take(&mut self.summary);
            if let Some(summaries) = &mut self.summaries {
                summaries.push(summary);
            }
        }
    }

    fn decode<'b>(&self, bytes: &'b [u8]) -> Cow<'b, str> {
        reading::decode(self.latin1, bytes)
    }

    fn holds(&self) -> Holds {
        match self.stack.last() {
            Some(el) if el.holds_value() => Holds::Value,
            Some(el) if el.holds_text() => Holds::Text,
            _ => Holds::Nothing,
        }
    }

    fn warn(&mut self, input: Input<'_>, at: usize, kind: ParseErrorKind) {
        if self.value_warnings < MAX_VALUE_WARNINGS {
            self.value_warnings += 1;
            let position = self.position(input, at);
            self.doc
                .warnings
                .push(ParseError::new(self.source, Some(position), kind));
        } else {
            self.unlisted_warnings += 1;
            if self.first_unlisted.is_none() {
                self.first_unlisted = Some(self.position(input, at));
            }
        }
    }

    fn finish_warnings(&mut self) {
        if self.unlisted_warnings > 0 {
            let kind = ParseErrorKind::Syntax(format!(
                "{} more unreadable values from here on were left out (only the first {MAX_VALUE_WARNINGS} are listed)",
                self.unlisted_warnings
            ));
            self.doc
                .warnings
                .push(ParseError::new(self.source, self.first_unlisted, kind));
            self.unlisted_warnings = 0;
        }
    }
}

impl EventHandler for Reader<'_> {
    type Ns = Ns;
    /// The document, the summaries of its tracks (when points are not kept), the number
    /// of points read ahead.
    type Output = (GpxDocument, Option<Vec<TrackSummary>>, usize);

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, at: usize, input: Input<'_>) -> Result<(), ParseError> {
        let local = e.local_name();
        let local = local.as_ref();
        let gpx = ns == Ns::Gpx;
        let el = match self.stack.last().copied() {
            None => {
                if !(gpx && local == b"gpx") {
                    let name = String::from_utf8_lossy(e.name().as_ref())
                        .chars()
                        .take(60)
                        .collect::<String>();
                    let what = if local == b"gpx" {
                        format!("XML whose root element <{name}> is not in the GPX namespace")
                    } else {
                        format!("XML whose root element is <{name}>, not <gpx>")
                    };
                    let position = self.position(input, at);
                    return Err(ParseError::new(
                        self.source,
                        Some(position),
                        ParseErrorKind::UnknownFormat(what),
                    ));
                }
                self.root_attributes(e);
                El::Gpx
            }
            Some(El::Gpx) if gpx => match local {
                b"metadata" => El::Metadata,
                b"name" => El::FileName,
                b"trk" => {
                    self.track = Some(GpxTrack::default());
                    self.summary = TrackSummary::default();
                    El::Trk
                }
                b"wpt" => {
                    self.doc.waypoint_count += 1;
                    El::Skip
                }
                b"rte" => {
                    self.doc.route_count += 1;
                    El::Rte
                }
                _ => El::Skip,
            },
            Some(El::Metadata) if gpx && local == b"name" => El::FileName,
            Some(El::Trk) if gpx => match local {
                b"name" => El::TrkName,
                b"type" => El::TrkType,
                b"trkseg" => {
                    if let Some(track) = &mut self.track {
                        track.segments.push(Vec::new());
                        self.summary.start_segment();
                    }
                    El::Trkseg
                }
                _ => El::Skip,
            },
            Some(El::Trkseg) if gpx && local == b"trkpt" => {
                self.begin_point(e, at, input);
                El::Trkpt
            }
            Some(El::Rte) if gpx && local == b"rtept" => {
                self.doc.route_point_count += 1;
                El::Skip
            }
            Some(parent @ (El::Trkpt | El::InPoint)) => parent.point_child(ns, local),
            _ => El::Skip,
        };
        if el.holds_value() {
            self.value.clear();
            self.value_at = at;
        } else if el.holds_text() {
            self.text.clear();
        }
        self.stack.push(el);
        Ok(())
    }

    fn end(&mut self, input: Input<'_>) -> Flow {
        let Some(el) = self.stack.pop() else {
            return Flow::Done;
        };
        match el {
            El::Gpx => return Flow::Done,
            El::FileName => {
                if self.doc.name.is_none() {
                    self.doc.name = non_empty(&self.text);
                }
            }
            El::TrkName | El::TrkType => {
                let value = non_empty(&self.text);
                if let Some(track) = &mut self.track {
                    if el == El::TrkName {
                        track.name = value;
                    } else {
                        track.kind = value;
                    }
                }
            }
            El::Trk => self.end_track(),
            El::Trkpt => self.end_point(),
            El::Ele | El::HeartRate | El::Cadence | El::Time => self.end_value(input, el),
            El::Metadata | El::Trkseg | El::InPoint | El::Rte | El::Skip => {}
        }
        Flow::Continue
    }

    fn gather(&mut self, bytes: &[u8]) {
        reading::gather(self.holds(), self.latin1, bytes, &mut self.value, &mut self.text);
    }

    fn gather_ref(&mut self, reference: &BytesRef<'_>) {
        reading::gather_ref(
            self.holds(),
            self.latin1,
            reference,
            &mut self.value,
            &mut self.text,
        );
    }

    /// The file is broken at `offset`: keep what was read if it holds a recorded track, else
    /// fail.
    fn damaged(
        mut self,
        kind: ParseErrorKind,
        offset: usize,
        input: Input<'_>,
    ) -> Result<Self::Output, ParseError> {
        let position = self.position(input, offset);
        let error = ParseError::new(self.source, Some(position), kind);
        self.end_track();
        let recording = match &self.summaries {
            Some(summaries) => summaries.iter().any(TrackSummary::is_recording),
            None => self.doc.tracks.iter().any(GpxTrack::is_recording),
        };
        if !recording {
            return Err(error);
        }
        self.finish_warnings();
        self.doc.warnings.push(error);
        self.doc.complete = false;
        Ok((self.doc, self.summaries, self.skimmed))
    }

    fn set_latin1(&mut self, latin1: bool) {
        self.latin1 = latin1;
    }

    fn keeps_leading_space(&self) -> bool {
        self.stack.last().is_some_and(|el| el.holds_text())
    }

    fn open_tags(&self) -> impl Iterator<Item = &'static str> {
        self.stack.iter().rev().filter_map(|el| el.tag())
    }

    fn error_at(&mut self, offset: usize, kind: ParseErrorKind, input: Input<'_>) -> ParseError {
        let position = self.position(input, offset);
        ParseError::new(self.source, Some(position), kind)
    }

    fn source(&self) -> &SourceRef {
        self.source
    }

    fn lines(&mut self) -> &mut LineCounter {
        &mut self.lines
    }

    fn pinned(&self) -> Option<usize> {
        self.stack
            .iter()
            .any(|el| el.holds_value())
            .then_some(self.value_at)
    }

    fn finish(mut self) -> Self::Output {
        self.finish_warnings();
        (self.doc, self.summaries, self.skimmed)
    }

    /// Inside a `<trkseg>`, reads the `<trkpt>` elements that follow with [`skim_point`], up
    /// to the first one of an unusual shape, which quick-xml then reads.
    fn read_ahead(&mut self, offset: usize, scopes: &Scopes<Ns>, input: Input<'_>) -> usize {
        if !self.skim || self.stack.last() != Some(&El::Trkseg) {
            return 0;
        }
        // Points nested near the bound on depth are left to quick-xml, which enforces it.
        if scopes.depth() + 1 + MAX_SKIMMED_DEPTH > crate::MAX_DEPTH {
            return 0;
        }
        let data = input.data;
        let start = offset - input.base;
        let mut end = start;
        let mut skimmed = Skimmed::new();
        let mut names = Names::new(scopes);
        loop {
            let at = end + data[end..].iter().take_while(|&&b| is_xml_space(b)).count();
            // Only the next few kilobytes are looked at: a longer point (or a name, tag or
            // text past a bound on XML) is left to quick-xml, and so is one cut by the end of
            // a stream's window.
            let window = &data[..data.len().min(at + MAX_SKIMMED_BYTES)];
            if skim_point(window, at, &mut names, &mut skimmed).is_none() {
                break;
            }
            self.take_skimmed(input, &skimmed);
            self.skimmed += 1;
            end = skimmed.end;
        }
        end - start
    }
}

/// At most this many values (`<ele>`, `<time>`, `<hr>`, `<cad>`) in one point are read
/// ahead; a point with more goes through quick-xml.
const MAX_SKIMMED_VALUES: usize = 8;
/// At most this many elements deep inside a `<trkpt>` are read ahead (Garmin's extensions
/// are two deep).
const MAX_SKIMMED_DEPTH: usize = 8;
/// The longest `<trkpt>` read ahead, in bytes (a Garmin point with heart rate and cadence is
/// about 300). Not above [`MAX_NAME_BYTES`](crate::MAX_NAME_BYTES), the smallest bound on
/// XML, so that no point read ahead can break one.
const MAX_SKIMMED_BYTES: usize = 4 << 10;
const _: () = assert!(MAX_SKIMMED_BYTES <= crate::MAX_NAME_BYTES);

/// A value inside a `<trkpt>` read ahead: which element, where its tag starts, its raw text
/// (leading whitespace left out, as quick-xml's `trim_text_start` does).
#[derive(Clone, Copy)]
struct SkimmedValue<'a> {
    el: El,
    at: usize,
    raw: &'a [u8],
}

/// A `<trkpt>` read ahead by [`skim_point`].
struct Skimmed<'a> {
    /// The offset of its `<`.
    at: usize,
    lat: Option<&'a [u8]>,
    lon: Option<&'a [u8]>,
    values: [SkimmedValue<'a>; MAX_SKIMMED_VALUES],
    value_count: usize,
    /// The offset just after its end.
    end: usize,
}

impl<'a> Skimmed<'a> {
    /// A point with nothing read yet; one is reused for every point read ahead, as returning
    /// a new one (about 300 bytes) for each point copied it twice.
    fn new() -> Self {
        let empty_value = SkimmedValue {
            el: El::Skip,
            at: 0,
            raw: &[],
        };
        Skimmed {
            at: 0,
            lat: None,
            lon: None,
            values: [empty_value; MAX_SKIMMED_VALUES],
            value_count: 0,
            end: 0,
        }
    }

    /// Starts reading the point whose `<` is at `at`.
    fn start(&mut self, at: usize) {
        self.at = at;
        self.lat = None;
        self.lon = None;
        self.value_count = 0;
        self.end = 0;
    }

    fn push(&mut self, el: El, at: usize, raw: &'a [u8]) -> Option<()> {
        let slot = self.values.get_mut(self.value_count)?;
        *slot = SkimmedValue { el, at, raw };
        self.value_count += 1;
        Some(())
    }
}

/// XML's whitespace, the bytes quick-xml trims.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The bytes of an element name this reader reads ahead: ASCII names only. A table, as
/// names are the most of what the skimming path compares byte by byte.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':');
        b += 1;
    }
    table
};

/// The length of `bytes` up to the first `stop`; `None` when a reference (`&`) or a `<`
/// comes first, or `stop` never does. The spans searched (a value, the whitespace between
/// tags) are a few bytes long: a plain loop beats setting up a SIMD search each time.
fn plain_until(bytes: &[u8], stop: u8) -> Option<usize> {
    for (i, &b) in bytes.iter().enumerate() {
        if b == stop {
            return Some(i);
        }
        if b == b'&' || b == b'<' {
            return None;
        }
    }
    None
}

/// The length of the text at the start of `bytes`, up to the next `<`; `None` when a
/// reference (`&`) comes first or no `<` follows. Eight bytes at a time (the text between
/// tags is mostly indentation): a SIMD search costs more to set up than such spans take.
#[inline(always)]
fn text_length(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // A byte of `word ^ (ONES * b)` is zero where `word` has `b`; the lowest flagged byte of
    // `(x - ONES) & !x & HIGHS` is the first zero byte of `x` (a borrow only flags bytes
    // above a zero one).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let found =
        |word: u64| zero_bytes(word ^ (ONES * u64::from(b'<'))) | zero_bytes(word ^ (ONES * u64::from(b'&')));
    let word_at = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let mut offset = 0;
    while offset + 8 <= bytes.len() {
        let flags = found(word_at(offset));
        if flags != 0 {
            let i = offset + (flags.trailing_zeros() / 8) as usize;
            return (bytes[i] == b'<').then_some(i);
        }
        offset += 8;
    }
    let i = offset + bytes[offset..].iter().position(|&b| b == b'<' || b == b'&')?;
    (bytes[i] == b'<').then_some(i)
}

/// The namespaces of the names in the points read ahead. No point read ahead declares one, so
/// the scopes stay as they are: the namespace of unprefixed names is looked up once, and that
/// of the last prefix seen is remembered (the same few names come back in every point).
struct Names<'s, 'a> {
    scopes: &'s Scopes<Ns>,
    unprefixed: Ns,
    last_prefix: Option<(&'a [u8], Ns)>,
}

impl<'s, 'a> Names<'s, 'a> {
    fn new(scopes: &'s Scopes<Ns>) -> Self {
        Names {
            scopes,
            unprefixed: scopes.resolve(b""),
            last_prefix: None,
        }
    }

    /// The namespace of `name` and the part after its prefix (as quick-xml's `local_name`).
    #[inline(always)]
    fn resolve(&mut self, name: &'a [u8]) -> (Ns, &'a [u8]) {
        let Some(colon) = name.iter().position(|&b| b == b':') else {
            return (self.unprefixed, name);
        };
        let (prefix, local) = (&name[..colon], &name[colon + 1..]);
        let ns = match self.last_prefix {
            Some((last, ns)) if same_bytes(last, prefix) => ns,
            _ => {
                let ns = self.scopes.resolve(name);
                self.last_prefix = Some((prefix, ns));
                ns
            }
        };
        (ns, local)
    }
}

/// The name at `*pos`, moving past it; `None` when there is none.
#[inline(always)]
fn name_at<'a>(input: &'a [u8], pos: &mut usize) -> Option<&'a [u8]> {
    let start = *pos;
    let mut end = start;
    while end < input.len() && NAME_BYTES[usize::from(input[end])] {
        end += 1;
    }
    *pos = end;
    (end > start).then(|| &input[start..end])
}

#[inline(always)]
fn skip_space(input: &[u8], pos: &mut usize) -> bool {
    let len = input
        .get(*pos..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| is_xml_space(b)).count());
    *pos += len;
    len > 0
}

/// Reads the `<trkpt>` element at `at` (the offset of its `<`) without quick-xml, when it
/// has the plain shape nearly every file gives it: a start tag whose attributes declare no
/// namespace, children without attributes, text without references (`&...;`), no comments,
/// CDATA or processing instructions, each value element holding only text, end tags
/// matching. `None` for anything else, and for anything malformed: quick-xml then reads the
/// element, so that what is read, and every message, never depends on this path.
fn skim_point<'a>(
    input: &'a [u8],
    at: usize,
    names: &mut Names<'_, 'a>,
    point: &mut Skimmed<'a>,
) -> Option<()> {
    if input.get(at) != Some(&b'<') {
        return None;
    }
    let mut pos = at + 1;
    let point_name = name_at(input, &mut pos)?;
    let (point_ns, point_local) = names.resolve(point_name);
    if !same_bytes(point_local, b"trkpt") || point_ns != Ns::Gpx {
        return None;
    }
    point.start(at);
    // The attributes, each after whitespace: `name = "value"` or with single quotes.
    loop {
        let spaced = skip_space(input, &mut pos);
        match input.get(pos)? {
            b'>' => {
                pos += 1;
                break;
            }
            b'/' => {
                if input.get(pos + 1) != Some(&b'>') {
                    return None;
                }
                point.end = pos + 2;
                return Some(());
            }
            _ if spaced => {
                let key = name_at(input, &mut pos)?;
                if key.get(..5).is_some_and(|start| same_bytes(start, b"xmlns")) {
                    return None;
                }
                skip_space(input, &mut pos);
                if input.get(pos) != Some(&b'=') {
                    return None;
                }
                pos += 1;
                skip_space(input, &mut pos);
                let quote = *input.get(pos).filter(|&&q| q == b'"' || q == b'\'')?;
                let value_start = pos + 1;
                let value_end = value_start + plain_until(input.get(value_start..)?, quote)?;
                let value = &input[value_start..value_end];
                pos = value_end + 1;
                if same_bytes(key, b"lat") {
                    point.lat = Some(value);
                } else if same_bytes(key, b"lon") {
                    point.lon = Some(value);
                }
            }
            _ => return None,
        }
    }
    // The children: the open elements inside the point, innermost last.
    let mut open: [(&[u8], El, usize); MAX_SKIMMED_DEPTH] = [(&[], El::Skip, 0); MAX_SKIMMED_DEPTH];
    let mut depth = 0;
    loop {
        let text_start = pos;
        let lt = text_start + text_length(input.get(text_start..)?)?;
        let text = &input[text_start..lt];
        pos = lt + 1;
        if input.get(pos) == Some(&b'/') {
            // The end tag must close the innermost open element: compared in place, and any
            // other name is left to quick-xml, which reports the mismatch.
            let expected = if depth == 0 { point_name } else { open[depth - 1].0 };
            pos += 1;
            if !same_bytes(input.get(pos..pos + expected.len())?, expected) {
                return None;
            }
            pos += expected.len();
            skip_space(input, &mut pos);
            if input.get(pos) != Some(&b'>') {
                return None;
            }
            pos += 1;
            if depth == 0 {
                point.end = pos;
                return Some(());
            }
            depth -= 1;
            let (_, el, el_at) = open[depth];
            if el.holds_value() {
                let first = text.iter().position(|&b| !is_xml_space(b)).unwrap_or(text.len());
                point.push(el, el_at, &text[first..])?;
            }
            continue;
        }
        let name = name_at(input, &mut pos)?;
        skip_space(input, &mut pos);
        let empty = match input.get(pos)? {
            b'>' => false,
            b'/' if input.get(pos + 1) == Some(&b'>') => {
                pos += 1;
                true
            }
            _ => return None,
        };
        pos += 1;
        let parent = if depth == 0 { El::Trkpt } else { open[depth - 1].1 };
        if parent.holds_value() {
            return None;
        }
        let (ns, local) = names.resolve(name);
        let el = parent.point_child(ns, local);
        if empty {
            if el.holds_value() {
                point.push(el, lt, &[])?;
            }
        } else {
            *open.get_mut(depth)? = (name, el, lt);
            depth += 1;
        }
    }
}
