//! Replays the committed fuzz inputs (`fuzz/regressions/<target>/`: seeds and every crash the
//! fuzzers found) through the same checks the fuzz targets run, so CI tests them without
//! fuzzing. See the README's "Fuzzing" section.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        let caught = std::panic::catch_unwind(|| check(&bytes));
        assert!(caught.is_ok(), "{target}: {} fails", input.display());
    }
}

#[test]
fn text_inputs() {
    replay("text", checks::text);
}

#[test]
fn query_inputs() {
    replay("query", checks::query);
}

#[test]
fn readers_inputs() {
    replay("readers", checks::readers);
}
