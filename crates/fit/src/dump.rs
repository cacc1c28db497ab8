//! A full, human-readable dump of every message of a FIT file, for `runlift inspect
//! --all-messages`. It uses fitparser, which decodes every field of every message by the FIT
//! profile: slow, and meant for one file at a time, not for imports.

use std::fmt::Write;

use fitparser::de::{FitObject, FitStreamProcessor};
use fitparser::{FitDataRecord, Value};
use runlift_model::{ParseError, ParseErrorKind, Position, SourceRef, Timestamp};

/// Every message of `bytes`, one per line: its number, kind and fields with units; times in
/// UTC. Stops at damage with a last line saying where fitparser could not go on.
pub(crate) fn dump(bytes: &[u8], source: &SourceRef) -> Result<String, ParseError> {
    let mut processor = FitStreamProcessor::new();
    let mut out = String::new();
    let mut rest = bytes;
    let mut index = 0u64;
    let mut files = 0u64;
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        let next = processor
            .deserialize_next(rest)
            .and_then(|(rest, object)| match object {
                FitObject::DataMessage(message) => processor.decode_message(message).map(|r| (rest, Some(r))),
                FitObject::Crc(_) => {
                    processor.reset();
                    Ok((rest, None))
                }
                FitObject::Header(_) => {
                    files += 1;
                    if files > 1 {
                        let _ = writeln!(out, "-- FIT file {files} of the chain, at byte {offset}");
                    }
                    Ok((rest, None))
                }
                FitObject::DefinitionMessage(_) => Ok((rest, None)),
            });
        match next {
            Ok((remaining, record)) => {
                if let Some(record) = record {
                    write_record(&mut out, index, &record);
                    index += 1;
                }
                rest = remaining;
            }
            Err(error) if index == 0 => {
                return Err(ParseError::new(
                    source,
                    Some(Position::Byte(offset as u64)),
                    ParseErrorKind::Syntax(format!("fitparser cannot read the file: {error}")),
                ));
            }
            Err(error) => {
                let _ = writeln!(out, "!! stopped near byte {offset}: {error}");
                break;
            }
        }
    }
    Ok(out)
}

fn write_record(out: &mut String, index: u64, record: &FitDataRecord) {
    let _ = write!(out, "{index} {}:", record.kind());
    for field in record.fields() {
        // Developer fields name themselves and their units: a line break in either must not
        // start a line of the dump.
        let _ = write!(out, " {}=", field.name().escape_debug());
        write_value(out, field.value());
        if !field.units().is_empty() {
            let _ = write!(out, " {}", field.units().escape_debug());
        }
        out.push(';');
    }
    if out.ends_with(';') {
        out.pop();
    }
    out.push('\n');
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        // fitparser gives times in the machine's time zone; the dump must not depend on it.
        Value::Timestamp(time) => match Timestamp::from_second(time.timestamp()) {
            Ok(time) => {
                let _ = write!(out, "{time}");
            }
            Err(_) => {
                let _ = write!(out, "{}", time.timestamp());
            }
        },
        Value::Array(values) => {
            out.push('[');
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, value);
            }
            out.push(']');
        }
        Value::String(text) => {
            let _ = write!(out, "{text:?}");
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}
