//! Everything around a search, as a terminal user or a script meets it: reading an article,
//! dates, JSON pipelines, counts, discoverability. Through the binary, against
//! `sample_corpus/`.

mod common;

use common::*;

/// A command against the sample's index: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    common::run(sample_index(), args)
}

fn lines_json(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn show_prints_whole_articles_and_json_hits_say_where_they_come_from() {
    let hits = json_hits(sample_index(), &["--no-snippets", "Thạch Quý"]);
    assert_eq!(hits[0]["id"], THACH_QUY);
    let origin = hits[0]["origin"].as_str().expect("a hit has its origin");
    assert!(origin.ends_with(THACH_QUY), "{origin}");
    assert_eq!(hits[0]["published"], "2020-05-20");

    let (code, out, err) = run(&["show", THACH_QUY]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Sáng ngày 20 tháng 5 năm 2020 Đảng bộ phường Thạch Quý"),
        "{out}"
    );
    for row in [
        "published    2020-05-20",
        "origin       ",
        "province     Hà Tĩnh",
    ] {
        assert!(out.contains(row), "{row}: {out}");
    }
    assert!(
        out.contains("Tham dự đại hội có Bí thư Thành ủy Dương Tất Thắng."),
        "{out}"
    );
    // Wrapped to 80 columns off a terminal.
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");

    let (code, out, err) = run(&["show", "--json", THACH_QUY, "no-such-id"]);
    assert_eq!(code, 1, "one of the ids is unknown: {err}");
    assert!(
        err.contains("no article with id or file \"no-such-id\""),
        "{err}"
    );
    let articles = lines_json(&out);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["id"], THACH_QUY);
    assert!(articles[0]["body"]
        .as_str()
        .unwrap()
        .contains("Dương Tất Thắng"));
    assert_eq!(articles[0]["origin"], hits[0]["origin"]);
}

#[test]
fn show_and_explain_take_the_file_an_article_was_read_from() {
    // A seed with a URL line has the URL as its id; its file still finds it.
    let hits = json_hits(sample_index(), &["--no-snippets", "Sông Công"]);
    let seed = hits
        .iter()
        .find(|h| h["origin"].as_str().is_some_and(|o| o.ends_with(".txt")))
        .expect("a seed among the hits");
    let (id, origin) = (
        seed["id"].as_str().unwrap(),
        seed["origin"].as_str().unwrap(),
    );
    assert_ne!(id, origin);
    let (code, out, err) = run(&["show", "--json", origin]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines_json(&out)[0]["id"], id);
    let (code, out, err) = run(&["explain", origin]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("province:      Thái Nguyên"), "{out}");
}

#[test]
fn export_carries_the_body_when_asked() {
    let (code, out, _) = run(&["export"]);
    assert_eq!(code, 0);
    let plain = lines_json(&out);
    assert_eq!(plain.len(), 147);
    assert!(plain.iter().all(|a| a.get("body").is_none()));
    let (code, out, _) = run(&["export", "--with-body"]);
    assert_eq!(code, 0);
    let full = lines_json(&out);
    assert_eq!(full.len(), 147);
    assert!(full
        .iter()
        .all(|a| a["body"].is_string() && a["origin"].is_string()));
}

#[test]
fn the_text_view_names_the_id_where_there_is_no_url() {
    let (code, out, _) = search(sample_index(), &["--no-snippets", "-n", "1", "Thạch Quý"]);
    assert_eq!(code, 0);
    let meta = out.lines().nth(1).unwrap_or_default();
    assert!(meta.contains(THACH_QUY), "{out}");
}

/// The dated articles of the sample, newest first, as `export` gives them.
fn dated() -> Vec<(String, String)> {
    let (_, out, _) = run(&["export"]);
    let mut dated: Vec<(String, String)> = lines_json(&out)
        .iter()
        .filter_map(|a| {
            Some((
                a["published"].as_str()?.to_owned(),
                a["id"].as_str()?.to_owned(),
            ))
        })
        .collect();
    dated.sort();
    dated.reverse();
    dated
}

