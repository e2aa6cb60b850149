//! Snippets: the passages of a body that best show why it matched, with the matched
//! syllables marked in the article's own spelling.
//!
//! The body is tokenized at the folded level, so a query typed without diacritics still
//! highlights "Chi Lăng" as written. A window scores by how many distinct query syllables it
//! holds, how often, and how many of them stand next to each other as in the query.

use crate::text::tokenize::{syllables, Level, VietnameseTokenizer};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// A passage with highlight ranges, in characters (Unicode scalar values) of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// Snippet sizes.
#[derive(Debug, Clone, Copy)]
pub struct SnippetOptions {
    /// Longest passage, in characters.
    pub max_chars: usize,
    /// Most passages per hit.
    pub max_snippets: usize,
}

impl Default for SnippetOptions {
    fn default() -> Self {
        SnippetOptions {
            max_chars: 200,
            max_snippets: 2,
        }
    }
}

/// Chooses up to `max_snippets` passages of `body` for the folded query syllables `terms`
/// (in query order). With no match in the body, the opening of the body is shown.
pub fn snippets(body: &str, terms: &[String], options: &SnippetOptions) -> Vec<Snippet> {
    if body.trim().is_empty() {
        return Vec::new();
    }
    let order: HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    // (byte from, byte to, query syllable, char from, char to) of each matching syllable,
    // read straight off the token stream: no string per syllable of the body.
    let mut matched: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut tokenizer = VietnameseTokenizer::new(Level::Folded);
    let mut stream = tokenizer.token_stream(body);
    let mut chars = CharCursor::default();
    while stream.advance() {
        let t = stream.token();
        if let Some(&q) = order.get(t.text.as_str()) {
            let (from, to) = (t.offset_from, t.offset_to);
            let char_from = chars.at(body, from);
            matched.push((from, to, q, char_from, chars.at(body, to)));
        }
    }
    if matched.is_empty() {
        return vec![passage(body, 0, &[], options.max_chars)];
    }
    let budget = options.max_chars * 3 / 4;
    let mut windows: Vec<(f32, usize, usize)> = Vec::new(); // (score, first match, last match)
    for start in 0..matched.len() {
        let mut seen = vec![false; terms.len()];
        let mut distinct = 0;
        let mut adjacent = 0;
        let mut end = start;
        while end < matched.len() && matched[end].4.saturating_sub(matched[start].3) <= budget {
            let q = matched[end].2;
            if !seen[q] {
                seen[q] = true;
                distinct += 1;
            }
            if end > start
                && q == matched[end - 1].2 + 1
                && only_space_between(body, matched[end - 1].1, matched[end].0)
            {
                adjacent += 1;
            }
            end += 1;
        }
        let count = end - start;
        let score = distinct as f32 * 10.0 + adjacent as f32 * 4.0 + count as f32;
        windows.push((score, start, end - 1));
    }
    windows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for &(_, first, last) in &windows {
        if chosen.len() == options.max_snippets {
            break;
        }
        let overlaps = chosen.iter().any(|&(f, l)| first <= l && f <= last);
        if !overlaps {
            chosen.push((first, last));
        }
    }
    chosen.sort();
    chosen
        .into_iter()
        .map(|(first, last)| {
            let marks: Vec<(usize, usize)> = matched[first..=last]
                .iter()
                .map(|&(f, t, ..)| (f, t))
                .collect();
            passage(body, matched[first].0, &marks, options.max_chars)
        })
        .collect()
}

/// `text` whole (spaces folded), with every syllable of `terms` highlighted: for titles.
pub fn highlight(text: &str, terms: &[String]) -> Snippet {
    let marks: Vec<(usize, usize)> = syllables(text, Level::Folded)
        .into_iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| (t.from, t.to))
        .collect();
    passage(text, 0, &marks, usize::MAX)
}

/// Character offsets of byte offsets, counted forward from the last one asked for.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            // Behind the cursor (tokens never overlap, but do not rely on it).
            return text[..byte].chars().count();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn only_space_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
}

