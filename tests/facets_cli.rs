//! End-to-end: facets read from the sample articles, filters, counts, export and explain.

mod common;

use common::*;
use std::collections::HashMap;

fn exported() -> HashMap<String, serde_json::Value> {
    let out = tracuu(sample_index()).arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_owned(), v)
        })
        .collect()
}

#[test]
fn the_seeds_get_their_facets() {
    let docs = exported();
    assert_eq!(docs.len(), 147);
    let expect = [
        (
            BACH_QUANG,
            Some("Thái Nguyên"),
            Some("ward"),
            Some("2025-2030"),
        ),
        (CHI_LANG, Some("Lạng Sơn"), Some("ward"), Some("2025-2030")),
        (THACH_QUY, Some("Hà Tĩnh"), Some("ward"), Some("2020-2025")),
        (ROUNDUP, Some("Thái Nguyên"), None, Some("2025-2030")),
        (QUANG_TRUNG, None, Some("cell"), Some("2022-2025")),
    ];
    for (id, province, unit, term) in expect {
        let d = &docs[id];
        assert_eq!(d["province"].as_str(), province, "{id}");
        if unit.is_some() {
            assert_eq!(d["unit_type"].as_str(), unit, "{id}");
        }
        assert_eq!(d["term"].as_str(), term, "{id}");
    }
    assert_eq!(docs[BACH_QUANG]["congress_number"], 24);
    assert_eq!(docs[CHI_LANG]["congress_number"], 17);
}

#[test]
fn filters_combine() {
    let hits = json_hits(
        sample_index(),
        &[
            "--province",
            "thai nguyen",
            "--unit",
            "ward",
            "--term",
            "2025 - 2030",
            "đại hội",
        ],
    );
    assert_eq!(ids(&hits), [BACH_QUANG]);
    assert_eq!(hits[0]["province"], "Thái Nguyên");
    assert_eq!(hits[0]["unit_type"], "ward");
    assert_eq!(hits[0]["unit_name"], "phường Bách Quang");
    assert_eq!(hits[0]["term"], "2025-2030");
    assert_eq!(hits[0]["congress_number"], 24);

    let grassroots = ids(&json_hits(
        sample_index(),
        &["--unit", "grassroots", "--limit", "50", "đại hội"],
    ));
    assert!(
        grassroots.contains(&QUANG_TRUNG.to_owned()),
        "cells are grassroots units"
    );
    assert!(grassroots.contains(&CHI_LANG.to_owned()));

    let dated = ids(&json_hits(
        sample_index(),
        &[
            "--since",
            "2025-01-01",
            "--until",
            "2025-12-31",
            "--limit",
            "50",
            "đảng",
        ],
    ));
    assert!(dated.contains(&ROUNDUP.to_owned()) && dated.contains(&BACH_QUANG.to_owned()));
    assert!(!dated.contains(&QUANG_TRUNG.to_owned()), "published 2022");
}

#[test]
fn bad_filters_are_errors() {
    for args in [
        ["--province", "Atlantis"],
        ["--unit", "galaxy"],
        ["--term", "mới"],
        ["--since", "19-01-2025"],
    ] {
        let (code, _, stderr) = search(sample_index(), &[args[0], args[1], "đảng"]);
        assert_eq!(code, 2, "{args:?}");
        assert!(!stderr.contains("panicked"));
        // Each error names the value and where the accepted ones are listed or shown.
        assert!(stderr.contains(args[1]), "{stderr}");
        let hint = ["--values", "write 2025", "use national"];
        assert!(hint.iter().any(|h| stderr.contains(h)), "{stderr}");
    }
}

