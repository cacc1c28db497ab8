//! A small FIT encoder for runlift's tests: it writes FIT files whose every value is known, so
//! that the decoder in runlift-fit can be checked against exact truth.
//!
//! - [`FitWriter`] writes the FIT container: the 14-byte header, definition and data messages
//!   (normal or compressed-timestamp headers, little- or big-endian, with developer fields) and
//!   the file CRC. It can also write the damage real files show: a wrong CRC, a cut-off end.
//! - [`Value`] is one field value with its FIT base type; `None`-like values are written as the
//!   base type's "invalid" marker, as devices do.
//! - [`messages`] writes the messages runlift reads (`file_id`, `session`, `lap`, `record`,
//!   `activity`, `set`, ...) with their profile field numbers.
//! - [`fixtures`] builds the named files of `fixtures/fit/` and the damaged variants the tests
//!   use; each one's truth is written next to it.
//!
//! The CRC here is the plain bitwise CRC-16 of the FIT specification, deliberately unlike the
//! table-driven one of the decoder, so that each checks the other.
//!
//! ```
//! use runlift_fit_testkit::{FitWriter, Value, crc16};
//!
//! let mut writer = FitWriter::new();
//! writer.message(0, 0, &[(0, Value::Enum(4))]); // file_id: type = activity
//! let bytes = writer.finish();
//! assert_eq!(&bytes[8..12], b".FIT");
//! // A definition (6 + 3 bytes) and a data message (1 + 1 bytes) after the 14-byte header.
//! assert_eq!(bytes.len(), 14 + 9 + 2 + 2);
//! // The CRC over everything, its own two bytes included, is zero.
//! assert_eq!(crc16(0, &bytes), 0);
//! ```
#![deny(missing_docs)]

pub mod fixtures;
pub mod messages;

/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
pub const FIT_EPOCH_UNIX: i64 = 631_065_600;

/// FIT time (seconds since 1989-12-31T00:00:00Z) of a Unix time in seconds.
pub fn fit_time(unix_seconds: i64) -> u32 {
    u32::try_from(unix_seconds - FIT_EPOCH_UNIX).expect("a time after 1989-12-31 that fits FIT's u32")
}

/// FIT base type numbers (the byte in a field definition).
pub mod base_type {
    /// An enum, one byte.
    pub const ENUM: u8 = 0x00;
    /// Signed 8-bit integer.
    pub const SINT8: u8 = 0x01;
    /// Unsigned 8-bit integer.
    pub const UINT8: u8 = 0x02;
    /// Signed 16-bit integer.
    pub const SINT16: u8 = 0x83;
    /// Unsigned 16-bit integer.
    pub const UINT16: u8 = 0x84;
    /// Signed 32-bit integer.
    pub const SINT32: u8 = 0x85;
    /// Unsigned 32-bit integer.
    pub const UINT32: u8 = 0x86;
    /// A null-terminated UTF-8 string.
    pub const STRING: u8 = 0x07;
    /// Raw bytes.
    pub const BYTE: u8 = 0x0D;
}

/// One field value, with the base type it is written as.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An enum value (`0xFF` is invalid).
    Enum(u8),
    /// An unsigned byte (`0xFF` is invalid).
    U8(u8),
    /// An unsigned 16-bit value (`0xFFFF` is invalid).
    U16(u16),
    /// An unsigned 32-bit value (`0xFFFF_FFFF` is invalid).
    U32(u32),
    /// A signed 32-bit value (`0x7FFF_FFFF` is invalid).
    S32(i32),
    /// A string in a field of the given size in bytes, zero-padded (and so null-terminated).
    String(String, u8),
    /// An array of unsigned 16-bit values.
    U16Array(Vec<u16>),
    /// Raw bytes, for fields such as `compressed_speed_distance`.
    Bytes(Vec<u8>),
}

impl Value {
    /// The invalid `u8`, as devices write for "not recorded".
    pub const INVALID_U8: Value = Value::U8(0xFF);
    /// The invalid `u16`.
    pub const INVALID_U16: Value = Value::U16(0xFFFF);
    /// The invalid `u32`.
    pub const INVALID_U32: Value = Value::U32(0xFFFF_FFFF);

    /// The FIT base type byte of the value.
    pub fn base_type(&self) -> u8 {
        match self {
            Value::Enum(_) => base_type::ENUM,
            Value::U8(_) => base_type::UINT8,
            Value::U16(_) | Value::U16Array(_) => base_type::UINT16,
            Value::U32(_) => base_type::UINT32,
            Value::S32(_) => base_type::SINT32,
            Value::String(..) => base_type::STRING,
            Value::Bytes(_) => base_type::BYTE,
        }
    }

