//! Value sanity: every activity any format yields passes here before it is joined or
//! de-duplicated, so that no absurd value (a NaN distance, a run at 300 km/h, a session dated
//! 1970, a set of 50,000 reps) reaches a report silently.
//!
//! Each class of absurd value has one defined outcome:
//!
//! - a value that cannot be true is left out (set to unknown) and the file gets a warning
//!   naming the activity, the value and the bound; the rest of the activity counts;
//! - an activity that cannot be placed in time (dated before 1990 or from 2100 on, lasting
//!   longer than [`MAX_ELAPSED`] with no plausible moving time) or too large to be one
//!   session (more than [`MAX_SETS`] sets), or left with neither time nor distance once a
//!   distance covered in no time is taken out, is left out whole, with a warning;
//! - a file all of whose activities were left out is an error, not a silent success (the
//!   import decides the file's status from how many activities were left out).
//!
//! The format crates already refuse what they cannot read (`NaN` or `inf` text, negative
//! durations); this is the second line, for values that parse but make no sense, whichever
//! the format.

use std::fmt::Write as _;
use std::time::Duration;

use runlift_model::{Activity, ParseError, ParseErrorKind, Parsed, Sport, StrengthSet, Timestamp};

/// The earliest start accepted: 1990-01-01T00:00:00Z. FIT counts time from 1989-12-31, so a
/// watch that never got the time writes dates on that day; no tracker export reaches back
/// further, and a date in 1970 is a zero Unix time, not a session.
pub const EARLIEST_START: Timestamp = Timestamp::constant(631_152_000, 0);

/// The first start refused: 2100-01-01T00:00:00Z. A date that far ahead is a broken clock or a
/// corrupt field; a report must not stretch over the decades up to it.
pub const LATEST_START: Timestamp = Timestamp::constant(4_102_444_800, 0);

/// The longest plausible session: 14 days. Multi-day ultras (the Tor des Géants, about 150
/// hours) and expedition logs stay well below; a longer span is two timestamps that do not
/// belong together.
pub const MAX_ELAPSED: Duration = Duration::from_secs(14 * 24 * 3600);

/// How much longer than the elapsed time a moving time may be before it is refused: sources
/// round the two separately (TCX laps in tenths, FIT in milliseconds), and a second's
/// difference is rounding, not a broken value.
pub const MOVING_TOLERANCE: Duration = Duration::from_secs(1);

/// The longest plausible distance of one session or one set: 5,000 km. The Race Across America,
/// ridden as one recording, is about 4,900 km.
pub const MAX_DISTANCE_M: f64 = 5_000_000.0;

/// The longest distance accepted from an activity that took no time at all: 100 m. A few GPS
/// points logged within one second drift that far; a longer distance in no time is a track
/// whose times run backwards or were all set to the same instant.
pub const MAX_DISTANCE_WITHOUT_TIME_M: f64 = 100.0;

/// The largest plausible total climb of one session: 30,000 m, more than three times Everest
/// from sea level; the most climbed in a day on foot or by bike is about 20,000 m.
pub const MAX_ELEVATION_GAIN_M: f64 = 30_000.0;

/// The plausible range of an average heart rate, in beats per minute: resting rates of trained
/// athletes go below 30 and the highest measured maximum is about 220; outside 20 to 250 the
/// sensor lost contact or the field is corrupt.
pub const HEART_RATE_RANGE: std::ops::RangeInclusive<f64> = 20.0..=250.0;

/// The range of the session RPE scale the model uses (some sources write 0 for "not rated").
pub const PERCEIVED_EFFORT_RANGE: std::ops::RangeInclusive<f64> = 0.0..=10.0;

/// The most repetitions plausible in one set: 10,000. Jump-rope skips and push-up challenges
/// logged as one set reach a few thousand; beyond that the number is a typo or a corrupt field.
pub const MAX_REPS: u32 = 10_000;

