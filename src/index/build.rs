//! Full builds and nightly reindexing. A full build writes a fresh generation that goes live
//! only once complete; a reindex updates the live generation in one atomic commit. Either
//! way, a crash leaves the last committed index searchable.

use super::document::to_document;
use super::error::IndexError;
use super::integrity;
use super::layout::{IndexInfo, Layout, FORMAT};
use super::lock::{unix_now, WriterLock};
use super::manifest::{self, Manifest};
use super::schema::{embedded, register_analyzers, Fields};
use super::stop;
use super::sync::{sync, Progress, Quiet, SyncCounts};
use super::{vocabulary_fingerprint, WriteDirectory};
use crate::corpus::sample::{read_sample, sample_bytes};
use crate::corpus::{Article, Limits, Problem};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument};

/// The share of the index, in percent, a reindex may remove unless told otherwise.
pub const DEFAULT_MAX_REMOVE: f64 = 10.0;

/// What to index.
#[derive(Debug, Clone)]
pub enum Sources {
    /// Files and directories on disk.
    Paths(Vec<PathBuf>),
    /// The sample corpus bundled into the binary.
    Sample,
}

/// Knobs of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Memory tantivy's writer may use for buffering, shared by its threads.
    pub memory_budget: usize,
    /// Indexing threads (tantivy analyses and writes segments on these).
    pub threads: usize,
    pub limits: Limits,
    /// The largest share of the indexed articles, in percent, that a reindex may remove; one
    /// that would remove more fails and leaves the index as it was (sources half gone, a
    /// failed copy). 100 allows any.
    pub max_remove: f64,
}

impl Default for BuildOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(1, 8);
        BuildOptions {
            memory_budget: 256 << 20,
            threads,
            limits: Limits::default(),
            max_remove: DEFAULT_MAX_REMOVE,
        }
    }
}

/// What a build or reindex did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub generation: String,
    pub counts: SyncCounts,
    pub problems: Vec<Problem>,
    pub elapsed: Duration,
    /// Why a reindex rebuilt everything, if it did.
    pub rebuilt: Option<String>,
}

/// Builds a complete index of `sources` into a new generation and makes it live. On any
/// error the previous index stays live and the partial generation is removed.
pub fn build(
    layout: &Layout,
    sources: &Sources,
    options: &BuildOptions,
) -> Result<BuildReport, IndexError> {
    build_with_progress(layout, sources, options, &mut Quiet)
}

