//! The FIT CRC-16 (CRC-16/ARC: polynomial 0x8005 reflected, initial value 0).
//!
//! The specification computes it a nibble at a time, about 0.2 GB/s; checking every byte of
//! a file at that speed would cost more than decoding it. Here sixteen bytes are taken at a
//! time from sixteen 256-entry tables (8 KiB, in L1 cache), and a large input is cut into four
//! lanes computed side by side, so that the processor overlaps their table loads instead of
//! waiting on one chain of them. The CRC is linear, so the lanes' CRCs combine exactly:
//! `crc(A ++ B) = shift(crc(A), len(B)) ^ crc(B)`, where `shift` runs the register over zero
//! bytes, a 16 x 16 bit matrix raised to the power `len(B)`.
//!
//! Where the processor multiplies without carries (x86-64's PCLMULQDQ, on every x86-64 made
//! since 2010), a large input is instead folded 64 bytes at a time ([`folded`]), several times
//! faster again; the tables remain for short inputs, the last bytes, and other processors.

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
    #[cfg(target_arch = "x86_64")]
    if bytes.len() >= folded::THRESHOLD && folded::available() {
        return folded::crc16(crc, bytes);
    }
    by_tables(crc, bytes)
}

/// [`crc16`] from the tables alone, in four lanes when the input is large.
fn by_tables(crc: u16, bytes: &[u8]) -> u16 {
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

/// CRC-16/ARC by carry-less multiplication.
///
/// The reflected CRC-16 register is also the register of a reflected 32-bit CRC whose
/// generator is `G = x^16 * P = x^32 + x^31 + x^18 + x^16` (`P` the CRC-16 polynomial): its
/// bitwise step, `crc = crc >> 1 ^ (0xA001 if the low bit is set)`, is the same, and the
/// register never leaves its low 16 bits. A 32-bit generator suits the folding below, whose
/// products are at most 96 bits wide.
///
/// In the reflected order, a block of 16 bytes read as a little-endian `u128` holds the
/// polynomial `sum(bit j * x^(127 - j))`: its first 8 bytes (the low lane) are the high
/// degrees. Moving an accumulator `A = lo * x^64 + hi` on by `n` bits multiplies it by `x^n`,
/// which modulo `G` is `lo * (x^(n+64) mod G) + hi * (x^n mod G)`. A carry-less product of
/// two reflected 64-bit lanes comes out one degree low (`x * a * b`), so the constants are
/// taken one power lower. The register's initial value is XORed into the first four bytes;
/// what is left after folding (16 bytes, then fewer than 16) goes through the tables, which
/// reduce it modulo `G` exactly as the message itself would be.
#[cfg(target_arch = "x86_64")]
mod folded {
    use std::arch::x86_64::{
        __m128i, _mm_clmulepi64_si128, _mm_loadu_si128, _mm_set_epi64x, _mm_storeu_si128, _mm_xor_si128,
    };

    /// Shorter inputs (a header's 12 bytes, tiny files) stay with the tables: folding has a
    /// fixed cost (the feature check, the final 16 bytes through the tables). Not tuned.
    pub(super) const THRESHOLD: usize = 256;

    /// `G` without its `x^32` term, in the usual order (bit `k` is `x^k`).
    const GENERATOR: u64 = 1 << 32 | 1 << 31 | 1 << 18 | 1 << 16;

    /// `x^n mod G` as a reflected 64-bit lane (bit `j` is `x^(63 - j)`), less the one degree
    /// the carry-less product adds.
    const fn constant(n: u32) -> i64 {
        let mut remainder: u64 = 1;
        let mut power = 0;
        while power < n - 1 {
            remainder <<= 1;
            if remainder & 1 << 32 != 0 {
                remainder ^= GENERATOR;
            }
            power += 1;
        }
        let mut reflected: u64 = 0;
        let mut k = 0;
        while k < 32 {
            if remainder >> k & 1 == 1 {
                reflected |= 1 << (63 - k);
            }
            k += 1;
        }
        reflected as i64
    }

    /// Moves an accumulator on by 512 bits (four blocks), 384, 256 and 128.
    const BY_512: (i64, i64) = (constant(512 + 64), constant(512));
    const BY_384: (i64, i64) = (constant(384 + 64), constant(384));
    const BY_256: (i64, i64) = (constant(256 + 64), constant(256));
    const BY_128: (i64, i64) = (constant(128 + 64), constant(128));

    pub(super) fn available() -> bool {
        std::arch::is_x86_feature_detected!("pclmulqdq") && std::arch::is_x86_feature_detected!("sse2")
    }

    /// The CRC of `bytes` (at least [`THRESHOLD`] long), continuing from `crc`; only called
    /// once [`available`] said yes.
    pub(super) fn crc16(crc: u16, bytes: &[u8]) -> u16 {
        debug_assert!(bytes.len() >= THRESHOLD && available());
        // SAFETY: the processor has PCLMULQDQ and SSE2 (checked by the caller).
        let (folded, rest) = unsafe { fold(crc, bytes) };
        super::sequential(super::sequential(0, &folded), rest)
    }

    /// A 16-byte block as it stands in `chunk` (16 bytes long).
    #[inline]
    #[target_feature(enable = "pclmulqdq,sse2")]
    fn load(chunk: &[u8]) -> __m128i {
        assert_eq!(chunk.len(), 16);
        // SAFETY: the chunk holds 16 bytes; unaligned loads are allowed.
        unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) }
    }

    /// `acc` moved on by the bits whose constants `(lo, hi)` are in `by`.
    #[inline]
    #[target_feature(enable = "pclmulqdq,sse2")]
    fn shift(acc: __m128i, by: __m128i) -> __m128i {
        _mm_xor_si128(
            _mm_clmulepi64_si128::<0x00>(acc, by),
            _mm_clmulepi64_si128::<0x11>(acc, by),
        )
    }

    #[inline]
    #[target_feature(enable = "pclmulqdq,sse2")]
    fn lanes((lo, hi): (i64, i64)) -> __m128i {
        _mm_set_epi64x(hi, lo)
    }

    /// Folds the whole 16-byte blocks of `bytes` into 16 bytes whose CRC (from 0) is the CRC
    /// of those blocks from `crc`; returns them and the bytes after the blocks.
    #[target_feature(enable = "pclmulqdq,sse2")]
    fn fold(crc: u16, bytes: &[u8]) -> ([u8; 16], &[u8]) {
        let mut blocks = bytes.chunks_exact(16);
        let rest = blocks.remainder();
        let first = blocks.next().expect("THRESHOLD is at least 16 bytes");
        let mut acc = [
            _mm_xor_si128(load(first), _mm_set_epi64x(0, i64::from(crc))),
            _mm_set_epi64x(0, 0),
            _mm_set_epi64x(0, 0),
            _mm_set_epi64x(0, 0),
        ];
        let mut single = acc[0];
        // Four accumulators side by side while four blocks remain: four independent chains
        // of products keep the multiplier busy.
        if blocks.len() >= 7 {
            for slot in acc.iter_mut().skip(1) {
                *slot = load(blocks.next().expect("counted"));
            }
            let by_512 = lanes(BY_512);
            while blocks.len() >= 4 {
                for slot in &mut acc {
                    *slot = _mm_xor_si128(shift(*slot, by_512), load(blocks.next().expect("counted")));
                }
            }
            single = _mm_xor_si128(
                _mm_xor_si128(shift(acc[0], lanes(BY_384)), shift(acc[1], lanes(BY_256))),
                _mm_xor_si128(shift(acc[2], lanes(BY_128)), acc[3]),
            );
        }
        let by_128 = lanes(BY_128);
        for block in blocks {
            single = _mm_xor_si128(shift(single, by_128), load(block));
        }
        let mut out = [0u8; 16];
        // SAFETY: `out` has room for 16 bytes; unaligned stores are allowed.
        unsafe { _mm_storeu_si128(out.as_mut_ptr().cast::<__m128i>(), single) };
        (out, rest)
    }
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
    use super::{by_tables, crc16};

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
            assert_eq!(by_tables(0x1234, &bytes[..len]), expected, "length {len}");
            assert_eq!(crc16(0x1234, &bytes[..len]), expected, "length {len}");
        }
    }

    #[test]
    fn every_length_and_start_past_the_folding_threshold_agrees_with_the_bitwise_crc() {
        let bytes: Vec<u8> = (0..3000u32)
            .map(|i| (i.wrapping_mul(2_246_822_519) >> 11) as u8)
            .collect();
        for len in 200..1200 {
            for start in [0u16, 0x0001, 0x8000, 0xBEEF, 0xFFFF] {
                let expected = runlift_fit_testkit::crc16(start, &bytes[..len]);
                assert_eq!(
                    crc16(start, &bytes[..len]),
                    expected,
                    "length {len}, start {start:#06x}"
                );
            }
        }
        for len in [2047, 2048, 2049, 2064, 2999, 3000] {
            let expected = runlift_fit_testkit::crc16(0x0F0F, &bytes[..len]);
            assert_eq!(crc16(0x0F0F, &bytes[..len]), expected, "length {len}");
        }
    }

    #[test]
    fn all_zero_and_all_one_inputs_agree_with_the_bitwise_crc() {
        for byte in [0x00u8, 0xFF] {
            let bytes = vec![byte; 5000];
            for len in [256, 257, 511, 512, 4999, 5000] {
                let expected = runlift_fit_testkit::crc16(0x1D0F, &bytes[..len]);
                assert_eq!(crc16(0x1D0F, &bytes[..len]), expected, "{byte:#04x} x {len}");
            }
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
