//! The messages runlift reads, written with their FIT profile numbers and scales.
//!
//! Optional values are written as the base type's invalid marker when `None`, so that a
//! decoder has to tell "not recorded" from zero as it must with real files.

use crate::{FitWriter, Value};

/// Global message numbers of the FIT profile.
pub mod global {
    /// `file_id`
    pub const FILE_ID: u16 = 0;
    /// `sport`
    pub const SPORT: u16 = 12;
    /// `session`
    pub const SESSION: u16 = 18;
    /// `lap`
    pub const LAP: u16 = 19;
    /// `record`
    pub const RECORD: u16 = 20;
    /// `event`
    pub const EVENT: u16 = 21;
    /// `device_info`
    pub const DEVICE_INFO: u16 = 23;
    /// `activity`
    pub const ACTIVITY: u16 = 34;
    /// `set`
    pub const SET: u16 = 225;
    /// `exercise_title`
    pub const EXERCISE_TITLE: u16 = 264;
}

/// `file_id.type` values.
pub mod file_type {
    /// A device settings file.
    pub const SETTINGS: u8 = 2;
    /// An activity.
    pub const ACTIVITY: u8 = 4;
    /// A planned workout.
    pub const WORKOUT: u8 = 5;
    /// Weight-scale measurements.
    pub const WEIGHT: u8 = 9;
    /// Daily monitoring (steps, heart rate).
    pub const MONITORING_B: u8 = 32;
}

/// `sport` and `sub_sport` values used by the fixtures.
pub mod sport {
    /// sport: running
    pub const RUNNING: u8 = 1;
    /// sport: cycling
    pub const CYCLING: u8 = 2;
    /// sport: training
    pub const TRAINING: u8 = 10;
    /// sub_sport: generic
    pub const GENERIC: u8 = 0;
    /// sub_sport: treadmill
    pub const TREADMILL: u8 = 1;
    /// sub_sport: street
    pub const STREET: u8 = 2;
    /// sub_sport: trail
    pub const TRAIL: u8 = 3;
    /// sub_sport: strength_training
    pub const STRENGTH_TRAINING: u8 = 20;
    /// sub_sport: cardio_training
    pub const CARDIO_TRAINING: u8 = 26;
}

/// `exercise_category` values used by the fixtures, and subtypes within them.
pub mod exercise {
    /// bench_press
    pub const BENCH_PRESS: u16 = 0;
    /// core
    pub const CORE: u16 = 5;
    /// deadlift
    pub const DEADLIFT: u16 = 8;
    /// lunge
    pub const LUNGE: u16 = 17;
    /// plank
    pub const PLANK: u16 = 19;
    /// pull_up
    pub const PULL_UP: u16 = 21;
    /// row
    pub const ROW: u16 = 23;
    /// shoulder_press
    pub const SHOULDER_PRESS: u16 = 24;
    /// squat
    pub const SQUAT: u16 = 28;
    /// "unknown": the watch could not tell the exercise.
    pub const UNKNOWN: u16 = 65534;
    /// squat subtype barbell_back_squat
    pub const BARBELL_BACK_SQUAT: u16 = 6;
    /// bench_press subtype barbell_bench_press
    pub const BARBELL_BENCH_PRESS: u16 = 1;
    /// plank subtype plank
    pub const PLANK_PLANK: u16 = 43;
    /// deadlift subtype barbell_deadlift
    pub const BARBELL_DEADLIFT: u16 = 0;
    /// pull_up subtype pull_up
    pub const PULL_UP_PULL_UP: u16 = 38;
}

/// `file_id` of a file written by a maker's device: type, manufacturer, product and creation
/// time (FIT seconds).
pub fn file_id_of(writer: &mut FitWriter, file_type: u8, manufacturer: u16, product: u16, time_created: u32) {
    writer.message(
        0,
        global::FILE_ID,
        &[
            (0, Value::Enum(file_type)),
            (1, Value::U16(manufacturer)),
            (2, Value::U16(product)),
            (4, Value::U32(time_created)),
        ],
    );
}

/// `file_id`: the file's type and creation time (FIT seconds).
pub fn file_id(writer: &mut FitWriter, file_type: u8, time_created: u32) {
    writer.message(
        0,
        global::FILE_ID,
        &[
            (0, Value::Enum(file_type)),
            (1, Value::U16(255)), // manufacturer: development
            (2, Value::U16(1)),
            (4, Value::U32(time_created)),
        ],
    );
}

