//! The term (nhiệm kỳ) of the congress or committee an article reports, and the congress
//! number ("Đại hội đại biểu lần thứ XXIV" → 24).

use super::scan::{Tokens, Zone};
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A term of office, "2025-2030".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermOfOffice {
    pub start: u16,
    pub end: u16,
}

impl TermOfOffice {
    /// A term, if it is plausible: years 1930–2100, two to six years long (cells elected at
    /// mid-term serve two or three years; a few committees served six).
    pub fn new(start: u16, end: u16) -> Option<TermOfOffice> {
        let plausible =
            (1930..=2100).contains(&start) && (2..=6).contains(&end.checked_sub(start)?);
        plausible.then_some(TermOfOffice { start, end })
    }
}

const NATIONAL_CONGRESSES: &str = include_str!("../../../index_schema/national_congresses.tsv");

/// The terms of the national congresses' Central Committees, the first congress's first.
static NATIONAL_TERMS: std::sync::LazyLock<Vec<TermOfOffice>> =
    std::sync::LazyLock::new(|| parse_national_congresses(NATIONAL_CONGRESSES));

/// Reads `number opened term` rows, numbered from 1 without gaps; reading stops at the
/// first row that is not the next one (a unit test checks that every row is read).
fn parse_national_congresses(source: &str) -> Vec<TermOfOffice> {
    let mut terms = Vec::new();
    for line in source
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cells = line.split('\t');
        let (Some(number), Some(_opened), Some(term)) = (cells.next(), cells.next(), cells.next())
        else {
            break;
        };
        let years = term
            .split_once('-')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
        match (number.parse::<usize>(), years) {
            (Ok(n), Some((start, end))) if n == terms.len() + 1 && start < end => {
                terms.push(TermOfOffice { start, end })
            }
            _ => break,
        }
    }
    terms
}

/// The term of the Central Committee the `number`th national congress elected.
pub fn national_term(number: u32) -> Option<TermOfOffice> {
    let index = usize::try_from(number).ok()?.checked_sub(1)?;
    NATIONAL_TERMS.get(index).copied()
}

/// Whether `term` is one the national Party's Central Committee served.
pub fn is_national_term(term: TermOfOffice) -> bool {
    NATIONAL_TERMS.contains(&term)
}

/// The number of the latest national congress held: a bare "Đại hội X" above it is not the
/// Party's.
pub fn latest_national_congress() -> u32 {
    NATIONAL_TERMS.len() as u32
}

impl fmt::Display for TermOfOffice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl Serialize for TermOfOffice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a term or a congress number could not be read from a string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a term (expected e.g. 2025-2030): {0:?}")]
pub struct ParseTermError(String);

impl FromStr for TermOfOffice {
    type Err = ParseTermError;

    /// Reads "2025-2030", "2025 - 2030", "2025–2030", "nhiệm kỳ 2025 - 2030".
    fn from_str(s: &str) -> Result<TermOfOffice, ParseTermError> {
        let normalized = crate::text::normalize(s);
        let years: Vec<u16> = normalized
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse().ok())
            .collect();
        match years.as_slice() {
            [start, end] => TermOfOffice::new(*start, *end),
            _ => None,
        }
        .ok_or_else(|| ParseTermError(s.to_string()))
    }
}

/// A term written in a text, with what surrounds it.
#[derive(Debug, Clone)]
pub struct TermMention {
    pub term: TermOfOffice,
    /// Tokens of "nhiệm kỳ YYYY - YYYY".
    pub start: usize,
    pub end: usize,
    pub zone: Zone,
    /// The clause names the congress or a meeting of the committee ("Đại hội ... nhiệm kỳ
    /// X", "Ban Chấp hành ... khóa XVII, nhiệm kỳ X").
    pub attached: bool,
    /// The clause names a congress ("Đại hội"), not just a meeting.
    pub congress: bool,
    /// The clause looks back on the term ("trong nhiệm kỳ", "Nhiệm kỳ 2020-2025, dưới
    /// sự lãnh đạo", "thực hiện Nghị quyết ... nhiệm kỳ").
    pub review: bool,
    /// The clause names a body that is not a Party unit: the term is theirs ("HĐND tỉnh
    /// khóa V, nhiệm kỳ 2004-2009", "Hội Luật gia … nhiệm kỳ 2019-2024").
    pub not_party: bool,
    /// The clause names the Party ("Đại hội Đảng bộ tỉnh … nhiệm kỳ", "Phó Bí thư Tỉnh ủy
    /// nhiệm kỳ …"): the term is a Party unit's even where no unit is found.
    pub party: bool,
}

