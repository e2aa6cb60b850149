//! The Vietnamese tokenizer: one pass over the text that splits it into syllables and writes
//! each syllable at one matching level.
//!
//! - [`Level::Exact`]: lower-case, canonical tone placement ("Thành uỷ" → `thành`, `ủy`).
//! - [`Level::Folded`]: every mark removed and đ → d (`thanh`, `uy`).
//!
//! Both levels give the same positions and the same byte offsets for the same text, so a
//! phrase, a highlight or a proximity bonus found at one level holds at the other. NFD input
//! is handled in the same pass: combining marks attach to the letter before them.

use super::letters::{
    apply_shape_mark, classify, in_tables, is_alphanumeric, is_combining, Letter, Tone,
};
use super::syllable::push_canonical;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the exact analyzer is registered with tantivy.
pub const EXACT_TOKENIZER: &str = "vi_exact";
/// Name under which the folded analyzer is registered with tantivy.
pub const FOLDED_TOKENIZER: &str = "vi_folded";

/// Spans of more letters than this are not words (base64, hashes, runs of digits): they are
/// skipped so they cannot bloat the term dictionary.
pub const MAX_TOKEN_LETTERS: usize = 96;

/// Whether a span is too long to be a token. Letters are counted without their combining
/// marks, so a span is the same length in NFC and in NFD and both forms give the same tokens.
#[inline]
pub fn is_overlong(span: &str) -> bool {
    // A letter is at least one byte: a span of no more bytes than the limit is short.
    span.len() > MAX_TOKEN_LETTERS
        && span.chars().filter(|&c| !is_combining(c)).count() > MAX_TOKEN_LETTERS
}

/// The matching level a token is written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Exact,
    Folded,
}

/// Finds the next token span at or after `from`: a run of letters and digits (with the
/// combining marks of NFD text), where `.` or `,` between two digits stays inside a number
/// ("1.862", "0,57").
#[inline]
pub fn next_span(text: &str, from: usize) -> Option<(usize, usize)> {
    scan_span(text, from).map(|(start, end, _)| (start, end))
}

/// [`next_span`], and whether the span is all ASCII (so the analyzer need not look again).
///
/// This runs over every byte of every article several times per build, so it walks bytes:
/// ASCII (most separators, digits and a third of Vietnamese letters) is answered without
/// decoding, and only other characters are decoded and looked up.
#[inline]
fn scan_span(text: &str, from: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = from;
    // A combining mark starts no token, even one Unicode calls alphabetic (U+0363 and its
    // kin): it has no letter to belong to.
    loop {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let (c, len) = char_at(bytes, i);
            if is_alphanumeric(c) && !is_combining(c) {
                break;
            }
            i += len;
        }
    }
    let start = i;
    let mut prev_digit = false;
    let mut ascii = true;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                prev_digit = b.is_ascii_digit();
                i += 1;
            } else if matches!(b, b'.' | b',')
                && prev_digit
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                prev_digit = false;
                i += 1;
            } else {
                break;
            }
        } else {
            let (c, len) = char_at(bytes, i);
            // Inside a span a combining mark always has a letter before it.
            if !(is_alphanumeric(c) || is_combining(c)) {
                break;
            }
            prev_digit = false;
            ascii = false;
            i += len;
        }
    }
    Some((start, i, ascii))
}

/// The non-ASCII character starting at byte `i` of valid UTF-8 (a character boundary), and
/// its length: decoded by hand, as `str::chars` would, without re-slicing the text.
#[inline]
fn char_at(bytes: &[u8], i: usize) -> (char, usize) {
    let cont = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let b0 = u32::from(bytes[i]);
    let (code, len) = if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

/// Reusable buffers for analysing syllables without allocating per token.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    bases: Vec<char>,
}

impl Analyzer {
    /// Writes the token text of `span` at `level` into `out` (cleared first).
    pub fn analyze(&mut self, span: &str, level: Level, out: &mut String) {
        self.analyze_span(span, span.is_ascii(), level, out);
    }

    /// [`Analyzer::analyze`] at both levels; returns whether the span is all ASCII, when the
    /// two are the same lower-cased text, made once.
    pub fn analyze_both(&mut self, span: &str, exact: &mut String, folded: &mut String) -> bool {
        let ascii = span.is_ascii();
        self.analyze_span(span, ascii, Level::Exact, exact);
        if ascii {
            folded.clear();
            folded.push_str(exact);
        } else {
            self.analyze_span(span, false, Level::Folded, folded);
        }
        ascii
    }

    /// [`Analyzer::analyze`] for a span already known to be all ASCII or not.
    #[inline]
    fn analyze_span(&mut self, span: &str, ascii: bool, level: Level, out: &mut String) {
        out.clear();
        if ascii {
            out.push_str(span);
            out.make_ascii_lowercase();
            return;
        }
        match level {
            Level::Exact => {
                let tone = self.read_syllable(span);
                push_canonical(&self.bases, tone, out);
            }
            Level::Folded => push_folded(span, out),
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
            if lower_case_expands(c, letter) {
                self.bases.extend(c.to_lowercase());
            } else {
                self.bases.push(letter.base);
            }
        }
        tone
    }
}

/// Whether `c`, classified as `letter`, is an upper-case letter outside the tables, whose
/// lower case must come from Unicode (and may be several characters): inside the tables
/// bases are lower case already.
#[inline]
fn lower_case_expands(c: char, letter: Letter) -> bool {
    letter.base == c && !in_tables(c) && c.is_uppercase()
}