/// `sport`: the sport profile's sport, sub-sport and name.
pub fn sport(writer: &mut FitWriter, sport: u8, sub_sport: u8, name: &str) {
    writer.message(
        1,
        global::SPORT,
        &[
            (0, Value::Enum(sport)),
            (1, Value::Enum(sub_sport)),
            (3, Value::String(name.to_owned(), 16)),
        ],
    );
}

/// `event` timer start (`start == true`) or stop-all at `timestamp`.
pub fn timer_event(writer: &mut FitWriter, timestamp: u32, start: bool) {
    writer.message(
        2,
        global::EVENT,
        &[
            (253, Value::U32(timestamp)),
            (0, Value::Enum(0)),                         // event: timer
            (1, Value::Enum(if start { 0 } else { 4 })), // event_type: start / stop_all
        ],
    );
}

/// One `record`: time, distance in metres (stored in centimetres) and heart rate.
pub fn record(writer: &mut FitWriter, timestamp: u32, distance_m: Option<f64>, heart_rate: Option<u8>) {
    writer.message(
        3,
        global::RECORD,
        &record_fields(Some(timestamp), distance_m, heart_rate),
    );
}

/// One `record` with a GPS position (semicircles), as GPS watches write: time, position,
/// distance in metres (left out of the message when `None`, as a writer without a distance
/// field does) and heart rate.
pub fn positioned_record(
    writer: &mut FitWriter,
    timestamp: u32,
    position: (i32, i32),
    distance_m: Option<f64>,
    heart_rate: u8,
) {
    let mut fields = vec![
        (253, Value::U32(timestamp)),
        (0, Value::S32(position.0)),
        (1, Value::S32(position.1)),
    ];
    if let Some(distance) = distance_m {
        fields.push((5, Value::U32(centi(distance))));
    }
    fields.push((3, Value::U8(heart_rate)));
    writer.message(3, global::RECORD, &fields);
}

/// The fields of a `record`; without a timestamp for compressed-timestamp headers.
pub fn record_fields(
    timestamp: Option<u32>,
    distance_m: Option<f64>,
    heart_rate: Option<u8>,
) -> Vec<(u8, Value)> {
    let mut fields = Vec::new();
    if let Some(timestamp) = timestamp {
        fields.push((253, Value::U32(timestamp)));
    }
    fields.push((5, distance_m.map_or(Value::INVALID_U32, |d| Value::U32(centi(d)))));
    fields.push((3, heart_rate.map_or(Value::INVALID_U8, Value::U8)));
    fields
}

/// The summary fields shared by `session` and `lap`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// End of the session or lap (FIT seconds).
    pub timestamp: u32,
    /// Start (FIT seconds).
    pub start_time: u32,
    /// Total elapsed time in milliseconds.
    pub elapsed_ms: u32,
    /// Total timer time in milliseconds.
    pub timer_ms: u32,
    /// Distance in metres.
    pub distance_m: Option<f64>,
    /// Total ascent in metres.
    pub ascent_m: Option<u16>,
    /// Average heart rate.
    pub avg_heart_rate: Option<u8>,
    /// `sport`
    pub sport: u8,
    /// `sub_sport`
    pub sub_sport: u8,
    /// Session RPE on the 1-10 scale, times ten (`workout_rpe`); sessions only.
    pub rpe_x10: Option<u8>,
}

/// A `session` message.
pub fn session(writer: &mut FitWriter, summary: &Summary) {
    let mut fields = summary_fields(summary);
    fields.extend([
        (5, Value::Enum(summary.sport)),
        (6, Value::Enum(summary.sub_sport)),
        (
            9,
            summary
                .distance_m
                .map_or(Value::INVALID_U32, |d| Value::U32(centi(d))),
        ),
        (16, summary.avg_heart_rate.map_or(Value::INVALID_U8, Value::U8)),
        (22, summary.ascent_m.map_or(Value::INVALID_U16, Value::U16)),
        (193, summary.rpe_x10.map_or(Value::INVALID_U8, Value::U8)),
    ]);
    writer.message(4, global::SESSION, &fields);
}

