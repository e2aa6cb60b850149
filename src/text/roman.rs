//! Roman numerals, and the ordinal numbers of Party news ("Đại hội XIII", "khóa XII", "lần
//! thứ 3") read in context.
//!
//! Congresses, terms and plenums are numbered in Roman numerals in print and in Arabic
//! numerals by people typing queries ("đại hội 13"). Indexing both forms at the same position
//! lets either find the other. But many numerals are also Vietnamese syllables once folded
//! ("vi" is vì, vị, vỉ...; "xi", "li", "mi", "di", "i"), so a token is read as a number only
//! right after a phrase that introduces one.

/// Values and symbols, largest first, subtractive pairs included: the canonical spelling is
/// the greedy one.
const SYMBOLS: &[(u32, &str)] = &[
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// The largest value with a canonical Roman spelling (MMMCMXCIX).
pub const MAX_ROMAN: u32 = 3999;

/// The longest canonical numeral, MMMDCCCLXXXVIII, has 15 letters.
const MAX_ROMAN_LEN: usize = 15;

/// The canonical upper-case Roman spelling of `n`, for 1..=3999.
pub fn u32_to_roman(n: u32) -> Option<String> {
    if n == 0 || n > MAX_ROMAN {
        return None;
    }
    let mut rest = n;
    let mut out = String::new();
    for &(value, symbol) in SYMBOLS {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    Some(out)
}

/// The value of a canonical Roman numeral, in either case ("XIII", "xiii" → 13). Only the
/// canonical spelling counts: "IIII", "VX", "IC" and "" are `None`.
pub fn roman_to_u32(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > MAX_ROMAN_LEN {
        return None;
    }
    let mut total: u32 = 0;
    let mut prev = u32::MAX;
    // Read right to left: a symbol smaller than the one after it is subtracted. This accepts
    // non-canonical spellings too, which the round trip below rejects.
    for b in s.bytes().rev() {
        let v = match b.to_ascii_uppercase() {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            b'L' => 50,
            b'C' => 100,
            b'D' => 500,
            b'M' => 1000,
            _ => return None,
        };
        if prev != u32::MAX && v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
        }
        prev = v;
    }
    let canonical = u32_to_roman(total)?;
    canonical.eq_ignore_ascii_case(s).then_some(total)
}

/// A phrase (folded syllables) after which a number is an ordinal of the Party calendar.
struct Context {
    words: &'static [&'static str],
    /// Whether a Roman numeral may follow.
    roman: bool,
    /// Whether an Arabic number may follow; off where an Arabic number is usually a count
    /// ("nhiệm kỳ 5 năm").
    arabic: bool,
    /// The largest plausible value.
    max: u32,
}

/// Ordinals in Party news stay small; capping them also keeps years ("Đại hội 2020") and
/// numerals with D or M ("di", "mi") out.
const MAX_ORDINAL: u32 = 99;

const fn ctx(words: &'static [&'static str], roman: bool, arabic: bool, max: u32) -> Context {
    Context {
        words,
        roman,
        arabic,
        max,
    }
}

const CONTEXTS: &[Context] = &[
    // lần thứ XXIV, lần thứ 3; "Đại hội lần VI", "toàn quốc lần X"
    ctx(&["lan", "thu"], true, true, MAX_ORDINAL),
    ctx(&["lan"], true, true, MAX_ORDINAL),
    // khóa / khoá XIII, Quốc hội khóa XV
    ctx(&["khoa"], true, true, MAX_ORDINAL),
    // Đại hội X, Đại hội Đảng X, ĐH XII, "đại hội 13" typed by a user
    ctx(&["dai", "hoi"], true, true, MAX_ORDINAL),
    ctx(&["dai", "hoi", "dang"], true, true, MAX_ORDINAL),
    ctx(&["dh"], true, true, MAX_ORDINAL),
    // "Đại hội Đảng toàn quốc X"
    ctx(&["toan", "quoc"], true, false, MAX_ORDINAL),
    // nhiệm kỳ VI (but "nhiệm kỳ 5 năm" is a length)
    ctx(&["nhiem", "ky"], true, false, MAX_ORDINAL),
    // Hội nghị Trung ương 8, Hội nghị T.Ư 15, Hội nghị TW 4
    ctx(&["hoi", "nghi", "trung", "uong"], true, true, MAX_ORDINAL),
    ctx(&["hoi", "nghi", "tw"], true, true, MAX_ORDINAL),
    ctx(&["hoi", "nghi", "tu"], true, true, MAX_ORDINAL),
    ctx(&["hoi", "nghi", "t", "u"], true, true, MAX_ORDINAL),
    // kỳ họp thứ 7, phiên họp thứ 2
    ctx(&["hop", "thu"], true, true, MAX_ORDINAL),
    // thế kỷ XXI
    ctx(&["the", "ky"], true, true, 30),
    // quý I .. quý IV
    ctx(&["quy"], true, true, 4),
];

