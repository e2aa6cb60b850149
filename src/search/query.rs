//! The query language: plain words (all must match in a short query), `"quoted phrases"`,
//! and `-word` or `-"phrase"` to exclude. Everything else is text.

use crate::text::tokenize::{syllables, Level};
use crate::text::{has_diacritics, normalize};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Queries longer than this are cut: nobody types more, and it bounds the work one query
/// can cause.
pub const MAX_QUERY_CHARS: usize = 2000;
/// At most this many syllables are searched.
pub const MAX_QUERY_SYLLABLES: usize = 64;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("empty query: give one or more words to search for")]
    Empty,
    #[error("the query has no words to search for, only punctuation or symbols")]
    NoWords,
    #[error("unbalanced quote: a phrase opened with \" at character {0} is never closed")]
    UnbalancedQuote(usize),
    #[error("the query only excludes (-word): add at least one word to search for")]
    OnlyExclusions,
}

/// One syllable of a query at both matching levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// Lower case, canonical tones.
    pub exact: String,
    /// No diacritics.
    pub folded: String,
    /// Whether the user typed it with diacritics: then exact matches rank higher.
    pub accented: bool,
}

/// A word or phrase of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The syllables, in order. A quoted phrase, or a word that splits into several syllables
    /// ("2020-2025", "Đ/c"), must match as a phrase.
    pub terms: Vec<QueryTerm>,
    pub quoted: bool,
    pub excluded: bool,
}

impl Clause {
    /// Whether its syllables must be adjacent and in order.
    pub fn is_phrase(&self) -> bool {
        self.terms.len() > 1
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    /// The clauses that search (not exclude).
    pub fn positive(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.iter().filter(|c| !c.excluded)
    }

    /// Every positive syllable, in query order.
    pub fn positive_terms(&self) -> impl Iterator<Item = &QueryTerm> {
        self.positive().flat_map(|c| c.terms.iter())
    }
}

/// Parses a query. Never panics; every malformed input is a [`QueryError`].
pub fn parse(raw: &str) -> Result<ParsedQuery, QueryError> {
    // Normalize, then cut: cutting first could split a letter from its combining marks in
    // NFD input, and an NFD query would then parse unlike the same query in NFC.
    let normalized = normalize(&strip_escape_sequences(&raw.nfc().collect::<String>()));
    let text = match normalized.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &normalized[..cut],
        None => &normalized,
    };
    if text.trim().is_empty() {
        return Err(QueryError::Empty);
    }
    let mut clauses = Vec::new();
    let mut budget = MAX_QUERY_SYLLABLES;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // A '-' excludes only at the start of a word and right before it.
        let excluded = c == '-' && chars.get(i + 1).is_some_and(|&(_, n)| !n.is_whitespace());
        if excluded {
            i += 1;
        }
        let quoted = chars.get(i).is_some_and(|&(_, q)| is_quote(q));
        let (start, end, next) = if quoted {
            let open_at = i;
            let close = (i + 1..chars.len()).find(|&j| is_quote(chars[j].1));
            let Some(close) = close else {
                return Err(QueryError::UnbalancedQuote(open_at + 1));
            };
            (
                byte_at(&chars, text, i + 1),
                byte_at(&chars, text, close),
                close + 1,
            )
        } else {
            let end = (i..chars.len())
                .find(|&j| chars[j].1.is_whitespace() || is_quote(chars[j].1))
                .unwrap_or(chars.len());
            (byte_at(&chars, text, i), byte_at(&chars, text, end), end)
        };
        i = next;
        let piece = &text[start..end];
        let mut terms = analyze(piece);
        terms.truncate(budget);
        budget -= terms.len();
        if !terms.is_empty() {
            clauses.push(Clause {
                terms,
                quoted,
                excluded,
            });
        }
    }
    if clauses.is_empty() {
        return Err(QueryError::NoWords);
    }
    if clauses.iter().all(|c| c.excluded) {
        return Err(QueryError::OnlyExclusions);
    }
    Ok(ParsedQuery { clauses })
}

