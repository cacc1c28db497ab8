//! The FIT CRC-16 (CRC-16/ARC: polynomial 0x8005 reflected, initial value 0).
//!
//! The specification computes it a nibble at a time, about 0.2 GB/s; checking every byte of
//! a file at that speed would cost more than decoding it. Sixteen bytes at a time from sixteen
//! 256-entry tables (8 KiB, in L1 cache) breaks the byte-to-byte dependency chain and runs at
//! several GB/s, so checking the CRC stays a small part of reading a file.

const LANES: usize = 16;

const fn tables() -> [[u16; 256]; LANES] {
    let mut tables = [[0u16; 256]; LANES];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = byte as u16;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
            bit += 1;
        }
        tables[0][byte] = crc;
        byte += 1;
    }
    // tables[k][b]: the CRC of byte b followed by k zero bytes.
    let mut k = 1;
    while k < LANES {
        let mut byte = 0;
        while byte < 256 {
            let previous = tables[k - 1][byte];
            tables[k][byte] = (previous >> 8) ^ tables[0][(previous & 0xFF) as usize];
            byte += 1;
        }
        k += 1;
    }
    tables
}

static TABLES: [[u16; 256]; LANES] = tables();

/// The CRC of `bytes`, continuing from `crc` (0 to start).
pub(crate) fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    let t = &TABLES;
    let mut chunks = bytes.chunks_exact(LANES);
    for chunk in &mut chunks {
        let lo = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes")) ^ u64::from(crc);
        let hi = u64::from_le_bytes(chunk[8..].try_into().expect("8 bytes"));
        let byte = |word: u64, i: u32| ((word >> (8 * i)) & 0xFF) as usize;
        crc = t[15][byte(lo, 0)]
            ^ t[14][byte(lo, 1)]
            ^ t[13][byte(lo, 2)]
            ^ t[12][byte(lo, 3)]
            ^ t[11][byte(lo, 4)]
            ^ t[10][byte(lo, 5)]
            ^ t[9][byte(lo, 6)]
            ^ t[8][byte(lo, 7)]
            ^ t[7][byte(hi, 0)]
            ^ t[6][byte(hi, 1)]
            ^ t[5][byte(hi, 2)]
            ^ t[4][byte(hi, 3)]
            ^ t[3][byte(hi, 4)]
            ^ t[2][byte(hi, 5)]
            ^ t[1][byte(hi, 6)]
            ^ t[0][byte(hi, 7)];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][usize::from((crc as u8) ^ b)];
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::crc16;

    #[test]
    fn the_check_value_of_crc16_arc() {
        assert_eq!(crc16(0, b"123456789"), 0xBB3D);
    }

    #[test]
    fn every_length_and_split_agrees_with_the_bitwise_definition() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 7 + i / 3) as u8).collect();
        for len in 0..bytes.len() {
            let expected = runlift_fit_testkit::crc16(0, &bytes[..len]);
            assert_eq!(crc16(0, &bytes[..len]), expected, "length {len}");
            let (a, b) = bytes[..len].split_at(len / 3);
            assert_eq!(crc16(crc16(0, a), b), expected, "split at {}", len / 3);
        }
    }
}
