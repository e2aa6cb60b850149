//! Bytes to text: byte-order marks, UTF-16 (the VNTC corpus was published that way),
//! legacy 8-bit Vietnamese encodings ([`super::legacy`]) and invalid UTF-8, which is dropped
//! and reported rather than dropping the file.

use super::legacy;
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

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
    match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding == UTF_8 => return Ok(utf8_lossy(&bytes[bom..])),
        Some((utf16, bom)) => {
            let mut decoder = Utf16::new(utf16);
            let mut text = String::new();
            decoder.decode(&bytes[bom..], true, &mut text);
            let warning = decoder.warning();
            return Ok(Decoded { text, warning });
        }
        None => {}
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

/// A UTF-16 decoder (LE or BE, after the byte-order mark) that drops what is not UTF-16 and
/// counts it: unpaired surrogates, and an odd byte at the end.
struct Utf16 {
    decoder: encoding_rs::Decoder,
    /// Bytes dropped: two for each unpaired surrogate, one for an odd trailing byte.
    dropped: usize,
}

impl Utf16 {
    fn new(encoding: &'static Encoding) -> Utf16 {
        Utf16 {
            decoder: encoding.new_decoder_without_bom_handling(),
            dropped: 0,
        }
    }

    /// Decodes the next bytes onto `out`; `last` for the end of the stream.
    fn decode(&mut self, mut bytes: &[u8], last: bool, out: &mut String) {
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(bytes.len());
            out.reserve(room.unwrap_or(bytes.len()));
            let (result, read) = self
                .decoder
                .decode_to_string_without_replacement(bytes, out, last);
            bytes = &bytes[read..];
            match result {
                DecoderResult::InputEmpty => return,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, _) => self.dropped += usize::from(bad),
            }
        }
    }

    /// What was wrong with the bytes so far.
    fn warning(&self) -> Option<String> {
        let (bad, odd) = (self.dropped / 2, self.dropped % 2 == 1);
        (bad > 0 || odd).then(|| {
            format!(
                "invalid UTF-16: {bad} unpaired surrogate(s){} dropped, the rest indexed",
                if odd { " and a trailing odd byte" } else { "" }
            )
        })
    }
}

/// Streams UTF-16 (after its byte-order mark) as UTF-8, so that a UTF-16 JSON Lines file of
/// any size is read line by line like any other, in bounded memory.
pub(crate) struct Utf16Reader<R> {
    inner: R,
    utf16: Utf16,
    out: String,
    at: usize,
    eof: bool,
}

impl<R: std::io::BufRead> Utf16Reader<R> {
    pub(crate) fn new(inner: R, big_endian: bool) -> Self {
        Utf16Reader {
            inner,
            utf16: Utf16::new(if big_endian { UTF_16BE } else { UTF_16LE }),
            out: String::new(),
            at: 0,
            eof: false,
        }
    }

    /// What was wrong with the stream so far, like [`decode`] says it.
    pub(crate) fn warning(&self) -> Option<String> {
        self.utf16.warning()
    }

    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.at = 0;
        let chunk = loop {
            match self.inner.fill_buf() {
                Ok(c) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.eof = chunk.is_empty();
        let consumed = chunk.len();
        self.utf16.decode(chunk, self.eof, &mut self.out);
        self.inner.consume(consumed);
        Ok(())
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
        buf[..n].copy_from_slice(&self.out.as_bytes()[self.at..self.at + n]);
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
