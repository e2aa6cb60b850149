//! Calendar dates: parsed from input fields and from the datelines news portals print.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian). Only valid dates can be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if `year-month-day` exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month as u32
    }
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Parses an ISO 8601 date or date-time ("2025-01-19", "2025-01-19T08:30:00+07:00");
    /// the time part is ignored.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let date_part = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let bytes = date_part.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = date_part[..4].parse().ok()?;
        let month = date_part[5..7].parse().ok()?;
        let day = date_part[8..10].parse().ok()?;
        Date::new(year, month, day)
    }

    /// Reads a date a person types as a filter's bound: `2025`, `2025-03`, `2025-03-15` or
    /// `15/03/2025` (Vietnamese order, day first). A year or a month stands for its first
    /// day when it starts a range (`end` false) and for its last when it ends one, so that
    /// `--since 2024 --until 2024` is the whole of 2024.
    pub fn parse_bound(text: &str, end: bool) -> Option<Date> {
        let text = text.trim();
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = |s: &str| number(s).filter(|_| s.len() == 4).map(|y| y as i32);
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] if !y.contains('/') => {
                let y = year(y)?;
                if end {
                    Date::new(y, 12, 31)
                } else {
                    Date::new(y, 1, 1)
                }
            }
            [y, m] => {
                let (y, m) = (year(y)?, number(m).filter(|_| m.len() == 2)?);
                Date::new(y, m, if end { days_in_month(y, m) } else { 1 })
            }
            [_, _, _] => Date::parse_iso(text).filter(|_| text.len() == 10),
            _ => match text.split('/').collect::<Vec<_>>().as_slice() {
                [d, m, y] => Date::new(year(y)?, number(m)?, number(d)?),
                _ => None,
            },
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads the dateline a portal prints under a title: "Thứ hai - 15/09/2025 10:04",
/// "Chủ nhật, 03/07/2022". The text must be NFC-normalized with dashes folded
/// ([`crate::text::normalize`]).
pub fn parse_dateline(line: &str) -> Option<Date> {
    // "thứ hai" + day, month, year: five syllables at most are read.
    let folded = crate::text::key_prefix(line, crate::text::Level::Folded, 5);
    let mut words = folded.split(' ');
    match words.next()? {
        "thu" => {
            let day = words.next()?;
            if !matches!(
                day,
                "hai" | "ba" | "tu" | "nam" | "sau" | "bay" | "2" | "3" | "4" | "5" | "6" | "7"
            ) {
                return None;
            }
        }
        "chu" => {
            if words.next()? != "nhat" {
                return None;
            }
        }
        _ => return None,
    }
    let day: u32 = words.next()?.parse().ok()?;
    let month: u32 = words.next()?.parse().ok()?;
    let year: i32 = words.next()?.parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_is_a_year_a_month_a_day_or_a_vietnamese_date() {
        let d = |y, m, day| Date::new(y, m, day);
        assert_eq!(Date::parse_bound("2025", false), d(2025, 1, 1));
        assert_eq!(Date::parse_bound("2025", true), d(2025, 12, 31));
        assert_eq!(Date::parse_bound("2024-02", false), d(2024, 2, 1));
        assert_eq!(Date::parse_bound("2024-02", true), d(2024, 2, 29));
        assert_eq!(Date::parse_bound("2023-02", true), d(2023, 2, 28));
        assert_eq!(Date::parse_bound("2025-03-15", true), d(2025, 3, 15));
        assert_eq!(Date::parse_bound(" 15/03/2025 ", false), d(2025, 3, 15));
        assert_eq!(Date::parse_bound("5/3/2025", true), d(2025, 3, 5));
        for bad in [
            "",
            "25",
            "20251",
            "2025-3",
            "2025-13",
            "2025-02-30",
            "31/02/2025",
            "15/03/25",
            "2025/03/15",
            "15-03-2025",
            "2025-03-15T08:00",
            "x",
            "-2025",
        ] {
            assert_eq!(Date::parse_bound(bad, false), None, "{bad}");
            assert_eq!(Date::parse_bound(bad, true), None, "{bad}");
        }
    }

    #[test]
    fn iso_dates_and_date_times() {
        assert_eq!(Date::parse_iso("2025-01-19"), Date::new(2025, 1, 19));
        assert_eq!(
            Date::parse_iso("2025-09-15T10:04:00+07:00"),
            Date::new(2025, 9, 15)
        );
        assert_eq!(Date::parse_iso("2025-02-30"), None);
        assert_eq!(Date::parse_iso("2025/01/19"), None);
        assert_eq!(Date::parse_iso("19-01-2025"), None);
        assert_eq!(Date::parse_iso("2025-01-19x"), None);
        assert_eq!(Date::parse_iso("ngày"), None);
        assert_eq!(
            Date::parse_iso("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        let d = Date::new(2025, 9, 15).unwrap();
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(d.days_since_epoch(), 20_346);
        assert_eq!(Date::from_days_since_epoch(20_346), Some(d));
        assert_eq!(Date::from_days_since_epoch(-1), Date::new(1969, 12, 31));
    }

    #[test]
    fn datelines() {
        assert_eq!(
            parse_dateline("Thứ hai - 15/09/2025 10:04 0"),
            Date::new(2025, 9, 15)
        );
        assert_eq!(
            parse_dateline("Chủ nhật, 03/07/2022"),
            Date::new(2022, 7, 3)
        );
        assert_eq!(parse_dateline("Thứ trưởng Bộ Công an"), None);
        assert_eq!(parse_dateline("Thứ hai - 31/02/2025"), None);
    }
}
