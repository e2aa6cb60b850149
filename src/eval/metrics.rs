//! Per-query metrics with trec_eval's definitions.
//!
//! A ranking is scored against a query's [`Judgments`]. Unjudged documents are
//! non-relevant; if a document occurs more than once, only its first occurrence earns
//! credit (later ones still take up their rank). trec_eval refuses such runs instead.

use super::qrels::Judgments;
use super::run::Hit;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The grades of the first `k` hits, with repeats of a document graded 0.
fn top_k_grades<'a>(
    ranking: &'a [Hit],
    judgments: &'a Judgments,
    k: usize,
) -> impl Iterator<Item = i32> + 'a {
    let mut seen = HashSet::new();
    ranking.iter().take(k).map(move |hit| {
        if seen.insert(hit.doc.as_str()) {
            judgments.grade(&hit.doc)
        } else {
            0
        }
    })
}

/// The discounted gain of `gain` at the 0-based position `i`: gain / log2(rank + 1) with
/// rank = i + 1, computed as trec_eval does.
fn discounted(gain: i32, i: usize) -> f64 {
    f64::from(gain) / ((i + 2) as f64).log2()
}

/// The 1-based rank of the first relevant document in the whole ranking.
pub fn first_relevant_rank(ranking: &[Hit], judgments: &Judgments) -> Option<usize> {
    top_k_grades(ranking, judgments, ranking.len())
        .position(|g| g > 0)
        .map(|i| i + 1)
}

/// Reciprocal rank cut at `k` (MRR@k per query): 1 / rank of the first relevant document if
/// it is within the top `k`, else 0. trec_eval's `recip_rank` is this without the cut.
pub fn reciprocal_rank(ranking: &[Hit], judgments: &Judgments, k: usize) -> f64 {
    top_k_grades(ranking, judgments, k)
        .position(|g| g > 0)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// nDCG@k as trec_eval's `ndcg_cut.k`: DCG@k = Σ gain / log2(rank + 1) over the top `k`
/// with gain = grade (negative grades gain 0), divided by the DCG@k of the ideal ranking of
/// all the query's judged relevant documents. 0 if the query has no relevant document.
pub fn ndcg(ranking: &[Hit], judgments: &Judgments, k: usize) -> f64 {
    let dcg: f64 = top_k_grades(ranking, judgments, k)
        .enumerate()
        .filter(|&(_, g)| g > 0)
        .map(|(i, g)| discounted(g, i))
        .sum();
    let ideal: f64 = judgments
        .ideal_gains()
        .into_iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| discounted(g, i))
        .sum();
    if ideal > 0.0 {
        dcg / ideal
    } else {
        0.0
    }
}

/// Recall@k as trec_eval's `recall.k`: relevant documents in the top `k` / all the query's
/// relevant documents. 0 if the query has no relevant document.
pub fn recall(ranking: &[Hit], judgments: &Judgments, k: usize) -> f64 {
    let num_relevant = judgments.num_relevant();
    if num_relevant == 0 {
        return 0.0;
    }
    let found = top_k_grades(ranking, judgments, k)
        .filter(|&g| g > 0)
        .count();
    found as f64 / num_relevant as f64
}

/// The reported metrics of one query, or their means over a query set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub mrr_at_10: f64,
    pub ndcg_at_10: f64,
    pub recall_at_10: f64,
    pub recall_at_100: f64,
}

impl Metrics {
    /// The metrics of one query's ranking.
    pub fn of(ranking: &[Hit], judgments: &Judgments) -> Metrics {
        Metrics {
            mrr_at_10: reciprocal_rank(ranking, judgments, 10),
            ndcg_at_10: ndcg(ranking, judgments, 10),
            recall_at_10: recall(ranking, judgments, 10),
            recall_at_100: recall(ranking, judgments, 100),
        }
    }

