//! The query language: plain words, `"quoted phrases"`, `-word` or `-"phrase"` (or `NOT
//! word`) to exclude, and `OR` in capitals between two words or phrases. Everything else is
//! text: a pasted title never fails to parse (an unbalanced quote is read as punctuation, a
//! dash before digits after a word is part of a name: "Su -27").

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
    /// Per syllable: typed so that it cannot be a slip of the keyboard (in capitals, with
    /// digits): it is searched as typed, never repaired.
    pub verbatim: Vec<bool>,
    /// The phrases joined to this one by `OR`: the clause matches where any of them does.
    pub or: Vec<Vec<QueryTerm>>,
}

/// Something the parser read otherwise than it was typed, for the user to be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseNote {
    /// A quote that opens no phrase (never closed, or a closing quote first) was read as
    /// punctuation.
    PlainQuote(char),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub notes: Vec<ParseNote>,
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
    let (items, notes) = read_items(text);
    let clauses = join_alternatives(items);
    if clauses.is_empty() {
        return Err(QueryError::NoWords);
    }
    if clauses.iter().all(|c| c.excluded) {
        return Err(QueryError::OnlyExclusions);
    }
    Ok(ParsedQuery { clauses, notes })
}

/// The clauses and operators of a query's text, in order, with notes on quotes that open
/// nothing.
fn read_items(text: &str) -> (Vec<Item>, Vec<ParseNote>) {
    let mut items: Vec<Item> = Vec::new();
    let mut notes = Vec::new();
    let mut budget = MAX_QUERY_SYLLABLES;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut negate_next = false;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).map(|&(_, n)| n);
        // A '-' excludes only right before a word or a quoted phrase, and not before
        // digits that follow a word: "Su -27", "F -35" are names.
        let mut excluded = c == '-'
            && next.is_some_and(|n| {
                (n.is_alphanumeric() && (items.is_empty() || !n.is_ascii_digit())) || opens(n)
            });
        if excluded {
            i += 1;
        }
        let q = chars[i].1;
        if is_quote(q) {
            let close = (i + 1..chars.len()).find(|&j| is_quote(chars[j].1));
            let (true, Some(close)) = (opens(q), close) else {
                // A quote that opens nothing is punctuation.
                if !notes.contains(&ParseNote::PlainQuote(q)) {
                    notes.push(ParseNote::PlainQuote(q));
                }
                i += 1;
                continue;
            };
            let piece = &text[byte_at(&chars, text, i + 1)..byte_at(&chars, text, close)];
            i = close + 1;
            push_clause(
                &mut items,
                piece,
                true,
                excluded || negate_next,
                &mut budget,
            );
            negate_next = false;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| chars[j].1.is_whitespace() || is_quote(chars[j].1))
            .unwrap_or(chars.len());
        let piece = &text[byte_at(&chars, text, i)..byte_at(&chars, text, end)];
        i = end;
        if !excluded {
            match piece {
                "OR" => {
                    items.push(Item::Or);
                    continue;
                }
                "AND" => continue,
                "NOT" => {
                    negate_next = true;
                    continue;
                }
                _ => {}
            }
        }
        excluded |= std::mem::take(&mut negate_next);
        push_clause(&mut items, piece, false, excluded, &mut budget);
    }
    (items, notes)
}

/// A clause, or an `OR` between two.
enum Item {
    Clause(Clause),
    Or,
}

fn push_clause(
    items: &mut Vec<Item>,
    piece: &str,
    quoted: bool,
    excluded: bool,
    budget: &mut usize,
) {
    let (mut terms, mut verbatim) = analyze_typed(piece);
    terms.truncate(*budget);
    verbatim.truncate(*budget);
    *budget -= terms.len();
    if !terms.is_empty() {
        items.push(Item::Clause(Clause {
            terms,
            quoted,
            excluded,
            verbatim,
            or: Vec::new(),
        }));
    }
}

