//! The TCX reader: bytes in, [`TcxDocument`] out, and a [`TcxActivity`]'s figures.

use std::borrow::Cow;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::Offset;
use quick_xml::events::{BytesRef, BytesStart};
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef, Sport};

use crate::geo::Fix;
use crate::reading::{
    self, Climb, EventHandler, Flow, Holds, Input, LineCounter, Scopes, Warnings, Window,
    duration_from_nanos, duration_from_secs, non_empty, parse_number, read_events,
};
use crate::sport::sport_from_tcx;
use crate::time::TimeCache;

/// What a TCX file holds, as read by [`read_tcx`](crate::read_tcx).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TcxDocument {
    /// The `<Activity>` elements, in file order, including those inside a
    /// `<MultiSportSession>` (each leg is one activity).
    pub activities: Vec<TcxActivity>,
    /// The number of planned workouts (`<Workouts><Workout>`); counted, not kept.
    pub workout_count: usize,
    /// The number of courses, planned routes (`<Courses><Course>`); counted, not kept.
    pub course_count: usize,
    /// Problems with parts of the file that were left out, and, last, the damage that stopped
    /// the reading when the file is cut off or malformed (see [`TcxDocument::complete`]).
    pub warnings: Vec<ParseError>,
    /// `false` when the XML is broken or cut off and only what came before the damage was
    /// read (the damage is then the last warning).
    pub complete: bool,
}

/// One `<Activity>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TcxActivity {
    /// The `Sport` attribute as written: `Running`, `Biking` or `Other` in the schema.
    pub sport: Option<String>,
    /// The `<Id>`, which is the start time in every TCX writer.
    pub id: Option<Timestamp>,
    /// The UTC offset of the first time in the activity that was written with a numeric
    /// offset rather than `Z`.
    pub utc_offset: Option<Offset>,
    /// The `<Notes>`.
    pub notes: Option<String>,
    /// The name of the training plan (`<Training><Plan><Name>`); Polar writes the sport's
    /// name there ("Hardlopen").
    pub plan_name: Option<String>,
    /// The name of the recording device (`<Creator><Name>`), such as "Forerunner 945".
    pub creator: Option<String>,
    /// The laps, in order.
    pub laps: Vec<TcxLap>,
    /// Where the `<Activity>` element starts.
    pub position: Option<Position>,
}

/// One `<Lap>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TcxLap {
    /// The `StartTime` attribute.
    pub start_time: Option<Timestamp>,
    /// `<TotalTimeSeconds>`: the time the device's timer ran during the lap, pauses left out.
    pub total_time: Option<Duration>,
    /// `<DistanceMeters>` of the lap.
    pub distance_m: Option<f64>,
    /// `<AverageHeartRateBpm><Value>` of the lap.
    pub avg_heart_rate: Option<f64>,
    /// The trackpoints of each `<Track>` of the lap; a device starts a new track after a
    /// pause. Points whose time could not be read are not here (they are in the warnings).
    pub tracks: Vec<Vec<TcxTrackpoint>>,
}

/// One `<Trackpoint>`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TcxTrackpoint {
    /// `<Time>`.
    pub time: Option<Timestamp>,
    /// `(latitude, longitude)` in degrees from `<Position>`; `None` indoors, in a pool, or
    /// when the position could not be read.
    pub position: Option<(f64, f64)>,
    /// `<AltitudeMeters>`.
    pub altitude_m: Option<f64>,
    /// `<DistanceMeters>`: the distance the device had counted from the start.
    pub distance_m: Option<f64>,
    /// `<HeartRateBpm><Value>`.
    pub heart_rate: Option<f64>,
    /// `<Cadence>`: bike cadence in revolutions per minute (Polar writes it for runs, as 0).
    pub cadence: Option<f64>,
    /// `RunCadence` from the ActivityExtension `TPX`: steps of one foot per minute, as Garmin
    /// writes it.
    pub run_cadence: Option<f64>,
    /// `Speed` from the ActivityExtension `TPX`, in metres per second.
    pub speed_mps: Option<f64>,
}

