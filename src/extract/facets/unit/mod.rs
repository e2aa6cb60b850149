//! The kind of Party organization whose event an article reports, and its name.
//!
//! Only organizations of the Communist Party of Viet Nam count: a province's Youth Union,
//! a lawyers' association or a shareholders' meeting has no unit type, and neither has a
//! foreign party's congress.
//!
//! The organizations ("anchors") are read from the title, then the lead:
//!
//! - "Chi bộ X" → cell; "Đảng bộ / Đảng ủy" + a unit ("phường Bách Quang", "xã", "TP. Sông
//!   Công", "tỉnh") → that level; "Đảng bộ Khối / Công an / Quân sự / cơ quan ..." → other;
//! - "Tỉnh ủy", "Thành ủy X", "Huyện ủy", "Quận ủy", "Thị ủy" → the committee's level, not
//!   when it is a person's office ("Bí thư Tỉnh ủy X"); an unnamed "Thành ủy" is the
//!   province's when the article's province is a province-level city, else a district's;
//! - "Đại hội Đảng toàn quốc", "Đại hội X của Đảng", "Đại hội Đảng XII", "Ban Chấp hành
//!   Trung ương Đảng", "Hội nghị Trung ương" → national;
//! - "Đại hội (đại biểu) phường X" → that level.
//!
//! An anchor *holds the event* when "Đại hội", "Hội nghị", "Ban Chấp hành", "khai mạc"
//! come just before it or "tổ chức", "tiến hành", "khai mạc" shortly after it. In the title
//! the first anchor holding the event wins, else the first anchor; so "Thành ủy Hà Nội tổ
//! chức mít tinh chào mừng Đại hội Đảng toàn quốc" is the province's. An article that
//! serves or prepares for the national congress with no Party organization acting
//! ("Những tuyến đường bị cấm trong dịp Đại hội Đảng") is filed as national: it is about
//! that congress; one that only celebrates it ("Biểu diễn nghệ thuật chào mừng Đại hội
//! Đảng lần thứ X") has no unit, and neither has a ceremony's title ("Lễ kỷ niệm", "mít
//! tinh", "chúc Tết") whose organizations do not hold the event. In the lead only an anchor
//! holding the event counts, since leads name officials and committees in passing.
//!
//! The central bodies with their term ("BCH T.Ư khóa X", "Ủy viên Trung ương khóa X", "Bộ
//! Chính trị khóa X") in a title, "BCHTƯ" in a title and the congress's press centre are
//! national.

use super::gazetteer::Kind;
use super::scan::{Tokens, Zone};
use super::term::parse_roman;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod committee;
mod national;
mod news;
use committee::{
    cell_at, committee_at, member_post_at, office_at, place_after_event_at, place_of_level,
};
use national::national_at;
pub(crate) use national::{central_body_term_at, resolution_before};
use news::TitleKind;

/// The level of the Party organization an article reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    /// The national Party: the national congress, the Central Committee.
    National,
    /// A province or province-level city (Đảng bộ tỉnh, Tỉnh ủy, Thành ủy Hà Nội).
    Province,
    /// A district: huyện, quận, thị xã, or city under a province.
    District,
    /// xã (and the special zones since 2025, which sit at commune level).
    Commune,
    /// phường
    Ward,
    /// thị trấn
    Township,
    /// chi bộ
    Cell,
    /// Party committees of sectors, agencies, enterprises, the army and the police (Đảng
    /// bộ khối, cơ quan, doanh nghiệp, quân sự, công an).
    PartyCommitteeOther,
}

impl UnitType {
    pub const ALL: [UnitType; 8] = [
        UnitType::National,
        UnitType::Province,
        UnitType::District,
        UnitType::Commune,
        UnitType::Ward,
        UnitType::Township,
        UnitType::Cell,
        UnitType::PartyCommitteeOther,
    ];