/// Builds a passage around byte offset `anchor`: starting a little before it (at a word
/// boundary, or the start of its line), up to `max_chars`, with new lines and runs of spaces
/// folded to one space, `…` where it cuts, and `marks` (byte ranges of `body`) as
/// highlights, merged where only spaces separate them.
fn passage(body: &str, anchor: usize, marks: &[(usize, usize)], max_chars: usize) -> Snippet {
    const LEAD_CHARS: usize = 40;
    let line_start = body[..anchor].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let mut start = anchor;
    for (taken, (i, _)) in body[line_start..anchor].char_indices().rev().enumerate() {
        if taken >= LEAD_CHARS {
            break;
        }
        start = line_start + i;
    }
    if start > line_start {
        // Back off to the start of a word.
        start = body[..start]
            .rfind(char::is_whitespace)
            .map(|i| i + 1)
            .filter(|&i| i >= line_start)
            .unwrap_or(line_start);
        let after_space = body[start..]
            .find(|c: char| !c.is_whitespace())
            .map(|i| start + i)
            .unwrap_or(start);
        start = after_space.min(anchor);
    }

    let mut text = String::new();
    let mut highlights: Vec<[usize; 2]> = Vec::new();
    if start > 0 {
        text.push('…');
    }
    let mut chars_out = text.chars().count();
    let mut pending_space = false;
    let mut mark_iter = marks.iter().peekable();
    let mut open: Option<usize> = None;
    let mut end_reached = true;
    for (i, c) in body[start..].char_indices() {
        let at = start + i;
        while mark_iter.peek().is_some_and(|&&(_, to)| to <= at) {
            mark_iter.next();
        }
        if c.is_whitespace() {
            pending_space = !text.is_empty() && !text.ends_with('…');
            continue;
        }
        let in_mark = mark_iter
            .peek()
            .is_some_and(|&&(from, to)| from <= at && at < to);
        if chars_out + usize::from(pending_space) + 1 > max_chars {
            end_reached = false;
            break;
        }
        if pending_space {
            text.push(' ');
            chars_out += 1;
            pending_space = false;
            // A space between two marks stays inside one highlight.
            if !in_mark {
                if let Some(from) = open.take() {
                    highlights.push([from, chars_out - 1]);
                }
            }
        }
        match (in_mark, open) {
            (true, None) => open = Some(chars_out),
            (false, Some(from)) => {
                highlights.push([from, chars_out]);
                open = None;
            }
            _ => {}
        }
        text.push(c);
        chars_out += 1;
    }
    if let Some(from) = open {
        highlights.push([from, chars_out]);
    }
    if !end_reached {
        // Cut at a word boundary.
        if let Some(cut) = text.rfind(' ') {
            let cut_chars = text[..cut].chars().count();
            text.truncate(cut);
            highlights.retain(|h| h[0] < cut_chars);
            for h in &mut highlights {
                h[1] = h[1].min(cut_chars);
            }
        }
        text.push('…');
    }
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_char_cursor_counts_like_chars() {
        let text = "Đại hội Đảng bộ phường Chi Lăng, nhiệm kỳ 2025–2030";
        let mut cursor = CharCursor::default();
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &b in offsets.iter().step_by(3).chain([&text.len(), &5, &0]) {
            assert_eq!(cursor.at(text, b), text[..b].chars().count(), "at byte {b}");
        }
    }

    fn terms(ts: &[&str]) -> Vec<String> {
        ts.iter().map(|t| t.to_string()).collect()
    }

    fn marked(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights
            .iter()
            .map(|[a, b]| chars[*a..*b].iter().collect())
            .collect()
    }

    #[test]
    fn highlights_keep_the_articles_spelling() {
        let body = "Đại hội điểm Đảng bộ phường Chi Lăng, thành phố Lạng Sơn.";
        let s = snippets(body, &terms(&["chi", "lang"]), &SnippetOptions::default());
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, body);
        assert_eq!(marked(&s[0]), ["Chi Lăng", "Lạng"]);
    }

    #[test]
    fn the_densest_passage_wins_and_long_bodies_are_cut() {
        let filler = "Nội dung không liên quan đến truy vấn. ".repeat(30);
        let body =
            format!("{filler}\nBan Chấp hành Đảng bộ phường Bách Quang nhiệm kỳ mới.\n{filler}");
        let s = snippets(
            &body,
            &terms(&["bach", "quang"]),
            &SnippetOptions {
                max_snippets: 1,
                ..Default::default()
            },
        );
        assert_eq!(s.len(), 1);
        assert!(s[0].text.starts_with("…Ban Chấp hành"), "{}", s[0].text);
        assert!(s[0].text.ends_with('…'));
        assert!(s[0].text.chars().count() <= 200);
        assert_eq!(marked(&s[0]), ["Bách Quang"]);
    }

    #[test]
    fn without_a_body_match_the_opening_is_shown() {
        let s = snippets(
            "Mở đầu bài viết.\nĐoạn hai.",
            &terms(&["xyz"]),
            &SnippetOptions::default(),
        );
        assert_eq!(
            s,
            vec![Snippet {
                text: "Mở đầu bài viết. Đoạn hai.".into(),
                highlights: vec![]
            }]
        );
        assert!(snippets("  ", &terms(&["x"]), &SnippetOptions::default()).is_empty());
    }

    #[test]
    fn two_separate_passages() {
        let filler = "câu chữ ".repeat(80);
        let body = format!("Sông Công {filler} Thành ủy");
        let s = snippets(
            &body,
            &terms(&["song", "cong", "thanh", "uy"]),
            &SnippetOptions::default(),
        );
        assert_eq!(s.len(), 2);
        assert_eq!(marked(&s[0]), ["Sông Công"]);
        assert_eq!(marked(&s[1]), ["Thành ủy"]);
    }
}
