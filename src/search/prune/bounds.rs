//! What each leaf can add to a document, sorted: which leaves are essential, which are
//! required, and which propose candidates, as the threshold rises.

use super::*;

/// The scoring leaves sorted by what they can add to a document, and the sums of those
/// bounds that decide which leaves are essential.
pub(super) struct Partition {
    /// Per leaf, the most it adds to a document (0 for a leaf that does not score).
    pub(super) bounds: Vec<Score>,
    /// The scoring leaves, lowest bound first.
    pub(super) order: Vec<usize>,
    /// below[i]: the most a document can score from order[..i] alone.
    pub(super) below: Vec<Score>,
    /// The filters scoring leaves with a bound depend on.
    pub(super) conds: Vec<usize>,
    /// cond_below[c][n]: how much of below[n] comes from leaves that depend on conds[c],
    /// none of which adds anything where it is absent.
    pub(super) cond_below: Vec<Vec<Score>>,
    pub(super) lengths: Vec<SharedLength>,
    pub(super) length_of: Vec<Option<usize>>,
}

/// The filters scoring leaves depend on are rare when they match at most one document in
/// this many: then the documents without them are bounded apart
/// ([`Partition::without_conds`]).
pub(super) const RARE_CONDS: u64 = 10;

impl Partition {
    pub(super) fn new(
        leaves: &[Leaf],
        bounds: Vec<Score>,
        term_weights: &[Option<Bm25Weight>],
    ) -> Self {
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
    pub(super) fn without_conds(
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
    pub(super) fn required(&self, leaves: &[Leaf], threshold: Score) -> Vec<usize> {
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
    pub(super) fn proposing(
        &self,
        required: &[usize],
        threshold: Score,
        into: &mut Vec<usize>,
    ) -> bool {
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
pub(super) struct ScanProgress {
    /// order[first..] are the essential leaves.
    pub(super) first: usize,
    pub(super) tables: Vec<LengthTable>,
    pub(super) shares: Vec<SharedRead>,
}

impl ScanProgress {
    pub(super) fn new(
        partition: &Partition,
        segment: &SegmentReader,
    ) -> tantivy::Result<ScanProgress> {
        Ok(ScanProgress {
            first: 0,
            tables: partition
                .lengths
                .iter()
                .map(|l| LengthTable::new(l, segment))
                .collect::<tantivy::Result<Vec<_>>>()?,
            shares: vec![SharedRead::default(); partition.lengths.len()],
        })
    }

    /// Moves `first` past the leaves that can no longer lift a document above `threshold`.
    pub(super) fn raise(&mut self, partition: &Partition, threshold: Score) {
        while self.first < partition.order.len() && partition.below[self.first + 1] <= threshold {
            self.first += 1;
        }
    }
}
