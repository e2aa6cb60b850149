//! The province an article is about, by weighing evidence.
//!
//! # Scoring
//!
//! Each piece of evidence votes for one new (34) province with a weight:
//!
//! | evidence | weight |
//! |---|---|
//! | the source URL's site is a provincial paper or portal (`baothainguyen.vn`) | [`DOMAIN`] = 10 |
//! | a typed name in the title ("TP. Sông Công", "Đảng bộ phường Chi Lăng, thành phố Lạng Sơn"), or a province name opening the title ("Hà Nội: ...", "Hà Nội cấm ...") | [`TITLE`] = 4 each |
//! | a typed name in the lead paragraph | [`LEAD`] = 2 each |
//! | a province's or district's bare name in a headline ("Trồng cây xanh cho Đà Lạt"), for a province other evidence names | [`HEADLINE_NAME`] = 1 |
//! | a typed name further in the body | [`BODY`] = 1 each, at most [`BODY_CAP`] = 4 per province |
//!
//! A typed name is a type word and a name: "tỉnh X", "Tỉnh ủy X", "thành phố X" / "TP. X" /
//! "Tp X" / "Thành ủy X", "huyện X", "quận X", "thị xã X", "phường X", "xã X", "thị trấn
//! X". It votes only when the gazetteer places the name in exactly one new province, either
//! on its own (a unique ward name such as Thạch Quý) or together with the unit named right
//! next to it ("phường Chi Lăng, thành phố Lạng Sơn"). A name found in several provinces
//! ("phường Quang Trung") and a committee without a name ("Thành ủy") vote for nobody.
//!
//! The province with the highest total wins if the total is at least [`MIN_SCORE`] = 3 (one
//! mention in the lead, or two deep in the body, are not enough: national news names
//! provinces in passing) and at least [`DOMINANCE`] = 2 times the runner-up's; otherwise the
//! province is unknown. A province named only deep in the body needs
//! [`BODY_ONLY_DOMINANCE`] = 3 times the runner-up's: such an article is rarely about one
//! province. So a passing "học tập kinh nghiệm tại tỉnh Bắc Ninh" (1) cannot outweigh a title
//! and lead about Thái Nguyên (4 + 2), and an article split evenly between two provinces
//! gets none: a wrong province is worse than none. The site of a provincial paper (10) can
//! only be overturned by an article overwhelmingly about another province, and then usually
//! yields unknown.
//!
//! The old (63) province is decided among the votes for the winning province that name one
//! old province: with no minimum (the province is settled) but the same dominance. After 1 July 2025 a name both structures share ("tỉnh Thái
//! Nguyên") means the new province, so it votes for no old province then; names of the old
//! structure only (a district, "tỉnh Bắc Kạn") still do.

use super::gazetteer::{Kind, ProvinceCode, Tier, GAZETTEER};
use super::scan::{adjacent, is_surname, type_word_at, Form, Mention, Tokens, TypeWord, Zone};
use super::{Evidence, FacetKind, Source};
use crate::extract::date::Date;
use std::collections::{HashMap, HashSet};

/// Weight of a provincial paper's or portal's site.
pub const DOMAIN: f32 = 10.0;
/// Weight of a typed name in the title.
pub const TITLE: f32 = 4.0;
/// Weight of a typed name in the lead paragraph.
pub const LEAD: f32 = 2.0;
/// Weight of a typed name in the rest of the body.
pub const BODY: f32 = 1.0;
/// Most the rest of the body can add for one province: mentions repeat, and counting them
/// all would let a long report on a study trip outvote its title.
pub const BODY_CAP: f32 = 4.0;
/// Least total a province needs.
pub const MIN_SCORE: f32 = 3.0;
/// How many times the runner-up's total the winner needs.
pub const DOMINANCE: f32 = 2.0;
/// How many times the runner-up's total a winner named only in the body needs.
pub const BODY_ONLY_DOMINANCE: f32 = 3.0;
/// Weight of a place's bare name in a headline, for a province the text votes for already.
pub const HEADLINE_NAME: f32 = 1.0;

/// The date the 34-province structure took effect.
fn reform_date() -> Option<Date> {
    Date::new(2025, 7, 1)
}

