//! The units exports write loads and distances in, and their conversion to kilograms and
//! metres.

use csv::ByteRecord;
use runlift_model::ParseErrorKind;

use crate::WeightUnit;
use crate::table::text;
use crate::value;

const POUND_KG: f64 = 0.453_592_37;

/// A unit of load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mass {
    Kilogram,
    Pound,
}

impl Mass {
    /// The unit of the user's weights.
    pub(crate) fn of(unit: WeightUnit) -> Mass {
        match unit {
            WeightUnit::Kilograms => Mass::Kilogram,
            WeightUnit::Pounds => Mass::Pound,
        }
    }

    /// `value` in this unit, in kilograms.
    pub(crate) fn kilograms(self, value: f64) -> f64 {
        match self {
            Mass::Kilogram => value,
            Mass::Pound => value * POUND_KG,
        }
    }
}

/// A unit of distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    Metre,
    Kilometre,
    Mile,
    Foot,
    Yard,
}

impl Length {
    /// The unit of long distances (runs, rides) in the unit system of the user's weights:
    /// kilometres for kilograms, miles for pounds.
    pub(crate) fn long_of(unit: WeightUnit) -> Length {
        match unit {
            WeightUnit::Kilograms => Length::Kilometre,
            WeightUnit::Pounds => Length::Mile,
        }
    }

    /// The unit of short distances (pool lengths, climbs) in the unit system of the user's
    /// weights: metres for kilograms, yards for pounds.
    pub(crate) fn short_of(unit: WeightUnit) -> Length {
        match unit {
            WeightUnit::Kilograms => Length::Metre,
            WeightUnit::Pounds => Length::Yard,
        }
    }

    /// The unit of heights (total climb) in the unit system of the user's weights: metres for
    /// kilograms, feet for pounds.
    pub(crate) fn height_of(unit: WeightUnit) -> Length {
        match unit {
            WeightUnit::Kilograms => Length::Metre,
            WeightUnit::Pounds => Length::Foot,
        }
    }

    /// `value` in this unit, in metres.
    pub(crate) fn metres(self, value: f64) -> f64 {
        value
            * match self {
                Length::Metre => 1.0,
                Length::Kilometre => 1000.0,
                Length::Mile => 1609.344,
                Length::Foot => 0.3048,
                Length::Yard => 0.9144,
            }
    }
}

/// A unit name as written, trimmed and without the abbreviation dot some app versions add
/// (Strong's 2019 exports write `mi.`; `km.`, `kgs.` and `lbs.` are taken alike); compared
/// ignoring ASCII case by [`is_one_of`].
fn unit_name(raw: &str) -> &str {
    let name = raw.trim();
    match name.strip_suffix('.') {
        Some(stem) if !stem.is_empty() => stem,
        _ => name,
    }
}

