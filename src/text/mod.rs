//! Vietnamese text: normalization, letters, syllables and the tokenizer.

pub(crate) mod abbrev;
pub(crate) mod letters;
pub(crate) mod normalize;
pub(crate) mod pairs;
pub(crate) mod phonotactics;
pub(crate) mod readings;
pub(crate) mod roman;
pub(crate) mod syllable;
pub(crate) mod tokenize;
pub(crate) mod typing;

pub use normalize::normalize;
pub use pairs::WithPairs;
pub use phonotactics::is_vietnamese_syllable;
pub use tokenize::{syllables, Level, Syllable, VietnameseTokenizer};

/// The syllables of `text` at `level`, joined by single spaces: a comparison key for names
/// ("TP. Thái  Nguyên" → `tp thai nguyen` when folded).
pub fn key(text: &str, level: Level) -> String {
    key_prefix(text, level, usize::MAX)
}

/// [`key`] of the first `max_syllables` syllables only: line classifiers (page chrome,
/// datelines) look at a few words of every body line, and reading whole lines cost a tenth
/// of a build.
///
/// Only a head of the line is normalized, cut just after an ASCII space: no normalizer step
/// works across one (it is no part of a CR LF pair, and nothing composes with it) and no token
/// spans one, so the head's syllables are the line's first syllables. A head that turns out
/// to hold too few is grown until it does or is the whole line.
pub fn key_prefix(text: &str, level: Level, max_syllables: usize) -> String {
    let mut budget = max_syllables.saturating_mul(16).max(64);
    loop {
        let (head, whole) = head_at_space(text, budget);
        let (key, count) = key_of_normalized(&normalize::normalize_cow(head), level, max_syllables);
        if whole || count >= max_syllables {
            return key;
        }
        budget = budget.saturating_mul(4);
    }
}

/// The shortest head of `text` that is at least `min` bytes long and ends just after an ASCII
/// space, and whether that is all of `text`.
fn head_at_space(text: &str, min: usize) -> (&str, bool) {
    match text
        .as_bytes()
        .get(min..)
        .and_then(|rest| rest.iter().position(|&b| b == b' '))
    {
        Some(at) => (&text[..min + at + 1], false),
        None => (text, true),
    }
}

/// The first `max_syllables` syllables of normalized `text` at `level`, joined by spaces, and
/// how many there were.
fn key_of_normalized(text: &str, level: Level, max_syllables: usize) -> (String, usize) {
    let mut out = String::with_capacity(text.len().min(max_syllables.saturating_mul(8)));
    let mut analyzer = tokenize::Analyzer::default();
    let mut token = String::new();
    let mut cursor = 0;
    let mut count = 0;
    while count < max_syllables {
        let Some((from, to)) = tokenize::next_span(text, cursor) else {
            break;
        };
        cursor = to;
        if tokenize::is_overlong(&text[from..to]) {
            continue;
        }
        analyzer.analyze(&text[from..to], level, &mut token);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token);
        count += 1;
    }
    (out, count)
}

/// Whether a word carries any Vietnamese diacritic (tone or shape mark, or đ).
pub fn has_diacritics(text: &str) -> bool {
    text.chars().any(|c| {
        letters::is_combining(c) || (!c.is_ascii() && letters::classify(c).folded.is_ascii())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn keys() {
        assert_eq!(key("TP. Thái  Nguyên", Level::Folded), "tp thai nguyen");
        assert_eq!(key_prefix("TP. Thái  Nguyên", Level::Folded, 2), "tp thai");
        assert_eq!(key_prefix("Thu\u{0323}c", Level::Exact, 1), "thục");
        assert_eq!(key("Thành uỷ", Level::Exact), key("thành ủy", Level::Exact));
    }

    #[test]
    fn diacritics_are_detected() {
        assert!(has_diacritics("Đảng"));
        assert!(has_diacritics("đ"));
        assert!(has_diacritics("hoà"));
        assert!(!has_diacritics("dang bo 2025"));
        assert!(!has_diacritics("Москва"));
    }

    fn vietnamese_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Đại",
            "hội",
            "Thành",
            "uỷ",
            "ủy",
            "hoá",
            "hóa",
            "thuỷ",
            "Nhiệm",
            "kỳ",
            "2020",
            "–",
            "-",
            "\u{00A0}",
            " ",
            "\n",
            "\r\n",
            ",",
            ".",
            "Ư",
            "ƯỚC",
            "gì",
            "quả",
            "\u{200B}",
            "a\u{0301}",
            "o\u{031B}\u{0300}",
            "Đ/c",
            "TP.",
            "0,57",
            "\t",
            "x",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    #[test]
    fn a_key_prefix_grows_its_head_past_long_tokens() {
        // A span over MAX_TOKEN_LETTERS is no token: the first head holds none.
        let long = format!("{} Đại hội", "x".repeat(120));
        assert_eq!(key_prefix(&long, Level::Folded, 2), "dai hoi");
        assert_eq!(key_prefix("a b", Level::Folded, 5), "a b");
        assert_eq!(head_at_space("ab cd ef", 3), ("ab cd ", false));
        assert_eq!(head_at_space("ab cd", 3), ("ab cd", true));
        assert_eq!(head_at_space("ab", 9), ("ab", true));
    }

    proptest! {
        #[test]
        fn a_key_prefix_is_the_prefix_of_the_whole_key(
            s in prop::collection::vec(vietnamese_text(), 0..12).prop_map(|v| v.concat()),
            n in 0usize..40,
        ) {
            let (whole, _) = key_of_normalized(&normalize(&s), Level::Folded, n);
            prop_assert_eq!(key_prefix(&s, Level::Folded, n), whole);
            let (whole, _) = key_of_normalized(&normalize(&s), Level::Exact, n);
            prop_assert_eq!(key_prefix(&s, Level::Exact, n), whole);
        }

        #[test]
        fn normalize_is_idempotent(s in any::<String>()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn normalize_is_idempotent_on_vietnamese(s in vietnamese_text()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn nfc_and_nfd_normalize_alike(s in vietnamese_text()) {
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(normalize(&nfd), normalize(&s));
        }

        #[test]
        fn nfc_and_nfd_give_identical_token_streams(s in vietnamese_text()) {
            let nfd: String = s.nfd().collect();
            for level in [Level::Exact, Level::Folded] {
                let a: Vec<String> = syllables(&s, level).into_iter().map(|t| t.text).collect();
                let b: Vec<String> = syllables(&nfd, level).into_iter().map(|t| t.text).collect();
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn folding_never_changes_offsets_or_positions(s in any::<String>()) {
            let exact = syllables(&s, Level::Exact);
            let folded = syllables(&s, Level::Folded);
            prop_assert_eq!(exact.len(), folded.len());
            for (e, f) in exact.iter().zip(&folded) {
                prop_assert_eq!((e.from, e.to, e.position), (f.from, f.to, f.position));
                prop_assert!(s.is_char_boundary(e.from) && s.is_char_boundary(e.to));
            }
        }

        #[test]
        fn folded_tokens_have_no_vietnamese_marks(s in vietnamese_text()) {
            for t in syllables(&s, Level::Folded) {
                prop_assert!(!has_diacritics(&t.text), "{}", t.text);
            }
        }
    }
}
