//! Bringing an index in line with its sources: the one algorithm behind full builds (against
//! an empty manifest) and nightly reindexing (against the last commit's manifest).
//!
//! 1. Files whose size and modification time match the manifest are not read at all.
//! 2. Other files are read in path order; an article whose id and content hash match what is
//!    indexed is not re-analysed, wherever its line moved; new or changed ones are (deleted
//!    and) added.
//! 3. An id belongs to the first file in path order that has it; later ones are reported as
//!    duplicates and remembered, so one takes over if the first goes away (its file is then
//!    read again to index it).
//! 4. A file that cannot be read, or is read without an article in it, keeps the articles
//!    indexed from it (they stay in the index and are reported): only a file's removal
//!    removes all its articles.
//! 5. Indexed ids no file has any more are deleted.
//!
//! Nothing is committed here; the caller commits once, so a run is all or nothing.

use super::document::to_document;
use super::manifest::{
    article_hash, is_unchanged, now_ns, settled_ns, ArticleState, FileState, Manifest,
};
use super::schema::Fields;
use crate::corpus::{read_files, scan, Article, FileReader, Limits, Problem, Severity, SourceFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// What a sync changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncCounts {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    /// Articles skipped because an article earlier in path order has their id.
    pub duplicates: u64,
    /// Source files found.
    pub files: usize,
    /// Files read this run (the others were unchanged by size and time).
    pub files_read: usize,
    /// Other files in the source folders, left alone.
    pub ignored: usize,
    /// Bytes of the source files found.
    pub input_bytes: u64,
}

/// Progress callbacks: bytes of files to read, then the articles read (with about the
/// bytes they took), then each file's rest once it is read: one 65 MB JSON Lines file moves
/// the bar all the way, not in one step at the end.
pub trait Progress {
    fn start(&mut self, _files: usize, _bytes: u64) {}
    fn articles_read(&mut self, _articles: usize, _bytes: u64) {}
    fn file_read(&mut self, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// No progress reporting.
pub struct Quiet;
impl Progress for Quiet {}

/// What the index holds and what this run has decided, id by id, with the writer that
/// carries the decisions out.
struct Ledger<'a> {
    writer: &'a IndexWriter<TantivyDocument>,
    fields: &'a Fields,
    /// id → (file key, content hash) of what the index holds now.
    indexed: HashMap<String, (String, u64)>,
    /// id → position of the first unchanged (unread) file that has it.
    unchanged_first: HashMap<String, usize>,
    /// id → position of the read file that owns it.
    claimed: HashMap<String, usize>,
    /// id → line of the article kept for it this run (JSON Lines), for duplicate reports.
    kept_line: HashMap<String, usize>,
    counts: SyncCounts,
    error: Option<tantivy::TantivyError>,
}

impl<'a> Ledger<'a> {
    /// The ledger of an index whose manifest is `old`, before anything is read.
    fn new(
        writer: &'a IndexWriter<TantivyDocument>,
        fields: &'a Fields,
        old: &Manifest,
        counts: SyncCounts,
    ) -> Self {
        let mut indexed = HashMap::new();
        for (key, state) in &old.files {
            for a in state.articles.iter().filter(|a| a.indexed) {
                indexed.insert(a.id.clone(), (key.clone(), a.hash));
            }
        }
        Ledger {
            writer,
            fields,
            indexed,
            unchanged_first: HashMap::new(),
            claimed: HashMap::new(),
            kept_line: HashMap::new(),
            counts,
            error: None,
        }
    }

    /// Indexes `article` in place of whatever the index has under its id.
    fn put(&mut self, article: &Article) {
        let document = to_document(self.fields, article);
        self.add(article, document);
    }

    /// Indexes `articles`, each in place of whatever the index has under its id. Their
    /// documents (facet extraction included) are made in parallel: it is most of the work
    /// that happens outside tantivy's indexing threads.
    fn put_all(&mut self, articles: &[Article]) {
        let fields = self.fields;
        let documents: Vec<TantivyDocument> = articles
            .par_iter()
            .map(|a| to_document(fields, a))
            .collect();
        for (article, document) in articles.iter().zip(documents) {
            self.add(article, document);
        }
    }