/// Words that make a clause the Party's: its units, its committees and its posts.
const PARTY_WORDS: [&[&str]; 9] = [
    &["đảng"],
    &["chi", "bộ"],
    &["tỉnh", "ủy"],
    &["thành", "ủy"],
    &["huyện", "ủy"],
    &["quận", "ủy"],
    &["thị", "ủy"],
    &["cấp", "ủy"],
    &["bí", "thư"],
];

/// Bodies with terms of their own that are not Party units: elected councils and the
/// National Assembly, the state's committees, mass organisations and associations, and
/// companies' boards.
pub const NOT_PARTY_BODIES: [&[&str]; 22] = [
    &["hội", "đồng", "nhân", "dân"],
    &["hđnd"],
    &["quốc", "hội"],
    &["ủy", "ban", "nhân", "dân"],
    &["ubnd"],
    &["cổ", "đông"],
    &["hội", "đồng", "quản", "trị"],
    &["hđqt"],
    &["hội", "luật", "gia"],
    &["hội", "sinh", "viên"],
    &["đoàn", "thanh", "niên"],
    // The Youth Union by its short name: "Đại hội Đoàn toàn quốc", "Trung ương Đoàn",
    // "phong trào của Đoàn trong nhiệm kỳ …".
    &["đại", "hội", "đoàn"],
    &["trung", "ương", "đoàn"],
    &["tỉnh", "đoàn"],
    &["thành", "đoàn"],
    &["của", "đoàn"],
    &["hội", "nông", "dân"],
    &["hội", "cựu", "chiến", "binh"],
    &["hội", "liên", "hiệp"],
    &["công", "đoàn"],
    &["hội", "phụ", "nữ"],
    &["mặt", "trận"],
];

/// Whether `tokens` name one of [`NOT_PARTY_BODIES`] in `range`.
pub fn names_body_not_party(tokens: &Tokens, range: std::ops::Range<usize>) -> bool {
    range.clone().any(|k| {
        NOT_PARTY_BODIES
            .iter()
            .any(|body| tokens.phrase_at(k, body))
    })
}

/// Every "nhiệm kỳ YYYY - YYYY" in `tokens`.
pub fn term_mentions(tokens: &Tokens) -> Vec<TermMention> {
    let mut out: Vec<TermMention> = Vec::new();
    for i in 0..tokens.len() {
        if !tokens.phrase_at(i, &["nhiệm", "kỳ"]) {
            continue;
        }
        // "nhiệm kỳ 2025-2030", also "nhiệm kỳ IV (2004-2007)".
        let numbered = tokens
            .tokens
            .get(i + 2)
            .and_then(|t| tokens.text.get(t.from..t.to))
            .is_some_and(|raw| parse_roman(raw).is_some());
        let years = if numbered { i + 3 } else { i + 2 };
        let Some(term) = years_at(tokens, years) else {
            continue;
        };
        let end = years + 2;
        // What the clause says before the term, back to the previous term at most.
        let previous_end = out.last().map_or(0, |m| m.end);
        let clause = clause_start(tokens, i, 16).max(previous_end);
        let has_within = |window: usize, words: &[&str]| {
            (clause.max(i.saturating_sub(window))..i).any(|k| tokens.phrase_at(k, words))
        };
        let congress = has_within(16, &["đại", "hội"]);
        let attached = congress
            || has_within(16, &["hội", "nghị"])
            || has_within(16, &["ban", "chấp", "hành"])
            || has_within(16, &["khóa"])
            || has_within(16, &["chi", "ủy"])
            || has_within(16, &["cấp", "ủy"]);
        // "Nhiệm kỳ 2020-2025, dưới sự lãnh đạo ..." opens a look back.
        let opens_sentence = clause == i && tokens.gap_after(end - 1).trim_start().starts_with(',');
        let review = opens_sentence
            || (i > 0 && tokens.tokens[i - 1].is("trong"))
            || tokens.phrase_at(end, &["qua"])
            || has_within(8, &["nghị", "quyết"])
            || has_within(8, &["thực", "hiện"])
            || has_within(8, &["kết", "quả"])
            || has_within(8, &["tổng", "kết"])
            || has_within(8, &["đánh", "giá"]);
        let not_party = names_body_not_party(tokens, clause.max(i.saturating_sub(16))..i);
        let party = PARTY_WORDS.iter().any(|w| has_within(16, w));
        out.push(TermMention {
            term,
            start: i,
            end,
            zone: tokens.tokens[i].zone,
            attached,
            congress,
            review,
            not_party,
            party,
        });
    }
    out
}

