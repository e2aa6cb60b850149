//! The index's vocabulary as query understanding sees it: document frequencies of
//! syllables, and what each word of a long query tells.

use super::understand::{self, Understood};
use super::{pair_walk, plan, query, Engine};
use tantivy::collector::Count;

impl Engine {
    /// Per word of [`coordination_groups`](super::coordination_groups), what it tells: the idf of its rarest syllable,
    /// in the commonest of its readings (a word the index does not hold tells nothing, as
    /// it cannot match).
    pub(super) fn word_weights(&self, understood: &Understood, docs: u64) -> Vec<f32> {
        let vocabulary = IndexVocabulary::new(self.reader.searcher(), &self.open.fields);
        let n = docs as f32;
        understood
            .units
            .iter()
            .filter(|u| !u.excluded && !u.stop)
            .map(|u| {
                let df = u
                    .alternatives
                    .iter()
                    .map(|a| {
                        a.terms
                            .iter()
                            .map(|t| match t.accented {
                                true => vocabulary
                                    .df([self.open.fields.title, self.open.fields.body], &t.exact),
                                false => vocabulary.df(
                                    [self.open.fields.title_folded, self.open.fields.body_folded],
                                    &t.folded,
                                ),
                            })
                            .min()
                            .unwrap_or(0)
                    })
                    .max()
                    .unwrap_or(0);
                match df {
                    0 => 0.0,
                    df => {
                        let df = df as f32;
                        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
                    }
                }
            })
            .collect()
    }
}

/// Document frequencies from the index, for [`understand`].
pub(super) struct IndexVocabulary<'a> {
    searcher: tantivy::Searcher,
    fields: &'a crate::index::Fields,
    /// Frequencies already looked up: understanding a query asks for the same readings
    /// several times (repair, stop words, accent bonus), each a dictionary lookup per segment.
    seen: std::cell::RefCell<std::collections::HashMap<(tantivy::schema::Field, String), u64>>,
}

impl<'a> IndexVocabulary<'a> {
    pub(super) fn new(searcher: tantivy::Searcher, fields: &'a crate::index::Fields) -> Self {
        IndexVocabulary {
            searcher,
            fields,
            seen: Default::default(),
        }
    }

    fn df(&self, fields: [tantivy::schema::Field; 2], text: &str) -> u64 {
        fields
            .iter()
            .map(|&f| {
                let key = (f, text.to_owned());
                if let Some(&n) = self.seen.borrow().get(&key) {
                    return n;
                }
                let n = self
                    .searcher
                    .doc_freq(&tantivy::Term::from_field_text(f, text))
                    .unwrap_or(0);
                self.seen.borrow_mut().insert(key, n);
                n
            })
            .max()
            .unwrap_or(0)
    }
}

impl understand::Vocabulary for IndexVocabulary<'_> {
    fn has_unaccented_articles(&self) -> bool {
        let t = tantivy::Term::from_field_text(
            self.fields.unaccented,
            crate::index::document::UNACCENTED,
        );
        self.searcher.doc_freq(&t).map_or(true, |n| n > 0)
    }

    fn exact(&self, syllable: &str) -> u64 {
        self.df([self.fields.title, self.fields.body], syllable)
    }

    fn folded(&self, syllable: &str) -> u64 {
        self.df(
            [self.fields.title_folded, self.fields.body_folded],
            syllable,
        )
    }

    fn exact_phrase(&self, syllables: &[&str]) -> u64 {
        if let [one] = syllables {
            return self.exact(one);
        }
        // In bodies, as far as the folded pair tokens tell adjacency: a count of three term
        // lists intersected, no positions read.
        let terms: Vec<query::QueryTerm> = syllables
            .iter()
            .map(|s| query::QueryTerm {
                exact: (*s).to_owned(),
                folded: crate::text::key(s, crate::text::Level::Folded),
                accented: true,
            })
            .collect();
        let q = plan::exact_adjacent_query(&terms, self.fields.body, self.fields.body_folded)
            .to_query();
        self.searcher
            .search(&q, &Count)
            .map(|n| n as u64)
            .unwrap_or(0)
    }

    fn exact_pairs(&self, first: &[&str], second: &[&str]) -> Vec<u64> {
        self.pair_counts(first, second, None, None).0
    }

    /// The walk of [`IndexVocabulary::pair_counts`], stopped once the leading pair leads
    /// by more than the documents left to read: no other can then catch it up.
    fn likeliest_pair<'a>(
        &self,
        first: &[&'a str],
        second: &[&'a str],
    ) -> Option<(&'a str, &'a str)> {
        understand::likeliest(
            first,
            second,
            &self.pair_counts(first, second, Some(DECIDE_EVERY), None).0,
        )
    }
}

/// How often the walk of a pair token's postings asks whether its leader is decided: a few
/// comparisons beside a few hundred seeks.
const DECIDE_EVERY: u64 = 128;

impl IndexVocabulary<'_> {
    /// [`understand::Vocabulary::exact_pairs`] in one walk of the pair token's postings
    /// ([`pair_walk`]), shared by `workers` (`None`: as many as rayon has). With
    /// `decide_every`, the walk stops once one count leads every other by more than the
    /// documents left: the others are then only lower bounds, but none can reach the
    /// leader. Also says whether it stopped so.
    pub(super) fn pair_counts(
        &self,
        first: &[&str],
        second: &[&str],
        decide_every: Option<u64>,
        workers: Option<usize>,
    ) -> (Vec<u64>, bool) {
        let (Some(a), Some(b)) = (first.first(), second.first()) else {
            return (Vec::new(), false);
        };
        let folded = |s: &str| crate::text::key(s, crate::text::Level::Folded);
        let pair_text = crate::text::pairs::pair(&folded(a), &folded(b));
        let same_pair = first.iter().all(|x| folded(x) == folded(a))
            && second.iter().all(|y| folded(y) == folded(b));
        // The second syllable's readings found at a document are kept as bits.
        if !same_pair || second.len() > 64 {
            let counts = first
                .iter()
                .flat_map(|x| {
                    second
                        .iter()
                        .map(move |y| understand::Vocabulary::exact_phrase(self, &[x, y]))
                })
                .collect();
            return (counts, false);
        }
        pair_walk::PairWalk {
            searcher: &self.searcher,
            body: self.fields.body,
            body_folded: self.fields.body_folded,
            pair: &pair_text,
            first,
            second,
        }
        .counts(decide_every, workers)
    }
}
