//! Reading a text once into tokens that carry both matching levels (the exact syllable and
//! its folded form), with the zone each sits in and the sentence breaks between them. The
//! facet readers all work on these tokens; `places` finds the typed place names in them.

use crate::text::letters::{classify, is_combining};
use crate::text::tokenize::{is_overlong, next_span, Analyzer};
use compact_str::CompactString;

/// Where in an article a piece of text sits; evidence from the title weighs more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    Title,
    /// The first paragraph of the body that reads as prose.
    Lead,
    Body,
}

/// One syllable, at both levels, with its byte span in the text it came from.
#[derive(Debug, Clone)]
pub struct Token {
    /// Lower-case, canonical tone placement ("thành", "ủy").
    pub exact: CompactString,
    /// No marks, đ → d ("thanh", "uy").
    pub folded: CompactString,
    pub from: usize,
    pub to: usize,
    /// Starts with an upper-case letter or a digit: names do.
    pub capital: bool,
    pub zone: Zone,
    /// The text this token comes from carries no diacritics at all, so an unmarked token
    /// may stand for a marked word ("tinh" for "tỉnh"). In marked text it may not: "quan"
    /// is not "quận", "xa" is not "xã".
    pub unmarked_text: bool,
}

impl Token {
    /// Whether the token is the word `exact` (lower-case, canonical tones). Text typed
    /// without diacritics matches on the folded form, since it carries no marks to compare.
    #[inline]
    pub fn is(&self, exact: &str) -> bool {
        // The phrase rules ask this of every token for dozens of words, and nearly every
        // answer is no: the first byte settles most without a string comparison.
        let same_start = self.exact.as_bytes().first() == exact.as_bytes().first();
        (same_start && self.exact.as_str() == exact)
            || (self.unmarked_text && folds_to(exact, &self.folded))
    }
}

/// Whether `word` (lower-case, NFC) folds to `folded`, without allocating: this runs for
/// every unmarked token the phrase rules look at.
fn folds_to(word: &str, folded: &str) -> bool {
    let mut rest = folded.chars();
    word.chars()
        .filter(|&c| !is_combining(c))
        .all(|c| rest.next() == Some(classify(c).folded))
        && rest.next().is_none()
}

/// A text split into tokens, each marked with its zone.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Tokens<'a> {
    /// Tokenizes `text`; tokens before `lead.0` are `zone`, tokens inside the byte range
    /// `lead` are [`Zone::Lead`], later ones [`Zone::Body`] (for the title pass `lead` is
    /// empty and every token is `zone`).
    pub fn new(text: &'a str, zone: Zone, lead: (usize, usize)) -> Tokens<'a> {
        let mut analyzer = Analyzer::default();
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let (mut exact_buf, mut folded_buf) = (String::new(), String::new());
        let mut cursor = 0;
        let mut marked = false;
        while let Some((from, to)) = next_span(text, cursor) {
            cursor = to;
            let span = &text[from..to];
            if is_overlong(span) {
                continue;
            }
            let ascii = analyzer.analyze_both(span, &mut exact_buf, &mut folded_buf);
            // Syllables fit inline in a CompactString: no allocation per token.
            let exact = CompactString::from(exact_buf.as_str());
            let folded = if ascii {
                exact.clone()
            } else {
                CompactString::from(folded_buf.as_str())
            };
            marked = marked || (!ascii && exact != folded);
            let capital = span
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            let zone = if zone == Zone::Title {
                Zone::Title
            } else if from < lead.0 {
                zone
            } else if from < lead.1 {
                Zone::Lead
            } else {
                Zone::Body
            };
            tokens.push(Token {
                exact,
                folded,
                from,
                to,
                capital,
                zone,
                unmarked_text: false,
            });
        }
        if !marked {
            for t in &mut tokens {
                t.unmarked_text = true;
            }
        }
        Tokens { text, tokens }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text between token `i` and token `i + 1` (empty at the ends).
    pub fn gap_after(&self, i: usize) -> &'a str {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.to..b.from).unwrap_or(""),
            _ => "",
        }
    }

    /// Whether tokens `i..i + words.len()` are `words` (see [`Token::is`]), with nothing but
    /// spaces between them.
    pub fn phrase_at(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| {
            self.tokens.get(i + k).is_some_and(|t| t.is(w))
                && (k + 1 == words.len() || self.gap_after(i + k).trim().is_empty())
        })
    }

    /// The text of tokens `from..to`.
    pub fn span_text(&self, from: usize, to: usize) -> &'a str {
        match (
            self.tokens.get(from),
            to.checked_sub(1).and_then(|l| self.tokens.get(l)),
        ) {
            (Some(a), Some(b)) if a.from <= b.to => self.text.get(a.from..b.to).unwrap_or(""),
            _ => "",
        }
    }

    /// The folded words of tokens `from..to`, space-separated: the gazetteer's key.
    pub fn folded_span(&self, from: usize, to: usize) -> String {
        let words: Vec<&str> = self.tokens[from..to]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        words.join(" ")
    }

    /// The tokens outside the body proper: all of a title's, the lead's of a body (one
    /// paragraph, not always the first: captions and datelines may come before it).
    pub fn head_range(&self) -> std::ops::Range<usize> {
        let Some(start) = self.tokens.iter().position(|t| t.zone != Zone::Body) else {
            return 0..0;
        };
        let len = self.tokens[start..]
            .iter()
            .position(|t| t.zone == Zone::Body)
            .unwrap_or(self.tokens.len() - start);
        start..start + len
    }

    /// Whether a sentence ends between token `i` and token `i + 1`: a full stop, question
    /// or exclamation mark, semicolon, colon or line break, but not the dot of "TP." or
    /// "Đ/c."-style abbreviations.
    pub fn sentence_break_after(&self, i: usize) -> bool {
        let gap = self.gap_after(i);
        if gap.contains(['\n', '!', '?', ';', ':']) {
            return true;
        }
        if gap.contains('.') {
            return !self
                .tokens
                .get(i)
                .is_some_and(|t| is_abbreviation(&self.text[t.from..t.to]));
        }
        false
    }
}

/// Whether a word followed by a dot is an abbreviation ("TP.", "Tp.", "TX.", "ThS.") rather
/// than the end of a sentence: a short all-capitals word or a known title.
fn is_abbreviation(word: &str) -> bool {
    let short_capitals = word.chars().count() <= 3 && word.chars().all(char::is_uppercase);
    short_capitals || matches!(word, "Tp" | "Tx" | "ThS" | "Ths" | "TSKH" | "PGS" | "Đ/c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_breaks_skip_abbreviations() {
        let t = Tokens::new("TP. Sông Công. Hết", Zone::Body, (0, 0));
        assert!(!t.sentence_break_after(0));
        assert!(t.sentence_break_after(2));
    }
}