impl TcxActivity {
    /// The trackpoints of all laps and tracks, in order.
    pub fn trackpoints(&self) -> impl DoubleEndedIterator<Item = &TcxTrackpoint> {
        self.laps.iter().flat_map(|lap| lap.tracks.iter().flatten())
    }

    /// The number of trackpoints over all laps and tracks.
    pub fn trackpoint_count(&self) -> usize {
        self.laps.iter().flat_map(|lap| &lap.tracks).map(Vec::len).sum()
    }

    /// When the activity started: the earliest of the first lap's `StartTime` and the first
    /// trackpoint's time; the `<Id>` when neither is there.
    pub fn start(&self) -> Option<Timestamp> {
        self.start_from(&TrackpointSummary::of(self))
    }

    /// [`start`](Self::start) with the figures of the trackpoints in `points`.
    pub(crate) fn start_from(&self, points: &TrackpointSummary) -> Option<Timestamp> {
        let lap = self.laps.iter().find_map(|lap| lap.start_time);
        match (lap, points.first_time) {
            (Some(lap), Some(point)) => Some(lap.min(point)),
            (lap, point) => lap.or(point).or(self.id),
        }
    }

    /// When the activity ended: the latest trackpoint time or lap end (`StartTime` plus
    /// `TotalTimeSeconds`), whichever is later.
    pub fn end(&self) -> Option<Timestamp> {
        self.end_from(&TrackpointSummary::of(self))
    }

    fn end_from(&self, points: &TrackpointSummary) -> Option<Timestamp> {
        let laps = self.laps.iter().filter_map(|lap| {
            let span = jiff::SignedDuration::try_from(lap.total_time?).ok()?;
            lap.start_time?.checked_add(span).ok()
        });
        points.last_time.into_iter().chain(laps).max()
    }

    /// The timer time: the sum of the laps' `TotalTimeSeconds`, which leaves pauses out.
    /// `None` when there are no laps or a lap lacks it.
    pub fn moving_time(&self) -> Option<Duration> {
        if self.laps.is_empty() {
            return None;
        }
        self.laps.iter().map(|lap| lap.total_time).sum()
    }

    /// Wall-clock time from [`start`](Self::start) to [`end`](Self::end), pauses included;
    /// never less than the [`moving_time`](Self::moving_time).
    pub fn elapsed(&self) -> Option<Duration> {
        self.elapsed_from(&TrackpointSummary::of(self))
    }

    pub(crate) fn elapsed_from(&self, points: &TrackpointSummary) -> Option<Duration> {
        let from_times = match (self.start_from(points), self.end_from(points)) {
            (Some(start), Some(end)) => Some(duration_from_nanos(end.duration_since(start).as_nanos())),
            _ => None,
        };
        match (from_times, self.moving_time()) {
            (Some(elapsed), Some(moving)) => Some(elapsed.max(moving)),
            (elapsed, moving) => elapsed.or(moving),
        }
    }

    /// The distance in metres, as the device recorded it where it did: the sum of the laps'
    /// `DistanceMeters` when every lap has one; else the largest trackpoint `DistanceMeters`;
    /// else the length of the positions (haversine within each track). `None` when none of
    /// these is more than zero.
    pub fn distance_m(&self) -> Option<f64> {
        self.distance_m_from(&TrackpointSummary::of(self))
    }

    pub(crate) fn distance_m_from(&self, points: &TrackpointSummary) -> Option<f64> {
        let laps: Option<f64> = if self.laps.is_empty() {
            None
        } else {
            self.laps.iter().map(|lap| lap.distance_m).sum()
        };
        [laps, points.counted_m, Some(points.measured_m())]
            .into_iter()
            .flatten()
            .find(|&d| d > 0.0)
    }

    /// The elevation gain in metres from the trackpoints' altitudes within each track,
    /// ignoring changes under 2 m (as for GPX); `None` when no point has an altitude.
    pub fn elevation_gain_m(&self) -> Option<f64> {
        TrackpointSummary::of(self).gain_m()
    }

    /// The average heart rate: the laps' averages weighted by their timer time when every lap
    /// with time has one (the device's own figure); else the mean of the trackpoints' heart
    /// rates, leaving out zeros (no strap connected).
    pub fn avg_heart_rate(&self) -> Option<f64> {
        self.avg_heart_rate_from(&TrackpointSummary::of(self))
    }

