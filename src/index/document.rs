//! Articles to tantivy documents, and stored documents back to what a hit shows.

use super::schema::Fields;
use crate::corpus::Article;
use crate::extract::Date;
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
    if let Some(date) = article.published {
        doc.add_date(fields.published, date_time(date));
    }
    doc
}

/// The value of the `unaccented` field on articles written without diacritics.
pub const UNACCENTED: &str = "yes";

/// Whether an article is written without diacritics: among its first syllables with letters,
/// fewer than 2% carry any (Vietnamese prose has them on most syllables).
pub fn is_unaccented(title: &str, body: &str) -> bool {
    const SAMPLE: usize = 400;
    let mut letters = 0usize;
    let mut accented = 0usize;
    for text in [title, body] {
        for s in crate::text::syllables(text, crate::text::Level::Exact) {
            if letters == SAMPLE {
                break;
            }
            if s.text.chars().any(char::is_alphabetic) {
                letters += 1;
                accented += usize::from(!s.text.is_ascii());
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