/// Whether `name` is one of `names`, ignoring ASCII case.
fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The unit a weight-unit field names (`kg`, `kgs`, `lb`, `lbs`, with or without a final
/// dot); `None` when blank.
pub(crate) fn mass(column: &str, raw: &str) -> Result<Option<Mass>, ParseErrorKind> {
    let name = unit_name(raw);
    if name.is_empty() {
        Ok(None)
    } else if is_one_of(name, &["kg", "kgs"]) {
        Ok(Some(Mass::Kilogram))
    } else if is_one_of(name, &["lb", "lbs"]) {
        Ok(Some(Mass::Pound))
    } else {
        Err(ParseErrorKind::invalid_value(column, raw, "kg or lbs"))
    }
}

/// The unit a distance-unit field names (`km`, `mi`, `m`, `ft`, `yd`, ..., with or without a
/// final dot); `None` when blank.
pub(crate) fn length(column: &str, raw: &str) -> Result<Option<Length>, ParseErrorKind> {
    let name = unit_name(raw);
    let units: [(&[&str], Length); 5] = [
        (&["km", "kms"], Length::Kilometre),
        (&["mi", "mile", "miles"], Length::Mile),
        (&["m", "meter", "meters", "metre", "metres"], Length::Metre),
        (&["ft", "feet"], Length::Foot),
        (&["yd", "yds", "yard", "yards"], Length::Yard),
    ];
    if name.is_empty() {
        return Ok(None);
    }
    units
        .iter()
        .find(|(names, _)| is_one_of(name, names))
        .map(|&(_, unit)| Some(unit))
        .ok_or_else(|| ParseErrorKind::invalid_value(column, raw, "km, mi, m, ft or yd"))
}

/// A load field in kilograms; `None` when blank or zero. See [`measure`] for its unit.
pub(crate) fn weight_kg(
    record: &ByteRecord,
    column: (usize, &str, Option<Mass>),
    unit_column: Option<(usize, &str)>,
    default: Mass,
) -> Result<Option<f64>, ParseErrorKind> {
    measure(record, column, unit_column, default, mass, Mass::kilograms)
}

/// A distance field in metres; `None` when blank or zero. See [`measure`] for its unit.
pub(crate) fn distance_m(
    record: &ByteRecord,
    column: (usize, &str, Option<Length>),
    unit_column: Option<(usize, &str)>,
    default: Length,
) -> Result<Option<f64>, ParseErrorKind> {
    measure(record, column, unit_column, default, length, Length::metres)
}

/// The field `index` of `record`, of the column `name`, converted by `convert`; `None` when
/// blank or zero. Its unit is the one the column's name says (`unit`), else the one in the
/// row's unit column, else `default`. The unit field is read only when there is a value to
/// convert (apps fill it on every row, timed and cardio sets alike, so a unit beside an empty
/// or zero value says nothing and must not cost the row); then it is read even when the name
/// says the unit, so that a bad one leaves the row out whichever way the file is written.
fn measure<U: Copy>(
    record: &ByteRecord,
    (index, name, unit): (usize, &str, Option<U>),
    unit_column: Option<(usize, &str)>,
    default: U,
    parse_unit: fn(&str, &str) -> Result<Option<U>, ParseErrorKind>,
    convert: fn(U, f64) -> f64,
) -> Result<Option<f64>, ParseErrorKind> {
    let Some(value) = value::non_negative(name, &text(record, index))?.filter(|&v| v > 0.0) else {
        return Ok(None);
    };
    let row_unit = match unit_column {
        Some((unit_index, unit_name)) => parse_unit(unit_name, &text(record, unit_index))?,
        None => None,
    };
    Ok(Some(convert(unit.or(row_unit).unwrap_or(default), value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_to_kilograms_and_metres() {
        assert_eq!(Mass::Pound.kilograms(100.0), 45.359237);
        assert_eq!(Mass::Kilogram.kilograms(72.5), 72.5);
        assert_eq!(Length::Mile.metres(0.25), 402.336);
        assert_eq!(Length::Yard.metres(100.0), 91.44);
        assert_eq!(Length::Foot.metres(10.0), 3.048);
        assert_eq!(Length::Kilometre.metres(5.61), 5610.0);
    }

    #[test]
    fn unit_names_in_the_forms_apps_write() {
        assert_eq!(mass("Weight Unit", " lbs "), Ok(Some(Mass::Pound)));
        assert_eq!(mass("Weight Unit", "kgs"), Ok(Some(Mass::Kilogram)));
        assert_eq!(mass("Weight Unit", ""), Ok(None));
        assert!(mass("Weight Unit", "stone").is_err());
        assert_eq!(length("Distance Unit", "Miles"), Ok(Some(Length::Mile)));
        assert_eq!(length("Distance Unit", "m"), Ok(Some(Length::Metre)));
        assert!(length("Distance Unit", "parsec").is_err());
        // Strong 2019 writes the abbreviation with a dot.
        assert_eq!(length("Distance Unit", "mi."), Ok(Some(Length::Mile)));
        assert_eq!(length("Distance Unit", "km."), Ok(Some(Length::Kilometre)));
        assert_eq!(mass("Weight Unit", "lbs."), Ok(Some(Mass::Pound)));
        assert!(length("Distance Unit", "mi..").is_err());
        assert!(length("Distance Unit", ".").is_err());
    }
}
