//! A damaged index is never searched as if it were whole (issue #25, defects 9–11):
//! changed segment files and wrong document counts are refused with exit 2, `tracuu check`
//! names every damaged file, the advice printed repairs the index when run as printed, and a
//! reindex rebuilds a damaged live index from its sources instead of leaving it broken.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a run of the binary did.
#[derive(Debug)]
struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(index: &Path, args: &[&str]) -> Out {
    let out = tracuu(index)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("tracuu runs");
    let out = Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    out
}

/// An index of `sample_corpus/` in a fresh folder: (temporary folder, index root).
fn fresh_index() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = run(&index, &["index", "--threads", "1", &sources()]);
    assert_eq!(out.code, Some(0), "{out:?}");
    (dir, index)
}

fn sources() -> String {
    project_dir().join("sample_corpus").display().to_string()
}

fn live(index: &Path) -> PathBuf {
    index.join(fs::read_to_string(index.join("CURRENT")).unwrap().trim())
}

/// The live generation's files whose name ends with `ext`, largest first.
fn files_ending(index: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = fs::read_dir(live(index))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .map(|p| (fs::metadata(&p).unwrap().len(), p))
        .collect();
    files.sort();
    files.reverse();
    files.into_iter().map(|(_, p)| p).collect()
}

/// Flips a few bytes in the middle of `file`, its footer (and checksum) left as it was.
fn flip_middle(file: &Path) {
    let mut bytes = fs::read(file).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 16] {
        *b ^= 0x5a;
    }
    fs::write(file, bytes).unwrap();
}

/// Sets the `max_doc` of the first segment in the live `meta.json`.
fn set_max_doc(index: &Path, max_doc: u64) {
    let path = live(index).join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    meta["segments"][0]["max_doc"] = max_doc.into();
    fs::write(&path, meta.to_string()).unwrap();
}

/// The command between backquotes in an error's advice, e.g. `tracuu index --index X PATH...`.
fn advice(stderr: &str) -> String {
    let start = stderr.rfind("with `").expect("advice") + "with `".len();
    let end = start + stderr[start..].find('`').expect("closing quote");
    stderr[start..end].to_owned()
}