/// Removes terminal escape sequences (a query pasted from coloured output): CSI
/// (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and two-character escapes.
/// The normalizer then removes any other control character.
fn strip_escape_sequences(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let skip = match after.as_bytes().first() {
            Some(b'[') => after[1..]
                .bytes()
                .position(|b| !(0x20..=0x3F).contains(&b))
                .filter(|&i| (0x40..=0x7E).contains(&after.as_bytes()[1 + i]))
                .map(|i| i + 2),
            Some(b']') => {
                let bel = after.find('\u{7}').map(|i| i + 1);
                let st = after.find("\u{1b}\\").map(|i| i + 2);
                match (bel, st) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            Some(0x40..=0x5F) => Some(1),
            _ => None,
        };
        rest = &after[skip.unwrap_or(0)..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

fn byte_at(chars: &[(usize, char)], text: &str, i: usize) -> usize {
    chars.get(i).map(|&(b, _)| b).unwrap_or(text.len())
}

/// The syllables of a piece of query text at both levels.
pub fn analyze(piece: &str) -> Vec<QueryTerm> {
    let exact = syllables(piece, Level::Exact);
    let folded = syllables(piece, Level::Folded);
    exact
        .into_iter()
        .zip(folded)
        .map(|(e, f)| QueryTerm {
            accented: has_diacritics(&piece[e.from..e.to]),
            exact: e.text,
            folded: f.text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(q: &str) -> Vec<(Vec<String>, bool, bool)> {
        parse(q)
            .unwrap()
            .clauses
            .into_iter()
            .map(|c| {
                (
                    c.terms.into_iter().map(|t| t.folded).collect(),
                    c.quoted,
                    c.excluded,
                )
            })
            .collect()
    }

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        assert_eq!(
            shape("Đại hội \"Ban Chấp hành\" -xã"),
            vec![
                (words(&["dai"]), false, false),
                (words(&["hoi"]), false, false),
                (words(&["ban", "chap", "hanh"]), true, false),
                (words(&["xa"]), false, true),
            ]
        );
    }

    #[test]
    fn ranges_and_dashes() {
        assert_eq!(
            shape("2020-2025"),
            vec![(words(&["2020", "2025"]), false, false)]
        );
        // An en-dash between spaces is punctuation, not an exclusion.
        assert_eq!(
            shape("nhiệm kỳ 2020 – 2025"),
            vec![
                (words(&["nhiem"]), false, false),
                (words(&["ky"]), false, false),
                (words(&["2020"]), false, false),
                (words(&["2025"]), false, false),
            ]
        );
    }

    #[test]
    fn accents_are_remembered() {
        let q = parse("Thành uy").unwrap();
        let terms: Vec<&QueryTerm> = q.positive_terms().collect();
        assert!(terms[0].accented);
        assert_eq!(terms[0].exact, "thành");
        assert!(!terms[1].accented);
    }

    #[test]
    fn malformed_queries_are_errors() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("   \t"), Err(QueryError::Empty));
        assert_eq!(parse("?!…"), Err(QueryError::NoWords));
        assert_eq!(parse("-"), Err(QueryError::NoWords));
        assert_eq!(parse("đại \"hội"), Err(QueryError::UnbalancedQuote(5)));
        assert_eq!(parse("-xã -phường"), Err(QueryError::OnlyExclusions));
        assert_eq!(parse("\u{1b}[31m"), Err(QueryError::Empty));
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(strip_escape_sequences("a\u{1b}[1;31mb\u{1b}[0m c"), "ab c");
        assert_eq!(
            strip_escape_sequences("\u{1b}]0;title\u{7}x\u{1b}]8;;u\u{1b}\\y"),
            "xy"
        );
        assert_eq!(strip_escape_sequences("\u{1b}Mz \u{1b}[31"), "z [31");
        assert_eq!(strip_escape_sequences("\u{1b}\u{1b}[mđ\u{1b}"), "đ");
        assert_eq!(parse("\u{1b}[31mChi Lăng\u{1b}[0m"), parse("Chi Lăng"));
    }

    #[test]
    fn long_queries_are_bounded() {
        let q = parse(&"đảng ".repeat(5000)).unwrap();
        assert_eq!(q.clauses.len(), MAX_QUERY_SYLLABLES);
    }

    #[test]
    fn nfd_queries_parse_like_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "\"Thành ủy\" Sông Công";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(parse(&nfd), parse(nfc));
        // Also where the query is cut: the letter and its mark stay together.
        let long_nfc = format!("{} ế", ".".repeat(MAX_QUERY_CHARS - 2));
        let long_nfd: String = long_nfc.nfd().collect();
        assert_eq!(long_nfc.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(parse(&long_nfd), parse(&long_nfc));
    }
}
