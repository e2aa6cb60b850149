//! Search quality must not regress: MRR@10 on the committed relevance fixtures stays above
//! floors set a little under the figures measured when they were introduced
//! (known-item 1.000 both ways; legal 0.711 accented, 0.721 unaccented).

mod common;

use common::*;
use std::path::Path;

fn mrr(index: &Path, set: &str, queries: &str) -> f64 {
    let dir = project_dir().join("tests/fixtures/eval").join(set);
    let out = tracuu(index)
        .args(["eval", "--json", "--qrels"])
        .arg(dir.join("qrels.tsv"))
        .arg("--queries")
        .arg(dir.join(queries))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["queries_without_results"], 0);
    report["mean"]["mrr_at_10"].as_f64().unwrap()
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