/// Runs the advice as printed, with the binary for `tracuu` and the sources for `PATH...`.
fn run_advice(advice: &str) -> Out {
    assert!(advice.starts_with("tracuu index --index "), "{advice}");
    assert!(advice.ends_with(" PATH..."), "{advice}");
    assert!(
        !advice.contains("gen-"),
        "names the root, not a generation: {advice}"
    );
    let command = advice.replacen("tracuu", env!("CARGO_BIN_EXE_tracuu"), 1);
    let command = command.replace("PATH...", &sources());
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&command)
        .env_remove("TRACUU_INDEX")
        .output()
        .unwrap();
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn assert_sound(index: &Path) {
    let out = run(index, &["check"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("is sound"), "{out:?}");
    let out = run(index, &["search", "--no-snippets", "đại hội"]);
    assert_eq!(out.code, Some(0), "{out:?}");
}

fn export_count(index: &Path) -> usize {
    let out = run(index, &["export"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    out.stdout.lines().count()
}

/// Issue #25, 9: bytes changed in the middle of the largest postings file made searches
/// return other results with exit 0. A changed file is now verified against its checksum
/// when a search opens the index, and refused.
#[test]
fn a_changed_segment_file_is_refused_by_search() {
    let (_dir, index) = fresh_index();
    let before = run(&index, &["search", "--json", "--no-snippets", "đại hội"]);
    assert_eq!(before.code, Some(0), "{before:?}");
    // A file rewritten with the same bytes (its time changed) is verified, and searched.
    let store = &files_ending(&index, ".store")[0];
    fs::write(store, fs::read(store).unwrap()).unwrap();
    let again = run(&index, &["search", "--json", "--no-snippets", "đại hội"]);
    assert_eq!(again.stdout, before.stdout, "{again:?}");

    let idx = &files_ending(&index, ".idx")[0];
    flip_middle(idx);
    for query in ["đại hội", "kinh tế", "bóng đá"] {
        let out = run(&index, &["search", "--no-snippets", query]);
        assert_eq!(out.code, Some(2), "{query}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
        assert!(out.stderr.contains("is damaged"), "{out:?}");
        assert!(out.stderr.contains(&idx.display().to_string()), "{out:?}");
        assert!(
            out.stderr.contains("does not match its checksum"),
            "{out:?}"
        );
    }
    let out = run(&index, &["export"]);
    assert_eq!(out.code, Some(2), "{out:?}");
}

/// Issue #25, 10: a `max_doc` of 10^9 in `meta.json` made `export` run for ever; 3 made it
/// export a fraction of the index with exit 0. Opening the index compares the count with
/// the segment's files.
#[test]
fn a_wrong_document_count_in_meta_json_is_refused() {
    let (_dir, index) = fresh_index();
    let total = export_count(&index);
    assert!(total > 100, "{total}");
    let meta = live(&index).join("meta.json");
    let pristine = fs::read(&meta).unwrap();
    for max_doc in [1_000_000_000, 3, 0] {
        set_max_doc(&index, max_doc);
        for args in [&["export"][..], &["search", "đại hội"], &["facets"]] {
            let out = run(&index, args);
            assert_eq!(out.code, Some(2), "max_doc {max_doc} {args:?}: {out:?}");
            assert!(out.stdout.is_empty(), "{out:?}");
            assert!(
                out.stderr.contains(&meta.display().to_string())
                    && out.stderr.contains(&format!("{max_doc} documents")),
                "{out:?}"
            );
        }
        fs::write(&meta, &pristine).unwrap();
    }
    assert_eq!(export_count(&index), total);
}

/// Damages an index and returns the path of what it damaged.
type Damage = fn(&Path) -> PathBuf;

/// The damages of issue #25, 9–11, each applied to a fresh index.
fn damages() -> Vec<(&'static str, Damage)> {
    vec![
        ("bytes flipped in the largest .idx", |index| {
            let idx = files_ending(index, ".idx")[0].clone();
            flip_middle(&idx);
            idx
        }),
        ("a segment file removed", |index| {
            let norms = files_ending(index, ".fieldnorm")[0].clone();
            fs::remove_file(&norms).unwrap();
            norms
        }),
        ("CURRENT emptied", |index| {
            fs::write(index.join("CURRENT"), "").unwrap();
            index.join("CURRENT")
        }),
        ("the manifest is garbage", |index| {
            let manifest = fs::read_dir(live(index))
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.to_string_lossy().contains("manifest-"))
                .unwrap();
            fs::write(&manifest, "{garbage").unwrap();
            manifest
        }),
        ("max_doc 3 in meta.json", |index| {
            set_max_doc(index, 3);
            live(index).join("meta.json")
        }),
    ]
}

/// `tracuu check` exits 0 on a sound index; on each damage it exits 2 naming the damaged
/// file, and its advice, run as printed, repairs the index.
#[test]
fn check_names_each_damage_and_its_advice_repairs_it() {
    for (what, damage) in damages() {
        let (_dir, index) = fresh_index();
        assert_sound(&index);
        let total = export_count(&index);
        let damaged = damage(&index);
        let out = run(&index, &["check"]);
        assert_eq!(out.code, Some(2), "{what}: {out:?}");
        assert!(
            out.stdout
                .contains(&format!("damaged: {}", damaged.display())),
            "{what}: {out:?}"
        );
        assert!(out.stderr.contains("is damaged"), "{what}: {out:?}");
        let repair = run_advice(&advice(&out.stderr));
        assert_eq!(repair.code, Some(0), "{what}: {repair:?}");
        assert_sound(&index);
        assert_eq!(export_count(&index), total, "{what}");
    }
}

/// Issue #25, 11: the advice of a damaged index's search error repairs it, and names the
/// index's root folder.
#[test]
fn the_advice_of_a_search_on_a_damaged_index_repairs_it() {
    for (what, damage) in damages() {
        if what.contains("manifest") {
            continue; // A search does not read the manifest; check and reindex do.
        }
        let (_dir, index) = fresh_index();
        damage(&index);
        let out = run(&index, &["search", "--no-snippets", "đại hội"]);
        assert_eq!(out.code, Some(2), "{what}: {out:?}");
        let repair = run_advice(&advice(&out.stderr));
        assert_eq!(repair.code, Some(0), "{what}: {repair:?}");
        assert_sound(&index);
    }
}

/// Issue #25, 11: `reindex` reported "unchanged" and exited 0 over a missing segment file,
/// failed on an empty CURRENT, and advised a generation folder for a garbage manifest. It
/// now rebuilds a damaged live index from its sources, says why, and leaves it whole.
#[test]
fn reindex_rebuilds_a_damaged_live_index() {
    for (what, damage) in damages() {
        let (_dir, index) = fresh_index();
        let total = export_count(&index);
        damage(&index);
        let out = run(&index, &["reindex", "--json", &sources()]);
        assert_eq!(out.code, Some(0), "{what}: {out:?}");
        let summary: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
        let rebuilt = summary["rebuilt"].as_str().unwrap_or_default();
        assert!(rebuilt.contains("damaged"), "{what}: {summary}");
        assert_eq!(summary["added"], total, "{what}: {summary}");
        assert_sound(&index);
        assert_eq!(export_count(&index), total, "{what}");
        assert_eq!(generations(&index).len(), 1, "{what}");
    }
}
