//! Nightly reindexing: incremental cycles, a property test against a model, a killed run,
//! a second writer, and searches while a reindex runs.

mod common;

use common::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::TantivyDocument;
use tracuu::index::{self, BuildOptions, Layout, Quiet};

/// Every document of the live index: id → title.
fn documents(index_dir: &Path) -> BTreeMap<String, String> {
    let open = index::open(index_dir).unwrap();
    let searcher = open.index.reader().unwrap().searcher();
    let top = searcher
        .search(&AllQuery, &TopDocs::with_limit(100_000).order_by_score())
        .unwrap();
    let mut out = BTreeMap::new();
    for (_, address) in top {
        let doc: TantivyDocument = searcher.doc(address).unwrap();
        let text = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let previous = out.insert(text(open.fields.id), text(open.fields.title));
        assert!(previous.is_none(), "duplicate document");
    }
    out
}

fn write_jsonl(path: &Path, articles: &[(String, String)]) {
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, title)| {
            serde_json::json!({"id": id, "title": title, "body": format!("Nội dung {title}")})
                .to_string()
        })
        .collect();
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn reindex_json(index_dir: &Path, src: &Path) -> serde_json::Value {
    run_json(tracuu(index_dir).args(["reindex", "--json"]).arg(src))
}

#[test]
fn add_modify_delete_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    fs::create_dir(&src).unwrap();
    write_jsonl(
        &src.join("a.jsonl"),
        &[("a1".into(), "Một".into()), ("a2".into(), "Hai".into())],
    );
    fs::write(src.join("b.txt"), "Đại hội Chi bộ\nNội dung.\n").unwrap();
    settle(&src);
    let s = reindex_json(&idx, &src);
    assert_eq!(s["rebuilt"], "no index yet");
    assert_eq!(s["added"], 3);
    assert_eq!(
        documents(&idx).keys().cloned().collect::<Vec<_>>(),
        ["a1", "a2", "b.txt"]
    );

    // Nothing changed: nothing read.
    let s = reindex_json(&idx, &src);
    assert_eq!(
        (
            s["added"].as_u64(),
            s["unchanged"].as_u64(),
            s["files_read"].as_u64()
        ),
        (Some(0), Some(3), Some(0))
    );

    // Modify one article, add one, delete one; add a file; delete a file.
    write_jsonl(
        &src.join("a.jsonl"),
        &[("a1".into(), "Một sửa".into()), ("a3".into(), "Ba".into())],
    );
    fs::remove_file(src.join("b.txt")).unwrap();
    fs::write(src.join("c.txt"), "Hội nghị Ban Chấp hành\nNội dung.\n").unwrap();
    // Two of three articles removed: more than --max-remove's default share.
    let s = run_json(
        tracuu(&idx)
            .args(["reindex", "--json", "--max-remove", "100%"])
            .arg(&src),
    );
    assert_eq!(
        (
            s["added"].as_u64(),
            s["updated"].as_u64(),
            s["removed"].as_u64()
        ),
        (Some(2), Some(1), Some(2))
    );
    let docs = documents(&idx);
    assert_eq!(
        docs.keys().cloned().collect::<Vec<_>>(),
        ["a1", "a3", "c.txt"]
    );
    assert_eq!(docs["a1"], "Một sửa");
    let hits = json_hits(&idx, &["sửa"]);
    assert_eq!(ids(&hits), ["a1"]);

    // Touched but identical: read, confirmed by hash, nothing re-analysed.
    let content = fs::read(src.join("c.txt")).unwrap();
    fs::write(src.join("c.txt"), content).unwrap();
    let s = reindex_json(&idx, &src);
    assert_eq!(
        (
            s["added"].as_u64(),
            s["updated"].as_u64(),
            s["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(3))
    );
}

#[test]
fn a_second_writer_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let src = project_dir().join("sample_corpus/000_73331b18bb875419.txt");
    tracuu(&idx).arg("index").arg(&src).assert().success();
    let _held = index::WriterLock::acquire(&Layout::new(&idx)).unwrap();
    for cmd in ["reindex", "index"] {
        let out = tracuu(&idx).arg(cmd).arg(&src).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "is being updated by process {}",
                std::process::id()
            )),
            "{stderr}"
        );
    }
    // Readers are never blocked.
    assert_eq!(search(&idx, &["Bách Quang"]).0, 0);
}

