//! The best `k` hits of a planned query without scoring every match: MaxScore (Turtle &
//! Flood, 1995), as Lucene and PISA use it.
//!
//! A document's score is a sum over the plan's scoring terms (its leaves) of what each term
//! adds, and each term adds at most its BM25 maximum times its boost. Sort the terms by that
//! bound; once `k` hits are held, a document that contains only terms whose bounds sum to no
//! more than the `k`-th best score cannot enter the top `k`. Those terms stop proposing
//! candidates; only the others (the *essential* terms: rare syllables, pair tokens, title
//! terms) are walked. Common syllables ("đảng", "hội") have a low idf, so a low bound, and
//! they are the ones that match most documents: they drop out first.
//!
//! Candidates are matched and scored here, from one scorer per term, rather than by
//! tantivy's boolean scorers: those buffer their unions in windows of 4,096 documents, so
//! asking them about scattered candidates costs as much as walking every match.
//! `exhaustive` scores every match the same way; the two give the same hits, with the same
//! scores, which the tests check.

use super::plan::Node;
use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::TopNComputer;
use tantivy::query::{Bm25Weight, EnableScoring, Occur, PhraseQuery, Query, Scorer, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term, TERMINATED};

/// Bounds are raised by this share, so that float rounding in the sums of the real scores
/// can never make a bound too low.
const BOUND_MARGIN: f32 = 1e-3;

/// A plan compiled for matching one document at a time.
enum Eval {
    /// Index into the leaves.
    Leaf(usize),
    /// Matches like the inner node, scores 0.
    Filter(Box<Eval>),
    Bool {
        clauses: Vec<(Occur, Eval)>,
        at_least: Option<usize>,
    },
}

/// A term or phrase of the plan, or a filter.
struct Leaf {
    /// The term, or the phrase's terms; none for a filter.
    terms: Vec<Term>,
    /// Product of the boosts above it; `None` when it only matches (a filter or an
    /// exclusion).
    boost: Option<Score>,
}

/// A compiled plan: its tree and its leaves.
struct Compiled {
    root: Eval,
    leaves: Vec<Leaf>,
}

fn compile(node: &Node) -> Compiled {
    let mut leaves = Vec::new();
    let root = compile_node(node, Some(1.0), &mut leaves);
    Compiled { root, leaves }
}

fn compile_node(node: &Node, boost: Option<Score>, leaves: &mut Vec<Leaf>) -> Eval {
    let mut leaf = |terms: Vec<Term>| {
        leaves.push(Leaf { terms, boost });
        Eval::Leaf(leaves.len() - 1)
    };
    match node {
        Node::Term { field, text } => leaf(vec![Term::from_field_text(*field, text)]),
        Node::Phrase { field, texts } => leaf(
            texts
                .iter()
                .map(|t| Term::from_field_text(*field, t))
                .collect(),
        ),
        // Boosts multiply down the tree, the order tantivy multiplies them in.
        Node::Boost(inner, b) => compile_node(inner, boost.map(|x| x * b), leaves),
        Node::Filter(inner) => Eval::Filter(Box::new(compile_node(inner, None, leaves))),
        Node::Bool { clauses, at_least } => Eval::Bool {
            clauses: clauses
                .iter()
                .map(|(occur, n)| {
                    let b = if *occur == Occur::MustNot {
                        None
                    } else {
                        boost
                    };
                    (*occur, compile_node(n, b, leaves))
                })
                .collect(),
            at_least: *at_least,
        },
    }
}

impl Eval {
    /// Groups of leaves such that every document this node matches has a leaf of each
    /// group. `cost` estimates how many documents a group has.
    fn required(&self, cost: &dyn Fn(&[usize]) -> u64) -> Vec<Vec<usize>> {
        match self {
            Eval::Leaf(i) => vec![vec![*i]],
            Eval::Filter(inner) => inner.required(cost),
            Eval::Bool { clauses, at_least } => {
                let musts: Vec<Vec<usize>> = clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Must)
                    .flat_map(|(_, c)| c.required(cost))
                    .collect();
                let has_must = clauses.iter().any(|(o, _)| *o == Occur::Must);
                let needed = match at_least {
                    Some(n) => *n,
                    None if has_must => 0,
                    None => 1,
                };
                if needed == 0 {
                    return musts;
                }
                // Of m should clauses of which n must match, a match has one of any
                // m - n + 1: take the cheapest, each by its cheapest group.
                let mut covers: Vec<Option<Vec<usize>>> = clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Should)
                    .map(|(_, c)| c.required(cost).into_iter().min_by_key(|g| cost(g)))
                    .collect();
                if covers.len() < needed {
                    return musts;
                }
                covers.sort_by_key(|c| c.as_ref().map_or(u64::MAX, |g| cost(g)));
                let take = covers.len() - needed + 1;
                let mut union = Vec::new();
                for c in &covers[..take] {
                    match c {
                        Some(g) => union.extend_from_slice(g),
                        None => return musts,
                    }
                }
                let mut groups = musts;
                groups.push(union);
                groups
            }
        }
    }
}

