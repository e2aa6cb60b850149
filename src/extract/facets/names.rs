//! The province names a filter accepts: a name typed by a user resolved to its province,
//! every name listed for `tracuu facets --values province`, and the nearest ones suggested
//! for a name that is none of them.

use super::gazetteer::{Gazetteer, Structure, Tier, GAZETTEER};
use super::places;
use super::scan::{Tokens, Zone};
use crate::text::{key, Level};

/// A province of the 34, with the other spellings and the old provinces a filter also
/// takes for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProvinceNames {
    pub name: String,
    /// Other spellings of the new province ("HCM", "TP.HCM").
    pub aliases: Vec<String>,
    /// The provinces of the 63 that went into it, each with its own other spellings.
    pub old: Vec<String>,
}

/// Every province of the 34, by code.
pub fn provinces() -> Vec<ProvinceNames> {
    let rows = Gazetteer::province_rows();
    let mut out: Vec<(u8, ProvinceNames)> = rows
        .iter()
        .filter(|row| row.0 == Structure::New)
        .map(|(_, code, name, _, aliases)| {
            let names = ProvinceNames {
                name: name.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                old: Vec::new(),
            };
            (*code, names)
        })
        .collect();
    for (_, _, name, new_code, aliases) in rows.iter().filter(|row| row.0 == Structure::Old) {
        if let Some((_, entry)) = out.iter_mut().find(|(c, _)| c == new_code) {
            entry.old.push(match aliases.is_empty() {
                true => name.to_string(),
                false => format!("{name} ({})", aliases.join(", ")),
            });
        }
    }
    out.sort_by_key(|(code, _)| *code);
    out.into_iter().map(|(_, names)| names).collect()
}

/// The province names nearest to `typed` (at most `n`), for "did you mean": by edit
/// distance between spellings without diacritics or spaces, within a quarter of the
/// name's length (at least 2).
pub fn nearest_provinces(typed: &str, n: usize) -> Vec<String> {
    let g = &*GAZETTEER;
    let squash = |s: &str| key(s, Level::Folded).replace(' ', "");
    let typed = squash(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let limit = (typed.chars().count() / 4).max(2);
    let mut scored: Vec<(usize, String)> = Vec::new();
    for place in g.places.iter().filter(|p| p.kind.tier() == Tier::Province) {
        let name = match place.structure {
            Structure::New => g
                .new_province(place.new_province)
                .map(|p| p.name.to_string()),
            Structure::Old => place
                .old_province
                .and_then(|c| g.old_province(c))
                .map(|p| p.name.to_string()),
        };
        let Some(name) = name else { continue };
        let d = distance(&typed, &squash(&place.exact));
        if d <= limit {
            scored.push((d, name));
        }
    }
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !out.contains(&name) && out.len() < n {
            out.push(name);
        }
    }
    out
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_34_provinces_with_the_63_merged_into_them() {
        let all = provinces();
        assert_eq!(all.len(), 34);
        let old: usize = all.iter().map(|p| p.old.len()).sum();
        assert_eq!(old, 63, "{all:#?}");
        let thai_nguyen = all.iter().find(|p| p.name == "Thái Nguyên").unwrap();
        assert!(
            thai_nguyen.old.iter().any(|o| o.starts_with("Bắc Kạn")),
            "{thai_nguyen:?}"
        );
        let hcm = all.iter().find(|p| p.name == "Hồ Chí Minh").unwrap();
        assert!(hcm.aliases.iter().any(|a| a == "HCM"), "{hcm:?}");
    }

    #[test]
    fn a_misspelt_province_gets_the_nearest_names() {
        assert_eq!(nearest_provinces("thai ngyen", 3), vec!["Thái Nguyên"]);
        assert_eq!(nearest_provinces("Quang Ngai", 1), vec!["Quảng Ngãi"]);
        assert!(nearest_provinces("Paris", 3).is_empty());
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}

/// A province name resolved for a filter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProvinceMatch {
    /// The province in the 34-province structure.
    pub province: String,
    /// The province of the 63-province structure the name denotes, if it names one.
    pub province_old: Option<String>,
    /// Whether the name is itself a province of the 34-province structure ("Thái Nguyên"),
    /// not only an old one merged into it ("Bắc Kạn"). A filter on a current name should
    /// match `province`; on an old-only name, `province_old`.
    pub current: bool,
}

/// Resolves a province name typed by a user: "Bắc Kạn", "bac kan", "Tỉnh Bắc Kạn" → new
/// province "Thái Nguyên" plus old "Bắc Kạn"; "TP. Hồ Chí Minh", "tphcm", "Hoà Bình".
pub fn resolve_province(name: &str) -> Option<ProvinceMatch> {
    let g = &*GAZETTEER;
    let normalized = crate::text::normalize(name);
    let tokens = Tokens::new(&normalized, Zone::Title, (0, 0));
    let skip = match places::type_word_at(&tokens, 0) {
        Some((places::TypeWord::Province | places::TypeWord::City, _, len)) => len,
        _ => 0,
    };
    let rest = tokens.tokens.get(skip..)?;
    let folded: Vec<&str> = rest.iter().map(|t| t.folded.as_str()).collect();
    let exact: Vec<&str> = rest.iter().map(|t| t.exact.as_str()).collect();
    let exact = exact.join(" ");
    let ascii: String = folded.concat();
    if g.lookup(&folded.join(" ")).is_empty() {
        // "hanoi", "thainguyen": a name typed without its spaces.
        let old = g.old_province(g.province_by_ascii(&ascii)?)?;
        let new = g.new_province(old.new_code)?;
        return Some(ProvinceMatch {
            province: new.name.to_string(),
            province_old: Some(old.name.to_string()),
            current: g.same_name(old.code, new.code),
        });
    }
    let provinces: Vec<u32> = g
        .lookup(&folded.join(" "))
        .iter()
        .copied()
        .filter(|&id| g.place(id).kind.tier() == Tier::Province)
        .collect();
    let ids = g.prefer_spelling(provinces, &exact);
    let first = g.place(*ids.first()?);
    if ids
        .iter()
        .any(|&id| g.place(id).new_province != first.new_province)
    {
        return None;
    }
    let mut olds: Vec<u8> = ids
        .iter()
        .filter_map(|&id| g.place(id).old_province)
        .collect();
    olds.sort_unstable();
    olds.dedup();
    Some(ProvinceMatch {
        province: g.new_province(first.new_province)?.name.to_string(),
        province_old: match olds[..] {
            [old] => g.old_province(old).map(|p| p.name.to_string()),
            _ => None,
        },
        current: ids
            .iter()
            .any(|&id| g.place(id).structure == Structure::New),
    })
}