fn big_source(src: &Path, files: usize, per_file: usize, tag: &str) {
    fs::create_dir_all(src).unwrap();
    for f in 0..files {
        let articles: Vec<(String, String)> = (0..per_file)
            .map(|i| (format!("d{f}-{i}"), format!("Đại hội {tag} số {f} {i}")))
            .collect();
        write_jsonl(&src.join(format!("f{f:04}.jsonl")), &articles);
    }
}

#[test]
fn a_killed_reindex_leaves_the_last_commit_searchable_and_a_rerun_converges() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    big_source(&src, 4, 50, "cũ");
    reindex_json(&idx, &src);
    let before = documents(&idx);
    assert_eq!(before.len(), 200);
    // A large change, killed part-way.
    big_source(&src, 400, 50, "mới");
    for delay_ms in [50u64, 300, 900] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"))
            .env("TRACUU_INDEX", &idx)
            .arg("reindex")
            .arg(&src)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = documents(&idx);
        assert!(
            now == before || now.len() == 20_000,
            "a mix after kill at {delay_ms} ms: {} docs",
            now.len()
        );
    }
    let s = reindex_json(&idx, &src);
    assert!(
        s["added"].as_u64().unwrap()
            + s["unchanged"].as_u64().unwrap()
            + s["updated"].as_u64().unwrap()
            == 20_000,
        "{s}"
    );
    let docs = documents(&idx);
    assert_eq!(docs.len(), 20_000);
    assert_eq!(docs["d0-0"], "Đại hội mới số 0 0");
}

#[test]
fn searches_succeed_while_a_reindex_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    big_source(&src, 4, 50, "cũ");
    reindex_json(&idx, &src);
    big_source(&src, 200, 50, "mới");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .env("TRACUU_INDEX", &idx)
        .arg("reindex")
        .arg(&src)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut searched = 0;
    while child.try_wait().unwrap().is_none() || searched < 3 {
        let (code, _, stderr) = search(&idx, &["đại hội"]);
        assert_eq!(code, 0, "{stderr}");
        let total = documents(&idx).len();
        assert!(total == 200 || total == 10_000, "never a mix: {total}");
        searched += 1;
    }
    assert!(child.wait().unwrap().success());
    assert_eq!(documents(&idx).len(), 10_000);
}

