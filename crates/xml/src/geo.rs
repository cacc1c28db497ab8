//! Distances on the Earth: the model's, shared with the FIT reader, and the same formula
//! along a track, where each point's cosine is taken once.

pub use runlift_model::geo::{EARTH_RADIUS_M, haversine_m};

/// A position in radians with the cosine of its latitude. [`haversine_m`] takes the cosine
/// of both ends of a step, and along a track each point ends one step and starts the next:
/// keeping it saves a cosine per point (the trigonometry is a tenth of reading a GPX file).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fix {
    lat: f64,
    lon: f64,
    cos_lat: f64,
}

impl Fix {
    /// The position `(latitude, longitude)` in degrees.
    pub(crate) fn new(position: (f64, f64)) -> Fix {
        let lat = position.0.to_radians();
        Fix {
            lat,
            lon: position.1.to_radians(),
            cos_lat: lat.cos(),
        }
    }

    /// The distance in metres to `to`: [`haversine_m`] of the two positions, to the bit (the
    /// same operations in the same order).
    pub(crate) fn distance_m(&self, to: &Fix) -> f64 {
        let sin_dlat = ((to.lat - self.lat) / 2.0).sin();
        let sin_dlon = ((to.lon - self.lon) / 2.0).sin();
        let h = sin_dlat * sin_dlat + self.cos_lat * to.cos_lat * sin_dlon * sin_dlon;
        2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_between_fixes_is_the_models_haversine_to_the_bit() {
        let mut positions = vec![
            (0.0, 0.0),
            (0.0, 180.0),
            (90.0, 0.0),
            (-90.0, 45.0),
            (52.0, 13.405),
            (52.00002, 13.405),
            (-33.8688, 151.2093),
            (40.7128, -74.006),
            (0.0, -180.0),
        ];
        // A walk of small, uneven steps, as a track has.
        let (mut lat, mut lon) = (47.3769_f64, 8.5417_f64);
        for i in 0..500 {
            lat += f64::from(i % 7) * 1.3e-5 - 3.1e-5;
            lon += f64::from(i % 5) * 2.1e-5 - 2.9e-5;
            positions.push((lat, lon));
        }
        let mut compared = 0;
        for a in &positions {
            for b in &positions {
                let expected = haversine_m(*a, *b);
                let found = Fix::new(*a).distance_m(&Fix::new(*b));
                assert_eq!(found.to_bits(), expected.to_bits(), "{a:?} to {b:?}");
                compared += 1;
            }
        }
        assert_eq!(compared, 509 * 509);
    }
}