/// Writes the folded form of a non-ASCII span: every mark dropped, đ → d, lower case. No
/// tone to place, so no syllable to assemble first: one table lookup per character.
fn push_folded(span: &str, out: &mut String) {
    for c in span.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_combining(c) {
            continue;
        } else {
            let letter = classify(c);
            if lower_case_expands(c, letter) {
                out.extend(c.to_lowercase().map(|l| classify(l).folded));
            } else {
                out.push(letter.folded);
            }
        }
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
        while let Some((start, end, ascii)) = scan_span(self.text, self.cursor) {
            self.cursor = end;
            self.token.position = self.token.position.wrapping_add(1);
            if is_overlong(&self.text[start..end]) {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.analyzer.analyze_span(
                &self.text[start..end],
                ascii,
                self.level,
                &mut self.token.text,
            );
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
    fn both_levels_at_once_are_each_level_alone() {
        let mut a = Analyzer::default();
        let (mut exact, mut folded, mut one) = (String::new(), String::new(), String::new());
        for span in [
            "Thành",
            "uỷ",
            "ĐẢNG",
            "Tp",
            "2025",
            "0,57",
            "ho\u{0301}a",
            "Москва",
        ] {
            let ascii = a.analyze_both(span, &mut exact, &mut folded);
            assert_eq!(ascii, span.is_ascii(), "{span}");
            a.analyze(span, Level::Exact, &mut one);
            assert_eq!(exact, one, "{span}");
            a.analyze(span, Level::Folded, &mut one);
            assert_eq!(folded, one, "{span}");
        }
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
    fn a_long_word_is_as_long_in_nfd_as_in_nfc() {
        use unicode_normalization::UnicodeNormalization;
        // 48 letters: fewer than MAX_TOKEN_LETTERS bytes in NFC, more in NFD. A token in both.
        let nfc = "ƯỚCƯỚCƯỚCƯỚCĐạiĐạiƯƯĐạihoáĐạiĐạiĐạiĐạiĐạiĐạiĐại";
        let nfd: String = nfc.nfd().collect();
        assert!(nfc.len() <= MAX_TOKEN_LETTERS && nfd.len() > MAX_TOKEN_LETTERS);
        for level in [Level::Exact, Level::Folded] {
            assert_eq!(texts(nfc, level).len(), 1);
            assert_eq!(texts(&nfd, level), texts(nfc, level));
        }
    }

    #[test]
    fn overlong_spans_are_skipped_but_count_a_position() {
        let long = "x".repeat(MAX_TOKEN_LETTERS + 1);
        let toks = syllables(&format!("a {long} b"), Level::Exact);
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[1].position, 2);
    }

    /// The char-by-char definition `next_span` was first written as: the byte walk must
    /// find exactly the same spans.
    fn next_span_by_chars(text: &str, from: usize) -> Option<(usize, usize)> {
        let rest = &text[from..];
        let (start_rel, _) = rest
            .char_indices()
            .find(|&(_, c)| c.is_alphanumeric() && !is_combining(c))?;
        let start = from + start_rel;
        let mut end = start;
        let mut prev: Option<char> = None;
        let mut iter = text[start..].char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let inside = if c.is_alphanumeric() || (is_combining(c) && prev.is_some()) {
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

    /// The two-pass analysis the one-pass stream replaced: read the syllable's bases and
    /// tone, then write them at the level.
    fn analyze_by_bases(span: &str, level: Level) -> String {
        let mut bases: Vec<char> = Vec::new();
        let mut tone = Tone::Level;
        for c in span.chars() {
            if is_combining(c) {
                if let Some(t) = Tone::from_combining(c) {
                    tone = t;
                } else if let Some(last) = bases.last_mut() {
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
                bases.extend(c.to_lowercase());
            } else {
                bases.push(letter.base);
            }
        }
        let mut out = String::new();
        match level {
            Level::Exact => push_canonical(&bases, tone, &mut out),
            Level::Folded => out.extend(bases.iter().map(|&b| classify(b).folded)),
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_stream_writes_what_the_two_pass_analysis_wrote(
            s in "([a-zA-Z0-9.,;/ \u{a0}\u{300}-\u{36f}\u{c0}-\u{24f}\u{1e00}-\u{1eff}\u{370}-\u{4ff}\u{10a0}-\u{10ff}\u{2c00}-\u{2d2f}]|\\PC){0,40}"
        ) {
            for level in [Level::Exact, Level::Folded] {
                let mut cursor = 0;
                let mut expected = Vec::new();
                while let Some((from, to)) = next_span_by_chars(&s, cursor) {
                    cursor = to;
                    if !is_overlong(&s[from..to]) {
                        expected.push(analyze_by_bases(&s[from..to], level));
                    }
                }
                proptest::prop_assert_eq!(texts(&s, level), expected);
            }
        }

        #[test]
        fn byte_walk_finds_the_spans_of_the_char_definition(
            s in "([a-zA-Z0-9.,;/ \n\u{a0}\u{300}-\u{36f}\u{c0}-\u{24f}\u{1e00}-\u{1eff}\u{400}-\u{4ff}\u{4e00}-\u{4e10}]|\\PC){0,40}"
        ) {
            let mut cursor = 0;
            loop {
                let fast = next_span(&s, cursor);
                proptest::prop_assert_eq!(fast, next_span_by_chars(&s, cursor));
                match fast {
                    Some((_, end)) => cursor = end,
                    None => break,
                }
            }
        }
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