/// The heaviest plausible load of one set: 1,500 kg. The heaviest lifts people log are leg-press
/// and sled sets of 1,000 to 1,200 kg; the deadlift record is 501 kg.
pub const MAX_WEIGHT_KG: f64 = 1_500.0;

/// The longest plausible set: 24 hours (the longest plank held is under 10 hours).
pub const MAX_SET_DURATION: Duration = Duration::from_secs(24 * 3600);

/// The most sets one activity may hold: 5,000. A long gym session has 30 to 60, a whole day of
/// a CrossFit competition a few hundred; more is a broken export (every set of years of logs
/// under one date), which is refused rather than counted as one week's work.
pub const MAX_SETS: usize = 5_000;

/// How a sport moves, which decides the fastest plausible average speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Locomotion {
    OnFoot,
    Cycling,
    Swimming,
    Other,
}

impl Locomotion {
    /// From the sport as the model's vocabulary names it, never from the text of a name: a
    /// sport kept by its own name ([`Sport::Other`], such as `motorcycling` or `kitesurf`)
    /// gets the widest limit.
    fn of(sport: &Sport) -> Locomotion {
        match sport {
            Sport::Running(_) | Sport::Walking | Sport::Hiking => Locomotion::OnFoot,
            Sport::Cycling(_) => Locomotion::Cycling,
            Sport::Swimming => Locomotion::Swimming,
            Sport::StrengthTraining
            | Sport::Rowing(_)
            | Sport::Hiit
            | Sport::Yoga
            | Sport::Pilates
            | Sport::Elliptical
            | Sport::CardioTraining
            | Sport::Other(_) => Locomotion::Other,
        }
    }

    /// The fastest plausible average speed over a whole session, in km/h, with a wide margin:
    /// only values no person could reach are refused.
    fn max_speed_kmh(self) -> f64 {
        match self {
            // Usain Bolt's top speed is 44.7 km/h, over a few metres; marathons are run at 21.
            Locomotion::OnFoot => 45.0,
            // The hour record is 56 km/h; long descents pass 100 km/h but no whole ride
            // averages that.
            Locomotion::Cycling => 120.0,
            // The 50 m freestyle record is 8.6 km/h; open water with a current adds some.
            Locomotion::Swimming => 20.0,
            // Skiing, paragliding, sailing, skydiving: 500 km/h is beyond all of them.
            Locomotion::Other => 500.0,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Locomotion::OnFoot => "on foot",
            Locomotion::Cycling => "by bike",
            Locomotion::Swimming => "swimming",
            Locomotion::Other => "in any sport",
        }
    }
}

/// Checks every activity of `parsed`: implausible values are left out and activities that
/// cannot be true are removed, each with a warning added to `parsed.warnings`. Returns how
/// many activities were left out.
pub(crate) fn check(parsed: &mut Parsed) -> usize {
    let before = parsed.activities.len();
    let activities = std::mem::take(&mut parsed.activities);
    parsed.activities = activities
        .into_iter()
        .filter_map(|activity| check_activity(activity, &mut parsed.warnings))
        .collect();
    before - parsed.activities.len()
}

