//! Finding source files and reading them into batches of articles.
//!
//! Reading is streamed: a JSON Lines file of any size is read a batch of lines at a time and
//! parsed in parallel, and text files are read a batch of files at a time, so memory stays
//! bounded by the batch, not by the corpus.

use super::article::{Article, Origin, Problem};
use super::decode::{binary_reason, decode, looks_binary, utf8_lossy, Utf16Reader};
use super::jsonl::parse_line;
use super::txt::parse_text;
use crate::text::normalize;
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// The two input formats, told apart by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    JsonLines,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its path relative to the root it was found under (`/`-separated): the base of ids.
    pub rel: String,
    /// What tells it from every other file found: its root's canonical path joined with its
    /// path under the root (a file given as a root: its canonical path). The same name
    /// under two roots, or one file reached through two links in a root, are two files.
    pub key: String,
    pub format: Format,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl SourceFile {
    /// The path as the user gave or can find it, for messages.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// What a scan of the roots found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Sorted by `rel`, then by path: the order decides which duplicate id wins.
    pub files: Vec<SourceFile>,
    /// Files with other extensions, left alone (images, HTML, notes).
    pub ignored: usize,
    pub problems: Vec<Problem>,
}

/// Walks the roots (directories recursively, following links, or single files). A root
/// given twice, or inside another root, is walked once (see `distinct`).
pub fn scan(roots: &[PathBuf]) -> Scan {
    let mut scan = Scan::default();
    for (root, real) in distinct(roots) {
        let root = &root;
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let reason = match e.kind() {
                    io::ErrorKind::NotFound => link_or(root, "no such file or folder"),
                    _ => io_reason(&e),
                };
                scan.problems
                    .push(Problem::skipped(root.display().to_string(), None, reason));
                continue;
            }
        };
        if meta.is_file() {
            match Format::of(root) {
                Some(format) => {
                    let key = real.unwrap_or_else(|| root.clone());
                    let file = source_file(root.clone(), file_name(root), &key, format, &meta);
                    scan.files.push(file)
                }
                None => scan.problems.push(Problem::skipped(
                    root.display().to_string(),
                    None,
                    "not an article file: expected a .txt or .jsonl file",
                )),
            }
            continue;
        }
        walk_dir(root, real.as_deref().unwrap_or(root), &mut scan);
    }
    scan.files
        .sort_by(|a, b| (&a.rel, &a.path).cmp(&(&b.rel, &b.path)));
    scan
}

/// The roots with each file or folder once, in the order given, each with its canonical path
/// if it has one: a root that is the same as an earlier one, or lies inside another (also
/// through a symbolic link or another spelling of its path), is dropped, since its files are
/// found under the other. A root that cannot be resolved (it does not exist) is kept, once,
/// for the scan to report.
fn distinct(roots: &[PathBuf]) -> Vec<(PathBuf, Option<PathBuf>)> {
    let resolved: Vec<(&PathBuf, Option<PathBuf>)> = roots
        .iter()
        .map(|r| (r, std::fs::canonicalize(r).ok()))
        .collect();
    let mut out = Vec::new();
    for (i, (root, real)) in resolved.iter().enumerate() {
        let covered = resolved.iter().enumerate().any(|(j, (other, other_real))| {
            let earlier = j < i;
            match (real, other_real) {
                (Some(a), Some(b)) => (a == b && earlier) || (a != b && a.starts_with(b)),
                _ => root == other && earlier,
            }
        });
        if !covered {
            out.push(((*root).clone(), real.clone()));
        }
    }
    out
}

/// Walks the folder `root`, whose canonical path is `real`.
fn walk_dir(root: &Path, real: &Path, scan: &mut Scan) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).display().to_string();
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_owned()
                } else {
                    match e.io_error() {
                        Some(io) if io.kind() == io::ErrorKind::NotFound => {
                            link_or(e.path().unwrap_or(root), &io_reason(io))
                        }
                        Some(io) => io_reason(io),
                        None => e.to_string(),
                    }
                };
                scan.problems.push(Problem::skipped(path, None, reason));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(format) = Format::of(entry.path()) else {
            scan.ignored += 1;
            continue;
        };
        match entry.metadata() {
            Ok(meta) => {
                let under = entry.path().strip_prefix(root).ok();
                let rel = under
                    .map(slash_path)
                    .unwrap_or_else(|| file_name(entry.path()));
                let key = under
                    .map(|u| real.join(u))
                    .unwrap_or_else(|| entry.path().to_path_buf());
                let path = entry.path().to_path_buf();
                scan.files.push(source_file(path, rel, &key, format, &meta));
            }
            // The file vanished or became unreadable between listing and stat.
            Err(e) => scan.problems.push(Problem::skipped(
                entry.path().display().to_string(),
                None,
                e.io_error().map(io_reason).unwrap_or_else(|| e.to_string()),
            )),
        }
    }
}

