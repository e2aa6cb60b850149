//! Relevance judgments ("qrels").

use super::error::{numbered_lines, read_to_string, EvalError, ParseError};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The judgments of one query: document id → relevance grade. Documents not listed are
/// unjudged and count as non-relevant (grade 0), as in trec_eval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgments {
    grades: HashMap<String, i32>,
}

impl Judgments {
    /// The grade of `doc`, 0 when unjudged.
    pub fn grade(&self, doc: &str) -> i32 {
        self.grades.get(doc).copied().unwrap_or(0)
    }

    /// Whether `doc` is relevant: its grade is at least 1 (trec_eval's default
    /// `relevance_level`).
    pub fn is_relevant(&self, doc: &str) -> bool {
        self.grade(doc) > 0
    }

    /// How many judged documents are relevant.
    pub fn num_relevant(&self) -> usize {
        self.grades.values().filter(|&&g| g > 0).count()
    }

    /// How many documents are judged (relevant or not).
    pub fn len(&self) -> usize {
        self.grades.len()
    }

    pub fn is_empty(&self) -> bool {
        self.grades.is_empty()
    }

    /// The judged documents and their grades, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, i32)> {
        self.grades.iter().map(|(d, &g)| (d.as_str(), g))
    }

    /// The positive grades, highest first: the gains of the ideal ranking.
    pub(crate) fn ideal_gains(&self) -> Vec<i32> {
        let mut gains: Vec<i32> = self.grades.values().copied().filter(|&g| g > 0).collect();
        gains.sort_unstable_by(|a, b| b.cmp(a));
        gains
    }

    /// Records a grade; an identical repeat is accepted, a different one is an error.
    fn insert(&mut self, qid: &str, doc: &str, grade: i32) -> Result<(), ParseError> {
        match self.grades.get(doc) {
            Some(&earlier) if earlier != grade => Err(ParseError::ConflictingGrade {
                qid: qid.to_owned(),
                doc: doc.to_owned(),
                grade,
                earlier,
            }),
            Some(_) => Ok(()),
            None => {
                self.grades.insert(doc.to_owned(), grade);
                Ok(())
            }
        }
    }
}

/// Relevance judgments for a set of queries.
///
/// Read from lines `qid<TAB>docid<TAB>grade` or the TREC form `qid iteration docid grade`
/// (any whitespace separates fields; the iteration column is ignored). Blank lines are
/// skipped. Grades are integers; a document is relevant when its grade is > 0. The same
/// judgment may be repeated (the legal_qa qrels repeat some lines), but grading a document
/// twice differently is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Qrels {
    queries: BTreeMap<String, Judgments>,
}

impl Qrels {
    pub fn new() -> Qrels {
        Qrels::default()
    }

    /// Reads a qrels file.
    pub fn read(path: &Path) -> Result<Qrels, EvalError> {
        Qrels::parse(&read_to_string(path)?, path)
    }

    /// Parses qrels text; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Qrels, EvalError> {
        let mut qrels = Qrels::new();
        for (line_no, line) in numbered_lines(text) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (qid, doc, grade) = match fields[..] {
                [] => continue,
                [qid, doc, grade] | [qid, _, doc, grade] => (qid, doc, grade),
                _ => {
                    return Err(ParseError::FieldCount {
                        expected: "3 (qid docid grade) or 4 (qid iter docid grade)",
                        found: fields.len(),
                    }
                    .at(origin, line_no))
                }
            };
            let grade: i32 = grade
                .parse()
                .map_err(|_| ParseError::BadGrade(grade.to_owned()).at(origin, line_no))?;
            qrels
                .insert(qid, doc, grade)
                .map_err(|e| e.at(origin, line_no))?;
        }
        Ok(qrels)
    }

    /// Records that `doc` has `grade` for query `qid`. Repeating a judgment is a no-op;
    /// contradicting one is an error.
    pub fn insert(&mut self, qid: &str, doc: &str, grade: i32) -> Result<(), ParseError> {
        self.queries
            .entry(qid.to_owned())
            .or_default()
            .insert(qid, doc, grade)
    }

    /// The judgments of `qid`, if it has any.
    pub fn get(&self, qid: &str) -> Option<&Judgments> {
        self.queries.get(qid)
    }

    /// The judged queries, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Judgments)> {
        self.queries.iter().map(|(q, j)| (q.as_str(), j))
    }

    /// How many queries have judgments.
    pub fn len(&self) -> usize {
        self.queries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Qrels, EvalError> {
        Qrels::parse(text, Path::new("qrels.tsv"))
    }

    #[test]
    fn three_and_four_column_forms() {
        let qrels = parse("q1\td1\t1\nq1\td2\t0\n\nq2 0 d3 2\r\nq1\td1\t1\n").unwrap();
        assert_eq!(qrels.len(), 2);
        let q1 = qrels.get("q1").unwrap();
        assert_eq!((q1.grade("d1"), q1.grade("d2"), q1.grade("d9")), (1, 0, 0));
        assert_eq!((q1.len(), q1.num_relevant()), (2, 1));
        assert!(q1.is_relevant("d1") && !q1.is_relevant("d2"));
        assert_eq!(qrels.get("q2").unwrap().grade("d3"), 2);
        assert_eq!(qrels.get("q3"), None);
    }

    #[test]
    fn ideal_gains_are_positive_grades_descending() {
        let qrels = parse("q d1 1\nq d2 3\nq d3 0\nq d4 -1\nq d5 2\n").unwrap();
        assert_eq!(qrels.get("q").unwrap().ideal_gains(), vec![3, 2, 1]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse("q1\td1\t1\nq1\td2\n").unwrap_err();
        assert!(matches!(
            &err,
            EvalError::Parse {
                line: 2,
                kind: ParseError::FieldCount { found: 2, .. },
                ..
            }
        ));
        assert!(
            err.to_string().starts_with("qrels.tsv:2: expected 3"),
            "{err}"
        );

        let err = parse("q1\td1\tyes\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "qrels.tsv:1: relevance grade \"yes\" is not an integer"
        );

        let err = parse("q1\td1\t1\n\nq1\td1\t2\n").unwrap_err();
        assert!(matches!(
            err,
            EvalError::Parse {
                line: 3,
                kind: ParseError::ConflictingGrade {
                    grade: 2,
                    earlier: 1,
                    ..
                },
                ..
            }
        ));
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = Qrels::read(Path::new("/nonexistent/qrels.tsv")).unwrap_err();
        assert!(matches!(err, EvalError::Io { .. }));
        assert_eq!(err.to_string(), "cannot read /nonexistent/qrels.tsv");
    }
}
