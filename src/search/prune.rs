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
//!
//! A phrase of three or more syllables is required beside its pair tokens (see
//! [`super::plan`]). Those stand for it while candidates are found and bounded: it cannot
//! occur more often in a document than its rarest pair, so its BM25 score at that frequency
//! bounds it there, and its positions are read only for documents that bound lets into the
//! top, one document at a time. Likewise a term required beside a filter (the reading of a
//! syllable without diacritics, which counts only in articles written without them) adds
//! nothing where the filter is absent, and its bound is taken off there. When the filter is
//! rare, the documents without it are bounded as if such terms were not in the plan, and
//! those with it are proposed as candidates beside the others.
//!
//! A leaf whose bound is larger than the threshold less all the others' bounds is
//! *required*: no document without it can enter the top. A keyword query's tiers
//! ([`super::plan`]) become so as soon as `k` documents hold them; candidates are then
//! the documents with them and with one of the other leaves that can still lift them
//! above the threshold, found by leapfrogging, instead of every document with the tier
//! (at 1M articles, every one of the hundreds of thousands that hold "có thể").
//!
//! `exhaustive` scores every match the same way; the two give the same hits, with the same
//! scores, which the tests check.

#[cfg(test)]
use super::parallel::KthBest;
use super::parallel::{chunks, Chunk, SharedKth, Threads};
use super::plan::Node;
use super::statistics::CachedStatistics;
use super::tier::AnyOfWeight;
use crate::text::pairs::pair;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::TopNComputer;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EnableScoring, Occur, PhraseQuery, Query,
    Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult, SegmentReader, Term, TERMINATED,
};

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
    /// For a phrase required beside filters on each of its pair tokens: those filters.
    /// Their frequencies bound how often the phrase occurs, so its positions are read only
    /// where that bound can still reach the top.
    guards: Vec<usize>,
    /// A guard: read with frequencies.
    freqs: bool,
    /// For a scoring leaf: a filter it is required beside (the nearest), so that it adds
    /// to a document's score only where that filter matches ("unaccented article", a pair
    /// token), however high its own bound.
    cond: Option<usize>,
    /// For a tier ([`Node::Const`]): the terms or phrases any of which lets it score its
    /// boost, once; `terms` is then empty.
    any: Vec<Vec<Term>>,
}

impl Leaf {
    fn new(terms: Vec<Term>, boost: Option<Score>) -> Leaf {
        Leaf {
            terms,
            boost,
            guards: Vec::new(),
            freqs: false,
            cond: None,
            any: Vec::new(),
        }
    }
}

/// A compiled plan: its tree and its leaves.
struct Compiled {
    root: Eval,
    leaves: Vec<Leaf>,
}

fn compile(node: &Node) -> Compiled {
    let mut leaves = Vec::new();
    let root = compile_node(node, Some(1.0), &mut leaves);
    assign_conditions(&root, None, &mut leaves);
    Compiled { root, leaves }
}

/// Gives each scoring leaf the nearest filter a conjunction above it requires: the leaf
/// adds to a score only where every conjunction on its way to the root matches.
fn assign_conditions(eval: &Eval, cond: Option<usize>, leaves: &mut [Leaf]) {
    match eval {
        Eval::Leaf(i) => {
            if leaves[*i].boost.is_some() {
                leaves[*i].cond = cond;
            }
        }
        Eval::Filter(_) => {}
        Eval::Bool { clauses, .. } => {
            let own = clauses
                .iter()
                .find_map(|(occur, c)| match (occur, c) {
                    (Occur::Must, Eval::Filter(inner)) => match **inner {
                        Eval::Leaf(g) => Some(g),
                        _ => None,
                    },
                    _ => None,
                })
                .or(cond);
            for (occur, c) in clauses {
                if *occur != Occur::MustNot {
                    assign_conditions(c, own, leaves);
                }
            }
        }
    }
}

/// The terms of a term or a phrase; `None` for any other node.
fn leaf_terms(node: &Node) -> Option<Vec<Term>> {
    match node {
        Node::Term { field, text } => Some(vec![Term::from_field_text(*field, text)]),
        Node::Phrase { field, texts } => Some(
            texts
                .iter()
                .map(|t| Term::from_field_text(*field, t))
                .collect(),
        ),
        _ => None,
    }
}

fn compile_node(node: &Node, boost: Option<Score>, leaves: &mut Vec<Leaf>) -> Eval {
    let mut leaf = |terms: Vec<Term>| {
        leaves.push(Leaf::new(terms, boost));
        Eval::Leaf(leaves.len() - 1)
    };
    match node {
        Node::Term { .. } | Node::Phrase { .. } => leaf(leaf_terms(node).unwrap_or_default()),
        // Boosts multiply down the tree, the order tantivy multiplies them in.
        Node::Boost(inner, b) => compile_node(inner, boost.map(|x| x * b), leaves),
        Node::Filter(inner) => {
            // One leaf per filtered term: the plan filters every unaccented reading on the
            // same "unaccented article" term, and a long phrase's pairs recur.
            if let Node::Term { field, text } = &**inner {
                let term = Term::from_field_text(*field, text);
                let same = |l: &Leaf| {
                    l.boost.is_none()
                        && l.guards.is_empty()
                        && l.terms.as_slice() == std::slice::from_ref(&term)
                };
                if let Some(g) = leaves.iter().position(same) {
                    return Eval::Filter(Box::new(Eval::Leaf(g)));
                }
            }
            Eval::Filter(Box::new(compile_node(inner, None, leaves)))
        }
        Node::Const { any, score } => {
            let any = any.iter().filter_map(leaf_terms).collect();
            leaves.push(Leaf {
                any,
                ..Leaf::new(Vec::new(), boost.map(|b| b * score))
            });
            Eval::Leaf(leaves.len() - 1)
        }
        Node::Bool { clauses, at_least } => {
            let compiled: Vec<(Occur, Eval)> = clauses
                .iter()
                .map(|(occur, n)| {
                    let b = if *occur == Occur::MustNot {
                        None
                    } else {
                        boost
                    };
                    (*occur, compile_node(n, b, leaves))
                })
                .collect();
            guard_phrases(clauses, &compiled, leaves);
            Eval::Bool {
                clauses: compiled,
                at_least: *at_least,
            }
        }
    }
}

/// Marks each phrase of a conjunction whose every pair token is also a required filter of
/// it (as [`super::plan`] writes phrases of three or more folded syllables) as guarded by
/// those filters.
fn guard_phrases(nodes: &[(Occur, Node)], compiled: &[(Occur, Eval)], leaves: &mut [Leaf]) {
    let filter_leaf = |want: &Term| {
        compiled.iter().find_map(|(occur, e)| match (occur, e) {
            (Occur::Must, Eval::Filter(inner)) => match **inner {
                Eval::Leaf(g) if leaves[g].terms.as_slice() == std::slice::from_ref(want) => {
                    Some(g)
                }
                _ => None,
            },
            _ => None,
        })
    };
    let mut found = Vec::new();
    for ((occur, node), (_, eval)) in nodes.iter().zip(compiled) {
        let (Occur::Must, Node::Phrase { field, texts }, Eval::Leaf(p)) = (occur, node, eval)
        else {
            continue;
        };
        let guards: Option<Vec<usize>> = texts
            .windows(2)
            .map(|w| filter_leaf(&Term::from_field_text(*field, &pair(&w[0], &w[1]))))
            .collect();
        if let Some(guards) = guards.filter(|g| !g.is_empty()) {
            found.push((*p, guards));
        }
    }
    for (p, guards) in found {
        for &g in &guards {
            leaves[g].freqs = true;
        }
        leaves[p].guards = guards;
    }
}

