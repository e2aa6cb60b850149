//! Knowing that a generation is whole before answering from it.
//!
//! tantivy ends every segment file with a checksum of its content, but it checks none of
//! them on opening, and reading a file with a changed byte gives wrong results, or a panic,
//! instead of an error. Checking every byte on every search would cost more than the search
//! (a 500 MB index is read in about a second; a search takes under a millisecond), so:
//!
//! - a build or reindex records each segment file's size and modification time, in the
//!   generation's `tracuu.json`, once it has written them ([`stamps`]);
//! - opening for a search compares them with the files (a `stat` each) and verifies the
//!   checksum of any file that differs or was not recorded ([`verify_for_search`]): any
//!   write through the file system changes a file's modification time;
//! - opening also compares each segment's document count in `meta.json` with what its files
//!   hold ([`check_counts`]), so a wrong count is refused instead of reading past the end or
//!   leaving documents out;
//! - `tracuu check` and every reindex verify every byte of every file ([`verify_all`]), which
//!   also finds damage no write made (a failing disk).

use super::error::IndexError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::{Index, Searcher, SegmentReader};

/// What was recorded of a segment file when tracuu wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified_ns: u64,
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = std::fs::metadata(path)?;
        let modified_ns = meta
            .modified()?
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Ok(Stamp {
            len: meta.len(),
            modified_ns,
        })
    }
}

/// By file name in the generation folder.
pub type Stamps = BTreeMap<String, Stamp>;

/// What is wrong with one file (or one segment) of a generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub path: PathBuf,
    pub what: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.what)
    }
}

impl Damage {
    fn new(path: impl Into<PathBuf>, what: impl Into<String>) -> Damage {
        Damage {
            path: path.into(),
            what: what.into(),
        }
    }

    fn into_error(self, root: &Path) -> IndexError {
        IndexError::Corrupt {
            path: root.to_path_buf(),
            reason: self.to_string(),
        }
    }
}

const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// The files a segment is made of: one per component, and its deletions if it has any.
pub fn segment_files(meta: &SegmentMeta) -> Vec<String> {
    let mut files: Vec<String> = COMPONENTS
        .iter()
        .map(|c| meta.relative_path(c.clone()).to_string_lossy().into_owned())
        .collect();
    if meta.has_deletes() {
        let del = meta.relative_path(SegmentComponent::Delete);
        files.push(del.to_string_lossy().into_owned());
    }
    files
}

/// The files of a segment a reader has open, named as [`segment_files`] names them.
fn reader_files(reader: &SegmentReader) -> Vec<String> {
    let uuid = reader.segment_id().uuid_string();
    let mut files: Vec<String> = COMPONENTS.iter().map(|c| format!("{uuid}.{c}")).collect();
    if reader.has_deletes() {
        let opstamp = reader.delete_opstamp().unwrap_or(0);
        files.push(format!("{uuid}.{opstamp}.del"));
    }
    files
}

/// The stamps of the files of every segment `index` lists now, in `dir` (its folder).
pub fn stamps(dir: &Path, index: &Index) -> Result<Stamps, IndexError> {
    let mut out = Stamps::new();
    for meta in index.searchable_segment_metas()? {
        for name in segment_files(&meta) {
            let path = dir.join(&name);
            let stamp = Stamp::of(&path).map_err(IndexError::io("cannot read", path))?;
            out.insert(name, stamp);
        }
    }
    Ok(out)
}

/// Whether the file `name` of `index` matches the checksum in its footer; through the
/// index's own directory, so a file a reader has mapped is the one verified.
fn verify_checksum(index: &Index, dir: &Path, name: &str) -> Result<(), Damage> {
    let path = dir.join(name);
    match index.directory().validate_checksum(Path::new(name)) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Damage::new(
            path,
            "its content does not match its checksum (it was changed after tracuu wrote it)",
        )),
        Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {
            Err(Damage::new(path, "it is missing"))
        }
        Err(e) => Err(Damage::new(path, format!("it cannot be verified ({e})"))),
    }
}

