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
            .env("TRACUU_INDEX", dir.path().join("index"))
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