#[derive(Debug, Clone)]
enum Step {
    Write { file: u8, ids: Vec<u8>, version: u8 },
    Delete { file: u8 },
    Touch { file: u8 },
    Reindex,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u8..4, prop::collection::vec(0u8..12, 0..5), 0u8..3)
            .prop_map(|(file, ids, version)| Step::Write { file, ids, version }),
        (0u8..4).prop_map(|file| Step::Delete { file }),
        (0u8..4).prop_map(|file| Step::Touch { file }),
        Just(Step::Reindex),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After every reindex the index holds exactly what a model of the files says: each id
    /// once, from the first file in path order that has it, with that file's title; a file
    /// without an article that was there at the last reindex gives what it gave then.
    #[test]
    fn reindex_matches_a_model(steps in prop::collection::vec(step(), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
        fs::create_dir(&src).unwrap();
        let layout = Layout::new(&idx);
        // Any share may go: the steps delete files at will (the limit has its own test).
        let options = BuildOptions { threads: 1, memory_budget: 20 << 20, max_remove: 100.0, ..BuildOptions::default() };
        let mut model: BTreeMap<u8, Vec<(String, String)>> = BTreeMap::new();
        // What each file there at the last reindex gave the index.
        let mut gave: BTreeMap<u8, Vec<(String, String)>> = BTreeMap::new();
        let mut steps = steps;
        steps.push(Step::Reindex);
        for s in steps {
            match s {
                Step::Write { file, ids, version } => {
                    let articles: Vec<(String, String)> = ids.iter().map(|i| (format!("id{i}"), format!("tiêu đề {i} bản {version} tệp {file}"))).collect();
                    write_jsonl(&src.join(format!("f{file}.jsonl")), &articles);
                    model.insert(file, articles);
                }
                Step::Delete { file } => {
                    let _ = fs::remove_file(src.join(format!("f{file}.jsonl")));
                    model.remove(&file);
                }
                Step::Touch { file } => {
                    let p = src.join(format!("f{file}.jsonl"));
                    if let Ok(bytes) = fs::read(&p) {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        fs::write(&p, bytes).unwrap();
                    }
                }
                Step::Reindex => {
                    let before = idx.join("CURRENT").exists().then(|| documents(&idx));
                    let result = index::reindex(&layout, std::slice::from_ref(&src), &options, &mut Quiet);
                    let mut expected = BTreeMap::new();
                    let mut owner = BTreeMap::new();
                    for (file, articles) in &model {
                        // An emptied file keeps what it gave (issue #25).
                        let articles = match articles.is_empty() {
                            true => gave.get(file).map(Vec::as_slice).unwrap_or_default(),
                            false => articles.as_slice(),
                        };
                        for (id, title) in articles {
                            if !expected.contains_key(id) {
                                expected.insert(id.clone(), title.clone());
                                owner.insert(id.clone(), (*file, title.clone()));
                            }
                        }
                    }
                    match result {
                        Ok(_) => {
                            prop_assert_eq!(documents(&idx), expected);
                            gave = model.keys().map(|f| (*f, Vec::new())).collect();
                            for (id, (file, title)) in owner {
                                gave.entry(file).or_default().push((id, title));
                            }
                        }
                        // Sources with no article at all never replace or empty an index.
                        Err(e) => {
                            prop_assert!(expected.is_empty(), "{e}");
                            let after = idx.join("CURRENT").exists().then(|| documents(&idx));
                            prop_assert_eq!(after, before);
                        }
                    }
                }
            }
        }
    }
}

/// The ids `tracuu export` prints, sorted; each must be there once.
fn exported_ids(index_dir: &Path) -> Vec<String> {
    let out = tracuu(index_dir).arg("export").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_owned()
        })
        .collect();
    ids.sort();
    ids
}

/// Issue #25, 1: a source path given twice, or a root inside another root, is read once, by
/// `index` and by `reindex`, which used to panic on it ("no entry found for key").
#[test]
fn a_root_given_twice_or_inside_another_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("a.txt"), "T\nx\n").unwrap();
    fs::write(d.join("sub/b.txt"), "U\ny\n").unwrap();
    let cases = [
        vec![d.clone(), d.clone()],
        vec![d.clone(), d.join("sub")],
        vec![d.join("sub"), d.join("."), d.join("a.txt")],
    ];
    for (n, roots) in cases.iter().enumerate() {
        let idx = dir.path().join(format!("index-{n}"));
        for (cmd, touch) in [("index", false), ("reindex", false), ("reindex", true)] {
            if touch {
                // Read again (size and time changed), not passed over as unchanged.
                fs::write(d.join("a.txt"), "T\nx mới\n").unwrap();
                fs::write(d.join("sub/b.txt"), "U\ny mới\n").unwrap();
            }
            let out = tracuu(&idx)
                .args([cmd, "--json"])
                .args(roots)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{roots:?} {cmd}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(s["duplicates"], 0, "{roots:?} {cmd}: {s}");
            assert_eq!(s["files"], 2, "{roots:?} {cmd}: {s}");
        }
        assert_eq!(exported_ids(&idx), ["a.txt", "sub/b.txt"], "{roots:?}");
        assert_eq!(ids(&json_hits(&idx, &["mới"])).len(), 2);
        fs::write(d.join("a.txt"), "T\nx\n").unwrap();
        fs::write(d.join("sub/b.txt"), "U\ny\n").unwrap();
    }
}

