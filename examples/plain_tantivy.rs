//! Baselines for the benchmark harness (`bench/run`): what the same library does without
//! Vietnamese analysis.
//!
//! ```text
//! plain_tantivy index --index DIR [--analyzer A] [--threads N] [--memory MIB] PATH...
//! plain_tantivy analyze [--mb N] [--seconds S] PATH...
//! ```
//!
//! `index` builds a plain tantivy index of the `.jsonl` articles under PATH: `id` (string,
//! stored), `title` and `body` (stored, indexed with positions), with tracuu's writer
//! defaults (threads = cores up to 8, 256 MiB). Files are read and parsed with serde_json in
//! parallel. It prints one JSON object: docs, bytes, seconds. `--analyzer` says what title
//! and body are indexed with, so that a build can be taken apart into what it writes:
//!
//! - `default`: tantivy's `TEXT` (its default tokenizer), the baseline;
//! - `folded`: tracuu's folded analyzer instead, one term per syllable as the default;
//! - `levels`: tracuu's two levels, exact and folded, in two fields each (two terms);
//! - `levels-pairs`: the two levels plus the folded pair tokens: every term tracuu writes,
//!   without its reading pipeline (normalization, page chrome, facets).
//!
//! `analyze` loads up to N MB of title and body text from PATH, normalizes it as tracuu's
//! reader does, and measures, on one thread, the MB/s of tracuu's tokenizer at both levels,
//! of tracuu's normalizer, and of tantivy's stock `SimpleTokenizer → LowerCaser →
//! AsciiFoldingFilter` chain. It prints one JSON object.
//!
//! Build with `cargo build --release --example plain_tantivy`.

use clap::{Args, Parser};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING, TEXT,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer,
};
use tantivy::{Index, IndexWriter, TantivyDocument};
use tracuu::text::{normalize, Level, VietnameseTokenizer, WithPairs};

/// The baseline tracuu's build is compared with: the same articles through plain tantivy.
#[derive(Parser)]
#[command(name = "plain_tantivy")]
enum Command {
    /// Indexes the `.jsonl` files under PATH... and prints docs, bytes and seconds as JSON.
    Index(IndexArgs),
    /// Times the analyzers on the text of the `.jsonl` files under PATH...
    Analyze(AnalyzeArgs),
}

#[derive(Args)]
struct IndexArgs {
    /// The directory to create the index in.
    #[arg(long)]
    index: PathBuf,
    /// What title and body are analyzed with: default, folded, levels or levels-pairs.
    #[arg(long, default_value = "default", value_parser = Analyzer::parse)]
    analyzer: Analyzer,
    /// Indexing threads [default: the cores, at most 8].
    #[arg(long)]
    threads: Option<usize>,
    /// The writer's memory budget, MiB.
    #[arg(long, default_value_t = 256)]
    memory: usize,
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Args)]
struct AnalyzeArgs {
    /// MB of article text to time the analyzers on.
    #[arg(long, default_value_t = 32.0)]
    mb: f64,
    /// Least seconds each analyzer runs.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let result = match Command::parse() {
        Command::Index(args) => index(args),
        Command::Analyze(args) => analyze(args),
    };
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plain_tantivy: {e}");
            ExitCode::from(2)
        }
    }
}

/// Every `.jsonl` file under the paths, sorted.
fn jsonl_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = paths
        .iter()
        .flat_map(|p| walkdir::WalkDir::new(p).follow_links(true))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson"))
        .collect();
    files.sort();
    files
}

/// `(id, title, body)` of one JSON line, if it is an article.
fn article(line: &str) -> Option<(String, String, String)> {
    let v: Value = serde_json::from_str(line).ok()?;
    let text = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
    let body = text("body").or_else(|| text("text"))?;
    Some((
        text("id").unwrap_or_default(),
        text("title").unwrap_or_default(),
        body,
    ))
}