/// One vote for a province.
#[derive(Debug, Clone)]
struct Vote {
    new: ProvinceCode,
    old: Option<ProvinceCode>,
    weight: f32,
    source: Source,
    rule: &'static str,
    span: Option<(usize, usize)>,
    text: String,
    /// The text folded, to merge repeated mentions into one line of evidence.
    folded: String,
}

/// The province decision.
#[derive(Debug, Clone, Default)]
pub struct ProvinceResult {
    pub new: Option<ProvinceCode>,
    pub old: Option<ProvinceCode>,
    pub evidence: Vec<Evidence>,
}

/// What the province decision reads.
pub struct ProvinceInput<'a, 'b> {
    pub title: &'b Tokens<'a>,
    pub body: &'b Tokens<'a>,
    pub title_mentions: &'b [Mention],
    pub body_mentions: &'b [Mention],
    pub url: Option<&'a str>,
    /// The `source` field: the site an article without a URL comes from ("nld.com.vn").
    pub source: Option<&'a str>,
    pub published: Option<Date>,
}

/// Weighs the evidence and decides (see the module documentation).
pub fn decide(input: &ProvinceInput) -> ProvinceResult {
    let post_reform = input
        .published
        .zip(reform_date())
        .is_some_and(|(p, r)| p >= r);
    let mut votes = Vec::new();
    let mut evidence = Vec::new();
    let mut seen = HashSet::new();
    let site = site(input.url, input.source);
    if let Some(v) = site.as_ref().and_then(|s| domain_vote(s, post_reform)) {
        votes.push(v);
    }
    if let Some(v) = title_opening_vote(input.title, post_reform) {
        votes.push(v);
    }
    for (tokens, mentions) in [
        (input.title, input.title_mentions),
        (input.body, input.body_mentions),
    ] {
        let hometown = hometowns(tokens, mentions);
        for (m, _) in mentions.iter().zip(&hometown).filter(|(_, &h)| !h) {
            match mention_vote(tokens, m, post_reform) {
                Some(v) => votes.push(v),
                None => note_ambiguous(tokens, m, &mut evidence, &mut seen),
            }
        }
        votes.extend(hcm_votes(tokens, mentions, post_reform));
        votes.extend(agency_votes(tokens, post_reform));
    }
    let headline = headline_name_vote(input.title, input.title_mentions, &votes, post_reform);
    votes.extend(headline);
    if let Some(s) = &site {
        let home = home_city_votes(s, input, &votes, post_reform);
        votes.extend(home);
    }
    // Decisions first, then the votes, then the names that could not vote.
    let mut decisions = Vec::new();
    let (new, old) = tally(&votes, &mut decisions);
    decisions.extend(summarize(&votes, new));
    decisions.append(&mut evidence);
    ProvinceResult {
        new,
        old,
        evidence: decisions,
    }
}

/// Which mentions give a person's home village rather than where the news happens ("ông
/// A sinh năm 1956, quê huyện Ý Yên, tỉnh Nam Định", "quê quán xã Nam Ninh, huyện Nam
/// Trực"): the place after "quê" or "nguyên quán", and the places chained to it.
fn hometowns(tokens: &Tokens, mentions: &[Mention]) -> Vec<bool> {
    const HOME: &[&[&str]] = &[
        &["quê"],
        &["quê", "quán"],
        &["quê", "ở"],
        &["nguyên", "quán"],
    ];
    let mut out = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let after_home = HOME.iter().any(|p| {
            m.start >= p.len()
                && tokens.phrase_at(m.start - p.len(), p)
                && tokens.gap_after(m.start - 1) == " "
        });
        let chained = k > 0 && out[k - 1] && adjacent(tokens, mentions[k - 1].end, m.start);
        out.push(after_home || chained);
    }
    out
}

/// The weight of a typed name in `zone`.
fn zone_weight(zone: Zone) -> f32 {
    match zone {
        Zone::Title => TITLE,
        Zone::Lead => LEAD,
        Zone::Body => BODY,
    }
}

fn source_of(zone: Zone) -> Source {
    match zone {
        Zone::Title => Source::Title,
        Zone::Lead => Source::Lead,
        Zone::Body => Source::Body,
    }
}

/// The site an article comes from: its URL's host, else a `source` field naming a site.
struct Site<'a> {
    host: &'a str,
    /// Where the host stands in the URL; `None` for the `source` field.
    span: Option<(usize, usize)>,
}