    pub(crate) fn avg_heart_rate_from(&self, points: &TrackpointSummary) -> Option<f64> {
        let timed: Vec<&TcxLap> = self
            .laps
            .iter()
            .filter(|lap| lap.total_time.is_some_and(|t| !t.is_zero()))
            .collect();
        if !timed.is_empty()
            && timed
                .iter()
                .all(|lap| lap.avg_heart_rate.is_some_and(|hr| hr > 0.0))
        {
            let (weighted, seconds) = timed.iter().fold((0.0, 0.0), |(weighted, seconds), lap| {
                let t = lap.total_time.map_or(0.0, |t| t.as_secs_f64());
                (weighted + t * lap.avg_heart_rate.unwrap_or(0.0), seconds + t)
            });
            return Some(weighted / seconds);
        }
        (points.heart_rate_count > 0).then(|| points.heart_rate_sum / points.heart_rate_count as f64)
    }

    /// The sport, from the `Sport` attribute and the hints in the notes, the training plan's
    /// name and the recording device's name; see [`sport_from_tcx`].
    pub fn sport(&self) -> Sport {
        let hints: Vec<&str> = self
            .notes
            .iter()
            .chain(&self.plan_name)
            .chain(&self.creator)
            .map(String::as_str)
            .collect();
        sport_from_tcx(self.sport.as_deref().unwrap_or(""), &hints)
    }

    /// The name of the session: its notes (their first line), else the training plan's name.
    pub fn name(&self) -> Option<String> {
        self.notes
            .as_deref()
            .and_then(|notes| notes.lines().map(str::trim).find(|line| !line.is_empty()))
            .map(str::to_owned)
            .or_else(|| self.plan_name.clone())
    }
}

/// The figures of an activity's trackpoints, folded point by point in file order, so that
/// [`parse_tcx`](crate::parse_tcx) turns an activity into a session without keeping its
/// trackpoints (as [`TrackSummary`](crate::summary::TrackSummary) does for GPX): memory stays
/// flat however many there are. [`TcxActivity`]'s own figures are this fold over its kept
/// trackpoints, so both ways give the same numbers to the bit.
#[derive(Debug, Clone, Default)]
pub(crate) struct TrackpointSummary {
    /// The first trackpoint time in file order.
    first_time: Option<Timestamp>,
    /// The latest trackpoint time.
    last_time: Option<Timestamp>,
    /// The largest `DistanceMeters` of a trackpoint: the device's count from the start.
    counted_m: Option<f64>,
    /// The length of the positions of the tracks before the current one (haversine within
    /// each track)...
    measured_m: f64,
    /// ... and of the current track so far, from `previous`, its last position.
    track_m: f64,
    previous: Option<Fix>,
    climb: Climb,
    /// The heart rates above zero (zero is no strap connected).
    heart_rate_sum: f64,
    heart_rate_count: usize,
}

impl TrackpointSummary {
    /// The figures of `activity`'s kept trackpoints.
    pub(crate) fn of(activity: &TcxActivity) -> TrackpointSummary {
        let mut summary = TrackpointSummary::default();
        for track in activity.laps.iter().flat_map(|lap| &lap.tracks) {
            summary.start_track();
            for point in track {
                summary.add(point);
            }
        }
        summary
    }

    /// A new `<Track>` (a device starts one after a pause): no distance or climb is counted
    /// across the gap.
    fn start_track(&mut self) {
        self.measured_m += self.track_m;
        self.track_m = 0.0;
        self.previous = None;
        self.climb.start_segment();
    }

    fn add(&mut self, point: &TcxTrackpoint) {
        if let Some(time) = point.time {
            self.first_time.get_or_insert(time);
            self.last_time = Some(self.last_time.map_or(time, |last| last.max(time)));
        }
        if let Some(distance) = point.distance_m {
            self.counted_m = Some(self.counted_m.map_or(distance, |max| max.max(distance)));
        }
        if let Some(position) = point.position.map(Fix::new) {
            if let Some(previous) = self.previous {
                self.track_m += previous.distance_m(&position);
            }
            self.previous = Some(position);
        }
        if let Some(altitude) = point.altitude_m {
            self.climb.add(altitude);
        }
        if let Some(heart_rate) = point.heart_rate.filter(|&hr| hr > 0.0) {
            self.heart_rate_sum += heart_rate;
            self.heart_rate_count += 1;
        }
    }