/// The quick check of every search: the files `searcher` reads that differ from what was
/// recorded of them (`recorded`, none for an index built before the record) are verified in
/// full, and every segment's document count is compared with its files.
pub fn verify_for_search(
    root: &Path,
    dir: &Path,
    recorded: Option<&Stamps>,
    index: &Index,
    searcher: &Searcher,
) -> Result<(), IndexError> {
    for reader in searcher.segment_readers() {
        for name in reader_files(reader) {
            let unchanged = recorded
                .and_then(|r| r.get(&name))
                .is_some_and(|r| Stamp::of(&dir.join(&name)).ok().as_ref() == Some(r));
            if !unchanged {
                verify_checksum(index, dir, &name).map_err(|d| d.into_error(root))?;
            }
        }
        check_counts(dir, reader).map_err(|d| d.into_error(root))?;
    }
    Ok(())
}

/// Whether the document count `meta.json` gives a segment agrees with its files: the length
/// of each field's norms (a byte a document) and the last document of its store. tantivy
/// trusts the count: too large, and reading every document (an export) runs for ever; too
/// small, and the documents past it are silently left out.
pub fn check_counts(dir: &Path, reader: &SegmentReader) -> Result<(), Damage> {
    let max_doc = reader.max_doc();
    let uuid = reader.segment_id().uuid_string();
    let says = |found: String| {
        Damage::new(
            dir.join("meta.json"),
            format!("it gives segment {uuid} {max_doc} documents, but {found}"),
        )
    };
    let schema = reader.schema();
    for (field, entry) in schema.fields() {
        if !entry.is_indexed() || !entry.has_fieldnorms() {
            continue;
        }
        let norms = reader
            .fieldnorms_readers()
            .get_field(field)
            .map_err(|e| Damage::new(dir.join(format!("{uuid}.fieldnorm")), e.to_string()))?;
        if let Some(norms) = norms {
            if norms.num_docs() != max_doc {
                return Err(says(format!(
                    "its norms of `{}` are for {}",
                    entry.name(),
                    norms.num_docs()
                )));
            }
        }
    }
    let store = reader
        .get_store_reader(0)
        .map_err(|e| Damage::new(dir.join(format!("{uuid}.store")), e.to_string()))?;
    let has = |doc: u32| store.get_document_bytes(doc).is_ok();
    if max_doc > 0 && !has(max_doc - 1) {
        return Err(says("its store holds fewer".to_owned()));
    }
    if has(max_doc) {
        return Err(says("its store holds more".to_owned()));
    }
    Ok(())
}

/// Every byte of every file of every segment `index` (in `dir`) lists, and every segment's
/// document count: what is wrong, nothing when the generation is whole. Counts are compared
/// only once every file is verified, since reading a damaged file can panic.
pub fn verify_all(index: &Index, dir: &Path) -> Result<Vec<Damage>, IndexError> {
    let mut damage = Vec::new();
    let metas = index.searchable_segment_metas()?;
    for meta in &metas {
        for name in segment_files(meta) {
            if let Err(d) = verify_checksum(index, dir, &name) {
                damage.push(d);
            }
        }
    }
    if !damage.is_empty() {
        return Ok(damage);
    }
    for segment in index.searchable_segments()? {
        match SegmentReader::open(&segment) {
            Ok(reader) => damage.extend(check_counts(dir, &reader).err()),
            Err(e) => damage.push(Damage::new(
                dir.join(format!("{}.*", segment.id().uuid_string())),
                format!("the segment cannot be opened ({e})"),
            )),
        }
    }
    Ok(damage)
}

/// What `tracuu check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub root: PathBuf,
    /// The live generation, when `CURRENT` names one.
    pub generation: Option<String>,
    pub damage: Vec<Damage>,
    pub segments: usize,
    /// Segment files verified, and their bytes.
    pub files: usize,
    pub bytes: u64,
    pub documents: u64,
}

