//! The walk through the FIT container: headers, definition and data messages, CRCs, chained
//! files. It decodes no field itself; a [`Visitor`] says which messages it wants and reads
//! their fields through [`Message`]. Every other message is stepped over by the size its
//! definition gives, which is what makes the walk fast.

use crate::crc::crc16;

/// Messages the import reads; everything else is [`Kind::Skip`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Skip,
    FileId,
    Sport,
    Session,
    Lap,
    Record,
    Event,
    Activity,
    Set,
    ExerciseTitle,
}

impl Kind {
    fn of(global: u16) -> Kind {
        match global {
            0 => Kind::FileId,
            12 => Kind::Sport,
            18 => Kind::Session,
            19 => Kind::Lap,
            20 => Kind::Record,
            21 => Kind::Event,
            34 => Kind::Activity,
            225 => Kind::Set,
            264 => Kind::ExerciseTitle,
            _ => Kind::Skip,
        }
    }
}

/// Receives the messages of the kinds it wants, in file order.
pub(crate) trait Visitor {
    /// Whether messages of `kind` are passed to [`Visitor::message`].
    fn wants(&self, kind: Kind) -> bool;
    /// One wanted message of the `file`-th FIT file of a chain (from 0).
    fn message(&mut self, file: usize, kind: Kind, message: &Message<'_>);
}

/// The timestamp field of nearly every message, and the reference of compressed timestamps.
const TIMESTAMP: u8 = 253;

#[derive(Debug, Clone, Copy)]
struct Field {
    number: u8,
    offset: u16,
    size: u8,
    base_type: u8,
}

#[derive(Debug, Clone, Default)]
struct Definition {
    kind: Option<Kind>,
    big_endian: bool,
    /// Bytes of a data message after its header, developer fields included.
    size: usize,
    /// Where a 4-byte `timestamp` (253) sits in the data, if the message has one.
    timestamp_offset: Option<u16>,
    wanted: bool,
    /// The fields, kept only for wanted messages.
    fields: Vec<Field>,
}

/// One data message a visitor asked for, and typed access to its fields.
pub(crate) struct Message<'a> {
    /// Byte offset of the message header in the whole input.
    pub offset: usize,
    /// The message's timestamp: its own field 253, or the one a compressed header implies.
    pub timestamp: Option<u32>,
    data: &'a [u8],
    definition: &'a Definition,
}

impl<'a> Message<'a> {
    fn field(&self, number: u8) -> Option<(&'a [u8], u8)> {
        let field = self.definition.fields.iter().find(|f| f.number == number)?;
        let start = usize::from(field.offset);
        Some((
            &self.data[start..start + usize::from(field.size)],
            field.base_type,
        ))
    }

    fn first<const N: usize>(&self, number: u8) -> Option<([u8; N], u8)> {
        let (bytes, base_type) = self.field(number)?;
        // A field smaller than its type (misaligned writers) has no value; an array gives
        // its first element.
        let mut value: [u8; N] = bytes.get(..N)?.try_into().ok()?;
        if self.definition.big_endian {
            value.reverse();
        }
        Some((value, base_type))
    }

    /// An unsigned 8-bit field (or enum), `None` when absent or invalid.
    pub fn u8(&self, number: u8) -> Option<u8> {
        let ([value], base_type) = self.first::<1>(number)?;
        valid(u64::from(value), base_type, 0xFF).then_some(value)
    }

    /// An unsigned 16-bit field (or the first element of an array of them).
    pub fn u16(&self, number: u8) -> Option<u16> {
        let (bytes, base_type) = self.first::<2>(number)?;
        let value = u16::from_le_bytes(bytes);
        valid(u64::from(value), base_type, 0xFFFF).then_some(value)
    }

    /// An unsigned 32-bit field.
    pub fn u32(&self, number: u8) -> Option<u32> {
        let (bytes, base_type) = self.first::<4>(number)?;
        let value = u32::from_le_bytes(bytes);
        valid(u64::from(value), base_type, 0xFFFF_FFFF).then_some(value)
    }

    /// A signed 32-bit field (positions in semicircles).
    pub fn i32(&self, number: u8) -> Option<i32> {
        let (bytes, _) = self.first::<4>(number)?;
        let value = i32::from_le_bytes(bytes);
        (value != i32::MAX).then_some(value)
    }