    /// The length of the positions of all tracks, in metres.
    fn measured_m(&self) -> f64 {
        self.measured_m + self.track_m
    }

    /// The elevation gain in metres (see [`TcxActivity::elevation_gain_m`]).
    pub(crate) fn gain_m(&self) -> Option<f64> {
        self.climb.gain_m()
    }
}

/// Which namespace an element is in, as far as TCX reading cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// Training Center Database v2, or no namespace at all.
    Tcd,
    /// Training Center Database v1, a different structure that is not read.
    TcdV1,
    /// Garmin's ActivityExtension (v1 or v2): `TPX` and `LX`.
    ActivityExtension,
    /// Anything else.
    Other,
}

fn classify(uri: &[u8]) -> Ns {
    match uri {
        b"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" => Ns::Tcd,
        b"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v1" => Ns::TcdV1,
        b"http://www.garmin.com/xmlschemas/ActivityExtension/v2"
        | b"http://www.garmin.com/xmlschemas/ActivityExtension/v1" => Ns::ActivityExtension,
        _ => Ns::Other,
    }
}

/// The open elements the reader tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Root,
    Activities,
    MultiSportSession,
    /// `<FirstSport>` or `<NextSport>` of a multisport session.
    SportLeg,
    Activity,
    ActivityId,
    Notes,
    Training,
    Plan,
    PlanName,
    Creator,
    CreatorName,
    Lap,
    LapTotalTime,
    LapDistance,
    LapAvgHr,
    LapAvgHrValue,
    Track,
    Trackpoint,
    Time,
    Position,
    Latitude,
    Longitude,
    Altitude,
    PointDistance,
    PointHr,
    PointHrValue,
    PointCadence,
    /// Anything inside a trackpoint's `<Extensions>`, where `Speed` and `RunCadence` are.
    PointExtension,
    Speed,
    RunCadence,
    Workouts,
    Courses,
    /// Anything else: read past.
    Skip,
}

impl El {
    fn tag(self) -> Option<&'static str> {
        Some(match self {
            El::Root => "TrainingCenterDatabase",
            El::Activities => "Activities",
            El::MultiSportSession => "MultiSportSession",
            El::Activity => "Activity",
            El::ActivityId => "Id",
            El::Notes => "Notes",
            El::Lap => "Lap",
            El::LapTotalTime => "TotalTimeSeconds",
            El::LapDistance | El::PointDistance => "DistanceMeters",
            El::LapAvgHr => "AverageHeartRateBpm",
            El::LapAvgHrValue | El::PointHrValue => "Value",
            El::Track => "Track",
            El::Trackpoint => "Trackpoint",
            El::Time => "Time",
            El::Position => "Position",
            El::Latitude => "LatitudeDegrees",
            El::Longitude => "LongitudeDegrees",
            El::Altitude => "AltitudeMeters",
            El::PointHr => "HeartRateBpm",
            El::PointCadence => "Cadence",
            El::Speed => "Speed",
            El::RunCadence => "RunCadence",
            El::Workouts => "Workouts",
            El::Courses => "Courses",
            El::SportLeg
            | El::Training
            | El::Plan
            | El::PlanName
            | El::Creator
            | El::CreatorName
            | El::PointExtension
            | El::Skip => return None,
        })
    }

    /// Elements whose text is a number or time, gathered as raw bytes.
    fn holds_value(self) -> bool {
        matches!(
            self,
            El::ActivityId
                | El::LapTotalTime
                | El::LapDistance
                | El::LapAvgHrValue
                | El::Time
                | El::Latitude
                | El::Longitude
                | El::Altitude
                | El::PointDistance
                | El::PointHrValue
                | El::PointCadence
                | El::Speed
                | El::RunCadence
        )
    }

    /// Elements whose text is kept as a string.
    fn holds_text(self) -> bool {
        matches!(self, El::Notes | El::PlanName | El::CreatorName)
    }
}

