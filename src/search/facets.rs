//! Counting results per facet value: province, unit type and term. The values come from the
//! index's term dictionaries (a few dozen at most), each counted against the result set.

use super::{Engine, SearchError};
use crate::index::Fields;
use serde::Serialize;
use std::collections::BTreeSet;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// Counts per value, largest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub total: usize,
    pub province: Vec<(String, usize)>,
    pub unit_type: Vec<(String, usize)>,
    pub term: Vec<(String, usize)>,
}

fn dictionary(searcher: &Searcher, field: Field) -> tantivy::Result<BTreeSet<Vec<u8>>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index.terms().stream()?;
        while stream.advance() {
            values.insert(stream.key().to_vec());
        }
    }
    Ok(values)
}

fn count_with(searcher: &Searcher, base: &dyn Query, term: Term) -> tantivy::Result<usize> {
    let q = BooleanQuery::new(vec![
        (Occur::Must, base.box_clone()),
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ),
    ]);
    searcher.search(&q, &Count)
}

fn sorted(mut v: Vec<(String, usize)>) -> Vec<(String, usize)> {
    v.retain(|(_, n)| *n > 0);
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Counts facet values among the documents matching `base`.
pub fn count(engine: &Engine, base: &dyn Query) -> Result<FacetCounts, SearchError> {
    let searcher = engine.searcher();
    let fields: &Fields = &engine.index().fields;
    let total = searcher.search(base, &Count)?;
    // Facet paths are shown by their last part: /grassroots/ward as "ward", /grassroots as
    // "grassroots" (the sum of what is under it).
    let facet_counts = |field: Field| -> Result<Vec<(String, usize)>, SearchError> {
        let mut out = Vec::new();
        for bytes in dictionary(&searcher, field)? {
            let Ok(encoded) = String::from_utf8(bytes) else {
                continue;
            };
            let facet = Facet::from_path(encoded.split('\u{0}').filter(|s| !s.is_empty()));
            let name = match facet.to_path().as_slice() {
                [] | [""] => continue,
                [.., "other"] => "party_committee_other".to_owned(),
                [.., last] => last.to_string(),
            };
            let n = count_with(&searcher, base, Term::from_facet(field, &facet))?;
            out.push((name, n));
        }
        Ok(sorted(out))
    };
    let province = facet_counts(fields.province)?;
    let unit_type = facet_counts(fields.unit)?;
    let mut term = Vec::new();
    for bytes in dictionary(&searcher, fields.term)? {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let n = count_with(&searcher, base, Term::from_field_text(fields.term, &text))?;
        term.push((text, n));
    }
    Ok(FacetCounts {
        total,
        province,
        unit_type,
        term: sorted(term),
    })
}