    /// The serialized name (`party_committee_other`).
    pub fn as_str(self) -> &'static str {
        match self {
            UnitType::National => "national",
            UnitType::Province => "province",
            UnitType::District => "district",
            UnitType::Commune => "commune",
            UnitType::Ward => "ward",
            UnitType::Township => "township",
            UnitType::Cell => "cell",
            UnitType::PartyCommitteeOther => "party_committee_other",
        }
    }

    /// The hierarchical facet path of the unit type, for a tantivy facet field.
    ///
    /// The levels above the grassroots are one segment each (`/national`, `/province`,
    /// `/district`). The grassroots level (cấp cơ sở) is a branch: communes, wards and
    /// townships, and the Party cells (chi bộ) that sit at or below them, all lie under
    /// `/grassroots`, so a filter on `/grassroots` finds every local congress below the
    /// district while `/grassroots/ward` finds wards only. Sector, agency, enterprise,
    /// army and police committees stand apart under `/other`.
    pub fn facet_path(self) -> String {
        match self {
            UnitType::National => "/national",
            UnitType::Province => "/province",
            UnitType::District => "/district",
            UnitType::Commune => "/grassroots/commune",
            UnitType::Ward => "/grassroots/ward",
            UnitType::Township => "/grassroots/township",
            UnitType::Cell => "/grassroots/cell",
            UnitType::PartyCommitteeOther => "/other",
        }
        .to_string()
    }

    /// The unit type of a place kind.
    fn of_kind(kind: Kind) -> UnitType {
        match kind {
            Kind::Province | Kind::Municipality => UnitType::Province,
            Kind::City | Kind::Town | Kind::UrbanDistrict | Kind::RuralDistrict => {
                UnitType::District
            }
            Kind::Commune | Kind::SpecialZone => UnitType::Commune,
            Kind::Ward => UnitType::Ward,
            Kind::Township => UnitType::Township,
        }
    }
}

impl fmt::Display for UnitType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a unit type could not be read from a string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit type {0:?} (expected one of national, province, district, commune, ward, township, cell, party_committee_other)")]
pub struct ParseUnitTypeError(String);

impl FromStr for UnitType {
    type Err = ParseUnitTypeError;

    /// Reads the serialized names and the Vietnamese words ("phường", "chi bộ", "xa").
    fn from_str(s: &str) -> Result<UnitType, ParseUnitTypeError> {
        let folded = crate::text::key(s, crate::text::Level::Folded);
        let by_name = UnitType::ALL
            .into_iter()
            .find(|u| u.as_str() == s.trim().to_ascii_lowercase());
        let by_word = match folded.as_str() {
            "toan quoc" | "trung uong" => Some(UnitType::National),
            "tinh" => Some(UnitType::Province),
            "huyen" | "quan" | "thi xa" => Some(UnitType::District),
            "xa" => Some(UnitType::Commune),
            "phuong" => Some(UnitType::Ward),
            "thi tran" => Some(UnitType::Township),
            "chi bo" => Some(UnitType::Cell),
            _ => None,
        };
        by_name
            .or(by_word)
            .ok_or_else(|| ParseUnitTypeError(s.to_string()))
    }
}

/// The unit an article reports on, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub unit_type: UnitType,
    pub name: Option<String>,
    pub zone: Zone,
    /// Byte span of the phrase in its text.
    pub from: usize,
    pub to: usize,
    pub rule: &'static str,
}

/// A Party organization named in a text.
#[derive(Debug, Clone)]
struct Anchor {
    unit_type: UnitType,
    name: Option<String>,
    start: usize,
    end: usize,
    /// The organization is the one holding the event: it follows "Đại hội", "Hội nghị" or
    /// "Ban Chấp hành", or it "tổ chức" / "tiến hành" one.
    attached: bool,
    /// Named as a person's post ("Bí thư Huyện ủy Cầu Ngang"): the unit of personnel and
    /// discipline news, and of nothing else.
    office: bool,
    /// Named as often among guests as at work (a central commission): counts only when it
    /// holds the event.
    only_at_work: bool,
    rule: &'static str,
}

