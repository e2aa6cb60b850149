//! Legacy 8-bit Vietnamese encodings, from before Unicode took over: TCVN3 (the "ABC" fonts,
//! TCVN 5712 VN3) and VNI-Windows. Old portal archives and office documents saved as text
//! still arrive in them. Read as UTF-8 they are mostly invalid bytes, and dropping those
//! would leave "Ä¹i héi" fragments: unsearchable.
//!
//! Detection is by evidence, not by guessing from byte statistics: a candidate decoding is
//! accepted only when it produces common Vietnamese words (with their diacritics), which text
//! in any other encoding does not. When neither candidate passes, the caller falls back to
//! UTF-8 with the invalid bytes dropped, and says that the file looks like a legacy encoding.

use crate::text::tokenize::{syllables, Level};
use crate::text::{has_diacritics, normalize};
use unicode_normalization::UnicodeNormalization;

/// A legacy encoding that tracuu converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the "ABC" (.VnTime) fonts: one byte per letter.
    Tcvn3,
    /// VNI-Windows (VNI-Times fonts): a base letter followed by a byte for its marks.
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI-Windows",
        }
    }

    /// Decodes the bytes as this encoding, NFC.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Legacy::Tcvn3 => decode_tcvn3(bytes),
            Legacy::Vni => decode_vni(bytes).0,
        }
    }
}

/// How much of a file detection looks at.
const SAMPLE_BYTES: usize = 64 << 10;

/// Decodes `bytes` (which are not valid UTF-8) from the legacy encoding they are recognisably
/// Vietnamese in, if any.
pub fn detect(bytes: &[u8]) -> Option<(Legacy, String)> {
    if !bytes.iter().any(|b| *b >= 0x80) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let tcvn3 = Evidence::of(&decode_tcvn3(sample));
    let (vni_text, orphans) = decode_vni(sample);
    let mut vni = Evidence::of(&vni_text);
    if orphans * 10 > vni.accented.max(1) {
        // Mark bytes with no letter before them: not VNI.
        vni.common = 0;
    }
    let best = if vni.common > tcvn3.common {
        (Legacy::Vni, vni)
    } else {
        (Legacy::Tcvn3, tcvn3)
    };
    best.1.convincing().then(|| (best.0, best.0.decode(bytes)))
}

/// Whether bytes that are not valid UTF-8 look like some legacy 8-bit encoding rather than
/// UTF-8 with a few damaged bytes: more invalid sequences than valid non-ASCII characters.
pub fn looks_legacy(bytes: &[u8]) -> bool {
    let mut valid_non_ascii = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes[..bytes.len().min(SAMPLE_BYTES)].utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid >= 3 && invalid > valid_non_ascii
}

/// Very common Vietnamese syllables that carry diacritics: function words and the everyday
/// vocabulary of party news. Text decoded with the wrong table almost never forms them.
const COMMON: &[&str] = &[
    "của", "và", "các", "được", "những", "một", "là", "có", "đã", "người", "trong", "này", "với",
    "để", "không", "đến", "năm", "về", "từ", "tại", "theo", "nhiều", "cũng", "sẽ", "đồng", "chí",
    "đảng", "bộ", "đại", "hội", "nhân", "dân", "tỉnh", "xã", "huyện", "thành", "phố", "cán",
    "công", "tác", "phát", "triển", "kinh", "tế", "chính", "trị", "nghị", "quyết", "việc", "thực",
    "hiện", "ủy", "chấp", "hành", "nhiệm", "kỳ", "lần", "thứ", "đoàn", "kết", "lãnh", "đạo", "chỉ",
    "xây", "dựng", "động", "nước", "địa", "phương",
];

#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    /// Syllables with diacritics.
    accented: usize,
    /// Those that are common words.
    common: usize,
}

impl Evidence {
    fn of(text: &str) -> Evidence {
        let text = normalize(text);
        let mut e = Evidence::default();
        for s in syllables(&text, Level::Exact) {
            if has_diacritics(&text[s.from..s.to]) {
                e.accented += 1;
                e.common += usize::from(COMMON.contains(&s.text.as_str()));
            }
        }
        e
    }