/// The term written as two years at token `i` ("2020 - 2025", "2020-2025", "2020 – 2025"
/// after normalization).
fn years_at(tokens: &Tokens, i: usize) -> Option<TermOfOffice> {
    let a = tokens.tokens.get(i)?;
    let b = tokens.tokens.get(i + 1)?;
    let gap = tokens.gap_after(i).trim();
    if gap != "-" || a.exact.len() != 4 || b.exact.len() != 4 {
        return None;
    }
    TermOfOffice::new(a.exact.parse().ok()?, b.exact.parse().ok()?)
}

/// The first token of the clause that ends at token `i`: back to a sentence break, at most
/// `window` tokens.
pub fn clause_start(tokens: &Tokens, i: usize, window: usize) -> usize {
    let floor = i.saturating_sub(window);
    let mut k = i;
    while k > floor && !tokens.sentence_break_after(k - 1) {
        k -= 1;
    }
    k
}

/// The chosen term and the mention it came from.
#[derive(Debug, Clone)]
pub struct TermChoice {
    pub mention: TermMention,
    /// Which rule chose it, for the evidence.
    pub rule: &'static str,
}

/// Picks the term of the reported event: a term in the title (the latest if several);
/// else the best-scoring term of the body, where a term attached to the congress or
/// meeting counts 3, any other 1, the lead doubles, and a term the text looks back on
/// counts nothing; ties go to the latest term. `None` when nothing but reviewed terms is
/// written.
pub fn choose_term(title: &[TermMention], body: &[TermMention]) -> Option<TermChoice> {
    let counts = |m: &&TermMention| !m.review && !m.not_party;
    if let Some(m) = title.iter().filter(counts).max_by_key(|m| m.term) {
        return Some(TermChoice {
            mention: m.clone(),
            rule: "term-in-title",
        });
    }
    let mut scores: Vec<(TermOfOffice, u32, &TermMention)> = Vec::new();
    for m in body.iter().filter(counts) {
        let mut score = if m.attached { 3 } else { 1 };
        if m.zone == Zone::Lead {
            score *= 2;
        }
        match scores.iter_mut().find(|(t, _, _)| *t == m.term) {
            Some(entry) => {
                entry.1 += score;
                // Keep the strongest mention as the one to show.
                if m.attached && !entry.2.attached {
                    entry.2 = m;
                }
            }
            None => scores.push((m.term, score, m)),
        }
    }
    let (_, _, m) = scores.into_iter().max_by_key(|&(t, s, _)| (s, t))?;
    Some(TermChoice {
        mention: m.clone(),
        rule: if m.attached {
            "term-attached-to-event"
        } else {
            "term-most-mentioned"
        },
    })
}

/// A congress number written in a text.
#[derive(Debug, Clone)]
pub struct CongressMention {
    pub number: u32,
    /// Tokens from "Đại hội" to the number.
    pub start: usize,
    pub end: usize,
}

