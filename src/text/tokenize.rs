//! The Vietnamese tokenizer: one pass over the text that splits it into syllables and writes
//! each syllable at one matching level.
//!
//! - [`Level::Exact`]: lower-case, canonical tone placement ("Thành uỷ" → `thành`, `ủy`).
//! - [`Level::Folded`]: every mark removed and đ → d (`thanh`, `uy`).
//!
//! Both levels give the same positions and the same byte offsets for the same text, so a
//! phrase, a highlight or a proximity bonus found at one level holds at the other. NFD input
//! is handled in the same pass: combining marks attach to the letter before them.

use super::letters::{apply_shape_mark, classify, is_alphanumeric, is_combining, Tone};
use super::syllable::push_canonical;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the exact analyzer is registered with tantivy.
pub const EXACT_TOKENIZER: &str = "vi_exact";
/// Name under which the folded analyzer is registered with tantivy.
pub const FOLDED_TOKENIZER: &str = "vi_folded";

/// Spans longer than this are not words (base64, hashes, runs of digits): they are skipped so
/// they cannot bloat the term dictionary.
pub const MAX_TOKEN_BYTES: usize = 96;

/// The matching level a token is written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Exact,
    Folded,
}

/// Finds the next token span at or after `from`: a run of letters and digits (with the
/// combining marks of NFD text), where `.` or `,` between two digits stays inside a number
/// ("1.862", "0,57").
pub fn next_span(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    // A combining mark starts no token, even one Unicode calls alphabetic (U+0363 and its
    // kin): it has no letter to belong to.
    let (start_rel, _) = rest
        .char_indices()
        .find(|&(_, c)| is_alphanumeric(c) && !is_combining(c))?;
    let start = from + start_rel;
    let mut end = start;
    let mut prev: Option<char> = None;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inside = if is_alphanumeric(c) || (is_combining(c) && prev.is_some()) {
            true
        } else if matches!(c, '.' | ',') && prev.is_some_and(|p| p.is_ascii_digit()) {
            iter.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
        } else {
            false
        };
        if !inside {
            break;
        }
        end = start + i + c.len_utf8();
        prev = Some(c);
    }
    Some((start, end))
}

/// Reusable buffers for analysing syllables without allocating per token.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    bases: Vec<char>,
}

impl Analyzer {
    /// Writes the token text of `span` at `level` into `out` (cleared first).
    pub fn analyze(&mut self, span: &str, level: Level, out: &mut String) {
        out.clear();
        if span.is_ascii() {
            out.extend(span.bytes().map(|b| b.to_ascii_lowercase() as char));
            return;
        }
        let tone = self.read_syllable(span);
        match level {
            Level::Exact => push_canonical(&self.bases, tone, out),
            Level::Folded => out.extend(self.bases.iter().map(|&b| classify(b).folded)),
        }
    }

    /// Reads the lower-case bases of `span` into `self.bases` and returns its tone.
    fn read_syllable(&mut self, span: &str) -> Tone {
        self.bases.clear();
        let mut tone = Tone::Level;
        for c in span.chars() {
            if is_combining(c) {
                if let Some(t) = Tone::from_combining(c) {
                    tone = t;
                } else if let Some(last) = self.bases.last_mut() {
                    if let Some(shaped) = apply_shape_mark(*last, c) {
                        *last = shaped;
                    }
                }
                continue;
            }
            let letter = classify(c);
            if letter.tone != Tone::Level {
                tone = letter.tone;
            }
            if letter.base == c && !c.is_ascii() && c.is_uppercase() {
                // Outside the tables: lower-case may expand to several characters.
                self.bases.extend(c.to_lowercase());
            } else {
                self.bases.push(letter.base);
            }
        }
        tone
    }
}

/// The tantivy [`Tokenizer`] for one level.
#[derive(Clone)]
pub struct VietnameseTokenizer {
    level: Level,
    token: Token,
    analyzer: Analyzer,
}

impl VietnameseTokenizer {
    pub fn new(level: Level) -> Self {
        VietnameseTokenizer {
            level,
            token: Token::default(),
            analyzer: Analyzer::default(),
        }
    }
}

/// The token stream of [`VietnameseTokenizer`].
pub struct VietnameseTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    level: Level,
    token: &'a mut Token,
    analyzer: &'a mut Analyzer,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        VietnameseTokenStream {
            text,
            cursor: 0,
            level: self.level,
            token: &mut self.token,
            analyzer: &mut self.analyzer,
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = next_span(self.text, self.cursor) {
            self.cursor = end;
            self.token.position = self.token.position.wrapping_add(1);
            if end - start > MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.analyzer
                .analyze(&self.text[start..end], self.level, &mut self.token.text);
            return true;
        }
        self.cursor = self.text.len();
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A token as plain data: for queries, snippets and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub text: String,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// Tokenizes `text` at `level` into owned tokens.
pub fn syllables(text: &str, level: Level) -> Vec<Syllable> {
    let mut tokenizer = VietnameseTokenizer::new(level);
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push(Syllable {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, level: Level) -> Vec<String> {
        syllables(text, level).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn exact_stream_canonicalizes_tones() {
        assert_eq!(
            texts("Thành uỷ Sông Công, văn hoá", Level::Exact),
            ["thành", "ủy", "sông", "công", "văn", "hóa"]
        );
    }

    #[test]
    fn folded_stream_drops_every_mark() {
        assert_eq!(
            texts("Đại hội Đảng bộ phường Bách Quang", Level::Folded),
            ["dai", "hoi", "dang", "bo", "phuong", "bach", "quang"]
        );
    }

    #[test]
    fn offsets_and_positions() {
        let toks = syllables("Đ/c Lương, 2020 - 2025", Level::Folded);
        let got: Vec<(&str, usize, usize, usize)> = toks
            .iter()
            .map(|t| (t.text.as_str(), t.from, t.to, t.position))
            .collect();
        assert_eq!(
            got,
            [
                ("d", 0, 2, 0),
                ("c", 3, 4, 1),
                ("luong", 5, 12, 2),
                ("2020", 14, 18, 3),
                ("2025", 21, 25, 4)
            ]
        );
    }

    #[test]
    fn numbers_keep_their_separators_only_between_digits() {
        assert_eq!(
            texts("0,57%; 1.862 lao động, 2020-2025. Hết.", Level::Exact),
            ["0,57", "1.862", "lao", "động", "2020", "2025", "hết"]
        );
    }

    #[test]
    fn nfd_input_gives_the_nfc_stream() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "Nhiệm kỳ Thành uỷ Đại hội ƯỚC";
        let nfd: String = nfc.nfd().collect();
        for level in [Level::Exact, Level::Folded] {
            assert_eq!(texts(&nfd, level), texts(nfc, level));
        }
    }

    #[test]
    fn overlong_spans_are_skipped_but_count_a_position() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let toks = syllables(&format!("a {long} b"), Level::Exact);
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[1].position, 2);
    }

    #[test]
    fn stray_combining_marks_are_not_tokens() {
        assert_eq!(texts("\u{0301} a\u{0301}", Level::Exact), ["á"]);
        // U+0363 COMBINING LATIN SMALL LETTER A is alphabetic: it started a token with no
        // letter, an empty token (found by the `text` fuzzer).
        for level in [Level::Exact, Level::Folded] {
            assert_eq!(texts("\u{0363}\u{0302} a \u{0363}", level), ["a"]);
        }
    }
}