    /// The raw bytes of a field, for byte arrays.
    pub fn bytes(&self, number: u8) -> Option<&'a [u8]> {
        self.field(number).map(|(bytes, _)| bytes)
    }

    /// A string field up to its first NUL, `None` when empty; invalid UTF-8 is replaced.
    pub fn string(&self, number: u8) -> Option<String> {
        let (bytes, _) = self.field(number)?;
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        let text = String::from_utf8_lossy(&bytes[..end]).trim().to_owned();
        (!text.is_empty()).then_some(text)
    }
}

/// Whether `value` is not the invalid marker of its base type: zero for the `z` types,
/// all ones otherwise (the unsigned fields runlift reads).
fn valid(value: u64, base_type: u8, all_ones: u64) -> bool {
    match base_type & 0x1F {
        // uint8z, uint16z, uint32z, uint64z
        0x0A | 0x0B | 0x0C | 0x10 => value != 0,
        _ => value != all_ones,
    }
}

/// What is wrong with a file, where (byte offset in the whole input).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Damage {
    pub offset: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// No FIT header where one must be.
    NotFit { found: String },
    /// The header's own CRC does not match it.
    HeaderCrc { stored: u16, computed: u16 },
    /// The header announces more data than the input holds.
    DataCutOff { declared: usize, present: usize },
    /// A message runs past the end of the data.
    MessageCutOff {
        message: u64,
        needed: usize,
        left: usize,
    },
    /// A data message uses a local message type that no definition introduced.
    UndefinedLocal { message: u64, local: u8 },
    /// A definition message declares an architecture other than little- or big-endian.
    BadArchitecture { message: u64, architecture: u8 },
    /// The file CRC after the data does not match the data.
    FileCrc { stored: u16, computed: u16 },
    /// The data ends where the file CRC should be.
    CrcMissing,
    /// Bytes after the last FIT file that are not another FIT file.
    Trailing { len: usize },
    /// More FIT files chained in one than [`crate::MAX_CHAINED_FILES`]; the rest, `len`
    /// bytes, is left out.
    TooManyFiles { limit: usize, len: usize },
}

/// One FIT file of a chain: where it starts and how many messages it had.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FileSpan {
    pub offset: usize,
    pub messages: u64,
}

/// What the walk found: the files of the chain, the damage that stopped or marked it, and
/// how it was read where worth knowing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Walk {
    pub files: Vec<FileSpan>,
    pub damage: Vec<Damage>,
    pub notes: Vec<String>,
}

/// The size of a FIT header and the size of the messages it announces.
struct Header {
    size: usize,
    data_size: usize,
}

fn header(bytes: &[u8], offset: usize) -> Result<(Header, Option<Damage>), Damage> {
    let rest = &bytes[offset.min(bytes.len())..];
    let not_fit = |found: String| Damage {
        offset,
        problem: Problem::NotFit { found },
    };
    if rest.len() < 12 {
        return Err(not_fit(format!("{} bytes, too few for a FIT header", rest.len())));
    }
    let size = usize::from(rest[0]);
    if &rest[8..12] != b".FIT" {
        return Err(not_fit(format!(
            "{:?} where \".FIT\" belongs",
            String::from_utf8_lossy(&rest[8..12])
        )));
    }
    if size < 12 || size > rest.len() {
        return Err(not_fit(format!("a header size of {size} bytes")));
    }
    let data_size = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]) as usize;
    let mut warning = None;
    if size >= 14 {
        let stored = u16::from_le_bytes([rest[12], rest[13]]);
        // 0 means "not computed", which the specification allows.
        let computed = crc16(0, &rest[..12]);
        if stored != 0 && stored != computed {
            warning = Some(Damage {
                offset,
                problem: Problem::HeaderCrc { stored, computed },
            });
        }
    }
    Ok((Header { size, data_size }, warning))
}

/// Whether `bytes` start with a FIT header.
pub(crate) fn is_fit(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && matches!(bytes[0], 12 | 14) && &bytes[8..12] == b".FIT"
}

