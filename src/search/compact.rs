//! The search index's two big lists in compact form: each word's postings (the units it occurs
//! in and how often) and each unit's text as word ids, both as variable-length integers
//! (LEB128: seven bits a byte). Postings store the gap to the previous unit, which is small for
//! the common words that make most postings; a unit's words store each word's rank by how
//! often it occurs, so the commonest words take one byte. On a 10 MB handbook this is about a
//! fifth of fixed-width arrays. Only encoding and decoding live here; what the lists mean is
//! `index.rs`'s, and this file never allocates while a query reads.

/// Appends `v` as LEB128.
pub(super) fn push(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Writes `v` as LEB128 into `out` at `*at`, moving past it; `out` was sized with `len`.
pub(super) fn put(out: &mut [u8], at: &mut usize, mut v: u64) {
    loop {
        let byte = (v as u8) & 0x7f;
        v >>= 7;
        if let Some(slot) = out.get_mut(*at) {
            *slot = if v == 0 { byte } else { byte | 0x80 };
        }
        *at += 1;
        if v == 0 {
            break;
        }
    }
}

/// How many bytes `push` writes for `v`.
pub(super) fn len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// Reads one LEB128 number at `*at`, moving past it. Bytes come only from `push` and `put`, so
/// a number is always complete; a cut one reads as what it has. Most numbers are one byte,
/// which is read without a loop: a query decodes hundreds of thousands of them.
#[inline(always)]
pub(super) fn read(bytes: &[u8], at: &mut usize) -> u64 {
    match bytes.get(*at) {
        Some(&b) if b < 0x80 => {
            *at += 1;
            u64::from(b)
        }
        _ => read_long(bytes, at),
    }
}

/// `read` for a number of more than one byte.
#[inline(never)]
fn read_long(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// Writes one posting into `out` at `*at` (sized with `posting_len`): the gap since the word's
/// previous unit, doubled, its low bit set when the count is not 1 (then the count less 2
/// follows). Most counts are 1, so most postings of a common word are a single byte.
pub(super) fn put_posting(out: &mut [u8], at: &mut usize, gap: u32, count: u32) {
    put(out, at, (u64::from(gap) << 1) | u64::from(count != 1));
    if count != 1 {
        put(out, at, u64::from(count.saturating_sub(2)));
    }
}

/// How many bytes `put_posting` writes.
pub(super) fn posting_len(gap: u32, count: u32) -> usize {
    len((u64::from(gap) << 1) | u64::from(count != 1))
        + if count != 1 {
            len(u64::from(count.saturating_sub(2)))
        } else {
            0
        }
}

/// A word's postings, decoded as they are read: (unit, count) in unit order.
#[derive(Debug, Clone)]
pub(super) struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    unit: u32,
    left: u32,
}

impl<'a> Postings<'a> {
    pub(super) fn new(bytes: &'a [u8], count: u32) -> Postings<'a> {
        Postings {
            bytes,
            at: 0,
            unit: 0,
            left: count,
        }
    }
}

impl Iterator for Postings<'_> {
    type Item = (u32, u32);

    #[inline]
    fn next(&mut self) -> Option<(u32, u32)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let v = read(self.bytes, &mut self.at);
        self.unit = self.unit.wrapping_add((v >> 1) as u32);
        let count = if v & 1 == 1 {
            (read(self.bytes, &mut self.at) as u32).saturating_add(2)
        } else {
            1
        };
        Some((self.unit, count))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for Postings<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_in_as_few_bytes_as_they_need() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            let before = out.len();
            push(&mut out, v);
            assert_eq!(out.len() - before, len(v), "{v}");
        }
        assert_eq!(len(127), 1);
        assert_eq!(len(128), 2);
        let mut at = 0;
        for v in values {
            assert_eq!(read(&out, &mut at), v);
        }
        assert_eq!(at, out.len());
    }

    #[test]
    fn postings_round_trip_with_gaps_and_counts() {
        let list = [
            (0u32, 1u32),
            (1, 1),
            (5, 3),
            (200, 1),
            (70_000, 2),
            (70_001, 65_535),
        ];
        let mut last = 0;
        let mut sizes = Vec::new();
        for (unit, count) in list {
            sizes.push(posting_len(unit - last, count));
            last = unit;
        }
        let mut out = vec![0u8; sizes.iter().sum()];
        let (mut at, mut last) = (0, 0);
        for ((unit, count), size) in list.into_iter().zip(sizes) {
            let before = at;
            put_posting(&mut out, &mut at, unit - last, count);
            assert_eq!(at - before, size);
            last = unit;
        }
        assert_eq!(at, out.len());
        let back: Vec<(u32, u32)> = Postings::new(&out, list.len() as u32).collect();
        assert_eq!(back, list);
        // A gap of 1 with a count of 1, the usual posting of a common word, is one byte.
        assert_eq!(posting_len(1, 1), 1);
    }
}
