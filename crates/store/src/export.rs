//! `runlift store export`: the current state as Parquet, CSV or JSON files in a folder.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars_core::prelude::*;
use serde_json::Value;

use crate::tables::{self, TableReader};
use crate::{Store, StoreError};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The store's own Parquet files, copied (with `meta.json`).
    Parquet,
    /// One CSV file per table, with a header line; instants in RFC 3339 (UTC).
    Csv,
    /// One JSON file per table: an array of objects, one per row, one row per line.
    Json,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Parquet => "parquet",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

const TABLES: [&str; 5] = [
    tables::ACTIVITIES,
    tables::SETS,
    tables::SOURCE_ACTIVITIES,
    tables::SOURCE_SETS,
    tables::IMPORT_LOG,
];

/// A value of a cell, typed enough for CSV and JSON.
enum Cell {
    Null,
    Text(String),
    Integer(i128),
    Float(f64),
    Bool(bool),
    /// A list of names (the entries of a path inside archives).
    List(Vec<String>),
}

fn instant_text(value: i64, unit: TimeUnit) -> String {
    let timestamp = match unit {
        TimeUnit::Milliseconds => jiff::Timestamp::from_millisecond(value),
        TimeUnit::Microseconds => jiff::Timestamp::from_microsecond(value),
        TimeUnit::Nanoseconds => Ok(jiff::Timestamp::from_nanosecond(i128::from(value)).unwrap_or_default()),
    };
    timestamp.map_or_else(|_| value.to_string(), |t| t.to_string())
}

fn cells(reader: &TableReader<'_>, column: &Column) -> Result<Vec<Cell>, StoreError> {
    let unsupported = || reader.damaged(format!("column {:?} has type {}", column.name(), column.dtype()));
    let cells = match column.dtype() {
        DataType::String => column
            .str()
            .map_err(|_| unsupported())?
            .iter()
            .map(|v| v.map_or(Cell::Null, |s| Cell::Text(s.to_owned())))
            .collect(),
        DataType::Float64 => column
            .f64()
            .map_err(|_| unsupported())?
            .iter()
            .map(|v| v.map_or(Cell::Null, Cell::Float))
            .collect(),
        DataType::UInt32 => integers(column.u32().map_err(|_| unsupported())?.iter()),
        DataType::UInt64 => integers(column.u64().map_err(|_| unsupported())?.iter()),
        DataType::Int32 => integers(column.i32().map_err(|_| unsupported())?.iter()),
        DataType::Int64 => integers(column.i64().map_err(|_| unsupported())?.iter()),
        DataType::Boolean => column
            .bool()
            .map_err(|_| unsupported())?
            .iter()
            .map(|v| v.map_or(Cell::Null, Cell::Bool))
            .collect(),
        DataType::List(inner) if **inner == DataType::String => column
            .list()
            .map_err(|_| unsupported())?
            .series_iter()
            .map(|list| match list {
                None => Ok(Cell::Null),
                Some(list) => Ok(Cell::List(
                    list.str()
                        .map_err(|_| unsupported())?
                        .iter()
                        .map(|name| name.unwrap_or_default().to_owned())
                        .collect(),
                )),
            })
            .collect::<Result<_, StoreError>>()?,
        DataType::Datetime(unit, _) => {
            let unit = *unit;
            column
                .datetime()
                .map_err(|_| unsupported())?
                .phys
                .iter()
                .map(|v| v.map_or(Cell::Null, |v| Cell::Text(instant_text(v, unit))))
                .collect()
        }
        _ => return Err(unsupported()),
    };
    Ok(cells)
}

fn integers<N: Into<i128>>(values: impl Iterator<Item = Option<N>>) -> Vec<Cell> {
    values
        .map(|v| v.map_or(Cell::Null, |v| Cell::Integer(v.into())))
        .collect()
}