impl Eval {
    /// Groups of leaves such that every document this node matches has a leaf of each
    /// group. `cost` estimates how many documents a group has. A guarded phrase is stood
    /// for by its guards: finding candidates then reads no positions.
    fn required(&self, leaves: &[Leaf], cost: &dyn Fn(&[usize]) -> u64) -> Vec<Vec<usize>> {
        match self {
            Eval::Leaf(i) if !leaves[*i].guards.is_empty() => {
                leaves[*i].guards.iter().map(|&g| vec![g]).collect()
            }
            Eval::Leaf(i) => vec![vec![*i]],
            Eval::Filter(inner) => inner.required(leaves, cost),
            Eval::Bool { clauses, at_least } => {
                let musts: Vec<Vec<usize>> = clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Must)
                    .flat_map(|(_, c)| c.required(leaves, cost))
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
                    .map(|(_, c)| c.required(leaves, cost).into_iter().min_by_key(|g| cost(g)))
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
struct State<'a> {
    leaves: &'a [Leaf],
    /// Per guarded phrase, its BM25 weight with its boost: what it scores at a frequency.
    phrase_weights: &'a [Option<Bm25Weight>],
    scorers: Vec<Box<dyn Scorer>>,
    /// Each scorer's current document, kept here to spare a dynamic call per look.
    docs: Vec<DocId>,
    /// For a guarded phrase: `docs` holds only a bound (see [`State::has`]).
    unsure: Vec<bool>,
    /// Whether each leaf is a guarded phrase, kept here because finding candidates asks
    /// it of every essential leaf for every candidate, and the leaves are far apart.
    guarded: Vec<bool>,
    /// Each leaf's condition ([`Leaf::cond`]), likewise.
    cond: Vec<Option<usize>>,
    /// Whether each leaf is neither guarded nor has a condition: its next document is then
    /// `docs`, whatever it is asked.
    simple: Vec<bool>,
    /// Per leaf with a condition, its own reader of it ([`State::seek_with_cond`]); the
    /// outer `None`: not opened yet.
    conds: Vec<Option<Option<Box<dyn Scorer>>>>,
    weights: &'a [Box<dyn Weight>],
    segment: &'a SegmentReader,
    /// The document `score` holds values for.
    at: Vec<DocId>,
    score: Vec<Score>,
}

impl State<'_> {
    /// Whether leaf `i` is known to lack `doc` without moving: an unguarded leaf is on its
    /// next document, and never moves backwards. Then it adds nothing at `doc`.
    #[inline]
    fn is_past(&self, i: usize, doc: DocId) -> bool {
        !self.guarded[i] && self.docs[i] > doc
    }

    /// Moves leaf `i` to `doc` (never backwards) and says whether it has it.
    fn has(&mut self, i: usize, doc: DocId) -> bool {
        if !self.guarded[i] {
            return self.seek(i, doc) == doc;
        }
        // A guarded phrase is asked only about candidates, in increasing order, and never
        // moved otherwise: it reads the positions of `doc` alone, where a seek would read on
        // to its next occurrence. A miss leaves only a bound below its next document.
        if self.docs[i] < doc || (self.docs[i] == doc && self.unsure[i]) {
            (self.docs[i], self.unsure[i]) = match self.scorers[i].seek_danger(doc) {
                SeekDangerResult::Found => (doc, false),
                SeekDangerResult::SeekLowerBound(next) => (next, true),
            };
        }
        self.docs[i] == doc && !self.unsure[i]
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

    /// The first document at or after `target` that leaf `i` may have: for a guarded
    /// phrase, the first that has all its guards, which reads no positions.
    fn may_have_from(&mut self, i: usize, target: DocId) -> DocId {
        if !self.guarded[i] {
            return match self.cond[i] {
                Some(c) => self.seek_with_cond(i, c, target),
                None => self.seek(i, target),
            };
        }
        let leaves = self.leaves;
        match leaves[i].guards.as_slice() {
            [] => self.seek(i, target),
            // Each guard only to `target`: a guard may be shared (another phrase has the same
            // pair), and moving it further would pass documents that phrase still asks about.
            guards => guards
                .iter()
                .map(|&g| self.seek(g, target))
                .max()
                .unwrap_or(target),
        }
    }

    /// The first document at or after `target` that has leaf `i` and its condition `c`:
    /// elsewhere it adds nothing. The reading of a syllable without diacritics counts only
    /// in articles written without them, yet its term ("nghe") is common in the others:
    /// proposing all of those as candidates cost most of an unaccented query at 1M articles.
    ///
    /// The leaf is moved past documents that lack `c`, where nothing asks about it: what it
    /// matches there cannot count, as `c` is required beside it (coordination, which asks
    /// whether a document has a syllable, uses no leaf with a condition). `c` itself may be
    /// shared, and is asked about candidates, so it is read here through a copy of its own.
    fn seek_with_cond(&mut self, i: usize, c: usize, target: DocId) -> DocId {
        let mut doc = self.seek(i, target);
        let Some(mut filter) = self.take_cond(i, c) else {
            return doc;
        };
        while doc != TERMINATED {
            let with = if filter.doc() < doc {
                filter.seek(doc)
            } else {
                filter.doc()
            };
            if with == doc {
                break;
            }
            if with == TERMINATED {
                doc = TERMINATED;
                break;
            }
            doc = self.seek(i, with);
        }
        self.conds[i] = Some(Some(filter));
        doc
    }

    /// Leaf `i`'s own reader of its condition `c`, opened on first use; `None` when it
    /// could not be opened (then the leaf proposes every document it has).
    fn take_cond(&mut self, i: usize, c: usize) -> Option<Box<dyn Scorer>> {
        let filter = match self.conds[i].take() {
            Some(opened) => opened,
            None => self.weights[c].scorer(self.segment, 1.0).ok(),
        };
        if filter.is_none() {
            self.conds[i] = Some(None);
        }
        filter
    }

    /// The most scoring leaf `i` can add at `doc`: nothing where its filter is absent, else
    /// its score, or for a guarded phrase, its score at the fewest occurrences of any of its
    /// pair tokens (it cannot occur more often), without reading positions.
    fn most(&mut self, i: usize, doc: DocId) -> Score {
        if let Some(c) = self.cond[i] {
            if !self.has(c, doc) {
                return 0.0;
            }
        }
        if !self.guarded[i] {
            return self.has_score(i, doc);
        }
        let leaves = self.leaves;
        let guards = leaves[i].guards.as_slice();
        let Some(weight) = self.phrase_weights[i]
            .as_ref()
            .filter(|_| !guards.is_empty())
        else {
            return self.has_score(i, doc);
        };
        let mut fewest = u32::MAX;
        let mut fieldnorm_id = 0;
        for &g in guards {
            if !self.has(g, doc) {
                return 0.0;
            }
            match self.scorers[g].downcast_ref::<GuardPostings>() {
                Some(p) => {
                    fewest = fewest.min(p.postings.term_freq());
                    fieldnorm_id = p.fieldnorms.fieldnorm_id(doc);
                }
                // Not read with frequencies: no bound but the phrase's own.
                None => return self.has_score(i, doc),
            }
        }
        weight.score(fieldnorm_id, fewest) * (1.0 + BOUND_MARGIN)
    }

    fn has_score(&mut self, i: usize, doc: DocId) -> Score {
        if self.has(i, doc) {
            self.score(i, doc)
        } else {
            0.0
        }
    }
}

/// A guard's postings, read with frequencies, and its field's lengths: enough to bound the
/// phrase it guards. Matches like the filter it stands for, scores nothing.
struct GuardPostings {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
}

impl DocSet for GuardPostings {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for GuardPostings {
    fn score(&mut self) -> Score {
        0.0
    }
}

/// A leaf's scorer in `segment`, its first document, and whether that is only a bound (see
/// [`State::has`]). A guard's scorer reads its frequencies; a guarded phrase's starts
/// without reading positions on to its first occurrence, which for a rare phrase of common
/// syllables can mean reading most of the segment.
fn leaf_scorer(
    weight: &dyn Weight,
    leaf: &Leaf,
    segment: &SegmentReader,
) -> tantivy::Result<(Box<dyn Scorer>, DocId, bool)> {
    let boost = leaf.boost.unwrap_or(1.0);
    if !leaf.guards.is_empty() {
        let (start, scorer) = weight.scorer_danger(segment, 0, boost)?;
        return Ok(match start {
            SeekDangerResult::Found => (scorer, 0, false),
            SeekDangerResult::SeekLowerBound(next) => (scorer, next, true),
        });
    }
    let scorer: Box<dyn Scorer> = match (leaf.freqs, leaf.terms.as_slice()) {
        (true, [term]) => {
            let postings = segment
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::WithFreqs)?;
            match postings {
                Some(postings) => Box::new(GuardPostings {
                    postings,
                    fieldnorms: segment.get_fieldnorms_reader(term.field())?,
                }),
                None => Box::new(EmptyScorer),
            }
        }
        _ => weight.scorer(segment, boost)?,
    };
    let doc = scorer.doc();
    Ok((scorer, doc, false))
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
    /// Per word, what it tells (its idf): a name counts for more than "năm".
    pub weights: &'a [f32],
    pub fields: &'a [Field],
    pub power: f32,
}

impl Coordination<'_> {
    /// The share of the query's information in the words `matched` says a document has:
    /// their weights over all weights, or their count over all words where no word weighs
    /// anything.
    pub fn share(&self, matched: &[bool]) -> f32 {
        let total: f32 = self.weights.iter().sum();
        if total <= 0.0 || self.weights.len() != matched.len() {
            let n = matched.iter().filter(|&&m| m).count();
            return n as f32 / matched.len().max(1) as f32;
        }
        let held: f32 = matched
            .iter()
            .zip(self.weights)
            .filter(|(m, _)| **m)
            .map(|(_, w)| w)
            .sum();
        held / total
    }
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
    threads: Threads,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let prepared = Prepared::new(searcher, plan, filters, coordination, k, exhaustive)?;
    let workers = match threads {
        Threads::Exactly(n) => n.max(1),
        Threads::Auto => rayon::current_num_threads(),
    };
    let chunks = chunks(searcher, workers);
    let next = AtomicUsize::new(0);
    let kth = SharedKth::new(k);
    let scan = || prepared.scan(searcher, &chunks, &next, &kth);
    let found: Vec<Vec<(Score, DocAddress)>> = if workers == 1 {
        vec![scan()?]
    } else {
        (0..workers)
            .into_par_iter()
            .map(|_| scan())
            .collect::<tantivy::Result<_>>()?
    };
    // Each worker holds its own best k; the best k of all, ties to the lower address, as
    // one scan in address order would keep them.
    let mut best: Vec<(Score, DocAddress)> = found.into_iter().flatten().collect();
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    best.truncate(k);
    Ok(best)
}

/// What every worker reads: the compiled plan, its readers' weights and its bounds.
struct Prepared<'q> {
    compiled: Compiled,
    probes: Probes,
    coordination: Option<&'q Coordination<'q>>,
    weights: Vec<Box<dyn Weight>>,
    phrase_weights: Vec<Option<Bm25Weight>>,
    /// The bounds of every document.
    full: Partition,
    /// The bounds of documents without any filter a scoring leaf depends on, when such
    /// documents are most of the index ([`Partition::without_conds`]).
    plain: Option<Partition>,
    k: usize,
    exhaustive: bool,
}

