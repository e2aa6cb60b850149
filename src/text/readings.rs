//! The accented readings of a syllable typed without marks: "dai" may be đại, đài, dài, dải,
//! ... Every reading is spelled as the exact-level analyzer writes it (lower case, canonical
//! tone placement), so it can be looked up in the index as is.
//!
//! The inventory comes from [`phonotactics::spellings`]: every valid toneless spelling with
//! every tone that fits it. A query layer asks the index which readings occur and how often
//! (accent restoration, typo correction); this module knows only what Vietnamese allows.

use super::letters::Tone;
use super::phonotactics::{is_valid_parts, spellings};
use super::syllable::push_canonical;
use super::{key, Level};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Folded spelling → its readings, built once.
static READINGS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for spelling in spellings() {
        let bases: Vec<char> = spelling.chars().collect();
        for tone in Tone::ALL {
            if !is_valid_parts(&bases, tone) {
                continue;
            }
            let mut reading = String::with_capacity(spelling.len() + 2);
            push_canonical(&bases, tone, &mut reading);
            map.entry(key(&reading, Level::Folded))
                .or_default()
                .push(reading);
        }
    }
    for readings in map.values_mut() {
        readings.sort();
        readings.dedup();
    }
    map
});

/// Every syllable that folds to `folded` (lower case, no marks), in a fixed order; empty when
/// no Vietnamese syllable does ("ubnd", "2020").
pub fn readings(folded: &str) -> &'static [String] {
    READINGS.get(folded).map(Vec::as_slice).unwrap_or(&[])
}

/// Whether `folded` is some Vietnamese syllable without its marks.
pub fn is_folded_reading(folded: &str) -> bool {
    READINGS.contains_key(folded)
}

/// The readings of `exact` (a syllable as the exact level writes it) that differ from it
/// only in tone: "hôi" → hồi, hối, hổi, hỗi, hội. `exact` itself is left out.
pub fn other_tones(exact: &str) -> Vec<&'static str> {
    let folded = key(exact, Level::Folded);
    let toneless = strip_tone(exact);
    readings(&folded)
        .iter()
        .filter(|r| r.as_str() != exact && strip_tone(r) == toneless)
        .map(String::as_str)
        .collect()
}

/// The spelling without its tone mark, shape marks kept ("hội" → "hôi", "đường" → "đương").
fn strip_tone(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| {
            !matches!(
                c,
                '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
            )
        })
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_common_syllables() {
        let dai = readings("dai");
        for r in ["đại", "đài", "dài", "dải", "đái", "dai"] {
            assert!(dai.iter().any(|x| x == r), "{r} missing from {dai:?}");
        }
        assert!(readings("hoi").iter().any(|x| x == "hội"));
        assert!(readings("dang").iter().any(|x| x == "đảng"));
        // Canonical placement, as the exact analyzer writes it.
        assert!(readings("hoa").iter().any(|x| x == "hóa"));
        assert!(readings("thuy").iter().any(|x| x == "thủy"));
    }

    #[test]
    fn checked_syllables_take_only_two_tones() {
        let mut hoc: Vec<&str> = readings("hoc").iter().map(String::as_str).collect();
        hoc.sort();
        assert_eq!(hoc, ["hóc", "học", "hốc", "hộc"]);
    }

    #[test]
    fn no_readings_for_non_syllables() {
        assert!(readings("ubnd").is_empty());
        assert!(readings("2020").is_empty());
        assert!(!is_folded_reading("xxiv"));
        assert!(is_folded_reading("nghieng"));
    }

    #[test]
    fn other_tones_keep_the_shape_marks() {
        let mut t = other_tones("hôi");
        t.sort();
        assert_eq!(t, ["hối", "hồi", "hổi", "hỗi", "hội"]);
        assert!(!other_tones("hội").contains(&"hội"));
    }
}
