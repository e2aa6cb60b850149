//! Query sets.

use super::error::{numbered_lines, read_to_string, EvalError, ParseError};
use std::collections::HashMap;
use std::path::Path;

/// One query: its id and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub id: String,
    pub text: String,
}

/// An ordered set of queries with unique ids.
///
/// A file is either `qid<TAB>query` lines (decided by a tab in the first non-blank line;
/// every line must then have one, and the text is everything after the first tab) or
/// plain text with one query per line, whose id is its 1-based line number. Blank lines are
/// skipped in both forms (in plain form they still count for the numbering).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queries {
    list: Vec<Query>,
    index: HashMap<String, usize>,
}

impl Queries {
    pub fn new() -> Queries {
        Queries::default()
    }

    /// Reads a query file.
    pub fn read(path: &Path) -> Result<Queries, EvalError> {
        Queries::parse(&read_to_string(path)?, path)
    }

    /// Parses query-file text; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Queries, EvalError> {
        let mut queries = Queries::new();
        let mut tabbed = None;
        for (line_no, line) in numbered_lines(text) {
            if line.trim().is_empty() {
                continue;
            }
            let tabbed = *tabbed.get_or_insert_with(|| line.contains('\t'));
            let (id, text) = if tabbed {
                let (id, text) = line
                    .split_once('\t')
                    .ok_or_else(|| ParseError::MissingTab.at(origin, line_no))?;
                (id.trim().to_owned(), text.trim().to_owned())
            } else {
                (line_no.to_string(), line.trim().to_owned())
            };
            if id.is_empty() {
                return Err(ParseError::EmptyId("query").at(origin, line_no));
            }
            if queries.index.contains_key(&id) {
                return Err(ParseError::DuplicateQuery(id).at(origin, line_no));
            }
            queries.push(id, text);
        }
        Ok(queries)
    }

    /// Appends a query. Returns false, leaving the set unchanged, if `id` is already taken.
    pub fn push(&mut self, id: impl Into<String>, text: impl Into<String>) -> bool {
        let id = id.into();
        if self.index.contains_key(&id) {
            return false;
        }
        self.index.insert(id.clone(), self.list.len());
        self.list.push(Query {
            id,
            text: text.into(),
        });
        true
    }

    /// The text of query `id`.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.index.get(id).map(|&i| self.list[i].text.as_str())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The queries in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Query> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl<'a> IntoIterator for &'a Queries {
    type Item = &'a Query;
    type IntoIter = std::slice::Iter<'a, Query>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Queries, EvalError> {
        Queries::parse(text, Path::new("queries.tsv"))
    }

    #[test]
    fn tab_separated() {
        let q = parse("\u{feff}k0\tTàu chở Chủ tịch\tQuốc hội\r\n\nk1\t luật giáo dục \n").unwrap();
        let ids: Vec<&str> = q.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["k0", "k1"]);
        assert_eq!(q.get("k0"), Some("Tàu chở Chủ tịch\tQuốc hội"));
        assert_eq!(q.get("k1"), Some("luật giáo dục"));
        assert!(q.contains("k1") && !q.contains("k2"));
    }

    #[test]
    fn plain_lines_are_numbered() {
        let q = parse("first query\n\nthird line\n").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q.get("1"), Some("first query"));
        assert_eq!(q.get("3"), Some("third line"));
    }

    #[test]
    fn errors() {
        let err = parse("a\tx\nno tab here\n").unwrap_err();
        assert!(matches!(
            err,
            EvalError::Parse {
                line: 2,
                kind: ParseError::MissingTab,
                ..
            }
        ));
        let err = parse("a\tx\na\ty\n").unwrap_err();
        assert_eq!(err.to_string(), "queries.tsv:2: duplicate query id a");
        let err = parse("\tx\n").unwrap_err();
        assert_eq!(err.to_string(), "queries.tsv:1: empty query id");
    }

    #[test]
    fn push_rejects_duplicates() {
        let mut q = Queries::new();
        assert!(q.push("a", "x"));
        assert!(!q.push("a", "y"));
        assert_eq!((q.len(), q.get("a")), (1, Some("x")));
    }
}