/// One activity: `None` when it is left out whole.
fn check_activity(mut activity: Activity, warnings: &mut Vec<ParseError>) -> Option<Activity> {
    let mut warn = |activity: &Activity, message: String| {
        let text = format!("{}: {message}", describe(activity));
        warnings.push(ParseError::new(
            &activity.source,
            None,
            ParseErrorKind::Implausible(text),
        ));
    };

    if activity.start < EARLIEST_START {
        let message = "it is dated before 1990, the date of a device whose clock was never set (FIT's \
                       epoch is 1989-12-31) or of a corrupt field; the activity was left out";
        warn(&activity, message.to_owned());
        return None;
    }
    if activity.start >= LATEST_START {
        let message = "it is dated 2100 or later, the date of a broken clock or a corrupt field; the \
                       activity was left out";
        warn(&activity, message.to_owned());
        return None;
    }
    if activity.sets.len() > MAX_SETS {
        let message = format!(
            "it holds {} sets, more than the {MAX_SETS} one session can have; the activity was left out",
            activity.sets.len()
        );
        warn(&activity, message);
        return None;
    }

    if activity.moving.is_some_and(|moving| moving > MAX_ELAPSED) {
        let moving = activity.moving.take().unwrap_or_default();
        let message = format!(
            "the moving time {} is longer than {} days; it was left out",
            clock(moving),
            MAX_ELAPSED.as_secs() / 86_400
        );
        warn(&activity, message);
    }
    if activity.elapsed > MAX_ELAPSED {
        let elapsed = activity.elapsed;
        match activity.moving {
            Some(moving) => {
                activity.elapsed = moving;
                let message = format!(
                    "the elapsed time {} is longer than {} days; it was left out and the moving time {} \
                     stands in for it",
                    clock(elapsed),
                    MAX_ELAPSED.as_secs() / 86_400,
                    clock(moving)
                );
                warn(&activity, message);
            }
            None => {
                let message = format!(
                    "the elapsed time {} is longer than {} days and there is no moving time; the \
                     activity was left out",
                    clock(elapsed),
                    MAX_ELAPSED.as_secs() / 86_400
                );
                warn(&activity, message);
                return None;
            }
        }
    }
    if let Some(moving) = activity
        .moving
        .filter(|&m| m > activity.elapsed + MOVING_TOLERANCE)
    {
        activity.moving = None;
        let message = format!(
            "the moving time {} is longer than the elapsed time {}; the moving time was left out",
            clock(moving),
            clock(activity.elapsed)
        );
        warn(&activity, message);
    }

    let checks: [(&str, FieldOf, f64, f64, &str); 4] = [
        ("distance", |a| &mut a.distance_m, 0.0, MAX_DISTANCE_M, " m"),
        (
            "elevation gain",
            |a| &mut a.elevation_gain_m,
            0.0,
            MAX_ELEVATION_GAIN_M,
            " m",
        ),
        (
            "average heart rate",
            |a| &mut a.avg_heart_rate,
            *HEART_RATE_RANGE.start(),
            *HEART_RATE_RANGE.end(),
            " bpm",
        ),
        (
            "perceived effort",
            |a| &mut a.perceived_effort,
            *PERCEIVED_EFFORT_RANGE.start(),
            *PERCEIVED_EFFORT_RANGE.end(),
            "",
        ),
    ];
    for (what, field, low, high, unit) in checks {
        let Some(value) = *field(&mut activity) else {
            continue;
        };
        if let Some(why) = out_of_range(value, low, high, unit) {
            *field(&mut activity) = None;
            warn(&activity, format!("the {what} {why}; it was left out"));
        }
    }

    if let Some(distance) = activity.distance_m {
        // A moving time of zero with time elapsed is a source that saw no movement: the speed
        // is judged over the elapsed time then.
        let time = match activity.training_time() {
            Duration::ZERO => activity.elapsed,
            time => time,
        };
        let seconds = time.as_secs_f64();
        let locomotion = Locomotion::of(&activity.sport);
        let limit = locomotion.max_speed_kmh();
        if seconds > 0.0 && distance / seconds * 3.6 > limit {
            activity.distance_m = None;
            let message = format!(
                "{} km in {} is {:.1} km/h, faster than anyone moves {} (at most {limit:.0} km/h); the \
                 distance was left out",
                trimmed(distance / 1000.0),
                clock(time),
                distance / seconds * 3.6,
                locomotion.name()
            );
            warn(&activity, message);
        } else if seconds == 0.0 && distance > MAX_DISTANCE_WITHOUT_TIME_M {
            activity.distance_m = None;
            if activity.sets.is_empty() {
                // Neither time nor distance is left: nothing of the session can be counted.
                let message = format!(
                    "{} km in no time at all (its times run backwards or are all the same); the \
                     activity was left out",
                    trimmed(distance / 1000.0)
                );
                warn(&activity, message);
                return None;
            }
            let message = format!(
                "{} km in no time at all (its times run backwards or are all the same); the distance \
                 was left out",
                trimmed(distance / 1000.0)
            );
            warn(&activity, message);
        }
    }

    let mut refused = SetProblems::default();
    for (index, set) in activity.sets.iter_mut().enumerate() {
        check_set(index, set, &mut refused);
    }
    for message in refused.messages() {
        warn(&activity, message);
    }
    Some(activity)
}

