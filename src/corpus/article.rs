//! The article: what every reader produces and the indexer consumes.

use crate::extract::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One article, normalized ([`crate::text::normalize`]) and cleaned of page chrome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the input's `id`, else its URL, else its path relative to the indexed root
    /// (with `:LINE` for a JSON line).
    pub id: String,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub source: Option<String>,
    /// Values the input states outright; they override extraction.
    pub stated: Stated,
    /// Where the article came from, for error reports and for reindexing.
    pub origin: Origin,
}

/// Facet values an input states explicitly (JSON Lines fields `province`, `unit`, `term`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stated {
    pub province: Option<String>,
    pub unit: Option<String>,
    pub term: Option<String>,
}

/// A file, and a line in it for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// The path relative to the indexed root, with `/` separators.
    pub path: String,
    /// 1-based line number, for JSON Lines.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// Something in the input that was skipped or only partly read. Never silent: each one is
/// reported on stderr and counted in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The path as the user can find it on disk.
    pub path: String,
    pub line: Option<usize>,
    /// `skipped` when nothing of it was indexed, `partial` when some of it was.
    pub severity: Severity,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Skipped,
    Partial,
}

impl Problem {
    pub fn skipped(
        path: impl Into<String>,
        line: Option<usize>,
        reason: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Skipped,
            reason: reason.into(),
        }
    }

    pub fn partial(
        path: impl Into<String>,
        line: Option<usize>,
        reason: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Partial,
            ..Problem::skipped(path, line, reason)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Skipped => "skipped",
            Severity::Partial => "partly read",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {what}: {}", self.path, line, self.reason),
            None => write!(f, "{}: {what}: {}", self.path, self.reason),
        }
    }
}