/// The scoring leaves sorted by what they can add to a document, and the sums of those
/// bounds that decide which leaves are essential.
struct Partition {
    /// Per leaf, the most it adds to a document (0 for a leaf that does not score).
    bounds: Vec<Score>,
    /// The scoring leaves, lowest bound first.
    order: Vec<usize>,
    /// below[i]: the most a document can score from order[..i] alone.
    below: Vec<Score>,
    /// The filters scoring leaves with a bound depend on.
    conds: Vec<usize>,
    /// cond_below[c][n]: how much of below[n] comes from leaves that depend on conds[c],
    /// none of which adds anything where it is absent.
    cond_below: Vec<Vec<Score>>,
    lengths: Vec<SharedLength>,
    length_of: Vec<Option<usize>>,
}

/// The filters scoring leaves depend on are rare when they match at most one document in
/// this many: then the documents without them are bounded apart
/// ([`Partition::without_conds`]).
const RARE_CONDS: u64 = 10;

impl Partition {
    fn new(leaves: &[Leaf], bounds: Vec<Score>, term_weights: &[Option<Bm25Weight>]) -> Self {
        let mut order: Vec<usize> = (0..leaves.len())
            .filter(|&i| leaves[i].boost.is_some())
            .collect();
        order.sort_by(|&a, &b| bounds[a].total_cmp(&bounds[b]));
        let mut below = vec![0.0f32];
        for &i in &order {
            below.push(below.last().copied().unwrap_or(0.0) + bounds[i]);
        }
        let mut conds: Vec<usize> = order
            .iter()
            .filter(|&&i| bounds[i] > 0.0)
            .filter_map(|&i| leaves[i].cond)
            .collect();
        conds.sort_unstable();
        conds.dedup();
        let cond_below: Vec<Vec<Score>> = conds
            .iter()
            .map(|&c| {
                let mut sums = vec![0.0f32];
                for &i in &order {
                    let own = if leaves[i].cond == Some(c) {
                        bounds[i]
                    } else {
                        0.0
                    };
                    sums.push(sums.last().copied().unwrap_or(0.0) + own);
                }
                sums
            })
            .collect();
        let lengths = SharedLength::groups(leaves, term_weights, &order, &bounds);
        let length_of: Vec<Option<usize>> = (0..leaves.len())
            .map(|i| lengths.iter().position(|l| l.has(i)))
            .collect();
        Partition {
            bounds,
            order,
            below,
            conds,
            cond_below,
            lengths,
            length_of,
        }
    }

    /// The bounds of documents that have none of `self.conds`, when those filters match
    /// few documents. A leaf that depends on a filter adds nothing where it is absent, so
    /// there its bound is 0 and it is never essential. An accented syllable's reading
    /// without diacritics counts only in the rare articles written without them, yet its
    /// bound counted in every document: at 1M articles most candidates of accented queries
    /// were dismissed only once the filter was found absent, and at the final tenth score
    /// 11 leaves were essential where 5 are without it. The documents with a filter are
    /// then walked beside the others, with the full bounds (see [`Prepared::scan_chunk`]).
    fn without_conds(
        &self,
        leaves: &[Leaf],
        term_weights: &[Option<Bm25Weight>],
        statistics: &CachedStatistics,
        docs: u64,
    ) -> Option<Partition> {
        if self.conds.is_empty() {
            return None;
        }
        let mut matching = 0u64;
        for &c in &self.conds {
            let [term] = leaves[c].terms.as_slice() else {
                return None;
            };
            matching += statistics.doc_freq(term).ok()?;
        }
        if matching.saturating_mul(RARE_CONDS) > docs {
            return None;
        }
        let bounds = (0..leaves.len())
            .map(|i| match leaves[i].cond {
                Some(_) => 0.0,
                None => self.bounds[i],
            })
            .collect();
        Some(Partition::new(leaves, bounds, term_weights))
    }
}

impl Partition {
    /// The leaves every document must have to beat `threshold`: those whose bound is more
    /// than the others' bounds together fall short of it. A tier ([`Node::Const`]) is
    /// such a leaf once `k` hits hold it: without it no document can reach them. Only
    /// leaves without a condition, so that they are required whatever partition bounds a
    /// document.
    fn required(&self, leaves: &[Leaf], threshold: Score) -> Vec<usize> {
        let n = self.order.len();
        let mut required = Vec::new();
        // The largest bounds first: once one is not required, no smaller one is.
        let mut above = 0.0;
        for r in 0..n {
            let i = self.order[n - 1 - r];
            let others = self.below[n - 1 - r] + above;
            if others > threshold || leaves[i].cond.is_some() {
                break;
            }
            required.push(i);
            above += self.bounds[i];
        }
        required
    }

    /// The leaves that propose candidates beside the `required` ones: a document that has
    /// every required leaf needs more than `threshold` less their bounds from the others,
    /// so the others with the lowest bounds, whose sum does not reach that, cannot lift
    /// it alone. Without required leaves: the essential leaves. `false` when the required
    /// leaves alone may beat the threshold: then every document with them is a candidate.
    fn proposing(&self, required: &[usize], threshold: Score, into: &mut Vec<usize>) -> bool {
        let rest = threshold - required.iter().map(|&i| self.bounds[i]).sum::<Score>();
        if rest < 0.0 {
            return false;
        }
        let mut below = 0.0;
        let mut essential = false;
        for &i in &self.order {
            if required.contains(&i) {
                continue;
            }
            below += self.bounds[i];
            essential |= below > rest;
            if essential {
                into.push(i);
            }
        }
        true
    }
}

/// How far a [`SegmentScan`] has got with one [`Partition`].
struct Progress {
    /// order[first..] are the essential leaves.
    first: usize,
    tables: Vec<LengthTable>,
    shares: Vec<Shared>,
}

impl Progress {
    fn new(partition: &Partition, segment: &SegmentReader) -> tantivy::Result<Progress> {
        Ok(Progress {
            first: 0,
            tables: partition
                .lengths
                .iter()
                .map(|l| LengthTable::new(l, segment))
                .collect::<tantivy::Result<Vec<_>>>()?,
            shares: vec![Shared::default(); partition.lengths.len()],
        })
    }

