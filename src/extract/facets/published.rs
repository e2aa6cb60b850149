//! The publication date, when the article gives it away: a portal's dateline, a date in
//! the URL, or the day and month news leads open with ("Ngày 19-1, ...", "Sáng 20/5, ...")
//! completed with a year the URL or the congress term vouches for.

use super::scan::{Tokens, Zone};
use crate::extract::date::{parse_dateline, Date};

/// What a URL's path says about the date: `/2025/01/19/`, `/20250119/`, `/202501/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl UrlDate {
    /// The full date, when the URL has one.
    pub fn date(self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?)
    }
}

/// Reads a date from the path segments of `url` (not from slugs or numeric ids: only whole
/// segments that are a year, a month, a day or a packed date count).
pub fn url_date(url: &str) -> Option<UrlDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year_ok = |y: u32| (1990..=2100).contains(&y);
    for (k, seg) in segments.iter().enumerate() {
        // 20250119, 202501
        if let Some(v) = number(seg, 8) {
            let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
            if year_ok(y) && Date::new(y as i32, m, d).is_some() {
                return Some(UrlDate {
                    year: y as i32,
                    month: Some(m),
                    day: Some(d),
                });
            }
        }
        if let Some(v) = number(seg, 6) {
            let (y, m) = (v / 100, v % 100);
            if year_ok(y) && (1..=12).contains(&m) {
                return Some(UrlDate {
                    year: y as i32,
                    month: Some(m),
                    day: None,
                });
            }
        }
        // 2025-01-19
        if seg.len() == 10 {
            if let Some(d) = Date::parse_iso(seg) {
                return Some(UrlDate {
                    year: d.year(),
                    month: Some(d.month()),
                    day: Some(d.day()),
                });
            }
        }
        // /2025/01/19/, /2025/01/
        if let Some(y) = number(seg, 4).filter(|&y| year_ok(y)) {
            let next = |i: usize| {
                segments
                    .get(k + i)
                    .and_then(|s| number(s, 2).or_else(|| number(s, 1)))
            };
            let month = next(1).filter(|m| (1..=12).contains(m));
            let day = month
                .and(next(2))
                .filter(|&d| month.is_some_and(|m| Date::new(y as i32, m, d).is_some()));
            if month.is_some() {
                return Some(UrlDate {
                    year: y as i32,
                    month,
                    day,
                });
            }
        }
    }
    None
}

/// A day and month read at the start of a title or lead, with the year if written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadDate {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    /// "hôm qua", "sáng qua": the event was the day before publication.
    pub yesterday: bool,
    /// Byte span in the text.
    pub from: usize,
    pub to: usize,
}

/// Words a news lead puts before its date.
const LEAD_WORDS: &[&str] = &[
    "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "nay", "qua", "trong", "vào",
];

/// The date at the start of the tokens of `zone` ("Ngày 19-1,", "Sáng 20/5,", "Chiều qua
/// 16.4,", "Trong 2 ngày (15 - 16/1),", "Sáng ngày 20 tháng 5 năm 2020"). Only the lead
/// words above may come before it; the last day of a range counts.
pub fn lead_date(tokens: &Tokens, zone: Zone) -> Option<LeadDate> {
    let start = tokens.tokens.iter().position(|t| t.zone == zone)?;
    let mut yesterday = false;
    let mut i = start;
    // Lead words, and the "2" of "Trong 2 ngày".
    while i < tokens.len() && i < start + 4 {
        let t = &tokens.tokens[i];
        if t.is("qua") {
            yesterday = true;
        }
        let counted_days = t.exact.len() == 1
            && t.exact.bytes().all(|b| b.is_ascii_digit())
            && tokens.phrase_at(i + 1, &["ngày"]);
        if LEAD_WORDS.iter().any(|w| t.is(w)) || counted_days {
            i += 1;
        } else {
            break;
        }
    }
    if i == start || i >= tokens.len() || tokens.sentence_break_after(i - 1) {
        return None;
    }
    let (day, month, year, end) = date_at(tokens, i)?;
    // A full date after a bare "Ngày" may be history ("Ngày 21-4-1955, Hội ... được thành
    // lập") or an earlier step of the story; a time of day ("Sáng 20-5-2020") marks the
    // report's own dateline.
    let time_of_day = tokens.tokens[start..i].iter().any(|t| {
        ["sáng", "chiều", "tối", "trưa", "đêm", "nay", "qua"]
            .iter()
            .any(|w| t.is(w))
    });
    if year.is_some() && !time_of_day {
        return None;
    }
    Some(LeadDate {
        day,
        month,
        year,
        yesterday,
        from: tokens.tokens[i].from,
        to: tokens.tokens[end - 1].to,
    })
}