impl Store {
    /// Writes the current state into the folder `out` (created if needed), one file per
    /// table; returns the files written.
    pub fn export(&self, format: ExportFormat, out: &Path) -> Result<Vec<PathBuf>, StoreError> {
        fs::create_dir_all(out).map_err(StoreError::io("create", out))?;
        self.read_current(|dir, _| {
            let mut written = Vec::new();
            if format == ExportFormat::Parquet {
                for name in TABLES.iter().copied().chain([crate::layout::META]) {
                    let (from, to) = (dir.join(name), out.join(name));
                    fs::copy(&from, &to).map_err(StoreError::io("copy", &from))?;
                    written.push(to);
                }
                return Ok(written);
            }
            for name in TABLES {
                let reader = self.table(dir, name, None)?;
                let stem = name.trim_end_matches(".parquet");
                let path = out.join(format!("{stem}.{}", format.extension()));
                let file = File::create(&path).map_err(StoreError::io("create", &path))?;
                let mut sink = BufWriter::new(file);
                match format {
                    ExportFormat::Csv => write_csv(&reader, &mut sink, &path)?,
                    _ => write_json(&reader, &mut sink).map_err(StoreError::io("write", &path))?,
                }
                sink.flush().map_err(StoreError::io("write", &path))?;
                written.push(path);
            }
            Ok(written)
        })
    }
}

fn columns_of(reader: &TableReader<'_>) -> Result<(Vec<String>, Vec<Vec<Cell>>), StoreError> {
    let frame = reader.frame();
    let names = frame.get_column_names().iter().map(|n| n.to_string()).collect();
    let columns = frame
        .columns()
        .iter()
        .map(|c| cells(reader, c))
        .collect::<Result<_, _>>()?;
    Ok((names, columns))
}

fn write_csv(reader: &TableReader<'_>, sink: &mut impl Write, path: &Path) -> Result<(), StoreError> {
    let (names, columns) = columns_of(reader)?;
    let error = |e: csv::Error| StoreError::Write {
        path: path.to_path_buf(),
        source: e.into(),
    };
    let mut writer = csv::Writer::from_writer(sink);
    writer.write_record(&names).map_err(error)?;
    let mut record = Vec::with_capacity(names.len());
    for row in 0..reader.height() {
        record.clear();
        record.extend(columns.iter().map(|column| match &column[row] {
            Cell::Null => String::new(),
            // Text from the data follows the one rule of runlift's CSV files; numbers are ours.
            Cell::Text(text) => runlift_model::spreadsheet_text(text),
            Cell::Integer(n) => n.to_string(),
            Cell::Float(x) => x.to_string(),
            Cell::Bool(b) => b.to_string(),
            // A list as a JSON array of strings: one cell, and no separator a name could hold.
            Cell::List(names) => {
                runlift_model::spreadsheet_text(&serde_json::to_string(names).unwrap_or_default())
            }
        }));
        writer.write_record(&record).map_err(error)?;
    }
    writer.flush().map_err(|e| error(e.into()))
}

fn write_json(reader: &TableReader<'_>, sink: &mut impl Write) -> std::io::Result<()> {
    let (names, columns) = columns_of(reader).map_err(std::io::Error::other)?;
    sink.write_all(b"[")?;
    for row in 0..reader.height() {
        let object: serde_json::Map<String, Value> = names
            .iter()
            .zip(&columns)
            .map(|(name, column)| {
                let value = match &column[row] {
                    Cell::Null => Value::Null,
                    Cell::Text(text) => Value::String(text.clone()),
                    Cell::Integer(n) => i64::try_from(*n)
                        .map(Value::from)
                        .unwrap_or_else(|_| Value::from(u64::try_from(*n).unwrap_or(u64::MAX))),
                    Cell::Float(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
                    Cell::Bool(b) => Value::Bool(*b),
                    Cell::List(names) => Value::from(names.clone()),
                };
                (name.clone(), value)
            })
            .collect();
        sink.write_all(if row == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *sink, &object)?;
    }
    sink.write_all(b"\n]\n")
}
