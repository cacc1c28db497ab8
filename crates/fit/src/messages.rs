//! The messages the import reads, decoded into plain structs, one [`FileMessages`] per FIT
//! file of a chain. Field numbers and scales are those of the FIT profile.

use runlift_model::geo::haversine_m;

use crate::decode::{Kind, Message, Visitor};

/// `file_id`: what kind of file this is.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct FileId {
    pub file_type: Option<u8>,
}

/// `sport`: a sport profile's sport, sub-sport and name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SportMessage {
    pub sport: Option<u8>,
    pub sub_sport: Option<u8>,
    pub name: Option<String>,
}

/// The summary fields `session` and `lap` share (times in FIT seconds).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Summary {
    pub offset: usize,
    pub timestamp: Option<u32>,
    pub start_time: Option<u32>,
    pub sport: Option<u8>,
    pub sub_sport: Option<u8>,
    pub elapsed_ms: Option<u32>,
    pub timer_ms: Option<u32>,
    pub distance_cm: Option<u32>,
    pub ascent_m: Option<u16>,
    pub avg_heart_rate: Option<u8>,
    /// Session RPE times ten (`workout_rpe`), sessions only.
    pub rpe_x10: Option<u8>,
    /// `sport_profile_name`, sessions only.
    pub profile_name: Option<String>,
}

/// `activity`: its time and the local wall-clock time then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ActivityMessage {
    pub offset: usize,
    pub timestamp: Option<u32>,
    pub local_timestamp: Option<u32>,
}

/// A strength `set`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SetMessage {
    pub timestamp: Option<u32>,
    pub start_time: Option<u32>,
    pub duration_ms: Option<u32>,
    pub reps: Option<u16>,
    pub weight_x16: Option<u16>,
    pub set_type: Option<u8>,
    pub category: Option<u16>,
    pub subtype: Option<u16>,
}

/// `exercise_title`: the user's name for an exercise of a category and subtype.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExerciseTitle {
    pub category: Option<u16>,
    pub subtype: Option<u16>,
    pub name: Option<String>,
}

/// The import's messages of one FIT file of a chain.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct FileMessages {
    pub file_id: Option<FileId>,
    pub sports: Vec<SportMessage>,
    pub sessions: Vec<Summary>,
    pub laps: Vec<Summary>,
    pub activity: Option<ActivityMessage>,
    pub sets: Vec<SetMessage>,
    pub titles: Vec<ExerciseTitle>,
}

/// The first pass: everything but records and events.
#[derive(Debug, Default)]
pub(crate) struct SummaryVisitor {
    pub files: Vec<FileMessages>,
    /// The kinds of message of which more than their bound came, over all files of a chain.
    pub left_out: Vec<LeftOut>,
    kept: Kept,
}

/// Messages of one kind left out past their bound.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LeftOut {
    /// The message's name in the FIT profile.
    pub what: &'static str,
    pub limit: usize,
    /// Byte offset of the first message left out.
    pub offset: usize,
    pub count: u64,
}

/// How many messages of each bounded kind have been kept so far.
#[derive(Debug, Default)]
struct Kept {
    sessions: usize,
    laps: usize,
    sets: usize,
    titles: usize,
    sports: usize,
}

impl SummaryVisitor {
    /// Whether one more message of `kind` may be kept; if not, it is counted as left out.
    ///
    /// A data message can be a single byte (a definition of no fields) while what is kept of it
    /// takes a hundred, so without a bound a hostile file would expand a hundredfold in memory.
    fn room_for(&mut self, kind: Kind, offset: usize) -> bool {
        let (kept, limit, what) = match kind {
            Kind::Session => (&mut self.kept.sessions, crate::MAX_SESSIONS, "session"),
            Kind::Lap => (&mut self.kept.laps, crate::MAX_LAPS, "lap"),
            Kind::Set => (&mut self.kept.sets, crate::MAX_SETS, "set"),
            Kind::ExerciseTitle => (
                &mut self.kept.titles,
                crate::MAX_EXERCISE_TITLES,
                "exercise_title",
            ),
            Kind::Sport => (&mut self.kept.sports, crate::MAX_SPORTS, "sport"),
            _ => return true,
        };
        if *kept < limit {
            *kept += 1;
            return true;
        }
        match self.left_out.iter_mut().find(|l| l.what == what) {
            Some(left_out) => left_out.count += 1,
            None => self.left_out.push(LeftOut {
                what,
                limit,
                offset,
                count: 1,
            }),
        }
        false
    }
}

