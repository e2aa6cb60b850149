//! The index schema, declared in `index_schema/schema.toml` and built from it, and the
//! analyzers registered on every open of an index.

use super::error::IndexError;
use crate::text::pairs::WithPairs;
use crate::text::tokenize::{Level, VietnameseTokenizer, EXACT_TOKENIZER, FOLDED_TOKENIZER};
use serde::Deserialize;
use std::sync::LazyLock;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

/// The schema file, embedded.
pub const SCHEMA_SOURCE: &str = include_str!("../../index_schema/schema.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    version: u32,
    fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSpec {
    name: String,
    kind: Kind,
    tokenizer: Option<String>,
    #[serde(default)]
    stored: bool,
    #[serde(default)]
    fast: bool,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Text,
    String,
    Date,
    U64,
    Facet,
    /// Kept with the document, not searchable.
    Stored,
}

/// The parsed, embedded schema: its version and the tantivy schema built from it.
#[derive(Debug)]
pub struct IndexSchema {
    pub version: u32,
    pub schema: Schema,
    pub fields: Fields,
}

/// Handles of the fields the code reads and writes, looked up by name once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub title_folded: Field,
    pub body: Field,
    pub body_folded: Field,
    pub url: Field,
    pub source: Field,
    pub origin: Field,
    pub unaccented: Field,
    pub published: Field,
    pub province: Field,
    pub province_old: Field,
    pub unit: Field,
    pub unit_name: Field,
    pub term: Field,
    pub congress_number: Field,
    pub evidence: Field,
}

impl Fields {
    /// Resolves every field in `schema`; an index missing one was built by another program
    /// or another schema.
    pub fn resolve(schema: &Schema) -> Result<Fields, IndexError> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| IndexError::SchemaMismatch(format!("the index has no field `{name}`")))
        };
        Ok(Fields {
            id: get("id")?,
            title: get("title")?,
            title_folded: get("title_folded")?,
            body: get("body")?,
            body_folded: get("body_folded")?,
            url: get("url")?,
            source: get("source")?,
            origin: get("origin")?,
            unaccented: get("unaccented")?,
            published: get("published")?,
            province: get("province")?,
            province_old: get("province_old")?,
            unit: get("unit")?,
            unit_name: get("unit_name")?,
            term: get("term")?,
            congress_number: get("congress_number")?,
            evidence: get("evidence")?,
        })
    }
}

static EMBEDDED: LazyLock<Result<IndexSchema, String>> = LazyLock::new(|| parse(SCHEMA_SOURCE));

/// The embedded schema. It is checked by a unit test, so an error here is a build defect,
/// reported rather than panicking.
pub fn embedded() -> Result<&'static IndexSchema, IndexError> {
    EMBEDDED
        .as_ref()
        .map_err(|e| IndexError::SchemaMismatch(format!("embedded schema is invalid: {e}")))
}

fn parse(source: &str) -> Result<IndexSchema, String> {
    let file: SchemaFile = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut builder = Schema::builder();
    for spec in &file.fields {
        match spec.kind {
            Kind::Text => {
                let tokenizer = spec
                    .tokenizer
                    .as_deref()
                    .ok_or(format!("text field `{}` needs a tokenizer", spec.name))?;
                if tokenizer != EXACT_TOKENIZER && tokenizer != FOLDED_TOKENIZER {
                    return Err(format!(
                        "field `{}`: unknown tokenizer `{tokenizer}`",
                        spec.name
                    ));
                }
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let mut options = TextOptions::default().set_indexing_options(indexing);
                if spec.stored {
                    options = options.set_stored();
                }
                builder.add_text_field(&spec.name, options);
            }
            Kind::String => {
                let mut options = STRING;
                if spec.stored {
                    options = options | STORED;
                }
                if spec.fast {
                    options = options.set_fast("raw");
                }
                builder.add_text_field(&spec.name, options);
            }
            Kind::Date => {
                let mut options = DateOptions::default()
                    .set_indexed()
                    .set_precision(DateTimePrecision::Seconds);
                if spec.stored {
                    options = options.set_stored();
                }
                if spec.fast {
                    options = options.set_fast();
                }
                builder.add_date_field(&spec.name, options);
            }
            Kind::U64 => {
                let mut options = NumericOptions::default().set_indexed();
                if spec.stored {
                    options = options.set_stored();
                }
                if spec.fast {
                    options = options.set_fast();
                }
                builder.add_u64_field(&spec.name, options);
            }
            Kind::Stored => {
                builder.add_text_field(&spec.name, STORED);
            }
            Kind::Facet => {
                let options = if spec.stored {
                    FacetOptions::default().set_stored()
                } else {
                    FacetOptions::default()
                };
                builder.add_facet_field(&spec.name, options);
            }
        }
    }
    let schema = builder.build();
    let fields = Fields::resolve(&schema).map_err(|e| e.to_string())?;
    Ok(IndexSchema {
        version: file.version,
        schema,
        fields,
    })
}

/// Registers the Vietnamese analyzers. Must run on every open: tantivy does not persist
/// custom tokenizers, and an index opened without them cannot be queried or written.
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        EXACT_TOKENIZER,
        TextAnalyzer::from(VietnameseTokenizer::new(Level::Exact)),
    );
    tokenizers.register(
        FOLDED_TOKENIZER,
        TextAnalyzer::from(WithPairs::new(VietnameseTokenizer::new(Level::Folded))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_builds() {
        let s = embedded().unwrap();
        assert!(s.version >= 1);
        assert_eq!(s.schema.get_field_name(s.fields.body_folded), "body_folded");
    }

    #[test]
    fn schema_errors_are_reported() {
        assert!(parse("version = 1\n[[fields]]\nname='x'\nkind='text'\n")
            .unwrap_err()
            .contains("needs a tokenizer"));
        assert!(
            parse("version = 1\n[[fields]]\nname='x'\nkind='text'\ntokenizer='en'\n")
                .unwrap_err()
                .contains("unknown tokenizer")
        );
        assert!(parse("version = 1\n[[fields]]\nname='id'\nkind='string'\n")
            .unwrap_err()
            .contains("no field `title`"));
    }
}
