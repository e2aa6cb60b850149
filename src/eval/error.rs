//! Errors from reading qrels, query and run files.

use std::path::PathBuf;
use thiserror::Error;

/// An error reading an evaluation input. Parse errors name the file and the 1-based line.
#[derive(Debug, Error)]
pub enum EvalError {
    /// The file could not be read (the I/O error is the [`source`](std::error::Error::source)).
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of the file is malformed or contradicts an earlier line.
    #[error("{}:{line}: {kind}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        kind: ParseError,
    },
}

/// What is wrong with one line of an input file.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParseError {
    /// The line does not have one of the accepted numbers of fields.
    #[error("expected {expected} fields, found {found}")]
    FieldCount {
        expected: &'static str,
        found: usize,
    },
    /// A query file in `qid<TAB>query` form has a line without a tab.
    #[error("expected `qid<TAB>query` (the file's first line has a tab), found no tab")]
    MissingTab,
    /// A query or document id is empty.
    #[error("empty {0} id")]
    EmptyId(&'static str),
    /// A relevance grade is not an integer.
    #[error("relevance grade {0:?} is not an integer")]
    BadGrade(String),
    /// A rank is not a positive integer.
    #[error("rank {0:?} is not a positive integer")]
    BadRank(String),
    /// A score is not a finite number.
    #[error("score {0:?} is not a finite number")]
    BadScore(String),
    /// The qrels grade a (query, document) pair twice, differently.
    #[error("query {qid}, document {doc}: grade {grade} contradicts the earlier grade {earlier}")]
    ConflictingGrade {
        qid: String,
        doc: String,
        grade: i32,
        earlier: i32,
    },
    /// A query id occurs twice in a query file.
    #[error("duplicate query id {0}")]
    DuplicateQuery(String),
    /// A run lists the same document twice for one query.
    #[error("query {qid}: document {doc} is listed twice")]
    DuplicateHit { qid: String, doc: String },
}

impl ParseError {
    /// This error, located at `line` of `path`.
    pub(crate) fn at(self, path: &std::path::Path, line: usize) -> EvalError {
        EvalError::Parse {
            path: path.to_path_buf(),
            line,
            kind: self,
        }
    }
}

/// Reads a whole input file, mapping failure to [`EvalError::Io`].
pub(crate) fn read_to_string(path: &std::path::Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The lines of `text` with 1-based numbers, a leading byte-order mark and trailing `\r`
/// removed.
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
}
