//! End-to-end: building indexes, the first-run sample, and what the index directory tells.

mod common;

use common::*;
use std::fs;

/// A search at the default location: no `--index`, no `TRACUU_INDEX`.
fn search_default(data_home: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = tracuu(data_home)
        .env_remove("TRACUU_INDEX")
        .env("XDG_DATA_HOME", data_home)
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_first_search_builds_the_sample_index_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = search_default(dir.path(), &["đại hội đảng bộ"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("building one from the bundled sample corpus"),
        "{stderr}"
    );
    assert!(stdout.starts_with("1. "));
    assert!(dir.path().join("tracuu/index/CURRENT").is_file());
    // The second search uses it silently.
    let (code, _, stderr) = search_default(dir.path(), &["đại hội đảng bộ"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
}

/// A mistyped `--index` or `TRACUU_INDEX` is an error, never a quietly built sample.
#[test]
fn an_index_named_explicitly_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idxx");
    let (code, stdout, stderr) = search(&index, &["đại hội đảng bộ"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    let shown = index.display().to_string();
    assert_eq!(
        stderr.trim(),
        format!(
            "tracuu: no index at {shown}; build one with `tracuu index --index {shown} PATH...`"
        )
    );
    assert!(!index.exists(), "nothing is created there");
    // The same from --index, and for the other commands that read an index.
    for args in [vec!["search", "x"], vec!["count"], vec!["facets"]] {
        let out = tracuu(dir.path())
            .env_remove("TRACUU_INDEX")
            .arg("--index")
            .arg(&index)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn indexing_twice_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("i");
    for _ in 0..2 {
        let summary = run_json(
            tracuu(&index)
                .args(["index", "--json"])
                .arg(project_dir().join("sample_corpus")),
        );
        assert_eq!(summary["added"], 147);
    }
    let hits = json_hits(&index, &["--limit", "500", "Bách Quang"]);
    assert_eq!(ids(&hits).iter().filter(|i| *i == BACH_QUANG).count(), 1);
    // Only one generation is left on disk.
    let generations = generations(&index).len();
    assert_eq!(generations, 1);
}

#[test]
fn bad_input_is_reported_with_path_and_line_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::write(
        src.join("a.jsonl"),
        "{\"id\":\"good-1\",\"title\":\"Đại hội Chi bộ\",\"body\":\"Nội dung tốt.\"}\n{oops\n{\"id\":\"good-1\",\"title\":\"trùng\",\"body\":\"x\"}\n{\"id\":\"good-2\",\"title\":\"Hội nghị\",\"body\":\"Ban Chấp hành\"}\n",
    )
    .unwrap();
    fs::write(src.join("empty.txt"), "").unwrap();
    fs::write(src.join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    let errors = dir.path().join("errors.jsonl");
    let out = tracuu(&dir.path().join("index"))
        .args(["index", "--json", "--errors"])
        .arg(&errors)
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some input was skipped");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("a.jsonl:2: skipped: malformed JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a.jsonl:3: skipped: duplicate id \"good-1\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.txt: skipped: no article text"),
        "{stderr}"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"], 2);
    assert_eq!(summary["ignored_files"], 1);
    let logged: Vec<serde_json::Value> = fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(logged.len(), 3);
    assert_eq!(logged[0]["line"], 2);
}

#[test]
fn article_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("evil.jsonl");
    fs::write(&src, "{\"id\":\"e\\u001b[2J\",\"title\":\"Đại hội \\u001b[31mđỏ\",\"body\":\"Đại hội \\u009b31m xong\",\"url\":\"https://x.vn/\\u001b]0;pwned\\u0007\"}\n").unwrap();
    let index = dir.path().join("index");
    tracuu(&index).arg("index").arg(&src).assert().success();
    for color in ["never", "always"] {
        let (code, stdout, _) = search(&index, &["--color", color, "đại hội"]);
        assert_eq!(code, 0);
        let without_our_own = stdout
            .replace("\u{1b}[1;31m", "")
            .replace("\u{1b}[0m", "")
            .replace("\u{1b}[1m", "")
            .replace("\u{1b}[2m", "");
        assert!(!without_our_own.contains('\u{1b}'), "{stdout:?}");
        assert!(!without_our_own.contains('\u{9b}'));
        assert!(!without_our_own.contains('\u{7}'));
    }
}

#[test]
fn a_folder_that_is_not_an_index_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let (code, _, stderr) = search(dir.path(), &["đảng"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a tracuu index"), "{stderr}");
}

#[test]
fn an_index_of_another_schema_version_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    tracuu(&index)
        .arg("index")
        .arg(project_dir().join("sample_corpus/000_73331b18bb875419.txt"))
        .assert()
        .success();
    let generation = fs::read_to_string(index.join("CURRENT")).unwrap();
    let info_path = index.join(generation.trim()).join("tracuu.json");
    let mut info: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&info_path).unwrap()).unwrap();
    info["schema_version"] = 0.into();
    fs::write(&info_path, info.to_string()).unwrap();
    let (code, _, stderr) = search(&index, &["đảng"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("schema version 0") && stderr.contains("tracuu reindex"),
        "{stderr}"
    );
}

#[test]
fn a_damaged_index_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    tracuu(&index)
        .arg("index")
        .arg(project_dir().join("sample_corpus/001_f45b0b7ea27701f2.txt"))
        .assert()
        .success();
    let generation = fs::read_to_string(index.join("CURRENT")).unwrap();
    let gen_dir = index.join(generation.trim());
    fs::write(gen_dir.join("meta.json"), "{ truncated").unwrap();
    let (code, _, stderr) = search(&index, &["đảng"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

/// Issue #25, 2: `--index` pointed at a folder that is not a tracuu index deletes nothing in
/// it: `index` and `reindex` refuse it, and only generations tracuu made are ever removed,
/// also in an index built before tracuu marked its folders.
#[test]
fn a_folder_tracuu_did_not_make_is_never_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = project_dir().join("sample_corpus/000_73331b18bb875419.txt");
    let u = dir.path().join("u");
    let thesis = u.join("gen-2024/thesis.txt");
    fs::create_dir_all(thesis.parent().unwrap()).unwrap();
    fs::write(&thesis, "x").unwrap();
    for cmd in ["index", "reindex"] {
        let out = tracuu(&u).arg(cmd).arg(&corpus).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "tracuu: {} is not a tracuu index and not empty (it holds gen-2024)",
                u.display()
            )) && stderr.contains("point --index at"),
            "{stderr}"
        );
        assert!(thesis.exists(), "{cmd} removed a folder it did not make");
        let mut left: Vec<String> = fs::read_dir(&u)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["gen-2024"], "nothing written into it");
    }

    // An empty folder is fine.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    tracuu(&empty).arg("index").arg(&corpus).assert().success();

    // An index built before the marker (CURRENT, gen-*/tracuu.json, no TRACUU) is still
    // tracuu's, and a foreign gen-* folder put in it is left alone.
    fs::remove_file(empty.join("TRACUU")).unwrap();
    for entry in fs::read_dir(&empty).unwrap() {
        let _ = fs::remove_file(entry.unwrap().path().join("TRACUU"));
    }
    let foreign = empty.join("gen-2024/thesis.txt");
    fs::create_dir_all(foreign.parent().unwrap()).unwrap();
    fs::write(&foreign, "x").unwrap();
    let old = fs::read_to_string(empty.join("CURRENT")).unwrap();
    for cmd in ["index", "reindex", "index"] {
        tracuu(&empty).arg(cmd).arg(&corpus).assert().success();
    }
    assert!(
        !empty.join(old.trim()).exists(),
        "the replaced generation is removed"
    );
    assert!(foreign.exists());
    assert_eq!(search(&empty, &["Bách Quang"]).0, 0);
}