    /// The arithmetic mean of each metric; all zero for no items.
    pub fn mean<'a>(items: impl IntoIterator<Item = &'a Metrics>) -> Metrics {
        let mut sum = Metrics::default();
        let mut n = 0usize;
        for m in items {
            sum.mrr_at_10 += m.mrr_at_10;
            sum.ndcg_at_10 += m.ndcg_at_10;
            sum.recall_at_10 += m.recall_at_10;
            sum.recall_at_100 += m.recall_at_100;
            n += 1;
        }
        if n == 0 {
            return sum;
        }
        let n = n as f64;
        Metrics {
            mrr_at_10: sum.mrr_at_10 / n,
            ndcg_at_10: sum.ndcg_at_10 / n,
            recall_at_10: sum.recall_at_10 / n,
            recall_at_100: sum.recall_at_100 / n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Qrels;

    /// Judgments from `doc grade` pairs.
    fn judgments(pairs: &[(&str, i32)]) -> Judgments {
        let mut qrels = Qrels::new();
        for &(doc, grade) in pairs {
            qrels.insert("q", doc, grade).unwrap();
        }
        qrels.get("q").cloned().unwrap_or_default()
    }

    /// A ranking of `docs`, best first.
    fn ranking(docs: &[&str]) -> Vec<Hit> {
        let n = docs.len();
        docs.iter()
            .enumerate()
            .map(|(i, d)| Hit {
                doc: d.to_string(),
                score: (n - i) as f64,
            })
            .collect()
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-12,
            "{actual} != {expected} (difference {})",
            actual - expected
        );
    }

    #[test]
    fn reciprocal_rank_of_first_relevant() {
        let j = judgments(&[("r", 1), ("n", 0)]);
        assert_eq!(
            reciprocal_rank(&ranking(&["a", "n", "r", "b"]), &j, 10),
            1.0 / 3.0
        );
        assert_eq!(reciprocal_rank(&ranking(&["r"]), &j, 10), 1.0);
        assert_eq!(first_relevant_rank(&ranking(&["a", "n", "r"]), &j), Some(3));
        // Beyond the cut-off, or absent: 0.
        let eleven = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "r"];
        assert_eq!(reciprocal_rank(&ranking(&eleven), &j, 10), 0.0);
        assert_eq!(reciprocal_rank(&ranking(&eleven), &j, 11), 1.0 / 11.0);
        assert_eq!(first_relevant_rank(&ranking(&eleven), &j), Some(11));
        assert_eq!(reciprocal_rank(&[], &j, 10), 0.0);
        assert_eq!(first_relevant_rank(&ranking(&["n"]), &j), None);
    }

    #[test]
    fn ndcg_two_relevant_at_ranks_1_and_4() {
        let j = judgments(&[("r1", 1), ("r2", 1)]);
        // DCG = 1/log2(2) + 1/log2(5); ideal = 1/log2(2) + 1/log2(3).
        let expected = (1.0 + 1.0 / 5f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert_close(ndcg(&ranking(&["r1", "a", "b", "r2"]), &j, 10), expected);
        assert_close(expected, 0.8772153153380493);
        assert_close(ndcg(&ranking(&["r1", "r2"]), &j, 10), 1.0);
        // Cut at 3, only r1 counts; the ideal is cut at 3 as well.
        assert_close(
            ndcg(&ranking(&["r1", "a", "b", "r2"]), &j, 3),
            1.0 / (1.0 + 1.0 / 3f64.log2()),
        );
    }

    #[test]
    fn ndcg_graded() {
        // Grades 2 and 1 retrieved in the wrong order; a third relevant doc is never found.
        let j = judgments(&[("a", 2), ("b", 1), ("c", 1), ("n", 0)]);
        let dcg = 1.0 + 2.0 / 3f64.log2();
        let ideal = 2.0 + 1.0 / 3f64.log2() + 1.0 / 4f64.log2();
        assert_close(ndcg(&ranking(&["b", "a", "n"]), &j, 10), dcg / ideal);
        assert_close(dcg / ideal, 0.7224242270408039);
        assert_close(ndcg(&ranking(&["n", "x"]), &j, 10), 0.0);
    }

    #[test]
    fn recall_at_cutoffs() {
        let j = judgments(&[("r1", 1), ("r2", 3), ("r3", 1), ("n", 0)]);
        let mut docs: Vec<String> = (0..150).map(|i| format!("x{i}")).collect();
        docs[0] = "r1".into(); // rank 1
        docs[49] = "r2".into(); // rank 50
        docs[120] = "r3".into(); // rank 121
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let run = ranking(&docs);
        assert_close(recall(&run, &j, 10), 1.0 / 3.0);
        assert_close(recall(&run, &j, 100), 2.0 / 3.0);
        assert_close(recall(&run, &j, 150), 1.0);
    }

    #[test]
    fn no_relevant_documents_scores_zero() {
        let j = judgments(&[("n", 0)]);
        let m = Metrics::of(&ranking(&["n", "a"]), &j);
        assert_eq!(m, Metrics::default());
    }

    #[test]
    fn repeated_document_earns_credit_once() {
        let j = judgments(&[("r", 1), ("s", 1)]);
        let run = ranking(&["r", "r", "s"]);
        assert_close(recall(&run, &j, 10), 1.0);
        let expected = (1.0 + 1.0 / 4f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert_close(ndcg(&run, &j, 10), expected);
    }

    #[test]
    fn unjudged_and_negative_grades_gain_nothing() {
        let j = judgments(&[("bad", -1), ("r", 1)]);
        let m = Metrics::of(&ranking(&["bad", "unjudged", "r"]), &j);
        assert_eq!(m.mrr_at_10, 1.0 / 3.0);
        assert_close(m.ndcg_at_10, 0.5); // 1/log2(4)
        assert_eq!((m.recall_at_10, m.recall_at_100), (1.0, 1.0));
    }

    #[test]
    fn mean() {
        let a = Metrics {
            mrr_at_10: 1.0,
            ndcg_at_10: 0.5,
            recall_at_10: 1.0,
            recall_at_100: 1.0,
        };
        let b = Metrics::default();
        let m = Metrics::mean([&a, &b]);
        assert_eq!(
            m,
            Metrics {
                mrr_at_10: 0.5,
                ndcg_at_10: 0.25,
                recall_at_10: 0.5,
                recall_at_100: 0.5
            }
        );
        assert_eq!(Metrics::mean([]), Metrics::default());
    }
}