    /// The size of the field in bytes.
    pub fn size(&self) -> u8 {
        match self {
            Value::Enum(_) | Value::U8(_) => 1,
            Value::U16(_) => 2,
            Value::U32(_) | Value::S32(_) => 4,
            Value::String(_, size) => *size,
            Value::U16Array(values) => u8::try_from(values.len() * 2).expect("a short array"),
            Value::Bytes(bytes) => u8::try_from(bytes.len()).expect("a short byte field"),
        }
    }

    fn write(&self, out: &mut Vec<u8>, big_endian: bool) {
        fn put<const N: usize>(out: &mut Vec<u8>, le: [u8; N], be: [u8; N], big_endian: bool) {
            out.extend_from_slice(if big_endian { &be } else { &le });
        }
        match self {
            Value::Enum(v) | Value::U8(v) => out.push(*v),
            Value::U16(v) => put(out, v.to_le_bytes(), v.to_be_bytes(), big_endian),
            Value::U32(v) => put(out, v.to_le_bytes(), v.to_be_bytes(), big_endian),
            Value::S32(v) => put(out, v.to_le_bytes(), v.to_be_bytes(), big_endian),
            Value::String(text, size) => {
                let size = usize::from(*size);
                assert!(
                    text.len() < size,
                    "{text:?} does not fit a {size}-byte string field"
                );
                out.extend_from_slice(text.as_bytes());
                out.resize(out.len() + size - text.len(), 0);
            }
            Value::U16Array(values) => {
                for v in values {
                    put(out, v.to_le_bytes(), v.to_be_bytes(), big_endian);
                }
            }
            Value::Bytes(bytes) => out.extend_from_slice(bytes),
        }
    }
}

/// A developer field in a data message: field number, developer data index and raw bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct DeveloperField {
    /// The developer field number.
    pub number: u8,
    /// The developer data index it belongs to.
    pub developer_index: u8,
    /// The raw bytes of the value.
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
struct Definition {
    global: u16,
    fields: Vec<(u8, u8, u8)>,
    developer_fields: Vec<(u8, u8, u8)>,
    big_endian: bool,
}

/// Writes a FIT file message by message; [`FitWriter::finish`] adds the header and the CRC.
///
/// A definition message is written whenever a local message type is used with a layout other
/// than the one it was last defined with, as real devices do.
#[derive(Debug, Clone)]
pub struct FitWriter {
    data: Vec<u8>,
    big_endian: bool,
    definitions: [Option<Definition>; 16],
    messages: usize,
}

impl Default for FitWriter {
    fn default() -> Self {
        FitWriter::new()
    }
}

impl FitWriter {
    /// A writer of little-endian messages (what nearly every device writes).
    pub fn new() -> FitWriter {
        FitWriter {
            data: Vec::new(),
            big_endian: false,
            definitions: Default::default(),
            messages: 0,
        }
    }

    /// A writer whose messages are big-endian (architecture 1), as some older devices write.
    pub fn big_endian() -> FitWriter {
        FitWriter {
            big_endian: true,
            ..FitWriter::new()
        }
    }

    /// The data written so far (without header and CRC).
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The number of messages (definitions and data) written so far.
    pub fn message_count(&self) -> usize {
        self.messages
    }

    /// Writes a data message of global message number `global` with a normal header on local
    /// message type `local` (0-15), preceded by its definition when needed.
    pub fn message(&mut self, local: u8, global: u16, fields: &[(u8, Value)]) -> &mut Self {
        self.message_with_developer_fields(local, global, fields, &[])
    }

    /// As [`FitWriter::message`], with developer fields after the profile fields. No
    /// `developer_data_id` or `field_description` is written for them: that is the caller's
    /// choice (real files sometimes lack them).
    pub fn message_with_developer_fields(
        &mut self,
        local: u8,
        global: u16,
        fields: &[(u8, Value)],
        developer_fields: &[DeveloperField],
    ) -> &mut Self {
        assert!(local < 16, "local message types are 0-15");
        self.define(local, global, fields, developer_fields);
        self.data.push(local);
        self.write_values(fields, developer_fields);
        self
    }

    /// Writes a data message with a compressed-timestamp header: local type `local` (0-3) and
    /// the low five bits of its time, `time_offset` (0-31). The message's own fields must not
    /// include a timestamp; the decoder infers it from the last full timestamp.
    pub fn compressed(
        &mut self,
        local: u8,
        time_offset: u8,
        global: u16,
        fields: &[(u8, Value)],
    ) -> &mut Self {
        assert!(local < 4, "compressed headers carry local message types 0-3");
        assert!(time_offset < 32, "the time offset has five bits");
        self.define(local, global, fields, &[]);
        self.data.push(0x80 | (local << 5) | time_offset);
        self.write_values(fields, &[]);
        self
    }

