//! What an index was built from: every source file's size, modification time and content
//! hash, and the id and content hash of each article it contributed. Reindexing compares the
//! sources with it to touch only what changed.
//!
//! A manifest is written to its own file in the generation *before* the tantivy commit, and
//! the commit's payload names it: the index and its manifest change together, atomically.

use super::error::IndexError;
use super::layout::write_atomically;
use crate::corpus::{Article, SourceFile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;
use xxhash_rust::xxh3::Xxh3;

/// The manifest's format. 2: files are keyed by their root and their path under it
/// (`SourceFile::key`). Before (no number), by path alone, while articles were matched to
/// files by their path under the root, so a name found under two roots could have its
/// articles recorded under the other: a reindex rebuilds an index with such a manifest.
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`VERSION`] when written by this tracuu; 0 when written before formats had numbers.
    #[serde(default)]
    pub version: u32,
    /// By file key (`SourceFile::key`).
    pub files: BTreeMap<String, FileState>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            version: VERSION,
            files: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub size: u64,
    /// The file's modification time when it was read; 0 when it had none, or when it was so
    /// recent that a rewrite after the read could carry the same time (see [`settled_ns`]):
    /// such a file is read again by the next reindex.
    pub modified_ns: u64,
    pub hash: u64,
    /// Every article of this file, indexed or shadowed by a duplicate id.
    pub articles: Vec<ArticleState>,
    /// What was skipped of it (malformed lines, a bad encoding) when it was last read:
    /// reported again on every run while the file is unchanged, since its articles are
    /// still missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<crate::corpus::Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    pub id: String,
    pub hash: u64,
    /// Whether this file's article is the one in the index (the first file in path order
    /// with the id); a duplicate elsewhere is remembered so it can take over when the first
    /// one goes away.
    pub indexed: bool,
    /// Its line in a JSON Lines file. Not part of the hash: an article that only moved
    /// (lines deleted or added before it) is unchanged, and not analysed again; the line
    /// stored with its document is then the old one, and `export` shows this one instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

pub fn modified_ns(file: &SourceFile) -> u64 {
    file.modified
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// How coarse a file system's modification times can be: FAT keeps two seconds, ext3 and
/// many network file systems one, and Linux stamps writes from a clock that lags by a tick.
const MTIME_GRANULARITY_NS: u64 = 2_000_000_000;

/// The modification time to record for a file read during a run that started at
/// `run_start_ns`, or 0 if it is too close to the run: a rewrite of the same size just after
/// the read could then keep the time, and the next run would take the file as unchanged
/// (git's "racily clean" entries). Recording 0 makes the next run read it again; its
/// articles are re-analysed only if their content changed.
pub fn settled_ns(file: &SourceFile, run_start_ns: u64) -> u64 {
    let modified = modified_ns(file);
    if modified.saturating_add(MTIME_GRANULARITY_NS) > run_start_ns {
        return 0;
    }
    modified
}

/// Whether `file` is as `state` recorded it: same size, and the same modification time,
/// which must be known and settled.
pub fn is_unchanged(state: &FileState, file: &SourceFile) -> bool {
    state.modified_ns != 0 && state.size == file.len && state.modified_ns == modified_ns(file)
}

/// Now, as [`modified_ns`] counts.
pub fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// A hash of everything of an article that reaches the index, but its line (see
/// [`ArticleState::line`]).
pub fn article_hash(a: &Article) -> u64 {
    let mut h = Xxh3::new();
    for part in [
        a.id.as_str(),
        &a.title,
        &a.body,
        a.url.as_deref().unwrap_or(""),
        a.source.as_deref().unwrap_or(""),
        a.stated.province.as_deref().unwrap_or(""),
        a.stated.unit.as_deref().unwrap_or(""),
        a.stated.term.as_deref().unwrap_or(""),
        &a.origin.path,
    ] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h.update(
        &a.published
            .map(|d| d.days_since_epoch())
            .unwrap_or(i64::MIN)
            .to_le_bytes(),
    );
    h.digest()
}

/// Writes the manifest to a new file in `dir` and returns its name (for the commit payload).
pub fn save(dir: &Path, manifest: &Manifest) -> Result<String, IndexError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let name = format!("manifest-{nanos}.json");
    let bytes = serde_json::to_vec(manifest).map_err(|e| IndexError::Corrupt {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_atomically(&dir.join(&name), &bytes)?;
    Ok(name)
}

/// The line each indexed article of a JSON Lines file is on now, by id.
pub fn lines(manifest: &Manifest) -> std::collections::HashMap<&str, usize> {
    manifest
        .files
        .values()
        .flat_map(|f| &f.articles)
        .filter(|a| a.indexed)
        .filter_map(|a| Some((a.id.as_str(), a.line?)))
        .collect()
}

/// The index's root folder, for errors: `dir` is a generation, directly under it, and advice
/// to rebuild names the root.
fn root_of(dir: &Path) -> std::path::PathBuf {
    dir.parent().unwrap_or(dir).to_path_buf()
}

/// Reads the manifest a commit payload names.
pub fn load(dir: &Path, name: &str) -> Result<Manifest, IndexError> {
    if !name.starts_with("manifest-") || name.contains(['/', '\\']) {
        return Err(IndexError::Corrupt {
            path: root_of(dir),
            reason: format!("the commit names {name:?}, not a manifest"),
        });
    }
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(IndexError::io("cannot read the manifest", &path))?;
    serde_json::from_slice(&bytes).map_err(|e| IndexError::Corrupt {
        path: root_of(dir),
        reason: format!("{} is not valid: {e}", path.display()),
    })
}

/// Removes manifest files other than `keep` (left by earlier commits or killed runs).
pub fn remove_others(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("manifest-") && name != keep {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