/// Issue #25, 3: a JSON Lines file emptied, or whose every line is malformed (a failed
/// copy, a truncated write), keeps its articles and is reported (exit 1), as a text file
/// that turns empty already was; removing the file is what removes its articles.
#[test]
fn an_emptied_or_unreadable_jsonl_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    fs::create_dir(&src).unwrap();
    let file = src.join("a.jsonl");
    let articles: Vec<(String, String)> = (0..50)
        .map(|i| (format!("a{i}"), format!("Đại hội số {i}")))
        .collect();
    write_jsonl(&file, &articles);
    write_jsonl(&src.join("b.jsonl"), &[("b".into(), "Hội nghị".into())]);
    assert_eq!(reindex_json(&idx, &src)["added"], 51);
    for (content, reason) in [
        ("", "no article in it (it is empty or blank)"),
        ("\n  \n", "no article in it (it is empty or blank)"),
        (
            "{oops\n[1, 2]\n",
            "no line of it could be read as an article",
        ),
    ] {
        fs::write(&file, content).unwrap();
        let out = tracuu(&idx)
            .args(["reindex", "--json"])
            .arg(&src)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{content:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "tracuu: {}: skipped: {reason}; the 50 article(s) indexed from it earlier are kept\n",
                file.display()
            )),
            "{content:?}: {stderr}"
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(s["removed"], 0, "{content:?}: {s}");
        assert_eq!(documents(&idx).len(), 51, "{content:?}");
    }
    // Repaired, it is read again; removed, its articles go.
    write_jsonl(&file, &articles[..49]);
    let s = reindex_json(&idx, &src);
    assert_eq!(
        (s["removed"].as_u64(), s["unchanged"].as_u64()),
        (Some(1), Some(50))
    );
    fs::remove_file(&file).unwrap();
    let s = run_json(
        tracuu(&idx)
            .args(["reindex", "--json", "--max-remove", "100%"])
            .arg(&src),
    );
    assert_eq!(s["removed"], 49);
    assert_eq!(documents(&idx).keys().collect::<Vec<_>>(), ["b"]);
}

/// Issue #25, 3: a run that would remove more than `--max-remove` of the index (10% by
/// default) fails (exit 2) and leaves the index as it was, incremental or rebuilt.
#[test]
fn a_run_that_would_remove_too_much_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    big_source(&src, 2, 10, "cũ");
    assert_eq!(reindex_json(&idx, &src)["added"], 20);
    let reindex = |flags: &[&str]| {
        tracuu(&idx)
            .args(["reindex", "--json"])
            .args(flags)
            .arg(&src)
            .output()
            .unwrap()
    };
    let refused = |flags: &[&str], allowed: &str| {
        let out = reindex(flags);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "tracuu: would remove 10 of 20 articles, more than the {allowed}% allowed; the index at {} was left as it was: check the sources, or pass --max-remove 50% to allow it\n",
                idx.display()
            )
        );
    };

    // 1 of 20 (5%) is within the default.
    write_jsonl(
        &src.join("f0001.jsonl"),
        &(1..10)
            .map(|i| (format!("d1-{i}"), format!("Đại hội cũ số 1 {i}")))
            .collect::<Vec<_>>(),
    );
    assert_eq!(reindex_json(&idx, &src)["removed"], 1);
    big_source(&src, 2, 10, "cũ");
    assert_eq!(reindex_json(&idx, &src)["added"], 1);

    // Half the index gone: refused by default and below 50%, allowed from 50% on.
    fs::remove_file(src.join("f0001.jsonl")).unwrap();
    refused(&[], "10");
    refused(&["--max-remove", "49.9%"], "49.9");
    assert_eq!(documents(&idx).len(), 20);
    let s: serde_json::Value =
        serde_json::from_slice(&reindex(&["--max-remove", "50"]).stdout).unwrap();
    assert_eq!(s["removed"], 10, "{s}");
    assert_eq!(documents(&idx).len(), 10);

    // A rebuild (here: the index is of another schema version) is held to it too, before
    // it goes live.
    big_source(&src, 2, 10, "cũ");
    assert_eq!(reindex_json(&idx, &src)["added"], 10);
    let generation = fs::read_to_string(idx.join("CURRENT")).unwrap();
    let info_path = idx.join(generation.trim()).join("tracuu.json");
    let mut info: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&info_path).unwrap()).unwrap();
    info["schema_version"] = 0.into();
    fs::write(&info_path, info.to_string()).unwrap();
    fs::remove_file(src.join("f0001.jsonl")).unwrap();
    refused(&[], "10");
    assert_eq!(fs::read_to_string(idx.join("CURRENT")).unwrap(), generation);
    assert_eq!(
        generations(&idx).len(),
        1,
        "the refused generation is removed"
    );
    let s: serde_json::Value =
        serde_json::from_slice(&reindex(&["--max-remove", "100%"]).stdout).unwrap();
    assert!(s["rebuilt"].is_string(), "{s}");
    assert_eq!(s["removed"], 10, "{s}");
    assert_eq!(documents(&idx).len(), 10);
}

