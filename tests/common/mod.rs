//! Helpers for end-to-end tests: the real binary, run against indexes in temporary folders.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const BACH_QUANG: &str =
    "https://baothainguyen.vn/chinh-tri/202501/tp-song-cong-dai-hoi-dang-diem-cap-co-so-thanh-cong-tot-dep-ad50c0f/";
pub const CHI_LANG: &str =
    "https://baolangson.vn/dai-hoi-diem-dang-bo-phuong-chi-lang-thanh-pho-lang-son-nhiem-ky-2025-2030-5035365.html";
pub const THACH_QUY: &str = "002_babc18fcf35ee8cf.txt";
pub const ROUNDUP: &str = "003_4ddd6200ab2362eb.txt";
pub const QUANG_TRUNG: &str = "004_15548a90c78a3968.txt";

/// The project's folder (where `sample_corpus/` is).
pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tracuu` with a clean environment: no colour variables, index at `index`.
pub fn tracuu(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tracuu").expect("the tracuu binary is built");
    cmd.env("TRACUU_INDEX", index)
        .env_remove("NO_COLOR")
        .env_remove("XDG_DATA_HOME");
    cmd
}

/// An index of `sample_corpus/`, built once per test binary and shared (read-only).
pub fn sample_index() -> &'static Path {
    static INDEX: OnceLock<tempfile::TempDir> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let index = dir.path().join("index");
            tracuu(&index)
                .arg("index")
                .arg(project_dir().join("sample_corpus"))
                .assert()
                .success();
            dir
        })
        .path()
        .join("index")
        .leak()
}

/// Runs a search and returns (exit code, stdout, stderr).
pub fn search(index: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    run(index, &all)
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(index: &Path, args: &[&str]) -> (i32, String, String) {
    let out = tracuu(index).args(args).output().expect("tracuu runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// The JSON hits of a search.
pub fn json_hits(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = search(index, &all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

pub fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Runs a command that must succeed (exit 0) and print one JSON value.
pub fn run_json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("tracuu runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The generation folders (`gen-…`) an index folder holds, sorted.
pub fn generations(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index)
        .expect("the index folder is readable")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with("gen-"))
        .collect();
    names.sort();
    names
}

/// Dates every file under `dir` an hour back, as files written before the last reindex
/// are: one modified within seconds of a reindex is read again by the next (a rewrite of the
/// same size could keep its modification time), so tests of what "unchanged" skips settle
/// their files first.
#[allow(dead_code)]
pub fn settle(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .append(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(past).unwrap();
        }
    }
}
