//! Repairing query words typed with a Vietnamese input method switched off.
//!
//! With Telex or VNI off, the keystrokes that would have made the marks stay in the text as
//! letters or digits: "ddaij hooij" for "đại hội", "da9i ho6i5" for "đại hội". We decode such a
//! word back to a syllable, but only when the word is not already Vietnamese (with or without
//! marks) and the decoding is a valid Vietnamese syllable; the result is meant as an extra
//! alternative for the query, beside the word as typed.
//!
//! Telex keys: `aa` â, `aw` ă, `ee` ê, `oo` ô, `ow` ơ, `uw` ư, `uow` ươ, a lone `w` ư, `dd` đ;
//! tones `s` sắc, `f` huyền, `r` hỏi, `x` ngã, `j` nặng, `z` cancelling a tone key. VNI keys:
//! `1`–`5` the tones in the same order, `0` cancelling, `6` circumflex, `7` horn, `8` breve,
//! `9` đ. Where the keys go: `aa ee oo dd` doubled in place; `w` right after its vowel or
//! later ("nguoiwf" → "người"); the tone keys `f x j` at the end or right after the vowels
//! ("hojc" → "học"), but `s` and `r` only at the end, since letters after them spell English
//! ("most", "turn"); VNI digits anywhere after their letter ("da9i" → "đai").

use super::abbrev::expansions_of_written;
use super::letters::{is_vowel, Tone};
use super::phonotactics::{is_folded_syllable, is_valid_parts};
use super::roman::roman_to_u32;
use super::syllable::push_canonical;

/// No syllable needs more keystrokes than this ("nghieengx" is 9).
const MAX_INPUT_LEN: usize = 16;

/// Frequent English words that are also Telex typings of a valid syllable: "this" would be
/// "thí", "door" "dổ", "how" "hơ", "of" "ò". They are left alone. The list was made by running
/// the decoder over the most frequent English words and keeping those whose English reading
/// is far more likely in a query; where the Vietnamese reading is a common word ("hair" is
/// hải, "bans" bán, "cans" cán, "own" ơn), the word stays repairable.
const NOT_TELEX: &[&str] = &[
    "af", "ar", "as", "ax", "er", "ex", "if", "is", "of", "or", "os", "ox", "ur", "us", //
    "bar", "bee", "been", "boats", "boom", "boots", "bow", "bus", "box", "car", "chair", "chips",
    "cow", "dawn", "days", "des", "does", "door", "down", "gas", "goes", "gown", "guns", "guys",
    "has", "her", "his", "how", "keeps", "lee", "lets", "loans", "los", "low", "meets", "moon",
    "mow", "noon", "nor", "now", "owns", "pair", "pawn", "pays", "per", "poor", "puts", "roof",
    "room", "rooms", "roots", "row", "runs", "says", "see", "seem", "seems", "seen", "sees", "sex",
    "sir", "soon", "sow", "tar", "tax", "tee", "teen", "thats", "this", "thus", "tips", "too",
    "tow", "town", "towns", "tree", "trees", "trips", "troops", "vow", "war", "was",
];

