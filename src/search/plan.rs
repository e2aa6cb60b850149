//! From a parsed query to a tantivy query: which fields, which levels, what must match, and
//! the bonuses that make adjacent and exactly-spelled matches rank first.
//!
//! Scoring is BM25 summed over clauses:
//! - each syllable matches in the title (× `title_boost`) and the body; typed without
//!   diacritics at the folded level, typed with them at the exact level (its spelling, or no
//!   diacritics at all), the exact spelling weighing `1 + exact_boost` times more;
//! - every pair of query syllables typed next to each other adds a phrase score when the
//!   document has them adjacent and in order (`proximity_boost`), which is what makes
//!   "Ban Chấp hành" or "Sông Công" find the name before documents that merely contain the
//!   syllables somewhere;
//! - short queries (up to `short_query_max` syllables) require every word; longer ones (natural
//!   language questions) require `min_match_ratio` of them, so one missing word does not lose
//!   the answer.

use super::query::{Clause, ParsedQuery, QueryTerm};
use crate::index::Fields;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// The ranking knobs, measured with the relevance evaluation (`tracuu eval`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    pub title_boost: f32,
    pub exact_boost: f32,
    pub proximity_boost: f32,
    pub short_query_max: usize,
    pub min_match_ratio: f32,
    /// Soft queries re-rank this many candidates by the share of syllables matched…
    pub rerank_depth: usize,
    /// …raised to this power (0 turns coordination off).
    pub coordination_power: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title_boost: 2.0,
            exact_boost: 0.5,
            proximity_boost: 1.5,
            short_query_max: 4,
            min_match_ratio: 0.5,
            rerank_depth: 200,
            coordination_power: 1.0,
        }
    }
}

/// The two levels of a text field.
#[derive(Debug, Clone, Copy)]
struct Levels {
    exact: Field,
    folded: Field,
    boost: f32,
}

fn levels(fields: &Fields, ranking: &Ranking) -> [Levels; 2] {
    [
        Levels {
            exact: fields.title,
            folded: fields.title_folded,
            boost: ranking.title_boost,
        },
        Levels {
            exact: fields.body,
            folded: fields.body_folded,
            boost: 1.0,
        },
    ]
}

fn boxed(query: impl Query) -> Box<dyn Query> {
    Box::new(query)
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        boxed(BoostQuery::new(query, boost))
    }
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

/// A syllable whose exact form is worth searching: typed with diacritics, or one that has
/// no diacritics to type (numbers).
fn exact_usable(t: &QueryTerm) -> bool {
    t.accented || t.exact.chars().all(|c| !c.is_alphabetic())
}

/// One syllable in title or body.
///
/// Typed without diacritics, it matches every spelling (folded level). Typed with them, it
/// matches that spelling (any tone placement), and in articles written without any
/// diacritics its unaccented spelling, the exact spelling weighing `1 + exact_boost` times
/// more. It does not match a different syllable that merely folds to the same letters
/// ("tệ" does not find "tế", "Thành" does not find "Thanh niên").
fn syllable_query(
    t: &QueryTerm,
    fields: &Fields,
    ranking: &Ranking,
    weight: f32,
) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for l in levels(fields, ranking) {
        if t.accented {
            let exact = term_query(l.exact, &t.exact);
            should.push((
                Occur::Should,
                boosted(exact, l.boost * weight * (1.0 + ranking.exact_boost)),
            ));
            if t.folded != t.exact {
                let unaccented_doc = BooleanQuery::new(vec![
                    (Occur::Must, term_query(l.exact, &t.folded)),
                    (Occur::Must, unaccented_filter(fields)),
                ]);
                should.push((
                    Occur::Should,
                    boosted(boxed(unaccented_doc), l.boost * weight),
                ));
            }
        } else {
            should.push((
                Occur::Should,
                boosted(term_query(l.folded, &t.folded), l.boost * weight),
            ));
        }
    }
    boxed(BooleanQuery::new(should))
}