/// Per document: whether each leaf matches and what it scores.
struct State {
    scorers: Vec<Box<dyn Scorer>>,
    /// Each scorer's current document, kept here to spare a dynamic call per look.
    docs: Vec<DocId>,
    /// The document `score` holds values for.
    at: Vec<DocId>,
    score: Vec<Score>,
}

impl State {
    /// Moves leaf `i` to `doc` (never backwards) and says whether it has it.
    fn has(&mut self, i: usize, doc: DocId) -> bool {
        self.seek(i, doc) == doc
    }

    /// Moves leaf `i` to its first document at or after `doc`.
    #[inline]
    fn seek(&mut self, i: usize, doc: DocId) -> DocId {
        if self.docs[i] < doc {
            self.docs[i] = self.scorers[i].seek(doc);
        }
        self.docs[i]
    }

    /// Leaf `i`'s score at `doc`, which it must have.
    fn score(&mut self, i: usize, doc: DocId) -> Score {
        if self.at[i] != doc {
            self.at[i] = doc;
            self.score[i] = self.scorers[i].score();
        }
        self.score[i]
    }
}

impl Eval {
    /// The score of `doc`, or `None` when it does not match.
    fn eval(&self, state: &mut State, leaves: &[Leaf], doc: DocId) -> Option<Score> {
        match self {
            Eval::Leaf(i) => {
                if !state.has(*i, doc) {
                    return None;
                }
                Some(match leaves[*i].boost {
                    Some(_) => state.score(*i, doc),
                    None => 0.0,
                })
            }
            Eval::Filter(inner) => inner.eval(state, leaves, doc).map(|_| 0.0),
            Eval::Bool { clauses, at_least } => {
                let mut sum: Score = 0.0;
                let mut must = false;
                let mut should = 0;
                for (occur, clause) in clauses {
                    match occur {
                        Occur::Must => {
                            must = true;
                            sum += clause.eval(state, leaves, doc)?;
                        }
                        Occur::MustNot => {
                            if clause.eval(state, leaves, doc).is_some() {
                                return None;
                            }
                        }
                        Occur::Should => {
                            if let Some(s) = clause.eval(state, leaves, doc) {
                                sum += s;
                                should += 1;
                            }
                        }
                    }
                }
                let required = match at_least {
                    Some(n) => *n,
                    None if must => 0,
                    None => 1,
                };
                (should >= required && (must || should > 0)).then_some(sum)
            }
        }
    }
}

/// Coordination ([`super::rank`]): each score multiplied by `(matched / words) ^ power`,
/// where a word (one entry of `words`: its alternatives, each as folded syllables) is
/// matched when all syllables of one alternative occur in any of `fields`.
pub struct Coordination<'a> {
    pub words: &'a [Vec<Vec<String>>],
    pub fields: &'a [Field],
    pub power: f32,
}

/// Per word, per alternative, per syllable: the leaves that find it (one per field).
type Probes = Vec<Vec<Vec<Vec<usize>>>>;

