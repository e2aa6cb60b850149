//! Nightly reindexing: brings the live generation in line with the sources in one atomic
//! commit, or rebuilds when it cannot be trusted or read.

use super::build::{
    build_locked, check_removals, collect_garbage, index_dir, indexed_ids, new_writer,
    previous_manifest, remove_obsolete_files, take_writer, writer_failure, BuildOptions,
    BuildReport, Sources,
};
use super::error::IndexError;
use super::layout::{IndexInfo, Layout};
use super::manifest::{self, Manifest};
use super::schema::{embedded, register_analyzers, Fields};
use super::sync::{sync, Progress, SyncCounts};
use super::{integrity, stop};
use super::{vocabulary_fingerprint, WriteDirectory};
use crate::corpus::Problem;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;
use tantivy::Index;

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
    let lock = take_writer(layout)?;
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
    let live = match open_live(layout)? {
        Ok(live) => live,
        Err(Rebuild { reason, before }) => return rebuild(reason, before.as_ref(), progress),
    };
    let (index, fields, old) = (&live.index, &live.fields, &live.old);
    let updated = update_in_place(layout, index, fields, old, paths, options, progress);
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
    if let Ok(files) = integrity::stamps(&live.dir, index) {
        if live.info.files.as_ref() != Some(&files) {
            let info = IndexInfo {
                files: Some(files),
                ..live.info
            };
            let _ = layout.write_info(&live.generation, &info);
        }
    }
    Ok(BuildReport {
        generation: live.generation,
        counts,
        problems,
        elapsed: started.elapsed(),
        rebuilt: None,
    })
}

/// Why the live index cannot be updated in place, and the manifest it had, if any (to count
/// what a rebuild changes).
struct Rebuild {
    reason: String,
    before: Option<Manifest>,
}

/// The live generation, checked and ready for an update in place.
struct Live {
    generation: String,
    dir: PathBuf,
    info: IndexInfo,
    index: Index,
    old: Manifest,
    fields: Fields,
}

/// Opens the live generation for [`reindex`], or says why it must be rebuilt instead.
fn open_live(layout: &Layout) -> Result<Result<Live, Rebuild>, IndexError> {
    // A damaged live index is rebuilt from the sources, which this run has: syncing with it
    // would leave the damage in place (a missing or changed file, an unreadable manifest),
    // and `index` is then the only repair.
    let damaged = |what: String| format!("the live index is damaged: {what}");
    let rebuild = |reason: String, before: Option<Manifest>| Ok(Err(Rebuild { reason, before }));
    let generation = match layout.current() {
        Ok(Some(generation)) => generation,
        Ok(None) => return rebuild("no index yet".to_owned(), None),
        Err(IndexError::Corrupt { reason, .. }) => return rebuild(damaged(reason), None),
        Err(e) => return Err(e),
    };
    let dir = layout.generation_dir(&generation);
    let info = match layout.read_info(&generation) {
        Ok(info) => info,
        Err(IndexError::Corrupt { reason, .. }) => {
            return rebuild(damaged(reason), previous_manifest(&dir));
        }
        Err(e) => return Err(e),
    };
    let schema = embedded()?;
    if info.schema_version != schema.version {
        let reason = format!(
            "schema version {} → {}",
            info.schema_version, schema.version
        );
        return rebuild(reason, previous_manifest(&dir));
    }
    if info.vocabulary != vocabulary_fingerprint() {
        let reason = "the embedded vocabulary changed".to_owned();
        return rebuild(reason, previous_manifest(&dir));
    }
    let index = match WriteDirectory::open(&dir).and_then(Index::open) {
        Ok(index) => index,
        Err(e) => {
            let reason = damaged(format!("{}: {e}", dir.join("meta.json").display()));
            return rebuild(reason, None);
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
        return rebuild(damaged(what), previous_manifest(&dir));
    }
    let Some(payload) = index.load_metas()?.payload else {
        return rebuild("the index has no manifest of its sources".to_owned(), None);
    };
    let old = match manifest::load(&dir, &payload) {
        Ok(old) => old,
        Err(e) => return rebuild(damaged(integrity::reason(e)), None),
    };
    if old.version != manifest::VERSION {
        let reason = "its manifest of sources is of an older format".to_owned();
        return rebuild(reason, Some(old));
    }
    let fields = match Fields::resolve(&index.schema()) {
        Ok(fields) => fields,
        Err(e) => return rebuild(damaged(integrity::reason(e)), Some(old)),
    };
    Ok(Ok(Live {
        generation,
        dir,
        info,
        index,
        old,
        fields,
    }))
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
    if changed {
        remove_obsolete_files(&dir);
    }
    Ok((counts, problems))
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
