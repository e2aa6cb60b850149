//! The nightly cycle under faults, as a cron job meets them: sources edited, added and
//! deleted between runs, reindexes killed (SIGKILL) at random moments and run again, a
//! full disk every tenth night (the index on a small tmpfs, where the test may mount one),
//! and searches in a loop all the while. Over 200 cycles: no search fails, the index holds
//! exactly the articles of the sources (none lost, none twice), `tracuu check` finds it
//! sound, and its folder holds nothing but the live index.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const CYCLES: usize = 200;

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The sources: file name → (id → body), written as JSON Lines.
type Sources = BTreeMap<String, BTreeMap<String, String>>;

fn write_file(dir: &Path, name: &str, articles: &BTreeMap<String, String>) {
    let mut text = String::new();
    for (id, body) in articles {
        text.push_str(&format!(
            "{}\n",
            serde_json::json!({"id": id, "title": format!("Đại hội chi bộ {id}"), "body": body})
        ));
    }
    std::fs::write(dir.join(name), text).unwrap();
}

fn reindex(index: &Path, src: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracuu"));
    cmd.env_remove("TRACUU_INDEX")
        .arg("--index")
        .arg(index)
        .args(["reindex", "--max-remove", "100"])
        .arg(src)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Every id `tracuu export` gives, in order (duplicates kept).
fn exported(index: &Path) -> Vec<String> {
    let out = tracuu(index).arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let a: serde_json::Value = serde_json::from_str(l).unwrap();
            a["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Files in the index folder that are not part of the live index.
fn strays(index: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let current = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let live = current.trim().to_owned();
    for entry in std::fs::read_dir(index).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !["CURRENT", "LOCK", "TRACUU", live.as_str()].contains(&name.as_str()) {
            out.push(name);
        }
    }
    let generation = index.join(&live);
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(generation.join("meta.json")).unwrap())
            .unwrap();
    let segments: HashSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    let manifest = meta["payload"].as_str().unwrap_or_default().to_owned();
    for entry in std::fs::read_dir(&generation).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let known = [
            "meta.json",
            ".managed.json",
            "tracuu.json",
            "TRACUU",
            ".tantivy-meta.lock",
            ".tantivy-writer.lock",
        ]
        .contains(&name.as_str())
            || name == manifest
            || name
                .split('.')
                .next()
                .is_some_and(|uuid| segments.contains(uuid));
        if !known {
            out.push(format!("{live}/{name}"));
        }
    }
    out
}

/// Unmounts a test mount when dropped.
struct Mount(std::path::PathBuf);

