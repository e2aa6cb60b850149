//! The bound of the terms of one field that share its length: their frequencies add up to
//! at most the field's tokens.

use super::*;

/// The longest field, in tokens, whose shared-length bound is worked out: beyond it (a
/// body) the bound is hardly below the sum of the terms' own maxima.
pub(super) const SHARED_LENGTH_TOKENS: u32 = 64;

/// Scoring terms of one field (single terms, not phrases, and not depending on a filter).
///
/// Each token of a field is one occurrence of one term (tantivy's field norm counts every
/// token, pair tokens too), so in a document the frequencies of these terms add up to at
/// most its length there. Their scores together are then at most what the best split of
/// that many occurrences among them scores. For a short title that is far below the sum of
/// each term's own maximum, which assumes for every term at once the shortest title and a
/// frequency without limit: a query of five common syllables has ten or more title terms,
/// and their maxima alone came near the tenth best score at 1M articles.
pub(super) struct SharedLength {
    pub(super) field: Field,
    /// Per term, its leaves. A term may stand in the plan more than once (two spellings of
    /// one word, a syllable in two expansions of an abbreviation); its leaves then share one
    /// frequency.
    pub(super) terms: Vec<(Term, Vec<SharedLeaf>)>,
    /// below[n]: the sum of the bounds of those among `order[..n]`.
    pub(super) below: Vec<Score>,
}

/// A leaf of a [`SharedLength`]: (leaf, its rank in `order`, its BM25 weight with boost).
pub(super) type SharedLeaf = (usize, usize, Bm25Weight);

impl SharedLength {
    pub(super) fn groups(
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

    pub(super) fn has(&self, leaf: usize) -> bool {
        self.terms
            .iter()
            .any(|(_, leaves)| leaves.iter().any(|&(i, _, _)| i == leaf))
    }

    /// The most the terms among `order[..first]` can score together in a document of this
    /// field norm: the best split of its tokens among them, one token at a time to the term
    /// it raises most (BM25 is concave in the frequency, so this greedy split is the best).
    pub(super) fn upper_bound(&self, first: usize, fieldnorm_id: u8) -> Score {
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
pub(super) struct LengthTable {
    /// `None` where the field keeps no norms: its lengths are unknown.
    pub(super) fieldnorms: Option<FieldNormReader>,
    pub(super) first: usize,
    /// NaN: not worked out yet.
    pub(super) bounds: Vec<Score>,
}

impl LengthTable {
    pub(super) fn new(
        length: &SharedLength,
        segment: &SegmentReader,
    ) -> tantivy::Result<LengthTable> {
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
            bounds: vec![Score::NAN; 256],
        })
    }

    pub(super) fn upper_bound(&mut self, length: &SharedLength, first: usize, doc: DocId) -> Score {
        if self.first != first {
            self.first = first;
            self.bounds.fill(Score::NAN);
        }
        let Some(fieldnorms) = &self.fieldnorms else {
            return Score::INFINITY;
        };
        let id = fieldnorms.fieldnorm_id(doc);
        let slot = &mut self.bounds[id as usize];
        if slot.is_nan() {
            *slot = length.upper_bound(first, id);
        }
        *slot
    }
}

/// What one [`SharedLength`] can still add to a candidate: the least of its shared bound
/// and what its terms read so far scored plus the bounds of those not read.
#[derive(Clone, Copy, Default)]
pub(super) struct SharedRead {
    pub(super) bound: Score,
    pub(super) read: Score,
    pub(super) unread: Score,
}

impl SharedRead {
    pub(super) fn bound(&self) -> Score {
        self.bound.min(self.read + self.unread.max(0.0))
    }
}