    fn add(&mut self, article: &Article, document: TantivyDocument) {
        if self.indexed.contains_key(&article.id) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, &article.id));
            self.counts.updated += 1;
        } else {
            self.counts.added += 1;
        }
        if let Err(e) = self.writer.add_document(document) {
            self.error.get_or_insert(e);
        }
    }

    /// Keeps what the file at `at` had in the index (its state `prev`) when it gives nothing
    /// this time: each article indexed from it that no earlier file has now stays, claimed
    /// for it. Returns the state to record and the number of articles kept.
    fn keep(&mut self, prev: &FileState, at: usize) -> (FileState, usize) {
        let mut state = prev.clone();
        let mut kept = 0;
        for a in state.articles.iter_mut().filter(|a| a.indexed) {
            let taken = self.claimed.contains_key(&a.id)
                || self.unchanged_first.get(&a.id).is_some_and(|&u| u < at);
            if taken {
                a.indexed = false;
                continue;
            }
            self.claimed.insert(a.id.clone(), at);
            self.counts.unchanged += 1;
            kept += 1;
        }
        (state, kept)
    }
}

/// Reading the new and changed files: each article is decided as it comes (kept, a
/// duplicate, unchanged or to be indexed), and each file's state is recorded when it ends.
struct ChangedFiles<'r, 'a> {
    ledger: &'r mut Ledger<'a>,
    /// All files, and the position in it of each file read.
    files: &'r [SourceFile],
    read_at: &'r [usize],
    old: &'r Manifest,
    manifest: &'r mut Manifest,
    run_start_ns: u64,
    progress: &'r mut dyn Progress,
    /// Bytes of each file being read that the progress has counted so far.
    counted: HashMap<usize, u64>,
    /// The article states of files being read, until `done` gives the file's hash.
    reading: HashMap<usize, Vec<ArticleState>>,
    to_put: Vec<Article>,
    duplicates: Vec<Problem>,
    /// Files read to their end, by position in `files`.
    read_ok: HashSet<usize>,
    /// Files that gave nothing and kept their articles: (path, how many).
    kept_notes: Vec<(String, usize)>,
}

impl<'r> ChangedFiles<'r, '_> {
    /// Reads the changed and new files, putting their articles as they come.
    fn read(&mut self, limits: &Limits, problems: &mut Vec<Problem>) {
        let to_read: Vec<SourceFile> = self
            .read_at
            .iter()
            .filter_map(|&at| self.files.get(at).cloned())
            .collect();
        self.progress
            .start(to_read.len(), to_read.iter().map(|f| f.len).sum());
        read_files(&to_read, limits, self, problems);
        let to_put = std::mem::take(&mut self.to_put);
        self.ledger.put_all(&to_put);
        self.progress.finish();
    }

    /// The file the articles of `to_read[i]` come from, with its position in `files`.
    fn source(&self, i: usize) -> Option<(usize, &'r SourceFile)> {
        let files: &'r [SourceFile] = self.files;
        self.read_at
            .get(i)
            .and_then(|&at| Some((at, files.get(at)?)))
    }
}

impl FileReader for ChangedFiles<'_, '_> {
    fn articles(&mut self, i: usize, batch: Vec<Article>) {
        let Some((at, file)) = self.source(i) else {
            return;
        };
        let text: u64 = batch
            .iter()
            .map(|a| (a.title.len() + a.body.len()) as u64)
            .sum();
        let so_far = self.counted.entry(i).or_default();
        let bytes = text.min(file.len.saturating_sub(*so_far));
        *so_far += bytes;
        self.progress.articles_read(batch.len(), bytes);
        let s = &mut *self.ledger;
        for article in batch {
            let hash = article_hash(&article);
            let earlier = s
                .unchanged_first
                .get(&article.id)
                .copied()
                .filter(|&u| u < at)
                .or_else(|| s.claimed.get(&article.id).copied());
            self.reading.entry(at).or_default().push(ArticleState {
                id: article.id.clone(),
                hash,
                indexed: earlier.is_none(),
                line: article.origin.line,
            });
            if let Some(first) = earlier {
                let mut place = self
                    .files
                    .get(first)
                    .map(|f| f.display())
                    .unwrap_or_default();
                if let Some(line) = s.kept_line.get(&article.id) {
                    place = format!("{place}:{line}");
                }
                self.duplicates.push(Problem::skipped(
                    file.display(),
                    article.origin.line,
                    format!(
                        "duplicate id {:?}: kept the article from {place}",
                        article.id
                    ),
                ));
                s.counts.duplicates += 1;
                continue;
            }
            s.claimed.insert(article.id.clone(), at);
            if let Some(line) = article.origin.line {
                s.kept_line.insert(article.id.clone(), line);
            }
            match s.indexed.get(&article.id) {
                Some((k, h)) if *k == file.key && *h == hash => s.counts.unchanged += 1,
                _ => self.to_put.push(article),
            }
        }
        if self.to_put.len() >= PUT_BATCH {
            s.put_all(&self.to_put);
            self.to_put.clear();
        }
    }

