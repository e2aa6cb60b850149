//! Articles to tantivy documents, and stored documents back to what a hit shows.

use super::schema::Fields;
use crate::corpus::Article;
use crate::extract::facets::{extract, FacetInput, Facets};
use crate::extract::Date;
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Facet, Field, OwnedValue};
use tantivy::{DateTime, TantivyDocument};

/// The tantivy document for an article. Title and body go into both matching levels.
/// Values are stored in the order added.
pub fn to_document(fields: &Fields, article: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.title_folded, &article.title);
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
    // Last, so that a hit shown without snippets is read without its body (see
    // [`StoredValues`]). Every document has exactly one.
    doc.add_text(fields.body, &article.body);
    doc
}

/// The facets of an article: read from its text, with its stated values first.
pub fn facets_of(article: &Article) -> Facets {
    extract(&FacetInput {
        title: &article.title,
        body: &article.body,
        url: article.url.as_deref(),
        source: article.source.as_deref(),
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
                // The answer is settled once the sample cannot stay under 2% marked; prose
                // with diacritics settles it within a line instead of 400 syllables.
                if accented * 50 >= SAMPLE {
                    return false;
                }
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
fn facet_leaf(facet: &str) -> Option<String> {
    // Stored facets are encoded with NUL separators; tolerate '/' too.
    facet
        .rsplit(['\u{0}', '/'])
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The body's field in the schema this program embeds, looked up by name. [`StoredValues`]
/// can tell the body only by its field, and tantivy's deserializer has no room for context.
pub fn embedded_body() -> Option<Field> {
    super::schema::embedded().ok().map(|s| s.fields.body)
}

/// A stored document's values in stored order, moved out of the store's bytes as they are
/// decoded (tantivy's own document copies each one again). Without `BODY`, the body is
/// left undecoded when it is the last value, as [`to_document`] stores it: a hit without
/// snippets does not show it, and decoding a body (checking the UTF-8 of kilobytes of text)
/// cost as much as the rest of a hit together. Documents stored with the body elsewhere
/// are read whole.
pub struct StoredValues<const BODY: bool>(pub Vec<(Field, OwnedValue)>);

impl<const BODY: bool> DocumentDeserialize for StoredValues<BODY> {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let body = embedded_body();
        // The store's deserializer knows exactly how many values the document holds.
        let count = deserializer.size_hint();
        let mut values = Vec::with_capacity(count);
        // Without a known body field, every value is read.
        let mut seen_body = body.is_none();
        while let Some(value) = match values.len() + 1 == count && !seen_body && !BODY {
            // The last value, and the body was not among the others: it is the body.
            true => None,
            false => deserializer.next_field::<OwnedValue>()?,
        } {
            seen_body |= Some(value.0) == body;
            values.push(value);
        }
        Ok(StoredValues(values))
    }
}

impl StoredArticle {
    pub fn read(fields: &Fields, doc: &TantivyDocument) -> StoredArticle {
        StoredArticle::from_values(
            fields,
            doc.field_values()
                .map(|(field, value)| (field, OwnedValue::from(value)))
                .collect(),
        )
    }

    /// The article of a document's stored values; where a field has several, the first.
    pub fn from_values(fields: &Fields, mut values: Vec<(Field, OwnedValue)>) -> StoredArticle {
        let mut take = |field: Field| {
            values
                .iter_mut()
                .find(|(f, _)| *f == field)
                .map(|(_, v)| std::mem::replace(v, OwnedValue::Null))
        };
        let mut text = |field| match take(field) {
            Some(OwnedValue::Str(s)) => Some(s),
            _ => None,
        };
        let id = text(fields.id).unwrap_or_default();
        let title = text(fields.title).unwrap_or_default();
        let body = text(fields.body).unwrap_or_default();
        let url = text(fields.url);
        let source = text(fields.source);
        let origin = text(fields.origin).unwrap_or_default();
        let unit_name = text(fields.unit_name);
        let term = text(fields.term);
        let evidence = text(fields.evidence);
        let mut facet = |field| match take(field) {
            Some(OwnedValue::Facet(f)) => facet_leaf(f.encoded_str()),
            _ => None,
        };
        let province = facet(fields.province);
        let province_old = facet(fields.province_old);
        let unit_type = facet(fields.unit).map(|u| {
            if u == "other" {
                "party_committee_other".to_owned()
            } else {
                u
            }
        });
        let published = match take(fields.published) {
            Some(OwnedValue::Date(d)) => {
                Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400))
            }
            _ => None,
        };
        let congress_number = match take(fields.congress_number) {
            Some(OwnedValue::U64(n)) => Some(n),
            _ => None,
        };
        StoredArticle {
            id,
            title,
            body,
            url,
            source,
            origin,
            published,
            province,
            province_old,
            unit_type,
            unit_name,
            term,
            congress_number,
            evidence,
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

    #[test]
    fn the_two_percent_line_is_drawn_on_the_first_400_syllables() {
        let text = |marked: usize, plain: usize| {
            let mut words = vec!["bầu"; marked];
            words.extend(vec!["dai"; plain]);
            words.join(" ")
        };
        // 7 marked in 400 is under 2%, 8 is not; marked syllables past the 400th are unread.
        assert!(is_unaccented("", &text(7, 393)));
        assert!(!is_unaccented("", &text(8, 392)));
        assert!(is_unaccented(
            "",
            &format!("{} {}", text(0, 400), text(50, 0))
        ));
        // Under 400 syllables, the share of what there is: 2 in 60 is over 2%.
        assert!(!is_unaccented("", &text(2, 58)));
        assert!(is_unaccented("", &text(1, 59)));
    }

    /// Stored values read back as tantivy's own document reads them; without the body
    /// only where it is stored last, and whole where it is not.
    #[test]
    fn stored_values_are_read_whole_or_without_a_last_body() {
        use crate::corpus::{Article, Origin};
        let schema = super::super::schema::embedded().unwrap();
        let fields = schema.fields;
        assert_eq!(Some(fields.body), embedded_body());
        let article = Article {
            id: "a1".to_owned(),
            title: "Đại hội Đảng bộ phường Phan Đình Phùng".to_owned(),
            body: "Đại hội Đảng bộ phường Phan Đình Phùng, tỉnh Thái Nguyên lần thứ I, nhiệm kỳ 2025 – 2030 đã bầu Ban Chấp hành.".to_owned(),
            url: Some("https://thainguyen.dcs.vn/tin/a1".to_owned()),
            published: Date::new(2025, 7, 30),
            source: Some("thainguyen.dcs.vn".to_owned()),
            stated: Default::default(),
            origin: Origin {
                path: "tin.jsonl".to_owned(),
                line: Some(4),
            },
        };
        let index = tantivy::Index::create_in_ram(schema.schema.clone());
        super::super::schema::register_analyzers(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let last = to_document(&fields, &article);
        // The layout of indexes written before the body was stored last.
        let mut third = TantivyDocument::default();
        for (field, value) in last.field_values() {
            if field == fields.title_folded {
                third.add_text(fields.body, &article.body);
            }
            if field != fields.body {
                third.add_field_value(field, &OwnedValue::from(value));
            }
        }
        writer.add_document(last).unwrap();
        writer.add_document(third).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        for doc in 0..2 {
            let address = tantivy::DocAddress::new(0, doc);
            let tantivy_doc: TantivyDocument = searcher.doc(address).unwrap();
            let expected = StoredArticle::read(&fields, &tantivy_doc);
            assert_eq!(expected.body, article.body);
            assert_eq!(expected.province.as_deref(), Some("Thái Nguyên"));
            assert!(expected.published.is_some() && expected.unit_type.is_some());
            let whole = searcher.doc::<StoredValues<true>>(address).unwrap();
            assert_eq!(StoredArticle::from_values(&fields, whole.0), expected);
            let without = searcher.doc::<StoredValues<false>>(address).unwrap();
            let read = StoredArticle::from_values(&fields, without.0);
            let body = if doc == 0 {
                String::new()
            } else {
                article.body.clone()
            };
            assert_eq!(
                read,
                StoredArticle {
                    body,
                    ..expected.clone()
                },
                "document {doc}"
            );
        }
    }
}
