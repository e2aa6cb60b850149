//! Analyzer throughput, one thread: tracuu's tokenizer at both levels and its normalizer
//! against tantivy's stock `SimpleTokenizer → LowerCaser → AsciiFoldingFilter` chain; and
//! facet extraction, the other per-article analysis of a build.
//!
//! ```sh
//! cargo bench --bench analyzer
//! TRACUU_BENCH_TEXT=corpus.jsonl TRACUU_BENCH_MB=8 cargo bench --bench analyzer
//! ```
//!
//! The text is the title and body of the articles of `TRACUU_BENCH_TEXT` (a JSON Lines file,
//! up to `TRACUU_BENCH_MB` MB, default 8), else of the bundled
//! `sample_corpus/party_congress_sample.jsonl`; it is normalized first, as the indexer does
//! before tokenizing. Throughput is reported in bytes of that text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer,
};
use tracuu::extract::facets::{extract, FacetInput};
use tracuu::text::{normalize, Level, VietnameseTokenizer};

/// Title and body of each article, normalized, in file order.
fn load_articles() -> Vec<(String, String)> {
    let path = std::env::var("TRACUU_BENCH_TEXT").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample_corpus/party_congress_sample.jsonl"
        )
        .to_owned()
    });
    let max_mb: f64 = std::env::var("TRACUU_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8.0);
    let max = (max_mb * 1e6) as usize;
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut texts = Vec::new();
    let mut total = 0;
    for line in BufReader::new(file).lines() {
        let line = line.expect("readable UTF-8 JSON Lines");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = |field: &str| normalize(v.get(field).and_then(|t| t.as_str()).unwrap_or(""));
        let (title, body) = (text("title"), text("body"));
        total += title.len() + body.len();
        texts.push((title, body));
        if total >= max {
            break;
        }
    }
    assert!(!texts.is_empty(), "no text in {path}");
    texts
}

fn drain(mut stream: impl TokenStream) -> usize {
    let mut n = 0;
    while stream.advance() {
        black_box(&stream.token().text);
        n += 1;
    }
    n
}

fn analyzers(c: &mut Criterion) {
    let texts: Vec<String> = load_articles()
        .into_iter()
        .flat_map(|(title, body)| [title, body])
        .filter(|t| !t.is_empty())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);

    let mut exact = VietnameseTokenizer::new(Level::Exact);
    group.bench_function("tracuu_exact", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| drain(exact.token_stream(t)))
                .sum::<usize>()
        })
    });
    let mut folded = VietnameseTokenizer::new(Level::Folded);
    group.bench_function("tracuu_folded", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| drain(folded.token_stream(t)))
                .sum::<usize>()
        })
    });
    group.bench_function("tracuu_normalize", |b| {
        b.iter(|| texts.iter().map(|t| normalize(t).len()).sum::<usize>())
    });
    let mut stock = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    group.bench_function("stock_simple_lower_asciifolding", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| drain(stock.token_stream(t)))
                .sum::<usize>()
        })
    });
    group.finish();
}

fn facets(c: &mut Criterion) {
    let articles = load_articles();
    let bytes: usize = articles.iter().map(|(t, b)| t.len() + b.len()).sum();
    let mut group = c.benchmark_group("facets");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(title, body)| {
                    let facets = extract(&FacetInput {
                        title,
                        body,
                        url: None,
                        source: None,
                        published: None,
                        province: None,
                        unit: None,
                        term: None,
                    });
                    black_box(facets).evidence.len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, analyzers, facets);
criterion_main!(benches);
