//! The index: its schema, its directory layout, full builds and opening for search.

pub(crate) mod build;
pub(crate) mod document;
pub(crate) mod error;
pub(crate) mod integrity;
pub(crate) mod layout;
pub(crate) mod lock;
pub(crate) mod manifest;
pub(crate) mod reindex;
pub(crate) mod schema;
pub(crate) mod stop;
mod store_check;
pub(crate) mod sync;

pub use build::{
    build, build_sample_if_unbuilt, build_with_progress, BuildOptions, BuildReport, Sources,
};
pub use document::StoredArticle;
pub use error::IndexError;
pub use layout::{IndexInfo, Layout};
pub use lock::WriterLock;
pub use reindex::reindex;
pub use schema::Fields;
pub use sync::{Progress, Quiet, SyncCounts};

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::Index;
use xxhash_rust::xxh3::xxh3_64;

/// Everything embedded that shapes what is indexed. A change in any of them makes existing
/// indexes stale.
fn vocabulary_sources() -> Vec<&'static str> {
    let mut sources = vec![
        schema::SCHEMA_SOURCE,
        crate::corpus::chrome::PATTERNS_SOURCE,
    ];
    sources.extend(crate::extract::facets::gazetteer::SOURCES);
    sources
}

/// A fingerprint of the embedded vocabulary, recorded in each index.
pub fn vocabulary_fingerprint() -> String {
    let mut all = Vec::new();
    for source in vocabulary_sources() {
        all.extend_from_slice(&xxh3_64(source.as_bytes()).to_le_bytes());
    }
    format!("{:016x}", xxh3_64(&all))
}

/// A live index opened for reading. Its generation is held (see [`Layout::hold`]) until it
/// is dropped: a full build that replaces it meanwhile leaves it in place for the next one
/// to remove.
pub struct OpenIndex {
    pub layout: Layout,
    pub generation: String,
    pub info: IndexInfo,
    pub index: Index,
    pub fields: Fields,
    _hold: layout::ReadHold,
}

/// Whether `root` holds a tracuu index (a live generation).
pub fn exists(root: &Path) -> bool {
    matches!(Layout::new(root).current(), Ok(Some(_)))
}

/// Opens the live generation under `root` for searching.
pub fn open(root: &Path) -> Result<OpenIndex, IndexError> {
    let layout = Layout::new(root);
    // A full build may replace the generation, and remove it, between reading CURRENT and
    // holding it: read CURRENT again. Each try that fails so saw a build finish.
    let mut last_error = None;
    for _ in 0..5 {
        match open_once(&layout) {
            Ok(open) => return Ok(open),
            Err(OpenFailure::Raced(e)) => last_error = Some(e),
            Err(OpenFailure::Final(e)) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| IndexError::Missing(root.to_path_buf())))
}

enum OpenFailure {
    Raced(IndexError),
    Final(IndexError),
}

fn open_once(layout: &Layout) -> Result<OpenIndex, OpenFailure> {
    let root = layout.root();
    let generation = match layout.current().map_err(OpenFailure::Final)? {
        Some(g) => g,
        None => return Err(OpenFailure::Final(explain_missing(root))),
    };
    let dir = layout.generation_dir(&generation);
    let Some(hold) = layout.hold(&generation).filter(|_| dir.is_dir()) else {
        return Err(OpenFailure::Raced(IndexError::Corrupt {
            path: root.to_path_buf(),
            reason: format!("the live generation {generation} is missing"),
        }));
    };
    let info = layout.read_info(&generation).map_err(OpenFailure::Final)?;
    let expected = schema::embedded().map_err(OpenFailure::Final)?.version;
    if info.format != layout::FORMAT || info.schema_version != expected {
        return Err(OpenFailure::Final(IndexError::OutdatedSchema {
            path: root.to_path_buf(),
            found: info.schema_version,
            expected,
        }));
    }
    let corrupt = |reason: String| {
        OpenFailure::Final(IndexError::Corrupt {
            path: root.to_path_buf(),
            reason,
        })
    };
    let directory = MmapDirectory::open(&dir).map_err(|e| corrupt(e.to_string()))?;
    let index = Index::open(SearchDirectory(directory)).map_err(|e| corrupt(e.to_string()))?;
    schema::register_analyzers(&index);
    let fields = Fields::resolve(&index.schema()).map_err(OpenFailure::Final)?;
    Ok(OpenIndex {
        layout: layout.clone(),
        generation,
        info,
        index,
        fields,
        _hold: hold,
    })
}

fn explain_missing(root: &Path) -> IndexError {
    if !root.exists() {
        return IndexError::Missing(root.to_path_buf());
    }
    if !root.is_dir() {
        return IndexError::NotAnIndex(root.to_path_buf(), "it is a file".to_owned());
    }
    if root.join("meta.json").exists() {
        return IndexError::NotAnIndex(root.to_path_buf(), "it is a bare tantivy index".to_owned());
    }
    let empty = std::fs::read_dir(root)
        .map(|mut d| {
            d.all(|e| {
                e.map(|e| e.file_name() == "LOCK" || e.file_name() == layout::MARKER)
                    .unwrap_or(false)
            })
        })
        .unwrap_or(false);
    if empty {
        IndexError::Missing(root.to_path_buf())
    } else {
        IndexError::NotAnIndex(root.to_path_buf(), "it has no CURRENT file".to_owned())
    }
}

/// The directory a search opens: tantivy's memory-mapped directory, except that the lock
/// file tantivy takes while opening segment readers (so that a writer's clean-up cannot
/// delete files under them) is skipped where the index is read-only. No writer ever changes
/// a live generation (a build writes a new one), so there is nothing to guard against there,
/// and a read-only index (a read-only mount, another user's folder) still searches. A doc
/// store is checked before tantivy opens it (see [`store_check`]).
#[derive(Debug, Clone)]
struct SearchDirectory(MmapDirectory);

impl Directory for SearchDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let handle = self.0.get_file_handle(path)?;
        if path.extension().is_some_and(|e| e == "store") {
            store_check::check_doc_store(handle.as_ref())
                .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        }
        Ok(handle)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

/// The directory a build or reindex writes: tantivy's memory-mapped directory, except that
/// its atomic writes (`meta.json`, `.managed.json`) create their file with the process's
/// umask, like every other file of the index. tantivy's go through a temporary file made
/// with mode 0600, so an index built by one user (a cron job) could not be searched by
/// another even where the folder's permissions allow it.
#[derive(Debug, Clone)]
pub(crate) struct WriteDirectory {
    inner: MmapDirectory,
    root: std::path::PathBuf,
}

impl WriteDirectory {
    pub(crate) fn open(dir: &Path) -> tantivy::Result<WriteDirectory> {
        Ok(WriteDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
        })
    }
}

impl Directory for WriteDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        static TEMPORARY: AtomicU64 = AtomicU64::new(0);
        let target = self.root.join(path);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let n = TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .root
            .join(format!(".{name}.tmp-{}-{n}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(data)?;
            f.sync_data()?;
            std::fs::rename(&tmp, &target)
        };
        write().inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