impl Anchor {
    /// An organization named at `start..end`, not yet seen holding an event.
    fn named(
        unit_type: UnitType,
        name: Option<String>,
        start: usize,
        end: usize,
        rule: &'static str,
    ) -> Anchor {
        Anchor {
            unit_type,
            name,
            start,
            end,
            attached: false,
            office: false,
            only_at_work: false,
            rule,
        }
    }
}

/// Reads the unit from the title, else from the lead. The title's organization holding an
/// event wins, then any organization the title names; a title about several units ("các
/// xã, phường") has none. The lead only counts an organization that holds the event.
/// `municipality` says whether the article's province is a province-level city, which is
/// what an unnamed "Thành ủy" is then.
pub fn detect_unit(
    title: &Tokens,
    body: &Tokens,
    municipality: Option<bool>,
) -> Option<UnitChoice> {
    let kind = TitleKind::of(title);
    // Another party's anniversary ("… ngày thành lập Đảng nhân dân CM Lào"): that party's
    // news, whoever organizes the rally.
    if kind.foreign_anniversary {
        return None;
    }
    let lead_disciplines = std::cell::OnceCell::new();
    let lead_disciplines =
        || *lead_disciplines.get_or_init(|| news::lead_opens_on_discipline(body));
    let foreign_title = about_foreign_party(title);
    let title_context = Context {
        foreign: foreign_title,
        bare_numbers: !names_other_congress(title),
        municipality,
        former_posts: !kind.post_news || kind.misconduct || lead_disciplines(),
    };
    let title_anchors = anchors(title, Zone::Title, &title_context);
    let lead_context = Context {
        foreign: foreign_title
            || (mentions_foreign_party(body, Zone::Lead) && !names_our_party(body, Zone::Lead)),
        bare_numbers: false,
        ..title_context
    };
    // Read once, and only when the title leaves the unit open.
    let lead_cell = std::cell::OnceCell::new();
    let lead_anchors = || lead_cell.get_or_init(|| anchors(body, Zone::Lead, &lead_context));
    let title_post = title_anchors.iter().any(|a| a.office || a.attached);
    if kind.post_news && !title_post && !kind.ceremony {
        let lead = lead_anchors();
        if let Some(c) = post_below_the_title(body, lead, title_anchors.is_empty(), municipality) {
            return Some(c);
        }
    }
    // The Party disciplining a level's officials the title names with their unit ("Khai trừ
    // Đảng nguyên chủ tịch, phó chủ tịch huyện Phú Quốc"): that unit, not the committee
    // above deciding in the lead ("Ban thường vụ Tỉnh ủy đã thống nhất kỷ luật khai trừ
    // Đảng ông A (nguyên chủ tịch UBND huyện Phú Quốc)"). A title on the state's step
    // ("Bắt nguyên chủ tịch huyện …") gives nothing here, whatever its lead adds.
    if let (Some(level), true) = (kind.officials_of, kind.post_news && !title_post) {
        let party_decides = (0..title.len()).any(|i| title.tokens[i].is("đảng"));
        let unit = party_decides
            .then(|| place_of_level(title, 0..title.len(), level, municipality))
            .flatten();
        if let Some(mut a) = unit {
            a.office = true;
            return Some(choose(title, a, Zone::Title));
        }
        // "Bí thư và chủ tịch xã bị kỷ luật": the level's Party secretary is among them, and
        // the lead names the unit ("kỷ luật cách chức hai cán bộ xã Thông Thụ").
        if news::names_a_secretary(title) {
            if let Some(mut a) = place_of_level(body, body.head_range(), level, municipality) {
                a.office = true;
                return Some(choose(body, a, Zone::Lead));
            }
        }
    }
    // A title about a level's officials, in no other words personnel or discipline news:
    // the lead's post at that level ("Cán bộ xã lừa dân …" / "ông A (Phó bí thư Đảng ủy xã
    // Tân Thiện)"), not one above it.
    if let (Some(level), false) = (kind.officials_of, kind.post_news || title_post) {
        let same_level = lead_anchors()
            .iter()
            .find(|a| a.office && a.unit_type == level)
            .cloned();
        if let Some(a) = same_level {
            return Some(choose(body, a, Zone::Lead));
        }
    }
    // Thành ủy, HĐND, UBND and the Front hold ceremonies together as the city's leadership,
    // not as a Party unit at work, unless the Party itself is celebrated.
    let title_anchors: Vec<Anchor> = if kind.festive && !kind.celebrates_the_party {
        title_anchors
            .into_iter()
            .filter(|a| !news::beside_state_bodies(title, a.end))
            .collect()
    } else {
        title_anchors
    };
    // A ceremony's title names its organizers and guests, not a unit at work: only one
    // holding the event counts, and its lead lists the same organizers again.
    if let Some(a) = pick(&title_anchors, kind.post_news, kind.ceremony) {
        return Some(choose(title, a, Zone::Title));
    }
    // The Party's own anniversary: its lead names the committee that holds it, listed
    // first among the state's bodies ("Ban Chấp hành Trung ương Đảng, Quốc hội, … đã tổ
    // chức Lễ kỷ niệm 75 năm Ngày thành lập Đảng").
    if kind.ceremony && kind.party_anniversary {
        // A title long enough to hold the lead's sentence names it there ("Thành ủy, HĐND,
        // UBND, Ủy ban MTTQ TP Hà Nội đã tổ chức mít tinh … kỷ niệm 76 năm ngày thành lập
        // Đảng").
        if let Some(a) = title_anchors.iter().find(|a| !a.office) {
            return Some(choose(title, a.clone(), Zone::Title));
        }
        return lead_anchors()
            .iter()
            .find(|a| !a.office)
            .map(|a| choose(body, a.clone(), Zone::Lead));
    }
    // A council's or the Assembly's session reported in the title: a Party congress its
    // lead recalls is background ("HĐND tỉnh bầu ông X làm Chủ tịch UBND …; ông Y được Đại
    // hội Đảng bộ tỉnh bầu làm Bí thư").
    if kind.ceremony || kind.roundup || kind.state_session {
        return None;
    }
    // A lead opening on the Party's decision ("Ban thường vụ Tỉnh ủy Khánh Hòa đã đình chỉ
    // sinh hoạt Đảng với ông A (huyện ủy viên, …)") is discipline news whatever the title
    // says: the post in question is its unit.
    let post_news = kind.post_news || lead_disciplines();
    if let Some(a) = pick(lead_anchors(), post_news, true) {
        return Some(choose(body, a, Zone::Lead));
    }
    let local = title_anchors
        .iter()
        .chain(lead_anchors())
        .any(|a| a.unit_type != UnitType::National);
    if lead_context.foreign || local {
        return None;
    }
    party_wide_review(title, body)
}

