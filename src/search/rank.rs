//! Re-ranking the best candidates of a soft-matching (long) query by coordination: the
//! share of the query's syllables a document contains. BM25 alone lets a document that
//! repeats the common words ("đại hội đảng bộ") beat the one that also has the rare, telling
//! ones ("Bách Quang"); multiplying by the share matched restores the order a reader expects.

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Searcher, Term, TERMINATED};

/// Multiplies each candidate's score by `(matched / total) ^ power`, where a syllable counts
/// as matched when it occurs in any of `fields`, then sorts by the new score.
pub fn coordinate(
    searcher: &Searcher,
    candidates: &mut [(Score, DocAddress)],
    terms: &[String],
    fields: &[Field],
    power: f32,
) -> tantivy::Result<()> {
    let mut distinct: Vec<&String> = terms.iter().collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 || candidates.is_empty() {
        return Ok(());
    }
    let mut matched = vec![0u32; candidates.len()];
    // Per segment, visit the candidates in doc order so each posting list is only moved forward.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (candidates[i].1.segment_ord, candidates[i].1.doc_id));
    for group in order.chunk_by(|&a, &b| candidates[a].1.segment_ord == candidates[b].1.segment_ord)
    {
        let segment = searcher.segment_reader(candidates[group[0]].1.segment_ord);
        for term in &distinct {
            let mut postings = Vec::new();
            for &field in fields {
                let inverted = segment.inverted_index(field)?;
                if let Some(p) = inverted.read_postings(
                    &Term::from_field_text(field, term),
                    IndexRecordOption::Basic,
                )? {
                    postings.push(p);
                }
            }
            for &i in group {
                let doc = candidates[i].1.doc_id;
                let found = postings.iter_mut().any(|p| {
                    p.doc() != TERMINATED
                        && (p.doc() == doc || (p.doc() < doc && p.seek(doc) == doc))
                });
                if found {
                    matched[i] += 1;
                }
            }
        }
    }
    let total = distinct.len() as f32;
    for (candidate, m) in candidates.iter_mut().zip(matched) {
        candidate.0 *= (m as f32 / total).powf(power);
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}