    /// Appends raw bytes to the data, for damage no well-formed message can express.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.data.extend_from_slice(bytes);
        self
    }

    /// The complete file: 14-byte header (protocol 2.0, profile 21.40, header CRC), the data
    /// and the file CRC.
    pub fn finish(&self) -> Vec<u8> {
        let mut file = header(self.data.len());
        file.extend_from_slice(&self.data);
        let crc = crc16(0, &file);
        file.extend_from_slice(&crc.to_le_bytes());
        file
    }

    /// The complete file with its last two bytes (the file CRC) changed, as a bit flip in
    /// transfer leaves it.
    pub fn finish_with_wrong_crc(&self) -> Vec<u8> {
        let mut file = self.finish();
        let n = file.len();
        file[n - 2] ^= 0x5A;
        file
    }

    fn define(
        &mut self,
        local: u8,
        global: u16,
        fields: &[(u8, Value)],
        developer_fields: &[DeveloperField],
    ) {
        let definition = Definition {
            global,
            fields: fields
                .iter()
                .map(|(n, v)| (*n, v.size(), v.base_type()))
                .collect(),
            developer_fields: developer_fields
                .iter()
                .map(|d| {
                    (
                        d.number,
                        u8::try_from(d.bytes.len()).expect("short"),
                        d.developer_index,
                    )
                })
                .collect(),
            big_endian: self.big_endian,
        };
        if self.definitions[usize::from(local)].as_ref() == Some(&definition) {
            return;
        }
        let has_developer_fields = !definition.developer_fields.is_empty();
        self.data
            .push(0x40 | if has_developer_fields { 0x20 } else { 0 } | local);
        self.data.push(0); // reserved
        self.data.push(u8::from(self.big_endian));
        if self.big_endian {
            self.data.extend_from_slice(&global.to_be_bytes());
        } else {
            self.data.extend_from_slice(&global.to_le_bytes());
        }
        self.data
            .push(u8::try_from(definition.fields.len()).expect("at most 255 fields"));
        for &(number, size, base) in &definition.fields {
            self.data.extend_from_slice(&[number, size, base]);
        }
        if has_developer_fields {
            self.data
                .push(u8::try_from(definition.developer_fields.len()).expect("at most 255 fields"));
            for &(number, size, index) in &definition.developer_fields {
                self.data.extend_from_slice(&[number, size, index]);
            }
        }
        self.messages += 1;
        self.definitions[usize::from(local)] = Some(definition);
    }

    fn write_values(&mut self, fields: &[(u8, Value)], developer_fields: &[DeveloperField]) {
        for (_, value) in fields {
            value.write(&mut self.data, self.big_endian);
        }
        for field in developer_fields {
            self.data.extend_from_slice(&field.bytes);
        }
        self.messages += 1;
    }
}

/// The 14-byte FIT header for `data_size` bytes of messages.
pub fn header(data_size: usize) -> Vec<u8> {
    let mut header = vec![14, 0x20];
    header.extend_from_slice(&2140u16.to_le_bytes());
    header.extend_from_slice(&u32::try_from(data_size).expect("under 4 GB").to_le_bytes());
    header.extend_from_slice(b".FIT");
    let crc = crc16(0, &header);
    header.extend_from_slice(&crc.to_le_bytes());
    header
}

/// The FIT CRC-16 (polynomial 0x8005, reflected, initial value `crc`) of `bytes`, one bit at a
/// time as the specification describes it.
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    for &byte in bytes {
        crc ^= u16::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string_is_the_crc16_arc_check_value() {
        assert_eq!(crc16(0, b"123456789"), 0xBB3D);
    }

    #[test]
    fn header_declares_the_data_size_and_carries_its_crc() {
        let header = header(1000);
        assert_eq!(header.len(), 14);
        assert_eq!(
            u32::from_le_bytes([header[4], header[5], header[6], header[7]]),
            1000
        );
        assert_eq!(crc16(0, &header), 0);
    }

    #[test]
    fn a_layout_is_defined_once_and_redefined_when_it_changes() {
        let mut writer = FitWriter::new();
        writer.message(0, 20, &[(3, Value::U8(120))]);
        writer.message(0, 20, &[(3, Value::U8(121))]);
        assert_eq!(writer.message_count(), 3);
        writer.message(0, 20, &[(3, Value::U8(122)), (4, Value::U8(80))]);
        assert_eq!(writer.message_count(), 5);
    }

    #[test]
    fn big_endian_messages_write_the_global_number_and_values_big_endian() {
        let mut writer = FitWriter::big_endian();
        writer.message(1, 0x0114, &[(0, Value::U16(0x0102))]);
        assert_eq!(
            writer.data(),
            &[0x41, 0, 1, 0x01, 0x14, 1, 0, 2, 0x84, 0x01, 0x01, 0x02]
        );
    }
}