/// Issue #25, 4: the same file name under two roots is two files: editing or deleting one
/// touches its own articles only. An index whose manifest predates this is rebuilt.
#[test]
fn the_same_file_name_under_two_roots_is_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, idx) = (
        dir.path().join("A"),
        dir.path().join("B"),
        dir.path().join("index"),
    );
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    write_jsonl(&a.join("news.jsonl"), &[("a1".into(), "Tin Hà Nội".into())]);
    write_jsonl(&b.join("news.jsonl"), &[("b1".into(), "Tin Huế".into())]);
    let run = |cmd: &str, flags: &[&str]| {
        run_json(
            tracuu(&idx)
                .args([cmd, "--json"])
                .args(flags)
                .arg(&a)
                .arg(&b),
        )
    };
    assert_eq!(run("index", &[])["added"], 2);

    // B's file edited: b1 replaced, once.
    write_jsonl(
        &b.join("news.jsonl"),
        &[("b1".into(), "Tin Huế sửa".into())],
    );
    let s = run("reindex", &[]);
    assert_eq!(
        (s["updated"].as_u64(), s["added"].as_u64()),
        (Some(1), Some(0)),
        "{s}"
    );
    assert_eq!(exported_ids(&idx), ["a1", "b1"]);
    let docs = documents(&idx);
    assert_eq!(docs["b1"], "Tin Huế sửa");
    assert_eq!(ids(&json_hits(&idx, &["Huế"])), ["b1"]);

    // B's file deleted: b1 goes, a1 stays.
    fs::remove_file(b.join("news.jsonl")).unwrap();
    let s = run("reindex", &["--max-remove", "100%"]);
    assert_eq!(s["removed"], 1, "{s}");
    assert_eq!(exported_ids(&idx), ["a1"]);
    assert!(json_hits(&idx, &["Huế"]).is_empty());

    // One file reached through two links in a root is two files as well: its article is
    // indexed once and stays so.
    let c = dir.path().join("C");
    fs::create_dir_all(c.join("2024")).unwrap();
    write_jsonl(
        &c.join("2024/news.jsonl"),
        &[("c1".into(), "Tin Vinh".into())],
    );
    std::os::unix::fs::symlink("2024", c.join("latest")).unwrap();
    settle(&c);
    let idx2 = dir.path().join("index2");
    for cmd in ["index", "reindex", "reindex"] {
        let out = tracuu(&idx2)
            .args([cmd, "--json"])
            .arg(&c)
            .output()
            .unwrap();
        // The duplicate is reported when read (exit 1), not when passed over as unchanged.
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let read = u8::from(cmd == "index");
        assert_eq!(out.status.code(), Some(i32::from(read)), "{cmd}: {s}");
        assert_eq!(s["duplicates"], read, "{cmd}: {s}");
        assert_eq!(exported_ids(&idx2), ["c1"], "{cmd}");
    }
    fs::write(
        c.join("2024/news.jsonl"),
        "{\"id\":\"c1\",\"title\":\"Tin Vinh sửa\",\"body\":\"x\"}\n",
    )
    .unwrap();
    let out = tracuu(&idx2)
        .args(["reindex", "--json"])
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(exported_ids(&idx2), ["c1"]);
    assert_eq!(documents(&idx2)["c1"], "Tin Vinh sửa");

    // A manifest written before files were keyed by root: the next reindex rebuilds.
    let generation = fs::read_to_string(idx.join("CURRENT")).unwrap();
    let gen_dir = idx.join(generation.trim());
    let manifest = fs::read_dir(&gen_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("manifest-")
        })
        .unwrap();
    let mut old: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&manifest).unwrap()).unwrap();
    old.as_object_mut().unwrap().remove("version");
    fs::write(&manifest, old.to_string()).unwrap();
    write_jsonl(
        &b.join("news.jsonl"),
        &[("b1".into(), "Tin Huế mới".into())],
    );
    let s = run("reindex", &[]);
    assert_eq!(
        s["rebuilt"], "its manifest of sources is of an older format",
        "{s}"
    );
    assert_eq!(exported_ids(&idx), ["a1", "b1"]);
    assert_eq!(documents(&idx)["b1"], "Tin Huế mới");
    let s = run("reindex", &[]);
    assert!(s["rebuilt"].is_null(), "{s}");
    assert_eq!(s["unchanged"], 2, "{s}");
}