/// Reaches one optional figure of an activity, so every figure goes through the same check.
type FieldOf = fn(&mut Activity) -> &mut Option<f64>;

/// Why `value` is not a plausible value between `low` and `high`, or `None` when it is.
fn out_of_range(value: f64, low: f64, high: f64, unit: &str) -> Option<String> {
    if !value.is_finite() {
        Some(format!("is {value}, not a number"))
    } else if value < low || value > high {
        Some(format!(
            "{}{unit} is outside {}{unit} to {}{unit}",
            trimmed(value),
            trimmed(low),
            trimmed(high)
        ))
    } else {
        None
    }
}

/// What was left out of the sets of one activity, one warning per kind of value: a broken log
/// can have the same absurd value in thousands of sets.
#[derive(Default)]
struct SetProblems {
    reps: Refused,
    weight: Refused,
    duration: Refused,
    distance: Refused,
}

#[derive(Default)]
struct Refused {
    count: usize,
    first: Option<String>,
}

impl Refused {
    fn add(&mut self, index: usize, set: &StrengthSet, why: String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(format!("set {} ({}) {why}", index + 1, set.exercise_name));
        }
    }
}

impl SetProblems {
    fn messages(&self) -> Vec<String> {
        [
            ("repetitions", &self.reps),
            ("weight", &self.weight),
            ("duration", &self.duration),
            ("distance", &self.distance),
        ]
        .into_iter()
        .filter_map(|(what, refused)| {
            let first = refused.first.as_ref()?;
            let mut message = format!("the {what} of {first}; it was left out");
            if refused.count > 1 {
                let _ = write!(
                    message,
                    ", and so was the {what} of {} more sets",
                    refused.count - 1
                );
            }
            Some(message)
        })
        .collect()
    }
}

fn check_set(index: usize, set: &mut StrengthSet, refused: &mut SetProblems) {
    if let Some(reps) = set.reps.filter(|&r| r > MAX_REPS) {
        set.reps = None;
        refused
            .reps
            .add(index, set, format!("is {reps}, more than {MAX_REPS}"));
    }
    if let Some(why) = set
        .weight_kg
        .and_then(|kg| out_of_range(kg, 0.0, MAX_WEIGHT_KG, " kg"))
    {
        set.weight_kg = None;
        refused.weight.add(index, set, why);
    }
    if let Some(duration) = set.duration.filter(|&d| d > MAX_SET_DURATION) {
        set.duration = None;
        refused
            .duration
            .add(index, set, format!("is {}, longer than a day", clock(duration)));
    }
    if let Some(why) = set
        .distance_m
        .and_then(|m| out_of_range(m, 0.0, MAX_DISTANCE_M, " m"))
    {
        set.distance_m = None;
        refused.distance.add(index, set, why);
    }
}

/// The activity as a person finds it in the file: sport and start.
fn describe(activity: &Activity) -> String {
    format!("the {} activity starting {}", activity.sport, activity.start)
}

/// A duration as `h:mm:ss`, hours unbounded.
fn clock(duration: Duration) -> String {
    let total = duration.as_secs();
    format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

/// A number with at most three decimals and no trailing zeros: `900`, `12.5`.
fn trimmed(value: f64) -> String {
    if value.abs() >= 1e9 {
        // A corrupt field can hold 1e300: its digits in full would fill the terminal.
        return format!("{value:e}");
    }
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests;
