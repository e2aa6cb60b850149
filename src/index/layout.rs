//! The index directory: generations of tantivy indexes and an atomic pointer to the live one.
//!
//! ```text
//! ROOT/TRACUU         marks the folder as tracuu's
//! ROOT/CURRENT        name of the live generation, replaced atomically (write + rename)
//! ROOT/LOCK           held by the one writer (see `lock`)
//! ROOT/gen-000007/    a tantivy index plus tracuu.json, and TRACUU from its creation on
//! ```
//! A full build writes a new generation and switches `CURRENT` only when it is complete, so
//! readers see the old index or the new one, and a crash leaves the old one live.
//!
//! tracuu writes only into a folder that is its own index, or new, or empty, and removes
//! only generations that carry its marker (or, made before the marker, its `tracuu.json`):
//! an `--index` pointed at the wrong folder never deletes anything in it.

use super::error::IndexError;
use super::lock::WriterLock;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const CURRENT: &str = "CURRENT";
const LOCK: &str = "LOCK";
/// The marker tracuu writes into an index folder and into each generation it creates.
pub const MARKER: &str = "TRACUU";
const MARKER_TEXT: &str =
    "This folder was made by tracuu, which replaces and removes what is in it.\n";
/// How [`write_atomically`] names its temporary files for the marker and for `CURRENT`.
const MARKER_TMP: &str = "TRACUU.tmp-";
const CURRENT_TMP: &str = "CURRENT.tmp-";
const GENERATION_PREFIX: &str = "gen-";
/// Written into each generation next to tantivy's files.
pub const INFO_FILE: &str = "tracuu.json";

/// A generation held for reading (see [`Layout::hold`]); released on drop.
#[derive(Debug)]
pub struct ReadHold {
    _folder: Option<fs::File>,
}

/// What tracuu records about a generation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexInfo {
    pub format: String,
    pub schema_version: u32,
    /// Fingerprint of the embedded vocabulary (schema, chrome patterns, gazetteer, …).
    pub vocabulary: String,
    /// Seconds since the Unix epoch.
    pub built_at: u64,
    /// Whether this is the bundled sample corpus, built on first use.
    #[serde(default)]
    pub sample: bool,
    /// Each segment file's size and time as written, for searches to notice a changed one
    /// (see `integrity`); none in an index built before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<super::integrity::Stamps>,
}

pub const FORMAT: &str = "tracuu-index";

