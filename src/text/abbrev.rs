//! The abbreviations of Party and state news (UBND, HĐND, BCH, T.Ư, Đ/c, ...), read from
//! `index_schema/abbreviations.tsv`, matched on folded syllables.
//!
//! Both directions work on token sequences as the tokenizer writes them at
//! [`Level::Folded`]: a short form is one or more tokens ("UBND" is `ubnd`; "Đ/c" is `d c`;
//! "T.Ư" is `t u`; "KT-XH" is `kt xh`), and so is a long form ("Ủy ban nhân dân" is
//! `uy ban nhan dan`). A short form is named by its *key*: its folded tokens joined by one
//! space.
//!
//! How a caller matches short forms: run [`find_short_forms`] over the token sequence rather
//! than looking tokens up one by one, since a short form may span several tokens ("Đ/c",
//! "T.Ư", "TP.HCM"); each match gives its key for [`expansions_of`]. A short form that is
//! itself a Vietnamese syllable once folded ("TƯ" is `tu`, like tư, từ, tự) is never matched
//! on folded tokens; [`expansions_of_written`] reads it from the original spelling, where
//! capitals tell it apart.

use super::phonotactics::is_folded_syllable;
use super::tokenize::{syllables, Level};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The table, embedded so the binary and the index agree on it.
const SOURCE: &str = include_str!("../../index_schema/abbreviations.tsv");

/// How an abbreviation may be used (the `use` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The short form means only this: expand it, and let the long form bring it in.
    Both,
    /// The short form is ambiguous: expand it only.
    Expand,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    /// As printed: "Đ/c", "UBND".
    pub short: String,
    /// Folded tokens of the short form joined by spaces: "d c", "ubnd".
    pub key: String,
    /// As printed: "đồng chí".
    pub long: String,
    /// Folded tokens of the long form: `["dong", "chi"]`.
    pub long_tokens: Vec<String>,
    pub usage: Use,
    /// The key is one folded Vietnamese syllable ("TƯ" → `tu`), so folded text cannot tell
    /// the abbreviation from the word.
    pub word_like: bool,
}

/// A token sequence to look for, and the key it belongs to.
struct Pattern {
    tokens: Vec<String>,
    key: String,
}

struct Table {
    entries: Vec<Abbreviation>,
    /// Key → distinct expansions, in file order. Word-like keys are in `word_like` instead.
    by_key: HashMap<String, Vec<Vec<String>>>,
    word_like: HashMap<String, Vec<Vec<String>>>,
    /// Short forms to find, indexed by their first token.
    shorts: HashMap<String, Vec<Pattern>>,
    /// Long forms to find (those with a `both` short form), indexed by their first token,
    /// each with its preferred short key.
    longs: HashMap<String, Vec<Pattern>>,
    /// Lines that could not be read, with their line numbers; empty for the shipped table.
    /// Bad lines are skipped, not fatal; a unit test keeps the shipped table free of them.
    #[cfg_attr(not(test), allow(dead_code))]
    errors: Vec<(usize, String)>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table::parse(SOURCE));