/// A date at token `i`: "D tháng M (năm Y)", "D-M", "D/M/Y", "D.M", "D1 - D2/M". Returns
/// day, month, year and the end token.
fn date_at(tokens: &Tokens, i: usize) -> Option<(u32, u32, Option<i32>, usize)> {
    let digits = |k: usize| -> Option<u32> {
        let t = tokens.tokens.get(k)?;
        (t.exact.len() <= 4 && t.exact.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.exact.parse().ok())
            .flatten()
    };
    let valid = |d: u32, m: u32, y: Option<i32>| Date::new(y.unwrap_or(2000), m, d).is_some();
    // "20.5" and "19.4.2006" are single tokens (dots between digits stay in numbers).
    if let Some(t) = tokens.tokens.get(i) {
        let parts: Vec<u32> = t.exact.split('.').filter_map(|p| p.parse().ok()).collect();
        if t.exact.contains('.') && t.exact.split('.').count() == parts.len() {
            return match parts.as_slice() {
                [d, m] if valid(*d, *m, None) => Some((*d, *m, None, i + 1)),
                [d, m, y] if valid(*d, *m, Some(*y as i32)) => {
                    Some((*d, *m, Some(*y as i32), i + 1))
                }
                _ => None,
            };
        }
    }
    let d = digits(i)?;
    if tokens.phrase_at(i + 1, &["tháng"]) {
        let m = digits(i + 2)?;
        let (year, end) = match tokens
            .phrase_at(i + 3, &["năm"])
            .then(|| digits(i + 4))
            .flatten()
        {
            Some(y) => (Some(y as i32), i + 5),
            None => (None, i + 3),
        };
        return valid(d, m, year).then_some((d, m, year, end));
    }
    let sep = |k: usize| tokens.gap_after(k).trim().to_string();
    let (d, i) = if sep(i) == "-" && sep(i + 1) == "/" {
        (digits(i + 1)?, i + 1) // "15 - 16/1": the range's last day
    } else {
        (d, i)
    };
    if !matches!(sep(i).as_str(), "-" | "/") {
        return None;
    }
    let m = digits(i + 1)?;
    let year = (sep(i + 1) == sep(i))
        .then(|| digits(i + 2).filter(|y| *y >= 1000).map(|y| y as i32))
        .flatten();
    let end = if year.is_some() { i + 3 } else { i + 2 };
    valid(d, m, year).then_some((d, m, year, end))
}

/// The dateline a portal prints under the title, in the first lines of the body.
pub fn body_dateline(body: &str) -> Option<(Date, usize, usize)> {
    let mut offset = 0;
    for line in body.split_inclusive('\n').take(4) {
        if let Some(d) = parse_dateline(line.trim()) {
            let start = offset + (line.len() - line.trim_start().len());
            return Some((d, start, start + line.trim().len()));
        }
        offset += line.len();
    }
    None
}

/// The year of a lead date from the URL: the URL's year, or the year before when the lead
/// month is late in the year and the URL's month early (a report from 30-12 published in
/// January). Reports more than two months older than the URL's month are not trusted.
pub fn year_from_url(lead: &LeadDate, url: &UrlDate) -> Option<i32> {
    let Some(url_month) = url.month else {
        return Some(url.year);
    };
    if lead.month <= url_month {
        (url_month - lead.month <= 2).then_some(url.year)
    } else {
        (url_month + 12 - lead.month <= 2).then_some(url.year - 1)
    }
}

/// The year of a lead date from the term of the congress the article reports: congresses
/// for a term are held in its first year (grassroots in spring, provinces by October, the
/// national congress in January). November and December are left out: pilot congresses
/// may then open a term early.
pub fn year_from_term(lead: &LeadDate, term_start: u16) -> Option<i32> {
    (lead.month <= 10).then_some(i32::from(term_start))
}

