//! From a parsed query to a tantivy query: which fields, which levels, what must match, and
//! the tiers and bonuses that make adjacent and exactly-spelled matches rank first.
//!
//! Scoring is BM25 summed over clauses:
//! - each syllable matches in the title (× `title_boost`) and the body; typed without
//!   diacritics at the folded level, typed with them at the exact level (its spelling, or no
//!   diacritics at all), the exact spelling weighing `1 + exact_boost` times more;
//! - every pair of query syllables typed next to each other adds a phrase score when the
//!   document has them adjacent and in order (`proximity_boost`);
//! - a keyword query (up to `short_query_max` syllables, [`Matching::Keywords`]) requires its
//!   content words, and adds one tier (a constant above any BM25 sum, [`Node::Const`]) per
//!   typed pair found adjacent and one for the whole query: "Ban Chấp hành" whole comes
//!   before "Ban … Chấp hành", which comes before the words scattered;
//! - a longer query (a question, a title, [`Matching::Soft`]) requires the fewest content
//!   words that can hold half of its information, so one missing word does not lose the
//!   answer.

use super::query::{ParsedQuery, QueryTerm};
use super::understand::{Understood, Unit};
use crate::index::Fields;
use crate::text::pairs::pair;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
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
    /// Soft queries multiply each score by the share of the query's words matched, raised
    /// to this power (0 turns coordination off).
    pub coordination_power: f32,
    /// Weight of a stop word in a long query (it is never required there).
    pub stop_weight: f32,
    /// Weight of the likeliest accented reading of an unaccented short query.
    pub accent_boost: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title_boost: 2.0,
            exact_boost: 0.5,
            proximity_boost: 1.5,
            short_query_max: 4,
            min_match_ratio: 0.5,
            coordination_power: 1.0,
            stop_weight: 0.2,
            accent_boost: 1.5,
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

/// A planned query: the shape of the tantivy query, kept so that a search can tell which
/// scoring terms it is made of and how much each can add (see [`super::prune`]).
#[derive(Debug, Clone)]
pub enum Node {
    /// A term, scored by BM25.
    Term { field: Field, text: String },
    /// Terms adjacent and in order, scored by BM25 over their summed idf.
    Phrase { field: Field, texts: Vec<String> },
    /// Scores of the inner node multiplied.
    Boost(Box<Node>, f32),
    /// Matches what the inner node matches, adds nothing to the score.
    Filter(Box<Node>),
    /// Matches where any of `any` (terms or phrases) matches, and scores `score` there
    /// however often it matches: a tier of a keyword query ([`Matching::Keywords`]).
    Const { any: Vec<Node>, score: f32 },
    /// A boolean combination; with `at_least`, that many of its should clauses must match.
    Bool {
        clauses: Vec<(Occur, Node)>,
        at_least: Option<usize>,
    },
}

impl Node {
    fn term(field: Field, text: &str) -> Node {
        Node::Term {
            field,
            text: text.to_owned(),
        }
    }

    fn all(clauses: Vec<Node>) -> Node {
        Node::bool(clauses.into_iter().map(|n| (Occur::Must, n)).collect())
    }

    fn any(clauses: Vec<Node>) -> Node {
        Node::bool(clauses.into_iter().map(|n| (Occur::Should, n)).collect())
    }

    fn bool(clauses: Vec<(Occur, Node)>) -> Node {
        Node::Bool {
            clauses,
            at_least: None,
        }
    }

    fn boosted(self, boost: f32) -> Node {
        if (boost - 1.0).abs() < f32::EPSILON {
            self
        } else {
            Node::Boost(Box::new(self), boost)
        }
    }

    fn filter(self) -> Node {
        Node::Filter(Box::new(self))
    }

    /// The tantivy query.
    pub fn to_query(&self) -> Box<dyn Query> {
        self.query(true)
    }

