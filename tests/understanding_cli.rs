//! Queries typed the way people type: Telex/VNI with the input method off, abbreviations,
//! Arabic ordinals for Roman ones, typos, no diacritics, stop words, and a suggestion when
//! nothing is found. Through the binary, against `sample_corpus/`.

mod common;

use common::*;
use std::fs;

/// The articles of the bundled JSON Lines sample, by id: (title, body).
fn sample_text(id: &str) -> String {
    let path = project_dir().join("sample_corpus/party_congress_sample.jsonl");
    for line in fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["id"] == id {
            return format!(
                "{} {}",
                v["title"].as_str().unwrap(),
                v["body"].as_str().unwrap()
            );
        }
    }
    panic!("no article {id} in the sample");
}

#[test]
fn telex_typed_with_the_input_method_off_finds_what_the_accented_query_finds() {
    let index = sample_index();
    let accented = ids(&json_hits(index, &["--limit", "20", "đại hội đảng bộ"]));
    assert!(!accented.is_empty());
    for typed in ["ddaij hooij ddangr booj", "d9a5i ho6i5 d9ang3 bo65"] {
        let (code, stdout, stderr) = search(index, &["--json", "--limit", "20", typed]);
        assert_eq!(code, 0, "{stderr}");
        let hits: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(ids(&hits), accented, "{typed}");
        assert!(
            stderr.contains("searching for “đại hội đảng bộ”"),
            "{typed}: {stderr}"
        );
    }
}

#[test]
fn abbreviations_find_the_long_form_and_the_long_form_finds_them() {
    let index = sample_index();
    // One article writes "Uỷ ban nhân dân thành phố" and never "UBND"; the Quang Trung seed
    // writes "Chủ tịch UBND thành phố".
    let long_only = "vietnews-val-015516";
    let text = sample_text(long_only);
    assert!(text.contains("Uỷ ban nhân dân thành phố") && !text.contains("UBND"));
    let (code, stdout, stderr) = search(index, &["--json", "--limit", "100", "UBND thanh pho"]);
    assert_eq!(code, 0, "{stderr}");
    let found: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(found.iter().any(|i| i == long_only), "{found:?}");
    assert!(found.iter().any(|i| i == QUANG_TRUNG), "{found:?}");
    assert!(
        stderr.contains("“UBND” also as “Ủy ban nhân dân”"),
        "{stderr}"
    );

    // The long form finds the short one: the Quang Trung seed writes only "UBND".
    let quang_trung =
        fs::read_to_string(project_dir().join("sample_corpus").join(QUANG_TRUNG)).unwrap();
    assert!(!quang_trung.contains("Ủy ban nhân dân") && !quang_trung.contains("Uỷ ban nhân dân"));
    let hits = ids(&json_hits(
        index,
        &["--limit", "100", "Ủy ban nhân dân thành phố"],
    ));
    assert!(hits.iter().any(|i| i == QUANG_TRUNG), "{hits:?}");

    // "TP." and "Đ/c" survive tokenization: they find what they abbreviate, and themselves.
    assert_eq!(ids(&json_hits(index, &["TP. Sông Công"]))[0], BACH_QUANG);
    let comrade = ids(&json_hits(index, &["--limit", "100", "Đ/c"]));
    let spelled = ids(&json_hits(index, &["--limit", "100", "\"đồng chí\""]));
    assert!(!spelled.is_empty());
    for id in &spelled {
        assert!(
            comrade.contains(id),
            "{id} writes đồng chí but Đ/c misses it"
        );
    }
}

#[test]
fn arabic_ordinals_find_roman_ones_in_context() {
    let index = sample_index();
    let (code, stdout, stderr) = search(index, &["--json", "dai hoi lan thu 24"]);
    assert_eq!(code, 0, "{stderr}");
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], BACH_QUANG, "the seed says “lần thứ XXIV”");
    assert!(stderr.contains("“24” also as “XXIV”"), "{stderr}");
    // And the other way: Roman in the query, the article's own Roman numeral or Arabic.
    let hits = json_hits(index, &["--limit", "5", "Đại hội 13"]);
    let title = hits[0]["title"].as_str().unwrap();
    assert!(title.contains("Đại hội XIII"), "{title}");
}

#[test]
fn typos_are_corrected_only_for_syllables_the_index_does_not_know() {
    let index = sample_index();
    let (code, stdout, stderr) = search(index, &["--json", "Bach Quangg"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("“quangg” is not in the index: searching for “quang”"),
        "{stderr}"
    );
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], BACH_QUANG);
    // Known syllables are never "corrected".
    let (_, _, stderr) = search(index, &["--json", "Thanh niên"]);
    assert!(!stderr.contains("searching for"), "{stderr}");
}

#[test]
fn no_hits_suggests_a_query_that_finds_something() {
    let index = sample_index();
    // "đảnh" is no word of the index; the closest by tone, "đánh", finds nothing together
    // with the rest, so a query that does is suggested, beside the articles that hold most
    // of the words.
    let (code, stdout, stderr) = search(index, &["Đảnh bộ Bách Quang"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("no article has all of"), "{stderr}");
    assert!(
        stderr.contains("tracuu: did you mean “đảng bộ bách quang”?"),
        "{stderr}"
    );
    assert!(stdout.contains("Bách Quang"), "{stdout}");
    // With no article holding any of its words: no hits.
    let (code, _, stderr) = search(index, &["zzqxw qqzzx"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, _) = search(index, &["đảng bộ bách quang"]);
    assert_eq!(code, 0, "the suggestion finds something");
}

#[test]
fn stop_words_alone_still_search() {
    let index = sample_index();
    let (code, _, stderr) = search(index, &["của các và là những"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_most_frequent_accented_reading_ranks_first() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    // Three articles write "Đảng bộ"; one, short and repetitive, writes "đang bố" — the
    // same letters without marks, which plain folded matching would rank first.
    let mut lines = Vec::new();
    for (i, place) in ["An Bình", "Tân Lập", "Hòa Hiệp"].iter().enumerate() {
        lines.push(serde_json::json!({
            "id": format!("party-{i}"),
            "title": format!("Hội nghị Đảng bộ xã {place}"),
            "body": format!("Đảng bộ xã {place} tổng kết công tác năm, bàn nhiệm vụ năm tới và bầu bổ sung cán bộ."),
        }));
    }
    lines.push(serde_json::json!({
        "id": "other",
        "title": "Đang bố trí",
        "body": "Đang bố trí, đang bố trí.",
    }));
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    fs::write(src.join("a.jsonl"), text.join("\n") + "\n").unwrap();
    let index = dir.path().join("index");
    tracuu(&index).arg("index").arg(&src).assert().success();
    let found = ids(&json_hits(&index, &["dang bo"]));
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[3], "other", "{found:?}");
}
