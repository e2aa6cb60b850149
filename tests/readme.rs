//! The example commands of README.md and GUIDE.md work: every line of a ```sh block is run,
//! in order, with the built binary as `tracuu` (and `cargo run --release --` meaning the same
//! binary). Each document runs against an index of its own.

mod common;

use common::*;
use std::process::Command;

fn sh_blocks(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        match line.trim() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if in_sh && !l.is_empty() && !l.starts_with('#') => lines.push(l.to_owned()),
            _ => {}
        }
    }
    lines
}

/// Runs every `sh` line of `file` (in the project folder) and returns how many ran.
fn run_sh_blocks(file: &str) -> usize {
    let text = std::fs::read_to_string(project_dir().join(file)).unwrap();
    let commands = sh_blocks(&text);
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_tracuu"))
        .parent()
        .unwrap()
        .to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for command in commands {
        if command == "cargo test" {
            continue; // That is this very run.
        }
        let command = command.replace("cargo run --release --", "tracuu");
        assert!(
            command.starts_with("tracuu "),
            "unexpected {file} command: {command}"
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(&command)
            .current_dir(project_dir())
            .env("PATH", &path)
            // The default location, as on a fresh machine: the first search builds the
            // sample there.
            .env_remove("TRACUU_INDEX")
            .env("XDG_DATA_HOME", dir.path())
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(code == 0, "{file}: `{command}` exited {code}: {stderr}");
        assert!(
            !out.stdout.is_empty(),
            "{file}: `{command}` printed nothing"
        );
        ran += 1;
    }
    ran
}

#[test]
fn readme_commands_run() {
    assert!(run_sh_blocks("README.md") >= 5);
}

#[test]
fn guide_commands_run() {
    assert!(run_sh_blocks("GUIDE.md") >= 5);
}

/// The README's cron line, run as cron runs it (`sh -c`) with its paths in a temporary
/// folder: silent when the run succeeds or only skips input, and one line, which cron
/// mails, when it fails. The `--errors` file keeps every night's problems.
#[test]
fn the_cron_line_speaks_only_when_the_run_fails() {
    let readme = std::fs::read_to_string(project_dir().join("README.md")).unwrap();
    let schedule = "30 2 * * *";
    let line = readme
        .lines()
        .find(|l| l.starts_with(schedule))
        .expect("the README has a cron line");
    let dir = tempfile::tempdir().unwrap();
    let at = |p: &str| dir.path().join(p).display().to_string();
    std::fs::create_dir_all(at("log")).unwrap();
    std::fs::create_dir_all(at("crawl")).unwrap();
    std::fs::write(
        at("crawl/a.txt"),
        "Đại hội Chi bộ khu 5B\n\nChiều 3/7, Chi bộ khu 5B tổ chức Đại hội lần thứ V.\n",
    )
    .unwrap();
    let command = line[schedule.len()..]
        .trim_start()
        .replace("/usr/local/bin/tracuu", env!("CARGO_BIN_EXE_tracuu"))
        .replace("/var/lib/tracuu/index", &at("index"))
        .replace("/var/log/tracuu", &at("log"))
        .replace("/srv/crawl", &at("crawl"));
    let night = || {
        let out = Command::new("sh").arg("-c").arg(&command).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(night(), (Some(0), String::new()), "a good night is silent");
    std::fs::write(at("crawl/b.jsonl"), "{\"id\": \"b1\", \"title\": \"x\"\n").unwrap();
    // Written well before the night, as a crawl's files are: the next night takes it as
    // unchanged.
    common::settle(std::path::Path::new(&at("crawl")));
    assert_eq!(night(), (Some(0), String::new()), "skipped input is silent");
    // Unchanged, still malformed: the next night reports it again, its article still
    // missing.
    assert_eq!(night(), (Some(0), String::new()));
    let skipped = std::fs::read_to_string(at("log/skipped.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = skipped
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one line per night: {skipped}");
    assert!(lines
        .iter()
        .all(|l| l["run"].as_str().is_some_and(|r| r.ends_with("UTC"))));
    assert_eq!(lines[0]["path"], lines[1]["path"]);
    assert_eq!(lines[0]["line"], lines[1]["line"]);
    let again = lines[1]["reason"].as_str().unwrap();
    assert!(again.ends_with("(the file is unchanged since)"), "{again}");
    std::fs::remove_dir_all(at("crawl")).unwrap();
    let (code, printed) = night();
    assert_eq!(
        code,
        Some(0),
        "cron sees the line printed, not the exit code"
    );
    assert!(printed.starts_with("tracuu reindex failed"), "{printed}");
    let log = std::fs::read_to_string(at("log/reindex.log")).unwrap();
    assert!(log.contains("tracuu:"), "the failure is in the log: {log}");
}