fn file_slot<T: Default>(files: &mut Vec<T>, file: usize) -> &mut T {
    if files.len() <= file {
        files.resize_with(file + 1, T::default);
    }
    &mut files[file]
}

fn summary(message: &Message<'_>, session: bool) -> Summary {
    // Session and lap share the numbers of the fields read here, except these.
    let (sport, sub_sport, avg_heart_rate, ascent) = if session { (5, 6, 16, 22) } else { (25, 39, 15, 21) };
    Summary {
        offset: message.offset,
        timestamp: message.timestamp,
        start_time: message.u32(2),
        sport: message.u8(sport),
        sub_sport: message.u8(sub_sport),
        elapsed_ms: message.u32(7),
        timer_ms: message.u32(8),
        distance_cm: message.u32(9),
        ascent_m: message.u16(ascent),
        avg_heart_rate: message.u8(avg_heart_rate),
        rpe_x10: if session { message.u8(193) } else { None },
        profile_name: if session { message.string(110) } else { None },
    }
}

impl Visitor for SummaryVisitor {
    fn wants(&self, kind: Kind) -> bool {
        !matches!(kind, Kind::Skip | Kind::Record | Kind::Event)
    }

    fn message(&mut self, file: usize, kind: Kind, message: &Message<'_>) {
        if !self.room_for(kind, message.offset) {
            return;
        }
        let messages = file_slot(&mut self.files, file);
        match kind {
            Kind::FileId => {
                // The first file_id names the file; later ones (rare) do not change it.
                if messages.file_id.is_none() {
                    messages.file_id = Some(FileId {
                        file_type: message.u8(0),
                    });
                }
            }
            Kind::Sport => messages.sports.push(SportMessage {
                sport: message.u8(0),
                sub_sport: message.u8(1),
                name: message.string(3),
            }),
            Kind::Session => messages.sessions.push(summary(message, true)),
            Kind::Lap => messages.laps.push(summary(message, false)),
            Kind::Activity => {
                messages.activity = Some(ActivityMessage {
                    offset: message.offset,
                    timestamp: message.timestamp,
                    local_timestamp: message.u32(5),
                })
            }
            Kind::Set => messages.sets.push(SetMessage {
                timestamp: message.u32(254),
                start_time: message.u32(6),
                duration_ms: message.u32(0),
                reps: message.u16(3),
                weight_x16: message.u16(4),
                set_type: message.u8(5),
                category: message.u16(7),
                subtype: message.u16(8),
            }),
            Kind::ExerciseTitle => messages.titles.push(ExerciseTitle {
                category: message.u16(0),
                subtype: message.u16(1),
                name: message.string(2),
            }),
            Kind::Skip | Kind::Record | Kind::Event => {}
        }
    }
}

/// What the records and timer events of one stretch of a FIT file say: the whole file when
/// it has no session, else the stretch of one session (see [`TrackVisitor`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Track {
    pub records: u64,
    pub first_time: Option<u32>,
    pub last_time: Option<u32>,
    /// The largest recorded distance, in centimetres.
    pub distance_cm: Option<u32>,
    /// The distance of the first record that has one, in centimetres: a stretch after the
    /// first whose records start below the previous stretch's distance restarted counting.
    pub first_distance_cm: Option<u32>,
    /// Distance summed from `compressed_speed_distance`, in 1/16 m, for devices that write
    /// only that.
    compressed_distance_16th: u64,
    last_compressed: Option<u16>,
    /// Distance summed between consecutive positions, in metres, for records without a
    /// distance field.
    pub position_distance_m: f64,
    pub positions: u64,
    last_position: Option<(i32, i32)>,
    heart_rate_sum: u64,
    heart_rate_count: u64,
    /// Seconds the timer ran, from timer start and stop events.
    pub timer_s: u64,
    timer_started: Option<u32>,
    pub timer_events: u32,
}