/// Runs `tracuu ARGS` under `umask`, with the index at `index`.
#[cfg(unix)]
fn under_umask(umask: &str, index: &std::path::Path, args: &[&std::ffi::OsStr]) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\" >/dev/null"))
        .arg(assert_cmd::cargo::cargo_bin("tracuu"))
        .args(args)
        .env("TRACUU_INDEX", index)
        .status()
        .unwrap();
    assert!(status.success(), "tracuu {args:?} under umask {umask}");
}

/// Every file under `dir` with its permission bits.
#[cfg(unix)]
fn modes(dir: &std::path::Path) -> Vec<(String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut all = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            all.extend(modes(&entry.path()));
        } else {
            let name = entry.path().display().to_string();
            all.push((name, meta.permissions().mode() & 0o777));
        }
    }
    all
}

#[cfg(unix)]
#[test]
fn index_files_follow_the_umask_so_other_users_can_search() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::copy(
        project_dir().join("sample_corpus").join(THACH_QUY),
        src.join(THACH_QUY),
    )
    .unwrap();
    for (umask, readable) in [("022", true), ("077", false)] {
        let index = dir.path().join(format!("index-{umask}"));
        under_umask(umask, &index, &["index".as_ref(), src.as_os_str()]);
        // A reindex that changes something commits again (meta.json, .managed.json).
        fs::write(
            src.join("more.jsonl"),
            format!(
                "{{\"id\":\"more-{umask}\",\"title\":\"Hội nghị\",\"body\":\"Ban Chấp hành\"}}\n"
            ),
        )
        .unwrap();
        under_umask(umask, &index, &["reindex".as_ref(), src.as_os_str()]);
        fs::remove_file(src.join("more.jsonl")).unwrap();
        let files = modes(&index);
        assert!(files.iter().any(|(f, _)| f.ends_with("meta.json")));
        assert!(files.iter().any(|(f, _)| f.ends_with(".managed.json")));
        for (file, mode) in files {
            if readable {
                assert_eq!(mode & 0o044, 0o044, "{file} is {mode:o} under umask 022");
            } else {
                assert_eq!(mode & 0o077, 0, "{file} is {mode:o} under umask 077");
            }
        }
    }
}