/// Syllables after which an Arabic number is a quantity, not an ordinal: "Đại hội 5 năm
/// một lần", "lần 2 ngày", "Lan thu 3 tỷ".
const COUNTED: &[&str] = &[
    "nam", "thang", "ngay", "tuan", "gio", "phut", "giay", "nguoi", "ty", "trieu", "nghin", "ngan",
    "tram", "lan", "dong", "km", "ha", "kg", "tan",
];

/// Words that a numeral-looking syllable commonly starts: "vi phạm", "xi măng", "vĩ đại".
/// After a context these are still words, not numbers.
const COMPOUNDS: &[(&str, &[&str])] = &[
    (
        "vi",
        &[
            "pham", "mo", "sinh", "tinh", "khuan", "dai", "dieu", "hanh", "the", "vay", "sao",
            "su", "nhan", "tuyen", "tri", "loi", "dan", "nuoc", "nguoi", "cong", "hoa",
        ],
    ),
    ("xi", &["mang", "nghiep"]),
    ("li", &["do", "luan", "lich", "thuyet", "tri"]),
];

/// A number written in one token, with whether it was Roman.
fn read_number(token: &str) -> Option<(u32, bool)> {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        // At most two digits: an ordinal, never a year.
        if token.is_empty() || token.len() > 2 {
            return None;
        }
        return token.parse().ok().map(|n| (n, false));
    }
    roman_to_u32(token).map(|n| (n, true))
}

fn ends_with(before: &[&str], words: &[&str]) -> bool {
    before.len() >= words.len() && before[before.len() - words.len()..] == *words
}

/// The ordinal numbers among folded syllables, as (token index, value): Roman numerals and
/// Arabic numbers right after "lần thứ", "khóa", "Đại hội", "Hội nghị Trung ương", "nhiệm
/// kỳ", "thế kỷ", "quý" and the like. The indexer can add the other spelling at the same
/// position ("XIII" ↔ "13").
///
/// `tokens` are folded lower-case syllables, as from `syllables(text, Level::Folded)`. Without
/// the original spelling, a numeral that is also a syllable ("vi", "xi", "li", "i") is taken
/// unless it starts a common word ("vi phạm", "vì dân", "xi măng").
pub fn numbers_in_context(tokens: &[&str]) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    for (i, &token) in tokens.iter().enumerate() {
        let Some((value, roman)) = read_number(token) else {
            continue;
        };
        let before = &tokens[..i];
        let next = tokens.get(i + 1).copied();
        let fits = CONTEXTS.iter().any(|c| {
            value >= 1
                && value <= c.max
                && (if roman { c.roman } else { c.arabic })
                && ends_with(before, c.words)
        });
        if !fits {
            continue;
        }
        let plausible = if roman {
            roman_is_plausible(token, next)
        } else {
            !next.is_some_and(|n| COUNTED.contains(&n))
        };
        if plausible {
            found.push((i, value));
        }
    }
    found
}

/// The other spelling of a number found by [`numbers_in_context`], as a token to index at
/// the same position: lower-case Roman for an Arabic token ("13" → "xiii"), Arabic for a
/// Roman one ("xiii" → "13"). Lower case because both analyzers write tokens in lower case.
pub fn other_spelling(token: &str, value: u32) -> Option<String> {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        u32_to_roman(value).map(|r| r.to_ascii_lowercase())
    } else {
        Some(value.to_string())
    }
}

