//! The FIT CRC-16 (CRC-16/ARC: polynomial 0x8005 reflected, initial value 0).
//!
//! The specification computes it a nibble at a time, about 0.2 GB/s; checking every byte of
//! a file at that speed would cost more than decoding it. Here sixteen bytes are taken at a
//! time from sixteen 256-entry tables (8 KiB, in L1 cache), and a large input is cut into four
//! lanes computed side by side, so that the processor overlaps their table loads instead of
//! waiting on one chain of them. The CRC is linear, so the lanes' CRCs combine exactly:
//! `crc(A ++ B) = shift(crc(A), len(B)) ^ crc(B)`, where `shift` runs the register over zero
//! bytes, a 16 x 16 bit matrix raised to the power `len(B)`.

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

/// Inputs shorter than this are not worth cutting into lanes.
const LANE_THRESHOLD: usize = 4096;

/// The CRC of `bytes`, continuing from `crc` (0 to start).
pub(crate) fn crc16(crc: u16, bytes: &[u8]) -> u16 {
    if bytes.len() < LANE_THRESHOLD {
        return sequential(crc, bytes);
    }
    let lane_len = bytes.len() / 4 / LANES * LANES;
    let (a, rest) = bytes.split_at(lane_len);
    let (b, rest) = rest.split_at(lane_len);
    let (c, rest) = rest.split_at(lane_len);
    let (d, tail) = rest.split_at(lane_len);
    let (mut ca, mut cb, mut cc, mut cd) = (crc, 0, 0, 0);
    for (((a, b), c), d) in a
        .chunks_exact(LANES)
        .zip(b.chunks_exact(LANES))
        .zip(c.chunks_exact(LANES))
        .zip(d.chunks_exact(LANES))
    {
        ca = step(ca, a);
        cb = step(cb, b);
        cc = step(cc, c);
        cd = step(cd, d);
    }
    let shift = ZeroBytes::new(lane_len);
    let combined = shift.apply(shift.apply(shift.apply(ca) ^ cb) ^ cc) ^ cd;
    sequential(combined, tail)
}

fn sequential(mut crc: u16, bytes: &[u8]) -> u16 {
    let mut chunks = bytes.chunks_exact(LANES);
    for chunk in &mut chunks {
        crc = step(crc, chunk);
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ TABLES[0][usize::from((crc as u8) ^ b)];
    }
    crc
}

/// The register after sixteen more bytes.
#[inline(always)]
fn step(crc: u16, chunk: &[u8]) -> u16 {
    let t = &TABLES;
    let lo = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes")) ^ u64::from(crc);
    let hi = u64::from_le_bytes(chunk[8..16].try_into().expect("8 bytes"));
    let byte = |word: u64, i: u32| ((word >> (8 * i)) & 0xFF) as usize;
    t[15][byte(lo, 0)]
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
        ^ t[0][byte(hi, 7)]
}

/// The linear map "run the register over `n` zero bytes", as the images of the 16 bits.
struct ZeroBytes([u16; 16]);

impl ZeroBytes {
    fn new(mut n: usize) -> ZeroBytes {
        let one_byte = ZeroBytes(std::array::from_fn(|bit| {
            let crc = 1u16 << bit;
            (crc >> 8) ^ TABLES[0][usize::from(crc as u8)]
        }));
        let mut power = one_byte;
        let mut result = ZeroBytes(std::array::from_fn(|bit| 1u16 << bit));
        while n > 0 {
            if n & 1 == 1 {
                result = result.then(&power);
            }
            power = power.then(&power);
            n >>= 1;
        }
        result
    }

    fn apply(&self, crc: u16) -> u16 {
        (0..16)
            .filter(|bit| crc >> bit & 1 == 1)
            .fold(0, |acc, bit| acc ^ self.0[bit])
    }

    /// This map followed by `next`.
    fn then(&self, next: &ZeroBytes) -> ZeroBytes {
        ZeroBytes(std::array::from_fn(|bit| next.apply(self.0[bit])))
    }
}

#[cfg(test)]
mod tests {
    use super::crc16;

    #[test]
    fn the_check_value_of_crc16_arc() {
        assert_eq!(crc16(0, b"123456789"), 0xBB3D);
    }

    #[test]
    fn lanes_of_large_inputs_combine_to_the_bitwise_crc() {
        let bytes: Vec<u8> = (0..70_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in [4096, 4097, 4160, 5000, 65_535, 70_000] {
            let expected = runlift_fit_testkit::crc16(0x1234, &bytes[..len]);
            assert_eq!(crc16(0x1234, &bytes[..len]), expected, "length {len}");
        }
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
