//! Facets read from an article: the province (new 34-province structure, and the old
//! 63-province one where it applies), the kind and name of the Party organization whose
//! event is reported, the term (nhiệm kỳ), the congress number and the publication date.
//!
//! Every value carries [`Evidence`]: which rule produced it from which span of which text,
//! so `tracuu explain` can show why an article was filed where it was. Input fields
//! (`province`, `unit`, `term`, `published`) override extraction.
//!
//! Pure logic over the embedded gazetteer (`gazetteer`); extraction reads each text once
//! into tokens (`scan`) and finds names by hash lookups, so it costs about as much as
//! tokenizing the article.
//!
//! - `province`: evidence scoring for the province (weights and thresholds there).
//! - `unit`: [`UnitType`] and its facet path; the organization from title, then lead.
//! - `term`: [`TermOfOffice`] and the congress number.
//! - `published`: the date from a dateline, the URL, or the lead with a trusted year.
//! - `reconcile`: the rules that make the facets agree (national news has no province, a
//!   term needs a Party unit, …), applied once each facet is read.
//! - `names`: province names as users type them, for filters.

pub(crate) mod gazetteer;
pub(crate) mod names;
pub(crate) mod places;
pub(crate) mod province;
pub(crate) mod published;
mod reconcile;
pub(crate) mod scan;
pub(crate) mod term;
pub(crate) mod unit;

#[cfg(test)]
mod seed_tests;

pub use names::{resolve_province, ProvinceMatch};
pub use term::TermOfOffice;
pub use unit::UnitType;

use crate::extract::date::Date;
use gazetteer::{Kind, Structure, Tier, GAZETTEER};
use scan::{Tokens, Zone};
use serde::Serialize;
use std::fmt;

/// What the extractor reads. Title and body are NFC-normalized ([`crate::text::normalize()`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct FacetInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// The source URL.
    pub url: Option<&'a str>,
    /// The site the article comes from when it has no URL (`source` in JSON Lines).
    pub source: Option<&'a str>,
    /// Overrides the date read from the text.
    pub published: Option<Date>,
    /// Overrides the province read from the text: a province name of either structure, with
    /// or without "tỉnh" / "thành phố" and diacritics.
    pub province: Option<&'a str>,
    /// Overrides the unit: a unit type (`ward`, "phường") or a unit's name ("phường Bách
    /// Quang", "Chi bộ khu 5B").
    pub unit: Option<&'a str>,
    /// Overrides the term ("2025-2030").
    pub term: Option<&'a str>,
}

/// The facets of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    /// The province in the 34-province structure (since 1 July 2025), short name.
    pub province: Option<String>,
    /// The province in the 63-province structure, when the article predates the reform or
    /// names a unit of the old structure.
    pub province_old: Option<String>,
    pub unit_type: Option<UnitType>,
    /// "phường Bách Quang", "Chi bộ khu 5B", "thành phố Sông Công".
    pub unit_name: Option<String>,
    pub term: Option<TermOfOffice>,
    pub congress_number: Option<u32>,
    pub published: Option<Date>,
    pub evidence: Vec<Evidence>,
}

impl Facets {
    /// The unit type's facet path ([`UnitType::facet_path`]).
    pub fn unit_facet(&self) -> Option<String> {
        self.unit_type.map(UnitType::facet_path)
    }

    /// The evidence for one facet.
    #[cfg(test)]
    pub fn evidence_for(&self, facet: FacetKind) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(move |e| e.facet == facet)
    }
}

/// Which facet a piece of evidence is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetKind {
    Province,
    ProvinceOld,
    Unit,
    Term,
    CongressNumber,
    Published,
}

impl FacetKind {
    /// The serialized name (`province_old`).
    pub fn as_str(self) -> &'static str {
        match self {
            FacetKind::Province => "province",
            FacetKind::ProvinceOld => "province_old",
            FacetKind::Unit => "unit",
            FacetKind::Term => "term",
            FacetKind::CongressNumber => "congress_number",
            FacetKind::Published => "published",
        }
    }
}

/// Where a piece of evidence was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An input field.
    Input,
    /// The source URL; spans are byte offsets in it.
    Url,
    /// The title; spans are byte offsets in it.
    Title,
    /// The lead paragraph; spans are byte offsets in the body.
    Lead,
    /// The body; spans are byte offsets in it.
    Body,
    /// A decision over other evidence (scores, thresholds).
    Rule,
}

