//! End-to-end: the real binary searching the sample corpus.

mod common;

use common::*;
use unicode_normalization::UnicodeNormalization;

#[test]
fn unaccented_query_ranks_the_bach_quang_seed_first() {
    let hits = json_hits(sample_index(), &["dai hoi dang bo phuong bach quang"]);
    assert_eq!(ids(&hits)[0], BACH_QUANG);
}

#[test]
fn both_tone_placements_and_no_diacritics_find_the_quang_trung_seed() {
    // The seed writes "Thành uỷ"; the queries write "ủy" or nothing.
    for q in ["Thành ủy", "thanh uy", "Thành uỷ"] {
        let hits = json_hits(sample_index(), &["--limit", "100", q]);
        assert!(
            ids(&hits).contains(&QUANG_TRUNG.to_owned()),
            "{q}: {:?}",
            ids(&hits)
        );
    }
}

#[test]
fn chi_lang_is_found_and_highlighted_as_written() {
    let hits = json_hits(sample_index(), &["chi lang"]);
    assert_eq!(ids(&hits)[0], CHI_LANG);
    let marked: Vec<String> = hits[0]["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            let chars: Vec<char> = s["text"].as_str().unwrap().chars().collect();
            s["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    let (a, b) = (
                        h[0].as_u64().unwrap() as usize,
                        h[1].as_u64().unwrap() as usize,
                    );
                    chars[a..b].iter().collect::<String>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(marked.contains(&"Chi Lăng".to_owned()), "{marked:?}");
}

#[test]
fn term_ranges_are_found_with_any_dash() {
    for q in [
        "\"nhiệm kỳ 2020 - 2025\"",
        "2020-2025",
        "\"nhiệm kỳ 2020 – 2025\"",
    ] {
        let hits = json_hits(sample_index(), &[q]);
        assert!(
            ids(&hits).contains(&THACH_QUY.to_owned()),
            "{q}: {:?}",
            ids(&hits)
        );
    }
    let hits = json_hits(sample_index(), &["--limit", "200", "2025"]);
    assert!(ids(&hits).contains(&THACH_QUY.to_owned()));
}

#[test]
fn nfd_queries_give_the_same_hits_as_nfc() {
    for q in [
        "Đại hội Đảng bộ phường",
        "Thành ủy",
        "\"Ban Chấp hành\" nhiệm kỳ",
    ] {
        let nfd: String = q.nfd().collect();
        assert_ne!(nfd, q);
        let a = json_hits(sample_index(), &[q]);
        let b = json_hits(sample_index(), &[&nfd]);
        assert!(!a.is_empty());
        assert_eq!(ids(&a), ids(&b), "{q}");
    }
}

#[test]
fn site_chrome_is_not_indexed() {
    // Quoted: a keyword query would fill its page with articles holding most of its words.
    let (code, stdout, _) = search(sample_index(), &["\"tỷ giá ngoại tệ\""]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("no hits"));
    let (code, _, _) = search(sample_index(), &["\"thống kê truy cập\""]);
    assert_eq!(code, 1);
}

#[test]
fn exact_diacritics_rank_above_other_spellings() {
    // "Chi bộ" (Party cell) typed with diacritics: the Quang Trung seed is about one.
    let hits = json_hits(sample_index(), &["Chi bộ khu 5B"]);
    assert_eq!(ids(&hits)[0], QUANG_TRUNG);
}

#[test]
fn json_lines_follow_the_documented_format() {
    let hits = json_hits(sample_index(), &["--limit", "3", "Đại hội"]);
    assert_eq!(hits.len(), 3);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"].as_u64(), Some(i as u64 + 1));
        assert!(h["id"].is_string());
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["title"].is_string());
        assert!(h["url"].is_string() || h["url"].is_null());
        assert!(h["published"].is_string() || h["published"].is_null());
        assert!(h["title_highlights"].is_array());
        for s in h["snippets"].as_array().unwrap() {
            let len = s["text"].as_str().unwrap().chars().count() as u64;
            for r in s["highlights"].as_array().unwrap() {
                let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                assert!(a < b && b <= len);
            }
        }
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn paging_continues_the_ranking() {
    let all = ids(&json_hits(sample_index(), &["--limit", "6", "đảng bộ"]));
    let second = json_hits(
        sample_index(),
        &["--limit", "3", "--offset", "3", "đảng bộ"],
    );
    assert_eq!(ids(&second), all[3..]);
    assert_eq!(second[0]["rank"].as_u64(), Some(4));
}

#[test]
fn dateline_dates_are_shown() {
    let hits = json_hits(sample_index(), &["Thần Sa Gia Sàng An Khánh"]);
    assert_eq!(ids(&hits)[0], ROUNDUP);
    assert_eq!(hits[0]["published"], "2025-09-15");
}

#[test]
fn exclusions_remove_documents() {
    let with = ids(&json_hits(
        sample_index(),
        &["--limit", "200", "phường Chi Lăng"],
    ));
    assert!(with.contains(&CHI_LANG.to_owned()));
    let without = ids(&json_hits(
        sample_index(),
        &["--limit", "200", "--", "phường -\"Chi Lăng\""],
    ));
    assert!(!without.contains(&CHI_LANG.to_owned()));
    assert!(!without.is_empty());
}

#[test]
fn malformed_queries_get_one_line_errors_and_exit_2() {
    for q in ["", "  ", "\"", "?!", "-"] {
        let (code, stdout, stderr) = search(sample_index(), &["--", q]);
        assert_eq!(code, 2, "{q:?}: {stdout}");
        assert_eq!(stderr.trim().lines().count(), 1, "{q:?}: {stderr}");
        assert!(stderr.starts_with("tracuu: "), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn hostile_queries_never_crash() {
    let long = "đại hội ".repeat(1500);
    for q in [
        long.as_str(),
        "\u{1b}[2J\u{7}",
        "\u{0301}\u{0301}",
        "\u{FEFF}\u{200B}",
        "𝔡𝔞𝔦 𝔥𝔬𝔦",
        "ﷺ ॐ 中文",
        "a-b-c-d-e-f",
    ] {
        let (code, _, stderr) = search(sample_index(), &["--", q]);
        assert!(code <= 2, "{q:?}");
        assert!(!stderr.contains("panicked"), "{q:?}: {stderr}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, plain, _) = search(sample_index(), &["chi lang"]);
    assert!(!plain.contains('\u{1b}'), "a pipe gets no colour");
    assert!(
        plain.contains("«Chi Lăng»"),
        "matches are still marked without colour"
    );
    let (_, coloured, _) = search(sample_index(), &["--color", "always", "chi lang"]);
    assert!(coloured.contains("\u{1b}[1;31mChi Lăng\u{1b}[0m"));
    let (_, never, _) = search(sample_index(), &["--color", "never", "chi lang"]);
    assert!(!never.contains('\u{1b}'));
    let out = tracuu(sample_index())
        .env("NO_COLOR", "1")
        .args(["search", "chi lang"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn batch_mode_prints_hits_per_query_and_one_line_for_none() {
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("q.tsv");
    std::fs::write(
        &queries,
        "a\tSông Công\nb\tzzqxw\n\nđại hội đảng bộ\nc\t-xã\n",
    )
    .unwrap();
    let out = tracuu(sample_index())
        .args(["search", "--limit", "2", "--queries"])
        .arg(&queries)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shape: Vec<(String, Option<u64>)> = lines
        .iter()
        .map(|l| (l["qid"].as_str().unwrap().to_owned(), l["rank"].as_u64()))
        .collect();
    assert_eq!(
        shape,
        [
            ("a".to_owned(), Some(1)),
            ("a".to_owned(), Some(2)),
            ("b".to_owned(), None),
            ("4".to_owned(), Some(1)),
            ("4".to_owned(), Some(2)),
        ]
    );
    assert_eq!(lines[0]["id"], BACH_QUANG);
    assert!(lines[2]["id"].is_null() && lines[2]["took_us"].is_u64());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("q.tsv:5: query skipped: the query only excludes"),
        "{stderr}"
    );
}

#[test]
fn huge_offsets_and_limits_are_answered_not_allocated() {
    let index = sample_index();
    let max = u64::MAX.to_string();
    let (code, out, err) = search(index, &["--offset", &max, "--no-snippets", "đảng"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.trim_end().ends_with("hits; none on this page"), "{out}");
    let all = json_hits(index, &["--limit", "100000", "đảng"]);
    let huge = json_hits(index, &["--limit", &max, "đảng"]);
    assert!(all.len() > 10);
    assert_eq!(ids(&huge), ids(&all));
}