/// Joins the two sides of every `OR` into one clause with alternatives. A side is a quoted
/// phrase, or the run of plain words that stands between the `OR` and the nearest phrase,
/// exclusion or other `OR` ("đại hội OR hội nghị": either phrase); each side matches as a
/// phrase. An `OR` with no side to join (at an end, beside an exclusion) is dropped.
fn join_alternatives(items: Vec<Item>) -> Vec<Clause> {
    // Sides, each with whether an OR stands before it.
    let mut sides: Vec<(Vec<Clause>, bool)> = Vec::new();
    let mut or_before = false;
    for item in items {
        let clause = match item {
            Item::Or => {
                or_before = true;
                continue;
            }
            Item::Clause(c) => c,
        };
        let plain = !clause.quoted && !clause.excluded;
        let run_goes_on = plain
            && !or_before
            && sides
                .last()
                .is_some_and(|(s, _)| s.iter().all(|c| !c.quoted && !c.excluded));
        match sides.last_mut() {
            Some((side, _)) if run_goes_on => side.push(clause),
            _ => sides.push((vec![clause], std::mem::take(&mut or_before))),
        }
        or_before = false;
    }
    let excluded = |side: &[Clause]| side.iter().any(|c| c.excluded);
    let mut out = Vec::new();
    let mut sides = sides.into_iter().peekable();
    while let Some((side, _)) = sides.next() {
        let mut joined: Option<Clause> = None;
        while let Some((next, true)) = sides.peek() {
            if excluded(&side) || excluded(next) {
                break;
            }
            let Some((next, _)) = sides.next() else {
                break;
            };
            let alternative = as_phrase(next).terms;
            match joined.as_mut() {
                Some(j) => j.or.push(alternative),
                None => {
                    let mut first = as_phrase(side.clone());
                    first.or.push(alternative);
                    joined = Some(first);
                }
            }
        }
        match joined {
            Some(j) => out.push(j),
            None => out.extend(side),
        }
    }
    out
}

/// The clauses of one side of an `OR` as one phrase.
fn as_phrase(side: Vec<Clause>) -> Clause {
    let mut phrase = Clause {
        terms: Vec::new(),
        quoted: true,
        excluded: false,
        verbatim: Vec::new(),
        or: Vec::new(),
    };
    for c in side {
        phrase.terms.extend(c.terms);
        phrase.verbatim.extend(c.verbatim);
    }
    phrase
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

/// Whether a quote can open a phrase: not a closing one (” »).
fn opens(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201E}' | '\u{00AB}')
}

fn byte_at(chars: &[(usize, char)], text: &str, i: usize) -> usize {
    chars.get(i).map(|&(b, _)| b).unwrap_or(text.len())
}

/// The syllables of a piece of query text at both levels.
pub fn analyze(piece: &str) -> Vec<QueryTerm> {
    analyze_typed(piece).0
}

/// [`analyze`], and per syllable whether it is [`Clause::verbatim`]: typed in capitals
/// (two letters or more, or a Roman numeral: "APEC", "XIV", "V"). (A word with digits is
/// never taken for a typo either, having no letters only; it is read as VNI typing only
/// when it decodes to a syllable and the index does not hold it as typed.)
fn analyze_typed(piece: &str) -> (Vec<QueryTerm>, Vec<bool>) {
    let exact = syllables(piece, Level::Exact);
    let folded = syllables(piece, Level::Folded);
    exact
        .into_iter()
        .zip(folded)
        .map(|(e, f)| {
            let typed = &piece[e.from..e.to];
            let letters = typed.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = letters > 0
                && typed.chars().all(|c| !c.is_lowercase())
                && (letters >= 2 || crate::text::roman::roman_to_u32(typed).is_some());
            let verbatim = capitals;
            let term = QueryTerm {
                accented: has_diacritics(typed),
                exact: e.text,
                folded: f.text,
            };
            (term, verbatim)
        })
        .unzip()
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