/// Starts `n` searches at once and returns each one's (exit code, stderr).
fn simultaneous_searches(
    n: usize,
    setup: impl Fn(&mut std::process::Command),
) -> Vec<(i32, String)> {
    let children: Vec<_> = (0..n)
        .map(|_| {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"));
            cmd.env_remove("TRACUU_INDEX")
                .env_remove("XDG_DATA_HOME")
                .env_remove("NO_COLOR")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            setup(&mut cmd);
            cmd.args(["search", "đại hội"])
                .spawn()
                .expect("tracuu runs")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("tracuu runs");
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn simultaneous_first_searches_wait_for_one_build() {
    let dir = tempfile::tempdir().unwrap();
    // At the default location under a fresh XDG_DATA_HOME: the first search builds the
    // sample there, the others wait for it.
    let data = dir.path().join("data");
    let results = simultaneous_searches(4, |cmd| {
        cmd.env("XDG_DATA_HOME", &data);
    });
    for (code, stderr) in &results {
        assert_eq!(*code, 0, "{stderr}");
        assert!(!stderr.contains("process ?"), "{stderr}");
    }
    let builds = results
        .iter()
        .filter(|(_, stderr)| stderr.contains("building one from the bundled sample"))
        .count();
    assert_eq!(builds, 1, "{results:?}");
    assert_eq!(generations(&data.join("tracuu/index")).len(), 1);
    // An empty folder named with --index is no index: every search says so, the same way,
    // and none builds anything there.
    let empty = dir.path().join("new");
    fs::create_dir(&empty).unwrap();
    let results = simultaneous_searches(4, |cmd| {
        cmd.arg("--index").arg(&empty);
    });
    let shown = empty.display();
    for (code, stderr) in &results {
        assert_eq!(*code, 2, "{stderr}");
        assert_eq!(
            stderr.trim(),
            format!("tracuu: no index at {shown}; build one with `tracuu index --index {shown} PATH...`")
        );
    }
    assert!(generations(&empty).is_empty());
}

#[test]
fn a_lost_current_is_reported_not_replaced_by_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("i");
    tracuu(&index)
        .arg("index")
        .arg(project_dir().join("sample_corpus/000_73331b18bb875419.txt"))
        .assert()
        .success();
    let before = generations(&index);
    fs::remove_file(index.join("CURRENT")).unwrap();
    let (code, _, stderr) = search(&index, &["đại hội"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("it has no CURRENT file"), "{stderr}");
    assert_eq!(generations(&index), before, "nothing removed");
}