/// How the distance of a stretch of records was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RecordDistance {
    /// The records' cumulative `distance` field (or `compressed_speed_distance`).
    Field(f64),
    /// Summed between the records' GPS positions.
    Positions(f64),
}

impl RecordDistance {
    pub fn metres(self) -> f64 {
        match self {
            RecordDistance::Field(m) | RecordDistance::Positions(m) => m,
        }
    }
}

/// Semicircles (2^31 to 180 degrees) to degrees.
fn degrees(semicircles: i32) -> f64 {
    f64::from(semicircles) * (180.0 / 2_147_483_648.0)
}

impl Track {
    /// The distance in metres: the record's distance field, else the compressed one.
    pub fn distance_m(&self) -> Option<f64> {
        match self.distance_cm {
            Some(cm) => Some(f64::from(cm) / 100.0),
            None if self.last_compressed.is_some() => Some(self.compressed_distance_16th as f64 / 16.0),
            None => None,
        }
    }

    /// The distance this stretch covered, when `previous` and `next` are the stretches around
    /// it in the file. Where the records count on across sessions, a stretch runs from its
    /// first record's distance (from 0 for the first stretch) to the next stretch's first
    /// one, so the metres between a session's last record and the next session's start are
    /// not lost; a stretch whose records start below the previous one's restarted from 0.
    /// From positions when the records have no distance field.
    pub fn covered(&self, previous: Option<&Track>, next: Option<&Track>) -> Option<RecordDistance> {
        let first = |track: &Track| track.first_distance_cm.map(u64::from);
        let field = self.distance_cm.map(|max| {
            let max = u64::from(max);
            let counts_on = |before: &Track, after: &Track| {
                matches!((before.distance_cm, first(after)), (Some(end), Some(start)) if start >= u64::from(end))
            };
            let from = match previous {
                Some(previous) if counts_on(previous, self) => first(self).unwrap_or(0),
                _ => 0,
            };
            let to = match next {
                Some(next) if counts_on(self, next) => first(next).unwrap_or(max),
                _ => max,
            };
            to.saturating_sub(from) as f64 / 100.0
        });
        let field = field.or_else(|| self.distance_m());
        match field {
            Some(m) => Some(RecordDistance::Field(m)),
            None if self.positions >= 2 => Some(RecordDistance::Positions(self.position_distance_m)),
            None => None,
        }
    }

    /// The mean heart rate of the records that have one.
    pub fn avg_heart_rate(&self) -> Option<f64> {
        (self.heart_rate_count > 0).then(|| self.heart_rate_sum as f64 / self.heart_rate_count as f64)
    }

    /// The timer time, counting a timer still running at the last record.
    pub fn timer_s(&self) -> Option<u64> {
        if self.timer_events == 0 {
            return None;
        }
        let open = match (self.timer_started, self.last_time) {
            (Some(started), Some(last)) if last > started => u64::from(last - started),
            _ => 0,
        };
        Some(self.timer_s + open)
    }

    fn event(&mut self, message: &Message<'_>) {
        // event 0 is the timer; event types 0 start, 1 stop, 4 stop_all, 8 and 9 stop and
        // disable.
        if message.u8(0) != Some(0) {
            return;
        }
        let Some(time) = message.timestamp else { return };
        self.timer_events += 1;
        match message.u8(1) {
            Some(0) => {
                self.timer_started.get_or_insert(time);
            }
            Some(1 | 4 | 8 | 9) => {
                if let Some(started) = self.timer_started.take() {
                    self.timer_s += u64::from(time.saturating_sub(started));
                }
            }
            _ => {}
        }
    }