    fn query(&self, scored: bool) -> Box<dyn Query> {
        match self {
            Node::Term { field, text } => {
                let option = if scored {
                    IndexRecordOption::WithFreqs
                } else {
                    IndexRecordOption::Basic
                };
                Box::new(TermQuery::new(term(*field, text), option))
            }
            Node::Phrase { field, texts } => Box::new(PhraseQuery::new(
                texts.iter().map(|t| term(*field, t)).collect(),
            )),
            Node::Boost(inner, boost) => Box::new(BoostQuery::new(inner.query(scored), *boost)),
            Node::Filter(inner) => Box::new(ConstScoreQuery::new(inner.query(false), 0.0)),
            Node::Const { any, score } => {
                let any = any
                    .iter()
                    .map(|n| (Occur::Should, n.query(false)))
                    .collect();
                Box::new(ConstScoreQuery::new(
                    Box::new(BooleanQuery::new(any)),
                    *score,
                ))
            }
            Node::Bool { clauses, at_least } => {
                let clauses = clauses.iter().map(|(o, n)| (*o, n.query(scored))).collect();
                Box::new(match at_least {
                    Some(n) => BooleanQuery::with_minimum_required_clauses(clauses, *n),
                    None => BooleanQuery::new(clauses),
                })
            }
        }
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
    unaccented_articles: bool,
) -> Node {
    let mut should = Vec::new();
    for l in levels(fields, ranking) {
        if t.accented {
            let exact = Node::term(l.exact, &t.exact);
            should.push(exact.boosted(l.boost * weight * (1.0 + ranking.exact_boost)));
            if t.folded != t.exact && unaccented_articles {
                let unaccented_doc = Node::all(vec![
                    Node::term(l.exact, &t.folded),
                    unaccented_filter(fields),
                ]);
                should.push(unaccented_doc.boosted(l.boost * weight));
            }
        } else {
            should.push(Node::term(l.folded, &t.folded).boosted(l.boost * weight));
        }
    }
    Node::any(should)
}

/// Articles written without diacritics; matching it adds nothing to the score.
fn unaccented_filter(fields: &Fields) -> Node {
    Node::term(fields.unaccented, crate::index::document::UNACCENTED).filter()
}

/// `terms` adjacent and in order, at the folded level, in title or body. Two syllables are
/// one pair token (no positions to read); more are a phrase.
fn folded_phrase(terms: &[QueryTerm], fields: &Fields, ranking: &Ranking, weight: f32) -> Node {
    Node::any(
        levels(fields, ranking)
            .into_iter()
            .map(|l| guarded_folded_query(terms, l.folded).boosted(l.boost * weight))
            .collect(),
    )
}

/// A word or phrase: every syllable as [`syllable_query`], and for several syllables, the
/// folded phrase too.
fn clause_query(
    terms: &[QueryTerm],
    fields: &Fields,
    ranking: &Ranking,
    unaccented_articles: bool,
) -> Node {
    if terms.len() == 1 {
        return syllable_query(&terms[0], fields, ranking, 1.0, unaccented_articles);
    }
    let mut must: Vec<Node> = terms
        .iter()
        .map(|t| syllable_query(t, fields, ranking, 1.0, unaccented_articles))
        .collect();
    must.push(folded_phrase(terms, fields, ranking, 1.0));
    Node::all(must)
}

/// `terms` adjacent and in order in one folded field: a syllable, a pair token, or a phrase.
fn folded_level_query(terms: &[QueryTerm], field: Field) -> Node {
    match terms {
        [one] => Node::term(field, &one.folded),
        [a, b] => Node::term(field, &pair(&a.folded, &b.folded)),
        _ => phrase_query(terms, field, |t| &t.folded),
    }
}

/// [`folded_level_query`], with a phrase of three or more syllables also required to have
/// its pair tokens: the same matches and scores, but the search can leap between the
/// documents that have the rare pairs instead of reading the positions of every document
/// that has the common syllables.
fn guarded_folded_query(terms: &[QueryTerm], field: Field) -> Node {
    let phrase = folded_level_query(terms, field);
    if terms.len() < 3 {
        return phrase;
    }
    let mut must = vec![phrase];
    for w in terms.windows(2) {
        must.push(Node::term(field, &pair(&w[0].folded, &w[1].folded)).filter());
    }
    Node::all(must)
}

fn phrase_query(terms: &[QueryTerm], field: Field, text: impl Fn(&QueryTerm) -> &String) -> Node {
    match terms {
        [one] => Node::term(field, text(one)),
        _ => Node::Phrase {
            field,
            texts: terms.iter().map(|t| text(t).clone()).collect(),
        },
    }
}

/// The exact spellings of `terms` in a field, adjacent as far as the folded pair tokens of
/// the same text tell (the exact level has no pair tokens): no positions to read.
pub fn exact_adjacent_query(terms: &[QueryTerm], exact: Field, folded: Field) -> Node {
    let mut must: Vec<Node> = terms.iter().map(|t| Node::term(exact, &t.exact)).collect();
    for w in terms.windows(2) {
        must.push(Node::term(folded, &pair(&w[0].folded, &w[1].folded)).filter());
    }
    if must.len() == 1 {
        return must.remove(0);
    }
    Node::all(must)
}

/// What an excluded word or phrase removes, one query per field: its exact spelling when
/// typed with diacritics (excluding "hòa" should not exclude "hóa"), else every spelling.
/// Each field gets its own must-not clause: a union of phrase queries under must-not trips
/// an assertion in tantivy 0.27's phrase scorer.
fn exclusion_queries(terms: &[QueryTerm], fields: &Fields) -> Vec<Node> {
    let exact = terms.iter().all(exact_usable);
    [
        (fields.title, fields.title_folded),
        (fields.body, fields.body_folded),
    ]
    .into_iter()
    .map(|(e, f)| {
        if exact {
            phrase_query(terms, e, |t| &t.exact)
        } else {
            folded_level_query(terms, f)
        }
    })
    .collect()
}

/// Whether a query is long enough to match softly (not every word required).
pub fn is_soft(parsed: &ParsedQuery, ranking: &Ranking) -> bool {
    parsed.positive_terms().count() > ranking.short_query_max
}

/// How many of a query's content words (the units neither excluded, quoted nor stop words)
/// a document must hold, and how it is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// A keyword query (up to [`Ranking::short_query_max`] syllables): at least `at_least`
    /// content words (`None`: all of them), ranked in tiers. Each place where the user typed
    /// two syllables next to each other and the document holds them adjacent and in order,
    /// in its title or body, lifts it by one tier: a constant above anything BM25 can add,
    /// so that BM25 and the exact-spelling bonus only decide within a tier.
    Keywords { at_least: Option<usize> },
    /// A long query (a question, a pasted title): at least `at_least` of its content words,
    /// BM25 with proximity bonuses.
    Soft { at_least: usize },
}

