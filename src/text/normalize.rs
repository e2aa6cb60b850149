//! Text normalization: a pipeline of small normalizers, each a pure `&str → Cow<str>` step.
//!
//! Everything stored in the index and every query goes through [`normalize`], so an article
//! that arrived as NFD, with non-breaking spaces or with en-dashes reads exactly like one that
//! did not. Tone placement is *not* changed here: stored text keeps the author's spelling
//! for display, and the tokenizer canonicalizes tones per syllable.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One step of the pipeline.
pub type Normalizer = fn(&str) -> Cow<'_, str>;

/// The pipeline, in order. Line-end folding runs before the control-character filter, which
/// keeps `\n` and `\t` only.
pub const PIPELINE: &[(&str, Normalizer)] = &[
    ("line_ends", line_ends),
    ("controls", controls),
    ("nfc", nfc),
    ("spaces", spaces),
    ("dashes", dashes),
];

/// Runs the whole pipeline.
pub fn normalize(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// [`normalize`], borrowing `text` when nothing changes.
pub fn normalize_cow(text: &str) -> Cow<'_, str> {
    if needs_nothing(text) {
        return Cow::Borrowed(text);
    }
    let mut current = Cow::Borrowed(text);
    for (_, step) in PIPELINE {
        if let Cow::Owned(changed) = step(&current) {
            current = Cow::Owned(changed);
        }
    }
    current
}

/// Whether no step of the pipeline would change `text`, from one look at each character:
/// printable ASCII, `\n`, and the precomposed Latin letters of Latin-1 Supplement through
/// Latin Extended-B and of Latin Extended Additional (where Vietnamese letters live) need
/// nothing. Anything else is left to the steps themselves.
fn needs_nothing(text: &str) -> bool {
    // Beyond letters: the General Punctuation no step changes (curly quotes, bullets,
    // ellipsis, per mille, primes), which news text is full of. Dashes (U+2010–2015),
    // spaces and separators (U+2000–200A, U+2028–202F, U+205F) and invisible characters
    // (U+200B–200F, U+2060…) are left out of it.
    text.chars().all(|c| {
        matches!(
            c as u32,
            0x20..=0x7E | 0x0A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0x2016..=0x2027 | 0x2030..=0x205E
        )
    })
}

fn rewrite_chars(
    text: &str,
    needs: impl Fn(char) -> bool,
    map: impl Fn(char) -> Option<char>,
) -> Cow<'_, str> {
    if !text.chars().any(&needs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| if needs(c) { map(c) } else { Some(c) })
            .collect(),
    )
}

/// CRLF and lone CR become LF.
pub fn line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Removes control characters (keeping `\n` and `\t`), zero-width characters and byte-order
/// marks: they are invisible, break words apart and could drive a terminal.
pub fn controls(text: &str) -> Cow<'_, str> {
    fn unwanted(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
    }
    rewrite_chars(text, unwanted, |_| None)
}

/// Unicode NFC: NFD input and precomposed input become the same text.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.nfc().collect())
}

/// Non-breaking and typographic spaces and tabs become a plain space.
pub fn spaces(text: &str) -> Cow<'_, str> {
    fn odd_space(c: char) -> bool {
        c == '\t' || (c != ' ' && c != '\n' && c.is_whitespace())
    }
    rewrite_chars(text, odd_space, |_| Some(' '))
}

/// En-dashes, em-dashes, minus signs and other hyphens become `-`, so "2020 – 2025" and
/// "2020-2025" read alike to the extractors and the query parser.
pub fn dashes(text: &str) -> Cow<'_, str> {
    fn dash(c: char) -> bool {
        matches!(
            c,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
        )
    }
    rewrite_chars(text, dash, |_| Some('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_does_one_thing() {
        assert_eq!(line_ends("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(controls("a\u{1b}[31mb\u{200B}c\u{FEFF}\n\t"), "a[31mbc\n\t");
        assert_eq!(nfc("Đa\u{0323}i"), "Đại");
        assert_eq!(spaces("a\u{00A0}b\u{2009}c\td"), "a b c d");
        assert_eq!(dashes("2020 \u{2013} 2025\u{2014}x"), "2020 - 2025-x");
    }

    #[test]
    fn untouched_text_is_borrowed() {
        for (_, step) in PIPELINE {
            assert!(matches!(step("Đại hội 2020-2025"), Cow::Borrowed(_)));
        }
    }

    proptest::proptest! {
        /// The fast check never skips a change a step would make.
        #[test]
        fn text_that_needs_nothing_is_left_as_it_is(s in "[ -~\n\u{a0}-\u{24f}\u{1e00}-\u{1eff}\u{300}-\u{36f}\u{2000}-\u{2070}]{0,40}") {
            if needs_nothing(&s) {
                let mut current = Cow::Borrowed(s.as_str());
                for (_, step) in PIPELINE {
                    if let Cow::Owned(changed) = step(&current) {
                        current = Cow::Owned(changed);
                    }
                }
                proptest::prop_assert_eq!(current.as_ref(), s.as_str());
            }
        }
    }

    #[test]
    fn every_character_the_fast_check_passes_is_left_alone() {
        for code in (0x0Au32..0x7F)
            .chain(0xC0..0x250)
            .chain(0x1E00..0x1F00)
            .chain(0x2000..0x2070)
        {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = c.to_string();
            if needs_nothing(&s) {
                for (name, step) in PIPELINE {
                    assert!(matches!(step(&s), Cow::Borrowed(_)), "{name} changes {c:?}");
                }
            }
        }
    }

    #[test]
    fn pipeline_composes() {
        let nfd: String = "Thành uỷ\u{00A0}– nhiệm kỳ\r\n".nfd().collect();
        assert_eq!(normalize(&nfd), "Thành uỷ - nhiệm kỳ\n");
    }
}