impl Site<'_> {
    fn source(&self) -> Source {
        if self.span.is_some() {
            Source::Url
        } else {
            Source::Input
        }
    }
}

fn site<'a>(url: Option<&'a str>, source: Option<&'a str>) -> Option<Site<'a>> {
    if let Some(url) = url {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next()?;
        let from = url.find(host).unwrap_or(0);
        return Some(Site {
            host,
            span: Some((from, from + host.len())),
        });
    }
    let source = source?.trim();
    let a_host = source.contains('.') && !source.contains(char::is_whitespace);
    a_host.then_some(Site {
        host: source,
        span: None,
    })
}

/// The vote of the article's site, if it is a provincial paper or portal.
fn domain_vote(site: &Site, post_reform: bool) -> Option<Vote> {
    let g = &*GAZETTEER;
    let old = g.province_for_host(site.host)?;
    let new = g.old_province(old)?.new_code;
    Some(Vote {
        new,
        // The site of a paper says which old province only before the reform.
        old: (!post_reform).then_some(old),
        weight: DOMAIN,
        source: site.source(),
        rule: "url-domain",
        span: site.span,
        text: site.host.to_string(),
        folded: site.host.to_ascii_lowercase(),
    })
}

/// A national paper edited in a province-level city (`city_papers.tsv`: Người Lao Động,
/// Tuổi Trẻ, Thanh Niên in Hồ Chí Minh City) calls that city "TP" or "Thành ủy" without its
/// name ("Chủ tịch UBND TP", "Thành ủy đã chỉ đạo"). Such a reference in the title or the
/// lead votes for the city, once per zone, as a typed name there would. Not when the title
/// or lead names another province: the unnamed "TP" is then more likely that one's.
fn home_city_votes(
    site: &Site,
    input: &ProvinceInput,
    votes: &[Vote],
    post_reform: bool,
) -> Vec<Vote> {
    let g = &*GAZETTEER;
    let Some(old) = g.home_city_of_host(site.host) else {
        return Vec::new();
    };
    let Some(new) = g.old_province(old).map(|p| p.new_code) else {
        return Vec::new();
    };
    let another_named = votes
        .iter()
        .any(|v| matches!(v.source, Source::Title | Source::Lead) && v.new != new);
    if another_named {
        return Vec::new();
    }
    [
        (input.title, input.title_mentions),
        (input.body, input.body_mentions),
    ]
    .into_iter()
    .filter_map(|(tokens, mentions)| {
        let (start, end) = unnamed_city(tokens, mentions)?;
        let zone = tokens.tokens[start].zone;
        let text = tokens.span_text(start, end).to_string();
        Some(Vote {
            new,
            old: Some(old).filter(|_| !post_reform),
            weight: zone_weight(zone),
            source: source_of(zone),
            rule: "city-paper-home",
            span: Some((tokens.tokens[start].from, tokens.tokens[end - 1].to)),
            folded: tokens.folded_span(start, end),
            text,
        })
    })
    .collect()
}