/// The publication date of a lead date in `year`.
pub fn resolve(lead: &LeadDate, year: i32) -> Option<Date> {
    let date = Date::new(year, lead.month, lead.day)?;
    if lead.yesterday {
        Date::from_days_since_epoch(date.days_since_epoch() + 1)
    } else {
        Some(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dates() {
        let d = |u: &str| url_date(u).map(|d| (d.year, d.month, d.day));
        assert_eq!(
            d("https://baothainguyen.vn/chinh-tri/202501/tp-song-cong-dai-hoi-ad50c0f/"),
            Some((2025, Some(1), None))
        );
        assert_eq!(
            d("https://x.vn/2020/05/20/dai-hoi.html"),
            Some((2020, Some(5), Some(20)))
        );
        assert_eq!(
            d("https://x.vn/news/20200520/dai-hoi.html"),
            Some((2020, Some(5), Some(20)))
        );
        assert_eq!(
            d("https://x.vn/2020-05-20/a"),
            Some((2020, Some(5), Some(20)))
        );
        assert_eq!(
            d("https://baolangson.vn/dai-hoi-diem-nhiem-ky-2025-2030-5035365.html"),
            None
        );
        assert_eq!(d("https://x.vn/999999/"), None);
        assert_eq!(d(""), None);
    }

    fn lead(text: &str) -> Option<(u32, u32, Option<i32>, bool)> {
        let t = Tokens::new(text, Zone::Body, (0, text.len()));
        lead_date(&t, Zone::Lead).map(|d| (d.day, d.month, d.year, d.yesterday))
    }

    #[test]
    fn lead_dates() {
        assert_eq!(
            lead("Ngày 19-1, Đảng bộ phường"),
            Some((19, 1, None, false))
        );
        assert_eq!(lead("Sáng 20/5, Đảng bộ"), Some((20, 5, None, false)));
        assert_eq!(lead("Chiều 3/7, Chi bộ khu 5B"), Some((3, 7, None, false)));
        assert_eq!(
            lead("Trong 2 ngày (15 - 16/1), Đảng bộ"),
            Some((16, 1, None, false))
        );
        assert_eq!(lead("Sáng qua 28.3, Đại hội"), Some((28, 3, None, true)));
        assert_eq!(
            lead("Sáng ngày 20 tháng 5 năm 2020 Đảng bộ"),
            Some((20, 5, Some(2020), false))
        );
        assert_eq!(
            lead("Chiều 15/09/2025, Hội nghị"),
            Some((15, 9, Some(2025), false))
        );
        // A full date after a bare "Ngày" may be history.
        assert_eq!(
            lead("Ngày 21-4-1955 tại xóm Roòng Khoa, Hội được thành lập"),
            None
        );
        // A date further in, or a number that is no date.
        assert_eq!(lead("Đảng bộ phường ngày 19-1"), None);
        assert_eq!(lead("Ngày 32-1, x"), None);
        assert_eq!(lead("Trong nhiệm kỳ 2020-2025"), None);
    }

    #[test]
    fn years() {
        let l = |month| LeadDate {
            day: 1,
            month,
            year: None,
            yesterday: false,
            from: 0,
            to: 0,
        };
        let url = UrlDate {
            year: 2025,
            month: Some(1),
            day: None,
        };
        assert_eq!(year_from_url(&l(1), &url), Some(2025));
        assert_eq!(year_from_url(&l(12), &url), Some(2024));
        assert_eq!(year_from_url(&l(6), &url), None);
        assert_eq!(year_from_term(&l(7), 2022), Some(2022));
        assert_eq!(year_from_term(&l(12), 2025), None);
        let y = LeadDate {
            yesterday: true,
            day: 31,
            month: 12,
            ..l(12)
        };
        assert_eq!(resolve(&y, 2024), Date::new(2025, 1, 1));
    }

    #[test]
    fn datelines_in_the_body() {
        let body = "Đưa nghị quyết vào cuộc sống\nThứ hai - 15/09/2025 10:04 0\nTrong những ngày";
        assert_eq!(body_dateline(body).map(|d| d.0), Date::new(2025, 9, 15));
        assert_eq!(body_dateline("Không có ngày"), None);
    }
}