#[test]
fn a_reindex_removes_what_a_killed_build_left() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    big_source(&src, 4, 50, "cũ");
    reindex_json(&idx, &src);
    assert_eq!(generations(&idx), ["gen-000001"]);
    // A full build of a larger corpus, killed once its generation holds segment files.
    let big = dir.path().join("big");
    big_source(&big, 400, 50, "mới");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .env("TRACUU_INDEX", &idx)
        .arg("index")
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let partial = idx.join("gen-000002");
    let started = std::time::Instant::now();
    let has_segments = |dir: &Path| {
        fs::read_dir(dir).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".idx"))
        })
    };
    while !has_segments(&partial) {
        assert!(child.try_wait().unwrap().is_none(), "the build ended first");
        assert!(started.elapsed().as_secs() < 60, "no partial generation");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    assert!(!child.wait().unwrap().success());
    assert!(partial.is_dir());
    // Not tracuu's: never removed.
    let foreign = idx.join("gen-000009");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "x").unwrap();
    // A reindex with nothing to do still clears the partial generation, not the live one.
    let s = reindex_json(&idx, &src);
    assert_eq!(s["unchanged"], 200, "{s}");
    assert_eq!(generations(&idx), ["gen-000001", "gen-000009"]);
    assert_eq!(documents(&idx).len(), 200);
    let (code, _, stderr) = search(&idx, &["đại hội"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn deleting_a_json_line_reanalyses_nothing_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    fs::create_dir(&src).unwrap();
    let mut articles: Vec<(String, String)> = (0..500)
        .map(|i| (format!("a{i}"), format!("Đại hội số {i}")))
        .collect();
    write_jsonl(&src.join("a.jsonl"), &articles);
    assert_eq!(reindex_json(&idx, &src)["added"], 500);
    articles.remove(9); // line 10
    write_jsonl(&src.join("a.jsonl"), &articles);
    let s = reindex_json(&idx, &src);
    assert_eq!(
        [&s["added"], &s["updated"], &s["removed"], &s["unchanged"]],
        [0, 0, 1, 499],
        "{s}"
    );
    let docs = documents(&idx);
    assert_eq!(docs.len(), 499);
    assert!(!docs.contains_key("a9"));
    // Export tells the line each article is on now.
    let out = tracuu(&idx).arg("export").output().unwrap();
    let origins: BTreeMap<String, String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let field = |f: &str| v[f].as_str().unwrap().to_owned();
            (field("id"), field("origin"))
        })
        .collect();
    assert_eq!(origins["a8"], "a.jsonl:9");
    assert_eq!(origins["a10"], "a.jsonl:10");
    assert_eq!(origins["a499"], "a.jsonl:499");
    // A reindex with nothing changed changes nothing.
    let s = reindex_json(&idx, &src);
    assert_eq!(s["unchanged"], 499, "{s}");
}