/// Every syllable `word` may have been meant as when typed in Telex or VNI with the input
/// method off, most literal first: the decodings of the keys as typed, then the same with a
/// plain initial `d` read as a forgotten `đ` ("dangr" → "dảng", "đảng"; "daif" → "dài",
/// "đài"). Empty if `word` is already Vietnamese, is not such a typing, or is too likely
/// something else (an English word, a Roman numeral, an abbreviation, a code like "U23").
///
/// Phonotactics cannot tell a real word from a merely possible one ("dảng" is possible), nor
/// an English word from a typing ("its" is "ít" in Telex), so a query layer should keep the
/// candidates that occur in its index, as alternatives beside the word as typed.
///
/// Candidates are lower-case with canonical tone placement ([`push_canonical`]), except that
/// an initial capital, or an all-capital word, keeps its capitals: "Vieetj" → "Việt",
/// "DDAIJ" → "ĐẠI".
pub fn repair_candidates(word: &str) -> Vec<String> {
    let Some(lower) = typed_keys(word) else {
        return Vec::new();
    };
    let decodings = if lower.bytes().any(|b| b.is_ascii_digit()) {
        // Capitals with digits are codes and formulas ("CO2", "MH370"), never VNI.
        if word.bytes().any(|b| b.is_ascii_lowercase()) {
            decode_vni(&lower).into_iter().collect()
        } else {
            Vec::new()
        }
    } else {
        decode_telex(&lower)
    };
    // A decoding without any mark is the word itself minus some keys ("top10" → "top").
    let decodings: Vec<(Vec<char>, Tone)> = decodings
        .into_iter()
        .filter(|(bases, tone)| *tone != Tone::Level || bases.iter().any(|c| !c.is_ascii()))
        .collect();
    let with_stroke = decodings.iter().filter_map(|(bases, tone)| {
        let mut bases = bases.clone();
        let first = bases.first_mut().filter(|c| **c == 'd')?;
        *first = 'đ';
        Some((bases, *tone))
    });
    let mut out: Vec<String> = Vec::new();
    for (bases, tone) in decodings.iter().cloned().chain(with_stroke) {
        if !is_valid_parts(&bases, tone) {
            continue;
        }
        let mut text = String::with_capacity(lower.len() + 4);
        push_canonical(&bases, tone, &mut text);
        let text = restore_case(word, &text);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The lower-cased keys of `word` if it may be a typing at all: 2 to 16 ASCII letters and
/// digits with at least one letter, not already a Vietnamese syllable (marked or folded), and
/// not something else that happens to decode.
fn typed_keys(word: &str) -> Option<String> {
    // One character is a letter or a digit, not a typing ("w" would be ư).
    if word.len() < 2 || word.len() > MAX_INPUT_LEN {
        return None;
    }
    if !word.bytes().all(|b| b.is_ascii_alphanumeric())
        || !word.bytes().any(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    // ASCII words are their own fold, so this also rules out the valid toneless ones.
    if is_folded_syllable(&lower) || is_something_else(word, &lower) {
        return None;
    }
    Some(lower)
}

/// Words that look like keystrokes but are better read as what they are.
fn is_something_else(word: &str, lower: &str) -> bool {
    NOT_TELEX.contains(&lower)
        || roman_to_u32(lower).is_some()
        || !expansions_of_written(word).is_empty()
}

/// Applies the capitals of `typed` to `decoded`: all capitals if every letter of a word of
/// two or more letters is a capital, else an initial capital if the first is one.
fn restore_case(typed: &str, decoded: &str) -> String {
    let letters = || typed.chars().filter(char::is_ascii_alphabetic);
    let all_caps = letters().count() >= 2 && letters().all(|c| c.is_ascii_uppercase());
    if all_caps {
        return decoded.chars().flat_map(char::to_uppercase).collect();
    }
    let mut chars = decoded.chars();
    match (typed.chars().next(), chars.next()) {
        (Some(t), Some(first)) if t.is_ascii_uppercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => decoded.to_string(),
    }
}

/// The letters decoded so far.
#[derive(Default)]
struct Decoded {
    bases: Vec<char>,
    tone: Option<Tone>,
    /// A tone key was given (and perhaps cancelled): a second one is refused, since "bass",
    /// "u22" or "h5n1" are not typings of one syllable.
    tone_keyed: bool,
}

impl Decoded {
    fn has_vowel(&self) -> bool {
        self.bases.iter().any(|&c| is_vowel(c))
    }

    /// The indices of the last run of vowels: the nucleus a shape key applies to.
    fn nucleus(&self) -> std::ops::Range<usize> {
        let end = match self.bases.iter().rposition(|&c| is_vowel(c)) {
            Some(i) => i + 1,
            None => return 0..0,
        };
        let start = self.bases[..end]
            .iter()
            .rposition(|&c| !is_vowel(c))
            .map_or(0, |i| i + 1);
        start..end
    }

    fn set_tone(&mut self, tone: Tone) -> Option<()> {
        if self.tone_keyed || !self.has_vowel() {
            return None;
        }
        self.tone_keyed = true;
        self.tone = Some(tone);
        Some(())
    }

    /// `z` or `0`: takes back the tone key just given.
    fn cancel_tone(&mut self) -> Option<()> {
        self.tone.take().map(|_| ())
    }

    /// Horn (ơ ư) or breve (ă) from a `w` or `7`/`8`: `choice` picks among the vowels that
    /// could take it, last first ("mua" + w is "mưa" or "muă"). `uo` takes the horn on both.
    fn hook(&mut self, choice: usize, horn: bool, breve: bool) -> Option<()> {
        let run = self.nucleus();
        let vowels = &mut self.bases[run.clone()];
        if horn {
            if let Some(i) = vowels
                .windows(2)
                .position(|w| matches!(w, ['u' | 'ư', 'o' | 'ơ']) && w != ['ư', 'ơ'])
            {
                if choice != 0 {
                    return None;
                }
                vowels[i] = 'ư';
                vowels[i + 1] = 'ơ';
                return Some(());
            }
        }
        let target = vowels
            .iter()
            .enumerate()
            .rev()
            .filter(|&(_, &c)| (horn && matches!(c, 'o' | 'u')) || (breve && c == 'a'))
            .nth(choice)
            .map(|(i, _)| i)?;
        vowels[target] = match vowels[target] {
            'o' => 'ơ',
            'u' => 'ư',
            _ => 'ă',
        };
        Some(())
    }

    /// Circumflex on the last a/e/o of the nucleus (VNI `6`).
    fn circumflex(&mut self) -> Option<()> {
        let run = self.nucleus();
        let vowels = &mut self.bases[run];
        let c = vowels
            .iter_mut()
            .rev()
            .find(|c| matches!(c, 'a' | 'e' | 'o'))?;
        *c = hat(*c);
        Some(())
    }

    fn into_parts(self) -> (Vec<char>, Tone) {
        (self.bases, self.tone.unwrap_or(Tone::Level))
    }
}

fn hat(c: char) -> char {
    match c {
        'a' => 'â',
        'e' => 'ê',
        'o' => 'ô',
        other => other,
    }
}

fn telex_tone(key: u8) -> Option<Tone> {
    Some(match key {
        b's' => Tone::Acute,
        b'f' => Tone::Grave,
        b'r' => Tone::Hook,
        b'x' => Tone::Tilde,
        b'j' => Tone::Dot,
        _ => return None,
    })
}

/// Decodes a lower-case ASCII Telex word. A `w` that could go on several vowels is tried on
/// each, last first ("muaw": "muă", then "mưa"); the valid ones are kept by the caller.
fn decode_telex(word: &str) -> Vec<(Vec<char>, Tone)> {
    let mut out = Vec::new();
    for choice in 0..3 {
        if let Some(d) = decode_telex_with(word, choice) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

fn decode_telex_with(word: &str, w_choice: usize) -> Option<(Vec<char>, Tone)> {
    let mut d = Decoded::default();
    let mut prev: Option<u8> = None;
    // `s` and `r` go last when they are tone keys: letters after them make English clusters
    // ("most", "last", "turn", "term"), not Vietnamese codas. Only `z` may follow.
    let mut must_end = false;
    for key in word.bytes() {
        if must_end && key != b'z' {
            return None;
        }
        match key {
            b'd' if d.bases == ['d'] && prev == Some(b'd') => d.bases[0] = 'đ',
            b'a' | b'e' | b'o' if prev == Some(key) && d.bases.last() == Some(&(key as char)) => {
                if let Some(last) = d.bases.last_mut() {
                    *last = hat(*last);
                }
            }
            b'w' => {
                if d.hook(w_choice, true, true).is_none() {
                    // No vowel to hook: a lone w is ư ("nhw" → "như").
                    if w_choice != 0 || d.tone_keyed {
                        return None;
                    }
                    d.bases.push('ư');
                }
            }
            b'z' if d.tone_keyed => d.cancel_tone()?,
            _ if d.has_vowel() && telex_tone(key).is_some() => {
                d.set_tone(telex_tone(key)?)?;
                must_end = matches!(key, b's' | b'r');
            }
            _ => {
                let c = key as char;
                // A vowel after the tone key ("dose" → d o s e) is English, not Telex.
                if d.tone_keyed && is_vowel(c) {
                    return None;
                }
                d.bases.push(c);
            }
        }
        prev = Some(key);
    }
    Some(d.into_parts())
}

/// Decodes a lower-case ASCII VNI word: letters with digit keys.
fn decode_vni(word: &str) -> Option<(Vec<char>, Tone)> {
    // One letter and digits is a code ("A1", "U2"), not a typing.
    if word.bytes().filter(u8::is_ascii_alphabetic).count() < 2 {
        return None;
    }
    let mut d = Decoded::default();
    for key in word.bytes() {
        match key {
            b'1' => d.set_tone(Tone::Acute)?,
            b'2' => d.set_tone(Tone::Grave)?,
            b'3' => d.set_tone(Tone::Hook)?,
            b'4' => d.set_tone(Tone::Tilde)?,
            b'5' => d.set_tone(Tone::Dot)?,
            b'0' => d.cancel_tone()?,
            b'6' => d.circumflex()?,
            b'7' => d.hook(0, true, false)?,
            b'8' => d.hook(0, false, true)?,
            b'9' => match d.bases.first_mut() {
                Some(c @ 'd') => *c = 'đ',
                _ => return None,
            },
            _ => d.bases.push(key as char),
        }
    }
    Some(d.into_parts())
}

#[cfg(test)]
mod tests {
    /// The literal decoding: the first candidate.
    fn repair_typed_word(word: &str) -> Option<String> {
        repair_candidates(word).into_iter().next()
    }

    use super::*;
    use crate::text::phonotactics::{is_vietnamese_syllable, spellings};
    use proptest::prelude::*;

    fn check(pairs: &[(&str, &str)]) {
        for &(typed, want) in pairs {
            assert_eq!(repair_typed_word(typed).as_deref(), Some(want), "{typed}");
        }
    }

    #[test]
    fn telex() {
        check(&[
            ("ddaij", "đại"),
            ("hooij", "hội"),
            ("dangr", "dảng"),
            ("ddangr", "đảng"),
            ("booj", "bộ"),
            ("nguowif", "người"),
            ("nguoiwf", "người"),
            ("truwowngf", "trường"),
            ("truowngf", "trường"),
            ("truongwf", "trường"),
            ("quoocs", "quốc"),
            ("Vieetj", "Việt"),
            ("vieetj", "việt"),
            ("vieejt", "việt"),
            ("VIEETJ", "VIỆT"),
            ("DDaij", "Đại"),
            ("hojc", "học"),
            ("hocj", "học"),
            ("tieengs", "tiếng"),
            ("nuwowcs", "nước"),
            ("nuowcs", "nước"),
            ("dduwcs", "đức"),
            ("chinhs", "chính"),
            ("trij", "trị"),
            ("huyeenj", "huyện"),
            ("tinhr", "tỉnh"),
            ("uyr", "ủy"),
            ("thanhf", "thành"),
            ("phoos", "phố"),
            ("xax", "xã"),
            ("nhw", "như"),
            ("tuwf", "từ"),
            ("muwa", "mưa"),
            ("muaw", "mưa"),
            ("quawn", "quăn"),
            ("awn", "ăn"),
            ("own", "ơn"),
            ("ys", "ý"),
            ("khuyr", "khủy"),
            ("khuyur", "khuỷu"),
            ("nghieeng", "nghiêng"),
            ("giuwax", "giữa"),
            ("hoaf", "hòa"),
            ("thuyr", "thủy"),
            ("dduowcj", "được"),
            ("hoosz", "hô"),
            ("cungx", "cũng"),
            ("ddoongf", "đồng"),
            ("chis", "chí"),
            ("cans", "cán"),
            ("hair", "hải"),
            ("its", "ít"),
            ("khoong", "không"),
            ("oong", "ông"),
        ]);
    }

    #[test]
    fn vni() {
        check(&[
            ("da9i", "đai"),
            ("da9i5", "đại"),
            ("d9ai5", "đại"),
            ("ho6i5", "hội"),
            ("Vie65t", "Việt"),
            ("vie6t5", "việt"),
            ("nguo7i2", "người"),
            ("ngu7o7i2", "người"),
            ("tru7o7ng2", "trường"),
            ("quo6c1", "quốc"),
            ("d9a3ng", "đảng"),
            ("d9ang3", "đảng"),
            ("ba8n", "băn"),
            ("mu7a", "mưa"),
            ("kho6ng", "không"),
            ("co2", "cò"),
        ]);
    }

    #[test]
    fn candidates_add_a_forgotten_stroke() {
        assert_eq!(repair_candidates("dangr"), ["dảng", "đảng"]);
        assert_eq!(repair_candidates("daif"), ["dài", "đài"]);
        assert_eq!(repair_candidates("Daij"), ["Dại", "Đại"]);
        assert_eq!(repair_candidates("da5i"), ["dại", "đại"]);
        assert_eq!(repair_candidates("ddaij"), ["đại"]);
        assert_eq!(repair_candidates("da9i"), ["đai"]);
        assert_eq!(repair_candidates("hooij"), ["hội"]);
        assert_eq!(repair_candidates("muaw"), ["mưa"]);
        assert_eq!(repair_candidates("dai"), Vec::<String>::new());
        assert_eq!(repair_candidates("this"), Vec::<String>::new());
    }

    #[test]
    fn ordinary_words_are_left_alone() {
        let words = "
            da hoi dang bo tu sa viet nam nguoi boong xoong đại hội Đảng quốc ga gi dai
            2025 0 12345 u23 U19 a1 A1 b52 h5n1 f16 mp3 g7 top10 cho10 covid19 a320 x2 5a 1a1
            CO2 H2O DA9I5 MH370
            xix XIX mix MIX lix dix xiv xx TW tw UBND ubnd TP HCM BCH TT VN
            the and door how bus car bar tax box sex of is as us if or see moon town down dose
            nose rose hose lose more bass boss miss new view free quiz jazz dad did hello world
            news asean fifa wto usd gdp online website internet video this was his has most last
            best must turn term born test trust list post cost
            ddd aaa ww hoisj hosf dajz nguowifs tieesng w z s j q
        ";
        for word in words.split_whitespace() {
            assert_eq!(repair_typed_word(word), None, "{word}");
        }
        for word in [
            "",
            "đaij",
            "hô\u{0301}",
            "ddaij!",
            "dd-aij",
            "dd aij",
            "nghieengxxxxxxxxxx",
        ] {
            assert_eq!(repair_typed_word(word), None, "{word:?}");
        }
    }

    #[test]
    fn restores_capitals() {
        assert_eq!(restore_case("Vieetj", "việt"), "Việt");
        assert_eq!(restore_case("VIEETJ", "việt"), "VIỆT");
        assert_eq!(restore_case("vIEETJ", "việt"), "việt");
        assert_eq!(restore_case("Ddaij", "đại"), "Đại");
        assert_eq!(restore_case("", ""), "");
    }

    /// Types `syllable` (lower-case, marked) in Telex or VNI the usual way: shape keys right
    /// after their letter, the tone key last.
    fn type_out(syllable: &str, vni: bool) -> String {
        let (bases, tone) = crate::text::phonotactics::read_letters(syllable).unwrap();
        let mut keys = String::new();
        for b in bases {
            let (letter, key) = match b {
                'đ' => ('d', if vni { "9" } else { "d" }),
                'â' => ('a', if vni { "6" } else { "a" }),
                'ê' => ('e', if vni { "6" } else { "e" }),
                'ô' => ('o', if vni { "6" } else { "o" }),
                'ă' => ('a', if vni { "8" } else { "w" }),
                'ơ' => ('o', if vni { "7" } else { "w" }),
                'ư' => ('u', if vni { "7" } else { "w" }),
                other => (other, ""),
            };
            keys.push(letter);
            keys.push_str(key);
        }
        let tone_key = ["", "s", "f", "r", "x", "j"][tone as usize];
        let tone_digit = ["", "1", "2", "3", "4", "5"][tone as usize];
        keys.push_str(if vni { tone_digit } else { tone_key });
        keys
    }

    /// Every marked syllable the inventory allows, typed in Telex or VNI, decodes back to
    /// itself, except for the few spellings the keys themselves make ambiguous and the words
    /// deliberately left alone: the English stop list, Roman numerals ("xix" is xĩ) and the
    /// loan words whose "oo" reads as Telex ô ("boong" is bông).
    #[test]
    fn every_syllable_round_trips() {
        let tones = Tone::ALL;
        let mut checked = 0;
        let mut left_alone = Vec::new();
        for spelling in spellings() {
            // "oong" typed is "ông"; "uơ" typed is "ươ": Telex and VNI cannot write them.
            if spelling.contains("oo") || spelling.contains("uơ") {
                continue;
            }
            let bases: Vec<char> = spelling.chars().collect();
            for tone in tones {
                if !is_valid_parts(&bases, tone) {
                    continue;
                }
                let mut syllable = String::new();
                push_canonical(&bases, tone, &mut syllable);
                if !crate::text::has_diacritics(&syllable) {
                    continue;
                }
                for vni in [false, true] {
                    // One letter and a digit reads as a code ("A1"), by design.
                    if vni && bases.len() < 2 {
                        continue;
                    }
                    let typed = type_out(&syllable, vni);
                    if typed_keys(&typed).is_none() {
                        left_alone.push(typed);
                        continue;
                    }
                    let got = repair_candidates(&typed);
                    assert_eq!(got.first(), Some(&syllable), "{typed}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 20_000, "{checked}");
        left_alone.sort();
        left_alone.retain(|w| !NOT_TELEX.contains(&w.as_str()));
        assert_eq!(
            left_alone,
            ["boong", "coong", "dix", "ix", "lix", "loong", "mix", "xix", "xoong"]
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            prop_assert!(repair_candidates(&s).is_empty() || s.is_ascii());
        }

        #[test]
        fn candidates_are_valid_syllables_of_invalid_words(s in "[a-zA-Z0-9]{0,17}") {
            let found = repair_candidates(&s);
            if !found.is_empty() {
                prop_assert!(!is_folded_syllable(&s.to_ascii_lowercase()));
            }
            for c in found {
                prop_assert!(is_vietnamese_syllable(&c), "{} → {}", s, c);
            }
        }

        #[test]
        fn keystroke_like_words_decode_to_valid_syllables(s in "(dd|[bcdghklmnpqrstvx]{0,3})(a|e|o|u|i|y|aa|ee|oo|uw|ow|aw|uow){1,2}(c|ch|m|n|ng|nh|p|t)?[sfrxjw]?") {
            for c in repair_candidates(&s) {
                prop_assert!(is_vietnamese_syllable(&c), "{} → {}", s, c);
            }
        }
    }
}