/// A `session` message without a `total_distance` field at all (not even the invalid
/// marker), as Suunto's Movescount writes it.
pub fn session_without_distance(writer: &mut FitWriter, summary: &Summary) {
    let mut fields = summary_fields(summary);
    fields.extend([
        (5, Value::Enum(summary.sport)),
        (6, Value::Enum(summary.sub_sport)),
        (16, summary.avg_heart_rate.map_or(Value::INVALID_U8, Value::U8)),
        (22, summary.ascent_m.map_or(Value::INVALID_U16, Value::U16)),
    ]);
    writer.message(4, global::SESSION, &fields);
}

/// A `lap` message.
pub fn lap(writer: &mut FitWriter, summary: &Summary) {
    let mut fields = summary_fields(summary);
    fields.extend([
        (
            9,
            summary
                .distance_m
                .map_or(Value::INVALID_U32, |d| Value::U32(centi(d))),
        ),
        (15, summary.avg_heart_rate.map_or(Value::INVALID_U8, Value::U8)),
        (21, summary.ascent_m.map_or(Value::INVALID_U16, Value::U16)),
        (25, Value::Enum(summary.sport)),
        (39, Value::Enum(summary.sub_sport)),
    ]);
    writer.message(5, global::LAP, &fields);
}

fn summary_fields(summary: &Summary) -> Vec<(u8, Value)> {
    vec![
        (253, Value::U32(summary.timestamp)),
        (2, Value::U32(summary.start_time)),
        (7, Value::U32(summary.elapsed_ms)),
        (8, Value::U32(summary.timer_ms)),
    ]
}

/// An `activity` message: its time, the local wall-clock time at that moment (both FIT
/// seconds; their difference is the UTC offset) and the number of sessions.
pub fn activity(
    writer: &mut FitWriter,
    timestamp: u32,
    local_timestamp: u32,
    num_sessions: u16,
    timer_ms: u32,
) {
    writer.message(
        6,
        global::ACTIVITY,
        &[
            (253, Value::U32(timestamp)),
            (0, Value::U32(timer_ms)),
            (1, Value::U16(num_sessions)),
            (2, Value::Enum(0)),  // type: manual
            (3, Value::Enum(26)), // event: activity
            (4, Value::Enum(1)),  // event_type: stop
            (5, Value::U32(local_timestamp)),
        ],
    );
}

/// A strength `set`.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    /// When the set started (FIT seconds).
    pub start_time: u32,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// Repetitions.
    pub reps: Option<u16>,
    /// Weight in kilograms (stored in 1/16 kg).
    pub weight_kg: Option<f64>,
    /// Active set (`true`) or rest (`false`).
    pub active: bool,
    /// `exercise_category`
    pub category: Option<u16>,
    /// The exercise within the category.
    pub subtype: Option<u16>,
    /// The set's index within the file.
    pub message_index: u16,
}

/// A `set` message; its timestamp is the set's end.
pub fn set(writer: &mut FitWriter, set: &Set) {
    let end = set.start_time + set.duration_ms / 1000;
    writer.message(
        7,
        global::SET,
        &[
            (254, Value::U32(end)),
            (0, Value::U32(set.duration_ms)),
            (3, set.reps.map_or(Value::INVALID_U16, Value::U16)),
            (
                4,
                set.weight_kg.map_or(Value::INVALID_U16, |kg| {
                    Value::U16(u16::try_from((kg * 16.0).round() as i64).expect("a weight under 4 t"))
                }),
            ),
            (5, Value::U8(u8::from(set.active))),
            (6, Value::U32(set.start_time)),
            (7, Value::U16Array(vec![set.category.unwrap_or(0xFFFF)])),
            (8, Value::U16Array(vec![set.subtype.unwrap_or(0xFFFF)])),
            (9, Value::Enum(1)), // weight_display_unit: kilogram
            (10, Value::U16(set.message_index)),
        ],
    );
}

/// An `exercise_title`: the name the user gave an exercise of a category and subtype.
pub fn exercise_title(writer: &mut FitWriter, category: u16, subtype: u16, title: &str, message_index: u16) {
    writer.message(
        8,
        global::EXERCISE_TITLE,
        &[
            (254, Value::U16(message_index)),
            (0, Value::U16(category)),
            (1, Value::U16(subtype)),
            (2, Value::String(title.to_owned(), 32)),
        ],
    );
}

fn centi(metres: f64) -> u32 {
    u32::try_from((metres * 100.0).round() as i64).expect("a distance under 42 000 km")
}