/// The `<Trackpoint>` being read.
#[derive(Debug, Clone, Copy, Default)]
struct PendingPoint {
    point: TcxTrackpoint,
    lat: Option<f64>,
    lon: Option<f64>,
    /// Left out: its time could not be read (a warning says why).
    rejected: bool,
}

/// Reads a whole TCX document; see [`read_tcx`](crate::read_tcx).
pub(crate) fn read(window: &mut Window<'_>, source: &SourceRef) -> Result<TcxDocument, ParseError> {
    let first = reading::first_markup(window, source)?;
    let scopes = Scopes::new(classify, Ns::Tcd, Ns::Other);
    read_events(Reader::new(source), window, first, scopes).map(|(document, _)| document)
}

/// Reads a TCX document without keeping its trackpoints: its activities come with their laps
/// and tracks but no trackpoints, each with the [`TrackpointSummary`] of its trackpoints, in
/// order.
pub(crate) fn read_summaries(
    window: &mut Window<'_>,
    source: &SourceRef,
) -> Result<(TcxDocument, Vec<TrackpointSummary>), ParseError> {
    let first = reading::first_markup(window, source)?;
    let scopes = Scopes::new(classify, Ns::Tcd, Ns::Other);
    let mut reader = Reader::new(source);
    reader.summaries = Some(Vec::new());
    let (document, summaries) = read_events(reader, window, first, scopes)?;
    Ok((document, summaries.unwrap_or_default()))
}

struct Reader<'a> {
    source: &'a SourceRef,
    /// The file declares ISO-8859-1 (or a relative): text bytes are Latin-1 characters.
    latin1: bool,
    stack: Vec<El>,
    doc: TcxDocument,
    activity: Option<TcxActivity>,
    lap: Option<TcxLap>,
    point: PendingPoint,
    /// The start of the element whose text is being gathered, for messages.
    value_at: usize,
    value: Vec<u8>,
    text: String,
    warnings: Warnings,
    lines: LineCounter,
    /// When set, trackpoints are folded into the activity's summary rather than kept: the
    /// summaries of the activities read.
    summaries: Option<Vec<TrackpointSummary>>,
    /// The summary of the activity being read.
    summary: TrackpointSummary,
    times: TimeCache,
}

impl<'a> Reader<'a> {
    fn new(source: &'a SourceRef) -> Self {
        Reader {
            source,
            latin1: false,
            stack: Vec::with_capacity(16),
            doc: TcxDocument {
                complete: true,
                ..TcxDocument::default()
            },
            activity: None,
            lap: None,
            point: PendingPoint::default(),
            value_at: 0,
            value: Vec::with_capacity(64),
            text: String::new(),
            warnings: Warnings::default(),
            lines: LineCounter::new(),
            summaries: None,
            summary: TrackpointSummary::default(),
            times: TimeCache::default(),
        }
    }

    fn position(&mut self, input: Input<'_>, offset: usize) -> Position {
        self.lines.position(input, offset)
    }

    fn check_root(
        &mut self,
        ns: Ns,
        e: &BytesStart<'_>,
        at: usize,
        input: Input<'_>,
    ) -> Result<(), ParseError> {
        let local = e.local_name();
        let what = match (ns, local.as_ref()) {
            (Ns::Tcd, b"TrainingCenterDatabase") => return Ok(()),
            (Ns::TcdV1, b"TrainingCenterDatabase") => {
                "TCX version 1 (Garmin Training Center 1), which runlift does not read; export the activity as TCX version 2".to_owned()
            }
            (_, b"TrainingCenterDatabase") => {
                "XML whose root element <TrainingCenterDatabase> is not in the TCX namespace".to_owned()
            }
            _ => {
                let name: String = String::from_utf8_lossy(e.name().as_ref()).chars().take(60).collect();
                format!("XML whose root element is <{name}>, not <TrainingCenterDatabase>")
            }
        };
        let position = self.position(input, at);
        Err(ParseError::new(
            self.source,
            Some(position),
            ParseErrorKind::UnknownFormat(what),
        ))
    }