/// Verifies the whole live index under `layout`: the `CURRENT` pointer, the generation's
/// `tracuu.json` and `meta.json`, every byte of every segment file, each segment's document
/// count and the manifest of sources. An error only when there is no index to check.
pub fn check(layout: &super::Layout) -> Result<CheckReport, IndexError> {
    // A writer switching the generation or committing while this runs can make a sound
    // index look damaged (its old files removed under the check): check it again then.
    for _ in 0..2 {
        let before = live_state(layout);
        let report = check_once(layout)?;
        if report.damage.is_empty() || live_state(layout) == before {
            return Ok(report);
        }
    }
    check_once(layout)
}

/// What a writer changes: the pointer, and the live generation's list of segments.
fn live_state(layout: &super::Layout) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let current = std::fs::read(layout.root().join("CURRENT")).ok();
    let meta = layout
        .current()
        .ok()
        .flatten()
        .and_then(|g| std::fs::read(layout.generation_dir(&g).join("meta.json")).ok());
    (current, meta)
}

fn check_once(layout: &super::Layout) -> Result<CheckReport, IndexError> {
    let root = layout.root();
    let mut report = CheckReport {
        root: root.to_path_buf(),
        ..CheckReport::default()
    };
    let current = root.join("CURRENT");
    let generation = match layout.current() {
        Ok(Some(generation)) => generation,
        Ok(None) => return Err(super::explain_missing(root)),
        Err(IndexError::Corrupt { .. }) => {
            let text = std::fs::read(&current).unwrap_or_default();
            let named = String::from_utf8_lossy(&text).trim().to_owned();
            let what = format!("it names {named:?}, not a generation");
            report.damage.push(Damage::new(current, what));
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    report.generation = Some(generation.clone());
    let dir = layout.generation_dir(&generation);
    if !dir.is_dir() {
        let what = format!("it names {generation}, which is missing");
        report.damage.push(Damage::new(current, what));
        return Ok(report);
    }
    if let Err(e) = layout.read_info(&generation) {
        let info = dir.join(super::layout::INFO_FILE);
        report.damage.push(Damage::new(info, reason(e)));
    }
    let opened = tantivy::directory::MmapDirectory::open(&dir)
        .map_err(tantivy::TantivyError::from)
        .and_then(|d| Index::open(super::SearchDirectory(d)));
    let index = match opened {
        Ok(index) => index,
        Err(e) => {
            let what = format!("the segments cannot be listed ({e})");
            report.damage.push(Damage::new(dir.join("meta.json"), what));
            return Ok(report);
        }
    };
    let metas = index.searchable_segment_metas()?;
    report.segments = metas.len();
    report.documents = metas.iter().map(|m| u64::from(m.num_docs())).sum();
    for meta in &metas {
        for name in segment_files(meta) {
            report.files += 1;
            report.bytes += std::fs::metadata(dir.join(name)).map_or(0, |m| m.len());
        }
    }
    report.damage.extend(verify_all(&index, &dir)?);
    if let Some(name) = index.load_metas()?.payload {
        let counted = report.damage.is_empty().then_some(report.documents);
        report.damage.extend(check_manifest(&dir, &name, counted));
    }
    Ok(report)
}

/// What is wrong with the manifest `name` in `dir`: unreadable, or, when the index is known
/// to hold `documents`, listing another number of articles as indexed.
fn check_manifest(dir: &Path, name: &str, documents: Option<u64>) -> Option<Damage> {
    let path = dir.join(name);
    let manifest = match super::manifest::load(dir, name) {
        Ok(manifest) => manifest,
        Err(e) => return Some(Damage::new(path, reason(e))),
    };
    let indexed: std::collections::HashSet<&str> = manifest
        .files
        .values()
        .flat_map(|f| f.articles.iter().filter(|a| a.indexed))
        .map(|a| a.id.as_str())
        .collect();
    let documents = documents?;
    (indexed.len() as u64 != documents).then(|| {
        let what = format!(
            "it lists {} articles in the index, which holds {documents}",
            indexed.len()
        );
        Damage::new(path, what)
    })
}

/// What an error says is wrong, without its advice.
pub(crate) fn reason(e: IndexError) -> String {
    match e {
        IndexError::Corrupt { reason, .. } => reason,
        IndexError::Io { source, .. } => source.to_string(),
        e => e.to_string(),
    }
}
