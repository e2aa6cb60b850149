//! Calendar dates: parsed from input fields and from the datelines news portals print.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian) from the year 1 to 9999; the calendar is `time`'s.
/// Only valid dates can be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

/// 1970-01-01 as a Julian day number.
const EPOCH: i32 = time::OffsetDateTime::UNIX_EPOCH.to_julian_day();

impl Date {
    /// A date, if `year-month-day` exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
        Date::within_range(date)
    }

    /// Years before 1 are left out (`time` goes back to -9999).
    fn within_range(date: time::Date) -> Option<Date> {
        (date.year() >= 1).then_some(Date(date))
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u32 {
        u8::from(self.0.month()).into()
    }
    pub fn day(self) -> u32 {
        self.0.day().into()
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
                let Date(first) = Date::new(year(y)?, number(m).filter(|_| m.len() == 2)?, 1)?;
                let last = first.month().length(first.year());
                first.replace_day(if end { last } else { 1 }).ok().map(Date)
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
        i64::from(self.0.to_julian_day() - EPOCH)
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let julian_day = i32::try_from(days.checked_add(EPOCH.into())?).ok()?;
        Date::within_range(time::Date::from_julian_day(julian_day).ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `YYYY-MM-DD`: years 1 to 9999 take four digits and no sign.
        write!(f, "{}", self.0)
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
    fn the_years_are_1_to_9999() {
        let first = Date::new(1, 1, 1).unwrap();
        let last = Date::new(9999, 12, 31).unwrap();
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("0001-01-01".into(), "9999-12-31".into())
        );
        assert_eq!(Date::new(0, 12, 31), None);
        assert_eq!(Date::new(10_000, 1, 1), None);
        assert_eq!(Date::new(2025, 256 + 1, 1), None);
        assert_eq!(Date::new(2025, 1, 256 + 1), None);
        assert_eq!(
            Date::from_days_since_epoch(first.days_since_epoch() - 1),
            None
        );
        assert_eq!(
            Date::from_days_since_epoch(last.days_since_epoch() + 1),
            None
        );
        assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
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
