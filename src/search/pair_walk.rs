//! How often each combination of two syllables' accented readings occurs as a phrase in
//! bodies, in one walk of their common pair token's postings, shared among rayon's workers.
//!
//! Every reading of a syllable has the same folded spelling, so every combination has the
//! same pair token: walking its postings once and asking each reading's postings about its
//! documents counts all combinations at once, instead of one three-list intersection each.
//! At 1M articles the pair token of two common syllables ("cua minh") has hundreds of
//! thousands of postings. Understanding such a query took 4-12 ms there, on one core while
//! the other idled, and this walk was the part of it that profiles showed.

use super::parallel::{chunks, Chunk};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use tantivy::postings::SegmentPostings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, SegmentReader, Term, TERMINATED};

/// Below this many postings of the pair token (32 blocks), one worker walks them, so that a
/// rare pair does not wake another to open readers for nothing. A judgement, not measured:
/// the walks that cost anything have hundreds of times more.
const PARALLEL_FROM: u64 = 4096;

/// What to count: the pair token's postings in the folded body field, and each reading's
/// postings in the exact one.
pub(super) struct PairWalk<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) body: Field,
    pub(super) body_folded: Field,
    pub(super) pair: &'a str,
    pub(super) first: &'a [&'a str],
    pub(super) second: &'a [&'a str],
}

/// Counts shared by the workers. A worker adds its counts before the documents it read,
/// so the documents not yet read bound how much any count can still grow.
struct WorkerCounts {
    counts: Vec<AtomicU64>,
    read: AtomicU64,
    /// Postings of the pair token in the whole index, deleted documents included.
    total: u64,
    /// The counts a worker found decided, once one has.
    decided: Mutex<Option<Vec<u64>>>,
    next: AtomicUsize,
}

impl WorkerCounts {
    fn is_decided(&self) -> bool {
        self.decided
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Adds a worker's counts and documents read, and resets them.
    fn flush(&self, counts: &mut [u64], read: &mut u64) {
        for (shared, own) in self.counts.iter().zip(counts.iter_mut()) {
            shared.fetch_add(std::mem::take(own), Ordering::SeqCst);
        }
        self.read.fetch_add(std::mem::take(read), Ordering::SeqCst);
    }

    /// Whether one count now leads every other by more than the documents left, which
    /// could at most add one to each: then no other can catch it up. The documents read
    /// are taken before the counts, so every one of them is in the counts.
    fn decide(&self) -> bool {
        let left = self.total.saturating_sub(self.read.load(Ordering::SeqCst));
        let counts: Vec<u64> = self
            .counts
            .iter()
            .map(|c| c.load(Ordering::SeqCst))
            .collect();
        if !leads_by_more_than(&counts, left) {
            return false;
        }
        let mut decided = self.decided.lock().unwrap_or_else(|e| e.into_inner());
        decided.get_or_insert(counts);
        true
    }
}

/// Whether the highest of `counts` exceeds the second highest by more than `left`.
fn leads_by_more_than(counts: &[u64], left: u64) -> bool {
    let (mut best, mut next) = (0, 0);
    for &n in counts {
        if n > best {
            (best, next) = (n, best);
        } else if n > next {
            next = n;
        }
    }
    best > next.saturating_add(left)
}

/// One worker's readers in one segment.
struct Readers {
    segment: usize,
    pairs: Option<SegmentPostings>,
    xs: Vec<Option<SegmentPostings>>,
    ys: Vec<Option<SegmentPostings>>,
}

fn has(postings: &mut Option<SegmentPostings>, doc: u32) -> bool {
    postings.as_mut().is_some_and(|p| {
        if p.doc() < doc {
            p.seek(doc);
        }
        p.doc() == doc
    })
}

impl PairWalk<'_> {
    /// The counts of `first[i]` `second[j]`, row by row, and whether the walk stopped
    /// early. With `decide_every`, the walk stops once one count leads every other by more
    /// than the documents left, asked every so many documents a worker reads: the others are
    /// then only lower bounds, but none can reach the leader. `workers`: how many share the
    /// walk (`None`: rayon's pool, or one for a short walk).
    pub(super) fn counts(
        &self,
        decide_every: Option<u64>,
        workers: Option<usize>,
    ) -> (Vec<u64>, bool) {
        let term = Term::from_field_text(self.body_folded, self.pair);
        let total = self.searcher.doc_freq(&term).unwrap_or(u64::MAX);
        let workers = workers.unwrap_or(match total < PARALLEL_FROM {
            true => 1,
            false => rayon::current_num_threads(),
        });
        let chunks = chunks(self.searcher, workers.max(1));
        let shared = WorkerCounts {
            counts: (0..self.first.len() * self.second.len())
                .map(|_| AtomicU64::new(0))
                .collect(),
            read: AtomicU64::new(0),
            total,
            decided: Mutex::new(None),
            next: AtomicUsize::new(0),
        };
        let work = || self.walk(&chunks, &shared, decide_every);
        if workers <= 1 {
            work();
        } else {
            rayon::scope(|s| {
                for _ in 1..workers {
                    s.spawn(|_| work());
                }
                work();
            });
        }
        let decided = shared
            .decided
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        match decided {
            Some(counts) => (counts, true),
            None => (
                shared
                    .counts
                    .into_iter()
                    .map(AtomicU64::into_inner)
                    .collect(),
                false,
            ),
        }
    }