    fn done(&mut self, i: usize, file: &SourceFile, hash: u64) {
        let so_far = self.counted.remove(&i).unwrap_or(0);
        self.progress.file_read(file.len.saturating_sub(so_far));
        let Some((at, file)) = self.source(i) else {
            return;
        };
        self.read_ok.insert(at);
        let articles = self.reading.remove(&at).unwrap_or_default();
        // Read, but not one article in it (it turned binary or empty, or every line of a
        // JSON Lines file is malformed): it keeps what it had, claimed now, before a later
        // file can take its ids.
        if let Some(prev) = self
            .old
            .files
            .get(&file.key)
            .filter(|_| articles.is_empty())
        {
            let (state, kept) = self.ledger.keep(prev, at);
            self.manifest.files.insert(file.key.clone(), state);
            self.kept_notes.push((file.display(), kept));
            return;
        }
        let state = FileState {
            size: file.len,
            modified_ns: settled_ns(file, self.run_start_ns),
            hash,
            articles,
            problems: Vec::new(),
        };
        self.manifest.files.insert(file.key.clone(), state);
    }
}

/// Keeps with each file read what reading it skipped (`skipped`, this run's problems), to be
/// said again while it is unchanged: this run's, in place of any it had.
fn keep_problems(
    files: &[SourceFile],
    read_at: &[usize],
    skipped: &[Problem],
    manifest: &mut Manifest,
) {
    let mut by_key: HashMap<&str, Vec<Problem>> = HashMap::new();
    if !skipped.is_empty() {
        let keys: HashMap<String, &str> = read_at
            .iter()
            .filter_map(|&at| files.get(at))
            .map(|f| (f.display(), f.key.as_str()))
            .collect();
        for p in skipped {
            if let Some(&key) = keys.get(&p.path) {
                by_key.entry(key).or_default().push(p.clone());
            }
        }
    }
    for &at in read_at {
        let Some(file) = files.get(at) else { continue };
        if let Some(state) = manifest.files.get_mut(&file.key) {
            state.problems = by_key.remove(file.key.as_str()).unwrap_or_default();
        }
    }
}

/// Articles waiting for [`Ledger::put_all`]: enough to keep every core busy, few enough to
/// bound memory.
const PUT_BATCH: usize = 512;

/// Syncs `writer`'s index with the sources under `paths`; returns the new manifest.
pub fn sync(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    old: &Manifest,
    paths: &[PathBuf],
    limits: &Limits,
    progress: &mut dyn Progress,
    problems: &mut Vec<Problem>,
) -> tantivy::Result<(Manifest, SyncCounts)> {
    // Before the scan takes any file's modification time.
    let run_start_ns = now_ns();
    let found = scan(paths);
    problems.extend(found.problems);
    let mut files = found.files;
    // Never two files with one key (the scan's distinct roots make it so; this makes sure).
    let mut keys = HashSet::new();
    files.retain(|f| keys.insert(f.key.clone()));
    let counts = SyncCounts {
        files: files.len(),
        ignored: found.ignored,
        input_bytes: files.iter().map(|f| f.len).sum(),
        ..SyncCounts::default()
    };
    let mut ledger = Ledger::new(writer, fields, old, counts);
    let (unchanged, read_at) = ledger.split_unchanged(&files, old);

    // Read changed and new files in path order, deciding each article as it comes.
    let mut manifest = Manifest::default();
    let mut reader = ChangedFiles {
        ledger: &mut ledger,
        files: &files,
        read_at: &read_at,
        old,
        manifest: &mut manifest,
        run_start_ns,
        progress,
        counted: HashMap::new(),
        reading: HashMap::new(),
        to_put: Vec::new(),
        duplicates: Vec::new(),
        read_ok: HashSet::new(),
        kept_notes: Vec::new(),
    };
    let before = problems.len();
    reader.read(limits, problems);
    let ChangedFiles {
        mut duplicates,
        read_ok,
        mut kept_notes,
        ..
    } = reader;
    keep_problems(&files, &read_at, &problems[before..], &mut manifest);
    problems.append(&mut duplicates);

    // A file that could not be read this time keeps what it had, like one read without an
    // article above: nothing is lost to a bad write or a bad copy. To remove a file's
    // articles, remove the file.
    for &at in &read_at {
        let Some(file) = files.get(at).filter(|_| !read_ok.contains(&at)) else {
            continue;
        };
        if let Some(prev) = old.files.get(&file.key) {
            let (state, kept) = ledger.keep(prev, at);
            manifest.files.insert(file.key.clone(), state);
            kept_notes.push((file.display(), kept));
        }
    }
    note_kept(kept_notes, problems);

    let restore = ledger.settle_unchanged(&files, &unchanged, old, &mut manifest, problems);
    ledger.restore(&files, &restore, limits);
    if let Some(e) = ledger.error.take() {
        return Err(e);
    }
    ledger.remove_gone();
    Ok((manifest, ledger.counts))
}