    /// Moves `first` past the leaves that can no longer lift a document above `threshold`.
    fn raise(&mut self, partition: &Partition, threshold: Score) {
        while self.first < partition.order.len() && partition.below[self.first + 1] <= threshold {
            self.first += 1;
        }
    }
}

impl<'q> Prepared<'q> {
    fn new(
        searcher: &Searcher,
        plan: &Node,
        filters: &[Box<dyn Query>],
        coordination: Option<&'q Coordination<'q>>,
        k: usize,
        exhaustive: bool,
    ) -> tantivy::Result<Prepared<'q>> {
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
                                            let term = Term::from_field_text(f, s);
                                            // A syllable the plan already reads is asked of
                                            // that reader, which is near the candidate anyway.
                                            let known = compiled.leaves.iter().position(|l| {
                                                l.guards.is_empty()
                                                    && l.cond.is_none()
                                                    && l.terms.as_slice()
                                                        == std::slice::from_ref(&term)
                                            });
                                            known.unwrap_or_else(|| {
                                                compiled.leaves.push(Leaf::new(vec![term], None));
                                                compiled.leaves.len() - 1
                                            })
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
        let mut phrase_weights = Vec::with_capacity(compiled.leaves.len() + filters.len());
        let mut term_weights = Vec::with_capacity(compiled.leaves.len());
        let statistics = CachedStatistics::new(searcher);
        for leaf in &compiled.leaves {
            if !leaf.any.is_empty() {
                weights.push(Box::new(AnyOfWeight::new(&leaf.any, searcher)?) as Box<dyn Weight>);
                let score = leaf.boost.unwrap_or(0.0);
                bounds.push(score * (1.0 + BOUND_MARGIN));
                term_weights.push(None);
                phrase_weights.push(None);
                continue;
            }
            let query: Box<dyn Query> = match leaf.terms.as_slice() {
                [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
                many => Box::new(PhraseQuery::new(many.to_vec())),
            };
            let scoring = match leaf.boost {
                Some(_) => EnableScoring::enabled_from_statistics_provider(&statistics, searcher),
                None => EnableScoring::disabled_from_searcher(searcher),
            };
            weights.push(query.weight(scoring)?);
            let weight = match leaf.boost {
                Some(boost) => {
                    Some(Bm25Weight::for_terms(&statistics, &leaf.terms)?.boost_by(boost))
                }
                None => None,
            };
            bounds.push(
                weight
                    .as_ref()
                    .map_or(0.0, |w| w.max_score() * (1.0 + BOUND_MARGIN)),
            );
            term_weights.push(
                weight
                    .clone()
                    .filter(|_| leaf.terms.len() == 1 && leaf.guards.is_empty()),
            );
            phrase_weights.push(weight.filter(|_| !leaf.guards.is_empty()));
        }
        // Filters are leaves that only match, required beside the plan.
        if !filters.is_empty() {
            let mut clauses = Vec::with_capacity(filters.len() + 1);
            let root = std::mem::replace(&mut compiled.root, Eval::Leaf(0));
            clauses.push((Occur::Must, root));
            for f in filters {
                weights.push(f.weight(EnableScoring::disabled_from_searcher(searcher))?);
                bounds.push(0.0);
                phrase_weights.push(None);
                compiled.leaves.push(Leaf::new(Vec::new(), None));
                clauses.push((Occur::Must, Eval::Leaf(compiled.leaves.len() - 1)));
            }
            compiled.root = Eval::Bool {
                clauses,
                at_least: None,
            };
        }
        let full = Partition::new(&compiled.leaves, bounds, &term_weights);
        let plain = full.without_conds(
            &compiled.leaves,
            &term_weights,
            &statistics,
            searcher.num_docs(),
        );
        Ok(Prepared {
            compiled,
            probes,
            coordination,
            weights,
            phrase_weights,
            full,
            plain,
            k,
            exhaustive,
        })
    }

    /// One worker: takes chunks in order until none is left, and returns its best `k`.
    fn scan(
        &self,
        searcher: &Searcher,
        chunks: &[Chunk],
        next: &AtomicUsize,
        shared: &SharedKth,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut top = TopNComputer::new_with_comparator(self.k, NaturalComparator);
        let mut open: Option<SegmentScan> = None;
        while let Some(chunk) = chunks.get(next.fetch_add(1, AtomicOrdering::Relaxed)) {
            if open.as_ref().is_none_or(|s| s.ord != chunk.segment) {
                let reader = &searcher.segment_readers()[chunk.segment];
                open = Some(self.open(chunk.segment, reader)?);
            }
            if let Some(scan) = open.as_mut() {
                self.scan_chunk(scan, chunk, &mut top, shared);
            }
        }
        Ok(top
            .into_vec()
            .into_iter()
            .map(|d| (d.sort_key, d.doc))
            .collect())
    }