fn index(args: IndexArgs) -> Result<String, String> {
    let dir = args.index;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let threads = args.threads.unwrap_or(cores.clamp(1, 8));
    let memory = args.memory;
    let started = Instant::now();

    let analyzer = args.analyzer;

    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let (title, body) = analyzer.stored_fields(&mut builder);
    let folded = analyzer.folded_fields(&mut builder);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let index = Index::create_in_dir(&dir, builder.build()).map_err(|e| e.to_string())?;
    analyzer.register(&index);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads, memory << 20)
        .map_err(|e| e.to_string())?;

    let files = jsonl_files(&args.paths);
    let (docs, file_bytes, text_bytes) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    files
        .par_iter()
        .try_for_each(|path| -> Result<(), String> {
            let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for line in BufReader::new(file).lines() {
                let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
                file_bytes.fetch_add(line.len() as u64 + 1, Ordering::Relaxed);
                let Some((i, t, b)) = article(&line) else {
                    continue;
                };
                text_bytes.fetch_add((t.len() + b.len()) as u64, Ordering::Relaxed);
                let mut doc = TantivyDocument::default();
                doc.add_text(id, &i);
                doc.add_text(title, &t);
                doc.add_text(body, &b);
                if let Some((title_folded, body_folded)) = folded {
                    doc.add_text(title_folded, &t);
                    doc.add_text(body_folded, &b);
                }
                writer.add_document(doc).map_err(|e| e.to_string())?;
                docs.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })?;
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(json!({
        "docs": docs.into_inner(),
        "files": files.len(),
        "file_bytes": file_bytes.into_inner(),
        "text_bytes": text_bytes.into_inner(),
        "threads": threads,
        "memory_mib": memory,
        "analyzer": analyzer.name(),
        "seconds": started.elapsed().as_secs_f64(),
    })
    .to_string())
}

/// What `index` analyzes title and body with (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Analyzer {
    Default,
    Folded,
    Levels,
    LevelsPairs,
}

/// Names the tracuu analyzers are registered under in these indexes.
const EXACT: &str = "tracuu_exact";
const FOLDED: &str = "tracuu_folded";

impl Analyzer {
    const ALL: [(&'static str, Analyzer); 4] = [
        ("default", Analyzer::Default),
        ("folded", Analyzer::Folded),
        ("levels", Analyzer::Levels),
        ("levels-pairs", Analyzer::LevelsPairs),
    ];

    fn parse(name: &str) -> Result<Analyzer, String> {
        Analyzer::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
            .ok_or_else(|| "use default, folded, levels or levels-pairs".to_owned())
    }

    fn name(self) -> &'static str {
        Analyzer::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("?", |(n, _)| n)
    }

    fn text(tokenizer: &str) -> TextOptions {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    }

    /// Title and body, stored, at the first level.
    fn stored_fields(self, builder: &mut tantivy::schema::SchemaBuilder) -> (Field, Field) {
        let options = match self {
            Analyzer::Default => TEXT | STORED,
            Analyzer::Folded => Analyzer::text(FOLDED) | STORED,
            Analyzer::Levels | Analyzer::LevelsPairs => Analyzer::text(EXACT) | STORED,
        };
        (
            builder.add_text_field("title", options.clone()),
            builder.add_text_field("body", options),
        )
    }

    /// Title and body again at the folded level, where the analyzer has two levels.
    fn folded_fields(self, builder: &mut tantivy::schema::SchemaBuilder) -> Option<(Field, Field)> {
        matches!(self, Analyzer::Levels | Analyzer::LevelsPairs).then(|| {
            (
                builder.add_text_field("title_folded", Analyzer::text(FOLDED)),
                builder.add_text_field("body_folded", Analyzer::text(FOLDED)),
            )
        })
    }

    fn register(self, index: &Index) {
        let tokenizers = index.tokenizers();
        tokenizers.register(
            EXACT,
            TextAnalyzer::from(VietnameseTokenizer::new(Level::Exact)),
        );
        let folded = VietnameseTokenizer::new(Level::Folded);
        if self == Analyzer::LevelsPairs {
            tokenizers.register(FOLDED, TextAnalyzer::from(WithPairs::new(folded)));
        } else {
            tokenizers.register(FOLDED, TextAnalyzer::from(folded));
        }
    }
}