/// A unit: any of its alternatives.
fn unit_query(unit: &Unit, fields: &Fields, ranking: &Ranking, unaccented_articles: bool) -> Node {
    if unit.alternatives.len() == 1 {
        return clause_query(unit.primary(), fields, ranking, unaccented_articles);
    }
    Node::any(
        unit.alternatives
            .iter()
            .map(|a| clause_query(&a.terms, fields, ranking, unaccented_articles))
            .collect(),
    )
}

/// The content words of a query: the units it requires (some or all of), in order.
pub fn content_units(understood: &Understood) -> impl Iterator<Item = &Unit> {
    understood
        .units
        .iter()
        .filter(|u| !u.excluded && !u.quoted && !u.stop)
}

/// What a document must match: the quoted phrases, and the words, all of them or as many
/// as `matching` asks; stop words add to the score only.
fn core_query(
    understood: &Understood,
    matching: Matching,
    fields: &Fields,
    ranking: &Ranking,
) -> Node {
    let mut musts: Vec<(Occur, Node)> = Vec::new();
    let mut words: Vec<(Occur, Node)> = Vec::new();
    let mut stops: Vec<(Occur, Node)> = Vec::new();
    for unit in understood.units.iter().filter(|u| !u.excluded) {
        let q = unit_query(unit, fields, ranking, understood.unaccented_articles);
        if unit.quoted {
            musts.push((Occur::Must, q));
        } else if unit.stop {
            stops.push((Occur::Should, q.boosted(ranking.stop_weight)));
        } else {
            words.push((Occur::Should, q));
        }
    }
    let n = words.len();
    let required = match matching {
        Matching::Keywords { at_least: None } => n,
        Matching::Keywords { at_least: Some(k) } | Matching::Soft { at_least: k } => {
            k.clamp(1, n.max(1))
        }
    };
    if required >= n {
        musts.extend(words.into_iter().map(|(_, q)| (Occur::Must, q)));
    } else {
        // Stop words are optional too, but outside this clause: they never count towards
        // the minimum.
        musts.push((
            Occur::Must,
            Node::Bool {
                clauses: words,
                at_least: Some(required),
            },
        ));
    }
    musts.extend(stops);
    Node::bool(musts)
}

