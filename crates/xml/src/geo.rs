//! Distances on the Earth: the model's, shared with the FIT reader.

pub use runlift_model::geo::{EARTH_RADIUS_M, haversine_m};