/// The first congress number in `tokens` attached to "Đại hội": "Đại hội đại biểu Đảng bộ
/// phường X lần thứ XXIV", "Đại hội lần 7", "Đại hội X của Đảng", "Đại hội Đảng 12". Skips
/// congresses the text looks back on ("thực hiện Nghị quyết Đại hội lần thứ XXII") or
/// sends delegates to ("bầu đại biểu dự Đại hội ... lần thứ X").
pub fn congress_number(tokens: &Tokens, zones: &[Zone]) -> Option<CongressMention> {
    let n = tokens.len();
    for i in 0..n {
        if !zones.contains(&tokens.tokens[i].zone) || !tokens.phrase_at(i, &["đại", "hội"]) {
            continue;
        }
        let resolution = (i.saturating_sub(3)..i).any(|k| tokens.phrase_at(k, &["nghị", "quyết"]));
        // "bầu đại biểu dự Đại hội ..." in the body is the congress above; a title's "dự
        // Đại hội" is the article's subject; "tham dự Đại hội" is this one.
        let delegates_to = i >= 1
            && tokens.tokens[i].zone != Zone::Title
            && tokens.tokens[i - 1].is("dự")
            && !(i >= 2 && tokens.tokens[i - 2].is("tham"));
        // A shareholders' meeting or a general assembly has no congress number.
        let not_congress =
            tokens.phrase_at(i + 2, &["cổ", "đông"]) || tokens.phrase_at(i + 2, &["đồng"]);
        let looks_back = resolution || delegates_to || not_congress;
        if looks_back {
            continue;
        }
        if let Some(m) = number_after_congress(tokens, i) {
            return Some(m);
        }
    }
    None
}

/// A congress whose resolution the text reviews within its own term: "kiểm điểm nửa nhiệm
/// kỳ thực hiện Nghị quyết Đại hội IX", "thực hiện Nghị quyết Đại hội Đảng lần thứ IX trong
/// nửa nhiệm kỳ qua". The resolution is looked back on, but "nhiệm kỳ" in the same sentence
/// (up to eight words either side) says the term is still that congress's.
pub fn resolution_in_its_term(tokens: &Tokens, zones: &[Zone]) -> Option<CongressMention> {
    const REACH: usize = 8;
    let term_word_at = |k: usize| tokens.phrase_at(k, &["nhiệm", "kỳ"]);
    let unbroken = |from: usize, to: usize| !(from..to).any(|j| tokens.sentence_break_after(j));
    (0..tokens.len()).find_map(|i| {
        if !zones.contains(&tokens.tokens[i].zone) || !tokens.phrase_at(i, &["nghị", "quyết"]) {
            return None;
        }
        let at =
            (i + 2..(i + 5).min(tokens.len())).find(|&k| tokens.phrase_at(k, &["đại", "hội"]))?;
        let m = number_after_congress(tokens, at)?;
        let before = (i.saturating_sub(REACH)..i).any(|k| term_word_at(k) && unbroken(k, i));
        let after = (m.end..(m.end + REACH).min(tokens.len()))
            .any(|k| term_word_at(k) && unbroken(m.end - 1, k));
        (before || after).then_some(m)
    })
}

/// The national congress a written term is given to, up to ten words before token `start`
/// in its clause: "Đại hội Đảng toàn quốc lần X nhiệm kỳ 2006-2010" → 10, "Đại hội X của
/// Đảng, nhiệm kỳ …" → 10. A province's congress ("Đại hội Đảng bộ tỉnh lần thứ VIII") is
/// not one.
pub fn national_congress_before(tokens: &Tokens, start: usize) -> Option<u32> {
    let from = start.saturating_sub(10);
    let clause = |i: usize| !(i..start).any(|j| tokens.sentence_break_after(j));
    (from..start).rev().find_map(|i| {
        if !tokens.phrase_at(i, &["đại", "hội"]) || !clause(i) {
            return None;
        }
        let m = number_after_congress(tokens, i)?;
        let nationwide = (i + 2..m.end).any(|k| tokens.phrase_at(k, &["toàn", "quốc"]))
            || (m.end..start).any(|k| tokens.phrase_at(k, &["của", "đảng"]));
        (nationwide && m.end <= start).then_some(m.number)
    })
}