fn source_file(
    path: PathBuf,
    rel: String,
    key: &Path,
    format: Format,
    meta: &std::fs::Metadata,
) -> SourceFile {
    SourceFile {
        path,
        rel,
        key: exact_text(key),
        format,
        len: meta.len(),
        modified: meta.modified().ok(),
    }
}

/// A path as text, told apart from every other path: as it is when it is UTF-8, else with
/// its bytes escaped (two names that differ only in bytes that are not UTF-8 stay two).
fn exact_text(path: &Path) -> String {
    match path.to_str() {
        Some(text) => text.to_owned(),
        None => format!("{path:?}"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `reason`, unless `path` is a symbolic link whose target does not exist.
fn link_or(path: &Path, reason: &str) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        "broken symbolic link: its target does not exist".to_owned()
    } else {
        reason.to_owned()
    }
}

/// A reason a person can act on.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            "not found (was it moved or deleted during the scan?)".to_owned()
        }
        io::ErrorKind::PermissionDenied => {
            "permission denied: check the file's read permission".to_owned()
        }
        _ => e.to_string(),
    }
}

/// Bounds on what one article may take, so a 200 MB file or a 10 MB line cannot exhaust memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest text file read; the rest of a larger one is cut off with a warning.
    pub max_text_bytes: usize,
    /// Largest JSON line; a longer one is skipped with a warning.
    pub max_line_bytes: usize,
    /// Lines parsed per parallel batch.
    pub batch_lines: usize,
    /// Text files read per parallel batch.
    pub batch_files: usize,
    /// Bytes (of text files, or of JSON lines) read per parallel batch: with the counts above,
    /// this bounds the memory a batch holds.
    pub batch_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_text_bytes: 8 << 20,
            max_line_bytes: 16 << 20,
            batch_lines: 2048,
            batch_files: 256,
            batch_bytes: 64 << 20,
        }
    }
}

/// Receives batches of articles in source order.
pub type Sink<'a> = dyn FnMut(Vec<Article>) + 'a;

/// What [`read_files`] gives what it reads to. Files are known by their position in the
/// list read: two files can have the same relative path (under two roots).
pub trait FileReader {
    /// A batch of articles of the file at `at`, in source order.
    fn articles(&mut self, at: usize, batch: Vec<Article>);

    /// Every article of the file at `at` has been given; `hash` is of its bytes (xxh3), so
    /// reindexing can recognise unchanged content. Not called for a file that could not be
    /// read at all.
    fn done(&mut self, _at: usize, _file: &SourceFile, _hash: u64) {}
}

/// A closure takes the articles and ignores the ends of files.
impl<F: FnMut(usize, Vec<Article>)> FileReader for F {
    fn articles(&mut self, at: usize, batch: Vec<Article>) {
        self(at, batch)
    }
}

/// Reads files into `reader`, recording everything skipped in `problems`. The articles of
/// one file reach the reader before its `done`, and before any article of the next file.
pub fn read_files(
    files: &[SourceFile],
    limits: &Limits,
    reader: &mut dyn FileReader,
    problems: &mut Vec<Problem>,
) {
    let mut pending_text: Vec<(usize, &SourceFile)> = Vec::new();
    let mut pending_bytes = 0usize;
    for (at, file) in files.iter().enumerate() {
        match file.format {
            Format::Text => {
                pending_text.push((at, file));
                let len = usize::try_from(file.len).unwrap_or(usize::MAX);
                pending_bytes = pending_bytes.saturating_add(len.min(limits.max_text_bytes));
                if pending_text.len() >= limits.batch_files || pending_bytes >= limits.batch_bytes {
                    read_text_batch(&pending_text, limits, reader, problems);
                    pending_text.clear();
                    pending_bytes = 0;
                }
            }
            Format::JsonLines => {
                // Text files before this one first: articles reach the reader in path order,
                // which decides which of two articles with the same id is kept.
                read_text_batch(&pending_text, limits, reader, problems);
                pending_text.clear();
                pending_bytes = 0;
                match File::open(&file.path) {
                    Ok(f) => {
                        let mut to_reader = |batch: Vec<Article>| reader.articles(at, batch);
                        let display = file.display();
                        let hash =
                            read_jsonl(&file.rel, &display, f, limits, &mut to_reader, problems);
                        reader.done(at, file, hash);
                    }
                    Err(e) => problems.push(Problem::skipped(file.display(), None, io_reason(&e))),
                }
            }
        }
    }
    read_text_batch(&pending_text, limits, reader, problems);
}

