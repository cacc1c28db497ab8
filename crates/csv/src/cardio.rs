//! The cardio exercises of gym apps: sessions of their own sport, not strength sets.
//!
//! Strong and Hevy log a treadmill run or a row on the erg as an exercise of the workout
//! (Strong: "Running (Treadmill)", "Rowing (Machine)", "Cycling (Indoor)"; Hevy: "Running",
//! "Treadmill", "Rowing Machine", "Stair Machine (Floors)") with a distance and a time per set.
//! To a coach those are a run, a row, a ride: they count towards the week's running distance
//! and the load of that sport, and not as sets of the strength session, whose volume and time
//! they would inflate. So the sets of each cardio exercise of a workout become one activity of
//! its sport, with their distances and times added up, and the strength session keeps the
//! lifts alone and the rest of the workout's time.
//!
//! The apps record no times of day within a workout, only the order of exercises: cardio logged
//! before the first lift (a warm-up run) starts with the workout, one after each other, and the
//! strength session after them; cardio logged after a lift ends with the workout (or, when the
//! workout's length is unknown, starts with the strength session).

use std::sync::Arc;
use std::time::Duration;

use runlift_model::{Activity, RunKind, SourceRef, Sport, Timestamp, Venue};

use crate::collect::{FastMap, Workout};

/// The sets of one cardio exercise of a workout, added up.
pub(crate) struct Cardio {
    /// Which workout of the list it was logged in.
    workout: usize,
    exercise_name: Arc<str>,
    sport: Sport,
    elapsed: Duration,
    distance_m: f64,
    /// Logged before the workout's first lift.
    leading: bool,
}

/// The sport of a cardio exercise as Strong or Hevy names it (`Running (Treadmill)`,
/// `Rowing Machine`), or `None` for any other exercise (also for cardio named in another
/// language: Hevy translates its catalogue, and such sets stay strength sets, unclassified).
///
/// The name before the parenthesis says the sport, the word inside the venue: `Treadmill`
/// makes a treadmill run; `Indoor`, `Machine` or `Stationary` an indoor ride or row.
pub(crate) fn sport_of(exercise_name: &str) -> Option<Sport> {
    let name = exercise_name.trim().to_lowercase();
    let (base, qualifier) = match name.split_once('(') {
        Some((base, rest)) => (base.trim(), rest.trim_end_matches(')').trim()),
        None => (name.as_str(), ""),
    };
    let indoor = matches!(
        qualifier,
        "indoor" | "machine" | "stationary" | "erg" | "ergometer"
    );
    let venue = if indoor { Venue::Indoor } else { Venue::Unspecified };
    let sport = match base {
        "running" | "run" | "jogging" => Sport::Running(match qualifier {
            "treadmill" => RunKind::Treadmill,
            "indoor" => RunKind::Indoor,
            "trail" => RunKind::Trail,
            "track" => RunKind::Track,
            _ => RunKind::Unspecified,
        }),
        "treadmill" | "treadmill running" => Sport::Running(RunKind::Treadmill),
        "cycling" | "biking" | "bike" => Sport::Cycling(venue),
        "indoor cycling" | "stationary bike" | "spinning" | "spin bike" => Sport::Cycling(Venue::Indoor),
        "rowing" | "rower" => Sport::Rowing(venue),
        "rowing machine" | "indoor rowing" => Sport::Rowing(Venue::Indoor),
        "elliptical" | "elliptical trainer" | "elliptical machine" | "cross trainer" => Sport::Elliptical,
        "walking" | "walk" => Sport::Walking,
        "hiking" => Sport::Hiking,
        "swimming" => Sport::Swimming,
        "stair stepper" | "stair climber" | "stairmaster" | "stair machine" | "stepper" => {
            Sport::CardioTraining
        }
        _ => return None,
    };
    Some(sport)
}

/// The sport of each exercise name ([`sport_of`]), worked out once per name.
#[derive(Default)]
struct Sports {
    known: FastMap<String, Option<Sport>>,
    /// The last name asked about and its sport: a workout's sets come exercise by exercise.
    last: Option<(String, Option<Sport>)>,
}

impl Sports {
    fn of(&mut self, exercise_name: &str) -> &Option<Sport> {
        let is_last = self.last.as_ref().is_some_and(|(name, _)| name == exercise_name);
        if !is_last {
            let sport = match self.known.get(exercise_name) {
                Some(sport) => sport.clone(),
                None => {
                    let sport = sport_of(exercise_name);
                    self.known.insert(exercise_name.to_owned(), sport.clone());
                    sport
                }
            };
            self.last = Some((exercise_name.to_owned(), sport));
        }
        &self.last.as_ref().expect("set just above").1
    }
}