    /// Opens every leaf's reader in one segment.
    fn open<'s>(
        &'s self,
        ord: usize,
        segment: &'s SegmentReader,
    ) -> tantivy::Result<SegmentScan<'s>> {
        let leaves = &self.compiled.leaves;
        let mut state = State {
            leaves,
            phrase_weights: &self.phrase_weights,
            scorers: Vec::with_capacity(self.weights.len()),
            docs: Vec::with_capacity(self.weights.len()),
            unsure: vec![false; self.weights.len()],
            guarded: leaves.iter().map(|l| !l.guards.is_empty()).collect(),
            cond: leaves.iter().map(|l| l.cond).collect(),
            simple: leaves
                .iter()
                .map(|l| l.guards.is_empty() && l.cond.is_none())
                .collect(),
            conds: (0..self.weights.len()).map(|_| None).collect(),
            weights: &self.weights,
            segment,
            at: vec![TERMINATED; self.weights.len()],
            score: vec![0.0; self.weights.len()],
        };
        for (i, (w, leaf)) in self.weights.iter().zip(leaves).enumerate() {
            let (scorer, doc, unsure) = leaf_scorer(w.as_ref(), leaf, segment)?;
            state.scorers.push(scorer);
            state.docs.push(doc);
            state.unsure[i] = unsure;
        }
        let sizes: Vec<u64> = state.scorers.iter().map(|s| s.size_hint() as u64).collect();
        let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
        // Every match has a leaf of each group: candidates are where all groups meet,
        // found by leapfrogging from the cheapest group.
        let mut groups = self.compiled.root.required(leaves, &cost);
        if groups.is_empty() {
            groups.push(self.full.order.clone());
        }
        // A guarded phrase's guards are also its siblings': each group once.
        groups.sort_by(|a, b| cost(a).cmp(&cost(b)).then_with(|| a.cmp(b)));
        groups.dedup();
        Ok(SegmentScan {
            ord,
            state,
            groups,
            full: Progress::new(&self.full, segment)?,
            plain: match &self.plain {
                Some(p) => Some(Progress::new(p, segment)?),
                None => None,
            },
            threshold: None,
            required: Vec::new(),
            any: false,
            proposing: Vec::new(),
            target: 0,
        })
    }

    /// Scores the candidates of `chunk` that can still reach the top.
    ///
    /// With [`Prepared::plain`], documents without any of the filters leaves depend on are
    /// bounded by it and the others by [`Prepared::full`]. Candidates are then documents
    /// with an essential leaf of the plain bounds or with one of those filters, which are
    /// rare: every document that can reach the top is one of them, and each is bounded by
    /// the partition it belongs to.
    fn scan_chunk(
        &self,
        scan: &mut SegmentScan,
        chunk: &Chunk,
        top: &mut TopNComputer<Score, DocAddress, NaturalComparator>,
        shared: &SharedKth,
    ) {
        let alive = scan.state.segment.alive_bitset();
        scan.target = scan.target.max(chunk.from);
        while scan.target < chunk.to {
            let threshold = match self.exhaustive {
                true => None,
                false => shared.get(),
            };
            // The essential leaves only grow fewer, as the k-th best score rises.
            if let Some(t) = threshold.filter(|&t| scan.threshold != Some(t)) {
                scan.threshold = Some(t);
                scan.full.raise(&self.full, t);
                scan.required = self.full.required(&self.compiled.leaves, t);
                scan.proposing.clear();
                scan.any = !match (&self.plain, &mut scan.plain) {
                    (Some(plain), Some(progress)) => {
                        progress.raise(plain, t);
                        scan.proposing.extend(&self.full.conds);
                        plain.proposing(&scan.required, t, &mut scan.proposing)
                    }
                    _ => self.full.proposing(&scan.required, t, &mut scan.proposing),
                };
            }
            let (required, proposing) = match threshold {
                Some(_) if scan.any => (scan.required.as_slice(), None),
                Some(_) => (scan.required.as_slice(), Some(scan.proposing.as_slice())),
                None => (&[][..], None),
            };
            let state = &mut scan.state;
            let Some(doc) = meet(state, &scan.groups, required, proposing, scan.target) else {
                scan.target = TERMINATED;
                break;
            };
            if doc >= chunk.to {
                // The next chunk this worker takes starts at or after `chunk.to`: `doc` is
                // the first candidate there only if nothing moves the threshold first, so
                // it is found again from there.
                break;
            }
            scan.target = doc + 1;
            let (partition, progress) = match (&self.plain, &mut scan.plain) {
                (Some(plain), Some(progress))
                    if !self.full.conds.iter().any(|&c| state.has(c, doc)) =>
                {
                    (plain, progress)
                }
                _ => (&self.full, &mut scan.full),
            };
            let factor = match threshold {
                Some(t) => match self.bound(state, partition, progress, doc, t) {
                    Some(factor) => factor,
                    None => continue,
                },
                None => self.share_factor(state, doc),
            };
            if !alive.is_none_or(|a| a.is_alive(doc)) {
                continue;
            }
            if let Some(score) = self.compiled.root.eval(state, &self.compiled.leaves, doc) {
                let score = score * factor;
                top.push(score, DocAddress::new(scan.ord as u32, doc));
                if !self.exhaustive {
                    shared.push(score);
                }
            }
        }
    }

    /// The share of words matched at `doc`, raised to the coordination power; 1 without
    /// coordination.
    fn share_factor(&self, state: &mut State, doc: DocId) -> Score {
        match self.coordination {
            Some(c) => share(state, &self.probes, c, doc).powf(c.power),
            None => 1.0,
        }
    }

    /// Whether `doc` may beat `threshold`, bounded by `partition`: its coordination factor
    /// if it may, `None` once it cannot.
    ///
    /// What the terms score here plus the most the others could add, times the share of
    /// words matched: once that cannot beat the threshold, the document is not looked at
    /// further. The essential terms first, then the share (at most 1, so it is counted
    /// only for documents the terms alone let through), then the others, largest first.
    fn bound(
        &self,
        state: &mut State,
        partition: &Partition,
        progress: &mut Progress,
        doc: DocId,
        threshold: Score,
    ) -> Option<Score> {
        let (order, below, bounds) = (&partition.order, &partition.below, &partition.bounds);
        let first = progress.first;
        let beats = |upper: Score, factor: Score| upper * factor * (1.0 + BOUND_MARGIN) > threshold;
        let mut upper = below[first];
        for &i in &order[first..] {
            // Most essential leaves are already past a candidate: the call is spared them.
            if !state.is_past(i, doc) {
                upper += state.most(i, doc);
            }
        }
        if !beats(upper, 1.0) {
            return None;
        }
        for (c, &g) in partition.conds.iter().enumerate() {
            let slack = partition.cond_below[c][first];
            if slack > 0.0 && !state.has(g, doc) {
                upper -= slack;
            }
        }
        if !beats(upper, 1.0) {
            return None;
        }
        // The terms of one field that are not essential share the field's length.
        for ((l, table), share) in partition
            .lengths
            .iter()
            .zip(&mut progress.tables)
            .zip(&mut progress.shares)
        {
            let unread = l.below[first];
            if unread <= 0.0 {
                *share = Shared::default();
                continue;
            }
            *share = Shared {
                most: table.most(l, first, doc).min(unread),
                read: 0.0,
                unread,
            };
            upper -= unread - share.most;
        }
        if !beats(upper, 1.0) {
            return None;
        }
        let factor = self.share_factor(state, doc);
        let mut promising = beats(upper, factor);
        for &i in order[..first].iter().rev() {
            if !promising {
                break;
            }
            // A leaf whose filter is absent here was taken off with it above (or has no
            // bound in this partition).
            if let Some(c) = state.cond[i] {
                if !state.has(c, doc) {
                    continue;
                }
            }
            match partition.length_of[i] {
                Some(g) => {
                    let share = &mut progress.shares[g];
                    let before = share.bound();
                    share.read += state.most(i, doc);
                    share.unread -= bounds[i];
                    upper += share.bound() - before;
                }
                None => {
                    upper -= bounds[i];
                    upper += state.most(i, doc);
                }
            }
            promising = beats(upper, factor);
        }
        promising.then_some(factor)
    }
}

/// One worker's readers in one segment, and how far it has got there.
struct SegmentScan<'a> {
    ord: usize,
    state: State<'a>,
    groups: Vec<Vec<usize>>,
    full: Progress,
    /// Present with [`Prepared::plain`].
    plain: Option<Progress>,
    /// The threshold `required` and `proposing` were found for.
    threshold: Option<Score>,
    /// The leaves every candidate must have ([`Partition::required`]).
    required: Vec<usize>,
    /// Whether every document with the required leaves is a candidate, whatever else it
    /// has: then `proposing` does not count.
    any: bool,
    /// The leaves that propose candidates beside them ([`Partition::proposing`]); with
    /// [`Prepared::plain`], those of its bounds and the filters the others depend on.
    proposing: Vec<usize>,
    /// The next document to look at.
    target: DocId,
}

/// The longest field, in tokens, whose shared-length bound is worked out: beyond it (a
/// body) the bound is hardly below the sum of the terms' own maxima.
const SHARED_LENGTH_TOKENS: u32 = 64;

/// Scoring terms of one field (single terms, not phrases, and not depending on a filter).
///
/// Each token of a field is one occurrence of one term (tantivy's field norm counts every
/// token, pair tokens too), so in a document the frequencies of these terms add up to at
/// most its length there. Their scores together are then at most what the best split of
/// that many occurrences among them scores. For a short title that is far below the sum of
/// each term's own maximum, which assumes for every term at once the shortest title and a
/// frequency without limit: a query of five common syllables has ten or more title terms,
/// and their maxima alone came near the tenth best score at 1M articles.
struct SharedLength {
    field: Field,
    /// Per term, its leaves. A term may stand in the plan more than once (two spellings of
    /// one word, a syllable in two expansions of an abbreviation); its leaves then share one
    /// frequency.
    terms: Vec<(Term, Vec<SharedLeaf>)>,
    /// below[n]: the sum of the bounds of those among `order[..n]`.
    below: Vec<Score>,
}

/// A leaf of a [`SharedLength`]: (leaf, its rank in `order`, its BM25 weight with boost).
type SharedLeaf = (usize, usize, Bm25Weight);