fn number_after_congress(tokens: &Tokens, i: usize) -> Option<CongressMention> {
    let n = tokens.len();
    // Directly after: "Đại hội XIII", "Đại hội Đảng X", "Đại hội Đảng toàn quốc lần X".
    let mut k = i + 2;
    if tokens.sentence_break_after(i + 1) {
        return None;
    }
    // Up to 12 tokens of the congress's name, within the clause, before "lần (thứ) N".
    let limit = (i + 2 + 12).min(n);
    let mut direct = true;
    while k < limit {
        let t = &tokens.tokens[k];
        if t.is("lần") {
            let at = if tokens.phrase_at(k + 1, &["thứ"]) {
                k + 2
            } else {
                k + 1
            };
            let number = tokens
                .tokens
                .get(at)
                .and_then(|t| parse_number(tokens, t))?;
            return Some(CongressMention {
                number,
                start: i,
                end: at + 1,
            });
        }
        if direct {
            if let Some(number) = parse_number(tokens, t) {
                // "Đại hội X của Đảng", "Đại hội XIII", "Đại hội Đảng 12"; not "Đại hội
                // 2020" (a year) nor "Đại hội XIII Hội Luật gia" when the number is a name.
                let next = tokens.tokens.get(k + 1);
                let boundary = next.is_none() || !tokens.gap_after(k).trim().is_empty();
                let next_is_name = next.is_some_and(|n| n.capital && !n.is("đảng")) && !boundary;
                // Arabic digits count something ("cách đại hội 3 ngày") unless the
                // clause ends there, "của" follows, or "Đảng" precedes ("Đại hội Đảng 12").
                let digits = t.exact.bytes().all(|b| b.is_ascii_digit());
                let counts_something = digits
                    && !boundary
                    && !next.is_some_and(|n| n.is("của"))
                    && !tokens.tokens[k - 1].is("đảng");
                if !next_is_name && !counts_something && number <= 30 {
                    return Some(CongressMention {
                        number,
                        start: i,
                        end: k + 1,
                    });
                }
                return None;
            }
            direct = t.is("đảng") || t.is("toàn") || t.is("quốc");
        }
        if tokens.phrase_at(k, &["đại", "hội"])
            || tokens.phrase_at(k, &["nhiệm", "kỳ"])
            || tokens.sentence_break_after(k)
        {
            return None;
        }
        k += 1;
    }
    None
}

/// A congress number: Arabic up to 99, or an upper-case Roman numeral in canonical form.
pub(crate) fn parse_number(tokens: &Tokens, t: &super::scan::Token) -> Option<u32> {
    let raw = tokens.text.get(t.from..t.to)?;
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        return raw.parse().ok().filter(|n| (1..=99).contains(n));
    }
    parse_roman(raw)
}

