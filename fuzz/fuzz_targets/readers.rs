#![no_main]
//! Fuzz target `readers`: see `fuzz/checks.rs` for what it asserts.

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::readers(data));
