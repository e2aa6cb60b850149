//! tracuu: full-text search for Vietnamese party news.
//!
//! Data flows through the modules in order: [`corpus`] reads sources into articles, [`text`]
//! normalizes and tokenizes them, [`extract`] reads metadata and facets, [`index`] builds and
//! maintains the tantivy index, [`search`] answers queries, and [`cli`] is the terminal edge.
//! [`eval`] measures search quality against relevance judgments.
//!
//! The common path is re-exported here: build an index of some files, then search it.
//!
//! ```no_run
//! use tracuu::{build, BuildOptions, Engine, Layout, SearchOptions, Sources};
//!
//! let layout = Layout::new("/var/lib/tracuu/index");
//! let sources = Sources::Paths(vec!["articles/".into()]);
//! let report = build(&layout, &sources, &BuildOptions::default())?;
//! eprintln!("{} problems skipped", report.problems.len());
//!
//! let engine = Engine::open(layout.root())?;
//! let results = engine.search("dai hoi dang bo", &SearchOptions::default())?;
//! for hit in &results.hits {
//!     println!("{} {}", hit.rank, hit.article.title);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The Vietnamese analyzers ([`text::VietnameseTokenizer`], [`text::normalize`], the folded
//! and exact keys) work on their own, as tantivy tokenizers.

pub mod cli;
pub mod corpus;
pub mod eval;
pub mod extract;
pub mod index;
pub mod search;
pub mod text;

pub use index::{build, reindex, BuildOptions, BuildReport, IndexError, Layout, Sources};
pub use search::{Engine, Filters, Results, SearchError, SearchOptions};

/// The internals that the fuzz targets (`fuzz/checks.rs`) and their regression test
/// (`tests/fuzz_corpus.rs`) drive directly. Not an API: hidden from the docs and free to
/// change with the code it exposes.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::corpus::chrome::is_chrome_line;
    pub use crate::corpus::decode::{decode, looks_binary};
    pub use crate::corpus::jsonl::parse_line;
    pub use crate::corpus::source::{read_jsonl, read_text};
    pub use crate::corpus::txt::parse_text;
    pub use crate::extract::date::parse_dateline;
    pub use crate::index::schema::embedded as embedded_schema;
    pub use crate::search::plan::{build_query, Matching};
    pub use crate::search::query::MAX_QUERY_SYLLABLES;
    pub use crate::search::snippet::{highlight, snippets, Mark};
    pub use crate::search::understand::{suggestions, understand, Vocabulary};
    pub use crate::text::tokenize::is_overlong;
}