#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    pub fn new(root: impl Into<PathBuf>) -> Layout {
        Layout { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn lock_path(&self) -> PathBuf {
        self.root.join(LOCK)
    }

    pub fn generation_dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The live generation's name, or `None` when the root holds no tracuu index.
    pub fn current(&self) -> Result<Option<String>, IndexError> {
        let path = self.root.join(CURRENT);
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let name = text.trim();
                if !is_generation_name(name) {
                    return Err(IndexError::Corrupt {
                        path: self.root.clone(),
                        reason: format!("{} names {name:?}, not a generation", path.display()),
                    });
                }
                Ok(Some(name.to_owned()))
            }
            // No CURRENT, or the root is a file: no index here (the caller says what it is).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(IndexError::io("cannot read", path)(e)),
        }
    }

    /// Makes sure the root is a folder tracuu may write into, creating it if need be, and
    /// marks it as tracuu's: a folder it already marked, a new or empty one, or an index
    /// built before the marker (a `CURRENT` and a generation with `tracuu.json`). Any other
    /// folder is refused, with nothing written into it.
    pub fn claim(&self) -> Result<(), IndexError> {
        let root = &self.root;
        fs::create_dir_all(root)
            .map_err(IndexError::io("cannot create the index directory", root))?;
        let marker = root.join(MARKER);
        if marker.is_file() {
            return Ok(());
        }
        // Even with a damaged CURRENT: rebuilding is how that is repaired.
        let built_before_the_marker =
            root.join(CURRENT).is_file() && self.generations().iter().any(|g| self.is_ours(g));
        if !built_before_the_marker {
            let entries = fs::read_dir(root).map_err(IndexError::io("cannot read", root))?;
            let mut others: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // A lock file is left by a first build that indexed nothing; a marker still
                // being written is another process claiming the folder at the same moment.
                .filter(|name| name != LOCK && !name.starts_with(MARKER_TMP))
                .collect();
            if !others.is_empty() {
                others.sort();
                let count = others.len();
                let mut shown = others.into_iter().take(3).collect::<Vec<_>>().join(", ");
                if count > 3 {
                    shown.push_str(&format!(" and {} more", count - 3));
                }
                return Err(IndexError::NotOurs {
                    path: root.clone(),
                    found: shown,
                });
            }
        }
        write_atomically(&marker, MARKER_TEXT.as_bytes())
    }

    /// Whether the root holds no index and nothing but what tracuu writes while building a
    /// first one (its lock, its marker, generations of a build in progress), or is not there
    /// at all: where a first search builds the sample, or waits for the build in progress.
    pub fn is_unbuilt(&self) -> bool {
        self.unbuilt(true)
    }

    /// Whether the root holds no index and nothing but tracuu's lock and marker, or is not
    /// there at all: where the sample may be built. Generations without a `CURRENT` are not
    /// nothing: a damaged index, which a search must report rather than replace.
    pub fn is_empty(&self) -> bool {
        self.unbuilt(false)
    }

    fn unbuilt(&self, building: bool) -> bool {
        let root = &self.root;
        let entries = match fs::read_dir(root) {
            Ok(entries) => entries,
            Err(e) => return e.kind() == std::io::ErrorKind::NotFound,
        };
        let names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let ours = building && names.iter().any(|n| n == MARKER);
        names.iter().all(|n| {
            n == LOCK
                || n == MARKER
                || n.starts_with(MARKER_TMP)
                || (ours && (is_generation_name(n) || n.starts_with(CURRENT_TMP)))
        })
    }

    /// Creates the folder of a new generation, marked as tracuu's before anything else is
    /// written into it.
    pub fn create_generation(&self, name: &str) -> Result<PathBuf, IndexError> {
        let dir = self.generation_dir(name);
        fs::create_dir(&dir).map_err(IndexError::io("cannot create", &dir))?;
        write_atomically(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(dir)
    }

    /// Whether the generation folder `name` was made by tracuu.
    fn is_ours(&self, name: &str) -> bool {
        let dir = self.generation_dir(name);
        dir.join(MARKER).is_file() || dir.join(INFO_FILE).is_file()
    }

    /// Removes the generation `name` if tracuu made it and no search holds it (see
    /// [`Layout::hold`]); one a search holds is left for a later run to remove. An empty
    /// folder of that name is removed too (a build stopped before marking it). Anything else
    /// is left alone.
    pub fn remove_generation(&self, name: &str) {
        let dir = self.generation_dir(name);
        if !self.is_ours(name) {
            let _ = fs::remove_dir(&dir); // Only if empty.
            return;
        }
        // Held through the removal, so that a search that opens the folder meanwhile finds it
        // locked, or gone once it gets its lock.
        let _exclusive = match fs::File::open(&dir).map(|f| (f.try_lock(), f)) {
            Ok((Ok(()), f)) => Some(f),
            Ok((Err(fs::TryLockError::WouldBlock), _)) => return,
            // A file system without locks: removed as before there were any; a search that
            // was opening it tries again with the new generation (see `super::open`).
            Ok((Err(fs::TryLockError::Error(_)), _)) | Err(_) => None,
        };
        let _ = fs::remove_dir_all(&dir);
    }

    /// Holds the generation `name` for reading: a shared lock on its folder, which
    /// [`Layout::remove_generation`] must be able to lock exclusively to remove it. `None`
    /// when the generation is gone or being removed (a full build replaced it since `CURRENT`
    /// was read: read `CURRENT` again). Needs no write permission; where the folder cannot be
    /// locked (a file system without locks) the hold is empty and guards nothing.
    pub fn hold(&self, name: &str) -> Option<ReadHold> {
        let dir = self.generation_dir(name);
        let folder = match fs::File::open(&dir) {
            Ok(folder) => folder,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(_) => return Some(ReadHold { _folder: None }),
        };
        match folder.try_lock_shared() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return None,
            Err(fs::TryLockError::Error(_)) => return Some(ReadHold { _folder: None }),
        }
        // A writer may have removed it between the open and the lock: locked now, it stays
        // as it is, if it is still there.
        dir.is_dir().then_some(ReadHold {
            _folder: Some(folder),
        })
    }

    fn generations(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| is_generation_name(n))
            .collect();
        names.sort();
        names
    }

    /// A name for a new generation, after every existing one.
    pub fn next_generation(&self) -> String {
        let last = self
            .generations()
            .iter()
            .filter_map(|n| n[GENERATION_PREFIX.len()..].parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{GENERATION_PREFIX}{:06}", last + 1)
    }

    /// Makes `name` the live generation, atomically.
    pub fn switch_to(&self, name: &str) -> Result<(), IndexError> {
        write_atomically(&self.root.join(CURRENT), format!("{name}\n").as_bytes())
    }

    /// Removes generations other than `keep`: unfinished builds and replaced indexes, those
    /// tracuu made and no search holds (see [`Layout::remove_generation`]); the next writer
    /// removes those a search held.
    pub fn remove_other_generations(&self, keep: &str) {
        for name in self.generations() {
            if name != keep {
                self.remove_generation(&name);
            }
        }
    }

    /// Removes what killed builds left, and generations a search held when they were
    /// replaced: every generation tracuu made other than the live one (see
    /// [`Layout::remove_generation`]). Only the holder of the writer lock may call it, so no
    /// other process is writing any of them. With no `CURRENT`, or a damaged one, nothing
    /// is removed: the build that follows replaces it and then removes the rest.
    pub fn remove_stray_generations(&self, _held: &WriterLock) {
        if let Ok(Some(live)) = self.current() {
            self.remove_other_generations(&live);
        }
    }

    pub fn read_info(&self, generation: &str) -> Result<IndexInfo, IndexError> {
        let path = self.generation_dir(generation).join(INFO_FILE);
        let text = fs::read_to_string(&path).map_err(|e| IndexError::Corrupt {
            path: self.root.clone(),
            reason: format!("cannot read {}: {e}", path.display()),
        })?;
        serde_json::from_str(&text).map_err(|e| IndexError::Corrupt {
            path: self.root.clone(),
            reason: format!("{} is not valid: {e}", path.display()),
        })
    }

    pub fn write_info(&self, generation: &str, info: &IndexInfo) -> Result<(), IndexError> {
        let path = self.generation_dir(generation).join(INFO_FILE);
        let text = serde_json::to_vec_pretty(info).map_err(|e| IndexError::Corrupt {
            path: self.root.clone(),
            reason: e.to_string(),
        })?;
        write_atomically(&path, &text)
    }
}

