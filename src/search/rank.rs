//! Coordination for soft-matching (long) queries: each score multiplied by the share of the
//! query's words a document contains, each word weighted by its idf. BM25 alone lets a document that repeats the common
//! words ("đại hội đảng bộ") beat the one that also has the rare, telling ones ("Bách
//! Quang"); multiplying by the share matched restores the order a reader expects.
//!
//! The search applies it to every match as it goes ([`super::prune`]); [`coordinate`]
//! applies it to a list of hits scored by tantivy, which the checks compare against.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Score, Searcher, Term, TERMINATED};

/// Multiplies each candidate's score by the share of the query's words it holds (weighted
/// as [`super::prune::Coordination::share`] says) raised to the power, where a word counts
/// as matched when all the syllables of one of its alternatives occur in any of the fields.
/// Then sorts by the new score.
pub fn coordinate(
    searcher: &Searcher,
    candidates: &mut [(Score, DocAddress)],
    coordination: &super::prune::Coordination,
) -> tantivy::Result<()> {
    let (groups, fields, power) = (coordination.words, coordination.fields, coordination.power);
    let mut distinct: Vec<&String> = groups.iter().flatten().flatten().collect();
    distinct.sort();
    distinct.dedup();
    if groups.len() < 2 || candidates.is_empty() {
        return Ok(());
    }
    // has[i][k]: candidate i has syllable distinct[k].
    let mut has = vec![vec![false; distinct.len()]; candidates.len()];
    // Per segment, visit the candidates in doc order so each posting list is only moved forward.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (candidates[i].1.segment_ord, candidates[i].1.doc_id));
    for group in order.chunk_by(|&a, &b| candidates[a].1.segment_ord == candidates[b].1.segment_ord)
    {
        let segment = searcher.segment_reader(candidates[group[0]].1.segment_ord);
        for (k, term) in distinct.iter().enumerate() {
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
                has[i][k] = postings.iter_mut().any(|p| {
                    p.doc() != TERMINATED
                        && (p.doc() == doc || (p.doc() < doc && p.seek(doc) == doc))
                });
            }
        }
    }
    let position = |t: &String| distinct.binary_search(&t).unwrap_or(0);
    for (candidate, has) in candidates.iter_mut().zip(has) {
        let matched: Vec<bool> = groups
            .iter()
            .map(|alternatives| {
                alternatives
                    .iter()
                    .any(|a| a.iter().all(|t| has[position(t)]))
            })
            .collect();
        candidate.0 *= coordination.share(&matched).powf(power);
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}