    /// At least two common words, and at least one accented syllable in five a common word
    /// (in real text it is one in three or more).
    fn convincing(self) -> bool {
        self.common >= 2 && self.common * 5 >= self.accented
    }
}

/// Windows-1252 punctuation in 0x80–0x9F: files typed in the legacy fonts were saved by
/// Windows programs, with its curly quotes and dashes. Unassigned bytes give `None`.
fn cp1252_high(b: u8) -> Option<char> {
    const TABLE: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => match TABLE[usize::from(b - 0x80)] {
            0 => None,
            c => char::from_u32(u32::from(c)),
        },
        _ => Some(char::from(b)),
    }
}

/// TCVN 5712 for 0xA0–0xFF: the VN3 lower-case letters and capitals Ă Â Ê Ô Ơ Ư Đ, plus the
/// VN1 capitals and combining tone marks that share the range.
const TCVN_A0: [u16; 96] = [
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, // A0
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, // A8
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, // B0
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, // B8
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, // C0
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, // C8
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, // D0
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, // D8
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, // E0
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, // E8
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, // F0
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, // F8
];

fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        let c = if b >= 0xA0 {
            char::from_u32(u32::from(TCVN_A0[usize::from(b - 0xA0)]))
        } else {
            cp1252_high(b)
        };
        out.extend(c);
    }
    out.nfc().collect()
}

/// VNI-Windows letters that stand alone (no base letter before them).
fn vni_letter(b: u8) -> Option<char> {
    Some(match b {
        0xF1 => 'đ',
        0xD1 => 'Đ',
        0xF4 => 'ơ',
        0xD4 => 'Ơ',
        0xF6 => 'ư',
        0xD6 => 'Ư',
        0xEC => 'ì',
        0xCC => 'Ì',
        0xED => 'í',
        0xCD => 'Í',
        0xE6 => 'ỉ',
        0xC6 => 'Ỉ',
        0xF3 => 'ĩ',
        0xD3 => 'Ĩ',
        0xF2 => 'ị',
        0xD2 => 'Ị',
        0xEE => 'ỵ',
        0xCE => 'Ỵ',
        _ => return None,
    })
}

const GRAVE: char = '\u{0300}';
const ACUTE: char = '\u{0301}';
const HOOK: char = '\u{0309}';
const TILDE: char = '\u{0303}';
const DOT: char = '\u{0323}';
const CIRCUMFLEX: char = '\u{0302}';
const BREVE: char = '\u{0306}';

/// A VNI-Windows mark byte (lower-case and capital forms): the shape mark it adds, if any,
/// and the tone, if any.
fn vni_mark(b: u8) -> Option<(Option<char>, Option<char>)> {
    let (shape, tone) = match b {
        0xF8 | 0xD8 => (None, Some(GRAVE)),
        0xF9 | 0xD9 => (None, Some(ACUTE)),
        0xFB | 0xDB => (None, Some(HOOK)),
        0xF5 | 0xD5 => (None, Some(TILDE)),
        0xEF | 0xCF => (None, Some(DOT)),
        0xE2 | 0xC2 => (Some(CIRCUMFLEX), None),
        0xE0 | 0xC0 => (Some(CIRCUMFLEX), Some(GRAVE)),
        0xE1 | 0xC1 => (Some(CIRCUMFLEX), Some(ACUTE)),
        0xE5 | 0xC5 => (Some(CIRCUMFLEX), Some(HOOK)),
        0xE3 | 0xC3 => (Some(CIRCUMFLEX), Some(TILDE)),
        0xE4 | 0xC4 => (Some(CIRCUMFLEX), Some(DOT)),
        0xEA | 0xCA => (Some(BREVE), None),
        0xE8 | 0xC8 => (Some(BREVE), Some(GRAVE)),
        0xE9 | 0xC9 => (Some(BREVE), Some(ACUTE)),
        0xFA | 0xDA => (Some(BREVE), Some(HOOK)),
        0xFC | 0xDC => (Some(BREVE), Some(TILDE)),
        0xEB | 0xCB => (Some(BREVE), Some(DOT)),
        _ => return None,
    };
    Some((shape, tone))
}