/// The first reference to a city without its name in the title or the lead: "TP" or
/// "Thành ủy" with no name after it, or with a person's ("UBND TP Lê Thanh Hải", "Bí thư
/// Thành ủy Nguyễn Minh Triết"). Not cities in general ("16 tỉnh, TP", "các TP", "TP trực
/// thuộc Trung ương", "TP lớn"), nor "TP" closing a club's or a firm's acronym ("ĐA.TP");
/// and not the spelled-out "thành phố", which news use for cities in general far more.
fn unnamed_city(tokens: &Tokens, mentions: &[Mention]) -> Option<(usize, usize)> {
    const IN_GENERAL_BEFORE: &[&str] = &["các", "những", "mỗi", "nhiều", "từng", "tỉnh", "tuyến"];
    const LEVELS: &[&str] = &["tỉnh", "ương"];
    const IN_GENERAL_AFTER: &[&[&str]] = &[&["trực", "thuộc"], &["lớn"], &["khác"]];
    tokens.head_range().find_map(|i| {
        let t = &tokens.tokens[i];
        if t.folded != "tp" && t.folded != "thanh" {
            return None;
        }
        let (TypeWord::City, form, len) = type_word_at(tokens, i)? else {
            return None;
        };
        let abbreviated = form == Form::Unit && t.folded == "tp";
        if !(abbreviated || form == Form::Committee) {
            return None;
        }
        let glued = i > 0 && {
            let gap = tokens.gap_after(i - 1);
            !gap.is_empty() && !gap.contains(char::is_whitespace)
        };
        // "tỉnh, TP", "tuyến TP", "Trung ương và TP": cities as a level of government.
        let before = |back: usize| i.checked_sub(back).map(|k| &tokens.tokens[k]);
        let level_before = before(1).is_some_and(|t| IN_GENERAL_BEFORE.iter().any(|w| t.is(w)))
            || before(1).is_some_and(|t| t.is("và") || t.is("hoặc"))
                && before(2).is_some_and(|t| LEVELS.iter().any(|w| t.is(w)));
        let in_general = level_before
            || IN_GENERAL_AFTER
                .iter()
                .any(|p| tokens.phrase_at(i + len, p));
        // "HĐND TP (Hà Nội)": named in brackets.
        let bracketed_name = tokens.gap_after(i + len - 1).trim() == "("
            && tokens.tokens.get(i + len).is_some_and(|n| n.capital);
        if glued || in_general || bracketed_name {
            return None;
        }
        // "Thành ủy TP. HCM": the place is typed again after the committee.
        if type_word_at(tokens, i + len).is_some() {
            return None;
        }
        let unnamed = match mentions.iter().find(|m| m.start == i) {
            None => !mentions.iter().any(|m| (m.start..m.end).contains(&i)),
            Some(m) => {
                m.candidates.is_empty()
                    && tokens
                        .tokens
                        .get(i + len)
                        .is_some_and(|n| is_surname(&n.folded))
            }
        };
        unnamed.then_some((i, i + len))
    })
}

/// "Hà Nội: Cấm ô tô ...", "Quảng Nam có Bí thư Tỉnh ủy mới": a province's bare name
/// opening the title, before a colon or as the subject of its sentence, the convention of
/// news sites for a story from that province.
fn title_opening_vote(title: &Tokens, post_reform: bool) -> Option<Vote> {
    let max = 5.min(title.len());
    for n in (1..=max).rev() {
        let gap = title.gap_after(n - 1);
        if gap.trim_start().starts_with(':') {
            return bare_province_vote(title, n, post_reform);
        }
        // The subject: every word of the name capitalized, then a lower-case word ("Long
        // An có …", "Hòa Bình tổ chức …"; not "Hòa bình", not "Thái Bình Dương").
        let one_name = (0..n - 1).all(|k| matches!(title.gap_after(k).trim(), "" | "-"));
        // "Hồ Chí Minh" alone is the President more often than the city; "Đồng Nai và
        // Tiền Giang …" is about two.
        let person = n == 3 && title.phrase_at(0, &["hồ", "chí", "minh"]);
        let subject = gap == " "
            && one_name
            && !person
            && title.tokens[..n].iter().all(|t| t.capital)
            && title
                .tokens
                .get(n)
                .is_some_and(|t| !t.capital && !t.is("và"));
        if let Some(v) = subject
            .then(|| bare_province_vote(title, n, post_reform))
            .flatten()
        {
            return Some(v);
        }
    }
    None
}

/// The vote of the title's first `n` tokens if they are a province's bare name that the
/// gazetteer places in one new province.
fn bare_province_vote(title: &Tokens, n: usize, post_reform: bool) -> Option<Vote> {
    bare_name_vote(
        title,
        0,
        0,
        n,
        "title-opening-name",
        post_reform,
        Tier::Province,
    )
}

/// Most syllables a title may have to be read as a headline: longer ones are a lead paragraph
/// (Thanh Niên's), which names places in passing.
const HEADLINE_WORDS: usize = 20;

