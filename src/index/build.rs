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
    create_root(layout)?;
    let lock = WriterLock::acquire(layout)?;
    layout.remove_stray_generations(&lock);
    collect_garbage(layout, &lock);
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

/// Creates the index folder, or checks that the one there is tracuu's to write into.
fn create_root(layout: &Layout) -> Result<(), IndexError> {
    layout.claim()
}

/// Refuses a run that would remove more than `max_percent` of the `total` articles indexed.
fn check_removals(
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
fn indexed_ids(manifest: &Manifest) -> impl Iterator<Item = &str> {
    manifest
        .files
        .values()
        .flat_map(|f| f.articles.iter().filter(|a| a.indexed))
        .map(|a| a.id.as_str())
}

/// `before`: when a reindex rebuilds an index it has the manifest of, that manifest, so that
/// the new generation removing too much of it is refused before it goes live.
fn build_locked(
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

fn new_writer(
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
fn writer_failure(
    writer: &mut IndexWriter<TantivyDocument>,
    e: tantivy::TantivyError,
) -> IndexError {
    writer.commit().err().unwrap_or(e).into()
}

fn commit(
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

/// Brings the index at `layout` in line with `paths`: adds, replaces and removes only what
/// changed, in one atomic commit. Rebuilds everything into a new generation instead when
/// there is no index yet, when it was built by another schema or vocabulary, or when it has
/// no manifest (the bundled sample).
pub fn reindex(
    layout: &Layout,
    paths: &[PathBuf],
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    create_root(layout)?;
    let lock = WriterLock::acquire(layout)?;
    layout.remove_stray_generations(&lock);
    collect_garbage(layout, &lock);
    // A source that is not there (a typo, an unmounted disk) is not a source whose articles
    // were all deleted: reindexing it would empty the index.
    if let Some(missing) = paths.iter().find(|p| std::fs::metadata(p).is_err()) {
        return Err(IndexError::SourceMissing {
            path: layout.root().to_path_buf(),
            source_path: missing.clone(),
        });
    }
    let sources = Sources::Paths(paths.to_vec());
    let rebuild = |reason: String,
                   before: Option<&Manifest>,
                   progress: &mut dyn Progress|
     -> Result<BuildReport, IndexError> {
        let mut report = build_locked(layout, &lock, &sources, options, progress, before)?;
        report.rebuilt = Some(reason);
        report.elapsed = started.elapsed();
        Ok(report)
    };
    // A damaged live index is rebuilt from the sources, which this run has: syncing with it
    // would leave the damage in place (a missing or changed file, an unreadable manifest),
    // and `index` is then the only repair.
    let damaged = |what: String| format!("the live index is damaged: {what}");
    let generation = match layout.current() {
        Ok(Some(generation)) => generation,
        Ok(None) => return rebuild("no index yet".to_owned(), None, progress),
        Err(IndexError::Corrupt { reason, .. }) => return rebuild(damaged(reason), None, progress),
        Err(e) => return Err(e),
    };
    let dir = layout.generation_dir(&generation);
    let info = match layout.read_info(&generation) {
        Ok(info) => info,
        Err(IndexError::Corrupt { reason, .. }) => {
            let before = previous_manifest(&dir);
            return rebuild(damaged(reason), before.as_ref(), progress);
        }
        Err(e) => return Err(e),
    };
    let schema = embedded()?;
    if info.schema_version != schema.version {
        let reason = format!(
            "schema version {} → {}",
            info.schema_version, schema.version
        );
        let before = previous_manifest(&dir);
        return rebuild(reason, before.as_ref(), progress);
    }
    if info.vocabulary != vocabulary_fingerprint() {
        let before = previous_manifest(&dir);
        let reason = "the embedded vocabulary changed".to_owned();
        return rebuild(reason, before.as_ref(), progress);
    }
    let index = match WriteDirectory::open(&dir).and_then(Index::open) {
        Ok(index) => index,
        Err(e) => {
            let reason = damaged(format!("{}: {e}", dir.join("meta.json").display()));
            return rebuild(reason, None, progress);
        }
    };
    register_analyzers(&index);
    // Every byte, each night: this also finds damage no write made (a failing disk), which
    // a search, checking only files whose size or time changed, does not.
    let damage = match integrity::verify_all(&index, &dir) {
        Ok(damage) => damage.first().map(ToString::to_string),
        Err(e) => Some(integrity::reason(e)),
    };
    if let Some(what) = damage {
        return rebuild(damaged(what), previous_manifest(&dir).as_ref(), progress);
    }
    let Some(payload) = index.load_metas()?.payload else {
        return rebuild(
            "the index has no manifest of its sources".to_owned(),
            None,
            progress,
        );
    };
    let old = match manifest::load(&dir, &payload) {
        Ok(old) => old,
        Err(e) => return rebuild(damaged(integrity::reason(e)), None, progress),
    };
    if old.version != manifest::VERSION {
        let reason = "its manifest of sources is of an older format".to_owned();
        return rebuild(reason, Some(&old), progress);
    }
    let fields = match Fields::resolve(&index.schema()) {
        Ok(fields) => fields,
        Err(e) => return rebuild(damaged(integrity::reason(e)), Some(&old), progress),
    };
    let updated = update_in_place(layout, &index, &fields, &old, paths, options, progress);
    let (counts, problems) = updated.map_err(|e| {
        // What the run wrote into the live generation goes now, not at the next run: after a
        // full disk, it is what fills the disk.
        collect_garbage(layout, &lock);
        match e {
            IndexError::Tantivy(_) | IndexError::Io { .. } => {
                let (reason, advice) = write_failure(&e);
                IndexError::UpdateFailed {
                    path: layout.root().to_path_buf(),
                    reason,
                    advice,
                }
            }
            e => e,
        }
    })?;
    // Best effort: the commit is done, and without a record of the new files a search
    // verifies them in full, slower but as safe.
    if let Ok(files) = integrity::stamps(&dir, &index) {
        if info.files.as_ref() != Some(&files) {
            let info = IndexInfo {
                files: Some(files),
                ..info
            };
            let _ = layout.write_info(&generation, &info);
        }
    }
    Ok(BuildReport {
        generation,
        counts,
        problems,
        elapsed: started.elapsed(),
        rebuilt: None,
    })
}

/// The incremental part of [`reindex`]: syncs the live generation's index with `paths` and
/// commits once. On an error nothing is committed, and the writer is gone when it returns.
fn update_in_place(
    layout: &Layout,
    index: &Index,
    fields: &Fields,
    old: &Manifest,
    paths: &[PathBuf],
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<(SyncCounts, Vec<Problem>), IndexError> {
    let dir = index_dir(layout)?;
    let mut writer = new_writer(index, options)?;
    let mut problems = Vec::new();
    let (manifest, counts) = sync(
        &writer,
        fields,
        old,
        paths,
        &options.limits,
        progress,
        &mut problems,
    )
    .map_err(|e| writer_failure(&mut writer, e))?;
    if counts.files == 0 && old.files.values().any(|f| !f.articles.is_empty()) {
        // Dropping the writer uncommitted discards the deletions.
        return Err(IndexError::NothingIndexed {
            path: layout.root().to_path_buf(),
            reason: "no .txt or .jsonl article files in the given paths, so every article would be removed; to empty the index, delete its folder".to_owned(),
            problems,
        });
    }
    let total = indexed_ids(old).collect::<HashSet<_>>().len() as u64;
    // Dropping the writer uncommitted discards the deletions.
    check_removals(
        layout,
        counts.removed,
        total,
        options.max_remove,
        &mut problems,
    )?;
    let changed = counts.added + counts.updated + counts.removed > 0 || manifest != *old;
    if changed {
        let name = manifest::save(&dir, &manifest)?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&name);
        stop::go_live(|| Ok(prepared.commit().map(drop)?))?;
        manifest::remove_others(&dir, &name);
    }
    // A commit may start merges on tantivy's threads, which rewrite `.managed.json` when
    // done: exiting before they end left half-written merges and temporary files behind.
    writer.wait_merging_threads()?;
    Ok((counts, problems))
}

/// The live generation's folder.
fn index_dir(layout: &Layout) -> Result<PathBuf, IndexError> {
    let generation = layout
        .current()?
        .ok_or_else(|| IndexError::Missing(layout.root().into()))?;
    Ok(layout.generation_dir(&generation))
}

/// Why writing failed, said plainly when it is a full disk, and what to do about it.
fn write_failure(e: &IndexError) -> (String, &'static str) {
    let text = e.to_string();
    // ENOSPC, however deep in tantivy's error it is, and in whichever form it is printed
    // there ("(os error 28)", or a debug print with `StorageFull`).
    let full = ["(os error 28)", "StorageFull", "No space left on device"];
    if full.iter().any(|f| text.contains(f)) {
        (
            format!("the disk is full ({text})"),
            ": free some space on its disk and run it again",
        )
    } else {
        (text, "")
    }
}

/// Removes from the live generation what failed or interrupted runs left in it: files of
/// segments no commit made part of the index (tantivy's own clean-up runs only after a
/// commit succeeds, so a full disk kept them for good), manifests no commit names, and the
/// temporary files of atomic writes cut short. Only the holder of the writer lock may call
/// it, so no writer is running; a search opening the index meanwhile is safe, as tantivy
/// removes files only under the meta lock searches take while they open it. Best effort:
/// an index it cannot read is left alone.
fn collect_garbage(layout: &Layout, _held: &WriterLock) {
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
fn previous_manifest(dir: &std::path::Path) -> Option<Manifest> {
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
