//! The article's site as evidence: a provincial paper's or portal's host, and the home city
//! of a national paper edited there, which calls it "TP" without its name.

use super::*;

/// The site an article comes from: its URL's host, else a `source` field naming a site.
pub(super) struct Site<'a> {
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

pub(super) fn site<'a>(url: Option<&'a str>, source: Option<&'a str>) -> Option<Site<'a>> {
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
pub(super) fn domain_vote(site: &Site, post_reform: bool) -> Option<Vote> {
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
pub(super) fn home_city_votes(
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
