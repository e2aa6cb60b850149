//! Canonical tone placement.
//!
//! Vietnamese writes the same syllable with its tone mark on different vowels: "thuỷ"/"thủy",
//! "hoá"/"hóa", "uỷ"/"ủy". Both spellings are correct and both occur, even in one article.
//! We strip the tone and put it back by one fixed rule, so each syllable has one spelling in
//! the exact index. The rule is the "classic" one: in an open `oa`, `oe`, `uy` the tone sits on
//! the first vowel ("hóa", "thủy"), which is the more common spelling in today's press.

use super::letters::{is_marked_vowel, is_vowel, with_tone, Tone};

/// Where the tone of a syllable goes, as an index into `bases`, or `None` if it has no vowel.
///
/// `bases` are lower-case letters without tone marks.
pub fn tone_position(bases: &[char]) -> Option<usize> {
    let start = nucleus_start(bases)?;
    let mut end = start;
    while end < bases.len() && is_vowel(bases[end]) {
        end += 1;
    }
    let nucleus = &bases[start..end];
    let has_coda = end < bases.len();

    // A vowel with a shape mark takes the tone; in "ươ" that is the second one.
    if let Some(i) = nucleus.iter().rposition(|&b| is_marked_vowel(b)) {
        return Some(start + i);
    }
    let pos = match nucleus.len() {
        1 => 0,
        _ if has_coda => nucleus.len() - 1,
        2 => 0,
        _ => 1,
    };
    Some(start + pos)
}

/// The first vowel of the nucleus: the `u` of "qu" and the `i` of "gi" (before another vowel)
/// belong to the initial consonant.
fn nucleus_start(bases: &[char]) -> Option<usize> {
    let first = bases.iter().position(|&b| is_vowel(b))?;
    let next_is_vowel = bases.get(first + 1).is_some_and(|&b| is_vowel(b));
    if first > 0 && next_is_vowel {
        let before = bases[first - 1];
        let glide = bases[first];
        let is_qu = before == 'q' && glide == 'u';
        let is_gi = before == 'g' && glide == 'i' && first == 1;
        if is_qu || is_gi {
            return Some(first + 1);
        }
    }
    Some(first)
}

/// Writes the canonical spelling of a syllable (`bases` plus `tone`) into `out`.
pub fn push_canonical(bases: &[char], tone: Tone, out: &mut String) {
    let at = if tone == Tone::Level {
        None
    } else {
        tone_position(bases)
    };
    for (i, &b) in bases.iter().enumerate() {
        if Some(i) == at {
            out.push(with_tone(b, tone));
        } else {
            out.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::letters::classify;

    fn canonical(word: &str) -> String {
        let mut bases = Vec::new();
        let mut tone = Tone::Level;
        for c in word.chars() {
            let l = classify(c);
            bases.push(l.base);
            if l.tone != Tone::Level {
                tone = l.tone;
            }
        }
        let mut out = String::new();
        push_canonical(&bases, tone, &mut out);
        out
    }

    #[test]
    fn both_placements_meet() {
        for (a, b) in [
            ("uỷ", "ủy"),
            ("hoá", "hóa"),
            ("thuỷ", "thủy"),
            ("hoà", "hòa"),
            ("khoẻ", "khỏe"),
            ("Thành uỷ", "thành ủy"),
        ] {
            assert_eq!(canonical(a), canonical(b), "{a} / {b}");
        }
    }

    #[test]
    fn distinct_tones_stay_distinct() {
        let forms: Vec<String> = ["hòa", "họa", "hỏa", "hóa", "hõa", "hoa"]
            .iter()
            .map(|w| canonical(w))
            .collect();
        for i in 0..forms.len() {
            for j in i + 1..forms.len() {
                assert_ne!(forms[i], forms[j]);
            }
        }
    }

    #[test]
    fn places_tones_by_rule() {
        assert_eq!(canonical("hoá"), "hóa");
        assert_eq!(canonical("thuỷ"), "thủy");
        assert_eq!(canonical("hoàng"), "hoàng");
        assert_eq!(canonical("quyết"), "quyết");
        assert_eq!(canonical("người"), "người");
        assert_eq!(canonical("giữa"), "giữa");
        assert_eq!(canonical("gì"), "gì");
        assert_eq!(canonical("quả"), "quả");
        assert_eq!(canonical("ngoài"), "ngoài");
        assert_eq!(canonical("mưa"), "mưa");
        assert_eq!(canonical("Đảng"), "đảng");
        assert_eq!(canonical("kỳ"), "kỳ");
        assert_eq!(canonical("khuỷu"), "khuỷu");
    }

    #[test]
    fn toneless_and_vowelless_syllables_pass_through() {
        assert_eq!(canonical("xyz"), "xyz");
        assert_eq!(canonical("2025"), "2025");
        assert_eq!(tone_position(&['n', 'g']), None);
    }
}