    fn record(&mut self, message: &Message<'_>) {
        self.records += 1;
        if let Some(time) = message.timestamp {
            self.first_time = Some(self.first_time.map_or(time, |t| t.min(time)));
            self.last_time = Some(self.last_time.map_or(time, |t| t.max(time)));
        }
        if let Some(cm) = message.u32(5) {
            self.first_distance_cm.get_or_insert(cm);
            self.distance_cm = Some(self.distance_cm.map_or(cm, |d| d.max(cm)));
        }
        if let Some(heart_rate) = message.u8(3) {
            self.heart_rate_sum += u64::from(heart_rate);
            self.heart_rate_count += 1;
        }
        // A position of exactly 0/0 is what some writers put before the first fix.
        if let (Some(lat), Some(lon)) = (message.i32(0), message.i32(1))
            && (lat, lon) != (0, 0)
        {
            if let Some((last_lat, last_lon)) = self.last_position {
                self.position_distance_m += haversine_m(
                    (degrees(last_lat), degrees(last_lon)),
                    (degrees(lat), degrees(lon)),
                );
            }
            self.last_position = Some((lat, lon));
            self.positions += 1;
        }
        // compressed_speed_distance: 12 bits of speed, then 12 bits of distance in 1/16 m that
        // roll over at 256 m.
        if let Some(&[b0, b1, b2]) = message.bytes(8)
            && [b0, b1, b2] != [0xFF; 3]
        {
            let distance = (u16::from(b1) >> 4) | (u16::from(b2) << 4);
            if let Some(last) = self.last_compressed {
                self.compressed_distance_16th += u64::from(distance.wrapping_sub(last) & 0x0FFF);
            }
            self.last_compressed = Some(distance);
        }
    }
}

/// The second pass: records and timer events, for files without a session and for sessions
/// that lack a figure the records can give.
///
/// A file's records are split into one [`Track`] per session by time: a record belongs to the
/// last session that started at or before it (records before the first session to the
/// first), so the records after a session's recorded end still count towards it. A file
/// without a session has one track.
#[derive(Debug, Default)]
pub(crate) struct TrackVisitor {
    /// Per file of the chain, the start times of its sessions, sorted.
    starts: Vec<Vec<u32>>,
    /// Per file, one track per session in the order of `starts` (one for a file without a
    /// session).
    pub files: Vec<Vec<Track>>,
    /// Per file, the stretch of the last message without a timestamp's predecessor.
    current: Vec<usize>,
}

impl TrackVisitor {
    /// A visitor that splits each file's records by the session start times `starts` (per
    /// file, sorted; empty for a file without a session).
    pub fn new(starts: Vec<Vec<u32>>) -> TrackVisitor {
        TrackVisitor {
            starts,
            files: Vec::new(),
            current: Vec::new(),
        }
    }

    /// The index of the stretch a message at `time` belongs to in `file`.
    pub fn stretch_of(starts: &[u32], time: u32) -> usize {
        starts.partition_point(|&start| start <= time).saturating_sub(1)
    }
}

impl Visitor for TrackVisitor {
    fn wants(&self, kind: Kind) -> bool {
        matches!(kind, Kind::Record | Kind::Event)
    }

    fn message(&mut self, file: usize, kind: Kind, message: &Message<'_>) {
        let starts = self.starts.get(file).map_or(&[][..], Vec::as_slice);
        let stretches = starts.len().max(1);
        let current = file_slot(&mut self.current, file);
        // A message without a time stays in the stretch of the message before it.
        if let Some(time) = message.timestamp {
            *current = TrackVisitor::stretch_of(starts, time);
        }
        let stretch = *current;
        let tracks = file_slot(&mut self.files, file);
        if tracks.len() < stretches {
            tracks.resize_with(stretches, Track::default);
        }
        let track = &mut tracks[stretch];
        if kind == Kind::Event {
            track.event(message);
        } else {
            track.record(message);
        }
    }
}