#[test]
fn hits_sort_by_date_with_undated_articles_last_and_counted() {
    let dated = dated();
    assert!(dated.len() >= 4, "{dated:?}");
    let (code, out, err) = search(
        sample_index(),
        &[
            "--json",
            "--no-snippets",
            "-n",
            "200",
            "--sort",
            "newest",
            "đại hội",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let hits = lines_json(&out);
    let dates: Vec<Option<&str>> = hits.iter().map(|h| h["published"].as_str()).collect();
    let first_undated = dates
        .iter()
        .position(Option::is_none)
        .unwrap_or(dates.len());
    assert!(first_undated >= 4, "{dates:?}");
    assert!(
        dates[first_undated..].iter().all(Option::is_none),
        "{dates:?}"
    );
    let shown: Vec<&str> = dates[..first_undated].iter().flatten().copied().collect();
    let mut sorted = shown.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(shown, sorted);
    let undated = hits.len() - first_undated;
    assert!(
        err.contains(&format!(
            "{undated} undated articles match, after the dated ones"
        )),
        "{err}"
    );

    let (_, out, _) = search(
        sample_index(),
        &[
            "--json",
            "--no-snippets",
            "-n",
            "3",
            "--sort",
            "oldest",
            "đại hội",
        ],
    );
    let oldest: Vec<&str> = dates[..first_undated]
        .iter()
        .rev()
        .take(3)
        .flatten()
        .copied()
        .collect();
    let hits = lines_json(&out);
    let got: Vec<&str> = hits
        .iter()
        .filter_map(|h| h["published"].as_str())
        .collect();
    assert_eq!(got, oldest);
}

#[test]
fn dates_are_typed_as_years_months_days_or_the_vietnamese_way() {
    let mut in_2025: Vec<String> = dated()
        .into_iter()
        .filter(|(d, _)| d.starts_with("2025"))
        .map(|(_, id)| id)
        .collect();
    in_2025.sort();
    assert!(in_2025.len() >= 2, "{in_2025:?}");
    for since in [
        ["--since", "2025"],
        ["--since", "2025-01"],
        ["--since", "01/01/2025"],
    ] {
        let (code, out, err) = search(
            sample_index(),
            &[
                "--json",
                "--no-snippets",
                "-n",
                "200",
                since[0],
                since[1],
                "đảng bộ",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let mut got = ids(&lines_json(&out));
        got.sort();
        assert_eq!(got, in_2025, "{since:?}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The articles without a date that match otherwise are said, not silently dropped (in
    // text output, which counts the matches; JSON counts nothing beyond its hits).
    let (code, _, err) = search(sample_index(), &["--since", "2025", "đảng bộ"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the date filter left out") && err.contains("undated articles"),
        "{err}"
    );
    // A year or a month up to its last day.
    let (_, out, _) = search(
        sample_index(),
        &[
            "--json",
            "--no-snippets",
            "--since",
            "15/01/2025",
            "--until",
            "2025-01",
            "đảng bộ",
        ],
    );
    let got: Vec<String> = lines_json(&out)
        .iter()
        .map(|h| h["published"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !got.is_empty()
            && got
                .iter()
                .all(|d| d.as_str() >= "2025-01-15" && d.as_str() <= "2025-01-31"),
        "{got:?}"
    );
    let (code, _, err) = search(sample_index(), &["--since", "2025-13", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("write 2025, 2025-03, 2025-03-15 or 15/03/2025"),
        "{err}"
    );
}

#[test]
fn json_output_is_only_hits_and_counts_have_commands_of_their_own() {
    let (code, _, err) = search(sample_index(), &["--json", "--facets", "đại hội"]);
    assert_eq!(code, 2);
    assert!(err.contains("tracuu facets QUERY --json"), "{err}");

    let (code, out, err) = run(&["facets", "--json", "Sông Công"]);
    assert_eq!(code, 0, "{err}");
    let facets: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let (_, out, _) = run(&["count", "--json", "Sông Công"]);
    let count: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(facets["total"], count["count"]);
    assert!(count["count"].as_u64().unwrap() >= 1);
    let (code, out, _) = run(&["count"]);
    assert_eq!((code, out.trim()), (0, "147"));
    let (code, out, _) = run(&["count", "--province", "Lạng Sơn", "chi lăng"]);
    assert_eq!(code, 0);
    assert!(out.trim().parse::<u64>().unwrap() >= 1, "{out}");
    let (code, out, _) = run(&["count", "zzqxw"]);
    assert_eq!((code, out.trim()), (1, "0"));
}

#[test]
fn queries_are_read_from_standard_input() {
    let out = tracuu(sample_index())
        .args(["search", "--queries", "-"])
        .write_stdin("q1\tSông Công\nThạch Quý\n")
        .output()
        .expect("tracuu runs");
    assert_eq!(out.status.code(), Some(0));
    let lines = lines_json(&String::from_utf8(out.stdout).unwrap());
    assert!(lines.iter().any(|l| l["qid"] == "q1"));
    assert!(lines
        .iter()
        .any(|l| l["qid"] == "2" && l["id"] == THACH_QUY));
}

#[test]
fn completions_a_man_page_and_the_values_filters_take() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        // fish writes long flags as `-l province`.
        assert!(
            out.contains("tracuu") && out.contains("province") && out.contains("since"),
            "{shell}"
        );
    }
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH tracuu"),
        "{}",
        &out[..200.min(out.len())]
    );

    let (code, out, _) = run(&["facets", "--values", "province"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 34, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Thái Nguyên") && l.contains("Bắc Kạn")),
        "{out}"
    );
    let (_, out, _) = run(&["facets", "--values", "unit"]);
    assert!(out.contains("ward") && out.contains("phường"), "{out}");
    let (_, out, _) = run(&["facets", "--values", "term", "--json"]);
    let terms: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(
        terms["term"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["term"] == "2025-2030"),
        "{out}"
    );

    // Names people type: all accepted, or a suggestion.
    for typed in ["hanoi", "Sài Gòn", "TP.HCM", "thainguyen"] {
        let (code, _, err) = search(sample_index(), &["--province", typed, "đại hội"]);
        assert!(code == 0 || code == 1, "{typed}: {err}");
    }
    let (code, _, err) = search(sample_index(), &["--province", "thai ngyen", "đại hội"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean Thái Nguyên?"), "{err}");
    let (_, out, _) = search(
        sample_index(),
        &["--json", "--no-snippets", "--unit", "phuong", "đại hội"],
    );
    assert!(
        lines_json(&out).iter().all(|h| h["unit_type"] == "ward"),
        "{out}"
    );
}