/// A conference of the whole Party on a Central Committee resolution, in an article naming
/// no other Party unit: "toàn quốc" says so; else the Politburo or the Secretariat named
/// beside it.
fn party_wide_review(title: &Tokens, body: &Tokens) -> Option<UnitChoice> {
    let names_leaders = |tokens: &Tokens| {
        tokens.head_range().any(|i| {
            tokens.phrase_at(i, &["bộ", "chính", "trị"])
                || tokens.phrase_at(i, &["ban", "bí", "thư"])
        })
    };
    [(title, Zone::Title), (body, Zone::Lead)]
        .into_iter()
        .find_map(|(tokens, zone)| {
            let (start, end, nationwide) = national::party_wide_review(tokens, zone)?;
            let leaders = || names_leaders(title) || names_leaders(body);
            (nationwide || leaders()).then(|| UnitChoice {
                unit_type: UnitType::National,
                name: None,
                zone,
                from: tokens.tokens[start].from,
                to: tokens.tokens[end - 1].to,
                rule: "party-wide-review",
            })
        })
}

/// Personnel and discipline news whose title names no post: the post its lead names is the
/// subject, before a committee the title names in passing ("Tổ công tác của Tỉnh ủy Trà Vinh
/// phát hiện ông …, Bí thư Huyện ủy Cầu Ngang, có nhiều bất minh"). The lead may only count
/// those concerned ("cảnh cáo và miễn nhiệm 5 cá nhân …") and the next paragraph name them
/// ("Đó là các ông: A - Bí thư Thị ủy Đồ Sơn; …"): read there when neither title nor lead
/// names any Party unit.
fn post_below_the_title(
    body: &Tokens,
    lead: &[Anchor],
    title_names_none: bool,
    municipality: Option<bool>,
) -> Option<UnitChoice> {
    if let Some(a) = lead.iter().find(|a| a.office) {
        return Some(choose(body, a.clone(), Zone::Lead));
    }
    (title_names_none && lead.is_empty())
        .then(|| first_office_after_lead(body, municipality))
        .flatten()
        .map(|a| choose(body, a, Zone::Body))
}

