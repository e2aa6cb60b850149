//! Evaluating a run over a query set, and the resulting report.

use super::metrics::{first_relevant_rank, Metrics};
use super::qrels::Qrels;
use super::queries::Queries;
use super::run::Run;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The metrics of one query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryReport {
    pub qid: String,
    /// Relevant documents in the qrels.
    pub num_relevant: usize,
    /// Documents in the run's ranking.
    pub num_retrieved: usize,
    /// 1-based rank of the first relevant document anywhere in the ranking.
    pub first_relevant_rank: Option<usize>,
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// The evaluation of a run: mean metrics and each query's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Queries evaluated (the means are over these).
    pub queries: usize,
    /// Evaluated queries the run has no results for (they score 0).
    pub queries_without_results: usize,
    /// Evaluated queries whose judgments have no relevant document (they score 0).
    pub queries_without_relevant: usize,
    pub mean: Metrics,
    /// In query-file order, or qid order without a query set.
    pub per_query: Vec<QueryReport>,
}

/// Evaluates `run` against `qrels`.
///
/// The evaluated queries are those with judgments in `qrels` that are also in `queries`
/// (all judged queries when `queries` is `None`); queries without judgments are ignored, as
/// are run entries for queries not evaluated. A query the run has no results for counts as
/// 0 on every metric, like `trec_eval -c`, so a system cannot raise its means by answering
/// nothing. A judged query without any relevant document also scores 0, as in trec_eval.
pub fn evaluate(qrels: &Qrels, run: &Run, queries: Option<&Queries>) -> Report {
    let ids: Vec<&str> = match queries {
        Some(queries) => queries.iter().map(|q| q.id.as_str()).collect(),
        None => qrels.iter().map(|(id, _)| id).collect(),
    };
    // Only judged queries are evaluated.
    let per_query: Vec<QueryReport> = ids
        .into_iter()
        .filter_map(|qid| qrels.get(qid).map(|judgments| (qid, judgments)))
        .map(|(qid, judgments)| {
            let ranking = run.ranking(qid);
            QueryReport {
                qid: qid.to_owned(),
                num_relevant: judgments.num_relevant(),
                num_retrieved: ranking.len(),
                first_relevant_rank: first_relevant_rank(ranking, judgments),
                metrics: Metrics::of(ranking, judgments),
            }
        })
        .collect();
    Report {
        queries: per_query.len(),
        queries_without_results: per_query.iter().filter(|q| q.num_retrieved == 0).count(),
        queries_without_relevant: per_query.iter().filter(|q| q.num_relevant == 0).count(),
        mean: Metrics::mean(per_query.iter().map(|q| &q.metrics)),
        per_query,
    }
}

impl Report {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain numbers and strings: serde_json cannot fail on them (non-finite floats
        // become null).
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The mean metrics as a one-row text table (also the [`Display`](fmt::Display) form).
    pub fn table(&self) -> String {
        render(&HEADERS[1..], &[summary_cells(self)], false)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table())
    }
}

/// Several reports' mean metrics as one text table, a row per labelled report; e.g. the
/// accented and unaccented query variants side by side.
pub fn comparison_table(rows: &[(&str, &Report)]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(label, report)| {
            let mut row = vec![label.to_string()];
            row.extend(summary_cells(report));
            row
        })
        .collect();
    render(&HEADERS, &cells, true)
}

const HEADERS: [&str; 7] = [
    "run",
    "queries",
    "no results",
    "MRR@10",
    "nDCG@10",
    "R@10",
    "R@100",
];

fn summary_cells(report: &Report) -> Vec<String> {
    let m = &report.mean;
    let mut cells = vec![
        report.queries.to_string(),
        report.queries_without_results.to_string(),
    ];
    cells.extend(
        [m.mrr_at_10, m.ndcg_at_10, m.recall_at_10, m.recall_at_100].map(|v| format!("{v:.4}")),
    );
    cells
}

/// An aligned table: two spaces between columns, numbers right-aligned, the first column
/// left-aligned if it holds labels; each line ends with a newline.
fn render(headers: &[&str], rows: &[Vec<String>], label_column: bool) -> String {
    let widths: Vec<usize> = (0..headers.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([headers[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (c, cell) in cells.enumerate() {
            if c > 0 {
                out.push_str("  ");
            }
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if c == 0 && label_column {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(&mut headers.iter().copied());
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn setup() -> (Qrels, Run, Queries) {
        let qrels = Qrels::parse("q1 r 1\nq2 r 1\nq3 r 1\nq4 n 0\n", Path::new("qrels")).unwrap();
        let mut run = Run::new();
        run.push("q1", "r", 2.0); // RR 1
        run.push("q2", "x", 2.0);
        run.push("q2", "r", 1.0); // RR 1/2
        run.push("q9", "r", 1.0); // not judged: ignored
        let queries =
            Queries::parse("q1\ta\nq2\tb\nq3\tc\nq5\tunjudged\n", Path::new("queries")).unwrap();
        (qrels, run, queries)
    }

    #[test]
    fn means_over_judged_queries_in_the_query_set() {
        let (qrels, run, queries) = setup();
        let report = evaluate(&qrels, &run, Some(&queries));
        let ids: Vec<&str> = report.per_query.iter().map(|q| q.qid.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3"]);
        assert_eq!((report.queries, report.queries_without_results), (3, 1));
        assert_eq!(report.queries_without_relevant, 0);
        assert_eq!(report.mean.mrr_at_10, 0.5); // (1 + 1/2 + 0) / 3
        assert_eq!(report.mean.recall_at_10, 2.0 / 3.0);
        assert_eq!(report.per_query[1].first_relevant_rank, Some(2));
        assert_eq!(report.per_query[2].first_relevant_rank, None);

        // Without a query set every judged query counts, q4 (nothing relevant) included.
        let report = evaluate(&qrels, &run, None);
        assert_eq!((report.queries, report.queries_without_relevant), (4, 1));
        assert_eq!(report.mean.mrr_at_10, 1.5 / 4.0);
    }

    #[test]
    fn json_round_trip() {
        let (qrels, run, queries) = setup();
        let report = evaluate(&qrels, &run, Some(&queries));
        let json = report.to_json();
        assert!(json.contains("\"mrr_at_10\": 0.5"), "{json}");
        assert!(json.contains("\"first_relevant_rank\": null"), "{json}");
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn tables() {
        let (qrels, run, queries) = setup();
        let report = evaluate(&qrels, &run, Some(&queries));
        assert_eq!(
            report.to_string(),
            "queries  no results  MRR@10  nDCG@10    R@10   R@100\n\
             \x20     3           1  0.5000   0.5436  0.6667  0.6667\n"
        );
        let all = evaluate(&qrels, &run, None);
        assert_eq!(
            comparison_table(&[("accented", &report), ("all", &all)]),
            "run       queries  no results  MRR@10  nDCG@10    R@10   R@100\n\
             accented        3           1  0.5000   0.5436  0.6667  0.6667\n\
             all             4           2  0.3750   0.4077  0.5000  0.5000\n"
        );
    }
}