/// Whether a VNI mark can follow `base`: tones follow any vowel, a circumflex a, e or o, a
/// breve only a.
fn vni_mark_fits(base: char, shape: Option<char>) -> bool {
    let lower = base.to_lowercase().next().unwrap_or(base);
    match shape {
        Some(CIRCUMFLEX) => matches!(lower, 'a' | 'e' | 'o'),
        Some(_) => lower == 'a',
        None => matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư'),
    }
}

/// Decodes VNI-Windows; also counts mark bytes with no fitting letter before them.
fn decode_vni(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut orphans = 0usize;
    // The letter a mark would attach to: the last character pushed, if no mark followed it.
    let mut base: Option<char> = None;
    for &b in bytes {
        if b < 0x80 {
            out.push(char::from(b));
            base = Some(char::from(b));
            continue;
        }
        if let Some(letter) = vni_letter(b) {
            out.push(letter);
            base = Some(letter);
            continue;
        }
        if let Some((shape, tone)) = vni_mark(b) {
            if base.is_some_and(|c| vni_mark_fits(c, shape)) {
                out.extend(shape);
                out.extend(tone);
                base = None;
                continue;
            }
            orphans += 1;
        }
        out.extend(cp1252_high(b));
        base = None;
    }
    (out.nfc().collect(), orphans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Đại hội Đảng bộ phường Bách Quang của tỉnh và các xã được" in TCVN3.
    const TCVN3: &[u8] = b"\xa7\xb9i h\xe9i \xa7\xb6ng b\xe9 ph\xad\xeang B\xb8ch Quang c\xf1a t\xd8nh v\xb5 c\xb8c x\xb7 \xae\xad\xeec";
    /// The same in VNI-Windows.
    const VNI: &[u8] = b"\xd1a\xefi ho\xe4i \xd1a\xfbng bo\xe4 ph\xf6\xf4\xf8ng Ba\xf9ch Quang cu\xfba t\xe6nh va\xf8 ca\xf9c xa\xf5 \xf1\xf6\xf4\xefc";
    const PLAIN: &str = "Đại hội Đảng bộ phường Bách Quang của tỉnh và các xã được";

    #[test]
    fn tcvn3_is_detected_and_converted() {
        assert_eq!(detect(TCVN3), Some((Legacy::Tcvn3, PLAIN.to_owned())));
    }

    #[test]
    fn vni_is_detected_and_converted() {
        assert_eq!(detect(VNI), Some((Legacy::Vni, PLAIN.to_owned())));
    }

    #[test]
    fn every_tcvn3_letter_converts() {
        let letters = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";
        let bytes: Vec<u8> = letters
            .chars()
            .map(|c| 0xA0 + TCVN_A0.iter().position(|&u| u == c as u16).unwrap() as u8)
            .collect();
        assert_eq!(decode_tcvn3(&bytes), letters);
    }

    #[test]
    fn other_text_is_not_taken_for_vietnamese() {
        // Latin-1 French and German, and UTF-8 with a few damaged bytes.
        for bytes in [
            &b"Le caf\xe9 est tr\xe8s bon, \xe0 la fran\xe7aise; o\xf9 est la gare?"[..],
            b"Gr\xfc\xdfe aus M\xfcnchen, sch\xf6ne Stra\xdfe",
            "Đại hội Đảng bộ \u{1}".as_bytes(),
            b"\xff\xfe\xfd plain ascii \x80",
        ] {
            assert_eq!(detect(bytes), None, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_does_not_look_legacy() {
        let mut damaged = "Đại hội Đảng bộ phường ".repeat(5).into_bytes();
        damaged.extend(b"\xff\xfe");
        assert!(!looks_legacy(&damaged));
        assert!(looks_legacy(
            b"Le caf\xe9 est tr\xe8s bon, \xe0 la fran\xe7aise"
        ));
    }

    #[test]
    fn cp1252_punctuation_survives() {
        assert_eq!(
            decode_tcvn3(b"\x93x\x94 \x96 \x81"),
            "\u{201C}x\u{201D} \u{2013} "
        );
    }
}