/// Takes the sets of cardio exercises out of the workouts, each exercise's sets added up, and
/// moves the strength sessions' start and length past them.
pub(crate) fn split(workouts: &mut [Workout]) -> Vec<Cardio> {
    // An export names the same few exercises thousands of times.
    let mut sports = Sports::default();
    let mut cardio: Vec<Cardio> = Vec::new();
    for (index, workout) in workouts.iter_mut().enumerate() {
        // Most workouts hold lifts only, and keep their sets where they are.
        if !workout
            .sets
            .iter()
            .any(|set| sports.of(&set.exercise_name).is_some())
        {
            continue;
        }
        let first = cardio.len();
        let mut lifted = false;
        let mut lifts = Vec::with_capacity(workout.sets.len());
        for set in std::mem::take(&mut workout.sets) {
            let sport = sports.of(&set.exercise_name).clone();
            let Some(sport) = sport else {
                lifted = true;
                lifts.push(set);
                continue;
            };
            let group = match cardio[first..]
                .iter()
                .position(|c| c.exercise_name == set.exercise_name)
            {
                Some(i) => &mut cardio[first + i],
                None => {
                    cardio.push(Cardio {
                        workout: index,
                        exercise_name: set.exercise_name.clone(),
                        sport,
                        elapsed: Duration::ZERO,
                        distance_m: 0.0,
                        leading: !lifted,
                    });
                    cardio.last_mut().expect("just pushed")
                }
            };
            group.elapsed += set.duration.unwrap_or_default();
            group.distance_m += set.distance_m.unwrap_or_default();
        }
        workout.sets = lifts;
        let ours = &cardio[first..];
        let leading: Duration = ours.iter().filter(|c| c.leading).map(|c| c.elapsed).sum();
        let all: Duration = ours.iter().map(|c| c.elapsed).sum();
        workout.start = later(workout.start, leading);
        workout.elapsed = workout.elapsed.saturating_sub(all);
    }
    cardio
}

/// `start` plus `by`, or `start` should that leave the range of time.
fn later(start: Timestamp, by: Duration) -> Timestamp {
    start.checked_add(by).unwrap_or(start)
}

/// The activities of the workouts, in file order: each workout's strength session (when it
/// has lifts left) followed by its cardio sessions.
pub(crate) fn merge(workouts: Vec<Workout>, cardio: Vec<Cardio>, source: &SourceRef) -> Vec<Activity> {
    let mut activities = Vec::with_capacity(workouts.len() + cardio.len());
    let mut cardio = cardio.into_iter().peekable();
    for (index, workout) in workouts.into_iter().enumerate() {
        let mut ours = Vec::new();
        while let Some(c) = cardio.next_if(|c| c.workout == index) {
            ours.push(c);
        }
        if ours.is_empty() {
            activities.push(workout.into_activity(source));
            continue;
        }
        let leading: Duration = ours.iter().filter(|c| c.leading).map(|c| c.elapsed).sum();
        // The strength session's start was moved past the leading cardio in `split`.
        let workout_start = workout.start.checked_sub(leading).unwrap_or(workout.start);
        let strength_end = later(workout.start, workout.elapsed);
        let alone = workout.sets.is_empty() && ours.len() == 1;
        let name = workout.name.clone().filter(|n| !n.is_empty());
        let (utc_offset, start_time_known) = (workout.utc_offset, workout.start_time_known);
        if !workout.sets.is_empty() {
            activities.push(workout.into_activity(source));
        }
        // Trailing cardio ends with the workout: the strength session's end is where the
        // workout's time left for it runs out (its start, when the length is unknown).
        let (mut next_leading, mut next_trailing) = (workout_start, strength_end);
        for c in ours {
            let slot = if c.leading {
                &mut next_leading
            } else {
                &mut next_trailing
            };
            let start = *slot;
            *slot = later(start, c.elapsed);
            let mut activity = Activity::new(c.sport, start, c.elapsed, source.clone());
            activity.name = match (&name, alone) {
                (Some(name), true) => Some(name.clone()),
                (Some(name), false) => Some(format!("{name}: {}", c.exercise_name)),
                (None, _) => Some(c.exercise_name.to_string()),
            };
            activity.utc_offset = utc_offset;
            activity.start_time_known = start_time_known;
            activity.distance_m = (c.distance_m > 0.0).then_some(c.distance_m);
            activities.push(activity);
        }
    }
    activities
}

/// A gym app's workouts as activities: cardio exercises split off into sessions of their own
/// sport, timers left running replaced by an estimate (with a note in `outcome`), the rest
/// merged back. The one ending of the Strong and Hevy readers.
pub(crate) fn finish_workouts(
    mut workouts: Vec<Workout>,
    source: &SourceRef,
    outcome: &mut crate::collect::Outcome,
) -> Vec<Activity> {
    let cardio = split(&mut workouts);
    if let Some(note) = crate::collect::replace_implausible_lengths(&mut workouts) {
        outcome.note(note);
    }
    merge(workouts, cardio, source)
}