fn folded_tokens(text: &str) -> Vec<String> {
    syllables(text, Level::Folded)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// Reads one data line: `short<TAB>long<TAB>use`.
fn parse_line(line: &str) -> Result<Abbreviation, String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    let [short, long, usage] = fields[..] else {
        return Err(format!(
            "expected 3 tab-separated fields, found {}",
            fields.len()
        ));
    };
    let usage = match usage {
        "both" => Use::Both,
        "expand" => Use::Expand,
        other => return Err(format!("unknown use {other:?}")),
    };
    let short_tokens = folded_tokens(short);
    let long_tokens = folded_tokens(long);
    if short_tokens.is_empty() || long_tokens.is_empty() {
        return Err("empty short or long form".to_string());
    }
    let word_like = short_tokens.len() == 1 && is_folded_syllable(&short_tokens[0]);
    Ok(Abbreviation {
        short: short.to_string(),
        key: short_tokens.join(" "),
        long: long.to_string(),
        long_tokens,
        usage,
        word_like,
    })
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn add_pattern(index: &mut HashMap<String, Vec<Pattern>>, tokens: Vec<String>, key: &str) {
    let Some(first) = tokens.first().cloned() else {
        return;
    };
    let patterns = index.entry(first).or_default();
    if !patterns.iter().any(|p| p.tokens == tokens) {
        patterns.push(Pattern {
            tokens,
            key: key.to_string(),
        });
    }
}

impl Table {
    fn parse(source: &str) -> Table {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (n, line) in source.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line == "short\tlong\tuse" {
                continue;
            }
            match parse_line(line) {
                Ok(entry) => entries.push(entry),
                Err(e) => errors.push((n + 1, e)),
            }
        }

        let mut by_key: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut word_like: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut shorts = HashMap::new();
        let mut longs = HashMap::new();
        for e in &entries {
            let map = if e.word_like {
                &mut word_like
            } else {
                &mut by_key
            };
            push_unique(map.entry(e.key.clone()).or_default(), e.long_tokens.clone());
            if e.word_like {
                continue;
            }
            let short_tokens = e.key.split(' ').map(str::to_string).collect();
            add_pattern(&mut shorts, short_tokens, &e.key);
            // The first `both` line of a long form wins: add_pattern keeps the first key.
            if e.usage == Use::Both {
                add_pattern(&mut longs, e.long_tokens.clone(), &e.key);
            }
        }
        Table {
            entries,
            by_key,
            word_like,
            shorts,
            longs,
            errors,
        }
    }
}

/// Every abbreviation in the table, in file order.
pub fn entries() -> &'static [Abbreviation] {
    &TABLE.entries
}

/// The expansions of a short form given by its key (folded tokens joined by spaces), as
/// folded token lists: `"ubnd"` → `[["uy", "ban", "nhan", "dan"]]`, `"tt"` → thường trực and
/// thị trấn. Empty for unknown keys and for word-like short forms (see
/// [`expansions_of_written`]).
pub fn expansions_of(short_folded: &str) -> &'static [Vec<String>] {
    TABLE
        .by_key
        .get(short_folded)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The expansions of a short form as written in the text or query ("UBND", "T.Ư", "Tp.",
/// "TƯ"). A short form that folds to a Vietnamese syllable ("TƯ" → `tu`) counts only when
/// every letter is a capital, so "TƯ" is Trung ương but "Tư" and "tư" are not.
pub fn expansions_of_written(written: &str) -> &'static [Vec<String>] {
    let key = folded_tokens(written).join(" ");
    if let Some(found) = TABLE.by_key.get(&key) {
        return found;
    }
    let letters = written.chars().filter(|c| c.is_alphabetic());
    let capitals = letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase);
    match TABLE.word_like.get(&key) {
        Some(found) if capitals => found,
        _ => &[],
    }
}

/// Every occurrence of a pattern in `tokens`, as (start, end, key), ordered by start, then
/// end. Overlapping and nested matches are all reported.
fn find(
    index: &'static HashMap<String, Vec<Pattern>>,
    tokens: &[&str],
) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    for (start, &first) in tokens.iter().enumerate() {
        let Some(patterns) = index.get(first) else {
            continue;
        };
        for p in patterns {
            let end = start + p.tokens.len();
            let matches = tokens
                .get(start..end)
                .is_some_and(|window| window.iter().zip(&p.tokens).all(|(a, b)| *a == b));
            if matches {
                found.push((start, end, p.key.as_str()));
            }
        }
    }
    found.sort_unstable();
    found
}

