//! Facet and date filters: `--province`, `--unit`, `--term`, `--since`, `--until`. They
//! combine (all must hold) and do not change scores.

use crate::extract::facets::{resolve_province, UnitType};
use crate::extract::Date;
use crate::index::document::date_time;
use crate::index::Fields;
use std::ops::Bound;
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;
use thiserror::Error;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub province: Option<String>,
    pub unit: Option<String>,
    pub term: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filters {
    /// Whether a date bound is given (`--since`, `--until`).
    pub fn by_date(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FilterError {
    #[error("unknown province {name:?}{}: give a province of the 34 (since July 2025) or of the 63 before; `tracuu facets --values province` lists them", did_you_mean(.nearest))]
    UnknownProvince { name: String, nearest: Vec<String> },
    #[error("unknown unit type {0:?}: use national, province, district, grassroots, commune, ward, township, cell or party_committee_other")]
    UnknownUnit(String),
    #[error("term {0:?} is not of the form 2025-2030; `tracuu facets --values term` lists the terms the index has")]
    BadTerm(String),
}

fn did_you_mean(nearest: &[String]) -> String {
    match nearest {
        [] => String::new(),
        names => format!(" (did you mean {}?)", names.join(" or ")),
    }
}

/// Names a filter takes that the gazetteer does not hold, as they would mislead in facet
/// extraction ("Sài Gòn" also names a paper, a beer, a river): only a filter reads them.
const FILTER_ALIASES: [(&str, &str); 2] = [("sai gon", "Hồ Chí Minh"), ("saigon", "Hồ Chí Minh")];

/// A province name typed for a filter: the gazetteer's names, then [`FILTER_ALIASES`].
fn province(name: &str) -> Result<crate::extract::facets::ProvinceMatch, FilterError> {
    let folded = crate::text::key(name, crate::text::Level::Folded);
    let alias = FILTER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == folded)
        .map(|(_, province)| *province);
    resolve_province(alias.unwrap_or(name)).ok_or_else(|| FilterError::UnknownProvince {
        name: name.to_owned(),
        nearest: crate::extract::facets::names::nearest_provinces(name, 3),
    })
}

/// The facet path a `--unit` value selects.
fn unit_path(value: &str) -> Result<String, FilterError> {
    if value.trim().eq_ignore_ascii_case("grassroots") {
        return Ok("/grassroots".to_owned());
    }
    value
        .parse::<UnitType>()
        .map(UnitType::facet_path)
        .map_err(|_| FilterError::UnknownUnit(value.to_owned()))
}

/// "2025-2030", "2025 - 2030", "2025–2030" → "2025-2030".
pub fn normalize_term(value: &str) -> Result<String, FilterError> {
    let years: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    match years.as_slice() {
        [a, b] if a.len() == 4 && b.len() == 4 && a < b => Ok(format!("{a}-{b}")),
        _ => Err(FilterError::BadTerm(value.to_owned())),
    }
}

fn facet_query(field: tantivy::schema::Field, path: &str) -> Box<dyn Query> {
    let facet = Facet::from_path(path.split('/').filter(|s| !s.is_empty()));
    Box::new(TermQuery::new(
        Term::from_facet(field, &facet),
        IndexRecordOption::Basic,
    ))
}

/// The queries every hit must also match.
pub fn filter_queries(
    filters: &Filters,
    fields: &Fields,
) -> Result<Vec<Box<dyn Query>>, FilterError> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if let Some(name) = &filters.province {
        let m = province(name)?;
        match (m.current, &m.province_old) {
            (false, Some(old)) => out.push(facet_query(fields.province_old, old)),
            _ => out.push(facet_query(fields.province, &m.province)),
        }
    }
    if let Some(unit) = &filters.unit {
        out.push(facet_query(fields.unit, &unit_path(unit)?));
    }
    if let Some(term) = &filters.term {
        let t = normalize_term(term)?;
        out.push(Box::new(TermQuery::new(
            Term::from_field_text(fields.term, &t),
            IndexRecordOption::Basic,
        )));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let bound = |d: Option<Date>, inclusive: fn(Term) -> Bound<Term>| {
            d.map(|d| inclusive(Term::from_field_date(fields.published, date_time(d))))
                .unwrap_or(Bound::Unbounded)
        };
        out.push(Box::new(RangeQuery::new(
            bound(filters.since, Bound::Included),
            bound(filters.until, Bound::Included),
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_units_parse() {
        assert_eq!(normalize_term("2025 - 2030").unwrap(), "2025-2030");
        assert_eq!(normalize_term("2020–2025").unwrap(), "2020-2025");
        assert!(normalize_term("2030-2025").is_err());
        assert!(normalize_term("nhiệm kỳ mới").is_err());
        assert_eq!(unit_path("ward").unwrap(), "/grassroots/ward");
        assert_eq!(unit_path("phường").unwrap(), "/grassroots/ward");
        assert_eq!(unit_path("grassroots").unwrap(), "/grassroots");
        assert!(unit_path("galaxy").is_err());
    }

    #[test]
    fn provinces_typed_every_way_people_do() {
        for (typed, want) in [
            ("hanoi", "Hà Nội"),
            ("Sài Gòn", "Hồ Chí Minh"),
            ("saigon", "Hồ Chí Minh"),
            ("thainguyen", "Thái Nguyên"),
            ("TP.HCM", "Hồ Chí Minh"),
        ] {
            assert_eq!(
                province(typed).map(|m| m.province),
                Ok(want.to_owned()),
                "{typed}"
            );
        }
        let unknown = province("thai ngyen").unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown province \"thai ngyen\" (did you mean Thái Nguyên?): give a province of the 34 (since July 2025) or of the 63 before; `tracuu facets --values province` lists them"
        );
    }
}