impl SharedLength {
    fn groups(
        leaves: &[Leaf],
        weights: &[Option<Bm25Weight>],
        order: &[usize],
        bounds: &[Score],
    ) -> Vec<SharedLength> {
        let mut groups: Vec<SharedLength> = Vec::new();
        for (rank, &i) in order.iter().enumerate() {
            let (Some(weight), None) = (&weights[i], leaves[i].cond) else {
                continue;
            };
            let term = &leaves[i].terms[0];
            let at = match groups.iter().position(|g| g.field == term.field()) {
                Some(at) => at,
                None => {
                    groups.push(SharedLength {
                        field: term.field(),
                        terms: Vec::new(),
                        below: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let terms = &mut groups[at].terms;
            let t = match terms.iter().position(|(t, _)| t == term) {
                Some(t) => t,
                None => {
                    terms.push((term.clone(), Vec::new()));
                    terms.len() - 1
                }
            };
            terms[t].1.push((i, rank, weight.clone()));
        }
        // One term alone gains nothing from sharing.
        groups.retain(|g| g.terms.len() >= 2);
        for g in &mut groups {
            g.below = vec![0.0];
            for &i in order {
                let own = if g.has(i) { bounds[i] } else { 0.0 };
                g.below.push(g.below.last().copied().unwrap_or(0.0) + own);
            }
        }
        groups
    }

    fn has(&self, leaf: usize) -> bool {
        self.terms
            .iter()
            .any(|(_, leaves)| leaves.iter().any(|&(i, _, _)| i == leaf))
    }

    /// The most the terms among `order[..first]` can score together in a document of this
    /// field norm: the best split of its tokens among them, one token at a time to the term
    /// it raises most (BM25 is concave in the frequency, so this greedy split is the best).
    fn most(&self, first: usize, fieldnorm_id: u8) -> Score {
        if fieldnorm_id == u8::MAX {
            return Score::INFINITY;
        }
        // The field norm rounds the length down: it is below the next one.
        let tokens = FieldNormReader::id_to_fieldnorm(fieldnorm_id + 1) - 1;
        if tokens > SHARED_LENGTH_TOKENS {
            return Score::INFINITY;
        }
        // Per term, the weights of its leaves among `order[..first]`.
        let weights: Vec<Vec<&Bm25Weight>> = self
            .terms
            .iter()
            .map(|(_, leaves)| {
                leaves
                    .iter()
                    .filter(|&&(_, rank, _)| rank < first)
                    .map(|(_, _, w)| w)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut freqs = vec![0u32; weights.len()];
        let mut total = 0.0;
        for _ in 0..tokens {
            let gain = |j: usize| {
                weights[j]
                    .iter()
                    .map(|w| w.score(fieldnorm_id, freqs[j] + 1) - w.score(fieldnorm_id, freqs[j]))
                    .sum::<Score>()
            };
            let Some(best) = (0..weights.len()).max_by(|&a, &b| gain(a).total_cmp(&gain(b))) else {
                break;
            };
            total += gain(best);
            freqs[best] += 1;
        }
        total * (1.0 + BOUND_MARGIN)
    }
}

/// A [`SharedLength`] in one segment: the field's norms, and its bounds per field norm for
/// the current `first`.
struct LengthTable {
    /// `None` where the field keeps no norms: its lengths are unknown.
    fieldnorms: Option<FieldNormReader>,
    first: usize,
    /// NaN: not worked out yet.
    most: Vec<Score>,
}

impl LengthTable {
    fn new(length: &SharedLength, segment: &SegmentReader) -> tantivy::Result<LengthTable> {
        let kept = segment
            .schema()
            .get_field_entry(length.field)
            .has_fieldnorms();
        Ok(LengthTable {
            fieldnorms: match kept {
                true => Some(segment.get_fieldnorms_reader(length.field)?),
                false => None,
            },
            first: usize::MAX,
            most: vec![Score::NAN; 256],
        })
    }

    fn most(&mut self, length: &SharedLength, first: usize, doc: DocId) -> Score {
        if self.first != first {
            self.first = first;
            self.most.fill(Score::NAN);
        }
        let Some(fieldnorms) = &self.fieldnorms else {
            return Score::INFINITY;
        };
        let id = fieldnorms.fieldnorm_id(doc);
        let slot = &mut self.most[id as usize];
        if slot.is_nan() {
            *slot = length.most(first, id);
        }
        *slot
    }
}

/// What one [`SharedLength`] can still add to a candidate: the least of its shared bound
/// and what its terms read so far scored plus the bounds of those not read.
#[derive(Clone, Copy, Default)]
struct Shared {
    most: Score,
    read: Score,
    unread: Score,
}

impl Shared {
    fn bound(&self) -> Score {
        self.most.min(self.read + self.unread.max(0.0))
    }
}

/// The share of the words `doc` has, as [`Coordination`] counts them.
fn share(state: &mut State, probes: &Probes, coordination: &Coordination, doc: DocId) -> f32 {
    // Up to 64 words, as bits: this runs for every candidate.
    let mut matched = [false; 64];
    let n = probes.len().min(64);
    for (m, alternatives) in matched.iter_mut().zip(probes) {
        *m = alternatives.iter().any(|syllables| {
            syllables
                .iter()
                .all(|fields| fields.iter().any(|&i| state.has(i, doc)))
        });
    }
    coordination.share(&matched[..n])
}

/// The first document at or after `target` that has a leaf of every group, every
/// `required` leaf and a leaf of `essential`, when given, or `None` when there is none.
fn meet(
    state: &mut State,
    groups: &[Vec<usize>],
    required: &[usize],
    essential: Option<&[usize]>,
    mut target: DocId,
) -> Option<DocId> {
    // Leapfrog: go round the groups, each moving the target forward, until all of them in
    // a row have it.
    let count = groups.len() + required.len() + usize::from(essential.is_some());
    let group = |g: usize| match groups.get(g) {
        Some(g) => g.as_slice(),
        None => match required.get(g - groups.len()) {
            Some(r) => std::slice::from_ref(r),
            None => essential.unwrap_or_default(),
        },
    };
    let (mut g, mut agreed) = (0, 0);
    loop {
        let mut lowest = TERMINATED;
        for &i in group(g) {
            // Inlined for a leaf that is neither guarded nor conditional, and already there:
            // this loop runs over every essential leaf for every candidate.
            let at = state.docs[i];
            lowest = lowest.min(match at >= target && state.simple[i] {
                true => at,
                false => state.may_have_from(i, target),
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(i: usize) -> Eval {
        Eval::Leaf(i)
    }

    fn bool(clauses: Vec<(Occur, Eval)>, at_least: Option<usize>) -> Eval {
        Eval::Bool { clauses, at_least }
    }

    /// `n` leaves, none a guarded phrase.
    fn plain(n: usize) -> Vec<Leaf> {
        (0..n).map(|_| Leaf::new(Vec::new(), Some(1.0))).collect()
    }

    #[test]
    fn a_leaf_the_others_cannot_replace_is_required_and_the_rest_propose_beside_it() {
        // Bounds 1, 2, 3 and 10 (a tier). At 12, no document without the tier can beat
        // the threshold (1 + 2 + 3), and one with it needs more than 2 from the others:
        // leaf 0 (bound 1) cannot lift it alone, so it does not propose.
        let mut leaves = plain(5);
        leaves[4].boost = None;
        let bounds = vec![1.0, 2.0, 3.0, 10.0, 0.0];
        let partition = Partition::new(&leaves, bounds, &[None, None, None, None, None]);
        let proposing = |required: &[usize], threshold: Score| {
            let mut into = Vec::new();
            partition
                .proposing(required, threshold, &mut into)
                .then_some(into)
        };
        assert_eq!(partition.required(&leaves, 12.0), vec![3]);
        assert_eq!(proposing(&[3], 12.0), Some(vec![1, 2]));
        // At 13 the leaf of bound 3 is required too (1 + 2 + 10), and a document with both
        // needs more than 0 from the rest: both propose.
        assert_eq!(partition.required(&leaves, 13.0), vec![3, 2]);
        assert_eq!(proposing(&[3, 2], 13.0), Some(vec![0, 1]));
        // At 16 nothing can beat it: nothing proposes.
        assert_eq!(proposing(&[3, 2, 1, 0], 16.0), Some(vec![]));
        // At 8 the tier is required (the others make 6) and alone may beat it: every
        // document with it is a candidate.
        assert_eq!(partition.required(&leaves, 8.0), vec![3]);
        assert_eq!(proposing(&[3], 8.0), None);
        // Below 6 nothing is required, and the essential leaves propose, as without.
        assert_eq!(partition.required(&leaves, 5.5), Vec::<usize>::new());
        assert_eq!(proposing(&[], 5.5), Some(vec![2, 3]));
        // A leaf that adds only beside a filter is never required: the plain partition
        // bounds it at 0 where the filter is absent.
        leaves[3].cond = Some(4);
        assert_eq!(partition.required(&leaves, 12.0), Vec::<usize>::new());
    }

    fn term(text: &str) -> Node {
        Node::Term {
            field: Field::from_field_id(0),
            text: text.to_owned(),
        }
    }

    /// A one-field index in memory (field 0, analysed as the folded level), one document
    /// per text, in one segment.
    fn folded_index<'a>(texts: impl IntoIterator<Item = &'a str>) -> Searcher {
        let texts: Vec<&str> = texts.into_iter().collect();
        folded_segments(&[texts.as_slice()])
    }

    /// Like [`folded_index`], one segment per batch of texts.
    fn folded_segments(batches: &[&[&str]]) -> Searcher {
        use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
        let mut builder = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(crate::text::tokenize::FOLDED_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let f = builder.add_text_field("f", TextOptions::default().set_indexing_options(indexing));
        let index = tantivy::Index::create_in_ram(builder.build());
        crate::index::schema::register_analyzers(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for batch in batches {
            for text in *batch {
                let mut doc = tantivy::TantivyDocument::default();
                doc.add_text(f, text);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        index.reader().unwrap().searcher()
    }

    fn field_term(text: &str) -> Term {
        Term::from_field_text(Field::from_field_id(0), text)
    }

    fn phrase(texts: &[&str]) -> Node {
        Node::Phrase {
            field: Field::from_field_id(0),
            texts: texts.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn the_kth_best_score_is_exact_from_the_kth_push_on() {
        let mut kth = KthBest::new(3);
        for s in [5.0, 1.0] {
            kth.push(s);
            assert_eq!(kth.score(), None);
        }
        kth.push(3.0);
        assert_eq!(kth.score(), Some(1.0));
        kth.push(0.5);
        assert_eq!(kth.score(), Some(1.0));
        kth.push(4.0);
        assert_eq!(kth.score(), Some(3.0));
        // A tie with the k-th does not enter: it came later, so it loses the tie.
        kth.push(3.0);
        assert_eq!(kth.score(), Some(3.0));
        kth.push(9.0);
        assert_eq!(kth.score(), Some(4.0));
    }

    #[test]
    fn the_shared_threshold_is_the_kth_best_of_every_workers_scores() {
        let shared = SharedKth::new(3);
        std::thread::scope(|s| {
            s.spawn(|| [5.0, 4.0, 0.5].into_iter().for_each(|x| shared.push(x)));
            s.spawn(|| [6.0, 1.0, 2.0].into_iter().for_each(|x| shared.push(x)));
        });
        // Each worker's own third best is 0.5 and 1.0; the third best of all six is 4.0.
        assert_eq!(shared.get(), Some(4.0));
        let few = SharedKth::new(3);
        few.push(2.0);
        few.push(1.0);
        assert_eq!(few.get(), None);
    }

    #[test]
    fn a_phrase_beside_filters_on_all_its_pairs_is_guarded_by_them() {
        let filter = |t: &str| (Occur::Must, Node::Filter(Box::new(term(t))));
        let plan = Node::Bool {
            clauses: vec![
                (Occur::Must, phrase(&["ban", "chap", "hanh"])),
                filter("chap hanh"),
                filter("ban chap"),
                (Occur::Should, term("dang")),
            ],
            at_least: None,
        };
        let c = compile(&plan);
        assert_eq!(c.leaves[0].guards, [2, 1]);
        assert!(c.leaves[1].freqs && c.leaves[2].freqs && !c.leaves[3].freqs);
        // Candidates come from the pair tokens alone: no group reads the phrase.
        let cost = |g: &[usize]| g.len() as u64;
        let groups = c.root.required(&c.leaves, &cost);
        assert!(groups.iter().all(|g| !g.contains(&0)), "{groups:?}");
        assert!(groups.contains(&vec![1]) && groups.contains(&vec![2]));
    }

    #[test]
    fn a_term_beside_a_filter_depends_on_it_and_a_filter_is_read_once() {
        let unaccented = || (Occur::Must, Node::Filter(Box::new(term("yes"))));
        let reading = |t: &str| Node::Bool {
            clauses: vec![(Occur::Must, term(t)), unaccented()],
            at_least: None,
        };
        let plan = Node::Bool {
            clauses: vec![
                (Occur::Should, reading("thi")),
                (Occur::Should, reading("chi")),
                (Occur::Should, term("dang")),
                (Occur::MustNot, term("xa")),
            ],
            at_least: None,
        };
        let c = compile(&plan);
        // thi, yes, chi, dang, xa: the second filter on "yes" is the first one's leaf.
        assert_eq!(c.leaves.len(), 5);
        assert_eq!(c.leaves[0].cond, Some(1));
        assert_eq!(c.leaves[2].cond, Some(1));
        assert_eq!(c.leaves[3].cond, None);
        assert_eq!(c.leaves[4].cond, None);
    }

    /// Documents with the rare filter a leaf depends on are bounded apart from the others:
    /// in those without it, the leaf bounds nothing. The hits are the same, for every `k`,
    /// with one worker or several, in one segment or three.
    #[test]
    fn documents_without_a_rare_filter_are_bounded_without_the_leaves_that_need_it() {
        let texts: Vec<String> = (0..900)
            .map(|n| match n % 150 {
                // "thi" beside "yes" scores far more than anything else can.
                17 => "thi thi thi yes".to_owned(),
                90 => "thi yes dang".to_owned(),
                // "thi" without "yes" adds nothing.
                5..=40 => format!("thi dang {}", "khac ".repeat(n % 7)),
                _ => format!("dang {}xa", "khac ".repeat(n % 5)),
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let reading = Node::Bool {
            clauses: vec![
                (Occur::Must, term("thi")),
                (Occur::Must, Node::Filter(Box::new(term("yes")))),
            ],
            at_least: None,
        };
        let plan = Node::Bool {
            clauses: vec![
                (Occur::Should, Node::Boost(Box::new(reading), 4.0)),
                (Occur::Should, term("dang")),
                (Occur::Should, term("xa")),
            ],
            at_least: None,
        };
        for searcher in [
            folded_index(texts.iter().copied()),
            folded_segments(&[&texts[..300], &texts[300..650], &texts[650..]]),
        ] {
            let prepared = Prepared::new(&searcher, &plan, &[], None, 10, false).unwrap();
            let plain = prepared.plain.as_ref().expect("the filter is rare");
            let thi = 0;
            assert_eq!(prepared.compiled.leaves[thi].cond, Some(1));
            assert!(prepared.full.bounds[thi] > 0.0);
            assert_eq!(plain.bounds[thi], 0.0);
            for k in [1, 3, 6, 12, 40, 1000] {
                let hits = |exhaustive, threads| {
                    top_k(&searcher, &plan, &[], None, k, exhaustive, threads).unwrap()
                };
                let all = hits(true, Threads::Exactly(1));
                assert_eq!(all.len(), k.min(900));
                for n in [1, 2, 3] {
                    assert_eq!(
                        hits(false, Threads::Exactly(n)),
                        all,
                        "k = {k}, {n} workers"
                    );
                }
            }
        }
    }

    /// Two phrases share the pair guard "binh cao". Looking for the next candidate of the
    /// first ("an binh cao") must not move that shared guard past a document that has the
    /// second ("duong binh cao"): here the best one.
    #[test]
    fn a_shared_guard_is_not_moved_past_a_document_another_phrase_needs() {
        let searcher = folded_index([
            "an binh cao",
            "an binh cao",
            "duong binh cao duong binh cao",
            "an binh cao",
            "an xa",
            "an xa",
            "an xa",
            "an xa",
        ]);
        let guarded = |first: &str| {
            let filter =
                |a: &str, b: &str| (Occur::Must, Node::Filter(Box::new(term(&pair(a, b)))));
            Node::Bool {
                clauses: vec![
                    (Occur::Must, phrase(&[first, "binh", "cao"])),
                    filter(first, "binh"),
                    filter("binh", "cao"),
                ],
                at_least: None,
            }
        };
        let plan = Node::Bool {
            clauses: vec![
                (Occur::Should, guarded("an")),
                (Occur::Should, guarded("duong")),
            ],
            at_least: None,
        };
        let docs = |exhaustive| {
            top_k(&searcher, &plan, &[], None, 2, exhaustive, Threads::Auto)
                .unwrap()
                .into_iter()
                .map(|(_, d)| d.doc_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(docs(true)[0], 2);
        assert_eq!(docs(false), docs(true));
    }

    /// However many workers share the chunks of however many segments, the hits are those
    /// of one scan in address order: the same documents, scores and order, ties to the
    /// lower address. A small vocabulary makes ties common.
    #[test]
    fn workers_find_the_hits_of_one_scan() {
        let words = ["an", "binh", "cao", "dong", "xa", "yen", "phu", "tho"];
        let mut seed = 7u64;
        let mut text = |n: usize| {
            (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    words[(seed >> 33) as usize % words.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let texts: Vec<String> = (0..420).map(|i| text(1 + i % 9)).collect();
        let t: Vec<&str> = texts.iter().map(String::as_str).collect();
        let searcher = folded_segments(&[&t[..250], &t[250..260], &t[260..]]);
        assert_eq!(searcher.segment_readers().len(), 3);
        let should = |ts: &[&str]| Node::Bool {
            clauses: ts.iter().map(|t| (Occur::Should, term(t))).collect(),
            at_least: None,
        };
        let plans = [
            should(&["an", "binh", "cao"]),
            should(&["an", "tho", &pair("an", "binh"), &pair("yen", "phu")]),
            Node::Bool {
                clauses: vec![
                    (Occur::Must, term("xa")),
                    (Occur::Should, term("dong")),
                    (Occur::Should, phrase(&["binh", "cao"])),
                ],
                at_least: None,
            },
            Node::Bool {
                clauses: ["an", "binh", "cao", "dong"]
                    .iter()
                    .map(|t| (Occur::Should, term(t)))
                    .collect(),
                at_least: Some(3),
            },
        ];
        for (p, plan) in plans.iter().enumerate() {
            for k in [1, 4, 25, 1000] {
                let hits = |exhaustive, threads| {
                    top_k(&searcher, plan, &[], None, k, exhaustive, threads).unwrap()
                };
                let one = hits(false, Threads::Exactly(1));
                assert!(!one.is_empty(), "plan {p}");
                assert_eq!(one, hits(true, Threads::Exactly(1)), "plan {p}, k = {k}");
                for n in [2, 3, 5] {
                    for exhaustive in [false, true] {
                        assert_eq!(
                            hits(exhaustive, Threads::Exactly(n)),
                            one,
                            "plan {p}, k = {k}, {n} workers, exhaustive: {exhaustive}"
                        );
                    }
                }
            }
        }
    }

    /// A shared length of field 0 over `terms`.
    fn one_field(terms: Vec<(Term, Vec<SharedLeaf>)>) -> SharedLength {
        SharedLength {
            field: Field::from_field_id(0),
            terms,
            below: Vec::new(),
        }
    }

    /// The bound of `length`'s first `first` terms at field norm `id` is never below `best`,
    /// the best split found by trying every one, and above it by no more than the margin.
    fn assert_best_split(length: &SharedLength, first: usize, id: u8, best: Score) {
        let bound = length.most(first, id);
        assert!(bound >= best, "id {id}: {bound} < {best}");
        assert!(
            bound <= best * (1.0 + 2.0 * BOUND_MARGIN),
            "id {id}: {bound} > {best}"
        );
    }

    /// The greedy split of a field's tokens scores what the best split does, found here by
    /// trying every split; a split never scores more.
    #[test]
    fn the_shared_length_bound_is_the_best_split_of_the_tokens() {
        let weights = [
            Bm25Weight::for_one_term(10, 1000, 8.0),
            Bm25Weight::for_one_term(100, 1000, 8.0).boost_by(2.0),
            Bm25Weight::for_one_term(500, 1000, 8.0),
        ];
        let length = one_field(
            ["a", "b", "c"]
                .iter()
                .zip(&weights)
                .enumerate()
                .map(|(i, (t, w))| (field_term(t), vec![(i, i, w.clone())]))
                .collect(),
        );
        for id in 0..=12u8 {
            let tokens = FieldNormReader::id_to_fieldnorm(id + 1) - 1;
            let mut best: Score = 0.0;
            for a in 0..=tokens {
                for b in 0..=tokens - a {
                    for c in 0..=tokens - a - b {
                        let split = [a, b, c];
                        let total: Score =
                            weights.iter().zip(split).map(|(w, f)| w.score(id, f)).sum();
                        best = best.max(total);
                    }
                }
            }
            assert_best_split(&length, 3, id, best);
            // Only the terms before `first` are shared: the first alone here.
            let first = (0..=tokens)
                .map(|f| weights[0].score(id, f))
                .fold(0.0, Score::max);
            assert_best_split(&length, 1, id, first);
        }
        // No tokens, no score; a length the norm cannot bound is not bounded.
        assert_eq!(length.most(3, 0), 0.0);
        assert_eq!(length.most(3, u8::MAX), Score::INFINITY);
    }

    /// A term that stands in the plan twice has one frequency in a document, counted by
    /// both its leaves: a title of one token "hai" scores for both.
    #[test]
    fn a_term_with_two_leaves_spends_its_tokens_once_for_both() {
        let weights = [
            Bm25Weight::for_one_term(10, 1000, 8.0),
            Bm25Weight::for_one_term(10, 1000, 8.0).boost_by(1.5),
            Bm25Weight::for_one_term(300, 1000, 8.0),
        ];
        let length = one_field(vec![
            (
                field_term("hai"),
                vec![(0, 0, weights[0].clone()), (1, 1, weights[1].clone())],
            ),
            (field_term("quan"), vec![(2, 2, weights[2].clone())]),
        ]);
        for id in 0..=12u8 {
            let tokens = FieldNormReader::id_to_fieldnorm(id + 1) - 1;
            let mut best: Score = 0.0;
            for a in 0..=tokens {
                for b in 0..=tokens - a {
                    let total =
                        weights[0].score(id, a) + weights[1].score(id, a) + weights[2].score(id, b);
                    best = best.max(total);
                }
            }
            assert_best_split(&length, 3, id, best);
        }
    }

    /// A term that counts only beside a rare filter, though common itself, proposes only
    /// the documents that have both; the best hits are those of scoring every match.
    #[test]
    fn a_term_beside_a_rare_filter_proposes_only_documents_with_both() {
        let searcher = folded_index((0..600).map(|n| match n % 100 {
            7 => "nghe nghe nghe yes",
            50 => "nghe yes",
            3 | 60 | 61 | 10..=39 => "nghe khac",
            _ => "moc khac",
        }));
        let plan = Node::Bool {
            clauses: vec![
                (
                    Occur::Should,
                    Node::Bool {
                        clauses: vec![
                            (Occur::Must, term("nghe")),
                            (Occur::Must, Node::Filter(Box::new(term("yes")))),
                        ],
                        at_least: None,
                    },
                ),
                (Occur::Should, term("moc")),
            ],
            at_least: None,
        };
        assert_eq!(compile(&plan).leaves[0].cond, Some(1));
        // Every match is found: "nghe" beside "yes", or "moc".
        let mut all: Vec<DocId> = top_k(&searcher, &plan, &[], None, 1000, true, Threads::Auto)
            .unwrap()
            .into_iter()
            .map(|(_, d)| d.doc_id)
            .collect();
        all.sort_unstable();
        let matching: Vec<DocId> = (0..600)
            .filter(|n| ![3, 60, 61].contains(&(n % 100)) && !(10..40).contains(&(n % 100)))
            .collect();
        assert_eq!(all, matching);
        // The best are the six with "nghe" three times beside "yes".
        for k in [1, 3, 6, 10] {
            let hits = |exhaustive, threads| {
                top_k(&searcher, &plan, &[], None, k, exhaustive, threads).unwrap()
            };
            let (pruned, all) = (hits(false, Threads::Auto), hits(true, Threads::Auto));
            assert_eq!(pruned.len(), k);
            assert_eq!(pruned, all, "k = {k}");
            for n in [2, 3] {
                assert_eq!(
                    hits(false, Threads::Exactly(n)),
                    pruned,
                    "k = {k}, {n} threads"
                );
            }
            assert!(
                pruned.iter().take(6).all(|(_, d)| d.doc_id % 100 == 7),
                "{pruned:?}"
            );
        }
    }

    #[test]
    fn a_phrase_missing_a_pair_filter_is_not_guarded() {
        let plan = Node::Bool {
            clauses: vec![
                (Occur::Must, phrase(&["ban", "chap", "hanh"])),
                (Occur::Must, Node::Filter(Box::new(term("ban chap")))),
                // A scoring term, not a filter, proves nothing about frequencies.
                (Occur::Must, term("chap hanh")),
            ],
            at_least: None,
        };
        let c = compile(&plan);
        assert!(c.leaves[0].guards.is_empty());
        assert!(!c.leaves[1].freqs);
        let cost = |g: &[usize]| g.len() as u64;
        assert!(c.root.required(&c.leaves, &cost).contains(&vec![0]));
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
        assert_eq!(e.required(&plain(5), &cost), vec![vec![0], vec![2, 1]]);
    }

    #[test]
    fn at_least_n_of_m_needs_one_of_the_m_minus_n_plus_1_cheapest() {
        let sizes = [40u64, 10, 30, 20];
        let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
        let any = |n| bool((0..4).map(|i| (Occur::Should, leaf(i))).collect(), Some(n));
        // 3 of 4: any two of them cover every match; the two cheapest are 1 and 3.
        assert_eq!(any(3).required(&plain(5), &cost), vec![vec![1, 3]]);
        // 1 of 4: all of them.
        assert_eq!(any(1).required(&plain(5), &cost), vec![vec![1, 3, 2, 0]]);
        // 4 of 4: one alone covers.
        assert_eq!(any(4).required(&plain(5), &cost), vec![vec![1]]);
    }
}