/// The first Party post named in the paragraph after the lead (up to 60 words). Captions
/// and datelines before the lead are not that paragraph.
fn first_office_after_lead(body: &Tokens, municipality: Option<bool>) -> Option<Anchor> {
    let start = body.head_range().end;
    let end = (start + 60).min(body.len());
    let paragraph_end = (start..end)
        .find(|&i| body.gap_after(i).contains('\n'))
        .map_or(end, |i| i + 1);
    (start..paragraph_end).find_map(|i| office_at(body, i, municipality))
}

/// The anchor a text's unit is read from: in personnel and discipline news the post in
/// question, before the body deciding on it ("Bộ Chính trị kỷ luật Bí thư Tỉnh ủy X",
/// "Ban Thường vụ Tỉnh ủy kỷ luật Bí thư Huyện ủy Y": the unit is X's, Y's); else an
/// organization holding the event; else, unless only those may count, the first
/// organization named.
fn pick(anchors: &[Anchor], post_news: bool, require_attached: bool) -> Option<Anchor> {
    anchors
        .iter()
        .find(|a| a.office && post_news)
        .or_else(|| anchors.iter().find(|a| a.attached && !a.office))
        .or_else(|| {
            (!require_attached)
                .then(|| anchors.iter().find(|a| !a.office))
                .flatten()
        })
        .cloned()
}

fn choose(tokens: &Tokens, a: Anchor, zone: Zone) -> UnitChoice {
    UnitChoice {
        unit_type: a.unit_type,
        name: a.name,
        zone,
        from: tokens.tokens[a.start].from,
        to: tokens.tokens[a.end - 1].to,
        rule: a.rule,
    }
}

/// Words that put a party congress abroad.
const FOREIGN: &[&[&str]] = &[
    &["trung", "quốc"],
    &["bắc", "kinh"],
    &["tập", "cận", "bình"],
    &["mao", "trạch", "đông"],
    &["triều", "tiên"],
    &["kim", "jong"],
    &["ấn", "độ"],
    &["cuba"],
    &["nhật", "bản"],
    &["liên", "xô"],
    &["ông", "tập"],
];

/// A foreign cue in the title rules out the national Party, unless the title names the
/// Communist Party of Viet Nam (foreign press writing about its congress).
pub(crate) fn about_foreign_party(title: &Tokens) -> bool {
    mentions_foreign_party(title, Zone::Title) && !names_our_party(title, Zone::Title)
}

/// "Đảng Cộng sản Việt Nam" / "Đảng Cộng sản VN" in the zone.
fn names_our_party(tokens: &Tokens, zone: Zone) -> bool {
    tokens
        .head_range()
        .filter(|&i| tokens.tokens[i].zone == zone)
        .any(|i| {
            tokens.phrase_at(i, &["cộng", "sản", "việt", "nam"])
                || tokens.phrase_at(i, &["cộng", "sản", "vn"])
        })
}

fn mentions_foreign_party(tokens: &Tokens, zone: Zone) -> bool {
    tokens
        .head_range()
        .filter(|&i| tokens.tokens[i].zone == zone)
        .any(|i| FOREIGN.iter().any(|p| tokens.phrase_at(i, p)))
}

