//! Bytes to text: byte-order marks, UTF-16 (the VNTC corpus was published that way),
//! legacy 8-bit Vietnamese encodings ([`super::legacy`]) and invalid UTF-8, which is dropped
//! and reported rather than dropping the file.

use super::legacy;

/// Text decoded from a file, with a note when the bytes were not clean.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Why the text is not exactly what the file holds, if it is not.
    pub warning: Option<String>,
}

/// Whether the bytes look like a binary file (images, PDFs, archives) rather than text.
/// A NUL byte in the first few kilobytes decides it, as `grep` does; UTF-16 has NULs too,
/// so callers check for a UTF-16 byte-order mark first.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// Decodes a whole file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(utf8_lossy(rest));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    if looks_binary(bytes) {
        return Err(binary_reason(bytes, "text"));
    }
    Ok(utf8_lossy(bytes))
}

/// Why bytes that [`looks_binary`] are refused: UTF-16 saved without a byte-order mark has
/// NUL bytes too, between its letters, and is named as such.
pub fn binary_reason(bytes: &[u8], what: &str) -> String {
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    let half = head.len() / 2;
    let utf16 = head.len() >= 16 && even.max(odd) * 3 >= half && even.min(odd) * 20 <= half;
    if utf16 {
        "UTF-16 without a byte-order mark (NUL bytes between the letters): save it as UTF-8, or as UTF-16 with a BOM".to_owned()
    } else {
        format!("binary file (NUL bytes), not {what}")
    }
}

/// Decodes UTF-8 without a byte-order mark (a file, or one JSON line): bytes that are not
/// UTF-8 are read as a legacy Vietnamese encoding when they recognisably are one, else the
/// invalid sequences are dropped. Either way the warning says so.
pub fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Decoded {
                text: text.to_owned(),
                warning: None,
            }
        }
        Err(e) => e,
    };
    if let Some((encoding, text)) = legacy::detect(bytes) {
        return Decoded {
            text,
            warning: Some(format!(
                "not UTF-8: read as {}, a legacy 8-bit Vietnamese encoding; convert it to UTF-8 to be sure",
                encoding.name()
            )),
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut dropped = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        dropped += usize::from(!chunk.invalid().is_empty());
    }
    let advice = if legacy::looks_legacy(bytes) {
        "; it looks like a legacy 8-bit Vietnamese encoding (TCVN3/VNI); convert it to UTF-8"
    } else {
        ""
    };
    Decoded {
        text,
        warning: Some(format!(
            "invalid UTF-8 from byte {}: {dropped} bad sequence(s) dropped, the rest indexed{advice}",
            error.valid_up_to()
        )),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => bad += 1,
        }
    }
    let odd = bytes.len() % 2 == 1;
    Decoded {
        text,
        warning: utf16_warning(bad, odd),
    }
}

/// What to say about UTF-16 that was not clean.
pub(crate) fn utf16_warning(bad: usize, odd: bool) -> Option<String> {
    (bad > 0 || odd).then(|| {
        format!(
            "invalid UTF-16: {bad} unpaired surrogate(s){} dropped, the rest indexed",
            if odd { " and a trailing odd byte" } else { "" }
        )
    })
}

/// Streams UTF-16 (after its byte-order mark) as UTF-8, so that a UTF-16 JSON Lines file of
/// any size is read line by line like any other, in bounded memory.
pub(crate) struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    out: Vec<u8>,
    at: usize,
    /// A high surrogate waiting for its low half.
    pending: Option<u16>,
    /// The first byte of a code unit split across two reads.
    carry: Option<u8>,
    bad: usize,
    odd: bool,
    eof: bool,
}

impl<R: std::io::BufRead> Utf16Reader<R> {
    pub(crate) fn new(inner: R, big_endian: bool) -> Self {
        Utf16Reader {
            inner,
            big_endian,
            out: Vec::new(),
            at: 0,
            pending: None,
            carry: None,
            bad: 0,
            odd: false,
            eof: false,
        }
    }

