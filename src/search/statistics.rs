//! BM25 statistics asked of the index once per search.
//!
//! A query's plan reads the same term in several leaves (its two spellings, each
//! abbreviation's expansions, the probes of coordination) and builds two weights for each
//! scoring leaf: tantivy's own, inside its scorer, and the bound [`super::prune`] sorts by.
//! Each asks the searcher again, and a searcher looks a term up in every segment's term
//! dictionary and sums every segment's token counts. This provider remembers what it was
//! told, so each term is asked of each segment once per search (its measured effect is in
//! bench/README.md, "Where the time goes").

use std::cell::RefCell;
use std::collections::HashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// A [`Searcher`]'s statistics, each looked up once. For one search on one thread: it
/// remembers with `RefCell`s.
pub struct CachedStatistics<'s> {
    searcher: &'s Searcher,
    docs: RefCell<Option<u64>>,
    tokens: RefCell<HashMap<Field, u64>>,
    doc_freqs: RefCell<HashMap<Term, u64>>,
}

impl<'s> CachedStatistics<'s> {
    pub fn new(searcher: &'s Searcher) -> CachedStatistics<'s> {
        CachedStatistics {
            searcher,
            docs: RefCell::new(None),
            tokens: RefCell::new(HashMap::new()),
            doc_freqs: RefCell::new(HashMap::new()),
        }
    }
}

impl Bm25StatisticsProvider for CachedStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.borrow().get(&field) {
            return Ok(n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(n) = *self.docs.borrow() {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::total_num_docs(self.searcher)?;
        *self.docs.borrow_mut() = Some(n);
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.borrow().get(term) {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn the_cached_statistics_are_the_searchers() {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(doc!(body => "dai hoi dang bo"))
            .unwrap();
        writer.commit().unwrap();
        writer
            .add_document(doc!(body => "dai hoi dai bieu"))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let cached = CachedStatistics::new(&searcher);
        for _ in 0..2 {
            for word in ["dai", "bo", "bieu", "khong"] {
                let term = Term::from_field_text(body, word);
                assert_eq!(
                    cached.doc_freq(&term).unwrap(),
                    searcher.doc_freq(&term).unwrap()
                );
            }
            assert_eq!(cached.total_num_tokens(body).unwrap(), 8);
            assert_eq!(cached.total_num_docs().unwrap(), 2);
        }
    }
}