/// Whether a Roman-numeral token in a numbering context is really a numeral.
fn roman_is_plausible(token: &str, next: Option<&str>) -> bool {
    // "vi phạm" stays a word even in capitals ("ĐẠI HỘI VI PHẠM" is not a congress).
    !COMPOUNDS
        .iter()
        .any(|&(first, seconds)| first == token && next.is_some_and(|n| seconds.contains(&n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{syllables, Level};
    use proptest::prelude::*;

    #[test]
    fn roman_round_trips() {
        for n in 1..=MAX_ROMAN {
            let r = u32_to_roman(n).unwrap();
            assert_eq!(roman_to_u32(&r), Some(n), "{r}");
            assert_eq!(roman_to_u32(&r.to_lowercase()), Some(n), "{r}");
        }
    }

    #[test]
    fn roman_examples() {
        assert_eq!(u32_to_roman(13).as_deref(), Some("XIII"));
        assert_eq!(u32_to_roman(24).as_deref(), Some("XXIV"));
        assert_eq!(u32_to_roman(1994).as_deref(), Some("MCMXCIV"));
        assert_eq!(u32_to_roman(3999).as_deref(), Some("MMMCMXCIX"));
        assert_eq!(u32_to_roman(0), None);
        assert_eq!(u32_to_roman(4000), None);
        assert_eq!(roman_to_u32("XIII"), Some(13));
        assert_eq!(roman_to_u32("xxiv"), Some(24));
        assert_eq!(roman_to_u32("Xi"), Some(11));
        assert_eq!(roman_to_u32("MMM"), Some(3000));
    }

    #[test]
    fn non_canonical_numerals_are_rejected() {
        for s in [
            "",
            "IIII",
            "VX",
            "IC",
            "IM",
            "VV",
            "XXXX",
            "MMMM",
            "IIV",
            "XIIII",
            "LL",
            "DD",
            "IL",
            "VL",
            "CMC",
            "X I",
            "XIII.",
            "Ⅻ",
            "ⅹ",
            "MMMMCMXCIX",
            "XİII",
            "13",
            "-X",
            "é",
            "MMMDCCCLXXXVIIII",
        ] {
            assert_eq!(roman_to_u32(s), None, "{s:?}");
        }
    }

    fn folded(text: &str) -> Vec<String> {
        syllables(text, Level::Folded)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    fn numbers(text: &str) -> Vec<(usize, u32)> {
        let toks = folded(text);
        let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
        numbers_in_context(&refs)
    }

    #[test]
    fn numbers_in_party_contexts() {
        assert_eq!(numbers("Đại hội X của Đảng"), [(2, 10)]);
        assert_eq!(numbers("Đại hội XIII"), [(2, 13)]);
        assert_eq!(numbers("Đại hội đại biểu lần thứ XXIV"), [(6, 24)]);
        assert_eq!(numbers("lần thứ XXIV"), [(2, 24)]);
        assert_eq!(numbers("khóa XIII"), [(1, 13)]);
        assert_eq!(numbers("khoá XIII"), [(1, 13)]);
        assert_eq!(numbers("lần thứ 3"), [(2, 3)]);
        assert_eq!(numbers("đại hội 13"), [(2, 13)]);
        assert_eq!(numbers("Đại hội VI của Đảng"), [(2, 6)]);
        assert_eq!(numbers("Đại hội XI"), [(2, 11)]);
        assert_eq!(numbers("ĐH X"), [(1, 10)]);
        assert_eq!(numbers("Đại hội Đảng X"), [(3, 10)]);
        assert_eq!(numbers("Đại hội Đảng toàn quốc X"), [(5, 10)]);
        assert_eq!(numbers("nhiệm kỳ VI"), [(2, 6)]);
        assert_eq!(numbers("lần thứ I, nhiệm kỳ 2025 - 2030"), [(2, 1)]);
        assert_eq!(
            numbers("Hội nghị Trung ương 8, khoá XII"),
            [(4, 8), (6, 12)]
        );
        assert_eq!(numbers("Hội nghị T.Ư 15"), [(4, 15)]);
        assert_eq!(numbers("Hội nghị TW 4"), [(3, 4)]);
        assert_eq!(
            numbers("Hội nghị lần thứ 14 BCH Trung ương Đảng khóa IX"),
            [(4, 14), (10, 9)]
        );
        assert_eq!(numbers("kỳ họp thứ 7 Quốc hội khóa XV"), [(3, 7), (7, 15)]);
        assert_eq!(numbers("thế kỷ XXI"), [(2, 21)]);
        assert_eq!(numbers("quý I năm 2025"), [(1, 1)]);
    }

    #[test]
    fn words_and_counts_are_not_numbers() {
        for text in [
            "vi phạm",
            "xi măng",
            "Đại hội đại biểu",
            "Đại hội vi phạm quy chế",
            "Đại hội vì dân",
            "khoa vi sinh",
            "khoa học",
            "Đại hội 5 năm một lần",
            "nhiệm kỳ 5 năm",
            "nhiệm kỳ 2020-2025",
            "Đại hội 2020",
            "lần thứ 100",
            "khóa 0",
            "thế kỷ L",
            "quý V",
            "Lan thu 3 tỷ đồng",
            "X của Đảng",
            "thứ VI",
            "lần thứ IIII",
            "đại hội MI",
            "",
        ] {
            assert_eq!(numbers(text), [], "{text}");
        }
    }

    #[test]
    fn other_spellings() {
        assert_eq!(other_spelling("13", 13).as_deref(), Some("xiii"));
        assert_eq!(other_spelling("3", 3).as_deref(), Some("iii"));
        assert_eq!(other_spelling("xxiv", 24).as_deref(), Some("24"));
        assert_eq!(other_spelling("0", 0), None);
    }

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "lan", "thu", "khoa", "dai", "hoi", "dang", "dh", "nhiem", "ky", "nghi", "trung",
                "uong", "t", "u", "tw", "the", "quy", "vi", "xi", "nam", "pham", "hop", "toan",
                "quoc",
            ])
            .prop_map(String::from),
            "[ivxlcdm]{1,6}",
            "[0-9]{1,4}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn roman_parsing_never_panics_and_is_canonical(s in any::<String>()) {
            if let Some(n) = roman_to_u32(&s) {
                let canonical = u32_to_roman(n).unwrap_or_default();
                prop_assert!(canonical.eq_ignore_ascii_case(&s));
            }
        }

        #[test]
        fn context_numbers_are_in_range(tokens in prop::collection::vec(token(), 0..12)) {
            let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
            for (i, n) in numbers_in_context(&refs) {
                prop_assert!(i < refs.len());
                prop_assert!((1..=MAX_ORDINAL).contains(&n));
            }
        }
    }
}