#[test]
fn a_full_build_never_removes_the_generation_a_search_is_opening() {
    // A search reads CURRENT, then opens the generation it names; a full build finishing in
    // between used to remove that generation under it ("damaged: FileDoesNotExist(meta.json)").
    // The search is stopped at that point: the old generation's tracuu.json becomes a FIFO,
    // which gives it its content only once the build is done.
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    big_source(&src, 2, 50, "cũ");
    tracuu(&idx).arg("index").arg(&src).assert().success();
    let old = fs::read_to_string(idx.join("CURRENT"))
        .unwrap()
        .trim()
        .to_owned();
    let info_path = idx.join(&old).join("tracuu.json");
    let info = fs::read(&info_path).unwrap();
    fs::remove_file(&info_path).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&info_path)
        .status()
        .unwrap()
        .success());
    // Opened for reading and writing, a FIFO never blocks the opener, and the search's read
    // waits until it is written.
    let mut fifo = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&info_path)
        .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .env("TRACUU_INDEX", &idx)
        .args(["search", "--json", "đại hội"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let reading_info = |pid: u32| {
        fs::read_dir(format!("/proc/{pid}/fd")).is_ok_and(|fds| {
            fds.flatten()
                .filter_map(|fd| fs::read_link(fd.path()).ok())
                .any(|target| target.ends_with(Path::new(&old).join("tracuu.json")))
        })
    };
    while !reading_info(child.id()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the search ended first"
        );
        assert!(
            started.elapsed().as_secs() < 60,
            "the search never read tracuu.json"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    tracuu(&idx).arg("index").arg(&src).assert().success();
    let new = fs::read_to_string(idx.join("CURRENT"))
        .unwrap()
        .trim()
        .to_owned();
    assert_ne!(new, old);
    assert!(idx.join(&old).join("meta.json").is_file(), "held: kept");
    use std::io::Write;
    fifo.write_all(&info).unwrap();
    drop(fifo);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    // No longer held: the next run removes it.
    reindex_json(&idx, &src);
    assert_eq!(generations(&idx), [new]);
}

/// A rewrite of the same size within the modification time's resolution keeps the file's
/// time: a file read at about the time it was written is read again by the next reindex, so
/// such a rewrite is not taken as unchanged.
#[test]
fn a_same_size_rewrite_just_after_a_reindex_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (src, idx) = (dir.path().join("src"), dir.path().join("index"));
    fs::create_dir(&src).unwrap();
    let file = src.join("a.jsonl");
    write_jsonl(&file, &[("a1".into(), "bản một".into())]);
    assert_eq!(reindex_json(&idx, &src)["added"], 1);
    let modified = fs::metadata(&file).unwrap().modified().unwrap();

    // Same size, and the time a coarse clock would give it: only the content differs.
    write_jsonl(&file, &[("a1".into(), "bản mốt".into())]);
    fs::File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let s = reindex_json(&idx, &src);
    assert_eq!(
        (s["updated"].as_u64(), s["files_read"].as_u64()),
        (Some(1), Some(1)),
        "{s}"
    );
    assert_eq!(documents(&idx)["a1"], "bản mốt");

    // Once its time is settled, an unchanged file is passed over.
    settle(&src);
    assert_eq!(reindex_json(&idx, &src)["files_read"], 1);
    let s = reindex_json(&idx, &src);
    assert_eq!(
        (s["files_read"].as_u64(), s["unchanged"].as_u64()),
        (Some(0), Some(1)),
        "{s}"
    );
}