/// Articles written without diacritics; matching it adds nothing to the score.
fn unaccented_filter(fields: &Fields) -> Box<dyn Query> {
    let t = term(fields.unaccented, crate::index::document::UNACCENTED);
    boxed(tantivy::query::ConstScoreQuery::new(
        boxed(TermQuery::new(t, IndexRecordOption::Basic)),
        0.0,
    ))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    boxed(TermQuery::new(
        term(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// `terms` adjacent and in order, at the folded level, in title or body.
fn folded_phrase(
    terms: &[QueryTerm],
    fields: &Fields,
    ranking: &Ranking,
    weight: f32,
) -> Box<dyn Query> {
    let should = levels(fields, ranking)
        .into_iter()
        .map(|l| {
            let phrase =
                PhraseQuery::new(terms.iter().map(|t| term(l.folded, &t.folded)).collect());
            (Occur::Should, boosted(boxed(phrase), l.boost * weight))
        })
        .collect();
    boxed(BooleanQuery::new(should))
}

/// A word or phrase: every syllable as [`syllable_query`], and for several syllables, the
/// folded phrase too.
fn clause_query(terms: &[QueryTerm], fields: &Fields, ranking: &Ranking) -> Box<dyn Query> {
    if terms.len() == 1 {
        return syllable_query(&terms[0], fields, ranking, 1.0);
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| (Occur::Must, syllable_query(t, fields, ranking, 1.0)))
        .collect();
    must.push((Occur::Must, folded_phrase(terms, fields, ranking, 1.0)));
    boxed(BooleanQuery::new(must))
}

fn level_query(
    terms: &[QueryTerm],
    field: Field,
    text: impl Fn(&QueryTerm) -> &String,
) -> Box<dyn Query> {
    if terms.len() == 1 {
        return term_query(field, text(&terms[0]));
    }
    boxed(PhraseQuery::new(
        terms.iter().map(|t| term(field, text(t))).collect(),
    ))
}

/// What an excluded word or phrase removes, one query per field: its exact spelling when
/// typed with diacritics (excluding "hòa" should not exclude "hóa"), else every spelling.
/// Each field gets its own must-not clause: a union of phrase queries under must-not trips
/// an assertion in tantivy 0.27's phrase scorer.
fn exclusion_queries(clause: &Clause, fields: &Fields) -> Vec<Box<dyn Query>> {
    let exact = clause.terms.iter().all(exact_usable);
    [
        (fields.title, fields.title_folded),
        (fields.body, fields.body_folded),
    ]
    .into_iter()
    .map(|(e, f)| {
        if exact {
            level_query(&clause.terms, e, |t| &t.exact)
        } else {
            level_query(&clause.terms, f, |t| &t.folded)
        }
    })
    .collect()
}

/// Whether a query is long enough to match softly (not every word required).
pub fn is_soft(parsed: &ParsedQuery, ranking: &Ranking) -> bool {
    parsed.positive_terms().count() > ranking.short_query_max
}

/// Builds the tantivy query.
pub fn build_query(parsed: &ParsedQuery, fields: &Fields, ranking: &Ranking) -> Box<dyn Query> {
    let positive: Vec<&Clause> = parsed.positive().collect();
    let short = !is_soft(parsed, ranking);

    let mut core: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut soft = 0usize;
    for clause in &positive {
        let q = clause_query(&clause.terms, fields, ranking);
        if short || clause.quoted {
            core.push((Occur::Must, q));
        } else {
            core.push((Occur::Should, q));
            soft += 1;
        }
    }
    let required = if short || soft == 0 {
        0
    } else {
        ((soft as f32 * ranking.min_match_ratio).ceil() as usize).clamp(1, soft)
    };
    let core_query = if required > 0 {
        BooleanQuery::with_minimum_required_clauses(core, required)
    } else {
        BooleanQuery::new(core)
    };

    let mut top: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, boxed(core_query))];
    for pair in adjacent_pairs(&parsed.clauses) {
        top.push((
            Occur::Should,
            folded_phrase(&pair, fields, ranking, ranking.proximity_boost),
        ));
    }
    for clause in parsed.clauses.iter().filter(|c| c.excluded) {
        for q in exclusion_queries(clause, fields) {
            top.push((Occur::MustNot, q));
        }
    }
    boxed(BooleanQuery::new(top))
}

/// Pairs of syllables the user typed next to each other, outside quotes (a quoted phrase is
/// required to be adjacent already) and not across an exclusion.
fn adjacent_pairs(clauses: &[Clause]) -> Vec<[QueryTerm; 2]> {
    let mut pairs = Vec::new();
    let mut previous: Option<&QueryTerm> = None;
    for clause in clauses {
        if clause.excluded || clause.quoted {
            previous = None;
            continue;
        }
        for t in &clause.terms {
            if let Some(p) = previous {
                pairs.push([p.clone(), t.clone()]);
            }
            previous = Some(t);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn folded_pairs(q: &str) -> Vec<String> {
        adjacent_pairs(&parse(q).unwrap().clauses)
            .into_iter()
            .map(|[a, b]| format!("{} {}", a.folded, b.folded))
            .collect()
    }

    #[test]
    fn pairs_follow_typing_order() {
        assert_eq!(folded_pairs("Ban Chấp hành"), ["ban chap", "chap hanh"]);
        assert_eq!(folded_pairs("dai hoi -xa phuong"), ["dai hoi"]);
        assert_eq!(folded_pairs("\"sông công\" thành ủy"), ["thanh uy"]);
        assert_eq!(
            folded_pairs("2020-2025 nhiệm kỳ"),
            ["2020 2025", "2025 nhiem", "nhiem ky"]
        );
    }

    #[test]
    fn exact_level_only_for_accented_or_numeric_terms() {
        let q = parse("Đảng bo 2025").unwrap();
        let usable: Vec<bool> = q.positive_terms().map(exact_usable).collect();
        assert_eq!(usable, [true, false, true]);
    }
}