/// A province's or district's bare name in a headline ("Trồng cây xanh cho Đà Lạt",
/// "Chỉnh trang hạ tầng đô thị Hà Nội để đón Tết", "Bảo vệ thương hiệu nước mắm Phú
/// Quốc"): the place the headline is about, worth [`HEADLINE_NAME`], and only for a province
/// the text already votes for. Alone it would count "… tại Hà Nội" of national news and
/// the places of a roundup; as a second witness it settles an article whose lead names its
/// place once. Names of two syllables or more, each capitalized, that the gazetteer places
/// in one new province, a province's name before a district's ("Phú Yên" is also a
/// district of Sơn La); not "Hồ Chí Minh" alone, the President or the trail more often than
/// the city. A headline whose names lie in two provinces ("Thông xe quốc lộ 6, đoạn Hoà
/// Bình - Sơn La", "Hà Nội mở tuyến xe buýt liên tỉnh đi Bắc Ninh, Hà Nam") is about both
/// and adds nothing.
fn headline_name_vote(
    title: &Tokens,
    mentions: &[Mention],
    votes: &[Vote],
    post_reform: bool,
) -> Option<Vote> {
    if title.len() > HEADLINE_WORDS {
        return None;
    }
    let mut named: Vec<Vote> = Vec::new();
    let mut i = 0;
    while i < title.len() {
        match headline_name_at(title, mentions, i, post_reform) {
            Some((n, vote)) => {
                named.push(vote);
                i += n;
            }
            None => i += 1,
        }
    }
    let place = named.pop()?;
    let in_title = votes.iter().filter(|v| v.source == Source::Title);
    if named.iter().chain(in_title).any(|v| v.new != place.new)
        // The opening name has voted already, as the headline's subject.
        || votes.iter().any(|v| v.rule == "title-opening-name")
        || !votes.iter().any(|v| v.new == place.new)
    {
        return None;
    }
    Some(Vote {
        weight: HEADLINE_NAME,
        ..place
    })
}

/// The bare place name of two to four words starting at token `i` of a headline, with its
/// length.
fn headline_name_at(
    title: &Tokens,
    mentions: &[Mention],
    i: usize,
    post_reform: bool,
) -> Option<(usize, Vote)> {
    if mentions.iter().any(|m| (m.start..m.end).contains(&i)) {
        return None;
    }
    (2..=4).rev().find_map(|n| {
        let run = title.tokens.get(i..i + n)?;
        let name_like = run
            .iter()
            .all(|t| t.capital && !t.exact.bytes().all(|b| b.is_ascii_digit()))
            && (i..i + n - 1).all(|k| matches!(title.gap_after(k).trim(), "" | "-"))
            && !(n == 3 && title.phrase_at(i, &["hồ", "chí", "minh"]));
        if !name_like {
            return None;
        }
        [Tier::Province, Tier::District]
            .into_iter()
            .find_map(|tier| {
                bare_name_vote(title, i, i, n, "headline-name", post_reform, tier).map(|v| (n, v))
            })
    })
}

/// The vote of tokens `at..at + n` if they are the bare name of a place of `tier` that the
/// gazetteer places in one new province, weighted by the zone of token `from`, where the
/// phrase read begins ("Sở Du lịch Bình Thuận" from "Sở").
fn bare_name_vote(
    tokens: &Tokens,
    from: usize,
    at: usize,
    n: usize,
    rule: &'static str,
    post_reform: bool,
    tier: Tier,
) -> Option<Vote> {
    let g = &*GAZETTEER;
    let run = tokens.tokens.get(at..at + n)?;
    let folded = tokens.folded_span(at, at + n);
    let ids: Vec<u32> = g
        .lookup(&folded)
        .iter()
        .copied()
        .filter(|&id| g.place(id).kind.tier() == tier)
        .collect();
    let first = *ids.first()?;
    let new = g.place(first).new_province;
    if ids.iter().any(|&id| g.place(id).new_province != new) {
        return None;
    }
    let old = ids.iter().find_map(|&id| g.place(id).old_province);
    let shared = old.is_some_and(|o| g.same_name(o, new));
    let start = &tokens.tokens[from];
    Some(Vote {
        new,
        old: old.filter(|_| !(post_reform && shared)),
        weight: zone_weight(start.zone),
        source: source_of(start.zone),
        rule,
        span: Some((start.from, run[n - 1].to)),
        text: tokens.span_text(from, at + n).to_string(),
        folded,
    })
}