#[test]
fn facet_counts_for_results_and_the_whole_index() {
    let out = tracuu(sample_index())
        .args(["facets", "--json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all["total"], 147);
    let provinces: HashMap<String, u64> = all["province"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_u64().unwrap()))
        .collect();
    assert!(provinces["Thái Nguyên"] >= 2);
    assert!(!provinces.contains_key(""));
    // Unit types as a tree: no article twice in one list, the grassroots units under
    // their sum.
    let counts = |key: &str| -> HashMap<String, u64> {
        all[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_u64().unwrap()))
            .collect()
    };
    let (units, grassroots) = (counts("unit_type"), counts("grassroots"));
    assert!(units.values().sum::<u64>() <= 147, "{units:?}");
    assert!(
        !units.contains_key("ward") && !units.contains_key("cell"),
        "{units:?}"
    );
    assert_eq!(
        units["grassroots"],
        grassroots.values().sum::<u64>(),
        "{grassroots:?}"
    );
    assert!(grassroots["ward"] >= 2, "{grassroots:?}");
    let text = tracuu(sample_index())
        .args(["facets", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let tree: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "unit type")
        .take_while(|l| !l.is_empty())
        .collect();
    let at = tree
        .iter()
        .position(|l| l.starts_with("  grassroots"))
        .unwrap();
    assert!(tree[at + 1].starts_with("    "), "{tree:?}");
    // Each facet's first-level counts and its unknown ones add up to the articles matched.
    let total: usize = text
        .lines()
        .next()
        .and_then(|l| l.strip_suffix(" articles"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    for facet in ["province", "unit type", "term"] {
        let block: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != facet)
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        let count = |l: &str| -> usize {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let at = fields.len() - 2;
            fields[at].parse().unwrap_or_else(|_| panic!("{l}"))
        };
        let known: usize = block
            .iter()
            .filter(|l| l.starts_with("  ") && !l.starts_with("    ") && l.contains('█'))
            .map(|l| count(l))
            .sum();
        let unknown: usize = block
            .iter()
            .find_map(|l| l.trim().strip_suffix(&format!(" without a known {facet}")))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{facet}: {block:?}"));
        assert!(known > 0, "{facet}: {block:?}");
        assert_eq!(known + unknown, total, "{facet}: {block:?}");
    }
    // No match: the count alone, and exit 1 as for a search without hits.
    let none = tracuu(sample_index())
        .args(["facets", "--color", "never", "xyzqqw"])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(String::from_utf8(none.stdout).unwrap(), "0 articles\n");

    let out = tracuu(sample_index())
        .args(["search", "--facets", "--color", "never", "Chi Lăng"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("province") && text.contains("Lạng Sơn") && text.contains('█'),
        "{text}"
    );
    // The counts stand apart from the hits' last line.
    let header = text.lines().position(|l| l.ends_with(" articles")).unwrap();
    assert!(
        text.lines().nth(header - 1) == Some("")
            && text
                .lines()
                .nth(header - 2)
                .is_some_and(|l| l.starts_with("hits ")),
        "{text}"
    );
}

#[test]
fn explain_shows_the_evidence() {
    let out = tracuu(sample_index())
        .args(["explain", QUANG_TRUNG])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("province:      unknown"), "{text}");
    assert!(
        text.contains("phường Quang Trung") && text.contains("not evidence"),
        "{text}"
    );
    let out = tracuu(sample_index())
        .args(["explain", "no-such-id"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// Facet counts used to run the query once per facet value: 64 × "TP" over 20,000 news
/// articles took 2.5 s with `--facets` and 0.13 s without. Now the query runs once and each
/// value's postings are read against its matches.
#[test]
fn facets_cost_about_one_search_however_long_the_query() {
    const PROVINCES: [&str; 33] = [
        "Hà Nội",
        "Hải Phòng",
        "Đà Nẵng",
        "Cần Thơ",
        "Huế",
        "Gia Lai",
        "Lâm Đồng",
        "Nghệ An",
        "Thanh Hóa",
        "Quảng Ninh",
        "Thái Nguyên",
        "Lạng Sơn",
        "Cao Bằng",
        "Điện Biên",
        "Lai Châu",
        "Sơn La",
        "Tuyên Quang",
        "Lào Cai",
        "Phú Thọ",
        "Bắc Ninh",
        "Hưng Yên",
        "Ninh Bình",
        "Hà Tĩnh",
        "Quảng Trị",
        "Quảng Ngãi",
        "Khánh Hòa",
        "Đắk Lắk",
        "Đồng Nai",
        "Tây Ninh",
        "Vĩnh Long",
        "Đồng Tháp",
        "An Giang",
        "Cà Mau",
    ];
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("a.jsonl"), dir.path().join("index"));
    // The sample's news articles 60 times over (8,520), with 33 provinces and 100 terms.
    let sample =
        std::fs::read_to_string(project_dir().join("sample_corpus/party_congress_sample.jsonl"))
            .unwrap();
    let articles: Vec<serde_json::Value> = sample
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut lines = Vec::new();
    for copy in 0..60 {
        for a in &articles {
            let i = lines.len();
            let from = 1930 + i % 100;
            lines.push(
                serde_json::json!({
                    "id": format!("{}-{copy}", a["id"].as_str().unwrap()),
                    "title": a["title"],
                    "body": a["body"],
                    "province": PROVINCES[i % PROVINCES.len()],
                    "term": format!("{from}-{}", from + 5),
                })
                .to_string(),
            );
        }
    }
    std::fs::write(&src, lines.join("\n") + "\n").unwrap();
    tracuu(&index).arg("index").arg(&src).assert().success();
    let query = "TP ".repeat(64);
    let timed = |facets: bool| {
        let started = std::time::Instant::now();
        let mut cmd = tracuu(&index);
        cmd.args(["search", "--no-snippets"]);
        if facets {
            cmd.arg("--facets");
        }
        let out = cmd.args(["--", &query]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        (started.elapsed(), String::from_utf8(out.stdout).unwrap())
    };
    let (plain, _) = timed(false);
    let (with_facets, shown) = timed(true);
    assert!(shown.contains("Cao Bằng"), "{shown}");
    // The counts: each matching article once per province and once per term. (As data
    // they come from `tracuu facets`: `search --json` prints only hits.)
    let out = tracuu(&index)
        .args(["facets", "--json", "--", &query])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let counts: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let total = counts["total"].as_u64().unwrap();
    assert!(total > 1000, "{counts}");
    for (facet, values) in [("province", 33), ("term", 100)] {
        let list = counts[facet].as_array().unwrap();
        assert_eq!(list.len(), values, "{counts}");
        let sum: u64 = list.iter().map(|v| v[1].as_u64().unwrap()).sum();
        assert_eq!(sum, total, "{facet}: {counts}");
    }
    let allowed = plain * 10 + std::time::Duration::from_secs(1);
    assert!(
        with_facets <= allowed,
        "--facets took {with_facets:?}, without {plain:?}"
    );
}
