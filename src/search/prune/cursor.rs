//! Per document: each leaf's reader, whether it has the document and what it scores there,
//! and for a guarded phrase the bound its pair tokens give without reading positions.

use super::*;

/// Per document: whether each leaf matches and what it scores.
pub(super) struct Cursors<'a> {
    pub(super) leaves: &'a [Leaf],
    /// Per guarded phrase, its BM25 weight with its boost: what it scores at a frequency.
    pub(super) phrase_weights: &'a [Option<Bm25Weight>],
    pub(super) scorers: Vec<Box<dyn Scorer>>,
    /// Each scorer's current document, kept here to spare a dynamic call per look.
    pub(super) docs: Vec<DocId>,
    /// For a guarded phrase: `docs` holds only a bound (see [`Cursors::has`]).
    pub(super) unsure: Vec<bool>,
    /// Whether each leaf is a guarded phrase, kept here because finding candidates asks
    /// it of every essential leaf for every candidate, and the leaves are far apart.
    pub(super) guarded: Vec<bool>,
    /// Each leaf's condition ([`Leaf::cond`]), likewise.
    pub(super) cond: Vec<Option<usize>>,
    /// Whether each leaf is neither guarded nor has a condition: its next document is then
    /// `docs`, whatever it is asked.
    pub(super) simple: Vec<bool>,
    /// Per leaf with a condition, its own reader of it ([`Cursors::seek_with_cond`]); the
    /// outer `None`: not opened yet.
    pub(super) conds: Vec<Option<Option<Box<dyn Scorer>>>>,
    pub(super) weights: &'a [Box<dyn Weight>],
    pub(super) segment: &'a SegmentReader,
    /// The document `score` holds values for.
    pub(super) at: Vec<DocId>,
    pub(super) score: Vec<Score>,
}

impl Cursors<'_> {
    /// Whether leaf `i` is known to lack `doc` without moving: an unguarded leaf is on its
    /// next document, and never moves backwards. Then it adds nothing at `doc`.
    #[inline]
    pub(super) fn is_past(&self, i: usize, doc: DocId) -> bool {
        !self.guarded[i] && self.docs[i] > doc
    }

    /// Moves leaf `i` to `doc` (never backwards) and says whether it has it.
    pub(super) fn has(&mut self, i: usize, doc: DocId) -> bool {
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
    pub(super) fn seek(&mut self, i: usize, doc: DocId) -> DocId {
        if self.docs[i] < doc {
            self.docs[i] = self.scorers[i].seek(doc);
        }
        self.docs[i]
    }

    /// Leaf `i`'s score at `doc`, which it must have.
    pub(super) fn score(&mut self, i: usize, doc: DocId) -> Score {
        if self.at[i] != doc {
            self.at[i] = doc;
            self.score[i] = self.scorers[i].score();
        }
        self.score[i]
    }

    /// The first document at or after `target` that leaf `i` may have: for a guarded
    /// phrase, the first that has all its guards, which reads no positions.
    pub(super) fn may_have_from(&mut self, i: usize, target: DocId) -> DocId {
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
    pub(super) fn seek_with_cond(&mut self, i: usize, c: usize, target: DocId) -> DocId {
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
    pub(super) fn take_cond(&mut self, i: usize, c: usize) -> Option<Box<dyn Scorer>> {
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
    pub(super) fn upper_bound(&mut self, i: usize, doc: DocId) -> Score {
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

    pub(super) fn has_score(&mut self, i: usize, doc: DocId) -> Score {
        if self.has(i, doc) {
            self.score(i, doc)
        } else {
            0.0
        }
    }
}

/// A guard's postings, read with frequencies, and its field's lengths: enough to bound the
/// phrase it guards. Matches like the filter it stands for, scores nothing.
pub(super) struct GuardPostings {
    pub(super) postings: SegmentPostings,
    pub(super) fieldnorms: FieldNormReader,
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
/// [`Cursors::has`]). A guard's scorer reads its frequencies; a guarded phrase's starts
/// without reading positions on to its first occurrence, which for a rare phrase of common
/// syllables can mean reading most of the segment.
pub(super) fn leaf_scorer(
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