/// The vote of a typed name, if its candidates lie in one new province.
fn mention_vote(tokens: &Tokens, m: &Mention, post_reform: bool) -> Option<Vote> {
    let [new] = m.new_provinces()[..] else {
        return None;
    };
    let old = match m.old_provinces() {
        Some(olds) if olds.len() == 1 && (!post_reform || m.names_old_structure()) => Some(olds[0]),
        _ => None,
    };
    // A chained province adds one point in the title or lead, where a place and its
    // province are what the article is about; in the body it only narrows the place.
    let weight = match (m.chained, m.zone) {
        (false, zone) => zone_weight(zone),
        (true, Zone::Body) => return None,
        (true, _) => 1.0,
    };
    let rule = match (m.form, m.narrowed, m.chained) {
        (_, _, true) => "province-closing-chain",
        (super::scan::Form::Placed, _, _) => "place-with-its-province",
        (super::scan::Form::Committee, _, _) => "typed-committee",
        (_, true, _) => "typed-name-in-context",
        (_, false, _) => "typed-name",
    };
    let (from, to) = (tokens.tokens[m.start].from, tokens.tokens[m.end - 1].to);
    Some(Vote {
        new,
        old,
        weight,
        source: source_of(m.zone),
        rule,
        span: Some((from, to)),
        text: tokens.span_text(m.start, m.end).to_string(),
        folded: tokens.folded_span(m.start, m.end),
    })
}

/// A province's offices named by the province's bare name right after them: its police,
/// customs, tax and statistics offices, forest rangers, inspectors, prosecutors and courts,
/// its military command and border guard, treasury, social insurance and labour federation
/// ("Công an Hà Nội", "Cục Hải quan Lạng Sơn", "Kiểm lâm Hải Phòng", "Viện Kiểm sát Bình
/// Thuận"). Not the companies named after a province ("Bưu điện Hà Nội" is also a volleyball
/// team, "Điện lực" a football club), nor its hospitals, whose patients come from elsewhere.
pub(super) const OFFICES: &[&[&str]] = &[
    &["công", "an"],
    &["cục", "thuế"],
    &["cục", "hải", "quan"],
    &["hải", "quan"],
    &["cục", "thống", "kê"],
    &["kiểm", "lâm"],
    &["thanh", "tra"],
    &["viện", "kiểm", "sát", "nhân", "dân"],
    &["viện", "kiểm", "sát"],
    &["tòa", "án", "nhân", "dân"],
    &["bộ", "chỉ", "huy", "quân", "sự"],
    &["bộ", "đội", "biên", "phòng"],
    &["kho", "bạc", "nhà", "nước"],
    &["kho", "bạc"],
    &["bảo", "hiểm", "xã", "hội"],
    &["liên", "đoàn", "lao", "động"],
    &["cảnh", "sát", "phòng", "cháy"],
];

/// The length of the office in [`OFFICES`] named at token `i`. Every capitalized token of
/// every article asks: the first word's folded form settles most without a phrase match.
pub(super) fn office_at(tokens: &Tokens, i: usize) -> Option<usize> {
    let t = &tokens.tokens[i];
    let starts_one = t.capital
        && matches!(
            t.folded.as_str(),
            "cong"
                | "cuc"
                | "hai"
                | "kiem"
                | "thanh"
                | "vien"
                | "toa"
                | "bo"
                | "kho"
                | "bao"
                | "lien"
                | "canh"
        );
    starts_one
        .then(|| OFFICES.iter().find(|p| tokens.phrase_at(i, p)))
        .flatten()
        .map(|p| p.len())
}

