//! tracuu: full-text search for Vietnamese party news.
//!
//! Data flows through the modules in order: [`corpus`] reads sources into articles, [`text`]
//! normalizes and tokenizes them, [`extract`] reads metadata and facets, [`index`] builds and
//! maintains the tantivy index, [`search`] answers queries, and [`cli`] is the terminal edge.
//! [`eval`] measures search quality against relevance judgments.

pub mod cli;
pub mod corpus;
pub mod eval;
pub mod extract;
pub mod index;
pub mod search;
pub mod text;
