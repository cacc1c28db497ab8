//! Reading single fields of a JSON record, each failure naming the field's JSON path and the
//! value found.

use std::time::Duration;

use jiff::SignedDuration;
use runlift_model::{ParseError, ParseErrorKind, SourceRef};
use serde_json::Value;

/// The most warnings listed for one file; past it, problems are counted in one last warning
/// (an export of ten thousand activities with a broken field would otherwise make ten
/// thousand messages).
pub(crate) const MAX_WARNINGS: usize = 1_000;

/// The records a reader left out, as warnings.
#[derive(Default)]
pub(crate) struct Warnings {
    listed: Vec<ParseError>,
    unlisted: usize,
}

impl Warnings {
    /// A record left out for `kind`.
    pub(crate) fn push(&mut self, source: &SourceRef, kind: ParseErrorKind) {
        if self.listed.len() < MAX_WARNINGS {
            self.listed.push(ParseError::new(source, None, kind));
        } else {
            self.unlisted += 1;
        }
    }

    /// The warnings, ending with one that counts those not listed.
    pub(crate) fn into_vec(self, source: &SourceRef) -> Vec<ParseError> {
        let mut warnings = self.listed;
        if self.unlisted > 0 {
            warnings.push(ParseError::new(
                source,
                None,
                ParseErrorKind::Syntax(format!(
                    "{} more records were left out and are not listed: runlift lists the first {MAX_WARNINGS} of a file",
                    self.unlisted
                )),
            ));
        }
        warnings
    }
}

/// A short text of `value` for a message: strings as they are, anything else as JSON, cut
/// to 80 characters.
pub(crate) fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    text.chars().take(80).collect()
}

/// The field `key` of `record`; `None` when absent or `null`.
pub(crate) fn field<'v>(record: &'v Value, key: &str) -> Option<&'v Value> {
    record.get(key).filter(|v| !v.is_null())
}

/// The number in field `key` of `record` at `path`; `None` when absent or `null`. Anything
/// else than a finite number is an error naming the field.
pub(crate) fn number(record: &Value, path: &str, key: &str) -> Result<Option<f64>, ParseErrorKind> {
    let Some(value) = field(record, key) else {
        return Ok(None);
    };
    match value.as_f64() {
        Some(number) if number.is_finite() => Ok(Some(number)),
        _ => Err(ParseErrorKind::invalid_value(
            format!("{path}.{key}"),
            &shown(value),
            "a number",
        )),
    }
}

/// A number of 0 or more in field `key`; `None` when absent or `null`.
pub(crate) fn non_negative(record: &Value, path: &str, key: &str) -> Result<Option<f64>, ParseErrorKind> {
    match number(record, path, key)? {
        Some(number) if number < 0.0 => Err(ParseErrorKind::invalid_value(
            format!("{path}.{key}"),
            &number.to_string(),
            "a number of 0 or more",
        )),
        number => Ok(number),
    }
}

/// The text in field `key`, trimmed; `None` when absent, `null`, empty or not text.
pub(crate) fn text(record: &Value, key: &str) -> Option<String> {
    field(record, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// A length of time of `milliseconds`, for the field `name`.
pub(crate) fn millis(name: &str, milliseconds: f64) -> Result<Duration, ParseErrorKind> {
    Duration::try_from_secs_f64(milliseconds / 1000.0).map_err(|_| {
        ParseErrorKind::invalid_value(name, &milliseconds.to_string(), "a number of milliseconds")
    })
}

/// An ISO 8601 duration (`PT1H2M3.5S`, `PT3600S`) in field `key`; `None` when absent.
pub(crate) fn iso_duration(
    record: &Value,
    path: &str,
    key: &str,
) -> Result<Option<Duration>, ParseErrorKind> {
    let Some(value) = field(record, key) else {
        return Ok(None);
    };
    let invalid = || {
        ParseErrorKind::invalid_value(
            format!("{path}.{key}"),
            &shown(value),
            "a duration such as PT1H2M3.5S",
        )
    };
    let text = value.as_str().ok_or_else(invalid)?;
    let signed: SignedDuration = text.trim().parse().map_err(|_| invalid())?;
    Duration::try_from(signed).map(Some).map_err(|_| invalid())
}