impl Source {
    /// The serialized name (`lead`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Input => "input",
            Source::Url => "url",
            Source::Title => "title",
            Source::Lead => "lead",
            Source::Body => "body",
            Source::Rule => "rule",
        }
    }
}

/// Why a facet has its value (or has none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub facet: FacetKind,
    /// The rule that fired ("url-domain", "typed-name", "term-in-title", ...).
    pub rule: &'static str,
    pub source: Source,
    /// Byte range of `text` in the source (see [`Source`]).
    pub span: Option<(usize, usize)>,
    /// The words the rule read.
    pub text: String,
    /// What the rule concluded, in words.
    pub note: String,
}

impl fmt::Display for Evidence {
    /// `province [typed-name] title 0..15 «TP. Sông Công»: Thái Nguyên, +4`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}] {}",
            self.facet.as_str(),
            self.rule,
            self.source.as_str()
        )?;
        if let Some((from, to)) = self.span {
            write!(f, " {from}..{to}")?;
        }
        if !self.text.is_empty() {
            write!(f, " «{}»", self.text)?;
        }
        write!(f, ": {}", self.note)
    }
}

/// The byte range of the lead: the first paragraph that reads as prose (at least eight
/// words, not a dateline), skipping page furniture the crawler kept.
fn lead_range(body: &str) -> (usize, usize) {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let words = line.split_whitespace().count();
        let is_dateline = crate::extract::date::parse_dateline(line.trim()).is_some();
        if words >= 8 && !is_dateline {
            return (offset, offset + line.trim_end().len());
        }
        offset += line.len();
    }
    (0, 0)
}

/// How much of a body is read: what decides the facets sits in the first paragraphs, and a
/// runaway body (a whole PDF pasted in) must not cost more than a long article.
pub const MAX_BODY_BYTES: usize = 32 * 1024;
/// How much of a title is read (some sources put the lead in the title).
pub const MAX_TITLE_BYTES: usize = 2 * 1024;

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Reads the facets of an article (see the module documentation).
pub fn extract(input: &FacetInput) -> Facets {
    let title_text = prefix(input.title, MAX_TITLE_BYTES);
    let body_text = prefix(input.body, MAX_BODY_BYTES);
    let lead = lead_range(body_text);
    let title = Tokens::new(title_text, Zone::Title, (0, 0));
    let body = Tokens::new(body_text, Zone::Body, lead);
    let mut facets = Facets::default();

    let term_choice = extract_term(input, &title, &body, &mut facets);
    extract_congress_number(&title, &body, &mut facets);
    extract_published(input, &title, &body, term_choice.as_ref(), &mut facets);
    extract_province(input, &title, &body, &mut facets);
    extract_unit(input, &title, &body, &mut facets);
    reconcile::reconcile(term_choice.as_ref(), &title, &body, &mut facets);
    facets
}

fn span_of(tokens: &Tokens, start: usize, end: usize) -> (usize, usize) {
    (tokens.tokens[start].from, tokens.tokens[end - 1].to)
}

fn source_of(zone: Zone) -> Source {
    match zone {
        Zone::Title => Source::Title,
        Zone::Lead => Source::Lead,
        Zone::Body => Source::Body,
    }
}

fn input_evidence(facet: FacetKind, value: &str, note: String) -> Evidence {
    Evidence {
        facet,
        rule: "input",
        source: Source::Input,
        span: None,
        text: value.to_string(),
        note,
    }
}

fn extract_term(
    input: &FacetInput,
    title: &Tokens,
    body: &Tokens,
    facets: &mut Facets,
) -> Option<term::TermChoice> {
    if let Some(raw) = input.term {
        match raw.parse::<TermOfOffice>() {
            Ok(t) => {
                facets.term = Some(t);
                facets
                    .evidence
                    .push(input_evidence(FacetKind::Term, raw, format!("term {t}")));
                return None;
            }
            Err(e) => facets.evidence.push(input_evidence(
                FacetKind::Term,
                raw,
                format!("ignored: {e}"),
            )),
        }
    }
    // A title about a body that is not a Party unit (an association's congress, a
    // council's session, a shareholders' meeting) gives no term, unless it names the Party.
    let party_in_title = (0..title.len()).any(|i| {
        [
            "đảng",
            "đảng bộ",
            "chi bộ",
            "tỉnh ủy",
            "thành ủy",
            "huyện ủy",
            "đảng ủy",
        ]
        .iter()
        .any(|w| title.phrase_at(i, &w.split(' ').collect::<Vec<_>>()))
    });
    if !party_in_title && term::names_body_not_party(title, 0..title.len()) {
        return None;
    }
    let choice = term::choose_term(&term::term_mentions(title), &term::term_mentions(body))?;
    let m = &choice.mention;
    let tokens = if m.zone == Zone::Title { title } else { body };
    facets.term = Some(m.term);
    facets.evidence.push(Evidence {
        facet: FacetKind::Term,
        rule: choice.rule,
        source: source_of(m.zone),
        span: Some(span_of(tokens, m.start, m.end)),
        text: tokens.span_text(m.start, m.end).to_string(),
        note: format!("term {}", m.term),
    });
    Some(choice)
}

