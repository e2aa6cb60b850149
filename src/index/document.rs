//! Articles to tantivy documents, and stored documents back to what a hit shows.

use super::schema::Fields;
use crate::corpus::Article;
use crate::extract::facets::{extract, FacetInput, Facets};
use crate::extract::Date;
use tantivy::schema::Facet;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

/// The tantivy document for an article. Title and body go into both matching levels.
pub fn to_document(fields: &Fields, article: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.title_folded, &article.title);
    doc.add_text(fields.body, &article.body);
    doc.add_text(fields.body_folded, &article.body);
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    doc.add_text(fields.origin, article.origin.to_string());
    if is_unaccented(&article.title, &article.body) {
        doc.add_text(fields.unaccented, UNACCENTED);
    }
    let facets = facets_of(article);
    if let Some(date) = article.published.or(facets.published) {
        doc.add_date(fields.published, date_time(date));
    }
    if let Some(p) = &facets.province {
        doc.add_facet(fields.province, Facet::from_path([p.as_str()]));
    }
    if let Some(p) = &facets.province_old {
        doc.add_facet(fields.province_old, Facet::from_path([p.as_str()]));
    }
    if let Some(path) = facets.unit_facet() {
        doc.add_facet(fields.unit, Facet::from(path.as_str()));
    }
    if let Some(name) = &facets.unit_name {
        doc.add_text(fields.unit_name, name);
    }
    if let Some(term) = facets.term {
        doc.add_text(fields.term, term.to_string());
    }
    if let Some(n) = facets.congress_number {
        doc.add_u64(fields.congress_number, u64::from(n));
    }
    if let Ok(evidence) = serde_json::to_string(&facets.evidence) {
        doc.add_text(fields.evidence, evidence);
    }
    doc
}

/// The facets of an article: read from its text, with its stated values first.
pub fn facets_of(article: &Article) -> Facets {
    extract(&FacetInput {
        title: &article.title,
        body: &article.body,
        url: article.url.as_deref(),
        published: article.published,
        province: article.stated.province.as_deref(),
        unit: article.stated.unit.as_deref(),
        term: article.stated.term.as_deref(),
    })
}

/// The value of the `unaccented` field on articles written without diacritics.
pub const UNACCENTED: &str = "yes";

/// Whether an article is written without diacritics: among its first syllables with letters,
/// fewer than 2% carry any (Vietnamese prose has them on most syllables).
pub fn is_unaccented(title: &str, body: &str) -> bool {
    const SAMPLE: usize = 400;
    let mut letters = 0usize;
    let mut accented = 0usize;
    // Only the first syllables are read: tokenizing the whole body for a sample of 400
    // cost 5% of a build.
    for text in [title, body] {
        let mut cursor = 0;
        while letters < SAMPLE {
            let Some((from, to)) = crate::text::tokenize::next_span(text, cursor) else {
                break;
            };
            cursor = to;
            let span = &text[from..to];
            if span.chars().any(char::is_alphabetic) {
                letters += 1;
                accented += usize::from(!span.is_ascii());
            }
        }
    }
    letters >= 20 && accented * 50 < letters
}

pub fn date_time(date: Date) -> DateTime {
    DateTime::from_timestamp_secs(date.days_since_epoch() * 86_400)
}

/// What a stored document holds, as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub origin: String,
    pub published: Option<Date>,
    pub province: Option<String>,
    pub province_old: Option<String>,
    /// `ward`, `cell`, … (the last part of the unit facet).
    pub unit_type: Option<String>,
    pub unit_name: Option<String>,
    pub term: Option<String>,
    pub congress_number: Option<u64>,
    /// The evidence behind the facets, as JSON.
    pub evidence: Option<String>,
}

/// The last part of a facet path ("/grassroots/ward" → "ward").
fn facet_leaf(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    // Stored facets are encoded with NUL separators; tolerate '/' too.
    let facet = doc.get_first(field).and_then(|v| v.as_facet())?;
    facet
        .rsplit(['\u{0}', '/'])
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl StoredArticle {
    pub fn read(fields: &Fields, doc: &TantivyDocument) -> StoredArticle {
        let text = |f| doc.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
        let published = doc
            .get_first(fields.published)
            .and_then(|v| v.as_datetime())
            .and_then(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)));
        StoredArticle {
            id: text(fields.id).unwrap_or_default(),
            title: text(fields.title).unwrap_or_default(),
            body: text(fields.body).unwrap_or_default(),
            url: text(fields.url),
            source: text(fields.source),
            origin: text(fields.origin).unwrap_or_default(),
            published,
            province: facet_leaf(doc, fields.province),
            province_old: facet_leaf(doc, fields.province_old),
            unit_type: facet_leaf(doc, fields.unit).map(|u| {
                if u == "other" {
                    "party_committee_other".to_owned()
                } else {
                    u
                }
            }),
            unit_name: text(fields.unit_name),
            term: text(fields.term),
            congress_number: doc
                .get_first(fields.congress_number)
                .and_then(|v| v.as_u64()),
            evidence: text(fields.evidence),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unaccented_articles_are_recognised() {
        let plain = "dai hoi dang bo phuong bach quang nhiem ky 2025 2030 da bau ban chap hanh gom 15 dong chi va bau 13 dai bieu";
        assert!(is_unaccented("Dai hoi", plain));
        let accented = "Đại hội Đảng bộ phường Bách Quang nhiệm kỳ 2025-2030 đã bầu Ban Chấp hành gồm 15 đồng chí và bầu 13 đại biểu";
        assert!(!is_unaccented("Đại hội", accented));
        assert!(!is_unaccented("", "2025 2030"), "too little text to tell");
    }
}