/// Walks every FIT file chained in `bytes`, handing wanted messages to `visitor`.
///
/// Returns `Err` only when `bytes` do not start with a FIT header. Any later damage stops the
/// walk and is reported in [`Walk::damage`]; what came before it has been visited.
pub(crate) fn walk<V: Visitor>(bytes: &[u8], visitor: &mut V) -> Result<Walk, Damage> {
    let mut walk = Walk::default();
    let mut offset = 0;
    loop {
        if walk.files.len() == crate::MAX_CHAINED_FILES {
            walk.damage.push(Damage {
                offset,
                problem: Problem::TooManyFiles {
                    limit: crate::MAX_CHAINED_FILES,
                    len: bytes.len() - offset,
                },
            });
            break;
        }
        let (header, warning) = match header(bytes, offset) {
            Ok(found) => found,
            Err(damage) if walk.files.is_empty() => return Err(damage),
            Err(_) => {
                walk.damage.push(Damage {
                    offset,
                    problem: Problem::Trailing {
                        len: bytes.len() - offset,
                    },
                });
                break;
            }
        };
        walk.damage.extend(warning);
        let data_start = offset + header.size;
        let mut declared_end = data_start.saturating_add(header.data_size);
        // Writers that stream a file out cannot go back to fill in the data size and leave it
        // 0. With more than a CRC after the header, the data is taken to run up to the last
        // two bytes, the file CRC; when that matches, the data is known whole.
        let unsized_data = header.data_size == 0 && bytes.len() - data_start > 2;
        if unsized_data {
            declared_end = bytes.len() - 2;
        }
        let end = declared_end.min(bytes.len());
        let file = walk.files.len();
        let mut span = FileSpan { offset, messages: 0 };
        let result = messages(bytes, data_start, end, file, &mut span.messages, visitor);
        walk.files.push(span);
        let stopped = result.is_err();
        walk.damage.extend(result.err());
        if declared_end > bytes.len() {
            // Said even when a message stopped the walk first: the header's size is what
            // explains a message cut off at the end, or the CRC read as a message.
            walk.damage.push(Damage {
                offset: bytes.len(),
                problem: Problem::DataCutOff {
                    declared: header.data_size,
                    present: bytes.len() - data_start,
                },
            });
            break;
        }
        if stopped {
            break;
        }
        let Some(stored) = bytes.get(end..end + 2) else {
            walk.damage.push(Damage {
                offset: end,
                problem: Problem::CrcMissing,
            });
            break;
        };
        let stored = u16::from_le_bytes([stored[0], stored[1]]);
        let computed = crc16(0, &bytes[offset..end]);
        if stored != computed {
            walk.damage.push(Damage {
                offset: end,
                problem: Problem::FileCrc { stored, computed },
            });
        }
        if unsized_data {
            let verdict = if stored == computed {
                "which matches, so the data is whole"
            } else {
                "which does not match (see the warning)"
            };
            walk.notes.push(format!(
                "the FIT header at byte {offset} gives a data size of 0, as writers that stream the \
                 file leave it: the {} bytes up to the file CRC were read as its messages; the CRC is \
                 the last 2 bytes, {verdict}",
                end - data_start
            ));
        }
        offset = end + 2;
        if offset >= bytes.len() {
            break;
        }
    }
    Ok(walk)
}