    fn begin_activity(&mut self, e: &BytesStart<'_>, at: usize, input: Input<'_>) {
        let position = self.position(input, at);
        let sport = self.attribute(e, b"Sport").map(|s| s.trim().to_owned());
        self.activity = Some(TcxActivity {
            sport,
            position: Some(position),
            ..TcxActivity::default()
        });
        self.summary = TrackpointSummary::default();
    }

    fn begin_lap(&mut self, e: &BytesStart<'_>, at: usize, input: Input<'_>) {
        let mut lap = TcxLap::default();
        if let Some(raw) = self.attribute(e, b"StartTime") {
            match self.time(raw.as_bytes()) {
                Some(time) => lap.start_time = Some(time),
                None => {
                    let expected =
                        "an RFC 3339 time such as 2024-05-01T06:30:00Z; the lap's start was left out";
                    self.warn(
                        input,
                        at,
                        ParseErrorKind::invalid_value("<Lap> StartTime", &raw, expected),
                    );
                }
            }
        }
        self.lap = Some(lap);
    }

    /// The value of attribute `name`, unescaped where possible.
    fn attribute(&self, e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
        let attribute = e
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)?;
        Some(match attribute.unescape_value() {
            Ok(value) if !self.latin1 => value.into_owned(),
            _ => self.decode(&attribute.value).into_owned(),
        })
    }

    /// Parses a time and remembers the activity's offset from the first one that has one.
    fn time(&mut self, raw: &[u8]) -> Option<Timestamp> {
        let (time, offset) = self.times.parse(raw)?;
        if let Some(activity) = &mut self.activity
            && activity.utc_offset.is_none()
        {
            activity.utc_offset = offset;
        }
        Some(time)
    }

    fn end_lap(&mut self) {
        if let Some(lap) = self.lap.take()
            && let Some(activity) = &mut self.activity
        {
            activity.laps.push(lap);
        }
    }

    /// The activity being read is complete (or cut off).
    fn end_activity(&mut self) {
        self.end_lap();
        if let Some(activity) = self.activity.take() {
            self.doc.activities.push(activity);
            let summary = std::mem::take(&mut self.summary);
            if let Some(summaries) = &mut self.summaries {
                summaries.push(summary);
            }
        }
    }

    fn end_point(&mut self) {
        let pending = std::mem::take(&mut self.point);
        if pending.rejected {
            return;
        }
        if let Some(track) = self.lap.as_mut().and_then(|lap| lap.tracks.last_mut()) {
            if self.summaries.is_some() {
                self.summary.add(&pending.point);
            } else {
                track.push(pending.point);
            }
        }
    }

    /// Reads the gathered number of an element; an empty element is no value, a bad or
    /// out-of-range one is no value and a warning.
    fn number(
        &mut self,
        input: Input<'_>,
        tag: &str,
        expected: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let raw = self.value.trim_ascii();
        if raw.is_empty() {
            return None;
        }
        let value = parse_number(raw).filter(|v| range.contains(v));
        if value.is_none() {
            let value = self.decode(raw).into_owned();
            let expected = format!("{expected}; the value was left out");
            self.warn(
                input,
                self.value_at,
                ParseErrorKind::invalid_value(format!("<{tag}>"), &value, expected),
            );
        }
        value
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
        let position = self.position(input, at);
        self.warnings.push(self.source, position, kind);
    }
}

#[cfg(test)]
#[path = "tcx_tests.rs"]
mod tests;