/// Whether the tokens name the congress of an organization other than the national Party
/// ("Đại hội Hội Nhà văn", "Đại hội LĐBĐ VN", "Đại hội Đảng bộ tỉnh", "Đại hội đại biểu toàn
/// quốc Hội Luật gia"): a bare "Đại hội VII" nearby is then that organization's.
fn names_other_congress(tokens: &Tokens) -> bool {
    (0..tokens.len()).any(|i| {
        if !tokens.phrase_at(i, &["đại", "hội"]) {
            return false;
        }
        let mut k = i + 2;
        loop {
            if tokens.phrase_at(k, &["đại", "biểu"]) || tokens.phrase_at(k, &["toàn", "quốc"])
            {
                k += 2;
            } else if tokens.phrase_at(k, &["điểm"]) {
                k += 1;
            } else {
                break;
            }
        }
        let Some(t) = tokens.tokens.get(k) else {
            return false;
        };
        let raw = tokens.text.get(t.from..t.to).unwrap_or("");
        let organization = t.capital && !t.exact.bytes().all(|b| b.is_ascii_digit());
        let party = t.is("đảng") && !tokens.phrase_at(k + 1, &["bộ"]);
        organization && !party && parse_roman(raw).is_none() && !tokens.sentence_break_after(k - 1)
    })
}

/// What anchors depend on besides the tokens.
struct Context {
    /// The text is about a foreign party: no national anchors.
    foreign: bool,
    /// "Đại hội X" with a bare number may be read as the national congress.
    bare_numbers: bool,
    /// Whether the article's province is a province-level city.
    municipality: Option<bool>,
    /// A former post ("nguyên bí thư Tỉnh ủy X") counts: not in news of a post changing
    /// hands, where it only presents a person ("đề cử ông A, nguyên bí thư Tỉnh ủy Long An,
    /// làm chủ tịch Liên đoàn bóng đá"); in misconduct news its holder's past is in question.
    former_posts: bool,
}

