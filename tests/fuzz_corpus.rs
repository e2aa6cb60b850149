//! Replays the committed fuzz inputs (`fuzz/regressions/<target>/`: seeds and every crash the
//! fuzzers found) through the same checks the fuzz targets run, so CI tests them without
//! fuzzing. See GUIDE.md's "Fuzzing" section.

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

/// The encoding check reads only the reader's own words: a quoted input value that happens
/// to spell "UTF-8" is not an encoding problem (found by the `readers` fuzzer).
#[test]
fn quoted_input_is_not_the_readers_own_words() {
    let reason = r#"`published` "202UTF-816" is not an ISO 8601 date; ignored"#;
    assert!(!checks::outside_quotes(reason).contains("UTF-8"));
    let escaped = r#"`title` "a\"UTF-8\" b" (UTF-16 note)"#;
    assert_eq!(checks::outside_quotes(escaped), "`title`  (UTF-16 note)");
    assert!(
        checks::outside_quotes("invalid UTF-8 from byte 4: 1 bad sequence(s) dropped")
            .contains("UTF-8")
    );
}
