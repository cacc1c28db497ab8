//! Hand-made histories for the plan's tests, and a plan in one line per day.

#![allow(dead_code)]

use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use runlift_model::{Activity, RunKind, SourceFormat, SourceRef, Sport, StrengthSet, Timestamp};
use runlift_plan::{Plan, SessionKind};

/// The Monday of week `n`; week 0 is 2026-W02.
pub fn monday(n: i64) -> Date {
    Date::constant(2026, 1, 5).checked_add((7 * n).days()).unwrap()
}

pub fn day_of(week: i64, weekday: i64) -> Date {
    monday(week).checked_add(weekday.days()).unwrap()
}

pub fn at(day: Date, hour: i8) -> Timestamp {
    TimeZone::UTC.to_timestamp(day.at(hour, 0, 0, 0)).unwrap()
}

/// The end of the Sunday of week `n`: a plan of the week after it.
pub fn end_of_week(n: i64) -> Timestamp {
    at(monday(n + 1), 0)
}

#[derive(Default, Clone)]
pub struct Athlete(pub Vec<Activity>);

impl Athlete {
    pub fn add(&mut self, sport: Sport, start: Timestamp, minutes: f64) -> &mut Activity {
        let format = match sport {
            Sport::StrengthTraining => SourceFormat::StrongCsv,
            _ => SourceFormat::Gpx,
        };
        let activity = Activity::new(
            sport,
            start,
            Duration::from_secs_f64(minutes * 60.0),
            SourceRef::file("scenario", format),
        );
        self.0.push(activity);
        self.0.last_mut().unwrap()
    }

    pub fn run(&mut self, day: Date, hour: i8, minutes: f64, km: f64) -> &mut Activity {
        let run = self.add(Sport::Running(RunKind::Road), at(day, hour), minutes);
        run.distance_m = Some(km * 1000.0);
        run
    }

    pub fn hard_run(&mut self, day: Date, hour: i8, minutes: f64, km: f64) -> &mut Activity {
        let run = self.run(day, hour, minutes, km);
        run.perceived_effort = Some(8.0);
        run
    }

    /// A strength session: `count` working sets of 5 reps at 60 kg of each exercise.
    pub fn lift(&mut self, day: Date, hour: i8, minutes: f64, exercises: &[(&str, u32)]) -> &mut Activity {
        let session = self.add(Sport::StrengthTraining, at(day, hour), minutes);
        for &(name, count) in exercises {
            for _ in 0..count {
                let mut set = StrengthSet::new(name);
                set.reps = Some(5);
                set.weight_kg = Some(60.0);
                session.sets.push(set);
            }
        }
        session
    }
}

/// A plan in one line per day: `Tue easy 8.0 km 48'`, `Mon strength core L2 C6 U2`, `Fri rest`.
pub fn summary(plan: &Plan) -> Vec<String> {
    plan.days
        .iter()
        .map(|day| {
            let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                [day.date.weekday().to_monday_zero_offset() as usize];
            let sessions: Vec<String> = day
                .sessions
                .iter()
                .map(|s| match &s.kind {
                    SessionKind::Run {
                        run,
                        distance_m,
                        minutes,
                    } => format!(
                        "{} {:.1} km {minutes}'{}",
                        run.name(),
                        distance_m.unwrap_or(0.0) / 1000.0,
                        if s.fixed { " fixed" } else { "" }
                    ),
                    SessionKind::Strength { focus, sets, .. } => format!(
                        "strength {} L{} C{} U{}",
                        focus.name(),
                        sets.lower_body,
                        sets.core,
                        sets.upper_body
                    ),
                    SessionKind::Rest => "rest".to_owned(),
                })
                .collect();
            format!("{weekday} {}", sessions.join(" + "))
        })
        .collect()
}