impl Ledger<'_> {
    /// Splits `files` into the unchanged, whose articles are noted as such, and those to
    /// read; both as positions in `files`.
    fn split_unchanged(
        &mut self,
        files: &[SourceFile],
        old: &Manifest,
    ) -> (Vec<usize>, Vec<usize>) {
        let mut unchanged = Vec::new();
        let mut read_at = Vec::new();
        for (i, file) in files.iter().enumerate() {
            match old.files.get(&file.key) {
                Some(state) if is_unchanged(state, file) => {
                    for a in &state.articles {
                        self.unchanged_first.entry(a.id.clone()).or_insert(i);
                    }
                    unchanged.push(i);
                }
                _ => read_at.push(i),
            }
        }
        self.counts.files_read = read_at.len();
        (unchanged, read_at)
    }

    /// Puts the unchanged files into `manifest`. An id they share with an earlier file is
    /// shadowed; one they now own but did not before must be read again to be indexed:
    /// returns those ids, by file position.
    fn settle_unchanged(
        &mut self,
        files: &[SourceFile],
        unchanged: &[usize],
        old: &Manifest,
        manifest: &mut Manifest,
        problems: &mut Vec<Problem>,
    ) -> HashMap<usize, HashSet<String>> {
        let mut restore: HashMap<usize, HashSet<String>> = HashMap::new();
        for &u in unchanged {
            let Some((file, mut state)) = files
                .get(u)
                .and_then(|f| Some((f, old.files.get(&f.key)?.clone())))
            else {
                continue;
            };
            for p in &state.problems {
                let mut again = p.clone();
                again.reason.push_str(" (the file is unchanged since)");
                problems.push(again);
            }
            for a in &mut state.articles {
                let owner = self.unchanged_first.get(&a.id) == Some(&u)
                    && !self.claimed.contains_key(&a.id);
                match (owner, a.indexed) {
                    (true, true) => self.counts.unchanged += 1,
                    (true, false) => {
                        restore.entry(u).or_default().insert(a.id.clone());
                    }
                    _ => {}
                }
                a.indexed = owner;
            }
            manifest.files.insert(file.key.clone(), state);
        }
        restore
    }

    /// Reads the unchanged files that now own articles they did not index, and indexes those.
    fn restore(
        &mut self,
        files: &[SourceFile],
        restore: &HashMap<usize, HashSet<String>>,
        limits: &Limits,
    ) {
        if restore.is_empty() {
            return;
        }
        let mut again_at: Vec<usize> = restore.keys().copied().collect();
        again_at.sort_unstable();
        let again: Vec<SourceFile> = again_at
            .iter()
            .filter_map(|&u| files.get(u).cloned())
            .collect();
        let mut sink = |i: usize, batch: Vec<Article>| {
            let wanted = again_at.get(i).and_then(|u| restore.get(u));
            for article in batch {
                if wanted.is_some_and(|w| w.contains(&article.id)) {
                    self.put(&article);
                }
            }
        };
        let mut ignored = Vec::new();
        read_files(&again, limits, &mut sink, &mut ignored);
    }

    /// Deletes whatever was indexed and no file has any more.
    fn remove_gone(&mut self) {
        for id in self.indexed.keys() {
            if !self.claimed.contains_key(id) && !self.unchanged_first.contains_key(id) {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.id, id));
                self.counts.removed += 1;
            }
        }
    }
}

/// Says of each file that gave nothing and kept its articles (path, how many kept) that they
/// are kept: on the file's own problem if it has one, else on a new one.
fn note_kept(kept_notes: Vec<(String, usize)>, problems: &mut Vec<Problem>) {
    for (path, kept) in kept_notes.into_iter().filter(|(_, kept)| *kept > 0) {
        let note = format!("; the {kept} article(s) indexed from it earlier are kept");
        let whole = |p: &&mut Problem| {
            p.path == path && p.line.is_none() && p.severity == Severity::Skipped
        };
        if let Some(p) = problems.iter_mut().find(whole) {
            p.reason.push_str(&note);
            continue;
        }
        // A JSON Lines file read without an error but without an article either.
        let bad_lines = problems.iter().any(|p| p.path == path && p.line.is_some());
        let reason = if bad_lines {
            "no line of it could be read as an article"
        } else {
            "no article in it (it is empty or blank)"
        };
        problems.push(Problem::skipped(path, None, format!("{reason}{note}")));
    }
}