impl EventHandler for Reader<'_> {
    type Ns = Ns;
    /// The document, and the summaries of its activities when trackpoints are not kept.
    type Output = (TcxDocument, Option<Vec<TrackpointSummary>>);

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, at: usize, input: Input<'_>) -> Result<(), ParseError> {
        let local = e.local_name();
        let local = local.as_ref();
        let tcd = ns == Ns::Tcd;
        let el = match self.stack.last().copied() {
            None => {
                self.check_root(ns, e, at, input)?;
                El::Root
            }
            Some(El::Root) if tcd => match local {
                b"Activities" => El::Activities,
                b"Workouts" => El::Workouts,
                b"Courses" => El::Courses,
                _ => El::Skip,
            },
            Some(El::Activities) if tcd && local == b"MultiSportSession" => El::MultiSportSession,
            Some(El::MultiSportSession) if tcd && matches!(local, b"FirstSport" | b"NextSport") => {
                El::SportLeg
            }
            Some(El::Activities | El::SportLeg) if tcd && local == b"Activity" => {
                self.begin_activity(e, at, input);
                El::Activity
            }
            Some(El::Activity) if tcd => match local {
                b"Id" => El::ActivityId,
                b"Notes" => El::Notes,
                b"Training" => El::Training,
                b"Creator" => El::Creator,
                b"Lap" => {
                    self.begin_lap(e, at, input);
                    El::Lap
                }
                _ => El::Skip,
            },
            Some(El::Training) if tcd && local == b"Plan" => El::Plan,
            Some(El::Plan) if tcd && local == b"Name" => El::PlanName,
            Some(El::Creator) if tcd && local == b"Name" => El::CreatorName,
            Some(El::Lap) if tcd => match local {
                b"TotalTimeSeconds" => El::LapTotalTime,
                b"DistanceMeters" => El::LapDistance,
                b"AverageHeartRateBpm" => El::LapAvgHr,
                b"Track" => {
                    if let Some(lap) = &mut self.lap {
                        lap.tracks.push(Vec::new());
                        self.summary.start_track();
                    }
                    El::Track
                }
                _ => El::Skip,
            },
            Some(El::LapAvgHr) if tcd && local == b"Value" => El::LapAvgHrValue,
            Some(El::Track) if tcd && local == b"Trackpoint" => {
                self.point = PendingPoint::default();
                El::Trackpoint
            }
            Some(El::Trackpoint) if tcd => match local {
                b"Time" => El::Time,
                b"Position" => El::Position,
                b"AltitudeMeters" => El::Altitude,
                b"DistanceMeters" => El::PointDistance,
                b"HeartRateBpm" => El::PointHr,
                b"Cadence" => El::PointCadence,
                b"Extensions" => El::PointExtension,
                _ => El::Skip,
            },
            Some(El::Position) if tcd && local == b"LatitudeDegrees" => El::Latitude,
            Some(El::Position) if tcd && local == b"LongitudeDegrees" => El::Longitude,
            Some(El::PointHr) if tcd && local == b"Value" => El::PointHrValue,
            Some(El::PointExtension) => match (ns, local) {
                (Ns::ActivityExtension, b"Speed") => El::Speed,
                (Ns::ActivityExtension, b"RunCadence") => El::RunCadence,
                _ => El::PointExtension,
            },
            Some(El::Workouts) if tcd && local == b"Workout" => {
                self.doc.workout_count += 1;
                El::Skip
            }
            Some(El::Courses) if tcd && local == b"Course" => {
                self.doc.course_count += 1;
                El::Skip
            }
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
            El::Root => return Flow::Done,
            El::Activity => self.end_activity(),
            El::ActivityId => {
                let raw = self.value.trim_ascii().to_vec();
                if raw.is_empty() {
                    return Flow::Continue;
                }
                match self.time(&raw) {
                    Some(time) => {
                        if let Some(activity) = &mut self.activity {
                            activity.id = Some(time);
                        }
                    }
                    None => {
                        let value = self.decode(&raw).into_owned();
                        let expected =
                            "an RFC 3339 time such as 2024-05-01T06:30:00Z (the start of the activity)";
                        self.warn(
                            input,
                            self.value_at,
                            ParseErrorKind::invalid_value("<Id>", &value, expected),
                        );
                    }
                }
            }
            El::Notes | El::PlanName | El::CreatorName => {
                let text = non_empty(&self.text);
                if let Some(activity) = &mut self.activity {
                    let slot = match el {
                        El::Notes => &mut activity.notes,
                        El::PlanName => &mut activity.plan_name,
                        _ => &mut activity.creator,
                    };
                    if slot.is_none() {
                        *slot = text;
                    }
                }
            }
            El::Lap => self.end_lap(),
            El::LapTotalTime => {
                let seconds = self.number(input, "TotalTimeSeconds", "a number of seconds", 0.0..=f64::MAX);
                if let Some(lap) = &mut self.lap {
                    lap.total_time = seconds.and_then(duration_from_secs);
                }
            }
            El::LapDistance => {
                let distance = self.number(input, "DistanceMeters", "a number of metres", 0.0..=f64::MAX);
                if let Some(lap) = &mut self.lap {
                    lap.distance_m = distance;
                }
            }
            El::LapAvgHrValue => {
                let hr = self.number(
                    input,
                    "AverageHeartRateBpm",
                    "a number of beats per minute",
                    0.0..=400.0,
                );
                if let Some(lap) = &mut self.lap {
                    lap.avg_heart_rate = hr;
                }
            }
            El::Trackpoint => self.end_point(),
            El::Time => {
                let raw = self.value.trim_ascii().to_vec();
                if raw.is_empty() {
                    return Flow::Continue;
                }
                match self.time(&raw) {
                    Some(time) => self.point.point.time = Some(time),
                    None => {
                        let value = self.decode(&raw).into_owned();
                        let expected =
                            "an RFC 3339 time such as 2024-05-01T06:30:00Z; the point was left out";
                        self.warn(
                            input,
                            self.value_at,
                            ParseErrorKind::invalid_value("<Time>", &value, expected),
                        );
                        self.point.rejected = true;
                    }
                }
            }
            El::Latitude => {
                self.point.lat =
                    self.number(input, "LatitudeDegrees", "degrees from -90 to 90", -90.0..=90.0);
            }
            El::Longitude => {
                self.point.lon = self.number(
                    input,
                    "LongitudeDegrees",
                    "degrees from -180 to 180",
                    -180.0..=180.0,
                );
            }
            El::Position => {
                if let (Some(lat), Some(lon)) = (self.point.lat, self.point.lon) {
                    self.point.point.position = Some((lat, lon));
                }
            }
            El::Altitude => {
                self.point.point.altitude_m =
                    self.number(input, "AltitudeMeters", "a number of metres", f64::MIN..=f64::MAX);
            }
            El::PointDistance => {
                self.point.point.distance_m =
                    self.number(input, "DistanceMeters", "a number of metres", 0.0..=f64::MAX);
            }
            El::PointHrValue => {
                self.point.point.heart_rate =
                    self.number(input, "HeartRateBpm", "a number of beats per minute", 0.0..=400.0);
            }
            El::PointCadence => {
                self.point.point.cadence = self.number(input, "Cadence", "a number per minute", 0.0..=1000.0);
            }
            El::RunCadence => {
                self.point.point.run_cadence =
                    self.number(input, "RunCadence", "a number per minute", 0.0..=1000.0);
            }
            El::Speed => {
                self.point.point.speed_mps =
                    self.number(input, "Speed", "a number of metres per second", 0.0..=f64::MAX);
            }
            El::Activities
            | El::MultiSportSession
            | El::SportLeg
            | El::Training
            | El::Plan
            | El::Creator
            | El::LapAvgHr
            | El::Track
            | El::PointHr
            | El::PointExtension
            | El::Workouts
            | El::Courses
            | El::Skip => {}
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

    /// The file is broken at `offset`: keep what was read if an activity has a time, else
    /// fail.
    fn damaged(
        mut self,
        kind: ParseErrorKind,
        offset: usize,
        input: Input<'_>,
    ) -> Result<Self::Output, ParseError> {
        let position = self.position(input, offset);
        let error = ParseError::new(self.source, Some(position), kind);
        self.end_activity();
        let timed = match &self.summaries {
            Some(summaries) => self
                .doc
                .activities
                .iter()
                .zip(summaries)
                .any(|(activity, points)| activity.start_from(points).is_some()),
            None => self.doc.activities.iter().any(|a| a.start().is_some()),
        };
        if !timed {
            return Err(error);
        }
        self.doc.warnings = std::mem::take(&mut self.warnings).finish(self.source);
        self.doc.warnings.push(error);
        self.doc.complete = false;
        Ok((self.doc, self.summaries))
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
        self.doc.warnings = std::mem::take(&mut self.warnings).finish(self.source);
        (self.doc, self.summaries)
    }
}
