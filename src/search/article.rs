//! Articles by id, and where each one stands in its source now.

use super::{Engine, SearchError};
use crate::index::document::StoredArticle;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// The line each article of a JSON Lines source is on now, by id. An article whose line
/// only moved (a line above it was deleted) keeps its stored document, and with it the
/// line it was stored from: the manifest has the line it is on now.
pub struct Lines(HashMap<String, usize>);

impl Lines {
    /// No lines read: every origin as stored. Reading the manifest costs more than a
    /// search (80 ms at 84,000 articles), so search hits give the line an article was
    /// indexed from.
    pub fn as_stored() -> Lines {
        Lines(HashMap::new())
    }

    /// `origin` ("path:line") with the line the article is on now.
    pub fn origin(&self, article: &StoredArticle) -> String {
        match (self.0.get(&article.id), article.origin.rsplit_once(':')) {
            (Some(line), Some((path, _))) => format!("{path}:{line}"),
            _ => article.origin.clone(),
        }
    }
}

impl Engine {
    /// The stored article with this id, if the index has it; else the one read from this
    /// file, as `origin` names it ("000_73331b18bb875419.txt", whose id is its URL): an
    /// archivist holding the file need not know which id it was given.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, SearchError> {
        let fields = &self.index().fields;
        match self.article_where(fields.id, id)? {
            Some(a) => Ok(Some(a)),
            None => self.article_where(fields.origin, id),
        }
    }

    /// The first stored article whose `field` is exactly `value`.
    fn article_where(
        &self,
        field: tantivy::schema::Field,
        value: &str,
    ) -> Result<Option<StoredArticle>, SearchError> {
        let fields = &self.index().fields;
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let searcher = self.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(Some(StoredArticle::read(fields, &doc)))
    }

    /// Where the articles of JSON Lines sources are now ([`Lines`]). Reads the manifest:
    /// for commands that print origins, not for every search.
    pub fn lines(&self) -> Lines {
        let open = self.index();
        let manifest = open
            .index
            .load_metas()
            .ok()
            .and_then(|metas| metas.payload)
            .and_then(|name| {
                let dir = open.layout.generation_dir(&open.generation);
                crate::index::manifest::load(&dir, &name).ok()
            })
            .unwrap_or_default();
        Lines(
            crate::index::manifest::lines(&manifest)
                .into_iter()
                .map(|(id, line)| (id.to_owned(), line))
                .collect(),
        )
    }
}
