//! A GPX track's figures folded point by point, so that a track can be turned into an
//! activity without its points being kept: [`parse_gpx`](crate::parse_gpx) reads a track of
//! a million points in the memory of its cadences alone. [`GpxTrack`]'s own figures are this
//! fold over its points, so both ways give the same numbers to the bit.

use std::time::Duration;

use jiff::Timestamp;

use crate::geo::Fix;
use crate::gpx::{GpxTrack, MOVING_KMH, SpeedProfile, TrackPoint, median};
use crate::reading::duration_from_nanos;

/// The figures of one track, from its points in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct TrackSummary {
    pub(crate) point_count: usize,
    /// The first and last points that have a time.
    pub(crate) first_timed: Option<TrackPoint>,
    pub(crate) last_timed: Option<TrackPoint>,
    length_m: f64,
    moving_ns: i128,
    any_elevation: bool,
    gain_m: f64,
    heart_rate_sum: f64,
    heart_rate_count: usize,
    /// The cadences above zero.
    cadences: Vec<f64>,
    /// The speeds of the moving stretches (see [`SpeedProfile`]).
    speeds: Vec<f64>,
    segment: SegmentState,
}

/// What the fold carries from one point to the next within a segment.
#[derive(Debug, Clone, Copy, Default)]
struct SegmentState {
    previous: Option<Fix>,
    /// The last timed point's time, and the path since it.
    anchor: Option<Timestamp>,
    path_m: f64,
    /// The reference elevation of the gain's hysteresis.
    reference_m: Option<f64>,
    /// Where the current stretch of the speed profile began, and its path so far.
    stretch: Option<(Timestamp, f64)>,
}

impl TrackSummary {
    /// The figures of `track`'s points.
    pub(crate) fn of(track: &GpxTrack) -> TrackSummary {
        let mut summary = TrackSummary::default();
        for segment in &track.segments {
            summary.start_segment();
            for point in segment {
                summary.add(point);
            }
        }
        summary
    }

    /// A new `<trkseg>`: no distance or time is counted across the gap.
    pub(crate) fn start_segment(&mut self) {
        self.segment = SegmentState::default();
    }

    pub(crate) fn add(&mut self, point: &TrackPoint) {
        self.point_count += 1;
        let state = &mut self.segment;
        let position = Fix::new((point.lat, point.lon));
        let step_m = state.previous.map(|previous| previous.distance_m(&position));
        if let Some(step_m) = step_m {
            self.length_m += step_m;
            state.path_m += step_m;
        }
        state.previous = Some(position);
        if let Some((_, path)) = state.stretch.as_mut() {
            *path += step_m.unwrap_or(0.0);
        }
        if let Some(ele) = point.ele {
            self.any_elevation = true;
            match state.reference_m {
                None => state.reference_m = Some(ele),
                Some(r) if ele >= r + crate::reading::ELEVATION_HYSTERESIS_M => {
                    self.gain_m += ele - r;
                    state.reference_m = Some(ele);
                }
                Some(r) if ele <= r - crate::reading::ELEVATION_HYSTERESIS_M => state.reference_m = Some(ele),
                Some(_) => {}
            }
        }
        if let Some(hr) = point.heart_rate.filter(|&hr| hr > 0.0) {
            self.heart_rate_sum += hr;
            self.heart_rate_count += 1;
        }
        if let Some(cadence) = point.cadence.filter(|&c| c > 0.0) {
            self.cadences.push(cadence);
        }
        let Some(time) = point.time else { return };
        if self.first_timed.is_none() {
            self.first_timed = Some(*point);
        }
        self.last_timed = Some(*point);
        if let Some(anchor) = state.anchor {
            let nanos = time.duration_since(anchor).as_nanos();
            // speed in km/h = path_m * 3.6 / seconds.
            if nanos > 0 && state.path_m * 3.6e9 >= MOVING_KMH * nanos as f64 {
                self.moving_ns += nanos;
            }
        }
        state.anchor = Some(time);
        state.path_m = 0.0;
        match state.stretch {
            None => state.stretch = Some((time, 0.0)),
            Some((since, path)) => {
                let seconds = time.duration_since(since).as_secs_f64();
                if seconds >= SpeedProfile::STRETCH_S {
                    let speed = path / seconds;
                    if speed >= 0.5 {
                        self.speeds.push(speed);
                    }
                    state.stretch = Some((time, 0.0));
                } else if seconds < 0.0 {
                    // Time going backwards: start the stretch again here.
                    state.stretch = Some((time, 0.0));
                }
            }
        }
    }

    /// The length in metres and the moving time (see [`GpxTrack::length_2d_m`] and
    /// [`GpxTrack::moving_time`]).
    pub(crate) fn length_and_moving_time(&self) -> (f64, Duration) {
        (self.length_m, duration_from_nanos(self.moving_ns))
    }

    pub(crate) fn elevation_gain_m(&self) -> Option<f64> {
        self.any_elevation.then_some(self.gain_m)
    }

    pub(crate) fn avg_heart_rate(&self) -> Option<f64> {
        (self.heart_rate_count > 0).then(|| self.heart_rate_sum / self.heart_rate_count as f64)
    }

    pub(crate) fn median_cadence(&self) -> Option<f64> {
        median(&mut self.cadences.clone())
    }

    pub(crate) fn speed_profile(&self) -> Option<SpeedProfile> {
        SpeedProfile::from_speeds(self.speeds.clone())
    }

    /// Whether the track is a recording (see [`GpxTrack::is_recording`]).
    pub(crate) fn is_recording(&self) -> bool {
        match (&self.first_timed, &self.last_timed) {
            (Some(first), Some(last)) => first.time != last.time,
            _ => false,
        }
    }
}
