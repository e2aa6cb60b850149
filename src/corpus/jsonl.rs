//! JSON Lines articles: one object per line with `id`, `title`, `body` (or `text`, `content`),
//! and optional `url`, `published`, `source`, `province`, `unit`, `term`. Unknown fields are
//! ignored.

use super::article::{Article, Origin, Stated};
use super::txt::clean_body;
use crate::extract::Date;
use crate::text::normalize;
use serde_json::Value;

/// An article read from one line, with a note when part of it was not usable.
#[derive(Debug)]
pub struct LineArticle {
    pub article: Article,
    pub warning: Option<String>,
}

/// Parses one line. `Err` says why the line cannot be indexed at all.
pub fn parse_line(line: &str, origin: Origin) -> Result<LineArticle, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".to_owned());
    };
    let mut notes = Vec::new();
    let mut field = |names: &[&str]| -> Result<Option<String>, String> {
        for name in names {
            match obj.get(*name) {
                None | Some(Value::Null) => continue,
                Some(v) => return scalar_text(name, v, &mut notes).map(Some),
            }
        }
        Ok(None)
    };
    let body = field(&["body", "text", "content"])?
        .ok_or("no `body` (nor `text`, `content`) field".to_owned())?;
    let title = field(&["title"])?.unwrap_or_default();
    let id = field(&["id"])?;
    let url = field(&["url"])?.filter(|u| !u.trim().is_empty());
    let published_text = field(&["published"])?;
    let source = field(&["source"])?;
    let stated = Stated {
        province: field(&["province"])?,
        unit: field(&["unit"])?,
        term: field(&["term"])?,
    };
    let published = match published_text.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let date = Date::parse_iso(text);
            if date.is_none() {
                notes.push(format!(
                    "`published` {text:?} is not an ISO 8601 date; ignored"
                ));
            }
            date
        }
    };
    let body = clean_body(normalize(&body).lines());
    let title = normalize(title.trim()).replace('\n', " ");
    if title.trim().is_empty() && body.is_empty() {
        return Err("empty `title` and `body`".to_owned());
    }
    let id = id
        .filter(|i| !i.trim().is_empty())
        .or_else(|| url.clone())
        .unwrap_or_else(|| origin.to_string());
    Ok(LineArticle {
        article: Article {
            id: id.trim().to_owned(),
            title,
            body,
            url: url.map(|u| u.trim().to_owned()),
            published,
            source,
            stated,
            origin,
        },
        warning: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

/// A field's text. Numbers and booleans are accepted as their text (an id of `42` is common)
/// and noted; arrays and objects make the line unusable.
fn scalar_text(name: &str, value: &Value, notes: &mut Vec<String>) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => {
            if name != "id" {
                notes.push(format!("`{name}` is a number; used as text"));
            }
            Ok(n.to_string())
        }
        Value::Bool(b) => {
            notes.push(format!("`{name}` is a boolean; used as text"));
            Ok(b.to_string())
        }
        Value::Array(_) | Value::Object(_) => {
            Err(format!("`{name}` must be a string, found {}", kind(value)))
        }
        Value::Null => Ok(String::new()),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
        _ => "a scalar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(line: usize) -> Origin {
        Origin {
            path: "a/b.jsonl".into(),
            line: Some(line),
        }
    }

    #[test]
    fn reads_fields_and_aliases() {
        let l = parse_line(
            r#"{"id":"x1","title":"Đại hội","text":"Nội dung\n\nNội dung\nZalo","url":"https://baolangson.vn/a","published":"2025-01-16T08:00:00+07:00","extra":[1,2]}"#,
            origin(3),
        )
        .unwrap();
        assert_eq!(l.article.id, "x1");
        assert_eq!(l.article.title, "Đại hội");
        assert_eq!(l.article.body, "Nội dung");
        assert_eq!(l.article.published, Date::new(2025, 1, 16));
        assert_eq!(l.warning, None);
    }

    #[test]
    fn id_falls_back_to_url_then_origin() {
        let by_url = parse_line(
            r#"{"title":"t","body":"b","url":"https://x.vn/1"}"#,
            origin(1),
        )
        .unwrap();
        assert_eq!(by_url.article.id, "https://x.vn/1");
        let by_origin = parse_line(r#"{"title":"t","body":"b"}"#, origin(7)).unwrap();
        assert_eq!(by_origin.article.id, "a/b.jsonl:7");
        let numeric = parse_line(r#"{"id":42,"title":"t","body":"b"}"#, origin(1)).unwrap();
        assert_eq!(numeric.article.id, "42");
        assert_eq!(numeric.warning, None);
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(parse_line("{not json", origin(1))
            .unwrap_err()
            .starts_with("malformed JSON"));
        assert_eq!(
            parse_line("[1]", origin(1)).unwrap_err(),
            "not a JSON object"
        );
        assert_eq!(
            parse_line(r#"{"title":"t"}"#, origin(1)).unwrap_err(),
            "no `body` (nor `text`, `content`) field"
        );
        assert_eq!(
            parse_line(r#"{"title":{"a":1},"body":"b"}"#, origin(1)).unwrap_err(),
            "`title` must be a string, found an object"
        );
    }

    #[test]
    fn odd_but_usable_values_are_noted() {
        let l = parse_line(
            r#"{"title":2025,"body":"b","published":"hôm qua"}"#,
            origin(1),
        )
        .unwrap();
        assert_eq!(l.article.title, "2025");
        assert_eq!(l.article.published, None);
        assert_eq!(
            l.warning.as_deref(),
            Some("`title` is a number; used as text; `published` \"hôm qua\" is not an ISO 8601 date; ignored")
        );
    }
}
