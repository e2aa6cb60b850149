//! Web-page chrome that scrapers leave around an article: site names, weather and exchange
//! rate widgets, visitor counters, rating prompts, share buttons. Such lines must not reach
//! the body, where they would pollute ranking and snippets.
//!
//! The patterns live in `index_schema/chrome.txt`, compared word by word on folded keys.

use crate::text::{key, key_prefix, Level};
use std::sync::LazyLock;

pub const PATTERNS_SOURCE: &str = include_str!("../../index_schema/chrome.txt");

#[derive(Debug, PartialEq, Eq)]
enum Word {
    Literal(String),
    /// `#`: any number.
    Number,
    /// `*`: the rest of the line, whatever it is.
    Rest,
}

static PATTERNS: LazyLock<Vec<Vec<Word>>> = LazyLock::new(|| parse_patterns(PATTERNS_SOURCE));

/// How many leading words of a line decide every pattern: one more than the longest
/// pattern, so a pattern without `*` sees whether the line goes on after it.
static WORDS_NEEDED: LazyLock<usize> =
    LazyLock::new(|| PATTERNS.iter().map(Vec::len).max().unwrap_or(0) + 1);

fn parse_patterns(source: &str) -> Vec<Vec<Word>> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
        .map(|line| {
            line.split_whitespace()
                .map(|w| match w {
                    "#" => Word::Number,
                    "*" => Word::Rest,
                    _ => Word::Literal(key(w, Level::Folded)),
                })
                // A literal may fold to several words ("TP." → "tp"); flatten them.
                .flat_map(|w| match w {
                    Word::Literal(k) => k
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(|s| Word::Literal(s.to_owned()))
                        .collect::<Vec<_>>(),
                    other => vec![other],
                })
                .collect()
        })
        .collect()
}

fn matches(pattern: &[Word], words: &[&str]) -> bool {
    match (pattern.first(), words.first()) {
        (None, None) => true,
        (Some(Word::Rest), _) => true,
        (Some(Word::Number), Some(w))
            if w.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',') =>
        {
            matches(&pattern[1..], &words[1..])
        }
        (Some(Word::Literal(l)), Some(w)) if l == w => matches(&pattern[1..], &words[1..]),
        _ => false,
    }
}

/// Whether a whole line is page chrome. A line without any word (a lone counter "0", a rule
/// of dashes) is not chrome by this test; callers drop empty lines anyway.
pub fn is_chrome_line(line: &str) -> bool {
    let folded = key_prefix(line, Level::Folded, *WORDS_NEEDED);
    if folded.is_empty() {
        return false;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    PATTERNS.iter().any(|p| matches(p, &words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_and_counters_are_chrome() {
        for line in [
            "Thời tiết",
            "Tỷ giá ngoại tệ",
            "Thống kê truy cập",
            "Đang online 2938 Tổng lượt truy cập 874748626",
            "    Thống kê: 150.948",
            "    Online: 7",
            "lượt đánh giá: , trung bình: Bình luận",
            "Tổng số điểm của bài viết là: 0 trong 0 đánh giá",
            "Click để đánh giá bài viết",
            "  Ý kiến bạn đọc",
            "Zalo",
            "Cổng thông tin điện tử Đảng bộ tỉnh Thái Nguyên",
            "Mã xác thực không đúng.",
        ] {
            assert!(is_chrome_line(line), "{line}");
        }
    }

    #[test]
    fn article_sentences_are_not_chrome() {
        for line in [
            "Thời tiết năm nay thuận lợi cho sản xuất nông nghiệp.",
            "Thống kê cho thấy tỷ lệ hộ nghèo giảm còn 0,57%.",
            "Đánh giá những kết quả thực hiện Nghị quyết đại hội lần thứ XXII",
            "Đại hội đảng điểm cấp cơ sở thành công tốt đẹp",
            "",
            "0",
        ] {
            assert!(!is_chrome_line(line), "{line}");
        }
    }

    #[test]
    fn patterns_parse_wildcards() {
        let p = parse_patterns("# comment\nthống kê #\nlượt đánh giá *\n");
        assert_eq!(
            p,
            vec![
                vec![
                    Word::Literal("thong".into()),
                    Word::Literal("ke".into()),
                    Word::Number
                ],
                vec![
                    Word::Literal("luot".into()),
                    Word::Literal("danh".into()),
                    Word::Literal("gia".into()),
                    Word::Rest
                ],
            ]
        );
    }
}