/// Plans the query for an understood query in an index of `docs` documents.
pub fn build_query(
    understood: &Understood,
    matching: Matching,
    fields: &Fields,
    ranking: &Ranking,
    docs: u64,
) -> Node {
    let core = core_query(understood, matching, fields, ranking);
    let mut top: Vec<(Occur, Node)> = vec![(Occur::Must, core)];
    let slots = adjacent_slots(&understood.units);
    for pair in slots.iter().flatten() {
        top.push((
            Occur::Should,
            folded_phrase(pair, fields, ranking, ranking.proximity_boost),
        ));
    }
    for bonus in &understood.accent_bonus {
        for l in levels(fields, ranking) {
            top.push((
                Occur::Should,
                exact_adjacent_query(bonus, l.exact, l.folded)
                    .boosted(l.boost * ranking.accent_boost),
            ));
        }
    }
    if let Matching::Keywords { .. } = matching {
        let tier = tier_above(&Node::bool(top.clone()), docs);
        for slot in &slots {
            top.push((Occur::Should, adjacency_tier(slot, fields, tier)));
        }
        if let Some(whole) = whole_phrase(&understood.units) {
            let any = [fields.title_folded, fields.body_folded]
                .into_iter()
                .map(|f| phrase_query(&whole, f, |t| &t.folded))
                .collect();
            top.push((Occur::Should, Node::Const { any, score: tier }));
        }
    }
    for unit in understood.units.iter().filter(|u| u.excluded) {
        for alternative in &unit.alternatives {
            for q in exclusion_queries(&alternative.terms, fields) {
                top.push((Occur::MustNot, q));
            }
        }
    }
    Node::bool(top)
}

/// One tier where any reading of a slot's pair is adjacent and in order, in the title or
/// the body: counted once however many of them the document has.
fn adjacency_tier(slot: &[[QueryTerm; 2]], fields: &Fields, tier: f32) -> Node {
    let mut any = Vec::new();
    for [a, b] in slot {
        for field in [fields.title_folded, fields.body_folded] {
            let token = pair(&a.folded, &b.folded);
            if !any.iter().any(
                |n| matches!(n, Node::Term { field: f, text } if *f == field && *text == token),
            ) {
                any.push(Node::term(field, &token));
            }
        }
    }
    Node::Const { any, score: tier }
}

/// The query as typed, when it is three or more syllables and none is quoted or excluded:
/// adjacent and in order it is one more tier than all its pairs found apart.
fn whole_phrase(units: &[Unit]) -> Option<Vec<QueryTerm>> {
    if units.iter().any(|u| u.excluded || u.quoted) {
        return None;
    }
    let terms: Vec<QueryTerm> = units
        .iter()
        .flat_map(|u| u.primary().iter().cloned())
        .collect();
    (terms.len() >= 3).then_some(terms)
}

/// BM25's constant k1: a term's score grows towards `idf × (k1 + 1)` with its frequency.
const BM25_K1: f32 = 1.2;

/// The most `node` can score in an index of `docs` documents, for any document: every term
/// at the idf of a term no document has, at an unbounded frequency. No statistics are read.
fn score_ceiling(node: &Node, docs: u64) -> f32 {
    let n = docs as f32;
    let idf = (1.0 + (n + 0.5) / 0.5).ln();
    match node {
        Node::Term { .. } => idf * (1.0 + BM25_K1),
        Node::Phrase { texts, .. } => texts.len() as f32 * idf * (1.0 + BM25_K1),
        Node::Boost(inner, b) => b * score_ceiling(inner, docs),
        Node::Filter(_) => 0.0,
        Node::Const { score, .. } => *score,
        Node::Bool { clauses, .. } => clauses
            .iter()
            .filter(|(o, _)| *o != Occur::MustNot)
            .map(|(_, c)| score_ceiling(c, docs))
            .sum(),
    }
}

