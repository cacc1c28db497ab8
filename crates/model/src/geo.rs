//! Distances on the Earth.

/// The mean Earth radius in metres (IUGG), used by [`haversine_m`].
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The great-circle distance in metres between two `(latitude, longitude)` points given in
/// degrees, on a sphere of radius [`EARTH_RADIUS_M`].
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let sin_dlat = ((lat2 - lat1) / 2.0).sin();
    let sin_dlon = ((lon2 - lon1) / 2.0).sin();
    let h = sin_dlat * sin_dlat + lat1.cos() * lat2.cos() * sin_dlon * sin_dlon;
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_along_a_meridian_is_radius_times_angle() {
        let d = haversine_m((45.0, 7.0), (45.01, 7.0));
        let expected = EARTH_RADIUS_M * 0.01_f64.to_radians();
        assert!((d - expected).abs() / expected < 1e-9, "{d} vs {expected}");
    }

    #[test]
    fn distance_along_the_equator_and_antipodes() {
        let d = haversine_m((0.0, 10.0), (0.0, 11.0));
        assert!((d - EARTH_RADIUS_M * 1f64.to_radians()).abs() < 1e-6);
        let half = haversine_m((0.0, 0.0), (0.0, 180.0));
        assert!((half - EARTH_RADIUS_M * std::f64::consts::PI).abs() < 1e-6);
        assert_eq!(haversine_m((12.5, -3.25), (12.5, -3.25)), 0.0);
    }
}
