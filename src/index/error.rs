//! Errors of opening, building and updating an index. Each message says what to do.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum IndexError {
    #[error("no index at {0}: build one with `tracuu index --index {0} PATH...`")]
    Missing(PathBuf),

    #[error("{0} is not a tracuu index ({1}); point --index at a tracuu index directory or an empty one")]
    NotAnIndex(PathBuf, String),

    #[error("{path} is not a tracuu index and not empty (it holds {found}); tracuu writes only into folders it made, so nothing was written: point --index at a new or empty folder, or at a tracuu index")]
    NotOurs { path: PathBuf, found: String },

    #[error("the index at {path} was built with schema version {found}, this tracuu uses version {expected}: run `tracuu reindex --index {path} PATH...` to rebuild it")]
    OutdatedSchema {
        path: PathBuf,
        found: u32,
        expected: u32,
    },

    #[error("index schema mismatch: {0}; rebuild the index with `tracuu reindex`")]
    SchemaMismatch(String),

    #[error("the index at {path} is being updated by process {pid} since {since}; try again when it has finished (or remove {lock} if that process no longer exists)")]
    Busy {
        path: PathBuf,
        pid: String,
        since: String,
        lock: PathBuf,
    },

    /// `path` is the index's root folder, the one `index` rebuilds: never a generation.
    #[error("the index at {path} is damaged: {reason}; rebuild it from its sources with `tracuu index --index {} PATH...`", shell_word(path))]
    Corrupt { path: PathBuf, reason: String },

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("could not write the new index in {path}: {reason}; the previous index, if any, is still live")]
    WriteFailed { path: PathBuf, reason: String },

    #[error("could not update the index at {path}: {reason}; it was left as it was{advice}")]
    UpdateFailed {
        path: PathBuf,
        reason: String,
        /// What to do about it, if anything, with its leading `: `.
        advice: &'static str,
    },

    #[error("interrupted; nothing of this run went live")]
    Interrupted,

    #[error("nothing was indexed ({reason}); the index at {path} was left as it was")]
    NothingIndexed {
        path: PathBuf,
        reason: String,
        /// Why each input was skipped, for the caller to report.
        problems: Vec<crate::corpus::Problem>,
    },

    #[error("would remove {} of {} articles, more than the {allowed}% allowed; the index at {path} was left as it was: check the sources, or pass --max-remove {needed}% to allow it", thousands(*removed), thousands(*total))]
    TooManyRemoved {
        path: PathBuf,
        removed: u64,
        total: u64,
        /// The share allowed, in percent.
        allowed: f64,
        /// The least whole percentage that allows it.
        needed: u64,
        /// Why each input was skipped, for the caller to report.
        problems: Vec<crate::corpus::Problem>,
    },

    #[error("{source_path} does not exist; the index at {path} was left as it was (check the path, or the disk it is on)")]
    SourceMissing { path: PathBuf, source_path: PathBuf },

    #[error("index engine error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl IndexError {
    /// The inputs skipped by a run that then failed, to be reported before its error.
    pub fn problems(&self) -> &[crate::corpus::Problem] {
        match self {
            IndexError::NothingIndexed { problems, .. }
            | IndexError::TooManyRemoved { problems, .. } => problems,
            _ => &[],
        }
    }

    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> IndexError {
        let path = path.into();
        move |source| IndexError::Io {
            action,
            path,
            source,
        }
    }
}

/// A path as one shell word, so that advice naming it can be pasted as it is.
fn shell_word(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_alphanumeric() || "/._-+:,@%=~".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text;
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `9120` as `9,120`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{shell_word, thousands};
    use std::path::Path;

    #[test]
    fn paths_in_advice_are_one_shell_word() {
        assert_eq!(shell_word(Path::new("/srv/tin tức")), "'/srv/tin tức'");
        assert_eq!(shell_word(Path::new("/srv/tin-tuc_2")), "/srv/tin-tuc_2");
        assert_eq!(shell_word(Path::new("it's")), r"'it'\''s'");
    }

    #[test]
    fn thousands_are_separated() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (4812, "4,812"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }
}
