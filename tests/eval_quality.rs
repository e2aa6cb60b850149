//! Search quality must not regress: MRR@10 (and nDCG@10 for keyword queries) on the
//! committed relevance fixtures stays above floors set a little under the figures measured
//! when they were introduced (known-item 1.000 both ways; legal 0.711 accented, 0.721
//! unaccented; keyword queries MRR 1.000, nDCG 0.976, where ranking by scattered words gave
//! 0.963 and 0.858).

mod common;

use common::*;
use std::path::Path;

fn mrr(index: &Path, set: &str, queries: &str) -> f64 {
    report(index, set, queries)["mrr_at_10"].as_f64().unwrap()
}

/// The mean figures of `tracuu eval` on a fixture.
fn report(index: &Path, set: &str, queries: &str) -> serde_json::Value {
    let dir = project_dir().join("tests/fixtures/eval").join(set);
    let report = run_json(
        tracuu(index)
            .args(["eval", "--json", "--qrels"])
            .arg(dir.join("qrels.tsv"))
            .arg("--queries")
            .arg(dir.join(queries)),
    );
    assert_eq!(report["queries_without_results"], 0);
    report["mean"].clone()
}

fn build(set: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    tracuu(&dir.path().join("i"))
        .arg("index")
        .arg(
            project_dir()
                .join("tests/fixtures/eval")
                .join(set)
                .join("corpus.jsonl"),
        )
        .assert()
        .success();
    dir
}

#[test]
fn known_item_mrr_stays_high_with_and_without_diacritics() {
    let dir = build("known_item_small");
    let index = dir.path().join("i");
    let unaccented = mrr(&index, "known_item_small", "queries.tsv");
    let accented = mrr(&index, "known_item_small", "queries_accent.tsv");
    assert!(unaccented >= 0.95, "{unaccented}");
    assert!(accented >= 0.95, "{accented}");
}

#[test]
fn legal_questions_mrr_stays_above_the_floor() {
    let dir = build("legal_small");
    let index = dir.path().join("i");
    let accented = mrr(&index, "legal_small", "queries.tsv");
    let unaccented = mrr(&index, "legal_small", "queries_noaccent.tsv");
    assert!(accented >= 0.68, "{accented}");
    assert!(unaccented >= 0.69, "{unaccented}");
}

/// Keyword queries written by hand (`bench/make_keyword_fixture.py`): the articles that hold
/// the words together rank above those that hold them apart.
#[test]
fn keyword_queries_rank_the_words_together_first() {
    let dir = build("keyword_small");
    let mean = report(&dir.path().join("i"), "keyword_small", "queries.tsv");
    let (mrr, ndcg) = (mean["mrr_at_10"].as_f64(), mean["ndcg_at_10"].as_f64());
    assert!(mrr >= Some(0.98), "{mean}");
    assert!(ndcg >= Some(0.95), "{mean}");
}
