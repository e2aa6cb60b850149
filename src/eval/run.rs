//! Runs: the ranked results a system returned for each query.

use super::error::{numbered_lines, read_to_string, EvalError, ParseError};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::path::Path;

/// One retrieved document and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: String,
    pub score: f64,
}

/// The ranked results of a system, per query.
///
/// The rank order is the order in which hits were added (for files: the rank column).
/// Unlike trec_eval, which re-sorts every ranking by score, the given order is trusted, so
/// an engine's tie-breaking is what gets measured; [`Run::sort_like_trec_eval`] reproduces
/// trec_eval's order when comparing against it.
///
/// Files have lines `qid<TAB>docid<TAB>rank<TAB>score` (what `bench/fts5_baseline.py search`
/// writes) or the TREC form `qid Q0 docid rank score tag`; any whitespace separates fields.
/// A document listed twice for one query is an error in a file; rankings built in code may
/// contain repeats, and the metrics then credit only the first occurrence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    rankings: BTreeMap<String, Vec<Hit>>,
}

impl Run {
    pub fn new() -> Run {
        Run::default()
    }

    /// Reads a run file.
    pub fn read(path: &Path) -> Result<Run, EvalError> {
        Run::parse(&read_to_string(path)?, path)
    }

    /// Parses run text; `origin` names the source in errors. Each query's hits are ordered
    /// by the rank column, ties in file order.
    pub fn parse(text: &str, origin: &Path) -> Result<Run, EvalError> {
        let mut ranked: BTreeMap<String, Vec<(u64, Hit)>> = BTreeMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (line_no, line) in numbered_lines(text) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (qid, doc, rank, score) = match fields[..] {
                [] => continue,
                [qid, doc, rank, score] | [qid, _, doc, rank, score, _] => (qid, doc, rank, score),
                _ => {
                    return Err(ParseError::FieldCount {
                        expected: "4 (qid docid rank score) or 6 (qid Q0 docid rank score tag)",
                        found: fields.len(),
                    }
                    .at(origin, line_no))
                }
            };
            let rank = rank
                .parse::<u64>()
                .ok()
                .filter(|&r| r > 0)
                .ok_or_else(|| ParseError::BadRank(rank.to_owned()).at(origin, line_no))?;
            let score = score
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite())
                .ok_or_else(|| ParseError::BadScore(score.to_owned()).at(origin, line_no))?;
            if !seen.insert((qid.to_owned(), doc.to_owned())) {
                return Err(ParseError::DuplicateHit {
                    qid: qid.to_owned(),
                    doc: doc.to_owned(),
                }
                .at(origin, line_no));
            }
            let hit = Hit {
                doc: doc.to_owned(),
                score,
            };
            ranked.entry(qid.to_owned()).or_default().push((rank, hit));
        }
        let rankings = ranked
            .into_iter()
            .map(|(qid, mut hits)| {
                hits.sort_by_key(|&(rank, _)| rank); // stable: ties keep file order
                (qid, hits.into_iter().map(|(_, hit)| hit).collect())
            })
            .collect();
        Ok(Run { rankings })
    }

    /// Appends `doc` at the next rank of query `qid`.
    pub fn push(&mut self, qid: &str, doc: impl Into<String>, score: f64) {
        let hit = Hit {
            doc: doc.into(),
            score,
        };
        self.rankings.entry(qid.to_owned()).or_default().push(hit);
    }

    /// Sets the whole ranking of query `qid`, best first, replacing any earlier one.
    pub fn set_ranking(&mut self, qid: impl Into<String>, hits: Vec<Hit>) {
        self.rankings.insert(qid.into(), hits);
    }

    /// The ranking of `qid`, best first; empty if the query has no results.
    pub fn ranking(&self, qid: &str) -> &[Hit] {
        self.rankings.get(qid).map_or(&[], Vec::as_slice)
    }

    /// The queries with results, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Hit])> {
        self.rankings
            .iter()
            .map(|(q, h)| (q.as_str(), h.as_slice()))
    }

    /// How many queries have a ranking (possibly empty, if set so).
    pub fn len(&self) -> usize {
        self.rankings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rankings.is_empty()
    }

    /// Re-sorts every ranking the way trec_eval does before scoring: by score descending,
    /// ties by document id descending (byte order).
    pub fn sort_like_trec_eval(&mut self) {
        for hits in self.rankings.values_mut() {
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| b.doc.cmp(&a.doc)));
        }
    }

    /// Writes the run as `qid<TAB>docid<TAB>rank<TAB>score` lines, the form [`Run::parse`]
    /// reads back.
    pub fn write_tsv(&self, mut out: impl Write) -> io::Result<()> {
        for (qid, hits) in &self.rankings {
            for (i, hit) in hits.iter().enumerate() {
                writeln!(out, "{qid}\t{}\t{}\t{}", hit.doc, i + 1, hit.score)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Run, EvalError> {
        Run::parse(text, Path::new("run.tsv"))
    }

    fn docs(run: &Run, qid: &str) -> Vec<String> {
        run.ranking(qid).iter().map(|h| h.doc.clone()).collect()
    }

    #[test]
    fn ordered_by_rank_column() {
        let run =
            parse("q1\td2\t2\t1.5\nq1\td1\t1\t2.5\nq2 Q0 d9 1 -3 tag\n\nq1\td3\t2\t0.5\n").unwrap();
        assert_eq!(docs(&run, "q1"), ["d1", "d2", "d3"]);
        assert_eq!(run.ranking("q1")[0].score, 2.5);
        assert_eq!(run.ranking("q2")[0].score, -3.0);
        assert!(run.ranking("q3").is_empty());
        assert_eq!(run.len(), 2);
    }

    #[test]
    fn tsv_round_trip() {
        let mut run = Run::new();
        run.push("q1", "a", 3.25);
        run.push("q1", "b", 1.0);
        run.push("q0", "c", -0.5);
        let mut out = Vec::new();
        run.write_tsv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "q0\tc\t1\t-0.5\nq1\ta\t1\t3.25\nq1\tb\t2\t1\n");
        assert_eq!(parse(&text).unwrap(), run);
    }

    #[test]
    fn trec_eval_order() {
        let mut run = Run::new();
        run.set_ranking(
            "q",
            vec![
                Hit {
                    doc: "a".into(),
                    score: 1.0,
                },
                Hit {
                    doc: "c".into(),
                    score: 2.0,
                },
                Hit {
                    doc: "b".into(),
                    score: 1.0,
                },
            ],
        );
        run.sort_like_trec_eval();
        assert_eq!(docs(&run, "q"), ["c", "b", "a"]);
    }

    #[test]
    fn errors() {
        let err = parse("q d 1\n").unwrap_err();
        assert!(matches!(
            err,
            EvalError::Parse {
                line: 1,
                kind: ParseError::FieldCount { found: 3, .. },
                ..
            }
        ));
        let err = parse("q d 0 1.0\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "run.tsv:1: rank \"0\" is not a positive integer"
        );
        let err = parse("q d 1 nan\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "run.tsv:1: score \"nan\" is not a finite number"
        );
        let err = parse("q d 1 1\nq e 2 1\nq d 3 1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "run.tsv:3: query q: document d is listed twice"
        );
    }
}
