//! Metadata read from articles: dates now; province, unit type, term and congress number in
//! [`facets`].

pub(crate) mod date;
pub mod facets;

pub use date::Date;