/// A province's department, office or Party committee named with the province's bare
/// name: "Sở Du lịch Bình Thuận", "Sở Nông nghiệp và phát triển nông thôn Hà Nội", "Công an
/// Hà Nội" (and the [`OFFICES`]), "Đảng bộ Lạng Sơn". Weighted as a typed name. A type word
/// in the name ("Sở Y tế TP HCM") is a typed name already.
fn agency_votes(tokens: &Tokens, post_reform: bool) -> Vec<Vote> {
    let mut votes = Vec::new();
    // Past the last name read: "Cục Hải quan Lạng Sơn" votes once, not again as "Hải quan
    // Lạng Sơn".
    let mut read_to = 0;
    for i in 0..tokens.len() {
        let t = &tokens.tokens[i];
        if i < read_to {
            continue;
        }
        let (first, rule) = if t.capital && t.is("sở") {
            (i + 1, "agency-of-province")
        } else if t.folded == "dang" && tokens.phrase_at(i, &["đảng", "bộ"]) {
            (i + 2, "committee-of-province")
        } else if let Some(len) = office_at(tokens, i) {
            (i + len, "agency-of-province")
        } else {
            continue;
        };
        // A department's name stands between "Sở" and the province; an office's does not.
        let limit = if first == i + 1 { i + 10 } else { first + 1 };
        let mut k = first;
        while k < limit.min(tokens.len()) {
            if type_word_at(tokens, k).is_some() || tokens.tokens[k].folded == "tphcm" {
                break;
            }
            // A run of capitalized syllables the name ends with ("Bình Thuận cho biết").
            let name_ends = |n: usize| {
                let run_ok = (k..k + n).all(|j| tokens.tokens.get(j).is_some_and(|t| t.capital))
                    && (k..k + n - 1).all(|j| tokens.gap_after(j).trim().is_empty());
                let continues = tokens
                    .tokens
                    .get(k + n)
                    .is_some_and(|t| t.capital && tokens.gap_after(k + n - 1).trim().is_empty());
                run_ok && !continues
            };
            let vote = (1..=3).rev().filter(|&n| name_ends(n)).find_map(|n| {
                bare_name_vote(tokens, i, k, n, rule, post_reform, Tier::Province).map(|v| (n, v))
            });
            if let Some((n, v)) = vote {
                votes.push(v);
                read_to = k + n;
                break;
            }
            let gap = tokens.gap_after(k);
            if !(gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-'))) {
                break;
            }
            k += 1;
        }
    }
    votes
}

/// "TPHCM", written as one word, is Hồ Chí Minh City (when no type word in front made it
/// part of a typed name already: "Thành ủy TPHCM").
fn hcm_votes(tokens: &Tokens, mentions: &[Mention], post_reform: bool) -> Vec<Vote> {
    let g = &*GAZETTEER;
    // The old-structure entry, which carries the old province too.
    let Some(hcm) = g
        .lookup("ho chi minh")
        .iter()
        .map(|&id| g.place(id))
        .find(|p| p.kind == Kind::Municipality && p.old_province.is_some())
    else {
        return Vec::new();
    };
    let in_mention = |i: usize| mentions.iter().any(|m| (m.start..m.end).contains(&i));
    tokens
        .tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| t.folded == "tphcm" && !in_mention(i))
        .map(|(_, t)| Vote {
            new: hcm.new_province,
            // A name both structures share means the new province after the reform.
            old: hcm.old_province.filter(|_| !post_reform),
            weight: zone_weight(t.zone),
            source: source_of(t.zone),
            rule: "typed-name",
            span: Some((t.from, t.to)),
            text: tokens.text.get(t.from..t.to).unwrap_or("").to_string(),
            folded: t.folded.to_string(),
        })
        .collect()
}

/// Records a typed name that votes for nobody because several provinces have it (once per
/// name), so an explanation can say why it was not used.
fn note_ambiguous(
    tokens: &Tokens,
    m: &Mention,
    evidence: &mut Vec<Evidence>,
    seen: &mut HashSet<String>,
) {
    let count = m.new_provinces().len();
    if count < 2 {
        return;
    }
    if !seen.insert(tokens.folded_span(m.start, m.end)) {
        return;
    }
    let text = tokens.span_text(m.start, m.end).to_string();
    evidence.push(Evidence {
        facet: FacetKind::Province,
        rule: "ambiguous-name",
        source: source_of(m.zone),
        span: Some((tokens.tokens[m.start].from, tokens.tokens[m.end - 1].to)),
        text,
        note: format!("the name exists in {count} provinces: not evidence"),
    });
}

