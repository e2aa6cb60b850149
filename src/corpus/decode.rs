//! Bytes to text: byte-order marks, UTF-16 (the VNTC corpus was published that way) and
//! invalid UTF-8, which is replaced and reported rather than dropping the file.

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
        return Err("binary file (NUL bytes), not text".to_owned());
    }
    Ok(utf8_lossy(bytes))
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            warning: None,
        },
        Err(e) => {
            let bad = String::from_utf8_lossy(bytes);
            let replaced = bad.matches('\u{FFFD}').count();
            Decoded {
                text: bad.replace('\u{FFFD}', ""),
                warning: Some(format!(
                    "invalid UTF-8 from byte {}: {replaced} bad sequence(s) dropped, the rest indexed",
                    e.valid_up_to()
                )),
            }
        }
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
    let warning = (bad > 0 || odd).then(|| {
        format!(
            "invalid UTF-16: {bad} unpaired surrogate(s){} dropped, the rest indexed",
            if odd { " and a trailing odd byte" } else { "" }
        )
    });
    Decoded { text, warning }
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
    fn binary_is_refused() {
        assert!(decode(b"%PDF-1.4\x00\x01\x02").is_err());
    }
}
