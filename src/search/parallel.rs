//! How one search shares the cores: the thread count, the index cut into chunks that
//! workers take in address order, the k-th best score all workers prune by, and the count
//! of matches that runs beside the scan.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};
use std::sync::Mutex;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Score, Searcher, TERMINATED};

/// How many threads one search scans with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// All of rayon's pool (`RAYON_NUM_THREADS`, else one per core), however little work
    /// the query has: the workers share the threshold of the best hits, so even small
    /// queries finish sooner shared (bench/README.md, "Where the time goes").
    #[default]
    Auto,
    /// This many workers, whatever the work: for checks that the hits do not depend on it.
    Exactly(usize),
}

impl Threads {
    /// Whether a search has more than one thread, so that counting can run beside it.
    pub(crate) fn to_spare(self) -> bool {
        match self {
            Threads::Auto => rayon::current_num_threads() > 1,
            Threads::Exactly(n) => n > 1,
        }
    }
}

/// Chunks per worker: enough that a worker whose chunks hold few candidates takes over
/// others' (candidates crowd where an index holds one source's articles), few enough that
/// each is worth handing out.
const CHUNKS_PER_WORKER: u32 = 8;

/// A range of documents of one segment, scanned by one worker.
pub(super) struct Chunk {
    pub(super) segment: usize,
    pub(super) from: DocId,
    pub(super) to: DocId,
}

/// The segments cut into chunks of about equal size, in address order: workers take them
/// in that order, so each one's candidates come in address order too. One worker takes
/// each segment whole.
pub(super) fn chunks(searcher: &Searcher, workers: usize) -> Vec<Chunk> {
    let segments = searcher.segment_readers();
    let total: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    let size = match workers {
        1 => DocId::MAX,
        n => {
            let pieces = (n as u64).saturating_mul(u64::from(CHUNKS_PER_WORKER));
            DocId::try_from(total.div_ceil(pieces))
                .unwrap_or(DocId::MAX)
                .max(1)
        }
    };
    let mut chunks = Vec::new();
    for (segment, reader) in segments.iter().enumerate() {
        let mut from = 0;
        while from < reader.max_doc() {
            let to = from.saturating_add(size).min(reader.max_doc());
            chunks.push(Chunk { segment, from, to });
            from = to;
        }
    }
    chunks
}

/// The `k`-th best score of every document any worker has scored so far. The documents are
/// distinct (each chunk is one worker's), so it is at most the final `k`-th best score: a
/// threshold every worker may prune by.
///
/// Each worker keeping its own best `k` and pruning by the highest of their `k`-th scores
/// was far weaker: where the best documents are spread over the index, each worker holds
/// only some of them. On "tp hcm hai quan bat" at 1M articles, two workers ended with a
/// threshold of 109 where one scan reached 174, and scanned 17% more candidates between
/// them than one worker did alone.
///
/// The lock is taken only for a score that enters the best `k`; the current threshold is
/// read without it. Scores are not negative, and the bits of such floats order as the
/// floats do; 0 stands for none yet.
pub(super) struct SharedKth {
    best: Mutex<KthBest>,
    threshold: AtomicU32,
}

impl SharedKth {
    pub(super) fn new(k: usize) -> SharedKth {
        SharedKth {
            best: Mutex::new(KthBest::new(k)),
            threshold: AtomicU32::new(0),
        }
    }

    pub(super) fn get(&self) -> Option<Score> {
        match self.threshold.load(AtomicOrdering::Relaxed) {
            0 => None,
            bits => Some(Score::from_bits(bits)),
        }
    }

    /// Counts the score of one more document.
    pub(super) fn push(&self, score: Score) {
        if self.get().is_some_and(|t| score <= t) {
            return;
        }
        // A worker that panicked while holding the lock left a heap that is still valid.
        let mut best = self.best.lock().unwrap_or_else(|e| e.into_inner());
        best.push(score);
        // Written only under the lock, and the heap's k-th best only rises.
        if let Some(t) = best.score().filter(|&t| t > 0.0) {
            self.threshold.store(t.to_bits(), AtomicOrdering::Relaxed);
        }
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

/// The `k`-th best score seen so far, exactly. Documents come in address order and ties go
/// to the lower address, so a later document must beat it to enter the top. (tantivy's
/// `TopNComputer` raises its own threshold only each time its buffer of `2k` fills, which
/// can leave it far below the `k`-th best for the rest of a search.)
pub(super) struct KthBest {
    k: usize,
    /// The best `k` scores, the lowest on top.
    best: BinaryHeap<Reverse<TotalScore>>,
}

/// A score ordered by [`f32::total_cmp`].
#[derive(Clone, Copy, PartialEq)]
struct TotalScore(Score);

impl Eq for TotalScore {}

impl PartialOrd for TotalScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TotalScore {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl KthBest {
    pub(super) fn new(k: usize) -> KthBest {
        KthBest {
            k,
            best: BinaryHeap::with_capacity(k + 1),
        }
    }

    pub(super) fn push(&mut self, score: Score) {
        if self.best.len() < self.k {
            self.best.push(Reverse(TotalScore(score)));
        } else if self.score().is_some_and(|t| score > t) {
            self.best.pop();
            self.best.push(Reverse(TotalScore(score)));
        }
    }

    /// `None` until `k` scores are held.
    pub(super) fn score(&self) -> Option<Score> {
        if self.best.len() < self.k {
            return None;
        }
        self.best.peek().map(|Reverse(TotalScore(s))| *s)
    }
}