/// Adds up the votes and applies the thresholds; records the decision in `evidence`.
fn tally(
    votes: &[Vote],
    evidence: &mut Vec<Evidence>,
) -> (Option<ProvinceCode>, Option<ProvinceCode>) {
    let mut totals: HashMap<ProvinceCode, f32> = HashMap::new();
    let mut body: HashMap<ProvinceCode, f32> = HashMap::new();
    for v in votes {
        if v.source == Source::Body {
            *body.entry(v.new).or_default() += v.weight;
        } else {
            *totals.entry(v.new).or_default() += v.weight;
        }
    }
    // Provinces with evidence outside the body (URL, title, lead).
    let named_up_front: Vec<ProvinceCode> = totals.keys().copied().collect();
    let dominance = |p: ProvinceCode| {
        if named_up_front.contains(&p) {
            DOMINANCE
        } else {
            BODY_ONLY_DOMINANCE
        }
    };
    for (p, w) in body {
        *totals.entry(p).or_default() += w.min(BODY_CAP);
    }
    let new = decide_scores(&totals, "province", MIN_SCORE, dominance, evidence, |c| {
        GAZETTEER.new_province(c).map(|p| p.name.to_string())
    });
    let old = new.and_then(|winner| {
        let mut olds: HashMap<ProvinceCode, f32> = HashMap::new();
        for v in votes.iter().filter(|v| v.new == winner) {
            if let Some(o) = v.old {
                let w = if v.source == Source::Body {
                    v.weight.min(BODY_CAP)
                } else {
                    v.weight
                };
                *olds.entry(o).or_default() += w;
            }
        }
        // The province is settled; the old one needs no minimum, only agreement.
        decide_scores(
            &olds,
            "old province",
            0.0,
            |_| DOMINANCE,
            evidence,
            |c| GAZETTEER.old_province(c).map(|p| p.name.to_string()),
        )
    });
    (new, old)
}

/// The winner of `totals` under a minimum score and the dominance the leader needs, with a
/// note of the decision in `evidence` when there was anything to decide.
fn decide_scores(
    totals: &HashMap<ProvinceCode, f32>,
    what: &str,
    min_score: f32,
    dominance: impl Fn(ProvinceCode) -> f32,
    evidence: &mut Vec<Evidence>,
    name: impl Fn(ProvinceCode) -> Option<String>,
) -> Option<ProvinceCode> {
    let mut ranked: Vec<(ProvinceCode, f32)> = totals.iter().map(|(&p, &w)| (p, w)).collect();
    // Highest first; equal totals in code order so the outcome never depends on hashing.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, score) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
    let label = |p: ProvinceCode| name(p).unwrap_or_else(|| p.to_string());
    let needed = dominance(best);
    let accepted = score >= min_score && score >= needed * runner_up;
    let facet = if what == "province" {
        FacetKind::Province
    } else {
        FacetKind::ProvinceOld
    };
    let scores: Vec<String> = ranked
        .iter()
        .take(4)
        .map(|&(p, w)| format!("{} {w}", label(p)))
        .collect();
    let note = if accepted {
        format!("{what} {}: scores {}", label(best), scores.join(", "))
    } else if score < min_score {
        format!(
            "{what} unknown: too little evidence (scores {}; need {min_score})",
            scores.join(", ")
        )
    } else {
        format!(
            "{what} unknown: conflicting evidence (scores {}; the best needs {needed}× the runner-up)",
            scores.join(", ")
        )
    };
    evidence.push(Evidence {
        facet,
        rule: if accepted { "decision" } else { "no-decision" },
        source: Source::Rule,
        span: None,
        text: String::new(),
        note,
    });
    accepted.then_some(best)
}

/// The votes as evidence: one line per name and place in the text, strongest first.
fn summarize(votes: &[Vote], new: Option<ProvinceCode>) -> Vec<Evidence> {
    let g = &*GAZETTEER;
    let mut lines: Vec<(Evidence, f32, usize, &String)> = Vec::new();
    for v in votes {
        let province = g.new_province(v.new).map_or("?", |p| &p.name);
        let old_note = match v.old.and_then(|o| g.old_province(o)) {
            Some(o) if &*o.name != province => format!(" (old {})", o.name),
            _ => String::new(),
        };
        let winner = if Some(v.new) == new {
            ""
        } else {
            ", not the winner"
        };
        match lines.iter_mut().find(|(e, _, _, folded)| {
            e.source == v.source && e.rule == v.rule && **folded == v.folded
        }) {
            Some(line) => {
                line.1 += v.weight;
                line.2 += 1;
            }
            None => lines.push((
                Evidence {
                    facet: FacetKind::Province,
                    rule: v.rule,
                    source: v.source,
                    span: v.span,
                    text: v.text.clone(),
                    note: format!("{province}{old_note}{winner}"),
                },
                v.weight,
                1,
                &v.folded,
            )),
        }
    }
    lines.sort_by(|a, b| b.1.total_cmp(&a.1));
    lines
        .into_iter()
        .map(|(mut e, weight, count, _)| {
            let times = if count > 1 {
                format!(" ×{count}")
            } else {
                String::new()
            };
            e.note = format!("{}{times}, +{weight}", e.note);
            e
        })
        .collect()
}
