//! Counting results per facet value: province, unit type and term. The values come from the
//! index's term dictionaries (a few dozen at most), each counted against the result set,
//! which the query finds once.

use super::{Engine, SearchError};
use crate::index::Fields;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED};

/// Counts per value, largest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub total: usize,
    pub province: Vec<(String, usize)>,
    /// The unit types of the first level: national, province, district, grassroots (every
    /// unit below district) and party_committee_other. No article is counted twice here.
    pub unit_type: Vec<(String, usize)>,
    /// The grassroots units by type: commune, ward, township, cell (they add up to
    /// `grassroots` above).
    pub grassroots: Vec<(String, usize)>,
    pub term: Vec<(String, usize)>,
}

/// The documents matching `base`, one bit per document of each segment (deleted ones
/// left out). The query runs once, however many facet values are counted against it.
fn matching_docs(searcher: &Searcher, base: &dyn Query) -> tantivy::Result<Vec<Vec<u64>>> {
    let weight = base.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut all = Vec::with_capacity(searcher.segment_readers().len());
    for segment in searcher.segment_readers() {
        let mut bits = vec![0u64; (segment.max_doc() as usize).div_ceil(64)];
        let alive = segment.alive_bitset();
        let mut docs = weight.scorer(segment, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                bits[doc as usize / 64] |= 1 << (doc % 64);
            }
            doc = docs.advance();
        }
        all.push(bits);
    }
    Ok(all)
}

/// Every value of `field` with the number of `matching` documents that have it: each
/// value's posting list read once per segment, against the bits of the matching documents.
fn value_counts(
    searcher: &Searcher,
    field: Field,
    matching: &[Vec<u64>],
) -> tantivy::Result<BTreeMap<Vec<u8>, usize>> {
    let mut counts = BTreeMap::new();
    for (segment, bits) in searcher.segment_readers().iter().zip(matching) {
        let index = segment.inverted_index(field)?;
        let mut stream = index.terms().stream()?;
        while stream.advance() {
            let mut postings =
                index.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let mut n = 0;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                n += usize::from(bits[doc as usize / 64] & (1 << (doc % 64)) != 0);
                doc = postings.advance();
            }
            *counts.entry(stream.key().to_vec()).or_insert(0) += n;
        }
    }
    Ok(counts)
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
    let matching = matching_docs(&searcher, base)?;
    let total = matching
        .iter()
        .flatten()
        .map(|w| w.count_ones() as usize)
        .sum();
    // Facet paths are shown by their last part, by level: /grassroots as "grassroots" (the
    // sum of what is under it) among the first level, /grassroots/ward as "ward" below it.
    let facet_counts = |field: Field| -> Result<[Vec<(String, usize)>; 2], SearchError> {
        let mut levels = [Vec::new(), Vec::new()];
        for (bytes, n) in value_counts(&searcher, field, &matching)? {
            let Ok(encoded) = String::from_utf8(bytes) else {
                continue;
            };
            let facet = Facet::from_path(encoded.split('\u{0}').filter(|s| !s.is_empty()));
            let path = facet.to_path();
            let name = match path.as_slice() {
                [] | [""] => continue,
                [.., "other"] => "party_committee_other".to_owned(),
                [.., last] => last.to_string(),
            };
            levels[usize::from(path.len() > 1)].push((name, n));
        }
        Ok(levels.map(sorted))
    };
    let [province, _] = facet_counts(fields.province)?;
    let [unit_type, grassroots] = facet_counts(fields.unit)?;
    let mut term = Vec::new();
    for (bytes, n) in value_counts(&searcher, fields.term, &matching)? {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        term.push((text, n));
    }
    Ok(FacetCounts {
        total,
        province,
        unit_type,
        grassroots,
        term: sorted(term),
    })
}