/// Walks the messages of one FIT file's data, `bytes[start..end]`.
fn messages<V: Visitor>(
    bytes: &[u8],
    start: usize,
    end: usize,
    file: usize,
    count: &mut u64,
    visitor: &mut V,
) -> Result<(), Damage> {
    let mut definitions: [Definition; 16] = Default::default();
    let mut last_timestamp: Option<u32> = None;
    let mut pos = start;
    let cut_off = |pos: usize, message: u64, needed: usize| Damage {
        offset: pos,
        problem: Problem::MessageCutOff {
            message,
            needed,
            left: end - pos,
        },
    };
    while pos < end {
        let header = bytes[pos];
        if header & 0x40 != 0 && header & 0x80 == 0 {
            let (definition, size) = definition(bytes, pos, end, *count, visitor)?;
            definitions[usize::from(header & 0x0F)] = definition;
            pos += size;
            *count += 1;
            continue;
        }
        let (local, compressed) = if header & 0x80 != 0 {
            ((header >> 5) & 0x03, Some(header & 0x1F))
        } else {
            (header & 0x0F, None)
        };
        let definition = &definitions[usize::from(local)];
        if definition.kind.is_none() {
            return Err(Damage {
                offset: pos,
                problem: Problem::UndefinedLocal {
                    message: *count,
                    local,
                },
            });
        }
        let data_end = pos + 1 + definition.size;
        if data_end > end {
            return Err(cut_off(pos, *count, 1 + definition.size));
        }
        let data = &bytes[pos + 1..data_end];
        let timestamp = match compressed {
            // The five bits are the low bits of the time; the rest comes from the last full
            // timestamp, rolling over every 32 seconds.
            Some(low) => last_timestamp.map(|last| {
                let time = last.wrapping_add((u32::from(low).wrapping_sub(last & 0x1F)) & 0x1F);
                last_timestamp = Some(time);
                time
            }),
            None => match definition.timestamp_offset {
                Some(at) => {
                    let at = usize::from(at);
                    let raw: [u8; 4] = data[at..at + 4].try_into().expect("4 bytes");
                    let time = if definition.big_endian {
                        u32::from_be_bytes(raw)
                    } else {
                        u32::from_le_bytes(raw)
                    };
                    if time != u32::MAX {
                        last_timestamp = Some(time);
                        Some(time)
                    } else {
                        None
                    }
                }
                None => None,
            },
        };
        if definition.wanted {
            let kind = definition.kind.unwrap_or(Kind::Skip);
            let message = Message {
                offset: pos,
                timestamp,
                data,
                definition,
            };
            visitor.message(file, kind, &message);
        }
        pos = data_end;
        *count += 1;
    }
    Ok(())
}

/// Reads the definition message at `pos`; returns it and its length in bytes.
fn definition<V: Visitor>(
    bytes: &[u8],
    pos: usize,
    end: usize,
    message: u64,
    visitor: &V,
) -> Result<(Definition, usize), Damage> {
    let cut_off = |needed: usize| Damage {
        offset: pos,
        problem: Problem::MessageCutOff {
            message,
            needed,
            left: end - pos,
        },
    };
    let developer = bytes[pos] & 0x20 != 0;
    if pos + 6 > end {
        return Err(cut_off(6));
    }
    let architecture = bytes[pos + 2];
    let big_endian = match architecture {
        0 => false,
        1 => true,
        _ => {
            return Err(Damage {
                offset: pos,
                problem: Problem::BadArchitecture {
                    message,
                    architecture,
                },
            });
        }
    };
    let global_bytes = [bytes[pos + 3], bytes[pos + 4]];
    let global = if big_endian {
        u16::from_be_bytes(global_bytes)
    } else {
        u16::from_le_bytes(global_bytes)
    };
    let field_count = usize::from(bytes[pos + 5]);
    let mut len = 6 + 3 * field_count;
    if pos + len > end {
        return Err(cut_off(len));
    }
    let kind = Kind::of(global);
    let wanted = kind != Kind::Skip && visitor.wants(kind);
    let mut fields = Vec::new();
    let mut size = 0usize;
    let mut timestamp_offset = None;
    for raw in bytes[pos + 6..pos + len].chunks_exact(3) {
        let (number, field_size, base_type) = (raw[0], raw[1], raw[2]);
        if number == TIMESTAMP && field_size == 4 {
            timestamp_offset = u16::try_from(size).ok();
        }
        if wanted {
            fields.push(Field {
                number,
                // At most 255 fields of at most 255 bytes: always fits.
                offset: size as u16,
                size: field_size,
                base_type,
            });
        }
        size += usize::from(field_size);
    }
    if developer {
        if pos + len >= end {
            return Err(cut_off(len + 1));
        }
        let developer_count = usize::from(bytes[pos + len]);
        let developer_start = pos + len + 1;
        len += 1 + 3 * developer_count;
        if pos + len > end {
            return Err(cut_off(len));
        }
        // Developer fields are skipped by their declared size: their descriptions are never
        // needed, so a file whose descriptions are missing reads like any other.
        for raw in bytes[developer_start..pos + len].chunks_exact(3) {
            size += usize::from(raw[1]);
        }
    }
    let definition = Definition {
        kind: Some(kind),
        big_endian,
        size,
        timestamp_offset,
        wanted,
        fields,
    };
    Ok((definition, len))
}