    fn open(&self, segment: usize, reader: &SegmentReader) -> Readers {
        let open = |field: Field, text: &str| -> Option<SegmentPostings> {
            reader
                .inverted_index(field)
                .ok()?
                .read_postings(
                    &Term::from_field_text(field, text),
                    IndexRecordOption::Basic,
                )
                .ok()?
        };
        let pairs = open(self.body_folded, self.pair);
        let (xs, ys) = match pairs {
            Some(_) => (
                self.first.iter().map(|x| open(self.body, x)).collect(),
                self.second.iter().map(|y| open(self.body, y)).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        Readers {
            segment,
            pairs,
            xs,
            ys,
        }
    }

    /// One worker: takes chunks until none are left or the counts are decided.
    fn walk(&self, chunks: &[Chunk], shared: &WorkerCounts, decide_every: Option<u64>) {
        let width = self.second.len();
        let mut counts = vec![0u64; self.first.len() * width];
        let mut read = 0u64;
        let mut open: Option<Readers> = None;
        while let Some(chunk) = chunks.get(shared.next.fetch_add(1, Ordering::SeqCst)) {
            if decide_every.is_some() && shared.is_decided() {
                return;
            }
            let segment = &self.searcher.segment_readers()[chunk.segment];
            if open.as_ref().is_none_or(|r| r.segment != chunk.segment) {
                open = Some(self.open(chunk.segment, segment));
            }
            let Some(r) = open.as_mut() else { continue };
            let Some(pairs) = r.pairs.as_mut() else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = pairs.doc();
            if doc < chunk.from {
                doc = pairs.seek(chunk.from);
            }
            while doc < chunk.to && doc != TERMINATED {
                read += 1;
                // The second syllable's readings found at a document, as bits.
                let mut in_y = 0u64;
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    for (j, y) in r.ys.iter_mut().enumerate() {
                        if has(y, doc) {
                            in_y |= 1 << j;
                        }
                    }
                }
                if in_y != 0 {
                    for (i, x) in r.xs.iter_mut().enumerate() {
                        if has(x, doc) {
                            for (j, count) in counts[i * width..][..width].iter_mut().enumerate() {
                                *count += (in_y >> j) & 1;
                            }
                        }
                    }
                }
                if decide_every.is_some_and(|n| read.is_multiple_of(n)) {
                    shared.flush(&mut counts, &mut read);
                    if shared.decide() {
                        return;
                    }
                }
                doc = pairs.advance();
            }
        }
        shared.flush(&mut counts, &mut read);
    }
}
