//! Search-quality measurement with trec_eval's definitions.
//!
//! Read relevance judgments ([`Qrels`]), a query set ([`Queries`]) and a system's ranked
//! results ([`Run`]), then [`evaluate`] them into a [`Report`] of MRR@10, nDCG@10,
//! Recall@10 and Recall@100, per query and averaged:
//!
//! ```no_run
//! use std::path::Path;
//! use tracuu::eval::{evaluate, Qrels, Queries, Run};
//!
//! let qrels = Qrels::read(Path::new("qrels.tsv"))?;
//! let queries = Queries::read(Path::new("queries.tsv"))?;
//! let run = Run::read(Path::new("run.tsv"))?;
//! let report = evaluate(&qrels, &run, Some(&queries));
//! print!("{report}");
//! println!("{}", report.to_json());
//! # Ok::<(), tracuu::eval::EvalError>(())
//! ```
//!
//! Definitions (relevant = grade > 0, unjudged = non-relevant):
//! - MRR@10: 1 / rank of the first relevant document within the top 10, else 0.
//! - nDCG@10: trec_eval's `ndcg_cut.10`; gain = grade, discount 1 / log2(rank + 1), the
//!   ideal ranking built from all judged relevant documents of the query.
//! - Recall@k: relevant documents in the top k / relevant documents of the query.
//!
//! Means are over the judged queries of the query set; a query without results scores 0
//! (`trec_eval -c`). `bench/fts5_baseline.py eval` implements the same definitions, and the
//! fixture in `tests/fixtures/eval/tiny/` checks the two agree.

pub(crate) mod engine_run;
pub(crate) mod error;
pub(crate) mod metrics;
pub(crate) mod qrels;
pub(crate) mod queries;
pub(crate) mod report;
pub(crate) mod run;

pub use engine_run::{run_engine, EngineRun};
pub use error::{EvalError, ParseError};
pub use metrics::Metrics;
pub use qrels::{Judgments, Qrels};
pub use queries::{Queries, Query};
pub use report::{comparison_table, evaluate, QueryReport, Report};
pub use run::{Hit, Run};

#[cfg(test)]
mod fixture_tests {
    //! The fixtures in `tests/fixtures/eval/`: the tiny cross-check against
    //! `bench/fts5_baseline.py eval`, and that the regression fixtures parse.

    use super::*;
    use std::path::{Path, PathBuf};

    fn fixture(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/eval")
            .join(path)
    }

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() < 1e-12,
            "{what}: {actual} != {expected}"
        );
    }

    #[test]
    fn tiny_fixture_exact_values() {
        let qrels = Qrels::read(&fixture("tiny/qrels.tsv")).unwrap();
        let queries = Queries::read(&fixture("tiny/queries.tsv")).unwrap();
        let run = Run::read(&fixture("tiny/run.tsv")).unwrap();
        let report = evaluate(&qrels, &run, Some(&queries));

        // q4 is not judged; q3 has no results and scores 0.
        let ids: Vec<&str> = report.per_query.iter().map(|q| q.qid.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3"]);
        assert_eq!(report.queries_without_results, 1);

        // q1: grades d1=2, d2=1, d3=1; ranking d4(judged 0), d2, x1, d1, ..., d3 at 12.
        let q1 = &report.per_query[0].metrics;
        let ndcg_q1 = (1.0 / 3f64.log2() + 2.0 / 5f64.log2()) / (2.0 + 1.0 / 3f64.log2() + 0.5);
        assert_eq!(q1.mrr_at_10, 0.5);
        assert_close(q1.ndcg_at_10, ndcg_q1, "q1 nDCG@10");
        assert_close(q1.ndcg_at_10, 0.47662611018851303, "q1 nDCG@10");
        assert_eq!((q1.recall_at_10, q1.recall_at_100), (2.0 / 3.0, 1.0));
        assert_eq!(report.per_query[0].first_relevant_rank, Some(2));

        // q2: the known item at rank 3.
        let q2 = &report.per_query[1].metrics;
        assert_eq!(q2.mrr_at_10, 1.0 / 3.0);
        assert_close(q2.ndcg_at_10, 0.5, "q2 nDCG@10");
        assert_eq!((q2.recall_at_10, q2.recall_at_100), (1.0, 1.0));

        assert_eq!(report.per_query[2].metrics, Metrics::default());
        assert_close(report.mean.mrr_at_10, 5.0 / 18.0, "MRR@10");
        assert_close(report.mean.ndcg_at_10, (ndcg_q1 + 0.5) / 3.0, "nDCG@10");
        assert_close(report.mean.recall_at_10, 5.0 / 9.0, "R@10");
        assert_close(report.mean.recall_at_100, 2.0 / 3.0, "R@100");
    }

    /// `expected.json` is the output of `fts5_baseline.py eval --json` on the tiny fixture
    /// (which bench/check_against_trec_eval.py also matched against trec_eval itself).
    #[test]
    fn tiny_fixture_matches_python_eval() {
        let qrels = Qrels::read(&fixture("tiny/qrels.tsv")).unwrap();
        let queries = Queries::read(&fixture("tiny/queries.tsv")).unwrap();
        let run = Run::read(&fixture("tiny/run.tsv")).unwrap();
        let report = evaluate(&qrels, &run, Some(&queries));
        let text = std::fs::read_to_string(fixture("tiny/expected.json")).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();

        let ours = serde_json::to_value(&report).unwrap();
        assert_eq!(ours["queries"], expected["queries"]);
        assert_eq!(
            ours["queries_without_results"],
            expected["queries_without_results"]
        );
        let metrics = ["mrr_at_10", "ndcg_at_10", "recall_at_10", "recall_at_100"];
        let pairs = std::iter::once((&ours["mean"], &expected["mean"]))
            .chain((0..report.queries).map(|i| (&ours["per_query"][i], &expected["per_query"][i])));
        for (a, b) in pairs {
            if let Some(qid) = b.get("qid") {
                assert_eq!(&a["qid"], qid);
            }
            for m in metrics {
                assert_close(a[m].as_f64().unwrap(), b[m].as_f64().unwrap(), m);
            }
        }
    }

    #[test]
    fn regression_fixtures_parse() {
        for (dir, variants, queries, judged) in [
            (
                "known_item_small",
                ["queries.tsv", "queries_accent.tsv"],
                63,
                63,
            ),
            (
                "legal_small",
                ["queries.tsv", "queries_noaccent.tsv"],
                98,
                98,
            ),
        ] {
            let qrels = Qrels::read(&fixture(&format!("{dir}/qrels.tsv"))).unwrap();
            assert_eq!(qrels.len(), judged, "{dir}");
            for variant in variants {
                let q = Queries::read(&fixture(&format!("{dir}/{variant}"))).unwrap();
                assert_eq!(q.len(), queries, "{dir}/{variant}");
                assert!(
                    qrels.iter().all(|(qid, _)| q.contains(qid)),
                    "{dir}/{variant}"
                );
            }
        }
    }
}
