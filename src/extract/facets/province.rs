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
//! | a province's or district's bare name in a headline ("Trồng cây xanh cho Đà Lạt"; a commune's when no wider place is named), for a province other evidence names | [`HEADLINE_NAME`] = 1 |
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
use super::places::{adjacent, is_surname, type_word_at, Form, Mention, TypeWord};
use super::scan::{Tokens, Zone};
use super::{Evidence, FacetKind, Source};
use crate::extract::date::Date;
use std::collections::{HashMap, HashSet};

mod bare_names;
mod site;
use bare_names::{agency_votes, headline_name_vote, title_opening_vote};
#[cfg(test)]
pub(super) use bare_names::{office_at, OFFICES};
use site::{domain_vote, home_city_votes, site};

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
        (super::places::Form::Placed, _, _) => "place-with-its-province",
        (super::places::Form::Committee, _, _) => "typed-committee",
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