/// An upper-case Roman numeral from I to C in canonical form ("XXIV" → 24; not "IIII").
/// Lower case is not read: folded numerals are Vietnamese syllables ("xi", "vi"), and
/// print writes congress numbers in capitals.
pub fn parse_roman(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b"IVXLC".contains(&b)) {
        return None;
    }
    crate::text::roman::roman_to_u32(s).filter(|&n| n <= 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_tokens(text: &str) -> Tokens<'_> {
        // The whole text is the lead.
        Tokens::new(text, Zone::Body, (0, text.len()))
    }

    fn title_tokens(text: &str) -> Tokens<'_> {
        Tokens::new(text, Zone::Title, (0, 0))
    }

    #[test]
    fn terms_parse_and_display() {
        assert_eq!(
            "2025 - 2030".parse::<TermOfOffice>().map(|t| t.to_string()),
            Ok("2025-2030".into())
        );
        assert_eq!(
            "nhiệm kỳ 2020 – 2025"
                .parse::<TermOfOffice>()
                .map(|t| t.to_string()),
            Ok("2020-2025".into())
        );
        assert!("2025".parse::<TermOfOffice>().is_err());
        assert!("2030-2025".parse::<TermOfOffice>().is_err());
        assert!("2025-2045".parse::<TermOfOffice>().is_err());
        assert_eq!(
            TermOfOffice::new(2022, 2025).map(|t| t.to_string()),
            Some("2022-2025".into())
        );
    }

    #[test]
    fn term_spellings() {
        for text in [
            "nhiệm kỳ 2025-2030",
            "nhiệm kỳ 2025 - 2030",
            "Nhiệm kỳ 2025 -2030",
            "NHIỆM KỲ 2025- 2030",
            "nhiem ky 2025-2030",
        ] {
            let t = body_tokens(text);
            let found: Vec<String> = term_mentions(&t)
                .iter()
                .map(|m| m.term.to_string())
                .collect();
            assert_eq!(found, ["2025-2030"], "{text}");
        }
        // A period is no term.
        assert!(term_mentions(&body_tokens("giai đoạn 2025 - 2030")).is_empty());
        let t = body_tokens("bầu lại HĐQT công ty nhiệm kỳ IV (2004-2007)");
        let found: Vec<String> = term_mentions(&t)
            .iter()
            .map(|m| m.term.to_string())
            .collect();
        assert_eq!(found, ["2004-2007"]);
    }

    #[test]
    fn reviewed_terms_do_not_count() {
        let text = "Ngày 19-1, Đảng bộ phường Bách Quang tổ chức Đại hội đại biểu lần thứ XXIV, \
                    nhiệm kỳ 2025-2030.\n\nNhiệm kỳ 2020-2025, dưới sự lãnh đạo của Thành ủy, \
                    Đảng bộ hoàn thành. Trong nhiệm kỳ 2020-2025 kết nạp 58 đảng viên.";
        let lead_end = text.find("\n\n").unwrap_or(text.len());
        let t = Tokens::new(text, Zone::Body, (0, lead_end));
        let mentions = term_mentions(&t);
        let review: Vec<bool> = mentions.iter().map(|m| m.review).collect();
        assert_eq!(review, [false, true, true]);
        assert!(mentions[0].attached && mentions[0].congress);
        let choice = choose_term(&[], &mentions).map(|c| c.mention.term.to_string());
        assert_eq!(choice.as_deref(), Some("2025-2030"));
    }

    #[test]
    fn title_term_wins_and_latest_breaks_ties() {
        let title = title_tokens("Đại hội Chi bộ khu 5B lần thứ V, nhiệm kỳ 2022-2025");
        let body = body_tokens("nhiệm kỳ 2020-2022; nhiệm kỳ 2020-2022");
        let choice = choose_term(&term_mentions(&title), &term_mentions(&body));
        assert_eq!(
            choice.map(|c| c.mention.term.to_string()).as_deref(),
            Some("2022-2025")
        );
        let body = body_tokens("mục tiêu nhiệm kỳ 2020-2025 và nhiệm kỳ 2025-2030");
        let choice = choose_term(&[], &term_mentions(&body));
        assert_eq!(
            choice.map(|c| c.mention.term.to_string()).as_deref(),
            Some("2025-2030")
        );
        assert!(choose_term(
            &[],
            &term_mentions(&body_tokens("Trong nhiệm kỳ 2020-2025"))
        )
        .is_none());
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(parse_roman("XXIV"), Some(24));
        // Every row of the national congresses is read.
        let rows = NATIONAL_CONGRESSES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(latest_national_congress() as usize, rows);
        assert_eq!(
            national_term(10).map(|t| t.to_string()).as_deref(),
            Some("2006-2011")
        );
        assert_eq!(
            national_term(3).map(|t| t.to_string()).as_deref(),
            Some("1960-1976")
        );
        assert_eq!(national_term(0), None);
        assert_eq!(parse_roman("XVII"), Some(17));
        assert_eq!(parse_roman("XIII"), Some(13));
        assert_eq!(parse_roman("IX"), Some(9));
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("VX"), None);
        assert_eq!(parse_roman("xiv"), None);
        assert_eq!(parse_roman(""), None);
    }

    fn number(title: &str) -> Option<u32> {
        let t = title_tokens(title);
        congress_number(&t, &[Zone::Title]).map(|m| m.number)
    }

    #[test]
    fn congress_numbers() {
        assert_eq!(number("Đảng bộ phường Bách Quang tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030"), Some(24));
        assert_eq!(number("Đại hội Đảng bộ phường lần thứ XXIII"), Some(23));
        assert_eq!(
            number("Đại hội Chi bộ khu 5B, phường Quang Trung lần thứ V"),
            Some(5)
        );
        assert_eq!(number("Đại hội X của Đảng"), Some(10));
        assert_eq!(number("Đại hội Đảng toàn quốc lần thứ X"), Some(10));
        assert_eq!(
            number("Công bố Dự thảo trình Đại hội 10 của Đảng"),
            Some(10)
        );
        assert_eq!(
            number("Trung ương thảo luận kế hoạch Đại hội Đảng 12"),
            Some(12)
        );
        assert_eq!(number("23/4 sẽ Đại hội Nhà văn VN lần 7"), Some(7));
        assert_eq!(number("Đại hội XIII Hội Luật gia Việt Nam"), None);
        assert_eq!(number("Đại hội 2020"), None);
        assert_eq!(number("thực hiện Nghị quyết đại hội lần thứ XXII"), None);
        // In the body, the congress delegates are sent to is not the article's.
        let body = body_tokens("bầu 13 đại biểu dự Đại hội Đảng bộ TP. Sông Công lần thứ X");
        assert!(congress_number(&body, &[Zone::Lead]).is_none());
        assert_eq!(number("Hội nghị Ban Chấp hành lần thứ 3"), None);
        assert_eq!(number("Eximbank hoãn đại hội cổ đông lần 1"), None);
        assert_eq!(number("chỉ còn cách đại hội 3 ngày"), None);
        assert_eq!(
            number("Tướng rút khỏi danh sách đại biểu đi dự Đại hội Đảng toàn quốc lần X"),
            Some(10)
        );
    }

    #[test]
    fn a_resolution_reviewed_within_its_term() {
        let mid_term = |title: &str| {
            let t = title_tokens(title);
            resolution_in_its_term(&t, &[Zone::Title]).map(|m| m.number)
        };
        assert_eq!(
            mid_term("Hội nghị kiểm điểm nửa nhiệm kỳ thực hiện Nghị quyết Đại hội IX của Đảng"),
            Some(9)
        );
        assert_eq!(
            mid_term(
                "kiểm điểm thực hiện Nghị quyết Đại hội Đảng lần thứ IX trong nửa nhiệm kỳ qua"
            ),
            Some(9)
        );
        // Without "nhiệm kỳ" in its sentence the resolution is only looked back on.
        assert_eq!(
            mid_term("Tiếp tục thực hiện Nghị quyết Đại hội IX của Đảng"),
            None
        );
        assert_eq!(
            mid_term("Nhiệm kỳ mới bắt đầu. Tiếp tục thực hiện Nghị quyết Đại hội IX"),
            None
        );
        // A congress itself is not a resolution.
        assert_eq!(mid_term("Đại hội IX của Đảng, nhiệm kỳ 2001-2006"), None);
    }

    #[test]
    fn the_national_congress_a_term_is_written_for() {
        let before = |text: &str| {
            let t = title_tokens(text);
            let at = (0..t.len()).find(|&i| t.phrase_at(i, &["nhiệm", "kỳ"]))?;
            national_congress_before(&t, at)
        };
        assert_eq!(
            before("Đại hội Đảng toàn quốc lần X nhiệm kỳ 2006-2010"),
            Some(10)
        );
        assert_eq!(before("Đại hội X của Đảng, nhiệm kỳ 2006-2010"), Some(10));
        assert_eq!(
            before("Đại hội Đảng bộ tỉnh lần thứ VIII nhiệm kỳ 2005-2010"),
            None
        );
        assert_eq!(
            before("Đại hội Đảng toàn quốc lần X kết thúc. Nhiệm kỳ 2005-2010"),
            None
        );
    }
}