/// The best `k` documents for `plan` within `filters` (unscored queries every hit must
/// match), best first, ties to the lower address, with `coordination` applied when given.
/// With `exhaustive`, every match is scored; without, only those that can still reach the
/// top.
pub fn top_k(
    searcher: &Searcher,
    plan: &Node,
    filters: &[Box<dyn Query>],
    coordination: Option<&Coordination>,
    k: usize,
    exhaustive: bool,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let mut compiled = compile(plan);
    // Coordination needs to know which syllables a document has: unscored leaves.
    let coordination = coordination.filter(|c| c.words.len() >= 2);
    let probes: Probes = coordination.map_or_else(Vec::new, |c| {
        c.words
            .iter()
            .map(|alternatives| {
                alternatives
                    .iter()
                    .map(|syllables| {
                        syllables
                            .iter()
                            .map(|s| {
                                c.fields
                                    .iter()
                                    .map(|&f| {
                                        compiled.leaves.push(Leaf {
                                            terms: vec![Term::from_field_text(f, s)],
                                            boost: None,
                                        });
                                        compiled.leaves.len() - 1
                                    })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect()
    });
    let mut weights = Vec::with_capacity(compiled.leaves.len() + filters.len());
    let mut bounds = Vec::with_capacity(compiled.leaves.len());
    for leaf in &compiled.leaves {
        let query: Box<dyn Query> = match leaf.terms.as_slice() {
            [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
            many => Box::new(PhraseQuery::new(many.to_vec())),
        };
        let scoring = match leaf.boost {
            Some(_) => EnableScoring::enabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_searcher(searcher),
        };
        weights.push(query.weight(scoring)?);
        bounds.push(match leaf.boost {
            Some(boost) => {
                Bm25Weight::for_terms(searcher, &leaf.terms)?.max_score()
                    * boost
                    * (1.0 + BOUND_MARGIN)
            }
            None => 0.0,
        });
    }
    // Filters are leaves that only match, required beside the plan.
    if !filters.is_empty() {
        let mut clauses = Vec::with_capacity(filters.len() + 1);
        let root = std::mem::replace(&mut compiled.root, Eval::Leaf(0));
        clauses.push((Occur::Must, root));
        for f in filters {
            weights.push(f.weight(EnableScoring::disabled_from_searcher(searcher))?);
            bounds.push(0.0);
            compiled.leaves.push(Leaf {
                terms: Vec::new(),
                boost: None,
            });
            clauses.push((Occur::Must, Eval::Leaf(compiled.leaves.len() - 1)));
        }
        compiled.root = Eval::Bool {
            clauses,
            at_least: None,
        };
    }
    // The scoring leaves, lowest bound first; below[i]: the most a document can score from
    // order[..i] alone.
    let mut order: Vec<usize> = (0..compiled.leaves.len())
        .filter(|&i| compiled.leaves[i].boost.is_some())
        .collect();
    order.sort_by(|&a, &b| bounds[a].total_cmp(&bounds[b]));
    let mut below = vec![0.0f32];
    for &i in &order {
        below.push(below.last().copied().unwrap_or(0.0) + bounds[i]);
    }

    let mut top = TopNComputer::new_with_comparator(k, NaturalComparator);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let mut state = State {
            scorers: Vec::with_capacity(weights.len()),
            docs: Vec::new(),
            at: vec![TERMINATED; weights.len()],
            score: vec![0.0; weights.len()],
        };
        for (w, leaf) in weights.iter().zip(&compiled.leaves) {
            state
                .scorers
                .push(w.scorer(segment, leaf.boost.unwrap_or(1.0))?);
        }
        state.docs = state.scorers.iter().map(|s| s.doc()).collect();
        let sizes: Vec<u64> = state.scorers.iter().map(|s| s.size_hint() as u64).collect();
        let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
        // Every match has a leaf of each group: candidates are where all groups meet,
        // found by leapfrogging from the cheapest group.
        let mut groups = compiled.root.required(&cost);
        if groups.is_empty() {
            groups.push(order.clone());
        }
        groups.sort_by_key(|g| cost(g));
        // order[first..] are essential; `first` only grows, as the k-th best score does.
        let mut first = 0;
        let mut target: DocId = 0;
        loop {
            let threshold = if exhaustive { None } else { top.threshold };
            if let Some(t) = threshold {
                while first < order.len() && below[first + 1] <= t {
                    first += 1;
                }
            }
            let essential = threshold.map(|_| &order[first..]);
            let Some(doc) = meet(&mut state, &groups, essential, target) else {
                break;
            };
            target = doc + 1;
            // What the terms score here plus the most the others could add, times the share
            // of words matched: once that cannot beat the k-th best, the document is not
            // looked at further. The essential terms first, then the others, largest first.
            let factor = match coordination {
                Some(c) => share(&mut state, &probes, doc).powf(c.power),
                None => 1.0,
            };
            if let (Some(t), Some(essential)) = (threshold, essential) {
                let beats = |upper: Score| upper * factor * (1.0 + BOUND_MARGIN) > t;
                let mut upper = below[first];
                for &i in essential {
                    if state.docs[i] == doc {
                        upper += state.score(i, doc);
                    }
                }
                let mut promising = beats(upper);
                for &i in order[..first].iter().rev() {
                    if !promising {
                        break;
                    }
                    upper -= bounds[i];
                    if state.has(i, doc) {
                        upper += state.score(i, doc);
                    }
                    promising = beats(upper);
                }
                if !promising {
                    continue;
                }
            }
            if !alive.is_none_or(|a| a.is_alive(doc)) {
                continue;
            }
            if let Some(score) = compiled.root.eval(&mut state, &compiled.leaves, doc) {
                top.push(score * factor, DocAddress::new(ord as u32, doc));
            }
        }
    }
    Ok(top
        .into_sorted_vec()
        .into_iter()
        .map(|d| (d.sort_key, d.doc))
        .collect())
}

/// The share of the words `doc` has, as [`Coordination`] counts them.
fn share(state: &mut State, probes: &Probes, doc: DocId) -> f32 {
    let matched = probes
        .iter()
        .filter(|alternatives| {
            alternatives.iter().any(|syllables| {
                syllables
                    .iter()
                    .all(|fields| fields.iter().any(|&i| state.has(i, doc)))
            })
        })
        .count();
    matched as f32 / probes.len() as f32
}

/// The first document at or after `target` that has a leaf of every group (and of
/// `essential`, when given), or `None` when there is none.
fn meet(
    state: &mut State,
    groups: &[Vec<usize>],
    essential: Option<&[usize]>,
    mut target: DocId,
) -> Option<DocId> {
    // Leapfrog: go round the groups, each moving the target forward, until all of them in
    // a row have it.
    let count = groups.len() + usize::from(essential.is_some());
    let group = |g: usize| match groups.get(g) {
        Some(g) => g.as_slice(),
        None => essential.unwrap_or_default(),
    };
    let (mut g, mut agreed) = (0, 0);
    loop {
        let mut lowest = TERMINATED;
        for &i in group(g) {
            lowest = lowest.min(state.seek(i, target));
        }
        if lowest == TERMINATED {
            return None;
        }
        if lowest > target {
            target = lowest;
            agreed = 1;
        } else {
            agreed += 1;
        }
        if agreed >= count {
            return Some(target);
        }
        g = (g + 1) % count;
    }
}

/// How many documents match `query`, counting no further than `cap`: (count, whether that
/// is every match).
pub fn count_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    cap: usize,
) -> tantivy::Result<(usize, bool)> {
    if cap == 0 {
        return Ok((0, false));
    }
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut count = 0;
    for segment in searcher.segment_readers() {
        let alive = segment.alive_bitset();
        let mut docs = weight.scorer(segment, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if count == cap {
                    return Ok((count, false));
                }
                count += 1;
            }
            doc = docs.advance();
        }
    }
    Ok((count, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(i: usize) -> Eval {
        Eval::Leaf(i)
    }

    fn bool(clauses: Vec<(Occur, Eval)>, at_least: Option<usize>) -> Eval {
        Eval::Bool { clauses, at_least }
    }

    #[test]
    fn every_must_is_a_group_and_a_union_of_shoulds_is_one() {
        let sizes = [5u64, 100, 3, 50, 7];
        let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
        // (0 ∧ (1 ∨ 2)) with a bonus 3 and an exclusion 4.
        let e = bool(
            vec![
                (
                    Occur::Must,
                    bool(
                        vec![
                            (Occur::Must, leaf(0)),
                            (
                                Occur::Must,
                                bool(
                                    vec![(Occur::Should, leaf(1)), (Occur::Should, leaf(2))],
                                    None,
                                ),
                            ),
                        ],
                        None,
                    ),
                ),
                (Occur::Should, leaf(3)),
                (Occur::MustNot, leaf(4)),
            ],
            None,
        );
        assert_eq!(e.required(&cost), vec![vec![0], vec![2, 1]]);
    }

    #[test]
    fn at_least_n_of_m_needs_one_of_the_m_minus_n_plus_1_cheapest() {
        let sizes = [40u64, 10, 30, 20];
        let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
        let any = |n| bool((0..4).map(|i| (Occur::Should, leaf(i))).collect(), Some(n));
        // 3 of 4: any two of them cover every match; the two cheapest are 1 and 3.
        assert_eq!(any(3).required(&cost), vec![vec![1, 3]]);
        // 1 of 4: all of them.
        assert_eq!(any(1).required(&cost), vec![vec![1, 3, 2, 0]]);
        // 4 of 4: one alone covers.
        assert_eq!(any(4).required(&cost), vec![vec![1]]);
    }
}
