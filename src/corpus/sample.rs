//! The sample corpus bundled into the binary, so a first search works on a fresh machine
//! with nothing else to download or point at.

use super::article::Problem;
use super::source::{read_jsonl, read_text, Format, Limits, Sink};
use include_dir::{include_dir, Dir};
use std::path::Path;

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/sample_corpus");

/// Where the sample articles are said to come from in messages and ids.
pub const SAMPLE_ROOT: &str = "sample_corpus";

/// Reads every bundled article into `sink`.
pub fn read_sample(limits: &Limits, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) {
    let mut files: Vec<_> = SAMPLE.files().collect();
    files.sort_by_key(|f| f.path());
    for file in files {
        let rel = file.path().to_string_lossy().into_owned();
        let display = format!("{SAMPLE_ROOT}/{rel}");
        match Format::of(Path::new(&rel)) {
            Some(Format::Text) => {
                let mut read = read_text(&rel, &display, file.contents(), limits);
                problems.append(&mut read.problems);
                sink(read.article.into_iter().collect());
            }
            Some(Format::JsonLines) => {
                read_jsonl(&rel, &display, file.contents(), limits, sink, problems);
            }
            None => {}
        }
    }
}

/// How many bytes of articles the sample holds.
pub fn sample_bytes() -> usize {
    SAMPLE.files().map(|f| f.contents().len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_reads_cleanly() {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        read_sample(
            &Limits::default(),
            &mut |b| articles.extend(b),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles.len(), 5 + 142);
        let roundup = articles
            .iter()
            .find(|a| a.origin.path.starts_with("003_"))
            .unwrap();
        assert_eq!(
            roundup.title,
            "Nhiều hoạt động chính trị quan trọng tại các xã, phường trên địa bàn tỉnh"
        );
        assert!(!roundup.body.contains("Cổng thông tin"));
        let quang_trung = articles
            .iter()
            .find(|a| a.origin.path.starts_with("004_"))
            .unwrap();
        assert!(!quang_trung.body.contains("Tỷ giá ngoại tệ"));
        assert!(quang_trung.body.ends_with("Hồng Hoàn"));
    }
}