impl Mount {
    fn tmpfs(size: &str, target: &Path) -> Option<Mount> {
        std::fs::create_dir_all(target).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(target)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(target.to_owned()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the disk of `dir` to the last byte with one file, which it returns.
fn fill(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while file.write_all(&chunk).is_ok() {}
    for size in [4096, 512, 1] {
        while file.write_all(&chunk[..size]).is_ok() {}
    }
    path
}

#[test]
fn the_nightly_cycle_survives_kills_full_disks_and_concurrent_searches() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let disk = dir.path().join("disk");
    let mount = Mount::tmpfs("32m", &disk);
    if mount.is_none() {
        eprintln!("note: cannot mount a tmpfs here (not root?); no full disks in this run");
        std::fs::create_dir_all(&disk).unwrap();
    }
    let index = disk.join("index");
    std::fs::create_dir(&src).unwrap();
    let mut rng = Rng(0x7261_6375_7521);
    let mut sources: Sources = BTreeMap::new();
    let mut next_id = 0;
    let mut new_article = |rng: &mut Rng| {
        next_id += 1;
        let body = format!(
            "Ban Chấp hành nhiệm kỳ 2025-2030 gồm {} đồng chí, bản {}",
            rng.below(50),
            rng.next()
        );
        (format!("a{next_id}"), body)
    };
    for f in 0..8 {
        let articles = (0..12).map(|_| new_article(&mut rng)).collect();
        sources.insert(format!("f{f}.jsonl"), articles);
    }
    for (name, articles) in &sources {
        write_file(&src, name, articles);
    }
    tracuu(&index).arg("index").arg(&src).assert().success();

    // Searches in a loop, the whole time.
    let stop = Arc::new(AtomicBool::new(false));
    let (ran, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let searcher = {
        let (stop, ran, failed, index) = (stop.clone(), ran.clone(), failed.clone(), index.clone());
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let out = tracuu(&index)
                    .args(["search", "--no-snippets", "-n", "3", "chi bộ"])
                    .output()
                    .unwrap();
                ran.fetch_add(1, Ordering::Relaxed);
                if out.status.code() != Some(0) {
                    failed.fetch_add(1, Ordering::Relaxed);
                    failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
            failures
        })
    };

    let mut killed = 0;
    let mut full_disks = 0;
    // How long a whole run took last: a kill lands within it however fast the build is.
    let mut run_ms = 120;
    for cycle in 0..CYCLES {
        // The night's changes: an article added, one edited, one removed, sometimes a file
        // added or removed.
        let names: Vec<String> = sources.keys().cloned().collect();
        let name = &names[rng.below(names.len() as u64) as usize];
        match rng.below(5) {
            0 if sources.len() > 3 => {
                sources.remove(name);
                std::fs::remove_file(src.join(name)).unwrap();
            }
            1 => {
                let articles = (0..5).map(|_| new_article(&mut rng)).collect();
                sources.insert(format!("n{cycle}.jsonl"), articles);
            }
            _ => {
                let articles = sources.get_mut(name).unwrap();
                let (id, body) = new_article(&mut rng);
                articles.insert(id, body);
                let ids: Vec<String> = articles.keys().cloned().collect();
                let edited = &ids[rng.below(ids.len() as u64) as usize];
                articles.insert(edited.clone(), format!("đã sửa {}", rng.next()));
                if articles.len() > 2 {
                    let gone = ids[rng.below(ids.len() as u64) as usize].clone();
                    articles.remove(&gone);
                }
            }
        }
        for (name, articles) in &sources {
            write_file(&src, name, articles);
        }
        // One night in ten, the disk is full: the run fails, saying so, and leaves the index
        // as it was; the next one, with space again, does the work.
        if mount.is_some() && cycle % 10 == 5 {
            let before = exported(&index);
            let filler = fill(&disk);
            let out = reindex(&index, &src).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            std::fs::remove_file(filler).unwrap();
            match out.status.code() {
                // Removing what earlier runs left (merged segments) can make room enough.
                Some(0) => {}
                Some(2) => {
                    assert!(stderr.contains("disk is full"), "cycle {cycle}: {stderr}");
                    let after = exported(&index);
                    assert_eq!(after, before, "cycle {cycle}: changed by a failed run");
                    assert_eq!(strays(&index), Vec::<String>::new(), "cycle {cycle}");
                    full_disks += 1;
                }
                code => panic!("cycle {cycle}: exit {code:?}: {stderr}"),
            }
        }
        // One night in three, the run is killed part way, then run again.
        if rng.below(3) == 0 {
            let mut child = reindex(&index, &src).spawn().unwrap();
            std::thread::sleep(Duration::from_millis(rng.below(run_ms)));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap();
                killed += 1;
            }
            child.wait().unwrap();
        }
        let started = std::time::Instant::now();
        let out = reindex(&index, &src).output().unwrap();
        run_ms = (started.elapsed().as_millis() as u64).max(1);
        assert!(
            matches!(out.status.code(), Some(0)),
            "cycle {cycle}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut want: Vec<String> = sources.values().flat_map(|a| a.keys().cloned()).collect();
        want.sort();
        let mut got = exported(&index);
        got.sort();
        let unique: BTreeSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), got.len(), "cycle {cycle}: an article twice");
        assert_eq!(got, want, "cycle {cycle}: the index and the sources differ");
        let check = tracuu(&index).arg("check").output().unwrap();
        assert_eq!(check.status.code(), Some(0), "cycle {cycle}: {check:?}");
        assert_eq!(strays(&index), Vec::<String>::new(), "cycle {cycle}");
    }
    stop.store(true, Ordering::Relaxed);
    let failures = searcher.join().unwrap();
    eprintln!("{killed} runs killed part way, {full_disks} full disks");
    assert!(killed >= 20, "only {killed} runs were killed part way");
    assert!(
        mount.is_none() || full_disks >= CYCLES / 20,
        "{full_disks} full disks"
    );
    assert!(
        ran.load(Ordering::Relaxed) >= CYCLES,
        "{} searches",
        ran.load(Ordering::Relaxed)
    );
    assert_eq!(failed.load(Ordering::Relaxed), 0, "{failures:?}");
}