fn read_text_batch(
    files: &[(usize, &SourceFile)],
    limits: &Limits,
    reader: &mut dyn FileReader,
    problems: &mut Vec<Problem>,
) {
    if files.is_empty() {
        return;
    }
    let results: Vec<TextRead> = files
        .par_iter()
        .map(|(_, f)| match File::open(&f.path) {
            Ok(file) => read_text(&f.rel, &f.display(), file, limits),
            Err(e) => TextRead {
                article: None,
                problems: vec![Problem::skipped(f.display(), None, io_reason(&e))],
                hash: None,
            },
        })
        .collect();
    for (&(at, file), mut read) in files.iter().zip(results) {
        problems.append(&mut read.problems);
        reader.articles(at, read.article.into_iter().collect());
        if let Some(hash) = read.hash {
            reader.done(at, file, hash);
        }
    }
}

/// One text file, read.
#[derive(Debug)]
pub struct TextRead {
    pub article: Option<Article>,
    pub problems: Vec<Problem>,
    /// Hash of the bytes read; `None` when the file could not be read at all.
    pub hash: Option<u64>,
}

/// Reads one text article.
pub fn read_text(rel: &str, display: &str, reader: impl Read, limits: &Limits) -> TextRead {
    let mut bytes = Vec::new();
    let limit = limits.max_text_bytes as u64;
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        let problems = vec![Problem::skipped(display, None, io_reason(&e))];
        return TextRead {
            article: None,
            problems,
            hash: None,
        };
    }
    let hash = xxh3_64(&bytes);
    let (article, problems) = parse_text_bytes(rel, display, bytes, limits);
    TextRead {
        article,
        problems,
        hash: Some(hash),
    }
}

fn parse_text_bytes(
    rel: &str,
    display: &str,
    mut bytes: Vec<u8>,
    limits: &Limits,
) -> (Option<Article>, Vec<Problem>) {
    let mut problems = Vec::new();
    let limit = limits.max_text_bytes as u64;
    if bytes.len() as u64 > limit {
        // Do not cut a character in half: decoding would report a false error.
        let utf16 = match bytes[..] {
            [0xFF, 0xFE, ..] => Some(false),
            [0xFE, 0xFF, ..] => Some(true),
            _ => None,
        };
        bytes.truncate(limits.max_text_bytes);
        if let Some(big_endian) = utf16 {
            // UTF-16: whole code units, and not the high half of a surrogate pair.
            bytes.truncate(bytes.len() & !1);
            if let [.., a, b] = bytes[2.min(bytes.len())..] {
                let unit = if big_endian {
                    u16::from_be_bytes([a, b])
                } else {
                    u16::from_le_bytes([a, b])
                };
                if (0xD800..0xDC00).contains(&unit) {
                    bytes.truncate(bytes.len() - 2);
                }
            }
        } else {
            while bytes.last().is_some_and(|b| b & 0xC0 == 0x80) {
                bytes.pop();
            }
            if bytes.last().is_some_and(|b| *b >= 0xC0) {
                bytes.pop();
            }
        }
        problems.push(Problem::partial(
            display,
            None,
            format!(
                "larger than {} MiB: only the first {} MiB indexed",
                limit >> 20,
                limit >> 20
            ),
        ));
    }
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(reason) => return (None, vec![Problem::skipped(display, None, reason)]),
    };
    if let Some(w) = decoded.warning {
        problems.push(Problem::partial(display, None, w));
    }
    let Some(parsed) = parse_text(&normalize(&decoded.text)) else {
        problems.push(Problem::skipped(
            display,
            None,
            "no article text (empty, or only page chrome)",
        ));
        return (None, problems);
    };
    let origin = Origin {
        path: rel.to_owned(),
        line: None,
    };
    let article = Article {
        id: parsed.url.clone().unwrap_or_else(|| rel.to_owned()),
        title: parsed.title,
        body: parsed.body,
        url: parsed.url,
        published: parsed.published,
        source: None,
        stated: Default::default(),
        origin,
    };
    (Some(article), problems)
}

/// Reads a JSON Lines stream in parallel batches of lines; returns a hash of its bytes.
pub fn read_jsonl(
    rel: &str,
    display: &str,
    reader: impl Read,
    limits: &Limits,
    sink: &mut Sink<'_>,
    problems: &mut Vec<Problem>,
) -> u64 {
    let mut hasher = Xxh3::new();
    let reader = HashingReader {
        inner: reader,
        hasher: &mut hasher,
    };
    read_jsonl_lines(rel, display, reader, limits, sink, problems);
    hasher.digest()
}

