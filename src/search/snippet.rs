//! Snippets: the passages of a body that best show why it matched, with the matched
//! syllables marked in the article's own spelling.
//!
//! The body is tokenized at the folded level, so a query typed without diacritics still
//! highlights "Chi Lăng" as written; a syllable typed with diacritics marks only its own
//! spelling (tone placement aside), as it only matches that. A window scores by how many distinct query syllables it
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

/// A query syllable to mark: every spelling of `folded`, or with `exact`, only that spelling
/// at the exact level (and, in an article written without diacritics, its bare spelling).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mark {
    pub folded: String,
    pub exact: Option<String>,
}

impl Mark {
    /// Every spelling of a folded syllable.
    pub fn any(folded: &str) -> Mark {
        Mark {
            folded: folded.to_owned(),
            exact: None,
        }
    }
}

/// Which of `marks` a syllable of the text marks, if any: `marks` by folded form.
struct Marker<'a> {
    by_folded: HashMap<&'a str, Vec<(usize, Option<&'a str>)>>,
    /// The text has no diacritics at all: an accented mark takes its bare spelling.
    bare_text: bool,
}

impl<'a> Marker<'a> {
    fn new(marks: &'a [Mark], text: &str) -> Marker<'a> {
        let mut by_folded: HashMap<&str, Vec<(usize, Option<&str>)>> = HashMap::new();
        for (i, m) in marks.iter().enumerate() {
            by_folded
                .entry(m.folded.as_str())
                .or_default()
                .push((i, m.exact.as_deref()));
        }
        let accented = marks.iter().any(|m| m.exact.is_some());
        Marker {
            by_folded,
            bare_text: accented && !crate::text::has_diacritics(text),
        }
    }

    /// The index of the mark that `written` (folded to `folded`) takes.
    fn mark(&self, folded: &str, written: &str) -> Option<usize> {
        let candidates = self.by_folded.get(folded)?;
        let mut exact: Option<String> = None;
        candidates.iter().find_map(|&(i, want)| match want {
            None => Some(i),
            Some(_) if self.bare_text => Some(i),
            Some(want) => {
                let key = exact.get_or_insert_with(|| crate::text::key(written, Level::Exact));
                (key == want).then_some(i)
            }
        })
    }
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

/// Chooses up to `max_snippets` passages of `body` for the query syllables `terms` (in query
/// order). With no match in the body, the opening of the body is shown.
pub fn snippets(body: &str, terms: &[Mark], options: &SnippetOptions) -> Vec<Snippet> {
    if body.trim().is_empty() {
        return Vec::new();
    }
    let marker = Marker::new(terms, body);
    // (byte from, byte to, query syllable, char from, char to) of each matching syllable,
    // read straight off the token stream: no string per syllable of the body.
    let mut matched: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut tokenizer = VietnameseTokenizer::new(Level::Folded);
    let mut stream = tokenizer.token_stream(body);
    let mut chars = CharCursor::default();
    while stream.advance() {
        let t = stream.token();
        if let Some(q) = marker.mark(&t.text, &body[t.offset_from..t.offset_to]) {
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
pub fn highlight(text: &str, terms: &[Mark]) -> Snippet {
    let marker = Marker::new(terms, text);
    let marks: Vec<(usize, usize)> = syllables(text, Level::Folded)
        .into_iter()
        .filter(|t| marker.mark(&t.text, &text[t.from..t.to]).is_some())
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

/// Where a passage around byte offset `anchor` starts: a little before it, at a word
/// boundary, or at the start of its line.
fn passage_start(body: &str, anchor: usize) -> usize {
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
    start
}

/// Builds a passage around byte offset `anchor`: starting a little before it (at a word
/// boundary, or the start of its line), up to `max_chars`, with new lines and runs of spaces
/// folded to one space, `…` where it cuts, and `marks` (byte ranges of `body`) as
/// highlights, merged where only spaces separate them.
fn passage(body: &str, anchor: usize, marks: &[(usize, usize)], max_chars: usize) -> Snippet {
    let start = passage_start(body, anchor);
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

    fn terms(ts: &[&str]) -> Vec<Mark> {
        ts.iter().map(|t| Mark::any(t)).collect()
    }

    /// Marks as a query spells them: with diacritics, only that spelling.
    fn typed(ts: &[&str]) -> Vec<Mark> {
        ts.iter()
            .map(|t| {
                let folded = crate::text::key(t, Level::Folded);
                Mark {
                    exact: (folded != *t).then(|| crate::text::key(t, Level::Exact)),
                    folded,
                }
            })
            .collect()
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

    #[test]
    fn an_accented_syllable_marks_only_its_own_spelling() {
        let text = "Thị Vải ở đâu? Đầu nguồn sông Thị Vải, ô nhiễm do Vedan xả thải ra xã.";
        let title = highlight(text, &typed(&["thị", "vải", "ở", "đâu"]));
        let marked: Vec<&str> = title
            .highlights
            .iter()
            .map(|&[a, b]| {
                let from = title.text.char_indices().nth(a).map_or(0, |(i, _)| i);
                let to = title
                    .text
                    .char_indices()
                    .nth(b)
                    .map_or(title.text.len(), |(i, _)| i);
                &title.text[from..to]
            })
            .collect();
        assert_eq!(marked, ["Thị Vải ở đâu", "Thị Vải"]);
        // Tone placement aside: "hoá" is "hóa".
        let s = highlight("Văn hoá, văn hóa, vân hòa", &typed(&["văn", "hóa"]));
        assert_eq!(s.highlights, [[0, 7], [9, 16]], "{s:?}");
        // Unaccented, every spelling; in an article written without diacritics, the bare one.
        let s = highlight("xã xả xa", &typed(&["xa"]));
        assert_eq!(s.highlights, [[0, 8]]);
        let s = highlight("Vedan xa thai ra xa", &typed(&["xả", "thải"]));
        assert_eq!(s.highlights, [[6, 13], [17, 19]]);
        assert_eq!(
            snippets(
                "Vedan xả thải ra xã",
                &typed(&["xả"]),
                &SnippetOptions::default()
            )[0]
            .highlights,
            [[6, 8]]
        );
    }
}
