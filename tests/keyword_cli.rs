//! Keyword queries as people type them at the terminal: ranked by how the words stand
//! together, never empty while articles hold most of their words, pasted text that always
//! parses, repairs only of what cannot be meant as typed, and highlights of what matched.
//! Through the binary, against `sample_corpus/`.

mod common;

use common::*;
use std::collections::HashSet;

/// The ids of a search's first `n` hits.
fn first(args: &[&str], n: usize) -> Vec<String> {
    let limit = n.to_string();
    let mut all = vec!["--limit", limit.as_str(), "--no-snippets"];
    all.extend_from_slice(args);
    ids(&json_hits(sample_index(), &all))
}

/// The articles that hold the words together come first: the hits of the quoted phrase
/// are exactly the first hits of the plain query, whatever else holds the words apart.
#[test]
fn articles_holding_the_words_together_rank_first() {
    // How many queries also find articles that hold their words apart.
    let mut apart = 0;
    for query in [
        "ban chap hanh",
        "dai hoi dang bo",
        "nhiem ky 2020",
        "song cong",
        "thanh uy",
        "bi thu dang uy",
        "uy ban kiem tra",
    ] {
        let together: HashSet<String> = first(&["--", &format!("\"{query}\"")], 1000)
            .into_iter()
            .collect();
        assert!(!together.is_empty(), "{query}");
        let plain = first(&["--", query], 1000);
        apart += usize::from(plain.len() > together.len());
        let head: HashSet<String> = plain[..together.len()].iter().cloned().collect();
        assert_eq!(head, together, "{query}");
    }
    assert!(apart >= 3, "{apart}");
}

/// Question words are never required, and a query that no article holds whole fills the
/// page with the articles that hold most of its words, saying so.
#[test]
fn short_questions_never_come_back_empty() {
    let (code, out, err) = search(sample_index(), &["--json", "Thạch Quý ở đâu?"]);
    assert_eq!(code, 0, "{err}");
    let hits: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits[0]["id"], THACH_QUY, "{out}");

    let (code, out, err) = search(sample_index(), &["--json", "Bách Quang zzqxw"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("no article has all of “bách quang zzqxw”; showing those with most of them"),
        "{err}"
    );
    assert!(out.lines().next().unwrap().contains(BACH_QUANG), "{out}");

    // Only when no article holds any content word: no hits.
    let (code, _, err) = search(sample_index(), &["zzqxw qqzzx"]);
    assert_eq!(code, 1, "{err}");
}

/// "là", "gì" are scaffolding: the article that has the name comes first.
#[test]
fn function_words_do_not_outrank_content() {
    let (code, out, err) = search(sample_index(), &["--limit", "3", "APEC là gì?"]);
    assert_eq!(code, 0, "{err}");
    let first_hit = out.split("\n\n").next().unwrap();
    assert!(first_hit.contains("«APEC»"), "{out}");
}

/// Pasted titles parse: an unbalanced quote is punctuation, a dash before digits after a
/// word is part of a name; `-word` still excludes.
#[test]
fn pasted_text_never_fails_to_parse() {
    let (code, _, err) = search(sample_index(), &["--", "tiêu cực” trong ngành"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        err.contains("the unbalanced quote ” is read as punctuation"),
        "{err}"
    );
    let (code, _, err) = search(sample_index(), &["--", "đại hội \"Chi Lăng"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the unbalanced quote \" is read as punctuation"),
        "{err}"
    );

    assert_eq!(
        first(&["--", "Đại hội -27"], 20),
        first(&["Đại hội 27"], 20)
    );
    assert_eq!(
        first(&["--", "máy bay Su -27"], 20),
        first(&["máy bay Su 27"], 20)
    );
    let without = first(&["--", "phường -\"Chi Lăng\""], 100);
    assert!(!without.is_empty() && !without.contains(&CHI_LANG.to_owned()));
    assert!(first(&["phường"], 100).contains(&CHI_LANG.to_owned()));
    // A dash before anything but a word or a phrase excludes nothing.
    assert_eq!(
        first(&["--", "phường -( Chi Lăng"], 20),
        first(&["phường Chi Lăng"], 20)
    );
}

/// `OR` in capitals joins two words or phrases; `AND` is no operator at all; `NOT` excludes.
#[test]
fn or_and_not_are_operators_in_capitals() {
    let (code, out, err) = search(sample_index(), &["--limit", "100", "Chi Lăng OR Thạch Quý"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("searching for"), "{err}");
    let either: HashSet<String> = first(&["Chi Lăng OR Thạch Quý"], 100).into_iter().collect();
    let chi_lang: HashSet<String> = first(&["\"Chi Lăng\""], 1000).into_iter().collect();
    let thach_quy: HashSet<String> = first(&["\"Thạch Quý\""], 1000).into_iter().collect();
    assert!(
        either.contains(CHI_LANG) && either.contains(THACH_QUY),
        "{out}"
    );
    let both: HashSet<String> = chi_lang.union(&thach_quy).cloned().collect();
    assert_eq!(either, both);
    assert_eq!(
        first(&["đại hội AND Chi Lăng"], 20),
        first(&["đại hội Chi Lăng"], 20)
    );
    assert_eq!(
        first(&["--", "đại hội NOT xã"], 50),
        first(&["--", "đại hội -xã"], 50)
    );

    let (_, help, _) = {
        let out = tracuu(sample_index())
            .args(["search", "--help"])
            .output()
            .unwrap();
        (0, String::from_utf8(out.stdout).unwrap(), ())
    };
    assert!(help.contains("OR"), "{help}");
}

/// Words in capitals (Roman numerals, acronyms, operators) and words the index holds are
/// searched as typed, never "repaired".
#[test]
fn only_what_cannot_be_meant_as_typed_is_repaired() {
    for (query, never) in [
        ("Đại hội XIV", "xin"),
        ("lần thứ XX", "“xa”"),
        ("đại hội AND hội nghị", "“an”"),
        ("đại hội NOT hội nghị", "noi"),
        ("APEC là gì", "searching for"),
    ] {
        let (_, _, err) = search(sample_index(), &["--", query]);
        assert!(!err.contains(never), "{query}: {err}");
    }
    let (_, _, err) = search(sample_index(), &["lần thứ XX"]);
    assert!(err.contains("“XX” also as “20”"), "{err}");
    // What the index does not hold is still read as typed with Telex off.
    let (_, _, err) = search(sample_index(), &["ddaij hooij"]);
    assert!(err.contains("searching for “đại hội”"), "{err}");
}

/// An accented word marks only its own spelling; an unaccented one marks every spelling.
#[test]
fn highlights_follow_what_was_matched() {
    let (_, out, _) = search(sample_index(), &["--limit", "20", "vai trò"]);
    assert!(out.contains("«vai trò»"), "{out}");
    assert!(!out.contains("«trở»") && !out.contains("«trỏ»"), "{out}");
    let (_, out, _) = search(sample_index(), &["--limit", "20", "phường Chi Lăng"]);
    assert!(out.contains("«phường Chi Lăng»"), "{out}");
    assert!(!out.contains("«Lạng»"), "{out}");
    let (_, out, _) = search(sample_index(), &["--limit", "20", "chi lang"]);
    assert!(out.contains("«Chi Lăng»"), "{out}");
}