/// [`build`], telling `progress` how far it has read.
pub fn build_with_progress(
    layout: &Layout,
    sources: &Sources,
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    let lock = take_writer(layout)?;
    let mut report = build_locked(layout, &lock, sources, options, progress, None)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// For a first search: builds the bundled sample at `layout` when the folder holds no index
/// (see [`Layout::is_empty`]), or, when another process is building one there, waits for it
/// instead (see [`Layout::is_unbuilt`]). Returns the report of the build it made, `None` when there was nothing
/// to do (an index, or a folder a search must explain). `waiting` is told who holds the
/// writer lock before waiting for it; `building` is called before building.
pub fn build_sample_if_unbuilt(
    layout: &Layout,
    options: &BuildOptions,
    waiting: &mut dyn FnMut(&IndexError),
    building: &mut dyn FnMut(),
) -> Result<Option<BuildReport>, IndexError> {
    if !layout.is_unbuilt() {
        return Ok(None);
    }
    let root = layout.root();
    std::fs::create_dir_all(root)
        .map_err(IndexError::io("cannot create the index directory", root))?;
    // Several first searches at once: one builds, the others wait for it here, then read
    // what it built.
    let lock = WriterLock::wait(layout, waiting)?;
    // Built meanwhile, or a build that failed or was killed: generations without a CURRENT
    // may be an index whose CURRENT was lost, never to be replaced by the sample.
    if !layout.is_empty() {
        return Ok(None);
    }
    let started = Instant::now();
    create_root(layout)?;
    building();
    let mut report = build_locked(layout, &lock, &Sources::Sample, options, &mut Quiet, None)?;
    report.elapsed = started.elapsed();
    Ok(Some(report))
}

/// Takes the writer lock of the index at `layout` (creating its folder), and clears what
/// earlier runs left: generations never made live, and unused files in the live one.
pub(super) fn take_writer(layout: &Layout) -> Result<WriterLock, IndexError> {
    create_root(layout)?;
    let lock = WriterLock::acquire(layout)?;
    layout.remove_stray_generations(&lock);
    collect_garbage(layout, &lock);
    Ok(lock)
}

/// Creates the index folder, or checks that the one there is tracuu's to write into.
pub(super) fn create_root(layout: &Layout) -> Result<(), IndexError> {
    layout.claim()
}

/// Refuses a run that would remove more than `max_percent` of the `total` articles indexed.
pub(super) fn check_removals(
    layout: &Layout,
    removed: u64,
    total: u64,
    max_percent: f64,
    problems: &mut Vec<Problem>,
) -> Result<(), IndexError> {
    if removed as f64 * 100.0 <= max_percent * total as f64 {
        return Ok(());
    }
    Err(IndexError::TooManyRemoved {
        path: layout.root().to_path_buf(),
        removed,
        total,
        allowed: max_percent,
        needed: (removed * 100).div_ceil(total.max(1)),
        problems: std::mem::take(problems),
    })
}

/// The ids a manifest has in the index.
pub(super) fn indexed_ids(manifest: &Manifest) -> impl Iterator<Item = &str> {
    manifest
        .files
        .values()
        .flat_map(|f| f.articles.iter().filter(|a| a.indexed))
        .map(|a| a.id.as_str())
}

/// `before`: when a reindex rebuilds an index it has the manifest of, that manifest, so that
/// the new generation removing too much of it is refused before it goes live.
pub(super) fn build_locked(
    layout: &Layout,
    _lock: &WriterLock,
    sources: &Sources,
    options: &BuildOptions,
    progress: &mut dyn Progress,
    before: Option<&Manifest>,
) -> Result<BuildReport, IndexError> {
    let generation = layout.next_generation();
    let building = stop::Building::new();
    match write_generation(layout, &building, &generation, sources, options, progress) {
        // An index of nothing never replaces one: a mistyped path must not empty the index.
        Ok((report, _)) if report.counts.added == 0 && matches!(sources, Sources::Paths(_)) => {
            layout.remove_generation(&generation);
            let reason = if report.counts.files == 0 {
                "no .txt or .jsonl article files in the given paths".to_owned()
            } else {
                format!(
                    "none of the {} article files held an article that could be read",
                    report.counts.files
                )
            };
            Err(IndexError::NothingIndexed {
                path: layout.root().to_path_buf(),
                reason,
                problems: report.problems,
            })
        }
        Ok((mut report, manifest)) => {
            if let (Some(before), Some(now)) = (before, &manifest) {
                let now: HashSet<&str> = indexed_ids(now).collect();
                let total: HashSet<&str> = indexed_ids(before).collect();
                let removed = total.iter().filter(|id| !now.contains(*id)).count();
                let checked = check_removals(
                    layout,
                    removed as u64,
                    total.len() as u64,
                    options.max_remove,
                    &mut report.problems,
                );
                if let Err(e) = checked {
                    layout.remove_generation(&generation);
                    return Err(e);
                }
                report.counts.removed = removed as u64;
            }
            if let Err(e) = stop::go_live(|| layout.switch_to(&generation)) {
                layout.remove_generation(&generation);
                return Err(e);
            }
            layout.remove_other_generations(&generation);
            Ok(report)
        }
        Err(e) => {
            layout.remove_generation(&generation);
            Err(match e {
                IndexError::Tantivy(_) | IndexError::Io { .. } => IndexError::WriteFailed {
                    path: layout.root().to_path_buf(),
                    reason: e.to_string(),
                },
                e => e,
            })
        }
    }
}

pub(super) fn new_writer(
    index: &Index,
    options: &BuildOptions,
) -> Result<IndexWriter<TantivyDocument>, IndexError> {
    Ok(index.writer_with_num_threads(options.threads, options.memory_budget)?)
}

fn write_generation(
    layout: &Layout,
    building: &stop::Building,
    generation: &str,
    sources: &Sources,
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<(BuildReport, Option<Manifest>), IndexError> {
    let dir = stop::start_building(building, || layout.create_generation(generation))?;
    let schema = embedded()?;
    let index = Index::builder()
        .schema(schema.schema.clone())
        .settings(index_settings())
        .open_or_create(WriteDirectory::open(&dir)?)?;
    register_analyzers(&index);
    let mut writer = new_writer(&index, options)?;
    // Merged once at the end instead (see `merge_for_search`).
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut problems = Vec::new();
    let (payload, counts, manifest) = match sources {
        Sources::Paths(paths) => {
            let (manifest, counts) = sync(
                &writer,
                &schema.fields,
                &Manifest::default(),
                paths,
                &options.limits,
                progress,
                &mut problems,
            )
            .map_err(|e| writer_failure(&mut writer, e))?;
            (
                Some(manifest::save(&dir, &manifest)?),
                counts,
                Some(manifest),
            )
        }
        Sources::Sample => (
            None,
            index_sample(&writer, &schema.fields, &options.limits, &mut problems)
                .map_err(|e| writer_failure(&mut writer, e))?,
            None,
        ),
    };
    commit(&mut writer, payload.as_deref())?;
    merge_for_search(&mut writer, &index, options.threads)?;
    writer.wait_merging_threads()?;
    layout.write_info(
        generation,
        &IndexInfo {
            format: FORMAT.to_owned(),
            schema_version: schema.version,
            vocabulary: vocabulary_fingerprint(),
            built_at: unix_now(),
            sample: matches!(sources, Sources::Sample),
            files: Some(integrity::stamps(&dir, &index)?),
        },
    )?;
    let report = BuildReport {
        generation: generation.to_owned(),
        counts,
        problems,
        ..BuildReport::default()
    };
    Ok((report, manifest))
}

/// A worker thread of the writer died. Joining it (which commit does) gives its own error,
/// such as a full disk, which says more than "the writer was killed".
pub(super) fn writer_failure(
    writer: &mut IndexWriter<TantivyDocument>,
    e: tantivy::TantivyError,
) -> IndexError {
    writer.commit().err().unwrap_or(e).into()
}

pub(super) fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    payload: Option<&str>,
) -> Result<(), IndexError> {
    let mut prepared = writer.prepare_commit()?;
    if let Some(p) = payload {
        prepared.set_payload(p);
    }
    prepared.commit()?;
    Ok(())
}

/// Merges the segments of a fresh build into `parts` segments of about equal size, all at
/// once. Why not tantivy's log merge policy: it ends a build by merging everything into one
/// segment on one thread while the other cores idle, a fifth of an 84k-article build's wall
/// time, and it re-encodes early segments several times over as they climb its levels. One
/// segment per indexing thread was measured against one in all (bench/HISTORY.md, the
/// seventh round): at 1M articles it builds faster than either and searches as fast; at 84k
/// it costs the median search 5–20%, still under a millisecond. Nightly reindexes keep the
/// log policy: they add small segments that it merges among themselves.
fn merge_for_search(
    writer: &mut IndexWriter<TantivyDocument>,
    index: &Index,
    parts: usize,
) -> Result<(), IndexError> {
    let sizes: Vec<(SegmentId, u64)> = index
        .searchable_segment_metas()?
        .iter()
        .map(|m| (m.id(), u64::from(m.num_docs())))
        .collect();
    let merges: Vec<_> = merge_groups(sizes, parts)
        .into_iter()
        .filter(|group| group.len() > 1)
        .map(|group| writer.merge(&group))
        .collect();
    for merge in merges {
        merge.wait()?;
    }
    Ok(())
}

/// Splits segments (id, documents) into at most `parts` groups of about equal documents:
/// largest first, each into the group with the fewest so far.
fn merge_groups<T>(mut segments: Vec<(T, u64)>, parts: usize) -> Vec<Vec<T>> {
    segments.sort_by_key(|s| std::cmp::Reverse(s.1));
    let parts = parts.clamp(1, segments.len().max(1));
    let mut groups: Vec<(u64, Vec<T>)> = (0..parts).map(|_| (0, Vec::new())).collect();
    for (id, docs) in segments {
        let lightest = groups
            .iter_mut()
            .min_by_key(|g| g.0)
            .expect("at least one group");
        lightest.0 += docs;
        lightest.1.push(id);
    }
    groups
        .into_iter()
        .map(|g| g.1)
        .filter(|g| !g.is_empty())
        .collect()
}

fn index_sample(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> tantivy::Result<SyncCounts> {
    let mut counts = SyncCounts {
        input_bytes: sample_bytes() as u64,
        ..SyncCounts::default()
    };
    let mut seen = HashSet::new();
    let mut error = None;
    let mut sink = |batch: Vec<Article>| {
        for article in batch {
            if !seen.insert(article.id.clone()) {
                counts.duplicates += 1;
                continue;
            }
            match writer.add_document(to_document(fields, &article)) {
                Ok(_) => counts.added += 1,
                Err(e) => error = Some(e),
            }
        }
    };
    read_sample(limits, &mut sink, problems);
    match error {
        Some(e) => Err(e),
        None => Ok(counts),
    }
}

/// The live generation's folder.
pub(super) fn index_dir(layout: &Layout) -> Result<PathBuf, IndexError> {
    let generation = layout
        .current()?
        .ok_or_else(|| IndexError::Missing(layout.root().into()))?;
    Ok(layout.generation_dir(&generation))
}

/// Removes from the live generation what failed or interrupted runs left in it: files of
/// segments no commit made part of the index (tantivy's own clean-up runs only after a
/// commit succeeds, so a full disk kept them for good), manifests no commit names, and the
/// temporary files of atomic writes cut short. Only the holder of the writer lock may call
/// it, so no writer is running; a search opening the index meanwhile is safe, as tantivy
/// removes files only under the meta lock searches take while they open it. Best effort:
/// an index it cannot read is left alone.
pub(super) fn collect_garbage(layout: &Layout, _held: &WriterLock) {
    let Ok(dir) = index_dir(layout) else {
        return;
    };
    // `write_atomically` names its temporary files `NAME.tmp-PID`, `WriteDirectory` its
    // own `.NAME.tmp-PID-N`; only the lock holder writes either (`CURRENT`'s in the root).
    for folder in [layout.root(), dir.as_path()] {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours =
                name.contains(".tmp-") && (folder == dir.as_path() || name.starts_with("CURRENT."));
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let Ok(mut index) = WriteDirectory::open(&dir).and_then(Index::open) else {
        return;
    };
    let Ok(metas) = index.load_metas() else {
        return;
    };
    let living = living_files(&metas, &index.directory().list_managed_files());
    // On a full disk tantivy cannot rewrite its list of managed files and gives up; what
    // follows removes files only, which needs no space, so it goes on.
    let _ = index.directory_mut().garbage_collect(|| living);
    // A run killed while it registered a new file leaves that file out of tantivy's list
    // of the files it manages (`.managed.json`), where its clean-up never looks: any file
    // named for a segment that no commit made part of the index goes too.
    let committed: HashSet<String> = metas
        .segments
        .iter()
        .map(|s| s.id().uuid_string())
        .collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((uuid, _)) = name.split_once('.') else {
                continue;
            };
            let segment_file = uuid.len() == 32 && uuid.bytes().all(|b| b.is_ascii_hexdigit());
            if segment_file && !committed.contains(uuid) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    if let Some(name) = metas
        .payload
        .filter(|name| manifest::load(&dir, name).is_ok())
    {
        manifest::remove_others(&dir, &name);
    }
}

/// Removes the files a commit or its merges made obsolete, as tantivy does after each: under
/// the meta lock, so that no search opening the index meanwhile loses a file. tantivy gives
/// up when a search holds that lock at that moment, which leaves the old segments until the
/// next run; this tries again for up to a second. Best effort.
pub(super) fn remove_obsolete_files(dir: &std::path::Path) {
    let Ok(mut index) = WriteDirectory::open(dir).and_then(Index::open) else {
        return;
    };
    for _ in 0..20 {
        let Ok(metas) = index.load_metas() else {
            return;
        };
        let living = living_files(&metas, &index.directory().list_managed_files());
        if index.directory_mut().garbage_collect(|| living).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The files of the committed index among `managed`: `meta.json` and every file of each
/// committed segment but delete files of other commits and temporary doc stores.
fn living_files(
    metas: &tantivy::IndexMeta,
    managed: &HashSet<std::path::PathBuf>,
) -> HashSet<std::path::PathBuf> {
    use tantivy::index::SegmentComponent;
    let mut living = HashSet::from([std::path::PathBuf::from("meta.json")]);
    for segment in &metas.segments {
        let prefix = format!("{}.", segment.id().uuid_string());
        let deletes = segment.relative_path(SegmentComponent::Delete);
        for path in managed {
            let name = path.to_string_lossy();
            let Some(extension) = name.strip_prefix(&prefix) else {
                continue;
            };
            let keep = if extension.ends_with("del") {
                segment.has_deletes() && *path == deletes
            } else {
                !extension.ends_with("temp")
            };
            if keep {
                living.insert(path.clone());
            }
        }
    }
    living
}

/// The manifest of a generation about to be rebuilt, if it has one that can be read.
pub(super) fn previous_manifest(dir: &std::path::Path) -> Option<Manifest> {
    let payload = Index::open_in_dir(dir).ok()?.load_metas().ok()?.payload?;
    manifest::load(dir, &payload).ok()
}

/// Doc-store blocks of 4 KiB instead of tantivy's 16: a hit shown reads and decompresses
/// one block, and an article is about 3 KB, so smaller blocks mean less decompressed for
/// nothing; the store grows a little, as less text is compressed together.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: 4096,
        ..tantivy::IndexSettings::default()
    }
}

#[cfg(test)]
mod tests {
    use super::{merge_for_search, merge_groups};
    use tantivy::doc;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{Index, TantivyDocument};

    #[test]
    fn merge_for_search_leaves_one_segment_per_part_and_every_document() {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, 15_000_000)
            .unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for batch in 0..5 {
            for n in 0..=batch {
                writer
                    .add_document(doc!(id => format!("{batch}-{n}")))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        assert_eq!(index.searchable_segment_metas().unwrap().len(), 5);
        merge_for_search(&mut writer, &index, 2).unwrap();
        writer.wait_merging_threads().unwrap();
        let metas = index.searchable_segment_metas().unwrap();
        let mut docs: Vec<u32> = metas.iter().map(|m| m.num_docs()).collect();
        docs.sort_unstable();
        // 5+4+3+2+1 documents, largest first into the lighter part: {5, 2, 1} and {4, 3}.
        assert_eq!(docs, [7, 8]);
    }

    #[test]
    fn merge_groups_balance_documents() {
        let groups = merge_groups(vec![("c", 1), ("a", 10), ("d", 1), ("b", 9)], 2);
        assert_eq!(groups, [vec!["a", "d"], vec!["b", "c"]]);
    }

    #[test]
    fn merge_groups_never_outnumber_segments() {
        assert_eq!(
            merge_groups(vec![("a", 5), ("b", 7)], 8),
            [vec!["b"], vec!["a"]]
        );
        assert_eq!(merge_groups(vec![("a", 5), ("b", 7)], 0), [vec!["b", "a"]]);
        assert!(merge_groups(Vec::<(&str, u64)>::new(), 2).is_empty());
    }
}
