//! A long, varied, deterministic training history, built from model values: the input of the
//! renderer tests and of the benchmark (10 years, about 4,000 activities and 100,000 sets).
//!
//! A runner who lifts: four to six runs a week (one long on Sunday, some hard with an RPE
//! or marked as intervals), three strength sessions of 16 exercises, now and then a bike ride,
//! a week off every so often and, at times, no data at all. A small xorshift generator keeps
//! it varied and the same on every run.

#![allow(dead_code)]

use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use runlift_model::{Activity, RunKind, SetKind, SourceFormat, SourceRef, Sport, StrengthSet, WorkoutType};

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// A number in `low..high`.
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * (self.next() % 10_000) as f64 / 10_000.0
    }
}

const EXERCISES: [(&str, f64); 20] = [
    ("Squat (Barbell)", 80.0),
    ("Romanian Deadlift (Barbell)", 70.0),
    ("Bulgarian Split Squat", 20.0),
    ("Walking Lunge (Dumbbell)", 16.0),
    ("Calf Raise (Machine)", 60.0),
    ("Hip Thrust (Barbell)", 90.0),
    ("Plank", 0.0),
    ("Hanging Leg Raise", 0.0),
    ("Cable Crunch", 40.0),
    ("Pallof Press", 15.0),
    ("Bench Press (Barbell)", 60.0),
    ("Pull Up", 0.0),
    ("Bent Over Row (Barbell)", 50.0),
    ("Overhead Press (Barbell)", 35.0),
    ("Face Pull (Cable)", 20.0),
    ("Lat Pulldown (Cable)", 55.0),
    ("Copenhagen Plank", 0.0),
    ("Push Up", 0.0),
    ("Deadlift (Barbell)", 110.0),
    ("Farmer's Walk", 32.0),
];

fn at(day: Date, hour: i8, minute: i8) -> jiff::Timestamp {
    TimeZone::UTC.to_timestamp(day.at(hour, minute, 0, 0)).unwrap()
}

fn run(day: Date, hour: i8, minutes: f64, km: f64) -> Activity {
    let mut run = Activity::new(
        Sport::Running(RunKind::Road),
        at(day, hour, 0),
        Duration::from_secs_f64(minutes * 60.0),
        SourceRef::file("history/run.fit", SourceFormat::Fit),
    );
    run.moving = Some(Duration::from_secs_f64(minutes * 60.0));
    run.distance_m = Some(km * 1000.0);
    run.elevation_gain_m = Some(km * 8.0);
    run.avg_heart_rate = Some(140.0 + km);
    run
}

fn lift(day: Date, hour: i8, minutes: f64, exercises: &[(&str, f64)], sets_each: u32) -> Activity {
    let mut session = Activity::new(
        Sport::StrengthTraining,
        at(day, hour, 0),
        Duration::from_secs_f64(minutes * 60.0),
        SourceRef::file("history/strong.csv", SourceFormat::StrongCsv),
    );
    for &(name, kg) in exercises {
        let mut warm_up = StrengthSet::new(name);
        warm_up.kind = SetKind::WarmUp;
        warm_up.reps = Some(10);
        warm_up.weight_kg = (kg > 0.0).then_some(kg / 2.0);
        session.sets.push(warm_up);
        for _ in 1..sets_each {
            let mut set = StrengthSet::new(name);
            set.reps = Some(8);
            set.weight_kg = (kg > 0.0).then_some(kg);
            session.sets.push(set);
        }
    }
    session
}

/// `weeks` weeks of training from Monday `first_monday`.
pub fn history(first_monday: Date, weeks: i64, seed: u64) -> Vec<Activity> {
    let mut random = Random(seed | 1);
    let mut activities = Vec::new();
    for n in 0..weeks {
        let monday = first_monday.checked_add((7 * n).days()).unwrap();
        let day = |d: i64| monday.checked_add(d.days()).unwrap();
        // Every so often a week without data (the watch stayed home), or off running.
        match random.below(40) {
            0 => continue,
            1 => {
                activities.push(lift(day(1), 18, 50.0, &EXERCISES[..16], 4));
                activities.push(lift(day(4), 18, 50.0, &EXERCISES[4..20], 4));
                continue;
            }
            _ => {}
        }
        if random.below(2) == 0 {
            activities.push(run(day(0), 7, 25.0, 4.5));
        }
        let easy = random.between(35.0, 50.0);
        activities.push(run(day(1), 7, easy, easy / 5.5));
        let mut tempo = run(day(3), 7, 45.0, random.between(8.0, 10.0));
        if random.below(3) == 0 {
            tempo.workout_type = Some(WorkoutType::Intervals);
        } else {
            tempo.perceived_effort = Some(random.between(5.0, 8.0).round());
        }
        activities.push(tempo);
        if random.below(3) > 0 {
            let extra = random.between(30.0, 40.0);
            activities.push(run(day(4), 7, extra, extra / 5.8));
        }
        let long = random.between(70.0, 120.0);
        activities.push(run(day(6), 8, long, long / 5.7));
        if random.below(3) > 0 {
            activities.push(run(day(5), 9, 30.0, 5.5));
        }
        // Strength: three sessions of 17 exercises, 4 or 5 sets each (one warm-up), unless busy.
        let sessions = if random.below(6) == 0 { 1 } else { 3 };
        for s in 0..sessions {
            let from = random.below(4) as usize;
            let weekday = [0, 2, 5][s];
            let minutes = random.between(40.0, 60.0);
            let sets_each = 4 + random.below(2) as u32;
            activities.push(lift(
                day(weekday),
                18,
                minutes,
                &EXERCISES[from..from + 17],
                sets_each,
            ));
        }
        if random.below(3) == 0 {
            let mut ride = Activity::new(
                Sport::Other("cycling".into()),
                at(day(5), 14, 0),
                Duration::from_secs(90 * 60),
                SourceRef::file("history/ride.gpx", SourceFormat::Gpx),
            );
            ride.distance_m = Some(40_000.0);
            activities.push(ride);
        }
    }
    activities
}

/// Ten years (522 weeks) from 2016-01-04.
pub fn ten_years() -> Vec<Activity> {
    history(Date::constant(2016, 1, 4), 522, 0x5eed)
}
