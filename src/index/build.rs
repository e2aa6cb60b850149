//! Full builds: every source read, analysed and written into a fresh generation, which goes
//! live only once it is complete.

use super::document::to_document;
use super::error::IndexError;
use super::layout::{IndexInfo, Layout, FORMAT};
use super::lock::{unix_now, WriterLock};
use super::schema::{embedded, register_analyzers};
use super::vocabulary_fingerprint;
use crate::corpus::sample::{read_sample, sample_bytes};
use crate::corpus::{read_files, scan, Article, Limits, Origin, Problem};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tantivy::{Index, IndexWriter, TantivyDocument};

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
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub generation: String,
    pub added: u64,
    /// Articles skipped because an earlier one had the same id.
    pub duplicates: u64,
    pub files: usize,
    /// Files of other types found in the source folders.
    pub ignored: usize,
    /// Bytes of input read.
    pub input_bytes: u64,
    pub problems: Vec<Problem>,
    pub elapsed: Duration,
}

/// Keeps the first article of each id (sources are read in a sorted order, so the choice is
/// deterministic) and reports the others.
#[derive(Default)]
pub struct DuplicateFilter {
    seen: HashMap<String, Origin>,
}

impl DuplicateFilter {
    /// `true` if the article is the first with its id.
    pub fn admit(&mut self, article: &Article, problems: &mut Vec<Problem>) -> bool {
        if let Some(first) = self.seen.get(&article.id) {
            problems.push(Problem::skipped(
                article.origin.path.clone(),
                article.origin.line,
                format!(
                    "duplicate id {:?}: kept the article from {first}",
                    article.id
                ),
            ));
            return false;
        }
        self.seen.insert(article.id.clone(), article.origin.clone());
        true
    }
}

/// Builds a complete index of `sources` into a new generation under `layout` and makes it
/// live. On any error the previous index stays live and the partial generation is removed.
pub fn build(
    layout: &Layout,
    sources: &Sources,
    options: &BuildOptions,
) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    std::fs::create_dir_all(layout.root()).map_err(IndexError::io(
        "cannot create the index directory",
        layout.root(),
    ))?;
    let _lock = WriterLock::acquire(layout)?;
    let generation = layout.next_generation();
    let dir = layout.generation_dir(&generation);
    let result = write_generation(layout, &generation, sources, options);
    match result {
        // An index of nothing never replaces one: a mistyped path must not empty the index.
        Ok(report) if report.added == 0 && matches!(sources, Sources::Paths(_)) => {
            let _ = std::fs::remove_dir_all(&dir);
            let reason = if report.files == 0 {
                "no .txt or .jsonl article files in the given paths".to_owned()
            } else {
                format!(
                    "none of the {} article files held an article that could be read",
                    report.files
                )
            };
            Err(IndexError::NothingIndexed {
                path: layout.root().to_path_buf(),
                reason,
                problems: report.problems,
            })
        }
        Ok(mut report) => {
            if let Err(e) = layout.switch_to(&generation) {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
            layout.remove_other_generations(&generation);
            report.elapsed = started.elapsed();
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
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

fn write_generation(
    layout: &Layout,
    generation: &str,
    sources: &Sources,
    options: &BuildOptions,
) -> Result<BuildReport, IndexError> {
    let dir = layout.generation_dir(generation);
    std::fs::create_dir_all(&dir).map_err(IndexError::io("cannot create", &dir))?;
    let schema = embedded()?;
    let index = Index::create_in_dir(&dir, schema.schema.clone())?;
    register_analyzers(&index);
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(options.threads, options.memory_budget)?;

    let mut report = BuildReport {
        generation: generation.to_owned(),
        ..BuildReport::default()
    };
    let mut duplicates = DuplicateFilter::default();
    let (mut added, mut skipped_duplicates) = (0u64, 0u64);
    let mut write_error: Option<tantivy::TantivyError> = None;
    let mut problems = Vec::new();
    {
        let mut sink = |batch: Vec<Article>| {
            for article in batch {
                if write_error.is_some() {
                    return;
                }
                if !duplicates.admit(&article, &mut problems) {
                    skipped_duplicates += 1;
                    continue;
                }
                match writer.add_document(to_document(&schema.fields, &article)) {
                    Ok(_) => added += 1,
                    Err(e) => write_error = Some(e),
                }
            }
        };
        let mut read_problems = Vec::new();
        match sources {
            Sources::Paths(paths) => {
                let found = scan(paths);
                report.files = found.files.len();
                report.ignored = found.ignored;
                report.input_bytes = found.files.iter().map(|f| f.len).sum();
                read_problems.extend(found.problems);
                read_files(&found.files, &options.limits, &mut sink, &mut read_problems);
            }
            Sources::Sample => {
                report.input_bytes = sample_bytes() as u64;
                read_sample(&options.limits, &mut sink, &mut read_problems);
            }
        }
        read_problems.append(&mut problems);
        problems = read_problems;
    }
    report.added = added;
    report.duplicates = skipped_duplicates;
    if let Some(e) = write_error {
        // A worker thread of the writer died. Joining it (which commit does) gives its own
        // error, such as a full disk, which says more than "the writer was killed".
        return Err(writer.commit().err().unwrap_or(e).into());
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    layout.write_info(
        generation,
        &IndexInfo {
            format: FORMAT.to_owned(),
            schema_version: schema.version,
            vocabulary: vocabulary_fingerprint(),
            built_at: unix_now(),
            sample: matches!(sources, Sources::Sample),
        },
    )?;
    report.problems = problems;
    Ok(report)
}
