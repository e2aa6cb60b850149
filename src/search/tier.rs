//! The tiers of a keyword query ([`super::plan::Node::Const`]) as the top-k search reads
//! them: a constant score wherever any of a few terms or phrases matches. A tier is a pair
//! token in the title or the body (a plain union of two postings), or the whole query as
//! typed, a phrase found through its pair tokens so that positions are read only where all
//! its pairs stand.

use crate::text::pairs::pair;
use tantivy::postings::SegmentPostings;
use tantivy::query::{EmptyScorer, EnableScoring, PhraseQuery, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// A tier's matcher: any of several terms or phrases, scoring the boost it is opened with.
pub(super) struct AnyOfWeight {
    parts: Vec<Part>,
}

/// One way a tier matches.
enum Part {
    /// A term, or a phrase of two.
    Plain(Box<dyn Weight>),
    /// A phrase of three or more syllables, found through its pair tokens ([`GuardedPhrase`]).
    Guarded {
        pairs: Vec<Term>,
        phrase: Box<dyn Weight>,
    },
}

impl AnyOfWeight {
    pub(super) fn new(any: &[Vec<Term>], searcher: &Searcher) -> tantivy::Result<AnyOfWeight> {
        let unscored = || EnableScoring::disabled_from_searcher(searcher);
        let parts = any
            .iter()
            .map(|terms| {
                Ok(match terms.as_slice() {
                    [one] => Part::Plain(
                        TermQuery::new(one.clone(), IndexRecordOption::Basic).weight(unscored())?,
                    ),
                    many => {
                        let phrase = PhraseQuery::new(many.to_vec()).weight(unscored())?;
                        let texts: Option<Vec<String>> = many
                            .iter()
                            .map(|t| t.value().as_str().map(str::to_owned))
                            .collect();
                        match texts {
                            Some(texts) if many.len() >= 3 => Part::Guarded {
                                pairs: texts
                                    .windows(2)
                                    .map(|w| {
                                        Term::from_field_text(many[0].field(), &pair(&w[0], &w[1]))
                                    })
                                    .collect(),
                                phrase,
                            },
                            _ => Part::Plain(phrase),
                        }
                    }
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(AnyOfWeight { parts })
    }
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts: Vec<Box<dyn Scorer>> = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            parts.push(match part {
                Part::Plain(w) => w.scorer(reader, 1.0)?,
                Part::Guarded { pairs, phrase } => {
                    GuardedPhrase::open(pairs, phrase.as_ref(), reader)?
                }
            });
        }
        let doc = parts.iter().map(|p| p.doc()).min().unwrap_or(TERMINATED);
        Ok(Box::new(AnyOf {
            parts,
            doc,
            score: boost,
        }))
    }

    fn explain(
        &self,
        reader: &SegmentReader,
        doc: DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(tantivy::query::Explanation::new("tier", scorer.score()))
    }
}

/// A phrase of three or more syllables as the documents that have all its pair tokens
/// (rarer than its syllables, and read without positions), of which only those where the
/// phrase's positions agree: positions are read for those documents alone. (A phrase
/// scorer walks every document that has all its syllables.)
struct GuardedPhrase {
    pairs: Vec<SegmentPostings>,
    /// Asked only with `seek_danger`, at increasing documents.
    phrase: Box<dyn Scorer>,
    doc: DocId,
}

impl GuardedPhrase {
    fn open(
        pairs: &[Term],
        phrase: &dyn Weight,
        reader: &SegmentReader,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let mut postings = Vec::with_capacity(pairs.len());
        for term in pairs {
            match reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?
            {
                Some(p) => postings.push(p),
                None => return Ok(Box::new(EmptyScorer)),
            }
        }
        let (_, phrase) = phrase.scorer_danger(reader, 0, 1.0)?;
        let mut guarded = GuardedPhrase {
            pairs: postings,
            phrase,
            doc: 0,
        };
        guarded.doc = guarded.find(0);
        Ok(Box::new(guarded))
    }

    /// The first document at or after `target` that has the phrase.
    fn find(&mut self, mut target: DocId) -> DocId {
        loop {
            // Leapfrog over the pairs until all of them agree on a document.
            let (n, mut agreed, mut i) = (self.pairs.len(), 0, 0);
            while agreed < n {
                let p = &mut self.pairs[i];
                let d = if p.doc() < target {
                    p.seek(target)
                } else {
                    p.doc()
                };
                if d == TERMINATED {
                    return TERMINATED;
                }
                if d > target {
                    target = d;
                    agreed = 1;
                } else {
                    agreed += 1;
                }
                i = (i + 1) % n;
            }
            match self.phrase.seek_danger(target) {
                SeekDangerResult::Found => return target,
                SeekDangerResult::SeekLowerBound(next) if next >= TERMINATED => return TERMINATED,
                SeekDangerResult::SeekLowerBound(next) => target = next.max(target + 1),
            }
        }
    }
}

impl DocSet for GuardedPhrase {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        self.seek(doc.saturating_add(1))
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target && self.doc != TERMINATED {
            self.doc = self.find(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.pairs.iter().map(|p| p.size_hint()).min().unwrap_or(0)
    }
}

impl Scorer for GuardedPhrase {
    fn score(&mut self) -> Score {
        0.0
    }
}

/// The union of a few postings, one constant score wherever any has the document. (A
/// tier's parts are a pair token in the title and in the body, or a few readings of it:
/// a plain minimum over them beats tantivy's buffered union for scattered seeks.)
struct AnyOf {
    parts: Vec<Box<dyn Scorer>>,
    doc: DocId,
    score: Score,
}

impl DocSet for AnyOf {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        self.seek(doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut lowest = TERMINATED;
        for p in &mut self.parts {
            let d = if p.doc() < target {
                p.seek(target)
            } else {
                p.doc()
            };
            lowest = lowest.min(d);
        }
        self.doc = lowest;
        lowest
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|p| p.size_hint()).sum()
    }
}

impl Scorer for AnyOf {
    fn score(&mut self) -> Score {
        self.score
    }
}