    /// What was wrong with the stream so far, like [`decode`] says it.
    pub(crate) fn warning(&self) -> Option<String> {
        utf16_warning(self.bad, self.odd)
    }

    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.at = 0;
        let big_endian = self.big_endian;
        let chunk = loop {
            match self.inner.fill_buf() {
                Ok(c) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if chunk.is_empty() {
            self.eof = true;
            self.bad += usize::from(self.pending.take().is_some());
            self.odd |= self.carry.take().is_some();
            return Ok(());
        }
        let unit = |pair: [u8; 2]| {
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        };
        let mut units = Vec::with_capacity(chunk.len() / 2 + 1);
        let mut rest = chunk;
        if let Some(first) = self.carry {
            units.push(unit([first, rest[0]]));
            rest = &rest[1..];
        }
        let mut pairs = rest.chunks_exact(2);
        units.extend(pairs.by_ref().map(|p| unit([p[0], p[1]])));
        let carry = pairs.remainder().first().copied();
        let consumed = chunk.len();
        self.carry = carry;
        self.inner.consume(consumed);
        for u in units {
            self.push_unit(u);
        }
        Ok(())
    }

    fn push_unit(&mut self, u: u16) {
        let c = match u {
            0xD800..=0xDBFF => {
                self.bad += usize::from(self.pending.replace(u).is_some());
                return;
            }
            0xDC00..=0xDFFF => match self.pending.take() {
                Some(high) => {
                    0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(u) - 0xDC00)
                }
                None => {
                    self.bad += 1;
                    return;
                }
            },
            _ => {
                self.bad += usize::from(self.pending.take().is_some());
                u32::from(u)
            }
        };
        if let Some(c) = char::from_u32(c) {
            let mut buf = [0; 4];
            self.out
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

impl<R: std::io::BufRead> std::io::Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = (self.out.len() - self.at).min(buf.len());
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn plain_and_bom_utf8() {
        assert_eq!(decode("Đại hội".as_bytes()).unwrap().text, "Đại hội");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend("Đại hội".as_bytes());
        assert_eq!(
            decode(&bom).unwrap(),
            Decoded {
                text: "Đại hội".into(),
                warning: None
            }
        );
    }

    #[test]
    fn utf16_both_orders() {
        assert_eq!(decode(&utf16le("Thành ủy")).unwrap().text, "Thành ủy");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Thành ủy".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().text, "Thành ủy");
    }

    #[test]
    fn invalid_utf8_keeps_the_valid_part_and_says_so() {
        let d = decode(b"Dai \xFF\xFEhoi").unwrap();
        assert_eq!(d.text, "Dai hoi");
        assert!(d.warning.unwrap().contains("invalid UTF-8 from byte 4"));
    }

    #[test]
    fn legacy_encodings_are_converted_or_named() {
        let d = decode(b"\xa7\xb9i h\xe9i \xa7\xb6ng b\xe9 c\xf1a t\xd8nh").unwrap();
        assert_eq!(d.text, "Đại hội Đảng bộ của tỉnh");
        assert!(d.warning.unwrap().contains("read as TCVN3 (ABC)"));
        // Latin-1 is neither UTF-8 nor Vietnamese: the ASCII is kept, and the file named.
        let d = decode(b"Le caf\xe9 est tr\xe8s bon, \xe0 la fran\xe7aise").unwrap();
        assert_eq!(d.text, "Le caf est trs bon,  la franaise");
        assert!(d
            .warning
            .unwrap()
            .contains("looks like a legacy 8-bit Vietnamese encoding"));
    }

    #[test]
    fn utf16_streams_like_it_decodes() {
        use std::io::Read;
        let text = "Đảng bộ 😀 Thành ủy\n".repeat(50);
        for (big_endian, mut bytes) in [
            (
                false,
                text.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ),
            (
                true,
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ),
        ] {
            // An unpaired surrogate and an odd trailing byte, reported like `decode` does.
            let lone = if big_endian {
                [0xD8, 0x00]
            } else {
                [0x00, 0xD8]
            };
            bytes.extend(lone);
            bytes.push(b'x');
            for capacity in [1, 2, 3, 7, 4096] {
                let buffered = std::io::BufReader::with_capacity(capacity, &bytes[..]);
                let mut reader = Utf16Reader::new(buffered, big_endian);
                let mut out = String::new();
                reader.read_to_string(&mut out).unwrap();
                assert_eq!(out, text, "capacity {capacity}");
                let bom: &[u8] = if big_endian {
                    &[0xFE, 0xFF]
                } else {
                    &[0xFF, 0xFE]
                };
                let whole = decode(&[bom, &bytes[..]].concat()).unwrap();
                assert_eq!(reader.warning(), whole.warning);
                assert_eq!(whole.text, text);
            }
        }
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"%PDF-1.4\x00\x01\x02").unwrap_err(),
            "binary file (NUL bytes), not text"
        );
        let bomless: Vec<u8> = "Đảng bộ tỉnh"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(&bomless)
            .unwrap_err()
            .starts_with("UTF-16 without a byte-order mark"));
    }
}