/// The score of one tier: a power of two above anything `node` can score, so that no sum
/// of BM25 scores reaches the next tier (and tiers add up without rounding).
fn tier_above(node: &Node, docs: u64) -> f32 {
    let ceiling = score_ceiling(node, docs).max(1.0);
    2f32.powi(ceiling.log2().floor() as i32 + 1)
}

/// The places where the user typed two syllables next to each other, each with every
/// reading of that pair: outside quotes (a quoted phrase is required to be adjacent
/// already) and not across an exclusion. Where a word has other forms (an abbreviation, an
/// ordinal), the pairs with its first two forms are readings of the same place.
fn adjacent_slots(units: &[Unit]) -> Vec<Vec<[QueryTerm; 2]>> {
    let mut slots = Vec::new();
    let mut previous: Option<&Unit> = None;
    for unit in units {
        if unit.excluded || unit.quoted {
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            let mut slot = Vec::new();
            for a in p.alternatives.iter().take(2) {
                for b in unit.alternatives.iter().take(2) {
                    let (Some(x), Some(y)) = (a.terms.last(), b.terms.first()) else {
                        continue;
                    };
                    if b.terms.len() > 1 && y.folded == x.folded {
                        // An ordinal's other form carries its context word ("thứ XXIV"):
                        // that phrase is the pair.
                        slot.push([y.clone(), b.terms[1].clone()]);
                    } else {
                        slot.push([x.clone(), y.clone()]);
                    }
                }
            }
            if !slot.is_empty() {
                slots.push(slot);
            }
        }
        for w in unit.primary().windows(2) {
            slots.push(vec![[w[0].clone(), w[1].clone()]]);
        }
        previous = Some(unit);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    /// An empty index: nothing is repaired or expanded by frequency.
    struct Nothing;
    impl crate::search::understand::Vocabulary for Nothing {
        fn exact(&self, _: &str) -> u64 {
            0
        }
        fn folded(&self, _: &str) -> u64 {
            0
        }
        fn exact_phrase(&self, _: &[&str]) -> u64 {
            0
        }
    }

    fn folded_pairs(q: &str) -> Vec<String> {
        let parsed = parse(q).unwrap();
        let understood = crate::search::understand::understand(&parsed, &Nothing, true);
        adjacent_slots(&understood.units)
            .into_iter()
            .flatten()
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
    fn long_phrases_also_require_their_pairs() {
        let terms = crate::search::query::analyze("ban chấp hành");
        let field = Field::from_field_id(3);
        let Node::Bool { clauses, .. } = guarded_folded_query(&terms, field) else {
            panic!("a phrase of three is guarded");
        };
        let shapes: Vec<String> = clauses
            .iter()
            .map(|(o, n)| match n {
                Node::Phrase { texts, .. } => format!("{o:?} phrase {}", texts.join(" ")),
                Node::Filter(inner) => match inner.as_ref() {
                    Node::Term { text, .. } => format!("{o:?} filter {text}"),
                    other => format!("{other:?}"),
                },
                other => format!("{other:?}"),
            })
            .collect();
        let pair = |a, b| format!("Must filter {}", crate::text::pairs::pair(a, b));
        assert_eq!(
            shapes,
            [
                "Must phrase ban chap hanh".to_owned(),
                pair("ban", "chap"),
                pair("chap", "hanh")
            ]
        );
        // Two syllables are one pair token already.
        assert!(matches!(
            guarded_folded_query(&terms[..2], field),
            Node::Term { .. }
        ));
    }

    #[test]
    fn exact_level_only_for_accented_or_numeric_terms() {
        let q = parse("Đảng bo 2025").unwrap();
        let usable: Vec<bool> = q.positive_terms().map(exact_usable).collect();
        assert_eq!(usable, [true, false, true]);
    }
}
