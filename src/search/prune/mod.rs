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

mod bounds;
mod compile;
mod cursor;
mod length;
#[cfg(test)]
mod tests;

use bounds::*;
use compile::*;
use cursor::*;
use length::*;

/// Bounds are raised by this share, so that float rounding in the sums of the real scores
/// can never make a bound too low.
pub(super) const BOUND_MARGIN: f32 = 1e-3;

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
        let mut state = Cursors {
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
            full: ScanProgress::new(&self.full, segment)?,
            plain: match &self.plain {
                Some(p) => Some(ScanProgress::new(p, segment)?),
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
            let Some(doc) = next_common_doc(state, &scan.groups, required, proposing, scan.target)
            else {
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
    fn share_factor(&self, state: &mut Cursors, doc: DocId) -> Score {
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
        state: &mut Cursors,
        partition: &Partition,
        progress: &mut ScanProgress,
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
                upper += state.upper_bound(i, doc);
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
                *share = SharedRead::default();
                continue;
            }
            *share = SharedRead {
                bound: table.upper_bound(l, first, doc).min(unread),
                read: 0.0,
                unread,
            };
            upper -= unread - share.bound;
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
                    share.read += state.upper_bound(i, doc);
                    share.unread -= bounds[i];
                    upper += share.bound() - before;
                }
                None => {
                    upper -= bounds[i];
                    upper += state.upper_bound(i, doc);
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
    state: Cursors<'a>,
    groups: Vec<Vec<usize>>,
    full: ScanProgress,
    /// Present with [`Prepared::plain`].
    plain: Option<ScanProgress>,
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

/// The share of the words `doc` has, as [`Coordination`] counts them.
fn share(state: &mut Cursors, probes: &Probes, coordination: &Coordination, doc: DocId) -> f32 {
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
fn next_common_doc(
    state: &mut Cursors,
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