/// The congress number from the title, else the lead; from the rest of the body only when
/// the title is about a congress.
fn extract_congress_number(title: &Tokens, body: &Tokens, facets: &mut Facets) {
    let title_is_congress = (0..title.len()).any(|i| title.phrase_at(i, &["đại", "hội"]));
    let found = term::congress_number(title, &[Zone::Title])
        .map(|m| (title, m))
        .or_else(|| term::congress_number(body, &[Zone::Lead]).map(|m| (body, m)))
        .or_else(|| {
            title_is_congress
                .then(|| term::congress_number(body, &[Zone::Body]).map(|m| (body, m)))
                .flatten()
        });
    if let Some((tokens, m)) = found {
        facets.congress_number = Some(m.number);
        facets.evidence.push(Evidence {
            facet: FacetKind::CongressNumber,
            rule: "congress-number",
            source: source_of(tokens.tokens[m.start].zone),
            span: Some(span_of(tokens, m.start, m.end)),
            text: tokens.span_text(m.start, m.end).to_string(),
            note: format!("congress number {}", m.number),
        });
    }
}

/// The date: input; a dateline; a full date in the URL; a lead date with its year written,
/// or completed from the URL, or from the term of the congress reported.
fn extract_published(
    input: &FacetInput,
    title: &Tokens,
    body: &Tokens,
    term_choice: Option<&term::TermChoice>,
    facets: &mut Facets,
) {
    let found =
        stated_published(input, body).or_else(|| lead_published(input, title, body, term_choice));
    if let Some((date, evidence)) = found {
        facets.published = Some(date);
        facets.evidence.push(evidence);
    }
}

/// The evidence for a published date.
fn date_evidence(
    rule: &'static str,
    source: Source,
    span: Option<(usize, usize)>,
    text: String,
    note: String,
) -> Evidence {
    Evidence {
        facet: FacetKind::Published,
        rule,
        source,
        span,
        text,
        note,
    }
}

/// A date stated in full: by the input, a dateline, or the URL.
fn stated_published(input: &FacetInput, body: &Tokens) -> Option<(Date, Evidence)> {
    if let Some(d) = input.published {
        let note = format!("published {d}");
        return Some((
            d,
            date_evidence("input", Source::Input, None, d.to_string(), note),
        ));
    }
    if let Some((d, from, to)) = published::body_dateline(body.text) {
        let text = body.text.get(from..to).unwrap_or("").to_string();
        let note = format!("published {d}");
        let span = Some((from, to));
        return Some((d, date_evidence("dateline", Source::Body, span, text, note)));
    }
    let d = input.url.and_then(published::url_date)?.date()?;
    let text = input.url.unwrap_or("").to_string();
    let note = format!("published {d}");
    Some((d, date_evidence("url-date", Source::Url, None, text, note)))
}

/// A date in the title or lead, with its year written, or completed from the URL, or from
/// the term of the congress reported.
fn lead_published(
    input: &FacetInput,
    title: &Tokens,
    body: &Tokens,
    term_choice: Option<&term::TermChoice>,
) -> Option<(Date, Evidence)> {
    let (tokens, zone, lead) = published::lead_date(title, Zone::Title)
        .map(|d| (title, Zone::Title, d))
        .or_else(|| published::lead_date(body, Zone::Lead).map(|d| (body, Zone::Lead, d)))?;
    let text = tokens
        .text
        .get(lead.from..lead.to)
        .unwrap_or("")
        .to_string();
    let congress_term = term_choice
        .map(|c| &c.mention)
        .filter(|m| m.congress && m.zone != Zone::Body);
    let (year, rule, why) = if let Some(y) = lead.year {
        (Some(y), "lead-date", "year written".to_string())
    } else if let Some(u) = input.url.and_then(published::url_date) {
        (
            published::year_from_url(&lead, &u),
            "lead-date-url-year",
            format!("year from the URL ({})", u.year),
        )
    } else if let Some(m) = congress_term {
        (
            published::year_from_term(&lead, m.term.start),
            "lead-date-term-year",
            format!("year from the term of the congress ({})", m.term),
        )
    } else {
        (None, "", String::new())
    };
    let d = published::resolve(&lead, year?)?;
    let yesterday = if lead.yesterday {
        "; reported the day after"
    } else {
        ""
    };
    let note = format!("published {d}: {why}{yesterday}");
    let span = Some((lead.from, lead.to));
    Some((d, date_evidence(rule, source_of(zone), span, text, note)))
}

