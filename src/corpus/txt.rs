//! Plain-text articles, one per file, as scrapers save them: the title on the first line that
//! is not page chrome, then the body; a `Nguồn …: https://…` line gives the source URL, and a
//! portal's dateline ("Thứ hai - 15/09/2025 10:04") the publication date.

use super::chrome::is_chrome_line;
use crate::extract::date::{parse_dateline, Date};

/// What a text file says, before an id is given to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedText {
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub published: Option<Date>,
}

/// How far into a file a dateline is looked for: portals print it right under the title.
const DATELINE_WINDOW: usize = 20;

/// Parses normalized text. `None` when it holds no line of article text at all.
pub fn parse_text(text: &str) -> Option<ParsedText> {
    let mut lines: Vec<&str> = Vec::new();
    let mut url = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if let Some(found) = source_url(line) {
            url.get_or_insert_with(|| found.to_owned());
            continue;
        }
        lines.push(line);
    }

    // A dateline near the top marks the title: the last non-chrome line above it. Everything
    // above the title is the portal's header.
    let dateline = lines
        .iter()
        .take(DATELINE_WINDOW)
        .enumerate()
        .find_map(|(i, l)| parse_dateline(l).map(|d| (i, d)));
    let (title_at, body_from, published) = match dateline {
        Some((at, date)) => match lines[..at].iter().rposition(|l| !is_chrome_line(l)) {
            Some(title_at) => (title_at, at + 1, Some(date)),
            None => (at + 1, at + 2, Some(date)),
        },
        None => {
            let title_at = lines.iter().position(|l| !is_chrome_line(l))?;
            (title_at, title_at + 1, None)
        }
    };
    let title = lines.get(title_at)?.to_string();
    let body = clean_body(lines.get(body_from..).unwrap_or_default().iter().copied());
    Some(ParsedText {
        title,
        body,
        url,
        published,
    })
}

/// Joins body lines with `\n`, dropping page chrome and lines that repeat the line before
/// them (photo captions are often printed twice).
pub fn clean_body<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut body = String::new();
    let mut previous: Option<&str> = None;
    for line in lines.map(str::trim).filter(|l| !l.is_empty()) {
        if previous == Some(line) || is_chrome_line(line) {
            continue;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(line);
        previous = Some(line);
    }
    body
}

/// The URL of a `Nguồn …: https://…` credit line, or of a line that is nothing but a URL.
fn source_url(line: &str) -> Option<&str> {
    let at = line.find("http://").or_else(|| line.find("https://"))?;
    let before = &line[..at];
    let credit = before.is_empty()
        || crate::text::key(before, crate::text::Level::Folded).starts_with("nguon");
    let url = line[at..].split_whitespace().next()?;
    credit.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn title_body_and_source() {
        let text = "TP. Sông Công: Đại hội thành công\n\nNgày 19-1, Đảng bộ phường.\n\nẢnh đại biểu.\n\nẢnh đại biểu.\n\nSơn Lâm\n\nNguồn Thái Nguyên: https://baothainguyen.vn/a-b/\nZalo";
        let p = parse_text(text).unwrap();
        assert_eq!(p.title, "TP. Sông Công: Đại hội thành công");
        assert_eq!(p.body, "Ngày 19-1, Đảng bộ phường.\nẢnh đại biểu.\nSơn Lâm");
        assert_eq!(p.url.as_deref(), Some("https://baothainguyen.vn/a-b/"));
        assert_eq!(p.published, None);
    }

    #[test]
    fn portal_header_above_a_dateline_is_not_the_title() {
        let text = normalize(
            "Cổng thông tin điện tử\nĐảng bộ tỉnh Thái Nguyên\n\nCổng thông tin điện tử Đảng bộ tỉnh Thái Nguyên\n\nĐưa nghị quyết vào cuộc sống\n\nNhiều hoạt động chính trị quan trọng\n\nThứ hai - 15/09/2025 10:04 0\nTrong những ngày vừa qua.\n\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\n\nClick để đánh giá bài viết",
        );
        let p = parse_text(&text).unwrap();
        assert_eq!(p.title, "Nhiều hoạt động chính trị quan trọng");
        assert_eq!(p.body, "Trong những ngày vừa qua.");
        assert_eq!(p.published, Date::new(2025, 9, 15));
    }

    #[test]
    fn footer_widgets_are_dropped() {
        let p = parse_text("Tiêu đề\nNội dung.\nThời tiết\n\nTỷ giá ngoại tệ\nThống kê truy cập\nĐang online 2938 Tổng lượt truy cập 874748626").unwrap();
        assert_eq!(p.body, "Nội dung.");
    }

    #[test]
    fn nothing_but_chrome_or_blank_is_no_article() {
        assert_eq!(parse_text(""), None);
        assert_eq!(parse_text("  \n\n \t"), None);
        assert_eq!(parse_text("Zalo\nThời tiết"), None);
    }

    #[test]
    fn a_url_inside_a_sentence_is_not_a_source_line() {
        let p = parse_text("Tiêu đề\nXem tại https://example.vn/x để biết thêm.").unwrap();
        assert_eq!(p.url, None);
        assert!(p.body.contains("https://example.vn/x"));
    }
}