/// Long forms inside a folded token sequence, as (start, end, preferred short key), so the
/// short form can be indexed or searched beside the long one: "Ủy ban nhân dân" →
/// `(i, i + 4, "ubnd")`. Only long forms with an unambiguous (`both`) short form are found.
/// Nested matches are all reported ("Ban Chấp hành Trung ương" gives `bch`, `bchtw` and `tw`),
/// ordered by start, then end.
pub fn find_long_forms(tokens: &[&str]) -> Vec<(usize, usize, &'static str)> {
    find(&TABLE.longs, tokens)
}

/// Short forms inside a folded token sequence, as (start, end, key) for [`expansions_of`]:
/// "HĐND-UBND TP.HCM" (tokens `hdnd ubnd tp hcm`) gives `hdnd`, `ubnd`, `tp`, `tp hcm` and
/// `hcm`. Word-like short forms ("TƯ") are not found here.
pub fn find_short_forms(tokens: &[&str]) -> Vec<(usize, usize, &'static str)> {
    find(&TABLE.shorts, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str) -> Vec<String> {
        folded_tokens(text)
    }

    fn longs(text: &str) -> Vec<(usize, usize, &'static str)> {
        let t = toks(text);
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        find_long_forms(&refs)
    }

    fn shorts(text: &str) -> Vec<(usize, usize, &'static str)> {
        let t = toks(text);
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        find_short_forms(&refs)
    }

    fn v(words: &[&[&str]]) -> Vec<Vec<String>> {
        words
            .iter()
            .map(|w| w.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_shipped_table_parses_cleanly() {
        assert_eq!(TABLE.errors, []);
        assert!(entries().len() > 100);
        for e in entries() {
            // Every short form is shorter than its expansion and no short form is a plain
            // word except the ones we know.
            assert!(e.key.len() < e.long_tokens.join(" ").len(), "{}", e.short);
            assert_eq!(e.word_like, e.short == "TƯ", "{}", e.short);
        }
    }

    #[test]
    fn expansions() {
        assert_eq!(expansions_of("ubnd"), v(&[&["uy", "ban", "nhan", "dan"]]));
        assert_eq!(expansions_of("hdnd"), v(&[&["hoi", "dong", "nhan", "dan"]]));
        assert_eq!(
            expansions_of("tt"),
            v(&[&["thuong", "truc"], &["thi", "tran"]])
        );
        assert_eq!(expansions_of("dh"), v(&[&["dai", "hoi"], &["dai", "hoc"]]));
        assert_eq!(expansions_of("d c"), v(&[&["dong", "chi"]]));
        assert_eq!(expansions_of("t u"), v(&[&["trung", "uong"]]));
        assert_eq!(expansions_of("tw"), v(&[&["trung", "uong"]]));
        assert_eq!(expansions_of("tp"), v(&[&["thanh", "pho"]]));
        assert_eq!(expansions_of("kt xh"), v(&[&["kinh", "te", "xa", "hoi"]]));
        assert_eq!(
            expansions_of("khcn"),
            v(&[
                &["khoa", "hoc", "cong", "nghe"],
                &["khoa", "hoc", "va", "cong", "nghe"]
            ])
        );
        assert_eq!(
            expansions_of("bcht u"),
            v(&[&["ban", "chap", "hanh", "trung", "uong"]])
        );
        // Word-like and unknown keys.
        assert!(expansions_of("tu").is_empty());
        assert!(expansions_of("UBND").is_empty());
        assert!(expansions_of("").is_empty());
        assert!(expansions_of("xyz").is_empty());
    }

    #[test]
    fn written_expansions() {
        assert_eq!(expansions_of_written("TƯ"), v(&[&["trung", "uong"]]));
        assert!(expansions_of_written("Tư").is_empty());
        assert!(expansions_of_written("tư").is_empty());
        assert_eq!(expansions_of_written("T.Ư"), v(&[&["trung", "uong"]]));
        assert_eq!(expansions_of_written("Tp."), v(&[&["thanh", "pho"]]));
        assert_eq!(
            expansions_of_written("UBND"),
            v(&[&["uy", "ban", "nhan", "dan"]])
        );
        assert_eq!(
            expansions_of_written("ubnd"),
            v(&[&["uy", "ban", "nhan", "dan"]])
        );
        assert_eq!(expansions_of_written("Đ/c"), v(&[&["dong", "chi"]]));
        assert!(expansions_of_written("").is_empty());
        assert!(expansions_of_written("!!").is_empty());
    }

    #[test]
    fn long_forms() {
        assert_eq!(longs("Chủ tịch Uỷ ban nhân dân tỉnh"), [(2, 6, "ubnd")]);
        assert_eq!(
            longs("Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"),
            [
                (0, 3, "bch"),
                (0, 5, "bchtw"),
                (3, 5, "tw"),
                (5, 8, "dcs"),
                (5, 10, "dcsvn"),
                (6, 10, "csvn"),
                (8, 10, "vn"),
            ]
        );
        assert_eq!(longs("đồng chí Bí thư"), [(0, 2, "d c")]);
        assert_eq!(longs("phát triển kinh tế - xã hội"), [(2, 6, "kt xh")]);
        assert_eq!(
            longs("Thành phố Hồ Chí Minh"),
            [(0, 2, "tp"), (0, 5, "tp hcm"), (2, 5, "hcm")]
        );
        // Ambiguous short forms never come back from a long form.
        assert_eq!(longs("Thường trực Tỉnh ủy"), []);
        assert_eq!(longs("Đại hội đại biểu"), []);
        assert_eq!(longs("Đại hội"), []);
        assert_eq!(longs("Trung"), []);
        assert_eq!(longs(""), []);
    }

    #[test]
    fn short_forms() {
        assert_eq!(
            shorts("Đ/c Nguyễn Văn A, Chủ tịch HĐND-UBND TP.HCM"),
            [
                (0, 2, "d c"),
                (7, 8, "hdnd"),
                (8, 9, "ubnd"),
                (9, 10, "tp"),
                (9, 11, "tp hcm"),
                (10, 11, "hcm"),
            ]
        );
        assert_eq!(shorts("BCH T.Ư khóa IX"), [(0, 1, "bch"), (1, 3, "t u")]);
        assert_eq!(shorts("BCHT.Ư"), [(0, 2, "bcht u")]);
        assert_eq!(shorts("TT HĐND huyện"), [(0, 1, "tt"), (1, 2, "hdnd")]);
        assert_eq!(shorts("Ban Chấp hành TƯ"), []);
        assert_eq!(shorts("KT-XH"), [(0, 2, "kt xh")]);
        assert_eq!(shorts(""), []);
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let t =
            Table::parse("short\tlong\tuse\nA\n\tx\tboth\nAB\tan bình\tmaybe\nUB\tỦy ban\tboth\n");
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.errors.iter().map(|e| e.0).collect::<Vec<_>>(), [2, 3, 4]);
    }

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "uy", "ban", "nhan", "dan", "ubnd", "hdnd", "t", "u", "tw", "tp", "hcm", "d", "c",
                "dong", "chi", "trung", "uong", "kt", "xh", "kinh", "te", "xa", "hoi", "viet",
                "nam", "bcht", "",
            ])
            .prop_map(String::from),
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn matches_are_what_they_claim(tokens in prop::collection::vec(token(), 0..12)) {
            let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
            for (start, end, key) in find_short_forms(&refs) {
                prop_assert!(start < end && end <= refs.len());
                prop_assert_eq!(refs[start..end].join(" "), key);
                prop_assert!(!expansions_of(key).is_empty());
            }
            for (start, end, key) in find_long_forms(&refs) {
                prop_assert!(start < end && end <= refs.len());
                let long: Vec<String> = refs[start..end].iter().map(|t| t.to_string()).collect();
                prop_assert!(expansions_of(key).contains(&long), "{} {:?}", key, long);
            }
        }

        #[test]
        fn written_lookup_never_panics(s in any::<String>()) {
            let _ = expansions_of_written(&s);
            let _ = expansions_of(&s);
        }
    }
}