/// Passes bytes through, hashing them on the way.
struct HashingReader<'h, R> {
    inner: R,
    hasher: &'h mut Xxh3,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn read_jsonl_lines(
    rel: &str,
    display: &str,
    reader: impl Read,
    limits: &Limits,
    sink: &mut Sink<'_>,
    problems: &mut Vec<Problem>,
) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(e) => {
            problems.push(Problem::skipped(display, None, io_reason(&e)));
            return;
        }
    };
    // UTF-16 files (with a byte-order mark) cannot be split on b'\n': they are decoded to
    // UTF-8 as they stream.
    let utf16 = match head {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    };
    if let Some(big_endian) = utf16 {
        reader.consume(2);
        let mut utf8 = BufReader::with_capacity(1 << 16, Utf16Reader::new(reader, big_endian));
        read_lines(rel, display, &mut utf8, limits, sink, problems);
        if let Some(w) = utf8.get_ref().warning() {
            problems.push(Problem::partial(display, None, w));
        }
        return;
    }
    // A UTF-8 byte-order mark declares text, as `decode` takes it.
    if looks_binary(head) && !head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        problems.push(Problem::skipped(
            display,
            None,
            binary_reason(head, "JSON Lines"),
        ));
        return;
    }
    read_lines(rel, display, &mut reader, limits, sink, problems);
}

fn read_lines(
    rel: &str,
    display: &str,
    reader: &mut dyn BufRead,
    limits: &Limits,
    sink: &mut Sink<'_>,
    problems: &mut Vec<Problem>,
) {
    let mut lines: Vec<(usize, Vec<u8>)> = Vec::with_capacity(limits.batch_lines.min(1 << 16));
    let mut batch_bytes = 0usize;
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        let mut buf = Vec::new();
        match read_line_bounded(reader, &mut buf, limits.max_line_bytes) {
            Ok(LineRead::Eof) => break,
            Ok(LineRead::Line) => {
                if line_no == 1 && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    buf.drain(..3);
                }
                batch_bytes += buf.len();
                lines.push((line_no, buf));
            }
            Ok(LineRead::TooLong(len)) => problems.push(Problem::skipped(
                display,
                Some(line_no),
                format!(
                    "line of {} MiB is longer than the {} MiB limit",
                    len >> 20,
                    limits.max_line_bytes >> 20
                ),
            )),
            Err(e) => {
                problems.push(Problem::partial(
                    display,
                    Some(line_no),
                    format!("read error, rest of file not read: {}", io_reason(&e)),
                ));
                break;
            }
        }
        if lines.len() >= limits.batch_lines || batch_bytes >= limits.batch_bytes {
            parse_batch(rel, display, &mut lines, sink, problems);
            batch_bytes = 0;
        }
    }
    parse_batch(rel, display, &mut lines, sink, problems);
}

fn parse_batch(
    rel: &str,
    display: &str,
    lines: &mut Vec<(usize, Vec<u8>)>,
    sink: &mut Sink<'_>,
    problems: &mut Vec<Problem>,
) {
    if lines.is_empty() {
        return;
    }
    let results: Vec<(Option<Article>, Option<Problem>)> = lines
        .par_iter()
        .map(|(no, bytes)| parse_raw_line(rel, display, *no, bytes))
        .collect();
    lines.clear();
    let mut batch = Vec::with_capacity(results.len());
    for (article, problem) in results {
        batch.extend(article);
        problems.extend(problem);
    }
    sink(batch);
}

fn parse_raw_line(
    rel: &str,
    display: &str,
    no: usize,
    bytes: &[u8],
) -> (Option<Article>, Option<Problem>) {
    let decoded;
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(_) => {
            decoded = utf8_lossy(bytes);
            (decoded.text.as_str(), decoded.warning.clone())
        }
    };
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    let origin = Origin {
        path: rel.to_owned(),
        line: Some(no),
    };
    match parse_line(text, origin) {
        Ok(parsed) => {
            let mut notes: Vec<String> = parsed.warning.into_iter().collect();
            notes.extend(note);
            let problem =
                (!notes.is_empty()).then(|| Problem::partial(display, Some(no), notes.join("; ")));
            (Some(parsed.article), problem)
        }
        Err(reason) => (None, Some(Problem::skipped(display, Some(no), reason))),
    }
}

enum LineRead {
    Eof,
    Line,
    /// The line was longer than the limit; it was read through and dropped. Holds its length.
    TooLong(usize),
}

/// Reads one line (without its `\n`) into `buf`, never holding more than `max` bytes.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    let mut total = 0usize;
    let mut saw_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (saw_any, total > max) {
                (false, _) => LineRead::Eof,
                (true, true) => LineRead::TooLong(total),
                (true, false) => LineRead::Line,
            });
        }
        saw_any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        total += chunk.len();
        if total <= max {
            buf.extend_from_slice(chunk);
        } else {
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(if total > max {
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
    }
}

#[cfg(test)]
mod tests;