/// The Party organizations named in the tokens of `zone`, in text order.
fn anchors(tokens: &Tokens, zone: Zone, context: &Context) -> Vec<Anchor> {
    let municipality = context.municipality;
    let mut out = Vec::new();
    let range = tokens.head_range();
    let mut i = range.start;
    while i < range.end {
        if tokens.tokens[i].zone != zone {
            i += 1;
            continue;
        }
        let found = office_at(tokens, i, municipality)
            .or_else(|| member_post_at(tokens, i, municipality))
            .or_else(|| cell_at(tokens, i))
            .or_else(|| committee_at(tokens, i, municipality))
            .or_else(|| {
                (!context.foreign)
                    .then(|| national_at(tokens, i, context.bare_numbers))
                    .flatten()
            })
            .or_else(|| place_after_event_at(tokens, i, municipality));
        match found {
            Some(mut a) => {
                a.attached = a.attached || holds_event(tokens, a.start, a.end);
                i = a.end.max(i + 1);
                // A central commission is named among a meeting's guests as often as at
                // work: only at work does it count. A committee's hall is only a venue
                // ("tại Hội trường Thị ủy Vị Thanh, chương trình tư vấn …").
                // In news of another country an unnamed committee or post is that
                // country's ("Trung Quốc: … Tỉnh uỷ Giang Tô … cựu tỉnh uỷ viên").
                let abroad = context.foreign && a.name.is_none();
                let past = a.office && !context.former_posts && former_before(tokens, a.start);
                if (a.attached || !a.only_at_work)
                    && !abroad
                    && !past
                    && !venue_before(tokens, a.start)
                    && !addressed(tokens, a.start)
                    && !news::with_a_ministry(tokens, a.end)
                {
                    out.push(a);
                }
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the organization at token `start` is addressed or only cited, not acting: "gửi
/// Ban Thường vụ Tỉnh ủy", "gửi Ủy ban Kiểm tra Tỉnh ủy", "kiến nghị lên Thành ủy", "báo
/// cáo với Huyện ủy", "đề nghị Thường trực Tỉnh ủy tổ chức kiểm điểm" (another asks it),
/// "thực hiện chỉ đạo của Tỉnh ủy, Công an tỉnh đã …" (another acts on its word), "nguồn
/// tin từ Ủy ban Kiểm tra Tỉnh ủy" (it is the news's source): up to six words before it,
/// in its clause. "báo cáo Ban Bí thư": reported to, right before it (a congress reported
/// to, "báo cáo Đại hội X", is still the news).
fn addressed(tokens: &Tokens, start: usize) -> bool {
    // The words before count from the committee's organ ("chỉ đạo của Ban Tư tưởng - Văn
    // hóa Thành ủy").
    let start = organ_start(tokens, start);
    const TO: &[&[&str]] = &[
        &["gửi"],
        &["lên"],
        &["báo", "cáo", "với"],
        &["kiến", "nghị", "với"],
        &["đề", "nghị"],
        &["chỉ", "đạo", "của"],
        &["tin", "từ"],
    ];
    // "báo cáo Ban Bí thư": reported to, when right before ("Báo cáo chính trị của Ban Chấp
    // hành" is the committee's own report).
    let reported_to = start >= 2
        && tokens.phrase_at(start - 2, &["báo", "cáo"])
        && !tokens.phrase_at(start, &["đại", "hội"]);
    // "theo đề nghị của Huyện ủy": the committee's own proposal.
    let its_own = |k: usize| (k..start).any(|j| tokens.tokens[j].is("của"));
    // "đề nghị Thường trực Tỉnh ủy …" asks the committee; "đề nghị kỷ luật … Huyện ủy X"
    // proposes to discipline it: only the committee's organ may stand between.
    const ORGAN: &[&str] = &["ban", "thường", "trực", "vụ", "ủy", "kiểm", "tra"];
    let asks_it = |k: usize| (k..start).all(|j| ORGAN.iter().any(|w| tokens.tokens[j].is(w)));
    reported_to
        || (start.saturating_sub(6)..start).any(|k| {
            TO.iter().any(|p| {
                let after = k + p.len();
                tokens.phrase_at(k, p)
                    && after <= start
                    && (p.last() == Some(&"của") || !its_own(after))
                    && (p != &["đề", "nghị"] || asks_it(after))
            }) && !(k..start).any(|j| tokens.sentence_break_after(j))
        })
}

/// Where the name of a committee's organ begins before the committee at token `start`
/// ("Ban Tư tưởng - Văn hóa Thành ủy", "Ủy ban Kiểm tra Tỉnh ủy"): a capitalized "Ban" or
/// "Ủy ban" up to six words before, joined to it by spaces and dashes only; else `start`.
fn organ_start(tokens: &Tokens, start: usize) -> usize {
    (start.saturating_sub(6)..start)
        .find(|&k| {
            let t = &tokens.tokens[k];
            (t.is("ban") || (t.is("ủy") && tokens.phrase_at(k, &["ủy", "ban"])))
                && t.capital
                && (k..start).all(|j| tokens.gap_after(j).chars().all(|c| c == ' ' || c == '-'))
        })
        .unwrap_or(start)
}

/// Whether "nguyên" or "cựu" (former) comes right before the post at token `start`, or
/// before its "Phó".
fn former_before(tokens: &Tokens, start: usize) -> bool {
    let former = |k: usize| tokens.tokens[k].is("nguyên") || tokens.tokens[k].is("cựu");
    (start >= 1 && former(start - 1))
        || (start >= 2 && tokens.tokens[start - 1].is("phó") && former(start - 2))
}

/// Whether a building's word comes right before token `start`: "Hội trường Thị ủy",
/// "trụ sở Huyện ủy", "nhà khách Tỉnh ủy".
fn venue_before(tokens: &Tokens, start: usize) -> bool {
    const BUILDINGS: &[&[&str]] = &[&["hội", "trường"], &["trụ", "sở"], &["nhà", "khách"]];
    start >= 2
        && tokens.gap_after(start - 1).trim().is_empty()
        && BUILDINGS.iter().any(|p| tokens.phrase_at(start - 2, p))
}

/// Whether the organization at tokens `start..end` holds the event: "Đại hội", "Hội nghị",
/// "Ban Chấp hành", "Ban Thường vụ" just before it, or "tổ chức", "tiến hành", "khai mạc"
/// shortly after it in the same clause.
fn holds_event(tokens: &Tokens, start: usize, end: usize) -> bool {
    const BEFORE: &[&[&str]] = &[
        &["đại", "hội"],
        &["hội", "nghị"],
        &["khai", "mạc"],
        &["bế", "mạc"],
        &["chấp", "hành"],
        &["thường", "vụ"],
        &["đại", "biểu"],
        &["điểm"],
    ];
    // "văn kiện Đại hội Đảng bộ X", "nghị quyết Đại hội …": the congress's work, cited.
    const PRODUCT: &[&str] = &["kiện", "quyết", "thảo", "thần", "mừng"];
    // "chào mừng … và Đại hội Đảng bộ TP lần thứ VIII", "chuẩn bị cho Đại hội Đảng bộ TP Đà
    // Nẵng lần thứ 19 sắp tới": a congress celebrated or to come, earlier in its sentence.
    let ahead = |k: usize| {
        (k.saturating_sub(20)..k)
            .rev()
            .take_while(|&j| !tokens.sentence_break_after(j))
            .any(|j| {
                tokens.phrase_at(j, &["chào", "mừng"]) || tokens.phrase_at(j, &["chuẩn", "bị"])
            })
    };
    let cited = |k: usize| {
        tokens.phrase_at(k, &["đại", "hội"])
            && ((k.saturating_sub(2)..k).any(|j| PRODUCT.iter().any(|w| tokens.tokens[j].is(w)))
                || ahead(k))
    };
    // "đại biểu Đại hội Đảng toàn quốc": a delegate of the congress, not its holder.
    let congress_itself = tokens.phrase_at(start, &["đại", "hội"]);
    // "ủy viên thường vụ Đảng ủy X", "được bầu vào thường vụ Đảng ủy X": a member's seat.
    let seat = |k: usize| {
        k >= 1
            && (tokens.tokens[k - 1].is("vào") || tokens.tokens[k - 1].is("viên"))
            && (tokens.phrase_at(k, &["thường", "vụ"]) || tokens.phrase_at(k, &["chấp", "hành"]))
    };
    let event_before = |k: usize| {
        BEFORE.iter().any(|p| {
            tokens.phrase_at(k, p)
                && k + p.len() <= start
                && !(congress_itself && p == &["đại", "biểu"])
        }) && !seat(k)
    };
    let window = (start.saturating_sub(3)..start)
        .filter(|&k| !(k..start).any(|j| tokens.sentence_break_after(j)));
    // A unit whose congress is cited holds nothing here: what follows it is another's doing
    // ("văn kiện Đại hội Đảng bộ TPHCM, Ủy ban MTTQ TPHCM tổ chức hội nghị").
    if window.clone().any(|k| event_before(k) && cited(k)) {
        return false;
    }
    let before = window.into_iter().any(event_before);
    before || acts_after(tokens, end)
}

/// Whether the organization ending before token `end` holds its event or decides, within
/// eight words in its clause ("Thành ủy Cần Thơ quyết định thành lập đường dây nóng",
/// "Tỉnh ủy đã xử lý kỷ luật 96 đảng viên").
fn acts_after(tokens: &Tokens, end: usize) -> bool {
    const AFTER: &[&[&str]] = &[
        &["tổ", "chức"],
        &["tiến", "hành"],
        &["khai", "mạc"],
        &["bế", "mạc"],
        &["họp"],
        &["quyết", "định"],
        &["xử", "lý"],
        &["kỷ", "luật"],
        &["ban", "hành"],
    ];
    for k in end..(end + 8).min(tokens.len()) {
        if AFTER.iter().any(|p| tokens.phrase_at(k, p)) {
            return true;
        }
        if tokens.sentence_break_after(k) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests;