/// CPU time of the calling thread (Linux `/proc/thread-self/schedstat`), if readable.
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// What one analyzer did: MB/s over wall time and over the thread's CPU time (the second
/// does not drop when other processes share the cores), and tokens per pass.
struct Throughput {
    wall_mbs: f64,
    cpu_mbs: Option<f64>,
    tokens: u64,
}

/// Runs `pass` over the texts (once to warm up, then until at least `min` has elapsed).
fn throughput(texts: &[String], min: Duration, mut pass: impl FnMut(&str) -> u64) -> Throughput {
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokens: u64 = texts.iter().map(|t| pass(t)).sum();
    let (started, cpu_started) = (Instant::now(), thread_cpu());
    let mut rounds = 0u64;
    while rounds == 0 || started.elapsed() < min {
        let mut n = 0;
        for t in texts {
            n += pass(t);
        }
        std::hint::black_box(n);
        rounds += 1;
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_started
        .zip(thread_cpu())
        .map(|(a, b)| b.saturating_sub(a).as_secs_f64());
    let mb = bytes as f64 * rounds as f64 / 1e6;
    Throughput {
        wall_mbs: mb / wall,
        cpu_mbs: cpu.filter(|&c| c > 0.0).map(|c| mb / c),
        tokens,
    }
}

/// The number of tokens of a stream (each token is looked at, so none is optimized away).
fn drain(mut stream: impl TokenStream) -> u64 {
    let mut n = 0u64;
    while stream.advance() {
        std::hint::black_box(&stream.token().text);
        n += 1;
    }
    n
}

fn analyze(args: AnalyzeArgs) -> Result<String, String> {
    let max_bytes = (args.mb * 1e6) as usize;
    let min = Duration::try_from_secs_f64(args.seconds).map_err(|e| format!("--seconds: {e}"))?;
    let mut raw = Vec::new();
    let mut total = 0usize;
    'files: for path in jsonl_files(&args.paths) {
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for line in BufReader::new(file).lines() {
            let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some((_, t, b)) = article(&line) {
                total += t.len() + b.len();
                raw.push(t);
                raw.push(b);
            }
            if total >= max_bytes {
                break 'files;
            }
        }
    }
    if raw.is_empty() {
        return Err("no articles found".to_owned());
    }
    // The indexer tokenizes normalized text: measure the tokenizers on that.
    let texts: Vec<String> = raw.iter().map(|t| normalize(t)).collect();

    let normalized = throughput(&raw, min, |t| normalize(t).len() as u64);
    let mut exact = VietnameseTokenizer::new(Level::Exact);
    let exact = throughput(&texts, min, |t| drain(exact.token_stream(t)));
    let mut folded = VietnameseTokenizer::new(Level::Folded);
    let folded = throughput(&texts, min, |t| drain(folded.token_stream(t)));
    let mut stock = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let stock = throughput(&texts, min, |t| drain(stock.token_stream(t)));
    let mut simple = TextAnalyzer::builder(SimpleTokenizer::default()).build();
    let simple = throughput(&texts, min, |t| drain(simple.token_stream(t)));
    let all = [
        ("tracuu_exact", &exact),
        ("tracuu_folded", &folded),
        ("tracuu_normalize", &normalized),
        ("stock_simple_lower_asciifolding", &stock),
        ("stock_simple_only", &simple),
    ];
    let wall: serde_json::Map<String, Value> = all
        .iter()
        .map(|(k, t)| (k.to_string(), json!(t.wall_mbs)))
        .collect();
    let cpu: serde_json::Map<String, Value> = all
        .iter()
        .map(|(k, t)| (k.to_string(), json!(t.cpu_mbs)))
        .collect();
    Ok(json!({
        "text_bytes": texts.iter().map(String::len).sum::<usize>(),
        "texts": texts.len(),
        "threads": 1,
        "mb_per_s": wall,
        "mb_per_cpu_s": cpu,
        "tokens": { "tracuu": exact.tokens, "stock": stock.tokens },
    })
    .to_string())
}