fn extract_province(input: &FacetInput, title: &Tokens, body: &Tokens, facets: &mut Facets) {
    if let Some(raw) = input.province {
        match resolve_province(raw) {
            Some(m) => {
                let note = match &m.province_old {
                    Some(old) if *old != m.province => {
                        format!("province {} (old {old})", m.province)
                    }
                    _ => format!("province {}", m.province),
                };
                facets.province = Some(m.province);
                facets.province_old = m.province_old;
                facets
                    .evidence
                    .push(input_evidence(FacetKind::Province, raw, note));
                return;
            }
            None => facets.evidence.push(input_evidence(
                FacetKind::Province,
                raw,
                "ignored: not a province name".to_string(),
            )),
        }
    }
    let title_mentions = places::mentions(title);
    let body_mentions = places::mentions(body);
    let result = province::decide(&province::ProvinceInput {
        title,
        body,
        title_mentions: &title_mentions,
        body_mentions: &body_mentions,
        url: input.url,
        source: input.source,
        published: facets.published,
    });
    let g = &*GAZETTEER;
    facets.province = result
        .new
        .and_then(|c| g.new_province(c))
        .map(|p| p.name.to_string());
    facets.province_old = result
        .old
        .and_then(|c| g.old_province(c))
        .map(|p| p.name.to_string());
    facets.evidence.extend(result.evidence);
}

fn extract_unit(input: &FacetInput, title: &Tokens, body: &Tokens, facets: &mut Facets) {
    let g = &*GAZETTEER;
    let municipality = facets.province.as_deref().and_then(|name| {
        let ids = g.lookup(&crate::text::key(name, crate::text::Level::Folded));
        ids.iter()
            .map(|&id| g.place(id))
            .find(|p| p.structure == Structure::New && p.kind.tier() == Tier::Province)
            .map(|p| p.kind == Kind::Municipality)
    });
    if let Some(raw) = input.unit {
        if let Ok(u) = raw.parse::<UnitType>() {
            facets.unit_type = Some(u);
            facets.evidence.push(input_evidence(
                FacetKind::Unit,
                raw,
                format!("unit type {u}"),
            ));
            return;
        }
        let normalized = crate::text::normalize(raw);
        let tokens = Tokens::new(&normalized, Zone::Title, (0, 0));
        let empty = Tokens::new("", Zone::Body, (0, 0));
        if let Some(c) = unit::detect_unit(&tokens, &empty, municipality) {
            facets.evidence.push(input_evidence(
                FacetKind::Unit,
                raw,
                format!("unit type {}", c.unit_type),
            ));
            facets.unit_type = Some(c.unit_type);
            facets.unit_name = c.name.or(Some(normalized));
            return;
        }
        facets.evidence.push(input_evidence(
            FacetKind::Unit,
            raw,
            "ignored: not a unit".to_string(),
        ));
    }
    if let Some(c) = unit::detect_unit(title, body, municipality) {
        let tokens_text = if c.zone == Zone::Title {
            title.text
        } else {
            body.text
        };
        let name = c
            .name
            .as_deref()
            .map_or(String::new(), |n| format!(" «{n}»"));
        facets.evidence.push(Evidence {
            facet: FacetKind::Unit,
            rule: c.rule,
            source: source_of(c.zone),
            span: Some((c.from, c.to)),
            text: tokens_text.get(c.from..c.to).unwrap_or("").to_string(),
            note: format!("unit type {}{name}", c.unit_type),
        });
        facets.unit_type = Some(c.unit_type);
        facets.unit_name = c.name;
    }
}

#[cfg(test)]
mod tests;