fn is_generation_name(name: &str) -> bool {
    name.strip_prefix(GENERATION_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Writes a file so that readers see the old content or the new, never a part: write a
/// temporary file, flush it to disk, rename it over the target, flush the directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        IndexError::io("cannot write", path)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_are_numbered_and_switched() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        assert_eq!(layout.current().unwrap(), None);
        assert_eq!(layout.next_generation(), "gen-000001");
        fs::create_dir(dir.path().join("gen-000001")).unwrap();
        fs::create_dir(dir.path().join("gen-000002")).unwrap();
        assert_eq!(layout.next_generation(), "gen-000003");
        layout.switch_to("gen-000002").unwrap();
        assert_eq!(layout.current().unwrap().as_deref(), Some("gen-000002"));
        layout.remove_other_generations("gen-000002");
        assert!(!dir.path().join("gen-000001").exists());
        assert!(dir.path().join("gen-000002").exists());
    }

    #[test]
    fn only_generations_tracuu_made_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        layout.claim().unwrap();
        let made = layout.create_generation("gen-000001").unwrap();
        fs::write(made.join("meta.json"), "{}").unwrap();
        let before = dir.path().join("gen-000002");
        fs::create_dir(&before).unwrap();
        fs::write(before.join(INFO_FILE), "{}").unwrap();
        let foreign = dir.path().join("gen-2024");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.txt"), "x").unwrap();
        layout.remove_other_generations("gen-000003");
        assert!(!made.exists() && !before.exists());
        assert!(foreign.join("thesis.txt").exists());
    }

    #[test]
    fn a_folder_of_other_files_is_not_claimed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("gen-2024")).unwrap();
        let err = Layout::new(dir.path()).claim().unwrap_err().to_string();
        assert!(err.contains("gen-2024"), "{err}");
        assert!(!dir.path().join(MARKER).exists());
        // New, empty, or only a lock left: claimed.
        for sub in ["new/deeper", "empty"] {
            let path = dir.path().join(sub);
            if sub == "empty" {
                fs::create_dir(&path).unwrap();
                fs::write(path.join(LOCK), "").unwrap();
            }
            Layout::new(&path).claim().unwrap();
            assert!(path.join(MARKER).is_file());
        }
    }

    #[test]
    fn a_folder_is_unbuilt_until_it_has_an_index_or_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path().join("i"));
        assert!(layout.is_unbuilt(), "missing");
        fs::create_dir(layout.root()).unwrap();
        assert!(layout.is_unbuilt(), "empty");
        fs::write(layout.lock_path(), "").unwrap();
        assert!(layout.is_unbuilt(), "a lock");
        fs::create_dir(layout.generation_dir("gen-000001")).unwrap();
        assert!(!layout.is_unbuilt(), "a generation, unmarked folder");
        layout.claim().unwrap_err();
        fs::remove_dir(layout.generation_dir("gen-000001")).unwrap();
        layout.claim().unwrap();
        assert!(layout.is_empty(), "a lock and a marker");
        layout.create_generation("gen-000001").unwrap();
        assert!(layout.is_unbuilt(), "a first build in progress");
        assert!(
            !layout.is_empty(),
            "a first build in progress, or a lost CURRENT"
        );
        layout.switch_to("gen-000001").unwrap();
        assert!(!layout.is_unbuilt(), "built");
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(!Layout::new(&file).is_unbuilt(), "a file");
    }

    #[test]
    fn a_generation_a_search_holds_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        layout.claim().unwrap();
        layout.create_generation("gen-000001").unwrap();
        let held = layout.hold("gen-000001").expect("held");
        layout.remove_generation("gen-000001");
        assert!(dir.path().join("gen-000001").is_dir(), "held: left alone");
        assert!(
            layout.hold("gen-000001").is_some(),
            "shared with other searches"
        );
        drop(held);
        layout.remove_generation("gen-000001");
        assert!(!dir.path().join("gen-000001").exists());
        assert!(layout.hold("gen-000001").is_none(), "gone");
    }

    #[test]
    fn a_damaged_pointer_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CURRENT), "../../etc").unwrap();
        let err = Layout::new(dir.path()).current().unwrap_err();
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}
